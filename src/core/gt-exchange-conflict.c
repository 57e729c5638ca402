/* gt-exchange-conflict.c — a conflict's two versions of a record, field by field: what the
 * import dialog shows side by side and guatu-cli import names as differing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gt-exchange.h"

void
gt_conflict_field_free (GtConflictField *field)
{
  g_free (field->field);
  g_free (field->local);
  g_free (field->incoming);
  g_free (field);
}

static char *
value_text (JsonNode *node)
{
  GValue value = G_VALUE_INIT;
  char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);
  json_node_get_value (node, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    text = g_value_dup_string (&value);
  else if (G_VALUE_HOLDS_BOOLEAN (&value))
    text = g_strdup (g_value_get_boolean (&value) ? _("yes") : _("no"));
  else
    {
      GValue str = G_VALUE_INIT;

      g_value_init (&str, G_TYPE_STRING);
      if (g_value_transform (&value, &str))
        text = g_value_dup_string (&str);
      g_value_unset (&str);
    }
  g_value_unset (&value);
  return text != NULL ? text : g_strdup ("");
}

/* Field name → text, in order. A record's fields may sit in an object of their own
 * ("data", as the county keeps them): they are shown as fields of the record. */
static void
flatten (JsonObject *object, const char *prefix, GPtrArray *names, GHashTable *values)
{
  g_autoptr (GList) members = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      g_autofree char *name = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *inner = g_str_equal (l->data, "data")
                                     ? g_strdup (prefix)
                                     : g_strconcat (prefix, l->data, ".", NULL);
          flatten (json_node_get_object (node), inner, names, values);
          continue;
        }
      name = g_strconcat (prefix, l->data, NULL);
      if (!g_hash_table_contains (values, name))
        g_ptr_array_add (names, g_strdup (name));
      g_hash_table_replace (values, g_steal_pointer (&name), value_text (node));
    }
}

static JsonObject *
parse_object (const char *text, JsonParser *parser)
{
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

GPtrArray *
gt_conflict_fields (const GtExchangeConflict *conflict)
{
  g_autoptr (JsonParser) lp = json_parser_new (), ip = json_parser_new ();
  g_autoptr (GHashTable) local = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) incoming = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autoptr (GPtrArray) local_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) incoming_names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_conflict_field_free);

  flatten (parse_object (conflict->local, lp), "", local_names, local);
  flatten (parse_object (conflict->incoming, ip), "", incoming_names, incoming);
  /* The local fields in their order, then those only the package has. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *names = pass == 0 ? local_names : incoming_names;

      for (guint i = 0; i < names->len; i++)
        {
          const char *name = names->pdata[i];
          const char *l = g_hash_table_lookup (local, name);
          const char *in = g_hash_table_lookup (incoming, name);
          GtConflictField *f;

          if (pass == 1 && l != NULL)
            continue;
          f = g_new0 (GtConflictField, 1);
          f->field = g_strdup (name);
          f->local = g_strdup (l != NULL ? l : "");
          f->incoming = g_strdup (in != NULL ? in : "");
          f->differs = g_strcmp0 (f->local, f->incoming) != 0;
          g_ptr_array_add (rows, f);
        }
    }
  return rows;
}
