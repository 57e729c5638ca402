/* test-member-group.c — members in the Party groups (党小组) of their branch: placing and
 * taking out, the refusals, transfers and archived groups clearing the place, the counts of
 * the organisation tree and the roster a 党小组会 takes its attendance from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-life.h"
#include "gt-member.h"
#include "gt-org.h"
#include "gt-registers.h"
#include "gt-transfer.h"
#include "gt-test-demo.h"

typedef GtTestDemo Fixture;

#define count gt_test_count

static gint64
org_id (Fixture *fx, const char *name)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gt_org_find (fx->storage, name, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* The @index-th group of branch @branch. */
static gint64
group_of (Fixture *fx, const char *branch, guint index)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = gt_member_groups (fx->storage, org_id (fx, branch), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, >, index);
  return ((GtMemberGroup *) groups->pdata[index])->id;
}

/* The first active member of @branch by register order. */
static gint64
member_of (Fixture *fx, const char *branch)
{
  g_autofree char *sql = g_strdup_printf ("SELECT min (m.id) FROM members m JOIN organizations o"
                                          " ON o.id = m.org_id WHERE o.name = '%s'"
                                          " AND m.status = 'active'", branch);
  return count (fx->storage, sql);
}

static gint64
group_id_of (Fixture *fx, gint64 member)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (group_id, 0) FROM members"
                                          " WHERE id = %" G_GINT64_FORMAT, member);
  return count (fx->storage, sql);
}

static void
assert_message (const GError *error, const char *part)
{
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, part);
}

static void
test_demo_groups (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = gt_member_groups (fx->storage, org_id (fx, "青石村党支部"),
                                                   &error);
  gint64 in_groups = 0;

  /* the demo's 38 members of 青石村党支部 are spread over its three groups */
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_cmpstr (((GtMemberGroup *) groups->pdata[0])->name, ==, "第一党小组");
  for (guint i = 0; i < groups->len; i++)
    {
      g_assert_cmpint (((GtMemberGroup *) groups->pdata[i])->n_members, >, 10);
      in_groups += ((GtMemberGroup *) groups->pdata[i])->n_members;
    }
  g_assert_cmpint (in_groups, ==, 38);
  /* a branch without groups has none */
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = gt_member_groups (fx->storage, org_id (fx, "青石镇卫生院党支部"), &error);
  g_assert_cmpuint (groups->len, ==, 0);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o"
                                       " ON o.id = m.org_id WHERE o.name = '青石镇卫生院党支部'"
                                       " AND m.group_id IS NOT NULL"), ==, 0);
}

static void
test_set_and_clear (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 member = member_of (fx, "青石村党支部");
  gint64 second = group_of (fx, "青石村党支部", 1);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, member);
  gint64 rev;

  g_assert_true (gt_member_set_group (fx->storage, member, second, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtMemberRecord) r = gt_member_lookup (fx->storage, key, &error);
    g_assert_cmpint (r->group_id, ==, second);
    g_assert_cmpstr (r->group_name, ==, "第二党小组");
    g_assert_cmpstr (r->org_name, ==, "青石村党支部");
  }
  /* the same again writes no new revision */
  rev = count (fx->storage, "SELECT sum (rev) FROM members");
  g_assert_true (gt_member_set_group (fx->storage, member, second, &error));
  g_assert_cmpint (count (fx->storage, "SELECT sum (rev) FROM members"), ==, rev);

  g_assert_true (gt_member_set_group (fx->storage, member, 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtMemberRecord) r = gt_member_lookup (fx->storage, key, &error);
    g_assert_cmpint (r->group_id, ==, 0);
    g_assert_null (r->group_name);
    g_assert_cmpstr (r->org_name, ==, "青石村党支部");
  }
  /* the member list shows the group */
  g_assert_true (gt_member_set_group (fx->storage, member, second, &error));
  {
    g_autoptr (GPtrArray) found = gt_member_search (fx->storage, NULL, NULL, 0, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (((GtMember *) found->pdata[0])->id, <=, member);
  }
  {
    GtMemberFilter filter = { .org_id = org_id (fx, "青石村党支部") };
    g_autoptr (GPtrArray) found = gt_member_search (fx->storage, NULL, &filter, 0, 1, &error);
    g_assert_cmpint (((GtMember *) found->pdata[0])->id, ==, member);
    g_assert_cmpstr (((GtMember *) found->pdata[0])->group_name, ==, "第二党小组");
  }
}

/* Filtering the member list by a 党小组 lists the members placed in it. */
static void
test_filter_by_group (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 first = group_of (fx, "青石村党支部", 0);
  GtMemberFilter filter = { .org_id = first };
  g_autoptr (GPtrArray) found = gt_member_search (fx->storage, NULL, &filter, 0, 0, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 13);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (((GtMember *) found->pdata[i])->group_name, ==, "第一党小组");
  g_assert_true (gt_member_count (fx->storage, NULL, &filter, 0, &n, &error));
  g_assert_cmpint (n, ==, 13);
  /* the branch still lists all 38 */
  filter.org_id = org_id (fx, "青石村党支部");
  g_assert_true (gt_member_count (fx->storage, NULL, &filter, 0, &n, &error));
  g_assert_cmpint (n, ==, 38);
}

static void
test_refused (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 member = member_of (fx, "青石村党支部");
  gint64 before = group_id_of (fx, member);
  gint64 rev = count (fx->storage, "SELECT sum (rev) FROM members");

  /* a group of another branch, named with both branches */
  g_assert_false (gt_member_set_group (fx->storage, member, group_of (fx, "砚瓦山村党支部", 0),
                                       &error));
  assert_message (error, "砚瓦山村党支部");
  assert_message (error, "青石村党支部");
  g_clear_error (&error);
  /* a branch is no group */
  g_assert_false (gt_member_set_group (fx->storage, member, org_id (fx, "澄潭村党支部"), &error));
  assert_message (error, "澄潭村党支部");
  g_clear_error (&error);
  g_assert_false (gt_member_set_group (fx->storage, member, 999999, &error));
  g_clear_error (&error);
  g_assert_false (gt_member_set_group (fx->storage, 999999, 0, &error));
  g_clear_error (&error);
  /* by name within the branch: an unknown name lists the branch's groups */
  {
    gint64 found = 0;

    g_assert_true (gt_member_find_group (fx->storage, org_id (fx, "青石村党支部"), "第三党小组",
                                         &found, &error));
    g_assert_cmpint (found, ==, group_of (fx, "青石村党支部", 2));
    g_assert_false (gt_member_find_group (fx->storage, org_id (fx, "青石村党支部"), "第九党小组",
                                          &found, &error));
    assert_message (error, "第九党小组");
    assert_message (error, "第一党小组");
    g_clear_error (&error);
  }
  /* the schema refuses too, whoever writes */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE members SET group_id = %" G_GINT64_FORMAT
                                            " WHERE id = %" G_GINT64_FORMAT,
                                            group_of (fx, "砚瓦山村党支部", 0), member);
    g_assert_false (gt_storage_exec (fx->storage, sql, &error));
    assert_message (error, "party group");
    g_clear_error (&error);
  }
  g_assert_cmpint (group_id_of (fx, member), ==, before);
  g_assert_cmpint (count (fx->storage, "SELECT sum (rev) FROM members"), ==, rev);
}

static void
test_transfer_clears (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 member = member_of (fx, "青石村党支部");
  gint64 target = group_of (fx, "砚瓦山村党支部", 1);
  g_autofree char *target_code = NULL;

  g_assert_cmpint (group_id_of (fx, member), !=, 0);
  g_assert_true (gt_member_transfer (fx->storage, member, "澄潭村党支部", "2026-11-02", NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (group_id_of (fx, member), ==, 0);

  /* transferred into a group: registered with its branch, placed in the group */
  target_code = g_strdup_printf ("SELECT code FROM organizations WHERE id = %" G_GINT64_FORMAT,
                                 target);
  {
    sqlite3_stmt *stmt = gt_storage_prepare (fx->storage, target_code, &error);
    g_autofree char *code = NULL;

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
    g_assert_true (gt_member_transfer (fx->storage, member, code, "2026-11-03", NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (group_id_of (fx, member), ==, target);
  g_assert_cmpint (count (fx->storage, "SELECT org_id FROM members WHERE group_id IS NOT NULL"
                                       " AND org_id <> (SELECT parent_id FROM organizations"
                                       " WHERE id = members.group_id)"), ==, 0);
  /* a member transferred out leaves the group */
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, member);
    const GtTransferOutSpec out = { .member = key, .to_org = "衢州市柯城区某党支部",
                                    .date = "2026-11-04" };

    g_assert_true (gt_transfer_out (fx->storage, &out, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (group_id_of (fx, member), ==, 0);
  g_assert_false (gt_member_set_group (fx->storage, member, target, &error));
  assert_message (error, "active");
}

static void
test_archive_falls_back (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 group = group_of (fx, "澄潭村党支部", 1);
  g_autofree char *in_group = g_strdup_printf ("SELECT count(*) FROM members WHERE group_id = %"
                                               G_GINT64_FORMAT, group);
  gint64 branch_members = count (fx->storage, "SELECT count(*) FROM members m JOIN"
                                              " organizations o ON o.id = m.org_id"
                                              " WHERE o.name = '澄潭村党支部'");
  gboolean archived = FALSE;

  g_assert_cmpint (count (fx->storage, in_group), >, 0);
  g_assert_true (gt_org_remove (fx->storage, group, NULL, &archived, &error));
  g_assert_no_error (error);
  /* its members are in the branch alone */
  g_assert_cmpint (count (fx->storage, in_group), ==, 0);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o"
                                       " ON o.id = m.org_id WHERE o.name = '澄潭村党支部'"),
                   ==, branch_members);
  /* an archived group takes nobody */
  g_assert_false (gt_member_set_group (fx->storage, member_of (fx, "澄潭村党支部"), group, &error));
  g_clear_error (&error);

  /* a group deleted outright: the foreign key clears the place */
  {
    gint64 first = group_of (fx, "澄潭村党支部", 0);
    g_autofree char *sql = g_strdup_printf ("DELETE FROM org_events WHERE org_id = %"
                                            G_GINT64_FORMAT "; DELETE FROM meetings WHERE"
                                            " org_id = %" G_GINT64_FORMAT "; DELETE FROM"
                                            " organizations WHERE id = %" G_GINT64_FORMAT,
                                            first, first, first);
    g_autofree char *in_first = g_strdup_printf ("SELECT count(*) FROM members WHERE group_id"
                                                 " = %" G_GINT64_FORMAT, first);

    g_assert_cmpint (count (fx->storage, in_first), >, 0);
    g_assert_true (gt_storage_exec (fx->storage, sql, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (fx->storage, in_first), ==, 0);
  }
}

static void
test_counts (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orgs = gt_org_list (fx->storage, &error);
  gint64 branch = org_id (fx, "青石村党支部"), first = group_of (fx, "青石村党支部", 0);
  gint64 sum = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];

      if (org->parent_id == 0)
        g_assert_cmpint (org->n_members_total, ==, 215); /* not counted twice */
      if (org->id == branch)
        g_assert_cmpint (org->n_members_total, ==, 38);
      if (org->id == first)
        {
          g_assert_cmpint (org->n_members, ==, 13);
          g_assert_cmpint (org->n_members_total, ==, 13);
          g_assert_cmpint (org->n_in_group, ==, 13);
        }
      sum += org->n_members - org->n_in_group;
    }
  g_assert_cmpint (sum, ==, 215);
}

static void
test_meeting_roster (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 first = group_of (fx, "青石村党支部", 0), second = group_of (fx, "青石村党支部", 1);
  g_autoptr (GPtrArray) roster = gt_life_roster (fx->storage, first, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM members WHERE group_id = %"
                                          G_GINT64_FORMAT " AND status = 'active'", first);
  g_autofree char *outsider_sql = g_strdup_printf ("SELECT min (id) FROM members WHERE"
                                                   " group_id = %" G_GINT64_FORMAT, second);
  GtMeetingSpec spec = { .org_id = first, .kind = GT_MEETING_GROUP, .date = "2026-11-02",
                         .topic = "学习" };
  g_autoptr (GPtrArray) attendance = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gt_attendance_free);
  GtAttendance *outsider = g_new0 (GtAttendance, 1);
  gint64 meeting = 0;

  /* the group's members, not the branch's 38 */
  g_assert_no_error (error);
  g_assert_cmpint (roster->len, ==, count (fx->storage, sql));
  g_assert_cmpint (roster->len, <, 38);

  /* its meeting's attendance takes no member of another group */
  g_assert_true (gt_meeting_add (fx->storage, &spec, &meeting, &error));
  g_assert_no_error (error);
  outsider->member_id = count (fx->storage, outsider_sql);
  outsider->present = TRUE;
  outsider->reason = g_strdup ("");
  g_ptr_array_add (attendance, outsider);
  g_assert_false (gt_meeting_set_attendance (fx->storage, meeting, attendance, &error));
  g_clear_error (&error);
  g_ptr_array_set_size (attendance, 0);
  for (guint i = 0; i < roster->len; i++)
    {
      GtAttendance *a = g_new0 (GtAttendance, 1);

      a->member_id = ((GtAttendance *) roster->pdata[i])->member_id;
      a->present = TRUE;
      a->reason = g_strdup ("");
      g_ptr_array_add (attendance, a);
    }
  g_assert_true (gt_meeting_set_attendance (fx->storage, meeting, attendance, &error));
  g_assert_no_error (error);

  /* a group nobody is placed in meets from the whole branch */
  {
    g_autofree char *clear = g_strdup_printf ("UPDATE members SET group_id = NULL WHERE"
                                              " group_id = %" G_GINT64_FORMAT, first);
    g_autoptr (GPtrArray) branch = NULL;

    g_assert_true (gt_storage_exec (fx->storage, clear, &error));
    branch = gt_life_roster (fx->storage, first, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (branch->len, ==, 38);
  }
}

#define ADD(name, func) \
  g_test_add ("/member-group/" name, Fixture, GUINT_TO_POINTER (5), gt_test_demo_setup, func, \
              gt_test_demo_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("demo", test_demo_groups);
  ADD ("set-and-clear", test_set_and_clear);
  ADD ("filter-by-group", test_filter_by_group);
  ADD ("refused", test_refused);
  ADD ("transfer-clears", test_transfer_clears);
  ADD ("archive-falls-back", test_archive_falls_back);
  ADD ("counts", test_counts);
  ADD ("meeting-roster", test_meeting_roster);

  return g_test_run ();
}
