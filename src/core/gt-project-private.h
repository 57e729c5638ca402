/* gt-project-private.h — helpers shared by the gt-project*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-project.h"

G_BEGIN_DECLS

#define TEXT GT_COLUMN_TEXT

static inline const char *
nonempty_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* TRUE for NULL, "" and text of (full-width) spaces only. */
gboolean gt_project_is_blank (const char *text);
/* Runs @stmt (no rows) and reports whether it changed a row. */
gboolean gt_project_step_changed (GtStorage *storage, sqlite3_stmt *stmt, gboolean *changed,
                                  GError **error);
/* Ends a write: commits and announces changed::projects, or rolls back. */
gboolean gt_project_finish (GtStorage *storage, gboolean ok, GError **error);
/* Closes the project when every milestone is ticked off (closed_date = the latest tick-off
 * date), reopens it otherwise; @closed: whether it is closed now. */
gboolean gt_project_update_closed (GtStorage *storage, gint64 project_id, gboolean *closed,
                                   GError **error);
/* A date option: NULL/"" gives @fallback (copied); refuses an invalid date naming @field. */
gboolean gt_project_check_date (GtStorage *storage, const char *field, const char *date,
                                GError **error);

G_END_DECLS
