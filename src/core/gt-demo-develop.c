/* gt-demo-develop.c — the demo township's development pipeline and transfer letters
 *
 * People at every stage: applicants, activists and candidates (not members: the member
 * counts of the demo do not change), and the pipeline records of a few of the demo's own
 * probationary members and of one member who became a full member. Some steps are overdue
 * as of December 2026. No transfers: a transfer records member events, which changes the
 * members' rows that the other areas' tests check against the base demo (counts, revisions,
 * the roster round trip); the tests and the GUI test make their own letters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-develop.h"

typedef struct
{
  const char *org, *name, *gender, *birth;
  const char *steps[25]; /* dates of steps 1 …, NULL after the last */
} Person;

static const Person people[] = {
  /* applicants: a talk due in December, a talk overdue (born 29 February), a talk done */
  { "青石村党支部", "王晓峰", "男", "1998-05-12", { "2026-11-05" } },
  { "青石村党支部", "刘芳", "女", "2000-02-29", { "2026-09-10" } },
  { "青石镇卫生院党支部", "吴敏", "女", "2001-12-12", { "2026-10-28", "2026-11-10" } },
  /* activists: a review overdue; a review due, ready to become a candidate */
  { "砚瓦山村党支部", "陈志强", "男", "1995-08-20",
    { "2025-10-08", "2025-10-20", "2026-01-15", "2026-01-20", "2026-01-20" } },
  { "澄潭村党支部", "李娟", "女", "1997-11-03",
    { "2025-03-01", "2025-03-20", "2025-06-10", "2025-06-15", "2025-06-15", "2025-12-05" } },
  /* candidates: the political review expired; the branch meeting overdue; approval due */
  { "江源村党支部", "周建国", "男", "1993-04-18",
    { "2023-05-01", "2023-05-20", "2023-09-01", "2023-09-05", "2023-09-05", "2024-03-01",
      "2024-09-10", "2024-09-15", "2024-10-01", "2025-09-01", "2025-10-15" } },
  { "青石镇中心学校党支部", "郑雨", "女", "1996-06-30",
    { "2024-03-01", "2024-03-15", "2024-06-01", "2024-06-05", "2024-06-05", "2024-12-01",
      "2025-06-05", "2025-06-10", "2025-06-20", "2026-06-25", "2026-07-10", "2026-09-01",
      "2026-10-25", "2026-11-02" } },
  { "观赏石协会党支部", "程浩", "男", "1990-01-31",
    { "2024-04-02", "2024-04-20", "2024-07-01", "2024-07-03", "2024-07-03", "2024-12-20",
      "2025-07-02", "2025-07-05", "2025-07-10", "2026-05-10", "2026-06-15", "2026-08-20",
      "2026-09-01", "2026-09-10", "2026-09-30", "2026-10-12" } },
};

/* A second review (step 6) of some activists, recorded after the first. */
static const struct
{
  const char *name, *date;
} reviews[] = {
  { "李娟", "2026-06-01" }, { "周建国", "2024-08-25" }, { "郑雨", "2025-05-20" },
  { "程浩", "2025-06-15" },
};

static gboolean
add_person (GtStorage *storage, const Person *p, GError **error)
{
  GtApplicantSpec spec = { .org = p->org, .name = p->name, .gender = p->gender,
                           .birth_date = p->birth, .ethnicity = "汉族", .education = "大专",
                           .occupation = "农民", .applied_on = p->steps[0] };
  gint64 id = 0;

  if (!gt_develop_add (storage, &spec, &id, error))
    return FALSE;
  for (int i = 1; i < 25 && p->steps[i] != NULL; i++)
    {
      GtDevelopStepSpec step = { .step = i + 1, .date = p->steps[i], .talker = "支部书记",
                                 .contact1 = "培养联系人甲", .contact2 = "培养联系人乙",
                                 .introducer1 = "入党介绍人甲", .introducer2 = "入党介绍人乙" };

      if (!gt_develop_record_step (storage, id, &step, error))
        return FALSE;
      /* the second review, right after the first */
      if (i + 1 == 6)
        for (guint r = 0; r < G_N_ELEMENTS (reviews); r++)
          if (strcmp (reviews[r].name, p->name) == 0 &&
              (p->steps[i + 1] == NULL || strcmp (reviews[r].date, p->steps[i + 1]) <= 0))
            {
              GtDevelopStepSpec again = { .step = 6, .date = reviews[r].date };
              if (!gt_develop_record_step (storage, id, &again, error))
                return FALSE;
            }
    }
  return TRUE;
}

/* The pipeline records of an existing member: applicant row linked to the member and steps
 * 1 … @last written directly (the member exists; step 17 must not add them again). Step 15
 * is the member's joining date. */
static gboolean
link_member (GtStorage *storage, const char *where, int last, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO applicants (uuid, org_id, name, id_number, gender, birth_date, ethnicity,"
    " education, occupation, phone, stage, member_id, mtime)"
    " SELECT ?, org_id, name, id_number, gender, birth_date,"
    " ethnicity, education, occupation, phone, '%s', id, mtime FROM members WHERE"
    " status = 'active' AND birth_date IS NOT NULL AND %s"
    " ORDER BY id LIMIT 1", last >= 24 ? "full" : "probationary", where);
  /* days before (−) or after the admitting meeting, keeping every time rule; the second
   * review (step 6) comes 170 days after the first */
  static const int offsets[] = {
    -760, -740, -640, -635, -635, -470, -270, -265, -255, -200, -150, -25, -20, -14, 0, 12,
    40, 45, 50, 55, 180, 330, 366, 380, 390 };
  gint64 applicant;
  g_autofree char *join = NULL;

  {
    g_autofree char *uuid = gt_new_uuid ();
    sqlite3_stmt *insert = gt_storage_prepare (storage, sql, error);

    if (insert == NULL)
      return FALSE;
    sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
    if (!gt_storage_step_done (storage, insert, error))
      return FALSE;
  }
  applicant = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  {
    sqlite3_stmt *stmt = gt_storage_prepare (
      storage, "SELECT m.join_date FROM applicants a JOIN members m ON m.id = a.member_id"
               " WHERE a.id = ?", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, applicant);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      join = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
  }
  if (join == NULL)
    return TRUE;
  for (int k = 1; k <= last + 1; k++)
    {
      /* k runs over the steps with the second review inserted after step 6 */
      int step = k <= 6 ? k : k - 1;
      g_autofree char *date = gt_develop_add_days (join, k == 7 ? offsets[5] + 170
                                                             : offsets[step - 1]);
      g_autofree char *uuid = gt_new_uuid ();
      sqlite3_stmt *stmt = gt_storage_prepare (
        storage,
        "INSERT INTO develop_steps (uuid, applicant_id, step, date, talker, introducer1,"
        " introducer2, contact1, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-11-01T08:00:00Z')",
        error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, applicant);
      sqlite3_bind_int (stmt, 3, step);
      sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, step == 2 || step == 16 ? "支部书记" : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, step == 9 ? "入党介绍人甲" : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, step == 9 ? "入党介绍人乙" : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, step == 5 ? "培养联系人甲" : "", -1, SQLITE_STATIC);
      if (!gt_storage_step_done (storage, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
gt_demo_develop_build (GtStorage *storage, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    if (!add_person (storage, &people[i], error))
      return FALSE;
  /* two of the demo's probationary members and one who became a full member */
  return link_member (storage, "category = 'probationary' AND status = 'active'", 21, error) &&
         link_member (storage, "category = 'probationary' AND status = 'active' AND id NOT IN"
                               " (SELECT member_id FROM applicants WHERE member_id IS NOT NULL)",
                      20, error) &&
         link_member (storage, "category = 'full' AND join_date BETWEEN '2024-01-01' AND"
                               " '2024-12-31'", 25, error);
}
