/* test-household-query.c — the household register one page at a time (gt_household_search,
 * gt_household_count) with its village, text and report filters, and the villages
 *
 * Each filter is checked against the functions that already existed: gt_household_list and
 * the two reports of 党员联户.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-household.h"
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

  fx->dir = g_dir_make_tmp ("guatu-household-query-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "q.db", NULL);
  fx->storage = gt_test_demo_create (fx->path, 5);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  g_clear_object (&fx->storage);
  d = g_dir_open (fx->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (fx->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static gint64
count (GtStorage *storage, const GtHouseholdFilter *filter)
{
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (gt_household_count (storage, filter, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* The ids of all matching households, read in pages of @page_size. */
static GArray *
ids_by_pages (GtStorage *storage, const GtHouseholdFilter *filter, guint page_size)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gint64 offset = 0;; offset += page_size)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) rows = gt_household_search (storage, filter, offset, page_size,
                                                        &error);

      g_assert_no_error (error);
      g_assert_nonnull (rows);
      g_assert_cmpuint (rows->len, <=, page_size);
      for (guint i = 0; i < rows->len; i++)
        g_array_append_val (ids, ((GtHouseholdRow *) rows->pdata[i])->id);
      if (rows->len < page_size)
        break;
    }
  return ids;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Whether the sorted, distinct @expected equal the ids in @ids (which come in register
 * order, so are sorted already). */
static void
assert_same_ids (GArray *ids, GHashTable *expected)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (expected);
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GList *l = keys; l != NULL; l = l->next)
    g_array_append_val (want, *(gint64 *) l->data);
  g_array_sort (want, compare_ids);
  g_assert_cmpuint (ids->len, ==, want->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (want, gint64, i));
}

static void
test_all_in_pages (Fixture *fx, gconstpointer data)
{
  g_autoptr (GPtrArray) all = gt_household_list (fx->storage, NULL, NULL);
  g_autoptr (GPtrArray) everything = gt_household_search (fx->storage, NULL, 0, 0, NULL);
  g_autoptr (GPtrArray) beyond = gt_household_search (fx->storage, NULL, 5000, 10, NULL);
  g_autoptr (GArray) ids = ids_by_pages (fx->storage, NULL, 97);
  g_autoptr (GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_assert_cmpint (count (fx->storage, NULL), ==, 1505);
  g_assert_cmpuint (all->len, ==, 1505);
  g_assert_cmpuint (everything->len, ==, 1505);
  g_assert_cmpuint (beyond->len, ==, 0);
  for (guint i = 0; i < all->len; i++)
    g_hash_table_add (expected, &((GtHousehold *) all->pdata[i])->id);
  assert_same_ids (ids, expected);

  /* each row as gt_household_lookup sees the household */
  for (guint i = 0; i < everything->len; i += 150)
    {
      GtHouseholdRow *row = everything->pdata[i];
      g_autoptr (GtHousehold) h = gt_household_lookup (fx->storage, row->id, NULL);

      g_assert_cmpstr (row->head_name, ==, h->head_name);
      g_assert_cmpstr (row->village, ==, h->village);
      g_assert_cmpstr (row->grid, ==, h->grid);
      g_assert_cmpstr (row->address, ==, h->address);
      g_assert_cmpint (row->size, ==, h->size);
      g_assert_cmpint (row->n_links, ==, h->links->len);
      {
        /* the demo's visits (gt-demo-visits.c): the newest of any linked member */
        sqlite3_stmt *stmt = gt_storage_prepare (fx->storage, "SELECT max (date) FROM visits"
                                                 " WHERE household_id = ?", NULL);

        sqlite3_bind_int64 (stmt, 1, row->id);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr (row->last_visit, ==, (const char *) sqlite3_column_text (stmt, 0));
        sqlite3_reset (stmt);
      }
    }
}

static void
test_villages (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) villages = gt_village_list (fx->storage, &error);
  gint64 sum = 0, n = 42;
  GtHouseholdFilter unknown = { .village = "桃花源" };

  g_assert_no_error (error);
  g_assert_cmpuint (villages->len, ==, 6);
  g_assert_cmpstr (villages->pdata[0], ==, "青石村");
  for (guint i = 0; i < villages->len; i++)
    {
      GtHouseholdFilter filter = { .village = villages->pdata[i] };
      g_autoptr (GPtrArray) listed = gt_household_list (fx->storage, villages->pdata[i], NULL);
      g_autoptr (GPtrArray) rows = gt_household_search (fx->storage, &filter, 0, 0, NULL);
      gint64 n_village = count (fx->storage, &filter);

      g_assert_cmpint (n_village, ==, listed->len);
      g_assert_cmpuint (rows->len, ==, listed->len);
      for (guint j = 0; j < rows->len; j++)
        g_assert_cmpstr (((GtHouseholdRow *) rows->pdata[j])->village, ==, villages->pdata[i]);
      sum += n_village;
    }
  g_assert_cmpint (sum, ==, 1505);

  /* an unknown village is refused, not taken for "all" */
  g_assert_false (gt_household_count (fx->storage, &unknown, &n, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_cmpint (n, ==, 0);
  g_clear_error (&error);
  g_assert_null (gt_household_search (fx->storage, &unknown, 0, 10, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
}

static void
test_text (Fixture *fx, gconstpointer data)
{
  g_autoptr (GPtrArray) all = gt_household_list (fx->storage, NULL, NULL);
  GtHousehold *first = all->pdata[0];
  g_autofree char *surname = g_utf8_substring (first->head_name, 0, 1);
  g_autofree char *road = g_utf8_substring (first->address, 0, 2);
  const char *const texts[] = { surname, road, first->head_name, "不存在的名字" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      GtHouseholdFilter filter = { .text = texts[t] };
      g_autoptr (GArray) ids = ids_by_pages (fx->storage, &filter, 64);
      g_autoptr (GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < all->len; i++)
        {
          GtHousehold *h = all->pdata[i];
          if (strstr (h->head_name, texts[t]) != NULL || strstr (h->address, texts[t]) != NULL)
            g_hash_table_add (expected, &h->id);
        }
      g_assert_cmpint (count (fx->storage, &filter), ==, g_hash_table_size (expected));
      assert_same_ids (ids, expected);
      if (t < 3)
        g_assert_cmpuint (ids->len, >, 0);
      else
        g_assert_cmpuint (ids->len, ==, 0);
    }

  /* text and village together */
  {
    GtHouseholdFilter filter = { .text = surname, .village = first->village };
    g_autoptr (GPtrArray) rows = gt_household_search (fx->storage, &filter, 0, 0, NULL);

    g_assert_cmpuint (rows->len, >, 0);
    g_assert_cmpint (count (fx->storage, &filter), ==, rows->len);
    for (guint i = 0; i < rows->len; i++)
      {
        GtHouseholdRow *row = rows->pdata[i];
        g_assert_cmpstr (row->village, ==, first->village);
        g_assert_true (strstr (row->head_name, surname) || strstr (row->address, surname));
      }
  }
}

static void
test_shortfall (Fixture *fx, gconstpointer data)
{
  GtHouseholdFilter filter = { .report = GT_HOUSEHOLD_REPORT_SHORTFALL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) shortfall = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GHashTable) expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  gint64 member = 0;

  /* every demo member links seven households: nobody is short */
  g_assert_cmpint (count (fx->storage, &filter), ==, 0);

  /* one member unlinks a household: the six left are listed, the unlinked one not */
  {
    g_autoptr (GPtrArray) rows = gt_household_search (fx->storage, NULL, 0, 1, NULL);
    g_autoptr (GtHousehold) h = gt_household_lookup (fx->storage,
                                                     ((GtHouseholdRow *) rows->pdata[0])->id,
                                                     NULL);
    member = ((GtHouseholdLink *) h->links->pdata[0])->member_id;
    g_assert_true (gt_household_unlink (fx->storage, member, h->id, &error));
    g_assert_no_error (error);
  }
  /* and with a minimum of eight, every linked household of an active member */
  for (int minimum = 7; minimum <= 8; minimum++)
    {
      g_assert_true (gt_rules_set_link_minimum (fx->storage, minimum, &error));
      shortfall = gt_household_report_shortfall (fx->storage, &error);
      g_assert_no_error (error);
      g_hash_table_remove_all (expected);
      for (guint i = 0; i < shortfall->len; i++)
        {
          GtLinkShortfall *s = shortfall->pdata[i];
          g_autoptr (GPtrArray) links = gt_member_links (fx->storage, s->member_id, NULL);

          for (guint j = 0; j < links->len; j++)
            g_hash_table_add (expected,
                              g_memdup2 (&((GtMemberLink *) links->pdata[j])->household_id,
                                         sizeof (gint64)));
        }
      ids = ids_by_pages (fx->storage, &filter, 100);
      g_assert_cmpint (count (fx->storage, &filter), ==, ids->len);
      assert_same_ids (ids, expected);
      if (minimum == 7)
        g_assert_cmpuint (ids->len, ==, 6);
      else
        g_assert_cmpuint (ids->len, >, 1400);
      g_clear_pointer (&shortfall, g_ptr_array_unref);
      g_clear_pointer (&ids, g_array_unref);
    }
}

static void
test_overdue (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = gt_household_search (fx->storage, NULL, 0, 3, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtHouseholdFilter filter = { .report = GT_HOUSEHOLD_REPORT_OVERDUE };
  GtHouseholdFilter bad = { .report = GT_HOUSEHOLD_REPORT_OVERDUE, .as_of = "2024-02-30" };
  gint64 n = 0;

  /* Without the demo's visits (they end in November 2026: which are within the interval
   * depends on today), every household with a link is overdue. */
  g_assert_true (gt_storage_exec (fx->storage, "DELETE FROM visits", &error));
  g_assert_cmpint (count (fx->storage, &filter), ==, 1505);

  /* visit three households today: they drop out, and show the visit as their last */
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = ((GtHouseholdRow *) rows->pdata[i])->id;
      g_autoptr (GtHousehold) h = gt_household_lookup (fx->storage, id, NULL);

      for (guint j = 0; j < h->links->len; j++)
        {
          g_assert_true (gt_household_visit (fx->storage,
                                             ((GtHouseholdLink *) h->links->pdata[j])->member_id,
                                             id, NULL, "走访", NULL, &error));
          g_assert_no_error (error);
        }
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = gt_household_search (fx->storage, NULL, 0, 3, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (((GtHouseholdRow *) rows->pdata[i])->last_visit, ==, today);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr (GPtrArray) overdue = gt_household_report_overdue (fx->storage, filter.as_of,
                                                                   &error);
      g_autoptr (GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr (GArray) ids = ids_by_pages (fx->storage, &filter, 200);

      g_assert_no_error (error);
      for (guint i = 0; i < overdue->len; i++)
        g_hash_table_add (expected, &((GtOverdueVisit *) overdue->pdata[i])->household_id);
      assert_same_ids (ids, expected);
      /* today three are up to date; a year on, all are overdue again */
      g_assert_cmpuint (ids->len, ==, pass == 0 ? 1502 : 1505);
      filter.as_of = "2099-01-01";
    }

  g_assert_false (gt_household_count (fx->storage, &bad, &n, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/household-query/" name, Fixture, NULL, setup, func, teardown)
  ADD ("all-in-pages", test_all_in_pages);
  ADD ("villages", test_villages);
  ADD ("text", test_text);
  ADD ("shortfall", test_shortfall);
  ADD ("overdue", test_overdue);
#undef ADD
  return g_test_run ();
}
