/* gt-csv.h — CSV and TSV text as spreadsheets save it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GT_CSV_ERROR (gt_csv_error_quark ())

typedef enum
{
  GT_CSV_ERROR_OPEN,     /* the file cannot be opened or read */
  GT_CSV_ERROR_ENCODING, /* bytes that are not text in the chosen or detected encoding */
  GT_CSV_ERROR_SYNTAX,   /* an unterminated quote, text after a closing quote */
} GtCsvError;

GQuark gt_csv_error_quark (void);

typedef enum
{
  GT_CSV_ENCODING_AUTO,    /* UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 */
  GT_CSV_ENCODING_UTF8,
  GT_CSV_ENCODING_GB18030, /* also reads GBK and GB2312, its subsets */
} GtCsvEncoding;

/* Parses "auto", "utf-8" (or "utf8") and "gb18030" (or "gbk"), ignoring case. */
gboolean gt_csv_encoding_from_string (const char *text, GtCsvEncoding *out);

typedef struct _GtCsvReader GtCsvReader;

/* A reader for text in @encoding; load it with one of the two functions below. */
GtCsvReader *gt_csv_reader_new (GtCsvEncoding encoding);

/* Reads @path and converts it to UTF-8. A file that cannot be read gives
 * GT_CSV_ERROR_OPEN; bytes that are not text give GT_CSV_ERROR_ENCODING, whose line the
 * error accessors below tell. Messages name the file. */
gboolean gt_csv_reader_load_file (GtCsvReader *reader, const char *path, GError **error);

/* The same for bytes in memory; @name is used in messages. */
gboolean gt_csv_reader_load_data (GtCsvReader *reader, const char *data, gsize length,
                                  const char *name, GError **error);

void gt_csv_reader_free (GtCsvReader *reader);

/* Reads the next record (RFC 4180: quoted fields may hold separators, doubled quotes and
 * line breaks; CRLF, LF and CR end records; lines that are entirely empty are skipped).
 * Returns TRUE with @fields (UTF-8 strings, owned by the reader and valid until the next
 * call); FALSE at the end of the text (no error set) or on a syntax error. */
gboolean gt_csv_reader_next (GtCsvReader *reader, GPtrArray **fields, GError **error);

/* The physical line (1-based) on which the last record started. */
guint gt_csv_reader_get_line (GtCsvReader *reader);

/* Where the last error was found: line and field (1-based; field 0 when unknown). */
guint gt_csv_reader_get_error_line (GtCsvReader *reader);
guint gt_csv_reader_get_error_field (GtCsvReader *reader);
/* The last error's reason alone, without file and line (translated). */
const char *gt_csv_reader_get_error_reason (GtCsvReader *reader);

/* ',' or '\t', detected from the first record unless set before the first read. */
char gt_csv_reader_get_separator (GtCsvReader *reader);
void gt_csv_reader_set_separator (GtCsvReader *reader, char separator);

/* The encoding the text was read in: "UTF-8", "UTF-16LE", "UTF-16BE" or "GB18030". */
const char *gt_csv_reader_get_encoding (GtCsvReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtCsvReader, gt_csv_reader_free)

G_END_DECLS
