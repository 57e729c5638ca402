/* test-project.c — the 挂图作战 project library on real SQLite files: numbering (挂号),
 * validation naming the field, tick-off (销号) closing a project, un-ticking with a reason,
 * the three-lagging accountability rule, snapshots and the diff (computed by hand), kinds,
 * filters, and the demo's library in every state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-project.h"
#include "gt-test-demo.h"

/* An empty township: one committee, one village branch, two villages. */
static void
setup_empty (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-project-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "p.db", NULL);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_exec (
    fx->storage,
    "INSERT INTO organizations (id, uuid, name, kind, level, mtime)"
    " VALUES (1, 'o1', '青石镇党委', 'committee', 'township', 'x');"
    "INSERT INTO organizations (id, uuid, parent_id, name, kind, level, mtime)"
    " VALUES (2, 'o2', 1, '青石村党支部', 'branch', 'village', 'x');"
    "INSERT INTO villages (uuid, name, org_id, mtime) VALUES ('v1', '青石村', 2, 'x');"
    "INSERT INTO villages (uuid, name, mtime) VALUES ('v2', '水北村', 'x');", &error));
  g_assert_no_error (error);
}

static GtProjectSpec
spec_for (const char *name, const char *start, const char *due)
{
  GtProjectSpec spec = {
    .name = name, .kind = "point", .level = "township", .org_id = 1, .leader = "杨双",
    .cadre = "程志刚", .start_date = start, .due_date = due, .budget_fen = 12345,
  };
  return spec;
}

static gint64
add (GtStorage *storage, const char *name, const char *start, const char *due, char **number)
{
  g_autoptr (GError) error = NULL;
  GtProjectSpec spec = spec_for (name, start, due);
  gint64 id = 0;

  g_assert_true (gt_project_add (storage, &spec, &id, number, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_milestone (GtStorage *storage, gint64 project, const char *name, const char *planned)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gt_milestone_add (storage, project, name, planned, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
tick (GtStorage *storage, gint64 milestone, const char *date, gboolean expect_closed)
{
  g_autoptr (GError) error = NULL;
  gboolean closed = !expect_closed;

  g_assert_true (gt_milestone_tick (storage, milestone, date, "程志刚", &closed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (closed, ==, expect_closed);
}

static void
test_number_format (void)
{
  int year;
  gint64 seq;
  g_autofree char *a = gt_project_number_format ("YYYY-MM-NNN", "2026-07-15", 17);
  g_autofree char *b = gt_project_number_format ("QJ-YY-NNNN", "2026-07-15", 17);
  g_autofree char *c = gt_project_number_format ("YYYY-MM-NNN", "2026-07-15", 1234);

  g_assert_cmpstr (a, ==, "2026-07-017");
  g_assert_cmpstr (b, ==, "QJ-26-0017");
  g_assert_cmpstr (c, ==, "2026-07-1234");
  g_assert_true (gt_project_number_parse ("YYYY-MM-NNN", "2026-07-017", &year, &seq));
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (seq, ==, 17);
  g_assert_true (gt_project_number_parse ("YYYY-MM-NNN", "2026-07-1234", &year, &seq));
  g_assert_cmpint (seq, ==, 1234);
  g_assert_true (gt_project_number_parse ("QJ-YY-NNNN", "QJ-26-0017", &year, &seq));
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (seq, ==, 17);
  g_assert_false (gt_project_number_parse ("YYYY-MM-NNN", "2026-07-01x", &year, &seq));
  g_assert_false (gt_project_number_parse ("YYYY-MM-NNN", "2026/07/017", &year, &seq));
  g_assert_false (gt_project_number_parse ("QJ-YY-NNNN", "QX-26-0017", &year, &seq));
  g_assert_false (gt_project_number_parse ("YYYY-MM-NNN", "2026-07-000", &year, &seq));
}

static void
test_numbering (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *n1 = NULL, *n2 = NULL, *n3 = NULL, *n4 = NULL, *n5 = NULL, *n6 = NULL;

  add (fx->storage, "一号", "2026-07-15", "2026-12-31", &n1);
  add (fx->storage, "二号", "2026-03-01", "2026-12-31", &n2);
  add (fx->storage, "三号", "2027-01-05", "2027-12-31", &n3);
  /* running within the year of the time node */
  g_assert_cmpstr (n1, ==, "2026-07-001");
  g_assert_cmpstr (n2, ==, "2026-03-002");
  g_assert_cmpstr (n3, ==, "2027-01-001");

  /* a scheme without a running number is refused and changes nothing */
  g_assert_false (gt_project_set_number_scheme (fx->storage, "YYYY-MM", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "number scheme"));
  g_clear_error (&error);
  {
    g_autofree char *scheme = gt_project_number_scheme (fx->storage);
    g_assert_cmpstr (scheme, ==, "YYYY-MM-NNN");
  }

  /* another scheme counts its own numbers */
  g_assert_true (gt_project_set_number_scheme (fx->storage, "QS-YYYY-NN", &error));
  g_assert_no_error (error);
  add (fx->storage, "四号", "2026-08-01", NULL, &n4);
  add (fx->storage, "五号", "2026-09-01", NULL, &n5);
  g_assert_cmpstr (n4, ==, "QS-2026-01");
  g_assert_cmpstr (n5, ==, "QS-2026-02");

  /* and back: the old numbers count on */
  g_assert_true (gt_project_set_number_scheme (fx->storage, "YYYY-MM-NNN", &error));
  add (fx->storage, "六号", "2026-10-20", NULL, &n6);
  g_assert_cmpstr (n6, ==, "2026-10-003");

  /* resolving by number or id */
  {
    gint64 id = 0;
    g_assert_true (gt_project_resolve (fx->storage, "QS-2026-02", &id, &error));
    g_assert_cmpint (id, ==, 5);
    g_assert_true (gt_project_resolve (fx->storage, "2", &id, &error));
    g_assert_cmpint (id, ==, 2);
    g_assert_false (gt_project_resolve (fx->storage, "2099-01-001", &id, &error));
    g_assert_nonnull (strstr (error->message, "project"));
  }
}

/* A refused spec names the field and writes nothing. */
static void
check_refused (GtStorage *storage, GtProjectSpec spec, const char *field)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", field);
  gint64 before = gt_test_count (storage, "SELECT count(*) FROM projects");

  g_assert_false (gt_project_add (storage, &spec, NULL, NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  if (strstr (error->message, quoted) == NULL)
    g_error ("“%s” does not name %s", error->message, quoted);
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM projects"), ==, before);
}

static void
test_validation (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtProjectSpec spec;
  gint64 id;

  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.leader = NULL;
  check_refused (fx->storage, spec, "leader");
  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.cadre = "　 ";
  check_refused (fx->storage, spec, "cadre");
  spec = spec_for ("", "2026-01-01", "2026-06-30");
  check_refused (fx->storage, spec, "name");
  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.kind = "garden";
  check_refused (fx->storage, spec, "kind");
  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.level = "province";
  check_refused (fx->storage, spec, "level");
  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.org_id = 0;
  check_refused (fx->storage, spec, "org");
  spec.org_id = 99;
  check_refused (fx->storage, spec, "org");
  spec = spec_for ("项目", "2026-02-30", "2026-06-30");
  check_refused (fx->storage, spec, "start");
  spec = spec_for ("项目", "2026-07-01", "2026-06-30");
  check_refused (fx->storage, spec, "due");
  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.budget_fen = -5;
  check_refused (fx->storage, spec, "budget");
  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.village = "无名村";
  check_refused (fx->storage, spec, "village");

  /* a good one, then an update that would put the due date before the start */
  spec = spec_for ("项目", "2026-01-01", "2026-06-30");
  spec.village = "青石村";
  id = add (fx->storage, "项目", "2026-01-01", "2026-06-30", NULL);
  g_assert_false (gt_project_update (fx->storage, id, &(GtProjectSpec){ .due_date = "2025-12-01",
                                                                      .budget_fen = -1 },
                                     &error));
  g_assert_nonnull (strstr (error->message, "“due”"));
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM projects WHERE due_date ="
                                               " '2026-06-30' AND rev = 1"), ==, 1);

  /* an update changes only what it names, and counts the revision */
  g_assert_true (gt_project_update (fx->storage, id, &(GtProjectSpec){ .cadre = "方海涛",
                                                                     .village = "水北村",
                                                                     .budget_fen = -1 },
                                    &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtProjectInfo) p = gt_project_lookup (fx->storage, id, "2026-03-01", &error);
    g_assert_cmpstr (p->base.cadre, ==, "方海涛");
    g_assert_cmpstr (p->base.leader, ==, "杨双");
    g_assert_cmpstr (p->village, ==, "水北村");
    g_assert_cmpint (p->budget_fen, ==, 12345);
    g_assert_cmpint (p->rev, ==, 2);
  }
  g_assert_false (gt_project_update (fx->storage, 999, &(GtProjectSpec){ .name = "x",
                                                                       .budget_fen = -1 },
                                     &error));
  g_clear_error (&error);

  /* removing takes the milestones along */
  add_milestone (fx->storage, id, "方案制定", "2026-02-01");
  g_assert_true (gt_project_remove (fx->storage, id, &error));
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM milestones"), ==, 0);
  g_assert_false (gt_project_remove (fx->storage, id, &error));
}

static void
test_tick_closing (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = add (fx->storage, "观赏石博览园", "2025-01-01", "2025-12-31", NULL);
  gint64 m1 = add_milestone (fx->storage, id, "方案制定", "2025-03-01");
  gint64 m2 = add_milestone (fx->storage, id, "建设施工", "2025-06-01");
  gint64 m3 = add_milestone (fx->storage, id, "验收销号", "2025-09-01");
  g_autofree char *tomorrow = NULL;
  gint64 found = 0;

  g_assert_true (gt_milestone_find (fx->storage, id, 2, &found, &error));
  g_assert_cmpint (found, ==, m2);

  /* out of order is fine; only the last open one closes the project */
  tick (fx->storage, m3, "2025-08-20", FALSE);
  tick (fx->storage, m1, "2025-02-25", FALSE);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM projects"
                                               " WHERE closed_date IS NULL"), ==, 1);
  /* ticked off twice, in the future, without a name: refused */
  g_assert_false (gt_milestone_tick (fx->storage, m1, "2025-02-26", "x", NULL, &error));
  g_assert_nonnull (strstr (error->message, "“milestone”"));
  g_clear_error (&error);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autoptr (GDateTime) next = g_date_time_add_days (now, 1);
    tomorrow = g_date_time_format (next, "%Y-%m-%d");
  }
  g_assert_false (gt_milestone_tick (fx->storage, m2, tomorrow, "x", NULL, &error));
  g_assert_nonnull (strstr (error->message, "“date”"));
  g_clear_error (&error);
  g_assert_false (gt_milestone_tick (fx->storage, m2, "2025-05-30", " ", NULL, &error));
  g_assert_nonnull (strstr (error->message, "“by”"));
  g_clear_error (&error);

  tick (fx->storage, m2, "2025-05-30", TRUE);
  {
    g_autoptr (GtProjectInfo) p = gt_project_lookup (fx->storage, id, "2025-10-01", &error);
    /* closed on the latest tick-off date, not the last ticked */
    g_assert_cmpstr (p->base.closed_date, ==, "2025-08-20");
    g_assert_cmpint (p->status, ==, GT_PROJECT_STATUS_DONE);
    g_assert_cmpint (p->base.n_done, ==, 3);
    g_assert_cmpstr (((GtMilestone *) p->milestones->pdata[1])->done_by, ==, "程志刚");
  }

  /* un-ticking needs a reason, keeps it, and reopens the project */
  g_assert_false (gt_milestone_untick (fx->storage, m3, "  ", "杨双", &error));
  g_assert_nonnull (strstr (error->message, "“reason”"));
  g_clear_error (&error);
  g_assert_true (gt_milestone_untick (fx->storage, m3, "验收资料不全", "杨双", &error));
  g_assert_no_error (error);
  g_assert_false (gt_milestone_untick (fx->storage, m3, "again", "杨双", &error));
  g_clear_error (&error);
  {
    g_autoptr (GtProjectInfo) p = gt_project_lookup (fx->storage, id, "2025-10-01", &error);
    GtReopening *r = p->reopenings->pdata[0];

    g_assert_null (p->base.closed_date);
    g_assert_cmpint (p->status, ==, GT_PROJECT_STATUS_OVERDUE); /* 2025-09-01 passed */
    g_assert_cmpstr (p->base.next_node, ==, "验收销号");
    g_assert_cmpuint (p->reopenings->len, ==, 1);
    g_assert_cmpstr (r->reason, ==, "验收资料不全");
    g_assert_cmpstr (r->done_date, ==, "2025-08-20");
    g_assert_cmpstr (r->reopened_by, ==, "杨双");
    g_assert_cmpint (((GtMilestone *) p->milestones->pdata[2])->n_reopened, ==, 1);
  }
  tick (fx->storage, m3, "2025-09-10", TRUE);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM projects"
                                               " WHERE closed_date = '2025-09-10'"), ==, 1);
  /* a new milestone opens the closed project again */
  add_milestone (fx->storage, id, "总结评估", "2025-12-01");
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM projects"
                                               " WHERE closed_date IS NULL"), ==, 1);
  g_assert_false (gt_milestone_add (fx->storage, id, "x", "2025-13-01", NULL, &error));
  g_assert_nonnull (strstr (error->message, "“planned”"));
}

static void
supervise (GtStorage *storage, gint64 id, const char *date, gboolean lagging)
{
  g_autoptr (GError) error = NULL;
  GtSupervisionSpec spec = { .checked_on = date, .finding = lagging ? "滞后" : "正常",
                             .lagging = lagging, .inspector = "督导组" };

  g_assert_true (gt_supervision_add (storage, id, &spec, NULL, &error));
  g_assert_no_error (error);
}

static void
expect_lagging (GtStorage *storage, gint64 id, gint64 n, gboolean accountable)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtProjectInfo) p = gt_project_lookup (storage, id, "2025-12-31", &error);
  g_autoptr (GPtrArray) all = gt_project_query (storage, NULL, "2025-12-31", &error);

  g_assert_no_error (error);
  g_assert_cmpint (p->n_lagging, ==, n);
  g_assert_cmpint (p->accountable, ==, accountable);
  /* the list says the same */
  for (guint i = 0; i < all->len; i++)
    if (((GtProjectInfo *) all->pdata[i])->base.id == id)
      g_assert_cmpint (((GtProjectInfo *) all->pdata[i])->accountable, ==, accountable);
}

static void
test_lagging (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = add (fx->storage, "庭院整治", "2025-01-01", "2025-12-31", NULL);
  gint64 other = add (fx->storage, "另一个", "2025-01-01", "2025-12-31", NULL);

  supervise (fx->storage, id, "2025-02-01", TRUE);
  supervise (fx->storage, id, "2025-03-01", TRUE);
  expect_lagging (fx->storage, id, 2, FALSE);
  /* another project's checks do not count */
  supervise (fx->storage, other, "2025-03-15", TRUE);
  expect_lagging (fx->storage, id, 2, FALSE);
  supervise (fx->storage, id, "2025-04-01", TRUE);
  expect_lagging (fx->storage, id, 3, TRUE);
  /* a check that finds it on course breaks the run */
  supervise (fx->storage, id, "2025-05-01", FALSE);
  expect_lagging (fx->storage, id, 0, FALSE);
  supervise (fx->storage, id, "2025-06-01", TRUE);
  supervise (fx->storage, id, "2025-07-01", TRUE);
  expect_lagging (fx->storage, id, 2, FALSE);
  /* an earlier-dated good check entered late does not break the later run */
  supervise (fx->storage, id, "2025-04-15", FALSE);
  expect_lagging (fx->storage, id, 2, FALSE);
  supervise (fx->storage, id, "2025-07-01", TRUE); /* same day: counted by entry */
  expect_lagging (fx->storage, id, 3, TRUE);

  /* the rule is a setting */
  g_assert_true (gt_project_set_accountability_checks (fx->storage, 4, &error));
  expect_lagging (fx->storage, id, 3, FALSE);
  g_assert_false (gt_project_set_accountability_checks (fx->storage, 0, &error));
  g_clear_error (&error);

  /* bad records are refused, naming the field */
  g_assert_false (gt_supervision_add (fx->storage, id, &(GtSupervisionSpec){
                                        .checked_on = "2025-05-01", .finding = "" },
                                      NULL, &error));
  g_assert_nonnull (strstr (error->message, "“finding”"));
  g_clear_error (&error);
  g_assert_false (gt_supervision_add (fx->storage, id, &(GtSupervisionSpec){
                                        .checked_on = "2025-05-01", .finding = "x",
                                        .deadline = "2025-04-01" },
                                      NULL, &error));
  g_assert_nonnull (strstr (error->message, "“deadline”"));
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM supervisions"), ==, 9);
}

static guint
count_number (GPtrArray *changes, const char *number)
{
  guint n = 0;

  for (guint i = 0; i < changes->len; i++)
    n += g_strcmp0 (((GtProjectChange *) changes->pdata[i])->number, number) == 0;
  return n;
}

static void
test_diff (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtProjectDiff) diff = NULL;
  g_autoptr (GPtrArray) snapshots = NULL;
  g_autofree char *na = NULL, *nb = NULL, *nc = NULL, *nd = NULL, *ne = NULL;
  gint64 a, b, c, d, e, a1, a2, b1, b2, snap = 0;

  g_assert_null (gt_project_diff (fx->storage, 0, "2025-06-30", &error));
  g_assert_nonnull (strstr (error->message, "“snapshot”"));
  g_clear_error (&error);

  /* A: three nodes; B: two, closes after the snapshot; D: on course then, late now;
   * E: late then and now; C: added after the snapshot. */
  a = add (fx->storage, "A", "2025-01-01", "2025-12-31", &na);
  a1 = add_milestone (fx->storage, a, "A1", "2025-03-01");
  a2 = add_milestone (fx->storage, a, "A2", "2025-06-01");
  add_milestone (fx->storage, a, "A3", "2025-09-01");
  b = add (fx->storage, "B", "2025-01-01", "2025-04-30", &nb);
  b1 = add_milestone (fx->storage, b, "B1", "2025-02-01");
  b2 = add_milestone (fx->storage, b, "B2", "2025-04-30");
  d = add (fx->storage, "D", "2025-01-01", "2025-12-31", &nd);
  add_milestone (fx->storage, d, "D1", "2025-04-01");
  e = add (fx->storage, "E", "2025-01-01", "2025-12-31", &ne);
  add_milestone (fx->storage, e, "E1", "2025-02-01");
  tick (fx->storage, a1, "2025-02-25", FALSE);
  tick (fx->storage, b1, "2025-01-30", FALSE);
  /* ticked off later than the snapshot's date: the snapshot keeps it open */
  tick (fx->storage, a2, "2025-05-30", FALSE);

  g_assert_true (gt_project_snapshot_take (fx->storage, "2025-03-15", "三月", &snap, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM snapshot_projects"), ==, 4);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM snapshot_milestones"
                                               " WHERE done_date IS NOT NULL"), ==, 2);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM snapshot_projects"
                                               " WHERE status = 'overdue'"), ==, 1); /* E */

  tick (fx->storage, b2, "2025-05-10", TRUE);
  c = add (fx->storage, "C", "2025-04-01", "2025-12-31", &nc);
  g_assert_cmpint (c, >, 0);

  diff = gt_project_diff (fx->storage, 0, "2025-06-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (diff->snapshot_id, ==, snap);
  g_assert_cmpstr (diff->taken_on, ==, "2025-03-15");
  /* by hand: A2 (05-30) and B2 (05-10), in date order */
  g_assert_cmpuint (diff->ticked->len, ==, 2);
  g_assert_cmpstr (((GtProjectChange *) diff->ticked->pdata[0])->detail, ==, "B2");
  g_assert_cmpstr (((GtProjectChange *) diff->ticked->pdata[0])->date, ==, "2025-05-10");
  g_assert_cmpstr (((GtProjectChange *) diff->ticked->pdata[1])->detail, ==, "A2");
  g_assert_cmpstr (((GtProjectChange *) diff->ticked->pdata[1])->who, ==, "程志刚");
  /* D only: E was overdue already, A is on course, C is new */
  g_assert_cmpuint (diff->newly_overdue->len, ==, 1);
  g_assert_cmpuint (count_number (diff->newly_overdue, nd), ==, 1);
  g_assert_cmpstr (((GtProjectChange *) diff->newly_overdue->pdata[0])->detail, ==, "D1");
  g_assert_cmpuint (diff->new_projects->len, ==, 1);
  g_assert_cmpuint (count_number (diff->new_projects, nc), ==, 1);
  g_assert_cmpuint (diff->closed->len, ==, 1);
  g_assert_cmpuint (count_number (diff->closed, nb), ==, 1);
  g_clear_pointer (&diff, gt_project_diff_free);

  /* a snapshot now is the new baseline: nothing changed since */
  g_assert_true (gt_project_snapshot_take (fx->storage, "2025-06-30", NULL, NULL, &error));
  diff = gt_project_diff (fx->storage, 0, "2025-06-30", &error);
  g_assert_cmpuint (diff->ticked->len + diff->newly_overdue->len + diff->new_projects->len +
                      diff->closed->len, ==, 0);
  g_clear_pointer (&diff, gt_project_diff_free);
  /* the older one can still be named */
  diff = gt_project_diff (fx->storage, snap, "2025-06-30", &error);
  g_assert_cmpuint (diff->ticked->len, ==, 2);

  snapshots = gt_project_snapshot_list (fx->storage, &error);
  g_assert_cmpuint (snapshots->len, ==, 2);
  g_assert_cmpstr (((GtProjectSnapshot *) snapshots->pdata[0])->taken_on, ==, "2025-06-30");
  g_assert_cmpstr (((GtProjectSnapshot *) snapshots->pdata[1])->note, ==, "三月");
  g_assert_cmpint (((GtProjectSnapshot *) snapshots->pdata[1])->n_projects, ==, 4);
  g_assert_false (gt_project_snapshot_take (fx->storage, "2999-01-01", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“date”"));
  (void) e;
}

static void
test_kinds_and_filters (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kinds = NULL, found = NULL;
  GtProjectSpec spec = spec_for ("党建公园", "2025-01-01", "2025-12-31");
  g_autofree char *label = NULL;
  gint64 id;

  kinds = gt_project_kind_list (fx->storage, &error);
  g_assert_cmpuint (kinds->len, ==, 5);
  g_assert_cmpstr (((GtProjectKind *) kinds->pdata[0])->code, ==, "belt");
  g_assert_false (gt_project_kind_add (fx->storage, "belt", "带", &error));
  g_clear_error (&error);
  g_assert_false (gt_project_kind_add (fx->storage, "Park!", "公园", &error));
  g_assert_nonnull (strstr (error->message, "“code”"));
  g_clear_error (&error);
  g_assert_true (gt_project_kind_add (fx->storage, "park", "党建公园", &error));
  label = gt_project_kind_label (fx->storage, "park");
  g_assert_cmpstr (label, ==, "党建公园");

  spec.kind = "park";
  spec.org_id = 2;
  spec.level = "village";
  g_assert_true (gt_project_add (fx->storage, &spec, &id, NULL, &error));
  add (fx->storage, "示范点", "2025-01-01", "2025-12-31", NULL);
  g_assert_false (gt_project_kind_remove (fx->storage, "park", &error));
  g_assert_nonnull (strstr (error->message, "“kind”"));
  g_clear_error (&error);
  g_assert_true (gt_project_kind_remove (fx->storage, "circle", &error));

  found = gt_project_query (fx->storage, &(GtProjectFilter){ .kind = "park", .status = -1 },
                            "2025-06-01", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gt_project_query (fx->storage, &(GtProjectFilter){ .org_id = 1, .status = -1 },
                            "2025-06-01", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GtProjectInfo *) found->pdata[0])->base.name, ==, "示范点");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gt_project_query (fx->storage, &(GtProjectFilter){ .level = "village", .status = -1,
                                                             .text = "公园" },
                            "2025-06-01", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* no milestones, due date far: on track; after the due date: overdue */
  found = gt_project_query (fx->storage, &(GtProjectFilter){ .status = GT_PROJECT_STATUS_OVERDUE },
                            "2026-01-05", &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gt_project_query (fx->storage, &(GtProjectFilter){ .status = GT_PROJECT_STATUS_OVERDUE },
                            "2025-06-01", &error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_demo (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = gt_project_query (fx->storage, NULL, NULL, &error);
  g_autoptr (GtProjectDiff) diff = NULL;
  guint by_status[GT_PROJECT_N_STATUS] = { 0 }, accountable = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 48);
  for (guint i = 0; i < all->len; i++)
    {
      GtProjectInfo *p = all->pdata[i];
      int year;
      gint64 seq;

      by_status[p->status]++;
      accountable += p->accountable;
      g_assert_true ((p->base.closed_date != NULL) == (p->base.n_done == p->base.n_milestones));
      g_assert_true (gt_project_number_parse ("YYYY-MM-NNN", p->base.number, &year, &seq));
      g_assert_false (*p->base.leader == '\0' || *p->base.cadre == '\0');
    }
  for (guint s = 0; s < GT_PROJECT_N_STATUS; s++)
    if (by_status[s] < 5)
      g_error ("only %u projects %s", by_status[s], gt_project_status_code (s));
  g_assert_cmpuint (accountable, ==, 2);
  for (guint k = 0; k < 5; k++)
    {
      static const char *const kinds[] = { "belt", "zone", "circle", "post", "point" };
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM projects WHERE kind = '%s'",
                                              kinds[k]);
      g_assert_cmpint (gt_test_count (fx->storage, sql), >, 2);
    }
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM project_snapshots"), ==, 1);
  diff = gt_project_diff (fx->storage, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->ticked->len, >, 0);
  g_assert_cmpuint (diff->newly_overdue->len, >, 0);
  g_assert_cmpuint (diff->new_projects->len, >, 0);
  g_assert_cmpuint (diff->closed->len, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/project/number-format", test_number_format);
#define ADD_EMPTY(path, fn) \
  g_test_add (path, GtTestDemo, NULL, setup_empty, fn, gt_test_demo_teardown)
  ADD_EMPTY ("/project/numbering", test_numbering);
  ADD_EMPTY ("/project/validation", test_validation);
  ADD_EMPTY ("/project/tick-closing", test_tick_closing);
  ADD_EMPTY ("/project/lagging", test_lagging);
  ADD_EMPTY ("/project/diff", test_diff);
  ADD_EMPTY ("/project/kinds-filters", test_kinds_and_filters);
  g_test_add ("/project/demo", GtTestDemo, GUINT_TO_POINTER (1), gt_test_demo_setup, test_demo,
              gt_test_demo_teardown);
  return g_test_run ();
}
