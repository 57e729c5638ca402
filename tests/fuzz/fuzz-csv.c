/* fuzz-csv.c — the CSV reader on any bytes: it ends, reports problems with a line, and hands
 * out only valid UTF-8, whatever the encoding guess
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "gt-csv.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  FUZZ_SETUP ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const GtCsvEncoding encodings[] = { GT_CSV_ENCODING_AUTO, GT_CSV_ENCODING_UTF8,
                                             GT_CSV_ENCODING_GB18030 };

  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      g_autoptr (GtCsvReader) reader = gt_csv_reader_new (encodings[e]);
      g_autoptr (GError) error = NULL;
      GPtrArray *fields = NULL;
      guint records = 0;

      if (!gt_csv_reader_load_data (reader, (const char *) data, size, "fuzz.csv", &error))
        {
          if (error == NULL)
            FUZZ_FAIL ("refused without a reason"); /* a refusal must say why */
          continue;
        }
      while (gt_csv_reader_next (reader, &fields, &error))
        {
          for (guint i = 0; i < fields->len; i++)
            if (!g_utf8_validate (fields->pdata[i], -1, NULL))
              FUZZ_FAIL ("a field is not UTF-8");
          if (++records > size + 1) /* every record consumes input */
            FUZZ_FAIL ("more records than bytes");
        }
      if (error != NULL && gt_csv_reader_get_error_line (reader) == 0)
        FUZZ_FAIL ("a syntax error without a line"); /* a syntax error names its line */
    }
  return 0;
}
