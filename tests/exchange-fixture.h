/* exchange-fixture.h — a demo township and its county, for the exchange tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_END_DECLS
