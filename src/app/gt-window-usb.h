/* gt-window-usb.h — removable drives and dropped files: the offer to import the packages on a
 * drive or export the monthly report to it, and package files dropped onto the window
 *
 * The window only offers what the data-exchange area provides, through window actions:
 *   win.exchange-import-from (s: the drive's folder)   import the packages found there
 *   win.exchange-export-to   (s: the drive's folder)   write the monthly report there
 *   win.exchange-import-files (as: file paths)         import these package files
 * A button whose action is not registered is not shown; a drop is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-window.h"

G_BEGIN_DECLS

/* Watches the volume monitor and accepts drops; called once by the window. */
void gt_window_usb_init (GtWindow *self);

/* Offers the drive mounted at @root (named @name for people) in a bar above the pages,
 * replacing an earlier offer for the same folder. Returns the bar, or NULL when neither
 * exchange action is registered (then nothing is shown). */
GtkWidget *gt_window_offer_drive (GtWindow *self, const char *root, const char *name);

/* Removes the offer for @root, if any (the drive was unplugged). */
void gt_window_withdraw_drive (GtWindow *self, const char *root);

/* Handles files dropped onto the window: activates win.exchange-import-files with the
 * ".xml" ones. Returns FALSE, with a banner saying why when there is something to say, when
 * nothing was imported. */
gboolean gt_window_drop_files (GtWindow *self, const char *const *paths);

/* Whether @mount is a drive the user can take out (a USB stick, a card). */
gboolean gt_mount_is_removable (GMount *mount);
/* The removable drives mounted now (GVolumeMonitor), as pairs: even items are the folder,
 * odd items the drive's name. */
GPtrArray *gt_removable_drives (void);

G_END_DECLS
