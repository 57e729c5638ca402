/* gt-meeting-dialog.h — one meeting of organisational life, with attendance and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_MEETING_DIALOG (gt_meeting_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtMeetingDialog, gt_meeting_dialog, GT, MEETING_DIALOG, GtkDialog)

/* @meeting_id: the meeting to edit, or 0 to record one (for @org_id when > 0). Saving
 * writes the change itself; a refusal keeps the dialog open with the reason. */
GtMeetingDialog *gt_meeting_dialog_new (GtkWindow *parent, GtStorage *storage,
                                        gint64 meeting_id, gint64 org_id);
/* The meeting recorded or edited (0 before the first save). */
gint64 gt_meeting_dialog_get_meeting_id (GtMeetingDialog *self);

G_END_DECLS
