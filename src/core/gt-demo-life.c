/* gt-demo-life.c — a year of organisational life and dues for the demo township
 *
 * December 2025 to November 2026: every branch's 支委会 and 主题党日 (on the 20th) monthly,
 * 党员大会 and 党课 quarterly, 组织生活会 and 民主评议 at the end of 2025, every party
 * group's 党小组会 monthly; attendance from the roster with absentees and their reasons.
 * Some meetings are missing on purpose (奇石市场联合党支部 is the weak branch of the year)
 * so that the dashboard shows red. Dues: a base per member for 2026 by occupation, monthly
 * payments, a few members three and more than six months behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-demo-life.h"
#include "gt-demo-private.h"
#include "gt-dues.h"
#include "gt-life.h"

#define FIRST_YEAR 2025
#define FIRST_MONTH 12 /* December 2025 … */
#define N_MONTHS 12    /* … to November 2026 */
#define WEAK_BRANCH "奇石市场联合党支部"

typedef struct
{
  GtStorage *storage;
  GRand *rand;
  const char *mtime;
  const DemoPhase *phase; /* NULL for the township demo */
} Life;

typedef struct
{
  gint64 id;
  char *name;
  char *occupation;
} Person;

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->name);
  g_free (p->occupation);
  g_free (p);
}

static gpointer
read_person (sqlite3_stmt *stmt)
{
  Person *p = g_new0 (Person, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->name = GT_COLUMN_TEXT (stmt, 1);
  p->occupation = GT_COLUMN_TEXT (stmt, 2);
  return p;
}

static const char *const absence_reasons[] = {
  "外出务工", "病假", "事假", "年老体弱，行动不便", "在外地学习", "流动党员，已线上学习",
};

static const char *const topics_committee[] = {
  "研究本月党建重点工作", "讨论发展党员工作", "研究党员联户包事问题交办", "研究村级集体经济项目",
  "研究困难党员走访慰问", "部署挂图作战项目推进",
};
static const char *const topics_theme[] = {
  "学习贯彻党的二十大精神", "重温入党誓词", "党员志愿服务进网格", "“红色根脉”主题学习",
  "清洁家园志愿活动", "学习党章党规", "赏石文化进村走访",
};
static const char *const topics_general[] = {
  "通报季度党建工作", "讨论接收预备党员", "党员学分工分季度评议", "通报党费收缴情况",
};
static const char *const topics_lecture[] = {
  "书记讲党课：党员先锋作用", "党史学习专题党课", "共同富裕专题党课", "基层治理专题党课",
};
static const char *const topics_group[] = {
  "学习本月理论内容", "联户走访情况交流", "收集群众意见建议", "网格事务分析研判",
};

#define LIFE_PICK(life, list) list[g_rand_int_range ((life)->rand, 0, G_N_ELEMENTS (list))]

static char *
demo_uuid (Life *life)
{
  return gt_demo_uuid_next (life->rand, life->phase != NULL ? life->phase->uuid_seq : NULL);
}

/* Month @i of the demo year (0 = December 2025). */
static void
demo_month (int i, int *year, int *month)
{
  int index = FIRST_YEAR * 12 + FIRST_MONTH - 1 + i;

  *year = index / 12;
  *month = index % 12 + 1;
}

/* Inserts a meeting and its attendance: @people all invited, or the first @limit. */
static gboolean
insert_meeting (Life *life, gint64 org_id, const char *kind, int year, int month, int day,
                const char *topic, const char *place, const char *host, GPtrArray *people,
                guint limit, GError **error)
{
  g_autofree char *uuid = demo_uuid (life);
  g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  g_autofree char *minutes = g_strdup_printf ("%s。与会党员围绕主题发言讨论，形成会议记录。", topic);
  sqlite3_stmt *stmt = gt_storage_prepare (
    life->storage,
    "INSERT INTO meetings (uuid, mtime, org_id, kind, date, topic, place, host, minutes)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  gint64 meeting_id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, life->mtime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, org_id);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, topic, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, place, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, host, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, minutes, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (life->storage, stmt, error))
    return FALSE;
  meeting_id = sqlite3_last_insert_rowid (gt_storage_get_db (life->storage));

  for (guint i = 0; i < people->len && (limit == 0 || i < limit); i++)
    {
      Person *p = people->pdata[i];
      gboolean present = g_rand_int_range (life->rand, 0, 100) >= 9;

      stmt = gt_storage_prepare (life->storage,
                                 "INSERT INTO meeting_attendance (meeting_id, member_id, present,"
                                 " reason) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      sqlite3_bind_int64 (stmt, 2, p->id);
      sqlite3_bind_int (stmt, 3, present);
      sqlite3_bind_text (stmt, 4, present ? "" : LIFE_PICK (life, absence_reasons), -1, SQLITE_STATIC);
      if (!gt_storage_step_done (life->storage, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
members_of (Life *life, gint64 org_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    life->storage,
    "SELECT id, name, occupation FROM members WHERE org_id = ? AND status = 'active' ORDER BY id",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, org_id);
  return gt_storage_collect (life->storage, stmt, read_person, person_free, error);
}

/* A branch's year: @skip is the chance (in %) that a required meeting was not held. */
static gboolean
branch_year (Life *life, gint64 org_id, const char *name, const char *secretary, int skip,
             GError **error)
{
  g_autoptr (GPtrArray) people = members_of (life, org_id, error);
  g_autofree char *place = NULL;
  gboolean rural;

  if (people == NULL)
    return FALSE;
  rural = g_str_has_suffix (name, "村党支部");
  place = g_strdup (rural ? "村党群服务中心党员活动室" : "支部党员活动室");
  for (int i = 0; i < N_MONTHS; i++)
    {
      int year, month;
      gboolean quarter_end;

      demo_month (i, &year, &month);
      quarter_end = month % 3 == 0;
      /* 支委会: the committee members, the first five of the roster. */
      if (g_rand_int_range (life->rand, 0, 100) >= skip &&
          !insert_meeting (life, org_id, GT_MEETING_COMMITTEE, year, month,
                           g_rand_int_range (life->rand, 3, 13), LIFE_PICK (life, topics_committee),
                           place, secretary, people, 5, error))
        return FALSE;
      /* 主题党日 on the 20th, everyone. */
      if (g_rand_int_range (life->rand, 0, 100) >= skip &&
          !insert_meeting (life, org_id, GT_MEETING_THEME_DAY, year, month, 20,
                           LIFE_PICK (life, topics_theme), place, secretary, people, 0, error))
        return FALSE;
      /* 党员大会 and 党课 in the last month of each quarter (the current quarter, ending
       * in December 2026, is left open for some). */
      if (quarter_end || (month == 11 && g_rand_boolean (life->rand)))
        {
          if (g_rand_int_range (life->rand, 0, 100) >= skip &&
              !insert_meeting (life, org_id, GT_MEETING_GENERAL, year, month,
                               g_rand_int_range (life->rand, 14, 27), LIFE_PICK (life, topics_general),
                               place, secretary, people, 0, error))
            return FALSE;
          if (g_rand_int_range (life->rand, 0, 100) >= skip &&
              !insert_meeting (life, org_id, GT_MEETING_LECTURE, year, month,
                               g_rand_int_range (life->rand, 21, 29), LIFE_PICK (life, topics_lecture),
                               place, secretary, people, 0, error))
            return FALSE;
        }
      /* 组织生活会 and 民主评议 at the end of 2025. */
      if (year == 2025 && month == 12)
        {
          if (g_rand_int_range (life->rand, 0, 100) >= skip &&
              !insert_meeting (life, org_id, GT_MEETING_LIFE, year, month, 26,
                               "2025年度组织生活会，开展批评与自我批评", place, secretary, people, 0,
                               error))
            return FALSE;
          if (g_rand_int_range (life->rand, 0, 100) >= skip &&
              !insert_meeting (life, org_id, GT_MEETING_APPRAISAL, year, month, 27,
                               "2025年度民主评议党员", place, secretary, people, 0, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A party group's monthly 党小组会: the members placed in the group. */
static gboolean
group_year (Life *life, gint64 group_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    life->storage,
    "SELECT id, name, occupation FROM members WHERE group_id = ? AND status = 'active'"
    " ORDER BY id", error);
  g_autoptr (GPtrArray) people = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  people = gt_storage_collect (life->storage, stmt, read_person, person_free, error);
  if (people == NULL)
    return FALSE;
  for (int i = 0; i < N_MONTHS; i++)
    {
      int year, month;

      demo_month (i, &year, &month);
      if (g_rand_int_range (life->rand, 0, 100) < 7)
        continue;
      if (!insert_meeting (life, group_id, GT_MEETING_GROUP, year, month,
                           g_rand_int_range (life->rand, 13, 19), LIFE_PICK (life, topics_group),
                           "网格党员之家", people->len > 0 ? ((Person *) people->pdata[0])->name : "",
                           people, 0, error))
        return FALSE;
    }
  return TRUE;
}

/* The category and the monthly base (fen) that fit a demo member's occupation. */
static const char *
base_for (Life *life, const Person *p, gint64 *base, gint64 *fixed)
{
  const char *o = p->occupation != NULL ? p->occupation : "";

  *fixed = -1;
  if (strcmp (o, "退休") == 0)
    {
      *base = g_rand_int_range (life->rand, 2400, 6200) * 100;
      return "retired";
    }
  if (strcmp (o, "农民") == 0 || strcmp (o, "个体经营") == 0)
    {
      *base = 0;
      *fixed = g_rand_int_range (life->rand, 0, 4) == 0 ? 100 : -1;
      return "other";
    }
  if (strcmp (o, "村干部") == 0)
    *base = g_rand_int_range (life->rand, 2500, 4200) * 100;
  else if (strcmp (o, "企业职工") == 0)
    *base = g_rand_int_range (life->rand, 2800, 6500) * 100;
  else
    *base = g_rand_int_range (life->rand, 4200, 12500) * 100;
  /* A band edge: some bases exactly 3000.00 元. */
  if (g_rand_int_range (life->rand, 0, 25) == 0)
    *base = 300000;
  return "in_service";
}

static gboolean
dues_year (Life *life, GError **error)
{
  g_autoptr (GPtrArray) people = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (
    life->storage,
    "SELECT m.id, m.name, m.occupation FROM members m WHERE m.status = 'active' ORDER BY m.id",
    error);

  if (stmt == NULL)
    return FALSE;
  people = gt_storage_collect (life->storage, stmt, read_person, person_free, error);
  if (people == NULL || !gt_storage_set_meta (life->storage, "dues.since", "2025-12", error))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      gt_demo_phase_report (life->phase, (gint64) people->len * 3 + i, (gint64) people->len * 4);
      Person *p = people->pdata[i];
      gint64 base = 0, fixed = -1, dues = 0;
      const char *category = base_for (life, p, &base, &fixed);
      /* Every 37th member stopped paying after July (4 behind: warning), every 53rd after
       * April (7 behind: the 6-month rule); members who joined in 2026 start then. */
      int last = i % 53 == 17 ? 4 : i % 37 == 11 ? 7 : N_MONTHS - 1;
      gint64 org_id = 0;

      stmt = gt_storage_prepare (life->storage,
                                 "INSERT INTO dues_bases (member_id, year, base_fen, category,"
                                 " fixed_fen) VALUES (?, 2026, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, p->id);
      sqlite3_bind_int64 (stmt, 2, base);
      sqlite3_bind_text (stmt, 3, category, -1, SQLITE_STATIC);
      if (fixed >= 0)
        sqlite3_bind_int64 (stmt, 4, fixed);
      if (!gt_storage_step_done (life->storage, stmt, error) ||
          !gt_dues_compute (life->storage, category, base, fixed, &dues, error))
        return FALSE;
      stmt = gt_storage_prepare (life->storage, "SELECT org_id, substr (coalesce (join_date, ''), 1, 7)"
                                 " FROM members WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, p->id);
      {
        g_autofree char *joined = NULL;

        if (sqlite3_step (stmt) == SQLITE_ROW)
          {
            org_id = sqlite3_column_int64 (stmt, 0);
            joined = GT_COLUMN_TEXT (stmt, 1);
          }
        sqlite3_reset (stmt);
        for (int m = 0; m <= last; m++)
          {
            g_autofree char *uuid = demo_uuid (life);
            g_autofree char *month = NULL, *paid_on = NULL;
            int year, mon;

            demo_month (m, &year, &mon);
            month = g_strdup_printf ("%04d-%02d", year, mon);
            if (joined != NULL && *joined != '\0' && strcmp (month, joined) < 0)
              continue;
            paid_on = g_strdup_printf ("%04d-%02d-%02d", year, mon, g_rand_int_range (life->rand, 5, 29));
            stmt = gt_storage_prepare (life->storage,
                                       "INSERT INTO dues_payments (uuid, mtime, member_id, org_id,"
                                       " month, amount_fen, paid_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (stmt, 2, life->mtime, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (stmt, 3, p->id);
            sqlite3_bind_int64 (stmt, 4, org_id);
            sqlite3_bind_text (stmt, 5, month, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64 (stmt, 6, MAX (dues, 20));
            sqlite3_bind_text (stmt, 7, paid_on, -1, SQLITE_TRANSIENT);
            if (!gt_storage_step_done (life->storage, stmt, error))
              return FALSE;
          }
      }
    }
  return TRUE;
}

gboolean
gt_demo_life_build (GtStorage *storage, guint32 seed, GError **error)
{
  return gt_demo_life_build_phase (storage, seed, NULL, error);
}

gboolean
gt_demo_life_build_phase (GtStorage *storage, guint32 seed, const DemoPhase *phase,
                          GError **error)
{
  Life life = { storage, g_rand_new_with_seed (seed ^ 0x11fe), "2026-11-30T08:00:00Z", phase };
  g_autoptr (GArray) branches = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = gt_storage_prepare (storage,
                             "SELECT id FROM organizations WHERE kind = 'branch' AND archived = 0"
                             " ORDER BY sort_order, id", error);
  if (stmt == NULL)
    ok = FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (branches, id);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  for (guint b = 0; ok && b < branches->len; b++)
    {
      gint64 branch_id = g_array_index (branches, gint64, b);

      /* meetings: three quarters of the work, dues the rest */
      gt_demo_phase_report (phase, (gint64) b * 3, (gint64) branches->len * 4);
      g_autofree char *name = NULL, *secretary = NULL;
      g_autoptr (GArray) groups = g_array_new (FALSE, FALSE, sizeof (gint64));

      stmt = gt_storage_prepare (storage, "SELECT name, secretary FROM organizations WHERE id = ?",
                                 error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, branch_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          name = GT_COLUMN_TEXT (stmt, 0);
          secretary = GT_COLUMN_TEXT (stmt, 1);
        }
      sqlite3_reset (stmt);
      ok = branch_year (&life, branch_id, name, secretary,
                        g_strcmp0 (name, WEAK_BRANCH) == 0 ? 35 : 4, error);
      stmt = ok ? gt_storage_prepare (storage, "SELECT id FROM organizations WHERE parent_id = ?"
                                      " AND kind = 'group' ORDER BY sort_order, id", error)
                : NULL;
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, branch_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (groups, id);
        }
      sqlite3_reset (stmt);
      for (guint g = 0; ok && g < groups->len; g++)
        ok = group_year (&life, g_array_index (groups, gint64, g), error);
    }
  ok = ok && dues_year (&life, error);
  g_rand_free (life.rand);
  return ok;
}
