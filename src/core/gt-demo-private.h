/* gt-demo-private.h — what the demo generators (gt-demo.c, gt-demo-scale.c and each area's
 * gt-demo-AREA.c) share: the random source, uuids, names and the inserts every one needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  GtStorage *storage;
  GRand *rand;
  char *mtime;
  gint64 committee_id;
  int household_counter;
} Demo;

/* A random (but seeded, so repeatable) version-4 uuid. */
char *gt_demo_uuid (Demo *demo);
const char *gt_demo_pick (Demo *demo, const char *const *list, int n);
#define PICK(demo, array) gt_demo_pick ((demo), (array), G_N_ELEMENTS (array))

/* A common Chinese name; newly allocated. */
char *gt_demo_person_name (Demo *demo, gboolean male);
const char *gt_demo_education (Demo *demo);
const char *gt_demo_occupation (Demo *demo, const char *org_type, int birth_year);

gboolean gt_demo_insert_org (Demo *demo, gint64 parent_id, const char *name, const char *kind,
                             const char *org_type, const char *level, const char *code,
                             const char *secretary, const char *founded, int sort_order,
                             gint64 *out_id, GError **error);
gboolean gt_demo_insert_event (Demo *demo, gint64 member_id, const char *kind, const char *date,
                               gint64 org_id, GError **error);

G_END_DECLS
