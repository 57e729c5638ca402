/* gt-exchange-check.c — the import dialog's model: packages, their checks and their import
 *
 * The worker thread never touches a GtPackage: it works on copies of the paths and
 * resolutions, and hands each result to the main thread, which writes it into the package
 * and the list store. Progress goes the same way, at most one update pending at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gt-exchange-check.h"
#include "gt-page.h"

/* The reason without the file's path in front, for the list (whose first column names the
 * file). */
static const char *
short_message (const GtPackage *p, gboolean brief)
{
  size_t len = strlen (p->path);

  if (brief && p->message != NULL && strncmp (p->message, p->path, len) == 0 &&
      strncmp (p->message + len, ": ", 2) == 0)
    return p->message + len + 2;
  return p->message;
}

static char *
state_text (const GtPackage *p, gboolean brief)
{
  switch (p->state)
    {
    case GT_PACKAGE_CHECKING:
      return g_strdup (_("Checking…"));
    case GT_PACKAGE_READY:
      return g_strdup (_("Ready"));
    case GT_PACKAGE_CONFLICTS:
      if (p->resolution == GT_EXCHANGE_RESOLVE_KEEP_LOCAL)
        return g_strdup (_("Ready: conflicts keep the local records"));
      if (p->resolution == GT_EXCHANGE_RESOLVE_TAKE_INCOMING)
        return g_strdup (_("Ready: conflicts take the incoming records"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict: choose how to resolve it",
                                           "%u conflicts: choose how to resolve them",
                                           p->result->n_conflicts),
                              p->result->n_conflicts);
    case GT_PACKAGE_ALREADY:
      {
        g_autofree char *when = gt_format_time (p->result != NULL ? p->result->imported_on
                                                                  : NULL);
        return g_strdup_printf (_("Already imported on %s"), *when != '\0' ? when : "?");
      }
    case GT_PACKAGE_REJECTED:
      return g_strdup_printf (_("Rejected: %s"), short_message (p, brief));
    case GT_PACKAGE_IMPORTED:
      return g_strdup (_("Imported"));
    case GT_PACKAGE_FAILED:
      return g_strdup_printf (_("Not imported: %s"), short_message (p, brief));
    default:
      return g_strdup ("");
    }
}

char *
gt_package_state_text (const GtPackage *p)
{
  return state_text (p, FALSE);
}

/* ---- the store ---- */

static void
package_free (GtPackage *p)
{
  g_free (p->path);
  g_free (p->message);
  g_clear_pointer (&p->result, gt_exchange_result_free);
  g_free (p);
}

GtkListStore *
gt_package_store_new (void)
{
  GtkListStore *store = gtk_list_store_new (GT_PACKAGE_N_COLUMNS, G_TYPE_POINTER, G_TYPE_STRING,
                                            G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                            G_TYPE_STRING);

  g_object_set_data_full (G_OBJECT (store), "packages",
                          g_ptr_array_new_with_free_func ((GDestroyNotify) package_free),
                          (GDestroyNotify) g_ptr_array_unref);
  return store;
}

GPtrArray *
gt_package_store_get (GtkListStore *store)
{
  return g_object_get_data (G_OBJECT (store), "packages");
}

static gboolean
find_iter (GtkListStore *store, GtPackage *package, GtkTreeIter *iter)
{
  GtkTreeModel *model = GTK_TREE_MODEL (store);

  if (!gtk_tree_model_get_iter_first (model, iter))
    return FALSE;
  do
    {
      GtPackage *p = NULL;

      gtk_tree_model_get (model, iter, GT_PACKAGE_COL_PACKAGE, &p, -1);
      if (p == package)
        return TRUE;
    }
  while (gtk_tree_model_iter_next (model, iter));
  return FALSE;
}

void
gt_package_store_update (GtkListStore *store, GtPackage *p)
{
  GtkTreeIter iter;
  g_autofree char *sender = NULL, *state = state_text (p, TRUE);
  const GtExchangeResult *r = p->result;

  if (!find_iter (store, p, &iter))
    return;
  if (r != NULL)
    sender = gt_exchange_result_sender_text (r);
  gtk_list_store_set (store, &iter, GT_PACKAGE_COL_SENDER, sender != NULL ? sender : "",
                      GT_PACKAGE_COL_KIND, r != NULL && r->package_uuid != NULL
                                             ? gt_exchange_kind_label (r->kind) : "",
                      GT_PACKAGE_COL_PERIOD, r != NULL && r->period != NULL ? r->period : "",
                      GT_PACKAGE_COL_STATE, state, -1);
}

GtPackage *
gt_package_store_add (GtkListStore *store, const char *path)
{
  GPtrArray *packages = gt_package_store_get (store);
  g_autofree char *base = g_filename_display_basename (path);
  GtPackage *p;
  GtkTreeIter iter;

  for (guint i = 0; i < packages->len; i++)
    {
      p = packages->pdata[i];
      if (g_strcmp0 (p->path, path) != 0)
        continue;
      /* Added again: a package that was refused or not checked is checked again (the file
       * may have been replaced); any other stays as it is. */
      if (p->state != GT_PACKAGE_REJECTED && p->state != GT_PACKAGE_FAILED)
        return NULL;
      p->state = GT_PACKAGE_CHECKING;
      p->resolution = GT_EXCHANGE_RESOLVE_NONE;
      g_clear_pointer (&p->message, g_free);
      g_clear_pointer (&p->result, gt_exchange_result_free);
      gt_package_store_update (store, p);
      return p;
    }
  p = g_new0 (GtPackage, 1);
  p->path = g_strdup (path);
  p->state = GT_PACKAGE_CHECKING;
  g_ptr_array_add (packages, p);
  gtk_list_store_insert_with_values (store, &iter, -1, GT_PACKAGE_COL_PACKAGE, p,
                                     GT_PACKAGE_COL_FILE, base, -1);
  gt_package_store_update (store, p);
  return p;
}

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
find_below (const char *folder, GPtrArray *found, guint depth)
{
  g_autoptr (GDir) dir = depth < 8 ? g_dir_open (folder, 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      size_t len = strlen (name);

      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            find_below (path, found, depth + 1);
        }
      else if (len > 4 && g_ascii_strcasecmp (name + len - 4, ".xml") == 0)
        g_ptr_array_add (found, g_steal_pointer (&path));
    }
}

GPtrArray *
gt_exchange_find_packages (const char *folder)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  find_below (folder, found, 0);
  g_ptr_array_sort (found, compare_paths);
  return found;
}

/* ---- the worker ---- */

typedef struct
{
  GtPackage *package; /* identity only: never read in the thread */
  char *path;
  GtExchangeResolution resolution;
  gboolean run;
} Item;

typedef struct
{
  char *db_path;
  gboolean dry_run;
  GArray *items;
  GtkListStore *store;
  GObject *source; /* the callbacks' user data lives as long as it */
  GtPackageUpdated updated;
  GtPackageProgress progress;
  gpointer user_data;
  /* progress, guarded by lock */
  GMutex lock;
  guint index;
  double fraction;
  gboolean pending;
} Job;

static void
item_clear (Item *item)
{
  g_free (item->path);
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_clear (Job *job)
{
  g_free (job->db_path);
  g_array_unref (job->items);
  g_clear_object (&job->store);
  g_clear_object (&job->source);
  g_mutex_clear (&job->lock);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

typedef struct
{
  Job *job;
  GtPackage *package;
  GtExchangeResult *result;
  GError *error;
  gboolean applied;
} Outcome;

static gboolean
deliver_outcome (gpointer data)
{
  Outcome *o = data;
  GtPackage *p = o->package;

  if (o->error != NULL && g_error_matches (o->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled inside: the package is as it was before. */
    }
  else if (o->job->dry_run)
    {
      g_clear_pointer (&p->message, g_free);
      g_clear_pointer (&p->result, gt_exchange_result_free);
      p->result = g_steal_pointer (&o->result);
      if (o->error != NULL)
        {
          p->state = GT_PACKAGE_REJECTED;
          p->message = g_strdup (o->error->message);
        }
      else if (p->result->already_imported)
        p->state = GT_PACKAGE_ALREADY;
      else if (p->result->n_conflicts > 0)
        p->state = GT_PACKAGE_CONFLICTS;
      else
        p->state = GT_PACKAGE_READY;
    }
  else if (o->error != NULL)
    {
      g_clear_pointer (&p->message, g_free);
      p->state = GT_PACKAGE_FAILED;
      p->message = g_strdup (o->error->message);
    }
  else
    {
      g_clear_pointer (&p->result, gt_exchange_result_free);
      p->result = g_steal_pointer (&o->result);
      p->state = p->result->already_imported ? GT_PACKAGE_ALREADY : GT_PACKAGE_IMPORTED;
    }
  gt_package_store_update (o->job->store, p);
  if (o->job->updated != NULL)
    o->job->updated (p, o->job->user_data);
  g_clear_pointer (&o->result, gt_exchange_result_free);
  g_clear_error (&o->error);
  job_unref (o->job);
  g_free (o);
  return G_SOURCE_REMOVE;
}

static gboolean
deliver_progress (gpointer data)
{
  Job *job = data;
  double fraction;
  guint index;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  index = job->index;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);
  if (job->progress != NULL && index < job->items->len)
    {
      g_autofree char *base = g_filename_display_basename (
        g_array_index (job->items, Item, index).path);
      job->progress (fraction, base, job->user_data);
    }
  job_unref (job);
  return G_SOURCE_REMOVE;
}

static void
post_progress (Job *job, guint index, double within)
{
  gboolean schedule;

  g_mutex_lock (&job->lock);
  job->index = index;
  job->fraction = (index + CLAMP (within, 0.0, 1.0)) / MAX (job->items->len, 1);
  schedule = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);
  if (schedule)
    g_main_context_invoke (NULL, deliver_progress, job_ref (job));
}

typedef struct
{
  Job *job;
  guint index;
} ProgressData;

static void
import_progress (double fraction, gpointer data)
{
  ProgressData *pd = data;

  post_progress (pd->job, pd->index, fraction);
}

static void
check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GtStorage) storage = NULL;
  GError *error = NULL;

  if ((storage = gt_task_open_storage (task, job->db_path)) == NULL)
    return;
  for (guint i = 0; i < job->items->len; i++)
    {
      Item *item = &g_array_index (job->items, Item, i);
      ProgressData pd = { job, i };
      GtExchangeResult *preview = NULL;
      Outcome *o;

      if (!item->run)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      post_progress (job, i, 0);
      o = g_new0 (Outcome, 1);
      o->job = job_ref (job);
      o->package = item->package;
      o->result = gt_exchange_import_full (storage, item->path,
                                           job->dry_run ? GT_EXCHANGE_IMPORT_DRY_RUN : 0,
                                           item->resolution, cancellable, import_progress, &pd,
                                           &preview, &o->error);
      /* A refused package keeps what it claims (a foreign one, its sender) for the list. */
      if (o->result == NULL && job->dry_run)
        o->result = g_steal_pointer (&preview);
      g_clear_pointer (&preview, gt_exchange_result_free);
      g_main_context_invoke (NULL, deliver_outcome, o);
    }
  if (job->items->len > 0)
    post_progress (job, job->items->len - 1, 1.0);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
gt_exchange_check_run (gpointer source_object, const char *db_path, GtkListStore *store,
                       gboolean dry_run, GCancellable *cancellable, GtPackageUpdated updated,
                       GtPackageProgress progress, gpointer user_data,
                       GAsyncReadyCallback callback)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  Job *job = g_atomic_rc_box_new0 (Job);
  GPtrArray *packages = gt_package_store_get (store);

  g_mutex_init (&job->lock);
  job->db_path = g_strdup (db_path);
  job->dry_run = dry_run;
  job->updated = updated;
  job->progress = progress;
  job->user_data = user_data;
  job->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (job->items, (GDestroyNotify) item_clear);
  for (guint i = 0; i < packages->len; i++)
    {
      GtPackage *p = packages->pdata[i];
      Item item = { p, g_strdup (p->path), p->resolution, FALSE };

      if (dry_run)
        item.run = p->state == GT_PACKAGE_CHECKING;
      else
        item.run = p->state == GT_PACKAGE_READY ||
                   (p->state == GT_PACKAGE_CONFLICTS &&
                    p->resolution != GT_EXCHANGE_RESOLVE_NONE);
      g_array_append_val (job->items, item);
    }
  job->store = g_object_ref (store);
  job->source = source_object != NULL ? g_object_ref (source_object) : NULL;
  g_task_set_source_tag (task, gt_exchange_check_run);
  g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, check_thread);
}

gboolean
gt_exchange_check_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gt_exchange_check_run, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
