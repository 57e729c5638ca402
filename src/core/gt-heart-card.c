/* gt-heart-card.c — the 党员连心卡: drawn with Cairo and Pango, written as PDF
 *
 * One A4 page holds two copies of the card, one above the other with a cutting line between
 * them: one stays with the member, the other goes to the households. The card shows the
 * member's phone number in full (that is what it is for) and never the ID number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gt-file.h"
#include "gt-heart-card.h"
#include "gt-household.h"

#define TEXT GT_COLUMN_TEXT

#define FONT_FAMILY "Noto Sans CJK SC"

/* Half of an A4 page for each copy. */
#define COPY_WIDTH GT_HEART_CARD_PAGE_WIDTH
#define COPY_HEIGHT (GT_HEART_CARD_PAGE_HEIGHT / 2.0)
#define MARGIN 24.0
#define PAD 16.0
#define HEADER_HEIGHT 52.0
#define ROW_HEIGHT 17.0
#define ROWS_PER_COLUMN 8

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb red = { 0.71, 0.07, 0.09 };
static const Rgb red_light = { 0.83, 0.18, 0.18 };
static const Rgb gold = { 0.99, 0.82, 0.33 };
static const Rgb ink = { 0.13, 0.13, 0.13 };
static const Rgb grey = { 0.42, 0.42, 0.42 };
static const Rgb rule = { 0.86, 0.80, 0.79 };
static const Rgb tint = { 0.99, 0.95, 0.94 };
static const Rgb stripe = { 0.985, 0.975, 0.972 };
static const Rgb white = { 1.0, 1.0, 1.0 };

void
gt_heart_card_free (GtHeartCard *card)
{
  if (card == NULL)
    return;
  g_free (card->member_name);
  g_free (card->org_name);
  g_free (card->phone);
  g_free (card->commitment);
  g_free (card->issuer);
  g_free (card->date);
  g_clear_pointer (&card->households, g_ptr_array_unref);
  g_free (card);
}

const char *
gt_heart_card_default_commitment (void)
{
  return _("Whatever you need, call me: I will come, listen and help. Your concerns are my "
           "concerns; I serve you with all my heart and keep you informed of the Party's "
           "policies.");
}

static gboolean
load_households (GtStorage *storage, GtHeartCard *card, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT h.id, h.head_name, v.name, h.grid, h.address, h.size FROM member_household_links l"
    " JOIN households h ON h.id = l.household_id LEFT JOIN villages v ON v.id = h.village_id"
    " WHERE l.member_id = ? ORDER BY l.post, h.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  card->households = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_household_free);
  sqlite3_bind_int64 (stmt, 1, card->member_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtHousehold *h = g_new0 (GtHousehold, 1);

      h->id = sqlite3_column_int64 (stmt, 0);
      h->head_name = TEXT (stmt, 1);
      h->village = TEXT (stmt, 2);
      h->grid = TEXT (stmt, 3);
      h->address = TEXT (stmt, 4);
      h->size = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (card->households, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

GtHeartCard *
gt_heart_card_load (GtStorage *storage, gint64 member_id, const char *commitment,
                    GError **error)
{
  g_autoptr (GtHeartCard) card = g_new0 (GtHeartCard, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT m.name, o.name, m.phone, m.status FROM members m"
    " JOIN organizations o ON o.id = m.org_id WHERE m.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      card->member_name = TEXT (stmt, 0);
      card->org_name = TEXT (stmt, 1);
      card->phone = TEXT (stmt, 2);
      status = TEXT (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      gt_storage_refuse (storage, error, _("member %d does not exist"), (int) member_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  if (g_strcmp0 (status, "active") != 0)
    {
      gt_storage_refuse (storage, error, _("%s (member %d) is not an active member"), card->member_name,
              (int) member_id);
      return NULL;
    }
  card->member_id = member_id;
  card->commitment = g_strdup (commitment != NULL && *commitment != '\0'
                                 ? commitment : gt_heart_card_default_commitment ());
  card->issuer = gt_storage_get_meta (storage, "office_name");
  card->date = g_date_time_format (now, "%Y-%m-%d");
  if (!load_households (storage, card, error))
    return NULL;
  return g_steal_pointer (&card);
}

static void
set_rgb (cairo_t *cr, const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

/* Lays out @text at (@x, @y) within @width: at most @lines lines (ellipsized), in @size
 * points, with @spacing points between letters. Returns the height used, or the inked
 * width when @want_width. */
static double
show_text (cairo_t *cr, const char *text, double x, double y, double width, double size,
           gboolean bold, const Rgb *colour, PangoAlignment align, int lines, double spacing,
           gboolean want_width)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();
  int w, h;

  /* Unhinted metrics: the PDF and the screen lay out the same. */
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
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (spacing > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (spacing * PANGO_SCALE)));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  set_rgb (cr, colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  if (want_width)
    {
      PangoRectangle inked, logical;

      pango_layout_get_extents (layout, &inked, &logical);
      return (double) inked.width / PANGO_SCALE;
    }
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Lays out @text at (@x, @y) within @width: at most @lines lines (ellipsized), in @size
 * points. Returns the height used. */
static double
draw_text (cairo_t *cr, const char *text, double x, double y, double width, double size,
           gboolean bold, const Rgb *colour, PangoAlignment align, int lines)
{
  return show_text (cr, text, x, y, width, size, bold, colour, align, lines, 0, FALSE);
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
star (cairo_t *cr, double cx, double cy, double radius)
{
  for (int i = 0; i < 10; i++)
    {
      double r = i % 2 == 0 ? radius : radius * 0.382;
      double a = -G_PI / 2 + i * G_PI / 5;

      if (i == 0)
        cairo_move_to (cr, cx + r * cos (a), cy + r * sin (a));
      else
        cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
    }
  cairo_close_path (cr);
  set_rgb (cr, &gold);
  cairo_fill (cr);
}

/* A section heading with a short red bar before it. */
static void
heading (cairo_t *cr, const char *text, double x, double y, double width)
{
  set_rgb (cr, &red);
  cairo_rectangle (cr, x, y + 3, 3.5, 12);
  cairo_fill (cr);
  draw_text (cr, text, x + 9, y, width - 9, 11.5, TRUE, &red, PANGO_ALIGN_LEFT, 1);
}

static void
draw_header (cairo_t *cr, const char *copy_label, double x, double y, double w)
{
  cairo_pattern_t *band = cairo_pattern_create_linear (x, y, x + w, y);
  const char *title = _("Party member heart-link card");
  double tag_w = 76, title_w;

  cairo_pattern_add_color_stop_rgb (band, 0, red.r, red.g, red.b);
  cairo_pattern_add_color_stop_rgb (band, 1, red_light.r, red_light.g, red_light.b);
  cairo_save (cr);
  rounded_rect (cr, x, y, w, HEADER_HEIGHT + 8, 6);
  cairo_clip (cr);
  cairo_rectangle (cr, x, y, w, HEADER_HEIGHT);
  cairo_set_source (cr, band);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (band);

  /* thin gold line under the band */
  set_rgb (cr, &gold);
  cairo_rectangle (cr, x, y + HEADER_HEIGHT - 3, w, 1.2);
  cairo_fill (cr);

  /* the title, letter-spaced, between two gold stars; returns its inked width */
  title_w = show_text (cr, title, x + w / 2 - 140, y + 9, 280, 23, TRUE, &white,
                       PANGO_ALIGN_CENTER, 1, 4, TRUE);
  star (cr, x + w / 2 - title_w / 2 - 20, y + HEADER_HEIGHT / 2 - 1.5, 9);
  star (cr, x + w / 2 + title_w / 2 + 20, y + HEADER_HEIGHT / 2 - 1.5, 9);

  /* which copy: the member's or the households' */
  cairo_set_line_width (cr, 0.8);
  set_rgb (cr, &white);
  rounded_rect (cr, x + w - tag_w - 12, y + 16, tag_w, 18, 9);
  cairo_stroke (cr);
  draw_text (cr, copy_label, x + w - tag_w - 12, y + 18.5, tag_w, 9, FALSE, &white,
             PANGO_ALIGN_CENTER, 1);
}

/* Label and value on one line; returns the height used. */
static double
field (cairo_t *cr, const char *label, const char *value, double x, double y, double width,
       double size, gboolean bold, const Rgb *colour, int lines)
{
  double label_w = 64;
  double h;

  draw_text (cr, label, x, y + (size - 10) * 0.75, label_w, 10, FALSE, &grey, PANGO_ALIGN_LEFT, 1);
  h = draw_text (cr, value, x + label_w, y, width - label_w, size, bold, colour, PANGO_ALIGN_LEFT,
                 lines);
  set_rgb (cr, &rule);
  cairo_rectangle (cr, x + label_w, y + h + 2, width - label_w, 0.6);
  cairo_fill (cr);
  return h + 8;
}

static void
draw_table_group (cairo_t *cr, GPtrArray *households, guint first, guint n, guint more,
                  double x, double y, double w)
{
  double cols[] = { 0.10, 0.24, 0.22, 0.44 }; /* No., head, village, address */
  const char *titles[] = { C_("household table", "No."), _("Head of household"), C_("household table", "Village"),
                           _("Address") };
  double cx;

  set_rgb (cr, &tint);
  cairo_rectangle (cr, x, y, w, ROW_HEIGHT);
  cairo_fill (cr);
  cx = x;
  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    {
      draw_text (cr, titles[c], cx + 4, y + 2.5, cols[c] * w - 6, 9, TRUE, &red,
                 PANGO_ALIGN_LEFT, 1);
      cx += cols[c] * w;
    }
  for (guint i = 0; i < n; i++)
    {
      GtHousehold *h = households->pdata[first + i];
      double ry = y + (i + 1) * ROW_HEIGHT;
      g_autofree char *number = g_strdup_printf ("%u", first + i + 1);
      const char *cells[] = { number, h->head_name, h->village != NULL ? h->village : "",
                              h->address };

      if (i % 2 == 1)
        {
          set_rgb (cr, &stripe);
          cairo_rectangle (cr, x, ry, w, ROW_HEIGHT);
          cairo_fill (cr);
        }
      cx = x;
      for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
        {
          draw_text (cr, cells[c], cx + 4, ry + 2.5, cols[c] * w - 6, 9.5, c == 1, &ink,
                     PANGO_ALIGN_LEFT, 1);
          cx += cols[c] * w;
        }
    }
  if (more > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "… and %u more household",
                                                            "… and %u more households", more),
                                               more);
      draw_text (cr, text, x + 4, y + (n + 1) * ROW_HEIGHT + 2.5, w - 8, 9.5, FALSE, &grey,
                 PANGO_ALIGN_LEFT, 1);
      n++;
    }
  set_rgb (cr, &rule);
  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; i <= n + 1; i++)
    {
      cairo_move_to (cr, x, y + i * ROW_HEIGHT);
      cairo_line_to (cr, x + w, y + i * ROW_HEIGHT);
    }
  cairo_stroke (cr);
}

static void
draw_households (cairo_t *cr, GPtrArray *households, double x, double y, double w)
{
  guint n = households->len, capacity = 2 * ROWS_PER_COLUMN;
  double gap = 14, half = (w - gap) / 2;

  if (n == 0)
    {
      draw_text (cr, _("No households linked yet"), x, y + 4, w, 10, FALSE, &grey,
                 PANGO_ALIGN_LEFT, 1);
      return;
    }
  if (n <= ROWS_PER_COLUMN)
    {
      draw_table_group (cr, households, 0, n, 0, x, y, w);
      return;
    }
  /* Two columns; when they overflow, the last row says how many more there are. */
  if (n > capacity)
    {
      draw_table_group (cr, households, 0, ROWS_PER_COLUMN, 0, x, y, half);
      draw_table_group (cr, households, ROWS_PER_COLUMN, ROWS_PER_COLUMN - 1,
                        n - capacity + 1, x + half + gap, y, half);
      return;
    }
  draw_table_group (cr, households, 0, (n + 1) / 2, 0, x, y, half);
  draw_table_group (cr, households, (n + 1) / 2, n / 2, 0, x + half + gap, y, half);
}

/* One copy of the card in the rectangle (0, 0, COPY_WIDTH, COPY_HEIGHT). */
static void
draw_copy (const GtHeartCard *card, cairo_t *cr, const char *copy_label)
{
  double x = MARGIN, y = MARGIN, w = COPY_WIDTH - 2 * MARGIN, h = COPY_HEIGHT - 2 * MARGIN;
  double inner_x = x + PAD, inner_w = w - 2 * PAD, left_w = inner_w * 0.44;
  double right_x = inner_x + left_w + 18, right_w = inner_w - left_w - 18;
  double fy, box_h = 74, table_y;
  g_autofree char *title = NULL, *footer = NULL;

  /* frame: a red outer line and a fine gold one inside */
  cairo_set_line_width (cr, 1.6);
  set_rgb (cr, &red);
  rounded_rect (cr, x, y, w, h, 6);
  cairo_stroke (cr);
  draw_header (cr, copy_label, x, y, w);
  cairo_set_line_width (cr, 0.6);
  set_rgb (cr, &gold);
  rounded_rect (cr, x + 3.5, y + HEADER_HEIGHT + 2, w - 7, h - HEADER_HEIGHT - 5.5, 4);
  cairo_stroke (cr);

  /* who: name, organisation, phone */
  fy = y + HEADER_HEIGHT + 14;
  fy += field (cr, _("Name"), card->member_name, inner_x, fy, left_w, 15, TRUE, &ink, 1);
  fy += field (cr, C_("heart card", "Organisation"), card->org_name, inner_x, fy, left_w, 10.5, FALSE, &ink, 2);
  field (cr, _("Phone"), card->phone != NULL && *card->phone != '\0' ? card->phone : "—",
         inner_x, fy, left_w, 15, TRUE, &red, 1);

  /* what: the service commitment */
  fy = y + HEADER_HEIGHT + 12;
  heading (cr, _("Service commitment"), right_x, fy, right_w);
  set_rgb (cr, &tint);
  rounded_rect (cr, right_x, fy + 20, right_w, box_h, 4);
  cairo_fill (cr);
  set_rgb (cr, &red);
  cairo_rectangle (cr, right_x, fy + 20, 2.5, box_h);
  cairo_fill (cr);
  draw_text (cr, card->commitment, right_x + 10, fy + 26, right_w - 18, 10, FALSE, &ink,
             PANGO_ALIGN_LEFT, 4);

  /* whom: the linked households */
  table_y = y + HEADER_HEIGHT + 14 + box_h + 30;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Linked households (%u)",
                                        "Linked households (%u)", card->households->len),
                           card->households->len);
  heading (cr, title, inner_x, table_y, inner_w);
  draw_households (cr, card->households, inner_x, table_y + 20, inner_w);

  /* by whom and when */
  footer = card->issuer != NULL && *card->issuer != '\0'
             /* Translators: card footer: office name, date */
             ? g_strdup_printf (_("Issued by %s · %s"), card->issuer, card->date)
             : g_strdup (card->date);
  draw_text (cr, footer, inner_x, y + h - 20, inner_w, 8.5, FALSE, &grey, PANGO_ALIGN_RIGHT, 1);
}

void
gt_heart_card_draw_page (const GtHeartCard *card, cairo_t *cr, double width, double height)
{
  double scale = MIN (width / GT_HEART_CARD_PAGE_WIDTH, height / GT_HEART_CARD_PAGE_HEIGHT);
  double cut = GT_HEART_CARD_PAGE_HEIGHT / 2, dash[] = { 4, 3 };
  const char *label = _("Cut along this line");

  g_return_if_fail (card != NULL && cr != NULL);

  cairo_save (cr);
  cairo_translate (cr, (width - GT_HEART_CARD_PAGE_WIDTH * scale) / 2,
                   (height - GT_HEART_CARD_PAGE_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  set_rgb (cr, &white);
  cairo_rectangle (cr, 0, 0, GT_HEART_CARD_PAGE_WIDTH, GT_HEART_CARD_PAGE_HEIGHT);
  cairo_fill (cr);

  draw_copy (card, cr, _("Member's copy"));
  cairo_save (cr);
  cairo_translate (cr, 0, cut);
  draw_copy (card, cr, _("Household's copy"));
  cairo_restore (cr);

  /* the cutting line, broken for its label */
  cairo_set_line_width (cr, 0.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  set_rgb (cr, &grey);
  cairo_move_to (cr, 12, cut);
  cairo_line_to (cr, GT_HEART_CARD_PAGE_WIDTH / 2 - 45, cut);
  cairo_move_to (cr, GT_HEART_CARD_PAGE_WIDTH / 2 + 45, cut);
  cairo_line_to (cr, GT_HEART_CARD_PAGE_WIDTH - 12, cut);
  cairo_stroke (cr);
  draw_text (cr, label, GT_HEART_CARD_PAGE_WIDTH / 2 - 45, cut - 5.5, 90, 7.5, FALSE, &grey,
             PANGO_ALIGN_CENTER, 1);
  cairo_restore (cr);
}


gboolean
gt_heart_card_write_pdf (const GtHeartCard *card, const char *path, GError **error)
{
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  GtSafeFile *file;
  cairo_t *cr;

  g_return_val_if_fail (card != NULL && path != NULL, FALSE);

  file = gt_safe_file_open (path, error);
  if (file == NULL)
    return FALSE;

  title = g_strdup_printf ("%s · %s", _("Party member heart-link card"), card->member_name);
  surface = gt_safe_file_pdf_surface (file, GT_HEART_CARD_PAGE_WIDTH, GT_HEART_CARD_PAGE_HEIGHT,
                                      title);
  cr = cairo_create (surface);
  gt_heart_card_draw_page (card, cr, GT_HEART_CARD_PAGE_WIDTH, GT_HEART_CARD_PAGE_HEIGHT);
  cairo_show_page (cr);
  cairo_destroy (cr);
  return gt_safe_file_finish_surface (file, surface, path, error);
}
