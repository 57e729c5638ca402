/* test-gui-backup.c — the window's backup and restore, with their worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gt-backup.h"
#include "gt-member.h"
#include "gt-window-backup.h"
#include "gt-window.h"
#include "gui-test.h"

typedef struct
{
  char *dir;
  gboolean done;
  gboolean ok;
  GError *error;
} Run;

static void
backup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->ok = gt_window_backup_finish (GT_WINDOW (source), result, &run->error);
  run->done = TRUE;
}

/* Runs win.backup's worker to @path and waits for it. */
static gboolean
backup_to (GtWindow *window, const char *path, GError **error)
{
  Run run = { 0 };

  gt_window_backup_async (window, path, backup_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (run.error != NULL)
    g_propagate_error (error, run.error);
  return run.ok;
}

/* Restores @path in the window and waits until the database is open again. */
static void
restore_from (GtWindow *window, const char *path)
{
  gt_window_restore (window, path);
  g_assert_null (gt_window_get_storage (window));
  while (gt_window_get_storage (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  pump ();
}

static gint64
members (GtWindow *window)
{
  return gui_test_scalar (gt_window_get_storage (window), "SELECT count(*) FROM members");
}

static gboolean
drive_backup (gpointer user_data)
{
  GApplication *app = user_data;
  Run *test = g_object_get_data (G_OBJECT (app), "test-data");
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtWindow *window = GT_WINDOW (toplevel);
  g_autoptr (GError) error = NULL;
  g_autofree char *good = g_build_filename (test->dir, "copy.guatu-backup", NULL);
  g_autofree char *missing = g_build_filename (test->dir, "no", "such.guatu-backup", NULL);
  g_autofree char *garbage = g_build_filename (test->dir, "garbage.guatu-backup", NULL);
  GtkWidget *info_label;
  GtMemberSpec newcomer = {
    "青石村党支部", "龚自珍", NULL, "汉族", "33082219880715003X", "13800001234", "大专",
    "农民", "2025-07-01", NULL,
  };
  gint64 before;
  int version = 0;

  pump ();
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (toplevel), "backup"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (toplevel), "restore"));
  before = members (window);

  /* The worker writes a verified backup on a connection of its own. */
  g_assert_true (backup_to (window, good, &error));
  g_assert_no_error (error);
  g_assert_true (gt_backup_verify (good, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, GT_SCHEMA_VERSION);

  /* A folder that is not there: the error names the file. */
  g_assert_false (backup_to (window, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "such.guatu-backup"));
  g_clear_error (&error);

  /* Restoring garbage: refused, shown in the info bar, the database open again. */
  g_assert_true (g_file_set_contents (garbage, "garbage", -1, NULL));
  restore_from (window, garbage);
  info_label = find_widget (GTK_WIDGET (toplevel), GTK_TYPE_LABEL, "info_label");
  g_assert_nonnull (info_label);
  g_assert_true (gtk_widget_is_visible (info_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (info_label)), "garbage.guatu-backup"));
  g_assert_cmpint (members (window), ==, before);

  /* A member added after the backup is gone once it is restored. */
  g_assert_true (gt_member_add (gt_window_get_storage (window), &newcomer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (members (window), ==, before + 1);
  restore_from (window, good);
  g_assert_false (gtk_widget_is_visible (info_label));
  g_assert_cmpint (members (window), ==, before);
  {
    g_autoptr (GPtrArray) backups = gt_backup_list (gt_window_get_storage (window));
    g_assert_cmpuint (backups->len, ==, 1);
    g_assert_cmpstr (((GtBackupInfo *) backups->pdata[0])->reason, ==, "restore");
  }
  screenshot (GTK_WIDGET (toplevel), "window-after-restore");

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
remove_backups (const char *dir)
{
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);

  gui_test_remove_dir (folder);
}

static void
test_backup_restore (void)
{
  Run test = { 0 };
  g_autofree char *path = gui_test_demo_db ("backup.db", &test.dir);

  gui_test_run_app (path, drive_backup, &test);
  remove_backups (test.dir);
  gui_test_remove_dir (test.dir);
  g_free (test.dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/backup-restore", test_backup_restore);
  return g_test_run ();
}
