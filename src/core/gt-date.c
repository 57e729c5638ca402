/* gt-date.c — the dates Guatu stores: local calendar days and UTC timestamps, as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gt-storage.h"

gboolean
gt_date_is_valid (const char *text)
{
  int y, m, d;
  char tail;

  return text != NULL && strlen (text) == 10 &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && g_date_valid_dmy (d, m, y);
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
