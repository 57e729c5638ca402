/* test-audit.c — the append-only audit log: every change through the storage is recorded
 * with its before and after, together with the change or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gt-audit.h"
#include "gt-idcard.h"
#include "gt-org.h"
#include "gt-project.h"
#include "gt-roster.h"
#include "gt-test-demo.h"

typedef GtTestDemo Fixture;

static gint64
count (Fixture *fx, const char *sql)
{
  return gt_test_count (fx->storage, sql);
}

static void
test_change_recorded (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gint64 before = count (fx, "SELECT count(*) FROM audit_log");
  GtAuditFilter filter = { .table = "organizations" };
  GtAuditEntry *e;

  gt_audit_set_operator (fx->storage, "王芳", "test-audit");
  g_assert_true (gt_org_rename (fx->storage, 7, "青石村党支部（改）", "2026-11-20", &error));
  g_assert_no_error (error);

  /* The rename and its history event: two entries, with the operator. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log"), ==, before + 2);
  found = gt_audit_list (fx->storage, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  e = found->pdata[0];
  g_assert_cmpstr (e->action, ==, "update");
  g_assert_cmpstr (e->operator_name, ==, "王芳");
  g_assert_cmpstr (e->program, ==, "test-audit");
  g_assert_cmpint (e->row_id, ==, 7);
  /* Only what changed, before and after. */
  g_assert_nonnull (strstr (e->before, "\"name\":\"青石村党支部\""));
  g_assert_nonnull (strstr (e->after, "\"name\":\"青石村党支部（改）\""));
  g_assert_null (strstr (e->before, "\"code\""));
  {
    g_autofree char *text = gt_audit_entry_describe (e);
    g_assert_nonnull (strstr (text, "organisation #7: name 青石村党支部 → 青石村党支部（改）"));
  }
}

static void
test_rollback_forgets (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 before = count (fx, "SELECT count(*) FROM audit_log");

  g_assert_true (gt_storage_begin (fx->storage, &error));
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE villages SET code = 'c1' WHERE id = 1",
                                  &error));
  g_assert_true (gt_storage_begin (fx->storage, &error));
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE households SET notes = 'x'", &error));
  gt_storage_rollback (fx->storage); /* the inner savepoint only */
  g_assert_true (gt_storage_commit (fx->storage, &error));
  g_assert_no_error (error);
  /* The outer change is logged, the rolled-back households are not. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log"), ==, before + 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE table_name = 'villages'"
                              " AND row_id = 1 AND after = '{\"code\":\"c1\"}'"), ==, 1);

  /* A whole transaction rolled back: nothing. */
  g_assert_true (gt_storage_begin (fx->storage, &error));
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE households SET notes = 'y'", &error));
  gt_storage_rollback (fx->storage);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log"), ==, before + 1);
}

static void
test_autocommit_keeps_rowid (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (fx->storage,
                                           "INSERT INTO villages (uuid, name, mtime)"
                                           " VALUES ('u-v-x', '新村', 'x')", &error);
  gint64 id;

  g_assert_nonnull (stmt);
  g_assert_true (gt_storage_step_done (fx->storage, stmt, &error));
  g_assert_no_error (error);
  /* Logged in a transaction of its own, and the caller still sees its own new row id. */
  id = sqlite3_last_insert_rowid (gt_storage_get_db (fx->storage));
  g_assert_cmpint (id, ==, count (fx, "SELECT id FROM villages WHERE uuid = 'u-v-x'"));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE table_name = 'villages'"
                              " AND action = 'insert'"), ==, 1);
}

static void
test_append_only (Fixture *fx, gconstpointer data)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (gt_audit_open_session (fx->storage, "李明", "guatu", NULL));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'open'"
                              " AND operator = '李明'"), ==, 1);
  /* Whoever writes — even the sqlite3 shell — cannot change or remove an entry. */
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET operator = 'x'", NULL, NULL, &message),
                   ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

/* A roster of 600 members: one entry with the counts, not 600. */
static void
test_bulk_import (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("姓名,性别,身份证号,入党日期,所在支部\n");
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gint64 before = count (fx, "SELECT count(*) FROM audit_log");
  GtAuditFilter filter = { .text = "roster import" };

  for (int i = 0; i < 600; i++)
    {
      char id[19];
      g_snprintf (id, sizeof id, "3308221970%02d%02d%03d", 1 + i % 12, 1 + i % 28, 100 + i % 900);
      id[17] = gt_idcard_check_char (id);
      id[18] = '\0';
      g_string_append_printf (csv, "测试%d,%s,%s,2000-07-01,青石村党支部\n", i,
                              (id[16] - '0') % 2 ? "男" : "女", id);
    }
  report = gt_roster_parse_data (fx->storage, csv->str, csv->len, "roster.csv",
                                 GT_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_errors, ==, 0);
  g_assert_true (gt_roster_apply (fx->storage, report, FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log"), ==, before + 1);
  found = gt_audit_list (fx->storage, &filter, 0, 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GtAuditEntry *) found->pdata[0])->action, ==, "bulk");
  g_assert_nonnull (strstr (((GtAuditEntry *) found->pdata[0])->after, "\"members/insert\":600"));
  {
    g_autofree char *text = gt_audit_entry_describe (found->pdata[0]);
    g_assert_nonnull (strstr (text, "Added member 600"));
  }
}

/* A project snapshot: its own row, and its frozen copies as one entry with their counts,
 * named as people know them (a township's snapshot wrote 255 entries of raw table names). */
static void
test_bulk_snapshot (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gint64 before = count (fx, "SELECT count(*) FROM audit_log");
  GtAuditFilter filter = { .text = "snapshot" };
  g_autofree char *text = NULL;

  g_assert_cmpint (count (fx, "SELECT count(*) FROM projects"), >, 10);
  g_assert_true (gt_project_snapshot_take (fx->storage, NULL, "audit", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log"), ==, before + 2);
  found = gt_audit_list (fx->storage, &filter, 0, 0, &error);
  g_assert_cmpuint (found->len, ==, 2);
  text = gt_audit_entry_describe (found->pdata[0]); /* newest first: the bulk entry */
  g_assert_nonnull (strstr (text, "Added project in a snapshot "));
  g_assert_nonnull (strstr (text, "Added milestone in a snapshot "));
  g_assert_null (strstr (text, "snapshot_"));
}

static void
test_export_csv (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "audit.csv", NULL);
  g_autofree char *text = NULL;
  GStatBuf st;
  guint n = 0;

  g_assert_true (gt_org_rename (fx->storage, 7, "青石村党支部（改）", "2026-11-20", &error));
  g_assert_true (gt_audit_export_csv (fx->storage, NULL, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, count (fx, "SELECT count(*) FROM audit_log"));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (text, "青石村党支部（改）"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A folder that does not exist: a clear error and no file. */
  {
    g_autofree char *bad = g_build_filename (fx->dir, "missing", "audit.csv", NULL);
    g_assert_false (gt_audit_export_csv (fx->storage, NULL, bad, &n, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "audit.csv"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (1), gt_test_demo_setup, func, gt_test_demo_teardown)
  ADD ("/audit/change-recorded", test_change_recorded);
  ADD ("/audit/rollback-forgets", test_rollback_forgets);
  ADD ("/audit/autocommit-keeps-rowid", test_autocommit_keeps_rowid);
  ADD ("/audit/append-only", test_append_only);
  ADD ("/audit/bulk-import", test_bulk_import);
  ADD ("/audit/bulk-snapshot", test_bulk_snapshot);
  ADD ("/audit/export-csv", test_export_csv);
#undef ADD
  return g_test_run ();
}
