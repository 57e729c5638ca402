/* gt-chart-battle.c — 作战图: the township's villages as a schematic map, each project a
 * numbered marker in its status colour, and a side table of number, name, leader, cadre and
 * next node
 *
 * Villages with a map position (villages.map_x/map_y, 0 … 1) are placed there, the others
 * around the town centre; overlapping village boxes are pushed apart until none overlaps,
 * shrinking the markers when the map is too full. An optional PNG (or SVG, when built with
 * librsvg) is drawn faintly behind the map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#ifdef HAVE_RSVG
#include <librsvg/rsvg.h>
#endif

#include "gt-chart-private.h"

typedef struct
{
  gint64 village_id;   /* 0 for the township-wide group */
  const char *name;
  GPtrArray *projects; /* unowned GtChartProject */
  double tx, ty;       /* target centre */
  double x, y, w, h;   /* placed box */
  gboolean town;       /* the township-wide group */
} Group;

typedef struct
{
  const GtChartProject *p;
  double cx, cy, radius;
} Marker;

typedef struct
{
  GtChartCtx *ctx;
  GArray *groups;  /* Group */
  GArray *markers; /* Marker: added, not drawn yet */
  double mx, my, mw, mh;
  double cell;    /* marker cell size */
  double head;    /* village name strip height */
  double pad;
} Battle;

/* ---- groups ---- */

/* More villages than this: only those with projects get a box. */
#define MAX_EMPTY_VILLAGES 40
/* Pushing boxes apart compares every pair, 400 rounds in up to 30 sizes: past this many
 * boxes (a prefecture's villages) they are packed in rows in map order instead. */
#define MAX_RELAXED_GROUPS 80

static void
make_groups (Battle *b)
{
  const GtChartData *data = b->ctx->data;
  g_autoptr (GHashTable) by_village = g_hash_table_new (g_int64_hash, g_int64_equal);
  Group town = { 0, _("Township-wide"), g_ptr_array_new (), 0.5, 0.5, 0, 0, 0, 0, TRUE };
  guint n_unplaced = 0, k = 0;

  b->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  for (guint i = 0; i < data->villages->len; i++)
    {
      GtChartVillage *v = data->villages->pdata[i];
      Group g = { v->id, v->name, g_ptr_array_new (), v->x, v->y, 0, 0, 0, 0, FALSE };
      if (!v->has_position)
        n_unplaced++;
      g_array_append_val (b->groups, g);
    }
  for (guint i = 0; i < data->villages->len; i++)
    {
      GtChartVillage *v = data->villages->pdata[i];
      Group *g = &g_array_index (b->groups, Group, i);
      g_hash_table_insert (by_village, &v->id, g);
      /* Villages without a position go round the centre, in name order. */
      if (!v->has_position)
        {
          double a = 2 * G_PI * (k + 0.5) / MAX (n_unplaced, 1) - G_PI / 2;
          g->tx = 0.5 + 0.36 * cos (a);
          g->ty = 0.5 + 0.36 * sin (a);
          k++;
        }
    }
  for (guint i = 0; i < data->projects->len; i++)
    {
      GtChartProject *p = data->projects->pdata[i];
      Group *g = p->village_id != 0 ? g_hash_table_lookup (by_village, &p->village_id) : NULL;
      g_ptr_array_add (g != NULL ? g->projects : town.projects, p);
    }
  /* A county's or prefecture's map of hundreds of villages shows those with projects. */
  if (b->groups->len > MAX_EMPTY_VILLAGES)
    for (guint i = b->groups->len; i-- > 0;)
      if (g_array_index (b->groups, Group, i).projects->len == 0)
        {
          g_ptr_array_unref (g_array_index (b->groups, Group, i).projects);
          g_array_remove_index (b->groups, i);
        }
  if (town.projects->len > 0)
    g_array_append_val (b->groups, town);
  else
    g_ptr_array_unref (town.projects);
}

static void
free_groups (Battle *b)
{
  for (guint i = 0; i < b->groups->len; i++)
    g_ptr_array_unref (g_array_index (b->groups, Group, i).projects);
  g_array_unref (b->groups);
}

/* ---- placing the village boxes ---- */

static void
grid_of (guint n, guint *cols, guint *rows)
{
  n = MAX (n, 1);
  *cols = (guint) ceil (sqrt (n * 1.5));
  *rows = (n + *cols - 1) / *cols;
}

static void
size_groups (Battle *b)
{
  b->head = MAX (b->cell * 0.9, GT_CHART_MIN_FONT * 1.6);
  b->pad = b->cell * 0.2;
  for (guint i = 0; i < b->groups->len; i++)
    {
      Group *g = &g_array_index (b->groups, Group, i);
      guint cols, rows;

      grid_of (g->projects->len, &cols, &rows);
      g->w = MAX (cols * b->cell, b->cell * 3) + 2 * b->pad;
      g->h = rows * b->cell + b->head + 2 * b->pad;
    }
}

static gboolean
overlaps (const Group *p, const Group *q, double gap, double *dx, double *dy)
{
  double ox = MIN (p->x + p->w, q->x + q->w) - MAX (p->x, q->x) + gap;
  double oy = MIN (p->y + p->h, q->y + q->h) - MAX (p->y, q->y) + gap;

  if (ox <= 0 || oy <= 0)
    return FALSE;
  *dx = ox;
  *dy = oy;
  return TRUE;
}

static void
clamp_group (Battle *b, Group *g)
{
  g->x = CLAMP (g->x, b->mx, b->mx + b->mw - g->w);
  g->y = CLAMP (g->y, b->my, b->my + b->mh - g->h);
}

/* Pushes overlapping boxes apart; TRUE when none overlaps and all are inside the map. */
static gboolean
relax (Battle *b)
{
  double gap = b->cell * 0.3;
  guint n = b->groups->len;

  for (guint i = 0; i < n; i++)
    {
      Group *g = &g_array_index (b->groups, Group, i);
      if (g->w > b->mw || g->h > b->mh)
        return FALSE;
      g->x = b->mx + g->tx * b->mw - g->w / 2;
      g->y = b->my + g->ty * b->mh - g->h / 2;
      clamp_group (b, g);
    }
  for (int iter = 0; iter < 400; iter++)
    {
      gboolean moved = FALSE;

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            Group *p = &g_array_index (b->groups, Group, i);
            Group *q = &g_array_index (b->groups, Group, j);
            double dx, dy;

            if (!overlaps (p, q, gap, &dx, &dy))
              continue;
            moved = TRUE;
            /* Along the axis that needs the smaller move; ties broken by index. */
            if (dx / b->mw < dy / b->mh)
              {
                double s = (p->x + p->w / 2 <= q->x + q->w / 2) ? 1 : -1;
                p->x -= s * dx / 2 * 1.05;
                q->x += s * dx / 2 * 1.05;
              }
            else
              {
                double s = (p->y + p->h / 2 <= q->y + q->h / 2) ? 1 : -1;
                p->y -= s * dy / 2 * 1.05;
                q->y += s * dy / 2 * 1.05;
              }
            clamp_group (b, p);
            clamp_group (b, q);
          }
      if (!moved)
        return TRUE;
    }
  return FALSE;
}

static gint
by_target (gconstpointer a, gconstpointer b, gpointer data)
{
  const Group *ga = &g_array_index ((GArray *) data, Group, *(const guint *) a);
  const Group *gb = &g_array_index ((GArray *) data, Group, *(const guint *) b);
  /* in bands of a tenth of the map's height, then left to right */
  int ra = (int) (ga->ty * 10), rb = (int) (gb->ty * 10);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return ga->tx < gb->tx ? -1 : ga->tx > gb->tx ? 1 : 0;
}

/* Rows of boxes, left to right, top to bottom roughly where they belong on the map: always
 * works once the cells are small enough. */
static gboolean
shelf_pack (Battle *b)
{
  double gap = b->cell * 0.3, x = b->mx, y = b->my, row_h = 0;
  g_autoptr (GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), b->groups->len);

  for (guint i = 0; i < b->groups->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, by_target, b->groups);
  for (guint k = 0; k < order->len; k++)
    {
      Group *g = &g_array_index (b->groups, Group, g_array_index (order, guint, k));

      if (x + g->w > b->mx + b->mw)
        {
          x = b->mx;
          y += row_h + gap;
          row_h = 0;
        }
      if (g->w > b->mw || y + g->h > b->my + b->mh)
        return FALSE;
      g->x = x;
      g->y = y;
      x += g->w + gap;
      row_h = MAX (row_h, g->h);
    }
  return TRUE;
}

static void place_groups_afresh (Battle *b);

/* Placing the boxes takes many rounds of pushing them apart: a redraw of the same map at the
 * same size takes the places from the cache. */
static void
place_groups (Battle *b)
{
  GtChartCache *cache = b->ctx->cache;
  g_autoptr (GArray) key = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) value = NULL;
  const double *known;
  double head[] = { b->mx, b->my, b->mw, b->mh, b->ctx->unit };
  guint n = 0;

  g_array_append_vals (key, head, G_N_ELEMENTS (head));
  for (guint i = 0; i < b->groups->len; i++)
    {
      const Group *g = &g_array_index (b->groups, Group, i);
      double inputs[] = { g->tx, g->ty, g->projects->len, g->village_id, g->town };
      g_array_append_vals (key, inputs, G_N_ELEMENTS (inputs));
    }
  known = gt_chart_cache_recall (cache, "battle-places", key, &n);
  if (known != NULL && n == 1 + 2 * b->groups->len)
    {
      b->cell = known[0];
      size_groups (b);
      for (guint i = 0; i < b->groups->len; i++)
        {
          g_array_index (b->groups, Group, i).x = known[1 + 2 * i];
          g_array_index (b->groups, Group, i).y = known[2 + 2 * i];
        }
      return;
    }
  place_groups_afresh (b);
  value = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (value, b->cell);
  for (guint i = 0; i < b->groups->len; i++)
    {
      const Group *g = &g_array_index (b->groups, Group, i);
      g_array_append_val (value, g->x);
      g_array_append_val (value, g->y);
    }
  gt_chart_cache_remember (cache, "battle-places", key, value);
}

static void
place_groups_afresh (Battle *b)
{
  double area = 0;
  guint n_markers = 0;

  for (guint i = 0; i < b->groups->len; i++)
    n_markers += MAX (3u, g_array_index (b->groups, Group, i).projects->len) + 2;
  area = b->mw * b->mh;
  /* Markers and headers should cover at most about a third of the map. */
  b->cell = MIN (30 * b->ctx->unit, sqrt (area * 0.33 / MAX (n_markers, 1)));
  for (int attempt = 0; attempt < 30 && b->groups->len <= MAX_RELAXED_GROUPS; attempt++)
    {
      size_groups (b);
      if (relax (b))
        return;
      b->cell *= 0.92;
    }
  while (b->cell > 0.5)
    {
      size_groups (b);
      if (shelf_pack (b))
        return;
      b->cell *= 0.9;
    }
}

/* ---- drawing ---- */

static gboolean
is_light (const GtRgb *c)
{
  return 0.299 * c->r + 0.587 * c->g + 0.114 * c->b > 0.62;
}

/* A project's marker: a disc in its status colour with a white rim and its number. */
static void
add_marker (Battle *b, const GtChartProject *p, double cx, double cy, double radius,
            gboolean record)
{
  Marker m = { p, cx, cy, radius };

  if (record)
    {
      gt_chart_add_box (b->ctx, cx - radius, cy - radius, 2 * radius, 2 * radius,
                        GT_CHART_BOX_MARKER, p->id);
      gt_chart_add_box (b->ctx, cx - radius, cy - radius, 2 * radius, 2 * radius,
                        GT_CHART_BOX_HIT, p->id);
    }
  if (gt_chart_visible (b->ctx, cx - radius * 1.1, cy - radius * 1.1, radius * 2.2, radius * 2.2))
    g_array_append_val (b->markers, m);
}

/* Draws the markers added since the last call. Markers never overlap, so they are filled
 * together: one path of white discs for the rims, then one path per status colour (a fill
 * per marker, or a stroke round each, costs many times as much), then the numbers. */
static void
draw_markers (Battle *b)
{
  GtChartCtx *ctx = b->ctx;
  cairo_t *cr = ctx->cr;
  static const GtRgb white = { 1, 1, 1 };

  if (b->markers->len == 0)
    return;
  cairo_new_path (cr);
  for (guint i = 0; i < b->markers->len; i++)
    {
      const Marker *m = &g_array_index (b->markers, Marker, i);
      cairo_new_sub_path (cr);
      cairo_arc (cr, m->cx, m->cy, m->radius * 1.06, 0, 2 * G_PI);
    }
  gt_chart_set_rgb (ctx, &white);
  cairo_fill (cr);
  for (int s = 0; s < GT_PROJECT_N_STATUS; s++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < b->markers->len; i++)
        {
          const Marker *m = &g_array_index (b->markers, Marker, i);
          if ((int) m->p->status != s)
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, m->cx, m->cy, m->radius * 0.94, 0, 2 * G_PI);
          any = TRUE;
        }
      if (any)
        {
          gt_chart_set_rgb (ctx, gt_chart_status_rgb (ctx, (GtProjectStatus) s));
          cairo_fill (cr);
        }
    }
  for (guint i = 0; i < b->markers->len; i++)
    {
      const Marker *m = &g_array_index (b->markers, Marker, i);
      const GtRgb *colour = gt_chart_status_rgb (ctx, m->p->status);
      char number[16];

      g_snprintf (number, sizeof number, "%d", m->p->seq);
      gt_chart_text (ctx, number, m->cx - m->radius * 0.8, m->cy - m->radius * 0.8,
                     m->radius * 1.6, m->radius * 1.6, m->radius * 1.05, GT_CHART_MIN_FONT * 0.6,
                     GT_TEXT_CENTER | GT_TEXT_BOLD | GT_TEXT_NO_BOX,
                     is_light (colour) ? &gt_chart_ink : &white, m->p->id);
    }
  g_array_set_size (b->markers, 0);
}

static void
draw_background (Battle *b)
{
  GtChartCtx *ctx = b->ctx;
  const char *path = ctx->options->background;
  cairo_surface_t *image = NULL;
  double iw = 0, ih = 0;

  if (path == NULL || *path == '\0')
    return;
  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    {
      image = cairo_image_surface_create_from_png (path);
      if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (image);
          return;
        }
      iw = cairo_image_surface_get_width (image);
      ih = cairo_image_surface_get_height (image);
    }
#ifdef HAVE_RSVG
  else
    {
      RsvgHandle *svg = rsvg_handle_new_from_file (path, NULL);
      double sw = 0, sh = 0;
      RsvgRectangle viewport;

      if (svg == NULL)
        return;
      if (!rsvg_handle_get_intrinsic_size_in_pixels (svg, &sw, &sh) || sw <= 0 || sh <= 0)
        sw = b->mw, sh = b->mh;
      {
        double s = MIN (b->mw / sw, b->mh / sh);
        viewport.width = sw * s;
        viewport.height = sh * s;
        viewport.x = b->mx + (b->mw - viewport.width) / 2;
        viewport.y = b->my + (b->mh - viewport.height) / 2;
      }
      cairo_save (ctx->cr);
      cairo_push_group (ctx->cr);
      rsvg_handle_render_document (svg, ctx->cr, &viewport, NULL);
      cairo_pop_group_to_source (ctx->cr);
      cairo_paint_with_alpha (ctx->cr, 0.35);
      cairo_restore (ctx->cr);
      g_object_unref (svg);
      return;
    }
#endif
  if (image == NULL)
    return;
  {
    double s = MIN (b->mw / iw, b->mh / ih);
    cairo_save (ctx->cr);
    cairo_translate (ctx->cr, b->mx + (b->mw - iw * s) / 2, b->my + (b->mh - ih * s) / 2);
    cairo_scale (ctx->cr, s, s);
    cairo_set_source_surface (ctx->cr, image, 0, 0);
    cairo_paint_with_alpha (ctx->cr, 0.35);
    cairo_restore (ctx->cr);
  }
  cairo_surface_destroy (image);
}

static void
draw_map (Battle *b)
{
  GtChartCtx *ctx = b->ctx;
  cairo_t *cr = ctx->cr;
  double u = ctx->unit;
  const Group *town = NULL;
  GtRgb land = { 0.97, 0.96, 0.93 };

  gt_chart_add_box (ctx, b->mx, b->my, b->mw, b->mh, GT_CHART_BOX_MAP, 0);
  gt_chart_set_rgb (ctx, &land);
  cairo_rectangle (cr, b->mx, b->my, b->mw, b->mh);
  cairo_fill (cr);
  draw_background (b);
  gt_chart_set_rgb (ctx, &gt_chart_rule);
  cairo_set_line_width (cr, 0.8 * u);
  cairo_rectangle (cr, b->mx, b->my, b->mw, b->mh);
  cairo_stroke (cr);

  /* Roads from the town centre to every village. */
  for (guint i = 0; i < b->groups->len; i++)
    if (g_array_index (b->groups, Group, i).town)
      town = &g_array_index (b->groups, Group, i);
  {
    double cx = town != NULL ? town->x + town->w / 2 : b->mx + b->mw / 2;
    double cy = town != NULL ? town->y + town->h / 2 : b->my + b->mh / 2;

    cairo_set_source_rgb (cr, 0.86, 0.83, 0.76);
    cairo_set_line_width (cr, MAX (1.0, b->cell * 0.16));
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
    for (guint i = 0; i < b->groups->len; i++)
      {
        const Group *g = &g_array_index (b->groups, Group, i);
        if (g->town)
          continue;
        cairo_move_to (cr, cx, cy);
        cairo_line_to (cr, g->x + g->w / 2, g->y + g->h / 2);
      }
    cairo_stroke (cr);
  }

  for (guint i = 0; i < b->groups->len; i++)
    {
      const Group *g = &g_array_index (b->groups, Group, i);
      GtRgb fill = g->town ? gt_rgb_tint (&gt_chart_red, 0.9) : (GtRgb) { 1, 1, 1 };
      g_autofree char *title = g_strdup_printf ("%s (%u)", g->name, g->projects->len);
      guint cols, rows;

      if (!g->town)
        gt_chart_add_box (ctx, g->x, g->y, g->w, g->h, GT_CHART_BOX_VILLAGE, g->village_id);
      gt_chart_set_rgb (ctx, &fill);
      gt_chart_rounded_rect (cr, g->x, g->y, g->w, g->h, b->cell * 0.25);
      cairo_fill_preserve (cr);
      gt_chart_set_rgb (ctx, g->town ? &gt_chart_red : &gt_chart_grey);
      cairo_set_line_width (cr, MAX (0.4, b->cell * 0.05));
      cairo_stroke (cr);
      gt_chart_text (ctx, title, g->x + b->pad, g->y + b->pad * 0.5, g->w - 2 * b->pad, b->head,
                     b->head * 0.62, GT_CHART_MIN_FONT, GT_TEXT_CENTER | GT_TEXT_BOLD,
                     g->town ? &gt_chart_red : &gt_chart_ink, 0);

      grid_of (g->projects->len, &cols, &rows);
      for (guint k = 0; k < g->projects->len; k++)
        {
          double cx = g->x + b->pad + (k % cols + 0.5) * b->cell;
          double cy = g->y + b->pad + b->head + (k / cols + 0.5) * b->cell;
          add_marker (b, g->projects->pdata[k], cx, cy, b->cell * 0.42, TRUE);
        }
      draw_markers (b);
    }

  /* North arrow. */
  {
    double s = MIN (14 * u, b->mh * 0.05), ax = b->mx + b->mw - s * 1.2, ay = b->my + s * 0.4;
    gt_chart_set_rgb (ctx, &gt_chart_grey);
    cairo_move_to (cr, ax, ay);
    cairo_line_to (cr, ax + s * 0.35, ay + s);
    cairo_line_to (cr, ax, ay + s * 0.75);
    cairo_line_to (cr, ax - s * 0.35, ay + s);
    cairo_close_path (cr);
    cairo_fill (cr);
  }
}

/* ---- the side table ---- */

static const double table_cols[] = { 0.07, 0.15, 0.33, 0.12, 0.12, 0.21 };

static void
table_row (Battle *b, const GtChartProject *p, double x, double y, double w, double h)
{
  GtChartCtx *ctx = b->ctx;
  /* One size for the whole table: a name of 13 characters and a name of a person fit. */
  double size = MIN (h * 0.6, MIN (w * table_cols[2] / 13.5, (w * table_cols[3] - h * 0.3) / 3.4));
  double cx = x;
  const char *texts[6] = { NULL };
  g_autofree char *next = NULL;

  if (p == NULL)
    {
      static const char *const heads[] = { N_("No."), N_("Number"), N_("Project"),
                                           N_("Leader"), N_("Cadre"), N_("Next node") };
      GtRgb band = gt_rgb_tint (&gt_chart_red, 0.85);
      gt_chart_set_rgb (ctx, &band);
      cairo_rectangle (ctx->cr, x, y, w, h);
      cairo_fill (ctx->cr);
      for (guint i = 0; i < G_N_ELEMENTS (table_cols); i++)
        {
          double cw = w * table_cols[i];
          gt_chart_text (ctx, _(heads[i]), cx + h * 0.15, y, cw - h * 0.3, h, size,
                         GT_CHART_MIN_FONT, GT_TEXT_BOLD, &gt_chart_red, 0);
          cx += cw;
        }
      return;
    }

  if (p->seq % 2 == 0)
    {
      cairo_set_source_rgb (ctx->cr, 0.965, 0.965, 0.965);
      cairo_rectangle (ctx->cr, x, y, w, h);
      cairo_fill (ctx->cr);
    }
  if (p->status == GT_PROJECT_STATUS_DONE)
    next = g_strdup (_("Ticked off"));
  else if (p->next_node != NULL)
    {
      int yy, mm = 0, dd = 0;
      if (p->next_date != NULL && sscanf (p->next_date, "%d-%d-%d", &yy, &mm, &dd) == 3)
        /* TRANSLATORS: next milestone and its planned month/day */
        next = g_strdup_printf (_("%s %d/%d"), p->next_node, mm, dd);
      else
        next = g_strdup (p->next_node);
    }
  texts[1] = p->number;
  texts[2] = p->name;
  texts[3] = p->leader;
  texts[4] = p->cadre;
  texts[5] = next;

  add_marker (b, p, x + h * 0.55, y + h / 2, h * 0.42, FALSE);
  cx += w * table_cols[0];
  for (guint i = 1; i < G_N_ELEMENTS (table_cols); i++)
    {
      double cw = w * table_cols[i];
      gt_chart_text (ctx, texts[i], cx + h * 0.15, y, cw - h * 0.3, h, size,
                     MAX (size * 0.85, GT_CHART_MIN_FONT), GT_TEXT_LEFT, i == 5 ? gt_chart_status_rgb (ctx, p->status) : &gt_chart_ink,
                     p->id);
      cx += cw;
    }
  gt_chart_add_box (ctx, x, y, w, h, GT_CHART_BOX_HIT, p->id);
}

static void
draw_table (Battle *b, double tx, double ty, double tw, double th)
{
  GtChartCtx *ctx = b->ctx;
  guint n = ctx->data->projects->len;
  GtChartFlow f = gt_chart_flow (tw, th, n, 1, 1.0, 36, 20 * ctx->unit, 8 * ctx->unit);
  int per_column = MAX (1, (int) floor (th / f.row) - 1);
  int columns = (int) ((n + per_column - 1) / per_column);

  /* Rows are rounded down to whole rows: use more columns if needed, narrower rows. */
  while (columns > f.columns && f.row > 1)
    {
      f.row *= 0.97;
      per_column = MAX (1, (int) floor (th / f.row) - 1);
      columns = (int) ((n + per_column - 1) / per_column);
    }
  for (int c = 0; c < columns; c++)
    {
      double cx = tx + c * (f.column_width + f.gap);
      table_row (b, NULL, cx, ty, f.column_width, f.row);
      for (int r = 0; r < per_column; r++)
        {
          guint i = (guint) (c * per_column + r);
          if (i >= n)
            break;
          table_row (b, ctx->data->projects->pdata[i], cx, ty + (r + 1) * f.row, f.column_width,
                     f.row);
        }
    }
  draw_markers (b);
}

void
gt_chart_battle_draw (GtChartCtx *ctx)
{
  Battle b = { ctx };
  g_autoptr (GArray) markers = g_array_new (FALSE, FALSE, sizeof (Marker));
  guint n = ctx->data->projects->len;
  double table_frac = CLAMP (0.36 + n / 2500.0, 0.36, 0.62);
  double gap = 10 * ctx->unit;

  b.markers = markers;

  if (ctx->bw > ctx->bh * 1.05)
    {
      b.mx = ctx->bx, b.my = ctx->by, b.mh = ctx->bh;
      b.mw = ctx->bw * (1 - table_frac) - gap / 2;
      draw_table (&b, b.mx + b.mw + gap, ctx->by, ctx->bw - b.mw - gap, ctx->bh);
    }
  else
    {
      b.mx = ctx->bx, b.my = ctx->by, b.mw = ctx->bw;
      b.mh = ctx->bh * (1 - table_frac) - gap / 2;
      draw_table (&b, ctx->bx, b.my + b.mh + gap, ctx->bw, ctx->bh - b.mh - gap);
    }
  make_groups (&b);
  place_groups (&b);
  draw_map (&b);
  free_groups (&b);
}
