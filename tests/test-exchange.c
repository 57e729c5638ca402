/* test-exchange.c — signed exchange packages: keys, export, verify, import, conflicts,
 * masking, dispatches and acknowledgements, progress and cancel (bad packages:
 * test-exchange-rejected.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-county-dispatch.h"
#include "gt-county.h"
#include "gt-exchange-private.h"
#include "gt-keys.h"
#include "gt-stats.h"
#include "exchange-fixture.h"
#include "gt-test-demo.h"

#define TOWNSHIP EXCHANGE_TOWNSHIP
#define COUNTY EXCHANGE_COUNTY

typedef ExchangeReport Fixture;

/* The township's report to its county, written to @name. */
static char *
township_report (Fixture *fx, const char *name, gboolean mask)
{
  return exchange_export (fx->dir, fx->township, name, GT_EXCHANGE_KIND_REPORT, NULL, mask);
}

static void
test_keys (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  g_autofree char *fp = NULL, *pem = gt_keys_get_public_pem (fx->township, &fp, &error);
  g_autofree char *shown = gt_keys_format_fingerprint (fp), *again = NULL;
  g_autofree char *digest_hex = NULL;
  guchar *der;
  gsize der_len = 0;
  char **lines;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN PUBLIC KEY-----\n"));
  g_assert_cmpuint (strlen (fp), ==, 64);
  g_assert_cmpuint (strlen (shown), ==, 64 + 15);
  g_assert_cmpint (shown[4], ==, ' ');

  /* The fingerprint is the SHA-256 of the DER: decode the PEM's base64 by hand. */
  lines = g_strsplit (pem, "\n", -1);
  {
    g_autofree char *b64 = g_strjoinv ("", lines + 1);
    char *end = strstr (b64, "-----END");
    *end = '\0';
    der = g_base64_decode (b64, &der_len);
  }
  g_strfreev (lines);
  digest_hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der, der_len);
  g_free (der);
  g_assert_cmpstr (digest_hex, ==, fp);
  g_assert_cmpuint (der_len, ==, 91); /* P-256 SubjectPublicKeyInfo */

  /* A second key is refused without --replace. */
  g_assert_false (gt_keys_generate (fx->township, FALSE, &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_EXISTS);
  g_clear_error (&error);

  /* Enrolling with the wrong fingerprint read out by phone is refused. */
  g_assert_false (gt_keys_trust (fx->county, pem, strlen (pem), "330822199", "x",
                                 "0000 1111 2222 3333", NULL, &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_false (gt_keys_trust (fx->county, "garbage", 7, "330822199", "x", NULL, NULL,
                                 &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_KEY);
  g_clear_error (&error);
  /* With the right one (spaces and case ignored) it is accepted. */
  again = g_ascii_strup (shown, -1);
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, "赏石小镇", again, NULL,
                                &error));
  g_assert_no_error (error);
  keys = gt_keys_list_trusted (fx->county, &error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (((GtTrustedKey *) keys->pdata[0])->org_code, ==, TOWNSHIP);
  g_clear_pointer (&keys, g_ptr_array_unref);

  /* Enrolled again without a name (or an empty one): the name stays. */
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gt_keys_trust (fx->county, pem, strlen (pem), TOWNSHIP, "", NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (fx->county, fp, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key->org_code, ==, TOWNSHIP);
    g_assert_cmpstr (key->name, ==, "赏石小镇");
  }
  /* For another office: refused, naming both; the key stays with its office. */
  g_assert_false (gt_keys_trust (fx->county, pem, strlen (pem), "330822199", "别的镇", NULL, NULL,
                                 &error));
  g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, TOWNSHIP));
  g_assert_nonnull (strstr (error->message, "赏石小镇"));
  g_assert_nonnull (strstr (error->message, "330822199"));
  g_assert_nonnull (strstr (error->message, "别的镇"));
  g_clear_error (&error);
  {
    g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (fx->county, fp, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key->org_code, ==, TOWNSHIP);
    g_assert_cmpstr (key->name, ==, "赏石小镇");
  }
  /* Moved when asked to: the old office's name goes with it. */
  g_assert_true (gt_keys_trust_full (fx->county, pem, strlen (pem), "330822199", NULL, NULL, TRUE,
                                     NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GtTrustedKey) key = gt_keys_find_trusted (fx->county, fp, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key->org_code, ==, "330822199");
    g_assert_cmpstr (key->name, ==, "");
  }
  /* And back, with a name, for the tests below. */
  g_assert_true (gt_keys_trust_full (fx->county, pem, strlen (pem), TOWNSHIP, "赏石小镇", NULL,
                                     TRUE, NULL, &error));
  g_assert_no_error (error);
  keys = gt_keys_list_trusted (fx->county, &error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (((GtTrustedKey *) keys->pdata[0])->org_code, ==, TOWNSHIP);
  g_assert_cmpstr (((GtTrustedKey *) keys->pdata[0])->name, ==, "赏石小镇");
  g_clear_pointer (&keys, g_ptr_array_unref);

  /* The county's own key is no township's. */
  {
    g_autofree char *own = gt_keys_get_public_pem (fx->county, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (gt_keys_trust_full (fx->county, own, strlen (own), "330822199", NULL, NULL,
                                        TRUE, NULL, &error));
    g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_OWN_KEY);
    g_clear_error (&error);
  }
  /* The township made a new key: refused while the old one is trusted, then replacing it
   * (and keeping its office name) when asked to. */
  {
    g_autoptr (GtStorage) rekeyed = NULL;
    g_autofree char *db = g_build_filename (fx->dir, "rekeyed.db", NULL);
    g_autofree char *new_pem = NULL, *new_fp = NULL;

    rekeyed = gt_storage_open (db, GT_STORAGE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_assert_true (gt_keys_generate (rekeyed, FALSE, &error));
    new_pem = gt_keys_get_public_pem (rekeyed, &new_fp, &error);
    g_assert_no_error (error);
    g_assert_false (gt_keys_trust (fx->county, new_pem, strlen (new_pem), TOWNSHIP, NULL, NULL,
                                   NULL, &error));
    g_assert_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_OFFICE_HAS_KEY);
    g_assert_nonnull (strstr (error->message, "赏石小镇"));
    g_clear_error (&error);
    g_assert_true (gt_keys_trust_full (fx->county, new_pem, strlen (new_pem), TOWNSHIP, NULL,
                                       NULL, TRUE, NULL, &error));
    g_assert_no_error (error);
    keys = gt_keys_list_trusted (fx->county, &error);
    g_assert_cmpuint (keys->len, ==, 1);
    g_assert_cmpstr (((GtTrustedKey *) keys->pdata[0])->name, ==, "赏石小镇");
    g_clear_pointer (&keys, g_ptr_array_unref);
    /* and back to the township's key for the tests below */
    g_assert_true (gt_keys_trust_full (fx->county, pem, strlen (pem), TOWNSHIP, NULL, NULL, TRUE,
                                       NULL, &error));
    g_assert_no_error (error);
  }

  /* The private key never reaches the audit log. */
  g_assert_cmpint (gt_test_count (fx->township, "SELECT count(*) FROM audit_log"
                                                " WHERE coalesce (after, '') LIKE '%PRIVATE%'"),
                   ==, 0);
}

static void
test_roundtrip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) preview = NULL, result = NULL, again = NULL;
  g_autofree char *before = exchange_digest (fx->county), *after = NULL;
  gint64 members = gt_test_count (fx->township, "SELECT count(*) FROM members");
  gint64 orgs = gt_test_count (fx->township, "SELECT count(*) FROM organizations");

  /* Dry run: the preview, nothing changed. */
  preview = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_DRY_RUN,
                                GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, GT_EXCHANGE_KIND_REPORT);
  g_assert_cmpstr (preview->sender_code, ==, TOWNSHIP);
  g_assert_cmpstr (preview->period, ==, "2026-11");
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_NEW], ==, members);
  g_assert_cmpuint (preview->claimed[GT_EXCHANGE_MEMBER], ==, 215);
  g_assert_false (preview->applied);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);

  result = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_DEFAULT,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->applied);
  g_assert_nonnull (result->backup_path);
  g_assert_true (g_file_test (result->backup_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (result->counts[GT_EXCHANGE_ORGANIZATION][GT_EXCHANGE_NEW], ==, orgs);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE type ="
                                              " 'member' AND source_code = '" TOWNSHIP "'"),
                   ==, members);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT members FROM ex_reports"), ==, 215);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger"), ==, 1);
  /* The county's overview counts what the township counts of itself. */
  {
    g_autoptr (GArray) own = gt_stats_collect (fx->township, &error);
    g_autoptr (GArray) received = gt_stats_collect_received (fx->county, &error);
    const char *keys[] = { "organizations", "branches", "members", "households", "projects" };

    g_assert_no_error (error);
    g_assert_cmpint (gt_stats_get (received, "townships"), ==, 1);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_assert_cmpint (gt_stats_get (received, keys[i]), ==, gt_stats_get (own, keys[i]));
    g_assert_cmpint (gt_stats_get (received, "members"), >, 0);
    g_assert_cmpint (gt_stats_get (received, "branches"), >, 0);
    /* an archived branch, as a later package would bring it, is no longer counted */
    g_assert_cmpint (sqlite3_exec (gt_storage_get_db (fx->county),
                                   "UPDATE ex_records SET data = json_set (data, '$.archived', '1')"
                                   " WHERE id = (SELECT min (id) FROM ex_records WHERE type ="
                                   " 'organization' AND json_extract (data, '$.kind') = 'branch')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_clear_pointer (&received, g_array_unref);
    received = gt_stats_collect_received (fx->county, &error);
    g_assert_cmpint (gt_stats_get (received, "branches"), ==, gt_stats_get (own, "branches") - 1);
    g_assert_cmpint (gt_stats_get (received, "organizations"), ==,
                     gt_stats_get (own, "organizations") - 1);
    g_assert_cmpint (sqlite3_exec (gt_storage_get_db (fx->county),
                                   "UPDATE ex_records SET data = json_set (data, '$.archived', '0')"
                                   " WHERE json_extract (data, '$.archived') = '1'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  /* One bulk entry in the audit log, not one per row. */
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM audit_log WHERE action ="
                                              " 'bulk' AND summary LIKE '%exchange package%'"),
                   ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM audit_log WHERE action ="
                                              " 'insert' AND table_name = 'ex_records'"), ==, 0);

  /* Re-import: a no-op that says when. */
  g_free (before);
  before = exchange_digest (fx->county);
  again = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_DEFAULT,
                              GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->already_imported);
  g_assert_false (again->applied);
  g_assert_nonnull (again->imported_on);
  g_free (after);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);

  /* A copy that lost its last line end, or got "\r\n" from an editor, is the same package. */
  {
    gsize length = 0;
    g_autofree char *text = exchange_read_all (fx->report, &length);
    const char *endings[] = { "", "\r\n" };

    g_assert_cmpint (text[length - 1], ==, '\n');
    for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
      {
        g_autofree char *copy = g_strdup_printf ("%.*s%s", (int) length - 1, text, endings[i]);
        g_autofree char *path = g_build_filename (fx->dir, "copy.xml", NULL);
        g_autoptr (GtExchangeResult) r = NULL;

        g_assert_true (g_file_set_contents (path, copy, -1, NULL));
        r = gt_exchange_import (fx->county, path, GT_EXCHANGE_IMPORT_DEFAULT,
                                GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (r->already_imported);
        g_assert_cmpstr (r->sha256, ==, again->sha256);
      }
  }
}

static void
test_conflicts (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL, preview = NULL, r3 = NULL;
  g_autofree char *newer = NULL, *older = NULL, *before = NULL, *after = NULL;
  g_autofree char *uuid = NULL;

  /* The township renames a member and deletes a link after the first report. */
  g_assert_true (gt_storage_exec (fx->township,
                                  "UPDATE members SET name = '改名', rev = rev + 1,"
                                  " mtime = '2026-11-20T09:00:00Z' WHERE id = 1;"
                                  "DELETE FROM member_household_links WHERE id = 1;", &error));
  g_assert_no_error (error);
  newer = township_report (fx, "newer.xml", FALSE);
  older = g_strdup (fx->report);

  r1 = gt_exchange_import (fx->county, newer, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->counts[GT_EXCHANGE_TOMBSTONE][GT_EXCHANGE_NEW], ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE deleted"),
                   ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名'"), ==, 1);

  /* The older report now conflicts: nothing is imported without a decision. */
  before = exchange_digest (fx->county);
  r2 = gt_exchange_import (fx->county, older, 0, GT_EXCHANGE_RESOLVE_NONE, &preview, &error);
  g_assert_null (r2);
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_CONFLICTS);
  g_clear_error (&error);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);
  g_assert_nonnull (preview);
  /* the renamed member (rev 1 < 2) and the deleted link (rev 1 < 2) */
  g_assert_cmpuint (preview->n_conflicts, ==, 2);
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_CONFLICTING], ==, 1);
  g_assert_cmpuint (preview->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UNCHANGED], ==, 214);
  {
    GtExchangeConflict *c = preview->conflicts->pdata[0];
    g_assert_nonnull (strstr (c->local, "改名"));
    g_assert_null (strstr (c->incoming, "改名"));
    uuid = g_strdup (c->uuid);
  }

  /* Keep local: the ledger records the decision, the member keeps the new name. */
  r3 = gt_exchange_import (fx->county, older, 0, GT_EXCHANGE_RESOLVE_KEEP_LOCAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger WHERE resolution"
                                              " = 'keep-local'"), ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名'"), ==, 1);
}

static void
test_take_incoming (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL;
  g_autofree char *newer = NULL;

  g_assert_true (gt_storage_exec (fx->township,
                                  "UPDATE members SET name = '改名', rev = rev + 1 WHERE id = 1;",
                                  &error));
  newer = township_report (fx, "newer.xml", FALSE);
  r1 = gt_exchange_import (fx->county, newer, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_NEW], ==, 215);
  r2 = gt_exchange_import (fx->county, fx->report, 0, GT_EXCHANGE_RESOLVE_TAKE_INCOMING, NULL,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_CONFLICTING], ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名'"), ==, 0);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_ledger WHERE resolution"
                                              " = 'take-incoming'"), ==, 1);
}

static void
test_mask (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r = NULL;
  g_autofree char *path = township_report (fx, "masked.xml", TRUE);
  gsize length = 0;
  g_autofree char *text = exchange_read_all (path, &length);
  g_autofree char *id = NULL;

  g_assert_nonnull (strstr (text, "masked=\"1\""));
  /* No full ID number of the township appears in the file. */
  {
    sqlite3_stmt *stmt = gt_storage_prepare (fx->township, "SELECT id_number FROM members"
                                                           " WHERE id_number IS NOT NULL", NULL);
    int n = 0;
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_assert_null (strstr (text, (const char *) sqlite3_column_text (stmt, 0)));
        n++;
      }
    sqlite3_reset (stmt);
    g_assert_cmpint (n, >, 100);
  }
  g_assert_true (g_regex_match_simple ("id-number=\"[0-9]{6}\\*{8}[0-9]{3}[0-9X]\"", text, 0, 0));
  r = gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->masked);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT masked FROM ex_reports"), ==, 1);
}

/* Counts the county's members whose ID number is masked, held in clear, or all of them. */
#define MASKED_IDS "SELECT count(*) FROM ex_records WHERE type = 'member' AND" \
                   " json_extract (data, '$.id-number') LIKE '%*%'"
#define CLEAR_IDS "SELECT count(*) FROM ex_records WHERE type = 'member' AND" \
                  " json_extract (data, '$.id-number') GLOB '[0-9]*[0-9X]' AND" \
                  " json_extract (data, '$.id-number') NOT LIKE '%*%'"

static GtExchangeResult *
import_ok (Fixture *fx, const char *path)
{
  g_autoptr (GError) error = NULL;
  GtExchangeResult *r = gt_exchange_import (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE,
                                            NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->n_conflicts, ==, 0);
  return r;
}

static void
test_mask_and_clear (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autofree char *masked = township_report (fx, "masked.xml", TRUE);
  g_autofree char *again = township_report (fx, "again.xml", TRUE);
  g_autofree char *renamed = NULL, *phone = NULL;
  int members, with_id;

  /* Masked first: the county holds masked numbers. */
  r1 = import_ok (fx, masked);
  members = r1->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_NEW];
  with_id = gt_test_count (fx->county, MASKED_IDS);
  g_assert_cmpint (with_id, >, 100);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, 0);

  /* The same records in clear fill the numbers in: updates, not conflicts. */
  r2 = import_ok (fx, fx->report);
  g_assert_cmpuint (r2->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UPDATED], ==, with_id);
  g_assert_cmpuint (r2->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UNCHANGED], ==,
                    members - with_id);
  g_assert_cmpint (gt_test_count (fx->county, MASKED_IDS), ==, 0);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, with_id);

  /* A later masked copy of them changes nothing and hides nothing again. */
  r3 = import_ok (fx, again);
  g_assert_cmpuint (r3->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UNCHANGED], ==, members);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, with_id);

  /* A masked package with a renamed member updates the name and keeps the ID in clear;
   * a number that really changed is taken masked as it came. */
  g_assert_true (gt_storage_exec (fx->township,
                                  "UPDATE members SET name = '改名', rev = rev + 1,"
                                  " mtime = '2026-11-20T09:00:00Z' WHERE id = (SELECT min (id)"
                                  " FROM members WHERE id_number IS NOT NULL);"
                                  "UPDATE members SET phone = '13900000000', rev = rev + 1,"
                                  " mtime = '2026-11-20T09:00:00Z' WHERE id = (SELECT max (id)"
                                  " FROM members WHERE phone IS NOT NULL);", &error));
  g_assert_no_error (error);
  renamed = township_report (fx, "renamed.xml", TRUE);
  r4 = import_ok (fx, renamed);
  g_assert_cmpuint (r4->counts[GT_EXCHANGE_MEMBER][GT_EXCHANGE_UPDATED], ==, 2);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_records WHERE"
                                              " json_extract (data, '$.name') = '改名' AND"
                                              " json_extract (data, '$.id-number')"
                                              " NOT LIKE '%*%'"), ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, CLEAR_IDS), ==, with_id);
  phone = g_strdup_printf ("SELECT count(*) FROM ex_records WHERE json_extract (data,"
                           " '$.phone') = '139****0000'");
  g_assert_cmpint (gt_test_count (fx->county, phone), ==, 1);
}

static void
test_dispatch_ack (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) r1 = NULL, r2 = NULL;
  g_autofree char *dispatch = NULL, *ack = NULL, *outcome = NULL;
  g_autoptr (GPtrArray) tasks = NULL;

  g_assert_true (gt_storage_exec (fx->county,
                                  "INSERT INTO ex_tasks (uuid, mtime, kind, title, body, due_date,"
                                  " issuer_code, issuer_name, target_code, issued_on) VALUES"
                                  " ('5e0c2a7e-1111-4222-8333-444444444444', '2026-12-01T08:00:00Z',"
                                  "  'task', '主题党日', '每月一次 <全部>', '2026-12-20', '330822',"
                                  "  '常山县', '*', '2026-12-01'),"
                                  " ('5e0c2a7e-1111-4222-8333-555555555555', '2026-12-01T08:00:00Z',"
                                  "  'notice', '别的乡镇', '', NULL, '330822', '常山县', '330822199',"
                                  "  '2026-12-01')", &error));
  g_assert_no_error (error);
  dispatch = exchange_export (fx->dir, fx->county, "dispatch.xml", GT_EXCHANGE_KIND_DISPATCH,
                              TOWNSHIP, FALSE);
  r1 = gt_exchange_import (fx->township, dispatch, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_NEW], ==, 1);
  g_assert_cmpint (gt_test_count (fx->township, "SELECT count(*) FROM ex_tasks WHERE incoming"
                                                " AND body = '每月一次 <全部>'"), ==, 1);

  g_assert_true (gt_storage_exec (fx->township,
                                  "INSERT INTO ex_acks (uuid, mtime, task_uuid, office_code,"
                                  " office_name, status, date, note) VALUES"
                                  " ('6f1d3b8f-1111-4222-8333-444444444444', '2026-12-02T08:00:00Z',"
                                  "  '5e0c2a7e-1111-4222-8333-444444444444', '" TOWNSHIP "',"
                                  "  '赏石小镇', 'received', '2026-12-02', '收到'),"
                                  /* the notice sent to another township, and a task the
                                   * county never issued: the county counts neither */
                                  " ('6f1d3b8f-1111-4222-8333-555555555555', '2026-12-02T08:00:00Z',"
                                  "  '5e0c2a7e-1111-4222-8333-555555555555', '" TOWNSHIP "',"
                                  "  '赏石小镇', 'done', '2026-12-02', ''),"
                                  " ('6f1d3b8f-1111-4222-8333-666666666666', '2026-12-02T08:00:00Z',"
                                  "  'deadbeef-1111-4222-8333-666666666666', '" TOWNSHIP "',"
                                  "  '赏石小镇', 'received', '2026-12-02', '')", &error));
  ack = exchange_export (fx->dir, fx->township, "ack.xml", GT_EXCHANGE_KIND_ACK, NULL, FALSE);
  for (int dry = 1; dry >= 0; dry--)
    {
      g_clear_pointer (&r2, gt_exchange_result_free);
      r2 = gt_exchange_import (fx->county, ack, dry ? GT_EXCHANGE_IMPORT_DRY_RUN : 0,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
      g_assert_no_error (error);
      /* the preview says the same as the import: one taken, two ignored and why */
      g_assert_cmpuint (r2->counts[GT_EXCHANGE_ACK][GT_EXCHANGE_NEW], ==, 1);
      g_assert_cmpuint (r2->counts[GT_EXCHANGE_ACK][GT_EXCHANGE_IGNORED], ==, 2);
      g_assert_cmpuint (r2->ignored->len, ==, 2);
      g_assert_nonnull (strstr (r2->ignored->pdata[0],
                                "acknowledgement 6f1d3b8f-1111-4222-8333-555555555555 is for the "
                                "notice “别的乡镇”, sent to office 330822199, not to " TOWNSHIP));
      g_assert_nonnull (strstr (r2->ignored->pdata[1],
                                "is for task deadbeef-1111-4222-8333-666666666666, which this "
                                "office did not issue; it was ignored"));
      outcome = gt_exchange_result_outcome_text (r2, GT_EXCHANGE_ACK);
      g_assert_cmpstr (outcome, ==, "1 new, 0 updated, 0 unchanged, 0 conflicting, 2 ignored");
      g_clear_pointer (&outcome, g_free);
    }
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_acks WHERE office_code"
                                              " = '" TOWNSHIP "' AND note = '收到'"), ==, 1);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_acks"), ==, 1);

  /* An acknowledgement stored before they were ignored is not counted for the notice either:
   * never more acknowledgements than targets. */
  g_assert_true (gt_storage_exec (fx->county,
                                  "INSERT INTO ex_acks (uuid, mtime, task_uuid, office_code,"
                                  " status, date) VALUES ('6f1d3b8f-1111-4222-8333-777777777777',"
                                  " '2026-12-02T08:00:00Z', '5e0c2a7e-1111-4222-8333-555555555555',"
                                  " '" TOWNSHIP "', 'done', '2026-12-02')", &error));
  tasks = gt_county_list_tasks (fx->county, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  for (guint i = 0; i < tasks->len; i++)
    {
      GtCountyTask *t = tasks->pdata[i];
      gboolean notice = g_strcmp0 (t->uuid, "5e0c2a7e-1111-4222-8333-555555555555") == 0;

      g_assert_cmpint (t->received, ==, notice ? 0 : 1);
      g_assert_cmpint (t->done, ==, 0);
    }
}

/* The county's links per member counts the links of active members only, as it counts the
 * members: a member who left keeps their links in the township's register. */
static void
test_county_links_active (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autoptr (GPtrArray) towns = NULL;
  const GtCountyTownship *t = NULL;
  gint64 all = 0, active = 0, members = 0, value = 0;

  g_assert_true (gt_storage_exec (fx->township,
                                  "UPDATE members SET status = 'exited' WHERE id IN"
                                  " (SELECT member_id FROM member_household_links"
                                  "  GROUP BY member_id ORDER BY count(*) DESC, member_id"
                                  "  LIMIT 1)", &error));
  g_assert_no_error (error);
  all = gt_test_count (fx->township, "SELECT count(*) FROM member_household_links");
  active = gt_test_count (fx->township, "SELECT count(*) FROM member_household_links l"
                                        " JOIN members m ON m.id = l.member_id"
                                        " WHERE m.status = 'active'");
  members = gt_test_count (fx->township, "SELECT count(*) FROM members"
                                         " WHERE status = 'active'");
  g_assert_cmpint (active, <, all);

  g_clear_pointer (&fx->report, g_free);
  fx->report = exchange_export (fx->dir, fx->township, "report-exited.xml",
                                GT_EXCHANGE_KIND_REPORT, NULL, FALSE);
  result = gt_exchange_import (fx->county, fx->report, GT_EXCHANGE_IMPORT_NO_BACKUP,
                               GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  towns = gt_county_summary (fx->county, "2026-11", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < towns->len; i++)
    if (g_strcmp0 (((GtCountyTownship *) towns->pdata[i])->code, TOWNSHIP) == 0)
      t = towns->pdata[i];
  g_assert_nonnull (t);
  g_assert_cmpint (t->members, ==, members);
  g_assert_cmpint (t->links, ==, active);
  g_assert_true (gt_county_metric_value (t, GT_COUNTY_RANK_LINKS_PER_MEMBER, &value));
  g_assert_cmpint (value, ==, active * 100 / members);
}

/* 400 tasks of 6 KB each (bodies of 1 990 characters, the schema allows 2 000): the parsing
 * thread's batches (1 MB) fill up after about 170, so a record that does not fit waits for
 * the next batch; every body arrives whole and in its own task. */
#define BIG_BODY "replace (hex (zeroblob (995)), '00', '党建')"

static void
test_large_records (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *dispatch = NULL;

  g_assert_true (gt_storage_exec (fx->county,
                                  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                  " WHERE i < 400)"
                                  " INSERT INTO ex_tasks (uuid, mtime, kind, title, body, due_date,"
                                  " issuer_code, issuer_name, target_code, issued_on)"
                                  " SELECT gt_uuid (), '2026-12-01T08:00:00Z', 'task', 'T' || i,"
                                  " 'T' || i || ':' || " BIG_BODY ", '2026-12-20', '330822',"
                                  " '常山县', '*', '2026-12-01' FROM n", &error));
  g_assert_no_error (error);
  dispatch = exchange_export (fx->dir, fx->county, "big.xml", GT_EXCHANGE_KIND_DISPATCH,
                              TOWNSHIP, FALSE);
  result = gt_exchange_import (fx->township, dispatch, 0, GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->counts[GT_EXCHANGE_TASK][GT_EXCHANGE_NEW], ==, 400);
  g_assert_cmpint (gt_test_count (fx->township, "SELECT count(*) FROM ex_tasks WHERE incoming"
                                                " AND body = title || ':' || " BIG_BODY), ==, 400);
}

/* The first text of @sql's first row. */
static char *
query_text (GtStorage *storage, const char *sql)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = GT_COLUMN_TEXT (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_nonnull (text);
  return text;
}

#define assert_message_has(error, part) exchange_assert_says ((error)->message, (part), NULL)

/* A notice longer than the exchange format's 2 000 characters is refused when it is issued:
 * no task is recorded and no package written (every township would refuse that package, and
 * with it every later dispatch, which repeats the outstanding tasks). */
static void
test_dispatch_too_long (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *body = gt_test_repeat ("通", 3100);
  g_autofree char *title = gt_test_repeat ("知", GT_NAME_MAX_CHARS + 1);
  g_autofree char *out = exchange_path (fx->dir, "usb");
  g_autoptr (GDir) dir = NULL;
  gint64 before = gt_test_count (fx->county, "SELECT count(*) FROM ex_tasks");

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_false (gt_county_issue_dispatch (fx->county, "notice", "关于做好基层党建工作的通知",
                                            body, NULL, TOWNSHIP, out, NULL, NULL, NULL, NULL,
                                            NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  assert_message_has (error, "the text: 3100 characters long; at most 2000 fit in an exchange "
                             "package");
  g_clear_error (&error);
  g_assert_false (gt_county_add_task (fx->county, "task", title, "短", NULL, "*", NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  assert_message_has (error, "the title: 201 characters long; at most 200");
  g_clear_error (&error);
  g_assert_cmpint (gt_test_count (fx->county, "SELECT count(*) FROM ex_tasks"), ==, before);
  dir = g_dir_open (out, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
}

/* A value over its XSD length that got into the database anyway (here by SQL) stops the
 * export with a message naming the record and the field, instead of a package that the
 * receiver refuses by line number; no file is left. */
#define LONG_TEXT "replace (hex (zeroblob (1225)), '00', '户户')" /* 2 450 characters */

static void
test_export_too_long (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = exchange_path (fx->dir, "long.xml");
  g_autofree char *head = NULL, *uuid = NULL;
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", NULL, NULL, FALSE,
                                      NULL };

  g_assert_true (gt_storage_exec (fx->township, "UPDATE households SET notes = " LONG_TEXT
                                  " WHERE id = (SELECT max (id) FROM households)", &error));
  g_assert_no_error (error);
  head = query_text (fx->township, "SELECT head_name FROM households ORDER BY id DESC LIMIT 1");
  uuid = query_text (fx->township, "SELECT uuid FROM households ORDER BY id DESC LIMIT 1");
  g_assert_false (gt_exchange_export (fx->township, path, &options, NULL, &error));
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  assert_message_has (error, path);
  assert_message_has (error, head);
  assert_message_has (error, uuid);
  assert_message_has (error, "field “Notes” (notes): 2450 characters; at most 2000");
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* a task's body (the element's text) in a dispatch likewise, naming the task's title */
  g_assert_true (gt_storage_exec (fx->county,
                                  "INSERT INTO ex_tasks (uuid, mtime, kind, title, body,"
                                  " issuer_code, issuer_name, target_code, issued_on) VALUES"
                                  " (gt_uuid (), '2026-12-01T08:00:00Z', 'notice', '长通知', "
                                  LONG_TEXT ", '330822', '常山县', '*', '2026-12-01')", &error));
  g_assert_no_error (error);
  options = (GtExchangeExportOptions) { GT_EXCHANGE_KIND_DISPATCH, NULL, TOWNSHIP, NULL, FALSE,
                                        NULL };
  g_assert_false (gt_exchange_export (fx->county, path, &options, NULL, &error));
  g_assert_error (error, GT_EXCHANGE_ERROR, GT_EXCHANGE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  assert_message_has (error, "长通知");
  assert_message_has (error, "field “Text” (text): 2450 characters");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
on_progress (double fraction, gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* Cancels the import at its first progress report, with records still being parsed. */
static void
cancel_on_progress (double fraction, gpointer data)
{
  GCancellable *cancel = data;

  g_assert_cmpfloat (fraction, <, 1.0);
  g_cancellable_cancel (cancel);
}

static void
test_progress_cancel (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_autoptr (GtExchangeResult) result = NULL;
  g_autofree char *before = exchange_digest (fx->county), *after = NULL;
  g_autofree char *path = exchange_path (fx->dir, "cancelled.xml");
  GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, "2026-11", NULL, NULL, FALSE,
                                      NULL };
  double last = 0;

  /* A cancelled import changes nothing; a cancelled export leaves no file. */
  g_cancellable_cancel (cancel);
  result = gt_exchange_import_full (fx->county, fx->report, 0, GT_EXCHANGE_RESOLVE_NONE, cancel,
                                    on_progress, &last, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);

  /* Cancelled half-way (the report holds over 8 192 records; progress comes every 4 096): the
   * parsing thread is stopped where it is, and nothing is changed. */
  g_clear_object (&cancel);
  cancel = g_cancellable_new ();
  result = gt_exchange_import_full (fx->county, fx->report, 0, GT_EXCHANGE_RESOLVE_NONE, cancel,
                                    cancel_on_progress, cancel, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancel));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = exchange_digest (fx->county);
  g_assert_cmpstr (before, ==, after);
  g_cancellable_cancel (cancel);

  g_assert_false (gt_exchange_export_full (fx->township, path, &options, cancel, NULL, NULL,
                                           NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Progress rises to 1. */
  g_assert_true (gt_exchange_export_full (fx->township, path, &options, NULL, on_progress, &last,
                                          NULL, &error));
  g_assert_cmpfloat (last, ==, 1.0);
  last = 0;
  result = gt_exchange_import_full (fx->county, path, 0, GT_EXCHANGE_RESOLVE_NONE, NULL,
                                    on_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, exchange_report_setup, func, exchange_report_teardown)
  ADD ("/exchange/keys", test_keys);
  ADD ("/exchange/roundtrip", test_roundtrip);
  ADD ("/exchange/conflicts", test_conflicts);
  ADD ("/exchange/take-incoming", test_take_incoming);
  ADD ("/exchange/mask", test_mask);
  ADD ("/exchange/mask-and-clear", test_mask_and_clear);
  ADD ("/exchange/dispatch-ack", test_dispatch_ack);
  ADD ("/exchange/dispatch-too-long", test_dispatch_too_long);
  ADD ("/exchange/export-too-long", test_export_too_long);
  ADD ("/exchange/county-links-active", test_county_links_active);
  ADD ("/exchange/large-records", test_large_records);
  ADD ("/exchange/progress-cancel", test_progress_cancel);
  return g_test_run ();
}
