/* gt-csv.c — CSV and TSV text as spreadsheets save it
 *
 * The file is read once and converted to UTF-8; records are then cut from the text one at
 * a time, into one reused array of fields, so the memory beyond the text is one record's.
 * Encodings: UTF-8 with or without BOM (Excel's "CSV UTF-8", LibreOffice, WPS), UTF-16
 * with BOM (Excel's "Unicode text") and GB18030, which also reads the GBK and GB2312 files
 * of Excel's plain "CSV" on a Chinese Windows. Without BOM, text that is not valid UTF-8
 * is taken for GB18030.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "gt-csv.h"
#include "gt-file.h"

struct _GtCsvReader
{
  char *name;        /* display name of the file, for messages */
  char *text;        /* the whole text in UTF-8, NUL-terminated */
  gsize length;
  gsize pos;
  guint line;        /* physical line at pos */
  guint record_line; /* line on which the last record started */
  char separator;    /* 0 until detected */
  GtCsvEncoding requested;
  const char *encoding;
  GPtrArray *fields; /* the last record's fields, pointing into record */
  GString *record;   /* the last record's fields, each ended by a NUL */
  guint error_line;
  guint error_field;
  char *error_reason;
};

G_DEFINE_QUARK (gt-csv-error-quark, gt_csv_error)

gboolean
gt_csv_encoding_from_string (const char *text, GtCsvEncoding *out)
{
  if (text == NULL || g_ascii_strcasecmp (text, "auto") == 0)
    *out = GT_CSV_ENCODING_AUTO;
  else if (g_ascii_strcasecmp (text, "utf-8") == 0 || g_ascii_strcasecmp (text, "utf8") == 0)
    *out = GT_CSV_ENCODING_UTF8;
  else if (g_ascii_strcasecmp (text, "gb18030") == 0 || g_ascii_strcasecmp (text, "gbk") == 0)
    *out = GT_CSV_ENCODING_GB18030;
  else
    return FALSE;
  return TRUE;
}

static void
set_reader_error (GtCsvReader *self, GError **error, GtCsvError code, guint line, guint field,
                  char *reason)
{
  self->error_line = line;
  self->error_field = field;
  g_free (self->error_reason);
  self->error_reason = reason;
  g_set_error (error, GT_CSV_ERROR, code, "%s:%u: %s", self->name, line, reason);
}

/* The line of byte @offset in text whose line feeds are single 0x0A bytes (UTF-8, GB18030). */
static guint
line_at (const char *data, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Converts @data from @charset. On bad bytes returns NULL and sets @bad_offset to the
 * first byte that could not be converted; @partial tells whether the text merely ends in
 * the middle of a character. */
static char *
convert (const char *data, gsize length, const char *charset, gsize *out_length,
         gsize *bad_offset, gboolean *partial)
{
  g_autoptr (GError) local_error = NULL;
  gsize bytes_read = 0, bytes_written = 0;
  char *text;

  *partial = FALSE;
  text = g_convert (data, length, "UTF-8", charset, &bytes_read, &bytes_written, &local_error);
  if (text == NULL)
    {
      *bad_offset = bytes_read;
      *partial = g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT);
      return NULL;
    }
  if (bytes_read < length) /* a character cut off at the end */
    {
      g_free (text);
      *bad_offset = bytes_read;
      *partial = TRUE;
      return NULL;
    }
  *out_length = bytes_written;
  return text;
}

/* Where UTF-8 validation fails in @data, and whether only a final character is cut off. */
static gsize
utf8_bad_offset (const char *data, gsize length, gboolean *partial)
{
  const char *end = NULL;

  *partial = FALSE;
  if (g_utf8_validate_len (data, length, &end))
    return length;
  if (*end != '\0' && length - (gsize) (end - data) < 4 &&
      g_utf8_get_char_validated (end, length - (end - data)) == (gunichar) -2)
    *partial = TRUE;
  return end - data;
}

static gboolean
decode_utf8 (GtCsvReader *self, const char *data, gsize length, GError **error)
{
  gboolean partial;
  gsize bad = utf8_bad_offset (data, length, &partial);

  if (bad < length)
    {
      if (partial)
        set_reader_error (self, error, GT_CSV_ERROR_ENCODING, line_at (data, bad), 0,
                          g_strdup (_("the file ends in the middle of a character; is it "
                                      "truncated?")));
      else
        set_reader_error (self, error, GT_CSV_ERROR_ENCODING, line_at (data, bad), 0,
                          g_strdup_printf (_("byte 0x%02X is not UTF-8 text; is the file in "
                                             "another encoding?"),
                                           (guint) (guchar) data[bad]));
      return FALSE;
    }
  self->text = g_strndup (data, length);
  self->length = length;
  self->encoding = "UTF-8";
  return TRUE;
}

/* @forced: GB18030 was chosen for the file (or its BOM says so), UTF-8 was not tried. */
static gboolean
decode_gb18030 (GtCsvReader *self, const char *data, gsize length, gsize utf8_bad,
                gboolean forced, GError **error)
{
  gsize bad = 0;
  gboolean partial;

  self->text = convert (data, length, "GB18030", &self->length, &bad, &partial);
  if (self->text != NULL)
    {
      self->encoding = "GB18030";
      return TRUE;
    }
  if (partial)
    set_reader_error (self, error, GT_CSV_ERROR_ENCODING, line_at (data, bad), 0,
                      g_strdup (_("the file ends in the middle of a character; is it "
                                  "truncated?")));
  else if (forced)
    set_reader_error (self, error, GT_CSV_ERROR_ENCODING, line_at (data, bad), 0,
                      g_strdup_printf (_("byte 0x%02X is not GB18030 text, the encoding chosen"
                                         " for the file; is it UTF-8?"),
                                       (guint) (guchar) data[bad]));
  else
    {
      /* Whichever reading got further is the likelier encoding: report its failure. */
      gsize where = MAX (bad, utf8_bad);
      set_reader_error (self, error, GT_CSV_ERROR_ENCODING, line_at (data, where), 0,
                        g_strdup_printf (_("byte 0x%02X is neither UTF-8 nor GB18030 text"),
                                         (guint) (guchar) data[where]));
    }
  return FALSE;
}

static gboolean
decode_utf16 (GtCsvReader *self, const char *data, gsize length, const char *charset,
              GError **error)
{
  gsize bad = 0;
  gboolean partial;

  self->text = convert (data, length, charset, &self->length, &bad, &partial);
  if (self->text != NULL)
    {
      self->encoding = charset;
      return TRUE;
    }
  {
    /* Count the lines of the part that did convert. */
    g_autofree char *prefix = g_convert (data, bad, "UTF-8", charset, NULL, NULL, NULL);
    set_reader_error (self, error, GT_CSV_ERROR_ENCODING,
                      prefix != NULL ? line_at (prefix, strlen (prefix)) : 1, 0,
                      g_strdup_printf (_("the text is not valid %s"), charset));
  }
  return FALSE;
}

static gboolean
decode (GtCsvReader *self, const char *data, gsize length, GtCsvEncoding encoding,
        GError **error)
{
  static const char utf8_bom[] = "\xEF\xBB\xBF", gb_bom[] = "\x84\x31\x95\x33";
  gboolean partial = FALSE;
  gsize utf8_bad;
  const char *nul;

  /* A workbook given for a CSV file: said so, not as bytes that are no text. */
  if (length >= 4 && (memcmp (data, "PK\x03\x04", 4) == 0 ||
                      memcmp (data, "\xD0\xCF\x11\xE0", 4) == 0))
    {
      set_reader_error (self, error, GT_CSV_ERROR_ENCODING, 1, 0,
                        g_strdup (_("this is a spreadsheet workbook (.xlsx or .xls), not CSV"
                                    " text; save it as CSV (UTF-8) in Excel or WPS and import"
                                    " that")));
      return FALSE;
    }
  if (encoding != GT_CSV_ENCODING_GB18030 && length >= 3 && memcmp (data, utf8_bom, 3) == 0)
    {
      if (!decode_utf8 (self, data + 3, length - 3, error))
        return FALSE;
    }
  else if (encoding == GT_CSV_ENCODING_AUTO && length >= 2 &&
           ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE) &&
           ((guchar) data[1] == 0xFF || (guchar) data[1] == 0xFE) && data[0] != data[1])
    {
      if (!decode_utf16 (self, data + 2, length - 2,
                         (guchar) data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", error))
        return FALSE;
    }
  else if (encoding == GT_CSV_ENCODING_UTF8)
    {
      if (!decode_utf8 (self, data, length, error))
        return FALSE;
    }
  else if (encoding != GT_CSV_ENCODING_UTF8 && length >= 4 && memcmp (data, gb_bom, 4) == 0)
    {
      if (!decode_gb18030 (self, data + 4, length - 4, 0, TRUE, error))
        return FALSE;
    }
  else if (encoding == GT_CSV_ENCODING_GB18030)
    {
      if (!decode_gb18030 (self, data, length, 0, TRUE, error))
        return FALSE;
    }
  else if ((utf8_bad = utf8_bad_offset (data, length, &partial)) == length || partial)
    {
      /* Valid UTF-8, or UTF-8 cut off inside its last character. */
      if (!decode_utf8 (self, data, length, error))
        return FALSE;
    }
  else if (!decode_gb18030 (self, data, length, utf8_bad, FALSE, error))
    return FALSE;

  /* A BOM that survived the conversion (GB18030 and UTF-16 files of some programs). */
  if (g_str_has_prefix (self->text, utf8_bom))
    {
      memmove (self->text, self->text + 3, self->length - 3 + 1);
      self->length -= 3;
    }
  nul = memchr (self->text, '\0', self->length);
  if (nul != NULL)
    {
      set_reader_error (self, error, GT_CSV_ERROR_ENCODING, line_at (self->text, nul - self->text),
                        0, g_strdup (_("the file holds NUL bytes, so it is not CSV text")));
      return FALSE;
    }
  return TRUE;
}

GtCsvReader *
gt_csv_reader_new (GtCsvEncoding encoding)
{
  GtCsvReader *self = g_new0 (GtCsvReader, 1);

  self->requested = encoding;
  self->line = 1;
  self->fields = g_ptr_array_new ();
  self->record = g_string_sized_new (256);
  return self;
}

gboolean
gt_csv_reader_load_data (GtCsvReader *self, const char *data, gsize length, const char *name,
                         GError **error)
{
  g_return_val_if_fail (self != NULL && self->text == NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  g_free (self->name);
  self->name = g_strdup (name);
  return decode (self, data != NULL ? data : "", length, self->requested, error);
}

gboolean
gt_csv_reader_load_file (GtCsvReader *self, const char *path, GError **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  char buffer[65536];
  FILE *fp;
  size_t n;
  int saved = 0;
  gboolean not_regular = FALSE;

  /* A FIFO or a device is refused, not read until it ends (or waited on forever). */
  fp = gt_file_fopen_regular (path, &not_regular);
  if (not_regular)
    {
      g_set_error (error, GT_CSV_ERROR, GT_CSV_ERROR_OPEN, _("%s: not a regular file"), display);
      return FALSE;
    }
  if (fp == NULL)
    {
      saved = errno;
      g_set_error (error, GT_CSV_ERROR, GT_CSV_ERROR_OPEN, _("%s: cannot open: %s"), display,
                   g_strerror (saved));
      return FALSE;
    }
  while ((n = fread (buffer, 1, sizeof buffer, fp)) > 0)
    g_byte_array_append (bytes, (const guint8 *) buffer, (guint) n);
  if (ferror (fp))
    saved = errno != 0 ? errno : EIO;
  fclose (fp);
  if (saved != 0)
    {
      g_set_error (error, GT_CSV_ERROR, GT_CSV_ERROR_OPEN, _("%s: cannot read: %s"), display,
                   g_strerror (saved));
      return FALSE;
    }
  return gt_csv_reader_load_data (self, (const char *) bytes->data, bytes->len, display, error);
}

void
gt_csv_reader_free (GtCsvReader *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->text);
  g_ptr_array_unref (self->fields);
  g_string_free (self->record, TRUE);
  g_free (self->error_reason);
  g_free (self);
}

/* Comma or tab, whichever occurs more often outside quotes in the first record. */
static char
detect_separator (GtCsvReader *self)
{
  guint commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = self->pos; i < self->length; i++)
    {
      char c = self->text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == '\t')
        tabs++;
    }
  return tabs > commas ? '\t' : ',';
}

/* Reads a quoted field whose opening quote is at pos. */
static gboolean
read_quoted (GtCsvReader *self, guint field_no, GError **error)
{
  guint start_line = self->line;
  const char *text = self->text;

  self->pos++;
  for (;;)
    {
      char c;

      if (self->pos >= self->length)
        {
          set_reader_error (self, error, GT_CSV_ERROR_SYNTAX, start_line, field_no,
                            g_strdup (_("the quotation mark that opens this field is never "
                                        "closed; is the file truncated?")));
          return FALSE;
        }
      c = text[self->pos];
      if (c == '"')
        {
          if (self->pos + 1 < self->length && text[self->pos + 1] == '"')
            {
              g_string_append_c (self->record, '"');
              self->pos += 2;
              continue;
            }
          self->pos++;
          break;
        }
      if (c == '\r' || c == '\n')
        {
          /* Line breaks inside a cell (Alt+Enter) become plain line feeds. */
          g_string_append_c (self->record, '\n');
          self->line++;
          self->pos += (c == '\r' && text[self->pos + 1] == '\n') ? 2 : 1;
          continue;
        }
      g_string_append_c (self->record, c);
      self->pos++;
    }

  /* Spaces may follow the closing quote; anything else means the quoting is broken. */
  while (self->pos < self->length && text[self->pos] == ' ')
    self->pos++;
  if (self->pos < self->length && text[self->pos] != self->separator && text[self->pos] != '\r' &&
      text[self->pos] != '\n')
    {
      set_reader_error (self, error, GT_CSV_ERROR_SYNTAX, self->line, field_no,
                        g_strdup (_("text follows the closing quotation mark of a field; "
                                    "quotation marks inside a quoted field must be doubled")));
      return FALSE;
    }
  return TRUE;
}

gboolean
gt_csv_reader_next (GtCsvReader *self, GPtrArray **fields, GError **error)
{
  const char *text = self->text;
  guint field_no = 0;

  g_return_val_if_fail (self != NULL && self->text != NULL, FALSE);

  g_ptr_array_set_size (self->fields, 0);
  g_string_truncate (self->record, 0);
  *fields = self->fields;

  /* Skip empty lines between records. */
  while (self->pos < self->length && (text[self->pos] == '\r' || text[self->pos] == '\n'))
    {
      self->pos += (text[self->pos] == '\r' && text[self->pos + 1] == '\n') ? 2 : 1;
      self->line++;
    }
  if (self->pos >= self->length)
    return FALSE;

  if (self->separator == 0)
    self->separator = detect_separator (self);
  self->record_line = self->line;

  /* The fields go into one buffer, reused for every record, instead of one allocation each
   * (a roster of 200 000 rows has 1.8 million fields); fields holds their offsets until the
   * record is complete and the buffer no longer moves. */
  for (;;)
    {
      char c;

      field_no++;
      g_ptr_array_add (self->fields, GSIZE_TO_POINTER (self->record->len));
      if (text[self->pos] == '"')
        {
          if (!read_quoted (self, field_no, error))
            {
              g_ptr_array_set_size (self->fields, 0);
              return FALSE;
            }
        }
      else
        {
          gsize start = self->pos;

          while (self->pos < self->length && text[self->pos] != self->separator &&
                 text[self->pos] != '\r' && text[self->pos] != '\n')
            self->pos++;
          g_string_append_len (self->record, text + start, (gssize) (self->pos - start));
        }
      g_string_append_c (self->record, '\0');

      if (self->pos >= self->length)
        break;
      c = text[self->pos];
      if (c == self->separator)
        {
          self->pos++;
          continue;
        }
      /* End of the record: CRLF, LF or a lone CR. */
      self->pos += (c == '\r' && text[self->pos + 1] == '\n') ? 2 : 1;
      self->line++;
      break;
    }
  for (guint i = 0; i < self->fields->len; i++)
    self->fields->pdata[i] = self->record->str + GPOINTER_TO_SIZE (self->fields->pdata[i]);
  return TRUE;
}

guint
gt_csv_reader_get_line (GtCsvReader *self)
{
  return self->record_line;
}

guint
gt_csv_reader_get_error_line (GtCsvReader *self)
{
  return self->error_line;
}

guint
gt_csv_reader_get_error_field (GtCsvReader *self)
{
  return self->error_field;
}

const char *
gt_csv_reader_get_error_reason (GtCsvReader *self)
{
  return self->error_reason;
}

char
gt_csv_reader_get_separator (GtCsvReader *self)
{
  return self->separator;
}

void
gt_csv_reader_set_separator (GtCsvReader *self, char separator)
{
  self->separator = separator;
}

const char *
gt_csv_reader_get_encoding (GtCsvReader *self)
{
  return self->encoding;
}
