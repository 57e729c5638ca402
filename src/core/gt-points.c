/* gt-points.c — the 学分 + 工分 ledger ("月度积分", domain §3.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-member.h"
#include "gt-points.h"

void
gt_points_entry_free (GtPointsEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->uuid);
  g_free (entry->member_name);
  g_free (entry->org_name);
  g_free (entry->month);
  g_free (entry->kind);
  g_free (entry->item_code);
  g_free (entry->category);
  g_free (entry->note);
  g_free (entry);
}

gboolean
gt_score_has_table (GtStorage *storage, const char *name)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                           NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
gt_member_org_on (GtStorage *storage, gint64 member_id, const char *date, gint64 *org_id,
                  GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT org_id FROM member_events WHERE member_id = ? AND date <= ? AND org_id IS NOT NULL"
    " AND kind IN ('admission', 'transfer_in') ORDER BY date DESC, id DESC LIMIT 1",
    error);
  int rc;

  *org_id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *org_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "member events");
      return FALSE;
    }
  return TRUE;
}

static gboolean
month_is_valid (const char *month)
{
  g_autofree char *day = NULL;

  if (month == NULL || strlen (month) != 7)
    return FALSE;
  day = g_strdup_printf ("%s-01", month);
  return gt_date_is_valid (day);
}

gboolean
gt_points_add (GtStorage *storage, const GtScoreRules *rules, gint64 member_id,
               const char *month, const char *item_code, int points, const char *note,
               gint64 *id, GError **error)
{
  const GtScoreItem *item = gt_score_rules_find_item (rules, item_code);
  g_autofree char *today = gt_today (), *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  g_autofree char *period_text = NULL;
  GtScorePeriod period;
  gint64 org_id = 0, exists = 0;
  sqlite3_stmt *stmt;
  int signed_points;

  if (!month_is_valid (month))
    return gt_storage_refuse (storage, error, _("“%s” is not a month (YYYY-MM)"),
                              month ? month : "");
  if (strncmp (month, today, 7) > 0)
    return gt_storage_refuse (storage, error, _("%s lies in the future"), month);
  if (item == NULL)
    return gt_storage_refuse (storage, error,
                              _("“%s” is not an item of the rubric (version %d)"),
                              item_code ? item_code : "", (int) rules->version);
  if (points < -1 || points > 1000)
    return gt_storage_refuse (storage, error, _("points must lie between 0 and 1000, not %d"),
                              points);
  if (!gt_storage_check_length (storage, _("the note"), note, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "SELECT count(*) FROM members WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    exists = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (exists == 0)
    return gt_storage_refuse (storage, error, _("there is no member %d"), (int) member_id);

  if (!gt_score_period_parse (month, &period, error) ||
      !gt_member_org_on (storage, member_id, period.end, &org_id, error))
    return FALSE;
  if (org_id == 0)
    return gt_member_refuse (storage, error, member_id, _("was not yet a member in %s"),
                             month);

  /* A basic item is the month's attendance, dues or study: once a month, or a year could
   * hold 23 "attended the meetings" and a score of 121 of 100. */
  if (g_strcmp0 (item->category, "basic") == 0)
    {
      gint64 held = 0;

      stmt = gt_storage_prepare (storage, "SELECT count(*) FROM score_points WHERE member_id = ?"
                                          " AND month = ? AND item_code = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, member_id);
      sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, item->code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        held = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (held > 0)
        return gt_member_refuse (storage, error, member_id,
                                 _("already has “%s” for %s: a basic item counts"
                                   " once a month (remove that entry to change it)"),
                                 item->label, month);
    }

  signed_points = points < 0 ? item->points : points;
  if (g_strcmp0 (item->category, "penalty") == 0 || g_strcmp0 (item->category, "downgrade") == 0)
    signed_points = -signed_points;

  stmt = gt_storage_prepare (storage,
                             "INSERT INTO score_points (uuid, member_id, org_id, month, kind, item_code,"
                             " category, points, note, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_int64 (stmt, 3, org_id);
  sqlite3_bind_text (stmt, 4, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, item->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, item->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, item->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, signed_points);
  sqlite3_bind_text (stmt, 9, note ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, mtime, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  gt_storage_emit_changed (storage, "score_points");
  return TRUE;
}

gboolean
gt_points_remove (GtStorage *storage, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "DELETE FROM score_points WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (sqlite3_changes (gt_storage_get_db (storage)) == 0)
    return gt_storage_refuse (storage, error, _("there is no points entry %d"), (int) id);
  gt_storage_emit_changed (storage, "score_points");
  return TRUE;
}

static gpointer
read_entry (sqlite3_stmt *stmt)
{
  GtPointsEntry *entry = g_new0 (GtPointsEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->uuid = GT_COLUMN_TEXT (stmt, 1);
  entry->member_id = sqlite3_column_int64 (stmt, 2);
  entry->member_name = GT_COLUMN_TEXT (stmt, 3);
  entry->org_id = sqlite3_column_int64 (stmt, 4);
  entry->org_name = GT_COLUMN_TEXT (stmt, 5);
  entry->month = GT_COLUMN_TEXT (stmt, 6);
  entry->kind = GT_COLUMN_TEXT (stmt, 7);
  entry->item_code = GT_COLUMN_TEXT (stmt, 8);
  entry->category = GT_COLUMN_TEXT (stmt, 9);
  entry->points = sqlite3_column_int (stmt, 10);
  entry->note = GT_COLUMN_TEXT (stmt, 11);
  return entry;
}

GPtrArray *
gt_points_list (GtStorage *storage, gint64 member_id, const GtScorePeriod *period,
                GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT p.id, p.uuid, p.member_id, m.name, p.org_id, o.name, p.month, p.kind, p.item_code,"
    " p.category, p.points, p.note"
    " FROM score_points p JOIN members m ON m.id = p.member_id"
    " JOIN organizations o ON o.id = p.org_id"
    " WHERE (?1 = 0 OR p.member_id = ?1) AND p.month BETWEEN ?2 AND ?3"
    " ORDER BY p.month, p.member_id, p.id",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, period ? period->first_ym : "0000-00", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period ? period->last_ym : "9999-99", -1, SQLITE_TRANSIENT);
  return gt_storage_collect (storage, stmt, read_entry, (GDestroyNotify) gt_points_entry_free,
                             error);
}
