/* test-exchange-faults.c — exchange packages when the hardware lets the office down: a disk
 * that fills up during an import or an export, a USB drive pulled out before or during the
 * work. Each gives a clear message naming the file; nothing stored is lost or half-changed and
 * no partial file is left on the target drive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "gt-demo.h"
#include "gt-exchange.h"
#include "gt-keys.h"
#include "gt-test-demo.h"

#define TOWNSHIP "330822105"
#define COUNTY "330822"

typedef struct
{
  GtTestDemo township; /* the demo township, with its key */
  GtStorage *county;   /* a county office next to it that trusts the township's key */
  char *county_path;
  char *drive;         /* a folder standing in for the USB drive */
} Fixture;

static void
setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = NULL;

  gt_test_demo_setup (&fx->township, GUINT_TO_POINTER (20180730));
  g_assert_true (gt_keys_generate (fx->township.storage, FALSE, &error));
  fx->county_path = g_build_filename (fx->township.dir, "county.db", NULL);
  fx->county = gt_storage_open (fx->county_path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (fx->county, "role", "county", &error));
  g_assert_true (gt_storage_set_meta (fx->county, "office_code", COUNTY, &error));
  g_assert_true (gt_storage_set_meta (fx->county, "office_name", "常山县", &error));
  pem = gt_keys_get_public_pem (fx->township.storage, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, "青石镇", NULL, NULL,
                                &error));
  g_assert_no_error (error);
  fx->drive = g_build_filename (fx->township.dir, "usb", NULL);
  g_assert_cmpint (g_mkdir (fx->drive, 0700), ==, 0);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->county);
  g_free (fx->county_path);
  g_free (fx->drive);
  gt_test_demo_teardown (&fx->township, data);
}

static char *
export_report (Fixture *fx, const char *name)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fx->drive, name, NULL);
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", COUNTY, NULL, TRUE,
                                      NULL };

  g_assert_true (gt_exchange_export (fx->township.storage, path, &options, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* Every row the import may write, and the size of the county's database, as one string. */
static char *
county_digest (Fixture *fx)
{
  static const char *const tables[] = { "ex_records", "ex_ledger", "ex_reports", "meta" };
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = gt_storage_prepare (fx->county, sql, NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      sqlite3_reset (stmt);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, -1);
}

/* Names of the files in @dir, sorted, one string. */
static char *
listing (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* The county's database fills up half-way through an import (SQLite's max_page_count stands
 * in for ENOSPC): the import fails saying so, nothing of the package is stored, and once
 * there is room again the same package goes in whole. */
static void
test_import_disk_full (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *report = export_report (fx, "report.xml");
  g_autofree char *before = county_digest (fx), *after = NULL, *limit = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  gint64 pages = gt_test_count (fx->county, "PRAGMA page_count");

  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 2);
  g_assert_true (gt_storage_exec (fx->county, limit, &error));
  result = gt_exchange_import (fx->county, report, GT_EXCHANGE_IMPORT_DEFAULT,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FULL) ||
                 strstr (error->message, "full") != NULL);
  g_assert_nonnull (strstr (error->message, "report.xml"));
  g_clear_error (&error);
  after = county_digest (fx);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM pragma_integrity_check"
                                              " WHERE integrity_check <> 'ok'"), ==, 0);

  g_assert_true (gt_storage_exec (fx->county, "PRAGMA max_page_count = 1073741823", &error));
  result = gt_exchange_import (fx->county, report, GT_EXCHANGE_IMPORT_DEFAULT,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->applied);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger"), ==, 1);
}

/* The USB drive fills up half-way through an export (a file size limit stands in for
 * ENOSPC): the export fails naming the file, the package already on the drive under that
 * name stays as it was, and no temporary file is left behind. */
static void
test_export_disk_full (Fixture *fx, gconstpointer data)
{
  g_autofree char *target = g_build_filename (fx->drive, "report.xml", NULL);
  g_autofree char *text = NULL, *files = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      struct rlimit limit = { 16 * 1024, 16 * 1024 };
      GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", COUNTY, NULL,
                                          TRUE, NULL };

      g_assert_true (g_file_set_contents (target, "the package of last month", -1, NULL));
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (gt_exchange_export (fx->township.storage, target, &options, NULL, &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      /* The parent looks at the drive: the child's fixture is its own, so print it. */
      files = listing (fx->drive);
      text = gt_test_read_text (target);
      g_print ("files: %s\ncontents: %s\n", files, text);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*report.xml*");
  g_test_trap_assert_stdout ("*files: report.xml\ncontents: the package of last month\n*");
}

/* The drive was pulled out before the export (its folder is gone) or before the import (the
 * package is gone): a message naming the file, nothing created, the database unchanged. */
static void
test_drive_pulled (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *report = export_report (fx, "report.xml");
  g_autofree char *gone = g_build_filename (fx->drive, "gone", "report.xml", NULL);
  g_autofree char *before = county_digest (fx), *after = NULL, *files = NULL;
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", COUNTY, NULL, TRUE,
                                      NULL };
  GtExchangeResult *result;

  g_assert_false (gt_exchange_export (fx->township.storage, gone, &options, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "report.xml"));
  g_clear_error (&error);
  files = listing (fx->drive);
  g_assert_cmpstr (files, ==, "report.xml");

  /* Pulled while the file was being copied onto it: the package ends early. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (report, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (report, contents, length / 2, NULL));
  }
  result = gt_exchange_import (fx->county, report, GT_EXCHANGE_IMPORT_DEFAULT,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "report.xml"));
  g_clear_error (&error);

  /* Pulled before the import: the file is not there at all. */
  g_assert_cmpint (g_unlink (report), ==, 0);
  result = gt_exchange_import (fx->county, report, GT_EXCHANGE_IMPORT_DEFAULT,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "report.xml"));
  after = county_digest (fx);
  g_assert_cmpstr (after, ==, before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, setup, func, teardown)
  ADD ("/exchange/faults/import-disk-full", test_import_disk_full);
  ADD ("/exchange/faults/export-disk-full", test_export_disk_full);
  ADD ("/exchange/faults/drive-pulled", test_drive_pulled);
  return g_test_run ();
}
