/* roster-fixture.c — the demo township copied for each roster test, and its checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-demo.h"
#include "roster-fixture.h"

static char *template_db; /* the demo, built once and copied for each test */
static char *template_dir;

void
roster_fixture_init (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;

  template_dir = g_dir_make_tmp ("guatu-roster-template-XXXXXX", &error);
  g_assert_no_error (error);
  template_db = g_build_filename (template_dir, "demo.db", NULL);
  storage = gt_storage_open (template_db, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, ROSTER_DEMO_SEED, &error));
  g_clear_object (&storage); /* closing checkpoints the WAL into the file */
}

void
roster_fixture_cleanup (void)
{
  gt_test_remove_tree (template_dir);
  g_clear_pointer (&template_dir, g_free);
  g_clear_pointer (&template_db, g_free);
}

int
roster_fixture_run (void)
{
  int status = g_test_run ();

  roster_fixture_cleanup ();
  return status;
}

void
roster_db_open (GtTestDemo *db)
{
  gt_test_demo_copy (db, template_db);
}

void
roster_assert_errors (GtRosterReport *report, const char *const *expected)
{
  g_autoptr (GString) got = g_string_new (NULL);
  g_autofree char *want = g_strjoinv ("\n", (char **) expected);

  for (guint i = 0; i < report->problems->len; i++)
    {
      GtRosterProblem *problem = report->problems->pdata[i];
      if (problem->warning)
        continue;
      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_string_append_printf (got, "%s%u %s", got->len > 0 ? "\n" : "", problem->line,
                              problem->column != NULL ? problem->column : "-");
    }
  if (g_strcmp0 (got->str, want) != 0)
    for (guint i = 0; i < report->problems->len; i++)
      {
        GtRosterProblem *problem = report->problems->pdata[i];
        g_test_message ("%u %s: %s", problem->line, problem->column, problem->message);
      }
  g_assert_cmpstr (got->str, ==, want);
  g_assert_cmpuint (report->n_errors, ==, g_strv_length ((char **) expected));
}

char *
roster_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "roster", name, NULL);
}

GtRosterReport *
roster_parse_file (GtTestDemo *db, const char *name, const char *org)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = roster_fixture_path (name);
  GtRosterReport *report = gt_roster_parse (db->storage, path, GT_CSV_ENCODING_AUTO, org, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

GtRosterReport *
roster_parse_text (GtTestDemo *db, const char *text, const char *org)
{
  g_autoptr (GError) error = NULL;
  GtRosterReport *report = gt_roster_parse_data (db->storage, text, strlen (text), "test.csv",
                                                 GT_CSV_ENCODING_AUTO, org, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}
