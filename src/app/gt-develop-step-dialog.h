/* gt-develop-step-dialog.h — recording one step of the development pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

/* A dialog for the next step (or a repeat) of applicant @applicant_id. OK records it and
 * closes the dialog; a refusal is shown in the dialog, which stays open. */
GtkWidget *gt_develop_step_dialog_new (GtkWindow *parent, GtStorage *storage,
                                       gint64 applicant_id);

G_END_DECLS
