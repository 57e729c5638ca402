/* gt-life.h — organisational life (三会一课 and more): meetings, the schedule each
 * organisation type follows, and compliance with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gt-storage.h"

G_BEGIN_DECLS

/* Meeting kinds (stored codes). */
#define GT_MEETING_GENERAL "general"           /* 党员大会 */
#define GT_MEETING_COMMITTEE "committee"       /* 支委会 */
#define GT_MEETING_GROUP "group"               /* 党小组会: held by party groups */
#define GT_MEETING_LECTURE "lecture"           /* 党课 */
#define GT_MEETING_THEME_DAY "theme_day"       /* 主题党日 */
#define GT_MEETING_LIFE "life_meeting"         /* 组织生活会 */
#define GT_MEETING_APPRAISAL "appraisal"       /* 民主评议党员 */

/* The kinds in the order they are offered; NULL-terminated. */
extern const char *const gt_meeting_kinds[];
/* The translated label of a kind, or the code itself when unknown. */
const char *gt_label_meeting_kind (const char *kind);
/* The schedule periods (month, quarter, half, year, none) in the order they are offered,
 * NULL-terminated, and the translated label of one ("Every quarter"), or the code itself. */
extern const char *const gt_life_periods[];
const char *gt_label_life_period (const char *period);

typedef struct
{
  gint64 member_id;
  char *name;        /* filled when read */
  gboolean present;
  char *reason;      /* why an absentee was absent ("" when present) */
} GtAttendance;

typedef struct
{
  gint64 id;
  char *path;
  char *note;
} GtAttachment;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 org_id;
  char *org_name;
  char *kind;
  char *date;        /* YYYY-MM-DD */
  char *topic;
  char *place;
  char *host;
  char *minutes;
  gint64 n_present;
  gint64 n_absent;
  GPtrArray *attendance;  /* of GtAttendance; only from gt_meeting_lookup */
  GPtrArray *attachments; /* of GtAttachment; only from gt_meeting_lookup */
} GtMeeting;

void gt_meeting_free (GtMeeting *meeting);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtMeeting, gt_meeting_free)
void gt_attendance_free (GtAttendance *attendance);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtAttendance, gt_attendance_free)

/* What a meeting record holds; strings may be NULL for "" (or "unchanged" on update). */
typedef struct
{
  gint64 org_id;
  const char *kind;
  const char *date;
  const char *topic;
  const char *place;
  const char *host;
  const char *minutes;
} GtMeetingSpec;

/* Adds a meeting. Checks the organisation (existing, not archived), the kind, the date
 * (a real date, not in the future), and that party-group meetings are held by groups and
 * the other kinds by branches or committees. */
gboolean gt_meeting_add (GtStorage *storage, const GtMeetingSpec *spec, gint64 *out_id,
                         GError **error);
/* Changes the non-NULL fields of a meeting (org_id 0: unchanged). */
gboolean gt_meeting_update (GtStorage *storage, gint64 id, const GtMeetingSpec *spec,
                            GError **error);
gboolean gt_meeting_remove (GtStorage *storage, gint64 id, GError **error);

/* Replaces a meeting's attendance with @attendance (of GtAttendance) in one transaction.
 * Each member must be on the organisation's roster (gt_life_roster) or already recorded on
 * this meeting (a member who has since moved to another branch stays on the record); an
 * absentee may carry a reason, a member present may not. */
gboolean gt_meeting_set_attendance (GtStorage *storage, gint64 meeting_id,
                                    GPtrArray *attendance, GError **error);

/* Attachments are file paths (the files are not copied into the database). */
gboolean gt_meeting_attach (GtStorage *storage, gint64 meeting_id, const char *path,
                            const char *note, gint64 *out_id, GError **error);
gboolean gt_meeting_detach (GtStorage *storage, gint64 attachment_id, GError **error);

/* A meeting with its attendance and attachments. */
GtMeeting *gt_meeting_lookup (GtStorage *storage, gint64 id, GError **error);

/* Meetings newest first; @org_id 0 for all; @month "YYYY-MM" or NULL for all months. */
GPtrArray *gt_meeting_list (GtStorage *storage, gint64 org_id, const char *month,
                            GError **error);
/* The @limit latest meetings of @org_id (0: all), and in @total how many there are: a
 * prefecture holds hundreds of thousands. */
GPtrArray *gt_meeting_list_latest (GtStorage *storage, gint64 org_id, guint limit,
                                   gint64 *total, GError **error);

/* The members a meeting of @org_id picks attendees from: the active members of the
 * organisation and its subtree; for a 党小组, the active members placed in it
 * (gt_member_set_group), or when nobody is, the members of the branch above it. Of
 * GtAttendance (present TRUE, reason ""), by register order. */
GPtrArray *gt_life_roster (GtStorage *storage, gint64 org_id, GError **error);

/* ---- schedule ---- */

typedef struct
{
  char *org_type;  /* "" for the default of every type */
  char *kind;
  char *period;    /* month, quarter, half, year, none */
  int day;         /* day of the month it is due by (month periods), 0 for the month's end */
} GtLifeRule;

void gt_life_rule_free (GtLifeRule *rule);

/* Every row of the schedule, defaults ("") first. */
GPtrArray *gt_life_schedule (GtStorage *storage, GError **error);
/* The rule that applies to @org_type for @kind: the type's own row, else the default.
 * Returns FALSE with @error only on a storage failure; *period "none" when not required. */
gboolean gt_life_rule_for (GtStorage *storage, const char *org_type, const char *kind,
                           char **period, int *day, GError **error);
/* Sets (or, with @period NULL, removes) the row for @org_type ("" for the default) and
 * @kind. @day 0 for none; 1–28 only with the month period. */
gboolean gt_life_schedule_set (GtStorage *storage, const char *org_type, const char *kind,
                               const char *period, int day, GError **error);

/* ---- compliance ---- */

typedef enum
{
  GT_LIFE_NONE,      /* nothing was due this month */
  GT_LIFE_DONE,      /* everything due was held */
  GT_LIFE_PENDING,   /* not yet due (the deadline is after "today") */
  GT_LIFE_OVERDUE,   /* the day it was due by has passed, the month has not */
  GT_LIFE_MISSING,   /* the period ended without the meeting */
} GtLifeStatus;

const char *gt_life_status_code (GtLifeStatus status);   /* "done", "missing"… */
const char *gt_label_life_status (GtLifeStatus status);  /* translated */

/* One requirement that falls due in a month: a kind whose period ends that month. */
typedef struct
{
  char *kind;
  char *period;
  char *deadline;      /* YYYY-MM-DD */
  GtLifeStatus status;
  gint64 meeting_id;   /* the meeting that met it, 0 when none */
} GtLifeItem;

typedef struct
{
  gint64 org_id;
  char *org_name;
  char *org_type;
  char *month;          /* YYYY-MM */
  GtLifeStatus status;  /* the worst of the items: missing > overdue > done > pending (held
                         * items count over those still to come) */
  GPtrArray *items;     /* of GtLifeItem */
  char *org_kind;       /* branch, general_branch, group */
} GtLifeCell;

void gt_life_cell_free (GtLifeCell *cell);

/* The compliance of every organisation that holds meetings (branches, general branches,
 * party groups; not archived, founded before the month ended) for each month from
 * @from_month to @to_month (YYYY-MM, at most 120 months), judged as of @today
 * (YYYY-MM-DD; NULL for the real today). Organisations in tree order, months in order.
 *
 * Rules: a kind with period P is due once per P (quarter Jan–Mar…, half Jan–Jun/Jul–Dec,
 * year), in the last month of the period, by @day of that month when set (month periods)
 * or by the month's last day. A meeting of that kind held by the organisation anywhere in
 * the period meets it. Meetings of other organisations, even of the subtree, never count. */
GPtrArray *gt_life_compliance (GtStorage *storage, const char *from_month,
                               const char *to_month, const char *today, GError **error);

/* The same, stopping with G_IO_ERROR_CANCELLED when @cancellable is cancelled (checked
 * between organisations), for a worker thread on its own connection. */
GPtrArray *gt_life_compliance_cancellable (GtStorage *storage, const char *from_month,
                                           const char *to_month, const char *today,
                                           GCancellable *cancellable, GError **error);

/* The compliance of one organisation (NULL @today: the real today). */
GPtrArray *gt_life_compliance_org (GtStorage *storage, gint64 org_id, const char *from_month,
                                   const char *to_month, const char *today, GError **error);

/* The share (0…1) of requirements due from @from_month to @to_month whose deadline has
 * passed (as of today) that were met, for @org_id alone (its subtree NOT included).
 * With nothing due, *rate is 1.0. */
gboolean gt_life_compliance_rate (GtStorage *storage, gint64 org_id, const char *from_month,
                                  const char *to_month, double *rate, GError **error);

/* The legend colour of a status ("#rrggbb"), from the settings life.colour.STATUS. */
char *gt_life_status_colour (GtStorage *storage, GtLifeStatus status);
gboolean gt_life_set_status_colour (GtStorage *storage, GtLifeStatus status,
                                    const char *colour, GError **error);

/* Month helpers: TRUE for "YYYY-MM" with a month 01–12. */
gboolean gt_month_is_valid (const char *month);
/* @month plus @delta months. */
char *gt_month_add (const char *month, int delta);
/* The month of today (local time), or of @date. */
char *gt_month_of (const char *date);

G_END_DECLS
