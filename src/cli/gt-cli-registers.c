/* gt-cli-registers.c — guatu-cli commands on members: search, member show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gt-cli.h"
#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-registers.h"

#define SEARCH_LIMIT_DEFAULT 50

void
gt_cli_print_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, FALSE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
gt_cli_json_add_string (JsonBuilder *builder, const char *key, const char *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
gt_cli_json_add_int (JsonBuilder *builder, const char *key, gint64 value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
add_member_json (JsonBuilder *builder, GtMember *m, gboolean reveal)
{
  g_autofree char *id = reveal ? g_strdup (m->id_number) : gt_idcard_mask (m->id_number);
  g_autofree char *phone = reveal ? g_strdup (m->phone) : gt_phone_mask (m->phone);
  char gender[2] = { m->gender, '\0' };

  json_builder_begin_object (builder);
  gt_cli_json_add_int (builder, "id", m->id);
  gt_cli_json_add_string (builder, "name", m->name);
  gt_cli_json_add_string (builder, "gender", gender);
  gt_cli_json_add_string (builder, "organization", m->org_name);
  gt_cli_json_add_string (builder, "category", m->category);
  gt_cli_json_add_string (builder, "id_number", id);
  gt_cli_json_add_string (builder, "phone", phone);
  gt_cli_json_add_string (builder, "join_date", m->join_date);
  gt_cli_json_add_int (builder, "households", m->n_links);
  json_builder_end_object (builder);
}

int
gt_cli_cmd_search (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gboolean json = FALSE, reveal = FALSE;
  int exit_code = GT_EXIT_OK, limit = SEARCH_LIMIT_DEFAULT;
  const char *text;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N members (default 50)"),
      N_("N") },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal, N_("Show full ID and phone numbers"), NULL },
    { NULL }
  };

  /* one positional argument: the text */
  if (argc < 2 || argv[1][0] == '-')
    {
      if (argc >= 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0))
        return gt_cli_parse (command, entries, &argc, &argv, &exit_code) ? GT_EXIT_OK : exit_code;
      g_printerr (_("guatu-cli search: expected the text to search for\n"));
      return GT_EXIT_USAGE;
    }
  text = argv[1];
  argv[1] = argv[0];
  argc--;
  argv++;
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (limit <= 0)
    {
      g_printerr (_("guatu-cli search: --limit must be a positive number\n"));
      return GT_EXIT_USAGE;
    }

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  found = gt_member_list (storage, text, (guint) limit, &error);
  if (found == NULL)
    return gt_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < found->len; i++)
        add_member_json (builder, found->pdata[i], reveal);
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < found->len; i++)
    {
      GtMember *m = found->pdata[i];
      g_autofree char *id = reveal ? g_strdup (m->id_number) : gt_idcard_mask (m->id_number);
      g_autofree char *phone = reveal ? g_strdup (m->phone) : gt_phone_mask (m->phone);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", m->id, m->name, m->org_name,
               id != NULL ? id : "", phone, gt_label_member_category (m->category));
    }
  return GT_EXIT_OK;
}

static int
member_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberRecord) r = NULL;
  g_autofree char *id = NULL, *phone = NULL;
  gboolean json = FALSE, reveal = FALSE;
  int exit_code = GT_EXIT_OK;
  const char *key, *status, *category;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal, N_("Show full ID and phone numbers"), NULL },
    { NULL }
  };

  if (argc < 2 || argv[1][0] == '-')
    {
      if (argc >= 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0))
        return gt_cli_parse (command, entries, &argc, &argv, &exit_code) ? GT_EXIT_OK : exit_code;
      g_printerr (_("guatu-cli member show: expected a member number or ID number\n"));
      return GT_EXIT_USAGE;
    }
  key = argv[1];
  argv[1] = argv[0];
  argc--;
  argv++;
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  r = gt_member_lookup (storage, key, &error);
  if (r == NULL)
    return gt_cli_fail (error);

  id = reveal ? g_strdup (r->id_number) : gt_idcard_mask (r->id_number);
  phone = reveal ? g_strdup (r->phone) : gt_phone_mask (r->phone);
  gt_member_state_from_events (r->events, &status, &category);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      char gender[2] = { r->gender, '\0' };

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "id", r->id);
      gt_cli_json_add_string (builder, "uuid", r->uuid);
      gt_cli_json_add_string (builder, "name", r->name);
      gt_cli_json_add_string (builder, "gender", gender);
      gt_cli_json_add_string (builder, "ethnicity", r->ethnicity);
      gt_cli_json_add_string (builder, "id_number", id);
      gt_cli_json_add_string (builder, "phone", phone);
      gt_cli_json_add_string (builder, "education", r->education);
      gt_cli_json_add_string (builder, "occupation", r->occupation);
      gt_cli_json_add_string (builder, "birth_date", r->birth_date);
      gt_cli_json_add_string (builder, "join_date", r->join_date);
      gt_cli_json_add_string (builder, "full_date", r->full_date);
      gt_cli_json_add_string (builder, "organization", r->org_name);
      gt_cli_json_add_string (builder, "organization_code", r->org_code);
      gt_cli_json_add_string (builder, "status", status);
      gt_cli_json_add_string (builder, "category", category);
      gt_cli_json_add_int (builder, "households", r->n_links);
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint i = 0; i < r->events->len; i++)
        {
          GtMemberEvent *e = r->events->pdata[i];
          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "kind", e->kind);
          gt_cli_json_add_string (builder, "date", e->date);
          gt_cli_json_add_string (builder, "organization", e->org_name);
          gt_cli_json_add_string (builder, "detail", e->detail);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }

  g_print ("%s  (%s)\n", r->name, r->gender == 'F' ? _("Female") : _("Male"));
  g_print (_("Organisation: %s %s\n"), r->org_name, r->org_code);
  g_print (_("State: %s, %s\n"), gt_label_member_status (status),
           category != NULL ? gt_label_member_category (category) : "");
  g_print (_("ID number: %s  Phone: %s\n"), id != NULL ? id : "", phone);
  g_print (_("Born: %s  Joined: %s  Full member: %s\n"), r->birth_date ? r->birth_date : "",
           r->join_date ? r->join_date : "", r->full_date ? r->full_date : "");
  g_print (_("Linked households: %d\n"), (int) r->n_links);
  g_print (_("History:\n"));
  for (guint i = 0; i < r->events->len; i++)
    {
      GtMemberEvent *e = r->events->pdata[i];
      g_print ("  %s  %s  %s\n", e->date, gt_label_member_event (e->kind),
               e->org_name != NULL ? e->org_name : "");
    }
  return GT_EXIT_OK;
}

int
gt_cli_cmd_member (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  static const GtCliCommand show = { "member show", "ID [--json] [--reveal]",
                                     N_("Show a member's record and history"), NULL };

  if (argc >= 2 && g_strcmp0 (argv[1], "show") == 0)
    return member_show (ctx, &show, argc - 1, argv + 1);
  g_printerr (_("guatu-cli member: expected a subcommand: show\n"));
  return GT_EXIT_USAGE;
}
