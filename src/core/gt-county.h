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

/* Star levels of a rating: 0 to 5 stars. */
#define GT_COUNTY_STAR_LEVELS 6

typedef struct
{
  char *code;
  char *name;
  gboolean reported;       /* a report for the period of the summary (or inside it) */
  char *last_period;       /* the newest period reported (never an older package imported
                            * later), or NULL */
  char *last_created;      /* of the newest package for last_period */
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

  /* Organisational life, dues and ratings (docs/exchange.md, “County roll-up”). They are
   * for activity_period, the summary's period; they stay empty (activity_period NULL) for a
   * township that did not report that period. */
  char *activity_period;
  gint64 meetings;              /* meeting records dated in the period, any kind */
  gint64 meetings_required;     /* meetings the life schedule requires in the period */
  gint64 meetings_required_held; /* of those, held (a meeting of the kind in its time slot) */
  gint64 meeting_attendance_present; /* attendance of the period's meetings: present */
  gint64 meeting_attendance_expected; /* present + absent */
  gint64 dues_members;          /* active members: the base of the dues payment rate */
  gint64 dues_paid_members;     /* of those, paid for every month of the period */
  gint64 dues_paid_fen;         /* dues paid for the months of the period, in fen */
  char *stars_period;           /* the year of the star rating used, NULL when none */
  gint64 rated_members;         /* members in that star rating */
  gint64 member_stars[GT_COUNTY_STAR_LEVELS]; /* members with 0, 1, … 5 stars */
} GtCountyTownship;

void gt_county_township_free (GtCountyTownship *township);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtCountyTownship, gt_county_township_free)

/* The metrics a ranking can use. */
typedef enum
{
  GT_COUNTY_RANK_MEMBERS,
  GT_COUNTY_RANK_LINKS_PER_MEMBER,  /* households linked per active member, × 100 */
  GT_COUNTY_RANK_MILESTONES_DONE,   /* per cent of project milestones done */
  GT_COUNTY_RANK_MEETINGS_HELD,     /* per cent of the required meetings held */
  GT_COUNTY_RANK_DUES_PAID,         /* per cent of active members paid up for the period */
  GT_COUNTY_RANK_AVERAGE_STARS,     /* mean stars of the rated members, × 100 */
} GtCountyRank;

/* "members", "links-per-member", "milestones-done", "meetings-held", "dues-paid",
 * "average-stars" */
gboolean gt_county_rank_from_string (const char *text, GtCountyRank *rank);
const char *gt_county_rank_to_string (GtCountyRank rank);
/* The metric's value for @township (an integer; percentages and ratios × 100) into @value
 * (may be NULL); FALSE when it has none: nothing to divide by (no members, no milestones, no
 * meeting required, nobody rated, no dues base) or, for meetings, dues and stars, no report
 * of the period. Shown as "—", sorted and ranked after every real value. */
gboolean gt_county_metric_value (const GtCountyTownship *township, GtCountyRank rank,
                                 gint64 *value);
/* The same, 0 when there is none. */
gint64 gt_county_metric (const GtCountyTownship *township, GtCountyRank rank);

/* The periods reported so far, newest first; an empty array when none. */
GStrv gt_county_periods (GtStorage *storage, GError **error);
/* The period a roll-up shows when none is asked for: the newest period any township
 * reported, else the current month. The CLI, the county page and the printed summary all
 * use it. */
char *gt_county_default_period (GtStorage *storage, GError **error);

/* Every known township (GtCountyTownship), by code, for ONE period: @period, or when NULL
 * gt_county_default_period (). A township that did not report that period is "missing":
 * its activity fields stay empty and it is not ranked. */
GPtrArray *gt_county_summary (GtStorage *storage, const char *period, GError **error);
/* Sorts @townships by @rank, best first, those without a value last (ties by code). */
void gt_county_sort (GPtrArray *townships, GtCountyRank rank);
/* The townships that reported the period and have a value of @rank, best first (borrowed
 * pointers). */
GPtrArray *gt_county_ranked (GPtrArray *townships, GtCountyRank rank);
/* The places of @n @values sorted best first, in standard competition ranking: equal values
 * share the place of the first of them and the places after skip as many (1, 2, 2, 4). */
guint *gt_county_places (const gint64 *values, guint n);
/* gt_county_places () of gt_county_ranked () townships. */
guint *gt_county_ranked_places (GPtrArray *ranked, GtCountyRank rank);
/* The place of entry @i of @n counted from the bottom (1: the worst), equals sharing it as
 * from the top; @places NULL: no two equal. */
guint gt_county_place_from_bottom (const guint *places, guint n, guint i);
/* How many of @n_ranked townships to list at the top and at the bottom for a "top @top"
 * ranking, so that no township is listed twice: @top each when there are 2 × @top or more,
 * else the better half (rounded up) at the top and the rest at the bottom. With @places
 * (gt_county_places (); NULL: no two equal) a list that would end inside a group of equals
 * takes the whole group, so equals are never split between the lists or left out. */
void gt_county_ranking_split (const guint *places, guint n_ranked, guint top, guint *n_top,
                              guint *n_bottom);

typedef struct
{
  char *uuid;
  char *kind;
  char *title;
  char *due_date;
  char *target;      /* a code, or "*" for every township */
  char *issued_on;
  gint64 received;   /* acknowledgements; 0 for a withdrawn task (it counts nothing) */
  gint64 done;
  char *withdrawn_on;     /* the day it was withdrawn, or NULL */
  char *withdrawn_reason; /* "" when none was given */
  gboolean sent;     /* written into a dispatch package */
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
 * acknowledgement updates the first (its revision goes up). Refused for a task the county
 * withdrew. */
gboolean gt_county_acknowledge (GtStorage *storage, const char *task_uuid, const char *status,
                                const char *note, GError **error);

G_END_DECLS
