/* gt-schema-develop.c — schema step 10: member development pipeline, transfer letters
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * - applicants: people in the development pipeline (发展党员) before and while they become
 *   members. @stage is a cache of the recorded steps (applicant 入党申请人, activist
 *   入党积极分子, candidate 发展对象, probationary 预备党员, full 正式党员, or dropped);
 *   @member_id is set when the Party committee's approval created the member.
 * - develop_steps: the 25 steps of the five stages as dated records with the people
 *   involved (培养联系人, 谈话人, the two 入党介绍人) and documents (file paths, one a line).
 *   @months is the length of a probation extension (延长预备期) recorded on step 23.
 * - transfers: organisation-relationship transfers (组织关系转接) out of and into this
 *   office, each with its three-part letter (存根 / 介绍信 / 回执): number, validity, dues
 *   paid up to (党费交至, YYYY-MM) and the day the receipt came back.
 * The time rules of the pipeline and the letters' default validity are settings in the
 * meta table (keys develop.*, see gt-develop.h); nothing here is a constant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v10_develop[] =
  "CREATE TABLE applicants ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,"
  "  name TEXT NOT NULL CHECK (length (name) > 0),"
  "  id_number TEXT,"
  "  gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),"
  "  birth_date TEXT NOT NULL,"
  "  ethnicity TEXT NOT NULL DEFAULT '',"
  "  education TEXT NOT NULL DEFAULT '',"
  "  occupation TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  stage TEXT NOT NULL DEFAULT 'applicant'"
  "        CHECK (stage IN ('applicant', 'activist', 'candidate', 'probationary', 'full',"
  "                         'dropped')),"
  "  member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX applicants_id_number ON applicants (id_number)"
  "  WHERE id_number IS NOT NULL;"
  "CREATE INDEX applicants_org ON applicants (org_id, stage);"

  "CREATE TABLE develop_steps ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,"
  "  step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 25),"
  "  date TEXT NOT NULL,"
  "  contact1 TEXT NOT NULL DEFAULT '',"
  "  contact2 TEXT NOT NULL DEFAULT '',"
  "  talker TEXT NOT NULL DEFAULT '',"
  "  introducer1 TEXT NOT NULL DEFAULT '',"
  "  introducer2 TEXT NOT NULL DEFAULT '',"
  "  documents TEXT NOT NULL DEFAULT '',"
  "  months INTEGER NOT NULL DEFAULT 0 CHECK (months >= 0),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX develop_steps_applicant ON develop_steps (applicant_id, step, date);"

  "CREATE TABLE transfers ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  number TEXT NOT NULL UNIQUE CHECK (length (number) > 0),"
  "  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),"
  "  member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,"
  "  member_name TEXT NOT NULL CHECK (length (member_name) > 0),"
  "  gender TEXT NOT NULL DEFAULT '',"
  "  age INTEGER NOT NULL DEFAULT 0,"
  "  ethnicity TEXT NOT NULL DEFAULT '',"
  "  id_number TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT 'full' CHECK (category IN ('probationary', 'full')),"
  "  from_org TEXT NOT NULL DEFAULT '',"
  "  to_org TEXT NOT NULL DEFAULT '',"
  "  issued_on TEXT NOT NULL,"
  "  valid_days INTEGER NOT NULL CHECK (valid_days > 0),"
  "  dues_paid_to TEXT NOT NULL DEFAULT '',"
  "  receipt_on TEXT,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  rev INTEGER NOT NULL DEFAULT 1,"
  "  mtime TEXT NOT NULL"
  ");"
  "CREATE INDEX transfers_member ON transfers (member_id, issued_on);";
