/* test-gui.c — the real main window under Xvfb, driven through its widgets and actions
 *
 * Opens the demo database in the application, walks every sidebar area, searches members,
 * reveals and masks ID numbers, opens a foreign file, and saves a PNG of every area into
 * the build tree (screenshots/) for people to look at.
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
#include "gt-member-model.h"
#include "gt-member.h"
#include "gt-registers.h"
#include "gt-roster-export-dialog.h"
#include "gt-roster-import-dialog.h"
#include "gt-transfer.h"
#include "gt-window.h"
#include "gui-test.h"

static char *db_path;
static char *garbage_path;

static gboolean
drive_window (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtWindow *window;
  GtkStack *stack;
  GtkTreeModel *model;
  GtkWidget *entry, *reveal, *info_bar;
  GtkTreeIter iter;
  g_autofree char *id_number = NULL, *new_branch = NULL;
  GtStorage *before;
  static const char *const pages[] = {
    "overview", "organizations", "members", "households", "life", "points", "charts",
    "exchange",
  };

  g_assert_true (GT_IS_WINDOW (toplevel));
  window = GT_WINDOW (toplevel);
  gtk_window_resize (toplevel, 1366, 740);
  pump ();
  g_assert_nonnull (gt_window_get_storage (window));
  stack = GTK_STACK (find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, NULL));
  g_assert_nonnull (stack);
  /* No cross-fade, so each screenshot shows exactly one area. */
  gtk_stack_set_transition_type (stack, GTK_STACK_TRANSITION_TYPE_NONE);

  /* Every area is in the sidebar, with a translated title. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (stack, pages[i]);
      g_autofree char *title = NULL;

      g_assert_nonnull (child);
      gtk_container_child_get (GTK_CONTAINER (stack), child, "title", &title, NULL);
      g_assert_nonnull (title);
      if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN") && i == 1)
        g_assert_cmpstr (title, ==, "组织");

      /* Switch through the action, as the Alt+N shortcuts do. */
      g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                      g_variant_new_string (pages[i]));
      pump ();
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, pages[i]);
      screenshot (GTK_WIDGET (window), pages[i]);
    }

  /* The overview's tiles, counted after its first frame: no "…" is left, and the demo's
   * 23 organisations, 12 branches, 215 members, 1505 households and 48 projects show. */
  {
    GtkWidget *tiles = find_widget (gtk_stack_get_child_by_name (stack, "overview"),
                                    GTK_TYPE_FLOW_BOX, "tiles");
    g_autoptr (GString) values = g_string_new (NULL);
    g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (tiles));

    for (GList *l = children; l != NULL; l = l->next)
      {
        GtkWidget *value = find_widget (l->data, GTK_TYPE_LABEL, NULL);
        g_string_append_printf (values, "%s ", gtk_label_get_label (GTK_LABEL (value)));
      }
    g_assert_cmpstr (values->str, ==, "23 12 215 1505 48 ");
  }

  /* Organisation tree: committee, 12 branches and their party groups. */
  model = page_model (stack, "organizations");
  g_assert_cmpint (count_rows (model, NULL), ==, 23);
  /* The committee's row counts the members of the whole tree under it. */
  {
    GtkTreeIter root, branch, group;
    g_autofree char *members = NULL, *group_members = NULL, *group_tip = NULL;

    g_assert_true (gtk_tree_model_get_iter_first (model, &root));
    gtk_tree_model_get (model, &root, 5, &members, -1);
    g_assert_cmpstr (members, ==, "215");
    /* A 党小组 counts the members placed in it (青石村党支部's 38 over three groups), with a
     * tooltip saying that its branch counts them too. */
    g_assert_true (gtk_tree_model_iter_children (model, &branch, &root));
    while (!gtk_tree_model_iter_has_child (model, &branch))
      g_assert_true (gtk_tree_model_iter_next (model, &branch));
    g_assert_true (gtk_tree_model_iter_children (model, &group, &branch));
    gtk_tree_model_get (model, &group, 5, &group_members, 7, &group_tip, -1);
    g_assert_cmpstr (group_members, ==, "13");
    g_assert_nonnull (group_tip);
  }

  /* Organisations: select a branch, see its history, upgrade it through the dialog. */
  {
    GtkWidget *page = gtk_stack_get_child_by_name (stack, "organizations");
    GtkWidget *view = find_widget (page, GTK_TYPE_TREE_VIEW, "tree_view");
    GtkWidget *history = find_widget (page, GTK_TYPE_TREE_VIEW, "history_view");
    GtkTreeModel *orgs = gtk_tree_view_get_model (GTK_TREE_VIEW (view));
    GtkTreeIter root, child;
    GtkWidget *dialog = NULL;
    GList *toplevels;
    g_autofree char *name = NULL, *kind = NULL;

    gt_window_show_page (window, "organizations");
    pump ();
    g_assert_true (gtk_tree_model_get_iter_first (orgs, &root));
    g_assert_true (gtk_tree_model_iter_nth_child (orgs, &child, &root, 5)); /* 青石村党支部 */
    gtk_tree_model_get (orgs, &child, 0, &name, -1);
    g_assert_cmpstr (name, ==, "青石村党支部");
    gtk_tree_selection_select_iter (gtk_tree_view_get_selection (GTK_TREE_VIEW (view)), &child);
    pump ();
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (history)), NULL), ==, 1);

    gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "kind_button")));
    pump ();
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), "GtOrgDialog") &&
          gtk_widget_get_visible (l->data))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    /* a branch: no rows for its members yet */
    g_assert_false (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                         "move_combo")));
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                             "kind_combo")), "general_branch");
    /* a 党总支 holds no members: its 38 move, by default to a new branch under it */
    g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                        "move_combo")));
    g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (
                       find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "move_combo"))), ==, "");
    new_branch = g_strdup (gtk_entry_get_text (GTK_ENTRY (
      find_widget (dialog, GTK_TYPE_ENTRY, "branch_name_entry"))));
    if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
      g_assert_cmpstr (new_branch, ==, "青石村第一党支部");
    screenshot (dialog, "org-dialog-upgrade");
    /* without a name: refused in the dialog, nothing changed */
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "branch_name_entry")), "");
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
    g_free (new_branch);
    new_branch = g_strdup ("青石村第一党支部"); /* the Chinese name in either locale */
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "branch_name_entry")),
                        new_branch);
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    /* the tree is reloaded with the new kind; the history shows the upgrade */
    g_assert_true (gtk_tree_model_get_iter_first (orgs, &root));
    g_assert_true (gtk_tree_model_iter_nth_child (orgs, &child, &root, 5));
    gtk_tree_model_get (orgs, &child, 1, &kind, -1);
    g_assert_cmpstr (kind, ==, g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN")
                                 ? "党总支" : "General Party branch");
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (history)), NULL), ==, 2);
    screenshot (GTK_WIDGET (window), "organizations-history");
  }

  /* Members: all 215, masked; search narrows to one branch. */
  gt_window_show_page (window, "members");
  pump ();
  model = page_model (stack, "members");
  g_assert_cmpint (count_rows (model, NULL), ==, 215);
  /* everything fits a 1366×768 screen: the window never needs more */
  {
    int min_width = 0, min_height = 0;
    gtk_widget_get_preferred_width (GTK_WIDGET (window), &min_width, NULL);
    gtk_widget_get_preferred_height (GTK_WIDGET (window), &min_height, NULL);
    g_test_message ("minimum window size %d×%d", min_width, min_height);
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        int h = 0;
        gtk_widget_get_preferred_height (gtk_stack_get_child_by_name (stack, pages[i]), &h, NULL);
        g_test_message ("page %s minimum height %d", pages[i], h);
      }
    g_assert_cmpint (min_width, <=, 1366);
    g_assert_cmpint (min_height, <=, 700);
  }
  screenshot (GTK_WIDGET (window), "members-filters");
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, 4, &id_number, -1);
  g_assert_nonnull (strstr (id_number, "********"));
  g_clear_pointer (&id_number, g_free);

  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  pump ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "members");
  entry = find_widget (gtk_stack_get_child_by_name (stack, "members"), GTK_TYPE_SEARCH_ENTRY,
                       NULL);
  g_assert_true (gtk_widget_has_focus (entry));
  /* the members of 青石村党支部, moved to its new branch when it became a 党总支 */
  gtk_entry_set_text (GTK_ENTRY (entry), new_branch);
  g_signal_emit_by_name (entry, "search-changed");
  pump ();
  model = page_model (stack, "members"); /* each search builds a new model */
  g_assert_cmpint (count_rows (model, NULL), ==, 38);
  screenshot (GTK_WIDGET (window), "members-search");

  reveal = find_widget (gtk_stack_get_child_by_name (stack, "members"), GTK_TYPE_CHECK_BUTTON,
                        NULL);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reveal), TRUE);
  pump ();
  model = page_model (stack, "members");
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, 4, &id_number, -1);
  g_assert_null (strstr (id_number, "*"));
  g_assert_cmpint (strlen (id_number), ==, 18);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reveal), FALSE);
  gtk_entry_set_text (GTK_ENTRY (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  pump ();

  /* Filters: a branch subtree, then probationary members only; and adding a member. */
  {
    GtkWidget *page = gtk_stack_get_child_by_name (stack, "members");
    GtkWidget *org_combo = find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "org_combo");
    GtkWidget *category_combo = find_widget (page, GTK_TYPE_COMBO_BOX_TEXT, "category_combo");
    GtkWidget *dialog = NULL;
    GList *toplevels;
    int probationary;

    gtk_combo_box_set_active (GTK_COMBO_BOX (org_combo), 7); /* all, committee, 5 organs, 青石村 */
    pump ();
    model = page_model (stack, "members");
    g_assert_cmpint (count_rows (model, NULL), ==, 38);
    gtk_combo_box_set_active (GTK_COMBO_BOX (org_combo), 0);
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (category_combo), "probationary");
    pump ();
    model = page_model (stack, "members");
    probationary = count_rows (model, NULL);
    g_assert_cmpint (probationary, >, 0);
    g_assert_cmpint (probationary, <, 215);

    gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "add_button")));
    pump ();
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), "GtMemberAddDialog"))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")), "龚自珍");
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "id_number_entry")),
                        "330822198807150031"); /* wrong check digit */
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "joined_entry")),
                        "2025-07-01");
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
    screenshot (dialog, "member-add-refused");
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "id_number_entry")),
                        "33082219880715003X");
    /* The 党小组 offered are those of the branch chosen: none for an organ's branch, "None"
     * and three for 砚瓦山村党支部 (青石村党支部 is a 党总支 by now). */
    {
      GtkComboBox *org = GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                     "org_combo"));
      GtkComboBox *group = GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                       "group_combo"));

      g_assert_cmpint (count_rows (gtk_combo_box_get_model (group), NULL), ==, 1);
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (group)));
      g_assert_true (gtk_combo_box_set_active_id (org, "330822105007"));
      pump ();
      g_assert_cmpint (count_rows (gtk_combo_box_get_model (group), NULL), ==, 4);
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (group)));
      gtk_combo_box_set_active (group, 2);
      screenshot (dialog, "member-add-group");
    }
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    {
      g_autoptr (GPtrArray) found = gt_member_search (gt_window_get_storage (window), "龚自珍",
                                                      NULL, 0, 0, NULL);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpstr (((GtMember *) found->pdata[0])->group_name, ==, "第二党小组");
    }
    /* saved: the dialog is gone and the probationary list grew by one */
    model = page_model (stack, "members");
    g_assert_cmpint (count_rows (model, NULL), ==, probationary + 1);

    /* Transferred out, the member leaves the register's list but is found among the former
     * members, labelled with where they went; back in, they return. */
    {
      GtStorage *storage = gt_window_get_storage (window);
      g_autoptr (GPtrArray) found = gt_member_search (storage, "龚自珍", NULL, 0, 0, NULL);
      gint64 gong = ((GtMember *) found->pdata[0])->id;
      g_autofree char *label = NULL;
      GtkTreeIter first;

      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, gong);
      const GtTransferOutSpec out = { .member = key, .to_org = "衢州市柯城区某党支部" };

      g_assert_true (gt_transfer_out (storage, &out, NULL, NULL));
      pump ();
      g_assert_cmpint (count_rows (page_model (stack, "members"), NULL), ==, probationary);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (category_combo), "former");
      pump ();
      model = page_model (stack, "members");
      g_assert_cmpint (count_rows (model, NULL), ==, 1);
      g_assert_true (gtk_tree_model_get_iter_first (model, &first));
      gtk_tree_model_get (model, &first, GT_MEMBER_COLUMN_CATEGORY, &label, -1);
      g_assert_cmpstr (label, ==, gt_label_member_status ("transferred_out"));
      g_autoptr (GError) error = NULL;
      gt_member_record_event (storage, gong, "transfer_in", NULL, "砚瓦山村党支部", NULL, &error);
      g_assert_no_error (error);
      pump ();
      g_assert_cmpint (count_rows (page_model (stack, "members"), NULL), ==, 0);
    }
    gtk_combo_box_set_active (GTK_COMBO_BOX (category_combo), 0);
    pump ();
  }

  /* Activating a row opens the member with the history; masked until revealed. */
  {
    GtkWidget *view = find_widget (gtk_stack_get_child_by_name (stack, "members"),
                                   GTK_TYPE_TREE_VIEW, NULL);
    g_autoptr (GtkTreePath) path = gtk_tree_path_new_first ();
    GtkWidget *dialog = NULL, *details, *history, *record, *error_label;
    GList *toplevels;

    gtk_tree_view_row_activated (GTK_TREE_VIEW (view), path,
                                 gtk_tree_view_get_column (GTK_TREE_VIEW (view), 0));
    pump ();
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), "GtMemberDialog"))
        dialog = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (dialog);
    details = find_widget (dialog, GTK_TYPE_LABEL, "details_label");
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (details)), "********"));
    history = find_widget (dialog, GTK_TYPE_TREE_VIEW, "history_view");
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (history)), NULL), >=, 1);
    screenshot (dialog, "member-dialog");

    /* Correct Details…: the same form without the branch and the dates; a bad phone number
     * is refused in the form, a good one shows in the member's window at once. */
    {
      GtkWidget *edit = NULL;
      GtkWidget *name_label = find_widget (dialog, GTK_TYPE_LABEL, "name_label");
      g_autofree char *name = g_strdup (gtk_label_get_label (GTK_LABEL (name_label)));

      gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "edit_button")));
      pump ();
      toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l != NULL; l = l->next)
        if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), "GtMemberAddDialog"))
          edit = l->data;
      g_list_free (toplevels);
      g_assert_nonnull (edit);
      g_assert_null (find_widget (edit, GTK_TYPE_ENTRY, "joined_entry"));
      /* the 党小组 stays: a member of a branch without groups has only "None" */
      g_assert_nonnull (find_widget (edit, GTK_TYPE_COMBO_BOX_TEXT, "group_combo"));
      g_assert_true (g_str_has_prefix (name, gtk_entry_get_text (GTK_ENTRY (
                                               find_widget (edit, GTK_TYPE_ENTRY, "name_entry")))));
      screenshot (edit, "member-correct-details");
      gtk_entry_set_text (GTK_ENTRY (find_widget (edit, GTK_TYPE_ENTRY, "phone_entry")), "123");
      gtk_dialog_response (GTK_DIALOG (edit), GTK_RESPONSE_OK);
      pump ();
      g_assert_true (gtk_widget_get_visible (find_widget (edit, GTK_TYPE_LABEL, "error_label")));
      gtk_entry_set_text (GTK_ENTRY (find_widget (edit, GTK_TYPE_ENTRY, "phone_entry")),
                          "13966667777");
      gtk_dialog_response (GTK_DIALOG (edit), GTK_RESPONSE_OK);
      pump ();
      g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (details)), "7777"));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name_label)), ==, name);
    }

    /* An event dated before the member's history is refused, with the reason shown. */
    gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                        "1950-01-01");
    record = find_widget (dialog, GTK_TYPE_BUTTON, "record_button");
    gtk_button_clicked (GTK_BUTTON (record));
    pump ();
    error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (history)), NULL), >=, 1);

    /* The linked households: seven, none visited; a visit today shows at once. */
    {
      GtkWidget *links = find_widget (dialog, GTK_TYPE_TREE_VIEW, "links_view");
      GtkTreeModel *links_model = gtk_tree_view_get_model (GTK_TREE_VIEW (links));
      GtkTreeIter first;
      g_autofree char *last_visit = NULL, *card = NULL, *today = NULL;
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      g_assert_cmpint (count_rows (links_model, NULL), ==, 7);
      g_assert_true (gtk_tree_model_get_iter_first (links_model, &first));
      gtk_tree_selection_select_iter (gtk_tree_view_get_selection (GTK_TREE_VIEW (links)), &first);
      gtk_notebook_set_current_page (GTK_NOTEBOOK (find_widget (dialog, GTK_TYPE_NOTEBOOK,
                                                                "notebook")), 1);
      gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "visit_button")));
      pump ();
      g_assert_true (gtk_tree_model_get_iter_first (links_model, &first));
      gtk_tree_model_get (links_model, &first, 4, &last_visit, -1);
      today = g_date_time_format (now, "%Y-%m-%d");
      g_assert_cmpstr (last_visit, ==, today);
      screenshot (dialog, "member-dialog-households");

      /* the heart-link card, as the "Heart-Link Card…" button writes it */
      card = g_build_filename (shot_dir, "heart-card.pdf", NULL);
      g_assert_true (gt_member_dialog_write_card (GT_MEMBER_DIALOG (dialog), card));
      g_assert_true (g_file_test (card, G_FILE_TEST_IS_REGULAR));

      /* The button's file chooser is modal and belongs to the dialog: the dialog behind it
       * cannot be edited while it is open. */
      {
        GtkWidget *chooser;

        gtk_button_clicked (GTK_BUTTON (find_widget (dialog, GTK_TYPE_BUTTON, "card_button")));
        pump ();
        chooser = find_dialog ("GtkFileChooserDialog");
        g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
        g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (dialog));
        gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
        pump ();
      }
    }
    gtk_widget_destroy (dialog);
  }

  /* Projects of the wall charts. */
  model = page_model (stack, "charts");
  g_assert_cmpint (count_rows (model, NULL), ==, 48); /* projects: the demo library */

  /* A foreign file is refused in the window, the open database stays. */
  before = gt_window_get_storage (window);
  g_assert_false (gt_window_open_database (window, garbage_path, FALSE));
  pump ();
  g_assert_true (gt_window_get_storage (window) == before);
  info_bar = find_widget (GTK_WIDGET (window), GTK_TYPE_INFO_BAR, NULL);
  g_assert_true (gtk_widget_get_visible (info_bar));
  {
    GtkWidget *label = find_widget (info_bar, GTK_TYPE_LABEL, "info_label");

    g_assert_nonnull (label);
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), garbage_path));
  }
  gt_window_show_page (window, "overview");
  pump ();
  screenshot (GTK_WIDGET (window), "error-foreign-file");

  /* The About dialog opens from the app action. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  pump ();
  {
    gboolean found = FALSE;
    GList *toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (GTK_IS_ABOUT_DIALOG (l->data))
        {
          found = TRUE;
          gtk_widget_destroy (l->data);
        }
    g_list_free (toplevels);
    g_assert_true (found);
  }

  /* Ctrl+? opens the shortcuts window; the primary menu has its model. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  pump ();
  {
    GtkWindow *overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (
      GTK_APPLICATION_WINDOW (window)));
    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    screenshot (GTK_WIDGET (overlay), "shortcuts");
    gtk_widget_hide (GTK_WIDGET (overlay));
  }
  {
    GtkWidget *menu_button = find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
    g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  }
  {
    g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   "win.show-page('members')");
    g_assert_cmpstr (accels[0], ==, "<Alt>3");
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_main_window (void)
{
  gui_test_run_app (db_path, drive_window, NULL);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  int rc;

  gui_test_init (&argc, &argv);
  db_path = gui_test_demo_db ("demo.db", &dir);
  garbage_path = g_build_filename (dir, "garbage.db", NULL);
  g_assert_true (g_file_set_contents (garbage_path, "not a database at all", -1, NULL));

  g_test_add_func ("/gui/main-window", test_main_window);
  rc = g_test_run ();

  gui_test_remove_dir (dir);
  g_free (db_path);
  g_free (garbage_path);
  return rc;
}
