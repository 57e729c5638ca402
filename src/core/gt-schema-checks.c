/* gt-schema-checks.c — schema step 16: CHECK constraints written without constant IN lists
 *
 * SQLite evaluates `x IN ('a', 'b', 'c')` with more than two constants by building an
 * ephemeral table of the constants, once per execution of the statement. A one-row INSERT or
 * UPDATE is one execution: every member, event or received record written by a prepared
 * statement opened, filled, searched and closed a temporary b-tree for each such CHECK
 * (members had three). The same constraint as `x = 'a' OR x = 'b' OR x = 'c'` is compared
 * in place, and a 200 000-member roster stores its members in half the time.
 *
 * The tables keep their rows and their meaning: only the text of the CHECK changes, which
 * SQLite's documentation allows to be done in the schema table itself ("Making Other Kinds
 * Of Table Schema Changes", https://sqlite.org/lang_altertable.html#otheralter): inside the
 * step's transaction, with writable_schema on and schema_version bumped so that every
 * connection reads the schema again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-schema.h"
#include "gt-storage.h"

/* CHECK (name IN (v1, v2, …)) with plain constants: quoted text without quotes or commas
 * inside, or integers. */
#define IN_LIST "CHECK \\((\\w+) IN \\(((?:\\s*(?:'[^',]*'|-?\\d+)\\s*,)+\\s*(?:'[^',]*'|-?\\d+)\\s*)\\)\\)"

static gboolean
rewrite_in_list (const GMatchInfo *match, GString *out, gpointer user_data)
{
  g_autofree char *column = g_match_info_fetch (match, 1);
  g_autofree char *list = g_match_info_fetch (match, 2);
  g_auto (GStrv) values = g_strsplit (list, ",", -1);

  if (g_strv_length (values) <= 2) /* SQLite compares two in place already */
    {
      g_autofree char *all = g_match_info_fetch (match, 0);

      g_string_append (out, all);
      return FALSE;
    }
  g_string_append (out, "CHECK (");
  for (guint i = 0; values[i] != NULL; i++)
    g_string_append_printf (out, "%s%s = %s", i > 0 ? " OR " : "", column,
                            g_strstrip (values[i]));
  g_string_append_c (out, ')');
  return FALSE;
}

char *
gt_schema_plain_checks (const char *sql)
{
  g_autoptr (GRegex) re = g_regex_new (IN_LIST, G_REGEX_OPTIMIZE, 0, NULL);

  g_assert (re != NULL);
  return g_regex_replace_eval (re, sql, -1, 0, 0, rewrite_in_list, NULL, NULL);
}

gboolean
gt_schema_v16_plain_checks (GtStorage *storage, GError **error)
{
  sqlite3 *db = gt_storage_get_db (storage);
  sqlite3_stmt *select = NULL, *update = NULL;
  gint64 version = 0;
  g_autofree char *bump = NULL;
  gboolean ok = FALSE;
  int rc;

  if (!gt_storage_query_int64 (storage, "PRAGMA schema_version", &version, error) ||
      !gt_storage_exec (storage, "PRAGMA writable_schema = ON", error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                              " AND sql LIKE '%CHECK%IN (%'", -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
                          -1, &update, NULL) != SQLITE_OK)
    {
      gt_storage_set_error (storage, error, _("rewriting the constraints"));
      goto out;
    }
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *old = (const char *) sqlite3_column_text (select, 1);
      g_autofree char *plain = gt_schema_plain_checks (old);

      if (strcmp (plain, old) == 0)
        continue;
      sqlite3_bind_text (update, 1, plain, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (update, 2, (const char *) sqlite3_column_text (select, 0), -1,
                         SQLITE_TRANSIENT);
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          gt_storage_set_error (storage, error, _("rewriting the constraints"));
          goto out;
        }
      sqlite3_reset (update);
    }
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("rewriting the constraints"));
      goto out;
    }
  bump = g_strdup_printf ("PRAGMA schema_version = %" G_GINT64_FORMAT, version + 1);
  ok = gt_storage_exec (storage, bump, error);

out:
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  /* Off in any case; a failure rolls the whole step back. */
  return gt_storage_exec (storage, "PRAGMA writable_schema = OFF", ok ? error : NULL) && ok;
}
