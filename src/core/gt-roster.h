/* gt-roster.h — member rosters (党员花名册) in and out as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gt-csv.h"
#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_ROSTER_ERROR (gt_roster_error_quark ())

typedef enum
{
  GT_ROSTER_ERROR_INVALID,     /* the file has problems, so nothing was imported */
  GT_ROSTER_ERROR_UNKNOWN_ORG, /* the organisation option names none, or several */
  GT_ROSTER_ERROR_OUTPUT,      /* the export file cannot be created or written */
} GtRosterError;

GQuark gt_roster_error_quark (void);

typedef struct
{
  guint line;       /* physical line on which the record starts; 0 for the whole file */
  char *column;     /* the column's header as written in the file, or NULL */
  char *message;    /* translated reason */
  gboolean warning; /* TRUE for something that was ignored (an unknown column) */
} GtRosterProblem;

typedef struct _GtRosterRow GtRosterRow;

typedef struct
{
  char *file;          /* display name of the file */
  const char *encoding; /* as read: "UTF-8", "GB18030" … */
  char separator;      /* ',' or '\t' */
  guint n_rows;        /* data records read (empty ones are not counted) */
  guint n_valid;       /* rows without problems */
  guint n_errors;
  guint n_warnings;
  guint n_imported;    /* set by gt_roster_apply() */
  gboolean complete;   /* FALSE when the file could not be read to its end */
  gboolean masked;     /* a masked export (most ID and phone numbers with "*"): refused as a
                          whole, one problem on line 0 saying so */
  GPtrArray *problems; /* of GtRosterProblem, errors and warnings in line order */
  const GtRosterProblem *stop; /* the one of them that stopped the reading, or NULL */
  GPtrArray *unknown_columns; /* headers Guatu does not know, as written (strings) */
  GPtrArray *rows;     /* of GtRosterRow, the valid rows ready to insert (private) */
  GStringChunk *strings; /* the rows' text (private) */
} GtRosterReport;

void gt_roster_report_free (GtRosterReport *report);
/* The problem that stopped the reading of a report not complete (no header, bytes that are
 * not text, a masked export), which gt_roster_apply ()'s error names; NULL otherwise. */
const GtRosterProblem *gt_roster_report_get_stop (const GtRosterReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtRosterReport, gt_roster_report_free)

/* Reads and checks a whole roster without writing anything. The header row names the
 * columns (姓名, 性别, 身份证号 … or name, gender, id_number …). Each row names its
 * organisation by name or code in 所在支部; @org (name or code, may be NULL) places the
 * rows that name none. The optional column 所在党小组 names a 党小组 of the row's branch (by
 * name or code) to place the member in; a 所在支部 naming a 党小组 places the member in its
 * branch and in the group. Every problem is in the report with its line, column and reason.
 * Returns NULL only when the file cannot be opened (GT_CSV_ERROR_OPEN), @org names no
 * single organisation (GT_ROSTER_ERROR_UNKNOWN_ORG) or the database cannot be read. */
GtRosterReport *gt_roster_parse (GtStorage *storage, const char *path, GtCsvEncoding encoding,
                                 const char *org, GError **error);

/* The same with column mappings for this parse only: @columns maps headers to field codes
 * (as gt_roster_remember_column takes them, "" forgetting a remembered one) over the
 * remembered mapping, which is left as it is. For a dry run. */
GtRosterReport *gt_roster_parse_mapped (GtStorage *storage, const char *path,
                                        GtCsvEncoding encoding, const char *org,
                                        GHashTable *columns, GError **error);

/* The same for bytes in memory; @name is used as the file's name. */
GtRosterReport *gt_roster_parse_data (GtStorage *storage, const char *data, gsize length,
                                      const char *name, GtCsvEncoding encoding,
                                      const char *org, GError **error);

/* Inserts the report's valid rows — each member with an admission event at the joining
 * date and a full-membership event at the full-membership date — in one transaction.
 * Unless @valid_only, a report with any error is refused (GT_ROSTER_ERROR_INVALID) and
 * nothing is written; a file not read to its end is always refused. On any failure the
 * transaction is rolled back, so the database never holds part of a file. */
gboolean gt_roster_apply (GtStorage *storage, GtRosterReport *report, gboolean valid_only,
                          GError **error);

/* The fraction of an import done (0…1), from the thread that runs it. */
typedef void (*GtRosterProgress) (double fraction, gpointer user_data);

/* gt_roster_apply() for a worker thread: @progress (may be NULL) hears how far it is, and
 * cancelling @cancellable (may be NULL) stops it at once, the statement under way included,
 * rolls everything back and returns G_IO_ERROR_CANCELLED. */
gboolean gt_roster_apply_full (GtStorage *storage, GtRosterReport *report,
                               gboolean valid_only, GCancellable *cancellable,
                               GtRosterProgress progress, gpointer progress_data,
                               GError **error);

typedef enum
{
  GT_ROSTER_EXPORT_DEFAULT = 0,
  GT_ROSTER_EXPORT_UNMASKED = 1 << 0, /* full ID and phone numbers instead of masked ones */
} GtRosterExportFlags;

/* Writes the active members of @org and everything below it (name or code; NULL for the
 * whole register) to @path as CSV: UTF-8 with BOM, CRLF, the Chinese header row that
 * gt_roster_parse() reads. Written to a temporary file beside @path, synced and renamed
 * over it, so an existing file is replaced whole or not at all. The file is created
 * readable by its owner only. @n_written (may be NULL) receives the number of members. */
gboolean gt_roster_export (GtStorage *storage, const char *org, const char *path,
                           GtRosterExportFlags flags, guint *n_written, GError **error);

/* The same members, columns, masking and safe writing as gt_roster_export(), as an Excel
 * workbook (.xlsx) of one sheet: the header row bold and frozen, columns sized, and every
 * cell text, so Excel and WPS keep 18-digit ID numbers and phone numbers as they are. */
gboolean gt_roster_export_xlsx (GtStorage *storage, const char *org, const char *path,
                                GtRosterExportFlags flags, guint *n_written, GError **error);

/* Normalises a date written as YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD
 * to YYYY-MM-DD; NULL when @text is none of these or no such day exists. */
char *gt_roster_parse_date (const char *text);

/* Column mappings the user chose for headers Guatu does not know, remembered in the
 * database: header → field code (name, gender, ethnicity, id_number, phone, education,
 * occupation, birth_date, join_date, full_date, branch, category, group, or ignore). */
GHashTable *gt_roster_remembered_columns (GtStorage *storage);
/* Checks that @header can be a column header and @field (NULL or "" to forget) is a field
 * code, without remembering anything. */
gboolean gt_roster_check_column (const char *header, const char *field, GError **error);
/* Remembers that the column @header holds @field (NULL or "" forgets it). */
gboolean gt_roster_remember_column (GtStorage *storage, const char *header, const char *field,
                                    GError **error);
/* A translated label for a field code, e.g. "Name (姓名)"; NULL for an unknown code. */
const char *gt_roster_field_label (const char *code);

G_END_DECLS
