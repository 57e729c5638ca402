/* gt-roster-read.c — reading a roster file as a whole: the records one by one through the
 * checks of gt-roster.c, then what only the whole file tells (a masked export read back)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-org.h"
#include "gt-registers.h"
#include "gt-roster-private.h"

typedef GtRosterParse Parse;

static void
problem_free (gpointer data)
{
  GtRosterProblem *problem = data;

  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

void
gt_roster_report_free (GtRosterReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file);
  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->rows);
  g_ptr_array_unref (report->unknown_columns);
  if (report->strings != NULL)
    g_string_chunk_free (report->strings);
  g_free (report);
}

const GtRosterProblem *
gt_roster_report_get_stop (const GtRosterReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return report->complete ? NULL : report->stop;
}

/* @columns (may be NULL): header → field code for this parse only, over the remembered
 * mapping; an empty field code forgets the header's remembered field. */
static void
parse_init (Parse *p, GtStorage *storage, GHashTable *columns)
{
  GHashTableIter iter;
  gpointer header, field;

  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  p->storage = storage;
  p->headers = g_ptr_array_new_with_free_func (g_free);
  p->mapping = gt_roster_remembered_columns (storage);
  if (columns != NULL)
    {
      g_hash_table_iter_init (&iter, columns);
      while (g_hash_table_iter_next (&iter, &header, &field))
        if (field == NULL || *(const char *) field == '\0')
          g_hash_table_remove (p->mapping, header);
        else
          g_hash_table_replace (p->mapping, g_strdup (header), g_strdup (field));
    }
  gt_roster_orgs_init (&p->orgs);
  p->ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_strlcpy (p->today, today, sizeof p->today);
}

static void
parse_clear (Parse *p)
{
  g_ptr_array_unref (p->headers);
  g_hash_table_unref (p->mapping);
  gt_roster_orgs_clear (&p->orgs);
  g_hash_table_destroy (p->ids);
  g_clear_pointer (&p->known, gt_roster_known_free);
}

/* A roster exported masked (the default: ID numbers and phones partly "*") and read back
 * would give one error per cell; most of its numbers masked, it is refused as a whole with
 * one message saying what to do instead. */
static void
refuse_masked (Parse *p)
{
  GtRosterReport *report = p->report;
  guint cells = p->n_id_cells + p->n_phone_cells;
  guint masked = p->n_id_masked + p->n_phone_masked;
  char *message;

  if (masked == 0 || masked * 2 <= cells)
    return;
  g_ptr_array_set_size (report->problems, 0);
  g_ptr_array_set_size (report->rows, 0);
  report->n_errors = report->n_warnings = report->n_valid = 0;
  report->masked = TRUE;
  report->complete = FALSE;
  message = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "this file is a masked export: %u of its %u ID and phone numbers is partly "
                 "replaced by “*”, so it cannot be imported. Export the roster again without "
                 "masking (untick “Mask ID and phone numbers”, or guatu-cli export-roster "
                 "--unmasked) and import that file",
                 "this file is a masked export: %u of its %u ID and phone numbers are partly "
                 "replaced by “*”, so it cannot be imported. Export the roster again without "
                 "masking (untick “Mask ID and phone numbers”, or guatu-cli export-roster "
                 "--unmasked) and import that file", masked),
    masked, cells);
  report->stop = gt_roster_add_problem (report, 0, NULL, FALSE, message);
}

static GtRosterReport *
parse_in (GtStorage *storage, GtCsvReader *reader, const char *path, const char *data,
       gsize length, const char *name, const char *org, GHashTable *columns, GError **error)
{
  g_autoptr (GtRosterReport) report = g_new0 (GtRosterReport, 1);
  g_autoptr (GError) local_error = NULL;
  GPtrArray *fields;
  gboolean header = TRUE, loaded;
  Parse p = { 0 };

  report->problems = g_ptr_array_new_with_free_func (problem_free);
  report->rows = g_ptr_array_new_with_free_func (gt_roster_row_free);
  report->strings = g_string_chunk_new (256 * 1024);
  report->unknown_columns = g_ptr_array_new_with_free_func (g_free);
  report->complete = TRUE;
  report->separator = ',';
  parse_init (&p, storage, columns);
  p.report = report;

  if (!gt_roster_orgs_load (&p.orgs, storage, error) ||
      (org != NULL && *org != '\0' &&
       !gt_roster_orgs_resolve (&p.orgs, storage, org, &p.default_org, error)))
    {
      parse_clear (&p);
      return NULL;
    }

  if (path != NULL)
    {
      report->file = g_filename_display_name (path);
      loaded = gt_csv_reader_load_file (reader, path, &local_error);
    }
  else
    {
      report->file = g_strdup (name);
      loaded = gt_csv_reader_load_data (reader, data, length, name, &local_error);
    }
  if (!loaded && g_error_matches (local_error, GT_CSV_ERROR, GT_CSV_ERROR_OPEN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      parse_clear (&p);
      return NULL;
    }

  while (loaded && gt_csv_reader_next (reader, &fields, &local_error))
    {
      guint line = gt_csv_reader_get_line (reader);

      if (!header)
        gt_roster_read_row (&p, fields, line);
      else if (!gt_roster_read_header (&p, fields, line))
        {
          report->complete = FALSE;
          break;
        }
      header = FALSE;
    }
  report->encoding = gt_csv_reader_get_encoding (reader);
  if (gt_csv_reader_get_separator (reader) != 0)
    report->separator = gt_csv_reader_get_separator (reader);

  if (local_error != NULL)
    {
      /* Bytes that are not text, or broken quoting: the rest of the file cannot be trusted. */
      guint field = gt_csv_reader_get_error_field (reader);
      const char *column = field > 0 && field <= p.headers->len && !header
                             ? p.headers->pdata[field - 1] : NULL;
      g_autofree char *numbered = column == NULL && field > 0
                                    ? g_strdup_printf (_("column %u"), field) : NULL;

      report->stop = gt_roster_add_problem (report, gt_csv_reader_get_error_line (reader),
                                            column != NULL ? column : numbered, FALSE,
                                            g_strdup (gt_csv_reader_get_error_reason (reader)));
      report->complete = FALSE;
    }
  else if (header && report->complete)
    {
      report->stop = gt_roster_add_problem (report, 1, NULL, FALSE,
                                            g_strdup (_("the file is empty; a roster "
                                                         "starts with a header row")));
      report->complete = FALSE;
    }
  else
    refuse_masked (&p);
  parse_clear (&p);
  return g_steal_pointer (&report);
}

static GtRosterReport *
parse (GtStorage *storage, GtCsvReader *reader, const char *path, const char *data,
       gsize length, const char *name, const char *org, GHashTable *columns, GError **error)
{
  sqlite3 *db = gt_storage_get_db (storage);
  gint64 clock = g_get_monotonic_time ();
  /* One read transaction for the whole file: each row's lookup outside one would take and
   * drop the database's read lock (two fcntl and a stat per row). Only when no transaction
   * is open: the caller's own one serves as well. */
  gboolean reading = sqlite3_get_autocommit (db) &&
                     sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  GtRosterReport *report = parse_in (storage, reader, path, data, length, name, org, columns,
                                        error);

  if (reading)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_debug ("roster import: reading and checking %.3f s (process CPU so far %.3f s)",
           (g_get_monotonic_time () - clock) / 1e6, gt_roster_cpu_seconds ());
  return report;
}

GtRosterReport *
gt_roster_parse (GtStorage *storage, const char *path, GtCsvEncoding encoding, const char *org,
                 GError **error)
{
  g_autoptr (GtCsvReader) reader = gt_csv_reader_new (encoding);

  g_return_val_if_fail (GT_IS_STORAGE (storage), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return parse (storage, reader, path, NULL, 0, NULL, org, NULL, error);
}

GtRosterReport *
gt_roster_parse_mapped (GtStorage *storage, const char *path, GtCsvEncoding encoding,
                        const char *org, GHashTable *columns, GError **error)
{
  g_autoptr (GtCsvReader) reader = gt_csv_reader_new (encoding);

  g_return_val_if_fail (GT_IS_STORAGE (storage), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return parse (storage, reader, path, NULL, 0, NULL, org, columns, error);
}

GtRosterReport *
gt_roster_parse_data (GtStorage *storage, const char *data, gsize length, const char *name,
                      GtCsvEncoding encoding, const char *org, GError **error)
{
  g_autoptr (GtCsvReader) reader = gt_csv_reader_new (encoding);

  g_return_val_if_fail (GT_IS_STORAGE (storage), NULL);

  return parse (storage, reader, NULL, data, length, name, org, NULL, error);
}
