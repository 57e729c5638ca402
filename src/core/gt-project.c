/* gt-project.c — the 挂图作战 project library: settings, numbering (挂号), kinds and the
 * project records themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gt-project-private.h"

/* ---- helpers ---- */

gboolean
gt_project_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        return FALSE;
    }
  return TRUE;
}

gboolean
gt_project_step_changed (GtStorage *storage, sqlite3_stmt *stmt, gboolean *changed,
                         GError **error)
{
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (gt_storage_get_db (storage)) > 0;
  return TRUE;
}

gboolean
gt_project_finish (GtStorage *storage, gboolean ok, GError **error)
{
  if (ok && gt_storage_commit (storage, error))
    {
      gt_storage_emit_changed (storage, "projects");
      return TRUE;
    }
  gt_storage_rollback (storage);
  return FALSE;
}

gboolean
gt_project_check_date (GtStorage *storage, const char *field, const char *date, GError **error)
{
  if (date == NULL || *date == '\0' || gt_date_is_valid (date))
    return TRUE;
  return gt_storage_refuse (storage, error, _("field “%s”: “%s” is not a date (YYYY-MM-DD)"),
                            field, date);
}

gboolean
gt_project_update_closed (GtStorage *storage, gint64 project_id, gboolean *closed,
                          GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "UPDATE projects SET"
    "  closed_date = CASE WHEN EXISTS (SELECT 1 FROM milestones WHERE project_id = ?1)"
    "    AND NOT EXISTS (SELECT 1 FROM milestones WHERE project_id = ?1 AND done_date IS NULL)"
    "    THEN (SELECT max (done_date) FROM milestones WHERE project_id = ?1) END,"
    "  rev = rev + 1, mtime = ?2"
    " WHERE id = ?1 AND closed_date IS NOT CASE WHEN EXISTS"
    "  (SELECT 1 FROM milestones WHERE project_id = ?1) AND NOT EXISTS"
    "  (SELECT 1 FROM milestones WHERE project_id = ?1 AND done_date IS NULL)"
    "  THEN (SELECT max (done_date) FROM milestones WHERE project_id = ?1) END",
    error);
  gint64 open = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  sqlite3_bind_text (stmt, 2, mtime, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (closed != NULL)
    {
      stmt = gt_storage_prepare (storage, "SELECT closed_date IS NULL FROM projects WHERE id = ?",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, project_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        open = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      *closed = !open;
    }
  return TRUE;
}

/* ---- settings ---- */

char *
gt_project_number_scheme (GtStorage *storage)
{
  char *scheme = gt_storage_get_meta (storage, GT_PROJECT_NUMBER_SCHEME_KEY);

  if (scheme == NULL || strchr (scheme, 'N') == NULL)
    {
      g_free (scheme);
      return g_strdup (GT_PROJECT_NUMBER_SCHEME_DEFAULT);
    }
  return scheme;
}

gboolean
gt_project_set_number_scheme (GtStorage *storage, const char *scheme, GError **error)
{
  if (scheme == NULL || strstr (scheme, "N") == NULL || strlen (scheme) > 40)
    return gt_storage_refuse (storage, error,
                              _("field “number scheme”: “%s” has no running number (a run of N, "
                                "e.g. YYYY-MM-NNN)"), scheme != NULL ? scheme : "");
  for (const char *p = scheme; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      return gt_storage_refuse (storage, error,
                                _("field “number scheme”: use ASCII letters, digits and "
                                  "punctuation only, not “%s”"), scheme);
  return gt_storage_set_meta (storage, GT_PROJECT_NUMBER_SCHEME_KEY, scheme, error);
}

int
gt_project_accountability_checks (GtStorage *storage)
{
  g_autofree char *value = gt_storage_get_meta (storage, GT_PROJECT_ACCOUNTABILITY_KEY);
  gint64 n = 0;

  if (value != NULL && g_ascii_string_to_signed (value, 10, 1, 12, &n, NULL))
    return (int) n;
  return GT_PROJECT_ACCOUNTABILITY_DEFAULT;
}

gboolean
gt_project_set_accountability_checks (GtStorage *storage, int checks, GError **error)
{
  g_autofree char *value = NULL;

  if (checks < 1 || checks > 12)
    return gt_storage_refuse (storage, error,
                              _("field “accountability checks”: %d is not between 1 and 12"),
                              checks);
  value = g_strdup_printf ("%d", checks);
  return gt_storage_set_meta (storage, GT_PROJECT_ACCOUNTABILITY_KEY, value, error);
}

/* ---- numbering ---- */

/* Length of the run of @c at @p. */
static int
run_length (const char *p, char c)
{
  int n = 0;

  while (p[n] == c)
    n++;
  return n;
}

char *
gt_project_number_format (const char *scheme, const char *date, gint64 seq)
{
  GString *out = g_string_new (NULL);
  int year = 0, month = 0;

  if (date != NULL && strlen (date) >= 7)
    {
      year = atoi (date);
      month = atoi (date + 5);
    }
  for (const char *p = scheme; *p != '\0';)
    {
      if (g_str_has_prefix (p, "YYYY"))
        {
          g_string_append_printf (out, "%04d", year);
          p += 4;
        }
      else if (g_str_has_prefix (p, "YY"))
        {
          g_string_append_printf (out, "%02d", year % 100);
          p += 2;
        }
      else if (g_str_has_prefix (p, "MM"))
        {
          g_string_append_printf (out, "%02d", month);
          p += 2;
        }
      else if (*p == 'N')
        {
          int width = run_length (p, 'N');
          g_string_append_printf (out, "%0*" G_GINT64_FORMAT, width, seq);
          p += width;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Reads @n digits (n > 0) or, for n == 0, all digits at *@p. */
static gboolean
read_digits (const char **p, int n, gint64 *value)
{
  int i = 0;

  *value = 0;
  while (g_ascii_isdigit ((*p)[i]) && (n == 0 || i < n) && i < 15)
    {
      *value = *value * 10 + ((*p)[i] - '0');
      i++;
    }
  if (i == 0 || (n > 0 && i < n))
    return FALSE;
  *p += i;
  return TRUE;
}

gboolean
gt_project_number_parse (const char *scheme, const char *number, int *year, gint64 *seq)
{
  const char *n = number;
  gint64 value;

  *year = 0;
  *seq = -1;
  if (number == NULL)
    return FALSE;
  for (const char *p = scheme; *p != '\0';)
    {
      if (g_str_has_prefix (p, "YYYY"))
        {
          if (!read_digits (&n, 4, &value))
            return FALSE;
          *year = (int) value;
          p += 4;
        }
      else if (g_str_has_prefix (p, "YY") || g_str_has_prefix (p, "MM"))
        {
          if (!read_digits (&n, 2, &value))
            return FALSE;
          if (*p == 'Y' && *year == 0)
            *year = 2000 + (int) value;
          p += 2;
        }
      else if (*p == 'N')
        {
          int width = run_length (p, 'N');
          /* A running number wider than its run only at the end of the scheme. */
          if (!read_digits (&n, p[width] == '\0' ? 0 : width, &value) || value < 1)
            return FALSE;
          *seq = value;
          p += width;
        }
      else if (*n++ != *p++)
        return FALSE;
    }
  return *n == '\0' && *seq > 0;
}

/* The next number of the time node @date under the stored scheme. */
static char *
next_number (GtStorage *storage, const char *date, GError **error)
{
  g_autofree char *scheme = gt_project_number_scheme (storage);
  gboolean has_year = strstr (scheme, "YY") != NULL;
  int want_year = date != NULL ? atoi (date) : 0;
  gint64 max = 0;
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT number FROM projects", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year;
      gint64 seq;

      if (gt_project_number_parse (scheme, (const char *) sqlite3_column_text (stmt, 0), &year,
                                   &seq) &&
          (!has_year || year == want_year))
        max = MAX (max, seq);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return NULL;
    }
  /* Another scheme may have made a number of the same text: count on until it is free. */
  for (;;)
    {
      g_autofree char *number = gt_project_number_format (scheme, date, ++max);
      gint64 taken = 0;

      stmt = gt_storage_prepare (storage, "SELECT count(*) FROM projects WHERE number = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        taken = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (taken == 0)
        return g_steal_pointer (&number);
    }
}

/* ---- money ---- */

/* "12", "12.5", "12.05" 元 as fen, without floating point. */
gboolean
gt_project_parse_yuan (const char *text, gint64 *fen)
{
  g_auto (GStrv) parts = NULL;
  guint64 yuan = 0, cents = 0;
  gsize n;

  if (text == NULL || *text == '\0' || strspn (text, "0123456789.") != strlen (text))
    return FALSE;
  parts = g_strsplit (text, ".", -1);
  n = g_strv_length (parts);
  if (n > 2 || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64 / 1000, &yuan, NULL))
    return FALSE;
  if (n == 2)
    {
      gsize len = strlen (parts[1]);
      if (len == 0 || len > 2 || !g_ascii_string_to_unsigned (parts[1], 10, 0, 99, &cents, NULL))
        return FALSE;
      if (len == 1)
        cents *= 10;
    }
  *fen = (gint64) (yuan * 100 + cents);
  return TRUE;
}

char *
gt_project_format_yuan (gint64 fen)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}

/* ---- kinds ---- */

void
gt_project_kind_free (GtProjectKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->code);
  g_free (kind->label);
  g_free (kind);
}

static gpointer
read_kind (sqlite3_stmt *stmt)
{
  GtProjectKind *kind = g_new0 (GtProjectKind, 1);
  const char *label = (const char *) sqlite3_column_text (stmt, 1);

  kind->code = TEXT (stmt, 0);
  kind->label = g_strdup (label != NULL && *label != '\0' ? label
                                                          : gt_label_project_kind (kind->code));
  kind->sort_order = sqlite3_column_int (stmt, 2);
  return kind;
}

GPtrArray *
gt_project_kind_list (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage, "SELECT code, label, sort_order FROM project_kinds ORDER BY sort_order, code", error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_kind, (GDestroyNotify) gt_project_kind_free,
                             error);
}

char *
gt_project_kind_label (GtStorage *storage, const char *code)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT label FROM project_kinds WHERE code = ?", NULL);
  char *label = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) > 0)
        label = TEXT (stmt, 0);
      sqlite3_reset (stmt);
    }
  return label != NULL ? label : g_strdup (gt_label_project_kind (code));
}

static gboolean
kind_exists (GtStorage *storage, const char *code, gboolean *exists, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "SELECT 1 FROM project_kinds WHERE code = ?",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
gt_project_kind_add (GtStorage *storage, const char *code, const char *label, GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;

  if (code == NULL || *code == '\0' || strspn (code, "abcdefghijklmnopqrstuvwxyz0123456789_")
                                         != strlen (code))
    return gt_storage_refuse (storage, error,
                              _("field “code”: “%s” is not a code (lower-case ASCII letters, "
                                "digits and _)"), code != NULL ? code : "");
  if (gt_project_is_blank (label))
    return gt_storage_refuse (storage, error, _("field “label”: a kind needs a label"));
  if (!kind_exists (storage, code, &exists, error))
    return FALSE;
  if (exists)
    return gt_storage_refuse (storage, error, _("field “code”: the kind “%s” exists already"),
                              code);
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO project_kinds (code, label, sort_order, uuid, mtime)"
                             " VALUES (?, ?, (SELECT coalesce (max (sort_order), 0) + 1"
                             " FROM project_kinds), ?, ?)", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mtime, -1, SQLITE_TRANSIENT);
  return gt_project_finish (storage, gt_storage_step_done (storage, stmt, error), error);
}

gboolean
gt_project_kind_remove (GtStorage *storage, const char *code, GError **error)
{
  gint64 used = 0;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;

  if (!kind_exists (storage, code, &exists, error))
    return FALSE;
  if (!exists)
    return gt_storage_refuse (storage, error, _("field “kind”: there is no kind “%s”"), code);
  stmt = gt_storage_prepare (storage, "SELECT count(*) FROM projects WHERE kind = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    used = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (used > 0)
    return gt_storage_refuse (storage, error,
                              ngettext ("field “kind”: %lld project is of the kind "
                                        "“%s”", "field “kind”: %lld projects are "
                                        "of the kind “%s”", used), (long long) used, code);
  stmt = gt_storage_prepare (storage, "DELETE FROM project_kinds WHERE code = ?", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return gt_project_finish (storage, gt_storage_step_done (storage, stmt, error), error);
}

/* ---- projects ---- */

static gboolean
lookup_id (GtStorage *storage, const char *sql, const char *key, gint64 *id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading"));
      return FALSE;
    }
  return TRUE;
}

/* Checks the fields of @spec that are set; resolves the village (-1 when not set). */
static gboolean
check_spec (GtStorage *storage, const GtProjectSpec *spec, gboolean adding, gint64 *village_id,
            GError **error)
{
  gboolean exists = FALSE;
  gint64 org = 0;

  *village_id = -1;
  if ((adding || spec->name != NULL) && gt_project_is_blank (spec->name))
    return gt_storage_refuse (storage, error, _("field “name”: a project needs a name"));
  if ((adding || spec->leader != NULL) && gt_project_is_blank (spec->leader))
    return gt_storage_refuse (storage, error,
                              _("field “leader”: a project needs one leading official (挂帅)"));
  if ((adding || spec->cadre != NULL) && gt_project_is_blank (spec->cadre))
    return gt_storage_refuse (storage, error,
                              _("field “cadre”: a project needs one responsible cadre (责任人)"));
  if (!gt_storage_check_length (storage, _("field “name”"), spec->name, GT_NAME_MAX_CHARS,
                                error) ||
      !gt_storage_check_length (storage, _("field “leader”"), spec->leader, GT_TEXT_MAX_CHARS,
                                error) ||
      !gt_storage_check_length (storage, _("field “cadre”"), spec->cadre, GT_TEXT_MAX_CHARS,
                                error) ||
      !gt_storage_check_length (storage, _("field “description”"), spec->description,
                                GT_TEXT_MAX_CHARS, error))
    return FALSE;
  if (adding && spec->kind == NULL)
    return gt_storage_refuse (storage, error, _("field “kind”: a project needs a kind"));
  if (spec->kind != NULL)
    {
      if (!kind_exists (storage, spec->kind, &exists, error))
        return FALSE;
      if (!exists)
        return gt_storage_refuse (storage, error,
                                  _("field “kind”: there is no kind “%s” (see project kinds)"),
                                  spec->kind);
    }
  if (spec->level != NULL && g_strcmp0 (spec->level, "county") != 0 &&
      g_strcmp0 (spec->level, "township") != 0 && g_strcmp0 (spec->level, "village") != 0)
    return gt_storage_refuse (storage, error,
                              _("field “level”: “%s” is not county, township or village"),
                              spec->level);
  if (adding && spec->org_id <= 0)
    return gt_storage_refuse (storage, error,
                              _("field “org”: a project needs its owning organisation"));
  if (spec->org_id > 0)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, spec->org_id);

      if (!lookup_id (storage, "SELECT id FROM organizations WHERE id = ? AND archived = 0", key,
                      &org, error))
        return FALSE;
      if (org == 0)
        return gt_storage_refuse (storage, error,
                                  _("field “org”: there is no organisation %lld"),
                                  (long long) spec->org_id);
    }
  if (spec->village != NULL)
    {
      if (*spec->village == '\0')
        *village_id = 0;
      else
        {
          if (!lookup_id (storage, "SELECT id FROM villages WHERE name = ?", spec->village,
                          village_id, error))
            return FALSE;
          if (*village_id == 0)
            return gt_storage_refuse (storage, error,
                                      _("field “village”: no village is named “%s”"),
                                      spec->village);
        }
    }
  if (!gt_project_check_date (storage, "start", spec->start_date, error) ||
      !gt_project_check_date (storage, "due", spec->due_date, error))
    return FALSE;
  if (spec->budget_fen < -1)
    return gt_storage_refuse (storage, error,
                              _("field “budget”: a budget cannot be negative"));
  return TRUE;
}

/* Refuses a due date before the start date, as they are stored after an update. */
static gboolean
check_dates (GtStorage *storage, gint64 id, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  gint64 bad = 0;

  if (!lookup_id (storage, "SELECT id FROM projects WHERE id = ? AND start_date > due_date",
                  key, &bad, error))
    return FALSE;
  if (bad != 0)
    return gt_storage_refuse (storage, error,
                              _("field “due”: the due date lies before the start date"));
  return TRUE;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
gt_project_add (GtStorage *storage, const GtProjectSpec *spec, gint64 *id, char **number_out,
                GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 (), *today = gt_today ();
  g_autofree char *number = NULL;
  gint64 village_id = -1, new_id;
  const char *start = nonempty (spec->start_date);
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!check_spec (storage, spec, TRUE, &village_id, error))
    return FALSE;
  if (start != NULL && nonempty (spec->due_date) != NULL && strcmp (start, spec->due_date) > 0)
    return gt_storage_refuse (storage, error,
                              _("field “due”: the due date %s lies before the start date %s"),
                              spec->due_date, start);
  if (!gt_storage_begin (storage, error))
    return FALSE;
  number = next_number (storage, start != NULL ? start : today, error);
  stmt = number == NULL ? NULL : gt_storage_prepare (
    storage,
    "INSERT INTO projects (uuid, number, name, kind, level, org_id, village_id, leader, cadre,"
    " start_date, due_date, budget_fen, description, mtime, created_on)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return gt_project_finish (storage, FALSE, error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, g_strstrip (g_strdup (spec->name)), -1, g_free);
  sqlite3_bind_text (stmt, 4, spec->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, spec->level != NULL ? spec->level : "township", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, spec->org_id);
  if (village_id > 0)
    sqlite3_bind_int64 (stmt, 7, village_id);
  sqlite3_bind_text (stmt, 8, g_strstrip (g_strdup (spec->leader)), -1, g_free);
  sqlite3_bind_text (stmt, 9, g_strstrip (g_strdup (spec->cadre)), -1, g_free);
  if (start != NULL)
    sqlite3_bind_text (stmt, 10, start, -1, SQLITE_TRANSIENT);
  if (nonempty (spec->due_date) != NULL)
    sqlite3_bind_text (stmt, 11, spec->due_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 12, MAX (0, spec->budget_fen));
  sqlite3_bind_text (stmt, 13, spec->description != NULL ? spec->description : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, mtime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, today, -1, SQLITE_TRANSIENT);
  ok = gt_storage_step_done (storage, stmt, error);
  new_id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  if (!gt_project_finish (storage, ok, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  if (number_out != NULL)
    *number_out = g_steal_pointer (&number);
  return TRUE;
}

static gboolean
refuse_unknown (GtStorage *storage, gint64 id, GError **error)
{
  return gt_storage_refuse (storage, error, _("there is no project %lld"), (long long) id);
}

gboolean
gt_project_update (GtStorage *storage, gint64 id, const GtProjectSpec *spec, GError **error)
{
  g_autofree char *mtime = gt_now_iso8601 ();
  gint64 village_id = -1;
  gboolean changed = FALSE, ok;
  sqlite3_stmt *stmt;

  if (!check_spec (storage, spec, FALSE, &village_id, error))
    return FALSE;
  stmt = gt_storage_prepare (
    storage,
    "UPDATE projects SET name = coalesce (trim (?2), name), kind = coalesce (?3, kind),"
    " level = coalesce (?4, level), org_id = coalesce (?5, org_id),"
    " village_id = CASE WHEN ?6 IS NULL THEN village_id WHEN ?6 = 0 THEN NULL ELSE ?6 END,"
    " leader = coalesce (trim (?7), leader), cadre = coalesce (trim (?8), cadre),"
    " start_date = CASE WHEN ?9 IS NULL THEN start_date WHEN ?9 = '' THEN NULL ELSE ?9 END,"
    " due_date = CASE WHEN ?10 IS NULL THEN due_date WHEN ?10 = '' THEN NULL ELSE ?10 END,"
    " budget_fen = coalesce (?11, budget_fen), description = coalesce (?12, description),"
    " rev = rev + 1, mtime = ?13 WHERE id = ?1", error);
  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, spec->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, spec->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, spec->level, -1, SQLITE_TRANSIENT);
  if (spec->org_id > 0)
    sqlite3_bind_int64 (stmt, 5, spec->org_id);
  if (village_id >= 0)
    sqlite3_bind_int64 (stmt, 6, village_id);
  sqlite3_bind_text (stmt, 7, spec->leader, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, spec->cadre, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, spec->start_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, spec->due_date, -1, SQLITE_TRANSIENT);
  if (spec->budget_fen >= 0)
    sqlite3_bind_int64 (stmt, 11, spec->budget_fen);
  sqlite3_bind_text (stmt, 12, spec->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, mtime, -1, SQLITE_TRANSIENT);
  ok = gt_project_step_changed (storage, stmt, &changed, error);
  if (ok && !changed)
    ok = refuse_unknown (storage, id, error);
  ok = ok && check_dates (storage, id, error);
  return gt_project_finish (storage, ok, error);
}

gboolean
gt_project_remove (GtStorage *storage, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage, "DELETE FROM projects WHERE id = ?", error);
  gboolean changed = FALSE, ok;

  if (stmt == NULL || !gt_storage_begin (storage, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  ok = gt_project_step_changed (storage, stmt, &changed, error);
  if (ok && !changed)
    ok = refuse_unknown (storage, id, error);
  return gt_project_finish (storage, ok, error);
}

gboolean
gt_project_resolve (GtStorage *storage, const char *text, gint64 *id, GError **error)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0')
    return gt_storage_refuse (storage, error, _("field “project”: no project named"));
  if (!lookup_id (storage, "SELECT id FROM projects WHERE number = ?", text, id, error))
    return FALSE;
  if (*id == 0 && g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL) &&
      !lookup_id (storage, "SELECT id FROM projects WHERE id = CAST (? AS INTEGER)", text, id,
                  error))
    return FALSE;
  if (*id == 0)
    return gt_storage_refuse (storage, error,
                              _("field “project”: no project has the number or id “%s”"), text);
  return TRUE;
}
