/* gt-cli-transfer.c — guatu-cli transfer: organisation-relationship transfers (组织关系转接)
 * out and in, the three-part letter as PDF, receipts and overdue letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-transfer.h"

static gboolean
parse_id (const GtCliCommand *command, const char *text, gint64 *id, int *exit_code)
{
  guint64 value = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }
  g_printerr (_("guatu-cli %s: “%s” is not a transfer number\n"), command->name, text);
  *exit_code = GT_EXIT_USAGE;
  return FALSE;
}

static int
transfer_out (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *to = NULL, *date = NULL, *number = NULL, *notes = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK, valid_days = 0;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Receiving organisation"), N_("ORG") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day of issue (default: today)"), N_("DATE") },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number,
      N_("Letter number (default: the next of the year)"), N_("NUMBER") },
    { "valid-days", 0, 0, G_OPTION_ARG_INT, &valid_days,
      N_("Validity in days (default: the setting)"), N_("N") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };
  GtTransferOutSpec spec = { 0 };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  if (to == NULL)
    {
      g_printerr (_("guatu-cli %s: --to ORG is required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  spec.member = args[0];
  spec.to_org = to;
  spec.date = date;
  spec.number = number;
  spec.valid_days = valid_days;
  spec.notes = notes;
  if (!gt_transfer_out (storage, &spec, &id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return GT_EXIT_OK;
}

static int
transfer_in (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL, *from = NULL, *org = NULL, *issued = NULL, *date = NULL;
  g_autofree char *dues = NULL, *member = NULL, *name = NULL, *id_number = NULL;
  g_autofree char *gender = NULL, *ethnicity = NULL, *education = NULL, *occupation = NULL;
  g_autofree char *phone = NULL, *join = NULL, *full = NULL;
  int exit_code = GT_EXIT_OK, valid_days = 0;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("The letter's number"), N_("NUMBER") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Sending organisation"), N_("ORG") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Receiving branch here (name or code)"),
      N_("ORG") },
    { "issued", 0, 0, G_OPTION_ARG_STRING, &issued, N_("The letter's date"), N_("DATE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day received (default: today)"),
      N_("DATE") },
    { "valid-days", 0, 0, G_OPTION_ARG_INT, &valid_days, N_("The letter's validity in days"),
      N_("N") },
    { "dues", 0, 0, G_OPTION_ARG_STRING, &dues, N_("Party dues paid up to (YYYY-MM)"),
      N_("MONTH") },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member,
      N_("A member transferred out earlier, coming back"), N_("MEMBER") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name"), N_("NAME") },
    { "id-number", 0, 0, G_OPTION_ARG_STRING, &id_number, N_("ID number"), N_("NUMBER") },
    { "gender", 0, 0, G_OPTION_ARG_STRING, &gender, N_("Gender (男/女)"), N_("GENDER") },
    { "ethnicity", 0, 0, G_OPTION_ARG_STRING, &ethnicity, N_("Ethnicity"), N_("TEXT") },
    { "education", 0, 0, G_OPTION_ARG_STRING, &education, N_("Education"), N_("TEXT") },
    { "occupation", 0, 0, G_OPTION_ARG_STRING, &occupation, N_("Occupation"), N_("TEXT") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Mobile phone number"), N_("NUMBER") },
    { "join-date", 0, 0, G_OPTION_ARG_STRING, &join, N_("Joining date"), N_("DATE") },
    { "full-date", 0, 0, G_OPTION_ARG_STRING, &full, N_("Full-membership date"), N_("DATE") },
    { NULL }
  };
  GtTransferInSpec spec = { 0 };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (number == NULL || from == NULL || org == NULL)
    {
      g_printerr (_("guatu-cli %s: --number, --from and --org are required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  spec.number = number;
  spec.from_org = from;
  spec.to_org = org;
  spec.issued_on = issued;
  spec.received_on = date;
  spec.valid_days = valid_days;
  spec.dues_paid_to = dues;
  spec.member = member;
  spec.name = name;
  spec.id_number = id_number;
  spec.gender = gender;
  spec.ethnicity = ethnicity;
  spec.education = education;
  spec.occupation = occupation;
  spec.phone = phone;
  spec.join_date = join;
  spec.full_date = full;
  if (!gt_transfer_in (storage, &spec, &id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return GT_EXIT_OK;
}

static int
transfer_letter (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("PDF file to write"), N_("FILE") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_id (command, args[0], &id, &exit_code))
    return exit_code;
  if (out == NULL)
    {
      g_printerr (_("guatu-cli %s: --out FILE.pdf is required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_transfer_letter_save (storage, id, out, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
transfer_receipt (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day the receipt came back (default: today)"),
      N_("DATE") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_id (command, args[0], &id, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_transfer_receipt (storage, id, date, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
transfer_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *direction = NULL, *today = NULL;
  gboolean json = FALSE, open_only = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction, N_("out or in"), N_("DIRECTION") },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only letters out whose receipt is outstanding"),
      NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Check validity as of this day"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (direction != NULL && g_strcmp0 (direction, "out") != 0 && g_strcmp0 (direction, "in") != 0)
    {
      g_printerr (_("guatu-cli %s: --direction is out or in\n"), command->name);
      return GT_EXIT_USAGE;
    }
  if (today != NULL && !gt_date_is_valid (today))
    {
      g_printerr (_("guatu-cli %s: --today “%s” is not a date (YYYY-MM-DD)\n"), command->name,
                  today);
      return GT_EXIT_USAGE;
    }
  if (today == NULL)
    today = gt_today ();
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  list = gt_transfer_list (storage, direction, open_only, &error);
  if (list == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          GtTransfer *t = list->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", t->id);
          gt_cli_json_add_string (builder, "number", t->number);
          gt_cli_json_add_string (builder, "direction", t->direction);
          gt_cli_json_add_int (builder, "member_id", t->member_id);
          gt_cli_json_add_string (builder, "name", t->member_name);
          gt_cli_json_add_string (builder, "from", t->from_org);
          gt_cli_json_add_string (builder, "to", t->to_org);
          gt_cli_json_add_string (builder, "issued_on", t->issued_on);
          gt_cli_json_add_int (builder, "valid_days", t->valid_days);
          gt_cli_json_add_string (builder, "valid_until", t->valid_until);
          gt_cli_json_add_string (builder, "dues_paid_to", t->dues_paid_to);
          gt_cli_json_add_string (builder, "receipt_on", t->receipt_on);
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder, gt_transfer_is_overdue (t, today));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GtTransfer *t = list->pdata[i];
      const char *state = t->receipt_on != NULL ? (g_strcmp0 (t->direction, "in") == 0
                                                     ? C_("transfer", "received")
                                                     : C_("transfer", "receipt back"))
                          : gt_transfer_is_overdue (t, today) ? C_("transfer", "OVERDUE")
                                                              : C_("transfer", "waiting");

      g_print ("%d\t%s\t%s\t%s\t%s → %s\t%s\t%s\n", (int) t->id, t->number,
               g_strcmp0 (t->direction, "out") == 0 ? C_("transfer", "out")
                                                    : C_("transfer", "in"), t->member_name,
               t->from_org, t->to_org, t->issued_on, state);
    }
  return GT_EXIT_OK;
}

static const GtCliCommand transfer_commands[] = {
  { "transfer out", "MEMBER --to ORG [--date DATE] [--number N] [--valid-days N]",
    N_("Issue a transfer letter out; the member is transferred out"), transfer_out },
  { "transfer in", "--number N --from ORG --org ORG (--member MEMBER | --name NAME --join-date "
    "DATE …)", N_("Receive a member with a letter in"), transfer_in },
  { "transfer letter", "ID --out FILE.pdf",
    N_("Write the three-part letter (存根/介绍信/回执) as an A4 PDF"), transfer_letter },
  { "transfer receipt", "ID [--date DATE]", N_("Record that the receipt came back"),
    transfer_receipt },
  { "transfer list", "[--direction out|in] [--open] [--today DATE] [--json]",
    N_("List the letters, with overdue receipts"), transfer_list },
};

int
gt_cli_cmd_transfer (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (transfer_commands); i++)
      if (g_strcmp0 (transfer_commands[i].name + strlen ("transfer "), argv[1]) == 0)
        return transfer_commands[i].run (ctx, &transfer_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli transfer: expected a subcommand: out, in, letter, receipt, list\n"));
  return GT_EXIT_USAGE;
}
