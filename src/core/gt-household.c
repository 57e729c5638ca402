/* gt-household.c — households (一户一档), member–household links (党员联户) and visits
 *
 * Every change runs in one transaction and is announced as changed::households.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-household.h"

#define TEXT GT_COLUMN_TEXT

/* The 进门五看 and 提笔四问 columns, in the order of the SQL below. */
static const struct
{
  gsize spec_offset;
  gsize record_offset;
} file_fields[] = {
  { G_STRUCT_OFFSET (GtHouseholdFile, look_kitchen), G_STRUCT_OFFSET (GtHousehold, look_kitchen) },
  { G_STRUCT_OFFSET (GtHouseholdFile, look_bedroom), G_STRUCT_OFFSET (GtHousehold, look_bedroom) },
  { G_STRUCT_OFFSET (GtHouseholdFile, look_toilet), G_STRUCT_OFFSET (GtHousehold, look_toilet) },
  { G_STRUCT_OFFSET (GtHouseholdFile, look_yard), G_STRUCT_OFFSET (GtHousehold, look_yard) },
  { G_STRUCT_OFFSET (GtHouseholdFile, look_fields), G_STRUCT_OFFSET (GtHousehold, look_fields) },
  { G_STRUCT_OFFSET (GtHouseholdFile, ask_family), G_STRUCT_OFFSET (GtHousehold, ask_family) },
  { G_STRUCT_OFFSET (GtHouseholdFile, ask_economy), G_STRUCT_OFFSET (GtHousehold, ask_economy) },
  { G_STRUCT_OFFSET (GtHouseholdFile, ask_opinions), G_STRUCT_OFFSET (GtHousehold, ask_opinions) },
  { G_STRUCT_OFFSET (GtHouseholdFile, ask_needs), G_STRUCT_OFFSET (GtHousehold, ask_needs) },
};

#define FILE_FIELD(file, i) G_STRUCT_MEMBER (const char *, (file), file_fields[i].spec_offset)
#define RECORD_FIELD(h, i) G_STRUCT_MEMBER (char *, (h), file_fields[i].record_offset)

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        return FALSE;
    }
  return TRUE;
}

static void
gt_household_link_free (gpointer data)
{
  GtHouseholdLink *link = data;

  g_free (link->member_name);
  g_free (link->org_name);
  g_free (link->phone);
  g_free (link->link_type);
  g_free (link->post);
  g_free (link->last_visit);
  g_free (link);
}

static void
gt_visit_free (gpointer data)
{
  GtVisit *visit = data;

  g_free (visit->member_name);
  g_free (visit->head_name);
  g_free (visit->date);
  g_free (visit->notes);
  g_free (visit);
}

void
gt_household_free (GtHousehold *h)
{
  if (h == NULL)
    return;
  g_free (h->uuid);
  g_free (h->head_name);
  g_free (h->village);
  g_free (h->grid);
  g_free (h->address);
  for (guint i = 0; i < G_N_ELEMENTS (file_fields); i++)
    g_free (RECORD_FIELD (h, i));
  g_free (h->notes);
  g_clear_pointer (&h->links, g_ptr_array_unref);
  g_clear_pointer (&h->visits, g_ptr_array_unref);
  g_free (h);
}

/* The village's id; refuses an unknown name. */
static gboolean
find_village (GtStorage *storage, const char *name, gint64 *id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT id FROM villages WHERE name = ?",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error, _("no village is named “%s”; the villages are kept in the "
                                   "register of villages"), name);
}

/* Checks what add and update have in common; resolves the village when one is named. */
static gboolean
check_spec (GtStorage *storage, const GtHouseholdSpec *spec, gboolean adding, gint64 *village_id,
            GError **error)
{
  if ((adding || spec->head_name != NULL) && is_blank (spec->head_name))
    return gt_storage_refuse (storage, error, _("a household needs the name of its head (户主)"));
  if (spec->size < 0)
    return gt_storage_refuse (storage, error, _("a household has at least one person, not %d"), spec->size);
  if (!gt_storage_check_length (storage, _("the name of the head"), spec->head_name,
                                GT_NAME_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the grid"), spec->grid, GT_TEXT_MAX_CHARS, error) ||
      !gt_storage_check_length (storage, _("the address"), spec->address, GT_TEXT_MAX_CHARS,
                                error) ||
      !gt_storage_check_length (storage, _("the notes"), spec->notes, GT_TEXT_MAX_CHARS, error))
    return FALSE;
  *village_id = 0;
  if (spec->village != NULL && *spec->village != '\0')
    return find_village (storage, spec->village, village_id, error);
  return TRUE;
}

/* Runs the prepared @stmt in one transaction and announces the change. */
static gboolean
write_one (GtStorage *storage, sqlite3_stmt *stmt, gint64 *id, GError **error)
{
  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!gt_storage_step_done (storage, stmt, error) || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  gt_storage_emit_changed (storage, "households");
  return TRUE;
}

gboolean
gt_household_add (GtStorage *storage, const GtHouseholdSpec *spec, gint64 *id, GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  gint64 village_id = 0;
  sqlite3_stmt *stmt;

  if (!check_spec (storage, spec, TRUE, &village_id, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO households (uuid, head_name, village_id, grid, address, size, notes, mtime,"
    " look_kitchen, look_bedroom, look_toilet, look_yard, look_fields, ask_family, ask_economy,"
    " ask_opinions, ask_needs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, spec->head_name, -1, SQLITE_TRANSIENT);
  if (village_id > 0)
    sqlite3_bind_int64 (stmt, 3, village_id);
  sqlite3_bind_text (stmt, 4, spec->grid != NULL ? spec->grid : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, spec->address != NULL ? spec->address : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, spec->size > 0 ? spec->size : 1);
  sqlite3_bind_text (stmt, 7, spec->notes != NULL ? spec->notes : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, mtime, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (file_fields); i++)
    {
      const char *value = FILE_FIELD (&spec->file, i);
      sqlite3_bind_text (stmt, 9 + i, value != NULL ? value : "", -1, SQLITE_TRANSIENT);
    }
  return write_one (storage, stmt, id, error);
}

/* Whether the household exists. */
static gboolean
household_exists (GtStorage *storage, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT 1 FROM households WHERE id = ?",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error, _("household %d does not exist"), (int) id);
}

gboolean
gt_household_update (GtStorage *storage, gint64 id, const GtHouseholdSpec *spec, GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 ();
  gint64 village_id = 0;
  sqlite3_stmt *stmt;

  if (!check_spec (storage, spec, FALSE, &village_id, error) ||
      !household_exists (storage, id, error))
    return FALSE;
  /* A NULL binding keeps the column as it is. */
  stmt = gt_storage_prepare (
    storage,
    "UPDATE households SET head_name = coalesce (?2, head_name),"
    " village_id = coalesce (?3, village_id), grid = coalesce (?4, grid),"
    " address = coalesce (?5, address), size = coalesce (?6, size),"
    " notes = coalesce (?7, notes), look_kitchen = coalesce (?9, look_kitchen),"
    " look_bedroom = coalesce (?10, look_bedroom), look_toilet = coalesce (?11, look_toilet),"
    " look_yard = coalesce (?12, look_yard), look_fields = coalesce (?13, look_fields),"
    " ask_family = coalesce (?14, ask_family), ask_economy = coalesce (?15, ask_economy),"
    " ask_opinions = coalesce (?16, ask_opinions), ask_needs = coalesce (?17, ask_needs),"
    " rev = rev + 1, mtime = ?8 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, spec->head_name, -1, SQLITE_TRANSIENT);
  if (village_id > 0)
    sqlite3_bind_int64 (stmt, 3, village_id);
  sqlite3_bind_text (stmt, 4, spec->grid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, spec->address, -1, SQLITE_TRANSIENT);
  if (spec->size > 0)
    sqlite3_bind_int (stmt, 6, spec->size);
  sqlite3_bind_text (stmt, 7, spec->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, mtime, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (file_fields); i++)
    sqlite3_bind_text (stmt, 9 + i, FILE_FIELD (&spec->file, i), -1, SQLITE_TRANSIENT);
  return write_one (storage, stmt, NULL, error);
}

#define HOUSEHOLD_COLUMNS \
  "SELECT h.id, h.uuid, h.head_name, v.name, h.grid, h.address, h.size, h.notes," \
  "  (SELECT count(*) FROM member_household_links l WHERE l.household_id = h.id)," \
  "  h.look_kitchen, h.look_bedroom, h.look_toilet, h.look_yard, h.look_fields," \
  "  h.ask_family, h.ask_economy, h.ask_opinions, h.ask_needs" \
  " FROM households h LEFT JOIN villages v ON v.id = h.village_id"

static GtHousehold *
read_household (sqlite3_stmt *stmt)
{
  GtHousehold *h = g_new0 (GtHousehold, 1);

  h->id = sqlite3_column_int64 (stmt, 0);
  h->uuid = TEXT (stmt, 1);
  h->head_name = TEXT (stmt, 2);
  h->village = TEXT (stmt, 3);
  h->grid = TEXT (stmt, 4);
  h->address = TEXT (stmt, 5);
  h->size = sqlite3_column_int64 (stmt, 6);
  h->notes = TEXT (stmt, 7);
  h->n_links = sqlite3_column_int64 (stmt, 8);
  for (guint i = 0; i < G_N_ELEMENTS (file_fields); i++)
    RECORD_FIELD (h, i) = TEXT (stmt, 9 + i);
  return h;
}

GPtrArray *
gt_household_list (GtStorage *storage, const char *village, GError **error)
{
  g_autoptr (GPtrArray) households = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gt_household_free);
  gint64 village_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (village != NULL && *village != '\0' && !find_village (storage, village, &village_id, error))
    return NULL;
  stmt = gt_storage_prepare (storage,
                             HOUSEHOLD_COLUMNS " WHERE ?1 = 0 OR h.village_id = ?1"
                             " ORDER BY v.id IS NULL, v.id, h.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, village_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (households, read_household (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  return g_steal_pointer (&households);
}

static gboolean
load_links (GtStorage *storage, GtHousehold *h, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT m.id, m.name, o.name, m.phone, l.link_type, l.post,"
    "  (SELECT max (date) FROM visits v WHERE v.member_id = m.id AND v.household_id = ?1)"
    " FROM member_household_links l JOIN members m ON m.id = l.member_id"
    " JOIN organizations o ON o.id = m.org_id WHERE l.household_id = ?1 ORDER BY l.post, m.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  h->links = g_ptr_array_new_with_free_func (gt_household_link_free);
  sqlite3_bind_int64 (stmt, 1, h->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtHouseholdLink *link = g_new0 (GtHouseholdLink, 1);

      link->member_id = sqlite3_column_int64 (stmt, 0);
      link->member_name = TEXT (stmt, 1);
      link->org_name = TEXT (stmt, 2);
      link->phone = TEXT (stmt, 3);
      link->link_type = TEXT (stmt, 4);
      link->post = TEXT (stmt, 5);
      link->last_visit = TEXT (stmt, 6);
      g_ptr_array_add (h->links, link);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_visits (GtStorage *storage, GtHousehold *h, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT v.id, v.member_id, m.name, v.date, v.notes FROM visits v"
    " JOIN members m ON m.id = v.member_id WHERE v.household_id = ?"
    " ORDER BY v.date DESC, v.id DESC", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  h->visits = g_ptr_array_new_with_free_func (gt_visit_free);
  sqlite3_bind_int64 (stmt, 1, h->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtVisit *visit = g_new0 (GtVisit, 1);

      visit->id = sqlite3_column_int64 (stmt, 0);
      visit->member_id = sqlite3_column_int64 (stmt, 1);
      visit->member_name = TEXT (stmt, 2);
      visit->household_id = h->id;
      visit->head_name = g_strdup (h->head_name);
      visit->date = TEXT (stmt, 3);
      visit->notes = TEXT (stmt, 4);
      g_ptr_array_add (h->visits, visit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

GtHousehold *
gt_household_lookup (GtStorage *storage, gint64 id, GError **error)
{
  g_autoptr (GtHousehold) h = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (storage, HOUSEHOLD_COLUMNS " WHERE h.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    h = read_household (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    gt_storage_refuse (storage, error, _("household %d does not exist"), (int) id);
  else if (rc != SQLITE_ROW)
    gt_storage_set_error (storage, error, _("reading"));
  if (h == NULL || !load_links (storage, h, error) || !load_visits (storage, h, error))
    return NULL;
  return g_steal_pointer (&h);
}

static const struct
{
  const char *code;
  const char *names; /* Chinese names, separated by | */
  const char *label;
} link_types[] = {
  { "area", "区域|区域联户|就近", N_("By area (区域)") },
  { "kinship", "情感|亲情|亲友", N_("By kinship (情感)") },
  { "service", "服务|专长", N_("By service (服务)") },
};

const char *
gt_link_type_code (const char *text)
{
  if (text == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (link_types); i++)
    {
      g_auto (GStrv) names = g_strsplit (link_types[i].names, "|", -1);

      if (g_ascii_strcasecmp (link_types[i].code, text) == 0 ||
          g_strv_contains ((const char *const *) names, text))
        return link_types[i].code;
    }
  return NULL;
}

const char *
gt_label_link_type (const char *link_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (link_types); i++)
    if (g_strcmp0 (link_types[i].code, link_type) == 0)
      return _(link_types[i].label);
  return link_type != NULL ? link_type : "";
}

/* The member's name, status and joining date; refuses an unknown member. */
static gboolean
load_member (GtStorage *storage, gint64 id, char **name, char **status, char **join_date,
             GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT name, status, join_date FROM members WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *name = TEXT (stmt, 0);
      *status = TEXT (stmt, 1);
      *join_date = TEXT (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return gt_storage_refuse (storage, error, _("member %d does not exist"), (int) id);
}

/* Whether the member is linked to the household. */
static gboolean
is_linked (GtStorage *storage, gint64 member_id, gint64 household_id, gboolean *linked,
           GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT count(*) FROM member_household_links WHERE member_id = ? AND"
             " household_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, household_id);
  rc = sqlite3_step (stmt);
  *linked = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

/* Loads the member and checks that they are active and that the household exists. */
static gboolean
check_pair (GtStorage *storage, gint64 member_id, gint64 household_id, char **name,
            char **join_date, gboolean *linked, GError **error)
{
  g_autofree char *status = NULL;

  if (!load_member (storage, member_id, name, &status, join_date, error))
    return FALSE;
  if (g_strcmp0 (status, "active") != 0)
    return gt_storage_refuse (storage, error, _("%s (member %d) is not an active member"), *name,
                   (int) member_id);
  return household_exists (storage, household_id, error) &&
         is_linked (storage, member_id, household_id, linked, error);
}

gboolean
gt_household_link (GtStorage *storage, gint64 member_id, gint64 household_id,
                   const char *link_type, const char *post, GError **error)
{
  g_autofree char *name = NULL, *join_date = NULL;
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  const char *type = link_type != NULL ? gt_link_type_code (link_type) : "area";
  gboolean linked = FALSE;
  sqlite3_stmt *stmt;

  if (type == NULL)
    return gt_storage_refuse (storage, error, _("unknown link type “%s” (区域 area, 情感 kinship, 服务 "
                                     "service)"), link_type);
  if (post == NULL)
    post = "A";
  if (g_ascii_strcasecmp (post, "A") != 0 && g_ascii_strcasecmp (post, "B") != 0)
    return gt_storage_refuse (storage, error, _("unknown post “%s” (A or B)"), post);
  if (!check_pair (storage, member_id, household_id, &name, &join_date, &linked, error))
    return FALSE;
  if (linked)
    return gt_storage_refuse (storage, error, _("%s (member %d) is already linked to household %d"), name,
                   (int) member_id, (int) household_id);

  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO member_household_links (uuid, member_id, household_id, link_type, post, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_int64 (stmt, 3, household_id);
  sqlite3_bind_text (stmt, 4, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, g_ascii_toupper (post[0]) == 'A' ? "A" : "B", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, mtime, -1, SQLITE_TRANSIENT);
  return write_one (storage, stmt, NULL, error);
}

gboolean
gt_household_unlink (GtStorage *storage, gint64 member_id, gint64 household_id, GError **error)
{
  g_autofree char *name = NULL, *status = NULL, *join_date = NULL;
  gboolean linked = FALSE;
  sqlite3_stmt *stmt;

  /* Inactive members may still be unlinked: that is how their households are handed on. */
  if (!load_member (storage, member_id, &name, &status, &join_date, error) ||
      !household_exists (storage, household_id, error) ||
      !is_linked (storage, member_id, household_id, &linked, error))
    return FALSE;
  if (!linked)
    return gt_storage_refuse (storage, error, _("%s (member %d) is not linked to household %d"), name,
                   (int) member_id, (int) household_id);
  stmt = gt_storage_prepare (storage, "DELETE FROM member_household_links WHERE member_id = ?"
                                      " AND household_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, household_id);
  return write_one (storage, stmt, NULL, error);
}

gboolean
gt_household_visit (GtStorage *storage, gint64 member_id, gint64 household_id, const char *date,
                    const char *notes, gint64 *id, GError **error)
{
  g_autofree char *name = NULL, *join_date = NULL, *now = gt_today ();
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  gboolean linked = FALSE;
  sqlite3_stmt *stmt;

  if (date == NULL)
    date = now;
  if (!gt_storage_check_date (storage, _("the visit date"), date, FALSE, error))
    return FALSE;
  if (!check_pair (storage, member_id, household_id, &name, &join_date, &linked, error))
    return FALSE;
  if (!linked)
    return gt_storage_refuse (storage, error, _("%s (member %d) is not linked to household %d; link them "
                                     "first"), name, (int) member_id, (int) household_id);
  if (join_date != NULL && strcmp (date, join_date) < 0)
    return gt_storage_refuse (storage, error, _("the visit date %s is before %s joined the Party (%s)"),
                   date, name, join_date);

  stmt = gt_storage_prepare (
    storage,
    "INSERT INTO visits (uuid, member_id, household_id, date, notes, mtime)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_int64 (stmt, 3, household_id);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, notes != NULL ? notes : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, mtime, -1, SQLITE_TRANSIENT);
  return write_one (storage, stmt, id, error);
}
