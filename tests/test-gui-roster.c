/* test-gui-roster.c — roster import and export through their dialogs, on a demo database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-household-page.h"
#include "gt-household.h"
#include "gt-member-dialog.h"
#include "gt-member.h"
#include "gt-registers.h"
#include "gt-roster-export-dialog.h"
#include "gt-roster-import-dialog.h"
#include "gt-roster-mapping-dialog.h"
#include "gt-roster.h"
#include "gt-window.h"
#include "gui-test.h"

/* Pumps until the dialog's worker is done; at most about 20 s. */
static void
wait_for_worker (GtkWidget *dialog)
{
  for (guint i = 0; i < 160; i++)
    {
      gboolean busy = GT_IS_ROSTER_IMPORT_DIALOG (dialog)
                        ? gt_roster_import_dialog_is_busy (GT_ROSTER_IMPORT_DIALOG (dialog))
                        : gt_roster_export_dialog_is_busy (GT_ROSTER_EXPORT_DIALOG (dialog));
      if (!busy)
        break;
      pump ();
    }
  pump ();
}

static void
assert_counts (GtkWidget *dialog, const char *rows, const char *valid, const char *errors,
               const char *warnings)
{
  g_assert_cmpstr (label_text (dialog, "rows_value"), ==, rows);
  g_assert_cmpstr (label_text (dialog, "valid_value"), ==, valid);
  g_assert_cmpstr (label_text (dialog, "errors_value"), ==, errors);
  g_assert_cmpstr (label_text (dialog, "warnings_value"), ==, warnings);
}

static gboolean
drive_roster (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "roster", "good.csv",
                                                 NULL);
  g_autofree char *dup = g_test_build_filename (G_TEST_DIST, "data", "roster",
                                                "dup-in-file.csv", NULL);
  g_autofree char *xlsx = NULL, *head = NULL;
  GtkWidget *dialog, *import_button, *valid_only, *problems;
  GtStorage *storage;
  gint64 before = 0, after = 0;
  gsize length = 0;

  g_assert_true (GT_IS_WINDOW (toplevel));
  gtk_window_resize (toplevel, 1366, 740);
  pump ();
  storage = gt_window_get_storage (GT_WINDOW (toplevel));
  g_assert_nonnull (storage);
  g_assert_true (gt_member_count (storage, NULL, NULL, 0, &before, NULL));

  /* Ctrl+I and Ctrl+E, and the import dialog from its action */
  {
    g_auto (GStrv) import_accels = gtk_application_get_accels_for_action (
      GTK_APPLICATION (app), "win.import-roster");
    g_auto (GStrv) export_accels = gtk_application_get_accels_for_action (
      GTK_APPLICATION (app), "win.export-roster");
    g_assert_cmpstr (import_accels[0], ==, "<Primary>i");
    g_assert_cmpstr (export_accels[0], ==, "<Primary>e");
  }
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "import-roster", NULL);
  pump ();
  dialog = find_dialog ("GtRosterImportDialog");
  gtk_window_resize (GTK_WINDOW (dialog), 820, 580);
  import_button = find_widget (dialog, GTK_TYPE_BUTTON, "import_button");
  valid_only = find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "valid_only_check");
  problems = find_widget (dialog, GTK_TYPE_TREE_VIEW, "problems_view");
  g_assert_false (gtk_widget_get_sensitive (import_button));

  /* Cancel while reading: the dialog is idle at once, and the late result is dropped. */
  gt_roster_import_dialog_set_file (GT_ROSTER_IMPORT_DIALOG (dialog), good);
  g_assert_true (gt_roster_import_dialog_is_busy (GT_ROSTER_IMPORT_DIALOG (dialog)));
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "stop_button")));
  g_assert_false (gt_roster_import_dialog_is_busy (GT_ROSTER_IMPORT_DIALOG (dialog)));
  pump ();
  pump ();
  assert_counts (dialog, "—", "—", "—", "—");
  g_assert_false (gtk_widget_get_sensitive (import_button));

  /* A file with the same ID number twice: two errors, so no import until the user asks
   * for the valid rows only. */
  gt_roster_import_dialog_set_file (GT_ROSTER_IMPORT_DIALOG (dialog), dup);
  wait_for_worker (dialog);
  g_assert_false (gt_roster_import_dialog_is_busy (GT_ROSTER_IMPORT_DIALOG (dialog)));
  assert_counts (dialog, "4", "2", "2", "0");
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (problems)), NULL), ==, 2);
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_assert_true (gtk_widget_get_sensitive (valid_only));
  screenshot (dialog, "roster-import-problems");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (valid_only), TRUE);
  g_assert_true (gtk_widget_get_sensitive (import_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (valid_only), FALSE);
  g_assert_false (gtk_widget_get_sensitive (import_button));

  /* The roster exported masked (the default) and read back: one message for the whole
   * file, at the top, instead of an error per masked cell; nothing to import. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("guatu-masked-XXXXXX", &error);
    g_autofree char *masked = g_build_filename (dir, "masked.csv", NULL);
    g_autofree char *rows = NULL;
    guint n = 0;

    g_assert_true (gt_roster_export (storage, NULL, masked, GT_ROSTER_EXPORT_DEFAULT, &n,
                                     &error));
    g_assert_no_error (error);
    gt_roster_import_dialog_set_file (GT_ROSTER_IMPORT_DIALOG (dialog), masked);
    wait_for_worker (dialog);
    rows = g_strdup_printf ("%u", n);
    assert_counts (dialog, rows, "0", "1", "0");
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (problems)), NULL),
                     ==, 1);
    g_assert_nonnull (strstr (label_text (dialog, "status_label"), "--unmasked"));
    g_assert_false (gtk_widget_get_sensitive (import_button));
    screenshot (dialog, "roster-import-masked");
    g_unlink (masked);
    g_rmdir (dir);
  }

  /* A good file: six valid rows and one warning (an unknown column); import them. */
  gt_roster_import_dialog_set_file (GT_ROSTER_IMPORT_DIALOG (dialog), good);
  wait_for_worker (dialog);
  assert_counts (dialog, "6", "6", "0", "1");
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (problems)), NULL), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (import_button));
  screenshot (dialog, "roster-import-preview");
  /* The import runs in a worker, with a progress bar; Cancel rolls it back, and closing
   * the dialog waits for it. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  g_assert_true (gt_roster_import_dialog_is_busy (GT_ROSTER_IMPORT_DIALOG (dialog)));
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_PROGRESS_BAR,
                                                      "progress_bar")));
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_assert_false (gtk_widget_get_sensitive (find_widget (dialog, GTK_TYPE_BUTTON, "file_button")));
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "stop_button")));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_DELETE_EVENT);
  g_assert_true (GTK_IS_WIDGET (dialog) && gtk_widget_get_visible (dialog));
  wait_for_worker (dialog);
  g_assert_true (gt_member_count (storage, NULL, NULL, 0, &after, NULL));
  g_assert_cmpint (after, ==, before);
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "result_label")));
  g_assert_nonnull (strstr (label_text (dialog, "result_label"), "good.csv"));
  g_assert_false (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_PROGRESS_BAR,
                                                       "progress_bar")));
  g_assert_true (gtk_widget_get_sensitive (import_button)); /* the rows are still ready */

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  wait_for_worker (dialog);
  g_assert_true (gt_member_count (storage, NULL, NULL, 0, &after, NULL));
  g_assert_cmpint (after, ==, before + 6);
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "result_label")));
  g_assert_nonnull (strstr (label_text (dialog, "result_label"), "6"));
  g_assert_false (gtk_widget_get_sensitive (import_button)); /* not twice */
  screenshot (dialog, "roster-import-done");

  /* A quote never closed stops the reading: the status says at which line and why. */
  {
    g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "data", "roster",
                                                     "unterminated-quote.csv", NULL);

    gt_roster_import_dialog_set_file (GT_ROSTER_IMPORT_DIALOG (dialog), broken);
    wait_for_worker (dialog);
    g_assert_nonnull (strstr (label_text (dialog, "status_label"), " 3"));
    g_assert_false (gtk_widget_get_sensitive (import_button));
  }

  /* Unusual headers: map them once in the "Map Columns" dialog; the file is read again. */
  {
    g_autofree char *odd = g_test_build_filename (G_TEST_DIST, "data", "roster",
                                                  "odd-headers.csv", NULL);
    GtkDialog *mapping;

    gt_roster_import_dialog_set_file (GT_ROSTER_IMPORT_DIALOG (dialog), odd);
    wait_for_worker (dialog);
    assert_counts (dialog, "0", "0", "1", "4");
    g_assert_true (gtk_widget_get_sensitive (find_widget (dialog, GTK_TYPE_BUTTON, "map_button")));
    mapping = gt_roster_import_dialog_map_columns (GT_ROSTER_IMPORT_DIALOG (dialog));
    g_assert_nonnull (mapping);
    pump ();
    g_assert_true (gt_roster_mapping_dialog_set (GT_ROSTER_MAPPING_DIALOG (mapping), "公民身份证",
                                                 "id_number"));
    g_assert_true (gt_roster_mapping_dialog_set (GT_ROSTER_MAPPING_DIALOG (mapping), "入党年月",
                                                 "join_date"));
    g_assert_true (gt_roster_mapping_dialog_set (GT_ROSTER_MAPPING_DIALOG (mapping),
                                                 "所属党组织", "branch"));
    g_assert_true (gt_roster_mapping_dialog_set (GT_ROSTER_MAPPING_DIALOG (mapping), "备注",
                                                 "ignore"));
    pump ();
    screenshot (GTK_WIDGET (mapping), "roster-map-columns");
    gtk_dialog_response (mapping, GTK_RESPONSE_OK);
    pump ();
    wait_for_worker (dialog);
    assert_counts (dialog, "1", "1", "0", "0");
  }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  pump ();

  /* Export the whole register, masked, as an Excel workbook. */
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "export-roster", NULL);
  pump ();
  dialog = find_dialog ("GtRosterExportDialog");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "mask_check"))));
  gt_roster_export_dialog_set_format (GT_ROSTER_EXPORT_DIALOG (dialog), GT_ROSTER_FORMAT_XLSX);
  xlsx = g_build_filename (g_object_get_data (G_OBJECT (app), "test-data"), "roster.xlsx",
                           NULL);
  gt_roster_export_dialog_export_to (GT_ROSTER_EXPORT_DIALOG (dialog), xlsx);
  wait_for_worker (dialog);
  g_assert_false (gt_roster_export_dialog_is_busy (GT_ROSTER_EXPORT_DIALOG (dialog)));
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (xlsx, &head, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (head, 4, "PK\3\4", 4);
  {
    g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, after);
    g_assert_nonnull (strstr (label_text (dialog, "status_label"), n));
  }
  screenshot (dialog, "roster-export");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  pump ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_roster_dialogs (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("roster.db", &dir);

  gui_test_run_app (path, drive_roster, dir);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/roster-dialogs", test_roster_dialogs);
  return g_test_run ();
}
