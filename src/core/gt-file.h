/* gt-file.h — writing files so that a crash, a full disk or a yanked drive never leaves a
 * half-written file under the name the user chose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _GtSafeFile GtSafeFile;

/* Opens a temporary file (mode 0600) next to @path. Errors are G_FILE_ERROR, "FILE: cannot
 * create: REASON". */
GtSafeFile *gt_safe_file_open (const char *path, GError **error);
FILE *gt_safe_file_get_stream (GtSafeFile *file);
/* Flushes and syncs the temporary file, renames it over @path and syncs the folder. On
 * failure (e.g. the disk is full) the temporary file is removed and @path is as it was.
 * Frees @file either way. */
gboolean gt_safe_file_commit (GtSafeFile *file, GError **error);
/* Removes the temporary file; @path is untouched. Frees @file. */
void gt_safe_file_abort (GtSafeFile *file);
/* A cairo_write_func_t writing into the GtSafeFile @closure; the errno of a failed write
 * (a full disk) is kept for the message of gt_safe_file_finish_surface () and of
 * gt_safe_file_commit (). */
cairo_status_t gt_safe_file_cairo_write (void *closure, const unsigned char *data,
                                         unsigned int length);
/* Writes @surface as PNG into @file and commits it as gt_safe_file_commit () does; on
 * failure, an error naming @path and the reason, and @file is aborted. */
gboolean gt_safe_file_write_png (GtSafeFile *file, cairo_surface_t *surface, const char *path,
                                 GError **error);
/* A PDF surface of @width × @height points writing into @file, titled @title (may be NULL)
 * and naming Guatu as its creator. */
cairo_surface_t *gt_safe_file_pdf_surface (GtSafeFile *file, double width, double height,
                                           const char *title);
/* Finishes and destroys @surface (a PDF or SVG surface writing into @file's stream), then
 * commits @file, or aborts it with "FILE: cannot write: REASON" when cairo could not write
 * (errno's reason when there is one, e.g. a full disk). */
gboolean gt_safe_file_finish_surface (GtSafeFile *file, cairo_surface_t *surface,
                                      const char *path, GError **error);

/* The whole of @data, written as above. */
gboolean gt_file_write_atomically (const char *path, const char *data, gsize length,
                                   GError **error);

/* Opens @path for reading if it is a regular file, without waiting on a FIFO or a device:
 * the descriptor, or -1 with errno set; *@not_regular is TRUE when @path exists but is a
 * folder, a FIFO, a device or a socket (a file to read is refused then, not waited for). */
int gt_file_open_regular (const char *path, gboolean *not_regular);
/* The same as a stdio stream for reading ("rb"), or NULL with errno set. */
FILE *gt_file_fopen_regular (const char *path, gboolean *not_regular);

/* The first characters that make Excel and WPS read a cell as a formula. */
#define GT_CSV_FORMULA_STARTS "=+-@"

/* Appends @value as one CSV field (RFC 4180), quoted when needed. A value that starts like
 * a formula (GT_CSV_FORMULA_STARTS, a tab or a carriage return) gets a leading apostrophe,
 * so a spreadsheet shows it as text instead of running it: a member named
 * =HYPERLINK("http://…"&A1) in an imported roster would otherwise send the row away when
 * the export is opened (OWASP's "CSV injection"). The roster reader takes it off again. */
void gt_csv_append_field (GString *out, const char *value);

G_END_DECLS
