/* gt-project-status.h — a project's status (done / on track / at risk / overdue) and the
 * colour legend of the wall charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-registers.h"
#include "gt-storage.h"

G_BEGIN_DECLS

typedef enum
{
  GT_PROJECT_STATUS_DONE,
  GT_PROJECT_STATUS_ON_TRACK,
  GT_PROJECT_STATUS_AT_RISK,
  GT_PROJECT_STATUS_OVERDUE
} GtProjectStatus;

#define GT_PROJECT_N_STATUS 4

/* The status of @project on @today (YYYY-MM-DD; NULL for the local date), in this order:
 *
 * - done:     the project is closed (closed_date set), or it has milestones and every one is
 *             ticked off (销号);
 * - overdue:  its due date has passed, or the planned date of its next milestone (the first
 *             one not ticked off) has passed — "passed" means strictly before @today;
 * - at risk:  its next node falls within @at_risk_days days from @today (the next milestone,
 *             or the due date when no milestone is open), or it is behind the linear
 *             schedule: with a start and a due date, by @today it should have ticked off
 *             floor (n_milestones × elapsed / duration) milestones and has ticked off fewer;
 * - on track: everything else (also a project without any dates).
 *
 * @at_risk_days < 0 is taken as 0. */
GtProjectStatus gt_project_status_compute (const GtProject *project, const char *today,
                                           int at_risk_days);

/* ASCII codes "done", "on_track", "at_risk", "overdue". */
const char *gt_project_status_code (GtProjectStatus status);
/* Parses a code; FALSE for an unknown one. */
gboolean gt_project_status_from_code (const char *code, GtProjectStatus *status);
/* Translated labels: 已完成, 正常推进, 有风险, 已逾期. */
const char *gt_project_status_label (GtProjectStatus status);

/* One line of the legend: the colour a status is drawn in and what the colour means, as
 * printed on the chart (counties differ, so both are settings). */
typedef struct
{
  GtProjectStatus status;
  double r, g, b; /* 0 … 1 */
  char *meaning;
} GtLegendEntry;

void gt_legend_entry_free (GtLegendEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtLegendEntry, gt_legend_entry_free)

/* The legend from the meta table (keys chart.legend.CODE.color as #RRGGBB and
 * chart.legend.CODE.meaning), one entry per status in enum order; unset keys give the
 * defaults: red = overdue, yellow = at risk, blue = on track, green = done. */
GPtrArray *gt_project_legend_load (GtStorage *storage, GError **error);
/* Stores every entry of @legend (each status at most once); refuses colours outside 0 … 1
 * and empty meanings without changing anything. */
gboolean gt_project_legend_save (GtStorage *storage, GPtrArray *legend, GError **error);
/* The default legend (translated meanings). */
GPtrArray *gt_project_legend_default (void);
/* The entry for @status in @legend, NULL when missing. */
const GtLegendEntry *gt_project_legend_lookup (GPtrArray *legend, GtProjectStatus status);

/* Parses "#RRGGBB" (or "RRGGBB"); FALSE for anything else. */
gboolean gt_colour_parse (const char *text, double *r, double *g, double *b);
/* "#RRGGBB" for a colour. */
char *gt_colour_format (double r, double g, double b);

/* The at-risk window in days (meta key chart.at_risk_days, default 14). */
int gt_project_at_risk_days (GtStorage *storage);
gboolean gt_project_set_at_risk_days (GtStorage *storage, int days, GError **error);

G_END_DECLS
