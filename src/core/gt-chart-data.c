/* gt-chart-data.c — what the wall charts show: projects with their milestones and status,
 * villages with their map positions, read once from the database and filtered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-chart-private.h"
#include "gt-registers.h"

#define TEXT GT_COLUMN_TEXT

/* ---- data ---- */

static void
milestone_free (gpointer data)
{
  GtChartMilestone *m = data;

  g_free (m->name);
  g_free (m->planned_date);
  g_free (m->done_date);
  g_free (m);
}

static void
project_free (gpointer data)
{
  GtChartProject *p = data;

  g_free (p->number);
  g_free (p->name);
  g_free (p->kind);
  g_free (p->level);
  g_free (p->org_name);
  g_free (p->village);
  g_free (p->leader);
  g_free (p->cadre);
  g_free (p->start_date);
  g_free (p->due_date);
  g_free (p->closed_date);
  g_free (p->next_node);
  g_free (p->next_date);
  g_clear_pointer (&p->milestones, g_ptr_array_unref);
  g_free (p);
}

static void
village_free (gpointer data)
{
  GtChartVillage *v = data;

  g_free (v->name);
  g_free (v);
}

void
gt_chart_data_free (GtChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->township);
  g_free (data->goal);
  g_free (data->leader);
  g_free (data->today);
  g_clear_pointer (&data->legend, g_ptr_array_unref);
  g_clear_pointer (&data->projects, g_ptr_array_unref);
  g_clear_pointer (&data->villages, g_ptr_array_unref);
  g_free (data);
}

static gpointer
read_project (sqlite3_stmt *stmt)
{
  GtChartProject *p = g_new0 (GtChartProject, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->number = TEXT (stmt, 1);
  p->name = TEXT (stmt, 2);
  p->kind = TEXT (stmt, 3);
  p->level = TEXT (stmt, 4);
  p->org_id = sqlite3_column_int64 (stmt, 5);
  p->org_name = TEXT (stmt, 6);
  p->village_id = sqlite3_column_int64 (stmt, 7);
  p->village = TEXT (stmt, 8);
  p->leader = TEXT (stmt, 9);
  p->cadre = TEXT (stmt, 10);
  p->start_date = TEXT (stmt, 11);
  p->due_date = TEXT (stmt, 12);
  p->closed_date = TEXT (stmt, 13);
  p->milestones = g_ptr_array_new_with_free_func (milestone_free);
  return p;
}

static gpointer
read_village (sqlite3_stmt *stmt)
{
  GtChartVillage *v = g_new0 (GtChartVillage, 1);

  v->id = sqlite3_column_int64 (stmt, 0);
  v->name = TEXT (stmt, 1);
  v->has_position = sqlite3_column_type (stmt, 2) != SQLITE_NULL
                    && sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  v->x = CLAMP (sqlite3_column_double (stmt, 2), 0.0, 1.0);
  v->y = CLAMP (sqlite3_column_double (stmt, 3), 0.0, 1.0);
  return v;
}

static gboolean
load_milestones (GtStorage *storage, GtChartData *data, GError **error)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < data->projects->len; i++)
    {
      GtChartProject *p = data->projects->pdata[i];
      g_hash_table_insert (by_id, &p->id, p);
    }
  /* Milestones added after data->today were not there yet (unknown: always there). */
  stmt = gt_storage_prepare (storage,
                             "SELECT project_id, name, planned_date, done_date FROM milestones"
                             " WHERE substr (coalesce (created_on, ''), 1, 10) <= ?1"
                             " ORDER BY project_id, seq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, data->today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GtChartProject *p = g_hash_table_lookup (by_id, &id);
      GtChartMilestone *m;

      if (p == NULL)
        continue;
      m = g_new0 (GtChartMilestone, 1);
      m->name = TEXT (stmt, 1);
      m->planned_date = TEXT (stmt, 2);
      m->done_date = TEXT (stmt, 3);
      g_ptr_array_add (p->milestones, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading milestones"));
      return FALSE;
    }
  return TRUE;
}

/* The state as of data->today: closings and tick-offs after it had not happened yet (a chart
 * drawn for an earlier date, guatu-cli render --today). Projects and milestones added after
 * it are not read at all (gt_chart_data_load, load_milestones). */
static void
forget_later (GtChartData *data)
{
  for (guint i = 0; i < data->projects->len; i++)
    {
      GtChartProject *p = data->projects->pdata[i];

      if (p->closed_date != NULL && strncmp (p->closed_date, data->today, 10) > 0)
        g_clear_pointer (&p->closed_date, g_free);
      for (guint m = 0; m < p->milestones->len; m++)
        {
          GtChartMilestone *ms = p->milestones->pdata[m];

          if (ms->done_date != NULL && strncmp (ms->done_date, data->today, 10) > 0)
            g_clear_pointer (&ms->done_date, g_free);
        }
    }
}

static void
compute_status (GtChartData *data)
{
  for (guint i = 0; i < data->projects->len; i++)
    {
      GtChartProject *p = data->projects->pdata[i];
      GtProject base = { 0 };

      p->seq = (int) i + 1;
      p->n_milestones = p->milestones->len;
      p->n_done = 0;
      g_clear_pointer (&p->next_node, g_free);
      g_clear_pointer (&p->next_date, g_free);
      for (guint m = 0; m < p->milestones->len; m++)
        {
          GtChartMilestone *ms = p->milestones->pdata[m];
          if (ms->done_date != NULL)
            p->n_done++;
          else if (p->next_node == NULL)
            {
              p->next_node = g_strdup (ms->name);
              p->next_date = g_strdup (ms->planned_date);
            }
        }
      base.id = p->id;
      base.due_date = p->due_date;
      base.closed_date = p->closed_date;
      base.start_date = p->start_date;
      base.next_date = p->next_date;
      base.n_milestones = p->n_milestones;
      base.n_done = p->n_done;
      p->status = gt_project_status_compute (&base, data->today, data->at_risk_days);
    }
}

GtChartData *
gt_chart_data_load (GtStorage *storage, const char *today, GError **error)
{
  g_autoptr (GtChartData) data = g_new0 (GtChartData, 1);
  sqlite3_stmt *stmt;

  data->today = today != NULL ? g_strdup (today) : gt_today ();
  if (!gt_date_is_valid (data->today))
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
                   _("“%s” is not a date (YYYY-MM-DD)"), data->today);
      return NULL;
    }
  data->township = gt_storage_get_meta (storage, "township");
  if (data->township == NULL || *data->township == '\0')
    {
      g_free (data->township);
      data->township = gt_storage_get_meta (storage, "office_name");
    }
  if (data->township == NULL)
    data->township = g_strdup ("");
  data->goal = gt_storage_get_meta (storage, "chart.goal");
  if (data->goal == NULL || *data->goal == '\0')
    {
      g_free (data->goal);
      data->goal = g_strdup (_("Demonstration projects: every node on time"));
    }
  data->leader = gt_storage_get_meta (storage, "chart.leader");
  data->at_risk_days = gt_project_at_risk_days (storage);
  data->legend = gt_project_legend_load (storage, error);
  if (data->legend == NULL)
    return NULL;

  /* The library as it stood on data->today: projects added later are left out, those whose
   * day of entry is unknown (NULL, from before schema step 14) stay. */
  stmt = gt_storage_prepare (
    storage,
    "SELECT p.id, p.number, p.name, p.kind, p.level, coalesce (p.org_id, 0), o.name,"
    "  coalesce (p.village_id, 0), v.name, p.leader, p.cadre, p.start_date, p.due_date,"
    "  p.closed_date"
    " FROM projects p LEFT JOIN organizations o ON o.id = p.org_id"
    " LEFT JOIN villages v ON v.id = p.village_id"
    " WHERE substr (coalesce (p.created_on, ''), 1, 10) <= ?1 ORDER BY p.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, data->today, -1, SQLITE_TRANSIENT);
  data->projects = gt_storage_collect (storage, stmt, read_project, project_free, error);
  if (data->projects == NULL)
    return NULL;
  stmt = gt_storage_prepare (storage, "SELECT id, name, map_x, map_y FROM villages ORDER BY name",
                             error);
  if (stmt == NULL)
    return NULL;
  data->villages = gt_storage_collect (storage, stmt, read_village, village_free, error);
  if (data->villages == NULL || !load_milestones (storage, data, error))
    return NULL;
  forget_later (data);
  compute_status (data);
  return g_steal_pointer (&data);
}

void
gt_chart_data_filter (GtChartData *data, const GtChartFilter *filter)
{
  guint j = 0;

  g_return_if_fail (data != NULL && filter != NULL);
  for (guint i = 0; i < data->projects->len; i++)
    {
      GtChartProject *p = data->projects->pdata[i];
      gboolean keep = (filter->kind == NULL || g_strcmp0 (filter->kind, p->kind) == 0)
                      && (filter->level == NULL || g_strcmp0 (filter->level, p->level) == 0)
                      && (filter->status < 0 || filter->status == (int) p->status)
                      && (filter->org_id == 0 || filter->org_id == p->org_id);
      if (keep)
        data->projects->pdata[j++] = p;
      else
        project_free (p);
    }
  /* The array no longer owns the dropped pointers: shrink without freeing them. */
  g_ptr_array_set_free_func (data->projects, NULL);
  g_ptr_array_set_size (data->projects, j);
  g_ptr_array_set_free_func (data->projects, project_free);
}

