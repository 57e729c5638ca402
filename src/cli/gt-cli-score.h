/* gt-cli-score.h — helpers shared by the scoring commands (gt-cli-score.c, gt-cli-points.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-cli.h"
#include "gt-score-rules.h"

G_BEGIN_DECLS

/* Prints the error; bad arguments are usage errors, bad data data errors. */
int gt_cli_score_fail (const GError *error);

/* Parses a period given with @option, printing why not. */
gboolean gt_cli_score_parse_period (const char *text, const char *option, GtScorePeriod *period,
                                    int *exit_code);

/* Runs the subcommand argv[1] of @table (names "PREFIX SUB"), or prints the expected ones. */
int gt_cli_score_dispatch (GtCliContext *ctx, const char *prefix, const GtCliCommand *table,
                           guint n, int argc, char **argv, const char *names);

G_END_DECLS
