/* bench-startup.c — start-up to first frame: the real application on a database, timed by
 * tests/bench/run.py from the moment it starts this program to the line printed here when the
 * main window has painted its first frame (target < 400 ms on the 200 000-member database).
 *
 *   bench-startup DB [PAGE]
 *
 * PAGE (overview, members, life, points, …) is the area shown first: its first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "gt-application.h"

static gboolean
quit_cb (gpointer app)
{
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock, GtkApplication *app)
{
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_idle_add (quit_cb, app);
}

static void
window_added_cb (GtkApplication *app, GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);

  /* The frame clock exists once the window is realized, before its first paint. */
  if (!gtk_widget_get_realized (widget))
    gtk_widget_realize (widget);
  g_signal_connect (gdk_window_get_frame_clock (gtk_widget_get_window (widget)), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

int
main (int argc, char **argv)
{
  g_autoptr (GtApplication) app = NULL;
  g_autofree char *page = NULL;
  char *app_argv[] = { "guatu", "--db", NULL, NULL, NULL };

  if (argc != 2 && argc != 3)
    {
      fprintf (stderr, "usage: %s DB [PAGE]\n", argv[0]);
      return 2;
    }
  setlocale (LC_ALL, "");
  app_argv[2] = argv[1];
  if (argc == 3)
    app_argv[3] = page = g_strconcat ("--page=", argv[2], NULL);
  app = gt_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc == 3 ? 4 : 3, app_argv);
}
