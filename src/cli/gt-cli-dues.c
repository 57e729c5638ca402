/* gt-cli-dues.c — guatu-cli dues: bands, bases, payments, arrears, yearly summaries
 *
 * Amounts on the command line are 元 with at most two decimals ("3000", "3000.01").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-dues.h"
#include "gt-life.h"
#include "gt-life-report.h"
#include "gt-member.h"

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

static gboolean
parse_yuan (const GtCliCommand *command, const char *text, gint64 *fen, int *exit_code)
{
  if (gt_fen_parse (text, fen))
    return TRUE;
  g_printerr (_("guatu-cli %s: “%s” is not an amount in 元 (e.g. 3000 or 3000.01)\n"),
              command->name, text != NULL ? text : "");
  *exit_code = GT_EXIT_USAGE;
  return FALSE;
}

static int
dues_bands (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bands = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (argc >= 3 && g_strcmp0 (argv[1], "set") == 0)
    {
      const char *category = argv[2];
      g_autofree char *text = g_strjoinv (" ", argv + 3);

      bands = gt_dues_bands_parse (text, &error);
      if (bands == NULL)
        {
          g_printerr ("guatu-cli %s: %s\n", command->name, error->message);
          return GT_EXIT_USAGE;
        }
      storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
      if (storage == NULL)
        return exit_code;
      if (!gt_dues_set_bands (storage, category, bands, &error))
        return gt_cli_fail (error);
      return GT_EXIT_OK;
    }
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  bands = gt_dues_bands (storage, &error);
  if (bands == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < bands->len; i++)
        {
          GtDuesBand *b = bands->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "category", b->category);
          gt_cli_json_add_int (builder, "lower_fen", b->lower_fen);
          json_builder_set_member_name (builder, "upper_fen");
          if (b->upper_fen >= 0)
            json_builder_add_int_value (builder, b->upper_fen);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "rate_permille");
          if (b->rate_permille >= 0)
            json_builder_add_int_value (builder, b->rate_permille);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "fixed_fen");
          if (b->fixed_fen >= 0)
            json_builder_add_int_value (builder, b->fixed_fen);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < bands->len; i++)
    {
      GtDuesBand *b = bands->pdata[i];
      g_autofree char *lower = gt_fen_format (b->lower_fen);
      g_autofree char *upper = b->upper_fen >= 0 ? gt_fen_format (b->upper_fen) : g_strdup ("…");
      g_autofree char *fixed = gt_fen_format (b->fixed_fen);
      g_autofree char *what = b->rate_permille >= 0
                                ? g_strdup_printf ("%d.%d%%", b->rate_permille / 10, b->rate_permille % 10)
                                : g_strdup_printf (_("%s 元 a month"), fixed);

      g_print ("%s\t%s – %s 元\t%s\n", gt_label_dues_category (b->category), lower, upper, what);
    }
  return GT_EXIT_OK;
}

static int
dues_base (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *category = NULL, *fixed = NULL;
  const char *args[3];
  int exit_code = GT_EXIT_OK;
  gint64 member = 0, base = 0, fixed_fen = -1, dues = 0;
  guint64 year = 0;
  GOptionEntry entries[] = {
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("in_service, retired or other (default: from the member's employment)"), N_("CATEGORY") },
    { "fixed", 0, 0, G_OPTION_ARG_STRING, &fixed,
      N_("The member's own fixed amount in 元 (category other)"), N_("YUAN") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 3, entries, &exit_code) ||
      !parse_yuan (command, args[2], &base, &exit_code) ||
      (fixed != NULL && !parse_yuan (command, fixed, &fixed_fen, &exit_code)))
    return exit_code;
  if (!g_ascii_string_to_unsigned (args[1], 10, 1921, 9999, &year, NULL))
    {
      g_printerr (_("guatu-cli %s: “%s” is not a year\n"), command->name, args[1]);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member, &exit_code))
    return exit_code;
  if (!gt_dues_set_base (storage, member, (int) year, base, category, fixed_fen, &error))
    return gt_cli_fail (error);
  {
    g_autofree char *month = g_strdup_printf ("%04u-01", (guint) year);
    g_autofree char *text = NULL;

    if (!gt_dues_for_month (storage, member, month, &dues, &error))
      return gt_cli_fail (error);
    text = gt_fen_format (dues);
    g_print (_("Dues: %s 元 a month\n"), text);
  }
  return GT_EXIT_OK;
}

static int
dues_pay (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *amount = NULL, *date = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 member = 0, fen = 0, id = 0;
  GOptionEntry entries[] = {
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount,
      N_("The amount in 元 (default: the dues computed from the base)"), N_("YUAN") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it was paid (default: today)"),
      N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code) ||
      (amount != NULL && !parse_yuan (command, amount, &fen, &exit_code)))
    return exit_code;
  if (amount != NULL && fen == 0)
    {
      g_printerr (_("guatu-cli %s: the amount must be more than 0\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member, &exit_code))
    return exit_code;
  if (!gt_dues_pay (storage, member, args[1], fen, date, &id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return GT_EXIT_OK;
}

static int
dues_arrears (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *as_of = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("The last month that counts (default: last month)"), N_("YYYY-MM") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  list = gt_dues_arrears (storage, as_of, &error);
  if (list == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          GtDuesArrears *a = list->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "member_id", a->member_id);
          gt_cli_json_add_string (builder, "name", a->member_name);
          gt_cli_json_add_int (builder, "org_id", a->org_id);
          gt_cli_json_add_string (builder, "org", a->org_name);
          gt_cli_json_add_string (builder, "last_paid", a->last_paid);
          gt_cli_json_add_int (builder, "months_unpaid", a->months_unpaid);
          gt_cli_json_add_int (builder, "consecutive", a->consecutive);
          gt_cli_json_add_int (builder, "owed_fen", a->owed_fen);
          gt_cli_json_add_int (builder, "months_without_base", a->months_no_base);
          json_builder_set_member_name (builder, "warning");
          json_builder_add_boolean_value (builder, a->warning);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_boolean_value (builder, a->rule);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GtDuesArrears *a = list->pdata[i];
      g_autofree char *owed = gt_dues_arrears_owed_text (a);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", a->member_id, a->member_name,
               a->org_name, a->last_paid != NULL ? a->last_paid : "-", a->consecutive,
               a->months_unpaid, owed,
               a->rule ? _("6-month rule") : a->warning ? _("warning") : "");
    }
  return GT_EXIT_OK;
}

static int
dues_summary (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *now = gt_today ();
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK, year = 0;
  gint64 total = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year (default: this year)"), N_("YYYY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (year == 0)
    year = (int) g_ascii_strtoll (now, NULL, 10);
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  rows = gt_dues_summary (storage, year, &error);
  if (rows == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          GtDuesSummary *s = rows->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "org_id", s->org_id);
          gt_cli_json_add_string (builder, "org", s->org_name);
          gt_cli_json_add_int (builder, "members", s->members);
          gt_cli_json_add_int (builder, "payments", s->payments);
          gt_cli_json_add_int (builder, "total_fen", s->total_fen);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      GtDuesSummary *s = rows->pdata[i];
      g_autofree char *sum = gt_fen_format (s->total_fen);

      total += s->total_fen;
      g_print ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n", s->org_name, s->members,
               s->payments, sum);
    }
  {
    g_autofree char *sum = gt_fen_format (total);
    g_print (_("Total\t%s\n"), sum);
  }
  return GT_EXIT_OK;
}

static int
dues_rate (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *from = NULL, *to = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 org_id = 0;
  double dues = 0, life = 0;

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, NULL, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, args[0], &org_id, &exit_code))
    return exit_code;
  if (!gt_period_parse (args[1], &from, &to, &error) ||
      !gt_dues_paid_rate (storage, org_id, from, to, &dues, &error) ||
      !gt_life_compliance_rate (storage, org_id, from, to, &life, &error))
    return gt_cli_fail (error);
  g_print (_("Dues paid: %.1f%%\nMeetings held: %.1f%%\n"), dues * 100, life * 100);
  return GT_EXIT_OK;
}

static int
dues_rules (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *since = NULL, *stored = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK, warning = 0, rule = 0;
  GOptionEntry entries[] = {
    { "warning", 0, 0, G_OPTION_ARG_INT, &warning,
      N_("Warn after this many months in a row"), N_("N") },
    { "rule", 0, 0, G_OPTION_ARG_INT, &rule,
      N_("Flag the 6-month rule after this many months in a row"), N_("N") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Count dues from this month (\"\": from the earliest payment)"), N_("YYYY-MM") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if ((warning != 0 || rule != 0 || since != NULL) &&
      !gt_dues_set_rules (storage, warning, rule, since, &error))
    return gt_cli_fail (error);
  stored = gt_storage_get_meta (storage, "dues.since");
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "warning", gt_dues_setting_int (storage, "dues.arrears_warning", 3));
      gt_cli_json_add_int (builder, "rule", gt_dues_setting_int (storage, "dues.arrears_rule", 6));
      gt_cli_json_add_string (builder, "since", stored);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  g_print (_("Warning after %d months in a row; the 6-month rule after %d; counted from %s\n"),
           gt_dues_setting_int (storage, "dues.arrears_warning", 3),
           gt_dues_setting_int (storage, "dues.arrears_rule", 6),
           stored != NULL ? stored : _("the earliest payment"));
  return GT_EXIT_OK;
}

static const GtCliCommand dues_commands[] = {
  { "dues bands", "[--json] | set CATEGORY UPPER=PERMILLE|UPPER=fixed:YUAN …",
    N_("Show or replace the dues bands (e.g. set in_service 3000=5 5000=10 10000=15 -=20)"),
    dues_bands },
  { "dues base", "MEMBER YEAR YUAN [--category C] [--fixed YUAN]",
    N_("Set a member's monthly base for a year"), dues_base },
  { "dues pay", "MEMBER YYYY-MM [--amount YUAN] [--date YYYY-MM-DD]",
    N_("Record a member's dues for a month"), dues_pay },
  { "dues arrears", "[--as-of YYYY-MM] [--json]",
    N_("Members behind with their dues (warning and the 6-month rule flagged)"), dues_arrears },
  { "dues summary", "[--year YYYY] [--json]",
    N_("Dues received per organisation at the time of payment"), dues_summary },
  { "dues rate", "ORG PERIOD", N_("The share of dues paid and of meetings held"), dues_rate },
  { "dues rules", "[--warning N] [--rule N] [--since YYYY-MM] [--json]",
    N_("Show or change when arrears are flagged and where counting starts"), dues_rules },
};

int
gt_cli_cmd_dues (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (dues_commands); i++)
      if (g_strcmp0 (dues_commands[i].name + strlen ("dues "), argv[1]) == 0)
        return dues_commands[i].run (ctx, &dues_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli dues: expected a subcommand: bands, base, pay, arrears, summary, "
                "rate, rules\n"));
  return GT_EXIT_USAGE;
}
