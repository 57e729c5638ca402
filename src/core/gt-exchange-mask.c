/* gt-exchange-mask.c — masked ID numbers and phone numbers in exchange packages
 *
 * A masked package (masked="1") carries "330822********1234" for an ID number and
 * "138****5678" for a phone number. The same register record often reaches the county both
 * ways: masked in a monthly report, in clear in a transfer or an earlier package. The
 * importer uses gt_exchange_unmask_json() so that the two copies agree: a masked copy of a
 * record held in clear is the same record, and a clear copy of a record held masked only
 * fills in what was hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-exchange-private.h"

void
gt_exchange_mask_into (char *out, const char *value, gsize keep_head, gsize keep_tail)
{
  gsize len = strlen (value);

  for (gsize i = 0; i < len; i++)
    out[i] = (len > keep_head + keep_tail && (i < keep_head || i >= len - keep_tail))
               ? value[i] : '*';
  out[len] = '\0';
}

/* The attributes a masked package hides. */
static const char *const masked_keys[] = { "\"id-number\":\"", "\"phone\":\"" };

/* The value of @key (with its quotes and colon) in the flat JSON object @json: its start,
 * and its length in @len; NULL if absent or escaped (never the case for these values). */
static const char *
find_value (const char *json, const char *key, gsize *len)
{
  gsize key_len = strlen (key);

  for (const char *p = strstr (json, key); p != NULL; p = strstr (p + 1, key))
    {
      const char *start, *end;

      /* A key follows '{' or ','; inside a string value the quote would be escaped. */
      if (p == json || (p[-1] != '{' && p[-1] != ','))
        continue;
      start = p + key_len;
      end = strchr (start, '"');
      if (end == NULL || memchr (start, '\\', end - start) != NULL)
        return NULL;
      *len = end - start;
      return start;
    }
  return NULL;
}

/* TRUE if @masked (containing at least one '*') hides @clear (containing none). */
static gboolean
hides (const char *masked, const char *clear, gsize len)
{
  gboolean any = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (clear[i] == '*')
        return FALSE;
      if (masked[i] == '*')
        any = TRUE;
      else if (masked[i] != clear[i])
        return FALSE;
    }
  return any;
}

char *
gt_exchange_unmask_json (const char *json, const char *clear_json)
{
  GString *out = NULL;

  if (json == NULL || clear_json == NULL || strchr (json, '*') == NULL)
    return NULL;
  for (gsize k = 0; k < G_N_ELEMENTS (masked_keys); k++)
    {
      const char *text = out != NULL ? out->str : json;
      gsize len, clear_len;
      const char *value = find_value (text, masked_keys[k], &len);
      const char *clear = find_value (clear_json, masked_keys[k], &clear_len);

      if (value == NULL || clear == NULL || len != clear_len || !hides (value, clear, len))
        continue;
      if (out == NULL)
        {
          out = g_string_new (json);
          value = out->str + (value - json);
        }
      memcpy ((char *) value, clear, len);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}
