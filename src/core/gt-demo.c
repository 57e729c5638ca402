/* gt-demo.c — deterministic demo data: the 赏石小镇 Party committee of 常山县青石镇
 *
 * Numbers from the source texts (shared/domain.md §7): 12 branches — 机关 5, 农村 4,
 * 关联 1, 拓展 2 — and 215 members; at least seven households linked per member; a
 * theme-day year of 挂图作战 projects of the five demonstration kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gt-audit.h"
#include "gt-demo.h"
#include "gt-demo-life.h"
#include "gt-demo-private.h"
#include "gt-develop.h"
#include "gt-demo-projects.h" /* projects */
#include "gt-idcard.h"

#define REGION_CODE "330822" /* 常山县 */
#define LINKS_PER_MEMBER 7


typedef struct
{
  const char *name;
  const char *org_type;
  const char *secretary;
  const char *village; /* rural branches: the village they lead, or NULL */
  int members;
  int groups;          /* 党小组 under the branch */
} BranchSpec;

/* 5 + 4 + 1 + 2 = 12 branches; 45 + 140 + 12 + 18 = 215 members. */
static const BranchSpec branches[] = {
  { "赏石小镇管委会机关党支部", "organ", "徐卫东", NULL, 9, 0 },
  { "青石镇政府机关第一党支部", "organ", "汪丽萍", NULL, 10, 0 },
  { "青石镇政府机关第二党支部", "organ", "毛建华", NULL, 9, 0 },
  { "青石镇中心学校党支部", "organ", "郑晓燕", NULL, 9, 0 },
  { "青石镇卫生院党支部", "organ", "周国庆", NULL, 8, 0 },
  { "青石村党支部", "rural", "余土根", "青石村", 38, 3 },
  { "砚瓦山村党支部", "rural", "姜红英", "砚瓦山村", 35, 3 },
  { "澄潭村党支部", "rural", "祝明福", "澄潭村", 34, 2 },
  { "江源村党支部", "rural", "叶水龙", "江源村", 33, 2 },
  { "观赏石协会党支部", "associated", "程志刚", NULL, 12, 0 },
  { "奇石市场联合党支部", "extended", "方海涛", NULL, 10, 0 },
  { "赏石文化企业联合党支部", "extended", "吴春燕", NULL, 8, 0 },
};

/* Villages of the demo township; the first four have a rural branch. */
static const char *const villages[] = { "青石村", "砚瓦山村", "澄潭村", "江源村", "水北村", "新站村" };

static const char *const surnames[] = {
  "徐", "王", "郑", "汪", "毛", "周", "张", "吴", "姜", "余", "祝", "叶", "杨", "刘",
  "陈", "李", "方", "程", "占", "何", "黄", "胡", "傅", "林", "童", "鲁", "严", "曾",
};
static const char *const given_male[] = {
  "建国", "卫东", "国庆", "志刚", "海涛", "明福", "水龙", "土根", "伟", "军", "强", "斌",
  "文华", "永红", "春生", "小军", "宏伟", "立新", "家明", "俊杰", "浩", "鹏", "金水", "新民",
};
static const char *const given_female[] = {
  "丽萍", "晓燕", "红英", "春燕", "秀英", "美华", "玉兰", "桂芳", "丽", "敏", "静", "婷",
  "雪梅", "慧", "芳", "佳怡", "小燕", "彩霞", "素琴", "月娥", "海燕", "莉", "颖", "欣",
};
static const char *const educations[] = { "初中", "高中", "中专", "大专", "大学本科", "研究生" };
static const char *const occupations_rural[] = { "农民", "农民", "农民", "个体经营", "村干部", "退休" };
static const char *const occupations_organ[] = { "公务员", "事业单位人员", "教师", "医生" };
static const char *const occupations_other[] = { "企业管理人员", "专业技术人员", "个体经营", "企业职工" };
static const char *const roads[] = { "石博路", "青石大道", "赏石长廊", "溪口路", "砚山路" };

typedef struct
{
  const char *kind;
  const char *name;
  const char *leader;
  const char *cadre;
  int village; /* index into villages[], -1 for township-wide */
  int start_month;
  int n_milestones;
  int done; /* milestones ticked off so far */
  gint64 budget_yuan;
} ProjectSpec;

static const ProjectSpec projects[] = {
  { "belt", "赏石文化党建示范带", "徐卫东", "程志刚", -1, 2, 5, 4, 800000 },
  { "zone", "青石村乡村振兴示范区", "汪丽萍", "余土根", 0, 3, 4, 3, 500000 },
  { "circle", "奇石市场党建服务圈", "毛建华", "方海涛", -1, 3, 4, 2, 200000 },
  { "post", "砚瓦山村党员先锋岗", "郑晓燕", "姜红英", 1, 4, 3, 3, 50000 },
  { "point", "澄潭村党群服务中心示范点", "周国庆", "祝明福", 2, 5, 4, 2, 300000 },
  { "point", "江源村庭院整治示范点", "徐卫东", "叶水龙", 3, 6, 3, 1, 120000 },
  { "post", "赏石长廊志愿服务岗", "汪丽萍", "吴春燕", -1, 7, 3, 1, 30000 },
  { "zone", "水北村美丽庭院示范区", "毛建华", "何建国", 4, 8, 4, 0, 260000 },
};

static const char *const milestone_names[] = {
  "方案制定", "立项挂号", "建设施工", "中期督查", "验收销号",
};

char *
gt_demo_uuid_next (GRand *rand, guint64 *seq)
{
  /* 2026-11-01T08:00:00Z, the demo's mtime, in milliseconds */
  const guint64 epoch_ms = G_GUINT64_CONSTANT (1793520000000);
  guint32 w[4];
  char text[37];

  for (int i = 0; i < 4; i++)
    w[i] = g_rand_int (rand);
  if (seq == NULL)
    return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xfff,
                            0x8000 | (w[2] & 0x3fff), w[2] >> 16, w[3]);
  /* 4 096 uuids to the millisecond, counting up from the demo's date */
  gt_uuid7_compose (text, epoch_ms + (*seq >> 12), (guint) (*seq & 0xfff), w[2], w[3]);
  (*seq)++;
  return g_strdup (text);
}

void
gt_demo_phase_report (const DemoPhase *phase, gint64 done, gint64 total)
{
  if (phase == NULL || phase->progress == NULL || total <= 0)
    return;
  if (done != total && done % MAX (1, total / 256) != 0)
    return;
  phase->progress (phase->from + (phase->to - phase->from) * (double) done / (double) total,
                   phase->progress_data);
}

char *
gt_demo_uuid (Demo *demo)
{
  return gt_demo_uuid_next (demo->rand, demo->uuid_seq);
}

const char *
gt_demo_pick (Demo *demo, const char *const *list, int n)
{
  return list[g_rand_int_range (demo->rand, 0, n)];
}

gboolean
gt_demo_insert_org (Demo *demo, gint64 parent_id, const char *name, const char *kind,
            const char *org_type, const char *level, const char *code, const char *secretary,
            const char *founded, int sort_order, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    demo->storage,
    "INSERT INTO organizations (uuid, parent_id, name, kind, org_type, level, code, secretary,"
    " founded, sort_order, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *uuid = gt_demo_uuid (demo);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, org_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, level, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, secretary, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, founded, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, sort_order);
  sqlite3_bind_text (stmt, 11, demo->mtime, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (demo->storage, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));

  /* Every organisation's history starts with its founding. */
  stmt = gt_storage_prepare (demo->storage,
                             "INSERT INTO org_events (uuid, org_id, kind, date, new_value, mtime)"
                             " VALUES (?, ?, 'founded', ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *event_uuid = gt_demo_uuid (demo);
    sqlite3_bind_text (stmt, 1, event_uuid, -1, SQLITE_TRANSIENT);
  }
  sqlite3_bind_int64 (stmt, 2, *out_id);
  sqlite3_bind_text (stmt, 3, founded, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, demo->mtime, -1, SQLITE_STATIC);
  return gt_storage_step_done (demo->storage, stmt, error);
}

gboolean
gt_demo_insert_groups (Demo *demo, gint64 branch_id, const char *branch_code,
                       const char *org_type, const char *level, const char *founded, int n,
                       gint64 *ids, GError **error)
{
  static const char *const ordinals[GT_DEMO_MAX_GROUPS] = { "一", "二", "三", "四", "五" };

  /* Beyond the ordinals the names would read past the array, and the caller's @ids hold
   * GT_DEMO_MAX_GROUPS. */
  if (n < 0 || n > GT_DEMO_MAX_GROUPS)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED,
                   _("%s: %d Party groups (党小组) asked for branch %s; a branch has 0 to %d"),
                   gt_storage_get_path (demo->storage), n, branch_code, GT_DEMO_MAX_GROUPS);
      return FALSE;
    }
  for (int g = 0; g < n; g++)
    {
      g_autofree char *name = g_strdup_printf ("第%s党小组", ordinals[g]);
      g_autofree char *code = g_strdup_printf ("%s%02d", branch_code, g + 1);

      if (!gt_demo_insert_org (demo, branch_id, name, "group", org_type, level, code, "",
                               founded, g + 1, &ids[g], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
gt_demo_insert_event (Demo *demo, gint64 member_id, const char *kind, const char *date, gint64 org_id,
              GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    demo->storage,
    "INSERT INTO member_events (uuid, member_id, kind, date, org_id, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  g_autofree char *uuid = gt_demo_uuid (demo);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, org_id);
  sqlite3_bind_text (stmt, 6, demo->mtime, -1, SQLITE_STATIC);
  return gt_storage_step_done (demo->storage, stmt, error);
}

static char *
make_id_number (Demo *demo, int year, int month, int day, gboolean male)
{
  char digits[19];
  int seq = g_rand_int_range (demo->rand, 0, 100) * 10 + g_rand_int_range (demo->rand, 0, 5) * 2 +
            (male ? 1 : 0);

  g_snprintf (digits, sizeof digits, "%s%04d%02d%02d%03d", REGION_CODE, year, month, day, seq);
  digits[17] = gt_idcard_check_char (digits);
  digits[18] = '\0';
  return g_strdup (digits);
}

static gboolean
insert_member (Demo *demo, gint64 org_id, const BranchSpec *spec, gboolean secretary,
               gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean male = secretary ? !g_str_has_suffix (spec->secretary, "萍") &&
                                !g_str_has_suffix (spec->secretary, "燕") &&
                                !g_str_has_suffix (spec->secretary, "英")
                            : g_rand_int_range (demo->rand, 0, 100) < 68;
  int by = g_rand_int_range (demo->rand, 1942, 2001);
  int bm = g_rand_int_range (demo->rand, 1, 13), bd = g_rand_int_range (demo->rand, 1, 29);
  int join_age = g_rand_int_range (demo->rand, 20, 45); /* MIN () evaluates twice */
  int jy = MIN (2024, by + join_age);
  gboolean probationary = !secretary && g_rand_int_range (demo->rand, 0, 100) < 5;
  g_autofree char *name = NULL, *id_number = NULL, *phone = NULL, *birth = NULL;
  g_autofree char *join = NULL, *full = NULL;
  const char *occupation;

  if (probationary)
    jy = 2026;
  if (secretary)
    name = g_strdup (spec->secretary);
  else
    name = gt_demo_person_name (demo, male);
  id_number = make_id_number (demo, by, bm, bd, male);
  phone = g_strdup_printf ("1%d%09d", 3 + g_rand_int_range (demo->rand, 0, 3) * 2,
                           g_rand_int_range (demo->rand, 0, 1000000000));
  birth = g_strdup_printf ("%04d-%02d-%02d", by, bm, bd);
  join = g_strdup_printf ("%04d-%02d-01", jy, probationary ? 3 : g_rand_int_range (demo->rand, 1, 13));
  if (!probationary)
    full = g_strdup_printf ("%04d-%s", jy + 1, join + 5);

  occupation = gt_demo_occupation (demo, spec->org_type, by);

  stmt = gt_storage_prepare (
    demo->storage,
    "INSERT INTO members (uuid, org_id, name, gender, ethnicity, id_number, phone, education,"
    " occupation, birth_date, join_date, full_date, category, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *uuid = gt_demo_uuid (demo);
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  }
  sqlite3_bind_int64 (stmt, 2, org_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, male ? "M" : "F", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, g_rand_int_range (demo->rand, 0, 50) == 0 ? "畲族" : "汉族", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, id_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, gt_demo_education (demo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, occupation, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, birth, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, join, -1, SQLITE_TRANSIENT);
  if (full != NULL)
    sqlite3_bind_text (stmt, 12, full, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, probationary ? "probationary" : "full", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, demo->mtime, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (demo->storage, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));

  return gt_demo_insert_event (demo, *out_id, "admission", join, org_id, error) &&
         (full == NULL || gt_demo_insert_event (demo, *out_id, "full_membership", full, org_id, error));
}

static gboolean
place_in_group (Demo *demo, gint64 member_id, gint64 group_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (demo->storage,
                                           "UPDATE members SET group_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  return gt_storage_step_done (demo->storage, stmt, error);
}

static gboolean
insert_village (Demo *demo, const char *name, int index, gint64 org_id, gint64 *out_id,
                GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    demo->storage,
    "INSERT INTO villages (uuid, name, code, org_id, map_x, map_y, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *uuid = gt_demo_uuid (demo);
  g_autofree char *code = g_strdup_printf ("%s105%03d", REGION_CODE, 200 + index + 1);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_TRANSIENT);
  if (org_id > 0)
    sqlite3_bind_int64 (stmt, 4, org_id);
  /* A schematic ring around the town centre, in unit coordinates. */
  sqlite3_bind_double (stmt, 5, 0.5 + 0.35 * cos (index * G_PI / 3.0));
  sqlite3_bind_double (stmt, 6, 0.5 + 0.35 * sin (index * G_PI / 3.0));
  sqlite3_bind_text (stmt, 7, demo->mtime, -1, SQLITE_STATIC);
  if (!gt_storage_step_done (demo->storage, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));
  return TRUE;
}

/* Each member links LINKS_PER_MEMBER households of their own village (rural branches)
 * or of the town's villages in turn (other branches). */
static gboolean
link_households (Demo *demo, gint64 member_id, gint64 village_id, int grid, GError **error)
{
  for (int i = 0; i < LINKS_PER_MEMBER; i++)
    {
      sqlite3_stmt *stmt = gt_storage_prepare (
        demo->storage,
        "INSERT INTO households (uuid, head_name, village_id, grid, address, size, mtime)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      g_autofree char *uuid = gt_demo_uuid (demo);
      g_autofree char *link_uuid = NULL;
      g_autofree char *head = NULL, *grid_name = NULL, *address = NULL;
      gint64 household_id;
      int r = g_rand_int_range (demo->rand, 0, 10);

      if (stmt == NULL)
        return FALSE;
      demo->household_counter++;
      head = g_strconcat (PICK (demo, surnames), PICK (demo, given_male), NULL);
      grid_name = g_strdup_printf ("第%d网格", grid);
      address = g_strdup_printf ("%s%d号", PICK (demo, roads), demo->household_counter);
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, head, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, village_id);
      sqlite3_bind_text (stmt, 4, grid_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, address, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, g_rand_int_range (demo->rand, 1, 7));
      sqlite3_bind_text (stmt, 7, demo->mtime, -1, SQLITE_STATIC);
      if (!gt_storage_step_done (demo->storage, stmt, error))
        return FALSE;
      household_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));

      stmt = gt_storage_prepare (
        demo->storage,
        "INSERT INTO member_household_links (uuid, member_id, household_id, link_type, mtime)"
        " VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      link_uuid = gt_demo_uuid (demo);
      sqlite3_bind_text (stmt, 1, link_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, member_id);
      sqlite3_bind_int64 (stmt, 3, household_id);
      /* 区域:情感:服务 = 5:3:2 (domain.md §2.3) */
      sqlite3_bind_text (stmt, 4, r < 5 ? "area" : r < 8 ? "kinship" : "service", -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, demo->mtime, -1, SQLITE_STATIC);
      if (!gt_storage_step_done (demo->storage, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_projects (Demo *demo, const gint64 *village_ids, GError **error)
{
  for (guint p = 0; p < G_N_ELEMENTS (projects); p++)
    {
      const ProjectSpec *spec = &projects[p];
      sqlite3_stmt *stmt = gt_storage_prepare (
        demo->storage,
        "INSERT INTO projects (uuid, number, name, kind, level, org_id, village_id, leader, cadre,"
        " start_date, due_date, budget_fen, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);
      g_autofree char *uuid = gt_demo_uuid (demo);
      g_autofree char *number = g_strdup_printf ("2026-%02d-%03d", spec->start_month, p + 1);
      g_autofree char *start = g_strdup_printf ("2026-%02d-01", spec->start_month);
      g_autofree char *due = g_strdup_printf ("2026-%02d-28", MIN (12, spec->start_month + 2 * spec->n_milestones));
      gint64 project_id;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, spec->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, spec->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, spec->village >= 0 ? "village" : "township", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, demo->committee_id);
      if (spec->village >= 0)
        sqlite3_bind_int64 (stmt, 7, village_ids[spec->village]);
      sqlite3_bind_text (stmt, 8, spec->leader, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, spec->cadre, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, start, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, due, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 12, spec->budget_yuan * 100);
      sqlite3_bind_text (stmt, 13, demo->mtime, -1, SQLITE_STATIC);
      if (!gt_storage_step_done (demo->storage, stmt, error))
        return FALSE;
      project_id = sqlite3_last_insert_rowid (gt_storage_get_db (demo->storage));

      for (int m = 0; m < spec->n_milestones; m++)
        {
          int month = MIN (12, spec->start_month + 2 * m + 1);
          g_autofree char *muuid = gt_demo_uuid (demo);
          g_autofree char *planned = g_strdup_printf ("2026-%02d-15", month);
          g_autofree char *done = g_strdup_printf ("2026-%02d-%02d", month, 10 + m);
          const char *name = m == spec->n_milestones - 1 ? "验收销号" : milestone_names[m];

          stmt = gt_storage_prepare (
            demo->storage,
            "INSERT INTO milestones (uuid, project_id, seq, name, planned_date, done_date, done_by,"
            " mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, muuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, project_id);
          sqlite3_bind_int (stmt, 3, m + 1);
          sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, planned, -1, SQLITE_TRANSIENT);
          if (m < spec->done)
            {
              sqlite3_bind_text (stmt, 6, done, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (stmt, 7, spec->cadre, -1, SQLITE_STATIC);
            }
          else
            sqlite3_bind_text (stmt, 7, "", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, demo->mtime, -1, SQLITE_STATIC);
          if (!gt_storage_step_done (demo->storage, stmt, error))
            return FALSE;
        }
      if (spec->done == spec->n_milestones)
        {
          stmt = gt_storage_prepare (demo->storage,
                                     "UPDATE projects SET closed_date = (SELECT max (done_date)"
                                     " FROM milestones WHERE project_id = ?1) WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, project_id);
          if (!gt_storage_step_done (demo->storage, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
build (Demo *demo, GError **error)
{
  gint64 village_ids[G_N_ELEMENTS (villages)];
  int next_village = 0;

  if (!gt_storage_set_meta (demo->storage, "role", "township", error) ||
      !gt_storage_set_meta (demo->storage, "office_name", "中共常山县青石镇赏石小镇委员会", error) ||
      !gt_storage_set_meta (demo->storage, "office_code", REGION_CODE "105", error) ||
      !gt_storage_set_meta (demo->storage, "township", "常山县青石镇", error) ||
      !gt_demo_insert_org (demo, 0, "中共常山县青石镇赏石小镇委员会", "committee", "special_town",
                   "township", REGION_CODE "105000", "杨双", "2016-06-01", 0,
                   &demo->committee_id, error))
    return FALSE;

  for (guint v = 0; v < G_N_ELEMENTS (villages); v++)
    if (!insert_village (demo, villages[v], v, 0, &village_ids[v], error))
      return FALSE;

  for (guint b = 0; b < G_N_ELEMENTS (branches); b++)
    {
      const BranchSpec *spec = &branches[b];
      g_autofree char *code = g_strdup_printf ("%s105%03u", REGION_CODE, b + 1);
      gint64 branch_id, village_id, group_ids[GT_DEMO_MAX_GROUPS];
      gboolean rural = spec->village != NULL;

      if (!gt_demo_insert_org (demo, demo->committee_id, spec->name, "branch", spec->org_type,
                       rural ? "village" : "township", code, spec->secretary, "2016-09-01",
                       b + 1, &branch_id, error))
        return FALSE;
      if (!gt_demo_insert_groups (demo, branch_id, code, spec->org_type, "grid", "2017-03-01",
                                  spec->groups, group_ids, error))
        return FALSE;
      if (rural)
        {
          sqlite3_stmt *stmt = gt_storage_prepare (demo->storage,
                                                   "UPDATE villages SET org_id = ? WHERE name = ?",
                                                   error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, branch_id);
          sqlite3_bind_text (stmt, 2, spec->village, -1, SQLITE_STATIC);
          if (!gt_storage_step_done (demo->storage, stmt, error))
            return FALSE;
        }

      for (int m = 0; m < spec->members; m++)
        {
          gint64 member_id;

          if (rural)
            village_id = village_ids[b - 5];
          else
            village_id = village_ids[(next_village++) % G_N_ELEMENTS (villages)];
          /* a branch with 党小组 has every member in one, the group of the grid whose
           * households they link */
          if (!insert_member (demo, branch_id, spec, m == 0, &member_id, error) ||
              (spec->groups > 0 &&
               !place_in_group (demo, member_id,
                                gt_demo_group_of (group_ids, spec->groups, m), error)) ||
              !link_households (demo, member_id, village_id, 1 + m % MAX (1, spec->groups), error))
            return FALSE;
        }
    }

  return insert_projects (demo, village_ids, error) &&
         /* life: a year of meetings and dues (gt-demo-life.c) */
         gt_demo_life_build (demo->storage, g_rand_int (demo->rand), error) &&
         /* the members' visits to their linked households (gt-demo-visits.c) */
         gt_demo_visits_build (demo->storage, g_rand_int (demo->rand), error) &&
         /* develop: the development pipeline and transfer letters */
         gt_demo_develop_build (demo->storage, error) &&
         /* projects: the rest of the library, supervision and last month's snapshot */
         gt_demo_projects_build (demo->storage, g_rand_int (demo->rand), error) &&
         /* charts */
         gt_demo_charts_build (demo->storage, error);
}

gboolean
gt_demo_build_township (GtStorage *storage, guint32 seed, GError **error)
{
  Demo demo = { 0 };
  gint64 existing = 0;
  gboolean ok;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);

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

  demo.storage = storage;
  demo.rand = g_rand_new_with_seed (seed);
  demo.mtime = g_strdup ("2026-11-01T08:00:00Z");

  ok = gt_storage_begin (storage, error);
  if (ok)
    {
      gt_audit_bulk_begin (storage);
      ok = build (&demo, error);
      /* scoring: a year of points and the published half-year evaluation */
      ok = ok && gt_demo_scoring_build (storage, seed, error);
      gt_audit_bulk_end (storage, _("demo data"));
    }
  ok = ok && gt_storage_commit (storage, error);
  if (!ok)
    gt_storage_rollback (storage);

  g_rand_free (demo.rand);
  g_free (demo.mtime);
  if (ok)
    {
      gt_storage_emit_changed (storage, "organizations");
      gt_storage_emit_changed (storage, "members");
      gt_storage_emit_changed (storage, "projects");
    }
  return ok;
}

char *
gt_demo_person_name (Demo *demo, gboolean male)
{
  return g_strconcat (PICK (demo, surnames),
                      male ? PICK (demo, given_male) : PICK (demo, given_female), NULL);
}

const char *
gt_demo_education (Demo *demo)
{
  return PICK (demo, educations);
}

const char *
gt_demo_occupation (Demo *demo, const char *org_type, int birth_year)
{
  if (g_strcmp0 (org_type, "rural") == 0)
    return birth_year < 1960 ? "退休" : PICK (demo, occupations_rural);
  if (g_strcmp0 (org_type, "organ") == 0)
    return PICK (demo, occupations_organ);
  return PICK (demo, occupations_other);
}

gboolean
gt_demo_set_office (GtStorage *storage, const char *code, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!gt_storage_begin (storage, error))
    return FALSE;
  ok = TRUE;
  if (code != NULL)
    {
      /* 330822105000 → 330822101000: the demo's codes all start with its office code */
      const char *recode[] = {
        "UPDATE organizations SET code = ?1 || substr (code, 10) WHERE code LIKE '" REGION_CODE "105%'",
        "UPDATE villages SET code = ?1 || substr (code, 10) WHERE code LIKE '" REGION_CODE "105%'",
      };

      for (guint i = 0; ok && i < G_N_ELEMENTS (recode); i++)
        {
          ok = (stmt = gt_storage_prepare (storage, recode[i], error)) != NULL;
          if (ok)
            {
              sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
              ok = gt_storage_step_done (storage, stmt, error);
            }
        }
      ok = ok && gt_storage_set_meta (storage, "office_code", code, error);
    }
  if (ok && name != NULL)
    {
      ok = (stmt = gt_storage_prepare (storage, "UPDATE organizations SET name = ?"
                                                " WHERE parent_id IS NULL", error)) != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
          ok = gt_storage_step_done (storage, stmt, error);
        }
      ok = ok && gt_storage_set_meta (storage, "office_name", name, error) &&
           gt_storage_set_meta (storage, "township", name, error);
    }
  if (!ok)
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  return gt_storage_commit (storage, error);
}
