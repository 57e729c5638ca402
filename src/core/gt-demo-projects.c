/* gt-demo-projects.c — the demo's project library beyond the first year's eight projects:
 * forty more of the five kinds, in every state on the day the demo is built (done, on track,
 * at risk, overdue), with supervision checks, three projects under accountability and a
 * snapshot taken a month ago, so the month's changes show something.
 *
 * Dates are laid out relative to the day the demo is built, so the states hold whenever it
 * is run; everything else follows the seed. Everything goes through gt-project.h, so the
 * demo obeys the same rules as the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-demo-private.h"
#include "gt-demo-projects.h"
#include "gt-project.h"

#define N_DEMO_PROJECTS 40

typedef enum
{
  STATE_DONE,
  STATE_ON_TRACK,
  STATE_AT_RISK,
  STATE_OVERDUE,
} State;

typedef struct
{
  char *name;
  const char *kind;
  const char *level;
  const char *village;       /* NULL for township-wide */
  const char *place;         /* scale: the village the project is in or near, else NULL */
  const char *leader;
  const char *cadre;
  State state;
  int variant;
  int n;                     /* milestones */
  int step;                  /* days between milestones */
  int start;                 /* day offset from today */
  gint64 budget_fen;
} Plan;

static const char *const kinds[] = { "belt", "zone", "circle", "post", "point" };
/* 49 : 3 : 6 : 10 : 20 in Qujiang's library, scaled to forty */
static const int kind_weights[] = { 14, 3, 5, 7, 11 };

static const char *const belt_themes[] = {
  "放心农业", "锋领康养", "红色研学", "清水绿道", "共富工坊", "橘香产业", "美丽乡村", "数字治理",
  "石韵文旅", "金色稻田", "古道寻踪", "生态护林", "乡贤回归", "银发先锋",
};
static const char *const zone_places[] = { "赏石小镇客厅", "青石老街", "站前新区" };
static const char *const circle_places[] = {
  "奇石市场", "物流园区", "电商产业园", "民宿集群", "快递网点",
};
static const char *const post_places[] = {
  "便民服务中心", "人居环境整治专班", "矛盾调解专班", "项目攻坚专班", "防汛抗旱专班",
  "招商引资专班", "安全生产专班",
};
static const char *const point_places[] = {
  "镇中心学校", "镇卫生院", "派出所", "供电所", "农商银行", "邮政支局", "市场监管所",
  "自然资源所", "税务分局", "文化站", "农技站",
};
static const char *const leaders[] = { "杨双", "徐卫东", "汪丽萍", "毛建华", "郑晓燕", "周国庆" };
static const char *const cadres[] = {
  "程志刚", "余土根", "方海涛", "姜红英", "祝明福", "叶水龙", "吴春燕", "何建国", "童建平",
  "蓝晓红", "郑立新", "徐美华",
};
static const char *const villages[] = { "青石村", "砚瓦山村", "澄潭村", "江源村", "水北村", "新站村" };
static const char *const milestone_names[] = {
  "方案制定", "立项挂号", "建设施工", "中期督查", "验收销号",
};

static char *
day (GDate *today, int offset)
{
  GDate d = *today;
  char buf[16];

  if (offset >= 0)
    g_date_add_days (&d, (guint) offset);
  else
    g_date_subtract_days (&d, (guint) -offset);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &d);
  return g_strdup (buf);
}

/* Lays a project out so that it is in @plan->state today (see gt-project-status.h):
 * milestones every step days from the start, the last on the due date. */
static void
lay_out (Plan *plan, GRand *rand)
{
  int r = g_rand_int_range (rand, 3, 12);

  plan->n = 3 + g_rand_int_range (rand, 0, 3);
  plan->step = 35 + g_rand_int_range (rand, 0, 16);
  switch (plan->state)
    {
    case STATE_DONE:
      /* the last node 5 … 60 days ago */
      plan->start = -(plan->n * plan->step) - g_rand_int_range (rand, 5, 60);
      break;
    case STATE_ON_TRACK:
      /* next node more than two weeks away, nothing late */
      plan->start = -(plan->variant * plan->step) - r;
      break;
    case STATE_AT_RISK:
      /* next node within the at-risk window */
      plan->start = -(plan->variant + 1) * plan->step + r;
      break;
    case STATE_OVERDUE:
      if (plan->variant == 0)
        /* the first node passed unticked, 5 … 50 days ago */
        plan->start = -plan->step - g_rand_int_range (rand, 5, 50);
      else
        /* the due date passed with the last node open */
        plan->start = -(plan->n * plan->step) - g_rand_int_range (rand, 5, 40);
      break;
    }
}

static gint
by_start (gconstpointer a, gconstpointer b)
{
  const Plan *pa = a, *pb = b;
  return pa->start - pb->start;
}

/* Scale: the committee of @level (township or county) above @place's branch, and its
 * name without 中共 … 委员会 ("青石镇"). */
static gboolean
find_committee (GtStorage *storage, const char *place, const char *level, gint64 *org_id,
                char **short_name, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "WITH RECURSIVE up (id, parent_id, depth) AS ("
    "  SELECT o.id, o.parent_id, 0 FROM organizations o JOIN villages v ON v.org_id = o.id"
    "   WHERE v.name = ?1"
    "  UNION ALL SELECT p.id, p.parent_id, up.depth + 1 FROM organizations p"
    "   JOIN up ON p.id = up.parent_id)"
    " SELECT o.id, o.name FROM up JOIN organizations o ON o.id = up.id"
    " WHERE o.level = ?2 AND o.kind = 'committee' ORDER BY up.depth LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, place, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, level, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *start = g_str_has_prefix (name, "中共") ? name + strlen ("中共") : name;
      size_t len = strlen (start);

      if (g_str_has_suffix (start, "委员会"))
        len -= strlen ("委员会");
      *org_id = sqlite3_column_int64 (stmt, 0);
      *short_name = g_strndup (start, len);
    }
  sqlite3_reset (stmt);
  if (*org_id != 0)
    return TRUE;
  *short_name = g_strdup ("");
  return gt_storage_query_int64 (storage, "SELECT id FROM organizations WHERE parent_id IS NULL"
                                          " ORDER BY id LIMIT 1", org_id, error);
}

/* The village's branch for a village project, else the township committee. */
static gboolean
find_org (GtStorage *storage, const char *village, gint64 *org_id, GError **error)
{
  sqlite3_stmt *stmt;

  *org_id = 0;
  if (village != NULL)
    {
      stmt = gt_storage_prepare (storage, "SELECT org_id FROM villages WHERE name = ?"
                                          " AND org_id IS NOT NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, village, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *org_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (*org_id != 0)
        return TRUE;
    }
  return gt_storage_query_int64 (storage, "SELECT id FROM organizations WHERE parent_id IS NULL"
                                          " ORDER BY id LIMIT 1", org_id, error);
}

/* Adds one planned project with its milestones, ticks and checks. */
static gboolean
add_plan (GtStorage *storage, const Plan *plan, GDate *today, GRand *rand, gboolean *alternate,
          GError **error)
{
  g_autofree char *start = day (today, plan->start);
  g_autofree char *due = day (today, plan->start + plan->n * plan->step);
  g_autofree char *committee = NULL, *name = NULL;
  gint64 org_id = 0, id = 0;
  GtProjectSpec spec = {
    .name = plan->name, .kind = plan->kind, .level = plan->level, .village = plan->village,
    .leader = plan->leader, .cadre = plan->cadre, .start_date = start, .due_date = due,
    .budget_fen = plan->budget_fen,
  };

  if (plan->place != NULL && plan->village == NULL)
    {
      /* a prefecture's library: the township's or county's own project, named after it */
      if (!find_committee (storage, plan->place, plan->level, &org_id, &committee, error))
        return FALSE;
      spec.name = name = g_strconcat (committee, plan->name, NULL);
    }
  else
    {
      if (!find_org (storage, plan->village, &org_id, error))
        return FALSE;
      if (plan->place != NULL)
        spec.name = name = g_strconcat (plan->village, plan->name, NULL);
    }
  spec.org_id = org_id;
  if (!gt_project_add (storage, &spec, &id, NULL, error))
    return FALSE;

  for (int k = 1; k <= plan->n; k++)
    {
      int planned = plan->start + k * plan->step;
      g_autofree char *planned_date = day (today, planned);
      const char *node = k == plan->n ? "验收销号" : milestone_names[(k - 1) % 4];
      gint64 mid = 0;
      gboolean tick;

      if (!gt_milestone_add (storage, id, node, planned_date, &mid, error))
        return FALSE;
      switch (plan->state)
        {
        case STATE_DONE:
          tick = TRUE;
          break;
        case STATE_OVERDUE:
          /* variant 0: the first node is late; variant 1: every node but the last done */
          tick = plan->variant == 1 && k < plan->n;
          break;
        default:
          tick = planned < 0;
          break;
        }
      if (tick)
        {
          int done = MIN (planned - g_rand_int_range (rand, 0, 5), -1);
          g_autofree char *done_date = day (today, done);

          if (!gt_milestone_tick (storage, mid, done_date, plan->cadre, NULL, error))
            return FALSE;
        }
    }

  /* 挂牌督战: the area-wide check 45 days ago, and monthly checks of the late projects. */
  if (plan->start < -45)
    {
      g_autofree char *checked = day (today, -45), *deadline = day (today, -30);
      gboolean late = plan->state == STATE_OVERDUE && plan->variant == 1;
      GtSupervisionSpec check = {
        .checked_on = checked,
        .finding = late ? "进度滞后于作战图，节点未按期销号" : "按作战图推进，台账齐全",
        .deadline = late ? deadline : NULL,
        .circular = late ? "一周一通报：列入限时督办清单" : "",
        .lagging = late,
        .inspector = "双全示范专项督导组",
      };

      if (!gt_supervision_add (storage, id, &check, NULL, error))
        return FALSE;
    }
  if (plan->state == STATE_OVERDUE && plan->variant == 1)
    {
      /* Every other one also lagged at both monthly checks since: accountability. */
      int extra = *alternate ? 1 : 2;

      for (int c = 0; c < extra; c++)
        {
          g_autofree char *checked = day (today, -30 + 15 * c - g_rand_int_range (rand, 0, 5));
          g_autofree char *deadline = day (today, -30 + 15 * c + 10);
          g_autofree char *circular = g_strdup_printf ("关于%s推进滞后的通报（第%d期）",
                                                        spec.name, c + 1);
          GtSupervisionSpec check = {
            .checked_on = checked,
            .finding = "盯人盯事盯进度：责任人未按限时督办要求整改",
            .deadline = deadline,
            .circular = circular,
            .lagging = TRUE,
            .inspector = "双全示范专项督导组",
          };

          if (!gt_supervision_add (storage, id, &check, NULL, error))
            return FALSE;
        }
      *alternate = !*alternate;
    }
  return TRUE;
}

static char *
project_name (const char *kind, int index)
{
  if (strcmp (kind, "belt") == 0)
    return g_strdup_printf ("%s乡村振兴党建示范带", belt_themes[index % G_N_ELEMENTS (belt_themes)]);
  if (strcmp (kind, "zone") == 0)
    return g_strdup_printf ("%s文明城市党建示范区", zone_places[index % G_N_ELEMENTS (zone_places)]);
  if (strcmp (kind, "circle") == 0)
    return g_strdup_printf ("%s两新组织党建示范圈",
                            circle_places[index % G_N_ELEMENTS (circle_places)]);
  if (strcmp (kind, "post") == 0)
    return g_strdup_printf ("%s示范岗", post_places[index % G_N_ELEMENTS (post_places)]);
  return g_strdup_printf ("%s行业系统党建示范点", point_places[index % G_N_ELEMENTS (point_places)]);
}

static void
plan_clear (gpointer data)
{
  g_free (((Plan *) data)->name);
}

/* Scale: every village with a branch, where projects are placed. */
static GPtrArray *
load_places (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT name FROM villages"
                                                    " WHERE org_id IS NOT NULL ORDER BY id", error);
  g_autoptr (GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (places, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "villages");
      return NULL;
    }
  return g_steal_pointer (&places);
}

gboolean
gt_demo_projects_build (GtStorage *storage, guint32 seed, GError **error)
{
  return gt_demo_projects_build_phase (storage, seed, N_DEMO_PROJECTS, NULL, error);
}

gboolean
gt_demo_projects_build_phase (GtStorage *storage, guint32 seed, int n_projects,
                              const DemoPhase *phase, GError **error)
{
  g_autoptr (GArray) plans = g_array_new (FALSE, TRUE, sizeof (Plan));
  /* the township demo's six villages, or (scale) every village of the prefecture */
  g_autoptr (GPtrArray) places = phase != NULL ? load_places (storage, error) : NULL;
  int weights[G_N_ELEMENTS (kinds)];
  g_autofree char *today_text = gt_today (), *snapshot_day = NULL;
  GRand *rand = g_rand_new_with_seed (seed ^ 0x9e3779b9u);
  GDate today;
  int per_kind[G_N_ELEMENTS (kinds)] = { 0 };
  gboolean alternate = TRUE, ok = TRUE, snapshot_taken = FALSE;

  if (phase != NULL && places == NULL)
    {
      g_rand_free (rand);
      return FALSE;
    }
  /* 49 : 3 : 6 : 10 : 20, scaled to @n_projects */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    weights[k] = MAX (1, (kind_weights[k] * n_projects + N_DEMO_PROJECTS / 2) / N_DEMO_PROJECTS);
  g_array_set_clear_func (plans, plan_clear);
  g_date_clear (&today, 1);
  g_date_set_parse (&today, today_text);
  snapshot_day = day (&today, -30);

  for (int i = 0, k = 0; i < n_projects; i++)
    {
      Plan plan = { 0 };
      int rounds = 0;

      /* past the scaled weights (rounding), the kinds take turns */
      while (per_kind[k] >= weights[k] && rounds++ < (int) G_N_ELEMENTS (kinds))
        k = (k + 1) % G_N_ELEMENTS (kinds);
      plan.kind = kinds[k];
      plan.name = project_name (plan.kind, per_kind[k]++);
      k = (k + 1) % G_N_ELEMENTS (kinds);
      plan.state = (State) (i % 4);
      plan.variant = (i / 4) % 2;
      if (places != NULL && places->len > 0)
        plan.place = places->pdata[g_rand_int_range (rand, 0, (gint32) places->len)];
      plan.village = i % 3 == 0 ? (plan.place != NULL ? plan.place
                                                  : villages[(i / 3) % G_N_ELEMENTS (villages)])
                                : NULL;
      plan.level = plan.village != NULL ? "village" : (i % 7 == 1 ? "county" : "township");
      plan.leader = leaders[g_rand_int_range (rand, 0, G_N_ELEMENTS (leaders))];
      plan.cadre = cadres[g_rand_int_range (rand, 0, G_N_ELEMENTS (cadres))];
      plan.budget_fen = (gint64) g_rand_int_range (rand, 2, 120) * 1000000;
      lay_out (&plan, rand);
      g_array_append_val (plans, plan);
    }
  /* Numbers follow the time nodes (挂号): add in order of start. */
  g_array_sort (plans, by_start);

  for (guint i = 0; ok && i < plans->len; i++)
    {
      Plan *plan = &g_array_index (plans, Plan, i);

      /* The baseline of a month ago holds the projects started by then. */
      if (!snapshot_taken && plan->start > -30)
        {
          ok = gt_project_snapshot_take (storage, snapshot_day, "上月挂图晾晒", NULL, error);
          snapshot_taken = TRUE;
        }
      ok = ok && add_plan (storage, plan, &today, rand, &alternate, error);
      gt_demo_phase_report (phase, i + 1, plans->len);
    }
  if (ok && !snapshot_taken)
    ok = gt_project_snapshot_take (storage, snapshot_day, "上月挂图晾晒", NULL, error);
  /* The library's history is made up: the day each project entered it is unknown, so a
   * chart drawn as of an earlier day still shows it (its closings and ticks are forgotten). */
  ok = ok && gt_storage_exec (storage, "UPDATE projects SET created_on = NULL;"
                                       " UPDATE milestones SET created_on = NULL;", error);
  g_rand_free (rand);
  return ok;
}
