/* gt-county-private.h — the county roll-up's parts in other files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-county.h"

G_BEGIN_DECLS

/* Fills @township's organisational-life, dues and star fields from the records it sent
 * (gt-county-activity.c) for @period, or for its last reported period when NULL. */
gboolean gt_county_add_activity (GtStorage *storage, GtCountyTownship *township,
                                 const char *period, GError **error);

/* Month indexes (year × 12 + month − 1) of a period "YYYY", "YYYY-Qn" or "YYYY-MM"; FALSE
 * for anything else (and NULL). */
gboolean gt_county_period_months (const char *period, int *first, int *last);

/* gt_county_add_task without the "changed" signal: for a caller whose transaction may still
 * be rolled back (gt_county_issue_dispatch). */
gboolean gt_county_insert_task (GtStorage *storage, const char *kind, const char *title,
                                const char *body, const char *due_date, const char *target,
                                char **uuid, GError **error);

G_END_DECLS
