/* chart-pixels.c — the wall charts drawn into pixels and read back by colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "chart-pixels.h"
#include "gt-project.h"

const guint32 chart_pixel_colours[GT_PROJECT_N_STATUS] = { 0x10A020, 0x2040E0, 0xE0C010,
                                                           0x8010C0 };

void
chart_pixels_set_legend (GtStorage *storage, const char *at_risk_meaning)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) legend = gt_project_legend_load (storage, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < legend->len; i++)
    {
      GtLegendEntry *e = legend->pdata[i];
      guint32 c = chart_pixel_colours[e->status];

      e->r = ((c >> 16) & 0xff) / 255.0;
      e->g = ((c >> 8) & 0xff) / 255.0;
      e->b = (c & 0xff) / 255.0;
      if (at_risk_meaning != NULL && e->status == GT_PROJECT_STATUS_AT_RISK)
        {
          g_free (e->meaning);
          e->meaning = g_strdup (at_risk_meaning);
        }
    }
  g_assert_true (gt_project_legend_save (storage, legend, &error));
  g_assert_no_error (error);
}

cairo_surface_t *
chart_pixels_draw (GtChartData *data, GtChartKind kind, GArray *boxes)
{
  GtChartOptions options = { kind };
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  gt_paper_size (GT_PAPER_A4, FALSE, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * PNG_SCALE),
                                        (int) ceil (h * PNG_SCALE));
  cr = cairo_create (surface);
  cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  gt_chart_draw (cr, data, &options, w, h, boxes);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

guint32
chart_pixel_at (cairo_surface_t *image, double x, double y)
{
  int px = (int) floor (x * PNG_SCALE), py = (int) floor (y * PNG_SCALE);
  const guchar *data = cairo_image_surface_get_data (image);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (image));
  return ((const guint32 *) (data + py * cairo_image_surface_get_stride (image)))[px] & 0xffffff;
}

gboolean
chart_pixel_is_purple (cairo_surface_t *image, double x, double y)
{
  guint32 c = chart_pixel_at (image, x, y);
  int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;

  return r - g > 30 && b - g > 30;
}

void
chart_pixels_today_line (cairo_surface_t *image, double *x0, double *x1)
{
  double w, h, step = 1.0 / PNG_SCALE;

  gt_paper_size (GT_PAPER_A4, FALSE, &w, &h);
  *x0 = *x1 = -1;
  for (double x = w * 0.3; x < w - 20; x += step)
    {
      gboolean seen = FALSE;

      for (double y = h - 40; y < h - 32 && !seen; y += step)
        seen = chart_pixel_is_purple (image, x, y);
      if (seen)
        {
          if (*x0 < 0)
            *x0 = x;
          *x1 = x + step;
        }
    }
  g_assert_cmpfloat (*x0, >, 0);
  g_assert_cmpfloat (*x1 - *x0, <, 3); /* one line */
}
