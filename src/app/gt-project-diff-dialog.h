/* gt-project-diff-dialog.h — what changed in the project library since the last snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

/* A dialog listing the milestones ticked off, projects newly overdue, new projects and
 * projects closed since the latest snapshot; NULL with @error when there is no snapshot. */
GtkWidget *gt_project_diff_dialog_new (GtkWindow *parent, GtStorage *storage, GError **error);

G_END_DECLS
