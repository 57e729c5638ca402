/* test-office.c — a new office database: the checks of role, name and code, and creating it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-office.h"

static void
test_codes (void)
{
  static const struct
  {
    const char *role, *code;
    gboolean ok;
  } cases[] = {
    { "county", "330822", TRUE },
    { "county", "330822105", FALSE }, /* a county's code has 6 digits */
    { "township", "330822", TRUE },
    { "township", "330822105", TRUE },
    { NULL, "330822105", TRUE },      /* no role: township */
    { "township", "33082210", FALSE },
    { "county", "33082", FALSE },
    { "county", "3308221", FALSE },
    { "county", "33082A", FALSE },
    { "county", "３３０８２２", FALSE }, /* full-width digits */
    { "county", "", FALSE },
    { "county", "100000", FALSE },    /* no province 10 */
    { "county", "830000", FALSE },    /* nor 83 */
    { "county", "110101", TRUE },
    { "county", "820000", TRUE },
    { "county", NULL, TRUE },         /* not given */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = gt_office_check_code (cases[i].role, cases[i].code, &error);

      g_test_message ("%s %s", cases[i].role, cases[i].code);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_CODE);
          /* The message names what was typed. */
          g_assert_nonnull (strstr (error->message, cases[i].code));
        }
    }
}

static void
test_names_roles (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_name = NULL;
  GString *s = g_string_new (NULL);

  g_assert_true (gt_office_check_role ("township", NULL));
  g_assert_true (gt_office_check_role ("county", NULL));
  g_assert_false (gt_office_check_role ("village", &error));
  g_assert_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_ROLE);
  g_clear_error (&error);

  g_assert_true (gt_office_check_name ("中共青石镇委员会", NULL));
  g_assert_false (gt_office_check_name (" \t ", &error));
  g_assert_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_NAME);
  g_clear_error (&error);
  for (int i = 0; i < 101; i++)
    g_string_append (s, "镇");
  long_name = g_string_free (s, FALSE);
  g_assert_false (gt_office_check_name (long_name, &error));
  g_assert_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_NAME);
  long_name[300] = '\0'; /* 100 characters */
  g_assert_true (gt_office_check_name (long_name, NULL));
}

static char *
meta (GtStorage *storage, const char *key)
{
  return gt_storage_get_meta (storage, key);
}

static void
test_create (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("guatu-office-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "office.db", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  GtOfficeInfo bad = { "county", "常山县委组织部", "330822105", "李明" };
  GtOfficeInfo good = { "county", " 常山县委组织部 ", "330822", "李明" };
  g_autoptr (GtStorage) storage = NULL;
  g_autofree char *role = NULL, *name = NULL, *code = NULL, *op = NULL;

  /* Wrong input: no file, no folder. */
  g_assert_null (gt_office_create (path, &bad, &error));
  g_assert_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_CODE);
  g_clear_error (&error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  storage = gt_office_create (path, &good, &error);
  g_assert_no_error (error);
  g_assert_nonnull (storage);
  role = meta (storage, "role");
  name = meta (storage, "office_name");
  code = meta (storage, "office_code");
  op = meta (storage, "operator");
  g_assert_cmpstr (role, ==, "county");
  g_assert_cmpstr (name, ==, "常山县委组织部");
  g_assert_cmpstr (code, ==, "330822");
  g_assert_cmpstr (op, ==, "李明");
  g_clear_object (&storage);

  /* An existing file is refused and left as it is. */
  g_assert_null (gt_office_create (path, &good, &error));
  g_assert_error (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_EXISTS);
  g_clear_error (&error);

  /* gt_office_write on an open database: all or nothing. */
  storage = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    GtOfficeInfo change = { "township", "青石镇党委", "3308221", NULL };
    g_autofree char *after = NULL;

    g_assert_false (gt_office_write (storage, &change, &error));
    g_clear_error (&error);
    after = meta (storage, "office_name");
    g_assert_cmpstr (after, ==, "常山县委组织部");
  }
  g_clear_object (&storage);

  g_unlink (path);
  g_rmdir (folder);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/office/codes", test_codes);
  g_test_add_func ("/office/names-roles", test_names_roles);
  g_test_add_func ("/office/create", test_create);
  return g_test_run ();
}
