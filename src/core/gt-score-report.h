/* gt-score-report.h — the points-distribution chart (one Cairo drawing for PDF, PNG and
 * screen) and the A4 reports of points and ratings: ranking (亮分), red/black list notice,
 * fortress index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "gt-ratings.h"
#include "gt-report.h"

G_BEGIN_DECLS

/* A4 in PostScript points. */
#define GT_SCORE_PAGE_WIDTH 595.276
#define GT_SCORE_PAGE_HEIGHT 841.89

/* The distribution of the run's scores: counts per bin of @bin_width points, the bars
 * coloured by the grade most of their members have, the grade lines of a member run
 * marked; title and axes included. Draws into (@x, @y, @width, @height) of @cr. */
void gt_score_chart_draw (const GtScoreRun *run, cairo_t *cr, double x, double y, double width,
                          double height);

/* The counts per bin the chart draws (first bin starts at @first): for tests and tables. */
GArray *gt_score_chart_bins (const GtScoreRun *run, double *first, double *bin_width);

/* The top of the chart's count axis for a tallest bar of @max people: a multiple of the tick
 * (*@tick: 1, 2, 5, 10, 20 … people, at most six ticks), so that every gridline is labelled
 * with the whole count it stands at. */
int gt_score_chart_axis (int max, int *tick);

/* Writes the chart as a PNG of @width × @height pixels (white background). */
gboolean gt_score_chart_write_png (const GtScoreRun *run, const char *path, int width, int height,
                                   GError **error);

/* Report kinds: ranking (a member run: chart, then the table by branch and rank, warnings
 * marked), redblack (the notice of a red/black run: red list, then black list with reasons),
 * fortress (a fortress run: index, class and grade per organisation). @office: the issuing
 * office's name for the heading, or NULL. */
gboolean gt_score_report_write_pdf (const GtScoreRun *run, const char *office, const char *path,
                                    GError **error);

/* The number of pages gt_score_report_write_pdf () writes for @run. */
int gt_score_report_n_pages (const GtScoreRun *run);

/* The run of @kind (member, redblack, fortress, stars, link) for @period computed with the
 * current rules, as a GtReport table (the shared A4 table writer of `report KIND`). */
GtReport *gt_score_report_table (GtStorage *storage, const char *kind, const char *period,
                                 GError **error);

G_END_DECLS
