/* gt-roster-orgs.c — the organisations a roster's rows name, read once per parse
 *
 * Every row names its branch (所在支部) and maybe a 党小组 (所在党小组): both are looked up in
 * hash tables filled by one query, never by a query per row (a roster may hold 200 000 rows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gt-org.h"
#include "gt-registers.h"
#include "gt-roster-private.h"

void
gt_roster_orgs_init (GtRosterOrgs *o)
{
  o->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  o->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  o->kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  o->branches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  o->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  o->group_branch = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

void
gt_roster_orgs_clear (GtRosterOrgs *o)
{
  g_clear_pointer (&o->names, g_hash_table_destroy);
  g_clear_pointer (&o->codes, g_hash_table_destroy);
  g_clear_pointer (&o->kinds, g_hash_table_destroy);
  g_clear_pointer (&o->branches, g_hash_table_destroy);
  g_clear_pointer (&o->groups, g_hash_table_destroy);
  g_clear_pointer (&o->group_branch, g_hash_table_destroy);
}

/* The key of a 党小组 named or coded @text within branch @branch_id. */
static char *
group_key (gint64 branch_id, const char *text)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", branch_id, text);
}

gboolean
gt_roster_orgs_load (GtRosterOrgs *o, GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT o.id, o.name, o.code, o.kind, coalesce (b.id, 0) FROM organizations o"
    " LEFT JOIN organizations b ON b.id = o.parent_id AND b.kind = 'branch'"
    " AND o.kind = 'group' WHERE o.archived = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *code = (const char *) sqlite3_column_text (stmt, 2);
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      gint64 branch = sqlite3_column_int64 (stmt, 4);
      gint64 *value = g_new (gint64, 1);

      /* Two organisations of one name (第一党小组 under several branches): by code only. */
      *value = g_hash_table_contains (o->names, name) ? 0 : id;
      g_hash_table_insert (o->names, g_strdup (name), value);
      if (code != NULL && *code != '\0')
        g_hash_table_insert (o->codes, g_strdup (code), g_memdup2 (&id, sizeof id));
      if (!gt_org_kind_holds_members (kind))
        g_hash_table_insert (o->kinds, g_memdup2 (&id, sizeof id),
                             (gpointer) g_intern_string (kind));
      if (g_strcmp0 (kind, "branch") == 0)
        g_hash_table_insert (o->branches, g_memdup2 (&id, sizeof id), g_strdup (name));
      /* the 党小组 of a 党支部, by name and code within it */
      if (branch > 0)
        {
          g_hash_table_insert (o->groups, group_key (branch, name), g_memdup2 (&id, sizeof id));
          if (code != NULL && *code != '\0')
            g_hash_table_insert (o->groups, group_key (branch, code),
                                 g_memdup2 (&id, sizeof id));
          g_hash_table_insert (o->group_branch, g_memdup2 (&id, sizeof id),
                               g_memdup2 (&branch, sizeof branch));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

gint64
gt_roster_orgs_find (GtRosterOrgs *o, const char *text)
{
  gint64 *id = g_hash_table_lookup (o->codes, text);

  if (id == NULL)
    id = g_hash_table_lookup (o->names, text);
  if (id == NULL)
    return 0;
  return *id != 0 ? *id : -1;
}

char *
gt_roster_orgs_message (const char *text, gint64 found)
{
  if (found < 0)
    return g_strdup_printf (_("several organisations are named “%s”; give its code instead"),
                            text);
  return g_strdup_printf (_("no organisation is named or coded “%s”"), text);
}

const char *
gt_roster_orgs_refused_kind (GtRosterOrgs *o, gint64 id)
{
  return g_hash_table_lookup (o->kinds, &id);
}

gint64
gt_roster_orgs_group_branch (GtRosterOrgs *o, gint64 group_id)
{
  gint64 *branch = g_hash_table_lookup (o->group_branch, &group_id);

  return branch != NULL ? *branch : 0;
}

gint64
gt_roster_orgs_group (GtRosterOrgs *o, gint64 branch_id, const char *text)
{
  g_autofree char *key = group_key (branch_id, text);
  gint64 *id = g_hash_table_lookup (o->groups, key);

  return id != NULL ? *id : 0;
}

const char *
gt_roster_orgs_branch_name (GtRosterOrgs *o, gint64 branch_id)
{
  return g_hash_table_lookup (o->branches, &branch_id);
}

gboolean
gt_roster_orgs_resolve (GtRosterOrgs *o, GtStorage *storage, const char *text, gint64 *out,
                        GError **error)
{
  gint64 found = gt_roster_orgs_find (o, text);
  const char *kind;

  if (found <= 0)
    {
      g_autofree char *message = gt_roster_orgs_message (text, found);
      g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_UNKNOWN_ORG, "%s: %s",
                   gt_storage_get_path (storage), message);
      return FALSE;
    }
  kind = gt_roster_orgs_refused_kind (o, found);
  if (kind != NULL)
    {
      g_set_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_UNKNOWN_ORG,
                   _("%s: “%s” is a %s; members belong to a 党支部 or a 党小组"),
                   gt_storage_get_path (storage), text, gt_label_org_kind (kind));
      return FALSE;
    }
  *out = found;
  return TRUE;
}

gboolean
gt_roster_find_org (GtStorage *storage, const char *text, gint64 *id, GError **error)
{
  GtRosterOrgs o = { 0 };
  gboolean ok;

  gt_roster_orgs_init (&o);
  ok = gt_roster_orgs_load (&o, storage, error) &&
       gt_roster_orgs_resolve (&o, storage, text, id, error);
  gt_roster_orgs_clear (&o);
  return ok;
}
