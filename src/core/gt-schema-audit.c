/* gt-schema-audit.c — schema step 11: the append-only audit log
 *
 * Every change made through GtStorage is recorded here (see gt-storage-audit.c): who, when,
 * what, and the row before and after as JSON. Triggers refuse to change or remove an entry,
 * whoever writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v11_audit[] =
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL,"              /* ISO 8601 UTC */
  "  operator TEXT NOT NULL DEFAULT '',"
  "  program TEXT NOT NULL DEFAULT '',"
  "  action TEXT NOT NULL CHECK (action IN ('open', 'insert', 'update', 'delete', 'bulk')),"
  "  table_name TEXT NOT NULL DEFAULT '',"
  "  row_id INTEGER,"
  "  before TEXT,"                     /* JSON object, NULL for inserts */
  "  after TEXT,"                      /* JSON object, NULL for deletes */
  "  summary TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX audit_log_table ON audit_log (table_name, row_id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  " END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  " END;";
