/* gt-backup.c — backups of the database (SQLite backup API) and their rotation
 *
 * A backup is written with the online backup API into a temporary file next to its target,
 * switched to a single file (journal_mode DELETE), checked with PRAGMA integrity_check on a
 * read-only connection, synced and renamed over the target; the folder is synced after the
 * rename. Restoring is in gt-backup-restore.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gt-backup.h"
#include "gt-backup-private.h"
#include "gt-file.h"

#define SQLITE_MAGIC "SQLite format 3"
/* Retries of a backup step the source's lock holds up, 50 ms apart. */
#define BACKUP_BUSY_TRIES 100

void
gt_backup_info_free (GtBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_free (info->reason);
  g_free (info);
}

GtStorageError
gt_backup_code_from_errno (int saved)
{
  switch (saved)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      return GT_STORAGE_ERROR_FULL;
    case EACCES:
    case EPERM:
    case EROFS:
      return GT_STORAGE_ERROR_READONLY;
    case ENOENT:
    case ENOTDIR:
      return GT_STORAGE_ERROR_CANT_OPEN;
    default:
      return GT_STORAGE_ERROR_IO;
    }
}

static GtStorageError
code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return GT_STORAGE_ERROR_FULL;
    case SQLITE_CORRUPT:
      return GT_STORAGE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return GT_STORAGE_ERROR_NOT_GUATU;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return GT_STORAGE_ERROR_READONLY;
    case SQLITE_CANTOPEN:
      return GT_STORAGE_ERROR_CANT_OPEN;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GT_STORAGE_ERROR_BUSY;
    default:
      return GT_STORAGE_ERROR_IO;
    }
}

/* "FILE: DOING: strerror" with a code that fits errno. */
void
gt_backup_set_file_error (GError **error, int saved, GtStorageError code,
                          const char *display, const char *doing)
{
  g_set_error (error, GT_STORAGE_ERROR, code,
               /* Translators: "FILE: while DOING: the system's message" */
               _("%s: %s: %s"), display, doing, g_strerror (saved));
}

static const char *
storage_file (GtStorage *storage)
{
  return sqlite3_db_filename (gt_storage_get_db (storage), "main");
}

/* The database's file name without its extension: guatu.db → guatu. */
static char *
database_name (const char *db_file)
{
  char *base = g_path_get_basename (db_file);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return base;
}

static char *
folder_for (const char *db_file, const char *configured)
{
  g_autofree char *dir = g_path_get_dirname (db_file);

  if (configured == NULL || *configured == '\0')
    return g_build_filename (dir, "backups", NULL);
  if (g_path_is_absolute (configured))
    return g_strdup (configured);
  return g_build_filename (dir, configured, NULL);
}

char *
gt_backup_get_folder (GtStorage *storage)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (GT_IS_STORAGE (storage), NULL);

  configured = gt_storage_get_meta (storage, "backup.folder");
  return folder_for (storage_file (storage), configured);
}

static gboolean
sync_path (const char *path, gboolean directory)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static int
pragma_int (sqlite3 *db, const char *sql, int *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* Checks @path, a file of its own (nobody writes to it), naming @display in messages. */
gboolean
gt_backup_verify_file (const char *path, const char *display, gboolean quick,
                       int *version, GError **error)
{
  char header[100];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc, app_id = 0, user_version = 0;
  size_t n;
  gboolean not_regular = FALSE;
  FILE *fp = gt_file_fopen_regular (path, &not_regular);

  if (not_regular)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN,
                   _("%s: not a regular file"), display);
      return FALSE;
    }
  if (fp == NULL)
    {
      gt_backup_set_file_error (error, errno, GT_STORAGE_ERROR_CANT_OPEN, display,
                                _("cannot read the backup"));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, fp);
  fclose (fp);
  if (n < sizeof header || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU,
                   _("%s: not a Guatu backup (it is not an SQLite file)"), display);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    rc = pragma_int (db, "PRAGMA application_id", &app_id);
  if (rc == SQLITE_OK && (guint32) app_id != GT_APPLICATION_ID)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_NOT_GUATU,
                   _("%s: not a Guatu backup (this SQLite file belongs to another program)"),
                   display);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (rc == SQLITE_OK)
    rc = pragma_int (db, "PRAGMA user_version", &user_version);
  if (rc == SQLITE_OK && (user_version < 1 || user_version > GT_SCHEMA_VERSION))
    {
      g_set_error (error, GT_STORAGE_ERROR,
                   user_version < 1 ? GT_STORAGE_ERROR_NOT_GUATU : GT_STORAGE_ERROR_TOO_NEW,
                   _("%s: the backup has schema version %d; this version of Guatu reads "
                     "versions 1 to %d"), display, user_version, GT_SCHEMA_VERSION);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, quick ? "PRAGMA quick_check (1)" : "PRAGMA integrity_check (1)",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *result = (const char *) sqlite3_column_text (stmt, 0);

          rc = SQLITE_OK;
          if (g_strcmp0 (result, "ok") != 0)
            {
              g_autofree char *found = g_strdelimit (g_strdup (result), "\n", ' ');

              /* SQLite's own finding last, for whoever repairs it */
              g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CORRUPT,
                           _("%s: the backup is damaged and cannot be restored; choose another"
                             " backup (SQLite found: %s)"), display, found);
              sqlite3_finalize (stmt);
              sqlite3_close_v2 (db);
              return FALSE;
            }
        }
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GT_STORAGE_ERROR, code_from_sqlite (rc),
                   rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB
                     ? _("%s: the backup is damaged or incomplete (cut off while copying?) and"
                         " cannot be restored; choose another backup (SQLite: %s)")
                     : _("%s: the backup cannot be read (SQLite: %s)"),
                   display, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_close_v2 (db);
  if (version != NULL)
    *version = user_version;
  return TRUE;
}

gboolean
gt_backup_verify (const char *path, int *schema_version, GError **error)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  return gt_backup_verify_file (path, display, FALSE, schema_version, error);
}

/* Copies the open database @src into the empty file @path with the backup API, as one
 * file without a journal. */
static gboolean
copy_database (sqlite3 *src, const char *path, const char *display, GError **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc, tries = 0;

  rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (dest);
      else
        {
          /* One step copies a consistent snapshot; a writer's lock only delays it. */
          do
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (50);
            }
          while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < BACKUP_BUSY_TRIES);
          sqlite3_backup_finish (backup);
        }
    }
  /* The copy carries the source's WAL flag; a backup is better one self-contained file. */
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GT_STORAGE_ERROR, code_from_sqlite (rc),
                   _("%s: writing the backup failed: %s"), display, sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GT_STORAGE_ERROR, code_from_sqlite (rc),
                   _("%s: writing the backup failed: %s"), display, sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }
  return TRUE;
}

/* A new temporary file, readable by its owner only, beside @path: ".NAME.XXXXXX". */
char *
gt_backup_make_temp_beside (const char *path, const char *display, int *fd_out,
                            GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  char *tmp = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      gt_backup_set_file_error (error, saved, gt_backup_code_from_errno (saved), display,
                                _("cannot write there"));
      g_free (tmp);
      return NULL;
    }
  if (fd_out != NULL)
    *fd_out = fd;
  else
    close (fd);
  return tmp;
}

/* Syncs @tmp, renames it to @dest and syncs the folder; removes @tmp on failure. */
gboolean
gt_backup_install_file (const char *tmp, const char *dest, const char *display,
                        GError **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);

  if (!sync_path (tmp, FALSE) || g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      gt_backup_set_file_error (error, saved, gt_backup_code_from_errno (saved), display,
                                _("cannot write there"));
      g_unlink (tmp);
      return FALSE;
    }
  sync_path (dir, TRUE);
  return TRUE;
}

gboolean
gt_backup_same_file (const char *a, const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

/* Removes a half-written copy and whatever journal SQLite left beside it. */
static void
remove_copy (const char *tmp)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (tmp, suffixes[i], NULL);
      g_unlink (file);
    }
}

gboolean
gt_backup_write (GtStorage *storage, const char *dest_path, GError **error)
{
  g_autofree char *display = NULL, *tmp = NULL;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  display = g_filename_display_name (dest_path);
  if (gt_backup_same_file (dest_path, storage_file (storage)))
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED,
                   _("%s: this is the database itself; a backup must go to another file"),
                   display);
      return FALSE;
    }
  tmp = gt_backup_make_temp_beside (dest_path, display, NULL, error);
  if (tmp == NULL)
    return FALSE;
  if (!copy_database (gt_storage_get_db (storage), tmp, display, error) ||
      !gt_backup_verify_file (tmp, display, FALSE, NULL, error))
    {
      remove_copy (tmp);
      return FALSE;
    }
  return gt_backup_install_file (tmp, dest_path, display, error);
}

/* Reads the part of a backup's name after "DBNAME-": YYYYMMDD-HHMMSS-REASON[-N].suffix. */
static GtBackupInfo *
parse_name (const char *rest)
{
  g_autoptr (GtBackupInfo) info = g_new0 (GtBackupInfo, 1);
  g_autofree char *stem = NULL;
  const char *counter;
  int y, mo, d, h, mi, s;
  guint64 n = 1;
  gsize len = strlen (rest);

  if (len <= 16 + strlen (GT_BACKUP_SUFFIX) || rest[8] != '-' || rest[15] != '-')
    return NULL;
  for (int i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (rest[i]))
      return NULL;
  if (sscanf (rest, "%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return NULL;
  info->time = g_date_time_new_local (y, mo, d, h, mi, s);
  if (info->time == NULL)
    return NULL;

  stem = g_strndup (rest + 16, len - 16 - strlen (GT_BACKUP_SUFFIX));
  counter = strchr (stem, '-');
  if (counter != NULL)
    {
      if (!g_ascii_string_to_unsigned (counter + 1, 10, 2, 999, &n, NULL))
        return NULL;
      stem[counter - stem] = '\0';
    }
  if (*stem == '\0')
    return NULL;
  for (const char *c = stem; *c != '\0'; c++)
    if (!g_ascii_islower (*c))
      return NULL;
  info->reason = g_steal_pointer (&stem);
  info->order = ((((((gint64) y * 100 + mo) * 100 + d) * 100 + h) * 100 + mi) * 100 + s) * 1000 +
                (gint64) n;
  return g_steal_pointer (&info);
}

static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const GtBackupInfo *x = *(GtBackupInfo **) a, *y = *(GtBackupInfo **) b;

  return x->order < y->order ? 1 : x->order > y->order ? -1 : 0;
}

static GPtrArray *
list_folder (const char *db_file, const char *folder)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_backup_info_free);
  g_autofree char *name = database_name (db_file);
  g_autofree char *prefix = g_strconcat (name, "-", NULL);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      GtBackupInfo *info;
      GStatBuf st;

      if (!g_str_has_prefix (entry, prefix) || !g_str_has_suffix (entry, GT_BACKUP_SUFFIX))
        continue;
      info = parse_name (entry + strlen (prefix));
      if (info == NULL)
        continue;
      info->path = g_build_filename (folder, entry, NULL);
      if (g_stat (info->path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          gt_backup_info_free (info);
          continue;
        }
      info->size = st.st_size;
      g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return list;
}

GPtrArray *
gt_backup_list (GtStorage *storage)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (GT_IS_STORAGE (storage), NULL);

  folder = gt_backup_get_folder (storage);
  return list_folder (storage_file (storage), folder);
}

static guint
keep_count (GtStorage *storage)
{
  g_autofree char *text = gt_storage_get_meta (storage, "backup.keep");
  guint64 keep = GT_BACKUP_KEEP_DEFAULT;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 100000, &keep, NULL))
    keep = GT_BACKUP_KEEP_DEFAULT;
  return (guint) keep;
}

/* Writes an automatic backup into the backup folder, removing none; *@dest receives its path. */
static gboolean
write_automatic (GtStorage *storage, const char *reason, char **dest_out, GError **error)
{
  g_autofree char *folder = NULL, *name = NULL, *stamp = NULL, *dest = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GPtrArray) backups = NULL;
  const char *db_file;
  guint n = 1;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (reason != NULL && *reason != '\0', FALSE);
  for (const char *c = reason; *c != '\0'; c++)
    g_return_val_if_fail (g_ascii_islower (*c), FALSE);

  db_file = storage_file (storage);
  folder = gt_backup_get_folder (storage);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (folder);
      gt_backup_set_file_error (error, saved, gt_backup_code_from_errno (saved), display,
                                _("cannot create the backup folder"));
      return FALSE;
    }
  name = database_name (db_file);
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  /* Backups made within the same second are numbered, whatever their reason. */
  backups = list_folder (db_file, folder);
  for (guint i = 0; i < backups->len; i++)
    {
      GtBackupInfo *info = backups->pdata[i];
      g_autofree char *other = g_date_time_format (info->time, "%Y%m%d-%H%M%S");

      if (g_strcmp0 (other, stamp) == 0)
        n = MAX (n, (guint) (info->order % 1000) + 1);
    }
  for (; dest == NULL || g_file_test (dest, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *file = NULL;

      if (n == 1)
        file = g_strdup_printf ("%s-%s-%s%s", name, stamp, reason, GT_BACKUP_SUFFIX);
      else
        file = g_strdup_printf ("%s-%s-%s-%u%s", name, stamp, reason, n, GT_BACKUP_SUFFIX);
      g_free (dest);
      dest = g_build_filename (folder, file, NULL);
    }
  if (!gt_backup_write (storage, dest, error))
    return FALSE;
  *dest_out = g_steal_pointer (&dest);
  return TRUE;
}

/* Rotation: the newest "backup.keep" ones stay, and never @newest, the one just written. */
static void
rotate (GtStorage *storage, const char *newest)
{
  g_autofree char *folder = gt_backup_get_folder (storage);
  g_autoptr (GPtrArray) backups = list_folder (storage_file (storage), folder);
  guint keep = keep_count (storage);

  for (guint i = keep; i < backups->len; i++)
    {
      GtBackupInfo *old = backups->pdata[i];

      if (g_strcmp0 (old->path, newest) != 0)
        g_unlink (old->path);
    }
}

gboolean
gt_backup_automatic (GtStorage *storage, const char *reason, char **path, GError **error)
{
  g_autofree char *dest = NULL;

  if (!write_automatic (storage, reason, &dest, error))
    return FALSE;
  rotate (storage, dest);
  if (path != NULL)
    *path = g_steal_pointer (&dest);
  return TRUE;
}

gboolean
gt_backup_automatic_pending (GtStorage *storage, const char *reason, char **path,
                             GError **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  *path = NULL;
  return write_automatic (storage, reason, path, error);
}

void
gt_backup_automatic_settle (GtStorage *storage, char **path, gboolean changed)
{
  g_return_if_fail (GT_IS_STORAGE (storage) && path != NULL);

  if (*path == NULL)
    return;
  if (changed)
    {
      rotate (storage, *path);
      return;
    }
  g_unlink (*path);
  g_clear_pointer (path, g_free);
}

char *
gt_backup_recovery_hint (const char *db_file, const char *folder)
{
  g_autofree char *dir = folder != NULL ? g_strdup (folder) : folder_for (db_file, NULL);
  g_autoptr (GPtrArray) backups = list_folder (db_file, dir);

  for (guint i = 0; i < backups->len; i++)
    {
      GtBackupInfo *info = backups->pdata[i];
      g_autofree char *display = g_filename_display_name (info->path);
      g_autofree char *db_display = g_filename_display_name (db_file);

      if (gt_backup_verify_file (info->path, display, TRUE, NULL, NULL))
        return g_strdup_printf (_("The newest good backup is %s; restore it with: "
                                  "guatu-cli --db %s restore %s"),
                                display, db_display, display);
    }
  return g_strdup (_("No good backup of it was found."));
}
