/* test-county-withdraw.c — withdrawing (撤回) a task or notice the county issued: the
 * refusals, the figures that stop counting it, the next dispatch package carrying it (real
 * signed packages, read back through the XSD), the township's copy marked withdrawn, a
 * re-import that changes nothing, an older package imported late that does not take the
 * withdrawal back, a task withdrawn before it was sent never going out, packages without
 * the new attributes still importing, and schema step 18 on a database of version 17
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "county-fixture.h"
#include "gt-county-dispatch.h"
#include "gt-storage-private.h"
#include "gt-test-demo.h"

static CountyFixture fx;

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (fx.dir, name, NULL);

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  return dir;
}

static GtCountyTask *
find_task (GPtrArray *tasks, const char *uuid)
{
  for (guint i = 0; i < tasks->len; i++)
    if (g_strcmp0 (((GtCountyTask *) tasks->pdata[i])->uuid, uuid) == 0)
      return tasks->pdata[i];
  g_assert_not_reached ();
}

static GtCountyReceived *
find_received (GPtrArray *tasks, const char *uuid)
{
  for (guint i = 0; i < tasks->len; i++)
    if (g_strcmp0 (((GtCountyReceived *) tasks->pdata[i])->uuid, uuid) == 0)
      return tasks->pdata[i];
  g_assert_not_reached ();
}

/* The package of @paths for township @code. */
static const char *
package_for (GPtrArray *paths, const char *code)
{
  for (guint i = 0; i < paths->len; i++)
    if (strstr (paths->pdata[i], code) != NULL)
      return paths->pdata[i];
  g_assert_not_reached ();
}

static GtExchangeResult *
import (const char *db, const char *package)
{
  g_autoptr (GtStorage) storage = county_open (db);
  g_autoptr (GError) error = NULL;
  GtExchangeResult *result = gt_exchange_import (storage, package, GT_EXCHANGE_IMPORT_NO_BACKUP,
                                                 GT_EXCHANGE_RESOLVE_NONE, NULL, &error);

  g_assert_no_error (error);
  return result;
}

/* A dispatch package from the county to township @code, written now. */
static char *
export_dispatch (const char *code, const char *name)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fx.dir, name, NULL);
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_DISPATCH, NULL, code, NULL, FALSE, NULL };

  g_assert_true (gt_exchange_export (county, path, &options, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* Every task row of @db, as text: what an import must leave as it is. */
static char *
tasks_dump (const char *db)
{
  g_autoptr (GtStorage) storage = county_open (db);
  g_autoptr (GError) error = NULL;
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT uuid, rev, mtime, title,"
                                           " coalesce (withdrawn_on, '-'), withdrawn_reason"
                                           " FROM ex_tasks ORDER BY uuid", &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 6; c++)
      g_string_append_printf (out, "%s%c", sqlite3_column_text (stmt, c), c == 5 ? '\n' : '|');
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

static char *
file_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* The <task …> start tag of @uuid in package text @text. */
static char *
task_tag (const char *text, const char *uuid)
{
  g_autofree char *needle = g_strdup_printf ("<task uuid=\"%s\"", uuid);
  const char *start = strstr (text, needle), *end;

  g_assert_nonnull (start);
  end = strchr (start, '>');
  g_assert_nonnull (end);
  return g_strndup (start, end - start + 1);
}

static char *first_uuid, *first_dir;

/* Issued to every township, acknowledged by one, withdrawn: refused when it cannot be,
 * counted nowhere once it is. */
static void
test_withdraw (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL, tasks = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *today = gt_today (), *ack = g_build_filename (fx.dir, "ack.xml", NULL);
  GtCountyTask *task;

  first_dir = make_dir ("first");
  g_assert_true (gt_county_issue_dispatch (county, "task", "防汛物资检查", "请于月底前完成。",
                                           NULL, "*", first_dir, NULL, NULL, NULL, &first_uuid,
                                           &paths, &error));
  g_assert_no_error (error);
  /* township 0 does it and says so */
  result = import (fx.townships[0], package_for (paths, county_codes[0]));
  g_assert_true (result->applied);
  {
    g_autoptr (GtStorage) town = county_open (fx.townships[0]);
    GtExchangeExportOptions options = { GT_EXCHANGE_KIND_ACK, NULL, NULL, NULL, FALSE, NULL };

    g_assert_true (gt_county_acknowledge (town, first_uuid, "done", NULL, &error));
    g_assert_true (gt_exchange_export (town, ack, &options, NULL, &error));
    g_assert_no_error (error);
    /* a township cannot withdraw what it received */
    g_assert_false (gt_county_withdraw_task (town, first_uuid, NULL, NULL, &error));
    g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error->message, "防汛物资检查"));
    g_clear_error (&error);
  }
  g_clear_pointer (&result, gt_exchange_result_free);
  result = import (fx.county, ack);
  tasks = gt_county_list_tasks (county, &error);
  task = find_task (tasks, first_uuid);
  g_assert_cmpint (task->received, ==, 1);
  g_assert_cmpint (task->done, ==, 1);
  g_assert_null (task->withdrawn_on);
  g_assert_true (task->sent);
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* what cannot be withdrawn, with the reason why */
  g_assert_false (gt_county_withdraw_task (county, "00000000-0000-4000-8000-000000000000", NULL,
                                           NULL, &error));
  g_assert_nonnull (strstr (error->message, "00000000-0000-4000-8000-000000000000"));
  g_clear_error (&error);
  g_assert_false (gt_county_withdraw_task (county, first_uuid, "2026-02-30", NULL, &error));
  g_assert_nonnull (strstr (error->message, "no such day"));
  g_clear_error (&error);
  g_assert_false (gt_county_withdraw_task (county, first_uuid, "2999-01-01", NULL, &error));
  g_assert_nonnull (strstr (error->message, "future"));
  g_clear_error (&error);
  g_assert_false (gt_county_withdraw_task (county, first_uuid, "2000-01-01", NULL, &error));
  g_assert_nonnull (strstr (error->message, today));
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (county, "SELECT count(*) FROM ex_tasks"
                                          " WHERE withdrawn_on IS NOT NULL"), ==, 0);

  g_assert_true (gt_county_withdraw_task (county, first_uuid, NULL, "乡镇名单有误", &error));
  g_assert_no_error (error);
  tasks = gt_county_list_tasks (county, &error);
  task = find_task (tasks, first_uuid);
  g_assert_cmpstr (task->withdrawn_on, ==, today);
  g_assert_cmpstr (task->withdrawn_reason, ==, "乡镇名单有误");
  /* a withdrawn task counts in no figure, acknowledged or not */
  g_assert_cmpint (task->received, ==, 0);
  g_assert_cmpint (task->done, ==, 0);
  g_assert_cmpint (gt_test_count (county, "SELECT rev FROM ex_tasks WHERE withdrawn_on"
                                          " IS NOT NULL"), ==, 2);
  /* once only */
  g_assert_false (gt_county_withdraw_task (county, first_uuid, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "already withdrawn"));
  g_clear_error (&error);
}

/* The next package for the township carries the withdrawal; its copy is marked, asks for
 * nothing; importing again changes nothing; an older package imported late leaves it
 * withdrawn. */
static void
test_dispatch_carries_it (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) paths = NULL, received = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *dir = make_dir ("second"), *uuid = NULL, *today = gt_today ();
  g_autofree char *old_text = NULL, *text = NULL, *later = NULL, *before = NULL, *after = NULL;
  g_autofree char *again = NULL, *expect = NULL, *old_tag = NULL, *tag = NULL;
  GtCountyReceived *got;

  g_assert_true (gt_county_issue_dispatch (county, "notice", "关于召开组织生活会的通知", NULL,
                                           "2026-12-28", county_codes[1], dir, NULL, NULL, NULL,
                                           &uuid, &paths, &error));
  g_assert_no_error (error);
  /* written before the withdrawal: the task as it always was */
  old_text = file_text (paths->pdata[0]);
  old_tag = task_tag (old_text, uuid);
  g_assert_null (strstr (old_tag, "withdrawn"));
  result = import (fx.townships[1], paths->pdata[0]);
  g_assert_true (result->applied);
  g_clear_pointer (&result, gt_exchange_result_free);

  g_assert_true (gt_county_withdraw_task (county, uuid, today, "日期写错", &error));
  g_assert_no_error (error);
  later = export_dispatch (county_codes[1], "withdrawn-1.xml");
  text = file_text (later);
  expect = g_strdup_printf (" rev=\"2\" ");
  tag = task_tag (text, uuid);
  g_assert_nonnull (strstr (tag, expect));
  g_free (expect);
  expect = g_strdup_printf ("withdrawn=\"%s\" withdrawn-reason=\"日期写错\"", today);
  g_assert_nonnull (strstr (tag, expect));
  {
    g_autoptr (GtStorage) town = county_open (fx.townships[1]);
    g_autoptr (GtExchangeResult) check = gt_exchange_verify_file (town, later, &error);

    g_assert_no_error (error);
    /* this one and the first, withdrawn too (it was for every township) */
    g_assert_cmpuint (check->claimed[GT_EXCHANGE_TASK], ==, 2);
  }

  result = import (fx.townships[1], later);
  g_assert_true (result->applied);
  g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_UPDATED], ==, 1);
  g_clear_pointer (&result, gt_exchange_result_free);
  {
    g_autoptr (GtStorage) town = county_open (fx.townships[1]);

    received = gt_county_list_received (town, &error);
    got = find_received (received, uuid);
    g_assert_cmpstr (got->withdrawn_on, ==, today);
    g_assert_cmpstr (got->withdrawn_reason, ==, "日期写错");
    /* the first, for every township, came withdrawn with it */
    g_assert_nonnull (find_received (received, first_uuid)->withdrawn_on);
    g_assert_false (gt_county_acknowledge (town, uuid, "received", NULL, &error));
    g_assert_nonnull (strstr (error->message, "withdrawn"));
    g_clear_error (&error);
  }

  /* the same package again: nothing to do; another package of the same: nothing changes */
  before = tasks_dump (fx.townships[1]);
  result = import (fx.townships[1], later);
  g_assert_true (result->already_imported);
  g_assert_false (result->applied);
  g_clear_pointer (&result, gt_exchange_result_free);
  again = export_dispatch (county_codes[1], "withdrawn-2.xml");
  result = import (fx.townships[1], again);
  g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_UPDATED], ==, 0);
  g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_NEW], ==, 0);
  g_clear_pointer (&result, gt_exchange_result_free);
  after = tasks_dump (fx.townships[1]);
  g_assert_cmpstr (after, ==, before);

  /* township 2 gets the withdrawal of the first task first, then the package written
   * before it: no conflict, and the task stays withdrawn */
  g_free (later);
  later = export_dispatch (county_codes[2], "withdrawn-3.xml");
  result = import (fx.townships[2], later);
  g_assert_true (result->applied);
  g_clear_pointer (&result, gt_exchange_result_free);
  g_free (before);
  before = tasks_dump (fx.townships[2]);
  g_assert_nonnull (strstr (before, "乡镇名单有误"));
  {
    g_autoptr (GtStorage) town = county_open (fx.townships[2]);
    g_autoptr (GDir) handle = g_dir_open (first_dir, 0, &error);
    g_autofree char *old = NULL;
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (handle)) != NULL)
      if (strstr (name, county_codes[2]) != NULL)
        old = g_build_filename (first_dir, name, NULL);
    g_assert_nonnull (old);
    result = gt_exchange_import (town, old, GT_EXCHANGE_IMPORT_NO_BACKUP,
                                 GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_CONFLICTING], ==, 0);
    g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_UNCHANGED], ==, 1);
  }
  g_free (after);
  after = tasks_dump (fx.townships[2]);
  g_assert_cmpstr (after, ==, before);
}

/* A task withdrawn before any package carried it never goes out; one that goes into a
 * package is recorded as sent. */
static void
test_never_sent (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autofree char *unsent = NULL, *kept = NULL, *package = NULL, *text = NULL;

  g_assert_true (gt_county_add_task (county, "task", "误建的任务", NULL, NULL, county_codes[3],
                                     &unsent, &error));
  g_assert_true (gt_county_add_task (county, "notice", "正常的通知", NULL, NULL,
                                     county_codes[3], &kept, &error));
  g_assert_no_error (error);
  tasks = gt_county_list_tasks (county, &error);
  g_assert_false (find_task (tasks, unsent)->sent);
  g_clear_pointer (&tasks, g_ptr_array_unref);
  g_assert_true (gt_county_withdraw_task (county, unsent, NULL, NULL, &error));
  g_assert_no_error (error);

  package = export_dispatch (county_codes[3], "never-sent.xml");
  text = file_text (package);
  g_assert_null (strstr (text, unsent));
  g_assert_nonnull (strstr (text, kept));
  tasks = gt_county_list_tasks (county, &error);
  g_assert_false (find_task (tasks, unsent)->sent);
  g_assert_true (find_task (tasks, kept)->sent);
  g_assert_cmpstr (find_task (tasks, unsent)->withdrawn_reason, ==, "");

  /* the package, written as before for the tasks it carries, imports at the township */
  {
    g_autoptr (GtExchangeResult) result = import (fx.townships[3], package);
    g_autoptr (GtStorage) town = county_open (fx.townships[3]);
    g_autoptr (GPtrArray) received = gt_county_list_received (town, &error);

    g_assert_true (result->applied);
    g_assert_null (find_received (received, kept)->withdrawn_on);
    /* the open one first, the first task (for every township, withdrawn) after it */
    g_assert_cmpuint (received->len, ==, 2);
    g_assert_cmpstr (((GtCountyReceived *) received->pdata[0])->uuid, ==, kept);
    g_assert_cmpstr (((GtCountyReceived *) received->pdata[1])->uuid, ==, first_uuid);
    g_assert_nonnull (((GtCountyReceived *) received->pdata[1])->withdrawn_on);
    for (guint i = 0; i < received->len; i++)
      g_assert_cmpstr (((GtCountyReceived *) received->pdata[i])->uuid, !=, unsent);
  }
}

/* Step 18 on a version 17 database: the tasks issued so far count as sent the day they
 * were issued, none is withdrawn, received ones are not "sent". */
static void
test_migration (void)
{
  g_autofree char *path = g_build_filename (fx.dir, "v17.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open_at_version (path, 17, &error);

  g_assert_no_error (error);
  g_assert_true (gt_storage_exec (storage,
                                  "INSERT INTO ex_tasks (uuid, mtime, kind, title, issuer_code,"
                                  " target_code, issued_on, incoming) VALUES"
                                  " ('a', 'm', 'task', '旧任务', '330822', '*', '2026-10-01', 0),"
                                  " ('b', 'm', 'task', '收到的', '330800', '*', '2026-10-02', 1)",
                                  &error));
  g_assert_no_error (error);
  g_clear_object (&storage);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_storage_get_schema_version (storage), ==, GT_SCHEMA_VERSION);
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM ex_tasks WHERE uuid = 'a'"
                                           " AND sent_on = '2026-10-01' AND withdrawn_on IS NULL"
                                           " AND withdrawn_reason = ''"), ==, 1);
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM ex_tasks WHERE uuid = 'b'"
                                           " AND sent_on IS NULL"), ==, 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  county_fixture_build (&fx);
  /* in this order: each goes on from what the one before left */
  g_test_add_func ("/county-withdraw/withdraw", test_withdraw);
  g_test_add_func ("/county-withdraw/dispatch-carries-it", test_dispatch_carries_it);
  g_test_add_func ("/county-withdraw/never-sent", test_never_sent);
  g_test_add_func ("/county-withdraw/migration", test_migration);
  status = g_test_run ();
  county_fixture_free (&fx);
  g_free (first_uuid);
  g_free (first_dir);
  return status;
}
