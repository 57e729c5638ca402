/* gt-cli-backup.c — guatu-cli backup, backup list and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-backup.h"
#include "gt-cli.h"

static int
backup_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  backups = gt_backup_list (storage);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < backups->len; i++)
        {
          GtBackupInfo *info = backups->pdata[i];
          g_autofree char *time = g_date_time_format_iso8601 (info->time);

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "path", info->path);
          gt_cli_json_add_string (builder, "time", time);
          gt_cli_json_add_string (builder, "reason", info->reason);
          gt_cli_json_add_int (builder, "size", info->size);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }

  if (backups->len == 0)
    {
      g_autofree char *folder = gt_backup_get_folder (storage);
      g_print (_("No automatic backups in %s\n"), folder);
    }
  for (guint i = 0; i < backups->len; i++)
    {
      GtBackupInfo *info = backups->pdata[i];
      g_autofree char *time = g_date_time_format (info->time, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (info->size);

      g_print ("%s  %-9s  %9s  %s\n", time, info->reason, size, info->path);
    }
  return GT_EXIT_OK;
}

int
gt_cli_cmd_backup (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  static const GtCliCommand list_command = {
    "backup list", "[--json]", N_("List the automatic backups, newest first"), NULL
  };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *path = NULL;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the backup to this file (default: an automatic backup in the backup folder)"),
      N_("FILE") },
    { NULL }
  };

  if (argc >= 2 && g_strcmp0 (argv[1], "list") == 0)
    return backup_list (ctx, &list_command, argc - 1, argv + 1);
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;

  if (out != NULL ? !gt_backup_write (storage, out, &error)
                  : !gt_backup_automatic (storage, "manual", &path, &error))
    {
      exit_code = gt_cli_fail (error);
      /* The backup is output: a folder that is missing or read-only cannot take it. */
      if (g_error_matches (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CANT_OPEN) ||
          g_error_matches (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_READONLY))
        exit_code = GT_EXIT_CANTCREAT;
      return exit_code;
    }
  g_print ("%s\n", out != NULL ? out : path);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_restore (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *safety = NULL;
  const char *file = gt_cli_take_arg (&argc, &argv);
  int exit_code = GT_EXIT_OK;

  if (!gt_cli_parse (command, NULL, &argc, &argv, &exit_code))
    return exit_code;
  if (file == NULL)
    {
      g_printerr (_("guatu-cli restore: name the backup to restore\n"));
      return GT_EXIT_USAGE;
    }
  if (!gt_backup_restore (ctx->db_path, file, &safety, &error))
    return gt_cli_fail (error);

  g_print (_("Restored %s from %s\n"), ctx->db_path, file);
  if (safety != NULL)
    g_print (_("The database as it was before is kept in %s\n"), safety);
  return GT_EXIT_OK;
}
