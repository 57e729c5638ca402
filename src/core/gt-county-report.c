/* gt-county-report.c — the roll-up's columns, and the county summary drawn with Cairo/Pango
 *
 * Pagination is done once, in gt_county_report_new (): every item (table row, the missing
 * line, the ranking) gets its page and its top, so the printed pages and the PDF break at the
 * same places. Only the missing line is measured (it wraps); rows have fixed heights.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gt-county-report.h"
#include "gt-file.h"
#include "gt-report.h"

/* ---- the columns ---- */

static char *
code_text (const GtCountyTownship *t)
{
  return g_strdup (t->code);
}

static char *
name_text (const GtCountyTownship *t)
{
  return g_strdup (t->name != NULL && *t->name != '\0' ? t->name : t->code);
}

static gboolean
reported_value (const GtCountyTownship *t, gint64 *value)
{
  *value = t->reported;
  return TRUE;
}

static char *
reported_text (const GtCountyTownship *t)
{
  return g_strdup (t->reported ? C_("county report", "Reported")
                                : C_("county report", "Missing"));
}

static char *
last_text (const GtCountyTownship *t)
{
  return g_strdup (t->last_period != NULL && *t->last_period != '\0' ? t->last_period : "—");
}

#define COUNT_VALUE(field)                                                                    \
  static gboolean field##_value (const GtCountyTownship *t, gint64 *value)                    \
  {                                                                                           \
    *value = t->field;                                                                        \
    return TRUE;                                                                              \
  }
COUNT_VALUE (organizations)
COUNT_VALUE (branches)
COUNT_VALUE (members)
COUNT_VALUE (households)
COUNT_VALUE (projects)

static char *
members_text (const GtCountyTownship *t)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " (%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ")",
                          t->members, t->full_members, t->probationary);
}

/* The ratios: FALSE (shown "—") when there is nothing to divide by, or for the period's
 * meetings, dues and stars when the township did not report the period. */
#define METRIC_VALUE(name, rank)                                                              \
  static gboolean name##_value (const GtCountyTownship *t, gint64 *value)                     \
  {                                                                                           \
    return gt_county_metric_value (t, rank, value);                                          \
  }
METRIC_VALUE (links, GT_COUNTY_RANK_LINKS_PER_MEMBER)
METRIC_VALUE (milestones, GT_COUNTY_RANK_MILESTONES_DONE)
METRIC_VALUE (meetings, GT_COUNTY_RANK_MEETINGS_HELD)
METRIC_VALUE (dues, GT_COUNTY_RANK_DUES_PAID)
METRIC_VALUE (stars, GT_COUNTY_RANK_AVERAGE_STARS)

/* One line per column, left to right. TRANSLATORS: the headers (last string of each line)
 * are the county table's headers on screen: keep each line short, break with \n. */
const GtCountyColumn gt_county_columns[] = {
  { "code", N_("Code"), GT_COUNTY_FORMAT_TEXT, FALSE, NULL, code_text, N_("Code") },
  { "name", N_("Township"), GT_COUNTY_FORMAT_TEXT, FALSE, NULL, name_text, N_("Township") },
  { "reported", N_("Report"), GT_COUNTY_FORMAT_TEXT, FALSE, reported_value, reported_text,
    N_("Report") },
  { "last-report", N_("Last report"), GT_COUNTY_FORMAT_TEXT, FALSE, NULL, last_text,
    N_("Last\nreport") },
  { "organizations", N_("Organisations"), GT_COUNTY_FORMAT_COUNT, TRUE, organizations_value, NULL,
    N_("Orgs") },
  { "branches", N_("Branches"), GT_COUNTY_FORMAT_COUNT, TRUE, branches_value, NULL,
    N_("Bran-\nches") },
  { "members", N_("Members (full/prob.)"), GT_COUNTY_FORMAT_COUNT, TRUE, members_value,
    members_text, N_("Members\n(full/prob.)") },
  { "households", N_("Households"), GT_COUNTY_FORMAT_COUNT, TRUE, households_value, NULL,
    N_("House-\nholds") },
  { "links-per-member", N_("Links per member"), GT_COUNTY_FORMAT_RATIO, TRUE, links_value, NULL,
    N_("Links/\nmember") },
  { "projects", N_("Projects"), GT_COUNTY_FORMAT_COUNT, TRUE, projects_value, NULL,
    N_("Pro-\njects") },
  { "milestones-done", N_("Milestones done"), GT_COUNTY_FORMAT_PERCENT, TRUE, milestones_value,
    NULL, N_("Mile-\nstones") },
  { "meetings-held", N_("Meetings held"), GT_COUNTY_FORMAT_PERCENT, TRUE, meetings_value,
    NULL, N_("Meet-\nings") },
  { "dues-paid", N_("Dues paid"), GT_COUNTY_FORMAT_PERCENT, TRUE, dues_value, NULL,
    N_("Dues\npaid") },
  { "average-stars", N_("Average stars"), GT_COUNTY_FORMAT_RATIO, TRUE, stars_value, NULL,
    N_("Avg.\nstars") },
};
const guint gt_county_n_columns = G_N_ELEMENTS (gt_county_columns);

const GtCountyColumn *
gt_county_column_find (const char *id)
{
  for (guint i = 0; i < gt_county_n_columns; i++)
    if (g_strcmp0 (gt_county_columns[i].id, id) == 0)
      return &gt_county_columns[i];
  return NULL;
}

gboolean
gt_county_column_value (const GtCountyColumn *column, const GtCountyTownship *t, gint64 *value)
{
  gint64 v = 0;

  if (column->value == NULL || !column->value (t, &v))
    return FALSE;
  if (value != NULL)
    *value = v;
  return TRUE;
}

char *
gt_county_column_text (const GtCountyColumn *column, const GtCountyTownship *t)
{
  gint64 v;

  if (column->text != NULL)
    return column->text (t);
  if (!gt_county_column_value (column, t, &v))
    return g_strdup ("—");
  switch (column->format)
    {
    case GT_COUNTY_FORMAT_RATIO:
      return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", v / 100, (int) ABS (v % 100));
    case GT_COUNTY_FORMAT_PERCENT:
      return g_strdup_printf ("%" G_GINT64_FORMAT "%%", v);
    case GT_COUNTY_FORMAT_TEXT:
    case GT_COUNTY_FORMAT_COUNT:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v);
    }
}

int
gt_county_column_compare (const GtCountyColumn *column, const GtCountyTownship *a,
                          const GtCountyTownship *b)
{
  int c = 0;

  if (column->value != NULL)
    {
      gint64 x = 0, y = 0;
      gboolean hx = gt_county_column_value (column, a, &x);
      gboolean hy = gt_county_column_value (column, b, &y);

      /* no value after every value */
      c = hx != hy ? (hx ? -1 : 1) : x < y ? -1 : x > y;
    }
  else
    {
      g_autofree char *x = column->text (a), *y = column->text (b);
      c = g_utf8_collate (x, y);
    }
  return c != 0 ? c : g_strcmp0 (a->code, b->code);
}

static int
rank_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  const GtCountyTownship *x = *(GtCountyTownship *const *) a;
  const GtCountyTownship *y = *(GtCountyTownship *const *) b;
  const GtCountyColumn *column = data;
  gint64 vx = 0, vy = 0;

  if (column->value == NULL)
    return gt_county_column_compare (column, x, y);
  gt_county_column_value (column, x, &vx);
  gt_county_column_value (column, y, &vy);
  if (vx != vy)
    return vx > vy ? -1 : 1; /* best first */
  return g_strcmp0 (x->code, y->code);
}

GPtrArray *
gt_county_ranking (GPtrArray *townships, const GtCountyColumn *column)
{
  GPtrArray *ranked = g_ptr_array_new ();

  /* a township without a value has no place: neither the best nor the worst */
  for (guint i = 0; i < townships->len; i++)
    {
      GtCountyTownship *t = townships->pdata[i];

      if (t->reported && (column->value == NULL || gt_county_column_value (column, t, NULL)))
        g_ptr_array_add (ranked, t);
    }
  g_ptr_array_sort_with_data (ranked, rank_compare, (gpointer) column);
  return ranked;
}

guint *
gt_county_ranking_places (GPtrArray *ranked, const GtCountyColumn *column)
{
  g_autofree gint64 *values = g_new0 (gint64, MAX (ranked->len, 1));

  for (guint i = 0; i < ranked->len; i++)
    {
      if (column->value != NULL)
        gt_county_column_value (column, ranked->pdata[i], &values[i]);
      else
        values[i] = i; /* a text column: no two equal */
    }
  return gt_county_places (values, ranked->len);
}

GtCountyTownship *
gt_county_total (GPtrArray *townships, const char *name)
{
  GtCountyTownship *sum = g_new0 (GtCountyTownship, 1);

  sum->code = g_strdup ("");
  sum->name = g_strdup (name);
  sum->reported = TRUE;
  for (guint i = 0; i < townships->len; i++)
    {
      const GtCountyTownship *t = townships->pdata[i];

      /* Every count of GtCountyTownship: add new ones here. */
      sum->organizations += t->organizations;
      sum->branches += t->branches;
      sum->members += t->members;
      sum->full_members += t->full_members;
      sum->probationary += t->probationary;
      sum->households += t->households;
      sum->links += t->links;
      sum->projects += t->projects;
      sum->projects_closed += t->projects_closed;
      sum->milestones += t->milestones;
      sum->milestones_done += t->milestones_done;
      sum->meetings += t->meetings;
      sum->meetings_required += t->meetings_required;
      sum->meetings_required_held += t->meetings_required_held;
      sum->meeting_attendance_present += t->meeting_attendance_present;
      sum->meeting_attendance_expected += t->meeting_attendance_expected;
      sum->dues_members += t->dues_members;
      sum->dues_paid_members += t->dues_paid_members;
      sum->dues_paid_fen += t->dues_paid_fen;
      sum->rated_members += t->rated_members;
      for (int s = 0; s < GT_COUNTY_STAR_LEVELS; s++)
        sum->member_stars[s] += t->member_stars[s];
      if (sum->activity_period == NULL && t->activity_period != NULL)
        sum->activity_period = g_strdup (t->activity_period);
      sum->reported = sum->reported && t->reported;
      if (g_strcmp0 (t->last_period, sum->last_period) > 0)
        {
          g_free (sum->last_period);
          sum->last_period = g_strdup (t->last_period);
        }
    }
  return sum;
}

char *
gt_county_missing_text (GPtrArray *townships, const char *period)
{
  g_autoptr (GString) names = g_string_new (NULL);
  guint missing = 0;

  for (guint i = 0; i < townships->len; i++)
    {
      const GtCountyTownship *t = townships->pdata[i];
      g_autofree char *name = NULL;

      if (t->reported)
        continue;
      name = name_text (t);
      if (missing++ > 0)
        g_string_append (names, _(", "));
      g_string_append_printf (names, "%s (%s)", name, t->code);
    }
  if (missing == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u townships has not reported for %s: %s",
                                       "%u of %u townships have not reported for %s: %s",
                                       missing),
                          missing, townships->len, period != NULL ? period : "", names->str);
}

/* ---- the printed summary ---- */

#define PAGE_W GT_REPORT_PAGE_HEIGHT /* landscape */
#define PAGE_H GT_REPORT_PAGE_WIDTH
#define MARGIN 36.0
#define TITLE_H 28.0
#define SUBTITLE_H 18.0
#define RUNNING_H 18.0
#define HEADER_H 28.0
#define ROW_H 17.0
#define FOOTER_H 20.0
#define GAP 12.0
#define PAD 4.0
#define TEXT_SIZE 8.5
#define RANK_LINE_H 16.0
#define MISSING_COLOUR "#f8d7da"

typedef enum
{
  ITEM_ROW,     /* index into townships; G_MAXUINT: the total */
  ITEM_MISSING, /* the missing line */
  ITEM_RANKING,
} ItemKind;

typedef struct
{
  ItemKind kind;
  guint index;
  guint page;
  double y;
  double height;
  gboolean header_before; /* the table's header is drawn just above */
} Item;

struct _GtCountyReport
{
  char *title;
  char *subtitle;
  char *period;
  char *missing;
  char *rank_title;
  GPtrArray *townships;
  GtCountyTownship *total;
  GPtrArray *ranked;           /* borrowed from townships */
  guint *places;               /* of ranked: equals share one */
  const GtCountyColumn *rank;
  guint top;
  GArray *items;               /* of Item */
  guint n_pages;
};

void
gt_county_report_free (GtCountyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->title);
  g_free (report->subtitle);
  g_free (report->period);
  g_free (report->missing);
  g_free (report->rank_title);
  g_clear_pointer (&report->ranked, g_ptr_array_unref);
  g_free (report->places);
  g_clear_pointer (&report->townships, g_ptr_array_unref);
  gt_county_township_free (report->total);
  g_array_unref (report->items);
  g_free (report);
}

static PangoLayout *
make_layout (cairo_t *cr, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (GT_REPORT_FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

/* @text in the box on up to @lines lines, vertically centred, ellipsized after them. */
static void
draw_line (cairo_t *cr, const char *text, double x, double y, double width, double height,
           double size, gboolean bold, PangoAlignment align, int lines)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, size, bold);
  int w, h;

  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y + (height - (double) h / PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, layout);
}

/* The width of @text on one line at @size, bold. */
static double
text_width (cairo_t *cr, const char *text, double size)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, size, TRUE);
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

/* The size, from @size down to 5.5 pt, at which @text fits @width on at most two lines without
 * breaking a word of Latin letters ("Organisations" in a narrow column; Chinese may break
 * between any two characters). */
static double
heading_size (cairo_t *cr, const char *text, double width, double size)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);

  for (; size > 5.5; size -= 0.5)
    {
      g_autoptr (PangoLayout) layout = make_layout (cr, size, TRUE);
      gboolean fits = TRUE;

      for (guint i = 0; fits && words[i] != NULL; i++)
        if (g_str_is_ascii (words[i]))
          fits = text_width (cr, words[i], size) <= width;
      pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, text, -1);
      if (fits && pango_layout_get_line_count (layout) <= 2)
        break;
    }
  return size;
}

/* The wrapped missing line; its height when @draw is FALSE. */
static double
missing_paragraph (cairo_t *cr, const char *text, double x, double y, double width,
                   gboolean draw)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, 9.5, TRUE);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (draw)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return (double) h / PANGO_SCALE;
}

static double
column_weight (const GtCountyColumn *column)
{
  if (g_str_equal (column->id, "name") || g_str_equal (column->id, "members"))
    return 1.6;
  if (g_str_equal (column->id, "code"))
    return 1.2;
  return 1.0;
}

static void
paginate (GtCountyReport *report)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double bottom = PAGE_H - MARGIN - FOOTER_H, tw = PAGE_W - 2 * MARGIN;
  double y = MARGIN + TITLE_H + SUBTITLE_H + GAP / 2;
  guint page = 0, n_rows = report->townships->len + 1, n_side[2];
  gboolean table_on_page = FALSE;

  for (guint i = 0; i < n_rows; i++)
    {
      Item item = { ITEM_ROW, i < report->townships->len ? i : G_MAXUINT, 0, 0, ROW_H, FALSE };
      double need = ROW_H + (table_on_page ? 0 : HEADER_H);

      if (y + need > bottom)
        {
          page++;
          y = MARGIN + RUNNING_H;
          table_on_page = FALSE;
        }
      if (!table_on_page)
        {
          item.header_before = TRUE;
          y += HEADER_H;
          table_on_page = TRUE;
        }
      item.page = page;
      item.y = y;
      y += ROW_H;
      g_array_append_val (report->items, item);
    }
  /* equals at the end of a list make it longer than top */
  gt_county_ranking_split (report->places, report->ranked->len, report->top, &n_side[0],
                           &n_side[1]);
  for (int k = 0; k < 2; k++)
    {
      Item item = { k == 0 ? ITEM_MISSING : ITEM_RANKING, 0, 0, 0, 0, FALSE };

      if (k == 0 && report->missing == NULL)
        continue;
      item.height = k == 0 ? missing_paragraph (cr, report->missing, 0, 0, tw, FALSE)
                           : RANK_LINE_H * (1 + MAX (MAX (n_side[0], n_side[1]), 1));
      y += GAP;
      if (y + item.height > bottom)
        {
          page++;
          y = MARGIN + RUNNING_H + GAP;
        }
      item.page = page;
      item.y = y;
      y += item.height;
      g_array_append_val (report->items, item);
    }
  report->n_pages = page + 1;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

GtCountyReport *
gt_county_report_new (GtStorage *storage, const char *period, const char *rank_id, guint top,
                      GError **error)
{
  g_autoptr (GtCountyReport) report = g_new0 (GtCountyReport, 1);
  g_autofree char *county = gt_storage_get_meta (storage, "office_name");
  g_autofree char *today = gt_today ();

  report->items = g_array_new (FALSE, TRUE, sizeof (Item));
  report->rank = gt_county_column_find (rank_id != NULL ? rank_id : "members");
  if (report->rank == NULL || !report->rank->rankable)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a metric to rank by"), rank_id);
      return NULL;
    }
  if (period != NULL && !(strlen (period) == 7 && g_ascii_isdigit (period[0]) &&
                          period[4] == '-' && g_ascii_isdigit (period[5])))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("period “%s”: write it as YYYY-MM"), period);
      return NULL;
    }
  report->period = period != NULL ? g_strdup (period) : gt_county_default_period (storage, error);
  if (report->period == NULL)
    return NULL;
  report->townships = gt_county_summary (storage, report->period, error);
  if (report->townships == NULL)
    return NULL;
  report->top = MIN (top, 50);
  report->title = g_strdup_printf (_("%s: summary of the townships' reports, %s"),
                                   county != NULL ? county : "", report->period);
  report->subtitle = g_strdup_printf (_("%u townships · records as received · printed %s"),
                                      report->townships->len, today);
  report->missing = gt_county_missing_text (report->townships, report->period);
  report->total = gt_county_total (report->townships, _("Total"));
  report->ranked = gt_county_ranking (report->townships, report->rank);
  report->places = gt_county_ranking_places (report->ranked, report->rank);
  report->rank_title = g_strdup (_(report->rank->title));
  paginate (report);
  return g_steal_pointer (&report);
}

const char *
gt_county_report_get_period (GtCountyReport *report)
{
  return report->period;
}

guint
gt_county_report_get_n_pages (GtCountyReport *report)
{
  return report->n_pages;
}

static void
draw_table_row (GtCountyReport *report, cairo_t *cr, double y, const GtCountyTownship *t,
                gboolean header)
{
  double total = 0, x = MARGIN, tw = PAGE_W - 2 * MARGIN, height = header ? HEADER_H : ROW_H;
  gboolean is_total = t == report->total;

  for (guint i = 0; i < gt_county_n_columns; i++)
    total += column_weight (&gt_county_columns[i]);
  if (header || is_total || !t->reported)
    {
      double r, g, b;

      gt_report_parse_colour (header || is_total ? "#eeeeee" : MISSING_COLOUR, &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_rectangle (cr, x, y, tw, height);
      cairo_fill (cr);
    }
  for (guint i = 0; i < gt_county_n_columns; i++)
    {
      const GtCountyColumn *column = &gt_county_columns[i];
      double cw = tw * column_weight (column) / total;
      g_autofree char *text = NULL;

      if (header)
        text = g_strdup (_(column->title));
      else if (is_total && column->format == GT_COUNTY_FORMAT_TEXT)
        text = g_strdup (g_str_equal (column->id, "name") ? t->name : "");
      else
        text = gt_county_column_text (column, t);
      if (!header && !is_total && !t->reported && g_str_equal (column->id, "reported"))
        cairo_set_source_rgb (cr, 0.7, 0.0, 0.0);
      else
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_line (cr, text, x + PAD, y, cw - 2 * PAD, height,
                 header ? heading_size (cr, text, cw - 2 * PAD, 8.5) : TEXT_SIZE,
                 header || is_total,
                 header ? PANGO_ALIGN_CENTER
                        : column->format == GT_COUNTY_FORMAT_TEXT ? PANGO_ALIGN_LEFT
                                                                  : PANGO_ALIGN_RIGHT,
                 /* a long heading (党员（正式/预备）) on two lines rather than cut */
                 header ? 2 : 1);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x, y, cw, height);
      cairo_stroke (cr);
      x += cw;
    }
}

static void
draw_ranking (GtCountyReport *report, cairo_t *cr, double y)
{
  double half = (PAGE_W - 2 * MARGIN) / 2;
  guint n_side[2];

  /* each township once: fewer than 2 × top split between the two lists */
  gt_county_ranking_split (report->places, report->ranked->len, report->top, &n_side[0],
                           &n_side[1]);
  for (int side = 0; side < 2; side++)
    {
      double x = MARGIN + side * half;
      guint n = n_side[side];
      g_autofree char *heading = NULL;

      if (side == 1 && n == 0 && report->ranked->len > 0)
        break; /* one township ranked: the top list is the whole ranking */

      heading = g_strdup_printf (side == 0 ? _("Top %u by %s") : _("Bottom %u by %s"), n,
                                 report->rank_title);
      cairo_set_source_rgb (cr, 0.65, 0.05, 0.05);
      draw_line (cr, heading, x, y, half - GAP, RANK_LINE_H, 10, TRUE, PANGO_ALIGN_LEFT, 1);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      for (guint i = 0; i < n; i++)
        {
          guint at = side == 0 ? i : report->ranked->len - 1 - i;
          const GtCountyTownship *t = report->ranked->pdata[at];
          g_autofree char *value = gt_county_column_text (report->rank, t);
          g_autofree char *name = name_text (t);
          g_autofree char *line = g_strdup_printf ("%u. %s (%s)", report->places[at], name,
                                                   t->code);
          double ly = y + RANK_LINE_H * (i + 1);

          draw_line (cr, line, x + PAD, ly, half * 0.6, RANK_LINE_H, 9, FALSE, PANGO_ALIGN_LEFT, 1);
          draw_line (cr, value, x + half * 0.6, ly, half * 0.3, RANK_LINE_H, 9, FALSE,
                     PANGO_ALIGN_RIGHT, 1);
        }
      if (report->ranked->len == 0)
        draw_line (cr, _("(no township has reported yet)"), x + PAD, y + RANK_LINE_H,
                   half - GAP, RANK_LINE_H, 9, FALSE, PANGO_ALIGN_LEFT, 1);
    }
}

void
gt_county_report_draw_page (GtCountyReport *report, cairo_t *cr, guint page, double width,
                            double height)
{
  double scale = MIN (width / PAGE_W, height / PAGE_H), tw = PAGE_W - 2 * MARGIN;
  g_autofree char *page_text = NULL;

  cairo_save (cr);
  cairo_translate (cr, (width - PAGE_W * scale) / 2, (height - PAGE_H * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_fill (cr);

  if (page == 0)
    {
      cairo_set_source_rgb (cr, 0.65, 0.05, 0.05);
      draw_line (cr, report->title, MARGIN, MARGIN, tw, TITLE_H, 16, TRUE, PANGO_ALIGN_CENTER, 1);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      draw_line (cr, report->subtitle, MARGIN, MARGIN + TITLE_H, tw, SUBTITLE_H, 9.5, FALSE,
                 PANGO_ALIGN_CENTER, 1);
    }
  else
    {
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      draw_line (cr, report->title, MARGIN, MARGIN, tw, RUNNING_H, 8.5, FALSE, PANGO_ALIGN_LEFT, 1);
    }

  for (guint i = 0; i < report->items->len; i++)
    {
      const Item *item = &g_array_index (report->items, Item, i);

      if (item->page != page)
        continue;
      switch (item->kind)
        {
        case ITEM_ROW:
          if (item->header_before)
            draw_table_row (report, cr, item->y - HEADER_H, NULL, TRUE);
          draw_table_row (report, cr, item->y,
                          item->index == G_MAXUINT ? report->total
                                                   : report->townships->pdata[item->index],
                          FALSE);
          break;
        case ITEM_MISSING:
          cairo_set_source_rgb (cr, 0.7, 0.0, 0.0);
          missing_paragraph (cr, report->missing, MARGIN, item->y, tw, TRUE);
          break;
        case ITEM_RANKING:
        default:
          draw_ranking (report, cr, item->y);
          break;
        }
    }

  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, report->n_pages);
  draw_line (cr, page_text, MARGIN, PAGE_H - MARGIN - FOOTER_H, tw, FOOTER_H, 8, FALSE,
             PANGO_ALIGN_RIGHT, 1);
  cairo_restore (cr);
}


gboolean
gt_county_report_write_pdf (GtCountyReport *report, const char *path, GError **error)
{
  cairo_surface_t *surface;
  GtSafeFile *file;
  cairo_t *cr;

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);
  file = gt_safe_file_open (path, error);
  if (file == NULL)
    return FALSE;
  surface = gt_safe_file_pdf_surface (file, PAGE_W, PAGE_H, report->title);
  cr = cairo_create (surface);
  for (guint page = 0; page < report->n_pages; page++)
    {
      gt_county_report_draw_page (report, cr, page, PAGE_W, PAGE_H);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  return gt_safe_file_finish_surface (file, surface, path, error);
}
