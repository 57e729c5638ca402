/* gui-test.c — what the GUI tests share: running the app on a demo database under Xvfb,
 * finding widgets, pumping the main loop, and screenshots of what the user sees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gt-demo.h"
#include "gui-test.h"

char *shot_dir;

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for a moment, so the frame clock lays out and paints. */
void
pump (void)
{
  gboolean done = FALSE;

  g_timeout_add (120, timed_out, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GtkWidget *
find_widget (GtkWidget *root, GType type, const char *name)
{
  GtkWidget *found = NULL;
  GList *children;

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (root)), name) == 0))
    return root;
  if (!GTK_IS_CONTAINER (root))
    return NULL;
  children = gtk_container_get_children (GTK_CONTAINER (root));
  for (GList *l = children; l != NULL && found == NULL; l = l->next)
    found = find_widget (l->data, type, name);
  g_list_free (children);
  return found;
}

int
count_rows (GtkTreeModel *model, GtkTreeIter *parent)
{
  GtkTreeIter iter;
  int n = 0;

  if (!gtk_tree_model_iter_children (model, &iter, parent))
    return 0;
  do
    n += 1 + count_rows (model, &iter);
  while (gtk_tree_model_iter_next (model, &iter));
  return n;
}

GtkTreeModel *
page_model (GtkStack *stack, const char *page)
{
  GtkWidget *child = gtk_stack_get_child_by_name (stack, page);
  GtkWidget *view = find_widget (child, GTK_TYPE_TREE_VIEW, NULL);

  g_assert_nonnull (view);
  return gtk_tree_view_get_model (GTK_TREE_VIEW (view));
}

/* Whether @pixbuf shows anything but one colour. */
static gboolean
is_varied (GdkPixbuf *pixbuf)
{
  const guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), channels = gdk_pixbuf_get_n_channels (pixbuf);
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);

  for (int y = 0; y < h; y += 3)
    for (int x = 0; x < w; x += 3)
      if (memcmp (pixels + y * stride + x * channels, pixels, 3) != 0)
        return TRUE;
  return FALSE;
}

/* Whether a GtkStack below @widget is still fading or sliding from one child to another. */
static gboolean
transition_running (GtkWidget *widget)
{
  g_autoptr (GList) children = NULL;

  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (!GTK_IS_CONTAINER (widget))
    return FALSE;
  children = gtk_container_get_children (GTK_CONTAINER (widget));
  for (GList *l = children; l != NULL; l = l->next)
    if (transition_running (l->data))
      return TRUE;
  return FALSE;
}

/* Saves what the X server shows of the window as PNG, and checks it is not blank. On a
 * loaded machine the first frame can come late: up to 20 s of main loop before giving up. */
void
screenshot (GtkWidget *window, const char *name)
{
  GdkWindow *gdk_window = gtk_widget_get_window (window);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *file = NULL, *png = g_strconcat (name, ".png", NULL);

  for (int attempt = 0; attempt < 200; attempt++)
    {
      g_clear_object (&pixbuf);
      gtk_widget_queue_draw (window);
      pump ();
      if (transition_running (window))
        continue; /* a page still fading in would show two pages at once */
      pixbuf = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                           gdk_window_get_height (gdk_window));
      g_assert_nonnull (pixbuf);
      if (is_varied (pixbuf))
        break;
      g_usleep (100 * 1000);
    }
  g_assert_nonnull (pixbuf);
  g_assert_true (is_varied (pixbuf));

  file = g_build_filename (shot_dir, png, NULL);
  g_assert_true (gdk_pixbuf_save (pixbuf, file, "png", &error, NULL));
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", file);
}

GtkWidget *
shown_dialog (const char *type_name)
{
  GtkWidget *dialog = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), type_name) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

GtkWidget *
find_dialog (const char *type_name)
{
  GtkWidget *dialog = shown_dialog (type_name);

  g_assert_nonnull (dialog);
  return dialog;
}

const char *
label_text (GtkWidget *dialog, const char *name)
{
  GtkWidget *label = find_widget (dialog, GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

void
gui_test_init (int *argc, char ***argv)
{
  const char *localedir = g_getenv ("GUATU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (argc, argv, NULL);
  /* gtk_test_init () switches to the C locale; the Chinese run needs the real one back. */
  setlocale (LC_ALL, "");

  shot_dir = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".",
                               "screenshots", g_str_has_prefix (setlocale (LC_MESSAGES, NULL),
                                                                "zh_CN") ? "zh_CN" : "C", NULL);
  g_mkdir_with_parents (shot_dir, 0755);
}

char *
gui_test_demo_db (const char *name, char **dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  char *path;

  *dir = g_dir_make_tmp ("guatu-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, name, NULL);
  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (gt_demo_build_township (storage, 20180730, &error));
  g_assert_no_error (error);
  return path;
}

void
gui_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      /* Backups go to a folder beside the database. */
      if (g_file_test (file, G_FILE_TEST_IS_DIR) && !g_file_test (file, G_FILE_TEST_IS_SYMLINK))
        gui_test_remove_dir (file);
      else
        g_unlink (file);
    }
  g_rmdir (dir);
}

void
gui_test_run_app (const char *db_path, GSourceFunc drive, gpointer data)
{
  gui_test_run_app_with (db_path, NULL, drive, data);
}

void
gui_test_run_app_with (const char *db_path, const char *const *more_args, GSourceFunc drive,
                       gpointer data)
{
  g_autoptr (GtApplication) app = gt_application_new ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, "guatu");
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db_path);
  for (int i = 0; more_args != NULL && more_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) more_args[i]);
  g_ptr_array_add (argv, NULL);

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "test-data", data);
  g_timeout_add (300, drive, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), (int) argv->len - 1,
                                      (char **) argv->pdata), ==, 0);
}

gint64
gui_test_scalar (GtStorage *storage, const char *sql)
{
  gint64 value = -1;

  g_assert_true (gt_storage_query_int64 (storage, sql, &value, NULL));
  return value;
}

char *
gui_test_run (const char *command)
{
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}
