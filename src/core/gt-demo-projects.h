/* gt-demo-projects.h — the demo's project library (projects area)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* Adds forty projects of the five kinds in every state on today's date (done, on track, at
 * risk, overdue), supervision checks with two projects under accountability, and a snapshot
 * taken 30 days ago. Call inside the demo's transaction, after the organisations and
 * villages exist. */
gboolean gt_demo_projects_build (GtStorage *storage, guint32 seed, GError **error);

G_END_DECLS
