/* gt-audit-dialog.c — the audit log, newest first, searchable, exported as CSV
 *
 * The list shows the newest AUDIT_ROWS entries that match the search; the export writes all
 * that match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-audit-dialog.h"
#include "gt-audit.h"
#include "gt-page.h"

#define AUDIT_ROWS 1000
#define RESPONSE_EXPORT 1

enum
{
  COL_TIME,
  COL_OPERATOR,
  COL_PROGRAM,
  COL_DETAIL,
};

struct _GtAuditDialog
{
  GtkDialog parent_instance;

  GtkSearchEntry *search_entry;
  GtkTreeView *tree_view;
  GtkListStore *store;
  GtkLabel *status_label;

  GtStorage *storage;
};

G_DEFINE_TYPE (GtAuditDialog, gt_audit_dialog, GTK_TYPE_DIALOG)

static GtAuditFilter
current_filter (GtAuditDialog *self)
{
  const char *text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));

  return (GtAuditFilter) { .text = text != NULL && *text != '\0' ? text : NULL };
}

static void
reload (GtAuditDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  GtAuditFilter filter = current_filter (self);

  gtk_list_store_clear (self->store);
  entries = gt_audit_list (self->storage, &filter, 0, AUDIT_ROWS, &error);
  if (entries == NULL)
    {
      gtk_label_set_label (self->status_label, gt_error_text (self->storage, error));
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GtAuditEntry *e = entries->pdata[i];
      g_autofree char *detail = gt_audit_entry_describe (e);
      g_autofree char *time = g_strndup (e->time, 19);

      g_strdelimit (time, "T", ' ');
      gtk_list_store_insert_with_values (self->store, NULL, -1, COL_TIME, time, COL_OPERATOR,
                                         e->operator_name, COL_PROGRAM, e->program, COL_DETAIL,
                                         detail, -1);
    }
  if (entries->len >= AUDIT_ROWS)
    {
      g_autofree char *text = g_strdup_printf (_("The newest %u entries; search to narrow them "
                                                 "down, or export them all"), AUDIT_ROWS);
      gtk_label_set_label (self->status_label, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u entry", "%u entries", entries->len),
                                               entries->len);
      gtk_label_set_label (self->status_label, text);
    }
}

static void
search_changed_cb (GtAuditDialog *self)
{
  reload (self);
}

/* Escape in the search box (which has the focus) clears the search, and closes the dialog
 * when there is none, as Escape does elsewhere in a dialog. */
static void
stop_search_cb (GtAuditDialog *self)
{
  if (*gtk_entry_get_text (GTK_ENTRY (self->search_entry)) != '\0')
    gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  else
    gtk_dialog_response (GTK_DIALOG (self), GTK_RESPONSE_DELETE_EVENT);
}

gboolean
gt_audit_dialog_export (GtAuditDialog *self, const char *path, GError **error)
{
  GtAuditFilter filter = current_filter (self);
  guint n = 0;

  if (!gt_audit_export_csv (self->storage, &filter, path, &n, error))
    return FALSE;
  {
    g_autofree char *text = g_strdup_printf (ngettext ("Exported %u entry to %s",
                                                       "Exported %u entries to %s", n), n, path);
    gtk_label_set_label (self->status_label, text);
  }
  return TRUE;
}

static void
export_chosen (GtAuditDialog *self)
{
  g_autoptr (GtkFileChooserNative) chooser = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  chooser = gt_save_chooser_new (_("Export Audit Log"), GTK_WINDOW (self), _("_Export"),
                                 _("_Cancel"), _("audit-log.csv"));
  if (gtk_native_dialog_run (GTK_NATIVE_DIALOG (chooser)) != GTK_RESPONSE_ACCEPT)
    return;
  path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  if (path != NULL && !gt_audit_dialog_export (self, path, &error))
    gtk_label_set_label (self->status_label, gt_error_text (self->storage, error));
}

static void
gt_audit_dialog_response (GtkDialog *dialog, int response)
{
  GtAuditDialog *self = GT_AUDIT_DIALOG (dialog);

  if (response == RESPONSE_EXPORT)
    {
      export_chosen (self);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_audit_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_AUDIT_DIALOG (object)->storage);
  G_OBJECT_CLASS (gt_audit_dialog_parent_class)->dispose (object);
}

static void
gt_audit_dialog_class_init (GtAuditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_audit_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_audit_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtAuditDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GtAuditDialog, tree_view);
  gtk_widget_class_bind_template_child (widget_class, GtAuditDialog, store);
  gtk_widget_class_bind_template_child (widget_class, GtAuditDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
}

static void
gt_audit_dialog_init (GtAuditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtAuditDialog *
gt_audit_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtAuditDialog *self = g_object_new (GT_TYPE_AUDIT_DIALOG, "transient-for", parent,
                                      "use-header-bar", FALSE, NULL);

  self->storage = g_object_ref (storage);
  reload (self);
  return self;
}

guint
gt_audit_dialog_get_n_rows (GtAuditDialog *self)
{
  return (guint) gtk_tree_model_iter_n_children (GTK_TREE_MODEL (self->store), NULL);
}

void
gt_audit_dialog_set_search (GtAuditDialog *self, const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), text);
  reload (self);
}
