/* test-gui-county.c — the county office's screens on a county database holding real signed
 * reports of several townships: the roll-up lists them and flags the missing ones, the
 * period changes what is missing, header clicks sort, the ranking's order is right, Print
 * (exported through GtkPrintOperation) and Export PDF write the summary, the dispatch dialog
 * refuses a bad form and then writes signed packages that verify at each township; then the
 * township side sees the task and acknowledges it, and the acknowledgement reaches the county;
 * the county withdraws it, and the withdrawal reaches the township
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "county-fixture.h"
#include "gt-county-dispatch.h"
#include "gt-county-page.h"
#include "gt-county-report.h"
#include "gt-task-bar.h"
#include "gt-tasks-page.h"
#include "gt-window-role.h"
#include "gt-window.h"
#include "gui-test.h"

static CountyFixture fx;
static char *dispatch_dir;

static GtkTreeModel *
view_model (GtkWidget *root, const char *name)
{
  GtkWidget *view = find_widget (root, GTK_TYPE_TREE_VIEW, name);

  g_assert_nonnull (view);
  return gtk_tree_view_get_model (GTK_TREE_VIEW (view));
}

/* "code:missing" of every row, in the order shown */
static char *
township_rows (GtkTreeModel *model)
{
  GString *out = g_string_new (NULL);
  GtkTreeIter iter;
  gboolean ok;

  for (ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *code = NULL;
      gboolean missing;

      gtk_tree_model_get (model, &iter, GT_COUNTY_TOWNSHIP_CODE, &code,
                          GT_COUNTY_TOWNSHIP_MISSING, &missing, -1);
      g_string_append_printf (out, "%s%s:%d", out->len > 0 ? " " : "", code, missing);
    }
  return g_string_free (out, FALSE);
}

static char *
run_tool (const char *tool, const char *a, const char *b, const char *c)
{
  const char *argv[] = { tool, a, b, c, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
check_ranking (GtkWidget *page)
{
  GtkTreeModel *top = view_model (page, "top_view"), *bottom = view_model (page, "bottom_view");
  gint64 values[2];
  guint best, worst;
  GtkTreeIter iter;
  g_autofree char *place = NULL, *code = NULL;

  gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "rank_combo")),
    "links-per-member");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (page, GTK_TYPE_SPIN_BUTTON,
                                                           "top_spin")), 2);
  pump ();
  for (guint i = 0; i < 2; i++)
    values[i] = county_fixture_links_per_member (&fx, i);
  g_assert_true (values[0] != values[1]);
  best = values[0] > values[1] ? 0 : 1;
  worst = 1 - best;
  /* only the two townships that reported 2026-11 are ranked (not the one whose last report is
   * for 2026-10, not the one that never reported), and each is listed once: top 1, bottom 1 */
  g_assert_cmpint (count_rows (top, NULL), ==, 1);
  g_assert_cmpint (count_rows (bottom, NULL), ==, 1);
  g_assert_true (gtk_tree_model_get_iter_first (top, &iter));
  gtk_tree_model_get (top, &iter, 0, &place, 2, &code, -1);
  g_assert_cmpstr (code, ==, county_codes[best]);
  g_assert_cmpint (atoi (place), ==, 1);
  g_clear_pointer (&place, g_free);
  g_clear_pointer (&code, g_free);
  g_assert_true (gtk_tree_model_get_iter_first (bottom, &iter));
  gtk_tree_model_get (bottom, &iter, 0, &place, 2, &code, -1);
  g_assert_cmpstr (code, ==, county_codes[worst]);
  g_assert_cmpint (atoi (place), ==, 2);
}

static void
check_print_and_pdf (GtkWidget *page)
{
  g_autoptr (GtkPrintOperation) op = gt_county_page_print_operation (GT_COUNTY_PAGE (page));
  g_autoptr (GError) error = NULL;
  g_autofree char *printed = g_build_filename (fx.dir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (fx.dir, "exported.pdf", NULL);
  g_autofree char *info = NULL, *text = NULL;

  g_assert_nonnull (op);
  gtk_print_operation_set_export_filename (op, printed);
  g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  info = run_tool ("pdfinfo", printed, NULL, NULL);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_nonnull (strstr (info, "(A4)"));
  g_assert_true (gt_county_page_export_pdf (GT_COUNTY_PAGE (page), exported, &error));
  g_assert_no_error (error);
  text = run_tool ("pdftotext", "-raw", exported, "-");
  for (guint i = 0; i < COUNTY_N_TOWNSHIPS; i++)
    g_assert_nonnull (strstr (text, county_names[i]));
  /* the missing line, in the language of the run */
  g_assert_nonnull (strstr (text, "2026-11"));
  g_assert_nonnull (strstr (text, g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN")
                                    ? "个未报送" : "have not reported"));
}

static void
check_dispatch (GtkWidget *toplevel, GtkWidget *page)
{
  GtTaskBar *bar = gt_window_get_task_bar (GT_WINDOW (toplevel));
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (toplevel));
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  GtkWidget *dialog;
  GtkTreeModel *tasks;
  GtkTreeIter iter;
  const char *name;
  int waited = 0, files = 0, targets = 0, received = -1;

  dispatch_dir = g_build_filename (fx.dir, "drive", NULL);
  g_assert_cmpint (g_mkdir (dispatch_dir, 0755), ==, 0);
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "dispatch_button")));
  pump ();
  dialog = find_dialog ("GtDispatchDialog");
  /* 4 townships + "all" */
  g_assert_cmpint (count_rows (gtk_combo_box_get_model (GTK_COMBO_BOX (
    find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "target_combo"))), NULL), ==, 5);
  gtk_file_chooser_set_current_folder (
    GTK_FILE_CHOOSER (find_widget (dialog, GTK_TYPE_FILE_CHOOSER_BUTTON, "folder_button")),
    dispatch_dir);
  /* no title: refused, nothing recorded */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_tasks"), ==, 0);
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "title_entry")),
                      "冬季安全生产大检查");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "due_entry")), "2026-13-01");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    find_widget (dialog, GTK_TYPE_TEXT_VIEW, "body_view"))), "请各乡镇于月底前完成自查并报送。", -1);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), "2026-13-01"));
  /* written right but no day: said so, not "write it as YYYY-MM-DD" */
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "due_entry")), "2026-02-30");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), "2026-02-30"));
  g_assert_null (strstr (label_text (dialog, "error_label"), "YYYY"));
  /* already past: said once, nothing issued; the date corrected, issued at once */
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "due_entry")), "2020-01-10");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), "2020-01-10"));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_tasks"), ==, 0);
  {
    /* two weeks and a few days from today, whenever the test runs */
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDateTime) later = g_date_time_add_days (now, 17);
    g_autofree char *due = g_date_time_format (later, "%Y-%m-%d");

    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "due_entry")), due);
  }
  gtk_widget_hide (find_widget (dialog, GTK_TYPE_LABEL, "error_label"));
  pump ();
  screenshot (dialog, "county-dispatch-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  while ((gt_task_bar_is_busy (bar) || waited == 0) && waited++ < 200)
    pump ();
  g_assert_false (gt_task_bar_is_busy (bar));

  /* one signed package per township, each verifies at its township */
  dir = g_dir_open (dispatch_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dispatch_dir, name, NULL);
      gboolean verified = FALSE;

      files++;
      for (guint i = 0; i < COUNTY_N_TOWNSHIPS; i++)
        if (strstr (name, county_codes[i]) != NULL)
          {
            g_autoptr (GtStorage) town = county_open (fx.townships[i]);
            g_autoptr (GtExchangeResult) result = gt_exchange_verify_file (town, path, &error);

            g_assert_no_error (error);
            g_assert_cmpint (result->kind, ==, GT_EXCHANGE_KIND_DISPATCH);
            g_assert_cmpuint (result->claimed[GT_EXCHANGE_TASK], ==, 1);
            verified = TRUE;
          }
      g_assert_true (verified);
    }
  g_assert_cmpint (files, ==, COUNTY_N_TOWNSHIPS);
  g_assert_nonnull (find_widget (GTK_WIDGET (gt_window_get_banner_box (GT_WINDOW (toplevel))),
                                 GTK_TYPE_INFO_BAR, NULL));

  /* the issued task is listed with its acknowledgements */
  pump ();
  tasks = view_model (page, "tasks_view");
  g_assert_cmpint (count_rows (tasks, NULL), ==, 1);
  g_assert_true (gtk_tree_model_get_iter_first (tasks, &iter));
  gtk_tree_model_get (tasks, &iter, GT_COUNTY_TASK_TARGETS, &targets, GT_COUNTY_TASK_RECEIVED,
                      &received, -1);
  g_assert_cmpint (targets, ==, COUNTY_N_TOWNSHIPS);
  g_assert_cmpint (received, ==, 0);
}

static void import_dispatch (void);
static void send_ack_back (void);
static void check_township (GtkWindow *toplevel);
static void check_withdraw (GtkWindow *toplevel, GtkWidget *page);

static gboolean
drive_county (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK, "stack"));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "county");
  GtkTreeModel *model;
  g_autofree char *rows = NULL;
  GtkTreeViewColumn *column;

  /* a county sees the roll-up, not the township's task list */
  g_assert_true (gtk_widget_get_visible (page));
  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (stack, "tasks")));
  /* its own (empty) member list says where the townships' members are; its button opens
   * the roll-up, which has no banner */
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "members"));
  pump ();
  g_assert_nonnull (gt_window_role_get_banner (GT_WINDOW (toplevel)));
  screenshot (GTK_WIDGET (toplevel), "county-members-banner");
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "show-page",
                                  g_variant_new_string ("county"));
  pump ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "county");
  g_assert_null (gt_window_role_get_banner (GT_WINDOW (toplevel)));
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "county"));
  pump ();
  model = view_model (page, "township_view");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (
    find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "period_combo"))), ==, "2026-11");
  rows = township_rows (model);
  g_assert_cmpstr (rows, ==, "330822101:0 330822102:0 330822103:1 330822104:1");
  g_assert_true (gtk_widget_get_visible (find_widget (page, GTK_TYPE_LABEL, "missing_label")));
  g_assert_nonnull (strstr (label_text (page, "missing_label"), "金川街道 (330822103)"));
  g_assert_nonnull (strstr (label_text (page, "missing_label"), "芳村镇 (330822104)"));
  screenshot (GTK_WIDGET (toplevel), "county-page");
  {
    /* every column fits at 1366 × 768 (the window's default size): nothing to scroll to the
     * side, in English as in Chinese; the full titles stay the columns' titles */
    GtkWidget *view = find_widget (page, GTK_TYPE_TREE_VIEW, "township_view");
    GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

    g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h));
    g_assert_cmpstr (gtk_tree_view_column_get_title (gtk_tree_view_get_column (
      GTK_TREE_VIEW (view), 11)), ==, _("Meetings held"));
  }

  /* an older period: the township that reported only then is the one present */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "period_combo")), "2026-10");
  pump ();
  g_free (rows);
  rows = township_rows (model);
  g_assert_cmpstr (rows, ==, "330822101:1 330822102:1 330822103:0 330822104:1");
  /* one township ranked: no empty "Bottom 0" list beside it */
  g_assert_cmpint (count_rows (view_model (page, "top_view"), NULL), ==, 1);
  g_assert_false (gtk_widget_get_visible (
    gtk_widget_get_parent (find_widget (page, GTK_TYPE_TREE_VIEW, "bottom_view"))));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "period_combo")), "2026-11");
  pump ();
  /* ranked by members, the two that reported 2026-11 have the same 215: both first, in the
   * top list, none left for a bottom list */
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (
    find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "rank_combo"))), ==, "members");
  {
    GtkTreeModel *top = view_model (page, "top_view");
    GtkTreeIter iter;
    gboolean more = gtk_tree_model_get_iter_first (top, &iter);

    g_assert_cmpint (count_rows (top, NULL), ==, 2);
    for (; more; more = gtk_tree_model_iter_next (top, &iter))
      {
        g_autofree char *place = NULL;

        gtk_tree_model_get (top, &iter, 0, &place, -1);
        g_assert_cmpstr (place, ==, "1");
      }
  }
  g_assert_false (gtk_widget_get_visible (
    gtk_widget_get_parent (find_widget (page, GTK_TYPE_TREE_VIEW, "bottom_view"))));

  /* clicking the header sorts: links per member, ascending then descending */
  column = gtk_tree_view_get_column (GTK_TREE_VIEW (find_widget (page, GTK_TYPE_TREE_VIEW,
                                                                 "township_view")), 8);
  g_assert_cmpstr (gtk_tree_view_column_get_title (column), ==, _("Links per member"));
  gtk_tree_view_column_clicked (column);
  pump ();
  g_free (rows);
  rows = township_rows (model);
  {
    /* the others by their own figures, then 104: no records, no figure ("—") */
    gint64 v[3];
    for (guint i = 0; i < 3; i++)
      v[i] = county_fixture_links_per_member (&fx, i);
    g_assert_true (v[0] < v[1] && v[1] < v[2]);
    g_assert_cmpstr (rows, ==, "330822101:0 330822102:0 330822103:1 330822104:1");
  }
  gtk_tree_view_column_clicked (column);
  pump ();
  g_free (rows);
  rows = township_rows (model);
  /* descending, "—" stays last */
  g_assert_cmpstr (rows, ==, "330822103:1 330822102:0 330822101:0 330822104:1");

  check_ranking (page);
  screenshot (GTK_WIDGET (toplevel), "county-ranking");
  check_print_and_pdf (page);
  check_dispatch (GTK_WIDGET (toplevel), page);
  screenshot (GTK_WIDGET (toplevel), "county-dispatched");
  import_dispatch ();
  g_assert_true (gt_window_open_database (GT_WINDOW (toplevel), fx.townships[1], FALSE));
  pump ();
  check_township (toplevel);
  send_ack_back ();
  g_assert_true (gt_window_open_database (GT_WINDOW (toplevel), fx.county, FALSE));
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "county"));
  pump ();
  pump ();
  pump ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "county");
  {
    GtkTreeModel *tasks = view_model (page, "tasks_view");
    GtkTreeIter iter;
    int received = -1, done = -1;

    g_assert_true (gtk_tree_model_get_iter_first (tasks, &iter));
    gtk_tree_model_get (tasks, &iter, GT_COUNTY_TASK_RECEIVED, &received, GT_COUNTY_TASK_DONE,
                        &done, -1);
    g_assert_cmpint (received, ==, 1);
    g_assert_cmpint (done, ==, 1);
  }
  screenshot (GTK_WIDGET (toplevel), "county-acknowledged");
  check_withdraw (toplevel, page);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* The township's side, in the same window after opening the township's database. */
static void
check_township (GtkWindow *toplevel)
{
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK, "stack"));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "tasks");
  GtStorage *storage = gt_window_get_storage (GT_WINDOW (toplevel));
  GtkTreeView *view;
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autofree char *status = NULL;

  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (stack, "county")));
  /* A township has no roll-up to show, and says so (guatu --page=county). */
  g_assert_false (gt_window_show_page (GT_WINDOW (toplevel), "county"));
  g_assert_true (gt_window_has_page (GT_WINDOW (toplevel), "county"));
  g_assert_true (gtk_widget_get_visible (page));
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "tasks"));
  pump ();
  view = GTK_TREE_VIEW (find_widget (page, GTK_TYPE_TREE_VIEW, "tasks_view"));
  model = gtk_tree_view_get_model (view);
  g_assert_cmpint (count_rows (model, NULL), ==, 1);
  g_assert_false (gtk_widget_get_visible (find_widget (page, GTK_TYPE_LABEL, "empty_label")));
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_selection_select_iter (gtk_tree_view_get_selection (view), &iter);
  pump ();
  g_assert_cmpstr (label_text (page, "body_label"), ==, "请各乡镇于月底前完成自查并报送。");
  g_assert_true (gtk_widget_get_sensitive (find_widget (page, GTK_TYPE_BUTTON,
                                                        "received_button")));
  screenshot (GTK_WIDGET (toplevel), "county-township-tasks");
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "done_button")));
  pump ();
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, GT_TASKS_STATUS_ID, &status, -1);
  g_assert_cmpstr (status, ==, "done");
  /* still selected after the reload: the text stays, "done" cannot be pressed again */
  g_assert_cmpstr (label_text (page, "body_label"), ==, "请各乡镇于月底前完成自查并报送。");
  g_assert_false (gtk_widget_get_sensitive (find_widget (page, GTK_TYPE_BUTTON, "done_button")));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM ex_acks WHERE status"
                                             " = 'done'"), ==, 1);
  screenshot (GTK_WIDGET (toplevel), "county-township-done");
}

/* Township 1 imports the package written for it. */
static void
import_dispatch (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *package = NULL;
  g_autoptr (GDir) dir = g_dir_open (dispatch_dir, 0, &error);
  g_autoptr (GtStorage) town = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, county_codes[1]) != NULL)
      package = g_build_filename (dispatch_dir, name, NULL);
  g_assert_nonnull (package);
  town = county_open (fx.townships[1]);
  result = gt_exchange_import (town, package, GT_EXCHANGE_IMPORT_NO_BACKUP,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->applied);
}

/* The township's acknowledgement travels back to the county in an ack package. */
static void
send_ack_back (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ack = g_build_filename (fx.dir, "ack.xml", NULL);
  g_autoptr (GtStorage) town = county_open (fx.townships[1]);
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GtExchangeResult) result = NULL;
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_ACK, NULL, NULL, NULL, FALSE, NULL };

  g_assert_true (gt_exchange_export (town, ack, &options, NULL, &error));
  g_assert_no_error (error);
  result = gt_exchange_import (county, ack, GT_EXCHANGE_IMPORT_NO_BACKUP,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->claimed[GT_EXCHANGE_ACK], ==, 1);
}

/* Every column of @view's row @iter is greyed when @withdrawn, and struck through as well
 * but for the one showing @status (which says the task is withdrawn); none is when not. */
static void
check_withdrawn_style (GtkTreeView *view, GtkTreeIter *iter, const char *status,
                       gboolean withdrawn)
{
  GtkTreeModel *model = gtk_tree_view_get_model (view);
  int n_columns = (int) gtk_tree_view_get_n_columns (view), status_columns = 0;

  g_assert_cmpint (n_columns, >, 1);
  for (int i = 0; i < n_columns; i++)
    {
      GtkTreeViewColumn *column = gtk_tree_view_get_column (view, i);
      g_autoptr (GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (column));
      g_autofree char *text = NULL;
      gboolean struck = FALSE, grey = FALSE;

      g_assert_cmpuint (g_list_length (cells), ==, 1);
      gtk_tree_view_column_cell_set_cell_data (column, model, iter, FALSE, FALSE);
      g_object_get (cells->data, "text", &text, "strikethrough-set", &struck,
                    "foreground-set", &grey, NULL);
      g_assert_cmpint (grey, ==, withdrawn);
      if (g_strcmp0 (text, status) == 0)
        {
          status_columns++;
          g_assert_false (struck);
        }
      else
        g_assert_cmpint (struck, ==, withdrawn);
    }
  g_assert_cmpint (status_columns, ==, 1);
}

/* The county withdraws the task (Withdraw…, asked first, with a reason): it is shown
 * withdrawn and counts nothing; the next dispatch package carries it down, and the
 * township's list shows it withdrawn and asks for no acknowledgement. */
static void
check_withdraw (GtkWindow *toplevel, GtkWidget *page)
{
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK, "stack"));
  GtkTreeView *view = GTK_TREE_VIEW (find_widget (page, GTK_TYPE_TREE_VIEW, "tasks_view"));
  GtkWidget *button = find_widget (page, GTK_TYPE_BUTTON, "withdraw_button");
  GtkTreeModel *tasks = gtk_tree_view_get_model (view);
  g_autofree char *acks = NULL, *package = g_build_filename (fx.dir, "withdrawn.xml", NULL);
  g_autofree char *status = NULL, *today = gt_today ();
  g_autofree char *withdrawn_status = g_strdup_printf (_("Withdrawn on %s"), today);
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog, *township;
  GtkTreeIter iter;
  gboolean withdrawn = FALSE;
  int received = -1;

  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_tree_model_get_iter_first (tasks, &iter));
  gtk_tree_model_get (tasks, &iter, GT_COUNTY_TASK_ACKS, &acks, -1);
  check_withdrawn_style (view, &iter, acks, FALSE);
  g_clear_pointer (&acks, g_free);
  gtk_tree_selection_select_iter (gtk_tree_view_get_selection (view), &iter);
  pump ();
  g_assert_true (gtk_widget_get_sensitive (button));
  /* asked first: Cancel changes nothing */
  gtk_button_clicked (GTK_BUTTON (button));
  pump ();
  dialog = find_dialog ("GtkMessageDialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  pump ();
  g_assert_cmpint (gui_test_scalar (gt_window_get_storage (GT_WINDOW (toplevel)),
                                    "SELECT count(*) FROM ex_tasks WHERE withdrawn_on"
                                    " IS NOT NULL"), ==, 0);
  gtk_button_clicked (GTK_BUTTON (button));
  pump ();
  dialog = find_dialog ("GtkMessageDialog");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "reason_entry")),
                      "完成时限写错，另行下发");
  screenshot (dialog, "county-withdraw-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  pump ();
  pump ();
  g_assert_null (shown_dialog ("GtkMessageDialog"));
  g_assert_true (gtk_tree_model_get_iter_first (tasks, &iter));
  gtk_tree_model_get (tasks, &iter, GT_COUNTY_TASK_WITHDRAWN, &withdrawn, GT_COUNTY_TASK_ACKS,
                      &acks, GT_COUNTY_TASK_RECEIVED, &received, -1);
  g_assert_true (withdrawn);
  g_assert_cmpint (received, ==, 0);
  g_assert_nonnull (strstr (acks, today));
  check_withdrawn_style (view, &iter, acks, TRUE);
  g_assert_false (gtk_widget_get_sensitive (button));
  screenshot (GTK_WIDGET (toplevel), "county-withdrawn");

  /* the next package carries it; at township 2, which had not acknowledged it (township 1
   * marked it done above), the list shows it withdrawn and it can no longer be
   * acknowledged */
  {
    g_autoptr (GtStorage) county = county_open (fx.county);
    g_autoptr (GtStorage) town = county_open (fx.townships[2]);
    g_autoptr (GtExchangeResult) result = NULL;
    GtExchangeExportOptions options = { GT_EXCHANGE_KIND_DISPATCH, NULL, county_codes[2], NULL,
                                        FALSE, NULL };

    g_assert_true (gt_exchange_export (county, package, &options, NULL, &error));
    g_assert_no_error (error);
    result = gt_exchange_import (town, package, GT_EXCHANGE_IMPORT_NO_BACKUP,
                                 GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_NEW] +
                        result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_UPDATED], ==, 1);
  }
  g_assert_true (gt_window_open_database (GT_WINDOW (toplevel), fx.townships[2], FALSE));
  pump ();
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "tasks"));
  pump ();
  township = gtk_stack_get_child_by_name (stack, "tasks");
  view = GTK_TREE_VIEW (find_widget (township, GTK_TYPE_TREE_VIEW, "tasks_view"));
  tasks = gtk_tree_view_get_model (view);
  g_assert_true (gtk_tree_model_get_iter_first (tasks, &iter));
  gtk_tree_selection_select_iter (gtk_tree_view_get_selection (view), &iter);
  pump ();
  gtk_tree_model_get (tasks, &iter, GT_TASKS_WITHDRAWN, &withdrawn, GT_TASKS_STATUS, &status,
                      -1);
  g_assert_true (withdrawn);
  g_assert_cmpstr (status, ==, withdrawn_status);
  check_withdrawn_style (view, &iter, status, TRUE);
  g_assert_nonnull (strstr (label_text (township, "body_label"), "完成时限写错，另行下发"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (township, GTK_TYPE_BUTTON,
                                                         "received_button")));
  g_assert_false (gtk_widget_get_sensitive (find_widget (township, GTK_TYPE_BUTTON,
                                                         "done_button")));
  screenshot (GTK_WIDGET (toplevel), "county-township-withdrawn");
}

/* One application run per process (GLib sets the application name once). */
static void
test_county (void)
{
  gui_test_run_app (fx.county, drive_county, NULL);
}

int
main (int argc, char **argv)
{
  int status;

  gui_test_init (&argc, &argv);
  county_fixture_build (&fx);
  g_test_add_func ("/gui/county", test_county);
  status = g_test_run ();
  county_fixture_free (&fx);
  g_free (dispatch_dir);
  return status;
}
