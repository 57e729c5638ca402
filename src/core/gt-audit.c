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

  if (audit != NULL)
    gt_audit_set_operator_name (audit, operator_name, program);
}

gboolean
gt_audit_open_session (GtStorage *storage, const char *operator_name, const char *program,
                       GError **error)
{
  GtAudit *audit = gt_storage_get_audit (storage);

  g_return_val_if_fail (GT_IS_STORAGE (storage), FALSE);

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

char *
gt_audit_entry_describe (const GtAuditEntry *e)
{
  GString *out = g_string_new (action_label (e->action));

  if (e->table_name != NULL && *e->table_name != '\0')
    g_string_append_printf (out, " %s #%" G_GINT64_FORMAT, e->table_name, e->row_id);
  if (e->summary != NULL && *e->summary != '\0')
    g_string_append_printf (out, " %s", e->summary);
  if (g_strcmp0 (e->action, "update") == 0)
    g_string_append_printf (out, ": %s → %s", e->before, e->after);
  else if (e->after != NULL)
    g_string_append_printf (out, ": %s", e->after);
  else if (e->before != NULL)
    g_string_append_printf (out, ": %s", e->before);
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
