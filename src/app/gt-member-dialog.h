/* gt-member-dialog.h — one member: record, history, and recording life-cycle events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_MEMBER_DIALOG (gt_member_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtMemberDialog, gt_member_dialog, GT, MEMBER_DIALOG, GtkDialog)

GtMemberDialog *gt_member_dialog_new (GtkWindow *parent, GtStorage *storage, gint64 member_id);

/* Writes the member's 连心卡 (heart-link card) as PDF; on failure shows why and returns
 * FALSE. The "Heart-Link Card…" button asks for @path first. */
gboolean gt_member_dialog_write_card (GtMemberDialog *self, const char *path);

G_END_DECLS
