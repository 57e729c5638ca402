/* gt-first-run-dialog.h — the welcome dialog: set up an office database, open the demo,
 * open an existing or recent database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-window.h"

G_BEGIN_DECLS

#define GT_TYPE_FIRST_RUN_DIALOG (gt_first_run_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtFirstRunDialog, gt_first_run_dialog, GT, FIRST_RUN_DIALOG, GtkDialog)

/* A dialog over @window; a new database goes to @path (changeable in the dialog), the demo
 * next to it as demo.db. With @create it starts on the form for a new office database.
 * Whatever is opened is opened in @window, and the dialog closes itself. */
GtFirstRunDialog *gt_first_run_dialog_new (GtWindow *window, const char *path, gboolean create);

/* The file the demo is written to for a new database at @path. */
char *gt_first_run_demo_path (const char *path);

G_END_DECLS
