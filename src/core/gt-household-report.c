/* gt-household-report.c — the rules of 党员联户 and what breaks them
 *
 * The rules (how many households each member links at least, how many days may pass
 * between two visits) are settings of the office, kept in the meta table, not constants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-household.h"

#define TEXT GT_COLUMN_TEXT

static int
get_rule (GtStorage *storage, const char *key, int fallback, int max)
{
  g_autofree char *text = gt_storage_get_meta (storage, key);
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, max, &value, NULL))
    return fallback;
  return (int) value;
}

static gboolean
set_rule (GtStorage *storage, const char *key, int value, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!gt_storage_set_meta (storage, key, text, error) || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  /* The reports on households follow the rules. */
  gt_storage_emit_changed (storage, "meta");
  gt_storage_emit_changed (storage, "households");
  return TRUE;
}

int
gt_rules_get_link_minimum (GtStorage *storage)
{
  return get_rule (storage, GT_RULE_LINK_MINIMUM_KEY, GT_RULE_LINK_MINIMUM_DEFAULT,
                   GT_RULE_LINK_MINIMUM_MAX);
}

int
gt_rules_get_visit_interval (GtStorage *storage)
{
  return get_rule (storage, GT_RULE_VISIT_INTERVAL_KEY, GT_RULE_VISIT_INTERVAL_DEFAULT,
                   GT_RULE_VISIT_INTERVAL_MAX);
}

gboolean
gt_rules_set_link_minimum (GtStorage *storage, int households, GError **error)
{
  if (households < 1 || households > GT_RULE_LINK_MINIMUM_MAX)
    return gt_storage_refuse (storage, error, _("the minimum of linked households must be a whole number "
                                     "from 1 to %d, not %d"), GT_RULE_LINK_MINIMUM_MAX,
                   households);
  return set_rule (storage, GT_RULE_LINK_MINIMUM_KEY, households, error);
}

gboolean
gt_rules_set_visit_interval (GtStorage *storage, int days, GError **error)
{
  if (days < 1 || days > GT_RULE_VISIT_INTERVAL_MAX)
    return gt_storage_refuse (storage, error, _("the interval between visits must be a whole number of "
                                     "days from 1 to %d, not %d"), GT_RULE_VISIT_INTERVAL_MAX,
                   days);
  return set_rule (storage, GT_RULE_VISIT_INTERVAL_KEY, days, error);
}

static void
gt_link_shortfall_free (gpointer data)
{
  GtLinkShortfall *s = data;

  g_free (s->name);
  g_free (s->org_name);
  g_free (s);
}

static void
gt_overdue_visit_free (gpointer data)
{
  GtOverdueVisit *o = data;

  g_free (o->member_name);
  g_free (o->org_name);
  g_free (o->head_name);
  g_free (o->village);
  g_free (o->last_visit);
  g_free (o);
}

static gpointer
read_shortfall (sqlite3_stmt *stmt)
{
  GtLinkShortfall *s = g_new0 (GtLinkShortfall, 1);

  s->member_id = sqlite3_column_int64 (stmt, 0);
  s->name = TEXT (stmt, 1);
  s->org_name = TEXT (stmt, 2);
  s->n_links = sqlite3_column_int64 (stmt, 3);
  return s;
}

GPtrArray *
gt_household_report_shortfall (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT * FROM (SELECT m.id, m.name, o.name AS org,"
    "  (SELECT count(*) FROM member_household_links l WHERE l.member_id = m.id) AS n,"
    "  o.id AS org_id FROM members m JOIN organizations o ON o.id = m.org_id"
    "  WHERE m.status = 'active')"
    " WHERE n < ?1 ORDER BY n, org_id, id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, gt_rules_get_link_minimum (storage));
  return gt_storage_collect (storage, stmt, read_shortfall, gt_link_shortfall_free, error);
}

static gpointer
read_overdue (sqlite3_stmt *stmt)
{
  GtOverdueVisit *o = g_new0 (GtOverdueVisit, 1);

  o->member_id = sqlite3_column_int64 (stmt, 0);
  o->member_name = TEXT (stmt, 1);
  o->org_name = TEXT (stmt, 2);
  o->household_id = sqlite3_column_int64 (stmt, 3);
  o->head_name = TEXT (stmt, 4);
  o->village = TEXT (stmt, 5);
  o->last_visit = TEXT (stmt, 6);
  o->days = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  return o;
}

GPtrArray *
gt_household_report_overdue (GtStorage *storage, const char *as_of, GError **error)
{
  g_autofree char *day = NULL;
  sqlite3_stmt *stmt;

  if (as_of == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      as_of = day = g_date_time_format (now, "%Y-%m-%d");
    }
  if (!gt_date_is_valid (as_of))
    {
      gt_storage_refuse (storage, error, _("the report date “%s” is not a date (YYYY-MM-DD)"), as_of);
      return NULL;
    }
  /* Visits after the report date do not count: the report looks at the office as it was. */
  stmt = gt_storage_prepare (
    storage,
    "WITH last (member_id, household_id, date) AS ("
    "  SELECT l.member_id, l.household_id, (SELECT max (v.date) FROM visits v"
    "   WHERE v.member_id = l.member_id AND v.household_id = l.household_id AND v.date <= ?1)"
    "  FROM member_household_links l)"
    " SELECT m.id, m.name, o.name, h.id, h.head_name, vg.name, last.date,"
    "  CAST (julianday (?1) - julianday (last.date) AS INTEGER)"
    " FROM last JOIN members m ON m.id = last.member_id"
    " JOIN organizations o ON o.id = m.org_id JOIN households h ON h.id = last.household_id"
    " LEFT JOIN villages vg ON vg.id = h.village_id"
    " WHERE m.status = 'active'"
    "  AND (last.date IS NULL OR julianday (?1) - julianday (last.date) > ?2)"
    " ORDER BY last.date IS NOT NULL, last.date, m.id, h.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, gt_rules_get_visit_interval (storage));
  return gt_storage_collect (storage, stmt, read_overdue, gt_overdue_visit_free, error);
}

static void
gt_member_link_free (gpointer data)
{
  GtMemberLink *link = data;

  g_free (link->head_name);
  g_free (link->village);
  g_free (link->address);
  g_free (link->link_type);
  g_free (link->post);
  g_free (link->last_visit);
  g_free (link);
}

GPtrArray *
gt_member_links (GtStorage *storage, gint64 member_id, GError **error)
{
  g_autoptr (GPtrArray) links = g_ptr_array_new_with_free_func (gt_member_link_free);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT h.id, h.head_name, v.name, h.address, l.link_type, l.post,"
    "  (SELECT max (date) FROM visits s WHERE s.member_id = l.member_id"
    "   AND s.household_id = h.id)"
    " FROM member_household_links l JOIN households h ON h.id = l.household_id"
    " LEFT JOIN villages v ON v.id = h.village_id WHERE l.member_id = ? ORDER BY h.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtMemberLink *link = g_new0 (GtMemberLink, 1);

      link->household_id = sqlite3_column_int64 (stmt, 0);
      link->head_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      link->village = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      link->address = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      link->link_type = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      link->post = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      link->last_visit = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (links, link);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&links);
}
