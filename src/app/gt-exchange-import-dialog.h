/* gt-exchange-import-dialog.h — checking exchange packages, then importing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-exchange-check.h"

G_BEGIN_DECLS

#define GT_TYPE_EXCHANGE_IMPORT_DIALOG (gt_exchange_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtExchangeImportDialog, gt_exchange_import_dialog, GT,
                      EXCHANGE_IMPORT_DIALOG, GtkDialog)

GtExchangeImportDialog *gt_exchange_import_dialog_new (GtkWindow *parent, GtStorage *storage);

/* Adds package files and checks them (a dry run in a worker thread). */
void gt_exchange_import_dialog_add_files (GtExchangeImportDialog *self,
                                          const char *const *paths);
/* Adds every *.xml file below @folder; returns how many were found. */
guint gt_exchange_import_dialog_add_folder (GtExchangeImportDialog *self, const char *folder);
/* Imports the packages that are ready, as the Import button does; FALSE when none is. */
gboolean gt_exchange_import_dialog_start (GtExchangeImportDialog *self);
/* TRUE while packages are being checked or imported. */
gboolean gt_exchange_import_dialog_is_busy (GtExchangeImportDialog *self);
/* The packages and their states (GT_PACKAGE_COL_*). */
GtkListStore *gt_exchange_import_dialog_get_store (GtExchangeImportDialog *self);
/* Shows @package's details (as selecting its row does). */
void gt_exchange_import_dialog_select (GtExchangeImportDialog *self, GtPackage *package);

G_END_DECLS
