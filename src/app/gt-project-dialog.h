/* gt-project-dialog.h — one project of the 挂图作战 library: fields, milestones (销号),
 * supervision (督查)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_PROJECT_DIALOG (gt_project_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtProjectDialog, gt_project_dialog, GT, PROJECT_DIALOG, GtkDialog)

/* @project_id: the project to edit, or 0 to add one. Saving applies the change itself and
 * the dialog stays open with the reason when it is refused; after adding, it stays open on
 * the new project's milestones. Milestones, tick-offs and checks take effect at once. */
GtProjectDialog *gt_project_dialog_new (GtkWindow *parent, GtStorage *storage,
                                        gint64 project_id);
/* The project shown: 0 until a new one is saved. */
gint64 gt_project_dialog_get_project_id (GtProjectDialog *self);
/* Removes the project shown without asking (the button asks first) and closes. */
gboolean gt_project_dialog_remove (GtProjectDialog *self, GError **error);

G_END_DECLS
