/* test-household.c — households (一户一档), links (党员联户), visits, the rules, the reports
 * and the 党员连心卡, on a real SQLite file holding the demo township
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-heart-card.h"
#include "gt-household.h"
#include "gt-member.h"
#include "gt-stats.h"
#include "gt-test-demo.h"

typedef struct
{
  char *dir;
  char *path;
  GtStorage *storage;
} Fixture;

static void
setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-household-XXXXXX", &error);
  fx->path = g_build_filename (fx->dir, "h.db", NULL);
  fx->storage = gt_test_demo_create (fx->path, 3);
}


static void
teardown (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->storage);
  gt_test_remove_tree (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* A digest of every row the household functions may write. */
static char *
digest (GtStorage *storage)
{
  static const char *const queries[] = {
    "SELECT * FROM households ORDER BY id", "SELECT * FROM member_household_links ORDER BY id",
    "SELECT * FROM visits ORDER BY id", "SELECT * FROM meta ORDER BY key",
  };
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = gt_storage_prepare (storage, queries[q], NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);
            g_checksum_update (sum, (const guchar *) (text != NULL ? text : "\1"), -1);
            g_checksum_update (sum, (const guchar *) "\0", 1);
          }
      sqlite3_reset (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* The call failed with a constraint error whose message names the file and holds @part,
 * and the database did not change. */
#define ASSERT_REFUSED(fx, call, part)                                                        \
  G_STMT_START                                                                                \
  {                                                                                           \
    g_autofree char *before_ = digest ((fx)->storage), *after_ = NULL;                        \
    g_autoptr (GError) error_ = NULL;                                                         \
    GError **refusal = &error_;                                                               \
    g_assert_false (call);                                                                    \
    g_assert_error (error_, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);                   \
    g_assert_true (g_str_has_prefix (error_->message, (fx)->path));                           \
    if (strstr (error_->message, (part)) == NULL)                                             \
      g_error ("“%s” does not contain “%s”", error_->message, (part));                        \
    after_ = digest ((fx)->storage);                                                          \
    g_assert_cmpstr (before_, ==, after_);                                                    \
  }                                                                                           \
  G_STMT_END

static gint64
add_household (Fixture *fx, const char *head)
{
  g_autoptr (GError) error = NULL;
  GtHouseholdSpec spec = { head, "新站村", "第2网格", "新站村塘坞5号", 4 };
  gint64 id = 0;

  g_assert_true (gt_household_add (fx->storage, &spec, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_add_update (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) village = NULL, all = NULL;
  g_autoptr (GtHousehold) h = NULL;
  GtHouseholdSpec spec = { "祝有福", "新站村", "第2网格", "新站村塘坞5号", 4,
                           { "灶台干净", "被褥整洁", "已改厕", "院落整洁", "种茶三亩",
                             "三代同堂", "务工为主", "希望修路", "孩子上学" },
                           "低保户" };
  GtHouseholdSpec change = { 0 };
  gint64 before = gt_test_count (fx->storage, "SELECT count(*) FROM households h JOIN villages v"
                                      " ON v.id = h.village_id WHERE v.name = '新站村'");
  gint64 id = 0;

  g_assert_true (gt_household_add (fx->storage, &spec, &id, &error));
  g_assert_no_error (error);
  h = gt_household_lookup (fx->storage, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (h->head_name, ==, "祝有福");
  g_assert_cmpstr (h->village, ==, "新站村");
  g_assert_cmpstr (h->look_fields, ==, "种茶三亩");
  g_assert_cmpstr (h->ask_needs, ==, "孩子上学");
  g_assert_cmpstr (h->notes, ==, "低保户");
  g_assert_cmpint (h->size, ==, 4);
  g_assert_cmpuint (h->links->len, ==, 0);
  g_assert_cmpuint (h->visits->len, ==, 0);
  g_clear_pointer (&h, gt_household_free);

  /* update: only what is given changes */
  change.address = "新站村塘坞6号";
  change.size = 5;
  change.file.ask_opinions = "希望修桥";
  g_assert_true (gt_household_update (fx->storage, id, &change, &error));
  g_assert_no_error (error);
  h = gt_household_lookup (fx->storage, id, &error);
  g_assert_cmpstr (h->address, ==, "新站村塘坞6号");
  g_assert_cmpint (h->size, ==, 5);
  g_assert_cmpstr (h->ask_opinions, ==, "希望修桥");
  g_assert_cmpstr (h->ask_needs, ==, "孩子上学");
  g_assert_cmpstr (h->head_name, ==, "祝有福");
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT max (rev) FROM households"), ==, 2);

  village = gt_household_list (fx->storage, "新站村", &error);
  g_assert_no_error (error);
  g_assert_cmpint (village->len, ==, before + 1);
  all = gt_household_list (fx->storage, NULL, &error);
  g_assert_cmpint (all->len, ==, gt_test_count (fx->storage, "SELECT count(*) FROM households"));
  g_assert_cmpint (((GtHousehold *) all->pdata[0])->n_links, ==, 1);
  for (guint i = 0; i < village->len; i++)
    g_assert_cmpstr (((GtHousehold *) village->pdata[i])->village, ==, "新站村");
  g_assert_null (gt_household_list (fx->storage, "桃花源村", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "桃花源村"));
}

static void
test_add_refused (Fixture *fx, gconstpointer data)
{
  GtHouseholdSpec good = { "祝有福", "新站村", "第2网格", "塘坞5号", 4 }, spec;
  GtHouseholdSpec change = { 0 };

  spec = good;
  spec.head_name = NULL;
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "户主");
  spec.head_name = "  　";
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "户主");
  spec = good;
  spec.village = "桃花源村";
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "no village is named");
  spec = good;
  spec.size = -2;
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "not -2");

  change.head_name = "";
  ASSERT_REFUSED (fx, gt_household_update (fx->storage, 1, &change, refusal), "户主");
  change.head_name = "王五";
  ASSERT_REFUSED (fx, gt_household_update (fx->storage, 999999, &change, refusal),
                  "household 999999 does not exist");
  change.village = "桃花源村";
  ASSERT_REFUSED (fx, gt_household_update (fx->storage, 1, &change, refusal), "桃花源村");
  ASSERT_REFUSED (fx, gt_household_lookup (fx->storage, 999999, refusal) != NULL,
                  "household 999999 does not exist");
}

/* Every text that goes into an exchange package is limited as the XSD limits it (g:name
 * 200 characters, g:text 2000), on adding and on updating, naming the field: a 2 450-character
 * note would be saved, then refuse the whole report at the county. */
static void
test_lengths (Fixture *fx, gconstpointer data)
{
  g_autofree char *name_over = gt_test_repeat ("祝", GT_NAME_MAX_CHARS + 1);
  g_autofree char *text_max = gt_test_repeat ("户", GT_TEXT_MAX_CHARS);
  g_autofree char *text_over = gt_test_repeat ("户", 2450);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHousehold) h = NULL;
  GtHouseholdSpec good = { "祝有福", "新站村", "第2网格", "塘坞5号", 4 }, spec;
  GtHouseholdSpec change = { 0 };
  gint64 id = add_household (fx, "方石根");

  spec = good;
  spec.notes = text_over;
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "2450");
  spec = good;
  spec.head_name = name_over;
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "201");
  spec = good;
  spec.address = text_over;
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "2000");
  spec = good;
  spec.grid = text_over;
  ASSERT_REFUSED (fx, gt_household_add (fx->storage, &spec, NULL, refusal), "2450");

  /* the update of the tester's report: refused, naming the notes and the limit */
  change.notes = text_over;
  ASSERT_REFUSED (fx, gt_household_update (fx->storage, id, &change, refusal),
                  "the notes: 2450 characters long; at most 2000 fit in an exchange package");
  change.notes = NULL;
  change.head_name = name_over;
  ASSERT_REFUSED (fx, gt_household_update (fx->storage, id, &change, refusal), "201");

  /* at the limit (three bytes a character) it is taken */
  change.head_name = NULL;
  change.notes = text_max;
  g_assert_true (gt_household_update (fx->storage, id, &change, &error));
  g_assert_no_error (error);
  h = gt_household_lookup (fx->storage, id, &error);
  g_assert_cmpint (g_utf8_strlen (h->notes, -1), ==, GT_TEXT_MAX_CHARS);
}

static void
on_changed (GtStorage *storage, const char *table, gpointer data)
{
  (*(int *) data)++;
}

static void
test_link (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHousehold) h = NULL;
  gint64 id = add_household (fx, "程大江");
  GtHouseholdLink *link;
  int changes = 0;

  g_signal_connect (fx->storage, "changed::households", G_CALLBACK (on_changed), &changes);
  g_assert_true (gt_household_link (fx->storage, 1, id, "情感", "b", &error));
  g_assert_no_error (error);
  g_assert_cmpint (changes, ==, 1);
  g_assert_true (gt_household_link (fx->storage, 2, id, NULL, NULL, &error));
  h = gt_household_lookup (fx->storage, id, &error);
  g_assert_cmpint (h->n_links, ==, 2);
  g_assert_cmpuint (h->links->len, ==, 2);
  link = h->links->pdata[0]; /* post A first */
  g_assert_cmpint (link->member_id, ==, 2);
  g_assert_cmpstr (link->link_type, ==, "area");
  g_assert_cmpstr (link->post, ==, "A");
  link = h->links->pdata[1];
  g_assert_cmpint (link->member_id, ==, 1);
  g_assert_cmpstr (link->link_type, ==, "kinship");
  g_assert_cmpstr (link->post, ==, "B");
  g_assert_null (link->last_visit);
  g_assert_cmpstr (gt_link_type_code ("服务"), ==, "service");
  g_assert_null (gt_link_type_code ("友情"));

  ASSERT_REFUSED (fx, gt_household_link (fx->storage, 1, id, NULL, NULL, refusal),
                  "already linked");
  g_assert_cmpint (changes, ==, 2); /* refusals change nothing */
  ASSERT_REFUSED (fx, gt_household_link (fx->storage, 3, id, "友情", NULL, refusal), "友情");
  ASSERT_REFUSED (fx, gt_household_link (fx->storage, 3, id, NULL, "C", refusal), "“C”");
  ASSERT_REFUSED (fx, gt_household_link (fx->storage, 3, 999999, NULL, NULL, refusal),
                  "household 999999 does not exist");
  ASSERT_REFUSED (fx, gt_household_link (fx->storage, 999999, id, NULL, NULL, refusal),
                  "member 999999 does not exist");
  g_assert_true (gt_member_record_event (fx->storage, 3, "exit", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (fx, gt_household_link (fx->storage, 3, id, NULL, NULL, refusal),
                  "not an active member");

  g_assert_true (gt_household_unlink (fx->storage, 1, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->storage, "SELECT count(*) FROM member_household_links"
                                       " WHERE member_id = 1"), ==, 7);
  ASSERT_REFUSED (fx, gt_household_unlink (fx->storage, 1, id, refusal), "not linked");
  ASSERT_REFUSED (fx, gt_household_unlink (fx->storage, 1, 999999, refusal), "999999");
  /* a member who left can still be unlinked, to hand the household on */
  g_assert_true (gt_household_unlink (fx->storage, 3, gt_test_count (fx->storage,
                   "SELECT min (household_id) FROM member_household_links WHERE member_id = 3"),
                                      &error));
  g_assert_no_error (error);
}

/* YYYY-MM-DD of today plus @days. */
static char *
day (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);
  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_visit (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHousehold) h = NULL;
  g_autofree char *tomorrow = day (1), *today = day (0), *before_join = NULL;
  g_autoptr (GtMemberRecord) member = gt_member_lookup (fx->storage, "1", &error);
  gint64 household, other = add_household (fx, "郑水根"), id = 0;
  guint n_before;

  household = gt_test_count (fx->storage, "SELECT min (household_id) FROM member_household_links"
                                  " WHERE member_id = 1");
  /* a year before the member joined */
  before_join = g_strdup_printf ("%04d%s", atoi (member->join_date) - 1, member->join_date + 4);

  ASSERT_REFUSED (fx, gt_household_visit (fx->storage, 1, household, tomorrow, NULL, NULL,
                                          refusal), "future");
  ASSERT_REFUSED (fx, gt_household_visit (fx->storage, 1, household, "2026-02-30", NULL, NULL,
                                          refusal), "2026-02-30");
  ASSERT_REFUSED (fx, gt_household_visit (fx->storage, 1, household, before_join, NULL, NULL,
                                          refusal), "joined");
  ASSERT_REFUSED (fx, gt_household_visit (fx->storage, 1, other, NULL, NULL, NULL, refusal),
                  "link them first");
  ASSERT_REFUSED (fx, gt_household_visit (fx->storage, 1, 999999, NULL, NULL, NULL, refusal),
                  "household 999999");
  ASSERT_REFUSED (fx, gt_household_visit (fx->storage, 999999, household, NULL, NULL, NULL,
                                          refusal), "member 999999");

  {
    g_autoptr (GtHousehold) before = gt_household_lookup (fx->storage, household, &error);
    n_before = before->visits->len; /* the demo's (gt-demo-visits.c) */
  }
  g_assert_true (gt_household_visit (fx->storage, 1, household, NULL, "看了厨房，问了收入",
                                     &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (gt_household_visit (fx->storage, 1, household, member->join_date, NULL, NULL,
                                     &error));
  h = gt_household_lookup (fx->storage, household, &error);
  g_assert_cmpuint (h->visits->len, ==, n_before + 2);
  g_assert_cmpstr (((GtVisit *) h->visits->pdata[0])->date, ==, today); /* newest first */
  g_assert_cmpstr (((GtVisit *) h->visits->pdata[0])->notes, ==, "看了厨房，问了收入");
  g_assert_cmpstr (((GtHouseholdLink *) h->links->pdata[0])->last_visit, ==, today);

  /* a member who left no longer visits */
  g_assert_true (gt_member_record_event (fx->storage, 1, "exit", NULL, NULL, NULL, &error));
  ASSERT_REFUSED (fx, gt_household_visit (fx->storage, 1, household, NULL, NULL, NULL, refusal),
                  "not an active member");
}

static void
test_rules (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL;

  g_assert_cmpint (gt_rules_get_link_minimum (fx->storage), ==, 7);
  g_assert_cmpint (gt_rules_get_visit_interval (fx->storage), ==, 7);
  ASSERT_REFUSED (fx, gt_rules_set_link_minimum (fx->storage, 0, refusal), "not 0");
  ASSERT_REFUSED (fx, gt_rules_set_link_minimum (fx->storage, -3, refusal), "not -3");
  ASSERT_REFUSED (fx, gt_rules_set_link_minimum (fx->storage, 101, refusal), "not 101");
  ASSERT_REFUSED (fx, gt_rules_set_visit_interval (fx->storage, 0, refusal), "not 0");
  ASSERT_REFUSED (fx, gt_rules_set_visit_interval (fx->storage, 367, refusal), "not 367");

  g_assert_true (gt_rules_set_link_minimum (fx->storage, 5, &error));
  g_assert_true (gt_rules_set_visit_interval (fx->storage, 30, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gt_rules_get_link_minimum (fx->storage), ==, 5);
  g_assert_cmpint (gt_rules_get_visit_interval (fx->storage), ==, 30);
  stored = gt_storage_get_meta (fx->storage, "rule.visit_interval_days");
  g_assert_cmpstr (stored, ==, "30");

  /* a damaged setting falls back to the default */
  g_assert_true (gt_storage_set_meta (fx->storage, "rule.link_minimum", "seven", &error));
  g_assert_cmpint (gt_rules_get_link_minimum (fx->storage), ==, 7);
}

static void
test_reports (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) shortfall = NULL, overdue = NULL;
  g_autofree char *today = day (0), *ten_days_ago = day (-10), *yesterday = day (-1);
  gint64 links = gt_test_count (fx->storage, "SELECT count(*) FROM member_household_links");
  gint64 h1, h2;
  GtLinkShortfall *s;
  GtOverdueVisit *o;

  /* Without the demo's visits (which of them are within the interval depends on today),
   * every link is overdue. */
  g_assert_true (gt_storage_exec (fx->storage, "DELETE FROM visits", &error));
  shortfall = gt_household_report_shortfall (fx->storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shortfall->len, ==, 0);
  g_clear_pointer (&shortfall, g_ptr_array_unref);

  /* no visits yet: every link is overdue, never visited */
  overdue = gt_household_report_overdue (fx->storage, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (overdue->len, ==, links);
  g_assert_cmpint (links, ==, 215 * 7);
  o = overdue->pdata[0];
  g_assert_null (o->last_visit);
  g_assert_cmpint (o->days, ==, -1);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  /* one household fewer: member 1 falls below seven */
  h1 = gt_test_count (fx->storage, "SELECT min (household_id) FROM member_household_links"
                           " WHERE member_id = 1");
  h2 = gt_test_count (fx->storage, "SELECT max (household_id) FROM member_household_links"
                           " WHERE member_id = 1");
  g_assert_true (gt_household_unlink (fx->storage, 1, h2, &error));
  shortfall = gt_household_report_shortfall (fx->storage, &error);
  g_assert_cmpuint (shortfall->len, ==, 1);
  s = shortfall->pdata[0];
  g_assert_cmpint (s->member_id, ==, 1);
  g_assert_cmpint (s->n_links, ==, 6);
  g_assert_cmpstr (s->org_name, ==, "赏石小镇管委会机关党支部");
  g_clear_pointer (&shortfall, g_ptr_array_unref);

  /* a visit today takes that link off the list; one ten days ago does not */
  g_assert_true (gt_household_visit (fx->storage, 1, h1, NULL, NULL, NULL, &error));
  g_assert_true (gt_household_visit (fx->storage, 2, gt_test_count (fx->storage,
                   "SELECT min (household_id) FROM member_household_links WHERE member_id = 2"),
                                     ten_days_ago, NULL, NULL, &error));
  g_assert_no_error (error);
  overdue = gt_household_report_overdue (fx->storage, today, &error);
  g_assert_cmpint (overdue->len, ==, links - 1 - 1);
  for (guint i = 0; i < overdue->len; i++)
    {
      o = overdue->pdata[i];
      g_assert_false (o->member_id == 1 && o->household_id == h1);
    }
  /* never visited first, the visit ten days ago last */
  o = overdue->pdata[overdue->len - 1];
  g_assert_cmpint (o->member_id, ==, 2);
  g_assert_cmpstr (o->last_visit, ==, ten_days_ago);
  g_assert_cmpint (o->days, ==, 10);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  /* as of yesterday, today's visit had not happened yet */
  overdue = gt_household_report_overdue (fx->storage, yesterday, &error);
  g_assert_cmpint (overdue->len, ==, links - 1);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  /* the rules are settings: a longer interval, a higher minimum */
  g_assert_true (gt_rules_set_visit_interval (fx->storage, 10, &error));
  overdue = gt_household_report_overdue (fx->storage, today, &error);
  g_assert_cmpint (overdue->len, ==, links - 1 - 2);
  g_clear_pointer (&overdue, g_ptr_array_unref);
  g_assert_true (gt_rules_set_link_minimum (fx->storage, 8, &error));
  shortfall = gt_household_report_shortfall (fx->storage, &error);
  g_assert_cmpuint (shortfall->len, ==, 215);
  g_assert_cmpint (((GtLinkShortfall *) shortfall->pdata[0])->n_links, ==, 6);

  ASSERT_REFUSED (fx, gt_household_report_overdue (fx->storage, "yesterday", refusal) != NULL,
                  "yesterday");
}

/* Runs @argv and returns its standard output. */
static char *
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_card (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHeartCard) card = NULL;
  g_autoptr (GtMemberRecord) member = gt_member_lookup (fx->storage, "1", &error);
  g_autofree char *pdf = g_build_filename (fx->dir, "连心卡.pdf", NULL);
  g_autofree char *prefix = g_build_filename (fx->dir, "page", NULL);
  g_autofree char *png = g_build_filename (fx->dir, "page-1.png", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "no-such-folder", "card.pdf", NULL);
  g_autofree char *info = NULL, *text = NULL, *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  cairo_surface_t *image;
  guint dark = 0, red = 0, n_files = 0;
  int stride, width, height;
  const guchar *pixels;

  if (pdfinfo == NULL || pdftoppm == NULL)
    {
      g_test_skip ("pdfinfo and pdftoppm (poppler-utils) are needed");
      return;
    }

  card = gt_heart_card_load (fx->storage, 1, "随叫随到", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (card->households->len, ==, 7);
  g_assert_cmpstr (card->phone, ==, member->phone);
  g_assert_true (gt_heart_card_write_pdf (card, pdf, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    info = run (argv);
  }
  g_assert_nonnull (strstr (info, "Pages:           1"));
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts"));
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    if (pdftotext != NULL)
      {
        text = run (argv);
        /* the phone in full, twice (two copies); never the ID number */
        g_assert_nonnull (strstr (text, member->phone));
        g_assert_null (strstr (text, member->id_number));
        g_assert_nonnull (strstr (text, "随叫随到"));
        g_assert_nonnull (strstr (text, member->name));
      }
  }
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "50", pdf, prefix, NULL };
    g_free (run (argv));
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  g_assert_cmpint (ABS (width - 413), <=, 1); /* 8.27 × 11.69 in at 50 dpi */
  g_assert_cmpint (ABS (height - 585), <=, 1);
  stride = cairo_image_surface_get_stride (image);
  pixels = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (pixels + y * stride + 4 * x);
        guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        dark += r + g + b < 3 * 128;
        red += r > 150 && g < 80 && b < 80;
      }
  cairo_surface_destroy (image);
  g_assert_cmpuint (dark, >, 2000);        /* text and lines */
  g_assert_cmpuint (red, >, width * 40);   /* the two red header bands */

  /* a folder that does not exist: refused, nothing left behind */
  g_assert_false (gt_heart_card_write_pdf (card, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "card.pdf"));
  g_clear_error (&error);
  {
    g_autoptr (GDir) dir = g_dir_open (fx->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_false (g_str_has_prefix (name, "."));
        n_files++;
      }
    g_assert_cmpuint (n_files, ==, 5); /* h.db, its WAL and SHM, the card and its picture */
  }

  /* only active members get a card */
  g_clear_pointer (&card, gt_heart_card_free);
  g_assert_true (gt_member_record_event (fx->storage, 1, "exit", NULL, NULL, NULL, &error));
  ASSERT_REFUSED (fx, gt_heart_card_load (fx->storage, 1, NULL, refusal) != NULL,
                  "not an active member");
  ASSERT_REFUSED (fx, gt_heart_card_load (fx->storage, 999999, NULL, refusal) != NULL,
                  "member 999999 does not exist");
}

static void
test_check_after (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  gint64 id = add_household (fx, "方石根");

  g_assert_true (gt_household_link (fx->storage, 5, id, "service", "A", &error));
  g_assert_true (gt_household_visit (fx->storage, 5, id, NULL, NULL, NULL, &error));
  g_assert_true (gt_stats_check (fx->storage, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

#define ADD(name, func) g_test_add ("/household/" name, Fixture, NULL, setup, func, teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("add-update", test_add_update);
  ADD ("add-refused", test_add_refused);
  ADD ("lengths", test_lengths);
  ADD ("link", test_link);
  ADD ("visit", test_visit);
  ADD ("rules", test_rules);
  ADD ("reports", test_reports);
  ADD ("card", test_card);
  ADD ("check", test_check_after);

  return g_test_run ();
}
