/* gt-score-runs.c — result sets: stored with their rule version and explanations; a published
 * set (亮分) is never rewritten — recomputing writes a new unpublished set beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-ratings.h"

void
gt_score_result_free (GtScoreResult *result)
{
  if (result == NULL)
    return;
  g_free (result->name);
  g_free (result->org_name);
  g_free (result->klass);
  g_free (result->grade);
  g_clear_pointer (&result->explanation, json_node_unref);
  g_free (result);
}

void
gt_score_run_free (GtScoreRun *run)
{
  if (run == NULL)
    return;
  g_free (run->kind);
  g_free (run->period);
  g_free (run->created);
  g_free (run->published_at);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_free (run);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  if (node == NULL)
    return g_strdup ("{}");
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

gboolean
gt_score_run_save (GtStorage *storage, GtScoreRun *run, GError **error)
{
  g_autofree char *uuid = gt_new_uuid (), *mtime = gt_now_iso8601 ();
  sqlite3_stmt *stmt;

  if (!gt_storage_begin (storage, error))
    return FALSE;
  stmt = gt_storage_prepare (storage, "DELETE FROM score_runs WHERE kind = ? AND period = ? AND published = 0",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, run->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, run->period, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    goto fail;
  stmt = gt_storage_prepare (storage,
                             "INSERT INTO score_runs (uuid, kind, period, rule_version, created, mtime)"
                             " VALUES (?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, run->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, run->period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, run->rule_version);
  sqlite3_bind_text (stmt, 5, run->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, mtime, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    goto fail;
  run->id = sqlite3_last_insert_rowid (gt_storage_get_db (storage));
  for (guint i = 0; i < run->results->len; i++)
    {
      GtScoreResult *r = g_ptr_array_index (run->results, i);
      g_autofree char *text = node_to_string (r->explanation);
      g_autofree char *result_uuid = gt_new_uuid (); /* travels in exchange packages */

      stmt = gt_storage_prepare (storage,
                                 "INSERT INTO score_results (run_id, member_id, org_id, name, org_name,"
                                 " score, class, grade, rank, stars, household_stars, warning, explanation,"
                                 " uuid)"
                                 " VALUES (?, nullif (?, 0), nullif (?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, run->id);
      sqlite3_bind_int64 (stmt, 2, r->member_id);
      sqlite3_bind_int64 (stmt, 3, r->org_id);
      sqlite3_bind_text (stmt, 4, r->name ? r->name : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, r->org_name ? r->org_name : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 6, r->score);
      sqlite3_bind_text (stmt, 7, r->klass ? r->klass : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, r->grade ? r->grade : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 9, r->rank);
      sqlite3_bind_int (stmt, 10, r->stars);
      sqlite3_bind_int (stmt, 11, r->household_stars);
      sqlite3_bind_int (stmt, 12, r->warning ? 1 : 0);
      sqlite3_bind_text (stmt, 13, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 14, result_uuid, -1, SQLITE_TRANSIENT);
      if (!gt_storage_step_done (storage, stmt, error))
        goto fail;
    }
  if (!gt_storage_commit (storage, error))
    goto fail;
  gt_storage_emit_changed (storage, "score_runs");
  return TRUE;

fail:
  gt_storage_rollback (storage);
  run->id = 0;
  return FALSE;
}

gboolean
gt_score_run_publish (GtStorage *storage, const char *kind, const char *period, GError **error)
{
  g_autofree char *now = gt_now_iso8601 ();
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "UPDATE score_runs SET published = 1, published_at = ?, rev = rev + 1, mtime = ?"
    " WHERE kind = ? AND period = ? AND published = 0",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, period, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    return FALSE;
  if (sqlite3_changes (gt_storage_get_db (storage)) == 0)
    return gt_storage_refuse (storage, error,
                              _("there is no unpublished %s result for %s: compute it first"),
                              kind, period);
  gt_storage_emit_changed (storage, "score_runs");
  return TRUE;
}

static gpointer
read_result (sqlite3_stmt *stmt)
{
  GtScoreResult *r = g_new0 (GtScoreResult, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();

  r->member_id = sqlite3_column_int64 (stmt, 0);
  r->org_id = sqlite3_column_int64 (stmt, 1);
  r->name = GT_COLUMN_TEXT (stmt, 2);
  r->org_name = GT_COLUMN_TEXT (stmt, 3);
  r->score = sqlite3_column_double (stmt, 4);
  r->klass = GT_COLUMN_TEXT (stmt, 5);
  r->grade = GT_COLUMN_TEXT (stmt, 6);
  r->rank = sqlite3_column_int (stmt, 7);
  r->stars = sqlite3_column_int (stmt, 8);
  r->household_stars = sqlite3_column_int (stmt, 9);
  r->warning = sqlite3_column_int (stmt, 10) != 0;
  if (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 11), -1, NULL))
    r->explanation = json_node_copy (json_parser_get_root (parser));
  else
    r->explanation = json_node_init_object (json_node_alloc (), json_object_new ());
  return r;
}

GtScoreRun *
gt_score_run_load (GtStorage *storage, const char *kind, const char *period, gboolean published,
                   GError **error)
{
  g_autoptr (GtScoreRun) run = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT id, rule_version, created, published, published_at FROM score_runs"
    " WHERE kind = ? AND period = ? AND published = ? ORDER BY id DESC LIMIT 1",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, published ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      run = g_new0 (GtScoreRun, 1);
      run->id = sqlite3_column_int64 (stmt, 0);
      run->kind = g_strdup (kind);
      run->period = g_strdup (period);
      run->rule_version = sqlite3_column_int64 (stmt, 1);
      run->created = GT_COLUMN_TEXT (stmt, 2);
      run->published = sqlite3_column_int (stmt, 3) != 0;
      run->published_at = GT_COLUMN_TEXT (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        gt_storage_set_error (storage, error, "score results");
      return NULL;
    }
  stmt = gt_storage_prepare (storage,
                             "SELECT coalesce (member_id, 0), coalesce (org_id, 0), name, org_name, score,"
                             " class, grade, rank, stars, household_stars, warning, explanation"
                             " FROM score_results WHERE run_id = ? ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run->id);
  run->results = gt_storage_collect (storage, stmt, read_result,
                                     (GDestroyNotify) gt_score_result_free, error);
  if (run->results == NULL)
    return NULL;
  return g_steal_pointer (&run);
}

char *
gt_score_explain_text (const GtScoreResult *result)
{
  GString *out = g_string_new ("");
  JsonObject *object;
  JsonArray *array;

  if (result->explanation == NULL || !JSON_NODE_HOLDS_OBJECT (result->explanation))
    return g_string_free (out, FALSE);
  object = json_node_get_object (result->explanation);
  array = json_object_has_member (object, "items") ? json_object_get_array_member (object, "items")
                                                   : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *line = json_array_get_object_element (array, i);
      const char *label =
        gt_label_score_item (json_object_get_string_member_with_default (line, "label", ""));
      double points = json_object_get_double_member_with_default (line, "points", 0);

      if (json_object_has_member (line, "weight"))
        g_string_append_printf (out, "  %s: %g × %g\n", label, points,
                                json_object_get_double_member (line, "weight"));
      else if (json_object_has_member (line, "count"))
        g_string_append_printf (out, "  %s × %d: %+g\n", label,
                                (int) json_object_get_int_member (line, "count"), points);
      else
        g_string_append_printf (out, "  %s: %g\n", label, points);
    }
  array = json_object_has_member (object, "notes") ? json_object_get_array_member (object, "notes")
                                                   : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_string_append_printf (out, "  → %s\n", json_array_get_string_element (array, i));
  return g_string_free (out, FALSE);
}
