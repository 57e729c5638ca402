/* gt-cli-points.c — guatu-cli points (the 学分 + 工分 ledger) and rectify (整转: propose,
 * township review, transfer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-cli-score.h"
#include "gt-member.h"
#include "gt-points.h"
#include "gt-ratings.h"
#include "gt-score-rules.h"

/* points */

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

static int
points_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  g_autofree char *month = NULL, *item = NULL, *note = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK, points = -1;
  gint64 member_id = 0, id = 0;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month, YYYY-MM"), N_("MONTH") },
    { "item", 0, 0, G_OPTION_ARG_STRING, &item, N_("The rubric item's code"), N_("CODE") },
    { "points", 0, 0, G_OPTION_ARG_INT, &points,
      N_("Points of this entry (default: the item's)"), N_("N") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  if (month == NULL || item == NULL)
    {
      g_printerr (_("guatu-cli %s: --month and --item are required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member_id, &exit_code))
    return exit_code;
  rules = gt_score_rules_load_current (storage, &error);
  if (rules == NULL ||
      !gt_points_add (storage, rules, member_id, month, item, points, note, &id, &error))
    return gt_cli_score_fail (error);
  g_print (_("Added points entry %d\n"), (int) id);
  return GT_EXIT_OK;
}

static int
points_remove (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  guint64 id = 0;

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, NULL, &exit_code))
    return exit_code;
  if (!g_ascii_string_to_unsigned (args[0], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_("guatu-cli %s: “%s” is not an entry number\n"), command->name, args[0]);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_points_remove (storage, (gint64) id, &error))
    return gt_cli_score_fail (error);
  return GT_EXIT_OK;
}

static int
points_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries_list = NULL;
  g_autofree char *member = NULL, *period_text = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 member_id = 0;
  GtScorePeriod period;
  GOptionEntry entries[] = {
    { "member", 0, 0, G_OPTION_ARG_STRING, &member, N_("Only this member"), N_("MEMBER") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("Only this period"), N_("PERIOD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (period_text != NULL && !gt_cli_score_parse_period (period_text, "--period", &period, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (member != NULL && !resolve_member (storage, member, &member_id, &exit_code))
    return exit_code;
  entries_list = gt_points_list (storage, member_id, period_text ? &period : NULL, &error);
  if (entries_list == NULL)
    return gt_cli_score_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entries");
      json_builder_begin_array (builder);
      for (guint i = 0; i < entries_list->len; i++)
        {
          GtPointsEntry *e = g_ptr_array_index (entries_list, i);

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", e->id);
          gt_cli_json_add_string (builder, "uuid", e->uuid);
          gt_cli_json_add_int (builder, "member_id", e->member_id);
          gt_cli_json_add_string (builder, "member", e->member_name);
          gt_cli_json_add_string (builder, "org", e->org_name);
          gt_cli_json_add_string (builder, "month", e->month);
          gt_cli_json_add_string (builder, "kind", e->kind);
          gt_cli_json_add_string (builder, "item", e->item_code);
          gt_cli_json_add_string (builder, "category", e->category);
          gt_cli_json_add_int (builder, "points", e->points);
          gt_cli_json_add_string (builder, "note", e->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < entries_list->len; i++)
    {
      GtPointsEntry *e = g_ptr_array_index (entries_list, i);

      g_print ("%d\t%s\t%s\t%s\t%s\t%s\t%+d\t%s\n", (int) e->id, e->month, e->member_name,
               e->org_name, e->item_code, gt_label_score_kind (e->kind), e->points, e->note);
    }
  return GT_EXIT_OK;
}

static const GtCliCommand points_commands[] = {
  { "points add", "MEMBER --month YYYY-MM --item CODE [--points N] [--note TEXT]",
    N_("Record a points entry"), points_add },
  { "points list", "[--member MEMBER] [--period P] [--json]", N_("List points entries"),
    points_list },
  { "points remove", "ID", N_("Remove a points entry"), points_remove },
};

int
gt_cli_cmd_points (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return gt_cli_score_dispatch (ctx, "points", points_commands, G_N_ELEMENTS (points_commands),
                                argc, argv, "add, list, remove");
}

/* rectify */

static int
rectify_propose (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  g_autofree char *date = NULL, *note = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK, year = 0;
  gint64 member_id = 0, id = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year scored"), N_("YEAR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the proposal (default: today)"),
      N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The branch's opinion"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  if (year < 1900 || year > 2999)
    {
      g_printerr (_("guatu-cli %s: --year is required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member_id, &exit_code))
    return exit_code;
  rules = gt_score_rules_load_current (storage, &error);
  if (rules == NULL ||
      !gt_rectify_propose (storage, rules, member_id, year, date, note, &id, &error))
    return gt_cli_score_fail (error);
  g_print (_("整转 proposal %d recorded; the township reviews it\n"), (int) id);
  return GT_EXIT_OK;
}

static int
rectify_review (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *note = NULL, *to = NULL;
  gboolean approve = FALSE, reject = FALSE;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  guint64 id = 0;
  GOptionEntry entries[] = {
    { "approve", 0, 0, G_OPTION_ARG_NONE, &approve, N_("Approve and transfer"), NULL },
    { "reject", 0, 0, G_OPTION_ARG_NONE, &reject, N_("Reject the proposal"), NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The rectification branch (name or code)"),
      N_("ORG") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the review (default: today)"),
      N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The township's opinion"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  if (approve == reject)
    {
      g_printerr (_("guatu-cli %s: give either --approve or --reject\n"), command->name);
      return GT_EXIT_USAGE;
    }
  if (!g_ascii_string_to_unsigned (args[0], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_("guatu-cli %s: “%s” is not a proposal number\n"), command->name, args[0]);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_rectify_review (storage, (gint64) id, approve, to, date, note, &error))
    return gt_cli_score_fail (error);
  g_print (approve ? _("Approved: the member was transferred\n") : _("Rejected\n"));
  return GT_EXIT_OK;
}

static int
rectify_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  list = gt_rectify_list (storage, &error);
  if (list == NULL)
    return gt_cli_score_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rectifications");
      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          GtRectification *r = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", r->id);
          gt_cli_json_add_int (builder, "member_id", r->member_id);
          gt_cli_json_add_string (builder, "member", r->member_name);
          gt_cli_json_add_int (builder, "year", r->year);
          json_builder_set_member_name (builder, "score");
          json_builder_add_double_value (builder, r->score);
          gt_cli_json_add_int (builder, "rule_version", r->rule_version);
          gt_cli_json_add_string (builder, "from_org", r->from_org);
          gt_cli_json_add_string (builder, "state", r->state);
          gt_cli_json_add_string (builder, "proposed_date", r->proposed_date);
          gt_cli_json_add_string (builder, "proposal", r->proposal);
          gt_cli_json_add_string (builder, "reviewed_date", r->reviewed_date);
          gt_cli_json_add_string (builder, "review_note", r->review_note);
          gt_cli_json_add_string (builder, "to_org", r->to_org);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GtRectification *r = g_ptr_array_index (list, i);

      g_print ("%d\t%s\t%s\t%d\t%g\t%s%s%s\n", (int) r->id, r->member_name,
               r->from_org ? r->from_org : "", r->year, r->score, gt_label_rectify_state (r->state),
               r->to_org ? " → " : "", r->to_org ? r->to_org : "");
    }
  return GT_EXIT_OK;
}

static const GtCliCommand rectify_commands[] = {
  { "rectify propose", "MEMBER --year YEAR [--date DATE] [--note TEXT]",
    N_("Propose 整转 for a member below the household-link line"), rectify_propose },
  { "rectify review", "ID --approve|--reject [--to ORG] [--date DATE] [--note TEXT]",
    N_("The township's review of a 整转 proposal"), rectify_review },
  { "rectify list", "[--json]", N_("List the 整转 proposals"), rectify_list },
};

int
gt_cli_cmd_rectify (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return gt_cli_score_dispatch (ctx, "rectify", rectify_commands, G_N_ELEMENTS (rectify_commands),
                                argc, argv, "propose, review, list");
}
