/* gt-chart-page.h — the "Wall Charts" area: the three 挂图作战 charts on screen, filtered,
 * printed (whole or tiled) and exported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-chart-export.h"
#include "gt-chart-view.h"
#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_CHART_PAGE (gt_chart_page_get_type ())
G_DECLARE_FINAL_TYPE (GtChartPage, gt_chart_page, GT, CHART_PAGE, GtkBox)

GtChartView *gt_chart_page_get_view (GtChartPage *self);
/* Selects a chart and filters as the combo boxes would (for tests): codes, NULL for all. */
void gt_chart_page_set_chart (GtChartPage *self, GtChartKind kind);
void gt_chart_page_set_filter (GtChartPage *self, const char *kind, const char *status);
/* Exports in the background as the Export button does after the file dialog; calls
 * @callback (on the main loop) when done. */
void gt_chart_page_export_async (GtChartPage *self, const char *path,
                                 const GtChartExportOptions *options, GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean gt_chart_page_export_finish (GtChartPage *self, GAsyncResult *result, GError **error);
/* What Print and Export start from, after Preferences (chart-tile-paper, chart-overlap-mm):
 * @tiled when the chart's paper is larger than the @tile_paper sheets; each may be NULL. */
void gt_chart_page_get_tiling (GtChartPage *self, gboolean *tiled, GtPaper *tile_paper,
                               double *overlap_mm);
/* The print operation the Print button runs (pages: whole sheet, or overview + tiles on the
 * sheets of Preferences); @overlap_mm < 0 for the overlap of Preferences. */
GtkPrintOperation *gt_chart_page_make_print (GtChartPage *self, gboolean tiled, double overlap_mm);

G_END_DECLS
