/* gt-exchange-admit.c — the checks of a package's header against this office, before any
 * record is read: sender, receiver, the kind this office takes, the period, the ledger; and
 * what a conflict's message says when an older package comes after a newer one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-exchange-private.h"

/* Packages go one way each (docs/exchange.md): a township sends reports, full packages and
 * acknowledgements up to its county, the county sends dispatches (tasks and notices) down.
 * A package of another kind is refused whoever signed it: a township's report relabelled
 * "dispatch" would otherwise be stored by the county as records of no report at all. */
static gboolean
check_kind (GtStorage *storage, const GtExchangeResult *r, GError **error)
{
  g_autofree char *role = gt_storage_get_meta (storage, "role");
  gboolean county = g_strcmp0 (role, "county") == 0;
  gboolean dispatch = r->kind == GT_EXCHANGE_KIND_DISPATCH;

  if (county && dispatch)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   _("%s: a dispatch package (tasks and notices) from office %s; a county "
                     "takes reports, full packages and acknowledgements from its townships, "
                     "and only sends dispatches"), r->path, r->sender_code);
      return FALSE;
    }
  if (!county && !dispatch)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
                   _("%s: a package of kind “%s” from office %s; a township takes only "
                     "dispatch packages (tasks and notices) from its county"), r->path,
                   gt_exchange_kind_label (r->kind), r->sender_code);
      return FALSE;
    }
  return TRUE;
}

/* A report of a period that has not begun yet would become the county's newest month, with
 * every other township missing from it. The export refuses to make one (the month under
 * way is allowed, the next is not); a package made anyway, or on a computer whose clock is
 * ahead, is refused here the same way, against this computer's month. */
static gboolean
check_period (const GtExchangeResult *r, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  char first[8];

  if (r->period == NULL || *r->period == '\0')
    return TRUE;
  gt_exchange_period_first_month (r->period, first);
  if (strcmp (first, month) <= 0)
    return TRUE;
  g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_INVALID,
               _("%s: the report from office %s is for %s, a period that has not begun yet "
                 "(this is %s); nothing was imported. Ask the township to check its computer's "
                 "date and export a month that has begun."), r->path, r->sender_code,
               r->period, month);
  return FALSE;
}

/* Checks against this office: sender is the key's owner, receiver is us, kind is one this
 * office takes, the period has begun, not seen before. */
gboolean
gt_exchange_check_header (GtStorage *storage, GtExchangeResult *r, const char *key_code,
                          GError **error)
{
  g_autofree char *own = gt_exchange_office_code (storage);
  sqlite3_stmt *stmt;
  int rc;

  if (g_strcmp0 (r->sender_code, key_code) != 0)
    {
      g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_WRONG_SENDER,
                   _("%s: claims to come from office %s but is signed with the key enrolled "
                     "for office %s"), r->path, r->sender_code, key_code);
      return FALSE;
    }
  if (g_strcmp0 (r->receiver_code, own) != 0)
    {
      if (r->receiver_name != NULL && *r->receiver_name != '\0')
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_WRONG_RECEIVER,
                     _("%s: addressed to office %s (%s), not to this office (%s)"), r->path,
                     r->receiver_code, r->receiver_name, own);
      else
        g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_WRONG_RECEIVER,
                     _("%s: addressed to office %s, not to this office (%s)"), r->path,
                     r->receiver_code, own);
      return FALSE;
    }
  if (!check_kind (storage, r, error) || !check_period (r, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "SELECT sha256, imported_on FROM ex_ledger"
                                      " WHERE package_uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->package_uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), r->sha256) == 0;
      r->imported_on = GT_COLUMN_TEXT (stmt, 1);
      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_REPLAYED,
                       _("%s: a different package with the same id %s was imported on %s; "
                         "this one was refused"), r->path, r->package_uuid, r->imported_on);
          return FALSE;
        }
      r->already_imported = TRUE;
      return TRUE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* A conflict is most often an older package imported after a newer one from the same office:
 * say so in @error's message when a package created later is already here. */
void
gt_exchange_say_older (GtStorage *storage, GtExchangeResult *result, GError *error)
{
  sqlite3_stmt *stmt;
  char *message;

  if (result->created == NULL || result->sender_code == NULL)
    return;
  stmt = gt_storage_prepare (storage, "SELECT period, created FROM ex_reports"
                                      " WHERE sender_code = ? AND created > ?"
                                      " ORDER BY created DESC, id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, result->sender_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, result->created, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *period = (const char *) sqlite3_column_text (stmt, 0);

      message = g_strdup_printf (
        _("%s This package (created %s) is older than the one already imported from %s "
          "(%s, created %s)."), error->message, result->created, result->sender_code,
        period != NULL && *period != '\0' ? period : _("full package"),
        (const char *) sqlite3_column_text (stmt, 1));
      g_free (error->message);
      error->message = message;
    }
  sqlite3_reset (stmt);
}
