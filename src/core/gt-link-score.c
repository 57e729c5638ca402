/* gt-link-score.c — the 100-point annual household-link score and the 整转 workflow
 * (domain §3.5, [003 L295-303]): "全年分数低于 60 分的党员，由村党支（总）部提出意见报乡镇党委，
 * 经乡镇党委审核后，组织关系强制迁转进乡镇教育整转支部"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gt-household.h"
#include "gt-member.h"
#include "gt-org.h"
#include "gt-ratings.h"

typedef struct
{
  int bonus, deductions;
  JsonArray *items;
} LinkEntries;

static void
link_entries_free (LinkEntries *entries)
{
  json_array_unref (entries->items);
  g_free (entries);
}

static gboolean
count_query (GtStorage *storage, const char *sql, const char *from, const char *to,
             GHashTable *out, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (from != NULL)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (out, key, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "household links");
      return FALSE;
    }
  return TRUE;
}

/* Entries of items marked "link" (other than basic ones) per member for the year. */
static gboolean
link_entries (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *year,
              GHashTable *out, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT member_id, item_code, category, count(*), sum(points) FROM score_points"
    " WHERE month BETWEEN ? AND ? AND category <> 'basic' GROUP BY member_id, item_code",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, year->first_ym, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, year->last_ym, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 member_id = sqlite3_column_int64 (stmt, 0);
      const GtScoreItem *item = gt_score_rules_find_item (rules, (const char *) sqlite3_column_text (stmt, 1));
      int points = sqlite3_column_int (stmt, 4);
      LinkEntries *entries;
      JsonObject *line;

      if (item == NULL || !item->link)
        continue;
      entries = g_hash_table_lookup (out, &member_id);
      if (entries == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = member_id;
          entries = g_new0 (LinkEntries, 1);
          entries->items = json_array_new ();
          g_hash_table_insert (out, key, entries);
        }
      if (points >= 0)
        entries->bonus += points;
      else
        entries->deductions -= points;
      line = json_object_new ();
      json_object_set_string_member (line, "code", item->code);
      json_object_set_string_member (line, "label", item->label);
      json_object_set_string_member (line, "category", item->category);
      json_object_set_int_member (line, "count", sqlite3_column_int (stmt, 3));
      json_object_set_int_member (line, "points", points);
      json_array_add_object_element (entries->items, line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "points");
      return FALSE;
    }
  return TRUE;
}

static void
note (JsonObject *object, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
note (JsonObject *object, const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (!json_object_has_member (object, "notes"))
    json_object_set_array_member (object, "notes", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (object, "notes"), text);
}

static JsonObject *
item_line (const char *code, const char *label, int count, double points)
{
  JsonObject *line = json_object_new ();

  json_object_set_string_member (line, "code", code);
  json_object_set_string_member (line, "label", label);
  json_object_set_int_member (line, "count", count);
  json_object_set_double_member (line, "points", points);
  return line;
}

GtScoreRun *
gt_score_link (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *year,
               GError **error)
{
  g_autoptr (GtScoreRun) members = gt_score_members (storage, rules, year, error);
  g_autoptr (GHashTable) links = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) visits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) link_entries_free);
  /* The household rules keep the minimum (rule.link_minimum, [003 L103]). */
  int minimum = gt_rules_get_link_minimum (storage);
  int per_household = gt_score_rules_get_int (rules, "link.visits_per_household");
  double missing_link = gt_score_rules_get (rules, "link.missing_link");
  double missing_visit = gt_score_rules_get (rules, "link.missing_visit");
  double visit_cap = gt_score_rules_get (rules, "link.missing_visit_cap");
  double line = gt_score_rules_get (rules, "link.pass");

  if (members == NULL ||
      !count_query (storage, "SELECT member_id, count(*) FROM member_household_links GROUP BY member_id",
                    NULL, NULL, links, error) ||
      !count_query (storage,
                    "SELECT member_id, count(*) FROM visits WHERE date BETWEEN ? AND ? GROUP BY member_id",
                    year->start, year->end, visits, error) ||
      !link_entries (storage, rules, year, entries, error))
    return NULL;

  g_free (members->kind);
  members->kind = g_strdup ("link");
  for (guint i = 0; i < members->results->len; i++)
    {
      GtScoreResult *r = g_ptr_array_index (members->results, i);
      JsonObject *object = json_object_new ();
      JsonArray *items = json_array_new ();
      LinkEntries *e = g_hash_table_lookup (entries, &r->member_id);
      int n_links = GPOINTER_TO_INT (g_hash_table_lookup (links, &r->member_id));
      int n_visits = GPOINTER_TO_INT (g_hash_table_lookup (visits, &r->member_id));
      int lacking = MAX (0, minimum - n_links);
      int expected = per_household * n_links;
      int missed = MAX (0, expected - n_visits);
      double link_deduction = lacking * missing_link;
      double visit_deduction = MIN (visit_cap, missed * missing_visit);
      double score = 100 - link_deduction - visit_deduction;

      if (e != NULL)
        {
          score += e->bonus - e->deductions;
          for (guint k = 0; k < json_array_get_length (e->items); k++)
            json_array_add_element (items, json_node_copy (json_array_get_element (e->items, k)));
        }
      score = gt_score_round2 (CLAMP (score, 0, 100));
      json_array_add_object_element (items, item_line ("missing_links", _("Households not linked"),
                                                       lacking, -link_deduction));
      json_array_add_object_element (items, item_line ("missing_visits", _("Visits missing"),
                                                       missed, -visit_deduction));
      json_object_set_string_member (object, "formula",
                                     "100 - missing links - missing visits (capped) + link items, 0..100");
      json_object_set_array_member (object, "items", items);
      json_object_set_int_member (object, "links", n_links);
      json_object_set_int_member (object, "visits", n_visits);
      json_object_set_int_member (object, "visits_expected", expected);
      json_object_set_double_member (object, "line", line);
      note (object, _("%d households linked (rule: %d) → −%g; %d of %d visits → −%g (at most %g)"),
            n_links, minimum, link_deduction, n_visits, expected, visit_deduction, visit_cap);
      if (e != NULL)
        note (object, _("Household-link items: +%d −%d"), e->bonus, e->deductions);
      r->score = score;
      r->rank = 0;
      r->warning = score < line - 1e-9;
      if (r->warning)
        note (object, _("Below %g: the branch proposes 整转 to the township (rectify propose)"), line);
      g_free (r->grade);
      r->grade = g_strdup (r->warning ? "fail" : "pass");
      json_node_take_object (r->explanation, object);
    }
  return g_steal_pointer (&members);
}

/* 整转 */

void
gt_rectification_free (GtRectification *r)
{
  if (r == NULL)
    return;
  g_free (r->member_name);
  g_free (r->from_org);
  g_free (r->state);
  g_free (r->proposed_date);
  g_free (r->proposal);
  g_free (r->reviewed_date);
  g_free (r->review_note);
  g_free (r->to_org);
  g_free (r);
}

gboolean
gt_rectify_propose (GtStorage *storage, const GtScoreRules *rules, gint64 member_id, int year,
                    const char *date, const char *proposal, gint64 *id, GError **error)
{
  g_autofree char *year_text = g_strdup_printf ("%04d", year);
  g_autofree char *today = gt_today (), *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  g_autoptr (GtScoreRun) run = NULL;
  GtScoreResult *found = NULL;
  GtScorePeriod period;
  sqlite3_stmt *stmt;

  if (date == NULL)
    date = today;
  if (!gt_storage_check_date (storage, _("the date"), date, TRUE, error))
    return FALSE;
  if (!gt_score_period_parse (year_text, &period, error))
    return FALSE;
  run = gt_score_link (storage, rules, &period, error);
  if (run == NULL)
    return FALSE;
  for (guint i = 0; i < run->results->len; i++)
    {
      GtScoreResult *r = g_ptr_array_index (run->results, i);

      if (r->member_id == member_id)
        found = r;
    }
  if (found == NULL)
    return gt_member_refuse (storage, error, member_id, _("not an active member"));
  if (!found->warning)
    return gt_member_refuse (storage, error, member_id,
                             _("scored %g in %d, not below the line of %g: no 整转"),
                             found->score, year,
                              gt_score_rules_get (rules, "link.pass"));

  stmt = gt_storage_prepare (storage,
                             "INSERT INTO rectifications (uuid, member_id, year, score, rule_version,"
                             " from_org_id, proposed_date, proposal, mtime)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_int (stmt, 3, year);
  sqlite3_bind_double (stmt, 4, found->score);
  sqlite3_bind_int64 (stmt, 5, rules->version);
  sqlite3_bind_int64 (stmt, 6, found->org_id);
  sqlite3_bind_text (stmt, 7, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, proposal ? proposal : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, mtime, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int ext = sqlite3_extended_errcode (gt_storage_get_db (storage));

      sqlite3_reset (stmt);
      if (ext == SQLITE_CONSTRAINT_UNIQUE)
        return gt_member_refuse (storage, error, member_id,
                                 _("already has an open 整转 proposal for %d"), year);
      gt_storage_set_error (storage, error, "rectifications");
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  gt_storage_emit_changed (storage, "rectifications");
  return TRUE;
}

gboolean
gt_rectify_review (GtStorage *storage, gint64 id, gboolean approve, const char *to_org,
                   const char *date, const char *note_text, GError **error)
{
  g_autofree char *today = gt_today (), *mtime = gt_now_iso8601 (), *state = NULL;
  g_autofree char *detail = NULL;
  gint64 member_id = 0, to_org_id = 0;
  int year = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (date == NULL)
    date = today;
  if (!gt_storage_check_date (storage, _("the date"), date, TRUE, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "SELECT member_id, state, year FROM rectifications WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      member_id = sqlite3_column_int64 (stmt, 0);
      state = GT_COLUMN_TEXT (stmt, 1);
      year = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return gt_storage_refuse (storage, error, _("there is no 整转 proposal %d"), (int) id);
  if (g_strcmp0 (state, "proposed") != 0)
    return gt_storage_refuse (storage, error, _("整转 proposal %d was already reviewed (%s)"),
                              (int) id, gt_label_rectify_state (state));
  if (approve)
    {
      if (to_org == NULL || *to_org == '\0')
        return gt_storage_refuse (storage, error,
                                  _("approving needs the rectification branch to transfer into"));
      if (!gt_org_find (storage, to_org, &to_org_id, error))
        return FALSE;
    }

  if (!gt_storage_begin (storage, error))
    return FALSE;
  detail = g_strdup_printf (_("整转: household-link score below the line in %d (proposal %d)"),
                            year, (int) id);
  if (approve && !gt_member_transfer (storage, member_id, to_org, date, detail, error))
    goto fail;
  stmt = gt_storage_prepare (storage,
                             "UPDATE rectifications SET state = ?, reviewed_date = ?, review_note = ?,"
                             " to_org_id = nullif (?, 0), rev = rev + 1, mtime = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, approve ? "transferred" : "rejected", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, note_text ? note_text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, to_org_id);
  sqlite3_bind_text (stmt, 5, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, id);
  if (!gt_storage_step_done (storage, stmt, error) || !gt_storage_commit (storage, error))
    goto fail;
  gt_storage_emit_changed (storage, "rectifications");
  if (approve)
    gt_storage_emit_changed (storage, "members");
  return TRUE;

fail:
  gt_storage_rollback (storage);
  return FALSE;
}

static gpointer
read_rectification (sqlite3_stmt *stmt)
{
  GtRectification *r = g_new0 (GtRectification, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->member_id = sqlite3_column_int64 (stmt, 1);
  r->member_name = GT_COLUMN_TEXT (stmt, 2);
  r->year = sqlite3_column_int (stmt, 3);
  r->score = sqlite3_column_double (stmt, 4);
  r->rule_version = sqlite3_column_int64 (stmt, 5);
  r->from_org = GT_COLUMN_TEXT (stmt, 6);
  r->state = GT_COLUMN_TEXT (stmt, 7);
  r->proposed_date = GT_COLUMN_TEXT (stmt, 8);
  r->proposal = GT_COLUMN_TEXT (stmt, 9);
  r->reviewed_date = GT_COLUMN_TEXT (stmt, 10);
  r->review_note = GT_COLUMN_TEXT (stmt, 11);
  r->to_org = GT_COLUMN_TEXT (stmt, 12);
  return r;
}

GPtrArray *
gt_rectify_list (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT r.id, r.member_id, m.name, r.year, r.score, r.rule_version, f.name, r.state,"
    " r.proposed_date, r.proposal, r.reviewed_date, r.review_note, t.name"
    " FROM rectifications r JOIN members m ON m.id = r.member_id"
    " LEFT JOIN organizations f ON f.id = r.from_org_id"
    " LEFT JOIN organizations t ON t.id = r.to_org_id ORDER BY r.id",
    error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_rectification,
                             (GDestroyNotify) gt_rectification_free, error);
}

const char *
gt_label_rectify_state (const char *state)
{
  if (g_strcmp0 (state, "proposed") == 0)
    return _("Proposed, awaiting township review");
  if (g_strcmp0 (state, "rejected") == 0)
    return _("Rejected");
  if (g_strcmp0 (state, "transferred") == 0)
    return _("Transferred to the rectification branch");
  return state;
}
