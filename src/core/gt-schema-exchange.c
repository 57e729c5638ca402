/* gt-schema-exchange.c — schema step 9: exchange keys, trust list, import ledger, tombstones, tasks
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * - ex_office_key: this office's own ECDSA P-256 key pair (one row). WITHOUT ROWID on
 *   purpose: SQLite's pre-update hook does not see such tables, so the private key never
 *   lands in the audit log (key generation is logged by gt-keys.c as a summary).
 * - ex_trusted_keys: public keys of other offices, enrolled once and confirmed by
 *   fingerprint (SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex).
 * - ex_ledger: every package imported, keyed by its UUID, so re-importing is a no-op.
 * - ex_tombstones: deletions of records that travel (filled by triggers below).
 * - ex_records: records received from other offices, keyed by (source office, uuid), with
 *   their revision and modification time, for conflict detection and the county roll-up.
 *   The fields are kept as one JSON object in the order of the package.
 * - ex_reports: one row per received report/full package: sender, period, counts.
 * - ex_tasks / ex_acks: tasks and notices dispatched by the county, and their
 *   acknowledgements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

#define TOMBSTONE_TRIGGER(table, type) \
  "CREATE TRIGGER ex_tombstone_" table " AFTER DELETE ON " table " BEGIN" \
  "  INSERT OR REPLACE INTO ex_tombstones (uuid, type, rev, mtime)" \
  "  VALUES (old.uuid, '" type "', old.rev + 1, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'));" \
  " END;"

const char gt_schema_v9_exchange[] =
  "CREATE TABLE ex_office_key ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  alg TEXT NOT NULL DEFAULT 'ecdsa-p256-sha256',"
  "  private_pem TEXT NOT NULL,"
  "  public_pem TEXT NOT NULL,"
  "  fingerprint TEXT NOT NULL,"
  "  created TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE ex_trusted_keys ("
  "  id INTEGER PRIMARY KEY,"
  "  fingerprint TEXT NOT NULL UNIQUE CHECK (length (fingerprint) = 64),"
  "  alg TEXT NOT NULL DEFAULT 'ecdsa-p256-sha256',"
  "  org_code TEXT NOT NULL CHECK (length (org_code) > 0),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  public_pem TEXT NOT NULL,"
  "  enrolled_on TEXT NOT NULL"
  ");"
  "CREATE INDEX ex_trusted_keys_org ON ex_trusted_keys (org_code);"

  "CREATE TABLE ex_ledger ("
  "  id INTEGER PRIMARY KEY,"
  "  package_uuid TEXT NOT NULL UNIQUE,"
  "  sha256 TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('report', 'full', 'dispatch', 'ack')),"
  "  sender_code TEXT NOT NULL,"
  "  sender_name TEXT NOT NULL DEFAULT '',"
  "  key_fingerprint TEXT NOT NULL,"
  "  period TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  imported_on TEXT NOT NULL,"
  "  n_new INTEGER NOT NULL DEFAULT 0,"
  "  n_updated INTEGER NOT NULL DEFAULT 0,"
  "  n_unchanged INTEGER NOT NULL DEFAULT 0,"
  "  n_conflicts INTEGER NOT NULL DEFAULT 0,"
  "  resolution TEXT NOT NULL DEFAULT '' CHECK (resolution IN ('', 'keep-local', 'take-incoming'))"
  ");"

  "CREATE TABLE ex_tombstones ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  type TEXT NOT NULL,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  TOMBSTONE_TRIGGER ("organizations", "organization")
  TOMBSTONE_TRIGGER ("members", "member")
  TOMBSTONE_TRIGGER ("households", "household")
  TOMBSTONE_TRIGGER ("member_household_links", "link")
  TOMBSTONE_TRIGGER ("projects", "project")
  TOMBSTONE_TRIGGER ("milestones", "milestone")

  "CREATE TABLE ex_records ("
  "  id INTEGER PRIMARY KEY,"
  "  source_code TEXT NOT NULL,"
  "  type TEXT NOT NULL CHECK (type IN ('organization', 'member', 'household', 'link',"
  "                                     'project', 'milestone')),"
  "  uuid TEXT NOT NULL,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  parent_uuid TEXT,"
  "  data TEXT NOT NULL DEFAULT '{}',"
  "  package_uuid TEXT NOT NULL,"
  "  UNIQUE (source_code, uuid)"
  ");"

  "CREATE TABLE ex_reports ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('report', 'full')),"
  "  sender_code TEXT NOT NULL,"
  "  sender_name TEXT NOT NULL DEFAULT '',"
  "  period TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  masked INTEGER NOT NULL DEFAULT 0 CHECK (masked IN (0, 1)),"
  "  organizations INTEGER NOT NULL DEFAULT 0,"
  "  members INTEGER NOT NULL DEFAULT 0,"
  "  households INTEGER NOT NULL DEFAULT 0,"
  "  links INTEGER NOT NULL DEFAULT 0,"
  "  projects INTEGER NOT NULL DEFAULT 0,"
  "  milestones INTEGER NOT NULL DEFAULT 0,"
  "  tombstones INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX ex_reports_sender ON ex_reports (sender_code, period);"

  "CREATE TABLE ex_tasks ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('task', 'notice')),"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  body TEXT NOT NULL DEFAULT '',"
  "  due_date TEXT,"
  "  issuer_code TEXT NOT NULL,"
  "  issuer_name TEXT NOT NULL DEFAULT '',"
  "  target_code TEXT NOT NULL DEFAULT '*',"   /* '*': every township */
  "  issued_on TEXT NOT NULL,"
  "  incoming INTEGER NOT NULL DEFAULT 0 CHECK (incoming IN (0, 1))"
  ");"

  "CREATE TABLE ex_acks ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  task_uuid TEXT NOT NULL,"
  "  office_code TEXT NOT NULL,"
  "  office_name TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL CHECK (status IN ('received', 'done')),"
  "  date TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (task_uuid, office_code)"
  ");";

/* Step 13: organisational life, dues, points and ratings travel too (issue 7).
 * - ex_records accepts the new types (SQLite cannot change a CHECK: the table is rebuilt
 *   with the same columns, in the same order); a partial index serves the county roll-up.
 * - ex_reports counts the new bodies.
 * - Deleted meetings, dues payments and points leave tombstones like the registers.
 * - score_results get a stable uuid (a published result is never changed, so its rev and
 *   mtime are its run's); the published-update trigger is lifted for the fill only. */
#define UUID_EXPR \
  "lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4' ||" \
  " substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1) ||" \
  " substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)))"

const char gt_schema_v13_exchange_life[] =
  "CREATE TABLE ex_records_v13 ("
  "  id INTEGER PRIMARY KEY,"
  "  source_code TEXT NOT NULL,"
  "  type TEXT NOT NULL CHECK (type IN ('organization', 'member', 'household', 'link',"
  "                                     'project', 'milestone', 'meeting', 'dues-payment',"
  "                                     'point', 'rating')),"
  "  uuid TEXT NOT NULL,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  parent_uuid TEXT,"
  "  data TEXT NOT NULL DEFAULT '{}',"
  "  package_uuid TEXT NOT NULL,"
  "  UNIQUE (source_code, uuid)"
  ");"
  "INSERT INTO ex_records_v13 (id, source_code, type, uuid, rev, mtime, deleted, parent_uuid,"
  "  data, package_uuid)"
  "  SELECT id, source_code, type, uuid, rev, mtime, deleted, parent_uuid, data, package_uuid"
  "  FROM ex_records;"
  "DROP TABLE ex_records;"
  "ALTER TABLE ex_records_v13 RENAME TO ex_records;"
  /* The county roll-up reads organisations, meetings, dues payments and ratings one
   * township at a time (a county summary over a 20 000-member township: 25 s → 4 s).
   * Partial, so that members, households, links and points are inserted without it; the
   * queries repeat the WHERE term (GT_COUNTY_ROLLUP_TYPES in gt-county-activity.c). */
  "CREATE INDEX ex_records_rollup ON ex_records (source_code, type)"
  "  WHERE type IN ('organization', 'meeting', 'dues-payment', 'rating');"

  "ALTER TABLE ex_reports ADD COLUMN meetings INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE ex_reports ADD COLUMN dues_payments INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE ex_reports ADD COLUMN points INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE ex_reports ADD COLUMN ratings INTEGER NOT NULL DEFAULT 0;"

  TOMBSTONE_TRIGGER ("meetings", "meeting")
  TOMBSTONE_TRIGGER ("dues_payments", "dues-payment")
  TOMBSTONE_TRIGGER ("score_points", "point")

  "ALTER TABLE score_results ADD COLUMN uuid TEXT;"
  "DROP TRIGGER score_results_published_update;"
  "UPDATE score_results SET uuid = " UUID_EXPR ";"
  "CREATE TRIGGER score_results_published_update BEFORE UPDATE ON score_results"
  "  WHEN (SELECT published FROM score_runs WHERE id = OLD.run_id) = 1"
  "  BEGIN SELECT RAISE (ABORT, 'published score results are never rewritten; recompute into a new set'); END;"
  "CREATE UNIQUE INDEX score_results_uuid ON score_results (uuid);";

/* Step 18: the county can withdraw a task or notice it issued (撤回).
 * - withdrawn_on / withdrawn_reason: the day and the (optional) reason; a withdrawn task
 *   travels down with them in the next dispatch package, and the township's copy gets them.
 * - sent_on: the day the task first went into a dispatch package (NULL: never written). A
 *   task withdrawn before it was sent never goes out. The tasks issued so far were written
 *   with their packages the day they were issued. */
const char gt_schema_v18_task_withdrawal[] =
  "ALTER TABLE ex_tasks ADD COLUMN withdrawn_on TEXT;"
  "ALTER TABLE ex_tasks ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE ex_tasks ADD COLUMN sent_on TEXT;"
  "UPDATE ex_tasks SET sent_on = issued_on WHERE incoming = 0;";
