/* test-score-report.c — the printed points report and its chart: the rubric's columns, the
 * count axis with whole-number ticks, each label at its gridline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gt-score-report.h"
#include "score-fixture.h"

static void
test_report (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  int scores[] = { 3, 7, 7, 12, 31 };
  gint64 ids[5];
  g_autoptr (GtScoreRun) run = NULL;
  g_autoptr (GArray) bins = NULL;
  g_autofree char *pdf = g_build_filename (fx->dir, "ranking.pdf", NULL);
  g_autofree char *png = g_build_filename (fx->dir, "chart.png", NULL);
  double first = 0, step = 0;
  cairo_surface_t *image;
  int coloured = 0;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("成员%d", i);

      ids[i] = score_add_member (fx, fx->org_x, name);
      score_points (fx, ids[i], "2026-03", "bonus_advice", 1, scores[i]);
    }
  run = score_compute (fx, "member", "2026");
  bins = gt_score_chart_bins (run, &first, &step);
  g_assert_cmpfloat (first, ==, 2);
  g_assert_cmpfloat (step, ==, 2);
  g_assert_cmpuint (bins->len, ==, 15);
  g_assert_cmpint (g_array_index (bins, int, 0), ==, 1);  /* 3 in [2, 4) */
  g_assert_cmpint (g_array_index (bins, int, 2), ==, 2);  /* 7, 7 in [6, 8) */
  g_assert_cmpint (g_array_index (bins, int, 5), ==, 1);  /* 12 in [12, 14) */
  g_assert_cmpint (g_array_index (bins, int, 14), ==, 1); /* 31 in [30, 32) */

  g_assert_true (gt_score_report_write_pdf (run, "青石镇", pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gt_score_report_n_pages (run), ==, 1);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gt_score_chart_write_png (run, png, 400, 300, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400);
  {
    unsigned char *px = cairo_image_surface_get_data (image);
    int stride = cairo_image_surface_get_stride (image);

    for (int y = 0; y < 300; y++)
      for (int x = 0; x < 400; x++)
        {
          guint32 v = *(guint32 *) (px + y * stride + 4 * x);
          int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

          /* the grey of 不合格 bars (all five fail) */
          coloured += (abs (r - 115) < 3 && abs (g - 115) < 3 && abs (b - 115) < 3);
        }
  }
  cairo_surface_destroy (image);
  g_assert_cmpint (coloured, >, 500);
  g_unlink (pdf);
  g_unlink (png);
}

/* The count axis in whole people: ticks of 1, 2, 5, 10 … up to a multiple of the tick. */
static void
test_chart_axis (void)
{
  static const int cases[][3] = {
    /* tallest bar → tick, axis top */
    { 0, 1, 1 }, { 1, 1, 1 }, { 5, 1, 5 }, { 6, 1, 6 }, { 7, 2, 8 }, { 12, 2, 12 },
    { 13, 5, 15 }, { 30, 5, 30 }, { 31, 10, 40 }, { 61, 20, 80 }, { 121, 50, 150 },
    { 301, 100, 400 }, { 1234, 500, 1500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int tick = 0, top = gt_score_chart_axis (cases[i][0], &tick);

      g_assert_cmpint (tick, ==, cases[i][1]);
      g_assert_cmpint (top, ==, cases[i][2]);
      g_assert_cmpint (top % tick, ==, 0);
      g_assert_cmpint (top, >=, cases[i][0]);
      g_assert_cmpint (top / tick, <=, 6);
    }
}

/* The y-axis labels of a chart drawn into a PDF, read back with pdftotext -bbox: the words
 * left of the plot, top to bottom, as numbers (*@centres: their vertical centres). */
static GArray *
chart_axis_labels (const GtScoreRun *run, const char *pdf, GArray **centres)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 400, 300);
  cairo_t *cr = cairo_create (surface);
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) word = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *out = NULL;
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (int));
  int status = 0;

  gt_score_chart_draw (run, cr, 0, 0, 400, 300);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  word = g_regex_new ("<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\""
                      " yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, &error);
  g_assert_no_error (error);
  *centres = g_array_new (FALSE, FALSE, sizeof (double));
  g_regex_match (word, out, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *y0 = g_match_info_fetch (match, 1), *x1 = g_match_info_fetch (match, 2);
      g_autofree char *y1 = g_match_info_fetch (match, 3), *text = g_match_info_fetch (match, 4);
      double centre = (g_ascii_strtod (y0, NULL) + g_ascii_strtod (y1, NULL)) / 2;
      int value = atoi (text);

      /* the labels are right-aligned in the 30 points before the plot (at x + 36) */
      if (g_ascii_strtod (x1, NULL) > 36)
        continue;
      g_assert_true (g_ascii_isdigit (*text));
      g_array_append_val (labels, value);
      g_array_append_val (*centres, centre);
    }
  return labels;
}

/* The tallest bar has 5 people and another 2: the axis reads 0, 1, 2, 3, 4, 5, each label at
 * an even step, so the bar of 2 reaches the line labelled 2 (not one between 1 and 3). */
static void
test_chart_labels (Fixture *fx, gconstpointer data)
{
  int scores[] = { 10, 10, 10, 10, 10, 12, 12, 14 };
  g_autoptr (GtScoreRun) run = NULL;
  g_autoptr (GArray) bins = NULL, labels = NULL, centres = NULL;
  g_autofree char *pdf = g_build_filename (fx->dir, "chart.pdf", NULL);
  double first = 0, step = 0, pitch;

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_autofree char *name = g_strdup_printf ("成员%u", i);

      score_points (fx, score_add_member (fx, fx->org_x, name), "2026-03", "bonus_advice", 1, scores[i]);
    }
  run = score_compute (fx, "member", "2026");
  bins = gt_score_chart_bins (run, &first, &step);
  g_assert_cmpfloat (step, ==, 1);
  g_assert_cmpint (g_array_index (bins, int, 0), ==, 5);
  g_assert_cmpint (g_array_index (bins, int, 2), ==, 2);

  labels = chart_axis_labels (run, pdf, &centres);
  g_assert_cmpuint (labels->len, ==, 6);
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpint (g_array_index (labels, int, i), ==, 5 - (int) i);
  /* each label where its count stands on the axis: evenly spaced from 0 */
  pitch = (g_array_index (centres, double, 5) - g_array_index (centres, double, 0)) / 5;
  g_assert_cmpfloat (pitch, >, 10);
  for (guint i = 0; i < centres->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (centres, double, 5) -
                                      g_array_index (centres, double, i),
                                    pitch * (5 - i), 0.5);
  g_clear_pointer (&labels, g_array_unref);
  g_clear_pointer (&centres, g_array_unref);

  /* two more people with 10 points: 7 in the tallest bar, ticks of 2 up to 8 */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("又一成员%u", i);

      score_points (fx, score_add_member (fx, fx->org_x, name), "2026-03", "bonus_advice", 1, 10);
    }
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026");
  labels = chart_axis_labels (run, pdf, &centres);
  g_assert_cmpuint (labels->len, ==, 5);
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpint (g_array_index (labels, int, i), ==, 8 - 2 * (int) i);
  g_unlink (pdf);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/score/chart-axis", test_chart_axis);
  g_test_add ("/score/report", Fixture, NULL, score_setup, test_report, score_teardown);
  g_test_add ("/score/chart-labels", Fixture, NULL, score_setup, test_chart_labels,
              score_teardown);
  return g_test_run ();
}
