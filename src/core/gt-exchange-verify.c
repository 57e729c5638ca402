/* gt-exchange-verify.c — the first pass over a package's raw bytes: find the signature line,
 * check the signature over every byte before it with a trusted key. No XML parser sees a
 * package before this pass has succeeded, with one exception: a package signed by a key not
 * in the trust list has its header (only) read by the same bounded reader, to tell the user
 * whom it claims to come from (gt-exchange-import.c, say_claimed_sender); nothing of it is
 * believed or stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gt-exchange-private.h"
#include "gt-file.h"
#include "gt-keys.h"

#define CHUNK (1024 * 1024)

void
gt_exchange_signature_free (GtExchangeSignature *sig)
{
  if (sig == NULL)
    return;
  g_free (sig->alg);
  g_free (sig->fingerprint);
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

typedef struct
{
  char *data;
  gsize mapped; /* 0: g_malloc'd */
} Buffer;

static void
buffer_free (gpointer data)
{
  Buffer *buffer = data;

  if (buffer->mapped > 0)
    munmap (buffer->data, buffer->mapped);
  else
    g_free (buffer->data);
  g_free (buffer);
}

/* Room for @size bytes. A large package goes into anonymous memory in huge pages where the
 * kernel has them: a page fault per 4 KB of an 80 MB package cost more than reading it. */
static Buffer *
buffer_new (gsize size)
{
  const gsize huge = 2 * 1024 * 1024;
  Buffer *buffer = g_new0 (Buffer, 1);

  if (size >= huge)
    {
      gsize mapped = (size + huge - 1) / huge * huge;
      void *map = mmap (NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (map != MAP_FAILED)
        {
#ifdef MADV_HUGEPAGE
          madvise (map, mapped, MADV_HUGEPAGE);
#endif
          buffer->data = map;
          buffer->mapped = mapped;
          return buffer;
        }
    }
  buffer->data = g_malloc (size);
  return buffer;
}

GBytes *
gt_exchange_load_file (GtStorage *storage, const char *path, GError **error)
{
  struct stat st;
  gsize limit = max_bytes (storage), done = 0;
  gboolean not_regular = FALSE;
  Buffer *buffer;
  char *data;
  int fd;

  fd = gt_file_open_regular (path, &not_regular);
  if (fd < 0 && not_regular)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CANT_OPEN,
                   _("%s: not a regular file"), path);
      return NULL;
    }
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CANT_OPEN,
                   _("%s: cannot open: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CANT_OPEN,
                   _("%s: cannot read: %s"), path, g_strerror (saved));
      return NULL;
    }
  if ((guint64) st.st_size > limit)
    {
      close (fd);
      g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) st.st_size);
      g_autofree char *most = g_strdup_printf ("%" G_GSIZE_FORMAT, limit);
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_TOO_LARGE,
                   _("%s: %s bytes is more than the %s bytes a package may have (setting "
                     "exchange.max_bytes)"), path, size, most);
      return NULL;
    }
  /* A copy in memory, never a mapping of the file: what is checked is what is parsed, even if
   * the file changes meanwhile. Read at most the size seen, plus one byte to notice a file
   * that grows meanwhile. */
  buffer = buffer_new ((gsize) st.st_size + 1);
  data = buffer->data;
  while (done < (gsize) st.st_size + 1)
    {
      gssize n = read (fd, data + done, (gsize) st.st_size + 1 - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          buffer_free (buffer);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s: cannot read: %s"), path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);
  if (done != (gsize) st.st_size)
    {
      buffer_free (buffer);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                   _("%s: the file changed while it was read"), path);
      return NULL;
    }
  data[done] = '\0';
  return g_bytes_new_with_free_func (data, done, buffer_free, buffer);
}

/* Whether @c is white space an editor or a copy may add at the end of a text file. */
static inline gboolean
is_blank (guint8 c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Splits off the last line: [0, *line_start) is signed, the line is [line_start, line_end).
 * White space after it (a line end lost or turned into "\r\n", blank lines or spaces an
 * editor added) is not part of it: it is not signed either, and changes nothing. */
static gboolean
find_last_line (const guint8 *data, gsize length, gsize *line_start, gsize *line_end)
{
  gsize end = length, start;

  while (end > 0 && is_blank (data[end - 1]))
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

/* The signature line [@line, @line + @length) parsed; its public key found (@public_pem, or
 * the trust list of @storage) and a verifier made for it. */
static GtExchangeSignature *
parse_line (GtStorage *storage, const char *public_pem, const char *display, const char *text,
            gsize length, GtVerifier **verifier_out, guint8 **der_out, gsize *der_len,
            GError **error)
{
  static GRegex *pattern;
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GtExchangeSignature) sig = NULL;
  g_autoptr (GtTrustedKey) trusted = NULL;
  g_autofree char *line = g_strndup (text, length), *value = NULL;
  g_autofree guint8 *der = NULL;

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern, g_regex_new ("^<\\?" GT_EXCHANGE_SIGNATURE_PI " alg=\"([a-z0-9-]{1,32})\""
                                              " key=\"([0-9a-f]{64})\" value=\"([A-Za-z0-9+/=]{1,200})\"\\?>$",
                                              G_REGEX_OPTIMIZE, 0, NULL));
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
  if (strcmp (sig->alg, GT_KEYS_ALG) != 0)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_VERSION,
                   _("%s: signature algorithm “%s” is not supported by this version of Guatu "
                     "(it knows %s)"), display, sig->alg, GT_KEYS_ALG);
      return NULL;
    }
  der = g_base64_decode (value, der_len);
  if (*der_len == 0 || *der_len > GT_KEYS_MAX_SIGNATURE)
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
  *verifier_out = gt_verifier_new (public_pem, error);
  if (*verifier_out == NULL)
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }
  *der_out = g_steal_pointer (&der);
  return g_steal_pointer (&sig);
}

/* Checks the signature once every signed byte went through @verifier; @line is the signature
 * line without its line end, for the whole file's SHA-256 (one pass: the digest of the signed
 * part is continued, not computed again). The digest is of the file as Guatu writes it, the
 * line ending in one "\n": a copy whose last line end was lost or became "\r\n" on the way,
 * or that gained blank lines or spaces at its end (find_last_line), is the same package. */
static gboolean
finish (GtExchangeSignature *sig, GtVerifier *verifier, const char *display, const guint8 *line,
        gsize line_length, const guint8 *der, gsize der_len, GError **error)
{
  guint8 md[32], tail[GT_EXCHANGE_MAX_SIGNATURE_LINE + 2];

  g_assert (line_length < sizeof tail);
  memcpy (tail, line, line_length);
  tail[line_length] = '\n';
  if (!gt_verifier_finish_with_tail (verifier, tail, line_length + 1, md, der, der_len, error))
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }
  sig->file_sha256 = g_malloc (2 * sizeof md + 1);
  for (unsigned i = 0; i < sizeof md; i++)
    g_snprintf (sig->file_sha256 + 2 * i, 3, "%02x", md[i]);
  return TRUE;
}

/* Whether @data, which has no signature line at its end, starts like a package: the start of
 * one whose end was lost (a copy cut off), not some other file. */
static gboolean
looks_cut_off (const guint8 *data, gsize length)
{
  static const char bom[] = "\xef\xbb\xbf";
  gsize head = MIN (length, 4096);

  if (head >= 3 && memcmp (data, bom, 3) == 0)
    {
      data += 3;
      head -= 3;
    }
  return head >= 5 && memcmp (data, "<?xml", 5) == 0 &&
         g_strstr_len ((const char *) data, head, "<package") != NULL;
}

/* Where a signature line ends in @data when more than white space follows it: the offset
 * just after its "?>" and its line end, or 0 when there is no such line. The last
 * "<?guatu-signature " at the start of a line is taken: a body never holds one ('<' in text
 * is written "&lt;"). */
static gsize
find_signature_before_tail (const guint8 *data, gsize length)
{
  static const char pi[] = "<?" GT_EXCHANGE_SIGNATURE_PI " ";
  const gsize pi_length = sizeof pi - 1;

  for (gsize start = length; start-- > 0;)
    {
      const guint8 *close;
      gsize end;

      if (data[start] != '<' || (start > 0 && data[start - 1] != '\n') ||
          length - start < pi_length || memcmp (data + start, pi, pi_length) != 0)
        continue;
      close = (const guint8 *) g_strstr_len ((const char *) data + start,
                                             MIN (length - start,
                                                  GT_EXCHANGE_MAX_SIGNATURE_LINE),
                                             "?>");
      if (close == NULL)
        return 0;
      end = (gsize) (close - data) + 2;
      if (end < length && data[end] == '\r')
        end++;
      if (end < length && data[end] == '\n')
        end++;
      for (gsize i = end; i < length; i++)
        if (!is_blank (data[i]))
          return end;
      return 0;
    }
  return 0;
}

/* The refusal of a file without a signature line at its end. */
static void
set_unsigned_error (const char *display, const guint8 *data, gsize length, GError **error)
{
  gsize i = 0, start, end, after;
  gboolean complete;

  /* Signed, but something came after the signature: NUL bytes a faulty copy padded the file
   * with, or text added to it. Said as it is, not as a package cut off. */
  after = find_signature_before_tail (data, length);
  if (after > 0)
    {
      gsize extra = length - after, zeros = 0;

      while (zeros < extra && data[after + zeros] == '\0')
        zeros++;
      if (zeros == extra)
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s: %lu zero byte after the signature line, which must be "
                                  "the last line (the copy was padded, e.g. by a faulty USB "
                                  "stick); copy the package again",
                                  "%s: %lu zero bytes after the signature line, which must be "
                                  "the last line (the copy was padded, e.g. by a faulty USB "
                                  "stick); copy the package again", extra),
                     display, (gulong) extra);
      else
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s: %lu byte after the signature line, which must be the "
                                  "last line (the file was changed after it was signed); copy "
                                  "the package again",
                                  "%s: %lu bytes after the signature line, which must be the "
                                  "last line (the file was changed after it was signed); copy "
                                  "the package again", extra),
                     display, (gulong) extra);
      return;
    }
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  /* an unsigned package ends with its root element, a cut-off one somewhere before */
  complete = find_last_line (data, length, &start, &end) && end - start >= 10 &&
             memcmp (data + end - 10, "</package>", 10) == 0;
  if (i == length)
    g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                 _("%s: the file is empty (cut off while copying?); copy the package again"),
                 display);
  else if (!complete && looks_cut_off (data, length))
    g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                 _("%s: the file is incomplete: its end, with the signature, is missing (cut off "
                   "while copying?); copy the package again"), display);
  else
    g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                 _("%s: not a signed package: its last line is not a "
                   "<?guatu-signature …?> line"), display);
}

/* The encoding the XML declaration at the start of @data names, or NULL when it names none. */
static char *
declared_encoding (const guint8 *data, gsize length)
{
  g_autofree char *head = NULL;
  const char *p, *end;

  length = MIN (length, 256);
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, length -= 3;
  if (length < 5 || memcmp (data, "<?xml", 5) != 0)
    return NULL;
  head = g_strndup ((const char *) data, length);
  if ((end = strstr (head, "?>")) != NULL)
    head[end - head] = '\0';
  if ((p = strstr (head, "encoding")) == NULL)
    return NULL;
  for (p += strlen ("encoding"); *p == ' ' || *p == '='; p++)
    ;
  if (*p != '"' && *p != '\'')
    return NULL;
  end = strchr (p + 1, *p);
  return end != NULL ? g_strndup (p + 1, end - p - 1) : NULL;
}

/* A signature that does not match @data (@length bytes before the signature line) says why
 * when it can see it: another program saved the package again in another encoding (GBK from
 * an editor, typically), which changes every Chinese character's bytes. */
/* The first CR LF line end in @data, or NULL. */
static const guint8 *
find_crlf (const guint8 *data, gsize length)
{
  for (const guint8 *p = data; (p = memchr (p, '\r', data + length - p)) != NULL; p++)
    if (p + 1 < data + length && p[1] == '\n')
      return p;
  return NULL;
}

static void
explain_bad_signature (const guint8 *data, gsize length, GError *error)
{
  g_autofree char *encoding = declared_encoding (data, length);
  const char *bad = NULL;
  const guint8 *crlf;
  char *message = NULL;

  if (!g_error_matches (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE))
    return;
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0 &&
      g_ascii_strcasecmp (encoding, "UTF8") != 0)
    /* TRANSLATORS: after "the signature does not match the contents…"; %s is an encoding
     * name such as GBK */
    message = g_strdup_printf (_("%s; its first line declares the encoding “%s”, while Guatu "
                                 "writes packages in UTF-8: a program opened it and saved it "
                                 "again. Copy the package as it was written, without opening "
                                 "it in another program"), error->message, encoding);
  else if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    /* TRANSLATORS: after "the signature does not match the contents…" */
    message = g_strdup_printf (_("%s; it starts with a byte order mark (BOM), which Guatu "
                                 "does not write: a program (Notepad?) opened it and saved it "
                                 "again. Copy the package as it was written, without opening "
                                 "it in another program"), error->message);
  else if ((crlf = find_crlf (data, length)) != NULL)
    {
      guint line = 1;

      for (const guint8 *p = data; p < crlf; p++)
        line += *p == '\n';
      /* TRANSLATORS: after "the signature does not match the contents…" */
      message = g_strdup_printf (_("%s; from line %u on its lines end in CR LF, while Guatu "
                                   "ends them in LF: a program or a copy in text mode changed "
                                   "them. Copy the package as it was written"),
                                 error->message, line);
    }
  else if (!g_utf8_validate_len ((const char *) data, length, &bad))
    {
      guint line = 1;

      for (const guint8 *p = data; p < (const guint8 *) bad; p++)
        line += *p == '\n';
      /* TRANSLATORS: after "the signature does not match the contents…" */
      message = g_strdup_printf (_("%s; line %u holds bytes that are not UTF-8, while Guatu "
                                   "writes packages in UTF-8: a program saved it again in "
                                   "another encoding (GBK?). Copy the package as it was "
                                   "written"), error->message, line);
    }
  if (message != NULL)
    {
      g_free (error->message);
      error->message = message;
    }
}

static GtExchangeSignature *
check (GtStorage *storage, const char *public_pem, const char *display, const guint8 *data,
       gsize length, GError **error)
{
  static const char pi[] = "<?" GT_EXCHANGE_SIGNATURE_PI " ";
  g_autoptr (GtExchangeSignature) sig = NULL;
  g_autoptr (GtVerifier) verifier = NULL;
  g_autofree guint8 *der = NULL;
  gsize start, end, der_len = 0;

  /* A last line that is no signature line, or only the start of one (no "?>"). */
  if (!find_last_line (data, length, &start, &end) || end - start < strlen (pi) ||
      memcmp (data + start, pi, strlen (pi)) != 0 || memcmp (data + end - 2, "?>", 2) != 0)
    {
      set_unsigned_error (display, data, length, error);
      return NULL;
    }
  sig = parse_line (storage, public_pem, display, (const char *) data + start, end - start,
                    &verifier, &der, &der_len, error);
  if (sig == NULL)
    return NULL;
  sig->signed_length = start;
  sig->length = length;
  for (gsize off = 0; off < start; off += CHUNK)
    gt_verifier_update (verifier, data + off, MIN (CHUNK, start - off));
  if (!finish (sig, verifier, display, data + start, end - start, der, der_len, error))
    {
      if (error != NULL)
        explain_bad_signature (data, start, *error);
      return NULL;
    }
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

static gboolean
read_at (int fd, guint8 *buffer, gsize length, goffset offset, const char *display,
         GError **error)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, buffer + done, length - done, offset + done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("%s: cannot read: %s"), display, g_strerror (saved));
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

GtExchangeSignature *
gt_exchange_check_file_with (const char *public_pem, const char *path, GError **error)
{
  g_autoptr (GtExchangeSignature) sig = NULL;
  g_autoptr (GtVerifier) verifier = NULL;
  g_autofree guint8 *der = NULL, *buffer = NULL;
  guint8 tail[GT_EXCHANGE_MAX_SIGNATURE_LINE + 8];
  gsize tail_length, start, end, der_len = 0;
  goffset size, tail_offset;
  struct stat st;
  gboolean ok = FALSE;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("%s: cannot open: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("%s: cannot read: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  /* The last line from the file's end, then the signed bytes from its start, chunk by chunk:
   * a read-back of a large package needs no copy of it in memory. */
  size = st.st_size;
  tail_length = (gsize) MIN (size, (goffset) sizeof tail);
  tail_offset = size - tail_length;
  if (!read_at (fd, tail, tail_length, tail_offset, path, error))
    goto out;
  if (!find_last_line (tail, tail_length, &start, &end) || (start == 0 && tail_offset > 0))
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_UNSIGNED,
                   _("%s: not a signed package: its last line is not a "
                     "<?guatu-signature …?> line"), path);
      goto out;
    }
  sig = parse_line (NULL, public_pem, path, (const char *) tail + start, end - start, &verifier,
                    &der, &der_len, error);
  if (sig == NULL)
    goto out;
  sig->signed_length = tail_offset + start;
  sig->length = size;
  buffer = g_malloc (CHUNK);
  for (goffset off = 0; off < (goffset) sig->signed_length; off += CHUNK)
    {
      gsize n = (gsize) MIN ((goffset) CHUNK, (goffset) sig->signed_length - off);
      if (!read_at (fd, buffer, n, off, path, error))
        goto out;
      gt_verifier_update (verifier, buffer, n);
    }
  ok = finish (sig, verifier, path, tail + start, end - start, der, der_len, error);

out:
  close (fd);
  return ok ? g_steal_pointer (&sig) : NULL;
}

/* A package's text and tags are short (a text at most GT_EXCHANGE_MAX_TEXT bytes, a tag at
 * most GT_EXCHANGE_MAX_ATTRS such attributes), so two '<' never lie further apart than this.
 * Checked on the bytes before libxml2 sees them: libxml2 would first gather a long text
 * (up to its own 10 MB) in small reallocations, which costs time before it is refused. */
#define MAX_GAP (4 * GT_EXCHANGE_MAX_TEXT)

static int
line_at (const char *data, const char *p)
{
  int line = 1;

  for (const char *q = data; q < p; q++)
    line += *q == '\n';
  return line;
}

gboolean
gt_exchange_check_bytes (const char *display, const char *data, gsize length, GError **error)
{
  const char *end = data + length, *p = data;

  while (p < end)
    {
      const char *next = memchr (p, '<', (gsize) (end - p));
      gsize gap = (gsize) ((next != NULL ? next : end) - p);

      if (gap > MAX_GAP)
        {
          g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN,
                       _("%s:%d: a text or a tag longer than %d bytes, which a package never "
                         "has; it was refused unread"), display, line_at (data, p), MAX_GAP);
          return FALSE;
        }
      if (next == NULL)
        break;
      p = next + 1;
      if (p < end && *p == '!')
        {
          g_autofree char *where = g_strdup_printf ("%s:%d", display, line_at (data, p));
          g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FORBIDDEN,
                       _("%s: holds a DOCTYPE, an entity declaration, a comment or CDATA, which "
                         "a package never has; it was refused unread"), where);
          return FALSE;
        }
    }
  return TRUE;
}
