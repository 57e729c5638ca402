/* gt-household-page.h — the "households" area of the main window (一户一档, 党员联户)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_HOUSEHOLD_PAGE (gt_household_page_get_type ())
G_DECLARE_FINAL_TYPE (GtHouseholdPage, gt_household_page, GT, HOUSEHOLD_PAGE, GtkBox)

void gt_household_page_set_max_listed (GtHouseholdPage *self, int max_listed);

G_END_DECLS
