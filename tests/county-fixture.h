/* county-fixture.h — a county database with real signed reports from demo townships, for the
 * county report test and the county GUI test (header-only: the GUI tests link no extra
 * sources). One demo township is built and copied; each copy gets its own office code, name
 * and key, and loses a different share of its household links, so the townships' figures
 * differ. Townships 0 and 1 report for 2026-11, township 2 only for 2026-10, township 3 is
 * trusted but never reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-exchange.h"
#include "gt-keys.h"

#define COUNTY_CODE "330822"
#define COUNTY_N_TOWNSHIPS 4

static const char *const county_codes[COUNTY_N_TOWNSHIPS] = {
  "330822101", "330822102", "330822103", "330822104"
};
static const char *const county_names[COUNTY_N_TOWNSHIPS] = {
  "天马街道", "紫港街道", "金川街道", "芳村镇"
};
static const char *const county_periods[COUNTY_N_TOWNSHIPS] = {
  "2026-11", "2026-11", "2026-10", NULL
};

typedef struct
{
  char *dir;
  char *county;                          /* county.db */
  char *townships[COUNTY_N_TOWNSHIPS];   /* CODE.db */
} CountyFixture;

static void
county_trust (GtStorage *from, GtStorage *into, const char *code, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = gt_keys_get_public_pem (from, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (gt_keys_trust (into, pem, strlen (pem), code, name, NULL, NULL, &error));
  g_assert_no_error (error);
}

static GtStorage *
county_open (const char *path)
{
  g_autoptr (GError) error = NULL;
  GtStorage *storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return storage;
}

static void
county_fixture_build (CountyFixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) county = NULL;
  g_autofree char *template_db = NULL;

  fx->dir = g_dir_make_tmp ("guatu-county-XXXXXX", &error);
  g_assert_no_error (error);
  template_db = g_build_filename (fx->dir, "template.db", NULL);
  {
    g_autoptr (GtStorage) demo = county_open (template_db);
    g_assert_true (gt_demo_build_township (demo, 20180730, &error));
    g_assert_no_error (error);
  }
  fx->county = g_build_filename (fx->dir, "county.db", NULL);
  county = county_open (fx->county);
  g_assert_true (gt_storage_set_meta (county, "role", "county", &error) &&
                 gt_storage_set_meta (county, "office_code", COUNTY_CODE, &error) &&
                 gt_storage_set_meta (county, "office_name", "常山县", &error) &&
                 gt_keys_generate (county, FALSE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < COUNTY_N_TOWNSHIPS; i++)
    {
      g_autoptr (GFile) from = g_file_new_for_path (template_db);
      g_autoptr (GFile) to = NULL;
      g_autoptr (GtStorage) town = NULL;
      g_autofree char *name = g_strdup_printf ("%s.db", county_codes[i]);
      g_autofree char *sql = NULL;

      fx->townships[i] = g_build_filename (fx->dir, name, NULL);
      to = g_file_new_for_path (fx->townships[i]);
      g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      town = county_open (fx->townships[i]);
      sql = g_strdup_printf ("DELETE FROM member_household_links WHERE id %% %u = 0", i + 2);
      g_assert_true (gt_storage_set_meta (town, "office_code", county_codes[i], &error) &&
                     gt_storage_set_meta (town, "office_name", county_names[i], &error) &&
                     gt_storage_exec (town, sql, &error) &&
                     gt_keys_generate (town, FALSE, &error));
      g_assert_no_error (error);
      county_trust (town, county, county_codes[i], county_names[i]);
      county_trust (county, town, COUNTY_CODE, "常山县");
      if (county_periods[i] != NULL)
        {
          g_autofree char *file = g_strdup_printf ("%s/report-%s.xml", fx->dir, county_codes[i]);
          GtExchangeExportOptions options = { GT_EXCHANGE_KIND_REPORT, county_periods[i], NULL,
                                              NULL, FALSE, NULL };
          g_autoptr (GtExchangeResult) result = NULL;

          g_assert_true (gt_exchange_export (town, file, &options, NULL, &error));
          g_assert_no_error (error);
          result = gt_exchange_import (county, file, GT_EXCHANGE_IMPORT_NO_BACKUP,
                                       GT_EXCHANGE_RESOLVE_NONE, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (result->applied);
        }
    }
}

/* links of active members × 100 / active members of township @i, from its own database */
G_GNUC_UNUSED static gint64
county_fixture_links_per_member (CountyFixture *fx, guint i)
{
  g_autoptr (GtStorage) town = county_open (fx->townships[i]);
  gint64 links = 0, members = 0;

  g_assert_true (gt_storage_query_int64 (town, "SELECT count(*) FROM member_household_links l"
                                         " JOIN members m ON m.id = l.member_id"
                                         " WHERE m.status = 'active'", &links, NULL));
  g_assert_true (gt_storage_query_int64 (town, "SELECT count(*) FROM members WHERE status = "
                                         "'active'", &members, NULL));
  return members > 0 ? links * 100 / members : 0;
}

static void
county_fixture_remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      if (g_file_test (file, G_FILE_TEST_IS_DIR) && !g_file_test (file, G_FILE_TEST_IS_SYMLINK))
        county_fixture_remove_tree (file);
      else
        g_unlink (file);
    }
  g_rmdir (dir);
}

static void
county_fixture_free (CountyFixture *fx)
{
  county_fixture_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->county);
  for (guint i = 0; i < COUNTY_N_TOWNSHIPS; i++)
    g_free (fx->townships[i]);
}
