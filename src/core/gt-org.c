/* gt-org.c — changing the organisation tree, with its history kept as events
 *
 * Every change runs in one transaction together with its org_events row, so the tree and
 * its history never disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-member.h"
#include "gt-org.h"
#include "gt-registers.h"

typedef struct
{
  const char *code;
  const char *names; /* Chinese names, separated by | */
  int rank;          /* kinds only: higher is a larger organisation */
} Code;

static const Code kinds[] = {
  { "committee", "党委|党的委员会", 4 },
  { "working_committee", "党工委|党（工）委", 4 },
  { "general_branch", "党总支|党的总支部委员会|总支", 3 },
  { "branch", "党支部|支部|联合党支部|网格党支部", 2 },
  { "group", "党小组|小组", 1 },
};

static const Code types[] = {
  { "organ", "机关", 0 },       { "rural", "农村", 0 },         { "associated", "关联", 0 },
  { "extended", "拓展", 0 },    { "community", "社区", 0 },     { "two_new", "两新|两新组织", 0 },
  { "school", "学校", 0 },      { "joint", "联合", 0 },         { "retired", "离退休|退休", 0 },
  { "grid", "网格", 0 },        { "special_town", "特色小镇", 0 },
};

static const Code levels[] = {
  { "county", "县|县级", 0 },
  { "township", "乡镇|乡|镇|街道", 0 },
  { "village", "村|社区|村社|村（社区）", 0 },
  { "grid", "网格", 0 },
  { "microgrid", "微网格", 0 },
};

static const Code *
lookup_code (const Code *table, gsize n, const char *text)
{
  if (text == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    {
      g_auto (GStrv) names = g_strsplit (table[i].names, "|", -1);

      if (g_strcmp0 (table[i].code, text) == 0 || g_strv_contains ((const char *const *) names, text))
        return &table[i];
    }
  return NULL;
}

const char *
gt_org_kind_code (const char *text)
{
  const Code *c = lookup_code (kinds, G_N_ELEMENTS (kinds), text);
  return c != NULL ? c->code : NULL;
}

const char *
gt_org_type_code (const char *text)
{
  const Code *c = lookup_code (types, G_N_ELEMENTS (types), text);
  return c != NULL ? c->code : NULL;
}

const char *
gt_org_level_code (const char *text)
{
  const Code *c = lookup_code (levels, G_N_ELEMENTS (levels), text);
  return c != NULL ? c->code : NULL;
}

static gboolean
find_org (GtStorage *storage, const char *name_or_code, gboolean archived, gint64 *id,
          GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT id FROM organizations WHERE archived <= ?2 AND (code = ?1 AND ?1 <> '')"
    " UNION ALL SELECT id FROM organizations WHERE archived <= ?2 AND name = ?1"
    "  AND NOT EXISTS (SELECT 1 FROM organizations WHERE archived <= ?2 AND code = ?1"
    "   AND ?1 <> '')"
    " LIMIT 2", error);
  gint64 found[2];
  int n = 0, rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name_or_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, archived ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n < 2)
    found[n++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  if (n == 0)
    return gt_storage_refuse (storage, error, _("no organisation is named or coded “%s”"), name_or_code);
  if (n > 1)
    return gt_storage_refuse (storage, error, _("more than one organisation is named “%s”; use its code"),
                 name_or_code);
  *id = found[0];
  return TRUE;
}

gboolean
gt_org_find (GtStorage *storage, const char *name_or_code, gint64 *id, GError **error)
{
  return find_org (storage, name_or_code, FALSE, id, error);
}

gboolean
gt_org_check_holds_members (GtStorage *storage, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT name, kind FROM organizations"
                                                    " WHERE id = ?", error);
  g_autofree char *name = NULL, *kind = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (kind == NULL || gt_org_kind_holds_members (kind))
    return TRUE;
  return gt_storage_refuse (storage, error,
                            _("“%s” is a %s; members belong to a 党支部 or a 党小组"), name,
                            gt_label_org_kind (kind));
}

gboolean
gt_org_kind_holds_members (const char *kind)
{
  return g_strcmp0 (kind, "branch") == 0 || g_strcmp0 (kind, "group") == 0;
}

gboolean
gt_org_find_any (GtStorage *storage, const char *name_or_code, gint64 *id, GError **error)
{
  return find_org (storage, name_or_code, TRUE, id, error);
}

static gboolean
add_event (GtStorage *storage, gint64 org_id, const char *kind, const char *date,
           const char *old_value, const char *new_value, const char *detail, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO org_events (uuid, org_id, kind, date, old_value, new_value, detail, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 (), *day = NULL;

  if (stmt == NULL)
    return FALSE;
  if (date == NULL)
    date = day = gt_today ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, org_id);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, old_value != NULL ? old_value : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, new_value != NULL ? new_value : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, detail != NULL ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, mtime, -1, SQLITE_TRANSIENT);
  return gt_storage_step_done (storage, stmt, error);
}

/* Runs @body between begin and commit, rolling back on failure. */
#define IN_TRANSACTION(storage, error, body)                                   \
  G_STMT_START                                                                 \
  {                                                                            \
    if (!gt_storage_begin ((storage), (error)))                                \
      return FALSE;                                                            \
    if (!(body) || !gt_storage_commit ((storage), (error)))                    \
      {                                                                        \
        gt_storage_rollback (storage);                                         \
        return FALSE;                                                          \
      }                                                                        \
    gt_storage_emit_changed ((storage), "organizations");                      \
    return TRUE;                                                               \
  }                                                                            \
  G_STMT_END

static gboolean
insert_org (GtStorage *storage, const GtOrgSpec *spec, gint64 parent_id, const char *kind,
            const char *org_type, const char *level, gint64 *id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "INSERT INTO organizations (uuid, parent_id, name, kind, org_type, level, code, secretary,"
    " founded, sort_order, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " (SELECT coalesce (max (sort_order), 0) + 1 FROM organizations WHERE parent_id IS ?2), ?)",
    error);
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 (), *day = gt_today ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_text (stmt, 3, spec->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, org_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, level, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, spec->code != NULL ? spec->code : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, spec->secretary != NULL ? spec->secretary : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, spec->founded != NULL ? spec->founded : day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, mtime, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  return add_event (storage, *id, "founded", spec->founded != NULL ? spec->founded : day, NULL,
                    kind, NULL, error);
}

static gboolean
code_in_use (GtStorage *storage, const char *code, gint64 *count, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT count(*) FROM organizations WHERE code = ? AND code <> ''", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Reads one text column of an organisation; NULL when it does not exist. */
static char *
org_text (GtStorage *storage, gint64 id, const char *column, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM organizations WHERE id = ?", column);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL
                        ? "" : (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (value == NULL)
    gt_storage_refuse (storage, error, _("organisation %d does not exist"), (int) id);
  return value;
}

static int
kind_rank (const char *kind)
{
  const Code *c = lookup_code (kinds, G_N_ELEMENTS (kinds), kind);
  return c != NULL ? c->rank : 0;
}

/* The tree runs 党委 → 党总支 → 党支部 → 党小组: a 党支部 holds only 党小组, and a 党小组
 * holds nothing. Committees and general branches may hold their own kind (升格 villages). */
static gboolean
check_nesting (GtStorage *storage, const char *parent_name, const char *parent_kind,
               const char *child_name, const char *child_kind, GError **error)
{
  if (g_strcmp0 (parent_kind, "group") == 0)
    return gt_storage_refuse (storage, error,
                              _("“%s” cannot be set up under “%s”: a Party group holds no "
                                "sub-organisations"), child_name, parent_name);
  if (g_strcmp0 (parent_kind, "branch") == 0 && kind_rank (child_kind) >= kind_rank ("branch"))
    return gt_storage_refuse (storage, error,
                              _("“%s” cannot be a %s under “%s”, which is itself a %s: a Party "
                                "branch holds only Party groups"),
                              child_name, gt_label_org_kind (child_kind), parent_name,
                              gt_label_org_kind (parent_kind));
  return TRUE;
}

/* Checks @child_kind under the organisation @parent_id (0 for none). */
static gboolean
check_parent (GtStorage *storage, gint64 parent_id, const char *child_name,
              const char *child_kind, GError **error)
{
  g_autofree char *parent_name = NULL, *parent_kind = NULL;

  if (parent_id <= 0)
    return TRUE;
  parent_name = org_text (storage, parent_id, "name", error);
  if (parent_name == NULL)
    return FALSE;
  parent_kind = org_text (storage, parent_id, "kind", error);
  if (parent_kind == NULL)
    return FALSE;
  return check_nesting (storage, parent_name, parent_kind, child_name, child_kind, error);
}

gboolean
gt_org_add (GtStorage *storage, const GtOrgSpec *spec, gint64 *id, GError **error)
{
  const char *kind = gt_org_kind_code (spec->kind);
  const char *level = gt_org_level_code (spec->level);
  g_autofree char *org_type = NULL;
  gint64 parent_id = 0, existing = 0, new_id = 0;

  if (spec->name == NULL || *spec->name == '\0')
    return gt_storage_refuse (storage, error, _("an organisation needs a name"));
  if (!gt_storage_check_length (storage, _("the organisation's name"), spec->name, GT_NAME_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the code"), spec->code, GT_TEXT_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the secretary"), spec->secretary, GT_TEXT_MAX_CHARS,
                                error))
    return FALSE;
  if (kind == NULL)
    return gt_storage_refuse (storage, error, _("unknown kind “%s” (党委, 党总支, 党支部, 党小组…)"),
                 spec->kind != NULL ? spec->kind : "");
  org_type = gt_org_type_resolve (storage, spec->org_type, error);
  if (org_type == NULL)
    return FALSE;
  if (level == NULL)
    return gt_storage_refuse (storage, error, _("unknown level “%s” (县, 乡镇, 村, 网格, 微网格)"),
                 spec->level != NULL ? spec->level : "");
  if (spec->founded != NULL &&
      !gt_storage_check_date (storage, _("the founding date"), spec->founded, FALSE, error))
    return FALSE;
  if (spec->parent != NULL && !gt_org_find (storage, spec->parent, &parent_id, error))
    return FALSE;
  if (!check_parent (storage, parent_id, spec->name, kind, error))
    return FALSE;
  if (spec->code != NULL && *spec->code != '\0')
    {
      if (!code_in_use (storage, spec->code, &existing, error))
        return FALSE;
      if (existing > 0)
        return gt_storage_refuse (storage, error, _("the code %s is already used by another organisation"),
                     spec->code);
    }

  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!insert_org (storage, spec, parent_id, kind, org_type, level, &new_id, error) ||
      !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  if (id != NULL)
    *id = new_id;
  gt_storage_emit_changed (storage, "organizations");
  return TRUE;
}

static gboolean
update_column (GtStorage *storage, gint64 id, const char *column, const char *value,
               GError **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE organizations SET %s = ?, rev = rev + 1,"
                                          " mtime = ? WHERE id = ?", column);
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  g_autofree char *mtime = gt_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return gt_storage_step_done (storage, stmt, error);
}

gboolean
gt_org_rename (GtStorage *storage, gint64 id, const char *name, const char *date,
               GError **error)
{
  g_autofree char *old = NULL;

  if (name == NULL || *name == '\0')
    return gt_storage_refuse (storage, error, _("an organisation needs a name"));
  if (!gt_storage_check_length (storage, _("the organisation's name"), name, GT_NAME_MAX_CHARS, error))
    return FALSE;
  if (date != NULL && !gt_storage_check_date (storage, _("the date"), date, TRUE, error))
    return FALSE;
  old = org_text (storage, id, "name", error);
  if (old == NULL)
    return FALSE;
  IN_TRANSACTION (storage, error,
                  update_column (storage, id, "name", name, error) &&
                    add_event (storage, id, "renamed", date, old, name, NULL, error));
}

/* Checks that @id may become a @kind where it stands: under its parent and over its
 * sub-organisations that are not archived. */
static gboolean
check_kind_in_tree (GtStorage *storage, gint64 id, const char *kind, GError **error)
{
  g_autofree char *name = org_text (storage, id, "name", error);
  g_autofree char *parent = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (name == NULL)
    return FALSE;
  parent = org_text (storage, id, "coalesce (parent_id, '')", error);
  if (parent == NULL ||
      !check_parent (storage, g_ascii_strtoll (parent, NULL, 10), name, kind, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "SELECT name, kind FROM organizations"
                                      " WHERE parent_id = ? AND archived = 0 ORDER BY sort_order",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (ok && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *child = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *child_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      ok = check_nesting (storage, name, kind, child, child_kind, error);
    }
  sqlite3_reset (stmt);
  return ok;
}

gboolean
gt_org_count_members (GtStorage *storage, gint64 id, gint64 *n, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT count(*) FROM members"
                                                    " WHERE org_id = ? AND status = 'active'",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *n = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      /* not 0: that would let a branch with members be upgraded */
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

/* Checks @kind and @date and reads the old kind; @members receives the active members
 * registered directly with @id. */
static gboolean
check_kind_change (GtStorage *storage, gint64 id, const char *kind, const char *date,
                   char **old, gint64 *members, GError **error)
{
  const char *code = gt_org_kind_code (kind);

  if (code == NULL)
    return gt_storage_refuse (storage, error, _("unknown kind “%s” (党委, 党总支, 党支部, 党小组…)"),
                 kind != NULL ? kind : "");
  if (date != NULL && !gt_storage_check_date (storage, _("the date"), date, TRUE, error))
    return FALSE;
  *old = org_text (storage, id, "kind", error);
  if (*old == NULL)
    return FALSE;
  if (g_strcmp0 (*old, code) == 0)
    return gt_storage_refuse (storage, error, _("the organisation already is a %s"), gt_label_org_kind (code));
  return check_kind_in_tree (storage, id, code, error) &&
         gt_org_count_members (storage, id, members, error);
}

static gboolean
update_kind (GtStorage *storage, gint64 id, const char *old, const char *kind, const char *date,
             const char *detail, GError **error)
{
  const char *code = gt_org_kind_code (kind);

  return update_column (storage, id, "kind", code, error) &&
         add_event (storage, id, kind_rank (code) > kind_rank (old) ? "upgraded" : "changed",
                    date, old, code, detail, error);
}

gboolean
gt_org_set_kind (GtStorage *storage, gint64 id, const char *kind, const char *date,
                 const char *detail, GError **error)
{
  g_autofree char *old = NULL, *name = NULL;
  gint64 members = 0;

  if (!check_kind_change (storage, id, kind, date, &old, &members, error))
    return FALSE;
  /* A 党总支 or 党委 holds branches, not members: they go to a branch first. */
  if (members > 0 && !gt_org_kind_holds_members (gt_org_kind_code (kind)))
    {
      name = org_text (storage, id, "name", error);
      if (name == NULL)
        return FALSE;
      return gt_storage_refuse (
        storage, error,
        g_dngettext (GETTEXT_PACKAGE,
                     "“%s” still has %d member registered directly with it, and a %s holds no "
                     "members: first move them to a 党支部 (or create one under it in the same "
                     "step)",
                     "“%s” still has %d members registered directly with it, and a %s holds no "
                     "members: first move them to a 党支部 (or create one under it in the same "
                     "step)", (gulong) members),
        name, (int) members, gt_label_org_kind (gt_org_kind_code (kind)));
    }
  IN_TRANSACTION (storage, error, update_kind (storage, id, old, kind, date, detail, error));
}

/* Creates the 党支部 @name under @parent_id, of the parent's type and level. */
static gboolean
add_branch_under (GtStorage *storage, gint64 parent_id, const char *name, const char *date,
                  gint64 *id, GError **error)
{
  g_autofree char *org_type = org_text (storage, parent_id, "org_type", error);
  g_autofree char *level = org_text (storage, parent_id, "level", error);
  GtOrgSpec spec = { .name = name, .kind = "branch", .founded = date };

  if (org_type == NULL || level == NULL)
    return FALSE;
  spec.org_type = org_type;
  spec.level = level;
  return check_parent (storage, parent_id, name, "branch", error) &&
         insert_org (storage, &spec, parent_id, "branch", org_type, level, id, error);
}

/* The kind change moving the members to a new branch @new_branch under @id, or (NULL) to
 * the existing organisation @to_id. */
static gboolean
set_kind_moving (GtStorage *storage, gint64 id, const char *kind, const char *date,
                 const char *detail, const char *new_branch, gint64 to_id, guint *n_moved,
                 GError **error)
{
  g_autofree char *old = NULL;
  gint64 members = 0;
  guint moved = 0;
  gboolean ok;

  if (new_branch != NULL &&
      !gt_storage_check_length (storage, _("the organisation's name"), new_branch,
                                GT_NAME_MAX_CHARS, error))
    return FALSE;
  if (!check_kind_change (storage, id, kind, date, &old, &members, error))
    return FALSE;
  if (!gt_storage_begin (storage, error))
    return FALSE;
  ok = update_kind (storage, id, old, kind, date, detail, error);
  if (ok && new_branch != NULL)
    ok = add_branch_under (storage, id, new_branch, date, &to_id, error);
  if (ok && members > 0)
    ok = gt_member_move_all (storage, id, to_id, date, &moved, error);
  if (!ok || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  if (n_moved != NULL)
    *n_moved = moved;
  gt_storage_emit_changed (storage, "organizations");
  if (moved > 0)
    gt_storage_emit_changed (storage, "members");
  return TRUE;
}

gboolean
gt_org_set_kind_moving_members (GtStorage *storage, gint64 id, const char *kind,
                                const char *date, const char *detail, const char *to_branch,
                                gboolean create, guint *n_moved, GError **error)
{
  gint64 to_id = 0;

  if (to_branch == NULL || *to_branch == '\0')
    return gt_storage_refuse (storage, error, create ? _("the new 党支部 needs a name")
                                                     : _("choose the 党支部 that receives the members"));
  /* the receiving organisation looked up once, by id from here on */
  if (!create && !gt_org_find (storage, to_branch, &to_id, error))
    return FALSE;
  return set_kind_moving (storage, id, kind, date, detail, create ? to_branch : NULL, to_id,
                          n_moved, error);
}

gboolean
gt_org_set_kind_moving_members_to (GtStorage *storage, gint64 id, const char *kind,
                                   const char *date, const char *detail, gint64 to_branch_id,
                                   guint *n_moved, GError **error)
{
  return set_kind_moving (storage, id, kind, date, detail, NULL, to_branch_id, n_moved, error);
}

gboolean
gt_org_set_type (GtStorage *storage, gint64 id, const char *org_type, const char *date,
                 GError **error)
{
  g_autofree char *code = NULL, *old = NULL;

  if (date != NULL && !gt_storage_check_date (storage, _("the date"), date, TRUE, error))
    return FALSE;
  code = gt_org_type_resolve (storage, org_type, error);
  if (code == NULL)
    return FALSE;
  old = org_text (storage, id, "org_type", error);
  if (old == NULL)
    return FALSE;
  if (g_strcmp0 (old, code) == 0)
    return gt_storage_refuse (storage, error, _("the organisation already has the type %s"),
                              gt_label_org_type (code));
  IN_TRANSACTION (storage, error,
                  update_column (storage, id, "org_type", code, error) &&
                    add_event (storage, id, "changed", date, old, code, NULL, error));
}

gboolean
gt_org_event_is_type_change (const GtOrgEvent *event)
{
  return g_strcmp0 (event->kind, "changed") == 0 && gt_org_kind_code (event->new_value) == NULL;
}

gboolean
gt_org_move (GtStorage *storage, gint64 id, gint64 new_parent_id, const char *date,
             GError **error)
{
  g_autofree char *old_parent = NULL, *old_parent_name = NULL, *new_parent_name = NULL;
  g_autofree char *parent_text = NULL, *name = NULL, *kind = NULL;
  sqlite3_stmt *stmt;
  gboolean inside = FALSE;

  if (date != NULL && !gt_storage_check_date (storage, _("the date"), date, TRUE, error))
    return FALSE;
  old_parent = org_text (storage, id, "coalesce (parent_id, '')", error);
  if (old_parent == NULL)
    return FALSE;
  if (new_parent_id <= 0)
    return gt_storage_refuse (storage, error, _("choose the organisation to move it under"));
  new_parent_name = org_text (storage, new_parent_id, "name", error);
  if (new_parent_name == NULL)
    return FALSE;
  /* nothing to move: no change to record or to send in the next package */
  if (g_ascii_strtoll (old_parent, NULL, 10) == new_parent_id)
    return gt_storage_refuse (storage, error, _("the organisation already is under %s"),
                              new_parent_name);

  /* The new parent must not be the organisation itself or one of its descendants. */
  stmt = gt_storage_prepare (storage,
                             "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION ALL"
                             " SELECT o.id FROM organizations o JOIN sub ON o.parent_id = sub.id)"
                             " SELECT count(*) FROM sub WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, new_parent_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    inside = sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (inside)
    return gt_storage_refuse (storage, error, _("cannot move an organisation under itself or under one of "
                                   "its own sub-organisations"));
  name = org_text (storage, id, "name", error);
  kind = org_text (storage, id, "kind", error);
  if (name == NULL || kind == NULL || !check_parent (storage, new_parent_id, name, kind, error))
    return FALSE;

  if (*old_parent != '\0')
    old_parent_name = org_text (storage, g_ascii_strtoll (old_parent, NULL, 10), "name", NULL);
  parent_text = g_strdup_printf ("%" G_GINT64_FORMAT, new_parent_id);
  IN_TRANSACTION (storage, error,
                  update_column (storage, id, "parent_id", parent_text, error) &&
                    add_event (storage, id, "moved", date, old_parent_name, new_parent_name,
                               NULL, error));
}

static gint64
count_where (GtStorage *storage, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
gt_org_remove (GtStorage *storage, gint64 id, const char *date, gboolean *archived,
               GError **error)
{
  g_autofree char *name = org_text (storage, id, "name", error);
  gint64 active, children, history;
  sqlite3_stmt *stmt;

  if (name == NULL)
    return FALSE;
  active = count_where (storage,
                        "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION ALL SELECT o.id FROM"
                        " organizations o JOIN sub ON o.parent_id = sub.id)"
                        " SELECT count(*) FROM members WHERE status = 'active'"
                        " AND org_id IN (SELECT id FROM sub)", id, error);
  children = count_where (storage,
                          "SELECT count(*) FROM organizations WHERE parent_id = ?1"
                          " AND archived = 0", id, error);
  history = count_where (storage,
                         "SELECT (SELECT count(*) FROM members WHERE org_id = ?1)"
                         " + (SELECT count(*) FROM member_events WHERE org_id = ?1)"
                         " + (SELECT count(*) FROM projects WHERE org_id = ?1)"
                         " + (SELECT count(*) FROM organizations WHERE parent_id = ?1)"
                         " + (SELECT count(*) FROM org_events WHERE org_id = ?1"
                         "    AND kind <> 'founded')", id, error);
  if (active < 0 || children < 0 || history < 0)
    return FALSE;
  if (active > 0)
    return gt_storage_refuse (storage, error, _("%s still has %d active members; transfer them first"), name,
                 (int) active);
  if (children > 0)
    return gt_storage_refuse (storage, error, _("%s still has %d sub-organisations; move or remove them "
                                   "first"), name, (int) children);

  *archived = history > 0;
  if (*archived)
    IN_TRANSACTION (storage, error,
                    update_column (storage, id, "archived", "1", error) &&
                      add_event (storage, id, "archived", date, NULL, NULL, NULL, error));

  stmt = gt_storage_prepare (storage, "DELETE FROM organizations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  IN_TRANSACTION (storage, error, gt_storage_step_done (storage, stmt, error));
}

static void
gt_org_event_free (gpointer data)
{
  GtOrgEvent *e = data;

  g_free (e->kind);
  g_free (e->date);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e->detail);
  g_free (e);
}

GPtrArray *
gt_org_history (GtStorage *storage, gint64 id, GError **error)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (gt_org_event_free);
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT kind, date, old_value, new_value, detail FROM org_events WHERE org_id = ?"
    " ORDER BY date, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtOrgEvent *e = g_new0 (GtOrgEvent, 1);

      e->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (events, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&events);
}
