/* gt-demo-scale.c — deterministic data at prefecture scale, for benchmarks and for trying
 * the county and prefecture views
 *
 * The ratios are those of shared/domain.md §7: a prefecture of about 200 000 members has
 * about 12 000 organisations (衢州); a county about 20 000 members (江山 1.4万, 常山 近2万);
 * a township committee with a handful of 机关/学校/卫生院 branches and some thirty village
 * branches; a branch of more than GROUP_FROM members has a 党小组 for every twenty or so
 * (two to four), each of its members in one; about seven households linked per member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-audit.h"
#include "gt-demo.h"
#include "gt-demo-private.h"
#include "gt-idcard.h"
#include "gt-schema.h"

#define MEMBERS_PER_COUNTY 20000
#define MEMBERS_PER_TOWNSHIP 1400
#define MEMBERS_PER_VILLAGE 45
#define HOUSEHOLDS_PER_MEMBER 7
/* 党小组: a branch of more than GROUP_FROM members has one for every MEMBERS_PER_GROUP,
 * two to four; with the other ratios, one organisation for every 15 to 20 members. */
#define GROUP_FROM 20
#define MEMBERS_PER_GROUP 20
/* 衢江区's library of 88 projects for its 20 000-odd members: one for every 250 */
#define MEMBERS_PER_PROJECT 250

/* Shares of the build's time, for its progress (measured at 200 000 members). */
#define SHARE_REGISTERS 0.40
#define SHARE_LIFE 0.30
#define SHARE_POINTS 0.20

typedef struct
{
  const char *name;
  const char *code; /* GB/T 2260 county code, the first six digits of ID numbers */
} County;

/* The six county-level units of 衢州; a larger run repeats them with a number. */
static const County counties[] = {
  { "柯城区", "330802" }, { "衢江区", "330803" }, { "常山县", "330822" },
  { "开化县", "330824" }, { "龙游县", "330825" }, { "江山市", "330881" },
};

static const char *const syllables[] = {
  "青", "石", "溪", "口", "江", "源", "水", "北", "新", "安", "长", "乐", "平", "和", "东",
  "西", "南", "塘", "桥", "山", "岭", "坞", "湖", "田", "芳", "村", "华", "阳", "丰", "泉",
};

static const struct
{
  const char *name;
  const char *org_type;
} township_branches[] = {
  { "机关党支部", "organ" }, { "中心学校党支部", "organ" }, { "卫生院党支部", "organ" },
  { "两新组织联合党支部", "extended" },
};

typedef struct
{
  Demo demo;
  GHashTable *id_numbers; /* every ID number given out, to keep them unique */
  GHashTable *villages;   /* every village name, which must be unique */
  gint64 members_left;
  gint64 households;
  GtDemoProgress progress;
  gpointer progress_data;
  gint64 members_total;
} Scale;

static char *
place_name (Scale *scale, const char *suffix)
{
  return g_strconcat (PICK (&scale->demo, syllables), PICK (&scale->demo, syllables), suffix, NULL);
}

static char *
unique_id_number (Scale *scale, const char *region, int year, int month, int *day, gboolean male)
{
  char digits[19];

  for (;;)
    {
      int seq = g_rand_int_range (scale->demo.rand, 0, 500) * 2 + (male ? 1 : 0);

      g_snprintf (digits, sizeof digits, "%s%04d%02d%02d%03d", region, year, month, *day, seq);
      digits[17] = gt_idcard_check_char (digits);
      digits[18] = '\0';
      if (!g_hash_table_contains (scale->id_numbers, digits))
        break;
      *day = *day % 28 + 1; /* that day is full: the next one */
    }
  g_hash_table_add (scale->id_numbers, g_strdup (digits));
  return g_strdup (digits);
}

static gboolean
insert_member (Scale *scale, gint64 org_id, gint64 group_id, const char *org_type,
               const char *region, gint64 village_id, GError **error)
{
  Demo *demo = &scale->demo;
  GRand *rand = demo->rand;
  gboolean male = g_rand_int_range (rand, 0, 100) < 70;
  int by = g_rand_int_range (rand, 1940, 2004);
  int bm = g_rand_int_range (rand, 1, 13), bd = g_rand_int_range (rand, 1, 29);
  int join_age = g_rand_int_range (rand, 19, 45); /* MIN () evaluates twice */
  int jy = MIN (2025, by + join_age);
  gboolean probationary = g_rand_int_range (rand, 0, 100) < 3;
  g_autofree char *name = gt_demo_person_name (demo, male);
  g_autofree char *id_number = unique_id_number (scale, region, by, bm, &bd, male);
  g_autofree char *uuid = gt_demo_uuid (demo);
  g_autofree char *phone = NULL, *birth = NULL, *join = NULL, *full = NULL;
  sqlite3_stmt *stmt;
  gint64 member_id;

  phone = g_strdup_printf ("1%d%09d", 3 + g_rand_int_range (rand, 0, 3) * 2,
                           g_rand_int_range (rand, 0, 1000000000));
  birth = g_strdup_printf ("%04d-%02d-%02d", by, bm, bd);
  if (probationary) /* admitted this year, 预备期 not over yet */
    join = g_strdup_printf ("2026-%02d-01", g_rand_int_range (rand, 1, 11));
  else
    join = g_strdup_printf ("%04d-%02d-01", jy, g_rand_int_range (rand, 1, 13));
  if (!probationary)
    full = g_strdup_printf ("%04d-%s", jy + 1, join + 5);

  stmt = gt_storage_prepare (
    demo->storage,
    "INSERT INTO members (uuid, org_id, name, gender, ethnicity, id_number, phone, education,"
    " occupation, birth_date, join_date, full_date, category, mtime, group_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, org_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, male ? "M" : "F", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, g_rand_int_range (rand, 0, 60) == 0 ? "畲族" : "汉族", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, id_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, gt_demo_education (demo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, gt_demo_occupation (demo, org_type, by), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, birth, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, join, -1, SQLITE_STATIC);
  if (full != NULL)
    sqlite3_bind_text (stmt, 12, full, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, probationary ? "probationary" : "full", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, demo->mtime, -1, SQLITE_STATIC);
  /* the group with the insert, not an update after: a group of this branch (the schema's
   * triggers check updates only, as for the other writers that insert members) */
  if (group_id > 0)
    sqlite3_bind_int64 (stmt, 15, group_id);
  if (!gt_storage_step_done (demo->storage, stmt, error))
    return FALSE;
  member_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));

  if (!gt_demo_insert_event (demo, member_id, "admission", join, org_id, error) ||
      (full != NULL &&
       !gt_demo_insert_event (demo, member_id, "full_membership", full, org_id, error)))
    return FALSE;

  /* About seven households per member, in the village the member serves. */
  for (int h = 0; h < HOUSEHOLDS_PER_MEMBER && village_id > 0; h++)
    {
      g_autofree char *household_uuid = gt_demo_uuid (demo);
      g_autofree char *link_uuid = gt_demo_uuid (demo);
      g_autofree char *head = gt_demo_person_name (demo, TRUE);
      int r = g_rand_int_range (rand, 0, 10);
      gint64 household_id;

      stmt = gt_storage_prepare (demo->storage,
                                 "INSERT INTO households (uuid, head_name, village_id, grid, size,"
                                 " mtime) VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, household_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, head, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, village_id);
      sqlite3_bind_text (stmt, 4, r < 5 ? "第一网格" : "第二网格", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, g_rand_int_range (rand, 1, 7));
      sqlite3_bind_text (stmt, 6, demo->mtime, -1, SQLITE_STATIC);
      if (!gt_storage_step_done (demo->storage, stmt, error))
        return FALSE;
      household_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));
      scale->households++;

      stmt = gt_storage_prepare (demo->storage,
                                 "INSERT INTO member_household_links (uuid, member_id,"
                                 " household_id, link_type, mtime) VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, link_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, member_id);
      sqlite3_bind_int64 (stmt, 3, household_id);
      /* 区域:情感:服务 = 5:3:2 (domain.md §2.3) */
      sqlite3_bind_text (stmt, 4, r < 5 ? "area" : r < 8 ? "kinship" : "service", -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, demo->mtime, -1, SQLITE_STATIC);
      if (!gt_storage_step_done (demo->storage, stmt, error))
        return FALSE;
    }

  scale->members_left--;
  if (scale->progress != NULL && scale->members_left % 1000 == 0)
    scale->progress (SHARE_REGISTERS * (double) (scale->members_total - scale->members_left) /
                     (double) scale->members_total, scale->progress_data);
  return TRUE;
}

/* The number of 党小组 of a branch of @n_members. */
static int
n_groups_for (gint64 n_members)
{
  return n_members > GROUP_FROM ? (int) CLAMP (n_members / MEMBERS_PER_GROUP, 2, 4) : 0;
}

/* Branch @org_id (coded @code) with its 党小组 (n_groups_for ()) and @n members, placed in
 * the groups in turn (gt_demo_group_of ()). */
static gboolean
insert_members (Scale *scale, gint64 org_id, const char *code, const char *org_type,
                const char *level, const char *region, gint64 village_id, gint64 n,
                GError **error)
{
  gint64 group_ids[GT_DEMO_MAX_GROUPS];
  int n_groups;

  n = MIN (n, scale->members_left);
  n_groups = n_groups_for (n);
  if (!gt_demo_insert_groups (&scale->demo, org_id, code, org_type, level, "1995-03-01",
                              n_groups, group_ids, error))
    return FALSE;
  for (gint64 i = 0; i < n; i++)
    if (!insert_member (scale, org_id, gt_demo_group_of (group_ids, n_groups, i), org_type,
                        region, village_id, error))
      return FALSE;
  return TRUE;
}

static gboolean
insert_village (Scale *scale, const char *name, const char *code, gint64 org_id, int index,
                int n, gint64 *out_id, GError **error)
{
  Demo *demo = &scale->demo;
  g_autofree char *uuid = gt_demo_uuid (demo);
  sqlite3_stmt *stmt = gt_storage_prepare (demo->storage,
                                           "INSERT INTO villages (uuid, name, code, org_id, map_x,"
                                           " map_y, mtime) VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, org_id);
  /* A grid over the township, in unit coordinates. */
  {
    int side = 1;
    while (side * side < n)
      side++;
    sqlite3_bind_double (stmt, 5, (index % side + 0.5) / side);
    sqlite3_bind_double (stmt, 6, (index / side + 0.5) / side);
  }
  sqlite3_bind_text (stmt, 7, demo->mtime, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (demo->storage, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));
  return TRUE;
}

static gboolean
build_township (Scale *scale, gint64 county_id, const char *county_name, const char *region,
                int t, gint64 members, GError **error)
{
  Demo *demo = &scale->demo;
  g_autofree char *short_name = place_name (scale, "");
  g_autofree char *name = g_strdup_printf ("中共%s%s镇委员会", county_name, short_name);
  g_autofree char *code = g_strdup_printf ("%s%03d", region, 100 + t);
  gint64 township_id;
  gint64 other = members * 15 / 100, left = members;
  int n_villages = (int) MAX (1, (members - other) / MEMBERS_PER_VILLAGE);

  if (!gt_demo_insert_org (demo, county_id, name, "committee", "organ", "township", code,
                           "", "1984-05-01", t, &township_id, error))
    return FALSE;

  for (guint b = 0; b < G_N_ELEMENTS (township_branches); b++)
    {
      g_autofree char *bname = g_strconcat (short_name, "镇", township_branches[b].name, NULL);
      g_autofree char *bcode = g_strdup_printf ("%s%03u", code, b + 1);
      gint64 branch_id;

      if (!gt_demo_insert_org (demo, township_id, bname, "branch", township_branches[b].org_type,
                               "township", bcode, "", "1990-07-01", (int) b + 1, &branch_id,
                               error) ||
          !insert_members (scale, branch_id, bcode, township_branches[b].org_type, "township",
                           region, 0, other / (gint64) G_N_ELEMENTS (township_branches),
                           error))
        return FALSE;
      left -= other / (gint64) G_N_ELEMENTS (township_branches);
    }

  for (int v = 0; v < n_villages; v++)
    {
      g_autofree char *village = place_name (scale, "村");
      g_autofree char *full_village = g_strdup_printf ("%s%s镇%s", county_name, short_name,
                                                       village);

      /* Two villages of one township may draw the same name: number the second. */
      for (int k = 2; g_hash_table_contains (scale->villages, full_village); k++)
        {
          g_free (full_village);
          full_village = g_strdup_printf ("%s%s镇%s%d", county_name, short_name, village, k);
        }
      g_hash_table_add (scale->villages, g_strdup (full_village));
      g_autofree char *bname = g_strconcat (village, "党支部", NULL);
      g_autofree char *bcode = g_strdup_printf ("%s%03d", code, 100 + v);
      gint64 branch_id, village_id;
      gint64 n_members = v == n_villages - 1
        ? left
        : MIN (left, MEMBERS_PER_VILLAGE + g_rand_int_range (demo->rand, -8, 9));

      if (!gt_demo_insert_org (demo, township_id, bname, "branch", "rural", "village", bcode, "",
                               "1978-10-01", 10 + v, &branch_id, error) ||
          !insert_village (scale, full_village, bcode, branch_id, v, n_villages, &village_id,
                           error))
        return FALSE;
      if (!insert_members (scale, branch_id, bcode, "rural", "grid", region, village_id,
                           n_members, error))
        return FALSE;
      left -= n_members;
    }
  return TRUE;
}

static gboolean
build (Scale *scale, GError **error)
{
  Demo *demo = &scale->demo;
  gint64 total = scale->members_left;
  int n_counties = (int) MAX (1, (total + MEMBERS_PER_COUNTY / 2) / MEMBERS_PER_COUNTY);

  if (!gt_storage_set_meta (demo->storage, "role", "county", error) ||
      !gt_storage_set_meta (demo->storage, "office_name", "中共衢州市委组织部（规模测试数据）",
                            error) ||
      !gt_storage_set_meta (demo->storage, "office_code", "330800", error))
    return FALSE;

  for (int c = 0; c < n_counties && scale->members_left > 0; c++)
    {
      const County *county = &counties[c % G_N_ELEMENTS (counties)];
      g_autofree char *county_name = c < (int) G_N_ELEMENTS (counties)
        ? g_strdup (county->name)
        : g_strdup_printf ("%s%d", county->name, c / (int) G_N_ELEMENTS (counties) + 1);
      g_autofree char *committee = g_strdup_printf ("中共%s委员会", county_name);
      gint64 county_members = c == n_counties - 1 ? scale->members_left : total / n_counties;
      int n_townships = (int) MAX (1, county_members / MEMBERS_PER_TOWNSHIP);
      gint64 county_id;

      if (!gt_demo_insert_org (demo, 0, committee, "committee", "organ", "county", county->code,
                               "", "1949-05-01", c + 1, &county_id, error))
        return FALSE;
      for (int t = 0; t < n_townships; t++)
        if (!build_township (scale, county_id, county_name, county->code, t,
                             t == n_townships - 1
                               ? county_members - (gint64) t * (county_members / n_townships)
                               : county_members / n_townships,
                             error))
          return FALSE;
    }
  return TRUE;
}

static gint64 phase_start;

/* For profiling: G_MESSAGES_DEBUG=all guatu-cli demo --members N times each phase. */
static gboolean
timed (gboolean ok, const char *phase)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("scale demo: %s %.2f s", phase, (now - phase_start) / 1e6);
  phase_start = now;
  return ok;
}

gboolean
gt_demo_build_scale (GtStorage *storage, gint64 members, guint32 seed, GtDemoProgress progress,
                     gpointer progress_data, GError **error)
{
  Scale scale = { 0 };
  gint64 existing = 0, since = 0;
  guint64 uuid_seq = 0;
  DemoPhase life = { &uuid_seq, progress, progress_data, SHARE_REGISTERS,
                     SHARE_REGISTERS + SHARE_LIFE };
  DemoPhase points = { &uuid_seq, progress, progress_data, life.to, life.to + SHARE_POINTS };
  DemoPhase projects = { &uuid_seq, progress, progress_data, points.to, points.to + 0.02 };
  gboolean ok;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);
  g_return_val_if_fail (members > 0, FALSE);

  if (!gt_storage_query_int64 (storage, "SELECT count(*) FROM organizations", &existing, error))
    return FALSE;
  if (existing > 0)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
                   _("%s: the database already holds %d organisations; the demo needs an "
                     "empty database, so nothing was changed"),
                   gt_storage_get_path (storage), (int) existing);
      return FALSE;
    }

  scale.demo.storage = storage;
  scale.demo.uuid_seq = &uuid_seq;
  scale.demo.rand = g_rand_new_with_seed (seed);
  scale.demo.mtime = g_strdup ("2026-11-01T08:00:00Z");
  scale.id_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scale.villages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scale.members_left = scale.members_total = members;
  scale.progress = progress;
  scale.progress_data = progress_data;

  ok = gt_storage_begin (storage, error);
  if (ok)
    {
      gt_audit_bulk_begin (storage);
      /* The search indexes are filled once at the end, as for a large roster. */
      phase_start = g_get_monotonic_time ();
      ok = gt_storage_exec (storage, gt_schema_search_bulk_begin (), error) &&
           timed (build (&scale, error), "registers");
      if (ok)
        {
          g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
          g_auto (GStrv) parts = g_strsplit (gt_schema_search_bulk_end (), ":since", -1);
          g_autofree char *sql = g_strjoinv (since_text, parts);

          ok = gt_storage_exec (storage, sql, error);
        }
      /* A year of meetings and dues, of points with the half-year evaluation, and the
       * project library, by the township demo's own generators. */
      ok = ok && timed (gt_demo_life_build_phase (storage, seed, &life, error), "life");
      ok = ok && timed (gt_demo_scoring_build_phase (storage, seed, &points, error), "points");
      ok = ok && timed (gt_demo_projects_build_phase (storage, seed,
                                                      (int) MAX (1, members / MEMBERS_PER_PROJECT),
                                                      &projects, error), "projects");
      ok = ok && gt_demo_charts_build (storage, error);
      {
        g_autofree char *summary = g_strdup_printf (_("scale demo data: %d members"),
                                                    (int) members);
        gt_audit_bulk_end (storage, summary);
      }
    }
  ok = ok && gt_storage_commit (storage, error);
  if (!ok)
    gt_storage_rollback (storage);
  /* The published half-year evaluation in a transaction of its own: inside the build's, each
   * of its 200 000 inserts paid for a savepoint over everything written before (SQLite's
   * statement journal), 25 minutes instead of seconds. */
  ok = ok && timed (gt_demo_scoring_evaluate (storage, error), "evaluation");
  if (ok && progress != NULL)
    progress (1.0, progress_data);

  g_hash_table_unref (scale.id_numbers);
  g_hash_table_unref (scale.villages);
  g_rand_free (scale.demo.rand);
  g_free (scale.demo.mtime);
  if (ok)
    {
      gt_storage_emit_changed (storage, "organizations");
      gt_storage_emit_changed (storage, "members");
    }
  return ok;
}
