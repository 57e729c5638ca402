/* gt-exchange-page.h — the "exchange" area of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_EXCHANGE_PAGE (gt_exchange_page_get_type ())
G_DECLARE_FINAL_TYPE (GtExchangePage, gt_exchange_page, GT, EXCHANGE_PAGE, GtkBox)

G_END_DECLS
