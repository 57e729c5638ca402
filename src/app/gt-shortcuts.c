/* gt-shortcuts.c — the keyboard shortcuts window (Ctrl+?)
 *
 * Built in code rather than from a .ui file: Glade 3.40 cannot load or save
 * GtkShortcutsWindow, and every .ui file in ui/ must round-trip through Glade. Each entry
 * names an action; GTK shows whatever accelerator the application set for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-shortcuts.h"

typedef struct
{
  const char *group;  /* starts a new group when not NULL */
  const char *action; /* detailed action name */
  const char *title;
} Shortcut;

static const Shortcut shortcuts[] = {
  { N_("General"), "win.new-database", N_("New database") },
  { NULL, "win.open-database", N_("Open database") },
  { NULL, "win.search", N_("Search members") },
  { NULL, "win.import-roster", N_("Import a roster") },
  { NULL, "win.export-roster", N_("Export the roster") },
  { NULL, "win.exchange-import", N_("Import exchange packages") },
  { NULL, "win.exchange-export", N_("Export an exchange package") },
  { NULL, "win.preferences", N_("Preferences") },
  { NULL, "win.help", N_("User manual") },
  { NULL, "win.show-help-overlay", N_("Keyboard shortcuts") },
  { NULL, "app.quit", N_("Quit") },
  { N_("Areas"), "win.show-page('overview')", N_("Overview") },
  { NULL, "win.show-page('organizations')", N_("Organisations") },
  { NULL, "win.show-page('members')", N_("Members") },
  { NULL, "win.show-page('households')", N_("Households") },
  { NULL, "win.show-page('develop')", N_("Member development") },
  { NULL, "win.show-page('life')", N_("Organisational life") },
  { NULL, "win.show-page('points')", N_("Points and ratings") },
  { NULL, "win.show-page('charts')", N_("Project Library") },
  { NULL, "win.show-page('wall-charts')", N_("Wall charts") },
  { NULL, "win.show-page('exchange')", N_("Data exchange") },
};

GtkShortcutsWindow *
gt_shortcuts_window_new (void)
{
  GtkWidget *window, *section, *group = NULL;

  window = g_object_new (GTK_TYPE_SHORTCUTS_WINDOW, "modal", TRUE, NULL);
  section = g_object_new (GTK_TYPE_SHORTCUTS_SECTION, "section-name", "shortcuts",
                          "max-height", 12, "visible", TRUE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      const Shortcut *s = &shortcuts[i];

      if (s->group != NULL)
        {
          group = g_object_new (GTK_TYPE_SHORTCUTS_GROUP, "title", _(s->group), "visible", TRUE,
                                NULL);
          gtk_container_add (GTK_CONTAINER (section), group);
        }
      gtk_container_add (GTK_CONTAINER (group),
                         g_object_new (GTK_TYPE_SHORTCUTS_SHORTCUT, "action-name", s->action,
                                       "title", _(s->title), "visible", TRUE, NULL));
    }
  gtk_container_add (GTK_CONTAINER (window), section);
  return GTK_SHORTCUTS_WINDOW (window);
}
