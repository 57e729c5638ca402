/* test-roster-export.c — the roster written out: masked CSV, round trip, safe writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "gt-csv.h"
#include "gt-roster.h"
#include "gt-stats.h"
#include "roster-fixture.h"

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "\r\n"); p != NULL; p = strstr (p + 2, "\r\n"))
    n++;
  return n;
}

static void
test_export_masked (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *text = NULL, *by_code = NULL;
  GStatBuf st;
  guint n = 0;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  path = g_build_filename (db.dir, "roster.csv", NULL);
  g_assert_true (gt_roster_export (db.storage, NULL, path, GT_ROSTER_EXPORT_DEFAULT, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, ROSTER_DEMO_MEMBERS);
  text = gt_test_read_text (path);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF姓名,性别,民族,身份证号,手机号码,学历,职业,"
                                         "入党日期,转正日期,所在支部,党员类别,所在党小组\r\n"));
  g_assert_cmpuint (count_lines (text), ==, ROSTER_DEMO_MEMBERS + 1);
  g_assert_nonnull (strstr (text, "********"));
  g_assert_null (strstr (text, "330822198401181346")); /* 姜红英, in full */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* One branch, by name and by code: the same 38 members. */
  g_assert_true (gt_roster_export (db.storage, "青石村党支部", path, GT_ROSTER_EXPORT_DEFAULT, &n,
                                   &error));
  g_assert_cmpuint (n, ==, 38);
  g_clear_pointer (&text, g_free);
  text = gt_test_read_text (path);
  g_assert_cmpuint (count_lines (text), ==, 38 + 1);
  by_code = g_build_filename (db.dir, "by-code.csv", NULL);
  g_assert_true (gt_roster_export (db.storage, "330822105006", by_code, GT_ROSTER_EXPORT_DEFAULT,
                                   &n, &error));
  g_assert_cmpuint (n, ==, 38);
  {
    g_autofree char *other = gt_test_read_text (by_code);
    g_assert_cmpstr (other, ==, text);
  }
  g_assert_false (gt_roster_export (db.storage, "石门村党支部", path, GT_ROSTER_EXPORT_DEFAULT,
                                    &n, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_UNKNOWN_ORG);
  gt_test_demo_teardown (&db, NULL);
}

/* A masked export (the default) read back: refused as a whole with one message on top, not
 * one error per masked cell; nothing stored. The unmasked export is not taken for one. */
static void
test_export_masked_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtRosterReport) report = NULL;
  g_autofree char *path = NULL, *full = NULL;
  const GtRosterProblem *problem;
  guint n = 0;
  gint64 before;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  path = g_build_filename (db.dir, "masked.csv", NULL);
  g_assert_true (gt_roster_export (db.storage, NULL, path, GT_ROSTER_EXPORT_DEFAULT, &n, &error));
  g_assert_no_error (error);
  before = gt_test_count (db.storage, "SELECT count(*) FROM members");

  report = gt_roster_parse (db.storage, path, GT_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->masked);
  g_assert_false (report->complete);
  g_assert_cmpuint (report->n_rows, ==, ROSTER_DEMO_MEMBERS);
  g_assert_cmpuint (report->n_valid, ==, 0);
  g_assert_cmpuint (report->n_errors, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 1);
  problem = report->problems->pdata[0];
  g_assert_cmpuint (problem->line, ==, 0);
  g_assert_null (problem->column);
  g_assert_false (problem->warning);
  g_test_message ("%s", problem->message);
  g_assert_true (g_str_has_prefix (problem->message, "this file is a masked export: "));
  g_assert_nonnull (strstr (problem->message, "cannot be imported"));
  g_assert_nonnull (strstr (problem->message, "without masking"));

  g_assert_false (gt_roster_apply (db.storage, report, TRUE, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "masked export"));
  g_assert_null (strstr (error->message, ":0:"));
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, before);
  g_clear_error (&error);
  g_clear_pointer (&report, gt_roster_report_free);

  /* The same roster unmasked: its rows are checked one by one (here: already held). */
  full = g_build_filename (db.dir, "full.csv", NULL);
  g_assert_true (gt_roster_export (db.storage, NULL, full, GT_ROSTER_EXPORT_UNMASKED, &n,
                                   &error));
  report = gt_roster_parse (db.storage, full, GT_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (report->masked);
  g_assert_true (report->complete);
  g_assert_cmpuint (report->n_errors, >, 1);
  gt_test_demo_teardown (&db, NULL);
}

/* Member data that must survive a round trip, by ID number. */
static char *
roster_digest (GtStorage *storage)
{
  g_autoptr (GString) all = g_string_new (NULL);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT m.name, m.gender, m.ethnicity, m.id_number, m.phone, m.education, m.occupation,"
    " m.birth_date, m.join_date, m.full_date, m.category, m.status, o.name,"
    " (SELECT group_concat (kind || '@' || date, ';') FROM (SELECT kind, date FROM member_events"
    "  e WHERE e.member_id = m.id ORDER BY date, kind))"
    " FROM members m JOIN organizations o ON o.id = m.org_id ORDER BY m.id_number", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          g_string_append_printf (all, "%s|", text != NULL ? text : "(null)");
        }
      g_string_append_c (all, '\n');
    }
  sqlite3_reset (stmt);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, -1);
}

static void
test_export_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) fresh = NULL;
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *path = NULL, *fresh_path = NULL, *want = NULL, *got = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  /* Values a spreadsheet would run as formulas go out led by an apostrophe, and come back
   * as they were. */
  g_assert_true (gt_storage_exec (db.storage,
                                  "UPDATE members SET name = '=HYPERLINK(\"x\",1)'"
                                  " WHERE id = (SELECT min (id) FROM members);"
                                  "UPDATE members SET occupation = '@SUM(1+1)'"
                                  " WHERE id = (SELECT max (id) FROM members);"
                                  "UPDATE members SET occupation = '-2+3'"
                                  " WHERE id = (SELECT min (id) + 1 FROM members)", &error));
  path = g_build_filename (db.dir, "roster.csv", NULL);
  g_assert_true (gt_roster_export (db.storage, NULL, path, GT_ROSTER_EXPORT_UNMASKED, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, ROSTER_DEMO_MEMBERS);
  {
    g_autofree char *text = gt_test_read_text (path);
    g_assert_null (strstr (text, "****"));
    g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"x\"\",1)\""));
    g_assert_nonnull (strstr (text, ",'@SUM(1+1),"));
    g_assert_nonnull (strstr (text, ",'-2+3,"));
    g_assert_null (strstr (text, ",=")); /* no cell starts a formula */
    g_assert_null (strstr (text, ",@"));
  }

  /* A new database with the same organisation tree and no members. */
  fresh_path = g_build_filename (db.dir, "fresh.db", NULL);
  fresh = gt_storage_open (fresh_path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  stmt = gt_storage_prepare (fresh, "ATTACH DATABASE ? AS src", &error);
  sqlite3_bind_text (stmt, 1, db.path, -1, SQLITE_TRANSIENT);
  g_assert_true (gt_storage_step_done (fresh, stmt, &error));
  g_assert_true (gt_storage_exec (fresh, "INSERT INTO organizations SELECT * FROM src.organizations;"
                                         "DETACH DATABASE src", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fresh, "SELECT count(*) FROM members"), ==, 0);

  report = gt_roster_parse (fresh, path, GT_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  roster_assert_errors (report, (const char *const[]) { NULL });
  g_assert_cmpuint (report->n_warnings, ==, 0);
  g_assert_true (gt_roster_apply (fresh, report, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, ROSTER_DEMO_MEMBERS);

  want = roster_digest (db.storage);
  got = roster_digest (fresh);
  g_assert_cmpstr (got, ==, want);
  g_assert_true (gt_stats_check (fresh, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  gt_test_demo_teardown (&db, NULL);
}

static gboolean
dir_has_temp_files (const char *dir, const char *prefix)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return TRUE;
  return FALSE;
}

static void
test_export_safe (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = NULL, *target_dir = NULL, *inside = NULL, *existing = NULL;
  GtTestDemo db = { 0 };

  roster_db_open (&db);

  /* A folder that does not exist: nothing is created, the error names the file. */
  missing = g_build_filename (db.dir, "no", "such", "roster.csv", NULL);
  g_assert_false (gt_roster_export (db.storage, NULL, missing, GT_ROSTER_EXPORT_DEFAULT, NULL,
                                    &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT);
  g_assert_nonnull (strstr (error->message, "roster.csv"));
  g_clear_error (&error);

  /* The target is a folder: rename fails, the folder and its content stay, no temp file. */
  target_dir = g_build_filename (db.dir, "roster.csv", NULL);
  g_assert_cmpint (g_mkdir (target_dir, 0700), ==, 0);
  inside = g_build_filename (target_dir, "keep", NULL);
  g_assert_true (g_file_set_contents (inside, "keep", -1, NULL));
  g_assert_false (gt_roster_export (db.storage, NULL, target_dir, GT_ROSTER_EXPORT_DEFAULT, NULL,
                                    &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT);
  g_assert_nonnull (strstr (error->message, "roster.csv"));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  g_assert_false (dir_has_temp_files (db.dir, ".roster.csv."));
  g_clear_error (&error);

  /* The disk fills up half-way (a file size limit stands in for ENOSPC): the old file
   * stays as it was and the temporary file is removed. */
  existing = g_build_filename (db.dir, "old.csv", NULL);
  g_assert_true (g_file_set_contents (existing, "old contents\r\n", -1, NULL));
  if (g_test_subprocess ())
    {
      struct rlimit limit = { 4096, 4096 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (gt_roster_export (db.storage, NULL, g_getenv ("ROSTER_TARGET"),
                                        GT_ROSTER_EXPORT_DEFAULT, NULL, &error));
      g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT);
      g_printerr ("%s\n", error->message);
      gt_test_demo_teardown (&db, NULL);
      return;
    }
  g_setenv ("ROSTER_TARGET", existing, TRUE);
  /* The child opens its own copy, so its directory differs: point it at ours. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*old.csv*");
  {
    g_autofree char *text = gt_test_read_text (existing);
    g_assert_cmpstr (text, ==, "old contents\r\n");
  }
  g_assert_false (dir_has_temp_files (db.dir, ".old.csv."));
  gt_test_demo_teardown (&db, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  roster_fixture_init ();
  g_test_add_func ("/roster/export/masked", test_export_masked);
  g_test_add_func ("/roster/export/masked-import", test_export_masked_import);
  g_test_add_func ("/roster/export/round-trip", test_export_round_trip);
  g_test_add_func ("/roster/export/safe", test_export_safe);
  return roster_fixture_run ();
}
