/* gt-window-backup.c — the window's win.backup and win.restore actions
 *
 * Both run in a GTask worker thread. A backup reads the database through a second GtStorage
 * opened in the thread: the window's connection is only ever used from the main thread.
 * A restore first closes the window's connection (it must be the last one open on the
 * file), replaces the file in the thread, and opens the database again in the window.
 * Both show in the window's task bar while they run (neither can be stopped half-way: a
 * backup is one consistent copy, a restore one rename).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gt-backup.h"
#include "gt-window-backup.h"

typedef struct
{
  char *db_path; /* the database file */
  char *path;    /* the backup */
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job);
}

static char *
database_file (GtStorage *storage)
{
  return g_strdup (sqlite3_db_filename (gt_storage_get_db (storage), "main"));
}

static GtkFileFilter *
backup_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Guatu backups"));
  gtk_file_filter_add_pattern (filter, "*" GT_BACKUP_SUFFIX);
  gtk_file_filter_add_pattern (filter, "*.db");
  return filter;
}

static void
backup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GtStorage) storage = NULL;
  GError *error = NULL;

  /* A connection of this thread's own: SQLite connections are not shared across threads. */
  gt_task_progress (task, -1, NULL);
  storage = gt_storage_open (job->db_path, GT_STORAGE_OPEN_DEFAULT, &error);
  if (storage == NULL || !gt_backup_write (storage, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
gt_window_backup_async (GtWindow *window, const char *path, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autofree char *display = NULL, *title = NULL;
  GtStorage *storage;
  Job *job;

  g_return_if_fail (GT_IS_WINDOW (window));
  g_return_if_fail (path != NULL);

  storage = gt_window_get_storage (window);
  if (storage == NULL)
    {
      g_task_report_new_error (window, callback, user_data, gt_window_backup_async,
                               G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No database is open."));
      return;
    }
  job = g_new0 (Job, 1);
  job->db_path = database_file (storage);
  job->path = g_strdup (path);
  display = g_filename_display_basename (path);
  title = g_strdup_printf (_("Backing up the database to “%s”…"), display);
  if (!gt_task_bar_run (gt_window_get_task_bar (window), title, FALSE, window, backup_thread,
                        job, (GDestroyNotify) job_free, callback, user_data))
    g_task_report_new_error (window, callback, user_data, gt_window_backup_async, G_IO_ERROR,
                             G_IO_ERROR_BUSY,
                             _("Another task is under way; wait until it has finished."));
}

gboolean
gt_window_backup_finish (GtWindow *window, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, window), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
backup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtWindow *window = GT_WINDOW (source);
  g_autoptr (GError) error = NULL;

  if (!gt_window_backup_finish (window, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not back up the database. %s"),
                                                  error->message);
      gt_window_show_problem (window, message,
                              _("Check that the drive or folder is still there and has free "
                                "space, then back up again, to another place if need be."),
                              _("_Back Up Again…"), "win.backup");
    }
}

static void
backup_chooser_response_cb (GtkNativeDialog *dialog, int response, GtWindow *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (dialog));

      if (path != NULL)
        gt_window_backup_async (window, path, backup_done, NULL);
    }
  g_object_unref (dialog);
}

void
gt_window_backup_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *window = GT_WINDOW (user_data);
  GtStorage *storage = gt_window_get_storage (window);
  g_autofree char *file = NULL, *base = NULL, *name = NULL, *stamp = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GtkFileChooserNative *dialog;
  char *dot;

  if (storage == NULL)
    return;
  file = database_file (storage);
  base = g_path_get_basename (file);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  stamp = g_date_time_format (now, "%Y%m%d");
  name = g_strdup_printf ("%s-%s%s", base, stamp, GT_BACKUP_SUFFIX);

  dialog = gtk_file_chooser_native_new (_("Back Up Database"), GTK_WINDOW (window),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), backup_filter ());
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (backup_chooser_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
restore_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  char *safety = NULL;

  if (!gt_backup_restore (job->db_path, job->path, &safety, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, safety, g_free);
}

static void
restore_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtWindow *window = GT_WINDOW (source);
  Job *job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *safety = g_task_propagate_pointer (G_TASK (result), &error);

  /* Restored or not, the database is opened again. */
  gt_window_open_database (window, job->db_path, FALSE);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore the backup. %s"),
                                                  error->message);
      gt_window_show_error (window, message);
    }
  job_free (job);
}

void
gt_window_restore (GtWindow *window, const char *backup_path)
{
  GtStorage *storage;
  Job *job;

  g_return_if_fail (GT_IS_WINDOW (window));
  g_return_if_fail (backup_path != NULL);

  if (gt_window_get_storage (window) == NULL)
    return;
  /* The file may only be replaced once the window's connection is closed, and it must be
   * the last one: a dialog still holding the database keeps it open. */
  storage = g_object_ref (gt_window_get_storage (window));
  gt_window_set_storage (window, NULL);
  if (G_OBJECT (storage)->ref_count > 1)
    {
      gt_window_set_storage (window, storage);
      g_object_unref (storage);
      gt_window_show_error (window, _("Close the other windows of this database first; "
                                      "nothing was restored."));
      return;
    }
  job = g_new0 (Job, 1);
  job->db_path = database_file (storage);
  job->path = g_strdup (backup_path);
  g_object_unref (storage); /* closes the connection */

  if (!gt_task_bar_run (gt_window_get_task_bar (window), _("Restoring the database…"), FALSE,
                        window, restore_thread, job, NULL, restore_done, job))
    {
      /* Another task is under way: the database is opened again, unchanged. */
      gt_window_open_database (window, job->db_path, FALSE);
      job_free (job);
      gt_window_show_error (window, _("Another task is under way; nothing was restored. Try "
                                      "again when it has finished."));
    }
}

static void
confirm_response_cb (GtkDialog *dialog, int response, GtWindow *window)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "backup-path"));

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    gt_window_restore (window, path);
}

/* When the backup was made: from an automatic backup's name, else the file's time. */
static char *
backup_date (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GDateTime) time = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL,
                            NULL);
  if (info != NULL)
    time = g_file_info_get_modification_date_time (info);
  if (time == NULL)
    return g_filename_display_basename (path);
  {
    g_autoptr (GDateTime) local = g_date_time_to_local (time);
    /* Translators: the date and time a backup was made, as in 2024-03-01 14:30 */
    return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
  }
}

static void
restore_chooser_response_cb (GtkNativeDialog *chooser, int response, GtWindow *window)
{
  g_autofree char *path = NULL, *date = NULL, *base = NULL;
  GtkWidget *dialog, *button;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (path == NULL)
    return;

  date = backup_date (path);
  base = g_filename_display_basename (path);
  dialog = gtk_message_dialog_new (GTK_WINDOW (window),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Restore the database from the backup of %s?"), date);
  gtk_message_dialog_format_secondary_text (
    GTK_MESSAGE_DIALOG (dialog),
    _("Everything changed after that backup (“%s”) will be replaced. The database as it "
      "is now is kept as a backup first."), base);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Restore"), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (button), "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_steal_pointer (&path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
gt_window_restore_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *window = GT_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  GtStorage *storage = gt_window_get_storage (window);

  if (storage == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), backup_filter ());
  {
    g_autofree char *folder = gt_backup_get_folder (storage);
    if (g_file_test (folder, G_FILE_TEST_IS_DIR))
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_chooser_response_cb), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
