/* gt-exchange-export-dialog.c — writing a signed exchange package
 *
 * The user chooses the kind (monthly report, full sync, acknowledgement), the period, the
 * receiver (the parent office first, then the offices of the trust list), whether ID and
 * phone numbers are masked, and where to: a removable drive (GVolumeMonitor) or a folder.
 * gt_exchange_export_full() runs in a GTask worker thread on a GtStorage of its own, with a
 * progress bar and Cancel; the core writes a temporary file, signs it, renames it and
 * checks the signature of what it wrote before it reports size and SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-application.h"
#include "gt-exchange-check.h"
#include "gt-exchange-export-dialog.h"
#include "gt-keys.h"
#include "gt-page.h"
#include "gt-window-usb.h"

#define CHOOSE_ID "choose"

struct _GtExchangeExportDialog
{
  GtkDialog parent_instance;

  GtkComboBoxText *kind_combo;
  GtkComboBoxText *period_combo;
  GtkComboBoxText *receiver_combo;
  GtkCheckButton *mask_check;
  GtkComboBoxText *folder_combo;
  GtkEntry *name_entry;
  GtkProgressBar *progress_bar;
  GtkLabel *status_label;
  GtkWidget *export_button;
  GtkWidget *close_button;

  GtStorage *storage;
  GCancellable *cancellable; /* of the export under way, or NULL */
  char *suggested;           /* the file name last suggested */
  char *last_folder;         /* the destination chosen before "Choose a Folder…" */
  char *written;
  gboolean closed;
};

G_DEFINE_TYPE (GtExchangeExportDialog, gt_exchange_export_dialog, GTK_TYPE_DIALOG)

typedef struct
{
  char *db_path;
  char *path;
  GtExchangeKind kind;
  char *period;
  char *to_code;
  gboolean mask;
  /* progress, guarded by lock */
  GMutex lock;
  double fraction;
  gboolean pending;
  GtExchangeExportDialog *dialog; /* kept alive by the GTask */
  GTask *task;                    /* owns the job */
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job->period);
  g_free (job->to_code);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static void
set_status (GtExchangeExportDialog *self, const char *text, gboolean error)
{
  gt_label_set_status (self->status_label, text, error);
}

static void
set_busy (GtExchangeExportDialog *self, gboolean busy)
{
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_button_set_label (GTK_BUTTON (self->close_button), busy ? _("_Cancel") : _("_Close"));
  if (busy)
    gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

static GtExchangeKind
chosen_kind (GtExchangeExportDialog *self)
{
  GtExchangeKind kind = GT_EXCHANGE_KIND_REPORT;

  gt_exchange_kind_from_string (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo)),
                                &kind);
  return kind;
}

/* "330822105-月报-2026-11.xml": the office code, the kind and the period (or the date). */
static char *
suggest_name (GtExchangeExportDialog *self)
{
  g_autofree char *code = gt_storage_get_meta (self->storage, "office_code");
  g_autofree char *when = NULL;
  GtExchangeKind kind = chosen_kind (self);
  const char *period = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->period_combo));

  if (kind == GT_EXCHANGE_KIND_REPORT && period != NULL)
    when = g_strdup (period);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      when = g_date_time_format (now, "%Y-%m-%d");
    }
  return g_strdup_printf ("%s-%s-%s.xml", code != NULL ? code : "guatu",
                          gt_exchange_kind_label (kind), when);
}

static void
update_name (GtExchangeExportDialog *self)
{
  const char *current = gtk_entry_get_text (self->name_entry);

  /* A name the user typed is kept; a suggested one follows kind and period. */
  if (*current != '\0' && g_strcmp0 (current, self->suggested) != 0)
    return;
  g_free (self->suggested);
  self->suggested = suggest_name (self);
  gtk_entry_set_text (self->name_entry, self->suggested);
}

static void
kind_changed_cb (GtExchangeExportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_combo),
                            chosen_kind (self) == GT_EXCHANGE_KIND_REPORT);
  update_name (self);
}

static gboolean
deliver_progress (gpointer data)
{
  Job *job = g_task_get_task_data (data);
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);
  if (!job->dialog->closed)
    gtk_progress_bar_set_fraction (job->dialog->progress_bar, fraction);
  return G_SOURCE_REMOVE;
}

static void
export_progress (double fraction, gpointer data)
{
  Job *job = data;
  gboolean schedule;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  schedule = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);
  /* The update holds the GTask, and with it the job and the dialog. */
  if (schedule)
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, deliver_progress,
                                g_object_ref (job->task), g_object_unref);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GtStorage) storage = NULL;
  GtExchangeExportInfo *info = NULL;
  GtExchangeExportOptions options = { 0 };
  GError *error = NULL;

  job->task = task;
  if ((storage = gt_task_open_storage (task, job->db_path)) == NULL)
    return;
  options.kind = job->kind;
  options.period = job->period;
  options.to_code = job->to_code;
  options.mask = job->mask;
  if (!gt_exchange_export_full (storage, job->path, &options, cancellable, export_progress, job,
                                &info, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) gt_exchange_export_info_free);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtExchangeExportDialog *self = GT_EXCHANGE_EXPORT_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeExportInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *base = NULL, *size = NULL, *text = NULL;

  g_clear_object (&self->cancellable);
  if (self->closed)
    return;
  set_busy (self, FALSE);
  if (info == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("The export was cancelled; no file was written."));
      else
        message = g_strdup_printf (_("The package was not written. %s"),
                                   gt_error_text (self->storage, error));
      set_status (self, message, TRUE);
      return;
    }
  g_free (self->written);
  self->written = g_strdup (info->path);
  base = g_filename_display_basename (info->path);
  size = g_format_size (info->size);
  text = g_strdup_printf (_("Wrote “%s” (%s) for office %s; its signature was checked.\n"
                            "SHA-256: %s"), base, size, info->receiver_code, info->sha256);
  set_status (self, text, FALSE);
}

gboolean
gt_exchange_export_dialog_start (GtExchangeExportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *name = NULL;
  const char *folder, *period, *to;
  Job *job;

  g_return_val_if_fail (GT_IS_EXCHANGE_EXPORT_DIALOG (self), FALSE);
  if (self->cancellable != NULL)
    return FALSE;

  folder = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->folder_combo));
  name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  if (folder == NULL || g_str_equal (folder, CHOOSE_ID))
    {
      set_status (self, _("Choose where to write the package."), TRUE);
      return FALSE;
    }
  if (*name == '\0' || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      set_status (self, _("Give the package a file name (without “/”)."), TRUE);
      return FALSE;
    }
  if (!g_str_has_suffix (name, ".xml"))
    {
      char *with = g_strconcat (name, ".xml", NULL);
      g_free (name);
      name = with;
    }
  if (!gt_keys_have_own (self->storage))
    {
      set_status (self, _("This office has no signing key yet. Generate it on the exchange "
                          "page first."), TRUE);
      return FALSE;
    }

  job = g_new0 (Job, 1);
  g_mutex_init (&job->lock);
  job->dialog = self;
  job->db_path = g_strdup (gt_storage_get_path (self->storage));
  job->path = g_build_filename (folder, name, NULL);
  if (g_file_test (job->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” already exists in that folder; "
                                                    "give the package another name."), name);
      set_status (self, message, TRUE);
      job_free (job);
      return FALSE;
    }
  job->kind = chosen_kind (self);
  period = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->period_combo));
  job->period = job->kind == GT_EXCHANGE_KIND_REPORT ? g_strdup (period) : NULL;
  to = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->receiver_combo));
  job->to_code = to != NULL && *to != '\0' ? g_strdup (to) : NULL;
  job->mask = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->mask_check));

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, gt_exchange_export_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
  set_status (self, _("Writing and signing the package…"), FALSE);
  set_busy (self, TRUE);
  return TRUE;
}

gboolean
gt_exchange_export_dialog_is_busy (GtExchangeExportDialog *self)
{
  g_return_val_if_fail (GT_IS_EXCHANGE_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

const char *
gt_exchange_export_dialog_get_written (GtExchangeExportDialog *self)
{
  g_return_val_if_fail (GT_IS_EXCHANGE_EXPORT_DIALOG (self), NULL);
  return self->written;
}

void
gt_exchange_export_dialog_set_kind (GtExchangeExportDialog *self, GtExchangeKind kind)
{
  g_return_if_fail (GT_IS_EXCHANGE_EXPORT_DIALOG (self));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo),
                               gt_exchange_kind_to_string (kind));
}

/* ---- destinations ---- */

static gboolean
has_folder (GtExchangeExportDialog *self, const char *folder)
{
  GtkTreeModel *model = gtk_combo_box_get_model (GTK_COMBO_BOX (self->folder_combo));
  GtkTreeIter iter;
  int id_column = gtk_combo_box_get_id_column (GTK_COMBO_BOX (self->folder_combo));

  if (!gtk_tree_model_get_iter_first (model, &iter))
    return FALSE;
  do
    {
      g_autofree char *id = NULL;

      gtk_tree_model_get (model, &iter, id_column, &id, -1);
      if (g_strcmp0 (id, folder) == 0)
        return TRUE;
    }
  while (gtk_tree_model_iter_next (model, &iter));
  return FALSE;
}

/* Adds @folder before "Choose a Folder…" (the last row). */
static void
add_folder (GtExchangeExportDialog *self, const char *folder, const char *label)
{
  GtkTreeModel *model = gtk_combo_box_get_model (GTK_COMBO_BOX (self->folder_combo));
  int n = gtk_tree_model_iter_n_children (model, NULL);

  if (has_folder (self, folder))
    return;
  gtk_combo_box_text_insert (self->folder_combo, MAX (n - 1, 0), folder, label);
}

static void
fill_folders (GtExchangeExportDialog *self)
{
  g_autoptr (GPtrArray) drives = gt_removable_drives ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  gtk_combo_box_text_append (self->folder_combo, CHOOSE_ID, _("Choose a Folder…"));
  for (guint i = 0; i + 1 < drives->len; i += 2)
    {
      g_autofree char *label = g_strdup_printf (_("Removable drive “%s”"),
                                                (const char *) drives->pdata[i + 1]);
      add_folder (self, drives->pdata[i], label);
    }
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    add_folder (self, documents, documents);
  /* Without either, the home folder: the field is never left empty. */
  if (drives->len == 0 && !(documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)))
    {
      documents = g_get_home_dir ();
      add_folder (self, documents, documents);
    }
  /* The first drive, else the documents (or home) folder. */
  if (drives->len > 0)
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->folder_combo), drives->pdata[0]);
  else
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->folder_combo), documents);
}

void
gt_exchange_export_dialog_set_folder (GtExchangeExportDialog *self, const char *folder)
{
  g_return_if_fail (GT_IS_EXCHANGE_EXPORT_DIALOG (self));
  add_folder (self, folder, folder);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->folder_combo), folder);
}

static void
folder_chooser_response_cb (GtkNativeDialog *chooser, int response,
                            GtExchangeExportDialog *self)
{
  g_autofree char *folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (folder != NULL)
    gt_exchange_export_dialog_set_folder (self, folder);
  else if (self->last_folder != NULL)
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->folder_combo), self->last_folder);
}

static void
folder_changed_cb (GtExchangeExportDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->folder_combo));
  GtkFileChooserNative *chooser;

  if (g_strcmp0 (id, CHOOSE_ID) != 0)
    {
      g_free (self->last_folder);
      self->last_folder = g_strdup (id);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Choose a Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- periods and receivers ---- */

static void
fill_periods (GtExchangeExportDialog *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *last = gt_exchange_default_period ();

  for (int i = 0; i < 24; i++)
    {
      g_autoptr (GDateTime) month = g_date_time_add_months (now, -i);
      g_autofree char *id = g_date_time_format (month, "%Y-%m");
      /* Translators: a month in the list of report periods, as in 2026年11月 */
      g_autofree char *label = g_date_time_format (month, _("%B %Y"));

      gtk_combo_box_text_append (self->period_combo, id, label);
    }
  /* The month under way stays in the list (a month closed early), but the report is
   * usually for the month before: the county's summary defaults to the newest period any
   * township reported, so one township sending the month under way made every other
   * one look missing. */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->period_combo), last);
}

static void
fill_receivers (GtExchangeExportDialog *self)
{
  g_autofree char *own = gt_exchange_office_code (self->storage);
  g_autofree char *parent = gt_exchange_parent_code (self->storage);
  g_autofree char *parent_name = gt_storage_get_meta (self->storage, "exchange.parent_name");
  g_autoptr (GPtrArray) keys = gt_keys_list_trusted (self->storage, NULL);
  g_autofree char *parent_label = NULL;

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      GtTrustedKey *key = keys->pdata[i];

      if (g_strcmp0 (key->org_code, parent) == 0 && parent_name == NULL && *key->name)
        parent_name = g_strdup (key->name);
    }
  /* A county is its own "parent" by code: it has none to offer. */
  if (g_strcmp0 (parent, own) == 0)
    g_clear_pointer (&parent, g_free);
  if (parent != NULL && *parent != '\0')
    {
      parent_label = parent_name != NULL
                       ? g_strdup_printf (_("%s (%s), the parent office"), parent_name, parent)
                       : g_strdup_printf (_("%s, the parent office"), parent);
      gtk_combo_box_text_append (self->receiver_combo, parent, parent_label);
    }
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      GtTrustedKey *key = keys->pdata[i];
      g_autofree char *label = NULL;

      if (g_strcmp0 (key->org_code, parent) == 0)
        continue;
      label = g_strdup_printf ("%s (%s)", *key->name ? key->name : key->org_code, key->org_code);
      gtk_combo_box_text_append (self->receiver_combo, key->org_code, label);
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->receiver_combo), 0);
}

/* ---- the dialog ---- */

static void
gt_exchange_export_dialog_response (GtkDialog *dialog, int response)
{
  GtExchangeExportDialog *self = GT_EXCHANGE_EXPORT_DIALOG (dialog);

  if (response == GTK_RESPONSE_OK)
    {
      gt_exchange_export_dialog_start (self);
      return;
    }
  if (self->cancellable != NULL && response == GTK_RESPONSE_CLOSE)
    {
      /* Cancel: the core removes what it had written. */
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_exchange_export_dialog_dispose (GObject *object)
{
  GtExchangeExportDialog *self = GT_EXCHANGE_EXPORT_DIALOG (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_exchange_export_dialog_parent_class)->dispose (object);
}

static void
gt_exchange_export_dialog_finalize (GObject *object)
{
  GtExchangeExportDialog *self = GT_EXCHANGE_EXPORT_DIALOG (object);

  g_free (self->suggested);
  g_free (self->last_folder);
  g_free (self->written);
  G_OBJECT_CLASS (gt_exchange_export_dialog_parent_class)->finalize (object);
}

static void
gt_exchange_export_dialog_class_init (GtExchangeExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_exchange_export_dialog_dispose;
  object_class->finalize = gt_exchange_export_dialog_finalize;
  GTK_DIALOG_CLASS (klass)->response = gt_exchange_export_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-exchange-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, period_combo);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, receiver_combo);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, mask_check);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, folder_combo);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeExportDialog, close_button);
}

static void
gt_exchange_export_dialog_init (GtExchangeExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtExchangeExportDialog *
gt_exchange_export_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtExchangeExportDialog *self = g_object_new (GT_TYPE_EXCHANGE_EXPORT_DIALOG,
                                               "transient-for", parent,
                                               "use-header-bar", FALSE, NULL);
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;

  g_return_val_if_fail (GT_IS_STORAGE (storage), self);

  self->storage = g_object_ref (storage);
  fill_periods (self);
  fill_receivers (self);
  fill_folders (self);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), "report");
  g_signal_connect_swapped (self->kind_combo, "changed", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->period_combo, "changed", G_CALLBACK (update_name), self);
  g_signal_connect_swapped (self->folder_combo, "changed", G_CALLBACK (folder_changed_cb), self);
  kind_changed_cb (self);
  set_busy (self, FALSE);
  /* Masking is on unless Preferences turned it off for exports. */
  if (GT_IS_APPLICATION (app))
    {
      GSettings *settings = gt_application_get_settings (GT_APPLICATION (app));

      if (settings != NULL)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->mask_check),
                                      g_settings_get_boolean (settings, "mask-exports"));
    }
  return self;
}
