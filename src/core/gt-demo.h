/* gt-demo.h — deterministic demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* Fills an empty database with the 常山县青石镇 赏石小镇 Party committee of the source
 * texts: 12 branches (机关 5, 农村 4, 关联 1, 拓展 2), 215 members, their villages,
 * households (about seven linked per member) and a year's 挂图作战 projects.
 * The same @seed always gives the same data. Refuses a database that already holds
 * organisations, leaving it unchanged. */
gboolean gt_demo_build_township (GtStorage *storage, guint32 seed, GError **error);
/* Makes the demo township another office (many townships for one county): @code (9 digits,
 * or NULL) becomes the office code and the prefix of its organisations' and villages' codes,
 * @name (or NULL) the office's name, its committee's and its chart title's. */
gboolean gt_demo_set_office (GtStorage *storage, const char *code, const char *name,
                             GError **error);

/* scoring (gt-demo-scoring.c): a year of 学分 + 工分 entries for the demo members and the
 * published 2026-H1 evaluation; called inside the demo's transaction. */
gboolean gt_demo_scoring_build (GtStorage *storage, guint32 seed, GError **error);
/* Reports the share done, 0 to 1, now and then during a long build. */
typedef void (*GtDemoProgress) (double fraction, gpointer user_data);

/* Fills an empty database with a prefecture-scale tree for benchmarks and county views:
 * @members members (200 000 for 衢州) in counties of about 20 000, townships of about
 * 1 400 with four township branches and village branches of about 45 with one to three
 * 党小组 each (about 12 000 organisations for 200 000 members), seven households linked
 * per village member, valid and unique ID numbers; a year of meetings, dues and points
 * and a project library (one project for every 250 members). Deterministic for a @seed.
 * Everything but the published 2026-H1 evaluation is one transaction; the evaluation is a
 * second one (should it fail, the data stays and the error says why). Refuses a database
 * that already holds organisations. */
gboolean gt_demo_build_scale (GtStorage *storage, gint64 members, guint32 seed,
                              GtDemoProgress progress, gpointer progress_data, GError **error);
/* charts: the wall-chart settings of the demo (gt-demo-charts.c) */
gboolean gt_demo_charts_build (GtStorage *storage, GError **error);

G_END_DECLS
