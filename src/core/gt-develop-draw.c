/* gt-develop-draw.c — text layout and PDF writing for the letter and the statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "gt-develop-private.h"
#include "gt-file.h"

double
gt_develop_draw_text (cairo_t *cr, const char *text, double x, double y, double width,
                      double size, gboolean bold, double r, double g, double b,
                      PangoAlignment align, int lines)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (GT_DEVELOP_FONT);
  cairo_font_options_t *options = cairo_font_options_create ();
  int w, h;

  /* Unhinted metrics: the PDF, the print preview and the screen lay out the same. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (lines > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -lines);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}


gboolean
gt_develop_write_pdf (const char *path, const char *title, double width, double height,
                      GtDevelopDrawPage draw, gpointer data, GError **error)
{
  cairo_surface_t *surface;
  GtSafeFile *file;
  cairo_t *cr;
  gboolean more = TRUE;

  file = gt_safe_file_open (path, error);
  if (file == NULL)
    return FALSE;
  surface = gt_safe_file_pdf_surface (file, width, height, title);
  cr = cairo_create (surface);
  for (int page = 0; more && page < 10000; page++)
    {
      more = draw (cr, page, data);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  return gt_safe_file_finish_surface (file, surface, path, error);
}

char *
gt_develop_letter_date (const char *date)
{
  int y = 0, m = 0, d = 0;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    /* Translators: an empty date to fill in by hand on a letter */
    return g_strdup (_("____-__-__"));
  /* Translators: a date on a letter: year, month, day (2026年12月01日) */
  return g_strdup_printf (C_("letter date", "%04d-%02d-%02d"), y, m, d);
}
