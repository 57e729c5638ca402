/* gt-overview-page.h — the "overview" area of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_OVERVIEW_PAGE (gt_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (GtOverviewPage, gt_overview_page, GT, OVERVIEW_PAGE, GtkScrolledWindow)

G_END_DECLS
