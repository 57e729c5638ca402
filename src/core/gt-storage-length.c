/* gt-storage-length.c — the exchange format's length limits on names and free texts
 *
 * Every name and free text that goes into an exchange package is limited by the XSD
 * (g:name 200 characters, g:text 2000: GT_NAME_MAX_CHARS and GT_TEXT_MAX_CHARS). The write
 * paths refuse longer values with gt_storage_check_length, so that every saved record can be
 * exported; the export checks again with gt_text_over_limit (gt-exchange-writer.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-storage.h"

glong
gt_text_over_limit (const char *text, gsize bytes, glong max)
{
  glong length;

  /* a character takes at least one byte: most texts need no counting */
  if (text == NULL || bytes <= (gsize) max)
    return 0;
  length = g_utf8_strlen (text, (gssize) bytes);
  return length > max ? length : 0;
}

gboolean
gt_storage_check_length (GtStorage *self, const char *what, const char *text, glong max,
                         GError **error)
{
  glong length;

  if (text == NULL)
    return TRUE;
  length = gt_text_over_limit (text, strlen (text), max);
  if (length == 0)
    return TRUE;
  /* TRANSLATORS: the first %s names the field ("the notes"); then its length and the limit */
  return gt_storage_refuse (self, error,
                            _("%s: %ld characters long; at most %ld fit in an exchange package"),
                            what, length, max);
}
