/* gt-score-page.h — the "points and ratings" area of the main window: rankings with their
 * explanations, the red/black list, stars, household-link scores and the fortress index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_SCORE_PAGE (gt_score_page_get_type ())
G_DECLARE_FINAL_TYPE (GtScorePage, gt_score_page, GT, SCORE_PAGE, GtkBox)

/* TRUE while results are being read or computed in the background. */
gboolean gt_score_page_is_busy (GtScorePage *self);

G_END_DECLS
