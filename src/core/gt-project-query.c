/* gt-project-query.c — reading the project library: the filtered list with each project's
 * status and accountability flag, and one project with its milestones and supervision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-project-private.h"

static void
milestone_free (gpointer data)
{
  GtMilestone *m = data;

  g_free (m->uuid);
  g_free (m->name);
  g_free (m->planned_date);
  g_free (m->done_date);
  g_free (m->done_by);
  g_free (m);
}

static void
supervision_free (gpointer data)
{
  GtSupervision *s = data;

  g_free (s->uuid);
  g_free (s->checked_on);
  g_free (s->finding);
  g_free (s->deadline);
  g_free (s->circular);
  g_free (s->inspector);
  g_free (s);
}

static void
reopening_free (gpointer data)
{
  GtReopening *r = data;

  g_free (r->milestone_name);
  g_free (r->done_date);
  g_free (r->done_by);
  g_free (r->reopened_on);
  g_free (r->reopened_by);
  g_free (r->reason);
  g_free (r);
}

void
gt_project_info_free (GtProjectInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->base.number);
  g_free (info->base.name);
  g_free (info->base.kind);
  g_free (info->base.leader);
  g_free (info->base.cadre);
  g_free (info->base.due_date);
  g_free (info->base.closed_date);
  g_free (info->base.next_node);
  g_free (info->base.next_date);
  g_free (info->base.start_date);
  g_free (info->uuid);
  g_free (info->level);
  g_free (info->org_name);
  g_free (info->village);
  g_free (info->description);
  g_clear_pointer (&info->milestones, g_ptr_array_unref);
  g_clear_pointer (&info->supervisions, g_ptr_array_unref);
  g_clear_pointer (&info->reopenings, g_ptr_array_unref);
  g_free (info);
}

#define INFO_SELECT \
  "SELECT p.id, p.number, p.name, p.kind, p.leader, p.cadre, p.due_date, p.closed_date," \
  "  (SELECT count(*) FROM milestones s WHERE s.project_id = p.id)," \
  "  (SELECT count(*) FROM milestones s WHERE s.project_id = p.id AND s.done_date IS NOT NULL)," \
  "  n.name, n.planned_date, p.start_date, p.uuid, p.level, p.org_id, o.name, v.name," \
  "  p.budget_fen, p.description, p.rev," \
  "  (SELECT count(*) FROM supervisions s WHERE s.project_id = p.id AND s.lagging = 1" \
  "    AND NOT EXISTS (SELECT 1 FROM supervisions t WHERE t.project_id = p.id" \
  "      AND t.lagging = 0 AND (t.checked_on > s.checked_on" \
  "        OR (t.checked_on = s.checked_on AND t.id > s.id))))," \
  "  (SELECT count(*) FROM supervisions s WHERE s.project_id = p.id)" \
  " FROM projects p" \
  " LEFT JOIN milestones n ON n.id = (SELECT s.id FROM milestones s" \
  "  WHERE s.project_id = p.id AND s.done_date IS NULL ORDER BY s.seq LIMIT 1)" \
  " LEFT JOIN organizations o ON o.id = p.org_id" \
  " LEFT JOIN villages v ON v.id = p.village_id"

static gpointer
read_info (sqlite3_stmt *stmt)
{
  GtProjectInfo *info = g_new0 (GtProjectInfo, 1);

  info->base.id = sqlite3_column_int64 (stmt, 0);
  info->base.number = TEXT (stmt, 1);
  info->base.name = TEXT (stmt, 2);
  info->base.kind = TEXT (stmt, 3);
  info->base.leader = TEXT (stmt, 4);
  info->base.cadre = TEXT (stmt, 5);
  info->base.due_date = TEXT (stmt, 6);
  info->base.closed_date = TEXT (stmt, 7);
  info->base.n_milestones = sqlite3_column_int64 (stmt, 8);
  info->base.n_done = sqlite3_column_int64 (stmt, 9);
  info->base.next_node = TEXT (stmt, 10);
  info->base.next_date = TEXT (stmt, 11);
  info->base.start_date = TEXT (stmt, 12);
  info->uuid = TEXT (stmt, 13);
  info->level = TEXT (stmt, 14);
  info->org_id = sqlite3_column_int64 (stmt, 15);
  info->org_name = TEXT (stmt, 16);
  info->village = TEXT (stmt, 17);
  info->budget_fen = sqlite3_column_int64 (stmt, 18);
  info->description = TEXT (stmt, 19);
  info->rev = sqlite3_column_int64 (stmt, 20);
  info->n_lagging = sqlite3_column_int64 (stmt, 21);
  info->n_checks = sqlite3_column_int64 (stmt, 22);
  return info;
}

/* Status and accountability, which need the date and the settings. */
static void
finish_info (GtProjectInfo *info, const char *today, int at_risk_days, int accountability)
{
  info->status = gt_project_status_compute (&info->base, today, at_risk_days);
  info->accountable = info->n_lagging >= accountability;
}

GPtrArray *
gt_project_query (GtStorage *storage, const GtProjectFilter *filter, const char *today,
                  GError **error)
{
  g_autofree char *local_today = today == NULL ? gt_today () : NULL;
  g_autofree char *like = NULL;
  GtProjectFilter all = { .status = -1 };
  int at_risk = gt_project_at_risk_days (storage);
  int accountability = gt_project_accountability_checks (storage);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    INFO_SELECT
    " WHERE (?1 IS NULL OR p.kind = ?1) AND (?2 IS NULL OR p.level = ?2)"
    "  AND (?3 = 0 OR p.org_id = ?3)"
    "  AND (?4 IS NULL OR p.number LIKE ?4 OR p.name LIKE ?4 OR p.leader LIKE ?4"
    "       OR p.cadre LIKE ?4)"
    " ORDER BY p.number", error);
  GPtrArray *list;

  if (stmt == NULL)
    return NULL;
  if (filter == NULL)
    filter = &all;
  if (today == NULL)
    today = local_today;
  if (filter->text != NULL && *filter->text != '\0')
    like = g_strdup_printf ("%%%s%%", filter->text);
  sqlite3_bind_text (stmt, 1, nonempty_or_null (filter->kind), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, nonempty_or_null (filter->level), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, filter->org_id);
  sqlite3_bind_text (stmt, 4, like, -1, SQLITE_TRANSIENT);
  list = gt_storage_collect (storage, stmt, read_info, (GDestroyNotify) gt_project_info_free,
                             error);
  if (list == NULL)
    return NULL;
  for (guint i = list->len; i-- > 0;)
    {
      GtProjectInfo *info = list->pdata[i];

      finish_info (info, today, at_risk, accountability);
      if (filter->status >= 0 && (int) info->status != filter->status)
        g_ptr_array_remove_index (list, i);
    }
  return list;
}

static gpointer
read_milestone (sqlite3_stmt *stmt)
{
  GtMilestone *m = g_new0 (GtMilestone, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->uuid = TEXT (stmt, 1);
  m->seq = sqlite3_column_int64 (stmt, 2);
  m->name = TEXT (stmt, 3);
  m->planned_date = TEXT (stmt, 4);
  m->done_date = TEXT (stmt, 5);
  m->done_by = TEXT (stmt, 6);
  m->n_reopened = sqlite3_column_int64 (stmt, 7);
  return m;
}

static gpointer
read_supervision (sqlite3_stmt *stmt)
{
  GtSupervision *s = g_new0 (GtSupervision, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->uuid = TEXT (stmt, 1);
  s->checked_on = TEXT (stmt, 2);
  s->finding = TEXT (stmt, 3);
  s->deadline = TEXT (stmt, 4);
  s->circular = TEXT (stmt, 5);
  s->lagging = sqlite3_column_int (stmt, 6) != 0;
  s->inspector = TEXT (stmt, 7);
  return s;
}

static gpointer
read_reopening (sqlite3_stmt *stmt)
{
  GtReopening *r = g_new0 (GtReopening, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->milestone_name = TEXT (stmt, 1);
  r->done_date = TEXT (stmt, 2);
  r->done_by = TEXT (stmt, 3);
  r->reopened_on = TEXT (stmt, 4);
  r->reopened_by = TEXT (stmt, 5);
  r->reason = TEXT (stmt, 6);
  return r;
}

static GPtrArray *
collect_for (GtStorage *storage, const char *sql, gint64 id, gpointer (*read) (sqlite3_stmt *),
             GDestroyNotify free_func, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return gt_storage_collect (storage, stmt, read, free_func, error);
}

GtProjectInfo *
gt_project_lookup (GtStorage *storage, gint64 id, const char *today, GError **error)
{
  g_autofree char *local_today = today == NULL ? gt_today () : NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GtProjectInfo) info = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage, INFO_SELECT " WHERE p.id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  found = gt_storage_collect (storage, stmt, read_info, NULL, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      gt_storage_refuse (storage, error, _("there is no project %" G_GINT64_FORMAT), id);
      return NULL;
    }
  info = found->pdata[0];
  finish_info (info, today != NULL ? today : local_today, gt_project_at_risk_days (storage),
               gt_project_accountability_checks (storage));
  info->milestones = collect_for (
    storage,
    "SELECT m.id, m.uuid, m.seq, m.name, m.planned_date, m.done_date, m.done_by,"
    " (SELECT count(*) FROM milestone_reopenings r WHERE r.milestone_id = m.id)"
    " FROM milestones m WHERE m.project_id = ? ORDER BY m.seq", id, read_milestone,
    milestone_free, error);
  if (info->milestones == NULL)
    return NULL;
  info->supervisions = collect_for (
    storage,
    "SELECT id, uuid, checked_on, finding, deadline, circular, lagging, inspector"
    " FROM supervisions WHERE project_id = ? ORDER BY checked_on DESC, id DESC", id,
    read_supervision, supervision_free, error);
  if (info->supervisions == NULL)
    return NULL;
  info->reopenings = collect_for (
    storage,
    "SELECT r.id, m.name, r.done_date, r.done_by, r.reopened_on, r.reopened_by, r.reason"
    " FROM milestone_reopenings r JOIN milestones m ON m.id = r.milestone_id"
    " WHERE m.project_id = ? ORDER BY r.id DESC", id, read_reopening, reopening_free, error);
  if (info->reopenings == NULL)
    return NULL;
  return g_steal_pointer (&info);
}
