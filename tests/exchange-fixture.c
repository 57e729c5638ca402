/* exchange-fixture.c — a demo township and its county, for the exchange tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "exchange-fixture.h"
#include "gt-keys.h"
#include "gt-test-demo.h"

void
exchange_trust (GtStorage *from, GtStorage *into, const char *code, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = gt_keys_get_public_pem (from, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (gt_keys_trust (into, pem, strlen (pem), code, name, NULL, NULL, &error));
  g_assert_no_error (error);
}

void
exchange_offices_open (const char *prefix, char **dir, GtStorage **township,
                       GtStorage **county)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autofree char *township_path = NULL, *county_path = NULL;

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  township_path = g_build_filename (*dir, "township.db", NULL);
  county_path = g_build_filename (*dir, "county.db", NULL);
  *township = gt_test_demo_create (township_path, 20180730);
  *county = gt_storage_open (county_path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_storage_set_meta (*county, "role", "county", &error));
  g_assert_true (gt_storage_set_meta (*county, "office_code", EXCHANGE_COUNTY, &error));
  g_assert_true (gt_storage_set_meta (*county, "office_name", "常山县", &error));
  g_assert_true (gt_keys_generate (*township, FALSE, &error));
  g_assert_true (gt_keys_generate (*county, FALSE, &error));
  g_assert_no_error (error);
  exchange_trust (*township, *county, EXCHANGE_TOWNSHIP, "赏石小镇");
  exchange_trust (*county, *township, EXCHANGE_COUNTY, "常山县");
}

void
exchange_offices_close (char **dir, GtStorage **township, GtStorage **county)
{
  g_clear_object (township);
  g_clear_object (county);
  if (*dir != NULL)
    gt_test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}
