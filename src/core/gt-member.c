/* gt-member.c — one member's full record and life-cycle history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gt-life.h"
#include "gt-member.h"

#define TEXT GT_COLUMN_TEXT

static void
gt_member_event_free (gpointer data)
{
  GtMemberEvent *event = data;

  g_free (event->kind);
  g_free (event->date);
  g_free (event->org_name);
  g_free (event->detail);
  g_free (event);
}

void
gt_member_record_free (GtMemberRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->uuid);
  g_free (r->name);
  g_free (r->ethnicity);
  g_free (r->id_number);
  g_free (r->phone);
  g_free (r->education);
  g_free (r->occupation);
  g_free (r->birth_date);
  g_free (r->join_date);
  g_free (r->full_date);
  g_free (r->category);
  g_free (r->status);
  g_free (r->org_name);
  g_free (r->org_code);
  g_free (r->group_name);
  g_clear_pointer (&r->events, g_ptr_array_unref);
  g_free (r);
}

static gboolean
load_events (GtStorage *storage, GtMemberRecord *r, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT e.kind, e.date, o.name, e.detail FROM member_events e"
    " LEFT JOIN organizations o ON o.id = e.org_id WHERE e.member_id = ?"
    " ORDER BY e.date, e.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  r->events = g_ptr_array_new_with_free_func (gt_member_event_free);
  sqlite3_bind_int64 (stmt, 1, r->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtMemberEvent *event = g_new0 (GtMemberEvent, 1);

      event->kind = TEXT (stmt, 0);
      event->date = TEXT (stmt, 1);
      event->org_name = TEXT (stmt, 2);
      event->detail = TEXT (stmt, 3);
      g_ptr_array_add (r->events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

GtMemberRecord *
gt_member_lookup (GtStorage *storage, const char *key, GError **error)
{
  g_autoptr (GtMemberRecord) r = NULL;
  gboolean by_id = key != NULL && *key != '\0' && strlen (key) < 15 &&
                   strspn (key, "0123456789") == strlen (key);
  const char *gender;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (key != NULL, NULL);

  stmt = gt_storage_prepare (
    storage,
    "SELECT m.id, m.uuid, m.name, m.gender, m.ethnicity, m.id_number, m.phone, m.education,"
    "  m.occupation, m.birth_date, m.join_date, m.full_date, m.category, m.status, o.name,"
    "  o.code, (SELECT count(*) FROM member_household_links l WHERE l.member_id = m.id),"
    "  m.org_id, m.group_id, (SELECT name FROM organizations WHERE id = m.group_id)"
    " FROM members m JOIN organizations o ON o.id = m.org_id"
    " WHERE (?1 IS NOT NULL AND m.id = ?1) OR (?2 IS NOT NULL AND m.id_number = upper (?2))",
    error);
  if (stmt == NULL)
    return NULL;
  if (by_id)
    sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (key, NULL, 10));
  else
    sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT,
                     _("%s: no member with the number or ID number “%s”"),
                     gt_storage_get_path (storage), key);
      else
        gt_storage_set_error (storage, error, _("reading"));
      sqlite3_reset (stmt);
      return NULL;
    }

  r = g_new0 (GtMemberRecord, 1);
  r->id = sqlite3_column_int64 (stmt, 0);
  r->uuid = TEXT (stmt, 1);
  r->name = TEXT (stmt, 2);
  gender = (const char *) sqlite3_column_text (stmt, 3);
  r->gender = gender != NULL ? gender[0] : '?';
  r->ethnicity = TEXT (stmt, 4);
  r->id_number = TEXT (stmt, 5);
  r->phone = TEXT (stmt, 6);
  r->education = TEXT (stmt, 7);
  r->occupation = TEXT (stmt, 8);
  r->birth_date = TEXT (stmt, 9);
  r->join_date = TEXT (stmt, 10);
  r->full_date = TEXT (stmt, 11);
  r->category = TEXT (stmt, 12);
  r->status = TEXT (stmt, 13);
  r->org_name = TEXT (stmt, 14);
  r->org_code = TEXT (stmt, 15);
  r->n_links = sqlite3_column_int64 (stmt, 16);
  r->org_id = sqlite3_column_int64 (stmt, 17);
  r->group_id = sqlite3_column_int64 (stmt, 18);
  r->group_name = TEXT (stmt, 19);
  sqlite3_reset (stmt);

  if (!load_events (storage, r, error))
    return NULL;
  return g_steal_pointer (&r);
}

gboolean
gt_member_probation_served (const char *join_date, const char *full_date)
{
  char served[8];
  int year;

  if (join_date == NULL || full_date == NULL)
    return TRUE;
  /* gt_month_add (month of @join_date, 12) without allocating: the same month a year on
   * (a roster import asks for every row). */
  g_strlcpy (served, join_date, sizeof served);
  if (!gt_month_is_valid (served) || (year = atoi (served)) >= 9999)
    return TRUE;
  year++;
  for (int i = 3; i >= 0; i--, year /= 10)
    served[i] = (char) ('0' + year % 10);
  return strncmp (full_date, served, 7) >= 0;
}

void
gt_member_state_from_events (GPtrArray *events, const char **status, const char **category)
{
  const char *s = "active", *c = NULL;

  for (guint i = 0; i < events->len; i++)
    {
      const char *kind = ((GtMemberEvent *) events->pdata[i])->kind;

      if (g_strcmp0 (kind, "admission") == 0)
        {
          s = "active";
          c = "probationary";
        }
      else if (g_strcmp0 (kind, "full_membership") == 0)
        c = "full";
      else if (g_strcmp0 (kind, "transfer_in") == 0)
        {
          s = "active";
          if (c == NULL)
            c = "full";
        }
      else if (g_strcmp0 (kind, "transfer_out") == 0)
        s = "transferred_out";
      else if (g_strcmp0 (kind, "suspension") == 0)
        s = "suspended";
      else if (g_strcmp0 (kind, "exit") == 0)
        s = "exited";
      else if (g_strcmp0 (kind, "death") == 0)
        s = "deceased";
    }
  *status = s;
  *category = c;
}

const char *
gt_label_member_event (const char *kind)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "admission", N_("Admitted as probationary member") },
    { "full_membership", N_("Became a full member") },
    { "transfer_in", N_("Transferred in") },
    { "transfer_out", N_("Transferred out") },
    { "suspension", N_("Membership suspended") },
    { "exit", N_("Left the Party") },
    { "death", N_("Died") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, kind) == 0)
      return _(labels[i].label);
  return kind != NULL ? kind : "";
}

const char *
gt_label_member_status (const char *status)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "active", N_("Active") },
    { "transferred_out", N_("Transferred out") },
    { "suspended", N_("Suspended") },
    { "exited", N_("Left the Party") },
    { "deceased", N_("Deceased") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, status) == 0)
      return _(labels[i].label);
  return status != NULL ? status : "";
}

gboolean
gt_member_refuse (GtStorage *storage, GError **error, gint64 member_id, const char *format, ...)
{
  g_autofree char *name = NULL, *message = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT name FROM members WHERE id = ?",
                                           NULL);
  va_list args;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, member_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = GT_COLUMN_TEXT (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (name == NULL)
    name = g_strdup_printf ("#%" G_GINT64_FORMAT, member_id);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: a member's name, then what is wrong */
  return gt_storage_refuse (storage, error, _("%s: %s"), name, message);
}
