/* gt-develop-dialogs.c — adding a person to the pipeline and issuing a letter out; the
 * letter's print operation, and the offer to print or save it right after it was issued
 *
 * Small forms built in code; fields are named (GtkBuildable) for the tests. A refusal shows
 * its message in the dialog, which stays open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-develop-dialogs.h"
#include "gt-develop.h"
#include "gt-page.h"
#include "gt-transfer.h"

typedef struct
{
  GtStorage *storage;
  GtkGrid *grid;
  GtkLabel *error;
  int rows;
  char *member; /* the member's key when the form is for one member (the member window) */
} Form;

static void
form_free (Form *f)
{
  g_clear_object (&f->storage);
  g_free (f->member);
  g_free (f);
}

static GtkWidget *
form_row (Form *f, const char *label, GtkWidget *field, const char *name)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), field);
  gtk_buildable_set_name (GTK_BUILDABLE (field), name);
  gtk_widget_set_hexpand (field, TRUE);
  if (GTK_IS_ENTRY (field))
    gtk_entry_set_activates_default (GTK_ENTRY (field), TRUE);
  gtk_grid_attach (f->grid, l, 0, f->rows, 1, 1);
  gtk_grid_attach (f->grid, field, 1, f->rows, 1, 1);
  f->rows++;
  return field;
}

static GtkWidget *
form_dialog (GtkWindow *parent, GtStorage *storage, const char *title, const char *ok,
             Form **out)
{
  Form *f = g_new0 (Form, 1);
  GtkWidget *dialog = gtk_dialog_new_with_buttons (title, parent, GTK_DIALOG_MODAL |
                                                   GTK_DIALOG_DESTROY_WITH_PARENT |
                                                   GTK_DIALOG_USE_HEADER_BAR,
                                                   C_("develop", "_Cancel"), GTK_RESPONSE_CANCEL, ok,
                                                   GTK_RESPONSE_OK, NULL);
  GtkWidget *grid = gtk_grid_new ();

  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  gtk_container_set_border_width (GTK_CONTAINER (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_container_add (GTK_CONTAINER (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), grid);
  f->storage = g_object_ref (storage);
  f->grid = GTK_GRID (grid);
  *out = f;
  return dialog;
}

static void
form_finish (Form *f, GtkWidget *dialog, GCallback response)
{
  f->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_buildable_set_name (GTK_BUILDABLE (f->error), "error_label");
  gtk_label_set_xalign (f->error, 0);
  gtk_label_set_line_wrap (f->error, TRUE);
  gtk_label_set_max_width_chars (f->error, 50);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (f->error)), "error");
  gtk_grid_attach (f->grid, GTK_WIDGET (f->error), 0, f->rows, 2, 1);
  gtk_widget_show_all (GTK_WIDGET (f->grid));
  gtk_widget_hide (GTK_WIDGET (f->error));
  g_signal_connect_data (dialog, "response", response, f, (GClosureNotify) form_free, 0);
}

static const char *
text_of (Form *f, const char *name)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (f->grid));

  for (GList *l = children; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_buildable_get_name (l->data), name) == 0)
      {
        if (GTK_IS_COMBO_BOX (l->data))
          return gtk_combo_box_get_active_id (l->data);
        return gtk_entry_get_text (l->data);
      }
  return NULL;
}

static void
refuse (Form *f, const GError *error)
{
  gtk_label_set_label (f->error, gt_error_text (f->storage, error));
  gtk_widget_show (GTK_WIDGET (f->error));
}

static void
applicant_response_cb (GtkDialog *dialog, int response, Form *f)
{
  g_autoptr (GError) error = NULL;
  GtApplicantSpec spec = { 0 };

  if (response != GTK_RESPONSE_OK)
    {
      gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }
  spec.org = text_of (f, "org_combo");
  spec.name = text_of (f, "name_entry");
  spec.gender = text_of (f, "gender_combo");
  spec.id_number = text_of (f, "id_number_entry");
  spec.birth_date = text_of (f, "birth_entry");
  spec.applied_on = text_of (f, "applied_entry");
  if (spec.birth_date != NULL && *spec.birth_date == '\0')
    spec.birth_date = NULL;
  if (!gt_develop_add (f->storage, &spec, NULL, &error))
    {
      refuse (f, error);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

GtkWidget *
gt_develop_applicant_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 org_id)
{
  Form *f = NULL;
  GtkWidget *dialog = form_dialog (parent, storage, _("Add an Applicant"), C_("develop", "_Add"), &f);
  GtkWidget *orgs = gtk_combo_box_text_new (), *gender = gtk_combo_box_text_new ();
  GtkWidget *applied = gtk_entry_new ();
  g_autofree char *today = gt_today ();
  g_autofree char *active = NULL; /* the id of @org_id's row */
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT code, name, id FROM organizations WHERE"
                                           " archived = 0 AND kind IN ('branch',"
                                           " 'general_branch') ORDER BY sort_order, id", NULL);
  GtkListStore *store = gt_combo_box_text_take_model (GTK_COMBO_BOX_TEXT (orgs));

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      /* the id is the code when there is one, else the (unique) name */
      gt_combo_box_text_store_append (store, code != NULL && *code ? code : name, name);
      if (sqlite3_column_int64 (stmt, 2) == org_id)
        {
          g_free (active);
          active = g_strdup (code != NULL && *code ? code : name);
        }
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  gt_combo_box_text_give_model (GTK_COMBO_BOX_TEXT (orgs), store);
  if (active != NULL)
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (orgs), active);
  if (gtk_combo_box_get_active (GTK_COMBO_BOX (orgs)) < 0)
    gtk_combo_box_set_active (GTK_COMBO_BOX (orgs), 0);
  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (gender), "M", C_("develop", "Male"));
  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (gender), "F", C_("develop", "Female"));
  gtk_combo_box_set_active (GTK_COMBO_BOX (gender), 0);
  gtk_entry_set_text (GTK_ENTRY (applied), today);
  form_row (f, C_("develop", "_Branch"), orgs, "org_combo");
  form_row (f, C_("develop", "_Name"), gtk_entry_new (), "name_entry");
  form_row (f, C_("develop", "_Gender"), gender, "gender_combo");
  form_row (f, C_("develop", "_ID number"), gtk_entry_new (), "id_number_entry");
  form_row (f, C_("develop", "_Birth date"), gtk_entry_new (), "birth_entry");
  form_row (f, C_("develop", "_Applied on"), applied, "applied_entry");
  form_finish (f, dialog, G_CALLBACK (applicant_response_cb));
  return dialog;
}

static void
transfer_response_cb (GtkDialog *dialog, int response, Form *f)
{
  g_autoptr (GError) error = NULL;
  GtTransferOutSpec spec = { 0 };
  const char *days = NULL;
  gint64 id = 0;

  if (response != GTK_RESPONSE_OK)
    {
      gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }
  spec.member = f->member != NULL ? f->member : text_of (f, "member_entry");
  spec.to_org = text_of (f, "to_entry");
  spec.date = text_of (f, "date_entry");
  days = text_of (f, "days_entry");
  spec.valid_days = days != NULL ? (int) g_ascii_strtoll (days, NULL, 10) : 0;
  if (!gt_transfer_out (f->storage, &spec, &id, &error))
    {
      refuse (f, error);
      return;
    }
  /* Offer the letter at once, over the window the form came from. */
  gtk_window_present (GTK_WINDOW (gt_transfer_letter_offer_new (
    gtk_window_get_transient_for (GTK_WINDOW (dialog)), f->storage, id)));
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

/* The letter's form: for member @member_id (0: the member is typed in, by number or ID
 * number), the receiving organisation, the date (@date, else today) and the validity (the
 * setting by default). */
static GtkWidget *
transfer_dialog_new (GtkWindow *parent, GtStorage *storage, const char *title,
                     gint64 member_id, const char *member_name, const char *date)
{
  Form *f = NULL;
  GtkWidget *dialog = form_dialog (parent, storage, title, C_("develop", "_Issue"), &f);
  GtkWidget *to = gtk_entry_new (), *when = gtk_entry_new (), *days = gtk_entry_new ();
  g_autofree char *today = gt_today ();
  g_autofree char *valid = NULL;
  GtDevelopRules rules;

  gt_develop_rules_load (storage, &rules);
  valid = g_strdup_printf ("%d", rules.letter_valid_days);
  gtk_entry_set_text (GTK_ENTRY (when), date != NULL && *date != '\0' ? date : today);
  gtk_entry_set_text (GTK_ENTRY (days), valid);
  if (member_id > 0)
    {
      GtkWidget *who = gtk_label_new (member_name);

      f->member = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);
      gtk_label_set_xalign (GTK_LABEL (who), 0);
      form_row (f, _("Member"), who, "member_label");
    }
  else
    form_row (f, _("_Member (number or ID number)"), gtk_entry_new (), "member_entry");
  form_row (f, _("_Receiving organisation"), to, "to_entry");
  form_row (f, C_("develop", "_Date"), when, "date_entry");
  form_row (f, _("_Valid for (days)"), days, "days_entry");
  form_finish (f, dialog, G_CALLBACK (transfer_response_cb));
  if (member_id > 0)
    gtk_widget_grab_focus (to);
  return dialog;
}

GtkWidget *
gt_develop_transfer_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  return transfer_dialog_new (parent, storage, _("Transfer a Member Out"), 0, NULL, NULL);
}

GtkWidget *
gt_member_transfer_out_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 member_id,
                                   const char *member_name, const char *date)
{
  return transfer_dialog_new (parent, storage, _("Transfer Out with a Letter"), member_id,
                              member_name, date);
}

/* ---- the letter: print operation, PDF, and the offer after issuing ---- */

static void
letter_draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page, GtTransfer *t)
{
  const char *office = g_object_get_data (G_OBJECT (op), "office");

  gt_transfer_letter_draw (t, office, gtk_print_context_get_cairo_context (context),
                           gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
}

GtkPrintOperation *
gt_transfer_letter_operation_new (GtStorage *storage, gint64 id)
{
  GtTransfer *t = storage != NULL ? gt_transfer_lookup (storage, id, NULL) : NULL;
  GtkPrintOperation *op;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *name = NULL;

  if (t == NULL)
    return NULL;
  op = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_n_pages (op, 1);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  name = g_strdup_printf (_("Transfer letter %s · %s"), t->number, t->member_name);
  gtk_print_operation_set_job_name (op, name);
  g_object_set_data_full (G_OBJECT (op), "office", gt_transfer_letter_office (storage, t),
                          g_free);
  g_signal_connect_data (op, "draw-page", G_CALLBACK (letter_draw_page_cb), t,
                         (GClosureNotify) gt_transfer_free, 0);
  return op;
}

typedef struct
{
  GtStorage *storage;
  gint64 id;
  char *number;
  char *member_name;
  GtkWidget *dialog;             /* the offer, which owns the struct */
  GtkFileChooserNative *chooser; /* "Save as PDF…"'s chooser while it is open */
} Offer;

/* Closes the chooser without an answer: its response no longer reaches the offer. */
static void
offer_drop_chooser (Offer *o)
{
  GtkFileChooserNative *chooser = g_steal_pointer (&o->chooser);

  if (chooser == NULL)
    return;
  g_signal_handlers_disconnect_by_data (chooser, o);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
offer_free (Offer *o)
{
  offer_drop_chooser (o);
  g_clear_object (&o->storage);
  g_free (o->number);
  g_free (o->member_name);
  g_free (o);
}

/* The offer is destroyed (closed, or with the window it is over) while the chooser may still
 * be open: the chooser goes with it. */
static void
offer_destroy_cb (GtkWidget *dialog, Offer *o)
{
  offer_drop_chooser (o);
  o->dialog = NULL;
}

static void
offer_fail (GtkWidget *dialog, Offer *o, const GError *error)
{
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            gt_error_text (o->storage, error));
}

static void
offer_save_response_cb (GtkNativeDialog *chooser, int response, Offer *o)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  /* the emission holds its own reference on the chooser */
  g_signal_handlers_disconnect_by_data (chooser, o);
  g_clear_object (&o->chooser);
  if (path == NULL || o->dialog == NULL)
    return;
  if (!gt_transfer_letter_save (o->storage, o->id, path, &error))
    {
      offer_fail (o->dialog, o, error);
      return;
    }
  gtk_widget_destroy (o->dialog);
}

static void
offer_response_cb (GtkDialog *dialog, int response, Offer *o)
{
  if (response == GT_LETTER_RESPONSE_PRINT)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GtkPrintOperation) op = gt_transfer_letter_operation_new (o->storage, o->id);
      GtkPrintOperationResult result;

      if (op == NULL)
        return;
      result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                        GTK_WINDOW (dialog), &error);
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
        offer_fail (GTK_WIDGET (dialog), o, error);
      else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
        gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }
  if (response == GT_LETTER_RESPONSE_SAVE)
    {
      g_autofree char *name = NULL;
      GtkFileChooserNative *chooser;
      GtkFileFilter *filter;

      if (o->chooser != NULL)
        {
          gtk_native_dialog_show (GTK_NATIVE_DIALOG (o->chooser));
          return;
        }
      filter = gtk_file_filter_new ();
      /* Translators: file name of a transfer letter; letter number, member's name */
      name = g_strdup_printf (_("Transfer letter %s %s.pdf"), o->number, o->member_name);
      chooser = gt_save_chooser_new (_("Save the Letter as PDF"), GTK_WINDOW (dialog),
                                     _("_Save"), _("_Cancel"), name);
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_pattern (filter, "*.pdf");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      /* the offer owns the chooser (offer_destroy_cb) */
      o->chooser = chooser;
      g_signal_connect (chooser, "response", G_CALLBACK (offer_save_response_cb), o);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

GtkWidget *
gt_transfer_letter_offer_new (GtkWindow *parent, GtStorage *storage, gint64 id)
{
  g_autoptr (GtTransfer) t = gt_transfer_lookup (storage, id, NULL);
  Offer *o = g_new0 (Offer, 1);
  GtkWidget *dialog;

  o->storage = g_object_ref (storage);
  o->id = id;
  o->number = g_strdup (t != NULL ? t->number : "");
  o->member_name = g_strdup (t != NULL ? t->member_name : "");
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_INFO, GTK_BUTTONS_NONE,
                                   _("Letter %s issued: %s is transferred out to %s."),
                                   o->number, o->member_name,
                                   t != NULL ? t->to_org : "");
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Print the three-part letter now, or save it as "
                                              "PDF? It stays in the transfers tab of the "
                                              "development area, to print later."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Later"), GTK_RESPONSE_CLOSE,
                          _("_Save as PDF…"), GT_LETTER_RESPONSE_SAVE,
                          _("_Print…"), GT_LETTER_RESPONSE_PRINT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GT_LETTER_RESPONSE_PRINT);
  o->dialog = dialog;
  g_object_set_data_full (G_OBJECT (dialog), "offer", o, (GDestroyNotify) offer_free);
  g_signal_connect (dialog, "response", G_CALLBACK (offer_response_cb), o);
  g_signal_connect (dialog, "destroy", G_CALLBACK (offer_destroy_cb), o);
  return dialog;
}
