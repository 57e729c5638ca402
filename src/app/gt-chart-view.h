/* gt-chart-view.h — a wall chart on screen: the core drawing with zoom, pan, fit to window,
 * tooltips and click to open a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-chart.h"

G_BEGIN_DECLS

#define GT_TYPE_CHART_VIEW (gt_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (GtChartView, gt_chart_view, GT, CHART_VIEW, GtkDrawingArea)

GtkWidget *gt_chart_view_new (void);

/* Takes @data (may be NULL) and shows it, fitted to the window. */
void gt_chart_view_set_data (GtChartView *self, GtChartData *data);
const GtChartData *gt_chart_view_get_data (GtChartView *self);
void gt_chart_view_set_chart (GtChartView *self, GtChartKind kind);
GtChartKind gt_chart_view_get_chart (GtChartView *self);
/* The sheet the chart is laid out for. */
void gt_chart_view_set_paper (GtChartView *self, GtPaper paper, gboolean landscape);
void gt_chart_view_get_paper (GtChartView *self, GtPaper *paper, gboolean *landscape);
/* As gt_chart_boxes_count_small () for the labels of the last drawing (in points on the
 * chart's paper). */
guint gt_chart_view_count_small_labels (GtChartView *self, double size, guint *n_labels,
                                        double *smallest);

void gt_chart_view_zoom (GtChartView *self, double factor);
void gt_chart_view_fit (GtChartView *self);
double gt_chart_view_get_scale (GtChartView *self);

/* The project drawn at widget coordinates (@x, @y), or 0. */
gint64 gt_chart_view_project_at (GtChartView *self, double x, double y);
/* The same, and in @rect (may be NULL) the area in widget coordinates that stands for the
 * project there (a marker on the battle map, a row of its table). */
gint64 gt_chart_view_project_area_at (GtChartView *self, double x, double y, GdkRectangle *rect);
/* The village (battle map) at widget coordinates (@x, @y), or 0. Dragging it emits
 * ::village-moved with its new map position. */
gint64 gt_chart_view_village_at (GtChartView *self, double x, double y);
/* Where project @id is drawn (its first hit box), in widget coordinates; FALSE if not shown. */
gboolean gt_chart_view_project_rect (GtChartView *self, gint64 id, GdkRectangle *rect);
/* Emits ::project-activated as a click on it would. */
void gt_chart_view_activate_project (GtChartView *self, gint64 id);
/* The tooltip text for project @id (for tests), or NULL. */
char *gt_chart_view_describe_project (GtChartView *self, gint64 id);

G_END_DECLS
