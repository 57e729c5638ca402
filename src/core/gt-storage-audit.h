/* gt-storage-audit.h — row-level change capture for the audit log (GtStorage internals)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif
#include <sqlite3.h>

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct _GtAudit GtAudit;

/* Starts capturing every row change on @db's audited tables (all tables except the audit log,
 * the search indexes and SQLite's own). The column names are read now, once. */
GtAudit *gt_audit_attach (sqlite3 *db, GError **error);
void gt_audit_detach (GtAudit *audit);

void gt_audit_set_operator_name (GtAudit *audit, const char *operator_name, const char *program);
const char *gt_audit_get_operator_name (GtAudit *audit);
const char *gt_audit_get_program (GtAudit *audit);

/* Transactions: a savepoint at @depth remembers where its changes begin, so rolling it back
 * forgets exactly those. */
void gt_audit_mark (GtAudit *audit, int depth);
void gt_audit_forget (GtAudit *audit, int depth);
gboolean gt_audit_has_pending (GtAudit *audit);

/* Writes the captured changes (and a pending bulk summary) into audit_log through @storage,
 * inside the caller's transaction. */
gboolean gt_audit_flush (GtAudit *audit, GtStorage *storage, GError **error);

/* Bulk work: while suspended, rows are only counted per table and operation; resuming queues
 * one "bulk" entry with @summary and the counts. */
void gt_audit_suspend (GtAudit *audit);
void gt_audit_resume (GtAudit *audit, const char *summary);

/* The storage's capture, NULL for a database below schema 11. */
GtAudit *gt_storage_get_audit (GtStorage *storage);

/* Queues an "open" entry naming the operator and program. */
void gt_audit_note_open (GtAudit *audit);

G_END_DECLS
