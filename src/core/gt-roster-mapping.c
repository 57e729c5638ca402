/* gt-roster-mapping.c — remembered column mappings for rosters with unusual headers
 *
 * Spreadsheets from other offices name their columns in their own ways (所属党组织,
 * 身份证, 入党年月…). Headers Guatu does not know are mapped once by the user and
 * remembered in the database (meta key roster.mapping, one "header<TAB>field" per line), so
 * the next file from the same office imports without asking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-roster-private.h"

#define MAPPING_KEY "roster.mapping"

/* In the order of the fields of gt-roster.c; "ignore" drops a column without a warning. */
static const struct
{
  const char *code;
  const char *label;
} fields[] = {
  { "name", N_("Name (姓名)") },
  { "gender", N_("Gender (性别)") },
  { "ethnicity", N_("Ethnicity (民族)") },
  { "id_number", N_("ID number (身份证号)") },
  { "phone", N_("Phone (手机号码)") },
  { "education", N_("Education (学历)") },
  { "occupation", N_("Occupation (职业)") },
  { "birth_date", N_("Birth date (出生日期)") },
  { "join_date", N_("Joining date (入党日期)") },
  { "full_date", N_("Full-membership date (转正日期)") },
  { "branch", N_("Branch (所在支部)") },
  { "category", N_("Category (党员类别)") },
  { "ignore", N_("Ignore this column") },
};

const char *
gt_roster_field_label (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].code, code) == 0)
      return _(fields[i].label);
  return NULL;
}

const char *
gt_roster_field_code (guint index)
{
  return index < G_N_ELEMENTS (fields) ? fields[index].code : NULL;
}

int
gt_roster_field_index (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].code, code) == 0)
      return (int) i;
  return -1;
}

GHashTable *
gt_roster_remembered_columns (GtStorage *storage)
{
  GHashTable *mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *text = gt_storage_get_meta (storage, MAPPING_KEY);
  g_auto (GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');

      if (tab == NULL || tab == lines[i] || gt_roster_field_index (tab + 1) < 0)
        continue; /* an unreadable line is skipped, never fatal */
      *tab = '\0';
      g_hash_table_replace (mapping, g_strdup (lines[i]), g_strdup (tab + 1));
    }
  return mapping;
}

gboolean
gt_roster_check_column (const char *header, const char *field, GError **error)
{
  if (header == NULL || *header == '\0' || strpbrk (header, "\t\n") != NULL)
    {
      g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID,
                   _("“%s” cannot be a column header"), header != NULL ? header : "");
      return FALSE;
    }
  if (field != NULL && *field != '\0' && gt_roster_field_index (field) < 0)
    {
      g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_INVALID,
                   _("unknown field “%s” (name, gender, ethnicity, id_number, phone, education, "
                     "occupation, birth_date, join_date, full_date, branch, category, ignore)"),
                   field);
      return FALSE;
    }
  return TRUE;
}

gboolean
gt_roster_remember_column (GtStorage *storage, const char *header, const char *field,
                           GError **error)
{
  g_autoptr (GHashTable) mapping = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GList) keys = NULL;

  if (!gt_roster_check_column (header, field, error))
    return FALSE;
  mapping = gt_roster_remembered_columns (storage);
  if (field == NULL || *field == '\0')
    g_hash_table_remove (mapping, header);
  else
    g_hash_table_replace (mapping, g_strdup (header), g_strdup (field));

  keys = g_list_sort (g_hash_table_get_keys (mapping), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (text, "%s\t%s\n", (char *) l->data,
                            (char *) g_hash_table_lookup (mapping, l->data));
  return gt_storage_set_meta (storage, MAPPING_KEY, text->str, error);
}
