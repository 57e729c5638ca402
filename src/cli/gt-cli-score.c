/* gt-cli-score.c — guatu-cli score, score-rules, points, redblack, stars, link-score,
 * rectify, fortress, publish: points and ratings (domain §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-cli-score.h"
#include "gt-file.h"
#include "gt-member.h"
#include "gt-points.h"
#include "gt-ratings.h"
#include "gt-score-report.h"
#include "gt-score-rules.h"

/* Errors of the scoring core: bad arguments are usage errors, bad data data errors. */
int
gt_cli_score_fail (const GError *error)
{
  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_INVALID_ARGUMENT)
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_USAGE;
    }
  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_INVALID_DATA)
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_DATAERR;
    }
  return gt_cli_fail (error);
}

gboolean
gt_cli_score_parse_period (const char *text, const char *option, GtScorePeriod *period,
                           int *exit_code)
{
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    {
      g_printerr (_("guatu-cli: %s is required\n"), option);
      *exit_code = GT_EXIT_USAGE;
      return FALSE;
    }
  if (!gt_score_period_parse (text, period, &error))
    {
      *exit_code = gt_cli_score_fail (error);
      return FALSE;
    }
  return TRUE;
}

static void
add_explanation (JsonBuilder *builder, JsonNode *node)
{
  json_builder_set_member_name (builder, "explanation");
  if (node != NULL)
    json_builder_add_value (builder, json_node_copy (node));
  else
    json_builder_add_null_value (builder);
}

static void
print_run_json (const GtScoreRun *run)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  gt_cli_json_add_string (builder, "kind", run->kind);
  gt_cli_json_add_string (builder, "period", run->period);
  gt_cli_json_add_int (builder, "rule_version", run->rule_version);
  json_builder_set_member_name (builder, "published");
  json_builder_add_boolean_value (builder, run->published);
  gt_cli_json_add_string (builder, "published_at", run->published_at);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->results->len; i++)
    {
      const GtScoreResult *r = g_ptr_array_index (run->results, i);

      json_builder_begin_object (builder);
      if (r->member_id != 0)
        gt_cli_json_add_int (builder, "member_id", r->member_id);
      gt_cli_json_add_int (builder, "org_id", r->org_id);
      gt_cli_json_add_string (builder, "name", r->name);
      gt_cli_json_add_string (builder, "org", r->org_name);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, r->score);
      gt_cli_json_add_string (builder, "class", r->klass);
      gt_cli_json_add_string (builder, "grade", r->grade);
      gt_cli_json_add_int (builder, "rank", r->rank);
      gt_cli_json_add_int (builder, "stars", r->stars);
      gt_cli_json_add_int (builder, "household_stars", r->household_stars);
      json_builder_set_member_name (builder, "warning");
      json_builder_add_boolean_value (builder, r->warning);
      add_explanation (builder, r->explanation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  gt_cli_print_json (builder);
}

static void
print_run_text (const GtScoreRun *run, gboolean explain, gboolean only_warned)
{
  if (run->published)
    g_print (_("%s %s: published %s (rules version %d)\n"), gt_label_score_run_kind (run->kind),
             run->period,
             run->published_at, (int) run->rule_version);
  else
    g_print (_("%s %s: computed %s, not published (rules version %d)\n"),
             gt_label_score_run_kind (run->kind), run->period,
             run->created, (int) run->rule_version);
  for (guint i = 0; i < run->results->len; i++)
    {
      const GtScoreResult *r = g_ptr_array_index (run->results, i);
      g_autoptr (GString) line = g_string_new ("");

      if (only_warned && !r->warning)
        continue;
      /* the 100-point link score is a line to reach, not a ranking: no place */
      if (r->rank > 0)
        g_string_append_printf (line, "%d\t", r->rank);
      else
        g_string_append (line, "-\t");
      g_string_append_printf (line, "%s\t%s\t%g", r->name, r->member_id != 0 ? r->org_name : "",
                              r->score);
      if (r->klass && *r->klass)
        g_string_append_printf (line, "\t%s", gt_label_score_class (r->klass));
      if (r->grade && *r->grade)
        g_string_append_printf (line, "\t%s", gt_label_score_grade (r->grade));
      if (g_strcmp0 (run->kind, "stars") == 0)
        g_string_append_printf (line, "\t%s %d\t%s %d", _("stars"), r->stars,
                                _("household stars"), r->household_stars);
      if (r->warning)
        g_string_append_printf (line, "\t%s", g_strcmp0 (run->kind, "link") == 0
                                                ? _("below the line: 整转")
                                                : _("warning (末位警示)"));
      g_print ("%s\n", line->str);
      if (explain)
        {
          g_autofree char *text = gt_score_explain_text (r);

          g_print ("%s", text);
        }
    }
}

/* Computes (and stores as the unpublished set) or loads the published set, then prints. */
static int
run_kind (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv,
          const char *kind, const char *period_option)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  g_autoptr (GtScoreRun) run = NULL;
  g_autofree char *period_text = NULL;
  gboolean json = FALSE, explain = FALSE, published = FALSE, below = FALSE;
  int exit_code = GT_EXIT_OK;
  GtScorePeriod period;
  GOptionEntry entries[] = {
    { period_option + 2, 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: 2026, 2026-H1, 2026-Q3 or 2026-07"), N_("PERIOD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &explain,
      N_("Print the items and weights behind every score"), NULL },
    { "published", 0, 0, G_OPTION_ARG_NONE, &published,
      N_("Show the published result instead of computing"), NULL },
    { "below", 0, 0, G_OPTION_ARG_NONE, &below, N_("Only members below the line or warned"),
      NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (!gt_cli_score_parse_period (period_text, period_option, &period, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (published)
    {
      run = gt_score_run_load (storage, kind, period.text, TRUE, &error);
      if (run == NULL && error == NULL)
        {
          g_printerr (_("guatu-cli %s: nothing published for %s\n"), command->name, period.text);
          return GT_EXIT_DATAERR;
        }
    }
  else
    {
      rules = gt_score_rules_load_current (storage, &error);
      run = rules ? gt_score_compute (storage, rules, kind, &period, &error) : NULL;
      if (run != NULL && !gt_score_run_save (storage, run, &error))
        g_clear_pointer (&run, gt_score_run_free);
    }
  if (run == NULL)
    return gt_cli_score_fail (error);
  if (json)
    print_run_json (run);
  else
    print_run_text (run, explain, below);
  return GT_EXIT_OK;
}

/* score report KIND --period P --out FILE */
static int
score_report (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  static const char *const kinds[][2] = {
    { "ranking", "member" }, { "redblack", "redblack" }, { "fortress", "fortress" },
    { "stars", "stars" }, { "link", "link" }, { "chart", "member" },
  };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  g_autoptr (GtScoreRun) run = NULL;
  g_autofree char *period_text = NULL, *out = NULL, *office = NULL;
  gboolean published = FALSE;
  const char *args[1], *kind = NULL;
  int exit_code = GT_EXIT_OK;
  GtScorePeriod period;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("The period"), N_("PERIOD") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write (PDF; PNG for chart)"),
      N_("FILE") },
    { "published", 0, 0, G_OPTION_ARG_NONE, &published,
      N_("Show the published result instead of computing"), NULL },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i][0], args[0]) == 0)
      kind = kinds[i][1];
  if (kind == NULL)
    {
      g_printerr (_("guatu-cli %s: unknown report “%s” (ranking, redblack, fortress, stars, link, "
                    "chart)\n"), command->name, args[0]);
      return GT_EXIT_USAGE;
    }
  if (out == NULL)
    {
      g_printerr (_("guatu-cli: %s is required\n"), "--out");
      return GT_EXIT_USAGE;
    }
  if (!gt_cli_score_parse_period (period_text, "--period", &period, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (published)
    {
      run = gt_score_run_load (storage, kind, period.text, TRUE, &error);
      if (run == NULL && error == NULL)
        {
          g_printerr (_("guatu-cli %s: nothing published for %s\n"), command->name, period.text);
          return GT_EXIT_DATAERR;
        }
    }
  else
    {
      rules = gt_score_rules_load_current (storage, &error);
      run = rules ? gt_score_compute (storage, rules, kind, &period, &error) : NULL;
    }
  if (run == NULL)
    return gt_cli_score_fail (error);
  office = gt_storage_get_meta (storage, "office_name");
  if (g_strcmp0 (args[0], "chart") == 0
        ? !gt_score_chart_write_png (run, out, 1200, 700, &error)
        : !gt_score_report_write_pdf (run, office, out, &error))
    return gt_cli_fail (error);
  g_print (_("Wrote %s\n"), out);
  return GT_EXIT_OK;
}

static const GtCliCommand score_report_command = {
  "score report", "ranking|redblack|fortress|stars|link|chart --period P --out FILE [--published]",
  N_("Write an A4 report of points and ratings as a PDF, or the points chart as a PNG"),
  score_report,
};

int
gt_cli_cmd_score (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2 && g_strcmp0 (argv[1], "report") == 0)
    return score_report (ctx, &score_report_command, argc - 1, argv + 1);
  return run_kind (ctx, command, argc, argv, "member", "--period");
}

int
gt_cli_cmd_redblack (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return run_kind (ctx, command, argc, argv, "redblack", "--quarter");
}

int
gt_cli_cmd_stars (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return run_kind (ctx, command, argc, argv, "stars", "--year");
}

int
gt_cli_cmd_link_score (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return run_kind (ctx, command, argc, argv, "link", "--year");
}

int
gt_cli_cmd_fortress (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return run_kind (ctx, command, argc, argv, "fortress", "--period");
}

int
gt_cli_cmd_publish (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *period_text = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  GtScorePeriod period;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("The period"), N_("PERIOD") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  if (!gt_cli_score_parse_period (period_text, "--period", &period, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_score_run_publish (storage, args[0], period.text, &error))
    return gt_cli_score_fail (error);
  g_print (_("Published %s %s\n"), args[0], period.text);
  return GT_EXIT_OK;
}

/* score-rules */

static void
print_rules_text (const GtScoreRules *rules)
{
  guint n = 0;
  const GtScoreSetting *settings = gt_score_settings (&n);

  g_print (_("Scoring rules version %d (%s)\n"), (int) rules->version,
           rules->note ? rules->note : "");
  for (guint i = 0; i < n; i++)
    g_print ("%s %g\t%s%s%s\n", settings[i].key, rules->values[i], _(settings[i].description),
             *settings[i].source ? "  " : "", settings[i].source);
  g_print (ngettext ("Rubric (%u item):\n", "Rubric (%u items):\n", rules->items->len),
           rules->items->len);
  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = g_ptr_array_index (rules->items, i);

      g_print ("%s\t%s\t%s\t%d\t%s%s%s\n", item->code, gt_label_score_category (item->category),
               gt_label_score_kind (item->kind), item->points, gt_label_score_item (item->label),
               item->black ? _("\t[black list]") : "", item->link ? _("\t[household link]") : "");
    }
}

static int
rules_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  gboolean json = FALSE;
  gint64 version = 0;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the rules file"), NULL },
    { "version", 0, 0, G_OPTION_ARG_INT64, &version, N_("An earlier version"), N_("N") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  rules = version > 0 ? gt_score_rules_load (storage, version, &error)
                      : gt_score_rules_load_current (storage, &error);
  if (rules == NULL)
    return gt_cli_score_fail (error);
  if (json)
    {
      g_autofree char *text = gt_score_rules_to_json (rules);

      g_print ("%s", text);
    }
  else
    print_rules_text (rules);
  return GT_EXIT_OK;
}

static int
rules_export (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  g_autofree char *text = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, NULL, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  rules = gt_score_rules_load_current (storage, &error);
  if (rules == NULL)
    return gt_cli_score_fail (error);
  text = gt_score_rules_to_json (rules);
  if (!gt_file_write_atomically (args[0], text, strlen (text), &error))
    return gt_cli_fail (error);
  g_print (_("Wrote the scoring rules (version %d) to %s\n"), (int) rules->version, args[0]);
  return GT_EXIT_OK;
}

static int
rules_import (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  g_autofree char *data = NULL, *note = NULL, *default_note = NULL;
  gsize length = 0;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why the rules changed"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  if (!g_file_get_contents (args[0], &data, &length, &error))
    return gt_cli_fail (error);
  rules = gt_score_rules_from_json (data, (gssize) length, args[0], &error);
  if (rules == NULL)
    return gt_cli_score_fail (error);
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  default_note = g_strdup_printf (_("imported from %s"), args[0]);
  if (!gt_score_rules_save (storage, rules, note ? note : default_note, &error))
    return gt_cli_score_fail (error);
  g_print (_("Imported the scoring rules as version %d; published results keep their version\n"),
           (int) rules->version);
  return GT_EXIT_OK;
}

static int
rules_set (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  g_autofree char *note = NULL, *default_note = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why the rule changed"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  rules = gt_score_rules_load_current (storage, &error);
  if (rules == NULL)
    return gt_cli_score_fail (error);
  if (!gt_score_rules_set (rules, args[0], args[1], &error))
    return gt_cli_score_fail (error);
  default_note = g_strdup_printf ("%s = %s", args[0], args[1]);
  if (!gt_score_rules_save (storage, rules, note ? note : default_note, &error))
    return gt_cli_score_fail (error);
  g_print (_("Scoring rules version %d: %s = %s\n"), (int) rules->version, args[0], args[1]);
  return GT_EXIT_OK;
}

static int
rules_versions (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GtScoreRules) rules = NULL;
  int exit_code = GT_EXIT_OK;

  if (!gt_cli_parse (command, NULL, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  rules = gt_score_rules_load_current (storage, &error);
  versions = rules ? gt_score_rules_list_versions (storage, &error) : NULL;
  if (versions == NULL)
    return gt_cli_score_fail (error);
  for (guint i = 0; i < versions->len; i++)
    {
      GtScoreRuleVersion *v = g_ptr_array_index (versions, i);

      g_print ("%d\t%s\t%s%s\n", (int) v->version, v->created, v->note,
               v->current ? _("\t(current)") : "");
    }
  return GT_EXIT_OK;
}

static const GtCliCommand rules_commands[] = {
  { "score-rules show", "[--json] [--version N]", N_("Show the scoring rules"), rules_show },
  { "score-rules export", "FILE", N_("Write the scoring rules to a JSON file"), rules_export },
  { "score-rules import", "FILE [--note TEXT]",
    N_("Read the scoring rules from a JSON file as a new version"), rules_import },
  { "score-rules set", "KEY VALUE [--note TEXT]",
    N_("Change one number of the scoring rules (a new version)"), rules_set },
  { "score-rules versions", "", N_("List the versions of the scoring rules"), rules_versions },
};

int
gt_cli_score_dispatch (GtCliContext *ctx, const char *prefix, const GtCliCommand *table, guint n,
                       int argc, char **argv, const char *names)
{
  if (argc >= 2)
    for (guint i = 0; i < n; i++)
      if (g_strcmp0 (table[i].name + strlen (prefix) + 1, argv[1]) == 0)
        return table[i].run (ctx, &table[i], argc - 1, argv + 1);
  g_printerr (_("guatu-cli %s: expected a subcommand: %s\n"), prefix, names);
  return GT_EXIT_USAGE;
}

int
gt_cli_cmd_score_rules (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  return gt_cli_score_dispatch (ctx, "score-rules", rules_commands, G_N_ELEMENTS (rules_commands),
                                argc, argv, "show, export, import, set, versions");
}
