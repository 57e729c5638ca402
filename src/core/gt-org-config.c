/* gt-org-config.c — what an office configures about its organisations: the list of types
 * and the site-standard checklist (e.g. the 五有 of grid branches)
 *
 * Both lists live in the meta table, one entry per line: "org.types" holds the types the
 * office added to the built-in ones, "org.checklist" the checklist items. Each change runs in
 * one transaction and is announced as a change of "organizations".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-org.h"
#include "gt-registers.h"

#define TYPES_KEY "org.types"
#define CHECKLIST_KEY "org.checklist"

/* The built-in types in the order they are offered, by the Chinese name gt_org_type_code
 * knows them by. */
static const char *const builtin_types[] = {
  "机关", "农村", "社区", "两新", "学校", "关联", "拓展", "联合", "离退休", "网格", "特色小镇",
};

/* The default checklist while the office has not set its own. The source texts name the
 * 五有 standard of grid branches without listing its five items: these are defaults to be
 * edited (guatu-cli org checklist-items --set …), not the official wording. */
static const char *const default_checklist[] = {
  "有组织", "有场所", "有制度", "有活动", "有成效",
};

/* The non-empty lines of a meta value; NULL when the key is unset. */
static GStrv
meta_lines (GtStorage *storage, const char *key)
{
  g_autofree char *value = gt_storage_get_meta (storage, key);
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) lines = NULL;

  if (value == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  lines = g_strsplit (value, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

/* Writes a meta value in a transaction of its own and announces it. */
static gboolean
set_meta (GtStorage *storage, const char *key, const char *const *lines, GError **error)
{
  g_autofree char *value = g_strjoinv ("\n", (GStrv) lines);

  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!gt_storage_set_meta (storage, key, value, error) || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "organizations");
  return TRUE;
}

/* A name as it would be stored: trimmed; NULL with an error when it is empty (@empty says
 * so) or cannot be one line. */
static char *
clean_name (GtStorage *storage, const char *text, const char *empty, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*name == '\0')
    {
      gt_storage_refuse (storage, error, "%s", empty);
      return NULL;
    }
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      {
        gt_storage_refuse (storage, error, _("“%s” must be one line without tabs"), name);
        return NULL;
      }
  return g_steal_pointer (&name);
}

static void
gt_org_type_free (gpointer data)
{
  GtOrgType *type = data;

  g_free (type->code);
  g_free (type->label);
  g_free (type);
}

GPtrArray *
gt_org_types (GtStorage *storage, GError **error)
{
  g_autoptr (GPtrArray) types = g_ptr_array_new_with_free_func (gt_org_type_free);
  g_auto (GStrv) added = meta_lines (storage, TYPES_KEY);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_types); i++)
    {
      GtOrgType *type = g_new0 (GtOrgType, 1);

      type->code = g_strdup (gt_org_type_code (builtin_types[i]));
      type->label = g_strdup (gt_label_org_type (type->code));
      g_ptr_array_add (types, type);
    }
  for (guint i = 0; added != NULL && added[i] != NULL; i++)
    {
      GtOrgType *type = g_new0 (GtOrgType, 1);

      type->code = g_strdup (added[i]);
      type->label = g_strdup (added[i]);
      type->added = TRUE;
      g_ptr_array_add (types, type);
    }
  return g_steal_pointer (&types);
}

/* "机关, 农村, …" for messages. */
static char *
known_types (GtStorage *storage)
{
  g_auto (GStrv) added = meta_lines (storage, TYPES_KEY);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_types); i++)
    /* Translators: the separator between names in a list */
    g_string_append_printf (text, "%s%s", i > 0 ? _(", ") : "", builtin_types[i]);
  for (guint i = 0; added != NULL && added[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", _(", "), added[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
gt_org_type_resolve (GtStorage *storage, const char *text, GError **error)
{
  g_auto (GStrv) added = NULL;
  g_autofree char *known = NULL;
  const char *code;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  code = gt_org_type_code (text);
  if (code != NULL)
    return g_strdup (code);
  added = meta_lines (storage, TYPES_KEY);
  if (added != NULL && g_strv_contains ((const char *const *) added, text))
    return g_strdup (text);
  known = known_types (storage);
  gt_storage_refuse (storage, error, _("unknown type “%s”; the known types are %s"), text, known);
  return NULL;
}

gboolean
gt_org_type_add (GtStorage *storage, const char *name, GError **error)
{
  g_autofree char *clean = clean_name (storage, name, _("a type needs a name"), error);
  g_auto (GStrv) added = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) lines = NULL;

  if (clean == NULL)
    return FALSE;
  added = meta_lines (storage, TYPES_KEY);
  if (gt_org_type_code (clean) != NULL ||
      (added != NULL && g_strv_contains ((const char *const *) added, clean)))
    return gt_storage_refuse (storage, error, _("the type %s already exists"), clean);
  /* type changes and kind changes share the "changed" event: keep them apart */
  if (gt_org_kind_code (clean) != NULL)
    return gt_storage_refuse (storage, error,
                              _("“%s” is a kind of organisation (党委, 党总支, 党支部…), "
                                "not a type"), clean);
  builder = g_strv_builder_new ();
  if (added != NULL)
    g_strv_builder_addv (builder, (const char **) added);
  g_strv_builder_add (builder, clean);
  lines = g_strv_builder_end (builder);
  return set_meta (storage, TYPES_KEY, (const char *const *) lines, error);
}

gboolean
gt_org_type_remove (GtStorage *storage, const char *name, GError **error)
{
  g_auto (GStrv) added = meta_lines (storage, TYPES_KEY);
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) lines = NULL;
  sqlite3_stmt *stmt;
  gint64 in_use = 0;

  if (name != NULL && gt_org_type_code (name) != NULL)
    return gt_storage_refuse (storage, error, _("%s is a built-in type and cannot be removed"),
                              name);
  if (name == NULL || added == NULL || !g_strv_contains ((const char *const *) added, name))
    {
      g_autofree char *known = known_types (storage);
      return gt_storage_refuse (storage, error, _("unknown type “%s”; the known types are %s"),
                                name != NULL ? name : "", known);
    }
  stmt = gt_storage_prepare (storage,
                             "SELECT count(*) FROM organizations"
                             " WHERE org_type = ? AND archived = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    in_use = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (in_use > 0)
    return gt_storage_refuse (storage, error,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%d organisation still has the type %s; change its "
                                           "type first",
                                           "%d organisations still have the type %s; change "
                                           "their type first", in_use),
                              (int) in_use, name);
  builder = g_strv_builder_new ();
  for (guint i = 0; added[i] != NULL; i++)
    if (g_strcmp0 (added[i], name) != 0)
      g_strv_builder_add (builder, added[i]);
  lines = g_strv_builder_end (builder);
  return set_meta (storage, TYPES_KEY, (const char *const *) lines, error);
}

GStrv
gt_org_checklist_items (GtStorage *storage)
{
  GStrv items = meta_lines (storage, CHECKLIST_KEY);
  g_autoptr (GStrvBuilder) builder = NULL;

  if (items != NULL)
    return items;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < G_N_ELEMENTS (default_checklist); i++)
    g_strv_builder_add (builder, default_checklist[i]);
  return g_strv_builder_end (builder);
}

gboolean
gt_org_checklist_set_items (GtStorage *storage, const char *const *items, GError **error)
{
  g_autoptr (GPtrArray) clean = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  if (items == NULL || items[0] == NULL)
    return gt_storage_refuse (storage, error, _("the checklist needs at least one item"));
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = clean_name (storage, items[i], _("a checklist item needs a name"), error);

      if (item == NULL)
        return FALSE;
      if (g_ptr_array_find_with_equal_func (clean, item, g_str_equal, NULL))
        {
          gt_storage_refuse (storage, error, _("the checklist item %s is listed twice"), item);
          g_free (item);
          return FALSE;
        }
      g_ptr_array_add (clean, item);
    }
  return set_meta (storage, CHECKLIST_KEY, (const char *const *) clean->pdata, error);
}

static void
gt_org_checklist_entry_free (gpointer data)
{
  GtOrgChecklistEntry *entry = data;

  g_free (entry->item);
  g_free (entry->done_date);
  g_free (entry);
}

/* The organisation's name, refusing one that does not exist. */
static char *
org_name (GtStorage *storage, gint64 org_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT name FROM organizations WHERE id = ?",
                                           error);
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, org_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = GT_COLUMN_TEXT (stmt, 0);
  sqlite3_reset (stmt);
  if (name == NULL)
    gt_storage_refuse (storage, error, _("organisation %d does not exist"), (int) org_id);
  return name;
}

GPtrArray *
gt_org_checklist (GtStorage *storage, gint64 org_id, GError **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (gt_org_checklist_entry_free);
  g_auto (GStrv) items = gt_org_checklist_items (storage);
  g_autofree char *name = org_name (storage, org_id, error);
  sqlite3_stmt *stmt;

  if (name == NULL)
    return NULL;
  stmt = gt_storage_prepare (storage,
                             "SELECT done_date FROM org_checklist WHERE org_id = ? AND item = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; items[i] != NULL; i++)
    {
      GtOrgChecklistEntry *entry = g_new0 (GtOrgChecklistEntry, 1);
      int rc;

      entry->item = g_strdup (items[i]);
      g_ptr_array_add (entries, entry);
      sqlite3_bind_int64 (stmt, 1, org_id);
      sqlite3_bind_text (stmt, 2, items[i], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        entry->done_date = GT_COLUMN_TEXT (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          gt_storage_set_error (storage, error, _("reading"));
          return NULL;
        }
    }
  return g_steal_pointer (&entries);
}

/* Refuses an item that is not on the checklist, naming the ones that are. */
static gboolean
check_item (GtStorage *storage, const char *item, GError **error)
{
  g_auto (GStrv) items = gt_org_checklist_items (storage);
  g_autofree char *known = NULL;

  if (item != NULL && g_strv_contains ((const char *const *) items, item))
    return TRUE;
  /* Translators: the separator between names in a list */
  known = g_strjoinv (_(", "), items);
  return gt_storage_refuse (storage, error, _("“%s” is not on the checklist (%s)"),
                            item != NULL ? item : "", known);
}

/* Runs one statement about (@org_id, @item) in a transaction of its own; @changes receives
 * how many rows it changed. */
static gboolean
change_checklist (GtStorage *storage, const char *sql, gint64 org_id, const char *item,
                  const char *date, int *changes, GError **error)
{
  sqlite3_stmt *stmt;

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, org_id);
      sqlite3_bind_text (stmt, 2, item, -1, SQLITE_TRANSIENT);
      if (date != NULL)
        sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
    }
  if (stmt == NULL || !gt_storage_step_done (storage, stmt, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  *changes = sqlite3_changes (gt_storage_get_db (storage));
  if (*changes == 0)
    {
      gt_storage_rollback (storage);
      return TRUE;
    }
  if (!gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "organizations");
  return TRUE;
}

gboolean
gt_org_checklist_tick (GtStorage *storage, gint64 org_id, const char *item, const char *date,
                       GError **error)
{
  g_autofree char *today = gt_today ();
  g_autofree char *name = NULL;
  int changes = 0;

  if (date == NULL || *date == '\0')
    date = today;
  if (!gt_storage_check_date (storage, _("the date"), date, FALSE, error))
    return FALSE;
  name = org_name (storage, org_id, error);
  if (name == NULL || !check_item (storage, item, error))
    return FALSE;
  return change_checklist (storage,
                           "INSERT INTO org_checklist (org_id, item, done_date)"
                           " VALUES (?1, ?2, ?3) ON CONFLICT (org_id, item)"
                           " DO UPDATE SET done_date = excluded.done_date",
                           org_id, item, date, &changes, error);
}

gboolean
gt_org_checklist_untick (GtStorage *storage, gint64 org_id, const char *item, GError **error)
{
  g_autofree char *name = org_name (storage, org_id, error);
  int changes = 0;

  if (name == NULL || !check_item (storage, item, error))
    return FALSE;
  if (!change_checklist (storage,
                         "DELETE FROM org_checklist WHERE org_id = ?1 AND item = ?2"
                         " AND done_date IS NOT NULL", org_id, item, NULL, &changes, error))
    return FALSE;
  if (changes == 0)
    return gt_storage_refuse (storage, error, _("%s has not ticked “%s”"), name, item);
  return TRUE;
}

gboolean
gt_org_checklist_count (GtStorage *storage, const char *kind, gint64 *met, gint64 *total,
                        GError **error)
{
  const char *code = gt_org_kind_code (kind != NULL ? kind : "branch");
  g_auto (GStrv) items = gt_org_checklist_items (storage);
  g_autofree char *joined = g_strjoinv ("\n", items);
  sqlite3_stmt *stmt;
  int rc;

  if (code == NULL)
    return gt_storage_refuse (storage, error, _("unknown kind “%s” (党委, 党总支, 党支部, 党小组…)"),
                              kind);
  /* items never hold a newline, so "\nITEM\n" inside "\nITEMS\n" is an exact match */
  stmt = gt_storage_prepare (
    storage,
    "SELECT count(*), coalesce (sum (n = ?3), 0) FROM (SELECT (SELECT count(*)"
    "  FROM org_checklist c WHERE c.org_id = o.id AND c.done_date IS NOT NULL"
    "  AND instr (char (10) || ?2 || char (10), char (10) || c.item || char (10)) > 0) AS n"
    " FROM organizations o WHERE o.archived = 0 AND o.kind = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, joined, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) g_strv_length (items));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *total = sqlite3_column_int64 (stmt, 0);
      *met = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}
