/* gui-test.h — what the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-application.h"
#include "gt-storage.h"

G_BEGIN_DECLS

/* Where screenshots go: _build/screenshots/C or …/zh_CN. */
extern char *shot_dir;

/* Locale, translations (GUATU_LOCALEDIR), gtk_test_init and the screenshot folder. */
void gui_test_init (int *argc, char ***argv);

/* A new folder (*@dir) holding a demo township database called @name; returns its path. */
char *gui_test_demo_db (const char *name, char **dir);
void gui_test_remove_dir (const char *dir);

/* Runs the application on @db_path and calls @drive (with the application) once its window
 * is up; @drive quits the application when done. @data is on the application as
 * "test-data". */
void gui_test_run_app (const char *db_path, GSourceFunc drive, gpointer data);
/* The same with @more_args (NULL-terminated) after "--db @db_path" on the command line. */
void gui_test_run_app_with (const char *db_path, const char *const *more_args,
                            GSourceFunc drive, gpointer data);

/* Runs the main loop for a moment, so the frame clock lays out and paints. */
void pump (void);
GtkWidget *find_widget (GtkWidget *root, GType type, const char *name);
int count_rows (GtkTreeModel *model, GtkTreeIter *parent);
GtkTreeModel *page_model (GtkStack *stack, const char *page);
/* Saves what the X server shows of the window as PNG, and checks it is not blank. */
void screenshot (GtkWidget *window, const char *name);
/* The visible toplevel window of GType name @type_name, or NULL. */
GtkWidget *shown_dialog (const char *type_name);
/* The visible toplevel of that type; fails the test when there is none. */
GtkWidget *find_dialog (const char *type_name);
const char *label_text (GtkWidget *dialog, const char *name);
/* The integer @sql selects; fails the test when it cannot be read. */
gint64 gui_test_scalar (GtStorage *storage, const char *sql);
/* The standard output of @command (guatu-cli …); fails the test unless it exits 0. */
char *gui_test_run (const char *command);

G_END_DECLS
