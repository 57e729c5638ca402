/* gt-exchange-page.h — the "exchange" area of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_EXCHANGE_PAGE (gt_exchange_page_get_type ())
G_DECLARE_FINAL_TYPE (GtExchangePage, gt_exchange_page, GT, EXCHANGE_PAGE, GtkBox)

/* Writes this office's public key (PEM) to @path, as "Export Public Key…" does. */
gboolean gt_exchange_page_export_key (GtExchangePage *self, const char *path, GError **error);
/* Reads the PEM file @path and returns the dialog that asks to confirm its fingerprint by
 * phone before enrolling it (not yet shown); NULL after reporting an unreadable or bad key. */
GtkWidget *gt_exchange_page_trust_file (GtExchangePage *self, const char *path);

G_END_DECLS
