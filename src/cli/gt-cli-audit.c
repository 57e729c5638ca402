/* gt-cli-audit.c — guatu-cli audit list and audit export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-audit.h"
#include "gt-cli.h"

typedef struct
{
  char *table, *since, *until, *text;
} FilterArgs;

static void
filter_args_clear (FilterArgs *args)
{
  g_free (args->table);
  g_free (args->since);
  g_free (args->until);
  g_free (args->text);
}

#define FILTER_ENTRIES(args)                                                                 \
  { "table", 0, 0, G_OPTION_ARG_STRING, &(args).table, N_("Only changes of this table"),     \
    N_("TABLE") },                                                                           \
  { "since", 0, 0, G_OPTION_ARG_STRING, &(args).since, N_("From this day (YYYY-MM-DD)"),     \
    N_("DATE") },                                                                            \
  { "until", 0, 0, G_OPTION_ARG_STRING, &(args).until, N_("Up to this day (YYYY-MM-DD)"),    \
    N_("DATE") },                                                                            \
  { "text", 0, 0, G_OPTION_ARG_STRING, &(args).text,                                         \
    N_("Only entries whose operator, values or summary contain TEXT"), N_("TEXT") }

static int
audit_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GPtrArray) entries_found = NULL;
  g_autoptr (GError) error = NULL;
  FilterArgs args = { 0 };
  gboolean json = FALSE;
  int limit = 50, exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    FILTER_ENTRIES (args),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N entries, newest first (0: all)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };
  GtAuditFilter filter;

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    goto out;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    goto out;
  filter = (GtAuditFilter) { args.table, args.since, args.until, args.text };
  entries_found = gt_audit_list (storage, &filter, 0, (guint) MAX (limit, 0), &error);
  if (entries_found == NULL)
    {
      exit_code = gt_cli_fail (error);
      goto out;
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries_found->len; i++)
        {
          GtAuditEntry *e = entries_found->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", e->id);
          gt_cli_json_add_string (builder, "time", e->time);
          gt_cli_json_add_string (builder, "operator", e->operator_name);
          gt_cli_json_add_string (builder, "program", e->program);
          gt_cli_json_add_string (builder, "action", e->action);
          gt_cli_json_add_string (builder, "table", e->table_name);
          gt_cli_json_add_int (builder, "row", e->row_id);
          gt_cli_json_add_string (builder, "before", e->before);
          gt_cli_json_add_string (builder, "after", e->after);
          gt_cli_json_add_string (builder, "summary", e->summary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      goto out;
    }

  for (guint i = 0; i < entries_found->len; i++)
    {
      GtAuditEntry *e = entries_found->pdata[i];
      g_autofree char *text = gt_audit_entry_describe (e);

      g_print ("%s  %-10s  %s\n", e->time, e->operator_name, text);
    }
out:
  filter_args_clear (&args);
  return exit_code;
}

static int
audit_export (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  FilterArgs args = { 0 };
  int exit_code = GT_EXIT_OK;
  guint n = 0;
  GOptionEntry entries[] = {
    FILTER_ENTRIES (args),
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The CSV file to write"), N_("FILE") },
    { NULL }
  };
  GtAuditFilter filter;

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    goto out;
  if (out == NULL)
    {
      g_printerr (_("guatu-cli: audit export needs --out FILE\n"));
      exit_code = GT_EXIT_USAGE;
      goto out;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    goto out;
  filter = (GtAuditFilter) { args.table, args.since, args.until, args.text };
  if (!gt_audit_export_csv (storage, &filter, out, &n, &error))
    {
      exit_code = gt_cli_fail (error);
      goto out;
    }
  g_print (ngettext ("Wrote %u entry to %s\n", "Wrote %u entries to %s\n", n), n, out);
out:
  filter_args_clear (&args);
  return exit_code;
}

int
gt_cli_cmd_audit (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  static const GtCliCommand list_command = {
    "audit list", "[--table T] [--since D] [--until D] [--text T] [--limit N] [--json]",
    N_("List the audit log, newest first"), NULL
  };
  static const GtCliCommand export_command = {
    "audit export", "--out FILE.csv [--table T] [--since D] [--until D] [--text T]",
    N_("Export the audit log as CSV"), NULL
  };
  const char *sub = gt_cli_take_arg (&argc, &argv);

  if (g_strcmp0 (sub, "list") == 0 || sub == NULL)
    return audit_list (ctx, &list_command, argc, argv);
  if (g_strcmp0 (sub, "export") == 0)
    return audit_export (ctx, &export_command, argc, argv);
  g_printerr (_("guatu-cli: unknown audit command “%s”; use list or export\n"), sub);
  return GT_EXIT_USAGE;
}
