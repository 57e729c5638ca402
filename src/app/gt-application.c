/* gt-application.c — Guatu's GtkApplication: one instance, one window per database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "gt-application.h"
#include "gt-window.h"

#define MAX_RECENT 8

struct _GtApplication
{
  GtkApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_TYPE (GtApplication, gt_application, GTK_TYPE_APPLICATION)

/* In the sidebar's order: Alt+1 … Alt+9, then Alt+0. */
static const char *const page_names[] = {
  "overview", "organizations", "members", "households", "develop", "life", "points", "charts",
  "wall-charts", "exchange",
};

static GtWindow *
active_window (GtApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return GT_IS_WINDOW (window) ? GT_WINDOW (window) : NULL;
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtApplication *self = GT_APPLICATION (user_data);
  const char *authors[] = { _("The Guatu developers"), NULL };

  gtk_show_about_dialog (GTK_WINDOW (active_window (self)),
                         "program-name", _("Guatu"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Party organisation records, 挂图作战 wall charts and "
                                       "exchange files for township and county offices"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtApplication *self = GT_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Each window saves its size and state and is destroyed now: gtk_window_close() only
   * queues the delete event, which the quitting main loop would never deliver, and a window
   * left alive keeps its database open (its WAL and holder file stay behind). */
  while (windows != NULL)
    {
      GList *next = windows->next;
      if (GT_IS_WINDOW (windows->data))
        gt_window_save_state (GT_WINDOW (windows->data));
      gtk_widget_destroy (GTK_WIDGET (windows->data));
      windows = next;
    }
  g_application_quit (G_APPLICATION (self));
}

/* SIGTERM (a logout, `kill`), SIGINT and SIGHUP quit as Ctrl+Q does: the windows save their
 * state and the database is closed, which removes its holder file (DB.holder-PID). */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_entries[] = {
  { "about", about_activated },
  { "quit", quit_activated },
};

static void
set_accels (GtApplication *self)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "win.open-database", { "<Primary>o", NULL } },
    { "win.new-database", { "<Primary>n", NULL } },
    { "win.search", { "<Primary>f", NULL } },
    { "win.import-roster", { "<Primary>i", NULL } },
    { "win.export-roster", { "<Primary>e", NULL } },
    { "win.exchange-import", { "<Primary><Shift>i", NULL } },
    { "win.exchange-export", { "<Primary><Shift>e", NULL } },
    { "win.show-help-overlay", { "<Primary>question", "<Primary>F1", NULL } },
    { "win.preferences", { "<Primary>comma", NULL } },
    { "win.help", { "F1", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page('%s')", page_names[i]);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", (i + 1) % 10);
      const char *list[] = { accel, NULL };
      gtk_application_set_accels_for_action (GTK_APPLICATION (self), action, list);
    }
}

static void
load_css (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_screen (gdk_screen_get_default (),
                                             GTK_STYLE_PROVIDER (provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
gt_application_startup (GApplication *application)
{
  GtApplication *self = GT_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (gt_application_parent_class)->startup (application);

  g_set_application_name (_("Guatu"));
  gtk_window_set_default_icon_name (APP_ID);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_warning ("GSettings schema %s is not installed; preferences will not be remembered",
               APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  set_accels (self);
  load_css ();
  g_unix_signal_add (SIGTERM, on_quit_signal, self);
  g_unix_signal_add (SIGINT, on_quit_signal, self);
  g_unix_signal_add (SIGHUP, on_quit_signal, self);
}

static int
gt_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("guatu %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static int
gt_application_command_line (GApplication *application, GApplicationCommandLine *command_line)
{
  GtApplication *self = GT_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db_arg = NULL, *path = NULL;
  const char *page = NULL;
  GtWindow *window;

  g_variant_dict_lookup (options, "db", "^ay", &db_arg);
  g_variant_dict_lookup (options, "page", "&s", &page);

  if (db_arg != NULL)
    {
      g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                                db_arg);
      path = g_file_get_path (file);
    }
  else
    {
      const char *env = g_application_command_line_getenv (command_line, "GUATU_DB");
      path = env != NULL && *env != '\0' ? g_strdup (env) : gt_storage_default_path ();
    }

  window = gt_window_new (self);
  /* No database yet: the welcome dialog sets one up, opens the demo or another file. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gtk_window_present (GTK_WINDOW (window));
      gt_window_show_first_run (window, path, FALSE);
      return 0;
    }
  gt_window_open_database (window, path, TRUE);
  if (page != NULL && !gt_window_show_page (window, page))
    {
      if (gt_window_has_page (window, page))
        g_application_command_line_printerr (command_line,
                                             _("guatu: page “%s” is not part of this office’s "
                                               "database (a county’s or a township’s only)\n"),
                                             page);
      else
        g_application_command_line_printerr (command_line, _("guatu: unknown page “%s”\n"),
                                             page);
    }
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
gt_application_dispose (GObject *object)
{
  g_clear_object (&GT_APPLICATION (object)->settings);
  G_OBJECT_CLASS (gt_application_parent_class)->dispose (object);
}

static void
gt_application_class_init (GtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gt_application_dispose;
  app_class->startup = gt_application_startup;
  app_class->handle_local_options = gt_application_handle_local_options;
  app_class->command_line = gt_application_command_line;
}

static void
gt_application_init (GtApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Database file (default: $GUATU_DB or ~/.local/share/guatu/guatu.db)"), N_("FILE") },
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Area to show first: overview, organizations, members, households, develop, life, "
         "points, charts (the project library), wall-charts, exchange, county or tasks"),
      N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

GtApplication *
gt_application_new (void)
{
  /* Guatu draws with cairo, never with OpenGL. Without this, opening the display loads and
   * asks the GL driver (GLX) for its visuals: a quarter of the start-up under Xvfb. A GDK_GL
   * of the user's own wins. Here, before GTK opens the display and before any thread. */
  g_setenv ("GDK_GL", "disable", FALSE);
  return g_object_new (GT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

GSettings *
gt_application_get_settings (GtApplication *self)
{
  g_return_val_if_fail (GT_IS_APPLICATION (self), NULL);
  return self->settings;
}

void
gt_application_add_recent (GtApplication *self, const char *path)
{
  g_auto (GStrv) old = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) recent = NULL;
  guint n = 1;

  if (self->settings == NULL)
    return;
  old = g_settings_get_strv (self->settings, "recent-databases");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-databases", (const char *const *) recent);
  g_settings_set_string (self->settings, "last-database", path);
}
