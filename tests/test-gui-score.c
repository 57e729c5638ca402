/* test-gui-score.c — the points and ratings area under Xvfb: the demo's published half-year,
 * a row's explanation, Compute (a new unpublished set), Publish, the fortress index and the
 * red/black list, the chart drawn on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gt-score-page.h"
#include "gt-window.h"
#include "gui-test.h"

static char *
explanation (GtkWidget *page)
{
  GtkTextView *view = GTK_TEXT_VIEW (find_widget (page, GTK_TYPE_TEXT_VIEW, "explanation_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The page reads and computes in a worker thread: wait until it has shown the result. */
static void
settle (GtkWidget *page)
{
  while (gt_score_page_is_busy (GT_SCORE_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
drive_score (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean zh = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
  GtkWidget *page, *view, *kind, *period, *published;
  GtkTreeModel *model;
  GtkTreePath *path;
  GtStorage *storage;
  g_autofree char *text = NULL;
  gint64 active;

  g_assert_true (GT_IS_WINDOW (toplevel));
  gtk_window_resize (toplevel, 1366, 740);
  pump ();
  storage = gt_window_get_storage (GT_WINDOW (toplevel));
  gtk_stack_set_transition_type (GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK,
                                                         NULL)), GTK_STACK_TRANSITION_TYPE_NONE);
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "points"));
  pump ();
  page = find_widget (GTK_WIDGET (toplevel), GT_TYPE_SCORE_PAGE, NULL);
  g_assert_nonnull (page);
  settle (page);
  view = find_widget (page, GTK_TYPE_TREE_VIEW, "tree_view");
  kind = find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "kind_combo");
  period = find_widget (page, GTK_TYPE_ENTRY, "period_entry");
  published = find_widget (page, GTK_TYPE_CHECK_BUTTON, "published_check");
  model = gtk_tree_view_get_model (GTK_TREE_VIEW (view));
  active = gui_test_scalar (storage, "SELECT count(*) FROM members WHERE status = 'active'");

  /* the demo's published half-year evaluation */
  gtk_entry_set_text (GTK_ENTRY (period), "2026-H1");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (published), TRUE);
  pump ();
  settle (page);
  g_assert_cmpint (count_rows (model, NULL), ==, active);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_widget (page, GTK_TYPE_LABEL,
                                                                         "status_label"))),
                            zh ? "公布" : "published"));
  path = gtk_tree_path_new_first ();
  gtk_tree_selection_select_path (gtk_tree_view_get_selection (GTK_TREE_VIEW (view)), path);
  gtk_tree_path_free (path);
  pump ();
  settle (page);
  text = explanation (page);
  g_assert_nonnull (strstr (text, "→"));
  g_assert_nonnull (strstr (text, zh ? "基本" : "basic"));
  screenshot (GTK_WIDGET (toplevel), "score-published");

  /* Compute the third quarter: a stored, unpublished set; then publish it */
  gtk_entry_set_text (GTK_ENTRY (period), "2026-Q3");
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "compute_button")));
  pump ();
  settle (page);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (published)));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM score_runs WHERE period = '2026-Q3'"
                                   " AND published = 0"), ==, 1);
  /* stored by the page's worker, in the operator's name like every change from the window */
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM audit_log a WHERE a.table_name ="
                                   " 'score_runs' AND a.action = 'insert' AND a.operator <> ''"
                                   " AND a.operator = (SELECT operator FROM audit_log"
                                   " WHERE action = 'open' ORDER BY id DESC LIMIT 1)"
                                   " AND a.program = (SELECT program FROM audit_log"
                                   " WHERE action = 'open' ORDER BY id DESC LIMIT 1)"), >=, 1);
  g_assert_cmpint (count_rows (model, NULL), ==, active);
  g_assert_true (gtk_widget_get_sensitive (find_widget (page, GTK_TYPE_BUTTON, "publish_button")));
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "publish_button")));
  pump ();
  settle (page);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM score_runs WHERE period = '2026-Q3'"
                                   " AND published = 1"), ==, 1);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (published)));
  g_assert_false (gtk_widget_get_sensitive (find_widget (page, GTK_TYPE_BUTTON, "publish_button")));

  /* the red/black list of the current quarter's default, then of 2026-Q3 */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (kind), "redblack");
  pump ();
  settle (page);
  g_assert_nonnull (strstr (gtk_entry_get_text (GTK_ENTRY (period)), "-Q"));
  gtk_entry_set_text (GTK_ENTRY (period), "2026-Q3");
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "compute_button")));
  pump ();
  settle (page);
  g_assert_cmpint (count_rows (model, NULL), >, 10);
  screenshot (GTK_WIDGET (toplevel), "score-redblack");

  /* the fortress index of 2026: every branch rated */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (kind), "fortress");
  pump ();
  settle (page);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (period)), ==, "2026");
  g_assert_cmpint (count_rows (model, NULL), >=, 10);
  screenshot (GTK_WIDGET (toplevel), "score-fortress");

  /* the rules dialog: 末位警示 share 0.05 → 0.25 makes rules version 2 */
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "rules_button")));
  pump ();
  settle (page);
  {
    GtkWidget *dialog = find_dialog ("GtScoreRulesDialog");
    GtkWidget *spin;

    g_assert_nonnull (dialog);
    spin = find_widget (dialog, GTK_TYPE_SPIN_BUTTON, "member.bottom_share");
    g_assert_nonnull (spin);
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 0.05);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0.25);
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "note_entry")), "年度考评");
    screenshot (dialog, "score-rules-dialog");
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
  settle (page);
  }
  g_assert_cmpint (gui_test_scalar (storage, "SELECT max (version) FROM score_rule_sets WHERE current = 1"),
                   ==, 2);
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM score_rule_sets WHERE note = '年度考评'"),
                   ==, 1);

  /* a bad period says so and shows nothing */
  gtk_entry_set_text (GTK_ENTRY (period), "2026-Q9");
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "compute_button")));
  pump ();
  settle (page);
  g_assert_cmpint (count_rows (model, NULL), ==, 0);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_widget (page, GTK_TYPE_LABEL,
                                                                         "status_label"))),
                            "2026-Q9"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_score_page (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("score.db", &dir);

  gui_test_run_app (path, drive_score, NULL);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/score-page", test_score_page);
  return g_test_run ();
}
