/* gt-report.h — a small A4 table report drawn with Cairo and Pango: title, subtitle, an
 * optional colour legend, column headers repeated on every page, rows with page breaks,
 * a footer with page numbers. One drawing serves PDF export and GTK printing.
 *
 * Usage:
 *   g_autoptr (GtReport) r = gt_report_new (title, subtitle);
 *   gt_report_add_column (r, header, 3.0, PANGO_ALIGN_LEFT);  (relative widths)
 *   gt_report_add_row (r, (const char *[]) { "…", "…" }, NULL);   (one cell per column)
 *   gt_report_write_pdf (r, "out.pdf", &error);
 * or, from GtkPrintOperation::draw-page: gt_report_draw_page (r, cr, page, width, height).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* A4 in PostScript points. */
#define GT_REPORT_PAGE_WIDTH 595.276
#define GT_REPORT_PAGE_HEIGHT 841.89
/* The font every report uses (CJK). */
#define GT_REPORT_FONT "Noto Sans CJK SC"

typedef struct _GtReport GtReport;

GtReport *gt_report_new (const char *title, const char *subtitle);
void gt_report_free (GtReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtReport, gt_report_free)

/* Landscape A4 (default portrait). */
void gt_report_set_landscape (GtReport *report, gboolean landscape);
/* Text at the bottom left of every page (e.g. the office and the date). */
void gt_report_set_footer (GtReport *report, const char *footer);
/* A colour swatch with its label, shown under the subtitle ("#rrggbb"). */
void gt_report_add_legend (GtReport *report, const char *colour, const char *label);

/* Columns, left to right; @width is relative to the other columns. */
void gt_report_add_column (GtReport *report, const char *header, double width,
                           PangoAlignment align);
/* A row: one text per column (NULL for empty); @colours NULL, or one "#rrggbb" background
 * per column (NULL for none). */
void gt_report_add_row (GtReport *report, const char *const *cells, const char *const *colours);
/* A row in bold (totals). */
void gt_report_add_total_row (GtReport *report, const char *const *cells);
/* A row in bold on a light grey (a group's subtotal within the rows). */
#define GT_REPORT_SUBTOTAL_COLOUR "#eeeeee"
void gt_report_add_subtotal_row (GtReport *report, const char *const *cells);
guint gt_report_get_n_rows (GtReport *report);

/* The number of pages (at least 1). */
guint gt_report_get_n_pages (GtReport *report);
/* Draws page @page (0-based) scaled to fit @width × @height in @cr's units, centred. */
void gt_report_draw_page (GtReport *report, cairo_t *cr, guint page, double width,
                          double height);

/* Writes every page as an A4 PDF through a temporary file renamed over @path; on failure
 * nothing is left behind (G_FILE_ERROR). */
gboolean gt_report_write_pdf (GtReport *report, const char *path, GError **error);

/* Parses "#rrggbb" into 0…1 components; FALSE (and grey) for anything else. */
gboolean gt_report_parse_colour (const char *colour, double *r, double *g, double *b);

G_END_DECLS
