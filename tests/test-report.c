/* test-report.c — the A4 table report: pagination worked out by hand, the pixels of a
 * coloured cell and of the legend in a real Cairo image, and PDF writing through a
 * temporary file (nothing left behind on failure)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-life-report.h"
#include "gt-report.h"

static GtReport *
make_report (guint rows, gboolean legend)
{
  GtReport *report = gt_report_new ("党费收缴清单", "2026年");

  if (legend)
    gt_report_add_legend (report, "#c62828", "缺开");
  gt_report_add_column (report, "组织", 3, PANGO_ALIGN_LEFT);
  gt_report_add_column (report, "金额", 1, PANGO_ALIGN_RIGHT);
  for (guint i = 0; i < rows; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      const char *cells[] = { "青石村党支部", n };
      const char *colours[] = { NULL, i == 0 ? "#2e7d32" : NULL };

      gt_report_add_row (report, cells, colours);
    }
  return report;
}

/* Page A4 portrait 841.89 pt high, margins 42, footer 20, header row 22, rows 18:
 * first page with title 28 + subtitle 18 + gap 8 → (841.89 − 62 − 96 − 22) / 18 = 36 rows;
 * with a legend (+18) 35; further pages (running title 18) → 38. */
static void
test_pagination (void)
{
  struct { guint rows; gboolean legend; guint pages; } cases[] = {
    { 0, FALSE, 1 }, { 36, FALSE, 1 }, { 37, FALSE, 2 }, { 36 + 38, FALSE, 2 },
    { 36 + 38 + 1, FALSE, 3 }, { 35, TRUE, 1 }, { 36, TRUE, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GtReport) report = make_report (cases[i].rows, cases[i].legend);
      g_assert_cmpuint (gt_report_get_n_pages (report), ==, cases[i].pages);
    }
}

static void
pixel (cairo_surface_t *surface, int x, int y, guint8 rgb[3])
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p = *(guint32 *) (data + y * stride + x * 4);

  rgb[0] = (p >> 16) & 0xff;
  rgb[1] = (p >> 8) & 0xff;
  rgb[2] = p & 0xff;
}

/* Drawn at 1 px per point: the first row's second cell is the green of its colour, the
 * legend swatch the red; the page around is white. */
static void
test_pixels (void)
{
  g_autoptr (GtReport) report = make_report (3, TRUE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cairo_t *cr = cairo_create (surface);
  guint8 rgb[3];
  /* table: x 42 … 553 (511 wide), columns 3:1 → second column from 42 + 383.25;
   * first row from y = 42 + 28 + 18 + 18 + 8 + 22 = 136 to 154. */
  int cx = 42 + 383 + 60, cy = 136 + 15;

  gt_report_draw_page (report, cr, 0, 595.276, 841.89);
  cairo_surface_flush (surface);
  pixel (surface, cx, cy, rgb);
  g_assert_cmpint (rgb[0], ==, 0x2e);
  g_assert_cmpint (rgb[1], ==, 0x7d);
  g_assert_cmpint (rgb[2], ==, 0x32);
  /* the legend swatch: x 42 … 52, y 42 + 28 + 18 + 4 = 92 … 102 */
  pixel (surface, 47, 97, rgb);
  g_assert_cmpint (rgb[0], ==, 0xc6);
  g_assert_cmpint (rgb[1], ==, 0x28);
  pixel (surface, 10, 10, rgb);
  g_assert_cmpint (rgb[0] + rgb[1] + rgb[2], ==, 3 * 255);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_pdf (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtReport) report = make_report (80, FALSE);
  g_autofree char *dir = g_dir_make_tmp ("guatu-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "r.pdf", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (gt_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (length > 1000 && memcmp (data, "%PDF-", 5) == 0);
  /* 80 rows: 36 + 38 + 6 → three A4 pages, as pdfinfo reads them */
  {
    g_autofree char *command = g_strdup_printf ("pdfinfo %s", path);
    g_autofree char *out = NULL;

    g_assert_true (g_spawn_command_line_sync (command, &out, NULL, NULL, NULL));
    g_assert_nonnull (strstr (out, "Pages:           3\n"));
    g_assert_nonnull (strstr (out, "595.276 x 841.89 pts (A4)"));
  }
  g_assert_false (gt_report_write_pdf (report, bad, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0); /* nothing else was left in the folder */
}

static void
test_periods (void)
{
  struct { const char *text, *from, *to; } good[] = {
    { "2026-07", "2026-07", "2026-07" }, { "2026-Q3", "2026-07", "2026-09" },
    { "2026-Q1", "2026-01", "2026-03" }, { "2026-H2", "2026-07", "2026-12" },
    { "2026", "2026-01", "2026-12" },
  };
  const char *bad[] = { "2026-Q5", "2026-H3", "2026-13", "26", "2026-Q", "2026-Q12", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *from = NULL, *to = NULL;
      g_assert_true (gt_period_parse (good[i].text, &from, &to, NULL));
      g_assert_cmpstr (from, ==, good[i].from);
      g_assert_cmpstr (to, ==, good[i].to);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      char *from = NULL, *to = NULL;
      g_assert_false (gt_period_parse (bad[i], &from, &to, &error));
      g_assert_null (from);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/pagination", test_pagination);
  g_test_add_func ("/report/pixels", test_pixels);
  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/periods", test_periods);
  return g_test_run ();
}
