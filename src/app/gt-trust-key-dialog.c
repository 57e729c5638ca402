/* gt-trust-key-dialog.c — enrolling another office's public key
 *
 * The key's fingerprint is shown in groups of four so that the two offices can compare it
 * by phone; the Trust button stays insensitive until the user says they did, and until the
 * office code is given. The key is enrolled with that fingerprint as the expected one, so a
 * file changed since it was read is refused. A key already trusted for another office, this
 * office's own key, or an office that has another key trusted already are pointed out as
 * soon as the office code is typed, with the reason; a check box then offers to move the key
 * to the office given, or to replace that office's key (an office that made a new key).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-keys.h"
#include "gt-page.h"
#include "gt-trust-key-dialog.h"

struct _GtTrustKeyDialog
{
  GtkDialog parent_instance;

  GtkLabel *file_label;
  GtkLabel *fingerprint_label;
  GtkCheckButton *confirm_check;
  GtkEntry *code_entry;
  GtkEntry *name_entry;
  GtkLabel *error_label;
  GtkCheckButton *replace_check;
  GtkWidget *trust_button;

  GtStorage *storage;
  char *pem;
  char *fingerprint;
};

G_DEFINE_TYPE (GtTrustKeyDialog, gt_trust_key_dialog, GTK_TYPE_DIALOG)

static void
update_sensitive (GtTrustKeyDialog *self)
{
  gboolean ok = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->confirm_check)) &&
                *gtk_entry_get_text (self->code_entry) != '\0';

  gtk_widget_set_sensitive (self->trust_button, ok);
}

/* Shows why @error refuses the key, and offers to move or replace it when it can be. */
static void
show_refusal (GtTrustKeyDialog *self, const GError *error)
{
  gboolean elsewhere = g_error_matches (error, GT_KEYS_ERROR, GT_KEYS_ERROR_EXISTS);
  gboolean office_has_key = g_error_matches (error, GT_KEYS_ERROR, GT_KEYS_ERROR_OFFICE_HAS_KEY);

  gtk_label_set_label (self->error_label, gt_error_text (self->storage, error));
  gtk_widget_show (GTK_WIDGET (self->error_label));
  if (elsewhere)
    gtk_button_set_label (GTK_BUTTON (self->replace_check),
                          _("_Move the key to this office, away from the office it is"
                            " trusted for"));
  else if (office_has_key)
    gtk_button_set_label (GTK_BUTTON (self->replace_check),
                          _("_Replace the key trusted for this office until now (packages"
                            " signed with it are then refused)"));
  gtk_widget_set_visible (GTK_WIDGET (self->replace_check), elsewhere || office_has_key);
}

/* Each office code typed is checked at once, so that moving or replacing a key is offered
 * before Trust is pressed; an offer ticked for one office is not carried to another. */
static void
code_changed_cb (GtTrustKeyDialog *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_entry_get_text (self->code_entry)));
  g_autoptr (GError) error = NULL;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->replace_check), FALSE);
  if (*code == '\0' || gt_keys_check_trust (self->storage, self->fingerprint, code, &error))
    {
      gtk_widget_hide (GTK_WIDGET (self->error_label));
      gtk_widget_hide (GTK_WIDGET (self->replace_check));
    }
  else
    show_refusal (self, error);
  update_sensitive (self);
}

static void
gt_trust_key_dialog_response (GtkDialog *dialog, int response)
{
  GtTrustKeyDialog *self = GT_TRUST_KEY_DIALOG (dialog);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL, *name = NULL;
  gboolean replace;

  if (response != GTK_RESPONSE_OK)
    {
      gtk_widget_destroy (GTK_WIDGET (dialog));
      return;
    }
  code = g_strstrip (g_strdup (gtk_entry_get_text (self->code_entry)));
  name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  replace = gtk_widget_get_visible (GTK_WIDGET (self->replace_check)) &&
            gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->replace_check));
  if (!gt_keys_trust_full (self->storage, self->pem, strlen (self->pem), code, name,
                           self->fingerprint, replace, NULL, &error))
    {
      show_refusal (self, error);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_trust_key_dialog_finalize (GObject *object)
{
  GtTrustKeyDialog *self = GT_TRUST_KEY_DIALOG (object);

  g_clear_object (&self->storage);
  g_free (self->pem);
  g_free (self->fingerprint);
  G_OBJECT_CLASS (gt_trust_key_dialog_parent_class)->finalize (object);
}

static void
gt_trust_key_dialog_class_init (GtTrustKeyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = gt_trust_key_dialog_finalize;
  GTK_DIALOG_CLASS (klass)->response = gt_trust_key_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-trust-key-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, confirm_check);
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, replace_check);
  gtk_widget_class_bind_template_child (widget_class, GtTrustKeyDialog, trust_button);
}

static void
gt_trust_key_dialog_init (GtTrustKeyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->confirm_check, "toggled", G_CALLBACK (update_sensitive), self);
  g_signal_connect_swapped (self->code_entry, "changed", G_CALLBACK (code_changed_cb), self);
  gtk_widget_hide (GTK_WIDGET (self->error_label));
  update_sensitive (self);
}

GtTrustKeyDialog *
gt_trust_key_dialog_new (GtkWindow *parent, GtStorage *storage, const char *path,
                         const char *pem, const char *fingerprint)
{
  GtTrustKeyDialog *self = g_object_new (GT_TYPE_TRUST_KEY_DIALOG, "transient-for", parent,
                                         "use-header-bar", FALSE, NULL);
  g_autofree char *shown = gt_keys_format_fingerprint (fingerprint);
  g_autofree char *base = g_filename_display_basename (path);

  self->storage = g_object_ref (storage);
  self->pem = g_strdup (pem);
  self->fingerprint = g_strdup (fingerprint);
  gtk_label_set_label (self->file_label, base);
  gtk_label_set_label (self->fingerprint_label, shown);
  return self;
}
