/* gt-project.h — the 挂图作战 project library: projects, milestones (时间节点) and their
 * tick-off (销号), supervision (挂牌督战), numbering (挂号) and monthly snapshots (baselines)
 *
 * Every change runs in one transaction and is announced as changed::projects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-project-status.h"
#include "gt-registers.h"
#include "gt-storage.h"

G_BEGIN_DECLS

/* ---- settings (meta table) ---- */

/* The numbering scheme: YYYY (year), YY, MM (month) of the project's time node (its start
 * date), a run of N (the running number, zero-padded to as many digits), anything else
 * literal. The running number counts on within the time node's year when the scheme has a
 * year, else over all projects. Default "YYYY-MM-NNN" (2026-07-017). */
#define GT_PROJECT_NUMBER_SCHEME_KEY "project.number_scheme"
#define GT_PROJECT_NUMBER_SCHEME_DEFAULT "YYYY-MM-NNN"
/* Consecutive lagging supervision checks that raise the accountability flag (问责). */
#define GT_PROJECT_ACCOUNTABILITY_KEY "project.accountability_checks"
#define GT_PROJECT_ACCOUNTABILITY_DEFAULT 3

char *gt_project_number_scheme (GtStorage *storage);
/* Refuses a scheme without a run of N (the number would not be unique). */
gboolean gt_project_set_number_scheme (GtStorage *storage, const char *scheme, GError **error);
int gt_project_accountability_checks (GtStorage *storage);
/* 1 … 12 */
gboolean gt_project_set_accountability_checks (GtStorage *storage, int checks, GError **error);

/* The number @scheme gives the @seq-th project of the time node @date (YYYY-MM-DD). */
char *gt_project_number_format (const char *scheme, const char *date, gint64 seq);
/* Reads @number back: its year (0 when the scheme has none) and running number; FALSE when
 * @number was not made by @scheme. */
gboolean gt_project_number_parse (const char *scheme, const char *number, int *year,
                                  gint64 *seq);

/* ---- kinds (configurable list) ---- */

typedef struct
{
  char *code;
  char *label;  /* translated built-in label, or the stored one */
  int sort_order;
} GtProjectKind;

void gt_project_kind_free (GtProjectKind *kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtProjectKind, gt_project_kind_free)

/* The kinds in their order. */
GPtrArray *gt_project_kind_list (GtStorage *storage, GError **error);
/* Adds a kind (@code: lower-case ASCII letters, digits and _; @label required). */
gboolean gt_project_kind_add (GtStorage *storage, const char *code, const char *label,
                              GError **error);
/* Removes a kind no project uses. */
gboolean gt_project_kind_remove (GtStorage *storage, const char *code, GError **error);
/* The label of @code from the list (the built-in label for the defaults). */
char *gt_project_kind_label (GtStorage *storage, const char *code);

/* ---- projects ---- */

typedef struct
{
  const char *name;
  const char *kind;        /* a code of project_kinds */
  const char *level;       /* county, township, village */
  gint64 org_id;           /* owning organisation; 0 to keep (required when adding) */
  const char *village;     /* name of a village; "" for none; NULL to keep */
  const char *leader;      /* 挂帅: the leading official, required */
  const char *cadre;       /* 责任人: the responsible cadre, required */
  const char *start_date;  /* YYYY-MM-DD: the time node the number is given by */
  const char *due_date;
  gint64 budget_fen;       /* ≥ 0; -1 to keep (add: -1 means 0) */
  const char *description;
} GtProjectSpec;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 seq;
  char *name;
  char *planned_date;
  char *done_date;         /* NULL while open */
  char *done_by;
  gint64 n_reopened;       /* how often it was un-ticked */
} GtMilestone;

typedef struct
{
  gint64 id;
  char *uuid;
  char *checked_on;
  char *finding;
  char *deadline;          /* 限时督办, NULL for none */
  char *circular;          /* 通报 text */
  gboolean lagging;
  char *inspector;
} GtSupervision;

typedef struct
{
  gint64 id;
  char *milestone_name;
  char *done_date;
  char *done_by;
  char *reopened_on;
  char *reopened_by;
  char *reason;
} GtReopening;

typedef struct
{
  GtProject base;          /* what gt_project_status_compute reads; base.id is the project's id */
  char *uuid;
  char *level;
  gint64 org_id;
  char *org_name;
  char *village;           /* NULL for none */
  gint64 budget_fen;
  char *description;
  gint64 rev;
  GtProjectStatus status;  /* on the date it was read for */
  gint64 n_lagging;        /* consecutive lagging checks, counted back from the latest */
  gint64 n_checks;         /* supervision records */
  gboolean accountable;    /* n_lagging reached the accountability rule */
  GPtrArray *milestones;   /* of GtMilestone by seq; only from gt_project_lookup */
  GPtrArray *supervisions; /* of GtSupervision, newest first; only from gt_project_lookup */
  GPtrArray *reopenings;   /* of GtReopening, newest first; only from gt_project_lookup */
} GtProjectInfo;

void gt_project_info_free (GtProjectInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtProjectInfo, gt_project_info_free)

/* Adds a project and gives it the next number of its time node (the start date, today when
 * there is none). Refuses, naming the field: an empty name, leader (挂帅) or cadre (责任人), an
 * unknown kind, level, organisation or village, a bad date, a due date before the start,
 * a negative budget. */
gboolean gt_project_add (GtStorage *storage, const GtProjectSpec *spec, gint64 *id,
                         char **number, GError **error);
/* Changes the fields of @spec that are set (see GtProjectSpec). The number stays. */
gboolean gt_project_update (GtStorage *storage, gint64 id, const GtProjectSpec *spec,
                            GError **error);
/* Removes a project with its milestones and supervision records. */
gboolean gt_project_remove (GtStorage *storage, gint64 id, GError **error);

/* A project by id or by number ("2026-07-017" or "17"); refuses an unknown one. */
gboolean gt_project_resolve (GtStorage *storage, const char *text, gint64 *id, GError **error);

typedef struct
{
  const char *kind;        /* NULL for all */
  const char *level;
  gint64 org_id;           /* 0 for all */
  int status;              /* a GtProjectStatus, or -1 for all */
  const char *text;        /* part of the number, name, leader or cadre; NULL for all */
} GtProjectFilter;

/* Projects by number with their status on @today (NULL: today). */
GPtrArray *gt_project_query (GtStorage *storage, const GtProjectFilter *filter,
                             const char *today, GError **error);
/* One project with milestones, supervision records and reopenings. */
GtProjectInfo *gt_project_lookup (GtStorage *storage, gint64 id, const char *today,
                                  GError **error);

/* ---- milestones: 销号 ---- */

/* Adds a milestone at the end; reopens a closed project (it has an open node again). */
gboolean gt_milestone_add (GtStorage *storage, gint64 project_id, const char *name,
                           const char *planned_date, gint64 *id, GError **error);
/* Changes the name and/or planned date (NULL keeps). */
gboolean gt_milestone_update (GtStorage *storage, gint64 milestone_id, const char *name,
                              const char *planned_date, GError **error);
/* The @seq-th milestone of the project. */
gboolean gt_milestone_find (GtStorage *storage, gint64 project_id, gint64 seq, gint64 *id,
                            GError **error);
/* Ticks a milestone off (销号) on @date (NULL: today; not in the future) by @who (required).
 * Ticking off the last open milestone closes the project on the latest tick-off date;
 * @closed tells whether it did. */
gboolean gt_milestone_tick (GtStorage *storage, gint64 milestone_id, const char *date,
                            const char *who, gboolean *closed, GError **error);
/* Undoes a tick-off; the @reason (required) is kept with the tick it undid. Reopens a
 * closed project. */
gboolean gt_milestone_untick (GtStorage *storage, gint64 milestone_id, const char *reason,
                              const char *who, GError **error);

/* ---- supervision: 挂牌督战 ---- */

typedef struct
{
  const char *checked_on;  /* NULL: today */
  const char *finding;     /* required */
  const char *deadline;    /* 限时督办; NULL or "" for none; not before checked_on */
  const char *circular;
  gboolean lagging;
  const char *inspector;
} GtSupervisionSpec;

gboolean gt_supervision_add (GtStorage *storage, gint64 project_id,
                             const GtSupervisionSpec *spec, gint64 *id, GError **error);
gboolean gt_supervision_remove (GtStorage *storage, gint64 supervision_id, GError **error);

/* ---- snapshots (baselines) and the difference since the last one ---- */

typedef struct
{
  gint64 id;
  char *uuid;
  char *taken_on;
  char *note;
  gint64 n_projects;
} GtProjectSnapshot;

void gt_project_snapshot_free (GtProjectSnapshot *snapshot);

/* Freezes every project and milestone, with the status each had on @taken_on (NULL: today). */
gboolean gt_project_snapshot_take (GtStorage *storage, const char *taken_on, const char *note,
                                   gint64 *id, GError **error);
/* Newest first. */
GPtrArray *gt_project_snapshot_list (GtStorage *storage, GError **error);

typedef struct
{
  gint64 project_id;       /* 0 when the project was removed since */
  char *number;
  char *name;
  char *kind;
  char *detail;            /* the milestone ticked off; the due date; … */
  char *date;              /* tick-off date, due date, start date */
  char *who;               /* who ticked it off */
} GtProjectChange;

typedef struct
{
  gint64 snapshot_id;
  char *taken_on;
  char *today;
  GPtrArray *ticked;        /* milestones ticked off since (open or absent then, done now) */
  GPtrArray *newly_overdue; /* projects of the snapshot not overdue then, overdue now */
  GPtrArray *new_projects;  /* projects not in the snapshot */
  GPtrArray *closed;        /* projects of the snapshot open then, done now */
} GtProjectDiff;

void gt_project_diff_free (GtProjectDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtProjectDiff, gt_project_diff_free)

/* What changed between the snapshot @snapshot_id (0: the latest) and the library on @today
 * (NULL: today). Refuses when there is no snapshot. */
GtProjectDiff *gt_project_diff (GtStorage *storage, gint64 snapshot_id, const char *today,
                                GError **error);

G_END_DECLS
