/* gt-storage-file.c — the database file outside SQLite: its header, its creation, and which
 * files this process has open
 *
 * A process may hold several connections to one file (the window's, a page's worker, a
 * backup). Closing any descriptor of a file drops every POSIX lock the process holds on it,
 * SQLite's included: another program would then take the database for unused, checkpoint it
 * and delete the WAL still being written. So a file's header is read with stdio only on its
 * first opening in the process, and open_files counts the connections per file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gt-storage-file.h"

#define SQLITE_MAGIC "SQLite format 3"

/* "dev:ino" → number of this process's connections to the file */
static GMutex open_files_lock;
static GHashTable *open_files;

/* Reads the first bytes of an existing file and refuses anything that is not an SQLite
 * database, without opening it with SQLite (which could write to it). */
static gboolean
sniff_header (const char *path, GError **error)
{
  g_autofree char *display = g_filename_display_name (path);
  char header[100];
  FILE *fp;
  size_t n;

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, GT_STORAGE_ERROR,
                   saved == EACCES ? GT_STORAGE_ERROR_READONLY : GT_STORAGE_ERROR_CANT_OPEN,
                   _("%s: cannot open: %s"), display, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, fp);
  fclose (fp);

  if (n == 0)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU,
                   _("%s: the file is empty, so it is not a Guatu database; it was left unchanged"),
                   display);
      return FALSE;
    }
  if (n < sizeof header || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU,
                   _("%s: not a Guatu database (it is not an SQLite file); it was left unchanged"),
                   display);
      return FALSE;
    }
  return TRUE;
}

static char *
file_key_new (const GStatBuf *st)
{
  return g_strdup_printf ("%ju:%ju", (uintmax_t) st->st_dev, (uintmax_t) st->st_ino);
}

char *
gt_storage_file_acquire (const char *path, const GStatBuf *st, gboolean check_header, GError **error)
{
  g_autofree char *key = file_key_new (st);
  guint n;

  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, key));
  if (n == 0 && check_header && !sniff_header (path, error))
    {
      g_mutex_unlock (&open_files_lock);
      return NULL;
    }
  g_hash_table_insert (open_files, g_strdup (key), GUINT_TO_POINTER (n + 1));
  g_mutex_unlock (&open_files_lock);
  return g_steal_pointer (&key);
}

void
gt_storage_file_release (const char *key)
{
  guint n;

  if (key == NULL)
    return;
  g_mutex_lock (&open_files_lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, key));
  if (n <= 1)
    g_hash_table_remove (open_files, key);
  else
    g_hash_table_insert (open_files, g_strdup (key), GUINT_TO_POINTER (n - 1));
  g_mutex_unlock (&open_files_lock);
}

gboolean
gt_storage_file_in_use (const char *path)
{
  g_autofree char *key = NULL;
  GStatBuf st;
  gboolean in_use;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return FALSE;
  key = file_key_new (&st);
  g_mutex_lock (&open_files_lock);
  in_use = open_files != NULL && g_hash_table_contains (open_files, key);
  g_mutex_unlock (&open_files_lock);
  return in_use;
}

gboolean
gt_storage_file_create (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN,
                   _("%s: cannot create the folder: %s"), display, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, GT_STORAGE_ERROR,
                   saved == EROFS || saved == EACCES ? GT_STORAGE_ERROR_READONLY
                                                     : GT_STORAGE_ERROR_CANT_OPEN,
                   _("%s: cannot create the database: %s"), display, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}
