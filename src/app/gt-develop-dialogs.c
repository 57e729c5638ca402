/* gt-develop-dialogs.c — adding a person to the pipeline and issuing a letter out
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
} Form;

static void
form_free (Form *f)
{
  g_clear_object (&f->storage);
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

  if (response != GTK_RESPONSE_OK)
    {
      gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }
  spec.member = text_of (f, "member_entry");
  spec.to_org = text_of (f, "to_entry");
  spec.date = text_of (f, "date_entry");
  days = text_of (f, "days_entry");
  spec.valid_days = days != NULL ? (int) g_ascii_strtoll (days, NULL, 10) : 0;
  if (!gt_transfer_out (f->storage, &spec, NULL, &error))
    {
      refuse (f, error);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

GtkWidget *
gt_develop_transfer_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  Form *f = NULL;
  GtkWidget *dialog = form_dialog (parent, storage, _("Transfer a Member Out"), C_("develop", "_Issue"), &f);
  GtkWidget *date = gtk_entry_new (), *days = gtk_entry_new ();
  g_autofree char *today = gt_today ();
  g_autofree char *valid = NULL;
  GtDevelopRules rules;

  gt_develop_rules_load (storage, &rules);
  valid = g_strdup_printf ("%d", rules.letter_valid_days);
  gtk_entry_set_text (GTK_ENTRY (date), today);
  gtk_entry_set_text (GTK_ENTRY (days), valid);
  form_row (f, _("_Member (number or ID number)"), gtk_entry_new (), "member_entry");
  form_row (f, _("_Receiving organisation"), gtk_entry_new (), "to_entry");
  form_row (f, C_("develop", "_Date"), date, "date_entry");
  form_row (f, _("_Valid for (days)"), days, "days_entry");
  form_finish (f, dialog, G_CALLBACK (transfer_response_cb));
  return dialog;
}
