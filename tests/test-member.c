/* test-member.c — adding members and their life cycle: admission, full membership,
 * transfers (also 整转), suspension, exit, death; the state follows from the events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-test-demo.h"
#include "gt-household.h"
#include "gt-member.h"
#include "gt-member-private.h"
#include "gt-registers.h"
#include "gt-schema.h"
#include "gt-stats.h"

typedef GtTestDemo Fixture;

#define count gt_test_count

static const GtMemberSpec good = {
  "青石村党支部", "龚自珍", NULL, "汉族", "33082219880715003x", "１３８００００１２３４", "大专",
  "农民", "2025-07-01", NULL,
};

static gint64
add_good (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gt_member_add (fx->storage, &good, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_add (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberRecord) r = NULL;
  gint64 id = add_good (fx);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  r = gt_member_lookup (fx->storage, key, &error);
  g_assert_no_error (error);
  /* normalised ID and phone, gender and birth date derived from the ID number */
  g_assert_cmpstr (r->id_number, ==, "33082219880715003X");
  g_assert_cmpstr (r->phone, ==, "13800001234");
  g_assert_cmpint (r->gender, ==, 'M');
  g_assert_cmpstr (r->birth_date, ==, "1988-07-15");
  g_assert_cmpstr (r->category, ==, "probationary");
  g_assert_cmpuint (r->events->len, ==, 1);
  /* found by search at once */
  {
    g_autoptr (GPtrArray) found = gt_member_list (fx->storage, "龚自珍", 0, &error);
    g_assert_cmpuint (found->len, ==, 1);
  }
}

static void
assert_refused (Fixture *fx, GtMemberSpec spec, const char *part)
{
  g_autoptr (GError) error = NULL;
  gint64 before = count (fx->storage, "SELECT count(*) FROM members");

  g_assert_false (gt_member_add (fx->storage, &spec, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, part);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members"), ==, before);
}

static void
test_add_refused (Fixture *fx, gconstpointer data)
{
  GtMemberSpec spec = good;

  spec.id_number = "330822198807150031";
  assert_refused (fx, spec, "check digit");
  spec.id_number = "330822198802300035";
  assert_refused (fx, spec, "birth date");
  spec = good;
  spec.gender = "女";
  assert_refused (fx, spec, "男");
  spec = good;
  spec.join_date = "2000-07-01"; /* aged 11 */
  assert_refused (fx, spec, "18");
  spec = good;
  spec.join_date = "2099-01-01";
  assert_refused (fx, spec, "future");
  spec = good;
  spec.full_date = "2024-01-01";
  assert_refused (fx, spec, "before the joining");
  spec = good;
  spec.full_date = "2025-07-02"; /* a year of probation (预备期) first */
  assert_refused (fx, spec, "probation");
  spec = good;
  spec.phone = "12345";
  assert_refused (fx, spec, "12345");
  spec = good;
  spec.org = "不存在的支部";
  assert_refused (fx, spec, "不存在的支部");
  spec = good;
  spec.org = "中共常山县青石镇赏石小镇委员会"; /* a 党委 holds branches, not members */
  assert_refused (fx, spec, "党支部");
  spec = good;
  spec.name = "";
  assert_refused (fx, spec, "name");
  spec = good;
  spec.id_number = NULL;
  assert_refused (fx, spec, "gender");

  add_good (fx);
  assert_refused (fx, good, "already");
}

/* Names and free texts are limited as in the exchange XSD (g:name 200, g:text 2000),
 * counted in characters, not bytes. */
static void
test_add_lengths (Fixture *fx, gconstpointer data)
{
  g_autofree char *name_max = gt_test_repeat ("龚", GT_NAME_MAX_CHARS);
  g_autofree char *name_over = gt_test_repeat ("龚", GT_NAME_MAX_CHARS + 1);
  g_autofree char *text_max = gt_test_repeat ("农", GT_TEXT_MAX_CHARS);
  g_autofree char *text_over = gt_test_repeat ("农", GT_TEXT_MAX_CHARS + 1);
  g_autoptr (GError) error = NULL;
  GtMemberSpec spec = good;

  g_assert_cmpint (GT_NAME_MAX_CHARS, ==, 200);
  g_assert_cmpint (GT_TEXT_MAX_CHARS, ==, 2000);
  spec.name = name_over;
  assert_refused (fx, spec, "201");
  spec = good;
  spec.ethnicity = text_over;
  assert_refused (fx, spec, "2001");
  spec = good;
  spec.education = text_over;
  assert_refused (fx, spec, "2001");
  spec = good;
  spec.occupation = text_over;
  assert_refused (fx, spec, "2001");

  /* At the limit (three bytes a character) they are taken. */
  spec = good;
  spec.name = name_max;
  spec.occupation = text_max;
  spec.education = text_max;
  spec.ethnicity = text_max;
  g_assert_true (gt_member_add (fx->storage, &spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members"
                                       " WHERE length (name) = 200"), ==, 1);
}

static const char *
status_of (Fixture *fx, gint64 id, char **category, char **org)
{
  static char status[32];
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (GtMemberRecord) r = gt_member_lookup (fx->storage, key, NULL);

  g_strlcpy (status, r->status, sizeof status);
  if (category != NULL)
    *category = g_strdup (r->category);
  if (org != NULL)
    *org = g_strdup (r->org_name);
  return status;
}

static void
test_life_cycle (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *category = NULL, *org = NULL;
  gint64 id = add_good (fx);

  /* dates must not go backwards, events must make sense */
  g_assert_false (gt_member_record_event (fx->storage, id, "full_membership", "2025-01-01", NULL,
                                          NULL, &error));
  g_clear_error (&error);
  g_assert_false (gt_member_record_event (fx->storage, id, "transfer_in", "2025-08-01",
                                          "砚瓦山村党支部", NULL, &error));
  g_clear_error (&error);
  g_assert_false (gt_member_record_event (fx->storage, id, "promotion", "2025-08-01", NULL, NULL,
                                          &error));
  g_clear_error (&error);

  /* joined 2025-07-01: not before a year of probation */
  g_assert_false (gt_member_record_event (fx->storage, id, "full_membership", "2026-06-30", NULL,
                                          NULL, &error));
  g_assert_nonnull (strstr (error->message, "probation"));
  /* Refusals name the member, not their record number. */
  g_assert_nonnull (strstr (error->message, good.name));
  g_clear_error (&error);
  g_assert_true (gt_member_record_event (fx->storage, id, "full_membership", "2026-07-01", NULL,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (fx, id, &category, NULL), ==, "active");
  g_assert_cmpstr (category, ==, "full");
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members WHERE full_date ="
                                       " '2026-07-01'"), ==, 1);

  g_assert_false (gt_member_transfer (fx->storage, id, "中共常山县青石镇赏石小镇委员会",
                                      "2026-08-01", NULL, &error));
  g_assert_nonnull (strstr (error->message, "党小组"));
  g_clear_error (&error);
  g_assert_true (gt_member_transfer (fx->storage, id, "砚瓦山村党支部", "2026-08-01", NULL, &error));
  g_assert_cmpstr (status_of (fx, id, NULL, &org), ==, "active");
  g_assert_cmpstr (org, ==, "砚瓦山村党支部");
  {
    g_autoptr (GPtrArray) found = gt_member_list (fx->storage, "龚自珍", 0, &error);
    g_assert_cmpstr (((GtMember *) found->pdata[0])->org_name, ==, "砚瓦山村党支部");
  }

  g_assert_true (gt_member_record_transfer_out (fx->storage, id, "2026-09-01", "转往衢州市柯城区",
                                                &error));
  g_assert_cmpstr (status_of (fx, id, NULL, NULL), ==, "transferred_out");
  /* No longer in the register's search, but found again among the former members (by name,
   * surname, ID number and with no text), for the transfer back in. */
  {
    const GtMemberFilter former = { .former = TRUE };
    const char *texts[] = { "龚自珍", "龚", "33082219880715003X", NULL };
    gint64 n = -1;

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr (GPtrArray) found = gt_member_search (fx->storage, texts[i], &former, 0, 0,
                                                        &error);
        g_assert_no_error (error);
        g_assert_cmpuint (found->len, ==, 1);
        g_assert_cmpint (((GtMember *) found->pdata[0])->id, ==, id);
        g_assert_cmpstr (((GtMember *) found->pdata[0])->status, ==, "transferred_out");
        if (texts[i] == NULL)
          continue;
        g_assert_true (gt_member_count (fx->storage, texts[i], NULL, 0, &n, &error));
        g_assert_cmpint (n, ==, 0);
      }
  }
  /* gone to another register: its death is recorded there, not here */
  g_assert_false (gt_member_record_event (fx->storage, id, "death", "2026-09-15", NULL, NULL,
                                          &error));
  g_assert_nonnull (strstr (error->message, "transferred out"));
  g_clear_error (&error);
  g_assert_true (gt_member_record_event (fx->storage, id, "transfer_in", "2026-10-01",
                                         "青石村党支部", NULL, &error));
  g_assert_cmpstr (status_of (fx, id, NULL, NULL), ==, "active");
  g_assert_true (gt_member_record_event (fx->storage, id, "death", "2026-11-01", NULL, NULL,
                                         &error));
  g_assert_cmpstr (status_of (fx, id, NULL, NULL), ==, "deceased");
  g_assert_false (gt_member_record_event (fx->storage, id, "exit", "2026-11-02", NULL, NULL,
                                          &error));
  g_clear_error (&error);

  /* the whole history is there, in order, and was never rewritten */
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM member_events WHERE member_id ="
                                       " (SELECT id FROM members WHERE name = '龚自珍')"), ==, 7);
  {
    g_autoptr (GPtrArray) problems = NULL;
    g_assert_true (gt_stats_check (fx->storage, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* A bare transfer_out would let a member leave without their 组织关系介绍信: the public call
 * refuses it and changes nothing; gt_transfer_out () records it with the letter. */
static void
test_transfer_out_refused (Fixture *fx, gconstpointer data)
{
  static const char *const state[] = {
    "SELECT count(*) FROM member_events",
    "SELECT count(*) FROM members WHERE status = 'active'",
    "SELECT count(*) FROM members WHERE group_id IS NOT NULL",
    "SELECT sum(rev) FROM members",
    "SELECT count(*) FROM transfers",
  };
  g_autoptr (GError) error = NULL;
  gint64 before[G_N_ELEMENTS (state)];
  gint64 id = count (fx->storage, "SELECT min(id) FROM members WHERE status = 'active'"
                                  " AND group_id IS NOT NULL");

  g_assert_cmpint (id, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (state); i++)
    before[i] = count (fx->storage, state[i]);
  g_assert_false (gt_member_record_event (fx->storage, id, "transfer_out", NULL, NULL, NULL,
                                          &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "transfer letter"));
  g_clear_error (&error);
  g_assert_false (gt_member_record_event (fx->storage, id, "transfer_out", "2026-01-05",
                                          "砚瓦山村党支部", "转往衢州市柯城区", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (state); i++)
    g_assert_cmpint (count (fx->storage, state[i]), ==, before[i]);
  g_assert_cmpstr (status_of (fx, id, NULL, NULL), ==, "active");
}

static void
test_transfer_all (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint moved = 0;

  g_assert_true (gt_member_transfer_all (fx->storage, "江源村党支部", "澄潭村党支部", "2026-10-01",
                                         &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 33);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o"
                                       " ON o.id = m.org_id WHERE o.name = '澄潭村党支部'"), ==, 67);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM member_events WHERE detail ="
                                       " 'whole-branch transfer' OR detail = '整转'"), ==, 66);
  g_assert_false (gt_member_transfer_all (fx->storage, "澄潭村党支部", "澄潭村党支部", NULL, &moved,
                                          &error));
}

static void
test_state_from_events (void)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new ();
  GtMemberEvent a = { "admission", "2020-01-01", NULL, NULL };
  GtMemberEvent f = { "full_membership", "2021-01-01", NULL, NULL };
  GtMemberEvent s = { "suspension", "2022-01-01", NULL, NULL };
  const char *status, *category;

  gt_member_state_from_events (events, &status, &category);
  g_assert_null (category);
  g_ptr_array_add (events, &a);
  gt_member_state_from_events (events, &status, &category);
  g_assert_cmpstr (category, ==, "probationary");
  g_ptr_array_add (events, &f);
  g_ptr_array_add (events, &s);
  gt_member_state_from_events (events, &status, &category);
  g_assert_cmpstr (status, ==, "suspended");
  g_assert_cmpstr (category, ==, "full");
}

static gint64
count_filtered (Fixture *fx, const GtMemberFilter *filter)
{
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (gt_member_count (fx->storage, NULL, filter, 0, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_filters (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtMemberFilter few = { 0, NULL, GT_MEMBER_FLAG_FEW_LINKS, GT_MEMBER_SORT_REGISTER };
  GtMemberFilter due = { 0, NULL, GT_MEMBER_FLAG_VISITS_DUE, GT_MEMBER_SORT_REGISTER };
  GtMemberFilter probationary = { 0, "probationary", GT_MEMBER_FLAG_ANY, GT_MEMBER_SORT_NAME };
  GtMemberFilter subtree = { 0 };
  gint64 household = 0;
  sqlite3_stmt *stmt;

  /* the demo links everyone to seven households and records no visits */
  g_assert_cmpint (count_filtered (fx, &few), ==, 0);
  g_assert_cmpint (count_filtered (fx, &due), ==, 215);
  g_assert_cmpint (count_filtered (fx, &probationary), ==,
                   count (fx->storage, "SELECT count(*) FROM members WHERE category ="
                                       " 'probationary'"));

  /* one unlink: one member below the minimum; raising the minimum: everyone */
  stmt = gt_storage_prepare (fx->storage, "SELECT household_id FROM member_household_links"
                                          " WHERE member_id = 1 ORDER BY household_id", &error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      household = sqlite3_column_int64 (stmt, 0);
      g_assert_true (gt_household_visit (fx->storage, 1, household, NULL, NULL, NULL, NULL));
    }
  sqlite3_reset (stmt);
  /* member 1 visited all seven households today: no longer due */
  g_assert_cmpint (count_filtered (fx, &due), ==, 214);
  g_assert_true (gt_household_unlink (fx->storage, 1, household, &error));
  g_assert_cmpint (count_filtered (fx, &few), ==, 1);
  g_assert_true (gt_rules_set_link_minimum (fx->storage, 8, &error));
  g_assert_cmpint (count_filtered (fx, &few), ==, 215);

  /* an organisation's subtree: the committee holds everyone, a village branch its own */
  g_assert_true (gt_storage_query_int64 (fx->storage, "SELECT id FROM organizations WHERE"
                                                      " parent_id IS NULL", &subtree.org_id,
                                         &error));
  g_assert_cmpint (count_filtered (fx, &subtree), ==, 215);
  g_assert_true (gt_storage_query_int64 (fx->storage, "SELECT id FROM organizations WHERE"
                                                      " name = '青石村党支部'", &subtree.org_id,
                                         &error));
  g_assert_cmpint (count_filtered (fx, &subtree), ==, 38);
}

/* What search finds after changes by any writer (the triggers keep the indexes in step)
 * is what a plain scan of the registers finds; the index itself lets go of old values. */
static gint64
scan_count (Fixture *fx, const char *text)
{
  g_autofree char *sql = NULL;
  gboolean short_text = g_utf8_strlen (text, -1) < 3;

  sql = g_strdup_printf ("SELECT count(*) FROM members m JOIN organizations o ON o.id = m.org_id"
                         " WHERE m.status = 'active' AND (instr (m.name, '%s') > 0"
                         " OR instr (" GT_SCHEMA_ORG_TEXT ("o") ", '%s') > 0%s%s%s%s%s)",
                         text, text, short_text ? "" : " OR instr (coalesce (m.id_number, ''), '",
                         short_text ? "" : text, short_text ? "" : "') > 0 OR instr (m.phone, '",
                         short_text ? "" : text, short_text ? "" : "') > 0");
  return count (fx->storage, sql);
}

static gint64
index_holds (Fixture *fx, gint64 id, const char *trigram)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM member_search WHERE"
                                          " member_search MATCH '\"%s\"' AND rowid = %"
                                          G_GINT64_FORMAT, trigram, id);
  return count (fx->storage, sql);
}

static void
test_search_follows_changes (Fixture *fx, gconstpointer data)
{
  static const char *const queries[] = { "龚", "欧阳", "欧阳新名", "13912345678", "912345",
                                         "330822", "青石村", "青石村第一党支部", "第一党",
                                         "党支部", "龚自珍", "5003X", "5003x", "不存在" };
  g_autoptr (GError) error = NULL;
  gint64 gone = add_good (fx), renamed, moved, grouped, n = 0;
  g_autofree char *sql = NULL;

  renamed = count (fx->storage, "SELECT min(id) FROM members WHERE status = 'active'");
  moved = count (fx->storage, "SELECT max(id) FROM members WHERE status = 'active' AND id <> "
                              "(SELECT max (id) FROM members)");
  /* a member of a 党小组 under 青石村党支部 is found by the branch's name */
  grouped = count (fx->storage, "SELECT min(id) FROM members WHERE status = 'active' AND id > "
                                "(SELECT min(id) FROM members)");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE members SET org_id = (SELECT g.id FROM organizations g"
                         " JOIN organizations b ON b.id = g.parent_id WHERE g.kind = 'group'"
                         " AND b.name = '青石村党支部' LIMIT 1) WHERE id = %" G_GINT64_FORMAT,
                         grouped);
  g_assert_true (gt_storage_exec (fx->storage, sql, &error));
  g_assert_cmpint (index_holds (fx, grouped, "青石村"), ==, 1);
  g_assert_true (gt_member_count (fx->storage, "青石村党支部", NULL, 0, &n, &error));
  g_assert_cmpint (n, ==, scan_count (fx, "青石村党支部"));
  g_assert_cmpint (n, >, count (fx->storage, "SELECT count(*) FROM members m JOIN organizations o"
                                             " ON o.id = m.org_id WHERE o.name = '青石村党支部'"
                                             " AND m.status = 'active'"));
  g_free (sql);
  sql = g_strdup_printf ("UPDATE members SET name = '司马旧名' WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE members SET name = '欧阳新名', phone = '13912345678' WHERE id ="
                         " %" G_GINT64_FORMAT ";"
                         "UPDATE members SET org_id = (SELECT id FROM organizations WHERE name ="
                         " '青石村党支部') WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE organizations SET name = '青石村第一党支部' WHERE name ="
                         " '青石村党支部';"
                         "DELETE FROM member_events WHERE member_id = %" G_GINT64_FORMAT ";"
                         "DELETE FROM members WHERE id = %" G_GINT64_FORMAT ";",
                         renamed, renamed, moved, gone, gone);
  g_assert_true (gt_storage_exec (fx->storage, sql, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *normal = gt_search_normalize (queries[i]);

      g_assert_true (gt_member_count (fx->storage, queries[i], NULL, 0, &n, &error));
      g_test_message ("%s: %" G_GINT64_FORMAT, queries[i], n);
      g_assert_cmpint (n, ==, scan_count (fx, normal));
    }
  g_assert_cmpint (scan_count (fx, "欧阳新名"), ==, 1);
  g_assert_cmpint (scan_count (fx, "青石村第一党支部"), >, 1);
  /* The old values are out of the index, not merely filtered out of the results. */
  g_assert_cmpint (index_holds (fx, renamed, "欧阳新"), ==, 1);
  g_assert_cmpint (index_holds (fx, renamed, "司马旧"), ==, 0);
  g_assert_cmpint (index_holds (fx, renamed, "139"), ==, 1);
  g_assert_cmpint (index_holds (fx, moved, "第一党"), ==, 1);
  g_assert_cmpint (index_holds (fx, moved, "青石村"), ==, 1);
  g_assert_cmpint (index_holds (fx, moved, "村党支"), ==, 0);
  /* the group's member follows its branch's new name */
  g_assert_cmpint (index_holds (fx, grouped, "村第一"), ==, 1);
  g_assert_cmpint (index_holds (fx, grouped, "村党支"), ==, 0);
  g_assert_cmpint (index_holds (fx, gone, "龚自珍"), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM member_name_chars WHERE member_id = %"
                         G_GINT64_FORMAT, gone);
  g_assert_cmpint (count (fx->storage, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM member_name_chars WHERE member_id = %"
                         G_GINT64_FORMAT, renamed);
  g_assert_cmpint (count (fx->storage, sql), ==, 4);
}

/* A full year of probation counts in months: the same month a year on is enough. */
static void
test_probation_served (void)
{
  static const struct
  {
    const char *joined, *full;
    gboolean served;
  } cases[] = {
    { "2020-03-15", "2021-03-01", TRUE },  { "2020-03-15", "2021-02-28", FALSE },
    { "2020-12-31", "2021-12-01", TRUE },  { "2020-12-31", "2021-11-30", FALSE },
    { "1999-01-01", "2000-01-01", TRUE },  { "2009-06-30", "2010-05-31", FALSE },
    { "2024-02-29", "2025-02-28", TRUE },  { "2020-03-15", "2020-09-01", FALSE },
    /* no dates, or a join date that is no date, leave nothing to check */
    { NULL, "2021-03-01", TRUE },          { "2020-03-15", NULL, TRUE },
    { "2020-3-15", "2020-04-01", TRUE },   { "2020-13-01", "2020-04-01", TRUE },
    { "", "2020-04-01", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s → %s", cases[i].joined, cases[i].full);
      g_assert_cmpint (gt_member_probation_served (cases[i].joined, cases[i].full), ==,
                       cases[i].served);
    }
}

/* A member's details are corrected in place, checked as when added; the history and the
 * search follow, and a refused correction changes nothing. */
static void
test_update (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberRecord) r = NULL;
  gint64 id = add_good (fx);
  GtMemberSpec fixed = good;
  g_autofree char *before = NULL;
  gint64 n = 0, events;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const GtMemberFilter all = { 0 };

  events = count (fx->storage, "SELECT count(*) FROM member_events");
  fixed.name = "龚自瑱";
  fixed.phone = "13900001111";
  fixed.occupation = "个体经营";
  g_assert_true (gt_member_update (fx->storage, id, &fixed, &error));
  g_assert_no_error (error);
  r = gt_member_lookup (fx->storage, key, &error);
  g_assert_cmpstr (r->name, ==, "龚自瑱");
  g_assert_cmpstr (r->phone, ==, "13900001111");
  g_assert_cmpstr (r->occupation, ==, "个体经营");
  g_assert_cmpstr (r->join_date, ==, "2025-07-01"); /* the history is not touched */
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM member_events"), ==, events);
  g_assert_cmpint (count (fx->storage, "SELECT rev FROM members WHERE name = '龚自瑱'"), ==, 2);
  g_assert_true (gt_member_count (fx->storage, "龚自瑱", &all, 0, &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (gt_member_count (fx->storage, "龚自珍", &all, 0, &n, &error));
  g_assert_cmpint (n, ==, 0);

  /* A wrong check digit, and another member's ID number: refused, nothing changed. */
  before = g_strdup_printf ("%" G_GINT64_FORMAT,
                            count (fx->storage, "SELECT sum (rev) FROM members"));
  fixed.id_number = "330822198807150031";
  g_assert_false (gt_member_update (fx->storage, id, &fixed, &error));
  g_assert_nonnull (strstr (error->message, "330822198807150031"));
  g_clear_error (&error);
  {
    g_autofree char *other = NULL;
    sqlite3_stmt *stmt = gt_storage_prepare (fx->storage, "SELECT id_number FROM members"
                                             " WHERE id_number IS NOT NULL AND id <> ? LIMIT 1",
                                             NULL);
    sqlite3_bind_int64 (stmt, 1, id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    other = GT_COLUMN_TEXT (stmt, 0);
    sqlite3_reset (stmt);
    fixed.id_number = other;
    g_assert_false (gt_member_update (fx->storage, id, &fixed, &error));
    g_assert_nonnull (strstr (error->message, "already in the register"));
    g_clear_error (&error);
  }
  fixed.id_number = good.id_number;
  fixed.name = "";
  g_assert_false (gt_member_update (fx->storage, id, &fixed, &error));
  g_clear_error (&error);
  g_assert_false (gt_member_update (fx->storage, 999999, &good, &error));
  g_clear_error (&error);
  {
    g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              count (fx->storage, "SELECT sum (rev) FROM members"));
    g_assert_cmpstr (before, ==, after);
  }
}

#define ADD(name, func) \
  g_test_add ("/member/" name, Fixture, GUINT_TO_POINTER (5), gt_test_demo_setup, func, \
              gt_test_demo_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("add", test_add);
  ADD ("add-refused", test_add_refused);
  ADD ("add-lengths", test_add_lengths);
  ADD ("life-cycle", test_life_cycle);
  ADD ("transfer-out-refused", test_transfer_out_refused);
  ADD ("update", test_update);
  ADD ("transfer-all", test_transfer_all);
  ADD ("filters", test_filters);
  ADD ("search-follows-changes", test_search_follows_changes);
  g_test_add_func ("/member/state-from-events", test_state_from_events);
  g_test_add_func ("/member/probation-served", test_probation_served);

  return g_test_run ();
}
