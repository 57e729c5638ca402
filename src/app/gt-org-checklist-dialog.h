/* gt-org-checklist-dialog.h — an organisation's site-standard checklist (e.g. 五有)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_ORG_CHECKLIST_DIALOG (gt_org_checklist_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtOrgChecklistDialog, gt_org_checklist_dialog, GT, ORG_CHECKLIST_DIALOG,
                      GtkDialog)

/* One check button per checklist item of @org_id, with the date it was ticked. Ticking or
 * unticking saves at once; a refusal is shown in the dialog and the button goes back. */
GtOrgChecklistDialog *gt_org_checklist_dialog_new (GtkWindow *parent, GtStorage *storage,
                                                   gint64 org_id);

G_END_DECLS
