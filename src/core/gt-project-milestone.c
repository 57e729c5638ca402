/* gt-project-milestone.c — milestones (时间节点), their tick-off (销号) and its undoing, and
 * supervision records (挂牌督战)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-project-private.h"

/* The project of a milestone, with the milestone's tick-off; refuses an unknown one. */
static gboolean
milestone_state (GtStorage *storage, gint64 milestone_id, gint64 *project_id, char **done_date,
                 char **done_by, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT project_id, done_date, done_by FROM milestones WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, milestone_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *project_id = sqlite3_column_int64 (stmt, 0);
      *done_date = TEXT (stmt, 1);
      if (done_by != NULL)
        *done_by = TEXT (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error,
                            _("field “milestone”: there is no milestone %lld"),
                            (long long) milestone_id);
}

static gboolean
project_exists (GtStorage *storage, gint64 project_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT 1 FROM projects WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error,
                            _("field “project”: there is no project %lld"),
                            (long long) project_id);
}

/* A milestone's planned date lies within its project's time (start to due, where given),
 * and it is ticked off no earlier than the project started: a plan that ends before it
 * begins would be drawn on the wall charts as it was typed. */
static gboolean
check_project_time (GtStorage *storage, gint64 project_id, const char *field, const char *date,
                    gboolean planned, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT start_date, due_date FROM projects WHERE id = ?", error);
  g_autofree char *start = NULL, *due = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      start = TEXT (stmt, 0);
      due = TEXT (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return project_exists (storage, project_id, error);
  if (start != NULL && *start != '\0' && strcmp (date, start) < 0)
    return gt_storage_refuse (storage, error,
                              planned ? _("field “%s”: %s lies before the project starts (%s)")
                                      : _("field “%s”: %s is before the project started (%s)"),
                              field, date, start);
  if (planned && due != NULL && *due != '\0' && strcmp (date, due) > 0)
    return gt_storage_refuse (storage, error,
                              _("field “%s”: %s lies after the project's due date (%s)"), field,
                              date, due);
  return TRUE;
}

gboolean
gt_milestone_add (GtStorage *storage, gint64 project_id, const char *name,
                  const char *planned_date, gint64 *id, GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 (), *today = gt_today ();
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 new_id;

  if (gt_project_is_blank (name))
    return gt_storage_refuse (storage, error, _("field “name”: a milestone needs a name"));
  if (!gt_storage_check_length (storage, _("field “name”"), name, GT_NAME_MAX_CHARS, error))
    return FALSE;
  if (planned_date == NULL || *planned_date == '\0')
    return gt_storage_refuse (storage, error,
                              _("field “planned”: a milestone needs its planned date"));
  if (!gt_project_check_date (storage, "planned", planned_date, error) ||
      !project_exists (storage, project_id, error) ||
      !check_project_time (storage, project_id, "planned", planned_date, TRUE, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO milestones (uuid, project_id, seq, name, planned_date, mtime, created_on)"
    " VALUES (?1, ?2, (SELECT coalesce (max (seq), 0) + 1 FROM milestones WHERE project_id = ?2),"
    " trim (?3), ?4, ?5, ?6)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, project_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, planned_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, today, -1, SQLITE_TRANSIENT);
  ok = gt_storage_step_done (storage, stmt, error);
  new_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  ok = ok && gt_project_update_closed (storage, project_id, NULL, error);
  if (!gt_project_finish (storage, ok, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

gboolean
gt_milestone_update (GtStorage *storage, gint64 milestone_id, const char *name,
                     const char *planned_date, GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 (), *done = NULL;
  gint64 project_id = 0;
  sqlite3_stmt *stmt;

  if (name != NULL && gt_project_is_blank (name))
    return gt_storage_refuse (storage, error, _("field “name”: a milestone needs a name"));
  if (!gt_storage_check_length (storage, _("field “name”"), name, GT_NAME_MAX_CHARS, error))
    return FALSE;
  if (planned_date != NULL && *planned_date == '\0')
    return gt_storage_refuse (storage, error,
                              _("field “planned”: a milestone needs its planned date"));
  if (!gt_project_check_date (storage, "planned", planned_date, error))
    return FALSE;
  if (!milestone_state (storage, milestone_id, &project_id, &done, NULL, error) ||
      (planned_date != NULL &&
       !check_project_time (storage, project_id, "planned", planned_date, TRUE, error)))
    return FALSE;
  stmt = gt_storage_prepare (storage,
                             "UPDATE milestones SET name = coalesce (trim (?2), name),"
                             " planned_date = coalesce (?3, planned_date), rev = rev + 1,"
                             " mtime = ?4 WHERE id = ?1", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, milestone_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, planned_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mtime, -1, SQLITE_TRANSIENT);
  return gt_project_finish (storage, gt_storage_step_done (storage, stmt, error), error);
}

gboolean
gt_milestone_find (GtStorage *storage, gint64 project_id, gint64 seq, gint64 *id,
                   GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT id FROM milestones WHERE project_id = ? AND seq = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error,
                            _("field “milestone”: the project has no milestone %lld"),
                            (long long) seq);
}

gboolean
gt_milestone_tick (GtStorage *storage, gint64 milestone_id, const char *date, const char *who,
                   gboolean *closed, GError **error)
{
  g_autofree char *today = gt_today (), *mtime = gt_now_iso8601 (), *done = NULL;
  gint64 project_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (date == NULL || *date == '\0')
    date = today;
  if (!gt_project_check_date (storage, "date", date, error))
    return FALSE;
  if (strcmp (date, today) > 0)
    return gt_storage_refuse (storage, error,
                              _("field “date”: %s lies in the future; a milestone is ticked off "
                                "when it is done"), date);
  if (gt_project_is_blank (who))
    return gt_storage_refuse (storage, error,
                              _("field “by”: say who ticks the milestone off (销号)"));
  if (!gt_storage_check_length (storage, _("field “by”"), who, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  if (!milestone_state (storage, milestone_id, &project_id, &done, NULL, error))
    return FALSE;
  if (done != NULL)
    return gt_storage_refuse (storage, error,
                              _("field “milestone”: it was ticked off on %s already"), done);
  if (!check_project_time (storage, project_id, "date", date, FALSE, error))
    return FALSE;
  stmt = gt_storage_prepare (storage,
                             "UPDATE milestones SET done_date = ?2, done_by = trim (?3),"
                             " rev = rev + 1, mtime = ?4 WHERE id = ?1", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, milestone_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, who, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mtime, -1, SQLITE_TRANSIENT);
  ok = gt_storage_step_done (storage, stmt, error) &&
       gt_project_update_closed (storage, project_id, closed, error);
  return gt_project_finish (storage, ok, error);
}

gboolean
gt_milestone_untick (GtStorage *storage, gint64 milestone_id, const char *reason,
                     const char *who, GError **error)
{
  g_autofree char *today = gt_today (), *mtime = gt_now_iso8601 (), *uuid = gt_new_uuid ();
  g_autofree char *done = NULL, *done_by = NULL;
  gint64 project_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (gt_project_is_blank (reason))
    return gt_storage_refuse (storage, error,
                              _("field “reason”: say why the tick-off is undone"));
  if (!milestone_state (storage, milestone_id, &project_id, &done, &done_by, error))
    return FALSE;
  if (done == NULL)
    return gt_storage_refuse (storage, error,
                              _("field “milestone”: it is not ticked off"));
  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO milestone_reopenings (uuid, milestone_id, done_date, done_by, reopened_on,"
    " reopened_by, reason, mtime) VALUES (?, ?, ?, ?, ?, ?, trim (?), ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, milestone_id);
      sqlite3_bind_text (stmt, 3, done, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, done_by != NULL ? done_by : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, today, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, who != NULL ? who : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, reason, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, mtime, -1, SQLITE_TRANSIENT);
      ok = gt_storage_step_done (storage, stmt, error);
    }
  if (ok)
    {
      stmt = gt_storage_prepare (storage,
                                 "UPDATE milestones SET done_date = NULL, done_by = '',"
                                 " rev = rev + 1, mtime = ?2 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, milestone_id);
          sqlite3_bind_text (stmt, 2, mtime, -1, SQLITE_TRANSIENT);
          ok = gt_storage_step_done (storage, stmt, error);
        }
    }
  ok = ok && gt_project_update_closed (storage, project_id, NULL, error);
  return gt_project_finish (storage, ok, error);
}

gboolean
gt_supervision_add (GtStorage *storage, gint64 project_id, const GtSupervisionSpec *spec,
                    gint64 *id, GError **error)
{
  g_autofree char *today = gt_today (), *mtime = gt_now_iso8601 (), *uuid = gt_new_uuid ();
  const char *checked = nonempty_or_null (spec->checked_on);
  const char *deadline = nonempty_or_null (spec->deadline);
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 new_id;

  if (checked == NULL)
    checked = today;
  if (!gt_project_check_date (storage, "date", checked, error) ||
      !gt_project_check_date (storage, "deadline", deadline, error))
    return FALSE;
  if (strcmp (checked, today) > 0)
    return gt_storage_refuse (storage, error,
                              _("field “date”: %s lies in the future; record a check when it "
                                "was made"), checked);
  if (gt_project_is_blank (spec->finding))
    return gt_storage_refuse (storage, error,
                              _("field “finding”: a supervision record needs its finding"));
  if (deadline != NULL && strcmp (deadline, checked) < 0)
    return gt_storage_refuse (storage, error,
                              _("field “deadline”: %s lies before the check on %s"), deadline,
                              checked);
  if (!project_exists (storage, project_id, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO supervisions (uuid, project_id, checked_on, finding, deadline, circular,"
    " lagging, inspector, mtime) VALUES (?, ?, ?, trim (?), ?, ?, ?, ?, ?)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, project_id);
  sqlite3_bind_text (stmt, 3, checked, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, spec->finding, -1, SQLITE_TRANSIENT);
  if (deadline != NULL)
    sqlite3_bind_text (stmt, 5, deadline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, spec->circular != NULL ? spec->circular : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, spec->lagging ? 1 : 0);
  sqlite3_bind_text (stmt, 8, spec->inspector != NULL ? spec->inspector : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, mtime, -1, SQLITE_TRANSIENT);
  ok = gt_storage_step_done (storage, stmt, error);
  new_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  if (!gt_project_finish (storage, ok, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

gboolean
gt_supervision_remove (GtStorage *storage, gint64 supervision_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "DELETE FROM supervisions WHERE id = ?",
                                           error);
  gboolean changed = FALSE, ok;

  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, supervision_id);
  ok = gt_project_step_changed (storage, stmt, &changed, error);
  if (ok && !changed)
    ok = gt_storage_refuse (storage, error,
                            _("field “supervision”: there is no supervision record %lld"),
                            (long long) supervision_id);
  return gt_project_finish (storage, ok, error);
}
