/* test-gui-develop.c — the development area: the pipeline board with its due and overdue
 * highlights, the step dialog (a refusal stays in the dialog, a step is recorded), the
 * transfers tab and its letter printed through GtkPrintOperation to a PDF, the statistics
 * with their names and the PDF export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gt-develop-page.h"
#include "gt-develop.h"
#include "gt-transfer.h"
#include "gt-window.h"
#include "gui-test.h"

static gboolean
has_class (GtkWidget *widget, const char *name)
{
  return gtk_style_context_has_class (gtk_widget_get_style_context (widget), name);
}

static gboolean
drive_develop (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean zh = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
  GtkWidget *page, *board, *column, *row, *label, *dialog;
  GtStorage *storage;
  gint64 wang, steps, transfer = 0;
  g_autofree char *dir = g_dir_make_tmp ("guatu-gui-develop-XXXXXX", NULL);
  g_autofree char *letter = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *stats = g_build_filename (dir, "stats.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (GT_IS_WINDOW (toplevel));
  gtk_window_resize (toplevel, 1366, 740);
  storage = gt_window_get_storage (GT_WINDOW (toplevel));
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "show-page",
                                  g_variant_new_string ("develop"));
  pump ();
  page = find_widget (GTK_WIDGET (toplevel), GT_TYPE_DEVELOP_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  gt_develop_page_set_today (GT_DEVELOP_PAGE (page), "2026-12-05");
  for (int i = 0; i < 4; i++)
    pump ();

  /* five columns, one per stage; 刘芳's talk (due 2026-10-10) is overdue, in error style */
  board = find_widget (page, GTK_TYPE_BOX, "board_box");
  {
    g_autoptr (GList) columns = gtk_container_get_children (GTK_CONTAINER (board));
    g_assert_cmpuint (g_list_length (columns), ==, 5);
  }
  column = find_widget (board, GTK_TYPE_BOX, "applicant");
  row = find_widget (column, GTK_TYPE_LIST_BOX_ROW, "刘芳");
  g_assert_nonnull (row);
  label = find_widget (row, GTK_TYPE_LABEL, "overdue");
  g_assert_nonnull (label);
  g_assert_true (has_class (label, "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "2026-10-10"));
  /* 王晓峰's talk is due this month (2026-12-05): warning style */
  row = find_widget (column, GTK_TYPE_LIST_BOX_ROW, "王晓峰");
  label = find_widget (row, GTK_TYPE_LABEL, "due");
  g_assert_true (has_class (label, "warning"));
  g_assert_nonnull (find_widget (find_widget (board, GTK_TYPE_BOX, "full"), GTK_TYPE_LIST_BOX_ROW,
                                 NULL));
  if (zh)
    {
      GtkWidget *candidates = find_widget (board, GTK_TYPE_BOX, "candidate");
      g_autoptr (GList) parts = gtk_container_get_children (GTK_CONTAINER (candidates));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (parts->data)), "发展对象"));
    }
  screenshot (GTK_WIDGET (toplevel), "develop-board");

  /* the step dialog: a talk without the talker is refused in the dialog */
  wang = gui_test_scalar (storage, "SELECT id FROM applicants WHERE name = '王晓峰'");
  steps = gui_test_scalar (storage, "SELECT count(*) FROM develop_steps");
  g_assert_true (gt_develop_page_select_applicant (GT_DEVELOP_PAGE (page), wang));
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "step_button")));
  pump ();
  dialog = find_dialog ("GtkDialog");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     find_widget (dialog, GTK_TYPE_SPIN_BUTTON, "step_spin"))), ==, 2);
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                      "2026-11-20");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM develop_steps"), ==, steps);
  screenshot (dialog, "develop-step-refused");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "talker_entry")), "余土根");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM develop_steps"), ==,
                   steps + 1);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT max (step) FROM develop_steps d"
                                             " JOIN applicants a ON a.id = d.applicant_id"
                                             " WHERE a.name = '王晓峰'"), ==, 2);
  /* the board followed: no talk due for 王晓峰 any more */
  row = find_widget (find_widget (board, GTK_TYPE_BOX, "applicant"), GTK_TYPE_LIST_BOX_ROW,
                     "王晓峰");
  g_assert_null (find_widget (row, GTK_TYPE_LABEL, "due"));

  /* the talk was recorded on the wrong day: withdrawn in the step dialog, which then offers
   * it again; the application itself is not withdrawn */
  g_assert_true (gt_develop_page_select_applicant (GT_DEVELOP_PAGE (page), wang));
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "step_button")));
  pump ();
  dialog = find_dialog ("GtkDialog");
  g_assert_nonnull (strstr (label_text (dialog, "last_label"), "2026-11-20"));
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "withdraw_button")));
  pump ();
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM develop_steps"), ==, steps);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     find_widget (dialog, GTK_TYPE_SPIN_BUTTON, "step_spin"))), ==, 2);
  g_assert_false (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  screenshot (dialog, "develop-step-withdrawn");
  /* the application is left: nothing more to withdraw */
  g_assert_false (gtk_widget_get_sensitive (find_widget (dialog, GTK_TYPE_BUTTON,
                                                         "withdraw_button")));
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                      "2026-11-21");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "talker_entry")), "余土根");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM develop_steps d"
                                             " JOIN applicants a ON a.id = d.applicant_id"
                                             " WHERE a.name = '王晓峰' AND d.step = 2"
                                             " AND d.date = '2026-11-21'"), ==, 1);

  /* a new applicant: too young is refused in the dialog; then added to the board */
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "add_button")));
  pump ();
  dialog = find_dialog ("GtkDialog");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")), "新申请人");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "birth_entry")),
                      "2008-02-29");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "applied_entry")),
                      "2026-02-28");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), "2026-03-01"));
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "applied_entry")),
                      "2026-03-01");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_nonnull (find_widget (find_widget (board, GTK_TYPE_BOX, "applicant"),
                                 GTK_TYPE_LIST_BOX_ROW, "新申请人"));

  /* transfers: a letter out appears; printed through the print operation into a PDF */
  {
    GtTransferOutSpec spec = { .member = "1", .to_org = "中共江山市某镇委员会",
                               .date = "2026-10-01" };
    GtkNotebook *notebook = GTK_NOTEBOOK (find_widget (page, GTK_TYPE_NOTEBOOK, "notebook"));
    g_autoptr (GtkPrintOperation) op = NULL;
    g_autofree char *cmd = NULL, *text = NULL, *info = NULL;

    gtk_notebook_set_current_page (notebook, 1);
    pump ();
    /* the dialog refuses an unknown member and stays open; then issues the letter */
    gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "transfer_button")));
    pump ();
    dialog = find_dialog ("GtkDialog");
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "member_entry")), "99999");
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "to_entry")), spec.to_org);
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")), spec.date);
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
    g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM transfers"), ==, 0);
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "member_entry")),
                        spec.member);
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    transfer = gui_test_scalar (storage, "SELECT id FROM transfers");
    g_assert_cmpint (transfer, >, 0);
    /* printing or saving the letter is offered at once; later here */
    gtk_dialog_response (GTK_DIALOG (find_dialog ("GtkMessageDialog")), GTK_RESPONSE_CLOSE);
    pump ();
    g_assert_null (shown_dialog ("GtkMessageDialog"));
    g_assert_cmpint (gui_test_scalar (storage, "SELECT valid_days FROM transfers"), ==, 30);
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (
                       find_widget (page, GTK_TYPE_TREE_VIEW, "transfers_view"))), NULL), ==, 1);
    g_assert_nonnull (strstr (label_text (page, "transfers_label"), "1"));
    screenshot (GTK_WIDGET (toplevel), "develop-transfers");
    op = gt_develop_page_letter_operation (GT_DEVELOP_PAGE (page), transfer);
    g_assert_nonnull (op);
    gtk_print_operation_set_export_filename (op, letter);
    g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                              &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    cmd = g_strdup_printf ("pdfinfo '%s'", letter);
    info = gui_test_run (cmd);
    g_assert_nonnull (strstr (info, "Pages:           1"));
    g_free (cmd);
    cmd = g_strdup_printf ("pdftotext '%s' -", letter);
    text = gui_test_run (cmd);
    g_assert_nonnull (strstr (text, "中共江山市某镇委员会"));
    g_assert_nonnull (strstr (text, "2026-001"));
    if (zh)
      g_assert_nonnull (strstr (text, "存根"));

    /* statistics: 2026's tables, a row's names, the PDF */
    gtk_notebook_set_current_page (notebook, 2);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (page, GTK_TYPE_SPIN_BUTTON,
                                                             "year_spin")), 2026);
    pump ();
    {
      GtkTreeView *view = GTK_TREE_VIEW (find_widget (page, GTK_TYPE_TREE_VIEW, "stats_view"));
      g_autoptr (GtkTreePath) path = gtk_tree_path_new_from_string ("0:0");
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      /* the tables are computed in a worker thread */
      while (gtk_tree_model_iter_n_children (gtk_tree_view_get_model (view), NULL) == 0 &&
             g_get_monotonic_time () < deadline)
        pump ();

      g_assert_cmpint (gtk_tree_model_iter_n_children (gtk_tree_view_get_model (view), NULL), ==,
                       11);
      gtk_tree_selection_select_path (gtk_tree_view_get_selection (view), path);
      pump ();
      g_assert_cmpuint (strlen (label_text (page, "names_label")), >, 0);
    }
    screenshot (GTK_WIDGET (toplevel), "develop-statistics");
    g_assert_true (gt_develop_page_export_statistics (GT_DEVELOP_PAGE (page), stats, &error));
    g_free (cmd);
    g_free (info);
    cmd = g_strdup_printf ("pdfinfo '%s'", stats);
    info = gui_test_run (cmd);
    g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  }
  g_unlink (letter);
  g_unlink (stats);
  g_rmdir (dir);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_develop_page (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("develop.db", &dir);

  gui_test_run_app (path, drive_develop, NULL);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/develop-page", test_develop_page);
  return g_test_run ();
}
