/* gt-schema-life.c — schema step 6: organisational life (三会一课) and dues
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * - meetings: one row per meeting held (党员大会, 支委会, 党小组会, 党课, 主题党日,
 *   组织生活会, 民主评议) with its attendance, absentees' reasons and attachments by path.
 * - life_schedule: how often each kind of meeting is required, per organisation type; the
 *   row with org_type '' is the default for every type ('none': not required).
 * - dues_bands: the official bands (after-tax monthly base → rate in ‰ or a fixed amount),
 *   editable; bounds are inclusive integer fen, so ≤ 3000 元 is [0, 300000] and the next band
 *   starts at 300001 fen (3000.01 元).
 * - dues_bases: each member's monthly base for a year; dues_payments: one payment per member
 *   and month, recording the organisation the member belonged to when paying (org_id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v6_life[] =
  "CREATE TABLE meetings ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('general', 'committee', 'group', 'lecture',"
  "                                     'theme_day', 'life_meeting', 'appraisal')),"
  "  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  topic TEXT NOT NULL DEFAULT '',"
  "  place TEXT NOT NULL DEFAULT '',"
  "  host TEXT NOT NULL DEFAULT '',"
  "  minutes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX meetings_org ON meetings (org_id, date);"
  "CREATE INDEX meetings_date ON meetings (date);"

  "CREATE TABLE meeting_attendance ("
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (meeting_id, member_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX meeting_attendance_member ON meeting_attendance (member_id);"

  "CREATE TABLE meeting_attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  path TEXT NOT NULL CHECK (length (path) > 0),"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX meeting_attachments_meeting ON meeting_attachments (meeting_id);"

  "CREATE TABLE life_schedule ("
  "  org_type TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL CHECK (kind IN ('general', 'committee', 'group', 'lecture',"
  "                                     'theme_day', 'life_meeting', 'appraisal')),"
  "  period TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'half', 'year', 'none')),"
  "  day INTEGER CHECK (day IS NULL OR day BETWEEN 1 AND 28),"
  "  PRIMARY KEY (org_type, kind)"
  ") WITHOUT ROWID;"
  /* [000 L125-133]: 每季党员大会, 每月支委会和党小组会, 每月主题党日 (fixed on the 20th,
   * [001 L4640]), 党课 (the office's default: quarterly), 按时组织生活会; 民主评议 yearly. */
  "INSERT INTO life_schedule (org_type, kind, period, day) VALUES"
  "  ('', 'general', 'quarter', NULL),"
  "  ('', 'committee', 'month', NULL),"
  "  ('', 'group', 'month', NULL),"
  "  ('', 'theme_day', 'month', 20),"
  "  ('', 'lecture', 'quarter', NULL),"
  "  ('', 'life_meeting', 'year', NULL),"
  "  ('', 'appraisal', 'year', NULL);"

  "CREATE TABLE dues_bands ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  category TEXT NOT NULL CHECK (category IN ('in_service', 'retired', 'other')),"
  "  lower_fen INTEGER NOT NULL CHECK (lower_fen >= 0),"
  "  upper_fen INTEGER CHECK (upper_fen IS NULL OR upper_fen >= lower_fen),"
  "  rate_permille INTEGER CHECK (rate_permille IS NULL OR rate_permille BETWEEN 0 AND 1000),"
  "  fixed_fen INTEGER CHECK (fixed_fen IS NULL OR fixed_fen >= 0),"
  "  CHECK ((rate_permille IS NULL) <> (fixed_fen IS NULL))"
  ");"
  "CREATE INDEX dues_bands_category ON dues_bands (category, lower_fen);"
  /* 中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》(2008): in service ≤3000 元
   * 0.5%, 3000–5000 1%, 5000–10000 1.5%, >10000 2%; retired ≤5000 0.5%, >5000 1%;
   * farmers, students, the unemployed: 0.2–1 元 a month (default 0.2 元). */
  "INSERT INTO dues_bands (uuid, mtime, category, lower_fen, upper_fen, rate_permille, fixed_fen)"
  " VALUES"
  "  ('6b0c7e52-6c2f-4d0e-9a51-000000000001', '2026-01-01T00:00:00Z', 'in_service', 0, 300000, 5, NULL),"
  "  ('6b0c7e52-6c2f-4d0e-9a51-000000000002', '2026-01-01T00:00:00Z', 'in_service', 300001, 500000, 10, NULL),"
  "  ('6b0c7e52-6c2f-4d0e-9a51-000000000003', '2026-01-01T00:00:00Z', 'in_service', 500001, 1000000, 15, NULL),"
  "  ('6b0c7e52-6c2f-4d0e-9a51-000000000004', '2026-01-01T00:00:00Z', 'in_service', 1000001, NULL, 20, NULL),"
  "  ('6b0c7e52-6c2f-4d0e-9a51-000000000005', '2026-01-01T00:00:00Z', 'retired', 0, 500000, 5, NULL),"
  "  ('6b0c7e52-6c2f-4d0e-9a51-000000000006', '2026-01-01T00:00:00Z', 'retired', 500001, NULL, 10, NULL),"
  "  ('6b0c7e52-6c2f-4d0e-9a51-000000000007', '2026-01-01T00:00:00Z', 'other', 0, NULL, NULL, 20);"

  "CREATE TABLE dues_bases ("
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1921 AND 9999),"
  "  base_fen INTEGER NOT NULL CHECK (base_fen >= 0),"
  "  category TEXT NOT NULL CHECK (category IN ('in_service', 'retired', 'other')),"
  "  fixed_fen INTEGER CHECK (fixed_fen IS NULL OR fixed_fen >= 0),"
  "  PRIMARY KEY (member_id, year)"
  ") WITHOUT ROWID;"

  "CREATE TABLE dues_payments ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
  "  org_id INTEGER REFERENCES organizations (id) ON DELETE SET NULL,"
  "  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),"
  "  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),"
  "  paid_on TEXT NOT NULL,"
  "  UNIQUE (member_id, month)"
  ");"
  "CREATE INDEX dues_payments_month ON dues_payments (month);"
  "CREATE INDEX dues_payments_org ON dues_payments (org_id, month);"

  /* Settings: the compliance legend, the arrears rules, where dues records start. */
  "INSERT OR IGNORE INTO meta (key, value) VALUES"
  "  ('life.colour.done', '#2e7d32'),"
  "  ('life.colour.missing', '#c62828'),"
  "  ('life.colour.overdue', '#ef6c00'),"
  "  ('life.colour.pending', '#9e9e9e'),"
  "  ('life.colour.none', '#ffffff'),"
  "  ('dues.arrears_warning', '3'),"
  "  ('dues.arrears_rule', '6');";
