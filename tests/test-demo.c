/* test-demo.c — the 赏石小镇 demo: counts from the source texts, determinism, soundness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-demo-private.h"
#include "gt-registers.h"
#include "gt-stats.h"
#include "gt-test-demo.h"

static char *
temp_db (char **dir)
{
  g_autoptr (GError) error = NULL;

  *dir = g_dir_make_tmp ("guatu-demo-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (*dir, "demo.db", NULL);
}

static void
remove_db (char *dir, char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

static GtStorage *
build_demo (char **dir, char **path, guint32 seed)
{
  g_autoptr (GError) error = NULL;
  GtStorage *storage;

  *path = temp_db (dir);
  storage = gt_storage_open (*path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, seed, &error));
  g_assert_no_error (error);
  return storage;
}

static void
test_counts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) stats = NULL;
  char *dir, *path;
  GtStorage *storage = build_demo (&dir, &path, 1);

  stats = gt_stats_collect (storage, &error);
  g_assert_no_error (error);
  /* [000 L25-31]: 机关 5, 农村 4, 关联 1, 拓展 2 branches; 215 members. */
  g_assert_cmpint (gt_stats_get (stats, "branches"), ==, 12);
  g_assert_cmpint (gt_stats_get (stats, "type_organ"), ==, 5);
  g_assert_cmpint (gt_stats_get (stats, "type_rural"), ==, 4);
  g_assert_cmpint (gt_stats_get (stats, "type_associated"), ==, 1);
  g_assert_cmpint (gt_stats_get (stats, "type_extended"), ==, 2);
  g_assert_cmpint (gt_stats_get (stats, "members"), ==, 215);
  g_assert_cmpint (gt_stats_get (stats, "members"), ==,
                   gt_stats_get (stats, "full_members") +
                     gt_stats_get (stats, "probationary_members"));
  /* At least seven linked households per member ([003 L101-103]). */
  g_assert_cmpint (gt_stats_get (stats, "household_links"), >=, 7 * 215);
  g_assert_cmpint (gt_stats_get (stats, "households"), >, 0);
  g_assert_cmpint (gt_stats_get (stats, "villages"), >=, 4);
  g_assert_cmpint (gt_stats_get (stats, "projects"), >, 0);
  g_assert_cmpint (gt_stats_get (stats, "organizations"), ==,
                   1 + 12 + gt_stats_get (stats, "party_groups"));
  g_assert_cmpint (gt_stats_get (stats, "no_such_key"), ==, -1);

  g_object_unref (storage);
  remove_db (dir, path);
}

static void
test_sound (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  char *dir, *path;
  GtStorage *storage = build_demo (&dir, &path, 7);

  g_assert_true (gt_stats_check (storage, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Break a rule behind Guatu's back: check must find it. */
  g_assert_true (gt_storage_exec (storage,
                                  "UPDATE members SET id_number = substr (id_number, 1, 17) ||"
                                  " CASE substr (id_number, 18) WHEN '0' THEN '1' ELSE '0' END"
                                  " WHERE id = 1", &error));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (gt_stats_check (storage, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "check digit"));
  /* The message masks the ID number. */
  g_assert_nonnull (strstr (problems->pdata[0], "********"));

  g_object_unref (storage);
  remove_db (dir, path);
}

static char *
member_fingerprint (GtStorage *storage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = gt_member_list (storage, NULL, 0, &error);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_assert_no_error (error);
  for (guint i = 0; i < members->len; i++)
    {
      GtMember *m = members->pdata[i];
      g_checksum_update (sum, (const guchar *) m->name, -1);
      g_checksum_update (sum, (const guchar *) m->id_number, -1);
      g_checksum_update (sum, (const guchar *) m->org_name, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_deterministic (void)
{
  char *dir1, *path1, *dir2, *path2, *dir3, *path3;
  GtStorage *a = build_demo (&dir1, &path1, 42);
  GtStorage *b = build_demo (&dir2, &path2, 42);
  GtStorage *c = build_demo (&dir3, &path3, 43);
  g_autofree char *fa = member_fingerprint (a);
  g_autofree char *fb = member_fingerprint (b);
  g_autofree char *fc = member_fingerprint (c);

  g_assert_cmpstr (fa, ==, fb);
  g_assert_cmpstr (fa, !=, fc);

  g_object_unref (a);
  g_object_unref (b);
  g_object_unref (c);
  remove_db (dir1, path1);
  remove_db (dir2, path2);
  remove_db (dir3, path3);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) before = NULL, after = NULL;
  char *dir, *path;
  GtStorage *storage = build_demo (&dir, &path, 1);

  before = gt_stats_collect (storage, &error);
  g_assert_false (gt_demo_build_township (storage, 2, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  after = gt_stats_collect (storage, &error);
  g_assert_cmpint (gt_stats_get (before, "members"), ==, gt_stats_get (after, "members"));
  g_assert_cmpint (gt_stats_get (before, "households"), ==, gt_stats_get (after, "households"));

  g_object_unref (storage);
  remove_db (dir, path);
}

static void
test_lists (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orgs = NULL, found = NULL, projects = NULL;
  char *dir, *path;
  GtStorage *storage = build_demo (&dir, &path, 1);
  GtOrg *root;

  orgs = gt_org_list (storage, &error);
  g_assert_no_error (error);
  root = orgs->pdata[0];
  g_assert_cmpint (root->parent_id, ==, 0);
  g_assert_cmpstr (root->kind, ==, "committee");
  /* Parents come before their children. */
  for (guint i = 1; i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      gboolean parent_seen = FALSE;
      for (guint j = 0; j < i; j++)
        parent_seen |= ((GtOrg *) orgs->pdata[j])->id == org->parent_id;
      g_assert_true (parent_seen);
    }

  found = gt_member_list (storage, "青石村党支部", 0, &error);
  g_assert_cmpuint (found->len, ==, 38);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gt_member_list (storage, NULL, 10, &error);
  g_assert_cmpuint (found->len, ==, 10);

  projects = gt_project_list (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (projects->len, >, 0);
  for (guint i = 0; i < projects->len; i++)
    {
      GtProject *p = projects->pdata[i];
      g_assert_cmpint (p->n_done, <=, p->n_milestones);
      g_assert_true ((p->closed_date != NULL) == (p->n_done == p->n_milestones));
    }

  g_assert_cmpstr (gt_label_org_kind ("no-such-kind"), ==, "no-such-kind");
  {
    g_autofree char *masked = gt_phone_mask ("13800001234");
    g_assert_cmpstr (masked, ==, "138****1234");
  }

  g_object_unref (storage);
  remove_db (dir, path);
}

static guint
count_matches (GtStorage *storage, const char *query)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = gt_member_list (storage, query, 0, &error);

  g_assert_no_error (error);
  return found->len;
}

/* Every search path (one or two characters: scan; three or more: trigram index) must give
 * exactly what a plain scan of the same fields gives. */
static void
assert_search_matches_scan (GtStorage *storage, const char *query)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *normalized = gt_search_normalize (query);
  gint64 expected = -1;
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT count(*) FROM members m JOIN organizations o ON o.id = m.org_id"
    " WHERE m.status = 'active' AND (instr (m.name, ?1) OR instr (o.name, ?1)"
    "  OR (length (?1) >= 3 AND (instr (coalesce (m.id_number, ''), ?1) OR instr (m.phone, ?1))))",
    &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  expected = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_test_message ("search “%s”: %" G_GINT64_FORMAT " matches", query, expected);
  g_assert_cmpuint (count_matches (storage, query), ==, (guint) expected);
}

static void
test_search (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  char *dir, *path;
  GtStorage *storage = build_demo (&dir, &path, 1);
  GtMember *someone;
  g_autofree char *last4 = NULL, *phone_part = NULL, *given = NULL;

  all = gt_member_list (storage, NULL, 0, &error);
  someone = all->pdata[100];
  last4 = g_strdup (someone->id_number + 14);
  phone_part = g_strndup (someone->phone + 3, 5);
  given = g_utf8_substring (someone->name, 1, g_utf8_strlen (someone->name, -1));

  /* a surname alone, a given name, a branch, partial ID and phone numbers */
  assert_search_matches_scan (storage, "徐");
  assert_search_matches_scan (storage, given);
  assert_search_matches_scan (storage, "青石村");
  assert_search_matches_scan (storage, "村党支部");
  assert_search_matches_scan (storage, last4);
  assert_search_matches_scan (storage, phone_part);
  assert_search_matches_scan (storage, "\"; DROP TABLE members; --");
  g_assert_cmpuint (count_matches (storage, someone->name), >=, 1);
  g_assert_cmpuint (count_matches (storage, someone->id_number), ==, 1);
  /* full-width digits typed with a Chinese input method find the same people */
  g_assert_cmpuint (count_matches (storage, "８２２１"), ==, count_matches (storage, "8221"));
  g_assert_cmpuint (count_matches (storage, "不存在的名字"), ==, 0);

  /* The index follows changes made by anyone, with plain SQL. */
  g_assert_true (gt_storage_exec (storage, "UPDATE members SET name = '龚自珍' WHERE id = 5", &error));
  g_assert_cmpuint (count_matches (storage, "龚自珍"), ==, 1);
  g_assert_true (gt_storage_exec (storage,
                                  "UPDATE organizations SET name = '青石社区党支部'"
                                  " WHERE name = '青石村党支部'", &error));
  g_assert_cmpuint (count_matches (storage, "青石社区党支部"), ==, 38);
  g_assert_cmpuint (count_matches (storage, "青石村党支部"), ==, 0);
  g_assert_true (gt_storage_exec (storage,
                                  "DELETE FROM member_household_links WHERE member_id = 5;"
                                  "DELETE FROM member_events WHERE member_id = 5;"
                                  "DELETE FROM members WHERE id = 5", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matches (storage, "龚自珍"), ==, 0);

  g_object_unref (storage);
  remove_db (dir, path);
}

static void
progress_cb (double fraction, gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* The prefecture-scale generator: the ratios of domain.md §7, sound data, repeatable. */
static void
test_scale (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) stats = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *fa = NULL, *fb = NULL;
  char *dir, *path, *dir2, *path2;
  GtStorage *storage, *again;
  double last = 0;
  gint64 orgs, members;

  path = temp_db (&dir);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_scale (storage, 6000, 5, progress_cb, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  stats = gt_stats_collect (storage, &error);
  g_assert_no_error (error);
  members = gt_stats_get (stats, "members");
  orgs = gt_stats_get (stats, "organizations");
  g_assert_cmpint (members, ==, 6000);
  /* 衢州: about 12 000 organisations for 200 000 members, one for every 15 to 20. */
  g_assert_cmpint (orgs * 15, <=, members);
  g_assert_cmpint (orgs * 20, >=, members);
  /* Seven households for each village member; 85 % of members are in villages. */
  g_assert_cmpint (gt_stats_get (stats, "household_links"), ==, gt_stats_get (stats, "households"));
  g_assert_cmpint (gt_stats_get (stats, "household_links"), >=, 7 * members * 80 / 100);
  g_assert_cmpint (gt_stats_get (stats, "household_links"), <=, 7 * members * 90 / 100);
  g_assert_cmpint (gt_stats_get (stats, "type_rural"), >, gt_stats_get (stats, "type_organ"));
  g_assert_cmpint (gt_stats_get (stats, "members"), ==,
                   gt_stats_get (stats, "full_members") +
                     gt_stats_get (stats, "probationary_members"));

  /* A year of organisational life, dues and points, the evaluation, the project library. */
  {
    gint64 meetings = gt_test_count (storage, "SELECT count(*) FROM meetings");
    gint64 attendance = gt_test_count (storage, "SELECT count(*) FROM meeting_attendance");
    gint64 payments = gt_test_count (storage, "SELECT count(*) FROM dues_payments");
    gint64 points = gt_test_count (storage, "SELECT count(*) FROM score_points");
    gint64 results = gt_test_count (storage, "SELECT count(*) FROM score_results r JOIN"
                                             " score_runs s ON s.id = r.run_id WHERE s.published");
    gint64 projects = gt_test_count (storage, "SELECT count(*) FROM projects");
    gint64 milestones = gt_test_count (storage, "SELECT count(*) FROM milestones");
    gint64 branches_without = gt_test_count (storage, "SELECT count(*) FROM organizations o"
                                                      " WHERE kind = 'branch' AND NOT EXISTS"
                                                      " (SELECT 1 FROM meetings m"
                                                      " WHERE m.org_id = o.id)");

    g_test_message ("scale 6000: %" G_GINT64_FORMAT " meetings, %" G_GINT64_FORMAT
                    " attendances, %" G_GINT64_FORMAT " dues payments, %" G_GINT64_FORMAT
                    " points, %" G_GINT64_FORMAT " projects", meetings, attendance, payments,
                    points, projects);
    /* every branch met; 三会一课 of a year: a branch meets about 30 times */
    g_assert_cmpint (branches_without, ==, 0);
    g_assert_cmpint (meetings, >=, gt_stats_get (stats, "branches") * 25);
    g_assert_cmpint (attendance, >=, members * 20);
    /* monthly dues for most members, a few behind */
    g_assert_cmpint (payments, >=, members * 10);
    g_assert_cmpint (payments, <=, members * 12);
    g_assert_cmpint (points, >=, members * 30);
    /* everyone who was a member in the first half of 2026 is evaluated */
    g_assert_cmpint (results, >=, members * 95 / 100);
    g_assert_cmpint (results, <=, members);
    /* one project for every 250 members, three to five time nodes each */
    g_assert_cmpint (projects, ==, 6000 / 250);
    g_assert_cmpint (milestones, >=, projects * 3);
    g_assert_cmpint (milestones, <=, projects * 5);
  }

  /* Version-7 uuids in the order the rows were made, so the rows append to their indexes. */
  {
    gint64 not_v7 = gt_test_count (storage, "SELECT count(*) FROM members WHERE"
                                            " length (uuid) <> 36 OR substr (uuid, 15, 1) <> '7'"
                                            " OR substr (uuid, 20, 1) NOT IN ('8', '9', 'a', 'b')");
    gint64 out_of_order = gt_test_count (storage, "SELECT count(*) FROM score_points a JOIN"
                                                  " score_points b ON b.id = a.id + 1"
                                                  " WHERE b.uuid <= a.uuid");
    g_assert_cmpint (not_v7, ==, 0);
    g_assert_cmpint (out_of_order, ==, 0);
  }

  /* The scale data is a prefecture's office (衢州市, 330800), not a county's. */
  {
    g_autofree char *role = gt_storage_get_meta (storage, "role");
    g_autofree char *code = gt_storage_get_meta (storage, "office_code");

    g_assert_true (gt_office_is_prefecture (role, code));
    g_assert_cmpstr (gt_label_office_role (role, code), ==, "Prefecture organisation department");
    g_assert_false (gt_office_is_prefecture ("county", "330822"));   /* 常山县 */
    g_assert_false (gt_office_is_prefecture ("county", "330000"));   /* the province */
    g_assert_false (gt_office_is_prefecture ("township", "330800"));
    g_assert_false (gt_office_is_prefecture ("county", "3308X0"));
    g_assert_false (gt_office_is_prefecture ("county", NULL));
    g_assert_cmpstr (gt_label_office_role ("county", "330822"), ==,
                     "County organisation department");
    g_assert_cmpstr (gt_label_office_role (NULL, NULL), ==, "Township office");
  }

  /* Valid, unique ID numbers matching birth dates and genders; no date in the future. */
  g_assert_true (gt_stats_check (storage, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len && i < 10; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Found by search like any member; the same seed gives the same people. */
  path2 = temp_db (&dir2);
  again = gt_storage_open (path2, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_scale (again, 6000, 5, NULL, NULL, &error));
  fa = member_fingerprint (storage);
  fb = member_fingerprint (again);
  g_assert_cmpstr (fa, ==, fb);

  /* A second build on a filled database changes nothing. */
  g_assert_false (gt_demo_build_scale (storage, 10, 5, NULL, NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);

  g_object_unref (storage);
  g_object_unref (again);
  remove_db (dir, path);
  remove_db (dir2, path2);
}

/* Each member's group, by the group's code: the same seed places the same people. */
static char *
group_fingerprint (GtStorage *storage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT m.id_number, coalesce (g.code, '-') FROM members m"
    " LEFT JOIN organizations g ON g.id = m.group_id ORDER BY m.id", &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 2; c++)
      g_checksum_update (sum, sqlite3_column_text (stmt, c), -1);
  sqlite3_reset (stmt);
  return g_strdup (g_checksum_get_string (sum));
}

/* The prefecture-scale generator's 党小组: two to four under each branch of more than 20
 * members, named and coded after their branch, every member of such a branch in one of its
 * groups, and the same placing for the same seed. */
static void
test_scale_groups (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fa = NULL, *fb = NULL;
  char *dir, *path, *dir2, *path2;
  GtStorage *storage, *again;

  path = temp_db (&dir);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_scale (storage, 2000, 11, NULL, NULL, &error));
  g_assert_no_error (error);

  /* groups under the larger branches, 2 to 4 each, none under the small ones */
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM organizations WHERE kind = 'group'"),
                   >=, 2 * gt_test_count (storage, "SELECT count(*) FROM organizations b"
                                        " WHERE kind = 'branch' AND (SELECT count(*) FROM"
                                        " members m WHERE m.org_id = b.id) > 20"));
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM organizations b"
                                " WHERE b.kind = 'branch' AND (SELECT count(*) FROM members m"
                                "  WHERE m.org_id = b.id) > 20 AND (SELECT count(*) FROM"
                                "  organizations g WHERE g.parent_id = b.id AND g.kind = 'group')"
                                " NOT BETWEEN 2 AND 4"), ==, 0);
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM organizations b"
                                " WHERE b.kind = 'branch' AND (SELECT count(*) FROM members m"
                                "  WHERE m.org_id = b.id) <= 20 AND EXISTS (SELECT 1 FROM"
                                "  organizations g WHERE g.parent_id = b.id AND g.kind = 'group')"),
                   ==, 0);
  /* only under branches, numbered 第一… in order, coded after their branch */
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM organizations g"
                                " JOIN organizations b ON b.id = g.parent_id WHERE g.kind = 'group'"
                                " AND (b.kind <> 'branch' OR g.code <> b.code || printf ('%02d',"
                                "  g.sort_order) OR g.name <> '第' || substr ('一二三四五',"
                                "  g.sort_order, 1) || '党小组')"), ==, 0);
  /* every member of a branch with groups in one of them, and every group's members in its
   * branch; no group left empty */
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM members m WHERE m.group_id IS NULL"
                                " AND EXISTS (SELECT 1 FROM organizations g"
                                "  WHERE g.parent_id = m.org_id AND g.kind = 'group')"), ==, 0);
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM members m JOIN organizations g"
                                " ON g.id = m.group_id WHERE g.kind <> 'group'"
                                " OR g.parent_id <> m.org_id"), ==, 0);
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM organizations g WHERE"
                                " g.kind = 'group' AND NOT EXISTS (SELECT 1 FROM members m"
                                "  WHERE m.group_id = g.id)"), ==, 0);
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM members WHERE group_id IS NOT NULL"),
                   >, 0);
  /* the groups meet monthly, their members invited */
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM meeting_attendance a"
                                " JOIN meetings mt ON mt.id = a.meeting_id"
                                " JOIN members m ON m.id = a.member_id"
                                " WHERE mt.org_id <> m.group_id AND mt.kind = 'group'"), ==, 0);

  /* the same seed, the same groups and the same people in each */
  path2 = temp_db (&dir2);
  again = gt_storage_open (path2, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_scale (again, 2000, 11, NULL, NULL, &error));
  g_assert_no_error (error);
  fa = group_fingerprint (storage);
  fb = group_fingerprint (again);
  g_assert_cmpstr (fa, ==, fb);

  g_object_unref (storage);
  g_object_unref (again);
  remove_db (dir, path);
  remove_db (dir2, path2);
}

/* A branch has at most GT_DEMO_MAX_GROUPS 党小组: another count is refused, naming it and
 * the range, before anything is written (not read past the names, nor past the ids). */
static void
test_groups_refused (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = NULL, *path = temp_db (&dir); /* freed by remove_db () */
  GtStorage *storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  const int counts[] = { GT_DEMO_MAX_GROUPS + 1, 12, -1 };
  gint64 ids[GT_DEMO_MAX_GROUPS + 8];
  Demo demo = { 0 };

  g_assert_no_error (error);
  demo.storage = storage;
  demo.rand = g_rand_new_with_seed (7);
  demo.mtime = g_strdup ("2026-01-01T00:00:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *count = g_strdup_printf (" %d ", counts[i]);
      g_autofree char *range = g_strdup_printf ("0 to %d", GT_DEMO_MAX_GROUPS);

      g_assert_false (gt_demo_insert_groups (&demo, 1, "330822105001", "rural", "grid",
                                             "2017-03-01", counts[i], ids, &error));
      g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, count));
      g_assert_nonnull (strstr (error->message, range));
      g_clear_error (&error);
    }
  g_assert_cmpint (gt_test_count (storage, "SELECT count(*) FROM organizations"), ==, 0);

  g_rand_free (demo.rand);
  g_free (demo.mtime);
  g_object_unref (storage);
  remove_db (dir, path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/counts", test_counts);
  g_test_add_func ("/demo/sound", test_sound);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/demo/lists", test_lists);
  g_test_add_func ("/demo/search", test_search);
  g_test_add_func ("/demo/scale", test_scale);
  g_test_add_func ("/demo/scale-groups", test_scale_groups);
  g_test_add_func ("/demo/groups-refused", test_groups_refused);

  return g_test_run ();
}
