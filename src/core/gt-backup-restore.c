/* gt-backup-restore.c — restoring a backup over the database
 *
 * The backup is copied next to the database and verified, the database as it was is kept as
 * an automatic backup (or byte for byte when too damaged to open), and only then replaced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "gt-backup.h"
#include "gt-backup-private.h"
#include "gt-file.h"

#define COPY_BUFFER_SIZE (256 * 1024)

/* Copies the file @src into @fd. */
static gboolean
copy_bytes (const char *src, int fd, const char *src_display, const char *dest_display,
            GError **error)
{
  g_autofree char *buffer = g_malloc (COPY_BUFFER_SIZE);
  gboolean not_regular = FALSE;
  /* a FIFO given as the backup is refused, not waited on */
  int in = gt_file_open_regular (src, &not_regular);
  gssize n;

  if (not_regular)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN,
                   _("%s: not a regular file"), src_display);
      return FALSE;
    }
  if (in < 0)
    {
      gt_backup_set_file_error (error, errno, GT_STORAGE_ERROR_CANT_OPEN, src_display,
                                _("cannot read"));
      return FALSE;
    }
  for (;;)
    {
      n = read (in, buffer, COPY_BUFFER_SIZE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          gt_backup_set_file_error (error, errno, GT_STORAGE_ERROR_CANT_OPEN, src_display,
                                    _("cannot read"));
          close (in);
          return FALSE;
        }
      if (n == 0)
        break;
      for (gssize done = 0; done < n;)
        {
          gssize w = write (fd, buffer + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              int saved = errno;
              gt_backup_set_file_error (error, saved, gt_backup_code_from_errno (saved),
                                        dest_display, _("cannot write there"));
              close (in);
              return FALSE;
            }
          done += w;
        }
    }
  close (in);
  if (fsync (fd) != 0)
    {
      int saved = errno;
      gt_backup_set_file_error (error, saved, gt_backup_code_from_errno (saved), dest_display,
                                _("cannot write there"));
      return FALSE;
    }
  return TRUE;
}

/* Copies @src to the new file @dest, readable by its owner only. */
static gboolean
copy_to_new_file (const char *src, const char *dest, GError **error)
{
  g_autofree char *src_display = g_filename_display_name (src);
  g_autofree char *dest_display = g_filename_display_name (dest);
  int fd = g_open (dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;
      gt_backup_set_file_error (error, saved, gt_backup_code_from_errno (saved), dest_display,
                                _("cannot write there"));
      return FALSE;
    }
  ok = copy_bytes (src, fd, src_display, dest_display, error);
  close (fd);
  if (!ok)
    g_unlink (dest);
  return ok;
}

/* A database too damaged to open is kept byte for byte, with its WAL, as DB.damaged-STAMP. */
static gboolean
keep_damaged (const char *db_path, char **safety, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dest = g_strdup_printf ("%s.damaged-%s", db_path, stamp);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *dest_wal = g_strconcat (dest, "-wal", NULL);

  if (!copy_to_new_file (db_path, dest, error))
    return FALSE;
  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR) && !copy_to_new_file (wal, dest_wal, error))
    {
      g_unlink (dest);
      return FALSE;
    }
  *safety = g_steal_pointer (&dest);
  return TRUE;
}

/* Keeps the database as it is before it is replaced, and checkpoints and closes it. */
static gboolean
keep_current (const char *db_path, char **safety, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (db_path, GT_STORAGE_OPEN_DEFAULT,
                                                   &local_error);

  if (storage == NULL)
    {
      if (g_error_matches (local_error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT))
        return keep_damaged (db_path, safety, error);
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s Nothing was restored."), local_error->message);
      return FALSE;
    }
  if (!gt_backup_automatic (storage, "restore", safety, error))
    return FALSE;
  sqlite3_wal_checkpoint_v2 (gt_storage_get_db (storage), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL,
                             NULL);
  return TRUE;
}

gboolean
gt_backup_restore (const char *db_path, const char *backup_path, char **safety_path,
                   GError **error)
{
  g_autofree char *db_display = NULL, *backup_display = NULL, *tmp = NULL, *safety = NULL;
  const char *suffixes[] = { "-wal", "-shm" };
  gboolean ok;
  int fd = -1;

  g_return_val_if_fail (db_path != NULL && backup_path != NULL, FALSE);

  if (safety_path != NULL)
    *safety_path = NULL;
  db_display = g_filename_display_name (db_path);
  backup_display = g_filename_display_name (backup_path);
  if (gt_backup_same_file (db_path, backup_path))
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED,
                   _("%s: this is the database itself, not a backup of it; it was left "
                     "unchanged"), backup_display);
      return FALSE;
    }

  /* Every connection of this process must be closed: replacing the file and its WAL under one
   * would lose what it writes. A page's worker closes its own within moments. */
  for (int waited = 0; gt_storage_file_in_use (db_path); waited += 50)
    {
      if (waited >= 5000)
        {
          g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED,
                       _("%s: the database is still open in Guatu; close its other windows "
                         "and dialogs first. Nothing was restored."), db_display);
          return FALSE;
        }
      g_usleep (50 * 1000);
    }

  /* The copy first: rotating the safety backup could remove @backup_path itself. */
  tmp = gt_backup_make_temp_beside (db_path, db_display, &fd, error);
  if (tmp == NULL)
    return FALSE;
  ok = copy_bytes (backup_path, fd, backup_display, db_display, error);
  close (fd);
  if (!ok || !gt_backup_verify_file (tmp, backup_display, FALSE, NULL, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_file_test (db_path, G_FILE_TEST_EXISTS) && !keep_current (db_path, &safety, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  /* The old database is checkpointed and closed: its WAL must not meet the new file. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);
      g_unlink (file);
    }
  if (!gt_backup_install_file (tmp, db_path, db_display, error))
    return FALSE;
  if (safety_path != NULL)
    *safety_path = g_steal_pointer (&safety);
  return TRUE;
}
