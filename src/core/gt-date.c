/* gt-date.c — the dates Guatu stores: local calendar days and UTC timestamps, as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "gt-storage.h"

/* YYYY-MM-DD in digits, whatever the day: sscanf alone would take "2020- 1-01" or
 * "2020-+1-01". */
static gboolean
date_shaped (const char *text)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
gt_date_is_valid (const char *text)
{
  int y, m, d;

  return date_shaped (text) && sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
         g_date_valid_dmy (d, m, y);
}

gboolean
gt_storage_check_date (GtStorage *storage, const char *what, const char *date,
                       gboolean future_ok, GError **error)
{
  g_autofree char *today = NULL;

  if (!gt_date_is_valid (date))
    {
      if (date_shaped (date))
        return gt_storage_refuse (storage, error,
                                  _("%s “%s”: there is no such day in the calendar"), what, date);
      return gt_storage_refuse (storage, error, _("%s “%s” is not a date (YYYY-MM-DD)"), what,
                                date != NULL ? date : "");
    }
  today = gt_today ();
  if (!future_ok && strcmp (date, today) > 0)
    return gt_storage_refuse (storage, error, _("%s %s lies in the future (today is %s)"), what,
                              date, today);
  return TRUE;
}

char *
gt_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

char *
gt_now_iso8601 (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}
