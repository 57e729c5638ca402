/* gt-statistics.h — the annual Party statistics tables (党内统计), computed from the member
 * events, each number with the list of names behind it
 *
 * Who counts: a member is in the register from their admission (or, for a member received
 * with a letter in that created them, from the day received) until a transfer out, exit,
 * death or suspension, and again from a transfer back in. A transfer out and in on the same
 * day is a move between two organisations of this database: it changes no total and is
 * listed in the table "moves". Counts are taken on 31 December of the year before and of
 * the year; additions and reductions are the changes in between, so that
 *   end = start + Σ additions − Σ reductions
 * always holds (a test checks it), and every composition table adds up to "end".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 member_id; /* 0 for applicants (the pipeline rows of "development") */
  char *uuid;
  char *name;
  char *org_name;
} GtStatPerson;

typedef struct
{
  char *code;   /* ASCII, e.g. "add_admission" */
  char *label;  /* translated */
  GPtrArray *persons; /* of GtStatPerson, by name: the count is persons->len */
} GtStatRow;

typedef struct
{
  char *code;   /* counts, moves, category, gender, age, ethnicity, education, occupation,
                 * join_time, level, development */
  char *title;  /* translated */
  gboolean sums_to_end; /* the rows add up to the year-end total */
  GPtrArray *rows; /* of GtStatRow */
} GtStatTable;

typedef struct
{
  int year;
  char *office;
  int start, end;
  GPtrArray *tables; /* of GtStatTable */
} GtStatistics;

void gt_statistics_free (GtStatistics *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtStatistics, gt_statistics_free)

/* The tables of @year (1900 … 9999) for the whole database. */
GtStatistics *gt_statistics_compute (GtStorage *storage, int year, GError **error);

const GtStatTable *gt_statistics_find_table (const GtStatistics *stats, const char *code);
const GtStatRow *gt_statistics_find_row (const GtStatTable *table, const char *code);
/* The count of a row, -1 when there is no such table or row. */
int gt_statistics_count (const GtStatistics *stats, const char *table, const char *row);

/* The tables as an element tree in @doc, for the exchange package (the county sums the
 * townships' tables by table and row code):
 *
 *   <statistics year="2026" office="…" start="215" end="214">
 *     <table code="counts" title="…" sums-to-end="false">
 *       <row code="start" label="…" count="215">
 *         <person uuid="…" name="…" org="…"/>   (one per person behind the number)
 *       </row>
 *       …
 *     </table>
 *     …
 *   </statistics>
 *
 * Returns the new unlinked <statistics> node; the caller adds it where it belongs. With
 * !@names the <person> elements are left out (counts only). */
xmlNodePtr gt_statistics_to_xml (const GtStatistics *stats, xmlDocPtr doc, gboolean names);

/* The tables and their name lists as A4 pages. */
gboolean gt_statistics_write_pdf (const GtStatistics *stats, const char *path, GError **error);

G_END_DECLS
