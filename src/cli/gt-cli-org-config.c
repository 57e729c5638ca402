/* gt-cli-org-config.c — guatu-cli org types, type-add, type-remove, set-type, checklist,
 * tick, untick, checklist-items: the office's own organisation types and the site-standard
 * checklist (e.g. 五有)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-cli.h"
#include "gt-org.h"

int
gt_cli_cmd_org_types (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) types = NULL;
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
  types = gt_org_types (storage, &error);
  if (types == NULL)
    return gt_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < types->len; i++)
        {
          GtOrgType *type = types->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "code", type->code);
          gt_cli_json_add_string (builder, "label", type->label);
          json_builder_set_member_name (builder, "added");
          json_builder_add_boolean_value (builder, type->added);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < types->len; i++)
    {
      GtOrgType *type = types->pdata[i];

      if (type->added)
        /* Translators: a type the office added: its name */
        g_print (_("%s  (added)\n"), type->label);
      else
        /* Translators: a built-in type: its label and its stored code */
        g_print (_("%s  (%s)\n"), type->label, type->code);
    }
  return GT_EXIT_OK;
}

/* The frame of a command that takes @n arguments and changes something. */
static GtStorage *
open_with_args (GtCliContext *ctx, const GtCliCommand *command, int *argc, char ***argv,
                const char **args, int n, GOptionEntry *entries, int *exit_code)
{
  if (!gt_cli_take_args (command, argc, argv, args, n, entries, exit_code))
    return NULL;
  return gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, exit_code);
}

int
gt_cli_cmd_org_type_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;

  storage = open_with_args (ctx, command, &argc, &argv, args, 1, NULL, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_org_type_add (storage, args[0], &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_org_type_remove (GtCliContext *ctx, const GtCliCommand *command, int argc,
                            char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;

  storage = open_with_args (ctx, command, &argc, &argv, args, 1, NULL, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_org_type_remove (storage, args[0], &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_org_set_type (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the change (default today)"),
      N_("DATE") },
    { NULL }
  };

  storage = open_with_args (ctx, command, &argc, &argv, args, 2, entries, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code))
    return exit_code;
  if (!gt_org_set_type (storage, id, args[1], date, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_org_checklist (GtCliContext *ctx, const GtCliCommand *command, int argc,
                          char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries_of_org = NULL;
  const char *args[1];
  gboolean json = FALSE, complete = TRUE;
  int exit_code = GT_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  storage = open_with_args (ctx, command, &argc, &argv, args, 1, entries, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code))
    return exit_code;
  entries_of_org = gt_org_checklist (storage, id, &error);
  if (entries_of_org == NULL)
    return gt_cli_fail (error);
  for (guint i = 0; i < entries_of_org->len; i++)
    complete &= ((GtOrgChecklistEntry *) entries_of_org->pdata[i])->done_date != NULL;

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "id", id);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < entries_of_org->len; i++)
        {
          GtOrgChecklistEntry *entry = entries_of_org->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "item", entry->item);
          gt_cli_json_add_string (builder, "done_date", entry->done_date);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, complete);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < entries_of_org->len; i++)
    {
      GtOrgChecklistEntry *entry = entries_of_org->pdata[i];

      if (entry->done_date != NULL)
        /* Translators: a ticked checklist item and the date it was ticked */
        g_print (_("[x] %s  %s\n"), entry->item, entry->done_date);
      else
        /* Translators: a checklist item not ticked yet */
        g_print (_("[ ] %s\n"), entry->item);
    }
  return GT_EXIT_OK;
}

int
gt_cli_cmd_org_tick (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date the item was met (default today)"),
      N_("DATE") },
    { NULL }
  };

  storage = open_with_args (ctx, command, &argc, &argv, args, 2, entries, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code))
    return exit_code;
  if (!gt_org_checklist_tick (storage, id, args[1], date, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_org_untick (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 id;

  storage = open_with_args (ctx, command, &argc, &argv, args, 2, NULL, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code))
    return exit_code;
  if (!gt_org_checklist_untick (storage, id, args[1], &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_org_checklist_items (GtCliContext *ctx, const GtCliCommand *command, int argc,
                                char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) items = NULL, given = NULL;
  gboolean json = FALSE, set = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 met = 0, total = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "set", 0, 0, G_OPTION_ARG_NONE, &set,
      N_("Replace the items by the ones that follow, in their order"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &given, NULL, NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (set != (given != NULL))
    {
      g_printerr (set ? _("guatu-cli %s: --set needs the items\n")
                      : _("guatu-cli %s: items are given with --set\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (set)
    {
      if (!gt_org_checklist_set_items (storage, (const char *const *) given, &error))
        return gt_cli_fail (error);
      return GT_EXIT_OK;
    }

  items = gt_org_checklist_items (storage);
  if (!gt_org_checklist_count (storage, NULL, &met, &total, &error))
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; items[i] != NULL; i++)
        json_builder_add_string_value (builder, items[i]);
      json_builder_end_array (builder);
      gt_cli_json_add_int (builder, "branches", total);
      gt_cli_json_add_int (builder, "branches_met", met);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; items[i] != NULL; i++)
    g_print ("%s\n", items[i]);
  g_print (_("Branches that meet every item: %d of %d\n"), (int) met, (int) total);
  return GT_EXIT_OK;
}
