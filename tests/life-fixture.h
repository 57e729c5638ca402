/* life-fixture.h — a small hand-made township in a real SQLite file, for the life and dues
 * tests: every expected figure in those tests is computed by hand from these rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "gt-storage.h"

typedef struct
{
  char *dir;
  char *path;
  GtStorage *storage;
} LifeFixture;

/* Organisations: 1 镇党委 (committee), 2 一村党支部 (branch, rural), 3 二村党支部 (branch,
 * rural), 4 第一党小组 (group under 2), 5 机关党总支 (general branch, organ), 6 总支下属支部
 * (branch under 5, organ), 7 旧支部 (archived branch).
 * Members: 1 张一 (2, employed, joined 2010), 2 李二 (2, retired), 3 王三 (2, none/farmer),
 * 4 赵四 (3, employed), 5 钱五 (3, joined 2025-11), 6 孙六 (2, exited), 7 周七 (6). */
static const char life_fixture_sql[] =
  "INSERT INTO organizations (id, uuid, parent_id, name, kind, org_type, level, founded, archived,"
  " sort_order, mtime) VALUES"
  " (1, 'o1', NULL, '镇党委', 'committee', 'rural', 'township', '2000-01-01', 0, 0, 'x'),"
  " (2, 'o2', 1, '一村党支部', 'branch', 'rural', 'village', '2000-01-01', 0, 1, 'x'),"
  " (3, 'o3', 1, '二村党支部', 'branch', 'rural', 'village', '2000-01-01', 0, 2, 'x'),"
  " (4, 'o4', 2, '第一党小组', 'group', 'rural', 'grid', '2000-01-01', 0, 1, 'x'),"
  " (5, 'o5', 1, '机关党总支', 'general_branch', 'organ', 'township', '2000-01-01', 0, 3, 'x'),"
  " (6, 'o6', 5, '总支下属支部', 'branch', 'organ', 'township', '2000-01-01', 0, 1, 'x'),"
  " (7, 'o7', 1, '旧支部', 'branch', 'rural', 'village', '2000-01-01', 1, 4, 'x');"
  "INSERT INTO members (id, uuid, org_id, name, gender, category, status, join_date, employment,"
  " mtime) VALUES"
  " (1, 'm1', 2, '张一', 'M', 'full', 'active', '2010-03-01', 'employed', 'x'),"
  " (2, 'm2', 2, '李二', 'F', 'full', 'active', '1980-07-01', 'retired', 'x'),"
  " (3, 'm3', 2, '王三', 'M', 'full', 'active', '1995-05-01', 'none', 'x'),"
  " (4, 'm4', 3, '赵四', 'F', 'full', 'active', '2005-01-01', 'employed', 'x'),"
  " (5, 'm5', 3, '钱五', 'M', 'probationary', 'active', '2025-11-15', 'employed', 'x'),"
  " (6, 'm6', 2, '孙六', 'M', 'full', 'exited', '2001-01-01', 'none', 'x'),"
  " (7, 'm7', 6, '周七', 'F', 'full', 'active', '2003-01-01', 'employed', 'x');";

static inline void
life_fixture_setup (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  (void) data;
  fx->dir = g_dir_make_tmp ("guatu-life-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "life.db", NULL);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_exec (fx->storage, life_fixture_sql, &error));
  g_assert_no_error (error);
}

static inline void
life_fixture_teardown (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  (void) data;
  g_clear_object (&fx->storage);
  d = g_dir_open (fx->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static inline gint64
life_count (GtStorage *storage, const char *sql)
{
  gint64 n = -1;

  g_assert_true (gt_storage_query_int64 (storage, sql, &n, NULL));
  return n;
}
