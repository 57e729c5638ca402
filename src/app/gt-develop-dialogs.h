/* gt-develop-dialogs.h — adding a person to the pipeline and issuing a letter out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

/* Adds an applicant (step 1) to branch @org_id (0: the user picks); a refusal stays in the
 * dialog. */
GtkWidget *gt_develop_applicant_dialog_new (GtkWindow *parent, GtStorage *storage,
                                            gint64 org_id);
/* Issues a transfer letter out (the member is transferred out). */
GtkWidget *gt_develop_transfer_dialog_new (GtkWindow *parent, GtStorage *storage);

G_END_DECLS
