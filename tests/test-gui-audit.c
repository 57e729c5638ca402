/* test-gui-audit.c — the Audit Log dialog: opening the database is recorded with the
 * operator, a change made in the app shows up, search narrows the list, export writes CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-audit-dialog.h"
#include "gt-org.h"
#include "gt-window.h"
#include "gui-test.h"

typedef struct
{
  char *dir;
} Test;

static gboolean
drive_audit (gpointer user_data)
{
  GApplication *app = user_data;
  Test *test = g_object_get_data (G_OBJECT (app), "test-data");
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (toplevel));
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = g_build_filename (test->dir, "audit.csv", NULL);
  g_autofree char *text = NULL;
  GtAuditDialog *dialog;
  guint all;

  pump ();
  g_assert_true (gt_org_rename (storage, 7, "青石村党支部（审计）", "2026-11-20", &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "audit-log", NULL);
  pump ();
  dialog = GT_AUDIT_DIALOG (find_dialog ("GtAuditDialog"));
  all = gt_audit_dialog_get_n_rows (dialog);
  /* The demo in bulk, the opening by 测试员, the rename and its history event. */
  g_assert_cmpuint (all, >=, 4);
  screenshot (GTK_WIDGET (dialog), "audit-log");

  gt_audit_dialog_set_search (dialog, "测试员");
  g_assert_cmpuint (gt_audit_dialog_get_n_rows (dialog), >=, 1);
  g_assert_cmpuint (gt_audit_dialog_get_n_rows (dialog), <, all);
  gt_audit_dialog_set_search (dialog, "（审计）");
  g_assert_cmpuint (gt_audit_dialog_get_n_rows (dialog), ==, 2);

  g_assert_true (gt_audit_dialog_export (dialog, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "青石村党支部（审计）"));
  g_assert_nonnull (strstr (text, "测试员"));

  /* Escape in the search box, which has the focus: the first clears the search, the
   * second closes the dialog. */
  {
    GtkWidget *entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY, "search_entry");
    GtkWidget *gone = GTK_WIDGET (dialog);

    g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
    g_signal_emit_by_name (entry, "stop-search");
    pump ();
    g_assert_nonnull (gone);
    g_assert_cmpuint (gt_audit_dialog_get_n_rows (dialog), ==, all);
    g_signal_emit_by_name (entry, "stop-search");
    pump ();
    g_assert_null (gone);
  }
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_audit_log (void)
{
  Test test = { 0 };
  g_autofree char *path = gui_test_demo_db ("audit.db", &test.dir);

  g_setenv ("GUATU_OPERATOR", "测试员", TRUE);
  gui_test_run_app (path, drive_audit, &test);
  gui_test_remove_dir (test.dir);
  g_free (test.dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/audit-log", test_audit_log);
  return g_test_run ();
}
