/* bench-chart.c — the wall charts' speed: an A0 battle map of N projects written as PDF
 * (target < 1 s for 1 000) and, for each chart, an on-screen redraw of 300 projects in a
 * 1366 × 768 window (target < 16 ms): the first frame, then best and median of 31 (--frames)
 *
 *   bench-chart [N] [--frames N] [--json FILE] [--keep DIR]
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

/* The screen: a 1366 × 768 window showing the view's default sheet (A3 landscape). */
#define WINDOW_W 1366
#define WINDOW_H 768
#define MAX_FRAMES 1001

static int frames = 31;

typedef struct
{
  double first;  /* the first frame, with an empty cache (data just loaded) */
  double best;   /* of the next frames */
  double median;
} Frames;

/* Times full redraws of @kind as GtChartView renders them, through one GtChartCache kept
 * between frames: fitted (@zoom 1), the whole sheet centred in the window; zoomed in, the
 * part of the sheet around the window's centre, a quarter of the window more on each side. */
static Frames
redraw (const GtChartData *data, GtChartKind kind, double zoom)
{
  g_autoptr (GtChartCache) cache = gt_chart_cache_new ();
  GtChartOptions options = { kind, NULL, NULL, cache };
  int sw = zoom > 1 ? WINDOW_W * 3 / 2 : WINDOW_W, sh = zoom > 1 ? WINDOW_H * 3 / 2 : WINDOW_H;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, sw, sh);
  double times[MAX_FRAMES], w, h, s, t;
  Frames out;

  gt_paper_size (GT_PAPER_A3, TRUE, &w, &h);
  s = MIN ((WINDOW_W - 16) / w, (WINDOW_H - 16) / h) * zoom;
  for (int i = -1; i < frames; i++)
    {
      cairo_t *cr = cairo_create (surface);

      t = cpu_now ();
      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_paint (cr);
      cairo_translate (cr, (sw - w * s) / 2, (sh - h * s) / 2);
      cairo_scale (cr, s, s);
      gt_chart_draw (cr, data, &options, w, h, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      t = (cpu_now () - t) * 1000;
      if (i < 0)
        out.first = t;
      else
        times[i] = t;
    }
  qsort (times, frames, sizeof (double), compare_double);
  out.best = times[0];
  out.median = times[frames / 2];
  cairo_surface_destroy (surface);
  return out;
}

/* What the view does when panning or showing a tooltip: paint the rendered sheet. */
static double
pan_ms (void)
{
  cairo_surface_t *sheet = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1086, 768);
  cairo_surface_t *window = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WINDOW_W, WINDOW_H);
  double times[MAX_FRAMES];

  for (int i = 0; i < frames; i++)
    {
      cairo_t *cr = cairo_create (window);
      double t = cpu_now ();
      cairo_set_source_surface (cr, sheet, i % 7, i % 5);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_flush (window);
      times[i] = (cpu_now () - t) * 1000;
    }
  qsort (times, frames, sizeof (double), compare_double);
  cairo_surface_destroy (window);
  cairo_surface_destroy (sheet);
  return times[frames / 2];
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
  double t, load_s, pdf_s[3], pan = 0;
  Frames fit[3], zoomed[3];
  const char *const names[] = { "route", "battle", "guide" };
  g_autoptr (GString) out = g_string_new ("{\n");

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--json") == 0 && i + 1 < argc)
      json = argv[++i];
    else if (g_strcmp0 (argv[i], "--frames") == 0 && i + 1 < argc)
      {
        frames = atoi (argv[++i]);
        frames = CLAMP (frames, 1, MAX_FRAMES);
      }
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
    {
      fit[k] = redraw (data, (GtChartKind) k, 1);
      /* Zoomed in four times: the window shows a sixteenth of the sheet. */
      zoomed[k] = redraw (data, (GtChartKind) k, 4);
    }
  pan = pan_ms ();

  printf ("%-34s %8s %10s %10s\n", "operation", "projects", "time", "target");
  printf ("%-34s %8u %8.3f s %10s\n", "load chart data", n, load_s, "-");
  for (int k = 0; k < 3; k++)
    printf ("A0 PDF (CPU) %-21s %8u %8.3f s %10s\n", names[k], n, pdf_s[k], k == 1 ? "< 1 s" : "-");
  printf ("\nredraw in a %d × %d window, A3 landscape, %u projects, CPU ms over %d frames\n",
          WINDOW_W, WINDOW_H, MIN (n, 300u), frames);
  printf ("%-22s %8s %8s %8s %10s\n", "chart", "first", "best", "median", "target");
  for (int k = 0; k < 3; k++)
    {
      printf ("%-22s %8.2f %8.2f %8.2f %10s\n", names[k], fit[k].first, fit[k].best,
              fit[k].median, "< 16 ms");
      g_autofree char *label = g_strdup_printf ("%s, zoomed in ×4", names[k]);
      printf ("%-22s %8.2f %8.2f %8.2f %10s\n", label, zoomed[k].first, zoomed[k].best,
              zoomed[k].median, "< 16 ms");
    }
  printf ("%-22s %8s %8s %8.2f %10s\n", "pan (repaint sheet)", "-", "-", pan, "< 16 ms");

  g_string_append_printf (out, "  \"projects\": %u,\n  \"load_seconds\": %.4f,\n", n, load_s);
  g_string_append_printf (out, "  \"pan_repaint_ms\": %.3f,\n", pan);
  for (int k = 0; k < 3; k++)
    g_string_append_printf (out, "  \"a0_%s_pdf_seconds\": %.4f,\n", names[k], pdf_s[k]);
  for (int k = 0; k < 3; k++)
    g_string_append_printf (out,
                            "  \"redraw_%s_300_ms\": { \"first\": %.3f, \"best\": %.3f,"
                            " \"median\": %.3f, \"zoomed_best\": %.3f, \"zoomed_median\": %.3f }%s\n",
                            names[k], fit[k].first, fit[k].best, fit[k].median, zoomed[k].best,
                            zoomed[k].median, k < 2 ? "," : "");
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
