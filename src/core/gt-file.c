/* gt-file.c — safe file writing: temporary file, fsync, rename, folder sync
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

#include <cairo-pdf.h>

#include "gt-file.h"

struct _GtSafeFile
{
  char *path;
  char *temp;
  FILE *fp;
  int write_errno; /* of the first failed write through gt_safe_file_cairo_write () */
};

static void
set_error (GError **error, const char *format, const char *path, int saved)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), format, display,
               g_strerror (saved));
}

static void
safe_file_free (GtSafeFile *self)
{
  g_free (self->path);
  g_free (self->temp);
  g_free (self);
}

GtSafeFile *
gt_safe_file_open (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  GtSafeFile *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (GtSafeFile, 1);
  self->path = g_strdup (path);
  self->temp = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  fd = g_mkstemp_full (self->temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_error (error, _("%s: cannot create: %s"), path, errno);
      safe_file_free (self);
      return NULL;
    }
  self->fp = fdopen (fd, "wb");
  if (self->fp == NULL)
    {
      int saved = errno;
      close (fd);
      g_unlink (self->temp);
      set_error (error, _("%s: cannot create: %s"), path, saved);
      safe_file_free (self);
      return NULL;
    }
  return self;
}

FILE *
gt_safe_file_get_stream (GtSafeFile *self)
{
  return self->fp;
}

gboolean
gt_safe_file_commit (GtSafeFile *self, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int saved = 0, fd;

  errno = 0;
  /* A write that failed earlier left the stream in error; its errno (a full disk) was
   * kept, errno itself is long gone. */
  if (ferror (self->fp) && self->write_errno != 0)
    saved = self->write_errno;
  else if (ferror (self->fp) || fflush (self->fp) != 0 || fsync (fileno (self->fp)) != 0)
    saved = errno != 0 ? errno : EIO;
  if (fclose (self->fp) != 0 && saved == 0)
    saved = errno != 0 ? errno : EIO;
  if (saved == 0 && g_rename (self->temp, self->path) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_unlink (self->temp);
      set_error (error, _("%s: cannot write: %s"), self->path, saved);
      safe_file_free (self);
      return FALSE;
    }

  /* Make the rename itself durable. Some file systems cannot sync a folder: not an error. */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      if (fsync (fd) != 0)
        g_debug ("%s: syncing the folder: %s", dir, g_strerror (errno));
      close (fd);
    }
  safe_file_free (self);
  return TRUE;
}

void
gt_safe_file_abort (GtSafeFile *self)
{
  if (self == NULL)
    return;
  fclose (self->fp);
  g_unlink (self->temp);
  safe_file_free (self);
}

gboolean
gt_file_write_atomically (const char *path, const char *data, gsize length, GError **error)
{
  GtSafeFile *file = gt_safe_file_open (path, error);

  if (file == NULL)
    return FALSE;
  if (length > 0 && fwrite (data, 1, length, file->fp) != length)
    {
      int saved = errno != 0 ? errno : EIO;
      set_error (error, _("%s: cannot write: %s"), path, saved);
      gt_safe_file_abort (file);
      return FALSE;
    }
  return gt_safe_file_commit (file, error);
}

void
gt_csv_append_field (GString *out, const char *value)
{
  gsize len = value != NULL ? strlen (value) : 0;
  gboolean formula;

  if (len == 0)
    return;
  formula = strchr (GT_CSV_FORMULA_STARTS "\t\r", value[0]) != NULL;
  if (strpbrk (value, ",\"\r\n") == NULL && value[0] != ' ' && value[len - 1] != ' ')
    {
      if (formula)
        g_string_append_c (out, '\'');
      g_string_append_len (out, value, len);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      if (*c == '\n' && (c == value || c[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

gboolean
gt_safe_file_finish_surface (GtSafeFile *file, cairo_surface_t *surface, const char *path,
                             GError **error)
{
  cairo_status_t status;

  errno = 0;
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      int saved = file->write_errno != 0 ? file->write_errno : errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR,
                   saved != 0 ? g_file_error_from_errno (saved) : G_FILE_ERROR_IO,
                   _("%s: cannot write: %s"), display,
                   saved != 0 ? g_strerror (saved) : cairo_status_to_string (status));
      gt_safe_file_abort (file);
      return FALSE;
    }
  return gt_safe_file_commit (file, error);
}

cairo_status_t
gt_safe_file_cairo_write (void *closure, const unsigned char *data, unsigned int length)
{
  GtSafeFile *self = closure;

  errno = 0;
  if (fwrite (data, 1, length, self->fp) == length)
    return CAIRO_STATUS_SUCCESS;
  /* Kept for the message: Cairo reports only "error while writing to output stream", and
   * the errno of this write is overwritten long before anyone asks. */
  if (self->write_errno == 0)
    self->write_errno = errno != 0 ? errno : EIO;
  return CAIRO_STATUS_WRITE_ERROR;
}

gboolean
gt_safe_file_write_png (GtSafeFile *file, cairo_surface_t *surface, const char *path,
                        GError **error)
{
  cairo_status_t status = cairo_surface_write_to_png_stream (surface, gt_safe_file_cairo_write,
                                                             file);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR,
                   file->write_errno != 0 ? g_file_error_from_errno (file->write_errno)
                                          : G_FILE_ERROR_IO,
                   _("%s: cannot write: %s"), display,
                   file->write_errno != 0 ? g_strerror (file->write_errno)
                                          : cairo_status_to_string (status));
      gt_safe_file_abort (file);
      return FALSE;
    }
  return gt_safe_file_commit (file, error);
}

cairo_surface_t *
gt_safe_file_pdf_surface (GtSafeFile *file, double width, double height, const char *title)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (gt_safe_file_cairo_write,
                                                                  file, width, height);

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Guatu " PACKAGE_VERSION);
  return surface;
}

int
gt_file_open_regular (const char *path, gboolean *not_regular)
{
  struct stat st;
  int fd, flags;

  *not_regular = FALSE;
  /* O_NONBLOCK: the open of a FIFO with no writer would wait for one forever, before any
   * check could refuse it. It is taken off again for the reads of a regular file. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return -1;
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      errno = saved;
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      *not_regular = TRUE;
      errno = EINVAL;
      return -1;
    }
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

FILE *
gt_file_fopen_regular (const char *path, gboolean *not_regular)
{
  int fd = gt_file_open_regular (path, not_regular);
  FILE *fp = fd >= 0 ? fdopen (fd, "rb") : NULL;

  if (fp == NULL && fd >= 0)
    {
      int saved = errno;
      close (fd);
      errno = saved;
    }
  return fp;
}
