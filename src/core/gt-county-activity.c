/* gt-county-activity.c — the county's roll-up of the townships' meetings, dues and ratings
 *
 * Computed from the records each township sent (ex_records), never from its own summaries
 * (docs/exchange.md, “County roll-up”):
 *
 * - The activity period is the summary's one period, for a township that reported it (the
 *   others are missing and get no figures, gt-county.c); its months are cut at the township's last reported month when that falls inside it (a
 *   year asked in June counts January to the month reported).
 * - Meeting compliance: for every organisation that holds meetings (branch, general branch,
 *   party group; not archived; from the month it was founded), every kind of meeting it
 *   holds and the COUNTY's life schedule requires (life_schedule: the organisation type's
 *   row, else the default row), one meeting is required per time slot (month, quarter, half
 *   or year) whose last month is in the period; it is held when a meeting of that kind is
 *   dated inside the slot. The same rule as the township's compliance grid.
 * - Dues payment rate: active members with a payment for every month of the period, out of
 *   all active members.
 * - Star distribution: the members of the newest published star rating for a year up to
 *   the period's year, counted by stars.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-county-private.h"
#include "gt-life.h"
#include "gt-life-private.h"

/* The WHERE term of the partial index ex_records_rollup (schema step 16): a query must
 * repeat it word for word for SQLite to use the index. */
#define ROLLUP_TYPES \
  " AND (type = 'organization' OR type = 'meeting' OR type = 'dues-payment' OR type = 'rating')"

gboolean
gt_county_period_months (const char *period, int *first, int *last)
{
  int year = 0, n = 0;
  char extra;

  if (period == NULL || strlen (period) < 4 || sscanf (period, "%4d", &year) != 1 || year < 1)
    return FALSE;
  if (period[4] == '\0')
    n = 0;
  else if (sscanf (period + 4, "-Q%1d%c", &n, &extra) == 1 && n >= 1 && n <= 4)
    {
      *first = year * 12 + (n - 1) * 3;
      *last = *first + 2;
      return TRUE;
    }
  else if (sscanf (period + 4, "-%2d%c", &n, &extra) == 1 && n >= 1 && n <= 12)
    {
      *first = *last = year * 12 + n - 1;
      return TRUE;
    }
  else
    return FALSE;
  *first = year * 12;
  *last = year * 12 + 11;
  return TRUE;
}

static char *
month_text (int index)
{
  return g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1);
}

/* The months of @kind's slot for @org_type under @schedule (0: not required). */
static int
required_span (GPtrArray *schedule, const char *org_type, const char *kind)
{
  const GtLifeRule *fallback = NULL;

  for (guint i = 0; i < schedule->len; i++)
    {
      const GtLifeRule *rule = schedule->pdata[i];

      if (g_strcmp0 (rule->kind, kind) != 0)
        continue;
      if (g_strcmp0 (rule->org_type, org_type) == 0 && *org_type != '\0')
        return gt_life_period_months (rule->period);
      if (*rule->org_type == '\0')
        fallback = rule;
    }
  return fallback != NULL ? gt_life_period_months (fallback->period) : 0;
}

/* Meetings of the township from @from to @to (dates): "org-uuid/kind" → GPtrArray of dates. */
static GHashTable *
load_meetings (GtStorage *storage, GtCountyTownship *t, const char *from, const char *to,
               const char *first_day, GError **error)
{
  g_autoptr (GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT parent_uuid, json_extract (data, '$.kind'), json_extract (data, '$.date'),"
    " coalesce (json_extract (data, '$.present'), 0), coalesce (json_extract (data, '$.absent'), 0)"
    " FROM ex_records WHERE source_code = ?1 AND type = 'meeting'" ROLLUP_TYPES
    " AND NOT deleted AND json_extract (data, '$.date') BETWEEN ?2 AND ?3", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, t->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *org = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *date = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *key = NULL;
      GPtrArray *dates;

      if (org == NULL || kind == NULL || date == NULL)
        continue;
      if (strcmp (date, first_day) >= 0)
        {
          gint64 present = sqlite3_column_int64 (stmt, 3);

          t->meetings++;
          t->meeting_attendance_present += present;
          t->meeting_attendance_expected += present + sqlite3_column_int64 (stmt, 4);
        }
      key = g_strdup_printf ("%s/%s", org, kind);
      dates = g_hash_table_lookup (held, key);
      if (dates == NULL)
        {
          dates = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (held, g_steal_pointer (&key), dates);
        }
      g_ptr_array_add (dates, g_strdup (date));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the townships' meetings"));
      return NULL;
    }
  return g_steal_pointer (&held);
}

static gboolean
slot_held (GHashTable *held, const char *org, const char *kind, const char *start,
           const char *end)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", org, kind);
  GPtrArray *dates = g_hash_table_lookup (held, key);

  for (guint i = 0; dates != NULL && i < dates->len; i++)
    {
      const char *date = dates->pdata[i];
      if (strcmp (date, start) >= 0 && strcmp (date, end) <= 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
add_meetings (GtStorage *storage, GtCountyTownship *t, int first, int last, GError **error)
{
  g_autoptr (GPtrArray) schedule = gt_life_schedule (storage, error);
  g_autoptr (GHashTable) held = NULL;
  g_autofree char *from = NULL, *to = NULL, *first_day = NULL, *m = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (schedule == NULL)
    return FALSE;
  m = month_text (first - 11);
  from = g_strdup_printf ("%s-01", m);
  g_free (m);
  m = month_text (first);
  first_day = g_strdup_printf ("%s-01", m);
  g_free (m);
  m = month_text (last);
  to = g_strdup_printf ("%s-31", m);
  held = load_meetings (storage, t, from, to, first_day, error);
  if (held == NULL)
    return FALSE;

  stmt = gt_storage_prepare (
    storage,
    "SELECT uuid, json_extract (data, '$.kind'), coalesce (json_extract (data, '$.org-type'), ''),"
    " json_extract (data, '$.founded')"
    " FROM ex_records WHERE source_code = ?1 AND type = 'organization'" ROLLUP_TYPES
    " AND NOT deleted"
    " AND coalesce (json_extract (data, '$.archived'), '0') IN (0, '0')"
    " AND json_extract (data, '$.kind') IN ('branch', 'general_branch', 'group')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *org = (const char *) sqlite3_column_text (stmt, 0);
      const char *org_kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *org_type = (const char *) sqlite3_column_text (stmt, 2);
      const char *founded = (const char *) sqlite3_column_text (stmt, 3);
      int from_index = first, f_first, f_last;

      if (founded != NULL && strlen (founded) >= 7)
        {
          g_autofree char *month = g_strndup (founded, 7);
          if (gt_county_period_months (month, &f_first, &f_last))
            from_index = MAX (first, f_first);
        }
      for (guint k = 0; gt_meeting_kinds[k] != NULL; k++)
        {
          const char *kind = gt_meeting_kinds[k];
          int span;

          if (!gt_life_org_holds (org_kind, kind) ||
              (span = required_span (schedule, org_type, kind)) == 0)
            continue;
          for (int index = from_index; index <= last; index++)
            {
              g_autofree char *start_month = NULL, *end_month = NULL;
              g_autofree char *start = NULL, *end = NULL;

              if ((index % 12 + 1) % span != 0)
                continue; /* not the last month of its slot */
              start_month = month_text (index - span + 1);
              end_month = month_text (index);
              start = g_strdup_printf ("%s-01", start_month);
              end = g_strdup_printf ("%s-31", end_month);
              t->meetings_required++;
              if (slot_held (held, org, kind, start, end))
                t->meetings_required_held++;
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the townships' organisations"));
      return FALSE;
    }
  return TRUE;
}

/* The base: the active members who had joined by the end of the period's first month (a
 * member admitted on 5 November owes no dues for October), or whose join date is unknown. */
static gboolean
count_dues_base (GtStorage *storage, GtCountyTownship *t, const char *from, GError **error)
{
  g_autofree char *month_end = g_strconcat (from, "-31", NULL);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT count(*) FROM ex_records WHERE source_code = ?1 AND type = 'member' AND NOT deleted"
    " AND json_extract (data, '$.status') = 'active'"
    " AND coalesce (json_extract (data, '$.join-date'), '') <= ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, month_end, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    t->dues_members = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  gt_storage_set_error (storage, error, _("reading the townships' dues payments"));
  return FALSE;
}

static gboolean
add_dues (GtStorage *storage, GtCountyTownship *t, int first, int last, GError **error)
{
  g_autofree char *from = month_text (first), *to = month_text (last);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "WITH paid AS (SELECT parent_uuid AS member FROM ex_records"
    "  WHERE source_code = ?1 AND type = 'dues-payment'" ROLLUP_TYPES " AND NOT deleted"
    "  AND json_extract (data, '$.month') BETWEEN ?2 AND ?3"
    "  GROUP BY parent_uuid HAVING count (DISTINCT json_extract (data, '$.month')) = ?4)"
    " SELECT count(*) FROM paid JOIN ex_records m ON m.source_code = ?1 AND m.uuid = paid.member"
    " WHERE m.type = 'member' AND NOT m.deleted AND json_extract (m.data, '$.status') = 'active'"
    " AND coalesce (json_extract (m.data, '$.join-date'), '') <= ?2 || '-31'",
    error);
  int rc;

  if (stmt == NULL || !count_dues_base (storage, t, from, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, last - first + 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    t->dues_paid_members = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    goto failed;

  stmt = gt_storage_prepare (
    storage,
    "SELECT coalesce (sum (json_extract (data, '$.amount-fen')), 0) FROM ex_records"
    " WHERE source_code = ?1 AND type = 'dues-payment'" ROLLUP_TYPES " AND NOT deleted"
    " AND json_extract (data, '$.month') BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    t->dues_paid_fen = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

failed:
  gt_storage_set_error (storage, error, _("reading the townships' dues payments"));
  return FALSE;
}

static gboolean
add_stars (GtStorage *storage, GtCountyTownship *t, int last, GError **error)
{
  g_autofree char *year = g_strdup_printf ("%04d", last / 12);
  g_autofree char *run = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT json_extract (data, '$.run'), json_extract (data, '$.period') AS p FROM ex_records"
    " WHERE source_code = ?1 AND type = 'rating'" ROLLUP_TYPES " AND NOT deleted"
    " AND json_extract (data, '$.kind') = 'stars' AND p <= ?2"
    " ORDER BY p DESC, json_extract (data, '$.published') DESC, mtime DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, year, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      run = GT_COLUMN_TEXT (stmt, 0);
      t->stars_period = GT_COLUMN_TEXT (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto failed;
  if (run == NULL)
    return TRUE;

  stmt = gt_storage_prepare (
    storage,
    "SELECT json_extract (data, '$.stars'), count(*) FROM ex_records"
    " WHERE source_code = ?1 AND type = 'rating'" ROLLUP_TYPES " AND NOT deleted"
    " AND json_extract (data, '$.run') = ?2 AND json_extract (data, '$.member') IS NOT NULL"
    " GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, run, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 stars = sqlite3_column_int64 (stmt, 0), n = sqlite3_column_int64 (stmt, 1);

      t->rated_members += n;
      t->member_stars[CLAMP (stars, 0, GT_COUNTY_STAR_LEVELS - 1)] += n;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

failed:
  gt_storage_set_error (storage, error, _("reading the townships' ratings"));
  return FALSE;
}

gboolean
gt_county_add_activity (GtStorage *storage, GtCountyTownship *t, const char *period,
                        GError **error)
{
  const char *chosen = period != NULL ? period : t->last_period;
  int first, last, reported_first, reported_last;

  if (!gt_county_period_months (chosen, &first, &last))
    return TRUE; /* nothing reported yet, or no period: the fields stay empty */
  t->activity_period = g_strdup (chosen);
  /* Cut at the township's last reported month when that is inside the period. */
  if (gt_county_period_months (t->last_period, &reported_first, &reported_last) &&
      reported_last >= first && reported_last < last)
    last = reported_last;
  return add_meetings (storage, t, first, last, error) &&
         add_dues (storage, t, first, last, error) &&
         add_stars (storage, t, last, error);
}
