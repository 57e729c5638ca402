/* fuzz-idcard.c — GB 11643 validation on any text: an accepted number really has 18
 * characters, a matching check character and a real birth date, and its mask hides the
 * birth date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "gt-idcard.h"
#include "gt-storage.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  FUZZ_SETUP ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *normalized = NULL, *birth = NULL, *mask = NULL;
  char gender = 0;
  GtIdcardStatus status;

  status = gt_idcard_validate (text, &normalized, &birth, &gender);
  if (gt_idcard_status_message (status) == NULL)
    FUZZ_FAIL ("a status without a message");
  if (status != GT_IDCARD_OK)
    return 0;

  if (normalized == NULL || strlen (normalized) != 18 ||
      gt_idcard_check_char (normalized) != normalized[17] || !gt_date_is_valid (birth) ||
      (gender != 'M' && gender != 'F') ||
      strncmp (normalized + 6, birth, 4) != 0)
    FUZZ_FAIL ("an accepted number that is not valid");
  mask = gt_idcard_mask (normalized);
  if (mask == NULL || strstr (mask, normalized + 6) != NULL ||
      strncmp (mask, normalized, 6) != 0)
    FUZZ_FAIL ("the mask shows the birth date");
  return 0;
}
