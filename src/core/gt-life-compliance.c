/* gt-life-compliance.c — the schedule of organisational life per organisation type, and
 * each organisation's compliance with it, month by month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-life.h"
#include "gt-life-private.h"
#include "gt-org.h"

/* ---- months ---- */

static gboolean
parse_month (const char *month, int *year, int *mon)
{
  int y = 0, m;

  /* Digits by hand: sscanf cost a roster import 1 000 instructions a row. */
  if (month == NULL || strlen (month) != 7 || month[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (month[i]))
      return FALSE;
  for (int i = 0; i < 4; i++)
    y = y * 10 + (month[i] - '0');
  m = (month[5] - '0') * 10 + (month[6] - '0');
  if (y < 1 || m < 1 || m > 12)
    return FALSE;
  *year = y;
  *mon = m;
  return TRUE;
}

gboolean
gt_month_is_valid (const char *month)
{
  int y, m;

  return parse_month (month, &y, &m);
}

char *
gt_month_add (const char *month, int delta)
{
  int y, m, index;

  if (!parse_month (month, &y, &m))
    return NULL;
  index = y * 12 + (m - 1) + delta;
  return g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1);
}

char *
gt_month_of (const char *date)
{
  g_autofree char *today = NULL;

  if (date == NULL)
    date = today = gt_today ();
  return g_strndup (date, 7);
}

static int
month_index (const char *month)
{
  int y = 0, m = 1;

  parse_month (month, &y, &m);
  return y * 12 + m - 1;
}

static char *
last_day (const char *month)
{
  int y = 0, m = 1;

  parse_month (month, &y, &m);
  return g_strdup_printf ("%s-%02d", month, g_date_get_days_in_month (m, y));
}

int
gt_life_period_months (const char *period)
{
  if (g_strcmp0 (period, "month") == 0)
    return 1;
  if (g_strcmp0 (period, "quarter") == 0)
    return 3;
  if (g_strcmp0 (period, "half") == 0)
    return 6;
  if (g_strcmp0 (period, "year") == 0)
    return 12;
  return 0;
}

/* ---- schedule ---- */

void
gt_life_rule_free (GtLifeRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->org_type);
  g_free (rule->kind);
  g_free (rule->period);
  g_free (rule);
}

static gpointer
read_rule (sqlite3_stmt *stmt)
{
  GtLifeRule *rule = g_new0 (GtLifeRule, 1);

  rule->org_type = GT_COLUMN_TEXT (stmt, 0);
  rule->kind = GT_COLUMN_TEXT (stmt, 1);
  rule->period = GT_COLUMN_TEXT (stmt, 2);
  rule->day = sqlite3_column_int (stmt, 3);
  return rule;
}

GPtrArray *
gt_life_schedule (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT org_type, kind, period, coalesce (day, 0) FROM life_schedule"
    " ORDER BY org_type <> '', org_type, CASE kind WHEN 'general' THEN 1 WHEN 'committee' THEN 2"
    " WHEN 'group' THEN 3 WHEN 'lecture' THEN 4 WHEN 'theme_day' THEN 5"
    " WHEN 'life_meeting' THEN 6 ELSE 7 END", error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_rule, (GDestroyNotify) gt_life_rule_free, error);
}

gboolean
gt_life_rule_for (GtStorage *storage, const char *org_type, const char *kind, char **period,
                  int *day, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT period, coalesce (day, 0) FROM life_schedule WHERE kind = ?1"
    " AND org_type IN (?2, '') ORDER BY org_type = '' LIMIT 1", error);
  int rc;

  *period = NULL;
  *day = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, org_type != NULL ? org_type : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *period = GT_COLUMN_TEXT (stmt, 0);
      *day = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  if (*period == NULL)
    *period = g_strdup ("none");
  return TRUE;
}

gboolean
gt_life_schedule_set (GtStorage *storage, const char *org_type, const char *kind,
                      const char *period, int day, GError **error)
{
  g_autofree char *type = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!gt_life_kind_is_valid (kind))
    return gt_storage_refuse (storage, error, _("“%s” is not a kind of meeting"),
                              kind != NULL ? kind : "");
  type = gt_org_type_resolve (storage, org_type, error);
  if (type == NULL)
    return FALSE;
  if (period != NULL && gt_life_period_months (period) == 0 && g_strcmp0 (period, "none") != 0)
    return gt_storage_refuse (storage, error,
                              _("“%s” is not a period (month, quarter, half, year, none)"),
                              period);
  if (day != 0 && (g_strcmp0 (period, "month") != 0 || day < 1 || day > 28))
    return gt_storage_refuse (storage, error,
                              _("a fixed day (1–28) is only for meetings held every month"));
  if (period == NULL && *type == '\0')
    return gt_storage_refuse (storage, error,
                              _("the default rule of a kind cannot be removed; set it to none"));

  if (period == NULL)
    stmt = gt_storage_prepare (storage,
                               "DELETE FROM life_schedule WHERE org_type = ? AND kind = ?", error);
  else
    stmt = gt_storage_prepare (storage,
                               "INSERT OR REPLACE INTO life_schedule (org_type, kind, period, day)"
                               " VALUES (?, ?, ?, nullif (?, 0))", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  if (period != NULL)
    {
      sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, day);
    }
  ok = gt_storage_step_done (storage, stmt, error);
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "life_schedule");
  return TRUE;
}

/* ---- compliance ---- */

/* A cell's status from its items': missing > overdue > done > pending. Items held count over
 * items still to come, so a month whose due meetings were all held shows as done (its
 * figures count only what is due), and it is pending only while nothing is due yet. */
static GtLifeStatus
worse_status (GtLifeStatus a, GtLifeStatus b)
{
  if ((a == GT_LIFE_DONE && b == GT_LIFE_PENDING) || (a == GT_LIFE_PENDING && b == GT_LIFE_DONE))
    return GT_LIFE_DONE;
  return MAX (a, b);
}

static const char *const status_codes[] = { "none", "done", "pending", "overdue", "missing" };
static const char *const status_labels[] = {
  N_("Nothing due"), N_("Done"), N_("Not yet due"), N_("Overdue"), N_("Missing"),
};

const char *
gt_life_status_code (GtLifeStatus status)
{
  return status <= GT_LIFE_MISSING ? status_codes[status] : "none";
}

const char *
gt_label_life_status (GtLifeStatus status)
{
  return _(status_labels[status <= GT_LIFE_MISSING ? status : 0]);
}

static void
item_free (gpointer data)
{
  GtLifeItem *item = data;

  g_free (item->kind);
  g_free (item->period);
  g_free (item->deadline);
  g_free (item);
}

void
gt_life_cell_free (GtLifeCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->org_name);
  g_free (cell->org_type);
  g_free (cell->month);
  g_free (cell->org_kind);
  g_clear_pointer (&cell->items, g_ptr_array_unref);
  g_free (cell);
}

/* The meetings that can meet requirements of the months asked for, loaded once: "ORG/KIND"
 * → the meetings held, by date. */
typedef struct
{
  char date[11];
  gint64 id;
} Held;

static GHashTable *
load_meetings (GtStorage *storage, gint64 org_id, int first, int last, GError **error)
{
  g_autoptr (GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  /* a yearly requirement reaches back eleven months before the first month */
  g_autofree char *from = g_strdup_printf ("%04d-%02d-01", (first - 11) / 12, (first - 11) % 12 + 1);
  g_autofree char *to = g_strdup_printf ("%04d-%02d-31", last / 12, last % 12 + 1);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT org_id, kind, date, id FROM meetings WHERE date BETWEEN ?1 AND ?2"
    " AND (?3 = 0 OR org_id = ?3) ORDER BY org_id, kind, date, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, org_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s",
                                              (gint64) sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1));
      GArray *list = g_hash_table_lookup (held, key);
      Held h = { { 0 }, sqlite3_column_int64 (stmt, 3) };

      g_strlcpy (h.date, (const char *) sqlite3_column_text (stmt, 2), sizeof h.date);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Held));
          g_hash_table_insert (held, g_steal_pointer (&key), list);
        }
      g_array_append_val (list, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&held);
}

/* The first meeting of @kind held by @org_id from @first to @last (dates), 0 when none. */
static gint64
find_meeting (GHashTable *held, gint64 org_id, const char *kind, const char *first,
              const char *last)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", org_id, kind);
  GArray *list = g_hash_table_lookup (held, key);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const Held *h = &g_array_index (list, Held, i);

      if (strcmp (h->date, first) >= 0 && strcmp (h->date, last) <= 0)
        return h->id;
    }
  return 0;
}

typedef struct
{
  const char *kind;
  char *period;
  int day;
} Required;

/* Appends the cells of one organisation for months @first..@last (indexes) to @cells. */
static gboolean
org_cells (GtStorage *storage, GHashTable *held, const GtLifeOrgInfo *org, int first, int last,
           const char *today, GPtrArray *cells, GError **error)
{
  Required required[8] = { { 0 } };
  guint n_required = 0;
  gboolean holds = g_strcmp0 (org->kind, "branch") == 0 ||
                   g_strcmp0 (org->kind, "general_branch") == 0 ||
                   g_strcmp0 (org->kind, "group") == 0;
  int founded = org->founded != NULL && strlen (org->founded) >= 7 ? 0 : -1;
  gboolean ok = TRUE;

  if (founded == 0)
    {
      g_autofree char *m = g_strndup (org->founded, 7);
      founded = gt_month_is_valid (m) ? month_index (m) : -1;
    }
  for (guint k = 0; holds && gt_meeting_kinds[k] != NULL; k++)
    {
      char *period = NULL;
      int day = 0;

      if (!gt_life_org_holds (org->kind, gt_meeting_kinds[k]))
        continue;
      if (!gt_life_rule_for (storage, org->org_type, gt_meeting_kinds[k], &period, &day, error))
        {
          ok = FALSE;
          break;
        }
      if (gt_life_period_months (period) == 0)
        {
          g_free (period);
          continue;
        }
      required[n_required].kind = gt_meeting_kinds[k];
      required[n_required].period = period;
      required[n_required].day = day;
      n_required++;
    }

  for (int index = first; ok && index <= last; index++)
    {
      GtLifeCell *cell = g_new0 (GtLifeCell, 1);
      g_autofree char *month_end = NULL;

      cell->org_id = org->id;
      cell->org_name = g_strdup (org->name);
      cell->org_type = g_strdup (org->org_type);
      cell->org_kind = g_strdup (org->kind);
      cell->month = g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1);
      cell->status = GT_LIFE_NONE;
      cell->items = g_ptr_array_new_with_free_func (item_free);
      g_ptr_array_add (cells, cell);
      if (founded >= 0 && index < founded)
        continue;
      month_end = last_day (cell->month);

      for (guint r = 0; r < n_required; r++)
        {
          int span = gt_life_period_months (required[r].period);
          GtLifeItem *item;
          g_autofree char *start = NULL;

          if ((index % 12 + 1) % span != 0)
            continue; /* not the last month of its period */
          start = g_strdup_printf ("%04d-%02d-01", (index - span + 1) / 12,
                                   (index - span + 1) % 12 + 1);
          item = g_new0 (GtLifeItem, 1);
          item->kind = g_strdup (required[r].kind);
          item->period = g_strdup (required[r].period);
          item->deadline = span == 1 && required[r].day > 0
                             ? g_strdup_printf ("%s-%02d", cell->month, required[r].day)
                             : g_strdup (month_end);
          g_ptr_array_add (cell->items, item);
          item->meeting_id = find_meeting (held, org->id, item->kind, start, month_end);
          if (item->meeting_id != 0)
            item->status = GT_LIFE_DONE;
          else if (strcmp (today, item->deadline) <= 0)
            item->status = GT_LIFE_PENDING;
          else if (strcmp (today, month_end) <= 0)
            item->status = GT_LIFE_OVERDUE;
          else
            item->status = GT_LIFE_MISSING;
          cell->status = worse_status (cell->status, item->status);
        }
    }
  for (guint r = 0; r < n_required; r++)
    g_free (required[r].period);
  return ok;
}

static gboolean
check_range (GtStorage *storage, const char *from_month, const char *to_month, GError **error)
{
  if (!gt_month_is_valid (from_month) || !gt_month_is_valid (to_month))
    return gt_storage_refuse (storage, error, _("months are written YYYY-MM, not “%s”"),
                              gt_month_is_valid (from_month) ? to_month : from_month);
  if (month_index (to_month) < month_index (from_month))
    return gt_storage_refuse (storage, error, _("the month %s comes before %s"), to_month,
                              from_month);
  if (month_index (to_month) - month_index (from_month) >= 120)
    return gt_storage_refuse (storage, error, _("at most ten years at a time"));
  return TRUE;
}

GPtrArray *
gt_life_compliance_org (GtStorage *storage, gint64 org_id, const char *from_month,
                        const char *to_month, const char *today, GError **error)
{
  g_auto (GtLifeOrgInfo) org = { 0 };
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_life_cell_free);
  g_autofree char *real_today = today == NULL ? gt_today () : NULL;
  g_autoptr (GHashTable) held = NULL;

  if (!check_range (storage, from_month, to_month, error) ||
      !gt_life_org_info (storage, org_id, &org, error))
    return NULL;
  held = load_meetings (storage, org_id, month_index (from_month), month_index (to_month), error);
  if (held == NULL)
    return NULL;
  if (!org_cells (storage, held, &org, month_index (from_month), month_index (to_month),
                  today != NULL ? today : real_today, cells, error))
    return NULL;
  return g_steal_pointer (&cells);
}

GPtrArray *
gt_life_compliance (GtStorage *storage, const char *from_month, const char *to_month,
                    const char *today, GError **error)
{
  return gt_life_compliance_cancellable (storage, from_month, to_month, today, NULL, error);
}

GPtrArray *
gt_life_compliance_cancellable (GtStorage *storage, const char *from_month,
                                const char *to_month, const char *today,
                                GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_life_cell_free);
  g_autofree char *real_today = today == NULL ? gt_today () : NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) held = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_range (storage, from_month, to_month, error))
    return NULL;
  held = load_meetings (storage, 0, month_index (from_month), month_index (to_month), error);
  if (held == NULL)
    return NULL;
  /* Tree order: parents first, siblings by sort order. */
  stmt = gt_storage_prepare (
    storage,
    "WITH RECURSIVE t (id, path) AS ("
    "  SELECT id, printf ('%08d', sort_order) || printf ('%010d', id) FROM organizations"
    "   WHERE parent_id IS NULL"
    "  UNION ALL SELECT o.id, t.path || '/' || printf ('%08d', o.sort_order) || printf ('%010d', o.id)"
    "   FROM organizations o JOIN t ON o.parent_id = t.id)"
    " SELECT o.id FROM t JOIN organizations o ON o.id = t.id"
    " WHERE o.archived = 0 AND o.kind IN ('branch', 'general_branch', 'group')"
    " ORDER BY t.path", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto (GtLifeOrgInfo) org = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !gt_life_org_info (storage, g_array_index (ids, gint64, i), &org, error) ||
          !org_cells (storage, held, &org, month_index (from_month), month_index (to_month),
                      today != NULL ? today : real_today, cells, error))
        return NULL;
    }
  return g_steal_pointer (&cells);
}

gboolean
gt_life_compliance_rate (GtStorage *storage, gint64 org_id, const char *from_month,
                         const char *to_month, double *rate, GError **error)
{
  g_autoptr (GPtrArray) cells = gt_life_compliance_org (storage, org_id, from_month, to_month,
                                                        NULL, error);
  gint64 held = 0, due = 0;

  g_return_val_if_fail (rate != NULL, FALSE);
  if (cells == NULL)
    return FALSE;
  for (guint i = 0; i < cells->len; i++)
    {
      GtLifeCell *cell = cells->pdata[i];

      for (guint j = 0; j < cell->items->len; j++)
        {
          GtLifeItem *item = cell->items->pdata[j];

          if (item->status == GT_LIFE_PENDING)
            continue;
          due++;
          if (item->status == GT_LIFE_DONE)
            held++;
        }
    }
  *rate = due > 0 ? (double) held / (double) due : 1.0;
  return TRUE;
}

/* ---- legend ---- */

static const char *const default_colours[] = { "#ffffff", "#2e7d32", "#9e9e9e", "#ef6c00",
                                               "#c62828" };

static gboolean
colour_is_valid (const char *colour)
{
  if (colour == NULL || strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

char *
gt_life_status_colour (GtStorage *storage, GtLifeStatus status)
{
  g_autofree char *key = NULL;
  char *value;

  if (status > GT_LIFE_MISSING)
    status = GT_LIFE_NONE;
  key = g_strconcat ("life.colour.", gt_life_status_code (status), NULL);
  value = gt_storage_get_meta (storage, key);
  if (colour_is_valid (value))
    return value;
  g_free (value);
  return g_strdup (default_colours[status]);
}

gboolean
gt_life_set_status_colour (GtStorage *storage, GtLifeStatus status, const char *colour,
                           GError **error)
{
  g_autofree char *key = NULL;

  if (status > GT_LIFE_MISSING)
    return gt_storage_refuse (storage, error, _("unknown status"));
  if (!colour_is_valid (colour))
    return gt_storage_refuse (storage, error, _("“%s” is not a colour written #rrggbb"),
                              colour != NULL ? colour : "");
  key = g_strconcat ("life.colour.", gt_life_status_code (status), NULL);
  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!gt_storage_set_meta (storage, key, colour, error) || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "meta");
  return TRUE;
}
