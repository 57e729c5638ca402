/* test-gui-first-run.c — the welcome dialog: a township database set up through the form,
 * bad input refused without creating a file, the recent list, the demo written and opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gt-first-run-dialog.h"
#include "gt-window.h"
#include "gui-test.h"

typedef struct
{
  char *dir;
  char *path;
} Test;

static GtkWidget *
child (GtkWidget *dialog, GType type, const char *name)
{
  GtkWidget *widget = find_widget (dialog, type, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
dialog_open (void)
{
  gboolean found = FALSE;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    found |= GT_IS_FIRST_RUN_DIALOG (l->data) && gtk_widget_get_visible (l->data);
  g_list_free (toplevels);
  return found;
}

static char *
meta (GtWindow *window, const char *key)
{
  return gt_storage_get_meta (gt_window_get_storage (window), key);
}

static gboolean
drive_create (gpointer user_data)
{
  GApplication *app = user_data;
  Test *test = g_object_get_data (G_OBJECT (app), "test-data");
  GtWindow *window = GT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWidget *dialog, *error_label;
  g_autofree char *role = NULL, *name = NULL, *code = NULL, *op = NULL;

  /* No database at the path: the window is empty and the welcome dialog is up. */
  g_assert_null (gt_window_get_storage (window));
  dialog = find_dialog ("GtFirstRunDialog");
  pump ();
  screenshot (dialog, "first-run-welcome");
  g_assert_false (gtk_widget_get_visible (child (dialog, GTK_TYPE_BUTTON, "create_button")));

  gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "new_button")));
  pump ();
  g_assert_true (gtk_widget_get_visible (child (dialog, GTK_TYPE_BUTTON, "create_button")));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (dialog, GTK_TYPE_COMBO_BOX, "role_combo")),
                               "township");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "name_entry")),
                      "  中共青石镇委员会 ");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "operator_entry")), "王晓红");

  /* A code of 5 digits and one with a letter are refused; nothing is created. */
  error_label = child (dialog, GTK_TYPE_LABEL, "error_label");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "code_entry")), "33082");
  gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "create_button")));
  pump ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "33082"));
  g_assert_false (g_file_test (test->path, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_has_focus (child (dialog, GTK_TYPE_ENTRY, "code_entry")));
  screenshot (dialog, "first-run-bad-code");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "code_entry")), "33082A");
  gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "create_button")));
  g_assert_false (g_file_test (test->path, G_FILE_TEST_EXISTS));
  g_assert_null (gt_window_get_storage (window));

  /* An empty name is refused too. */
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "code_entry")), "330822");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "name_entry")), "   ");
  gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "create_button")));
  g_assert_false (g_file_test (test->path, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_has_focus (child (dialog, GTK_TYPE_ENTRY, "name_entry")));

  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "name_entry")),
                      "  中共青石镇委员会 ");
  gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "create_button")));
  pump ();

  /* The database exists, is open in the window, and holds the office identity. */
  g_assert_false (dialog_open ());
  g_assert_true (g_file_test (test->path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (gt_window_get_storage (window));
  g_assert_cmpstr (gt_storage_get_path (gt_window_get_storage (window)), ==, test->path);
  role = meta (window, "role");
  name = meta (window, "office_name");
  code = meta (window, "office_code");
  op = meta (window, "operator");
  g_assert_cmpstr (role, ==, "township");
  g_assert_cmpstr (name, ==, "中共青石镇委员会");
  g_assert_cmpstr (code, ==, "330822");
  g_assert_cmpstr (op, ==, "王晓红");
  g_assert_cmpint (gui_test_scalar (gt_window_get_storage (window),
                                    "SELECT count(*) FROM organizations"), ==, 0);
  /* The subtitle names the office. */
  {
    GtkWidget *header = find_widget (GTK_WIDGET (window), GTK_TYPE_HEADER_BAR, NULL);
    g_assert_nonnull (strstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (header)),
                              "中共青石镇委员会"));
  }
  screenshot (GTK_WIDGET (window), "first-run-created");

  /* Ctrl+N brings the form back for another database, with a name that is free. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-database", NULL);
  pump ();
  dialog = find_dialog ("GtFirstRunDialog");
  g_assert_true (gtk_widget_get_visible (child (dialog, GTK_TYPE_BUTTON, "create_button")));
  gtk_widget_destroy (dialog);

  /* The welcome dialog again: the new database is a recent one; open the demo, written in a
   * worker thread next to the default database ($GUATU_DB). */
  g_action_group_activate_action (G_ACTION_GROUP (window), "welcome", NULL);
  pump ();
  dialog = find_dialog ("GtFirstRunDialog");
  g_assert_true (gtk_widget_get_visible (child (dialog, GTK_TYPE_LIST_BOX, "recent_list")));
  screenshot (dialog, "first-run-recent");
  {
    GtStorage *created = gt_window_get_storage (window);
    g_autofree char *demo = gt_first_run_demo_path (test->path);

    gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "demo_button")));
    while (gt_window_get_storage (window) == created)
      g_main_context_iteration (NULL, TRUE);
    pump ();
    g_assert_false (dialog_open ());
    g_assert_cmpstr (gt_storage_get_path (gt_window_get_storage (window)), ==, demo);
    g_assert_cmpint (gui_test_scalar (gt_window_get_storage (window),
                                      "SELECT count(*) FROM members"), ==, 215);
  }
  screenshot (GTK_WIDGET (window), "first-run-demo");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_create (Test *test)
{
  gui_test_run_app (test->path, drive_create, test);
}

int
main (int argc, char **argv)
{
  Test test = { 0 };
  g_autoptr (GError) error = NULL;
  int rc;

  gui_test_init (&argc, &argv);
  test.dir = g_dir_make_tmp ("guatu-first-run-XXXXXX", &error);
  g_assert_no_error (error);
  test.path = g_build_filename (test.dir, "qingshi.db", NULL);
  g_setenv ("GUATU_DB", test.path, TRUE);

  g_test_add_data_func ("/gui/first-run/create-township", &test, (GTestDataFunc) test_create);
  rc = g_test_run ();

  gui_test_remove_dir (test.dir);
  g_free (test.dir);
  g_free (test.path);
  return rc;
}
