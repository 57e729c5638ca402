/* gt-cli-roster.c — guatu-cli commands on member rosters: import-roster, export-roster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-cli.h"
#include "gt-roster.h"

/* One line per problem, as compilers print them: FILE:LINE: COLUMN: reason; but not @skip,
 * which the error printed after names. */
static void
print_problems (const GtRosterReport *report, const GtRosterProblem *skip)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      const GtRosterProblem *problem = report->problems->pdata[i];
      g_autoptr (GString) line = NULL;

      if (problem == skip)
        continue;
      line = g_string_new (NULL);

      if (problem->line > 0)
        g_string_append_printf (line, "%s:%u: ", report->file, problem->line);
      else
        g_string_append_printf (line, "%s: ", report->file);
      if (problem->column != NULL)
        g_string_append_printf (line, "%s: ", problem->column);
      if (problem->warning)
        g_string_append (line, _("warning: "));
      g_string_append (line, problem->message);
      g_printerr ("%s\n", line->str);
    }
}

static void
print_summary (const GtRosterReport *report, gboolean dry_run)
{
  g_autofree char *read = g_strdup_printf (ngettext ("%u row read", "%u rows read",
                                                     report->n_rows), report->n_rows);
  g_autofree char *done = NULL;
  g_autofree char *problems = g_strdup_printf (ngettext ("%u problem", "%u problems",
                                                         report->n_errors), report->n_errors);

  if (dry_run)
    done = g_strdup_printf (ngettext ("%u valid", "%u valid", report->n_valid), report->n_valid);
  else
    done = g_strdup_printf (ngettext ("%u imported", "%u imported", report->n_imported),
                            report->n_imported);
  /* Translators: "FILE: 10 rows read, 9 imported, 1 problem" */
  g_print (_("%s: %s, %s, %s\n"), report->file, read, done, problems);
  if (dry_run)
    g_print (_("Dry run: nothing was written.\n"));
}

/* Remembers the --map pairs of an import that succeeded. */
static gboolean
remember_columns (GtStorage *storage, GHashTable *columns, GError **error)
{
  GHashTableIter iter;
  gpointer header, field;

  g_hash_table_iter_init (&iter, columns);
  while (g_hash_table_iter_next (&iter, &header, &field))
    if (!gt_roster_remember_column (storage, header, field, error))
      return FALSE;
  return TRUE;
}

int
gt_cli_cmd_import_roster (GtCliContext *ctx, const GtCliCommand *command, int argc,
                          char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) files = NULL, maps = NULL;
  g_autoptr (GHashTable) columns = NULL;
  g_autofree char *org = NULL, *encoding_name = NULL;
  gboolean dry_run = FALSE, valid_only = FALSE;
  GtCsvEncoding encoding;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Organisation (name or code) for the rows "
                                                 "that name none"), N_("NAME|CODE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and report; write "
                                                         "nothing"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name, N_("Text encoding of the file: "
                                                                "auto (default), utf-8 or "
                                                                "gb18030"), N_("ENCODING") },
    { "valid-only", 0, 0, G_OPTION_ARG_NONE, &valid_only, N_("Import the valid rows even when "
                                                             "others have problems"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("The column HEADER holds FIELD (name, gender, ethnicity, id_number, phone, education, "
         "occupation, birth_date, join_date, full_date, branch, category or ignore; empty to "
         "forget), remembered unless --dry-run; may be repeated"), N_("HEADER=FIELD") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr (_("guatu-cli %s: name one roster file; try “guatu-cli %s --help”\n"),
                  command->name, command->name);
      return GT_EXIT_USAGE;
    }
  if (!gt_csv_encoding_from_string (encoding_name, &encoding))
    {
      g_printerr (_("guatu-cli %s: --encoding must be auto, utf-8 or gb18030, not “%s”\n"),
                  command->name, encoding_name);
      return GT_EXIT_USAGE;
    }

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  /* The mappings serve this parse; they are remembered once the import has succeeded. A
   * dry run or a refused file stores nothing, not even them. */
  columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (maps[i], "=", 2);

      if (pair[0] == NULL || pair[1] == NULL)
        {
          g_printerr (_("guatu-cli %s: --map takes HEADER=FIELD, not “%s”\n"), command->name,
                      maps[i]);
          return GT_EXIT_USAGE;
        }
      if (!gt_roster_check_column (pair[0], pair[1], &error))
        {
          g_printerr ("guatu-cli %s: %s\n", command->name, error->message);
          return GT_EXIT_USAGE;
        }
      g_hash_table_replace (columns, g_strdup (pair[0]), g_strdup (pair[1]));
    }
  report = gt_roster_parse_mapped (storage, files[0], encoding, org, columns, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, GT_CSV_ERROR, GT_CSV_ERROR_OPEN))
        {
          g_printerr ("guatu-cli: %s\n", error->message);
          return GT_EXIT_NOINPUT;
        }
      return gt_cli_fail (error);
    }

  if (dry_run)
    {
      print_problems (report, NULL);
      print_summary (report, TRUE);
      return report->n_errors > 0 || !report->complete ? GT_EXIT_DATAERR : GT_EXIT_OK;
    }
  /* the problem that stopped the reading is said once, by the error */
  print_problems (report, gt_roster_report_get_stop (report));
  if (!gt_roster_apply (storage, report, valid_only, &error))
    {
      print_summary (report, FALSE);
      return gt_cli_fail (error);
    }
  print_summary (report, FALSE);
  if (!remember_columns (storage, columns, &error))
    return gt_cli_fail (error);
  /* With --valid-only, success is having imported something (or having nothing to do). */
  return report->n_imported > 0 || report->n_errors == 0 ? GT_EXIT_OK : GT_EXIT_DATAERR;
}

int
gt_cli_cmd_export_roster (GtCliContext *ctx, const GtCliCommand *command, int argc,
                          char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *org = NULL;
  g_autofree char *format = NULL;
  gboolean unmasked = FALSE;
  gboolean xlsx;
  GtRosterExportFlags flags;
  int exit_code = GT_EXIT_OK;
  guint n = 0;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write: a CSV roster, or an "
                                                     "Excel workbook when it ends in .xlsx"),
      N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or xlsx (default: from the "
                                                       "--out file's extension)"),
      N_("FORMAT") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Only this organisation (name or code) and "
                                                 "those below it"), N_("NAME|CODE") },
    { "unmasked", 0, 0, G_OPTION_ARG_NONE, &unmasked, N_("Write full ID and phone numbers "
                                                         "instead of masked ones"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (out == NULL || *out == '\0')
    {
      g_printerr (_("guatu-cli %s: --out FILE is required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  if (format == NULL)
    {
      g_autofree char *lower = g_ascii_strdown (out, -1);
      xlsx = g_str_has_suffix (lower, ".xlsx");
    }
  else if (g_ascii_strcasecmp (format, "csv") == 0 || g_ascii_strcasecmp (format, "xlsx") == 0)
    xlsx = g_ascii_strcasecmp (format, "xlsx") == 0;
  else
    {
      g_printerr (_("guatu-cli %s: --format must be csv or xlsx, not “%s”\n"), command->name,
                  format);
      return GT_EXIT_USAGE;
    }

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  flags = unmasked ? GT_ROSTER_EXPORT_UNMASKED : GT_ROSTER_EXPORT_DEFAULT;
  if (!(xlsx ? gt_roster_export_xlsx (storage, org, out, flags, &n, &error)
             : gt_roster_export (storage, org, out, flags, &n, &error)))
    {
      if (g_error_matches (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT))
        {
          g_printerr ("guatu-cli: %s\n", error->message);
          return GT_EXIT_CANTCREAT;
        }
      return gt_cli_fail (error);
    }

  g_print (ngettext ("%s: %u member written\n", "%s: %u members written\n", n), out, n);
  if (!unmasked)
    g_print (_("ID and phone numbers are masked; use --unmasked for the full numbers.\n"));
  return GT_EXIT_OK;
}
