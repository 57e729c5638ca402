/* gt-develop-page.h — the "development" area: the pipeline board (发展党员), transfer letters
 * (组织关系转接) and the annual statistics (党内统计)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_DEVELOP_PAGE (gt_develop_page_get_type ())
G_DECLARE_FINAL_TYPE (GtDevelopPage, gt_develop_page, GT, DEVELOP_PAGE, GtkBox)

/* The board as of @today (NULL: today); for the tests and a "what if" look. */
void gt_develop_page_set_today (GtDevelopPage *self, const char *today);
/* Selects an applicant on the board (the step button then records for them). */
gboolean gt_develop_page_select_applicant (GtDevelopPage *self, gint64 id);
/* Writes the statistics shown as a PDF (what "Export PDF…" does after asking for a file). */
gboolean gt_develop_page_export_statistics (GtDevelopPage *self, const char *path,
                                            GError **error);
/* The print operation of "Print Letter…" for transfer @id, not yet run. */
GtkPrintOperation *gt_develop_page_letter_operation (GtDevelopPage *self, gint64 id);

G_END_DECLS
