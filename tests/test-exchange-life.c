/* test-exchange-life.c — meetings, dues payments, points and ratings in exchange packages
 * (issue 7): a township's report round-trips into a county database, changes update, older
 * revisions conflict, re-imports change nothing, the export validates against the XSD, and
 * the county's meeting compliance, dues payment rate and star distribution equal what the
 * township's own tables and compliance grid say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/xmlschemas.h>
#include <string.h>

#include "gt-county.h"
#include "gt-demo.h"
#include "gt-dues.h"
#include "gt-exchange.h"
#include "gt-keys.h"
#include "gt-life.h"
#include "gt-ratings.h"
#include "exchange-fixture.h"
#include "gt-test-demo.h"

#define TOWNSHIP EXCHANGE_TOWNSHIP
#define COUNTY EXCHANGE_COUNTY
#define PERIOD "2026-11"

typedef struct
{
  char *dir;
  GtStorage *township;
  GtStorage *county;
  char *report;
} Fixture;

static char *
export (Fixture *fx, const char *name, GtExchangeKind kind)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);
  GtExchangeExportOptions options = { kind, PERIOD, NULL, NULL, FALSE, NULL };

  g_assert_true (gt_exchange_export (fx->township, path, &options, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* Computes and publishes the township's member stars of 2026. */
static void
publish_stars (GtStorage *storage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRun) run = NULL;
  GtScoreRules *rules = gt_score_rules_load_current (storage, &error);
  GtScorePeriod year;

  g_assert_no_error (error);
  g_assert_true (gt_score_period_parse ("2026", &year, &error));
  run = gt_score_compute (storage, rules, "stars", &year, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->results->len, >, 100);
  g_assert_true (gt_score_run_save (storage, run, &error));
  g_assert_true (gt_score_run_publish (storage, "stars", "2026", &error));
  g_assert_no_error (error);
  gt_score_rules_free (rules);
}

static void
setup (Fixture *fx, gconstpointer data)
{
  exchange_offices_open ("guatu-exchange-life", &fx->dir, &fx->township, &fx->county);
  publish_stars (fx->township);
  fx->report = export (fx, "report.xml", GT_EXCHANGE_KIND_REPORT);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  exchange_offices_close (&fx->dir, &fx->township, &fx->county);
  g_free (fx->report);
}

static GtExchangeResult *
import (Fixture *fx, const char *path)
{
  g_autoptr (GError) error = NULL;
  GtExchangeResult *result = gt_exchange_import (fx->county, path, GT_EXCHANGE_IMPORT_NO_BACKUP,
                                                 GT_EXCHANGE_RESOLVE_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The county's received records of one type, as one string. */
static char *
records_of (GtStorage *storage, const char *type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (uuid || rev || mtime || deleted ||"
                                          " coalesce (parent_uuid, '') || data, '|')"
                                          " FROM (SELECT * FROM ex_records WHERE type = '%s'"
                                          " ORDER BY uuid)", type);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, NULL);
  char *text;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static const struct
{
  GtExchangeType type;
  const char *name;
  const char *township_sql; /* what a report of 2026-11 must carry */
} bodies[] = {
  { GT_EXCHANGE_MEETING, "meeting", "SELECT count(*) FROM meetings WHERE date >= '2026'" },
  { GT_EXCHANGE_DUES_PAYMENT, "dues-payment",
    "SELECT count(*) FROM dues_payments WHERE month >= '2026'" },
  { GT_EXCHANGE_POINT, "point", "SELECT count(*) FROM score_points WHERE month >= '2026'" },
  { GT_EXCHANGE_RATING, "rating",
    "SELECT count(*) FROM score_results r JOIN score_runs s ON s.id = r.run_id"
    " WHERE s.published AND s.period >= '2026'" },
};

static void
test_roundtrip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GtExchangeResult) result = import (fx, fx->report), again = NULL, same = NULL;
  g_autofree char *before = NULL, *after = NULL, *unchanged = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      gint64 n = gt_test_count (fx->township, bodies[i].township_sql);
      g_autofree char *received = g_strdup_printf ("SELECT count(*) FROM ex_records WHERE type ="
                                                   " '%s' AND source_code = '" TOWNSHIP "'",
                                                   bodies[i].name);
      g_autofree char *reported = g_strdup_printf ("SELECT %s FROM ex_reports",
                                                   gt_exchange_type_plural (bodies[i].type));

      g_test_message ("%s: %" G_GINT64_FORMAT, bodies[i].name, n);
      g_assert_cmpint (n, >, 0);
      g_assert_cmpuint (result->claimed[bodies[i].type], ==, n);
      g_assert_cmpuint (result->counts[bodies[i].type][GT_EXCHANGE_NEW], ==, n);
      g_assert_cmpint (gt_test_count (fx->county, received), ==, n);
      reported = g_strdelimit (reported, "-", '_');
      g_assert_cmpint (gt_test_count (fx->county, reported), ==, n);
    }
  /* Meetings carry their attendance; payments and points their member; ratings their run. */
  g_assert_cmpint (gt_test_count (fx->township, "SELECT count(*) FROM meeting_attendance a"
                                                " JOIN meetings m ON m.id = a.meeting_id"
                                                " WHERE m.date >= '2026' AND a.present"),
                   ==, gt_test_count (fx->county, "SELECT sum (json_extract (data, '$.present'))"
                                                  " FROM ex_records WHERE type = 'meeting'"));
  g_assert_cmpint (gt_test_count (fx->township, "SELECT sum (amount_fen) FROM dues_payments"
                                                " WHERE month >= '2026'"),
                   ==, gt_test_count (fx->county, "SELECT sum (json_extract (data,"
                                                  " '$.amount-fen')) FROM ex_records"
                                                  " WHERE type = 'dues-payment'"));
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records p"
                                              " JOIN ex_records m ON m.uuid = p.parent_uuid"
                                              " AND m.type = 'member'"
                                              " WHERE p.type IN ('dues-payment', 'point')"),
                   ==, gt_test_count (fx->county, "SELECT count(*) FROM ex_records"
                                                  " WHERE type IN ('dues-payment', 'point')"));
  g_assert_cmpint (gt_test_count (fx->township, "SELECT sum (points) FROM score_points"
                                                " WHERE month >= '2026'"),
                   ==, gt_test_count (fx->county, "SELECT sum (json_extract (data, '$.points'))"
                                                  " FROM ex_records WHERE type = 'point'"));
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(DISTINCT json_extract (data,"
                                              " '$.run')) FROM ex_records WHERE type = 'rating'"
                                              " AND json_extract (data, '$.kind') = 'stars'"),
                   ==, 1);

  /* Re-importing the same package is a no-op; a new package of the same data changes no
   * record (every one unchanged). */
  before = records_of (fx->county, "meeting");
  again = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_NO_BACKUP,
                              GT_EXCHANGE_RESOLVE_NONE, NULL, NULL);
  g_assert_true (again->already_imported);
  g_assert_false (again->applied);
  unchanged = export (fx, "same.xml", GT_EXCHANGE_KIND_REPORT);
  same = import (fx, unchanged);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_assert_cmpuint (same->counts[bodies[i].type][GT_EXCHANGE_UNCHANGED], ==,
                        same->claimed[bodies[i].type]);
      g_assert_cmpuint (same->counts[bodies[i].type][GT_EXCHANGE_NEW], ==, 0);
    }
  after = records_of (fx->county, "meeting");
  g_assert_cmpstr (before, ==, after);
}

static void
test_update_conflict (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) first = import (fx, fx->report), newer = NULL, preview = NULL;
  g_autoptr (GtExchangeResult) older = NULL;
  g_autoptr (GPtrArray) attendance = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gt_attendance_free);
  g_autofree char *newer_path = NULL, *before = NULL, *after = NULL, *topic_sql = NULL;
  GtMeetingSpec spec = { 0 };
  gint64 meeting = gt_test_count (fx->township, "SELECT min (id) FROM meetings"
                                                " WHERE date >= '2026'");
  gint64 attended = gt_test_count (fx->township, "SELECT min (meeting_id) FROM meeting_attendance"
                                                 " a JOIN meetings m ON m.id = a.meeting_id"
                                                 " WHERE m.date >= '2026' AND m.id > (SELECT"
                                                 " min (id) FROM meetings WHERE date >= '2026')");
  gint64 payer = gt_test_count (fx->township, "SELECT min (member_id) FROM dues_payments"
                                              " WHERE month = '2026-10'");
  gint64 n_meetings = first->claimed[GT_EXCHANGE_MEETING];
  /* the same records as the first report, in a package not imported yet */
  g_autofree char *older_path = export (fx, "older.xml", GT_EXCHANGE_KIND_REPORT);

  /* The township changes a meeting's topic, takes one member off another meeting's
   * attendance and cancels a dues payment. */
  spec.topic = "学习贯彻新修订的条例";
  g_assert_true (gt_meeting_update (fx->township, meeting, &spec, &error));
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt = gt_storage_prepare (fx->township,
                                             "SELECT member_id, present, reason FROM"
                                             " meeting_attendance WHERE meeting_id = ?"
                                             " ORDER BY member_id", NULL);
    gboolean dropped = FALSE;

    sqlite3_bind_int64 (stmt, 1, attended);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        GtAttendance *a = g_new0 (GtAttendance, 1);

        if (!dropped)
          {
            dropped = TRUE;
            g_free (a);
            continue;
          }
        a->member_id = sqlite3_column_int64 (stmt, 0);
        a->present = sqlite3_column_int (stmt, 1);
        a->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        g_ptr_array_add (attendance, a);
      }
    sqlite3_reset (stmt);
  }
  g_assert_true (gt_meeting_set_attendance (fx->township, attended, attendance, &error));
  g_assert_no_error (error);
  g_assert_true (gt_dues_unpay (fx->township, payer, "2026-10", &error));
  g_assert_no_error (error);

  newer_path = export (fx, "newer.xml", GT_EXCHANGE_KIND_REPORT);
  newer = import (fx, newer_path);
  g_assert_cmpuint (newer->counts[GT_EXCHANGE_MEETING][GT_EXCHANGE_UPDATED], ==, 2);
  g_assert_cmpuint (newer->counts[GT_EXCHANGE_MEETING][GT_EXCHANGE_UNCHANGED], ==,
                    n_meetings - 2);
  /* the payment the county had (rev 1) is deleted by its tombstone (rev 2) */
  g_assert_cmpuint (newer->counts[GT_EXCHANGE_TOMBSTONE][GT_EXCHANGE_UPDATED], ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE deleted"
                                              " AND type = 'dues-payment'"), ==, 1);
  topic_sql = g_strdup_printf ("SELECT count(*) FROM ex_records WHERE type = 'meeting'"
                               " AND json_extract (data, '$.topic') = '%s'", spec.topic);
  g_assert_cmpint (gt_test_count (fx->county, topic_sql), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM meetings WHERE id = %"
                                            G_GINT64_FORMAT, attended);
    sqlite3_stmt *stmt = gt_storage_prepare (fx->township, sql, NULL);
    g_autofree char *county_sql = NULL;

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    county_sql = g_strdup_printf ("SELECT json_extract (data, '$.present') + json_extract (data,"
                                  " '$.absent') FROM ex_records WHERE uuid = '%s'",
                                  sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
    g_assert_cmpint (gt_test_count (fx->county, county_sql), ==, attendance->len);
  }

  /* The first report is now older: its meetings and the payment conflict, nothing is
   * imported without a decision. */
  before = records_of (fx->county, "meeting");
  older = gt_exchange_import (fx->county, older_path, GT_EXCHANGE_IMPORT_NO_BACKUP,
                              GT_EXCHANGE_RESOLVE_NONE, &preview, &error);
  g_assert_null (older);
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CONFLICTS);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_MEETING][GT_EXCHANGE_CONFLICTING], ==, 2);
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_DUES_PAYMENT][GT_EXCHANGE_CONFLICTING], ==, 1);
  g_assert_cmpuint (preview->n_conflicts, ==, 3);
  after = records_of (fx->county, "meeting");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE deleted"
                                              " AND type = 'dues-payment'"), ==, 1);
}

static void
test_schema (Fixture *fx, gconstpointer data)
{
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                "guatu-exchange-1.xsd", NULL);
  g_autofree char *full = export (fx, "full.xml", GT_EXCHANGE_KIND_FULL);
  const char *paths[] = { fx->report, full };
  xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt (xsd);
  xmlSchemaPtr schema = xmlSchemaParse (pctxt);
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt (schema);

  g_assert_nonnull (schema);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *text = gt_test_read_text (paths[i]);

      g_assert_cmpint (xmlSchemaValidateFile (vctxt, paths[i], 0), ==, 0);
      for (guint b = 0; b < G_N_ELEMENTS (bodies); b++)
        {
          g_autofree char *open = g_strdup_printf ("<%s ", bodies[b].name);
          g_assert_nonnull (strstr (text, open));
        }
    }
  xmlSchemaFreeValidCtxt (vctxt);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (pctxt);
}

/* The township's compliance grid for @from..@to: required items and those done. */
static void
township_compliance (GtStorage *storage, const char *from, const char *to, gint64 *required,
                     gint64 *done)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cells = gt_life_compliance (storage, from, to, "2026-12-01", &error);

  g_assert_no_error (error);
  *required = *done = 0;
  for (guint i = 0; i < cells->len; i++)
    {
      GtLifeCell *cell = cells->pdata[i];
      for (guint j = 0; j < cell->items->len; j++)
        {
          GtLifeItem *item = cell->items->pdata[j];
          (*required)++;
          *done += item->status == GT_LIFE_DONE;
        }
    }
}

static GtCountyTownship *
township_of (GPtrArray *towns)
{
  for (guint i = 0; i < towns->len; i++)
    if (g_strcmp0 (((GtCountyTownship *) towns->pdata[i])->code, TOWNSHIP) == 0)
      return towns->pdata[i];
  g_assert_not_reached ();
}

static void
test_county_metrics (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = import (fx, fx->report);
  g_autoptr (GPtrArray) month = gt_county_summary (fx->county, PERIOD, &error);
  g_autoptr (GPtrArray) year = gt_county_summary (fx->county, "2026", &error);
  g_autoptr (GPtrArray) none = gt_county_summary (fx->county, "2027-01", &error);
  GtCountyTownship *t = township_of (month), *y = township_of (year), *n = township_of (none);
  gint64 required = 0, done = 0, stars = 0;
  GtCountyRank rank;

  g_assert_no_error (error);

  /* Meetings: as the township's own compliance grid counts them. */
  township_compliance (fx->township, PERIOD, PERIOD, &required, &done);
  g_test_message ("2026-11: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " meetings held",
                  t->meetings_required_held, t->meetings_required);
  g_assert_cmpstr (t->activity_period, ==, PERIOD);
  g_assert_cmpint (required, >, 0);
  g_assert_cmpint (t->meetings_required, ==, required);
  g_assert_cmpint (t->meetings_required_held, ==, done);
  g_assert_cmpint (gt_county_metric (t, GT_COUNTY_RANK_MEETINGS_HELD), ==, done * 100 / required);
  township_compliance (fx->township, "2026-01", PERIOD, &required, &done);
  g_assert_cmpstr (y->activity_period, ==, "2026");
  g_assert_cmpint (y->meetings_required, ==, required);
  g_assert_cmpint (y->meetings_required_held, ==, done);
  g_assert_cmpint (t->meetings, ==, gt_test_count (fx->township, "SELECT count(*) FROM meetings"
                                                                 " WHERE date LIKE '2026-11-%'"));
  g_assert_cmpint (t->meeting_attendance_present, ==,
                   gt_test_count (fx->township, "SELECT count(*) FROM meeting_attendance a"
                                                " JOIN meetings m ON m.id = a.meeting_id"
                                                " WHERE m.date LIKE '2026-11-%' AND a.present"));
  g_assert_cmpint (t->meeting_attendance_expected, ==,
                   gt_test_count (fx->township, "SELECT count(*) FROM meeting_attendance a"
                                                " JOIN meetings m ON m.id = a.meeting_id"
                                                " WHERE m.date LIKE '2026-11-%'"));

  /* Dues: active members paid for every month of the period. */
  g_assert_cmpint (t->dues_members, ==, gt_test_count (fx->township, "SELECT count(*) FROM"
                                                                     " members WHERE status ="
                                                                     " 'active'"));
  g_assert_cmpint (t->dues_paid_members, ==,
                   gt_test_count (fx->township, "SELECT count(*) FROM members m WHERE status ="
                                                " 'active' AND EXISTS (SELECT 1 FROM"
                                                " dues_payments p WHERE p.member_id = m.id AND"
                                                " p.month = '2026-11')"));
  g_assert_cmpint (t->dues_paid_members, >, 0);
  g_assert_cmpint (t->dues_paid_members, <=, t->dues_members);
  g_assert_cmpint (y->dues_paid_members, ==,
                   gt_test_count (fx->township, "SELECT count(*) FROM members m WHERE status ="
                                                " 'active' AND (SELECT count(DISTINCT month)"
                                                " FROM dues_payments p WHERE p.member_id = m.id"
                                                " AND p.month BETWEEN '2026-01' AND '2026-11')"
                                                " = 11"));
  g_assert_cmpint (t->dues_paid_fen, ==, gt_test_count (fx->township, "SELECT sum (amount_fen)"
                                                                      " FROM dues_payments WHERE"
                                                                      " month = '2026-11'"));
  g_assert_cmpint (gt_county_metric (t, GT_COUNTY_RANK_DUES_PAID), ==,
                   t->dues_paid_members * 100 / t->dues_members);
  /* A member admitted after the period owes nothing for it: not in its base. */
  {
    g_autoptr (GPtrArray) again = NULL;
    gint64 base = t->dues_members;

    g_assert_cmpint (sqlite3_exec (gt_storage_get_db (fx->county),
                                   "UPDATE ex_records SET data = json_set (data, '$.join-date',"
                                   " '2026-12-05') WHERE id = (SELECT min (id) FROM ex_records"
                                   " WHERE type = 'member'"
                                   " AND json_extract (data, '$.status') = 'active')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    again = gt_county_summary (fx->county, PERIOD, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < again->len; i++)
      if (g_str_equal (((GtCountyTownship *) again->pdata[i])->code, t->code))
        g_assert_cmpint (((GtCountyTownship *) again->pdata[i])->dues_members, ==, base - 1);
  }

  /* Stars: the published rating of 2026, counted per level. */
  g_assert_cmpstr (t->stars_period, ==, "2026");
  g_assert_cmpint (t->rated_members, ==,
                   gt_test_count (fx->township, "SELECT count(*) FROM score_results r JOIN"
                                                " score_runs s ON s.id = r.run_id WHERE s.kind ="
                                                " 'stars' AND s.published AND r.member_id IS NOT"
                                                " NULL"));
  for (int s = 0; s < GT_COUNTY_STAR_LEVELS; s++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM score_results r JOIN"
                                              " score_runs s ON s.id = r.run_id WHERE s.kind ="
                                              " 'stars' AND s.published AND r.member_id IS NOT"
                                              " NULL AND r.stars = %d", s);
      g_assert_cmpint (t->member_stars[s], ==, gt_test_count (fx->township, sql));
      stars += s * t->member_stars[s];
    }
  g_assert_cmpint (gt_county_metric (t, GT_COUNTY_RANK_AVERAGE_STARS), ==,
                   stars * 100 / t->rated_members);

  /* A period the township has not reported: missing, with no figures at all (none made up
   * from the records its older package carried). */
  g_assert_false (n->reported);
  g_assert_true (t->reported && y->reported);
  g_assert_null (n->activity_period);
  g_assert_cmpint (n->meetings, ==, 0);
  g_assert_cmpint (n->meetings_required_held, ==, 0);
  g_assert_cmpint (n->meetings_required, ==, 0);
  g_assert_cmpint (n->dues_paid_members, ==, 0);
  g_assert_null (n->stars_period);

  g_assert_true (gt_county_rank_from_string ("meetings-held", &rank));
  g_assert_cmpint (rank, ==, GT_COUNTY_RANK_MEETINGS_HELD);
  g_assert_true (gt_county_rank_from_string ("dues-paid", &rank));
  g_assert_cmpstr (gt_county_rank_to_string (rank), ==, "dues-paid");
  g_assert_true (gt_county_rank_from_string ("average-stars", &rank));
  g_assert_cmpint (rank, ==, GT_COUNTY_RANK_AVERAGE_STARS);
  g_assert_false (gt_county_rank_from_string ("stars", &rank));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, setup, func, teardown)
  ADD ("/exchange-life/roundtrip", test_roundtrip);
  ADD ("/exchange-life/update-conflict", test_update_conflict);
  ADD ("/exchange-life/schema", test_schema);
  ADD ("/exchange-life/county-metrics", test_county_metrics);
  return g_test_run ();
}
