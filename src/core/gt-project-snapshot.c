/* gt-project-snapshot.c — dated baselines of the project library and what changed since
 * the last one (the monthly wall update and the 比战 progress meeting start from these)
 *
 * A snapshot freezes every project and milestone as it stood on its date: a tick-off after
 * that date counts as open, so a baseline can be taken for a past month-end too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-audit.h"
#include "gt-project-private.h"

void
gt_project_snapshot_free (GtProjectSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->uuid);
  g_free (snapshot->taken_on);
  g_free (snapshot->note);
  g_free (snapshot);
}

static void
change_free (gpointer data)
{
  GtProjectChange *c = data;

  g_free (c->number);
  g_free (c->name);
  g_free (c->kind);
  g_free (c->detail);
  g_free (c->date);
  g_free (c->who);
  g_free (c);
}

void
gt_project_diff_free (GtProjectDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->taken_on);
  g_free (diff->today);
  g_clear_pointer (&diff->ticked, g_ptr_array_unref);
  g_clear_pointer (&diff->newly_overdue, g_ptr_array_unref);
  g_clear_pointer (&diff->new_projects, g_ptr_array_unref);
  g_clear_pointer (&diff->closed, g_ptr_array_unref);
  g_free (diff);
}

/* Every project as it stood on ?1: tick-offs after that date count as open. */
#define AS_OF_SELECT \
  "SELECT p.id, p.number, p.name, p.kind, p.leader, p.cadre, p.due_date," \
  "  CASE WHEN p.closed_date <= ?1 THEN p.closed_date END," \
  "  (SELECT count(*) FROM milestones s WHERE s.project_id = p.id)," \
  "  (SELECT count(*) FROM milestones s WHERE s.project_id = p.id AND s.done_date <= ?1)," \
  "  n.name, n.planned_date, p.start_date, p.uuid" \
  " FROM projects p LEFT JOIN milestones n ON n.id = (SELECT s.id FROM milestones s" \
  "  WHERE s.project_id = p.id AND (s.done_date IS NULL OR s.done_date > ?1)" \
  "  ORDER BY s.seq LIMIT 1)"

static gboolean
freeze_projects (GtStorage *storage, gint64 snapshot_id, const char *taken_on, GError **error)
{
  int at_risk = gt_project_at_risk_days (storage);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, AS_OF_SELECT, error);
  GPtrArray *projects;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, taken_on, -1, SQLITE_TRANSIENT);
  projects = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_project_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtProjectInfo *p = g_new0 (GtProjectInfo, 1);

      p->base.id = sqlite3_column_int64 (stmt, 0);
      p->base.number = TEXT (stmt, 1);
      p->base.name = TEXT (stmt, 2);
      p->base.kind = TEXT (stmt, 3);
      p->base.leader = TEXT (stmt, 4);
      p->base.cadre = TEXT (stmt, 5);
      p->base.due_date = TEXT (stmt, 6);
      p->base.closed_date = TEXT (stmt, 7);
      p->base.n_milestones = sqlite3_column_int64 (stmt, 8);
      p->base.n_done = sqlite3_column_int64 (stmt, 9);
      p->base.next_node = TEXT (stmt, 10);
      p->base.next_date = TEXT (stmt, 11);
      p->base.start_date = TEXT (stmt, 12);
      p->uuid = TEXT (stmt, 13);
      g_ptr_array_add (projects, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (projects);
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  for (guint i = 0; i < projects->len; i++)
    {
      GtProjectInfo *p = projects->pdata[i];
      GtProjectStatus status = gt_project_status_compute (&p->base, taken_on, at_risk);

      stmt = gt_storage_prepare (
        storage,
        "INSERT INTO snapshot_projects (snapshot_id, project_uuid, number, name, kind, due_date,"
        " closed_date, status, n_milestones, n_done) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);
      if (stmt == NULL)
        break;
      sqlite3_bind_int64 (stmt, 1, snapshot_id);
      sqlite3_bind_text (stmt, 2, p->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, p->base.number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, p->base.name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, p->base.kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, p->base.due_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, p->base.closed_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, gt_project_status_code (status), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, p->base.n_milestones);
      sqlite3_bind_int64 (stmt, 10, p->base.n_done);
      if (!gt_storage_step_done (storage, stmt, error))
        {
          stmt = NULL;
          break;
        }
    }
  g_ptr_array_unref (projects);
  if (stmt == NULL)
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO snapshot_milestones (snapshot_id, milestone_uuid, project_uuid, seq, name,"
    " planned_date, done_date) SELECT ?2, m.uuid, p.uuid, m.seq, m.name, m.planned_date,"
    " CASE WHEN m.done_date <= ?1 THEN m.done_date END"
    " FROM milestones m JOIN projects p ON p.id = m.project_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, taken_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, snapshot_id);
  return gt_storage_step_done (storage, stmt, error);
}

gboolean
gt_project_snapshot_take (GtStorage *storage, const char *taken_on, const char *note,
                          gint64 *id, GError **error)
{
  g_autofree char *today = gt_today (), *mtime = gt_now_iso8601 (), *uuid = gt_new_uuid ();
  sqlite3_stmt *stmt;
  gint64 new_id;
  gboolean ok;

  if (taken_on == NULL || *taken_on == '\0')
    taken_on = today;
  if (!gt_project_check_date (storage, "date", taken_on, error))
    return FALSE;
  if (strcmp (taken_on, today) > 0)
    return gt_storage_refuse (storage, error,
                              _("field “date”: %s lies in the future; a snapshot keeps how "
                                "things stood"), taken_on);
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO project_snapshots (uuid, taken_on, note, mtime)"
                             " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, taken_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mtime, -1, SQLITE_TRANSIENT);
  ok = gt_storage_step_done (storage, stmt, error);
  new_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  /* The frozen copies are one entry of the audit log with their counts, not one per row
   * (a township's snapshot wrote 255). */
  gt_audit_bulk_begin (storage);
  ok = ok && freeze_projects (storage, new_id, taken_on, error);
  if (ok)
    {
      g_autofree char *summary = g_strdup_printf (_("project snapshot of %s"), taken_on);
      gt_audit_bulk_end (storage, summary);
    }
  if (!gt_project_finish (storage, ok, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

static gpointer
read_snapshot (sqlite3_stmt *stmt)
{
  GtProjectSnapshot *s = g_new0 (GtProjectSnapshot, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->uuid = TEXT (stmt, 1);
  s->taken_on = TEXT (stmt, 2);
  s->note = TEXT (stmt, 3);
  s->n_projects = sqlite3_column_int64 (stmt, 4);
  return s;
}

GPtrArray *
gt_project_snapshot_list (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT s.id, s.uuid, s.taken_on, s.note,"
    " (SELECT count(*) FROM snapshot_projects p WHERE p.snapshot_id = s.id)"
    " FROM project_snapshots s ORDER BY s.taken_on DESC, s.id DESC", error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_snapshot,
                             (GDestroyNotify) gt_project_snapshot_free, error);
}

static gpointer
read_change (sqlite3_stmt *stmt)
{
  GtProjectChange *c = g_new0 (GtProjectChange, 1);

  c->project_id = sqlite3_column_int64 (stmt, 0);
  c->number = TEXT (stmt, 1);
  c->name = TEXT (stmt, 2);
  c->kind = TEXT (stmt, 3);
  c->detail = TEXT (stmt, 4);
  c->date = TEXT (stmt, 5);
  c->who = TEXT (stmt, 6);
  return c;
}

static GPtrArray *
collect_changes (GtStorage *storage, const char *sql, gint64 snapshot_id, const char *today,
                 GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, snapshot_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  return gt_storage_collect (storage, stmt, read_change, change_free, error);
}

/* The snapshot to compare with: @id, or the latest. */
static gboolean
find_snapshot (GtStorage *storage, gint64 id, gint64 *found, char **taken_on, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT id, taken_on FROM project_snapshots WHERE ?1 = 0 OR id = ?1"
    " ORDER BY taken_on DESC, id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = sqlite3_column_int64 (stmt, 0);
      *taken_on = TEXT (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  if (id == 0)
    return gt_storage_refuse (storage, error,
                              _("field “snapshot”: no snapshot has been taken yet"));
  return gt_storage_refuse (storage, error,
                            _("field “snapshot”: there is no snapshot %lld"), (long long) id);
}

GtProjectDiff *
gt_project_diff (GtStorage *storage, gint64 snapshot_id, const char *today, GError **error)
{
  g_autoptr (GtProjectDiff) diff = g_new0 (GtProjectDiff, 1);
  g_autoptr (GPtrArray) now = NULL;
  sqlite3_stmt *stmt;

  diff->today = today != NULL ? g_strdup (today) : gt_today ();
  if (!gt_date_is_valid (diff->today))
    {
      gt_storage_refuse (storage, error, _("field “date”: “%s” is not a date (YYYY-MM-DD)"),
                         diff->today);
      return NULL;
    }
  if (!find_snapshot (storage, snapshot_id, &diff->snapshot_id, &diff->taken_on, error))
    return NULL;

  diff->ticked = collect_changes (
    storage,
    "SELECT p.id, p.number, p.name, p.kind, m.name, m.done_date, m.done_by"
    " FROM milestones m JOIN projects p ON p.id = m.project_id"
    " WHERE m.done_date IS NOT NULL AND m.done_date <= ?2 AND NOT EXISTS (SELECT 1"
    "  FROM snapshot_milestones s WHERE s.snapshot_id = ?1 AND s.milestone_uuid = m.uuid"
    "  AND s.done_date IS NOT NULL)"
    " ORDER BY m.done_date, p.number, m.seq", diff->snapshot_id, diff->today, error);
  if (diff->ticked == NULL)
    return NULL;
  diff->new_projects = collect_changes (
    storage,
    "SELECT p.id, p.number, p.name, p.kind, p.cadre, p.start_date, p.leader"
    " FROM projects p WHERE NOT EXISTS (SELECT 1 FROM snapshot_projects s"
    "  WHERE s.snapshot_id = ?1 AND s.project_uuid = p.uuid) AND ?2 IS NOT NULL"
    " ORDER BY p.number", diff->snapshot_id, diff->today, error);
  if (diff->new_projects == NULL)
    return NULL;
  diff->closed = collect_changes (
    storage,
    "SELECT p.id, p.number, p.name, p.kind, NULL, p.closed_date, p.cadre"
    " FROM projects p JOIN snapshot_projects s ON s.project_uuid = p.uuid AND s.snapshot_id = ?1"
    " WHERE p.closed_date IS NOT NULL AND p.closed_date <= ?2 AND s.closed_date IS NULL"
    " ORDER BY p.number", diff->snapshot_id, diff->today, error);
  if (diff->closed == NULL)
    return NULL;

  /* Newly overdue: the status needs the rule of gt-project-status.h, so it is computed here. */
  now = gt_project_query (storage, &(GtProjectFilter){ .status = GT_PROJECT_STATUS_OVERDUE },
                          diff->today, error);
  if (now == NULL)
    return NULL;
  diff->newly_overdue = g_ptr_array_new_with_free_func (change_free);
  stmt = gt_storage_prepare (storage,
                             "SELECT status FROM snapshot_projects"
                             " WHERE snapshot_id = ? AND project_uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < now->len; i++)
    {
      GtProjectInfo *p = now->pdata[i];
      g_autofree char *then = NULL;
      int rc;

      sqlite3_bind_int64 (stmt, 1, diff->snapshot_id);
      sqlite3_bind_text (stmt, 2, p->uuid, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        then = TEXT (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          gt_storage_set_error (storage, error, _("reading"));
          return NULL;
        }
      if (then != NULL && strcmp (then, "overdue") != 0)
        {
          GtProjectChange *c = g_new0 (GtProjectChange, 1);
          gboolean node_late = p->base.next_date != NULL &&
                               strcmp (p->base.next_date, diff->today) < 0;

          c->project_id = p->base.id;
          c->number = g_strdup (p->base.number);
          c->name = g_strdup (p->base.name);
          c->kind = g_strdup (p->base.kind);
          c->detail = g_strdup (node_late ? p->base.next_node : NULL);
          c->date = g_strdup (node_late ? p->base.next_date : p->base.due_date);
          c->who = g_strdup (p->base.cadre);
          g_ptr_array_add (diff->newly_overdue, c);
        }
    }
  return g_steal_pointer (&diff);
}
