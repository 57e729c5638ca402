/* gt-cli-develop.c — guatu-cli develop: the development pipeline (发展党员), its steps, the
 * time rules and the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-develop.h"

static gboolean
parse_id (const GtCliCommand *command, const char *text, gint64 *id, int *exit_code)
{
  guint64 value = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }
  g_printerr (_("guatu-cli %s: “%s” is not an applicant number\n"), command->name, text);
  *exit_code = GT_EXIT_USAGE;
  return FALSE;
}

static gboolean
resolve_org (GtStorage *storage, const char *org, gint64 *org_id, int *exit_code)
{
  if (org == NULL)
    {
      *org_id = 0;
      return TRUE;
    }
  return gt_cli_org_resolve (storage, org, org_id, exit_code);
}

static gboolean
check_today (const GtCliCommand *command, const char *today, int *exit_code)
{
  if (today == NULL || gt_date_is_valid (today))
    return TRUE;
  g_printerr (_("guatu-cli %s: --today “%s” is not a date (YYYY-MM-DD)\n"), command->name, today);
  *exit_code = GT_EXIT_USAGE;
  return FALSE;
}

static int
develop_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *org = NULL, *name = NULL, *id_number = NULL, *gender = NULL, *birth = NULL;
  g_autofree char *ethnicity = NULL, *education = NULL, *occupation = NULL, *phone = NULL;
  g_autofree char *applied = NULL;
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Branch (name or code)"), N_("ORG") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name"), N_("NAME") },
    { "id-number", 0, 0, G_OPTION_ARG_STRING, &id_number, N_("ID number"), N_("NUMBER") },
    { "gender", 0, 0, G_OPTION_ARG_STRING, &gender, N_("Gender (男/女)"), N_("GENDER") },
    { "birth", 0, 0, G_OPTION_ARG_STRING, &birth, N_("Birth date (YYYY-MM-DD)"), N_("DATE") },
    { "ethnicity", 0, 0, G_OPTION_ARG_STRING, &ethnicity, N_("Ethnicity"), N_("TEXT") },
    { "education", 0, 0, G_OPTION_ARG_STRING, &education, N_("Education"), N_("TEXT") },
    { "occupation", 0, 0, G_OPTION_ARG_STRING, &occupation, N_("Occupation"), N_("TEXT") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Mobile phone number"), N_("NUMBER") },
    { "applied", 0, 0, G_OPTION_ARG_STRING, &applied,
      N_("Day the application was handed in (step 1)"), N_("DATE") },
    { NULL }
  };
  GtApplicantSpec spec = { 0 };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (org == NULL || name == NULL || applied == NULL)
    {
      g_printerr (_("guatu-cli %s: --org, --name and --applied are required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  spec.org = org;
  spec.name = name;
  spec.id_number = id_number;
  spec.gender = gender;
  spec.birth_date = birth;
  spec.ethnicity = ethnicity;
  spec.education = education;
  spec.occupation = occupation;
  spec.phone = phone;
  spec.applied_on = applied;
  if (!gt_develop_add (storage, &spec, &id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return GT_EXIT_OK;
}

static int
develop_step (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *contact1 = NULL, *contact2 = NULL, *talker = NULL;
  g_autofree char *intro1 = NULL, *intro2 = NULL, *notes = NULL, *documents = NULL;
  g_auto (GStrv) docs = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK, months = 0;
  gint64 id = 0, step = 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day of the step (default: today)"), N_("DATE") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact1, N_("Contact for training (培养联系人)"),
      N_("NAME") },
    { "contact2", 0, 0, G_OPTION_ARG_STRING, &contact2, N_("Second contact"), N_("NAME") },
    { "talker", 0, 0, G_OPTION_ARG_STRING, &talker, N_("Person who talked (谈话人)"), N_("NAME") },
    { "introducer1", 0, 0, G_OPTION_ARG_STRING, &intro1, N_("First introducer (入党介绍人)"),
      N_("NAME") },
    { "introducer2", 0, 0, G_OPTION_ARG_STRING, &intro2, N_("Second introducer"), N_("NAME") },
    { "document", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &docs,
      N_("A document of the step (repeat for more)"), N_("FILE") },
    { "months", 0, 0, G_OPTION_ARG_INT, &months, N_("Step 23: extend the probation by N months"),
      N_("N") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };
  GtDevelopStepSpec spec = { 0 };
  g_autofree char *today = gt_today ();

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code) ||
      !parse_id (command, args[0], &id, &exit_code))
    return exit_code;
  if (!g_ascii_string_to_signed (args[1], 10, 1, GT_DEVELOP_N_STEPS, &step, NULL))
    {
      g_printerr (_("guatu-cli %s: “%s” is not a step (1 to %d)\n"), command->name, args[1],
                  GT_DEVELOP_N_STEPS);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (docs != NULL)
    documents = g_strjoinv ("\n", docs);
  spec.step = (int) step;
  spec.date = date != NULL ? date : today;
  spec.contact1 = contact1;
  spec.contact2 = contact2;
  spec.talker = talker;
  spec.introducer1 = intro1;
  spec.introducer2 = intro2;
  spec.documents = documents;
  spec.months = months;
  spec.notes = notes;
  if (!gt_develop_record_step (storage, id, &spec, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
develop_admit (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtApplicant) a = NULL;
  g_autofree char *date = NULL, *today = gt_today ();
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day of the committee's approval"),
      N_("DATE") },
    { NULL }
  };
  GtDevelopStepSpec spec = { .step = 17 };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_id (command, args[0], &id, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  spec.date = date != NULL ? date : today;
  if (!gt_develop_record_step (storage, id, &spec, &error))
    return gt_cli_fail (error);
  a = gt_develop_lookup (storage, id, &error);
  if (a == NULL)
    return gt_cli_fail (error);
  /* Translators: printed after an applicant was admitted: the new member's number */
  g_print (_("member %d\n"), (int) a->member_id);
  return GT_EXIT_OK;
}

/* The one argument ID of @command, and the database: NULL with *@exit_code set when either
 * fails. */
static GtStorage *
open_with_id (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv,
              gint64 *id, int *exit_code)
{
  const char *args[1];
  GOptionEntry entries[] = { { NULL } };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, exit_code) ||
      !parse_id (command, args[0], id, exit_code))
    return NULL;
  return gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, exit_code);
}

static int
develop_drop (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  g_autoptr (GtStorage) storage = open_with_id (ctx, command, argc, argv, &id, &exit_code);

  if (storage == NULL)
    return exit_code;
  if (!gt_develop_drop (storage, id, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
develop_withdraw (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtApplicant) a = NULL;
  int exit_code = GT_EXIT_OK, step = 0;
  gint64 id = 0;
  g_autoptr (GtStorage) storage = open_with_id (ctx, command, argc, argv, &id, &exit_code);

  if (storage == NULL)
    return exit_code;
  if (!gt_develop_withdraw_step (storage, id, &step, &error) ||
      (a = gt_develop_lookup (storage, id, &error)) == NULL)
    return gt_cli_fail (error);
  /* Translators: step number, step name, person's name, the person's stage now */
  g_print (_("Withdrew step %d “%s” of %s; now: %s\n"), step, gt_label_develop_step (step),
           a->name, gt_label_develop_stage (a->stage));
  return GT_EXIT_OK;
}

static void
add_item_json (JsonBuilder *builder, const GtDevelopItem *item)
{
  json_builder_begin_object (builder);
  gt_cli_json_add_int (builder, "applicant", item->applicant_id);
  gt_cli_json_add_string (builder, "name", item->name);
  gt_cli_json_add_string (builder, "organization", item->org_name);
  gt_cli_json_add_string (builder, "rule", item->rule);
  gt_cli_json_add_int (builder, "step", item->step);
  gt_cli_json_add_string (builder, "date", item->date);
  gt_cli_json_add_string (builder, "state", gt_develop_state_code (item->state));
  gt_cli_json_add_string (builder, "message", item->message);
  json_builder_end_object (builder);
}

static void
add_applicant_json (JsonBuilder *builder, const GtApplicant *a, gboolean steps)
{
  gt_cli_json_add_int (builder, "id", a->id);
  gt_cli_json_add_string (builder, "name", a->name);
  gt_cli_json_add_string (builder, "gender", a->gender == 'F' ? "F" : "M");
  gt_cli_json_add_string (builder, "birth_date", a->birth_date);
  gt_cli_json_add_string (builder, "organization", a->org_name);
  gt_cli_json_add_string (builder, "stage", a->stage);
  gt_cli_json_add_int (builder, "last_step", gt_applicant_last_step (a));
  gt_cli_json_add_int (builder, "member_id", a->member_id);
  if (!steps)
    return;
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < a->steps->len; i++)
    {
      GtDevelopStep *s = a->steps->pdata[i];

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "step", s->step);
      gt_cli_json_add_string (builder, "date", s->date);
      gt_cli_json_add_string (builder, "contact1", s->contact1);
      gt_cli_json_add_string (builder, "contact2", s->contact2);
      gt_cli_json_add_string (builder, "talker", s->talker);
      gt_cli_json_add_string (builder, "introducer1", s->introducer1);
      gt_cli_json_add_string (builder, "introducer2", s->introducer2);
      gt_cli_json_add_string (builder, "documents", s->documents);
      gt_cli_json_add_int (builder, "months", s->months);
      gt_cli_json_add_string (builder, "notes", s->notes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* list and board: one line (or object) per person, with the rule items on the board. */
static int
develop_board_or_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv,
                       gboolean board_view)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) board = NULL;
  g_autofree char *org = NULL, *today = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 org_id = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Only this branch"), N_("ORG") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Check the rules as of this day"),
      N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      !check_today (command, today, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_org (storage, org, &org_id, &exit_code))
    return exit_code;
  board = gt_develop_board (storage, org_id, today, &error);
  if (board == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < board->len; i++)
        {
          GtDevelopBoardEntry *e = board->pdata[i];

          json_builder_begin_object (builder);
          add_applicant_json (builder, e->applicant, !board_view);
          gt_cli_json_add_string (builder, "worst", gt_develop_state_code (e->worst));
          if (board_view)
            {
              json_builder_set_member_name (builder, "items");
              json_builder_begin_array (builder);
              for (guint j = 0; j < e->items->len; j++)
                add_item_json (builder, e->items->pdata[j]);
              json_builder_end_array (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < board->len; i++)
    {
      GtDevelopBoardEntry *e = board->pdata[i];
      GtApplicant *a = e->applicant;

      if (board_view && (i == 0 || ((GtDevelopBoardEntry *) board->pdata[i - 1])->applicant->org_id != a->org_id))
        g_print ("== %s ==\n", a->org_name);
      /* Translators: applicant line: number, name, branch, stage, last step number and name */
      g_print (_("%d\t%s\t%s\t%s\tstep %d %s\n"), (int) a->id, a->name, a->org_name,
               gt_label_develop_stage (a->stage), e->last_step,
               gt_label_develop_step (e->last_step));
      if (board_view)
        for (guint j = 0; j < e->items->len; j++)
          {
            GtDevelopItem *item = e->items->pdata[j];
            g_print ("\t[%s] %s\n", gt_label_develop_state (item->state), item->message);
          }
    }
  return GT_EXIT_OK;
}

static int
develop_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return develop_board_or_list (ctx, command, argc, argv, FALSE);
}

static int
develop_board (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return develop_board_or_list (ctx, command, argc, argv, TRUE);
}

static int
develop_due (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autofree char *org = NULL, *today = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 org_id = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Only this branch"), N_("ORG") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Check the rules as of this day"),
      N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      !check_today (command, today, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_org (storage, org, &org_id, &exit_code))
    return exit_code;
  due = gt_develop_due (storage, org_id, today, &error);
  if (due == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < due->len; i++)
        add_item_json (builder, due->pdata[i]);
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < due->len; i++)
    {
      GtDevelopItem *item = due->pdata[i];
      g_print ("%s\t%s\t%s\n", item->date, gt_label_develop_state (item->state), item->message);
    }
  return GT_EXIT_OK;
}

static int
develop_rules (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  guint n = 0;
  const GtDevelopRuleInfo *infos = gt_develop_rule_infos (&n);
  GtDevelopRules rules;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  const char *key, *value;

  key = gt_cli_take_arg (&argc, &argv);
  value = key != NULL ? gt_cli_take_arg (&argc, &argv) : NULL;
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (key != NULL)
    {
      gint64 v = 0;

      if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &v, NULL))
        {
          g_printerr (_("guatu-cli %s: expected a rule and a whole number\n"), command->name);
          return GT_EXIT_USAGE;
        }
      if (!gt_develop_rules_set (storage, key, (int) v, &error))
        return gt_cli_fail (error);
      return GT_EXIT_OK;
    }
  gt_develop_rules_load (storage, &rules);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < n; i++)
        gt_cli_json_add_int (builder, infos[i].key + strlen ("develop."),
                             *(int *) G_STRUCT_MEMBER_P (&rules, infos[i].offset));
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < n; i++)
    g_print ("%s %d\t(%s)\n", infos[i].key + strlen ("develop."),
             *(int *) G_STRUCT_MEMBER_P (&rules, infos[i].offset), _(infos[i].label));
  return GT_EXIT_OK;
}

static int
develop_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtApplicant) a = NULL;
  const char *args[1];
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_id (command, args[0], &id, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  a = gt_develop_lookup (storage, id, &error);
  if (a == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_applicant_json (builder, a, TRUE);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  g_print ("%s\t%s\t%s\t%s\n", a->name, a->org_name, gt_label_develop_stage (a->stage),
           a->birth_date);
  for (guint i = 0; i < a->steps->len; i++)
    {
      GtDevelopStep *s = a->steps->pdata[i];
      g_print ("%2d\t%s\t%s\n", s->step, s->date, gt_label_develop_step (s->step));
    }
  return GT_EXIT_OK;
}

static const GtCliCommand develop_commands[] = {
  { "develop add", "--org ORG --name NAME --applied DATE [--id-number N] [--gender G] [--birth DATE] …",
    N_("Add a person to the pipeline with the application (step 1)"), develop_add },
  { "develop step", "ID STEP [--date DATE] [--contact N] [--talker N] [--introducer1 N] "
    "[--introducer2 N] [--document FILE] [--months N]", N_("Record a step"), develop_step },
  { "develop admit", "ID [--date DATE]",
    N_("Record the committee's approval (step 17): the person becomes a member"), develop_admit },
  { "develop withdraw", "ID",
    N_("Withdraw the step recorded last (a wrong day or name), to record it again"),
    develop_withdraw },
  { "develop drop", "ID", N_("Take a person out of the pipeline"), develop_drop },
  { "develop list", "[--org ORG] [--json]", N_("List the people in the pipeline"), develop_list },
  { "develop show", "ID [--json]", N_("Show one person's steps"), develop_show },
  { "develop board", "[--org ORG] [--today DATE] [--json]",
    N_("The pipeline board: who is at which step, what is due"), develop_board },
  { "develop due", "[--org ORG] [--today DATE] [--json]",
    N_("What is due or overdue this month, and broken rules"), develop_due },
  { "develop rules", "[--json] | KEY VALUE", N_("Show or change the time rules"), develop_rules },
};

int
gt_cli_cmd_develop (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (develop_commands); i++)
      if (g_strcmp0 (develop_commands[i].name + strlen ("develop "), argv[1]) == 0)
        return develop_commands[i].run (ctx, &develop_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli develop: expected a subcommand: add, step, admit, withdraw, drop, list, "
                "show, board, due, rules\n"));
  return GT_EXIT_USAGE;
}
