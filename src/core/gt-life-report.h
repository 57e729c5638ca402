/* gt-life-report.h — the printable A4 reports of organisational life and dues
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-report.h"
#include "gt-storage.h"

G_BEGIN_DECLS

/* A period as the reports and the CLI take it: "2026-07" (a month), "2026-Q3", "2026-H2"
 * or "2026" → its first and last month. FALSE (and a GT_STORAGE_ERROR_CONSTRAINT error
 * naming the text) for anything else. */
gboolean gt_period_parse (const char *text, char **from_month, char **to_month,
                          GError **error);

/* Compliance with the schedule: for one month, a row per organisation with each kind's
 * status and the date held; for a longer period, organisations × months. Cells in the
 * legend colours of the settings. @today NULL: the real today. */
GtReport *gt_life_report_compliance (GtStorage *storage, const char *period, const char *today,
                                     GError **error);
/* Members behind with their dues as of the period's last month, or of the last month due
 * (gt_dues_last_due_month ()) when the period is not over. */
GtReport *gt_dues_report_arrears (GtStorage *storage, const char *period, GError **error);
/* Dues received in the period, by branch at payment time, the branches in the order of the
 * organisation tree (gt_org_list ()): a subtotal line (payments and amount) after each
 * branch's payments, and the grand total. */
GtReport *gt_dues_report_receipts (GtStorage *storage, const char *period, GError **error);

G_END_DECLS
