/* fuzz-roster.c — a roster of any bytes against a real township database: parsing ends,
 * every problem names a line, and nothing is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "gt-demo.h"
#include "gt-roster.h"

static GtStorage *storage;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  FUZZ_SETUP ();
  g_autofree char *dir = g_dir_make_tmp ("guatu-fuzz-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fuzz.db", NULL);

  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, NULL);
  if (storage == NULL || !gt_demo_build_township (storage, 1, NULL))
    FUZZ_FAIL ("no database");
  /* The file stays open; unlinking it now leaves nothing behind. */
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GtRosterReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gint64 before = 0, after = 0;

  gt_storage_query_int64 (storage, "SELECT count(*) FROM members", &before, NULL);
  report = gt_roster_parse_data (storage, (const char *) data, size, "fuzz.csv",
                                 GT_CSV_ENCODING_AUTO, NULL, &error);
  if (report == NULL)
    {
      if (error == NULL)
        FUZZ_FAIL ("no report and no error");
      return 0;
    }
  if (report->n_valid > report->n_rows)
    FUZZ_FAIL ("more valid rows than rows");
  for (guint i = 0; i < report->problems->len; i++)
    {
      GtRosterProblem *p = report->problems->pdata[i];
      if (p->message == NULL || !g_utf8_validate (p->message, -1, NULL))
        FUZZ_FAIL ("a problem without a readable message");
    }
  gt_storage_query_int64 (storage, "SELECT count(*) FROM members", &after, NULL);
  if (before != after) /* parsing never writes */
    FUZZ_FAIL ("parsing wrote to the database");
  return 0;
}
