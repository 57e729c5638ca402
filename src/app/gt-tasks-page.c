/* gt-tasks-page.c — the township's list of tasks and notices received from the county (from
 * imported dispatch packages), with due date and status (or withdrawn by the county), and
 * the two acknowledgements: received and done (gt_county_acknowledge). The acknowledgements travel back to the county
 * in an ack package, written by the data-exchange area's export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-county-dispatch.h"
#include "gt-tasks-page.h"


struct _GtTasksPage
{
  GtkBox parent_instance;

  GtkTreeView *tasks_view;
  GtkLabel *empty_label;
  GtkLabel *body_label;
  GtkWidget *received_button;
  GtkWidget *done_button;

  GtkListStore *store;
  GtStorage *storage;
};

static void gt_tasks_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtTasksPage, gt_tasks_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_tasks_page_page_init))

static const char *
status_text (const char *status)
{
  if (g_strcmp0 (status, "done") == 0)
    return _("Done");
  if (g_strcmp0 (status, "received") == 0)
    return _("Received");
  return C_("task status", "New");
}

static void
fill (GtTasksPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autofree char *today = gt_today (), *selected = NULL;
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tasks_view);
  GtkTreeModel *model;
  GtkTreeIter iter;

  /* keep the selected task selected across the reload an acknowledgement causes */
  if (gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, GT_TASKS_UUID, &selected, -1);
  gtk_list_store_clear (self->store);
  if (self->storage == NULL)
    return;
  tasks = gt_county_list_received (self->storage, &error);
  if (tasks == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  for (guint i = 0; i < tasks->len; i++)
    {
      GtCountyReceived *t = tasks->pdata[i];
      g_autofree char *status = NULL, *body = NULL;

      if (t->withdrawn_on != NULL)
        {
          status = g_strdup_printf (_("Withdrawn on %s"), t->withdrawn_on);
          body = *t->withdrawn_reason != '\0'
                   ? g_strdup_printf (_("Withdrawn by the county on %s: %s\n\n%s"),
                                      t->withdrawn_on, t->withdrawn_reason, t->body)
                   : g_strdup_printf (_("Withdrawn by the county on %s.\n\n%s"),
                                      t->withdrawn_on, t->body);
        }
      else if (t->due_date != NULL && g_strcmp0 (t->status, "done") != 0 &&
          g_strcmp0 (t->due_date, today) < 0)
        status = g_strdup_printf (_("%s, overdue"), status_text (t->status));
      else
        status = g_strdup (status_text (t->status));
      gtk_list_store_insert_with_values (
        self->store, &iter, -1, GT_TASKS_UUID, t->uuid, GT_TASKS_KIND,
        g_strcmp0 (t->kind, "notice") == 0 ? _("Notice") : _("Task"), GT_TASKS_TITLE, t->title,
        GT_TASKS_DUE, t->due_date != NULL ? t->due_date : "—", GT_TASKS_FROM, t->issuer_name,
        GT_TASKS_ISSUED, t->issued_on, GT_TASKS_STATUS, status, GT_TASKS_STATUS_ID, t->status,
        GT_TASKS_BODY, body != NULL ? body : t->body, GT_TASKS_WITHDRAWN,
        t->withdrawn_on != NULL, -1);
      if (g_strcmp0 (selected, t->uuid) == 0)
        gtk_tree_selection_select_iter (selection, &iter);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), tasks->len == 0);
}

static void
selection_changed_cb (GtkTreeSelection *selection, GtTasksPage *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autofree char *body = NULL, *status = NULL;
  gboolean selected = gtk_tree_selection_get_selected (selection, &model, &iter);
  gboolean withdrawn = FALSE;

  if (selected)
    gtk_tree_model_get (model, &iter, GT_TASKS_BODY, &body, GT_TASKS_STATUS_ID, &status,
                        GT_TASKS_WITHDRAWN, &withdrawn, -1);
  gtk_label_set_label (self->body_label, body != NULL ? body : "");
  /* a withdrawn task asks for no acknowledgement */
  gtk_widget_set_sensitive (self->received_button, selected && !withdrawn && status == NULL);
  gtk_widget_set_sensitive (self->done_button, selected && !withdrawn &&
                            g_strcmp0 (status, "done") != 0);
}

static void
acknowledge (GtTasksPage *self, const char *status)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tasks_view);
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;

  if (self->storage == NULL || !gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, GT_TASKS_UUID, &uuid, -1);
  /* the storage's "changed" signal reloads the page */
  if (!gt_county_acknowledge (self->storage, uuid, status, NULL, &error))
    gt_page_report_error (GT_PAGE (self), error);
}

static void
received_clicked_cb (GtkWidget *button, GtTasksPage *self)
{
  acknowledge (self, "received");
}

static void
done_clicked_cb (GtkWidget *button, GtTasksPage *self)
{
  acknowledge (self, "done");
}

static void
gt_tasks_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtTasksPage *self = GT_TASKS_PAGE (page);

  g_set_object (&self->storage, storage);
  fill (self);
}

static void
gt_tasks_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_tasks_page_set_storage;
}

static void
gt_tasks_page_dispose (GObject *object)
{
  GtTasksPage *self = GT_TASKS_PAGE (object);

  g_clear_object (&self->storage);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (gt_tasks_page_parent_class)->dispose (object);
}

static void
gt_tasks_page_class_init (GtTasksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_tasks_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-tasks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtTasksPage, tasks_view);
  gtk_widget_class_bind_template_child (widget_class, GtTasksPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GtTasksPage, body_label);
  gtk_widget_class_bind_template_child (widget_class, GtTasksPage, received_button);
  gtk_widget_class_bind_template_child (widget_class, GtTasksPage, done_button);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, received_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);
}

static void
gt_tasks_page_init (GtTasksPage *self)
{
  static const struct { const char *title; int column; } columns[] = {
    { N_("Kind"), GT_TASKS_KIND }, { N_("Title"), GT_TASKS_TITLE }, { N_("Due"), GT_TASKS_DUE },
    { N_("Status"), GT_TASKS_STATUS }, { N_("From"), GT_TASKS_FROM },
    { N_("Issued"), GT_TASKS_ISSUED },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = gtk_list_store_new (GT_TASKS_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
                                    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                    G_TYPE_BOOLEAN);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkCellRenderer *cell = gtk_cell_renderer_text_new ();
      GtkTreeViewColumn *column = gtk_tree_view_column_new_with_attributes (
        _(columns[i].title), cell, "text", columns[i].column, NULL);

      if (columns[i].column == GT_TASKS_TITLE)
        {
          g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
          gtk_tree_view_column_set_expand (column, TRUE);
        }
      /* withdrawn by the county: greyed and struck through, but for the line through the
       * status that says so */
      gt_tree_view_column_mark_withdrawn (column, cell, GT_TASKS_WITHDRAWN,
                                          columns[i].column != GT_TASKS_STATUS);
      gtk_tree_view_append_column (self->tasks_view, column);
    }
  gtk_tree_view_set_model (self->tasks_view, GTK_TREE_MODEL (self->store));
}
