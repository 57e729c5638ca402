/* test-gui.c — the real main window under Xvfb, driven through its widgets and actions
 *
 * Opens the demo database in the application, walks every sidebar area, searches members,
 * reveals and masks ID numbers, opens a foreign file, and saves a PNG of every area into
 * the build tree (tests/screenshots/) for people to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gt-application.h"
#include "gt-demo.h"
#include "gt-household-page.h"
#include "gt-household.h"
#include "gt-member-dialog.h"
#include "gt-member.h"
#include "gt-window.h"
#include "gt-registers.h"
#include "gt-roster-export-dialog.h"
#include "gt-roster-import-dialog.h"

static char *db_path;
static char *garbage_path;
static char *shot_dir;

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for a moment, so the frame clock lays out and paints. */
static void
pump (void)
{
  gboolean done = FALSE;

  g_timeout_add (120, timed_out, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_widget (GtkWidget *root, GType type, const char *name)
{
  GtkWidget *found = NULL;
  GList *children;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (root)), name) == 0))
    return root;
  if (!GTK_IS_CONTAINER (root))
    return NULL;
  children = gtk_container_get_children (GTK_CONTAINER (root));
  for (GList *l = children; l != NULL && found == NULL; l = l->next)
    found = find_widget (l->data, type, name);
  g_list_free (children);
  return found;
}

static int
count_rows (GtkTreeModel *model, GtkTreeIter *parent)
{
  GtkTreeIter iter;
  int n = 0;

  if (!gtk_tree_model_iter_children (model, &iter, parent))
    return 0;
  do
    n += 1 + count_rows (model, &iter);
  while (gtk_tree_model_iter_next (model, &iter));
  return n;
}

static GtkTreeModel *
page_model (GtkStack *stack, const char *page)
{
  GtkWidget *child = gtk_stack_get_child_by_name (stack, page);
  GtkWidget *view = find_widget (child, GTK_TYPE_TREE_VIEW, NULL);

  g_assert_nonnull (view);
  return gtk_tree_view_get_model (GTK_TREE_VIEW (view));
}

/* Saves what the X server shows of the window as PNG, and checks it is not blank. */
static void
screenshot (GtkWidget *window, const char *name)
{
  GdkWindow *gdk_window = gtk_widget_get_window (window);
  int w = gdk_window_get_width (gdk_window), h = gdk_window_get_height (gdk_window);
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_get_from_window (gdk_window, 0, 0, w, h);
  g_autoptr (GError) error = NULL;
  g_autofree char *file = NULL, *png = g_strconcat (name, ".png", NULL);
  const guchar *pixels, *first;
  int stride, channels;
  gboolean varied = FALSE;

  g_assert_nonnull (pixbuf);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  first = pixels;
  for (int y = 0; y < h && !varied; y += 3)
    for (int x = 0; x < w && !varied; x += 3)
      varied = memcmp (pixels + y * stride + x * channels, first, 3) != 0;
  g_assert_true (varied);

  file = g_build_filename (shot_dir, png, NULL);
  g_assert_true (gdk_pixbuf_save (pixbuf, file, "png", &error, NULL));
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", file);
}

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
  g_autofree char *id_number = NULL;
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

  /* Organisation tree: committee, 12 branches and their party groups. */
  model = page_model (stack, "organizations");
  g_assert_cmpint (count_rows (model, NULL), ==, 23);

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
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                             "kind_combo")), "general_branch");
    screenshot (dialog, "org-dialog-upgrade");
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
  gtk_entry_set_text (GTK_ENTRY (entry), "青石村党支部");
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
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    /* saved: the dialog is gone and the probationary list grew by one */
    model = page_model (stack, "members");
    g_assert_cmpint (count_rows (model, NULL), ==, probationary + 1);
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
    }
    gtk_widget_destroy (dialog);
  }

  /* Projects of the wall charts. */
  model = page_model (stack, "charts");
  g_assert_cmpint (count_rows (model, NULL), ==, 8);

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
  g_autoptr (GtApplication) app = gt_application_new ();
  char *argv[] = { "guatu", "--db", db_path, NULL };

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (300, drive_window, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

/* Roster import and export through their dialogs, on a demo database of this test's own. */

static GtkWidget *
find_dialog (const char *type_name)
{
  GtkWidget *dialog = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), type_name) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  return dialog;
}

static const char *
label_text (GtkWidget *dialog, const char *name)
{
  GtkWidget *label = find_widget (dialog, GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

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

  /* A good file: six valid rows and one warning (an unknown column); import them. */
  gt_roster_import_dialog_set_file (GT_ROSTER_IMPORT_DIALOG (dialog), good);
  wait_for_worker (dialog);
  assert_counts (dialog, "6", "6", "0", "1");
  g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (problems)), NULL), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (import_button));
  screenshot (dialog, "roster-import-preview");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  pump ();
  g_assert_true (gt_member_count (storage, NULL, NULL, 0, &after, NULL));
  g_assert_cmpint (after, ==, before + 6);
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "result_label")));
  g_assert_nonnull (strstr (label_text (dialog, "result_label"), "6"));
  g_assert_false (gtk_widget_get_sensitive (import_button)); /* not twice */
  screenshot (dialog, "roster-import-done");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  pump ();

  /* Export the whole register, masked, as an Excel workbook. */
  g_action_group_activate_action (G_ACTION_GROUP (toplevel), "export-roster", NULL);
  pump ();
  dialog = find_dialog ("GtRosterExportDialog");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "mask_check"))));
  gt_roster_export_dialog_set_format (GT_ROSTER_EXPORT_DIALOG (dialog), GT_ROSTER_FORMAT_XLSX);
  xlsx = g_build_filename (g_object_get_data (G_OBJECT (app), "roster-dir"), "roster.xlsx",
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

/* In a process of its own: GTK allows one GtkApplication per process to set the
 * application name, and the main-window test has run its own. */
static void
test_roster_dialogs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GtApplication) app = NULL;
  g_autofree char *dir = NULL, *path = NULL;
  char *argv[] = { "guatu", "--db", NULL, NULL };
  const char *name;
  GDir *handle;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  app = gt_application_new ();
  dir = g_dir_make_tmp ("guatu-gui-roster-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "roster.db", NULL);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));
  g_clear_object (&storage);

  argv[2] = path;
  g_object_set_data (G_OBJECT (app), "roster-dir", dir);
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (300, drive_roster, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);

  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  if (handle != NULL)
    g_dir_close (handle);
  g_rmdir (dir);
}

/* The member window's status tab: mobility with a place, posts, A/B; saved to the database
 * and seen by the member list's filters. In a process of its own, with a demo database of
 * its own, like the roster dialogs. */
static void
test_member_flags_dialog (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL, reader = NULL;
  g_autoptr (GtMemberFlags) flags = NULL;
  g_autofree char *dir = NULL, *path = NULL, *wal = NULL, *shm = NULL;
  GtMemberFilter mobile = { .flag = GT_MEMBER_FLAG_MOBILE };
  GtMemberFilter frail = { .flag = GT_MEMBER_FLAG_FRAIL };
  GtkWidget *dialog, *notebook, *mobility, *place, *contact, *save, *error_label, *tab;
  gint64 n = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  dir = g_dir_make_tmp ("guatu-gui-flags-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "flags.db", NULL);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));

  dialog = GTK_WIDGET (gt_member_dialog_new (NULL, storage, 1));
  gtk_widget_show (dialog);
  pump ();
  notebook = find_widget (dialog, GTK_TYPE_NOTEBOOK, "notebook");
  g_assert_cmpint (gtk_notebook_get_n_pages (GTK_NOTEBOOK (notebook)), ==, 3);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), 2);
  pump ();
  tab = find_widget (gtk_notebook_get_tab_label (GTK_NOTEBOOK (notebook),
                                                 gtk_notebook_get_nth_page (
                                                   GTK_NOTEBOOK (notebook), 2)),
                     GTK_TYPE_LABEL, NULL);
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tab)), ==, "状态与岗位");
  else
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tab)), ==, "Status and Posts");

  mobility = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "mobility_combo");
  place = find_widget (dialog, GTK_TYPE_ENTRY, "place_entry");
  contact = find_widget (dialog, GTK_TYPE_ENTRY, "contact_entry");
  save = find_widget (dialog, GTK_TYPE_BUTTON, "save_flags_button");
  error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (mobility)), ==, "none");
  g_assert_false (gtk_widget_get_sensitive (place));
  g_assert_false (gtk_widget_get_sensitive (contact));

  /* gone out, but where to is missing: refused, the reason shown, nothing written */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mobility), "out");
  g_assert_true (gtk_widget_get_sensitive (place));
  g_assert_true (gtk_widget_get_sensitive (contact));
  gtk_button_clicked (GTK_BUTTON (save));
  pump ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (error_label)), path));
  g_assert_true (gt_member_count (storage, NULL, &mobile, 0, &n, &error));
  g_assert_cmpint (n, ==, 0);

  /* with the place, elderly or frail, two posts, employed, B post */
  gtk_entry_set_text (GTK_ENTRY (place), "浙江省杭州市余杭区");
  gtk_entry_set_text (GTK_ENTRY (contact), "13800001234");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                "frail_check")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                "post_policy_publicist")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_widget (dialog, GTK_TYPE_CHECK_BUTTON,
                                                                "post_dispute_mediator")), TRUE);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "employment_combo")), "employed");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT,
                                                           "link_post_combo")), "B");
  gtk_button_clicked (GTK_BUTTON (save));
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  screenshot (dialog, "member-dialog-flags");

  /* in the database, as another connection reads it */
  reader = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  flags = gt_member_get_flags (reader, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flags->mobility, ==, "out");
  g_assert_cmpstr (flags->place, ==, "浙江省杭州市余杭区");
  g_assert_cmpstr (flags->contact, ==, "13800001234");
  g_assert_false (flags->lost_contact);
  g_assert_true (flags->frail);
  g_assert_cmpstr (flags->employment, ==, "employed");
  g_assert_cmpuint (g_strv_length (flags->posts), ==, 2);
  g_assert_cmpstr (flags->posts[0], ==, "policy_publicist");
  g_assert_cmpstr (flags->posts[1], ==, "dispute_mediator");
  g_assert_cmpstr (flags->link_post, ==, "B");
  g_assert_true (gt_member_count (reader, NULL, &mobile, 0, &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (gt_member_count (reader, NULL, &frail, 0, &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_clear_object (&reader);

  /* back home: the place goes with it, the entries are insensitive again */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mobility), "none");
  g_assert_false (gtk_widget_get_sensitive (place));
  gtk_button_clicked (GTK_BUTTON (save));
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (place)), ==, "");
  g_assert_true (gt_member_count (storage, NULL, &mobile, 0, &n, &error));
  g_assert_cmpint (n, ==, 0);

  gtk_widget_destroy (dialog);
  g_clear_object (&storage);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* The households area (一户一档, 党员联户): filter a village and a report, edit a household's
 * file, link a member, and change the rules; checked in the database after each step. */

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

static gboolean
drive_households (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean zh = g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
  GtHouseholdFilter in_village = { .village = "青石村" };
  g_autoptr (GtHousehold) before = NULL, after = NULL;
  g_autoptr (GPtrArray) members = NULL;
  GtkWidget *page, *village_combo, *report_combo, *dialog, *error_label, *links;
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

  /* Alt+4 is the households area; the areas after it moved up by one */
  {
    static const char *const expected[][2] = {
      { "members", "<Alt>3" }, { "households", "<Alt>4" }, { "life", "<Alt>5" },
      { "exchange", "<Alt>8" },
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

  /* one village, then its households with visits overdue: never visited, so all of them */
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
  g_assert_cmpint (count_rows (households_model (page), NULL), ==, n_village);
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
    g_assert_cmpint (count_rows (gtk_tree_view_get_model (GTK_TREE_VIEW (visits)), NULL), ==, 1);
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
  g_assert_cmpint (after->visits->len, ==, 1);
  g_assert_cmpint (((GtVisit *) after->visits->pdata[0])->member_id, ==, pick->id);
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
        g_assert_null (l->last_visit);
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

/* In a process of its own, on a demo database of its own, like the roster dialogs. */
static void
test_household_page (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GtApplication) app = NULL;
  g_autofree char *dir = NULL, *path = NULL, *wal = NULL, *shm = NULL;
  char *argv[] = { "guatu", "--db", NULL, NULL };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  app = gt_application_new ();
  dir = g_dir_make_tmp ("guatu-gui-households-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "households.db", NULL);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));
  g_clear_object (&storage);

  argv[2] = path;
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (300, drive_households, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autofree char *dir = NULL;
  const char *localedir = g_getenv ("GUATU_LOCALEDIR");
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () switches to the C locale; the Chinese run needs the real one back. */
  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("guatu-gui-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "demo.db", NULL);
  garbage_path = g_build_filename (dir, "garbage.db", NULL);
  g_assert_true (g_file_set_contents (garbage_path, "not a database at all", -1, NULL));
  storage = gt_storage_open (db_path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));
  g_clear_object (&storage);

  shot_dir = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".",
                               "screenshots", g_str_has_prefix (setlocale (LC_MESSAGES, NULL),
                                                                "zh_CN") ? "zh_CN" : "C", NULL);
  g_mkdir_with_parents (shot_dir, 0755);

  g_test_add_func ("/gui/main-window", test_main_window);
  g_test_add_func ("/gui/roster-dialogs", test_roster_dialogs);
  g_test_add_func ("/gui/household-page", test_household_page);
  g_test_add_func ("/gui/member-flags-dialog", test_member_flags_dialog);
  rc = g_test_run ();

  g_free (shot_dir);
  g_free (db_path);
  g_free (garbage_path);
  return rc;
}
