/* gt-roster-export-dialog.c — exporting the member roster as CSV or Excel workbook
 *
 * The user chooses the organisation (the whole register or one subtree), the format and
 * whether ID and phone numbers are masked, then the file. The export runs in a GTask worker
 * thread on a second GtStorage opened on the same database file, so the window's
 * connection is never used from two threads; the file is written safely by the core
 * (temporary file, then rename).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-application.h"
#include "gt-registers.h"
#include "gt-roster-export-dialog.h"
#include "gt-roster.h"
#include "gt-page.h"

struct _GtRosterExportDialog
{
  GtkDialog parent_instance;

  GtkComboBoxText *org_combo;
  GtkComboBoxText *format_combo;
  GtkCheckButton *mask_check;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkWidget *export_button;

  GtStorage *storage;
  GCancellable *cancellable; /* of the export under way, or NULL */
};

G_DEFINE_TYPE (GtRosterExportDialog, gt_roster_export_dialog, GTK_TYPE_DIALOG)

typedef struct
{
  char *db_path;
  char *org;
  char *path;
  gboolean xlsx;
  GtRosterExportFlags flags;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  g_free (data->org);
  g_free (data->path);
  g_free (data);
}

static void
set_status (GtRosterExportDialog *self, const char *text, gboolean error)
{
  gt_label_set_status (self->status_label, text, error);
}

static void
set_busy (GtRosterExportDialog *self, gboolean busy)
{
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static gboolean
is_xlsx (GtRosterExportDialog *self)
{
  return g_strcmp0 (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->format_combo)),
                    "xlsx") == 0;
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr (GtStorage) storage = NULL;
  GError *error = NULL;
  guint n = 0;
  gboolean ok;

  if ((storage = gt_task_open_storage (task, data->db_path)) == NULL)
    return;
  if (data->xlsx)
    ok = gt_roster_export_xlsx (storage, data->org, data->path, data->flags, &n, &error);
  else
    ok = gt_roster_export (storage, data->org, data->path, data->flags, &n, &error);
  if (ok)
    g_task_return_int (task, n);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base = NULL, *text = NULL;
  ExportData *data = g_task_get_task_data (G_TASK (result));
  GtRosterExportDialog *self;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);
  /* Cancelled: the dialog was closed; the export itself ran to its end or left no file. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = GT_ROSTER_EXPORT_DIALOG (source);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The roster was not exported. %s"),
                                                  error->message);
      set_status (self, message, TRUE);
      return;
    }

  base = g_filename_display_basename (data->path);
  text = g_strdup_printf (ngettext ("%u member exported to “%s”.",
                                    "%u members exported to “%s”.", (guint) n),
                          (guint) n, base);
  if (data->flags & GT_ROSTER_EXPORT_UNMASKED)
    {
      g_autofree char *full = g_strdup_printf (
        "%s %s", text, _("It holds full ID and phone numbers: keep it safe."));
      set_status (self, full, FALSE);
    }
  else
    set_status (self, text, FALSE);
}

void
gt_roster_export_dialog_export_to (GtRosterExportDialog *self, const char *path)
{
  g_autoptr (GTask) task = NULL;
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  ExportData *data;

  g_return_if_fail (GT_IS_ROSTER_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->cancellable == NULL);

  data = g_new0 (ExportData, 1);
  data->db_path = g_strdup (gt_storage_get_path (self->storage));
  data->org = org != NULL && *org != '\0' ? g_strdup (org) : NULL;
  data->path = g_strdup (path);
  data->xlsx = is_xlsx (self);
  data->flags = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->mask_check))
                  ? GT_ROSTER_EXPORT_DEFAULT
                  : GT_ROSTER_EXPORT_UNMASKED;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, gt_roster_export_dialog_export_to);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, export_thread);

  set_status (self, _("Exporting…"), FALSE);
  set_busy (self, TRUE);
}

void
gt_roster_export_dialog_set_format (GtRosterExportDialog *self, GtRosterFormat format)
{
  g_return_if_fail (GT_IS_ROSTER_EXPORT_DIALOG (self));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->format_combo),
                               format == GT_ROSTER_FORMAT_XLSX ? "xlsx" : "csv");
}

gboolean
gt_roster_export_dialog_is_busy (GtRosterExportDialog *self)
{
  g_return_val_if_fail (GT_IS_ROSTER_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
file_chooser_response_cb (GtkNativeDialog *chooser, int response, GtRosterExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        gt_roster_export_dialog_export_to (self, path);
    }
  g_object_unref (chooser);
}

static void
choose_file (GtRosterExportDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  gboolean xlsx = is_xlsx (self);
  g_autofree char *name = NULL;

  /* Translators: the suggested file name of an exported roster, without extension */
  name = g_strdup_printf ("%s.%s", _("roster"), xlsx ? "xlsx" : "csv");
  chooser = gt_save_chooser_new (_("Export Roster"), GTK_WINDOW (self), _("_Export"),
                                 _("_Cancel"), name);
  if (xlsx)
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks (.xlsx)"));
      gtk_file_filter_add_pattern (filter, "*.xlsx");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
gt_roster_export_dialog_response (GtkDialog *dialog, int response)
{
  GtRosterExportDialog *self = GT_ROSTER_EXPORT_DIALOG (dialog);

  if (response == GTK_RESPONSE_OK)
    {
      if (self->cancellable == NULL)
        choose_file (self);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_roster_export_dialog_dispose (GObject *object)
{
  GtRosterExportDialog *self = GT_ROSTER_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_roster_export_dialog_parent_class)->dispose (object);
}

static void
gt_roster_export_dialog_class_init (GtRosterExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = gt_roster_export_dialog_dispose;
  dialog_class->response = gt_roster_export_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-roster-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtRosterExportDialog, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtRosterExportDialog, format_combo);
  gtk_widget_class_bind_template_child (widget_class, GtRosterExportDialog, mask_check);
  gtk_widget_class_bind_template_child (widget_class, GtRosterExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GtRosterExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, GtRosterExportDialog, export_button);
}

static void
gt_roster_export_dialog_init (GtRosterExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtRosterExportDialog *
gt_roster_export_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtRosterExportDialog *self = g_object_new (GT_TYPE_ROSTER_EXPORT_DIALOG,
                                             "transient-for", parent,
                                             "use-header-bar", FALSE, NULL);

  g_return_val_if_fail (GT_IS_STORAGE (storage), self);

  self->storage = g_object_ref (storage);
  gt_combo_box_text_fill_orgs (self->org_combo, self->storage, _("The whole register"));
  set_busy (self, FALSE);
  /* ux: the default comes from Preferences (mask-exports). */
  if (GT_IS_APPLICATION (gtk_window_get_application (parent)))
    {
      GSettings *settings = gt_application_get_settings (
        GT_APPLICATION (gtk_window_get_application (parent)));

      if (settings != NULL)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->mask_check),
                                      g_settings_get_boolean (settings, "mask-exports"));
    }
  return self;
}
