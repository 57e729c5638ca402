/* gt-dues.h — Party membership dues (党费): bands, bases, payments, arrears, summaries
 *
 * Money is integer fen (gint64) throughout.
 *
 * Rules (documented here and in docs/life.md):
 * - Bands: per category (in_service, retired, other), lower_fen ≤ base ≤ upper_fen, both
 *   bounds inclusive (upper NULL: open). In integer fen "≤ 3000 元" is [0, 300000] and the
 *   next band starts at 300001 (3000.01 元), so exactly 3000.00 元 pays 0.5%.
 * - Rounding: base × rate‰ / 1000 rounded half up to the fen: (base × rate + 500) / 1000.
 * - A fixed band (farmers, students, the unemployed: 0.2–1 元) asks its fixed amount, unless
 *   the member's base row names its own fixed amount.
 * - The base of a month is the member's base of that year, else of the latest earlier year.
 * - Dues follow the member, whichever branch they are in: arrears are per member. A payment
 *   records the organisation the member belonged to when paying, and yearly summaries and
 *   paid rates count a payment for that organisation; a month not paid counts against the
 *   member's current organisation.
 * - Months are counted from dues.since (a setting; default: the earliest month paid in the
 *   database) or the month the member joined, whichever is later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *category;      /* in_service, retired, other */
  gint64 lower_fen;
  gint64 upper_fen;    /* -1: open */
  int rate_permille;   /* -1 for a fixed band */
  gint64 fixed_fen;    /* -1 for a rate band */
} GtDuesBand;

void gt_dues_band_free (GtDuesBand *band);

/* The translated label of a category code. */
const char *gt_label_dues_category (const char *category);

/* All bands by category and lower bound. */
GPtrArray *gt_dues_bands (GtStorage *storage, GError **error);

/* Replaces the bands of @category with @bands (of GtDuesBand; ids ignored) in one
 * transaction. Refuses bands that overlap, leave a gap, do not start at 0, or where an
 * open band is not the last. */
gboolean gt_dues_set_bands (GtStorage *storage, const char *category, GPtrArray *bands,
                            GError **error);

/* Bands written as text, each "UPPER=PERMILLE" or "UPPER=fixed:YUAN" separated by spaces,
 * UPPER in 元 or "-" for no limit; each band starts one fen after the one before, e.g.
 * "3000=5 5000=10 10000=15 -=20". NULL with an error naming the bad part. */
GPtrArray *gt_dues_bands_parse (const char *text, GError **error);
/* The bands of @category (from @bands, as gt_dues_bands returns them) in that form. */
char *gt_dues_bands_format (GPtrArray *bands, const char *category);

/* The monthly dues for @base_fen in @category: the band's rate, rounded half up to the fen,
 * or its fixed amount. @fixed_fen ≥ 0 overrides a fixed band's amount (-1: none). */
gboolean gt_dues_compute (GtStorage *storage, const char *category, gint64 base_fen,
                          gint64 fixed_fen, gint64 *dues_fen, GError **error);

/* The category that fits a member's employment (employed → in_service, retired → retired,
 * anything else → other). */
const char *gt_dues_category_for_employment (const char *employment);

/* Sets a member's base for @year; @category NULL: from the member's employment.
 * @fixed_fen -1 for none. */
gboolean gt_dues_set_base (GtStorage *storage, gint64 member_id, int year, gint64 base_fen,
                           const char *category, gint64 fixed_fen, GError **error);

/* The dues a member owes for @month (YYYY-MM) from their base; FALSE with an error when
 * they have no base for that year or before. */
gboolean gt_dues_for_month (GtStorage *storage, gint64 member_id, const char *month,
                            gint64 *dues_fen, GError **error);

/* Records a payment for @month. @amount_fen 0: the dues computed from the base.
 * @paid_on NULL: today. Refuses a second payment for the same month, months before the
 * member joined or after the payment date, and members who are not active. */
gboolean gt_dues_pay (GtStorage *storage, gint64 member_id, const char *month,
                      gint64 amount_fen, const char *paid_on, gint64 *out_id, GError **error);
gboolean gt_dues_unpay (GtStorage *storage, gint64 member_id, const char *month,
                        GError **error);

typedef struct
{
  gint64 id;
  gint64 member_id;
  char *member_name;
  gint64 org_id;       /* the organisation when paid (0 if since removed) */
  char *org_name;
  char *month;
  gint64 amount_fen;
  char *paid_on;
} GtDuesPayment;

void gt_dues_payment_free (GtDuesPayment *payment);

/* Payments for months from @from_month to @to_month, by organisation, member, month;
 * @org_id 0 for all (else: paid while in that organisation). */
GPtrArray *gt_dues_payments (GtStorage *storage, gint64 org_id, const char *from_month,
                             const char *to_month, GError **error);

typedef struct
{
  gint64 member_id;
  char *member_name;
  gint64 org_id;        /* current organisation */
  char *org_name;
  char *last_paid;      /* YYYY-MM, NULL when never paid */
  int months_unpaid;    /* unpaid months in the window */
  int consecutive;      /* unpaid months in a row up to @as_of */
  gint64 owed_fen;      /* dues of the unpaid months that have a dues base */
  int months_no_base;   /* unpaid months without a dues base (not in owed_fen) */
  gboolean warning;     /* consecutive ≥ dues.arrears_warning (default 3) */
  gboolean rule;        /* consecutive ≥ dues.arrears_rule (default 6): 党章第九条 */
} GtDuesArrears;

void gt_dues_arrears_free (GtDuesArrears *arrears);
/* The owed amount as shown: "120.00", "no dues base", "120.00 + 2 months without a dues base". */
char *gt_dues_arrears_owed_text (const GtDuesArrears *arrears);

/* The last month whose dues are owed on @today (YYYY-MM-DD; NULL: the real today): the
 * month before. A month's dues are paid within the month, so the current month is not in
 * arrears until it is over. Every count of arrears and paid rates stops there: the dues
 * page, `dues arrears`, `report arrears`. */
char *gt_dues_last_due_month (const char *today);

/* Active members with at least one unpaid month up to @as_of (YYYY-MM, inclusive; NULL, or
 * a month not yet due: gt_dues_last_due_month ()), most consecutive months first. */
GPtrArray *gt_dues_arrears (GtStorage *storage, const char *as_of, GError **error);

typedef struct
{
  gint64 org_id;
  char *org_name;
  gint64 members;      /* members who paid in the year while in this organisation */
  gint64 payments;     /* months paid */
  gint64 total_fen;
} GtDuesSummary;

void gt_dues_summary_free (GtDuesSummary *summary);

/* Payments of @year per organisation at payment time, in tree order. */
GPtrArray *gt_dues_summary (GtStorage *storage, int year, GError **error);

/* The share (0…1) of member-months from @from_month to @to_month (at most up to the month
 * before the current one) that were paid, for @org_id alone (subtree NOT included):
 * paid = payments made while in the organisation; due = paid + the unpaid months of its
 * current active members. With nothing due, *rate is 1.0. */
gboolean gt_dues_paid_rate (GtStorage *storage, gint64 org_id, const char *from_month,
                            const char *to_month, double *rate, GError **error);

/* Settings: dues.arrears_warning, dues.arrears_rule (months), dues.since (YYYY-MM). */
int gt_dues_setting_int (GtStorage *storage, const char *key, int fallback);
/* Changes the arrears rules: @warning and @rule in months (0: unchanged; 1 ≤ warning ≤ rule
 * ≤ 120), @since a month YYYY-MM, "" to count from the earliest payment, NULL: unchanged.
 * One transaction; refused values change nothing. */
gboolean gt_dues_set_rules (GtStorage *storage, int warning, int rule, const char *since,
                            GError **error);

/* "1234.56" for 123456 fen. */
char *gt_fen_format (gint64 fen);
/* Parses "1234.56", "1234.5", "1234" (元) into fen; FALSE for anything else. */
gboolean gt_fen_parse (const char *text, gint64 *fen);

G_END_DECLS
