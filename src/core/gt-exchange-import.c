/* gt-exchange-import.c — checking a package, previewing it and applying it in one transaction
 *
 * Order of checks: size limit → signature over the raw bytes by a trusted key (a key not in
 * the trust list: the refusal names the sender the header claims, read by the bounded reader
 * below from the unverified bytes, header only) → no "<!"
 * anywhere (DOCTYPE, entities, comments, CDATA never appear in a package) → streaming,
 * validating parse of the header: sender matches the key's office, receiver is this office,
 * format version understood, the period begun, ledger (already imported?), these header
 * checks in gt-exchange-admit.c → automatic backup → one
 * transaction: every record classified new / updated / unchanged / conflicting and applied,
 * the ledger entry written, the whole audited as one bulk entry. Any problem rolls back.
 * The records are parsed and validated on a second thread (gt-exchange-pipe.c) while this
 * one, the only one that touches the database, stores them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "gt-audit.h"
#include "gt-backup.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"

typedef enum
{
  MODE_VERIFY, /* read everything, touch no table */
  MODE_IMPORT, /* classify and write (rolled back for a dry run) */
} Mode;

typedef struct
{
  GtStorage *storage;
  GtExchangeResult *result;
  GtExchangeResolution resolution;
  GString *json;
  GString *local;
  /* apply_record's statements, looked up once instead of per record */
  sqlite3_stmt *insert, *select, *update, *seen;
} Importer;

#define INSERT_RECORD_SQL \
  "INSERT INTO ex_records (source_code, type, uuid, rev, mtime, deleted, parent_uuid, data," \
  " package_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_code, uuid) DO NOTHING"
#define SELECT_RECORD_SQL \
  "SELECT rev, mtime, deleted, data, type, package_uuid FROM ex_records" \
  " WHERE source_code = ? AND uuid = ?"
/* The records of this package already held before it: a second copy of one would otherwise
 * pass as unchanged, or as a conflict with the first (those of the package's new or updated
 * records carry its uuid in package_uuid). */
#define SEEN_TABLE_SQL \
  "CREATE TEMP TABLE IF NOT EXISTS ex_import_seen (uuid TEXT PRIMARY KEY) WITHOUT ROWID;" \
  "DELETE FROM temp.ex_import_seen;"
#define SEEN_RECORD_SQL \
  "INSERT INTO temp.ex_import_seen (uuid) VALUES (?) ON CONFLICT DO NOTHING"
#define UPDATE_RECORD_SQL \
  "UPDATE ex_records SET rev = ?1, mtime = ?2, deleted = ?3," \
  " parent_uuid = CASE WHEN ?3 THEN parent_uuid ELSE ?4 END," \
  " data = CASE WHEN ?3 THEN data ELSE ?5 END, package_uuid = ?6," \
  " type = ?7 WHERE source_code = ?8 AND uuid = ?9"

/* Time per phase, for profiling: G_MESSAGES_DEBUG=all guatu-cli import … (wall and CPU). */
typedef struct
{
  gint64 wall;
  double cpu;
} Stamp;

static void
stamp (Stamp *last, const char *phase)
{
  struct timespec ts;
  gint64 wall = g_get_monotonic_time ();
  double cpu;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  cpu = ts.tv_sec + ts.tv_nsec * 1e-9;
  if (phase != NULL)
    g_debug ("exchange import: %-10s %7.3f s wall %7.3f s cpu", phase,
             (wall - last->wall) / 1e6, cpu - last->cpu);
  last->wall = wall;
  last->cpu = cpu;
}

static sqlite3_stmt *
reuse (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
describe (GString *out, gint64 rev, const char *mtime, gboolean deleted, const char *data)
{
  g_string_append_printf (out, "{\"rev\":%" G_GINT64_FORMAT ",\"mtime\":", rev);
  gt_exchange_json_string (out, mtime != NULL ? mtime : "");
  g_string_append_printf (out, ",\"deleted\":%s,\"data\":%s}", deleted ? "true" : "false",
                          data != NULL && *data != '\0' ? data : "{}");
}

/* Classifies an incoming (rev, mtime) against the local one. */
static GtExchangeOutcome
classify (gint64 in_rev, gint64 local_rev, gboolean same)
{
  if (in_rev > local_rev)
    return GT_EXCHANGE_UPDATED;
  if (in_rev == local_rev && same)
    return GT_EXCHANGE_UNCHANGED;
  return GT_EXCHANGE_CONFLICTING;
}

static gboolean
conflict (Importer *im, const GtExchangeRecord *rec, gboolean in_deleted, const char *in_data)
{
  GString *incoming = g_string_new (NULL);

  describe (incoming, rec->rev, rec->mtime, in_deleted, in_data);
  gt_exchange_result_add_conflict (im->result, rec->type, rec->uuid,
                                   g_strdup (im->local->str), g_string_free (incoming, FALSE));
  return im->resolution == GT_EXCHANGE_RESOLVE_TAKE_INCOMING;
}

static gboolean
twice (Importer *im, const GtExchangeRecord *rec, GError **error)
{
  g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
               _("%s:%d: the package holds record %s twice"), im->result->path, rec->line,
               rec->uuid);
  return FALSE;
}

/* Registers and tombstones → ex_records. Sets @outcome; FALSE on a database error. */
static gboolean
apply_record (Importer *im, const GtExchangeRecord *rec, GtExchangeOutcome *outcome,
              GError **error)
{
  GtStorage *storage = im->storage;
  gboolean deleted = rec->type == GT_EXCHANGE_TOMBSTONE;
  const char *type = deleted ? gt_exchange_record_get (rec, "type")
                             : gt_exchange_type_name (rec->type);
  sqlite3_stmt *stmt;
  gint64 local_rev;
  gboolean local_deleted, same, take, fills_in = FALSE;
  const char *json = deleted ? "{}" : rec->json; /* built on the parsing thread */
  const char *local_json;
  g_autofree char *clear = NULL;
  gsize json_len = deleted ? 2 : rec->json_len;
  int rc;

  /* The pipe builds it for every register record; a FALSE here without an error would let
   * the import commit what it had so far. */
  g_assert (json != NULL);

  stmt = reuse (im->insert);
  sqlite3_bind_text (stmt, 1, im->result->sender_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rec->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, rec->rev);
  sqlite3_bind_text (stmt, 5, rec->mtime, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, deleted);
  sqlite3_bind_text (stmt, 7, rec->parent, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, json, json_len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, im->result->package_uuid, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (sqlite3_changes (gt_storage_get_db (storage)) == 1)
    {
      *outcome = GT_EXCHANGE_NEW;
      return TRUE;
    }

  stmt = reuse (im->seen);
  sqlite3_bind_text (stmt, 1, rec->uuid, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (sqlite3_changes (gt_storage_get_db (storage)) == 0)
    return twice (im, rec, error);

  stmt = reuse (im->select);
  sqlite3_bind_text (stmt, 1, im->result->sender_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rec->uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      gt_storage_set_error (storage, error, _("reading a received record"));
      return FALSE;
    }
  /* Written by this package already: a package never holds a record twice (the ledger
   * keeps a package from being imported again). */
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), im->result->package_uuid) == 0)
    {
      sqlite3_reset (stmt);
      return twice (im, rec, error);
    }
  local_rev = sqlite3_column_int64 (stmt, 0);
  local_deleted = sqlite3_column_int (stmt, 2) != 0;
  local_json = (const char *) sqlite3_column_text (stmt, 3);
  same = local_deleted == deleted &&
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), type) == 0;
  if (same && !deleted && g_strcmp0 (local_json, json) != 0)
    {
      /* A masked package's copy of a record held in clear keeps the clear ID and phone
       * numbers; a clear copy of a record held masked fills them in (gt-exchange-mask.c). */
      clear = gt_exchange_unmask_json (json, local_json);
      if (clear != NULL)
        {
          same = strcmp (clear, local_json) == 0;
          json = clear;
          json_len = strlen (clear);
        }
      else
        {
          g_autofree char *filled = gt_exchange_unmask_json (local_json, json);

          same = FALSE;
          fills_in = filled != NULL && strcmp (filled, json) == 0;
        }
    }
  *outcome = classify (rec->rev, local_rev, same);
  if (fills_in && rec->rev == local_rev)
    *outcome = GT_EXCHANGE_UPDATED;
  if (*outcome == GT_EXCHANGE_CONFLICTING)
    {
      g_string_truncate (im->local, 0);
      describe (im->local, local_rev, (const char *) sqlite3_column_text (stmt, 1), local_deleted,
                local_json);
    }
  sqlite3_reset (stmt);

  take = *outcome == GT_EXCHANGE_UPDATED ||
         (*outcome == GT_EXCHANGE_CONFLICTING && conflict (im, rec, deleted, json));
  if (!take)
    return TRUE;
  stmt = reuse (im->update);
  sqlite3_bind_int64 (stmt, 1, rec->rev);
  sqlite3_bind_text (stmt, 2, rec->mtime, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, deleted);
  sqlite3_bind_text (stmt, 4, rec->parent, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, json, json_len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, im->result->package_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, im->result->sender_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, rec->uuid, -1, SQLITE_STATIC);
  return gt_storage_step_done (storage, stmt, error);
}

/* An acknowledgement counts only for a task or notice this office issued to its sender (or
 * to every township). One for a task never issued here, or sent to another township, is
 * ignored: not stored, not counted, and said why in the result, while the rest of the package
 * is imported (a township's packages carry all its acknowledgements, so refusing them would
 * refuse each later report too). */
static gboolean
ack_is_addressed (Importer *im, const GtExchangeRecord *rec, gboolean *addressed,
                  GError **error)
{
  const char *task = gt_exchange_record_get (rec, "task");
  const char *sender = im->result->sender_code;
  sqlite3_stmt *stmt = gt_storage_prepare (im->storage,
                                           "SELECT kind, title, target_code FROM ex_tasks"
                                           " WHERE uuid = ? AND incoming = 0", error);
  char *why = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, task, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 1);
      const char *target = (const char *) sqlite3_column_text (stmt, 2);

      if (g_strcmp0 (target, "*") != 0 && g_strcmp0 (target, sender) != 0)
        why = g_strdup_printf (g_strcmp0 (kind, "notice") == 0
                                 ? _("line %d: acknowledgement %s is for the notice “%s”, sent "
                                     "to office %s, not to %s; it was ignored")
                                 : _("line %d: acknowledgement %s is for the task “%s”, sent "
                                     "to office %s, not to %s; it was ignored"),
                               rec->line, rec->uuid, title, target, sender);
    }
  else if (rc == SQLITE_DONE)
    why = g_strdup_printf (_("line %d: acknowledgement %s is for task %s, which this office "
                             "did not issue; it was ignored"), rec->line, rec->uuid,
                           task != NULL ? task : "");
  else
    {
      gt_storage_set_error (im->storage, error, _("reading"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  *addressed = why == NULL;
  if (why != NULL && im->result->ignored->len < GT_EXCHANGE_MAX_CONFLICTS)
    g_ptr_array_add (im->result->ignored, why);
  else
    g_free (why);
  return TRUE;
}

/* Tasks (dispatch) and acknowledgements: rows of their own tables, compared by rev+mtime. */
static gboolean
apply_task_or_ack (Importer *im, const GtExchangeRecord *rec, GtExchangeOutcome *outcome,
                   GError **error)
{
  GtStorage *storage = im->storage;
  gboolean task = rec->type == GT_EXCHANGE_TASK;
  const char *owner = gt_exchange_record_get (rec, task ? "issuer-code" : "office-code");
  sqlite3_stmt *stmt;
  gint64 local_rev;
  gboolean same;

  if (g_strcmp0 (owner, im->result->sender_code) != 0)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   _("%s:%d: a %s of office %s inside a package from %s"), im->result->path,
                   rec->line, gt_exchange_type_label_singular (rec->type), owner,
                   im->result->sender_code);
      return FALSE;
    }
  if (!task)
    {
      gboolean addressed = TRUE;

      if (!ack_is_addressed (im, rec, &addressed, error))
        return FALSE;
      if (!addressed)
        {
          *outcome = GT_EXCHANGE_IGNORED;
          return TRUE;
        }
    }
  /* After rev and mtime the fields in the order and under the names of the package's
   * attributes (the last one is the element's text), for the conflict preview. */
  stmt = gt_storage_prepare (storage,
                             task ? "SELECT rev, mtime, kind, title, due_date, issuer_code,"
                                    " issuer_name, target_code, issued_on, withdrawn_on,"
                                    " withdrawn_reason, body"
                                    " FROM ex_tasks WHERE uuid = ?"
                                  : "SELECT rev, mtime, office_code, office_name, status, date,"
                                    " note FROM ex_acks WHERE uuid = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rec->uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      local_rev = sqlite3_column_int64 (stmt, 0);
      same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), rec->mtime) == 0;
      *outcome = classify (rec->rev, local_rev, same);
      /* A township never changes a task it received: a lower revision is an older dispatch
       * package imported late, not a conflict. Its copy stays as it is, so a package written
       * before a withdrawal never takes the withdrawal back. */
      if (task && rec->rev < local_rev)
        *outcome = GT_EXCHANGE_UNCHANGED;
      if (*outcome == GT_EXCHANGE_CONFLICTING)
        {
          static const char *const task_fields[] = { "kind", "title", "due", "issuer-code",
                                                     "issuer-name", "target", "issued",
                                                     "withdrawn", "withdrawn-reason", "text",
                                                     NULL };
          static const char *const ack_fields[] = { "office-code", "office-name", "status",
                                                    "date", "text", NULL };
          const char *const *fields = task ? task_fields : ack_fields;
          g_autoptr (GString) data = g_string_new ("{");

          for (int i = 0; fields[i] != NULL; i++)
            {
              const char *value = (const char *) sqlite3_column_text (stmt, 2 + i);
              if (value == NULL || *value == '\0')
                continue;
              if (data->len > 1)
                g_string_append_c (data, ',');
              gt_exchange_json_string (data, fields[i]);
              g_string_append_c (data, ':');
              gt_exchange_json_string (data, value);
            }
          g_string_append_c (data, '}');
          g_string_truncate (im->local, 0);
          describe (im->local, local_rev, (const char *) sqlite3_column_text (stmt, 1), FALSE,
                    data->str);
        }
    }
  else
    *outcome = GT_EXCHANGE_NEW;
  sqlite3_reset (stmt);
  if (*outcome == GT_EXCHANGE_UNCHANGED)
    return TRUE;
  if (*outcome == GT_EXCHANGE_CONFLICTING)
    {
      g_string_truncate (im->json, 0);
      gt_exchange_record_to_json (rec, im->json);
      if (!conflict (im, rec, FALSE, im->json->str))
        return TRUE;
    }

  if (task)
    stmt = gt_storage_prepare (storage,
                               "INSERT INTO ex_tasks (uuid, rev, mtime, kind, title, body, due_date,"
                               " issuer_code, issuer_name, target_code, issued_on, incoming,"
                               " withdrawn_on, withdrawn_reason)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12,"
                               " coalesce (?13, ''))"
                               " ON CONFLICT (uuid) DO UPDATE SET rev = ?2, mtime = ?3, kind = ?4,"
                               " title = ?5, body = ?6, due_date = ?7, issuer_name = ?9,"
                               " target_code = ?10, issued_on = ?11, withdrawn_on = ?12,"
                               " withdrawn_reason = coalesce (?13, '')", error);
  else
    stmt = gt_storage_prepare (storage,
                               "INSERT INTO ex_acks (uuid, rev, mtime, task_uuid, office_code,"
                               " office_name, status, date, note) VALUES (?1, ?2, ?3, ?4, ?8, ?9,"
                               " ?5, ?11, ?6) ON CONFLICT (uuid) DO UPDATE SET rev = ?2,"
                               " mtime = ?3, status = ?5, date = ?11, note = ?6,"
                               " office_name = ?9", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rec->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rec->rev);
  sqlite3_bind_text (stmt, 3, rec->mtime, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, gt_exchange_record_get (rec, task ? "kind" : "task"), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, gt_exchange_record_get (rec, task ? "title" : "status"), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rec->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, gt_exchange_record_get (rec, "due"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, owner, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, gt_exchange_record_get (rec, task ? "issuer-name" : "office-name"),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, gt_exchange_record_get (rec, "target"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, gt_exchange_record_get (rec, task ? "issued" : "date"), -1,
                     SQLITE_STATIC);
  if (task)
    {
      /* a withdrawal (撤回): absent in packages written before it existed */
      sqlite3_bind_text (stmt, 12, gt_exchange_record_get (rec, "withdrawn"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, gt_exchange_record_get (rec, "withdrawn-reason"), -1,
                         SQLITE_STATIC);
    }
  if (gt_exchange_record_get (rec, "issuer-name") == NULL &&
      gt_exchange_record_get (rec, "office-name") == NULL)
    sqlite3_bind_text (stmt, 9, "", -1, SQLITE_STATIC);
  return gt_storage_step_done (storage, stmt, error);
}

static gboolean
write_ledger (Importer *im, GError **error)
{
  GtExchangeResult *r = im->result;
  g_autofree char *now = gt_now_iso8601 ();
  guint totals[GT_EXCHANGE_N_OUTCOMES] = { 0 };
  sqlite3_stmt *stmt;

  for (int t = 0; t < GT_EXCHANGE_N_TYPES; t++)
    for (int o = 0; o < GT_EXCHANGE_N_OUTCOMES; o++)
      totals[o] += r->counts[t][o];
  stmt = gt_storage_prepare (im->storage,
                             "INSERT INTO ex_ledger (package_uuid, sha256, kind, sender_code,"
                             " sender_name, key_fingerprint, period, created, imported_on, n_new,"
                             " n_updated, n_unchanged, n_conflicts, resolution)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->package_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, gt_exchange_kind_to_string (r->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->sender_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, r->sender_name != NULL ? r->sender_name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, r->key_fingerprint, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, r->period, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, r->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  for (int o = 0; o < GT_EXCHANGE_N_OUTCOMES; o++)
    sqlite3_bind_int64 (stmt, 10 + o, totals[o]);
  sqlite3_bind_text (stmt, 14, r->n_conflicts == 0 ? ""
                               : im->resolution == GT_EXCHANGE_RESOLVE_KEEP_LOCAL ? "keep-local"
                               : "take-incoming", -1, SQLITE_STATIC);
  if (!gt_storage_step_done (im->storage, stmt, error))
    return FALSE;
  if (r->kind != GT_EXCHANGE_KIND_REPORT && r->kind != GT_EXCHANGE_KIND_FULL)
    return TRUE;

  stmt = gt_storage_prepare (im->storage,
                             "INSERT INTO ex_reports (uuid, mtime, kind, sender_code, sender_name,"
                             " period, created, masked, organizations, members, households, links,"
                             " projects, milestones, meetings, dues_payments, points, ratings,"
                             " tombstones)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->package_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, gt_exchange_kind_to_string (r->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->sender_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, r->sender_name != NULL ? r->sender_name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, r->period, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, r->created, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, r->masked);
  /* the count columns are in the order of the record types */
  for (int t = 0; t <= GT_EXCHANGE_TOMBSTONE; t++)
    sqlite3_bind_int64 (stmt, 9 + t, r->claimed[t]);
  return gt_storage_step_done (im->storage, stmt, error);
}

/* After a refusal of @data's signature by a key not in the trust list: the sender the
 * header claims, read from the unverified bytes by the same bounded reader (the header only),
 * added to @error's message and kept in @result; nothing else is believed. */
static void
say_claimed_sender (const char *path, const char *data, gsize length,
                    GtExchangeResult *result, GError *error)
{
  g_autoptr (GtExchangeReader) reader = gt_exchange_reader_new (path, data, length, NULL);
  g_autofree char *sender = NULL, *message = NULL;

  if (reader == NULL || !gt_exchange_reader_read_header (reader, result, NULL) ||
      result->sender_code == NULL)
    return;
  result->sender_verified = FALSE;
  sender = gt_exchange_result_sender_text (result);
  /* TRANSLATORS: the refusal, then who the package says it is from (name, code, and that it
   * is claimed, not verified) */
  message = g_strdup_printf (_("%s. The package claims to come from %s; call that office to "
                               "check, and add its key to the trust list only if it is "
                               "theirs."), error->message, sender);
  g_free (error->message);
  error->message = g_steal_pointer (&message);
}

static GtExchangeResult *
run (GtStorage *storage, const char *path, Mode mode, GtExchangeImportFlags flags,
     GtExchangeResolution resolution, GCancellable *cancellable, GtExchangeProgress progress,
     gpointer progress_data, GtExchangeResult **preview, GError **error)
{
  guint n_records = 0;
  g_autoptr (GtExchangeResult) result = gt_exchange_result_new (path);
  g_autoptr (GtExchangeSignature) sig = NULL;
  g_autoptr (GtExchangeReader) reader = NULL;
  g_autoptr (GtExchangePipe) pipe = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *summary = NULL;
  const char *data;
  Importer im = { storage, result, resolution, NULL, NULL };
  GtExchangeRecord record;
  gsize length = 0;
  gboolean dry = (flags & GT_EXCHANGE_IMPORT_DRY_RUN) != 0, ok = TRUE;
  Stamp t;

  stamp (&t, NULL);
  bytes = gt_exchange_load_file (storage, path, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  stamp (&t, "load");
  sig = gt_exchange_check_signature (storage, path, (const guint8 *) data, length, &local_error);
  if (sig == NULL)
    {
      if (g_error_matches (local_error, GT_KEYS_ERROR, GT_KEYS_ERROR_UNTRUSTED))
        {
          say_claimed_sender (path, data, length, result, local_error);
          if (preview != NULL && result->sender_code != NULL)
            *preview = g_steal_pointer (&result);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  stamp (&t, "signature");
  result->sha256 = g_strdup (sig->file_sha256);
  result->key_fingerprint = g_strdup (sig->fingerprint);
  reader = gt_exchange_reader_new (path, data, sig->signed_length, error);
  if (reader == NULL || !gt_exchange_reader_read_header (reader, result, error) ||
      !gt_exchange_check_header (storage, result, sig->org_code, error))
    return NULL;
  /* The sender is the key's office: named as the trust list names it. */
  result->sender_verified = TRUE;
  result->trusted_name = g_strdup (sig->org_name);
  stamp (&t, "header");

  if (mode == MODE_VERIFY)
    {
      while (gt_exchange_reader_next (reader, &record, &local_error))
        result->counts[record.type][GT_EXCHANGE_NEW]++;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      stamp (&t, "records");
      return g_steal_pointer (&result);
    }
  if (result->already_imported)
    return g_steal_pointer (&result);

  if (!dry && (flags & GT_EXCHANGE_IMPORT_NO_BACKUP) == 0 &&
      !gt_backup_automatic_pending (storage, "import", &result->backup_path, error))
    return NULL;
  stamp (&t, "backup");
  /* A dry run writes nothing that stays: no need for the rollback journal's single write. */
  if (!dry)
    gt_storage_begin_bulk_write (storage);
  if (!gt_storage_begin (storage, error))
    {
      gt_storage_end_bulk_write (storage);
      gt_backup_automatic_settle (storage, &result->backup_path, FALSE);
      return NULL;
    }
  if (!gt_storage_exec (storage, SEEN_TABLE_SQL, error) ||
      (im.seen = gt_storage_prepare (storage, SEEN_RECORD_SQL, error)) == NULL ||
      (im.insert = gt_storage_prepare (storage, INSERT_RECORD_SQL, error)) == NULL ||
      (im.select = gt_storage_prepare (storage, SELECT_RECORD_SQL, error)) == NULL ||
      (im.update = gt_storage_prepare (storage, UPDATE_RECORD_SQL, error)) == NULL)
    {
      gt_storage_rollback (storage);
      gt_storage_end_bulk_write (storage);
      gt_backup_automatic_settle (storage, &result->backup_path, FALSE);
      return NULL;
    }
  gt_audit_bulk_begin (storage);
  im.json = g_string_sized_new (1024);
  im.local = g_string_sized_new (1024);
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    ok = FALSE;
  pipe = gt_exchange_pipe_new (reader);
  while (ok && gt_exchange_pipe_next (pipe, &record, &local_error))
    {
      GtExchangeOutcome outcome = GT_EXCHANGE_NEW;

      if (++n_records % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
            break;
          if (progress != NULL)
            progress ((double) gt_exchange_pipe_get_offset (pipe) / MAX (length, 1),
                      progress_data);
        }
      if (record.type == GT_EXCHANGE_TASK || record.type == GT_EXCHANGE_ACK)
        ok = apply_task_or_ack (&im, &record, &outcome, &local_error);
      else
        ok = apply_record (&im, &record, &outcome, &local_error);
      result->counts[record.type][outcome]++;
    }
  g_clear_pointer (&pipe, gt_exchange_pipe_free);
  stamp (&t, "records");
  ok = local_error == NULL;
  if (ok && result->n_conflicts > 0 && resolution == GT_EXCHANGE_RESOLVE_NONE && !dry)
    {
      g_set_error (&local_error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CONFLICTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u record differs from the one here in a way that is not a "
                                "plain update; choose to keep the local one or take the "
                                "incoming one. Nothing was imported.",
                                "%s: %u records differ from the ones here in a way that is not a "
                                "plain update; choose to keep the local ones or take the "
                                "incoming ones. Nothing was imported.", result->n_conflicts),
                   path, result->n_conflicts);
      gt_exchange_say_older (storage, result, local_error);
      ok = FALSE;
    }
  ok = ok && write_ledger (&im, &local_error);
  summary = g_strdup_printf (_("exchange package %s (%s) from %s imported"),
                             result->package_uuid, gt_exchange_kind_to_string (result->kind),
                             result->sender_code);
  gt_audit_bulk_end (storage, summary);
  g_string_free (im.json, TRUE);
  g_string_free (im.local, TRUE);
  stamp (&t, "ledger");
  if (ok && !dry)
    {
      ok = gt_storage_commit (storage, &local_error);
      if (!ok)
        gt_storage_rollback (storage);
    }
  else
    gt_storage_rollback (storage);
  gt_storage_end_bulk_write (storage);
  stamp (&t, dry ? "rollback" : "commit");
  /* A refused package changed nothing: its backup goes, and pushes no older one out. */
  gt_backup_automatic_settle (storage, &result->backup_path, ok);
  if (!ok)
    {
      /* A database error (a full disk, a lock) names the database; say which package too. */
      if (local_error->domain == GT_STORAGE_ERROR)
        g_prefix_error (&local_error, _("%s: nothing was imported: "), path);
      if (preview != NULL && local_error->domain == GT_EXCHANGE_ERROR &&
          local_error->code == GT_EXCHANGE_ERROR_CONFLICTS)
        *preview = g_steal_pointer (&result);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  result->applied = !dry;
  if (progress != NULL)
    progress (1.0, progress_data);
  if (!dry)
    {
      gt_storage_emit_changed (storage, "ex_records");
      gt_storage_emit_changed (storage, "ex_ledger");
    }
  return g_steal_pointer (&result);
}

GtExchangeResult *
gt_exchange_verify_file (GtStorage *storage, const char *path, GError **error)
{
  g_return_val_if_fail (GT_IS_STORAGE (storage) && path != NULL, NULL);
  return run (storage, path, MODE_VERIFY, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, NULL, NULL, NULL,
              error);
}

GtExchangeResult *
gt_exchange_import (GtStorage *storage, const char *path, GtExchangeImportFlags flags,
                    GtExchangeResolution resolution, GtExchangeResult **preview, GError **error)
{
  return gt_exchange_import_full (storage, path, flags, resolution, NULL, NULL, NULL, preview,
                                  error);
}

GtExchangeResult *
gt_exchange_import_full (GtStorage *storage, const char *path, GtExchangeImportFlags flags,
                         GtExchangeResolution resolution, GCancellable *cancellable,
                         GtExchangeProgress progress, gpointer progress_data,
                         GtExchangeResult **preview, GError **error)
{
  g_return_val_if_fail (GT_IS_STORAGE (storage) && path != NULL, NULL);
  return run (storage, path, MODE_IMPORT, flags, resolution, cancellable, progress,
              progress_data, preview, error);
}
