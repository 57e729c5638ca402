/* gt-ratings.c — 党员先锋指数 per period (月度积分、半年评定、年终亮分、末位警示, domain §3.2),
 * the quarterly 红黑榜 (§3.3) and the star ratings (§3.4)
 *
 * Every result carries an explanation object: "items" (what was counted, with points or
 * weights), "notes" (the rules applied, as sentences) and the numbers behind them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gt-points.h"
#include "gt-ratings.h"

static const char *const grades[] = { "excellent", "good", "pass", "fail" };

double
gt_score_round2 (double value)
{
  return round (value * 100.0) / 100.0;
}

typedef struct
{
  gint64 member_id, org_id;
  char *name, *org_name;
  int basic, bonus, deductions, downgrades, penalty_entries;
  GPtrArray *black_items; /* labels of black-list items entered */
  JsonArray *items;
} Tally;

static void
tally_free (Tally *tally)
{
  g_free (tally->name);
  g_free (tally->org_name);
  g_ptr_array_unref (tally->black_items);
  json_array_unref (tally->items);
  g_free (tally);
}

/* Active members with the branch they belonged to at the end of @period, and their entries. */
static GPtrArray *
tally_members (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *period,
               GError **error)
{
  g_autoptr (GPtrArray) tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gt_storage_prepare (
    storage,
    "SELECT m.id, m.name, o.id, o.name FROM members m"
    " JOIN organizations o ON o.id = coalesce ((SELECT e.org_id FROM member_events e"
    "   WHERE e.member_id = m.id AND e.kind IN ('admission', 'transfer_in')"
    "   AND e.org_id IS NOT NULL AND e.date <= ?1 ORDER BY e.date DESC, e.id DESC LIMIT 1),"
    "   m.org_id)"
    " WHERE m.status = 'active' AND (m.join_date IS NULL OR m.join_date <= ?1)"
    " ORDER BY o.sort_order, o.id, m.id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, period->end, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tally *tally = g_new0 (Tally, 1);

      tally->member_id = sqlite3_column_int64 (stmt, 0);
      tally->name = GT_COLUMN_TEXT (stmt, 1);
      tally->org_id = sqlite3_column_int64 (stmt, 2);
      tally->org_name = GT_COLUMN_TEXT (stmt, 3);
      tally->black_items = g_ptr_array_new_with_free_func (g_free);
      tally->items = json_array_new ();
      g_ptr_array_add (tallies, tally);
      g_hash_table_insert (by_id, &tally->member_id, tally);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "members");
      return NULL;
    }

  stmt = gt_storage_prepare (
    storage,
    "SELECT member_id, item_code, category, count(*), sum(points) FROM score_points"
    " WHERE month BETWEEN ? AND ? GROUP BY member_id, item_code"
    " ORDER BY member_id, CASE category WHEN 'basic' THEN 0 WHEN 'bonus' THEN 1"
    " WHEN 'penalty' THEN 2 ELSE 3 END, item_code",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, period->first_ym, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, period->last_ym, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 member_id = sqlite3_column_int64 (stmt, 0);
      Tally *tally = g_hash_table_lookup (by_id, &member_id);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *category = (const char *) sqlite3_column_text (stmt, 2);
      int count = sqlite3_column_int (stmt, 3);
      int points = sqlite3_column_int (stmt, 4);
      const GtScoreItem *item = gt_score_rules_find_item (rules, code);
      const char *label = item ? item->label : code;
      JsonObject *line;

      if (tally == NULL)
        continue; /* no longer an active member */
      if (g_strcmp0 (category, "basic") == 0)
        tally->basic += points;
      else if (g_strcmp0 (category, "bonus") == 0)
        tally->bonus += points;
      else
        {
          tally->deductions -= points;
          tally->penalty_entries += count;
          if (g_strcmp0 (category, "downgrade") == 0)
            tally->downgrades += count;
        }
      if ((item != NULL && item->black) || g_strcmp0 (category, "downgrade") == 0)
        g_ptr_array_add (tally->black_items, g_strdup (label));

      line = json_object_new ();
      json_object_set_string_member (line, "code", code);
      json_object_set_string_member (line, "label", label);
      json_object_set_string_member (line, "category", category);
      json_object_set_int_member (line, "count", count);
      json_object_set_int_member (line, "points", points);
      json_array_add_object_element (tally->items, line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "points");
      return NULL;
    }
  return g_steal_pointer (&tallies);
}

static GtScoreResult *
result_new (const Tally *tally)
{
  GtScoreResult *result = g_new0 (GtScoreResult, 1);

  result->member_id = tally->member_id;
  result->org_id = tally->org_id;
  result->name = g_strdup (tally->name);
  result->org_name = g_strdup (tally->org_name);
  result->klass = g_strdup ("");
  result->grade = g_strdup ("");
  result->explanation = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (result->explanation, json_object_new ());
  return result;
}

static JsonObject *
explanation (GtScoreResult *result)
{
  return json_node_get_object (result->explanation);
}

static void
add_note (GtScoreResult *result, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_note (GtScoreResult *result, const char *format, ...)
{
  JsonObject *object = explanation (result);
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (!json_object_has_member (object, "notes"))
    json_object_set_array_member (object, "notes", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (object, "notes"), text);
}

static int
grade_index (const char *grade)
{
  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    if (g_strcmp0 (grades[i], grade) == 0)
      return (int) i;
  return G_N_ELEMENTS (grades) - 1;
}

static GtScoreRun *
run_new (const char *kind, const GtScoreRules *rules, const GtScorePeriod *period)
{
  GtScoreRun *run = g_new0 (GtScoreRun, 1);

  run->kind = g_strdup (kind);
  run->period = g_strdup (period->text);
  run->rule_version = rules->version;
  run->created = gt_now_iso8601 ();
  run->results = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_score_result_free);
  return run;
}

/* The member's points and grade for the period (no rank yet). */
static GtScoreResult *
member_result (const GtScoreRules *rules, const GtScorePeriod *period, const Tally *tally,
               double basic_per_month)
{
  GtScoreResult *result = result_new (tally);
  JsonObject *object = explanation (result);
  JsonObject *bands = json_object_new ();
  double f = gt_score_period_fraction (period);
  double cap = gt_score_rules_get (rules, "member.bonus_cap") * f;
  double bonus = MIN ((double) tally->bonus, cap);
  double basic_possible = basic_per_month * period->n_months;
  double basic_required = gt_score_rules_get (rules, "member.basic_required_share") * basic_possible;
  double band[3] = {
    gt_score_round2 (gt_score_rules_get (rules, "member.band_excellent") * f),
    gt_score_round2 (gt_score_rules_get (rules, "member.band_good") * f),
    gt_score_round2 (gt_score_rules_get (rules, "member.band_pass") * f),
  };
  int g = 3, steps = gt_score_rules_get_int (rules, "member.downgrade_steps");
  gboolean basic_met = tally->basic >= basic_required - 1e-9;

  result->score = gt_score_round2 (tally->basic + bonus - tally->deductions);
  for (int i = 0; i < 3; i++)
    if (result->score >= band[i] - 1e-9)
      {
        g = i;
        break;
      }

  json_object_set_string_member (object, "formula", "basic + min(bonus, bonus_cap) - deductions");
  json_object_set_string_member (object, "period", period->text);
  json_object_set_int_member (object, "months", period->n_months);
  json_object_set_array_member (object, "items", json_array_ref (tally->items));
  json_object_set_int_member (object, "basic", tally->basic);
  json_object_set_double_member (object, "basic_possible", gt_score_round2 (basic_possible));
  json_object_set_double_member (object, "basic_required", gt_score_round2 (basic_required));
  json_object_set_boolean_member (object, "basic_met", basic_met);
  json_object_set_int_member (object, "bonus", tally->bonus);
  json_object_set_double_member (object, "bonus_cap", gt_score_round2 (cap));
  json_object_set_double_member (object, "bonus_counted", gt_score_round2 (bonus));
  json_object_set_int_member (object, "deductions", tally->deductions);
  json_object_set_int_member (object, "downgrades", tally->downgrades);
  json_object_set_double_member (bands, "excellent", band[0]);
  json_object_set_double_member (bands, "good", band[1]);
  json_object_set_double_member (bands, "pass", band[2]);
  json_object_set_object_member (object, "bands", bands);
  json_object_set_string_member (object, "grade_by_points", grades[g]);

  add_note (result, _("%g = basic %d + bonus %g (of %d, cap %g) − deductions %d"), result->score,
            tally->basic, gt_score_round2 (bonus), tally->bonus, gt_score_round2 (cap),
            tally->deductions);
  add_note (result, _("Bands for %d months: 优秀 ≥ %g, 良好 ≥ %g, 达标 ≥ %g → %s"),
            period->n_months, band[0], band[1], band[2], gt_label_score_grade (grades[g]));
  if (g == 0 && !basic_met)
    {
      g = 1;
      add_note (result, _("Basic points %d below the required %g: no 优秀 → %s"), tally->basic,
                gt_score_round2 (basic_required), gt_label_score_grade (grades[g]));
    }
  if (tally->downgrades > 0 && steps > 0)
    {
      g = MIN (3, g + tally->downgrades * steps);
      add_note (result, _("%d direct-downgrade entries, %d grade(s) each → %s"), tally->downgrades,
                steps, gt_label_score_grade (grades[g]));
    }
  g_free (result->grade);
  result->grade = g_strdup (grades[g]);
  return result;
}

static int
compare_score (gconstpointer a, gconstpointer b)
{
  const GtScoreResult *x = *(GtScoreResult *const *) a, *y = *(GtScoreResult *const *) b;

  if (x->org_id != y->org_id)
    return x->org_id < y->org_id ? -1 : 1;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (grade_index (x->grade) != grade_index (y->grade))
    return grade_index (x->grade) - grade_index (y->grade);
  return x->member_id < y->member_id ? -1 : x->member_id > y->member_id;
}

/* Ranks within each organisation (1, 2, 2, 4 for ties) and, when @warn_share > 0, warns the
 * bottom share of each organisation: ceil(share × n) members, at least one when n ≥ 2, and
 * everyone tied with the last of them. */
static void
rank_by_org (GPtrArray *results, double warn_share)
{
  g_ptr_array_sort (results, compare_score);
  for (guint start = 0; start < results->len;)
    {
      guint end = start;
      GtScoreResult *first = g_ptr_array_index (results, start);

      while (end < results->len &&
             ((GtScoreResult *) g_ptr_array_index (results, end))->org_id == first->org_id)
        end++;
      for (guint i = start; i < end; i++)
        {
          GtScoreResult *r = g_ptr_array_index (results, i);
          GtScoreResult *prev = i > start ? g_ptr_array_index (results, i - 1) : NULL;

          r->rank = (prev != NULL && prev->score == r->score) ? prev->rank : (int) (i - start + 1);
          json_object_set_int_member (explanation (r), "rank_in_org", r->rank);
          json_object_set_int_member (explanation (r), "members_in_org", end - start);
        }
      if (warn_share > 0 && end - start >= 2)
        {
          guint n = end - start;
          guint k = MAX (1, (guint) ceil (warn_share * n - 1e-9));
          double line = ((GtScoreResult *) g_ptr_array_index (results, end - k))->score;

          for (guint i = start; i < end; i++)
            {
              GtScoreResult *r = g_ptr_array_index (results, i);

              if (r->score <= line)
                {
                  r->warning = TRUE;
                  add_note (r, _("末位警示: among the bottom %u of %u in %s (share %g, line %g)"),
                            k, n, r->org_name, warn_share, line);
                }
              json_object_set_boolean_member (explanation (r), "warning", r->warning);
            }
        }
      start = end;
    }
}

static double
basic_points_per_month (const GtScoreRules *rules)
{
  double total = 0;

  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = g_ptr_array_index (rules->items, i);

      if (g_strcmp0 (item->category, "basic") == 0)
        total += item->points;
    }
  return total;
}

GtScoreRun *
gt_score_members (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *period,
                  GError **error)
{
  g_autoptr (GPtrArray) tallies = tally_members (storage, rules, period, error);
  GtScoreRun *run;
  double per_month = basic_points_per_month (rules);

  if (tallies == NULL)
    return NULL;
  run = run_new ("member", rules, period);
  for (guint i = 0; i < tallies->len; i++)
    g_ptr_array_add (run->results, member_result (rules, period, g_ptr_array_index (tallies, i),
                                                  per_month));
  rank_by_org (run->results,
               period->kind == 'Y' ? gt_score_rules_get (rules, "member.bottom_share") : 0);
  return run;
}

static int
compare_list (gconstpointer a, gconstpointer b)
{
  const GtScoreResult *x = *(GtScoreResult *const *) a, *y = *(GtScoreResult *const *) b;
  int c = -g_strcmp0 (x->klass, y->klass); /* red before black */

  if (c != 0)
    return c;
  if (x->org_id != y->org_id)
    return x->org_id < y->org_id ? -1 : 1;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->member_id < y->member_id ? -1 : x->member_id > y->member_id;
}

/* member id → count, from a two-column query over a date or month range. */
static gboolean
count_by_member (GtStorage *storage, const char *sql, const char *from, const char *to,
                 GHashTable *counts, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, key, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "organisational life");
      return FALSE;
    }
  return TRUE;
}

static int
lookup_count (GHashTable *counts, gint64 member_id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (counts, &member_id));
}

/* Months of @quarter in which member @member_id had been admitted. */
static int
member_months (GtStorage *storage, gint64 member_id, const GtScorePeriod *quarter)
{
  int months = 0;

  for (int m = 0; m < quarter->n_months; m++)
    {
      g_autofree char *end = NULL;
      gint64 org_id = 0;
      int month = quarter->first_month + m;

      end = g_strdup_printf ("%04d-%02d-%02d", quarter->year, month,
                             g_date_get_days_in_month ((GDateMonth) month, (GDateYear) quarter->year));
      if (gt_member_org_on (storage, member_id, end, &org_id, NULL) && org_id != 0)
        months++;
    }
  return months;
}

GtScoreRun *
gt_score_redblack (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *quarter,
                   GError **error)
{
  g_autoptr (GtScoreRun) scores = NULL;
  g_autoptr (GHashTable) missed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) paid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GPtrArray) tallies = NULL;
  g_autoptr (GHashTable) tally_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) red_count = g_hash_table_new (g_int64_hash, g_int64_equal);
  GtScoreRun *run;
  gboolean have_meetings, have_dues = FALSE;
  int missed_line = gt_score_rules_get_int (rules, "redblack.missed_meetings");
  int dues_line = gt_score_rules_get_int (rules, "redblack.dues_months");
  int red_per_org = gt_score_rules_get_int (rules, "redblack.red_per_org");
  double red_line = gt_score_round2 (gt_score_rules_get (rules, "redblack.red_min_score") *
                                     gt_score_period_fraction (quarter));

  if (quarter->kind != 'Q')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("the red/black list is quarterly: “%s” is not a quarter (e.g. 2026-Q3)"),
                   quarter->text);
      return NULL;
    }
  scores = gt_score_members (storage, rules, quarter, error);
  tallies = scores ? tally_members (storage, rules, quarter, error) : NULL;
  if (tallies == NULL)
    return NULL;
  for (guint i = 0; i < tallies->len; i++)
    {
      Tally *t = g_ptr_array_index (tallies, i);

      g_hash_table_insert (tally_by_id, &t->member_id, t);
    }

  have_meetings = gt_score_has_table (storage, "meeting_attendance") &&
                  gt_score_has_table (storage, "meetings");
  if (have_meetings &&
      !count_by_member (storage,
                        "SELECT a.member_id, count(*) FROM meeting_attendance a"
                        " JOIN meetings g ON g.id = a.meeting_id"
                        " WHERE a.present = 0 AND g.date BETWEEN ? AND ? GROUP BY a.member_id",
                        quarter->start, quarter->end, missed, error))
    return NULL;
  if (gt_score_has_table (storage, "dues_payments"))
    {
      if (!count_by_member (storage,
                            "SELECT member_id, count (DISTINCT month) FROM dues_payments"
                            " WHERE month BETWEEN ? AND ? AND amount_fen > 0 GROUP BY member_id",
                            quarter->first_ym, quarter->last_ym, paid, error))
        return NULL;
      /* No payment recorded at all for the quarter: dues are not being kept here yet. */
      have_dues = g_hash_table_size (paid) > 0;
    }

  run = run_new ("redblack", rules, quarter);
  /* scores are sorted by branch, best first: the first clean members above the line are red. */
  for (guint i = 0; i < scores->results->len; i++)
    {
      GtScoreResult *score = g_ptr_array_index (scores->results, i);
      Tally *tally = g_hash_table_lookup (tally_by_id, &score->member_id);
      g_autoptr (JsonArray) reasons = json_array_new ();
      GtScoreResult *result;
      int n_missed = lookup_count (missed, score->member_id);
      int unpaid = 0;
      gboolean black;

      if (have_dues)
        unpaid = MAX (0, member_months (storage, score->member_id, quarter) -
                           lookup_count (paid, score->member_id));
      for (guint k = 0; tally != NULL && k < tally->black_items->len; k++)
        json_array_add_string_element (reasons,
                                       gt_label_score_item (g_ptr_array_index (tally->black_items, k)));
      if (have_meetings && n_missed >= missed_line)
        json_array_add_string_element (reasons, _("Did not take part in organisational life"));
      if (have_dues && unpaid >= dues_line)
        json_array_add_string_element (reasons, _("Did not pay dues"));
      black = json_array_get_length (reasons) > 0;

      if (!black)
        {
          int n_red = GPOINTER_TO_INT (g_hash_table_lookup (red_count, &score->org_id));

          if (tally == NULL || tally->penalty_entries > 0 || score->score < red_line - 1e-9 ||
              n_red >= red_per_org)
            continue;
          g_hash_table_insert (red_count, &score->org_id, GINT_TO_POINTER (n_red + 1));
        }

      result = g_new0 (GtScoreResult, 1);
      result->member_id = score->member_id;
      result->org_id = score->org_id;
      result->name = g_strdup (score->name);
      result->org_name = g_strdup (score->org_name);
      result->score = score->score;
      result->klass = g_strdup (black ? "black" : "red");
      result->grade = g_strdup (score->grade);
      result->rank = score->rank;
      result->explanation = json_node_copy (score->explanation);
      {
        JsonObject *object = json_node_get_object (result->explanation);

        json_object_set_int_member (object, "missed_meetings", n_missed);
        json_object_set_boolean_member (object, "meetings_known", have_meetings);
        json_object_set_int_member (object, "unpaid_months", unpaid);
        json_object_set_boolean_member (object, "dues_known", have_dues);
        json_object_set_array_member (object, "black_reasons", json_array_ref (reasons));
        if (black)
          {
            g_autoptr (GString) text = g_string_new ("");

            for (guint k = 0; k < json_array_get_length (reasons); k++)
              g_string_append_printf (text, "%s%s", k ? "；" : "",
                                      json_array_get_string_element (reasons, k));
            add_note (result, _("Black list: %s (missed meetings %d, line %d; unpaid months %d, "
                                "line %d); to be managed by the rectification branch"),
                      text->str, n_missed, missed_line, unpaid, dues_line);
          }
        else
          add_note (result, _("闪光之星: rank %d in %s with %g points (line %g), no deduction"),
                    score->rank, score->org_name, score->score, red_line);
      }
      g_ptr_array_add (run->results, result);
    }
  /* The notice lists the red list first, then the black list, each by branch. */
  g_ptr_array_sort (run->results, compare_list);
  return run;
}

static int
stars_for (const GtScoreRules *rules, const char *prefix, double score)
{
  int stars = 0;

  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s%d", prefix, i);

      if (score >= gt_score_rules_get (rules, key) - 1e-9)
        stars = i;
    }
  return stars;
}

GtScoreRun *
gt_score_stars (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *year,
                GError **error)
{
  g_autoptr (GtScoreRun) scores = NULL;
  g_autoptr (GtScoreRun) links = NULL;
  g_autoptr (GHashTable) link_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  double w = gt_score_rules_get (rules, "stars.household_points_weight");
  GtScoreRun *run;

  if (year->kind != 'Y')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("stars are rated for a year: “%s” is not a year"), year->text);
      return NULL;
    }
  scores = gt_score_members (storage, rules, year, error);
  links = scores ? gt_score_link (storage, rules, year, error) : NULL;
  if (links == NULL)
    return NULL;
  for (guint i = 0; i < links->results->len; i++)
    {
      GtScoreResult *r = g_ptr_array_index (links->results, i);

      g_hash_table_insert (link_by_id, &r->member_id, r);
    }

  run = run_new ("stars", rules, year);
  for (guint i = 0; i < scores->results->len; i++)
    {
      GtScoreResult *score = g_ptr_array_index (scores->results, i);
      GtScoreResult *link = g_hash_table_lookup (link_by_id, &score->member_id);
      GtScoreResult *result = g_new0 (GtScoreResult, 1);
      double link_score = link ? link->score : 0;
      double points = CLAMP (score->score, 0, 100);
      double household = gt_score_round2 (w * points + (1 - w) * link_score);
      JsonObject *object;
      JsonArray *items = json_array_new ();
      JsonObject *line;

      result->member_id = score->member_id;
      result->org_id = score->org_id;
      result->name = g_strdup (score->name);
      result->org_name = g_strdup (score->org_name);
      result->score = score->score;
      result->klass = g_strdup ("");
      result->grade = g_strdup (score->grade);
      result->rank = score->rank;
      result->stars = stars_for (rules, "stars.member_", score->score);
      result->household_stars = stars_for (rules, "stars.household_", household);
      result->explanation = json_node_new (JSON_NODE_OBJECT);
      object = json_object_new ();
      json_node_take_object (result->explanation, object);

      line = json_object_new ();
      json_object_set_string_member (line, "label", _("Year points"));
      json_object_set_double_member (line, "points", score->score);
      json_object_set_double_member (line, "weight", w);
      json_array_add_object_element (items, line);
      line = json_object_new ();
      json_object_set_string_member (line, "label", _("Household-link score"));
      json_object_set_double_member (line, "points", link_score);
      json_object_set_double_member (line, "weight", gt_score_round2 (1 - w));
      json_array_add_object_element (items, line);
      json_object_set_array_member (object, "items", items);
      json_object_set_double_member (object, "household_score", household);
      add_note (result, _("Member stars %d: %g points against the lines %g, %g, %g, %g, %g"),
                result->stars, score->score, gt_score_rules_get (rules, "stars.member_1"),
                gt_score_rules_get (rules, "stars.member_2"),
                gt_score_rules_get (rules, "stars.member_3"),
                gt_score_rules_get (rules, "stars.member_4"),
                gt_score_rules_get (rules, "stars.member_5"));
      add_note (result, _("星级共产党员户 %d: %g × %g (points, at most 100) + %g × %g (link score) = %g"),
                result->household_stars, w, points, gt_score_round2 (1 - w), link_score, household);
      g_ptr_array_add (run->results, result);
    }
  return run;
}

GtScoreRun *
gt_score_compute (GtStorage *storage, const GtScoreRules *rules, const char *kind,
                  const GtScorePeriod *period, GError **error)
{
  if (g_strcmp0 (kind, "member") == 0)
    return gt_score_members (storage, rules, period, error);
  if (g_strcmp0 (kind, "redblack") == 0)
    return gt_score_redblack (storage, rules, period, error);
  if (g_strcmp0 (kind, "stars") == 0)
    return gt_score_stars (storage, rules, period, error);
  if (g_strcmp0 (kind, "link") == 0)
    {
      if (period->kind != 'Y')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("the household-link score is annual: “%s” is not a year"), period->text);
          return NULL;
        }
      return gt_score_link (storage, rules, period, error);
    }
  if (g_strcmp0 (kind, "fortress") == 0)
    return gt_score_fortress (storage, rules, period, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a kind of score (member, redblack, stars, link, fortress)"), kind);
  return NULL;
}
