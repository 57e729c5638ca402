/* gt-page.c — what every area of the main window implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "gt-audit.h"
#include "gt-registers.h"
#include "gt-page.h"

G_DEFINE_INTERFACE (GtPage, gt_page, GTK_TYPE_WIDGET)

static void
gt_page_default_init (GtPageInterface *iface)
{
}

void
gt_page_set_storage (GtPage *page, GtStorage *storage)
{
  g_return_if_fail (GT_IS_PAGE (page));
  g_return_if_fail (storage == NULL || GT_IS_STORAGE (storage));

  GT_PAGE_GET_IFACE (page)->set_storage (page, storage);
}

void
gt_page_report_error (GtPage *page, const GError *error)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (page));

  g_warning ("%s", error->message);
  /* The window shows errors in its info bar; it listens for this signal name. */
  if (GTK_IS_WINDOW (toplevel))
    g_signal_emit_by_name (toplevel, "report-error", error->message);
}

const char *
gt_error_text (GtStorage *storage, const GError *error)
{
  const char *path = storage != NULL ? gt_storage_get_path (storage) : NULL;
  size_t len = path != NULL ? strlen (path) : 0;

  if (len > 0 && strncmp (error->message, path, len) == 0 &&
      strncmp (error->message + len, ": ", 2) == 0)
    return error->message + len + 2;
  return error->message;
}

void
gt_combo_box_ellipsize (GtkComboBox *combo, int width_chars)
{
  g_autoptr (GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (combo));

  for (GList *l = cells; l != NULL; l = l->next)
    if (GTK_IS_CELL_RENDERER_TEXT (l->data))
      g_object_set (l->data, "ellipsize", PANGO_ELLIPSIZE_END, "width-chars", width_chars, NULL);
}

/* Filling a combo box row by row makes it measure itself after every row: with the 12 000
 * organisations of a prefecture that took seconds. Take the model out, fill it, put it back. */
GtkListStore *
gt_combo_box_text_take_model (GtkComboBoxText *combo)
{
  GtkListStore *store = GTK_LIST_STORE (gtk_combo_box_get_model (GTK_COMBO_BOX (combo)));

  g_object_ref (store);
  if (!gtk_style_context_has_class (gtk_widget_get_style_context (GTK_WIDGET (combo)),
                                   "gt-long-list"))
    {
      /* The combo box picks menu or list when its style changes: make it look now. */
      gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (combo)),
                                   "gt-long-list");
      g_signal_emit_by_name (combo, "style-updated");
    }
  gtk_combo_box_set_model (GTK_COMBO_BOX (combo), NULL);
  gtk_list_store_clear (store);
  return store;
}

void
gt_combo_box_text_store_append (GtkListStore *store, const char *id, const char *text)
{
  /* GtkComboBoxText's columns: 0 the text, 1 the id. */
  gtk_list_store_insert_with_values (store, NULL, -1, 0, text, 1, id, -1);
}

void
gt_combo_box_text_give_model (GtkComboBoxText *combo, GtkListStore *store)
{
  GtkWidget *view = gtk_bin_get_child (GTK_BIN (combo));

  /* Sized by its cell's width-chars, not by measuring every row of the model. */
  if (GTK_IS_CELL_VIEW (view))
    gtk_cell_view_set_fit_model (GTK_CELL_VIEW (view), FALSE);
  gtk_combo_box_set_model (GTK_COMBO_BOX (combo), GTK_TREE_MODEL (store));
  g_object_unref (store);
}

void
gt_combo_box_text_fill_orgs (GtkComboBoxText *combo, GtStorage *storage, const char *first)
{
  g_autoptr (GPtrArray) orgs = gt_org_list (storage, NULL);
  g_autoptr (GHashTable) depths = g_hash_table_new (g_int64_hash, g_int64_equal);
  GtkListStore *store = gt_combo_box_text_take_model (combo);

  gt_combo_box_text_store_append (store, "", first);
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (depths, &org->parent_id));
      g_autoptr (GString) label = g_string_new (NULL);

      g_hash_table_insert (depths, &org->id, GUINT_TO_POINTER (depth + 1));
      for (guint d = 0; d < depth; d++)
        g_string_append (label, "    ");
      g_string_append (label, org->name);
      gt_combo_box_text_store_append (store, *org->code ? org->code : org->name, label->str);
    }
  gt_combo_box_text_give_model (combo, store);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), "");
}

void
gt_label_set_status (GtkLabel *label, const char *text, gboolean error)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (label));

  gtk_label_set_label (label, text != NULL ? text : "");
  if (error)
    gtk_style_context_add_class (style, GTK_STYLE_CLASS_ERROR);
  else
    gtk_style_context_remove_class (style, GTK_STYLE_CLASS_ERROR);
}

/* The question asked while a guarded dialog is being closed with changes, if any. */
#define DISCARD_QUESTION "gt-discard-question"

static void
discard_answered_cb (GtkDialog *question, int response, GtkDialog *dialog)
{
  g_object_set_data (G_OBJECT (dialog), DISCARD_QUESTION, NULL);
  gtk_widget_destroy (GTK_WIDGET (question));
  if (response == GTK_RESPONSE_ACCEPT)
    gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
discard_response_cb (GtkDialog *dialog, int response, gpointer user_data)
{
  GtDialogChangedFunc changed = (GtDialogChangedFunc) user_data;
  GtkWidget *question, *button;

  if (response != GTK_RESPONSE_CANCEL && response != GTK_RESPONSE_DELETE_EVENT &&
      response != GTK_RESPONSE_CLOSE)
    return;
  if (!changed (dialog))
    return;
  g_signal_stop_emission_by_name (dialog, "response");
  question = g_object_get_data (G_OBJECT (dialog), DISCARD_QUESTION);
  if (question != NULL)
    {
      gtk_window_present (GTK_WINDOW (question));
      return;
    }
  question = gtk_message_dialog_new (GTK_WINDOW (dialog),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                     (const char *) g_object_get_data (G_OBJECT (dialog),
                                                                       DISCARD_QUESTION "-text"));
  gtk_dialog_add_button (GTK_DIALOG (question), _("_Keep Editing"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (question), _("_Discard"), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (button), "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
  g_object_set_data (G_OBJECT (dialog), DISCARD_QUESTION, question);
  g_signal_connect_object (question, "response", G_CALLBACK (discard_answered_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (question));
}

/* Runs after GtkDialog's own handler, which turned the event into a response: while the
 * question is up the window stays; otherwise it is destroyed as usual. */
static gboolean
discard_delete_event_cb (GtkWidget *dialog, GdkEvent *event, gpointer user_data)
{
  return g_object_get_data (G_OBJECT (dialog), DISCARD_QUESTION) != NULL ? GDK_EVENT_STOP
                                                                           : GDK_EVENT_PROPAGATE;
}

void
gt_dialog_confirm_discard (GtkDialog *dialog, GtDialogChangedFunc changed, const char *question)
{
  g_return_if_fail (GTK_IS_DIALOG (dialog));
  g_return_if_fail (changed != NULL);

  g_object_set_data_full (G_OBJECT (dialog), DISCARD_QUESTION "-text", g_strdup (question),
                          g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), (gpointer) changed);
  g_signal_connect (dialog, "delete-event", G_CALLBACK (discard_delete_event_cb), NULL);
}

GtkFileChooserNative *
gt_save_chooser_new (const char *title, GtkWindow *parent, const char *accept_label,
                     const char *cancel_label, const char *name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent,
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               accept_label, cancel_label);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser),
                                       documents != NULL &&
                                           g_file_test (documents, G_FILE_TEST_IS_DIR)
                                         ? documents
                                         : g_get_home_dir ());
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

char *
gt_choose_pdf_path (GtkWindow *parent, const char *suggested)
{
  g_autoptr (GtkFileChooserNative) chooser = NULL;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gt_save_chooser_new (_("Export PDF"), parent, _("_Export"), _("_Cancel"), suggested);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (gtk_native_dialog_run (GTK_NATIVE_DIALOG (chooser)) != GTK_RESPONSE_ACCEPT)
    return NULL;
  return gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
}

#define WITHDRAWN_FOREGROUND "#6c757d"

void
gt_tree_view_column_mark_withdrawn (GtkTreeViewColumn *column, GtkCellRenderer *cell,
                                    int withdrawn_column, gboolean strike)
{
  g_object_set (cell, "foreground", WITHDRAWN_FOREGROUND, NULL);
  gtk_tree_view_column_add_attribute (column, cell, "foreground-set", withdrawn_column);
  if (!strike)
    return;
  g_object_set (cell, "strikethrough", TRUE, NULL);
  gtk_tree_view_column_add_attribute (column, cell, "strikethrough-set", withdrawn_column);
}

char *
gt_format_time (const char *iso)
{
  g_autoptr (GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

typedef struct
{
  char *db_path;
  char *operator_name; /* what the worker's writes are attributed to in the audit log */
  char *program;
  GtPageWork work;
  gpointer data;
  GDestroyNotify free_data;
  GDestroyNotify free_result;
} PageRun;

static void
page_run_free (PageRun *run)
{
  g_free (run->db_path);
  g_free (run->operator_name);
  g_free (run->program);
  if (run->free_data != NULL)
    run->free_data (run->data);
  g_free (run);
}

static void
interrupt_cb (GCancellable *cancellable, sqlite3 *db)
{
  sqlite3_interrupt (db);
}

static void
page_run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PageRun *run = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (run->db_path, GT_STORAGE_OPEN_DEFAULT, &error);
  gpointer result = NULL;

  /* Behind the window: on two cores, a page's workers (the life page starts two) took the
   * window's thread's share and delayed the first frame. Linux sets a thread's nice value
   * alone; GLib's pool keeps the thread for other background work, which may as well yield
   * to the window too. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
  if (storage != NULL)
    gt_audit_name_operator (storage, run->operator_name, run->program);
  if (storage != NULL)
    {
      /* A cancel stops the statement running on this connection (SQLITE_INTERRUPT). */
      gulong handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb),
                                              gt_storage_get_db (storage), NULL);

      result = run->work (storage, run->data, cancellable, &error);
      g_cancellable_disconnect (cancellable, handler);
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, run->free_result);
}

void
gt_page_cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

void
gt_page_run_in_thread (gpointer source, GtStorage *storage, GCancellable **cancellable,
                       GtPageWork work, gpointer data, GDestroyNotify free_data,
                       GDestroyNotify free_result, GAsyncReadyCallback done)
{
  g_autoptr (GTask) task = NULL;
  PageRun *run = g_new0 (PageRun, 1);

  gt_page_cancel (cancellable);
  *cancellable = g_cancellable_new ();
  run->db_path = g_strdup (gt_storage_get_path (storage));
  gt_audit_get_operator (storage, &run->operator_name, &run->program);
  run->work = work;
  run->data = data;
  run->free_data = free_data;
  run->free_result = free_result;
  task = g_task_new (source, *cancellable, done, NULL);
  g_task_set_source_tag (task, gt_page_run_in_thread);
  g_task_set_task_data (task, run, (GDestroyNotify) page_run_free);
  /* A cancelled run ends soon (its statement is interrupted) and reports G_IO_ERROR_CANCELLED;
   * the task, which holds the page, is released on the main thread. */
  g_task_run_in_thread (task, page_run_thread);
}

gpointer
gt_page_run_get_data (GAsyncResult *result)
{
  return ((PageRun *) g_task_get_task_data (G_TASK (result)))->data;
}

GtStorage *
gt_task_open_storage (GTask *task, const char *db_path)
{
  GError *error = NULL;
  GtStorage *storage = gt_storage_open (db_path, GT_STORAGE_OPEN_DEFAULT, &error);

  if (storage == NULL)
    g_task_return_error (task, error);
  return storage;
}
