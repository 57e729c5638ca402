/* test-gui-shell.c — the window's shell: the task bar (progress from a worker thread,
 * Cancel, one task at a time), problem banners, the removable-drive offer, dropped package
 * files, and the shortcuts window listing every accelerator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "gt-page.h"
#include "gt-task-bar.h"
#include "gt-window-backup.h"
#include "gt-window-exchange.h"
#include "gt-window-usb.h"
#include "gt-window.h"
#include "gui-test.h"

#define STEPS 200

typedef struct
{
  gboolean done;
  gint64 value;
  GError *error;
  GVariant *received; /* last parameter an exchange action got */
  char *received_action;
} Run;

/* Counts to STEPS, reporting each step, stopping when cancelled. */
static void
count_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  int i;

  for (i = 1; i <= STEPS; i++)
    {
      g_autofree char *text = g_strdup_printf ("step %d", i);

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled at %d", i);
          return;
        }
      gt_task_progress (task, (double) i / STEPS, text);
      g_usleep (2000);
    }
  g_task_return_int (task, i - 1);
}

static void
count_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->value = g_task_propagate_int (G_TASK (result), &run->error);
  run->done = TRUE;
}

static void
test_task_bar (GtWindow *window)
{
  GtTaskBar *bar = gt_window_get_task_bar (window);
  Run run = { 0 };

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  /* Runs to the end: the bar shows the thread's progress, then hides. */
  g_assert_true (gt_task_bar_run (bar, "Counting", TRUE, window, count_thread, NULL, NULL,
                                  count_done, &run));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (gt_task_bar_is_busy (bar));
  /* One task at a time. */
  g_assert_false (gt_task_bar_run (bar, "Other", TRUE, window, count_thread, NULL, NULL,
                                   count_done, &run));
  while (gt_task_bar_get_fraction (bar) < 0.25)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (gt_task_bar_get_text (bar), "step "));
  pump ();
  screenshot (GTK_WIDGET (window), "task-bar");
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.value, ==, STEPS);
  g_assert_false (gt_task_bar_is_busy (bar));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  /* Cancelled half-way: the thread sees it and returns G_IO_ERROR_CANCELLED. */
  memset (&run, 0, sizeof run);
  g_assert_true (gt_task_bar_run (bar, "Counting", TRUE, window, count_thread, NULL, NULL,
                                  count_done, &run));
  while (gt_task_bar_get_fraction (bar) < 0.1)
    g_main_context_iteration (NULL, TRUE);
  {
    GtkWidget *cancel = find_widget (GTK_WIDGET (bar), GTK_TYPE_BUTTON, NULL);
    g_assert_true (gtk_widget_get_sensitive (cancel));
    gtk_button_clicked (GTK_BUTTON (cancel));
    g_assert_false (gtk_widget_get_sensitive (cancel));
  }
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (run.value, <, STEPS);
  g_clear_error (&run.error);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
}

static void
backup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->value = gt_window_backup_finish (GT_WINDOW (source), result, &run->error);
  run->done = TRUE;
}

static void
test_backup_in_task_bar (GtWindow *window, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "copy.guatu-backup", NULL);
  GtTaskBar *bar = gt_window_get_task_bar (window);
  Run run = { 0 };

  gt_window_backup_async (window, path, backup_done, &run);
  g_assert_true (gt_task_bar_is_busy (bar));
  g_assert_nonnull (strstr (gt_task_bar_get_text (bar), "copy.guatu-backup"));
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run.error);
  g_assert_true (run.value);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (gt_task_bar_is_busy (bar));
  g_unlink (path);
}

static void
test_banner (GtWindow *window)
{
  GtkWidget *banner = gt_window_show_problem (window, "Something failed.", "Do this next.",
                                              "_Preferences", "win.preferences");
  GtkWidget *button;

  g_object_add_weak_pointer (G_OBJECT (banner), (gpointer *) &banner);
  pump ();
  g_assert_true (gtk_widget_is_visible (banner));
  g_assert_cmpstr (label_text (banner, "banner_message"), ==, "Something failed.");
  g_assert_cmpstr (label_text (banner, "banner_next_step"), ==, "Do this next.");
  screenshot (GTK_WIDGET (window), "problem-banner");
  button = find_widget (banner, GTK_TYPE_BUTTON, "banner_button");
  g_assert_nonnull (button);
  gtk_button_clicked (GTK_BUTTON (button));
  pump ();
  /* The action ran (the Preferences dialog is up) and the banner is gone. */
  g_assert_null (banner);
  gtk_widget_destroy (find_dialog ("GtPreferencesDialog"));
}

static void
exchange_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  Run *run = user_data;

  g_clear_pointer (&run->received, g_variant_unref);
  g_free (run->received_action);
  run->received = g_variant_ref (parameter);
  run->received_action = g_strdup (g_action_get_name (G_ACTION (action)));
}

static void
add_exchange_action (GtWindow *window, const char *name, const char *type, Run *run)
{
  g_autoptr (GSimpleAction) action = g_simple_action_new (name, G_VARIANT_TYPE (type));

  g_signal_connect (action, "activate", G_CALLBACK (exchange_activated), run);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
}

static int
count_children (GtkWidget *box)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (box));

  return g_list_length (children);
}

static void
test_drive_offer (GtWindow *window, const char *dir)
{
  g_autofree char *drive = g_build_filename (dir, "U盘", NULL);
  GtkWidget *box = GTK_WIDGET (gt_window_get_banner_box (window));
  GtkWidget *bar;
  Run run = { 0 };

  g_assert_cmpint (g_mkdir (drive, 0700), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const names[] = { "青石镇-2026-11.xml", "二月.XML", "说明.txt" };
      g_autofree char *file = g_build_filename (drive, names[i], NULL);
      g_assert_true (g_file_set_contents (file, "<x/>", -1, NULL));
    }

  /* The exchange area's own actions (gt-window-exchange.c) are there; they are taken out so
   * that this test sees what the drive bar does with and without them, and put back at
   * the end. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "exchange-import-from"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "exchange-export-to"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "exchange-import-files"));
  g_action_map_remove_action (G_ACTION_MAP (window), "exchange-import-from");
  g_action_map_remove_action (G_ACTION_MAP (window), "exchange-export-to");
  g_action_map_remove_action (G_ACTION_MAP (window), "exchange-import-files");

  /* Without the exchange area's actions there is nothing to offer. */
  g_assert_null (gt_window_offer_drive (window, drive, "KINGSTON"));
  g_assert_cmpint (count_children (box), ==, 0);

  /* With the import action only: one button, which hands over the drive's folder. */
  add_exchange_action (window, "exchange-import-from", "s", &run);
  bar = gt_window_offer_drive (window, drive, "KINGSTON");
  g_assert_nonnull (bar);
  pump ();
  g_assert_true (gtk_widget_is_visible (bar));
  g_assert_nonnull (strstr (label_text (bar, "banner_message"), "KINGSTON"));
  g_assert_nonnull (strstr (label_text (bar, "banner_next_step"), "2"));
  g_assert_nonnull (find_widget (bar, GTK_TYPE_BUTTON, "import_button"));
  g_assert_null (find_widget (bar, GTK_TYPE_BUTTON, "export_button"));

  /* Both: a second offer for the same drive replaces the first. */
  add_exchange_action (window, "exchange-export-to", "s", &run);
  bar = gt_window_offer_drive (window, drive, "KINGSTON");
  g_assert_cmpint (count_children (box), ==, 1);
  g_assert_nonnull (find_widget (bar, GTK_TYPE_BUTTON, "export_button"));
  pump ();
  screenshot (GTK_WIDGET (window), "drive-offer");
  gtk_button_clicked (GTK_BUTTON (find_widget (bar, GTK_TYPE_BUTTON, "export_button")));
  g_assert_cmpstr (run.received_action, ==, "exchange-export-to");
  g_assert_cmpstr (g_variant_get_string (run.received, NULL), ==, drive);
  g_assert_cmpint (count_children (box), ==, 0);

  bar = gt_window_offer_drive (window, drive, "KINGSTON");
  gtk_button_clicked (GTK_BUTTON (find_widget (bar, GTK_TYPE_BUTTON, "import_button")));
  g_assert_cmpstr (run.received_action, ==, "exchange-import-from");
  g_assert_cmpstr (g_variant_get_string (run.received, NULL), ==, drive);

  /* Unplugged: the offer goes. */
  gt_window_offer_drive (window, drive, "KINGSTON");
  g_assert_cmpint (count_children (box), ==, 1);
  gt_window_withdraw_drive (window, drive);
  g_assert_cmpint (count_children (box), ==, 0);

  /* Dropped files: refused while win.exchange-import-files is missing, then the .xml
   * ones are handed over, in order. */
  {
    const char *files[] = { "/媒体/a.xml", "/媒体/b.txt", "/媒体/C.XML", NULL };
    const char *text_only[] = { "/媒体/b.txt", NULL };
    g_autofree const char **got = NULL;

    g_assert_false (gt_window_drop_files (window, files));
    g_assert_cmpint (count_children (box), ==, 0);
    add_exchange_action (window, "exchange-import-files", "as", &run);
    g_assert_true (gt_window_drop_files (window, files));
    g_assert_cmpstr (run.received_action, ==, "exchange-import-files");
    got = g_variant_get_strv (run.received, NULL);
    g_assert_cmpstr (got[0], ==, "/媒体/a.xml");
    g_assert_cmpstr (got[1], ==, "/媒体/C.XML");
    g_assert_null (got[2]);
    /* Nothing importable: a banner says so and what to do instead. */
    g_assert_false (gt_window_drop_files (window, text_only));
    g_assert_cmpint (count_children (box), ==, 1);
    pump ();
    screenshot (GTK_WIDGET (window), "drop-refused");
  }

  g_action_map_remove_action (G_ACTION_MAP (window), "exchange-import-from");
  g_action_map_remove_action (G_ACTION_MAP (window), "exchange-export-to");
  g_action_map_remove_action (G_ACTION_MAP (window), "exchange-import-files");
  gt_window_exchange_init (window);
  g_clear_pointer (&run.received, g_variant_unref);
  g_free (run.received_action);
  gui_test_remove_dir (drive);
}

/* "win.show-page::life" and "win.show-page('life')" are the same detailed action. */
static char *
canonical_action (const char *detailed)
{
  g_autofree char *name = NULL;
  g_autoptr (GVariant) target = NULL;
  g_autofree char *printed = NULL;

  g_assert_true (g_action_parse_detailed_name (detailed, &name, &target, NULL));
  if (target == NULL)
    return g_steal_pointer (&name);
  printed = g_variant_print (target, FALSE);
  return g_strdup_printf ("%s(%s)", name, printed);
}

/* Every accelerator the application sets is listed in the shortcuts window. */
static void
collect_shortcuts (GtkWidget *widget, GHashTable *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;

      g_object_get (widget, "action-name", &action, NULL);
      if (action != NULL)
        g_hash_table_add (actions, canonical_action (action));
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), (GtkCallback) collect_shortcuts, actions);
}

static void
test_shortcuts_window (GtkApplication *app, GtWindow *window)
{
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) described = gtk_application_list_action_descriptions (app);
  GtkWidget *overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (
    GTK_APPLICATION_WINDOW (window)));
  guint n = 0;

  collect_shortcuts (overlay, listed);
  for (guint i = 0; described[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, described[i]);
      g_autofree char *key = canonical_action (described[i]);

      if (accels[0] == NULL)
        continue;
      g_test_message ("%s → %s", described[i], accels[0]);
      if (!g_hash_table_contains (listed, key))
        g_error ("%s has the accelerator %s but is not in the shortcuts window (gt-shortcuts.c)",
                 described[i], accels[0]);
      n++;
    }
  g_assert_cmpuint (n, >=, 16);
  /* Ctrl+, opens the preferences. */
  {
    g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, "win.preferences");
    g_assert_cmpstr (accels[0], ==, "<Primary>comma");
  }
}

/* Buttons, toggles and entries a screen reader reaches all have a name. */
static void
check_accessible_names (GtkWidget *widget, int *unnamed)
{
  if (gtk_widget_get_visible (widget) &&
      (GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_PROGRESS_BAR (widget)))
    {
      AtkObject *accessible = gtk_widget_get_accessible (widget);
      const char *name = atk_object_get_name (accessible);
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      gboolean labelled = FALSE;

      if (GTK_IS_ENTRY (widget))
        {
          AtkRelationSet *relations = atk_object_ref_relation_set (accessible);
          labelled = atk_relation_set_contains (relations, ATK_RELATION_LABELLED_BY);
          g_object_unref (relations);
        }
      /* A combo box's button is named by the combo box. */
      gboolean in_combo = gtk_widget_get_ancestor (widget, GTK_TYPE_COMBO_BOX) != NULL;

      if ((name == NULL || *name == '\0') && tooltip == NULL && !labelled && !in_combo &&
          !GTK_IS_SPIN_BUTTON (widget))
        {
          g_test_message ("no accessible name: %s %s", G_OBJECT_TYPE_NAME (widget),
                          gtk_buildable_get_name (GTK_BUILDABLE (widget)));
          (*unnamed)++;
        }
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), (GtkCallback) check_accessible_names, unnamed);
}

static void
test_accessible_names (GtWindow *window)
{
  int unnamed = 0;
  GtkWidget *dialog;

  check_accessible_names (GTK_WIDGET (window), &unnamed);
  g_action_group_activate_action (G_ACTION_GROUP (window), "preferences", NULL);
  pump ();
  dialog = find_dialog ("GtPreferencesDialog");
  check_accessible_names (dialog, &unnamed);
  gtk_widget_destroy (dialog);
  g_assert_cmpint (unnamed, ==, 0);
}

/* F1 finds the manual: GUATU_MANUAL_DIR's index.html; without one, a banner explains. */
static void
test_manual (GtWindow *window, const char *dir)
{
  g_autofree char *manual = g_build_filename (dir, "manual", NULL);
  g_autofree char *index = g_build_filename (manual, "index.html", NULL);
  g_autofree char *expected = g_filename_to_uri (index, NULL, NULL);
  g_autofree char *uri = NULL;
  GtkWidget *box = GTK_WIDGET (gt_window_get_banner_box (window));

  gtk_container_foreach (GTK_CONTAINER (box), (GtkCallback) gtk_widget_destroy, NULL);
  g_setenv ("GUATU_MANUAL_DIR", manual, TRUE);
  g_assert_cmpint (g_mkdir (manual, 0700), ==, 0);
  g_assert_true (g_file_set_contents (index, "<html></html>", -1, NULL));
  uri = gt_window_manual_uri ();
  g_assert_cmpstr (uri, ==, expected);
  g_unlink (index);
  g_rmdir (manual);
  g_clear_pointer (&uri, g_free);
  uri = gt_window_manual_uri ();
  /* Not installed in the build tree's prefix either (unless the tester installed it). */
  if (uri == NULL)
    {
      g_action_group_activate_action (G_ACTION_GROUP (window), "help", NULL);
      g_assert_cmpint (count_children (box), ==, 1);
      gtk_container_foreach (GTK_CONTAINER (box), (GtkCallback) gtk_widget_destroy, NULL);
    }
  g_unsetenv ("GUATU_MANUAL_DIR");
}

static gboolean
drive (gpointer user_data)
{
  GApplication *app = user_data;
  const char *dir = g_object_get_data (G_OBJECT (app), "test-data");
  GtWindow *window = GT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  pump ();
  test_task_bar (window);
  test_backup_in_task_bar (window, dir);
  test_banner (window);
  test_drive_offer (window, dir);
  test_shortcuts_window (GTK_APPLICATION (app), window);
  test_manual (window, dir);
  test_accessible_names (window);
  /* The sidebar's width is remembered when the window closes. */
  gtk_paned_set_position (GTK_PANED (find_widget (GTK_WIDGET (window), GTK_TYPE_PANED, "paned")),
                          222);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_shell (gconstpointer dir)
{
  g_autofree char *path = g_build_filename (dir, "shell.db", NULL);

  gui_test_run_app (path, drive, (gpointer) dir);
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);
    g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 222);
  }
}

/* Notes which page the window opened on, then quits. */
static gboolean
drive_opening_page (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  char **shown = g_object_get_data (G_OBJECT (app), "test-data");
  GtkStack *stack;

  g_assert_true (GT_IS_WINDOW (toplevel));
  pump ();
  stack = GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK, "stack"));
  g_assert_nonnull (stack);
  *shown = g_strdup (gtk_stack_get_visible_child_name (stack));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* `guatu --page NAME` opens on that page although another one was saved as last-view; without
 * --page the saved one comes back. The application runs once a process: each case runs in a
 * subprocess of its own. */
static void
open_with_saved_members (const char *dir, const char *const *more_args, const char *expected)
{
  g_autofree char *path = g_build_filename (dir, "shell.db", NULL);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *shown = NULL;

  if (!g_test_subprocess ())
    return; /* run by test_page_option */
  g_settings_set_string (settings, "last-view", "members");
  gui_test_run_app_with (path, more_args, drive_opening_page, &shown);
  g_assert_cmpstr (shown, ==, expected);
}

/* The overview is the page a new window starts on: showing it changed nothing, so it was never
 * saved as last-view, and the saved page came back when the window was realized. */
static void
test_page_option_first (gconstpointer dir)
{
  const char *const overview[] = { "--page", "overview", NULL };

  open_with_saved_members (dir, overview, "overview");
}

static void
test_page_option_other (gconstpointer dir)
{
  const char *const points[] = { "--page", "points", NULL };

  open_with_saved_members (dir, points, "points");
}

static void
test_page_option_saved (gconstpointer dir)
{
  open_with_saved_members (dir, NULL, "members");
}

static void
test_page_option (gconstpointer dir)
{
  g_test_trap_subprocess ("/gui/shell/page-option/first", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess ("/gui/shell/page-option/other", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess ("/gui/shell/page-option/saved", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static char *
holder_path (const char *dir)
{
  g_autofree char *name = g_strdup_printf ("shell.db.holder-%d", (int) getpid ());
  return g_build_filename (dir, name, NULL);
}

/* Sends the application SIGTERM, as a logout or `kill` does. */
static gboolean
drive_terminate (gpointer user_data)
{
  GApplication *app = user_data;
  const char *dir = g_object_get_data (G_OBJECT (app), "test-data");
  g_autofree char *holder = holder_path (dir);

  pump ();
  g_assert_true (g_file_test (holder, G_FILE_TEST_EXISTS));
  gtk_paned_set_position (GTK_PANED (find_widget (GTK_WIDGET (gtk_application_get_active_window (
                                                    GTK_APPLICATION (app))),
                                                  GTK_TYPE_PANED, "paned")),
                          233);
  kill (getpid (), SIGTERM);
  return G_SOURCE_REMOVE;
}

/* SIGTERM quits as Ctrl+Q does: the window state is saved, the database closed and its holder
 * file removed (before, a killed window left DB.holder-PID and the WAL behind). */
static void
test_sigterm_run (gconstpointer dir)
{
  g_autofree char *path = g_build_filename (dir, "shell.db", NULL);
  g_autofree char *holder = holder_path (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  if (!g_test_subprocess ())
    return; /* run by test_sigterm */
  gui_test_run_app (path, drive_terminate, (gpointer) dir);
  g_assert_false (g_file_test (holder, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);
    g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 233);
  }
}

static void
test_sigterm (gconstpointer dir)
{
  g_test_trap_subprocess ("/gui/shell/sigterm/run", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Save dialogs open in the Documents folder (the home folder without one), not in the
 * folder Guatu was started from, and suggest the file's name. */
static void
test_save_chooser (void)
{
  g_autoptr (GtkFileChooserNative) chooser = gt_save_chooser_new ("t", NULL, "_Save", "_Cancel",
                                                                  "挂图.pdf");
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *folder = NULL;
  g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

  /* The chooser loads its folder in the main loop. */
  for (int i = 0; i < 500 && folder == NULL; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
      if (folder == NULL)
        g_usleep (10000);
    }

  g_assert_cmpstr (folder, ==, documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                 ? documents
                                 : g_get_home_dir ());
  g_assert_cmpstr (name, ==, "挂图.pdf");
  g_assert_true (gtk_file_chooser_get_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser)));
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL, *path = NULL;
  int rc;

  gui_test_init (&argc, &argv);
  path = gui_test_demo_db ("shell.db", &dir);
  g_test_add_data_func ("/gui/shell", dir, test_shell);
  g_test_add_data_func ("/gui/shell/page-option", dir, test_page_option);
  g_test_add_data_func ("/gui/shell/page-option/first", dir, test_page_option_first);
  g_test_add_data_func ("/gui/shell/page-option/other", dir, test_page_option_other);
  g_test_add_data_func ("/gui/shell/page-option/saved", dir, test_page_option_saved);
  g_test_add_func ("/gui/shell/save-chooser", test_save_chooser);
  g_test_add_data_func ("/gui/shell/sigterm", dir, test_sigterm);
  g_test_add_data_func ("/gui/shell/sigterm/run", dir, test_sigterm_run);
  rc = g_test_run ();
  gui_test_remove_dir (dir);
  return rc;
}
