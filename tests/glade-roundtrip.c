/* glade-roundtrip.c — every .ui file opens in Glade 3.40 with all its types recognised and
 * saves back byte for byte, so maintainers can edit layouts in Glade without touching C.
 *
 * Usage: glade-roundtrip FILE.ui… (with GLADE_CATALOG_SEARCH_PATH pointing at data/glade).
 * Prints TAP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gladeui/glade.h>
#include <glib/gstdio.h>
#include <string.h>

static int test_number;
static gboolean all_ok = TRUE;

static void
report (gboolean ok, const char *what, const char *file)
{
  g_print ("%s %d - %s: %s\n", ok ? "ok" : "not ok", ++test_number, file, what);
  all_ok &= ok;
}

static gboolean
all_types_known (GladeProject *project)
{
  gboolean ok = TRUE;

  for (const GList *l = glade_project_get_objects (project); l != NULL; l = l->next)
    {
      GladeWidget *widget = glade_widget_get_from_gobject (l->data);
      const char *warning = glade_widget_support_warning (widget);

      if (warning != NULL)
        {
          g_print ("# %s: %s\n", glade_widget_get_name (widget), warning);
          ok = FALSE;
        }
    }
  return ok;
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = NULL;

  gtk_init (&argc, &argv);
  glade_init ();
  tmpdir = g_dir_make_tmp ("guatu-glade-XXXXXX", NULL);

  g_print ("1..%d\n", 3 * (argc - 1));
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autofree char *saved = g_build_filename (tmpdir, base, NULL);
      g_autofree char *before = NULL, *after = NULL;
      g_autoptr (GError) error = NULL;
      gsize before_len = 0, after_len = 0;
      GladeProject *project = glade_project_load (argv[i]);
      gboolean same;

      report (project != NULL, "opens in Glade", base);
      if (project == NULL)
        {
          report (FALSE, "every type is known to Glade", base);
          report (FALSE, "saves back unchanged", base);
          continue;
        }
      if (!all_types_known (project))
        {
          /* Saving would stop at a "project has errors" dialog. */
          report (FALSE, "every type is known to Glade", base);
          report (FALSE, "saves back unchanged", base);
          continue;
        }
      report (TRUE, "every type is known to Glade", base);

      if (!glade_project_save (project, saved, &error))
        {
          g_print ("# %s\n", error->message);
          report (FALSE, "saves back unchanged", base);
          continue;
        }
      g_file_get_contents (argv[i], &before, &before_len, NULL);
      g_file_get_contents (saved, &after, &after_len, NULL);
      same = before != NULL && after != NULL && before_len == after_len &&
             memcmp (before, after, before_len) == 0;
      if (!same)
        g_print ("# differs from what Glade writes; open it in Glade and save, or compare with "
                 "%s\n", saved);
      else
        g_unlink (saved);
      report (same, "saves back unchanged", base);
      g_object_unref (project);
    }
  g_rmdir (tmpdir);
  return all_ok ? 0 : 1;
}
