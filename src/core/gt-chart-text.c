/* gt-chart-text.c — the wall charts' text: shaped once, kept between draws, fitted into
 * its box and drawn
 *
 * A wall chart repeats the same strings (milestone names, village names, numbers) many
 * times, and shaping CJK text is the costly part of a first draw. Each piece of text is
 * shaped once per size by Pango and kept in the GtChartCache with its glyphs and fonts, so
 * that a redraw on a raster surface hands the glyphs straight to cairo_show_glyphs () the
 * way Pango's renderer would, without laying out or walking the layout again. Surfaces
 * that keep the text as text (PDF, SVG, recordings) are drawn through Pango, which also
 * writes the clusters that make the text searchable; the pixels are the same either way
 * (tests/test-chart-cache.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "gt-chart-private.h"

typedef struct
{
  cairo_scaled_font_t *font;
  double x;              /* of the run's origin, from the layout's top left */
  cairo_glyph_t *glyphs; /* x from the run's origin, y from the layout's top */
  int n;
} GlyphRun;

typedef struct
{
  guint32 size_milli; /* the key: size in 1/1000 pt, ellipsized width in 1/100 pt, bold */
  guint32 ellipsize_centi;
  gboolean bold;
  char *text;

  PangoLayout *layout;
  double width, height;
  gboolean runs_made;
  GlyphRun *runs; /* NULL when only Pango can draw it (unknown glyphs) */
  int n_runs;
} CachedText;

struct _GtChartCache
{
  PangoContext *pango;
  PangoFontDescription *font;
  GHashTable *texts;   /* CachedText → itself */
  GHashTable *layouts; /* what → Layout: the last layout computed for it */
};

typedef struct
{
  GArray *key, *value; /* of double */
} Layout;

static void
layout_free (gpointer data)
{
  Layout *l = data;

  g_array_unref (l->key);
  g_array_unref (l->value);
  g_free (l);
}

#define CACHE_LIMIT 50000

static guint
cached_text_hash (gconstpointer key)
{
  const CachedText *t = key;

  return g_str_hash (t->text) ^ (t->size_milli * 2654435761u) ^ (t->ellipsize_centi * 40503u)
         ^ (guint) t->bold;
}

static gboolean
cached_text_equal (gconstpointer a, gconstpointer b)
{
  const CachedText *x = a, *y = b;

  return x->size_milli == y->size_milli && x->ellipsize_centi == y->ellipsize_centi
         && x->bold == y->bold && strcmp (x->text, y->text) == 0;
}

static void
cached_text_free (gpointer data)
{
  CachedText *t = data;

  for (int i = 0; i < t->n_runs; i++)
    {
      cairo_scaled_font_destroy (t->runs[i].font);
      g_free (t->runs[i].glyphs);
    }
  g_free (t->runs);
  g_object_unref (t->layout);
  g_free (t->text);
  g_free (t);
}

GtChartCache *
gt_chart_cache_new (void)
{
  GtChartCache *cache = g_new0 (GtChartCache, 1);
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Text is laid out the same on every surface: 1 pt = 1 unit, no hinting, no rounding. */
  cache->pango = pango_font_map_create_context (map);
  pango_cairo_context_set_resolution (cache->pango, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (cache->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (cache->pango, FALSE);
  cache->font = pango_font_description_from_string (GT_CHART_FONT);
  cache->texts = g_hash_table_new_full (cached_text_hash, cached_text_equal, NULL,
                                        cached_text_free);
  cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, layout_free);
  return cache;
}

void
gt_chart_cache_free (GtChartCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->texts);
  g_hash_table_unref (cache->layouts);
  pango_font_description_free (cache->font);
  g_object_unref (cache->pango);
  g_free (cache);
}

guint
gt_chart_cache_size (GtChartCache *cache)
{
  return g_hash_table_size (cache->texts);
}

const double *
gt_chart_cache_recall (GtChartCache *cache, const char *what, GArray *key, guint *n_values)
{
  Layout *l = g_hash_table_lookup (cache->layouts, what);

  if (l == NULL || l->key->len != key->len
      || memcmp (l->key->data, key->data, key->len * sizeof (double)) != 0)
    return NULL;
  *n_values = l->value->len;
  return (const double *) (void *) l->value->data;
}

void
gt_chart_cache_remember (GtChartCache *cache, const char *what, GArray *key, GArray *value)
{
  Layout *l = g_new0 (Layout, 1);

  l->key = g_array_ref (key);
  l->value = g_array_ref (value);
  g_hash_table_replace (cache->layouts, (gpointer) what, l);
}

/* The shaped @text at @size, ellipsized to @ellipsize points when that is > 0. */
static CachedText *
shape (GtChartCtx *ctx, const char *text, double size, gboolean bold, double ellipsize)
{
  GtChartCache *cache = ctx->cache;
  CachedText key = { (guint32) lround (size * 1000), (guint32) lround (MAX (ellipsize, 0) * 100),
                     bold, (char *) text };
  CachedText *t = g_hash_table_lookup (cache->texts, &key);
  PangoRectangle logical;

  if (t != NULL)
    return t;
  if (g_hash_table_size (cache->texts) >= CACHE_LIMIT)
    g_hash_table_remove_all (cache->texts);

  t = g_new0 (CachedText, 1);
  *t = key;
  t->text = g_strdup (text);
  t->layout = pango_layout_new (cache->pango);
  pango_layout_set_single_paragraph_mode (t->layout, TRUE);
  pango_font_description_set_weight (cache->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (cache->font, size * PANGO_SCALE);
  pango_layout_set_font_description (t->layout, cache->font);
  if (ellipsize > 0)
    {
      pango_layout_set_width (t->layout, (int) (ellipsize * PANGO_SCALE));
      pango_layout_set_ellipsize (t->layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (t->layout, text, -1);
  pango_layout_get_extents (t->layout, NULL, &logical);
  t->width = (double) logical.width / PANGO_SCALE;
  t->height = (double) logical.height / PANGO_SCALE;
  g_hash_table_add (cache->texts, t);
  return t;
}

/* The glyphs of @t's (single) line, placed as pango_renderer_draw_layout () places them. */
static void
make_runs (CachedText *t)
{
  PangoLayoutIter *iter = pango_layout_get_iter (t->layout);
  PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
  PangoRectangle logical;
  int baseline, x_off = 0;
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (GlyphRun));
  gboolean ok = pango_layout_get_line_count (t->layout) == 1;

  t->runs_made = TRUE;
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  baseline = pango_layout_iter_get_baseline (iter);
  pango_layout_iter_free (iter);
  for (GSList *l = line->runs; ok && l != NULL; l = l->next)
    {
      PangoGlyphItem *item = l->data;
      PangoGlyphString *glyphs = item->glyphs;
      GlyphRun run = { 0 };
      int x_position = 0;
      double base_y = (double) baseline / PANGO_SCALE;

      run.font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (item->item->analysis.font));
      /* Vertical text is drawn turned: Pango knows how. */
      if (run.font == NULL
          || (item->item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) != 0)
        {
          ok = FALSE;
          break;
        }
      cairo_scaled_font_reference (run.font);
      run.x = (double) (logical.x + x_off) / PANGO_SCALE;
      run.glyphs = g_new (cairo_glyph_t, glyphs->num_glyphs);
      for (int i = 0; i < glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *gi = &glyphs->glyphs[i];

          if (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            ok = FALSE; /* Pango draws a hex box */
          if (gi->glyph != PANGO_GLYPH_EMPTY)
            {
              run.glyphs[run.n].index = gi->glyph;
              run.glyphs[run.n].x = (double) (x_position + gi->geometry.x_offset) / PANGO_SCALE;
              run.glyphs[run.n].y = gi->geometry.y_offset
                                      ? base_y + (double) gi->geometry.y_offset / PANGO_SCALE
                                      : base_y;
              run.n++;
            }
          x_position += gi->geometry.width;
        }
      x_off += pango_glyph_string_get_width (glyphs);
      g_array_append_val (runs, run);
    }
  if (!ok)
    {
      for (guint i = 0; i < runs->len; i++)
        {
          cairo_scaled_font_destroy (g_array_index (runs, GlyphRun, i).font);
          g_free (g_array_index (runs, GlyphRun, i).glyphs);
        }
      g_array_unref (runs);
      return;
    }
  t->n_runs = (int) runs->len;
  t->runs = (GlyphRun *) (void *) g_array_free (runs, FALSE);
}

static void
show (GtChartCtx *ctx, CachedText *t, double x, double y)
{
  cairo_t *cr = ctx->cr;
  cairo_glyph_t stack[64];

  if (!ctx->raster)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, t->layout);
      cairo_new_path (cr);
      return;
    }
  if (!t->runs_made)
    make_runs (t);
  if (t->runs == NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, t->layout);
      cairo_new_path (cr);
      return;
    }
  /* Pango starts from the current point, which cairo keeps in device space: the same
   * round trip gives the same glyph positions to the last bit. */
  cairo_move_to (cr, x, y);
  cairo_get_current_point (cr, &x, &y);
  cairo_new_path (cr);
  for (int r = 0; r < t->n_runs; r++)
    {
      const GlyphRun *run = &t->runs[r];
      cairo_glyph_t *glyphs = run->n <= (int) G_N_ELEMENTS (stack) ? stack
                                                                   : g_new (cairo_glyph_t, run->n);
      /* The same sums as Pango's renderer, for the same pixels. */
      double base_x = x + run->x;

      for (int i = 0; i < run->n; i++)
        {
          glyphs[i].index = run->glyphs[i].index;
          glyphs[i].x = base_x + run->glyphs[i].x;
          glyphs[i].y = y + run->glyphs[i].y;
        }
      cairo_set_scaled_font (cr, run->font);
      cairo_show_glyphs (cr, glyphs, run->n);
      if (glyphs != stack)
        g_free (glyphs);
    }
}

double
gt_chart_text_width (GtChartCtx *ctx, const char *text, double size, gboolean bold)
{
  return shape (ctx, text, size, bold, 0)->width;
}

double
gt_chart_text_fit (GtChartCtx *ctx, const char *text, double w, double h, double size,
                   double min_size, gboolean bold)
{
  double width, shrunk;

  size = MIN (size, h / 1.15);
  min_size = MIN (min_size, size);
  if (text == NULL || *text == '\0' || w <= 0)
    return size;
  width = shape (ctx, text, size, bold, 0)->width;
  if (width <= w)
    return size;
  /* A little under the proportional size, for the width's rounding; quantised, so that
   * similar boxes share shaped text. */
  shrunk = size * w / width * 0.985;
  return shrunk < size ? MAX (min_size, floor (shrunk * 20) / 20) : size;
}

gboolean
gt_chart_visible (GtChartCtx *ctx, double x, double y, double w, double h)
{
  return x < ctx->clip_x1 && y < ctx->clip_y1 && x + w > ctx->clip_x0 && y + h > ctx->clip_y0;
}

double
gt_chart_text (GtChartCtx *ctx, const char *text, double x, double y, double w, double h,
               double size, double min_size, GtTextFlags flags, const GtRgb *colour,
               gint64 project_id)
{
  gboolean bold = (flags & GT_TEXT_BOLD) != 0;
  CachedText *t;
  double tx, ty;

  if (text == NULL || *text == '\0' || w <= 0 || h <= 0)
    return 0;
  /* The em box must fit the height with a little room. */
  size = MIN (size, h / 1.15);
  if (size < GT_CHART_MIN_FONT * 0.5)
    return 0;

  size = gt_chart_text_fit (ctx, text, w, h, size, min_size, bold);
  t = shape (ctx, text, size, bold, 0);
  if (t->width > w)
    {
      t = shape (ctx, text, size, bold, w);
      if (t->width > w + 0.01)
        return 0; /* not even "…" fits */
    }

  tx = x;
  if (flags & GT_TEXT_CENTER)
    tx = x + (w - t->width) / 2;
  else if (flags & GT_TEXT_RIGHT)
    tx = x + w - t->width;
  ty = y + (h - t->height) / 2;

  /* Text outside the clip (a tile, the part of a zoomed chart in the window) is measured
   * and recorded but not drawn. */
  if (gt_chart_visible (ctx, tx - size, ty - size, t->width + 2 * size, t->height + 2 * size))
    {
      gt_chart_set_rgb (ctx, colour);
      show (ctx, t, tx, ty);
    }

  /* The em box, centred on the line: what the eye reads as the label. */
  ctx->last_text = (GtChartBox) { tx, y + h / 2 - size * 0.5, MIN (t->width, w), size,
                                  GT_CHART_BOX_TEXT, project_id };
  if (!(flags & GT_TEXT_NO_BOX))
    gt_chart_add_box (ctx, ctx->last_text.x, ctx->last_text.y, ctx->last_text.w,
                      ctx->last_text.h, GT_CHART_BOX_TEXT, project_id);
  return t->width;
}
