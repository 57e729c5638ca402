/* gt-storage-holder.h — who has a database open (see gt-storage-holder.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DB.holder-PID */
char *gt_storage_holder_path (const char *db_path, gint64 pid);
/* Writes this process's holder file; returns its path, or NULL when it could not be written. */
char *gt_storage_holder_write (const char *db_path, const char *operator_name,
                               const char *program);
/* "张三 with guatu (process 1234 on office-pc, since 2026-12-01 09:30)" for every other
 * holder whose process runs, "; "-separated; NULL when there is none. */
char *gt_storage_holder_describe (const char *db_path);
void gt_storage_holder_remove (const char *holder_path);

G_END_DECLS
