/* gt-legend-dialog.c — the wall charts' legend: a colour and a meaning per project status,
 * and the at-risk window
 *
 * Counties colour their charts differently (domain §5), so the legend is a setting of the
 * office kept in the database (gt_project_legend_save); the chart page, the project list and
 * every exported chart read it from there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-legend-dialog.h"
#include "gt-page.h"
#include "gt-project-status.h"

#define N_STATUSES 4

struct _GtLegendDialog
{
  GtkDialog parent_instance;

  GtkColorButton *colour[N_STATUSES]; /* in GtProjectStatus order */
  GtkEntry *meaning[N_STATUSES];
  GtkSpinButton *days_spin;
  GtkLabel *error_label;

  GtStorage *storage;
};

G_DEFINE_TYPE (GtLegendDialog, gt_legend_dialog, GTK_TYPE_DIALOG)

static void
show_legend (GtLegendDialog *self, GPtrArray *legend)
{
  for (guint i = 0; i < legend->len; i++)
    {
      const GtLegendEntry *entry = legend->pdata[i];
      GdkRGBA rgba = { entry->r, entry->g, entry->b, 1.0 };

      if ((guint) entry->status >= N_STATUSES)
        continue;
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colour[entry->status]), &rgba);
      gtk_entry_set_text (self->meaning[entry->status], entry->meaning);
    }
}

static void
defaults_clicked_cb (GtLegendDialog *self)
{
  g_autoptr (GPtrArray) legend = gt_project_legend_default ();

  show_legend (self, legend);
  gtk_spin_button_set_value (self->days_spin, 14);
}

static gboolean
save (GtLegendDialog *self, GError **error)
{
  g_autoptr (GPtrArray) legend = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gt_legend_entry_free);
  int days;

  for (guint s = 0; s < N_STATUSES; s++)
    {
      GtLegendEntry *entry = g_new0 (GtLegendEntry, 1);
      GdkRGBA rgba;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->colour[s]), &rgba);
      entry->status = (GtProjectStatus) s;
      entry->r = rgba.red;
      entry->g = rgba.green;
      entry->b = rgba.blue;
      entry->meaning = g_strstrip (g_strdup (gtk_entry_get_text (self->meaning[s])));
      g_ptr_array_add (legend, entry);
    }
  gtk_spin_button_update (self->days_spin);
  days = gtk_spin_button_get_value_as_int (self->days_spin);
  if (!gt_storage_begin (self->storage, error))
    return FALSE;
  if (!gt_project_legend_save (self->storage, legend, error) ||
      (days != gt_project_at_risk_days (self->storage) &&
       !gt_project_set_at_risk_days (self->storage, days, error)) ||
      !gt_storage_commit (self->storage, error))
    {
      gt_storage_rollback (self->storage);
      return FALSE;
    }
  return TRUE;
}

static void
gt_legend_dialog_response (GtkDialog *dialog, int response)
{
  GtLegendDialog *self = GT_LEGEND_DIALOG (dialog);
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_OK && !save (self, &error))
    {
      gtk_label_set_label (self->error_label, gt_error_text (self->storage, error));
      gtk_widget_show (GTK_WIDGET (self->error_label));
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_legend_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_LEGEND_DIALOG (object)->storage);
  G_OBJECT_CLASS (gt_legend_dialog_parent_class)->dispose (object);
}

static void
gt_legend_dialog_class_init (GtLegendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_legend_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_legend_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-legend-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtLegendDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, GtLegendDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, defaults_clicked_cb);
  for (guint s = 0; s < N_STATUSES; s++)
    {
      const char *code = gt_project_status_code ((GtProjectStatus) s);
      g_autofree char *colour = g_strconcat (code, "_colour", NULL);
      g_autofree char *meaning = g_strconcat (code, "_meaning", NULL);

      gtk_widget_class_bind_template_child_full (
        widget_class, colour, FALSE,
        G_STRUCT_OFFSET (GtLegendDialog, colour) + s * sizeof (GtkColorButton *));
      gtk_widget_class_bind_template_child_full (
        widget_class, meaning, FALSE,
        G_STRUCT_OFFSET (GtLegendDialog, meaning) + s * sizeof (GtkEntry *));
    }
}

static void
gt_legend_dialog_init (GtLegendDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtLegendDialog *
gt_legend_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtLegendDialog *self = g_object_new (GT_TYPE_LEGEND_DIALOG, "transient-for", parent,
                                       "use-header-bar", FALSE, NULL);
  g_autoptr (GPtrArray) legend = gt_project_legend_load (storage, NULL);

  self->storage = g_object_ref (storage);
  if (legend == NULL)
    legend = gt_project_legend_default ();
  show_legend (self, legend);
  gtk_spin_button_set_value (self->days_spin, gt_project_at_risk_days (storage));
  return self;
}
