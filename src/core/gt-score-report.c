/* gt-score-report.c — the points-distribution chart and the A4 reports of points and
 * ratings, drawn once with Cairo and Pango for PDF, PNG and screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gt-file.h"
#include "gt-report.h"
#include "gt-score-report.h"

#define FONT_FAMILY "Noto Sans CJK SC"
#define MARGIN 48.0
#define ROW 17.0
#define TABLE_TOP 118.0
#define CHART_HEIGHT 250.0

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb ink = { 0.13, 0.13, 0.13 };
static const Rgb grey = { 0.45, 0.45, 0.45 };
static const Rgb rule = { 0.75, 0.75, 0.75 };
static const Rgb party_red = { 0.78, 0.06, 0.08 };
static const Rgb grade_colours[] = {
  { 0.78, 0.06, 0.08 }, /* excellent */
  { 0.93, 0.55, 0.13 }, /* good */
  { 0.35, 0.55, 0.80 }, /* pass */
  { 0.45, 0.45, 0.45 }, /* fail */
};
static const char *const grades[] = { "excellent", "good", "pass", "fail" };

static double
text (cairo_t *cr, const char *s, double x, double y, double width, double size, gboolean bold,
      const Rgb *colour, PangoAlignment align)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();
  int w, h;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, s ? s : "", -1);
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static int
grade_index (const char *grade)
{
  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    if (g_strcmp0 (grades[i], grade) == 0)
      return (int) i;
  return -1;
}

GArray *
gt_score_chart_bins (const GtScoreRun *run, double *first, double *bin_width)
{
  GArray *bins = g_array_new (FALSE, TRUE, sizeof (int));
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, step;
  guint n;

  for (guint i = 0; i < run->results->len; i++)
    {
      const GtScoreResult *r = g_ptr_array_index (run->results, i);

      lo = MIN (lo, r->score);
      hi = MAX (hi, r->score);
    }
  if (run->results->len == 0)
    lo = hi = 0;
  /* A round bin width giving at most 16 bins. */
  step = 1;
  while ((hi - lo) / step > 16)
    step = step == 1 ? 2 : step == 2 ? 5 : step * 2;
  lo = floor (lo / step) * step;
  n = (guint) floor ((hi - lo) / step) + 1;
  g_array_set_size (bins, n);
  for (guint i = 0; i < run->results->len; i++)
    {
      const GtScoreResult *r = g_ptr_array_index (run->results, i);
      guint b = MIN (n - 1, (guint) floor ((r->score - lo) / step));

      g_array_index (bins, int, b)++;
    }
  *first = lo;
  *bin_width = step;
  return bins;
}

int
gt_score_chart_axis (int max, int *tick)
{
  static const int mantissas[] = { 1, 2, 5 };
  int step = 1, magnitude = 1;
  guint k = 0;

  /* People are whole numbers: ticks of 1, 2, 5, 10, 20, 50 … and at most 6 intervals, so
   * every gridline carries an exact count and none is rounded to a neighbour's label. */
  max = MAX (max, 1);
  while ((max + step - 1) / step > 6)
    {
      if (++k == G_N_ELEMENTS (mantissas))
        {
          k = 0;
          magnitude *= 10;
        }
      step = mantissas[k] * magnitude;
    }
  if (tick != NULL)
    *tick = step;
  return (max + step - 1) / step * step;
}

void
gt_score_chart_draw (const GtScoreRun *run, cairo_t *cr, double x, double y, double width,
                     double height)
{
  g_autoptr (GArray) bins = NULL;
  g_autofree char *title = NULL;
  double first = 0, step = 1, top = 0, px, py, pw, ph;
  int max = 1, axis, tick = 1;
  const GtScoreResult *sample = run->results->len ? g_ptr_array_index (run->results, 0) : NULL;

  cairo_save (cr);
  bins = gt_score_chart_bins (run, &first, &step);
  for (guint i = 0; i < bins->len; i++)
    max = MAX (max, g_array_index (bins, int, i));
  title = g_strdup_printf (_("Distribution of points, %s (%u)"), run->period, run->results->len);
  top = text (cr, title, x, y, width, 12, TRUE, &ink, PANGO_ALIGN_CENTER) + 8;

  px = x + 36;
  py = y + top;
  pw = width - 44;
  ph = height - top - 40;

  /* axes and horizontal guides, one per tick */
  axis = gt_score_chart_axis (max, &tick);
  cairo_set_line_width (cr, 0.5);
  for (int v = 0; v <= axis; v += tick)
    {
      double gy = py + ph - ph * v / axis;
      g_autofree char *label = g_strdup_printf ("%d", v);

      cairo_set_source_rgb (cr, rule.r, rule.g, rule.b);
      cairo_move_to (cr, px, gy);
      cairo_line_to (cr, px + pw, gy);
      cairo_stroke (cr);
      text (cr, label, x, gy - 6, 30, 8, FALSE, &grey, PANGO_ALIGN_RIGHT);
    }

  /* bars: the colour of the most common grade in the bin */
  for (guint i = 0; i < bins->len; i++)
    {
      int n = g_array_index (bins, int, i), by_grade[4] = { 0 }, best = -1;
      double bw = pw / bins->len, bh = ph * n / axis, lo = first + i * step;
      g_autofree char *label = g_strdup_printf ("%g", lo);

      for (guint k = 0; k < run->results->len; k++)
        {
          const GtScoreResult *r = g_ptr_array_index (run->results, k);
          int g = grade_index (r->grade);

          if (g >= 0 && r->score >= lo && (r->score < lo + step || i == bins->len - 1))
            by_grade[g]++;
        }
      for (int g = 0; g < 4; g++)
        if (by_grade[g] > 0 && (best < 0 || by_grade[g] > by_grade[best]))
          best = g;
      {
        const Rgb *c = best >= 0 ? &grade_colours[best] : &party_red;

        cairo_set_source_rgb (cr, c->r, c->g, c->b);
      }
      cairo_rectangle (cr, px + i * bw + 1, py + ph - bh, bw - 2, bh);
      cairo_fill (cr);
      if (bins->len <= 16)
        text (cr, label, px + i * bw, py + ph + 3, bw, 7.5, FALSE, &grey, PANGO_ALIGN_LEFT);
    }

  /* the grade lines of a member run */
  if (sample != NULL && sample->explanation != NULL &&
      json_object_has_member (json_node_get_object (sample->explanation), "bands"))
    {
      JsonObject *bands = json_object_get_object_member (json_node_get_object (sample->explanation),
                                                         "bands");
      double span = step * bins->len;

      for (int g = 0; g < 3; g++)
        {
          double v = json_object_get_double_member_with_default (bands, grades[g], -1);
          double lx = px + pw * (v - first) / span;

          if (v < first || v > first + span)
            continue;
          cairo_set_source_rgb (cr, grade_colours[g].r, grade_colours[g].g, grade_colours[g].b);
          cairo_set_line_width (cr, 1.2);
          cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
          cairo_move_to (cr, lx, py);
          cairo_line_to (cr, lx, py + ph);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          text (cr, gt_label_score_grade (grades[g]), lx + 2, py, 60, 7.5, FALSE,
                &grade_colours[g], PANGO_ALIGN_LEFT);
        }
    }
  text (cr, _("points"), px, py + ph + 16, pw, 8, FALSE, &grey, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}


static gboolean
finish_surface (cairo_surface_t *surface, GtSafeFile *file, const char *path, GError **error)
{

  return gt_safe_file_finish_surface (file, surface, path, error);
}

gboolean
gt_score_chart_write_png (const GtScoreRun *run, const char *path, int width, int height,
                          GError **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GtSafeFile *file;
  gboolean ok;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gt_score_chart_draw (run, cr, 8, 8, width - 16, height - 16);
  cairo_destroy (cr);
  file = gt_safe_file_open (path, error);
  if (file == NULL)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  ok = gt_safe_file_write_png (file, surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/* Table layout */

#define N_COLUMNS 6

typedef struct
{
  const char *title;
  const char *headers[N_COLUMNS];
  double widths[N_COLUMNS]; /* shares of the table width */
  gboolean chart;
} Layout;

static Layout
layout_for (const GtScoreRun *run)
{
  if (g_strcmp0 (run->kind, "redblack") == 0)
    return (Layout) { N_("Red/black list notice"),
                      { N_("List"), N_("Name"), N_("Organisation"), N_("Points"), N_("Reason"), NULL },
                      { 0.09, 0.14, 0.27, 0.1, 0.4, 0 }, FALSE };
  if (g_strcmp0 (run->kind, "fortress") == 0)
    return (Layout) { N_("Fortress index of the organisations"),
                      { N_("Rank"), N_("Organisation"), N_("Index"), N_("Class"), N_("Grade"), NULL },
                      { 0.1, 0.45, 0.15, 0.15, 0.15, 0 }, FALSE };
  if (g_strcmp0 (run->kind, "stars") == 0)
    return (Layout) { N_("Star ratings"),
                      { N_("Name"), N_("Organisation"), N_("Points"), N_("Stars"), N_("Household stars"), NULL },
                      { 0.16, 0.4, 0.12, 0.14, 0.18, 0 }, FALSE };
  if (g_strcmp0 (run->kind, "link") == 0)
    return (Layout) { N_("Household-link scores"),
                      { N_("Name"), N_("Organisation"), N_("Score"), N_("Result"), NULL, NULL },
                      { 0.18, 0.44, 0.12, 0.26, 0, 0 }, FALSE };
  return (Layout) { N_("Ranking of members' points (亮分)"),
                    { N_("Rank"), N_("Name"), N_("Organisation"), N_("Points"), N_("Grade"), N_("Warning") },
                    { 0.08, 0.14, 0.4, 0.1, 0.14, 0.14 }, TRUE };
}

static char *
stars_text (int n)
{
  GString *s = g_string_new ("");

  for (int i = 0; i < n; i++)
    g_string_append (s, "★");
  return g_string_free (s, FALSE);
}

static void
row_cells (const GtScoreRun *run, const GtScoreResult *r, char *cells[N_COLUMNS])
{
  if (g_strcmp0 (run->kind, "redblack") == 0)
    {
      JsonObject *e = json_node_get_object (r->explanation);
      JsonArray *reasons = json_object_has_member (e, "black_reasons")
                             ? json_object_get_array_member (e, "black_reasons") : NULL;
      GString *why = g_string_new ("");

      for (guint i = 0; reasons != NULL && i < json_array_get_length (reasons); i++)
        g_string_append_printf (why, "%s%s", i ? "；" : "",
                                gt_label_score_item (json_array_get_string_element (reasons, i)));
      if (g_strcmp0 (r->klass, "red") == 0)
        g_string_assign (why, _("闪光之星"));
      cells[0] = g_strdup (gt_label_score_class (r->klass));
      cells[1] = g_strdup (r->name);
      cells[2] = g_strdup (r->org_name);
      cells[3] = g_strdup_printf ("%g", r->score);
      cells[4] = g_string_free (why, FALSE);
    }
  else if (g_strcmp0 (run->kind, "fortress") == 0)
    {
      cells[0] = g_strdup_printf ("%d", r->rank);
      cells[1] = g_strdup (r->name);
      cells[2] = g_strdup_printf ("%.2f", r->score);
      cells[3] = g_strdup (gt_label_score_class (r->klass));
      cells[4] = g_strdup (gt_label_score_grade (r->grade));
    }
  else if (g_strcmp0 (run->kind, "stars") == 0)
    {
      cells[0] = g_strdup (r->name);
      cells[1] = g_strdup (r->org_name);
      cells[2] = g_strdup_printf ("%g", r->score);
      cells[3] = stars_text (r->stars);
      cells[4] = stars_text (r->household_stars);
    }
  else if (g_strcmp0 (run->kind, "link") == 0)
    {
      cells[0] = g_strdup (r->name);
      cells[1] = g_strdup (r->org_name);
      cells[2] = g_strdup_printf ("%g", r->score);
      cells[3] = g_strdup (r->warning ? _("below the line: 整转") : "");
    }
  else
    {
      cells[0] = g_strdup_printf ("%d", r->rank);
      cells[1] = g_strdup (r->name);
      cells[2] = g_strdup (r->org_name);
      cells[3] = g_strdup_printf ("%g", r->score);
      cells[4] = g_strdup (gt_label_score_grade (r->grade));
      cells[5] = g_strdup (r->warning ? _("末位警示") : "");
    }
}

static guint
rows_on_page (const Layout *layout, int page)
{
  double top = TABLE_TOP + ROW + ((page == 0 && layout->chart) ? CHART_HEIGHT : 0);

  return (guint) floor ((GT_SCORE_PAGE_HEIGHT - MARGIN - 24 - top) / ROW);
}

int
gt_score_report_n_pages (const GtScoreRun *run)
{
  Layout layout = layout_for (run);
  guint done = 0;
  int pages = 0;

  do
    done += rows_on_page (&layout, pages++);
  while (done < run->results->len);
  return pages;
}

static void
draw_page (const GtScoreRun *run, const char *office, cairo_t *cr, int page, int n_pages,
           guint *next)
{
  Layout layout = layout_for (run);
  double width = GT_SCORE_PAGE_WIDTH - 2 * MARGIN, y, x;
  guint n = rows_on_page (&layout, page);
  g_autofree char *subtitle = NULL, *footer = NULL;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  text (cr, office, MARGIN, MARGIN - 8, width, 11, FALSE, &grey, PANGO_ALIGN_CENTER);
  text (cr, _(layout.title), MARGIN, MARGIN + 10, width, 18, TRUE, &party_red, PANGO_ALIGN_CENTER);
  subtitle = g_strdup_printf (run->published ? _("Period %s · rules version %d · published %s")
                                             : _("Period %s · rules version %d · computed %s, not published"),
                              run->period, (int) run->rule_version,
                              run->published ? run->published_at : run->created);
  text (cr, subtitle, MARGIN, MARGIN + 40, width, 9, FALSE, &grey, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, party_red.r, party_red.g, party_red.b);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, MARGIN, MARGIN + 58);
  cairo_line_to (cr, MARGIN + width, MARGIN + 58);
  cairo_stroke (cr);

  y = TABLE_TOP;
  if (page == 0 && layout.chart)
    {
      gt_score_chart_draw (run, cr, MARGIN, y, width, CHART_HEIGHT - 12);
      y += CHART_HEIGHT;
    }
  x = MARGIN;
  for (int c = 0; c < N_COLUMNS && layout.headers[c]; c++)
    {
      text (cr, _(layout.headers[c]), x + 2, y + 2, layout.widths[c] * width - 4, 9, TRUE, &ink,
            PANGO_ALIGN_LEFT);
      x += layout.widths[c] * width;
    }
  y += ROW;
  cairo_set_source_rgb (cr, ink.r, ink.g, ink.b);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, MARGIN + width, y);
  cairo_stroke (cr);

  for (guint i = 0; i < n && *next < run->results->len; i++, (*next)++)
    {
      const GtScoreResult *r = g_ptr_array_index (run->results, *next);
      char *cells[N_COLUMNS] = { NULL };
      const Rgb *colour = (r->warning || g_strcmp0 (r->klass, "black") == 0 ||
                           g_strcmp0 (r->klass, "lagging") == 0) ? &party_red : &ink;

      row_cells (run, r, cells);
      x = MARGIN;
      for (int c = 0; c < N_COLUMNS && layout.headers[c]; c++)
        {
          text (cr, cells[c], x + 2, y + 3, layout.widths[c] * width - 4, 8.5, FALSE, colour,
                PANGO_ALIGN_LEFT);
          x += layout.widths[c] * width;
        }
      for (int c = 0; c < N_COLUMNS; c++)
        g_free (cells[c]);
      y += ROW;
      cairo_set_source_rgb (cr, rule.r, rule.g, rule.b);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, MARGIN, y);
      cairo_line_to (cr, MARGIN + width, y);
      cairo_stroke (cr);
    }
  footer = g_strdup_printf (_("Page %d of %d"), page + 1, n_pages);
  text (cr, footer, MARGIN, GT_SCORE_PAGE_HEIGHT - MARGIN, width, 8, FALSE, &grey,
        PANGO_ALIGN_CENTER);
}

gboolean
gt_score_report_write_pdf (const GtScoreRun *run, const char *office, const char *path,
                           GError **error)
{
  Layout layout = layout_for (run);
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  GtSafeFile *file;
  cairo_t *cr;
  int n_pages = gt_score_report_n_pages (run);
  guint next = 0;

  file = gt_safe_file_open (path, error);
  if (file == NULL)
    return FALSE;
  title = g_strdup_printf ("%s · %s", _(layout.title), run->period);
  surface = gt_safe_file_pdf_surface (file, GT_SCORE_PAGE_WIDTH, GT_SCORE_PAGE_HEIGHT, title);
  cr = cairo_create (surface);
  for (int page = 0; page < n_pages; page++)
    {
      draw_page (run, office ? office : "", cr, page, n_pages, &next);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  return finish_surface (surface, file, path, error);
}

GtReport *
gt_score_report_table (GtStorage *storage, const char *kind, const char *period_text,
                       GError **error)
{
  g_autoptr (GtScoreRules) rules = NULL;
  g_autoptr (GtScoreRun) run = NULL;
  g_autofree char *subtitle = NULL;
  GtReport *report;
  GtScorePeriod period;
  Layout layout;
  int n_columns = 0;

  if (!gt_score_period_parse (period_text, &period, error))
    return NULL;
  rules = gt_score_rules_load_current (storage, error);
  run = rules ? gt_score_compute (storage, rules, kind, &period, error) : NULL;
  if (run == NULL)
    return NULL;
  layout = layout_for (run);
  subtitle = g_strdup_printf (_("Period %s · rules version %d · computed %s, not published"),
                              run->period, (int) run->rule_version, run->created);
  report = gt_report_new (_(layout.title), subtitle);
  for (int c = 0; c < N_COLUMNS && layout.headers[c]; c++, n_columns++)
    gt_report_add_column (report, _(layout.headers[c]), layout.widths[c] * 10, PANGO_ALIGN_LEFT);
  for (guint i = 0; i < run->results->len; i++)
    {
      const GtScoreResult *r = g_ptr_array_index (run->results, i);
      char *cells[N_COLUMNS] = { NULL };
      const char *colours[N_COLUMNS] = { NULL };
      gboolean marked = r->warning || g_strcmp0 (r->klass, "black") == 0 ||
                        g_strcmp0 (r->klass, "lagging") == 0;

      row_cells (run, r, cells);
      for (int c = 0; c < n_columns; c++)
        colours[c] = marked ? "#f6d5d5" : NULL;
      gt_report_add_row (report, (const char *const *) cells, marked ? colours : NULL);
      for (int c = 0; c < N_COLUMNS; c++)
        g_free (cells[c]);
    }
  return report;
}
