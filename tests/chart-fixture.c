/* chart-fixture.c — a township with many projects, for the chart tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "chart-fixture.h"
#include "gt-audit.h"

static const char *const kinds[] = { "belt", "zone", "circle", "post", "point" };
static const char *const kind_names[] = { "党建示范带", "乡村振兴示范区", "党建服务圈", "党员先锋岗",
                                          "党建示范点" };
/* 49 belts, 3 zones, 6 circles, 10 posts, 20 points (the Qujiang library), as weights. */
static const int kind_weights[] = { 49, 3, 6, 10, 20 };
static const char *const themes[] = { "赏石文化", "美丽庭院", "共富工坊", "红色驿站", "乡贤议事",
                                      "清廉村居", "数字乡村", "垃圾分类", "邻里互助", "产业振兴",
                                      "古道保护", "党群连心" };
static const char *const village_syllables[] = { "青", "石", "砚", "瓦", "澄", "潭", "江", "源",
                                                 "水", "北", "新", "站", "龙", "溪", "桥", "头",
                                                 "金", "竹", "林", "塘" };
static const char *const surnames[] = { "徐", "汪", "毛", "郑", "周", "叶", "吴", "何", "程", "姜",
                                        "方", "余", "祝" };
static const char *const given[] = { "卫东", "丽萍", "建华", "晓燕", "国庆", "水龙", "春燕",
                                     "建国", "志刚", "红英", "海涛", "土根", "明福" };
static const char *const steps[] = { "方案制定", "立项挂号", "建设施工", "中期督查", "整改提升",
                                     "验收销号" };

static gboolean
exec_bound (GtStorage *storage, sqlite3_stmt *stmt, GError **error)
{
  return stmt != NULL && gt_storage_step_done (storage, stmt, error);
}

static char *
date_plus (int days_from_jan1)
{
  GDate d;
  char buf[16];

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, 2026);
  if (days_from_jan1 >= 0)
    g_date_add_days (&d, days_from_jan1);
  else
    g_date_subtract_days (&d, -days_from_jan1);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &d);
  return g_strdup (buf);
}

gboolean
chart_fixture_build (GtStorage *storage, guint n_projects, guint n_villages, guint32 seed,
                     GError **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *mtime = gt_now_iso8601 ();
  g_autofree gint64 *village_ids = g_new0 (gint64, MAX (n_villages, 1));
  int total_weight = 0;
  gboolean ok = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (kind_weights); k++)
    total_weight += kind_weights[k];
  gt_audit_bulk_begin (storage);
  if (!gt_storage_begin (storage, error))
    goto out;

  for (guint v = 0; v < n_villages; v++)
    {
      sqlite3_stmt *stmt = gt_storage_prepare (
        storage, "INSERT INTO villages (uuid, name, map_x, map_y, mtime) VALUES (?, ?, ?, ?, ?)",
        error);
      g_autofree char *uuid = gt_new_uuid ();
      g_autofree char *name = g_strdup_printf (
        "%s%s%s村", village_syllables[v % G_N_ELEMENTS (village_syllables)],
        village_syllables[(v * 7 + 3) % G_N_ELEMENTS (village_syllables)],
        v >= G_N_ELEMENTS (village_syllables) ? "二" : "");

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      if (v % 3 != 2)
        {
          /* A rough map: a jittered spiral around the centre. */
          double a = v * 2.39996, r = 0.12 + 0.36 * sqrt ((v + 1.0) / MAX (n_villages, 1));
          sqlite3_bind_double (stmt, 3, CLAMP (0.5 + r * cos (a), 0.02, 0.98));
          sqlite3_bind_double (stmt, 4, CLAMP (0.5 + r * sin (a), 0.02, 0.98));
        }
      sqlite3_bind_text (stmt, 5, mtime, -1, SQLITE_TRANSIENT);
      if (!exec_bound (storage, stmt, error))
        goto fail;
      village_ids[v] = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
    }

  for (guint p = 0; p < n_projects; p++)
    {
      sqlite3_stmt *stmt = gt_storage_prepare (
        storage,
        "INSERT INTO projects (uuid, number, name, kind, level, village_id, leader, cadre,"
        " start_date, due_date, closed_date, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);
      int w = g_rand_int_range (rand, 0, total_weight), k = 0;
      int start = g_rand_int_range (rand, -120, 200);
      int length = g_rand_int_range (rand, 90, 330);
      int n_ms = g_rand_int_range (rand, 3, 7);
      /* How far along: a spread so that every status occurs on 2026-07-01 (day 181). */
      double progress = g_rand_double (rand);
      int village = n_villages > 0 && g_rand_int_range (rand, 0, 5) > 0
                      ? g_rand_int_range (rand, 0, (int) n_villages) : -1;
      g_autofree char *uuid = gt_new_uuid ();
      g_autofree char *number = NULL, *name = NULL, *leader = NULL, *cadre = NULL;
      g_autofree char *start_date = date_plus (start), *due_date = date_plus (start + length);
      g_autofree char *closed = NULL;
      int done;
      gint64 project_id;

      while (w >= kind_weights[k])
        w -= kind_weights[k++];
      number = g_strdup_printf ("2026-%02d-%04u", CLAMP (start / 30 + 1, 1, 12), p + 1);
      name = g_strdup_printf ("%s%s%s", themes[g_rand_int_range (rand, 0, G_N_ELEMENTS (themes))],
                              p % 4 == 0 ? "提质扩面" : "", kind_names[k]);
      leader = g_strdup_printf ("%s%s", surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
                                given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
      cadre = g_strdup_printf ("%s%s", surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
                               given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
      done = (int) floor (progress * (n_ms + 1));
      done = MIN (done, n_ms);
      if (done == n_ms)
        closed = date_plus (start + length - 5);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, kinds[k], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, village >= 0 ? "village" : "township", -1, SQLITE_STATIC);
      if (village >= 0)
        sqlite3_bind_int64 (stmt, 6, village_ids[village]);
      sqlite3_bind_text (stmt, 7, leader, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, cadre, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, start_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, due_date, -1, SQLITE_TRANSIENT);
      if (closed != NULL)
        sqlite3_bind_text (stmt, 11, closed, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 12, mtime, -1, SQLITE_TRANSIENT);
      if (!exec_bound (storage, stmt, error))
        goto fail;
      project_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));

      for (int m = 0; m < n_ms; m++)
        {
          g_autofree char *muuid = gt_new_uuid ();
          int day = start + length * (m + 1) / n_ms;
          g_autofree char *planned = date_plus (day);
          g_autofree char *done_date = m < done ? date_plus (day - 3) : NULL;
          const char *step = m == n_ms - 1 ? "验收销号" : steps[m % (G_N_ELEMENTS (steps) - 1)];

          stmt = gt_storage_prepare (storage,
                                     "INSERT INTO milestones (uuid, project_id, seq, name,"
                                     " planned_date, done_date, mtime) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, muuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, project_id);
          sqlite3_bind_int (stmt, 3, m + 1);
          sqlite3_bind_text (stmt, 4, step, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, planned, -1, SQLITE_TRANSIENT);
          if (done_date != NULL)
            sqlite3_bind_text (stmt, 6, done_date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 7, mtime, -1, SQLITE_TRANSIENT);
          if (!exec_bound (storage, stmt, error))
            goto fail;
        }
    }
  if (!gt_storage_set_meta (storage, "township", "常山县青石镇", error)
      || !gt_storage_set_meta (storage, "chart.leader", "徐卫东", error)
      || !gt_storage_commit (storage, error))
    goto fail;
  ok = TRUE;
  goto out;

fail:
  gt_storage_rollback (storage);
out:
  gt_audit_bulk_end (storage, "chart fixture");
  return ok;
}
