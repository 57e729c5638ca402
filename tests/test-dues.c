/* test-dues.c — dues bands and their edges, rounding, payments, arrears, summaries and paid
 * rates, on a real SQLite file; every figure is worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-dues.h"
#include "gt-life-report.h"
#include "gt-life.h"
#include "life-fixture.h"

static gint64
dues (GtStorage *storage, const char *category, gint64 base, gint64 fixed)
{
  g_autoptr (GError) error = NULL;
  gint64 out = -1;

  g_assert_true (gt_dues_compute (storage, category, base, fixed, &out, &error));
  g_assert_no_error (error);
  return out;
}

/* The official bands, by hand: base × rate, half up to the fen. */
static void
test_band_edges (LifeFixture *fx, gconstpointer data)
{
  GtStorage *s = fx->storage;

  g_assert_cmpint (dues (s, "in_service", 0, -1), ==, 0);
  g_assert_cmpint (dues (s, "in_service", 300000, -1), ==, 1500);   /* 3000.00 × 0.5% = 15.00 */
  g_assert_cmpint (dues (s, "in_service", 300001, -1), ==, 3000);   /* 3000.01 × 1% = 30.0001 */
  g_assert_cmpint (dues (s, "in_service", 500000, -1), ==, 5000);   /* 5000.00 × 1% = 50.00 */
  g_assert_cmpint (dues (s, "in_service", 500001, -1), ==, 7500);   /* 5000.01 × 1.5% = 75.00015 */
  g_assert_cmpint (dues (s, "in_service", 1000000, -1), ==, 15000); /* 10000 × 1.5% = 150.00 */
  g_assert_cmpint (dues (s, "in_service", 1000001, -1), ==, 20000); /* 10000.01 × 2% = 200.0002 */
  g_assert_cmpint (dues (s, "in_service", 2345678, -1), ==, 46914); /* 23456.78 × 2% = 469.1356 */
  g_assert_cmpint (dues (s, "retired", 500000, -1), ==, 2500);      /* 5000 × 0.5% = 25.00 */
  g_assert_cmpint (dues (s, "retired", 500001, -1), ==, 5000);      /* 5000.01 × 1% = 50.0001 */
  g_assert_cmpint (dues (s, "retired", 312345, -1), ==, 1562);      /* 3123.45 × 0.5% = 15.61725 */
  /* Rounding half up to the fen: 1.00 元 × 0.5% = 0.5 fen → 1 fen; 0.99 元 → 0.495 → 0. */
  g_assert_cmpint (dues (s, "in_service", 100, -1), ==, 1);
  g_assert_cmpint (dues (s, "in_service", 99, -1), ==, 0);
  g_assert_cmpint (dues (s, "in_service", 123456, -1), ==, 617);    /* 6.1728 → 6.17 */
  g_assert_cmpint (dues (s, "in_service", 123500, -1), ==, 618);    /* 6.175 → 6.18 */
  /* Farmers, students, the unemployed: 0.20 元 fixed, or the member's own fixed amount. */
  g_assert_cmpint (dues (s, "other", 0, -1), ==, 20);
  g_assert_cmpint (dues (s, "other", 150000, -1), ==, 20);
  g_assert_cmpint (dues (s, "other", 0, 100), ==, 100);
}

static GtDuesBand *
band (gint64 lower, gint64 upper, int rate, gint64 fixed)
{
  GtDuesBand *b = g_new0 (GtDuesBand, 1);

  b->lower_fen = lower;
  b->upper_fen = upper;
  b->rate_permille = rate;
  b->fixed_fen = fixed;
  return b;
}

static void
test_edit_bands (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bands = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_dues_band_free);
  g_autoptr (GPtrArray) all = NULL;

  /* A gap between 2000.00 and 2000.02 元. */
  g_ptr_array_add (bands, band (0, 200000, 5, -1));
  g_ptr_array_add (bands, band (200002, -1, 10, -1));
  g_assert_false (gt_dues_set_bands (fx->storage, "retired", bands, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* An overlap. */
  ((GtDuesBand *) bands->pdata[1])->lower_fen = 200000;
  g_assert_false (gt_dues_set_bands (fx->storage, "retired", bands, &error));
  g_clear_error (&error);
  /* Both a rate and a fixed amount. */
  ((GtDuesBand *) bands->pdata[1])->lower_fen = 200001;
  ((GtDuesBand *) bands->pdata[1])->fixed_fen = 50;
  g_assert_false (gt_dues_set_bands (fx->storage, "retired", bands, &error));
  g_clear_error (&error);
  /* An open band that is not the last. */
  ((GtDuesBand *) bands->pdata[1])->fixed_fen = -1;
  ((GtDuesBand *) bands->pdata[0])->upper_fen = -1;
  g_assert_false (gt_dues_set_bands (fx->storage, "retired", bands, &error));
  g_clear_error (&error);
  g_assert_false (gt_dues_set_bands (fx->storage, "pensioner", bands, &error));
  g_clear_error (&error);
  /* Nothing changed: 5000.00 still pays 0.5%. */
  g_assert_cmpint (dues (fx->storage, "retired", 300000, -1), ==, 1500);
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM dues_bands"), ==, 7);

  ((GtDuesBand *) bands->pdata[0])->upper_fen = 200000;
  g_assert_true (gt_dues_set_bands (fx->storage, "retired", bands, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dues (fx->storage, "retired", 200000, -1), ==, 1000);
  g_assert_cmpint (dues (fx->storage, "retired", 200001, -1), ==, 2000);
  all = gt_dues_bands (fx->storage, &error);
  g_assert_cmpuint (all->len, ==, 7);
}

/* The text form of the bands: what the defaults read, and back. */
static void
test_bands_text (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = gt_dues_bands (fx->storage, &error);
  g_autofree char *in_service = gt_dues_bands_format (all, "in_service");
  g_autofree char *other = gt_dues_bands_format (all, "other");
  g_autoptr (GPtrArray) parsed = gt_dues_bands_parse ("4000=5  -=fixed:1.5", &error);
  GtDuesBand *b;

  g_assert_cmpstr (in_service, ==, "3000.00=5 5000.00=10 10000.00=15 -=20");
  g_assert_cmpstr (other, ==, "-=fixed:0.20");
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 2);
  b = parsed->pdata[0];
  g_assert_cmpint (b->lower_fen, ==, 0);
  g_assert_cmpint (b->upper_fen, ==, 400000);
  g_assert_cmpint (b->rate_permille, ==, 5);
  g_assert_cmpint (b->fixed_fen, ==, -1);
  b = parsed->pdata[1];
  g_assert_cmpint (b->lower_fen, ==, 400001);
  g_assert_cmpint (b->upper_fen, ==, -1);
  g_assert_cmpint (b->rate_permille, ==, -1);
  g_assert_cmpint (b->fixed_fen, ==, 150);
  g_assert_null (gt_dues_bands_parse ("4000=5 x=10", &error));
  g_assert_nonnull (strstr (error->message, "“x=10”"));
  g_clear_error (&error);
  g_assert_null (gt_dues_bands_parse ("4000=1001", &error));
  g_clear_error (&error);
  g_assert_null (gt_dues_bands_parse ("  ", &error));
}

static void
test_money (void)
{
  gint64 fen = 0;
  g_autofree char *a = gt_fen_format (300001);
  g_autofree char *b = gt_fen_format (20);
  g_autofree char *c = gt_fen_format (-150);

  g_assert_cmpstr (a, ==, "3000.01");
  g_assert_cmpstr (b, ==, "0.20");
  g_assert_cmpstr (c, ==, "-1.50");
  g_assert_true (gt_fen_parse ("3000", &fen));
  g_assert_cmpint (fen, ==, 300000);
  g_assert_true (gt_fen_parse ("3000.01", &fen));
  g_assert_cmpint (fen, ==, 300001);
  g_assert_true (gt_fen_parse ("0.2", &fen));
  g_assert_cmpint (fen, ==, 20);
  g_assert_false (gt_fen_parse ("3000.011", &fen));
  g_assert_false (gt_fen_parse ("-5", &fen));
  g_assert_false (gt_fen_parse ("12a", &fen));
  g_assert_false (gt_fen_parse (".5", &fen));
  g_assert_false (gt_fen_parse ("", &fen));
}

static void
test_payments (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 amount = 0;

  /* No base yet: the amount cannot be computed. */
  g_assert_false (gt_dues_pay (fx->storage, 1, "2025-01", 0, "2025-01-20", NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* 张一 employed: 4200.00 元 → 1% = 42.00; the 2024 base serves 2025 too. */
  g_assert_true (gt_dues_set_base (fx->storage, 1, 2024, 420000, NULL, -1, &error));
  g_assert_true (gt_dues_for_month (fx->storage, 1, "2025-03", &amount, &error));
  g_assert_cmpint (amount, ==, 4200);
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM dues_bases WHERE category = 'in_service'"), ==, 1);
  /* A new base without a category keeps the member's, even when the employment recorded
   * says otherwise since (3000.00 元 → 0.5% = 15.00, not 0.20 as "other"). */
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE members SET employment = '' WHERE id = 1",
                                  &error));
  g_assert_true (gt_dues_set_base (fx->storage, 1, 2026, 300000, NULL, -1, &error));
  g_assert_true (gt_dues_for_month (fx->storage, 1, "2026-03", &amount, &error));
  g_assert_cmpint (amount, ==, 1500);
  /* A first base with the employment not recorded: an income base means an earner. */
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE members SET employment = '' WHERE id = 7",
                                  &error));
  g_assert_true (gt_dues_set_base (fx->storage, 7, 2026, 300000, NULL, -1, &error));
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM dues_bases WHERE member_id = 7"
                                            " AND category = 'in_service'"), ==, 1);
  g_assert_true (gt_storage_exec (fx->storage, "DELETE FROM dues_bases WHERE year = 2026",
                                  &error));
  /* 王三, a farmer: 0.20 元; with his own fixed amount of 1.00 元. */
  g_assert_true (gt_dues_set_base (fx->storage, 3, 2025, 0, NULL, -1, &error));
  g_assert_true (gt_dues_for_month (fx->storage, 3, "2025-03", &amount, &error));
  g_assert_cmpint (amount, ==, 20);
  g_assert_true (gt_dues_set_base (fx->storage, 3, 2025, 0, "other", 100, &error));
  g_assert_true (gt_dues_for_month (fx->storage, 3, "2025-03", &amount, &error));
  g_assert_cmpint (amount, ==, 100);

  g_assert_true (gt_dues_pay (fx->storage, 1, "2025-01", 0, "2025-01-20", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (life_count (fx->storage, "SELECT amount_fen FROM dues_payments WHERE member_id = 1"), ==, 4200);
  g_assert_cmpint (life_count (fx->storage, "SELECT org_id FROM dues_payments WHERE member_id = 1"), ==, 2);
  /* Refusals, each leaving the payments as they were. */
  g_assert_false (gt_dues_pay (fx->storage, 1, "2025-01", 0, "2025-01-21", NULL, &error));
  g_assert_nonnull (strstr (error->message, "2025-01-20"));
  g_clear_error (&error);
  g_assert_false (gt_dues_pay (fx->storage, 1, "2025-02", 0, "2999-01-01", NULL, &error));
  g_clear_error (&error);
  g_assert_false (gt_dues_pay (fx->storage, 1, "2025-13", 0, "2025-01-21", NULL, &error));
  g_clear_error (&error);
  /* paid in advance: a year at most */
  g_assert_false (gt_dues_pay (fx->storage, 1, "2025-07", 0, "2020-01-01", NULL, &error));
  g_assert_nonnull (strstr (error->message, "12 months"));
  g_clear_error (&error);
  g_assert_false (gt_dues_pay (fx->storage, 6, "2025-02", 500, "2025-02-21", NULL, &error));
  g_clear_error (&error);
  g_assert_false (gt_dues_pay (fx->storage, 5, "2025-10", 500, "2025-10-21", NULL, &error));
  g_assert_nonnull (strstr (error->message, "2025-11"));
  g_clear_error (&error);
  g_assert_false (gt_dues_pay (fx->storage, 1, "2025-02", -5, "2025-02-21", NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM dues_payments"), ==, 1);
  g_assert_true (gt_dues_unpay (fx->storage, 1, "2025-01", &error));
  g_assert_false (gt_dues_unpay (fx->storage, 1, "2025-01", &error));
  g_clear_error (&error);
}

static void
pay_range (GtStorage *storage, gint64 member, int first, int last, gint64 amount)
{
  for (int m = first; m <= last; m++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *month = g_strdup_printf ("2025-%02d", m);
      g_autofree char *date = g_strdup_printf ("2025-%02d-25", m);

      g_assert_true (gt_dues_pay (storage, member, month, amount, date, NULL, &error));
      g_assert_no_error (error);
    }
}

static GtDuesArrears *
arrears_of (GPtrArray *list, gint64 member)
{
  for (guint i = 0; i < list->len; i++)
    if (((GtDuesArrears *) list->pdata[i])->member_id == member)
      return list->pdata[i];
  return NULL;
}

/* Through 2025-12: 张一 paid all year; 李二 until September (3 behind: warning); 王三 until
 * May (7 behind: the 6-month rule); 赵四 paid Jan–Mar and Jul–Dec (3 unpaid, not in a row at
 * the end); 钱五 joined in November and paid nothing (2); 周七 paid all. */
static void
test_arrears (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GtDuesArrears *a;

  g_assert_true (gt_storage_set_meta (fx->storage, "dues.since", "2025-01", &error));
  g_assert_true (gt_dues_set_base (fx->storage, 2, 2025, 280000, NULL, -1, &error)); /* 14.00 */
  g_assert_true (gt_dues_set_base (fx->storage, 3, 2025, 0, NULL, -1, &error));      /* 0.20 */
  g_assert_true (gt_dues_set_base (fx->storage, 5, 2025, 300000, NULL, -1, &error)); /* 15.00 */
  pay_range (fx->storage, 1, 1, 12, 4200);
  pay_range (fx->storage, 2, 1, 9, 0);
  pay_range (fx->storage, 3, 1, 5, 0);
  pay_range (fx->storage, 4, 1, 3, 1000);
  pay_range (fx->storage, 4, 7, 12, 1000);
  pay_range (fx->storage, 7, 1, 12, 3000);

  list = gt_dues_arrears (fx->storage, "2025-12", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  a = list->pdata[0];
  g_assert_cmpint (a->member_id, ==, 3);
  g_assert_cmpint (a->consecutive, ==, 7);
  g_assert_cmpint (a->months_unpaid, ==, 7);
  g_assert_true (a->warning && a->rule);
  g_assert_cmpint (a->owed_fen, ==, 7 * 20);
  g_assert_cmpstr (a->last_paid, ==, "2025-05");
  a = arrears_of (list, 2);
  g_assert_cmpint (a->consecutive, ==, 3);
  g_assert_true (a->warning);
  g_assert_false (a->rule);
  g_assert_cmpint (a->owed_fen, ==, 3 * 1400);
  a = arrears_of (list, 4);
  g_assert_cmpint (a->consecutive, ==, 0);
  g_assert_cmpint (a->months_unpaid, ==, 3);
  g_assert_false (a->warning);
  g_assert_cmpint (a->owed_fen, ==, 0); /* no base: unknown, and said so */
  g_assert_cmpint (a->months_no_base, ==, 3);
  {
    g_autofree char *owed = gt_dues_arrears_owed_text (a);
    g_assert_cmpstr (owed, ==, "no dues base");
  }
  a = arrears_of (list, 2);
  g_assert_cmpint (a->months_no_base, ==, 0);
  {
    g_autofree char *owed = gt_dues_arrears_owed_text (a);
    g_assert_cmpstr (owed, ==, "42.00");
    a->months_no_base = 2; /* a base set for only part of the months */
    g_clear_pointer (&owed, g_free);
    owed = gt_dues_arrears_owed_text (a);
    g_assert_cmpstr (owed, ==, "42.00 + 2 months without a dues base");
    a->months_no_base = 0;
  }
  a = arrears_of (list, 4);
  a = arrears_of (list, 5);
  g_assert_cmpint (a->months_unpaid, ==, 2);
  g_assert_cmpint (a->owed_fen, ==, 2 * 1500);
  g_assert_null (a->last_paid);
  g_assert_null (arrears_of (list, 1));
  g_assert_null (arrears_of (list, 6)); /* exited */
  g_clear_pointer (&list, g_ptr_array_unref);

  /* As of September, 李二 owes nothing and 王三 is 4 behind (warning only). */
  list = gt_dues_arrears (fx->storage, "2025-09", &error);
  g_assert_null (arrears_of (list, 2));
  a = arrears_of (list, 3);
  g_assert_cmpint (a->consecutive, ==, 4);
  g_assert_true (a->warning);
  g_assert_false (a->rule);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The thresholds are settings; a warning after the rule is refused and changes nothing. */
  g_assert_false (gt_dues_set_rules (fx->storage, 7, 0, NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (gt_dues_set_rules (fx->storage, 0, 0, "2025-1", &error));
  g_clear_error (&error);
  g_assert_cmpint (gt_dues_setting_int (fx->storage, "dues.arrears_warning", -1), ==, 3);
  g_assert_true (gt_dues_set_rules (fx->storage, 4, 8, NULL, &error));
  g_assert_no_error (error);
  list = gt_dues_arrears (fx->storage, "2025-12", &error);
  g_assert_false (arrears_of (list, 2)->warning);
  g_assert_false (arrears_of (list, 3)->rule);     /* 7 in a row, the rule now at 8 */
  g_assert_true (arrears_of (list, 3)->warning);
}

/* 张一 pays Jan–Feb in 一村, moves to 二村 in the middle of Q1 and pays March there. */
static void
test_branch_change (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) summary = NULL;
  g_autoptr (GPtrArray) list = NULL;
  double rate = -1;

  g_assert_true (gt_storage_set_meta (fx->storage, "dues.since", "2025-01", &error));
  pay_range (fx->storage, 1, 1, 2, 4200);
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE members SET org_id = 3 WHERE id = 1", &error));
  pay_range (fx->storage, 1, 3, 3, 4200);
  pay_range (fx->storage, 4, 1, 3, 1000);

  summary = gt_dues_summary (fx->storage, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, 2);
  {
    GtDuesSummary *one = summary->pdata[0], *two = summary->pdata[1];
    g_assert_cmpint (one->org_id, ==, 2);
    g_assert_cmpint (one->payments, ==, 2);
    g_assert_cmpint (one->total_fen, ==, 8400);
    g_assert_cmpint (one->members, ==, 1);
    g_assert_cmpint (two->org_id, ==, 3);
    g_assert_cmpint (two->payments, ==, 4);
    g_assert_cmpint (two->members, ==, 2);
    g_assert_cmpint (two->total_fen, ==, 4200 + 3000);
  }
  /* Arrears follow the member: 张一 owes nothing for Q1 in either branch. */
  list = gt_dues_arrears (fx->storage, "2025-03", &error);
  g_assert_null (arrears_of (list, 1));

  /* 二村 Q1: paid there 4 (张一 Mar, 赵四 ×3); 钱五 joined later; due 4 → 100%. */
  g_assert_true (gt_dues_paid_rate (fx->storage, 3, "2025-01", "2025-03", &rate, &error));
  g_assert_cmpfloat_with_epsilon (rate, 1.0, 1e-9);
  /* 一村 Q1: paid there 2 (张一 Jan–Feb); 李二 and 王三 unpaid ×3 each → 2 / 8. */
  g_assert_true (gt_dues_paid_rate (fx->storage, 2, "2025-01", "2025-03", &rate, &error));
  g_assert_cmpfloat_with_epsilon (rate, 2.0 / 8.0, 1e-9);
  /* The general branch has no members of its own: nothing due. */
  g_assert_true (gt_dues_paid_rate (fx->storage, 5, "2025-01", "2025-03", &rate, &error));
  g_assert_cmpfloat_with_epsilon (rate, 1.0, 1e-9);
  g_assert_false (gt_dues_paid_rate (fx->storage, 2, "2025-03", "2025-01", &rate, &error));
  g_clear_error (&error);
}

/* Every active member paid last month, 王三 not the two months before it: on any day of this
 * month, asked as of this month or for this year's report, nobody owes this month (not yet
 * due) and 王三 owes 2 months, as the dues page (as of NULL) says. */
static void
test_arrears_not_yet_due (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *month = gt_month_of (NULL), *last = gt_month_add (month, -1);
  g_autofree char *before = gt_month_add (month, -3), *date = g_strdup_printf ("%s-25", last);
  g_autofree char *year = g_strndup (month, 4), *due = gt_dues_last_due_month (NULL);
  g_autofree char *pdf = g_build_filename (fx->dir, "arrears.pdf", NULL), *text = NULL;
  g_autofree char *command = NULL, *as_of = NULL;
  g_autoptr (GPtrArray) page = NULL, asked = NULL;
  g_autoptr (GtReport) report = NULL;
  const gint64 members[] = { 1, 2, 3, 4, 5, 7 };

  g_assert_cmpstr (due, ==, last);
  {
    g_autofree char *december = gt_dues_last_due_month ("2026-12-04");
    g_autofree char *january = gt_dues_last_due_month ("2027-01-31");

    g_assert_cmpstr (december, ==, "2026-11");
    g_assert_cmpstr (january, ==, "2026-12");
  }
  g_assert_true (gt_storage_set_meta (fx->storage, "dues.since", before, &error));
  g_assert_true (gt_dues_set_base (fx->storage, 3, atoi (year) - 1, 0, NULL, -1, &error));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *first = gt_month_add (month, -3), *second = gt_month_add (month, -2);

      g_assert_true (gt_dues_pay (fx->storage, members[i], last, 100, date, NULL, &error));
      if (members[i] != 3)
        {
          g_autofree char *on1 = g_strdup_printf ("%s-25", first);
          g_autofree char *on2 = g_strdup_printf ("%s-25", second);

          g_assert_true (gt_dues_pay (fx->storage, members[i], first, 100, on1, NULL, &error));
          g_assert_true (gt_dues_pay (fx->storage, members[i], second, 100, on2, NULL, &error));
        }
      g_assert_no_error (error);
    }

  /* the dues page */
  page = gt_dues_arrears (fx->storage, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpint (((GtDuesArrears *) page->pdata[0])->member_id, ==, 3);
  g_assert_cmpint (((GtDuesArrears *) page->pdata[0])->months_unpaid, ==, 2);
  g_assert_cmpint (((GtDuesArrears *) page->pdata[0])->consecutive, ==, 0);
  g_assert_cmpint (((GtDuesArrears *) page->pdata[0])->owed_fen, ==, 2 * 20);
  /* `dues arrears --as-of` this month or later: the same */
  asked = gt_dues_arrears (fx->storage, month, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (asked->len, ==, 1);
  g_assert_cmpint (((GtDuesArrears *) asked->pdata[0])->months_unpaid, ==, 2);
  g_assert_cmpint (((GtDuesArrears *) asked->pdata[0])->owed_fen, ==, 2 * 20);

  /* `report arrears --period YEAR`, read back from the PDF */
  report = gt_dues_report_arrears (fx->storage, year, &error);
  g_assert_no_error (error);
  g_assert_true (gt_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("pdftotext -raw %s -", pdf);
  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, NULL, &error));
  g_assert_no_error (error);
  as_of = g_strdup_printf ("As of %s ", last);
  g_assert_nonnull (strstr (text, as_of));
  g_assert_nonnull (strstr (text, "王三"));
  g_assert_nonnull (strstr (text, "Total 1 member 0.40"));
  g_assert_null (strstr (text, "张一"));
  g_unlink (pdf);
}

/* `report receipts`: the payments by organisation at payment time, a subtotal (payments
 * and amount) closing each organisation, and the grand total; read back from the PDF. */
static void
test_receipts_subtotals (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *month = gt_month_of (NULL), *last = gt_month_add (month, -1);
  g_autofree char *date = g_strdup_printf ("%s-25", last), *year = g_strndup (last, 4);
  g_autofree char *pdf = g_build_filename (fx->dir, "receipts.pdf", NULL), *text = NULL;
  g_autofree char *command = NULL;
  g_autoptr (GtReport) report = NULL;
  g_autoptr (GPtrArray) summary = NULL;
  const char *first, *second, *third, *total;
  /* 张一 and 李二 of 一村党支部, 赵四 of 二村党支部, 周七 of 总支下属支部 */
  const gint64 members[] = { 1, 2, 4, 7 }, fen[] = { 100, 250, 300, 4000 };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (gt_dues_pay (fx->storage, members[i], last, fen[i], date, NULL, &error));
  g_assert_no_error (error);

  report = gt_dues_report_receipts (fx->storage, year, &error);
  g_assert_no_error (error);
  /* 4 payments, 3 subtotals, the total */
  g_assert_cmpuint (gt_report_get_n_rows (report), ==, 8);
  g_assert_true (gt_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("pdftotext -raw %s -", pdf);
  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, NULL, &error));
  g_assert_no_error (error);
  first = strstr (text, "Subtotal · 一村党支部 2 payments 3.50");
  second = strstr (text, "Subtotal · 二村党支部 1 payment 3.00");
  third = strstr (text, "Subtotal · 总支下属支部 1 payment 40.00");
  total = strstr (text, "Total, 3 organisations 4 payments 46.50");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_nonnull (third);
  g_assert_nonnull (total);
  /* each after its organisation's rows, the organisations in the order of the tree
   * (gt_org_list ()): 一村 (sort 1) and 二村 (sort 2) before 总支下属支部, sort 1 but under
   * 机关党总支 (sort 3), although its own sort order is the smallest; the total last */
  g_assert_true (first < second && second < third && third < total);
  g_assert_true (strstr (text, "赵四") > first && strstr (text, "赵四") < second);
  g_assert_true (strstr (text, "周七") > second && strstr (text, "周七") < third);
  g_unlink (pdf);

  /* the year's summary (`dues summary`, the dues tab) in the same order */
  summary = gt_dues_summary (fx->storage, atoi (year), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, 3);
  g_assert_cmpstr (((GtDuesSummary *) summary->pdata[0])->org_name, ==, "一村党支部");
  g_assert_cmpstr (((GtDuesSummary *) summary->pdata[1])->org_name, ==, "二村党支部");
  g_assert_cmpstr (((GtDuesSummary *) summary->pdata[2])->org_name, ==, "总支下属支部");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, LifeFixture, NULL, life_fixture_setup, fn, life_fixture_teardown)
  ADD ("/dues/band-edges", test_band_edges);
  ADD ("/dues/edit-bands", test_edit_bands);
  ADD ("/dues/bands-text", test_bands_text);
  g_test_add_func ("/dues/money", test_money);
  ADD ("/dues/payments", test_payments);
  ADD ("/dues/arrears", test_arrears);
  ADD ("/dues/arrears-not-yet-due", test_arrears_not_yet_due);
  ADD ("/dues/branch-change", test_branch_change);
  ADD ("/dues/receipts-subtotals", test_receipts_subtotals);
  return g_test_run ();
}
