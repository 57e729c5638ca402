/* main.c — starts Guatu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gt-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (GtApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* GUATU_LOCALEDIR lets the uninstalled build and the tests find their translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUATU_LOCALEDIR") != NULL
                                     ? g_getenv ("GUATU_LOCALEDIR")
                                     : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = gt_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
