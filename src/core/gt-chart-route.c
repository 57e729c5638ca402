/* gt-chart-route.c — 路线图: time runs left to right, projects grouped by kind, milestones
 * as markers on each project's bar, a today line and each group's progress
 *
 * Many projects flow into several columns, each with its own time axis; a group that
 * continues in the next column repeats its header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "gt-chart-private.h"
#include "gt-registers.h"

#define HEADER_ROWS 1.3 /* a group header is this many rows high */
#define AXIS_ROWS 2.0
#define LABEL_FRAC 0.40

typedef struct
{
  GtChartCtx *ctx;
  GPtrArray *groups;
  guint32 t0, t1; /* first and last day shown */
  int columns;
  double row, column_width, gap;
  double names_size; /* of the milestones' names, the same on every row */
  guint32 today;     /* 0 when outside the time shown */
  GArray *clear;     /* Span: where the today line breaks */
} Route;

/* Rows of a column the today line must not cross (something drawn across it). */
typedef struct
{
  int column;
  double y0, y1;
} Span;

typedef enum
{
  ITEM_HEADER,
  ITEM_CONTINUED,
  ITEM_PROJECT,
} ItemKind;

typedef void (*ItemFunc) (Route *route, ItemKind kind, GPtrArray *group, GtChartProject *project,
                          int column, double y, double h);

static void
widen_range (guint32 *lo, guint32 *hi, const char *date)
{
  guint32 j = gt_chart_julian (date);

  if (j == 0)
    return;
  if (*lo == 0 || j < *lo)
    *lo = j;
  if (j > *hi)
    *hi = j;
}

static void
time_range (Route *route)
{
  const GtChartData *data = route->ctx->data;
  guint32 lo = 0, hi = 0;
  GDate d;

  widen_range (&lo, &hi, data->today);
  for (guint i = 0; i < data->projects->len; i++)
    {
      const GtChartProject *p = data->projects->pdata[i];
      widen_range (&lo, &hi, p->start_date);
      widen_range (&lo, &hi, p->due_date);
      for (guint m = 0; m < p->milestones->len; m++)
        {
          const GtChartMilestone *ms = p->milestones->pdata[m];
          widen_range (&lo, &hi, ms->planned_date);
          widen_range (&lo, &hi, ms->done_date);
        }
    }
  /* Whole months, at least three, and room after the latest time node for its name, which
   * is written to the right of it (it was squeezed to a few points against the edge). */
  g_date_clear (&d, 1);
  g_date_set_julian (&d, lo);
  g_date_set_day (&d, 1);
  route->t0 = g_date_get_julian (&d);
  hi += MAX (10, (hi - route->t0) / 12);
  g_date_set_julian (&d, MAX (hi, route->t0 + 80));
  g_date_set_day (&d, g_date_get_days_in_month (g_date_get_month (&d), g_date_get_year (&d)));
  route->t1 = g_date_get_julian (&d);
}

/* Lays out (or, with @func, draws) the items; FALSE when they need more columns. */
static gboolean
flow (Route *route, ItemFunc func)
{
  GtChartCtx *ctx = route->ctx;
  double top = ctx->by + AXIS_ROWS * route->row, bottom = ctx->by + ctx->bh;
  double header = HEADER_ROWS * route->row;
  int column = 0;
  double y = top;

  for (guint g = 0; g < route->groups->len; g++)
    {
      GPtrArray *group = route->groups->pdata[g];

      /* A header needs at least one project row under it in the same column. */
      if (y + header + route->row > bottom + 0.01)
        {
          column++;
          y = top;
        }
      if (column >= route->columns)
        return FALSE;
      if (func != NULL)
        func (route, ITEM_HEADER, group, NULL, column, y, header);
      y += header;
      for (guint i = 0; i < group->len; i++)
        {
          if (y + route->row > bottom + 0.01)
            {
              column++;
              y = top;
              if (column >= route->columns)
                return FALSE;
              if (func != NULL)
                func (route, ITEM_CONTINUED, group, NULL, column, y, header);
              y += header;
            }
          if (func != NULL)
            func (route, ITEM_PROJECT, group, group->pdata[i], column, y, route->row);
          y += route->row;
        }
      y += route->row * 0.3;
    }
  return TRUE;
}

static double
column_x (Route *route, int column)
{
  return route->ctx->bx + column * (route->column_width + route->gap);
}

static double
label_width (Route *route)
{
  return route->column_width * LABEL_FRAC;
}

static double
time_x (Route *route, int column, guint32 julian)
{
  double x0 = column_x (route, column) + label_width (route) + 4 * route->ctx->unit;
  double w = route->column_width - label_width (route) - 6 * route->ctx->unit;
  double t = (double) ((gint64) julian - (gint64) route->t0) / (double) (route->t1 + 1 - route->t0);

  return x0 + CLAMP (t, 0.0, 1.0) * w;
}

static char *
month_label (const GDate *d)
{
  /* TRANSLATORS: a month on the time axis (1 … 12) */
  return g_strdup_printf (_("M%d"), g_date_get_month (d));
}

static void
draw_axis (Route *route, int column)
{
  GtChartCtx *ctx = route->ctx;
  cairo_t *cr = ctx->cr;
  double u = ctx->unit, r = route->row;
  double x0 = time_x (route, column, route->t0), x1 = time_x (route, column, route->t1 + 1);
  double y = ctx->by, bottom = ctx->by + ctx->bh;
  double month_w = (x1 - x0) / MAX (1.0, (route->t1 + 1 - route->t0) / 30.4);
  double label_size = MIN (r * 0.62, 9 * u);
  int step = 1;
  /* TRANSLATORS: a month on the time axis (1 … 12) */
  g_autofree char *widest = g_strdup_printf (_("M%d"), 12);
  GDate d;

  /* Label every month when there is room for "12月", else every second or third. */
  while (step < 12 && month_w * step < gt_chart_text_width (ctx, widest, label_size, FALSE) * 1.3)
    step++;

  /* The year (or years) over the labels' column. */
  {
    GDate first, last;
    g_autofree char *years = NULL;

    g_date_clear (&first, 1);
    g_date_clear (&last, 1);
    g_date_set_julian (&first, route->t0);
    g_date_set_julian (&last, route->t1);
    if (g_date_get_year (&first) == g_date_get_year (&last))
      /* TRANSLATORS: the year of the time axis */
      years = g_strdup_printf (_("Year %d"), g_date_get_year (&first));
    else
      /* TRANSLATORS: the years of the time axis */
      years = g_strdup_printf (_("Years %d–%d"), g_date_get_year (&first), g_date_get_year (&last));
    gt_chart_text (ctx, years, column_x (route, column) + 2 * u, y, label_width (route) - 4 * u, r,
                   label_size, GT_CHART_MIN_FONT, GT_TEXT_BOLD, &gt_chart_ink, 0);
  }

  gt_chart_set_rgb (ctx, &gt_chart_ink);
  cairo_set_line_width (cr, 0.5 * u);
  cairo_move_to (cr, x0, y + r);
  cairo_line_to (cr, x1, y + r);
  cairo_stroke (cr);

  /* The months' lines, and the size of their labels: one for all, the largest at which
   * every label fits its span of @step months. The last label's span may be cut short by the
   * axis' end: it is left out when it does not fit (it came out smaller than the others). */
  g_date_clear (&d, 1);
  g_date_set_julian (&d, route->t0);
  for (; g_date_get_julian (&d) <= route->t1; g_date_add_months (&d, 1))
    {
      double xs = time_x (route, column, g_date_get_julian (&d));
      GDate end = d;

      cairo_move_to (cr, xs, y + r);
      cairo_line_to (cr, xs, bottom);
      g_date_add_months (&end, step);
      if (g_date_get_julian (&end) <= route->t1 + 1)
        {
          g_autofree char *label = month_label (&d);
          double room = time_x (route, column, g_date_get_julian (&end)) - xs - 2 * u;

          label_size = gt_chart_text_fit (ctx, label, room, r, label_size, GT_CHART_MIN_FONT,
                                          FALSE);
        }
    }
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
  cairo_set_line_width (cr, 0.4 * u);
  cairo_stroke (cr);

  g_date_set_julian (&d, route->t0);
  for (int i = 0; g_date_get_julian (&d) <= route->t1; i++, g_date_add_months (&d, 1))
    {
      g_autofree char *label = NULL;
      double xs = time_x (route, column, g_date_get_julian (&d)), room;
      GDate end = d;

      if (i % step != 0)
        continue;
      g_date_add_months (&end, step);
      label = month_label (&d);
      room = MIN (time_x (route, column, g_date_get_julian (&end)), x1) - xs - 2 * u;
      if (gt_chart_text_width (ctx, label, label_size, FALSE) <= room)
        gt_chart_text (ctx, label, xs + 1 * u, y, room, r, label_size, label_size, GT_TEXT_LEFT,
                       &gt_chart_ink, 0);
    }
}

/* Where the today line crosses column @column. */
static double
today_x (Route *route, int column)
{
  return time_x (route, column, route->today);
}

/* Keeps the today line off (x, y, w, h), just drawn in @column, when it crosses it. */
static void
keep_clear (Route *route, int column, double x, double y, double w, double h)
{
  double tx, pad = 0.8 * route->ctx->unit;
  Span span = { column, y - pad, y + h + pad };

  if (route->today == 0)
    return;
  tx = today_x (route, column);
  if (x - pad < tx && x + w + pad > tx)
    g_array_append_val (route->clear, span);
}

static int
compare_span (gconstpointer a, gconstpointer b)
{
  const Span *p = a, *q = b;
  return (p->y0 > q->y0) - (p->y0 < q->y0);
}

/* The dashed today line down column @column, on top of the rows, broken where it would
 * strike through a name or a node or run across a group's header; its label beside it. */
static void
draw_today (Route *route, int column)
{
  GtChartCtx *ctx = route->ctx;
  cairo_t *cr = ctx->cr;
  double u = ctx->unit, r = route->row, tx = today_x (route, column);
  double x0 = time_x (route, column, route->t0), x1 = time_x (route, column, route->t1 + 1);
  double y = ctx->by + r, bottom = ctx->by + ctx->bh;
  double dash[] = { 3 * u, 2 * u };
  const char *label = _("Today");
  double size = MIN (r * 0.55, 8 * u), gap = 1.5 * u;
  double lw = gt_chart_text_width (ctx, label, size, FALSE) + 0.5 * u;
  gboolean right = tx + gap + lw <= x1 || tx - gap - lw < x0;

  g_array_sort (route->clear, compare_span);
  for (guint i = 0; i < route->clear->len && y < bottom; i++)
    {
      const Span *span = &g_array_index (route->clear, Span, i);

      if (span->column != column || span->y1 <= y)
        continue;
      if (span->y0 > y)
        {
          cairo_move_to (cr, tx, y);
          cairo_line_to (cr, tx, MIN (span->y0, bottom));
        }
      y = span->y1;
    }
  if (y < bottom)
    {
      cairo_move_to (cr, tx, y);
      cairo_line_to (cr, tx, bottom);
    }
  gt_chart_set_rgb (ctx, &ctx->status[GT_PROJECT_STATUS_OVERDUE]);
  cairo_set_line_width (cr, 0.9 * u);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The label beside the line, not across it: right of it, or left of it when there is no
   * room before the end of the axis. */
  gt_chart_text (ctx, label, right ? tx + gap : tx - gap - lw, ctx->by + r * 1.02, lw, r * 0.95,
                 size, GT_CHART_MIN_FONT, right ? GT_TEXT_LEFT : GT_TEXT_RIGHT,
                 &ctx->status[GT_PROJECT_STATUS_OVERDUE], 0);
}

static void
draw_header (Route *route, GPtrArray *group, int column, double y, double h, gboolean continued)
{
  GtChartCtx *ctx = route->ctx;
  cairo_t *cr = ctx->cr;
  double u = ctx->unit, x = column_x (route, column), lw = label_width (route);
  const GtChartProject *first = group->pdata[0];
  gint64 done = 0, nodes = 0, nodes_done = 0;
  g_autofree char *title = NULL;
  g_autofree char *progress = NULL;
  double bar_x, bar_w, bar_h = h * 0.32, pct;
  GtRgb band = gt_rgb_tint (&gt_chart_red, 0.9);

  for (guint i = 0; i < group->len; i++)
    {
      const GtChartProject *p = group->pdata[i];
      done += p->status == GT_PROJECT_STATUS_DONE;
      nodes += p->n_milestones;
      nodes_done += p->n_done;
    }
  pct = nodes > 0 ? (double) nodes_done / nodes : 0;

  gt_chart_set_rgb (ctx, &band);
  cairo_rectangle (cr, x, y + h * 0.12, route->column_width, h * 0.8);
  cairo_fill (cr);
  /* Not a row of the time axis: the today line stops at it. */
  keep_clear (route, column, x, y + h * 0.12, route->column_width, h * 0.8);

  if (continued)
    /* TRANSLATORS: a group header repeated at the top of the next column */
    title = g_strdup_printf (_("%s (continued)"), gt_label_project_kind (first->kind));
  else
    /* TRANSLATORS: kind of project, projects done, projects in the group */
    title = g_strdup_printf (_("%s  %d/%u done"), gt_label_project_kind (first->kind),
                             (int) done, group->len);
  gt_chart_text (ctx, title, x + 3 * u, y + h * 0.12, lw - 4 * u, h * 0.8, h * 0.45,
                 GT_CHART_MIN_FONT, GT_TEXT_BOLD, &gt_chart_red, 0);

  /* Progress: milestones ticked off in the whole group. */
  bar_x = x + lw + 4 * u;
  bar_w = (route->column_width - lw - 6 * u) * 0.55;
  gt_chart_set_rgb (ctx, &gt_chart_paper);
  cairo_rectangle (cr, bar_x, y + h / 2 - bar_h / 2, bar_w, bar_h);
  cairo_fill (cr);
  gt_chart_set_rgb (ctx, &ctx->status[GT_PROJECT_STATUS_DONE]);
  cairo_rectangle (cr, bar_x, y + h / 2 - bar_h / 2, bar_w * pct, bar_h);
  cairo_fill (cr);
  gt_chart_set_rgb (ctx, &gt_chart_grey);
  cairo_set_line_width (cr, 0.4 * u);
  cairo_rectangle (cr, bar_x, y + h / 2 - bar_h / 2, bar_w, bar_h);
  cairo_stroke (cr);
  /* TRANSLATORS: time nodes ticked off, all time nodes, percentage */
  progress = g_strdup_printf (_("Nodes %d/%d · %d%%"), (int) nodes_done, (int) nodes,
                              (int) floor (pct * 100 + 0.5));
  gt_chart_text (ctx, progress, bar_x + bar_w + 3 * u, y + h * 0.12,
                 route->column_width - lw - 9 * u - bar_w, h * 0.8, h * 0.36, GT_CHART_MIN_FONT,
                 GT_TEXT_LEFT, &gt_chart_ink, 0);
}

static void
diamond (cairo_t *cr, double x, double y, double s)
{
  cairo_move_to (cr, x, y - s);
  cairo_line_to (cr, x + s, y);
  cairo_line_to (cr, x, y + s);
  cairo_line_to (cr, x - s, y);
  cairo_close_path (cr);
}

/* Where the name of milestone @m must end: at the next milestone, or the axis' end. */
static double
next_node_x (Route *route, const GtChartProject *p, int column, guint m)
{
  if (m + 1 < p->milestones->len)
    {
      guint32 jn = gt_chart_julian (((GtChartMilestone *) p->milestones->pdata[m + 1])->planned_date);
      if (jn != 0)
        return time_x (route, column, jn);
    }
  return time_x (route, column, route->t1 + 1) + 1 * route->ctx->unit;
}

static void
draw_project (Route *route, GtChartProject *p, int column, double y, double h)
{
  GtChartCtx *ctx = route->ctx;
  cairo_t *cr = ctx->cr;
  double u = ctx->unit, x = column_x (route, column), lw = label_width (route);
  const GtRgb *colour = gt_chart_status_rgb (ctx, p->status);
  double sw = MIN (h * 0.5, 9 * u), bar_y = y + h * 0.36, ds = h * 0.2;
  guint32 start = gt_chart_julian (p->start_date), due = gt_chart_julian (p->due_date);
  g_autofree char *label = g_strdup_printf ("%s %s", p->number, p->name);
  double names_h = h * 0.42;
  /* The same size on every row: a number and a name of about 14 characters fit. */
  double label_size = MIN (h * 0.58, (lw - 5 * u - sw) / 19);
  /* Off-screen rows (zoomed in, another tile) record their boxes but draw nothing. */
  gboolean visible = gt_chart_visible (ctx, x, y, route->column_width, h);

  if (p->seq % 2 == 0 && visible)
    {
      cairo_set_source_rgb (cr, 0.965, 0.965, 0.965);
      cairo_rectangle (cr, x, y, route->column_width, h);
      cairo_fill (cr);
    }

  /* Status swatch; a tick on it for a project ticked off (销号). */
  gt_chart_set_rgb (ctx, colour);
  cairo_rectangle (cr, x + 2 * u, y + (h - sw) / 2, sw, sw);
  cairo_fill (cr);
  if (p->status == GT_PROJECT_STATUS_DONE)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, sw * 0.16);
      cairo_move_to (cr, x + 2 * u + sw * 0.2, y + h / 2);
      cairo_line_to (cr, x + 2 * u + sw * 0.42, y + h / 2 + sw * 0.22);
      cairo_line_to (cr, x + 2 * u + sw * 0.8, y + h / 2 - sw * 0.25);
      cairo_stroke (cr);
    }
  gt_chart_text (ctx, label, x + 4 * u + sw, y, lw - 5 * u - sw, h, label_size,
                 MAX (label_size * 0.85, GT_CHART_MIN_FONT),
                 GT_TEXT_LEFT, &gt_chart_ink, p->id);

  /* The bar from start to due date. */
  if ((start != 0 || due != 0) && visible)
    {
      double xa = time_x (route, column, start != 0 ? start : route->t0);
      double xb = time_x (route, column, due != 0 ? due + 1 : route->t1 + 1);
      GtRgb tint = gt_rgb_tint (colour, 0.55);

      gt_chart_set_rgb (ctx, &tint);
      cairo_rectangle (cr, xa, bar_y - h * 0.07, MAX (xb - xa, 0.5 * u), h * 0.14);
      cairo_fill (cr);
    }

  /* Milestones, with their names under them at the chart's one size (names_size). */
  for (guint m = 0; m < p->milestones->len; m++)
    {
      const GtChartMilestone *ms = p->milestones->pdata[m];
      guint32 j = gt_chart_julian (ms->planned_date);
      GtProjectStatus ms_status = gt_chart_milestone_status (ctx, ms);
      const GtRgb *mc = gt_chart_status_rgb (ctx, ms_status);
      double mx, next_x;
      /* A diamond outlined in @mc: the outline's mitred edge is a diamond larger by half the
       * line width × √2; filling that and then the inside (in paper white for an open node)
       * draws it without a stroke, which costs several times as much. */
      double edge = MAX (0.3, ds * 0.25) * G_SQRT2 / 2;

      if (j == 0)
        continue;
      mx = time_x (route, column, j);
      if (visible)
        {
          gt_chart_set_rgb (ctx, mc);
          diamond (cr, mx, bar_y, ds + edge);
          cairo_fill (cr);
          if (!gt_chart_milestone_filled (ms_status))
            {
              gt_chart_set_rgb (ctx, &gt_chart_paper);
              diamond (cr, mx, bar_y, ds - edge);
              cairo_fill (cr);
            }
        }
      keep_clear (route, column, mx - ds - edge, bar_y - ds - edge, 2 * (ds + edge),
                  2 * (ds + edge));

      /* A name that does not fit before the next node at that size is ellipsized, not
       * shrunk: sizes changing from row to row looked like different kinds of text. */
      next_x = next_node_x (route, p, column, m);
      if (route->names_size >= GT_CHART_MIN_FONT
          && gt_chart_text (ctx, ms->name, mx - ds, y + h - names_h, next_x - mx - 0.6 * ds,
                            names_h, route->names_size, route->names_size, GT_TEXT_LEFT,
                            &gt_chart_grey, p->id) > 0)
        keep_clear (route, column, ctx->last_text.x, ctx->last_text.y, ctx->last_text.w,
                    ctx->last_text.h);
    }
  gt_chart_add_box (ctx, x, y, route->column_width, h, GT_CHART_BOX_HIT, p->id);
}

static void
draw_item (Route *route, ItemKind kind, GPtrArray *group, GtChartProject *project, int column,
           double y, double h)
{
  switch (kind)
    {
    case ITEM_HEADER:
    case ITEM_CONTINUED:
      draw_header (route, group, column, y, h, kind == ITEM_CONTINUED);
      break;
    case ITEM_PROJECT:
      draw_project (route, project, column, y, h);
      break;
    }
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The one size of the milestones' names on the chart. Sizes changing from row to row read
 * as different kinds of text, and fitting every name made them all tiny when a few nodes
 * sit close together: the size is the largest at which nine names in ten fit whole before
 * the next node (the others are ellipsized), or a little smaller when that lets every name
 * fit. */
static double
names_size (Route *route)
{
  GtChartCtx *ctx = route->ctx;
  const GtChartData *data = ctx->data;
  double names_h = route->row * 0.42, ds = route->row * 0.2, largest = names_h * 0.8;
  g_autoptr (GArray) fits = g_array_new (FALSE, FALSE, sizeof (double));
  double size, least;

  if (largest < GT_CHART_MIN_FONT)
    return largest;
  /* Every column has the same time axis: the room between two nodes is the same in all. */
  for (guint i = 0; i < data->projects->len; i++)
    {
      const GtChartProject *p = data->projects->pdata[i];

      for (guint m = 0; m < p->milestones->len; m++)
        {
          const GtChartMilestone *ms = p->milestones->pdata[m];
          guint32 j = gt_chart_julian (ms->planned_date);
          double room, fit;

          if (j == 0 || ms->name == NULL || *ms->name == '\0')
            continue;
          room = next_node_x (route, p, 0, m) - time_x (route, 0, j) - 0.6 * ds;
          fit = gt_chart_text_fit (ctx, ms->name, room, names_h, largest, 0, FALSE);
          g_array_append_val (fits, fit);
        }
    }
  if (fits->len == 0)
    return largest;
  g_array_sort (fits, compare_double);
  least = g_array_index (fits, double, 0);
  size = g_array_index (fits, double, fits->len / 10);
  if (least >= size * 0.85)
    size = least;
  return CLAMP (size, GT_CHART_MIN_FONT, largest);
}

void
gt_chart_route_draw (GtChartCtx *ctx)
{
  Route route = { ctx, gt_chart_group_by_kind (ctx->data) };
  double units = ctx->data->projects->len + route.groups->len * (HEADER_ROWS + 0.3);
  GtChartFlow f = gt_chart_flow (ctx->bw, ctx->bh, units, AXIS_ROWS + HEADER_ROWS, LABEL_FRAC,
                                 14, 24 * ctx->unit, 10 * ctx->unit);
  int used;

  time_range (&route);
  route.columns = f.columns;
  route.row = f.row;
  route.column_width = f.column_width;
  route.gap = f.gap;
  /* Breaks at group ends may need a little more room than the estimate. */
  while (!flow (&route, NULL) && route.row > 1)
    route.row *= 0.97;

  route.names_size = names_size (&route);
  route.today = gt_chart_julian (ctx->data->today);
  if (route.today < route.t0 || route.today > route.t1)
    route.today = 0;
  route.clear = g_array_new (FALSE, FALSE, sizeof (Span));

  used = route.columns;
  for (int c = 0; c < used; c++)
    draw_axis (&route, c);
  flow (&route, draw_item);
  /* The today line last, over the rows' stripes, broken around what they drew. */
  for (int c = 0; route.today != 0 && c < used; c++)
    draw_today (&route, c);
  g_array_unref (route.clear);
  g_ptr_array_unref (route.groups);
}
