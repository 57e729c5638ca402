/* gt-member-model.h — a list model over the member register that reads rows on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-registers.h"

G_BEGIN_DECLS

enum
{
  GT_MEMBER_COLUMN_NAME,
  GT_MEMBER_COLUMN_GENDER,
  GT_MEMBER_COLUMN_BRANCH,
  GT_MEMBER_COLUMN_CATEGORY,
  GT_MEMBER_COLUMN_ID_NUMBER, /* masked unless revealed */
  GT_MEMBER_COLUMN_PHONE,     /* masked unless revealed */
  GT_MEMBER_COLUMN_JOINED,
  GT_MEMBER_COLUMN_HOUSEHOLDS,
  GT_MEMBER_COLUMN_ID,
  GT_MEMBER_N_COLUMNS
};

#define GT_TYPE_MEMBER_MODEL (gt_member_model_get_type ())
G_DECLARE_FINAL_TYPE (GtMemberModel, gt_member_model, GT, MEMBER_MODEL, GObject)

/* Counts the matching members at once; reads them in pages of a few hundred as the view
 * asks for rows, so 200 000 members scroll without loading them all. A text search shows
 * at most @max_text_rows. */
GtMemberModel *gt_member_model_new (GtStorage *storage, const char *text,
                                    const GtMemberFilter *filter, gboolean reveal,
                                    guint max_text_rows, GError **error);

gint64 gt_member_model_get_total (GtMemberModel *self);

G_END_DECLS
