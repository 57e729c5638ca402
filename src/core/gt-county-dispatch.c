/* gt-county-dispatch.c — the county's dispatch packages, and the tasks a township received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gt-county-dispatch.h"
#include "gt-county-private.h"
#include "gt-keys.h"

GPtrArray *
gt_county_dispatch_targets (GtStorage *storage, const char *target, GError **error)
{
  g_autoptr (GPtrArray) keys = gt_keys_list_trusted (storage, error);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *targets;

  if (keys == NULL)
    return NULL;
  targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_trusted_key_free);
  for (guint i = 0; i < keys->len; i++)
    {
      GtTrustedKey *key = keys->pdata[i];

      if (target != NULL && g_strcmp0 (target, "*") != 0 && g_strcmp0 (target, key->org_code) != 0)
        continue;
      if (!g_hash_table_add (seen, key->org_code))
        continue;
      g_ptr_array_add (targets, g_steal_pointer (&keys->pdata[i]));
    }
  return targets;
}

typedef struct
{
  GtExchangeProgress progress;
  gpointer data;
  guint index, count;
} Progress;

static void
one_progress (double fraction, gpointer user_data)
{
  Progress *p = user_data;

  if (p->progress != NULL)
    p->progress ((p->index + CLAMP (fraction, 0, 1)) / MAX (p->count, 1), p->data);
}

/* The package of @key for task @task_uuid: dispatch-CODE-DATE-TASK.xml in @dir, TASK the
 * last 8 hex digits of the id. Not the first 8: they are the time of a UUIDv7 (the same for
 * every task issued within a minute), so two tasks issued one after the other into the same
 * folder had one name. */
static char *
package_path (const char *dir, const GtTrustedKey *key, const char *today, const char *task_uuid)
{
  gsize length = strlen (task_uuid);
  g_autofree char *name = g_strdup_printf ("dispatch-%s-%s-%s.xml", key->org_code, today,
                                           task_uuid + (length > 8 ? length - 8 : 0));
  return g_build_filename (dir, name, NULL);
}

/* While the task is not committed its packages are ".dispatch-….xml.part": no import (of
 * every *.xml of a folder) takes one for a package if Guatu stops before the end. */
static char *
part_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path), *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.part", base);
  return g_build_filename (dir, name, NULL);
}

static void
remove_files (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_unlink (paths->pdata[i]);
}

static gboolean
sync_folder (const char *dir, GError **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved = 0;

  if (fd < 0 || fsync (fd) != 0)
    saved = errno;
  if (fd >= 0)
    close (fd);
  /* a file system that cannot sync folders (EINVAL) keeps the renames all the same */
  if (saved != 0 && saved != EINVAL)
    {
      g_autofree char *display = g_filename_display_name (dir);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot write: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Writes the packages of @targets as .part files (@parts), then gives each its name; the
 * names given go to @renamed. On failure files of @parts and @renamed may exist: the caller
 * removes them (and no file that was there before). */
static gboolean
write_packages (GtStorage *storage, const char *task_uuid, GPtrArray *targets, const char *dir,
                GCancellable *cancellable, GtExchangeProgress progress, gpointer progress_data,
                GPtrArray *parts, GPtrArray *renamed, GError **error)
{
  g_autoptr (GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = gt_today ();
  Progress p = { progress, progress_data, 0, targets->len };

  for (guint i = 0; i < targets->len; i++)
    {
      GtTrustedKey *key = targets->pdata[i];
      GtExchangeExportOptions options = { GT_EXCHANGE_KIND_DISPATCH, NULL, key->org_code,
                                          key->name, FALSE, NULL };
      char *path = package_path (dir, key, today, task_uuid);

      g_ptr_array_add (finals, path);
      g_ptr_array_add (parts, part_path (path));
      p.index = i;
      if (!gt_exchange_export_full (storage, parts->pdata[i], &options, cancellable,
                                    one_progress, &p, NULL, error))
        {
          /* the message names the package, not its name while it is written */
          if (error != NULL && *error != NULL)
            {
              g_autofree char *part = g_filename_display_name (parts->pdata[i]);
              g_autofree char *final = g_filename_display_name (path);
              GString *message = g_string_new ((*error)->message);

              g_string_replace (message, part, final, 0);
              g_free ((*error)->message);
              (*error)->message = g_string_free (message, FALSE);
            }
          return FALSE;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  for (guint i = 0; i < finals->len; i++)
    {
      int saved;
      g_autofree char *display = g_filename_display_name (finals->pdata[i]);

      /* a package of another task of the same day and task prefix is never replaced */
      if (g_file_test (finals->pdata[i], G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                       _("%s: a file of that name is already there"), display);
          return FALSE;
        }
      if (g_rename (parts->pdata[i], finals->pdata[i]) != 0)
        {
          saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s: cannot write: %s"), display, g_strerror (saved));
          return FALSE;
        }
      g_ptr_array_add (renamed, g_strdup (finals->pdata[i]));
    }
  return sync_folder (dir, error);
}

gboolean
gt_county_issue_dispatch (GtStorage *storage, const char *kind, const char *title,
                          const char *body, const char *due_date, const char *target,
                          const char *dir, GCancellable *cancellable,
                          GtExchangeProgress progress, gpointer progress_data, char **uuid_out,
                          GPtrArray **paths_out, GError **error)
{
  g_autoptr (GPtrArray) targets = NULL;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) renamed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uuid = NULL;

  if (target == NULL)
    target = "*";
  if (strcmp (target, "*") != 0 && !gt_exchange_check_code (target, error))
    return FALSE;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dir);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no such folder"), display);
      return FALSE;
    }
  targets = gt_county_dispatch_targets (storage, target, error);
  if (targets == NULL)
    return FALSE;
  if (targets->len == 0)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("no trusted township to send to: enrol the townships' keys first"));
      return FALSE;
    }

  /* The task is recorded in a transaction that the packages are written in (they carry the
   * tasks as this connection sees them) and committed only when every package is in place:
   * a full drive, a yanked stick or Cancel leaves neither the task nor a package. */
  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!gt_county_insert_task (storage, kind, title, body, due_date, target, &uuid, error) ||
      !write_packages (storage, uuid, targets, dir, cancellable, progress, progress_data, parts,
                       renamed, error) ||
      !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      remove_files (parts);
      remove_files (renamed);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "ex_tasks");
  if (progress != NULL)
    progress (1.0, progress_data);
  if (uuid_out != NULL)
    *uuid_out = g_steal_pointer (&uuid);
  if (paths_out != NULL)
    *paths_out = g_steal_pointer (&renamed);
  return TRUE;
}

gboolean
gt_county_withdraw_task (GtStorage *storage, const char *task_uuid, const char *date,
                         const char *reason, GError **error)
{
  g_autofree char *today = gt_today (), *now = gt_now_iso8601 ();
  g_autofree char *title = NULL, *issued = NULL, *withdrawn = NULL;
  gboolean found = FALSE, incoming = FALSE;
  sqlite3_stmt *stmt;

  if (date == NULL)
    date = today;
  if (task_uuid == NULL || *task_uuid == '\0')
    return gt_storage_refuse (storage, error, _("name the task or notice to withdraw by its id"));
  if (!gt_storage_check_date (storage, _("the withdrawal date"), date, FALSE, error))
    return FALSE;
  if (!gt_storage_check_length (storage, _("the reason"), reason, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "SELECT title, issued_on, withdrawn_on, incoming"
                             " FROM ex_tasks WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, task_uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      title = GT_COLUMN_TEXT (stmt, 0);
      issued = GT_COLUMN_TEXT (stmt, 1);
      withdrawn = GT_COLUMN_TEXT (stmt, 2);
      incoming = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (!found)
    return gt_storage_refuse (storage, error, _("no task or notice issued by this office has the "
                                                "id %s"), task_uuid);
  if (incoming)
    return gt_storage_refuse (storage, error, _("“%s” was received from the county: only the "
                                                "office that issued it can withdraw it"), title);
  if (withdrawn != NULL)
    return gt_storage_refuse (storage, error, _("“%s” was already withdrawn on %s"), title,
                              withdrawn);
  if (strcmp (date, issued) < 0)
    return gt_storage_refuse (storage, error, _("withdrawal date %s: “%s” was issued only on %s"),
                              date, title, issued);
  /* the revision goes up: the township's copy (same uuid, lower rev) takes the change */
  stmt = gt_storage_prepare (storage, "UPDATE ex_tasks SET withdrawn_on = ?2,"
                             " withdrawn_reason = ?3, rev = rev + 1, mtime = ?4"
                             " WHERE uuid = ?1 AND NOT incoming AND withdrawn_on IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, task_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason != NULL ? reason : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  gt_storage_emit_changed (storage, "ex_tasks");
  return TRUE;
}

void
gt_county_received_free (GtCountyReceived *task)
{
  if (task == NULL)
    return;
  g_free (task->uuid);
  g_free (task->kind);
  g_free (task->title);
  g_free (task->body);
  g_free (task->due_date);
  g_free (task->issuer_name);
  g_free (task->issued_on);
  g_free (task->status);
  g_free (task->withdrawn_on);
  g_free (task->withdrawn_reason);
  g_free (task);
}

static gpointer
read_received (sqlite3_stmt *stmt)
{
  GtCountyReceived *task = g_new0 (GtCountyReceived, 1);

  task->uuid = GT_COLUMN_TEXT (stmt, 0);
  task->kind = GT_COLUMN_TEXT (stmt, 1);
  task->title = GT_COLUMN_TEXT (stmt, 2);
  task->body = GT_COLUMN_TEXT (stmt, 3);
  task->due_date = GT_COLUMN_TEXT (stmt, 4);
  task->issuer_name = GT_COLUMN_TEXT (stmt, 5);
  task->issued_on = GT_COLUMN_TEXT (stmt, 6);
  task->status = GT_COLUMN_TEXT (stmt, 7);
  task->withdrawn_on = GT_COLUMN_TEXT (stmt, 8);
  task->withdrawn_reason = GT_COLUMN_TEXT (stmt, 9);
  return task;
}

GPtrArray *
gt_county_list_received (GtStorage *storage, GError **error)
{
  g_autofree char *code = gt_exchange_office_code (storage);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT t.uuid, t.kind, t.title, t.body, t.due_date,"
    " CASE WHEN t.issuer_name <> '' THEN t.issuer_name ELSE t.issuer_code END, t.issued_on,"
    " a.status, t.withdrawn_on, t.withdrawn_reason"
    " FROM ex_tasks t LEFT JOIN ex_acks a ON a.task_uuid = t.uuid AND a.office_code = ?1"
    " WHERE t.incoming"
    " ORDER BY t.withdrawn_on IS NOT NULL, a.status IS 'done', t.due_date IS NULL, t.due_date,"
    " t.issued_on DESC, t.id DESC",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return gt_storage_collect (storage, stmt, read_received,
                             (GDestroyNotify) gt_county_received_free, error);
}
