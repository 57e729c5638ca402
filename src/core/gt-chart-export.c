/* gt-chart-export.c — charts as PDF, SVG and PNG; tiling onto A4/A3 sheets
 *
 * The chart is drawn once into a recording surface; every sheet replays it, clipped to its
 * tile. Tile sheets carry corner cut marks, registration marks in the overlap bands (they
 * sit on the same spot of the chart on both neighbouring sheets, so they line up when the
 * sheets are glued) and the tile's label, e.g. "B-3" (row B, column 3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "gt-chart-export.h"
#include "gt-chart-private.h"
#include "gt-file.h"

#define DEFAULT_OVERLAP_MM 10.0
#define TILE_MARGIN_MM 10.0
#define MAX_PNG_SIDE 32000
#define MAX_PNG_PIXELS 300000000.0

gboolean
gt_chart_format_from_code (const char *code, GtChartFormat *format)
{
  static const char *const codes[] = { "pdf", "svg", "png" };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (codes); i++)
    if (g_ascii_strcasecmp (code, codes[i]) == 0)
      {
        *format = (GtChartFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- tiling ---- */

static int
count_tiles (double chart, double printable, double overlap)
{
  double step = printable - overlap;

  if (chart <= printable + 0.01 || step <= 0)
    return 1;
  return (int) ceil ((chart - overlap - 0.01) / step);
}

void
gt_chart_tiling_compute_for_sheet (GtChartTiling *t, double chart_width, double chart_height,
                                   double sheet_width, double sheet_height, double margin,
                                   double overlap)
{
  t->chart_width = chart_width;
  t->chart_height = chart_height;
  t->sheet_width = sheet_width;
  t->sheet_height = sheet_height;
  t->margin = margin;
  t->overlap = overlap;
  t->printable_width = sheet_width - 2 * margin;
  t->printable_height = sheet_height - 2 * margin;
  t->columns = count_tiles (chart_width, t->printable_width, overlap);
  t->rows = count_tiles (chart_height, t->printable_height, overlap);
}

/* The part of the glued sheets' printed area that the chart does not fill: the blank strip
 * of the last row and column. */
static double
tiling_waste (const GtChartTiling *t)
{
  double covered_w = t->columns * (t->printable_width - t->overlap) + t->overlap;
  double covered_h = t->rows * (t->printable_height - t->overlap) + t->overlap;

  return MAX (covered_w, t->chart_width) * MAX (covered_h, t->chart_height) -
         t->chart_width * t->chart_height;
}

void
gt_chart_tiling_choose (GtChartTiling *tiling, double chart_width, double chart_height,
                        double sheet_width, double sheet_height, double margin, double overlap)
{
  GtChartTiling portrait, landscape;
  int n_portrait, n_landscape;

  gt_chart_tiling_compute_for_sheet (&portrait, chart_width, chart_height,
                                     MIN (sheet_width, sheet_height),
                                     MAX (sheet_width, sheet_height), margin, overlap);
  gt_chart_tiling_compute_for_sheet (&landscape, chart_width, chart_height,
                                     MAX (sheet_width, sheet_height),
                                     MIN (sheet_width, sheet_height), margin, overlap);
  n_portrait = gt_chart_tiling_n_tiles (&portrait);
  n_landscape = gt_chart_tiling_n_tiles (&landscape);
  /* fewer sheets; on a tie, the less blank paper (1 pt² is noise); then portrait */
  if (n_landscape < n_portrait ||
      (n_landscape == n_portrait && tiling_waste (&landscape) < tiling_waste (&portrait) - 1))
    *tiling = landscape;
  else
    *tiling = portrait;
}

gboolean
gt_chart_tiling_is_landscape (const GtChartTiling *tiling)
{
  return tiling->sheet_width > tiling->sheet_height;
}

void
gt_chart_tiling_compute (GtChartTiling *tiling, double chart_width, double chart_height,
                         GtPaper sheet, double margin, double overlap)
{
  double w, h;

  gt_paper_size (sheet, FALSE, &w, &h);
  gt_chart_tiling_choose (tiling, chart_width, chart_height, w, h, margin, overlap);
}

int
gt_chart_tiling_n_tiles (const GtChartTiling *tiling)
{
  return tiling->columns * tiling->rows;
}

static char *
row_letters (int row)
{
  GString *s = g_string_new (NULL);

  /* A … Z, AA, AB … */
  row++;
  while (row > 0)
    {
      int r = (row - 1) % 26;
      g_string_prepend_c (s, (char) ('A' + r));
      row = (row - 1) / 26;
    }
  return g_string_free (s, FALSE);
}

char *
gt_chart_tiling_label (const GtChartTiling *tiling, int index)
{
  g_autofree char *row = row_letters (index / tiling->columns);
  return g_strdup_printf ("%s-%d", row, index % tiling->columns + 1);
}

static void
registration_mark (cairo_t *cr, double x, double y, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r * 0.55, 0, 2 * G_PI);
  cairo_move_to (cr, x - r, y);
  cairo_line_to (cr, x + r, y);
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x, y + r);
  cairo_stroke (cr);
}

static void
sheet_text (cairo_t *cr, const char *text, double x, double y, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (GT_CHART_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
}

void
gt_chart_tiling_draw_tile (const GtChartTiling *t, int index, cairo_t *cr, GtChartDrawFunc draw,
                           gpointer user_data)
{
  int r = index / t->columns, c = index % t->columns;
  double step_x = t->printable_width - t->overlap, step_y = t->printable_height - t->overlap;
  double m = t->margin, pw = t->printable_width, ph = t->printable_height;
  double mark = MIN (m * 0.8, 12), o = t->overlap;
  g_autofree char *label = gt_chart_tiling_label (t, index);
  g_autofree char *note = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, m, m);
  cairo_rectangle (cr, 0, 0, pw, ph);
  cairo_clip (cr);
  cairo_translate (cr, -c * step_x, -r * step_y);
  draw (cr, t->chart_width, t->chart_height, user_data);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.4);
  /* Cut marks at the corners of the printed area, in the margin. */
  for (int k = 0; k < 4; k++)
    {
      double x = m + (k % 2) * pw, y = m + (k / 2) * ph;
      double sx = (k % 2) ? 1 : -1, sy = (k / 2) ? 1 : -1;
      cairo_move_to (cr, x + sx * 2, y);
      cairo_line_to (cr, x + sx * (2 + mark), y);
      cairo_move_to (cr, x, y + sy * 2);
      cairo_line_to (cr, x, y + sy * (2 + mark));
    }
  cairo_stroke (cr);

  /* Overlap bands: a dashed line where the neighbour's edge lies, registration marks in the
   * middle of the band at a quarter and three quarters along the edge. */
  if (o > 0)
    {
      double dash[] = { 3, 3 };
      double rm = MIN (o * 0.45, 8);

      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      if (c > 0)
        {
          registration_mark (cr, m + o / 2, m + ph * 0.25, rm);
          registration_mark (cr, m + o / 2, m + ph * 0.75, rm);
        }
      if (c < t->columns - 1)
        {
          registration_mark (cr, m + pw - o / 2, m + ph * 0.25, rm);
          registration_mark (cr, m + pw - o / 2, m + ph * 0.75, rm);
        }
      if (r > 0)
        {
          registration_mark (cr, m + pw * 0.25, m + o / 2, rm);
          registration_mark (cr, m + pw * 0.75, m + o / 2, rm);
        }
      if (r < t->rows - 1)
        {
          registration_mark (cr, m + pw * 0.25, m + ph - o / 2, rm);
          registration_mark (cr, m + pw * 0.75, m + ph - o / 2, rm);
        }
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 0.3);
      if (c > 0)
        {
          cairo_move_to (cr, m + o, m);
          cairo_line_to (cr, m + o, m + ph);
        }
      if (r > 0)
        {
          cairo_move_to (cr, m, m + o);
          cairo_line_to (cr, m + pw, m + o);
        }
      cairo_stroke (cr);
    }

  /* The label, in the top margin and in the bottom margin. */
  /* TRANSLATORS: on each printed sheet of a tiled chart: row, rows, column, columns */
  note = g_strdup_printf (_("row %d of %d, column %d of %d; glue over the dashed edge"), r + 1,
                          t->rows, c + 1, t->columns);
  cairo_set_source_rgb (cr, 0, 0, 0);
  sheet_text (cr, label, m + mark + 4, MAX (1, m * 0.5 - 7), MIN (12, m * 0.45), TRUE);
  sheet_text (cr, note, m + mark + 50, MAX (1, m * 0.5 - 4), MIN (7, m * 0.3), FALSE);
  sheet_text (cr, label, m + pw - mark - 40, m + ph + MAX (1, m * 0.5 - 7), MIN (12, m * 0.45),
              TRUE);
  cairo_restore (cr);
}

void
gt_chart_tiling_draw_overview (const GtChartTiling *t, cairo_t *cr, GtChartDrawFunc draw,
                               gpointer user_data)
{
  double m = t->margin + 10, top = t->margin + 40;
  double aw = t->sheet_width - 2 * m, ah = t->sheet_height - top - m;
  double s = MIN (aw / t->chart_width, ah / t->chart_height);
  double ox = m + (aw - t->chart_width * s) / 2, oy = top + (ah - t->chart_height * s) / 2;
  double step_x = t->printable_width - t->overlap, step_y = t->printable_height - t->overlap;
  g_autofree char *title = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* TRANSLATORS: first page of a tiled chart: the number of sheets and how they are laid out */
  title = g_strdup_printf (_("Assembly overview: %d sheets, %d columns × %d rows"),
                           gt_chart_tiling_n_tiles (t), t->columns, t->rows);
  cairo_set_source_rgb (cr, 0, 0, 0);
  sheet_text (cr, title, m, t->margin + 8, 14, TRUE);

  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, s, s);
  cairo_rectangle (cr, 0, 0, t->chart_width, t->chart_height);
  cairo_clip (cr);
  draw (cr, t->chart_width, t->chart_height, user_data);
  cairo_restore (cr);

  cairo_set_line_width (cr, 0.8);
  for (int i = 0; i < gt_chart_tiling_n_tiles (t); i++)
    {
      int r = i / t->columns, c = i % t->columns;
      double x = ox + c * step_x * s, y = oy + r * step_y * s;
      double w = MIN (t->printable_width, t->chart_width - c * step_x) * s;
      double h = MIN (t->printable_height, t->chart_height - r * step_y) * s;
      g_autofree char *label = gt_chart_tiling_label (t, i);
      double size = CLAMP (MIN (w, h) * 0.22, 5, 16);

      cairo_set_source_rgba (cr, 0.1, 0.3, 0.8, 0.9);
      cairo_rectangle (cr, x, y, w, h);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_rectangle (cr, x + w / 2 - size * 1.4, y + h / 2 - size * 0.75, size * 2.8, size * 1.5);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.3, 0.8);
      sheet_text (cr, label, x + w / 2 - size * 1.2, y + h / 2 - size * 0.72, size, TRUE);
    }
  cairo_restore (cr);
}

/* ---- export ---- */

typedef struct
{
  cairo_surface_t *recording;
} Replay;

static void
replay (cairo_t *cr, double width, double height, gpointer user_data)
{
  Replay *r = user_data;

  cairo_save (cr);
  cairo_set_source_surface (cr, r->recording, 0, 0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}


static gboolean
finish (cairo_surface_t *surface, GtSafeFile *file, const char *path, GError **error)
{

  return gt_safe_file_finish_surface (file, surface, path, error);
}

gboolean
gt_chart_export (const GtChartData *data, const GtChartOptions *chart,
                 const GtChartExportOptions *options, const char *path,
                 GtChartProgressFunc progress, gpointer user_data, GCancellable *cancellable,
                 GError **error)
{
  g_autofree char *display = g_filename_display_name (path);
  cairo_rectangle_t extents = { 0 };
  Replay r = { NULL };
  cairo_surface_t *surface = NULL;
  GtSafeFile *file;
  cairo_t *cr;
  double w, h;
  gboolean ok;

  g_return_val_if_fail (data != NULL && chart != NULL && options != NULL && path != NULL, FALSE);
  gt_paper_size (options->paper, options->landscape, &w, &h);

  if (options->tiled && options->format != GT_CHART_FORMAT_PDF)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: tiled sheets can only be written as PDF"), display);
      return FALSE;
    }
  if (options->format == GT_CHART_FORMAT_PNG)
    {
      double dpi = options->dpi > 0 ? options->dpi : 150;
      double pw = ceil (w * dpi / 72), ph = ceil (h * dpi / 72);
      if (dpi < 10 || pw > MAX_PNG_SIDE || ph > MAX_PNG_SIDE || pw * ph > MAX_PNG_PIXELS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s: %s at %g dpi would be %.0f × %.0f pixels; choose a lower dpi"),
                       display, gt_paper_name (options->paper), dpi, pw, ph);
          return FALSE;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  file = gt_safe_file_open (path, error);
  if (file == NULL)
    return FALSE;

  if (options->format == GT_CHART_FORMAT_PNG)
    {
      double dpi = options->dpi > 0 ? options->dpi : 150;

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * dpi / 72),
                                            (int) ceil (h * dpi / 72));
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("%s: not enough memory: %s"),
                       display, cairo_status_to_string (cairo_surface_status (surface)));
          cairo_surface_destroy (surface);
          gt_safe_file_abort (file);
          return FALSE;
        }
      cr = cairo_create (surface);
      cairo_scale (cr, dpi / 72, dpi / 72);
      gt_chart_draw (cr, data, chart, w, h, NULL);
      cairo_destroy (cr);
      if (progress != NULL)
        progress (1, 1, user_data);
      ok = gt_safe_file_write_png (file, surface, path, error);
      cairo_surface_destroy (surface);
      return ok;
    }

  if (options->format == GT_CHART_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (gt_safe_file_cairo_write, file, w, h);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      cr = cairo_create (surface);
      gt_chart_draw (cr, data, chart, w, h, NULL);
      cairo_show_page (cr);
      cairo_destroy (cr);
      if (progress != NULL)
        progress (1, 1, user_data);
      return finish (surface, file, path, error);
    }

  /* PDF */
  if (!options->tiled)
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", data->township,
                                                gt_chart_kind_title (chart->kind));
      surface = gt_safe_file_pdf_surface (file, w, h, title);
      cr = cairo_create (surface);
      gt_chart_draw (cr, data, chart, w, h, NULL);
      cairo_show_page (cr);
      cairo_destroy (cr);
      if (progress != NULL)
        progress (1, 1, user_data);
      return finish (surface, file, path, error);
    }

  {
    GtChartTiling tiling;
    double overlap = GT_MM_TO_PT (options->overlap_mm >= 0 ? options->overlap_mm
                                                           : DEFAULT_OVERLAP_MM);
    int total;
    cairo_t *rc;

    gt_chart_tiling_compute (&tiling, w, h, options->tile_paper, GT_MM_TO_PT (TILE_MARGIN_MM),
                             overlap);
    if (overlap >= MIN (tiling.printable_width, tiling.printable_height) / 2)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("%s: an overlap of %g mm is too large for %s sheets"), display,
                     options->overlap_mm, gt_paper_name (options->tile_paper));
        gt_safe_file_abort (file);
        return FALSE;
      }
    total = 1 + gt_chart_tiling_n_tiles (&tiling);

    extents.width = w;
    extents.height = h;
    r.recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
    rc = cairo_create (r.recording);
    gt_chart_draw (rc, data, chart, w, h, NULL);
    cairo_destroy (rc);

    surface = gt_safe_file_pdf_surface (file, tiling.sheet_width, tiling.sheet_height, NULL);
    cr = cairo_create (surface);
    gt_chart_tiling_draw_overview (&tiling, cr, replay, &r);
    cairo_show_page (cr);
    if (progress != NULL)
      progress (1, total, user_data);
    ok = TRUE;
    for (int i = 0; i < total - 1; i++)
      {
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          {
            ok = FALSE;
            break;
          }
        gt_chart_tiling_draw_tile (&tiling, i, cr, replay, &r);
        cairo_show_page (cr);
        if (progress != NULL)
          progress (i + 2, total, user_data);
      }
    cairo_destroy (cr);
    cairo_surface_destroy (r.recording);
    if (!ok)
      {
        cairo_surface_destroy (surface);
        gt_safe_file_abort (file);
        return FALSE;
      }
    return finish (surface, file, path, error);
  }
}

guint
gt_chart_small_labels (const GtChartData *data, const GtChartOptions *chart, GtPaper paper,
                       gboolean landscape, guint *n_labels, double *smallest)
{
  cairo_rectangle_t extents = { 0, 0, 0, 0 };
  g_autoptr (GArray) boxes = gt_chart_boxes_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  gt_paper_size (paper, landscape, &extents.width, &extents.height);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, &extents);
  cr = cairo_create (surface);
  /* Labels outside the clip are laid out and recorded but not drawn. */
  cairo_rectangle (cr, 0, 0, 1, 1);
  cairo_clip (cr);
  gt_chart_draw (cr, data, chart, extents.width, extents.height, boxes);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return gt_chart_boxes_count_small (boxes, GT_CHART_READABLE_PT, n_labels, smallest);
}

GtPaper
gt_chart_readable_paper (const GtChartData *data, const GtChartOptions *chart, GtPaper paper,
                         gboolean landscape, guint *n_small)
{
  guint small = 0, n = 0;

  for (;; paper++)
    {
      small = gt_chart_small_labels (data, chart, paper, landscape, &n, NULL);
      if (small * 100 <= n || paper == GT_PAPER_A0)
        break;
    }
  if (n_small != NULL)
    *n_small = small;
  return paper;
}
