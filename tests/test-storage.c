/* test-storage.c — opening, creating, refusing and migrating real SQLite files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "gt-schema.h"
#include "gt-storage-private.h"
#include "gt-test-demo.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-test-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "test.db", NULL);
}


static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  gt_test_remove_tree (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Reads one integer with a raw connection, independent of GtStorage. */
static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_create (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  GStatBuf st;
  gint64 value = 0;

  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (storage);
  g_assert_cmpint (gt_storage_get_schema_version (storage), ==, GT_SCHEMA_VERSION);

  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (gt_storage_query_int64 (storage, "PRAGMA foreign_keys", &value, &error));
  g_assert_cmpint (value, ==, 1);
  g_assert_true (gt_storage_query_int64 (storage, "PRAGMA synchronous", &value, &error));
  g_assert_cmpint (value, ==, 2); /* FULL */
  g_assert_true (gt_storage_query_int64 (storage, "PRAGMA busy_timeout", &value, &error));
  g_assert_cmpint (value, >, 0);
  g_assert_no_error (error);
  g_clear_object (&storage);

  g_assert_cmpint (raw_int (fx->path, "PRAGMA application_id"), ==, GT_APPLICATION_ID);
  g_assert_cmpint (raw_int (fx->path, "PRAGMA user_version"), ==, GT_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fx->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==,
                   1);

  /* A second open finds the same database and changes nothing. */
  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_storage_get_schema_version (storage), ==, GT_SCHEMA_VERSION);
}

static void
test_missing (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);

  g_assert_null (storage);
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN);
  g_assert_nonnull (strstr (error->message, "test.db"));
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
}

/* Opening @path must fail with @code and leave the file byte-for-byte unchanged,
 * with no journal files left beside it. */
static void
assert_refused_unchanged (const char *path, int code, const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autofree char *before = NULL, *after = NULL, *wal = NULL, *shm = NULL;
  gsize before_len = 0, after_len = 0;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_null (storage);
  g_assert_error (error, GT_STORAGE_ERROR, code);
  g_test_message ("refused as expected: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static void
test_refuse_garbage (Fixture *fx, gconstpointer data)
{
  char garbage[4096];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (fx->path, garbage, sizeof garbage, NULL));
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_NOT_GUATU, "SQLite");
}

static void
test_refuse_empty (Fixture *fx, gconstpointer data)
{
  g_assert_true (g_file_set_contents (fx->path, "", 0, NULL));
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_NOT_GUATU, NULL);
}

static void
test_refuse_text (Fixture *fx, gconstpointer data)
{
  const char *csv = "姓名,身份证号\n张三,330822199001010011\n";

  g_assert_true (g_file_set_contents (fx->path, csv, -1, NULL));
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_NOT_GUATU, NULL);
}

static void
test_refuse_header_only (Fixture *fx, gconstpointer data)
{
  /* An SQLite header followed by junk: SQLite itself must say it is not a database. */
  char bytes[1024] = "SQLite format 3";

  memset (bytes + 16, 0xAB, sizeof bytes - 16);
  g_assert_true (g_file_set_contents (fx->path, bytes, sizeof bytes, NULL));
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_NOT_GUATU, NULL);
}

static void
test_refuse_other_app (Fixture *fx, gconstpointer data)
{
  raw_exec (fx->path, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);"
                      "INSERT INTO accounts (name) VALUES ('cash');");
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_NOT_GUATU, NULL);
}

static void
test_refuse_other_app_wal (Fixture *fx, gconstpointer data)
{
  raw_exec (fx->path, "PRAGMA journal_mode = WAL; PRAGMA application_id = 1234;"
                      "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_NOT_GUATU, NULL);
}

static void
test_refuse_empty_sqlite (Fixture *fx, gconstpointer data)
{
  /* A valid SQLite file with no tables that we did not create ourselves. */
  raw_exec (fx->path, "PRAGMA user_version = 0; VACUUM;");
  if (!g_file_test (fx->path, G_FILE_TEST_EXISTS))
    return;
  {
    g_autofree char *contents = NULL;
    gsize len = 0;
    g_assert_true (g_file_get_contents (fx->path, &contents, &len, NULL));
    if (len == 0)
      return; /* SQLite wrote nothing; the empty-file case covers it */
  }
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_NOT_GUATU, NULL);
}

static void
test_refuse_newer (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", GT_SCHEMA_VERSION + 1);

  g_assert_no_error (error);
  g_clear_object (&storage);
  raw_exec (fx->path, "PRAGMA journal_mode = DELETE");
  raw_exec (fx->path, bump);
  assert_refused_unchanged (fx->path, GT_STORAGE_ERROR_TOO_NEW, "newer");
}

static void
test_refuse_directory (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->dir, GT_STORAGE_OPEN_CREATE, &error);

  g_assert_null (storage);
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU);
}

/* Rows that exist at every schema version from 1 on, written with plain SQL. */
static void
insert_v1_rows (const char *path)
{
  raw_exec (path,
            "INSERT INTO organizations (id, uuid, name, kind, org_type, level, mtime)"
            " VALUES (1, 'u-org-1', '青石镇党委', 'committee', 'special_town', 'township', 'x');"
            "INSERT INTO organizations (id, uuid, parent_id, name, kind, org_type, level, mtime)"
            " VALUES (2, 'u-org-2', 1, '青石村党支部', 'branch', 'rural', 'village', 'x');"
            "INSERT INTO members (id, uuid, org_id, name, gender, id_number, category, join_date,"
            " full_date, mtime) VALUES (1, 'u-m-1', 2, '余土根', 'M', '34052419800101001X',"
            " 'full', '2001-07-01', '2002-07-01', 'x');"
            "INSERT INTO member_events (uuid, member_id, kind, date, org_id, mtime)"
            " VALUES ('u-e-1', 1, 'admission', '2001-07-01', 2, 'x');");
}

static void
insert_v2_rows (const char *path)
{
  raw_exec (path,
            "INSERT INTO villages (id, uuid, name, org_id, mtime) VALUES (1, 'u-v-1', '青石村', 2, 'x');"
            "INSERT INTO households (id, uuid, head_name, village_id, mtime)"
            " VALUES (1, 'u-h-1', '徐建国', 1, 'x');"
            "INSERT INTO member_household_links (uuid, member_id, household_id, mtime)"
            " VALUES ('u-l-1', 1, 1, 'x');");
}

static void
test_migrate_from (Fixture *fx, gconstpointer data)
{
  int from = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  gint64 n = 0;

  storage = gt_storage_open_at_version (fx->path, from, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_storage_get_schema_version (storage), ==, from);
  g_clear_object (&storage);
  g_assert_cmpint (raw_int (fx->path, "PRAGMA user_version"), ==, from);

  insert_v1_rows (fx->path);
  if (from >= 2)
    insert_v2_rows (fx->path);

  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_storage_get_schema_version (storage), ==, GT_SCHEMA_VERSION);

  /* Data from the older version is still there, and new tables work. */
  g_assert_true (gt_storage_query_int64 (storage, "SELECT count(*) FROM members", &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (gt_storage_query_int64 (storage, "SELECT count(*) FROM member_events", &n,
                                         &error));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (gt_storage_exec (storage,
                                  "INSERT INTO projects (uuid, number, name, org_id, mtime)"
                                  " VALUES ('u-p-1', '2026-07-001', '青石村示范点', 1, 'x')",
                                  &error));
  g_assert_no_error (error);
  g_assert_true (gt_storage_query_int64 (storage, "SELECT count(*) FROM pragma_foreign_key_check",
                                         &n, &error));
  g_assert_cmpint (n, ==, 0);
}

/* Step 13: received records and published score results survive; every result gets a
 * distinct uuid while published ones still refuse changes; deleting a meeting, a payment or
 * a points entry leaves a tombstone; ex_records takes the new types. */
static void
test_migrate_v13 (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open_at_version (fx->path, 12, &error);

  g_assert_no_error (error);
  g_clear_object (&storage);
  insert_v1_rows (fx->path);
  raw_exec (fx->path,
            "INSERT INTO ex_records (source_code, type, uuid, rev, mtime, data, package_uuid)"
            " VALUES ('330822105', 'member', 'u-r-1', 3, 'x', '{\"name\":\"余土根\"}', 'p');"
            "INSERT INTO ex_reports (uuid, mtime, kind, sender_code, created, members)"
            " VALUES ('p', 'x', 'report', '330822105', 'x', 1);"
            "INSERT INTO score_rule_sets (version, created, body, current) VALUES (1, 'x', '{}', 1);"
            "INSERT INTO score_runs (id, uuid, kind, period, rule_version, created, mtime)"
            " VALUES (1, 'u-run-1', 'stars', '2025', 1, 'x', 'x');"
            "INSERT INTO score_results (run_id, member_id, score, stars) VALUES (1, 1, 90, 4),"
            " (1, NULL, 80, 3);"
            "UPDATE score_runs SET published = 1 WHERE id = 1;"
            "INSERT INTO meetings (id, uuid, mtime, org_id, kind, date)"
            " VALUES (1, 'u-mt-1', 'x', 2, 'general', '2026-03-01');"
            "INSERT INTO dues_payments (uuid, mtime, member_id, org_id, month, amount_fen, paid_on)"
            " VALUES ('u-d-1', 'x', 1, 2, '2026-03', 200, '2026-03-05');"
            "INSERT INTO score_points (uuid, member_id, org_id, month, kind, item_code, category,"
            " points, mtime) VALUES ('u-p-1', 1, 2, '2026-03', 'study', 'a', 'basic', 2, 'x');");

  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fx->path, "SELECT count(*) FROM ex_records WHERE uuid = 'u-r-1'"
                                      " AND rev = 3 AND json_extract (data, '$.name') = '余土根'"),
                   ==, 1);
  g_assert_cmpint (raw_int (fx->path, "SELECT members + meetings + dues_payments + points + ratings"
                                      " FROM ex_reports"), ==, 1);
  /* the county roll-up's partial index, used when a query repeats its WHERE term */
  {
    sqlite3_stmt *plan = gt_storage_prepare (storage,
                                             "EXPLAIN QUERY PLAN SELECT count(*) FROM ex_records"
                                             " WHERE source_code = 'c' AND type = 'meeting'"
                                             " AND type IN ('organization', 'meeting',"
                                             " 'dues-payment', 'rating')", &error);
    gboolean used = FALSE;

    g_assert_no_error (error);
    while (sqlite3_step (plan) == SQLITE_ROW)
      used |= strstr ((const char *) sqlite3_column_text (plan, 3), "ex_records_rollup") != NULL;
    sqlite3_reset (plan);
    g_assert_true (used);
  }
  g_assert_cmpint (raw_int (fx->path, "SELECT count(DISTINCT uuid) FROM score_results"
                                      " WHERE length (uuid) = 36"), ==, 2);
  g_assert_false (gt_storage_exec (storage, "UPDATE score_results SET stars = 5", &error));
  g_assert_nonnull (strstr (error->message, "never rewritten"));
  g_clear_error (&error);
  g_assert_true (gt_storage_exec (storage,
                                  "INSERT INTO ex_records (source_code, type, uuid, mtime,"
                                  " package_uuid) VALUES ('330822105', 'dues-payment', 'u-r-2',"
                                  " 'x', 'p');"
                                  "DELETE FROM meetings; DELETE FROM dues_payments;"
                                  " DELETE FROM score_points;", &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (fx->path, "SELECT count(*) FROM ex_tombstones WHERE type IN"
                                      " ('meeting', 'dues-payment', 'point') AND rev = 2"), ==, 3);
  g_assert_false (gt_storage_exec (storage,
                                   "INSERT INTO ex_records (source_code, type, uuid, mtime,"
                                   " package_uuid) VALUES ('c', 'village', 'u-r-3', 'x', 'p')",
                                   &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
}

/* Step 14: a project or milestone whose insert the audit log names (by uuid) takes that
 * day as created_on; one it does not name (written behind its back, or a row id reused by
 * another record) stays unknown. */
static void
test_migrate_v14 (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open_at_version (fx->path, 13, &error);
  g_autofree char *today = gt_today ();
  g_autofree char *audited = NULL;

  g_assert_no_error (error);
  insert_v1_rows (fx->path);
  /* through the storage: audited */
  g_assert_true (gt_storage_exec (storage,
                                  "INSERT INTO projects (id, uuid, number, name, org_id, mtime)"
                                  " VALUES (1, 'u-p-1', '2026-07-001', '青石村示范点', 1, 'x');"
                                  "INSERT INTO milestones (id, uuid, project_id, seq, name,"
                                  " planned_date, mtime) VALUES (1, 'u-ms-1', 1, 1, '方案制定',"
                                  " '2026-08-01', 'x');"
                                  "INSERT INTO projects (id, uuid, number, name, org_id, mtime)"
                                  " VALUES (3, 'u-p-3', '2026-07-003', '被删的示范点', 1, 'x');"
                                  "DELETE FROM projects WHERE id = 3;", &error));
  g_assert_no_error (error);
  g_clear_object (&storage);
  /* behind its back: not audited; id 3 reused by another project */
  raw_exec (fx->path,
            "INSERT INTO projects (id, uuid, number, name, org_id, mtime)"
            " VALUES (2, 'u-p-2', '2026-07-002', '青石村示范带', 1, 'x');"
            "INSERT INTO projects (id, uuid, number, name, org_id, mtime)"
            " VALUES (3, 'u-p-4', '2026-07-004', '石韵文旅示范带', 1, 'x');"
            "INSERT INTO milestones (id, uuid, project_id, seq, name, planned_date, mtime)"
            " VALUES (2, 'u-ms-2', 1, 2, '验收销号', '2026-09-01', 'x');");

  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  audited = g_strdup_printf ("SELECT count(*) FROM projects WHERE id = 1 AND created_on = '%s'",
                             today);
  g_assert_cmpint (raw_int (fx->path, audited), ==, 1);
  g_free (audited);
  audited = g_strdup_printf ("SELECT count(*) FROM milestones WHERE id = 1 AND created_on = '%s'",
                             today);
  g_assert_cmpint (raw_int (fx->path, audited), ==, 1);
  g_assert_cmpint (raw_int (fx->path, "SELECT count(*) FROM projects WHERE created_on IS NULL"),
                   ==, 2);
  g_assert_cmpint (raw_int (fx->path, "SELECT count(*) FROM milestones WHERE id = 2"
                                      " AND created_on IS NULL"), ==, 1);
}

/* Step 19: a member registered directly with a 党小组 (as steps 1 to 17 allowed) is
 * registered with its branch and placed in the group; one of a group under a 党总支 stays
 * as it was. */
static void
test_migrate_v19 (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open_at_version (fx->path, 17, &error);

  g_assert_no_error (error);
  g_clear_object (&storage);
  insert_v1_rows (fx->path);
  raw_exec (fx->path,
            "INSERT INTO organizations (id, uuid, parent_id, name, kind, org_type, level, mtime)"
            " VALUES (3, 'u-org-3', 2, '第一党小组', 'group', 'rural', 'grid', 'x');"
            "INSERT INTO organizations (id, uuid, parent_id, name, kind, org_type, level, mtime)"
            " VALUES (4, 'u-org-4', 1, '机关党小组', 'group', 'organ', 'township', 'x');"
            "INSERT INTO members (id, uuid, org_id, name, gender, category, join_date, mtime)"
            " VALUES (2, 'u-m-2', 3, '余水根', 'M', 'full', '2001-07-01', 'x');"
            "INSERT INTO members (id, uuid, org_id, name, gender, category, join_date, mtime)"
            " VALUES (3, 'u-m-3', 4, '余火根', 'M', 'full', '2001-07-01', 'x');");
  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_storage_get_schema_version (storage), ==, GT_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fx->path, "SELECT org_id FROM members WHERE id = 2"), ==, 2);
  g_assert_cmpint (raw_int (fx->path, "SELECT group_id FROM members WHERE id = 2"), ==, 3);
  g_assert_cmpint (raw_int (fx->path, "SELECT rev FROM members WHERE id = 2"), ==, 2);
  g_assert_cmpint (raw_int (fx->path, "SELECT org_id FROM members WHERE id = 3"), ==, 4);
  g_assert_cmpint (raw_int (fx->path, "SELECT count(*) FROM members WHERE id IN (1, 3)"
                                      " AND group_id IS NULL"), ==, 2);
}

/* The name of the first table the newest table-creating migration step creates, and that
 * step's version. */
static char *
last_step_table (int *version)
{
  guint n = 0;
  const GtMigration *steps = gt_schema_get_migrations (&n);
  g_autoptr (GRegex) re = g_regex_new ("CREATE (?:VIRTUAL )?TABLE (\\w+)", 0, 0, NULL);

  for (guint i = n; i-- > 0;)
    {
      g_autoptr (GMatchInfo) match = NULL;

      g_autofree char *table = NULL, *drop = NULL;

      /* A step that replaces a table (drops it, then creates it anew) cannot be blocked by
       * a table of that name. */
      if (!g_regex_match (re, steps[i].sql, 0, &match))
        continue;
      table = g_match_info_fetch (match, 1);
      drop = g_strdup_printf ("DROP TABLE %s;", table);
      if (strstr (steps[i].sql, drop) == NULL)
        {
          *version = steps[i].version;
          return g_steal_pointer (&table);
        }
    }
  g_assert_not_reached ();
}

static void
test_migration_failure_rolls_back (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  int version = 0;
  g_autofree char *table = last_step_table (&version);
  g_autofree char *blocker = g_strdup_printf ("CREATE TABLE %s (x)", table);
  g_autofree char *left = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE name = '%s'"
                                           " AND sql LIKE '%%(x)'", table);

  storage = gt_storage_open_at_version (fx->path, version - 1, &error);
  g_assert_no_error (error);
  g_clear_object (&storage);
  insert_v1_rows (fx->path);
  /* Something in the way of the newest step: a table of the same name. */
  raw_exec (fx->path, blocker);

  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_null (storage);
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, table));
  g_test_message ("%s", error->message);

  /* Nothing of the failed step remains; the older data is intact. */
  g_assert_cmpint (raw_int (fx->path, "PRAGMA user_version"), ==, version - 1);
  g_assert_cmpint (raw_int (fx->path, left), ==, 1);
  g_assert_cmpint (raw_int (fx->path, "SELECT count(*) FROM members"), ==, 1);
}

static void
test_errors_name_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  /* A broken rule: a member in an organisation that does not exist. */
  g_assert_false (gt_storage_exec (storage,
                                   "INSERT INTO members (uuid, org_id, name, gender, category,"
                                   " mtime) VALUES ('u', 999, '某某', 'M', 'full', 'x')",
                                   &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "test.db"));
  g_assert_nonnull (strstr (error->message, "FOREIGN KEY"));
}

static void
test_statements_cached (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  sqlite3_stmt *a, *b;

  a = gt_storage_prepare (storage, "SELECT count(*) FROM members", &error);
  b = gt_storage_prepare (storage, "SELECT count(*) FROM members", &error);
  g_assert_no_error (error);
  g_assert_true (a == b);
  g_assert_null (gt_storage_prepare (storage, "SELECT nonsense FROM nowhere", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "nowhere"));
}

static void
test_transactions (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_autofree char *value = NULL;

  g_assert_true (gt_storage_begin (storage, &error));
  g_assert_true (gt_storage_set_meta (storage, "office_name", "青石镇", &error));
  g_assert_true (gt_storage_begin (storage, &error));
  g_assert_true (gt_storage_set_meta (storage, "office_code", "330822105", &error));
  gt_storage_rollback (storage); /* inner only */
  g_assert_true (gt_storage_commit (storage, &error));
  g_assert_no_error (error);

  value = gt_storage_get_meta (storage, "office_name");
  g_assert_cmpstr (value, ==, "青石镇");
  g_assert_null (gt_storage_get_meta (storage, "office_code"));

  g_assert_true (gt_storage_begin (storage, &error));
  g_assert_true (gt_storage_set_meta (storage, "role", "county", &error));
  gt_storage_rollback (storage);
  g_assert_null (gt_storage_get_meta (storage, "role"));
}

static void
test_member_events_never_change (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;

  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_clear_object (&storage);
  insert_v1_rows (fx->path);
  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_false (gt_storage_exec (storage, "UPDATE member_events SET date = '2000-01-01'",
                                   &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "never changed"));
}

static void
test_changed_signal (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  int members = 0, all = 0;

  g_signal_connect_swapped (storage, "changed::members", G_CALLBACK (g_atomic_int_inc), &members);
  g_signal_connect_swapped (storage, "changed", G_CALLBACK (g_atomic_int_inc), &all);
  gt_storage_emit_changed (storage, "members");
  gt_storage_emit_changed (storage, "projects");
  g_assert_cmpint (members, ==, 1);
  g_assert_cmpint (all, ==, 2);
}

static char *
journal_mode (GtStorage *storage)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "PRAGMA journal_mode", NULL);
  char *mode;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return mode;
}

/* One large write through the rollback journal, only when the connection is the file's only
 * one and outside a transaction; WAL again afterwards, and what was written is there. */
static void
test_bulk_write (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_autofree char *mode = NULL, *value = NULL;
  sqlite3 *other = NULL;

  g_assert_true (gt_storage_begin_bulk_write (storage));
  mode = journal_mode (storage);
  g_assert_cmpstr (mode, ==, "delete");
  g_clear_pointer (&mode, g_free);
  g_assert_true (gt_storage_begin (storage, &error));
  g_assert_true (gt_storage_set_meta (storage, "test.bulk", "1", &error));
  g_assert_true (gt_storage_commit (storage, &error));
  g_assert_no_error (error);
  gt_storage_end_bulk_write (storage);
  mode = journal_mode (storage);
  g_assert_cmpstr (mode, ==, "wal");
  g_clear_pointer (&mode, g_free);
  value = gt_storage_get_meta (storage, "test.bulk");
  g_assert_cmpstr (value, ==, "1");

  /* Inside a transaction: no. */
  g_assert_true (gt_storage_begin (storage, &error));
  g_assert_false (gt_storage_begin_bulk_write (storage));
  gt_storage_rollback (storage);

  /* Another connection on the file (the window's, while a worker imports): no, and it can
   * go on reading beside the writer as WAL lets it. */
  g_assert_cmpint (sqlite3_open_v2 (fx->path, &other, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "SELECT count(*) FROM meta", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_false (gt_storage_begin_bulk_write (storage));
  mode = journal_mode (storage);
  g_assert_cmpstr (mode, ==, "wal");
  gt_storage_end_bulk_write (storage); /* nothing to undo */
  sqlite3_close (other);
}

#define ADD(name, func) \
  g_test_add ("/storage/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

static const char *self_path;

/* Another process opens and closes the database, as guatu-cli does beside the window: this
 * program again (a fork would share this process's SQLite lock bookkeeping). */
static int
child_open_and_close (const char *path)
{
  sqlite3 *db = NULL;
  int ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
           sqlite3_exec (db, "SELECT count(*) FROM meta", NULL, NULL, NULL) == SQLITE_OK;

  /* the last connection to close checkpoints and deletes the WAL */
  sqlite3_close (db);
  return ok ? 0 : 1;
}

static void
open_and_close_elsewhere (const char *path)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { self_path, "--child-open-and-close", path, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

/* A second connection of this process (a page's worker, a backup) must not drop the first
 * one's locks when it opens and closes: another process would then delete the WAL the first
 * one still writes to, and everything it wrote afterwards was lost. */
static void
test_second_connection_keeps_locks (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (storage, "test.before", "1", &error));
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      GtStorage *second = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);

      g_assert_no_error (error);
      g_object_unref (second);
    }
  open_and_close_elsewhere (fx->path);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (gt_storage_set_meta (storage, "test.after", "2", &error));
  g_assert_no_error (error);
  g_clear_object (&storage);
  storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = gt_storage_get_meta (storage, "test.after");
  g_assert_cmpstr (value, ==, "2");
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--child-open-and-close") == 0)
    return child_open_and_close (argv[2]);
  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  ADD ("create", test_create);
  ADD ("missing", test_missing);
  ADD ("refuse/garbage", test_refuse_garbage);
  ADD ("refuse/empty", test_refuse_empty);
  ADD ("refuse/text", test_refuse_text);
  ADD ("refuse/header-only", test_refuse_header_only);
  ADD ("refuse/other-app", test_refuse_other_app);
  ADD ("refuse/other-app-wal", test_refuse_other_app_wal);
  ADD ("refuse/empty-sqlite", test_refuse_empty_sqlite);
  ADD ("refuse/newer", test_refuse_newer);
  ADD ("refuse/directory", test_refuse_directory);
  /* from every version a migration step leaves */
  {
    guint n_steps = 0;
    const GtMigration *steps = gt_schema_get_migrations (&n_steps);

    for (guint i = 0; i + 1 < n_steps; i++)
      {
        int v = steps[i].version;
        g_autofree char *name = g_strdup_printf ("/storage/migrate/from-v%d", v);
        g_test_add (name, Fixture, GINT_TO_POINTER (v), fixture_setup, test_migrate_from,
                    fixture_teardown);
      }
  }
  ADD ("migrate/v13-exchange-life", test_migrate_v13);
  ADD ("migrate/v14-created-on", test_migrate_v14);
  ADD ("migrate/v19-groups", test_migrate_v19);
  ADD ("migrate/failure-rolls-back", test_migration_failure_rolls_back);
  ADD ("errors-name-file", test_errors_name_file);
  ADD ("statements-cached", test_statements_cached);
  ADD ("transactions", test_transactions);
  ADD ("bulk-write", test_bulk_write);
  ADD ("member-events-never-change", test_member_events_never_change);
  ADD ("changed-signal", test_changed_signal);
  ADD ("second-connection-keeps-locks", test_second_connection_keeps_locks);

  return g_test_run ();
}
