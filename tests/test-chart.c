/* test-chart.c — the wall charts: data and status on the demo township, paper sizes, tiling
 * counted by hand, no overlapping labels with 1 000 projects on A0, PDF page sizes
 * (pdfinfo), Chinese text in the PDF (pdftotext) and the status colours in PNG pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "chart-fixture.h"
#include "chart-pixels.h"
#include "gt-chart-export.h"
#include "gt-demo.h"
#include "gt-test-demo.h"
#include "gt-project.h" /* projects: the demo library's counts */

typedef struct
{
  char *dir;
  char *path;
  GtStorage *storage;
} Fixture;


static void
setup_demo (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-chart-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "c.db", NULL);
  fx->storage = gt_test_demo_create (fx->path, 3);
}

static void
setup_many (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-chart-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "c.db", NULL);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (chart_fixture_build (fx->storage, GPOINTER_TO_UINT (data), 30, 7, &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->storage);
  gt_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static const GtChartProject *
find_project (GtChartData *data, const char *name)
{
  for (guint i = 0; i < data->projects->len; i++)
    {
      const GtChartProject *p = data->projects->pdata[i];
      if (g_strcmp0 (p->name, name) == 0)
        return p;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_paper (void)
{
  double w, h;
  GtPaper paper;

  gt_paper_size (GT_PAPER_A0, FALSE, &w, &h);
  /* 841 mm = 841 / 25.4 × 72 pt */
  g_assert_cmpfloat_with_epsilon (w, 2383.937, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 3370.394, 0.01);
  gt_paper_size (GT_PAPER_A4, TRUE, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 841.89, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 595.276, 0.01);
  g_assert_true (gt_paper_from_name ("a3", &paper));
  g_assert_cmpint (paper, ==, GT_PAPER_A3);
  g_assert_false (gt_paper_from_name ("A5", &paper));
}

static void
test_overlap_count (void)
{
  g_autoptr (GArray) boxes = gt_chart_boxes_new ();
  GtChartBox b1 = { 0, 0, 10, 10, GT_CHART_BOX_TEXT, 0 };
  GtChartBox b2 = { 10, 0, 10, 10, GT_CHART_BOX_TEXT, 0 };   /* touching: fine */
  GtChartBox b3 = { 5, 5, 10, 10, GT_CHART_BOX_MARKER, 1 };  /* overlaps b1 and b2 */
  GtChartBox b4 = { 0, 0, 100, 100, GT_CHART_BOX_HIT, 1 };   /* hit areas do not count */
  GtChartBox a, b;

  g_array_append_val (boxes, b1);
  g_array_append_val (boxes, b2);
  g_assert_cmpuint (gt_chart_boxes_count_overlaps (boxes, 0.01, &a, &b), ==, 0);
  g_array_append_val (boxes, b4);
  g_assert_cmpuint (gt_chart_boxes_count_overlaps (boxes, 0.01, &a, &b), ==, 0);
  g_array_append_val (boxes, b3);
  g_assert_cmpuint (gt_chart_boxes_count_overlaps (boxes, 0.01, &a, &b), ==, 2);
  g_assert_cmpint (gt_chart_boxes_find (boxes, 50, 50), ==, 1);
  g_assert_cmpint (gt_chart_boxes_find (boxes, 150, 50), ==, 0);
}

static void
test_tiling (void)
{
  GtChartTiling t;
  double w, h;
  g_autofree char *b3 = NULL, *aa1 = NULL;

  /* A0 portrait (841 × 1189 mm) on A4 with 10 mm margins and 10 mm overlap: printable
   * 190 × 277 mm, steps 180 × 267 mm. Portrait sheets: ceil ((841 − 10) / 180) = 5 columns,
   * ceil ((1189 − 10) / 267) = 5 rows = 25; landscape sheets: ceil (831 / 267) = 4 columns,
   * ceil (1179 / 180) = 7 rows = 28. Portrait wins. */
  gt_paper_size (GT_PAPER_A0, FALSE, &w, &h);
  gt_chart_tiling_compute (&t, w, h, GT_PAPER_A4, GT_MM_TO_PT (10), GT_MM_TO_PT (10));
  g_assert_cmpint (t.columns, ==, 5);
  g_assert_cmpint (t.rows, ==, 5);
  g_assert_cmpfloat (t.sheet_width, <, t.sheet_height);
  /* A0 landscape on A4: landscape sheets 5 × 5 = 25 beat portrait 7 × 4 = 28. */
  gt_paper_size (GT_PAPER_A0, TRUE, &w, &h);
  gt_chart_tiling_compute (&t, w, h, GT_PAPER_A4, GT_MM_TO_PT (10), GT_MM_TO_PT (10));
  g_assert_cmpint (gt_chart_tiling_n_tiles (&t), ==, 25);
  g_assert_cmpfloat (t.sheet_width, >, t.sheet_height);
  /* A0 portrait on A3 (printable 277 × 400, steps 267 × 390): portrait sheets 4 × 4 = 16,
   * landscape sheets ceil (831 / 390) = 3 × ceil (1179 / 267) = 5 = 15. */
  gt_paper_size (GT_PAPER_A0, FALSE, &w, &h);
  gt_chart_tiling_compute (&t, w, h, GT_PAPER_A3, GT_MM_TO_PT (10), GT_MM_TO_PT (10));
  g_assert_cmpint (t.columns, ==, 3);
  g_assert_cmpint (t.rows, ==, 5);
  /* A1 portrait on A4: portrait sheets 4 × 4 = 16 (a last row a seventh full), landscape
   * sheets 3 × 5 = 15. */
  gt_paper_size (GT_PAPER_A1, FALSE, &w, &h);
  gt_chart_tiling_compute (&t, w, h, GT_PAPER_A4, GT_MM_TO_PT (10), GT_MM_TO_PT (10));
  g_assert_cmpint (t.columns, ==, 3);
  g_assert_cmpint (t.rows, ==, 5);
  g_assert_true (gt_chart_tiling_is_landscape (&t));
  /* The same from a print context's page in either orientation. */
  gt_chart_tiling_choose (&t, w, h, GT_MM_TO_PT (210), GT_MM_TO_PT (297), GT_MM_TO_PT (10),
                          GT_MM_TO_PT (10));
  g_assert_cmpint (gt_chart_tiling_n_tiles (&t), ==, 15);
  g_assert_true (gt_chart_tiling_is_landscape (&t));
  /* A tie: A0 portrait on A4 with 50 mm overlap (steps 140 × 227 mm) is 6 × 6 = 36 portrait
   * sheets or 4 × 9 = 36 landscape ones; the landscape ones leave less blank paper
   * (4 × 227 + 50 = 958 by 9 × 140 + 50 = 1310, against 6 × 140 + 50 = 890 by
   * 6 × 227 + 50 = 1412 mm). */
  gt_paper_size (GT_PAPER_A0, FALSE, &w, &h);
  gt_chart_tiling_compute (&t, w, h, GT_PAPER_A4, GT_MM_TO_PT (10), GT_MM_TO_PT (50));
  g_assert_cmpint (gt_chart_tiling_n_tiles (&t), ==, 36);
  g_assert_true (gt_chart_tiling_is_landscape (&t));
  g_assert_cmpint (t.columns, ==, 4);
  /* A4 on A4: one sheet. */
  gt_paper_size (GT_PAPER_A4, FALSE, &w, &h);
  gt_chart_tiling_compute (&t, w - 2 * GT_MM_TO_PT (10), h - 2 * GT_MM_TO_PT (10), GT_PAPER_A4,
                           GT_MM_TO_PT (10), GT_MM_TO_PT (10));
  g_assert_cmpint (gt_chart_tiling_n_tiles (&t), ==, 1);

  /* Labels: row letter, column number. */
  gt_paper_size (GT_PAPER_A0, FALSE, &w, &h);
  gt_chart_tiling_compute (&t, w, h, GT_PAPER_A4, GT_MM_TO_PT (10), GT_MM_TO_PT (10));
  b3 = gt_chart_tiling_label (&t, 7);
  g_assert_cmpstr (b3, ==, "B-3");
  t.rows = 30;
  aa1 = gt_chart_tiling_label (&t, 26 * 5);
  g_assert_cmpstr (aa1, ==, "AA-1");
}

/* projects: how many of the demo's projects the core lists on @today (48 since the
 * project library; its own projects are laid out around the day the demo is built) */
static guint
count_projects (GtStorage *storage, const char *kind, int status, const char *today)
{
  GtProjectFilter filter = { .kind = kind, .status = status };
  g_autoptr (GPtrArray) found = gt_project_query (storage, &filter, today, NULL);
  return found->len;
}

static void
test_data (Fixture *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = gt_chart_data_load (fx->storage, "2026-07-20", &error);
  g_autoptr (GtChartData) later = NULL;
  const GtChartProject *p;
  GtChartFilter filter = GT_CHART_FILTER_INIT;

  g_assert_no_error (error);
  g_assert_cmpuint (data->projects->len, ==, count_projects (fx->storage, NULL, -1, NULL));
  g_assert_cmpstr (data->township, ==, "常山县青石镇");
  g_assert_cmpstr (data->leader, ==, "杨双");
  /* 砚瓦山村党员先锋岗: its 3 milestones were ticked off on 05-10, 07-11 and 09-12, when
   * it was closed; on 2026-07-20 it was still open with 2 done, the last one next. */
  p = find_project (data, "砚瓦山村党员先锋岗");
  g_assert_cmpint (p->status, !=, GT_PROJECT_STATUS_DONE);
  g_assert_cmpint (p->n_done, ==, 2);
  g_assert_null (p->closed_date);
  g_assert_cmpstr (p->next_node, ==, "验收销号");
  g_assert_null (((GtChartMilestone *) p->milestones->pdata[2])->done_date);
  g_assert_cmpstr (p->village, ==, "砚瓦山村");
  /* 水北村美丽庭院示范区 starts 2026-08-01; first node 2026-09-15 is 57 days after
   * 2026-07-20: on track. On 2026-09-20 that node has passed: overdue. */
  p = find_project (data, "水北村美丽庭院示范区");
  g_assert_cmpint (p->status, ==, GT_PROJECT_STATUS_ON_TRACK);
  g_assert_cmpstr (p->next_node, ==, "方案制定");
  g_assert_cmpstr (p->next_date, ==, "2026-09-15");
  later = gt_chart_data_load (fx->storage, "2026-09-20", &error);
  g_assert_no_error (error);
  p = find_project (later, "水北村美丽庭院示范区");
  g_assert_cmpint (p->status, ==, GT_PROJECT_STATUS_OVERDUE);
  p = find_project (later, "砚瓦山村党员先锋岗");
  g_assert_cmpint (p->status, ==, GT_PROJECT_STATUS_DONE);
  g_assert_cmpint (p->n_done, ==, 3);
  /* Marker numbers follow the project numbers. */
  g_assert_cmpint (((GtChartProject *) data->projects->pdata[0])->seq, ==, 1);
  g_assert_cmpstr (((GtChartProject *) data->projects->pdata[0])->number, ==, "2026-02-001");

  /* The filters, on the demo's state at the end of November (after its last closing, so
   * the library's query and the chart agree). */
  {
    g_autoptr (GtChartData) late = gt_chart_data_load (fx->storage, "2026-11-30", &error);

    g_assert_no_error (error);
    filter.kind = "point";
    gt_chart_data_filter (late, &filter);
    g_assert_cmpuint (late->projects->len, ==, count_projects (fx->storage, "point", -1, NULL));
    filter.kind = NULL;
    filter.status = GT_PROJECT_STATUS_DONE;
    gt_chart_data_filter (late, &filter);
    g_assert_cmpuint (late->projects->len, >, 0);
    g_assert_cmpuint (late->projects->len, ==,
                      count_projects (fx->storage, "point", GT_PROJECT_STATUS_DONE,
                                      "2026-11-30")); /* the filter narrows the points */
  }

  /* Moving a village on the map: saved, and out-of-range positions refused. */
  {
    GtChartVillage *v = data->villages->pdata[0];
    g_autoptr (GtChartData) moved = NULL;
    gint64 id = v->id;

    g_assert_true (gt_chart_village_move (fx->storage, id, 0.25, 0.75, &error));
    g_assert_no_error (error);
    g_assert_false (gt_chart_village_move (fx->storage, id, 1.5, 0.5, &error));
    g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_false (gt_chart_village_move (fx->storage, 99999, 0.5, 0.5, &error));
    g_clear_error (&error);
    moved = gt_chart_data_load (fx->storage, "2026-07-20", &error);
    for (guint i = 0; i < moved->villages->len; i++)
      {
        GtChartVillage *m = moved->villages->pdata[i];
        if (m->id == id)
          {
            g_assert_true (m->has_position);
            g_assert_cmpfloat (m->x, ==, 0.25);
            g_assert_cmpfloat (m->y, ==, 0.75);
          }
      }
  }

  g_assert_null (gt_chart_data_load (fx->storage, "2026-13-01", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
}

/* Draws @kind on @paper into a recording surface and checks the layout boxes. */
static void
check_layout (GtChartData *data, GtChartKind kind, GtPaper paper, gboolean landscape)
{
  GtChartOptions options = { kind };
  g_autoptr (GArray) boxes = gt_chart_boxes_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  GtChartBox a, b;
  guint overlaps, markers = 0, texts = 0;

  gt_paper_size (paper, landscape, &w, &h);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
  cr = cairo_create (surface);
  gt_chart_draw (cr, data, &options, w, h, boxes);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  overlaps = gt_chart_boxes_count_overlaps (boxes, 0.01, &a, &b);
  if (overlaps > 0)
    g_test_message ("%s %s: %u overlaps, first (%.2f %.2f %.2f %.2f) and (%.2f %.2f %.2f %.2f)",
                    gt_chart_kind_code (kind), gt_paper_name (paper), overlaps, a.x, a.y, a.w,
                    a.h, b.x, b.y, b.w, b.h);
  g_assert_cmpuint (overlaps, ==, 0);

  for (guint i = 0; i < boxes->len; i++)
    {
      const GtChartBox *box = &g_array_index (boxes, GtChartBox, i);
      /* Everything on the sheet. */
      g_assert_cmpfloat (box->x, >=, -0.01);
      g_assert_cmpfloat (box->y, >=, -0.01);
      g_assert_cmpfloat (box->x + box->w, <=, w + 0.01);
      g_assert_cmpfloat (box->y + box->h, <=, h + 0.01);
      if (box->kind == GT_CHART_BOX_HIT)
        g_hash_table_add (seen, (gpointer) &box->project_id);
      markers += box->kind == GT_CHART_BOX_MARKER;
      if (box->kind == GT_CHART_BOX_TEXT)
        {
          texts++;
          /* Nothing smaller than the smallest printed size (em box height = size). */
          g_assert_cmpfloat (box->h, >=, 3.5 * 0.6 - 0.01);
        }
    }
  /* Every project can be found on the chart. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, data->projects->len);
  if (kind == GT_CHART_BATTLE)
    g_assert_cmpuint (markers, ==, data->projects->len);
  g_assert_cmpuint (texts, >, data->projects->len);
}

static void
test_layout_demo (Fixture *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = gt_chart_data_load (fx->storage, "2026-07-20", &error);

  g_assert_no_error (error);
  for (int k = 0; k < 3; k++)
    for (int paper = GT_PAPER_A4; paper <= GT_PAPER_A0; paper += 2)
      {
        check_layout (data, (GtChartKind) k, (GtPaper) paper, FALSE);
        check_layout (data, (GtChartKind) k, (GtPaper) paper, TRUE);
      }
}

/* On A4 most of the route map's milestone names are too small for the wall; the paper it
 * suggests has at most one in a hundred under GT_CHART_READABLE_PT; the battle map's labels
 * are readable on A4. */
static void
test_small_labels (Fixture *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = gt_chart_data_load (fx->storage, "2026-07-20", &error);
  GtChartOptions route = { GT_CHART_ROUTE }, battle = { GT_CHART_BATTLE };
  guint n = 0, small, small_there = 99;
  double smallest = 0;
  GtPaper paper;

  g_assert_no_error (error);
  small = gt_chart_small_labels (data, &route, GT_PAPER_A4, TRUE, &n, &smallest);
  g_assert_cmpuint (n, >, 100);
  g_assert_cmpuint (small * 4, >, n);
  g_assert_cmpfloat (smallest, <, GT_CHART_READABLE_PT);
  paper = gt_chart_readable_paper (data, &route, GT_PAPER_A3, TRUE, &small_there);
  g_assert_cmpint (paper, >=, GT_PAPER_A3);
  g_assert_cmpint (paper, <, GT_PAPER_A0);
  g_assert_cmpuint (small_there * 100, <=, n);
  g_assert_cmpuint (gt_chart_small_labels (data, &battle, GT_PAPER_A4, TRUE, &n, NULL) * 100, <=, n);
}

static void
test_layout_many (Fixture *fx, gconstpointer n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = gt_chart_data_load (fx->storage, "2026-07-01", &error);
  guint counts[GT_PROJECT_N_STATUS] = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (data->projects->len, ==, GPOINTER_TO_UINT (n));
  for (guint i = 0; i < data->projects->len; i++)
    counts[((GtChartProject *) data->projects->pdata[i])->status]++;
  for (int s = 0; s < GT_PROJECT_N_STATUS; s++)
    g_assert_cmpuint (counts[s], >, 0);
  if (GPOINTER_TO_UINT (n) <= 300)
    for (int k = 0; k < 3; k++)
      {
        check_layout (data, (GtChartKind) k, GT_PAPER_A0, FALSE);
        check_layout (data, (GtChartKind) k, GT_PAPER_A0, TRUE);
        /* Even crammed onto A4 nothing overlaps (the text gets small or ellipsized). */
        check_layout (data, (GtChartKind) k, GT_PAPER_A4, FALSE);
      }
  else
    {
      /* 1 000 projects on A0, each chart in the orientation it is usually hung in. */
      check_layout (data, GT_CHART_ROUTE, GT_PAPER_A0, TRUE);
      check_layout (data, GT_CHART_BATTLE, GT_PAPER_A0, TRUE);
      check_layout (data, GT_CHART_GUIDE, GT_PAPER_A0, FALSE);
    }
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_pdf (Fixture *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = gt_chart_data_load (fx->storage, "2026-07-20", &error);
  g_autofree char *pdf = g_build_filename (fx->dir, "battle.pdf", NULL);
  g_autofree char *tiles = g_build_filename (fx->dir, "tiles.pdf", NULL);
  GtChartOptions chart = { GT_CHART_BATTLE };
  GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
  g_autofree char *info = NULL, *text = NULL, *tinfo = NULL, *last = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  options.paper = GT_PAPER_A0;
  g_assert_true (gt_chart_export (data, &chart, &options, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  info = run_tool ((const char *const[]) { "pdfinfo", pdf, NULL });
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_nonnull (strstr (info, "Page size:       2383.94 x 3370.39 pts (A0)"));
  text = run_tool ((const char *const[]) { "pdftotext", "-q", pdf, "-", NULL });
  g_assert_nonnull (strstr (text, "赏石文化党建示范带"));
  g_assert_nonnull (strstr (text, "砚瓦山村"));
  g_assert_nonnull (strstr (text, "常山县青石镇"));

  /* Tiled onto A4: the overview and 5 × 5 tiles. */
  options.tiled = TRUE;
  options.tile_paper = GT_PAPER_A4;
  g_assert_true (gt_chart_export (data, &chart, &options, tiles, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  tinfo = run_tool ((const char *const[]) { "pdfinfo", tiles, NULL });
  g_assert_nonnull (strstr (tinfo, "Pages:           26\n"));
  g_assert_nonnull (strstr (tinfo, "Page size:       595.276 x 841.89 pts (A4)"));
  last = run_tool ((const char *const[]) { "pdftotext", "-q", "-f", "26", "-l", "26", tiles, "-",
                                           NULL });
  g_assert_nonnull (strstr (last, "E-5"));

  /* Cancelled: an error, and the file as it was. */
  g_cancellable_cancel (cancellable);
  g_assert_false (gt_chart_export (data, &chart, &options, tiles, NULL, NULL, cancellable,
                                   &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&tinfo, g_free);
  tinfo = run_tool ((const char *const[]) { "pdfinfo", tiles, NULL });
  g_assert_nonnull (strstr (tinfo, "Pages:           26\n"));

  /* Tiles need PDF. */
  options.format = GT_CHART_FORMAT_SVG;
  g_assert_false (gt_chart_export (data, &chart, &options, tiles, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The disk fills up half-way through a PDF, a PNG or an SVG (a file size limit stands in
 * for ENOSPC): the message gives the reason (not "Input/output error", as it did once the
 * errno of the failed write was gone), and no file or temporary file is left. */
static void
test_disk_full (Fixture *fx, gconstpointer unused)
{
  static const GtChartFormat formats[] = { GT_CHART_FORMAT_PDF, GT_CHART_FORMAT_PNG,
                                           GT_CHART_FORMAT_SVG };

  if (g_test_subprocess ())
    {
      g_autoptr (GtChartData) data = gt_chart_data_load (fx->storage, "2026-07-20", NULL);
      struct rlimit limit = { 16 * 1024, 16 * 1024 };
      GtChartOptions chart = { GT_CHART_BATTLE };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *path = g_build_filename (fx->dir, "full.out", NULL);
          GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
          g_autoptr (GDir) dir = NULL;
          const char *name;

          options.paper = GT_PAPER_A0;
          options.format = formats[i];
          g_assert_false (gt_chart_export (data, &chart, &options, path, NULL, NULL, NULL,
                                           &error));
          g_assert_nonnull (error);
          g_printerr ("%s\n", error->message);
          dir = g_dir_open (fx->dir, 0, NULL);
          while ((name = g_dir_read_name (dir)) != NULL)
            g_assert_false (g_str_has_prefix (name, "full.out") ||
                            g_str_has_prefix (name, ".full.out"));
        }
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*full.out: *File too large*full.out: *File too large*"
                             "full.out: *File too large*");
}

static guint
count_pixels (cairo_surface_t *image, guint32 rgb)
{
  int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if ((((const guint32 *) (data + y * stride))[x] & 0xffffff) == rgb)
        n++;
  return n;
}

/* Draws @kind on A4 portrait at PNG_SCALE pixels per point, writes it as a PNG into @dir and
 * reads the PNG back; the layout boxes (in points) in @boxes. */
static cairo_surface_t *
draw_png (const char *dir, GtChartData *data, GtChartKind kind, GArray *boxes)
{
  g_autofree char *png = g_build_filename (dir, "pixels.png", NULL);
  cairo_surface_t *surface = chart_pixels_draw (data, kind, boxes), *image;

  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

/* The route map's "Today" label sits beside the dashed today line, which does not cross it. */
static void
test_today_label (Fixture *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = NULL;
  g_autoptr (GArray) boxes = gt_chart_boxes_new ();
  cairo_surface_t *image;
  double lx0 = -1, lx1 = -1, step = 1.0 / PNG_SCALE;
  guint labels = 0;

  chart_pixels_set_legend (fx->storage, NULL);
  data = gt_chart_data_load (fx->storage, "2026-09-20", &error);
  g_assert_no_error (error);
  image = draw_png (fx->dir, data, GT_CHART_ROUTE, boxes);

  chart_pixels_today_line (image, &lx0, &lx1);
  g_test_message ("today line x %.1f … %.1f", lx0, lx1);

  /* The label: the only text drawn in the overdue colour (away from the line's own pixels);
   * beside the line and not across it. */
  for (guint i = 0; i < boxes->len; i++)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);
      guint purple = 0;

      if (b->kind != GT_CHART_BOX_TEXT)
        continue;
      for (double y = b->y; y < b->y + b->h; y += step)
        for (double x = b->x; x < b->x + b->w; x += step)
          if ((x < lx0 - 1 || x > lx1 + 1) && chart_pixel_is_purple (image, x, y))
            purple++;
      if (purple == 0)
        continue;
      g_test_message ("label (%.1f %.1f %.1f %.1f)", b->x, b->y, b->w, b->h);
      labels++;
      g_assert_cmpint (b->project_id, ==, 0);
      g_assert_true (b->x >= lx1 || b->x + b->w <= lx0);
      g_assert_cmpfloat (MIN (fabs (b->x - lx1), fabs (lx0 - b->x - b->w)), <, 6);
    }
  g_assert_cmpuint (labels, ==, 1);
  cairo_surface_destroy (image);
}

static void
test_png_colours (Fixture *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) legend = gt_project_legend_load (fx->storage, &error);
  g_autoptr (GtChartData) data = NULL;
  g_autofree char *png = g_build_filename (fx->dir, "battle.png", NULL);
  GtChartOptions chart = { GT_CHART_BATTLE };
  GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
  /* Unusual colours, so that nothing else on the chart has them. */
  static const guint32 colours[GT_PROJECT_N_STATUS] = { 0x10A020, 0x2040E0, 0xE0C010, 0xE01010 };
  guint counts[GT_PROJECT_N_STATUS] = { 0 };
  cairo_surface_t *image;

  for (guint i = 0; i < legend->len; i++)
    {
      GtLegendEntry *e = legend->pdata[i];
      e->r = ((colours[e->status] >> 16) & 0xff) / 255.0;
      e->g = ((colours[e->status] >> 8) & 0xff) / 255.0;
      e->b = (colours[e->status] & 0xff) / 255.0;
    }
  g_assert_true (gt_project_legend_save (fx->storage, legend, &error));
  /* On 2026-09-20: 砚瓦山村党员先锋岗 done; 水北村… overdue (node 09-15 passed). */
  data = gt_chart_data_load (fx->storage, "2026-09-20", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < data->projects->len; i++)
    counts[((GtChartProject *) data->projects->pdata[i])->status]++;

  options.format = GT_CHART_FORMAT_PNG;
  options.dpi = 72;
  g_assert_true (gt_chart_export (data, &chart, &options, png, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* A4 at 72 dpi: 595.28 × 841.89 pt → 596 × 842 px. */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 596);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 842);
  for (int s = 0; s < GT_PROJECT_N_STATUS; s++)
    {
      guint n = count_pixels (image, colours[s]);
      g_test_message ("status %s: %u projects, %u pixels", gt_project_status_code (s), counts[s], n);
      /* Each project's marker on the map and in the table is a disc of solid colour, plus
       * the legend swatch: present for every status with projects. */
      if (counts[s] > 0)
        g_assert_cmpuint (n, >, 40 * counts[s]);
      else
        g_assert_cmpuint (n, <, 200); /* the legend's swatch alone */
    }
  cairo_surface_destroy (image);
}

/* How many of @data's projects are in @status. */
static guint
count_status (const GtChartData *data, GtProjectStatus status)
{
  guint n = 0;

  for (guint i = 0; i < data->projects->len; i++)
    n += ((const GtChartProject *) data->projects->pdata[i])->status == status;
  return n;
}

static gboolean
has_project (const GtChartData *data, const char *name)
{
  for (guint i = 0; i < data->projects->len; i++)
    if (g_strcmp0 (((const GtChartProject *) data->projects->pdata[i])->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* The route chart of @data as a PDF, as text (pdftotext): its legend counts agree with the
 * projects' statuses. */
static char *
legend_checked_text (Fixture *fx, const GtChartData *data, const char *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fx->dir, file, NULL);
  GtChartOptions chart = { GT_CHART_ROUTE };
  GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
  char *text;

  options.paper = GT_PAPER_A0;
  g_assert_true (gt_chart_export (data, &chart, &options, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = run_tool ((const char *const[]) { "pdftotext", "-q", "-raw", pdf, "-", NULL });
  for (int s = 0; s < GT_PROJECT_N_STATUS; s++)
    {
      const GtLegendEntry *e = gt_project_legend_lookup (data->legend, s);
      g_autofree char *entry = g_strdup_printf ("%s (%u)", e->meaning,
                                                count_status (data, s));

      g_test_message ("%s: %s", file, entry);
      g_assert_nonnull (strstr (text, entry));
    }
  return text;
}

/* A chart drawn as of an earlier day shows the library as it stood then: a project or a
 * milestone added since is left out of the data, the drawing and the legend counts (its
 * start date, before that day, does not matter); drawn for today, they are in. */
static void
test_as_of_created (Fixture *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -1);
  g_autofree char *as_of = g_date_time_format (then, "%Y-%m-%d");
  g_autoptr (GDateTime) early = g_date_time_add_days (now, -40);
  g_autofree char *start = g_date_time_format (early, "%Y-%m-%d");
  g_autofree char *planned = g_date_time_format (then, "%Y-%m-%d");
  g_autoptr (GtChartData) before = gt_chart_data_load (fx->storage, as_of, &error);
  g_autoptr (GtChartData) archived = NULL, current = NULL;
  g_autofree char *archived_text = NULL, *current_text = NULL;
  const char *name = "归档日后新增示范点";
  const GtChartProject *old_before, *old_after;
  gint64 org_id = 0, id = 0;
  GtProjectSpec spec = { .name = name, .kind = "point", .leader = "杨双", .cadre = "程志刚",
                         .start_date = start, .budget_fen = -1 };

  g_assert_no_error (error);
  old_before = before->projects->pdata[0];
  g_assert_true (gt_storage_query_int64 (fx->storage, "SELECT id FROM organizations"
                                                      " ORDER BY id LIMIT 1", &org_id, &error));
  spec.org_id = org_id;
  /* Added today, started 40 days ago, with a node planned yesterday: overdue now. */
  g_assert_true (gt_project_add (fx->storage, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gt_milestone_add (fx->storage, id, "方案制定", planned, NULL, &error));
  g_assert_true (gt_milestone_add (fx->storage, old_before->id, "整改提升", planned, NULL,
                                   &error));
  g_assert_no_error (error);

  archived = gt_chart_data_load (fx->storage, as_of, &error);
  g_assert_no_error (error);
  g_assert_false (has_project (archived, name));
  g_assert_cmpuint (archived->projects->len, ==, before->projects->len);
  old_after = archived->projects->pdata[0];
  g_assert_cmpint (old_after->id, ==, old_before->id);
  g_assert_cmpint (old_after->n_milestones, ==, old_before->n_milestones);
  g_assert_cmpint (old_after->status, ==, old_before->status);
  for (int s = 0; s < GT_PROJECT_N_STATUS; s++)
    g_assert_cmpuint (count_status (archived, s), ==, count_status (before, s));
  archived_text = legend_checked_text (fx, archived, "archived.pdf");
  g_assert_null (strstr (archived_text, name));

  current = gt_chart_data_load (fx->storage, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_project (current, name));
  g_assert_cmpuint (current->projects->len, ==, before->projects->len + 1);
  for (guint i = 0; i < current->projects->len; i++)
    {
      const GtChartProject *p = current->projects->pdata[i];

      if (p->id == old_before->id)
        g_assert_cmpint (p->n_milestones, ==, old_before->n_milestones + 1);
      if (p->id == id)
        g_assert_cmpint (p->status, ==, GT_PROJECT_STATUS_OVERDUE);
    }
  current_text = legend_checked_text (fx, current, "current.pdf");
  g_assert_nonnull (strstr (current_text, name));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/paper", test_paper);
  g_test_add_func ("/chart/tiling", test_tiling);
  g_test_add_func ("/chart/overlap-count", test_overlap_count);
  g_test_add ("/chart/data", Fixture, NULL, setup_demo, test_data, teardown);
  g_test_add ("/chart/layout-demo", Fixture, NULL, setup_demo, test_layout_demo, teardown);
  g_test_add ("/chart/layout-300", Fixture, GUINT_TO_POINTER (300), setup_many, test_layout_many,
              teardown);
  g_test_add ("/chart/layout-1000", Fixture, GUINT_TO_POINTER (1000), setup_many,
              test_layout_many, teardown);
  g_test_add ("/chart/small-labels", Fixture, NULL, setup_demo, test_small_labels, teardown);
  g_test_add ("/chart/pdf", Fixture, NULL, setup_demo, test_pdf, teardown);
  g_test_add ("/chart/disk-full", Fixture, NULL, setup_demo, test_disk_full, teardown);
  g_test_add ("/chart/png-colours", Fixture, NULL, setup_demo, test_png_colours, teardown);
  g_test_add ("/chart/today-label", Fixture, NULL, setup_demo, test_today_label, teardown);
  g_test_add ("/chart/as-of-created", Fixture, NULL, setup_demo, test_as_of_created, teardown);
  return g_test_run ();
}
