/* gt-statistics-output.c — the annual tables as XML (for the exchange package) and as A4
 * pages with the name list behind every number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gt-develop-private.h"
#include "gt-statistics.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 42.0
#define RED 0.71, 0.07, 0.09
#define INK 0.13, 0.13, 0.13
#define GREY 0.42, 0.42, 0.42

xmlNodePtr
gt_statistics_to_xml (const GtStatistics *s, xmlDocPtr doc, gboolean names)
{
  xmlNodePtr root = xmlNewDocNode (doc, NULL, BAD_CAST "statistics", NULL);
  char number[32];

  g_snprintf (number, sizeof number, "%d", s->year);
  xmlNewProp (root, BAD_CAST "year", BAD_CAST number);
  xmlNewProp (root, BAD_CAST "office", BAD_CAST (s->office != NULL ? s->office : ""));
  g_snprintf (number, sizeof number, "%d", s->start);
  xmlNewProp (root, BAD_CAST "start", BAD_CAST number);
  g_snprintf (number, sizeof number, "%d", s->end);
  xmlNewProp (root, BAD_CAST "end", BAD_CAST number);
  for (guint i = 0; i < s->tables->len; i++)
    {
      GtStatTable *t = s->tables->pdata[i];
      xmlNodePtr table = xmlNewChild (root, NULL, BAD_CAST "table", NULL);

      xmlNewProp (table, BAD_CAST "code", BAD_CAST t->code);
      xmlNewProp (table, BAD_CAST "title", BAD_CAST t->title);
      xmlNewProp (table, BAD_CAST "sums-to-end", BAD_CAST (t->sums_to_end ? "true" : "false"));
      for (guint j = 0; j < t->rows->len; j++)
        {
          GtStatRow *r = t->rows->pdata[j];
          xmlNodePtr row = xmlNewChild (table, NULL, BAD_CAST "row", NULL);

          xmlNewProp (row, BAD_CAST "code", BAD_CAST r->code);
          xmlNewProp (row, BAD_CAST "label", BAD_CAST r->label);
          g_snprintf (number, sizeof number, "%u", r->persons->len);
          xmlNewProp (row, BAD_CAST "count", BAD_CAST number);
          for (guint k = 0; names && k < r->persons->len; k++)
            {
              GtStatPerson *p = r->persons->pdata[k];
              xmlNodePtr person = xmlNewChild (row, NULL, BAD_CAST "person", NULL);

              xmlNewProp (person, BAD_CAST "uuid", BAD_CAST (p->uuid != NULL ? p->uuid : ""));
              xmlNewProp (person, BAD_CAST "name", BAD_CAST p->name);
              xmlNewProp (person, BAD_CAST "org", BAD_CAST (p->org_name != NULL ? p->org_name : ""));
            }
        }
    }
  return root;
}

/* ---- pages ---- */

typedef struct
{
  const GtStatistics *stats;
  guint table, row; /* where the next page starts */
  guint person;     /* …and within a row's name list */
  gboolean names;   /* drawing the name lists (second part) */
} Cursor;

static char *
names_of (const GtStatRow *r, guint from, guint n)
{
  GString *text = g_string_new (NULL);

  for (guint k = from; k < from + n && k < r->persons->len; k++)
    {
      GtStatPerson *p = r->persons->pdata[k];

      if (k > from)
        g_string_append (text, _(", "));
      g_string_append (text, p->name);
      if (p->org_name != NULL && *p->org_name != '\0')
        g_string_append_printf (text, _(" (%s)"), p->org_name);
    }
  return g_string_free (text, FALSE);
}

static double
text_height (cairo_t *cr, const char *text, double width, double size)
{
  double h;

  /* draw clipped away to measure */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, 0, 0);
  cairo_clip (cr);
  h = gt_develop_draw_text (cr, text, 0, 0, width, size, FALSE, INK, PANGO_ALIGN_LEFT, 0);
  cairo_restore (cr);
  return h;
}

static gboolean
draw_page (cairo_t *cr, int page, gpointer data)
{
  Cursor *c = data;
  const GtStatistics *s = c->stats;
  double x = MARGIN, w = PAGE_W - 2 * MARGIN, y = MARGIN, bottom = PAGE_H - MARGIN - 16;
  g_autofree char *title = g_strdup_printf (_("Party statistics %d"), s->year);
  g_autofree char *footer = g_strdup_printf (_("%s · page %d"),
                                             s->office != NULL ? s->office : "", page + 1);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  y += gt_develop_draw_text (cr, title, x, y, w, 16, TRUE, RED, PANGO_ALIGN_CENTER, 1) + 10;
  gt_develop_draw_text (cr, footer, x, PAGE_H - MARGIN, w, 8, FALSE, GREY, PANGO_ALIGN_CENTER, 1);

  while (c->table < s->tables->len)
    {
      GtStatTable *t = s->tables->pdata[c->table];

      if (c->row == 0)
        {
          if (y + 40 > bottom)
            return TRUE;
          y += 6 + gt_develop_draw_text (cr, t->title, x, y + 6, w, 12, TRUE, RED,
                                         PANGO_ALIGN_LEFT, 2);
          cairo_set_source_rgb (cr, RED);
          cairo_rectangle (cr, x, y + 2, w, 0.8);
          cairo_fill (cr);
          y += 6;
        }
      for (; c->row < t->rows->len; c->row++)
        {
          GtStatRow *r = t->rows->pdata[c->row];
          g_autofree char *count = g_strdup_printf ("%u", r->persons->len);

          if (!c->names)
            {
              if (y + 16 > bottom)
                return TRUE;
              gt_develop_draw_text (cr, r->label, x + 8, y, w - 80, 10.5, FALSE, INK,
                                    PANGO_ALIGN_LEFT, 1);
              gt_develop_draw_text (cr, count, x + w - 70, y, 70, 10.5, TRUE, INK,
                                    PANGO_ALIGN_RIGHT, 1);
              y += 16;
            }
          else if (r->persons->len > 0)
            {
              g_autofree char *head = NULL, *names = NULL;
              guint n = r->persons->len - c->person;
              double h, room;

              if (y + 40 > bottom)
                return TRUE;
              head = c->person == 0 ? g_strdup_printf (_("%s: %u"), r->label, r->persons->len)
                                    : g_strdup_printf (_("%s: %u (continued)"), r->label,
                                                       r->persons->len);
              y += gt_develop_draw_text (cr, head, x, y, w, 9.5, TRUE, INK, PANGO_ALIGN_LEFT, 1);
              room = bottom - y;
              /* as many names as fit on the rest of the page; the others go on */
              names = names_of (r, c->person, n);
              h = text_height (cr, names, w - 8, 8);
              while (h > room && n > 1)
                {
                  n = MAX (1, MIN (n - 1, (guint) (n * room / h)));
                  g_free (names);
                  names = names_of (r, c->person, n);
                  h = text_height (cr, names, w - 8, 8);
                }
              y += gt_develop_draw_text (cr, names, x + 8, y, w - 8, 8, FALSE, GREY,
                                         PANGO_ALIGN_LEFT, 0) + 4;
              c->person += n;
              if (c->person < r->persons->len)
                return TRUE;
              c->person = 0;
            }
        }
      c->row = 0;
      c->table++;
      if (c->table == s->tables->len && !c->names)
        {
          /* second part: the names behind the numbers, from a new page */
          c->names = TRUE;
          c->table = 0;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
gt_statistics_write_pdf (const GtStatistics *stats, const char *path, GError **error)
{
  Cursor cursor = { stats, 0, 0, FALSE };
  g_autofree char *title = g_strdup_printf (_("Party statistics %d"), stats->year);

  return gt_develop_write_pdf (path, title, PAGE_W, PAGE_H, draw_page, &cursor, error);
}
