/* gt-county-dispatch.c — the county's dispatch packages, and the tasks a township received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gt-county-dispatch.h"
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

gboolean
gt_county_write_dispatch (GtStorage *storage, const char *task_uuid, GPtrArray *targets,
                          const char *dir, GCancellable *cancellable,
                          GtExchangeProgress progress, gpointer progress_data,
                          GPtrArray **paths_out, GError **error)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = gt_today ();
  Progress p = { progress, progress_data, 0, targets->len };

  if (targets->len == 0)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED,
                   _("no trusted township to send to: enrol the townships' keys first"));
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dir);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("%s: no such folder"), display);
      return FALSE;
    }
  for (guint i = 0; i < targets->len; i++)
    {
      GtTrustedKey *key = targets->pdata[i];
      GtExchangeExportOptions options = { GT_EXCHANGE_KIND_DISPATCH, NULL, key->org_code,
                                          key->name, FALSE, NULL };
      g_autofree char *name = g_strdup_printf ("dispatch-%s-%s-%.8s.xml", key->org_code, today,
                                               task_uuid);
      char *path = g_build_filename (dir, name, NULL);

      p.index = i;
      if (!gt_exchange_export_full (storage, path, &options, cancellable, one_progress, &p,
                                    NULL, error))
        {
          g_free (path);
          return FALSE;
        }
      g_ptr_array_add (paths, path);
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  if (paths_out != NULL)
    *paths_out = g_steal_pointer (&paths);
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
    " a.status"
    " FROM ex_tasks t LEFT JOIN ex_acks a ON a.task_uuid = t.uuid AND a.office_code = ?1"
    " WHERE t.incoming"
    " ORDER BY a.status IS 'done', t.due_date IS NULL, t.due_date, t.issued_on DESC, t.id DESC",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return gt_storage_collect (storage, stmt, read_received,
                             (GDestroyNotify) gt_county_received_free, error);
}
