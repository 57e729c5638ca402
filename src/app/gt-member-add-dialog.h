/* gt-member-add-dialog.h — entering a new member, checked as it is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_MEMBER_ADD_DIALOG (gt_member_add_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtMemberAddDialog, gt_member_add_dialog, GT, MEMBER_ADD_DIALOG, GtkDialog)

/* Saves with gt_member_add(); a refused entry keeps the dialog open with the reason. */
GtMemberAddDialog *gt_member_add_dialog_new (GtkWindow *parent, GtStorage *storage);
GtMemberAddDialog *gt_member_add_dialog_new_edit (GtkWindow *parent, GtStorage *storage,
                                                  gint64 member_id);

G_END_DECLS
