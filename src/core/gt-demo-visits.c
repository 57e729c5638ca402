/* gt-demo-visits.c — demo data of 联户 visits: each member's visits to the households
 * linked to them, January to November 2026
 *
 * Without visits the households all read 最近走访 "从未" while the points ledger credited
 * every member "履行联户包事职责" month after month. Most members visit each household every
 * month or two; one in ten rarely does, so the "visits due" filter finds some. The points
 * (gt-demo-scoring.c) then credit the duty in the months a member visited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-demo-private.h"

#define LAST_MONTH 11 /* the demo's data end with November 2026 */

/* What a visit's note says: data of the demo, in Chinese as a clerk writes it. */
static const char *const notes[] = {
  "了解生产生活情况", "宣传惠民政策", "收集意见建议", "帮助解决实际困难", "走访慰问",
  "讲解医保缴费", "排查安全隐患", "调解邻里纠纷", "",
};

typedef struct
{
  gint64 member_id, household_id;
} Link;

static GArray *
load_links (GtStorage *storage, GError **error)
{
  g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT member_id, household_id"
                                           " FROM member_household_links ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Link link = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (links, link);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "member_household_links");
      return NULL;
    }
  return g_steal_pointer (&links);
}

gboolean
gt_demo_visits_build (GtStorage *storage, guint32 seed, GError **error)
{
  g_autoptr (GArray) links = load_links (storage, error);
  g_autoptr (GHashTable) diligence = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, g_free);
  sqlite3_stmt *stmt;
  GRand *rand;
  gboolean ok = TRUE;

  if (links == NULL)
    return FALSE;
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO visits (uuid, member_id, household_id, date, notes,"
                             " mtime) VALUES (?, ?, ?, ?, ?, '2026-11-30T08:00:00Z')", error);
  if (stmt == NULL)
    return FALSE;
  rand = g_rand_new_with_seed (seed ^ 0x715e);
  for (guint i = 0; ok && i < links->len; i++)
    {
      const Link *link = &g_array_index (links, Link, i);
      double *p = g_hash_table_lookup (diligence, &link->member_id);

      if (p == NULL)
        {
          /* A household a month or two for most; one member in ten rarely goes. */
          p = g_new (double, 1);
          *p = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_double_range (rand, 0.02, 0.15)
                                                   : g_rand_double_range (rand, 0.45, 0.8);
          g_hash_table_insert (diligence, g_memdup2 (&link->member_id, sizeof (gint64)), p);
        }
      for (int m = 1; ok && m <= LAST_MONTH; m++)
        {
          char date[11], uuid[37];

          if (g_rand_double (rand) >= *p)
            continue;
          g_snprintf (date, sizeof date, "2026-%02d-%02d", m, g_rand_int_range (rand, 1, 29));
          g_snprintf (uuid, sizeof uuid, "%08x-%04x-4%03x-8%03x-%08x%04x", g_rand_int (rand),
                      g_rand_int (rand) & 0xffff, g_rand_int (rand) & 0xfff,
                      g_rand_int (rand) & 0xfff, g_rand_int (rand), g_rand_int (rand) & 0xffff);
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, link->member_id);
          sqlite3_bind_int64 (stmt, 3, link->household_id);
          sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 5, notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))],
                             -1, SQLITE_STATIC);
          ok = gt_storage_step_done (storage, stmt, error);
        }
    }
  g_rand_free (rand);
  return ok;
}
