/* gt-roster-mapping-dialog.h — saying what unknown roster columns hold, remembered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_ROSTER_MAPPING_DIALOG (gt_roster_mapping_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtRosterMappingDialog, gt_roster_mapping_dialog, GT,
                      ROSTER_MAPPING_DIALOG, GtkDialog)

/* One row per header in @headers (strings), each with a choice of fields. */
GtRosterMappingDialog *gt_roster_mapping_dialog_new (GtkWindow *parent, GtStorage *storage,
                                                     GPtrArray *headers);

/* Remembers the chosen fields in the database; FALSE (with the reason shown) when one
 * cannot be. */
gboolean gt_roster_mapping_dialog_save (GtRosterMappingDialog *self);

/* Chooses @field for the row of @header (for tests and keyboard-free use). */
gboolean gt_roster_mapping_dialog_set (GtRosterMappingDialog *self, const char *header,
                                       const char *field);

G_END_DECLS
