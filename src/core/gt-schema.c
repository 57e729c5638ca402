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
#include "gt-schema-private.h"
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

/* Version 4: as-you-type member search.
 * - member_search, a trigram index, serves queries of three or more characters: names,
 *   partial ID and phone numbers, organisation names.
 * - member_name_chars lists every character of every name, so a query of one or two
 *   characters (a surname alone is a common query) is a lookup, not a scan.
 * Triggers keep both in step with members and organisation names, whoever writes. Names are
 * indexed up to 32 characters; longer names are still found by the trigram index. */
#define NAME_CHARS(ref) \
  "INSERT OR IGNORE INTO member_name_chars (ch, member_id)" \
  " SELECT substr (" ref ".name, k.column1, 1), " ref ".id" \
  " FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23),(24),(25),(26),(27),(28),(29),(30),(31),(32)) k" \
  " WHERE k.column1 <= length (" ref ".name);"
#define SEARCH_ROW(ref) \
  "INSERT INTO member_search (rowid, name, id_number, phone, org) VALUES (" ref ".id," \
  " " ref ".name, coalesce (" ref ".id_number, ''), " ref ".phone," \
  " (SELECT name FROM organizations WHERE id = " ref ".org_id));"

#define SEARCH_INSERT_TRIGGER \
  "CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN " \
  SEARCH_ROW ("new") NAME_CHARS ("new") \
  " END;"

static const char schema_v4[] =
  "CREATE VIRTUAL TABLE member_search USING fts5 ("
  "  name, id_number, phone, org, tokenize = 'trigram');"
  "CREATE TABLE member_name_chars ("
  "  ch TEXT NOT NULL,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (ch, member_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX member_name_chars_member ON member_name_chars (member_id);"
  "INSERT INTO member_search (rowid, name, id_number, phone, org)"
  "  SELECT m.id, m.name, coalesce (m.id_number, ''), m.phone, o.name"
  "  FROM members m JOIN organizations o ON o.id = m.org_id;"
  "INSERT OR IGNORE INTO member_name_chars (ch, member_id)"
  "  SELECT substr (m.name, k.column1, 1), m.id"
  "  FROM members m, (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23),(24),(25),(26),(27),(28),(29),(30),(31),(32)) k"
  "  WHERE k.column1 <= length (m.name);"
  SEARCH_INSERT_TRIGGER
  "CREATE TRIGGER members_search_update AFTER UPDATE OF name, id_number, phone, org_id"
  " ON members BEGIN"
  "  DELETE FROM member_search WHERE rowid = old.id; "
  SEARCH_ROW ("new")
  " END;"
  "CREATE TRIGGER members_name_chars_update AFTER UPDATE OF name ON members BEGIN"
  "  DELETE FROM member_name_chars WHERE member_id = old.id; "
  NAME_CHARS ("new")
  " END;"
  "CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN"
  "  DELETE FROM member_search WHERE rowid = old.id;"
  " END;"
  "CREATE TRIGGER organizations_search_rename AFTER UPDATE OF name ON organizations BEGIN"
  "  UPDATE member_search SET org = new.name"
  "   WHERE rowid IN (SELECT id FROM members WHERE org_id = new.id);"
  " END;";

/* Version 5: what the registers keep beyond the basics.
 * - org_events: the organisation's own history (founded, renamed, upgraded 党支部 → 党总支,
 *   moved under another parent, archived, restored), never overwritten.
 * - org_checklist: site-standard items (e.g. 五有) per organisation.
 * - member flags: mobility (流动 out/in, where, contact), lost contact (失联), elderly or
 *   frail (年老体弱), employment (在职/退休/无职), posts (一员七职) and the A/B linking post.
 * - households: the 进门五看 and 提笔四问 fields of 一户一档.
 * - visits: the visit log of member–household links. */
static const char schema_v5[] =
  "CREATE TABLE org_events ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('founded', 'renamed', 'upgraded', 'moved', 'archived',"
  "                                     'restored', 'changed')),"
  "  date TEXT NOT NULL,"
  "  old_value TEXT NOT NULL DEFAULT '',"
  "  new_value TEXT NOT NULL DEFAULT '',"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX org_events_org ON org_events (org_id, date);"
  "CREATE TRIGGER org_events_no_update BEFORE UPDATE ON org_events"
  "  BEGIN SELECT RAISE (ABORT, 'organisation events are never changed; record a new event'); END;"
  "CREATE TABLE org_checklist ("
  "  org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,"
  "  item TEXT NOT NULL,"
  "  done_date TEXT,"
  "  PRIMARY KEY (org_id, item)"
  ") WITHOUT ROWID;"

  "ALTER TABLE members ADD COLUMN mobility TEXT NOT NULL DEFAULT 'none'"
  "  CHECK (mobility IN ('none', 'out', 'in'));"
  "ALTER TABLE members ADD COLUMN mobility_place TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE members ADD COLUMN mobility_contact TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE members ADD COLUMN lost_contact INTEGER NOT NULL DEFAULT 0"
  "  CHECK (lost_contact IN (0, 1));"
  "ALTER TABLE members ADD COLUMN frail INTEGER NOT NULL DEFAULT 0 CHECK (frail IN (0, 1));"
  "ALTER TABLE members ADD COLUMN employment TEXT NOT NULL DEFAULT ''"
  "  CHECK (employment IN ('', 'employed', 'retired', 'none'));"
  "ALTER TABLE members ADD COLUMN posts TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE members ADD COLUMN link_post TEXT NOT NULL DEFAULT 'A'"
  "  CHECK (link_post IN ('A', 'B'));"

  "ALTER TABLE households ADD COLUMN look_kitchen TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN look_bedroom TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN look_toilet TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN look_yard TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN look_fields TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN ask_family TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN ask_economy TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN ask_opinions TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE households ADD COLUMN ask_needs TEXT NOT NULL DEFAULT '';"

  "CREATE TABLE visits ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX visits_member ON visits (member_id, date);"
  "CREATE INDEX visits_household ON visits (household_id, date);"
  "INSERT INTO org_events (uuid, org_id, kind, date, new_value, mtime)"
  "  SELECT lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4' ||"
  "   substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1) ||"
  "   substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6))),"
  "   id, 'founded', coalesce (founded, substr (mtime, 1, 10)), kind, mtime FROM organizations;";

/* Version 12: counting active members by category from a small index instead of reading
 * every member row (the overview on a prefecture's 200 000 members: 0.4 s → 0.02 s).
 * Partial, on purpose: an index on status would draw the planner away from rowid order and
 * from members_org for lists and per-branch queries (search p95 went from 10 to 130 ms). */
static const char schema_v12[] =
  "CREATE INDEX members_active_category ON members (category) WHERE status = 'active';";

/* Version 15: the search indexes write a quarter of what they did (see docs/performance.md).
 * - member_search keeps no copy of the members' names, ID and phone numbers (contentless) and
 *   no positions (detail = none): a query of three or more characters asks for all of its
 *   trigrams and the members found are then checked for the whole text (gt-registers.c).
 *   Without a copy, a row is taken out of the index by naming what it indexed: the triggers
 *   give the 'delete' command the old values, and the organisation's old text on a rename.
 *   A token left behind by a mistake there would only cost time: every member found is
 *   checked against the text itself.
 * - The organisation text of a member of a 党小组 is its branch's name and its own
 *   (GT_SCHEMA_ORG_TEXT): "青石村" finds the members of 青石村党支部's groups too. Renaming,
 *   moving or changing the kind of an organisation re-indexes its members and those of its
 *   groups.
 * - member_name_chars without the index by member: a member's characters are taken out by
 *   their keys, the characters of the old name. */
#define NAME_CHARS_DELETE(ref) \
  "DELETE FROM member_name_chars WHERE member_id = " ref ".id AND ch IN" \
  " (SELECT substr (" ref ".name, k.column1, 1)" \
  " FROM (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23),(24),(25),(26),(27),(28),(29),(30),(31),(32)) k" \
  " WHERE k.column1 <= length (" ref ".name));"
#define SEARCH_DELETE(ref, org) \
  "INSERT INTO member_search (member_search, rowid, name, id_number, phone, org)" \
  " VALUES ('delete', " ref ".id, " ref ".name, coalesce (" ref ".id_number, ''), " ref ".phone," \
  " " org ");"
#define ORG_TEXT_OF(ref) \
  "(SELECT " GT_SCHEMA_ORG_TEXT ("o") " FROM organizations o WHERE o.id = " ref ".org_id)"
#define SEARCH_ROW_15(ref) \
  "INSERT INTO member_search (rowid, name, id_number, phone, org) VALUES (" ref ".id," \
  " " ref ".name, coalesce (" ref ".id_number, ''), " ref ".phone, " ORG_TEXT_OF (ref) ");"
#define SEARCH_INSERT_TRIGGER_15 \
  "CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN " \
  SEARCH_ROW_15 ("new") NAME_CHARS ("new") \
  " END;"
/* The members of an organisation and of the groups under it. */
#define MEMBERS_UNDER(ref) \
  " FROM members m WHERE m.org_id = " ref ".id OR m.org_id IN (SELECT id FROM organizations" \
  " WHERE parent_id = " ref ".id AND kind = 'group')"

static const char schema_v15[] =
  "DROP TRIGGER members_search_insert;"
  "DROP TRIGGER members_search_update;"
  "DROP TRIGGER members_name_chars_update;"
  "DROP TRIGGER members_search_delete;"
  "DROP TRIGGER organizations_search_rename;"
  "DROP TABLE member_search;"
  "DROP TABLE member_name_chars;"
  "CREATE VIRTUAL TABLE member_search USING fts5 ("
  "  name, id_number, phone, org, tokenize = 'trigram', content = '', detail = 'none');"
  "CREATE TABLE member_name_chars ("
  "  ch TEXT NOT NULL,"
  "  member_id INTEGER NOT NULL,"
  "  PRIMARY KEY (ch, member_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO member_search (rowid, name, id_number, phone, org)"
  "  SELECT m.id, m.name, coalesce (m.id_number, ''), m.phone, " GT_SCHEMA_ORG_TEXT ("o")
  "  FROM members m JOIN organizations o ON o.id = m.org_id;"
  "INSERT OR IGNORE INTO member_name_chars (ch, member_id)"
  "  SELECT substr (m.name, k.column1, 1), m.id"
  "  FROM members m CROSS JOIN (VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23),(24),(25),(26),(27),(28),(29),(30),(31),(32)) k"
  "  WHERE k.column1 <= length (m.name);"
  SEARCH_INSERT_TRIGGER_15
  "CREATE TRIGGER members_search_update AFTER UPDATE OF name, id_number, phone, org_id"
  " ON members BEGIN "
  SEARCH_DELETE ("old", ORG_TEXT_OF ("old"))
  SEARCH_ROW_15 ("new")
  " END;"
  "CREATE TRIGGER members_name_chars_update AFTER UPDATE OF name ON members BEGIN "
  NAME_CHARS_DELETE ("old")
  NAME_CHARS ("new")
  " END;"
  "CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN "
  SEARCH_DELETE ("old", ORG_TEXT_OF ("old"))
  NAME_CHARS_DELETE ("old")
  " END;"
  /* The members' rows are taken out under the organisation's old text, put back under the
   * new one: its own members (a group's text holds its branch's name), and those of its
   * groups (whose text holds its name). */
  "CREATE TRIGGER organizations_search_rename AFTER UPDATE OF name, kind, parent_id"
  " ON organizations BEGIN"
  "  INSERT INTO member_search (member_search, rowid, name, id_number, phone, org)"
  "   SELECT 'delete', m.id, m.name, coalesce (m.id_number, ''), m.phone,"
  "    CASE WHEN m.org_id <> old.id"
  "     THEN old.name || ' ' || (SELECT name FROM organizations WHERE id = m.org_id)"
  "     WHEN old.kind = 'group'"
  "     THEN coalesce ((SELECT name FROM organizations WHERE id = old.parent_id), '') || ' '"
  "      || old.name"
  "     ELSE old.name END"
  MEMBERS_UNDER ("old") ";"
  "  INSERT INTO member_search (rowid, name, id_number, phone, org)"
  "   SELECT m.id, m.name, coalesce (m.id_number, ''), m.phone, " ORG_TEXT_OF ("m")
  MEMBERS_UNDER ("new") ";"
  " END;";

/* Version 16: CHECK constraints and the roll-up index's condition without constant IN lists
 * (gt-schema-checks.c); the county's roll-up queries repeat the new condition
 * (gt-county-activity.c). */
static const char schema_v16[] =
  "DROP INDEX ex_records_rollup;"
  "CREATE INDEX ex_records_rollup ON ex_records (source_code, type)"
  "  WHERE type = 'organization' OR type = 'meeting' OR type = 'dues-payment'"
  "   OR type = 'rating';";

/* Version 17: the active members of each organisation counted from two indexes alone: all
 * its members (members_org) less those no longer active, which this small index lists. A
 * count that read each member's row for its status read the whole members table (37 MB at
 * 200 000 members, more than the page cache) whenever the organisation tree was listed. A
 * roster's new members are all active: they add nothing to it. */
static const char schema_v17[] =
  "CREATE INDEX members_inactive_org ON members (org_id) WHERE status <> 'active';";

static const GtMigration migrations[] = {
  { 1, "organisations, members and member events", schema_v1 },
  { 2, "villages, households and member–household links", schema_v2 },
  { 3, "project library and milestones", schema_v3 },
  { 4, "member search index", schema_v4 },
  { 5, "organisation history, member flags, household files and visits", schema_v5 },
  { 6, "organisational life (三会一课) and dues", gt_schema_v6_life },
  { 7, "points, ratings, red/black lists, fortress index and versioned rules", gt_schema_v7_scoring },
  { 8, "project library details, supervision, chart positions and baselines", gt_schema_v8_projects },
  { 9, "exchange keys, trust list, import ledger, tombstones, tasks", gt_schema_v9_exchange },
  { 10, "member development pipeline, transfer letters", gt_schema_v10_develop },
  { 11, "the append-only audit log", gt_schema_v11_audit },
  { 12, "indexes for counts at prefecture scale", schema_v12 },
  { 13, "meetings, dues, points and ratings in exchange packages", gt_schema_v13_exchange_life },
  { 14, "the day each project and milestone entered the library", gt_schema_v14_created },
  { 15, "smaller member search indexes", schema_v15 },
  { 16, "constraints checked without temporary tables", schema_v16, gt_schema_v16_plain_checks },
  { 17, "counting an organisation's members from indexes", schema_v17 },
  { 18, "withdrawing a task or notice issued", gt_schema_v18_task_withdrawal },
  { 19, "members in Party groups (党小组)", gt_schema_v19_groups },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GT_SCHEMA_VERSION);

/* For bulk imports: the search indexes are filled once for all new rows, which is several
 * times faster than the per-row trigger; the trigger is dropped and recreated (with the very
 * text above) inside the importing transaction. */
static const char search_bulk_begin[] = "DROP TRIGGER members_search_insert;";
static const char search_bulk_end[] =
  "INSERT INTO member_search (rowid, name, id_number, phone, org)"
  "  SELECT m.id, m.name, coalesce (m.id_number, ''), m.phone, " GT_SCHEMA_ORG_TEXT ("o")
  "  FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.id > :since;"
  /* CROSS JOIN keeps the members in the outer loop: read once, not once per position (at
   * 200 000 members, 32 passes over a table larger than the page cache). The positions go
   * up to the longest new name only, not always to 32 (200 000 names of two to four
   * characters: 0.95 → 0.64 s). */
  "INSERT OR IGNORE INTO member_name_chars (ch, member_id)"
  "  WITH RECURSIVE k (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < (SELECT"
  "   min (32, max (length (name))) FROM members WHERE id > :since))"
  "  SELECT substr (m.name, k.i, 1), m.id FROM members m CROSS JOIN k"
  "  WHERE m.id > :since AND k.i <= length (m.name);"
  SEARCH_INSERT_TRIGGER_15;

const char *
gt_schema_search_bulk_begin (void)
{
  return search_bulk_begin;
}

const char *
gt_schema_search_bulk_end (void)
{
  return search_bulk_end;
}

const GtMigration *
gt_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
