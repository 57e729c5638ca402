/* gt-schema-scoring.c — schema step 7: points, ratings, red/black lists, fortress index and versioned rules
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * - score_rule_sets: every version of the scoring rules (all numbers: bands, caps, shares,
 *   weights, thresholds) as a JSON body; a version is never changed, a change is a new
 *   version; exactly one is current.
 * - score_items: the rubric of each rule version (基本 / 正向加分 / 反向扣分 / 直接降级).
 * - score_points: the 学分 + 工分 ledger, per member per month, with the organisation the
 *   member belonged to in that month (a member who changes branch keeps the old months
 *   with the old branch).
 * - score_runs / score_results: computed results with the rule version that produced them
 *   and their explanation; a published run is never changed or deleted (triggers refuse),
 *   recomputing writes a new unpublished run.
 * - rectifications: the 整转 workflow of the 100-point household-link score.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v7_scoring[] =
  "CREATE TABLE score_rule_sets ("
  "  id INTEGER PRIMARY KEY,"
  "  version INTEGER NOT NULL UNIQUE CHECK (version > 0),"
  "  created TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL CHECK (json_valid (body)),"
  "  current INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1))"
  ");"
  "CREATE UNIQUE INDEX score_rule_sets_current ON score_rule_sets (current) WHERE current = 1;"
  "CREATE TRIGGER score_rule_sets_frozen BEFORE UPDATE OF version, created, body"
  "  ON score_rule_sets"
  "  BEGIN SELECT RAISE (ABORT, 'a rule version is never changed; save a new version'); END;"

  "CREATE TABLE score_items ("
  "  id INTEGER PRIMARY KEY,"
  "  rule_version INTEGER NOT NULL REFERENCES score_rule_sets (version) ON DELETE CASCADE,"
  "  code TEXT NOT NULL CHECK (length (code) > 0),"
  "  category TEXT NOT NULL CHECK (category IN ('basic', 'bonus', 'penalty', 'downgrade')),"
  "  kind TEXT NOT NULL CHECK (kind IN ('study', 'work')),"
  "  label TEXT NOT NULL CHECK (length (label) > 0),"
  "  points INTEGER NOT NULL CHECK (points >= 0),"
  "  black INTEGER NOT NULL DEFAULT 0 CHECK (black IN (0, 1)),"
  "  link INTEGER NOT NULL DEFAULT 0 CHECK (link IN (0, 1)),"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (rule_version, code)"
  ");"

  "CREATE TABLE score_points ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,"
  "  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),"
  "  kind TEXT NOT NULL CHECK (kind IN ('study', 'work')),"
  "  item_code TEXT NOT NULL,"
  "  category TEXT NOT NULL CHECK (category IN ('basic', 'bonus', 'penalty', 'downgrade')),"
  "  points INTEGER NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX score_points_member ON score_points (member_id, month);"
  "CREATE INDEX score_points_month ON score_points (month, org_id);"

  "CREATE TABLE score_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('member', 'redblack', 'stars', 'link', 'fortress')),"
  "  period TEXT NOT NULL,"
  "  rule_version INTEGER NOT NULL REFERENCES score_rule_sets (version),"
  "  created TEXT NOT NULL,"
  "  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),"
  "  published_at TEXT,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX score_runs_period ON score_runs (kind, period, published);"
  "CREATE TRIGGER score_runs_published_update BEFORE UPDATE ON score_runs WHEN OLD.published = 1"
  "  BEGIN SELECT RAISE (ABORT, 'published score results are never rewritten; recompute into a new set'); END;"
  "CREATE TRIGGER score_runs_published_delete BEFORE DELETE ON score_runs WHEN OLD.published = 1"
  "  BEGIN SELECT RAISE (ABORT, 'published score results are never deleted'); END;"

  "CREATE TABLE score_results ("
  "  id INTEGER PRIMARY KEY,"
  "  run_id INTEGER NOT NULL REFERENCES score_runs (id) ON DELETE CASCADE,"
  /* no foreign keys: a published result outlives the records it names */
  "  member_id INTEGER,"
  "  org_id INTEGER,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  org_name TEXT NOT NULL DEFAULT '',"
  "  score REAL NOT NULL,"
  "  class TEXT NOT NULL DEFAULT '',"
  "  grade TEXT NOT NULL DEFAULT '',"
  "  rank INTEGER NOT NULL DEFAULT 0,"
  "  stars INTEGER NOT NULL DEFAULT 0,"
  "  household_stars INTEGER NOT NULL DEFAULT 0,"
  "  warning INTEGER NOT NULL DEFAULT 0 CHECK (warning IN (0, 1)),"
  "  explanation TEXT NOT NULL DEFAULT '{}' CHECK (json_valid (explanation))"
  ");"
  "CREATE INDEX score_results_run ON score_results (run_id, rank);"
  "CREATE TRIGGER score_results_published_update BEFORE UPDATE ON score_results"
  "  WHEN (SELECT published FROM score_runs WHERE id = OLD.run_id) = 1"
  "  BEGIN SELECT RAISE (ABORT, 'published score results are never rewritten; recompute into a new set'); END;"
  "CREATE TRIGGER score_results_published_delete BEFORE DELETE ON score_results"
  "  WHEN (SELECT published FROM score_runs WHERE id = OLD.run_id) = 1"
  "  BEGIN SELECT RAISE (ABORT, 'published score results are never deleted'); END;"
  "CREATE TRIGGER score_results_published_insert BEFORE INSERT ON score_results"
  "  WHEN (SELECT published FROM score_runs WHERE id = NEW.run_id) = 1"
  "  BEGIN SELECT RAISE (ABORT, 'a published result set is closed'); END;"

  "CREATE TABLE rectifications ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL,"
  "  score REAL NOT NULL,"
  "  rule_version INTEGER NOT NULL,"
  "  from_org_id INTEGER REFERENCES organizations (id),"
  "  state TEXT NOT NULL DEFAULT 'proposed'"
  "        CHECK (state IN ('proposed', 'rejected', 'transferred')),"
  "  proposed_date TEXT NOT NULL,"
  "  proposal TEXT NOT NULL DEFAULT '',"
  "  reviewed_date TEXT,"
  "  review_note TEXT NOT NULL DEFAULT '',"
  "  to_org_id INTEGER REFERENCES organizations (id),"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX rectifications_open ON rectifications (member_id, year)"
  "  WHERE state <> 'rejected';";
