/* fuzz-exchange.c — the exchange package checks on any bytes: the signature-line scan, then
 * the bounded, validating reader (the part a trusted but careless or compromised office
 * could feed). Every refusal says why and names a line; accepted records carry a uuid, a
 * revision and an mtime; nothing reads past the input; and the reader, which checks some of
 * the XSD's patterns in C, agrees with the whole XSD.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "gt-exchange-private.h"

/* Any P-256 public key: the signature check fails on fuzzed input, after the line scan. */
static const char public_pem[] =
  "-----BEGIN PUBLIC KEY-----\n"
  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEb5vRW0XShqWSFIYHFw/TiFlwtj9C\n"
  "dbxrkUuo69cAm/BCKVOAAKwMdUPPB/O06rr1kgHf7ywaUkTtlLwvidUxDw==\n"
  "-----END PUBLIC KEY-----\n";

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  FUZZ_SETUP ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtExchangeSignature) sig = NULL;
  g_autoptr (GtExchangeReader) reader = NULL;
  g_autoptr (GtExchangeResult) result = gt_exchange_result_new ("fuzz.xml");
  GtExchangeRecord record;
  guint records = 0;

  sig = gt_exchange_check_signature_with (public_pem, "fuzz.xml", data, size, &error);
  if (sig == NULL && error == NULL)
    FUZZ_FAIL ("signature refused without a reason");
  g_clear_error (&error);

  reader = gt_exchange_reader_new ("fuzz.xml", (const char *) data, size, &error);
  if (reader == NULL)
    {
      if (error == NULL)
        FUZZ_FAIL ("reader refused without a reason");
      return 0;
    }
  if (!gt_exchange_reader_read_header (reader, result, &error))
    {
      if (error == NULL || strstr (error->message, "fuzz.xml") == NULL)
        FUZZ_FAIL ("a refused header without a reason naming the file");
      return 0;
    }
  while (gt_exchange_reader_next (reader, &record, &error))
    {
      GString *json = g_string_new (NULL);

      if (record.uuid == NULL || record.mtime == NULL || record.rev < 1)
        FUZZ_FAIL ("a record without uuid, rev or mtime");
      if ((guint) record.type >= GT_EXCHANGE_N_TYPES)
        FUZZ_FAIL ("a record of no type");
      gt_exchange_record_to_json (&record, json);
      if (!g_utf8_validate (json->str, json->len, NULL))
        FUZZ_FAIL ("a record that is not UTF-8");
      g_string_free (json, TRUE);
      if (++records > size)
        FUZZ_FAIL ("more records than bytes");
    }
  if (error != NULL && strstr (error->message, "fuzz.xml") == NULL)
    FUZZ_FAIL ("an error that does not name the file");
  /* The reader checks some of the XSD's patterns itself (gt-exchange-xsd.c): what it reads
   * to the end is valid against the whole XSD, and what it refuses for a pattern is not. */
  if (error == NULL || strstr (error->message, "does not match the pattern") != NULL)
    {
      static GtExchangeXsd *whole;
      gboolean valid;

      if (whole == NULL)
        whole = gt_exchange_xsd_new (NULL, FALSE);
      valid = gt_exchange_xsd_valid (whole, (const char *) data, size);
      if (error == NULL && !valid)
        FUZZ_FAIL ("read to the end, but not valid against the whole XSD");
      if (error != NULL && valid)
        FUZZ_FAIL ("refused for a pattern the whole XSD accepts");
    }
  return 0;
}
