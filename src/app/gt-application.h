/* gt-application.h — Guatu's GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GT_TYPE_APPLICATION (gt_application_get_type ())
G_DECLARE_FINAL_TYPE (GtApplication, gt_application, GT, APPLICATION, GtkApplication)

GtApplication *gt_application_new (void);

/* The application's settings, or NULL when the schema is not installed (then nothing
 * is remembered between runs). */
GSettings *gt_application_get_settings (GtApplication *self);

/* Remembers @path as the newest recent database. */
void gt_application_add_recent (GtApplication *self, const char *path);

G_END_DECLS
