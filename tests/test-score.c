/* test-score.c — points and ratings computed by hand: rubric sums, caps, bands at their
 * edges, "basic not met → no 优秀", direct downgrades, the bottom share (末位警示), a member
 * who changes branch mid-quarter, the red/black list, the household-link score with 整转,
 * stars, the fortress index, versioned rules and published results that stay as published
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gt-member.h"
#include "score-fixture.h"

static void
test_periods (void)
{
  GtScorePeriod p;
  g_autoptr (GError) error = NULL;

  g_assert_true (gt_score_period_parse ("2026-Q3", &p, NULL));
  g_assert_cmpstr (p.start, ==, "2026-07-01");
  g_assert_cmpstr (p.end, ==, "2026-09-30");
  g_assert_cmpint (p.n_months, ==, 3);
  g_assert_true (gt_score_period_parse ("2026-h2", &p, NULL));
  g_assert_cmpstr (p.text, ==, "2026-H2");
  g_assert_cmpstr (p.last_ym, ==, "2026-12");
  g_assert_true (gt_score_period_parse ("2024-02", &p, NULL));
  g_assert_cmpstr (p.end, ==, "2024-02-29");
  g_assert_true (gt_score_period_parse ("2026", &p, NULL));
  g_assert_cmpstr (p.end, ==, "2026-12-31");
  g_assert_false (gt_score_period_parse ("2026-Q5", &p, &error));
  g_assert_nonnull (strstr (error->message, "2026-Q5"));
}

/* basic 15 + min(bonus 15, cap 40 × 3/12 = 10) − 2 = 23 ≥ 22.5 (= 90 × 3/12): 优秀 */
static void
test_rubric_sum (Fixture *fx, gconstpointer data)
{
  gint64 a = score_add_member (fx, fx->org_x, "甲");
  g_autoptr (GtScoreRun) run = NULL;
  GtScoreResult *r;
  JsonObject *why;

  score_basics_q3 (fx, a);
  score_points (fx, a, "2026-08", "bonus_honour", 3, -1);
  score_points (fx, a, "2026-09", "penalty_dues_late", 1, -1);
  g_assert_cmpint (count (fx->storage, "SELECT sum (points) FROM score_points"), ==, 15 + 15 - 2);

  run = score_compute (fx, "member", "2026-Q3");
  r = score_find (run, a);
  g_assert_cmpfloat (r->score, ==, 23);
  g_assert_cmpstr (r->grade, ==, "excellent");
  why = json_node_get_object (r->explanation);
  g_assert_cmpint (json_object_get_int_member (why, "basic"), ==, 15);
  g_assert_cmpfloat (json_object_get_double_member (why, "bonus_counted"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (why, "deductions"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (why, "bands"),
                                                    "excellent"), ==, 22.5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (why, "items")), ==, 6);
  g_assert_cmpint (r->rank, ==, 1);
}

/* Yearly band 达标 60 is 15 a quarter: 15 passes, 14 does not. */
static void
test_band_edges (Fixture *fx, gconstpointer data)
{
  gint64 at = score_add_member (fx, fx->org_x, "边线");
  gint64 below = score_add_member (fx, fx->org_x, "线下");
  g_autoptr (GtScoreRun) run = NULL;

  score_basics_q3 (fx, at);
  score_basics_q3 (fx, below);
  score_points (fx, below, "2026-09", "penalty_absent", 1, 1);
  run = score_compute (fx, "member", "2026-Q3");
  g_assert_cmpfloat (score_find (run, at)->score, ==, 15);
  g_assert_cmpstr (score_find (run, at)->grade, ==, "pass");
  g_assert_cmpfloat (score_find (run, below)->score, ==, 14);
  g_assert_cmpstr (score_find (run, below)->grade, ==, "fail");
  /* 良好 at 75 × 3/12 = 18.75: 19 is good */
  score_points (fx, at, "2026-07", "bonus_advice", 1, 4);
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026-Q3");
  g_assert_cmpfloat (score_find (run, at)->score, ==, 19);
  g_assert_cmpstr (score_find (run, at)->grade, ==, "good");
}

/* With a yearly bonus cap of 60 (15 a quarter): basic 9 + bonus 15 = 24 would be 优秀, but
 * 9 < 0.8 × 15 = 12 basic points: no 优秀 → 良好. */
static void
test_basic_not_met (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 b = score_add_member (fx, fx->org_x, "乙");
  g_autoptr (GtScoreRun) run = NULL;
  GtScoreResult *r;

  score_set_rule (fx, "member.bonus_cap", "60");
  score_points (fx, b, "2026-07", "basic_meeting", 1, -1);
  score_points (fx, b, "2026-08", "basic_meeting", 1, -1);
  score_points (fx, b, "2026-09", "basic_meeting", 1, -1);
  score_points (fx, b, "2026-07", "basic_study", 1, -1);
  score_points (fx, b, "2026-08", "basic_study", 1, -1);
  score_points (fx, b, "2026-09", "basic_study", 1, -1);
  /* a basic item counts once a month */
  g_assert_false (gt_points_add (fx->storage, fx->rules, b, "2026-07", "basic_study", -1, NULL,
                                 NULL, &error));
  g_assert_nonnull (strstr (error->message, "2026-07"));
  g_clear_error (&error);
  score_points (fx, b, "2026-08", "bonus_honour", 4, -1);
  run = score_compute (fx, "member", "2026-Q3");
  r = score_find (run, b);
  g_assert_cmpfloat (r->score, ==, 24);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (r->explanation),
                                                  "grade_by_points"), ==, "excellent");
  g_assert_false (json_object_get_boolean_member (json_node_get_object (r->explanation), "basic_met"));
  g_assert_cmpstr (r->grade, ==, "good");
  g_assert_cmpint (run->rule_version, ==, 2);
}

/* Each 直接降级 entry takes one grade: 优秀 → 良好 → 达标. */
static void
test_downgrade (Fixture *fx, gconstpointer data)
{
  gint64 c = score_add_member (fx, fx->org_x, "丙");
  g_autoptr (GtScoreRun) run = NULL;

  score_basics_q3 (fx, c);
  score_points (fx, c, "2026-08", "bonus_honour", 2, -1);
  run = score_compute (fx, "member", "2026-Q3");
  g_assert_cmpstr (score_find (run, c)->grade, ==, "excellent");
  score_points (fx, c, "2026-09", "downgrade_discipline", 1, -1);
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026-Q3");
  g_assert_cmpfloat (score_find (run, c)->score, ==, 25); /* a downgrade item deducts 0 points */
  g_assert_cmpstr (score_find (run, c)->grade, ==, "good");
  score_points (fx, c, "2026-09", "downgrade_law", 1, -1);
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026-Q3");
  g_assert_cmpstr (score_find (run, c)->grade, ==, "pass");
}

/* Ten members scoring 10…1 in a year: 5 % warns ceil(0.5) = 1, 25 % warns ceil(2.5) = 3; a
 * tie with the last warned is warned too. */
static void
test_bottom_share (Fixture *fx, gconstpointer data)
{
  gint64 ids[10];
  g_autoptr (GtScoreRun) run = NULL;
  int warned = 0;

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("成员%d", i);

      ids[i] = score_add_member (fx, fx->org_y, name);
      score_points (fx, ids[i], "2026-03", "bonus_advice", 1, 10 - i);
    }
  run = score_compute (fx, "member", "2026");
  for (int i = 0; i < 10; i++)
    warned += score_find (run, ids[i])->warning;
  g_assert_cmpint (warned, ==, 1);
  g_assert_true (score_find (run, ids[9])->warning);
  g_assert_cmpint (score_find (run, ids[9])->rank, ==, 10);

  score_set_rule (fx, "member.bottom_share", "0.25");
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026");
  warned = 0;
  for (int i = 0; i < 10; i++)
    warned += score_find (run, ids[i])->warning;
  g_assert_cmpint (warned, ==, 3);
  g_assert_true (score_find (run, ids[7])->warning);
  g_assert_false (score_find (run, ids[6])->warning);

  /* member 6 (score 4) falls to 3, tied with member 7: four are warned now */
  score_points (fx, ids[6], "2026-04", "penalty_absent", 1, 1);
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026");
  g_assert_true (score_find (run, ids[6])->warning);
  g_assert_cmpint (score_find (run, ids[6])->rank, ==, score_find (run, ids[7])->rank);

  /* no warning in a half-year */
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026-H1");
  g_assert_false (score_find (run, ids[9])->warning);
}

/* A member moves from X to Y on 15 August: July's points stay with X, September's go to Y;
 * the quarter's score counts all of them and ranks the member in Y. */
static void
test_branch_change (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 d = score_add_member (fx, fx->org_x, "丁");
  gint64 stay = score_add_member (fx, fx->org_x, "戊");
  g_autoptr (GtScoreRun) run = NULL;
  g_autoptr (GtScoreRun) fortress = NULL;
  GtScoreResult *r;

  /* the fortress index of points alone: organisational life and dues weigh nothing here */
  score_set_rule (fx, "fortress.weight_meetings", "0");
  score_set_rule (fx, "fortress.weight_dues", "0");
  score_points (fx, d, "2026-07", "bonus_honour", 1, -1);      /* 5, in X */
  g_assert_true (gt_member_transfer (fx->storage, d, "Y村党支部", "2026-08-15", "test", &error));
  g_assert_no_error (error);
  score_points (fx, d, "2026-09", "bonus_practical", 1, -1);   /* 3, in Y */
  score_points (fx, stay, "2026-07", "bonus_advice", 1, -1);   /* 2, in X */

  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM score_points p JOIN organizations o"
                                       " ON o.id = p.org_id WHERE o.name = 'X村党支部'"), ==, 2);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM score_points p JOIN organizations o"
                                       " ON o.id = p.org_id WHERE o.name = 'Y村党支部'"), ==, 1);
  run = score_compute (fx, "member", "2026-Q3");
  r = score_find (run, d);
  g_assert_cmpfloat (r->score, ==, 8);
  g_assert_cmpint (r->org_id, ==, fx->org_y);
  g_assert_cmpint (score_find (run, stay)->org_id, ==, fx->org_x);
  g_assert_cmpint (score_find (run, stay)->rank, ==, 1); /* alone in X */
  /* the points component of X: (5 + 2) / 2 members = 3.5 of (60 + 40) / 4 = 25 → 14 % */
  fortress = score_compute (fx, "fortress", "2026-Q3");
  r = score_find (fortress, fx->org_x);
  g_assert_nonnull (r);
  g_assert_cmpfloat (r->score, ==, 14);
  r = score_find (fortress, fx->org_y);
  g_assert_cmpfloat (r->score, ==, 12); /* 3 of 25 */
}

/* A published result keeps its rule version and values after the rules change; recomputing
 * writes a new unpublished set; the published rows cannot be changed or removed. */
static void
test_published_kept (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 a = score_add_member (fx, fx->org_x, "甲");
  g_autoptr (GtScoreRun) run = NULL;
  g_autoptr (GtScoreRun) published = NULL;
  g_autoptr (GtScoreRun) fresh = NULL;

  score_basics_q3 (fx, a);
  run = score_compute (fx, "member", "2026-Q3");
  g_assert_true (gt_score_run_save (fx->storage, run, &error));
  g_assert_no_error (error);
  g_assert_true (gt_score_run_publish (fx->storage, "member", "2026-Q3", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (score_find (run, a)->grade, ==, "pass");

  score_set_rule (fx, "member.band_pass", "70"); /* 17.5 a quarter: 15 fails now */
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "member", "2026-Q3");
  g_assert_cmpstr (score_find (run, a)->grade, ==, "fail");
  g_assert_true (gt_score_run_save (fx->storage, run, &error));
  g_assert_no_error (error);

  published = gt_score_run_load (fx->storage, "member", "2026-Q3", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (published->published);
  g_assert_cmpint (published->rule_version, ==, 1);
  g_assert_cmpstr (score_find (published, a)->grade, ==, "pass");
  fresh = gt_score_run_load (fx->storage, "member", "2026-Q3", FALSE, &error);
  g_assert_cmpint (fresh->rule_version, ==, 2);
  g_assert_cmpstr (score_find (fresh, a)->grade, ==, "fail");
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM score_runs"), ==, 2);

  g_assert_false (gt_storage_exec (fx->storage, "UPDATE score_results SET grade = 'fail'", &error));
  g_assert_nonnull (strstr (error->message, "never rewritten"));
  g_clear_error (&error);
  g_assert_false (gt_storage_exec (fx->storage, "DELETE FROM score_runs WHERE published = 1", &error));
  g_clear_error (&error);
  g_assert_false (gt_storage_exec (fx->storage, "UPDATE score_rule_sets SET body = '{}'", &error));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM score_results r JOIN score_runs s"
                                       " ON s.id = r.run_id WHERE s.published = 1 AND r.grade = 'pass'"),
                   ==, 1);
  /* recomputing again replaces only the unpublished set */
  g_assert_true (gt_score_run_save (fx->storage, fresh, &error));
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM score_runs"), ==, 2);
  /* a second publish of the same period is allowed: the newer set is the one shown */
  g_assert_true (gt_score_run_publish (fx->storage, "member", "2026-Q3", &error));
  g_assert_false (gt_score_run_publish (fx->storage, "member", "2026-Q3", &error));
  g_assert_nonnull (error);
}

static void
test_rules_file (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = gt_score_rules_to_json (fx->rules);
  g_autoptr (GtScoreRules) back = gt_score_rules_from_json (text, -1, "rules.json", &error);
  g_autofree char *again = NULL;
  const char *bad[][2] = {
    { "{\"format\":\"guatu-score-rules\",\"settings\":{\"member.bottom_share\":2},\"items\":[]}",
      "member.bottom_share" },
    { "{\"format\":\"guatu-score-rules\",\"settings\":{\"member.nothing\":2},\"items\":[]}",
      "member.nothing" },
    { "{\"format\":\"guatu-score-rules\",\"items\":[{\"code\":\"a\",\"category\":\"extra\","
      "\"kind\":\"work\",\"label\":\"x\",\"points\":1}]}", "items[0].category" },
    { "{\"format\":\"guatu-score-rules\",\"items\":[{\"code\":\"a\",\"category\":\"bonus\","
      "\"kind\":\"work\",\"label\":\"x\",\"points\":1.5}]}", "items[0].points" },
    { "{\"format\":\"guatu-score-rules\",\"items\":[{\"code\":\"a\",\"category\":\"bonus\","
      "\"kind\":\"work\",\"label\":\"x\",\"points\":1},{\"code\":\"a\",\"category\":\"bonus\","
      "\"kind\":\"work\",\"label\":\"y\",\"points\":1}]}", "items[1].code" },
    { "{\"format\":\"other\"}", "format" },
    { "{\"format\":", "rules.json" },
    { "", "rules.json" },   /* an empty file (found by fuzz-rules) */
    { "{\"format\":\"guatu-score-rules\",\"format_version\":{}}", "format_version" }, /* fuzz */
    { "  \n", "rules.json" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (back->items->len, ==, fx->rules->items->len);
  back->version = fx->rules->version;
  again = gt_score_rules_to_json (back);
  g_assert_true (g_strcmp0 (again, text) == 0);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) local = NULL;
      GtScoreRules *rules = gt_score_rules_from_json (bad[i][0], -1, "rules.json", &local);

      g_assert_null (rules);
      g_assert_nonnull (local);
      g_test_message ("refused: %s", local->message);
      g_assert_nonnull (strstr (local->message, "rules.json"));
      g_assert_nonnull (strstr (local->message, bad[i][1]));
    }
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM score_rule_sets"), ==, 1);
  g_assert_false (gt_score_rules_set (fx->rules, "member.bottom_share", "-1", &error));
  g_clear_error (&error);
  g_assert_false (gt_score_rules_set (fx->rules, "member.downgrade_steps", "1.5", &error));
  g_clear_error (&error);
  /* the ledger refuses unknown items, months in the future and members before admission */
  {
    gint64 a = score_add_member (fx, fx->org_x, "甲");

    g_assert_false (gt_points_add (fx->storage, fx->rules, a, "2026-07", "nothing", -1, NULL, NULL, &error));
    g_clear_error (&error);
    g_assert_false (gt_points_add (fx->storage, fx->rules, a, "2999-01", "basic_study", -1, NULL, NULL, &error));
    g_clear_error (&error);
    g_assert_false (gt_points_add (fx->storage, fx->rules, a, "2019-12", "basic_study", -1, NULL, NULL, &error));
    g_clear_error (&error);
    g_assert_false (gt_points_add (fx->storage, fx->rules, a, "2026-13", "basic_study", -1, NULL, NULL, &error));
    g_clear_error (&error);
    g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM score_points"), ==, 0);
  }
}

/* Red: the best clean member of each branch above 80 × 3/12 = 20; black: a black-list item. */
static void
test_redblack (Fixture *fx, gconstpointer data)
{
  gint64 best = score_add_member (fx, fx->org_x, "优");
  gint64 second = score_add_member (fx, fx->org_x, "次");
  gint64 bad = score_add_member (fx, fx->org_x, "差");
  gint64 plain = score_add_member (fx, fx->org_y, "平");
  g_autoptr (GtScoreRun) run = NULL;

  score_basics_q3 (fx, best);
  score_points (fx, best, "2026-08", "bonus_honour", 1, -1);  /* 20 */
  score_basics_q3 (fx, second);
  score_points (fx, second, "2026-08", "bonus_honour", 1, -1);
  score_points (fx, second, "2026-08", "penalty_absent", 1, 1); /* 19 */
  score_basics_q3 (fx, bad);
  score_points (fx, bad, "2026-08", "penalty_central", 1, -1);
  score_basics_q3 (fx, plain); /* 15 < 20: not red */
  run = score_compute (fx, "redblack", "2026-Q3");
  g_assert_cmpuint (run->results->len, ==, 2);
  g_assert_cmpstr (score_find (run, best)->klass, ==, "red");
  g_assert_null (score_find (run, second));
  g_assert_cmpstr (score_find (run, bad)->klass, ==, "black");
  g_assert_null (score_find (run, plain));
  {
    JsonArray *reasons = json_object_get_array_member (json_node_get_object (score_find (run, bad)->explanation),
                                                       "black_reasons");
    g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  }
  /* a half-year is refused */
  {
    g_autoptr (GError) error = NULL;
    GtScorePeriod p;

    gt_score_period_parse ("2026-H1", &p, NULL);
    g_assert_null (gt_score_redblack (fx->storage, fx->rules, &p, &error));
    g_assert_nonnull (error);
  }
}

/* Rules made in the C locale keep the built-in items' English labels (their msgids); under
 * zh_CN the black-list reasons, the explanations and the report show them in Chinese, and a
 * label the office typed itself as it is. */
static void
test_labels_zh_CN (Fixture *fx, gconstpointer data)
{
  const GtScoreItem *central = gt_score_rules_find_item (fx->rules, "penalty_central");
  gint64 bad = score_add_member (fx, fx->org_x, "差");
  g_autoptr (GtScoreRun) members = NULL;
  g_autoptr (GtScoreRun) redblack = NULL;
  g_autofree char *explained = NULL;
  const char *chinese = "不配合中心工作";
  JsonArray *reasons;

  g_assert_nonnull (central);
  g_assert_cmpstr (central->label, ==, "Did not cooperate with central work");
  if (!gt_test_use_zh_CN ())
    return;

  g_assert_cmpstr (gt_label_score_item (central->label), ==, chinese);
  /* typed by the office: no translation */
  g_assert_cmpstr (gt_label_score_item ("我们自己的加分项"), ==, "我们自己的加分项");
  g_assert_cmpstr (gt_label_score_item ("Our own item"), ==, "Our own item");
  g_assert_cmpstr (gt_label_score_item (""), ==, "");

  score_basics_q3 (fx, bad);
  score_points (fx, bad, "2026-08", "penalty_central", 1, -1);
  members = score_compute (fx, "member", "2026-Q3");
  explained = gt_score_explain_text (score_find (members, bad));
  g_test_message ("%s", explained);
  g_assert_nonnull (strstr (explained, chinese));
  g_assert_null (strstr (explained, central->label));

  redblack = score_compute (fx, "redblack", "2026-Q3");
  g_assert_cmpstr (score_find (redblack, bad)->klass, ==, "black");
  reasons = json_object_get_array_member (json_node_get_object (score_find (redblack, bad)->explanation),
                                          "black_reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (reasons, 0), ==, chinese);

  setlocale (LC_ALL, "C");
}

/* The black list from organisational life: 3 meetings in Q3, one member absent from all three
 * (3 ≥ the line of 3) and one who paid no dues in the quarter (3 unpaid months ≥ 3); the
 * member who attended and paid is red with 20 points. */
static void
test_redblack_life (Fixture *fx, gconstpointer data)
{
  gint64 good = score_add_member (fx, fx->org_x, "全勤");
  gint64 absent = score_add_member (fx, fx->org_x, "缺席");
  gint64 unpaid = score_add_member (fx, fx->org_x, "欠费");
  gint64 ids[] = { good, absent, unpaid };
  g_autoptr (GtScoreRun) run = NULL;
  const char *months[] = { "2026-07", "2026-08", "2026-09" };

  for (int m = 0; m < 3; m++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO meetings (uuid, mtime, org_id, kind, date) VALUES ('g%d', 't', %"
        G_GINT64_FORMAT ", 'committee', '%s-10')", m, fx->org_x, months[m]);

      score_exec (fx->storage, sql);
      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          g_autofree char *pay = NULL;

          if (ids[k] != unpaid)
            {
              pay = g_strdup_printf ("INSERT INTO dues_payments (uuid, mtime, member_id, org_id,"
                                     " month, amount_fen, paid_on) VALUES ('d%d-%u', 't', %"
                                     G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', 100, '%s-05')",
                                     m, k, ids[k], fx->org_x, months[m], months[m]);
              score_exec (fx->storage, pay);
            }
        }
      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          g_autofree char *att = g_strdup_printf (
            "INSERT INTO meeting_attendance (meeting_id, member_id, present)"
            " SELECT id, %" G_GINT64_FORMAT ", %d FROM meetings WHERE uuid = 'g%d'",
            ids[k], ids[k] == absent ? 0 : 1, m);

          score_exec (fx->storage, att);
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    score_basics_q3 (fx, ids[k]);
  score_points (fx, good, "2026-08", "bonus_honour", 1, -1);
  run = score_compute (fx, "redblack", "2026-Q3");
  g_assert_cmpuint (run->results->len, ==, 3);
  g_assert_cmpstr (score_find (run, good)->klass, ==, "red");
  g_assert_cmpstr (score_find (run, absent)->klass, ==, "black");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (score_find (run, absent)->explanation),
                                               "missed_meetings"), ==, 3);
  g_assert_cmpstr (score_find (run, unpaid)->klass, ==, "black");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (score_find (run, unpaid)->explanation),
                                               "unpaid_months"), ==, 3);
  /* red first */
  g_assert_cmpstr (((GtScoreResult *) g_ptr_array_index (run->results, 0))->klass, ==, "red");
  /* with the line at four meetings, the absent member is off the black list (and not red:
   * 15 points are below 20) */
  score_set_rule (fx, "redblack.missed_meetings", "4");
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "redblack", "2026-Q3");
  g_assert_null (score_find (run, absent));
}

/* 5 links of 7 (−10), 10 of 20 visits (−10), 不发挥作用 (−5): 75. No links, two complaints:
 * 100 − 35 − 10 = 55 < 60 → 整转: proposed, reviewed, transferred (member events). */
static void
test_link_score (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 good = score_add_member (fx, fx->org_x, "联户");
  gint64 weak = score_add_member (fx, fx->org_x, "弱");
  g_autoptr (GtScoreRun) run = NULL;
  g_autoptr (GtScoreRun) stars = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GtMemberRecord) record = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, weak);
  gint64 proposal = 0;

  score_exec (fx->storage, "INSERT INTO households (uuid, head_name, mtime) VALUES"
                     " ('h1','a','t'),('h2','b','t'),('h3','c','t'),('h4','d','t'),('h5','e','t')");
  for (int h = 1; h <= 5; h++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO member_household_links (uuid, member_id, household_id, mtime)"
        " VALUES ('l%d', %" G_GINT64_FORMAT ", %d, 't');"
        "INSERT INTO visits (uuid, member_id, household_id, date, mtime)"
        " VALUES ('v%da', %" G_GINT64_FORMAT ", %d, '2026-03-01', 't'),"
        " ('v%db', %" G_GINT64_FORMAT ", %d, '2026-06-01', 't'),"
        " ('v%dc', %" G_GINT64_FORMAT ", %d, '2025-06-01', 't')",
        h, good, h, h, good, h, h, good, h, h, good, h);
      score_exec (fx->storage, sql);
    }
  score_points (fx, good, "2026-05", "penalty_no_role", 1, -1);
  score_points (fx, weak, "2026-05", "penalty_complaint", 2, -1);
  run = score_compute (fx, "link", "2026");
  g_assert_cmpfloat (score_find (run, good)->score, ==, 75);
  g_assert_false (score_find (run, good)->warning);
  g_assert_cmpfloat (score_find (run, weak)->score, ==, 55);
  g_assert_true (score_find (run, weak)->warning);

  /* stars: 良 member points −5 → 0 stars; household 0.5 × 0 + 0.5 × 75 = 37.5 → 0 */
  stars = score_compute (fx, "stars", "2026");
  g_assert_cmpint (score_find (stars, good)->stars, ==, 0);

  g_assert_false (gt_rectify_propose (fx->storage, fx->rules, good, 2026, "2026-11-20", NULL, NULL,
                                      &error));
  g_assert_nonnull (strstr (error->message, "not below"));
  g_clear_error (&error);
  g_assert_true (gt_rectify_propose (fx->storage, fx->rules, weak, 2026, "2026-11-20",
                                     "村支部意见", &proposal, &error));
  g_assert_no_error (error);
  g_assert_false (gt_rectify_propose (fx->storage, fx->rules, weak, 2026, "2026-11-21", NULL, NULL,
                                      &error));
  g_clear_error (&error);
  g_assert_false (gt_rectify_review (fx->storage, proposal, TRUE, NULL, "2026-11-25", NULL, &error));
  g_clear_error (&error);
  g_assert_true (gt_rectify_review (fx->storage, proposal, TRUE, "教育整转支部", "2026-11-25",
                                    "同意", &error));
  g_assert_no_error (error);
  g_assert_false (gt_rectify_review (fx->storage, proposal, FALSE, NULL, "2026-11-26", NULL, &error));
  g_clear_error (&error);

  record = gt_member_lookup (fx->storage, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->org_name, ==, "教育整转支部");
  g_assert_cmpstr (((GtMemberEvent *) g_ptr_array_index (record->events, record->events->len - 1))->kind,
                   ==, "transfer_in");
  list = gt_rectify_list (fx->storage, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((GtRectification *) g_ptr_array_index (list, 0))->state, ==, "transferred");
  g_assert_cmpfloat (((GtRectification *) g_ptr_array_index (list, 0))->score, ==, 55);
}

/* Stars: year points 91 → 4 stars (90 ≤ 91 < 95); household 0.5 × 91 + 0.5 × 70 = 80.5 → 3. */
static void
test_stars (Fixture *fx, gconstpointer data)
{
  gint64 s = score_add_member (fx, fx->org_x, "星");
  g_autoptr (GtScoreRun) run = NULL;

  score_points (fx, s, "2026-01", "bonus_advice", 1, 91);
  run = score_compute (fx, "stars", "2026");
  g_assert_cmpfloat (score_find (run, s)->score, ==, 40 + 0); /* bonus capped at 40 a year */
  g_clear_pointer (&run, gt_score_run_free);
  score_set_rule (fx, "member.bonus_cap", "100");
  run = score_compute (fx, "stars", "2026");
  g_assert_cmpfloat (score_find (run, s)->score, ==, 91);
  g_assert_cmpint (score_find (run, s)->stars, ==, 4);
  /* link score: no links: 100 − 7 × 5 = 65 → household 0.5 × 91 + 0.5 × 65 = 78 → 2 stars */
  g_assert_cmpint (score_find (run, s)->household_stars, ==, 2);
}

/* Fortress: X has 2 milestones due in 2026, 1 done → 50 %; points 60 + 0 of 100 → 60 %;
 * weights 30 (points) and 20 (projects), meetings and dues weighing 0:
 * (30 × 60 + 20 × 50) / 50 = 56 → 后进, 不合格. Y: points 90 % → 90 would be 优秀, but no
 * meeting of the schedule was held (compliance 0 < 0.8): basic requirement not met → 良好;
 * with the basic requirement at 0, 优秀. */
static void
test_fortress (Fixture *fx, gconstpointer data)
{
  gint64 a = score_add_member (fx, fx->org_x, "甲");
  gint64 b = score_add_member (fx, fx->org_y, "乙");
  g_autoptr (GtScoreRun) run = NULL;
  g_autofree char *sql = NULL;
  GtScoreResult *r;

  score_set_rule (fx, "fortress.weight_meetings", "0");
  score_set_rule (fx, "fortress.weight_dues", "0");

  sql = g_strdup_printf ("INSERT INTO projects (uuid, number, name, org_id, mtime)"
                         " VALUES ('p1', 'P1', '项目', %" G_GINT64_FORMAT ", 't');"
                         "INSERT INTO milestones (uuid, project_id, seq, name, planned_date, done_date, mtime)"
                         " VALUES ('s1', 1, 1, 'a', '2026-03-01', '2026-03-05', 't'),"
                         " ('s2', 1, 2, 'b', '2026-06-01', NULL, 't'),"
                         " ('s3', 1, 3, 'c', '2027-06-01', NULL, 't')",
                         fx->org_x);
  score_exec (fx->storage, sql);
  g_assert_true (gt_storage_begin (fx->storage, NULL));
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *month = g_strdup_printf ("2026-%02d", m);

      score_points (fx, a, month, "basic_meeting", 1, -1);
      score_points (fx, a, month, "basic_study", 1, -1);
      score_points (fx, a, month, "basic_dues", 1, -1);
      score_points (fx, a, month, "basic_duty", 1, -1);
      score_points (fx, b, month, "basic_meeting", 1, -1);
      score_points (fx, b, month, "basic_study", 1, -1);
      score_points (fx, b, month, "basic_dues", 1, -1);
      score_points (fx, b, month, "basic_duty", 1, -1);
    }
  g_assert_true (gt_storage_commit (fx->storage, NULL));
  score_points (fx, b, "2026-06", "bonus_honour", 6, -1); /* 30 of the 40 cap: 90 % */
  run = score_compute (fx, "fortress", "2026");
  r = score_find (run, fx->org_x);
  g_assert_cmpfloat (r->score, ==, 56);
  g_assert_cmpstr (r->grade, ==, "fail");
  g_assert_cmpstr (r->klass, ==, "lagging");
  r = score_find (run, fx->org_y);
  g_assert_cmpfloat (r->score, ==, 90); /* points only */
  g_assert_cmpstr (r->grade, ==, "good");
  g_assert_false (json_object_get_boolean_member (json_node_get_object (r->explanation), "basic_met"));
  g_assert_cmpstr (r->klass, ==, "advanced");
  g_assert_cmpint (r->rank, ==, 1);

  score_set_rule (fx, "fortress.basic_meetings", "0");
  g_clear_pointer (&run, gt_score_run_free);
  run = score_compute (fx, "fortress", "2026");
  g_assert_cmpstr (score_find (run, fx->org_y)->grade, ==, "excellent");
}

/* Scores 3, 7, 7, 12 and 31: bin width 2 (31 − 2 = 29 > 16 bins of 1) starting at 2; the
 * PDF has one page and the PNG has coloured bars. */
int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/score/periods", test_periods);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, score_setup, fn, score_teardown)
  ADD ("/score/rubric-sum", test_rubric_sum);
  ADD ("/score/band-edges", test_band_edges);
  ADD ("/score/basic-not-met", test_basic_not_met);
  ADD ("/score/downgrade", test_downgrade);
  ADD ("/score/bottom-share", test_bottom_share);
  ADD ("/score/branch-change", test_branch_change);
  ADD ("/score/published-kept", test_published_kept);
  ADD ("/score/rules-file", test_rules_file);
  ADD ("/score/redblack", test_redblack);
  ADD ("/score/redblack-life", test_redblack_life);
  ADD ("/score/labels-zh_CN", test_labels_zh_CN);
  ADD ("/score/link-score", test_link_score);
  ADD ("/score/stars", test_stars);
  ADD ("/score/fortress", test_fortress);
  return g_test_run ();
}
