/* gt-tasks-page.h — a township's tasks and notices received from the county
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_TASKS_PAGE (gt_tasks_page_get_type ())
G_DECLARE_FINAL_TYPE (GtTasksPage, gt_tasks_page, GT, TASKS_PAGE, GtkBox)

/* Columns of the received tasks model. */
enum
{
  GT_TASKS_UUID,
  GT_TASKS_KIND,
  GT_TASKS_TITLE,
  GT_TASKS_DUE,
  GT_TASKS_FROM,
  GT_TASKS_ISSUED,
  GT_TASKS_STATUS,      /* shown */
  GT_TASKS_STATUS_ID,   /* NULL, "received" or "done" */
  GT_TASKS_BODY,
  GT_TASKS_WITHDRAWN,   /* boolean: the county withdrew it (no acknowledgement asked) */
  GT_TASKS_N_COLUMNS
};

G_END_DECLS
