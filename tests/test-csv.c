/* test-csv.c — the CSV/TSV reader: RFC 4180 quoting, line ends, separators, encodings, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-csv.h"

static GtCsvReader *
reader_for (const char *data, gssize length, GtCsvEncoding encoding, GError **error)
{
  GtCsvReader *reader = gt_csv_reader_new (encoding);

  if (!gt_csv_reader_load_data (reader, data, length < 0 ? strlen (data) : (gsize) length,
                                "t.csv", error))
    {
      gt_csv_reader_free (reader);
      return NULL;
    }
  return reader;
}

/* The records of @data joined as "LINE:a|b|c" lines. */
static char *
records (const char *data, gssize length, GtCsvEncoding encoding)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtCsvReader) reader = reader_for (data, length, encoding, &error);
  GString *out = g_string_new (NULL);
  GPtrArray *fields;

  g_assert_no_error (error);
  while (gt_csv_reader_next (reader, &fields, &error))
    {
      g_string_append_printf (out, "%u:", gt_csv_reader_get_line (reader));
      for (guint i = 0; i < fields->len; i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", (char *) fields->pdata[i]);
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  return g_string_free (out, FALSE);
}

static void
test_csv_records (void)
{
  struct
  {
    const char *data, *expected;
  } cases[] = {
    { "a,b\nc,d\n", "1:a|b\n2:c|d\n" },
    { "a,b\r\nc,d", "1:a|b\n2:c|d\n" },                          /* CRLF, no final newline */
    { "a,b\rc,d\r", "1:a|b\n2:c|d\n" },                          /* old Mac line ends */
    { "\xEF\xBB\xBF" "a,b\n", "1:a|b\n" },                       /* BOM */
    { "a,,\n,\n", "1:a||\n2:|\n" },                              /* empty fields */
    { "a\n\n\r\nb\n", "1:a\n4:b\n" },                            /* empty lines skipped */
    { "\"x,y\",\"say \"\"hi\"\"\"\n", "1:x,y|say \"hi\"\n" },    /* separators, doubled quotes */
    { "\"two\r\nlines\",z\nnext,1\n", "1:two\nlines|z\n3:next|1\n" }, /* a break in a cell */
    { "a\tb\tc,d\ne\tf\n", "1:a|b|c,d\n2:e|f\n" },               /* tab detected */
    { "\"a\tb\",c\n", "1:a\tb|c\n" },                            /* quoted tabs do not count */
    { "ab\"c,d\n", "1:ab\"c|d\n" },                              /* a quote inside a bare field */
    { "\"a\" ,b\n", "1:a|b\n" },                                 /* a space after the quote */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = records (cases[i].data, -1, GT_CSV_ENCODING_AUTO);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
assert_reader_error (const char *data, gssize length, GtCsvEncoding encoding, GtCsvError code,
                     guint line, guint field)
{
  g_autoptr (GError) error = NULL;
  GtCsvReader *reader = gt_csv_reader_new (encoding);
  GPtrArray *fields;

  if (gt_csv_reader_load_data (reader, data, length < 0 ? strlen (data) : (gsize) length, "t.csv",
                               &error))
    while (gt_csv_reader_next (reader, &fields, &error))
      ;
  g_assert_error (error, GT_CSV_ERROR, (gint) code);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:"));
  g_assert_cmpuint (gt_csv_reader_get_error_line (reader), ==, line);
  g_assert_cmpuint (gt_csv_reader_get_error_field (reader), ==, field);
  g_assert_nonnull (gt_csv_reader_get_error_reason (reader));
  gt_csv_reader_free (reader);
}

static void
test_csv_errors (void)
{
  assert_reader_error ("a,b\nc,\"d\ne\n", -1, GT_CSV_ENCODING_AUTO, GT_CSV_ERROR_SYNTAX, 2, 2);
  assert_reader_error ("a,b\n\"c\"x,d\n", -1, GT_CSV_ENCODING_AUTO, GT_CSV_ERROR_SYNTAX, 2, 1);
  /* UTF-8 cut off inside its last character (姓 is E5 A7 93). */
  assert_reader_error ("a,b\n\xE5\xA7", -1, GT_CSV_ENCODING_AUTO, GT_CSV_ERROR_ENCODING, 2, 0);
  /* Neither UTF-8 nor GB18030: 0xFF starts no character in either. */
  assert_reader_error ("a,b\nc,d\n\xFF\xFF,e\n", -1, GT_CSV_ENCODING_AUTO,
                       GT_CSV_ERROR_ENCODING, 3, 0);
  /* GBK text read as UTF-8 by request. */
  assert_reader_error ("a,b\n\xD5\xC5\xC8\xFD,1\n", -1, GT_CSV_ENCODING_UTF8,
                       GT_CSV_ERROR_ENCODING, 2, 0);
  assert_reader_error ("a,b\n\0c,d\n", 8, GT_CSV_ENCODING_UTF8, GT_CSV_ERROR_ENCODING, 2, 0);
  /* UTF-8 read as GB18030 by request: the message names the chosen encoding. */
  assert_reader_error ("a,b\n\xE5\xA7\x93\xE5\x90\x8D\xE7\x8E\x8B,1\n", -1,
                       GT_CSV_ENCODING_GB18030, GT_CSV_ERROR_ENCODING, 2, 0);
  /* A workbook (.xlsx is a zip file; .xls an OLE file): said to be one, on line 1. */
  assert_reader_error ("PK\x03\x04\x14\0\x06\0", 8, GT_CSV_ENCODING_AUTO, GT_CSV_ERROR_ENCODING,
                       1, 0);
  assert_reader_error ("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, GT_CSV_ENCODING_AUTO,
                       GT_CSV_ERROR_ENCODING, 1, 0);
  {
    g_autoptr (GError) error = NULL;
    GtCsvReader *reader = reader_for ("PK\x03\x04\x14\0\x06\0", 8, GT_CSV_ENCODING_AUTO, &error);

    g_assert_null (reader);
    g_assert_nonnull (strstr (error->message, "workbook"));
  }
  {
    g_autoptr (GError) error = NULL;
    GtCsvReader *reader = reader_for ("a\n\xE5\xA7\x93\xE5\x90\x8D\xE7\x8E\x8B\n", -1,
                                      GT_CSV_ENCODING_GB18030, &error);

    g_assert_null (reader);
    g_assert_nonnull (strstr (error->message, "chosen"));
  }
}

static void
test_csv_encodings (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *gbk = g_convert ("姓名,民族\n张三,汉族\n", -1, "GBK", "UTF-8", NULL, NULL,
                                    &error);
  g_autofree char *rare = g_convert ("姓名\n王䶮\n刘𣵦\n", -1, "GB18030", "UTF-8", NULL, NULL,
                                     &error);
  g_autofree char *utf16 = NULL;
  g_autofree char *got = NULL;
  gsize utf16_length = 0;

  g_assert_no_error (error);
  got = records (gbk, -1, GT_CSV_ENCODING_AUTO);
  g_assert_cmpstr (got, ==, "1:姓名|民族\n2:张三|汉族\n");
  g_clear_pointer (&got, g_free);
  got = records (gbk, -1, GT_CSV_ENCODING_GB18030);
  g_assert_cmpstr (got, ==, "1:姓名|民族\n2:张三|汉族\n");
  g_clear_pointer (&got, g_free);
  got = records (rare, -1, GT_CSV_ENCODING_AUTO);
  g_assert_cmpstr (got, ==, "1:姓名\n2:王䶮\n3:刘𣵦\n");
  g_clear_pointer (&got, g_free);

  /* Excel's "Unicode text": UTF-16LE with BOM, tab-separated. */
  utf16 = g_convert ("\xEF\xBB\xBF姓名\t民族\r\n张三\t汉族\r\n", -1, "UTF-16LE", "UTF-8", NULL,
                     &utf16_length, &error);
  g_assert_no_error (error);
  got = records (utf16, utf16_length, GT_CSV_ENCODING_AUTO);
  g_assert_cmpstr (got, ==, "1:姓名|民族\n2:张三|汉族\n");

  {
    g_autoptr (GtCsvReader) reader = reader_for (gbk, -1, GT_CSV_ENCODING_AUTO, &error);
    g_assert_cmpstr (gt_csv_reader_get_encoding (reader), ==, "GB18030");
  }
  {
    GtCsvEncoding encoding;
    g_assert_true (gt_csv_encoding_from_string ("UTF-8", &encoding));
    g_assert_cmpint (encoding, ==, GT_CSV_ENCODING_UTF8);
    g_assert_true (gt_csv_encoding_from_string ("gb18030", &encoding));
    g_assert_cmpint (encoding, ==, GT_CSV_ENCODING_GB18030);
    g_assert_false (gt_csv_encoding_from_string ("latin1", &encoding));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/records", test_csv_records);
  g_test_add_func ("/csv/errors", test_csv_errors);
  g_test_add_func ("/csv/encodings", test_csv_encodings);

  return g_test_run ();
}
