/* test-develop-stats.c — transfer letters (out, in, receipts, validity, the three-part A4
 * PDF looked at with pdfinfo and pdftotext) and the annual statistics: every total checked
 * against the member events it came from, and every composition table adding up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gt-develop.h"
#include "gt-member.h"
#include "gt-statistics.h"
#include "gt-test-demo.h"
#include "gt-transfer.h"

typedef GtTestDemo Fixture;
#define query gt_test_count

/* A member whose events all lie before @date (so that events can be recorded on it). */
static gint64
quiet_member (Fixture *fx, const char *before, int skip)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT id FROM members m WHERE status = 'active' AND category = 'full' AND"
    " (SELECT max (date) FROM member_events WHERE member_id = m.id) < '%s'"
    " ORDER BY id LIMIT 1 OFFSET %d", before, skip);
  return query (fx->storage, sql);
}

static char *
run (const char *command)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_transfer_out (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtTransfer) t = NULL;
  g_autofree char *key = NULL, *pdf = NULL, *cmd = NULL, *info = NULL, *text = NULL;
  g_autoptr (GtMemberRecord) m = NULL;
  gint64 member = quiet_member (fx, "2026-01-01", 0), id = 0, id2 = 0;
  gint64 letters = query (fx->storage, "SELECT count(*) FROM transfers");
  GtTransferOutSpec spec = { .to_org = "中共江山市某镇委员会", .date = "2026-01-15" };

  key = g_strdup_printf ("%" G_GINT64_FORMAT, member);
  spec.member = key;
  /* no receiving organisation */
  spec.to_org = "";
  g_assert_false (gt_transfer_out (fx->storage, &spec, &id, &error));
  g_clear_error (&error);
  spec.to_org = "中共江山市某镇委员会";
  g_assert_true (gt_transfer_out (fx->storage, &spec, &id, &error));
  g_assert_no_error (error);
  t = gt_transfer_lookup (fx->storage, id, &error);
  g_assert_nonnull (t);
  g_assert_cmpint (letters, ==, 0);
  g_assert_cmpstr (t->number, ==, "2026-001");
  g_assert_cmpint (t->valid_days, ==, 30);
  g_assert_cmpstr (t->valid_until, ==, "2026-02-14"); /* 15 January + 30 days */
  g_assert_false (gt_transfer_is_overdue (t, "2026-02-14"));
  g_assert_true (gt_transfer_is_overdue (t, "2026-02-15"));
  g_assert_cmpstr (t->direction, ==, "out");

  /* the member left a history, not a gap */
  m = gt_member_lookup (fx->storage, key, &error);
  g_assert_cmpstr (m->status, ==, "transferred_out");
  g_assert_cmpstr (((GtMemberEvent *) m->events->pdata[m->events->len - 1])->kind, ==,
                   "transfer_out");
  g_assert_nonnull (strstr (((GtMemberEvent *) m->events->pdata[m->events->len - 1])->detail,
                            "2026-001"));
  /* not twice */
  g_assert_false (gt_transfer_out (fx->storage, &spec, &id2, &error));
  g_assert_nonnull (strstr (error->message, "not an active member"));
  g_clear_error (&error);
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM transfers"), ==, letters + 1);

  /* the next letter of the year, with its own validity */
  g_free (key);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, quiet_member (fx, "2026-01-01", 0));
  spec.member = key;
  spec.valid_days = 60;
  g_assert_true (gt_transfer_out (fx->storage, &spec, &id2, &error));
  {
    g_autoptr (GtTransfer) t2 = gt_transfer_lookup (fx->storage, id2, NULL);
    g_assert_cmpstr (t2->number, ==, "2026-002");
    g_assert_cmpstr (t2->valid_until, ==, "2026-03-16");
  }

  /* receipts */
  g_assert_false (gt_transfer_receipt (fx->storage, id, "2026-01-14", &error));
  g_assert_nonnull (strstr (error->message, "before the letter's date"));
  g_clear_error (&error);
  g_assert_true (gt_transfer_receipt (fx->storage, id, "2026-02-01", &error));
  g_assert_false (gt_transfer_receipt (fx->storage, id, "2026-02-02", &error));
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  {
    g_autoptr (GPtrArray) open = gt_transfer_list (fx->storage, "out", TRUE, &error);
    g_assert_cmpint (open->len, ==, 1);
    g_assert_cmpint (((GtTransfer *) open->pdata[0])->id, ==, id2);
  }

  /* the letter on A4 */
  pdf = g_build_filename (fx->dir, "letter.pdf", NULL);
  g_assert_true (gt_transfer_letter_write_pdf (t, "青石镇党委", pdf, &error));
  g_assert_no_error (error);
  cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
  info = run (cmd);
  g_assert_nonnull (strstr (info, "Pages:           1"));
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_free (cmd);
  cmd = g_strdup_printf ("pdftotext -layout '%s' -", pdf);
  text = run (cmd);
  g_assert_nonnull (strstr (text, m->name));
  g_assert_nonnull (strstr (text, "2026-001"));
  g_assert_nonnull (strstr (text, "(stub)"));
  g_assert_nonnull (strstr (text, "(receipt)"));
  g_assert_nonnull (strstr (text, "中共江山市某镇委员会"));
  g_assert_nonnull (strstr (text, "青石镇党委"));
}

/* gt_transfer_letter_save (): the letter out as PDF with the office's name on it; an unknown
 * letter is an error and writes no file. */
static void
test_letter_save (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtTransfer) t = NULL;
  g_autofree char *key = NULL, *pdf = NULL, *missing = NULL, *office = NULL, *bytes = NULL;
  g_autofree char *cmd = NULL, *text = NULL;
  GtTransferOutSpec spec = { .to_org = "中共江山市某镇委员会", .date = "2026-01-15" };
  gint64 id = 0;
  gsize length = 0;

  key = g_strdup_printf ("%" G_GINT64_FORMAT, quiet_member (fx, "2026-01-01", 0));
  spec.member = key;
  g_assert_true (gt_transfer_out (fx->storage, &spec, &id, &error));
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (fx->storage, "office_name", "青石镇党委", &error));
  g_assert_no_error (error);
  t = gt_transfer_lookup (fx->storage, id, &error);
  g_assert_no_error (error);
  office = gt_transfer_letter_office (fx->storage, t);
  g_assert_cmpstr (office, ==, "青石镇党委");

  pdf = g_build_filename (fx->dir, "saved letter.pdf", NULL);
  g_assert_true (gt_transfer_letter_save (fx->storage, id, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (bytes, "%PDF", 4) == 0);
  cmd = g_strdup_printf ("pdftotext '%s' -", pdf);
  text = run (cmd);
  g_assert_nonnull (strstr (text, "青石镇党委"));
  g_assert_nonnull (strstr (text, t->number));
  g_unlink (pdf);

  missing = g_build_filename (fx->dir, "missing.pdf", NULL);
  g_assert_false (gt_transfer_letter_save (fx->storage, id + 1000, missing, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_transfer_in (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 member = quiet_member (fx, "2026-01-01", 0), id = 0;
  gint64 members = query (fx->storage, "SELECT count(*) FROM members");
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, member);
  GtTransferOutSpec out = { .member = key, .to_org = "外县党委", .date = "2026-01-15" };
  GtTransferInSpec in = { .number = "JS-2026-17", .from_org = "外县党委",
                          .to_org = "青石村党支部", .issued_on = "2026-03-01",
                          .received_on = "2026-04-01", .member = key };

  g_assert_true (gt_transfer_out (fx->storage, &out, NULL, &error));
  /* 1 March + 30 days = 31 March: received on 1 April the letter has expired */
  g_assert_false (gt_transfer_in (fx->storage, &in, &id, &error));
  g_assert_nonnull (strstr (error->message, "2026-03-31"));
  g_clear_error (&error);
  in.received_on = "2026-03-31";
  g_assert_true (gt_transfer_in (fx->storage, &in, &id, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtMemberRecord) m = gt_member_lookup (fx->storage, key, &error);
    g_assert_cmpstr (m->status, ==, "active");
    g_assert_cmpstr (m->org_name, ==, "青石村党支部");
  }
  /* a new member with a letter in */
  in = (GtTransferInSpec) { .number = "JS-2026-18", .from_org = "外县党委",
                            .to_org = "青石村党支部", .issued_on = "2026-03-01",
                            .received_on = "2026-03-10", .name = "胡新来", .gender = "男",
                            .join_date = "2010-07-01", .full_date = "2011-07-01",
                            .dues_paid_to = "2026-13" };
  g_assert_false (gt_transfer_in (fx->storage, &in, &id, &error));
  g_assert_nonnull (strstr (error->message, "2026-13"));
  g_clear_error (&error);
  in.dues_paid_to = "2026-02";
  g_assert_true (gt_transfer_in (fx->storage, &in, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM members"), ==, members + 1);
  {
    g_autoptr (GtTransfer) t = gt_transfer_lookup (fx->storage, id, &error);
    g_assert_cmpstr (t->direction, ==, "in");
    g_assert_cmpstr (t->receipt_on, ==, "2026-03-10");
    g_assert_cmpstr (t->dues_paid_to, ==, "2026-02");
    g_assert_cmpstr (t->to_org, ==, "青石村党支部");
  }
  /* the same letter twice */
  in.name = "胡新来二";
  g_assert_false (gt_transfer_in (fx->storage, &in, &id, &error));
  g_assert_nonnull (strstr (error->message, "already recorded"));
  g_clear_error (&error);
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM members"), ==, members + 1);
}

/* The ledger of the life area may be there; when it is not, a letter's dues stay blank. */
static void
test_dues (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 member = quiet_member (fx, "2026-01-01", 0);
  g_autofree char *month = NULL, *sql = NULL;
  gboolean ledger = query (fx->storage, "SELECT count(*) FROM sqlite_master WHERE name = "
                                        "'dues_payments'") > 0;

  month = gt_transfer_dues_paid_to (fx->storage, member);
  if (!ledger)
    {
      g_assert_cmpstr (month, ==, "");
      g_assert_true (gt_storage_exec (fx->storage,
                                      "CREATE TABLE dues_payments (member_id INTEGER, month TEXT,"
                                      " amount_fen INTEGER)", &error));
      sql = g_strdup_printf ("INSERT INTO dues_payments VALUES (%" G_GINT64_FORMAT ", '2025-11',"
                             " 300), (%" G_GINT64_FORMAT ", '2025-12', 300)", member, member);
      g_assert_true (gt_storage_exec (fx->storage, sql, &error));
      g_free (month);
      month = gt_transfer_dues_paid_to (fx->storage, member);
      g_assert_cmpstr (month, ==, "2025-12");
    }
  else
    g_test_message ("the dues ledger exists: %s", month);
}

/* ---- statistics ---- */

/* The members in the register at the end of @date, from the events alone (no letters in). */
static gint64
in_register (Fixture *fx, const char *date)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM members m WHERE (SELECT kind FROM member_events WHERE member_id = m.id"
    " AND date <= '%s' ORDER BY date DESC, id DESC LIMIT 1) IN ('admission', 'full_membership',"
    " 'transfer_in')", date);
  return query (fx->storage, sql);
}

static gint64
events_in (Fixture *fx, const char *kind, int year)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM member_events e WHERE kind = '%s' AND date LIKE '%d-%%' AND NOT EXISTS"
    " (SELECT 1 FROM member_events f WHERE f.member_id = e.member_id AND f.date = e.date AND"
    " f.kind IN ('transfer_in', 'transfer_out') AND f.kind <> e.kind)", kind, year);
  return query (fx->storage, sql);
}

static void
check_adds_up (const GtStatistics *s)
{
  int adds = 0, reds = 0;
  const GtStatTable *counts = gt_statistics_find_table (s, "counts");
  g_autoptr (GHashTable) end = g_hash_table_new (g_int64_hash, g_int64_equal);
  const GtStatRow *end_row = gt_statistics_find_row (counts, "end");

  for (guint i = 0; i < counts->rows->len; i++)
    {
      GtStatRow *r = counts->rows->pdata[i];
      if (g_str_has_prefix (r->code, "add_"))
        adds += r->persons->len;
      else if (g_str_has_prefix (r->code, "red_"))
        reds += r->persons->len;
    }
  g_assert_cmpint (s->end, ==, s->start + adds - reds);
  for (guint i = 0; i < end_row->persons->len; i++)
    g_hash_table_add (end, &((GtStatPerson *) end_row->persons->pdata[i])->member_id);
  for (guint i = 0; i < s->tables->len; i++)
    {
      GtStatTable *t = s->tables->pdata[i];
      int sum = 0;

      if (!t->sums_to_end)
        continue;
      for (guint j = 0; j < t->rows->len; j++)
        {
          GtStatRow *r = t->rows->pdata[j];
          sum += r->persons->len;
          /* every name of a composition row is one of the year-end members */
          for (guint k = 0; k < r->persons->len; k++)
            g_assert_true (g_hash_table_contains (
              end, &((GtStatPerson *) r->persons->pdata[k])->member_id));
        }
      if (sum != s->end)
        g_error ("table %s adds up to %d, not %d", t->code, sum, s->end);
    }
}

static void
record (Fixture *fx, gint64 id, const char *kind, const char *date, const char *org)
{
  g_autoptr (GError) error = NULL;

  gt_member_record_event (fx->storage, id, kind, date, org, NULL, &error);
  g_assert_no_error (error);
}

static void
test_statistics (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStatistics) before = gt_statistics_compute (fx->storage, 2025, &error);
  g_autoptr (GtStatistics) after = NULL;
  gint64 dead = quiet_member (fx, "2025-01-01", 0), left = quiet_member (fx, "2025-01-01", 1);
  gint64 moved = quiet_member (fx, "2025-01-01", 2), gone = quiet_member (fx, "2025-01-01", 3);
  g_autofree char *gone_key = g_strdup_printf ("%" G_GINT64_FORMAT, gone);
  GtTransferOutSpec out = { .member = gone_key, .to_org = "外县党委", .date = "2025-05-05" };
  GtTransferInSpec in = { .number = "W-1", .from_org = "外县党委", .to_org = "青石村党支部",
                          .issued_on = "2025-06-01", .received_on = "2025-06-10",
                          .name = "来自外县", .gender = "女", .join_date = "2001-07-01",
                          .full_date = "2002-07-01" };
  g_autoptr (GtStatistics) y2024 = NULL;

  g_assert_no_error (error);
  check_adds_up (before);
  /* the totals against the events: start and end from the latest event before the day */
  g_assert_cmpint (before->start, ==, in_register (fx, "2024-12-31"));
  g_assert_cmpint (before->end, ==, in_register (fx, "2025-12-31"));
  g_assert_cmpint (gt_statistics_count (before, "counts", "add_admission"), ==,
                   events_in (fx, "admission", 2025));
  g_assert_cmpint (gt_statistics_count (before, "development", "full"), ==,
                   events_in (fx, "full_membership", 2025));
  y2024 = gt_statistics_compute (fx->storage, 2024, &error);
  g_assert_cmpint (y2024->end, ==, before->start);

  /* one death, one exit, one move inside, one transfer out, one member in with a letter */
  record (fx, dead, "death", "2025-03-01", NULL);
  record (fx, left, "exit", "2025-04-01", NULL);
  g_assert_true (gt_member_transfer (fx->storage, moved, "砚瓦山村党支部", "2025-04-15", NULL,
                                     &error));
  g_assert_true (gt_transfer_out (fx->storage, &out, NULL, &error));
  g_assert_true (gt_transfer_in (fx->storage, &in, NULL, &error));
  g_assert_no_error (error);

  after = gt_statistics_compute (fx->storage, 2025, &error);
  g_assert_no_error (error);
  check_adds_up (after);
  g_assert_cmpint (after->start, ==, before->start);
  g_assert_cmpint (after->end, ==, before->end - 3 + 1);
  g_assert_cmpint (gt_statistics_count (after, "counts", "red_death"), ==,
                   gt_statistics_count (before, "counts", "red_death") + 1);
  g_assert_cmpint (gt_statistics_count (after, "counts", "red_death"), ==,
                   events_in (fx, "death", 2025));
  g_assert_cmpint (gt_statistics_count (after, "counts", "red_exit"), ==,
                   events_in (fx, "exit", 2025));
  g_assert_cmpint (gt_statistics_count (after, "counts", "red_transfer_out"), ==,
                   events_in (fx, "transfer_out", 2025));
  g_assert_cmpint (gt_statistics_count (after, "counts", "red_transfer_out"), ==, 1);
  /* the member in with a letter: added by transfer, though admitted in 2001 */
  g_assert_cmpint (gt_statistics_count (after, "counts", "add_transfer_in"), ==, 1);
  g_assert_cmpstr (((GtStatPerson *) gt_statistics_find_row (
                      gt_statistics_find_table (after, "counts"), "add_transfer_in")
                      ->persons->pdata[0])->name, ==, "来自外县");
  g_assert_cmpint (gt_statistics_count (after, "counts", "add_admission"), ==,
                   gt_statistics_count (before, "counts", "add_admission"));
  g_assert_cmpint (gt_statistics_count (after, "moves", "move"), ==, 1);
  {
    /* women: one came in; those of the three who left no longer count */
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM members WHERE gender = 'F' AND id IN (%" G_GINT64_FORMAT ", %"
      G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", dead, left, gone);
    g_assert_cmpint (gt_statistics_count (after, "gender", "F"), ==,
                     gt_statistics_count (before, "gender", "F") + 1 - query (fx->storage, sql));
  }
  /* the year before is untouched */
  {
    g_autoptr (GtStatistics) again = gt_statistics_compute (fx->storage, 2024, &error);
    g_assert_cmpint (again->end, ==, y2024->end);
    g_assert_cmpint (again->start, ==, y2024->start);
  }
  g_assert_false (gt_statistics_compute (fx->storage, 1899, &error) != NULL);
  g_clear_error (&error);
}

static void
test_statistics_output (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStatistics) s = gt_statistics_compute (fx->storage, 2026, &error);
  g_autofree char *pdf = g_build_filename (fx->dir, "stats.pdf", NULL);
  g_autofree char *cmd = NULL, *info = NULL, *text = NULL;
  xmlDocPtr doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root, table, row;
  int n_tables = 0;

  g_assert_no_error (error);
  root = gt_statistics_to_xml (s, doc, TRUE);
  xmlDocSetRootElement (doc, root);
  g_assert_cmpstr ((char *) root->name, ==, "statistics");
  for (table = root->children; table != NULL; table = table->next)
    {
      xmlChar *code = xmlGetProp (table, BAD_CAST "code");

      n_tables++;
      for (row = table->children; row != NULL; row = row->next)
        {
          xmlChar *rc = xmlGetProp (row, BAD_CAST "code"), *count = xmlGetProp (row, BAD_CAST "count");
          int persons = 0;

          for (xmlNodePtr p = row->children; p != NULL; p = p->next)
            persons++;
          /* the number and the names behind it agree */
          g_assert_cmpint (atoi ((char *) count), ==, persons);
          g_assert_cmpint (atoi ((char *) count), ==,
                           gt_statistics_count (s, (char *) code, (char *) rc));
          xmlFree (rc);
          xmlFree (count);
        }
      xmlFree (code);
    }
  g_assert_cmpint (n_tables, ==, (int) s->tables->len);
  xmlFreeDoc (doc);

  g_assert_true (gt_statistics_write_pdf (s, pdf, &error));
  g_assert_no_error (error);
  cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
  info = run (cmd);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_free (cmd);
  cmd = g_strdup_printf ("pdftotext '%s' -", pdf);
  text = run (cmd);
  g_assert_nonnull (strstr (text, "Party statistics 2026"));
  g_assert_nonnull (strstr (text, "At the end of this year"));
  /* the secretary of the first branch is in the name lists */
  g_assert_nonnull (strstr (text, "徐卫东"));
}

/* 整转 inside the township moves members between branches: no total changes, the moves are
 * listed; the composition by organisation level follows the new branch. */
static void
test_statistics_whole_branch (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStatistics) before = gt_statistics_compute (fx->storage, 2026, &error);
  g_autoptr (GtStatistics) after = NULL;
  gint64 n = query (fx->storage, "SELECT count(*) FROM members m JOIN organizations o ON"
                                 " o.id = m.org_id WHERE o.name = '江源村党支部'"
                                 " AND m.status = 'active'");
  guint moved = 0;

  g_assert_true (gt_member_transfer_all (fx->storage, "江源村党支部", "青石镇卫生院党支部",
                                         "2026-11-15", &moved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (moved, ==, n);
  after = gt_statistics_compute (fx->storage, 2026, &error);
  check_adds_up (after);
  g_assert_cmpint (after->end, ==, before->end);
  g_assert_cmpint (gt_statistics_count (after, "counts", "red_transfer_out"), ==,
                   gt_statistics_count (before, "counts", "red_transfer_out"));
  g_assert_cmpint (gt_statistics_count (after, "counts", "red_whole_branch_out"), ==, 0);
  g_assert_cmpint (gt_statistics_count (after, "moves", "whole_branch_move"), ==, (int) n);
  /* the village branch's members now count with the township-level organisations */
  g_assert_cmpint (gt_statistics_count (after, "level", "village"), ==,
                   gt_statistics_count (before, "level", "village") - (int) n);
  g_assert_cmpint (gt_statistics_count (after, "level", "township"), ==,
                   gt_statistics_count (before, "level", "township") + (int) n);
}

#define ADD(name, func) \
  g_test_add ("/develop/" name, Fixture, GUINT_TO_POINTER (7), gt_test_demo_setup, func, \
              gt_test_demo_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("transfer-out", test_transfer_out);
  ADD ("transfer-in", test_transfer_in);
  ADD ("letter-save", test_letter_save);
  ADD ("dues", test_dues);
  ADD ("statistics", test_statistics);
  ADD ("statistics-output", test_statistics_output);
  ADD ("statistics-whole-branch", test_statistics_whole_branch);
  return g_test_run ();
}
