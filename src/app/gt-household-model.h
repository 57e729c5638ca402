/* gt-household-model.h — a list model over the household register that reads rows on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-household.h"

G_BEGIN_DECLS

enum
{
  GT_HOUSEHOLD_COLUMN_HEAD,
  GT_HOUSEHOLD_COLUMN_VILLAGE,
  GT_HOUSEHOLD_COLUMN_GRID,
  GT_HOUSEHOLD_COLUMN_ADDRESS,
  GT_HOUSEHOLD_COLUMN_SIZE,
  GT_HOUSEHOLD_COLUMN_LINKS,
  GT_HOUSEHOLD_COLUMN_LAST_VISIT, /* "never" when never visited */
  GT_HOUSEHOLD_COLUMN_ID,
  GT_HOUSEHOLD_N_COLUMNS
};

#define GT_TYPE_HOUSEHOLD_MODEL (gt_household_model_get_type ())
G_DECLARE_FINAL_TYPE (GtHouseholdModel, gt_household_model, GT, HOUSEHOLD_MODEL, GObject)

/* Counts the matching households at once; reads them in pages of a few hundred as the view
 * asks for rows, so a county's households scroll without loading them all. */
GtHouseholdModel *gt_household_model_new (GtStorage *storage, const GtHouseholdFilter *filter,
                                          GError **error);

gint64 gt_household_model_get_total (GtHouseholdModel *self);

G_END_DECLS
