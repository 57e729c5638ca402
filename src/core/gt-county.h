/* gt-county.h — the county's roll-up of the townships' reports, and dispatch/acknowledgement
 *
 * Everything is computed from the records the townships sent (ex_records), never from the
 * townships' own summary numbers; a township is known from the trust list or from a report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  char *code;
  char *name;
  gboolean reported;       /* a report for the period asked for (any, when none asked) */
  char *last_period;       /* of the newest report, or NULL */
  char *last_created;
  gint64 organizations;
  gint64 branches;
  gint64 members;          /* active */
  gint64 full_members;
  gint64 probationary;
  gint64 households;
  gint64 links;
  gint64 projects;
  gint64 projects_closed;
  gint64 milestones;
  gint64 milestones_done;
} GtCountyTownship;

void gt_county_township_free (GtCountyTownship *township);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtCountyTownship, gt_county_township_free)

/* The metrics a ranking can use. */
typedef enum
{
  GT_COUNTY_RANK_MEMBERS,
  GT_COUNTY_RANK_LINKS_PER_MEMBER,  /* households linked per active member, × 100 */
  GT_COUNTY_RANK_MILESTONES_DONE,   /* per cent of project milestones done */
} GtCountyRank;

gboolean gt_county_rank_from_string (const char *text, GtCountyRank *rank);
/* The metric's value for @township (an integer; percentages and ratios × 100). */
gint64 gt_county_metric (const GtCountyTownship *township, GtCountyRank rank);

/* Every known township (GtCountyTownship), by code; @period (may be NULL) sets "reported". */
GPtrArray *gt_county_summary (GtStorage *storage, const char *period, GError **error);
/* Sorts @townships by @rank, best first (ties by code). */
void gt_county_sort (GPtrArray *townships, GtCountyRank rank);

typedef struct
{
  char *uuid;
  char *kind;
  char *title;
  char *due_date;
  char *target;      /* a code, or "*" for every township */
  char *issued_on;
  gint64 received;   /* acknowledgements */
  gint64 done;
} GtCountyTask;

void gt_county_task_free (GtCountyTask *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtCountyTask, gt_county_task_free)

/* Records a task or notice (@kind "task" or "notice") issued by this office for @target (a
 * township code or "*"). @uuid (may be NULL) receives its id. */
gboolean gt_county_add_task (GtStorage *storage, const char *kind, const char *title,
                             const char *body, const char *due_date, const char *target,
                             char **uuid, GError **error);
/* The tasks this office issued, newest first, with their acknowledgement counts. */
GPtrArray *gt_county_list_tasks (GtStorage *storage, GError **error);

/* Township side: acknowledges a received task (@status "received" or "done"); a second
 * acknowledgement updates the first (its revision goes up). */
gboolean gt_county_acknowledge (GtStorage *storage, const char *task_uuid, const char *status,
                                const char *note, GError **error);

G_END_DECLS
