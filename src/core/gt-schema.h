/* gt-schema.h — the ordered list of schema migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  int version;          /* PRAGMA user_version after this step */
  const char *summary;  /* what the step adds, for logs and error messages */
  const char *sql;      /* statements run in one transaction */
  /* then, in the same transaction, what SQL alone cannot do (NULL for most steps) */
  gboolean (*run) (GtStorage *storage, GError **error);
} GtMigration;

/* Migrations in ascending order; the last one's version is GT_SCHEMA_VERSION. */
const GtMigration *gt_schema_get_migrations (guint *n_migrations);

/* Statements that switch the member search indexes to bulk filling for a large import, and
 * back: run begin, insert the members, then end with :since bound to the largest member id
 * before the import. Both inside the importing transaction. */
const char *gt_schema_search_bulk_begin (void);
const char *gt_schema_search_bulk_end (void);

/* The text the search index holds for a member's organisation @o (an alias of
 * organizations): its name, led by its branch's name for a 党小组, so that a branch's name
 * finds the members of its groups too (schema step 15). */
#define GT_SCHEMA_ORG_TEXT(o) \
  "(CASE WHEN " o ".kind = 'group' THEN coalesce ((SELECT name FROM organizations" \
  " WHERE id = " o ".parent_id), '') || ' ' || " o ".name ELSE " o ".name END)"

/* The name of organisation @o as lists show it: a 党小组 led by its branch's name
 * ("青石村党支部 · 第一党小组"), since several branches have a 第一党小组. */
#define GT_SCHEMA_ORG_LABEL(o) \
  "(CASE WHEN " o ".kind = 'group' THEN coalesce ((SELECT name || ' · ' FROM organizations" \
  " WHERE id = " o ".parent_id), '') || " o ".name ELSE " o ".name END)"

/* Step 16 (gt-schema-checks.c): @sql with every CHECK (x IN (more than two constants))
 * written as CHECK (x = a OR x = b …), which SQLite evaluates without a temporary table. */
char *gt_schema_plain_checks (const char *sql);
gboolean gt_schema_v16_plain_checks (GtStorage *storage, GError **error);

G_END_DECLS
