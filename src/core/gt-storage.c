/* gt-storage.c — the one object that owns Guatu's SQLite connection
 *
 * Opening is careful not to touch a file that is not ours: the SQLite header is read with
 * plain stdio first (gt-storage-file.c), then the application id and schema version are read
 * with queries that write nothing, and only then are WAL mode and migrations applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gt-backup.h"
#include "gt-schema.h"
#include "gt-storage-file.h"
#include "gt-storage-holder.h"
#include "gt-storage-private.h"
#include "gt-storage-audit.h"

/* How long a statement waits for another program's lock; GUATU_BUSY_TIMEOUT_MS (for tests)
 * overrides it. */
#define BUSY_TIMEOUT_MS 5000

struct _GtStorage
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt* */
  int schema_version;
  int transaction_depth;
  gboolean opened; /* set once opening is done: errors then name a backup to restore */
  GtAudit *audit;  /* NULL below schema 11 */
  gboolean flushing;
  gboolean bulk_write; /* in the rollback journal for one large write (begin_bulk_write) */
  char *holder_path; /* DB.holder-PID, see gt-storage-holder.c */
  char *file_key;    /* the file's entry in the open files (gt-storage-file.c) */
};

G_DEFINE_TYPE (GtStorage, gt_storage, G_TYPE_OBJECT)
G_DEFINE_QUARK (gt-storage-error-quark, gt_storage_error)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* The database files this process has open with SQLite ("device:inode" → connections).
 * Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
 * included: another process then takes the database for unused, checkpoints it and deletes
 * the WAL that this process's connections still write to, and what they write after that is
 * lost. So a file already open here is never opened again outside SQLite (its header was
 * checked when it was first opened). */

static void
gt_storage_finalize (GObject *object)
{
  GtStorage *self = GT_STORAGE (object);

  if (self->audit != NULL && self->transaction_depth == 0 && gt_audit_has_pending (self->audit) &&
      gt_storage_begin (self, NULL))
    gt_storage_commit (self, NULL);
  g_clear_pointer (&self->audit, gt_audit_detach);
  g_clear_pointer (&self->statements, g_hash_table_destroy);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  gt_storage_file_release (self->file_key);
  gt_storage_holder_remove (self->holder_path);
  g_free (self->holder_path);
  g_free (self->file_key);
  g_free (self->path);

  G_OBJECT_CLASS (gt_storage_parent_class)->finalize (object);
}

static void
gt_storage_class_init (GtStorageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gt_storage_finalize;
  /* Nothing reads SQLite's memory statistics, and keeping them takes a process-wide mutex
   * around every allocation (6 % of a large exchange import). Before the first connection:
   * SQLite refuses the setting once it is initialised. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  /**
   * GtStorage::changed:
   * @table: the table that changed
   *
   * Emitted after a committed change. Connect to "changed::members" for one table.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gt_storage_init (GtStorage *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

static GtStorageError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GT_STORAGE_ERROR_BUSY;
    case SQLITE_FULL:
      return GT_STORAGE_ERROR_FULL;
    case SQLITE_IOERR:
      return GT_STORAGE_ERROR_IO;
    case SQLITE_CORRUPT:
      return GT_STORAGE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return GT_STORAGE_ERROR_NOT_GUATU;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return GT_STORAGE_ERROR_READONLY;
    case SQLITE_CANTOPEN:
      return GT_STORAGE_ERROR_CANT_OPEN;
    case SQLITE_CONSTRAINT:
      return GT_STORAGE_ERROR_CONSTRAINT;
    default:
      return GT_STORAGE_ERROR_FAILED;
    }
}

static void
set_sqlite_error (GError **error, const char *path, sqlite3 *db, int rc, const char *doing)
{
  const char *msg = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if (error_code_from_sqlite (rc) == GT_STORAGE_ERROR_BUSY)
    {
      g_autofree char *holders = gt_storage_holder_describe (path);

      if (holders != NULL)
        g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_BUSY,
                     _("%s: %s: the database is busy: it is open in %s; try again when that "
                       "work has finished"), path, doing, holders);
      else
        g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_BUSY,
                     _("%s: %s: the database is busy: another program is changing it; try "
                       "again when it has finished"), path, doing);
      return;
    }
  /* No room for the WAL or its index is an I/O error to SQLite; the system says why. */
  if (error_code_from_sqlite (rc) == GT_STORAGE_ERROR_FULL ||
      (db != NULL && (rc & 0xff) != SQLITE_BUSY && sqlite3_system_errno (db) == ENOSPC))
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FULL,
                   _("%s: %s: the disk is full; free some space on it and try again (the "
                     "change was not made)"), path, doing);
      return;
    }
  g_set_error (error, GT_STORAGE_ERROR, error_code_from_sqlite (rc),
               /* Translators: "FILE: while DOING: SQLite's message" */
               _("%s: %s: %s"), path, doing, msg);
}

/* Appends to @error the newest good backup, or that there is none. */
static void
add_recovery_hint (GtStorage *self, GError *error)
{
  g_autofree char *folder = gt_backup_get_folder (self);
  g_autofree char *hint = gt_backup_recovery_hint (sqlite3_db_filename (self->db, "main"),
                                                   folder);
  char *message = g_strdup_printf ("%s. %s", error->message, hint);

  g_free (error->message);
  error->message = message;
}

void
gt_storage_set_error (GtStorage *self, GError **error, const char *doing)
{
  int rc = sqlite3_extended_errcode (self->db);

  set_sqlite_error (error, self->path, self->db, rc, doing);
  if (self->opened && (rc & 0xff) == SQLITE_CORRUPT && error != NULL && *error != NULL)
    add_recovery_hint (self, *error);
}

/* Opening met SQLite's corruption error @cause: PRAGMA quick_check confirms it, and the
 * message then names the newest good backup. */
static void
set_corrupt_error (GtStorage *self, GError *cause, GError **error)
{
  g_autofree char *detail = NULL, *folder = NULL, *hint = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check (1)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (detail, "ok") == 0)
    {
      g_propagate_error (error, cause);
      return;
    }
  if (detail == NULL)
    detail = g_strdup (sqlite3_errmsg (self->db));
  g_error_free (cause);
  folder = gt_backup_get_folder (self);
  hint = gt_backup_recovery_hint (sqlite3_db_filename (self->db, "main"), folder);
  g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT,
               /* Translators: "FILE: … (SQLite's finding). The newest good backup is …" */
               _("%s: the database is damaged (%s). %s"), self->path, detail, hint);
}

sqlite3_stmt *
gt_storage_prepare (GtStorage *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GT_IS_STORAGE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      gt_storage_set_error (self, error, _("preparing a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
gt_storage_step_done (GtStorage *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      gt_storage_set_error (self, error, _("writing"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  /* A change outside a transaction gets its audit entry in a transaction of its own. */
  if (self->transaction_depth == 0 && self->audit != NULL && !self->flushing &&
      gt_audit_has_pending (self->audit))
    return gt_storage_begin (self, error) && gt_storage_commit (self, error);
  return TRUE;
}

gboolean
gt_storage_exec (GtStorage *self, const char *sql, GError **error)
{
  const char *tail = sql;

  while (tail != NULL && *tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *next = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (self->db, tail, -1, &stmt, &next);
      if (rc != SQLITE_OK)
        {
          gt_storage_set_error (self, error, _("preparing a statement"));
          return FALSE;
        }
      if (stmt == NULL) /* trailing whitespace or comment */
        break;
      do
        rc = sqlite3_step (stmt);
      while (rc == SQLITE_ROW);
      if (rc != SQLITE_DONE)
        {
          gt_storage_set_error (self, error, _("running a statement"));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      tail = next;
    }
  return TRUE;
}

gboolean
gt_storage_query_int64 (GtStorage *self, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *out = 0;
      sqlite3_reset (stmt);
      return TRUE;
    }
  gt_storage_set_error (self, error, _("reading"));
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
gt_storage_begin (GtStorage *self, GError **error)
{
  const char *sql;
  g_autofree char *savepoint = NULL;

  if (self->transaction_depth == 0)
    sql = "BEGIN IMMEDIATE";
  else
    sql = savepoint = g_strdup_printf ("SAVEPOINT sp%d", self->transaction_depth);

  if (!gt_storage_exec (self, sql, error))
    return FALSE;
  if (self->audit != NULL)
    gt_audit_mark (self->audit, self->transaction_depth);
  self->transaction_depth++;
  return TRUE;
}

gboolean
gt_storage_commit (GtStorage *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE sp%d", self->transaction_depth - 1);

  if (self->transaction_depth == 1 && self->audit != NULL)
    {
      gboolean flushed;

      self->flushing = TRUE;
      flushed = gt_audit_flush (self->audit, self, error);
      self->flushing = FALSE;
      if (!flushed)
        {
          gt_storage_rollback (self);
          return FALSE;
        }
    }
  if (!gt_storage_exec (self, sql, error))
    {
      gt_storage_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

void
gt_storage_rollback (GtStorage *self)
{
  g_autofree char *sql = NULL;

  if (self->transaction_depth == 0)
    return;
  if (self->transaction_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO sp%d; RELEASE sp%d", self->transaction_depth - 1,
                           self->transaction_depth - 1);
  /* A failed COMMIT may already have ended the transaction; then ROLLBACK fails harmlessly. */
  if (sqlite3_get_autocommit (self->db) == 0)
    gt_storage_exec (self, sql, NULL);
  self->transaction_depth--;
  if (self->audit != NULL)
    gt_audit_forget (self->audit, self->transaction_depth);
}

static gboolean
read_pragma_int (GtStorage *self, const char *pragma, int *out, GError **error)
{
  gint64 value = 0;

  if (!gt_storage_query_int64 (self, pragma, &value, error))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/* Sets the journal mode @mode ("WAL", "DELETE"): 1 when it is in force now, 0 when SQLite
 * kept the old one (a read-only medium), -1 on an error (another connection holds the file:
 * "database is locked"), which @doing describes. */
static int
set_journal_mode (GtStorage *self, const char *mode, const char *doing, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  sqlite3_stmt *stmt = gt_storage_prepare (self, sql, error);
  const char *now;
  int rc, result;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  now = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL;
  result = now == NULL ? -1 : g_ascii_strcasecmp (now, mode) == 0;
  if (rc != SQLITE_ROW)
    gt_storage_set_error (self, error, doing);
  sqlite3_reset (stmt);
  return result;
}

gboolean
gt_storage_begin_bulk_write (GtStorage *self)
{
  g_autoptr (GError) ignored = NULL;

  g_return_val_if_fail (!self->bulk_write, FALSE);
  if (self->transaction_depth > 0)
    return FALSE;
  self->bulk_write = set_journal_mode (self, "DELETE", "", &ignored) == 1;
  return self->bulk_write;
}

void
gt_storage_end_bulk_write (GtStorage *self)
{
  g_autoptr (GError) ignored = NULL;

  if (!self->bulk_write)
    return;
  g_return_if_fail (self->transaction_depth == 0);
  /* Should it fail (a full disk), the next opening sets WAL again. */
  set_journal_mode (self, "WAL", "", &ignored);
  self->bulk_write = FALSE;
}

static gboolean
apply_connection_settings (GtStorage *self, GError **error)
{
  /* journal_mode returns the mode now in force; a read-only medium keeps the old one. */
  switch (set_journal_mode (self, "WAL", _("switching to WAL mode"), error))
    {
    case -1:
      return FALSE;
    case 0:
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_READONLY,
                   _("%s: cannot switch the database to WAL mode (is the drive read-only?)"),
                   self->path);
      return FALSE;
    default:
      break;
    }

  return gt_storage_exec (self,
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA secure_delete = ON;"
                          "PRAGMA temp_store = MEMORY;"
                          "PRAGMA cache_size = -32768;",
                          error);
}

/* Checks the application id and schema version of a file that is already an SQLite file. */
static gboolean
check_identity (GtStorage *self, gboolean created, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  int app_id = 0, n_tables = 0;
  gint64 tables = 0;

  if (!read_pragma_int (self, "PRAGMA application_id", &app_id, &local_error) ||
      !read_pragma_int (self, "PRAGMA user_version", &self->schema_version, &local_error) ||
      !gt_storage_query_int64 (self, "SELECT count(*) FROM sqlite_schema", &tables, &local_error))
    {
      /* Ours, as the header says, but damaged. */
      if ((guint32) app_id == GT_APPLICATION_ID &&
          g_error_matches (local_error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT))
        {
          set_corrupt_error (self, g_steal_pointer (&local_error), error);
          return FALSE;
        }
      if (g_error_matches (local_error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU) ||
          g_error_matches (local_error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT))
        g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU,
                     _("%s: not a Guatu database (not a readable SQLite file); it was left unchanged"),
                     self->path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  n_tables = (int) tables;

  if (created && app_id == 0 && self->schema_version == 0 && n_tables == 0)
    return TRUE;

  if ((guint32) app_id != GT_APPLICATION_ID)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU,
                   _("%s: this SQLite file belongs to another program, not Guatu; it was left unchanged"),
                   self->path);
      return FALSE;
    }
  if (self->schema_version > GT_SCHEMA_VERSION)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_TOO_NEW,
                   _("%s: the database was made by a newer version of Guatu (schema %d; this "
                     "version reads up to %d). Install the newer Guatu to open it."),
                   self->path, self->schema_version, GT_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("GUATU_BUSY_TIMEOUT_MS");
  guint64 value = BUSY_TIMEOUT_MS;

  if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 0, G_MAXINT, &value, NULL))
    value = BUSY_TIMEOUT_MS;
  return (int) value;
}

static GtStorage *
storage_open (const char *path, GtStorageOpenFlags flags, int target_version, GError **error)
{
  g_autoptr (GtStorage) self = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *file_key = NULL;
  gboolean created = FALSE;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      if (saved != ENOENT || !(flags & GT_STORAGE_OPEN_CREATE))
        {
          g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN,
                       _("%s: cannot open: %s"), display, g_strerror (saved));
          return NULL;
        }
      if (!gt_storage_file_create (path, error))
        return NULL;
      created = TRUE;
    }
  else if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU,
                   _("%s: not a Guatu database (not a regular file)"), display);
      return NULL;
    }
  if (created && g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_unlink (path);
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN,
                   _("%s: cannot open: %s"), display, g_strerror (saved));
      return NULL;
    }
  file_key = gt_storage_file_acquire (path, &st, !created, error);
  if (file_key == NULL)
    return NULL;

  self = g_object_new (GT_TYPE_STORAGE, NULL);
  self->path = g_steal_pointer (&display);
  self->file_key = g_steal_pointer (&file_key);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->path, self->db, rc, _("opening"));
      if (created)
        g_unlink (path);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  gt_uuid_register (self->db);

  if (!check_identity (self, created, error))
    {
      g_clear_object (&self);
      if (created)
        g_unlink (path);
      return NULL;
    }

  /* A new database gets 16 KB pages (SQLite's default is 4 KB): a county's store of received
   * records is written in large transactions, and with a quarter of the pages its commit,
   * the checkpoint included, took 0.30 s instead of 0.44 s for a 200 000-member package and
   * half the system time. Only before the first write; an existing file keeps its size. */
  if (created && !gt_storage_exec (self, "PRAGMA page_size = 16384", &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }
  if (!apply_connection_settings (self, &local_error) &&
      g_error_matches (local_error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT))
    {
      set_corrupt_error (self, g_steal_pointer (&local_error), error);
      g_clear_object (&self);
      return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_object (&self);
      if (created)
        g_unlink (path);
      return NULL;
    }
  if (!gt_storage_migrate (self, &self->schema_version, target_version, error))
    {
      g_clear_object (&self);
      if (created)
        g_unlink (path);
      return NULL;
    }

  if (created)
    sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  if (target_version >= 11 && (self->audit = gt_audit_attach (self->db, error)) == NULL)
    {
      g_clear_object (&self);
      return NULL;
    }

  self->opened = TRUE;
  return g_steal_pointer (&self);
}

/**
 * gt_storage_open:
 * @path: the database file
 * @flags: %GT_STORAGE_OPEN_CREATE to make a new database when @path does not exist
 *
 * Opens a Guatu database and upgrades its schema. Refuses, leaving the file unchanged,
 * anything that is not a Guatu database or was made by a newer Guatu.
 */
GtStorage *
gt_storage_open (const char *path, GtStorageOpenFlags flags, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return storage_open (path, flags, GT_SCHEMA_VERSION, error);
}

GtStorage *
gt_storage_open_at_version (const char *path, int version, GError **error)
{
  return storage_open (path, GT_STORAGE_OPEN_CREATE, version, error);
}

const char *
gt_storage_get_path (GtStorage *self)
{
  g_return_val_if_fail (GT_IS_STORAGE (self), NULL);
  return self->path;
}

int
gt_storage_get_schema_version (GtStorage *self)
{
  g_return_val_if_fail (GT_IS_STORAGE (self), 0);
  return self->schema_version;
}

GtAudit *
gt_storage_get_audit (GtStorage *self)
{
  return self->audit;
}

sqlite3 *
gt_storage_get_db (GtStorage *self)
{
  g_return_val_if_fail (GT_IS_STORAGE (self), NULL);
  return self->db;
}

char *
gt_storage_get_meta (GtStorage *self, const char *key)
{
  sqlite3_stmt *stmt = gt_storage_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
gt_storage_set_meta (GtStorage *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    self, "INSERT INTO meta (key, value) VALUES (?, ?) "
          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return gt_storage_step_done (self, stmt, error);
}

void
gt_storage_emit_changed (GtStorage *self, const char *table)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (table), table);
}

char *
gt_storage_default_path (void)
{
  const char *env = g_getenv ("GUATU_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "guatu", "guatu.db", NULL);
}

GPtrArray *
gt_storage_collect (GtStorage *self, sqlite3_stmt *stmt, gpointer (*read) (sqlite3_stmt *stmt),
                    GDestroyNotify free_func, GError **error)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (self, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

gboolean
gt_storage_refuse (GtStorage *self, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT, "%s: %s", self->path,
               message);
  return FALSE;
}

void
gt_storage_set_holder (GtStorage *self, const char *operator_name, const char *program)
{
  g_return_if_fail (GT_IS_STORAGE (self));

  gt_storage_holder_remove (self->holder_path);
  g_free (self->holder_path);
  self->holder_path = gt_storage_holder_write (self->path, operator_name, program);
}
