/* test-roster-group.c — the roster's optional column 所在党小组: members placed in a 党小组
 * of their branch on import, an unknown group refused by line and column, and the column
 * written on export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "roster-fixture.h"

/* The name of the 党小组 member @name is in, or NULL. */
static char *
group_of (GtTestDemo *db, const char *name, char **branch)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (
    db->storage,
    "SELECT g.name, b.name FROM members m JOIN organizations b ON b.id = m.org_id"
    " LEFT JOIN organizations g ON g.id = m.group_id WHERE m.name = ?", &error);
  char *group = NULL;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  group = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (branch != NULL)
    *branch = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return group;
}

static void
test_import_groups (void)
{
  static const char text[] =
    "姓名,性别,入党日期,所在支部,所在党小组\n"
    "甲,男,2001-07-01,青石村党支部,第二党小组\n"    /* 2: by name in the branch */
    "乙,男,2001-07-01,青石村党支部,\n"              /* 3: none */
    "丙,男,2001-07-01,砚瓦山村党支部,第一党小组\n"  /* 4: the other branch's 第一党小组 */
    "丁,男,2001-07-01,330822105007,33082210500702\n" /* 5: branch and group by code */
    "戊,男,2001-07-01,33082210500603,\n";           /* 6: a group in the branch column */
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  GtTestDemo db = { 0 };
  const struct
  {
    const char *name, *group, *branch;
  } expected[] = {
    { "甲", "第二党小组", "青石村党支部" },
    { "乙", NULL, "青石村党支部" },
    { "丙", "第一党小组", "砚瓦山村党支部" },
    { "丁", "第二党小组", "砚瓦山村党支部" },
    { "戊", "第三党小组", "青石村党支部" },
  };

  roster_db_open (&db);
  report = roster_parse_text (&db, text, NULL);
  roster_assert_errors (report, (const char *const[]) { NULL });
  g_assert_cmpuint (report->n_valid, ==, 5);
  g_assert_true (gt_roster_apply (db.storage, report, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *branch = NULL;
      g_autofree char *group = group_of (&db, expected[i].name, &branch);

      g_assert_cmpstr (group, ==, expected[i].group);
      g_assert_cmpstr (branch, ==, expected[i].branch);
    }
  gt_test_demo_teardown (&db, NULL);
}

static void
test_import_unknown_group (void)
{
  static const char text[] =
    "姓名,性别,入党日期,所在支部,所在党小组\n"
    "甲,男,2001-07-01,青石村党支部,第二党小组\n"
    "乙,男,2001-07-01,青石村党支部,第九党小组\n"      /* 3: no such group */
    "丙,男,2001-07-01,青石镇卫生院党支部,第一党小组\n" /* 4: a branch without groups */
    "丁,男,2001-07-01,33082210500603,第一党小组\n";    /* 5: two different groups */
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  GtTestDemo db = { 0 };
  gint64 before;

  roster_db_open (&db);
  before = gt_test_count (db.storage, "SELECT count(*) FROM members");
  report = roster_parse_text (&db, text, NULL);
  roster_assert_errors (report, (const char *const[]) { "3 所在党小组", "4 所在党小组",
                                                        "5 所在党小组", NULL });
  {
    GtRosterProblem *problem = report->problems->pdata[0];

    g_test_message ("%u %s: %s", problem->line, problem->column, problem->message);
    g_assert_nonnull (strstr (problem->message, "第九党小组"));
    g_assert_nonnull (strstr (problem->message, "青石村党支部"));
  }
  /* nothing is written while any row is wrong */
  g_assert_false (gt_roster_apply (db.storage, report, FALSE, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, before);
  gt_test_demo_teardown (&db, NULL);
}

static void
test_export_groups (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *text = NULL;
  g_autoptr (GtRosterReport) report = NULL;
  guint n = 0;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  path = g_build_filename (db.dir, "roster.csv", NULL);
  g_assert_true (gt_roster_export (db.storage, "青石村党支部", path, GT_ROSTER_EXPORT_UNMASKED,
                                   &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 38);
  text = gt_test_read_text (path);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF姓名,性别,民族,身份证号,手机号码,学历,职业,"
                                         "入党日期,转正日期,所在支部,党员类别,所在党小组\r\n"));
  g_assert_nonnull (strstr (text, ",第一党小组\r\n"));
  g_assert_nonnull (strstr (text, ",第三党小组\r\n"));
  /* a 党小组 alone: the members placed in it */
  {
    g_autofree char *group_path = g_build_filename (db.dir, "group.csv", NULL);
    g_autofree char *xlsx_path = g_build_filename (db.dir, "group.xlsx", NULL);
    g_autofree char *group_text = NULL;
    guint in_group = 0;

    g_assert_true (gt_roster_export (db.storage, "33082210500601", group_path,
                                     GT_ROSTER_EXPORT_DEFAULT, &in_group, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (in_group, ==, 13);
    group_text = gt_test_read_text (group_path);
    g_assert_null (strstr (group_text, "第二党小组"));
    g_assert_true (gt_roster_export_xlsx (db.storage, "33082210500601", xlsx_path,
                                          GT_ROSTER_EXPORT_DEFAULT, &in_group, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (in_group, ==, 13);
  }
  /* read back, the file places every member in the group it names */
  report = gt_roster_parse (db.storage, path, GT_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 38);
  for (guint i = 0; i < report->problems->len; i++)
    g_assert_cmpstr (((GtRosterProblem *) report->problems->pdata[i])->column, !=, "所在党小组");
  gt_test_demo_teardown (&db, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  roster_fixture_init ();
  g_test_add_func ("/roster/group/import", test_import_groups);
  g_test_add_func ("/roster/group/unknown", test_import_unknown_group);
  g_test_add_func ("/roster/group/export", test_export_groups);
  return roster_fixture_run ();
}
