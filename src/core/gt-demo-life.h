/* gt-demo-life.h — the demo township's year of organisational life and dues
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* Adds December 2025 – November 2026 of meetings (with attendance) and dues (bases and
 * payments) to the demo organisations and members; called by gt_demo_build_township inside
 * its transaction. The same @seed gives the same data. */
gboolean gt_demo_life_build (GtStorage *storage, guint32 seed, GError **error);

G_END_DECLS
