/* gt-member-model.h — the member register as a list model that reads rows on demand
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

/* Counts the matching members at once (a text search stops counting past @max_text_rows
 * and shows at most that many) and reads them in pages as the view asks for rows, so
 * 200 000 members scroll without loading them all. Sets @total to the count. */
GtkTreeModel *gt_member_model_new (GtStorage *storage, const char *text,
                                   const GtMemberFilter *filter, gboolean reveal,
                                   guint max_text_rows, gint64 *total, GError **error);

G_END_DECLS
