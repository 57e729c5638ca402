/* test-gui-preferences.c — the Preferences dialog: office identity and backups saved into the
 * database, chart paper and masking into GSettings, all on Save and none on Cancel or on a
 * wrong office code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-backup.h"
#include "gt-window.h"
#include "gui-test.h"

static GtkWidget *
child (GtkWidget *dialog, GType type, const char *name)
{
  GtkWidget *widget = find_widget (dialog, type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
assert_meta (GtWindow *window, const char *key, const char *expected)
{
  g_autofree char *value = gt_storage_get_meta (gt_window_get_storage (window), key);

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_setting (GApplication *app, const char *key, const char *expected)
{
  GSettings *settings = gt_application_get_settings (GT_APPLICATION (app));
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static GtkWidget *
open_preferences (GtWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "preferences", NULL);
  pump ();
  return find_dialog ("GtPreferencesDialog");
}

static gboolean
drive (gpointer user_data)
{
  GApplication *app = user_data;
  GtWindow *window = GT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GSettings *settings = gt_application_get_settings (GT_APPLICATION (app));
  GtkWidget *dialog = open_preferences (window);
  GtkWidget *error_label;

  /* What the demo database says is shown. */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "name_entry"))),
                   ==, "中共常山县青石镇赏石小镇委员会");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "code_entry"))),
                   ==, "330822105");
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (child (dialog, GTK_TYPE_COMBO_BOX, "role_combo"))),
                   ==, "township");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     GTK_SPIN_BUTTON (child (dialog, GTK_TYPE_SPIN_BUTTON, "backup_keep_spin"))),
                   ==, GT_BACKUP_KEEP_DEFAULT);
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (child (dialog, GTK_TYPE_COMBO_BOX, "chart_paper_combo"))),
                   ==, "A1");
  screenshot (dialog, "preferences");

  /* Changes, with a wrong code: Save refuses, nothing is written anywhere. */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (dialog, GTK_TYPE_COMBO_BOX,
                                                     "chart_paper_combo")), "A0");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (dialog, GTK_TYPE_COMBO_BOX,
                                                     "tile_paper_combo")), "A3");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, GTK_TYPE_SPIN_BUTTON,
                                                     "overlap_spin")), 5);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (dialog, GTK_TYPE_CHECK_BUTTON,
                                                          "mask_exports_check")), FALSE);
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "name_entry")), "中共青石镇委员会");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "code_entry")), "3308221");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "backup_folder_entry")),
                      "备份");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, GTK_TYPE_SPIN_BUTTON,
                                                     "backup_keep_spin")), 3);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  error_label = child (dialog, GTK_TYPE_LABEL, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "3308221"));
  screenshot (dialog, "preferences-bad-code");
  assert_meta (window, "office_name", "中共常山县青石镇赏石小镇委员会");
  assert_meta (window, "backup.keep", NULL);
  assert_setting (app, "chart-paper", "A1");

  /* Fixed: everything is saved at once. */
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "code_entry")), "330822");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  assert_meta (window, "office_name", "中共青石镇委员会");
  assert_meta (window, "office_code", "330822");
  assert_meta (window, "backup.keep", "3");
  assert_meta (window, "backup.folder", "备份");
  {
    g_autofree char *folder = gt_backup_get_folder (gt_window_get_storage (window));
    g_autofree char *db_folder = g_path_get_dirname (gt_storage_get_path (
      gt_window_get_storage (window)));
    g_autofree char *expected = g_build_filename (db_folder, "备份", NULL);
    g_assert_cmpstr (folder, ==, expected);
  }
  assert_setting (app, "chart-paper", "A0");
  assert_setting (app, "chart-tile-paper", "A3");
  g_assert_cmpint (g_settings_get_int (settings, "chart-overlap-mm"), ==, 5);
  g_assert_false (g_settings_get_boolean (settings, "mask-exports"));
  /* The window's subtitle follows the new name. */
  {
    GtkWidget *header = find_widget (GTK_WIDGET (window), GTK_TYPE_HEADER_BAR, NULL);
    g_assert_nonnull (strstr (gtk_header_bar_get_subtitle (GTK_HEADER_BAR (header)),
                              "中共青石镇委员会"));
  }

  /* Cancel drops changes of both kinds. */
  dialog = open_preferences (window);
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (child (dialog, GTK_TYPE_COMBO_BOX, "chart_paper_combo"))),
                   ==, "A0");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (dialog, GTK_TYPE_COMBO_BOX,
                                                     "chart_paper_combo")), "A2");
  gtk_entry_set_text (GTK_ENTRY (child (dialog, GTK_TYPE_ENTRY, "name_entry")), "别的名字");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  pump ();
  assert_setting (app, "chart-paper", "A0");
  assert_meta (window, "office_name", "中共青石镇委员会");

  /* The rules dialog is one click away. */
  dialog = open_preferences (window);
  gtk_button_clicked (GTK_BUTTON (child (dialog, GTK_TYPE_BUTTON, "rules_button")));
  pump ();
  gtk_widget_destroy (find_dialog ("GtRulesDialog"));
  gtk_widget_destroy (dialog);

  /* The roster export starts unmasked, as chosen. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "export-roster", NULL);
  pump ();
  dialog = find_dialog ("GtRosterExportDialog");
  g_assert_false (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (child (dialog, GTK_TYPE_CHECK_BUTTON, "mask_check"))));
  gtk_widget_destroy (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_preferences (gconstpointer path)
{
  gui_test_run_app (path, drive, NULL);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL, *path = NULL;
  int rc;

  gui_test_init (&argc, &argv);
  path = gui_test_demo_db ("demo.db", &dir);
  g_test_add_data_func ("/gui/preferences", path, test_preferences);
  rc = g_test_run ();
  gui_test_remove_dir (dir);
  return rc;
}
