/* gt-roster-export-dialog.h — exporting the member roster as CSV or Excel workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_ROSTER_EXPORT_DIALOG (gt_roster_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtRosterExportDialog, gt_roster_export_dialog, GT, ROSTER_EXPORT_DIALOG,
                      GtkDialog)

typedef enum
{
  GT_ROSTER_FORMAT_CSV,
  GT_ROSTER_FORMAT_XLSX,
} GtRosterFormat;

/* The user picks the organisation, the format and masking, then the file; the export runs
 * in a worker thread on a connection of its own and the dialog reports how it went. */
GtRosterExportDialog *gt_roster_export_dialog_new (GtkWindow *parent, GtStorage *storage);

/* Sets the format as the user would (for tests). */
void gt_roster_export_dialog_set_format (GtRosterExportDialog *self, GtRosterFormat format);

/* Exports to @path with the dialog's choices, without the file chooser (for tests). */
void gt_roster_export_dialog_export_to (GtRosterExportDialog *self, const char *path);

/* TRUE while an export is running. */
gboolean gt_roster_export_dialog_is_busy (GtRosterExportDialog *self);

G_END_DECLS
