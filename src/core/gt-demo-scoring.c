/* gt-demo-scoring.c — demo data of points and ratings: a year (January to December 2026) of
 * 学分 + 工分 entries for the demo township's members, with a realistic spread (most members
 * meet the basic items, some earn bonuses, a few lose points, two are downgraded), and the
 * published half-year evaluation of 2026-H1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-demo-private.h"
#include "gt-ratings.h"
#include "gt-score-rules.h"

#define DEMO_YEAR 2026
#define DEMO_LAST_MONTH 12

typedef struct
{
  gint64 id, org_id;
  char join_ym[8];
} DemoMember;

static const GtScoreItem *
pick (const GtScoreRules *rules, const char *category, GRand *rand)
{
  g_autoptr (GPtrArray) matching = g_ptr_array_new ();

  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = g_ptr_array_index (rules->items, i);

      if (g_strcmp0 (item->category, category) == 0)
        g_ptr_array_add (matching, (gpointer) item);
    }
  if (matching->len == 0)
    return NULL;
  return g_ptr_array_index (matching, g_rand_int_range (rand, 0, (gint32) matching->len));
}

static gboolean
insert (GtStorage *storage, GRand *rand, const DemoPhase *phase, const DemoMember *member,
        const char *month, const GtScoreItem *item, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO score_points (uuid, member_id, org_id, month, kind, item_code, category, points,"
    " mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  g_autofree char *ordered = NULL;
  char uuid[37];
  int points = item->points;

  if (stmt == NULL)
    return FALSE;
  if (phase != NULL && phase->uuid_seq != NULL)
    {
      ordered = gt_demo_uuid_next (rand, phase->uuid_seq);
      g_strlcpy (uuid, ordered, sizeof uuid);
    }
  else
    g_snprintf (uuid, sizeof uuid, "%08x-%04x-4%03x-8%03x-%08x%04x", g_rand_int (rand),
                g_rand_int (rand) & 0xffff, g_rand_int (rand) & 0xfff, g_rand_int (rand) & 0xfff,
                g_rand_int (rand), g_rand_int (rand) & 0xffff);
  if (g_strcmp0 (item->category, "penalty") == 0 || g_strcmp0 (item->category, "downgrade") == 0)
    points = -points;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member->id);
  sqlite3_bind_int64 (stmt, 3, member->org_id);
  sqlite3_bind_text (stmt, 4, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, item->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, item->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, item->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, points);
  sqlite3_bind_text (stmt, 9, "2026-11-01T08:00:00Z", -1, SQLITE_STATIC);
  return gt_storage_step_done (storage, stmt, error);
}

/* The months each member paid dues, attended a meeting and visited a household, as
 * "member month" keys of three sets: the basic items and the penalties about them follow
 * the ledgers (a member with dues seven months behind was credited "paid on time" eleven
 * times). A set with no rows at all (the scale demo writes no visits) leaves its item to
 * chance. */
typedef struct
{
  GHashTable *paid, *attended, *visited;
} Facts;

static GHashTable *
load_months (GtStorage *storage, const char *sql, GError **error)
{
  g_autoptr (GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (months, g_strdup_printf ("%" G_GINT64_FORMAT " %s",
                                               (gint64) sqlite3_column_int64 (stmt, 0),
                                               (const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "facts");
      return NULL;
    }
  return g_steal_pointer (&months);
}

static void
facts_clear (Facts *facts)
{
  g_clear_pointer (&facts->paid, g_hash_table_unref);
  g_clear_pointer (&facts->attended, g_hash_table_unref);
  g_clear_pointer (&facts->visited, g_hash_table_unref);
}

static gboolean
facts_load (GtStorage *storage, Facts *facts, GError **error)
{
  facts->paid = load_months (storage, "SELECT member_id, month FROM dues_payments", error);
  facts->attended = facts->paid == NULL ? NULL : load_months (
    storage, "SELECT a.member_id, substr (m.date, 1, 7) FROM meeting_attendance a"
             " JOIN meetings m ON m.id = a.meeting_id WHERE a.present = 1", error);
  facts->visited = facts->attended == NULL ? NULL : load_months (
    storage, "SELECT member_id, substr (date, 1, 7) FROM visits", error);
  return facts->visited != NULL;
}

/* Whether the ledger behind @item says @member did it in @month: TRUE, FALSE, or -1 when no
 * ledger speaks for the item. */
static int
ledger_says (const Facts *facts, const GtScoreItem *item, gint64 member, const char *month)
{
  GHashTable *set = NULL;
  g_autofree char *key = NULL;
  gboolean done;

  if (g_strcmp0 (item->code, "basic_dues") == 0 || g_strcmp0 (item->code, "penalty_dues_late") == 0)
    set = facts->paid;
  else if (g_strcmp0 (item->code, "basic_meeting") == 0 ||
           g_strcmp0 (item->code, "penalty_absent") == 0)
    set = facts->attended;
  else if (g_strcmp0 (item->code, "basic_duty") == 0)
    set = facts->visited;
  if (set == NULL || g_hash_table_size (set) == 0)
    return -1;
  key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", member, month);
  done = g_hash_table_contains (set, key);
  /* a penalty for not doing it */
  return g_strcmp0 (item->category, "penalty") == 0 ? !done : done;
}

static GArray *
load_members (GtStorage *storage, GError **error)
{
  g_autoptr (GArray) members = g_array_new (FALSE, TRUE, sizeof (DemoMember));
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT id, org_id, substr (coalesce (join_date, '2000-01-01'), 1, 7) FROM members"
    " WHERE status = 'active' ORDER BY id",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DemoMember member = { 0 };

      member.id = sqlite3_column_int64 (stmt, 0);
      member.org_id = sqlite3_column_int64 (stmt, 1);
      g_strlcpy (member.join_ym, (const char *) sqlite3_column_text (stmt, 2), sizeof member.join_ym);
      g_array_append_val (members, member);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "members");
      return NULL;
    }
  return g_steal_pointer (&members);
}

gboolean
gt_demo_scoring_build (GtStorage *storage, guint32 seed, GError **error)
{
  return gt_demo_scoring_build_phase (storage, seed, NULL, error) &&
         gt_demo_scoring_evaluate (storage, error);
}

gboolean
gt_demo_scoring_build_phase (GtStorage *storage, guint32 seed, const DemoPhase *phase,
                             GError **error)
{
  g_autoptr (GtScoreRules) rules = gt_score_rules_load_current (storage, error);
  g_autoptr (GArray) members = NULL;
  Facts facts = { NULL };
  GRand *rand;
  gboolean ok = TRUE;

  if (rules == NULL)
    return FALSE;
  members = load_members (storage, error);
  if (members == NULL || !facts_load (storage, &facts, error))
    {
      facts_clear (&facts);
      return FALSE;
    }
  rand = g_rand_new_with_seed (seed ^ 0x5c0e);
  for (guint i = 0; ok && i < members->len; i++)
    {
      const DemoMember *member = &g_array_index (members, DemoMember, i);
      /* How reliably the member does the basic items: most 0.85–1, one in twelve 0.4–0.75. */
      double q = g_rand_int_range (rand, 0, 12) == 0 ? g_rand_double_range (rand, 0.4, 0.75)
                                                     : g_rand_double_range (rand, 0.85, 1.0);
      double active = g_rand_double_range (rand, 0.2, 1.0);

      gt_demo_phase_report (phase, i, members->len);

      for (int m = 1; ok && m <= DEMO_LAST_MONTH; m++)
        {
          char month[8];

          g_snprintf (month, sizeof month, "%04d-%02d", DEMO_YEAR, m);
          if (strcmp (month, member->join_ym) < 0)
            continue;
          for (guint k = 0; ok && k < rules->items->len; k++)
            {
              const GtScoreItem *item = g_ptr_array_index (rules->items, k);
              int says = ledger_says (&facts, item, member->id, month);
              gboolean chance = g_rand_double (rand) < q;

              if (g_strcmp0 (item->category, "basic") == 0 && (says < 0 ? chance : says))
                ok = insert (storage, rand, phase, member, month, item, error);
            }
          if (ok && g_rand_double (rand) < active)
            ok = insert (storage, rand, phase, member, month, pick (rules, "bonus", rand), error);
          if (ok && g_rand_double (rand) < (1 - q) * 0.25)
            {
              const GtScoreItem *penalty = pick (rules, "penalty", rand);

              /* not "paid late" in a month paid, nor "absent" in a month attended */
              if (ledger_says (&facts, penalty, member->id, month) != 0)
                ok = insert (storage, rand, phase, member, month, penalty, error);
            }
        }
      /* Two members in the township were sanctioned this year. */
      if (ok && (i == 17 || i == 131))
        ok = insert (storage, rand, phase, member, "2026-05", pick (rules, "downgrade", rand), error);
    }
  g_rand_free (rand);
  facts_clear (&facts);
  return ok;
}

gboolean
gt_demo_scoring_evaluate (GtStorage *storage, GError **error)
{
  g_autoptr (GtScoreRules) rules = gt_score_rules_load_current (storage, error);
  g_autoptr (GtScoreRun) run = NULL;
  GtScorePeriod half;

  /* The half-year evaluation (半年评定) of the first half, published. */
  if (rules == NULL || !gt_score_period_parse ("2026-H1", &half, error))
    return FALSE;
  run = gt_score_members (storage, rules, &half, error);
  return run != NULL && gt_score_run_save (storage, run, error) &&
         gt_score_run_publish (storage, "member", half.text, error);
}
