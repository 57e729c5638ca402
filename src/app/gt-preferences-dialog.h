/* gt-preferences-dialog.h — preferences: office identity, wall chart paper, personal data,
 * automatic backups, and the way to the rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_PREFERENCES_DIALOG (gt_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtPreferencesDialog, gt_preferences_dialog, GT, PREFERENCES_DIALOG,
                      GtkDialog)

/* @storage may be NULL (no database open): the office and backup settings, which are kept in
 * the database, are then insensitive. */
GtPreferencesDialog *gt_preferences_dialog_new (GtkWindow *parent, GtStorage *storage);

G_END_DECLS
