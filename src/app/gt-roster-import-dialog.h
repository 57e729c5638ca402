/* gt-roster-import-dialog.h — importing a member roster (党员花名册) from CSV or TSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_ROSTER_IMPORT_DIALOG (gt_roster_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtRosterImportDialog, gt_roster_import_dialog, GT, ROSTER_IMPORT_DIALOG,
                      GtkDialog)

/* The file is read and checked in a worker thread on a connection of its own, and shown as
 * a preview; the import itself runs on @storage when the user confirms. The dialog closes
 * itself. */
GtRosterImportDialog *gt_roster_import_dialog_new (GtkWindow *parent, GtStorage *storage);

/* Chooses the file without the file chooser (for tests) and starts reading it. */
void gt_roster_import_dialog_set_file (GtRosterImportDialog *self, const char *path);

/* TRUE while a file is being read. */
gboolean gt_roster_import_dialog_is_busy (GtRosterImportDialog *self);

/* Opens the column-mapping dialog for the headers the last reading did not know (what the
 * "Map Columns…" button does); NULL when there are none. Saving it reads the file again. */
GtkDialog *gt_roster_import_dialog_map_columns (GtRosterImportDialog *self);

G_END_DECLS
