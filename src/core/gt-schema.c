/* gt-schema.c — Guatu's SQLite schema, as an ordered chain of migrations
 *
 * Each step runs in one transaction together with its `PRAGMA user_version` bump, so a
 * database is always at exactly one version. Never edit a released step: add a new one.
 *
 * Conventions: every record that travels in an exchange package has a stable `uuid`, a
 * `rev` (incremented on change) and an `mtime` (ISO 8601 UTC). Money is integer fen.
 * Codes (kind, level, type…) are stable ASCII keys; their Chinese labels live in the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema.h"
#include "gt-storage.h"

/* Version 1: office identity, the organisation tree and members with their life-cycle events. */
static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE organizations ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES organizations (id) ON DELETE RESTRICT,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('committee', 'working_committee', 'general_branch',"
  "                                     'branch', 'group')),"
  "  org_type TEXT NOT NULL DEFAULT '',"
  "  level TEXT NOT NULL CHECK (level IN ('county', 'township', 'village', 'grid', 'microgrid')),"
  "  code TEXT NOT NULL DEFAULT '',"
  "  secretary TEXT NOT NULL DEFAULT '',"
  "  founded TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  CHECK (parent_id IS NULL OR parent_id <> id)"
  ");"
  "CREATE INDEX organizations_parent ON organizations (parent_id, sort_order);"

  "CREATE TABLE members ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),"
  "  ethnicity TEXT NOT NULL DEFAULT '',"
  "  id_number TEXT,"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  education TEXT NOT NULL DEFAULT '',"
  "  occupation TEXT NOT NULL DEFAULT '',"
  "  birth_date TEXT,"
  "  join_date TEXT,"
  "  full_date TEXT,"
  "  category TEXT NOT NULL CHECK (category IN ('probationary', 'full')),"
  "  status TEXT NOT NULL DEFAULT 'active'"
  "         CHECK (status IN ('active', 'transferred_out', 'suspended', 'exited', 'deceased')),"
  "  flags INTEGER NOT NULL DEFAULT 0,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX members_id_number ON members (id_number) WHERE id_number IS NOT NULL;"
  "CREATE INDEX members_org ON members (org_id);"

  /* Dated life-cycle events, never overwritten: the member's current state derives from them. */
  "CREATE TABLE member_events ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('admission', 'full_membership', 'transfer_in',"
  "                                     'transfer_out', 'suspension', 'exit', 'death')),"
  "  date TEXT NOT NULL,"
  "  org_id INTEGER REFERENCES organizations (id),"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX member_events_member ON member_events (member_id, date);"
  "CREATE TRIGGER member_events_no_update BEFORE UPDATE ON member_events"
  "  BEGIN SELECT RAISE (ABORT, 'member events are never changed; record a new event'); END;";

/* Version 2: villages, households (一户一档) and member–household links (党员联户). */
static const char schema_v2[] =
  "CREATE TABLE villages ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE CHECK (length (name) > 0),"
  "  code TEXT NOT NULL DEFAULT '',"
  "  org_id INTEGER REFERENCES organizations (id) ON DELETE SET NULL,"
  "  map_x REAL,"
  "  map_y REAL,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"

  "CREATE TABLE households ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  head_name TEXT NOT NULL CHECK (length (head_name) > 0),"
  "  village_id INTEGER REFERENCES villages (id) ON DELETE RESTRICT,"
  "  grid TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  size INTEGER NOT NULL DEFAULT 1 CHECK (size >= 0),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX households_village ON households (village_id);"

  "CREATE TABLE member_household_links ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,"
  "  link_type TEXT NOT NULL DEFAULT 'area' CHECK (link_type IN ('area', 'kinship', 'service')),"
  "  post TEXT NOT NULL DEFAULT 'A' CHECK (post IN ('A', 'B')),"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  UNIQUE (member_id, household_id)"
  ");"
  "CREATE INDEX links_household ON member_household_links (household_id);";

/* Version 3: the 挂图作战 project library with milestones (time nodes). */
static const char schema_v3[] =
  "CREATE TABLE projects ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  number TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  kind TEXT NOT NULL DEFAULT 'point',"
  "  level TEXT NOT NULL DEFAULT 'township' CHECK (level IN ('county', 'township', 'village')),"
  "  org_id INTEGER REFERENCES organizations (id) ON DELETE RESTRICT,"
  "  village_id INTEGER REFERENCES villages (id) ON DELETE SET NULL,"
  "  leader TEXT NOT NULL DEFAULT '',"
  "  cadre TEXT NOT NULL DEFAULT '',"
  "  start_date TEXT,"
  "  due_date TEXT,"
  "  budget_fen INTEGER NOT NULL DEFAULT 0 CHECK (budget_fen >= 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  closed_date TEXT,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"

  "CREATE TABLE milestones ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  planned_date TEXT NOT NULL,"
  "  done_date TEXT,"
  "  done_by TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  UNIQUE (project_id, seq)"
  ");";

static const GtMigration migrations[] = {
  { 1, "organisations, members and member events", schema_v1 },
  { 2, "villages, households and member–household links", schema_v2 },
  { 3, "project library and milestones", schema_v3 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GT_SCHEMA_VERSION);

const GtMigration *
gt_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
