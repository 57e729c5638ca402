/* gt-window.h — the main window: header bar, sidebar of areas, content stack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-application.h"
#include "gt-storage.h"

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
 * charts, exchange. Returns FALSE for an unknown name. */
gboolean gt_window_show_page (GtWindow *self, const char *name);

/* Shows the welcome dialog over the window: a new database goes to @path (NULL: a free name
 * next to the default database); @create starts on the form for a new office database. */
void gt_window_show_first_run (GtWindow *self, const char *path, gboolean create);

G_END_DECLS
