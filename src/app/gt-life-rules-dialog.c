/* gt-life-rules-dialog.c — the rules of organisational life and dues, as settings: how often
 * each kind of meeting is due per organisation type, the dues bands, when arrears are
 * flagged, and the colours of the compliance dashboard. Each change is applied at once
 * through the core, which refuses bad values; the reason shows under the notebook.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-dues.h"
#include "gt-life-rules-dialog.h"
#include "gt-life.h"
#include "gt-org.h"
#include "gt-page.h"

enum
{
  SC_TYPE,
  SC_KIND,
  SC_PERIOD,
  SC_DAY,
  SC_TYPE_CODE,
  SC_KIND_CODE,
};

static const char *const status_names[] = { "none_colour", "done_colour", "pending_colour",
                                            "overdue_colour", "missing_colour" };

struct _GtLifeRulesDialog
{
  GtkDialog parent_instance;

  GtkListStore *schedule_store;
  GtkTreeView *schedule_view;
  GtkComboBoxText *type_combo;
  GtkComboBoxText *kind_combo;
  GtkComboBoxText *period_combo;
  GtkSpinButton *day_spin;
  GtkListStore *bands_store;
  GtkComboBoxText *category_combo;
  GtkEntry *bands_entry;
  GtkSpinButton *warning_spin;
  GtkSpinButton *rule_spin;
  GtkColorButton *colours[GT_LIFE_MISSING + 1];
  GtkLabel *error_label;

  GtStorage *storage;
};

G_DEFINE_TYPE (GtLifeRulesDialog, gt_life_rules_dialog, GTK_TYPE_DIALOG)

static void
show_error (GtLifeRulesDialog *self, const GError *error)
{
  gtk_label_set_label (self->error_label,
                       error != NULL ? gt_error_text (self->storage, error) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static char *
type_label (GtLifeRulesDialog *self, const char *code)
{
  g_autoptr (GPtrArray) types = NULL;

  if (code == NULL || *code == '\0')
    return g_strdup (_("All types (default)"));
  types = gt_org_types (self->storage, NULL);
  for (guint i = 0; types != NULL && i < types->len; i++)
    {
      GtOrgType *t = types->pdata[i];
      if (g_strcmp0 (t->code, code) == 0)
        return g_strdup (t->label);
    }
  return g_strdup (code);
}

static void
fill_schedule (GtLifeRulesDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rules = gt_life_schedule (self->storage, &error);

  gtk_list_store_clear (self->schedule_store);
  if (rules == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < rules->len; i++)
    {
      GtLifeRule *r = rules->pdata[i];
      g_autofree char *type = type_label (self, r->org_type);
      g_autofree char *day = r->day > 0 ? g_strdup_printf (_("day %d"), r->day)
                                        : g_strdup (g_strcmp0 (r->period, "none") == 0
                                                      ? "" : _("end of the period"));

      gtk_list_store_insert_with_values (self->schedule_store, NULL, -1, SC_TYPE, type,
                                         SC_KIND, gt_label_meeting_kind (r->kind),
                                         SC_PERIOD, gt_label_life_period (r->period), SC_DAY, day,
                                         SC_TYPE_CODE, r->org_type, SC_KIND_CODE, r->kind, -1);
    }
}

/* Shows the rule that applies to the chosen type and kind. */
static void
rule_choice_changed_cb (GtkWidget *widget, GtLifeRulesDialog *self)
{
  const char *type = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->type_combo));
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  g_autofree char *period = NULL;
  int day = 0;

  if (self->storage == NULL || type == NULL || kind == NULL ||
      !gt_life_rule_for (self->storage, type, kind, &period, &day, NULL))
    return;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->period_combo), period);
  gtk_spin_button_set_value (self->day_spin, day);
}

static void
schedule_selection_changed_cb (GtkTreeSelection *selection, GtLifeRulesDialog *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autofree char *type = NULL, *kind = NULL;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, SC_TYPE_CODE, &type, SC_KIND_CODE, &kind, -1);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->type_combo), type);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), kind);
}

static void
apply_rule (GtLifeRulesDialog *self, gboolean reset)
{
  g_autoptr (GError) error = NULL;
  const char *type = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->type_combo));
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  const char *period = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->period_combo));

  gtk_spin_button_update (self->day_spin);
  if (!gt_life_schedule_set (self->storage, type, kind, reset ? NULL : period,
                             reset ? 0 : gtk_spin_button_get_value_as_int (self->day_spin),
                             &error))
    {
      show_error (self, error);
      return;
    }
  show_error (self, NULL);
  fill_schedule (self);
  rule_choice_changed_cb (NULL, self);
}

static void
set_clicked_cb (GtkWidget *widget, GtLifeRulesDialog *self)
{
  apply_rule (self, FALSE);
}

static void
reset_clicked_cb (GtkWidget *widget, GtLifeRulesDialog *self)
{
  apply_rule (self, TRUE);
}

static void
fill_bands (GtLifeRulesDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bands = gt_dues_bands (self->storage, &error);
  const char *category = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->category_combo));

  gtk_list_store_clear (self->bands_store);
  if (bands == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < bands->len; i++)
    {
      GtDuesBand *b = bands->pdata[i];
      g_autofree char *lower = gt_fen_format (b->lower_fen);
      g_autofree char *upper = b->upper_fen >= 0 ? gt_fen_format (b->upper_fen) : g_strdup ("…");
      g_autofree char *fixed = gt_fen_format (b->fixed_fen);
      g_autofree char *dues = b->rate_permille >= 0
                                ? g_strdup_printf ("%d.%d%%", b->rate_permille / 10, b->rate_permille % 10)
                                : g_strdup_printf (_("%s 元 a month"), fixed);

      gtk_list_store_insert_with_values (self->bands_store, NULL, -1, 0,
                                         gt_label_dues_category (b->category), 1, lower, 2, upper,
                                         3, dues, -1);
    }
  if (category != NULL)
    {
      g_autofree char *text = gt_dues_bands_format (bands, category);
      gtk_entry_set_text (self->bands_entry, text);
    }
}

static void
category_changed_cb (GtkWidget *widget, GtLifeRulesDialog *self)
{
  if (self->storage != NULL)
    fill_bands (self);
}

static void
bands_clicked_cb (GtkWidget *widget, GtLifeRulesDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bands = gt_dues_bands_parse (gtk_entry_get_text (self->bands_entry), &error);
  const char *category = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->category_combo));

  if (bands == NULL || !gt_dues_set_bands (self->storage, category, bands, &error))
    {
      show_error (self, error);
      return;
    }
  show_error (self, NULL);
  fill_bands (self);
}

static void
arrears_clicked_cb (GtkWidget *widget, GtLifeRulesDialog *self)
{
  g_autoptr (GError) error = NULL;

  gtk_spin_button_update (self->warning_spin);
  gtk_spin_button_update (self->rule_spin);
  if (!gt_dues_set_rules (self->storage, gtk_spin_button_get_value_as_int (self->warning_spin),
                          gtk_spin_button_get_value_as_int (self->rule_spin), NULL, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static void
colour_set_cb (GtkColorButton *button, GtLifeRulesDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  text = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                          (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  for (GtLifeStatus s = GT_LIFE_NONE; s <= GT_LIFE_MISSING; s++)
    if (self->colours[s] == button && !gt_life_set_status_colour (self->storage, s, text, &error))
      show_error (self, error);
}

static void
gt_life_rules_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_LIFE_RULES_DIALOG (object)->storage);
  G_OBJECT_CLASS (gt_life_rules_dialog_parent_class)->dispose (object);
}

static void
gt_life_rules_dialog_response (GtkDialog *dialog, int response)
{
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_life_rules_dialog_class_init (GtLifeRulesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gt_life_rules_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_life_rules_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-life-rules-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, schedule_store);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, schedule_view);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, type_combo);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, period_combo);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, day_spin);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, bands_store);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, category_combo);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, bands_entry);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, warning_spin);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, rule_spin);
  gtk_widget_class_bind_template_child (widget_class, GtLifeRulesDialog, error_label);
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    gtk_widget_class_bind_template_child_full (widget_class, status_names[i], FALSE,
                                               G_STRUCT_OFFSET (GtLifeRulesDialog, colours)
                                                 + (goffset) (i * sizeof (GtkWidget *)));
  gtk_widget_class_bind_template_callback (widget_class, rule_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, set_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, bands_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, arrears_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, colour_set_cb);
}

static void
gt_life_rules_dialog_init (GtLifeRulesDialog *self)
{
  static const char *const categories[] = { "in_service", "retired", "other" };

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; gt_meeting_kinds[i] != NULL; i++)
    gtk_combo_box_text_append (self->kind_combo, gt_meeting_kinds[i],
                               gt_label_meeting_kind (gt_meeting_kinds[i]));
  for (guint i = 0; gt_life_periods[i] != NULL; i++)
    gtk_combo_box_text_append (self->period_combo, gt_life_periods[i],
                               gt_label_life_period (gt_life_periods[i]));
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    gtk_combo_box_text_append (self->category_combo, categories[i],
                               gt_label_dues_category (categories[i]));
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->error_label)),
                               "error");
  gtk_widget_hide (GTK_WIDGET (self->error_label));
  g_signal_connect (gtk_tree_view_get_selection (self->schedule_view), "changed",
                    G_CALLBACK (schedule_selection_changed_cb), self);
}

GtLifeRulesDialog *
gt_life_rules_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtLifeRulesDialog *self = g_object_new (GT_TYPE_LIFE_RULES_DIALOG, "transient-for", parent,
                                          "use-header-bar", FALSE, NULL);
  g_autoptr (GPtrArray) types = gt_org_types (storage, NULL);

  self->storage = g_object_ref (storage);
  gtk_combo_box_text_append (self->type_combo, "", _("All types (default)"));
  for (guint i = 0; types != NULL && i < types->len; i++)
    {
      GtOrgType *t = types->pdata[i];
      gtk_combo_box_text_append (self->type_combo, t->code, t->label);
    }
  fill_schedule (self);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->type_combo), "");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), GT_MEETING_GENERAL);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->category_combo), "in_service");
  gtk_spin_button_set_value (self->warning_spin,
                             gt_dues_setting_int (storage, "dues.arrears_warning", 3));
  gtk_spin_button_set_value (self->rule_spin, gt_dues_setting_int (storage, "dues.arrears_rule", 6));
  for (GtLifeStatus s = GT_LIFE_NONE; s <= GT_LIFE_MISSING; s++)
    {
      g_autofree char *colour = gt_life_status_colour (storage, s);
      GdkRGBA rgba;

      if (gdk_rgba_parse (&rgba, colour))
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colours[s]), &rgba);
    }
  return self;
}
