/* gt-dispatch-dialog.h — the county's "New task or notice…" dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_DISPATCH_DIALOG (gt_dispatch_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtDispatchDialog, gt_dispatch_dialog, GT, DISPATCH_DIALOG, GtkDialog)

/* On OK, issues the task or notice in the window's task bar (a worker thread with its own
 * connection, gt_county_issue_dispatch): one signed dispatch package per target township in
 * the chosen folder, the task recorded only if all were written; a banner says what was
 * written, or that nothing was issued. */
GtDispatchDialog *gt_dispatch_dialog_new (GtkWindow *parent, GtStorage *storage);

G_END_DECLS
