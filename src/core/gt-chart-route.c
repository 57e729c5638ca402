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
} Route;

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

static void
draw_axis (Route *route, int column)
{
  GtChartCtx *ctx = route->ctx;
  cairo_t *cr = ctx->cr;
  double u = ctx->unit, r = route->row;
  double x0 = time_x (route, column, route->t0), x1 = time_x (route, column, route->t1 + 1);
  double y = ctx->by, bottom = ctx->by + ctx->bh;
  guint32 today = gt_chart_julian (ctx->data->today);
  double month_w = (x1 - x0) / MAX (1.0, (route->t1 + 1 - route->t0) / 30.4);
  double label_size = MIN (r * 0.62, 9 * u);
  int step = 1;
  GDate d;

  /* Label every month when there is room for "12月", else every second or third. */
  while (step < 12 && month_w * step < gt_chart_text_width (ctx, "12月", label_size, FALSE) * 1.3)
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

  g_date_clear (&d, 1);
  g_date_set_julian (&d, route->t0);
  for (int i = 0; g_date_get_julian (&d) <= route->t1; i++)
    {
      guint32 start = g_date_get_julian (&d);
      double xs = time_x (route, column, start);
      GDate next = d;
      double xe;

      g_date_add_months (&next, 1);
      xe = time_x (route, column, g_date_get_julian (&next));
      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_set_line_width (cr, 0.4 * u);
      cairo_move_to (cr, xs, y + r);
      cairo_line_to (cr, xs, bottom);
      cairo_stroke (cr);
      if (i % step == 0)
        {
          /* TRANSLATORS: a month on the time axis (1 … 12) */
          g_autofree char *label = g_strdup_printf (_("M%d"), g_date_get_month (&d));
          gt_chart_text (ctx, label, xs + 1 * u, y, MAX (0, MIN ((xe - xs) * step, x1 - xs) - 2 * u), r,
                         label_size, GT_CHART_MIN_FONT, GT_TEXT_LEFT, &gt_chart_ink, 0);
        }
      d = next;
    }

  if (today >= route->t0 && today <= route->t1)
    {
      double tx = time_x (route, column, today);
      double dash[] = { 3 * u, 2 * u };

      cairo_set_source_rgb (cr, ctx->status[GT_PROJECT_STATUS_OVERDUE].r,
                            ctx->status[GT_PROJECT_STATUS_OVERDUE].g,
                            ctx->status[GT_PROJECT_STATUS_OVERDUE].b);
      cairo_set_line_width (cr, 0.9 * u);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, tx, y + r);
      cairo_line_to (cr, tx, bottom);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      /* The label beside the line, not across it: right of it, or left of it when there is
       * no room before the end of the axis. */
      {
        const char *label = _("Today");
        double size = MIN (r * 0.55, 8 * u), gap = 1.5 * u;
        double lw = gt_chart_text_width (ctx, label, size, FALSE) + 0.5 * u;
        gboolean right = tx + gap + lw <= x1 || tx - gap - lw < x0;

        gt_chart_text (ctx, label, right ? tx + gap : tx - gap - lw, y + r * 1.02, lw, r * 0.95,
                       size, GT_CHART_MIN_FONT, right ? GT_TEXT_LEFT : GT_TEXT_RIGHT,
                       &ctx->status[GT_PROJECT_STATUS_OVERDUE], 0);
      }
    }
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
  double names_h = h * 0.42, names_size;
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

  /* Milestones, with their names under them where they fit, all at one size: the largest
   * at which every name that can be read at all fits before the next milestone. */
  names_size = names_h * 0.8;
  for (guint m = 0; m < p->milestones->len && names_size >= GT_CHART_MIN_FONT; m++)
    {
      const GtChartMilestone *ms = p->milestones->pdata[m];
      guint32 j = gt_chart_julian (ms->planned_date);
      double room, width, fits;

      if (j == 0 || ms->name == NULL || *ms->name == '\0')
        continue;
      room = next_node_x (route, p, column, m) - time_x (route, column, j) - 0.6 * ds;
      width = gt_chart_text_width (ctx, ms->name, names_h * 0.8, FALSE);
      fits = names_h * 0.8 * room / MAX (width, 0.01) * 0.985;
      if (fits >= GT_CHART_MIN_FONT)
        names_size = MIN (names_size, floor (fits * 20) / 20);
    }
  for (guint m = 0; m < p->milestones->len; m++)
    {
      const GtChartMilestone *ms = p->milestones->pdata[m];
      guint32 j = gt_chart_julian (ms->planned_date);
      GtProjectStatus ms_status = gt_chart_milestone_status (ctx, ms);
      const GtRgb *mc = gt_chart_status_rgb (ctx, ms_status);
      double mx, next_x;

      if (j == 0)
        continue;
      mx = time_x (route, column, j);
      if (visible)
        {
          /* A diamond outlined in @mc: the outline's mitred edge is a diamond larger by
           * half the line width × √2; filling that and then the inside (in paper white for
           * an open node) draws it without a stroke, which costs several times as much. */
          double edge = MAX (0.3, ds * 0.25) * G_SQRT2 / 2;

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

      next_x = next_node_x (route, p, column, m);
      if (names_h * 0.8 >= GT_CHART_MIN_FONT)
        gt_chart_text (ctx, ms->name, mx - ds, y + h - names_h, next_x - mx - 0.6 * ds, names_h,
                       names_size, GT_CHART_MIN_FONT, GT_TEXT_LEFT, &gt_chart_grey, p->id);
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

  used = route.columns;
  for (int c = 0; c < used; c++)
    draw_axis (&route, c);
  flow (&route, draw_item);
  g_ptr_array_unref (route.groups);
}
