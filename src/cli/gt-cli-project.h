/* gt-cli-project.h — what the guatu-cli project files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-cli.h"

G_BEGIN_DECLS

/* Prints "field “FIELD”: MESSAGE: “VALUE”" and returns 65, like the core's refusals. */
int gt_cli_project_bad_field (const char *field, const char *message, const char *value);
/* TRUE for NULL or a valid date; else prints why (naming @field) and sets @exit_code. */
gboolean gt_cli_project_check_date (const char *field, const char *value, int *exit_code);

int gt_cli_project_snapshot (GtCliContext *ctx, const GtCliCommand *command, int argc,
                             char **argv);
int gt_cli_project_diff (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv);
int gt_cli_project_settings (GtCliContext *ctx, const GtCliCommand *command, int argc,
                             char **argv);

G_END_DECLS
