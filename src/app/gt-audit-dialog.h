/* gt-audit-dialog.h — the audit log: who changed what, and when; exported as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_AUDIT_DIALOG (gt_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtAuditDialog, gt_audit_dialog, GT, AUDIT_DIALOG, GtkDialog)

GtAuditDialog *gt_audit_dialog_new (GtkWindow *parent, GtStorage *storage);

/* For tests: the rows shown, and writing the shown entries to @path. */
guint gt_audit_dialog_get_n_rows (GtAuditDialog *self);
void gt_audit_dialog_set_search (GtAuditDialog *self, const char *text);
gboolean gt_audit_dialog_export (GtAuditDialog *self, const char *path, GError **error);

G_END_DECLS
