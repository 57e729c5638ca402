/* gt-registers.c — read access to the registers: organisations, members, projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-household.h"
#include "gt-registers.h"
#include "gt-schema.h"

#define TEXT GT_COLUMN_TEXT

static void
gt_org_free (gpointer data)
{
  GtOrg *org = data;

  if (org == NULL)
    return;
  g_free (org->name);
  g_free (org->kind);
  g_free (org->org_type);
  g_free (org->level);
  g_free (org->code);
  g_free (org->secretary);
  g_free (org);
}

static void
gt_member_free (gpointer data)
{
  GtMember *member = data;

  g_free (member->name);
  g_free (member->org_name);
  g_free (member->category);
  g_free (member->status);
  g_free (member->id_number);
  g_free (member->phone);
  g_free (member->join_date);
  g_free (member->group_name);
  g_free (member);
}

static void
gt_project_free (gpointer data)
{
  GtProject *project = data;

  g_free (project->number);
  g_free (project->name);
  g_free (project->kind);
  g_free (project->leader);
  g_free (project->cadre);
  g_free (project->due_date);
  g_free (project->closed_date);
  g_free (project->next_node);
  g_free (project->next_date);
  g_free (project->start_date);
  g_free (project);
}

static gpointer
read_org (sqlite3_stmt *stmt)
{
  GtOrg *org = g_new0 (GtOrg, 1);

  org->id = sqlite3_column_int64 (stmt, 0);
  org->parent_id = sqlite3_column_int64 (stmt, 1);
  org->name = TEXT (stmt, 2);
  org->kind = TEXT (stmt, 3);
  org->org_type = TEXT (stmt, 4);
  org->level = TEXT (stmt, 5);
  org->secretary = TEXT (stmt, 6);
  org->n_members = sqlite3_column_int64 (stmt, 7);
  org->code = TEXT (stmt, 8);
  org->n_in_group = sqlite3_column_int64 (stmt, 9);
  org->n_members += org->n_in_group;
  return org;
}

/* The indexes into @rows of the organisations under @parent, pushed so that the first is
 * taken first. */
static void
push_children (GArray *stack, GHashTable *children, gint64 parent)
{
  GArray *list = g_hash_table_lookup (children, &parent);

  for (guint i = list != NULL ? list->len : 0; i-- > 0;)
    g_array_append_val (stack, g_array_index (list, guint, i));
}

GPtrArray *
gt_org_list (GtStorage *storage, GError **error)
{
  /* Read in sibling order and put in depth-first order here: a recursive query building a
   * sortable path for each of 12 000 organisations took three times as long. */
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT o.id, coalesce (o.parent_id, 0), o.name, o.kind, o.org_type, o.level, o.secretary,"
    "  (SELECT count(*) FROM members m WHERE m.org_id = o.id)"
    "   - (SELECT count(*) FROM members m WHERE m.org_id = o.id AND m.status <> 'active'),"
    "  o.code, CASE WHEN o.kind = 'group' THEN (SELECT count(*) FROM members m"
    "   WHERE m.group_id = o.id AND m.status = 'active') ELSE 0 END"
    " FROM organizations o WHERE o.archived = 0 ORDER BY o.sort_order, o.id",
    error);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GHashTable) children = NULL; /* parent id → GArray of indexes into rows */
  g_autoptr (GArray) stack = NULL;
  g_autoptr (GHashTable) by_id = NULL;
  GPtrArray *orgs;

  if (stmt == NULL)
    return NULL;
  rows = gt_storage_collect (storage, stmt, read_org, gt_org_free, error);
  if (rows == NULL)
    return NULL;
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                    (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      GtOrg *org = rows->pdata[i];
      GArray *list = g_hash_table_lookup (children, &org->parent_id);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (children, &org->parent_id, list);
        }
      g_array_append_val (list, i);
    }
  /* From the roots, so every parent comes before its children; each one reached moves from
   * @rows to @orgs, and one under an archived organisation, never reached, is freed with
   * @rows. */
  orgs = g_ptr_array_new_full (rows->len, gt_org_free);
  stack = g_array_new (FALSE, FALSE, sizeof (guint));
  push_children (stack, children, 0);
  while (stack->len > 0)
    {
      guint i = g_array_index (stack, guint, stack->len - 1);
      GtOrg *org = rows->pdata[i];

      g_array_set_size (stack, stack->len - 1);
      rows->pdata[i] = NULL;
      g_ptr_array_add (orgs, org);
      push_children (stack, children, org->id);
    }
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];

      /* the members of a 党小组 are counted by its branch already */
      org->n_members_total = org->n_members - org->n_in_group;
      g_hash_table_insert (by_id, &org->id, org);
    }
  for (guint i = orgs->len; i-- > 0;)
    {
      GtOrg *org = orgs->pdata[i];
      GtOrg *parent = g_hash_table_lookup (by_id, &org->parent_id);

      if (parent != NULL)
        parent->n_members_total += org->n_members_total;
    }
  for (guint i = 0; i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      org->n_members_total += org->n_in_group;
    }
  return orgs;
}

typedef struct
{
  GHashTable *positions; /* organisation id → its place in gt_org_list (), from 1 */
  gsize offset;
} TreeOrder;

static int
compare_tree_position (gconstpointer a, gconstpointer b, gpointer data)
{
  const TreeOrder *order = data;
  gint64 ida = G_STRUCT_MEMBER (gint64, *(gpointer const *) a, order->offset);
  gint64 idb = G_STRUCT_MEMBER (gint64, *(gpointer const *) b, order->offset);
  guint ia = GPOINTER_TO_UINT (g_hash_table_lookup (order->positions, &ida));
  guint ib = GPOINTER_TO_UINT (g_hash_table_lookup (order->positions, &idb));

  /* 0 (not found) after every position, which count from 1 */
  ia = ia == 0 ? G_MAXUINT : ia;
  ib = ib == 0 ? G_MAXUINT : ib;
  if (ia != ib)
    return ia < ib ? -1 : 1;
  return ida < idb ? -1 : ida > idb;
}

gboolean
gt_org_sort_items (GtStorage *storage, GPtrArray *items, gsize org_id_offset, GError **error)
{
  g_autoptr (GPtrArray) orgs = gt_org_list (storage, error);
  g_autoptr (GHashTable) positions = NULL;
  TreeOrder order;

  if (orgs == NULL)
    return FALSE;
  positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < orgs->len; i++)
    g_hash_table_insert (positions, &((GtOrg *) orgs->pdata[i])->id, GUINT_TO_POINTER (i + 1));
  order.positions = positions;
  order.offset = org_id_offset;
  /* a merge sort: stable within an organisation */
  g_ptr_array_sort_with_data (items, compare_tree_position, &order);
  return TRUE;
}

static gpointer
read_member (sqlite3_stmt *stmt)
{
  GtMember *member = g_new0 (GtMember, 1);
  const char *gender = (const char *) sqlite3_column_text (stmt, 2);

  member->id = sqlite3_column_int64 (stmt, 0);
  member->name = TEXT (stmt, 1);
  member->gender = gender != NULL ? gender[0] : '?';
  member->org_name = TEXT (stmt, 3);
  member->category = TEXT (stmt, 4);
  member->status = TEXT (stmt, 5);
  member->id_number = TEXT (stmt, 6);
  member->phone = TEXT (stmt, 7);
  member->join_date = TEXT (stmt, 8);
  member->n_links = sqlite3_column_int64 (stmt, 9);
  member->group_name = TEXT (stmt, 10);
  return member;
}

#define MEMBER_COLUMNS \
  "SELECT m.id, m.name, m.gender, o.name, m.category, m.status, m.id_number, m.phone," \
  "  m.join_date, (SELECT count(*) FROM member_household_links l WHERE l.member_id = m.id)," \
  "  (SELECT name FROM organizations WHERE id = m.group_id)"

char *
gt_search_normalize (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c >= 0xFF10 && c <= 0xFF19) /* full-width digits from a Chinese IME */
        c = '0' + (c - 0xFF10);
      else if (c == 0xFF38 || c == 0xFF58 || c == 'x')
        c = 'X';
      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The FROM and WHERE of a member query, from fixed fragments only: user text is always a
 * bound parameter. Named parameters: :text :org :category :minimum. A @count without text
 * leaves the organisations out: every member has one (org_id is NOT NULL and a foreign
 * key), and the join read each member's row for it instead of counting the small index of
 * active members (200 000 members: 160 ms before the member list's first frame). */
static void
build_member_query (GString *sql, const char *text, const GtMemberFilter *filter,
                    gboolean count, gboolean *use_text)
{
  const char *status = filter != NULL && filter->former ? "m.status <> 'active'"
                                                        : "m.status = 'active'";

  *use_text = text != NULL && *text != '\0';

  if (*use_text && g_utf8_strlen (text, -1) >= 3)
    /* The trigram index drives the join, in rowid order, so LIMIT stops it early. It knows
     * which trigrams a member has, not where (schema step 15): each member found is checked
     * for the whole text, in the fields the index holds (ASCII letters in any case, as the
     * index matches them). */
    g_string_append_printf (sql, " FROM member_search s CROSS JOIN members m ON m.id = s.rowid"
                                 " JOIN organizations o ON o.id = m.org_id"
                                 " WHERE member_search MATCH :trigrams AND %s"
                                 " AND (instr (lower (m.name), lower (:text)) > 0"
                                 "  OR instr (lower (coalesce (m.id_number, '')), lower (:text)) > 0"
                                 "  OR instr (lower (m.phone), lower (:text)) > 0"
                                 "  OR instr (lower (" GT_SCHEMA_ORG_TEXT ("o") "), lower (:text)) > 0)",
                                 status);
  else if (*use_text)
    /* One or two characters — typically a surname — are below the trigram's reach: look
     * the first character up in the name-character index, and take the members of
     * organisations whose name contains the query, and of the groups under them. */
    g_string_append_printf (sql, " FROM members m JOIN organizations o ON o.id = m.org_id"
                                 " WHERE m.id IN (SELECT member_id FROM member_name_chars"
                                 "   WHERE ch = substr (:text, 1, 1)"
                                 "  UNION SELECT id FROM members WHERE org_id IN"
                                 "   (WITH named AS (SELECT id FROM organizations"
                                 "     WHERE instr (name, :text) > 0)"
                                 "    SELECT id FROM named UNION SELECT id FROM organizations"
                                 "    WHERE kind = 'group' AND parent_id IN named))"
                                 " AND %s"
                                 " AND (instr (m.name, :text) > 0"
                                 "  OR instr (" GT_SCHEMA_ORG_TEXT ("o") ", :text) > 0)",
                                 status);
  else if (count)
    g_string_append_printf (sql, " FROM members m WHERE %s", status);
  else
    g_string_append_printf (sql, " FROM members m JOIN organizations o ON o.id = m.org_id"
                                 " WHERE %s", status);

  if (filter == NULL)
    return;
  /* the members of the subtree, and those placed in it when it is a 党小组 (registered
   * with its branch): each side from its own index */
  if (filter->org_id > 0)
    g_string_append (sql, " AND (m.org_id IN (WITH RECURSIVE sub (id) AS (SELECT :org"
                          "  UNION ALL SELECT c.id FROM organizations c JOIN sub"
                          "  ON c.parent_id = sub.id) SELECT id FROM sub)"
                          "  OR m.id IN (SELECT id FROM members WHERE group_id = :org))");
  if (filter->category != NULL)
    g_string_append (sql, " AND m.category = :category");
  switch (filter->flag)
    {
    case GT_MEMBER_FLAG_MOBILE:
      g_string_append (sql, " AND m.mobility <> 'none'");
      break;
    case GT_MEMBER_FLAG_LOST_CONTACT:
      g_string_append (sql, " AND m.lost_contact = 1");
      break;
    case GT_MEMBER_FLAG_FRAIL:
      g_string_append (sql, " AND m.frail = 1");
      break;
    case GT_MEMBER_FLAG_FEW_LINKS:
      g_string_append (sql, " AND (SELECT count(*) FROM member_household_links l"
                            "  WHERE l.member_id = m.id) < :minimum");
      break;
    case GT_MEMBER_FLAG_VISITS_DUE:
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM member_household_links l"
                            "  WHERE l.member_id = m.id AND coalesce ((SELECT max (v.date)"
                            "   FROM visits v WHERE v.member_id = m.id"
                            "   AND v.household_id = l.household_id), '')"
                            "  < date ('now', 'localtime', '-' || :interval || ' days'))");
      break;
    case GT_MEMBER_FLAG_ANY:
    default:
      break;
    }
}

static void
bind_named_text (sqlite3_stmt *stmt, const char *name, const char *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int64 (sqlite3_stmt *stmt, const char *name, gint64 value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_member_query (GtStorage *storage, sqlite3_stmt *stmt, const char *text,
                   const GtMemberFilter *filter)
{
  g_autoptr (GString) trigrams = g_string_new (NULL);
  glong n = text != NULL ? g_utf8_strlen (text, -1) : 0;
  const char *p = text;

  /* Every trigram of the text, each a quoted FTS string, all required: no FTS syntax leaks
   * in. */
  for (glong i = 0; i + 3 <= n; i++, p = g_utf8_next_char (p))
    {
      const char *end = g_utf8_offset_to_pointer (p, 3);

      g_string_append (trigrams, trigrams->len > 0 ? " AND \"" : "\"");
      for (const char *q = p; q < end; q++)
        {
          if (*q == '"')
            g_string_append_c (trigrams, '"');
          g_string_append_c (trigrams, *q);
        }
      g_string_append_c (trigrams, '"');
    }
  bind_named_text (stmt, ":trigrams", trigrams->str);
  bind_named_text (stmt, ":text", text);
  if (filter != NULL)
    {
      bind_named_int64 (stmt, ":org", filter->org_id);
      bind_named_text (stmt, ":category", filter->category);
      bind_named_int64 (stmt, ":minimum", gt_rules_get_link_minimum (storage));
      bind_named_int64 (stmt, ":interval", gt_rules_get_visit_interval (storage));
    }
}

GPtrArray *
gt_member_search (GtStorage *storage, const char *text, const GtMemberFilter *filter,
                  gint64 offset, guint limit, GError **error)
{
  g_autofree char *query = gt_search_normalize (text);
  g_autoptr (GString) sql = g_string_new (MEMBER_COLUMNS);
  gboolean use_text;
  sqlite3_stmt *stmt;

  build_member_query (sql, query, filter, FALSE, &use_text);
  if (use_text && g_utf8_strlen (query, -1) >= 3)
    g_string_append (sql, " ORDER BY s.rowid");
  else if (filter != NULL && filter->sort == GT_MEMBER_SORT_NAME)
    g_string_append (sql, " ORDER BY m.name, m.id");
  else if (filter != NULL && filter->sort == GT_MEMBER_SORT_JOINED)
    g_string_append (sql, " ORDER BY m.join_date, m.id");
  else
    g_string_append (sql, " ORDER BY m.id");
  g_string_append (sql, " LIMIT :limit OFFSET :offset");

  stmt = gt_storage_prepare (storage, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_member_query (storage, stmt, query, filter);
  bind_named_int64 (stmt, ":limit", limit > 0 ? (gint64) limit : -1);
  bind_named_int64 (stmt, ":offset", offset);
  return gt_storage_collect (storage, stmt, read_member, gt_member_free, error);
}

gboolean
gt_member_count (GtStorage *storage, const char *text, const GtMemberFilter *filter,
                 gint64 cap, gint64 *count, GError **error)
{
  g_autofree char *query = gt_search_normalize (text);
  g_autoptr (GString) sql = g_string_new ("SELECT count(*) FROM (SELECT 1");
  gboolean use_text;
  sqlite3_stmt *stmt;
  int rc;

  /* Counting stops at @cap: "330" matches every ID number of a county, and the list
   * shows at most a page of search results anyway. */
  build_member_query (sql, query, filter, TRUE, &use_text);
  g_string_append (sql, " LIMIT :cap)");
  stmt = gt_storage_prepare (storage, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_member_query (storage, stmt, query, filter);
  bind_named_int64 (stmt, ":cap", cap > 0 ? cap : -1);
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
gt_member_list (GtStorage *storage, const char *filter, guint limit, GError **error)
{
  return gt_member_search (storage, filter, NULL, 0, limit, error);
}

static gpointer
read_project (sqlite3_stmt *stmt)
{
  GtProject *project = g_new0 (GtProject, 1);

  project->id = sqlite3_column_int64 (stmt, 0);
  project->number = TEXT (stmt, 1);
  project->name = TEXT (stmt, 2);
  project->kind = TEXT (stmt, 3);
  project->leader = TEXT (stmt, 4);
  project->cadre = TEXT (stmt, 5);
  project->due_date = TEXT (stmt, 6);
  project->closed_date = TEXT (stmt, 7);
  project->n_milestones = sqlite3_column_int64 (stmt, 8);
  project->n_done = sqlite3_column_int64 (stmt, 9);
  project->next_node = TEXT (stmt, 10);
  project->next_date = TEXT (stmt, 11);
  project->start_date = TEXT (stmt, 12);
  return project;
}

GPtrArray *
gt_project_list (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT p.id, p.number, p.name, p.kind, p.leader, p.cadre, p.due_date, p.closed_date,"
    "  (SELECT count(*) FROM milestones s WHERE s.project_id = p.id),"
    "  (SELECT count(*) FROM milestones s WHERE s.project_id = p.id AND s.done_date IS NOT NULL),"
    "  n.name, n.planned_date, p.start_date"
    " FROM projects p LEFT JOIN milestones n ON n.id = (SELECT s.id FROM milestones s"
    "  WHERE s.project_id = p.id AND s.done_date IS NULL ORDER BY s.seq LIMIT 1)"
    " ORDER BY p.number", error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_project, gt_project_free, error);
}

typedef struct
{
  const char *code;
  const char *label;
} Label;

static const char *
lookup (const Label *labels, gsize n, const char *code)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return _(labels[i].label);
  return code != NULL ? code : "";
}

static const Label org_kinds[] = {
  { "committee", N_("Party committee") },
  { "working_committee", N_("Party working committee") },
  { "general_branch", N_("General Party branch") },
  { "branch", N_("Party branch") },
  { "group", N_("Party group") },
};

static const Label org_types[] = {
  { "organ", N_("Government office") },
  { "rural", N_("Rural") },
  { "associated", N_("Associated") },
  { "extended", N_("Extended") },
  { "community", N_("Community") },
  { "two_new", N_("Enterprise and social organisation") },
  { "school", N_("School") },
  { "joint", N_("Joint") },
  { "retired", N_("Retired members") },
  { "grid", N_("Grid") },
  { "special_town", N_("Special town") },
};

static const Label org_levels[] = {
  { "county", N_("County") },
  { "township", N_("Township") },
  { "village", N_("Village") },
  { "grid", N_("Grid") },
  { "microgrid", N_("Micro-grid") },
};

static const Label categories[] = {
  { "full", N_("Full member") },
  { "probationary", N_("Probationary member") },
};

static const Label project_kinds[] = {
  { "belt", N_("Demonstration belt") },
  { "zone", N_("Demonstration zone") },
  { "circle", N_("Demonstration circle") },
  { "post", N_("Demonstration post") },
  { "point", N_("Demonstration point") },
};

static const Label roles[] = {
  { "township", N_("Township office") },
  { "county", N_("County organisation department") },
};

const char *
gt_label_org_kind (const char *kind)
{
  return lookup (org_kinds, G_N_ELEMENTS (org_kinds), kind);
}

const char *
gt_label_org_type (const char *org_type)
{
  /* an organisation without a type; types are never blank */
  if (org_type == NULL || *org_type == '\0')
    return _("No type");
  return lookup (org_types, G_N_ELEMENTS (org_types), org_type);
}

const char *
gt_label_org_level (const char *level)
{
  return lookup (org_levels, G_N_ELEMENTS (org_levels), level);
}

const char *
gt_label_member_category (const char *category)
{
  return lookup (categories, G_N_ELEMENTS (categories), category);
}

const char *
gt_label_project_kind (const char *kind)
{
  return lookup (project_kinds, G_N_ELEMENTS (project_kinds), kind);
}

const char *
gt_label_role (const char *role)
{
  return lookup (roles, G_N_ELEMENTS (roles), role);
}

/* The office above the townships is a county's organisation department (县委组织部), or a
 * prefecture's (市委组织部) when its code is a prefecture's: six digits ending in 00, as
 * 330800 衢州市 (GB/T 2260; 330822 is 常山县 in it). */
gboolean
gt_office_is_prefecture (const char *role, const char *office_code)
{
  return g_strcmp0 (role, "county") == 0 && office_code != NULL &&
         strlen (office_code) == 6 && strspn (office_code, "0123456789") == 6 &&
         g_str_has_suffix (office_code, "00") && !g_str_has_suffix (office_code, "0000");
}

const char *
gt_label_office_role (const char *role, const char *office_code)
{
  if (gt_office_is_prefecture (role, office_code))
    return _("Prefecture organisation department");
  return gt_label_role (role != NULL ? role : "township");
}

char *
gt_phone_mask (const char *phone)
{
  size_t len = phone != NULL ? strlen (phone) : 0;

  if (len == 0)
    return g_strdup ("");
  if (len < 8)
    return g_strnfill (len, '*');
  return g_strdup_printf ("%.3s****%s", phone, phone + len - 4);
}
