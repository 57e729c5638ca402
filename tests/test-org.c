/* test-org.c — changing the organisation tree: add, rename, upgrade, move, remove, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-test-demo.h"
#include "gt-org.h"
#include "gt-registers.h"
#include "gt-stats.h"

typedef GtTestDemo Fixture;

#define count gt_test_count

static GtOrgEvent *
last_event (GtStorage *storage, gint64 id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *events = gt_org_history (storage, id, &error);
  static GtOrgEvent copy;
  GtOrgEvent *e;

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >, 0);
  /* take the last event out of the array, so its strings outlive it */
  e = g_ptr_array_steal_index (events, events->len - 1);
  copy = *e;
  g_free (e);
  g_ptr_array_unref (events);
  return &copy;
}

static void
clear_event (GtOrgEvent *e)
{
  g_free (e->kind);
  g_free (e->date);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e->detail);
}

static void
test_add_and_find (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtOrgSpec spec = { "330822105000", "新站村党支部", "党支部", "农村", "村", "330822105013",
                     "张三", "2020-05-01" };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) next_day = g_date_time_add_days (now, 1);
  g_autofree char *today = gt_today (), *expected = NULL;
  g_autofree char *tomorrow = g_date_time_format (next_day, "%Y-%m-%d");
  gint64 id = 0, found = 0;
  GtOrgEvent *e;

  g_assert_true (gt_org_add (fx->storage, &spec, &id, &error));
  g_assert_no_error (error);
  g_assert_true (gt_org_find (fx->storage, "330822105013", &found, &error));
  g_assert_cmpint (found, ==, id);
  g_assert_true (gt_org_find (fx->storage, "新站村党支部", &found, &error));
  g_assert_cmpint (found, ==, id);
  e = last_event (fx->storage, id);
  g_assert_cmpstr (e->kind, ==, "founded");
  g_assert_cmpstr (e->date, ==, "2020-05-01");
  clear_event (e);

  /* the same code twice, unknown kind, type and level, bad date, unknown parent */
  g_assert_false (gt_org_add (fx->storage, &spec, NULL, &error));
  g_assert_nonnull (strstr (error->message, "330822105013"));
  g_clear_error (&error);
  spec.code = NULL;
  spec.kind = "党组";
  g_assert_false (gt_org_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  spec.kind = "branch";
  spec.org_type = "宗教";
  g_assert_false (gt_org_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  spec.org_type = "rural";
  spec.level = "省";
  g_assert_false (gt_org_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);
  spec.level = "village";
  expected = g_strdup_printf ("lies in the future (today is %s)", today);
  {
    /* ten characters but not digits ("2020- 5-01"): a space or a sign sorts wrong */
    const struct { const char *date, *says; } dates[] = {
      { "2020-02-30", "the founding date “2020-02-30”: there is no such day" },
      { "2020-5-1", "“2020-5-1” is not a date (YYYY-MM-DD)" },
      { "2020- 5-01", "is not a date (YYYY-MM-DD)" },
      { "2020-+5-01", "is not a date (YYYY-MM-DD)" },
      { tomorrow, expected },
    };

    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      {
        spec.founded = dates[i].date;
        g_assert_false (gt_org_add (fx->storage, &spec, NULL, &error));
        g_assert_nonnull (strstr (error->message, dates[i].says));
        g_clear_error (&error);
      }
  }
  spec.founded = NULL;
  spec.parent = "不存在的党委";
  g_assert_false (gt_org_add (fx->storage, &spec, NULL, &error));
  g_clear_error (&error);

  /* a name used twice must be given by code */
  g_assert_false (gt_org_find (fx->storage, "第一党小组", &found, &error));
  g_assert_nonnull (strstr (error->message, "code"));
}

static void
test_upgrade_and_rename (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  gint64 id = 0, n = 0, members = 0, branch = 0;
  guint moved = 0;
  GtOrgEvent *e;

  g_assert_true (gt_org_find (fx->storage, "青石村党支部", &id, &error));
  /* a branch with members: refused, saying how many must move first; nothing changed */
  members = count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o ON"
                                " o.id = m.org_id WHERE o.name = '青石村党支部'"
                                " AND m.status = 'active'");
  g_assert_cmpint (members, >, 0);
  g_assert_false (gt_org_set_kind (fx->storage, id, "党总支", "2026-06-01", NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  text = g_strdup_printf ("%d", (int) members);
  g_assert_nonnull (strstr (error->message, text));
  g_assert_nonnull (strstr (error->message, "青石村党支部"));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations WHERE"
                                       " name = '青石村党支部' AND kind = 'branch'"), ==, 1);
  /* moving them to a branch that does not exist: refused, all rolled back */
  g_assert_false (gt_org_set_kind_moving_members (fx->storage, id, "党总支", "2026-06-01", NULL,
                                                  "没有这个支部", FALSE, &moved, &error));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations WHERE"
                                       " name = '青石村党支部' AND kind = 'branch'"), ==, 1);
  /* upgraded, its members moved to a new branch under it, in one step */
  g_assert_true (gt_org_set_kind_moving_members (fx->storage, id, "党总支", "2026-06-01",
                                                 "镇党委〔2026〕12号", "青石村第一党支部", TRUE,
                                                 &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (moved, ==, members);
  g_assert_true (gt_org_find (fx->storage, "青石村第一党支部", &branch, &error));
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o ON"
                                       " o.id = m.org_id WHERE o.name = '青石村第一党支部'"
                                       " AND m.status = 'active' AND o.kind = 'branch'"),
                   ==, members);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations o JOIN organizations p"
                                       " ON p.id = o.parent_id WHERE o.name = '青石村第一党支部'"
                                       " AND p.name = '青石村党支部'"), ==, 1);
  g_assert_true (gt_org_count_members (fx->storage, id, &n, &error));
  g_assert_cmpint (n, ==, 0);
  g_assert_true (gt_stats_check (fx->storage, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  e = last_event (fx->storage, id);
  g_assert_cmpstr (e->kind, ==, "upgraded");
  g_assert_cmpstr (e->old_value, ==, "branch");
  g_assert_cmpstr (e->new_value, ==, "general_branch");
  g_assert_cmpstr (e->detail, ==, "镇党委〔2026〕12号");
  clear_event (e);
  /* a general branch no longer counts among 党支部 by type, but among branches (with its
   * new branch) */
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations WHERE kind IN"
                                       " ('branch', 'general_branch') AND archived = 0"), ==, 13);

  g_assert_false (gt_org_set_kind (fx->storage, id, "general_branch", NULL, NULL, &error));
  g_clear_error (&error);

  g_assert_true (gt_org_rename (fx->storage, id, "青石村党总支", "2026-06-02", &error));
  e = last_event (fx->storage, id);
  g_assert_cmpstr (e->kind, ==, "renamed");
  g_assert_cmpstr (e->old_value, ==, "青石村党支部");
  clear_event (e);
  /* the moved members are found under their new branch, and the search index follows
   * its new name */
  g_assert_true (gt_member_count (fx->storage, "青石村第一党支部", NULL, 0, &n, &error));
  g_assert_cmpint (n, ==, 38);
  g_assert_true (gt_org_rename (fx->storage, branch, "青石村新村党支部", "2026-06-02", &error));
  g_assert_true (gt_member_count (fx->storage, "青石村新村党支部", NULL, 0, &n, &error));
  g_assert_cmpint (n, ==, 38);
  g_assert_true (gt_member_count (fx->storage, "青石村第一党支部", NULL, 0, &n, &error));
  g_assert_cmpint (n, ==, 0);
}

static void
test_move (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 committee = 0, village = 0, other = 0, group = 0;
  GtOrgEvent *e;

  g_assert_true (gt_org_find (fx->storage, "330822105000", &committee, &error));
  g_assert_true (gt_org_find (fx->storage, "青石村党支部", &village, &error));
  g_assert_true (gt_org_find (fx->storage, "砚瓦山村党支部", &other, &error));
  g_assert_true (gt_org_find (fx->storage, "33082210500601", &group, &error));

  /* no cycles: not under itself, not under its own descendant */
  g_assert_false (gt_org_move (fx->storage, village, village, NULL, &error));
  g_clear_error (&error);
  g_assert_false (gt_org_move (fx->storage, committee, group, NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* nowhere, or where it already is: refused, nothing recorded */
  g_assert_false (gt_org_move (fx->storage, village, 0, NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  e = last_event (fx->storage, village);
  g_assert_cmpstr (e->kind, !=, "moved");
  clear_event (e);
  g_assert_false (gt_org_move (fx->storage, village,
                               gt_test_count (fx->storage, "SELECT parent_id FROM organizations"
                                                           " WHERE name = '青石村党支部'"),
                               NULL, &error));
  g_assert_nonnull (strstr (error->message, "already is under"));
  g_clear_error (&error);
  e = last_event (fx->storage, village);
  g_assert_cmpstr (e->kind, !=, "moved");
  clear_event (e);

  g_assert_true (gt_org_move (fx->storage, group, other, "2026-07-01", &error));
  g_assert_no_error (error);
  e = last_event (fx->storage, group);
  g_assert_cmpstr (e->kind, ==, "moved");
  g_assert_cmpstr (e->old_value, ==, "青石村党支部");
  g_assert_cmpstr (e->new_value, ==, "砚瓦山村党支部");
  clear_event (e);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations WHERE parent_id ="
                                       " (SELECT id FROM organizations WHERE name = '砚瓦山村党支部')"),
                   ==, 4);
}

static void
test_remove (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  GtOrgSpec spec = { "330822105000", "临时党支部", "branch", "", "township", "T1", NULL, NULL };
  gint64 id = 0, branch = 0, group = 0;
  gboolean archived = TRUE;
  gint64 before = count (fx->storage, "SELECT count(*) FROM organizations");

  /* with active members: refused */
  g_assert_true (gt_org_find (fx->storage, "赏石小镇管委会机关党支部", &branch, &error));
  g_assert_false (gt_org_remove (fx->storage, branch, NULL, &archived, &error));
  g_assert_nonnull (strstr (error->message, "9"));
  g_clear_error (&error);

  /* with sub-organisations: refused */
  g_assert_true (gt_org_find (fx->storage, "青石村党支部", &branch, &error));
  g_assert_false (gt_org_remove (fx->storage, branch, NULL, &archived, &error));
  g_clear_error (&error);

  /* never used: deleted with its founding event */
  g_assert_true (gt_org_add (fx->storage, &spec, &id, &error));
  g_assert_true (gt_org_remove (fx->storage, id, NULL, &archived, &error));
  g_assert_false (archived);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations"), ==, before);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM org_events WHERE org_id NOT IN"
                                       " (SELECT id FROM organizations)"), ==, 0);

  /* with history (it was moved): archived, history kept, still found by code */
  g_assert_true (gt_org_find (fx->storage, "33082210500601", &group, &error));
  g_assert_true (gt_org_find (fx->storage, "砚瓦山村党支部", &id, &error));
  g_assert_true (gt_org_move (fx->storage, group, id, NULL, &error));
  g_assert_true (gt_org_remove (fx->storage, group, "2026-08-01", &archived, &error));
  g_assert_no_error (error);
  g_assert_true (archived);
  g_assert_false (gt_org_find (fx->storage, "33082210500601", &id, &error));
  g_clear_error (&error);
  g_assert_true (gt_org_find_any (fx->storage, "33082210500601", &id, &error));
  g_assert_cmpint (id, ==, group);

  g_assert_true (gt_stats_check (fx->storage, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* 党委 → 党总支 → 党支部 → 党小组: no branch inside a branch, nothing under a party group */
static void
test_nesting (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtOrgSpec spec = { "青石村党支部", "青石村第四党支部", "党支部", "农村", "村", NULL, NULL, NULL };
  gint64 before = count (fx->storage, "SELECT count(*) FROM organizations");
  gint64 id = 0, branch = 0, other = 0, group = 0, general = 0;

  /* a branch inside a branch: refused, naming both */
  g_assert_false (gt_org_add (fx->storage, &spec, &id, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "青石村第四党支部"));
  g_assert_nonnull (strstr (error->message, "青石村党支部"));
  g_clear_error (&error);
  spec.kind = "党总支";
  g_assert_false (gt_org_add (fx->storage, &spec, &id, &error));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations"), ==, before);

  /* a party group under a branch is the rule */
  spec.name = "青石村第四党小组";
  spec.kind = "党小组";
  g_assert_true (gt_org_add (fx->storage, &spec, &id, &error));
  g_assert_no_error (error);

  /* nothing under a party group */
  spec.parent = "33082210500601";
  spec.name = "网格小组";
  g_assert_false (gt_org_add (fx->storage, &spec, NULL, &error));
  g_assert_nonnull (strstr (error->message, "网格小组"));
  g_clear_error (&error);

  /* the same rule when moving and when changing the kind */
  g_assert_true (gt_org_find (fx->storage, "青石村党支部", &branch, &error));
  g_assert_true (gt_org_find (fx->storage, "砚瓦山村党支部", &other, &error));
  g_assert_true (gt_org_find (fx->storage, "33082210500601", &group, &error));
  g_assert_false (gt_org_move (fx->storage, other, branch, NULL, &error));
  g_assert_nonnull (strstr (error->message, "砚瓦山村党支部"));
  g_assert_nonnull (strstr (error->message, "青石村党支部"));
  g_clear_error (&error);
  g_assert_false (gt_org_set_kind (fx->storage, id, "branch", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "青石村第四党小组"));
  g_clear_error (&error);
  g_assert_false (gt_org_set_kind (fx->storage, branch, "group", NULL, NULL, &error));
  g_clear_error (&error);

  /* kinds that may hold their own kind keep doing so: a branch upgraded to a general branch
   * may then hold branches */
  g_assert_true (gt_org_set_kind_moving_members (fx->storage, branch, "general_branch", NULL,
                                                 NULL, "砚瓦山村党支部", FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gt_org_set_kind (fx->storage, group, "branch", NULL, NULL, &error));
  g_assert_no_error (error);
  spec.parent = "青石村党支部";
  spec.name = "青石村第五党支部";
  spec.kind = "branch";
  g_assert_true (gt_org_add (fx->storage, &spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gt_org_find (fx->storage, "青石村党支部", &general, &error));
  g_assert_true (gt_org_move (fx->storage, other, general, NULL, &error));
  g_assert_no_error (error);
}

static void
test_history_never_changes (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (gt_storage_exec (fx->storage, "UPDATE org_events SET date = '2000-01-01'",
                                   &error));
  g_assert_nonnull (strstr (error->message, "never changed"));
}

/* The organisation tree as listed: depth first from the roots, siblings by their order, no
 * organisation under an archived one, each with its active members (a member who left is
 * not counted) and the members of everything under it. The recursive query the list used
 * to run is the reference. */
static void
assert_list_as_reference (GtStorage *storage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orgs = gt_org_list (storage, &error);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "WITH RECURSIVE tree (id, path) AS ("
    "  SELECT id, printf ('%08d', sort_order) || printf ('%012d', id) FROM organizations"
    "   WHERE parent_id IS NULL AND archived = 0"
    "  UNION ALL SELECT o.id, tree.path || '/' || printf ('%08d', o.sort_order)"
    "   || printf ('%012d', o.id) FROM organizations o JOIN tree ON o.parent_id = tree.id"
    "   WHERE o.archived = 0)"
    /* a 党小组 counts the members placed in it, whom its branch counts too */
    " SELECT tree.id, (SELECT count(*) FROM members m WHERE (m.org_id = tree.id"
    "  OR m.group_id = tree.id) AND m.status = 'active'), (SELECT count(*) FROM members m"
    "  JOIN tree t ON m.org_id = t.id WHERE m.status = 'active' AND (t.path = tree.path"
    "  OR t.path LIKE tree.path || '/%')) + (SELECT count(*) FROM members m"
    "  WHERE m.group_id = tree.id AND m.status = 'active') FROM tree ORDER BY tree.path",
    &error);
  guint i = 0;

  g_assert_no_error (error);
  g_assert_nonnull (orgs);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtOrg *org;

      g_assert_cmpuint (i, <, orgs->len);
      org = orgs->pdata[i++];
      g_assert_cmpint (org->id, ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (org->n_members, ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpint (org->n_members_total, ==, sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (i, ==, orgs->len);
}

static void
test_list_order (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 root = count (fx->storage, "SELECT id FROM organizations WHERE parent_id IS NULL");
  gint64 n = count (fx->storage, "SELECT count(*) FROM organizations WHERE archived = 0");
  gint64 parent = count (fx->storage, "SELECT parent_id FROM organizations o WHERE parent_id <> "
                                      " (SELECT id FROM organizations WHERE parent_id IS NULL)"
                                      " AND archived = 0 LIMIT 1");
  g_autofree char *reorder = NULL, *archive = NULL;

  assert_list_as_reference (fx->storage);
  /* the last of the root's children first */
  reorder = g_strdup_printf ("UPDATE organizations SET sort_order = -1 WHERE id = (SELECT max (id)"
                             " FROM organizations WHERE parent_id = %" G_GINT64_FORMAT ")", root);
  g_assert_true (gt_storage_exec (fx->storage, reorder, &error));
  /* a member leaves */
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE members SET status = 'exited' WHERE id ="
                                  " (SELECT max (id) FROM members)", &error));
  g_assert_no_error (error);
  assert_list_as_reference (fx->storage);
  /* an organisation with organisations under it is archived: none of them is listed */
  g_assert_cmpint (parent, >, 0);
  archive = g_strdup_printf ("UPDATE organizations SET archived = 1 WHERE id = %" G_GINT64_FORMAT,
                             parent);
  g_assert_true (gt_storage_exec (fx->storage, archive, &error));
  g_assert_no_error (error);
  assert_list_as_reference (fx->storage);
  {
    g_autoptr (GPtrArray) orgs = gt_org_list (fx->storage, &error);
    g_assert_cmpint (orgs->len, <, n - 1);
  }
}

static void
test_codes (void)
{
  g_assert_cmpstr (gt_org_kind_code ("党总支"), ==, "general_branch");
  g_assert_cmpstr (gt_org_kind_code ("branch"), ==, "branch");
  g_assert_null (gt_org_kind_code ("党组"));
  g_assert_cmpstr (gt_org_type_code ("两新"), ==, "two_new");
  g_assert_cmpstr (gt_org_level_code ("社区"), ==, "village");
}

#define ADD(name, func) \
  g_test_add ("/org/" name, Fixture, GUINT_TO_POINTER (3), gt_test_demo_setup, func, \
              gt_test_demo_teardown)

/* The receiving branch is taken by id once chosen: a new branch named like another
 * organisation, or like another's code, receives the members itself; a branch picked by id
 * (the dialog) does though its name is shared. */
static void
test_upgrade_moving_by_id (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 school = 0, clinic = 0, village = 0, members = 0;
  guint moved = 0;

  g_assert_true (gt_org_find (fx->storage, "330822105004", &school, &error));
  g_assert_true (gt_org_find (fx->storage, "330822105005", &clinic, &error));
  g_assert_true (gt_org_find (fx->storage, "青石村党支部", &village, &error));
  /* a new branch under the school named as the clinic's branch */
  members = count (fx->storage, "SELECT count(*) FROM members WHERE org_id = "
                                "(SELECT id FROM organizations WHERE code = '330822105004')"
                                " AND status = 'active'");
  g_assert_cmpint (members, >, 0);
  g_assert_true (gt_org_set_kind_moving_members (fx->storage, school, "党总支", NULL, NULL,
                                                 "青石镇卫生院党支部", TRUE, &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (moved, ==, members);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o"
                                       " ON o.id = m.org_id WHERE o.name = '青石镇卫生院党支部'"
                                       " AND o.parent_id = (SELECT id FROM organizations WHERE"
                                       " code = '330822105004') AND m.status = 'active'"),
                   ==, members);
  /* a new branch named as another's code: the members go to the new one, not that one */
  members = count (fx->storage, "SELECT count(*) FROM members WHERE org_id = "
                                "(SELECT id FROM organizations WHERE code = '330822105005')"
                                " AND status = 'active'");
  g_assert_true (gt_org_set_kind_moving_members (fx->storage, clinic, "党总支", NULL, NULL,
                                                 "330822105006", TRUE, &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (moved, ==, members);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o"
                                       " ON o.id = m.org_id WHERE o.name = '330822105006'"
                                       " AND m.status = 'active'"), ==, members);
  /* by id, to the school's new branch whose name two organisations now share */
  members = count (fx->storage, "SELECT count(*) FROM members WHERE org_id = "
                                "(SELECT id FROM organizations WHERE code = '330822105006')"
                                " AND status = 'active'");
  g_assert_true (gt_org_set_kind_moving_members_to (
    fx->storage, village, "党总支", NULL, NULL,
    count (fx->storage, "SELECT id FROM organizations WHERE name = '青石镇卫生院党支部'"
                        " AND parent_id = (SELECT id FROM organizations WHERE"
                        " code = '330822105004')"), &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (moved, ==, members);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members WHERE org_id = "
                                       "(SELECT id FROM organizations WHERE code = '330822105006')"
                                       " AND status = 'active'"), ==, 0);
}

/* Members attached directly to a 党总支 (as an older Guatu let a branch with members be
 * upgraded, or an import left them): "check" names the organisation and the count. */
static void
test_check_members_in_general_branch (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  gint64 members = count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o ON"
                                       " o.id = m.org_id WHERE o.name = '青石村党支部'"
                                       " AND m.status = 'active'");

  g_assert_true (gt_stats_check (fx->storage, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (gt_storage_exec (fx->storage, "UPDATE organizations SET kind = 'general_branch'"
                                               " WHERE name = '青石村党支部'", &error));
  g_assert_true (gt_stats_check (fx->storage, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  text = g_strdup_printf ("%d", (int) members);
  g_assert_nonnull (strstr (problems->pdata[0], "青石村党支部"));
  g_assert_nonnull (strstr (problems->pdata[0], text));
  g_assert_nonnull (strstr (problems->pdata[0], gt_label_org_kind ("general_branch")));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("add-and-find", test_add_and_find);
  ADD ("upgrade-and-rename", test_upgrade_and_rename);
  ADD ("upgrade-moving-by-id", test_upgrade_moving_by_id);
  ADD ("check-members-in-general-branch", test_check_members_in_general_branch);
  ADD ("move", test_move);
  ADD ("remove", test_remove);
  ADD ("nesting", test_nesting);
  ADD ("history-never-changes", test_history_never_changes);
  ADD ("list-order", test_list_order);
  g_test_add_func ("/org/codes", test_codes);

  return g_test_run ();
}
