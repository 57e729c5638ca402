/* test-backup.c — backups, their rotation, restoring, and the way back from a damaged file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "gt-backup.h"
#include "gt-member.h"
#include "gt-stats.h"
#include "gt-storage-private.h"
#include "gt-test-demo.h"

typedef GtTestDemo Fixture;

static const GtMemberSpec newcomer = {
  "青石村党支部", "龚自珍", NULL, "汉族", "33082219880715003X", "13800001234", "大专",
  "农民", "2025-07-01", NULL,
};


static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_autofree char *dir = g_strdup (fx->dir);

  gt_test_demo_teardown (fx, data);
  gt_test_remove_tree (dir);
}

/* A count with a raw read-only connection, so a backup is looked at without changing it. */
static gint64
raw_count (const char *path, const char *sql)
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

/* TRUE when @dir holds a file whose name starts with @prefix (a left-over temporary file). */
static gboolean
dir_has (const char *dir, const char *prefix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return TRUE;
  return FALSE;
}

static void
overwrite (const char *path, goffset offset, gsize length)
{
  FILE *fp = g_fopen (path, "r+b");

  g_assert_nonnull (fp);
  g_assert_cmpint (fseek (fp, offset, SEEK_SET), ==, 0);
  for (gsize i = 0; i < length; i++)
    fputc (0xa5, fp);
  fclose (fp);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* Backup, a new member, restore: the member is gone, and the safety backup holds it. */
static void
test_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *backup = NULL, *safety = NULL, *folder = NULL;
  gint64 before = gt_test_count (fx->storage, "SELECT count(*) FROM members");
  GStatBuf st;

  g_assert_true (gt_backup_automatic (fx->storage, "manual", &backup, &error));
  g_assert_no_error (error);
  folder = g_build_filename (fx->dir, "backups", NULL);
  g_assert_true (g_str_has_prefix (backup, folder));
  g_assert_true (g_str_has_suffix (backup, "-manual" GT_BACKUP_SUFFIX));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (gt_backup_verify (backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (backup, "SELECT count(*) FROM members"), ==, before);

  g_assert_true (gt_member_add (fx->storage, &newcomer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM members"), ==, before + 1);

  /* Not while a connection of this process still has the database open. */
  g_assert_false (gt_backup_restore (fx->path, backup, &safety, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "still open"));
  g_assert_null (safety);
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM members"), ==, before + 1);

  g_clear_object (&fx->storage);
  g_assert_true (gt_backup_restore (fx->path, backup, &safety, &error));
  g_assert_no_error (error);
  g_assert_nonnull (safety);
  g_assert_nonnull (strstr (safety, "-restore"));
  g_assert_cmpint (raw_count (safety, "SELECT count(*) FROM members"), ==, before + 1);
  g_assert_false (dir_has (fx->dir, ".demo.db."));

  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM members"), ==, before);
  g_assert_cmpint (gt_test_count (fx->storage,
                                  "SELECT count(*) FROM members WHERE name = '龚自珍'"), ==, 0);

  backups = gt_backup_list (fx->storage);
  g_assert_cmpuint (backups->len, ==, 2);
  g_assert_cmpstr (((GtBackupInfo *) backups->pdata[0])->path, ==, safety);
  g_assert_cmpstr (((GtBackupInfo *) backups->pdata[0])->reason, ==, "restore");
  g_assert_cmpstr (((GtBackupInfo *) backups->pdata[1])->reason, ==, "manual");
  g_assert_cmpint (((GtBackupInfo *) backups->pdata[1])->size, ==, file_size (backup));

  /* A backup to a file of one's choice, over an older one. */
  {
    g_autofree char *out = g_build_filename (fx->dir, "copy.guatu-backup", NULL);

    g_assert_true (g_file_set_contents (out, "old", -1, NULL));
    g_assert_true (gt_backup_write (fx->storage, out, &error));
    g_assert_no_error (error);
    g_assert_cmpint (raw_count (out, "SELECT count(*) FROM members"), ==, before);
  }
}

/* Only the newest "backup.keep" automatic backups stay, in the folder "backup.folder". */
static void
test_rotation (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = g_build_filename (fx->dir, "elsewhere", NULL);
  g_autofree char *other = g_build_filename (folder, "other-20200101-000000-manual.guatu-backup",
                                             NULL);
  guint n_files = 0;

  g_assert_true (gt_storage_set_meta (fx->storage, "backup.keep", "3", &error));
  g_assert_true (gt_storage_set_meta (fx->storage, "backup.folder", "elsewhere", &error));
  g_assert_no_error (error);
  g_assert_true (g_mkdir (folder, 0700) == 0);
  /* Another database's backup in the same folder is neither listed nor rotated. */
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));

  for (guint i = 0; i < 5; i++)
    {
      char *path = NULL;

      g_assert_true (gt_backup_automatic (fx->storage, i % 2 ? "import" : "manual", &path,
                                          &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (path, folder));
      g_ptr_array_add (written, path);
    }

  backups = gt_backup_list (fx->storage);
  g_assert_cmpuint (backups->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GtBackupInfo *info = backups->pdata[i];

      g_assert_cmpstr (info->path, ==, written->pdata[4 - i]);
      g_assert_true (g_file_test (info->path, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (info->time);
      g_assert_cmpint (info->size, >, 0);
    }
  g_assert_cmpstr (((GtBackupInfo *) backups->pdata[0])->reason, ==, "manual");
  g_assert_cmpstr (((GtBackupInfo *) backups->pdata[1])->reason, ==, "import");
  g_assert_false (g_file_test (written->pdata[0], G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (written->pdata[1], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));

  {
    g_autoptr (GDir) d = g_dir_open (folder, 0, NULL);
    while (g_dir_read_name (d) != NULL)
      n_files++;
  }
  g_assert_cmpuint (n_files, ==, 4);
}

/* Opening a database of an earlier schema backs it up before the first upgrade step;
 * creating a new database does not. */
static void
test_before_migration (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *dir = g_dir_make_tmp ("guatu-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  GtBackupInfo *info;
  int version = 0;

  storage = gt_storage_open_at_version (path, 3, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (storage, "office_name", "青石镇", &error));
  g_clear_object (&storage);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  storage = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_storage_get_schema_version (storage), ==, GT_SCHEMA_VERSION);
  backups = gt_backup_list (storage);
  g_assert_cmpuint (backups->len, ==, 1);
  info = backups->pdata[0];
  g_assert_cmpstr (info->reason, ==, "migration");
  g_assert_true (gt_backup_verify (info->path, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 3);
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* Up to date: opening again backs nothing up. */
  g_clear_object (&storage);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  backups = gt_backup_list (storage);
  g_assert_cmpuint (backups->len, ==, 1);
  g_clear_object (&storage);
  gt_test_remove_tree (dir);
}

/* Garbage, a missing file and another program's SQLite file are refused before anything is
 * written; the database stays byte for byte as it was. */
static void
test_refuse_bad_backup (Fixture *fx, gconstpointer data)
{
  g_autofree char *garbage = g_build_filename (fx->dir, "garbage.guatu-backup", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "missing.guatu-backup", NULL);
  g_autofree char *foreign = g_build_filename (fx->dir, "foreign.sqlite", NULL);
  g_autofree char *before = NULL, *folder = g_build_filename (fx->dir, "backups", NULL);
  gsize before_len = 0;
  char noise[8192];
  sqlite3 *db = NULL;
  struct
  {
    const char *path;
    int code;
  } cases[] = {
    { garbage, GT_STORAGE_ERROR_NOT_GUATU },
    { missing, GT_STORAGE_ERROR_CANT_OPEN },
    { foreign, GT_STORAGE_ERROR_NOT_GUATU },
    { fx->path, GT_STORAGE_ERROR_FAILED },
  };

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  memcpy (noise, "SQLite format 3", 16); /* looks like SQLite, is not */
  g_assert_true (g_file_set_contents (garbage, noise, sizeof noise, NULL));
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_clear_object (&fx->storage);
  g_assert_true (g_file_get_contents (fx->path, &before, &before_len, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL, *safety = NULL, *base = g_path_get_basename (cases[i].path);
      gsize after_len = 0;

      g_assert_false (gt_backup_restore (fx->path, cases[i].path, &safety, &error));
      g_assert_error (error, GT_STORAGE_ERROR, cases[i].code);
      g_test_message ("refused as expected: %s", error->message);
      g_assert_nonnull (strstr (error->message, base));
      g_assert_null (safety);
      g_assert_true (g_file_get_contents (fx->path, &after, &after_len, NULL));
      g_assert_true (before_len == after_len && memcmp (before, after, before_len) == 0);
      g_assert_false (dir_has (fx->dir, ".demo.db."));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
    }
}

/* A destination that fails leaves no temporary file and an older file as it was. */
static void
test_failing_destination (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (fx->dir, "no", "such", "x.guatu-backup", NULL);
  g_autofree char *existing = g_build_filename (fx->dir, "old.guatu-backup", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (existing, "old contents", -1, NULL));
  if (g_test_subprocess ())
    {
      /* The disk fills up half-way: a file size limit stands in for ENOSPC. */
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (gt_backup_write (fx->storage, g_getenv ("BACKUP_TARGET"), &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);
      g_assert_false (gt_backup_automatic (fx->storage, "manual", NULL, &error));
      g_assert_nonnull (error);
      {
        g_autofree char *folder = g_build_filename (fx->dir, "backups", NULL);
        g_assert_false (dir_has (folder, ".demo-"));
        g_assert_false (dir_has (folder, "demo-"));
      }
      return;
    }

  g_assert_false (gt_backup_write (fx->storage, missing, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN);
  g_assert_nonnull (strstr (error->message, "x.guatu-backup"));
  g_clear_error (&error);

  g_assert_false (gt_backup_write (fx->storage, fx->path, &error));
  g_assert_nonnull (strstr (error->message, "demo.db"));
  g_clear_error (&error);

  g_setenv ("BACKUP_TARGET", existing, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*old.guatu-backup*");
  /* The child's fixture had a folder of its own: look at what it would have left here. */
  g_assert_true (g_file_get_contents (existing, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old contents");
  g_assert_false (dir_has (fx->dir, ".old.guatu-backup."));
}

/* A damaged database names the newest good backup, both when opening fails and when a
 * damaged page turns up later; restoring it keeps the damaged file. */
static void
test_corrupt (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *older = NULL, *newest = NULL, *safety = NULL, *base = NULL;
  gint64 members = gt_test_count (fx->storage, "SELECT count(*) FROM members");
  gint64 size;

  g_assert_true (gt_backup_automatic (fx->storage, "manual", &older, &error));
  g_assert_true (gt_backup_automatic (fx->storage, "manual", &newest, &error));
  g_assert_no_error (error);
  base = g_path_get_basename (newest);
  g_clear_object (&fx->storage);
  /* The newest backup is itself damaged: the one before is named instead. */
  overwrite (newest, 100, 3996);

  /* Bytes in the middle of the file: opening works, reading the damaged pages does not. */
  size = file_size (fx->path);
  overwrite (fx->path, size / 2, 4096);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (gt_stats_check (fx->storage, &problems, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, older));
  g_assert_null (strstr (error->message, base));
  g_clear_error (&error);
  g_clear_object (&fx->storage);

  /* The schema's page: opening fails, after PRAGMA quick_check, with the backup named. */
  overwrite (fx->path, 100, 3996);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_null (fx->storage);
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "demo.db"));
  g_assert_nonnull (strstr (error->message, older));
  g_assert_nonnull (strstr (error->message, "guatu-cli"));
  g_clear_error (&error);

  /* Restoring it keeps the damaged file byte for byte beside the database. */
  g_assert_true (gt_backup_restore (fx->path, older, &safety, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (safety, "demo.db.damaged-"));
  g_assert_cmpint (file_size (safety), ==, size);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM members"), ==, members);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (gt_stats_check (fx->storage, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/backup/round-trip", Fixture, GUINT_TO_POINTER (20180730), gt_test_demo_setup,
              test_round_trip, fixture_teardown);
  g_test_add ("/backup/rotation", Fixture, GUINT_TO_POINTER (20180730), gt_test_demo_setup,
              test_rotation, fixture_teardown);
  g_test_add_func ("/backup/before-migration", test_before_migration);
  g_test_add ("/backup/refuse-bad-backup", Fixture, GUINT_TO_POINTER (20180730),
              gt_test_demo_setup, test_refuse_bad_backup, fixture_teardown);
  g_test_add ("/backup/failing-destination", Fixture, GUINT_TO_POINTER (20180730),
              gt_test_demo_setup, test_failing_destination, fixture_teardown);
  g_test_add ("/backup/corrupt", Fixture, GUINT_TO_POINTER (20180730), gt_test_demo_setup,
              test_corrupt, fixture_teardown);
  return g_test_run ();
}
