/* gt-roster-known.c — the members a roster's ID numbers may already belong to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-roster-private.h"

struct _GtRosterKnown
{
  GtStorage *storage;
  GHashTable *ids;     /* ID number → "name\0organisation", or NULL: ask SQLite */
  sqlite3_stmt *lookup; /* prepared once for the file: the statement cache hashed its
                         * text for every row */
};

/* Up to this many stored ID numbers are read into memory once instead of looked up row by
 * row (a lookup through SQLite cost 3 400 instructions, a hash table 200). A township or
 * county database is below it; a prefecture's is looked up. */
static guint known_ids_max = 50000;

void
gt_roster_set_known_ids_max (guint max)
{
  known_ids_max = max;
}

#define OWNER_SQL                                                                        \
  "SELECT m.name, o.name, m.id_number FROM members m JOIN organizations o ON o.id = m.org_id"

static GHashTable *
read_known_ids (GtStorage *storage)
{
  g_autoptr (GHashTable) ids = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (!gt_storage_query_int64 (storage,
                               "SELECT count(*) FROM members WHERE id_number IS NOT NULL", &n,
                               NULL) ||
      n > known_ids_max)
    return NULL;
  stmt = gt_storage_prepare (storage, OWNER_SQL " WHERE m.id_number IS NOT NULL", NULL);
  if (stmt == NULL)
    return NULL;
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *org = (const char *) sqlite3_column_text (stmt, 1);
      gsize name_len = strlen (name), org_len = strlen (org);
      char *value = g_malloc (name_len + org_len + 2);

      memcpy (value, name, name_len + 1);
      memcpy (value + name_len + 1, org, org_len + 1);
      g_hash_table_insert (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
                           value);
    }
  return sqlite3_reset (stmt) == SQLITE_OK ? g_steal_pointer (&ids) : NULL;
}

GtRosterKnown *
gt_roster_known_new (GtStorage *storage)
{
  GtRosterKnown *known = g_new0 (GtRosterKnown, 1);

  known->storage = storage;
  known->ids = read_known_ids (storage);
  return known;
}

void
gt_roster_known_free (GtRosterKnown *known)
{
  if (known == NULL)
    return;
  g_clear_pointer (&known->ids, g_hash_table_destroy);
  g_free (known);
}

gboolean
gt_roster_known_owner (GtRosterKnown *known, const char *id_number, char **name, char **org)
{
  sqlite3_stmt *stmt;
  gboolean found;

  if (known->ids != NULL)
    {
      const char *owner = g_hash_table_lookup (known->ids, id_number);

      if (owner == NULL)
        return FALSE;
      *name = g_strdup (owner);
      *org = g_strdup (owner + strlen (owner) + 1);
      return TRUE;
    }
  if (known->lookup == NULL)
    known->lookup = gt_storage_prepare (known->storage, OWNER_SQL " WHERE m.id_number = ?", NULL);
  if ((stmt = known->lookup) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id_number, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *org = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return found;
}
