/* gt-empty-page.h — an area that has nothing to show yet, and says what will be there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GT_TYPE_EMPTY_PAGE (gt_empty_page_get_type ())
G_DECLARE_FINAL_TYPE (GtEmptyPage, gt_empty_page, GT, EMPTY_PAGE, GtkBox)

G_END_DECLS
