/* gt-cli-registers.c — guatu-cli commands on members: search, member show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "gt-cli.h"
#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-org.h"
#include "gt-registers.h"
#include "gt-transfer.h"

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
  text = gt_cli_take_arg (&argc, &argv);
  if (text == NULL)
    {
      if (argc >= 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0))
        return gt_cli_parse (command, entries, &argc, &argv, &exit_code) ? GT_EXIT_OK : exit_code;
      g_printerr (_("guatu-cli search: expected the text to search for\n"));
      return GT_EXIT_USAGE;
    }
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

  key = gt_cli_take_arg (&argc, &argv);
  if (key == NULL)
    {
      if (argc >= 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0))
        return gt_cli_parse (command, entries, &argc, &argv, &exit_code) ? GT_EXIT_OK : exit_code;
      g_printerr (_("guatu-cli member show: expected a member number or ID number\n"));
      return GT_EXIT_USAGE;
    }
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
      gt_cli_json_add_string (builder, "group", r->group_name);
      gt_cli_json_add_string (builder, "status", status);
      gt_cli_json_add_string (builder, "category", category);
      gt_cli_json_add_int (builder, "households", r->n_links);
      {
        g_autoptr (GtMemberFlags) flags = gt_member_get_flags (storage, r->id, NULL);
        if (flags != NULL)
          gt_cli_json_add_member_flags (builder, flags);
      }
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
  if (r->group_name != NULL)
    g_print (_("Party group: %s\n"), r->group_name);
  g_print (_("State: %s, %s\n"), gt_label_member_status (status),
           category != NULL ? gt_label_member_category (category) : "");
  g_print (_("ID number: %s  Phone: %s\n"), id != NULL ? id : "", phone);
  g_print (_("Born: %s  Joined: %s  Full member: %s\n"), r->birth_date ? r->birth_date : "",
           r->join_date ? r->join_date : "", r->full_date ? r->full_date : "");
  g_print (_("Linked households: %d\n"), (int) r->n_links);
  {
    g_autoptr (GtMemberFlags) flags = gt_member_get_flags (storage, r->id, NULL);
    if (flags != NULL)
      gt_cli_print_member_flags (flags);
  }
  g_print (_("History:\n"));
  for (guint i = 0; i < r->events->len; i++)
    {
      GtMemberEvent *e = r->events->pdata[i];
      g_print ("  %s  %s  %s\n", e->date, gt_label_member_event (e->kind),
               e->org_name != NULL ? e->org_name : "");
    }
  return GT_EXIT_OK;
}

/* Who a member is, as member add and member edit take it. */
typedef struct
{
  char *name, *gender, *ethnicity, *id_number, *phone, *education, *occupation;
} PersonArgs;

static void
person_args_clear (PersonArgs *p)
{
  g_free (p->name);
  g_free (p->gender);
  g_free (p->ethnicity);
  g_free (p->id_number);
  g_free (p->phone);
  g_free (p->education);
  g_free (p->occupation);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PersonArgs, person_args_clear)

#define PERSON_ENTRIES(p)                                                                    \
  { "name", 0, 0, G_OPTION_ARG_STRING, &(p).name, N_("Name"), N_("NAME") },                  \
  { "id-number", 0, 0, G_OPTION_ARG_STRING, &(p).id_number, N_("ID number"), N_("NUMBER") }, \
  { "gender", 0, 0, G_OPTION_ARG_STRING, &(p).gender,                                        \
    N_("男 or 女 (default: from the ID number)"), N_("GENDER") },                              \
  { "ethnicity", 0, 0, G_OPTION_ARG_STRING, &(p).ethnicity, N_("Ethnicity"), N_("TEXT") },   \
  { "phone", 0, 0, G_OPTION_ARG_STRING, &(p).phone, N_("Mobile phone number"), N_("NUMBER") }, \
  { "education", 0, 0, G_OPTION_ARG_STRING, &(p).education, N_("Education"), N_("TEXT") },   \
  { "occupation", 0, 0, G_OPTION_ARG_STRING, &(p).occupation, N_("Occupation"), N_("TEXT") }

static int
member_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PersonArgs) p = { 0 };
  g_autofree char *org = NULL, *join = NULL, *full = NULL, *group = NULL;
  GtMemberSpec spec = { 0 };
  int exit_code = GT_EXIT_OK;
  gint64 new_id = 0, branch_id = 0, group_id = 0;
  GOptionEntry entries[] = {
    PERSON_ENTRIES (p),
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Branch (name or code)"), N_("ORG") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group,
      N_("Party group (党小组) of the branch, by name or code"), N_("GROUP") },
    { "joined", 0, 0, G_OPTION_ARG_STRING, &join, N_("Joining date"), N_("DATE") },
    { "full", 0, 0, G_OPTION_ARG_STRING, &full, N_("Full-membership date (none: probationary)"),
      N_("DATE") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (p.name == NULL || org == NULL || join == NULL)
    {
      g_printerr (_("guatu-cli member add: --name, --org and --joined are required\n"));
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (group != NULL && *group != '\0' &&
      (!gt_org_find (storage, org, &branch_id, &error) ||
       !gt_member_find_group (storage, branch_id, group, &group_id, &error)))
    return gt_cli_fail (error);
  spec = (GtMemberSpec) { org, p.name, p.gender, p.ethnicity, p.id_number, p.phone, p.education,
                          p.occupation, join, full, group_id };
  if (!gt_member_add (storage, &spec, &new_id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", new_id);
  return GT_EXIT_OK;
}

/* MEMBER may be the member's number or ID number. */
static gboolean
resolve_member (GtStorage *storage, const char *key, gint64 *id, int *exit_code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberRecord) record = gt_member_lookup (storage, key, &error);

  if (record == NULL)
    {
      *exit_code = gt_cli_fail (error);
      return FALSE;
    }
  *id = record->id;
  return TRUE;
}

/* The 党小组 --group names for member @r: none for "" or 无, else one of their branch's. */
static gboolean
edit_group (GtStorage *storage, GtMemberRecord *r, const char *group, GError **error)
{
  gint64 group_id = 0;

  if (*group != '\0' && g_strcmp0 (group, "无") != 0 &&
      !gt_member_find_group (storage, r->org_id, group, &group_id, error))
    return FALSE;
  return gt_member_set_group (storage, r->id, group_id, error);
}

/* Corrects a member's details: the options given replace the stored values; --group places
 * the member in a 党小组 of their branch (or in none). Both in one transaction. */
static int
member_edit (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GtMemberRecord) r = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PersonArgs) p = { 0 };
  g_autofree char *group = NULL;
  const char *key;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    PERSON_ENTRIES (p),
    { "group", 0, 0, G_OPTION_ARG_STRING, &group,
      N_("Party group (党小组) of the member's branch, by name or code; \"\" or 无 for none"),
      N_("GROUP") },
    { NULL }
  };
  GtMemberSpec spec = { 0 };
  char gender[2] = { 0 };
  gboolean person;

  if (!gt_cli_take_args (command, &argc, &argv, &key, 1, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  r = gt_member_lookup (storage, key, &error);
  if (r == NULL)
    return gt_cli_fail (error);
  gender[0] = r->gender;
#define OR_STORED(given, stored) ((given) != NULL ? (given) : (stored))
  spec.name = OR_STORED (p.name, r->name);
  /* The gender stored follows the ID number: one given without a gender brings its own. */
  spec.gender = OR_STORED (p.gender, p.id_number != NULL ? NULL : gender);
  spec.ethnicity = OR_STORED (p.ethnicity, r->ethnicity);
  spec.id_number = OR_STORED (p.id_number, r->id_number);
  spec.phone = OR_STORED (p.phone, r->phone);
  spec.education = OR_STORED (p.education, r->education);
  spec.occupation = OR_STORED (p.occupation, r->occupation);
#undef OR_STORED
  person = p.name != NULL || p.gender != NULL || p.ethnicity != NULL || p.id_number != NULL ||
           p.phone != NULL || p.education != NULL || p.occupation != NULL || group == NULL;
  if (!gt_storage_begin (storage, &error))
    return gt_cli_fail (error);
  if ((person && !gt_member_update (storage, r->id, &spec, &error)) ||
      (group != NULL && !edit_group (storage, r, group, &error)) ||
      !gt_storage_commit (storage, &error))
    {
      gt_storage_rollback (storage);
      return gt_cli_fail (error);
    }
  return GT_EXIT_OK;
}

static int
member_event (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *org = NULL, *note = NULL;
  const char *args[2], *key, *kind;
  int exit_code = GT_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the event (default today)"),
      N_("DATE") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Receiving organisation (transfer_in: here; transfer_out: named on the letter)"),
      N_("ORG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Document or reason"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code))
    return exit_code;
  key = args[0];
  kind = args[1];
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, key, &id, &exit_code))
    return exit_code;
  if (g_strcmp0 (kind, "transfer_out") == 0)
    {
      /* A transfer out goes through its 介绍信 (guatu-cli transfer out), never bare. */
      g_autofree char *member = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      GtTransferOutSpec spec = { .member = member, .to_org = org, .date = date, .notes = note };
      gint64 letter = 0;

      if (org == NULL)
        {
          g_printerr (_("guatu-cli %s: a transfer out needs --org, the receiving organisation "
                        "named on the letter\n"), command->name);
          return GT_EXIT_USAGE;
        }
      if (!gt_transfer_out (storage, &spec, &letter, &error))
        return gt_cli_fail (error);
      g_free (member);
      member = g_strdup_printf ("%" G_GINT64_FORMAT, letter);
      /* the letter's id, as "transfer out" prints it; the hint goes to stderr */
      g_print ("%s\n", member);
      g_printerr (_("Transfer letter issued; write it as PDF with: guatu-cli transfer letter %s "
                    "--out FILE.pdf\n"), member);
      return GT_EXIT_OK;
    }
  if (!gt_member_record_event (storage, id, kind, date, org, note, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
member_transfer (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *to = NULL, *note = NULL;
  const char *key;
  int exit_code = GT_EXIT_OK;
  gint64 id;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Receiving organisation"), N_("ORG") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the transfer (default today)"),
      N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Document or reason"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, &key, 1, entries, &exit_code))
    return exit_code;
  if (to == NULL)
    {
      g_printerr (_("guatu-cli %s: expected %s\n"), command->name, command->parameters);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, key, &id, &exit_code))
    return exit_code;
  if (!gt_member_transfer (storage, id, to, date, note, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static const GtCliCommand member_commands[] = {
  { "member show", "ID [--json] [--reveal]", N_("Show a member's record and history"),
    member_show },
  { "member add", "--name NAME --org ORG --joined DATE [--group GROUP] [--id-number N] "
    "[--full DATE] …",
    N_("Add a member"), member_add },
  { "member edit", "ID [--name NAME] [--id-number N] [--gender 男|女] [--phone N] [--ethnicity T] "
    "[--education T] [--occupation T] [--group GROUP]",
    N_("Correct a member's name, ID number, phone and other details, or their party group"),
    member_edit },
  { "member event", "ID KIND [--date DATE] [--org ORG] [--note TEXT]",
    N_("Record full membership, a transfer, suspension, exit or death"), member_event },
  { "member transfer", "ID --to ORG [--date DATE]",
    N_("Move a member to another organisation of this database"), member_transfer },
  { "member flags", "ID [--mobility none|out|in] [--place TEXT] [--contact TEXT] "
    "[--lost-contact yes|no] [--frail yes|no] [--employment employed|retired|none] "
    "[--posts CODE,…] [--link-post A|B] [--json]",
    N_("Show or change a member's mobility, lost contact, frailty, employment and posts"),
    gt_cli_cmd_member_flags },
};

int
gt_cli_cmd_member (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (member_commands); i++)
      if (g_strcmp0 (member_commands[i].name + strlen ("member "), argv[1]) == 0)
        return member_commands[i].run (ctx, &member_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli member: expected a subcommand: show, add, edit, event, transfer, flags\n"));
  return GT_EXIT_USAGE;
}
