/* chart-pixels.h — the wall charts drawn into pixels, in legend colours nothing else on a
 * chart has, and read back by colour: for the chart tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "gt-chart.h"

G_BEGIN_DECLS

#define PNG_SCALE 2.0 /* pixels per point */

/* The legend colours of the pixel tests (0xRRGGBB), by status: done, on track, at risk,
 * overdue (purple). */
extern const guint32 chart_pixel_colours[GT_PROJECT_N_STATUS];

/* Sets the legend's colours to chart_pixel_colours, and the at-risk meaning to
 * @at_risk_meaning unless NULL. */
void chart_pixels_set_legend (GtStorage *storage, const char *at_risk_meaning);
/* Draws @kind on A4 portrait at PNG_SCALE pixels per point into an image surface; the
 * layout boxes (in points) in @boxes. */
cairo_surface_t *chart_pixels_draw (GtChartData *data, GtChartKind kind, GArray *boxes);
/* The colour (0xRRGGBB) of the pixel at point (@x, @y). */
guint32 chart_pixel_at (cairo_surface_t *image, double x, double y);
/* Whether the pixel at (@x, @y) is drawn in (or blended from) the purple overdue colour. */
gboolean chart_pixel_is_purple (cairo_surface_t *image, double x, double y);
/* The route map's today line on A4 portrait: the columns *@x0 … *@x1 (points) where it is
 * purple a little above the footer, below every project, where only the line is drawn (its
 * dashes are 3 pt with 2 pt gaps, so 8 pt of rows see it). Asserts there is one line. */
void chart_pixels_today_line (cairo_surface_t *image, double *x0, double *x1);

G_END_DECLS
