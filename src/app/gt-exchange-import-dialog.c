/* gt-exchange-import-dialog.c — checking exchange packages, then importing them
 *
 * Parse, review, apply: the files chosen (one by one, a folder and everything below it, or
 * a removable drive) are each checked by a dry run of gt_exchange_import_full() in a worker
 * thread (gt-exchange-check.c). The list shows sender, kind, period and state; the selected
 * package shows its record counts per type (new / updated / unchanged / conflicting) and
 * its conflicts side by side, local against incoming, with the choice keep local / take
 * incoming. Import applies the ready packages one by one (the core makes the automatic
 * backup and applies each in one transaction), with progress and Cancel. Rejected
 * packages change nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-exchange-import-dialog.h"
#include "gt-keys.h"
#include "gt-page.h"
#include "gt-window-usb.h"

struct _GtExchangeImportDialog
{
  GtkDialog parent_instance;

  GtkBox *drive_box;
  GtkTreeView *package_view;
  GtkLabel *detail_label;
  GtkListStore *counts_store;
  GtkWidget *conflict_box;
  GtkTreeStore *conflict_store;
  GtkTreeView *conflict_view;
  GtkToggleButton *later_radio;
  GtkToggleButton *keep_radio;
  GtkToggleButton *take_radio;
  GtkProgressBar *progress_bar;
  GtkLabel *status_label;
  GtkWidget *import_button;
  GtkWidget *close_button;

  GtStorage *storage;
  GtkListStore *store;
  GCancellable *cancellable; /* of the check or import under way */
  gboolean importing;
  GtPackage *shown;          /* the package whose details are shown */
  gboolean closed;
  gboolean filling;          /* setting the radio buttons from the package */
};

G_DEFINE_TYPE (GtExchangeImportDialog, gt_exchange_import_dialog, GTK_TYPE_DIALOG)

enum
{
  COUNT_TYPE,
  COUNT_TOTAL,
  COUNT_NEW,
  COUNT_UPDATED,
  COUNT_UNCHANGED,
  COUNT_CONFLICTING,
};

enum
{
  CONFLICT_FIELD,
  CONFLICT_LOCAL,
  CONFLICT_INCOMING,
  CONFLICT_WEIGHT,
};

static void run_checks (GtExchangeImportDialog *self);

static void
set_status (GtExchangeImportDialog *self, const char *text, gboolean error)
{
  gt_label_set_status (self->status_label, text, error);
}

static gboolean
is_importable (const GtPackage *p)
{
  return p->state == GT_PACKAGE_READY ||
         (p->state == GT_PACKAGE_CONFLICTS && p->resolution != GT_EXCHANGE_RESOLVE_NONE);
}

static void
update_buttons (GtExchangeImportDialog *self)
{
  GPtrArray *packages = gt_package_store_get (self->store);
  gboolean busy = self->cancellable != NULL, any = FALSE;

  for (guint i = 0; i < packages->len && !any; i++)
    any = is_importable (packages->pdata[i]);
  gtk_widget_set_sensitive (self->import_button, !busy && any);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_button_set_label (GTK_BUTTON (self->close_button), busy ? _("_Cancel") : _("_Close"));
}

/* ---- the selected package ---- */

static char *
conflict_title (const GtExchangeConflict *c, GPtrArray *fields)
{
  const char *name = NULL;

  for (guint i = 0; i < fields->len && name == NULL; i++)
    {
      GtConflictField *f = fields->pdata[i];

      if (g_str_equal (f->field, "name") || g_str_equal (f->field, "title"))
        name = *f->incoming != '\0' ? f->incoming : f->local;
    }
  /* Translators: a conflicting record: its type, its name and the start of its id */
  return g_strdup_printf (_("%s “%s” (%.8s)"), gt_exchange_type_label (c->type),
                          name != NULL ? name : "", c->uuid);
}

static void
show_conflicts (GtExchangeImportDialog *self, GtPackage *p)
{
  GPtrArray *conflicts = p != NULL && p->result != NULL ? p->result->conflicts : NULL;

  gtk_tree_store_clear (self->conflict_store);
  gtk_widget_set_visible (self->conflict_box, conflicts != NULL && conflicts->len > 0 &&
                                                p->state == GT_PACKAGE_CONFLICTS);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      GtExchangeConflict *c = conflicts->pdata[i];
      g_autoptr (GPtrArray) fields = gt_conflict_fields (c);
      g_autofree char *title = conflict_title (c, fields);
      GtkTreeIter parent, child;

      gtk_tree_store_insert_with_values (self->conflict_store, &parent, NULL, -1,
                                         CONFLICT_FIELD, title, CONFLICT_WEIGHT,
                                         PANGO_WEIGHT_BOLD, -1);
      /* The fields that differ first, then those that agree. */
      for (guint f = 0; f < 2 * fields->len; f++)
        {
          GtConflictField *field = fields->pdata[f % fields->len];

          if (field->differs != (f < fields->len))
            continue;

          gtk_tree_store_insert_with_values (self->conflict_store, &child, &parent, -1,
                                             CONFLICT_FIELD,
                                             gt_exchange_field_label (field->field),
                                             CONFLICT_LOCAL,
                                             field->local, CONFLICT_INCOMING, field->incoming,
                                             CONFLICT_WEIGHT, field->differs
                                                                ? PANGO_WEIGHT_BOLD
                                                                : PANGO_WEIGHT_NORMAL, -1);
        }
    }
  gtk_tree_view_expand_all (self->conflict_view);
  self->filling = TRUE;
  if (p != NULL)
    gtk_toggle_button_set_active (p->resolution == GT_EXCHANGE_RESOLVE_KEEP_LOCAL
                                    ? self->keep_radio
                                  : p->resolution == GT_EXCHANGE_RESOLVE_TAKE_INCOMING
                                    ? self->take_radio : self->later_radio, TRUE);
  self->filling = FALSE;
}

static void
show_details (GtExchangeImportDialog *self, GtPackage *p)
{
  const GtExchangeResult *r = p != NULL ? p->result : NULL;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->detail_label));

  self->shown = p;
  gtk_list_store_clear (self->counts_store);
  gtk_style_context_remove_class (style, GTK_STYLE_CLASS_ERROR);
  if (p == NULL)
    gtk_label_set_label (self->detail_label, _("Select a package to see what it holds."));
  else if (p->state == GT_PACKAGE_REJECTED || p->state == GT_PACKAGE_FAILED)
    {
      g_autofree char *text = gt_package_state_text (p);
      gtk_label_set_label (self->detail_label, text);
      gtk_style_context_add_class (style, GTK_STYLE_CLASS_ERROR);
    }
  else if (r == NULL)
    gtk_label_set_label (self->detail_label, _("Checking the package…"));
  else
    {
      g_autofree char *key = gt_keys_format_fingerprint (r->key_fingerprint);
      g_autofree char *state = gt_package_state_text (p);
      g_autofree char *sender = gt_exchange_result_sender_text (r);
      g_autofree char *text = g_strdup_printf (
        _("%s\nFrom %s.\nCreated %s by %s; signed with the key %s.\n%s"), state,
        sender != NULL ? sender : "",
        r->created != NULL ? r->created : "", r->generator != NULL ? r->generator : "", key,
        r->masked ? _("ID and phone numbers in it are masked.")
                  : _("It holds full ID and phone numbers."));

      if (r->ignored->len > 0)
        {
          guint n = r->counts[GT_EXCHANGE_ACK][GT_EXCHANGE_IGNORED];
          GString *more = g_string_new (text);

          g_string_append_c (more, '\n');
          g_string_append_printf (more, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u acknowledgement is not counted:",
                                                     "%u acknowledgements are not counted:", n),
                                  n);
          for (guint i = 0; i < r->ignored->len; i++)
            g_string_append_printf (more, "\n%s", (const char *) r->ignored->pdata[i]);
          g_free (text);
          text = g_string_free (more, FALSE);
        }
      gtk_label_set_label (self->detail_label, text);
      for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
        {
          const guint *c = r->counts[t];
          g_autofree char *total = NULL, *n0 = NULL, *n1 = NULL, *n2 = NULL, *n3 = NULL;

          if (r->claimed[t] == 0 && c[0] + c[1] + c[2] + c[3] == 0)
            continue;
          total = g_strdup_printf ("%u", r->claimed[t]);
          n0 = g_strdup_printf ("%u", c[GT_EXCHANGE_NEW]);
          n1 = g_strdup_printf ("%u", c[GT_EXCHANGE_UPDATED]);
          n2 = g_strdup_printf ("%u", c[GT_EXCHANGE_UNCHANGED]);
          n3 = g_strdup_printf ("%u", c[GT_EXCHANGE_CONFLICTING]);
          gtk_list_store_insert_with_values (self->counts_store, NULL, -1, COUNT_TYPE,
                                             gt_exchange_type_label (t), COUNT_TOTAL, total,
                                             COUNT_NEW, n0, COUNT_UPDATED, n1, COUNT_UNCHANGED,
                                             n2, COUNT_CONFLICTING, n3, -1);
        }
    }
  show_conflicts (self, p);
}

void
gt_exchange_import_dialog_select (GtExchangeImportDialog *self, GtPackage *package)
{
  GtkTreeModel *model = GTK_TREE_MODEL (self->store);
  GtkTreeIter iter;

  g_return_if_fail (GT_IS_EXCHANGE_IMPORT_DIALOG (self));
  if (gtk_tree_model_get_iter_first (model, &iter))
    do
      {
        GtPackage *p = NULL;

        gtk_tree_model_get (model, &iter, GT_PACKAGE_COL_PACKAGE, &p, -1);
        if (p == package)
          {
            gtk_tree_selection_select_iter (gtk_tree_view_get_selection (self->package_view),
                                            &iter);
            break;
          }
      }
    while (gtk_tree_model_iter_next (model, &iter));
  show_details (self, package);
}

static void
selection_changed_cb (GtExchangeImportDialog *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  GtPackage *p = NULL;

  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->package_view), &model,
                                       &iter))
    gtk_tree_model_get (model, &iter, GT_PACKAGE_COL_PACKAGE, &p, -1);
  if (p != self->shown)
    show_details (self, p);
}

static void
resolution_toggled_cb (GtExchangeImportDialog *self)
{
  GtPackage *p = self->shown;

  if (self->filling || p == NULL || self->cancellable != NULL)
    return;
  p->resolution = gtk_toggle_button_get_active (self->keep_radio)
                    ? GT_EXCHANGE_RESOLVE_KEEP_LOCAL
                  : gtk_toggle_button_get_active (self->take_radio)
                    ? GT_EXCHANGE_RESOLVE_TAKE_INCOMING : GT_EXCHANGE_RESOLVE_NONE;
  gt_package_store_update (self->store, p);
  update_buttons (self);
}

/* ---- checks and import, in the worker ---- */

static void
package_updated (GtPackage *p, gpointer user_data)
{
  GtExchangeImportDialog *self = user_data;

  if (self->closed)
    return;
  if (self->shown == p || self->shown == NULL)
    gt_exchange_import_dialog_select (self, p);
  update_buttons (self);
}

static void
progress (double fraction, const char *file, gpointer user_data)
{
  GtExchangeImportDialog *self = user_data;

  if (self->closed)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, file);
}

static void
import_summary (GtExchangeImportDialog *self, gboolean cancelled)
{
  GPtrArray *packages = gt_package_store_get (self->store);
  g_autoptr (GString) text = g_string_new (NULL);
  const char *backup = NULL;
  guint imported = 0, failed = 0;

  for (guint i = 0; i < packages->len; i++)
    {
      GtPackage *p = packages->pdata[i];

      if (p->state == GT_PACKAGE_IMPORTED)
        {
          imported++;
          if (p->result->backup_path != NULL)
            backup = p->result->backup_path;
        }
      failed += p->state == GT_PACKAGE_FAILED;
    }
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u package imported.",
                                             "%u packages imported.", imported), imported);
  if (failed > 0)
    g_string_append_printf (text, " %s", _("Some packages could not be imported; they "
                                           "changed nothing."));
  if (cancelled)
    g_string_append_printf (text, " %s", _("The import was cancelled before the rest."));
  if (backup != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The database as it was is kept in %s."), backup);
    }
  set_status (self, text->str, failed > 0);
}

static void
run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtExchangeImportDialog *self = GT_EXCHANGE_IMPORT_DIALOG (source);
  g_autoptr (GError) error = NULL;
  gboolean ok = gt_exchange_check_finish (result, &error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gboolean was_import = self->importing;

  g_clear_object (&self->cancellable);
  self->importing = FALSE;
  if (was_import && self->storage != NULL)
    {
      /* The packages went in on the worker's own connection: tell the window's. */
      gt_storage_emit_changed (self->storage, "ex_ledger");
      gt_storage_emit_changed (self->storage, "ex_records");
    }
  if (self->closed)
    return;
  if (cancelled && !was_import)
    {
      /* Packages not checked yet say so; adding them again checks them. */
      GPtrArray *packages = gt_package_store_get (self->store);

      for (guint i = 0; i < packages->len; i++)
        {
          GtPackage *p = packages->pdata[i];

          if (p->state != GT_PACKAGE_CHECKING)
            continue;
          p->state = GT_PACKAGE_FAILED;
          g_free (p->message);
          p->message = g_strdup (_("not checked (cancelled); add the file again to check it"));
          gt_package_store_update (self->store, p);
        }
    }
  if (!ok && !cancelled)
    set_status (self, gt_error_text (self->storage, error), TRUE);
  else if (was_import)
    import_summary (self, cancelled);
  else if (cancelled)
    set_status (self, _("Checking was cancelled."), FALSE);
  else
    set_status (self, "", FALSE);
  update_buttons (self);
  if (self->shown != NULL)
    show_details (self, self->shown);
  if (!cancelled)
    run_checks (self); /* files added while the worker was busy */
}

static void
run (GtExchangeImportDialog *self, gboolean dry_run)
{
  self->cancellable = g_cancellable_new ();
  self->importing = !dry_run;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gt_exchange_check_run (self, gt_storage_get_path (self->storage), self->store, dry_run,
                         self->cancellable, package_updated, progress, self, run_done);
  set_status (self, dry_run ? _("Checking the packages…") : _("Importing…"), FALSE);
  update_buttons (self);
}

static void
run_checks (GtExchangeImportDialog *self)
{
  GPtrArray *packages = gt_package_store_get (self->store);

  if (self->cancellable != NULL || self->closed)
    return;
  for (guint i = 0; i < packages->len; i++)
    if (((GtPackage *) packages->pdata[i])->state == GT_PACKAGE_CHECKING)
      {
        run (self, TRUE);
        return;
      }
}

gboolean
gt_exchange_import_dialog_start (GtExchangeImportDialog *self)
{
  g_return_val_if_fail (GT_IS_EXCHANGE_IMPORT_DIALOG (self), FALSE);
  if (self->cancellable != NULL || !gtk_widget_get_sensitive (self->import_button))
    return FALSE;
  run (self, FALSE);
  return TRUE;
}

gboolean
gt_exchange_import_dialog_is_busy (GtExchangeImportDialog *self)
{
  g_return_val_if_fail (GT_IS_EXCHANGE_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

GtkListStore *
gt_exchange_import_dialog_get_store (GtExchangeImportDialog *self)
{
  g_return_val_if_fail (GT_IS_EXCHANGE_IMPORT_DIALOG (self), NULL);
  return self->store;
}

void
gt_exchange_import_dialog_add_files (GtExchangeImportDialog *self, const char *const *paths)
{
  GtPackage *first = NULL;

  g_return_if_fail (GT_IS_EXCHANGE_IMPORT_DIALOG (self));
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      GtPackage *p = gt_package_store_add (self->store, paths[i]);

      if (first == NULL)
        first = p;
    }
  if (self->shown == NULL && first != NULL)
    gt_exchange_import_dialog_select (self, first);
  run_checks (self);
}

guint
gt_exchange_import_dialog_add_folder (GtExchangeImportDialog *self, const char *folder)
{
  g_autoptr (GPtrArray) found = gt_exchange_find_packages (folder);

  g_return_val_if_fail (GT_IS_EXCHANGE_IMPORT_DIALOG (self), 0);
  if (found->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No exchange packages (.xml files) were found "
                                                 "in %s."), folder);
      set_status (self, text, TRUE);
      return 0;
    }
  g_ptr_array_add (found, NULL);
  gt_exchange_import_dialog_add_files (self, (const char *const *) found->pdata);
  return found->len - 1;
}

/* ---- choosing files ---- */

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, GtExchangeImportDialog *self)
{
  gboolean folder = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) ==
                    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  GSList *files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_filenames (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (folder)
    {
      for (GSList *l = files; l != NULL; l = l->next)
        gt_exchange_import_dialog_add_folder (self, l->data);
    }
  else if (files != NULL)
    {
      g_autoptr (GPtrArray) paths = g_ptr_array_new ();

      for (GSList *l = files; l != NULL; l = l->next)
        g_ptr_array_add (paths, l->data);
      g_ptr_array_add (paths, NULL);
      gt_exchange_import_dialog_add_files (self, (const char *const *) paths->pdata);
    }
  g_slist_free_full (files, g_free);
}

static void
choose (GtExchangeImportDialog *self, gboolean folder)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Add a Folder of Packages")
                                                : _("Add Package Files"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folder)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Exchange packages (.xml)"));
      gtk_file_filter_add_pattern (filter, "*.xml");
      gtk_file_filter_add_pattern (filter, "*.XML");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_files_clicked_cb (GtExchangeImportDialog *self)
{
  choose (self, FALSE);
}

static void
add_folder_clicked_cb (GtExchangeImportDialog *self)
{
  choose (self, TRUE);
}

static void
drive_clicked_cb (GtkButton *button, GtExchangeImportDialog *self)
{
  gt_exchange_import_dialog_add_folder (self, g_object_get_data (G_OBJECT (button), "root"));
}

/* A button per removable drive plugged in now. */
static void
fill_drives (GtExchangeImportDialog *self)
{
  g_autoptr (GPtrArray) drives = gt_removable_drives ();

  for (guint i = 0; i + 1 < drives->len; i += 2)
    {
      g_autofree char *label = g_strdup_printf (_("Drive “%s”"),
                                                (const char *) drives->pdata[i + 1]);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_tooltip_text (button, drives->pdata[i]);
      g_object_set_data_full (G_OBJECT (button), "root", g_strdup (drives->pdata[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (drive_clicked_cb), self);
      gtk_widget_show (button);
      gtk_box_pack_start (self->drive_box, button, FALSE, TRUE, 0);
    }
}

/* ---- the dialog ---- */

static void
gt_exchange_import_dialog_response (GtkDialog *dialog, int response)
{
  GtExchangeImportDialog *self = GT_EXCHANGE_IMPORT_DIALOG (dialog);

  if (response == GTK_RESPONSE_OK)
    {
      gt_exchange_import_dialog_start (self);
      return;
    }
  if (self->cancellable != NULL && response == GTK_RESPONSE_CLOSE)
    {
      /* The package under way is rolled back; those imported before it stay. */
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_exchange_import_dialog_dispose (GObject *object)
{
  GtExchangeImportDialog *self = GT_EXCHANGE_IMPORT_DIALOG (object);

  self->closed = TRUE;
  self->shown = NULL;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (gt_exchange_import_dialog_parent_class)->dispose (object);
}

static void
gt_exchange_import_dialog_finalize (GObject *object)
{
  GtExchangeImportDialog *self = GT_EXCHANGE_IMPORT_DIALOG (object);

  /* The storage is kept until the end: a worker that was cancelled still reports to it. */
  g_clear_object (&self->storage);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (gt_exchange_import_dialog_parent_class)->finalize (object);
}

static void
gt_exchange_import_dialog_class_init (GtExchangeImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_exchange_import_dialog_dispose;
  object_class->finalize = gt_exchange_import_dialog_finalize;
  GTK_DIALOG_CLASS (klass)->response = gt_exchange_import_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-exchange-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, drive_box);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, package_view);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, counts_store);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, conflict_store);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, conflict_view);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, later_radio);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, keep_radio);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, take_radio);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, GtExchangeImportDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, add_files_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, resolution_toggled_cb);
}

static void
gt_exchange_import_dialog_init (GtExchangeImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = gt_package_store_new ();
  gtk_tree_view_set_model (self->package_view, GTK_TREE_MODEL (self->store));
  fill_drives (self);
  show_details (self, NULL);
  update_buttons (self);
}

GtExchangeImportDialog *
gt_exchange_import_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtExchangeImportDialog *self = g_object_new (GT_TYPE_EXCHANGE_IMPORT_DIALOG,
                                               "transient-for", parent,
                                               "use-header-bar", FALSE, NULL);

  g_return_val_if_fail (GT_IS_STORAGE (storage), self);
  self->storage = g_object_ref (storage);
  return self;
}
