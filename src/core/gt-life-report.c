/* gt-life-report.c — A4 reports: compliance with the schedule, dues arrears, dues received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gt-dues.h"
#include "gt-life.h"
#include "gt-life-report.h"
#include "gt-registers.h"

gboolean
gt_period_parse (const char *text, char **from_month, char **to_month, GError **error)
{
  guint64 year = 0, part = 0;
  char kind = 0;

  if (text != NULL && gt_month_is_valid (text))
    {
      *from_month = g_strdup (text);
      *to_month = g_strdup (text);
      return TRUE;
    }
  if (text != NULL && strlen (text) >= 4)
    {
      g_autofree char *y = g_strndup (text, 4);

      if (g_ascii_string_to_unsigned (y, 10, 1, 9999, &year, NULL))
        {
          const char *rest = text + 4;

          if (*rest == '\0')
            {
              *from_month = g_strdup_printf ("%04u-01", (guint) year);
              *to_month = g_strdup_printf ("%04u-12", (guint) year);
              return TRUE;
            }
          if (rest[0] == '-' && (rest[1] == 'Q' || rest[1] == 'H') && rest[2] != '\0' &&
              rest[3] == '\0')
            {
              kind = rest[1];
              part = (guint64) (rest[2] - '0');
              if ((kind == 'Q' && part >= 1 && part <= 4) || (kind == 'H' && part >= 1 && part <= 2))
                {
                  int span = kind == 'Q' ? 3 : 6;
                  *from_month = g_strdup_printf ("%04u-%02d", (guint) year, (int) (part - 1) * span + 1);
                  *to_month = g_strdup_printf ("%04u-%02d", (guint) year, (int) part * span);
                  return TRUE;
                }
            }
        }
    }
  g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
               _("“%s” is not a period: write 2026-07, 2026-Q3, 2026-H2 or 2026"),
               text != NULL ? text : "");
  return FALSE;
}

/* "OFFICE · printed YYYY-MM-DD" */
static char *
footer_text (GtStorage *storage)
{
  g_autofree char *office = gt_storage_get_meta (storage, "office_name");
  g_autofree char *today = gt_today ();

  return g_strdup_printf (_("%s · printed %s"), office != NULL ? office : "Guatu", today);
}

static char *
meeting_date (GtStorage *storage, gint64 id)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT date FROM meetings WHERE id = ?", NULL);
  char *date = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    date = GT_COLUMN_TEXT (stmt, 0);
  sqlite3_reset (stmt);
  return date;
}

static void
add_legend (GtStorage *storage, GtReport *report)
{
  for (GtLifeStatus s = GT_LIFE_DONE; s <= GT_LIFE_MISSING; s++)
    {
      g_autofree char *colour = gt_life_status_colour (storage, s);
      gt_report_add_legend (report, colour, gt_label_life_status (s));
    }
}

/* An organisation's name, party groups indented under their branch. */
static char *
org_label (const GtLifeCell *cell)
{
  return g_strconcat (g_strcmp0 (cell->org_kind, "group") == 0 ? "\u3000\u3000" : "",
                      cell->org_name, NULL);
}

/* The legend colour of each status, indexed by GtLifeStatus. */
static GStrv
legend_colours (GtStorage *storage)
{
  GStrv colours = g_new0 (char *, GT_LIFE_MISSING + 2);

  for (GtLifeStatus s = GT_LIFE_NONE; s <= GT_LIFE_MISSING; s++)
    colours[s] = gt_life_status_colour (storage, s);
  return colours;
}

/* One month: a row per organisation, a column per kind. */
static void
compliance_month (GtStorage *storage, GtReport *report, GPtrArray *cells)
{
  guint n_kinds = g_strv_length ((GStrv) gt_meeting_kinds);
  g_auto (GStrv) colours = legend_colours (storage);

  gt_report_add_column (report, _("Organisation"), 4.0, PANGO_ALIGN_LEFT);
  for (guint k = 0; k < n_kinds; k++)
    gt_report_add_column (report, gt_label_meeting_kind (gt_meeting_kinds[k]), 1.6,
                          PANGO_ALIGN_CENTER);
  gt_report_add_column (report, _("Status"), 1.4, PANGO_ALIGN_CENTER);

  for (guint i = 0; i < cells->len; i++)
    {
      GtLifeCell *cell = cells->pdata[i];
      g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) fills = g_ptr_array_new ();

      g_ptr_array_add (texts, org_label (cell));
      g_ptr_array_add (fills, NULL);
      for (guint k = 0; k < n_kinds; k++)
        {
          GtLifeItem *found = NULL;

          for (guint j = 0; j < cell->items->len; j++)
            if (strcmp (((GtLifeItem *) cell->items->pdata[j])->kind, gt_meeting_kinds[k]) == 0)
              found = cell->items->pdata[j];
          if (found == NULL)
            {
              g_ptr_array_add (texts, g_strdup ("—"));
              g_ptr_array_add (fills, NULL);
            }
          else if (found->status == GT_LIFE_DONE)
            {
              g_autofree char *date = meeting_date (storage, found->meeting_id);
              g_ptr_array_add (texts, g_strdup (date != NULL ? date + 5 : ""));
              g_ptr_array_add (fills, colours[GT_LIFE_DONE]);
            }
          else
            {
              g_ptr_array_add (texts, g_strdup (gt_label_life_status (found->status)));
              g_ptr_array_add (fills, colours[found->status]);
            }
        }
      g_ptr_array_add (texts, g_strdup (gt_label_life_status (cell->status)));
      g_ptr_array_add (fills, cell->status != GT_LIFE_NONE ? colours[cell->status] : NULL);
      gt_report_add_row (report, (const char *const *) texts->pdata,
                         (const char *const *) fills->pdata);
    }
}

/* Several months: organisations × months, and the share of what fell due that was held. */
static void
compliance_grid (GtStorage *storage, GtReport *report, GPtrArray *cells, int n_months)
{
  g_auto (GStrv) colours = legend_colours (storage);

  gt_report_set_landscape (report, n_months > 6);
  gt_report_add_column (report, _("Organisation"), 5.0, PANGO_ALIGN_LEFT);
  for (int m = 0; m < n_months; m++)
    {
      GtLifeCell *cell = cells->pdata[m];
      gt_report_add_column (report, cell->month + 5, 1.0, PANGO_ALIGN_CENTER);
    }
  gt_report_add_column (report, _("Held"), 1.6, PANGO_ALIGN_RIGHT);

  for (guint i = 0; i + n_months <= cells->len; i += n_months)
    {
      g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) fills = g_ptr_array_new ();
      int held = 0, due = 0;

      g_ptr_array_add (texts, org_label (cells->pdata[i]));
      g_ptr_array_add (fills, NULL);
      for (int m = 0; m < n_months; m++)
        {
          GtLifeCell *cell = cells->pdata[i + m];
          int cell_held = 0, cell_due = 0;

          for (guint j = 0; j < cell->items->len; j++)
            {
              GtLifeItem *item = cell->items->pdata[j];
              if (item->status == GT_LIFE_PENDING)
                continue;
              cell_due++;
              cell_held += item->status == GT_LIFE_DONE;
            }
          held += cell_held;
          due += cell_due;
          g_ptr_array_add (texts, cell_due > 0 ? g_strdup_printf ("%d/%d", cell_held, cell_due)
                                               : g_strdup (""));
          g_ptr_array_add (fills, cell->status != GT_LIFE_NONE ? colours[cell->status] : NULL);
        }
      g_ptr_array_add (texts, due > 0 ? g_strdup_printf ("%d%%", (held * 100 + due / 2) / due)
                                      : g_strdup ("—"));
      g_ptr_array_add (fills, NULL);
      gt_report_add_row (report, (const char *const *) texts->pdata,
                         (const char *const *) fills->pdata);
    }
}

GtReport *
gt_life_report_compliance (GtStorage *storage, const char *period, const char *today,
                           GError **error)
{
  g_autofree char *from = NULL, *to = NULL, *subtitle = NULL, *footer = NULL, *judged = NULL;
  g_autofree char *township = gt_storage_get_meta (storage, "township");
  g_autoptr (GPtrArray) cells = NULL;
  g_autoptr (GtReport) report = NULL;
  int n_months;

  if (!gt_period_parse (period, &from, &to, error))
    return NULL;
  cells = gt_life_compliance (storage, from, to, today, error);
  if (cells == NULL)
    return NULL;
  n_months = (atoi (to) - atoi (from)) * 12 + atoi (to + 5) - atoi (from + 5) + 1;
  judged = today != NULL ? g_strdup (today) : gt_today ();
  subtitle = g_strdup_printf (_("%s · %s · judged on %s"), township != NULL ? township : "",
                              period, judged);
  report = gt_report_new (_("Organisational life (三会一课): compliance report"), subtitle);
  add_legend (storage, report);
  footer = footer_text (storage);
  gt_report_set_footer (report, footer);
  if (n_months == 1)
    compliance_month (storage, report, cells);
  else
    compliance_grid (storage, report, cells, n_months);
  return g_steal_pointer (&report);
}

GtReport *
gt_dues_report_arrears (GtStorage *storage, const char *period, GError **error)
{
  g_autofree char *from = NULL, *to = NULL, *subtitle = NULL, *footer = NULL;
  g_autofree char *last_due = gt_dues_last_due_month (NULL);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GtReport) report = NULL;
  gint64 total = 0;

  if (!gt_period_parse (period, &from, &to, error))
    return NULL;
  /* as of the period's end or, for a period not over yet, the last month due: the months
   * the dues page counts, and the subtitle says which */
  if (strcmp (to, last_due) > 0)
    {
      g_free (to);
      to = g_steal_pointer (&last_due);
    }
  list = gt_dues_arrears (storage, to, error);
  if (list == NULL)
    return NULL;
  subtitle = g_strdup_printf (_("As of %s · warning after %d months, the 6-month rule from %d "
                                "months in a row"), to,
                              gt_dues_setting_int (storage, "dues.arrears_warning", 3),
                              gt_dues_setting_int (storage, "dues.arrears_rule", 6));
  report = gt_report_new (_("Party dues in arrears"), subtitle);
  footer = footer_text (storage);
  gt_report_set_footer (report, footer);
  /* The note holds "连续六个月（党章第九条）" whole; organisation names give up the room. */
  gt_report_add_column (report, _("Member"), 1.8, PANGO_ALIGN_LEFT);
  gt_report_add_column (report, _("Organisation"), 3.4, PANGO_ALIGN_LEFT);
  gt_report_add_column (report, _("Last paid"), 1.6, PANGO_ALIGN_CENTER);
  gt_report_add_column (report, _("In a row"), 1.3, PANGO_ALIGN_RIGHT);
  gt_report_add_column (report, _("Unpaid"), 1.3, PANGO_ALIGN_RIGHT);
  gt_report_add_column (report, _("Owed (元)"), 1.6, PANGO_ALIGN_RIGHT);
  gt_report_add_column (report, _("Note"), 3.4, PANGO_ALIGN_LEFT);
  for (guint i = 0; i < list->len; i++)
    {
      GtDuesArrears *a = list->pdata[i];
      g_autofree char *row_count = g_strdup_printf ("%d", a->consecutive);
      g_autofree char *unpaid = g_strdup_printf ("%d", a->months_unpaid);
      g_autofree char *owed = gt_dues_arrears_owed_text (a);
      /* the word the list and the CLI use for the early stage (预警) */
      const char *note = a->rule ? _("6-month rule (党章第九条)")
                                 : a->warning ? C_("dues arrears", "Warning") : "";
      const char *cells[] = { a->member_name, a->org_name, a->last_paid != NULL ? a->last_paid : _("never"),
                              row_count, unpaid, owed, note };
      const char *fills[] = { NULL, NULL, NULL, NULL, NULL, NULL,
                              a->rule ? "#c62828" : a->warning ? "#ef6c00" : NULL };

      total += a->owed_fen;
      gt_report_add_row (report, cells, fills);
    }
  {
    g_autofree char *sum = gt_fen_format (total);
    g_autofree char *n = g_strdup_printf (ngettext ("%u member", "%u members", list->len), list->len);
    const char *cells[] = { _("Total"), n, NULL, NULL, NULL, sum, NULL };
    gt_report_add_total_row (report, cells);
  }
  return g_steal_pointer (&report);
}

/* One organisation's subtotal: the count of its payments and their sum. */
static void
add_subtotal_row (GtReport *report, const char *org_name, guint count, gint64 fen)
{
  g_autofree char *sum = gt_fen_format (fen);
  g_autofree char *n = g_strdup_printf (ngettext ("%u payment", "%u payments", count), count);
  /* Translators: the subtotal line of one organisation in the dues received */
  g_autofree char *label = g_strdup_printf (_("Subtotal · %s"),
                                            org_name != NULL && *org_name != '\0'
                                              ? org_name : _("(organisation removed)"));
  const char *cells[] = { label, n, NULL, sum, NULL };

  gt_report_add_subtotal_row (report, cells);
}

GtReport *
gt_dues_report_receipts (GtStorage *storage, const char *period, GError **error)
{
  g_autofree char *from = NULL, *to = NULL, *subtitle = NULL, *footer = NULL;
  g_autoptr (GPtrArray) payments = NULL;
  g_autoptr (GtReport) report = NULL;
  gint64 total = 0, org_total = 0;
  guint org_count = 0, n_orgs = 0;

  if (!gt_period_parse (period, &from, &to, error))
    return NULL;
  payments = gt_dues_payments (storage, 0, from, to, error);
  /* by organisation, in the tree's order */
  if (payments == NULL ||
      !gt_org_sort_items (storage, payments, G_STRUCT_OFFSET (GtDuesPayment, org_id), error))
    return NULL;
  subtitle = g_strdup_printf (_("Dues for the months %s to %s, by organisation at the time of "
                                "payment"), from, to);
  report = gt_report_new (_("Party dues received"), subtitle);
  footer = footer_text (storage);
  gt_report_set_footer (report, footer);
  gt_report_add_column (report, _("Organisation"), 4.0, PANGO_ALIGN_LEFT);
  gt_report_add_column (report, _("Member"), 2.0, PANGO_ALIGN_LEFT);
  gt_report_add_column (report, _("Month"), 1.4, PANGO_ALIGN_CENTER);
  gt_report_add_column (report, _("Amount (元)"), 1.6, PANGO_ALIGN_RIGHT);
  gt_report_add_column (report, _("Paid on"), 1.8, PANGO_ALIGN_CENTER);
  /* The payments come by organisation, in tree order: a subtotal closes each. */
  for (guint i = 0; i < payments->len; i++)
    {
      GtDuesPayment *p = payments->pdata[i];
      GtDuesPayment *next = i + 1 < payments->len ? payments->pdata[i + 1] : NULL;
      g_autofree char *amount = gt_fen_format (p->amount_fen);
      const char *cells[] = { p->org_name, p->member_name, p->month, amount, p->paid_on };

      total += p->amount_fen;
      org_total += p->amount_fen;
      org_count++;
      n_orgs += org_count == 1;
      gt_report_add_row (report, cells, NULL);
      if (next == NULL || next->org_id != p->org_id)
        {
          add_subtotal_row (report, p->org_name, org_count, org_total);
          org_count = 0;
          org_total = 0;
        }
    }
  {
    g_autofree char *sum = gt_fen_format (total);
    g_autofree char *n = g_strdup_printf (ngettext ("%u payment", "%u payments", payments->len),
                                          payments->len);
    /* Translators: the grand total's label; %u organisations (branches) */
    g_autofree char *label = g_strdup_printf (ngettext ("Total, %u organisation",
                                                        "Total, %u organisations", n_orgs),
                                              n_orgs);
    const char *cells[] = { label, n, NULL, sum, NULL };
    gt_report_add_total_row (report, cells);
  }
  return g_steal_pointer (&report);
}
