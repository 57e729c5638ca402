/* gt-project-page.c — the 挂图作战 project library: number, owners, milestones ticked off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-project-page.h"
#include "gt-registers.h"

enum
{
  COL_NUMBER,
  COL_NAME,
  COL_KIND,
  COL_LEADER,
  COL_CADRE,
  COL_PROGRESS,
  COL_PROGRESS_TEXT,
  COL_NEXT_NODE,
  COL_DUE,
  COL_ID,
};

struct _GtProjectPage
{
  GtkBox parent_instance;

  GtkLabel *summary_label;
  GtkTreeView *tree_view;
  GtkListStore *store;
};

static void gt_project_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtProjectPage, gt_project_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_project_page_page_init))

static void
gt_project_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtProjectPage *self = GT_PROJECT_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) projects = NULL;
  g_autofree char *summary = NULL;
  guint closed = 0;

  gtk_list_store_clear (self->store);
  gtk_label_set_label (self->summary_label, "");
  if (storage == NULL)
    return;

  projects = gt_project_list (storage, &error);
  if (projects == NULL)
    {
      gt_page_report_error (page, error);
      return;
    }

  for (guint i = 0; i < projects->len; i++)
    {
      GtProject *p = projects->pdata[i];
      g_autofree char *progress = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                                                   p->n_done, p->n_milestones);
      g_autofree char *next = NULL;

      if (p->closed_date != NULL)
        {
          next = g_strdup_printf (_("Closed on %s"), p->closed_date);
          closed++;
        }
      else if (p->next_node != NULL)
        next = g_strdup_printf ("%s (%s)", p->next_node, p->next_date);

      gtk_list_store_insert_with_values (
        self->store, NULL, -1,
        COL_NUMBER, p->number,
        COL_NAME, p->name,
        COL_KIND, gt_label_project_kind (p->kind),
        COL_LEADER, p->leader,
        COL_CADRE, p->cadre,
        COL_PROGRESS, (int) (p->n_milestones > 0 ? 100 * p->n_done / p->n_milestones : 0),
        COL_PROGRESS_TEXT, progress,
        COL_NEXT_NODE, next != NULL ? next : "",
        COL_DUE, p->due_date,
        COL_ID, p->id, -1);
    }

  summary = g_strdup_printf (ngettext ("%u project, %u closed", "%u projects, %u closed",
                                       projects->len),
                             projects->len, closed);
  gtk_label_set_label (self->summary_label, summary);
}

static void
gt_project_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_project_page_set_storage;
}

static void
gt_project_page_class_init (GtProjectPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, store);
}

static void
gt_project_page_init (GtProjectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
