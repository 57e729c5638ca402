/* gt-storage.h — the one object that owns Guatu's SQLite connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GT_STORAGE_ERROR (gt_storage_error_quark ())

typedef enum
{
  GT_STORAGE_ERROR_CANT_OPEN,    /* file missing, permissions, not creatable */
  GT_STORAGE_ERROR_NOT_GUATU,    /* garbage, empty file, another application's SQLite file */
  GT_STORAGE_ERROR_TOO_NEW,      /* made by a newer Guatu */
  GT_STORAGE_ERROR_CORRUPT,      /* SQLite says the file is damaged */
  GT_STORAGE_ERROR_BUSY,         /* another program holds the lock */
  GT_STORAGE_ERROR_FULL,         /* disk or database full */
  GT_STORAGE_ERROR_IO,           /* read/write error */
  GT_STORAGE_ERROR_READONLY,     /* read-only file or medium */
  GT_STORAGE_ERROR_CONSTRAINT,   /* a rule of the schema was broken */
  GT_STORAGE_ERROR_MIGRATION,    /* a schema upgrade failed and was rolled back */
  GT_STORAGE_ERROR_FAILED,       /* anything else */
} GtStorageError;

GQuark gt_storage_error_quark (void);

/* The schema version this build writes. */
#define GT_SCHEMA_VERSION 19
/* PRAGMA application_id of every Guatu database: "GTU1". */
#define GT_APPLICATION_ID 0x47545531

#define GT_TYPE_STORAGE (gt_storage_get_type ())
G_DECLARE_FINAL_TYPE (GtStorage, gt_storage, GT, STORAGE, GObject)

typedef enum
{
  GT_STORAGE_OPEN_DEFAULT = 0,
  GT_STORAGE_OPEN_CREATE = 1 << 0, /* create the file when it does not exist */
} GtStorageOpenFlags;

GtStorage *gt_storage_open (const char *path, GtStorageOpenFlags flags, GError **error);

const char *gt_storage_get_path (GtStorage *self);
/* Says who has this database open (operator and program), so that another program finding
 * it busy can name them; forgotten when @self is closed. See gt-storage-holder.c. */
void gt_storage_set_holder (GtStorage *self, const char *operator_name, const char *program);
int gt_storage_get_schema_version (GtStorage *self);
sqlite3 *gt_storage_get_db (GtStorage *self);

/* Prepared statements are cached per SQL text; the returned statement is reset and its
 * bindings cleared. It stays owned by the storage: do not finalize it. */
sqlite3_stmt *gt_storage_prepare (GtStorage *self, const char *sql, GError **error);

/* Step a statement that returns no rows (INSERT/UPDATE/DELETE) and reset it. */
gboolean gt_storage_step_done (GtStorage *self, sqlite3_stmt *stmt, GError **error);

/* Run one or more statements, one prepared statement at a time (for DDL). */
gboolean gt_storage_exec (GtStorage *self, const char *sql, GError **error);

/* Single-value helpers for simple queries (statement prepared and cached). */
gboolean gt_storage_query_int64 (GtStorage *self, const char *sql, gint64 *out, GError **error);

/* For one large write (an import), outside a transaction: the rollback journal instead of
 * the WAL, so that new pages are written once, not to the WAL and then again by the
 * checkpoint (a 200 000-member package: commit 0.30 → 0.09 s, system time a third). Only
 * when this is the file's only connection; FALSE, with nothing changed, otherwise.
 * gt_storage_end_bulk_write returns to WAL (after the commit or the rollback). */
gboolean gt_storage_begin_bulk_write (GtStorage *self);
void gt_storage_end_bulk_write (GtStorage *self);

gboolean gt_storage_begin (GtStorage *self, GError **error);
gboolean gt_storage_commit (GtStorage *self, GError **error);
void gt_storage_rollback (GtStorage *self);

/* Turns the connection's current error into a GError naming the file. */
void gt_storage_set_error (GtStorage *self, GError **error, const char *doing);

/* Key/value settings stored in the database itself (office identity, role). */
/* Whether a GtStorage of this process has the file at @path open. */
gboolean gt_storage_file_in_use (const char *path);
char *gt_storage_get_meta (GtStorage *self, const char *key);
gboolean gt_storage_set_meta (GtStorage *self, const char *key, const char *value, GError **error);

/* Emitted after a committed change; the detail names the table ("organizations", …). */
void gt_storage_emit_changed (GtStorage *self, const char *table);

/* The database used when none is named: $GUATU_DB, else $XDG_DATA_HOME/guatu/guatu.db. */
char *gt_storage_default_path (void);

/* Steps @stmt to its end, turning each row into an item with @read; the array frees the
 * items with @free_func. NULL with @error when a step fails. */
GPtrArray *gt_storage_collect (GtStorage *self, sqlite3_stmt *stmt,
                               gpointer (*read) (sqlite3_stmt *stmt), GDestroyNotify free_func,
                               GError **error);

/* A copy of a text column, NULL for NULL. */
#define GT_COLUMN_TEXT(stmt, col) g_strdup ((const char *) sqlite3_column_text ((stmt), (col)))

/* Sets a GT_STORAGE_ERROR_CONSTRAINT error "FILE: MESSAGE" for a change the rules refuse;
 * returns FALSE so callers can write `return gt_storage_refuse (…);`. */
gboolean gt_storage_refuse (GtStorage *self, GError **error, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

/* TRUE for a real calendar date written YYYY-MM-DD. */
gboolean gt_date_is_valid (const char *text);

/* Refuses, as gt_storage_refuse does, a @date that is not a real day written YYYY-MM-DD —
 * saying whether it is misspelt or a day the calendar lacks (2026-02-30) — or, unless
 * @future_ok, a day after today. @what names the field in the message ("the due date"). */
gboolean gt_storage_check_date (GtStorage *storage, const char *what, const char *date,
                                gboolean future_ok, GError **error);

/* The longest names and free texts the exchange format takes (data/guatu-exchange-1.xsd,
 * types g:name and g:text), in characters. Records are refused beyond them, so that
 * every saved record can be exported. */
#define GT_NAME_MAX_CHARS 200
#define GT_TEXT_MAX_CHARS 2000

/* Refuses, as gt_storage_refuse does, a @text longer than @max characters (one of the limits
 * above), naming the field @what (translated, "the notes") with its length and the limit.
 * NULL is taken (a field left as it is). See gt-storage-length.c. */
gboolean gt_storage_check_length (GtStorage *self, const char *what, const char *text, glong max,
                                  GError **error);
/* The length in characters of @text (@bytes long) when that is over @max, else 0; counts
 * only when @bytes is over @max (a character takes at least one byte), so it is cheap. */
glong gt_text_over_limit (const char *text, gsize bytes, glong max);

/* Today's local date as YYYY-MM-DD. */
char *gt_today (void);

/* Shared helpers for record rows. A new record's uuid is time-ordered (version 7, see
 * gt-uuid.c); SQL run by Guatu can make one with gt_uuid (). */
char *gt_new_uuid (void);
/* The text of the version-7 uuid of @ms (48 bits of Unix milliseconds), @counter (12 bits)
 * and 62 bits of @r0 and @r1 (RFC 9562), for generators that choose these themselves. */
void gt_uuid7_compose (char out[37], guint64 ms, guint counter, guint32 r0, guint32 r1);
/* Defines the SQL function gt_uuid () on @db; done for every connection Guatu opens. */
gboolean gt_uuid_register (sqlite3 *db);
char *gt_now_iso8601 (void);

G_END_DECLS
