/* gt-project-page.c — the 挂图作战 project library: number, status in the legend's colour,
 * owners, milestones ticked off; filters by kind, level, status and organisation; adding
 * and editing projects, snapshots and the changes since the last one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-project-diff-dialog.h"
#include "gt-project-dialog.h"
#include "gt-project-page.h"
#include "gt-page.h"
#include "gt-project.h"
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
  COL_STATUS,
  COL_STATUS_BACKGROUND,
  COL_STATUS_FOREGROUND,
  COL_ACCOUNTABILITY,
};

struct _GtProjectPage
{
  GtkBox parent_instance;

  GtkLabel *summary_label;
  GtkTreeView *tree_view;
  GtkListStore *store;
  GtkSearchEntry *search_entry;
  GtkComboBoxText *kind_combo;
  GtkComboBoxText *level_combo;
  GtkComboBoxText *status_combo;
  GtkComboBoxText *org_combo;
  GtkWidget *add_button;
  GtkWidget *edit_button;
  GtkWidget *snapshot_button;
  GtkWidget *changes_button;

  GtStorage *storage;
  gboolean filling;
  char *notice; /* shown after the summary until the next database */
};

static void gt_project_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtProjectPage, gt_project_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_project_page_page_init))

/* Text that reads well on @r, @g, @b. */
static const char *
foreground_for (double r, double g, double b)
{
  return 0.299 * r + 0.587 * g + 0.114 * b > 0.6 ? "#000000" : "#FFFFFF";
}

static void
reload (GtProjectPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) projects = NULL, legend = NULL;
  g_autofree char *summary = NULL;
  const char *kind, *level, *status, *org;
  GtProjectFilter filter = { .status = -1 };
  guint counts[GT_PROJECT_N_STATUS] = { 0 }, accountable = 0;

  gtk_list_store_clear (self->store);
  if (self->storage == NULL || self->filling)
    return;

  kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  level = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo));
  status = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->status_combo));
  org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  filter.kind = kind != NULL && *kind != '\0' ? kind : NULL;
  filter.level = level != NULL && *level != '\0' ? level : NULL;
  if (status != NULL && *status != '\0')
    {
      GtProjectStatus s;
      if (gt_project_status_from_code (status, &s))
        filter.status = (int) s;
    }
  filter.org_id = org != NULL && *org != '\0' ? g_ascii_strtoll (org, NULL, 10) : 0;
  filter.text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));

  projects = gt_project_query (self->storage, &filter, NULL, &error);
  if (projects == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  legend = gt_project_legend_load (self->storage, NULL);

  for (guint i = 0; i < projects->len; i++)
    {
      GtProjectInfo *p = projects->pdata[i];
      const GtLegendEntry *colour = legend != NULL
                                      ? gt_project_legend_lookup (legend, p->status) : NULL;
      g_autofree char *progress = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                                                   p->base.n_done, p->base.n_milestones);
      g_autofree char *kind_label = gt_project_kind_label (self->storage, p->base.kind);
      g_autofree char *background = colour != NULL
                                      ? gt_colour_format (colour->r, colour->g, colour->b)
                                      : NULL;
      g_autofree char *next = NULL;

      counts[p->status]++;
      accountable += p->accountable;
      if (p->base.closed_date != NULL)
        next = g_strdup_printf (_("Closed on %s"), p->base.closed_date);
      else if (p->base.next_node != NULL)
        next = g_strdup_printf ("%s (%s)", p->base.next_node, p->base.next_date);

      gtk_list_store_insert_with_values (
        self->store, NULL, -1,
        COL_NUMBER, p->base.number,
        COL_NAME, p->base.name,
        COL_KIND, kind_label,
        COL_LEADER, p->base.leader,
        COL_CADRE, p->base.cadre,
        COL_PROGRESS, (int) (p->base.n_milestones > 0
                               ? 100 * p->base.n_done / p->base.n_milestones : 0),
        COL_PROGRESS_TEXT, progress,
        COL_NEXT_NODE, next != NULL ? next : "",
        COL_DUE, p->base.due_date,
        COL_ID, p->base.id,
        COL_STATUS, gt_project_status_label (p->status),
        COL_STATUS_BACKGROUND, background,
        COL_STATUS_FOREGROUND, colour != NULL ? foreground_for (colour->r, colour->g, colour->b)
                                              : NULL,
        COL_ACCOUNTABILITY, p->accountable ? _("Accountability raised") : "", -1);
    }

  summary = g_strdup_printf (
    ngettext ("%u project: %u done, %u on track, %u at risk, %u overdue; %u under "
              "accountability",
              "%u projects: %u done, %u on track, %u at risk, %u overdue; %u under "
              "accountability", projects->len),
    projects->len, counts[GT_PROJECT_STATUS_DONE], counts[GT_PROJECT_STATUS_ON_TRACK],
    counts[GT_PROJECT_STATUS_AT_RISK], counts[GT_PROJECT_STATUS_OVERDUE], accountable);
  if (self->notice != NULL)
    {
      g_autofree char *with_notice = g_strdup_printf ("%s — %s", summary, self->notice);
      gtk_label_set_label (self->summary_label, with_notice);
    }
  else
    gtk_label_set_label (self->summary_label, summary);
}

/* Fills the filter choices, keeping what is selected. */
static void
fill_filters (GtProjectPage *self)
{
  static const char *const levels[] = { "county", "township", "village" };
  g_autofree char *kind = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo)));
  g_autofree char *level = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo)));
  g_autofree char *status = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->status_combo)));
  g_autofree char *org = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo)));
  g_autoptr (GPtrArray) kinds = gt_project_kind_list (self->storage, NULL);
  g_autoptr (GPtrArray) orgs = gt_org_list (self->storage, NULL);
  GtkListStore *store;

  self->filling = TRUE;
  gtk_combo_box_text_remove_all (self->kind_combo);
  gtk_combo_box_text_append (self->kind_combo, "", _("All kinds"));
  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      GtProjectKind *k = kinds->pdata[i];
      gtk_combo_box_text_append (self->kind_combo, k->code, k->label);
    }
  gtk_combo_box_text_remove_all (self->level_combo);
  gtk_combo_box_text_append (self->level_combo, "", _("All levels"));
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    gtk_combo_box_text_append (self->level_combo, levels[i], gt_label_org_level (levels[i]));
  gtk_combo_box_text_remove_all (self->status_combo);
  gtk_combo_box_text_append (self->status_combo, "", _("Any status"));
  for (guint s = 0; s < GT_PROJECT_N_STATUS; s++)
    gtk_combo_box_text_append (self->status_combo, gt_project_status_code (s),
                               gt_project_status_label (s));
  store = gt_combo_box_text_take_model (self->org_combo);
  gt_combo_box_text_store_append (store, "", _("All organisations"));
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *o = orgs->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, o->id);
      gt_combo_box_text_store_append (store, id, o->name);
    }
  gt_combo_box_text_give_model (self->org_combo, store);
#define RESTORE(combo, id) \
  if (id == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), id)) \
    gtk_combo_box_set_active (GTK_COMBO_BOX (combo), 0)
  RESTORE (self->kind_combo, kind);
  RESTORE (self->level_combo, level);
  RESTORE (self->status_combo, status);
  RESTORE (self->org_combo, org);
#undef RESTORE
  self->filling = FALSE;
}

static void
gt_project_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtProjectPage *self = GT_PROJECT_PAGE (page);
  gboolean open = storage != NULL;

  if (self->storage != storage)
    g_clear_pointer (&self->notice, g_free);
  g_set_object (&self->storage, storage);
  gtk_label_set_label (self->summary_label, "");
  gtk_widget_set_sensitive (self->add_button, open);
  gtk_widget_set_sensitive (self->edit_button, open);
  gtk_widget_set_sensitive (self->snapshot_button, open);
  gtk_widget_set_sensitive (self->changes_button, open);
  if (storage == NULL)
    {
      gtk_list_store_clear (self->store);
      return;
    }
  fill_filters (self);
  reload (self);
}

static void
open_dialog (GtProjectPage *self, gint64 id)
{
  GtProjectDialog *dialog;

  if (self->storage == NULL)
    return;
  dialog = gt_project_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                  self->storage, id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (GtkButton *button, GtProjectPage *self)
{
  open_dialog (self, 0);
}

static void
edit_clicked_cb (GtkButton *button, GtProjectPage *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, COL_ID, &id, -1);
  if (id != 0)
    open_dialog (self, id);
}

static void
row_activated_cb (GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *column,
                  GtProjectPage *self)
{
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_model_get_iter (GTK_TREE_MODEL (self->store), &iter, path))
    gtk_tree_model_get (GTK_TREE_MODEL (self->store), &iter, COL_ID, &id, -1);
  if (id != 0)
    open_dialog (self, id);
}

static void
show_error_dialog (GtProjectPage *self, const GError *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))), GTK_DIALOG_MODAL,
    GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", gt_error_text (self->storage, error));

  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
snapshot_clicked_cb (GtkButton *button, GtProjectPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *today = gt_today ();

  if (self->storage == NULL)
    return;
  g_free (self->notice);
  self->notice = g_strdup_printf (_("snapshot taken on %s"), today);
  if (!gt_project_snapshot_take (self->storage, today, NULL, NULL, &error))
    {
      g_clear_pointer (&self->notice, g_free);
      show_error_dialog (self, error);
    }
}

static void
changes_clicked_cb (GtkButton *button, GtProjectPage *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  if (self->storage == NULL)
    return;
  dialog = gt_project_diff_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                       self->storage, &error);
  if (dialog == NULL)
    show_error_dialog (self, error);
  else
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_changed_cb (GtkSearchEntry *entry, GtProjectPage *self)
{
  reload (self);
}

static void
filter_changed_cb (GtkComboBox *combo, GtProjectPage *self)
{
  reload (self);
}

static void
gt_project_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_project_page_set_storage;
}

static void
gt_project_page_dispose (GObject *object)
{
  GtProjectPage *self = GT_PROJECT_PAGE (object);

  g_clear_object (&self->storage);
  g_clear_pointer (&self->notice, g_free);
  G_OBJECT_CLASS (gt_project_page_parent_class)->dispose (object);
}

static void
gt_project_page_class_init (GtProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_project_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, store);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, level_combo);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, status_combo);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, snapshot_button);
  gtk_widget_class_bind_template_child (widget_class, GtProjectPage, changes_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, snapshot_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, changes_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
}

static void
gt_project_page_init (GtProjectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->org_combo), 16);
}
