/* gt-life-page.h — the "organisational life" area: compliance dashboard, meetings, dues
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_LIFE_PAGE (gt_life_page_get_type ())
G_DECLARE_FINAL_TYPE (GtLifePage, gt_life_page, GT, LIFE_PAGE, GtkBox)

/* TRUE while the compliance dashboard is being computed (in a worker thread). */
gboolean gt_life_page_is_busy (GtLifePage *self);

G_END_DECLS
