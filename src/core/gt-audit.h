/* gt-audit.h — the append-only audit log: who changed what, when, before and after
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* Names the operator and program for every entry from now on. */
void gt_audit_set_operator (GtStorage *storage, const char *operator_name, const char *program);
/* The same, and records that @program opened the database (the app does this; the CLI only
 * names the operator, so reading commands write nothing). */
gboolean gt_audit_open_session (GtStorage *storage, const char *operator_name,
                                const char *program, GError **error);
/* The operator and program @storage's entries name (newly allocated; NULL when @storage
 * keeps no audit log), and naming them on a second connection of the same session (a
 * worker thread's), which does not claim the database as gt_audit_set_operator does. */
void gt_audit_get_operator (GtStorage *storage, char **operator_name, char **program);
void gt_audit_name_operator (GtStorage *storage, const char *operator_name, const char *program);

/* For bulk work (a roster of 200 000 members, a package): between begin and end the rows
 * are counted instead of logged one by one; end queues one entry with @summary and the
 * counts, written with the transaction. Call both inside the same transaction. */
void gt_audit_bulk_begin (GtStorage *storage);
void gt_audit_bulk_end (GtStorage *storage, const char *summary);

typedef struct
{
  gint64 id;
  char *time;
  char *operator_name;
  char *program;
  char *action;     /* open, insert, update, delete, bulk */
  char *table_name;
  gint64 row_id;
  char *before;     /* JSON object or NULL */
  char *after;
  char *summary;
} GtAuditEntry;

void gt_audit_entry_free (GtAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtAuditEntry, gt_audit_entry_free)

typedef struct
{
  const char *table;  /* NULL for all */
  const char *since;  /* YYYY-MM-DD, inclusive; NULL for no bound */
  const char *until;  /* YYYY-MM-DD, inclusive */
  const char *text;   /* matched against operator, values and summary */
} GtAuditFilter;

/* Newest first. */
GPtrArray *gt_audit_list (GtStorage *storage, const GtAuditFilter *filter, gint64 offset,
                          guint limit, GError **error);

/* One line a person can read: "更新 members #12: phone 138… → 139…". */
char *gt_audit_entry_describe (const GtAuditEntry *entry);

/* The whole (filtered) log as CSV, UTF-8 with BOM, written safely. */
gboolean gt_audit_export_csv (GtStorage *storage, const GtAuditFilter *filter,
                              const char *path, guint *n_written, GError **error);

G_END_DECLS
