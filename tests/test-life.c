/* test-life.c — meetings, attendance, the schedule and compliance, on a real SQLite file;
 * every expected figure is worked out by hand from life-fixture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-life.h"
#include "life-fixture.h"

static gint64
add_meeting (GtStorage *storage, gint64 org, const char *kind, const char *date)
{
  g_autoptr (GError) error = NULL;
  GtMeetingSpec spec = { .org_id = org, .kind = kind, .date = date, .topic = "学习" };
  gint64 id = 0;

  g_assert_true (gt_meeting_add (storage, &spec, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GtAttendance *
att (gint64 member, gboolean present, const char *reason)
{
  GtAttendance *a = g_new0 (GtAttendance, 1);

  a->member_id = member;
  a->present = present;
  a->reason = g_strdup (reason);
  return a;
}

static void
test_schedule_defaults (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rules = gt_life_schedule (fx->storage, &error);
  g_autofree char *period = NULL;
  int day = -1;

  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 7);
  g_assert_true (gt_life_rule_for (fx->storage, "rural", "theme_day", &period, &day, &error));
  g_assert_cmpstr (period, ==, "month");
  g_assert_cmpint (day, ==, 20);
  g_clear_pointer (&period, g_free);
  g_assert_true (gt_life_rule_for (fx->storage, "organ", "general", &period, &day, &error));
  g_assert_cmpstr (period, ==, "quarter");
  g_assert_cmpint (day, ==, 0);
  g_clear_pointer (&period, g_free);

  /* A type's own rule wins over the default; a bad period or day changes nothing. */
  g_assert_true (gt_life_schedule_set (fx->storage, "rural", "lecture", "half", 0, &error));
  g_assert_no_error (error);
  g_assert_true (gt_life_rule_for (fx->storage, "rural", "lecture", &period, &day, &error));
  g_assert_cmpstr (period, ==, "half");
  g_clear_pointer (&period, g_free);
  g_assert_true (gt_life_rule_for (fx->storage, "organ", "lecture", &period, &day, &error));
  g_assert_cmpstr (period, ==, "quarter");
  g_assert_false (gt_life_schedule_set (fx->storage, "rural", "lecture", "weekly", 0, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (gt_life_schedule_set (fx->storage, "rural", "general", "quarter", 20, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (gt_life_schedule_set (fx->storage, "火星", "general", "quarter", 0, &error));
  g_clear_error (&error);
  g_assert_false (gt_life_schedule_set (fx->storage, "", "general", NULL, 0, &error));
  g_clear_error (&error);
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM life_schedule"), ==, 8);
}

static void
test_meeting_checks (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtMeetingSpec spec = { .org_id = 2, .kind = "committee", .date = "2025-02-30" };

  g_assert_false (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "2025-02-30"));
  g_clear_error (&error);
  spec.date = "2999-01-01";
  g_assert_false (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_assert_nonnull (strstr (error->message, "future"));
  g_clear_error (&error);
  spec.date = "2025-02-10";
  spec.kind = "party";
  g_assert_false (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  /* Party-group meetings are held by groups; a group holds nothing else. */
  spec.kind = "group";
  g_assert_false (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  spec.org_id = 4;
  spec.kind = "committee";
  g_assert_false (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  spec.org_id = 7; /* archived */
  g_assert_false (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_assert_nonnull (strstr (error->message, "旧支部"));
  g_clear_error (&error);
  spec.org_id = 99;
  g_assert_false (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM meetings"), ==, 0);

  spec.org_id = 4;
  spec.kind = "group";
  g_assert_true (gt_meeting_add (fx->storage, &spec, NULL, &error));
  g_assert_no_error (error);
}

static void
test_attendance (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) roster = gt_life_roster (fx->storage, 2, &error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_attendance_free);
  g_autoptr (GtMeeting) meeting = NULL;
  gint64 id = add_meeting (fx->storage, 2, "general", "2025-03-15");
  gint64 attachment = 0;

  /* Active members of 一村 only (孙六 has left). */
  g_assert_cmpuint (roster->len, ==, 3);
  g_clear_pointer (&roster, g_ptr_array_unref);
  /* A group without members of its own picks from its branch. */
  roster = gt_life_roster (fx->storage, 4, &error);
  g_assert_cmpuint (roster->len, ==, 3);
  g_clear_pointer (&roster, g_ptr_array_unref);
  /* The general branch's roster includes its branches. */
  roster = gt_life_roster (fx->storage, 5, &error);
  g_assert_cmpuint (roster->len, ==, 1);

  g_ptr_array_add (list, att (1, TRUE, NULL));
  g_ptr_array_add (list, att (4, TRUE, NULL)); /* 赵四 is in 二村 */
  g_assert_false (gt_meeting_set_attendance (fx->storage, id, list, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_ptr_array_set_size (list, 1);
  g_ptr_array_add (list, att (2, TRUE, "病假"));
  g_assert_false (gt_meeting_set_attendance (fx->storage, id, list, &error));
  g_clear_error (&error);
  g_ptr_array_set_size (list, 1);
  g_ptr_array_add (list, att (1, FALSE, NULL));
  g_assert_false (gt_meeting_set_attendance (fx->storage, id, list, &error));
  g_clear_error (&error);
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM meeting_attendance"), ==, 0);

  g_ptr_array_set_size (list, 1);
  g_ptr_array_add (list, att (2, FALSE, "外出务工"));
  g_ptr_array_add (list, att (3, TRUE, NULL));
  g_assert_true (gt_meeting_set_attendance (fx->storage, id, list, &error));
  g_assert_no_error (error);
  g_assert_true (gt_meeting_attach (fx->storage, id, "/srv/会议记录/2025-03.jpg", "签到表",
                                    &attachment, &error));
  g_assert_false (gt_meeting_attach (fx->storage, id, "", NULL, NULL, &error));
  g_clear_error (&error);

  meeting = gt_meeting_lookup (fx->storage, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meeting->n_present, ==, 2);
  g_assert_cmpint (meeting->n_absent, ==, 1);
  g_assert_cmpuint (meeting->attendance->len, ==, 3);
  {
    GtAttendance *absent = meeting->attendance->pdata[2];
    g_assert_cmpint (absent->member_id, ==, 2);
    g_assert_false (absent->present);
    g_assert_cmpstr (absent->reason, ==, "外出务工");
    g_assert_cmpstr (absent->name, ==, "李二");
  }
  g_assert_cmpuint (meeting->attachments->len, ==, 1);
  g_assert_true (gt_meeting_detach (fx->storage, attachment, &error));
  g_assert_false (gt_meeting_detach (fx->storage, attachment, &error));
  g_clear_error (&error);

  /* Removing the meeting removes its attendance. */
  g_assert_true (gt_meeting_remove (fx->storage, id, &error));
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM meeting_attendance"), ==, 0);
}

/* 张一 moves from 一村 to 二村 in the middle of Q1: each meeting keeps whoever attended it. */
static void
test_branch_change (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_attendance_free);
  gint64 jan = add_meeting (fx->storage, 2, "committee", "2025-01-10");
  gint64 feb = add_meeting (fx->storage, 3, "committee", "2025-02-10");
  gint64 mar = add_meeting (fx->storage, 2, "committee", "2025-03-10");

  g_ptr_array_add (list, att (1, TRUE, NULL));
  g_assert_true (gt_meeting_set_attendance (fx->storage, jan, list, &error));
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE members SET org_id = 3 WHERE id = 1", &error));
  g_assert_true (gt_meeting_set_attendance (fx->storage, feb, list, &error));
  g_assert_no_error (error);
  /* The January record can still be corrected with 张一 on it… */
  g_ptr_array_add (list, att (2, FALSE, "住院"));
  g_assert_true (gt_meeting_set_attendance (fx->storage, jan, list, &error));
  g_assert_no_error (error);
  /* …but 张一 is no longer on 一村's roster for a new meeting. */
  g_ptr_array_set_size (list, 1);
  g_assert_false (gt_meeting_set_attendance (fx->storage, mar, list, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_cmpint (life_count (fx->storage, "SELECT count(*) FROM meeting_attendance"
                                             " WHERE member_id = 1"), ==, 2);
}

static GtLifeCell *
cell_for (GPtrArray *cells, gint64 org, const char *month)
{
  for (guint i = 0; i < cells->len; i++)
    {
      GtLifeCell *cell = cells->pdata[i];
      if (cell->org_id == org && strcmp (cell->month, month) == 0)
        return cell;
    }
  g_assert_not_reached ();
}

static GtLifeStatus
item_status (GtLifeCell *cell, const char *kind)
{
  for (guint i = 0; i < cell->items->len; i++)
    {
      GtLifeItem *item = cell->items->pdata[i];
      if (strcmp (item->kind, kind) == 0)
        return item->status;
    }
  return (GtLifeStatus) -1;
}

/* 一村 in 2025: 支委会 in Jan, Feb, Apr, May (not Mar); 主题党日 Jan–May; 党员大会 in Feb
 * (meets Q1); no 党课. Judged on 2025-06-25. */
static void
test_compliance (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cells = NULL;
  const char *committee[] = { "2025-01-08", "2025-02-12", "2025-04-09", "2025-05-14" };
  GtLifeCell *cell;
  double rate = -1;

  for (guint i = 0; i < G_N_ELEMENTS (committee); i++)
    add_meeting (fx->storage, 2, "committee", committee[i]);
  for (int m = 1; m <= 5; m++)
    {
      g_autofree char *date = g_strdup_printf ("2025-%02d-20", m);
      add_meeting (fx->storage, 2, "theme_day", date);
    }
  add_meeting (fx->storage, 2, "general", "2025-02-10");
  /* The sub-branch's meetings never count for the general branch above it. */
  add_meeting (fx->storage, 6, "committee", "2025-03-05");

  cells = gt_life_compliance (fx->storage, "2025-01", "2025-06", "2025-06-25", &error);
  g_assert_no_error (error);
  /* Branches 2, 3, group 4, general branch 5, branch 6: 5 organisations × 6 months; not the
   * committee 1 nor the archived 7. */
  g_assert_cmpuint (cells->len, ==, 30);
  g_assert_cmpint (((GtLifeCell *) cells->pdata[0])->org_id, ==, 2);
  g_assert_cmpint (((GtLifeCell *) cells->pdata[6])->org_id, ==, 4);

  cell = cell_for (cells, 2, "2025-01");
  g_assert_cmpint (cell->status, ==, GT_LIFE_DONE);
  g_assert_cmpuint (cell->items->len, ==, 2); /* committee, theme day */
  cell = cell_for (cells, 2, "2025-02");
  g_assert_cmpint (cell->status, ==, GT_LIFE_DONE);
  cell = cell_for (cells, 2, "2025-03");
  g_assert_cmpint (cell->status, ==, GT_LIFE_MISSING);
  g_assert_cmpuint (cell->items->len, ==, 4); /* + general, lecture */
  g_assert_cmpint (item_status (cell, "committee"), ==, GT_LIFE_MISSING);
  g_assert_cmpint (item_status (cell, "general"), ==, GT_LIFE_DONE);
  g_assert_cmpint (item_status (cell, "lecture"), ==, GT_LIFE_MISSING);
  g_assert_cmpint (item_status (cell, "theme_day"), ==, GT_LIFE_DONE);
  cell = cell_for (cells, 2, "2025-06");
  g_assert_cmpint (item_status (cell, "theme_day"), ==, GT_LIFE_OVERDUE); /* the 20th passed */
  g_assert_cmpint (item_status (cell, "committee"), ==, GT_LIFE_PENDING);
  g_assert_cmpint (item_status (cell, "general"), ==, GT_LIFE_PENDING);
  g_assert_cmpint (cell->status, ==, GT_LIFE_OVERDUE);
  /* The party group must hold 党小组会 monthly; it held none. */
  cell = cell_for (cells, 4, "2025-02");
  g_assert_cmpuint (cell->items->len, ==, 1);
  g_assert_cmpint (cell->status, ==, GT_LIFE_MISSING);
  cell = cell_for (cells, 5, "2025-03");
  g_assert_cmpint (item_status (cell, "committee"), ==, GT_LIFE_MISSING);
  cell = cell_for (cells, 6, "2025-03");
  g_assert_cmpint (item_status (cell, "committee"), ==, GT_LIFE_DONE);
  g_clear_pointer (&cells, g_ptr_array_unref);

  /* A month whose items due so far were all held is done, though others are still to come
   * (its "1/1" was grey as "not yet due"); with nothing due yet it is pending. */
  add_meeting (fx->storage, 3, "committee", "2025-06-03");
  cells = gt_life_compliance_org (fx->storage, 3, "2025-06", "2025-06", "2025-06-10", &error);
  g_assert_no_error (error);
  cell = cells->pdata[0];
  g_assert_cmpint (item_status (cell, "committee"), ==, GT_LIFE_DONE);
  g_assert_cmpint (item_status (cell, "theme_day"), ==, GT_LIFE_PENDING);
  g_assert_cmpint (cell->status, ==, GT_LIFE_DONE);
  g_clear_pointer (&cells, g_ptr_array_unref);
  cells = gt_life_compliance_org (fx->storage, 2, "2025-06", "2025-06", "2025-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (((GtLifeCell *) cells->pdata[0])->status, ==, GT_LIFE_PENDING);
  g_clear_pointer (&cells, g_ptr_array_unref);

  /* The year-end kinds: 组织生活会 and 民主评议 fall due in December only. */
  cells = gt_life_compliance_org (fx->storage, 2, "2025-12", "2025-12", "2026-01-10", &error);
  g_assert_cmpuint (cells->len, ==, 1);
  cell = cells->pdata[0];
  g_assert_cmpint (item_status (cell, "life_meeting"), ==, GT_LIFE_MISSING);
  g_assert_cmpint (item_status (cell, "appraisal"), ==, GT_LIFE_MISSING);
  g_assert_cmpuint (cell->items->len, ==, 6);

  /* Jan–May: committee 5 due, 4 held; theme day 5 due, 5 held; general Q1 held;
   * lecture Q1 missing → 10 of 12. */
  g_assert_true (gt_life_compliance_rate (fx->storage, 2, "2025-01", "2025-05", &rate, &error));
  g_assert_cmpfloat_with_epsilon (rate, 10.0 / 12.0, 1e-9);
  /* 党课 every half year for rural branches: Q1's lecture is no longer due → 10 of 11. */
  g_assert_true (gt_life_schedule_set (fx->storage, "rural", "lecture", "half", 0, &error));
  g_assert_true (gt_life_compliance_rate (fx->storage, 2, "2025-01", "2025-05", &rate, &error));
  g_assert_cmpfloat_with_epsilon (rate, 10.0 / 11.0, 1e-9);
  /* The committee holds no required meetings: nothing due. */
  g_assert_true (gt_life_compliance_rate (fx->storage, 1, "2025-01", "2025-05", &rate, &error));
  g_assert_cmpfloat_with_epsilon (rate, 1.0, 1e-9);
  /* Bad months are refused with the month named. */
  g_assert_false (gt_life_compliance_rate (fx->storage, 2, "2025-13", "2025-05", &rate, &error));
  g_assert_nonnull (strstr (error->message, "2025-13"));
}

static void
test_colours (LifeFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = gt_life_status_colour (fx->storage, GT_LIFE_DONE);
  g_autofree char *missing = NULL;

  g_assert_cmpstr (done, ==, "#2e7d32");
  g_assert_false (gt_life_set_status_colour (fx->storage, GT_LIFE_MISSING, "red", &error));
  g_clear_error (&error);
  g_assert_true (gt_life_set_status_colour (fx->storage, GT_LIFE_MISSING, "#ff0000", &error));
  missing = gt_life_status_colour (fx->storage, GT_LIFE_MISSING);
  g_assert_cmpstr (missing, ==, "#ff0000");
}

static void
test_months (void)
{
  g_autofree char *a = gt_month_add ("2025-11", 3);
  g_autofree char *b = gt_month_add ("2025-01", -1);

  g_assert_cmpstr (a, ==, "2026-02");
  g_assert_cmpstr (b, ==, "2024-12");
  g_assert_true (gt_month_is_valid ("2025-12"));
  g_assert_false (gt_month_is_valid ("2025-00"));
  g_assert_false (gt_month_is_valid ("2025-1"));
  g_assert_false (gt_month_is_valid ("2025-01x"));
  g_assert_false (gt_month_is_valid (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, LifeFixture, NULL, life_fixture_setup, fn, life_fixture_teardown)
  ADD ("/life/schedule", test_schedule_defaults);
  ADD ("/life/meeting-checks", test_meeting_checks);
  ADD ("/life/attendance", test_attendance);
  ADD ("/life/branch-change", test_branch_change);
  ADD ("/life/compliance", test_compliance);
  ADD ("/life/colours", test_colours);
  g_test_add_func ("/life/months", test_months);
  return g_test_run ();
}
