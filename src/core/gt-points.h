/* gt-points.h — the 学分 + 工分 ledger: entries per member per month against the rubric
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-score-rules.h"
#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 member_id;
  char *member_name;
  gint64 org_id;     /* the organisation the member belonged to in that month */
  char *org_name;
  char *month;       /* YYYY-MM */
  char *kind;        /* study or work */
  char *item_code;
  char *category;    /* basic, bonus, penalty or downgrade */
  int points;        /* signed: deductions are negative */
  char *note;
} GtPointsEntry;

void gt_points_entry_free (GtPointsEntry *entry);

/* Records one entry of rubric item @item_code (of @rules) for member @member_id in @month
 * (YYYY-MM, not after the current month, not before the member's admission). @points: the
 * size of the entry, or -1 for the item's own points; a deduction is stored negative. The
 * entry belongs to the organisation the member belonged to at the end of @month. */
gboolean gt_points_add (GtStorage *storage, const GtScoreRules *rules, gint64 member_id,
                        const char *month, const char *item_code, int points, const char *note,
                        gint64 *id, GError **error);

/* Removes an entry. */
gboolean gt_points_remove (GtStorage *storage, gint64 id, GError **error);

/* Entries, by month then member; @member_id 0 for everyone, @period NULL for all months. */
GPtrArray *gt_points_list (GtStorage *storage, gint64 member_id, const GtScorePeriod *period,
                           GError **error);

/* The organisation member @member_id belonged to on @date (YYYY-MM-DD): the latest admission
 * or transfer in on or before it. 0 (no error) when the member had not been admitted yet. */
gboolean gt_member_org_on (GtStorage *storage, gint64 member_id, const char *date,
                           gint64 *org_id, GError **error);

/* TRUE when the database has table @name (the organisational-life tables of another area
 * may be missing in an older database). */
gboolean gt_score_has_table (GtStorage *storage, const char *name);

G_END_DECLS
