/* gt-report.c — the A4 table report: fixed row heights, so that pagination needs no
 * measuring and the PDF and the printed pages break at the same rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gt-file.h"
#include "gt-report.h"

#define MARGIN 42.0
#define TITLE_H 28.0
#define SUBTITLE_H 18.0
#define LEGEND_H 18.0
#define RUNNING_H 18.0
#define HEADER_H 22.0
#define ROW_H 18.0
#define FOOTER_H 20.0
#define GAP 8.0
#define PAD 4.0

typedef struct
{
  char *header;
  double width;
  PangoAlignment align;
} Column;

typedef struct
{
  GStrv cells;
  GStrv colours;  /* may be NULL */
  gboolean bold;
} Row;

typedef struct
{
  char *colour;
  char *label;
} Legend;

struct _GtReport
{
  char *title;
  char *subtitle;
  char *footer;
  gboolean landscape;
  GArray *columns;  /* of Column */
  GPtrArray *rows;  /* of Row */
  GArray *legend;   /* of Legend */
};

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->header);
}

static void
legend_clear (gpointer data)
{
  g_free (((Legend *) data)->colour);
  g_free (((Legend *) data)->label);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_strfreev (row->colours);
  g_free (row);
}

GtReport *
gt_report_new (const char *title, const char *subtitle)
{
  GtReport *report = g_new0 (GtReport, 1);

  report->title = g_strdup (title != NULL ? title : "");
  report->subtitle = g_strdup (subtitle);
  report->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (report->columns, column_clear);
  report->legend = g_array_new (FALSE, TRUE, sizeof (Legend));
  g_array_set_clear_func (report->legend, legend_clear);
  report->rows = g_ptr_array_new_with_free_func (row_free);
  return report;
}

void
gt_report_free (GtReport *report)
{
  if (report == NULL)
    return;
  g_free (report->title);
  g_free (report->subtitle);
  g_free (report->footer);
  g_array_unref (report->columns);
  g_array_unref (report->legend);
  g_ptr_array_unref (report->rows);
  g_free (report);
}

void
gt_report_set_landscape (GtReport *report, gboolean landscape)
{
  report->landscape = landscape;
}

void
gt_report_set_footer (GtReport *report, const char *footer)
{
  g_free (report->footer);
  report->footer = g_strdup (footer);
}

void
gt_report_add_legend (GtReport *report, const char *colour, const char *label)
{
  Legend legend = { g_strdup (colour), g_strdup (label) };

  g_array_append_val (report->legend, legend);
}

void
gt_report_add_column (GtReport *report, const char *header, double width, PangoAlignment align)
{
  Column column = { g_strdup (header), width > 0 ? width : 1.0, align };

  g_array_append_val (report->columns, column);
}

static GStrv
copy_cells (GtReport *report, const char *const *cells)
{
  GStrv copy = g_new0 (char *, report->columns->len + 1);

  for (guint i = 0; i < report->columns->len; i++)
    copy[i] = g_strdup (cells != NULL && cells[i] != NULL ? cells[i] : "");
  return copy;
}

void
gt_report_add_row (GtReport *report, const char *const *cells, const char *const *colours)
{
  Row *row = g_new0 (Row, 1);

  row->cells = copy_cells (report, cells);
  if (colours != NULL)
    row->colours = copy_cells (report, colours);
  g_ptr_array_add (report->rows, row);
}

void
gt_report_add_total_row (GtReport *report, const char *const *cells)
{
  gt_report_add_row (report, cells, NULL);
  ((Row *) report->rows->pdata[report->rows->len - 1])->bold = TRUE;
}

void
gt_report_add_subtotal_row (GtReport *report, const char *const *cells)
{
  g_autoptr (GPtrArray) shade = g_ptr_array_new ();

  for (guint i = 0; i < report->columns->len; i++)
    g_ptr_array_add (shade, (gpointer) GT_REPORT_SUBTOTAL_COLOUR);
  g_ptr_array_add (shade, NULL);
  gt_report_add_row (report, cells, (const char *const *) shade->pdata);
  ((Row *) report->rows->pdata[report->rows->len - 1])->bold = TRUE;
}

guint
gt_report_get_n_rows (GtReport *report)
{
  return report->rows->len;
}

static void
page_size (GtReport *report, double *w, double *h)
{
  *w = report->landscape ? GT_REPORT_PAGE_HEIGHT : GT_REPORT_PAGE_WIDTH;
  *h = report->landscape ? GT_REPORT_PAGE_WIDTH : GT_REPORT_PAGE_HEIGHT;
}

/* The top of the header row on the first page and on the others. */
static double
first_table_top (GtReport *report)
{
  double y = MARGIN + TITLE_H;

  if (report->subtitle != NULL && *report->subtitle != '\0')
    y += SUBTITLE_H;
  if (report->legend->len > 0)
    y += LEGEND_H;
  return y + GAP;
}

static guint
rows_fitting (GtReport *report, gboolean first)
{
  double w, h, top = first ? first_table_top (report) : MARGIN + RUNNING_H;

  page_size (report, &w, &h);
  return MAX (1, (guint) ((h - MARGIN - FOOTER_H - top - HEADER_H) / ROW_H));
}

guint
gt_report_get_n_pages (GtReport *report)
{
  guint first = rows_fitting (report, TRUE), other = rows_fitting (report, FALSE);

  if (report->rows->len <= first)
    return 1;
  return 1 + (report->rows->len - first + other - 1) / other;
}

gboolean
gt_report_parse_colour (const char *colour, double *r, double *g, double *b)
{
  guint v[3];

  *r = *g = *b = 0.6;
  if (colour == NULL || strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (colour[1 + 2 * i]), lo = g_ascii_xdigit_value (colour[2 + 2 * i]);
      if (hi < 0 || lo < 0)
        return FALSE;
      v[i] = hi * 16 + lo;
    }
  *r = v[0] / 255.0;
  *g = v[1] / 255.0;
  *b = v[2] / 255.0;
  return TRUE;
}

/* One line of @text in the box, vertically centred, ellipsized. */
static void
draw_text (cairo_t *cr, const char *text, double x, double y, double width, double height,
           double size, gboolean bold, PangoAlignment align)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (GT_REPORT_FONT);
  cairo_font_options_t *options = cairo_font_options_create ();
  int w, h;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y + (height - (double) h / PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (GtReport *report, cairo_t *cr, double x, double y, double width, const char *const *cells,
          const char *const *colours, gboolean header, gboolean bold)
{
  double total = 0, cx = x, height = header ? HEADER_H : ROW_H;

  for (guint i = 0; i < report->columns->len; i++)
    total += g_array_index (report->columns, Column, i).width;
  if (header)
    {
      cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
      cairo_rectangle (cr, x, y, width, height);
      cairo_fill (cr);
    }
  for (guint i = 0; i < report->columns->len; i++)
    {
      const Column *column = &g_array_index (report->columns, Column, i);
      double cw = width * column->width / total;
      double r = 0, g = 0, b = 0;
      gboolean dark = FALSE;

      if (colours != NULL && colours[i] != NULL && *colours[i] != '\0' &&
          gt_report_parse_colour (colours[i], &r, &g, &b))
        {
          cairo_set_source_rgb (cr, r, g, b);
          cairo_rectangle (cr, cx, y, cw, height);
          cairo_fill (cr);
          dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.55;
        }
      if (dark)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, cells[i], cx + PAD, y, cw - 2 * PAD, height, header ? 9.0 : 8.5,
                 header || bold, header ? PANGO_ALIGN_CENTER : column->align);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, cx, y, cw, height);
      cairo_stroke (cr);
      cx += cw;
    }
}

void
gt_report_draw_page (GtReport *report, cairo_t *cr, guint page, double width, double height)
{
  double pw, ph, scale, y, tw;
  guint first = rows_fitting (report, TRUE), other = rows_fitting (report, FALSE);
  guint n_pages = gt_report_get_n_pages (report), start, count;
  g_autofree char *page_text = NULL;
  g_autoptr (GPtrArray) headers = g_ptr_array_new ();

  page_size (report, &pw, &ph);
  scale = MIN (width / pw, height / ph);
  cairo_save (cr);
  cairo_translate (cr, (width - pw * scale) / 2, (height - ph * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, pw, ph);
  cairo_fill (cr);
  tw = pw - 2 * MARGIN;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  if (page == 0)
    {
      cairo_set_source_rgb (cr, 0.65, 0.05, 0.05);
      draw_text (cr, report->title, MARGIN, MARGIN, tw, TITLE_H, 16, TRUE, PANGO_ALIGN_CENTER);
      y = MARGIN + TITLE_H;
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      if (report->subtitle != NULL && *report->subtitle != '\0')
        {
          draw_text (cr, report->subtitle, MARGIN, y, tw, SUBTITLE_H, 10, FALSE,
                     PANGO_ALIGN_CENTER);
          y += SUBTITLE_H;
        }
      if (report->legend->len > 0)
        {
          double lx = MARGIN, item_w = tw / MAX (report->legend->len, 1);

          for (guint i = 0; i < report->legend->len; i++)
            {
              const Legend *legend = &g_array_index (report->legend, Legend, i);
              double r, g, b;

              gt_report_parse_colour (legend->colour, &r, &g, &b);
              cairo_set_source_rgb (cr, r, g, b);
              cairo_rectangle (cr, lx, y + 4, 10, 10);
              cairo_fill_preserve (cr);
              cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
              cairo_set_line_width (cr, 0.5);
              cairo_stroke (cr);
              cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
              draw_text (cr, legend->label, lx + 14, y, item_w - 16, LEGEND_H, 8.5, FALSE,
                         PANGO_ALIGN_LEFT);
              lx += item_w;
            }
          y += LEGEND_H;
        }
      y += GAP;
      start = 0;
      count = first;
    }
  else
    {
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      draw_text (cr, report->title, MARGIN, MARGIN, tw, RUNNING_H, 8.5, FALSE, PANGO_ALIGN_LEFT);
      y = MARGIN + RUNNING_H;
      start = first + (page - 1) * other;
      count = other;
    }

  for (guint i = 0; i < report->columns->len; i++)
    g_ptr_array_add (headers, g_array_index (report->columns, Column, i).header);
  draw_row (report, cr, MARGIN, y, tw, (const char *const *) headers->pdata, NULL, TRUE, TRUE);
  y += HEADER_H;
  for (guint i = start; i < report->rows->len && i < start + count; i++)
    {
      const Row *row = report->rows->pdata[i];

      draw_row (report, cr, MARGIN, y, tw, (const char *const *) row->cells,
                (const char *const *) row->colours, FALSE, row->bold);
      y += ROW_H;
    }
  if (report->rows->len == 0 && page == 0)
    {
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      draw_text (cr, _("(nothing to list)"), MARGIN, y, tw, ROW_H, 9, FALSE, PANGO_ALIGN_CENTER);
    }

  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  if (report->footer != NULL)
    draw_text (cr, report->footer, MARGIN, ph - MARGIN - FOOTER_H, tw * 0.7, FOOTER_H, 8, FALSE,
               PANGO_ALIGN_LEFT);
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  draw_text (cr, page_text, MARGIN + tw * 0.7, ph - MARGIN - FOOTER_H, tw * 0.3, FOOTER_H, 8,
             FALSE, PANGO_ALIGN_RIGHT);
  cairo_restore (cr);
}


gboolean
gt_report_write_pdf (GtReport *report, const char *path, GError **error)
{
  cairo_surface_t *surface;
  GtSafeFile *file;
  cairo_t *cr;
  double pw, ph;
  guint n_pages = gt_report_get_n_pages (report);

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);
  file = gt_safe_file_open (path, error);
  if (file == NULL)
    return FALSE;
  page_size (report, &pw, &ph);
  surface = gt_safe_file_pdf_surface (file, pw, ph, report->title);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      gt_report_draw_page (report, cr, page, pw, ph);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  return gt_safe_file_finish_surface (file, surface, path, error);
}
