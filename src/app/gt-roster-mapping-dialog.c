/* gt-roster-mapping-dialog.c — saying what unknown roster columns hold, remembered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-page.h"
#include "gt-roster-mapping-dialog.h"
#include "gt-roster.h"

struct _GtRosterMappingDialog
{
  GtkDialog parent_instance;

  GtkGrid *grid;
  GtkLabel *error_label;

  GtStorage *storage;
  GPtrArray *headers; /* strings */
  GPtrArray *combos;  /* GtkComboBoxText*, one per header */
};

G_DEFINE_TYPE (GtRosterMappingDialog, gt_roster_mapping_dialog, GTK_TYPE_DIALOG)

static const char *const field_codes[] = {
  "name", "gender", "ethnicity", "id_number", "phone", "education", "occupation",
  "birth_date", "join_date", "full_date", "branch", "category", "group", "ignore",
};

gboolean
gt_roster_mapping_dialog_save (GtRosterMappingDialog *self)
{
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < self->headers->len; i++)
    {
      const char *field = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->combos->pdata[i]));

      if (field != NULL && *field != '\0' &&
          !gt_roster_remember_column (self->storage, self->headers->pdata[i], field, &error))
        {
          gtk_label_set_label (self->error_label, gt_error_text (self->storage, error));
          gtk_widget_show (GTK_WIDGET (self->error_label));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
gt_roster_mapping_dialog_set (GtRosterMappingDialog *self, const char *header,
                              const char *field)
{
  for (guint i = 0; i < self->headers->len; i++)
    if (g_strcmp0 (self->headers->pdata[i], header) == 0)
      return gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->combos->pdata[i]), field);
  return FALSE;
}

static void
gt_roster_mapping_dialog_finalize (GObject *object)
{
  GtRosterMappingDialog *self = GT_ROSTER_MAPPING_DIALOG (object);

  g_clear_object (&self->storage);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->combos, g_ptr_array_unref);
  G_OBJECT_CLASS (gt_roster_mapping_dialog_parent_class)->finalize (object);
}

static void
gt_roster_mapping_dialog_class_init (GtRosterMappingDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = gt_roster_mapping_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-roster-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtRosterMappingDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, GtRosterMappingDialog, error_label);
}

static void
gt_roster_mapping_dialog_init (GtRosterMappingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->combos = g_ptr_array_new ();
}

GtRosterMappingDialog *
gt_roster_mapping_dialog_new (GtkWindow *parent, GtStorage *storage, GPtrArray *headers)
{
  GtRosterMappingDialog *self = g_object_new (GT_TYPE_ROSTER_MAPPING_DIALOG,
                                              "transient-for", parent, "use-header-bar", FALSE,
                                              "title", _("Map Columns"), NULL);

  self->storage = g_object_ref (storage);
  for (guint i = 0; i < headers->len; i++)
    {
      GtkWidget *label = gtk_label_new (headers->pdata[i]);
      GtkWidget *combo = gtk_combo_box_text_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), "", _("(choose a field)"));
      for (guint f = 0; f < G_N_ELEMENTS (field_codes); f++)
        gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), field_codes[f],
                                   gt_roster_field_label (field_codes[f]));
      gtk_combo_box_set_active (GTK_COMBO_BOX (combo), 0);
      gtk_widget_set_hexpand (combo, TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), combo);
      gtk_grid_attach (self->grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->grid, combo, 1, (int) i, 1, 1);
      g_ptr_array_add (self->headers, g_strdup (headers->pdata[i]));
      g_ptr_array_add (self->combos, combo);
    }
  gtk_widget_show_all (GTK_WIDGET (self->grid));
  return self;
}
