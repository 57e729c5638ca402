/* gt-shortcuts.h — the keyboard shortcuts window (Ctrl+?)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Builds the shortcuts window from the actions' own accelerators, so the window can never
 * disagree with the keys that work. */
GtkShortcutsWindow *gt_shortcuts_window_new (void);

G_END_DECLS
