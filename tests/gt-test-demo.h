/* gt-test-demo.h — a fresh demo township in a real SQLite file, for one test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *path;
  GtStorage *storage;
} GtTestDemo;

/* g_test_add () setup and teardown: @data is the demo's seed (GUINT_TO_POINTER). */
void gt_test_demo_setup (GtTestDemo *fx, gconstpointer data);
void gt_test_demo_teardown (GtTestDemo *fx, gconstpointer data);

/* A new database at @path holding the demo township for @seed. The demo is built once per
 * test program and seed and copied for every later test: building it takes seconds (ten
 * under ASan), copying a file milliseconds. */
GtStorage *gt_test_demo_create (const char *path, guint seed);

/* Opens a copy of the database file @template_db in a new temporary folder, so each test
 * starts from the same demo without building it again. */
void gt_test_demo_copy (GtTestDemo *fx, const char *template_db);

/* One integer from a query that cannot fail. */
gint64 gt_test_count (GtStorage *storage, const char *sql);

/* Removes @dir and everything below it (symbolic links are removed, not followed). */
void gt_test_remove_tree (const char *dir);

/* Switches the test program to zh_CN.UTF-8 with Guatu's translations, as the programs do
 * ($GUATU_LOCALEDIR or the installed ones); FALSE, with the test skipped, when the system
 * lacks the locale. */
gboolean gt_test_use_zh_CN (void);

/* A string of @n copies of the UTF-8 character @c. */
char *gt_test_repeat (const char *c, guint n);

/* The whole text of a file that must exist. */
char *gt_test_read_text (const char *path);

/* The paths of @storage's backups, newest first, one a line. */
char *gt_test_backup_names (GtStorage *storage);

G_END_DECLS
