/* gt-county.c — the county's roll-up, rankings, missing reports, dispatch and acknowledgements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-county-private.h"
#include "gt-exchange.h"

void
gt_county_township_free (GtCountyTownship *township)
{
  if (township == NULL)
    return;
  g_free (township->code);
  g_free (township->name);
  g_free (township->last_period);
  g_free (township->last_created);
  g_free (township->activity_period);
  g_free (township->stars_period);
  g_free (township);
}

void
gt_county_task_free (GtCountyTask *task)
{
  if (task == NULL)
    return;
  g_free (task->uuid);
  g_free (task->kind);
  g_free (task->title);
  g_free (task->due_date);
  g_free (task->target);
  g_free (task->issued_on);
  g_free (task->withdrawn_on);
  g_free (task->withdrawn_reason);
  g_free (task);
}

static const char *const rank_names[] = {
  "members", "links-per-member", "milestones-done", "meetings-held", "dues-paid",
  "average-stars",
};

const char *
gt_county_rank_to_string (GtCountyRank rank)
{
  g_return_val_if_fail ((guint) rank < G_N_ELEMENTS (rank_names), NULL);
  return rank_names[rank];
}

gboolean
gt_county_rank_from_string (const char *text, GtCountyRank *rank)
{
  const char *const *names = rank_names;

  for (guint i = 0; i < G_N_ELEMENTS (rank_names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *rank = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
gt_county_metric_value (const GtCountyTownship *t, GtCountyRank rank, gint64 *value)
{
  /* The period's meetings, dues and stars exist only for a township that reported it. */
  gboolean activity = t->activity_period != NULL;
  gint64 part = 0, whole = 1;

  switch (rank)
    {
    case GT_COUNTY_RANK_LINKS_PER_MEMBER:
      part = t->links * 100;
      whole = t->members;
      break;
    case GT_COUNTY_RANK_MILESTONES_DONE:
      part = t->milestones_done * 100;
      whole = t->milestones;
      break;
    case GT_COUNTY_RANK_MEETINGS_HELD:
      part = t->meetings_required_held * 100;
      whole = activity ? t->meetings_required : 0;
      break;
    case GT_COUNTY_RANK_DUES_PAID:
      part = t->dues_paid_members * 100;
      whole = activity ? t->dues_members : 0;
      break;
    case GT_COUNTY_RANK_AVERAGE_STARS:
      for (int s = 0; s < GT_COUNTY_STAR_LEVELS; s++)
        part += s * t->member_stars[s] * 100;
      whole = activity ? t->rated_members : 0;
      break;
    case GT_COUNTY_RANK_MEMBERS:
    default:
      part = t->members;
      break;
    }
  /* Nothing to divide by is no figure at all, not 0: a township without members, milestones,
   * required meetings or rated members must not rank as the worst. */
  if (whole <= 0)
    return FALSE;
  if (value != NULL)
    *value = part / whole;
  return TRUE;
}

gint64
gt_county_metric (const GtCountyTownship *t, GtCountyRank rank)
{
  gint64 value = 0;

  return gt_county_metric_value (t, rank, &value) ? value : 0;
}

guint *
gt_county_places (const gint64 *values, guint n)
{
  guint *places = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    places[i] = i > 0 && values[i] == values[i - 1] ? places[i - 1] : i + 1;
  return places;
}

guint
gt_county_place_from_bottom (const guint *places, guint n, guint i)
{
  guint last = i;

  /* the last of its equals: counted from the bottom, it is the first of them */
  while (places != NULL && last + 1 < n && places[last + 1] == places[i])
    last++;
  return n - last;
}

/* Townships: the trust list and every sender of a report or package. */
static const char townships_sql[] =
  "WITH codes AS (SELECT org_code AS code FROM ex_trusted_keys"
  "               UNION SELECT sender_code FROM ex_reports)"
  " SELECT c.code,"
  "  coalesce ((SELECT name FROM ex_trusted_keys k WHERE k.org_code = c.code AND name <> ''"
  "             ORDER BY id DESC LIMIT 1),"
  "            (SELECT sender_name FROM ex_reports r WHERE r.sender_code = c.code"
  "             ORDER BY created DESC, id DESC LIMIT 1), '')"
  " FROM codes c ORDER BY c.code";

/* Whether report period @a is newer than @b: its last month is later; at the same last month
 * the shorter period (a month before its quarter) comes first. */
static gboolean
period_newer (const char *a, const char *b)
{
  int a_first, a_last, b_first, b_last;

  if (!gt_county_period_months (a, &a_first, &a_last))
    return FALSE;
  if (!gt_county_period_months (b, &b_first, &b_last))
    return TRUE;
  if (a_last != b_last)
    return a_last > b_last;
  return a_first > b_first;
}

static int
period_compare_newest_first (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;

  if (period_newer (x, y))
    return -1;
  if (period_newer (y, x))
    return 1;
  return g_strcmp0 (x, y);
}

GStrv
gt_county_periods (GtStorage *storage, GError **error)
{
  g_autoptr (GPtrArray) periods = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT DISTINCT period FROM ex_reports WHERE period <> ''", error);
  int rc, first, last;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *period = (const char *) sqlite3_column_text (stmt, 0);

      if (gt_county_period_months (period, &first, &last))
        g_ptr_array_add (periods, g_strdup (period));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the periods of the reports"));
      return NULL;
    }
  g_ptr_array_sort (periods, period_compare_newest_first);
  for (guint i = 0; i < periods->len; i++)
    g_strv_builder_add (builder, periods->pdata[i]);
  return g_strv_builder_end (builder);
}

char *
gt_county_default_period (GtStorage *storage, GError **error)
{
  g_auto (GStrv) periods = gt_county_periods (storage, error);
  g_autofree char *today = NULL;

  if (periods == NULL)
    return NULL;
  if (periods[0] != NULL)
    return g_strdup (periods[0]);
  today = gt_today ();
  return g_strndup (today, 7);
}

void
gt_county_ranking_split (const guint *places, guint n_ranked, guint top, guint *n_top,
                         guint *n_bottom)
{
  guint t = MIN (top, (n_ranked + 1) / 2), b;

  /* Equals share a place, so they are listed together: the top list takes every township
   * that shares the last place it reaches, the bottom list every one that shares its
   * first, and nobody is listed twice. */
  if (places != NULL && t > 0)
    while (t < n_ranked && places[t] == places[t - 1])
      t++;
  b = MIN (top, n_ranked - t);
  if (places != NULL && b > 0)
    while (t + b < n_ranked && places[n_ranked - b - 1] == places[n_ranked - b])
      b++;
  *n_top = t;
  *n_bottom = b;
}

/* Sets each township's last report (the newest period it reported, never an older package
 * imported later) and whether it reported for @period. */
static gboolean
read_reports (GtStorage *storage, GHashTable *by_code, const char *period, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT sender_code, period, created FROM ex_reports WHERE period <> ''"
             " ORDER BY created, id", error);
  int first = 0, last = -1, rc;
  gboolean have_period = gt_county_period_months (period, &first, &last);

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtCountyTownship *t = g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 0));
      const char *p = (const char *) sqlite3_column_text (stmt, 1);
      int p_first, p_last;

      if (t == NULL || !gt_county_period_months (p, &p_first, &p_last))
        continue;
      /* a report of the period, or of a month or quarter inside it */
      if (have_period && p_first >= first && p_last <= last)
        t->reported = TRUE;
      if (t->last_period == NULL || !period_newer (t->last_period, p))
        {
          g_free (t->last_period);
          g_free (t->last_created);
          t->last_period = g_strdup (p);
          t->last_created = GT_COLUMN_TEXT (stmt, 2);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the townships' reports"));
      return FALSE;
    }
  return TRUE;
}

/* Archived organisations are history: the township's own counts (gt-stats.c) leave them
 * out, and so does the county; branches are 党支部 and 党总支, as there. */
#define NOT_ARCHIVED "coalesce (json_extract (data, '$.archived'), '0') IN (0, '0')"

static const char counts_sql[] =
  "SELECT source_code,"
  " sum (type = 'organization' AND " NOT_ARCHIVED "),"
  " sum (type = 'organization' AND " NOT_ARCHIVED
  "      AND json_extract (data, '$.kind') IN ('branch', 'general_branch')),"
  " sum (type = 'member' AND json_extract (data, '$.status') = 'active'),"
  " sum (type = 'member' AND json_extract (data, '$.status') = 'active'"
  "      AND json_extract (data, '$.category') = 'full'),"
  " sum (type = 'member' AND json_extract (data, '$.status') = 'active'"
  "      AND json_extract (data, '$.category') = 'probationary'),"
  " sum (type = 'household'),"
  /* the links of active members only, as the members are counted: a member who left or died
   * keeps their links in the register, and they would raise the links per member */
  " sum (type = 'link' AND EXISTS (SELECT 1 FROM ex_records m"
  "      WHERE m.source_code = ex_records.source_code AND m.uuid = ex_records.parent_uuid"
  "      AND m.type = 'member' AND NOT m.deleted"
  "      AND json_extract (m.data, '$.status') = 'active')),"
  " sum (type = 'project'),"
  " sum (type = 'project' AND json_extract (data, '$.closed') IS NOT NULL),"
  " sum (type = 'milestone'),"
  " sum (type = 'milestone' AND json_extract (data, '$.done') IS NOT NULL)"
  " FROM ex_records WHERE NOT deleted GROUP BY source_code";

GPtrArray *
gt_county_summary (GtStorage *storage, const char *period, GError **error)
{
  g_autofree char *chosen = NULL;
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gt_county_township_free);
  g_autoptr (GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  if (period == NULL)
    {
      chosen = gt_county_default_period (storage, error);
      if (chosen == NULL)
        return NULL;
      period = chosen;
    }
  stmt = gt_storage_prepare (storage, townships_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtCountyTownship *t = g_new0 (GtCountyTownship, 1);
      t->code = GT_COLUMN_TEXT (stmt, 0);
      t->name = GT_COLUMN_TEXT (stmt, 1);
      g_ptr_array_add (result, t);
      g_hash_table_insert (by_code, t->code, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the townships' reports"));
      return NULL;
    }
  if (!read_reports (storage, by_code, period, error))
    return NULL;

  stmt = gt_storage_prepare (storage, counts_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtCountyTownship *t = g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 0));
      gint64 *fields[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };

      if (t == NULL)
        continue; /* records of an office no longer trusted and without a report */
      fields[0] = &t->organizations;
      fields[1] = &t->branches;
      fields[2] = &t->members;
      fields[3] = &t->full_members;
      fields[4] = &t->probationary;
      fields[5] = &t->households;
      fields[6] = &t->links;
      fields[7] = &t->projects;
      fields[8] = &t->projects_closed;
      fields[9] = &t->milestones;
      fields[10] = &t->milestones_done;
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        *fields[i] = sqlite3_column_int64 (stmt, 1 + i);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("counting the townships' records"));
      return NULL;
    }
  /* Only a township that reported the period has figures for it: the records an older
   * package carried say nothing about a month it has not reported. */
  for (guint i = 0; i < result->len; i++)
    if (((GtCountyTownship *) result->pdata[i])->reported &&
        !gt_county_add_activity (storage, result->pdata[i], period, error))
      return NULL;
  return g_steal_pointer (&result);
}

static int
compare (gconstpointer a, gconstpointer b, gpointer data)
{
  const GtCountyTownship *x = *(GtCountyTownship *const *) a;
  const GtCountyTownship *y = *(GtCountyTownship *const *) b;
  GtCountyRank rank = GPOINTER_TO_INT (data);
  gint64 mx = 0, my = 0;
  gboolean hx = gt_county_metric_value (x, rank, &mx), hy = gt_county_metric_value (y, rank, &my);

  /* no figure after every figure */
  if (hx != hy)
    return hx ? -1 : 1;
  if (mx != my)
    return mx > my ? -1 : 1;
  return strcmp (x->code, y->code);
}

void
gt_county_sort (GPtrArray *townships, GtCountyRank rank)
{
  g_ptr_array_sort_with_data (townships, compare, GINT_TO_POINTER (rank));
}

GPtrArray *
gt_county_ranked (GPtrArray *townships, GtCountyRank rank)
{
  GPtrArray *ranked = g_ptr_array_new ();

  for (guint i = 0; i < townships->len; i++)
    {
      GtCountyTownship *t = townships->pdata[i];

      if (t->reported && gt_county_metric_value (t, rank, NULL))
        g_ptr_array_add (ranked, t);
    }
  gt_county_sort (ranked, rank);
  return ranked;
}

guint *
gt_county_ranked_places (GPtrArray *ranked, GtCountyRank rank)
{
  g_autofree gint64 *values = g_new0 (gint64, MAX (ranked->len, 1));

  for (guint i = 0; i < ranked->len; i++)
    values[i] = gt_county_metric (ranked->pdata[i], rank);
  return gt_county_places (values, ranked->len);
}

gboolean
gt_county_add_task (GtStorage *storage, const char *kind, const char *title, const char *body,
                    const char *due_date, const char *target, char **uuid_out, GError **error)
{
  if (!gt_county_insert_task (storage, kind, title, body, due_date, target, uuid_out, error))
    return FALSE;
  gt_storage_emit_changed (storage, "ex_tasks");
  return TRUE;
}

gboolean
gt_county_insert_task (GtStorage *storage, const char *kind, const char *title,
                       const char *body, const char *due_date, const char *target,
                       char **uuid_out, GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *now = gt_now_iso8601 (), *today = gt_today ();
  g_autofree char *code = gt_exchange_office_code (storage);
  g_autofree char *name = gt_storage_get_meta (storage, "office_name");
  sqlite3_stmt *stmt;

  if (g_strcmp0 (kind, "task") != 0 && g_strcmp0 (kind, "notice") != 0)
    return gt_storage_refuse (storage, error, _("a dispatch is a “task” or a “notice”, not “%s”"),
                              kind);
  if (title == NULL || *title == '\0')
    return gt_storage_refuse (storage, error, _("a task or notice needs a title"));
  if (!gt_storage_check_length (storage, _("the title"), title, GT_NAME_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the text"), body, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  if (due_date != NULL &&
      !gt_storage_check_date (storage, _("the due date"), due_date, TRUE, error))
    return FALSE;
  if (*code == '\0')
    return gt_storage_refuse (storage, error, _("this office has no office code"));
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO ex_tasks (uuid, mtime, kind, title, body, due_date,"
                             " issuer_code, issuer_name, target_code, issued_on)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, body != NULL ? body : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, due_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, name != NULL ? name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, target != NULL ? target : "*", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, today, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (uuid_out != NULL)
    *uuid_out = g_steal_pointer (&uuid);
  return TRUE;
}

static gpointer
read_task (sqlite3_stmt *stmt)
{
  GtCountyTask *task = g_new0 (GtCountyTask, 1);

  task->uuid = GT_COLUMN_TEXT (stmt, 0);
  task->kind = GT_COLUMN_TEXT (stmt, 1);
  task->title = GT_COLUMN_TEXT (stmt, 2);
  task->due_date = GT_COLUMN_TEXT (stmt, 3);
  task->target = GT_COLUMN_TEXT (stmt, 4);
  task->issued_on = GT_COLUMN_TEXT (stmt, 5);
  task->received = sqlite3_column_int64 (stmt, 6);
  task->done = sqlite3_column_int64 (stmt, 7);
  task->withdrawn_on = GT_COLUMN_TEXT (stmt, 8);
  task->withdrawn_reason = GT_COLUMN_TEXT (stmt, 9);
  task->sent = sqlite3_column_int (stmt, 10);
  return task;
}

GPtrArray *
gt_county_list_tasks (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT t.uuid, t.kind, t.title, t.due_date, t.target_code, t.issued_on,"
    " (SELECT count(*) FROM ex_acks a WHERE a.task_uuid = t.uuid AND t.withdrawn_on IS NULL"
    "   AND t.target_code IN ('*', a.office_code)),"
    " (SELECT count(*) FROM ex_acks a WHERE a.task_uuid = t.uuid AND t.withdrawn_on IS NULL"
    "   AND t.target_code IN ('*', a.office_code) AND a.status = 'done'),"
    " t.withdrawn_on, t.withdrawn_reason, t.sent_on IS NOT NULL"
    " FROM ex_tasks t WHERE NOT t.incoming ORDER BY t.issued_on DESC, t.id DESC", error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_task, (GDestroyNotify) gt_county_task_free,
                             error);
}

gboolean
gt_county_acknowledge (GtStorage *storage, const char *task_uuid, const char *status,
                       const char *note, GError **error)
{
  g_autofree char *code = gt_exchange_office_code (storage);
  g_autofree char *name = gt_storage_get_meta (storage, "office_name");
  g_autofree char *uuid = gt_new_uuid (), *now = gt_now_iso8601 (), *today = gt_today ();
  g_autofree char *withdrawn = NULL, *title = NULL;
  gint64 known = 0;
  sqlite3_stmt *stmt;

  if (g_strcmp0 (status, "received") != 0 && g_strcmp0 (status, "done") != 0)
    return gt_storage_refuse (storage, error, _("an acknowledgement is “received” or “done”, "
                                                "not “%s”"), status);
  if (!gt_storage_check_length (storage, _("the note"), note, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "SELECT withdrawn_on, title FROM ex_tasks"
                             " WHERE uuid = ? AND incoming", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, task_uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      known = 1;
      withdrawn = GT_COLUMN_TEXT (stmt, 0);
      title = GT_COLUMN_TEXT (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (known == 0)
    return gt_storage_refuse (storage, error, _("no received task or notice has the id %s"),
                              task_uuid);
  if (withdrawn != NULL)
    return gt_storage_refuse (storage, error, _("“%s” was withdrawn by the county on %s: it "
                                                "needs no acknowledgement"), title, withdrawn);
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO ex_acks (uuid, mtime, task_uuid, office_code, office_name,"
                             " status, date, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                             " ON CONFLICT (task_uuid, office_code) DO UPDATE SET rev = rev + 1,"
                             " mtime = ?2, status = ?6, date = ?7, note = ?8", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, task_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, name != NULL ? name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, today, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, note != NULL ? note : "", -1, SQLITE_STATIC);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  gt_storage_emit_changed (storage, "ex_acks");
  return TRUE;
}
