/* score-fixture.h — a database with three branches and the current rules, for the scoring
 * tests, and the helpers that add members and points to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-points.h"
#include "gt-ratings.h"
#include "gt-score-rules.h"
#include "gt-test-demo.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *path;
  GtStorage *storage;
  GtScoreRules *rules;
  gint64 org_x, org_y, org_fix;
  int n;
} Fixture;

#define count gt_test_count

void score_exec (GtStorage *storage, const char *sql);
gint64 score_add_org (Fixture *fx, const char *name, const char *kind);
gint64 score_add_member (Fixture *fx, gint64 org_id, const char *name);
void score_points (Fixture *fx, gint64 member, const char *month, const char *item, int times,
                   int size);
/* All four basic items in each month of Q3 2026: 5 × 3 = 15 points. */
void score_basics_q3 (Fixture *fx, gint64 member);
void score_setup (Fixture *fx, gconstpointer data);
void score_teardown (Fixture *fx, gconstpointer data);
GtScoreResult *score_find (GtScoreRun *run, gint64 id);
GtScoreRun *score_compute (Fixture *fx, const char *kind, const char *period_text);
void score_set_rule (Fixture *fx, const char *key, const char *value);

G_END_DECLS
