/* gt-chart-guide.c — 工作导图: a tree from the township's goal through the project kinds to
 * the projects and their milestones, every node coloured by status
 *
 * The goal sits on top; the kinds and their projects flow down columns below it, each
 * project a box on its kind's spine with its milestones as chips to the right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gt-chart-private.h"
#include "gt-registers.h"

#define HEADER_ROWS 1.6
#define BOX_FRAC 0.48 /* of a column: the project box; the rest is for milestone chips */

typedef struct
{
  GtChartCtx *ctx;
  GPtrArray *groups;
  double top;
  int columns;
  double row, column_width, gap;
  guint max_milestones;
  double *column_bottom; /* lowest spine point per column */
  double *spine_top;     /* where the current spine of each column starts */
} Guide;

static gboolean
is_light (const GtRgb *c)
{
  return 0.299 * c->r + 0.587 * c->g + 0.114 * c->b > 0.62;
}

static GtProjectStatus
group_status (GPtrArray *group)
{
  gboolean all_done = TRUE, any_risk = FALSE;

  for (guint i = 0; i < group->len; i++)
    {
      const GtChartProject *p = group->pdata[i];
      if (p->status == GT_PROJECT_STATUS_OVERDUE)
        return GT_PROJECT_STATUS_OVERDUE;
      any_risk |= p->status == GT_PROJECT_STATUS_AT_RISK;
      all_done &= p->status == GT_PROJECT_STATUS_DONE;
    }
  return any_risk ? GT_PROJECT_STATUS_AT_RISK
                  : all_done ? GT_PROJECT_STATUS_DONE : GT_PROJECT_STATUS_ON_TRACK;
}

static double
column_x (Guide *g, int c)
{
  return g->ctx->bx + c * (g->column_width + g->gap);
}

static void
draw_header (Guide *g, GPtrArray *group, int column, double y, double h, gboolean continued)
{
  GtChartCtx *ctx = g->ctx;
  const GtChartProject *first = group->pdata[0];
  const GtRgb *colour = gt_chart_status_rgb (ctx, group_status (group));
  static const GtRgb white = { 1, 1, 1 };
  double x = column_x (g, column), w = g->column_width * BOX_FRAC + h * 0.4;
  g_autofree char *text = NULL;

  if (continued)
    text = g_strdup_printf (_("%s (continued)"), gt_label_project_kind (first->kind));
  else
    /* TRANSLATORS: a project kind and how many projects it has */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u project", "%s · %u projects",
                                         group->len),
                            gt_label_project_kind (first->kind), group->len);
  gt_chart_set_rgb (ctx, colour);
  gt_chart_rounded_rect (ctx->cr, x, y + h * 0.1, w, h * 0.8, h * 0.2);
  cairo_fill (ctx->cr);
  gt_chart_text (ctx, text, x + h * 0.3, y + h * 0.1, w - h * 0.6, h * 0.8, h * 0.38,
                 GT_CHART_MIN_FONT, GT_TEXT_BOLD, is_light (colour) ? &gt_chart_ink : &white, 0);
  g->spine_top[column] = y + h * 0.9;
}

typedef enum
{
  PASS_LAYOUT, /* measure only */
  PASS_LINES,  /* the spines and elbows, one path for the whole chart */
  PASS_RULES,  /* the rules from each box through its milestones, one path */
  PASS_NODES,  /* headers, boxes, chips and text */
} Pass;

/* The lines of the tree are the same colour and width everywhere: they are collected into
 * one path each and stroked once, under the boxes, instead of once per project. */
static void
project_lines (Guide *g, GtChartProject *p, int column, double y, double h, Pass pass)
{
  cairo_t *cr = g->ctx->cr;
  double x = column_x (g, column), spine = x + h * 0.4, bx = x + h * 1.1;
  double bw = g->column_width * BOX_FRAC - h * 0.7;
  double chips_x = bx + bw + h * 0.4, chips_w = x + g->column_width - chips_x;
  double chip_w = chips_w / MAX (g->max_milestones, 1);

  if (pass == PASS_LINES)
    {
      cairo_move_to (cr, spine, g->spine_top[column]);
      cairo_line_to (cr, spine, y + h / 2);
      cairo_line_to (cr, bx, y + h / 2);
    }
  else if (p->milestones->len > 0)
    {
      cairo_move_to (cr, bx + bw, y + h / 2);
      cairo_line_to (cr, chips_x + chip_w * (p->milestones->len - 0.5), y + h / 2);
    }
  g->spine_top[column] = y + h / 2;
}

static void
draw_project (Guide *g, GtChartProject *p, int column, double y, double h)
{
  GtChartCtx *ctx = g->ctx;
  cairo_t *cr = ctx->cr;
  const GtRgb *colour = gt_chart_status_rgb (ctx, p->status);
  GtRgb tint = gt_rgb_tint (colour, 0.78);
  double x = column_x (g, column);
  double bx = x + h * 1.1, bw = g->column_width * BOX_FRAC - h * 0.7, by = y + h * 0.1;
  double bh = h * 0.8, chips_x = bx + bw + h * 0.4;
  double chips_w = x + g->column_width - chips_x;
  double chip_w = chips_w / MAX (g->max_milestones, 1);
  g_autofree char *label = g_strdup_printf ("%s %s", p->number, p->name);
  double label_size = MIN (bh * 0.62, (bw - bh * 0.6) / 19);

  gt_chart_add_box (ctx, bx, by, bw, bh, GT_CHART_BOX_HIT, p->id);
  if (!gt_chart_visible (ctx, x, y, g->column_width, h))
    {
      /* Off-screen (zoomed in, another tile): the text boxes, nothing drawn. */
      gt_chart_text (ctx, label, bx + bh * 0.45, by, bw - bh * 0.6, bh, label_size,
                     MAX (label_size * 0.85, GT_CHART_MIN_FONT), GT_TEXT_LEFT, &gt_chart_ink,
                     p->id);
      for (guint m = 0; m < p->milestones->len; m++)
        gt_chart_text (ctx, ((GtChartMilestone *) p->milestones->pdata[m])->name,
                       chips_x + m * chip_w + chip_w * 0.06 + bh * 0.2, by + bh * 0.08,
                       chip_w * 0.88 - bh * 0.4, bh * 0.84, bh * 0.5, GT_CHART_MIN_FONT,
                       GT_TEXT_CENTER, &gt_chart_ink, p->id);
      return;
    }
  gt_chart_set_rgb (ctx, &tint);
  gt_chart_rounded_rect (cr, bx, by, bw, bh, bh * 0.2);
  cairo_fill (cr);
  gt_chart_set_rgb (ctx, colour);
  cairo_rectangle (cr, bx, by, bh * 0.25, bh);
  cairo_fill (cr);
  gt_chart_text (ctx, label, bx + bh * 0.45, by, bw - bh * 0.6, bh, label_size,
                 MAX (label_size * 0.85, GT_CHART_MIN_FONT),
                 GT_TEXT_LEFT, &gt_chart_ink, p->id);

  for (guint m = 0; m < p->milestones->len; m++)
    {
      const GtChartMilestone *ms = p->milestones->pdata[m];
      GtProjectStatus ms_status = gt_chart_milestone_status (ctx, ms);
      const GtRgb *mc = gt_chart_status_rgb (ctx, ms_status);
      static const GtRgb white = { 1, 1, 1 };
      double cx = chips_x + m * chip_w + chip_w * 0.06, cw = chip_w * 0.88;
      gboolean filled = gt_chart_milestone_filled (ms_status);

      if (filled)
        {
          gt_chart_set_rgb (ctx, mc);
          gt_chart_rounded_rect (cr, cx, by + bh * 0.08, cw, bh * 0.84, bh * 0.3);
          cairo_fill (cr);
        }
      else
        {
          /* Outlined: the outline's outer edge filled in @mc, then the inside in paper
           * white (a stroke costs several times as much). */
          double e = MAX (0.3, bh * 0.06) / 2;

          gt_chart_set_rgb (ctx, mc);
          gt_chart_rounded_rect (cr, cx - e, by + bh * 0.08 - e, cw + 2 * e, bh * 0.84 + 2 * e,
                                 bh * 0.3 + e);
          cairo_fill (cr);
          gt_chart_set_rgb (ctx, &gt_chart_paper);
          gt_chart_rounded_rect (cr, cx + e, by + bh * 0.08 + e, cw - 2 * e, bh * 0.84 - 2 * e,
                                 bh * 0.3 - e);
          cairo_fill (cr);
        }
      gt_chart_text (ctx, ms->name, cx + bh * 0.2, by + bh * 0.08, cw - bh * 0.4, bh * 0.84,
                     bh * 0.5, GT_CHART_MIN_FONT, GT_TEXT_CENTER,
                     filled ? (is_light (mc) ? &gt_chart_ink : &white) : &gt_chart_ink, p->id);
    }
}

typedef enum
{
  ITEM_HEADER,
  ITEM_CONTINUED,
  ITEM_PROJECT,
} ItemKind;

/* Lays out (and in the drawing passes, draws) the columns; FALSE when they need more
 * columns. */
static gboolean
flow (Guide *g, Pass pass)
{
  gboolean draw = pass == PASS_NODES;
  double bottom = g->ctx->by + g->ctx->bh, header = HEADER_ROWS * g->row;
  int column = 0;
  double y = g->top;

  for (int c = 0; c < g->columns; c++)
    g->column_bottom[c] = -1;
  for (guint k = 0; k < g->groups->len; k++)
    {
      GPtrArray *group = g->groups->pdata[k];

      if (y + header + g->row > bottom + 0.01)
        {
          column++;
          y = g->top;
        }
      if (column >= g->columns)
        return FALSE;
      if (draw)
        draw_header (g, group, column, y, header, FALSE);
      else
        g->spine_top[column] = y + header * 0.9;
      g->column_bottom[column] = MAX (g->column_bottom[column], y);
      y += header;
      for (guint i = 0; i < group->len; i++)
        {
          if (y + g->row > bottom + 0.01)
            {
              column++;
              y = g->top;
              if (column >= g->columns)
                return FALSE;
              if (draw)
                draw_header (g, group, column, y, header, TRUE);
              else
                g->spine_top[column] = y + header * 0.9;
              y += header;
            }
          if (draw)
            draw_project (g, group->pdata[i], column, y, g->row);
          else if (pass != PASS_LAYOUT)
            project_lines (g, group->pdata[i], column, y, g->row, pass);
          y += g->row;
        }
      y += g->row * 0.4;
    }
  return TRUE;
}

void
gt_chart_guide_draw (GtChartCtx *ctx)
{
  Guide g = { ctx, gt_chart_group_by_kind (ctx->data) };
  cairo_t *cr = ctx->cr;
  double u = ctx->unit;
  double root_h = CLAMP (ctx->bh * 0.06, 22 * u, 40 * u), root_w = ctx->bw * 0.6;
  double root_x = ctx->bx + (ctx->bw - root_w) / 2, root_y = ctx->by;
  double units;
  GtChartFlow f;
  int used = 0;

  for (guint i = 0; i < ctx->data->projects->len; i++)
    g.max_milestones = MAX (g.max_milestones,
                            ((GtChartProject *) ctx->data->projects->pdata[i])->milestones->len);
  g.top = root_y + root_h + 18 * u;
  units = ctx->data->projects->len + g.groups->len * (HEADER_ROWS + 0.4);
  f = gt_chart_flow (ctx->bw, ctx->by + ctx->bh - g.top, units, HEADER_ROWS, BOX_FRAC, 14,
                     24 * u, 12 * u);
  g.columns = f.columns;
  g.row = f.row;
  g.column_width = f.column_width;
  g.gap = f.gap;
  g.column_bottom = g_new0 (double, g.columns);
  g.spine_top = g_new0 (double, g.columns);
  while (!flow (&g, PASS_LAYOUT) && g.row > 1)
    g.row *= 0.97;
  for (int c = 0; c < g.columns; c++)
    if (g.column_bottom[c] >= 0)
      used = c + 1;

  /* The goal, and the bus from it to every column. */
  gt_chart_set_rgb (ctx, &gt_chart_red);
  gt_chart_rounded_rect (cr, root_x, root_y, root_w, root_h, root_h * 0.25);
  cairo_fill (cr);
  {
    static const GtRgb white = { 1, 1, 1 };
    gt_chart_text (ctx, ctx->data->goal, root_x + root_h * 0.4, root_y, root_w - root_h * 0.8,
                   root_h, root_h * 0.5, GT_CHART_MIN_FONT, GT_TEXT_CENTER | GT_TEXT_BOLD, &white,
                   0);
  }
  {
    double bus_y = root_y + root_h + 9 * u;
    double first = column_x (&g, 0) + g.row * 0.4;
    double last = column_x (&g, MAX (used - 1, 0)) + g.row * 0.4;

    gt_chart_set_rgb (ctx, &gt_chart_red);
    cairo_set_line_width (cr, 1.2 * u);
    cairo_move_to (cr, root_x + root_w / 2, root_y + root_h);
    cairo_line_to (cr, root_x + root_w / 2, bus_y);
    cairo_move_to (cr, MIN (first, root_x + root_w / 2), bus_y);
    cairo_line_to (cr, MAX (last, root_x + root_w / 2), bus_y);
    for (int c = 0; c < used; c++)
      {
        cairo_move_to (cr, column_x (&g, c) + g.row * 0.4, bus_y);
        cairo_line_to (cr, column_x (&g, c) + g.row * 0.4, g.top + g.row * 0.2);
      }
    cairo_stroke (cr);
  }
  gt_chart_set_rgb (ctx, &gt_chart_grey);
  cairo_set_line_width (cr, MAX (0.3, g.row * 0.05));
  flow (&g, PASS_LINES);
  cairo_stroke (cr);
  gt_chart_set_rgb (ctx, &gt_chart_rule);
  flow (&g, PASS_RULES);
  cairo_stroke (cr);
  flow (&g, PASS_NODES);

  g_free (g.column_bottom);
  g_free (g.spine_top);
  g_ptr_array_unref (g.groups);
}
