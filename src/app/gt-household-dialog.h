/* gt-household-dialog.h — one household (一户一档): its file, linked members and visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_HOUSEHOLD_DIALOG (gt_household_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtHouseholdDialog, gt_household_dialog, GT, HOUSEHOLD_DIALOG, GtkDialog)

/* @household_id: the household to edit, or 0 to add one. Saving applies the change itself
 * and the dialog stays open with the reason when it is refused. Linking, unlinking and
 * recording a visit take effect at once (only when editing an existing household). */
GtHouseholdDialog *gt_household_dialog_new (GtkWindow *parent, GtStorage *storage,
                                            gint64 household_id);

G_END_DECLS
