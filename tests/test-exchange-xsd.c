/* test-exchange-xsd.c — the pattern facets the reader checks in C instead of libxml2
 *
 * Each function against libxml2's own regular expression for its pattern, on every string one
 * edit away from many valid and invalid values and on random ones; the schema the reader
 * compiles takes over exactly the patterns it should, and leaves a pattern to libxml2 when the
 * XSD is changed under it; and a bad value in each checked attribute of a real package is
 * refused by the reader, naming line, element and attribute, as the whole XSD refuses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/xmlregexp.h>
#include <string.h>

#include "exchange-fixture.h"
#include "gt-exchange-private.h"

static const char *const seeds[] = {
  "", "a", "_", "-", "0", "2026", "2026-07", "2026-12", "2026-13", "2026-00", "2026-Q1",
  "2026-Q4", "2026-Q5", "2026-H1", "2026-H2", "2026-H3", "2026-11-01", "2026-1-01",
  "2026-11-01T08:00:00Z", "2026-11-01 08:00:00.123+08:00", "2026-11-01T08:00:00.123456789-0800",
  "2026-11-01T08:00+08", "2026-11-01T08:00:00.1234567890123Z", "member", "dues_payment",
  "0b7c1a34-5d2e-4f60-8a91-2c3d4e5f6a7b", "0B7C1A34-5D2E-4F60-8A91-2C3D4E5F6A7B",
  "330822105", "330822198602260315", "33082219860226031X", "330822********0315",
  "abcdefghijklmnopqrstuvwxyzabcdef", "abcdefghijklmnopqrstuvwxyzabcdefg",
  "A-b_9", "中文", " 2026-11-01", "2026-11-01 \n", "2026-11 -01", NULL
};

/* Characters every pattern distinguishes: its own, their neighbours, and some far away. */
static const char *const alphabet[] = {
  "0", "1", "2", "3", "9", "a", "f", "g", "z", "A", "F", "H", "Q", "T", "X", "Z", "-", "_",
  "*", ":", ".", "+", " ", "/", "@", "\t", "\n", "é", "中", NULL
};

typedef struct
{
  const GtExchangeXsdPattern *pattern;
  xmlRegexpPtr regexp;
  guint n, accepted;
} Compare;

/* What an xs:date's pattern sees: whitespace collapsed (runs to one space, none around). */
static char *
collapsed (const char *value)
{
  g_auto (GStrv) words = g_strsplit_set (value, " \t\n\r", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (int i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_strdup (out->str);
}

static void
compare (Compare *c, const char *value)
{
  g_autofree char *seen = strcmp (c->pattern->base, "xs:string") == 0 ? g_strdup (value)
                                                                        : collapsed (value);
  gboolean by_regexp = xmlRegexpExec (c->regexp, BAD_CAST seen) == 1;
  gboolean by_function = c->pattern->check (value);

  if (by_regexp != by_function)
    g_error ("type %s, pattern %s: “%s” is %s by libxml2 but %s by the function",
             c->pattern->type, c->pattern->pattern, value, by_regexp ? "accepted" : "refused",
             by_function ? "accepted" : "refused");
  c->n++;
  c->accepted += by_regexp;
}

/* @value and every string one deletion, replacement or insertion away from it. */
static void
compare_around (Compare *c, const char *value)
{
  gsize len = strlen (value);

  compare (c, value);
  for (gsize i = 0; i <= len; i++)
    {
      g_autofree char *deleted = NULL;

      if (i < len && (value[i] & 0xc0) != 0x80)
        {
          gsize next = i + 1;
          while ((value[next] & 0xc0) == 0x80)
            next++;
          deleted = g_strdup_printf ("%.*s%s", (int) i, value, value + next);
          compare (c, deleted);
          for (int a = 0; alphabet[a] != NULL; a++)
            {
              g_autofree char *replaced = g_strdup_printf ("%.*s%s%s", (int) i, value,
                                                           alphabet[a], value + next);
              compare (c, replaced);
            }
        }
      if (i < len && (value[i] & 0xc0) == 0x80)
        continue;
      for (int a = 0; alphabet[a] != NULL; a++)
        {
          g_autofree char *inserted = g_strdup_printf ("%.*s%s%s", (int) i, value, alphabet[a],
                                                       value + i);
          compare (c, inserted);
        }
    }
}

static void
test_functions (void)
{
  for (const GtExchangeXsdPattern *p = gt_exchange_xsd_patterns (); p->type != NULL; p++)
    {
      Compare c = { p, xmlRegexpCompile (BAD_CAST p->pattern), 0, 0 };
      g_autoptr (GRand) rand = g_rand_new_with_seed (20261203);
      int n_letters = (int) g_strv_length ((char **) alphabet);

      g_assert_nonnull (c.regexp);
      for (int i = 0; seeds[i] != NULL; i++)
        compare_around (&c, seeds[i]);
      /* Random strings over the alphabet, up to 40 characters: the neighbourhood of 200 of
       * them, then 20 000 alone. */
      for (int i = 0; i < 20200; i++)
        {
          g_autoptr (GString) s = g_string_new (NULL);
          int len = g_rand_int_range (rand, 0, 41);

          for (int k = 0; k < len; k++)
            g_string_append (s, alphabet[g_rand_int_range (rand, 0, n_letters)]);
          if (i < 200)
            compare_around (&c, s->str);
          else
            compare (&c, s->str);
        }
      g_test_message ("%s: %u strings, %u accepted", p->type, c.n, c.accepted);
      /* Both answers were given many times: the comparison says something. */
      g_assert_cmpuint (c.accepted, >, 20);
      g_assert_cmpuint (c.n - c.accepted, >, 1000);
      xmlRegFreeRegexp (c.regexp);
    }
}

static int
n_patterns (void)
{
  int n = 0;

  for (const GtExchangeXsdPattern *p = gt_exchange_xsd_patterns (); p->type != NULL; p++)
    n++;
  return n;
}

static gboolean
checks_attribute (GtExchangeXsd *xsd, const char *element, const char *attribute,
                  const char *type)
{
  GPtrArray *checks = gt_exchange_xsd_checks (xsd, element);

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      GtExchangeXsdCheck *check = g_ptr_array_index (checks, i);
      if (strcmp (check->attribute, attribute) == 0)
        return type == NULL || strcmp (check->pattern->type, type) == 0;
    }
  return FALSE;
}

/* The built-in XSD with @from replaced by @to, compiled for the reader. */
static GtExchangeXsd *
edited (const char *from, const char *to)
{
  g_autoptr (GBytes) text = gt_exchange_xsd_text ();
  g_autoptr (GString) s = g_string_new_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_autoptr (GBytes) changed = NULL;

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  changed = g_bytes_new (s->str, s->len);
  return gt_exchange_xsd_new (changed, TRUE);
}

static void
test_taken_over (void)
{
  GtExchangeXsd *xsd = gt_exchange_xsd_get ();
  g_autoptr (GtExchangeXsd) whole = gt_exchange_xsd_new (NULL, FALSE);
  g_autoptr (GtExchangeXsd) e = NULL;

  /* Every function's pattern is the XSD's, and every use of its type is an attribute. */
  g_assert_cmpint (xsd->n_taken_over, ==, n_patterns ());
  g_assert_cmpint (whole->n_taken_over, ==, 0);
  g_assert_cmpuint (g_hash_table_size (whole->elements), ==, 0);
  g_assert_true (checks_attribute (xsd, "member", "uuid", "uuid"));
  g_assert_true (checks_attribute (xsd, "member", "org", "uuid"));
  g_assert_true (checks_attribute (xsd, "member", "group", "uuid")); /* optional */
  g_assert_true (checks_attribute (xsd, "member", "mtime", "timestamp"));
  g_assert_true (checks_attribute (xsd, "member", "id-number", "idNumber"));
  g_assert_true (checks_attribute (xsd, "member", "status", "word"));
  g_assert_true (checks_attribute (xsd, "task", "uuid", "uuid")); /* through simpleContent */
  g_assert_true (checks_attribute (xsd, "header", "period", "period"));
  g_assert_true (checks_attribute (xsd, "sender", "code", "code"));
  g_assert_false (checks_attribute (xsd, "member", "name", NULL));
  g_assert_true (checks_attribute (xsd, "member", "birth-date", "date")); /* restricts xs:date */

  /* A pattern edited in the XSD stays with libxml2 until its function follows. */
  e = edited ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
              "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
  g_assert_nonnull (e);
  g_assert_cmpint (e->n_taken_over, ==, n_patterns () - 1);
  g_assert_false (checks_attribute (e, "member", "uuid", NULL));
  g_assert_true (checks_attribute (e, "member", "mtime", "timestamp"));
  g_clear_pointer (&e, gt_exchange_xsd_free);
  /* A use that is not an attribute (here a type derived from it) keeps the type's pattern. */
  e = edited ("  <xs:simpleType name=\"text\">",
              "  <xs:simpleType name=\"uuid4\">\n    <xs:restriction base=\"g:uuid\"/>\n"
              "  </xs:simpleType>\n  <xs:simpleType name=\"text\">");
  g_assert_nonnull (e);
  g_assert_cmpint (e->n_taken_over, ==, n_patterns () - 1);
  g_assert_false (checks_attribute (e, "member", "uuid", NULL));
  g_clear_pointer (&e, gt_exchange_xsd_free);
  /* A construct the walk does not follow: nothing is taken over. */
  e = edited ("<xs:attribute name=\"flags\" type=\"xs:integer\"/>",
              "<xs:attribute name=\"flags\" type=\"xs:integer\"/>\n    <xs:anyAttribute/>");
  g_assert_nonnull (e);
  g_assert_cmpint (e->n_taken_over, ==, 0);
  g_assert_cmpuint (g_hash_table_size (e->elements), ==, 0);
}

/* @body with the value of @attribute in the first <@element that has it followed by @tail;
 * NULL when no such element has the attribute. */
static char *
spoil (const char *body, const char *element, const char *attribute, const char *tail,
       int *line)
{
  g_autofree char *open = g_strdup_printf ("<%s ", element);
  g_autofree char *key = g_strdup_printf (" %s=\"", attribute);

  for (const char *tag = strstr (body, open); tag != NULL; tag = strstr (tag + 1, open))
    {
      const char *end = strchr (tag, '>'), *at = strstr (tag, key);

      if (at != NULL && at < end)
        {
          const char *quote = strchr (at + strlen (key), '"');

          *line = 1;
          for (const char *q = body; q < tag; q++)
            *line += *q == '\n';
          return g_strdup_printf ("%.*s%s%s", (int) (quote - body), body, tail, quote);
        }
    }
  return NULL;
}

static void
test_refused (ExchangeReport *fx, gconstpointer data)
{
  g_autoptr (GtExchangeXsd) whole = gt_exchange_xsd_new (NULL, FALSE);
  g_autofree char *report = exchange_body_of (fx->report);
  g_autofree char *extra = exchange_small_package (
    "", "tombstones=\"1\" tasks=\"1\" acks=\"1\"",
    " <tombstones>\n  <tombstone uuid=\"aaaaaaaa-0000-4000-8000-000000000001\" rev=\"2\""
    " mtime=\"2026-11-02T08:00:00Z\" type=\"member\"/>\n </tombstones>\n"
    " <tasks>\n  <task uuid=\"aaaaaaaa-0000-4000-8000-000000000002\" rev=\"1\""
    " mtime=\"2026-11-01\" kind=\"notice\" title=\"t\" issuer-code=\"" EXCHANGE_TOWNSHIP "\""
    " target=\"*\" issued=\"2026-11-01\" due=\"2026-12-01\" withdrawn=\"2026-11-02\""
    " withdrawn-reason=\"r\">x</task>\n </tasks>\n"
    " <acks>\n  <ack uuid=\"aaaaaaaa-0000-4000-8000-000000000003\" rev=\"1\""
    " mtime=\"2026-11-01 08:00\" task=\"aaaaaaaa-0000-4000-8000-000000000002\""
    " office-code=\"" EXCHANGE_TOWNSHIP "\" status=\"done\" date=\"2026-11-03\"/>\n </acks>\n");
  const char *bodies[] = { report, extra };
  GHashTableIter iter;
  const char *element;
  GPtrArray *checks;
  guint n = 0;

  for (guint b = 0; b < G_N_ELEMENTS (bodies); b++)
    {
      g_autoptr (GError) error = exchange_read_to_end ("p.xml", bodies[b], strlen (bodies[b]));
      g_assert_no_error (error);
      g_assert_true (gt_exchange_xsd_valid (whole, bodies[b], strlen (bodies[b])));
    }
  g_hash_table_iter_init (&iter, gt_exchange_xsd_get ()->elements);
  while (g_hash_table_iter_next (&iter, (gpointer *) &element, (gpointer *) &checks))
    for (guint i = 0; i < checks->len; i++)
      {
        GtExchangeXsdCheck *check = g_ptr_array_index (checks, i);
        /* "!" no pattern allows; a time zone xs:date allows, so that its pattern refuses it */
        const char *tail = strcmp (check->pattern->base, "xs:date") == 0 ? "Z" : "!";
        g_autofree char *spoilt = NULL, *where = NULL, *what = NULL, *record = NULL;
        g_autofree char *header = NULL;
        g_autoptr (GError) error = NULL;
        int line = 0;

        for (guint b = 0; b < G_N_ELEMENTS (bodies) && spoilt == NULL; b++)
          spoilt = spoil (bodies[b], element, check->attribute, tail, &line);
        if (spoilt == NULL)
          {
          g_error ("no package of the test has attribute %s of a %s", check->attribute,
                   element);
          }
        error = exchange_read_to_end ("p.xml", spoilt, strlen (spoilt));
        g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID);
        where = g_strdup_printf ("p.xml:%d: ", line);
        /* the record ("member record (member)") or header element ("header element
         * “sender”"), then the field (gt-exchange-message.c) */
        what = g_strdup_printf ("%s, field “%s” (%s): ", element,
                                gt_exchange_field_label (check->attribute), check->attribute);
        record = g_strdup_printf ("(%s), field “%s” (%s): ", element,
                                  gt_exchange_field_label (check->attribute), check->attribute);
        header = g_strdup_printf ("“%s”, field “%s” (%s): ", element,
                                  gt_exchange_field_label (check->attribute), check->attribute);
        if (!g_str_has_prefix (error->message, where) ||
            (strstr (error->message, record) == NULL && strstr (error->message, header) == NULL) ||
            strstr (error->message, strcmp (check->pattern->base, "xs:date") == 0
                                      ? "is not a real date written as YYYY-MM-DD"
                                      : check->pattern->pattern) == NULL)
          g_error ("“%s” does not name %s%s", error->message, where, what);
        g_assert_false (gt_exchange_xsd_valid (whole, spoilt, strlen (spoilt)));
        n++;
      }
  g_test_message ("%u checked attributes refused", n);
  g_assert_cmpuint (n, >, 40);
}

/* @body with the first rev="…" of a <@element replaced by @rev. */
static char *
with_rev (const char *body, const char *element, const char *rev, int *line)
{
  g_autofree char *open = g_strdup_printf ("<%s ", element);
  const char *tag = strstr (body, open), *at = strstr (tag, " rev=\""), *end;

  g_assert_nonnull (tag);
  at += strlen (" rev=\"");
  end = strchr (at, '"');
  *line = 1;
  for (const char *q = body; q < tag; q++)
    *line += *q == '\n';
  return g_strdup_printf ("%.*s%s%s", (int) (at - body), body, rev, end);
}

/* A revision is bounded alike by the reader and the XSD (g:rev, GT_EXCHANGE_MAX_REV): one
 * beyond, even one strtoll would clamp, is refused naming line and attribute. */
static void
test_rev_bounds (ExchangeReport *fx, gconstpointer data)
{
  g_autoptr (GtExchangeXsd) whole = gt_exchange_xsd_new (NULL, FALSE);
  g_autofree char *report = exchange_body_of (fx->report);
  g_autofree char *largest = g_strdup_printf ("%d", GT_EXCHANGE_MAX_REV);
  g_autofree char *beyond = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             (gint64) GT_EXCHANGE_MAX_REV + 1);
  const char *refused[] = { beyond, "99999999999999999999999", "9223372036854775808", "0",
                            "-1", "1e3" };
  g_autofree char *ok = NULL;
  int line = 0;

  ok = with_rev (report, "member", largest, &line);
  {
    g_autoptr (GError) error = exchange_read_to_end ("p.xml", ok, strlen (ok));
    g_assert_no_error (error);
  }
  g_assert_true (gt_exchange_xsd_valid (whole, ok, strlen (ok)));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *spoilt = with_rev (report, "member", refused[i], &line);
      g_autofree char *where = g_strdup_printf ("p.xml:%d: ", line);
      g_autoptr (GError) error = exchange_read_to_end ("p.xml", spoilt, strlen (spoilt));

      g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, where) || strstr (error->message, "rev") == NULL)
        g_error ("rev=\"%s\": “%s” does not name %s and rev", refused[i], error->message,
                 where);
      g_assert_false (gt_exchange_xsd_valid (whole, spoilt, strlen (spoilt)));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/exchange-xsd/functions", test_functions);
  g_test_add_func ("/exchange-xsd/taken-over", test_taken_over);
  g_test_add ("/exchange-xsd/refused", ExchangeReport, NULL, exchange_report_setup, test_refused,
              exchange_report_teardown);
  g_test_add ("/exchange-xsd/rev-bounds", ExchangeReport, NULL, exchange_report_setup,
              test_rev_bounds, exchange_report_teardown);
  return g_test_run ();
}
