/* gt-idcard.h — 公民身份号码 (GB 11643-1999) validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GT_IDCARD_OK,
  GT_IDCARD_BAD_LENGTH,
  GT_IDCARD_BAD_CHARACTER,
  GT_IDCARD_BAD_DATE,
  GT_IDCARD_BAD_CHECK_DIGIT,
} GtIdcardStatus;

/* Normalises full-width digits, spaces and a lowercase x, then checks length, characters,
 * the birth date and the ISO 7064 MOD 11-2 check digit. On success fills @normalized
 * (18 characters), @birth (YYYY-MM-DD) and @gender ('M' or 'F') when not NULL. */
GtIdcardStatus gt_idcard_validate (const char *text, char **normalized, char **birth,
                                   char *gender);

/* The check character for the first 17 digits of @digits17. */
char gt_idcard_check_char (const char *digits17);

/* A translated sentence for a status, e.g. for an import error message. */
const char *gt_idcard_status_message (GtIdcardStatus status);

/* Masks the middle: 330822********1234. Returns a new string. */
char *gt_idcard_mask (const char *id_number);

G_END_DECLS
