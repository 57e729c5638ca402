/* gt-roster-text.c — the text of roster cells: spaces, full-width characters and dates
 *
 * Spreadsheets surround cells with spaces (full-width ones too), write digits full-width and
 * dates in half a dozen ways. These functions read them without copying what is already
 * plain: a roster of 200 000 rows calls them two million times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gt-file.h"
#include "gt-roster-private.h"

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000 || c == 0xA0 || c == 0xFEFF;
}

/* A printable ASCII character, which is never blank. */
static inline gboolean
is_plain (char c)
{
  return (guchar) c > 0x20 && (guchar) c < 0x7F;
}

/* TRUE when @text is empty or all spaces, full-width ones included; nothing is copied. */
gboolean
gt_roster_is_blank_text (const char *text)
{
  for (const char *s = text; *s != '\0'; s = g_utf8_next_char (s))
    if (is_plain (*s) || !is_blank (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

/* The part of @text without surrounding spaces: from *@start, *@length bytes. */
void
gt_roster_strip_span (const char *text, const char **start, gsize *length)
{
  gsize n = strlen (text);
  const char *begin = text, *end = text + n;

  /* Most cells start and end with a printable ASCII character or a Chinese one. */
  if (n > 0 && !(is_plain (text[0]) && is_plain (text[n - 1])))
    {
      while (begin < end && is_blank (g_utf8_get_char (begin)))
        begin = g_utf8_next_char (begin);
      while (end > begin && is_blank (g_utf8_get_char (g_utf8_prev_char (end))))
        end = g_utf8_prev_char (end);
    }
  /* The apostrophe the export puts before a value that a spreadsheet would take for a
   * formula (gt_csv_append_field) is not part of the value. */
  if (end - begin >= 2 && begin[0] == '\'' && strchr (GT_CSV_FORMULA_STARTS, begin[1]) != NULL)
    begin++;
  *start = begin;
  *length = (gsize) (end - begin);
}

/* A copy without surrounding spaces, full-width ones included. */
char *
gt_roster_strip (const char *text)
{
  const char *start;
  gsize length;

  gt_roster_strip_span (text, &start, &length);
  return g_strndup (start, length);
}

/* Folds full-width digits and date punctuation to ASCII and drops spaces and the
 * characters in @drop. */
char *
gt_roster_fold (const char *text, const char *drop)
{
  g_autoptr (GString) out = g_string_sized_new (strlen (text));

  for (const char *s = text; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (c >= 0xFF01 && c <= 0xFF5E && (g_unichar_isdigit (c) || c == 0xFF0D || c == 0xFF0E ||
                                         c == 0xFF0F || c == 0xFF1A || c == 0xFF0B))
        c = c - 0xFF01 + '!';
      if (is_blank (c) || (c < 0x80 && strchr (drop, (int) c) != NULL))
        continue;
      g_string_append_unichar (out, c);
    }
  /* A roster of 200 000 keeps every result: a copy without GString's 64-byte minimum. */
  return g_strndup (out->str, out->len);
}

/* Reads digits at *s: between 1 and @max of them. */
static gboolean
read_number (const char **s, int max, int *out)
{
  int n = 0;

  *out = 0;
  while (g_ascii_isdigit (**s) && n < max)
    {
      *out = *out * 10 + (**s - '0');
      (*s)++;
      n++;
    }
  return n > 0 && !g_ascii_isdigit (**s);
}

/* The numbers of a date already in YYYY-MM-DD form (atoi cost 2 of the 11 µs a roster row
 * took to read). */
static void
iso_date_parts (const char *text, int *year, int *month, int *day)
{
  *year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  *month = (text[5] - '0') * 10 + (text[6] - '0');
  *day = (text[8] - '0') * 10 + (text[9] - '0');
}

/* @text is YYYY-MM-DD in ASCII digits: the format of most files, read without copies. */
static gboolean
is_iso_date (const char *text, int *year, int *month, int *day)
{
  static const char pattern[] = "dddd-dd-dd";

  for (int i = 0; i < 10; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != '-')
      return FALSE;
  if (text[10] != '\0')
    return FALSE;
  iso_date_parts (text, year, month, day);
  return TRUE;
}

/* YYYY-MM-DD for a valid date (year below 10 000) into @out. */
static void
format_date_into (char out[11], int year, int month, int day)
{
  char text[11] = { (char) ('0' + year / 1000 % 10), (char) ('0' + year / 100 % 10),
                    (char) ('0' + year / 10 % 10), (char) ('0' + year % 10), '-',
                    (char) ('0' + month / 10), (char) ('0' + month % 10), '-',
                    (char) ('0' + day / 10), (char) ('0' + day % 10), '\0' };

  memcpy (out, text, sizeof text);
}

static char *
format_date (int year, int month, int day)
{
  char out[11];

  format_date_into (out, year, month, day);
  return g_strdup (out);
}

char *
gt_roster_parse_date (const char *text)
{
  g_autofree char *stripped = NULL, *folded = NULL;
  const char *s;
  char *space;
  int year, month, day;

  g_return_val_if_fail (text != NULL, NULL);

  if (is_iso_date (text, &year, &month, &day))
    {
      if (year < 1900 || !g_date_valid_dmy (day, month, year))
        return NULL;
      return format_date (year, month, day);
    }
  /* Spreadsheets may append a time of day to a date ("2001/7/1 0:00"). */
  stripped = gt_roster_strip (text);
  space = strchr (stripped, ' ');
  if (space != NULL && strchr (space, ':') != NULL)
    *space = '\0';
  folded = gt_roster_fold (stripped, "");
  s = folded;

  if (strlen (s) == 8 && strspn (s, "0123456789") == 8)
    {
      year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      month = (s[4] - '0') * 10 + (s[5] - '0');
      day = (s[6] - '0') * 10 + (s[7] - '0');
    }
  else
    {
      gboolean chinese;
      char sep;

      if (strlen (s) < 4 || strspn (s, "0123456789") != 4 || !read_number (&s, 4, &year))
        return NULL;
      chinese = g_str_has_prefix (s, "年");
      sep = *s;
      if (chinese)
        s += strlen ("年");
      else if (sep == '-' || sep == '/' || sep == '.')
        s++;
      else
        return NULL;
      if (!read_number (&s, 2, &month))
        return NULL;
      if (chinese && g_str_has_prefix (s, "月"))
        s += strlen ("月");
      else if (!chinese && *s == sep)
        s++;
      else
        return NULL;
      if (!read_number (&s, 2, &day))
        return NULL;
      if (chinese && g_str_has_prefix (s, "日"))
        s += strlen ("日");
      if (*s != '\0')
        return NULL;
    }
  if (year < 1900 || !g_date_valid_dmy (day, month, year) || year > 9999)
    return NULL;
  return format_date (year, month, day);
}

/* The 18th birthday in SQLite's reckoning (date (birth, '+18 years')), so the import
 * agrees with `guatu-cli check`: 29 February rolls over to 1 March. */
void
gt_roster_age_18 (const char *birth, char out[11])
{
  int year, month, day;

  iso_date_parts (birth, &year, &month, &day);
  if (!g_date_valid_dmy (day, month, year + 18))
    format_date_into (out, year + 18, 3, 1);
  else
    format_date_into (out, year + 18, month, day);
}
