/* gt-member-write.c — adding members and recording their life-cycle events
 *
 * Events are never changed; each change of state is a new dated event, and the stored
 * status, category and organisation are recomputed from the whole history in the same
 * transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-idcard.h"
#include "gt-member.h"
#include "gt-member-private.h"
#include "gt-org.h"
#include "gt-registers.h"

/* "1990-05-01" plus @years, as a string, for the age rule. */
static char *
add_years (const char *date, int years)
{
  int y = 0, m = 0, d = 0;

  sscanf (date, "%4d-%2d-%2d", &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y + years, m, d);
}

static const char *
gender_code (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  if (g_strcmp0 (text, "男") == 0 || g_ascii_strcasecmp (text, "M") == 0)
    return "M";
  if (g_strcmp0 (text, "女") == 0 || g_ascii_strcasecmp (text, "F") == 0)
    return "F";
  return "?";
}

static gboolean
insert_event (GtStorage *storage, gint64 member_id, const char *kind, const char *date,
              gint64 org_id, const char *detail, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO member_events (uuid, member_id, kind, date, org_id, detail, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  if (org_id > 0)
    sqlite3_bind_int64 (stmt, 5, org_id);
  sqlite3_bind_text (stmt, 6, detail != NULL ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, mtime, -1, SQLITE_TRANSIENT);
  return gt_storage_step_done (storage, stmt, error);
}

/* Checks who @spec says the member is — name, lengths, gender, ID number (its check digit,
 * and gender and birth date agreeing with it), joining at 18 or older on @join_date, the
 * phone — and gives the values to store. */
static gboolean
check_person (GtStorage *storage, const GtMemberSpec *spec, const char *join_date,
              char **id_number, char **birth, const char **gender, char **phone, GError **error)
{
  g_autofree char *adult = NULL;
  char id_gender = 0;

  *gender = gender_code (spec->gender);
  if (spec->name == NULL || *spec->name == '\0')
    return gt_storage_refuse (storage, error, _("a member needs a name"));
  if (!gt_storage_check_length (storage, _("the name"), spec->name, GT_NAME_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the ethnicity"), spec->ethnicity, GT_TEXT_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the education"), spec->education, GT_TEXT_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the occupation"), spec->occupation, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  if (g_strcmp0 (*gender, "?") == 0)
    return gt_storage_refuse (storage, error, _("gender “%s” is neither 男 nor 女"), spec->gender);
  if (spec->id_number != NULL && *spec->id_number != '\0')
    {
      GtIdcardStatus status = gt_idcard_validate (spec->id_number, id_number, birth,
                                                  &id_gender);
      if (status != GT_IDCARD_OK)
        return gt_storage_refuse (storage, error, _("ID number %s: %s"), spec->id_number,
                       gt_idcard_status_message (status));
      if (*gender != NULL && (*gender)[0] != id_gender)
        return gt_storage_refuse (storage, error, _("gender %s does not match the ID number, which says %s"),
                       spec->gender, id_gender == 'M' ? "男" : "女");
      if (*gender == NULL)
        *gender = id_gender == 'M' ? "M" : "F";
    }
  if (*gender == NULL)
    return gt_storage_refuse (storage, error, _("give the gender or the ID number"));
  if (*birth != NULL && join_date != NULL)
    {
      adult = add_years (*birth, 18);
      if (strcmp (join_date, adult) < 0)
        return gt_storage_refuse (storage, error, _("joined on %s, before the age of 18 (born %s)"),
                       join_date, *birth);
    }
  if (spec->phone != NULL && *spec->phone != '\0')
    {
      *phone = gt_search_normalize (spec->phone);
      if (strlen (*phone) != 11 || (*phone)[0] != '1' || strspn (*phone, "0123456789") != 11)
        return gt_storage_refuse (storage, error, _("phone number %s is not an 11-digit mobile number"),
                       spec->phone);
    }
  return TRUE;
}

/* Binds, from parameter @first on, the columns name, gender, ethnicity, id_number, phone,
 * education, occupation and birth_date, in that order (members' insert and update). */
static void
bind_person (sqlite3_stmt *stmt, int first, const GtMemberSpec *spec, const char *gender,
             const char *id_number, const char *phone, const char *birth)
{
  const char *texts[] = { spec->name, gender, spec->ethnicity != NULL ? spec->ethnicity : "",
                          id_number, phone != NULL ? phone : "",
                          spec->education != NULL ? spec->education : "",
                          spec->occupation != NULL ? spec->occupation : "", birth };

  for (int i = 0; i < (int) G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL)
      sqlite3_bind_text (stmt, first + i, texts[i], -1, SQLITE_TRANSIENT);
}

/* An ID number the unique index refused as already stored, said as such. */
static gboolean
refuse_stored_id (GtStorage *storage, const char *id_number, GError **error)
{
  if (error != NULL && *error != NULL && (*error)->code == GT_STORAGE_ERROR_CONSTRAINT &&
      strstr ((*error)->message, "id_number") != NULL)
    {
      g_clear_error (error);
      return gt_storage_refuse (storage, error, _("ID number %s is already in the register"),
                                id_number);
    }
  return FALSE;
}

gboolean
gt_member_add (GtStorage *storage, const GtMemberSpec *spec, gint64 *id, GError **error)
{
  g_autofree char *id_number = NULL, *birth = NULL, *phone = NULL;
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  const char *gender = NULL;
  gint64 org_id = 0, group_id = 0, new_id;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!gt_storage_check_date (storage, _("the joining date"), spec->join_date, FALSE, error) ||
      !check_person (storage, spec, spec->join_date, &id_number, &birth, &gender, &phone, error))
    return FALSE;
  if (spec->full_date != NULL && *spec->full_date != '\0')
    {
      if (!gt_storage_check_date (storage, _("the full-membership date"), spec->full_date,
                                  FALSE, error))
        return FALSE;
      if (strcmp (spec->full_date, spec->join_date) < 0)
        return gt_storage_refuse (storage, error, _("the full-membership date %s is before the joining "
                                         "date %s"), spec->full_date, spec->join_date);
      if (!gt_member_probation_served (spec->join_date, spec->full_date))
        return gt_storage_refuse (storage, error,
                                  _("the full-membership date %s comes less than a year of"
                                    " probation after joining on %s"),
                                  spec->full_date, spec->join_date);
    }
  /* a member added to a 党小组 is registered with its branch, in the group */
  if (!gt_org_find (storage, spec->org, &org_id, error) ||
      !gt_org_check_holds_members (storage, org_id, error) ||
      !gt_member_resolve_org (storage, org_id, &org_id, &group_id, error))
    return FALSE;
  if (spec->group_id > 0 && spec->group_id != group_id)
    {
      if (!gt_member_check_group (storage, org_id, spec->group_id, error))
        return FALSE;
      group_id = spec->group_id;
    }

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO members (uuid, org_id, name, gender, ethnicity, id_number, phone, education,"
    " occupation, birth_date, join_date, full_date, category, mtime, group_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      gboolean full = spec->full_date != NULL && *spec->full_date != '\0';

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, org_id);
      bind_person (stmt, 3, spec, gender, id_number, phone, birth);
      sqlite3_bind_text (stmt, 11, spec->join_date, -1, SQLITE_TRANSIENT);
      if (full)
        sqlite3_bind_text (stmt, 12, spec->full_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 13, full ? "full" : "probationary", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 14, mtime, -1, SQLITE_TRANSIENT);
      if (group_id > 0)
        sqlite3_bind_int64 (stmt, 15, group_id);
      ok = gt_storage_step_done (storage, stmt, error);
      new_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
      ok = ok && insert_event (storage, new_id, "admission", spec->join_date, org_id, NULL, error);
      if (ok && full)
        ok = insert_event (storage, new_id, "full_membership", spec->full_date, org_id, NULL,
                           error);
    }
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return refuse_stored_id (storage, id_number, error);
    }
  if (id != NULL)
    *id = new_id;
  gt_storage_emit_changed (storage, "members");
  return TRUE;
}

static gboolean load_state (GtStorage *storage, gint64 id, char **status, char **category,
                            char **last_date, gint64 *org_id, char **join_date, GError **error);

gboolean
gt_member_update (GtStorage *storage, gint64 id, const GtMemberSpec *spec, GError **error)
{
  g_autofree char *id_number = NULL, *birth = NULL, *phone = NULL, *joined = NULL;
  g_autofree char *status = NULL, *category = NULL, *last = NULL;
  g_autofree char *mtime = gt_now_iso8601 ();
  const char *gender = NULL;
  sqlite3_stmt *stmt;
  gint64 org_id = 0;
  gboolean ok;

  /* the age at joining is checked against the joining date stored */
  if (!load_state (storage, id, &status, &category, &last, &org_id, &joined, error))
    return FALSE;
  if (!check_person (storage, spec, joined, &id_number, &birth, &gender, &phone, error) ||
      !gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage,
                             "UPDATE members SET name = ?, gender = ?, ethnicity = ?,"
                             " id_number = ?, phone = ?, education = ?, occupation = ?,"
                             " birth_date = ?, rev = rev + 1, mtime = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_person (stmt, 1, spec, gender, id_number, phone, birth);
      sqlite3_bind_text (stmt, 9, mtime, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 10, id);
      ok = gt_storage_step_done (storage, stmt, error);
    }
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return refuse_stored_id (storage, id_number, error);
    }
  gt_storage_emit_changed (storage, "members");
  return TRUE;
}

/* The member's stored state and the date of their latest event. */
static gboolean
load_state (GtStorage *storage, gint64 id, char **status, char **category, char **last_date,
            gint64 *org_id, char **join_date, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT status, category, org_id, (SELECT max (date) FROM member_events"
    " WHERE member_id = m.id), join_date FROM members m WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return gt_storage_refuse (storage, error, _("member %d does not exist"), (int) id);
    }
  *status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *category = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *org_id = sqlite3_column_int64 (stmt, 2);
  *last_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  if (join_date != NULL)
    *join_date = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  sqlite3_reset (stmt);
  return TRUE;
}

/* Recomputes status, category, full date and organisation from the events. */
static gboolean
derive_state (GtStorage *storage, gint64 id, gint64 org_id, GError **error)
{
  g_autoptr (GtMemberRecord) record = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id), *mtime = gt_now_iso8601 ();
  const char *status, *category, *full_date = NULL;
  sqlite3_stmt *stmt;

  record = gt_member_lookup (storage, key, error);
  if (record == NULL)
    return FALSE;
  gt_member_state_from_events (record->events, &status, &category);
  for (guint i = 0; i < record->events->len; i++)
    {
      GtMemberEvent *e = record->events->pdata[i];
      if (g_strcmp0 (e->kind, "full_membership") == 0)
        full_date = e->date;
    }

  stmt = gt_storage_prepare (storage,
                             "UPDATE members SET status = ?1, category = ?2, full_date = ?3,"
                             " org_id = ?4, rev = rev + 1, mtime = ?5,"
                             /* a member who leaves their branch, or is no longer active,
                              * leaves its 党小组 */
                             " group_id = CASE WHEN ?1 = 'active' AND org_id = ?4"
                             "  THEN group_id END WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, category != NULL ? category : "probationary", -1, SQLITE_STATIC);
  if (full_date != NULL)
    sqlite3_bind_text (stmt, 3, full_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, org_id);
  sqlite3_bind_text (stmt, 5, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, id);
  return gt_storage_step_done (storage, stmt, error);
}

/* Checks that @kind may follow the member's state; NULL when it may, else the reason. */
static const char *
transition_problem (const char *kind, const char *status, const char *category)
{
  gboolean active = g_strcmp0 (status, "active") == 0;

  if (g_strcmp0 (kind, "full_membership") == 0)
    return !active ? _("only an active member can become a full member")
           : g_strcmp0 (category, "full") == 0 ? _("the member already is a full member")
                                               : NULL;
  if (g_strcmp0 (kind, "transfer_out") == 0 || g_strcmp0 (kind, "suspension") == 0)
    return active ? NULL : _("the member is not active here");
  if (g_strcmp0 (kind, "transfer_in") == 0)
    return g_strcmp0 (status, "transferred_out") == 0 ? NULL
                                                       : _("only a member transferred out can "
                                                           "be transferred back in");
  /* A member transferred out is kept by the receiving organisation: it records their exit
   * or death, not this register. */
  if (g_strcmp0 (kind, "exit") == 0 || g_strcmp0 (kind, "death") == 0)
    return g_strcmp0 (status, "deceased") == 0 || g_strcmp0 (status, "exited") == 0
             ? _("the member has already left the register")
           : g_strcmp0 (status, "transferred_out") == 0
             ? _("the member was transferred out; the receiving organisation records it")
             : NULL;
  return _("unknown event (full_membership, transfer_out, transfer_in, suspension, exit, death)");
}

/* Puts member @id, just transferred into a branch, into its 党小组 @group_id (0: none);
 * inside the caller's transaction. */
static gboolean
place_in_group (GtStorage *storage, gint64 id, gint64 group_id, GError **error)
{
  sqlite3_stmt *stmt;

  if (group_id <= 0)
    return TRUE;
  stmt = gt_storage_prepare (storage, "UPDATE members SET group_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, id);
  return gt_storage_step_done (storage, stmt, error);
}

static gboolean
record_event (GtStorage *storage, gint64 id, const char *kind, const char *date,
              gint64 to_org_id, const char *detail, GError **error)
{
  g_autofree char *status = NULL, *category = NULL, *last = NULL, *joined = NULL;
  gint64 org_id = 0;
  const char *problem;

  if (!gt_storage_check_date (storage, _("the date"), date, FALSE, error) ||
      !load_state (storage, id, &status, &category, &last, &org_id, &joined, error))
    return FALSE;
  problem = transition_problem (kind, status, category);
  if (problem != NULL)
    return gt_member_refuse (storage, error, id, "%s", problem);
  if (last != NULL && strcmp (date, last) < 0)
    return gt_member_refuse (storage, error, id,
                             _("%s is before the latest recorded event (%s)"), date, last);
  if (g_strcmp0 (kind, "full_membership") == 0 && !gt_member_probation_served (joined, date))
    return gt_member_refuse (storage, error, id,
                             _("full membership on %s comes less than a year of"
                               " probation after joining on %s"), date, joined);
  if (g_strcmp0 (kind, "transfer_in") == 0)
    org_id = to_org_id;
  return insert_event (storage, id, kind, date, org_id, detail, error) &&
         derive_state (storage, id, org_id, error);
}

/* Records event @kind in its own transaction (a savepoint inside the caller's). */
static gboolean
record_event_changed (GtStorage *storage, gint64 id, const char *kind, const char *date,
                      const char *org, const char *detail, GError **error)
{
  g_autofree char *day = NULL;
  gint64 to_org_id = 0, group_id = 0;

  if (date == NULL)
    date = day = gt_today ();
  if (g_strcmp0 (kind, "transfer_in") == 0)
    {
      if (org == NULL)
        return gt_storage_refuse (storage, error, _("a transfer in needs the receiving organisation"));
      if (!gt_org_find (storage, org, &to_org_id, error) ||
          !gt_org_check_holds_members (storage, to_org_id, error) ||
          !gt_member_resolve_org (storage, to_org_id, &to_org_id, &group_id, error))
        return FALSE;
    }
  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!record_event (storage, id, kind, date, to_org_id, detail, error) ||
      !place_in_group (storage, id, group_id, error) ||
      !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "members");
  return TRUE;
}

gboolean
gt_member_record_event (GtStorage *storage, gint64 id, const char *kind, const char *date,
                        const char *org, const char *detail, GError **error)
{
  /* A member leaving the register takes a 组织关系介绍信 with them: gt_transfer_out ()
   * issues it and records the event with it, never a bare event. */
  if (g_strcmp0 (kind, "transfer_out") == 0)
    return gt_storage_refuse (storage, error,
                              _("a transfer out is recorded by issuing a transfer letter, "
                                "not as a bare event"));
  return record_event_changed (storage, id, kind, date, org, detail, error);
}

gboolean
gt_member_record_transfer_out (GtStorage *storage, gint64 id, const char *date,
                               const char *detail, GError **error)
{
  return record_event_changed (storage, id, "transfer_out", date, NULL, detail, error);
}

/* Transfers member @id to branch @to_org_id, into its group @group_id (0: none); the
 * member leaves their old group with their old branch (schema step 19). */
static gboolean
transfer_one (GtStorage *storage, gint64 id, gint64 to_org_id, gint64 group_id,
              const char *date, const char *detail, GError **error)
{
  g_autofree char *status = NULL, *category = NULL, *last = NULL;
  gint64 org_id = 0;

  if (!load_state (storage, id, &status, &category, &last, &org_id, NULL, error))
    return FALSE;
  if (org_id == to_org_id)
    return gt_member_refuse (storage, error, id, _("already belongs to that organisation"));
  return record_event (storage, id, "transfer_out", date, 0, detail, error) &&
         record_event (storage, id, "transfer_in", date, to_org_id, detail, error) &&
         place_in_group (storage, id, group_id, error);
}

gboolean
gt_member_transfer (GtStorage *storage, gint64 id, const char *to_org, const char *date,
                    const char *detail, GError **error)
{
  g_autofree char *day = NULL;
  gint64 to_org_id = 0, group_id = 0;

  if (date == NULL)
    date = day = gt_today ();
  if (!gt_org_find (storage, to_org, &to_org_id, error) ||
      !gt_org_check_holds_members (storage, to_org_id, error) ||
      !gt_member_resolve_org (storage, to_org_id, &to_org_id, &group_id, error) ||
      !gt_storage_begin (storage, error))
    return FALSE;
  if (!transfer_one (storage, id, to_org_id, group_id, date, detail, error) ||
      !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "members");
  return TRUE;
}

gboolean
gt_member_move_all (GtStorage *storage, gint64 from_id, gint64 to_id, const char *date,
                    guint *n_moved, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *day = NULL;
  gint64 group_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (date == NULL)
    date = day = gt_today ();
  if (!gt_org_check_holds_members (storage, to_id, error) ||
      !gt_member_resolve_org (storage, to_id, &to_id, &group_id, error))
    return FALSE;
  if (from_id == to_id)
    return gt_storage_refuse (storage, error, _("the two organisations are the same"));

  /* the members of a 党小组 are registered with its branch */
  stmt = gt_storage_prepare (storage, "SELECT id FROM members WHERE (org_id = ?1 OR"
                                      " group_id = ?1) AND status = 'active' ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (!gt_storage_begin (storage, error))
    return FALSE;
  for (guint i = 0; i < ids->len && ok; i++)
    ok = transfer_one (storage, g_array_index (ids, gint64, i), to_id, group_id, date,
                       _("whole-branch transfer"), error);
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  *n_moved = ids->len;
  return TRUE;
}

gboolean
gt_member_transfer_all (GtStorage *storage, const char *from_org, const char *to_org,
                        const char *date, guint *n_moved, GError **error)
{
  gint64 from_id = 0, to_id = 0;

  if (!gt_org_find (storage, from_org, &from_id, error) ||
      !gt_org_find (storage, to_org, &to_id, error) ||
      !gt_member_move_all (storage, from_id, to_id, date, n_moved, error))
    return FALSE;
  gt_storage_emit_changed (storage, "members");
  return TRUE;
}
