/* gt-household-query.c — the household register one page at a time, and the villages
 *
 * The application's household list reads its rows on demand: it counts the matching
 * households once and then asks for the page holding the rows it shows. The two reports of
 * 党员联户 (members below the link minimum, visits overdue) are filters of the same query,
 * so they page like the whole register.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-household.h"

#define TEXT GT_COLUMN_TEXT

/* A link of an active member linked to fewer households than the rule asks. */
#define SHORTFALL_CLAUSE \
  " AND EXISTS (SELECT 1 FROM member_household_links l JOIN members m ON m.id = l.member_id" \
  "  WHERE l.household_id = h.id AND m.status = 'active'" \
  "  AND (SELECT count(*) FROM member_household_links k WHERE k.member_id = m.id) < :minimum)"

/* A link of an active member whose latest visit on or before :as_of lies more than the
 * interval back, or that was never visited: as gt_household_report_overdue counts them. */
#define OVERDUE_CLAUSE \
  " AND EXISTS (SELECT 1 FROM member_household_links l JOIN members m ON m.id = l.member_id" \
  "  WHERE l.household_id = h.id AND m.status = 'active'" \
  "  AND coalesce (julianday (:as_of) - julianday ((SELECT max (v.date) FROM visits v" \
  "   WHERE v.member_id = l.member_id AND v.household_id = h.id AND v.date <= :as_of))," \
  "   :interval + 1) > :interval)"

void
gt_household_row_free (GtHouseholdRow *row)
{
  if (row == NULL)
    return;
  g_free (row->head_name);
  g_free (row->village);
  g_free (row->grid);
  g_free (row->address);
  g_free (row->last_visit);
  g_free (row);
}

/* What the query needs besides the filter's own fields, resolved once. */
typedef struct
{
  const GtHouseholdFilter *filter;
  gint64 village_id;
  char *as_of;
} Query;

static void
query_clear (Query *q)
{
  g_clear_pointer (&q->as_of, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Resolves the village name and the report date; refuses unknown ones. */
static gboolean
query_init (GtStorage *storage, const GtHouseholdFilter *filter, Query *q, GError **error)
{
  static const GtHouseholdFilter all = { 0 };

  q->filter = filter != NULL ? filter : &all;
  q->village_id = 0;
  if (q->filter->report == GT_HOUSEHOLD_REPORT_OVERDUE)
    {
      if (q->filter->as_of == NULL)
        {
          g_autoptr (GDateTime) now = g_date_time_new_now_local ();
          q->as_of = g_date_time_format (now, "%Y-%m-%d");
        }
      else if (!gt_date_is_valid (q->filter->as_of))
        return gt_storage_refuse (storage, error, _("the report date “%s” is not a date (YYYY-MM-DD)"),
                       q->filter->as_of);
      else
        q->as_of = g_strdup (q->filter->as_of);
    }
  if (has_text (q->filter->village))
    {
      sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT id FROM villages WHERE name = ?",
                                               error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, q->filter->village, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        q->village_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return gt_storage_refuse (storage, error, _("no village is named “%s”; the villages are kept in "
                                         "the register of villages"), q->filter->village);
      if (rc != SQLITE_ROW)
        {
          gt_storage_set_error (storage, error, _("reading"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Appends the WHERE clause; only the conditions in use, so SQLite plans each shape well. */
static void
build_where (GString *sql, const Query *q)
{
  g_string_append (sql, " WHERE 1");
  if (q->village_id > 0)
    g_string_append (sql, " AND h.village_id = :village");
  if (has_text (q->filter->text))
    g_string_append (sql, " AND (instr (h.head_name, :text) > 0 OR instr (h.address, :text) > 0)");
  if (q->filter->report == GT_HOUSEHOLD_REPORT_SHORTFALL)
    g_string_append (sql, SHORTFALL_CLAUSE);
  else if (q->filter->report == GT_HOUSEHOLD_REPORT_OVERDUE)
    g_string_append (sql, OVERDUE_CLAUSE);
}

static void
bind_named (sqlite3_stmt *stmt, const char *name, const char *text, gint64 value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index == 0)
    return;
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_query (GtStorage *storage, sqlite3_stmt *stmt, const Query *q)
{
  bind_named (stmt, ":village", NULL, q->village_id);
  bind_named (stmt, ":text", q->filter->text, 0);
  bind_named (stmt, ":as_of", q->as_of, 0);
  if (q->filter->report == GT_HOUSEHOLD_REPORT_SHORTFALL)
    bind_named (stmt, ":minimum", NULL, gt_rules_get_link_minimum (storage));
  if (q->filter->report == GT_HOUSEHOLD_REPORT_OVERDUE)
    bind_named (stmt, ":interval", NULL, gt_rules_get_visit_interval (storage));
}

static GtHouseholdRow *
read_row (sqlite3_stmt *stmt)
{
  GtHouseholdRow *row = g_new0 (GtHouseholdRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->head_name = TEXT (stmt, 1);
  row->village = TEXT (stmt, 2);
  row->grid = TEXT (stmt, 3);
  row->address = TEXT (stmt, 4);
  row->size = sqlite3_column_int64 (stmt, 5);
  row->n_links = sqlite3_column_int64 (stmt, 6);
  row->last_visit = TEXT (stmt, 7);
  return row;
}

GPtrArray *
gt_household_search (GtStorage *storage, const GtHouseholdFilter *filter, gint64 offset,
                     guint limit, GError **error)
{
  g_auto (Query) q = { 0 };
  g_autoptr (GString) sql = g_string_new (
    "SELECT h.id, h.head_name, vg.name, h.grid, h.address, h.size,"
    "  (SELECT count(*) FROM member_household_links c WHERE c.household_id = h.id),"
    "  (SELECT max (s.date) FROM visits s WHERE s.household_id = h.id)"
    " FROM households h LEFT JOIN villages vg ON vg.id = h.village_id");
  g_autoptr (GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!query_init (storage, filter, &q, error))
    return NULL;
  build_where (sql, &q);
  g_string_append (sql, " ORDER BY h.id LIMIT :limit OFFSET :offset");
  stmt = gt_storage_prepare (storage, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_query (storage, stmt, &q);
  bind_named (stmt, ":limit", NULL, limit > 0 ? (gint64) limit : -1);
  bind_named (stmt, ":offset", NULL, MAX (offset, 0));

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_household_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
gt_household_count (GtStorage *storage, const GtHouseholdFilter *filter, gint64 *count,
                    GError **error)
{
  g_auto (Query) q = { 0 };
  g_autoptr (GString) sql = g_string_new ("SELECT count(*) FROM households h");
  sqlite3_stmt *stmt;
  int rc;

  *count = 0;
  if (!query_init (storage, filter, &q, error))
    return FALSE;
  build_where (sql, &q);
  stmt = gt_storage_prepare (storage, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (storage, stmt, &q);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
gt_village_list (GtStorage *storage, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT name FROM villages ORDER BY id",
                                           error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, TEXT (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&names);
}
