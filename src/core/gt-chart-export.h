/* gt-chart-export.h — writing a chart as PDF, SVG or PNG, on one sheet of any size or tiled
 * onto A4/A3 sheets with overlap, cut and alignment marks and an assembly overview
 *
 * The tiling (GtChartTiling) is also what the GUI's GtkPrintOperation uses: one page per
 * tile after the overview page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gt-chart.h"

G_BEGIN_DECLS

typedef enum
{
  GT_CHART_FORMAT_PDF,
  GT_CHART_FORMAT_SVG,
  GT_CHART_FORMAT_PNG,
} GtChartFormat;

gboolean gt_chart_format_from_code (const char *code, GtChartFormat *format);

/* How a large chart is cut into sheets. Sizes in points. Each sheet has a margin on every
 * side (for the printer and the marks); the printed part of neighbouring tiles overlaps by
 * @overlap so the sheets can be glued. Tile (row r, column c) shows the chart from
 * (c × step_x, r × step_y) with step = printable − overlap. */
typedef struct
{
  double chart_width, chart_height;
  double sheet_width, sheet_height;
  double margin;
  double overlap;
  double printable_width, printable_height;
  int columns, rows;
} GtChartTiling;

/* Chooses the orientation of @sheet giving fewer sheets; at an equal count, the one that
 * leaves less of the glued sheets blank (the empty strip of the last row or column);
 * portrait on a full tie. */
void gt_chart_tiling_compute (GtChartTiling *tiling, double chart_width, double chart_height,
                              GtPaper sheet, double margin, double overlap);
/* The same for a sheet of @sheet_width × @sheet_height in either orientation (e.g. a print
 * context's page: the printout then turns its pages, gt_chart_tiling_is_landscape ()). */
void gt_chart_tiling_choose (GtChartTiling *tiling, double chart_width, double chart_height,
                             double sheet_width, double sheet_height, double margin,
                             double overlap);
gboolean gt_chart_tiling_is_landscape (const GtChartTiling *tiling);
/* The same for a given sheet size (e.g. a print context's page). */
void gt_chart_tiling_compute_for_sheet (GtChartTiling *tiling, double chart_width,
                                        double chart_height, double sheet_width,
                                        double sheet_height, double margin, double overlap);
int gt_chart_tiling_n_tiles (const GtChartTiling *tiling);
/* "B-3": row letter(s) and column number of tile @index (row-major from 0). */
char *gt_chart_tiling_label (const GtChartTiling *tiling, int index);

/* Draws the chart. */
typedef void (*GtChartDrawFunc) (cairo_t *cr, double width, double height, gpointer user_data);

/* Draws sheet @index of @tiling into @cr (a sheet of sheet_width × sheet_height): the tile's
 * part of the chart, then cut marks, alignment marks in the overlap and the tile label. */
void gt_chart_tiling_draw_tile (const GtChartTiling *tiling, int index, cairo_t *cr,
                                GtChartDrawFunc draw, gpointer user_data);
/* Draws the assembly overview: the whole chart small, the tiles' grid and labels. */
void gt_chart_tiling_draw_overview (const GtChartTiling *tiling, cairo_t *cr,
                                    GtChartDrawFunc draw, gpointer user_data);

typedef struct
{
  GtChartFormat format;
  GtPaper paper;
  gboolean landscape;
  double dpi;          /* PNG only; 0 for 150 */
  gboolean tiled;      /* PDF only */
  GtPaper tile_paper;  /* A4 or A3 */
  double overlap_mm;   /* between tiles; < 0 for the default 10 mm */
} GtChartExportOptions;

#define GT_CHART_EXPORT_OPTIONS_INIT { GT_CHART_FORMAT_PDF, GT_PAPER_A4, FALSE, 0, FALSE, GT_PAPER_A4, -1 }

/* Progress: @done of @total pages. */
typedef void (*GtChartProgressFunc) (int done, int total, gpointer user_data);

/* Writes @data drawn as @chart to @path (safely: a failed write leaves no half file).
 * Errors name the file; G_IO_ERROR_CANCELLED when @cancellable fires between pages. */
gboolean gt_chart_export (const GtChartData *data, const GtChartOptions *chart,
                          const GtChartExportOptions *options, const char *path,
                          GtChartProgressFunc progress, gpointer user_data,
                          GCancellable *cancellable, GError **error);

/* Below this size (points) a label on a wall chart is hard to read from a step away. */
#define GT_CHART_READABLE_PT 5.0

/* How many labels of the chart on @paper are smaller than GT_CHART_READABLE_PT; the number
 * of labels in @n_labels and the smallest size in @smallest (either may be NULL). */
guint gt_chart_small_labels (const GtChartData *data, const GtChartOptions *chart,
                             GtPaper paper, gboolean landscape, guint *n_labels,
                             double *smallest);
/* The smallest paper from @paper up to A0 on which at most one label in a hundred is
 * smaller than GT_CHART_READABLE_PT (a label squeezed between two nodes of the same day
 * stays small on any paper), or A0; how many are in @n_small (may be NULL). */
GtPaper gt_chart_readable_paper (const GtChartData *data, const GtChartOptions *chart,
                                 GtPaper paper, gboolean landscape, guint *n_small);

G_END_DECLS
