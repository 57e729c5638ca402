/* test-county-report.c — the county's roll-up columns, ranking, missing reports, the printed
 * summary as real PDF (pdfinfo: A4, pages; pdftotext: names, missing line, header repeated),
 * dispatch packages that verify at each township, and the township's received tasks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "county-fixture.h"
#include "gt-county-dispatch.h"
#include "gt-county-report.h"
#include "gt-stats.h"
#include "gt-test-demo.h"

static CountyFixture fx;

static char *
run_tool (const char *tool, const char *a, const char *b, const char *c, const char *d)
{
  const char *argv[] = { tool, a, b, c, d, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_summary_columns (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = gt_county_summary (county, "2026-11", &error);
  g_auto (GStrv) periods = gt_county_periods (county, &error);
  g_autofree char *missing = NULL, *text = NULL;
  const GtCountyColumn *members = gt_county_column_find ("members");
  const GtCountyColumn *links = gt_county_column_find ("links-per-member");

  g_assert_no_error (error);
  g_assert_cmpuint (towns->len, ==, COUNTY_N_TOWNSHIPS);
  g_assert_cmpstrv (periods, ((const char *const[]) { "2026-11", "2026-10", NULL }));
  missing = gt_county_missing_text (towns, "2026-11");
  g_assert_cmpstr (missing, ==, "2 of 4 townships have not reported for 2026-11: "
                                "金川街道 (330822103), 芳村镇 (330822104)");
  /* every column has a title and gives a text for every township */
  for (guint c = 0; c < gt_county_n_columns; c++)
    for (guint i = 0; i < towns->len; i++)
      {
        g_autofree char *cell = gt_county_column_text (&gt_county_columns[c], towns->pdata[i]);
        g_assert_true (*gt_county_columns[c].title != '\0' && cell != NULL && *cell != '\0');
      }
  text = gt_county_column_text (members, towns->pdata[0]);
  g_assert_true (g_str_has_prefix (text, "215 ("));
  g_clear_pointer (&text, g_free);
  text = gt_county_column_text (links, towns->pdata[0]);
  {
    gint64 v = county_fixture_links_per_member (&fx, 0);
    g_autofree char *expected = g_strdup_printf ("%d.%02d", (int) (v / 100), (int) (v % 100));
    g_assert_cmpstr (text, ==, expected);
  }
  g_assert_null (gt_county_column_find ("no-such-column"));
}

static void
test_ranking (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = gt_county_summary (county, "2026-11", &error);
  g_autoptr (GPtrArray) ranked = NULL, by_metric = NULL;
  const GtCountyColumn *links = gt_county_column_find ("links-per-member");
  const GtCountyTownship *old = towns->pdata[2];
  gint64 expected[2];
  guint best, worst;

  g_assert_no_error (error);
  ranked = gt_county_ranking (towns, links);
  /* only the townships that reported 2026-11 are ranked: not township 2 (its last report is
   * for 2026-10), not township 3 (never reported) */
  g_assert_cmpuint (ranked->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    expected[i] = county_fixture_links_per_member (&fx, i);
  /* the figures differ, so the order says something */
  g_assert_true (expected[0] != expected[1]);
  best = expected[0] > expected[1] ? 0 : 1;
  worst = 1 - best;
  g_assert_cmpstr (((GtCountyTownship *) ranked->pdata[0])->code, ==, county_codes[best]);
  g_assert_cmpstr (((GtCountyTownship *) ranked->pdata[1])->code, ==, county_codes[worst]);
  {
    gint64 v = -1;
    g_assert_true (gt_county_column_value (links, ranked->pdata[0], &v));
    g_assert_cmpint (v, ==, expected[best]);
  }
  /* the CLI's ranking by a metric leaves out the same townships */
  by_metric = gt_county_ranked (towns, GT_COUNTY_RANK_LINKS_PER_MEMBER);
  g_assert_cmpuint (by_metric->len, ==, 2);
  g_assert_true (by_metric->pdata[0] == ranked->pdata[0] &&
                 by_metric->pdata[1] == ranked->pdata[1]);

  /* township 2 did not report 2026-11: no November figures from its October package */
  g_assert_cmpstr (old->code, ==, county_codes[2]);
  g_assert_false (old->reported);
  g_assert_cmpstr (old->last_period, ==, "2026-10");
  g_assert_null (old->activity_period);
  g_assert_cmpint (old->meetings_required, ==, 0);
  g_assert_cmpint (old->dues_paid_members, ==, 0);
  g_assert_cmpint (old->rated_members, ==, 0);
  for (const char *const *id = (const char *const[]) { "meetings-held", "dues-paid",
                                                      "average-stars", NULL }; *id; id++)
    {
      g_autofree char *cell = gt_county_column_text (gt_county_column_find (*id), old);
      g_assert_cmpstr (cell, ==, "—");
    }
  /* a township that reported has them */
  g_assert_cmpstr (((GtCountyTownship *) towns->pdata[0])->activity_period, ==, "2026-11");
  g_assert_cmpint (((GtCountyTownship *) towns->pdata[0])->meetings_required, >, 0);
}

static void
test_default_period (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autofree char *period = gt_county_default_period (county, &error);
  g_autoptr (GPtrArray) none = NULL, given = NULL;
  g_autofree char *missing_none = NULL, *missing_given = NULL;

  g_assert_no_error (error);
  /* the newest period any township reported */
  g_assert_cmpstr (period, ==, "2026-11");
  none = gt_county_summary (county, NULL, &error);
  given = gt_county_summary (county, period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, given->len);
  /* one period for the whole table: not each township's own last period */
  for (guint i = 0; i < none->len; i++)
    {
      const GtCountyTownship *a = none->pdata[i], *b = given->pdata[i];
      g_assert_cmpint (a->reported, ==, b->reported);
      g_assert_cmpstr (a->activity_period, ==, b->activity_period);
      g_assert_true (a->activity_period == NULL || g_str_equal (a->activity_period, "2026-11"));
    }
  g_assert_false (((GtCountyTownship *) none->pdata[2])->reported);
  g_assert_null (((GtCountyTownship *) none->pdata[2])->activity_period);
  missing_none = gt_county_missing_text (none, period);
  missing_given = gt_county_missing_text (given, "2026-11");
  g_assert_cmpstr (missing_none, ==, missing_given);
}

static void
test_ranking_split (void)
{
  static const guint cases[][4] = {
    /* ranked, top → at the top, at the bottom */
    { 12, 5, 5, 5 }, { 10, 5, 5, 5 }, { 6, 5, 3, 3 }, { 5, 5, 3, 2 }, { 3, 2, 2, 1 },
    { 1, 5, 1, 0 }, { 0, 5, 0, 0 }, { 6, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint top = 99, bottom = 99;

      gt_county_ranking_split (NULL, cases[i][0], cases[i][1], &top, &bottom);
      g_assert_cmpuint (top, ==, cases[i][2]);
      g_assert_cmpuint (bottom, ==, cases[i][3]);
      g_assert_cmpuint (top + bottom, <=, cases[i][0]);
    }
}

/* Equal values share a place (1, 2, 2, 4), and the lists never part them: a list that would
 * end inside a group of equals takes the whole group, and nobody is listed twice. */
static void
test_ranking_ties (void)
{
  static const struct
  {
    gint64 values[8];
    guint n, top;
    guint places[8];
    guint n_top, n_bottom;
    guint from_bottom[8];
  } cases[] = {
    { { 9, 7, 7, 3 }, 4, 2, { 1, 2, 2, 4 }, 3, 1, { 4, 2, 2, 1 } },
    { { 9, 7, 7, 3 }, 4, 1, { 1, 2, 2, 4 }, 1, 1, { 4, 2, 2, 1 } },
    { { 215, 215 }, 2, 5, { 1, 1 }, 2, 0, { 1, 1 } },
    { { 5, 5, 5, 5 }, 4, 3, { 1, 1, 1, 1 }, 4, 0, { 1, 1, 1, 1 } },
    { { 9, 8, 7, 6, 2, 2, 2, 1 }, 8, 2, { 1, 2, 3, 4, 5, 5, 5, 8 }, 2, 4, { 8, 7, 6, 5, 2, 2, 2, 1 } },
    { { 9, 8, 7, 2, 2 }, 5, 1, { 1, 2, 3, 4, 4 }, 1, 2, { 5, 4, 3, 1, 1 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree guint *places = gt_county_places (cases[c].values, cases[c].n);
      guint top = 99, bottom = 99;

      for (guint i = 0; i < cases[c].n; i++)
        {
          g_assert_cmpuint (places[i], ==, cases[c].places[i]);
          g_assert_cmpuint (gt_county_place_from_bottom (places, cases[c].n, i), ==,
                            cases[c].from_bottom[i]);
        }
      gt_county_ranking_split (places, cases[c].n, cases[c].top, &top, &bottom);
      g_assert_cmpuint (top, ==, cases[c].n_top);
      g_assert_cmpuint (bottom, ==, cases[c].n_bottom);
      g_assert_cmpuint (top + bottom, <=, cases[c].n);
    }
}

/* A ratio with nothing to divide by is no figure: "—", sorted after every figure, not
 * ranked; the period's stars of a township that reported but rated nobody likewise. */
static void
test_no_value (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = gt_county_summary (county, "2026-11", &error);
  g_autoptr (GPtrArray) ranked = NULL;
  const GtCountyColumn *links = gt_county_column_find ("links-per-member");
  const GtCountyColumn *milestones = gt_county_column_find ("milestones-done");
  const GtCountyColumn *stars = gt_county_column_find ("average-stars");
  const GtCountyTownship *never, *reporter;
  GtCountyTownship unrated = { 0 };

  g_assert_no_error (error);
  never = towns->pdata[3];
  reporter = towns->pdata[0];
  g_assert_cmpstr (never->code, ==, county_codes[3]);
  g_assert_cmpint (never->members, ==, 0);
  g_assert_cmpint (never->milestones, ==, 0);
  for (const GtCountyColumn *const *c = (const GtCountyColumn *const[]) { links, milestones,
                                                                           NULL }; *c; c++)
    {
      g_autofree char *cell = gt_county_column_text (*c, never);
      g_autofree char *figure = gt_county_column_text (*c, reporter);

      g_assert_cmpstr (cell, ==, "—");
      g_assert_false (gt_county_column_value (*c, never, NULL));
      g_assert_cmpstr (figure, !=, "—");
      /* after the figures, ascending or not */
      g_assert_cmpint (gt_county_column_compare (*c, reporter, never), <, 0);
      g_assert_cmpint (gt_county_column_compare (*c, never, reporter), >, 0);
    }
  g_assert_false (gt_county_metric_value (never, GT_COUNTY_RANK_LINKS_PER_MEMBER, NULL));

  /* reported the period, rated nobody */
  unrated.code = (char *) "330822199";
  unrated.name = (char *) "无星镇";
  unrated.reported = TRUE;
  unrated.activity_period = (char *) "2026-11";
  unrated.members = 10;
  unrated.meetings_required = 4;
  unrated.meetings_required_held = 4;
  {
    g_autofree char *cell = gt_county_column_text (stars, &unrated);
    g_autofree char *held = gt_county_column_text (gt_county_column_find ("meetings-held"),
                                                   &unrated);
    g_autofree char *dues = gt_county_column_text (gt_county_column_find ("dues-paid"),
                                                   &unrated);

    g_assert_cmpstr (cell, ==, "—");
    g_assert_cmpstr (held, ==, "100%");
    g_assert_cmpstr (dues, ==, "—"); /* no dues base: no member to pay */
  }
  g_ptr_array_add (towns, g_memdup2 (&unrated, sizeof unrated));
  ranked = gt_county_ranking (towns, stars);
  for (guint i = 0; i < ranked->len; i++)
    g_assert_true (ranked->pdata[i] != towns->pdata[towns->len - 1]);
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = gt_county_ranked (towns, GT_COUNTY_RANK_AVERAGE_STARS);
  for (guint i = 0; i < ranked->len; i++)
    g_assert_true (ranked->pdata[i] != towns->pdata[towns->len - 1]);
  g_clear_pointer (&ranked, g_ptr_array_unref);
  /* ranked by meetings held, it has a place */
  ranked = gt_county_ranked (towns, GT_COUNTY_RANK_MEETINGS_HELD);
  g_assert_true (ranked->pdata[0] == towns->pdata[towns->len - 1]);
  /* the borrowed strings are not the array's to free */
  g_free (g_ptr_array_steal_index (towns, towns->len - 1));
}

/* Townships 0 and 1 report the same 215 members: both first, in the printed summary as in
 * the ranking, one list, no "2." and no bottom list. */
static void
test_report_ties (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = gt_county_summary (county, "2026-11", &error);
  g_autoptr (GPtrArray) ranked = NULL;
  g_autofree guint *places = NULL;
  const GtCountyColumn *members = gt_county_column_find ("members");
  g_autoptr (GtCountyReport) report = NULL;
  g_autofree char *pdf = g_build_filename (fx.dir, "ties.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (((GtCountyTownship *) towns->pdata[0])->members, ==,
                   ((GtCountyTownship *) towns->pdata[1])->members);
  ranked = gt_county_ranking (towns, members);
  places = gt_county_ranking_places (ranked, members);
  g_assert_cmpuint (ranked->len, ==, 2);
  g_assert_cmpuint (places[0], ==, 1);
  g_assert_cmpuint (places[1], ==, 1);

  report = gt_county_report_new (county, "2026-11", "members", 5, &error);
  g_assert_no_error (error);
  g_assert_true (gt_county_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  text = run_tool ("pdftotext", "-raw", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "Top 2 by Members"));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *entry = g_strdup_printf ("1. %s (%s)", county_names[i], county_codes[i]);
      g_assert_nonnull (strstr (text, entry));
    }
  g_assert_null (strstr (text, "2. "));
  g_assert_null (strstr (text, "Bottom"));
  /* and township 3's empty ratios print as dashes, not 0.00 and 0% */
  g_assert_null (strstr (text, "0.00"));
  g_assert_null (strstr (text, " 0%"));
}

static void
test_report_pdf (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtCountyReport) report = gt_county_report_new (county, NULL, "links-per-member", 5,
                                                            &error);
  g_autofree char *pdf = g_build_filename (fx.dir, "summary.pdf", NULL);
  g_autofree char *info = NULL, *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (gt_county_report_get_period (report), ==, "2026-11");
  g_assert_cmpuint (gt_county_report_get_n_pages (report), ==, 1);
  g_assert_true (gt_county_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  info = run_tool ("pdfinfo", pdf, NULL, NULL, NULL);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_nonnull (strstr (info, "(A4)"));
  g_assert_nonnull (strstr (info, "841.89 x 595.276 pts"));
  text = run_tool ("pdftotext", "-raw", pdf, "-", NULL);
  for (guint i = 0; i < COUNTY_N_TOWNSHIPS; i++)
    g_assert_nonnull (strstr (text, county_names[i]));
  g_assert_nonnull (strstr (text, "常山县"));
  /* every column heading whole (long ones on two lines), none cut off with "…" */
  g_assert_null (strstr (text, "…"));
  {
    g_autoptr (GString) joined = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p++)
      if (*p != ' ' && *p != '\n')
        g_string_append_c (joined, *p);
    for (guint i = 0; i < gt_county_n_columns; i++)
      {
        g_autoptr (GString) title = g_string_new (gt_county_columns[i].title);

        g_string_replace (title, " ", "", 0);
        if (strstr (joined->str, title->str) == NULL)
          g_error ("the heading “%s” is not whole", gt_county_columns[i].title);
      }
  }
  g_assert_nonnull (strstr (text, "2 of 4 townships have not reported for 2026-11: "));
  /* two townships reported 2026-11: one at the top, the other at the bottom, none twice */
  g_assert_nonnull (strstr (text, "Top 1 by Links per member"));
  g_assert_nonnull (strstr (text, "Bottom 1 by Links per member"));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *entry = g_strdup_printf ("%s (%s)", county_names[i], county_codes[i]);
      const char *at = strstr (text, "Top 1 by");
      g_assert_nonnull (strstr (at, entry));
      g_assert_null (strstr (strstr (at, entry) + 1, entry));
    }
  g_assert_null (strstr (strstr (text, "Top 1 by"), county_codes[2]));
  {
    /* one township ranked: no empty "Bottom 0" list */
    g_autoptr (GtCountyReport) one = gt_county_report_new (county, "2026-10", "members", 5,
                                                           &error);
    g_autofree char *one_pdf = g_build_filename (fx.dir, "one.pdf", NULL);
    g_autofree char *one_text = NULL;

    g_assert_no_error (error);
    g_assert_true (gt_county_report_write_pdf (one, one_pdf, &error));
    one_text = run_tool ("pdftotext", "-raw", one_pdf, "-", NULL);
    g_assert_nonnull (strstr (one_text, "Top 1 by"));
    g_assert_nonnull (strstr (one_text, county_names[2]));
    g_assert_null (strstr (one_text, "Bottom"));
  }
}

static void
test_report_pages (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtCountyReport) report = NULL;
  g_autofree char *pdf = g_build_filename (fx.dir, "long.pdf", NULL);
  g_autofree char *info = NULL;
  guint pages;

  /* 60 more townships on the trust list: the table runs over several pages */
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO ex_trusted_keys (fingerprint, org_code, name, public_pem, enrolled_on)"
        " VALUES ('%064u', '3308229%02u', '第%u镇', 'x', '2026-12-01')", i, i, i);
      g_assert_true (gt_storage_exec (county, sql, &error));
    }
  report = gt_county_report_new (county, "2026-11", NULL, 5, &error);
  g_assert_no_error (error);
  pages = gt_county_report_get_n_pages (report);
  g_assert_cmpuint (pages, >=, 3);
  g_assert_true (gt_county_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  info = run_tool ("pdfinfo", pdf, NULL, NULL, NULL);
  {
    g_autofree char *line = g_strdup_printf ("Pages:           %u\n", pages);
    g_assert_nonnull (strstr (info, line));
  }
  {
    const char *argv[] = { "pdftotext", "-f", "2", "-l", "2", pdf, "-", NULL };
    g_autofree char *out = NULL;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, NULL, &error));
    /* the header is repeated, the running title names the county */
    g_assert_nonnull (strstr (out, "Township"));
    g_assert_nonnull (strstr (out, "常山县"));
    g_assert_nonnull (strstr (out, "Page 2 of"));
  }
  /* bad input: a clear message, nothing written */
  g_clear_pointer (&report, gt_county_report_free);
  report = gt_county_report_new (county, "November", NULL, 5, &error);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "YYYY-MM"));
  g_clear_error (&error);
  report = gt_county_report_new (county, NULL, "code", 5, &error);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "code"));
  g_assert_true (gt_storage_exec (county, "DELETE FROM ex_trusted_keys WHERE public_pem = 'x'",
                                  NULL));
}

typedef struct
{
  const char *dir;
  GCancellable *cancel;
  gboolean blocked;
} Sabotage;

/* Makes the second township's package fail to be written: a folder where it is to go
 * (found from the first one's name, which holds the task's id). */
static void
block_second (double fraction, gpointer data)
{
  Sabotage *s = data;
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (s->blocked || fraction < 1.0 / COUNTY_N_TOWNSHIPS)
    return;
  dir = g_dir_open (s->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".dispatch-") && g_str_has_suffix (name, ".xml.part") &&
        strstr (name, county_codes[0]) != NULL)
      {
        g_autofree char *second = g_strdup (name);
        g_autofree char *path = NULL;
        char *code = strstr (second, county_codes[0]);

        memcpy (code, county_codes[1], strlen (county_codes[1]));
        path = g_build_filename (s->dir, second, NULL);
        g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
        s->blocked = TRUE;
      }
}

static void
cancel_second (double fraction, gpointer data)
{
  Sabotage *s = data;

  if (fraction >= 1.0 / COUNTY_N_TOWNSHIPS)
    g_cancellable_cancel (s->cancel);
}

/* Only the folder's entries named @prefix…: what a failed dispatch left. */
static guint
count_entries (const char *path, const char *prefix)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

/* A dispatch whose packages cannot all be written records no task and leaves no package
 * (no .part either); issued again, it is recorded once. */
static void
test_dispatch_all_or_nothing (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_autofree char *out = g_build_filename (fx.dir, "dispatch-fails", NULL);
  Sabotage s = { out, cancel, FALSE };
  gint64 before;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  before = gt_test_count (county, "SELECT count(*) FROM ex_tasks");

  /* the second package cannot be written */
  g_assert_false (gt_county_issue_dispatch (county, "task", "防汛检查", NULL, NULL, "*", out,
                                            NULL, block_second, &s, NULL, NULL, &error));
  g_assert_true (s.blocked);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, county_codes[1]));
  g_assert_null (strstr (error->message, ".part"));
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (county, "SELECT count(*) FROM ex_tasks"), ==, before);
  g_assert_cmpuint (count_entries (out, "dispatch-"), ==, 0);
  g_assert_cmpuint (count_entries (out, ".dispatch-"), ==, 1); /* the test's own folder */

  /* cancelled after the first package */
  g_assert_false (gt_county_issue_dispatch (county, "task", "防汛检查", NULL, NULL, "*", out,
                                            cancel, cancel_second, &s, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (county, "SELECT count(*) FROM ex_tasks"), ==, before);
  g_assert_cmpuint (count_entries (out, "dispatch-"), ==, 0);
  g_assert_cmpuint (count_entries (out, ".dispatch-"), ==, 1);
}

static void
test_dispatch_and_ack (void)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GtStorage) town = county_open (fx.townships[1]);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) targets = NULL, paths = NULL, received = NULL, tasks = NULL;
  g_autofree char *uuid = NULL, *out = g_build_filename (fx.dir, "dispatch", NULL);
  g_autoptr (GtExchangeResult) result = NULL;
  GtCountyReceived *got;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  targets = gt_county_dispatch_targets (county, county_codes[1], &error);
  g_assert_cmpuint (targets->len, ==, 1);
  g_ptr_array_unref (targets);
  targets = gt_county_dispatch_targets (county, "*", &error);
  g_assert_cmpuint (targets->len, ==, COUNTY_N_TOWNSHIPS);
  g_assert_true (gt_county_issue_dispatch (county, "notice", "冬季安全检查",
                                           "各乡镇请于月底前完成。", "2026-12-20", "*", out, NULL,
                                           NULL, NULL, &uuid, &paths, &error));
  g_assert_no_error (error);
  g_assert_nonnull (uuid);
  g_assert_cmpuint (paths->len, ==, COUNTY_N_TOWNSHIPS);
  for (guint i = 0; i < COUNTY_N_TOWNSHIPS; i++)
    {
      g_autoptr (GtStorage) t = county_open (fx.townships[i]);
      g_autoptr (GtExchangeResult) check = gt_exchange_verify_file (t, paths->pdata[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (check->kind, ==, GT_EXCHANGE_KIND_DISPATCH);
      g_assert_cmpstr (check->receiver_code, ==, ((GtTrustedKey *) targets->pdata[i])->org_code);
    }
  /* a folder that is not there: nothing issued (one task at the end) */
  g_assert_false (gt_county_issue_dispatch (county, "notice", "x", NULL, NULL, "*",
                                            "/nonexistent/x", NULL, NULL, NULL, NULL, NULL,
                                            &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/x"));
  g_clear_error (&error);

  /* the township imports its package, sees the notice, marks it done */
  result = gt_exchange_import (town, paths->pdata[1], GT_EXCHANGE_IMPORT_NO_BACKUP,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  received = gt_county_list_received (town, &error);
  g_assert_cmpuint (received->len, ==, 1);
  got = received->pdata[0];
  g_assert_cmpstr (got->title, ==, "冬季安全检查");
  g_assert_cmpstr (got->body, ==, "各乡镇请于月底前完成。");
  g_assert_cmpstr (got->issuer_name, ==, "常山县");
  g_assert_null (got->status);
  g_assert_true (gt_county_acknowledge (town, got->uuid, "done", NULL, &error));
  g_ptr_array_unref (received);
  received = gt_county_list_received (town, &error);
  g_assert_cmpstr (((GtCountyReceived *) received->pdata[0])->status, ==, "done");
  tasks = gt_county_list_tasks (county, &error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpint (((GtCountyTask *) tasks->pdata[0])->received, ==, 0);
}

/* Sends a package of @kind from township @i; TRUE when the county applied it. */
static gboolean
send_package (guint i, GtExchangeKind kind, const char *period, const char *created,
              const char *name, GError **error)
{
  g_autoptr (GtStorage) town = county_open (fx.townships[i]);
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autofree char *file = g_build_filename (fx.dir, name, NULL);
  GtExchangeExportOptions options = { kind, period, NULL, NULL, FALSE, created };
  g_autoptr (GtExchangeResult) result = NULL;

  g_assert_true (gt_exchange_export (town, file, &options, NULL, error));
  result = gt_exchange_import (county, file, GT_EXCHANGE_IMPORT_NO_BACKUP,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, error);
  return result != NULL && result->applied;
}

/* Sends township @i's report for @period again. */
static gboolean
send_report (guint i, const char *period, const char *created, const char *name,
             GError **error)
{
  return send_package (i, GT_EXCHANGE_KIND_REPORT, period, created, name, error);
}

static gint64
count_archived (GtStorage *county)
{
  return gt_test_count (county, "SELECT count(*) FROM ex_records WHERE type = 'organization'"
                                " AND source_code = '330822102'"
                                " AND json_extract (data, '$.archived') IN (1, '1')");
}

static void
test_archived_organisations (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = NULL;
  g_autoptr (GArray) stats = NULL;
  const GtCountyTownship *t;

  {
    /* township 1 archives one of its branches and reports again */
    g_autoptr (GtStorage) town = county_open (fx.townships[1]);
    g_assert_true (gt_storage_exec (town, "UPDATE organizations SET archived = 1, rev = rev + 1,"
                                    " mtime = '2026-11-30T08:00:00Z' WHERE id = (SELECT max (id)"
                                    " FROM organizations WHERE kind = 'branch')", &error));
    g_assert_no_error (error);
    /* and one of them is a 党总支, which counts as a branch there too */
    g_assert_true (gt_storage_exec (town, "UPDATE organizations SET kind = 'general_branch',"
                                    " rev = rev + 1, mtime = '2026-11-30T08:00:00Z' WHERE id ="
                                    " (SELECT min (id) FROM organizations WHERE kind = 'branch')",
                                    &error));
    g_assert_no_error (error);
    stats = gt_stats_collect (town, &error);
    g_assert_no_error (error);
  }
  g_assert_true (send_report (1, "2026-11", NULL, "archived.xml", &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtStorage) county = county_open (fx.county);
    g_assert_cmpint (count_archived (county), ==, 1);
    towns = gt_county_summary (county, "2026-11", &error);
    g_assert_no_error (error);
  }
  t = towns->pdata[1];
  g_assert_cmpstr (t->code, ==, county_codes[1]);
  /* the county counts what the township's own `stats` counts */
  g_assert_cmpint (t->organizations, ==, gt_stats_get (stats, "organizations"));
  g_assert_cmpint (t->branches, ==, gt_stats_get (stats, "branches"));
}

static const GtCountyTownship *
summary_township (const char *code, GPtrArray **towns)
{
  g_autoptr (GtStorage) county = county_open (fx.county);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (towns, g_ptr_array_unref);
  *towns = gt_county_summary (county, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < (*towns)->len; i++)
    if (g_str_equal (((GtCountyTownship *) (*towns)->pdata[i])->code, code))
      return (*towns)->pdata[i];
  g_assert_not_reached ();
}

static void
test_last_report_never_backwards (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = NULL;
  const GtCountyTownship *t;

  /* township 2 (last report 2026-10) reports November, then sends its October package
   * again, made later: the last report stays 2026-11 */
  g_assert_true (send_report (2, "2026-11", "2026-12-10T09:00:00+00:00", "t2-11.xml", &error));
  g_assert_no_error (error);
  t = summary_township (county_codes[2], &towns);
  g_assert_cmpstr (t->last_period, ==, "2026-11");
  g_assert_true (send_report (2, "2026-10", "2026-12-11T09:00:00+00:00", "t2-10.xml", &error));
  g_assert_no_error (error);
  t = summary_township (county_codes[2], &towns);
  g_assert_cmpstr (t->last_period, ==, "2026-11");
  g_assert_cmpstr (t->last_created, ==, "2026-12-10T09:00:00+00:00");
  g_assert_true (t->reported);

  /* an older package whose records conflict: the refusal says it is older */
  {
    g_autoptr (GtStorage) town = county_open (fx.townships[2]);
    const char *sql = "UPDATE members SET name = '%s', rev = rev + 1 WHERE id = 3";
    g_autofree char *first = g_strdup_printf (sql, "甲"), *second = g_strdup_printf (sql, "乙");
    g_autoptr (GtStorage) county = NULL;
    g_autofree char *older = g_build_filename (fx.dir, "t2-older.xml", NULL);
    g_autoptr (GtExchangeResult) result = NULL;

    g_assert_true (gt_storage_exec (town, first, &error));
    {
      GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", NULL, NULL,
                                          FALSE, "2026-12-12T09:00:00+00:00" };
      g_assert_true (gt_exchange_export (town, older, &options, NULL, &error));
      g_assert_no_error (error);
    }
    g_assert_true (gt_storage_exec (town, second, &error));
    g_clear_object (&town);
    g_assert_true (send_report (2, "2026-11", "2026-12-13T09:00:00+00:00", "t2-newer.xml",
                                &error));
    g_assert_no_error (error);
    county = county_open (fx.county);
    result = gt_exchange_import (county, older, GT_EXCHANGE_IMPORT_NO_BACKUP,
                                 GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
    g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CONFLICTS);
    g_assert_nonnull (strstr (error->message, "This package (created 2026-12-12T09:00:00+00:00)"
                                              " is older than the one already imported from "
                                              "330822103 (2026-11, created "
                                              "2026-12-13T09:00:00+00:00)."));
  }
}

static void
test_full_package_not_ranked (void)
{
  g_autoptr (GtStorage) county = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) towns = NULL, ranked = NULL;
  const GtCountyTownship *t;

  /* township 3 sends a full package (no period): it has not reported the period */
  g_assert_true (send_package (3, GT_EXCHANGE_KIND_FULL, NULL, NULL, "t3-full.xml", &error));
  g_assert_no_error (error);
  county = county_open (fx.county);
  towns = gt_county_summary (county, "2026-11", &error);
  g_assert_no_error (error);
  t = towns->pdata[3];
  g_assert_cmpstr (t->code, ==, county_codes[3]);
  g_assert_cmpint (t->members, >, 0); /* its registers arrived */
  g_assert_false (t->reported);
  g_assert_null (t->last_period);
  g_assert_null (t->activity_period);
  ranked = gt_county_ranking (towns, gt_county_column_find ("members"));
  for (guint i = 0; i < ranked->len; i++)
    g_assert_cmpstr (((GtCountyTownship *) ranked->pdata[i])->code, !=, county_codes[3]);
  g_ptr_array_unref (ranked);
  ranked = gt_county_ranked (towns, GT_COUNTY_RANK_MEMBERS);
  for (guint i = 0; i < ranked->len; i++)
    g_assert_cmpstr (((GtCountyTownship *) ranked->pdata[i])->code, !=, county_codes[3]);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  county_fixture_build (&fx);
  g_test_add_func ("/county/summary-columns", test_summary_columns);
  g_test_add_func ("/county/ranking", test_ranking);
  g_test_add_func ("/county/default-period", test_default_period);
  g_test_add_func ("/county/ranking-split", test_ranking_split);
  g_test_add_func ("/county/ranking-ties", test_ranking_ties);
  g_test_add_func ("/county/no-value", test_no_value);
  g_test_add_func ("/county/report-ties", test_report_ties);
  g_test_add_func ("/county/report-pdf", test_report_pdf);
  g_test_add_func ("/county/report-pages", test_report_pages);
  g_test_add_func ("/county/dispatch-all-or-nothing", test_dispatch_all_or_nothing);
  g_test_add_func ("/county/dispatch-and-ack", test_dispatch_and_ack);
  g_test_add_func ("/county/archived-organisations", test_archived_organisations);
  g_test_add_func ("/county/last-report-never-backwards", test_last_report_never_backwards);
  g_test_add_func ("/county/full-package-not-ranked", test_full_package_not_ranked);
  status = g_test_run ();
  county_fixture_free (&fx);
  return status;
}
