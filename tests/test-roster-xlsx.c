/* test-roster-xlsx.c — the roster export as an Excel workbook
 *
 * Exports the demo township to .xlsx and looks inside with unzip: a valid zip, one sheet
 * with the members, ID and phone numbers as text cells (never numbers), masked unless
 * asked, the header bold and frozen; the file replaced whole or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-roster.h"

#define DEMO_SEED 20180730
#define DEMO_MEMBERS 215
#define FULL_ID "330822198401181346"   /* 姜红英 in the demo */
#define MASKED_ID "330822********1346"

static char *dir;
static GtStorage *storage;

static char *
unzip (const char *path, const char *member)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *list[] = { "unzip", "-l", path, NULL };
  const char *print[] = { "unzip", "-p", path, member, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) (member != NULL ? print : list), NULL,
                               G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("unzip %s %s: %s", path, member != NULL ? member : "-l", err);
  return g_steal_pointer (&out);
}

static guint
count_substrings (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The <c …>…</c> element of the sheet that holds @value, or NULL. */
static char *
cell_holding (const char *sheet, const char *value)
{
  const char *hit = strstr (sheet, value), *start, *end;

  if (hit == NULL)
    return NULL;
  start = g_strrstr_len (sheet, hit - sheet, "<c ");
  end = strstr (hit, "</c>");
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  return g_strndup (start, end + 4 - start);
}

static void
test_masked (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "花名册.xlsx", NULL);
  g_autofree char *head = NULL, *listing = NULL, *sheet = NULL, *styles = NULL, *cell = NULL;
  gsize length = 0;
  GStatBuf st;
  guint n = 0;

  g_assert_true (gt_roster_export_xlsx (storage, NULL, path, GT_ROSTER_EXPORT_DEFAULT, &n,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, DEMO_MEMBERS);

  /* A zip (local file header "PK\3\4"), readable by its owner only. */
  g_assert_true (g_file_get_contents (path, &head, &length, &error));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (head, 4, "PK\3\4", 4);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  listing = unzip (path, NULL);
  g_assert_nonnull (strstr (listing, "xl/worksheets/sheet1.xml"));
  g_assert_nonnull (strstr (listing, "xl/workbook.xml"));

  sheet = unzip (path, "xl/worksheets/sheet1.xml");
  /* the header and one row per member; the names and masked numbers in the sheet itself */
  g_assert_cmpuint (count_substrings (sheet, "<row "), ==, DEMO_MEMBERS + 1);
  g_assert_nonnull (strstr (sheet, "<t>姓名</t>"));
  g_assert_nonnull (strstr (sheet, "<t>身份证号</t>"));
  g_assert_nonnull (strstr (sheet, "<t>姜红英</t>"));
  g_assert_nonnull (strstr (sheet, "<t>青石村党支部</t>"));
  g_assert_nonnull (strstr (sheet, "<t>所在党小组</t>"));
  g_assert_nonnull (strstr (sheet, "<t>第一党小组</t>"));
  g_assert_null (strstr (sheet, FULL_ID));
  cell = cell_holding (sheet, MASKED_ID);
  g_assert_nonnull (cell);
  g_assert_nonnull (strstr (cell, "t=\"inlineStr\""));
  g_assert_null (strstr (cell, "<v>"));

  /* the first row frozen, the columns sized */
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  g_assert_nonnull (strstr (sheet, "ySplit=\"1\""));
  g_assert_nonnull (strstr (sheet, "<cols>"));
  g_assert_cmpuint (count_substrings (sheet, "<col "), ==, 12);

  /* a bold font for the header, the text format "@" for the number columns */
  styles = unzip (path, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "<b/>"));
  g_assert_nonnull (strstr (styles, "formatCode=\"@\""));

  g_unlink (path);
}

static void
test_unmasked (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "full.xlsx", NULL);
  g_autofree char *sheet = NULL, *cell = NULL;
  guint n = 0;

  g_assert_true (gt_roster_export_xlsx (storage, NULL, path, GT_ROSTER_EXPORT_UNMASKED, &n,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, DEMO_MEMBERS);
  sheet = unzip (path, "xl/worksheets/sheet1.xml");
  g_assert_null (strstr (sheet, MASKED_ID));
  /* the 18 digits are a string cell, not a number Excel would round to 3.30822E+17 */
  cell = cell_holding (sheet, FULL_ID);
  g_assert_nonnull (cell);
  g_assert_nonnull (strstr (cell, "t=\"inlineStr\""));
  g_assert_nonnull (strstr (cell, "<t>" FULL_ID "</t>"));
  g_assert_null (strstr (cell, "<v>"));
  g_assert_null (strstr (sheet, "<v>" FULL_ID "</v>"));
  g_unlink (path);
}

static void
test_subtree (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "branch.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "branch.csv", NULL);
  g_autofree char *sheet = NULL;
  guint n = 0, n_csv = 0;

  /* the same members as the CSV export of the branch, by name and by code */
  g_assert_true (gt_roster_export (storage, "青石村党支部", csv, GT_ROSTER_EXPORT_DEFAULT,
                                   &n_csv, &error));
  g_assert_no_error (error);
  g_assert_true (gt_roster_export_xlsx (storage, "青石村党支部", path, GT_ROSTER_EXPORT_DEFAULT,
                                        &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 38);
  g_assert_cmpuint (n, ==, n_csv);
  sheet = unzip (path, "xl/worksheets/sheet1.xml");
  g_assert_cmpuint (count_substrings (sheet, "<row "), ==, 38 + 1);
  g_assert_cmpuint (count_substrings (sheet, "<t>青石村党支部</t>"), ==, 38);
  g_assert_true (gt_roster_export_xlsx (storage, "330822105006", path, GT_ROSTER_EXPORT_DEFAULT,
                                        &n, &error));
  g_assert_cmpuint (n, ==, 38);

  /* an unknown organisation: an error, and no file */
  g_unlink (path);
  g_assert_false (gt_roster_export_xlsx (storage, "石门村党支部", path, GT_ROSTER_EXPORT_DEFAULT,
                                         &n, &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_UNKNOWN_ORG);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_unlink (csv);
}

static guint
count_entries (const char *folder)
{
  g_autoptr (GDir) handle = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_safe (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (out, "roster.xlsx", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "roster.xlsx", NULL);
  g_autofree char *contents = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  /* an existing file is replaced whole */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (gt_roster_export_xlsx (storage, NULL, path, GT_ROSTER_EXPORT_DEFAULT, &n,
                                        &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));
  g_assert_cmpuint (count_entries (out), ==, 1);
  g_unlink (path);

  /* a folder that does not exist */
  g_assert_false (gt_roster_export_xlsx (storage, NULL, missing, GT_ROSTER_EXPORT_DEFAULT, &n,
                                         &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* a folder in the way: the workbook is written, the rename fails, the temporary file
   * is removed and the folder left as it was */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (gt_roster_export_xlsx (storage, NULL, path, GT_ROSTER_EXPORT_DEFAULT, &n,
                                         &error));
  g_assert_error (error, GT_ROSTER_ERROR, GT_ROSTER_ERROR_OUTPUT);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (out), ==, 1);
  g_assert_cmpuint (count_entries (path), ==, 0);
  g_rmdir (path);
  g_rmdir (out);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("guatu-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "demo.db", NULL);
  storage = gt_storage_open (db, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, DEMO_SEED, &error));
  g_assert_no_error (error);

  g_test_add_func ("/roster-xlsx/masked", test_masked);
  g_test_add_func ("/roster-xlsx/unmasked", test_unmasked);
  g_test_add_func ("/roster-xlsx/subtree", test_subtree);
  g_test_add_func ("/roster-xlsx/safe", test_safe);
  status = g_test_run ();

  g_clear_object (&storage);
  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
  g_free (dir);
  return status;
}
