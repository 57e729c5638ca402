/* gt-fortress.c — 村社党组织堡垒指数 per branch (domain §3.1 [001 L48-50]) from weighted
 * components, with the classes 先进 / 中间 / 后进 (at least the weakest share 后进, §3.9
 * [001 L5292-5296]) and the four grades 优秀 / 良好 / 达标 / 不合格 where a basic requirement
 * not met rules out 优秀 (§3.8 [002 L94-102])
 *
 * Components (each a share 0…1, weights are settings):
 * - meetings: compliance with the organisational-life schedule (gt_life_compliance_rate);
 * - dues: member-months paid (gt_dues_paid_rate);
 * - points: the average points of the branch's members in the period against full marks;
 * - projects: milestones due in the period that were done by its end.
 * A component without data for the branch is left out and the others' weights carry it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gt-ratings.h"

#include "gt-dues.h"
#include "gt-life.h"

typedef struct
{
  const char *code;
  const char *label;
  const char *weight_key;
  gboolean known;
  double rate;
  char *detail;
} Component;

static gboolean
life_rates (GtStorage *storage, gint64 org_id, const GtScorePeriod *period, Component *meetings,
            Component *dues, GError **error)
{
  if (!gt_life_compliance_rate (storage, org_id, period->first_ym, period->last_ym,
                                &meetings->rate, error) ||
      !gt_dues_paid_rate (storage, org_id, period->first_ym, period->last_ym, &dues->rate, error))
    return FALSE;
  meetings->known = TRUE;
  dues->known = TRUE;
  meetings->detail = g_strdup_printf (_("requirements met %g%%"), gt_score_round2 (meetings->rate * 100));
  dues->detail = g_strdup_printf (_("member-months paid %g%%"), gt_score_round2 (dues->rate * 100));
  return TRUE;
}

static gboolean
points_rate (GtStorage *storage, const GtScoreRules *rules, gint64 org_id,
             const GtScorePeriod *period, Component *component, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT count (DISTINCT member_id), coalesce (sum (points), 0) FROM score_points"
    " WHERE org_id = ? AND month BETWEEN ? AND ?",
    error);
  double basic = 0, full, average;
  gint64 members = 0, total = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_text (stmt, 2, period->first_ym, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period->last_ym, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      members = sqlite3_column_int64 (stmt, 0);
      total = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (members == 0)
    {
      component->detail = g_strdup (_("no points recorded"));
      return TRUE;
    }
  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = g_ptr_array_index (rules->items, i);

      if (g_strcmp0 (item->category, "basic") == 0)
        basic += item->points;
    }
  full = (basic * 12 + gt_score_rules_get (rules, "member.bonus_cap")) *
         gt_score_period_fraction (period);
  average = (double) total / members;
  component->known = full > 0;
  component->rate = full > 0 ? CLAMP (average / full, 0, 1) : 0;
  component->detail = g_strdup_printf (_("average %g of %g points over %d members"),
                                       gt_score_round2 (average), gt_score_round2 (full),
                                       (int) members);
  return TRUE;
}

static gboolean
projects_rate (GtStorage *storage, gint64 org_id, const GtScorePeriod *period,
               Component *component, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT count(*), coalesce (sum (s.done_date IS NOT NULL AND s.done_date <= ?3), 0)"
    " FROM milestones s JOIN projects p ON p.id = s.project_id"
    " WHERE p.org_id = ?1 AND s.planned_date BETWEEN ?2 AND ?3",
    error);
  gint64 due = 0, done = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_text (stmt, 2, period->start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period->end, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      due = sqlite3_column_int64 (stmt, 0);
      done = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (due == 0)
    {
      component->detail = g_strdup (_("no milestones due"));
      return TRUE;
    }
  component->known = TRUE;
  component->rate = (double) done / due;
  component->detail = g_strdup_printf (_("%d of %d milestones due were done"), (int) done, (int) due);
  return TRUE;
}

static int
compare_index (gconstpointer a, gconstpointer b)
{
  const GtScoreResult *x = *(GtScoreResult *const *) a, *y = *(GtScoreResult *const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->org_id < y->org_id ? -1 : x->org_id > y->org_id;
}

static void
note (GtScoreResult *result, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
note (GtScoreResult *result, const char *format, ...)
{
  JsonObject *object = json_node_get_object (result->explanation);
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (!json_object_has_member (object, "notes"))
    json_object_set_array_member (object, "notes", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (object, "notes"), text);
}

static GtScoreResult *
org_result (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *period,
            gint64 org_id, const char *name, GError **error)
{
  Component parts[] = {
    { "meetings", N_("Meeting compliance"), "fortress.weight_meetings" },
    { "dues", N_("Dues paid"), "fortress.weight_dues" },
    { "points", N_("Members' average points"), "fortress.weight_points" },
    { "projects", N_("Project milestones done"), "fortress.weight_projects" },
  };
  GtScoreResult *result = NULL;
  JsonObject *object;
  JsonArray *items;
  double weights = 0, sum = 0;
  gboolean ok;
  int g;
  static const char *const grades[] = { "excellent", "good", "pass", "fail" };
  const char *grade_keys[] = { "fortress.grade_excellent", "fortress.grade_good",
                               "fortress.grade_pass" };

  ok = life_rates (storage, org_id, period, &parts[0], &parts[1], error) &&
       points_rate (storage, rules, org_id, period, &parts[2], error) &&
       projects_rate (storage, org_id, period, &parts[3], error);
  if (!ok)
    goto out;

  result = g_new0 (GtScoreResult, 1);
  result->org_id = org_id;
  result->name = g_strdup (name);
  result->org_name = g_strdup (name);
  result->explanation = json_node_init_object (json_node_alloc (), json_object_new ());
  object = json_node_get_object (result->explanation);
  items = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      JsonObject *line = json_object_new ();
      double w = gt_score_rules_get (rules, parts[i].weight_key);

      json_object_set_string_member (line, "code", parts[i].code);
      json_object_set_string_member (line, "label", _(parts[i].label));
      json_object_set_boolean_member (line, "known", parts[i].known);
      json_object_set_double_member (line, "points", gt_score_round2 (parts[i].rate * 100));
      json_object_set_double_member (line, "weight", parts[i].known ? w : 0);
      json_object_set_string_member (line, "detail", parts[i].detail);
      json_array_add_object_element (items, line);
      if (parts[i].known)
        {
          weights += w;
          sum += w * parts[i].rate * 100;
        }
    }
  json_object_set_string_member (object, "formula", "sum(weight × component%) / sum(weights)");
  json_object_set_array_member (object, "items", items);
  json_object_set_double_member (object, "weights", weights);
  result->score = weights > 0 ? gt_score_round2 (sum / weights) : 0;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    note (result, "%s: %s", _(parts[i].label), parts[i].detail);
  note (result, _("Index %g = weighted mean of the known components (weights %g in all)"),
        result->score, weights);

  g = 3;
  for (int i = 0; i < 3; i++)
    if (result->score >= gt_score_rules_get (rules, grade_keys[i]) - 1e-9)
      {
        g = i;
        break;
      }
  {
    gboolean meetings_short = parts[0].known &&
      parts[0].rate < gt_score_rules_get (rules, "fortress.basic_meetings") - 1e-9;
    gboolean dues_short = parts[1].known &&
      parts[1].rate < gt_score_rules_get (rules, "fortress.basic_dues") - 1e-9;

    json_object_set_boolean_member (object, "basic_met", !meetings_short && !dues_short);
    if (g == 0 && (meetings_short || dues_short))
      {
        g = 1;
        note (result, _("Basic requirement not met (%s): no 优秀 → %s"),
              meetings_short ? _("meeting compliance") : _("dues paid"),
              gt_label_score_grade (grades[g]));
      }
  }
  result->grade = g_strdup (grades[g]);

out:
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_free (parts[i].detail);
  return result;
}

GtScoreRun *
gt_score_fortress (GtStorage *storage, const GtScoreRules *rules, const GtScorePeriod *period,
                   GError **error)
{
  g_autoptr (GtScoreRun) run = g_new0 (GtScoreRun, 1);
  sqlite3_stmt *stmt;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double advanced = gt_score_rules_get (rules, "fortress.advanced");
  double lagging = gt_score_rules_get (rules, "fortress.lagging");
  double weak_share = gt_score_rules_get (rules, "fortress.weak_share");
  guint n, k;
  int rc;

  run->kind = g_strdup ("fortress");
  run->period = g_strdup (period->text);
  run->rule_version = rules->version;
  run->created = gt_now_iso8601 ();
  run->results = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_score_result_free);

  stmt = gt_storage_prepare (storage,
                             "SELECT id, name FROM organizations WHERE kind IN ('branch', 'general_branch')"
                             " AND archived = 0 ORDER BY sort_order, id",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, GT_COLUMN_TEXT (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "organizations");
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      GtScoreResult *r = org_result (storage, rules, period, g_array_index (ids, gint64, i),
                                     g_ptr_array_index (names, i), error);

      if (r == NULL)
        return NULL;
      /* A branch with nothing to measure in the period is not rated. */
      if (json_object_get_double_member (json_node_get_object (r->explanation), "weights") <= 0)
        {
          gt_score_result_free (r);
          continue;
        }
      g_ptr_array_add (run->results, r);
    }

  g_ptr_array_sort (run->results, compare_index);
  n = run->results->len;
  k = (n > 0 && weak_share > 0) ? MAX (1, (guint) ceil (weak_share * n - 1e-9)) : 0;
  for (guint i = 0; i < n; i++)
    {
      GtScoreResult *r = g_ptr_array_index (run->results, i);
      GtScoreResult *prev = i > 0 ? g_ptr_array_index (run->results, i - 1) : NULL;
      const char *klass = r->score >= advanced - 1e-9 ? "advanced"
                          : r->score < lagging - 1e-9 ? "lagging" : "middle";

      r->rank = (prev != NULL && prev->score == r->score) ? prev->rank : (int) i + 1;
      note (r, _("Class by index: 先进 ≥ %g, 后进 < %g → %s"), advanced, lagging,
            gt_label_score_class (klass));
      if (i >= n - k && g_strcmp0 (klass, "lagging") != 0)
        {
          klass = "lagging";
          note (r, _("Among the weakest %u of %u (share %g, 倒排): 后进"), k, n, weak_share);
        }
      r->klass = g_strdup (klass);
      json_object_set_int_member (json_node_get_object (r->explanation), "rank", r->rank);
    }
  return g_steal_pointer (&run);
}
