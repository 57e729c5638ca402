/* gt-backup-private.h — helpers gt-backup.c shares with gt-backup-restore.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* The storage error code that fits errno @saved. */
GtStorageError gt_backup_code_from_errno (int saved);

/* "FILE: DOING: strerror" with @code. */
void gt_backup_set_file_error (GError **error, int saved, GtStorageError code,
                               const char *display, const char *doing);

/* Checks @path, a file of its own (nobody writes to it), naming @display in messages. */
gboolean gt_backup_verify_file (const char *path, const char *display, gboolean quick,
                                int *version, GError **error);

/* A new temporary file, readable by its owner only, beside @path: ".NAME.XXXXXX". */
char *gt_backup_make_temp_beside (const char *path, const char *display, int *fd_out,
                                  GError **error);

/* Syncs @tmp, renames it to @dest and syncs the folder; removes @tmp on failure. */
gboolean gt_backup_install_file (const char *tmp, const char *dest, const char *display,
                                 GError **error);

/* Whether @a and @b are the same file. */
gboolean gt_backup_same_file (const char *a, const char *b);

G_END_DECLS
