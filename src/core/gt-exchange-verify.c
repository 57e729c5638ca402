/* gt-exchange-verify.c — the first pass over a package's raw bytes: find the signature line,
 * check the signature over every byte before it with a trusted key. No XML parser sees a
 * package before this pass has succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gt-exchange-private.h"
#include "gt-keys.h"

#define CHUNK (1024 * 1024)

void
gt_exchange_signature_free (GtExchangeSignature *sig)
{
  if (sig == NULL)
    return;
  g_free (sig->alg);
  g_free (sig->fingerprint);
  g_free (sig->signed_sha256);
  g_free (sig->file_sha256);
  g_free (sig->org_code);
  g_free (sig->org_name);
  g_free (sig);
}

static gsize
max_bytes (GtStorage *storage)
{
  g_autofree char *text = storage != NULL ? gt_storage_get_meta (storage, "exchange.max_bytes")
                                          : NULL;
  guint64 value = 0;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1024, G_MAXSIZE, &value, NULL))
    return (gsize) value;
  return GT_EXCHANGE_MAX_BYTES_DEFAULT;
}

gboolean
gt_exchange_load_file (GtStorage *storage, const char *path, char **data_out, gsize *length_out,
                       GError **error)
{
  struct stat st;
  gsize limit = max_bytes (storage), done = 0;
  char *data;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("%s: cannot open: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("%s: not a regular file"), path);
      return FALSE;
    }
  if ((guint64) st.st_size > limit)
    {
      close (fd);
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_TOO_LARGE,
                   _("%s: %" G_GUINT64_FORMAT " bytes is more than the %" G_GSIZE_FORMAT
                     " bytes a package may have (setting exchange.max_bytes)"),
                   path, (guint64) st.st_size, limit);
      return FALSE;
    }
  /* Read at most the size seen, plus one byte to notice a file that grows meanwhile. */
  data = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size + 1)
    {
      gssize n = read (fd, data + done, (gsize) st.st_size + 1 - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_free (data);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s: cannot read: %s"), path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);
  if (done != (gsize) st.st_size)
    {
      g_free (data);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                   _("%s: the file changed while it was read"), path);
      return FALSE;
    }
  data[done] = '\0';
  *data_out = data;
  *length_out = done;
  return TRUE;
}

/* Splits off the last line: [0, *line_start) is signed, the line is [line_start, line_end). */
static gboolean
find_last_line (const guint8 *data, gsize length, gsize *line_start, gsize *line_end)
{
  gsize end = length, start;

  if (end > 0 && data[end - 1] == '\n')
    end--;
  if (end > 0 && data[end - 1] == '\r')
    end--;
  start = end;
  while (start > 0 && data[start - 1] != '\n')
    {
      if (end - start > GT_EXCHANGE_MAX_SIGNATURE_LINE)
        return FALSE;
      start--;
    }
  *line_start = start;
  *line_end = end;
  return end > start;
}

static GtExchangeSignature *
check (GtStorage *storage, const char *public_pem, const char *display, const guint8 *data,
       gsize length, GError **error)
{
  static GRegex *pattern;
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GtExchangeSignature) sig = NULL;
  g_autoptr (GtTrustedKey) trusted = NULL;
  g_autoptr (GtVerifier) verifier = NULL;
  g_autoptr (GChecksum) signed_sum = NULL, file_sum = NULL;
  g_autofree char *line = NULL, *value = NULL;
  g_autofree guint8 *der = NULL;
  gsize start, end, der_len = 0;

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern, g_regex_new ("^<\\?" GT_EXCHANGE_SIGNATURE_PI " alg=\"([a-z0-9-]{1,32})\""
                                              " key=\"([0-9a-f]{64})\" value=\"([A-Za-z0-9+/=]{1,200})\"\\?>$",
                                              G_REGEX_OPTIMIZE, 0, NULL));

  if (!find_last_line (data, length, &start, &end))
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                   _("%s: not a signed package: its last line is not a "
                     "<?guatu-signature …?> line"), display);
      return NULL;
    }
  line = g_strndup ((const char *) data + start, end - start);
  if (!g_regex_match (pattern, line, 0, &match))
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                   _("%s: not a signed package: its last line is not a "
                     "<?guatu-signature …?> line"), display);
      return NULL;
    }
  sig = g_new0 (GtExchangeSignature, 1);
  sig->alg = g_match_info_fetch (match, 1);
  sig->fingerprint = g_match_info_fetch (match, 2);
  value = g_match_info_fetch (match, 3);
  sig->signed_length = start;
  if (strcmp (sig->alg, GT_KEYS_ALG) != 0)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_VERSION,
                   _("%s: signature algorithm “%s” is not supported by this version of Guatu "
                     "(it knows %s)"), display, sig->alg, GT_KEYS_ALG);
      return NULL;
    }
  der = g_base64_decode (value, &der_len);
  if (der_len == 0 || der_len > GT_KEYS_MAX_SIGNATURE)
    {
      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE,
                   _("%s: the signature value is damaged"), display);
      return NULL;
    }

  if (public_pem == NULL)
    {
      trusted = gt_keys_find_trusted (storage, sig->fingerprint, error);
      if (trusted == NULL)
        {
          g_prefix_error (error, "%s: ", display);
          return NULL;
        }
      public_pem = trusted->public_pem;
      sig->org_code = g_strdup (trusted->org_code);
      sig->org_name = g_strdup (trusted->name);
    }
  verifier = gt_verifier_new (public_pem, error);
  if (verifier == NULL)
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }

  /* One streaming pass: the verifier and both digests see the bytes chunk by chunk. */
  signed_sum = g_checksum_new (G_CHECKSUM_SHA256);
  file_sum = g_checksum_new (G_CHECKSUM_SHA256);
  for (gsize off = 0; off < start; off += CHUNK)
    {
      gsize n = MIN (CHUNK, start - off);
      gt_verifier_update (verifier, data + off, n);
      g_checksum_update (signed_sum, data + off, n);
      g_checksum_update (file_sum, data + off, n);
    }
  g_checksum_update (file_sum, data + start, length - start);
  if (!gt_verifier_finish (verifier, der, der_len, error))
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }
  sig->signed_sha256 = g_strdup (g_checksum_get_string (signed_sum));
  sig->file_sha256 = g_strdup (g_checksum_get_string (file_sum));
  return g_steal_pointer (&sig);
}

GtExchangeSignature *
gt_exchange_check_signature (GtStorage *storage, const char *display, const guint8 *data,
                             gsize length, GError **error)
{
  return check (storage, NULL, display, data, length, error);
}

GtExchangeSignature *
gt_exchange_check_signature_with (const char *public_pem, const char *display,
                                  const guint8 *data, gsize length, GError **error)
{
  return check (NULL, public_pem, display, data, length, error);
}
