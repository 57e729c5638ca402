/* gt-cli.h — the command frame of guatu-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "gt-storage.h"
#include "gt-member.h"

G_BEGIN_DECLS

/* sysexits(3) */
enum
{
  GT_EXIT_OK = 0,
  GT_EXIT_USAGE = 2,
  GT_EXIT_DATAERR = 65,
  GT_EXIT_NOINPUT = 66,
  GT_EXIT_CANTCREAT = 73,
  GT_EXIT_IOERR = 74,
  GT_EXIT_TEMPFAIL = 75,
};

typedef struct
{
  const char *db_path;       /* from --db, $GUATU_DB or the default */
  const char *operator_name; /* for the audit log: --operator, $GUATU_OPERATOR or the user */
  const char *program;       /* "guatu-cli COMMAND" */
} GtCliContext;

typedef struct _GtCliCommand GtCliCommand;
typedef int (*GtCliCommandFunc) (GtCliContext *ctx, const GtCliCommand *command, int argc,
                                 char **argv);

struct _GtCliCommand
{
  const char *name;
  const char *parameters; /* e.g. "[--json]" */
  const char *summary;    /* translatable, N_() */
  GtCliCommandFunc run;
};

/* Parses a command's own options; prints usage errors and returns FALSE on a bad call.
 * @argv[0] is the command name. */
gboolean gt_cli_parse (const GtCliCommand *command, GOptionEntry *entries, int *argc,
                       char ***argv, int *exit_code);

/* Opens the context's database, printing a one-line error and setting @exit_code on
 * failure. */
GtStorage *gt_cli_open (GtCliContext *ctx, GtStorageOpenFlags flags, int *exit_code);

/* Takes the next positional argument (one that does not start with '-') off @argv, keeping
 * argv[0]; NULL when there is none. */
const char *gt_cli_take_arg (int *argc, char ***argv);
/* TRUE, with the command's help printed and @exit_code 0, when the next argument is --help
 * (or -h) where a positional argument was expected. */
gboolean gt_cli_help_asked (const GtCliCommand *command, GOptionEntry *entries, int *argc,
                            char ***argv, int *exit_code);
/* Takes @n positional arguments before the options into @out and parses the options; a
 * short call prints the usage, or the help when --help comes instead of them (exit 0). */
gboolean gt_cli_take_args (const GtCliCommand *command, int *argc, char ***argv, const char **out,
                           int n, GOptionEntry *entries, int *exit_code);

/* Prints "guatu-cli: MESSAGE" on stderr and returns the sysexits code for @error. */
int gt_cli_fail (const GError *error);

int gt_cli_exit_code_for (const GError *error);

/* Prints the builder's value as one line of JSON. */
void gt_cli_print_json (JsonBuilder *builder);
/* Adds "key": value to the object being built; a NULL string becomes null. */
void gt_cli_json_add_string (JsonBuilder *builder, const char *key, const char *value);
void gt_cli_json_add_int (JsonBuilder *builder, const char *key, gint64 value);

/* Command implementations. */
int gt_cli_cmd_audit (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_init (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_demo (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_stats (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_check (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_org (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_search (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_member (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_import_roster (GtCliContext *ctx, const GtCliCommand *command, int argc,
                              char **argv);
int gt_cli_cmd_export_roster (GtCliContext *ctx, const GtCliCommand *command, int argc,
                              char **argv);
int gt_cli_cmd_household (GtCliContext *ctx, const GtCliCommand *command, int argc,
                         char **argv);
int gt_cli_cmd_rules (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_card (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
/* backup, backup list, restore (gt-cli-backup.c) */
int gt_cli_cmd_backup (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_restore (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
/* member flags (gt-cli-member-flags.c) */
int gt_cli_cmd_member_flags (GtCliContext *ctx, const GtCliCommand *command, int argc,
                             char **argv);
/* Adds a member's flags to the object being built, and prints them as lines of text. */
void gt_cli_json_add_member_flags (JsonBuilder *builder, const GtMemberFlags *flags);
void gt_cli_print_member_flags (const GtMemberFlags *flags);

/* org subcommands (gt-cli-org.c, gt-cli-org-config.c) */
/* Resolves an ORG argument (name or code) or prints why not. */
gboolean gt_cli_org_resolve (GtStorage *storage, const char *text, gint64 *id, int *exit_code);
int gt_cli_cmd_org_types (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_org_type_add (GtCliContext *ctx, const GtCliCommand *command, int argc,
                             char **argv);
int gt_cli_cmd_org_type_remove (GtCliContext *ctx, const GtCliCommand *command, int argc,
                                char **argv);
int gt_cli_cmd_org_set_type (GtCliContext *ctx, const GtCliCommand *command, int argc,
                             char **argv);
int gt_cli_cmd_org_checklist (GtCliContext *ctx, const GtCliCommand *command, int argc,
                              char **argv);
int gt_cli_cmd_org_tick (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_org_untick (GtCliContext *ctx, const GtCliCommand *command, int argc,
                           char **argv);
int gt_cli_cmd_org_checklist_items (GtCliContext *ctx, const GtCliCommand *command, int argc,
                                    char **argv);

/* scoring: points and ratings (gt-cli-score.c) */
int gt_cli_cmd_score (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_score_rules (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_points (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_redblack (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_stars (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_link_score (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_rectify (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_fortress (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_publish (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
/* develop (gt-cli-develop.c), transfer (gt-cli-transfer.c), statistics (gt-cli-statistics.c) */
int gt_cli_cmd_develop (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
/* projects: project add|edit|list|show|tick|… (gt-cli-project.c) */
int gt_cli_cmd_project (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
/* exchange (gt-cli-exchange.c) */
int gt_cli_cmd_keys (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_exchange_export (GtCliContext *ctx, const GtCliCommand *command, int argc,
                                char **argv);
int gt_cli_cmd_exchange_import (GtCliContext *ctx, const GtCliCommand *command, int argc,
                                char **argv);
int gt_cli_cmd_exchange_verify (GtCliContext *ctx, const GtCliCommand *command, int argc,
                                char **argv);
/* life: meetings, dues (gt-cli-life.c, gt-cli-dues.c) and the report dispatcher
 * (gt-cli-report.c: add report kinds to its table) */
int gt_cli_cmd_meetings (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_dues (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_report (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_transfer (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_statistics (GtCliContext *ctx, const GtCliCommand *command, int argc,
                           char **argv);
/* charts: render, legend (gt-cli-render.c) */
int gt_cli_cmd_render (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_legend (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
/* county roll-up, dispatch, ack (gt-cli-county.c) */
int gt_cli_cmd_county (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_cmd_county_report (GtCliContext *ctx, const GtCliCommand *command, int argc,
                              char **argv);
int gt_cli_cmd_ack (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);

G_END_DECLS
