/* chart-fixture.h — a township with many projects, for the chart tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* Adds @n_villages villages (every third without a map position) and @n_projects projects
 * of the five kinds with 3 … 6 milestones each, with Chinese names, dated around 2026 so
 * that on 2026-07-01 every status occurs. Deterministic for a @seed. */
gboolean chart_fixture_build (GtStorage *storage, guint n_projects, guint n_villages,
                              guint32 seed, GError **error);

G_END_DECLS
