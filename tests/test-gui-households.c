/* test-gui-households.c — the households area (一户一档, 党员联户) and the link rules dialog
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
#include "gt-window.h"
#include "gui-test.h"

static GtkTreeModel *
households_model (GtkWidget *page)
{
  return gtk_tree_view_get_model (GTK_TREE_VIEW (find_widget (page, GTK_TYPE_TREE_VIEW,
                                                              "tree_view")));
}

static GtkWidget *
open_first_household (GtkWidget *page, gint64 *id)
{
  GtkWidget *view = find_widget (page, GTK_TYPE_TREE_VIEW, "tree_view");
  g_autoptr (GtkTreePath) path = gtk_tree_path_new_first ();
  GtkTreeIter iter;

  g_assert_true (gtk_tree_model_get_iter (households_model (page), &iter, path));
  gtk_tree_model_get (households_model (page), &iter, 7, id, -1);
  gtk_tree_view_row_activated (GTK_TREE_VIEW (view), path,
                               gtk_tree_view_get_column (GTK_TREE_VIEW (view), 0));
  pump ();
  return find_dialog ("GtHouseholdDialog");
}


/* Esc pressed in @window, through GTK's key handling and its key bindings. */
static void
press_escape (GtkWidget *window)
{
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);
  GdkDisplay *display = gtk_widget_get_display (window);
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  g_assert_true (gdk_keymap_get_entries_for_keyval (gdk_keymap_get_for_display (display),
                                                    GDK_KEY_Escape, &keys, &n_keys));
  event->key.window = g_object_ref (gtk_widget_get_window (window));
  event->key.keyval = GDK_KEY_Escape;
  event->key.hardware_keycode = (guint16) keys[0].keycode;
  event->key.group = (guint8) keys[0].group;
  event->key.time = GDK_CURRENT_TIME;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (display)));
  gtk_main_do_event (event);
  gdk_event_free (event);
  pump ();
}

/* The question asked before typed changes are discarded: modal, on top of @dialog. */
static GtkWidget *
discard_question (GtkWidget *dialog)
{
  GtkWidget *question = shown_dialog ("GtkMessageDialog");
  g_autofree char *text = NULL;

  g_assert_nonnull (question);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (question)));
  g_object_get (question, "text", &text, NULL);
  g_assert_cmpstr (text, ==, _("Discard the changes to this household?"));
  return question;
}

static gboolean
drive_households (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean zh = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
  GtHouseholdFilter in_village = { .village = "青石村" };
  g_autoptr (GtHousehold) before = NULL, after = NULL;
  g_autoptr (GPtrArray) members = NULL;
  GtkWidget *page, *village_combo, *report_combo, *dialog, *error_label, *links, *count_label;
  GtkTreeModel *model;
  GtkTreeIter iter;
  GtStorage *storage;
  GtMember *pick = NULL;
  gint64 n_village = 0, id = 0, n = 0;

  g_assert_true (GT_IS_WINDOW (toplevel));
  gtk_window_resize (toplevel, 1366, 740);
  pump ();
  storage = gt_window_get_storage (GT_WINDOW (toplevel));
  g_assert_nonnull (storage);

  /* Alt+4 is the households area; Alt+N follows the sidebar's order, Alt+0 the tenth */
  {
    static const char *const expected[][2] = {
      { "members", "<Alt>3" }, { "households", "<Alt>4" }, { "develop", "<Alt>5" },
      { "life", "<Alt>6" }, { "wall-charts", "<Alt>9" }, { "exchange", "<Alt>0" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autofree char *action = g_strdup_printf ("win.show-page('%s')", expected[i][0]);
        g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                       action);
        g_assert_cmpstr (accels[0], ==, expected[i][1]);
      }
  }
  /* no cross-fade, so the screenshots show the households area alone */
  gtk_stack_set_transition_type (GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK,
                                                         NULL)), GTK_STACK_TRANSITION_TYPE_NONE);
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "households"));
  pump ();
  page = find_widget (GTK_WIDGET (toplevel), GT_TYPE_HOUSEHOLD_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_cmpint (count_rows (households_model (page), NULL), ==, 1505);
  count_label = find_widget (page, GTK_TYPE_LABEL, "count_label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==,
                   zh ? "1505 户" : "1505 households");

  /* A prefecture's million households: the list holds the first of them and says so. */
  gt_household_page_set_max_listed (GT_HOUSEHOLD_PAGE (page), 1000);
  g_assert_cmpint (count_rows (households_model (page), NULL), ==, 1000);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count_label)), ==,
                   zh ? "显示前 1000 户，共 1505 户；请选择村或搜索"
                      : "The first 1000 of 1505 households; choose a village or search to "
                        "narrow the list");
  gt_household_page_set_max_listed (GT_HOUSEHOLD_PAGE (page), 50000);
  g_assert_cmpint (count_rows (households_model (page), NULL), ==, 1505);

  /* one village, then its households with visits overdue */
  village_combo = find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "village_combo");
  report_combo = find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "report_combo");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (village_combo), "青石村"));
  pump ();
  g_assert_true (gt_household_count (storage, &in_village, &n_village, NULL));
  g_assert_cmpint (n_village, >, 0);
  g_assert_cmpint (n_village, <, 1505);
  model = households_model (page);
  g_assert_cmpint (count_rows (model, NULL), ==, n_village);
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  {
    g_autofree char *village = NULL;
    gtk_tree_model_get (model, &iter, 1, &village, -1);
    g_assert_cmpstr (village, ==, "青石村");
  }
  screenshot (GTK_WIDGET (toplevel), "households-village");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (report_combo), "2"));
  pump ();
  {
    /* as the core counts them: the demo's visits end in November 2026, so which are within
     * the interval depends on today */
    GtHouseholdFilter overdue = { .village = "青石村", .report = GT_HOUSEHOLD_REPORT_OVERDUE };
    gint64 n_overdue = 0;

    g_assert_true (gt_household_count (storage, &overdue, &n_overdue, NULL));
    g_assert_cmpint (n_overdue, >, 0);
    g_assert_cmpint (n_overdue, <=, n_village);
    g_assert_cmpint (count_rows (households_model (page), NULL), ==, n_overdue);
  }
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (report_combo), "1"));
  pump ();
  g_assert_cmpint (count_rows (households_model (page), NULL), ==, 0); /* everyone links 7 */
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (report_combo), "0"));
  pump ();

  /* Open the first household; an empty head is refused and nothing is written. */
  dialog = open_first_household (page, &id);
  before = gt_household_lookup (storage, id, NULL);
  g_assert_nonnull (before);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY,
                                                               "head_entry"))), ==,
                   before->head_name);
  error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "head_entry")), " ");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "look_kitchen_entry")),
                      "灶台干净，米面充足");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (error_label)),
                         gt_storage_get_path (storage)));
  screenshot (dialog, "household-dialog-refused");
  after = gt_household_lookup (storage, id, NULL);
  g_assert_cmpstr (after->look_kitchen, ==, before->look_kitchen);
  g_clear_pointer (&after, gt_household_free);

  /* with the head back, the 五看 field is saved and the rest kept */
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "head_entry")),
                      before->head_name);
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "ask_needs_entry")),
                      "希望修通机耕路");
  pump ();
  screenshot (dialog, "household-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  after = gt_household_lookup (storage, id, NULL);
  g_assert_cmpstr (after->look_kitchen, ==, "灶台干净，米面充足");
  g_assert_cmpstr (after->ask_needs, ==, "希望修通机耕路");
  g_assert_cmpstr (after->head_name, ==, before->head_name);
  g_assert_cmpstr (after->village, ==, "青石村");
  g_assert_cmpstr (after->address, ==, before->address);
  g_assert_cmpint (after->size, ==, before->size);
  g_assert_cmpint (after->links->len, ==, before->links->len);
  g_clear_pointer (&after, gt_household_free);

  /* Link a member found by name: 情感, post B; linking them twice is refused. */
  members = gt_member_list (storage, NULL, 0, NULL);
  for (guint i = members->len; i > 0 && pick == NULL; i--)
    {
      GtMember *m = members->pdata[i - 1];
      gboolean linked = FALSE;

      for (guint j = 0; j < before->links->len; j++)
        linked |= ((GtHouseholdLink *) before->links->pdata[j])->member_id == m->id;
      if (!linked)
        pick = m;
    }
  g_assert_nonnull (pick);
  dialog = open_first_household (page, &id);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (find_widget (dialog, GTK_TYPE_NOTEBOOK,
                                                            "notebook")), 1);
  links = find_widget (dialog, GTK_TYPE_TREE_VIEW, "links_view");
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (links)), NULL), ==,
                   before->links->len);
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_SEARCH_ENTRY, "member_search")),
                      pick->name);
  g_signal_emit_by_name (find_widget (dialog, GTK_TYPE_SEARCH_ENTRY, "member_search"),
                         "search-changed");
  {
    g_autofree char *member_id = g_strdup_printf ("%" G_GINT64_FORMAT, pick->id);
    g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (
      dialog, GTK_TYPE_COMBO_BOX_TEXT, "member_combo")), member_id));
  }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "link_type_combo")), "kinship");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "post_combo")), "B");
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "link_button")));
  pump ();
  error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (links)), NULL), ==,
                   before->links->len + 1);
  screenshot (dialog, "household-dialog-links");
  gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "link_button")));
  pump ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (links)), NULL), ==,
                   before->links->len + 1);

  /* a visit today by the new member (the links are by post, so theirs, on B, is last) */
  {
    GtkTreeModel *links_model = gtk_tree_view_get_model (GTK_TREE_VIEW (links));
    GtkWidget *visits = find_widget (dialog, GTK_TYPE_TREE_VIEW, "visits_view");
    GtkTreeIter last;
    gint64 member_id = 0;

    g_assert_true (gtk_tree_model_iter_nth_child (links_model, &last, NULL,
                                                  (int) before->links->len));
    gtk_tree_model_get (links_model, &last, 5, &member_id, -1);
    g_assert_cmpint (member_id, ==, pick->id);
    gtk_tree_selection_select_iter (gtk_tree_view_get_selection (GTK_TREE_VIEW (links)), &last);
    gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "visit_button")));
    pump ();
    g_assert_false (gtk_widget_get_visible (error_label));
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (visits)), NULL), ==,
                     before->visits->len + 1); /* the demo's, and today's */
    gtk_notebook_set_current_page (GTK_NOTEBOOK (find_widget (dialog, GTK_TYPE_NOTEBOOK,
                                                              "notebook")), 2);
    pump ();
    screenshot (dialog, "household-dialog-visits");
  }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  pump ();

  /* the database has the one new link and its one visit, nothing else */
  after = gt_household_lookup (storage, id, NULL);
  g_assert_cmpint (after->links->len, ==, before->links->len + 1);
  g_assert_cmpint (after->visits->len, ==, before->visits->len + 1);
  g_assert_cmpint (((GtVisit *) after->visits->pdata[0])->member_id, ==, pick->id); /* newest */
  for (guint j = 0; j < after->links->len; j++)
    {
      GtHouseholdLink *l = after->links->pdata[j];
      if (l->member_id == pick->id)
        {
          g_assert_cmpstr (l->link_type, ==, "kinship");
          g_assert_cmpstr (l->post, ==, "B");
          g_assert_cmpstr (l->last_visit, ==, ((GtVisit *) after->visits->pdata[0])->date);
        }
      else
        /* the other links' visits are as they were */
        for (guint k = 0; k < before->links->len; k++)
          {
            GtHouseholdLink *was = before->links->pdata[k];
            if (was->member_id == l->member_id)
              g_assert_cmpstr (l->last_visit, ==, was->last_visit);
          }
    }
  g_assert_cmpstr (after->look_kitchen, ==, "灶台干净，米面充足");
  g_assert_true (gt_household_count (storage, NULL, &n, NULL));
  g_assert_cmpint (n, ==, 1505);
  {
    GtkTreeIter first;
    gint64 n_links = 0;
    g_assert_true (gtk_tree_model_get_iter_first (households_model (page), &first));
    gtk_tree_model_get (households_model (page), &first, 5, &n_links, -1);
    g_assert_cmpint (n_links, ==, after->links->len);
  }

  /* Closing with typed changes asks first: Esc, then Keep Editing keeps the dialog and
   * the text; the window's close button, then Discard, throws the text away. */
  dialog = open_first_household (page, &id);
  {
    GtkWidget *address = find_widget (dialog, GTK_TYPE_ENTRY, "address_entry");
    GtkWidget *question;

    gtk_entry_set_text (GTK_ENTRY (address), "青石村 3 组 17 号，东侧新房");
    press_escape (dialog);
    question = discard_question (dialog);
    screenshot (question, "household-discard-question");
    gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL); /* Keep Editing */
    pump ();
    g_assert_null (shown_dialog ("GtkMessageDialog"));
    g_assert_true (shown_dialog ("GtHouseholdDialog") == dialog);
    g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (address)), ==, "青石村 3 组 17 号，东侧新房");

    /* Cancel asks too */
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    pump ();
    question = discard_question (dialog);
    gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_DELETE_EVENT); /* its Esc */
    pump ();
    g_assert_true (shown_dialog ("GtHouseholdDialog") == dialog);

    gtk_window_close (GTK_WINDOW (dialog));
    pump ();
    question = discard_question (dialog);
    gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT); /* Discard */
    pump ();
    g_assert_null (shown_dialog ("GtkMessageDialog"));
    g_assert_null (shown_dialog ("GtHouseholdDialog"));
    g_clear_pointer (&after, gt_household_free);
    after = gt_household_lookup (storage, id, NULL);
    g_assert_cmpstr (after->address, ==, before->address);
  }
  /* Unchanged (or changed back), Esc and Cancel close at once without asking. */
  dialog = open_first_household (page, &id);
  {
    GtkWidget *notes = find_widget (dialog, GTK_TYPE_ENTRY, "notes_entry");
    g_autofree char *kept = g_strdup (gtk_entry_get_text (GTK_ENTRY (notes)));

    gtk_entry_set_text (GTK_ENTRY (notes), "改了又改回");
    gtk_entry_set_text (GTK_ENTRY (notes), kept);
    press_escape (dialog);
    g_assert_null (shown_dialog ("GtkMessageDialog"));
    g_assert_null (shown_dialog ("GtHouseholdDialog"));
  }
  dialog = open_first_household (page, &id);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  pump ();
  g_assert_null (shown_dialog ("GtkMessageDialog"));
  g_assert_null (shown_dialog ("GtHouseholdDialog"));

  /* The rules: eight households per member; the shortfall report follows. */
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "rules", NULL);
  pump ();
  dialog = find_dialog ("GtRulesDialog");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_widget (
                     dialog, GTK_TYPE_SPIN_BUTTON, "minimum_spin"))), ==, 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_widget (dialog, GTK_TYPE_SPIN_BUTTON,
                                                           "minimum_spin")), 8);
  screenshot (dialog, "rules-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_cmpint (gt_rules_get_link_minimum (storage), ==, 8);
  g_assert_cmpint (gt_rules_get_visit_interval (storage), ==, 7);
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (report_combo), "1"));
  pump ();
  {
    GtHouseholdFilter shortfall = { .village = "青石村", .report = GT_HOUSEHOLD_REPORT_SHORTFALL };
    g_autofree char *label = gtk_combo_box_text_get_active_text (
      GTK_COMBO_BOX_TEXT (report_combo));
    g_assert_true (gt_household_count (storage, &shortfall, &n, NULL));
    g_assert_cmpint (n, >, 0);
    g_assert_cmpint (count_rows (households_model (page), NULL), ==, n);
    g_assert_nonnull (strstr (label, "8"));
    if (zh)
      g_assert_nonnull (strstr (label, "户"));
  }
  screenshot (GTK_WIDGET (toplevel), "households-shortfall");

  /* Adding a household: it shows in the list at once. */
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (report_combo), "0"));
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "add_button")));
  pump ();
  dialog = find_dialog ("GtHouseholdDialog");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "head_entry")), "章新民");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "village_combo")), "青石村");
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "look_yard_entry")),
                      "房前屋后整洁");
  pump ();
  screenshot (dialog, "household-dialog-new");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_cmpint (count_rows (households_model (page), NULL), ==, n_village + 1);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_household_page (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("households.db", &dir);

  gui_test_run_app (path, drive_households, NULL);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/household-page", test_household_page);
  return g_test_run ();
}
