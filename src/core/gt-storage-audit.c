/* gt-storage-audit.c — capturing every row change for the append-only audit log
 *
 * SQLite's pre-update hook hands us each row an INSERT, UPDATE or DELETE is about to change,
 * with its old and new values, whoever wrote the statement. The hook may not touch the
 * database, so entries wait in memory and are written into audit_log by gt_audit_flush just
 * before the outermost COMMIT — in the same transaction as the change, so a change and its
 * audit entry land together or not at all. A rolled-back savepoint forgets its entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* Debian's SQLite is built with the pre-update hook; its declarations need this. */
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-storage-audit.h"

typedef struct
{
  const char *action; /* insert, update, delete, open, bulk */
  char *table;
  gint64 row_id;
  char *before; /* JSON or NULL */
  char *after;
  char *summary;
} Entry;

struct _GtAudit
{
  sqlite3 *db;
  GHashTable *columns; /* table name → GStrv of column names, in order */
  GArray *entries;     /* Entry */
  GArray *marks;       /* entries->len at the start of each transaction depth */
  char *operator_name;
  char *program;
  int suspended;
  GHashTable *bulk_counts; /* "table/op" → count, while suspended */
  /* The last key counted: a bulk import inserts row after row into the same table. */
  int bulk_last_op;
  char bulk_last_table[64];
  gsize *bulk_last_count; /* NULL when there is none */
  char *bulk_summary;
};

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->table);
  g_free (e->before);
  g_free (e->after);
  g_free (e->summary);
}

static gboolean
is_audited (const char *table)
{
  return !g_str_has_prefix (table, "sqlite_") && !g_str_has_prefix (table, "member_search") &&
         strcmp (table, "member_name_chars") != 0 && strcmp (table, "audit_log") != 0;
}

static void
append_json_string (GString *out, const char *text, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_value (GString *out, sqlite3_value *value)
{
  switch (value != NULL ? sqlite3_value_type (value) : SQLITE_NULL)
    {
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (value));
      break;
    case SQLITE_FLOAT:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append (out, g_ascii_dtostr (buf, sizeof buf, sqlite3_value_double (value)));
      }
      break;
    case SQLITE_TEXT:
      append_json_string (out, (const char *) sqlite3_value_text (value),
                          (gsize) sqlite3_value_bytes (value));
      break;
    case SQLITE_BLOB:
      {
        g_autofree char *b64 = g_base64_encode (sqlite3_value_blob (value),
                                                (gsize) sqlite3_value_bytes (value));
        append_json_string (out, b64, strlen (b64));
      }
      break;
    default:
      g_string_append (out, "null");
    }
}

static gboolean
values_equal (sqlite3_value *a, sqlite3_value *b)
{
  int ta = sqlite3_value_type (a), tb = sqlite3_value_type (b);

  if (ta != tb)
    return FALSE;
  if (ta == SQLITE_NULL)
    return TRUE;
  if (ta == SQLITE_INTEGER)
    return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
  if (ta == SQLITE_FLOAT)
    return sqlite3_value_double (a) == sqlite3_value_double (b);
  {
    int n = sqlite3_value_bytes (a);
    const void *pa, *pb;

    if (n != sqlite3_value_bytes (b))
      return FALSE;
    if (n == 0)            /* empty text or blob: SQLite hands back NULL pointers */
      return TRUE;
    pa = sqlite3_value_blob (a);
    pb = sqlite3_value_blob (b);
    return pa != NULL && pb != NULL && memcmp (pa, pb, (size_t) n) == 0;
  }
}

/* A JSON object of the row's columns; for updates only the columns that change. */
static char *
row_json (sqlite3 *db, GStrv names, gboolean old, gboolean changed_only)
{
  GString *out = g_string_new ("{");
  int n = sqlite3_preupdate_count (db);
  gboolean first = TRUE;

  for (int i = 0; i < n && names[i] != NULL; i++)
    {
      sqlite3_value *value = NULL;

      if (old)
        sqlite3_preupdate_old (db, i, &value);
      else
        sqlite3_preupdate_new (db, i, &value);
      if (changed_only)
        {
          sqlite3_value *a = NULL, *b = NULL;
          sqlite3_preupdate_old (db, i, &a);
          sqlite3_preupdate_new (db, i, &b);
          if (a != NULL && b != NULL && values_equal (a, b))
            continue;
        }
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_json_string (out, names[i], strlen (names[i]));
      g_string_append_c (out, ':');
      append_json_value (out, value);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static void
preupdate_cb (void *data, sqlite3 *db, int op, const char *zdb, const char *table,
              sqlite3_int64 old_rowid, sqlite3_int64 new_rowid)
{
  GtAudit *self = data;
  GStrv names;
  Entry e = { 0 };

  if (self->suspended > 0 && self->bulk_last_count != NULL && op == self->bulk_last_op &&
      strcmp (table, self->bulk_last_table) == 0 && strcmp (zdb, "main") == 0)
    {
      (*self->bulk_last_count)++;
      return;
    }
  if (strcmp (zdb, "main") != 0 || (names = g_hash_table_lookup (self->columns, table)) == NULL)
    return;

  if (self->suspended > 0)
    {
      const char *what = op == SQLITE_INSERT ? "insert" : op == SQLITE_DELETE ? "delete" : "update";
      char key[128];
      gsize *count;

      /* Called for every row of a bulk import: no allocation once the key is known. */
      g_snprintf (key, sizeof key, "%s/%s", table, what);
      count = g_hash_table_lookup (self->bulk_counts, key);
      if (count == NULL)
        {
          count = g_new0 (gsize, 1);
          g_hash_table_insert (self->bulk_counts, g_strdup (key), count);
        }
      (*count)++;
      if (strlen (table) < sizeof self->bulk_last_table)
        {
          strcpy (self->bulk_last_table, table);
          self->bulk_last_op = op;
          self->bulk_last_count = count;
        }
      return;
    }

  e.table = g_strdup (table);
  switch (op)
    {
    case SQLITE_INSERT:
      e.action = "insert";
      e.row_id = new_rowid;
      e.after = row_json (db, names, FALSE, FALSE);
      break;
    case SQLITE_DELETE:
      e.action = "delete";
      e.row_id = old_rowid;
      e.before = row_json (db, names, TRUE, FALSE);
      break;
    default:
      e.action = "update";
      e.row_id = new_rowid;
      e.before = row_json (db, names, TRUE, TRUE);
      e.after = row_json (db, names, FALSE, TRUE);
      if (strcmp (e.after, "{}") == 0) /* nothing changed */
        {
          entry_clear (&e);
          return;
        }
      break;
    }
  g_array_append_val (self->entries, e);
}

GtAudit *
gt_audit_attach (sqlite3 *db, GError **error)
{
  g_autoptr (GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_strfreev);
  sqlite3_stmt *tables = NULL;
  GtAudit *self;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1,
                           &tables, NULL);
  while (rc == SQLITE_OK && sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      sqlite3_stmt *info = NULL;
      GPtrArray *names;

      if (!is_audited (name))
        continue;
      names = g_ptr_array_new ();
      if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?) ORDER BY cid", -1,
                              &info, NULL) == SQLITE_OK &&
          sqlite3_bind_text (info, 1, name, -1, SQLITE_TRANSIENT) == SQLITE_OK)
        while (sqlite3_step (info) == SQLITE_ROW)
          g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (info, 0)));
      sqlite3_finalize (info);
      g_ptr_array_add (names, NULL);
      g_hash_table_insert (columns, g_strdup (name), g_ptr_array_free (names, FALSE));
    }
  sqlite3_finalize (tables);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED,
                   _("reading the tables for the audit log: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  self = g_new0 (GtAudit, 1);
  self->db = db;
  self->columns = g_steal_pointer (&columns);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->operator_name = g_strdup ("");
  self->program = g_strdup (g_get_prgname () != NULL ? g_get_prgname () : "");
  self->bulk_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_preupdate_hook (db, preupdate_cb, self);
  return self;
}

void
gt_audit_detach (GtAudit *self)
{
  if (self == NULL)
    return;
  sqlite3_preupdate_hook (self->db, NULL, NULL);
  g_hash_table_unref (self->columns);
  g_array_unref (self->entries);
  g_array_unref (self->marks);
  g_hash_table_unref (self->bulk_counts);
  g_free (self->bulk_summary);
  g_free (self->operator_name);
  g_free (self->program);
  g_free (self);
}

void
gt_audit_set_operator_name (GtAudit *self, const char *operator_name, const char *program)
{
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name != NULL ? operator_name : "");
  if (program != NULL)
    {
      g_free (self->program);
      self->program = g_strdup (program);
    }
}

const char *
gt_audit_get_operator_name (GtAudit *self)
{
  return self->operator_name;
}

const char *
gt_audit_get_program (GtAudit *self)
{
  return self->program;
}

void
gt_audit_note_open (GtAudit *self)
{
  Entry e = { .action = "open", .table = g_strdup ("") };

  e.summary = g_strdup (self->program);
  g_array_append_val (self->entries, e);
}

void
gt_audit_mark (GtAudit *self, int depth)
{
  guint len = self->entries->len;

  g_array_set_size (self->marks, (guint) depth);
  g_array_append_val (self->marks, len);
}

void
gt_audit_forget (GtAudit *self, int depth)
{
  if ((guint) depth < self->marks->len)
    {
      guint len = g_array_index (self->marks, guint, depth);
      if (len < self->entries->len)
        g_array_set_size (self->entries, len);
      g_array_set_size (self->marks, (guint) depth);
    }
  if (depth == 0)
    {
      g_hash_table_remove_all (self->bulk_counts);
      self->bulk_last_count = NULL;
      self->suspended = 0;
    }
}

gboolean
gt_audit_has_pending (GtAudit *self)
{
  return self->entries->len > 0;
}

void
gt_audit_suspend (GtAudit *self)
{
  self->suspended++;
}


void
gt_audit_resume (GtAudit *self, const char *summary)
{
  g_autoptr (GList) keys = NULL;
  GString *counts;
  Entry e = { .action = "bulk" };

  if (self->suspended == 0) /* the transaction was rolled back */
    return;
  /* Inside another bulk change (a project snapshot within the demo's): that one's entry
   * counts these rows too. */
  if (--self->suspended > 0)
    return;

  e.table = g_strdup ("");
  keys = g_list_sort (g_hash_table_get_keys (self->bulk_counts), (GCompareFunc) strcmp);
  counts = g_string_new ("{");
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      if (l != keys)
        g_string_append_c (counts, ',');
      append_json_string (counts, key, strlen (key));
      g_string_append_printf (counts, ":%" G_GSIZE_FORMAT,
                              *(gsize *) g_hash_table_lookup (self->bulk_counts, key));
    }
  g_string_append_c (counts, '}');
  g_hash_table_remove_all (self->bulk_counts);
  self->bulk_last_count = NULL;
  e.after = g_string_free (counts, FALSE);
  e.summary = g_strdup (summary != NULL ? summary : "");
  g_array_append_val (self->entries, e);
}

gboolean
gt_audit_flush (GtAudit *self, GtStorage *storage, GError **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  /* Callers read sqlite3_last_insert_rowid () after their own insert: keep it theirs. */
  sqlite3_int64 last_rowid = sqlite3_last_insert_rowid (self->db);

  if (self->entries->len == 0)
    return TRUE;

  stmt = gt_storage_prepare (storage,
                             "INSERT INTO audit_log (time, operator, program, action, table_name,"
                             " row_id, before, after, summary)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  now = gt_now_iso8601 ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);

      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self->operator_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, self->program, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, e->action, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, e->table, -1, SQLITE_STATIC);
      if (e->row_id != 0)
        sqlite3_bind_int64 (stmt, 6, e->row_id);
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_text (stmt, 7, e->before, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, e->after, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, e->summary != NULL ? e->summary : "", -1, SQLITE_STATIC);
      if (!gt_storage_step_done (storage, stmt, error))
        {
          sqlite3_set_last_insert_rowid (self->db, last_rowid);
          return FALSE;
        }
    }
  sqlite3_set_last_insert_rowid (self->db, last_rowid);
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->marks, 0);
  return TRUE;
}
