/* gt-cli.c — shared helpers of guatu-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "gt-audit.h"
#include "gt-cli.h"

int
gt_cli_exit_code_for (const GError *error)
{
  if (error->domain == GT_STORAGE_ERROR)
    switch ((GtStorageError) error->code)
      {
      case GT_STORAGE_ERROR_CANT_OPEN:
        return GT_EXIT_NOINPUT;
      case GT_STORAGE_ERROR_NOT_GUATU:
      case GT_STORAGE_ERROR_TOO_NEW:
      case GT_STORAGE_ERROR_CORRUPT:
      case GT_STORAGE_ERROR_CONSTRAINT:
        return GT_EXIT_DATAERR;
      case GT_STORAGE_ERROR_BUSY:
        return GT_EXIT_TEMPFAIL;
      case GT_STORAGE_ERROR_READONLY:
        return GT_EXIT_CANTCREAT;
      case GT_STORAGE_ERROR_FULL:
      case GT_STORAGE_ERROR_IO:
      case GT_STORAGE_ERROR_MIGRATION:
      case GT_STORAGE_ERROR_FAILED:
      default:
        return GT_EXIT_IOERR;
      }
  if (error->domain == G_OPTION_ERROR)
    return GT_EXIT_USAGE;
  if (error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return GT_EXIT_IOERR;
  return GT_EXIT_DATAERR;
}

int
gt_cli_fail (const GError *error)
{
  g_printerr ("guatu-cli: %s\n", error->message);
  return gt_cli_exit_code_for (error);
}

gboolean
gt_cli_parse (const GtCliCommand *command, GOptionEntry *entries, int *argc, char ***argv,
              int *exit_code)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, command->parameters);

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("guatu-cli %s: %s\n", command->name, error->message);
      *exit_code = GT_EXIT_USAGE;
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr (_("guatu-cli %s: unexpected argument “%s”\n"), command->name, (*argv)[1]);
      *exit_code = GT_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

GtStorage *
gt_cli_open (GtCliContext *ctx, GtStorageOpenFlags flags, int *exit_code)
{
  g_autoptr (GError) error = NULL;
  GtStorage *storage = gt_storage_open (ctx->db_path, flags, &error);

  if (storage == NULL)
    {
      *exit_code = gt_cli_fail (error);
      return NULL;
    }
  gt_audit_set_operator (storage, ctx->operator_name, ctx->program);
  return storage;
}

const char *
gt_cli_take_arg (int *argc, char ***argv)
{
  const char *arg;

  if (*argc < 2 || (*argv)[1][0] == '-')
    return NULL;
  arg = (*argv)[1];
  (*argv)[1] = (*argv)[0];
  (*argc)--;
  (*argv)++;
  return arg;
}

gboolean
gt_cli_help_asked (const GtCliCommand *command, GOptionEntry *entries, int *argc, char ***argv,
                   int *exit_code)
{
  if (*argc < 2 || (g_strcmp0 ((*argv)[1], "-h") != 0 && g_strcmp0 ((*argv)[1], "--help") != 0))
    return FALSE;
  gt_cli_parse (command, entries, argc, argv, exit_code);
  *exit_code = GT_EXIT_OK;
  return TRUE;
}

gboolean
gt_cli_take_args (const GtCliCommand *command, int *argc, char ***argv, const char **out, int n,
                  GOptionEntry *entries, int *exit_code)
{
  for (int i = 0; i < n; i++)
    {
      const char *arg = gt_cli_take_arg (argc, argv);

      if (arg == NULL)
        {
          if (gt_cli_help_asked (command, entries, argc, argv, exit_code))
            return FALSE;
          g_printerr (_("guatu-cli %s: expected %s\n"), command->name, command->parameters);
          *exit_code = GT_EXIT_USAGE;
          return FALSE;
        }
      out[i] = arg;
    }
  return gt_cli_parse (command, entries, argc, argv, exit_code);
}
