/* gt-transfer-letter.c — the three-part transfer letter (存根 / 介绍信 / 回执) on one A4 page
 *
 * The stub stays with the issuing office, the letter travels with the member, the receipt
 * comes back from the receiving organisation. Dashed cutting lines separate the parts and
 * carry the letter number across the cut (骑缝), so that the parts can be matched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "gt-develop-private.h"
#include "gt-transfer.h"

#define W GT_TRANSFER_PAGE_WIDTH
#define H GT_TRANSFER_PAGE_HEIGHT
#define MARGIN 48.0
#define RED 0.71, 0.07, 0.09
#define INK 0.13, 0.13, 0.13
#define GREY 0.42, 0.42, 0.42

static const char *
or_blank (const char *text)
{
  return text != NULL && *text != '\0' ? text : "________";
}

static char *
member_sentence (const GtTransfer *t)
{
  const char *gender = g_strcmp0 (t->gender, "F") == 0 ? C_("letter", "female")
                                                     : C_("letter", "male");
  const char *category = g_strcmp0 (t->category, "probationary") == 0
                           ? _("a probationary member of the Communist Party of China")
                           : _("a full member of the Communist Party of China");

  /* Translators: name, gender, age, ethnicity, category, ID number */
  return g_strdup_printf (_("Comrade %s (%s, %d years old, %s), %s, ID number %s"),
                          t->member_name, gender, t->age, or_blank (t->ethnicity), category,
                          or_blank (t->id_number));
}

static char *
dues_text (const GtTransfer *t)
{
  int y = 0, m = 0;

  if (t->dues_paid_to == NULL || sscanf (t->dues_paid_to, "%4d-%2d", &y, &m) != 2)
    /* Translators: dues paid up to a month left blank on the letter */
    return g_strdup (_("____ (month)"));
  /* Translators: dues paid up to: year, month (2026年11月) */
  return g_strdup_printf (C_("dues month", "%04d-%02d"), y, m);
}

/* One part: title, number, body, signature; returns nothing, draws within [y0, y1]. */
static void
draw_part (cairo_t *cr, double y0, double y1, const char *title, const char *number,
           const char *addressee, const char *body, const char *signer, const char *date)
{
  double x = MARGIN, w = W - 2 * MARGIN, y = y0 + 14;
  g_autofree char *number_line = g_strdup_printf (_("No. %s"), number);
  g_autofree char *seal = g_strdup_printf (_("%s (seal)"), signer);

  y += gt_develop_draw_text (cr, title, x, y, w, 15, TRUE, RED, PANGO_ALIGN_CENTER, 2) + 2;
  y += gt_develop_draw_text (cr, number_line, x, y, w, 10, FALSE, GREY, PANGO_ALIGN_RIGHT, 1)
       + 8;
  if (addressee != NULL)
    y += gt_develop_draw_text (cr, addressee, x, y, w, 11.5, FALSE, INK, PANGO_ALIGN_LEFT, 2) + 4;
  gt_develop_draw_text (cr, body, x + 23, y, w - 23, 11.5, FALSE, INK, PANGO_ALIGN_LEFT, 8);
  gt_develop_draw_text (cr, seal, x + w / 2, y1 - 46, w / 2, 11, FALSE, INK, PANGO_ALIGN_RIGHT, 2);
  gt_develop_draw_text (cr, date, x + w / 2, y1 - 26, w / 2, 11, FALSE, INK, PANGO_ALIGN_RIGHT, 1);
}

static void
cut_line (cairo_t *cr, double y, const char *number)
{
  double dash[] = { 4, 3 };
  g_autofree char *label = g_strdup_printf (_("Cut here · No. %s"), number);

  cairo_save (cr);
  cairo_set_line_width (cr, 0.6);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_source_rgb (cr, GREY);
  cairo_move_to (cr, 16, y);
  cairo_line_to (cr, W / 2 - 80, y);
  cairo_move_to (cr, W / 2 + 80, y);
  cairo_line_to (cr, W - 16, y);
  cairo_stroke (cr);
  cairo_restore (cr);
  gt_develop_draw_text (cr, label, W / 2 - 80, y - 6, 160, 8, FALSE, GREY, PANGO_ALIGN_CENTER, 1);
}

void
gt_transfer_letter_draw (const GtTransfer *t, const char *office, cairo_t *cr, double width,
                         double height)
{
  double scale = MIN (width / W, height / H);
  double cut1 = H * 0.27, cut2 = H * 0.64;
  g_autofree char *who = member_sentence (t), *dues = dues_text (t);
  g_autofree char *issued = gt_develop_letter_date (t->issued_on);
  g_autofree char *until = gt_develop_letter_date (t->valid_until);
  g_autofree char *receipt_date = gt_develop_letter_date (t->receipt_on);
  g_autofree char *stub = NULL, *letter = NULL, *receipt = NULL, *to = NULL, *back = NULL;
  const char *sender = office != NULL && *office != '\0' ? office : t->from_org;

  g_return_if_fail (t != NULL && cr != NULL);

  /* Translators: the stub: member sentence, from org, to org, dues month, valid until, days */
  stub = g_strdup_printf (_("%s, transfers the organisation relationship from %s to %s. Party "
                            "dues are paid up to %s. The letter is valid until %s (%d days)."),
                          who, t->from_org, t->to_org, dues, until, t->valid_days);
  /* Translators: the letter: member sentence, dues month, valid until, days */
  letter = g_strdup_printf (_("We introduce %s, who comes to you; please take over the "
                              "organisation relationship. Party dues are paid up to %s. "
                              "This letter is valid until %s (%d days)."),
                            who, dues, until, t->valid_days);
  /* Translators: the receipt: member name */
  receipt = g_strdup_printf (_("The organisation relationship of comrade %s has reached us. "
                               "This is our reply."), t->member_name);
  to = g_strdup_printf (_("To %s:"), t->to_org);
  back = g_strdup_printf (_("To %s:"), sender);

  cairo_save (cr);
  cairo_translate (cr, (width - W * scale) / 2, (height - H * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, W, H);
  cairo_fill (cr);

  draw_part (cr, 0, cut1,
             _("Letter of introduction for the organisation relationship of a member of the "
               "Communist Party of China (stub)"),
             t->number, NULL, stub, sender, issued);
  cut_line (cr, cut1, t->number);
  draw_part (cr, cut1, cut2,
             _("Letter of introduction for the organisation relationship of a member of the "
               "Communist Party of China"),
             t->number, to, letter, sender, issued);
  cut_line (cr, cut2, t->number);
  draw_part (cr, cut2, H - 10,
             _("Letter of introduction for the organisation relationship of a member of the "
               "Communist Party of China (receipt)"),
             t->number, back, receipt, t->to_org, receipt_date);
  cairo_restore (cr);
}

static gboolean
draw_one (cairo_t *cr, int page, gpointer data)
{
  gpointer *args = data;

  gt_transfer_letter_draw (args[0], args[1], cr, W, H);
  return FALSE;
}

gboolean
gt_transfer_letter_write_pdf (const GtTransfer *t, const char *office, const char *path,
                              GError **error)
{
  g_autofree char *title = g_strdup_printf (_("Transfer letter %s · %s"), t->number,
                                            t->member_name);
  gpointer args[2] = { (gpointer) t, (gpointer) office };

  return gt_develop_write_pdf (path, title, W, H, draw_one, args, error);
}

char *
gt_transfer_letter_office (GtStorage *storage, const GtTransfer *t)
{
  if (g_strcmp0 (t->direction, "out") != 0)
    return NULL;
  return gt_storage_get_meta (storage, "office_name");
}

gboolean
gt_transfer_letter_save (GtStorage *storage, gint64 id, const char *path, GError **error)
{
  g_autoptr (GtTransfer) t = gt_transfer_lookup (storage, id, error);
  g_autofree char *office = NULL;

  if (t == NULL)
    return FALSE;
  office = gt_transfer_letter_office (storage, t);
  return gt_transfer_letter_write_pdf (t, office, path, error);
}
