/* gt-exchange-record.c — a record's attributes, and the record as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-exchange-private.h"

glong
gt_exchange_attribute_limit (GtExchangeType type, const char *name)
{
  static const struct
  {
    GtExchangeType type;
    const char *column;
    glong max;
  } limits[] = {
    { GT_EXCHANGE_ORGANIZATION, "name", GT_NAME_MAX_CHARS },
    { GT_EXCHANGE_ORGANIZATION, "code", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_ORGANIZATION, "org-type", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_ORGANIZATION, "secretary", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_MEMBER, "name", GT_NAME_MAX_CHARS },
    { GT_EXCHANGE_MEMBER, "ethnicity", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_MEMBER, "phone", 64 },
    { GT_EXCHANGE_MEMBER, "education", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_MEMBER, "occupation", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_HOUSEHOLD, "head-name", GT_NAME_MAX_CHARS },
    { GT_EXCHANGE_HOUSEHOLD, "village", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_HOUSEHOLD, "grid", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_HOUSEHOLD, "address", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_HOUSEHOLD, "notes", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_PROJECT, "number", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_PROJECT, "name", GT_NAME_MAX_CHARS },
    { GT_EXCHANGE_PROJECT, "village", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_PROJECT, "leader", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_PROJECT, "cadre", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_PROJECT, "description", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_MILESTONE, "name", GT_NAME_MAX_CHARS },
    { GT_EXCHANGE_MILESTONE, "done-by", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_MEETING, "topic", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_MEETING, "place", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_MEETING, "host", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_POINT, "item", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_POINT, "note", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_RATING, "name", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_RATING, "org-name", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_TASK, "title", GT_NAME_MAX_CHARS },
    { GT_EXCHANGE_TASK, "issuer-name", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_TASK, "withdrawn-reason", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_TASK, "#text", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_ACK, "office-name", GT_TEXT_MAX_CHARS },
    { GT_EXCHANGE_ACK, "#text", GT_TEXT_MAX_CHARS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (limits[i].type == type && strcmp (limits[i].column, name) == 0)
      return limits[i].max;
  return 0;
}

const char *
gt_exchange_record_get (const GtExchangeRecord *record, const char *name)
{
  for (int i = 0; i < record->n_attrs; i++)
    if (strcmp (record->names[i], name) == 0)
      return record->values[i];
  return NULL;
}

void
gt_exchange_json_string (GString *out, const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else
        {
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 15]);
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
gt_exchange_record_to_json (const GtExchangeRecord *record, GString *out)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (int i = 0; i < record->n_attrs; i++)
    {
      const char *value = record->values[i];
      if (value == record->uuid || value == record->mtime || value == record->parent ||
          strcmp (record->names[i], "rev") == 0)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      gt_exchange_json_string (out, record->names[i]);
      g_string_append_c (out, ':');
      gt_exchange_json_string (out, value);
    }
  if (record->text != NULL && *record->text != '\0')
    {
      if (!first)
        g_string_append_c (out, ',');
      g_string_append (out, "\"text\":");
      gt_exchange_json_string (out, record->text);
    }
  g_string_append_c (out, '}');
}
