/* gt-idcard.c — 公民身份号码 (GB 11643-1999) validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-idcard.h"

static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_chars[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

char
gt_idcard_check_char (const char *digits17)
{
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (digits17[i] - '0') * weights[i];
  return check_chars[sum % 11];
}

/* Folds full-width digits (U+FF10–FF19) and Ｘ/ｘ to ASCII and drops spaces. */
static char *
normalize (const char *text)
{
  g_autoptr (GString) out = NULL;

  /* ASCII digits and X, as nearly every file writes them, are already normal. */
  if (strspn (text, "0123456789X") == strlen (text))
    return g_strdup (text);
  out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, '?');
          break;
        }
      if (c >= 0xFF10 && c <= 0xFF19)
        c = '0' + (c - 0xFF10);
      else if (c == 0xFF38 || c == 0xFF58 || c == 'x')
        c = 'X';
      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      g_string_append_unichar (out, c);
    }
  /* A roster of 200 000 keeps every result: a copy without GString's 64-byte minimum. */
  return g_strndup (out->str, out->len);
}

GtIdcardStatus
gt_idcard_validate (const char *text, char **normalized, char **birth, char *gender)
{
  g_autofree char *id = NULL;
  int year, month, day;

  g_return_val_if_fail (text != NULL, GT_IDCARD_BAD_LENGTH);

  id = normalize (text);
  if (strlen (id) != 18)
    return GT_IDCARD_BAD_LENGTH;
  for (int i = 0; i < 17; i++)
    if (!g_ascii_isdigit (id[i]))
      return GT_IDCARD_BAD_CHARACTER;
  if (!g_ascii_isdigit (id[17]) && id[17] != 'X')
    return GT_IDCARD_BAD_CHARACTER;

  year = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
  month = (id[10] - '0') * 10 + (id[11] - '0');
  day = (id[12] - '0') * 10 + (id[13] - '0');
  if (year < 1880 || !g_date_valid_dmy (day, month, year))
    return GT_IDCARD_BAD_DATE;

  if (gt_idcard_check_char (id) != id[17])
    return GT_IDCARD_BAD_CHECK_DIGIT;

  if (birth != NULL) /* YYYY-MM-DD from the number's own digits, without printf */
    {
      char date[11] = { id[6], id[7], id[8], id[9], '-', id[10], id[11], '-', id[12], id[13] };

      *birth = g_strndup (date, 10);
    }
  if (gender != NULL)
    *gender = ((id[16] - '0') % 2 == 1) ? 'M' : 'F';
  if (normalized != NULL)
    *normalized = g_steal_pointer (&id);
  return GT_IDCARD_OK;
}

const char *
gt_idcard_status_message (GtIdcardStatus status)
{
  switch (status)
    {
    case GT_IDCARD_OK:
      return _("valid");
    case GT_IDCARD_BAD_LENGTH:
      return _("an ID number has 18 characters");
    case GT_IDCARD_BAD_CHARACTER:
      return _("an ID number has 17 digits followed by a digit or X");
    case GT_IDCARD_BAD_DATE:
      return _("the birth date inside the ID number does not exist");
    case GT_IDCARD_BAD_CHECK_DIGIT:
      return _("the check digit of the ID number is wrong (mistyped?)");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
gt_idcard_mask (const char *id_number)
{
  size_t len;

  if (id_number == NULL || *id_number == '\0')
    return g_strdup ("");
  len = strlen (id_number);
  if (len <= 10)
    return g_strnfill (len, '*');
  return g_strdup_printf ("%.6s%s%s", id_number, "********", id_number + len - 4);
}
