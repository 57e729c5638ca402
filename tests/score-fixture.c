/* score-fixture.c — the scoring tests' database and helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "score-fixture.h"

void
score_exec (GtStorage *storage, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (gt_storage_exec (storage, sql, &error));
  g_assert_no_error (error);
}

gint64
score_add_org (Fixture *fx, const char *name, const char *kind)
{
  int n = ++fx->n;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO organizations (uuid, parent_id, name, kind, level, code, mtime)"
    " VALUES ('org-%d', NULL, '%s', '%s', 'village', 'C%d', '2026-01-01T00:00:00Z')",
    n, name, kind, n);

  score_exec (fx->storage, sql);
  return sqlite3_last_insert_rowid (gt_storage_get_db (fx->storage));
}

gint64
score_add_member (Fixture *fx, gint64 org_id, const char *name)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO members (uuid, org_id, name, gender, join_date, full_date, category, mtime)"
    " VALUES ('m-%d', %" G_GINT64_FORMAT ", '%s', 'M', '2020-01-01', '2021-01-01', 'full',"
    " '2026-01-01T00:00:00Z')",
    ++fx->n, org_id, name);
  g_autofree char *event = NULL;
  gint64 id;

  score_exec (fx->storage, sql);
  id = sqlite3_last_insert_rowid (gt_storage_get_db (fx->storage));
  event = g_strdup_printf ("INSERT INTO member_events (uuid, member_id, kind, date, org_id, mtime)"
                           " VALUES ('e-%d', %" G_GINT64_FORMAT ", 'admission', '2020-01-01', %"
                           G_GINT64_FORMAT ", '2026-01-01T00:00:00Z');"
                           "INSERT INTO member_events (uuid, member_id, kind, date, org_id, mtime)"
                           " VALUES ('e-%d', %" G_GINT64_FORMAT ", 'full_membership', '2021-01-01', %"
                           G_GINT64_FORMAT ", '2026-01-01T00:00:00Z')",
                           fx->n + 1, id, org_id, fx->n + 2, id, org_id);
  fx->n += 2;
  score_exec (fx->storage, event);
  return id;
}

void
score_points (Fixture *fx, gint64 member, const char *month, const char *item, int times, int size)
{
  g_autoptr (GError) error = NULL;

  /* one transaction: one sync of the file instead of one per entry */
  g_assert_true (gt_storage_begin (fx->storage, &error));
  for (int i = 0; i < times; i++)
    {
      g_assert_true (gt_points_add (fx->storage, fx->rules, member, month, item, size, NULL, NULL,
                                    &error));
      g_assert_no_error (error);
    }
  g_assert_true (gt_storage_commit (fx->storage, &error));
}

void
score_basics_q3 (Fixture *fx, gint64 member)
{
  const char *months[] = { "2026-07", "2026-08", "2026-09" };
  const char *items[] = { "basic_meeting", "basic_study", "basic_dues", "basic_duty" };

  g_assert_true (gt_storage_begin (fx->storage, NULL));
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      score_points (fx, member, months[m], items[i], 1, -1);
  g_assert_true (gt_storage_commit (fx->storage, NULL));
}

void
score_setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-score-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "score.db", NULL);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fx->org_x = score_add_org (fx, "X村党支部", "branch");
  fx->org_y = score_add_org (fx, "Y村党支部", "branch");
  fx->org_fix = score_add_org (fx, "教育整转支部", "branch");
  fx->rules = gt_score_rules_load_current (fx->storage, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx->rules->version, ==, 1);
}

void
score_teardown (Fixture *fx, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_pointer (&fx->rules, gt_score_rules_free);
  g_clear_object (&fx->storage);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fx->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

GtScoreResult *
score_find (GtScoreRun *run, gint64 id)
{
  for (guint i = 0; i < run->results->len; i++)
    {
      GtScoreResult *r = g_ptr_array_index (run->results, i);

      if (r->member_id == id || (r->member_id == 0 && r->org_id == id))
        return r;
    }
  return NULL;
}

GtScoreRun *
score_compute (Fixture *fx, const char *kind, const char *period_text)
{
  g_autoptr (GError) error = NULL;
  GtScorePeriod period;
  GtScoreRun *run;

  g_assert_true (gt_score_period_parse (period_text, &period, &error));
  run = gt_score_compute (fx->storage, fx->rules, kind, &period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

void
score_set_rule (Fixture *fx, const char *key, const char *value)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (gt_score_rules_set (fx->rules, key, value, &error));
  g_assert_no_error (error);
  g_assert_true (gt_score_rules_save (fx->storage, fx->rules, "test", &error));
  g_assert_no_error (error);
}
