/* gt-roster-write.c — writing rosters: the import's one transaction, and the CSV export
 *
 * The export is the format gt-roster.c reads, so an unmasked export imports again as it
 * was: UTF-8 with BOM (Excel opens it as Unicode), CRLF, the Chinese header row, 男/女 and
 * 正式党员/预备党员 as values. These are data, not messages, and are not translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gt-audit.h"
#include "gt-backup.h"
#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-registers.h"
#include "gt-file.h"
#include "gt-roster-private.h"
#include "gt-schema.h"

/* From this many rows on, the search indexes are filled in bulk. */
#define BULK_IMPORT_ROWS 500

/* The export's header row, in the order of the columns written. */
static const char *const export_headers[] = {
  "姓名", "性别", "民族", "身份证号", "手机号码", "学历", "职业", "入党日期", "转正日期",
  "所在支部", "党员类别", "所在党小组",
};

static gboolean
insert_event (GtStorage *storage, gint64 member_id, const char *kind, const char *date,
              gint64 org_id, const char *mtime, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO member_events (uuid, member_id, kind, date, org_id, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  g_autofree char *uuid = gt_new_uuid ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, org_id);
  sqlite3_bind_text (stmt, 6, mtime, -1, SQLITE_TRANSIENT);
  return gt_storage_step_done (storage, stmt, error);
}

/* A large roster records the members' admission and full-membership events with one
 * statement after the members, instead of two per row (200 000 rows: 400 000 statements).
 * One pass over the new members, each member's admission first, then its full membership,
 * as the row-by-row path writes them. */
static gboolean
insert_events_since (GtStorage *storage, gint64 since, const char *mtime, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO member_events (uuid, member_id, kind, date, org_id, mtime)"
    " SELECT gt_uuid (), m.id, k.column1,"
    "  CASE k.column1 WHEN 'admission' THEN m.join_date ELSE m.full_date END, m.org_id, :mtime"
    " FROM members m CROSS JOIN (VALUES ('admission'), ('full_membership')) k"
    " WHERE m.id > :since AND (k.column1 = 'admission' OR m.full_date IS NOT NULL)"
    " ORDER BY m.id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":mtime"), mtime, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":since"), since);
  return gt_storage_step_done (storage, stmt, error);
}

static const char insert_member_sql[] =
  "INSERT INTO members (uuid, org_id, name, gender, ethnicity, id_number, phone, education,"
  " occupation, birth_date, join_date, full_date, category, status, mtime, group_id)"
  " VALUES (gt_uuid (), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'active', ?14, ?15)";

/* Inserts @row with @stmt, insert_member_sql prepared once for all rows (looking it up in
 * the statement cache hashed its text for every row). */
static gboolean
insert_row (GtStorage *storage, sqlite3_stmt *stmt, GtRosterRow *row, const char *mtime,
            gboolean bulk, GError **error)
{
  gint64 member_id;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  /* The row's strings live in the report and mtime in the caller: bound without copies. */
  sqlite3_bind_int64 (stmt, 2, row->org_id);
  sqlite3_bind_text (stmt, 3, row->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->gender == 'F' ? "F" : "M", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->ethnicity, -1, SQLITE_STATIC);
  if (row->id_number != NULL)
    sqlite3_bind_text (stmt, 6, row->id_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->education, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, row->occupation, -1, SQLITE_STATIC);
  if (row->birth_date != NULL)
    sqlite3_bind_text (stmt, 10, row->birth_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, row->join_date, -1, SQLITE_STATIC);
  if (row->full_date != NULL)
    sqlite3_bind_text (stmt, 12, row->full_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, row->category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, mtime, -1, SQLITE_STATIC);
  if (row->group_id > 0)
    sqlite3_bind_int64 (stmt, 15, row->group_id);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (bulk) /* the events follow in insert_events_since () */
    return TRUE;
  member_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));

  return insert_event (storage, member_id, "admission", row->join_date, row->org_id, mtime,
                       error) &&
         (row->full_date == NULL || insert_event (storage, member_id, "full_membership",
                                                  row->full_date, row->org_id, mtime, error));
}

/* Drops the members' own indexes (not the uuid's, which belongs to the table) and returns
 * the statements that make them again. A roster larger than the members already stored
 * is written faster into the bare table, and its indexes sorted once after (200 000 rows
 * onto 215: 0.82 s of inserts → 0.47 s, plus 0.22–0.28 s to make the indexes). Inside the
 * import's transaction: a rollback brings them back as they were. SQLite refuses the drop
 * while a statement of the connection is part-way through its rows: every reader resets
 * its statement when done. */
static GPtrArray *
drop_member_indexes (GtStorage *storage, GError **error)
{
  g_autoptr (GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT sql, 'DROP INDEX main.\"' || replace (name, '\"', '\"\"') || '\"' FROM sqlite_schema"
    " WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (creates, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (drops, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  for (guint i = 0; i < drops->len; i++)
    if (!gt_storage_exec (storage, drops->pdata[i], error))
      return NULL;
  return g_steal_pointer (&creates);
}

/* Makes the indexes dropped above again. The roster's ID numbers were checked against the
 * register when the file was read; should another program have stored one of them since,
 * the unique index refuses it here and the whole import rolls back. */
static gboolean
make_member_indexes (GtStorage *storage, GPtrArray *statements, GError **error)
{
  GError *local_error = NULL;

  for (guint i = 0; statements != NULL && i < statements->len; i++)
    if (!gt_storage_exec (storage, statements->pdata[i], &local_error))
      {
        if (g_error_matches (local_error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT))
          g_prefix_error (&local_error, _("A member with an ID number of the file was stored "
                                          "while the file was being checked; check it again: "));
        g_propagate_error (error, local_error);
        return FALSE;
      }
  return TRUE;
}

/* One import under way: what it writes, and whom it tells how far it is. */
typedef struct
{
  GtStorage *storage;
  GtRosterReport *report;
  const char *mtime;
  gboolean bulk;
  gint64 clock; /* the current phase's start */
  GCancellable *cancellable;
  GtRosterProgress progress;
  gpointer progress_data;
} Apply;

/* The share of a bulk import done after each phase, as the phases of 200 000 rows onto the
 * demo database took: members 0.49 s, their indexes 0.33 s, events 0.57 s, search indexes
 * 1.17 s, commit 0.15 s. */
#define DONE_MEMBERS 0.18
#define DONE_INDEXES 0.30
#define DONE_EVENTS 0.51
#define DONE_SEARCH 0.94
/* Progress and a look at the cancellable every this many rows. */
#define CHECK_ROWS 4096

/* Logs the time of @phase (G_MESSAGES_DEBUG=all shows it), restarts the clock and reports
 * @done. */
static void
phase_done (Apply *a, const char *phase, double done)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("roster import: %s %.3f s (process CPU so far %.3f s)", phase,
           (now - a->clock) / 1e6, gt_roster_cpu_seconds ());
  a->clock = now;
  if (a->progress != NULL)
    a->progress (done, a->progress_data);
}

/* Whether the import may go on: FALSE, with @error set, once it is cancelled. */
static gboolean
not_cancelled (Apply *a, GError **error)
{
  return !g_cancellable_set_error_if_cancelled (a->cancellable, error);
}

/* Inserts the valid rows of the report with one prepared statement, reporting progress. */
static gboolean
insert_rows (Apply *a, guint *n, GError **error)
{
  GtRosterReport *report = a->report;
  sqlite3_stmt *stmt = gt_storage_prepare (a->storage, insert_member_sql, error);
  double share = a->bulk ? DONE_MEMBERS : DONE_SEARCH;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < report->rows->len; i++)
    {
      GtRosterRow *row = report->rows->pdata[i];

      if (!row->valid)
        continue;
      if (!insert_row (a->storage, stmt, row, a->mtime, a->bulk, error))
        return FALSE;
      if (++*n % CHECK_ROWS == 0)
        {
          if (!not_cancelled (a, error))
            return FALSE;
          if (a->progress != NULL)
            a->progress (share * *n / report->n_valid, a->progress_data);
        }
    }
  return TRUE;
}

/* The events and search indexes of a bulk import's members, stored after @since. */
static gboolean
complete_bulk (Apply *a, gint64 since, GError **error)
{
  g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
  g_auto (GStrv) parts = g_strsplit (gt_schema_search_bulk_end (), ":since", -1);
  g_autofree char *sql = g_strjoinv (since_text, parts);

  if (!not_cancelled (a, error) || !insert_events_since (a->storage, since, a->mtime, error))
    return FALSE;
  phase_done (a, "events", DONE_EVENTS);
  if (!not_cancelled (a, error) || !gt_storage_exec (a->storage, sql, error))
    return FALSE;
  phase_done (a, "search indexes", DONE_SEARCH);
  return TRUE;
}

/* Everything the import writes, inside the transaction the caller began. */
static gboolean
write_in_transaction (Apply *a, guint *n, GError **error)
{
  g_autoptr (GPtrArray) indexes = NULL;
  gint64 since = 0, stored = 0;

  /* A large roster is one entry in the audit log, with its counts, not one per row. */
  if (a->bulk)
    gt_audit_bulk_begin (a->storage);
  /* A large roster fills the search indexes once at the end instead of row by row. */
  if (a->bulk && (!gt_storage_query_int64 (a->storage, "SELECT coalesce (max (id), 0) FROM members",
                                           &since, error) ||
                  !gt_storage_exec (a->storage, gt_schema_search_bulk_begin (), error)))
    return FALSE;
  if (a->bulk && (!gt_storage_query_int64 (a->storage, "SELECT count(*) FROM members", &stored,
                                           error) ||
                  (a->report->n_valid > stored &&
                   (indexes = drop_member_indexes (a->storage, error)) == NULL)))
    return FALSE;
  if (!insert_rows (a, n, error))
    return FALSE;
  phase_done (a, "members", DONE_MEMBERS);
  if (!not_cancelled (a, error) || !make_member_indexes (a->storage, indexes, error))
    return FALSE;
  if (indexes != NULL)
    phase_done (a, "member indexes", DONE_INDEXES);
  if (a->bulk)
    {
      g_autofree char *summary = NULL;

      if (!complete_bulk (a, since, error))
        return FALSE;
      summary = g_strdup_printf (_("roster import %s: %u members"), a->report->file, *n);
      gt_audit_bulk_end (a->storage, summary);
    }
  return not_cancelled (a, error);
}

/* The valid rows of the report in one transaction, committed; sets report->n_imported. */
static gboolean
write_valid_rows (Apply *a, GError **error)
{
  guint n = 0;

  if (!gt_storage_begin (a->storage, error))
    return FALSE;
  if (!write_in_transaction (a, &n, error))
    {
      gt_storage_rollback (a->storage);
      return FALSE;
    }
  if (!gt_storage_commit (a->storage, error))
    return FALSE;
  a->report->n_imported = n;
  return TRUE;
}

/* Refuses a report that cannot be imported as asked, with the reason. */
static gboolean
check_importable (GtRosterReport *report, gboolean valid_only, GError **error)
{
  if (!report->complete)
    {
      /* The problem that stopped the reading (no header, an empty file, bytes that are not
       * text) says more than "could not be read". */
      const GtRosterProblem *stop = gt_roster_report_get_stop (report);

      if (stop != NULL && stop->line == 0)
        g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID,
                     _("%s: %s; nothing was imported"), report->file, stop->message);
      else if (stop != NULL && stop->column != NULL)
        /* Translators: FILE:LINE: COLUMN: reason */
        g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID,
                     _("%s:%u: %s: %s; nothing was imported"), report->file, stop->line,
                     stop->column, stop->message);
      else if (stop != NULL)
        g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID,
                     _("%s:%u: %s; nothing was imported"), report->file, stop->line,
                     stop->message);
      else
        g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID,
                     _("%s: the file could not be read to its end, so nothing was imported"),
                     report->file);
      return FALSE;
    }
  if (report->n_errors > 0 && !valid_only)
    {
      g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID,
                   ngettext ("%s: %u problem, so nothing was imported",
                             "%s: %u problems, so nothing was imported", report->n_errors),
                   report->file, report->n_errors);
      return FALSE;
    }
  return TRUE;
}

static void
interrupt_cb (GCancellable *cancellable, sqlite3 *db)
{
  sqlite3_interrupt (db);
}

/* Backs up, then writes: the import itself, once the report may be imported. */
static gboolean
backup_and_write (Apply *a, GError **error)
{
  g_autofree char *backup = NULL;
  gboolean ok;

  /* The members as they were, should this turn out to be the wrong file. */
  if (!gt_backup_automatic_pending (a->storage, "import", &backup, error))
    {
      g_prefix_error (error, _("Nothing was imported, because the backup before the import "
                               "failed: "));
      return FALSE;
    }
  phase_done (a, "backup", 0);
  if (!not_cancelled (a, error))
    {
      gt_backup_automatic_settle (a->storage, &backup, FALSE);
      return FALSE;
    }

  /* A large roster goes through the rollback journal: its pages are written once. */
  if (a->bulk)
    gt_storage_begin_bulk_write (a->storage);
  ok = write_valid_rows (a, error);
  gt_storage_end_bulk_write (a->storage);
  /* A cancelled or failed import rolled back: its backup would only push an older one out. */
  gt_backup_automatic_settle (a->storage, &backup, ok);
  return ok;
}

gboolean
gt_roster_apply_full (GtStorage *storage, GtRosterReport *report, gboolean valid_only,
                      GCancellable *cancellable, GtRosterProgress progress,
                      gpointer progress_data, GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 ();
  GError *local_error = NULL;
  Apply a = { storage, report, mtime, report != NULL && report->n_valid >= BULK_IMPORT_ROWS,
              g_get_monotonic_time (), cancellable, progress, progress_data };
  gulong handler;
  gboolean ok;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  report->n_imported = 0;
  if (!check_importable (report, valid_only, error))
    return FALSE;
  if (report->n_valid == 0)
    return TRUE;

  /* A cancel stops the statement under way (SQLITE_INTERRUPT), and the import rolls back. */
  handler = cancellable == NULL ? 0 : g_cancellable_connect (cancellable,
                                                              G_CALLBACK (interrupt_cb),
                                                              gt_storage_get_db (storage), NULL);
  ok = backup_and_write (&a, &local_error);
  g_cancellable_disconnect (cancellable, handler);
  if (!ok)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("%s: the import was cancelled, so nothing was imported"),
                       report->file);
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  phase_done (&a, "commit", 1.0);

  gt_storage_emit_changed (storage, "members");
  return TRUE;
}

gboolean
gt_roster_apply (GtStorage *storage, GtRosterReport *report, gboolean valid_only,
                 GError **error)
{
  return gt_roster_apply_full (storage, report, valid_only, NULL, NULL, NULL, error);
}


static gboolean
write_rows (GtStorage *storage, gint64 org_id, GtRosterExportFlags flags, GString *out,
            guint *n_written, GError **error)
{
  gint64 branch_id = 0, group_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* a 党小组: the members placed in it, who are registered with its branch */
  if (org_id > 0 && !gt_member_resolve_org (storage, org_id, &branch_id, &group_id, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "WITH RECURSIVE tree (id, path) AS ("
    "  SELECT id, printf ('%08d', sort_order) || printf ('%012d', id) FROM organizations"
    "   WHERE archived = 0 AND CASE WHEN ?1 IS NULL THEN parent_id IS NULL ELSE id = ?1 END"
    "  UNION ALL SELECT o.id, tree.path || '/' || printf ('%08d', o.sort_order)"
    "   || printf ('%012d', o.id) FROM organizations o JOIN tree ON o.parent_id = tree.id"
    "   WHERE o.archived = 0)"
    " SELECT m.name, m.gender, m.ethnicity, m.id_number, m.phone, m.education, m.occupation,"
    "  m.join_date, m.full_date,"
    "  CASE WHEN o.code <> '' AND (SELECT count(*) FROM organizations x WHERE x.name = o.name"
    "   AND x.archived = 0) > 1 THEN o.code ELSE o.name END, m.category,"
    "  (SELECT name FROM organizations WHERE id = m.group_id)"
    " FROM tree JOIN members m ON m.org_id = tree.id JOIN organizations o ON o.id = m.org_id"
    " WHERE m.status = 'active' AND (?2 IS NULL OR m.group_id = ?2)"
    " ORDER BY tree.path, m.id", error);
  if (stmt == NULL)
    return FALSE;
  if (org_id > 0)
    sqlite3_bind_int64 (stmt, 1, branch_id);
  if (group_id > 0)
    sqlite3_bind_int64 (stmt, 2, group_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id_number = (const char *) sqlite3_column_text (stmt, 3);
      const char *phone = (const char *) sqlite3_column_text (stmt, 4);
      const char *gender = (const char *) sqlite3_column_text (stmt, 1);
      const char *category = (const char *) sqlite3_column_text (stmt, 10);
      g_autofree char *masked_id = NULL, *masked_phone = NULL;

      if (!(flags & GT_ROSTER_EXPORT_UNMASKED))
        {
          id_number = masked_id = gt_idcard_mask (id_number);
          phone = masked_phone = gt_phone_mask (phone);
        }
      gt_csv_append_field (out, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_c (out, ',');
      gt_csv_append_field (out, g_strcmp0 (gender, "F") == 0 ? "女" : "男");
      g_string_append_c (out, ',');
      gt_csv_append_field (out, (const char *) sqlite3_column_text (stmt, 2));
      g_string_append_c (out, ',');
      gt_csv_append_field (out, id_number);
      g_string_append_c (out, ',');
      gt_csv_append_field (out, phone);
      for (int col = 5; col <= 9; col++)
        {
          g_string_append_c (out, ',');
          gt_csv_append_field (out, (const char *) sqlite3_column_text (stmt, col));
        }
      g_string_append_c (out, ',');
      gt_csv_append_field (out, g_strcmp0 (category, "full") == 0 ? "正式党员" : "预备党员");
      g_string_append_c (out, ',');
      gt_csv_append_field (out, (const char *) sqlite3_column_text (stmt, 11));
      g_string_append (out, "\r\n");
      (*n_written)++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

/* Writes the export, reporting a file that cannot be written as GT_ROSTER_ERROR_OUTPUT. */
static gboolean
write_output (const char *path, const GString *out, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (gt_file_write_atomically (path, out->str, out->len, &local_error))
    return TRUE;
  g_set_error_literal (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT, local_error->message);
  return FALSE;
}

gboolean
gt_roster_export (GtStorage *storage, const char *org, const char *path,
                  GtRosterExportFlags flags, guint *n_written, GError **error)
{
  g_autoptr (GString) out = g_string_new ("\xEF\xBB\xBF");
  gint64 org_id = 0;
  guint n = 0;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (org != NULL && *org != '\0' && !gt_roster_find_org (storage, org, &org_id, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (export_headers); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", export_headers[i]);
  g_string_append (out, "\r\n");
  if (!write_rows (storage, org_id, flags, out, &n, error) ||
      !write_output (path, out, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}
