/* test-chart-cache.c — the wall charts drawn from the cache give the same pixels as a fresh
 * draw: a second draw through a warm GtChartCache, a draw through Pango (a recording
 * surface replayed, the way a PDF keeps text) and a draw clipped to part of the sheet (a
 * zoomed window, a tile) each match a fresh full draw pixel for pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <string.h>

#include "chart-fixture.h"
#include "gt-chart.h"
#include "gt-demo.h"
#include "gt-test-demo.h"

typedef struct
{
  char *dir;
  GtStorage *storage;
  GtChartData *data;
} Fixture;

static void
setup (Fixture *fx, gconstpointer n)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("guatu-chart-cache-XXXXXX", &error);
  path = g_build_filename (fx->dir, "c.db", NULL);
  fx->storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (GPOINTER_TO_UINT (n) == 0)
    g_assert_true (gt_demo_build_township (fx->storage, 3, &error));
  else
    g_assert_true (chart_fixture_build (fx->storage, GPOINTER_TO_UINT (n), 30, 7, &error));
  g_assert_no_error (error);
  fx->data = gt_chart_data_load (fx->storage, "2026-07-20", &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture *fx, gconstpointer n)
{
  gt_chart_data_free (fx->data);
  g_clear_object (&fx->storage);
  gt_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

/* The chart on A3 landscape at @scale into a @w × @h image, moved by (-@ox, -@oy). */
static cairo_surface_t *
render (const GtChartData *data, GtChartKind kind, GtChartCache *cache, double scale, int w,
        int h, double ox, double oy)
{
  GtChartOptions options = { kind, NULL, NULL, cache };
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (image);
  double pw, ph;

  gt_paper_size (GT_PAPER_A3, TRUE, &pw, &ph);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  cairo_translate (cr, -ox, -oy);
  cairo_scale (cr, scale, scale);
  gt_chart_draw (cr, data, &options, pw, ph, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* The chart drawn into a recording surface (text kept as text, drawn by Pango), then
 * replayed into an image. */
static cairo_surface_t *
render_recorded (const GtChartData *data, GtChartKind kind, double scale, int w, int h)
{
  GtChartOptions options = { kind };
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (recording);
  double pw, ph;

  g_assert_true (cairo_surface_has_show_text_glyphs (recording));
  gt_paper_size (GT_PAPER_A3, TRUE, &pw, &ph);
  cairo_scale (cr, scale, scale);
  gt_chart_draw (cr, data, &options, pw, ph, NULL);
  cairo_destroy (cr);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  cairo_surface_flush (image);
  return image;
}

/* The number of pixels of @b that differ from @a at (@ax, @ay) by more than @tolerance in
 * a channel, the largest difference, and how many pixels of @b are not paper white (so
 * that an empty image cannot pass). */
static guint
count_differences (cairo_surface_t *a, int ax, int ay, cairo_surface_t *b, int tolerance,
                   int *largest, guint *inked)
{
  int w = cairo_image_surface_get_width (b), h = cairo_image_surface_get_height (b);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guchar *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  guint n = 0;

  *inked = 0;
  *largest = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pa = ((const guint32 *) (da + (y + ay) * sa))[x + ax];
        guint32 pb = ((const guint32 *) (db + y * sb))[x];
        int d = 0;

        for (int c = 0; c < 24; c += 8)
          d = MAX (d, ABS ((int) ((pa >> c) & 0xff) - (int) ((pb >> c) & 0xff)));
        *largest = MAX (*largest, d);
        n += d > tolerance;
        *inked += (pb & 0xffffff) != 0xffffff;
      }
  return n;
}

static void
check_same (cairo_surface_t *a, int ax, int ay, cairo_surface_t *b, int tolerance,
            const char *what)
{
  int largest;
  guint inked, n = count_differences (a, ax, ay, b, tolerance, &largest, &inked);

  g_test_message ("%s: %u pixels differ by more than %d (at most %d), %u inked", what, n,
                  tolerance, largest, inked);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (inked, >, 1000);
}

static void
test_cached_equals_fresh (Fixture *fx, gconstpointer n)
{
  /* The view's window: A3 landscape fitted into 1366 × 768 (cropped inside the sheet's
   * right edge, whose last column of pixels a recording surface blends differently). */
  double scale = 752 / 841.89;

  for (int k = 0; k < 3; k++)
    {
      g_autoptr (GtChartCache) cache = gt_chart_cache_new ();
      cairo_surface_t *fresh = render (fx->data, k, NULL, scale, 1060, 750, 0, 0);
      cairo_surface_t *first = render (fx->data, k, cache, scale, 1060, 750, 0, 0);
      guint shaped = gt_chart_cache_size (cache);
      cairo_surface_t *warm = render (fx->data, k, cache, scale, 1060, 750, 0, 0);
      cairo_surface_t *pango = render_recorded (fx->data, k, scale, 1060, 750);

      /* A redraw shapes nothing new. */
      g_assert_cmpuint (shaped, >, fx->data->projects->len);
      g_assert_cmpuint (gt_chart_cache_size (cache), ==, shaped);
      check_same (fresh, 0, 0, first, 0, "first draw through a cache");
      check_same (fresh, 0, 0, warm, 0, "second draw through the cache");
      check_same (fresh, 0, 0, pango, 0, "drawn by Pango, recorded and replayed");
      cairo_surface_destroy (fresh);
      cairo_surface_destroy (first);
      cairo_surface_destroy (warm);
      cairo_surface_destroy (pango);
    }
}

static void
test_clipped_equals_full (Fixture *fx, gconstpointer n)
{
  /* Zoomed in: the sheet is 2 × 1190 pt wide; windows onto three places of it. */
  static const int spots[][2] = { { 0, 0 }, { 700, 520 }, { 1900, 1300 } };
  double scale = 2;

  for (int k = 0; k < 3; k++)
    {
      g_autoptr (GtChartCache) cache = gt_chart_cache_new ();
      cairo_surface_t *full = render (fx->data, k, cache, scale, 2381, 1684, 0, 0);

      for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
        {
          cairo_surface_t *part = render (fx->data, k, cache, scale, 480, 360, spots[i][0],
                                          spots[i][1]);
          /* Lines and discs cut by the window's edge are flattened from another start:
           * a few pixels of their antialiasing may differ by a level or three. */
          check_same (full, spots[i][0], spots[i][1], part, 3, gt_chart_kind_code (k));
          cairo_surface_destroy (part);
        }
      cairo_surface_destroy (full);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/chart-cache/demo/cached-equals-fresh", Fixture, GUINT_TO_POINTER (0), setup,
              test_cached_equals_fresh, teardown);
  g_test_add ("/chart-cache/300/cached-equals-fresh", Fixture, GUINT_TO_POINTER (300), setup,
              test_cached_equals_fresh, teardown);
  g_test_add ("/chart-cache/300/clipped-equals-full", Fixture, GUINT_TO_POINTER (300), setup,
              test_clipped_equals_full, teardown);
  return g_test_run ();
}
