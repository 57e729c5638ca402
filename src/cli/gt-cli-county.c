/* gt-cli-county.c — guatu-cli county summary|dispatch|tasks|withdraw, county-report, and ack
 * (township side)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-county-dispatch.h"
#include "gt-county-report.h"
#include "gt-county.h"
#include "gt-exchange.h"
#include "gt-keys.h"

/* A metric's value, or null when the township has none (nothing to divide by, no report of
 * the period): not a 0 that reads as the worst. */
static void
add_metric_json (JsonBuilder *builder, const char *key, const GtCountyTownship *t,
                 GtCountyRank rank)
{
  gint64 value = 0;

  if (gt_county_metric_value (t, rank, &value))
    {
      gt_cli_json_add_int (builder, key, value);
      return;
    }
  json_builder_set_member_name (builder, key);
  json_builder_add_null_value (builder);
}

/* "45%", or "-" for no value. */
static char *
percent_text (const GtCountyTownship *t, GtCountyRank rank)
{
  gint64 value = 0;

  if (!gt_county_metric_value (t, rank, &value))
    return g_strdup ("-");
  return g_strdup_printf ("%" G_GINT64_FORMAT "%%", value);
}

static void
add_township_json (JsonBuilder *builder, const GtCountyTownship *t)
{
  json_builder_begin_object (builder);
  gt_cli_json_add_string (builder, "code", t->code);
  gt_cli_json_add_string (builder, "name", t->name);
  json_builder_set_member_name (builder, "reported");
  json_builder_add_boolean_value (builder, t->reported);
  gt_cli_json_add_string (builder, "last_period", t->last_period);
  gt_cli_json_add_string (builder, "last_created", t->last_created);
  gt_cli_json_add_int (builder, "organizations", t->organizations);
  gt_cli_json_add_int (builder, "branches", t->branches);
  gt_cli_json_add_int (builder, "members", t->members);
  gt_cli_json_add_int (builder, "full_members", t->full_members);
  gt_cli_json_add_int (builder, "probationary", t->probationary);
  gt_cli_json_add_int (builder, "households", t->households);
  gt_cli_json_add_int (builder, "links", t->links);
  gt_cli_json_add_int (builder, "projects", t->projects);
  gt_cli_json_add_int (builder, "projects_closed", t->projects_closed);
  gt_cli_json_add_int (builder, "milestones", t->milestones);
  gt_cli_json_add_int (builder, "milestones_done", t->milestones_done);
  /* organisational life, dues and stars, for activity_period */
  gt_cli_json_add_string (builder, "activity_period", t->activity_period);
  gt_cli_json_add_int (builder, "meetings", t->meetings);
  gt_cli_json_add_int (builder, "meetings_required", t->meetings_required);
  gt_cli_json_add_int (builder, "meetings_required_held", t->meetings_required_held);
  add_metric_json (builder, "meetings_held_percent", t, GT_COUNTY_RANK_MEETINGS_HELD);
  gt_cli_json_add_int (builder, "meeting_attendance_present", t->meeting_attendance_present);
  gt_cli_json_add_int (builder, "meeting_attendance_expected", t->meeting_attendance_expected);
  gt_cli_json_add_int (builder, "dues_members", t->dues_members);
  gt_cli_json_add_int (builder, "dues_paid_members", t->dues_paid_members);
  add_metric_json (builder, "dues_paid_percent", t, GT_COUNTY_RANK_DUES_PAID);
  gt_cli_json_add_int (builder, "dues_paid_fen", t->dues_paid_fen);
  gt_cli_json_add_string (builder, "stars_period", t->stars_period);
  gt_cli_json_add_int (builder, "rated_members", t->rated_members);
  json_builder_set_member_name (builder, "member_stars");
  json_builder_begin_array (builder);
  for (int s = 0; s < GT_COUNTY_STAR_LEVELS; s++)
    json_builder_add_int_value (builder, t->member_stars[s]);
  json_builder_end_array (builder);
  add_metric_json (builder, "average_stars_x100", t, GT_COUNTY_RANK_AVERAGE_STARS);
  json_builder_end_object (builder);
}

/* The second table: organisational life, dues and stars. */
static void
print_activity (GPtrArray *towns, const char *period)
{
  g_print ("\n%s\n", _("Organisational life, dues and stars:"));
  g_print (_("%-12s %-8s %-15s %-7s %-15s %-8s %s\n"), _("Code"), _("Period"),
           _("Meetings held"), _("Attend."), _("Dues paid"), _("Stars of"), _("Members by stars 0–5"));
  for (guint i = 0; i < towns->len; i++)
    {
      GtCountyTownship *t = towns->pdata[i];
      g_autofree char *meetings = NULL, *dues = NULL, *stars = NULL;
      g_autofree char *attendance = NULL, *held = NULL, *paid = NULL;

      if (t->activity_period == NULL)
        {
          /* not reported for the period: no figures */
          g_print ("%-12s %-8s %s\n", t->code, period, _("MISSING"));
          continue;
        }
      held = percent_text (t, GT_COUNTY_RANK_MEETINGS_HELD);
      paid = percent_text (t, GT_COUNTY_RANK_DUES_PAID);
      meetings = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " %s",
                                  t->meetings_required_held, t->meetings_required, held);
      attendance = t->meeting_attendance_expected > 0
                     ? g_strdup_printf ("%" G_GINT64_FORMAT "%%", t->meeting_attendance_present * 100
                                                               / t->meeting_attendance_expected)
                     : g_strdup ("-");
      dues = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " %s",
                              t->dues_paid_members, t->dues_members, paid);
      stars = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                               "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                               t->member_stars[0], t->member_stars[1], t->member_stars[2],
                               t->member_stars[3], t->member_stars[4], t->member_stars[5]);
      g_print ("%-12s %-8s %-15s %-7s %-15s %-8s %s\n", t->code, t->activity_period, meetings,
               attendance, dues, t->stars_period != NULL ? t->stars_period : "-",
               t->rated_members > 0 ? stars : "-");
    }
}

static int
county_summary (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = {
    "county summary", "[--period P] [--rank members|links-per-member|milestones-done|"
    "meetings-held|dues-paid|average-stars] "
    "[--top N] [--json]", N_("The townships' figures, rankings and missing reports"), NULL
  };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = NULL, ranked = NULL;
  g_autofree char *period = NULL, *rank_name = NULL;
  g_autofree guint *places = NULL;
  guint n_top = 0, n_bottom = 0;
  GtCountyRank rank = GT_COUNTY_RANK_MEMBERS;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK, top = 3;
  gint64 totals[4] = { 0 };
  guint missing = 0;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Period of the reports and of the meetings, dues and stars: YYYY-MM, YYYY-Qn or YYYY"),
      N_("P") },
    { "rank", 0, 0, G_OPTION_ARG_STRING, &rank_name,
      N_("Rank by members, links-per-member, milestones-done, meetings-held, dues-paid or "
         "average-stars"), N_("METRIC") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("How many at the top and at the bottom"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (rank_name != NULL && !gt_county_rank_from_string (rank_name, &rank))
    {
      g_printerr (_("guatu-cli county summary: --rank must be members, links-per-member, "
                    "milestones-done, meetings-held, dues-paid or average-stars\n"));
      return GT_EXIT_USAGE;
    }
  top = CLAMP (top, 0, 1000);
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  /* one period for the whole table: the same default as the county page and county-report */
  if (period == NULL && (period = gt_county_default_period (storage, &error)) == NULL)
    return gt_cli_fail (error);
  towns = gt_county_summary (storage, period, &error);
  if (towns == NULL)
    return gt_cli_fail (error);
  /* only the townships that reported the period and have a value are ranked; equals share
   * a place and a list */
  ranked = gt_county_ranked (towns, rank);
  places = gt_county_ranked_places (ranked, rank);
  gt_county_ranking_split (places, ranked->len, (guint) top, &n_top, &n_bottom);
  for (guint i = 0; i < towns->len; i++)
    {
      GtCountyTownship *t = towns->pdata[i];
      totals[0] += t->members;
      totals[1] += t->households;
      totals[2] += t->links;
      totals[3] += t->projects;
      missing += !t->reported;
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      gt_cli_json_add_string (builder, "period", period);
      gt_cli_json_add_int (builder, "townships", towns->len);
      gt_cli_json_add_int (builder, "members", totals[0]);
      gt_cli_json_add_int (builder, "households", totals[1]);
      gt_cli_json_add_int (builder, "links", totals[2]);
      gt_cli_json_add_int (builder, "projects", totals[3]);
      json_builder_set_member_name (builder, "by_township");
      json_builder_begin_array (builder);
      for (guint i = 0; i < towns->len; i++)
        add_township_json (builder, towns->pdata[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "missing");
      json_builder_begin_array (builder);
      for (guint i = 0; i < towns->len; i++)
        if (!((GtCountyTownship *) towns->pdata[i])->reported)
          json_builder_add_string_value (builder, ((GtCountyTownship *) towns->pdata[i])->code);
      json_builder_end_array (builder);
      gt_cli_json_add_string (builder, "rank", rank_name != NULL ? rank_name : "members");
      json_builder_set_member_name (builder, "ranking");
      json_builder_begin_array (builder);
      for (guint i = 0; i < ranked->len; i++)
        {
          GtCountyTownship *t = ranked->pdata[i];
          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "code", t->code);
          gt_cli_json_add_int (builder, "place", places[i]);
          gt_cli_json_add_int (builder, "value", gt_county_metric (t, rank));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }

  g_print (_("%-12s %-16s %-8s %8s %8s %8s %8s %6s\n"), _("Code"), _("Township"), _("Report"),
           _("Members"), _("Full"), _("Househ."), _("Links"), _("Proj."));
  for (guint i = 0; i < towns->len; i++)
    {
      GtCountyTownship *t = towns->pdata[i];
      g_print ("%-12s %-16s %-8s %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT
               " %8" G_GINT64_FORMAT " %3" G_GINT64_FORMAT "/%-3" G_GINT64_FORMAT "\n",
               t->code, t->name, t->reported ? (t->last_period ? t->last_period : "-") : _("MISSING"),
               t->members, t->full_members, t->households, t->links, t->projects_closed,
               t->projects);
    }
  g_print (_("Total: %u townships, %lld members, %lld households, %lld links, %lld projects\n"),
           towns->len, (long long) totals[0], (long long) totals[1], (long long) totals[2],
           (long long) totals[3]);
  print_activity (towns, period);
  if (missing > 0)
    g_print (_("Missing reports%s%s: %u\n"), " ", period, missing);
  /* each township once: with fewer than 2 × N the two lists share them out */
  for (guint i = 0; i < n_top; i++)
    g_print (_("Top %u: %s %s (%lld)\n"), places[i],
             ((GtCountyTownship *) ranked->pdata[i])->code,
             ((GtCountyTownship *) ranked->pdata[i])->name,
             (long long) gt_county_metric (ranked->pdata[i], rank));
  for (guint i = 0; i < n_bottom; i++)
    {
      guint at = ranked->len - 1 - i;
      GtCountyTownship *t = ranked->pdata[at];
      g_print (_("Bottom %u: %s %s (%lld)\n"),
               gt_county_place_from_bottom (places, ranked->len, at), t->code, t->name,
               (long long) gt_county_metric (t, rank));
    }
  return GT_EXIT_OK;
}

static int
county_dispatch (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = {
    "county dispatch", "--kind task|notice --title TITLE [--body TEXT] [--due DATE] "
    "[--to CODE|all] --out-dir DIR",
    N_("Issue a task or notice and write one signed package per township"), NULL
  };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) targets = NULL, paths = NULL;
  g_autofree char *kind = NULL, *title = NULL, *body = NULL, *due = NULL, *to = NULL;
  g_autofree char *dir = NULL, *uuid = NULL;
  int exit_code = GT_EXIT_OK;
  guint written = 0;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("task or notice"), N_("KIND") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title"), N_("TITLE") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("Text"), N_("TEXT") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("Due date (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("One township's code, or all (default)"),
      N_("CODE") },
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Folder for the packages"), N_("DIR") },
    { NULL }
  };

  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (dir == NULL || title == NULL)
    {
      g_printerr (_("guatu-cli county dispatch: give --title and --out-dir\n"));
      return GT_EXIT_USAGE;
    }
  if (to == NULL || g_strcmp0 (to, "all") == 0)
    g_clear_pointer (&to, g_free);
  if (to != NULL && !gt_exchange_check_code (to, &error))
    {
      g_printerr ("guatu-cli county dispatch: --to: %s\n", error->message);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_printerr (_("guatu-cli county dispatch: %s is not a folder; nothing was issued\n"), dir);
      return GT_EXIT_CANTCREAT;
    }
  targets = gt_county_dispatch_targets (storage, to, &error);
  if (targets == NULL)
    return gt_cli_fail (error);
  if (targets->len == 0)
    {
      g_printerr (_("guatu-cli county dispatch: no trusted township%s%s; enrol its key with "
                    "“guatu-cli keys trust”\n"), to != NULL ? " " : "", to != NULL ? to : "");
      return GT_EXIT_DATAERR;
    }
  if (due != NULL && gt_date_is_valid (due))
    {
      g_autofree char *today = gt_today ();
      if (strcmp (due, today) < 0)
        g_printerr (_("guatu-cli: warning: the due date %s is already past (today is %s)\n"),
                    due, today);
    }
  /* all or nothing: a failed package leaves neither the task nor the other packages */
  if (!gt_county_issue_dispatch (storage, kind != NULL ? kind : "task", title, body, due,
                                 to != NULL ? to : "*", dir, NULL, NULL, NULL, &uuid, &paths,
                                 &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      g_printerr (_("guatu-cli county dispatch: nothing was issued\n"));
      return gt_cli_exit_code_for (error);
    }
  for (guint i = 0; i < paths->len; i++)
    g_print ("%s\n", (const char *) paths->pdata[i]);
  written = paths->len;
  g_printerr (ngettext ("Task %s issued; %u package written\n",
                        "Task %s issued; %u packages written\n", written), uuid, written);
  return GT_EXIT_OK;
}

static int
county_tasks (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = { "county tasks", "[--json]",
                                        N_("The tasks and notices issued, with acknowledgements"),
                                        NULL };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  tasks = gt_county_list_tasks (storage, &error);
  if (tasks == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < tasks->len; i++)
        {
          GtCountyTask *t = tasks->pdata[i];
          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "uuid", t->uuid);
          gt_cli_json_add_string (builder, "kind", t->kind);
          gt_cli_json_add_string (builder, "title", t->title);
          gt_cli_json_add_string (builder, "due", t->due_date);
          gt_cli_json_add_string (builder, "target", t->target);
          gt_cli_json_add_int (builder, "acknowledged", t->received);
          gt_cli_json_add_int (builder, "done", t->done);
          gt_cli_json_add_string (builder, "withdrawn", t->withdrawn_on);
          gt_cli_json_add_string (builder, "withdrawn_reason",
                                  t->withdrawn_on != NULL ? t->withdrawn_reason : NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < tasks->len; i++)
    {
      GtCountyTask *t = tasks->pdata[i];

      if (t->withdrawn_on != NULL)
        {
          /* TRANSLATORS: a withdrawn task: id, issued, kind, due, target, withdrawal date, title */
          g_print (_("%s  %s  %-6s %-10s to %-10s withdrawn %s  %s\n"), t->uuid, t->issued_on,
                   g_strcmp0 (t->kind, "notice") == 0 ? _("Notice") : _("Task"),
                   t->due_date != NULL ? t->due_date : "-", t->target, t->withdrawn_on,
                   t->title);
          continue;
        }
      g_print (_("%s  %s  %-6s %-10s to %-10s acknowledged %lld, done %lld  %s\n"), t->uuid,
               t->issued_on, g_strcmp0 (t->kind, "notice") == 0 ? _("Notice") : _("Task"),
               t->due_date != NULL ? t->due_date : "-", t->target,
               (long long) t->received, (long long) t->done, t->title);
    }
  return GT_EXIT_OK;
}

static int
county_withdraw (GtCliContext *ctx, int argc, char **argv)
{
  static const GtCliCommand command = { "county withdraw", "TASK [--reason TEXT] [--date DATE]",
                                        N_("Withdraw a task or notice issued by mistake; the "
                                           "next dispatch packages carry the withdrawal"), NULL };
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL, *date = NULL;
  const char *task;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it is withdrawn"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Day of the withdrawal (default: today)"),
      N_("DATE") },
    { NULL }
  };

  task = gt_cli_take_arg (&argc, &argv);
  if (!gt_cli_parse (&command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (task == NULL)
    task = gt_cli_take_arg (&argc, &argv);
  if (task == NULL)
    {
      g_printerr (_("guatu-cli county withdraw: name the task (its id, from “guatu-cli county "
                    "tasks”)\n"));
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_county_withdraw_task (storage, task, date, reason, &error))
    return gt_cli_fail (error);
  g_print (_("Withdrew %s; the next dispatch packages (“guatu-cli export --kind dispatch”) "
             "carry the withdrawal to the townships\n"), task);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_county (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  const char *sub = argc >= 2 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "summary") == 0)
    return county_summary (ctx, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "dispatch") == 0)
    return county_dispatch (ctx, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "tasks") == 0)
    return county_tasks (ctx, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "withdraw") == 0)
    return county_withdraw (ctx, argc - 1, argv + 1);
  g_printerr (_("guatu-cli county: expected a subcommand: summary, dispatch, tasks, withdraw\n"));
  return GT_EXIT_USAGE;
}

int
gt_cli_cmd_county_report (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtCountyReport) report = NULL;
  guint n_pages;
  g_autofree char *period = NULL, *rank = NULL, *out = NULL;
  int exit_code = GT_EXIT_OK, top = 5;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("Period of the reports: YYYY-MM (default: the newest reported)"), N_("P") },
    { "rank", 0, 0, G_OPTION_ARG_STRING, &rank,
      N_("Rank by this column (members, households, links-per-member, …)"), N_("METRIC") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("How many at the top and at the bottom"), N_("N") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (out == NULL)
    {
      g_printerr (_("guatu-cli county-report: name the PDF file with --out FILE\n"));
      return GT_EXIT_USAGE;
    }
  if (rank != NULL && (gt_county_column_find (rank) == NULL
                       || !gt_county_column_find (rank)->rankable))
    {
      g_autoptr (GString) ids = g_string_new (NULL);

      for (guint i = 0; i < gt_county_n_columns; i++)
        if (gt_county_columns[i].rankable)
          g_string_append_printf (ids, "%s%s", ids->len > 0 ? ", " : "", gt_county_columns[i].id);
      g_printerr (_("guatu-cli county-report: --rank must be one of %s, not “%s”\n"), ids->str,
                  rank);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  report = gt_county_report_new (storage, period, rank, (guint) CLAMP (top, 0, 50), &error);
  if (report == NULL)
    return gt_cli_fail (error);
  if (!gt_county_report_write_pdf (report, out, &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_CANTCREAT;
    }
  n_pages = gt_county_report_get_n_pages (report);
  g_print (ngettext ("Wrote %s: the county summary for %s, %u page\n",
                     "Wrote %s: the county summary for %s, %u pages\n", n_pages), out,
           gt_county_report_get_period (report), n_pages);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_ack (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *status = NULL, *note = NULL;
  const char *task = gt_cli_take_arg (&argc, &argv);
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("received (default) or done"),
      N_("STATUS") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for the county"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (task == NULL)
    {
      g_printerr (_("guatu-cli ack: name the task\n"));
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_county_acknowledge (storage, task, status != NULL ? status : "received", note, &error))
    return gt_cli_fail (error);
  g_print (_("Acknowledged %s; send it with “guatu-cli export --kind ack”\n"), task);
  return GT_EXIT_OK;
}
