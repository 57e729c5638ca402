/* gt-cli-org.c — guatu-cli org: list and change the organisation tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-member.h"
#include "gt-org.h"
#include "gt-registers.h"

static int
org_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orgs = NULL;
  g_autoptr (GHashTable) depth = NULL;
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
  orgs = gt_org_list (storage, &error);
  if (orgs == NULL)
    return gt_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < orgs->len; i++)
        {
          GtOrg *org = orgs->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", org->id);
          json_builder_set_member_name (builder, "parent_id");
          if (org->parent_id > 0)
            json_builder_add_int_value (builder, org->parent_id);
          else
            json_builder_add_null_value (builder);
          gt_cli_json_add_string (builder, "name", org->name);
          gt_cli_json_add_string (builder, "kind", org->kind);
          gt_cli_json_add_string (builder, "org_type", org->org_type);
          gt_cli_json_add_string (builder, "level", org->level);
          gt_cli_json_add_string (builder, "code", org->code);
          gt_cli_json_add_string (builder, "secretary", org->secretary);
          gt_cli_json_add_int (builder, "members", org->n_members);
          gt_cli_json_add_int (builder, "members_total",
                   org->n_members_total);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }

  depth = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  for (guint i = 0; i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      int d = GPOINTER_TO_INT (g_hash_table_lookup (depth, &org->parent_id));
      g_autofree char *indent = g_strnfill (2 * d, ' ');

      g_hash_table_insert (depth, &org->id, GINT_TO_POINTER (d + 1));
      /* Translators: organisation tree line: name, kind, type, members in the subtree */
      g_print (_("%s%s  [%s · %s · %s]  %s  %d members\n"), indent, org->name,
               gt_label_org_kind (org->kind), gt_label_org_type (org->org_type),
               gt_label_org_level (org->level), org->code,
               (int) org->n_members_total);
    }
  return GT_EXIT_OK;
}



/* Resolves the ORG argument (name or code) or prints why not. */
static gboolean
resolve_org (GtStorage *storage, const char *text, gboolean archived, gint64 *id, int *exit_code)
{
  g_autoptr (GError) error = NULL;

  if (archived ? gt_org_find_any (storage, text, id, &error)
               : gt_org_find (storage, text, id, &error))
    return TRUE;
  *exit_code = gt_cli_fail (error);
  return FALSE;
}

gboolean
gt_cli_org_resolve (GtStorage *storage, const char *text, gint64 *id, int *exit_code)
{
  return resolve_org (storage, text, FALSE, id, exit_code);
}

static int
org_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  GtOrgSpec spec = { 0 };
  const char *name = NULL;
  g_autofree char *parent = NULL, *kind = NULL, *type = NULL, *level = NULL, *code = NULL;
  g_autofree char *secretary = NULL, *founded = NULL;
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent, N_("Parent organisation (name or code)"),
      N_("ORG") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("党委, 党总支, 党支部 or 党小组 (default 党支部)"),
      N_("KIND") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("机关, 农村, 社区, 两新, 学校, 关联, 拓展… or a type added with org type-add"),
      N_("TYPE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("县, 乡镇, 村, 网格 or 微网格 (default 村)"),
      N_("LEVEL") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("Organisation code"), N_("CODE") },
    { "secretary", 0, 0, G_OPTION_ARG_STRING, &secretary, N_("Secretary"), N_("NAME") },
    { "founded", 0, 0, G_OPTION_ARG_STRING, &founded, N_("Founding date (default today)"),
      N_("DATE") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, &name, 1, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  spec.parent = parent;
  spec.name = name;
  spec.kind = kind != NULL ? kind : "branch";
  spec.org_type = type != NULL ? type : "";
  spec.level = level != NULL ? level : "village";
  spec.code = code;
  spec.secretary = secretary;
  spec.founded = founded;
  if (!gt_org_add (storage, &spec, &id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return GT_EXIT_OK;
}

static int
org_rename (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
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

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code))
    return exit_code;
  if (!gt_org_rename (storage, id, args[1], date, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
org_set_kind (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *detail = NULL, *move_to = NULL, *new_branch = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  guint moved = 0;
  gint64 id;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the change (default today)"),
      N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &detail, N_("Document or reason"), N_("TEXT") },
    { "move-members-to", 0, 0, G_OPTION_ARG_STRING, &move_to,
      N_("Move its members to this existing 党支部 in the same step"), N_("ORG") },
    { "new-branch", 0, 0, G_OPTION_ARG_STRING, &new_branch,
      N_("Move its members to a new 党支部 of this name under it"), N_("NAME") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code))
    return exit_code;
  if (move_to != NULL && new_branch != NULL)
    {
      g_printerr (_("guatu-cli %s: give --move-members-to or --new-branch, not both\n"),
                  command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code))
    return exit_code;
  if (move_to == NULL && new_branch == NULL)
    {
      if (!gt_org_set_kind (storage, id, args[1], date, detail, &error))
        return gt_cli_fail (error);
      return GT_EXIT_OK;
    }
  if (!gt_org_set_kind_moving_members (storage, id, args[1], date, detail,
                                       new_branch != NULL ? new_branch : move_to,
                                       new_branch != NULL, &moved, &error))
    return gt_cli_fail (error);
  g_print (ngettext ("%u member transferred\n", "%u members transferred\n", moved), moved);
  return GT_EXIT_OK;
}

static int
org_move (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 id, parent;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the change (default today)"),
      N_("DATE") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code) ||
      !gt_cli_org_resolve (storage, args[1], &parent, &exit_code))
    return exit_code;
  if (!gt_org_move (storage, id, parent, date, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
org_remove (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  const char *args[1];
  gboolean archived = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the change (default today)"),
      N_("DATE") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &id, &exit_code))
    return exit_code;
  if (!gt_org_remove (storage, id, date, &archived, &error))
    return gt_cli_fail (error);
  g_print (archived ? _("%s was archived; its history is kept\n") : _("%s was deleted\n"),
           args[0]);
  return GT_EXIT_OK;
}

static const char *
org_event_label (const GtOrgEvent *e)
{
  static const struct
  {
    const char *kind;
    const char *label;
  } labels[] = {
    { "founded", N_("Founded") }, { "renamed", N_("Renamed") }, { "upgraded", N_("Upgraded") },
    { "changed", N_("Kind changed") }, { "moved", N_("Moved") }, { "archived", N_("Archived") },
    { "restored", N_("Restored") },
  };

  if (gt_org_event_is_type_change (e))
    return _("Type changed");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].kind, e->kind) == 0)
      return _(labels[i].label);
  return e->kind;
}

static const char *
event_value (const GtOrgEvent *e, const char *value)
{
  /* type changes carry type codes; founded, upgraded and changed kind codes */
  if (gt_org_event_is_type_change (e))
    return gt_label_org_type (value);
  if (g_strcmp0 (e->kind, "founded") == 0 || g_strcmp0 (e->kind, "upgraded") == 0 ||
      g_strcmp0 (e->kind, "changed") == 0)
    return gt_label_org_kind (value);
  return value;
}

static int
org_history (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  const char *args[1];
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_org (storage, args[0], TRUE, &id, &exit_code))
    return exit_code;
  events = gt_org_history (storage, id, &error);
  if (events == NULL)
    return gt_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < events->len; i++)
        {
          GtOrgEvent *e = events->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "kind", e->kind);
          gt_cli_json_add_string (builder, "date", e->date);
          gt_cli_json_add_string (builder, "old_value", e->old_value);
          gt_cli_json_add_string (builder, "new_value", e->new_value);
          gt_cli_json_add_string (builder, "detail", e->detail);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < events->len; i++)
    {
      GtOrgEvent *e = events->pdata[i];

      g_print ("%s  %s", e->date, org_event_label (e));
      if (*e->old_value != '\0' || gt_org_event_is_type_change (e))
        g_print ("  %s →", event_value (e, e->old_value));
      if (*e->new_value != '\0' || gt_org_event_is_type_change (e))
        g_print ("  %s", event_value (e, e->new_value));
      if (*e->detail != '\0')
        g_print ("  (%s)", e->detail);
      g_print ("\n");
    }
  return GT_EXIT_OK;
}

static int
org_transfer_all (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  guint moved = 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the transfer (default today)"),
      N_("DATE") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_member_transfer_all (storage, args[0], args[1], date, &moved, &error))
    return gt_cli_fail (error);
  g_print (ngettext ("%u member transferred\n", "%u members transferred\n", moved), moved);
  return GT_EXIT_OK;
}

static const GtCliCommand org_commands[] = {
  { "org list", "[--json]", N_("List the organisation tree with member counts"), org_list },
  { "org add", "NAME [--parent ORG] [--kind KIND] [--type TYPE] [--level LEVEL] [--code CODE]",
    N_("Add an organisation"), org_add },
  { "org rename", "ORG NEW-NAME [--date DATE]", N_("Rename an organisation"), org_rename },
  { "org set-kind", "ORG KIND [--date DATE] [--note TEXT] [--new-branch NAME | "
    "--move-members-to ORG]",
    N_("Change the kind, e.g. upgrade 党支部 to 党总支"), org_set_kind },
  { "org move", "ORG NEW-PARENT [--date DATE]",
    N_("Move an organisation with its subtree under another parent"), org_move },
  { "org remove", "ORG [--date DATE]",
    N_("Delete an organisation, or archive it when it has history"), org_remove },
  { "org history", "ORG [--json]", N_("Show an organisation's history"), org_history },
  { "org transfer-all", "FROM-ORG TO-ORG [--date DATE]",
    N_("Transfer every active member of one organisation to another (整转)"), org_transfer_all },
  { "org types", "[--json]", N_("List the organisation types, built-in and added"),
    gt_cli_cmd_org_types },
  { "org type-add", "NAME", N_("Add an organisation type of the office's own"),
    gt_cli_cmd_org_type_add },
  { "org type-remove", "NAME", N_("Remove an added type that no organisation has"),
    gt_cli_cmd_org_type_remove },
  { "org set-type", "ORG TYPE [--date DATE]", N_("Change an organisation's type"),
    gt_cli_cmd_org_set_type },
  { "org checklist", "ORG [--json]",
    N_("Show an organisation's site-standard checklist (e.g. 五有)"), gt_cli_cmd_org_checklist },
  { "org tick", "ORG ITEM [--date DATE]", N_("Tick a checklist item as met"),
    gt_cli_cmd_org_tick },
  { "org untick", "ORG ITEM", N_("Take the tick off a checklist item"),
    gt_cli_cmd_org_untick },
  { "org checklist-items", "[--json] [--set ITEM…]",
    N_("Show or set the checklist items, with how many branches meet them all"),
    gt_cli_cmd_org_checklist_items },
};

int
gt_cli_cmd_org (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (org_commands); i++)
      if (g_strcmp0 (org_commands[i].name + strlen ("org "), argv[1]) == 0)
        return org_commands[i].run (ctx, &org_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli org: expected a subcommand: list, add, rename, set-kind, move, "
                "remove, history, transfer-all, types, type-add, type-remove, set-type, "
                "checklist, tick, untick, checklist-items\n"));
  return GT_EXIT_USAGE;
}
