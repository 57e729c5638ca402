/* gt-dues-arrears.c — who is behind with their dues, yearly summaries, paid rates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gt-dues.h"
#include "gt-life.h"
#include "gt-registers.h"

void
gt_dues_arrears_free (GtDuesArrears *arrears)
{
  if (arrears == NULL)
    return;
  g_free (arrears->member_name);
  g_free (arrears->org_name);
  g_free (arrears->last_paid);
  g_free (arrears);
}

char *
gt_dues_arrears_owed_text (const GtDuesArrears *arrears)
{
  g_autofree char *owed = gt_fen_format (arrears->owed_fen);
  int n = arrears->months_no_base;

  if (n == 0)
    return g_steal_pointer (&owed);
  if (arrears->owed_fen == 0)
    return g_strdup (_("no dues base"));
  return g_strdup_printf (ngettext ("%s + %d month without a dues base",
                                    "%s + %d months without a dues base", n), owed, n);
}

void
gt_dues_summary_free (GtDuesSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->org_name);
  g_free (summary);
}

static int
month_index (const char *month)
{
  return atoi (month) * 12 + atoi (month + 5) - 1;
}

static char *
month_name (int index)
{
  return g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1);
}

/* The first month dues are counted from: dues.since, else the earliest month paid;
 * NULL when neither exists (nothing is owed before records start). */
static char *
dues_since (GtStorage *storage, GError **error)
{
  char *since = gt_storage_get_meta (storage, "dues.since");
  sqlite3_stmt *stmt;
  int rc;

  if (gt_month_is_valid (since))
    return since;
  g_free (since);
  since = NULL;
  stmt = gt_storage_prepare (storage, "SELECT min (month) FROM dues_payments", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    since = GT_COLUMN_TEXT (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    gt_storage_set_error (storage, error, _("reading"));
  return since;
}

typedef struct
{
  gint64 id;
  char *name;
  gint64 org_id;
  char *org_name;
  char *join_month;
} Member;

static void
member_free (gpointer data)
{
  Member *m = data;

  g_free (m->name);
  g_free (m->org_name);
  g_free (m->join_month);
  g_free (m);
}

static gpointer
read_member (sqlite3_stmt *stmt)
{
  Member *m = g_new0 (Member, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->name = GT_COLUMN_TEXT (stmt, 1);
  m->org_id = sqlite3_column_int64 (stmt, 2);
  m->org_name = GT_COLUMN_TEXT (stmt, 3);
  m->join_month = GT_COLUMN_TEXT (stmt, 4);
  return m;
}

typedef struct
{
  GPtrArray *members;    /* of Member */
  GHashTable *paid;      /* "member/YYYY-MM" set */
  GHashTable *last_paid; /* member id (boxed) → YYYY-MM */
  int since, as_of;      /* month indexes */
} Window;

static void
window_clear (Window *w)
{
  g_clear_pointer (&w->members, g_ptr_array_unref);
  g_clear_pointer (&w->paid, g_hash_table_unref);
  g_clear_pointer (&w->last_paid, g_hash_table_unref);
}

/* Loads the active members (of @org_id, 0 for all) and the payments from @since to @as_of. */
static gboolean
window_load (GtStorage *storage, gint64 org_id, const char *since, const char *as_of, Window *w,
             GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  w->since = month_index (since);
  w->as_of = month_index (as_of);
  stmt = gt_storage_prepare (
    storage,
    "SELECT m.id, m.name, m.org_id, o.name, substr (coalesce (m.join_date, ''), 1, 7)"
    " FROM members m JOIN organizations o ON o.id = m.org_id"
    " WHERE m.status = 'active' AND (?1 = 0 OR m.org_id = ?1) ORDER BY m.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org_id);
  w->members = gt_storage_collect (storage, stmt, read_member, member_free, error);
  if (w->members == NULL)
    return FALSE;

  w->paid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->last_paid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  stmt = gt_storage_prepare (storage,
                             "SELECT member_id, month FROM dues_payments WHERE month <= ?"
                             " ORDER BY member_id, month", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *month = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_add (w->paid, g_strdup_printf ("%" G_GINT64_FORMAT "/%s", id, month));
      g_hash_table_insert (w->last_paid, g_memdup2 (&id, sizeof id), g_strdup (month));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
window_paid (Window *w, gint64 member_id, int index)
{
  g_autofree char *month = month_name (index);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", member_id, month);

  return g_hash_table_contains (w->paid, key);
}

/* The first month a member owes dues in: the later of the window start and joining. */
static int
window_start (Window *w, const Member *m)
{
  if (m->join_month != NULL && gt_month_is_valid (m->join_month))
    return MAX (w->since, month_index (m->join_month));
  return w->since;
}

static gint
compare_arrears (gconstpointer a, gconstpointer b)
{
  const GtDuesArrears *x = *(GtDuesArrears *const *) a, *y = *(GtDuesArrears *const *) b;

  if (x->consecutive != y->consecutive)
    return y->consecutive - x->consecutive;
  if (x->months_unpaid != y->months_unpaid)
    return y->months_unpaid - x->months_unpaid;
  return x->member_id < y->member_id ? -1 : x->member_id > y->member_id;
}

char *
gt_dues_last_due_month (const char *today)
{
  g_autofree char *now = gt_month_of (today);

  /* a month's dues are paid within the month: it is owed once it is over */
  return gt_month_add (now, -1);
}

GPtrArray *
gt_dues_arrears (GtStorage *storage, const char *as_of, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_dues_arrears_free);
  g_autofree char *since = NULL, *last_due = gt_dues_last_due_month (NULL);
  int warning = gt_dues_setting_int (storage, "dues.arrears_warning", 3);
  int rule = gt_dues_setting_int (storage, "dues.arrears_rule", 6);
  Window w = { 0 };
  gboolean ok = TRUE;

  if (as_of != NULL && !gt_month_is_valid (as_of))
    {
      gt_storage_refuse (storage, error, _("months are written YYYY-MM, not “%s”"), as_of);
      return NULL;
    }
  /* months not yet due are no arrears, whatever the caller asks for */
  if (as_of == NULL || strcmp (as_of, last_due) > 0)
    as_of = last_due;
  since = dues_since (storage, error);
  if (since == NULL)
    return error != NULL && *error != NULL ? NULL : g_steal_pointer (&list);
  if (!window_load (storage, 0, since, as_of, &w, error))
    {
      window_clear (&w);
      return NULL;
    }
  for (guint i = 0; ok && i < w.members->len; i++)
    {
      const Member *m = w.members->pdata[i];
      int start = window_start (&w, m), unpaid = 0, consecutive = 0;
      gboolean run = TRUE;
      gint64 owed = 0;
      int no_base = 0;
      GtDuesArrears *a;
      const char *last;

      for (int index = w.as_of; index >= start; index--)
        {
          if (window_paid (&w, m->id, index))
            {
              run = FALSE;
              continue;
            }
          unpaid++;
          if (run)
            consecutive++;
          {
            g_autofree char *month = month_name (index);
            g_autoptr (GError) local = NULL;
            gint64 dues = 0;

            if (gt_dues_for_month (storage, m->id, month, &dues, &local))
              owed += dues;
            else if (g_error_matches (local, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT))
              no_base++;
            else
              {
                g_propagate_error (error, g_steal_pointer (&local));
                ok = FALSE;
                break;
              }
          }
        }
      if (!ok || unpaid == 0)
        continue;
      a = g_new0 (GtDuesArrears, 1);
      a->member_id = m->id;
      a->member_name = g_strdup (m->name);
      a->org_id = m->org_id;
      a->org_name = g_strdup (m->org_name);
      last = g_hash_table_lookup (w.last_paid, &m->id);
      a->last_paid = g_strdup (last);
      a->months_unpaid = unpaid;
      a->consecutive = consecutive;
      a->owed_fen = owed;
      a->months_no_base = no_base;
      a->warning = consecutive >= warning;
      a->rule = consecutive >= rule;
      g_ptr_array_add (list, a);
    }
  window_clear (&w);
  if (!ok)
    return NULL;
  g_ptr_array_sort (list, compare_arrears);
  return g_steal_pointer (&list);
}

static gpointer
read_summary (sqlite3_stmt *stmt)
{
  GtDuesSummary *s = g_new0 (GtDuesSummary, 1);

  s->org_id = sqlite3_column_int64 (stmt, 0);
  s->org_name = GT_COLUMN_TEXT (stmt, 1);
  s->members = sqlite3_column_int64 (stmt, 2);
  s->payments = sqlite3_column_int64 (stmt, 3);
  s->total_fen = sqlite3_column_int64 (stmt, 4);
  return s;
}

GPtrArray *
gt_dues_summary (GtStorage *storage, int year, GError **error)
{
  g_autofree char *first = g_strdup_printf ("%04d-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12", year);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT coalesce (p.org_id, 0), coalesce (o.name, ''), count (DISTINCT p.member_id),"
    " count (*), sum (p.amount_fen) FROM dues_payments p"
    " LEFT JOIN organizations o ON o.id = p.org_id WHERE p.month BETWEEN ? AND ?"
    " GROUP BY p.org_id", error);
  g_autoptr (GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  list = gt_storage_collect (storage, stmt, read_summary, (GDestroyNotify) gt_dues_summary_free,
                             error);
  if (list == NULL ||
      !gt_org_sort_items (storage, list, G_STRUCT_OFFSET (GtDuesSummary, org_id), error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
gt_dues_paid_rate (GtStorage *storage, gint64 org_id, const char *from_month,
                   const char *to_month, double *rate, GError **error)
{
  g_autofree char *since = NULL, *limit = gt_dues_last_due_month (NULL);
  const char *to;
  Window w = { 0 };
  gint64 paid = 0, unpaid = 0;
  sqlite3_stmt *stmt;
  int rc, first;

  g_return_val_if_fail (rate != NULL, FALSE);
  if (!gt_month_is_valid (from_month) || !gt_month_is_valid (to_month) ||
      strcmp (from_month, to_month) > 0)
    return gt_storage_refuse (storage, error, _("expected two months YYYY-MM in order, not “%s” "
                                                "and “%s”"),
                              from_month != NULL ? from_month : "",
                              to_month != NULL ? to_month : "");
  to = strcmp (to_month, limit) < 0 ? to_month : limit;
  *rate = 1.0;
  if (strcmp (from_month, to) > 0)
    return TRUE;

  stmt = gt_storage_prepare (storage,
                             "SELECT count (*) FROM dues_payments WHERE org_id = ?"
                             " AND month BETWEEN ? AND ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_text (stmt, 2, from_month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    paid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }

  since = dues_since (storage, error);
  if (since == NULL)
    return error == NULL || *error == NULL;
  if (!window_load (storage, org_id, since, to, &w, error))
    {
      window_clear (&w);
      return FALSE;
    }
  first = MAX (w.since, month_index (from_month));
  for (guint i = 0; i < w.members->len; i++)
    {
      const Member *m = w.members->pdata[i];
      int start = MAX (first, window_start (&w, m));

      for (int index = start; index <= w.as_of; index++)
        if (!window_paid (&w, m->id, index))
          unpaid++;
    }
  window_clear (&w);
  *rate = paid + unpaid > 0 ? (double) paid / (double) (paid + unpaid) : 1.0;
  return TRUE;
}
