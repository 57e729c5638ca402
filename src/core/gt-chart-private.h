/* gt-chart-private.h — shared drawing helpers of the three charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "gt-chart.h"

G_BEGIN_DECLS

#define GT_CHART_FONT "Noto Sans CJK SC"
/* Nothing is printed smaller than this (points). */
#define GT_CHART_MIN_FONT 3.5

typedef struct
{
  double r, g, b;
} GtRgb;

typedef struct
{
  cairo_t *cr;
  GtChartCache *cache;
  const GtChartData *data;
  const GtChartOptions *options;
  GArray *boxes;
  double width, height;
  double unit;              /* 1 on A4, 4 on A0: sizes of fixed parts scale with it */
  double bx, by, bw, bh;    /* the body below the title block */
  double clip_x0, clip_y0, clip_x1, clip_y1; /* what can be seen (cairo_clip_extents) */
  gboolean raster;          /* text is drawn as glyphs (not kept as text, as in a PDF) */
  GtRgb status[GT_PROJECT_N_STATUS];
  GtChartBox last_text;     /* the em box of the last text gt_chart_text () drew */
} GtChartCtx;

typedef enum
{
  GT_TEXT_LEFT = 0,
  GT_TEXT_CENTER = 1 << 0,
  GT_TEXT_RIGHT = 1 << 1,
  GT_TEXT_BOLD = 1 << 2,
  GT_TEXT_NO_BOX = 1 << 3, /* do not record the text's box */
} GtTextFlags;

/* Draws @text on one line inside (x, y, w, h), vertically centred: at @size points when it
 * fits, else shrunk down to @min_size, else ellipsized at @min_size. Nothing is drawn when
 * even the ellipsis cannot fit. Records the drawn text's box (owned by @project_id), also
 * in ctx->last_text. Returns the width drawn (0: nothing). */
double gt_chart_text (GtChartCtx *ctx, const char *text, double x, double y, double w, double h,
                      double size, double min_size, GtTextFlags flags, const GtRgb *colour,
                      gint64 project_id);

/* The size gt_chart_text () draws @text at in a box of @w × @h: @size when it fits, else
 * shrunk, but not below @min_size (where it is ellipsized). For labels that are drawn at
 * one size: the least of their sizes, passed to gt_chart_text () as both @size and
 * @min_size. */
double gt_chart_text_fit (GtChartCtx *ctx, const char *text, double w, double h, double size,
                          double min_size, gboolean bold);

/* Whether anything in (x, y, w, h) can be seen through the clip: drawing outside it
 * is skipped (the boxes are still recorded). */
gboolean gt_chart_visible (GtChartCtx *ctx, double x, double y, double w, double h);

/* A layout computed before from the same inputs: @key holds the inputs (doubles, compared
 * bit for bit), the result the values remembered with them; NULL when the inputs changed.
 * @what is a static string naming the layout. */
const double *gt_chart_cache_recall (GtChartCache *cache, const char *what, GArray *key,
                                     guint *n_values);
void gt_chart_cache_remember (GtChartCache *cache, const char *what, GArray *key,
                              GArray *value);

/* The width of @text at @size points. */
double gt_chart_text_width (GtChartCtx *ctx, const char *text, double size, gboolean bold);

void gt_chart_add_box (GtChartCtx *ctx, double x, double y, double w, double h,
                       GtChartBoxKind kind, gint64 project_id);

void gt_chart_set_rgb (GtChartCtx *ctx, const GtRgb *colour);
void gt_chart_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r);
/* @colour mixed with white: @t = 0 is @colour, 1 is white. */
GtRgb gt_rgb_tint (const GtRgb *colour, double t);

/* The colour of a status (the configured legend's). */
const GtRgb *gt_chart_status_rgb (GtChartCtx *ctx, GtProjectStatus status);
/* A milestone's own state on the chart's day, whatever its project's: done when ticked off;
 * overdue when its planned date has passed; at risk when it falls within the at-risk days;
 * else on track (still to come). */
GtProjectStatus gt_chart_milestone_status (GtChartCtx *ctx, const GtChartMilestone *milestone);
/* Whether a node in @status is drawn filled: ticked off or late. The others (still to come)
 * are drawn hollow, outlined in their status colour. */
gboolean gt_chart_milestone_filled (GtProjectStatus status);

/* Columns for a list of @units rows (headers count as more than one) over (w × h): the
 * number of columns and the row height that keep at least @min_chars characters of
 * @label_frac of a column's width legible, with rows no higher than @max_row. */
typedef struct
{
  int columns;
  double row;
  double column_width;
  double gap;
} GtChartFlow;

GtChartFlow gt_chart_flow (double w, double h, double units, double header_units,
                           double label_frac, double min_chars, double max_row, double gap);

/* Project kinds in display order (the five demonstration kinds first), each with its
 * projects: an array of GPtrArray (of GtChartProject, unowned) with the kind code as the
 * first element's kind. */
GPtrArray *gt_chart_group_by_kind (const GtChartData *data);

/* Julian day of a YYYY-MM-DD date, 0 when not one. */
guint32 gt_chart_julian (const char *date);

/* The three charts' bodies. */
void gt_chart_route_draw (GtChartCtx *ctx);
void gt_chart_battle_draw (GtChartCtx *ctx);
void gt_chart_guide_draw (GtChartCtx *ctx);

extern const GtRgb gt_chart_ink, gt_chart_grey, gt_chart_rule, gt_chart_paper, gt_chart_red;

G_END_DECLS
