/* gt-schema.h — the ordered list of schema migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int version;          /* PRAGMA user_version after this step */
  const char *summary;  /* what the step adds, for logs and error messages */
  const char *sql;      /* statements run in one transaction */
} GtMigration;

/* Migrations in ascending order; the last one's version is GT_SCHEMA_VERSION. */
const GtMigration *gt_schema_get_migrations (guint *n_migrations);

G_END_DECLS
