/* gt-chart.c — the wall charts' paper sizes, title block, legend and text fitting (their
 * data: gt-chart-data.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gt-chart-private.h"
#include "gt-registers.h"

const GtRgb gt_chart_ink = { 0.13, 0.13, 0.13 };
const GtRgb gt_chart_grey = { 0.42, 0.42, 0.42 };
const GtRgb gt_chart_rule = { 0.80, 0.80, 0.80 };
const GtRgb gt_chart_paper = { 1.0, 1.0, 1.0 };
const GtRgb gt_chart_red = { 0.71, 0.07, 0.09 };

/* ---- kinds and paper ---- */

static const char *const kind_codes[] = { "route", "battle", "guide" };
static const char *const kind_titles[] = { N_("Route map"), N_("Battle map"), N_("Work guide") };

const char *
gt_chart_kind_code (GtChartKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_codes), "route");
  return kind_codes[kind];
}

gboolean
gt_chart_kind_from_code (const char *code, GtChartKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_codes); i++)
    if (g_strcmp0 (code, kind_codes[i]) == 0)
      {
        *kind = (GtChartKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gt_chart_kind_title (GtChartKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_titles), "");
  return _(kind_titles[kind]);
}

static const char *const paper_names[] = { "A4", "A3", "A2", "A1", "A0" };
/* ISO 216 in millimetres, portrait. */
static const double paper_mm[][2] = {
  { 210, 297 }, { 297, 420 }, { 420, 594 }, { 594, 841 }, { 841, 1189 },
};

gboolean
gt_paper_from_name (const char *name, GtPaper *paper)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (paper_names); i++)
    if (g_ascii_strcasecmp (name, paper_names[i]) == 0)
      {
        *paper = (GtPaper) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gt_paper_name (GtPaper paper)
{
  g_return_val_if_fail ((guint) paper < G_N_ELEMENTS (paper_names), "A4");
  return paper_names[paper];
}

void
gt_paper_size (GtPaper paper, gboolean landscape, double *width, double *height)
{
  double w, h;

  g_return_if_fail ((guint) paper < G_N_ELEMENTS (paper_mm));
  w = GT_MM_TO_PT (paper_mm[paper][0]);
  h = GT_MM_TO_PT (paper_mm[paper][1]);
  *width = landscape ? h : w;
  *height = landscape ? w : h;
}

/* ---- helpers ---- */

guint32
gt_chart_julian (const char *date)
{
  int f[3] = { 0 };
  static const int digits[3] = { 4, 2, 2 };
  const char *c = date;
  GDate g;

  /* Y-M-D of up to 4, 2 and 2 digits, read by hand: a chart reads thousands of dates per
   * draw. */
  if (date == NULL)
    return 0;
  for (int i = 0; i < 3; i++)
    {
      int d = 0;

      for (; d < digits[i] && g_ascii_isdigit (*c); d++, c++)
        f[i] = f[i] * 10 + (*c - '0');
      if (d == 0 || *c != (i < 2 ? '-' : '\0'))
        return 0;
      c++;
    }
  if (!g_date_valid_dmy (f[2], f[1], f[0]))
    return 0;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, f[2], f[1], f[0]);
  return g_date_get_julian (&g);
}

GArray *
gt_chart_boxes_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (GtChartBox));
}

void
gt_chart_add_box (GtChartCtx *ctx, double x, double y, double w, double h, GtChartBoxKind kind,
                  gint64 project_id)
{
  GtChartBox box = { x, y, w, h, kind, project_id };

  if (ctx->boxes != NULL)
    g_array_append_val (ctx->boxes, box);
}

gint64
gt_chart_boxes_find (GArray *boxes, double x, double y)
{
  return gt_chart_boxes_find_box (boxes, x, y, NULL);
}

gint64
gt_chart_boxes_find_box (GArray *boxes, double x, double y, GtChartBox *box)
{
  /* Later boxes are drawn on top: search backwards. */
  for (guint i = boxes->len; i-- > 0;)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);
      if ((b->kind == GT_CHART_BOX_HIT || b->kind == GT_CHART_BOX_MARKER) && b->project_id != 0
          && x >= b->x && x < b->x + b->w
          && y >= b->y && y < b->y + b->h)
        {
          if (box != NULL)
            *box = *b;
          return b->project_id;
        }
    }
  return 0;
}

gint64
gt_chart_boxes_find_village (GArray *boxes, double x, double y)
{
  for (guint i = boxes->len; i-- > 0;)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);
      if (b->kind == GT_CHART_BOX_VILLAGE && x >= b->x && x < b->x + b->w && y >= b->y
          && y < b->y + b->h)
        return b->project_id;
    }
  return 0;
}

gboolean
gt_chart_boxes_map_position (GArray *boxes, double x, double y, double *map_x, double *map_y)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);
      if (b->kind == GT_CHART_BOX_MAP && b->w > 0 && b->h > 0)
        {
          *map_x = CLAMP ((x - b->x) / b->w, 0.0, 1.0);
          *map_y = CLAMP ((y - b->y) / b->h, 0.0, 1.0);
          return TRUE;
        }
    }
  return FALSE;
}

guint
gt_chart_boxes_count_small (GArray *boxes, double size, guint *n_labels, double *smallest)
{
  guint n = 0, small = 0;
  double least = 0;

  for (guint i = 0; i < boxes->len; i++)
    {
      const GtChartBox *b = &g_array_index (boxes, GtChartBox, i);

      if (b->kind != GT_CHART_BOX_TEXT || b->h <= 0)
        continue;
      n++;
      small += b->h < size - 0.01;
      if (least == 0 || b->h < least)
        least = b->h;
    }
  if (n_labels != NULL)
    *n_labels = n;
  if (smallest != NULL)
    *smallest = least;
  return small;
}

gboolean
gt_chart_village_move (GtStorage *storage, gint64 village_id, double x, double y, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *mtime = NULL;

  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1))
    return gt_storage_refuse (storage, error, _("a map position is between 0 and 1, not %g, %g"),
                              x, y);
  stmt = gt_storage_prepare (storage,
                             "UPDATE villages SET map_x = ?, map_y = ?, rev = rev + 1, mtime = ?"
                             " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  mtime = gt_now_iso8601 ();
  sqlite3_bind_double (stmt, 1, x);
  sqlite3_bind_double (stmt, 2, y);
  sqlite3_bind_text (stmt, 3, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, village_id);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (sqlite3_changes (gt_storage_get_db (storage)) == 0)
    return gt_storage_refuse (storage, error, _("there is no village number %lld"),
                              (long long) village_id);
  gt_storage_emit_changed (storage, "villages");
  return TRUE;
}

static int
compare_box_x (gconstpointer a, gconstpointer b)
{
  const GtChartBox *const *x = a, *const *y = b;
  return ((*x)->x > (*y)->x) - ((*x)->x < (*y)->x);
}

guint
gt_chart_boxes_count_overlaps (GArray *boxes, double tolerance, GtChartBox *a, GtChartBox *b)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  guint n = 0;

  for (guint i = 0; i < boxes->len; i++)
    {
      GtChartBox *box = &g_array_index (boxes, GtChartBox, i);
      if (box->kind == GT_CHART_BOX_TEXT || box->kind == GT_CHART_BOX_MARKER)
        g_ptr_array_add (sorted, box);
    }
  g_ptr_array_sort (sorted, compare_box_x);
  /* Sweep along x: only boxes that start before this one ends can overlap it. */
  for (guint i = 0; i < sorted->len; i++)
    {
      const GtChartBox *p = sorted->pdata[i];
      for (guint j = i + 1; j < sorted->len; j++)
        {
          const GtChartBox *q = sorted->pdata[j];
          double ox, oy;

          if (q->x >= p->x + p->w - tolerance)
            break;
          ox = MIN (p->x + p->w, q->x + q->w) - MAX (p->x, q->x);
          oy = MIN (p->y + p->h, q->y + q->h) - MAX (p->y, q->y);
          if (ox > tolerance && oy > tolerance)
            {
              if (n == 0 && a != NULL && b != NULL)
                *a = *p, *b = *q;
              n++;
            }
        }
    }
  return n;
}

void
gt_chart_set_rgb (GtChartCtx *ctx, const GtRgb *colour)
{
  cairo_set_source_rgb (ctx->cr, colour->r, colour->g, colour->b);
}

GtRgb
gt_rgb_tint (const GtRgb *colour, double t)
{
  GtRgb out = { colour->r + (1 - colour->r) * t, colour->g + (1 - colour->g) * t,
                colour->b + (1 - colour->b) * t };
  return out;
}

void
gt_chart_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  double dx = r, dy = 0;

  r = MIN (r, MIN (w, h) / 2);
  /* Corners smaller than a pixel and a half cannot be seen: a plain rectangle is much
   * cheaper to fill (small shapes on screen). */
  cairo_user_to_device_distance (cr, &dx, &dy);
  if (hypot (dx, dy) < 1.5)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

const GtRgb *
gt_chart_status_rgb (GtChartCtx *ctx, GtProjectStatus status)
{
  return &ctx->status[(guint) status < GT_PROJECT_N_STATUS ? status : GT_PROJECT_STATUS_ON_TRACK];
}

GtProjectStatus
gt_chart_milestone_status (GtChartCtx *ctx, const GtChartMilestone *milestone)
{
  guint32 planned, today;

  /* A node's own state, never its project's: the nodes still to come of an overdue project
   * are not late, and drawing them in the overdue colour made them look missed. */
  if (milestone->done_date != NULL)
    return GT_PROJECT_STATUS_DONE;
  planned = gt_chart_julian (milestone->planned_date);
  today = gt_chart_julian (ctx->data->today);
  if (planned == 0 || today == 0)
    return GT_PROJECT_STATUS_ON_TRACK;
  if (planned < today)
    return GT_PROJECT_STATUS_OVERDUE;
  /* The same window as a project's next node (gt_project_status_compute ()). */
  if (planned - today <= (guint32) MAX (ctx->data->at_risk_days, 0))
    return GT_PROJECT_STATUS_AT_RISK;
  return GT_PROJECT_STATUS_ON_TRACK;
}

gboolean
gt_chart_milestone_filled (GtProjectStatus status)
{
  return status == GT_PROJECT_STATUS_DONE || status == GT_PROJECT_STATUS_OVERDUE;
}

/* ---- layout helpers ---- */

GtChartFlow
gt_chart_flow (double w, double h, double units, double header_units, double label_frac,
               double min_chars, double max_row, double gap)
{
  GtChartFlow best = { 1, 0, w, gap };
  double best_eff = -1;

  units = MAX (units, 1);
  for (int k = 1; k <= 40; k++)
    {
      double cw = (w - (k - 1) * gap) / k;
      double per_column = ceil (units / k) + header_units + 1;
      double row = MIN (max_row, h / per_column);
      /* A row of height r carries text of about r / 1.5 points. */
      double width_limited = cw * label_frac / MAX (min_chars, 1) * 1.5;
      double eff = MIN (row, width_limited);

      if (cw <= 0)
        break;
      if (eff > best_eff * 1.01)
        {
          best_eff = eff;
          best.columns = k;
          best.row = row;
          best.column_width = cw;
        }
      if (row >= max_row)
        break; /* more columns cannot give taller rows */
    }
  return best;
}

static const char *const kind_order[] = { "belt", "zone", "circle", "post", "point" };

static int
kind_rank (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_order); i++)
    if (g_strcmp0 (kind, kind_order[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (kind_order);
}

static int
compare_groups (gconstpointer a, gconstpointer b)
{
  GPtrArray *x = *(GPtrArray *const *) a, *y = *(GPtrArray *const *) b;
  const GtChartProject *p = x->pdata[0], *q = y->pdata[0];
  int rp = kind_rank (p->kind), rq = kind_rank (q->kind);

  if (rp != rq)
    return rp - rq;
  return g_strcmp0 (p->kind, q->kind);
}

GPtrArray *
gt_chart_group_by_kind (const GtChartData *data)
{
  g_autoptr (GHashTable) by_kind = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < data->projects->len; i++)
    {
      GtChartProject *p = data->projects->pdata[i];
      const char *kind = p->kind != NULL ? p->kind : "";
      GPtrArray *group = g_hash_table_lookup (by_kind, kind);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (by_kind, (gpointer) kind, group);
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group, p);
    }
  g_ptr_array_sort (groups, compare_groups);
  return groups;
}

/* ---- title block ---- */

static char *
format_as_of (const char *today)
{
  int y = 0, m = 0, d = 0;

  if (sscanf (today, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (today);
  /* TRANSLATORS: the date a chart shows the state of; year, month, day */
  return g_strdup_printf (_("As of %d-%02d-%02d"), y, m, d);
}

static void
draw_title_block (GtChartCtx *ctx, double m, double th)
{
  const GtChartData *data = ctx->data;
  cairo_t *cr = ctx->cr;
  double u = ctx->unit;
  double x = m, y = m, w = ctx->width - 2 * m;
  double legend_w = w * 0.46, left_w = w - legend_w - 10 * u;
  g_autofree char *title = NULL;
  g_autofree char *as_of = format_as_of (data->today);
  g_autoptr (GString) line = g_string_new (as_of);
  guint counts[GT_PROJECT_N_STATUS] = { 0 };

  if (ctx->options->title != NULL && *ctx->options->title != '\0')
    title = g_strdup (ctx->options->title);
  else
    /* TRANSLATORS: the chart title, e.g. 挂图作战 · 路线图 */
    title = g_strdup_printf (_("Wall chart · %s"), gt_chart_kind_title (ctx->options->kind));

  /* The red band on top. */
  gt_chart_set_rgb (ctx, &gt_chart_red);
  cairo_rectangle (cr, x, y, w, 3.5 * u);
  cairo_fill (cr);
  y += 6 * u;

  gt_chart_text (ctx, data->township, x, y, left_w, 14 * u, 11 * u, 6 * u, GT_TEXT_LEFT,
                 &gt_chart_grey, 0);
  gt_chart_text (ctx, title, x, y + 14 * u, left_w, 30 * u, 24 * u, 10 * u, GT_TEXT_BOLD,
                 &gt_chart_red, 0);

  for (guint i = 0; i < data->projects->len; i++)
    counts[((GtChartProject *) data->projects->pdata[i])->status]++;
  g_string_append (line, "　");
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects",
                                             data->projects->len),
                          data->projects->len);
  if (data->leader != NULL && *data->leader != '\0')
    {
      g_string_append (line, "　");
      g_string_append_printf (line, _("Responsible leader: %s"), data->leader);
    }
  gt_chart_text (ctx, line->str, x, y + 45 * u, left_w, 13 * u, 10 * u, 5 * u, GT_TEXT_LEFT,
                 &gt_chart_ink, 0);

  /* The legend: 2 × 2 entries, each a swatch and its meaning with the count, all at one
   * size: the largest at which every entry fits (fitted one by one, a long meaning came out
   * smaller than the others). */
  {
    double lx = x + w - legend_w, ly = y + 2 * u, lh = th - 14 * u;
    double ew = legend_w / 2, eh = lh / 2;
    double sw = MIN (eh * 0.5, 10 * u), tw = ew - 11 * u - sw, size = 8.5 * u;
    const GtLegendEntry *entries[4] = { NULL };
    char *texts[4] = { NULL };
    guint n = MIN (data->legend->len, 4);

    for (guint i = 0; i < n; i++)
      {
        /* Order: overdue, at risk, on track, done — the most pressing first. */
        GtProjectStatus s = (GtProjectStatus) (GT_PROJECT_N_STATUS - 1 - i);
        const GtLegendEntry *e = gt_project_legend_lookup (data->legend, s);

        entries[i] = e != NULL ? e : data->legend->pdata[i];
        texts[i] = g_strdup_printf (_("%s (%u)"), entries[i]->meaning, counts[entries[i]->status]);
        size = MIN (size, gt_chart_text_fit (ctx, texts[i], tw, eh, 8.5 * u, 4 * u, FALSE));
      }

    gt_chart_set_rgb (ctx, &gt_chart_rule);
    cairo_set_line_width (cr, 0.6 * u);
    gt_chart_rounded_rect (cr, lx, ly, legend_w, lh, 3 * u);
    cairo_stroke (cr);
    for (guint i = 0; i < n; i++)
      {
        const GtLegendEntry *e = entries[i];
        double ex = lx + (i % 2) * ew, ey = ly + (i / 2) * eh;

        cairo_set_source_rgb (cr, e->r, e->g, e->b);
        cairo_new_path (cr);
        cairo_arc (cr, ex + 5 * u + sw / 2, ey + eh / 2, sw / 2, 0, 2 * G_PI);
        cairo_fill (cr);
        gt_chart_text (ctx, texts[i], ex + 8 * u + sw, ey, tw, eh, size, size, GT_TEXT_LEFT,
                       &gt_chart_ink, 0);
        g_free (texts[i]);
      }
  }

  gt_chart_set_rgb (ctx, &gt_chart_red);
  cairo_set_line_width (cr, 1.0 * u);
  cairo_move_to (cr, x, m + th);
  cairo_line_to (cr, x + w, m + th);
  cairo_stroke (cr);
}

static void
draw_footer (GtChartCtx *ctx, double m)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Guatu · %s · %s"), gt_chart_kind_title (ctx->options->kind),
                          ctx->data->today);
  gt_chart_text (ctx, text, m, ctx->height - m * 0.95, ctx->width - 2 * m, m * 0.7,
                 6.5 * ctx->unit, 3.5, GT_TEXT_RIGHT, &gt_chart_grey, 0);
}

void
gt_chart_draw (cairo_t *cr, const GtChartData *data, const GtChartOptions *options,
               double width, double height, GArray *boxes)
{
  GtChartCtx ctx = { 0 };
  double m, th;

  g_return_if_fail (cr != NULL && data != NULL && options != NULL);
  if (width <= 1 || height <= 1)
    return;

  ctx.cr = cr;
  ctx.data = data;
  ctx.options = options;
  ctx.boxes = boxes;
  ctx.width = width;
  ctx.height = height;
  ctx.unit = sqrt (width * height / (595.276 * 841.89));
  for (guint s = 0; s < GT_PROJECT_N_STATUS; s++)
    {
      const GtLegendEntry *e = gt_project_legend_lookup (data->legend, (GtProjectStatus) s);
      GtRgb fallback = { 0.5, 0.5, 0.5 };
      ctx.status[s] = e != NULL ? (GtRgb) { e->r, e->g, e->b } : fallback;
    }

  ctx.cache = options->cache != NULL ? options->cache : gt_chart_cache_new ();

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_clip_extents (cr, &ctx.clip_x0, &ctx.clip_y0, &ctx.clip_x1, &ctx.clip_y1);
  ctx.raster = !cairo_surface_has_show_text_glyphs (cairo_get_target (cr));
  gt_chart_set_rgb (&ctx, &gt_chart_paper);
  cairo_paint (cr);

  m = 18 * ctx.unit;
  th = 66 * ctx.unit;
  draw_title_block (&ctx, m, th);
  ctx.bx = m;
  ctx.by = m + th + 8 * ctx.unit;
  ctx.bw = width - 2 * m;
  ctx.bh = height - ctx.by - m;

  if (data->projects->len == 0)
    gt_chart_text (&ctx, _("No projects to show"), ctx.bx, ctx.by, ctx.bw, 40 * ctx.unit,
                   16 * ctx.unit, 8, GT_TEXT_CENTER, &gt_chart_grey, 0);
  else
    switch (options->kind)
      {
      case GT_CHART_ROUTE:
        gt_chart_route_draw (&ctx);
        break;
      case GT_CHART_BATTLE:
        gt_chart_battle_draw (&ctx);
        break;
      case GT_CHART_GUIDE:
      default:
        gt_chart_guide_draw (&ctx);
        break;
      }
  draw_footer (&ctx, m);
  cairo_restore (cr);

  if (options->cache == NULL)
    gt_chart_cache_free (ctx.cache);
}
