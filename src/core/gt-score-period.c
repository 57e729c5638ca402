/* gt-score-period.c — periods of points and ratings (YYYY, YYYY-H1/H2, YYYY-Q1…Q4,
 * YYYY-MM) and the labels of the scoring codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gt-score-rules.h"

const char *
gt_label_score_category (const char *category)
{
  if (g_strcmp0 (category, "basic") == 0)
    return _("Basic");
  if (g_strcmp0 (category, "bonus") == 0)
    return _("Bonus");
  if (g_strcmp0 (category, "penalty") == 0)
    return _("Deduction");
  if (g_strcmp0 (category, "downgrade") == 0)
    return _("Direct downgrade");
  return category;
}

const char *
gt_label_score_kind (const char *kind)
{
  if (g_strcmp0 (kind, "study") == 0)
    return _("Study credit");
  if (g_strcmp0 (kind, "work") == 0)
    return _("Work point");
  return kind;
}

/* The computed sets, in the order they are offered. */
const char *const gt_score_run_kinds[] = { "member", "redblack", "stars", "link", "fortress",
                                           NULL };

const char *
gt_label_score_run_kind (const char *kind)
{
  static const char *const labels[][2] = {
    { "member", N_("Members' points and ranking") },
    { "redblack", N_("Red/black list") },
    { "stars", N_("Star ratings") },
    { "link", N_("Household-link scores") },
    { "fortress", N_("Fortress index") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i][0], kind) == 0)
      return _(labels[i][1]);
  return kind;
}

const char *
gt_label_score_grade (const char *grade)
{
  if (g_strcmp0 (grade, "excellent") == 0)
    return _("Excellent");
  if (g_strcmp0 (grade, "good") == 0)
    return _("Good");
  if (g_strcmp0 (grade, "pass") == 0)
    return _("Up to standard");
  if (g_strcmp0 (grade, "fail") == 0)
    return _("Not up to standard");
  return grade;
}

const char *
gt_label_score_item (const char *label)
{
  /* "" would translate to the catalogue's header */
  if (label == NULL || *label == '\0')
    return "";
  return g_dgettext (GETTEXT_PACKAGE, label);
}

const char *
gt_label_score_class (const char *klass)
{
  if (g_strcmp0 (klass, "advanced") == 0)
    return _("Advanced");
  if (g_strcmp0 (klass, "middle") == 0)
    return _("Middle");
  if (g_strcmp0 (klass, "lagging") == 0)
    return _("Lagging");
  if (g_strcmp0 (klass, "red") == 0)
    return _("Red list");
  if (g_strcmp0 (klass, "black") == 0)
    return _("Black list");
  return klass;
}

/* Periods */

static int
days_in_month (int year, int month)
{
  return g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

gboolean
gt_score_period_parse (const char *text, GtScorePeriod *period, GError **error)
{
  guint64 year = 0, n = 0;
  char rest[8] = "";

  memset (period, 0, sizeof *period);
  if (text == NULL || strlen (text) < 4 || strlen (text) > 7 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]) ||
      !g_ascii_isdigit (text[3]))
    goto bad;
  {
    char y[5] = { text[0], text[1], text[2], text[3], 0 };

    if (!g_ascii_string_to_unsigned (y, 10, 1900, 2999, &year, NULL))
      goto bad;
  }
  period->year = (int) year;
  if (text[4] == '\0')
    {
      period->kind = 'Y';
      period->first_month = 1;
      period->n_months = 12;
    }
  else
    {
      if (text[4] != '-')
        goto bad;
      g_strlcpy (rest, text + 5, sizeof rest);
      if ((rest[0] == 'H' || rest[0] == 'h') && g_ascii_string_to_unsigned (rest + 1, 10, 1, 2, &n, NULL))
        {
          period->kind = 'H';
          period->first_month = 1 + 6 * ((int) n - 1);
          period->n_months = 6;
        }
      else if ((rest[0] == 'Q' || rest[0] == 'q') &&
               g_ascii_string_to_unsigned (rest + 1, 10, 1, 4, &n, NULL))
        {
          period->kind = 'Q';
          period->first_month = 1 + 3 * ((int) n - 1);
          period->n_months = 3;
        }
      else if (strlen (rest) == 2 && g_ascii_isdigit (rest[0]) &&
               g_ascii_string_to_unsigned (rest, 10, 1, 12, &n, NULL))
        {
          period->kind = 'M';
          period->first_month = (int) n;
          period->n_months = 1;
        }
      else
        goto bad;
    }

  {
    int last = period->first_month + period->n_months - 1;

    if (period->kind == 'Y')
      g_snprintf (period->text, sizeof period->text, "%04d", period->year);
    else if (period->kind == 'H')
      g_snprintf (period->text, sizeof period->text, "%04d-H%d", period->year,
                  1 + (period->first_month - 1) / 6);
    else if (period->kind == 'Q')
      g_snprintf (period->text, sizeof period->text, "%04d-Q%d", period->year,
                  1 + (period->first_month - 1) / 3);
    else
      g_snprintf (period->text, sizeof period->text, "%04d-%02d", period->year,
                  period->first_month);
    g_snprintf (period->start, sizeof period->start, "%04d-%02d-01", period->year,
                period->first_month);
    g_snprintf (period->end, sizeof period->end, "%04d-%02d-%02d", period->year, last,
                days_in_month (period->year, last));
    g_snprintf (period->first_ym, sizeof period->first_ym, "%04d-%02d", period->year,
                period->first_month);
    g_snprintf (period->last_ym, sizeof period->last_ym, "%04d-%02d", period->year, last);
  }
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a period: write 2026, 2026-H1, 2026-Q3 or 2026-07"),
               text ? text : "");
  return FALSE;
}

double
gt_score_period_fraction (const GtScorePeriod *period)
{
  return period->n_months / 12.0;
}
