/* test-gui-org-checklist.c — the organisation page's checklist (五有) and type dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gt-org-dialog.h"
#include "gt-org.h"
#include "gt-registers.h"
#include "gt-window.h"
#include "gui-test.h"

static gboolean
in_chinese (void)
{
  return g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN");
}

/* Selects 青石村党支部, the sixth organisation under the committee. */
static void
select_village (GtkWidget *page)
{
  GtkWidget *view = find_widget (page, GTK_TYPE_TREE_VIEW, "tree_view");
  GtkTreeModel *orgs = gtk_tree_view_get_model (GTK_TREE_VIEW (view));
  g_autofree char *name = NULL;
  GtkTreeIter root, child;

  g_assert_true (gtk_tree_model_get_iter_first (orgs, &root));
  g_assert_true (gtk_tree_model_iter_nth_child (orgs, &child, &root, 5));
  gtk_tree_model_get (orgs, &child, 0, &name, -1);
  g_assert_cmpstr (name, ==, "青石村党支部");
  gtk_tree_selection_select_iter (gtk_tree_view_get_selection (GTK_TREE_VIEW (view)), &child);
  pump ();
}

/* The checklist of 青石村党支部 as another connection reads it. */
static GPtrArray *
read_checklist (const char *path, gint64 org_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) reader = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  GPtrArray *entries;

  g_assert_no_error (error);
  entries = gt_org_checklist (reader, org_id, &error);
  g_assert_no_error (error);
  return entries;
}

static const char *
done_date (GPtrArray *entries, guint i)
{
  return ((GtOrgChecklistEntry *) entries->pdata[i])->done_date;
}

static GtkToggleButton *
item_check (GtkWidget *dialog, guint i)
{
  g_autofree char *name = g_strdup_printf ("item_check_%u", i);
  GtkWidget *check = find_widget (dialog, GTK_TYPE_CHECK_BUTTON, name);

  g_assert_nonnull (check);
  return GTK_TOGGLE_BUTTON (check);
}

static void
check_dialog (GtkWidget *page, const char *path, gint64 org_id)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *today = gt_today ();
  GtkWidget *dialog, *date_entry, *error_label, *date_label;

  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "checklist_button")));
  pump ();
  dialog = find_dialog ("GtOrgChecklistDialog");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   in_chinese () ? "达标清单" : "Site-Standard Checklist");
  g_assert_cmpstr (label_text (dialog, "org_label"), ==, "青石村党支部");
  /* the five default items, none ticked */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (item_check (dialog, 0))), ==, "有组织");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (item_check (dialog, 4))), ==, "有成效");
  g_assert_null (find_widget (dialog, GTK_TYPE_CHECK_BUTTON, "item_check_5"));
  for (guint i = 0; i < 5; i++)
    g_assert_false (gtk_toggle_button_get_active (item_check (dialog, i)));
  g_assert_cmpstr (label_text (dialog, "item_date_0"), ==, in_chinese () ? "未达标" : "not yet");
  date_entry = find_widget (dialog, GTK_TYPE_ENTRY, "date_entry");
  error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (date_entry)), ==, today);

  /* ticking saves at once, with the date of the entry */
  gtk_entry_set_text (GTK_ENTRY (date_entry), "2026-01-05");
  gtk_toggle_button_set_active (item_check (dialog, 0), TRUE);
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (label_text (dialog, "item_date_0"), ==, "2026-01-05");
  entries = read_checklist (path, org_id);
  g_assert_cmpstr (done_date (entries, 0), ==, "2026-01-05");
  g_assert_null (done_date (entries, 1));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* a date in the future is refused: the reason shown, the button back, nothing saved */
  gtk_entry_set_text (GTK_ENTRY (date_entry), "2999-01-01");
  gtk_toggle_button_set_active (item_check (dialog, 1), TRUE);
  pump ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (label_text (dialog, "error_label"), "2999-01-01"));
  g_assert_null (strstr (label_text (dialog, "error_label"), path));
  g_assert_false (gtk_toggle_button_get_active (item_check (dialog, 1)));
  entries = read_checklist (path, org_id);
  g_assert_null (done_date (entries, 1));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* today's ticks, and one taken off again */
  gtk_entry_set_text (GTK_ENTRY (date_entry), today);
  gtk_toggle_button_set_active (item_check (dialog, 1), TRUE);
  gtk_toggle_button_set_active (item_check (dialog, 2), TRUE);
  gtk_toggle_button_set_active (item_check (dialog, 3), TRUE);
  gtk_toggle_button_set_active (item_check (dialog, 3), FALSE);
  pump ();
  g_assert_false (gtk_widget_get_visible (error_label));
  date_label = find_widget (dialog, GTK_TYPE_LABEL, "item_date_1");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (date_label)), ==, today);
  entries = read_checklist (path, org_id);
  g_assert_cmpstr (done_date (entries, 1), ==, today);
  g_assert_cmpstr (done_date (entries, 2), ==, today);
  g_assert_null (done_date (entries, 3));
  g_assert_cmpstr (label_text (dialog, "summary_label"), ==,
                   in_chinese () ? "已达标 3 项（共 5 项）" : "3 of 5 items met");
  /* let the check marks finish their transition before the picture */
  for (int i = 0; i < 5; i++)
    {
      g_usleep (100 * 1000);
      pump ();
    }
  screenshot (dialog, "org-checklist-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  pump ();
}

/* Selects the village's branch and opens its type dialog; *@n_events is the length of its
 * history before. */
static GtkWidget *
open_type_dialog (GtkWidget *page, GtkTreeModel *events, int *n_events)
{
  select_village (page);
  *n_events = count_rows (events, NULL);
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "type_button")));
  pump ();
  return find_dialog ("GtOrgDialog");
}

/* The type dialog offers the office's own types too, and the history shows the change. */
static void
check_type_dialog (GtkWidget *page, GtStorage *storage, const char *path, gint64 org_id)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *history = find_widget (page, GTK_TYPE_TREE_VIEW, "history_view");
  GtkTreeModel *events = gtk_tree_view_get_model (GTK_TREE_VIEW (history));
  g_autofree char *text = NULL;
  GtkWidget *dialog, *combo;
  GtkTreeIter iter;
  int n_events;

  g_assert_true (gt_org_type_add (storage, "赏石产业", &error));
  g_assert_no_error (error);
  pump ();
  dialog = open_type_dialog (page, events, &n_events);
  combo = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "type_combo");
  g_assert_true (gtk_widget_get_visible (combo));
  g_assert_false (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (combo)), ==, "rural");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), "赏石产业"));
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                      "2026-03-01");
  pump ();
  screenshot (dialog, "org-dialog-type");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();

  g_assert_cmpint (count_rows (events, NULL), ==, n_events + 1);
  g_assert_true (gtk_tree_model_iter_nth_child (events, &iter, NULL, n_events));
  gtk_tree_model_get (events, &iter, 1, &text, -1);
  g_assert_cmpstr (text, ==, in_chinese () ? "类型由农村调整为赏石产业"
                                           : "Type changed from Rural to 赏石产业");
  {
    g_autoptr (GtStorage) reader = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
    g_autoptr (GPtrArray) orgs = NULL;
    const char *stored = NULL;

    g_assert_no_error (error);
    orgs = gt_org_list (reader, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < orgs->len; i++)
      if (((GtOrg *) orgs->pdata[i])->id == org_id)
        stored = ((GtOrg *) orgs->pdata[i])->org_type;
    g_assert_cmpstr (stored, ==, "赏石产业");
  }
}

/* The dialog's "Name" is an organisation's name (名称), not a person's (姓名). */
static void
check_name_label (GtkWidget *page)
{
  GtkWidget *dialog;

  select_village (page);
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "rename_button")));
  pump ();
  dialog = find_dialog ("GtOrgDialog");
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")));
  g_assert_cmpstr (label_text (dialog, "name_label"), ==, in_chinese () ? "名称" : "Name");
  screenshot (dialog, "org-dialog-rename");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  pump ();
}

/* An organisation without a type shows "No type" (未分类) wherever types show: the type
 * dialog's choice, the history, the tree, the page's branches by type and the overview. */
static void
check_no_type (GtkWidget *window, GtkWidget *page)
{
  const char *no_type = in_chinese () ? "未分类" : "No type";
  GtkWidget *view = find_widget (page, GTK_TYPE_TREE_VIEW, "tree_view");
  GtkWidget *history = find_widget (page, GTK_TYPE_TREE_VIEW, "history_view");
  GtkTreeModel *events = gtk_tree_view_get_model (GTK_TREE_VIEW (history));
  GtkTreeModel *orgs = gtk_tree_view_get_model (GTK_TREE_VIEW (view));
  GtkStack *stack = GTK_STACK (find_widget (window, GTK_TYPE_STACK, NULL));
  g_autofree char *text = NULL, *type = NULL, *want = NULL;
  g_autofree char *want_history = NULL;
  GtkWidget *dialog, *combo, *overview;
  GtkTreeIter iter, root;
  const char *types = "";
  int n_events;

  dialog = open_type_dialog (page, events, &n_events);
  combo = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "type_combo");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), ""));
  {
    g_autofree char *shown = gtk_combo_box_text_get_active_text (GTK_COMBO_BOX_TEXT (combo));
    g_assert_cmpstr (shown, ==, no_type);
  }
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "date_entry")),
                      "2026-03-02");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();

  /* the history */
  g_assert_cmpint (count_rows (events, NULL), ==, n_events + 1);
  g_assert_true (gtk_tree_model_iter_nth_child (events, &iter, NULL, n_events));
  gtk_tree_model_get (events, &iter, 1, &text, -1);
  want_history = in_chinese () ? g_strdup ("类型由赏石产业调整为未分类")
                               : g_strdup ("Type changed from 赏石产业 to No type");
  g_assert_cmpstr (text, ==, want_history);
  /* the tree */
  g_assert_true (gtk_tree_model_get_iter_first (orgs, &root));
  g_assert_true (gtk_tree_model_iter_nth_child (orgs, &iter, &root, 5));
  gtk_tree_model_get (orgs, &iter, 2, &type, -1);
  g_assert_cmpstr (type, ==, no_type);
  /* the page's branches by type */
  want = g_strdup_printf ("%s 1", no_type);
  g_assert_nonnull (strstr (label_text (page, "summary_label"), want));
  screenshot (window, "organizations-no-type");

  /* the overview's branches by type */
  gt_window_show_page (GT_WINDOW (window), "overview");
  overview = gtk_stack_get_child_by_name (stack, "overview");
  for (int waited = 0; waited < 200 && strstr (types, want) == NULL; waited++)
    {
      pump ();
      types = label_text (overview, "types_label");
    }
  g_assert_nonnull (strstr (types, want));
  g_assert_null (strstr (types, "none"));
  screenshot (window, "overview-no-type");
  gt_window_show_page (GT_WINDOW (window), "organizations");
  pump ();
}

/* A new organisation under a 党支部 is a 党小组 by default; a 党支部 there is refused with
 * both names, and the dialog stays open until it is corrected. */
static void
check_add_dialog (GtkWidget *page, const char *path, gint64 org_id)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog, *kind, *parent, *error_label;
  g_autofree char *village = g_strdup_printf ("%" G_GINT64_FORMAT, org_id);
  g_autofree char *committee = NULL;
  gint64 committee_id = 0, group_id = 0;

  select_village (page);
  gtk_button_clicked (GTK_BUTTON (find_widget (page, GTK_TYPE_BUTTON, "add_button")));
  pump ();
  dialog = find_dialog ("GtOrgDialog");
  kind = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "kind_combo");
  parent = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "parent_combo");
  error_label = find_widget (dialog, GTK_TYPE_LABEL, "error_label");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (parent)), ==, village);
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (kind)), ==, "group");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (
                     find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "level_combo"))), ==, "grid");

  /* under the committee a 党支部, back under the branch a 党小组 */
  {
    g_autoptr (GtStorage) reader = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (gt_org_find (reader, "330822105000", &committee_id, &error));
  }
  committee = g_strdup_printf ("%" G_GINT64_FORMAT, committee_id);
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (parent), committee));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (kind)), ==, "branch");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (parent), village));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (kind)), ==, "group");

  /* a 党支部 inside the 党支部: refused, naming both, nothing added */
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")),
                      "青石村第四党小组");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (kind), "branch");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "青石村第四党小组"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "青石村党支部"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)),
                            in_chinese () ? "党小组" : "Party group"));
  screenshot (dialog, "org-dialog-branch-in-branch");

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (kind), "group");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  {
    g_autoptr (GtStorage) reader = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
    g_autoptr (GPtrArray) orgs = NULL;

    g_assert_no_error (error);
    g_assert_true (gt_org_find (reader, "青石村第四党小组", &group_id, &error));
    g_assert_no_error (error);
    orgs = gt_org_list (reader, &error);
    for (guint i = 0; i < orgs->len; i++)
      if (((GtOrg *) orgs->pdata[i])->id == group_id)
        {
          g_assert_cmpstr (((GtOrg *) orgs->pdata[i])->kind, ==, "group");
          g_assert_cmpstr (((GtOrg *) orgs->pdata[i])->level, ==, "grid");
          g_assert_cmpint (((GtOrg *) orgs->pdata[i])->parent_id, ==, org_id);
        }
  }
}

static gboolean
drive (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char *path = g_object_get_data (G_OBJECT (app), "test-data");
  g_autoptr (GError) error = NULL;
  GtkWidget *page, *checklist_button, *view;
  GtStorage *storage;
  gint64 org_id = 0;

  g_assert_true (GT_IS_WINDOW (window));
  gtk_window_resize (window, 1366, 740);
  storage = gt_window_get_storage (GT_WINDOW (window));
  g_assert_true (gt_org_find (storage, "青石村党支部", &org_id, &error));
  gt_window_show_page (GT_WINDOW (window), "organizations");
  pump ();
  page = gtk_stack_get_child_by_name (GTK_STACK (find_widget (GTK_WIDGET (window),
                                                               GTK_TYPE_STACK, NULL)),
                                      "organizations");
  g_assert_nonnull (page);
  view = find_widget (page, GTK_TYPE_TREE_VIEW, "tree_view");
  checklist_button = find_widget (page, GTK_TYPE_BUTTON, "checklist_button");
  gtk_tree_selection_unselect_all (gtk_tree_view_get_selection (GTK_TREE_VIEW (view)));
  pump ();
  g_assert_false (gtk_widget_get_sensitive (checklist_button));
  g_assert_false (gtk_widget_get_sensitive (find_widget (page, GTK_TYPE_BUTTON, "type_button")));
  select_village (page);
  g_assert_true (gtk_widget_get_sensitive (checklist_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (checklist_button)), ==,
                   in_chinese () ? "达标清单(_C)…" : "_Checklist…");

  check_dialog (page, path, org_id);
  check_type_dialog (page, storage, path, org_id);
  check_add_dialog (page, path, org_id);
  screenshot (GTK_WIDGET (window), "organizations-type-history");
  check_name_label (page);
  check_no_type (GTK_WIDGET (window), page);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_org_checklist (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = gui_test_demo_db ("org-checklist.db", &dir);

  gui_test_run_app (path, drive, path);
  gui_test_remove_dir (dir);
}

/* Counts the runs of gt_org_list's statement (SQLITE_TRACE_STMT: each run of one). */
static int
count_org_lists (unsigned type, void *data, void *stmt, void *sql)
{
  if (strstr (sql, "FROM organizations o WHERE o.archived = 0 ORDER BY o.sort_order") != NULL)
    (*(int *) data)++;
  return 0;
}

/* The ids a combo box offers, each in "," … "," (",3,5,"). */
static char *
combo_ids (GtkWidget *combo)
{
  GtkTreeModel *model = gtk_combo_box_get_model (GTK_COMBO_BOX (combo));
  int id_column = gtk_combo_box_get_id_column (GTK_COMBO_BOX (combo));
  GString *ids = g_string_new (",");
  GtkTreeIter iter;

  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok;
       ok = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *id = NULL;

      gtk_tree_model_get (model, &iter, id_column, &id, -1);
      g_string_append_printf (ids, "%s,", id);
    }
  return g_string_free (ids, FALSE);
}

/* The organisation dialog reads the organisations once, however many lists it fills (the
 * parents, the branches the members of an upgraded one can move to, the parent's code when
 * adding); moving offers every parent but the organisation itself and those under it. */
static void
test_org_dialog_lists_once (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autofree char *dir = NULL, *path = gui_test_demo_db ("org-dialog.db", &dir);
  g_autofree char *offered = NULL;
  GtOrgSpec general = { .name = "青石片区党总支", .kind = "general_branch", .code = "QSZZB",
                        .level = "village" };
  GtOrgSpec branch = { .parent = "QSZZB", .name = "青石片区第一党支部", .kind = "branch",
                       .code = "QSZZB1", .level = "village" };
  GtOrgSpec group = { .parent = "QSZZB1", .name = "青石片区第一党小组", .kind = "group",
                      .level = "grid" };
  GtOrgDialogMode modes[] = { GT_ORG_DIALOG_ADD, GT_ORG_DIALOG_RENAME, GT_ORG_DIALOG_SET_KIND,
                              GT_ORG_DIALOG_MOVE, GT_ORG_DIALOG_SET_TYPE };
  GtkWidget *dialog, *combo;
  gint64 root = 0, general_id = 0, branch_id = 0, village = 0, n = 0;
  int lists = 0;

  storage = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  root = gui_test_scalar (storage, "SELECT id FROM organizations WHERE parent_id IS NULL");
  village = gui_test_scalar (storage, "SELECT id FROM organizations WHERE name = '青石村党支部'");
  {
    g_autofree char *root_name = NULL;
    sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT name FROM organizations WHERE"
                                                      " parent_id IS NULL", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    root_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
    general.parent = root_name;
    g_assert_true (gt_org_add (storage, &general, &general_id, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gt_org_add (storage, &branch, &branch_id, &error));
  g_assert_no_error (error);
  g_assert_true (gt_org_add (storage, &group, NULL, &error));
  g_assert_no_error (error);
  sqlite3_trace_v2 (gt_storage_get_db (storage), SQLITE_TRACE_STMT, count_org_lists, &lists);

  /* one reading per dialog, in every mode (upgrading a branch with members fills the
   * moving rows too) */
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      lists = 0;
      dialog = GTK_WIDGET (gt_org_dialog_new (NULL, storage, modes[i],
                                              modes[i] == GT_ORG_DIALOG_ADD ? general_id
                                                                            : village));
      gtk_widget_show (dialog);
      pump ();
      g_assert_cmpint (lists, ==, 1);
      gtk_widget_destroy (dialog);
    }

  /* moving the 党总支: neither it nor its branch is offered as the new parent; every other
   * organisation that can hold one is */
  dialog = GTK_WIDGET (gt_org_dialog_new (NULL, storage, GT_ORG_DIALOG_MOVE, general_id));
  gtk_widget_show (dialog);
  pump ();
  combo = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "parent_combo");
  offered = combo_ids (combo);
  {
    g_autofree char *id = g_strdup_printf (",%" G_GINT64_FORMAT ",", general_id);
    g_autofree char *child = g_strdup_printf (",%" G_GINT64_FORMAT ",", branch_id);
    g_autofree char *to = g_strdup_printf (",%" G_GINT64_FORMAT ",", village);
    g_autofree char *top = g_strdup_printf (",%" G_GINT64_FORMAT ",", root);

    g_assert_null (strstr (offered, id));
    g_assert_null (strstr (offered, child));
    g_assert_nonnull (strstr (offered, to));
    g_assert_nonnull (strstr (offered, top));
  }
  n = gui_test_scalar (storage, "SELECT count(*) FROM organizations WHERE archived = 0 AND"
                                " kind <> 'group'");
  g_assert_cmpint (gtk_tree_model_iter_n_children (gtk_combo_box_get_model (
                     GTK_COMBO_BOX (combo)), NULL), ==, n - 2);
  gtk_widget_destroy (dialog);

  /* moving the branch starts from the parent it has now (not the first in the list); OK
   * there changes nothing and records nothing; it moves under the one chosen, without
   * reading the list again */
  lists = 0;
  dialog = GTK_WIDGET (gt_org_dialog_new (NULL, storage, GT_ORG_DIALOG_MOVE, branch_id));
  gtk_widget_show (dialog);
  pump ();
  combo = find_widget (dialog, GTK_TYPE_COMBO_BOX_TEXT, "parent_combo");
  g_assert_cmpint (g_ascii_strtoll (gtk_combo_box_get_active_id (GTK_COMBO_BOX (combo)), NULL,
                                    10), ==, general_id);
  {
    g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, root);
    g_autofree char *parent = g_strdup_printf ("SELECT parent_id FROM organizations WHERE id ="
                                               " %" G_GINT64_FORMAT, branch_id);
    g_autofree char *state = g_strdup_printf ("SELECT rev * 1000 + (SELECT count(*) FROM"
                                              " org_events WHERE org_id = %" G_GINT64_FORMAT
                                              ") FROM organizations WHERE id = %"
                                              G_GINT64_FORMAT, branch_id, branch_id);
    gint64 before = gui_test_scalar (storage, state);

    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    g_assert_true (shown_dialog ("GtOrgDialog") == dialog);
    g_assert_cmpint (gui_test_scalar (storage, state), ==, before);
    g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), to));
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
    pump ();
    g_assert_cmpint (gui_test_scalar (storage, parent), ==, root);
  }
  g_assert_cmpint (lists, ==, 1);
  g_assert_null (shown_dialog ("GtOrgDialog"));

  /* the top organisation has nowhere to go: said so, OK insensitive */
  dialog = GTK_WIDGET (gt_org_dialog_new (NULL, storage, GT_ORG_DIALOG_MOVE, root));
  gtk_widget_show (dialog);
  pump ();
  g_assert_false (gtk_widget_is_sensitive (
    gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK)));
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, GTK_TYPE_LABEL, "error_label")));
  gtk_widget_destroy (dialog);

  /* adding under the suggested parent names it by its code, from the same list */
  lists = 0;
  dialog = GTK_WIDGET (gt_org_dialog_new (NULL, storage, GT_ORG_DIALOG_ADD, general_id));
  gtk_widget_show (dialog);
  pump ();
  gtk_entry_set_text (GTK_ENTRY (find_widget (dialog, GTK_TYPE_ENTRY, "name_entry")),
                      "青石片区第二党支部");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  pump ();
  g_assert_null (shown_dialog ("GtOrgDialog"));
  g_assert_cmpint (lists, ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM organizations WHERE name ="
                                            " '青石片区第二党支部' AND parent_id = %"
                                            G_GINT64_FORMAT, general_id);

    g_assert_cmpint (gui_test_scalar (storage, sql), ==, 1);
  }

  sqlite3_trace_v2 (gt_storage_get_db (storage), 0, NULL, NULL);
  g_clear_object (&storage);
  gui_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/org-checklist", test_org_checklist);
  g_test_add_func ("/gui/org-dialog/lists-once", test_org_dialog_lists_once);
  return g_test_run ();
}
