/* exchange-fixture.c — a demo township and its county, for the exchange tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "exchange-fixture.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"
#include "gt-test-demo.h"

void
exchange_trust (GtStorage *from, GtStorage *into, const char *code, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = gt_keys_get_public_pem (from, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (gt_keys_trust (into, pem, strlen (pem), code, name, NULL, NULL, &error));
  g_assert_no_error (error);
}

void
exchange_offices_open (const char *prefix, char **dir, GtStorage **township,
                       GtStorage **county)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autofree char *township_path = NULL, *county_path = NULL;

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  township_path = g_build_filename (*dir, "township.db", NULL);
  county_path = g_build_filename (*dir, "county.db", NULL);
  *township = gt_test_demo_create (township_path, 20180730);
  *county = gt_storage_open (county_path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (*county, "role", "county", &error));
  g_assert_true (gt_storage_set_meta (*county, "office_code", EXCHANGE_COUNTY, &error));
  g_assert_true (gt_storage_set_meta (*county, "office_name", "常山县", &error));
  g_assert_true (gt_keys_generate (*township, FALSE, &error));
  g_assert_true (gt_keys_generate (*county, FALSE, &error));
  g_assert_no_error (error);
  exchange_trust (*township, *county, EXCHANGE_TOWNSHIP, "赏石小镇");
  exchange_trust (*county, *township, EXCHANGE_COUNTY, "常山县");
}

void
exchange_offices_close (char **dir, GtStorage **township, GtStorage **county)
{
  g_clear_object (township);
  g_clear_object (county);
  if (*dir != NULL)
    gt_test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}

char *
exchange_path (const char *dir, const char *name)
{
  return g_build_filename (dir, name, NULL);
}

char *
exchange_export (const char *dir, GtStorage *storage, const char *name, GtExchangeKind kind,
                 const char *to, gboolean mask)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeExportInfo) info = NULL;
  char *path = exchange_path (dir, name);
  GtExchangeExportOptions options = { kind, "2026-11", to, NULL, mask, NULL };

  g_assert_true (gt_exchange_export (storage, path, &options, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info->path, ==, path);
  g_assert_cmpuint (strlen (info->sha256), ==, 64);
  return path;
}

void
exchange_report_setup (ExchangeReport *fx, gconstpointer data)
{
  exchange_offices_open ("guatu-exchange", &fx->dir, &fx->township, &fx->county);
  fx->report = exchange_export (fx->dir, fx->township, "report.xml", GT_EXCHANGE_KIND_REPORT,
                                NULL, FALSE);
}

void
exchange_report_teardown (ExchangeReport *fx, gconstpointer data)
{
  exchange_offices_close (&fx->dir, &fx->township, &fx->county);
  g_free (fx->report);
}

char *
exchange_digest (GtStorage *storage)
{
  static const char *const tables[] = { "ex_records", "ex_ledger", "ex_reports", "ex_tasks",
                                        "ex_acks", "meta", "audit_log" };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      sqlite3_reset (stmt);
    }
  {
    char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, -1);
    g_string_free (out, TRUE);
    return sum;
  }
}

char *
exchange_read_all (const char *path, gsize *length)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

GError *
exchange_read_to_end (const char *name, const char *doc, gsize length)
{
  GError *error = NULL;
  g_autoptr (GtExchangeReader) reader = gt_exchange_reader_new (name, doc, length, &error);
  g_autoptr (GtExchangeResult) result = gt_exchange_result_new (name);
  GtExchangeRecord record;

  if (reader == NULL || !gt_exchange_reader_read_header (reader, result, &error))
    return error;
  while (gt_exchange_reader_next (reader, &record, &error))
    ;
  return error;
}

char *
exchange_refusal (const char *doc, gsize length, int *code)
{
  g_autoptr (GError) error = exchange_read_to_end ("bad.xml", doc, length);

  g_assert_nonnull (error);
  g_assert_true (error->domain == GT_EXCHANGE_ERROR);
  if (code != NULL)
    *code = error->code;
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

void
exchange_assert_says (const char *message, ...)
{
  va_list args;
  const char *part;

  va_start (args, message);
  while ((part = va_arg (args, const char *)) != NULL)
    if (strstr (message, part) == NULL)
      g_error ("“%s” does not say “%s”", message, part);
  va_end (args);
}

char *
exchange_body_of (const char *path)
{
  gsize length = 0;
  char *data = exchange_read_all (path, &length);
  char *last = g_strrstr (data, "<?guatu-signature");

  g_assert_nonnull (last);
  *last = '\0';
  return data;
}

char *
exchange_signed_file (const char *dir, GtStorage *storage, const char *name, const char *body,
                      gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtSigner) signer = gt_signer_new (storage, &error);
  g_autofree char *sig = NULL, *line = NULL;
  GString *out = g_string_new_len (body, length);
  char *path = exchange_path (dir, name);

  g_assert_no_error (error);
  gt_signer_update (signer, body, length);
  sig = gt_signer_finish (signer, &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "<?guatu-signature alg=\"ecdsa-p256-sha256\" key=\"%s\" "
                          "value=\"%s\"?>\n", gt_signer_get_fingerprint (signer), sig);
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  g_string_free (out, TRUE);
  return path;
}

char *
exchange_small_package (const char *doctype, const char *counts, const char *bodies)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s"
                          "<package version=\"1\" xmlns=\"urn:guatu:exchange:1\">\n"
                          " <header uuid=\"0b7c1a34-5d2e-4f60-8a91-2c3d4e5f6a7b\" kind=\"report\""
                          " period=\"2026-11\" created=\"2026-12-01T08:00:00+08:00\""
                          " generator=\"test\" masked=\"0\">\n"
                          "  <sender code=\"" EXCHANGE_TOWNSHIP "\" name=\"t\"/>\n"
                          "  <receiver code=\"" EXCHANGE_COUNTY "\" name=\"c\"/>\n"
                          "  <counts %s/>\n </header>\n%s</package>\n",
                          doctype, counts, bodies);
}
