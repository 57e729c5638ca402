/* gt-date.c — the dates Guatu stores: local calendar days and UTC timestamps, as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "gt-storage.h"

gboolean
gt_date_is_valid (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  /* digits only: sscanf alone would take "2020- 1-01" or "2020-+1-01" */
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && g_date_valid_dmy (d, m, y);
}

gboolean
gt_storage_check_date (GtStorage *storage, const char *what, const char *date,
                       gboolean future_ok, GError **error)
{
  g_autofree char *today = NULL;

  if (!gt_date_is_valid (date))
    {
      if (date != NULL && g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", date, 0, 0))
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
