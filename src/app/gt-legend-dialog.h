/* gt-legend-dialog.h — the wall charts' legend: a colour and a meaning per project status,
 * and the at-risk window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_LEGEND_DIALOG (gt_legend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtLegendDialog, gt_legend_dialog, GT, LEGEND_DIALOG, GtkDialog)

/* Shows the legend of @storage; saving stores it (the charts and the project list redraw
 * through GtStorage::changed) and the dialog stays open with the reason when it is refused. */
GtLegendDialog *gt_legend_dialog_new (GtkWindow *parent, GtStorage *storage);

G_END_DECLS
