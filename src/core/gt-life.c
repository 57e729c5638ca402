/* gt-life.c — meetings of organisational life: records, attendance, attachments, rosters
 *
 * The schedule and compliance are in gt-life-compliance.c. Every change runs in one
 * transaction and is announced as a change of "meetings".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-life.h"
#include "gt-member.h"
#include "gt-life-private.h"
#include "gt-registers.h"
#include "gt-schema.h"

const char *const gt_meeting_kinds[] = {
  GT_MEETING_GENERAL, GT_MEETING_COMMITTEE, GT_MEETING_GROUP, GT_MEETING_LECTURE,
  GT_MEETING_THEME_DAY, GT_MEETING_LIFE, GT_MEETING_APPRAISAL, NULL,
};

static const struct
{
  const char *code;
  const char *label;
} kind_labels[] = {
  { GT_MEETING_GENERAL, N_("General meeting of members") },
  { GT_MEETING_COMMITTEE, N_("Branch committee meeting") },
  { GT_MEETING_GROUP, N_("Party group meeting") },
  { GT_MEETING_LECTURE, N_("Party lecture") },
  { GT_MEETING_THEME_DAY, N_("Theme Party day") },
  { GT_MEETING_LIFE, N_("Organisational life meeting") },
  { GT_MEETING_APPRAISAL, N_("Democratic appraisal of members") },
};

const char *
gt_label_meeting_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind_labels[i].code, kind) == 0)
      return _(kind_labels[i].label);
  return kind;
}

/* How often a kind of meeting is due (life_schedule.period). */
const char *const gt_life_periods[] = { "month", "quarter", "half", "year", "none", NULL };

const char *
gt_label_life_period (const char *period)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "month", N_("Every month") },
    { "quarter", N_("Every quarter") },
    { "half", N_("Every half year") },
    { "year", N_("Every year") },
    { "none", N_("Not required") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, period) == 0)
      return _(labels[i].label);
  return period;
}

gboolean
gt_life_kind_is_valid (const char *kind)
{
  for (guint i = 0; gt_meeting_kinds[i] != NULL; i++)
    if (g_strcmp0 (gt_meeting_kinds[i], kind) == 0)
      return TRUE;
  return FALSE;
}

void
gt_attendance_free (GtAttendance *attendance)
{
  if (attendance == NULL)
    return;
  g_free (attendance->name);
  g_free (attendance->reason);
  g_free (attendance);
}

static void
attachment_free (gpointer data)
{
  GtAttachment *attachment = data;

  g_free (attachment->path);
  g_free (attachment->note);
  g_free (attachment);
}

void
gt_meeting_free (GtMeeting *meeting)
{
  if (meeting == NULL)
    return;
  g_free (meeting->uuid);
  g_free (meeting->org_name);
  g_free (meeting->kind);
  g_free (meeting->date);
  g_free (meeting->topic);
  g_free (meeting->place);
  g_free (meeting->host);
  g_free (meeting->minutes);
  g_clear_pointer (&meeting->attendance, g_ptr_array_unref);
  g_clear_pointer (&meeting->attachments, g_ptr_array_unref);
  g_free (meeting);
}

void
gt_life_org_info_clear (GtLifeOrgInfo *info)
{
  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->kind, g_free);
  g_clear_pointer (&info->org_type, g_free);
  g_clear_pointer (&info->founded, g_free);
}

gboolean
gt_life_org_info (GtStorage *storage, gint64 org_id, GtLifeOrgInfo *info, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT name, kind, org_type, archived, founded, coalesce (parent_id, 0)"
    " FROM organizations WHERE id = ?", error);
  int rc;

  memset (info, 0, sizeof *info);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->id = org_id;
      info->name = GT_COLUMN_TEXT (stmt, 0);
      info->kind = GT_COLUMN_TEXT (stmt, 1);
      info->org_type = GT_COLUMN_TEXT (stmt, 2);
      info->archived = sqlite3_column_int (stmt, 3) != 0;
      info->founded = GT_COLUMN_TEXT (stmt, 4);
      info->parent_id = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error, _("organisation %d does not exist"), (int) org_id);
}

gboolean
gt_life_org_holds (const char *org_kind, const char *meeting_kind)
{
  if (g_strcmp0 (org_kind, "group") == 0)
    return g_strcmp0 (meeting_kind, GT_MEETING_GROUP) == 0;
  if (g_strcmp0 (meeting_kind, GT_MEETING_GROUP) == 0)
    return FALSE;
  return g_strcmp0 (org_kind, "branch") == 0 || g_strcmp0 (org_kind, "general_branch") == 0 ||
         g_strcmp0 (org_kind, "committee") == 0 || g_strcmp0 (org_kind, "working_committee") == 0;
}

/* Checks a spec against the organisation; @adding requires kind and date. */
static gboolean
check_spec (GtStorage *storage, const GtMeetingSpec *spec, gboolean adding, GError **error)
{
  g_auto (GtLifeOrgInfo) org = { 0 };
  g_autofree char *today = gt_today ();

  if (adding && spec->org_id <= 0)
    return gt_storage_refuse (storage, error, _("a meeting needs the organisation that held it"));
  if ((adding || spec->kind != NULL) && !gt_life_kind_is_valid (spec->kind))
    return gt_storage_refuse (storage, error,
                              _("“%s” is not a kind of meeting (general, committee, group, "
                                "lecture, theme_day, life_meeting, appraisal)"),
                              spec->kind != NULL ? spec->kind : "");
  if ((adding || spec->date != NULL) &&
      !gt_storage_check_date (storage, _("the meeting date"), spec->date, FALSE, error))
    return FALSE;
  if (!gt_storage_check_length (storage, _("the topic"), spec->topic, GT_TEXT_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the place"), spec->place, GT_TEXT_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the host"), spec->host, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  if (spec->org_id > 0)
    {
      if (!gt_life_org_info (storage, spec->org_id, &org, error))
        return FALSE;
      if (org.archived)
        return gt_storage_refuse (storage, error, _("“%s” is archived and holds no meetings"),
                                  org.name);
      if (spec->kind != NULL && !gt_life_org_holds (org.kind, spec->kind))
        return gt_storage_refuse (storage, error, _("a %s cannot hold a %s"),
                                  gt_label_org_kind (org.kind),
                                  gt_label_meeting_kind (spec->kind));
    }
  return TRUE;
}

static void
bind_text_or_empty (sqlite3_stmt *stmt, int col, const char *text)
{
  sqlite3_bind_text (stmt, col, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static gboolean
finish_write (GtStorage *storage, gboolean ok, GError **error)
{
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "meetings");
  return TRUE;
}

gboolean
gt_meeting_add (GtStorage *storage, const GtMeetingSpec *spec, gint64 *out_id, GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (spec != NULL, FALSE);
  if (!check_spec (storage, spec, TRUE, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO meetings (uuid, mtime, org_id, kind, date, topic, place, host, minutes)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, spec->org_id);
  sqlite3_bind_text (stmt, 4, spec->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, spec->date, -1, SQLITE_TRANSIENT);
  bind_text_or_empty (stmt, 6, spec->topic);
  bind_text_or_empty (stmt, 7, spec->place);
  bind_text_or_empty (stmt, 8, spec->host);
  bind_text_or_empty (stmt, 9, spec->minutes);
  ok = gt_storage_step_done (storage, stmt, error);
  if (ok && out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  return finish_write (storage, ok, error);
}

/* The meeting's organisation and kind, or a refusal naming the meeting. */
static gboolean
meeting_org (GtStorage *storage, gint64 id, gint64 *org_id, char **kind, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT org_id, kind FROM meetings WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *org_id = sqlite3_column_int64 (stmt, 0);
      if (kind != NULL)
        *kind = GT_COLUMN_TEXT (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error, _("meeting %d does not exist"), (int) id);
}

/* An attendee the meeting's organisation does not hold, by name: the meeting's own id may
 * belong to a meeting that this very refusal rolls back. */
static gboolean
refuse_not_on_roster (GtStorage *storage, gint64 member_id, gint64 org_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT (SELECT name FROM members WHERE id = ?1),"
                                           " (SELECT name FROM organizations WHERE id = ?2)",
                                           error);
  g_autofree char *member = NULL, *org = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, org_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      member = GT_COLUMN_TEXT (stmt, 0);
      org = GT_COLUMN_TEXT (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (member == NULL)
    return gt_storage_refuse (storage, error, _("there is no member %d"), (int) member_id);
  return gt_storage_refuse (storage, error, _("%s (member %d) is not on the roster of %s"),
                            member, (int) member_id, org != NULL ? org : "?");
}

gboolean
gt_meeting_update (GtStorage *storage, gint64 id, const GtMeetingSpec *spec, GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 (), *old_kind = NULL;
  GtMeetingSpec full = *spec;
  gint64 old_org = 0;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!meeting_org (storage, id, &old_org, &old_kind, error))
    return FALSE;
  /* The organisation and the kind are checked together. */
  if (full.org_id <= 0)
    full.org_id = old_org;
  if (full.kind == NULL)
    full.kind = old_kind;
  if (!check_spec (storage, &full, FALSE, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "UPDATE meetings SET org_id = ?, kind = ?, date = coalesce (?, date),"
    " topic = coalesce (?, topic), place = coalesce (?, place), host = coalesce (?, host),"
    " minutes = coalesce (?, minutes), rev = rev + 1, mtime = ? WHERE id = ?", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, full.org_id);
  sqlite3_bind_text (stmt, 2, full.kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, spec->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, spec->topic, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, spec->place, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, spec->host, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, spec->minutes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, id);
  ok = gt_storage_step_done (storage, stmt, error);
  return finish_write (storage, ok, error);
}

gboolean
gt_meeting_remove (GtStorage *storage, gint64 id, GError **error)
{
  gint64 org_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!meeting_org (storage, id, &org_id, NULL, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "DELETE FROM meetings WHERE id = ?", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ok = gt_storage_step_done (storage, stmt, error);
  return finish_write (storage, ok, error);
}

static gpointer
read_roster_row (sqlite3_stmt *stmt)
{
  GtAttendance *a = g_new0 (GtAttendance, 1);

  a->member_id = sqlite3_column_int64 (stmt, 0);
  a->name = GT_COLUMN_TEXT (stmt, 1);
  a->present = TRUE;
  a->reason = g_strdup ("");
  return a;
}

#define SUBTREE_ROSTER_SQL                                                                  \
  "WITH RECURSIVE sub (id) AS (SELECT ? UNION ALL"                                          \
  "  SELECT o.id FROM organizations o JOIN sub ON o.parent_id = sub.id)"                    \
  " SELECT m.id, m.name FROM members m WHERE m.status = 'active'"                           \
  " AND m.org_id IN (SELECT id FROM sub) ORDER BY m.id"

/* The members placed in 党小组 ?1 (and any registered with it before schema step 19). */
#define GROUP_ROSTER_SQL                                                                    \
  "SELECT m.id, m.name FROM members m WHERE m.status = 'active'"                           \
  " AND (m.group_id = ?1 OR m.org_id = ?1) ORDER BY m.id"

GPtrArray *
gt_life_roster (GtStorage *storage, gint64 org_id, GError **error)
{
  g_auto (GtLifeOrgInfo) org = { 0 };
  g_autoptr (GPtrArray) roster = NULL;
  gboolean group;
  sqlite3_stmt *stmt;

  if (!gt_life_org_info (storage, org_id, &org, error))
    return NULL;
  group = g_strcmp0 (org.kind, "group") == 0;
  stmt = gt_storage_prepare (storage, group ? GROUP_ROSTER_SQL : SUBTREE_ROSTER_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, org_id);
  roster = gt_storage_collect (storage, stmt, read_roster_row,
                               (GDestroyNotify) gt_attendance_free, error);
  /* a group nobody has been put into meets from its branch's whole roster */
  if (roster != NULL && roster->len == 0 && group && org.parent_id > 0)
    {
      g_clear_pointer (&roster, g_ptr_array_unref);
      stmt = gt_storage_prepare (storage, SUBTREE_ROSTER_SQL, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, org.parent_id);
      roster = gt_storage_collect (storage, stmt, read_roster_row,
                                   (GDestroyNotify) gt_attendance_free, error);
    }
  return g_steal_pointer (&roster);
}

gboolean
gt_meeting_set_attendance (GtStorage *storage, gint64 meeting_id, GPtrArray *attendance,
                           GError **error)
{
  g_autoptr (GPtrArray) roster = NULL;
  g_autoptr (GHashTable) allowed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) recorded = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 org_id = 0;
  gboolean ok = TRUE;
  int rc;

  if (!meeting_org (storage, meeting_id, &org_id, NULL, error))
    return FALSE;
  roster = gt_life_roster (storage, org_id, error);
  if (roster == NULL)
    return FALSE;
  for (guint i = 0; i < roster->len; i++)
    g_hash_table_add (allowed, &((GtAttendance *) roster->pdata[i])->member_id);
  /* Members already on this meeting's record stay allowed after a transfer. */
  stmt = gt_storage_prepare (storage,
                             "SELECT member_id FROM meeting_attendance WHERE meeting_id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (recorded, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  for (guint i = 0; i < recorded->len; i++)
    g_hash_table_add (allowed, &g_array_index (recorded, gint64, i));

  for (guint i = 0; i < attendance->len; i++)
    {
      GtAttendance *a = attendance->pdata[i];

      if (!g_hash_table_contains (allowed, &a->member_id))
        return refuse_not_on_roster (storage, a->member_id, org_id, error);
      if (g_hash_table_contains (seen, &a->member_id))
        return gt_member_refuse (storage, error, a->member_id, _("listed twice"));
      if (a->present && a->reason != NULL && *a->reason != '\0')
        return gt_member_refuse (storage, error, a->member_id,
                                 _("was present: a reason is only for absentees"));
      g_hash_table_add (seen, &a->member_id);
    }

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "DELETE FROM meeting_attendance WHERE meeting_id = ?",
                             error);
  if (stmt == NULL)
    ok = FALSE;
  else
    {
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      ok = gt_storage_step_done (storage, stmt, error);
    }
  for (guint i = 0; ok && i < attendance->len; i++)
    {
      GtAttendance *a = attendance->pdata[i];

      stmt = gt_storage_prepare (storage,
                                 "INSERT INTO meeting_attendance (meeting_id, member_id, present,"
                                 " reason) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      sqlite3_bind_int64 (stmt, 2, a->member_id);
      sqlite3_bind_int (stmt, 3, a->present ? 1 : 0);
      bind_text_or_empty (stmt, 4, a->present ? NULL : a->reason);
      ok = gt_storage_step_done (storage, stmt, error);
    }
  /* The attendance travels with the meeting (exchange packages): a new revision. */
  if (ok)
    {
      g_autofree char *now = gt_now_iso8601 ();

      stmt = gt_storage_prepare (storage, "UPDATE meetings SET rev = rev + 1, mtime = ?"
                                          " WHERE id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, meeting_id);
          ok = gt_storage_step_done (storage, stmt, error);
        }
    }
  return finish_write (storage, ok, error);
}

gboolean
gt_meeting_attach (GtStorage *storage, gint64 meeting_id, const char *path, const char *note,
                   gint64 *out_id, GError **error)
{
  gint64 org_id = 0;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!meeting_org (storage, meeting_id, &org_id, NULL, error))
    return FALSE;
  if (path == NULL || *path == '\0')
    return gt_storage_refuse (storage, error, _("an attachment needs a file path"));
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO meeting_attachments (meeting_id, path, note)"
                             " VALUES (?, ?, ?)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  bind_text_or_empty (stmt, 3, note);
  ok = gt_storage_step_done (storage, stmt, error);
  if (ok && out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  return finish_write (storage, ok, error);
}

gboolean
gt_meeting_detach (GtStorage *storage, gint64 attachment_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "DELETE FROM meeting_attachments WHERE id = ?", error);
  gboolean ok;

  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  ok = gt_storage_step_done (storage, stmt, error);
  if (ok && sqlite3_changes (gt_storage_get_db (storage)) == 0)
    ok = gt_storage_refuse (storage, error, _("attachment %d does not exist"),
                            (int) attachment_id);
  return finish_write (storage, ok, error);
}

#define MEETING_COLUMNS                                                                     \
  "SELECT mt.id, mt.uuid, mt.org_id, " GT_SCHEMA_ORG_LABEL ("o") ", mt.kind, mt.date,"      \
  " mt.topic, mt.place, mt.host,"                                                           \
  " mt.minutes,"                                                                            \
  " (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.present = 1)," \
  " (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.present = 0)" \
  " FROM meetings mt JOIN organizations o ON o.id = mt.org_id"

static gpointer
read_meeting (sqlite3_stmt *stmt)
{
  GtMeeting *m = g_new0 (GtMeeting, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->uuid = GT_COLUMN_TEXT (stmt, 1);
  m->org_id = sqlite3_column_int64 (stmt, 2);
  m->org_name = GT_COLUMN_TEXT (stmt, 3);
  m->kind = GT_COLUMN_TEXT (stmt, 4);
  m->date = GT_COLUMN_TEXT (stmt, 5);
  m->topic = GT_COLUMN_TEXT (stmt, 6);
  m->place = GT_COLUMN_TEXT (stmt, 7);
  m->host = GT_COLUMN_TEXT (stmt, 8);
  m->minutes = GT_COLUMN_TEXT (stmt, 9);
  m->n_present = sqlite3_column_int64 (stmt, 10);
  m->n_absent = sqlite3_column_int64 (stmt, 11);
  return m;
}

static GPtrArray *
list_meetings (GtStorage *storage, gint64 org_id, const char *month, gint64 limit,
               GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    MEETING_COLUMNS " WHERE (?1 = 0 OR mt.org_id = ?1) AND (?2 IS NULL OR substr (mt.date, 1, 7) = ?2)"
    " ORDER BY mt.date DESC, mt.id DESC LIMIT ?3", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, org_id);
  if (month != NULL)
    sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  return gt_storage_collect (storage, stmt, read_meeting, (GDestroyNotify) gt_meeting_free, error);
}

GPtrArray *
gt_meeting_list (GtStorage *storage, gint64 org_id, const char *month, GError **error)
{
  return list_meetings (storage, org_id, month, -1, error);
}

GPtrArray *
gt_meeting_list_latest (GtStorage *storage, gint64 org_id, guint limit, gint64 *total,
                        GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT count(*) FROM meetings"
                                                    " WHERE ?1 = 0 OR org_id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, org_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      sqlite3_reset (stmt);
      return NULL;
    }
  *total = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return list_meetings (storage, org_id, NULL, limit, error);
}

static gpointer
read_attendance (sqlite3_stmt *stmt)
{
  GtAttendance *a = g_new0 (GtAttendance, 1);

  a->member_id = sqlite3_column_int64 (stmt, 0);
  a->name = GT_COLUMN_TEXT (stmt, 1);
  a->present = sqlite3_column_int (stmt, 2) != 0;
  a->reason = GT_COLUMN_TEXT (stmt, 3);
  return a;
}

static gpointer
read_attachment (sqlite3_stmt *stmt)
{
  GtAttachment *a = g_new0 (GtAttachment, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->path = GT_COLUMN_TEXT (stmt, 1);
  a->note = GT_COLUMN_TEXT (stmt, 2);
  return a;
}

GtMeeting *
gt_meeting_lookup (GtStorage *storage, gint64 id, GError **error)
{
  g_autoptr (GtMeeting) meeting = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage, MEETING_COLUMNS " WHERE mt.id = ?", error);
  g_autoptr (GPtrArray) rows = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rows = gt_storage_collect (storage, stmt, read_meeting, (GDestroyNotify) gt_meeting_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      gt_storage_refuse (storage, error, _("meeting %d does not exist"), (int) id);
      return NULL;
    }
  meeting = g_ptr_array_steal_index (rows, 0);

  stmt = gt_storage_prepare (storage,
                             "SELECT a.member_id, m.name, a.present, a.reason"
                             " FROM meeting_attendance a JOIN members m ON m.id = a.member_id"
                             " WHERE a.meeting_id = ? ORDER BY a.present DESC, m.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  meeting->attendance = gt_storage_collect (storage, stmt, read_attendance,
                                            (GDestroyNotify) gt_attendance_free, error);
  if (meeting->attendance == NULL)
    return NULL;
  stmt = gt_storage_prepare (storage,
                             "SELECT id, path, note FROM meeting_attachments WHERE meeting_id = ?"
                             " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  meeting->attachments = gt_storage_collect (storage, stmt, read_attachment, attachment_free,
                                             error);
  if (meeting->attachments == NULL)
    return NULL;
  return g_steal_pointer (&meeting);
}
