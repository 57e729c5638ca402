/* gt-score-rules-dialog.h — every number of the scoring rules, saved as a new version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_SCORE_RULES_DIALOG (gt_score_rules_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtScoreRulesDialog, gt_score_rules_dialog, GT, SCORE_RULES_DIALOG,
                      GtkDialog)

/* NULL with @error when the current rules cannot be read. */
GtScoreRulesDialog *gt_score_rules_dialog_new (GtkWindow *parent, GtStorage *storage,
                                               GError **error);

G_END_DECLS
