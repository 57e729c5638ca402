/* gt-dues.c — Party membership dues (党费); the rules are described in gt-dues.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gt-dues.h"
#include "gt-member.h"
#include "gt-life.h"
#include "gt-life-private.h"

static const struct
{
  const char *code;
  const char *label;
} category_labels[] = {
  { "in_service", N_("In service") },
  { "retired", N_("Retired") },
  { "other", N_("Farmers, students, unemployed") },
};

const char *
gt_label_dues_category (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_labels); i++)
    if (g_strcmp0 (category_labels[i].code, category) == 0)
      return _(category_labels[i].label);
  return category;
}

static gboolean
category_is_valid (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_labels); i++)
    if (g_strcmp0 (category_labels[i].code, category) == 0)
      return TRUE;
  return FALSE;
}

const char *
gt_dues_category_for_employment (const char *employment)
{
  if (g_strcmp0 (employment, "employed") == 0)
    return "in_service";
  if (g_strcmp0 (employment, "retired") == 0)
    return "retired";
  return "other";
}

/* ---- money ---- */

char *
gt_fen_format (gint64 fen)
{
  guint64 magnitude = fen < 0 ? (guint64) (-(fen + 1)) + 1 : (guint64) fen;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", fen < 0 ? "-" : "",
                          magnitude / 100, (guint) (magnitude % 100));
}

gboolean
gt_fen_parse (const char *text, gint64 *fen)
{
  const char *dot;
  guint64 whole = 0;
  gint64 cents = 0;
  g_autofree char *integer = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  dot = strchr (text, '.');
  integer = dot != NULL ? g_strndup (text, dot - text) : g_strdup (text);
  if (*integer == '\0' ||
      !g_ascii_string_to_unsigned (integer, 10, 0, G_MAXINT64 / 100 - 1, &whole, NULL))
    return FALSE;
  if (dot != NULL)
    {
      size_t n = strlen (dot + 1);

      if (n < 1 || n > 2 || !g_ascii_isdigit (dot[1]) || (n == 2 && !g_ascii_isdigit (dot[2])))
        return FALSE;
      cents = (dot[1] - '0') * 10 + (n == 2 ? dot[2] - '0' : 0);
    }
  *fen = (gint64) whole * 100 + cents;
  return TRUE;
}

int
gt_dues_setting_int (GtStorage *storage, const char *key, int fallback)
{
  g_autofree char *value = gt_storage_get_meta (storage, key);
  gint64 n = 0;

  if (value != NULL && g_ascii_string_to_signed (value, 10, 1, 1200, &n, NULL))
    return (int) n;
  return fallback;
}

gboolean
gt_dues_set_rules (GtStorage *storage, int warning, int rule, const char *since, GError **error)
{
  int new_warning = warning > 0 ? warning : gt_dues_setting_int (storage, "dues.arrears_warning", 3);
  int new_rule = rule > 0 ? rule : gt_dues_setting_int (storage, "dues.arrears_rule", 6);
  g_autofree char *w = g_strdup_printf ("%d", new_warning), *r = g_strdup_printf ("%d", new_rule);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (warning < 0 || rule < 0 || new_rule > 120)
    return gt_storage_refuse (storage, error, _("the arrears rules count 1 to 120 months"));
  if (new_warning > new_rule)
    return gt_storage_refuse (storage, error,
                              _("the warning (%d months) must not come after the 6-month rule "
                                "(%d months)"), new_warning, new_rule);
  if (since != NULL && *since != '\0' && !gt_month_is_valid (since))
    return gt_storage_refuse (storage, error, _("months are written YYYY-MM, not “%s”"), since);
  if (!gt_storage_begin (storage, error))
    return FALSE;
  ok = gt_storage_set_meta (storage, "dues.arrears_warning", w, error) &&
       gt_storage_set_meta (storage, "dues.arrears_rule", r, error);
  if (ok && since != NULL && *since != '\0')
    ok = gt_storage_set_meta (storage, "dues.since", since, error);
  else if (ok && since != NULL)
    {
      stmt = gt_storage_prepare (storage, "DELETE FROM meta WHERE key = 'dues.since'", error);
      ok = stmt != NULL && gt_storage_step_done (storage, stmt, error);
    }
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "meta");
  return TRUE;
}

/* ---- bands ---- */

void
gt_dues_band_free (GtDuesBand *band)
{
  if (band == NULL)
    return;
  g_free (band->category);
  g_free (band);
}

static gpointer
read_band (sqlite3_stmt *stmt)
{
  GtDuesBand *band = g_new0 (GtDuesBand, 1);

  band->id = sqlite3_column_int64 (stmt, 0);
  band->category = GT_COLUMN_TEXT (stmt, 1);
  band->lower_fen = sqlite3_column_int64 (stmt, 2);
  band->upper_fen = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3);
  band->rate_permille = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 4);
  band->fixed_fen = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
  return band;
}

GPtrArray *
gt_dues_bands (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT id, category, lower_fen, upper_fen, rate_permille, fixed_fen FROM dues_bands"
    " ORDER BY CASE category WHEN 'in_service' THEN 1 WHEN 'retired' THEN 2 ELSE 3 END,"
    " lower_fen", error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_band, (GDestroyNotify) gt_dues_band_free, error);
}

static gint
compare_bands (gconstpointer a, gconstpointer b)
{
  const GtDuesBand *x = *(GtDuesBand *const *) a, *y = *(GtDuesBand *const *) b;

  return x->lower_fen < y->lower_fen ? -1 : x->lower_fen > y->lower_fen;
}

gboolean
gt_dues_set_bands (GtStorage *storage, const char *category, GPtrArray *bands, GError **error)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (!category_is_valid (category))
    return gt_storage_refuse (storage, error,
                              _("“%s” is not a dues category (in_service, retired, other)"),
                              category != NULL ? category : "");
  if (bands == NULL || bands->len == 0)
    return gt_storage_refuse (storage, error, _("a category needs at least one band"));
  for (guint i = 0; i < bands->len; i++)
    g_ptr_array_add (sorted, bands->pdata[i]);
  g_ptr_array_sort (sorted, compare_bands);
  for (guint i = 0; i < sorted->len; i++)
    {
      const GtDuesBand *band = sorted->pdata[i];
      g_autofree char *lower = gt_fen_format (band->lower_fen);

      if ((band->rate_permille < 0) == (band->fixed_fen < 0))
        return gt_storage_refuse (storage, error,
                                  _("band %u (from %s 元) needs either a rate or a fixed amount"),
                                  i + 1, lower);
      if (band->rate_permille > 1000)
        return gt_storage_refuse (storage, error, _("band %u: a rate above 1000‰"), i + 1);
      if (i == 0 && band->lower_fen != 0)
        return gt_storage_refuse (storage, error, _("the first band must start at 0.00 元"));
      if (band->upper_fen >= 0 && band->upper_fen < band->lower_fen)
        return gt_storage_refuse (storage, error, _("band %u ends before it starts"), i + 1);
      if (band->upper_fen < 0 && i + 1 < sorted->len)
        return gt_storage_refuse (storage, error, _("only the last band may be open-ended"));
      if (band->upper_fen >= 0 && i + 1 == sorted->len)
        return gt_storage_refuse (storage, error,
                                  _("the last band must be open-ended, so that every base has "
                                    "a band"));
      if (i > 0)
        {
          const GtDuesBand *prev = sorted->pdata[i - 1];

          if (prev->upper_fen + 1 != band->lower_fen)
            return gt_storage_refuse (storage, error,
                                      _("band %u must start one fen after band %u ends "
                                        "(no gaps, no overlaps), not at %s 元"),
                                      i + 1, i, lower);
        }
    }

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "DELETE FROM dues_bands WHERE category = ?", error);
  if (stmt == NULL)
    ok = FALSE;
  else
    {
      sqlite3_bind_text (stmt, 1, category, -1, SQLITE_TRANSIENT);
      ok = gt_storage_step_done (storage, stmt, error);
    }
  for (guint i = 0; ok && i < sorted->len; i++)
    {
      const GtDuesBand *band = sorted->pdata[i];
      g_autofree char *uuid = gt_new_uuid ();

      stmt = gt_storage_prepare (storage,
                                 "INSERT INTO dues_bands (uuid, mtime, category, lower_fen,"
                                 " upper_fen, rate_permille, fixed_fen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, mtime, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, category, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, band->lower_fen);
      if (band->upper_fen >= 0)
        sqlite3_bind_int64 (stmt, 5, band->upper_fen);
      if (band->rate_permille >= 0)
        sqlite3_bind_int (stmt, 6, band->rate_permille);
      if (band->fixed_fen >= 0)
        sqlite3_bind_int64 (stmt, 7, band->fixed_fen);
      ok = gt_storage_step_done (storage, stmt, error);
    }
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "dues_bands");
  return TRUE;
}

GPtrArray *
gt_dues_bands_parse (const char *text, GError **error)
{
  g_autoptr (GPtrArray) bands = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_dues_band_free);
  g_auto (GStrv) parts = g_strsplit_set (text != NULL ? text : "", " \t\n", -1);
  gint64 lower = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *upper = eq != NULL ? g_strndup (parts[i], eq - parts[i]) : NULL;
      GtDuesBand *band;
      guint64 rate = 0;

      if (*parts[i] == '\0')
        continue;
      band = g_new0 (GtDuesBand, 1);
      g_ptr_array_add (bands, band);
      band->lower_fen = lower;
      band->upper_fen = band->rate_permille = band->fixed_fen = -1;
      if (eq == NULL || (strcmp (upper, "-") != 0 && !gt_fen_parse (upper, &band->upper_fen)) ||
          (g_str_has_prefix (eq + 1, "fixed:")
             ? !gt_fen_parse (eq + 1 + strlen ("fixed:"), &band->fixed_fen)
             : !g_ascii_string_to_unsigned (eq + 1, 10, 0, 1000, &rate, NULL)))
        {
          g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
                       _("“%s” is not a band: write UPPER=PERMILLE or UPPER=fixed:YUAN, UPPER in "
                         "元 or - for no limit (e.g. 3000=5 5000=10 -=20)"), parts[i]);
          return NULL;
        }
      if (band->fixed_fen < 0)
        band->rate_permille = (int) rate;
      lower = band->upper_fen + 1;
    }
  if (bands->len == 0)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
                   _("a category needs at least one band"));
      return NULL;
    }
  return g_steal_pointer (&bands);
}

char *
gt_dues_bands_format (GPtrArray *bands, const char *category)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; bands != NULL && i < bands->len; i++)
    {
      const GtDuesBand *b = bands->pdata[i];
      g_autofree char *upper = b->upper_fen >= 0 ? gt_fen_format (b->upper_fen) : g_strdup ("-");
      g_autofree char *fixed = b->fixed_fen >= 0 ? gt_fen_format (b->fixed_fen) : NULL;

      if (g_strcmp0 (b->category, category) != 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      if (fixed != NULL)
        g_string_append_printf (text, "%s=fixed:%s", upper, fixed);
      else
        g_string_append_printf (text, "%s=%d", upper, b->rate_permille);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
gt_dues_compute (GtStorage *storage, const char *category, gint64 base_fen, gint64 fixed_fen,
                 gint64 *dues_fen, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (base_fen < 0)
    return gt_storage_refuse (storage, error, _("a base cannot be negative"));
  stmt = gt_storage_prepare (
    storage,
    "SELECT rate_permille, fixed_fen FROM dues_bands WHERE category = ?"
    " AND lower_fen <= ?2 AND (upper_fen IS NULL OR ?2 <= upper_fen)"
    " ORDER BY lower_fen DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, base_fen);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          gint64 rate = sqlite3_column_int64 (stmt, 0);
          /* Half up to the fen; base ≤ G_MAXINT64 / 1000 in any real case. */
          *dues_fen = (base_fen * rate + 500) / 1000;
        }
      else
        *dues_fen = fixed_fen >= 0 ? fixed_fen : sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  {
    g_autofree char *base = gt_fen_format (base_fen);
    return gt_storage_refuse (storage, error, _("no dues band of “%s” covers a base of %s 元"),
                              gt_label_dues_category (category), base);
  }
}

/* ---- bases ---- */

/* The member's employment, status and join month; refuses a missing member. */
static gboolean
member_info (GtStorage *storage, gint64 member_id, char **employment, char **status,
             char **join_month, gint64 *org_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT employment, status, substr (join_date, 1, 7), org_id FROM members WHERE id = ?",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (employment != NULL)
        *employment = GT_COLUMN_TEXT (stmt, 0);
      if (status != NULL)
        *status = GT_COLUMN_TEXT (stmt, 1);
      if (join_month != NULL)
        *join_month = GT_COLUMN_TEXT (stmt, 2);
      if (org_id != NULL)
        *org_id = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error, _("member %d does not exist"), (int) member_id);
}

/* The category of the member's base for @year, else of the latest earlier one, else of the
 * earliest later one; *category NULL when the member has no base. */
static gboolean
base_category (GtStorage *storage, gint64 member_id, int year, char **category, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT category FROM dues_bases WHERE member_id = ?1"
    " ORDER BY year > ?2, abs (year - ?2) LIMIT 1", error);
  int rc;

  *category = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *category = GT_COLUMN_TEXT (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  gt_storage_set_error (storage, error, _("reading"));
  return FALSE;
}

gboolean
gt_dues_set_base (GtStorage *storage, gint64 member_id, int year, gint64 base_fen,
                  const char *category, gint64 fixed_fen, GError **error)
{
  g_autofree char *employment = NULL, *kept = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!member_info (storage, member_id, &employment, NULL, NULL, NULL, error))
    return FALSE;
  /* A new base without a category keeps the member's category (a raise does not make an
   * employed member "other"); a first one follows the employment, and with the employment
   * not recorded a base of income means an earner: "other" would ignore it (0.20 元). */
  if (category == NULL && !base_category (storage, member_id, year, &kept, error))
    return FALSE;
  if (category == NULL)
    category = kept;
  if (category == NULL)
    category = employment == NULL || *employment == '\0'
                 ? (base_fen > 0 ? "in_service" : "other")
                 : gt_dues_category_for_employment (employment);
  if (!category_is_valid (category))
    return gt_storage_refuse (storage, error,
                              _("“%s” is not a dues category (in_service, retired, other)"),
                              category);
  if (year < 1921 || year > 9999)
    return gt_storage_refuse (storage, error, _("%d is not a year"), year);
  if (base_fen < 0)
    return gt_storage_refuse (storage, error, _("a base cannot be negative"));
  stmt = gt_storage_prepare (storage,
                             "INSERT OR REPLACE INTO dues_bases (member_id, year, base_fen,"
                             " category, fixed_fen) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, base_fen);
  sqlite3_bind_text (stmt, 4, category, -1, SQLITE_TRANSIENT);
  if (fixed_fen >= 0)
    sqlite3_bind_int64 (stmt, 5, fixed_fen);
  ok = gt_storage_step_done (storage, stmt, error);
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "dues_bases");
  return TRUE;
}

/* The dues of a member's base for @year (or the latest earlier year); *found FALSE when
 * the member has no base. */
static gboolean
dues_of_year (GtStorage *storage, gint64 member_id, int year, gboolean *found, gint64 *dues_fen,
              GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT base_fen, category, coalesce (fixed_fen, -1) FROM dues_bases"
    " WHERE member_id = ? AND year <= ? ORDER BY year DESC LIMIT 1", error);
  g_autofree char *category = NULL;
  gint64 base = 0, fixed = -1;
  int rc;

  *found = FALSE;
  *dues_fen = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      base = sqlite3_column_int64 (stmt, 0);
      category = GT_COLUMN_TEXT (stmt, 1);
      fixed = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  *found = TRUE;
  return gt_dues_compute (storage, category, base, fixed, dues_fen, error);
}

gboolean
gt_dues_for_month (GtStorage *storage, gint64 member_id, const char *month, gint64 *dues_fen,
                   GError **error)
{
  gboolean found = FALSE;

  if (!gt_month_is_valid (month))
    return gt_storage_refuse (storage, error, _("months are written YYYY-MM, not “%s”"),
                              month != NULL ? month : "");
  if (!member_info (storage, member_id, NULL, NULL, NULL, NULL, error) ||
      !dues_of_year (storage, member_id, atoi (month), &found, dues_fen, error))
    return FALSE;
  if (!found)
    return gt_member_refuse (storage, error, member_id,
                             _("no dues base for %.4s; set one first"), month);
  return TRUE;
}

/* ---- payments ---- */

gboolean
gt_dues_pay (GtStorage *storage, gint64 member_id, const char *month, gint64 amount_fen,
             const char *paid_on, gint64 *out_id, GError **error)
{
  g_autofree char *status = NULL, *join_month = NULL, *today = gt_today ();
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  g_autofree char *paid_month = NULL, *latest = NULL;
  gint64 org_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!gt_month_is_valid (month))
    return gt_storage_refuse (storage, error, _("months are written YYYY-MM, not “%s”"),
                              month != NULL ? month : "");
  if (paid_on == NULL)
    paid_on = today;
  if (!gt_storage_check_date (storage, _("the payment date"), paid_on, FALSE, error))
    return FALSE;
  /* Dues may be paid in advance (预交), for a year at most: a payment dated years before
   * its month is a typing error. */
  paid_month = gt_month_of (paid_on);
  latest = gt_month_add (paid_month, 12);
  if (strcmp (month, latest) > 0)
    return gt_storage_refuse (storage, error,
                              _("a payment dated %s for %s would be more than 12 months in"
                                " advance"), paid_on, month);
  if (amount_fen < 0)
    return gt_storage_refuse (storage, error, _("an amount cannot be negative"));
  if (!member_info (storage, member_id, NULL, &status, &join_month, &org_id, error))
    return FALSE;
  if (g_strcmp0 (status, "active") != 0)
    return gt_member_refuse (storage, error, member_id, _("not active (%s)"),
                             gt_label_member_status (status));
  if (join_month != NULL && strcmp (month, join_month) < 0)
    return gt_member_refuse (storage, error, member_id, _("joined in %s, after %s"),
                             join_month, month);
  if (amount_fen == 0 && !gt_dues_for_month (storage, member_id, month, &amount_fen, error))
    return FALSE;
  if (amount_fen == 0)
    return gt_storage_refuse (storage, error, _("the dues for %s come to 0.00 元"), month);

  stmt = gt_storage_prepare (storage, "SELECT paid_on FROM dues_payments WHERE member_id = ? AND month = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *when = GT_COLUMN_TEXT (stmt, 0);

      sqlite3_reset (stmt);
      return gt_member_refuse (storage, error, member_id,
                               _("already paid the dues of %s (on %s)"), month, when);
    }
  sqlite3_reset (stmt);

  stmt = gt_storage_prepare (storage,
                             "INSERT INTO dues_payments (uuid, mtime, member_id, org_id, month,"
                             " amount_fen, paid_on) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, member_id);
  sqlite3_bind_int64 (stmt, 4, org_id);
  sqlite3_bind_text (stmt, 5, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, amount_fen);
  sqlite3_bind_text (stmt, 7, paid_on, -1, SQLITE_TRANSIENT);
  ok = gt_storage_step_done (storage, stmt, error);
  if (ok && out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "dues_payments");
  return TRUE;
}

gboolean
gt_dues_unpay (GtStorage *storage, gint64 member_id, const char *month, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "DELETE FROM dues_payments WHERE member_id = ? AND month = ?", error);
  gboolean ok;

  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  ok = gt_storage_step_done (storage, stmt, error);
  if (ok && sqlite3_changes (gt_storage_get_db (storage)) == 0)
    ok = gt_member_refuse (storage, error, member_id, _("no payment for %s"),
                           month != NULL ? month : "");
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "dues_payments");
  return TRUE;
}

void
gt_dues_payment_free (GtDuesPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->member_name);
  g_free (payment->org_name);
  g_free (payment->month);
  g_free (payment->paid_on);
  g_free (payment);
}

static gpointer
read_payment (sqlite3_stmt *stmt)
{
  GtDuesPayment *p = g_new0 (GtDuesPayment, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->member_id = sqlite3_column_int64 (stmt, 1);
  p->member_name = GT_COLUMN_TEXT (stmt, 2);
  p->org_id = sqlite3_column_int64 (stmt, 3);
  p->org_name = GT_COLUMN_TEXT (stmt, 4);
  p->month = GT_COLUMN_TEXT (stmt, 5);
  p->amount_fen = sqlite3_column_int64 (stmt, 6);
  p->paid_on = GT_COLUMN_TEXT (stmt, 7);
  return p;
}

GPtrArray *
gt_dues_payments (GtStorage *storage, gint64 org_id, const char *from_month,
                  const char *to_month, GError **error)
{
  sqlite3_stmt *stmt;

  if (!gt_month_is_valid (from_month) || !gt_month_is_valid (to_month))
    {
      gt_storage_refuse (storage, error, _("months are written YYYY-MM"));
      return NULL;
    }
  stmt = gt_storage_prepare (
    storage,
    "SELECT p.id, p.member_id, m.name, coalesce (p.org_id, 0), coalesce (o.name, ''), p.month,"
    " p.amount_fen, p.paid_on FROM dues_payments p JOIN members m ON m.id = p.member_id"
    " LEFT JOIN organizations o ON o.id = p.org_id"
    " WHERE p.month BETWEEN ?1 AND ?2 AND (?3 = 0 OR p.org_id = ?3)"
    " ORDER BY coalesce (o.sort_order, 0), p.org_id, p.member_id, p.month", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from_month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to_month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, org_id);
  return gt_storage_collect (storage, stmt, read_payment, (GDestroyNotify) gt_dues_payment_free,
                             error);
}
