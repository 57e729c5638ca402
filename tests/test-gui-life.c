/* test-gui-life.c — the organisational life area: the compliance dashboard, recording a
 * meeting with an absentee through the meeting dialog, and recording a dues payment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gt-dues.h"
#include "gt-life-page.h"
#include "gt-life.h"
#include "gt-window.h"
#include "gui-test.h"

static GtkTreeModel *
view_model (GtkWidget *root, const char *name)
{
  GtkWidget *view = find_widget (root, GTK_TYPE_TREE_VIEW, name);

  g_assert_nonnull (view);
  return gtk_tree_view_get_model (GTK_TREE_VIEW (view));
}

static GtkCellRenderer *
column_renderer (GtkWidget *root, const char *view_name, int column)
{
  GtkTreeView *view = GTK_TREE_VIEW (find_widget (root, GTK_TYPE_TREE_VIEW, view_name));
  g_autoptr (GList) cells = gtk_cell_layout_get_cells (
    GTK_CELL_LAYOUT (gtk_tree_view_get_column (view, column)));

  return cells->data;
}

static gboolean
drive_life (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean zh = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
  g_autoptr (GPtrArray) arrears = NULL;
  g_autoptr (GtMeeting) meeting = NULL;
  g_autofree char *branch = NULL, *today = gt_today ();
  GtkWidget *page, *notebook, *dialog, *error_label;
  GtkTreeModel *model;
  GtkTreeIter iter;
  GtStorage *storage;
  gint64 meetings, branch_id, payments, id;
  int missing = 0;

  g_assert_true (GT_IS_WINDOW (toplevel));
  gtk_window_resize (toplevel, 1366, 740);
  pump ();
  storage = gt_window_get_storage (GT_WINDOW (toplevel));
  gtk_stack_set_transition_type (GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK,
                                                         NULL)), GTK_STACK_TRANSITION_TYPE_NONE);
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "life"));
  pump ();
  page = find_widget (GTK_WIDGET (toplevel), GT_TYPE_LIFE_PAGE, NULL);
  g_assert_nonnull (page);
  notebook = find_widget (page, GTK_TYPE_NOTEBOOK, "notebook");

  /* The dashboard of 2026: 12 branches and 10 party groups, some months in the colour of
   * "missing" from the settings. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (page, GTK_TYPE_SPIN_BUTTON,
                                                           "year_spin")), 2026);
  pump ();
  /* computed in a worker thread */
  while (gt_life_page_is_busy (GT_LIFE_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
  pump ();
  model = view_model (page, "compliance_view");
  g_assert_cmpint (count_rows (model, NULL), ==, 22);
  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    for (int m = 0; m < 11; m++)
      {
        g_autofree char *colour = NULL;
        gtk_tree_model_get (model, &iter, 2 + 2 * m, &colour, -1);
        missing += g_strcmp0 (colour, "#c62828") == 0;
      }
  g_assert_cmpint (missing, >, 0);
  g_assert_cmpstr (gtk_notebook_get_tab_label_text (GTK_NOTEBOOK (notebook),
                                                    gtk_notebook_get_nth_page (GTK_NOTEBOOK (notebook), 0)),
                   ==, zh ? "落实情况" : "Compliance");
  screenshot (GTK_WIDGET (toplevel), "life-compliance");

  /* The rules: 党课 every half year for rural branches, retired bands changed, a bad band
   * refused with the reason and nothing changed. */
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "rules_button")));
  pump ();
  dialog = find_dialog ("GtLifeRulesDialog");
  g_assert_cmpint (count_rows (view_model (dialog, "schedule_view"), NULL), ==, 7);
  g_assert_true (gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "type_combo")), "rural"));
  g_assert_true (gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "kind_combo")), "lecture"));
  pump ();
  /* the rule that applies now: the default, every quarter */
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "period_combo"))),
                   ==, "quarter");
  g_assert_true (gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "period_combo")), "half"));
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "set_button")));
  pump ();
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM life_schedule WHERE org_type = 'rural'"
                                   " AND kind = 'lecture' AND period = 'half'"), ==, 1);
  g_assert_cmpint (count_rows (view_model (dialog, "schedule_view"), NULL), ==, 8);
  g_assert_true (gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "category_combo")), "retired"));
  pump ();
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY,
                                                               "bands_entry"))), ==,
                   "5000.00=5 -=10");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "bands_entry")),
                      "4000=5 4500=10");
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "bands_button")));
  pump ();
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM dues_bands WHERE category = 'retired'"
                                   " AND upper_fen = 500000"), ==, 1);
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "bands_entry")),
                      "4000=5 -=10");
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "bands_button")));
  pump ();
  g_assert_false (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM dues_bands WHERE category = 'retired'"
                                   " AND upper_fen = 400000 AND rate_permille = 5"), ==, 1);
  screenshot (dialog, "life-rules-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  pump ();

  /* The meetings, newest first; record one for 青石村党支部. */
  gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), 1);
  pump ();
  meetings = gui_test_scalar (storage, "SELECT count(*) FROM meetings");
  g_assert_cmpint (count_rows (view_model (page, "meetings_view"), NULL), ==, meetings);
  branch_id = gui_test_scalar (storage, "SELECT id FROM organizations WHERE name = '青石村党支部'");
  branch = g_strdup_printf ("%" G_GINT64_FORMAT, branch_id);
  g_assert_true (gtk_combo_box_set_active_id (
    GTK_COMBO_BOX (find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "org_combo")), branch));
  pump ();
  g_assert_cmpint (count_rows (view_model (page, "meetings_view"), NULL), ==,
                   gui_test_scalar (storage, "SELECT count(*) FROM meetings WHERE org_id = "
                                   "(SELECT id FROM organizations WHERE name = '青石村党支部')"));
  screenshot (GTK_WIDGET (toplevel), "life-meetings");
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "record_button")));
  pump ();
  dialog = find_dialog ("GtMeetingDialog");
  g_assert_cmpstr (gtk_combo_box_get_active_id (
                     GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "org_combo"))),
                   ==, branch);
  /* attendees come from the branch's roster, everyone present to start with */
  g_assert_cmpint (count_rows (view_model (dialog, "attendance_view"), NULL), ==,
                   gui_test_scalar (storage, "SELECT count(*) FROM members WHERE status = 'active' AND org_id ="
                                   " (SELECT id FROM organizations WHERE name = '青石村党支部')"));
  /* A 党小组 holds 党小组会: choosing one sets the kind, choosing the branch again resets it. */
  {
    GtkComboBox *org_combo = GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                         "org_combo"));
    GtkComboBox *kind_combo = GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                          "kind_combo"));
    g_autofree char *group = g_strdup_printf (
      "%" G_GINT64_FORMAT, gui_test_scalar (storage, "SELECT min (id) FROM organizations WHERE kind = 'group'"
                                           " AND parent_id = (SELECT id FROM organizations"
                                           " WHERE name = '青石村党支部')"));

    g_assert_cmpstr (gtk_combo_box_get_active_id (kind_combo), ==, "committee");
    g_autofree char *in_group = g_strdup_printf ("SELECT count(*) FROM members WHERE"
                                                 " status = 'active' AND group_id = %s", group);

    g_assert_true (gtk_combo_box_set_active_id (org_combo, group));
    g_assert_cmpstr (gtk_combo_box_get_active_id (kind_combo), ==, "group");
    pump ();
    /* the 党小组会 lists the members placed in the group, not the whole branch */
    g_assert_cmpint (gui_test_scalar (storage, in_group), >, 0);
    g_assert_cmpint (count_rows (view_model (dialog, "attendance_view"), NULL), ==,
                     gui_test_scalar (storage, in_group));
    g_assert_true (gtk_combo_box_set_active_id (org_combo, branch));
    g_assert_cmpstr (gtk_combo_box_get_active_id (kind_combo), ==, "committee");
    pump ();
    g_assert_cmpint (count_rows (view_model (dialog, "attendance_view"), NULL), ==,
                     gui_test_scalar (storage, "SELECT count(*) FROM members WHERE status = 'active'"
                                     " AND org_id = (SELECT id FROM organizations"
                                     " WHERE name = '青石村党支部')"));
  }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "kind_combo")), "general");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "topic_entry")),
                      "学习贯彻全会精神，讨论接收预备党员");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "place_entry")),
                      "青石村党群服务中心");
  /* The second member was away: untick, then the reason. */
  g_signal_emit_by_name (column_renderer (dialog, "attendance_view", 0), "toggled", "1");
  g_signal_emit_by_name (column_renderer (dialog, "attendance_view", 2), "edited", "1",
                         "外出务工");
  g_signal_emit_by_name (column_renderer (dialog, "attendance_view", 2), "edited", "2", "病假");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "attach_entry")),
                      "/srv/党建/签到表-2026.jpg");
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "attach_button")));

  /* A date in the future is refused; the dialog stays with the reason, nothing written. */
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                      "2999-01-01");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "2999-01-01"));
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM meetings"), ==, meetings);
  screenshot (dialog, "meeting-dialog-refused");

  /* Corrected, the reason goes away: it no longer applies (and again for another field). */
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")), today);
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                      "2999-01-01");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (error_label));
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "host_entry")), "余土根");
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")), today);
  pump ();
  screenshot (dialog, "meeting-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM meetings"), ==, meetings + 1);
  id = gui_test_scalar (storage, "SELECT max(id) FROM meetings");
  meeting = gt_meeting_lookup (storage, id, NULL);
  g_assert_nonnull (meeting);
  g_assert_cmpstr (meeting->kind, ==, "general");
  g_assert_cmpstr (meeting->date, ==, today);
  g_assert_cmpint (meeting->org_id, ==, branch_id);
  g_assert_cmpint (meeting->n_absent, ==, 2);
  g_assert_cmpint (meeting->n_present + meeting->n_absent, ==, meeting->attendance->len);
  {
    GtAttendance *a = meeting->attendance->pdata[meeting->attendance->len - 2];
    GtAttendance *b = meeting->attendance->pdata[meeting->attendance->len - 1];
    g_assert_false (a->present);
    g_assert_false (b->present);
    g_assert_cmpstr (a->reason, ==, "外出务工");
    g_assert_cmpstr (b->reason, ==, "病假");
  }
  g_assert_cmpuint (meeting->attachments->len, ==, 1);
  /* the list followed the change */
  g_assert_true (gtk_tree_model_get_iter_first (view_model (page, "meetings_view"), &iter));
  {
    g_autofree char *topic = NULL;
    gtk_tree_model_get (view_model (page, "meetings_view"), &iter, 3, &topic, -1);
    g_assert_cmpstr (topic, ==, "学习贯彻全会精神，讨论接收预备党员");
  }

  /* Dues: the arrears list; pay the first member's next month. */
  gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), 2);
  pump ();
  /* computed in a worker thread, which yields to the window (nice 10): under ASan beside
   * another test it may take longer than a pump */
  while (gt_life_page_is_busy (GT_LIFE_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
  pump ();
  arrears = gt_dues_arrears (storage, NULL, NULL);
  g_assert_nonnull (arrears);
  g_assert_cmpuint (arrears->len, >, 0);
  model = view_model (page, "arrears_view");
  g_assert_cmpint (count_rows (model, NULL), ==, arrears->len);
  screenshot (GTK_WIDGET (toplevel), "life-dues");
  payments = gui_test_scalar (storage, "SELECT count(*) FROM dues_payments");
  {
    GtkTreeView *view = GTK_TREE_VIEW (find_widget (page, GTK_TYPE_TREE_VIEW, "arrears_view"));
    GtDuesArrears *chosen = NULL, *after = NULL;
    g_autoptr (GtkTreePath) path = NULL;
    g_autofree char *next = NULL, *after_next = NULL, *sql = NULL;
    const char *message;
    guint i;

    /* A member whose neighbour below owes another month: the page reloads after the
     * payment, the cursor moves to that neighbour and the month entry follows it; the
     * message must still name the month that was paid. */
    for (i = 0; i + 1 < arrears->len && chosen == NULL; i++)
      {
        GtDuesArrears *a = arrears->pdata[i], *b = arrears->pdata[i + 1];

        if (gt_month_is_valid (a->last_paid) && gt_month_is_valid (b->last_paid) &&
            g_strcmp0 (a->last_paid, b->last_paid) != 0 &&
            g_strcmp0 (a->member_name, b->member_name) != 0)
          {
            chosen = a;
            after = b;
            path = gtk_tree_path_new_from_indices (i, -1);
          }
      }
    g_assert_nonnull (chosen);
    next = gt_month_add (chosen->last_paid, 1);
    after_next = gt_month_add (after->last_paid, 1);
    /* as a click does: the cursor and the selection */
    gtk_tree_view_set_cursor (view, path, NULL, FALSE);
    pump ();
    g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_widget (page, GTK_TYPE_ENTRY,
                                                                  "month_entry"))), ==, next);
    gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "pay_button")));
    pump ();
    g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM dues_payments"), ==, payments + 1);
    sql = g_strdup_printf ("SELECT count(*) FROM dues_payments WHERE member_id = %d AND month = '%s'",
                           (int) chosen->member_id, next);
    g_assert_cmpint (gui_test_scalar (storage, sql), ==, 1);
    message = label_text (page, "pay_label");
    g_assert_nonnull (strstr (message, next));
    g_assert_null (strstr (message, after_next));
    g_assert_nonnull (strstr (message, chosen->member_name));
    /* wait for the reloaded list; then, without a selection, nothing more is recorded */
    for (int waited = 0; count_rows (model, NULL) == 0 && waited < 200; waited++)
      pump ();
    gtk_tree_selection_unselect_all (gtk_tree_view_get_selection (view));
    gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "pay_button")));
    pump ();
    g_assert_cmpint (gui_test_scalar (storage, "SELECT count(*) FROM dues_payments"), ==, payments + 1);

    /* Any member is paid for by typing the name: one who is up to date, not in the list. */
    {
      GtkEntry *payer = GTK_ENTRY (find_widget (page, GTK_TYPE_ENTRY, "payer_entry"));
      sqlite3_stmt *stmt = gt_storage_prepare (
        storage, "SELECT m.id, m.name, (SELECT max (month) FROM dues_payments"
                 " WHERE member_id = m.id) AS last FROM members m WHERE m.status = 'active'"
                 " AND (SELECT count(*) FROM members WHERE name = m.name) = 1"
                 " AND last >= strftime ('%Y-%m', 'now', 'localtime', 'start of month',"
                 " '-1 month') ORDER BY m.id LIMIT 1", NULL);
      g_autofree char *payer_name = NULL, *month = NULL, *paid = NULL;
      gint64 payer_id;

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      payer_id = sqlite3_column_int64 (stmt, 0);
      payer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      month = gt_month_add ((const char *) sqlite3_column_text (stmt, 2), 1);
      sqlite3_reset (stmt);
      for (i = 0; i < arrears->len; i++)
        g_assert_cmpint (((GtDuesArrears *) arrears->pdata[i])->member_id, !=, payer_id);

      gtk_entry_set_text (payer, "无此人");
      gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "pay_button")));
      pump ();
      g_assert_nonnull (strstr (label_text (page, "pay_label"), "无此人"));
      gtk_entry_set_text (payer, payer_name);
      gtk_entry_set_text (GTK_ENTRY (find_widget (page, GTK_TYPE_ENTRY, "month_entry")), month);
      gtk_entry_set_text (GTK_ENTRY (find_widget (page, GTK_TYPE_ENTRY, "amount_entry")), "5.00");
      gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "pay_button")));
      pump ();
      paid = g_strdup_printf ("SELECT count(*) FROM dues_payments WHERE member_id = %d"
                              " AND month = '%s' AND amount_fen = 500", (int) payer_id, month);
      g_assert_cmpint (gui_test_scalar (storage, paid), ==, 1);
      g_assert_nonnull (strstr (label_text (page, "pay_label"), payer_name));
      g_assert_cmpstr (gtk_entry_get_text (payer), ==, "");
    }
  }
  screenshot (GTK_WIDGET (toplevel), "life-dues-paid");

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_life_page (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("life.db", &dir);

  gui_test_run_app (path, drive_life, NULL);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/life-page", test_life_page);
  return g_test_run ();
}
