/* test-exchange-faults.c — exchange packages when the hardware lets the office down: a disk
 * that fills up during an import or an export, a USB drive pulled out before or during the
 * work. Each gives a clear message naming the file; nothing stored is lost or half-changed and
 * no partial file is left on the target drive. And hostile packages (XXE, billion laughs, an
 * external DTD, 10 000-deep nesting, a 100 MB text node, invalid UTF-8, ten thousand times
 * more records than the header claims), fed to the parser directly and imported signed and
 * unsigned: each refused with its reason, within bounded memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "exchange-fixture.h"
#include "gt-demo.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"
#include "gt-test-demo.h"

#define TOWNSHIP EXCHANGE_TOWNSHIP
#define COUNTY EXCHANGE_COUNTY

typedef struct
{
  char *dir;
  GtStorage *township; /* the demo township, with its key */
  GtStorage *county;   /* the county above it, which trusts the township's key */
  char *drive;         /* a folder standing in for the USB drive */
} Fixture;

static void
setup (Fixture *fx, gconstpointer data)
{
  exchange_offices_open ("guatu-exchange-faults", &fx->dir, &fx->township, &fx->county);
  fx->drive = g_build_filename (fx->dir, "usb", NULL);
  g_assert_cmpint (g_mkdir (fx->drive, 0700), ==, 0);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  g_free (fx->drive);
  exchange_offices_close (&fx->dir, &fx->township, &fx->county);
}

static char *
export_report (Fixture *fx, const char *name)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fx->drive, name, NULL);
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", COUNTY, NULL, TRUE,
                                      NULL };

  g_assert_true (gt_exchange_export (fx->township, path, &options, NULL, &error));
  g_assert_no_error (error);
  return path;
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
  g_autofree char *before = exchange_digest (fx->county), *after = NULL, *limit = NULL;
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
  after = exchange_digest (fx->county);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM pragma_integrity_check"
                                              " WHERE integrity_check <> 'ok'"), ==, 0);
  /* The import went through the rollback journal (the county's only connection) and left
   * the database in WAL mode again, failed as it did. */
  g_assert_cmpint (gt_test_count (fx->county, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
                   ==, 1);

  g_assert_true (gt_storage_exec (fx->county, "PRAGMA max_page_count = 1073741823", &error));
  result = gt_exchange_import (fx->county, report, GT_EXCHANGE_IMPORT_DEFAULT,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->applied);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger"), ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
                   ==, 1);
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
      g_assert_false (gt_exchange_export (fx->township, target, &options, NULL, &error));
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
  g_test_trap_assert_stderr_unmatched ("*I/O error*"); /* libxml2's own line, on top of ours */
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
  g_autofree char *before = exchange_digest (fx->county), *after = NULL, *files = NULL;
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", COUNTY, NULL, TRUE,
                                      NULL };
  GtExchangeResult *result;

  g_assert_false (gt_exchange_export (fx->township, gone, &options, NULL, &error));
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
  after = exchange_digest (fx->county);
  g_assert_cmpstr (after, ==, before);
}

/* ---- hostile packages ---- */

/* A package around @bodies with @doctype before the root; @counts is the <counts> text. */
static GString *
hostile_package (const char *doctype, const char *counts, const char *bodies)
{
  g_autofree char *text = exchange_small_package (doctype, counts, bodies);

  return g_string_new (text);
}

static gint64
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

#define TASK_OPEN "<task uuid=\"11111111-2222-4333-8444-555555555555\" rev=\"1\"" \
  " mtime=\"2026-11-01T08:00:00Z\" kind=\"task\" title=\"t\" issuer-code=\"" COUNTY "\"" \
  " target=\"*\" issued=\"2026-11-01\">"

typedef struct
{
  const char *name;
  GString *(*make) (void);
} Hostile;

static GString *
make_xxe (void)
{
  return hostile_package ("<!DOCTYPE package [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n",
                          "tasks=\"1\"", " <tasks>\n  " TASK_OPEN "&x;</task>\n </tasks>\n");
}

static GString *
make_laughs (void)
{
  g_autoptr (GString) dtd = g_string_new ("<!DOCTYPE package [<!ENTITY l0 \"ha\">");

  for (int i = 1; i < 10; i++)
    g_string_append_printf (dtd, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;"
                            "&l%d;\">", i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
                            i - 1, i - 1);
  g_string_append (dtd, "]>\n");
  return hostile_package (dtd->str, "tasks=\"1\"",
                          " <tasks>\n  " TASK_OPEN "&l9;</task>\n </tasks>\n");
}

static GString *
make_external_dtd (void)
{
  return hostile_package ("<!DOCTYPE package SYSTEM \"http://127.0.0.1:9/guatu.dtd\">\n", "", "");
}

static GString *
make_deep (void)
{
  g_autoptr (GString) deep = g_string_new (" <tasks>\n");

  for (int i = 0; i < 10000; i++)
    g_string_append (deep, TASK_OPEN);
  for (int i = 0; i < 10000; i++)
    g_string_append (deep, "</task>");
  g_string_append (deep, "\n </tasks>\n");
  return hostile_package ("", "tasks=\"1\"", deep->str);
}

static GString *
make_huge_text (void)
{
  GString *doc = hostile_package ("", "tasks=\"1\"", "");
  gsize tail = strlen ("</package>\n");

  /* 100 MB of text in one task, put in place of the end of the package. */
  g_string_truncate (doc, doc->len - tail);
  g_string_append (doc, " <tasks>\n  " TASK_OPEN);
  {
    gsize start = doc->len, size = 100 * 1024 * 1024;

    g_string_set_size (doc, start + size);
    memset (doc->str + start, 'a', size);
  }
  g_string_append (doc, "</task>\n </tasks>\n</package>\n");
  return doc;
}

static GString *
make_bad_utf8 (void)
{
  return hostile_package ("", "tasks=\"1\"",
                          " <tasks>\n  <task uuid=\"\xff\xfe\xc0\x80\"/>\n </tasks>\n");
}

/* The header announces one member; 10 000 follow (a package ten thousand times larger than
 * it claims to be). */
static GString *
make_oversized (void)
{
  g_autoptr (GString) members = g_string_new (" <members>\n");

  for (int i = 0; i < 10000; i++)
    g_string_append_printf (members,
                            "  <member uuid=\"11111111-2222-4333-8444-%012d\" rev=\"1\""
                            " mtime=\"2026-11-01T08:00:00Z\""
                            " org=\"11111111-2222-4333-8444-555555555555\" name=\"张三\""
                            " gender=\"M\" category=\"full\" status=\"active\"/>\n", i);
  g_string_append (members, " </members>\n");
  return hostile_package ("", "members=\"1\"", members->str);
}

static const Hostile hostiles[] = {
  { "xxe", make_xxe },
  { "billion-laughs", make_laughs },
  { "external-dtd", make_external_dtd },
  { "deep", make_deep },
  { "huge-text", make_huge_text },
  { "bad-utf8", make_bad_utf8 },
  { "oversized", make_oversized },
};

/* The parser itself (no signature in front of it) refuses the document, with a message
 * naming the file, within bounded memory. */
static void
test_hostile_reader (gconstpointer data)
{
  const Hostile *hostile = data;
  g_autoptr (GString) doc = hostile->make ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = gt_exchange_result_new ("hostile.xml");
  g_autoptr (GtExchangeReader) reader = NULL;
  gint64 rss_before = peak_rss_kb ();
  GtExchangeRecord record;
  gboolean header;
  guint records = 0;

  /* A text or tag longer than any a package has is refused before parsing; the rest on
   * the way. */
  reader = gt_exchange_reader_new ("hostile.xml", doc->str, doc->len, &error);
  header = reader != NULL && gt_exchange_reader_read_header (reader, result, &error);
  while (header && gt_exchange_reader_next (reader, &record, &error))
    records++;
  g_assert_nonnull (error);
  g_test_message ("%s: %u records, then: %s", hostile->name, records, error->message);
  g_assert_nonnull (strstr (error->message, "hostile.xml"));
  g_assert_true (error->domain == GT_EXCHANGE_ERROR);
#ifndef __SANITIZE_ADDRESS__ /* ASan keeps freed memory in quarantine: RSS says nothing */
  /* Beyond the document in memory, libxml2 may hold at most its own 10 MB text limit. */
  g_assert_cmpint (peak_rss_kb () - rss_before, <, 64 * 1024);
#else
  (void) rss_before;
#endif
}

/* The same documents signed by a trusted office: the import refuses them whole and changes
 * nothing; unsigned they never get past the signature check. */
static void
test_hostile_import (Fixture *fx, gconstpointer data)
{
  g_autofree char *before = exchange_digest (fx->county), *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hostiles); i++)
    {
      g_autoptr (GString) doc = hostiles[i].make ();
      g_autofree char *name = g_strconcat (hostiles[i].name, ".xml", NULL);
      g_autofree char *unsigned_path = g_build_filename (fx->drive, "unsigned.xml", NULL);
      g_autofree char *path = exchange_signed_file (fx->drive, fx->township, name, doc->str,
                                                     doc->len);
      g_autoptr (GError) error = NULL;
      GtExchangeResult *result;

      result = gt_exchange_import (fx->county, path, GT_EXCHANGE_IMPORT_DEFAULT,
                                   GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
      g_assert_null (result);
      g_assert_nonnull (error);
      g_test_message ("signed %s: %s", hostiles[i].name, error->message);
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);

      g_assert_true (g_file_set_contents (unsigned_path, doc->str, doc->len, NULL));
      result = gt_exchange_import (fx->county, unsigned_path, GT_EXCHANGE_IMPORT_DEFAULT,
                                   GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED);
      g_unlink (path);
      g_unlink (unsigned_path);
    }
  after = exchange_digest (fx->county);
  g_assert_cmpstr (after, ==, before);
}

/* Under zh_CN the record types and kinds inside messages are Chinese, and a schema error of
 * libxml2 (English) is led by a Chinese sentence after the file and line. */
static void
test_messages_zh_CN (void)
{
  g_autofree char *counted = exchange_small_package ("", "ratings=\"2\"", "");
  g_autofree char *unexpected = exchange_small_package ("", "bogus=\"1\"", "");
  g_autofree char *message = NULL;

  if (!gt_test_use_zh_CN ())
    return;

  g_assert_cmpstr (gt_exchange_type_label (GT_EXCHANGE_RATING), ==, "评定结果");
  g_assert_cmpstr (gt_exchange_type_label_singular (GT_EXCHANGE_MEMBER), ==, "党员");
  g_assert_cmpstr (gt_exchange_type_label_singular (GT_EXCHANGE_ACK), ==, "回执");
  g_assert_cmpstr (gt_exchange_type_label_singular (GT_EXCHANGE_TASK), ==, "任务");
  g_assert_cmpstr (gt_exchange_kind_label (GT_EXCHANGE_KIND_ACK), ==, "回执");

  message = exchange_refusal (counted, strlen (counted), NULL);
  g_assert_nonnull (strstr (message, "评定结果"));
  g_assert_null (strstr (message, "ratings"));
  g_clear_pointer (&message, g_free);

  message = exchange_refusal (unexpected, strlen (unexpected), NULL);
  g_assert_true (g_str_has_prefix (message, "bad.xml:6: 不符合数据交换格式（schema）："));
  g_assert_nonnull (strstr (message, "bogus"));

  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, setup, func, teardown)
  ADD ("/exchange/faults/import-disk-full", test_import_disk_full);
  ADD ("/exchange/faults/export-disk-full", test_export_disk_full);
  ADD ("/exchange/faults/drive-pulled", test_drive_pulled);
  ADD ("/exchange/faults/hostile-import", test_hostile_import);
  for (guint i = 0; i < G_N_ELEMENTS (hostiles); i++)
    {
      g_autofree char *name = g_strdup_printf ("/exchange/faults/hostile-reader/%s",
                                               hostiles[i].name);
      g_test_add_data_func (name, &hostiles[i], test_hostile_reader);
    }
  g_test_add_func ("/exchange/faults/messages-zh_CN", test_messages_zh_CN);
  return g_test_run ();
}
