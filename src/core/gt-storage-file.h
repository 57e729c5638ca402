/* gt-storage-file.h — the database file outside SQLite (gt-storage.c's helpers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "gt-storage.h"

G_BEGIN_DECLS

/* Counts a connection to the file @st of @path, checking first that it is an SQLite file
 * when @check_header and no connection of this process has it open. Returns the file's key
 * for gt_storage_file_release(), or NULL. */
char *gt_storage_file_acquire (const char *path, const GStatBuf *st, gboolean check_header,
                               GError **error);
void gt_storage_file_release (const char *key);
/* Creates a new, empty file (and its folder) readable by its owner only. */
gboolean gt_storage_file_create (const char *path, GError **error);

G_END_DECLS
