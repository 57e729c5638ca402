/* gt-develop.c — applicants and their steps in the database; the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-develop.h"
#include "gt-registers.h"
#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-org.h"

#define TEXT GT_COLUMN_TEXT

static void
step_free (GtDevelopStep *s)
{
  g_free (s->date);
  g_free (s->contact1);
  g_free (s->contact2);
  g_free (s->talker);
  g_free (s->introducer1);
  g_free (s->introducer2);
  g_free (s->documents);
  g_free (s->notes);
  g_free (s);
}

void
gt_applicant_free (GtApplicant *a)
{
  if (a == NULL)
    return;
  g_free (a->uuid);
  g_free (a->name);
  g_free (a->id_number);
  g_free (a->birth_date);
  g_free (a->ethnicity);
  g_free (a->education);
  g_free (a->occupation);
  g_free (a->phone);
  g_free (a->org_name);
  g_free (a->stage);
  g_clear_pointer (&a->steps, g_ptr_array_unref);
  g_free (a);
}

void
gt_develop_board_entry_free (GtDevelopBoardEntry *entry)
{
  if (entry == NULL)
    return;
  gt_applicant_free (entry->applicant);
  g_clear_pointer (&entry->items, g_ptr_array_unref);
  g_free (entry);
}

static const char *
empty (const char *text)
{
  return text != NULL ? text : "";
}

gboolean
gt_develop_add (GtStorage *storage, const GtApplicantSpec *spec, gint64 *id, GError **error)
{
  g_autofree char *id_number = NULL, *birth = NULL, *adult = NULL;
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  const char *gender = NULL;
  char id_gender = 0;
  gint64 org_id = 0, new_id = 0;
  GtDevelopRules rules;
  sqlite3_stmt *stmt;
  gboolean ok;

  gt_develop_rules_load (storage, &rules);
  if (spec->name == NULL || *spec->name == '\0')
    return gt_storage_refuse (storage, error, _("an applicant needs a name"));
  if (spec->gender != NULL && *spec->gender != '\0')
    {
      if (g_strcmp0 (spec->gender, "男") == 0 || g_ascii_strcasecmp (spec->gender, "M") == 0)
        gender = "M";
      else if (g_strcmp0 (spec->gender, "女") == 0 || g_ascii_strcasecmp (spec->gender, "F") == 0)
        gender = "F";
      else
        return gt_storage_refuse (storage, error, _("gender “%s” is neither 男 nor 女"),
                                  spec->gender);
    }
  if (spec->id_number != NULL && *spec->id_number != '\0')
    {
      GtIdcardStatus status = gt_idcard_validate (spec->id_number, &id_number, &birth,
                                                  &id_gender);
      if (status != GT_IDCARD_OK)
        return gt_storage_refuse (storage, error, _("ID number %s: %s"), spec->id_number,
                                  gt_idcard_status_message (status));
      if (gender != NULL && gender[0] != id_gender)
        return gt_storage_refuse (storage, error,
                                  _("gender %s does not match the ID number, which says %s"),
                                  spec->gender, id_gender == 'M' ? "男" : "女");
      if (spec->birth_date != NULL && *spec->birth_date != '\0' &&
          g_strcmp0 (spec->birth_date, birth) != 0)
        return gt_storage_refuse (storage, error,
                                  _("birth date %s does not match the ID number, which says %s"),
                                  spec->birth_date, birth);
      gender = id_gender == 'M' ? "M" : "F";
    }
  else if (spec->birth_date != NULL && *spec->birth_date != '\0')
    {
      if (!gt_storage_check_date (storage, _("the birth date"), spec->birth_date, FALSE, error))
        return FALSE;
      birth = g_strdup (spec->birth_date);
    }
  if (gender == NULL)
    return gt_storage_refuse (storage, error, _("give the gender or the ID number"));
  if (birth == NULL)
    return gt_storage_refuse (storage, error, _("give the birth date or the ID number"));
  if (!gt_storage_check_date (storage, _("the application date"), spec->applied_on, FALSE, error))
    return FALSE;
  adult = gt_develop_birthday (birth, rules.minimum_age);
  if (strcmp (spec->applied_on, adult) < 0)
    return gt_storage_refuse (storage, error,
                              _("applied on %s, before the age of %d (born %s, %d on %s)"),
                              spec->applied_on, rules.minimum_age, birth, rules.minimum_age,
                              adult);
  if (!gt_org_find (storage, spec->org, &org_id, error))
    return FALSE;

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO applicants (uuid, org_id, name, id_number, gender,"
                             " birth_date, ethnicity, education, occupation, phone, mtime)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, org_id);
      sqlite3_bind_text (stmt, 3, spec->name, -1, SQLITE_TRANSIENT);
      if (id_number != NULL)
        sqlite3_bind_text (stmt, 4, id_number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, gender, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, birth, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, empty (spec->ethnicity), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, empty (spec->education), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, empty (spec->occupation), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, empty (spec->phone), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, mtime, -1, SQLITE_TRANSIENT);
      ok = gt_storage_step_done (storage, stmt, error);
      new_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
    }
  if (ok)
    {
      GtDevelopStepSpec first = { .step = 1, .date = spec->applied_on };
      ok = gt_develop_record_step (storage, new_id, &first, error);
    }
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      if (error != NULL && *error != NULL && (*error)->code == GT_STORAGE_ERROR_CONSTRAINT &&
          strstr ((*error)->message, "id_number") != NULL)
        {
          g_clear_error (error);
          return gt_storage_refuse (storage, error,
                                    _("ID number %s is already in the pipeline"), id_number);
        }
      return FALSE;
    }
  if (id != NULL)
    *id = new_id;
  gt_storage_emit_changed (storage, "applicants");
  return TRUE;
}

/* ---- reading ---- */

#define APPLICANT_COLUMNS \
  "a.id, a.uuid, a.name, a.id_number, a.gender, a.birth_date, a.ethnicity, a.education," \
  " a.occupation, a.phone, a.org_id, o.name, a.stage, coalesce (a.member_id, 0)"

static gpointer
read_applicant (sqlite3_stmt *stmt)
{
  GtApplicant *a = g_new0 (GtApplicant, 1);
  const char *gender = (const char *) sqlite3_column_text (stmt, 4);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->uuid = TEXT (stmt, 1);
  a->name = TEXT (stmt, 2);
  a->id_number = TEXT (stmt, 3);
  a->gender = gender != NULL ? gender[0] : 'M';
  a->birth_date = TEXT (stmt, 5);
  a->ethnicity = TEXT (stmt, 6);
  a->education = TEXT (stmt, 7);
  a->occupation = TEXT (stmt, 8);
  a->phone = TEXT (stmt, 9);
  a->org_id = sqlite3_column_int64 (stmt, 10);
  a->org_name = TEXT (stmt, 11);
  a->stage = TEXT (stmt, 12);
  a->member_id = sqlite3_column_int64 (stmt, 13);
  a->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  return a;
}

static gpointer
read_step (sqlite3_stmt *stmt)
{
  GtDevelopStep *s = g_new0 (GtDevelopStep, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->step = sqlite3_column_int (stmt, 1);
  s->date = TEXT (stmt, 2);
  s->contact1 = TEXT (stmt, 3);
  s->contact2 = TEXT (stmt, 4);
  s->talker = TEXT (stmt, 5);
  s->introducer1 = TEXT (stmt, 6);
  s->introducer2 = TEXT (stmt, 7);
  s->documents = TEXT (stmt, 8);
  s->months = sqlite3_column_int (stmt, 9);
  s->notes = TEXT (stmt, 10);
  return s;
}

static gboolean
load_steps (GtStorage *storage, GtApplicant *a, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT id, step, date, contact1, contact2, talker, introducer1, introducer2, documents,"
    " months, notes FROM develop_steps WHERE applicant_id = ? ORDER BY step, date, id", error);
  GPtrArray *steps;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  steps = gt_storage_collect (storage, stmt, read_step, (GDestroyNotify) step_free, error);
  if (steps == NULL)
    return FALSE;
  g_ptr_array_unref (a->steps);
  a->steps = steps;
  return TRUE;
}

GtApplicant *
gt_develop_lookup (GtStorage *storage, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT " APPLICANT_COLUMNS " FROM applicants a JOIN organizations o ON o.id = a.org_id"
    " WHERE a.id = ?", error);
  g_autoptr (GtApplicant) a = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    a = read_applicant (stmt);
  sqlite3_reset (stmt);
  if (a == NULL)
    {
      gt_storage_refuse (storage, error, _("applicant %d does not exist"), (int) id);
      return NULL;
    }
  if (!load_steps (storage, a, error))
    return NULL;
  return g_steal_pointer (&a);
}

GPtrArray *
gt_develop_list (GtStorage *storage, gint64 org_id, gboolean dropped, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT " APPLICANT_COLUMNS " FROM applicants a JOIN organizations o ON o.id = a.org_id"
    " WHERE (?1 = 0 OR a.org_id = ?1) AND (?2 OR a.stage <> 'dropped')"
    " ORDER BY o.sort_order, o.id, CASE a.stage WHEN 'applicant' THEN 0 WHEN 'activist' THEN 1"
    " WHEN 'candidate' THEN 2 WHEN 'probationary' THEN 3 WHEN 'full' THEN 4 ELSE 5 END,"
    " a.name, a.id", error);
  g_autoptr (GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, org_id);
  sqlite3_bind_int (stmt, 2, dropped ? 1 : 0);
  list = gt_storage_collect (storage, stmt, read_applicant, (GDestroyNotify) gt_applicant_free,
                             error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    if (!load_steps (storage, list->pdata[i], error))
      return NULL;
  return g_steal_pointer (&list);
}

/* ---- recording ---- */

static gboolean
insert_step (GtStorage *storage, gint64 applicant_id, const GtDevelopStepSpec *spec,
             GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO develop_steps (uuid, applicant_id, step, date, contact1, contact2, talker,"
    " introducer1, introducer2, documents, months, notes, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, applicant_id);
  sqlite3_bind_int (stmt, 3, spec->step);
  sqlite3_bind_text (stmt, 4, spec->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, empty (spec->contact1), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, empty (spec->contact2), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, empty (spec->talker), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, empty (spec->introducer1), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, empty (spec->introducer2), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, empty (spec->documents), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 11, spec->months);
  sqlite3_bind_text (stmt, 12, empty (spec->notes), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, mtime, -1, SQLITE_TRANSIENT);
  return gt_storage_step_done (storage, stmt, error);
}

static gboolean
set_stage (GtStorage *storage, gint64 id, const char *stage, gint64 member_id, GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "UPDATE applicants SET stage = ?, member_id = coalesce (?, member_id), rev = rev + 1,"
    " mtime = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_STATIC);
  if (member_id > 0)
    sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_text (stmt, 3, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  return gt_storage_step_done (storage, stmt, error);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (*text == ' ' || *text == '\t')
    text++;
  return *text == '\0';
}

/* Two names for one person: the same once spaces (ASCII and full-width) are left out. */
static gboolean
same_person (const char *a, const char *b)
{
  g_autofree char *x = gt_search_normalize (a), *y = gt_search_normalize (b);

  return x != NULL && y != NULL && strcmp (x, y) == 0;
}

/* The checks of one new step against the recorded ones; NULL when it may be recorded. */
static gboolean
check_step (GtStorage *storage, const GtApplicant *a, const GtDevelopStepSpec *spec,
            const GtDevelopRules *rules, GError **error)
{
  int last = gt_applicant_last_step (a);
  const GtDevelopStepInfo *info = gt_develop_step_info (spec->step);
  const char *prev_date = NULL;

  if (info == NULL)
    return gt_storage_refuse (storage, error, _("step %d: the steps are numbered 1 to %d"),
                              spec->step, GT_DEVELOP_N_STEPS);
  if (g_strcmp0 (a->stage, "dropped") == 0)
    return gt_storage_refuse (storage, error, _("%s has left the pipeline"), a->name);
  if (spec->step != last + 1 && !(spec->step == last && info->repeatable))
    return gt_storage_refuse (storage, error,
                              _("%s: step %d cannot be recorded now; the next step is %d (%s)"),
                              a->name, spec->step, last + 1,
                              last < GT_DEVELOP_N_STEPS ? gt_label_develop_step (last + 1) : "");
  if (!gt_storage_check_date (storage, _("the date"), spec->date, FALSE, error))
    return FALSE;
  for (guint i = 0; i < a->steps->len; i++)
    {
      GtDevelopStep *s = a->steps->pdata[i];
      if (prev_date == NULL || strcmp (s->date, prev_date) > 0)
        prev_date = s->date;
    }
  if (prev_date != NULL && strcmp (spec->date, prev_date) < 0)
    return gt_storage_refuse (storage, error, _("%s: %s is before the latest step (%s)"), a->name,
                              spec->date, prev_date);
  if ((spec->step == 2 || spec->step == 16) && blank (spec->talker))
    return gt_storage_refuse (storage, error, _("step %d “%s” needs the person who talked (谈话人)"),
                              spec->step, gt_label_develop_step (spec->step));
  if (spec->step == 5 && blank (spec->contact1))
    return gt_storage_refuse (storage, error, _("step 5 needs at least one contact (培养联系人)"));
  if (spec->step == 9 && (blank (spec->introducer1) || blank (spec->introducer2)))
    return gt_storage_refuse (storage, error, _("step 9 needs two introducers (入党介绍人)"));
  if (spec->step == 9 && same_person (spec->introducer1, spec->introducer2))
    return gt_storage_refuse (storage, error,
                              _("step 9 needs two different introducers (入党介绍人); %s is"
                                " named twice"), spec->introducer1);
  if (spec->months != 0)
    {
      if (spec->step != 23)
        return gt_storage_refuse (storage, error,
                                  _("only step 23 can extend the probation"));
      if (spec->months < rules->extension_min_months || spec->months > rules->extension_max_months)
        return gt_storage_refuse (storage, error,
                                  _("an extension of the probation lasts %d to %d months, not %d"),
                                  rules->extension_min_months, rules->extension_max_months,
                                  spec->months);
      for (guint i = 0; i < a->steps->len; i++)
        if (((GtDevelopStep *) a->steps->pdata[i])->months > 0)
          return gt_storage_refuse (storage, error,
                                    _("%s: the probation was already extended once"), a->name);
    }
  if (spec->step == 15 || spec->step == 17)
    {
      /* Admitting a candidate confirmed before the year as activist was over, or whose
       * 志愿书 came before the publicity ended, would make the admission itself invalid; a
       * step recorded on the wrong day is withdrawn and recorded again. Late steps only
       * warn, and so does an application made under age, which the rules only find when
       * their minimum age was raised afterwards (the application is not withdrawn). */
      g_autoptr (GPtrArray) items = gt_develop_check (a, rules, spec->date);

      for (guint i = 0; i < items->len; i++)
        {
          GtDevelopItem *item = items->pdata[i];

          if (item->state == GT_DEVELOP_BROKEN &&
              (strcmp (item->rule, "activist_min") == 0 || strcmp (item->rule, "publicity") == 0))
            return gt_storage_refuse (
              storage, error,
              _("Not admitted, because the record breaks a rule of the procedure: %s. If a "
                "step was recorded wrongly, withdraw the steps back to it and record them "
                "again"),
              item->message);
        }
    }
  if (spec->step == 23 && last == 23)
    {
      gboolean extended = FALSE;
      for (guint i = 0; i < a->steps->len; i++)
        if (((GtDevelopStep *) a->steps->pdata[i])->months > 0)
          extended = TRUE;
      if (!extended)
        return gt_storage_refuse (storage, error,
                                  _("%s: step 23 is repeated only after an extension"), a->name);
    }
  return TRUE;
}

/* Step 17: the member is created, admitted on the day of the branch meeting (step 15). */
static gboolean
create_member (GtStorage *storage, const GtApplicant *a, gint64 *member_id, GError **error)
{
  g_autofree char *org_key = g_strdup_printf ("%" G_GINT64_FORMAT, a->org_id);
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT code FROM organizations WHERE id = ?", error);
  GtMemberSpec spec = { 0 };

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->org_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = TEXT (stmt, 0);
  sqlite3_reset (stmt);
  spec.org = code != NULL && *code != '\0' ? code : a->org_name;
  spec.name = a->name;
  spec.gender = a->gender == 'F' ? "F" : "M";
  spec.ethnicity = a->ethnicity;
  spec.id_number = a->id_number;
  spec.phone = a->phone;
  spec.education = a->education;
  spec.occupation = a->occupation;
  spec.join_date = gt_applicant_step_date (a, 15, FALSE);
  return gt_member_add (storage, &spec, member_id, error);
}

gboolean
gt_develop_record_step (GtStorage *storage, gint64 applicant_id, const GtDevelopStepSpec *spec,
                        GError **error)
{
  g_autoptr (GtApplicant) a = gt_develop_lookup (storage, applicant_id, error);
  GtDevelopRules rules;
  gint64 member_id = 0;
  gboolean ok;

  if (a == NULL)
    return FALSE;
  gt_develop_rules_load (storage, &rules);
  if (!check_step (storage, a, spec, &rules, error))
    return FALSE;
  if (!gt_storage_begin (storage, error))
    return FALSE;
  ok = insert_step (storage, applicant_id, spec, error);
  if (ok && spec->step == 17)
    ok = create_member (storage, a, &member_id, error);
  if (ok && spec->step == 24 && a->member_id > 0)
    {
      g_autofree char *end = gt_develop_probation_end (a, &rules);
      /* 转正 counts from the end of the probation, never later than the approval. */
      const char *date = end != NULL && strcmp (end, spec->date) < 0 ? end : spec->date;

      ok = gt_member_record_event (storage, a->member_id, "full_membership", date, NULL,
                                   _("full membership approved"), error);
    }
  ok = ok && set_stage (storage, applicant_id, gt_develop_stage_after_step (MAX (spec->step,
                                                                   gt_applicant_last_step (a))),
                        member_id, error);
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "applicants");
  return TRUE;
}

gboolean
gt_develop_withdraw_step (GtStorage *storage, gint64 applicant_id, int *step, GError **error)
{
  g_autoptr (GtApplicant) a = gt_develop_lookup (storage, applicant_id, error);
  const GtDevelopStep *last = NULL;
  int before = 0;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (a == NULL)
    return FALSE;
  if (g_strcmp0 (a->stage, "dropped") == 0)
    return gt_storage_refuse (storage, error, _("%s has left the pipeline"), a->name);
  /* The steps come by step, then date, then id: the last one was recorded last. */
  if (a->steps->len > 0)
    last = a->steps->pdata[a->steps->len - 1];
  for (guint i = 0; last != NULL && i + 1 < a->steps->len; i++)
    before = MAX (before, ((GtDevelopStep *) a->steps->pdata[i])->step);
  if (last == NULL || last->step == 1)
    return gt_storage_refuse (storage, error,
                              _("%s: the application (step 1) is not withdrawn; take the "
                                "person out of the pipeline instead"),
                              a->name);
  if (last->step == 17 || last->step == 24)
    return gt_storage_refuse (
      storage, error,
      _("%s: step %d “%s” made the membership and stays in the member’s history; it cannot "
        "be withdrawn"),
      a->name, last->step, gt_label_develop_step (last->step));

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "DELETE FROM develop_steps WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, last->id);
      ok = gt_storage_step_done (storage, stmt, error);
    }
  ok = ok && set_stage (storage, applicant_id, gt_develop_stage_after_step (before), 0, error);
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  if (step != NULL)
    *step = last->step;
  gt_storage_emit_changed (storage, "applicants");
  return TRUE;
}

gboolean
gt_develop_drop (GtStorage *storage, gint64 applicant_id, GError **error)
{
  g_autoptr (GtApplicant) a = gt_develop_lookup (storage, applicant_id, error);

  if (a == NULL)
    return FALSE;
  if (a->member_id > 0)
    return gt_storage_refuse (storage, error,
                              _("%s is already a member; record the member's exit instead"),
                              a->name);
  if (!set_stage (storage, applicant_id, "dropped", 0, error))
    return FALSE;
  gt_storage_emit_changed (storage, "applicants");
  return TRUE;
}

/* ---- the board ---- */

GPtrArray *
gt_develop_board (GtStorage *storage, gint64 org_id, const char *today, GError **error)
{
  g_autoptr (GPtrArray) list = gt_develop_list (storage, org_id, FALSE, error);
  g_autofree char *now = today != NULL ? g_strdup (today) : gt_today ();
  GPtrArray *board;
  GtDevelopRules rules;

  if (list == NULL)
    return NULL;
  gt_develop_rules_load (storage, &rules);
  board = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_develop_board_entry_free);
  for (guint i = 0; i < list->len; i++)
    {
      GtDevelopBoardEntry *e = g_new0 (GtDevelopBoardEntry, 1);
      static const int rank[] = { 0, 2, 3, 1, 3 };

      e->applicant = g_steal_pointer (&list->pdata[i]);
      e->last_step = gt_applicant_last_step (e->applicant);
      e->items = gt_develop_check (e->applicant, &rules, now);
      e->worst = GT_DEVELOP_OPEN;
      for (guint j = 0; j < e->items->len; j++)
        {
          GtDevelopItem *item = e->items->pdata[j];
          if (rank[item->state] > rank[e->worst])
            e->worst = item->state;
        }
      g_ptr_array_add (board, e);
    }
  return board;
}

static int
compare_due (gconstpointer pa, gconstpointer pb)
{
  const GtDevelopItem *a = *(GtDevelopItem *const *) pa, *b = *(GtDevelopItem *const *) pb;
  int c = strcmp (a->date, b->date);

  return c != 0 ? c : (a->applicant_id > b->applicant_id) - (a->applicant_id < b->applicant_id);
}

GPtrArray *
gt_develop_due (GtStorage *storage, gint64 org_id, const char *today, GError **error)
{
  g_autoptr (GPtrArray) board = gt_develop_board (storage, org_id, today, error);
  GPtrArray *due;

  if (board == NULL)
    return NULL;
  due = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_develop_item_free);
  for (guint i = 0; i < board->len; i++)
    {
      GtDevelopBoardEntry *e = board->pdata[i];

      for (guint j = 0; j < e->items->len; j++)
        {
          GtDevelopItem *item = e->items->pdata[j];

          if (item->state == GT_DEVELOP_DUE || item->state == GT_DEVELOP_OVERDUE ||
              item->state == GT_DEVELOP_BROKEN)
            g_ptr_array_add (due, g_steal_pointer (&e->items->pdata[j]));
        }
      g_ptr_array_set_free_func (e->items, NULL);
      for (guint j = 0; j < e->items->len; j++)
        gt_develop_item_free (e->items->pdata[j]);
      g_ptr_array_set_size (e->items, 0);
    }
  g_ptr_array_sort (due, compare_due);
  return due;
}
