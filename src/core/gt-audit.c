/* gt-audit.c — reading and exporting the audit log; naming the operator; bulk entries
 *
 * The capture itself is in gt-storage-audit.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-audit.h"
#include "gt-file.h"
#include "gt-storage-audit.h"

#define TEXT GT_COLUMN_TEXT

void
gt_audit_set_operator (GtStorage *storage, const char *operator_name, const char *program)
{
  GtAudit *audit = gt_storage_get_audit (storage);

  g_return_if_fail (GT_IS_STORAGE (storage));

  gt_storage_set_holder (storage, operator_name, program);
  if (audit != NULL)
    gt_audit_set_operator_name (audit, operator_name, program);
}

void
gt_audit_get_operator (GtStorage *storage, char **operator_name, char **program)
{
  GtAudit *audit = gt_storage_get_audit (storage);

  *operator_name = audit != NULL ? g_strdup (gt_audit_get_operator_name (audit)) : NULL;
  *program = audit != NULL ? g_strdup (gt_audit_get_program (audit)) : NULL;
}

void
gt_audit_name_operator (GtStorage *storage, const char *operator_name, const char *program)
{
  GtAudit *audit = gt_storage_get_audit (storage);

  if (audit != NULL)
    gt_audit_set_operator_name (audit, operator_name, program);
}

gboolean
gt_audit_open_session (GtStorage *storage, const char *operator_name, const char *program,
                       GError **error)
{
  GtAudit *audit = gt_storage_get_audit (storage);

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);

  gt_storage_set_holder (storage, operator_name, program);
  if (audit == NULL)
    return TRUE;
  gt_audit_set_operator_name (audit, operator_name, program);
  gt_audit_note_open (audit);
  return gt_storage_begin (storage, error) && gt_storage_commit (storage, error);
}

void
gt_audit_bulk_begin (GtStorage *storage)
{
  GtAudit *audit = gt_storage_get_audit (storage);

  if (audit != NULL)
    gt_audit_suspend (audit);
}

void
gt_audit_bulk_end (GtStorage *storage, const char *summary)
{
  GtAudit *audit = gt_storage_get_audit (storage);

  if (audit != NULL)
    gt_audit_resume (audit, summary);
}

void
gt_audit_entry_free (GtAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->time);
  g_free (entry->operator_name);
  g_free (entry->program);
  g_free (entry->action);
  g_free (entry->table_name);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry->summary);
  g_free (entry);
}

static gpointer
read_entry (sqlite3_stmt *stmt)
{
  GtAuditEntry *e = g_new0 (GtAuditEntry, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->time = TEXT (stmt, 1);
  e->operator_name = TEXT (stmt, 2);
  e->program = TEXT (stmt, 3);
  e->action = TEXT (stmt, 4);
  e->table_name = TEXT (stmt, 5);
  e->row_id = sqlite3_column_int64 (stmt, 6);
  e->before = TEXT (stmt, 7);
  e->after = TEXT (stmt, 8);
  e->summary = TEXT (stmt, 9);
  return e;
}

static sqlite3_stmt *
prepare_list (GtStorage *storage, const GtAuditFilter *filter, gint64 offset, guint limit,
              GError **error)
{
  static const char sql[] =
    "SELECT id, time, operator, program, action, table_name, row_id, before, after, summary"
    " FROM audit_log"
    " WHERE (:table IS NULL OR table_name = :table)"
    "   AND (:since IS NULL OR substr (time, 1, 10) >= :since)"
    "   AND (:until IS NULL OR substr (time, 1, 10) <= :until)"
    "   AND (:text IS NULL OR instr (operator || ' ' || coalesce (before, '') || ' ' ||"
    "        coalesce (after, '') || ' ' || summary, :text) > 0)"
    " ORDER BY id DESC LIMIT :limit OFFSET :offset";
  sqlite3_stmt *stmt = gt_storage_prepare (storage, sql, error);
  GtAuditFilter none = { 0 };

  if (stmt == NULL)
    return NULL;
  if (filter == NULL)
    filter = &none;
#define BIND(name, value)                                                                    \
  if ((value) != NULL && *(value) != '\0')                                                   \
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), (value), -1,         \
                       SQLITE_TRANSIENT)
  BIND (":table", filter->table);
  BIND (":since", filter->since);
  BIND (":until", filter->until);
  BIND (":text", filter->text);
#undef BIND
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                      limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);
  return stmt;
}

GPtrArray *
gt_audit_list (GtStorage *storage, const GtAuditFilter *filter, gint64 offset, guint limit,
               GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GT_IS_STORAGE (storage), NULL);

  stmt = prepare_list (storage, filter, offset, limit, error);
  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_entry, (GDestroyNotify) gt_audit_entry_free,
                             error);
}

static const char *
action_label (const char *action)
{
  if (g_strcmp0 (action, "open") == 0)
    return _("Opened");
  if (g_strcmp0 (action, "insert") == 0)
    return _("Added");
  if (g_strcmp0 (action, "update") == 0)
    return _("Changed");
  if (g_strcmp0 (action, "delete") == 0)
    return _("Removed");
  if (g_strcmp0 (action, "bulk") == 0)
    return _("Bulk change");
  return action;
}

/* Reads one JSON string at @p (our own output: a flat object of strings, numbers and null)
 * into @out; returns the position after it. */
static const char *
read_json_string (const char *p, GString *out)
{
  g_string_truncate (out, 0);
  if (*p != '"')
    return p;
  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          if (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
              g_ascii_isxdigit (p[4]))
            {
              g_string_append_unichar (out, (gunichar) g_ascii_strtoull (p + 1, NULL, 16) & 0xffff);
              p += 4;
            }
          break;
        case '\0': return p;
        default: g_string_append_c (out, *p);
        }
    }
  return *p == '"' ? p + 1 : p;
}

/* The object's fields in order, as key → value (NULL for null). */
static GPtrArray *
parse_flat_object (const char *json)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) key = g_string_new (NULL);
  g_autoptr (GString) value = g_string_new (NULL);
  const char *p = json;

  if (p == NULL || *p != '{')
    return pairs;
  p++;
  while (*p == '"')
    {
      p = read_json_string (p, key);
      if (*p++ != ':')
        break;
      if (*p == '"')
        {
          p = read_json_string (p, value);
          g_ptr_array_add (pairs, g_strdup (key->str));
          g_ptr_array_add (pairs, g_strdup (value->str));
        }
      else
        {
          const char *end = p + strcspn (p, ",}");
          g_ptr_array_add (pairs, g_strdup (key->str));
          g_ptr_array_add (pairs, strncmp (p, "null", 4) == 0 ? NULL : g_strndup (p, end - p));
          p = end;
        }
      if (*p == ',')
        p++;
    }
  return pairs;
}

static gboolean
is_bookkeeping (const char *key)
{
  return g_strcmp0 (key, "id") == 0 || g_strcmp0 (key, "uuid") == 0 ||
         g_strcmp0 (key, "rev") == 0 || g_strcmp0 (key, "mtime") == 0;
}

static const char *
find_value (GPtrArray *pairs, const char *key)
{
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (g_strcmp0 (pairs->pdata[i], key) == 0)
      return pairs->pdata[i + 1];
  return NULL;
}

/* The tables people know by name; others keep their own. */
static const char *
table_label (const char *table)
{
  static const struct { const char *table; const char *label; } labels[] = {
    { "organizations", N_("organisation") },
    { "members", N_("member") },
    { "member_events", N_("member history") },
    { "org_events", N_("organisation history") },
    { "org_checklist", N_("site checklist") },
    { "villages", N_("village") },
    { "households", N_("household") },
    { "member_household_links", N_("household link") },
    { "visits", N_("visit") },
    { "projects", N_("project") },
    { "milestones", N_("milestone") },
    { "meta", N_("setting") },
    /* life */
    { "meetings", N_("meeting") },
    { "meeting_attendance", N_("meeting attendance") },
    { "meeting_attachments", N_("meeting attachment") },
    { "life_schedule", N_("meeting schedule") },
    { "dues_bands", N_("dues band") },
    { "dues_bases", N_("dues base") },
    { "dues_payments", N_("dues payment") },
    /* projects */
    { "supervisions", N_("supervision check") },
    { "milestone_reopenings", N_("undone tick-off") },
    { "project_snapshots", N_("project snapshot") },
    { "project_kinds", N_("project kind") },
    /* scoring */
    { "score_rule_sets", N_("scoring rules") },
    { "score_items", N_("rubric item") },
    { "score_points", N_("points entry") },
    { "score_runs", N_("score result set") },
    { "score_results", N_("score result") },
    { "rectifications", N_("整转 proposal") },
    /* members' development and transfers */
    { "applicants", N_("applicant") },
    { "develop_steps", N_("development step") },
    { "transfers", N_("transfer letter") },
    /* the frozen copies of a project snapshot */
    { "snapshot_projects", N_("project in a snapshot") },
    { "snapshot_milestones", N_("milestone in a snapshot") },
    /* exchange */
    { "ex_office_key", N_("office key") },
    { "ex_trusted_keys", N_("trusted key") },
    { "ex_ledger", N_("exchange package") },
    { "ex_tombstones", N_("deletion to send") },
    { "ex_records", N_("record received") },
    { "ex_reports", N_("report received") },
    { "ex_tasks", N_("task or notice") },
    { "ex_acks", N_("acknowledgement") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].table, table) == 0)
      return _(labels[i].label);
  return table;
}

/* A bulk entry counts the rows written per table and action ("members/insert": 600):
 * "Added member 600". */
static void
append_bulk_count (GString *out, const char *key, const char *count)
{
  g_auto (GStrv) parts = g_strsplit (key, "/", 2);

  if (parts[0] == NULL || parts[1] == NULL)
    g_string_append_printf (out, "%s %s", key, count != NULL ? count : "∅");
  else
    /* TRANSLATORS: a count of rows in a bulk change, e.g. "Added member 600" */
    g_string_append_printf (out, _("%s %s %s"), action_label (parts[1]),
                            table_label (parts[0]), count != NULL ? count : "∅");
}

char *
gt_audit_entry_describe (const GtAuditEntry *e)
{
  GString *out = g_string_new (action_label (e->action));
  g_autoptr (GPtrArray) before = parse_flat_object (e->before);
  g_autoptr (GPtrArray) after = parse_flat_object (e->after);
  GPtrArray *shown = after->len > 0 ? after : before;
  gboolean first = TRUE;

  if (e->table_name != NULL && *e->table_name != '\0')
    g_string_append_printf (out, " %s #%" G_GINT64_FORMAT, table_label (e->table_name),
                            e->row_id);
  if (e->summary != NULL && *e->summary != '\0')
    g_string_append_printf (out, " %s", e->summary);
  for (guint i = 0; i + 1 < shown->len; i += 2)
    {
      const char *key = shown->pdata[i];
      const char *value = shown->pdata[i + 1];

      if (is_bookkeeping (key))
        continue;
      g_string_append (out, first ? _(": ") : _("; "));
      first = FALSE;
      if (g_strcmp0 (e->action, "bulk") == 0)
        append_bulk_count (out, key, value);
      else if (g_strcmp0 (e->action, "update") == 0)
        {
          const char *old = find_value (before, key);
          g_string_append_printf (out, "%s %s → %s", key, old != NULL ? old : "∅",
                                  value != NULL ? value : "∅");
        }
      else
        g_string_append_printf (out, "%s %s", key, value != NULL ? value : "∅");
    }
  return g_string_free (out, FALSE);
}

gboolean
gt_audit_export_csv (GtStorage *storage, const GtAuditFilter *filter, const char *path,
                     guint *n_written, GError **error)
{
  g_autoptr (GString) out = g_string_new ("\xEF\xBB\xBF");
  const char *headers[] = {
    N_("Time"), N_("Operator"), N_("Program"), N_("Action"), N_("Table"), N_("Row"),
    N_("Before"), N_("After"), N_("Summary"),
  };
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      gt_csv_append_field (out, _(headers[i]));
    }
  g_string_append (out, "\r\n");

  stmt = prepare_list (storage, filter, 0, 0, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int col = 1; col <= 9; col++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, col);
          if (col > 1)
            g_string_append_c (out, ',');
          if (col == 4)
            value = action_label (value);
          gt_csv_append_field (out, value);
        }
      g_string_append (out, "\r\n");
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, _("reading the audit log"));
      return FALSE;
    }
  if (!gt_file_write_atomically (path, out->str, out->len, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}
