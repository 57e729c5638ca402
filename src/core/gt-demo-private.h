/* gt-demo-private.h — what the demo generators (gt-demo.c, gt-demo-scale.c and each area's
 * gt-demo-AREA.c) share: the random source, uuids, names and the inserts every one needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-demo.h"
#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  GtStorage *storage;
  GRand *rand;
  char *mtime;
  gint64 committee_id;
  int household_counter;
  guint64 *uuid_seq; /* NULL: version-4 uuids; else time-ordered ones, see gt_demo_uuid_next */
} Demo;

/* A seeded, so repeatable, uuid drawn from @rand. With @seq NULL a random version-4 uuid
 * (the township demo). Otherwise a version-7 uuid whose time and counter fields count up
 * from the demo's date by *@seq, so millions of rows append to their uuid index instead of
 * landing on random pages (the scale demo); the same @rand draws are used either way. */
char *gt_demo_uuid_next (GRand *rand, guint64 *seq);
char *gt_demo_uuid (Demo *demo);
const char *gt_demo_pick (Demo *demo, const char *const *list, int n);
#define PICK(demo, array) gt_demo_pick ((demo), (array), G_N_ELEMENTS (array))

/* A common Chinese name; newly allocated. */
char *gt_demo_person_name (Demo *demo, gboolean male);
const char *gt_demo_education (Demo *demo);
const char *gt_demo_occupation (Demo *demo, const char *org_type, int birth_year);

/* How an area's generator runs inside a larger build: with time-ordered uuids (@uuid_seq,
 * see gt_demo_uuid_next) and reporting its progress as the share @from … @to of the whole
 * build. The township demo passes NULL: version-4 uuids, no progress. */
typedef struct
{
  guint64 *uuid_seq;
  GtDemoProgress progress;
  gpointer progress_data;
  double from, to;
} DemoPhase;

/* Reports @done of @total of @phase's work (at most every 1/256 of it). */
void gt_demo_phase_report (const DemoPhase *phase, gint64 done, gint64 total);

/* Visits to the linked households, January to November 2026 (gt-demo-visits.c). */
gboolean gt_demo_visits_build (GtStorage *storage, guint32 seed, GError **error);

gboolean gt_demo_life_build_phase (GtStorage *storage, guint32 seed, const DemoPhase *phase,
                                   GError **error);
/* @n_projects projects placed in the database's villages, named after their village,
 * township or county (gt-demo-projects.c). */
gboolean gt_demo_projects_build_phase (GtStorage *storage, guint32 seed, int n_projects,
                                       const DemoPhase *phase, GError **error);
/* A year of points for every member (gt-demo-scoring.c); then, in a transaction of its own
 * at prefecture scale, the published 2026-H1 evaluation. */
gboolean gt_demo_scoring_build_phase (GtStorage *storage, guint32 seed, const DemoPhase *phase,
                                      GError **error);
gboolean gt_demo_scoring_evaluate (GtStorage *storage, GError **error);

gboolean gt_demo_insert_org (Demo *demo, gint64 parent_id, const char *name, const char *kind,
                             const char *org_type, const char *level, const char *code,
                             const char *secretary, const char *founded, int sort_order,
                             gint64 *out_id, GError **error);
/* The 党小组 of a branch, as both generators make them: @n groups (at most
 * GT_DEMO_MAX_GROUPS) named 第一党小组 … in order, coded @branch_code followed by 01, 02 …
 * (the code scheme of shared/domain.md: a group's code extends its branch's), founded on
 * @founded; their ids in @ids. FALSE with @error, and nothing inserted, for @n outside
 * 0 … GT_DEMO_MAX_GROUPS. */
#define GT_DEMO_MAX_GROUPS 5
gboolean gt_demo_insert_groups (Demo *demo, gint64 branch_id, const char *branch_code,
                                const char *org_type, const char *level, const char *founded,
                                int n, gint64 *ids, GError **error);
/* The group of a branch's @index-th member (from 0, in order of entry) among its @n groups
 * @ids, in turn, so the groups are of even size; 0 (none) when the branch has no groups. */
static inline gint64
gt_demo_group_of (const gint64 *ids, int n, gint64 index)
{
  return n > 0 ? ids[index % n] : 0;
}
gboolean gt_demo_insert_event (Demo *demo, gint64 member_id, const char *kind, const char *date,
                               gint64 org_id, GError **error);

G_END_DECLS
