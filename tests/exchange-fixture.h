/* exchange-fixture.h — a demo township and its county, for the exchange tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-exchange.h"
#include "gt-storage.h"

G_BEGIN_DECLS

#define EXCHANGE_TOWNSHIP "330822105"
#define EXCHANGE_COUNTY "330822"

/* @into enrols the public key of @from for office @code. */
void exchange_trust (GtStorage *from, GtStorage *into, const char *code, const char *name);

/* A new folder (*@dir) holding the demo township (township.db) and the county 常山县 above it
 * (county.db), each with its signing key and each trusting the other's. */
void exchange_offices_open (const char *prefix, char **dir, GtStorage **township,
                            GtStorage **county);
void exchange_offices_close (char **dir, GtStorage **township, GtStorage **county);

/* A township and its county (exchange_offices_open) with a report the township exported
 * for the county (report.xml). */
typedef struct
{
  char *dir;
  GtStorage *township;
  GtStorage *county;
  char *report;
} ExchangeReport;

void exchange_report_setup (ExchangeReport *fx, gconstpointer data);
void exchange_report_teardown (ExchangeReport *fx, gconstpointer data);

/* @name in @dir (a new string). */
char *exchange_path (const char *dir, const char *name);
/* @storage's package of @kind for the period 2026-11 to @to (NULL: its county), in @dir. */
char *exchange_export (const char *dir, GtStorage *storage, const char *name,
                       GtExchangeKind kind, const char *to, gboolean mask);
/* Every row of every table an import may write, as one checksum. */
char *exchange_digest (GtStorage *storage);
char *exchange_read_all (const char *path, gsize *length);
/* The bytes before the signature line of @path. */
char *exchange_body_of (const char *path);
/* The reader over @doc (@length bytes, named @name in messages), header and records read
 * to the end: NULL when it reads to the end, else its error. */
GError *exchange_read_to_end (const char *name, const char *doc, gsize length);
/* The reader's refusal of @doc, named "bad.xml": the message (a new string, also logged
 * with g_test_message ()) of a GT_EXCHANGE_ERROR, whose code goes into @code. */
char *exchange_refusal (const char *doc, gsize length, int *code);
/* @message holds each of the NULL-ended @parts; it fails naming the first that is not. */
void exchange_assert_says (const char *message, ...) G_GNUC_NULL_TERMINATED;
/* A package from the township to the county around @bodies (elements with their lists),
 * with @doctype before the root and @counts the <counts> attribute text; unsigned. */
char *exchange_small_package (const char *doctype, const char *counts, const char *bodies);
/* @body signed with @storage's key, written to @name in @dir. */
char *exchange_signed_file (const char *dir, GtStorage *storage, const char *name,
                            const char *body, gsize length);

G_END_DECLS
