/* gt-keys.h — the office's signing key and the trust list of other offices' public keys
 *
 * Each office holds one ECDSA P-256 key pair (OpenSSL 3 EVP), generated in Guatu and kept in
 * the database (whose file is mode 0600). Its public key travels as PEM
 * (SubjectPublicKeyInfo); its fingerprint is the SHA-256 of that key's DER form, written as
 * 64 lower-case hex digits in packages and shown to people in groups of four
 * ("1a2b 3c4d …") so that two offices can compare it by phone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_KEYS_ALG "ecdsa-p256-sha256"
/* Longest DER ECDSA P-256 signature (2 × 33-byte INTEGER + headers). */
#define GT_KEYS_MAX_SIGNATURE 80

#define GT_KEYS_ERROR (gt_keys_error_quark ())

typedef enum
{
  GT_KEYS_ERROR_NO_KEY,      /* this office has no key yet */
  GT_KEYS_ERROR_EXISTS,      /* a key exists and would be replaced */
  GT_KEYS_ERROR_BAD_KEY,     /* not a P-256 public key in PEM */
  GT_KEYS_ERROR_MISMATCH,    /* fingerprint differs from the one read out by phone */
  GT_KEYS_ERROR_UNTRUSTED,   /* signed by a key not in the trust list */
  GT_KEYS_ERROR_BAD_SIGNATURE,
  GT_KEYS_ERROR_FAILED,      /* OpenSSL failed */
  GT_KEYS_ERROR_OFFICE_HAS_KEY, /* the office has another key trusted already */
  GT_KEYS_ERROR_OWN_KEY,     /* this office's own key offered as another office's */
} GtKeysError;

GQuark gt_keys_error_quark (void);

typedef struct
{
  char *fingerprint; /* 64 lower-case hex digits */
  char *alg;
  char *org_code;
  char *name;
  char *enrolled_on; /* YYYY-MM-DD */
  char *public_pem;
} GtTrustedKey;

void gt_trusted_key_free (GtTrustedKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtTrustedKey, gt_trusted_key_free)

/* Generates this office's key pair and stores it. Refuses to replace an existing key unless
 * @replace (packages signed with the old key will no longer be recognised by others). */
gboolean gt_keys_generate (GtStorage *storage, gboolean replace, GError **error);
/* TRUE when this office has a key. */
gboolean gt_keys_have_own (GtStorage *storage);
/* This office's public key as PEM (SubjectPublicKeyInfo), and its fingerprint. */
char *gt_keys_get_public_pem (GtStorage *storage, char **fingerprint, GError **error);

/* "1a2b3c…" → "1a2b 3c4d 5e6f …" (newly allocated). */
char *gt_keys_format_fingerprint (const char *hex);

/* The fingerprint (64 hex digits) of a P-256 public key in PEM, without enrolling it, so
 * that it can be read out by phone first; NULL with GT_KEYS_ERROR_BAD_KEY. */
char *gt_keys_fingerprint_pem (const char *pem, gssize length, GError **error);

/* Enrols another office's public key (@pem, PEM text) for @org_code. When
 * @expected_fingerprint is not NULL (spaces and case ignored) it must match. Enrolling the
 * same key again for the same office updates its name, and keeps the name stored when @name
 * is NULL or empty. A key trusted for another office is refused with GT_KEYS_ERROR_EXISTS
 * naming both offices. @fingerprint (may be NULL) receives the key's fingerprint. */
gboolean gt_keys_trust (GtStorage *storage, const char *pem, gsize length, const char *org_code,
                        const char *name, const char *expected_fingerprint, char **fingerprint,
                        GError **error);
/* The same; this office's own key is refused (GT_KEYS_ERROR_OWN_KEY), and a new key for an
 * office that has another key trusted is refused with GT_KEYS_ERROR_OFFICE_HAS_KEY. With
 * @replace a key trusted for another office moves to @org_code, and the keys trusted for
 * @org_code before are no longer trusted (an office that made a new key); the new key
 * keeps their office name when @name is empty. */
gboolean gt_keys_trust_full (GtStorage *storage, const char *pem, gsize length,
                             const char *org_code, const char *name,
                             const char *expected_fingerprint, gboolean replace,
                             char **fingerprint, GError **error);
/* What gt_keys_trust_full () without @replace would refuse, checked without writing
 * anything: GT_KEYS_ERROR_EXISTS, GT_KEYS_ERROR_OWN_KEY or GT_KEYS_ERROR_OFFICE_HAS_KEY,
 * with the same messages. */
gboolean gt_keys_check_trust (GtStorage *storage, const char *fingerprint, const char *org_code,
                              GError **error);
/* Removes a key from the trust list. */
gboolean gt_keys_untrust (GtStorage *storage, const char *fingerprint, GError **error);
/* The trust list, by organisation code (GtTrustedKey). */
GPtrArray *gt_keys_list_trusted (GtStorage *storage, GError **error);
/* The trusted key with @fingerprint, or NULL with GT_KEYS_ERROR_UNTRUSTED. */
GtTrustedKey *gt_keys_find_trusted (GtStorage *storage, const char *fingerprint, GError **error);

/* Signing with this office's key, fed in pieces. */
typedef struct _GtSigner GtSigner;
GtSigner *gt_signer_new (GtStorage *storage, GError **error);
void gt_signer_update (GtSigner *signer, const void *data, gsize length);
/* The DER signature, base64-encoded; NULL on an OpenSSL failure. */
char *gt_signer_finish (GtSigner *signer, GError **error);
const char *gt_signer_get_fingerprint (GtSigner *signer);
void gt_signer_free (GtSigner *signer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtSigner, gt_signer_free)

/* Verifying with a public key (PEM), fed in pieces. */
typedef struct _GtVerifier GtVerifier;
GtVerifier *gt_verifier_new (const char *public_pem, GError **error);
void gt_verifier_update (GtVerifier *verifier, const void *data, gsize length);
/* FALSE with GT_KEYS_ERROR_BAD_SIGNATURE when @signature (DER) does not match. */
gboolean gt_verifier_finish (GtVerifier *verifier, const guint8 *signature, gsize length,
                             GError **error);
/* The same, and (when @sha256 is not NULL) the SHA-256 of everything fed followed by @tail,
 * from the same pass over the bytes. */
gboolean gt_verifier_finish_with_tail (GtVerifier *verifier, const void *tail, gsize tail_length,
                                       guint8 sha256[32], const guint8 *signature, gsize length,
                                       GError **error);
void gt_verifier_free (GtVerifier *verifier);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtVerifier, gt_verifier_free)

G_END_DECLS
