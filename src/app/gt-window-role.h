/* gt-window-role.h — what a county's database says on the townships' pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-window.h"

G_BEGIN_DECLS

/* Shows or removes the banner of a county's database on the page named @page (NULL: none
 * shown). Called when the page shown or the database changes. */
void gt_window_role_update (GtWindow *self, const char *page);

/* The banner shown now, or NULL; for tests. */
GtkWidget *gt_window_role_get_banner (GtWindow *self);

G_END_DECLS
