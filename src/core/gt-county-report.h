/* gt-county-report.h — the columns of the county's roll-up, and the printable county summary
 *
 * The columns are one table (gt_county_columns): a title and a getter each. The county page
 * builds its tree view from it, the ranking chooser offers the rankable ones, and the printed
 * summary draws the same columns: a new metric of GtCountyTownship is one line there.
 *
 * The summary is an A4 landscape document drawn with Cairo and Pango (no GTK): the title
 * (county, period), the table (header repeated on every page, missing reports highlighted,
 * a total row), the line naming the townships that have not reported, and the top and
 * bottom N by a metric. The same drawing serves GtkPrintOperation and PDF export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "gt-county.h"

G_BEGIN_DECLS

typedef enum
{
  GT_COUNTY_FORMAT_TEXT,    /* text () only; sorted by text */
  GT_COUNTY_FORMAT_COUNT,   /* an integer */
  GT_COUNTY_FORMAT_RATIO,   /* value × 100, shown as 1.25 */
  GT_COUNTY_FORMAT_PERCENT, /* a whole per cent, shown as 45% */
} GtCountyFormat;

typedef struct
{
  const char *id;      /* "members": for the CLI and the settings */
  const char *title;   /* N_(): pass through _() to show */
  GtCountyFormat format;
  gboolean rankable;   /* offered by the ranking chooser */
  /* NULL for text columns; FALSE when the township has no value (shown "—") */
  gboolean (*value) (const GtCountyTownship *township, gint64 *value);
  char *(*text) (const GtCountyTownship *township);   /* NULL: the value formatted */
  /* N_(): the header on screen, at most two short lines ("\n"), so that every column fits
   * beside the sidebar at 1366 px; the title is its tooltip */
  const char *header;
} GtCountyColumn;

extern const GtCountyColumn gt_county_columns[];
extern const guint gt_county_n_columns;

const GtCountyColumn *gt_county_column_find (const char *id);
/* The column's value for @township into @value (may be NULL); FALSE for a text column and
 * when there is none: a ratio with nothing to divide by, the period's meetings, dues or stars
 * of a township that did not report it. */
gboolean gt_county_column_value (const GtCountyColumn *column, const GtCountyTownship *township,
                                 gint64 *value);
/* What the cell shows (newly allocated): "—" for no value. */
char *gt_county_column_text (const GtCountyColumn *column, const GtCountyTownship *township);
/* Ascending order of the column's values (text for text columns), no value after every
 * value, ties by code. */
int gt_county_column_compare (const GtCountyColumn *column, const GtCountyTownship *a,
                              const GtCountyTownship *b);
/* The townships that reported the period and have a value in @column, best first (ties by
 * code); the array holds borrowed pointers into @townships. */
GPtrArray *gt_county_ranking (GPtrArray *townships, const GtCountyColumn *column);
/* The places of gt_county_ranking ()'s townships (gt_county_places (): equal values share
 * a place, 1, 2, 2, 4), for the page, the printed summary and the split into top and
 * bottom. */
guint *gt_county_ranking_places (GPtrArray *ranked, const GtCountyColumn *column);

/* The sum of every count of @townships, as one township named @name (for a total row). */
GtCountyTownship *gt_county_total (GPtrArray *townships, const char *name);

/* "2 of 12 townships have not reported for 2026-11: 芳村镇 (330822104)、…", or NULL when
 * every township has reported. */
char *gt_county_missing_text (GPtrArray *townships, const char *period);

typedef struct _GtCountyReport GtCountyReport;

/* The summary of @period (NULL: the newest reported) ranked by column @rank_id (NULL:
 * members) with the top and bottom @top. */
GtCountyReport *gt_county_report_new (GtStorage *storage, const char *period,
                                      const char *rank_id, guint top, GError **error);
void gt_county_report_free (GtCountyReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtCountyReport, gt_county_report_free)

const char *gt_county_report_get_period (GtCountyReport *report);
guint gt_county_report_get_n_pages (GtCountyReport *report);
/* Draws page @page (0-based) scaled to fit @width × @height in @cr's units, centred. */
void gt_county_report_draw_page (GtCountyReport *report, cairo_t *cr, guint page,
                                 double width, double height);
/* Writes every page as an A4 PDF through a temporary file; nothing is left on failure. */
gboolean gt_county_report_write_pdf (GtCountyReport *report, const char *path,
                                     GError **error);

G_END_DECLS
