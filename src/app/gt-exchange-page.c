/* gt-exchange-page.c — the exchange area: this office's identity and signing key, the trust
 * list of other offices' keys, the history of imported packages, and the way to the export
 * and import dialogs (win.exchange-export, win.exchange-import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-exchange-check.h"
#include "gt-exchange-page.h"
#include "gt-keys.h"
#include "gt-registers.h"
#include "gt-trust-key-dialog.h"
#include "gt-window.h"

struct _GtExchangePage
{
  GtkBox parent_instance;

  GtkLabel *office_value;
  GtkLabel *role_value;
  GtkLabel *code_value;
  GtkLabel *path_value;
  GtkLabel *schema_value;
  GtkLabel *key_label;
  GtkLabel *key_hint;
  GtkWidget *generate_button;
  GtkWidget *export_key_button;
  GtkWidget *trust_button;
  GtkWidget *remove_key_button;
  GtkTreeView *trust_view;
  GtkListStore *trust_store;
  GtkListStore *history_store;
  GtkLabel *packages_label;

  GtStorage *storage;
};

enum
{
  TRUST_CODE,
  TRUST_NAME,
  TRUST_FINGERPRINT,
  TRUST_ENROLLED,
  TRUST_HEX,
};

static void gt_exchange_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtExchangePage, gt_exchange_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_exchange_page_page_init))

static void
set_meta_label (GtkLabel *label, GtStorage *storage, const char *key)
{
  g_autofree char *value = gt_storage_get_meta (storage, key);

  gtk_label_set_label (label, value != NULL ? value : _("(not set)"));
}

/* A problem with what the user did (a bad key file, a folder that cannot be written): a
 * banner in the window saying what happened and, with @next_step, what to do now. */
static void
report_problem (GtExchangePage *self, const GError *error, const char *next_step)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  if (GT_IS_WINDOW (toplevel))
    gt_window_show_problem (GT_WINDOW (toplevel), gt_error_text (self->storage, error),
                            next_step, NULL, NULL);
  else
    gt_page_report_error (GT_PAGE (self), error);
}

static void
report (GtExchangePage *self, const GError *error)
{
  report_problem (self, error, NULL);
}

static void
fill_key (GtExchangePage *self)
{
  g_autofree char *pem = NULL, *fingerprint = NULL, *shown = NULL;
  gboolean have = gt_keys_have_own (self->storage);

  if (have)
    pem = gt_keys_get_public_pem (self->storage, &fingerprint, NULL);
  if (pem != NULL)
    {
      g_autofree char *markup = NULL;

      shown = gt_keys_format_fingerprint (fingerprint);
      markup = g_markup_printf_escaped ("<span font_family=\"monospace\" size=\"larger\">"
                                        "%s</span>", shown);
      gtk_label_set_markup (self->key_label, markup);
    }
  else
    gtk_label_set_label (self->key_label, _("This office has no signing key yet. Generate "
                                            "one before the first export."));
  gtk_widget_set_visible (self->generate_button, pem == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->key_hint), pem != NULL);
  gtk_widget_set_sensitive (self->export_key_button, pem != NULL);
  gtk_label_set_label (self->key_hint,
                       _("Read this fingerprint out to the other office by phone when they "
                         "enrol your key."));
}

static void
fill_trust (GtExchangePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = gt_keys_list_trusted (self->storage, &error);

  gtk_list_store_clear (self->trust_store);
  if (keys == NULL)
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < keys->len; i++)
    {
      GtTrustedKey *key = keys->pdata[i];
      g_autofree char *shown = gt_keys_format_fingerprint (key->fingerprint);

      gtk_list_store_insert_with_values (self->trust_store, NULL, -1, TRUST_CODE, key->org_code,
                                         TRUST_NAME, key->name, TRUST_FINGERPRINT, shown,
                                         TRUST_ENROLLED, key->enrolled_on, TRUST_HEX,
                                         key->fingerprint, -1);
    }
}

/* The ledger, newest first. */
static void
fill_history (GtExchangePage *self)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (
    self->storage,
    "SELECT package_uuid, sender_code, sender_name, kind, period, imported_on, n_new,"
    " n_updated, n_unchanged, n_conflicts FROM ex_ledger ORDER BY imported_on DESC, id DESC"
    " LIMIT 1000", &error);
  int rc;
  guint n = 0;

  gtk_list_store_clear (self->history_store);
  if (stmt == NULL)
    {
      report (self, error);
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      GtExchangeKind kind = GT_EXCHANGE_KIND_REPORT;
      g_autofree char *package = g_strndup (uuid, 8);
      g_autofree char *sender = name != NULL && *name != '\0'
                                  ? g_strdup_printf ("%s (%s)", name, code) : g_strdup (code);
      g_autofree char *records = NULL;
      g_autofree char *imported = gt_format_time ((const char *) sqlite3_column_text (stmt, 5));

      gt_exchange_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
      /* Translators: what an import did, in the import history */
      records = g_strdup_printf (_("%d new, %d updated, %d unchanged, %d conflicting"),
                                 sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7),
                                 sqlite3_column_int (stmt, 8), sqlite3_column_int (stmt, 9));
      gtk_list_store_insert_with_values (
        self->history_store, NULL, -1, 0, package, 1, sender, 2, gt_exchange_kind_label (kind),
        3, sqlite3_column_text (stmt, 4), 4, imported, 5, records, -1);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (self->storage, &error, "read the import history");
      report (self, error);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->packages_label), n == 0);
}

static void
gt_exchange_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtExchangePage *self = GT_EXCHANGE_PAGE (page);
  g_autofree char *role = NULL, *code = NULL, *schema = NULL;

  g_set_object (&self->storage, storage);
  gtk_widget_set_sensitive (self->trust_button, storage != NULL);
  if (storage == NULL)
    {
      gtk_label_set_label (self->office_value, "");
      gtk_label_set_label (self->role_value, "");
      gtk_label_set_label (self->code_value, "");
      gtk_label_set_label (self->path_value, _("No database open"));
      gtk_label_set_label (self->schema_value, "");
      gtk_label_set_label (self->key_label, "");
      gtk_widget_hide (self->generate_button);
      gtk_widget_set_sensitive (self->export_key_button, FALSE);
      gtk_list_store_clear (self->trust_store);
      gtk_list_store_clear (self->history_store);
      return;
    }

  set_meta_label (self->office_value, storage, "office_name");
  set_meta_label (self->code_value, storage, "office_code");
  role = gt_storage_get_meta (storage, "role");
  code = gt_storage_get_meta (storage, "office_code");
  gtk_label_set_label (self->role_value, gt_label_office_role (role, code));
  gtk_label_set_label (self->path_value, gt_storage_get_path (storage));
  schema = g_strdup_printf ("%d", gt_storage_get_schema_version (storage));
  gtk_label_set_label (self->schema_value, schema);
  fill_key (self);
  fill_trust (self);
  fill_history (self);
}

static void
generate_clicked_cb (GtExchangePage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->storage == NULL)
    return;
  if (!gt_keys_generate (self->storage, FALSE, &error))
    {
      report (self, error);
      return;
    }
  gt_storage_emit_changed (self->storage, "ex_office_key");
}

gboolean
gt_exchange_page_export_key (GtExchangePage *self, const char *path, GError **error)
{
  g_autofree char *pem = NULL, *fingerprint = NULL, *shown = NULL, *base = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GT_IS_EXCHANGE_PAGE (self) && self->storage != NULL, FALSE);

  pem = gt_keys_get_public_pem (self->storage, &fingerprint, error);
  if (pem == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, pem, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_DURABLE, 0644, error))
    return FALSE;
  base = g_filename_display_basename (path);
  text = g_strdup_printf (_("Public key written to “%s”. Give that file to the other office "
                            "and read them the fingerprint above by phone."), base);
  gtk_label_set_label (self->key_hint, text);
  return TRUE;
}

static void
export_key_response_cb (GtkNativeDialog *chooser, int response, GtExchangePage *self)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (path != NULL && !gt_exchange_page_export_key (self, path, &error))
    report (self, error);
}

static GtkFileFilter *
pem_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Public keys (.pem)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.PEM");
  return filter;
}

static void
export_key_clicked_cb (GtExchangePage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  g_autofree char *code = NULL, *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->storage == NULL)
    return;
  code = gt_storage_get_meta (self->storage, "office_code");
  name = g_strdup_printf ("%s.pem", code != NULL ? code : "guatu");
  chooser = gt_save_chooser_new (_("Export Public Key"), GTK_WINDOW (toplevel), _("_Export"),
                                 _("_Cancel"), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pem_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_key_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWidget *
gt_exchange_page_trust_file (GtExchangePage *self, const char *path)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = NULL, *fingerprint = NULL;
  gsize length = 0;

  g_return_val_if_fail (GT_IS_EXCHANGE_PAGE (self) && self->storage != NULL, NULL);

  if (!g_file_get_contents (path, &pem, &length, &error) ||
      (fingerprint = gt_keys_fingerprint_pem (pem, length, &error)) == NULL)
    {
      g_autofree char *base = g_filename_display_basename (path);

      g_prefix_error (&error, "%s: ", base);
      report_problem (self, error, _("Ask the other office for its public key file (.pem) "
                                     "again; nothing was enrolled."));
      return NULL;
    }
  return GTK_WIDGET (gt_trust_key_dialog_new (GTK_WINDOW (toplevel), self->storage, path, pem,
                                              fingerprint));
}

static void
trust_response_cb (GtkNativeDialog *chooser, int response, GtExchangePage *self)
{
  g_autofree char *path = NULL;
  GtkWidget *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (path != NULL && (dialog = gt_exchange_page_trust_file (self, path)) != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
trust_clicked_cb (GtExchangePage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->storage == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Trust a Key"), GTK_WINDOW (toplevel),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pem_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (trust_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_confirm_cb (GtkDialog *dialog, int response, GtExchangePage *self)
{
  g_autofree char *hex = g_strdup (g_object_get_data (G_OBJECT (dialog), "fingerprint"));
  g_autoptr (GError) error = NULL;

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->storage == NULL)
    return;
  if (!gt_keys_untrust (self->storage, hex, &error))
    report (self, error);
}

static void
remove_clicked_cb (GtExchangePage *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->trust_view);
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  g_autofree char *code = NULL, *name = NULL, *hex = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;
  GtkWidget *dialog, *button;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, TRUST_CODE, &code, TRUST_NAME, &name, TRUST_HEX, &hex, -1);
  dialog = gtk_message_dialog_new (GTK_WINDOW (toplevel),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Remove the key of %s (%s) from the trust list?"), name,
                                   code);
  gtk_message_dialog_format_secondary_text (
    GTK_MESSAGE_DIALOG (dialog),
    _("Packages signed with this key will be refused until it is enrolled again."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Remove Key"), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (button), "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (dialog), "fingerprint", g_steal_pointer (&hex), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (remove_confirm_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
trust_selection_changed_cb (GtExchangePage *self)
{
  gtk_widget_set_sensitive (self->remove_key_button,
                            gtk_tree_selection_get_selected (
                              gtk_tree_view_get_selection (self->trust_view), NULL, NULL));
}

static void
gt_exchange_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_exchange_page_set_storage;
}

static void
gt_exchange_page_dispose (GObject *object)
{
  g_clear_object (&GT_EXCHANGE_PAGE (object)->storage);
  G_OBJECT_CLASS (gt_exchange_page_parent_class)->dispose (object);
}

static void
gt_exchange_page_class_init (GtExchangePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gt_exchange_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-exchange-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, office_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, role_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, code_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, path_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, schema_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, key_label);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, key_hint);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, export_key_button);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, trust_button);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, trust_view);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, trust_store);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, history_store);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, packages_label);
}

static void
gt_exchange_page_init (GtExchangePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->generate_button, "clicked",
                            G_CALLBACK (generate_clicked_cb), self);
  g_signal_connect_swapped (self->export_key_button, "clicked",
                            G_CALLBACK (export_key_clicked_cb), self);
  g_signal_connect_swapped (self->trust_button, "clicked", G_CALLBACK (trust_clicked_cb), self);
  g_signal_connect_swapped (self->remove_key_button, "clicked",
                            G_CALLBACK (remove_clicked_cb), self);
  g_signal_connect_swapped (gtk_tree_view_get_selection (self->trust_view), "changed",
                            G_CALLBACK (trust_selection_changed_cb), self);
  gtk_widget_set_sensitive (self->remove_key_button, FALSE);
}
