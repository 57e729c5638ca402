/* bench-search.c — as-you-type member search on a real database, per keystroke
 *
 * Usage: bench-search DB [ROUNDS]
 * For every query in the list, each prefix is one keystroke; a keystroke costs what the
 * member page does: count the matches and read the first page of 256 rows. Prints the
 * p50/p95/max per keystroke in milliseconds as one JSON object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "gt-registers.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) sample = NULL;
  int rounds = argc > 2 ? atoi (argv[2]) : 3;
  double *t;

  if (argc < 2)
    {
      g_printerr ("usage: bench-search DB [ROUNDS]\n");
      return 2;
    }
  storage = gt_storage_open (argv[1], GT_STORAGE_OPEN_DEFAULT, &error);
  if (storage == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Realistic queries: surnames alone, whole names, given names, last digits of ID numbers,
   * phone fragments, branch names, and text that matches nothing. */
  sample = gt_member_search (storage, NULL, NULL, 0, 0, &error);
  for (guint i = 0; i < 40 && sample->len > 0; i++)
    {
      GtMember *m = sample->pdata[g_random_int_range (0, sample->len)];
      g_ptr_array_add (queries, g_strdup (m->name));
      g_ptr_array_add (queries, g_utf8_substring (m->name, 1, g_utf8_strlen (m->name, -1)));
      if (m->id_number != NULL)
        g_ptr_array_add (queries, g_strdup (m->id_number + 12));
      g_ptr_array_add (queries, g_strndup (m->phone + 3, 6));
    }
  g_ptr_array_add (queries, g_strdup ("青石村党支部"));
  g_ptr_array_add (queries, g_strdup ("不存在的人"));
  g_ptr_array_add (queries, g_strdup ("龚"));

  for (int r = 0; r < rounds; r++)
    for (guint q = 0; q < queries->len; q++)
      {
        const char *query = queries->pdata[q];
        glong n = g_utf8_strlen (query, -1);

        for (glong k = 1; k <= n; k++)
          {
            g_autofree char *prefix = g_utf8_substring (query, 0, k);
            g_autoptr (GPtrArray) page = NULL;
            gint64 start = g_get_monotonic_time (), count = 0;
            double ms;

            if (!gt_member_count (storage, prefix, NULL, 1001, &count, &error))
              g_error ("%s", error->message);
            page = gt_member_search (storage, prefix, NULL, 0, 256, &error);
            ms = (g_get_monotonic_time () - start) / 1000.0;
            g_array_append_val (times, ms);
          }
      }

  qsort (times->data, times->len, sizeof (double), compare_double);
  t = (double *) times->data;
  g_print ("{\"operation\": \"search as you type\", \"members\": %d, \"keystrokes\": %u,"
           " \"p50_ms\": %.2f, \"p95_ms\": %.2f, \"max_ms\": %.2f}\n",
           (int) sample->len, times->len, t[times->len / 2], t[times->len * 95 / 100],
           t[times->len - 1]);
  return 0;
}
