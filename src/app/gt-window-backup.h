/* gt-window-backup.h — the window's win.backup and win.restore actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-window.h"

G_BEGIN_DECLS

/* GActionEntry callbacks of win.backup ("Back Up Database…", a file chooser) and
 * win.restore ("Restore from Backup…", a file chooser and a confirmation); @user_data is
 * the GtWindow. */
void gt_window_backup_activated (GSimpleAction *action, GVariant *parameter,
                                 gpointer user_data);
void gt_window_restore_activated (GSimpleAction *action, GVariant *parameter,
                                  gpointer user_data);

/* Writes a backup of the window's database to @path in a worker thread, on a connection
 * of its own; win.backup runs this after its file chooser (tests call it directly). */
void gt_window_backup_async (GtWindow *window, const char *path, GAsyncReadyCallback callback,
                             gpointer user_data);
gboolean gt_window_backup_finish (GtWindow *window, GAsyncResult *result, GError **error);

/* Closes the window's database, restores @backup_path over it in a worker thread and opens
 * it again; problems go to the window's info bar. */
void gt_window_restore (GtWindow *window, const char *backup_path);

G_END_DECLS
