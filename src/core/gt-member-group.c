/* gt-member-group.c — members in the Party groups (党小组) of their branch
 *
 * A member's record stays with their 党支部 (members.org_id); group_id places them in one
 * of its 党小组, or in none (small branches have no groups). The schema's triggers (step 19)
 * refuse a group of another branch whoever writes, and clear the group on a transfer or
 * when the group is archived, moved or deleted; this file checks first, to say why in
 * words a user reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gt-member.h"
#include "gt-registers.h"

#define TEXT GT_COLUMN_TEXT

void
gt_member_group_free (GtMemberGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->name);
  g_free (group->code);
  g_free (group);
}

static gpointer
read_group (sqlite3_stmt *stmt)
{
  GtMemberGroup *group = g_new0 (GtMemberGroup, 1);

  group->id = sqlite3_column_int64 (stmt, 0);
  group->name = TEXT (stmt, 1);
  group->code = TEXT (stmt, 2);
  group->n_members = sqlite3_column_int64 (stmt, 3);
  return group;
}

GPtrArray *
gt_member_groups (GtStorage *storage, gint64 branch_id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT g.id, g.name, g.code, (SELECT count(*) FROM members m WHERE m.group_id = g.id"
    "  AND m.status = 'active') FROM organizations g"
    " WHERE g.parent_id = ? AND g.kind = 'group' AND g.archived = 0"
    " ORDER BY g.sort_order, g.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, branch_id);
  return gt_storage_collect (storage, stmt, read_group, (GDestroyNotify) gt_member_group_free,
                             error);
}

/* The name of organisation @id, "#ID" when there is none. */
static char *
org_name (GtStorage *storage, gint64 id)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT name FROM organizations WHERE id = ?",
                                           NULL);
  char *name = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = TEXT (stmt, 0);
      sqlite3_reset (stmt);
    }
  return name != NULL ? name : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

gboolean
gt_member_find_group (GtStorage *storage, gint64 branch_id, const char *text, gint64 *group_id,
                      GError **error)
{
  g_autoptr (GPtrArray) groups = gt_member_groups (storage, branch_id, error);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *branch = NULL;

  if (groups == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      GtMemberGroup *group = groups->pdata[i];

      if (text != NULL && (g_strcmp0 (group->name, text) == 0 ||
                           (*group->code != '\0' && g_strcmp0 (group->code, text) == 0)))
        {
          *group_id = group->id;
          return TRUE;
        }
      if (names->len > 0)
        /* TRANSLATORS: separates the names of a list */
        g_string_append (names, _(", "));
      g_string_append (names, group->name);
    }
  branch = org_name (storage, branch_id);
  if (groups->len == 0)
    return gt_storage_refuse (storage, error, _("“%s” has no Party group (党小组) named “%s”: it "
                                                "has no groups"), branch, text != NULL ? text : "");
  return gt_storage_refuse (storage, error,
                            _("“%s” has no Party group (党小组) named “%s”; its groups are: %s"),
                            branch, text != NULL ? text : "", names->str);
}

gboolean
gt_member_resolve_org (GtStorage *storage, gint64 org_id, gint64 *branch_id, gint64 *group_id,
                       GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT g.parent_id FROM organizations g JOIN organizations b ON b.id = g.parent_id"
    " WHERE g.id = ? AND g.kind = 'group' AND b.kind = 'branch'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *branch_id = org_id;
  *group_id = 0;
  sqlite3_bind_int64 (stmt, 1, org_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *branch_id = sqlite3_column_int64 (stmt, 0);
      *group_id = org_id;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

/* Why @group_id cannot hold a member of branch @branch_id, in *@problem (NULL when it
 * can). FALSE only when the database cannot be read. */
static gboolean
group_problem (GtStorage *storage, gint64 branch_id, gint64 group_id, char **problem,
               GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT name, kind, archived, coalesce (parent_id, 0) FROM organizations WHERE id = ?",
    error);
  g_autofree char *name = NULL, *kind = NULL, *branch = NULL, *parent = NULL;
  gboolean archived = FALSE;
  gint64 parent_id = 0;

  *problem = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = TEXT (stmt, 0);
      kind = TEXT (stmt, 1);
      archived = sqlite3_column_int (stmt, 2) != 0;
      parent_id = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (name == NULL)
    *problem = g_strdup_printf (_("organisation %d does not exist"), (int) group_id);
  else if (g_strcmp0 (kind, "group") != 0)
    *problem = g_strdup_printf (_("“%s” is a %s, not a Party group (党小组)"), name,
                                gt_label_org_kind (kind));
  else if (archived)
    *problem = g_strdup_printf (_("the Party group “%s” has been archived"), name);
  else if (parent_id != branch_id)
    {
      branch = org_name (storage, branch_id);
      parent = org_name (storage, parent_id);
      *problem = g_strdup_printf (_("“%s” is a Party group of “%s”, not of the member’s branch "
                                    "“%s”"), name, parent, branch);
    }
  return TRUE;
}

gboolean
gt_member_check_group (GtStorage *storage, gint64 branch_id, gint64 group_id, GError **error)
{
  g_autofree char *problem = NULL;

  if (!group_problem (storage, branch_id, group_id, &problem, error))
    return FALSE;
  return problem == NULL || gt_storage_refuse (storage, error, "%s", problem);
}

gboolean
gt_member_set_group (GtStorage *storage, gint64 id, gint64 group_id, GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 (), *status = NULL;
  gint64 branch_id = 0, old_group = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "SELECT org_id, coalesce (group_id, 0), status"
                                      " FROM members WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      branch_id = sqlite3_column_int64 (stmt, 0);
      old_group = sqlite3_column_int64 (stmt, 1);
      status = TEXT (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        gt_storage_refuse (storage, error, _("member %d does not exist"), (int) id);
      else
        gt_storage_set_error (storage, error, _("reading"));
      goto failed;
    }
  if (old_group == group_id)
    {
      gt_storage_rollback (storage); /* nothing changed: no new revision */
      return TRUE;
    }
  if (group_id > 0 && g_strcmp0 (status, "active") != 0)
    {
      gt_member_refuse (storage, error, id,
                        _("only an active member can be put into a Party group; the member "
                          "is “%s”"), gt_label_member_status (status));
      goto failed;
    }
  if (group_id > 0)
    {
      g_autofree char *problem = NULL;

      if (!group_problem (storage, branch_id, group_id, &problem, error))
        goto failed;
      if (problem != NULL)
        {
          gt_member_refuse (storage, error, id, "%s", problem);
          goto failed;
        }
    }
  stmt = gt_storage_prepare (storage, "UPDATE members SET group_id = ?2, rev = rev + 1,"
                                      " mtime = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (group_id > 0)
    sqlite3_bind_int64 (stmt, 2, group_id);
  sqlite3_bind_text (stmt, 3, mtime, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error) || !gt_storage_commit (storage, error))
    goto failed;
  gt_storage_emit_changed (storage, "members");
  return TRUE;

failed:
  gt_storage_rollback (storage);
  return FALSE;
}
