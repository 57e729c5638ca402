/* gt-storage-private.h — entry points for tests and for opening
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* Opens (creating when missing) and migrates only up to @version, so tests can build
 * databases as every earlier Guatu release left them. */
GtStorage *gt_storage_open_at_version (const char *path, int version, GError **error);

/* Upgrades the schema from *@version to @target (gt-storage-migrate.c). */
gboolean gt_storage_migrate (GtStorage *self, int *version, int target, GError **error);

G_END_DECLS
