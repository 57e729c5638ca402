/* test-chart-nodes.c — what the wall charts' marks and labels mean, in real Cairo output:
 * each time node in its own state's colour (filled when ticked off or late, hollow while
 * still to come) on the route map and the work guide; one size for all the legend's entries,
 * all the route map's month labels and all its node names; the today line breaking around
 * the text it would strike through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "chart-pixels.h"
#include "gt-chart.h"
#include "gt-test-demo.h"

/* The layout boxes of @kind drawn on @paper (into a recording surface). */
static GArray *
draw_boxes (GtChartData *data, GtChartKind kind, GtPaper paper, gboolean landscape)
{
  GtChartOptions options = { kind };
  GArray *boxes = gt_chart_boxes_new ();
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
  cairo_t *cr = cairo_create (surface);
  double w, h;

  gt_paper_size (paper, landscape, &w, &h);
  gt_chart_draw (cr, data, &options, w, h, boxes);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return boxes;
}

static int
status_of_colour (guint32 c)
{
  for (int s = 0; s < GT_PROJECT_N_STATUS; s++)
    if (c == chart_pixel_colours[s])
      return s;
  return -1;
}

static guint32
julian (const char *date)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_assert_true (g_date_valid (&d));
  return g_date_get_julian (&d);
}

/* A node's own state, worked out here from its dates: what its colour must mean. */
static GtProjectStatus
node_status (const GtChartData *data, const GtChartMilestone *ms)
{
  guint32 planned = julian (ms->planned_date), today = julian (data->today);

  if (ms->done_date != NULL)
    return GT_PROJECT_STATUS_DONE;
  if (planned < today)
    return GT_PROJECT_STATUS_OVERDUE;
  if (planned - today <= (guint32) data->at_risk_days)
    return GT_PROJECT_STATUS_AT_RISK;
  return GT_PROJECT_STATUS_ON_TRACK;
}

static int
compare_x (gconstpointer a, gconstpointer b)
{
  const GtChartBox *p = a, *q = b;
  return (p->x > q->x) - (p->x < q->x);
}

/* The text boxes of project @id, left to right: its label first, then its nodes' names. */
static GArray *
project_texts (GArray *boxes, gint64 id, GtChartBox *hit)
{
  GArray *texts = g_array_new (FALSE, FALSE, sizeof (GtChartBox));

  for (guint i = 0; i < boxes->len; i++)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);
      if (b->project_id == id && b->kind == GT_CHART_BOX_TEXT)
        g_array_append_val (texts, *b);
      if (b->project_id == id && b->kind == GT_CHART_BOX_HIT && hit != NULL)
        *hit = *b;
    }
  g_array_sort (texts, compare_x);
  return texts;
}

/* 水北村美丽庭院示范区 on 2026-09-20, alone on the chart: overdue (its node of 09-15 has
 * passed) with nodes still to come. */
static GtChartData *
overdue_project (GtStorage *storage)
{
  g_autoptr (GError) error = NULL;
  GtChartData *data = gt_chart_data_load (storage, "2026-09-20", &error);
  GtChartFilter filter = GT_CHART_FILTER_INIT;

  g_assert_no_error (error);
  filter.status = GT_PROJECT_STATUS_OVERDUE;
  for (guint i = 0; i < data->projects->len; i++)
    {
      const GtChartProject *p = data->projects->pdata[i];
      if (g_strcmp0 (p->name, "水北村美丽庭院示范区") == 0)
        filter.kind = p->kind;
    }
  g_assert_nonnull (filter.kind);
  filter.kind = g_strdup (filter.kind);
  gt_chart_data_filter (data, &filter);
  g_free ((char *) filter.kind);
  g_assert_cmpuint (data->projects->len, ==, 1);
  return data;
}

/* Each node of an overdue project in its own state: the late one filled in the overdue
 * colour, the ones still to come hollow in theirs (they were all filled in the overdue
 * colour, like missed ones). */
static void
test_node_states (GtTestDemo *fx, gconstpointer unused)
{
  g_autoptr (GtChartData) data = NULL;
  const GtChartProject *p;
  guint seen[GT_PROJECT_N_STATUS] = { 0 };

  chart_pixels_set_legend (fx->storage, NULL);
  data = overdue_project (fx->storage);
  p = data->projects->pdata[0];
  g_assert_cmpint (p->status, ==, GT_PROJECT_STATUS_OVERDUE);
  for (guint m = 0; m < p->milestones->len; m++)
    seen[node_status (data, p->milestones->pdata[m])]++;
  g_assert_cmpuint (seen[GT_PROJECT_STATUS_OVERDUE], >, 0);
  g_assert_cmpuint (seen[GT_PROJECT_STATUS_ON_TRACK] + seen[GT_PROJECT_STATUS_AT_RISK], >, 0);

  for (int k = 0; k < 2; k++)
    {
      GtChartKind kind = k == 0 ? GT_CHART_ROUTE : GT_CHART_GUIDE;
      g_autoptr (GArray) boxes = gt_chart_boxes_new ();
      cairo_surface_t *image = chart_pixels_draw (data, kind, boxes);
      GtChartBox hit = { 0 };
      g_autoptr (GArray) texts = project_texts (boxes, p->id, &hit);

      /* The nodes are where their names are. On the route map a node on the same day as
       * the next one lies under it, without room for its name. */
      guint t = 1, hidden = 0;

      for (guint m = 0; m + 1 < p->milestones->len && kind == GT_CHART_ROUTE; m++)
        hidden += julian (((GtChartMilestone *) p->milestones->pdata[m])->planned_date)
                  == julian (((GtChartMilestone *) p->milestones->pdata[m + 1])->planned_date);
      g_assert_cmpuint (texts->len, ==, p->milestones->len - hidden + 1);
      for (guint m = 0; m < p->milestones->len; m++)
        {
          const GtChartMilestone *ms = p->milestones->pdata[m];
          const GtChartBox *name;
          GtProjectStatus want = node_status (data, ms);
          gboolean filled = want == GT_PROJECT_STATUS_DONE || want == GT_PROJECT_STATUS_OVERDUE;
          guint32 inside;

          if (kind == GT_CHART_ROUTE && m + 1 < p->milestones->len
              && julian (ms->planned_date)
                   == julian (((GtChartMilestone *) p->milestones->pdata[m + 1])->planned_date))
            continue;
          name = &g_array_index (texts, GtChartBox, t++);
          if (kind == GT_CHART_ROUTE)
            {
              /* The diamond over the start of its name: every pixel of a status colour
               * there is its state's, and its middle is filled, or paper white. */
              double sx = 0, sy = 0;
              guint n = 0;

              for (double y = hit.y; y < name->y; y += 0.5 / PNG_SCALE)
                for (double x = name->x - name->h; x < name->x + 3 * name->h; x += 0.5 / PNG_SCALE)
                  {
                    int s = status_of_colour (chart_pixel_at (image, x, y));
                    if (s < 0)
                      continue;
                    g_assert_cmpint (s, ==, want);
                    sx += x;
                    sy += y;
                    n++;
                  }
              g_assert_cmpuint (n, >, 8);
              inside = chart_pixel_at (image, sx / n, sy / n);
            }
          else
            {
              /* The chip around its name: the first pixel of a status colour left of the
               * name is its state's (the chip's fill or outline); right beside the name,
               * the chip's fill, or paper white. */
              int s = -1;

              for (double x = name->x - 1.0 / PNG_SCALE; x > name->x - 3 * name->h && s < 0;
                   x -= 0.5 / PNG_SCALE)
                s = status_of_colour (chart_pixel_at (image, x, name->y + name->h / 2));
              g_assert_cmpint (s, ==, want);
              inside = chart_pixel_at (image, name->x - 1.0 / PNG_SCALE, name->y + name->h / 2);
            }
          g_test_message ("%s node %u: state %s, inside %06x", gt_chart_kind_code (kind), m,
                          gt_project_status_code (want), inside);
          g_assert_cmphex (inside, ==, filled ? chart_pixel_colours[want] : 0xffffff);
        }
      cairo_surface_destroy (image);
    }
}

/* The legend's entries at one size, though one meaning is much longer than the others (it
 * alone came out smaller). */
static void
test_legend_one_size (GtTestDemo *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = NULL;
  g_autoptr (GArray) boxes = NULL;
  double w, h, size = 0;
  guint n = 0;

  chart_pixels_set_legend (fx->storage, "有风险：临近节点或进度滞后，须重点督办");
  data = gt_chart_data_load (fx->storage, "2026-09-20", &error);
  g_assert_no_error (error);
  boxes = draw_boxes (data, GT_CHART_ROUTE, GT_PAPER_A4, FALSE);
  gt_paper_size (GT_PAPER_A4, FALSE, &w, &h);
  /* The legend: the right half of the title block (18 + 66 pt on A4). */
  for (guint i = 0; i < boxes->len; i++)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);

      if (b->kind != GT_CHART_BOX_TEXT || b->x < w / 2 || b->y > 84)
        continue;
      g_test_message ("legend entry (%.1f %.1f %.1f %.1f)", b->x, b->y, b->w, b->h);
      if (n++ == 0)
        size = b->h;
      g_assert_cmpfloat (fabs (b->h - size), <, 0.01);
    }
  g_assert_cmpuint (n, ==, 4);
  /* Shrunk for the long meaning, but not down to the ellipsis. */
  g_assert_cmpfloat (size, <, 8.5);
  g_assert_cmpfloat (size, >, 4);
}

/* The route map's month labels at one size (the last one came out smaller), and its node
 * names at one size (they changed from row to row), on portrait and landscape paper. */
static void
test_route_label_sizes (GtTestDemo *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = gt_chart_data_load (fx->storage, "2026-07-20", &error);
  static const struct
  {
    GtPaper paper;
    gboolean landscape;
  } sheets[] = { { GT_PAPER_A4, FALSE }, { GT_PAPER_A3, TRUE }, { GT_PAPER_A4, TRUE } };

  g_assert_no_error (error);
  for (guint s = 0; s < G_N_ELEMENTS (sheets); s++)
    {
      g_autoptr (GArray) boxes = draw_boxes (data, GT_CHART_ROUTE, sheets[s].paper,
                                             sheets[s].landscape);
      double w, h, u, axis_y = G_MAXDOUBLE, month = 0, names = 0;
      guint n_months = 0, n_names = 0;

      gt_paper_size (sheets[s].paper, sheets[s].landscape, &w, &h);
      u = sqrt (w * h / (595.276 * 841.89));
      /* The axis: the highest row of text below the title block (84 units). */
      for (guint i = 0; i < boxes->len; i++)
        {
          const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);
          if (b->kind == GT_CHART_BOX_TEXT && b->y > 84 * u)
            axis_y = MIN (axis_y, b->y + b->h / 2);
        }
      for (guint i = 0; i < boxes->len; i++)
        {
          const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);

          /* Month labels: short, on the axis (the year is long). */
          if (b->kind != GT_CHART_BOX_TEXT || b->project_id != 0
              || fabs (b->y + b->h / 2 - axis_y) > 0.5 || b->w > 3 * b->h)
            continue;
          if (n_months++ == 0)
            month = b->h;
          if (fabs (b->h - month) >= 0.01)
            g_test_message ("%s%s: month label (%.1f %.1f %.1f %.1f), not %.2f",
                            gt_paper_name (sheets[s].paper), sheets[s].landscape ? " landscape" : "",
                            b->x, b->y, b->w, b->h, month);
          g_assert_cmpfloat (fabs (b->h - month), <, 0.01);
        }
      g_assert_cmpuint (n_months, >=, 4);

      for (guint i = 0; i < data->projects->len; i++)
        {
          const GtChartProject *p = data->projects->pdata[i];
          g_autoptr (GArray) texts = project_texts (boxes, p->id, NULL);

          /* After the project's own label, its nodes' names. */
          for (guint t = 1; t < texts->len; t++)
            {
              const GtChartBox *b = &g_array_index (texts, GtChartBox, t);

              if (n_names++ == 0)
                names = b->h;
              if (fabs (b->h - names) >= 0.01)
                g_test_message ("%s%s: %s's node name (%.1f %.1f %.1f %.1f), not %.2f",
                                gt_paper_name (sheets[s].paper),
                                sheets[s].landscape ? " landscape" : "", p->number, b->x, b->y,
                                b->w, b->h, names);
              g_assert_cmpfloat (fabs (b->h - names), <, 0.01);
            }
        }
      g_assert_cmpuint (n_names, >, data->projects->len);
    }
}

/* The route map's today line breaks around the node names it crosses instead of striking
 * through them. */
static void
test_today_line_clear (GtTestDemo *fx, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = NULL;
  g_autoptr (GArray) boxes = gt_chart_boxes_new ();
  cairo_surface_t *image;
  double step = 1.0 / PNG_SCALE, lx0 = -1, lx1 = -1;
  guint crossed = 0;

  chart_pixels_set_legend (fx->storage, NULL);
  data = gt_chart_data_load (fx->storage, "2026-09-20", &error);
  g_assert_no_error (error);
  image = chart_pixels_draw (data, GT_CHART_ROUTE, boxes);
  chart_pixels_today_line (image, &lx0, &lx1);

  /* The node names across it: no purple where the line would cross them. */
  for (guint i = 0; i < boxes->len; i++)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);
      guint purple = 0;

      if (b->kind != GT_CHART_BOX_TEXT || b->project_id == 0 || b->x > lx0 - 0.5
          || b->x + b->w < lx1 + 0.5)
        continue;
      crossed++;
      for (double y = b->y; y < b->y + b->h; y += step)
        for (double x = lx0 - 0.5; x < lx1 + 0.5; x += step)
          purple += chart_pixel_is_purple (image, x, y);
      if (purple > 0)
        g_test_message ("name (%.1f %.1f %.1f %.1f) struck through", b->x, b->y, b->w, b->h);
      g_assert_cmpuint (purple, ==, 0);
    }
  g_test_message ("%u names across the today line", crossed);
  g_assert_cmpuint (crossed, >=, 3);
  cairo_surface_destroy (image);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/chart-nodes/node-states", GtTestDemo, GUINT_TO_POINTER (3), gt_test_demo_setup,
              test_node_states, gt_test_demo_teardown);
  g_test_add ("/chart-nodes/legend-one-size", GtTestDemo, GUINT_TO_POINTER (3),
              gt_test_demo_setup, test_legend_one_size, gt_test_demo_teardown);
  g_test_add ("/chart-nodes/route-label-sizes", GtTestDemo, GUINT_TO_POINTER (3),
              gt_test_demo_setup, test_route_label_sizes, gt_test_demo_teardown);
  g_test_add ("/chart-nodes/today-line-clear", GtTestDemo, GUINT_TO_POINTER (3),
              gt_test_demo_setup, test_today_line_clear, gt_test_demo_teardown);
  return g_test_run ();
}
