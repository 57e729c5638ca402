/* test-roster-bulk.c — large roster imports: the search indexes and members' indexes filled
 * after the inserts, time-ordered uuids, and the ID numbers already stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-backup.h"
#include "gt-idcard.h"
#include "gt-registers.h"
#include "gt-roster-private.h"
#include "roster-fixture.h"

/* The ID numbers already stored are found the same whether they were read into memory once
 * (up to 50 000 of them) or are looked up row by row (above). */
static void
test_import_dup_in_db_lookups (void)
{
  char *messages[2] = { NULL, NULL };
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GtRosterReport) report = NULL;
      const GtRosterProblem *problem;

      gt_roster_set_known_ids_max (i == 0 ? 50000 : 0);
      report = roster_parse_file (&db, "dup-in-db.csv", NULL);
      g_assert_cmpuint (report->n_valid, ==, 2);
      g_assert_cmpuint (report->problems->len, ==, 1);
      problem = report->problems->pdata[0];
      g_assert_cmpuint (problem->line, ==, 3);
      messages[i] = g_strdup (problem->message);
    }
  gt_roster_set_known_ids_max (50000);
  g_assert_nonnull (strstr (messages[0], "姜红英"));
  g_assert_nonnull (strstr (messages[0], "砚瓦山村党支部"));
  g_assert_cmpstr (messages[0], ==, messages[1]);
  g_free (messages[0]);
  g_free (messages[1]);
  gt_test_demo_teardown (&db, NULL);
}

/* A bulk import makes the members' indexes after its inserts: an ID number of the file that
 * another program stored after the file was checked is refused then, and nothing is kept. */
static void
test_import_stored_meanwhile (void)
{
  g_autoptr (GString) text = g_string_new ("姓名,性别,身份证号,入党日期,所在支部\n");
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *insert = NULL;
  char taken[19] = "";
  GtTestDemo db = { 0 };
  gint64 members;

  for (int i = 0; i < 600; i++)
    {
      char id[19];

      g_snprintf (id, sizeof id, "33082219750315%03d", i);
      id[17] = gt_idcard_check_char (id);
      id[18] = '\0';
      if (i == 300)
        memcpy (taken, id, sizeof id);
      g_string_append_printf (text, "同时%d号,%s,%s,2001-07-01,澄潭村党支部\n", i,
                              i % 2 ? "男" : "女", id);
    }
  roster_db_open (&db);
  report = roster_parse_text (&db, text->str, NULL);
  g_assert_cmpuint (report->n_valid, ==, 600);

  insert = g_strdup_printf ("INSERT INTO members (uuid, org_id, name, gender, category, mtime,"
                            " id_number) VALUES ('u-meanwhile', 2, '别处录入', 'F', 'full', 'x',"
                            " '%s')", taken);
  g_assert_true (gt_storage_exec (db.storage, insert, &error));
  members = gt_test_count (db.storage, "SELECT count(*) FROM members");
  g_assert_false (gt_roster_apply (db.storage, report, FALSE, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "check it again"));
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, members);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM sqlite_schema WHERE name ="
                                      " 'members_id_number'"), ==, 1);
  gt_test_demo_teardown (&db, NULL);
}

/* A roster of more than a few hundred rows fills the search indexes in bulk: the members are
 * found afterwards exactly as if each had been added alone. */
static void
test_import_bulk_search (void)
{
  g_autoptr (GString) text = g_string_new ("姓名,性别,入党日期,所在支部\n");
  g_autoptr (GError) error = NULL;
  GtTestDemo db = { 0 };
  /* the members' own indexes, dropped during a bulk import larger than the register */
  static const char indexes[] = "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                " AND tbl_name = 'members' AND sql IS NOT NULL";
  gint64 before, n_indexes;

  for (int i = 0; i < 600; i++)
    g_string_append_printf (text, "测试%d号,%s,2001-07-01,澄潭村党支部\n", i, i % 2 ? "男" : "女");
  roster_db_open (&db);
  before = gt_test_count (db.storage, "SELECT count(*) FROM member_search");
  n_indexes = gt_test_count (db.storage, indexes);
  g_assert_cmpint (n_indexes, >=, 3);
  {
    g_autoptr (GtRosterReport) report = roster_parse_text (&db, text->str, NULL);
    gint64 members = gt_test_count (db.storage, "SELECT count(*) FROM members");

    g_assert_cmpuint (report->n_valid, ==, 600);
    /* an insert refused half-way, while the indexes are dropped: all of it rolls back */
    g_assert_true (gt_storage_exec (db.storage,
                                    "CREATE TEMP TRIGGER refuse BEFORE INSERT ON members"
                                    " WHEN NEW.name = '测试300号' BEGIN"
                                    " SELECT RAISE (ABORT, 'refused'); END",
                                    &error));
    g_assert_false (gt_roster_apply (db.storage, report, FALSE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members"), ==, members);
    g_assert_cmpint (gt_test_count (db.storage, indexes), ==, n_indexes);
    g_assert_true (gt_storage_exec (db.storage, "DROP TRIGGER temp.refuse", &error));

    g_assert_true (gt_roster_apply (db.storage, report, FALSE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM member_search"), ==, before + 600);
  g_assert_cmpint (gt_test_count (db.storage, indexes), ==, n_indexes);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM pragma_index_list ('members')"
                                      " WHERE origin = 'c'"), ==, n_indexes);
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM member_name_chars m JOIN members"
                                      " x ON x.id = m.member_id WHERE x.name = '测试599号'"), ==,
                   5);
  {
    g_autoptr (GPtrArray) found = gt_member_list (db.storage, "测试599", 0, &error);
    g_assert_cmpuint (found->len, ==, 1);
  }
  /* the per-row trigger is back for members added one by one */
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM sqlite_schema WHERE type ="
                                      " 'trigger' AND name = 'members_search_insert'"), ==, 1);
  g_assert_true (gt_storage_exec (db.storage,
                                  "INSERT INTO members (uuid, org_id, name, gender, category,"
                                  " mtime) VALUES ('u-x', 2, '单独加入', 'M', 'full', 'x')",
                                  &error));
  g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM member_search WHERE"
                                      " member_search MATCH '\"单独加\" AND \"独加入\"'"), ==, 1);
  gt_test_demo_teardown (&db, NULL);
}

/* New members and their events get time-ordered (version 7) uuids, so a large import appends
 * to the uuid indexes instead of writing all over them; the events follow each member's
 * admission then full membership, in the row-by-row path (100 rows) and the bulk path (600). */
static void
test_import_ordered_uuids (void)
{
  GtTestDemo db = { 0 };

  roster_db_open (&db);
  for (int rows = 100; rows <= 600; rows += 500)
    {
      g_autoptr (GString) text = g_string_new ("姓名,性别,入党日期,转正日期,所在支部\n");
      g_autoptr (GtRosterReport) report = NULL;
      g_autoptr (GError) error = NULL;
      gint64 since = gt_test_count (db.storage, "SELECT max (id) FROM members");
      g_autofree char *members = NULL, *events = NULL, *versions = NULL;

      for (int i = 0; i < rows; i++)
        g_string_append_printf (text, "顺序%d-%d号,%s,2001-07-01,%s,澄潭村党支部\n", rows, i,
                                i % 2 ? "男" : "女", i % 3 ? "2002-07-01" : "");
      report = roster_parse_text (&db, text->str, NULL);
      g_assert_cmpuint (report->n_valid, ==, (guint) rows);
      g_assert_true (gt_roster_apply (db.storage, report, FALSE, &error));
      g_assert_no_error (error);

      members = g_strdup_printf ("SELECT count(*) FROM (SELECT uuid, lag (uuid) OVER (ORDER BY id)"
                                 " AS prev FROM members WHERE id > %" G_GINT64_FORMAT ")"
                                 " WHERE prev IS NOT NULL AND uuid <= prev", since);
      g_assert_cmpint (gt_test_count (db.storage, members), ==, 0);
      events = g_strdup_printf ("SELECT count(*) FROM (SELECT uuid, member_id, kind,"
                                " lag (uuid) OVER w AS pu, lag (member_id) OVER w AS pm,"
                                " lag (kind) OVER w AS pk FROM member_events"
                                " WHERE member_id > %" G_GINT64_FORMAT " WINDOW w AS (ORDER BY id))"
                                " WHERE pu IS NOT NULL AND (uuid <= pu OR member_id < pm"
                                " OR (member_id = pm AND kind <= pk))", since);
      g_assert_cmpint (gt_test_count (db.storage, events), ==, 0);
      versions = g_strdup_printf ("SELECT count(*) FROM (SELECT uuid FROM members"
                                  " WHERE id > %" G_GINT64_FORMAT " UNION ALL SELECT uuid"
                                  " FROM member_events WHERE member_id > %" G_GINT64_FORMAT ")"
                                  " WHERE length (uuid) = 36 AND substr (uuid, 15, 1) = '7'"
                                  " AND substr (uuid, 20, 1) IN ('8', '9', 'a', 'b')", since, since);
      /* every member, an admission each and a full membership for two rows in three */
      g_assert_cmpint (gt_test_count (db.storage, versions), ==, rows * 2 + (rows - (rows + 2) / 3));
    }
  gt_test_demo_teardown (&db, NULL);
}

/* What a cancelled import leaves: the database as it was, whatever the phase. */
static char *
roster_state (GtTestDemo *db)
{
  return g_strdup_printf (
    "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
    " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
    gt_test_count (db->storage, "SELECT count(*) FROM members"),
    gt_test_count (db->storage, "SELECT count(*) FROM member_events"),
    gt_test_count (db->storage, "SELECT count(*) FROM member_search"),
    gt_test_count (db->storage, "SELECT count(*) FROM member_name_chars"),
    gt_test_count (db->storage, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                " AND tbl_name = 'members'"),
    gt_test_count (db->storage, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                                " AND name = 'members_search_insert'"));
}

typedef struct
{
  GCancellable *cancellable;
  double stop_at;     /* cancel once this much is done… */
  gboolean in_events; /* …or, when negative, from inside the events' statement */
  guint interrupted;  /* cancels made while a statement ran */
  GArray *seen;       /* the fractions reported */
} CancelProbe;

static void
cancel_progress (double fraction, gpointer data)
{
  CancelProbe *probe = data;

  g_array_append_val (probe->seen, fraction);
  if (probe->stop_at >= 0 && fraction >= probe->stop_at)
    g_cancellable_cancel (probe->cancellable);
  /* the member indexes are made: the next statement is the events' INSERT … SELECT */
  if (probe->stop_at < 0 && fraction >= 0.30)
    probe->in_events = TRUE;
}

static int
cancel_in_statement (void *data)
{
  CancelProbe *probe = data;

  if (probe->in_events && !g_cancellable_is_cancelled (probe->cancellable))
    {
      probe->interrupted++;
      g_cancellable_cancel (probe->cancellable); /* sqlite3_interrupt () from the import */
    }
  return 0;
}

/* Cancelling an import at any point — between the rows, between the phases, or inside one
 * statement — rolls all of it back and says so, and leaves no backup of its own to push an
 * older one out; an import not cancelled reports its progress in order up to the end. */
static void
test_import_cancel (void)
{
  g_autoptr (GString) text = g_string_new ("姓名,性别,入党日期,转正日期,所在支部\n");
  g_autoptr (GtRosterReport) report = NULL;
  g_autofree char *before = NULL, *backups = NULL;
  static const double stops[] = { 0.0, 0.05, 0.18, 0.30, 0.51, 0.94, -1 };
  GtTestDemo db = { 0 };

  for (int i = 0; i < 10000; i++)
    g_string_append_printf (text, "取消%d号,%s,2001-07-01,%s,澄潭村党支部\n", i,
                            i % 2 ? "男" : "女", i % 3 ? "2002-07-01" : "");
  roster_db_open (&db);
  report = roster_parse_text (&db, text->str, NULL);
  g_assert_cmpuint (report->n_valid, ==, 10000);
  before = roster_state (&db);
  /* one backup fewer than are kept: a backup of each cancelled import would push it out */
  g_assert_true (gt_storage_set_meta (db.storage, "backup.keep", "1", NULL));
  g_assert_true (gt_backup_automatic (db.storage, "manual", NULL, NULL));
  backups = gt_test_backup_names (db.storage);

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;
      CancelProbe probe = { cancellable, stops[i], FALSE, 0, seen };

      if (stops[i] < 0)
        sqlite3_progress_handler (gt_storage_get_db (db.storage), 100, cancel_in_statement,
                                  &probe);
      g_assert_false (gt_roster_apply_full (db.storage, report, FALSE, cancellable,
                                            cancel_progress, &probe, &error));
      sqlite3_progress_handler (gt_storage_get_db (db.storage), 0, NULL, NULL);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_nonnull (strstr (error->message, report->file));
      g_assert_cmpuint (report->n_imported, ==, 0);
      /* stopped inside the statement: the events' phase never reported its end */
      if (stops[i] < 0)
        {
          g_assert_cmpuint (probe.interrupted, ==, 1);
          g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), <, 0.5);
        }
      after = roster_state (&db);
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);
      after = gt_test_backup_names (db.storage);
      g_assert_cmpstr (after, ==, backups);
    }

  {
    g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GError) error = NULL;
    CancelProbe probe = { cancellable, 2.0, FALSE, 0, seen };

    g_assert_true (gt_roster_apply_full (db.storage, report, FALSE, cancellable,
                                         cancel_progress, &probe, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_imported, ==, 10000);
    g_assert_cmpuint (seen->len, >=, 6); /* rows (twice), then each phase */
    for (guint i = 1; i < seen->len; i++)
      g_assert_cmpfloat (g_array_index (seen, double, i), >=,
                         g_array_index (seen, double, i - 1));
    g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
    g_assert_cmpint (gt_test_count (db.storage, "SELECT count(*) FROM members WHERE name"
                                                " LIKE '取消%'"), ==, 10000);
    /* the import that changed the database keeps its backup, rotating the older one out */
    g_autoptr (GPtrArray) list = gt_backup_list (db.storage);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpstr (((GtBackupInfo *) list->pdata[0])->reason, ==, "import");
  }
  gt_test_demo_teardown (&db, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  roster_fixture_init ();
  g_test_add_func ("/roster-bulk/dup-in-db-lookups", test_import_dup_in_db_lookups);
  g_test_add_func ("/roster-bulk/stored-meanwhile", test_import_stored_meanwhile);
  g_test_add_func ("/roster-bulk/search", test_import_bulk_search);
  g_test_add_func ("/roster-bulk/ordered-uuids", test_import_ordered_uuids);
  g_test_add_func ("/roster-bulk/cancel", test_import_cancel);
  return roster_fixture_run ();
}
