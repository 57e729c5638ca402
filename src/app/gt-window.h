/* gt-window.h — the main window: header bar, sidebar of areas, content stack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-application.h"
#include "gt-storage.h"
#include "gt-task-bar.h"

G_BEGIN_DECLS

#define GT_TYPE_WINDOW (gt_window_get_type ())
G_DECLARE_FINAL_TYPE (GtWindow, gt_window, GT, WINDOW, GtkApplicationWindow)

GtWindow *gt_window_new (GtApplication *application);

/* Opens @path (creating an empty database when it does not exist and @create is set) and
 * shows it; on failure keeps what was shown and explains in the window. */
gboolean gt_window_open_database (GtWindow *self, const char *path, gboolean create);

GtStorage *gt_window_get_storage (GtWindow *self);
void gt_window_set_storage (GtWindow *self, GtStorage *storage);

/* Shows a message in the window's info bar (error style). */
void gt_window_show_error (GtWindow *self, const char *message);

/* Switches the sidebar to a page: overview, organizations, members, life, points,
 * charts, exchange… Returns FALSE for an unknown name, and for a page hidden for this
 * office's role (county, tasks). */
gboolean gt_window_show_page (GtWindow *self, const char *name);
/* Whether a page of that name exists, shown or not. */
gboolean gt_window_has_page (GtWindow *self, const char *name);

/* Remembers the window's size, maximized state and sidebar width (GSettings). */
void gt_window_save_state (GtWindow *self);

/* ux: long tasks and problems (see docs/ui.md). The window's task bar runs one worker at a
 * time with progress and Cancel. */
GtTaskBar *gt_window_get_task_bar (GtWindow *self);
/* The box under the info bar where banners go (problems, the removable-drive offer). */
GtkBox *gt_window_get_banner_box (GtWindow *self);
/* Adds an error banner: what happened, what to do next (may be NULL), and a button that
 * activates @action_name (may be NULL). Returns the banner, which closes itself. */
GtkWidget *gt_window_show_problem (GtWindow *self, const char *message, const char *next_step,
                                   const char *button_label, const char *action_name);

/* The user manual's index.html as a file URI: $GUATU_MANUAL_DIR, else the installed one;
 * NULL when there is none. */
char *gt_window_manual_uri (void);

/* Shows the welcome dialog over the window: a new database goes to @path (NULL: a free name
 * next to the default database); @create starts on the form for a new office database. */
void gt_window_show_first_run (GtWindow *self, const char *path, gboolean create);

G_END_DECLS
