/* gt-schema-projects.c — schema step 8: project library details, supervision, chart positions and baselines
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * - project_kinds: the configurable list of kinds (示范带/区/圈/岗/点 by default). An empty
 *   label means "the built-in translated label of the code".
 * - supervisions: 督查 records (挂牌督战): finding, 限时督办 deadline, circular text and whether
 *   the project was found lagging. The accountability flag is derived, never stored.
 * - milestone_reopenings: each un-tick (撤销销号) with the tick it undid and the reason.
 * - project_snapshots + snapshot_projects + snapshot_milestones: dated baselines, the frozen
 *   state of every project and milestone, for month-to-month differences.
 * The numbering scheme and the accountability rule are meta settings (gt-project.h).
 *
 * Step 14 adds created_on (YYYY-MM-DD, local) to projects and milestones: the day the row
 * entered the library, so a chart drawn as of an earlier day leaves it out. Rows written
 * before it take the day of their insert in the audit log (matched by uuid, as ids can be
 * reused); rows the log does not name (bulk imports, the demo) keep NULL: unknown, always in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

#define SEED_KIND(code, order) \
  "INSERT INTO project_kinds (code, label, sort_order, uuid, mtime) VALUES ('" code "', '', " \
  #order ", lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4' ||" \
  " substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1) ||" \
  " substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))," \
  " strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'));"

const char gt_schema_v8_projects[] =
  "CREATE TABLE project_kinds ("
  "  code TEXT PRIMARY KEY CHECK (length (code) > 0 AND code NOT GLOB '*[^a-z0-9_]*'),"
  "  label TEXT NOT NULL DEFAULT '',"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  SEED_KIND ("belt", 1)
  SEED_KIND ("zone", 2)
  SEED_KIND ("circle", 3)
  SEED_KIND ("post", 4)
  SEED_KIND ("point", 5)

  "CREATE TABLE supervisions ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,"
  "  checked_on TEXT NOT NULL,"
  "  finding TEXT NOT NULL DEFAULT '',"
  "  deadline TEXT,"
  "  circular TEXT NOT NULL DEFAULT '',"
  "  lagging INTEGER NOT NULL DEFAULT 0 CHECK (lagging IN (0, 1)),"
  "  inspector TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX supervisions_project ON supervisions (project_id, checked_on, id);"

  "CREATE TABLE milestone_reopenings ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  milestone_id INTEGER NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,"
  "  done_date TEXT NOT NULL,"
  "  done_by TEXT NOT NULL DEFAULT '',"
  "  reopened_on TEXT NOT NULL,"
  "  reopened_by TEXT NOT NULL DEFAULT '',"
  "  reason TEXT NOT NULL CHECK (length (reason) > 0),"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX milestone_reopenings_milestone ON milestone_reopenings (milestone_id);"

  "CREATE TABLE project_snapshots ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  taken_on TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE TABLE snapshot_projects ("
  "  snapshot_id INTEGER NOT NULL REFERENCES project_snapshots (id) ON DELETE CASCADE,"
  "  project_uuid TEXT NOT NULL,"
  "  number TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  due_date TEXT,"
  "  closed_date TEXT,"
  "  status TEXT NOT NULL,"
  "  n_milestones INTEGER NOT NULL,"
  "  n_done INTEGER NOT NULL,"
  "  PRIMARY KEY (snapshot_id, project_uuid)"
  ");"
  "CREATE TABLE snapshot_milestones ("
  "  snapshot_id INTEGER NOT NULL REFERENCES project_snapshots (id) ON DELETE CASCADE,"
  "  milestone_uuid TEXT NOT NULL,"
  "  project_uuid TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  planned_date TEXT NOT NULL,"
  "  done_date TEXT,"
  "  PRIMARY KEY (snapshot_id, milestone_uuid)"
  ");";

#define CREATED_FROM_AUDIT(table) \
  "UPDATE " table " SET created_on = (SELECT date (a.time, 'localtime') FROM audit_log a" \
  "  WHERE a.table_name = '" table "' AND a.row_id = " table ".id AND a.action = 'insert'" \
  "  AND json_valid (a.after) AND json_extract (a.after, '$.uuid') = " table ".uuid" \
  "  ORDER BY a.id DESC LIMIT 1);"

const char gt_schema_v14_created[] =
  "ALTER TABLE projects ADD COLUMN created_on TEXT;"
  "ALTER TABLE milestones ADD COLUMN created_on TEXT;"
  CREATED_FROM_AUDIT ("projects")
  CREATED_FROM_AUDIT ("milestones");
