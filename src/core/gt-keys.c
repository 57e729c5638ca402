/* gt-keys.c — ECDSA P-256 keys with OpenSSL 3's EVP API: generate, export, trust, sign, verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <string.h>

#include "gt-audit.h"
#include "gt-exchange.h"
#include "gt-keys.h"

G_DEFINE_QUARK (gt-keys-error-quark, gt_keys_error)

struct _GtSigner
{
  EVP_MD_CTX *ctx;
  EVP_PKEY *key;
  char *fingerprint;
};

struct _GtVerifier
{
  EVP_MD_CTX *ctx;
  EVP_PKEY *key;
};

void
gt_trusted_key_free (GtTrustedKey *key)
{
  if (key == NULL)
    return;
  g_free (key->fingerprint);
  g_free (key->alg);
  g_free (key->org_code);
  g_free (key->name);
  g_free (key->enrolled_on);
  g_free (key->public_pem);
  g_free (key);
}

static gboolean
ssl_fail (GError **error, const char *doing)
{
  char buf[256] = "";
  unsigned long code = ERR_get_error ();

  if (code != 0)
    ERR_error_string_n (code, buf, sizeof buf);
  ERR_clear_error ();
  g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_FAILED, _("OpenSSL could not %s: %s"), doing,
               buf[0] != '\0' ? buf : _("unknown error"));
  return FALSE;
}

static char *
bio_to_string (BIO *bio)
{
  char *data = NULL;
  long n = BIO_get_mem_data (bio, &data);
  return g_strndup (data, n);
}

/* SHA-256 of the key's DER SubjectPublicKeyInfo, as hex. */
static char *
key_fingerprint (EVP_PKEY *key)
{
  unsigned char *der = NULL;
  int n = i2d_PUBKEY (key, &der);
  char *hex;

  if (n <= 0)
    return NULL;
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der, n);
  OPENSSL_free (der);
  return hex;
}

static gboolean
key_is_p256 (EVP_PKEY *key)
{
  char curve[64] = "";
  size_t len = 0;

  if (EVP_PKEY_get_base_id (key) != EVP_PKEY_EC)
    return FALSE;
  if (!EVP_PKEY_get_utf8_string_param (key, "group", curve, sizeof curve, &len))
    return FALSE;
  return strcmp (curve, "prime256v1") == 0 || strcmp (curve, "P-256") == 0;
}

static EVP_PKEY *
read_public_pem (const char *pem, gssize length, GError **error)
{
  BIO *bio;
  EVP_PKEY *key;

  if (length < 0)
    length = strlen (pem);
  if (length > 8192 || memchr (pem, '\0', length) != NULL)
    {
      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_KEY,
                   _("not a public key in PEM form"));
      return NULL;
    }
  bio = BIO_new_mem_buf (pem, (int) length);
  key = PEM_read_bio_PUBKEY (bio, NULL, NULL, NULL);
  BIO_free (bio);
  ERR_clear_error ();
  if (key == NULL || !key_is_p256 (key))
    {
      EVP_PKEY_free (key);
      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_KEY,
                   _("not an ECDSA P-256 public key in PEM form (“-----BEGIN PUBLIC KEY-----”)"));
      return NULL;
    }
  return key;
}

gboolean
gt_keys_have_own (GtStorage *storage)
{
  gint64 n = 0;
  return gt_storage_query_int64 (storage, "SELECT count(*) FROM ex_office_key", &n, NULL) && n > 0;
}

gboolean
gt_keys_generate (GtStorage *storage, gboolean replace, GError **error)
{
  EVP_PKEY *key;
  BIO *priv, *pub;
  g_autofree char *priv_pem = NULL, *pub_pem = NULL, *fingerprint = NULL, *now = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!replace && gt_keys_have_own (storage))
    {
      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_EXISTS,
                   _("%s: this office already has a key; replacing it means every other "
                     "office must enrol the new one"), gt_storage_get_path (storage));
      return FALSE;
    }
  key = EVP_EC_gen ("P-256");
  if (key == NULL)
    return ssl_fail (error, _("generate a key"));
  priv = BIO_new (BIO_s_mem ());
  pub = BIO_new (BIO_s_mem ());
  ok = PEM_write_bio_PrivateKey (priv, key, NULL, NULL, 0, NULL, NULL) &&
       PEM_write_bio_PUBKEY (pub, key);
  if (ok)
    {
      priv_pem = bio_to_string (priv);
      pub_pem = bio_to_string (pub);
      fingerprint = key_fingerprint (key);
    }
  BIO_free (priv);
  BIO_free (pub);
  EVP_PKEY_free (key);
  if (!ok || fingerprint == NULL)
    return ssl_fail (error, _("write the key"));

  now = gt_now_iso8601 ();
  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage,
                             "INSERT OR REPLACE INTO ex_office_key (id, alg, private_pem, public_pem,"
                             " fingerprint, created) VALUES (1, ?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, GT_KEYS_ALG, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, priv_pem, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, pub_pem, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, fingerprint, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
      /* The table is invisible to the pre-update hook; log the event without the key. */
      gt_audit_bulk_begin (storage);
      ok = gt_storage_step_done (storage, stmt, error);
      summary = g_strdup_printf (_("office key generated, fingerprint %s"), fingerprint);
      gt_audit_bulk_end (storage, summary);
    }
  memset (priv_pem, 0, strlen (priv_pem));
  if (ok)
    ok = gt_storage_commit (storage, error);
  if (!ok)
    gt_storage_rollback (storage);
  return ok;
}

static gboolean
own_key (GtStorage *storage, char **priv_pem, char **pub_pem, char **fingerprint, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT private_pem, public_pem, fingerprint"
                                                    " FROM ex_office_key WHERE id = 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (priv_pem != NULL)
        *priv_pem = GT_COLUMN_TEXT (stmt, 0);
      if (pub_pem != NULL)
        *pub_pem = GT_COLUMN_TEXT (stmt, 1);
      if (fingerprint != NULL)
        *fingerprint = GT_COLUMN_TEXT (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the office key"));
      return FALSE;
    }
  g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_NO_KEY,
               _("%s: this office has no key yet; run “guatu-cli keys generate” first"),
               gt_storage_get_path (storage));
  return FALSE;
}

char *
gt_keys_get_public_pem (GtStorage *storage, char **fingerprint, GError **error)
{
  char *pem = NULL;

  if (!own_key (storage, NULL, &pem, fingerprint, error))
    return NULL;
  return pem;
}

char *
gt_keys_format_fingerprint (const char *hex)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; hex != NULL && hex[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, hex[i]);
    }
  return g_string_free (out, FALSE);
}

char *
gt_keys_fingerprint_pem (const char *pem, gssize length, GError **error)
{
  EVP_PKEY *key = read_public_pem (pem, length, error);
  char *fingerprint;

  if (key == NULL)
    return NULL;
  fingerprint = key_fingerprint (key);
  EVP_PKEY_free (key);
  if (fingerprint == NULL)
    ssl_fail (error, _("read the key"));
  return fingerprint;
}

static char *
normalise_fingerprint (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

gboolean
gt_keys_trust (GtStorage *storage, const char *pem, gsize length, const char *org_code,
               const char *name, const char *expected_fingerprint, char **fingerprint_out,
               GError **error)
{
  return gt_keys_trust_full (storage, pem, length, org_code, name, expected_fingerprint, FALSE,
                             fingerprint_out, error);
}

/* "CODE (NAME)", or "CODE" without a name. */
static char *
office_text (const char *code, const char *name)
{
  if (name == NULL || *name == '\0')
    return g_strdup (code);
  /* TRANSLATORS: an office in a message: its code and its name */
  return g_strdup_printf (_("%s (%s)"), code, name);
}

/* This office's own key is never another office's (a county that trusted its own key for a
 * township would accept its own packages as that township's). */
static gboolean
check_own_key (GtStorage *storage, const char *fingerprint, GError **error)
{
  g_autofree char *own = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT fingerprint FROM ex_office_key"
                                                    " WHERE id = 1", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    own = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (own == NULL || g_ascii_strcasecmp (own, fingerprint) != 0)
    return TRUE;
  g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_OWN_KEY,
               _("this is this office's own key; trust the key the other office exported"));
  return FALSE;
}

/* Another key already trusted for @org_code: refused, or with @replace no longer trusted;
 * its office name in @name_out. */
static gboolean
check_office_key (GtStorage *storage, const char *fingerprint, const char *org_code,
                  gboolean replace, char **name_out, GError **error)
{
  g_autofree char *other = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT fingerprint, name FROM ex_trusted_keys"
                                           " WHERE org_code = ? AND fingerprint <> ?"
                                           " ORDER BY enrolled_on DESC",
                                           error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, org_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, fingerprint, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      other = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *name_out = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (other == NULL)
    return TRUE;
  if (!replace)
    {
      g_autofree char *shown = gt_keys_format_fingerprint (other);
      g_autofree char *office = office_text (org_code, *name_out);

      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_OFFICE_HAS_KEY,
                   _("office %s already has the trusted key %s; a new key of that office"
                     " (a new computer, a lost key) replaces it only when asked to, and its"
                     " packages signed with the old key are then no longer accepted"),
                   office, shown);
      return FALSE;
    }
  stmt = gt_storage_prepare (storage, "DELETE FROM ex_trusted_keys WHERE org_code = ?"
                                      " AND fingerprint <> ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, org_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, fingerprint, -1, SQLITE_STATIC);
  return gt_storage_step_done (storage, stmt, error);
}

/* The key trusted for another office than @org_code: refused (moved only when asked to). */
static gboolean
check_key_elsewhere (GtStorage *storage, const char *fingerprint, const char *org_code,
                     const char *name, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GtTrustedKey) known = gt_keys_find_trusted (storage, fingerprint, &local);

  if (known == NULL && !g_error_matches (local, GT_KEYS_ERROR, GT_KEYS_ERROR_UNTRUSTED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (known != NULL && g_strcmp0 (known->org_code, org_code) != 0)
    {
      g_autofree char *shown = gt_keys_format_fingerprint (fingerprint);
      g_autofree char *old_office = office_text (known->org_code, known->name);
      g_autofree char *new_office = office_text (org_code, name);

      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_EXISTS,
                   _("the key %s is trusted for office %s; it moves to office %s only when "
                     "asked to (remove it from the trusted keys first, or replace its office)"),
                   shown, old_office, new_office);
      return FALSE;
    }
  return TRUE;
}

gboolean
gt_keys_check_trust (GtStorage *storage, const char *fingerprint, const char *org_code,
                     GError **error)
{
  g_autofree char *fp = normalise_fingerprint (fingerprint);
  g_autofree char *name = NULL;

  return gt_exchange_check_code (org_code, error) &&
         check_key_elsewhere (storage, fp, org_code, NULL, error) &&
         check_own_key (storage, fp, error) &&
         check_office_key (storage, fp, org_code, FALSE, &name, error);
}

gboolean
gt_keys_trust_full (GtStorage *storage, const char *pem, gsize length, const char *org_code,
                    const char *name, const char *expected_fingerprint, gboolean replace,
                    char **fingerprint_out, GError **error)
{
  EVP_PKEY *key;
  BIO *bio;
  g_autofree char *fingerprint = NULL, *clean_pem = NULL, *today = NULL, *inherited = NULL;
  sqlite3_stmt *stmt;

  if (org_code == NULL || *org_code == '\0')
    return gt_storage_refuse (storage, error, _("a trusted key needs the office code of its "
                                                "owner"));
  /* The code goes into packages and into the names of their files: "abc/../x" is refused
   * here, not when a dispatch cannot find its file. */
  if (!gt_exchange_check_code (org_code, error) ||
      !gt_storage_check_length (storage, _("the office name"), name, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  key = read_public_pem (pem, length, error);
  if (key == NULL)
    return FALSE;
  fingerprint = key_fingerprint (key);
  bio = BIO_new (BIO_s_mem ());
  PEM_write_bio_PUBKEY (bio, key);
  clean_pem = bio_to_string (bio);
  BIO_free (bio);
  EVP_PKEY_free (key);
  if (fingerprint == NULL)
    return ssl_fail (error, _("read the key"));
  if (expected_fingerprint != NULL)
    {
      g_autofree char *expected = normalise_fingerprint (expected_fingerprint);
      if (strcmp (expected, fingerprint) != 0)
        {
          g_autofree char *shown = gt_keys_format_fingerprint (fingerprint);
          g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_MISMATCH,
                       _("the key's fingerprint is %s, not the one given; it was not enrolled"),
                       shown);
          return FALSE;
        }
    }

  if (!replace && !check_key_elsewhere (storage, fingerprint, org_code, name, error))
    return FALSE;
  if (!check_own_key (storage, fingerprint, error) ||
      !check_office_key (storage, fingerprint, org_code, replace, &inherited, error))
    return FALSE;
  if ((name == NULL || *name == '\0') && inherited != NULL)
    name = inherited;

  today = gt_today ();
  /* Enrolled again for the same office without a name: the name stored stays. */
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO ex_trusted_keys (fingerprint, alg, org_code, name,"
                             " public_pem, enrolled_on) VALUES (?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (fingerprint) DO UPDATE SET org_code = excluded.org_code,"
                             " name = CASE WHEN excluded.name = '' AND org_code = excluded.org_code"
                             " THEN name ELSE excluded.name END",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fingerprint, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, GT_KEYS_ALG, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, org_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, name != NULL ? name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, clean_pem, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, today, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  gt_storage_emit_changed (storage, "ex_trusted_keys");
  if (fingerprint_out != NULL)
    *fingerprint_out = g_steal_pointer (&fingerprint);
  return TRUE;
}

gboolean
gt_keys_untrust (GtStorage *storage, const char *fingerprint, GError **error)
{
  g_autofree char *fp = normalise_fingerprint (fingerprint);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "DELETE FROM ex_trusted_keys"
                                                    " WHERE fingerprint = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fp, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (sqlite3_changes (gt_storage_get_db (storage)) == 0)
    return gt_storage_refuse (storage, error, _("no trusted key has the fingerprint %s"),
                              fingerprint);
  gt_storage_emit_changed (storage, "ex_trusted_keys");
  return TRUE;
}

static gpointer
read_trusted (sqlite3_stmt *stmt)
{
  GtTrustedKey *key = g_new0 (GtTrustedKey, 1);

  key->fingerprint = GT_COLUMN_TEXT (stmt, 0);
  key->alg = GT_COLUMN_TEXT (stmt, 1);
  key->org_code = GT_COLUMN_TEXT (stmt, 2);
  key->name = GT_COLUMN_TEXT (stmt, 3);
  key->enrolled_on = GT_COLUMN_TEXT (stmt, 4);
  key->public_pem = GT_COLUMN_TEXT (stmt, 5);
  return key;
}

#define TRUSTED_COLUMNS "fingerprint, alg, org_code, name, enrolled_on, public_pem"

GPtrArray *
gt_keys_list_trusted (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT " TRUSTED_COLUMNS
                                                    " FROM ex_trusted_keys ORDER BY org_code, id",
                                           error);
  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_trusted, (GDestroyNotify) gt_trusted_key_free,
                             error);
}

GtTrustedKey *
gt_keys_find_trusted (GtStorage *storage, const char *fingerprint, GError **error)
{
  g_autoptr (GPtrArray) found = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT " TRUSTED_COLUMNS
                                                    " FROM ex_trusted_keys WHERE fingerprint = ?",
                                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fingerprint, -1, SQLITE_TRANSIENT);
  found = gt_storage_collect (storage, stmt, read_trusted, (GDestroyNotify) gt_trusted_key_free,
                              error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_autofree char *shown = gt_keys_format_fingerprint (fingerprint);
      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_UNTRUSTED,
                   _("signed by a key that is not in this office's trust list (fingerprint %s)"),
                   shown);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

GtSigner *
gt_signer_new (GtStorage *storage, GError **error)
{
  g_autofree char *priv_pem = NULL;
  GtSigner *signer;
  BIO *bio;

  signer = g_new0 (GtSigner, 1);
  if (!own_key (storage, &priv_pem, NULL, &signer->fingerprint, error))
    {
      gt_signer_free (signer);
      return NULL;
    }
  bio = BIO_new_mem_buf (priv_pem, -1);
  signer->key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  BIO_free (bio);
  memset (priv_pem, 0, strlen (priv_pem));
  signer->ctx = EVP_MD_CTX_new ();
  if (signer->key == NULL ||
      EVP_DigestSignInit (signer->ctx, NULL, EVP_sha256 (), NULL, signer->key) != 1)
    {
      ssl_fail (error, _("load this office's key"));
      gt_signer_free (signer);
      return NULL;
    }
  return signer;
}

void
gt_signer_update (GtSigner *signer, const void *data, gsize length)
{
  EVP_DigestSignUpdate (signer->ctx, data, length);
}

char *
gt_signer_finish (GtSigner *signer, GError **error)
{
  unsigned char sig[GT_KEYS_MAX_SIGNATURE + 64];
  size_t len = sizeof sig;

  if (EVP_DigestSignFinal (signer->ctx, sig, &len) != 1)
    {
      ssl_fail (error, _("sign the package"));
      return NULL;
    }
  return g_base64_encode (sig, len);
}

const char *
gt_signer_get_fingerprint (GtSigner *signer)
{
  return signer->fingerprint;
}

void
gt_signer_free (GtSigner *signer)
{
  if (signer == NULL)
    return;
  EVP_MD_CTX_free (signer->ctx);
  EVP_PKEY_free (signer->key);
  g_free (signer->fingerprint);
  g_free (signer);
}

GtVerifier *
gt_verifier_new (const char *public_pem, GError **error)
{
  GtVerifier *verifier = g_new0 (GtVerifier, 1);

  verifier->key = read_public_pem (public_pem, -1, error);
  if (verifier->key == NULL)
    {
      g_free (verifier);
      return NULL;
    }
  /* A plain SHA-256 of the signed bytes, checked with EVP_PKEY_verify at the end (what
   * EVP_DigestVerify does), so that the same pass can also give the whole file's digest. */
  verifier->ctx = EVP_MD_CTX_new ();
  if (EVP_DigestInit_ex (verifier->ctx, EVP_sha256 (), NULL) != 1)
    {
      ssl_fail (error, _("prepare the check of the signature"));
      gt_verifier_free (verifier);
      return NULL;
    }
  return verifier;
}

void
gt_verifier_update (GtVerifier *verifier, const void *data, gsize length)
{
  EVP_DigestUpdate (verifier->ctx, data, length);
}

gboolean
gt_verifier_finish_with_tail (GtVerifier *verifier, const void *tail, gsize tail_length,
                              guint8 sha256[32], const guint8 *signature, gsize length,
                              GError **error)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  EVP_PKEY_CTX *pctx;
  int rc = 0;

  if (sha256 != NULL)
    {
      EVP_MD_CTX *whole = EVP_MD_CTX_new ();
      unsigned int whole_len = 0;

      if (EVP_MD_CTX_copy_ex (whole, verifier->ctx) != 1 ||
          EVP_DigestUpdate (whole, tail, tail_length) != 1 ||
          EVP_DigestFinal_ex (whole, sha256, &whole_len) != 1 || whole_len != 32)
        {
          EVP_MD_CTX_free (whole);
          return ssl_fail (error, _("compute the file's checksum"));
        }
      EVP_MD_CTX_free (whole);
    }
  if (EVP_DigestFinal_ex (verifier->ctx, md, &md_len) != 1)
    return ssl_fail (error, _("check the signature"));
  pctx = EVP_PKEY_CTX_new (verifier->key, NULL);
  if (pctx != NULL && EVP_PKEY_verify_init (pctx) == 1 &&
      EVP_PKEY_CTX_set_signature_md (pctx, EVP_sha256 ()) == 1)
    rc = EVP_PKEY_verify (pctx, signature, length, md, md_len);
  EVP_PKEY_CTX_free (pctx);
  ERR_clear_error ();
  if (rc != 1)
    {
      g_set_error (error, GT_KEYS_ERROR, GT_KEYS_ERROR_BAD_SIGNATURE,
                   _("the signature does not match the contents: the file was changed or "
                     "damaged after it was signed"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gt_verifier_finish (GtVerifier *verifier, const guint8 *signature, gsize length, GError **error)
{
  return gt_verifier_finish_with_tail (verifier, NULL, 0, NULL, signature, length, error);
}

void
gt_verifier_free (GtVerifier *verifier)
{
  if (verifier == NULL)
    return;
  EVP_MD_CTX_free (verifier->ctx);
  EVP_PKEY_free (verifier->key);
  g_free (verifier);
}
