/* gt-project-diff-dialog.c — what changed in the project library since the last snapshot:
 * the starting point of the monthly wall update and of the 比战 progress meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-project-dialog.h"
#include "gt-project-diff-dialog.h"
#include "gt-project.h"

enum
{
  COL_NUMBER,
  COL_NAME,
  COL_DETAIL,
  COL_DATE,
  COL_WHO,
  COL_WEIGHT,
  COL_PROJECT_ID,
  N_COLS
};

static void
add_group (GtkTreeStore *store, const char *title, GPtrArray *changes)
{
  g_autofree char *heading = g_strdup_printf ("%s (%u)", title, changes->len);
  GtkTreeIter parent;

  gtk_tree_store_insert_with_values (store, &parent, NULL, -1, COL_NUMBER, heading,
                                     COL_WEIGHT, PANGO_WEIGHT_BOLD, -1);
  for (guint i = 0; i < changes->len; i++)
    {
      GtProjectChange *c = changes->pdata[i];

      gtk_tree_store_insert_with_values (store, NULL, &parent, -1, COL_NUMBER, c->number,
                                         COL_NAME, c->name, COL_DETAIL,
                                         c->detail != NULL ? c->detail : "", COL_DATE,
                                         c->date != NULL ? c->date : "", COL_WHO,
                                         c->who != NULL ? c->who : "", COL_WEIGHT,
                                         PANGO_WEIGHT_NORMAL, COL_PROJECT_ID, c->project_id,
                                         -1);
    }
}

static void
add_column (GtkTreeView *view, const char *title, int col, gboolean expand)
{
  GtkCellRenderer *cell = gtk_cell_renderer_text_new ();
  GtkTreeViewColumn *column = gtk_tree_view_column_new_with_attributes (
    title, cell, "text", col, "weight", COL_WEIGHT, NULL);

  if (expand)
    g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gtk_tree_view_column_set_expand (column, expand);
  gtk_tree_view_column_set_resizable (column, TRUE);
  gtk_tree_view_append_column (view, column);
}

/* A change's row opens its project. */
static void
row_activated_cb (GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *column,
                  GtkWidget *dialog)
{
  GtkTreeModel *model = gtk_tree_view_get_model (view);
  GtStorage *storage = g_object_get_data (G_OBJECT (dialog), "storage");
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_model_get_iter (model, &iter, path))
    gtk_tree_model_get (model, &iter, COL_PROJECT_ID, &id, -1);
  if (id > 0 && storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_project_dialog_new (GTK_WINDOW (dialog), storage, id)));
}

GtkWidget *
gt_project_diff_dialog_new (GtkWindow *parent, GtStorage *storage, GError **error)
{
  g_autoptr (GtProjectDiff) diff = gt_project_diff (storage, 0, NULL, error);
  g_autoptr (GtkTreeStore) store = NULL;
  g_autofree char *title = NULL, *summary = NULL;
  GtkWidget *dialog, *content, *scrolled, *view, *label;

  if (diff == NULL)
    return NULL;
  title = g_strdup_printf (_("Changes Since the Snapshot of %s"), diff->taken_on);
  dialog = gtk_dialog_new_with_buttons (title, parent, GTK_DIALOG_MODAL, _("_Close"),
                                        GTK_RESPONSE_CLOSE, NULL);
  gtk_buildable_set_name (GTK_BUILDABLE (dialog), "project_diff_dialog");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 860, 540);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);

  store = gtk_tree_store_new (N_COLS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                              G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT64);
  add_group (store, _("Milestones ticked off (销号)"), diff->ticked);
  add_group (store, _("Projects newly overdue"), diff->newly_overdue);
  add_group (store, _("New projects"), diff->new_projects);
  add_group (store, _("Projects closed"), diff->closed);

  content = gtk_dialog_get_content_area (GTK_DIALOG (dialog));
  gtk_container_set_border_width (GTK_CONTAINER (content), 12);
  gtk_box_set_spacing (GTK_BOX (content), 8);
  summary = g_strdup_printf (_("From the snapshot of %s to %s: %u milestones ticked off, %u "
                               "projects newly overdue, %u new projects, %u projects closed."),
                             diff->taken_on, diff->today, diff->ticked->len,
                             diff->newly_overdue->len, diff->new_projects->len,
                             diff->closed->len);
  label = gtk_label_new (summary);
  gtk_buildable_set_name (GTK_BUILDABLE (label), "summary_label");
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_pack_start (GTK_BOX (content), label, FALSE, TRUE, 0);

  view = gtk_tree_view_new_with_model (GTK_TREE_MODEL (store));
  gtk_buildable_set_name (GTK_BUILDABLE (view), "tree_view");
  add_column (GTK_TREE_VIEW (view), _("Number"), COL_NUMBER, FALSE);
  add_column (GTK_TREE_VIEW (view), _("Project"), COL_NAME, TRUE);
  add_column (GTK_TREE_VIEW (view), _("Milestone"), COL_DETAIL, FALSE);
  add_column (GTK_TREE_VIEW (view), _("Date"), COL_DATE, FALSE);
  add_column (GTK_TREE_VIEW (view), _("Who"), COL_WHO, FALSE);
  gtk_tree_view_expand_all (GTK_TREE_VIEW (view));
  g_object_set_data_full (G_OBJECT (dialog), "storage", g_object_ref (storage), g_object_unref);
  g_signal_connect (view, "row-activated", G_CALLBACK (row_activated_cb), dialog);
  scrolled = gtk_scrolled_window_new (NULL, NULL);
  gtk_scrolled_window_set_shadow_type (GTK_SCROLLED_WINDOW (scrolled), GTK_SHADOW_IN);
  gtk_container_add (GTK_CONTAINER (scrolled), view);
  gtk_box_pack_start (GTK_BOX (content), scrolled, TRUE, TRUE, 0);
  gtk_widget_show_all (content);
  return dialog;
}
