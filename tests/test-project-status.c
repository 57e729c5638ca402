/* test-project-status.c — project status rules and the chart legend in the meta table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-project-status.h"

static GtProject
project (const char *start, const char *due, const char *closed, const char *next,
         gint64 n_milestones, gint64 n_done)
{
  GtProject p = { 0 };

  p.start_date = (char *) start;
  p.due_date = (char *) due;
  p.closed_date = (char *) closed;
  p.next_date = (char *) next;
  p.n_milestones = n_milestones;
  p.n_done = n_done;
  return p;
}

static void
test_status_rules (void)
{
  GtProject p;

  /* Closed, or every milestone ticked off: done, even when dates have passed. */
  p = project ("2026-01-01", "2026-03-01", "2026-02-20", NULL, 3, 2);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==, GT_PROJECT_STATUS_DONE);
  p = project ("2026-01-01", "2026-03-01", NULL, NULL, 3, 3);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==, GT_PROJECT_STATUS_DONE);
  /* No milestones and not closed: never done by count. */
  p = project (NULL, NULL, NULL, NULL, 0, 0);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==,
                   GT_PROJECT_STATUS_ON_TRACK);

  /* Due date passed (yesterday), or the next node's planned date passed. */
  p = project (NULL, "2026-11-30", NULL, NULL, 0, 0);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==,
                   GT_PROJECT_STATUS_OVERDUE);
  p = project (NULL, "2027-06-30", NULL, "2026-11-30", 4, 1);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==,
                   GT_PROJECT_STATUS_OVERDUE);
  /* Due today is not overdue yet: it is at risk (0 days away). */
  p = project (NULL, "2026-12-01", NULL, NULL, 0, 0);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==,
                   GT_PROJECT_STATUS_AT_RISK);

  /* Next node 14 days away: at risk with a window of 14, on track with 13. */
  p = project (NULL, "2027-06-30", NULL, "2026-12-15", 4, 1);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==,
                   GT_PROJECT_STATUS_AT_RISK);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 13), ==,
                   GT_PROJECT_STATUS_ON_TRACK);
  /* Across a month end: 2026-12-25 → 2027-01-08 is 14 days. */
  p = project (NULL, "2027-06-30", NULL, "2027-01-08", 4, 1);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-25", 14), ==,
                   GT_PROJECT_STATUS_AT_RISK);

  /* Linear schedule: 2026-01-01 … 2027-01-01 (365 days), 4 milestones. On 2026-07-02
   * (182 days) 4 × 182/365 = 1.99 → 1 expected: 1 done is on track, 0 done is at risk.
   * On 2026-07-03 (183 days) 2.005 → 2 expected: 1 done is at risk. */
  p = project ("2026-01-01", "2027-01-01", NULL, "2026-10-01", 4, 1);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-07-02", 14), ==,
                   GT_PROJECT_STATUS_ON_TRACK);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-07-03", 14), ==,
                   GT_PROJECT_STATUS_AT_RISK);
  p.n_done = 0;
  g_assert_cmpint (gt_project_status_compute (&p, "2026-07-02", 14), ==,
                   GT_PROJECT_STATUS_AT_RISK);
  p.n_done = 2;
  g_assert_cmpint (gt_project_status_compute (&p, "2026-07-03", 14), ==,
                   GT_PROJECT_STATUS_ON_TRACK);

  /* Garbage dates are ignored rather than trusted. */
  p = project ("soon", "2026-02-30", NULL, "x", 2, 0);
  g_assert_cmpint (gt_project_status_compute (&p, "2026-12-01", 14), ==,
                   GT_PROJECT_STATUS_ON_TRACK);
}

static void
test_codes (void)
{
  GtProjectStatus s;

  g_assert_cmpstr (gt_project_status_code (GT_PROJECT_STATUS_DONE), ==, "done");
  g_assert_cmpstr (gt_project_status_code (GT_PROJECT_STATUS_ON_TRACK), ==, "on_track");
  g_assert_cmpstr (gt_project_status_code (GT_PROJECT_STATUS_AT_RISK), ==, "at_risk");
  g_assert_cmpstr (gt_project_status_code (GT_PROJECT_STATUS_OVERDUE), ==, "overdue");
  g_assert_true (gt_project_status_from_code ("at_risk", &s));
  g_assert_cmpint (s, ==, GT_PROJECT_STATUS_AT_RISK);
  g_assert_false (gt_project_status_from_code ("late", &s));
  g_assert_cmpstr (gt_project_status_label (GT_PROJECT_STATUS_OVERDUE), ==, "Overdue");
}

static void
test_colour (void)
{
  double r, g, b;
  g_autofree char *text = NULL;

  g_assert_true (gt_colour_parse ("#FF8000", &r, &g, &b));
  g_assert_cmpfloat (r, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (g, 128 / 255.0, 1e-9);
  g_assert_cmpfloat (b, ==, 0.0);
  g_assert_false (gt_colour_parse ("#FF80", &r, &g, &b));
  g_assert_false (gt_colour_parse ("red", &r, &g, &b));
  text = gt_colour_format (1.0, 128 / 255.0, 0);
  g_assert_cmpstr (text, ==, "#FF8000");
}

static void
test_legend (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("guatu-status-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr (GtStorage) storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_autoptr (GPtrArray) legend = NULL;
  g_autoptr (GPtrArray) again = NULL;
  GtLegendEntry *entry;
  const GtLegendEntry *found;

  g_assert_no_error (error);
  legend = gt_project_legend_load (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (legend->len, ==, 4);
  /* Defaults: red overdue, yellow at risk, blue on track. */
  found = gt_project_legend_lookup (legend, GT_PROJECT_STATUS_OVERDUE);
  g_assert_true (found->r > 0.7 && found->g < 0.3 && found->b < 0.3);
  found = gt_project_legend_lookup (legend, GT_PROJECT_STATUS_AT_RISK);
  g_assert_true (found->r > 0.8 && found->g > 0.6 && found->b < 0.3);
  found = gt_project_legend_lookup (legend, GT_PROJECT_STATUS_ON_TRACK);
  g_assert_true (found->b > 0.7 && found->r < 0.3);
  g_assert_cmpint (gt_project_at_risk_days (storage), ==, 14);

  /* A county where red means done. */
  entry = legend->pdata[GT_PROJECT_STATUS_DONE];
  entry->r = 1.0, entry->g = 0.0, entry->b = 0.0;
  g_free (entry->meaning);
  entry->meaning = g_strdup ("红色：已销号");
  g_assert_true (gt_project_legend_save (storage, legend, &error));
  g_assert_no_error (error);
  g_assert_true (gt_project_set_at_risk_days (storage, 7, &error));
  g_assert_cmpint (gt_project_at_risk_days (storage), ==, 7);

  again = gt_project_legend_load (storage, &error);
  g_assert_no_error (error);
  found = gt_project_legend_lookup (again, GT_PROJECT_STATUS_DONE);
  g_assert_cmpfloat (found->r, ==, 1.0);
  g_assert_cmpfloat (found->g, ==, 0.0);
  g_assert_cmpstr (found->meaning, ==, "红色：已销号");

  /* Refused without changes: empty meaning, out-of-range colour, bad days. */
  entry = legend->pdata[GT_PROJECT_STATUS_AT_RISK];
  entry->r = 0.0;
  g_free (entry->meaning);
  entry->meaning = g_strdup ("  ");
  g_assert_false (gt_project_legend_save (storage, legend, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_free (entry->meaning);
  entry->meaning = g_strdup ("黄");
  entry->g = 1.5;
  g_assert_false (gt_project_legend_save (storage, legend, &error));
  g_clear_error (&error);
  g_assert_false (gt_project_set_at_risk_days (storage, -1, &error));
  g_clear_error (&error);
  g_assert_cmpint (gt_project_at_risk_days (storage), ==, 7);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = gt_project_legend_load (storage, &error);
  found = gt_project_legend_lookup (again, GT_PROJECT_STATUS_AT_RISK);
  g_assert_cmpfloat (found->r, >, 0.8);

  /* A hand-edited bad colour is named in the error. */
  g_assert_true (gt_storage_set_meta (storage, "chart.legend.overdue.color", "crimson", NULL));
  g_clear_pointer (&again, g_ptr_array_unref);
  again = gt_project_legend_load (storage, &error);
  g_assert_null (again);
  g_assert_nonnull (strstr (error->message, "chart.legend.overdue.color"));

  g_clear_object (&storage);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/project-status/rules", test_status_rules);
  g_test_add_func ("/project-status/codes", test_codes);
  g_test_add_func ("/project-status/colour", test_colour);
  g_test_add_func ("/project-status/legend", test_legend);
  return g_test_run ();
}
