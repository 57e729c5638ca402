/* gt-backup.h — backups of the database (SQLite backup API), their rotation and restoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* Automatic backups are called DBNAME-YYYYMMDD-HHMMSS-REASON.guatu-backup. */
#define GT_BACKUP_SUFFIX ".guatu-backup"
/* How many automatic backups are kept when the meta key "backup.keep" says nothing. */
#define GT_BACKUP_KEEP_DEFAULT 10

typedef struct
{
  char *path;      /* the backup file */
  GDateTime *time; /* when it was made (local time, from its name) */
  char *reason;    /* "manual", "migration", "import", "restore" */
  goffset size;    /* in bytes */
  gint64 order;    /* sort key: a newer backup has a larger one */
} GtBackupInfo;

void gt_backup_info_free (GtBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtBackupInfo, gt_backup_info_free)

/* Writes a consistent copy of the open database to @dest_path: into a temporary file in the
 * same folder, checked with PRAGMA integrity_check, synced, then renamed over @dest_path.
 * On any failure the temporary file is removed and an existing @dest_path is untouched;
 * the message names @dest_path. */
gboolean gt_backup_write (GtStorage *storage, const char *dest_path, GError **error);

/* The folder of automatic backups: the meta key "backup.folder" (relative to the
 * database's folder), else a folder "backups" next to the database. */
char *gt_backup_get_folder (GtStorage *storage);

/* Writes an automatic backup (@reason: lower-case ASCII letters) into the backup folder and
 * deletes all but the newest "backup.keep" ones of this database. @path (may be NULL)
 * receives the new file's path. */
gboolean gt_backup_automatic (GtStorage *storage, const char *reason, char **path,
                              GError **error);

/* For a change that may yet be refused: writes the automatic backup as gt_backup_automatic ()
 * does, into *@path, but removes no older one until gt_backup_automatic_settle (). */
gboolean gt_backup_automatic_pending (GtStorage *storage, const char *reason, char **path,
                                      GError **error);

/* Settles the backup *@path of gt_backup_automatic_pending () (nothing when NULL): when the
 * database @changed, the older backups are rotated as usual; when the change was refused or
 * rolled back, the backup is removed and *@path cleared, so that automatic backups always
 * stand before a change and a refusal never pushes an older one out. */
void gt_backup_automatic_settle (GtStorage *storage, char **path, gboolean changed);

/* The automatic backups of the database, newest first (GtBackupInfo). */
GPtrArray *gt_backup_list (GtStorage *storage);

/* Checks that @path is a Guatu database this build reads, with PRAGMA integrity_check,
 * opened read-only. @schema_version (may be NULL) receives its version. */
gboolean gt_backup_verify (const char *path, int *schema_version, GError **error);

/* Replaces the database @db_path with a copy of @backup_path, after verifying the backup
 * and making an automatic backup of the database as it is (a database too damaged to open
 * is copied byte for byte to DB.damaged-YYYYMMDD-HHMMSS instead); @safety_path (may be
 * NULL) receives that copy's path, NULL when @db_path did not exist. The new file is
 * written next to the database, synced and renamed over it.
 *
 * Call it with no GtStorage open on @db_path, in this process or any other: the open
 * connection would go on seeing the replaced file. */
gboolean gt_backup_restore (const char *db_path, const char *backup_path, char **safety_path,
                            GError **error);

/* For gt-storage.c: one translated sentence that names the newest automatic backup of
 * @db_file that passes PRAGMA quick_check, with the command that restores it, or says
 * there is none. @folder NULL means the default folder. */
char *gt_backup_recovery_hint (const char *db_file, const char *folder);

G_END_DECLS
