/* gt-storage-migrate.c — upgrading a database's schema, one committed step at a time
 *
 * The steps are in gt-schema*.c; each runs its SQL and its C part, then sets
 * PRAGMA user_version, in one transaction. A failed step is undone and named.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gt-backup.h"
#include "gt-schema.h"
#include "gt-storage-private.h"

/**
 * gt_storage_migrate:
 * @self: a database being opened
 * @version: (inout): its schema version, raised with each step that is committed
 * @target: the version to reach
 *
 * Runs the upgrade steps above @version up to @target, each in its own transaction. An
 * existing database is backed up before its first step; a new one (version 0) not.
 */
gboolean
gt_storage_migrate (GtStorage *self, int *version, int target, GError **error)
{
  const GtMigration *steps;
  guint n_steps;
  /* An existing database is backed up before its first upgrade step; a new one not. */
  gboolean back_up = *version > 0;

  steps = gt_schema_get_migrations (&n_steps);
  for (guint i = 0; i < n_steps; i++)
    {
      const GtMigration *step = &steps[i];
      g_autofree char *bump = NULL;
      g_autoptr (GError) local_error = NULL;

      if (step->version <= *version || step->version > target)
        continue;

      if (back_up)
        {
          if (!gt_backup_automatic (self, "migration", NULL, &local_error))
            {
              g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_MIGRATION,
                           _("%s: the database was not upgraded to version %d, because the "
                             "backup before the upgrade failed: %s"),
                           gt_storage_get_path (self), step->version, local_error->message);
              return FALSE;
            }
          back_up = FALSE;
        }

      if (!gt_storage_begin (self, &local_error))
        goto failed;
      if (*version == 0)
        {
          g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                     (int) GT_APPLICATION_ID);
          if (!gt_storage_exec (self, app_id, &local_error))
            goto failed;
        }
      bump = g_strdup_printf ("PRAGMA user_version = %d", step->version);
      if (!gt_storage_exec (self, step->sql, &local_error) ||
          (step->run != NULL && !step->run (self, &local_error)) ||
          !gt_storage_exec (self, bump, &local_error) || !gt_storage_commit (self, &local_error))
        goto failed;

      g_debug ("%s: schema upgraded to version %d (%s)", gt_storage_get_path (self), step->version, step->summary);
      *version = step->version;
      continue;

    failed:
      gt_storage_rollback (self);
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_MIGRATION,
                   _("%s: upgrading the database to version %d failed and was undone: %s"),
                   gt_storage_get_path (self), step->version, local_error->message);
      return FALSE;
    }
  return TRUE;
}
