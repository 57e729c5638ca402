/* gt-transfer.c — transfers out and in, receipts, the dues ledger's last month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-develop.h"
#include "gt-member.h"
#include "gt-member-private.h"
#include "gt-org.h"
#include "gt-transfer.h"

#define TEXT GT_COLUMN_TEXT

void
gt_transfer_free (GtTransfer *t)
{
  if (t == NULL)
    return;
  g_free (t->uuid);
  g_free (t->number);
  g_free (t->direction);
  g_free (t->member_name);
  g_free (t->gender);
  g_free (t->ethnicity);
  g_free (t->id_number);
  g_free (t->category);
  g_free (t->from_org);
  g_free (t->to_org);
  g_free (t->issued_on);
  g_free (t->valid_until);
  g_free (t->dues_paid_to);
  g_free (t->receipt_on);
  g_free (t->notes);
  g_free (t);
}

static const char *
empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
blank (const char *text)
{
  return text == NULL || *text == '\0';
}

char *
gt_transfer_dues_paid_to (GtStorage *storage, gint64 member_id)
{
  sqlite3 *db = gt_storage_get_db (storage);
  sqlite3_stmt *stmt = NULL;
  char *month = NULL;

  /* The ledger belongs to another area and may not exist (yet): ask SQLite directly, so a
   * missing table or column is no error. */
  if (sqlite3_prepare_v2 (db, "SELECT max (month) FROM dues_payments WHERE member_id = ?", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return g_strdup ("");
    }
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    month = g_strndup ((const char *) sqlite3_column_text (stmt, 0), 7);
  sqlite3_finalize (stmt);
  return month != NULL ? month : g_strdup ("");
}

/* Whole years from @birth to @date. */
static int
age_on (const char *birth, const char *date)
{
  int by = 0, bm = 0, bd = 0, y = 0, m = 0, d = 0, age;

  if (birth == NULL || sscanf (birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
      sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return 0;
  age = y - by;
  if (m < bm || (m == bm && d < bd))
    age--;
  return MAX (age, 0);
}

static char *
next_number (GtStorage *storage, const char *date, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT coalesce (max (CAST (substr (number, 6) AS INTEGER)), 0) FROM transfers"
    " WHERE direction = 'out' AND number GLOB ?", error);
  g_autofree char *pattern = g_strdup_printf ("%.4s-[0-9]*", date);
  gint64 last = 0;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return g_strdup_printf ("%.4s-%03d", date, (int) last + 1);
}

static gboolean
insert_transfer (GtStorage *storage, const GtTransfer *t, gint64 *id, GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO transfers (uuid, number, direction, member_id, member_name, gender, age,"
    " ethnicity, id_number, category, from_org, to_org, issued_on, valid_days, dues_paid_to,"
    " receipt_on, notes, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, t->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, t->direction, -1, SQLITE_TRANSIENT);
  if (t->member_id > 0)
    sqlite3_bind_int64 (stmt, 4, t->member_id);
  sqlite3_bind_text (stmt, 5, t->member_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, empty (t->gender), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, t->age);
  sqlite3_bind_text (stmt, 8, empty (t->ethnicity), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, empty (t->id_number), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, t->category != NULL ? t->category : "full", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, empty (t->from_org), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, empty (t->to_org), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, t->issued_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 14, t->valid_days);
  sqlite3_bind_text (stmt, 15, empty (t->dues_paid_to), -1, SQLITE_TRANSIENT);
  if (t->receipt_on != NULL)
    sqlite3_bind_text (stmt, 16, t->receipt_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, empty (t->notes), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 18, mtime, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    {
      if (error != NULL && *error != NULL && strstr ((*error)->message, "UNIQUE") != NULL)
        {
          g_clear_error (error);
          return gt_storage_refuse (storage, error, _("letter number %s is already recorded"),
                                    t->number);
        }
      return FALSE;
    }
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  return TRUE;
}

static int
valid_days_or_setting (GtStorage *storage, int valid_days)
{
  GtDevelopRules rules;

  if (valid_days > 0)
    return valid_days;
  gt_develop_rules_load (storage, &rules);
  return rules.letter_valid_days;
}

gboolean
gt_transfer_out (GtStorage *storage, const GtTransferOutSpec *spec, gint64 *id, GError **error)
{
  g_autoptr (GtMemberRecord) m = NULL;
  g_autofree char *today = gt_today (), *number = NULL, *detail = NULL;
  const char *date = spec->date != NULL ? spec->date : today;
  GtTransfer t = { 0 };
  gboolean ok;

  if (blank (spec->to_org))
    return gt_storage_refuse (storage, error, _("a transfer out needs the receiving organisation"));
  if (spec->valid_days < 0)
    return gt_storage_refuse (storage, error, _("the validity must be at least one day"));
  if (!gt_storage_check_date (storage, _("the date"), date, FALSE, error))
    return FALSE;
  m = gt_member_lookup (storage, spec->member, error);
  if (m == NULL)
    return FALSE;
  if (g_strcmp0 (m->status, "active") != 0)
    return gt_storage_refuse (storage, error, _("%s is not an active member here (%s)"), m->name,
                              gt_label_member_status (m->status));
  if (!gt_storage_begin (storage, error))
    return FALSE;
  number = spec->number != NULL ? g_strdup (spec->number) : next_number (storage, date, error);
  ok = number != NULL;
  if (ok)
    {
      g_autofree char *gender = g_strdup_printf ("%c", m->gender);
      g_autofree char *dues = gt_transfer_dues_paid_to (storage, m->id);

      t.number = number;
      t.direction = (char *) "out";
      t.member_id = m->id;
      t.member_name = m->name;
      t.gender = gender;
      t.age = age_on (m->birth_date, date);
      t.ethnicity = m->ethnicity;
      t.id_number = m->id_number;
      t.category = m->category;
      t.from_org = m->org_name;
      t.to_org = (char *) spec->to_org;
      t.issued_on = (char *) date;
      t.valid_days = valid_days_or_setting (storage, spec->valid_days);
      t.dues_paid_to = dues;
      t.notes = (char *) spec->notes;
      /* Translators: the detail of a transfer_out event: letter number, receiving org */
      detail = g_strdup_printf (_("letter %s to %s"), number, spec->to_org);
      ok = insert_transfer (storage, &t, id, error) &&
           gt_member_record_transfer_out (storage, m->id, date, detail, error);
    }
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "transfers");
  return TRUE;
}

gboolean
gt_transfer_in (GtStorage *storage, const GtTransferInSpec *spec, gint64 *id, GError **error)
{
  g_autofree char *today = gt_today (), *until = NULL, *detail = NULL, *org_name = NULL;
  const char *received = spec->received_on != NULL ? spec->received_on : today;
  const char *issued = spec->issued_on != NULL ? spec->issued_on : received;
  GtTransfer t = { 0 };
  gint64 org_id = 0, member_id = 0;
  int valid_days;
  gboolean ok;

  if (blank (spec->number))
    return gt_storage_refuse (storage, error, _("a transfer in needs the letter's number"));
  if (blank (spec->from_org))
    return gt_storage_refuse (storage, error, _("a transfer in needs the sending organisation"));
  if (!gt_storage_check_date (storage, _("the letter's date"), issued, FALSE, error) ||
      !gt_storage_check_date (storage, _("the day received"), received, FALSE, error))
    return FALSE;
  if (strcmp (received, issued) < 0)
    return gt_storage_refuse (storage, error, _("received on %s, before the letter's date %s"),
                              received, issued);
  if (spec->dues_paid_to != NULL && *spec->dues_paid_to != '\0')
    {
      g_autofree char *day = g_strconcat (spec->dues_paid_to, "-01", NULL);
      if (strlen (spec->dues_paid_to) != 7 || !gt_date_is_valid (day))
        return gt_storage_refuse (storage, error, _("dues paid to “%s” is not a month (YYYY-MM)"),
                                  spec->dues_paid_to);
    }
  valid_days = valid_days_or_setting (storage, spec->valid_days);
  until = gt_develop_add_days (issued, valid_days);
  if (strcmp (received, until) > 0)
    return gt_storage_refuse (storage, error,
                              _("letter %s was valid until %s; received on %s it has expired: "
                                "ask %s for a new letter"),
                              spec->number, until, received, spec->from_org);
  if (blank (spec->to_org) || !gt_org_find (storage, spec->to_org, &org_id, error))
    return blank (spec->to_org)
             ? gt_storage_refuse (storage, error, _("a transfer in needs the receiving organisation"))
             : FALSE;
  if (blank (spec->member) && blank (spec->name))
    return gt_storage_refuse (storage, error,
                              _("a transfer in needs the member: a member transferred out "
                                "earlier, or the new member's name"));

  if (!gt_storage_begin (storage, error))
    return FALSE;
  /* Translators: the detail of a transfer_in event: letter number, sending org */
  detail = g_strdup_printf (_("letter %s from %s"), spec->number, spec->from_org);
  if (!blank (spec->member))
    {
      g_autoptr (GtMemberRecord) m = gt_member_lookup (storage, spec->member, error);

      ok = m != NULL &&
           gt_member_record_event (storage, m->id, "transfer_in", received, spec->to_org,
                                   detail, error);
      member_id = ok ? m->id : 0;
    }
  else
    {
      GtMemberSpec ms = { .org = spec->to_org, .name = spec->name, .gender = spec->gender,
                          .ethnicity = spec->ethnicity, .id_number = spec->id_number,
                          .phone = spec->phone, .education = spec->education,
                          .occupation = spec->occupation, .join_date = spec->join_date,
                          .full_date = spec->full_date };
      ok = gt_member_add (storage, &ms, &member_id, error);
    }
  if (ok)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);
      g_autoptr (GtMemberRecord) m = gt_member_lookup (storage, key, error);
      g_autofree char *gender = NULL;

      ok = m != NULL;
      if (ok)
        {
          gender = g_strdup_printf ("%c", m->gender);
          t.number = (char *) spec->number;
          t.direction = (char *) "in";
          t.member_id = member_id;
          t.member_name = m->name;
          t.gender = gender;
          t.age = age_on (m->birth_date, issued);
          t.ethnicity = m->ethnicity;
          t.id_number = m->id_number;
          t.category = m->category;
          t.from_org = (char *) spec->from_org;
          t.to_org = m->org_name;
          t.issued_on = (char *) issued;
          t.valid_days = valid_days;
          t.dues_paid_to = (char *) spec->dues_paid_to;
          t.receipt_on = (char *) received;
          ok = insert_transfer (storage, &t, id, error);
        }
    }
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "transfers");
  gt_storage_emit_changed (storage, "members");
  return TRUE;
}

gboolean
gt_transfer_receipt (GtStorage *storage, gint64 id, const char *date, GError **error)
{
  g_autoptr (GtTransfer) t = gt_transfer_lookup (storage, id, error);
  g_autofree char *today = gt_today (), *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt;

  if (t == NULL)
    return FALSE;
  if (date == NULL)
    date = today;
  if (!gt_storage_check_date (storage, _("the date"), date, FALSE, error))
    return FALSE;
  if (g_strcmp0 (t->direction, "out") != 0)
    return gt_storage_refuse (storage, error,
                              _("letter %s came in; only the receipt of a letter out comes back"),
                              t->number);
  if (t->receipt_on != NULL)
    return gt_storage_refuse (storage, error, _("the receipt of letter %s came back on %s already"),
                              t->number, t->receipt_on);
  if (strcmp (date, t->issued_on) < 0)
    return gt_storage_refuse (storage, error, _("%s is before the letter's date %s"), date,
                              t->issued_on);
  stmt = gt_storage_prepare (storage,
                             "UPDATE transfers SET receipt_on = ?, rev = rev + 1, mtime = ?"
                             " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  gt_storage_emit_changed (storage, "transfers");
  return TRUE;
}

#define TRANSFER_COLUMNS \
  "id, uuid, number, direction, coalesce (member_id, 0), member_name, gender, age, ethnicity," \
  " id_number, category, from_org, to_org, issued_on, valid_days, dues_paid_to, receipt_on, notes"

static gpointer
read_transfer (sqlite3_stmt *stmt)
{
  GtTransfer *t = g_new0 (GtTransfer, 1);

  t->id = sqlite3_column_int64 (stmt, 0);
  t->uuid = TEXT (stmt, 1);
  t->number = TEXT (stmt, 2);
  t->direction = TEXT (stmt, 3);
  t->member_id = sqlite3_column_int64 (stmt, 4);
  t->member_name = TEXT (stmt, 5);
  t->gender = TEXT (stmt, 6);
  t->age = sqlite3_column_int (stmt, 7);
  t->ethnicity = TEXT (stmt, 8);
  t->id_number = TEXT (stmt, 9);
  t->category = TEXT (stmt, 10);
  t->from_org = TEXT (stmt, 11);
  t->to_org = TEXT (stmt, 12);
  t->issued_on = TEXT (stmt, 13);
  t->valid_days = sqlite3_column_int (stmt, 14);
  t->dues_paid_to = TEXT (stmt, 15);
  t->receipt_on = TEXT (stmt, 16);
  t->notes = TEXT (stmt, 17);
  t->valid_until = gt_develop_add_days (t->issued_on, t->valid_days);
  if (t->valid_until == NULL)
    t->valid_until = g_strdup ("");
  return t;
}

GtTransfer *
gt_transfer_lookup (GtStorage *storage, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT " TRANSFER_COLUMNS " FROM transfers WHERE id = ?", error);
  GtTransfer *t = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    t = read_transfer (stmt);
  sqlite3_reset (stmt);
  if (t == NULL)
    gt_storage_refuse (storage, error, _("transfer %d does not exist"), (int) id);
  return t;
}

GPtrArray *
gt_transfer_list (GtStorage *storage, const char *direction, gboolean open_only, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT " TRANSFER_COLUMNS " FROM transfers WHERE (?1 IS NULL OR direction = ?1)"
    " AND (NOT ?2 OR (direction = 'out' AND receipt_on IS NULL))"
    " ORDER BY issued_on DESC, id DESC", error);

  if (stmt == NULL)
    return NULL;
  if (direction != NULL)
    sqlite3_bind_text (stmt, 1, direction, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, open_only ? 1 : 0);
  return gt_storage_collect (storage, stmt, read_transfer, (GDestroyNotify) gt_transfer_free,
                             error);
}

gboolean
gt_transfer_is_overdue (const GtTransfer *t, const char *today)
{
  return g_strcmp0 (t->direction, "out") == 0 && t->receipt_on == NULL &&
         t->valid_until != NULL && strcmp (today, t->valid_until) > 0;
}
