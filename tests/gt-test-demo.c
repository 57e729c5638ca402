/* gt-test-demo.c — a fresh demo township in a real SQLite file, for one test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "gt-demo.h"
#include "gt-test-demo.h"

void
gt_test_demo_setup (GtTestDemo *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("guatu-test-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "demo.db", NULL);
  fx->storage = gt_storage_open (fx->path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (fx->storage, GPOINTER_TO_UINT (data), &error));
  g_assert_no_error (error);
}

void
gt_test_demo_teardown (GtTestDemo *fx, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fx->storage);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fx->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fx->dir);
  g_clear_pointer (&fx->path, g_free);
  g_clear_pointer (&fx->dir, g_free);
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
