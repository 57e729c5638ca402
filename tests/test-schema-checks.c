/* test-schema-checks.c — schema step 16: CHECK constraints without constant IN lists
 *
 * A one-row INSERT into a table whose CHECK holds `x IN (a, b, c)` built a temporary b-tree
 * of the constants on every execution. After step 16 none does; the constraints still refuse
 * what they refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "gt-schema.h"
#include "gt-storage.h"
#include "gt-test-demo.h"

static void
test_rewrite (void)
{
  static const struct
  {
    const char *in, *out;
  } cases[] = {
    /* two constants are compared in place by SQLite already */
    { "a TEXT CHECK (a IN ('M', 'F'))", "a TEXT CHECK (a IN ('M', 'F'))" },
    { "b INTEGER CHECK (b IN (0, 1))", "b INTEGER CHECK (b IN (0, 1))" },
    { "k TEXT CHECK (k IN ('a', 'dues-payment',       'c')), x",
      "k TEXT CHECK (k = 'a' OR k = 'dues-payment' OR k = 'c'), x" },
    { "e TEXT CHECK (e IN ('', 'x', 'y'))", "e TEXT CHECK (e = '' OR e = 'x' OR e = 'y')" },
    { "n INTEGER CHECK (n IN (1, 2, -3))", "n INTEGER CHECK (n = 1 OR n = 2 OR n = -3)" },
    /* anything but plain constants is left as it is */
    { "c TEXT CHECK (c IN (SELECT x FROM t))", "c TEXT CHECK (c IN (SELECT x FROM t))" },
    { "d TEXT CHECK (d IN ('a,b', 'c', 'd'))", "d TEXT CHECK (d IN ('a,b', 'c', 'd'))" },
    { "f TEXT CHECK (f IS NULL OR f IN ('a', 'b', 'c'))",
      "f TEXT CHECK (f IS NULL OR f IN ('a', 'b', 'c'))" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = gt_schema_plain_checks (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static gboolean
uses_temporary_table (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  g_autofree char *explain = g_strconcat ("EXPLAIN ", sql, NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (strcmp ((const char *) sqlite3_column_text (stmt, 1), "OpenEphemeral") == 0)
      found = TRUE;
  sqlite3_finalize (stmt);
  return found;
}

static void
test_new_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gt-checks-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr (GtStorage) storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  db = gt_storage_get_db (storage);
  /* No table of any step is left with a constant IN list step 16 would rewrite, so a later
   * step cannot bring one back unnoticed. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE sql"
                                           " NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *plain = gt_schema_plain_checks (sql);

      g_test_message ("%s", (const char *) sqlite3_column_text (stmt, 0));
      g_assert_cmpstr (plain, ==, sql);
    }
  sqlite3_finalize (stmt);

  /* What each one-row write of a bulk import runs. */
  g_assert_false (uses_temporary_table (db, "INSERT INTO members (uuid, org_id, name, gender,"
                                            " category, status, mtime) VALUES ('u', 1, 'n', 'M',"
                                            " 'full', 'active', 'x')"));
  g_assert_false (uses_temporary_table (db, "INSERT INTO member_events (uuid, member_id, kind,"
                                            " date, mtime) VALUES ('u', 1, 'exit', 'd', 'x')"));
  g_assert_false (uses_temporary_table (db, "INSERT INTO ex_records (source_code, type, uuid,"
                                            " mtime, package_uuid) VALUES ('s', 'meeting', 'u',"
                                            " 'x', 'p')"));

  /* The constraints still hold. */
  g_assert_true (gt_storage_exec (storage, "INSERT INTO organizations (uuid, name, kind, level,"
                                           " mtime) VALUES ('o', '党委', 'committee',"
                                           " 'township', 'x')", &error));
  g_assert_no_error (error);
  g_assert_false (gt_storage_exec (storage, "INSERT INTO members (uuid, org_id, name, gender,"
                                            " category, status, mtime) VALUES ('u', 1, '某', 'M',"
                                            " 'full', 'gone', 'x')", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "CHECK"));
  g_clear_error (&error);
  g_assert_true (gt_storage_exec (storage, "INSERT INTO members (uuid, org_id, name, gender,"
                                           " category, status, mtime) VALUES ('u', 1, '某', 'M',"
                                           " 'full', 'exited', 'x')", &error));
  g_assert_no_error (error);
  g_assert_false (gt_storage_exec (storage, "INSERT INTO member_events (uuid, member_id, kind,"
                                            " date, mtime) VALUES ('e', 1, 'left', 'd', 'x')",
                                   &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_clear_object (&storage);
  gt_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema-checks/rewrite", test_rewrite);
  g_test_add_func ("/schema-checks/new-database", test_new_database);
  return g_test_run ();
}
