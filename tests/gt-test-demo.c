/* gt-test-demo.c — a fresh demo township in a real SQLite file, for one test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "gt-demo.h"
#include "gt-backup.h"
#include "gt-test-demo.h"

static char *template_dir; /* the demos built so far, one file per seed */

static void
remove_templates (void)
{
  if (template_dir != NULL)
    gt_test_remove_tree (template_dir);
  g_clear_pointer (&template_dir, g_free);
}

static void
copy_file (const char *from, const char *to)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents (to, contents, length, &error));
  g_assert_no_error (error);
}

GtStorage *
gt_test_demo_create (const char *path, guint seed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("demo-%u.db", seed);
  g_autofree char *template = NULL;
  GtStorage *storage;

  if (template_dir == NULL)
    {
      template_dir = g_dir_make_tmp ("guatu-test-demos-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_templates);
    }
  template = g_build_filename (template_dir, name, NULL);
  if (!g_file_test (template, G_FILE_TEST_EXISTS))
    {
      g_autoptr (GtStorage) built = gt_storage_open (template, GT_STORAGE_OPEN_CREATE, &error);

      g_assert_no_error (error);
      g_assert_true (gt_demo_build_township (built, seed, &error));
      g_assert_no_error (error);
      /* closing checkpoints the WAL into the file */
    }
  copy_file (template, path);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return storage;
}

void
gt_test_demo_setup (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-test-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "demo.db", NULL);
  fx->storage = gt_test_demo_create (fx->path, GPOINTER_TO_UINT (data));
}

void
gt_test_demo_copy (GtTestDemo *fx, const char *template_db)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-test-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "guatu.db", NULL);
  copy_file (template_db, fx->path);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

void
gt_test_demo_teardown (GtTestDemo *fx, gconstpointer data)
{
  g_clear_object (&fx->storage);
  if (fx->dir != NULL)
    gt_test_remove_tree (fx->dir);
  g_clear_pointer (&fx->path, g_free);
  g_clear_pointer (&fx->dir, g_free);
}

void
gt_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        gt_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

char *
gt_test_read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

gint64
gt_test_count (GtStorage *storage, const char *sql)
{
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (gt_storage_query_int64 (storage, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

char *
gt_test_repeat (const char *c, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, c);
  return g_string_free (s, FALSE);
}

gboolean
gt_test_use_zh_CN (void)
{
  const char *localedir = g_getenv ("GUATU_LOCALEDIR");

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale");
      return FALSE;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

char *
gt_test_backup_names (GtStorage *storage)
{
  g_autoptr (GPtrArray) backups = gt_backup_list (storage);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < backups->len; i++)
    g_string_append_printf (names, "%s\n", ((GtBackupInfo *) backups->pdata[i])->path);
  return g_string_free (g_steal_pointer (&names), FALSE);
}
