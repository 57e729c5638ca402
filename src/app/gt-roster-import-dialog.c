/* gt-roster-import-dialog.c — importing a member roster (党员花名册) from CSV or TSV
 *
 * Choosing a file, its encoding or the organisation for rows that name none reads the file
 * again. Reading and checking (gt_roster_parse) runs in a GTask worker thread, on a second
 * GtStorage opened on the same database file: the window's GtStorage is one SQLite
 * connection and is only ever used from the main thread. The preview shows the counts and
 * every problem with its line, column and reason; "Import" then writes the valid rows in
 * one transaction (gt_roster_apply_full) in another worker thread on a connection of its
 * own, with a progress bar and Cancel, which rolls the whole import back. A county's roster
 * of 200 000 members takes seconds to write, during which the window stays responsive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-audit.h"
#include "gt-page.h"
#include "gt-registers.h"
#include "gt-roster-import-dialog.h"
#include "gt-roster-mapping-dialog.h"
#include "gt-roster.h"

struct _GtRosterImportDialog
{
  GtkDialog parent_instance;

  GtkButton *file_button;
  GtkComboBoxText *encoding_combo;
  GtkComboBoxText *org_combo;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkProgressBar *progress_bar;
  GtkButton *stop_button;
  GtkLabel *rows_value;
  GtkLabel *valid_value;
  GtkLabel *errors_value;
  GtkLabel *warnings_value;
  GtkListStore *problems_store;
  GtkCheckButton *valid_only_check;
  GtkLabel *result_label;
  GtkWidget *import_button;
  GtkWidget *map_button;

  GtStorage *storage;
  char *path;
  GtRosterReport *report;
  GCancellable *cancellable; /* of the reading or import under way, or NULL */
  gboolean imported;         /* the report's rows are in the database */
  struct _ApplyJob *job;     /* the import under way, or NULL */
  guint progress_id;         /* shows the job's progress while it runs */
  gboolean disposed;
};

G_DEFINE_TYPE (GtRosterImportDialog, gt_roster_import_dialog, GTK_TYPE_DIALOG)

enum
{
  COLUMN_LINE,
  COLUMN_COLUMN,
  COLUMN_KIND,
  COLUMN_REASON,
};

typedef struct
{
  char *db_path;
  char *path;
  GtCsvEncoding encoding;
  char *org;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_free (data->org);
  g_free (data);
}

static void
set_message (GtkLabel *label, const char *text, gboolean error)
{
  gt_label_set_status (label, text, error);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
set_count (GtkLabel *label, guint value, gboolean known)
{
  g_autofree char *text = known ? g_strdup_printf ("%u", value) : g_strdup ("—");

  gtk_label_set_label (label, text);
}

static void
update_sensitivity (GtRosterImportDialog *self)
{
  const GtRosterReport *report = self->report;
  gboolean valid_only = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->valid_only_check));
  gboolean busy = self->cancellable != NULL;
  gboolean can_import;

  can_import = !busy && !self->imported && report != NULL && report->complete &&
               report->n_valid > 0 && (report->n_errors == 0 || valid_only);
  gtk_widget_set_sensitive (self->import_button, can_import);
  gtk_widget_set_sensitive (GTK_WIDGET (self->valid_only_check),
                            !busy && !self->imported && report != NULL && report->complete &&
                              report->n_errors > 0 && report->n_valid > 0);
  gtk_widget_set_sensitive (self->map_button, !busy && !self->imported && report != NULL &&
                                               report->unknown_columns->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_button), self->job == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_combo), self->job == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->org_combo), self->job == NULL);
  gtk_dialog_set_response_sensitive (GTK_DIALOG (self), GTK_RESPONSE_CLOSE, self->job == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), self->job != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), busy);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stop_button),
                               self->job != NULL ? _("Stop the import: nothing is imported")
                                                 : _("Stop reading the file"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

/* Shows @report (NULL to clear the preview). */
static void
show_report (GtRosterImportDialog *self)
{
  const GtRosterReport *report = self->report;

  gtk_list_store_clear (self->problems_store);
  set_count (self->rows_value, report != NULL ? report->n_rows : 0, report != NULL);
  set_count (self->valid_value, report != NULL ? report->n_valid : 0, report != NULL);
  set_count (self->errors_value, report != NULL ? report->n_errors : 0, report != NULL);
  set_count (self->warnings_value, report != NULL ? report->n_warnings : 0, report != NULL);
  if (report == NULL)
    return;

  for (guint i = 0; i < report->problems->len; i++)
    {
      const GtRosterProblem *problem = report->problems->pdata[i];
      g_autofree char *line = problem->line > 0 ? g_strdup_printf ("%u", problem->line)
                                                : g_strdup ("—");

      gtk_list_store_insert_with_values (self->problems_store, NULL, -1,
                                         COLUMN_LINE, line,
                                         COLUMN_COLUMN, problem->column != NULL ? problem->column
                                                                                : "",
                                         COLUMN_KIND, problem->warning ? _("Warning")
                                                                       : _("Error"),
                                         COLUMN_REASON, problem->message,
                                         -1);
    }

  if (report->masked && report->problems->len > 0)
    {
      /* A masked export read back: one message for the whole file, at the top. */
      const GtRosterProblem *problem = report->problems->pdata[0];
      g_autofree char *text = g_strdup_printf (_("Nothing can be imported: %s."),
                                               problem->message);
      set_message (self->status_label, text, TRUE);
    }
  else if (!report->complete)
    {
      /* The problem that stopped the reading is the last one found: say it, not only that
       * the file ended early (an unclosed quote is not a damaged file). */
      const GtRosterProblem *stop = NULL;
      g_autofree char *text = NULL;

      for (guint i = report->problems->len; i > 0 && stop == NULL; i--)
        {
          const GtRosterProblem *problem = report->problems->pdata[i - 1];
          if (!problem->warning && problem->line > 0)
            stop = problem;
        }
      if (stop != NULL)
        /* TRANSLATORS: a line number and the reason, e.g. an unclosed quote */
        text = g_strdup_printf (_("Reading stopped at line %u: %s. Nothing can be imported "
                                  "from this file until that line is corrected."),
                                stop->line, stop->message);
      set_message (self->status_label,
                   text != NULL ? text
                                : _("The file could not be read to its end, so nothing can "
                                    "be imported from it."),
                   TRUE);
    }
  else if (report->n_valid == 0)
    set_message (self->status_label, _("There are no valid rows to import."),
                 report->n_errors > 0);
  else if (report->n_errors > 0)
    {
      g_autofree char *text = g_strdup_printf (
        ngettext ("%u row has problems. Correct the file and choose it again, or import "
                  "only the valid rows.",
                  "%u rows have problems. Correct the file and choose it again, or import "
                  "only the valid rows.", report->n_rows - report->n_valid),
        report->n_rows - report->n_valid);
      set_message (self->status_label, text, TRUE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (
        ngettext ("%u member is ready to import.", "%u members are ready to import.",
                  report->n_valid), report->n_valid);
      set_message (self->status_label, text, FALSE);
    }
}

static void
parse_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ParseData *data = task_data;
  g_autoptr (GtStorage) storage = NULL;
  GtRosterReport *report;
  GError *error = NULL;

  if ((storage = gt_task_open_storage (task, data->db_path)) == NULL)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  report = gt_roster_parse (storage, data->path, data->encoding, data->org, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) gt_roster_report_free);
}

static void
parse_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GtRosterImportDialog *self;
  GtRosterReport *report;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled: a newer reading replaced this one, or the dialog is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = GT_ROSTER_IMPORT_DIALOG (source);
  g_clear_object (&self->cancellable);
  self->report = report;
  if (report == NULL)
    set_message (self->status_label, error->message, TRUE);
  show_report (self);
  update_sensitivity (self);
}

static void
start_parse (GtRosterImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *base = NULL, *status = NULL;
  ParseData *data;
  const char *encoding = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->encoding_combo));
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));

  if (self->job != NULL)
    return; /* the report is the import's until it is done */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, gt_roster_report_free);
  self->imported = FALSE;
  set_message (self->result_label, NULL, FALSE);
  show_report (self);
  if (self->path == NULL)
    {
      update_sensitivity (self);
      return;
    }

  data = g_new0 (ParseData, 1);
  data->db_path = g_strdup (gt_storage_get_path (self->storage));
  data->path = g_strdup (self->path);
  if (!gt_csv_encoding_from_string (encoding, &data->encoding))
    data->encoding = GT_CSV_ENCODING_AUTO;
  data->org = org != NULL && *org != '\0' ? g_strdup (org) : NULL;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, parse_done, NULL);
  g_task_set_source_tag (task, start_parse);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  /* Cancel answers at once; the thread finishes on its own connection and is forgotten. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, parse_thread);

  base = g_filename_display_basename (self->path);
  status = g_strdup_printf (_("Reading and checking “%s”…"), base);
  set_message (self->status_label, status, FALSE);
  update_sensitivity (self);
}

static void
mapping_response_cb (GtkDialog *dialog, int response, GtRosterImportDialog *self)
{
  if (response == GTK_RESPONSE_OK &&
      !gt_roster_mapping_dialog_save (GT_ROSTER_MAPPING_DIALOG (dialog)))
    return; /* the reason is shown in the mapping dialog, which stays open */
  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response == GTK_RESPONSE_OK)
    start_parse (self); /* read the file again with the remembered columns */
}

GtkDialog *
gt_roster_import_dialog_map_columns (GtRosterImportDialog *self)
{
  GtRosterMappingDialog *dialog;

  if (self->report == NULL || self->report->unknown_columns->len == 0)
    return NULL;
  dialog = gt_roster_mapping_dialog_new (GTK_WINDOW (self), self->storage,
                                         self->report->unknown_columns);
  g_signal_connect_object (dialog, "response", G_CALLBACK (mapping_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_DIALOG (dialog);
}

static void
map_columns_cb (GtkButton *button, GtRosterImportDialog *self)
{
  gt_roster_import_dialog_map_columns (self);
}

void
gt_roster_import_dialog_set_file (GtRosterImportDialog *self, const char *path)
{
  g_autofree char *base = NULL;

  g_return_if_fail (GT_IS_ROSTER_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  g_free (self->path);
  self->path = g_strdup (path);
  base = g_filename_display_basename (path);
  gtk_button_set_label (self->file_button, base);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_button), path);
  start_parse (self);
}

gboolean
gt_roster_import_dialog_is_busy (GtRosterImportDialog *self)
{
  g_return_val_if_fail (GT_IS_ROSTER_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
file_chooser_response_cb (GtkNativeDialog *chooser, int response, GtRosterImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        gt_roster_import_dialog_set_file (self, path);
    }
  g_object_unref (chooser);
}

static void
file_clicked_cb (GtkButton *button, GtRosterImportDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Roster"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Rosters (CSV, TSV)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.TSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (self->path != NULL)
    gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (chooser), self->path);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
options_changed_cb (GtkComboBox *combo, GtRosterImportDialog *self)
{
  if (self->path != NULL)
    start_parse (self);
}

static void
stop_clicked_cb (GtkButton *button, GtRosterImportDialog *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  if (self->job != NULL)
    {
      set_message (self->status_label, _("Stopping the import…"), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
      return; /* the thread rolls back, then apply_done () says what it did */
    }
  g_clear_object (&self->cancellable);
  set_message (self->status_label, _("Reading was stopped. Choose the file again to read it."),
               FALSE);
  update_sensitivity (self);
}

static void
valid_only_toggled_cb (GtkToggleButton *button, GtRosterImportDialog *self)
{
  update_sensitivity (self);
}

/* The import under way: shared by the dialog and the worker thread. */
typedef struct _ApplyJob
{
  char *db_path;
  char *operator_name, *program;
  GtRosterReport *report; /* the dialog's, lent to the thread until it is done */
  gboolean valid_only;
  gint permille;          /* progress, written by the thread (atomic) */
} ApplyJob;

static ApplyJob *
apply_job_ref (ApplyJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
apply_job_clear (ApplyJob *job)
{
  g_free (job->db_path);
  g_free (job->operator_name);
  g_free (job->program);
  g_clear_pointer (&job->report, gt_roster_report_free);
}

static void
apply_job_unref (ApplyJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) apply_job_clear);
}

static void
apply_progress (double fraction, gpointer data)
{
  g_atomic_int_set (&((ApplyJob *) data)->permille, (gint) (fraction * 1000));
}

static void
apply_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ApplyJob *job = task_data;
  g_autoptr (GtStorage) storage = NULL;
  GError *error = NULL;

  if ((storage = gt_task_open_storage (task, job->db_path)) == NULL)
    return;
  gt_audit_name_operator (storage, job->operator_name, job->program);
  if (gt_roster_apply_full (storage, job->report, job->valid_only, cancellable,
                            apply_progress, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  GtRosterImportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 g_atomic_int_get (&self->job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
apply_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtRosterImportDialog *self = GT_ROSTER_IMPORT_DIALOG (source);
  ApplyJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  /* What the thread did, even when Cancel came too late to stop the commit. */
  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed)
    return;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  self->report = g_steal_pointer (&job->report);
  g_clear_pointer (&self->job, apply_job_unref);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was imported. %s"),
                                                  error->message);

      set_message (self->status_label, NULL, FALSE);
      set_message (self->result_label, message, TRUE);
      update_sensitivity (self);
      return;
    }
  self->imported = TRUE;
  /* The pages showing members read them again; the thread's connection told no one. */
  gt_storage_emit_changed (self->storage, "members");
  set_message (self->status_label, NULL, FALSE); /* it said the rows were ready */
  text = g_strdup_printf (ngettext ("%u member was added to the register.",
                                    "%u members were added to the register.",
                                    self->report->n_imported), self->report->n_imported);
  set_message (self->result_label, text, FALSE);
  update_sensitivity (self);
}

static void
import (GtRosterImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *text = NULL;
  ApplyJob *job;

  if (self->report == NULL || self->imported || self->cancellable != NULL)
    return;
  job = g_atomic_rc_box_new0 (ApplyJob);
  job->db_path = g_strdup (gt_storage_get_path (self->storage));
  gt_audit_get_operator (self->storage, &job->operator_name, &job->program);
  job->valid_only = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->valid_only_check));
  job->report = g_steal_pointer (&self->report);
  self->job = apply_job_ref (job);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, apply_done, NULL);
  g_task_set_source_tag (task, import);
  /* The result says what happened, cancelled or not: a commit may beat the Cancel. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) apply_job_unref);
  g_task_run_in_thread (task, apply_thread);

  text = g_strdup_printf (ngettext ("Importing %u member…", "Importing %u members…",
                                    job->report->n_valid), job->report->n_valid);
  set_message (self->status_label, text, FALSE);
  set_message (self->result_label, NULL, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->progress_id = g_timeout_add (100, show_progress_cb, self);
  update_sensitivity (self);
}

static void
gt_roster_import_dialog_response (GtkDialog *dialog, int response)
{
  GtRosterImportDialog *self = GT_ROSTER_IMPORT_DIALOG (dialog);

  if (response == GTK_RESPONSE_APPLY)
    {
      import (self);
      return;
    }
  /* Closing waits for the import: Cancel stops it. */
  if (self->job != NULL)
    return;
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_roster_import_dialog_dispose (GObject *object)
{
  GtRosterImportDialog *self = GT_ROSTER_IMPORT_DIALOG (object);

  /* The window is closing: an import under way is stopped and rolled back. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_pointer (&self->job, apply_job_unref);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, gt_roster_report_free);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_roster_import_dialog_parent_class)->dispose (object);
}

static void
gt_roster_import_dialog_finalize (GObject *object)
{
  g_free (GT_ROSTER_IMPORT_DIALOG (object)->path);
  G_OBJECT_CLASS (gt_roster_import_dialog_parent_class)->finalize (object);
}

static void
gt_roster_import_dialog_class_init (GtRosterImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = gt_roster_import_dialog_dispose;
  object_class->finalize = gt_roster_import_dialog_finalize;
  dialog_class->response = gt_roster_import_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-roster-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, file_button);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, encoding_combo);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, rows_value);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, valid_value);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, errors_value);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, warnings_value);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, problems_store);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, valid_only_check);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, GtRosterImportDialog, map_button);
  gtk_widget_class_bind_template_callback (widget_class, map_columns_cb);
  gtk_widget_class_bind_template_callback (widget_class, file_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, valid_only_toggled_cb);
}

static void
gt_roster_import_dialog_init (GtRosterImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtRosterImportDialog *
gt_roster_import_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtRosterImportDialog *self = g_object_new (GT_TYPE_ROSTER_IMPORT_DIALOG,
                                             "transient-for", parent,
                                             "use-header-bar", FALSE, NULL);

  g_return_val_if_fail (GT_IS_STORAGE (storage), self);

  self->storage = g_object_ref (storage);
  /* filling the combo emits "changed"; there is no file yet, so nothing is read */
  gt_combo_box_text_fill_orgs (self->org_combo, self->storage, _("None: every row names its branch"));
  set_message (self->status_label, _("Choose a roster file: CSV or TSV, as Excel and WPS save "
                                     "it, with a header row."), FALSE);
  show_report (self);
  update_sensitivity (self);
  return self;
}
