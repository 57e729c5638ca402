/* gt-stats.c — counts and consistency checks over a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gt-idcard.h"
#include "gt-registers.h"
#include "gt-stats.h"

typedef struct
{
  const char *key;
  const char *sql;
} CountQuery;

static const CountQuery counts[] = {
  { "organizations", "SELECT count(*) FROM organizations WHERE archived = 0" },
  { "branches", "SELECT count(*) FROM organizations WHERE archived = 0"
                " AND kind IN ('branch', 'general_branch')" },
  { "members", "SELECT count(*) FROM members WHERE status = 'active'" },
  { "households", "SELECT count(*) FROM households" },
  { "projects", "SELECT count(*) FROM projects" },
  { "committees", "SELECT count(*) FROM organizations WHERE archived = 0"
                  " AND kind IN ('committee', 'working_committee')" },
  { "party_groups", "SELECT count(*) FROM organizations WHERE archived = 0 AND kind = 'group'" },
  { "full_members", "SELECT count(*) FROM members WHERE status = 'active' AND category = 'full'" },
  { "probationary_members", "SELECT count(*) FROM members WHERE status = 'active'"
                            " AND category = 'probationary'" },
  { "villages", "SELECT count(*) FROM villages" },
  { "household_links", "SELECT count(*) FROM member_household_links" },
  { "milestones", "SELECT count(*) FROM milestones" },
  { "milestones_done", "SELECT count(*) FROM milestones WHERE done_date IS NOT NULL" },
  { "projects_closed", "SELECT count(*) FROM projects WHERE closed_date IS NOT NULL" },
};

static void
clear_entry (gpointer data)
{
  GtStatsEntry *entry = data;
  g_free (entry->key);
}

static void
add_entry (GArray *stats, const char *key, gint64 value)
{
  GtStatsEntry entry = { g_strdup (key), value };
  g_array_append_val (stats, entry);
}

/* One entry per query, in order. */
static gboolean
add_counts (GtStorage *storage, GArray *stats, const CountQuery *queries, guint n,
            GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 value;

      if (!gt_storage_query_int64 (storage, queries[i].sql, &value, error))
        return FALSE;
      add_entry (stats, queries[i].key, value);
    }
  return TRUE;
}

GArray *
gt_stats_collect (GtStorage *storage, GError **error)
{
  g_autoptr (GArray) stats = g_array_new (FALSE, FALSE, sizeof (GtStatsEntry));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (stats, clear_entry);
  if (!add_counts (storage, stats, counts, G_N_ELEMENTS (counts), error))
    return NULL;

  /* Branches (党支部 and 党总支) per type: the "一核四型" 5/4/1/2 of the demo. */
  stmt = gt_storage_prepare (storage,
                             "SELECT org_type, count(*) FROM organizations WHERE archived = 0"
                             " AND kind IN ('branch', 'general_branch') GROUP BY org_type"
                             " ORDER BY min (sort_order), org_type", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *key = g_strconcat ("type_", type != NULL && *type ? type : "none", NULL);

      /* keep the key a plain identifier whatever the configured type code is; a type the
       * office added is coded by its Chinese name, which stays (UTF-8 bytes are kept) so
       * the key is unique and shows as the name */
      for (char *p = key; *p != '\0'; p++)
        if ((guchar) *p < 0x80 && !g_ascii_isalnum (*p))
          *p = '_';
      add_entry (stats, key, sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&stats);
}

/* The same counts over the records the townships sent (a county's own registers are
 * empty): the newest copy of each, deletions left out, as the township counts them. */
static const CountQuery received_counts[] = {
  { "townships", "SELECT count(DISTINCT source_code) FROM ex_records WHERE NOT deleted" },
  { "organizations", "SELECT count(*) FROM ex_records WHERE type = 'organization' AND NOT deleted"
                     " AND coalesce (json_extract (data, '$.archived'), '0') <> '1'" },
  { "branches", "SELECT count(*) FROM ex_records WHERE type = 'organization' AND NOT deleted"
                " AND coalesce (json_extract (data, '$.archived'), '0') <> '1'"
                " AND json_extract (data, '$.kind') IN ('branch', 'general_branch')" },
  { "members", "SELECT count(*) FROM ex_records WHERE type = 'member' AND NOT deleted"
               " AND json_extract (data, '$.status') = 'active'" },
  { "households", "SELECT count(*) FROM ex_records WHERE type = 'household' AND NOT deleted" },
  { "projects", "SELECT count(*) FROM ex_records WHERE type = 'project' AND NOT deleted" },
};

GArray *
gt_stats_collect_received (GtStorage *storage, GError **error)
{
  g_autoptr (GArray) stats = g_array_new (FALSE, FALSE, sizeof (GtStatsEntry));

  g_array_set_clear_func (stats, clear_entry);
  if (!add_counts (storage, stats, received_counts, G_N_ELEMENTS (received_counts), error))
    return NULL;
  return g_steal_pointer (&stats);
}

gint64
gt_stats_get (GArray *stats, const char *key)
{
  for (guint i = 0; i < stats->len; i++)
    {
      GtStatsEntry *entry = &g_array_index (stats, GtStatsEntry, i);
      if (g_strcmp0 (entry->key, key) == 0)
        return entry->value;
    }
  return -1;
}

typedef struct
{
  const char *sql;       /* returns (id or name, detail) rows that break the rule */
  const char *message;   /* printf format with two %s: the row and the detail */
} Invariant;

static const Invariant invariants[] = {
  { "WITH RECURSIVE up (start, id, depth) AS ("
    "  SELECT id, parent_id, 1 FROM organizations WHERE parent_id IS NOT NULL"
    "  UNION ALL SELECT up.start, o.parent_id, depth + 1 FROM up"
    "  JOIN organizations o ON o.id = up.id WHERE o.parent_id IS NOT NULL AND depth < 64)"
    " SELECT DISTINCT o.name, '' FROM up JOIN organizations o ON o.id = up.start"
    " WHERE up.id = up.start OR up.depth >= 64",
    N_("organisation %s: its parent chain loops back on itself%s") },
  { "SELECT m.name, o.name FROM members m JOIN organizations o ON o.id = m.org_id"
    " WHERE m.status = 'active' AND o.archived = 1",
    N_("member %s: active, but in the archived organisation %s") },
  { "SELECT name, '' FROM members"
    " WHERE category = 'full' AND full_date IS NULL",
    N_("member %s: a full member without a full-membership date%s") },
  { "SELECT name, full_date FROM members WHERE full_date IS NOT NULL AND join_date IS NOT NULL"
    " AND full_date < join_date",
    N_("member %s: became a full member (%s) before joining") },
  { "SELECT name, join_date FROM members WHERE join_date > date ('now')",
    N_("member %s: the joining date %s lies in the future") },
  { "SELECT name, join_date FROM members WHERE join_date IS NOT NULL AND birth_date IS NOT NULL"
    " AND join_date < date (birth_date, '+18 years')",
    N_("member %s: joined (%s) before the age of 18") },
  { "SELECT m.name, '' FROM members m WHERE NOT EXISTS (SELECT 1 FROM member_events e"
    " WHERE e.member_id = m.id AND e.kind IN ('admission', 'transfer_in'))",
    N_("member %s: no admission or transfer-in event%s") },
  { "SELECT p.number, p.name FROM projects p WHERE p.closed_date IS NOT NULL AND EXISTS"
    " (SELECT 1 FROM milestones s WHERE s.project_id = p.id AND s.done_date IS NULL)",
    N_("project %s (%s): closed, but a milestone is not ticked off") },
};

static gboolean
collect_rows (GtStorage *storage, const char *sql, const char *format, GPtrArray *problems,
              GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *a = (const char *) sqlite3_column_text (stmt, 0);
      const char *b = (const char *) sqlite3_column_text (stmt, 1);
      if (format == NULL)
        g_ptr_array_add (problems, g_strdup (a != NULL ? a : ""));
      else
        g_ptr_array_add (problems, g_strdup_printf (format, a ? a : "", b ? b : ""));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("checking"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_id_numbers (GtStorage *storage, GPtrArray *problems, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT name, id_number, gender, birth_date FROM members WHERE id_number IS NOT NULL",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      const char *gender = (const char *) sqlite3_column_text (stmt, 2);
      const char *birth = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *id_birth = NULL, *masked = gt_idcard_mask (id);
      char id_gender = 0;
      GtIdcardStatus status = gt_idcard_validate (id, NULL, &id_birth, &id_gender);

      if (status != GT_IDCARD_OK)
        g_ptr_array_add (problems, g_strdup_printf (_("member %s: ID number %s: %s"), name,
                                                    masked, gt_idcard_status_message (status)));
      else if (gender == NULL || gender[0] != id_gender)
        g_ptr_array_add (problems, g_strdup_printf (_("member %s: gender does not match the ID "
                                                      "number %s"), name, masked));
      else if (birth != NULL && g_strcmp0 (birth, id_birth) != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("member %s: birth date %s does not match "
                                                      "the ID number %s"), name, birth, masked));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("checking"));
      return FALSE;
    }
  return TRUE;
}

/* Members belong to a 党支部 or 党小组: active members registered directly with a 党总支,
 * 党委 or 工委 (a branch upgraded while it still had members) are a finding, one per
 * organisation with its count. */
static gboolean
check_members_in_holding_orgs (GtStorage *storage, GPtrArray *problems, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT o.name, o.kind, count(*) FROM members m JOIN organizations o ON o.id = m.org_id"
    " WHERE m.status = 'active' AND o.kind <> 'branch' AND o.kind <> 'group'"
    " AND o.archived = 0" /* an archived one's members are an invariant's finding already */
    " GROUP BY o.id ORDER BY o.sort_order, o.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      int n = sqlite3_column_int (stmt, 2);

      g_ptr_array_add (problems, g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "organisation %s: a %s with %d active member registered directly with "
                     "it; members belong to a 党支部 under it",
                     "organisation %s: a %s with %d active members registered directly with "
                     "it; members belong to a 党支部 under it", (gulong) n),
        name != NULL ? name : "", gt_label_org_kind (kind), n));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("checking"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gt_stats_check (GtStorage *storage, GPtrArray **problems, GError **error)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) integrity = g_ptr_array_new_with_free_func (g_free);

  if (!collect_rows (storage, "PRAGMA integrity_check", NULL, integrity, error))
    return FALSE;
  for (guint i = 0; i < integrity->len; i++)
    if (g_strcmp0 (integrity->pdata[i], "ok") != 0)
      g_ptr_array_add (found, g_strdup_printf (_("SQLite integrity check: %s"),
                                               (char *) integrity->pdata[i]));

  if (!collect_rows (storage,
                     "SELECT \"table\", coalesce (rowid, '') || ' → ' || parent"
                     " FROM pragma_foreign_key_check",
                     _("broken reference in table %s: row %s"), found, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (invariants); i++)
    if (!collect_rows (storage, invariants[i].sql, _(invariants[i].message), found, error))
      return FALSE;

  if (!check_id_numbers (storage, found, error) ||
      !check_members_in_holding_orgs (storage, found, error))
    return FALSE;

  *problems = g_steal_pointer (&found);
  return TRUE;
}
