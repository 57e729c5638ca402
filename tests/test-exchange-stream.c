/* test-exchange-stream.c — the exchange's fast paths agree with the slow ones they replaced:
 * records serialised straight into a buffer give the bytes xmlTextWriter gives, the single
 * SHA-256 pass gives the file's real checksum, and the export's chunked read-back check
 * refuses what the in-memory check refuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"
#include "gt-test-demo.h"

#define TOWNSHIP "330822105"
#define COUNTY "330822"
/* Every character the escaping treats specially, CJK, and an XML end-of-CDATA lookalike. */
#define AWKWARD "a<b>&c\"d'e\tf\ng\rh 青石 ]]> &amp;"
#define AWKWARD_SQL "a<b>&c\"d''e\tf\ng\rh 青石 ]]> &amp;"

typedef struct
{
  char *dir;
  GtStorage *township;
  GtStorage *county;
} Fixture;

static void
setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *township = NULL, *county = NULL, *pem = NULL;

  fx->dir = g_dir_make_tmp ("guatu-exchange-stream-XXXXXX", &error);
  g_assert_no_error (error);
  township = g_build_filename (fx->dir, "township.db", NULL);
  county = g_build_filename (fx->dir, "county.db", NULL);
  fx->township = gt_test_demo_create (township, 20180730);
  g_assert_true (gt_keys_generate (fx->township, FALSE, &error));
  g_assert_no_error (error);
  fx->county = gt_storage_open (county, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (fx->county, "role", "county", &error));
  g_assert_true (gt_storage_set_meta (fx->county, "office_code", COUNTY, &error));
  pem = gt_keys_get_public_pem (fx->township, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, "赏石小镇", NULL, NULL,
                                &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->township);
  g_clear_object (&fx->county);
  gt_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

static char *
export_full (Fixture *fx, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeExportInfo) info = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_FULL, NULL, NULL, NULL, FALSE, NULL };
  GStatBuf st;

  g_assert_true (gt_exchange_export (fx->township, path, &options, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (info->size, ==, st.st_size);
  return path;
}

static void
exec (GtStorage *storage, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (gt_storage_exec (storage, sql, &error));
  g_assert_no_error (error);
}

/* The line of the first <member …/> whose occupation is AWKWARD, as xmlTextWriter writes it
 * from the same attributes. */
static char *
expected_member_line (GtStorage *storage)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
    "SELECT m.uuid, m.rev, m.mtime, o.uuid AS org, m.name, m.gender, m.ethnicity,"
    " m.id_number AS \"id-number\", m.phone, m.education, m.occupation,"
    " m.birth_date AS \"birth-date\", m.join_date AS \"join-date\", m.full_date AS \"full-date\","
    " m.category, m.status, m.flags"
    " FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.occupation = ?", &error);
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);
  const char *content, *start;
  char *line;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, AWKWARD, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST " ");
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, BAD_CAST "package");
  xmlTextWriterStartElement (writer, BAD_CAST "members");
  xmlTextWriterStartElement (writer, BAD_CAST "member");
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
      xmlTextWriterWriteAttribute (writer, BAD_CAST sqlite3_column_name (stmt, c),
                                   sqlite3_column_text (stmt, c));
  xmlTextWriterEndElement (writer);
  xmlTextWriterFlush (writer);
  sqlite3_reset (stmt);
  content = (const char *) xmlBufferContent (buffer);
  start = strstr (content, "  <member ");
  g_assert_nonnull (start);
  line = g_strndup (start, strchr (start, '\n') - start);
  xmlFreeTextWriter (writer);
  xmlBufferFree (buffer);
  return line;
}

/* A member and a task with awkward text: the package holds the bytes xmlTextWriter would have
 * written, and the county receives the values unchanged. */
static void
test_escaping (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *path = NULL, *contents = NULL, *expected = NULL, *json = NULL;
  gsize length = 0;

  exec (fx->township, "UPDATE members SET occupation = '" AWKWARD_SQL "' WHERE id ="
                      " (SELECT min(id) FROM members)");
  exec (fx->township, "UPDATE households SET notes = '" AWKWARD_SQL "' WHERE id ="
                      " (SELECT min(id) FROM households)");
  expected = expected_member_line (fx->township);
  path = export_full (fx, "full.xml");
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  if (strstr (contents, expected) == NULL)
    g_printerr ("expected: %s\n", expected);
  g_assert_nonnull (strstr (contents, expected));
  g_assert_nonnull (strstr (contents, "&lt;b&gt;&amp;c&quot;d'e&#9;f&#10;g&#13;h 青石 ]]&gt; "
                                      "&amp;amp;"));
  /* Layout as before: one record per line, sections closed on their own line, empty ones
   * self-closed. */
  g_assert_nonnull (strstr (contents, "\"/>\n </members>\n <households>\n  <household "));
  g_assert_nonnull (strstr (contents, " <tombstones/>\n</package>\n"));

  result = gt_exchange_import (fx->county, path, GT_EXCHANGE_IMPORT_NO_BACKUP,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->applied);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.occupation') = '"
                                              AWKWARD_SQL "' OR json_extract (data, '$.notes') = '"
                                              AWKWARD_SQL "'"), ==, 2);
}

/* The checksum from the single pass is the SHA-256 of the whole file; the chunked check of
 * the file agrees with the in-memory check and refuses the same damage. */
static void
test_checks (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeSignature) memory = NULL, file = NULL, damaged = NULL;
  g_autofree char *path = export_full (fx, "full.xml"), *contents = NULL, *sum = NULL;
  g_autofree char *pem = gt_keys_get_public_pem (fx->township, NULL, &error);
  g_autofree char *bad = g_build_filename (fx->dir, "bad.xml", NULL);
  g_autofree char *empty = g_build_filename (fx->dir, "empty.xml", NULL);
  g_autofree char *long_line = g_build_filename (fx->dir, "long.xml", NULL);
  g_autofree char *padding = g_strnfill (2 * GT_EXCHANGE_MAX_SIGNATURE_LINE, 'x');
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  memory = gt_exchange_check_signature_with (pem, path, (const guint8 *) contents, length,
                                             &error);
  g_assert_no_error (error);
  file = gt_exchange_check_file_with (pem, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (memory->file_sha256, ==, sum);
  g_assert_cmpstr (file->file_sha256, ==, sum);
  g_assert_cmpuint (file->signed_length, ==, memory->signed_length);
  g_assert_cmpuint (file->length, ==, length);
  g_assert_cmpuint (memory->length, ==, length);
  g_assert_cmpstr (file->fingerprint, ==, memory->fingerprint);

  /* One byte changed in the middle of the signed part. */
  contents[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (bad, contents, length, &error));
  damaged = gt_exchange_check_file_with (pem, bad, &error);
  g_assert_null (damaged);
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE);
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);
  damaged = gt_exchange_check_signature_with (pem, bad, (const guint8 *) contents, length,
                                              &error);
  g_assert_null (damaged);
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* No signature line: empty, or a last line longer than any signature line. */
  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  g_assert_null (gt_exchange_check_file_with (pem, empty, &error));
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED);
  g_clear_error (&error);
  text = g_strconcat (contents, padding, NULL);
  g_assert_true (g_file_set_contents (long_line, text, -1, &error));
  g_assert_null (gt_exchange_check_file_with (pem, long_line, &error));
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED);
  g_clear_error (&error);
}

static char *
uuid_text (guint32 a, guint32 b)
{
  return g_strdup_printf ("%08x-%04x-%04x-8000-%012" G_GINT64_MODIFIER "x", a, b >> 16,
                          b & 0xFFFF, (guint64) a * 7 + b);
}

/* A reference is found among the keys however the keys came: sorted, a few random ones
 * before a sorted run (the merge), or in any order (the heap sort); a uuid not among them is
 * not. */
static void
test_refs_order (void)
{
  static const struct
  {
    guint n, random_head;
    gboolean all_random, descending;
  } orders[] = {
    { 1, 0, FALSE, FALSE },     { 5000, 0, FALSE, FALSE },  { 5000, 1, FALSE, FALSE },
    { 5000, 214, FALSE, FALSE }, { 5000, 625, FALSE, FALSE }, { 5000, 626, FALSE, FALSE },
    { 5000, 0, TRUE, FALSE },   { 5000, 0, FALSE, TRUE },   { 2, 1, FALSE, FALSE },
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (8);

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      guint counts[GT_EXCHANGE_N_TYPES] = { 0 }, n = orders[o].n;
      g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
      GtExchangeRefs *refs;

      for (guint i = 0; i < n; i++)
        {
          guint32 a = orders[o].all_random || i < orders[o].random_head ? g_rand_int (rand)
                      : orders[o].descending ? 0x0FFFFFFF - i : 0x01000000 + i;
          g_ptr_array_add (uuids, uuid_text (a, g_rand_int (rand)));
        }
      counts[GT_EXCHANGE_MEMBER] = n;
      refs = gt_exchange_refs_new (counts);
      for (guint i = 0; i < n; i++)
        {
          GtExchangeRecord member = { .type = GT_EXCHANGE_MEMBER, .uuid = uuids->pdata[i] };
          g_assert_null (gt_exchange_refs_add (refs, &member, (int) i + 2));
        }
      g_test_message ("order %u: %u keys", o, n);
      /* in an order of their own, each found once the keys are sorted */
      for (guint k = 0; k < n; k++)
        {
          guint i = (k * 7919u) % n;
          GtExchangeRecord dues = { .type = GT_EXCHANGE_DUES_PAYMENT, .uuid = "d", .n_attrs = 1,
                                    .names = { "member" }, .values = { uuids->pdata[i] } };
          g_autofree char *absent = uuid_text (0x0F000000u + i, 3);
          GtExchangeRecord stray = dues;
          g_autofree char *problem = NULL;

          g_assert_null (gt_exchange_refs_add (refs, &dues, 1));
          stray.values[0] = absent;
          problem = gt_exchange_refs_add (refs, &stray, 1);
          g_assert_nonnull (problem);
          g_assert_nonnull (strstr (problem, absent));
        }
      gt_exchange_refs_free (refs);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/exchange-stream/escaping", Fixture, NULL, setup, test_escaping, teardown);
  g_test_add ("/exchange-stream/checks", Fixture, NULL, setup, test_checks, teardown);
  g_test_add_func ("/exchange-stream/refs-order", test_refs_order);
  return g_test_run ();
}
