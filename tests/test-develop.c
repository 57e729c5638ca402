/* test-develop.c — the development pipeline: month arithmetic at month ends and in leap
 * years, every time rule with hand-computed dates, the steps in the database (refusals
 * change nothing), admission creating the member and 转正 recording full membership.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-develop.h"
#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-test-demo.h"

typedef GtTestDemo Fixture;
#define query gt_test_count

/* ---- pure: dates ---- */

static void
check_months (const char *date, int months, const char *expected)
{
  g_autofree char *got = gt_develop_add_months (date, months);
  g_assert_cmpstr (got, ==, expected);
}

static void
check_days (const char *date, int days, const char *expected)
{
  g_autofree char *got = gt_develop_add_days (date, days);
  g_assert_cmpstr (got, ==, expected);
}

static void
check_birthday (const char *birth, int years, const char *expected)
{
  g_autofree char *got = gt_develop_birthday (birth, years);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_dates (void)
{
  check_months ("2024-01-31", 1, "2024-02-29"); /* leap year: clamped to the 29th */
  check_months ("2023-01-31", 1, "2023-02-28");
  check_months ("2024-02-29", 12, "2025-02-28");
  check_months ("2024-02-29", 48, "2028-02-29");
  check_months ("2024-03-31", 1, "2024-04-30");
  check_months ("2024-12-15", 1, "2025-01-15");
  check_months ("2023-08-31", 6, "2024-02-29");
  check_months ("2024-05-31", -3, "2024-02-29");
  check_days ("2024-02-26", 5, "2024-03-02");
  check_days ("2023-02-26", 5, "2023-03-03");
  check_days ("2024-12-30", 5, "2025-01-04");
  check_birthday ("2008-02-29", 18, "2026-03-01"); /* common year: 1 March */
  check_birthday ("2006-02-29", 18, NULL);         /* 2006 has no 29 February */
  check_birthday ("2004-02-29", 20, "2024-02-29");
  check_birthday ("2000-12-31", 18, "2018-12-31");
  g_assert_null (gt_develop_add_months ("2023-02-29", 1));
}

/* ---- pure: the rules ---- */

static GtApplicant *
applicant (const char *birth, ...)
{
  GtApplicant *a = g_new0 (GtApplicant, 1);
  va_list ap;
  int step;

  a->id = 1;
  a->name = g_strdup ("李四");
  a->org_name = g_strdup ("青石村党支部");
  a->stage = g_strdup ("applicant");
  a->birth_date = g_strdup (birth);
  a->gender = 'F';
  a->steps = g_ptr_array_new_with_free_func (g_free);
  va_start (ap, birth);
  while ((step = va_arg (ap, int)) != 0)
    {
      /* steps are g_free'd: their strings here are static */
      GtDevelopStep *s = g_new0 (GtDevelopStep, 1);

      s->step = step;
      s->date = va_arg (ap, char *);
      s->months = step == 23 ? va_arg (ap, int) : 0;
      g_ptr_array_add (a->steps, s);
      g_free (a->stage);
      a->stage = g_strdup (gt_develop_stage_after_step (step));
    }
  va_end (ap);
  return a;
}

static void
free_applicant (GtApplicant *a)
{
  g_ptr_array_unref (a->steps);
  a->steps = NULL;
  gt_applicant_free (a);
}

/* The item of @rule in the check of @a as of @today, or NULL. */
static GtDevelopItem *
find (GPtrArray *items, const char *rule)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((GtDevelopItem *) items->pdata[i])->rule, rule) == 0)
      return items->pdata[i];
  return NULL;
}

static void
expect (GtApplicant *a, const char *today, const char *rule, GtDevelopState state,
        const char *date)
{
  GtDevelopRules rules;
  g_autoptr (GPtrArray) items = NULL;
  GtDevelopItem *item;

  gt_develop_rules_defaults (&rules);
  items = gt_develop_check (a, &rules, today);
  item = find (items, rule);
  if (date == NULL)
    {
      g_assert_null (item);
      return;
    }
  g_assert_nonnull (item);
  g_assert_cmpstr (item->date, ==, date);
  g_assert_cmpstr (gt_develop_state_code (item->state), ==, gt_develop_state_code (state));
  g_assert_nonnull (strstr (item->message, "李四"));
}

static void
test_rule_talk (void)
{
  GtApplicant *a = applicant ("1990-05-01", 1, "2024-01-31", 0);

  expect (a, "2024-01-31", "talk", GT_DEVELOP_OPEN, "2024-02-29");
  expect (a, "2024-02-01", "talk", GT_DEVELOP_DUE, "2024-02-29");
  expect (a, "2024-02-29", "talk", GT_DEVELOP_DUE, "2024-02-29");
  expect (a, "2024-03-01", "talk", GT_DEVELOP_OVERDUE, "2024-02-29");
  free_applicant (a);

  a = applicant ("1990-05-01", 1, "2024-01-31", 2, "2024-02-29", 0);
  expect (a, "2024-06-01", "talk", 0, NULL); /* on the last day: kept */
  free_applicant (a);
  a = applicant ("1990-05-01", 1, "2023-01-31", 2, "2023-03-01", 0);
  expect (a, "2024-06-01", "talk", GT_DEVELOP_BROKEN, "2023-02-28");
  free_applicant (a);
}

static void
test_rule_activist (void)
{
  GtApplicant *a = applicant ("1990-05-01", 1, "2024-01-10", 2, "2024-02-01", 3, "2024-02-29", 0);

  /* one year as activist: 2024-02-29 + 12 months = 2025-02-28 */
  expect (a, "2024-03-10", "activist_min", GT_DEVELOP_WAIT, "2025-02-28");
  expect (a, "2025-02-28", "activist_min", 0, NULL);
  /* the first review six months on: 2024-08-29 */
  expect (a, "2024-03-10", "review", GT_DEVELOP_OPEN, "2024-08-29");
  expect (a, "2024-08-05", "review", GT_DEVELOP_DUE, "2024-08-29");
  expect (a, "2024-08-30", "review", GT_DEVELOP_OVERDUE, "2024-08-29");
  free_applicant (a);

  /* reviews on time, then the next one counts from the latest */
  a = applicant ("1990-05-01", 1, "2023-08-01", 2, "2023-08-20", 3, "2023-08-31",
                 4, "2023-09-01", 5, "2023-09-01", 6, "2024-02-29", 0);
  expect (a, "2024-03-10", "review", GT_DEVELOP_OPEN, "2024-08-29");
  free_applicant (a);
  /* a review one day late: 2023-08-31 + 6 months = 2024-02-29 */
  a = applicant ("1990-05-01", 1, "2023-08-01", 2, "2023-08-20", 3, "2023-08-31",
                 4, "2023-09-01", 5, "2023-09-01", 6, "2024-03-01", 0);
  expect (a, "2024-03-10", "review", GT_DEVELOP_BROKEN, "2024-02-29");
  free_applicant (a);
  /* candidate one day too early: 2024-02-29 + 12 months = 2025-02-28 */
  a = applicant ("1990-05-01", 1, "2024-01-10", 2, "2024-02-01", 3, "2024-02-29", 4, "2024-03-01",
                 5, "2024-03-01", 6, "2024-08-20", 6, "2025-02-01", 7, "2025-02-27", 0);
  expect (a, "2025-03-10", "activist_min", GT_DEVELOP_BROKEN, "2025-02-28");
  expect (a, "2025-03-10", "review", 0, NULL); /* reviewed 6-monthly up to step 7 */
  free_applicant (a);
}

#define UP_TO_9 1, "2020-01-10", 2, "2020-02-01", 3, "2020-03-01", 4, "2020-03-02", \
  5, "2020-03-02", 6, "2020-09-01", 6, "2021-03-01", 7, "2021-03-01", 8, "2021-03-02", \
  9, "2021-03-03"

static void
test_rule_political_review (void)
{
  /* valid one year: 2023-02-28 + 12 months = 2024-02-28; approval on the 29th is too late */
  GtApplicant *a = applicant ("1990-05-01", UP_TO_9, 10, "2023-02-28", 0);

  expect (a, "2024-02-01", "political_review", GT_DEVELOP_DUE, "2024-02-28");
  expect (a, "2024-02-29", "political_review", GT_DEVELOP_OVERDUE, "2024-02-28");
  free_applicant (a);
  a = applicant ("1990-05-01", UP_TO_9, 10, "2023-02-28", 11, "2023-03-01", 12, "2023-03-02",
                 13, "2023-03-10", 14, "2023-03-11", 15, "2023-04-01", 16, "2023-04-02",
                 17, "2024-02-29", 0);
  expect (a, "2024-03-01", "political_review", GT_DEVELOP_BROKEN, "2024-02-28");
  free_applicant (a);
}

#define UP_TO_11 UP_TO_9, 10, "2021-04-01", 11, "2021-05-01"

static void
test_rule_publicity (void)
{
  /* five days of 公示: 2024-02-26 + 5 days = 2024-03-02 (leap year) */
  GtApplicant *a = applicant ("1990-05-01", UP_TO_11, 12, "2024-02-26", 0);

  expect (a, "2024-02-27", "publicity", GT_DEVELOP_WAIT, "2024-03-02");
  expect (a, "2024-03-02", "publicity", 0, NULL);
  free_applicant (a);
  a = applicant ("1990-05-01", UP_TO_11, 12, "2024-02-26", 13, "2024-02-28", 14, "2024-03-01", 0);
  expect (a, "2024-03-05", "publicity", GT_DEVELOP_BROKEN, "2024-03-02");
  free_applicant (a);
}

#define UP_TO_12 UP_TO_11, 12, "2021-05-10"

static void
test_rule_branch_meeting (void)
{
  /* within one month of the pre-review: 2024-01-31 + 1 month = 2024-02-29 */
  GtApplicant *a = applicant ("1990-05-01", UP_TO_12, 13, "2024-01-31", 14, "2024-02-05", 0);

  expect (a, "2024-02-10", "branch_meeting", GT_DEVELOP_DUE, "2024-02-29");
  expect (a, "2024-03-01", "branch_meeting", GT_DEVELOP_OVERDUE, "2024-02-29");
  free_applicant (a);
  a = applicant ("1990-05-01", UP_TO_12, 13, "2024-01-31", 14, "2024-02-05", 15, "2024-03-01", 0);
  expect (a, "2024-03-05", "branch_meeting", GT_DEVELOP_BROKEN, "2024-02-29");
  free_applicant (a);
}

#define UP_TO_14 UP_TO_12, 13, "2021-05-20", 14, "2021-05-30"

static void
test_rule_approval (void)
{
  /* 2023-11-30 + 3 months = 2024-02-29; + 6 months = 2024-05-30 */
  GtApplicant *a = applicant ("1990-05-01", UP_TO_14, 15, "2023-11-30", 16, "2023-12-10", 0);

  expect (a, "2024-01-10", "approval", GT_DEVELOP_OPEN, "2024-02-29");
  expect (a, "2024-02-10", "approval", GT_DEVELOP_DUE, "2024-02-29");
  expect (a, "2024-04-01", "approval", GT_DEVELOP_OVERDUE, "2024-02-29");
  expect (a, "2024-04-01", "approval_max", GT_DEVELOP_OPEN, "2024-05-30");
  expect (a, "2024-05-02", "approval_max", GT_DEVELOP_DUE, "2024-05-30");
  expect (a, "2024-05-31", "approval_max", GT_DEVELOP_OVERDUE, "2024-05-30");
  expect (a, "2024-02-10", "approval_max", 0, NULL);
  free_applicant (a);
  a = applicant ("1990-05-01", UP_TO_14, 15, "2023-11-30", 16, "2023-12-10", 17, "2024-02-29", 0);
  expect (a, "2024-03-10", "approval", 0, NULL);
  free_applicant (a);
  a = applicant ("1990-05-01", UP_TO_14, 15, "2023-11-30", 16, "2023-12-10", 17, "2024-03-01", 0);
  expect (a, "2024-03-10", "approval", GT_DEVELOP_BROKEN, "2024-02-29");
  expect (a, "2024-03-10", "approval_max", 0, NULL);
  free_applicant (a);
  a = applicant ("1990-05-01", UP_TO_14, 15, "2023-11-30", 16, "2023-12-10", 17, "2024-05-31", 0);
  expect (a, "2024-06-10", "approval_max", GT_DEVELOP_BROKEN, "2024-05-30");
  free_applicant (a);
}

#define UP_TO_16 UP_TO_14, 15, "2024-02-29", 16, "2024-03-05"

static void
test_rule_probation (void)
{
  /* probation of one year from the meeting: 2024-02-29 + 12 months = 2025-02-28; 转正
   * approved within 3 months after it: 2025-05-28 */
  GtApplicant *a = applicant ("1990-05-01", UP_TO_16, 17, "2024-04-01", 18, "2024-04-02",
                              19, "2024-04-03", 20, "2024-04-04", 21, "2024-10-01", 0);
  GtDevelopRules rules;
  g_autofree char *end = NULL;

  gt_develop_rules_defaults (&rules);
  end = gt_develop_probation_end (a, &rules);
  g_assert_cmpstr (end, ==, "2025-02-28");
  expect (a, "2024-10-10", "probation", GT_DEVELOP_WAIT, "2025-02-28");
  expect (a, "2024-10-10", "full_decision", GT_DEVELOP_OPEN, "2025-05-28");
  expect (a, "2025-05-01", "full_decision", GT_DEVELOP_DUE, "2025-05-28");
  expect (a, "2025-05-29", "full_decision", GT_DEVELOP_OVERDUE, "2025-05-28");
  free_applicant (a);

  /* a decision before the end of the probation breaks the rule */
  a = applicant ("1990-05-01", UP_TO_16, 17, "2024-04-01", 18, "2024-04-02", 19, "2024-04-03",
                 20, "2024-04-04", 21, "2024-10-01", 22, "2025-02-01", 23, "2025-02-27", 0, 0);
  expect (a, "2025-03-10", "probation", GT_DEVELOP_BROKEN, "2025-02-28");
  free_applicant (a);

  /* extended by 6 months: 2024-02-29 + 18 months = 2025-08-29, approval by 2025-11-29 */
  a = applicant ("1990-05-01", UP_TO_16, 17, "2024-04-01", 18, "2024-04-02", 19, "2024-04-03",
                 20, "2024-04-04", 21, "2024-10-01", 22, "2025-02-01", 23, "2025-02-28", 6, 0);
  g_clear_pointer (&end, g_free);
  end = gt_develop_probation_end (a, &rules);
  g_assert_cmpstr (end, ==, "2025-08-29");
  expect (a, "2025-03-10", "probation", GT_DEVELOP_WAIT, "2025-08-29");
  expect (a, "2025-03-10", "full_decision", GT_DEVELOP_OPEN, "2025-11-29");
  free_applicant (a);
}

static void
test_rule_minimum_age (void)
{
  /* born 29 February 2008: 18 on 1 March 2026 */
  GtApplicant *a = applicant ("2008-02-29", 1, "2026-02-28", 0);

  expect (a, "2026-03-05", "minimum_age", GT_DEVELOP_BROKEN, "2026-03-01");
  free_applicant (a);
  a = applicant ("2008-02-29", 1, "2026-03-01", 0);
  expect (a, "2026-03-05", "minimum_age", 0, NULL);
  free_applicant (a);
}

static void
test_rules_settings (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtDevelopRules rules;
  GtApplicant *a;

  gt_develop_rules_load (fx->storage, &rules);
  g_assert_cmpint (rules.talk_months, ==, 1);
  g_assert_cmpint (rules.letter_valid_days, ==, 30);
  g_assert_false (gt_develop_rules_set (fx->storage, "no_such_rule", 3, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (gt_develop_rules_set (fx->storage, "talk_months", 0, &error));
  g_assert_nonnull (strstr (error->message, "talk_months"));
  g_clear_error (&error);
  g_assert_false (gt_develop_rules_set (fx->storage, "extension_min_months", 13, &error));
  g_clear_error (&error);
  g_assert_false (gt_develop_rules_set (fx->storage, "approval_max_months", 2, &error));
  g_clear_error (&error);
  gt_develop_rules_load (fx->storage, &rules);
  g_assert_cmpint (rules.extension_min_months, ==, 6);
  g_assert_cmpint (rules.approval_max_months, ==, 6);

  g_assert_true (gt_develop_rules_set (fx->storage, "develop.talk_months", 2, &error));
  g_assert_no_error (error);
  gt_develop_rules_load (fx->storage, &rules);
  g_assert_cmpint (rules.talk_months, ==, 2);
  a = applicant ("1990-05-01", 1, "2023-12-31", 0);
  {
    g_autoptr (GPtrArray) items = gt_develop_check (a, &rules, "2024-01-05");
    g_assert_cmpstr (find (items, "talk")->date, ==, "2024-02-29"); /* + 2 months */
  }
  free_applicant (a);
}

/* ---- the database ---- */

static gint64
add (Fixture *fx, const char *name, const char *id_number, const char *applied)
{
  g_autoptr (GError) error = NULL;
  GtApplicantSpec spec = { .org = "青石村党支部", .name = name, .id_number = id_number,
                           .applied_on = applied, .ethnicity = "汉族", .education = "高中" };
  gint64 id = 0;

  if (id_number == NULL)
    {
      spec.gender = "男";
      spec.birth_date = "1995-06-15";
    }
  gt_develop_add (fx->storage, &spec, &id, &error);
  g_assert_no_error (error);
  return id;
}

static void
step (Fixture *fx, gint64 id, int number, const char *date)
{
  g_autoptr (GError) error = NULL;
  GtDevelopStepSpec spec = { .step = number, .date = date, .talker = "余土根",
                             .contact1 = "徐卫东", .introducer1 = "余土根",
                             .introducer2 = "姜红英" };

  gt_develop_record_step (fx->storage, id, &spec, &error);
  g_assert_no_error (error);
}

/* A call that returned @ok and @error was refused, saying @part, and left the @before steps
 * as they were. */
static void
check_refused (Fixture *fx, gboolean ok, const GError *error, const char *part, gint64 before)
{
  g_assert_false (ok);
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM develop_steps"), ==, before);
}

static void
refuse_step (Fixture *fx, gint64 id, const GtDevelopStepSpec *spec, const char *part)
{
  g_autoptr (GError) error = NULL;
  gint64 before = query (fx->storage, "SELECT count(*) FROM develop_steps");
  gboolean ok = gt_develop_record_step (fx->storage, id, spec, &error);

  check_refused (fx, ok, error, part, before);
}

static void
test_add (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* 110101 2000-03-01 … with its check digit */
  char id_number[19] = "11010120000301123";
  GtApplicantSpec spec = { .org = "青石村党支部", .name = "王五", .applied_on = "2020-01-01" };
  gint64 before = query (fx->storage, "SELECT count(*) FROM applicants");
  gint64 members = query (fx->storage, "SELECT count(*) FROM members");
  gint64 id;

  id_number[17] = gt_idcard_check_char (id_number);
  id_number[18] = '\0';
  /* too young: born 2000-03-01, 18 on 2018-03-01 */
  spec.id_number = id_number;
  spec.applied_on = "2018-02-28";
  g_assert_false (gt_develop_add (fx->storage, &spec, NULL, &error));
  g_assert_nonnull (strstr (error->message, "2018-03-01"));
  g_clear_error (&error);
  spec.id_number = "110101200003011230"; /* wrong check digit (unless it happens to be 0) */
  if (id_number[17] != '0')
    {
      g_assert_false (gt_develop_add (fx->storage, &spec, NULL, &error));
      g_assert_nonnull (strstr (error->message, "110101200003011230"));
      g_clear_error (&error);
    }
  spec.id_number = id_number;
  spec.gender = "女"; /* the ID number's 17th digit 3 is odd: male */
  g_assert_false (gt_develop_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  spec.gender = NULL;
  spec.org = "没有这个支部";
  spec.applied_on = "2018-03-01";
  g_assert_false (gt_develop_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM applicants"), ==, before);

  id = add (fx, "王五", id_number, "2018-03-01");
  {
    g_autoptr (GtApplicant) a = gt_develop_lookup (fx->storage, id, &error);
    g_assert_nonnull (a);
    g_assert_cmpstr (a->birth_date, ==, "2000-03-01");
    g_assert_cmpint (a->gender, ==, 'M');
    g_assert_cmpstr (a->stage, ==, "applicant");
    g_assert_cmpint (a->steps->len, ==, 1);
    g_assert_cmpstr (gt_applicant_step_date (a, 1, FALSE), ==, "2018-03-01");
  }
  /* the same ID number twice */
  spec.org = "青石村党支部";
  g_assert_false (gt_develop_add (fx->storage, &spec, NULL, &error));
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM applicants"), ==, before + 1);
  /* applicants are not members */
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM members"), ==, members);
}

static void
test_steps_refused (Fixture *fx, gconstpointer data)
{
  gint64 id = add (fx, "赵六", NULL, "2020-01-10");
  GtDevelopStepSpec spec = { .step = 3, .date = "2020-02-01" };
  g_autofree char *tomorrow = NULL, *today = gt_today ();

  refuse_step (fx, id, &spec, "next step is 2");
  spec.step = 2;
  refuse_step (fx, id, &spec, "谈话人");
  spec.talker = "余土根";
  spec.date = "2020-01-09";
  refuse_step (fx, id, &spec, "before the latest step");
  tomorrow = gt_develop_add_days (today, 1);
  spec.date = tomorrow;
  refuse_step (fx, id, &spec, "future");
  spec.date = "2020-02-30";
  refuse_step (fx, id, &spec, "no such day");
  spec.date = "2020-2-3";
  refuse_step (fx, id, &spec, "not a date (YYYY-MM-DD)");
  spec.step = 26;
  refuse_step (fx, id, &spec, "1 to 25");
  step (fx, id, 2, "2020-02-01");
  step (fx, id, 3, "2020-03-01");
  step (fx, id, 4, "2020-03-02");
  spec = (GtDevelopStepSpec) { .step = 5, .date = "2020-03-03" };
  refuse_step (fx, id, &spec, "培养联系人");
  step (fx, id, 5, "2020-03-03");
  step (fx, id, 6, "2020-09-01");
  step (fx, id, 6, "2021-03-01"); /* reviews repeat */
  step (fx, id, 7, "2021-03-01");
  spec = (GtDevelopStepSpec) { .step = 6, .date = "2021-03-02" };
  refuse_step (fx, id, &spec, "next step is 8");
  step (fx, id, 8, "2021-03-02");
  spec = (GtDevelopStepSpec) { .step = 9, .date = "2021-03-03", .introducer1 = "余土根" };
  refuse_step (fx, id, &spec, "two introducers");
  spec.introducer2 = " 余土根";
  refuse_step (fx, id, &spec, "named twice");
  spec = (GtDevelopStepSpec) { .step = 9, .date = "2021-03-03", .introducer1 = "余土根",
                               .introducer2 = "姜红英", .months = 6 };
  refuse_step (fx, id, &spec, "only step 23");
  g_assert_true (gt_develop_drop (fx->storage, id, NULL));
  spec.months = 0;
  refuse_step (fx, id, &spec, "left the pipeline");
}

static void
withdraw (Fixture *fx, gint64 id, int expected, const char *stage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtApplicant) a = NULL;
  int withdrawn = 0;

  g_assert_true (gt_develop_withdraw_step (fx->storage, id, &withdrawn, &error));
  g_assert_no_error (error);
  g_assert_cmpint (withdrawn, ==, expected);
  a = gt_develop_lookup (fx->storage, id, &error);
  g_assert_cmpstr (a->stage, ==, stage);
}

static void
refuse_withdraw (Fixture *fx, gint64 id, const char *part)
{
  g_autoptr (GError) error = NULL;
  gint64 before = query (fx->storage, "SELECT count(*) FROM develop_steps");
  gboolean ok = gt_develop_withdraw_step (fx->storage, id, NULL, &error);

  check_refused (fx, ok, error, part, before);
}

/* Steps 2 to 6 of @id on time, from an application in January 2020 (the talk late when
 * @late_talk: a broken rule that only warns). */
static void
first_steps (Fixture *fx, gint64 id, gboolean late_talk)
{
  step (fx, id, 2, late_talk ? "2020-02-20" : "2020-02-01");
  step (fx, id, 3, "2020-03-01");
  step (fx, id, 4, "2020-03-02");
  step (fx, id, 5, "2020-03-03");
  step (fx, id, 6, "2020-05-01");
}

/* A candidate confirmed before a year as activist is not admitted: the branch meeting (step
 * 15) is refused, naming the broken rule, and so is the approval (step 17) once the rules
 * ask for a longer year. Withdrawing the steps back to the wrong one and recording them
 * again on the right days lets the admission through; a late talk only warns. The admission
 * itself and the application are never withdrawn. */
static void
test_admission_refused (Fixture *fx, gconstpointer data)
{
  static const char *const early[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, "2020-06-01",
                                       "2020-06-02", "2020-06-03", "2020-06-04", "2020-06-05",
                                       "2020-06-06", "2020-06-07", "2020-06-20" };
  static const char *const late[] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, "2021-03-01",
                                      "2021-03-02", "2021-03-03", "2021-03-04", "2021-03-05",
                                      "2021-03-06", "2021-03-07", "2021-03-20" };
  /* the stage once step i is the last one left */
  static const char *const stages[] = { NULL, NULL, NULL, NULL, NULL, NULL, "activist",
                                        "candidate", "candidate", "candidate", "candidate",
                                        "candidate", "candidate", "candidate" };
  g_autoptr (GError) error = NULL;
  gint64 id = add (fx, "孙八", NULL, "2020-01-10"), hurried, only_applied;
  GtDevelopStepSpec admit = { .step = 15, .date = "2020-07-01" };
  GtDevelopStepSpec approve = { .step = 17, .date = "2021-04-10" };

  first_steps (fx, id, TRUE);
  for (int i = 7; i <= 14; i++)
    step (fx, id, i, early[i]); /* step 7 breaks the year as activist: recorded, not refused */
  refuse_step (fx, id, &admit, "Not admitted");
  refuse_step (fx, id, &admit, "step 7");
  refuse_step (fx, id, &admit, "before the earliest day 2021-03-01");

  for (int i = 14; i >= 7; i--)
    withdraw (fx, id, i, stages[i - 1]);
  for (int i = 7; i <= 14; i++)
    step (fx, id, i, late[i]);
  step (fx, id, 15, "2021-04-01"); /* the late talk does not stop it */
  step (fx, id, 16, "2021-04-05");
  withdraw (fx, id, 16, "candidate");
  step (fx, id, 16, "2021-04-06");
  /* a year and a month as activist, asked for after the meeting, stops the approval */
  g_assert_true (gt_develop_rules_set (fx->storage, "activist_min_months", 13, &error));
  g_assert_no_error (error);
  refuse_step (fx, id, &approve, "before the earliest day 2021-04-01");
  g_assert_true (gt_develop_rules_set (fx->storage, "activist_min_months", 12, &error));
  step (fx, id, 17, approve.date);
  refuse_withdraw (fx, id, "made the membership");

  /* the 志愿书 a day into the five days of publicity */
  hurried = add (fx, "吴十", NULL, "2020-01-10");
  first_steps (fx, hurried, FALSE);
  for (int i = 7; i <= 12; i++)
    step (fx, hurried, i, late[i]);
  step (fx, hurried, 13, "2021-03-07");
  step (fx, hurried, 14, "2021-03-08");
  admit.date = "2021-03-20";
  refuse_step (fx, hurried, &admit, "step 14");
  withdraw (fx, hurried, 14, "candidate");
  step (fx, hurried, 14, "2021-03-11");
  step (fx, hurried, 15, "2021-03-20");

  only_applied = add (fx, "周九", NULL, "2021-01-10");
  refuse_withdraw (fx, only_applied, "step 1");
  step (fx, only_applied, 2, "2021-02-01");
  g_assert_true (gt_develop_drop (fx->storage, only_applied, NULL));
  refuse_withdraw (fx, only_applied, "left the pipeline");
}

/* All 25 steps: step 17 makes the member (admitted on the day of the meeting, step 15),
 * step 24 records full membership on the day the probation ended. */
static void
test_whole_pipeline (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  char id_number[19] = "11010119980615224";
  gint64 members = query (fx->storage, "SELECT count(*) FROM members");
  gint64 id;
  const char *dates[] = { NULL, "2020-01-10", "2020-02-01", "2020-04-01", "2020-04-10",
                          "2020-04-10", "2020-10-01", "2021-04-01", "2021-04-05", "2021-04-10",
                          "2021-05-01", "2021-06-01", "2021-06-10", "2021-06-20", "2021-06-25",
                          "2021-07-01", "2021-07-10", "2021-08-01", "2021-08-05", "2021-08-10",
                          "2021-08-15", "2022-01-10", "2022-06-01", "2022-07-01", "2022-07-20",
                          "2022-08-01" };

  id_number[17] = gt_idcard_check_char (id_number);
  id_number[18] = '\0';
  id = add (fx, "钱七", id_number, dates[1]);
  for (int i = 2; i <= 25; i++)
    {
      if (i == 23)
        {
          /* an extension of 5 months is refused; the decision is recorded */
          GtDevelopStepSpec bad = { .step = 23, .date = dates[23], .months = 5 };
          refuse_step (fx, id, &bad, "6 to 12 months");
        }
      step (fx, id, i, dates[i]);
      if (i == 16)
        g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM members"), ==, members);
      if (i == 17)
        g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM members"), ==, members + 1);
    }
  {
    g_autoptr (GtApplicant) a = gt_develop_lookup (fx->storage, id, &error);
    g_autofree char *key = NULL;
    g_autoptr (GtMemberRecord) m = NULL;
    GtDevelopRules rules;
    g_autoptr (GPtrArray) items = NULL;

    g_assert_nonnull (a);
    g_assert_cmpstr (a->stage, ==, "full");
    g_assert_cmpint (a->member_id, >, 0);
    key = g_strdup_printf ("%" G_GINT64_FORMAT, a->member_id);
    m = gt_member_lookup (fx->storage, key, &error);
    g_assert_nonnull (m);
    g_assert_cmpstr (m->name, ==, "钱七");
    g_assert_cmpstr (m->join_date, ==, "2021-07-01");
    g_assert_cmpstr (m->category, ==, "full");
    g_assert_cmpstr (m->full_date, ==, "2022-07-01");
    g_assert_cmpstr (m->org_name, ==, "青石村党支部");
    g_assert_cmpint (m->events->len, ==, 2);
    g_assert_cmpstr (((GtMemberEvent *) m->events->pdata[0])->kind, ==, "admission");
    g_assert_cmpstr (((GtMemberEvent *) m->events->pdata[1])->kind, ==, "full_membership");
    /* everything on time: no item left */
    gt_develop_rules_load (fx->storage, &rules);
    items = gt_develop_check (a, &rules, "2023-01-01");
    g_assert_cmpint (items->len, ==, 0);
  }
  g_assert_false (gt_develop_drop (fx->storage, id, &error));
  g_clear_error (&error);
}

static void
test_board (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) board = NULL, due = NULL;
  gint64 late = add (fx, "孙八", NULL, "2024-01-31");
  gint64 fine = add (fx, "周九", NULL, "2024-02-10");

  (void) fine;
  board = gt_develop_board (fx->storage, 0, "2024-03-05", &error);
  g_assert_no_error (error);
  g_assert_cmpint (board->len, >=, 2);
  for (guint i = 0; i < board->len; i++)
    {
      GtDevelopBoardEntry *e = board->pdata[i];

      if (e->applicant->id == late)
        g_assert_cmpint (e->worst, ==, GT_DEVELOP_OVERDUE); /* talk by 2024-02-29 */
      else if (e->applicant->id == fine)
        g_assert_cmpint (e->worst, ==, GT_DEVELOP_DUE); /* talk by 2024-03-10 */
    }
  due = gt_develop_due (fx->storage, 0, "2024-03-05", &error);
  g_assert_no_error (error);
  {
    /* the demo's own pipeline may add items: look at these two only */
    GPtrArray *mine = g_ptr_array_new ();

    for (guint i = 0; i < due->len; i++)
      {
        GtDevelopItem *item = due->pdata[i];
        if (item->applicant_id == late || item->applicant_id == fine)
          g_ptr_array_add (mine, item);
      }
    g_assert_cmpint (mine->len, ==, 2);
    g_assert_cmpstr (((GtDevelopItem *) mine->pdata[0])->date, ==, "2024-02-29");
    g_assert_cmpstr (((GtDevelopItem *) mine->pdata[0])->rule, ==, "talk");
    g_assert_cmpint (((GtDevelopItem *) mine->pdata[0])->state, ==, GT_DEVELOP_OVERDUE);
    g_assert_cmpstr (((GtDevelopItem *) mine->pdata[1])->date, ==, "2024-03-10");
    g_assert_cmpint (((GtDevelopItem *) mine->pdata[1])->state, ==, GT_DEVELOP_DUE);
    g_ptr_array_unref (mine);
  }
}

#define ADD(name, func) \
  g_test_add ("/develop/" name, Fixture, GUINT_TO_POINTER (7), gt_test_demo_setup, func, \
              gt_test_demo_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/develop/dates", test_dates);
  g_test_add_func ("/develop/rule/talk", test_rule_talk);
  g_test_add_func ("/develop/rule/activist", test_rule_activist);
  g_test_add_func ("/develop/rule/political-review", test_rule_political_review);
  g_test_add_func ("/develop/rule/publicity", test_rule_publicity);
  g_test_add_func ("/develop/rule/branch-meeting", test_rule_branch_meeting);
  g_test_add_func ("/develop/rule/approval", test_rule_approval);
  g_test_add_func ("/develop/rule/probation", test_rule_probation);
  g_test_add_func ("/develop/rule/minimum-age", test_rule_minimum_age);
  ADD ("rules-settings", test_rules_settings);
  ADD ("add", test_add);
  ADD ("steps-refused", test_steps_refused);
  ADD ("whole-pipeline", test_whole_pipeline);
  ADD ("admission-refused", test_admission_refused);
  ADD ("board", test_board);
  return g_test_run ();
}
