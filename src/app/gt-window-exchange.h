/* gt-window-exchange.h — the window's exchange actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-window.h"

G_BEGIN_DECLS

/* Adds win.exchange-export, win.exchange-export-to (s: a folder), win.exchange-import,
 * win.exchange-import-from (s: a folder) and win.exchange-import-files (as: paths) to
 * @window's action table. gt-window-usb.c activates the last three for removable drives
 * and dropped files. */
void gt_window_exchange_init (GtWindow *window);

G_END_DECLS
