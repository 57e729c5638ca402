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

/* In the order of GtRosterField; "ignore" drops a column without a warning. */
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
  { "group", N_("Party group (所在党小组)") },
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
                     "occupation, birth_date, join_date, full_date, branch, category, group, "
                     "ignore)"),
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

/* fields[] above lists the field codes in this order. */
G_STATIC_ASSERT (N_FIELDS == 13);

/* Header names as spreadsheets write them; English ones are compared in lower case with
 * spaces and hyphens read as underscores. */
static const struct
{
  GtRosterField field;
  const char *header;
} header_names[] = {
  { FIELD_NAME, "姓名" }, { FIELD_NAME, "name" },
  { FIELD_GENDER, "性别" }, { FIELD_GENDER, "gender" }, { FIELD_GENDER, "sex" },
  { FIELD_ETHNICITY, "民族" }, { FIELD_ETHNICITY, "ethnicity" },
  { FIELD_ID_NUMBER, "身份证号" }, { FIELD_ID_NUMBER, "公民身份号码" },
  { FIELD_ID_NUMBER, "身份证号码" }, { FIELD_ID_NUMBER, "id_number" },
  { FIELD_PHONE, "手机号码" }, { FIELD_PHONE, "联系电话" }, { FIELD_PHONE, "手机" },
  { FIELD_PHONE, "电话" }, { FIELD_PHONE, "手机号" }, { FIELD_PHONE, "phone" },
  { FIELD_EDUCATION, "学历" }, { FIELD_EDUCATION, "education" },
  { FIELD_OCCUPATION, "职业" }, { FIELD_OCCUPATION, "occupation" },
  { FIELD_BIRTH_DATE, "出生日期" }, { FIELD_BIRTH_DATE, "birth_date" },
  { FIELD_JOIN_DATE, "入党日期" }, { FIELD_JOIN_DATE, "入党时间" },
  { FIELD_JOIN_DATE, "join_date" },
  { FIELD_FULL_DATE, "转正日期" }, { FIELD_FULL_DATE, "转正时间" },
  { FIELD_FULL_DATE, "full_date" },
  { FIELD_BRANCH, "所在支部" }, { FIELD_BRANCH, "所在党组织" }, { FIELD_BRANCH, "党支部" },
  { FIELD_BRANCH, "支部" }, { FIELD_BRANCH, "branch" }, { FIELD_BRANCH, "organization" },
  { FIELD_CATEGORY, "党员类别" }, { FIELD_CATEGORY, "人员类别" }, { FIELD_CATEGORY, "category" },
  { FIELD_GROUP, "所在党小组" }, { FIELD_GROUP, "党小组" }, { FIELD_GROUP, "group" },
};

GtRosterField
gt_roster_field_for_header (const char *header)
{
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  g_auto (GStrv) parts = NULL;

  /* Templates mark compulsory columns with an asterisk: *姓名, 姓名*, ＊姓名. (Not with
   * g_strdelimit, which works on bytes: it would cut "＊" out of every full-width
   * character that shares a byte with it.) */
  parts = g_strsplit (header, "＊", -1);
  text = g_strjoinv ("*", parts);
  g_strdelimit (text, "*", ' ');
  lower = gt_roster_strip (text);
  g_strdelimit (lower, " -", '_');
  for (char *c = lower; *c != '\0'; c++)
    *c = g_ascii_tolower (*c);
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (strcmp (lower, header_names[i].header) == 0)
      return header_names[i].field;
  return N_FIELDS;
}
