/* gt-stats.h — counts and consistency checks over a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  char *key; /* stable key, also the JSON field name: ASCII, except that the key of a type
              * the office added carries its name ("type_行业协会") */
  gint64 value;
} GtStatsEntry;

/* Counts of the whole database, in a stable order: organizations, branches, members,
 * households, projects, then details (per branch type: "type_organ" …). Free with
 * g_array_unref (); the array owns the keys. */
GArray *gt_stats_collect (GtStorage *storage, GError **error);

/* For a county: "townships" (offices that sent records), then organizations, branches,
 * members, households and projects over the records received, as the townships count them
 * (archived organisations, members no longer active and deletions left out). */
GArray *gt_stats_collect_received (GtStorage *storage, GError **error);

/* Looks up a key in a gt_stats_collect() result; -1 when absent. */
gint64 gt_stats_get (GArray *stats, const char *key);

/* Runs SQLite's integrity and foreign-key checks and Guatu's own invariants. Returns
 * FALSE only when the checks could not run; @problems receives one translated line per
 * problem found (empty when the database is sound). */
gboolean gt_stats_check (GtStorage *storage, GPtrArray **problems, GError **error);

G_END_DECLS
