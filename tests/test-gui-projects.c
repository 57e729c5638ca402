/* test-gui-projects.c — the 挂图作战 project library in the window: the list with status
 * colours from the legend and its filters, adding a project in the dialog (it gets its
 * number), adding a milestone and ticking it off (销号) so the project closes, a supervision
 * check, a snapshot and the changes since it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gt-project-dialog.h"
#include "gt-project.h"
#include "gt-window.h"
#include "gui-test.h"

static GtkTreeModel *
projects_model (GtkWidget *page)
{
  return gtk_tree_view_get_model (GTK_TREE_VIEW (find_widget (page, GTK_TYPE_TREE_VIEW,
                                                              "tree_view")));
}

static void
set_text (GtkWidget *dialog, const char *name, const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, name)), text);
}

static void
click (GtkWidget *root, const char *name)
{
  gtk_button_clicked (GTK_BUTTON (find_widget (root, GTK_TYPE_BUTTON, name)));
  pump ();
}

/* The status column's colour and text of the row of project @number. */
static gboolean
row_of (GtkTreeModel *model, const char *number, char **status, char **background)
{
  GtkTreeIter iter;

  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *n = NULL;

      gtk_tree_model_get (model, &iter, 0, &n, -1);
      if (g_strcmp0 (n, number) == 0)
        {
          gtk_tree_model_get (model, &iter, 10, status, 11, background, -1);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
drive_projects (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean zh = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
  g_autoptr (GPtrArray) legend = NULL, overdue = NULL;
  g_autoptr (GtProjectInfo) added = NULL;
  g_autofree char *status = NULL, *background = NULL, *expected = NULL, *number = NULL;
  GtkWidget *page, *dialog, *view, *notebook, *diff;
  GtkTreeModel *model;
  GtStorage *storage;
  gint64 id, n_before, n_snapshots;
  const GtLegendEntry *entry;

  g_assert_true (GT_IS_WINDOW (toplevel));
  gtk_window_resize (toplevel, 1366, 740);
  pump ();
  storage = gt_window_get_storage (GT_WINDOW (toplevel));
  g_assert_nonnull (storage);
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "charts"));
  /* past the stack's crossfade */
  for (int i = 0; i < 4; i++)
    pump ();
  page = find_widget (GTK_WIDGET (toplevel), g_type_from_name ("GtProjectPage"), NULL);
  g_assert_nonnull (page);
  model = projects_model (page);
  g_assert_cmpint (count_rows (model, NULL), ==, 48);
  n_before = 48;
  if (zh)
    g_assert_nonnull (strstr (label_text (page, "summary_label"), "共 48 个项目"));
  screenshot (GTK_WIDGET (toplevel), "projects");

  /* Status colours come from the legend. */
  overdue = gt_project_query (storage, &(GtProjectFilter){ .status = GT_PROJECT_STATUS_OVERDUE },
                              NULL, NULL);
  g_assert_cmpuint (overdue->len, >, 0);
  legend = gt_project_legend_load (storage, NULL);
  entry = gt_project_legend_lookup (legend, GT_PROJECT_STATUS_OVERDUE);
  expected = gt_colour_format (entry->r, entry->g, entry->b);
  g_assert_true (row_of (model, ((GtProjectInfo *) overdue->pdata[0])->base.number, &status,
                         &background));
  g_assert_cmpstr (background, ==, expected);
  g_assert_cmpstr (status, ==, gt_project_status_label (GT_PROJECT_STATUS_OVERDUE));

  /* The status filter shows only those. */
  g_assert_true (gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "status_combo")), "overdue"));
  pump ();
  g_assert_cmpint (count_rows (model, NULL), ==, (int) overdue->len);
  screenshot (GTK_WIDGET (toplevel), "projects-overdue");
  gtk_combo_box_set_active (GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT,
                                                        "status_combo")), 0);
  g_assert_true (gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "kind_combo")), "zone"));
  pump ();
  g_assert_cmpint (count_rows (model, NULL), ==,
                   gt_project_query (storage, &(GtProjectFilter){ .kind = "zone", .status = -1 },
                                     NULL, NULL)->len);
  gtk_combo_box_set_active (GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT,
                                                        "kind_combo")), 0);
  pump ();

  /* The operator set in Preferences is who ticks milestones off (销号人) from now on. */
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "preferences", NULL);
  pump ();
  dialog = find_dialog ("GtPreferencesDialog");
  set_text (dialog, "operator_entry", "王建国");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();

  /* A new project without a cadre is refused, the dialog stays with the reason. */
  click (page, "add_button");
  dialog = find_dialog ("GtProjectDialog");
  set_text (dialog, "name_entry", "赏石博览馆二期党建示范点");
  set_text (dialog, "leader_entry", "杨双");
  set_text (dialog, "start_entry", "2026-11-02");
  set_text (dialog, "due_entry", "2027-06-30");
  set_text (dialog, "budget_entry", "150000");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "village_combo")), "青石村");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), zh ? "责任人" : "cadre"));
  g_assert_cmpint (gt_project_dialog_get_project_id (GT_PROJECT_DIALOG (dialog)), ==, 0);
  screenshot (dialog, "project-dialog-refused");

  /* With the cadre it is added, numbered, and the dialog turns to its milestones. */
  set_text (dialog, "cadre_entry", "程志刚");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  id = gt_project_dialog_get_project_id (GT_PROJECT_DIALOG (dialog));
  g_assert_cmpint (id, >, 0);
  added = gt_project_lookup (storage, id, NULL, NULL);
  g_assert_true (g_str_has_prefix (added->base.number, "2026-11-"));
  g_assert_cmpint (added->budget_fen, ==, 15000000);
  g_assert_cmpstr (added->village, ==, "青石村");
  g_assert_cmpstr (label_text (dialog, "number_label"), ==, added->base.number);
  notebook = find_widget (dialog, GTK_TYPE_NOTEBOOK, "notebook");
  g_assert_cmpint (gtk_notebook_get_current_page (GTK_NOTEBOOK (notebook)), ==, 1);
  g_assert_cmpint (count_rows (model, NULL), ==, n_before + 1);

  /* A milestone, then the tick-off: the only milestone closes the project. */
  set_text (dialog, "milestone_name_entry", "方案制定");
  set_text (dialog, "milestone_planned_entry", "2026-11-20");
  click (dialog, "add_milestone_button");
  view = find_widget (dialog, GTK_TYPE_TREE_VIEW, "milestones_view");
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (view)), NULL), ==, 1);
  /* the selected milestone fills the entries; changing its planned date */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY,
                                                               "milestone_name_entry"))), ==,
                   "方案制定");
  set_text (dialog, "milestone_planned_entry", "2026-11-25");
  click (dialog, "update_milestone_button");
  g_clear_pointer (&added, gt_project_info_free);
  added = gt_project_lookup (storage, id, NULL, NULL);
  g_assert_cmpstr (((GtMilestone *) added->milestones->pdata[0])->planned_date, ==,
                   "2026-11-25");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY,
                                                               "tick_by_entry"))), ==, "王建国");
  pump ();
  screenshot (dialog, "project-dialog-milestones");
  click (dialog, "tick_button");
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), zh ? "项目完成" : "closed"));
  g_clear_pointer (&added, gt_project_info_free);
  added = gt_project_lookup (storage, id, NULL, NULL);
  {
    g_autofree char *today = gt_today ();
    g_assert_cmpstr (added->base.closed_date, ==, today);
  }
  g_assert_cmpstr (((GtMilestone *) added->milestones->pdata[0])->done_by, ==, "王建国");
  g_assert_cmpint (added->status, ==, GT_PROJECT_STATUS_DONE);
  screenshot (dialog, "project-dialog-ticked");

  /* Undoing needs a reason. */
  click (dialog, "untick_button");
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), zh ? "原因" : "reason"));
  set_text (dialog, "untick_reason_entry", "资料不全");
  click (dialog, "untick_button");
  g_clear_pointer (&added, gt_project_info_free);
  added = gt_project_lookup (storage, id, NULL, NULL);
  g_assert_null (added->base.closed_date);
  g_assert_cmpuint (added->reopenings->len, ==, 1);
  g_assert_cmpstr (((GtReopening *) added->reopenings->pdata[0])->reopened_by, ==, "王建国");
  click (dialog, "tick_button");

  /* A supervision check. */
  gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), 2);
  set_text (dialog, "finding_entry", "台账不全，限期整改");
  set_text (dialog, "deadline_entry", "2099-12-31");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                "lagging_check")), TRUE);
  click (dialog, "check_button");
  g_clear_pointer (&added, gt_project_info_free);
  added = gt_project_lookup (storage, id, NULL, NULL);
  g_assert_cmpuint (added->supervisions->len, ==, 1);
  g_assert_true (((GtSupervision *) added->supervisions->pdata[0])->lagging);
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (
                     find_widget (dialog, GTK_TYPE_TREE_VIEW, "supervisions_view"))), NULL), ==, 1);
  pump ();
  screenshot (dialog, "project-dialog-supervision");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();

  /* The snapshot, and the changes since the demo's snapshot before it. */
  diff = NULL;
  click (page, "changes_button");
  diff = find_dialog ("GtkDialog");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (diff)), zh ? "快照" : "Snapshot"));
  g_assert_cmpint (gtk_tree_model_iter_n_children (gtk_tree_view_get_model (GTK_TREE_VIEW (
                     find_widget (diff, GTK_TYPE_TREE_VIEW, "tree_view"))), NULL), ==, 4);
  screenshot (diff, "project-changes");
  /* a change opens its project */
  {
    GtkTreeView *changes = GTK_TREE_VIEW (find_widget (diff, GTK_TYPE_TREE_VIEW, "tree_view"));
    g_autoptr (GtkTreePath) first_change = gtk_tree_path_new_from_indices (0, 0, -1);
    GtkWidget *opened;

    gtk_tree_view_row_activated (changes, first_change, gtk_tree_view_get_column (changes, 0));
    pump ();
    opened = find_dialog ("GtProjectDialog");
    g_assert_cmpint (gt_project_dialog_get_project_id (GT_PROJECT_DIALOG (opened)), >, 0);
    gtk_widget_destroy (opened);
    pump ();
  }
  gtk_widget_destroy (diff);
  pump ();
  {
    g_autoptr (GPtrArray) snapshots = gt_project_snapshot_list (storage, NULL);
    n_snapshots = snapshots->len;
  }
  click (page, "snapshot_button");
  {
    g_autoptr (GPtrArray) snapshots = gt_project_snapshot_list (storage, NULL);
    g_assert_cmpint (snapshots->len, ==, n_snapshots + 1);
  }
  number = g_strdup (label_text (page, "summary_label"));
  g_assert_nonnull (strstr (number, zh ? "快照" : "snapshot"));

  /* Removing the project added: the list is back to the demo's. */
  {
    g_autoptr (GError) error = NULL;
    GtProjectDialog *again = gt_project_dialog_new (toplevel, storage, id);

    gtk_window_present (GTK_WINDOW (again));
    pump ();
    g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (again), GTK_TYPE_BUTTON,
                                                        "remove_button")));
    screenshot (GTK_WIDGET (again), "project-dialog-edit");
    g_assert_true (gt_project_dialog_remove (again, &error));
    g_assert_no_error (error);
    pump ();
    g_assert_cmpint (count_rows (model, NULL), ==, n_before);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_project_page (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("projects.db", &dir);

  gui_test_run_app (path, drive_projects, NULL);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/project-page", test_project_page);
  return g_test_run ();
}
