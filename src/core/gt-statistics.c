/* gt-statistics.c — the annual tables from the member events (see gt-statistics.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-statistics.h"

#define TEXT GT_COLUMN_TEXT

/* ---- the result ---- */

static void
person_free (GtStatPerson *p)
{
  g_free (p->uuid);
  g_free (p->name);
  g_free (p->org_name);
  g_free (p);
}

static void
row_free (GtStatRow *row)
{
  g_free (row->code);
  g_free (row->label);
  g_ptr_array_unref (row->persons);
  g_free (row);
}

static void
table_free (GtStatTable *t)
{
  g_free (t->code);
  g_free (t->title);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

void
gt_statistics_free (GtStatistics *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->office);
  g_clear_pointer (&stats->tables, g_ptr_array_unref);
  g_free (stats);
}

const GtStatTable *
gt_statistics_find_table (const GtStatistics *stats, const char *code)
{
  for (guint i = 0; i < stats->tables->len; i++)
    if (g_strcmp0 (((GtStatTable *) stats->tables->pdata[i])->code, code) == 0)
      return stats->tables->pdata[i];
  return NULL;
}

const GtStatRow *
gt_statistics_find_row (const GtStatTable *table, const char *code)
{
  if (table == NULL)
    return NULL;
  for (guint i = 0; i < table->rows->len; i++)
    if (g_strcmp0 (((GtStatRow *) table->rows->pdata[i])->code, code) == 0)
      return table->rows->pdata[i];
  return NULL;
}

int
gt_statistics_count (const GtStatistics *stats, const char *table, const char *row)
{
  const GtStatRow *r = gt_statistics_find_row (gt_statistics_find_table (stats, table), row);

  return r != NULL ? (int) r->persons->len : -1;
}

/* A table with its rows given as code, label pairs (labels are msgids), NULL-terminated. */
static GtStatTable *
add_table (GtStatistics *stats, const char *code, const char *title, gboolean sums_to_end, ...)
{
  GtStatTable *t = g_new0 (GtStatTable, 1);
  const char *row_code;
  va_list ap;

  t->code = g_strdup (code);
  t->title = g_strdup (title);
  t->sums_to_end = sums_to_end;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  va_start (ap, sums_to_end);
  while ((row_code = va_arg (ap, const char *)) != NULL)
    {
      GtStatRow *row = g_new0 (GtStatRow, 1);

      row->code = g_strdup (row_code);
      row->label = g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "statistics", va_arg (ap, const char *)));
      row->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
      g_ptr_array_add (t->rows, row);
    }
  va_end (ap);
  g_ptr_array_add (stats->tables, t);
  return t;
}

/* ---- the members and their transitions in and out of the register ---- */

typedef struct
{
  char date[11];
  gboolean in;
  const char *reason; /* admission, transfer_in, whole_branch_in, transfer_out,
                       * whole_branch_out, death, exit, suspension, move, whole_branch_move */
  char *org;
  char *level;
} Transition;

typedef struct
{
  gint64 id;
  char *uuid, *name, *gender, *ethnicity, *education, *occupation, *birth, *join;
  char *full_date;    /* first full_membership event */
  char *arrival;      /* received with a letter that created the member */
  GArray *transitions; /* of Transition */
} Member;

static void
transition_clear (Transition *t)
{
  g_free (t->org);
  g_free (t->level);
}

static void
member_free (Member *m)
{
  g_free (m->uuid);
  g_free (m->name);
  g_free (m->gender);
  g_free (m->ethnicity);
  g_free (m->education);
  g_free (m->occupation);
  g_free (m->birth);
  g_free (m->join);
  g_free (m->full_date);
  g_free (m->arrival);
  g_array_unref (m->transitions);
  g_free (m);
}

static void
push (Member *m, const char *date, gboolean in, const char *reason, const char *org,
      const char *level)
{
  Transition t = { { 0 }, in, reason, g_strdup (org), g_strdup (level) };

  g_strlcpy (t.date, date, sizeof t.date);
  g_array_append_val (m->transitions, t);
}

static gboolean
whole_branch (const char *detail)
{
  return detail != NULL && (strcmp (detail, "whole-branch transfer") == 0 ||
                            strcmp (detail, _("whole-branch transfer")) == 0 ||
                            strstr (detail, "整转") != NULL || strstr (detail, "整建制") != NULL);
}

/* The state of @m at the end of @date: in the register, with the organisation. */
static const Transition *
state_at (const Member *m, const char *date)
{
  const Transition *found = NULL;

  for (guint i = 0; i < m->transitions->len; i++)
    {
      const Transition *t = &g_array_index (m->transitions, Transition, i);
      if (strcmp (t->date, date) > 0)
        break;
      found = t;
    }
  return found != NULL && found->in ? found : NULL;
}

typedef struct
{
  char *kind, *date, *org, *level, *detail;
} Event;

static void
event_free (Event *e)
{
  g_free (e->kind);
  g_free (e->date);
  g_free (e->org);
  g_free (e->level);
  g_free (e->detail);
  g_free (e);
}

/* Turns one member's events, oldest first, into transitions. */
static void
build_transitions (Member *m, GPtrArray *events)
{
  gboolean in = FALSE, arrived = m->arrival == NULL;

  for (guint i = 0; i < events->len; i++)
    {
      Event *e = events->pdata[i];
      Event *next = i + 1 < events->len ? events->pdata[i + 1] : NULL;

      if (g_strcmp0 (e->kind, "full_membership") == 0)
        {
          if (m->full_date == NULL)
            m->full_date = g_strdup (e->date);
          continue;
        }
      if (g_strcmp0 (e->kind, "admission") == 0)
        {
          if (m->arrival == NULL && !in)
            {
              push (m, e->date, TRUE, "admission", e->org, e->level);
              in = TRUE;
            }
          continue;
        }
      if (!arrived && strcmp (e->date, m->arrival) >= 0)
        {
          push (m, m->arrival, TRUE, "transfer_in", e->org, e->level);
          in = arrived = TRUE;
        }
      if (g_strcmp0 (e->kind, "transfer_out") == 0 && next != NULL &&
          g_strcmp0 (next->kind, "transfer_in") == 0 && g_strcmp0 (next->date, e->date) == 0)
        {
          push (m, e->date, TRUE, whole_branch (e->detail) ? "whole_branch_move" : "move",
                next->org, next->level);
          in = TRUE;
          i++;
          continue;
        }
      if (g_strcmp0 (e->kind, "transfer_in") == 0)
        {
          push (m, e->date, TRUE, whole_branch (e->detail) ? "whole_branch_in" : "transfer_in",
                e->org, e->level);
          in = TRUE;
        }
      else if (g_strcmp0 (e->kind, "transfer_out") == 0)
        {
          push (m, e->date, FALSE, whole_branch (e->detail) ? "whole_branch_out" : "transfer_out",
                e->org, e->level);
          in = FALSE;
        }
      else if (g_strcmp0 (e->kind, "death") == 0 || g_strcmp0 (e->kind, "exit") == 0 ||
               g_strcmp0 (e->kind, "suspension") == 0)
        {
          push (m, e->date, FALSE, g_intern_string (e->kind), e->org, e->level);
          in = FALSE;
        }
    }
  if (!arrived)
    push (m, m->arrival, TRUE, "transfer_in", NULL, NULL);
}

static GPtrArray *
load_members (GtStorage *storage, GError **error)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gt_storage_prepare (storage,
                             "SELECT id, uuid, name, gender, ethnicity, education, occupation,"
                             " birth_date, join_date FROM members ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Member *m = g_new0 (Member, 1);

      m->id = sqlite3_column_int64 (stmt, 0);
      m->uuid = TEXT (stmt, 1);
      m->name = TEXT (stmt, 2);
      m->gender = TEXT (stmt, 3);
      m->ethnicity = TEXT (stmt, 4);
      m->education = TEXT (stmt, 5);
      m->occupation = TEXT (stmt, 6);
      m->birth = TEXT (stmt, 7);
      m->join = TEXT (stmt, 8);
      m->transitions = g_array_new (FALSE, TRUE, sizeof (Transition));
      g_array_set_clear_func (m->transitions, (GDestroyNotify) transition_clear);
      g_ptr_array_add (members, m);
      g_hash_table_insert (by_id, &m->id, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the members"));
      return NULL;
    }

  /* Members whom a letter in created: outside the register until received. */
  stmt = gt_storage_prepare (
    storage,
    "SELECT t.member_id, t.receipt_on FROM transfers t WHERE t.direction = 'in'"
    " AND t.member_id IS NOT NULL AND t.receipt_on IS NOT NULL AND NOT EXISTS (SELECT 1"
    " FROM member_events e WHERE e.member_id = t.member_id AND e.kind = 'transfer_in'"
    " AND e.date = t.receipt_on)", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Member *m = g_hash_table_lookup (by_id, &id);

      if (m != NULL && m->arrival == NULL)
        m->arrival = TEXT (stmt, 1);
    }
  sqlite3_reset (stmt);

  stmt = gt_storage_prepare (
    storage,
    "SELECT e.member_id, e.kind, e.date, coalesce (o.name, ''), coalesce (o.level, ''),"
    " e.detail FROM member_events e LEFT JOIN organizations o ON o.id = e.org_id"
    " ORDER BY e.member_id, e.date, e.id", error);
  if (stmt == NULL)
    return NULL;
  {
    g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
    gint64 current = -1;

    while (TRUE)
      {
        gboolean row = sqlite3_step (stmt) == SQLITE_ROW;
        gint64 id = row ? sqlite3_column_int64 (stmt, 0) : -2;

        if (id != current && current >= 0)
          {
            Member *m = g_hash_table_lookup (by_id, &current);
            if (m != NULL)
              build_transitions (m, events);
            g_ptr_array_set_size (events, 0);
          }
        if (!row)
          break;
        current = id;
        {
          Event *e = g_new0 (Event, 1);
          e->kind = TEXT (stmt, 1);
          e->date = TEXT (stmt, 2);
          e->org = TEXT (stmt, 3);
          e->level = TEXT (stmt, 4);
          e->detail = TEXT (stmt, 5);
          g_ptr_array_add (events, e);
        }
      }
    sqlite3_reset (stmt);
  }
  return g_steal_pointer (&members);
}

/* ---- filling the tables ---- */

static void
add_person (GtStatTable *table, const char *row_code, gint64 id, const char *uuid,
            const char *name, const char *org)
{
  GtStatRow *row = (GtStatRow *) gt_statistics_find_row (table, row_code);
  GtStatPerson *p;

  g_return_if_fail (row != NULL);
  p = g_new0 (GtStatPerson, 1);
  p->member_id = id;
  p->uuid = g_strdup (uuid);
  p->name = g_strdup (name);
  p->org_name = g_strdup (org);
  g_ptr_array_add (row->persons, p);
}

static void
add_member (GtStatTable *table, const char *row_code, const Member *m, const char *org)
{
  add_person (table, row_code, m->id, m->uuid, m->name, org);
}

static int
age_on (const char *birth, const char *date)
{
  int by = 0, bm = 0, bd = 0, y = 0, mo = 0, d = 0, age;

  if (birth == NULL || sscanf (birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
      sscanf (date, "%4d-%2d-%2d", &y, &mo, &d) != 3)
    return -1;
  age = y - by;
  if (mo < bm || (mo == bm && d < bd))
    age--;
  return age;
}

static const char *
age_band (int age)
{
  static const struct { int max; const char *code; } bands[] = {
    { 30, "to30" }, { 35, "31_35" }, { 40, "36_40" }, { 45, "41_45" }, { 50, "46_50" },
    { 55, "51_55" }, { 60, "56_60" }, { 70, "61_70" }, { G_MAXINT, "71_up" },
  };

  if (age < 0)
    return "unknown";
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (age <= bands[i].max)
      return bands[i].code;
  return "unknown";
}

static gboolean
has_any (const char *text, const char *const *words)
{
  for (; *words != NULL; words++)
    if (strstr (text, *words) != NULL)
      return TRUE;
  return FALSE;
}

static const char *
education_code (const char *e)
{
  if (e == NULL || *e == '\0')
    return "unknown";
  if (has_any (e, (const char *const[]) { "研究生", "博士", "硕士", NULL }))
    return "postgraduate";
  if (has_any (e, (const char *const[]) { "本科", "大学", NULL }))
    return "university";
  if (has_any (e, (const char *const[]) { "大专", "专科", NULL }))
    return "college";
  if (has_any (e, (const char *const[]) { "中专", "高中", "中技", "职高", NULL }))
    return "secondary";
  if (has_any (e, (const char *const[]) { "初中", "小学", "文盲", NULL }))
    return "junior";
  return "other";
}

static const char *
occupation_code (const char *o)
{
  if (o == NULL || *o == '\0')
    return "unknown";
  if (has_any (o, (const char *const[]) { "退休", "离休", NULL }))
    return "retired";
  if (strstr (o, "学生") != NULL)
    return "student";
  if (has_any (o, (const char *const[]) { "专业技术", "教师", "医生", "工程师", NULL }))
    return "professional";
  if (strstr (o, "管理") != NULL)
    return "manager";
  if (has_any (o, (const char *const[]) { "公务员", "机关", "事业单位", NULL }))
    return "official";
  if (has_any (o, (const char *const[]) { "工人", "职工", NULL }))
    return "worker";
  if (has_any (o, (const char *const[]) { "农", "牧", "渔", "村干部", NULL }))
    return "farmer";
  return "other";
}

static const char *
join_band (const char *join)
{
  static const struct { const char *before; const char *code; } bands[] = {
    { "1949-10-01", "before_1949_10" }, { "1966-05-01", "1949_10_1966_04" },
    { "1976-11-01", "1966_05_1976_10" }, { "1979-01-01", "1976_11_1978_12" },
    { "2002-11-01", "1979_01_2002_10" }, { "2012-11-01", "2002_11_2012_10" },
  };

  if (join == NULL || *join == '\0')
    return "unknown";
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (strcmp (join, bands[i].before) < 0)
      return bands[i].code;
  return "2012_11_on";
}

static void
make_tables (GtStatistics *s)
{
  add_table (s, "counts", _("Members: last year, additions, reductions, this year"), FALSE,
             "start", NC_("statistics", "At the end of last year"),
             "add_admission", NC_("statistics", "Added: newly admitted"),
             "add_transfer_in", NC_("statistics", "Added: transferred in"),
             "add_whole_branch_in", NC_("statistics", "Added: whole-branch transfer in"),
             "red_transfer_out", NC_("statistics", "Reduced: transferred out"),
             "red_whole_branch_out", NC_("statistics", "Reduced: whole-branch transfer out"),
             "red_death", NC_("statistics", "Reduced: died"),
             "red_exit", NC_("statistics", "Reduced: left the Party"),
             "red_suspension", NC_("statistics", "Reduced: membership suspended"),
             "end", NC_("statistics", "At the end of this year"), NULL);
  add_table (s, "moves", _("Moves between organisations here (no change of the total)"), FALSE,
             "move", NC_("statistics", "Moved to another organisation here"),
             "whole_branch_move", NC_("statistics", "Moved with a whole-branch transfer"), NULL);
  add_table (s, "category", _("Full and probationary members"), TRUE,
             "full", NC_("statistics", "Full members"), "probationary", NC_("statistics", "Probationary members"), NULL);
  add_table (s, "gender", _("Gender"), TRUE, "M", NC_("statistics", "Men"), "F", NC_("statistics", "Women"), NULL);
  add_table (s, "age", C_("statistics", "Age"), TRUE, "to30", NC_("statistics", "30 and under"), "31_35", NC_("statistics", "31 to 35"),
             "36_40", NC_("statistics", "36 to 40"), "41_45", NC_("statistics", "41 to 45"), "46_50", NC_("statistics", "46 to 50"),
             "51_55", NC_("statistics", "51 to 55"), "56_60", NC_("statistics", "56 to 60"), "61_70", NC_("statistics", "61 to 70"),
             "71_up", NC_("statistics", "71 and over"), "unknown", NC_("statistics", "Not recorded"), NULL);
  add_table (s, "ethnicity", _("Ethnicity"), TRUE, "han", NC_("statistics", "Han"),
             "minority", NC_("statistics", "Ethnic minorities"), "unknown", NC_("statistics", "Not recorded"), NULL);
  add_table (s, "education", _("Education"), TRUE, "postgraduate", NC_("statistics", "Postgraduate"),
             "university", NC_("statistics", "University"), "college", NC_("statistics", "College (大专)"),
             "secondary", NC_("statistics", "Senior secondary (高中/中专)"),
             "junior", NC_("statistics", "Junior secondary and below"), "other", NC_("statistics", "Other"),
             "unknown", NC_("statistics", "Not recorded"), NULL);
  add_table (s, "occupation", _("Occupation"), TRUE, "worker", NC_("statistics", "Workers"),
             "farmer", NC_("statistics", "Farmers, herders and fishers"),
             "professional", NC_("statistics", "Professional and technical staff"),
             "manager", NC_("statistics", "Managers of enterprises and institutions"),
             "official", NC_("statistics", "Staff of Party and government organs"), "student", NC_("statistics", "Students"),
             "retired", NC_("statistics", "Retired"), "other", NC_("statistics", "Other occupations"),
             "unknown", NC_("statistics", "Not recorded"), NULL);
  add_table (s, "join_time", _("Time of joining the Party"), TRUE,
             "before_1949_10", NC_("statistics", "Before October 1949"),
             "1949_10_1966_04", NC_("statistics", "October 1949 to April 1966"),
             "1966_05_1976_10", NC_("statistics", "May 1966 to October 1976"),
             "1976_11_1978_12", NC_("statistics", "November 1976 to December 1978"),
             "1979_01_2002_10", NC_("statistics", "January 1979 to October 2002"),
             "2002_11_2012_10", NC_("statistics", "November 2002 to October 2012"),
             "2012_11_on", NC_("statistics", "November 2012 and later"), "unknown", NC_("statistics", "Not recorded"), NULL);
  add_table (s, "level", _("Members in township and village organisations"), TRUE,
             "township", NC_("statistics", "Township (乡镇) organisations"),
             "village", NC_("statistics", "Administrative village (建制村) organisations"),
             "other", NC_("statistics", "Other organisations"), NULL);
  add_table (s, "development", _("Development and full membership"), FALSE,
             "admitted", NC_("statistics", "Admitted this year"),
             "admitted_women", NC_("statistics", "…of whom women"),
             "admitted_35", NC_("statistics", "…of whom aged 35 and under"),
             "full", NC_("statistics", "Became full members this year"),
             "extended", NC_("statistics", "Probation extended this year"),
             "applicants", NC_("statistics", "Applicants at the end of the year"),
             "activists", NC_("statistics", "Activists at the end of the year"),
             "candidates", NC_("statistics", "Candidates at the end of the year"), NULL);
}

static void
count_members (GtStatistics *s, GPtrArray *members)
{
  g_autofree char *last_end = g_strdup_printf ("%04d-12-31", s->year - 1);
  g_autofree char *end = g_strdup_printf ("%04d-12-31", s->year);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", s->year);
  GtStatTable *counts = (GtStatTable *) gt_statistics_find_table (s, "counts");
  GtStatTable *moves = (GtStatTable *) gt_statistics_find_table (s, "moves");
  GtStatTable *dev = (GtStatTable *) gt_statistics_find_table (s, "development");

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = members->pdata[i];
      const Transition *before = state_at (m, last_end), *after = state_at (m, end);
      gboolean in = before != NULL;

      if (before != NULL)
        add_member (counts, "start", m, before->org);
      for (guint j = 0; j < m->transitions->len; j++)
        {
          const Transition *t = &g_array_index (m->transitions, Transition, j);
          gboolean in_year = strcmp (t->date, first) >= 0 && strcmp (t->date, end) <= 0;

          if (in_year)
            {
              g_autofree char *code = NULL;

              if (t->in && !in)
                code = g_strconcat ("add_", t->reason, NULL);
              else if (!t->in && in)
                code = g_strconcat ("red_", t->reason, NULL);
              if (code != NULL)
                add_member (counts, code, m, t->org);
              else if (t->in && in && gt_statistics_find_row (moves, t->reason) != NULL)
                add_member (moves, t->reason, m, t->org);
              if (t->in && !in && g_strcmp0 (t->reason, "admission") == 0)
                {
                  int age = age_on (m->birth, t->date);

                  add_member (dev, "admitted", m, t->org);
                  if (g_strcmp0 (m->gender, "F") == 0)
                    add_member (dev, "admitted_women", m, t->org);
                  if (age >= 0 && age <= 35)
                    add_member (dev, "admitted_35", m, t->org);
                }
            }
          in = t->in;
        }
      if (m->full_date != NULL && strcmp (m->full_date, first) >= 0 &&
          strcmp (m->full_date, end) <= 0)
        {
          const Transition *then = state_at (m, m->full_date);
          if (then != NULL)
            add_member (dev, "full", m, then->org);
        }
      if (after == NULL)
        continue;
      add_member (counts, "end", m, after->org);
#define ADD(table, row) \
  add_member ((GtStatTable *) gt_statistics_find_table (s, table), (row), m, after->org)
      ADD ("category", m->full_date != NULL && strcmp (m->full_date, end) <= 0 ? "full"
                                                                                : "probationary");
      ADD ("gender", g_strcmp0 (m->gender, "F") == 0 ? "F" : "M");
      ADD ("age", age_band (age_on (m->birth, end)));
      ADD ("ethnicity", m->ethnicity == NULL || *m->ethnicity == '\0' ? "unknown"
                        : strcmp (m->ethnicity, "汉族") == 0 || strcmp (m->ethnicity, "汉") == 0
                          ? "han" : "minority");
      ADD ("education", education_code (m->education));
      ADD ("occupation", occupation_code (m->occupation));
      ADD ("join_time", join_band (m->join));
      ADD ("level", g_strcmp0 (after->level, "township") == 0 ||
                    g_strcmp0 (after->level, "county") == 0 ? "township"
                    : g_strcmp0 (after->level, "village") == 0 ||
                      g_strcmp0 (after->level, "grid") == 0 ||
                      g_strcmp0 (after->level, "microgrid") == 0 ? "village" : "other");
#undef ADD
    }
}

/* The pipeline at the end of the year, and extensions of the probation in the year. */
static gboolean
count_pipeline (GtStatistics *s, GtStorage *storage, GError **error)
{
  GtStatTable *dev = (GtStatTable *) gt_statistics_find_table (s, "development");
  g_autofree char *end = g_strdup_printf ("%04d-12-31", s->year);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", s->year);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT a.id, a.uuid, a.name, o.name, max (d.step), coalesce (a.member_id, 0),"
    " (SELECT count (*) FROM develop_steps x WHERE x.applicant_id = a.id AND x.step = 23"
    "  AND x.months > 0 AND x.date BETWEEN ?2 AND ?1)"
    " FROM applicants a JOIN organizations o ON o.id = a.org_id"
    " JOIN develop_steps d ON d.applicant_id = a.id AND d.date <= ?1"
    " WHERE a.stage <> 'dropped' GROUP BY a.id ORDER BY a.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int step = sqlite3_column_int (stmt, 4);
      const char *row = step >= 17 ? NULL : step >= 7 ? "candidates" : step >= 3 ? "activists"
                                                                                 : "applicants";
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      const char *org = (const char *) sqlite3_column_text (stmt, 3);

      if (row != NULL)
        add_person (dev, row, 0, uuid, name, org);
      if (sqlite3_column_int (stmt, 6) > 0)
        add_person (dev, "extended", sqlite3_column_int64 (stmt, 5), uuid, name, org);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the pipeline"));
      return FALSE;
    }
  return TRUE;
}

GtStatistics *
gt_statistics_compute (GtStorage *storage, int year, GError **error)
{
  g_autoptr (GtStatistics) s = NULL;
  g_autoptr (GPtrArray) members = NULL;

  if (year < 1900 || year > 9999)
    {
      gt_storage_refuse (storage, error, _("year %d is not between 1900 and 9999"), year);
      return NULL;
    }
  members = load_members (storage, error);
  if (members == NULL)
    return NULL;
  s = g_new0 (GtStatistics, 1);
  s->year = year;
  s->office = gt_storage_get_meta (storage, "office_name");
  s->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  make_tables (s);
  count_members (s, members);
  if (!count_pipeline (s, storage, error))
    return NULL;
  s->start = gt_statistics_count (s, "counts", "start");
  s->end = gt_statistics_count (s, "counts", "end");
  return g_steal_pointer (&s);
}
