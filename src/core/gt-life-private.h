/* gt-life-private.h — what gt-life.c, gt-life-compliance.c and gt-dues.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 parent_id;
  char *name;
  char *kind;
  char *org_type;
  char *founded;
  gboolean archived;
} GtLifeOrgInfo;

void gt_life_org_info_clear (GtLifeOrgInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GtLifeOrgInfo, gt_life_org_info_clear)

/* Reads an organisation, or refuses one that does not exist. */
gboolean gt_life_org_info (GtStorage *storage, gint64 org_id, GtLifeOrgInfo *info,
                           GError **error);

/* TRUE when an organisation of @org_kind holds meetings of @meeting_kind: party groups hold
 * 党小组会 only; branches, general branches and committees hold every other kind. */
gboolean gt_life_org_holds (const char *org_kind, const char *meeting_kind);

gboolean gt_life_kind_is_valid (const char *kind);

/* The months of a schedule period ("month" 1, "quarter" 3, "half" 6, "year" 12), 0 for "none"
 * or an unknown period. */
int gt_life_period_months (const char *period);

G_END_DECLS
