/* gt-exchange-record.c — a record's attributes, and the record as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-exchange-private.h"

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
