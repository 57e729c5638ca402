/* gt-county-page.h — the county office's roll-up of the townships' reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_COUNTY_PAGE (gt_county_page_get_type ())
G_DECLARE_FINAL_TYPE (GtCountyPage, gt_county_page, GT, COUNTY_PAGE, GtkBox)

/* Columns of the township model (the view's columns come from gt_county_columns). */
enum
{
  GT_COUNTY_TOWNSHIP_INDEX,   /* int: into the summary */
  GT_COUNTY_TOWNSHIP_CODE,    /* string */
  GT_COUNTY_TOWNSHIP_MISSING, /* boolean: no report for the period */
  GT_COUNTY_TOWNSHIP_TOOLTIP, /* string: "name (code)" */
  GT_COUNTY_TOWNSHIP_N_COLUMNS
};

/* Columns of the issued tasks model. */
enum
{
  GT_COUNTY_TASK_UUID,
  GT_COUNTY_TASK_KIND,
  GT_COUNTY_TASK_TITLE,
  GT_COUNTY_TASK_DUE,
  GT_COUNTY_TASK_TARGET,
  GT_COUNTY_TASK_ISSUED,
  GT_COUNTY_TASK_ACKS,      /* "received 1, done 0 of 4", or "withdrawn on DATE" */
  GT_COUNTY_TASK_RECEIVED,  /* int */
  GT_COUNTY_TASK_DONE,      /* int */
  GT_COUNTY_TASK_TARGETS,   /* int */
  GT_COUNTY_TASK_WITHDRAWN, /* boolean */
  GT_COUNTY_TASK_TOOLTIP,   /* string: the withdrawal and its reason, or NULL */
  GT_COUNTY_TASK_N_COLUMNS
};

/* The printed summary of what the page shows, as a print operation (Print… runs it with
 * the dialog; tests run it with GTK_PRINT_OPERATION_ACTION_EXPORT). NULL without data. */
GtkPrintOperation *gt_county_page_print_operation (GtCountyPage *self);
/* Export PDF… without the file chooser. */
gboolean gt_county_page_export_pdf (GtCountyPage *self, const char *path, GError **error);

G_END_DECLS
