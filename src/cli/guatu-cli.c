/* guatu-cli.c — Guatu's command line: the same core for scripting, batch work and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "gt-cli.h"

static const GtCliCommand commands[] = {
  { "init", "[--role township|county] [--code CODE] [--name NAME]",
    N_("Create a new, empty database"), gt_cli_cmd_init },
  { "demo", "[--seed N] [--code CODE] [--name NAME] [--members N | --preset quzhou]",
    N_("Fill an empty database with the 赏石小镇 township demo"),
    gt_cli_cmd_demo },
  { "stats", "[--json]", N_("Print counts of organisations, members, households and projects"),
    gt_cli_cmd_stats },
  { "check", "", N_("Check the database's integrity and Guatu's own rules"), gt_cli_cmd_check },
  { "org", "SUBCOMMAND …",
    N_("The organisation tree: list, add, rename, set-kind, move, remove, history, "
       "transfer-all, types, set-type, checklist, tick…"), gt_cli_cmd_org },
  { "search", "TEXT [--json] [--limit N] [--reveal]",
    N_("Find members by name, organisation, ID or phone number"), gt_cli_cmd_search },
  { "member", "SUBCOMMAND …",
    N_("Members: show, add, event (转正, transfers, exit…), transfer, flags"),
    gt_cli_cmd_member },
  { "import-roster", "FILE [--org NAME|CODE] [--dry-run] [--encoding auto|utf-8|gb18030] "
    "[--valid-only]", N_("Import members from a CSV roster"), gt_cli_cmd_import_roster },
  { "export-roster", "--out FILE [--format csv|xlsx] [--org NAME|CODE] [--unmasked]",
    N_("Export the active members to a CSV roster or an Excel workbook"),
    gt_cli_cmd_export_roster },
  { "household", "add|update|list|show|link|unlink|visit|report …",
    N_("Households (一户一档), their links to members (党员联户) and visits"),
    gt_cli_cmd_household },
  { "rules", "show [--json] | set link-minimum|visit-interval N",
    N_("Show or change the rules of linking and visiting households"), gt_cli_cmd_rules },
  { "card", "MEMBER --out FILE.pdf [--commitment TEXT]",
    N_("Write a member's heart-link card (党员连心卡) as a PDF"), gt_cli_cmd_card },
  { "backup", "[--out FILE] | list [--json]",
    N_("Back up the database (default: an automatic backup), or list the automatic backups"),
    gt_cli_cmd_backup },
  { "audit", "list [--table T] [--since D] [--until D] [--text T] [--limit N] [--json] | "
    "export --out FILE.csv", N_("Show or export the audit log: who changed what, and when"),
    gt_cli_cmd_audit },
  { "restore", "FILE",
    N_("Replace the database with a backup, keeping the database as it was as a backup"),
    gt_cli_cmd_restore },
  /* scoring: points and ratings (gt-cli-score.c) */
  { "score", "--period 2026|2026-H1|2026-Q3 [--json] [--explain] [--published] | "
    "report ranking|redblack|fortress|stars|link|chart --period P --out FILE",
    N_("党员先锋指数: members' points, grades and ranking (末位警示 for a year)"),
    gt_cli_cmd_score },
  { "score-rules", "show|export FILE|import FILE|set KEY VALUE|versions",
    N_("The versioned rules of points and ratings"), gt_cli_cmd_score_rules },
  { "points", "add|list|remove …", N_("The 学分 + 工分 ledger"), gt_cli_cmd_points },
  { "redblack", "--quarter 2026-Q3 [--json] [--explain] [--published]",
    N_("The quarterly red/black list (闪光之星 and the black list)"), gt_cli_cmd_redblack },
  { "stars", "--year 2026 [--json] [--explain] [--published]",
    N_("Star ratings of members and 星级共产党员户"), gt_cli_cmd_stars },
  { "link-score", "--year 2026 [--below] [--json] [--explain] [--published]",
    N_("The 100-point household-link score (below the line: 整转)"), gt_cli_cmd_link_score },
  { "rectify", "propose|review|list …", N_("The 整转 workflow: propose, township review, transfer"),
    gt_cli_cmd_rectify },
  { "fortress", "--period 2026 [--json] [--explain] [--published]",
    N_("堡垒指数 of each branch with classes and grades"), gt_cli_cmd_fortress },
  { "publish", "member|redblack|stars|link|fortress --period P",
    N_("Publish a computed result (亮分); it is never rewritten afterwards"), gt_cli_cmd_publish },
  /* develop */
  { "develop", "add|step|admit|drop|list|show|board|due|rules …",
    N_("The development pipeline (发展党员): steps, time rules, board"), gt_cli_cmd_develop },
  /* projects: the 挂图作战 project library */
  { "project", "add|edit|remove|list|show|milestone|tick|untick|supervise|snapshot|diff|settings …",
    N_("The 挂图作战 project library: projects, milestones (销号), supervision, snapshots"),
    gt_cli_cmd_project },
  /* exchange */
  { "keys", "generate|export|trust|list …",
    N_("This office's signing key and the trusted keys of other offices"), gt_cli_cmd_keys },
  { "export", "--kind report|full|dispatch|ack [--period P] [--to ORG] [--mask] --out FILE",
    N_("Write a signed exchange package for another office"), gt_cli_cmd_exchange_export },
  { "import", "FILE… [--dry-run] [--json] [--take-incoming|--keep-local]",
    N_("Check and import signed exchange packages"), gt_cli_cmd_exchange_import },
  { "verify", "FILE [--json]", N_("Check an exchange package without importing it"),
    gt_cli_cmd_exchange_verify },
  /* life */
  { "meetings", "add|list|show|attend|attach|remove|schedule|compliance …",
    N_("Organisational life (三会一课): meetings, attendance, schedule, compliance"),
    gt_cli_cmd_meetings },
  { "dues", "bands|base|pay|arrears|summary|rate …",
    N_("Party dues (党费): bands, bases, payments, arrears, yearly summary"), gt_cli_cmd_dues },
  { "report", "KIND --period P --out FILE.pdf",
    N_("Write an A4 report as PDF (compliance, arrears, receipts…)"), gt_cli_cmd_report },
  { "transfer", "out|in|letter|receipt|list …",
    N_("Organisation-relationship transfers (组织关系转接) and their letters"),
    gt_cli_cmd_transfer },
  { "statistics", "--year YEAR [--json] [--out FILE.pdf] [--xml FILE]",
    N_("The annual Party statistics tables (党内统计), with the names behind every number"),
    gt_cli_cmd_statistics },
  /* charts */
  { "render", "--chart route|battle|guide --out FILE [--format pdf|svg|png] [--paper A4…A0] "
    "[--landscape] [--tile A4|A3 [--overlap MM]] [--dpi N] [--today DATE]",
    N_("Draw a wall chart (路线图, 作战图, 工作导图) as PDF, SVG or PNG, whole or tiled"),
    gt_cli_cmd_render },
  { "legend", "show [--json] | set STATUS [--colour #RRGGBB] [--meaning TEXT] | "
    "set at-risk-days N | set leader NAME | set goal TEXT",
    N_("Show or change the chart legend and the at-risk days"),
    gt_cli_cmd_legend },
  { "county", "summary|dispatch|tasks|withdraw …",
    N_("County: the townships' roll-up, rankings, missing reports; dispatch and withdraw tasks "
       "and notices"),
    gt_cli_cmd_county },
  { "county-report", "[--period P] [--rank METRIC] [--top N] --out FILE.pdf",
    N_("County: print the summary of the townships' reports as an A4 PDF"),
    gt_cli_cmd_county_report },
  { "ack", "TASK [--status received|done] [--note TEXT]",
    N_("Acknowledge a task or notice received from the county"), gt_cli_cmd_ack },
};

static const GtCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append (text, _("\nRun “guatu-cli COMMAND --help” for a command’s options.\n"
                           "Exit status: 0 ok, 2 usage, 65 bad data, 66 cannot open input,\n"
                           "73 cannot create output, 74 I/O error, 75 database busy."));
  return g_string_free (text, FALSE);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *db = NULL, *description = NULL, *default_db = NULL, *operator_name = NULL;
  g_autofree char *program = NULL;
  gboolean version = FALSE;
  const GtCliCommand *command;
  GtCliContext ctx = { 0 };
  GOptionEntry entries[] = {
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db, N_("Database file (default: $GUATU_DB or "
                                                    "~/.local/share/guatu/guatu.db)"), N_("FILE") },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name,
      N_("Who is working, for the audit log (default: $GUATU_OPERATOR or the user’s name)"),
      N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  /* "guatu-cli … | head": a write to the closed pipe fails instead of killing the process,
   * so it still closes the database and removes its holder file (DB.holder-PID). */
  signal (SIGPIPE, SIG_IGN);
  setlocale (LC_ALL, "");
  /* GUATU_LOCALEDIR lets the uninstalled build and the tests find their translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUATU_LOCALEDIR") != NULL
                                     ? g_getenv ("GUATU_LOCALEDIR")
                                     : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [OPTION…]"));
  g_option_context_set_summary (context, _("Guatu: Party organisation records, wall charts and "
                                           "exchange files, from the command line."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command name so each command parses its own options. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_USAGE;
    }
  if (version)
    {
      g_print ("guatu-cli %s\n", PACKAGE_VERSION);
      return GT_EXIT_OK;
    }
  if (argc < 2)
    {
      g_printerr (_("guatu-cli: no command given; try “guatu-cli --help”\n"));
      return GT_EXIT_USAGE;
    }
  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_printerr (_("guatu-cli: unknown command “%s”; try “guatu-cli --help”\n"), argv[1]);
      return GT_EXIT_USAGE;
    }

  default_db = gt_storage_default_path ();
  ctx.db_path = db != NULL ? db : default_db;
  if (operator_name == NULL)
    operator_name = g_strdup (g_getenv ("GUATU_OPERATOR") != NULL ? g_getenv ("GUATU_OPERATOR")
                                                                  : g_get_real_name ());
  ctx.operator_name = operator_name;
  program = g_strdup_printf ("guatu-cli %s", command->name);
  ctx.program = program;
  return command->run (&ctx, command, argc - 1, argv + 1);
}
