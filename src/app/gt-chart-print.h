/* gt-chart-print.h — printing a wall chart (whole or tiled) with GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-chart-export.h"
#include "gt-chart.h"

G_BEGIN_DECLS

/* The print operation of chart @kind of @data (taken) on @paper: whole, scaled to the sheet
 * chosen in the dialog; or @tiled on @tile_paper sheets with @overlap_mm, an assembly
 * overview first. Its own tab in the print dialog changes tiling and overlap. */
GtkPrintOperation *gt_chart_print_operation_new (GtChartData *data, GtChartKind kind,
                                                 GtPaper paper, gboolean landscape,
                                                 gboolean tiled, GtPaper tile_paper,
                                                 double overlap_mm);

G_END_DECLS
