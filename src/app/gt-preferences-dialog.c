/* gt-preferences-dialog.c — the Preferences dialog
 *
 * Two kinds of settings, saved together by "Save" and dropped by "Cancel":
 *  - the office's, kept in the database's meta table so they travel with it: role, office
 *    name and code, operator (gt_office_write() checks them), backup folder and count
 *    ("backup.folder", "backup.keep", read by gt-backup.c);
 *  - this computer's, in GSettings (org.guatu.Guatu, a delayed GSettings object bound to the
 *    widgets): wall chart paper and tiling (chart-paper, chart-tile-paper,
 *    chart-overlap-mm, read by the chart printing) and masking (mask-personal-data,
 *    mask-exports).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-audit.h"
#include "gt-backup.h"
#include "gt-office.h"
#include "gt-page.h"
#include "gt-preferences-dialog.h"

struct _GtPreferencesDialog
{
  GtkDialog parent_instance;

  GtkComboBox *role_combo;
  GtkEntry *name_entry;
  GtkEntry *code_entry;
  GtkEntry *operator_entry;
  GtkComboBox *chart_paper_combo;
  GtkComboBox *tile_paper_combo;
  GtkSpinButton *overlap_spin;
  GtkToggleButton *mask_lists_check;
  GtkToggleButton *mask_exports_check;
  GtkEntry *backup_folder_entry;
  GtkWidget *backup_folder_button;
  GtkSpinButton *backup_keep_spin;
  GtkWidget *rules_button;
  GtkLabel *error_label;

  GtStorage *storage;
  GSettings *settings; /* delayed: applied on Save */
};

G_DEFINE_TYPE (GtPreferencesDialog, gt_preferences_dialog, GTK_TYPE_DIALOG)

static void
entry_from_meta (GtkEntry *entry, GtStorage *storage, const char *key)
{
  g_autofree char *value = storage != NULL ? gt_storage_get_meta (storage, key) : NULL;

  gtk_entry_set_text (entry, value != NULL ? value : "");
}

static void
load_database_settings (GtPreferencesDialog *self)
{
  g_autofree char *role = NULL, *keep = NULL;
  guint64 n = GT_BACKUP_KEEP_DEFAULT;
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->role_combo), GTK_WIDGET (self->name_entry), GTK_WIDGET (self->code_entry),
    GTK_WIDGET (self->operator_entry), GTK_WIDGET (self->backup_folder_entry),
    self->backup_folder_button, GTK_WIDGET (self->backup_keep_spin), self->rules_button,
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    gtk_widget_set_sensitive (widgets[i], self->storage != NULL);
  if (self->storage == NULL)
    return;

  role = gt_storage_get_meta (self->storage, GT_OFFICE_KEY_ROLE);
  gtk_combo_box_set_active_id (self->role_combo, role != NULL ? role : "township");
  entry_from_meta (self->name_entry, self->storage, GT_OFFICE_KEY_NAME);
  entry_from_meta (self->code_entry, self->storage, GT_OFFICE_KEY_CODE);
  entry_from_meta (self->operator_entry, self->storage, GT_OFFICE_KEY_OPERATOR);
  entry_from_meta (self->backup_folder_entry, self->storage, "backup.folder");
  keep = gt_storage_get_meta (self->storage, "backup.keep");
  if (keep != NULL && !g_ascii_string_to_unsigned (keep, 10, 1, 100, &n, NULL))
    n = GT_BACKUP_KEEP_DEFAULT;
  gtk_spin_button_set_value (self->backup_keep_spin, (double) n);
}

/* Writes what changed of the database's settings, all or nothing. */
static gboolean
save_database_settings (GtPreferencesDialog *self, GError **error)
{
  g_autofree char *name = g_strdup (gtk_entry_get_text (self->name_entry));
  g_autofree char *code = g_strdup (gtk_entry_get_text (self->code_entry));
  g_autofree char *folder = g_strstrip (g_strdup (gtk_entry_get_text (self->backup_folder_entry)));
  g_autofree char *old_folder = NULL, *keep = NULL, *old_keep = NULL;
  g_autofree char *old_name = gt_storage_get_meta (self->storage, GT_OFFICE_KEY_NAME);
  g_autofree char *old_operator = gt_storage_get_meta (self->storage, GT_OFFICE_KEY_OPERATOR);
  g_autofree char *new_operator = NULL;
  GtOfficeInfo info = {
    .role = gtk_combo_box_get_active_id (self->role_combo),
    /* A database set up without a name may stay without one. */
    .office_name = old_name == NULL && *g_strstrip (name) == '\0' ? NULL : name,
    /* An office without a code (made by `guatu-cli init` without one) may keep none. */
    .office_code = *g_strstrip (code) != '\0' ? code : NULL,
    .operator_name = gtk_entry_get_text (self->operator_entry),
  };

  gtk_spin_button_update (self->backup_keep_spin);
  keep = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->backup_keep_spin));
  old_keep = gt_storage_get_meta (self->storage, "backup.keep");
  old_folder = gt_storage_get_meta (self->storage, "backup.folder");

  if (!gt_storage_begin (self->storage, error))
    return FALSE;
  if (!gt_office_write (self->storage, &info, error) ||
      (g_strcmp0 (folder, old_folder != NULL ? old_folder : "") != 0 &&
       !gt_storage_set_meta (self->storage, "backup.folder", folder, error)) ||
      (g_strcmp0 (keep, old_keep != NULL ? old_keep : G_STRINGIFY (GT_BACKUP_KEEP_DEFAULT)) != 0 &&
       !gt_storage_set_meta (self->storage, "backup.keep", keep, error)) ||
      !gt_storage_commit (self->storage, error))
    {
      gt_storage_rollback (self->storage);
      return FALSE;
    }
  /* A new operator is who works from now on: the audit log and the 销号人 name them. */
  new_operator = gt_storage_get_meta (self->storage, GT_OFFICE_KEY_OPERATOR);
  if (new_operator != NULL && *new_operator != '\0' && g_strcmp0 (new_operator, old_operator) != 0)
    {
      g_autofree char *current = NULL, *program = NULL;

      gt_audit_get_operator (self->storage, &current, &program);
      gt_audit_set_operator (self->storage, new_operator, program != NULL ? program : "guatu");
    }
  gt_storage_emit_changed (self->storage, "meta");
  return TRUE;
}

static void
folder_response_cb (GtkNativeDialog *chooser, int response, GtPreferencesDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        gtk_entry_set_text (self->backup_folder_entry, path);
    }
  g_object_unref (chooser);
}

static void
backup_folder_clicked_cb (GtPreferencesDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *current = NULL;

  chooser = gtk_file_chooser_native_new (_("Backup Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  if (self->storage != NULL)
    current = gt_backup_get_folder (self->storage);
  if (current != NULL && g_file_test (current, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), current);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
gt_preferences_dialog_response (GtkDialog *dialog, int response)
{
  GtPreferencesDialog *self = GT_PREFERENCES_DIALOG (dialog);
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_OK)
    {
      if (self->storage != NULL && !save_database_settings (self, &error))
        {
          gtk_label_set_label (self->error_label, gt_error_text (self->storage, error));
          gtk_widget_show (GTK_WIDGET (self->error_label));
          if (g_error_matches (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_CODE))
            gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
          else if (g_error_matches (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_NAME))
            gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
          return;
        }
      if (self->settings != NULL)
        g_settings_apply (self->settings);
    }
  else if (self->settings != NULL)
    g_settings_revert (self->settings);
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_preferences_dialog_dispose (GObject *object)
{
  GtPreferencesDialog *self = GT_PREFERENCES_DIALOG (object);

  g_clear_object (&self->storage);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gt_preferences_dialog_parent_class)->dispose (object);
}

static void
gt_preferences_dialog_class_init (GtPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_preferences_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_preferences_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, role_combo);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, chart_paper_combo);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, tile_paper_combo);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, overlap_spin);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, mask_lists_check);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, mask_exports_check);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, backup_folder_entry);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, backup_folder_button);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, backup_keep_spin);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, rules_button);
  gtk_widget_class_bind_template_child (widget_class, GtPreferencesDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, backup_folder_clicked_cb);
}

static void
gt_preferences_dialog_init (GtPreferencesDialog *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  self->settings = g_settings_new (APP_ID);
  g_settings_delay (self->settings);
  g_settings_bind (self->settings, "chart-paper", self->chart_paper_combo, "active-id",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "chart-tile-paper", self->tile_paper_combo, "active-id",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "chart-overlap-mm", self->overlap_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "mask-personal-data", self->mask_lists_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "mask-exports", self->mask_exports_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

GtPreferencesDialog *
gt_preferences_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtPreferencesDialog *self = g_object_new (GT_TYPE_PREFERENCES_DIALOG, "transient-for", parent,
                                            "use-header-bar", FALSE, NULL);

  if (storage != NULL)
    self->storage = g_object_ref (storage);
  /* The rules button names win.rules: the window's actions, seen from this dialog. */
  if (G_IS_ACTION_GROUP (parent))
    gtk_widget_insert_action_group (GTK_WIDGET (self), "win", G_ACTION_GROUP (parent));
  load_database_settings (self);
  return self;
}
