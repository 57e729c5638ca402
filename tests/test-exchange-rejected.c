/* test-exchange-rejected.c — every kind of bad package refused with a clear message that
 * names the file (and the line), and the receiving database unchanged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "exchange-fixture.h"
#include "gt-backup.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"
#include "gt-test-demo.h"

#define TOWNSHIP EXCHANGE_TOWNSHIP
#define COUNTY EXCHANGE_COUNTY

typedef ExchangeReport Fixture;

#define MEMBER(uuid, extra) \
  "  <member uuid=\"" uuid "\" rev=\"1\" mtime=\"2026-11-01T08:00:00Z\"" \
  " org=\"11111111-2222-4333-8444-555555555555\" name=\"张三\" gender=\"M\"" \
  " category=\"full\" status=\"active\"" extra "/>\n"

/* The organisation the members of the small packages belong to. */
#define ORG_UUID "11111111-2222-4333-8444-555555555555"
#define ORG_COUNT "organizations=\"1\" "
#define ORG_BODY \
  " <organizations>\n" \
  "  <organization uuid=\"" ORG_UUID "\" rev=\"1\" mtime=\"2026-11-01T08:00:00Z\"" \
  " name=\"党委\" kind=\"committee\" level=\"township\"/>\n" \
  " </organizations>\n"

/* Imports @path into the county and expects a rejection with @code of @domain whose message
 * names the file and holds @part; the county's tables are unchanged. */
static void
assert_rejected (Fixture *fx, const char *path, GQuark domain, int code, const char *part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *before = exchange_digest (fx->county), *after = NULL;

  result = gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, domain, code);
  g_assert_true (g_str_has_prefix (error->message, path));
  exchange_assert_says (error->message, part, NULL); /* part NULL: nothing to check */
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  /* verify says the same */
  g_assert_null (gt_exchange_verify_file (fx->county, path, &error));
  g_assert_error (error, domain, code);
}

static void
test_rejected (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) stranger = NULL;
  gsize length = 0;
  g_autofree char *bytes = exchange_read_all (fx->report, &length), *path = NULL, *body = NULL;
  g_autofree char *pkg = NULL, *big = NULL;
  struct rusage usage;
  glong rss_before;

  /* A flipped byte in the middle. */
  bytes[length / 2] ^= 0x01;
  path = exchange_path (fx->dir, "flipped.xml");
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
  assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE, "changed or damaged");
  bytes[length / 2] ^= 0x01;
  g_clear_pointer (&path, g_free);

  /* Saved again by an editor in GBK: the declaration and every Chinese character changed.
   * The refusal says so, and one GBK character in a UTF-8 file is found by its line. */
  {
    g_autofree char *gbk = NULL, *resaved = g_strdup (bytes);
    g_autofree char *mixed = g_memdup2 (bytes, length);
    char *decl = strstr (resaved, "encoding=\"UTF-8\""), *han;
    gsize gbk_length = 0;

    g_assert_true (decl != NULL && decl - resaved < 100);
    memcpy (decl + strlen ("encoding=\""), "GBK\"  ", 6);
    gbk = g_convert (resaved, length, "GBK", "UTF-8", NULL, &gbk_length, &error);
    g_assert_no_error (error);
    path = exchange_path (fx->dir, "gbk.xml");
    g_assert_true (g_file_set_contents (path, gbk, gbk_length, NULL));
    assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE,
                     "declares the encoding “GBK”");
    g_clear_pointer (&path, g_free);

    /* 党 (E5 85 9A) as GBK (B5 B3) and a space. */
    han = g_strstr_len (mixed, length, "党");
    g_assert_nonnull (han);
    memcpy (han, "\xb5\xb3 ", 3);
    {
      guint line = 1;
      g_autofree char *expected = NULL;

      for (const char *q = mixed; q < han; q++)
        line += *q == '\n';
      expected = g_strdup_printf ("line %u holds bytes that are not UTF-8", line);
      path = exchange_path (fx->dir, "one-gbk-character.xml");
      g_assert_true (g_file_set_contents (path, mixed, length, NULL));
      assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE, expected);
      g_clear_pointer (&path, g_free);
    }
  }

  /* Saved again with a byte order mark, or with CR LF line ends: said so, with the line. */
  {
    g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", bytes, NULL);
    g_autoptr (GString) crlf = g_string_new_len (bytes, length);
    guint line = 1;

    path = exchange_path (fx->dir, "bom.xml");
    g_assert_true (g_file_set_contents (path, bom, length + 3, NULL));
    assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE, "byte order mark");
    g_clear_pointer (&path, g_free);
    /* The lines from the third on end in CR LF. */
    for (gsize i = 0; i < crlf->len; i++)
      if (crlf->str[i] == '\n' && ++line >= 4)
        g_string_insert_c (crlf, i++, '\r');
    path = exchange_path (fx->dir, "crlf.xml");
    g_assert_true (g_file_set_contents (path, crlf->str, crlf->len, NULL));
    assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE,
                     "from line 3 on its lines end in CR LF");
    g_clear_pointer (&path, g_free);
  }

  /* Truncated (a copy cut off): said to be incomplete, not to be no signed package. */
  path = exchange_path (fx->dir, "truncated.xml");
  g_assert_true (g_file_set_contents (path, bytes, length - 200, NULL));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED, "incomplete");
  g_clear_pointer (&path, g_free);
  /* … also when only the end of the signature line is missing. */
  path = exchange_path (fx->dir, "truncated-signature.xml");
  g_assert_true (g_file_set_contents (path, bytes, length - 20, NULL));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED, "incomplete");
  g_clear_pointer (&path, g_free);
  path = exchange_path (fx->dir, "empty.xml");
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED, "empty");
  g_clear_pointer (&path, g_free);

  /* Signed by a key the county does not trust. */
  {
    g_autofree char *stranger_path = exchange_path (fx->dir, "stranger.db");
    stranger = gt_storage_open (stranger_path, GT_STORAGE_OPEN_CREATE, &error);
  }
  g_assert_true (gt_storage_set_meta (stranger, "office_code", TOWNSHIP, &error));
  g_assert_true (gt_keys_generate (stranger, FALSE, &error));
  g_assert_no_error (error);
  path = exchange_export (fx->dir, stranger, "stranger.xml", GT_EXCHANGE_KIND_REPORT, COUNTY, FALSE);
  assert_rejected (fx, path, GT_KEYS_ERROR, GT_KEYS_ERROR_UNTRUSTED, "trust list");
  g_clear_pointer (&path, g_free);

  /* Addressed to another office. */
  path = exchange_export (fx->dir, fx->township, "other.xml", GT_EXCHANGE_KIND_REPORT, "330803", FALSE);
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_WRONG_RECEIVER,
                   "addressed to office 330803, not to this office");
  g_clear_pointer (&path, g_free);

  /* Not signed at all. */
  pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n");
  path = exchange_path (fx->dir, "unsigned.xml");
  g_assert_true (g_file_set_contents (path, pkg, -1, NULL));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED, "not a signed");
  g_clear_pointer (&path, g_free);

  /* The same small package signed by the township is fine (the tests below differ by one
   * thing each). */
  path = exchange_signed_file (fx->dir, fx->township, "small.xml", pkg, strlen (pkg));
  {
    g_autoptr (GtExchangeResult) ok = gt_exchange_verify_file (fx->county, path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (ok);
  }
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* XXE and billion laughs, signed by a trusted key: refused unread. */
  pkg = exchange_small_package ("<!DOCTYPE package [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n",
                       ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " ethnicity=\"&x;\"") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "xxe.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN, "DOCTYPE");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  pkg = exchange_small_package ("<!DOCTYPE package [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                       "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>\n",
                       ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " notes=\"&f;&f;&f;&f;\"") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "laughs.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN, "DOCTYPE");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* An attribute of 70 000 bytes, refused inside its start tag: the parser went on reading
   * it after the refusal freed its input (a crash in the release build, seen by valgrind). */
  {
    g_autofree char *huge = g_strnfill (70000, 'x');
    g_autofree char *attr = g_strdup_printf (" ethnicity=\"%s\"", huge);
    g_auto (GStrv) halves = g_strsplit (MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "@"), "@", 2);
    g_autofree char *members = g_strconcat (ORG_BODY " <members>\n", halves[0], attr, halves[1],
                                         " </members>\n", NULL);

    pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"", members);
  }
  path = exchange_signed_file (fx->dir, fx->township, "huge-attribute.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN, "longer than");
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
    pkg = exchange_small_package ("", "tasks=\"1\"", deep->str);
    g_string_free (deep, TRUE);
  }
  path = exchange_signed_file (fx->dir, fx->township, "deep.xml", pkg, strlen (pkg));
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
    pkg = exchange_small_package ("", "tasks=\"1\"", tasks);
  }
  path = exchange_signed_file (fx->dir, fx->township, "huge.xml", pkg, strlen (pkg));
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
  pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " ethnicity=\"\xff\xfe\"") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "utf8.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_MALFORMED, NULL);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* An ID number in clear with a wrong check character (…0012 should end in 1), and the same
   * record twice: the file and line are named, nothing is stored. */
  pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " id-number=\"110101199003070012\"") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "check.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   ":12: member aaaaaaaa-0000-4000-8000-000000000001: ID number 110101199003070012");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  pkg = exchange_small_package ("", ORG_COUNT "members=\"2\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "twice.xml", pkg, strlen (pkg));
  {
    /* found while applying: verify, which applies nothing, passes it */
    g_autofree char *before = exchange_digest (fx->county), *after = NULL;
    g_autoptr (GtExchangeResult) r = gt_exchange_import (fx->county, path, 0,
                                                         GT_EXCHANGE_RESOLVE_NONE, NULL, &error);

    g_assert_null (r);
    g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, ":13: the package holds record"
                                              " aaaaaaaa-0000-4000-8000-000000000001 twice"));
    g_clear_error (&error);
    after = exchange_digest (fx->county);
    g_assert_cmpstr (before, ==, after);
  }
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* Not well-formed: the message still names the line and says what is wrong. */
  pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </memberz>\n");
  path = exchange_signed_file (fx->dir, fx->township, "mismatch.xml", pkg, strlen (pkg));
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
  pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                       MEMBER ("aaaaaaaa-0000-4000-8000-000000000002", "") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "more.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   "more members than the 1 the header announces");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);
  pkg = exchange_small_package ("", ORG_COUNT "members=\"3\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "fewer.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, "announces 3 members");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* Not valid against the schema: the message names the line. */
  pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"", ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " birth-date=\"soon\"") " </members>\n");
  path = exchange_signed_file (fx->dir, fx->township, "invalid.xml", pkg, strlen (pkg));
  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, "invalid.xml:12: ");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&pkg, g_free);

  /* A newer format. */
  body = exchange_body_of (fx->report);
  {
    g_autofree char *v2 = g_strdup (body);
    char *ns = strstr (v2, "urn:guatu:exchange:1");
    ns[strlen ("urn:guatu:exchange:")] = '2';
    path = exchange_signed_file (fx->dir, fx->township, "v2.xml", v2, strlen (v2));
    assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_VERSION, "update Guatu");
    g_clear_pointer (&path, g_free);
  }
  /* Claims to come from another township. */
  {
    g_autofree char *other = g_strdup (body);
    char *code = strstr (other, "<sender code=\"" TOWNSHIP);
    code[strlen ("<sender code=\"") + 8] = '9';
    path = exchange_signed_file (fx->dir, fx->township, "sender.xml", other, strlen (other));
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
    path = exchange_signed_file (fx->dir, fx->township, "replay.xml", changed, strlen (changed));
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
  g_autoptr (GtExchangeReader) reader = gt_exchange_reader_new ("doc.xml", doc, strlen (doc),
                                                                &error);

  /* The reader's byte scan refuses a DOCTYPE before libxml2 sees it, naming the line. */
  g_assert_null (reader);
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN);
  g_assert_true (g_str_has_prefix (error->message, "doc.xml:2: holds a DOCTYPE"));
}

/* Imports @path with @resolution and expects it refused as invalid with @part, the county's
 * tables unchanged. */
static void
assert_rejected_with (Fixture *fx, const char *path, GtExchangeResolution resolution,
                      const char *part)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = exchange_digest (fx->county), *after = NULL;
  g_autoptr (GtExchangeResult) r = gt_exchange_import (fx->county, path, 0, resolution, NULL,
                                                       &error);

  g_assert_null (r);
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID);
  exchange_assert_says (error->message, part, NULL);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);
}

/* Signs a small package of @bodies and expects it refused as invalid with @part. */
static void
assert_refused_small (Fixture *fx, const char *name, const char *counts, const char *bodies,
                      const char *part)
{
  g_autofree char *pkg = exchange_small_package ("", counts, bodies);
  g_autofree char *path = exchange_signed_file (fx->dir, fx->township, name, pkg, strlen (pkg));

  assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, part);
}

#define ORG(uuid, parent) \
  "  <organization uuid=\"" uuid "\" rev=\"1\" mtime=\"2026-11-01T08:00:00Z\"" parent \
  " name=\"支部\" kind=\"branch\" level=\"village\"/>\n"
#define HOUSEHOLD(uuid) \
  "  <household uuid=\"" uuid "\" rev=\"1\" mtime=\"2026-11-01T08:00:00Z\" head-name=\"李四\"/>\n"
#define LINK(household) \
  "  <link uuid=\"cccccccc-0000-4000-8000-000000000001\" rev=\"1\"" \
  " mtime=\"2026-11-01T08:00:00Z\" member=\"aaaaaaaa-0000-4000-8000-000000000001\"" \
  " household=\"" household "\"/>\n"

/* A record that names an organisation, member or household the package does not hold is
 * refused with its line; an organisation may come before its parent. */
static void
test_references (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pkg = NULL, *path = NULL;

  assert_refused_small (fx, "no-org.xml", "members=\"1\"",
                        " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n",
                        "no-org.xml:9: member aaaaaaaa-0000-4000-8000-000000000001 refers to"
                        " organisation " ORG_UUID ", which the package does not hold");
  /* The parent is looked for in the whole body: line 10 names one that is nowhere. */
  assert_refused_small (fx, "no-parent.xml", "organizations=\"3\"",
                        " <organizations>\n"
                        ORG ("bbbbbbbb-0000-4000-8000-000000000001", " parent=\"" ORG_UUID "\"")
                        ORG ("bbbbbbbb-0000-4000-8000-000000000002", " parent=\"bbbbbbbb-0000-4000-8000-000000000009\"")
                        ORG (ORG_UUID, "")
                        " </organizations>\n",
                        "no-parent.xml:10: organisation bbbbbbbb-0000-4000-8000-000000000002"
                        " refers to organisation bbbbbbbb-0000-4000-8000-000000000009");
  assert_refused_small (fx, "no-household.xml",
                        ORG_COUNT "members=\"1\" households=\"1\" links=\"1\"",
                        ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                        " </members>\n <households>\n"
                        HOUSEHOLD ("dddddddd-0000-4000-8000-000000000001")
                        " </households>\n <links>\n"
                        LINK ("dddddddd-0000-4000-8000-000000000002") " </links>\n",
                        ":18: link cccccccc-0000-4000-8000-000000000001 refers to household"
                        " dddddddd-0000-4000-8000-000000000002");
  /* a member's 党小组 (optional) is an organisation of the package too */
  assert_refused_small (fx, "no-group.xml", ORG_COUNT "members=\"1\"",
                        ORG_BODY " <members>\n"
                        MEMBER ("aaaaaaaa-0000-4000-8000-000000000001",
                                " group=\"bbbbbbbb-0000-4000-8000-000000000009\"")
                        " </members>\n",
                        "no-group.xml:12: member aaaaaaaa-0000-4000-8000-000000000001 refers to"
                        " organisation bbbbbbbb-0000-4000-8000-000000000009");

  /* Days that do not exist, written the right way. */
  assert_refused_small (fx, "feb30.xml", ORG_COUNT "members=\"1\"",
                        ORG_BODY " <members>\n"
                        MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " birth-date=\"1990-02-30\"")
                        " </members>\n", "feb30.xml:12: ");
  assert_refused_small (fx, "month13.xml", ORG_COUNT "members=\"1\"",
                        ORG_BODY " <members>\n"
                        MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " join-date=\"2026-13-45\"")
                        " </members>\n", "join-date");

  /* Everything in place, the child organisation before its parent, the member in a group:
   * imported. */
  pkg = exchange_small_package ("", "organizations=\"2\" members=\"1\" households=\"1\" links=\"1\"",
                                " <organizations>\n"
                                ORG ("bbbbbbbb-0000-4000-8000-000000000001", " parent=\"" ORG_UUID "\"")
                                ORG (ORG_UUID, "")
                                " </organizations>\n <members>\n"
                                MEMBER ("aaaaaaaa-0000-4000-8000-000000000001",
                                        " group=\"bbbbbbbb-0000-4000-8000-000000000001\"")
                                " </members>\n <households>\n"
                                HOUSEHOLD ("dddddddd-0000-4000-8000-000000000001")
                                " </households>\n <links>\n"
                                LINK ("dddddddd-0000-4000-8000-000000000001") " </links>\n");
  path = exchange_signed_file (fx->dir, fx->township, "complete.xml", pkg, strlen (pkg));
  {
    g_autoptr (GtExchangeResult) ok = gt_exchange_import (fx->county, path, 0,
                                                          GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (ok);
  }
}

/* A small package of @bodies under another header uuid (ending in @n). */
static char *
small_package_n (int n, const char *counts, const char *bodies)
{
  g_autofree char *pkg = exchange_small_package ("", counts, bodies);
  g_autofree char *tail = g_strdup_printf ("%012d\"", n);
  char *uuid = strstr (pkg, "2c3d4e5f6a7b\"");

  g_assert_nonnull (uuid);
  memcpy (uuid, tail, 13);
  return g_steal_pointer (&pkg);
}

/* A record twice in one package is refused when the county already holds it too: an
 * identical second copy would pass as unchanged, a changed one as a conflict. */
static void
test_twice_when_held (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pkg = small_package_n (1, ORG_COUNT "members=\"1\"",
                                           ORG_BODY " <members>\n"
                                           MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                                           " </members>\n");
  g_autofree char *path = exchange_signed_file (fx->dir, fx->township, "held.xml", pkg,
                                                strlen (pkg));
  g_autoptr (GtExchangeResult) held = gt_exchange_import (fx->county, path, 0,
                                                          GT_EXCHANGE_RESOLVE_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (held);
  for (int changed = 0; changed <= 1; changed++)
    {
      g_autofree char *twice = small_package_n (
        2 + changed, ORG_COUNT "members=\"2\"",
        changed ? ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                  MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", " phone=\"13900000000\"")
                  " </members>\n"
                : ORG_BODY " <members>\n" MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                  MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "") " </members>\n");
      g_autofree char *twice_path = exchange_signed_file (fx->dir, fx->township,
                                                          changed ? "twice-changed.xml"
                                                                  : "twice-same.xml",
                                                          twice, strlen (twice));

      for (int take = 0; take <= 1; take++)
        assert_rejected_with (fx, twice_path,
                              take ? GT_EXCHANGE_RESOLVE_TAKE_INCOMING : GT_EXCHANGE_RESOLVE_NONE,
                              ":13: the package holds record aaaaaaaa-0000-4000-8000-000000000001"
                              " twice");
    }
}

/* @fx->township's report for @period, made (so it says) at @created. */
static char *
export_period (Fixture *fx, const char *name, const char *period, const char *created)
{
  g_autoptr (GError) error = NULL;
  char *path = exchange_path (fx->dir, name);
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, period, NULL, NULL, FALSE,
                                      created };

  g_assert_true (gt_exchange_export (fx->township, path, &options, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* A report for a period that has not begun here is refused, naming the file and the period,
 * even when a computer whose clock is ahead made it; the month under way is taken, as the
 * export allows it. */
static void
test_future_period (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) next = g_date_time_add_months (now, 1);
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  g_autofree char *next_month = g_date_time_format (next, "%Y-%m");
  g_autofree char *next_created = g_date_time_format (next, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *future = NULL, *ahead = NULL, *current = NULL, *year = NULL, *part = NULL;
  g_autoptr (GtExchangeResult) result = NULL;

  future = export_period (fx, "future.xml", "2099-12", "2099-12-05T10:00:00+08:00");
  assert_rejected (fx, future, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   "is for 2099-12, a period that has not begun yet");
  year = export_period (fx, "future-year.xml", "2099", "2099-01-05T10:00:00+08:00");
  assert_rejected (fx, year, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, "is for 2099,");

  ahead = export_period (fx, "ahead.xml", next_month, next_created);
  part = g_strdup_printf ("is for %s, a period that has not begun yet (this is %s)", next_month,
                          month);
  assert_rejected (fx, ahead, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, part);

  current = export_period (fx, "current.xml", month, NULL);
  result = gt_exchange_import (fx->county, current, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->period, ==, month);
}

/* A package refused while it is applied changed nothing: it leaves no backup, and however
 * often it is tried, the backups taken before real changes stay. */
static void
test_refused_no_backup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *before = NULL, *twice = NULL, *miscounted = NULL, *pkg = NULL;
  g_autofree char *twice_path = NULL, *miscounted_path = NULL;
  const char *refused[2];

  g_assert_true (gt_storage_set_meta (fx->county, "backup.keep", "2", NULL));
  result = gt_exchange_import (fx->county, fx->report, 0, GT_EXCHANGE_RESOLVE_NONE, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->backup_path);
  g_assert_true (g_file_test (result->backup_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gt_backup_automatic (fx->county, "manual", NULL, NULL));
  before = gt_test_backup_names (fx->county);
  g_assert_nonnull (strstr (before, result->backup_path));

  /* a record twice, and a count that does not match: both found only while applying */
  twice = exchange_small_package ("", ORG_COUNT "members=\"2\"",
                                  ORG_BODY " <members>\n"
                                  MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                                  MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                                  " </members>\n");
  twice_path = exchange_signed_file (fx->dir, fx->township, "twice.xml", twice,
                                     strlen (twice));
  miscounted = exchange_small_package ("", ORG_COUNT "members=\"3\"",
                                       ORG_BODY " <members>\n"
                                       MEMBER ("aaaaaaaa-0000-4000-8000-000000000001", "")
                                       " </members>\n");
  miscounted_path = exchange_signed_file (fx->dir, fx->township, "miscounted.xml", miscounted,
                                          strlen (miscounted));
  refused[0] = twice_path;
  refused[1] = miscounted_path;
  for (int round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr (GtExchangeResult) r = gt_exchange_import (fx->county, refused[i], 0,
                                                             GT_EXCHANGE_RESOLVE_NONE, NULL,
                                                             &error);
        g_autofree char *after = NULL;

        g_assert_null (r);
        g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID);
        g_clear_error (&error);
        after = gt_test_backup_names (fx->county);
        g_assert_cmpstr (after, ==, before);
      }
  g_assert_true (g_file_test (result->backup_path, G_FILE_TEST_IS_REGULAR));
}

/* A signed package whose value breaks one of the XSD's patterns (checked by the reader in C,
 * gt-exchange-xsd.c) or xs:date is refused through the whole import, the county unchanged,
 * the message naming the file, the line, the field and the value. */
static void
test_refused_formats (Fixture *fx, gconstpointer data)
{
  static const struct
  {
    const char *from, *to, *field, *value;
  } cases[] = {
    { "member uuid=\"aaaaaaaa", "member uuid=\"AAAAAAAA", "uuid", "AAAAAAAA-0000" },
    { "\"2026-11-01T08:00:00Z\"", "\"2026-11-01T08h00\"", "mtime", "2026-11-01T08h00" },
    { "category=\"full\"", "category=\"full\" birth-date=\"1990-1-05\"", "birth-date",
      "1990-1-05" },
    { "category=\"full\"", "category=\"full\" birth-date=\"1990-02-30\"", "birth-date",
      "1990-02-30" },
    { "period=\"2026-11\"", "period=\"2026-13\"", "period", "2026-13" },
    { "period=\"2026-11\"", "period=\"2026-Q5\"", "period", "2026-Q5" },
    { "<receiver code=\"" COUNTY, "<receiver code=\"33 08 22", "code", "33 08 22" },
    { "status=\"active\"", "status=\"Active\"", "status", "Active" },
    { "category=\"full\"", "category=\"full\" id-number=\"1101-05\"", "id-number",
      "1101-05" },
  };
  g_autofree char *pkg = exchange_small_package ("", ORG_COUNT "members=\"1\"",
                                                 ORG_BODY " <members>\n"
                                                 MEMBER ("aaaaaaaa-0000-4000-8000-000000000001",
                                                         "") " </members>\n");
  g_autofree char *good = exchange_signed_file (fx->dir, fx->township, "good.xml", pkg,
                                                strlen (pkg));
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) verified = gt_exchange_verify_file (fx->county, good, &error);

  /* the package as it is passes */
  g_assert_no_error (error);
  g_assert_nonnull (verified);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) bad = g_string_new (pkg);
      g_autofree char *name = g_strdup_printf ("format-%u.xml", i), *path = NULL;
      g_autofree char *field = g_strdup_printf ("“%s” (%s)", gt_exchange_field_label (cases[i].field),
                                               cases[i].field), *where = NULL;
      const char *at;
      guint line = 1;

      g_assert_cmpuint (g_string_replace (bad, cases[i].from, cases[i].to, 1), ==, 1);
      at = strstr (bad->str, cases[i].to);
      for (const char *q = bad->str; q < at; q++)
        line += *q == '\n';
      path = exchange_signed_file (fx->dir, fx->township, name, bad->str, bad->len);
      where = g_strdup_printf ("%s:%u: ", path, line);
      assert_rejected (fx, path, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID, field);
      {
        g_autoptr (GError) e = NULL;
        g_autoptr (GtExchangeResult) r = gt_exchange_verify_file (fx->county, path, &e);

        g_assert_null (r);
        if (!g_str_has_prefix (e->message, where) || strstr (e->message, cases[i].value) == NULL)
          g_error ("“%s” does not name %s and “%s”", e->message, where, cases[i].value);
      }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/exchange/rejected", Fixture, NULL, exchange_report_setup, test_rejected,
              exchange_report_teardown);
  g_test_add ("/exchange/references", Fixture, NULL, exchange_report_setup, test_references,
              exchange_report_teardown);
  g_test_add ("/exchange/twice-when-held", Fixture, NULL, exchange_report_setup,
              test_twice_when_held, exchange_report_teardown);
  g_test_add ("/exchange/refused-no-backup", Fixture, NULL, exchange_report_setup,
              test_refused_no_backup, exchange_report_teardown);
  g_test_add ("/exchange/future-period", Fixture, NULL, exchange_report_setup,
              test_future_period, exchange_report_teardown);
  g_test_add ("/exchange/refused-formats", Fixture, NULL, exchange_report_setup,
              test_refused_formats, exchange_report_teardown);
  g_test_add_func ("/exchange/reader-doctype", test_reader_doctype);
  return g_test_run ();
}
