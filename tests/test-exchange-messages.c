/* test-exchange-messages.c — refusals a township or county user can read: libxml2's schema
 * and well-formedness errors told in our words with the line and the field, and who a
 * foreign package claims to come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "exchange-fixture.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"
#include "gt-test-demo.h"

typedef ExchangeReport Fixture;

/* A member on line 12 of exchange_small_package () with its organisation before it. */
#define MEMBER_START \
  "  <member uuid=\"aaaaaaaa-0000-4000-8000-000000000001\" rev=\"1\"" \
  " mtime=\"2026-11-01T08:00:00Z\" org=\"11111111-2222-4333-8444-555555555555\""
#define MEMBER_ATTRS(attrs) MEMBER_START attrs "/>\n"
#define ORG_BODY \
  " <organizations>\n" \
  "  <organization uuid=\"11111111-2222-4333-8444-555555555555\" rev=\"1\"" \
  " mtime=\"2026-11-01T08:00:00Z\" name=\"党委\" kind=\"committee\" level=\"township\"/>\n" \
  " </organizations>\n"
#define COUNTS "organizations=\"1\" members=\"1\""
#define GOOD " name=\"张三\" gender=\"M\" category=\"full\" status=\"active\""

/* A package of one organisation and the member @member (a whole line). */
static char *
package_with (const char *member)
{
  g_autofree char *bodies = g_strconcat (ORG_BODY " <members>\n", member, " </members>\n", NULL);

  return exchange_small_package ("", COUNTS, bodies);
}

/* @message holds each of the NULL-ended @parts, and none of libxml2's English. */
#define assert_says(message, ...) \
  G_STMT_START \
  { \
    exchange_assert_says ((message), __VA_ARGS__); \
    g_assert_null (strstr ((message), "Element '")); \
    g_assert_null (strstr ((message), "{urn:")); \
  } \
  G_STMT_END

/* Each common schema error: a sentence of ours naming the line, the record and the field,
 * and the value where there is one. */
static void
test_schema (void)
{
  static const struct
  {
    const char *member;
    const char *parts[5];
  } cases[] = {
    /* enumeration */
    { MEMBER_ATTRS (" name=\"张三\" gender=\"X\" category=\"full\" status=\"active\""),
      { "bad.xml:12: ", "member record (member), field “Gender” (gender)", "“X”",
        "not one of the allowed values (M, F)", NULL } },
    /* a date that is no day: xs:date in libxml2 */
    { MEMBER_ATTRS (GOOD " birth-date=\"1990-13-45\""),
      { "bad.xml:12: ", "field “Date of birth” (birth-date)", "“1990-13-45” is not a real date", NULL } },
    /* a date not written YYYY-MM-DD: the pattern checked here */
    { MEMBER_ATTRS (GOOD " join-date=\"soon\""),
      { "bad.xml:12: ", "field “Date joined” (join-date)", "“soon” is not a real date", NULL } },
    /* an integer */
    { MEMBER_ATTRS (GOOD " flags=\"abc\""),
      { "bad.xml:12: ", "field “Flags” (flags)", "“abc” is not a whole number", NULL } },
    /* maxLength and minLength */
    { MEMBER_ATTRS (" name=\"" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                    "\" gender=\"M\" category=\"full\" status=\"active\""),
      { "bad.xml:12: ", "field “Name” (name)", "has 214 characters; at most 200 are allowed", "…", NULL } },
    { MEMBER_ATTRS (" name=\"\" gender=\"M\" category=\"full\" status=\"active\""),
      { "bad.xml:12: ", "field “Name” (name)", "the value is empty", NULL } },
    /* a required attribute missing */
    { MEMBER_ATTRS (" name=\"张三\" category=\"full\" status=\"active\""),
      { "bad.xml:12: ", "member record (member), field “Gender” (gender)",
        "this required field is missing", NULL } },
    /* an attribute the format does not have */
    { MEMBER_ATTRS (GOOD " bogus=\"1\""),
      { "bad.xml:12: ", "field “bogus”", "not part of the exchange format", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *doc = package_with (cases[i].member);
      int code = 0;
      g_autofree char *message = exchange_refusal (doc, strlen (doc), &code);

      g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (message, "bad.xml:12: does not follow the data exchange "
                                                "format (schema): "));
      for (guint k = 0; cases[i].parts[k] != NULL; k++)
        assert_says (message, cases[i].parts[k], NULL);
    }
}

/* Elements: one missing from the header, one too many in it, one inside a record. */
static void
test_elements (void)
{
  g_autofree char *good = package_with (MEMBER_ATTRS (GOOD));
  g_autofree char *message = NULL;
  GString *doc = g_string_new (good);
  char *at;
  int code = 0;

  /* No <counts> (line 6): the header, closed on line 6, lacks it. */
  at = strstr (doc->str, "  <counts ");
  g_string_erase (doc, at - doc->str, strchr (at, '\n') + 1 - at);
  message = exchange_refusal (doc->str, doc->len, &code);
  g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_INVALID);
  assert_says (message, "bad.xml:6: ", "header element “header” is incomplete",
               "the element “counts” is missing", NULL);
  g_clear_pointer (&message, g_free);

  /* An extra element in the header (line 6). */
  g_string_assign (doc, good);
  at = strstr (doc->str, "  <counts ");
  g_string_insert (doc, at - doc->str, "  <extra/>\n");
  message = exchange_refusal (doc->str, doc->len, &code);
  g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_INVALID);
  assert_says (message, "bad.xml:6: ", "element “extra” is not expected here",
               "expected: “counts”", NULL);
  g_clear_pointer (&message, g_free);

  /* An element inside a member (line 12). */
  g_clear_pointer (&good, g_free);
  good = package_with (MEMBER_START GOOD "><note/></member>\n");
  message = exchange_refusal (good, strlen (good), &code);
  g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_INVALID);
  assert_says (message, "bad.xml:12: ", "member", NULL);
  g_string_free (doc, TRUE);
}

/* Not well-formed: cut off in a tag, cut off between elements, a wrong end tag, a field
 * written twice. */
static void
test_malformed (void)
{
  g_autofree char *good = package_with (MEMBER_ATTRS (GOOD));
  g_autofree char *message = NULL;
  const char *cut = strstr (good, "gender=");
  int code = 0;

  /* in the middle of the member's start tag, on line 12 */
  message = exchange_refusal (good, cut - good + 4, &code);
  g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_MALFORMED);
  assert_says (message, "bad.xml:12: ", "cut off (truncated)", NULL);
  g_clear_pointer (&message, g_free);

  /* after the member: inside <members>, begun on line 11 */
  cut = strstr (good, " </members>");
  message = exchange_refusal (good, cut - good, &code);
  g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_MALFORMED);
  assert_says (message, "bad.xml:12: ", "ends inside element “members”", "cut off (truncated)",
               NULL);
  g_clear_pointer (&message, g_free);

  /* </memberz> on line 13 */
  {
    g_autofree char *wrong = g_strdup (good);
    strstr (wrong, "</members>")[strlen ("</member")] = 'z';
    message = exchange_refusal (wrong, strlen (wrong), &code);
    g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_MALFORMED);
    assert_says (message, "bad.xml:13: ", "element “members” begun on line 11 is closed by "
                 "“memberz”", NULL);
    g_clear_pointer (&message, g_free);
  }

  /* gender twice */
  g_clear_pointer (&good, g_free);
  good = package_with (MEMBER_ATTRS (GOOD " gender=\"F\""));
  message = exchange_refusal (good, strlen (good), &code);
  g_assert_cmpint (code, ==, GT_EXCHANGE_ERROR_MALFORMED);
  assert_says (message, "bad.xml:12: ", "field “Gender” (gender) is written twice", NULL);
}

/* Under zh_CN: Chinese throughout, the line and the field's Chinese name. */
static void
test_zh_CN (void)
{
  g_autofree char *wrong = package_with (MEMBER_ATTRS (" name=\"张三\" gender=\"X\" "
                                                       "category=\"full\" status=\"active\""));
  g_autofree char *date = package_with (MEMBER_ATTRS (GOOD " birth-date=\"1990-13-45\""));
  g_autofree char *message = NULL;
  const char *cut = strstr (wrong, "gender=");

  if (!gt_test_use_zh_CN ())
    return;
  message = exchange_refusal (wrong, strlen (wrong), NULL);
  g_assert_true (g_str_has_prefix (message, "bad.xml:12: 不符合数据交换格式（schema）："));
  assert_says (message, "党员记录", "“性别”", "“X”", NULL);
  g_clear_pointer (&message, g_free);

  message = exchange_refusal (date, strlen (date), NULL);
  assert_says (message, "bad.xml:12: ", "“出生日期”", "1990-13-45", NULL);
  g_clear_pointer (&message, g_free);

  message = exchange_refusal (wrong, cut - wrong + 4, NULL);
  assert_says (message, "bad.xml:12: ", "截断", NULL);
  setlocale (LC_ALL, "C.UTF-8");
}

/* A tampered package signed and imported: the county's user sees the same sentence, with the
 * file's path and line, and nothing is stored. */
static void
test_tampered_import (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pkg = package_with (MEMBER_ATTRS (" name=\"张三\" gender=\"X\" "
                                                     "category=\"full\" status=\"active\""));
  g_autofree char *path = exchange_signed_file (fx->dir, fx->township, "enum.xml", pkg,
                                                strlen (pkg));
  g_autofree char *before = exchange_digest (fx->county), *after = NULL;
  g_autofree char *line = g_strdup_printf ("%s:12: ", path);

  g_assert_null (gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL,
                                     &error));
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, line));
  assert_says (error->message, "field “Gender” (gender)", "“X”", NULL);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);
}

/* A package signed by a key not in the trust list: the refusal and the preview say who it
 * claims to come from, marked as claimed; nothing is stored. */
static void
test_foreign_sender (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) stranger = NULL;
  g_autoptr (GtExchangeResult) preview = NULL;
  g_autofree char *stranger_path = exchange_path (fx->dir, "stranger.db");
  g_autofree char *path = NULL, *before = NULL, *after = NULL, *sender = NULL;
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", EXCHANGE_COUNTY,
                                      NULL, FALSE, "2026-12-01T08:00:00+08:00" };

  stranger = gt_storage_open (stranger_path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (stranger, "office_code", "330822109", &error));
  g_assert_true (gt_storage_set_meta (stranger, "office_name", "冒名镇", &error));
  g_assert_true (gt_keys_generate (stranger, FALSE, &error));
  path = exchange_path (fx->dir, "foreign.xml");
  g_assert_true (gt_exchange_export (stranger, path, &options, NULL, &error));
  g_assert_no_error (error);

  before = exchange_digest (fx->county);
  g_assert_null (gt_exchange_import (fx->county, path, GT_EXCHANGE_IMPORT_DRY_RUN,
                                     GT_EXCHANGE_RESOLVE_NONE, &preview, &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_UNTRUSTED);
  assert_says (error->message, "trust list", "claims to come from 冒名镇 (330822109) (claimed, "
               "not verified)", NULL);
  g_assert_nonnull (preview);
  g_assert_false (preview->sender_verified);
  g_assert_cmpstr (preview->sender_code, ==, "330822109");
  sender = gt_exchange_result_sender_text (preview);
  g_assert_cmpstr (sender, ==, "冒名镇 (330822109) (claimed, not verified)");
  g_clear_error (&error);

  /* verify says it too */
  g_assert_null (gt_exchange_verify_file (fx->county, path, &error));
  assert_says (error->message, "冒名镇 (330822109)", NULL);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);
}

/* A trusted package: the sender by the trust list's name (赏石小镇), the package's own name
 * beside it when it differs. */
static void
test_trusted_sender (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pkg = package_with (MEMBER_ATTRS (GOOD));
  g_autofree char *path = exchange_signed_file (fx->dir, fx->township, "named.xml", pkg,
                                                strlen (pkg));
  g_autoptr (GtExchangeResult) r = gt_exchange_verify_file (fx->county, path, &error);
  g_autofree char *sender = NULL;

  g_assert_no_error (error);
  g_assert_true (r->sender_verified);
  g_assert_cmpstr (r->trusted_name, ==, "赏石小镇");
  sender = gt_exchange_result_sender_text (r);
  /* exchange_small_package () names the sender "t" */
  g_assert_cmpstr (sender, ==, "赏石小镇 (" EXCHANGE_TOWNSHIP "; the package calls it “t”)");

  g_clear_pointer (&sender, g_free);
  g_free (r->sender_name);
  r->sender_name = g_strdup ("赏石小镇");
  sender = gt_exchange_result_sender_text (r);
  g_assert_cmpstr (sender, ==, "赏石小镇 (" EXCHANGE_TOWNSHIP ")");
}

/* Every field a message can name (each attribute the XSD declares, and an element's own
 * text) has a label of its own, not its raw name; under zh_CN, a Chinese one. */
static void
test_field_labels (void)
{
  g_autoptr (GBytes) xsd = gt_exchange_xsd_text ();
  g_autofree char *text = g_strndup (g_bytes_get_data (xsd, NULL), g_bytes_get_size (xsd));
  g_autoptr (GRegex) attribute = g_regex_new ("<xs:attribute\\s+name=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) english = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (names, g_strdup ("text"));
  g_ptr_array_add (names, g_strdup ("#text"));
  for (g_regex_match (attribute, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    g_ptr_array_add (names, g_match_info_fetch (match, 1));
  g_assert_cmpuint (names->len, >, 90);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i], *label = gt_exchange_field_label (name);
      g_autofree char *described = gt_exchange_describe_field (name);

      if (*label == '\0' || strcmp (label, name) == 0)
        g_error ("the exchange field “%s” has no label", name);
      g_assert_nonnull (strstr (described, label));
      g_ptr_array_add (english, g_strdup (label));
    }
  /* an unknown field is shown by its name */
  g_assert_cmpstr (gt_exchange_field_label ("bogus"), ==, "bogus");

  if (!gt_test_use_zh_CN ())
    return;
  for (guint i = 0; i < names->len; i++)
    {
      const char *label = gt_exchange_field_label (names->pdata[i]);

      if (strcmp (label, english->pdata[i]) == 0 || g_str_is_ascii (label))
        g_error ("the exchange field “%s” has no Chinese label (“%s”)",
                 (const char *) names->pdata[i], label);
    }
  g_assert_cmpstr (gt_exchange_field_label ("withdrawn"), ==, "撤回日期");
  g_assert_cmpstr (gt_exchange_field_label ("issuer-code"), ==, "下发单位代码");
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/exchange/messages/schema", test_schema);
  g_test_add_func ("/exchange/messages/elements", test_elements);
  g_test_add_func ("/exchange/messages/malformed", test_malformed);
  g_test_add_func ("/exchange/messages/zh_CN", test_zh_CN);
  g_test_add_func ("/exchange/messages/field-labels", test_field_labels);
  g_test_add ("/exchange/messages/tampered-import", Fixture, NULL, exchange_report_setup,
              test_tampered_import, exchange_report_teardown);
  g_test_add ("/exchange/messages/foreign-sender", Fixture, NULL, exchange_report_setup,
              test_foreign_sender, exchange_report_teardown);
  g_test_add ("/exchange/messages/trusted-sender", Fixture, NULL, exchange_report_setup,
              test_trusted_sender, exchange_report_teardown);
  return g_test_run ();
}
