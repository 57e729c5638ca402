/* roster-fixture.h — the demo township copied for each roster test, and its checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-roster.h"
#include "gt-test-demo.h"

G_BEGIN_DECLS

#define ROSTER_DEMO_SEED 20180730 /* guatu-cli demo's default: dup-in-db.csv holds one of its IDs */
#define ROSTER_DEMO_MEMBERS 215

/* Builds the demo once per test program; every test opens its own copy of it. */
void roster_fixture_init (void);
void roster_fixture_cleanup (void);
/* g_test_run (), then roster_fixture_cleanup (): the end of each roster test program. */
int roster_fixture_run (void);
void roster_db_open (GtTestDemo *db);

/* The errors of @report must be exactly @expected: "LINE COLUMN" pairs ("-" for none). */
void roster_assert_errors (GtRosterReport *report, const char *const *expected);

/* A file of tests/data/roster. */
char *roster_fixture_path (const char *name);
/* The report of a file of tests/data/roster, or of @text, read without error. */
GtRosterReport *roster_parse_file (GtTestDemo *db, const char *name, const char *org);
GtRosterReport *roster_parse_text (GtTestDemo *db, const char *text, const char *org);

G_END_DECLS
