/* gt-exchange-export-dialog.h — writing a signed exchange package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-exchange.h"

G_BEGIN_DECLS

#define GT_TYPE_EXCHANGE_EXPORT_DIALOG (gt_exchange_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtExchangeExportDialog, gt_exchange_export_dialog, GT,
                      EXCHANGE_EXPORT_DIALOG, GtkDialog)

GtExchangeExportDialog *gt_exchange_export_dialog_new (GtkWindow *parent, GtStorage *storage);

/* Chooses @folder as the destination (adding it to the list when it is not there). */
void gt_exchange_export_dialog_set_folder (GtExchangeExportDialog *self, const char *folder);
void gt_exchange_export_dialog_set_kind (GtExchangeExportDialog *self, GtExchangeKind kind);
/* Starts the export as the Export button does; FALSE (with the reason shown) when it cannot. */
gboolean gt_exchange_export_dialog_start (GtExchangeExportDialog *self);
gboolean gt_exchange_export_dialog_is_busy (GtExchangeExportDialog *self);
/* The file written by the last export that succeeded, or NULL. */
const char *gt_exchange_export_dialog_get_written (GtExchangeExportDialog *self);

G_END_DECLS
