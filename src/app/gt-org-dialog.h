/* gt-org-dialog.h — adding an organisation and changing one (rename, kind, type, move)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

typedef enum
{
  GT_ORG_DIALOG_ADD,
  GT_ORG_DIALOG_RENAME,
  GT_ORG_DIALOG_SET_KIND,
  GT_ORG_DIALOG_MOVE,
  GT_ORG_DIALOG_SET_TYPE,
} GtOrgDialogMode;

#define GT_TYPE_ORG_DIALOG (gt_org_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtOrgDialog, gt_org_dialog, GT, ORG_DIALOG, GtkDialog)

/* @org_id: the organisation to change, or for ADD the suggested parent (0 for none).
 * The dialog applies the change itself when the user saves, and stays open with the
 * reason when the change is refused. */
GtOrgDialog *gt_org_dialog_new (GtkWindow *parent, GtStorage *storage, GtOrgDialogMode mode,
                                gint64 org_id);

G_END_DECLS
