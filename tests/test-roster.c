/* test-roster.c — roster import and export on real files and databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gt-csv.h"
#include "gt-demo.h"
#include "gt-registers.h"
#include "gt-roster.h"
#include "gt-roster-private.h"
#include "gt-stats.h"
#include "roster-fixture.h"







/* A digest of every member and event row, to prove a refused import changed nothing. */
static char *
members_checksum (GtStorage *storage)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *queries[] = { "SELECT * FROM members ORDER BY id",
                            "SELECT * FROM member_events ORDER BY id" };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = gt_storage_prepare (storage, queries[q], NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);
            g_checksum_update (sum, (const guchar *) (text != NULL ? text : "\x01NULL"), -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_reset (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}


static gboolean
member_exists (GtStorage *storage, const char *name, const char *org)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT count(*) FROM members m JOIN organizations o ON o.id = m.org_id"
             " WHERE m.name = ? AND (?2 IS NULL OR o.name = ?2)", NULL);
  gboolean found;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (org != NULL)
    sqlite3_bind_text (stmt, 2, org, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return found;
}

static void
test_dates (void)
{
  const char *good[][2] = {
    { "2001-07-01", "2001-07-01" }, { "2001/7/1", "2001-07-01" }, { "2001.7.1", "2001-07-01" },
    { "2001年7月1日", "2001-07-01" }, { "20010701", "2001-07-01" }, { " 2001-7-01 ", "2001-07-01" },
    { "２００１－０７－０１", "2001-07-01" }, { "2001/7/1 0:00", "2001-07-01" },
    { "2000-02-29", "2000-02-29" },
  };
  const char *bad[] = { "", "2001-02-30", "2001-13-01", "2001-07", "2001/07-01", "01-07-01",
                        "2001年7月", "7/1/2001", "200107011", "1899-12-31", "2001-07-01x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *date = gt_roster_parse_date (good[i][0]);
      g_assert_cmpstr (date, ==, good[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *date = gt_roster_parse_date (bad[i]);
      g_assert_cmpstr (date, ==, NULL);
    }
}

/* ---- import ---- */

static void
on_changed (GtStorage *storage, const char *table, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_import_good (void)
{
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  sqlite3_stmt *stmt;
  GtTestDemo db = { 0 };
  gboolean changed = FALSE;

  roster_db_open (&db);
  g_signal_connect (db.storage, "changed::members", G_CALLBACK (on_changed), &changed);
  report = roster_parse_file (&db, "good.csv", NULL);
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpint (report->separator, ==, ',');
  g_assert_cmpuint (report->n_rows, ==, 6);
  g_assert_cmpuint (report->n_valid, ==, 6);
  roster_assert_errors (report, (const char *const[]) { NULL });
  /* The unknown 备注 column is a warning on the header line. */
  g_assert_cmpuint (report->n_warnings, ==, 1);
  g_assert_cmpuint (((GtRosterProblem *) report->problems->pdata[0])->line, ==, 1);
  g_assert_cmpstr (((GtRosterProblem *) report->problems->pdata[0])->column, ==, "备注");
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, ROSTER_DEMO_MEMBERS);

  g_assert_true (gt_roster_apply (db.storage, report, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 6);
  g_assert_true (changed);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, ROSTER_DEMO_MEMBERS + 6);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM member_events e JOIN members m"
                                      " ON m.id = e.member_id WHERE m.id > 215"), ==, 6 + 5);

  /* Normalised values: derived gender, folded phone, upper-case X, dates, category. */
  stmt = gt_storage_prepare (db.storage,
                             "SELECT m.gender, m.id_number, m.phone, m.birth_date, m.join_date,"
                             " m.full_date, m.category, o.name, m.status FROM members m"
                             " JOIN organizations o ON o.id = m.org_id WHERE m.name = ?", NULL);
  sqlite3_bind_text (stmt, 1, "毛志强", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "M");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "33088119820520079X");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "13657012345");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "1982-05-20");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "2010-07-01");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "2011-07-01");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, "full");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, "砚瓦山村党支部");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 8), ==, "active");
  sqlite3_reset (stmt);
  g_assert_true (member_exists (db.storage, "徐丽娟", "青石镇中心学校党支部")); /* by code */
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members WHERE name = '周小军'"
                                      " AND category = 'probationary' AND full_date IS NULL"
                                      " AND join_date = '2025-06-01'"), ==, 1);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members WHERE name = '吴美华'"
                                      " AND phone = ''"), ==, 1);

  /* The database stays sound by `guatu-cli check`'s rules. */
  g_assert_true (gt_stats_check (db.storage, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);

  /* The same file again: every ID is now in the database. */
  g_clear_pointer (&report, gt_roster_report_free);
  report = roster_parse_file (&db, "good.csv", NULL);
  g_assert_cmpuint (report->n_errors, ==, 6);
  gt_test_demo_teardown (&db, NULL);
}

static void
test_import_tsv_and_quoted (void)
{
  g_autoptr (GtRosterReport) tsv = NULL, quoted = NULL;
  g_autoptr (GError) error = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  tsv = roster_parse_file (&db, "good.tsv", NULL);
  g_assert_cmpint (tsv->separator, ==, '\t');
  roster_assert_errors (tsv, (const char *const[]) { NULL });
  g_assert_cmpuint (tsv->n_warnings, ==, 0); /* English headers, "id number" included */
  g_assert_true (gt_roster_apply (db.storage, tsv, FALSE, &error));
  g_assert_cmpuint (tsv->n_imported, ==, 3);
  g_assert_true (member_exists (db.storage, "方浩", "奇石市场联合党支部"));

  quoted = roster_parse_file (&db, "quoted.csv", NULL);
  roster_assert_errors (quoted, (const char *const[]) { NULL });
  g_assert_true (gt_roster_apply (db.storage, quoted, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members WHERE name = '程志远'"
                                      " AND occupation = '企业管理人员, 赏石协会秘书长'"), ==, 1);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members WHERE name = '童\"小\"燕'"
                                      " AND occupation = '个体经营' || char (10) || '（农家乐）'"),
                   ==, 1);
  gt_test_demo_teardown (&db, NULL);
}

/* good.csv saved by a Chinese Windows Excel: GBK without BOM; and GB18030 with characters
 * GBK lacks (䶮 U+4DAE, 𣵦 U+23D66). */
static void
test_import_gb (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = roster_fixture_path ("good.csv");
  g_autofree char *utf8 = NULL, *gbk = NULL, *rare = NULL, *gb18030 = NULL;
  g_autofree char *gbk_path = NULL;
  gsize length, gbk_length, gb_length;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  g_assert_true (g_file_get_contents (path, &utf8, &length, &error));
  g_assert_true (g_str_has_prefix (utf8, "\xEF\xBB\xBF"));
  gbk = g_convert (utf8 + 3, length - 3, "GBK", "UTF-8", NULL, &gbk_length, &error);
  g_assert_no_error (error);
  gbk_path = g_build_filename (db.dir, "good-gbk.csv", NULL);
  g_assert_true (g_file_set_contents (gbk_path, gbk, gbk_length, &error));
  {
    g_autoptr (GtRosterReport) report = gt_roster_parse (db.storage, gbk_path,
                                                         GT_CSV_ENCODING_AUTO, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (report->encoding, ==, "GB18030");
    roster_assert_errors (report, (const char *const[]) { NULL });
    g_assert_true (gt_roster_apply (db.storage, report, FALSE, &error));
    g_assert_cmpuint (report->n_imported, ==, 6);
    g_assert_true (member_exists (db.storage, "汪秀兰", "青石村党支部"));
  }

  /* Two more members whose names only GB18030 can hold. */
  rare = g_strconcat (utf8 + 3,
                      "王䶮,男,汉族,330803197011110119,13800000001,高中,农民,1995-07-01,"
                      "1996-07-01,青石村党支部,正式党员,\r\n"
                      "刘𣵦,女,汉族,330803197212120129,,高中,农民,1996-07-01,1997-07-01,"
                      "砚瓦山村党支部,正式党员,\r\n", NULL);
  g_assert_null (g_convert (rare, -1, "GBK", "UTF-8", NULL, NULL, NULL));
  gb18030 = g_convert (rare, -1, "GB18030", "UTF-8", NULL, &gb_length, &error);
  g_assert_no_error (error);
  {
    /* Read as UTF-8 by request, it is refused at its first line. */
    g_autoptr (GtRosterReport) wrong = gt_roster_parse_data (db.storage, gb18030, gb_length,
                                                             "rare.csv", GT_CSV_ENCODING_UTF8,
                                                             NULL, &error);
    g_assert_false (wrong->complete);
    roster_assert_errors (wrong, (const char *const[]) { "1 -", NULL });
  }
  for (int forced = 0; forced < 2; forced++)
    {
      g_autoptr (GtRosterReport) report = gt_roster_parse_data (
        db.storage, gb18030, gb_length, "rare.csv",
        forced ? GT_CSV_ENCODING_GB18030 : GT_CSV_ENCODING_AUTO, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (report->encoding, ==, "GB18030");
      g_assert_cmpuint (report->n_rows, ==, 8);
      /* The six of good.csv are in the database already. */
      g_assert_cmpuint (report->n_valid, ==, 2);
      if (forced)
        {
          g_assert_true (gt_roster_apply (db.storage, report, TRUE, &error));
          g_assert_cmpuint (report->n_imported, ==, 2);
        }
    }
  g_assert_true (member_exists (db.storage, "王䶮", "青石村党支部"));
  g_assert_true (member_exists (db.storage, "刘𣵦", "砚瓦山村党支部"));
  gt_test_demo_teardown (&db, NULL);
}

typedef struct
{
  const char *file;
  const char *errors[4]; /* "LINE COLUMN", NULL-terminated */
  guint n_valid;
} BadFile;

static const BadFile bad_files[] = {
  { "bad-check-digit.csv", { "3 身份证号" }, 2 },
  { "bad-date.csv", { "4 入党日期" }, 2 }, /* line 4: the record before spans lines 2–3 */
  { "unknown-branch.csv", { "3 所在支部" }, 2 },
  { "dup-in-file.csv", { "2 身份证号", "4 身份证号" }, 2 },
  { "dup-in-db.csv", { "3 身份证号" }, 2 },
  { "gender-mismatch.csv", { "3 性别" }, 2 },
  { "unterminated-quote.csv", { "3 职业" }, 1 },
  { "truncated.csv", { "4 手机号码" }, 2 },
  { "invalid-bytes.csv", { "3 -" }, 0 },
};

static void
test_import_bad (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 n_before;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  n_before = gt_test_count (db.storage, "SELECT count(*) FROM members");
  before = members_checksum (db.storage);

  report = roster_parse_file (&db, bad->file, NULL);
  roster_assert_errors (report, bad->errors);
  g_assert_cmpuint (report->n_valid, ==, bad->n_valid);
  g_assert_false (gt_roster_apply (db.storage, report, FALSE, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
  g_assert_true (strstr (error->message, bad->file) != NULL);
  g_assert_cmpuint (report->n_imported, ==, 0);

  after = members_checksum (db.storage);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, n_before);
  g_assert_cmpstr (after, ==, before);
  gt_test_demo_teardown (&db, NULL);
}

static void
test_import_valid_only (void)
{
  g_autoptr (GtRosterReport) report = NULL, broken = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  report = roster_parse_file (&db, "dup-in-file.csv", NULL);
  g_assert_true (gt_roster_apply (db.storage, report, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, ROSTER_DEMO_MEMBERS + 2);
  g_assert_true (member_exists (db.storage, "林玉兰", "砚瓦山村党支部"));
  g_assert_true (member_exists (db.storage, "严海燕", "青石镇卫生院党支部"));
  g_assert_false (member_exists (db.storage, "何国华", NULL));
  g_assert_false (member_exists (db.storage, "童文斌", NULL));

  /* A file that cannot be read to its end is refused even so. */
  before = members_checksum (db.storage);
  broken = roster_parse_file (&db, "unterminated-quote.csv", NULL);
  g_assert_false (broken->complete);
  g_assert_false (gt_roster_apply (db.storage, broken, TRUE, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
  after = members_checksum (db.storage);
  g_assert_cmpstr (after, ==, before);
  gt_test_demo_teardown (&db, NULL);
}

/* The rules one by one, each row breaking one (line numbers are the file's). */
static void
test_import_rules (void)
{
  static const char text[] =
    "姓名,性别,身份证号,手机号码,入党日期,转正日期,所在支部,党员类别,出生日期\n"
    ",男,,13800000000,2001-07-01,2002-07-01,青石村党支部,,\n"                     /* 2 name */
    "甲,X,,13800000000,2001-07-01,2002-07-01,青石村党支部,,\n"                     /* 3 gender */
    "乙,,,13800000000,2001-07-01,2002-07-01,青石村党支部,,\n"                      /* 4 no gender */
    "丙,男,330803201001010113,,2020-07-01,2021-07-01,青石村党支部,,\n"             /* 5 age */
    "丁,男,,,2001-07-01,2000-07-01,青石村党支部,,\n"                               /* 6 full<join */
    "戊,男,,,2999-07-01,,青石村党支部,,\n"                                         /* 7 future */
    "己,男,,1380000000,2001-07-01,2002-07-01,青石村党支部,,\n"                     /* 8 phone */
    "庚,男,,,,,青石村党支部,,\n"                                                   /* 9 no join */
    "辛,男,,,2001-07-01,,青石村党支部,正式党员,\n"                                 /* 10 full */
    "壬,男,,,2001-07-01,2002-07-01,青石村党支部,预备党员,\n"                       /* 11 prob. */
    "癸,男,,,2001-07-01,2002-07-01,青石村党支部,群众,\n"                           /* 12 cat. */
    "子,男,,,2001-07-01,2002-07-01,第一党小组,,\n"                                 /* 13 shared */
    "丑,男,,,2001-07-01,2002-07-01,,,\n"                                           /* 14 no org */
    "寅,男,330803197503120110,,2001-07-01,2002-07-01,青石村党支部,,1975-03-13\n"   /* 15 birth */
    "卯,男,,,2001-07-01,2002-07-01,青石村党支部,,,多余\n"                          /* 16 extra */
    "巳,男,,,2001-07-01,2002-06-30,青石村党支部,,\n"                               /* 17 <1 year */
    "午,男,,,2001-07-01,2002-07-01,中共常山县青石镇赏石小镇委员会,,\n"             /* 18 党委 */
    ",,,,,,,,\n"                                                                   /* blank */
    "辰,女,,+86 138-0000-0000,2001-07-01,2002-07-01,330822105006,,1970-01-01\n";  /* 20 ok */
  const char *const expected[] = {
    "2 姓名", "3 性别", "4 性别", "5 入党日期", "6 转正日期", "7 入党日期", "8 手机号码",
    "9 入党日期", "10 党员类别", "11 党员类别", "12 党员类别", "13 所在支部", "14 所在支部",
    "15 出生日期", "16 column 10", "17 转正日期", "18 所在支部", NULL
  };
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  report = roster_parse_text (&db, text, NULL);
  roster_assert_errors (report, expected);
  g_assert_cmpuint (report->n_rows, ==, 18);
  g_assert_cmpuint (report->n_valid, ==, 1);
  g_assert_true (gt_roster_apply (db.storage, report, TRUE, &error));
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members WHERE name = '辰'"
                                      " AND phone = '13800000000' AND gender = 'F'"
                                      " AND birth_date = '1970-01-01'"), ==, 1);
  gt_test_demo_teardown (&db, NULL);
}

/* Names and free texts are limited as in the exchange XSD (g:name 200, g:text 2000
 * characters, not bytes): a longer one refuses its row, naming line and column. */
static void
test_import_lengths (void)
{
  g_autoptr (GString) text = g_string_new ("姓名,性别,民族,学历,职业,入党日期,所在支部\n");
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name_max = gt_test_repeat ("龚", GT_NAME_MAX_CHARS);
  g_autofree char *name_over = gt_test_repeat ("龚", GT_NAME_MAX_CHARS + 1);
  g_autofree char *text_max = gt_test_repeat ("农", GT_TEXT_MAX_CHARS);
  g_autofree char *text_over = gt_test_repeat ("农", GT_TEXT_MAX_CHARS + 1);
  GtTestDemo db = { 0 };

  g_string_append_printf (text, "%s,男,汉族,大专,农民,2001-07-01,青石村党支部\n", name_over); /* 2 */
  g_string_append_printf (text, "甲,男,%s,大专,农民,2001-07-01,青石村党支部\n", text_over);  /* 3 */
  g_string_append_printf (text, "乙,男,汉族,%s,农民,2001-07-01,青石村党支部\n", text_over);  /* 4 */
  g_string_append_printf (text, "丙,男,汉族,大专,%s,2001-07-01,青石村党支部\n", text_over);  /* 5 */
  g_string_append_printf (text, "%s,男,%s,%s,%s,2001-07-01,青石村党支部\n", name_max,       /* 6 */
                          text_max, text_max, text_max);

  roster_db_open (&db);
  report = roster_parse_text (&db, text->str, NULL);
  roster_assert_errors (report, (const char *const[]) { "2 姓名", "3 民族", "4 学历", "5 职业",
                                                        NULL });
  g_assert_nonnull (strstr (((GtRosterProblem *) report->problems->pdata[0])->message, "201"));
  g_assert_nonnull (strstr (((GtRosterProblem *) report->problems->pdata[1])->message, "2001"));
  g_assert_cmpuint (report->n_valid, ==, 1);
  g_assert_false (gt_roster_apply (db.storage, report, FALSE, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gt_roster_apply (db.storage, report, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (member_exists (db.storage, name_max, "青石村党支部"));
  g_assert_false (member_exists (db.storage, name_over, NULL));
  g_assert_false (member_exists (db.storage, "甲", NULL));
  gt_test_demo_teardown (&db, NULL);
}

static void
test_import_org_option (void)
{
  static const char text[] = "姓名,性别,入党日期\n甲,男,2001-07-01\n";
  g_autoptr (GtRosterReport) report = NULL, by_code = NULL, none = NULL;
  g_autoptr (GError) error = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  /* Without a branch column and without the option, the file cannot be placed. */
  none = roster_parse_text (&db, text, NULL);
  g_assert_false (none->complete);
  roster_assert_errors (none, (const char *const[]) { "1 -", NULL });
  /* Applying it says why, not only that the file was not read to its end. */
  g_assert_false (gt_roster_apply (db.storage, none, TRUE, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "test.csv:1: the header row has no column for the"
                                            " organisation"));
  g_clear_error (&error);
  {
    g_autoptr (GtRosterReport) empty = roster_parse_text (&db, "\xef\xbb\xbf", NULL);

    g_assert_false (gt_roster_apply (db.storage, empty, TRUE, &error));
    g_assert_nonnull (strstr (error->message, "test.csv:1: the file is empty"));
    g_clear_error (&error);
  }
  {
    /* A row with a problem before the line where the reading stopped: the refusal names
     * the stop (line 4, an unclosed quote), not the first problem of the list. */
    g_autoptr (GtRosterReport) cut = roster_parse_text (
        &db, "姓名,性别,入党日期,所在支部\n,男,2001-07-01,青石村党支部\n"
             "甲,男,2001-07-01,青石村党支部\n\"乙,男,2001-07-01,青石村党支部\n", NULL);

    g_assert_false (cut->complete);
    g_assert_cmpuint (gt_roster_report_get_stop (cut)->line, ==, 4);
    g_assert_false (gt_roster_apply (db.storage, cut, TRUE, &error));
    g_assert_nonnull (strstr (error->message, "test.csv:4: 姓名: the quotation mark"));
    g_clear_error (&error);
  }

  report = roster_parse_text (&db, text, "青石村党支部");
  roster_assert_errors (report, (const char *const[]) { NULL });
  by_code = roster_parse_text (&db, text, "330822105007");
  roster_assert_errors (by_code, (const char *const[]) { NULL });
  g_assert_true (gt_roster_apply (db.storage, by_code, FALSE, &error));
  g_assert_true (member_exists (db.storage, "甲", "砚瓦山村党支部"));

  g_assert_null (gt_roster_parse_data (db.storage, text, strlen (text), "t.csv",
                                       GT_CSV_ENCODING_AUTO, "石门村党支部", &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_UNKNOWN_ORG);
  g_clear_error (&error);
  g_assert_null (gt_roster_parse_data (db.storage, text, strlen (text), "t.csv",
                                       GT_CSV_ENCODING_AUTO, "第一党小组", &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_UNKNOWN_ORG);
  g_clear_error (&error);

  {
    g_autofree char *missing = g_build_filename (db.dir, "no-such.csv", NULL);
    g_assert_null (gt_roster_parse (db.storage, missing, GT_CSV_ENCODING_AUTO, NULL, &error));
    g_assert_error (error, GT_CSV_ERROR, GT_CSV_ERROR_OPEN);
    g_assert_true (strstr (error->message, "no-such.csv") != NULL);
  }
  gt_test_demo_teardown (&db, NULL);
}

/* A write that fails half-way (here: an ID inserted behind the report's back) leaves
 * nothing of the file behind. */
static void
test_import_rollback (void)
{
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  report = roster_parse_file (&db, "good.csv", NULL);
  g_assert_cmpuint (report->n_valid, ==, 6);
  g_assert_true (gt_storage_exec (db.storage,
                                  "UPDATE members SET id_number = '330803195504040105'"
                                  " WHERE id = 1", &error));
  before = members_checksum (db.storage);
  g_assert_false (gt_roster_apply (db.storage, report, FALSE, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  after = members_checksum (db.storage);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, ROSTER_DEMO_MEMBERS);
  gt_test_demo_teardown (&db, NULL);
}

/* Headers Guatu does not know are mapped once and remembered for the next file. */
static void
test_import_mapping (void)
{
  const char *odd = "姓名,公民身份证,入党年月,所属党组织,备注\n"
                    "龚自珍,33082219880715003X,2010-07-01,青石村党支部,新党员\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) remembered = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  {
    g_autoptr (GtRosterReport) report = roster_parse_text (&db, odd, NULL);
    g_assert_cmpuint (report->n_valid, ==, 0); /* no joining date column */
    g_assert_cmpuint (report->n_warnings, ==, 4);
    g_assert_cmpuint (report->unknown_columns->len, ==, 4);
    g_assert_cmpstr (report->unknown_columns->pdata[0], ==, "公民身份证");
  }

  /* Mappings for one parse only (a dry run) serve it and store nothing. */
  {
    g_autoptr (GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *path = g_build_filename (db.dir, "odd.csv", NULL);
    g_autoptr (GtRosterReport) report = NULL;
    g_autoptr (GHashTable) none = NULL;

    g_assert_true (g_file_set_contents (path, odd, -1, NULL));
    g_hash_table_insert (columns, "公民身份证", "id_number");
    g_hash_table_insert (columns, "入党年月", "join_date");
    g_hash_table_insert (columns, "所属党组织", "branch");
    g_hash_table_insert (columns, "备注", "ignore");
    g_assert_true (gt_roster_check_column ("备注", "ignore", &error));
    g_assert_false (gt_roster_check_column ("备注", "nonsense", &error));
    g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
    g_clear_error (&error);
    report = gt_roster_parse_mapped (db.storage, path, GT_CSV_ENCODING_AUTO, NULL, columns,
                                     &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_valid, ==, 1);
    g_assert_cmpuint (report->n_warnings, ==, 0);
    none = gt_roster_remembered_columns (db.storage);
    g_assert_cmpuint (g_hash_table_size (none), ==, 0);
    g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM meta"
                                                " WHERE key = 'roster.mapping'"), ==, 0);
  }

  g_assert_true (gt_roster_remember_column (db.storage, "公民身份证", "id_number", &error));
  g_assert_true (gt_roster_remember_column (db.storage, "入党年月", "join_date", &error));
  g_assert_true (gt_roster_remember_column (db.storage, "所属党组织", "branch", &error));
  g_assert_true (gt_roster_remember_column (db.storage, "备注", "ignore", &error));
  g_assert_no_error (error);
  g_assert_false (gt_roster_remember_column (db.storage, "备注", "nonsense", &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gt_roster_remember_column (db.storage, "a\tb", "name", &error));
  g_clear_error (&error);

  remembered = gt_roster_remembered_columns (db.storage);
  g_assert_cmpuint (g_hash_table_size (remembered), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (remembered, "入党年月"), ==, "join_date");
  {
    g_autoptr (GtRosterReport) report = roster_parse_text (&db, odd, NULL);
    g_assert_cmpuint (report->n_valid, ==, 1);
    g_assert_cmpuint (report->n_warnings, ==, 0);
    g_assert_true (gt_roster_apply (db.storage, report, FALSE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members WHERE name = '龚自珍'"
                                      " AND join_date = '2010-07-01'"), ==, 1);

  /* forgetting a column brings the warning back */
  g_assert_true (gt_roster_remember_column (db.storage, "备注", NULL, &error));
  {
    g_autoptr (GtRosterReport) report = roster_parse_text (&db, odd, NULL);
    g_assert_cmpuint (report->n_warnings, ==, 1);
  }
  g_assert_nonnull (gt_roster_field_label ("branch"));
  g_assert_null (gt_roster_field_label ("nonsense"));
  gt_test_demo_teardown (&db, NULL);
}

/* A roster without ID numbers imported twice: the second time every row is refused, naming
 * the member already held, instead of adding everyone again; a namesake with another birth
 * date, or in another branch, goes in. */
static void
test_import_again_without_ids (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtRosterReport) first = NULL, again = NULL, others = NULL;
  static const char text[] = "姓名,性别,出生日期,入党日期,所在支部\n"
                             "重名甲,男,1970-03-01,2001-07-01,澄潭村党支部\n"
                             "重名乙,女,,2003-07-01,澄潭村党支部\n";
  static const char other[] = "姓名,性别,出生日期,入党日期,所在支部\n"
                              "重名甲,男,1982-05-01,2009-07-01,澄潭村党支部\n"
                              "重名乙,女,,2003-07-01,青石村党支部\n";
  GtTestDemo db = { 0 };
  gint64 members;

  roster_db_open (&db);
  first = roster_parse_text (&db, text, NULL);
  g_assert_cmpuint (first->n_valid, ==, 2);
  g_assert_true (gt_roster_apply (db.storage, first, FALSE, &error));
  g_assert_no_error (error);
  members = gt_test_count (db.storage, "SELECT count(*) FROM members");

  again = roster_parse_text (&db, text, NULL);
  g_assert_cmpuint (again->n_valid, ==, 0);
  g_assert_cmpuint (again->problems->len, ==, 2);
  {
    GtRosterProblem *problem = again->problems->pdata[0];
    g_assert_cmpuint (problem->line, ==, 2);
    g_assert_nonnull (strstr (problem->message, "重名甲"));
    g_assert_nonnull (strstr (problem->message, "澄潭村党支部"));
  }
  g_assert_false (gt_roster_apply (db.storage, again, FALSE, &error));
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, members);

  others = roster_parse_text (&db, other, NULL);
  g_assert_cmpuint (others->n_valid, ==, 2);
  gt_test_demo_teardown (&db, NULL);
}

/* The disk fills up during an import (SQLite's max_page_count stands in for ENOSPC): a clear
 * error naming the database, and nothing of the roster stored — in the row-by-row path and in
 * the bulk path, whose dropped search trigger must come back. */
static void
test_import_disk_full (void)
{
  g_autoptr (GError) error = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  for (int rows = 100; rows <= 3000; rows += 2900)
    {
      g_autoptr (GString) text = g_string_new ("姓名,性别,入党日期,所在支部\n");
      g_autoptr (GtRosterReport) report = NULL;
      g_autofree char *limit = NULL;
      gint64 members = gt_test_count (db.storage, "SELECT count(*) FROM members");
      gint64 events = gt_test_count (db.storage, "SELECT count(*) FROM member_events");
      gint64 search = gt_test_count (db.storage, "SELECT count(*) FROM member_search");
      gint64 pages = gt_test_count (db.storage, "PRAGMA page_count");

      for (int i = 0; i < rows; i++)
        g_string_append_printf (text, "满盘%d-%d号,%s,2001-07-01,澄潭村党支部\n", rows, i,
                                i % 2 ? "男" : "女");
      report = roster_parse_text (&db, text->str, NULL);
      g_assert_cmpuint (report->n_valid, ==, (guint) rows);

      limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 2);
      g_assert_true (gt_storage_exec (db.storage, limit, &error));
      g_assert_false (gt_roster_apply (db.storage, report, FALSE, &error));
      g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FULL);
      g_assert_nonnull (strstr (error->message, db.path));
      g_assert_nonnull (strstr (error->message, "disk is full"));
      g_clear_error (&error);

      g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, members);
      g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM member_events"), ==, events);
      g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM member_search"), ==, search);
      g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM sqlite_schema WHERE type ="
                                          " 'trigger' AND name = 'members_search_insert'"), ==, 1);
      g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM pragma_integrity_check"
                                          " WHERE integrity_check <> 'ok'"), ==, 0);

      /* Space again: the same roster goes in whole. */
      g_assert_true (gt_storage_exec (db.storage, "PRAGMA max_page_count = 1073741823", &error));
      g_assert_true (gt_roster_apply (db.storage, report, FALSE, &error));
      g_assert_no_error (error);
      g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, members + rows);
    }
  gt_test_demo_teardown (&db, NULL);
}

/* A header row that ends in empty cells (Excel's trailing commas): the rows may leave those
 * columns out or keep them; a row missing a named column is still truncated. */
static void
test_import_trailing_empty_header (void)
{
  g_autoptr (GtRosterReport) report = NULL;
  GtTestDemo db = { 0 };
  static const char *const errors[] = { "5 所在支部", NULL };

  roster_db_open (&db);
  report = roster_parse_text (&db,
                              "姓名,性别,入党日期,所在支部,,\n"
                              "尾逗一,男,2001-07-01,澄潭村党支部\n"
                              "尾逗二,女,2001-07-01,澄潭村党支部,,\n"
                              "尾逗三,女,2001-07-01,澄潭村党支部,\n"
                              "尾逗四,女,2001-07-01\n",
                              NULL);
  roster_assert_errors (report, errors);
  g_assert_cmpuint (report->n_valid, ==, 3);
  gt_test_demo_teardown (&db, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  roster_fixture_init ();
  g_test_add_func ("/roster/dates", test_dates);
  g_test_add_func ("/roster/import/good", test_import_good);
  g_test_add_func ("/roster/import/tsv-and-quoted", test_import_tsv_and_quoted);
  g_test_add_func ("/roster/import/gbk-and-gb18030", test_import_gb);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/roster/import/bad/%s", bad_files[i].file);
      g_test_add_data_func (name, &bad_files[i], test_import_bad);
    }
  g_test_add_func ("/roster/import/valid-only", test_import_valid_only);
  g_test_add_func ("/roster/import/disk-full", test_import_disk_full);
  g_test_add_func ("/roster/import/again-without-ids", test_import_again_without_ids);
  g_test_add_func ("/roster/import/rules", test_import_rules);
  g_test_add_func ("/roster/import/lengths", test_import_lengths);
  g_test_add_func ("/roster/import/org-option", test_import_org_option);
  g_test_add_func ("/roster/import/rollback", test_import_rollback);
  g_test_add_func ("/roster/import/mapping", test_import_mapping);
  g_test_add_func ("/roster/import/trailing-empty-header", test_import_trailing_empty_header);
  return roster_fixture_run ();
}
