/* gt-rules-dialog.h — the rules of 党员联户: minimum households per member, visit interval
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_RULES_DIALOG (gt_rules_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtRulesDialog, gt_rules_dialog, GT, RULES_DIALOG, GtkDialog)

/* Shows the rules of @storage; saving applies them and the dialog stays open with the
 * reason when they are refused. */
GtRulesDialog *gt_rules_dialog_new (GtkWindow *parent, GtStorage *storage);

G_END_DECLS
