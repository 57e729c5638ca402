/* gt-window-exchange.c — the window's exchange actions: the export and import dialogs, on
 * their own or aimed at a folder (a removable drive) or at dropped package files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-exchange-export-dialog.h"
#include "gt-exchange-import-dialog.h"
#include "gt-window-exchange.h"

static GtStorage *
storage_or_complain (GtWindow *window)
{
  GtStorage *storage = gt_window_get_storage (window);

  if (storage == NULL)
    gt_window_show_error (window, _("Open a database before exchanging packages."));
  return storage;
}

static GtExchangeExportDialog *
export_dialog (GtWindow *window)
{
  GtStorage *storage = storage_or_complain (window);
  GtExchangeExportDialog *dialog;

  if (storage == NULL)
    return NULL;
  dialog = gt_exchange_export_dialog_new (GTK_WINDOW (window), storage);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The import dialog of this window that is open, else a new one. */
static GtExchangeImportDialog *
import_dialog (GtWindow *window)
{
  GtStorage *storage = storage_or_complain (window);
  GList *toplevels;
  GtExchangeImportDialog *dialog = NULL;

  if (storage == NULL)
    return NULL;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL && dialog == NULL; l = l->next)
    if (GT_IS_EXCHANGE_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      dialog = l->data;
  g_list_free (toplevels);
  if (dialog == NULL)
    dialog = gt_exchange_import_dialog_new (GTK_WINDOW (window), storage);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
export_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  export_dialog (GT_WINDOW (user_data));
}

static void
export_to_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtExchangeExportDialog *dialog = export_dialog (GT_WINDOW (user_data));

  if (dialog != NULL)
    {
      gt_exchange_export_dialog_set_kind (dialog, GT_EXCHANGE_KIND_REPORT);
      gt_exchange_export_dialog_set_folder (dialog, g_variant_get_string (parameter, NULL));
    }
}

static void
import_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  import_dialog (GT_WINDOW (user_data));
}

static void
import_from_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtExchangeImportDialog *dialog = import_dialog (GT_WINDOW (user_data));

  if (dialog != NULL)
    gt_exchange_import_dialog_add_folder (dialog, g_variant_get_string (parameter, NULL));
}

static void
import_files_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtExchangeImportDialog *dialog = import_dialog (GT_WINDOW (user_data));
  g_autofree const char **paths = NULL;

  if (dialog == NULL)
    return;
  paths = g_variant_get_strv (parameter, NULL);
  gt_exchange_import_dialog_add_files (dialog, paths);
}

static const GActionEntry exchange_entries[] = {
  { "exchange-export", export_activated },
  { "exchange-export-to", export_to_activated, "s" },
  { "exchange-import", import_activated },
  { "exchange-import-from", import_from_activated, "s" },
  { "exchange-import-files", import_files_activated, "as" },
};

void
gt_window_exchange_init (GtWindow *window)
{
  g_return_if_fail (GT_IS_WINDOW (window));
  g_action_map_add_action_entries (G_ACTION_MAP (window), exchange_entries,
                                   G_N_ELEMENTS (exchange_entries), window);
}
