/* test-exchange.c — signed exchange packages: keys, export, verify, import, and every kind of
 * bad package rejected with a clear message and the receiving database unchanged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "gt-demo.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"
#include "exchange-fixture.h"
#include "gt-test-demo.h"

#define TOWNSHIP EXCHANGE_TOWNSHIP
#define COUNTY EXCHANGE_COUNTY

typedef struct
{
  char *dir;
  GtStorage *township;
  GtStorage *county;
  char *report;      /* a report exported by the township for the county */
} Fixture;


static char *
path_in (Fixture *fx, const char *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

static char *
export (Fixture *fx, GtStorage *storage, const char *name, GtExchangeKind kind, const char *to,
        gboolean mask)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeExportInfo) info = NULL;
  char *path = path_in (fx, name);
  GtExchangeExportOptions options = { kind, "2026-11", to, NULL, mask, NULL };

  g_assert_true (gt_exchange_export (storage, path, &options, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info->path, ==, path);
  g_assert_cmpuint (strlen (info->sha256), ==, 64);
  return path;
}

static void
setup (Fixture *fx, gconstpointer data)
{
  exchange_offices_open ("guatu-exchange", &fx->dir, &fx->township, &fx->county);
  fx->report = export (fx, fx->township, "report.xml", GT_EXCHANGE_KIND_REPORT, NULL, FALSE);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  exchange_offices_close (&fx->dir, &fx->township, &fx->county);
  g_free (fx->report);
}

/* Every row of every table the import may write, as one string. */
static char *
digest (GtStorage *storage)
{
  static const char *const tables[] = { "ex_records", "ex_ledger", "ex_reports", "ex_tasks",
                                        "ex_acks", "meta", "audit_log" };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      sqlite3_reset (stmt);
    }
  {
    char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, -1);
    g_string_free (out, TRUE);
    return sum;
  }
}

static char *
read_all (const char *path, gsize *length)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

/* The bytes before the signature line of @path. */
static char *
body_of (const char *path)
{
  gsize length = 0;
  char *data = read_all (path, &length);
  char *last = g_strrstr (data, "<?guatu-signature");

  g_assert_nonnull (last);
  *last = '\0';
  return data;
}

/* @body signed with @storage's key, written to @name. */
static char *
signed_file (Fixture *fx, GtStorage *storage, const char *name, const char *body, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtSigner) signer = gt_signer_new (storage, &error);
  g_autofree char *sig = NULL, *line = NULL;
  GString *out = g_string_new_len (body, length);
  char *path = path_in (fx, name);

  g_assert_no_error (error);
  gt_signer_update (signer, body, length);
  sig = gt_signer_finish (signer, &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "<?guatu-signature alg=\"ecdsa-p256-sha256\" key=\"%s\" "
                          "value=\"%s\"?>\n", gt_signer_get_fingerprint (signer), sig);
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  g_string_free (out, TRUE);
  return path;
}

/* A small package around @records; @counts is the <counts> attribute text. */
static char *
small_package (const char *doctype, const char *counts, const char *bodies)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s"
                          "<package version=\"1\" xmlns=\"urn:guatu:exchange:1\">\n"
                          " <header uuid=\"0b7c1a34-5d2e-4f60-8a91-2c3d4e5f6a7b\" kind=\"report\""
                          " period=\"2026-11\" created=\"2026-12-01T08:00:00+08:00\""
                          " generator=\"test\" masked=\"0\">\n"
                          "  <sender code=\"" TOWNSHIP "\" name=\"t\"/>\n"
                          "  <receiver code=\"" COUNTY "\" name=\"c\"/>\n"
                          "  <counts %s/>\n </header>\n%s</package>\n",
                          doctype, counts, bodies);
}

#define MEMBER(uuid, extra) \
  "  <member uuid=\"" uuid "\" rev=\"1\" mtime=\"2026-11-01T08:00:00Z\"" \
  " org=\"11111111-2222-4333-8444-555555555555\" name=\"张三\" gender=\"M\"" \
  " category=\"full\" status=\"active\"" extra "/>\n"

/* Imports @path into the county and expects a rejection with @code of @domain whose message
 * names the file and holds @part; the county's tables are unchanged. */
static void
assert_rejected (Fixture *fx, const char *path, GQuark domain, int code, const char *part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *before = digest (fx->county), *after = NULL;

  result = gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, domain, code);
  g_assert_true (g_str_has_prefix (error->message, path));
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
  after = digest (fx->county);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  /* verify says the same */
  g_assert_null (gt_exchange_verify_file (fx->county, path, &error));
  g_assert_error (error, domain, code);
}

static void
test_keys (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  g_autofree char *fp = NULL, *pem = gt_keys_get_public_pem (fx->township, &fp, &error);
  g_autofree char *shown = gt_keys_format_fingerprint (fp), *again = NULL;
  g_autofree char *digest_hex = NULL;
  guchar *der;
  gsize der_len = 0;
  char **lines;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN PUBLIC KEY-----\n"));
  g_assert_cmpuint (strlen (fp), ==, 64);
  g_assert_cmpuint (strlen (shown), ==, 64 + 15);
  g_assert_cmpint (shown[4], ==, ' ');

  /* The fingerprint is the SHA-256 of the DER: decode the PEM's base64 by hand. */
  lines = g_strsplit (pem, "\n", -1);
  {
    g_autofree char *b64 = g_strjoinv ("", lines + 1);
    char *end = strstr (b64, "-----END");
    *end = '\0';
    der = g_base64_decode (b64, &der_len);
  }
  g_strfreev (lines);
  digest_hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der, der_len);
  g_free (der);
  g_assert_cmpstr (digest_hex, ==, fp);
  g_assert_cmpuint (der_len, ==, 91); /* P-256 SubjectPublicKeyInfo */

  /* A second key is refused without --replace. */
  g_assert_false (gt_keys_generate (fx->township, FALSE, &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_EXISTS);
  g_clear_error (&error);

  /* Enrolling with the wrong fingerprint read out by phone is refused. */
  g_assert_false (gt_keys_trust (fx->county, pem, strlen (pem), "330822199", "x",
                                 "0000 1111 2222 3333", NULL, &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_false (gt_keys_trust (fx->county, "garbage", 7, "330822199", "x", NULL, NULL,
                                 &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_KEY);
  g_clear_error (&error);
  /* With the right one (spaces and case ignored) it is accepted. */
  again = g_ascii_strup (shown, -1);
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, "赏石小镇", again, NULL,
                                &error));
  g_assert_no_error (error);
  keys = gt_keys_list_trusted (fx->county, &error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (((GtTrustedKey *) keys->pdata[0])->org_code, ==, TOWNSHIP);
  g_clear_pointer (&keys, g_ptr_array_unref);

  /* Enrolled again without a name (or an empty one): the name stays. */
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, "", NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (fx->county, fp, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key->org_code, ==, TOWNSHIP);
    g_assert_cmpstr (key->name, ==, "赏石小镇");
  }
  /* For another office: refused, naming both; the key stays with its office. */
  g_assert_false (gt_keys_trust (fx->county, pem, strlen (pem), "330822199", "别的镇", NULL, NULL,
                                 &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, TOWNSHIP));
  g_assert_nonnull (strstr (error->message, "赏石小镇"));
  g_assert_nonnull (strstr (error->message, "330822199"));
  g_assert_nonnull (strstr (error->message, "别的镇"));
  g_clear_error (&error);
  {
    g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (fx->county, fp, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key->org_code, ==, TOWNSHIP);
    g_assert_cmpstr (key->name, ==, "赏石小镇");
  }
  /* Moved when asked to: the old office's name goes with it. */
  g_assert_true (gt_keys_trust_full (fx->county, pem, strlen (pem), "330822199", NULL, NULL, TRUE,
                                     NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (fx->county, fp, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key->org_code, ==, "330822199");
    g_assert_cmpstr (key->name, ==, "");
  }
  /* And back, with a name, for the tests below. */
  g_assert_true (gt_keys_trust_full (fx->county, pem, strlen (pem), TOWNSHIP, "赏石小镇", NULL,
                                     TRUE, NULL, &error));
  g_assert_no_error (error);
  keys = gt_keys_list_trusted (fx->county, &error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (((GtTrustedKey *) keys->pdata[0])->org_code, ==, TOWNSHIP);
  g_assert_cmpstr (((GtTrustedKey *) keys->pdata[0])->name, ==, "赏石小镇");

  /* The private key never reaches the audit log. */
  g_assert_cmpint (gt_test_count (fx->township, "SELECT count(*) FROM audit_log"
                                                " WHERE coalesce (after, '') LIKE '%PRIVATE%'"),
                   ==, 0);
}

static void
test_roundtrip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) preview = NULL, result = NULL, again = NULL;
  g_autofree char *before = digest (fx->county), *after = NULL;
  gint64 members = gt_test_count (fx->township, "SELECT count(*) FROM members");
  gint64 orgs = gt_test_count (fx->township, "SELECT count(*) FROM organizations");

  /* Dry run: the preview, nothing changed. */
  preview = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_DRY_RUN,
                                GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, GT_EXCHANGE_KIND_REPORT);
  g_assert_cmpstr (preview->sender_code, ==, TOWNSHIP);
  g_assert_cmpstr (preview->period, ==, "2026-11");
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_NEW], ==, members);
  g_assert_cmpuint (preview->claimed[GT_EXCHANGE_MEMBER], ==, 215);
  g_assert_false (preview->applied);
  after = digest (fx->county);
  g_assert_cmpstr (before, ==, after);

  result = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_DEFAULT,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->applied);
  g_assert_nonnull (result->backup_path);
  g_assert_true (g_file_test (result->backup_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (result->counts[GT_EXCHANGE_ORGANIZATION][GT_EXCHANGE_NEW], ==, orgs);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE type ="
                                              " 'member' AND source_code = '" TOWNSHIP "'"),
                   ==, members);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT members FROM ex_reports"), ==, 215);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger"), ==, 1);
  /* One bulk entry in the audit log, not one per row. */
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM audit_log WHERE action ="
                                              " 'bulk' AND summary LIKE '%exchange package%'"),
                   ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM audit_log WHERE action ="
                                              " 'insert' AND table_name = 'ex_records'"), ==, 0);

  /* Re-import: a no-op that says when. */
  g_free (before);
  before = digest (fx->county);
  again = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_DEFAULT,
                              GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->already_imported);
  g_assert_false (again->applied);
  g_assert_nonnull (again->imported_on);
  g_free (after);
  after = digest (fx->county);
  g_assert_cmpstr (before, ==, after);

  /* A copy that lost its last line end, or got "\r\n" from an editor, is the same package. */
  {
    gsize length = 0;
    g_autofree char *text = read_all (fx->report, &length);
    const char *endings[] = { "", "\r\n" };

    g_assert_cmpint (text[length - 1], ==, '\n');
    for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
      {
        g_autofree char *copy = g_strdup_printf ("%.*s%s", (int) length - 1, text, endings[i]);
        g_autofree char *path = g_build_filename (fx->dir, "copy.xml", NULL);
        g_autoptr (GtExchangeResult) r = NULL;

        g_assert_true (g_file_set_contents (path, copy, -1, NULL));
        r = gt_exchange_import (fx->county, path, GT_EXCHANGE_IMPORT_DEFAULT,
                                GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (r->already_imported);
        g_assert_cmpstr (r->sha256, ==, again->sha256);
      }
  }
}

static void
test_rejected (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) stranger = NULL;
  gsize length = 0;
  g_autofree char *bytes = read_all (fx->report, &length), *path = NULL, *body = NULL;
  g_autofree char *pkg = NULL, *big = NULL;
  struct rusage usage;
  glong rss_before;

  /* A flipped byte in the middle. */
  bytes[length / 2] ^= 0x01;
  path = path_in (fx, "flipped.xml");
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
  assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE, "changed or damaged");
  bytes[length / 2] ^= 0x01;
  g_clear_pointer (&path, g_free);

  /* Truncated. */
  path = path_in (fx, "truncated.xml");
  g_assert_true (g_file_set_contents (path, bytes, length - 200, NULL));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED, "not a signed");
  g_clear_pointer (&path, g_free);
  /* Truncated after the signature's line break is still the same package. */
  path = path_in (fx, "empty.xml");
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED, NULL);
  g_clear_pointer (&path, g_free);

  /* Signed by a key the county does not trust. */
  {
    g_autofree char *stranger_path = path_in (fx, "stranger.db");
    stranger = gt_storage_open (stranger_path, GT_STORAGE_OPEN_CREATE, &error);
  }
  g_assert_true (gt_storage_set_meta (stranger, "office_code", TOWNSHIP, &error));
  g_assert_true (gt_keys_generate (stranger, FALSE, &error));
  g_assert_no_error (error);
  path = export (fx, stranger, "stranger.xml", GT_EXCHANGE_KIND_REPORT, COUNTY, FALSE);
  assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_UNTRUSTED, "trust list");
  g_clear_pointer (&path, g_free);

  /* Addressed to another office. */
  path = export (fx, fx->township, "other.xml", GT_EXCHANGE_KIND_REPORT, "330803", FALSE);
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_WRONG_RECEIVER,
                   "addressed to office 330803, not to this office");
  g_clear_pointer (&path, g_free);

  /* Not signed at all. */
  pkg = small_package ("", "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n");
  path = path_in (fx, "unsigned.xml");
  g_assert_true (g_file_set_contents (path, pkg, -1, NULL));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED, NULL);
  g_clear_pointer (&path, g_free);

  /* The same small package signed by the township is fine (the tests below differ by one
   * thing each). */
  path = signed_file (fx, fx->township, "small.xml", pkg, strlen (pkg));
  {
    g_autoptr (GtExchangeResult) ok = gt_exchange_verify_file (fx->county, path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (ok);
  }
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* XXE and billion laughs, signed by a trusted key: refused unread. */
  pkg = small_package ("<!DOCTYPE package [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n",
                       "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " ethnicity=\"&x;\"") " </members>\n");
  path = signed_file (fx, fx->township, "xxe.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN, "DOCTYPE");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  pkg = small_package ("<!DOCTYPE package [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                       "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>\n",
                       "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " notes=\"&f;&f;&f;&f;\"") " </members>\n");
  path = signed_file (fx, fx->township, "laughs.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN, "DOCTYPE");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* 10 000 nested elements, a 5 MB text node: refused with bounded memory. */
  getrusage (RUSAGE_SELF, &usage);
  rss_before = usage.ru_maxrss;
  {
    GString *deep = g_string_new (" <tasks>\n");
    for (int i = 0; i < 10000; i++)
      g_string_append (deep, "<task>");
    for (int i = 0; i < 10000; i++)
      g_string_append (deep, "</task>");
    g_string_append (deep, "\n </tasks>\n");
    pkg = small_package ("", "tasks=\"1\"", deep->str);
    g_string_free (deep, TRUE);
  }
  path = signed_file (fx, fx->township, "deep.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, NULL);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  big = g_malloc (5 * 1024 * 1024 + 1);
  memset (big, 'x', 5 * 1024 * 1024);
  big[5 * 1024 * 1024] = '\0';
  {
    g_autofree char *tasks = g_strdup_printf (
      " <tasks>\n  <task uuid=\"aaaaaaaa-0000-4000-8000-000000000009\" rev=\"1\""
      " mtime=\"2026-11-01\" kind=\"notice\" title=\"t\" issuer-code=\"" TOWNSHIP "\""
      " target=\"*\" issued=\"2026-11-01\">%s</task>\n </tasks>\n", big);
    pkg = small_package ("", "tasks=\"1\"", tasks);
  }
  path = signed_file (fx, fx->township, "huge.xml", pkg, strlen (pkg));
  {
    g_autoptr (GtExchangeResult) r = gt_exchange_verify_file (fx->county, path, &error);
    g_assert_null (r);
    g_assert_true (g_error_matches (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN) ||
                   g_error_matches (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID));
    g_clear_error (&error);
  }
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  getrusage (RUSAGE_SELF, &usage);
  /* The 5 MB file, its copy in memory and libxml2's text buffer; not hundreds of MB. */
#ifndef __SANITIZE_ADDRESS__ /* ASan keeps freed memory in quarantine: RSS says nothing */
  g_assert_cmpint (usage.ru_maxrss - rss_before, <, 80 * 1024);
#else
  (void) rss_before;
#endif

  /* Invalid UTF-8 in a name. */
  pkg = small_package ("", "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " ethnicity=\"\xff\xfe\"") " </members>\n");
  path = signed_file (fx, fx->township, "utf8.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_MALFORMED, NULL);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* An ID number in clear with a wrong check character (…0012 should end in 1), and the same
   * record twice: the file and line are named, nothing is stored. */
  pkg = small_package ("", "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " id-number=\"110101199003070012\"") " </members>\n");
  path = signed_file (fx, fx->township, "check.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   ":9: member aaaaaaaa-0000-4000-8000-000000000001: ID number 110101199003070012");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  pkg = small_package ("", "members=\"2\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n");
  path = signed_file (fx, fx->township, "twice.xml", pkg, strlen (pkg));
  {
    /* found while applying: verify, which applies nothing, passes it */
    g_autofree char *before = digest (fx->county), *after = NULL;
    g_autoptr (GtExchangeResult) r = gt_exchange_import (fx->county, path, 0,
                                                         GT_EXCHANGE_RESOLVE_NONE, NULL, &error);

    g_assert_null (r);
    g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, ":10: the package holds record"
                                              " aaaaaaaa-0000-4000-8000-000000000001 twice"));
    g_clear_error (&error);
    after = digest (fx->county);
    g_assert_cmpstr (before, ==, after);
  }
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* Not well-formed: the message still names the line and says what is wrong. */
  pkg = small_package ("", "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </memberz>\n");
  path = signed_file (fx, fx->township, "mismatch.xml", pkg, strlen (pkg));
  {
    g_autoptr (GError) error2 = NULL;
    g_autofree char *line_prefix = NULL;
    const char *nl = strstr (pkg, "</memberz>");
    int line = 1;

    for (const char *q = pkg; q < nl; q++)
      line += *q == '\n';
    line_prefix = g_strdup_printf ("%s:%d: ", path, line);
    g_assert_null (gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL,
                                       &error2));
    g_assert_error (error2, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_MALFORMED);
    if (!g_str_has_prefix (error2->message, line_prefix) || strstr (error2->message, "memberz") == NULL)
      g_error ("“%s” does not name line %d and the tag", error2->message, line);
  }
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_MALFORMED, NULL);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* More records than the header announces (and fewer). */
  pkg = small_package ("", "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                       MEMBER ("aaaaaaaa-0000-4000-8000-000000000002", "") " </members>\n");
  path = signed_file (fx, fx->township, "more.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   "more members than the 1 the header announces");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  pkg = small_package ("", "members=\"3\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n");
  path = signed_file (fx, fx->township, "fewer.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, "announces 3 members");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* Not valid against the schema: the message names the line. */
  pkg = small_package ("", "members=\"1\"", " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " birth-date=\"soon\"") " </members>\n");
  path = signed_file (fx, fx->township, "invalid.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, "invalid.xml:9: ");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* A newer format. */
  body = body_of (fx->report);
  {
    g_autofree char *v2 = g_strdup (body);
    char *ns = strstr (v2, "urn:guatu:exchange:1");
    ns[strlen ("urn:guatu:exchange:")] = '2';
    path = signed_file (fx, fx->township, "v2.xml", v2, strlen (v2));
    assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_VERSION, "update Guatu");
    g_clear_pointer (&path, g_free);
  }
  /* Claims to come from another township. */
  {
    g_autofree char *other = g_strdup (body);
    char *code = strstr (other, "<sender code=\"" TOWNSHIP);
    code[strlen ("<sender code=\"") + 8] = '9';
    path = signed_file (fx, fx->township, "sender.xml", other, strlen (other));
    assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_WRONG_SENDER, "330822109");
    g_clear_pointer (&path, g_free);
  }
  /* Imported once, then the same package id with different contents. */
  {
    g_autoptr (GtExchangeResult) r = gt_exchange_import (fx->county, fx->report, 0,
                                                         GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
    g_autofree char *changed = g_strdup (body);
    g_assert_no_error (error);
    strstr (changed, "generator=\"Guatu")[strlen ("generator=\"")] = 'g';
    path = signed_file (fx, fx->township, "replay.xml", changed, strlen (changed));
    assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_REPLAYED, "different package");
    g_clear_pointer (&path, g_free);
  }
}

static void
test_reader_doctype (void)
{
  static const char doc[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE package [<!ENTITY x \"y\">]>\n"
                            "<package xmlns=\"urn:guatu:exchange:1\" version=\"1\"/>\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = gt_exchange_result_new ("doc.xml");
  g_autoptr (GtExchangeReader) reader = gt_exchange_reader_new ("doc.xml", doc, strlen (doc),
                                                                &error);

  /* The reader alone (behind the byte scan) refuses a DOCTYPE too. */
  g_assert_no_error (error);
  g_assert_false (gt_exchange_reader_read_header (reader, result, &error));
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN);
}

static void
test_conflicts (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL, preview = NULL, r3 = NULL;
  g_autofree char *newer = NULL, *older = NULL, *before = NULL, *after = NULL;
  g_autofree char *uuid = NULL;

  /* The township renames a member and deletes a link after the first report. */
  g_assert_true (gt_storage_exec (fx->township,
                                  "UPDATE members SET name = '改名', rev = rev + 1,"
                                  " mtime = '2026-11-20T09:00:00Z' WHERE id = 1;"
                                  "DELETE FROM member_household_links WHERE id = 1;", &error));
  g_assert_no_error (error);
  newer = export (fx, fx->township, "newer.xml", GT_EXCHANGE_KIND_REPORT, NULL, FALSE);
  older = g_strdup (fx->report);

  r1 = gt_exchange_import (fx->county, newer, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->counts[GT_EXCHANGE_TOMBSTONE][GT_EXCHANGE_NEW], ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE deleted"),
                   ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名'"), ==, 1);

  /* The older report now conflicts: nothing is imported without a decision. */
  before = digest (fx->county);
  r2 = gt_exchange_import (fx->county, older, 0, GT_EXCHANGE_RESOLVE_NONE, &preview, &error);
  g_assert_null (r2);
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CONFLICTS);
  g_clear_error (&error);
  after = digest (fx->county);
  g_assert_cmpstr (before, ==, after);
  g_assert_nonnull (preview);
  /* the renamed member (rev 1 < 2) and the deleted link (rev 1 < 2) */
  g_assert_cmpuint (preview->n_conflicts, ==, 2);
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_CONFLICTING], ==, 1);
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UNCHANGED], ==, 214);
  {
    GtExchangeConflict *c = preview->conflicts->pdata[0];
    g_assert_nonnull (strstr (c->local, "改名"));
    g_assert_null (strstr (c->incoming, "改名"));
    uuid = g_strdup (c->uuid);
  }

  /* Keep local: the ledger records the decision, the member keeps the new name. */
  r3 = gt_exchange_import (fx->county, older, 0, GT_EXCHANGE_RESOLVE_KEEP_LOCAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger WHERE resolution"
                                              " = 'keep-local'"), ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名'"), ==, 1);
}

static void
test_take_incoming (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL;
  g_autofree char *newer = NULL;

  g_assert_true (gt_storage_exec (fx->township,
                                  "UPDATE members SET name = '改名', rev = rev + 1 WHERE id = 1;",
                                  &error));
  newer = export (fx, fx->township, "newer.xml", GT_EXCHANGE_KIND_REPORT, NULL, FALSE);
  r1 = gt_exchange_import (fx->county, newer, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_NEW], ==, 215);
  r2 = gt_exchange_import (fx->county, fx->report, 0, GT_EXCHANGE_RESOLVE_TAKE_INCOMING, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_CONFLICTING], ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名'"), ==, 0);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger WHERE resolution"
                                              " = 'take-incoming'"), ==, 1);
}

static void
test_mask (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r = NULL;
  g_autofree char *path = export (fx, fx->township, "masked.xml", GT_EXCHANGE_KIND_REPORT, NULL,
                                  TRUE);
  gsize length = 0;
  g_autofree char *text = read_all (path, &length);
  g_autofree char *id = NULL;

  g_assert_nonnull (strstr (text, "masked=\"1\""));
  /* No full ID number of the township appears in the file. */
  {
    sqlite3_stmt *stmt = gt_storage_prepare (fx->township, "SELECT id_number FROM members"
                                                           " WHERE id_number IS NOT NULL", NULL);
    int n = 0;
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_assert_null (strstr (text, (const char *) sqlite3_column_text (stmt, 0)));
        n++;
      }
    sqlite3_reset (stmt);
    g_assert_cmpint (n, >, 100);
  }
  g_assert_true (g_regex_match_simple ("id-number=\"[0-9]{6}\\*{8}[0-9]{3}[0-9X]\"", text, 0, 0));
  r = gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->masked);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT masked FROM ex_reports"), ==, 1);
}

/* Counts the county's members whose ID number is masked, held in clear, or all of them. */
#define MASKED_IDS "SELECT count(*) FROM ex_records WHERE type = 'member' AND" \
                   " json_extract (data, '$.id-number') LIKE '%*%'"
#define CLEAR_IDS "SELECT count(*) FROM ex_records WHERE type = 'member' AND" \
                  " json_extract (data, '$.id-number') GLOB '[0-9]*[0-9X]' AND" \
                  " json_extract (data, '$.id-number') NOT LIKE '%*%'"

static GtExchangeResult *
import_ok (Fixture *fx, const char *path)
{
  g_autoptr (GError) error = NULL;
  GtExchangeResult *r = gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE,
                                            NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->n_conflicts, ==, 0);
  return r;
}

static void
test_mask_and_clear (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autofree char *masked = export (fx, fx->township, "masked.xml", GT_EXCHANGE_KIND_REPORT,
                                    NULL, TRUE);
  g_autofree char *again = export (fx, fx->township, "again.xml", GT_EXCHANGE_KIND_REPORT,
                                   NULL, TRUE);
  g_autofree char *renamed = NULL, *phone = NULL;
  int members, with_id;

  /* Masked first: the county holds masked numbers. */
  r1 = import_ok (fx, masked);
  members = r1->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_NEW];
  with_id = gt_test_count (fx->county, MASKED_IDS);
  g_assert_cmpint (with_id, >, 100);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, 0);

  /* The same records in clear fill the numbers in: updates, not conflicts. */
  r2 = import_ok (fx, fx->report);
  g_assert_cmpuint (r2->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UPDATED], ==, with_id);
  g_assert_cmpuint (r2->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UNCHANGED], ==,
                    members - with_id);
  g_assert_cmpint (gt_test_count (fx->county, MASKED_IDS), ==, 0);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, with_id);

  /* A later masked copy of them changes nothing and hides nothing again. */
  r3 = import_ok (fx, again);
  g_assert_cmpuint (r3->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UNCHANGED], ==, members);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, with_id);

  /* A masked package with a renamed member updates the name and keeps the ID in clear;
   * a number that really changed is taken masked as it came. */
  g_assert_true (gt_storage_exec (fx->township,
                                  "UPDATE members SET name = '改名', rev = rev + 1,"
                                  " mtime = '2026-11-20T09:00:00Z' WHERE id = (SELECT min (id)"
                                  " FROM members WHERE id_number IS NOT NULL);"
                                  "UPDATE members SET phone = '13900000000', rev = rev + 1,"
                                  " mtime = '2026-11-20T09:00:00Z' WHERE id = (SELECT max (id)"
                                  " FROM members WHERE phone IS NOT NULL);", &error));
  g_assert_no_error (error);
  renamed = export (fx, fx->township, "renamed.xml", GT_EXCHANGE_KIND_REPORT, NULL, TRUE);
  r4 = import_ok (fx, renamed);
  g_assert_cmpuint (r4->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UPDATED], ==, 2);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名' AND"
                                              " json_extract (data, '$.id-number')"
                                              " NOT LIKE '%*%'"), ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, with_id);
  phone = g_strdup_printf ("SELECT count(*) FROM ex_records WHERE json_extract (data,"
                           " '$.phone') = '139****0000'");
  g_assert_cmpint (gt_test_count (fx->county, phone), ==, 1);
}

static void
test_dispatch_ack (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL;
  g_autofree char *dispatch = NULL, *ack = NULL;

  g_assert_true (gt_storage_exec (fx->county,
                                  "INSERT INTO ex_tasks (uuid, mtime, kind, title, body, due_date,"
                                  " issuer_code, issuer_name, target_code, issued_on) VALUES"
                                  " ('5e0c2a7e-1111-4222-8333-444444444444', '2026-12-01T08:00:00Z',"
                                  "  'task', '主题党日', '每月一次 <全部>', '2026-12-20', '330822',"
                                  "  '常山县', '*', '2026-12-01'),"
                                  " ('5e0c2a7e-1111-4222-8333-555555555555', '2026-12-01T08:00:00Z',"
                                  "  'notice', '别的乡镇', '', NULL, '330822', '常山县', '330822199',"
                                  "  '2026-12-01')", &error));
  g_assert_no_error (error);
  dispatch = export (fx, fx->county, "dispatch.xml", GT_EXCHANGE_KIND_DISPATCH, TOWNSHIP, FALSE);
  r1 = gt_exchange_import (fx->township, dispatch, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_NEW], ==, 1);
  g_assert_cmpint (gt_test_count (fx->township, "SELECT count(*) FROM ex_tasks WHERE incoming"
                                                " AND body = '每月一次 <全部>'"), ==, 1);

  g_assert_true (gt_storage_exec (fx->township,
                                  "INSERT INTO ex_acks (uuid, mtime, task_uuid, office_code,"
                                  " office_name, status, date, note) VALUES"
                                  " ('6f1d3b8f-1111-4222-8333-444444444444', '2026-12-02T08:00:00Z',"
                                  "  '5e0c2a7e-1111-4222-8333-444444444444', '" TOWNSHIP "',"
                                  "  '赏石小镇', 'received', '2026-12-02', '收到')", &error));
  ack = export (fx, fx->township, "ack.xml", GT_EXCHANGE_KIND_ACK, NULL, FALSE);
  r2 = gt_exchange_import (fx->county, ack, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_acks WHERE office_code"
                                              " = '" TOWNSHIP "' AND note = '收到'"), ==, 1);
}

/* 400 tasks of 6 KB each (bodies of 1 990 characters, the schema allows 2 000): the parsing
 * thread's batches (1 MB) fill up after about 170, so a record that does not fit waits for
 * the next batch; every body arrives whole and in its own task. */
#define BIG_BODY "replace (hex (zeroblob (995)), '00', '党建')"

static void
test_large_records (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *dispatch = NULL;

  g_assert_true (gt_storage_exec (fx->county,
                                  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                  " WHERE i < 400)"
                                  " INSERT INTO ex_tasks (uuid, mtime, kind, title, body, due_date,"
                                  " issuer_code, issuer_name, target_code, issued_on)"
                                  " SELECT gt_uuid (), '2026-12-01T08:00:00Z', 'task', 'T' || i,"
                                  " 'T' || i || ':' || " BIG_BODY ", '2026-12-20', '330822',"
                                  " '常山县', '*', '2026-12-01' FROM n", &error));
  g_assert_no_error (error);
  dispatch = export (fx, fx->county, "big.xml", GT_EXCHANGE_KIND_DISPATCH, TOWNSHIP, FALSE);
  result = gt_exchange_import (fx->township, dispatch, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_NEW], ==, 400);
  g_assert_cmpint (gt_test_count (fx->township, "SELECT count(*) FROM ex_tasks WHERE incoming"
                                                " AND body = title || ':' || " BIG_BODY), ==, 400);
}

static void
on_progress (double fraction, gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* Cancels the import at its first progress report, with records still being parsed. */
static void
cancel_on_progress (double fraction, gpointer data)
{
  GCancellable *cancel = data;

  g_assert_cmpfloat (fraction, <, 1.0);
  g_cancellable_cancel (cancel);
}

static void
test_progress_cancel (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *before = digest (fx->county), *after = NULL;
  g_autofree char *path = path_in (fx, "cancelled.xml");
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", NULL, NULL, FALSE,
                                      NULL };
  double last = 0;

  /* A cancelled import changes nothing; a cancelled export leaves no file. */
  g_cancellable_cancel (cancel);
  result = gt_exchange_import_full (fx->county, fx->report, 0, GT_EXCHANGE_RESOLVE_NONE, cancel,
                                    on_progress, &last, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = digest (fx->county);
  g_assert_cmpstr (before, ==, after);

  /* Cancelled half-way (the report holds over 8 192 records; progress comes every 4 096): the
   * parsing thread is stopped where it is, and nothing is changed. */
  g_clear_object (&cancel);
  cancel = g_cancellable_new ();
  result = gt_exchange_import_full (fx->county, fx->report, 0, GT_EXCHANGE_RESOLVE_NONE, cancel,
                                    cancel_on_progress, cancel, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancel));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = digest (fx->county);
  g_assert_cmpstr (before, ==, after);
  g_cancellable_cancel (cancel);

  g_assert_false (gt_exchange_export_full (fx->township, path, &options, cancel, NULL, NULL,
                                           NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Progress rises to 1. */
  g_assert_true (gt_exchange_export_full (fx->township, path, &options, NULL, on_progress, &last,
                                          NULL, &error));
  g_assert_cmpfloat (last, ==, 1.0);
  last = 0;
  result = gt_exchange_import_full (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL,
                                    on_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, setup, func, teardown)
  ADD ("/exchange/keys", test_keys);
  ADD ("/exchange/roundtrip", test_roundtrip);
  ADD ("/exchange/rejected", test_rejected);
  ADD ("/exchange/conflicts", test_conflicts);
  ADD ("/exchange/take-incoming", test_take_incoming);
  ADD ("/exchange/mask", test_mask);
  ADD ("/exchange/mask-and-clear", test_mask_and_clear);
  ADD ("/exchange/dispatch-ack", test_dispatch_ack);
  ADD ("/exchange/large-records", test_large_records);
  ADD ("/exchange/progress-cancel", test_progress_cancel);
  g_test_add_func ("/exchange/reader-doctype", test_reader_doctype);
  return g_test_run ();
}
