/* gt-develop-step-dialog.c — recording one step of the development pipeline
 *
 * Built in code: a grid of the step's fields. The step number starts at the next step; the
 * step's name is shown beside it. Below, the step recorded last, with a button that
 * withdraws it (a wrong day, a wrong name) so that it can be recorded again. Widgets are
 * named (gtk_buildable_set_name) for the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-develop-step-dialog.h"
#include "gt-develop.h"
#include "gt-page.h"

typedef struct
{
  GtStorage *storage;
  gint64 applicant_id;
  GtkSpinButton *step, *months;
  GtkLabel *step_name, *error, *last;
  GtkWidget *withdraw;
  GtkEntry *date, *talker, *contact1, *contact2, *intro1, *intro2, *documents, *notes;
} StepDialog;

static void
step_dialog_free (StepDialog *d)
{
  g_clear_object (&d->storage);
  g_free (d);
}

static GtkEntry *
add_entry (GtkGrid *grid, int row, const char *label, const char *name)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *e = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), e);
  gtk_buildable_set_name (GTK_BUILDABLE (e), name);
  gtk_widget_set_hexpand (e, TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (e), TRUE);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, e, 1, row, 2, 1);
  return GTK_ENTRY (e);
}

static void
step_changed_cb (GtkSpinButton *spin, StepDialog *d)
{
  int step = gtk_spin_button_get_value_as_int (spin);

  gtk_label_set_label (d->step_name, gt_label_develop_step (step));
  gtk_widget_set_sensitive (GTK_WIDGET (d->months), step == 23);
}

/* The step recorded last, and whether there is one to withdraw. */
static void
update_last (StepDialog *d)
{
  g_autoptr (GtApplicant) a = gt_develop_lookup (d->storage, d->applicant_id, NULL);
  const GtDevelopStep *last = a != NULL && a->steps->len > 0
                                ? a->steps->pdata[a->steps->len - 1] : NULL;
  g_autofree char *text = NULL;

  if (last != NULL)
    text = g_strdup_printf (_("Recorded last: step %d “%s” on %s"), last->step,
                            gt_label_develop_step (last->step), last->date);
  gtk_label_set_label (d->last, text != NULL ? text : "");
  /* The application and the steps that made the membership stay (gt_develop_withdraw_step
   * refuses them). */
  gtk_widget_set_sensitive (d->withdraw, last != NULL && last->step != 1 && last->step != 17 &&
                                           last->step != 24 &&
                                           g_strcmp0 (a->stage, "dropped") != 0);
}

static void
withdraw_clicked_cb (GtkButton *button, StepDialog *d)
{
  g_autoptr (GError) error = NULL;
  int step = 0;

  if (!gt_develop_withdraw_step (d->storage, d->applicant_id, &step, &error))
    {
      gtk_label_set_label (d->error, gt_error_text (d->storage, error));
      gtk_widget_show (GTK_WIDGET (d->error));
      return;
    }
  /* Ready to record it again, on the right day. */
  gtk_widget_hide (GTK_WIDGET (d->error));
  gtk_spin_button_set_value (d->step, step);
  update_last (d);
}

static void
response_cb (GtkDialog *dialog, int response, StepDialog *d)
{
  g_autoptr (GError) error = NULL;
  GtDevelopStepSpec spec = { 0 };

  if (response != GTK_RESPONSE_OK)
    {
      gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }
  spec.step = gtk_spin_button_get_value_as_int (d->step);
  spec.date = gtk_entry_get_text (d->date);
  spec.talker = gtk_entry_get_text (d->talker);
  spec.contact1 = gtk_entry_get_text (d->contact1);
  spec.contact2 = gtk_entry_get_text (d->contact2);
  spec.introducer1 = gtk_entry_get_text (d->intro1);
  spec.introducer2 = gtk_entry_get_text (d->intro2);
  spec.documents = gtk_entry_get_text (d->documents);
  spec.notes = gtk_entry_get_text (d->notes);
  spec.months = spec.step == 23 ? gtk_spin_button_get_value_as_int (d->months) : 0;
  if (!gt_develop_record_step (d->storage, d->applicant_id, &spec, &error))
    {
      gtk_label_set_label (d->error, gt_error_text (d->storage, error));
      gtk_widget_show (GTK_WIDGET (d->error));
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

GtkWidget *
gt_develop_step_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 applicant_id)
{
  g_autoptr (GtApplicant) a = gt_develop_lookup (storage, applicant_id, NULL);
  g_autofree char *title = NULL, *today = gt_today ();
  StepDialog *d = g_new0 (StepDialog, 1);
  GtkWidget *dialog, *grid, *label;
  int last = a != NULL ? gt_applicant_last_step (a) : 0;

  title = g_strdup_printf (_("Record a Step — %s"), a != NULL ? a->name : "");
  dialog = gtk_dialog_new_with_buttons (title, parent, GTK_DIALOG_MODAL |
                                        GTK_DIALOG_DESTROY_WITH_PARENT |
                                        GTK_DIALOG_USE_HEADER_BAR,
                                        C_("develop", "_Cancel"), GTK_RESPONSE_CANCEL, C_("develop", "_Record"),
                                        GTK_RESPONSE_OK, NULL);
  gtk_widget_set_name (dialog, "GtDevelopStepDialog");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  d->storage = g_object_ref (storage);
  d->applicant_id = applicant_id;

  grid = gtk_grid_new ();
  gtk_container_set_border_width (GTK_CONTAINER (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  label = gtk_label_new_with_mnemonic (C_("develop", "_Step"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  d->step = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, GT_DEVELOP_N_STEPS, 1));
  gtk_buildable_set_name (GTK_BUILDABLE (GTK_WIDGET (d->step)), "step_spin");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->step));
  d->step_name = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (d->step_name, 0);
  gtk_label_set_ellipsize (d->step_name, PANGO_ELLIPSIZE_END);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->step), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->step_name), 2, 0, 1, 1);
  d->date = add_entry (GTK_GRID (grid), 1, C_("develop", "_Date"), "date_entry");
  gtk_entry_set_text (d->date, today);
  d->talker = add_entry (GTK_GRID (grid), 2, _("_Talked with by (谈话人)"), "talker_entry");
  d->contact1 = add_entry (GTK_GRID (grid), 3, _("C_ontact (培养联系人)"), "contact1_entry");
  d->contact2 = add_entry (GTK_GRID (grid), 4, _("Second co_ntact"), "contact2_entry");
  d->intro1 = add_entry (GTK_GRID (grid), 5, _("_Introducer (入党介绍人)"), "introducer1_entry");
  d->intro2 = add_entry (GTK_GRID (grid), 6, _("Second intro_ducer"), "introducer2_entry");
  d->documents = add_entry (GTK_GRID (grid), 7, _("Doc_uments (file paths)"), "documents_entry");
  d->notes = add_entry (GTK_GRID (grid), 8, C_("develop", "_Notes"), "notes_entry");
  label = gtk_label_new_with_mnemonic (_("E_xtend probation (months)"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  d->months = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 36, 1));
  gtk_buildable_set_name (GTK_BUILDABLE (GTK_WIDGET (d->months)), "months_spin");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->months));
  gtk_grid_attach (GTK_GRID (grid), label, 0, 9, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->months), 1, 9, 1, 1);
  d->last = GTK_LABEL (gtk_label_new (NULL));
  gtk_buildable_set_name (GTK_BUILDABLE (GTK_WIDGET (d->last)), "last_label");
  gtk_label_set_xalign (d->last, 0);
  gtk_label_set_ellipsize (d->last, PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (d->last)), "dim-label");
  d->withdraw = gtk_button_new_with_mnemonic (_("_Withdraw It"));
  gtk_buildable_set_name (GTK_BUILDABLE (d->withdraw), "withdraw_button");
  gtk_widget_set_tooltip_text (d->withdraw,
                               _("Take the step recorded last back, to record it again"));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->last), 0, 11, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), d->withdraw, 2, 11, 1, 1);
  gtk_widget_set_halign (d->withdraw, GTK_ALIGN_END);
  d->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_buildable_set_name (GTK_BUILDABLE (GTK_WIDGET (d->error)), "error_label");
  gtk_label_set_xalign (d->error, 0);
  gtk_label_set_line_wrap (d->error, TRUE);
  gtk_label_set_max_width_chars (d->error, 50);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (d->error)), "error");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (d->error), 0, 10, 3, 1);
  gtk_container_add (GTK_CONTAINER (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), grid);
  gtk_widget_show_all (grid);
  gtk_widget_hide (GTK_WIDGET (d->error));

  g_signal_connect (d->step, "value-changed", G_CALLBACK (step_changed_cb), d);
  g_signal_connect (d->withdraw, "clicked", G_CALLBACK (withdraw_clicked_cb), d);
  update_last (d);
  gtk_spin_button_set_value (d->step, MIN (last + 1, GT_DEVELOP_N_STEPS));
  step_changed_cb (d->step, d);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), d,
                         (GClosureNotify) step_dialog_free, 0);
  return dialog;
}
