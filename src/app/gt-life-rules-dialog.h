/* gt-life-rules-dialog.h — the schedule, dues bands and rules, and dashboard colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_LIFE_RULES_DIALOG (gt_life_rules_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtLifeRulesDialog, gt_life_rules_dialog, GT, LIFE_RULES_DIALOG, GtkDialog)

/* Each change is applied at once; Close closes. */
GtLifeRulesDialog *gt_life_rules_dialog_new (GtkWindow *parent, GtStorage *storage);

G_END_DECLS
