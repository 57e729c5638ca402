/* gt-score-rules-dialog.c — the numbers of the scoring rules (domain §3): one spin button per
 * setting, with its description and, where the source texts give the rule, the citation.
 * Saving writes a new version of the rules (with the note) only when something changed;
 * results already published keep the version that produced them. The rubric itself is edited
 * as a file (score-rules export / import).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-page.h"
#include "gt-score-rules-dialog.h"
#include "gt-score-rules.h"

struct _GtScoreRulesDialog
{
  GtkDialog parent_instance;

  GtkLabel *intro_label;
  GtkGrid *settings_grid;
  GtkEntry *note_entry;
  GtkLabel *error_label;

  GtStorage *storage;
  GtScoreRules *rules;
  GPtrArray *spins; /* one GtkSpinButton per setting, in order */
};

G_DEFINE_TYPE (GtScoreRulesDialog, gt_score_rules_dialog, GTK_TYPE_DIALOG)

static gboolean
save (GtScoreRulesDialog *self, GError **error)
{
  g_autoptr (GtScoreRules) changed = gt_score_rules_copy (self->rules);
  const char *note = gtk_entry_get_text (self->note_entry);
  gboolean any = FALSE;

  for (guint i = 0; i < self->spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->spins, i);

      gtk_spin_button_update (spin);
      if (gtk_spin_button_get_value (spin) != changed->values[i])
        {
          changed->values[i] = gtk_spin_button_get_value (spin);
          any = TRUE;
        }
    }
  if (!any)
    return TRUE;
  return gt_score_rules_save (self->storage, changed,
                              *note != '\0' ? note : _("changed in the Scoring Rules dialog"), error);
}

static void
gt_score_rules_dialog_response (GtkDialog *dialog, int response)
{
  GtScoreRulesDialog *self = GT_SCORE_RULES_DIALOG (dialog);
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
gt_score_rules_dialog_dispose (GObject *object)
{
  GtScoreRulesDialog *self = GT_SCORE_RULES_DIALOG (object);

  g_clear_object (&self->storage);
  g_clear_pointer (&self->rules, gt_score_rules_free);
  g_clear_pointer (&self->spins, g_ptr_array_unref);
  G_OBJECT_CLASS (gt_score_rules_dialog_parent_class)->dispose (object);
}

static void
gt_score_rules_dialog_class_init (GtScoreRulesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_score_rules_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_score_rules_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-score-rules-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtScoreRulesDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, GtScoreRulesDialog, settings_grid);
  gtk_widget_class_bind_template_child (widget_class, GtScoreRulesDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, GtScoreRulesDialog, error_label);
}

static void
gt_score_rules_dialog_init (GtScoreRulesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->spins = g_ptr_array_new ();
}

/* One row: the description (with the key and citation, dimmed) and a spin button. */
static void
add_row (GtScoreRulesDialog *self, const GtScoreSetting *setting, double value, int row)
{
  g_autofree char *detail = g_strdup_printf ("%s%s%s", setting->key, *setting->source ? " · " : "",
                                             setting->source);
  GtkWidget *label = gtk_label_new (_(setting->description));
  GtkWidget *key = gtk_label_new (detail);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  double step = setting->integer ? 1 : (setting->max <= 1 ? 0.01 : 0.5);
  GtkWidget *spin = gtk_spin_button_new_with_range (setting->min, setting->max, step);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_label_set_xalign (GTK_LABEL (key), 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (key), "dim-label");
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_container_add (GTK_CONTAINER (box), key);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), setting->integer ? 0 : 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_buildable_set_name (GTK_BUILDABLE (spin), setting->key);
  gtk_grid_attach (self->settings_grid, box, 0, row, 1, 1);
  gtk_grid_attach (self->settings_grid, spin, 1, row, 1, 1);
  gtk_widget_show_all (box);
  gtk_widget_show (spin);
  g_ptr_array_add (self->spins, spin);
}

GtScoreRulesDialog *
gt_score_rules_dialog_new (GtkWindow *parent, GtStorage *storage, GError **error)
{
  GtScoreRules *rules = gt_score_rules_load_current (storage, error);
  GtScoreRulesDialog *self;
  g_autofree char *intro = NULL;
  const GtScoreSetting *settings;
  guint n = 0;

  if (rules == NULL)
    return NULL;
  self = g_object_new (GT_TYPE_SCORE_RULES_DIALOG, "transient-for", parent, "use-header-bar",
                       FALSE, NULL);
  self->storage = g_object_ref (storage);
  self->rules = rules;
  intro = g_strdup_printf (_("Version %d of the rules (%s). Saving makes a new version; "
                             "published results keep the version that produced them. The "
                             "rubric of %u items is edited as a file: guatu-cli score-rules "
                             "export / import."),
                           (int) rules->version, rules->note, rules->items->len);
  gtk_label_set_label (self->intro_label, intro);
  settings = gt_score_settings (&n);
  for (guint i = 0; i < n; i++)
    add_row (self, &settings[i], rules->values[i], (int) i);
  return self;
}
