/* gt-rules-dialog.c — the rules of 党员联户: minimum households per member, visit interval
 *
 * The rules are settings of the office, kept in the database; the household reports and the
 * member flags follow them as soon as they are saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-household.h"
#include "gt-page.h"
#include "gt-rules-dialog.h"

struct _GtRulesDialog
{
  GtkDialog parent_instance;

  GtkSpinButton *minimum_spin;
  GtkSpinButton *interval_spin;
  GtkLabel *error_label;

  GtStorage *storage;
};

G_DEFINE_TYPE (GtRulesDialog, gt_rules_dialog, GTK_TYPE_DIALOG)

/* Writes the rules that changed. */
static gboolean
save (GtRulesDialog *self, GError **error)
{
  int minimum, interval;

  gtk_spin_button_update (self->minimum_spin);
  gtk_spin_button_update (self->interval_spin);
  minimum = gtk_spin_button_get_value_as_int (self->minimum_spin);
  interval = gtk_spin_button_get_value_as_int (self->interval_spin);
  if (minimum != gt_rules_get_link_minimum (self->storage) &&
      !gt_rules_set_link_minimum (self->storage, minimum, error))
    return FALSE;
  return interval == gt_rules_get_visit_interval (self->storage) ||
         gt_rules_set_visit_interval (self->storage, interval, error);
}

static void
gt_rules_dialog_response (GtkDialog *dialog, int response)
{
  GtRulesDialog *self = GT_RULES_DIALOG (dialog);
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
gt_rules_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_RULES_DIALOG (object)->storage);
  G_OBJECT_CLASS (gt_rules_dialog_parent_class)->dispose (object);
}

static void
gt_rules_dialog_class_init (GtRulesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_rules_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_rules_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-rules-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtRulesDialog, minimum_spin);
  gtk_widget_class_bind_template_child (widget_class, GtRulesDialog, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, GtRulesDialog, error_label);
}

static void
gt_rules_dialog_init (GtRulesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_range (self->minimum_spin, 1, GT_RULE_LINK_MINIMUM_MAX);
  gtk_spin_button_set_range (self->interval_spin, 1, GT_RULE_VISIT_INTERVAL_MAX);
}

GtRulesDialog *
gt_rules_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtRulesDialog *self = g_object_new (GT_TYPE_RULES_DIALOG, "transient-for", parent,
                                      "use-header-bar", FALSE, NULL);

  self->storage = g_object_ref (storage);
  gtk_spin_button_set_value (self->minimum_spin, gt_rules_get_link_minimum (storage));
  gtk_spin_button_set_value (self->interval_spin, gt_rules_get_visit_interval (storage));
  return self;
}
