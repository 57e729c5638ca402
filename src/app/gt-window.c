/* gt-window.c — the main window: header bar, sidebar of areas, content stack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-audit-dialog.h"
#include "gt-audit.h"
#include "gt-county-page.h"
#include "gt-empty-page.h"
#include "gt-exchange-page.h"
#include "gt-first-run-dialog.h"
#include "gt-household-page.h"
#include "gt-develop-page.h"
#include "gt-member-page.h"
#include "gt-org-page.h"
#include "gt-overview-page.h"
#include "gt-preferences-dialog.h"
#include "gt-project-dialog.h"
#include "gt-project-page.h"
#include "gt-registers.h"
#include "gt-life-page.h"
/* charts */
#include "gt-chart-page.h"
#include "gt-score-page.h"
#include "gt-roster-export-dialog.h"
#include "gt-roster-import-dialog.h"
#include "gt-legend-dialog.h"
#include "gt-rules-dialog.h"
#include "gt-shortcuts.h"
#include "gt-task-bar.h"
#include "gt-tasks-page.h"
#include "gt-window-backup.h"
#include "gt-window-exchange.h"
#include "gt-window-role.h"
#include "gt-window-usb.h"
#include "gt-window.h"

struct _GtWindow
{
  GtkApplicationWindow parent_instance;

  GtkHeaderBar *header_bar;
  GtkMenuButton *primary_menu_button;
  GtkInfoBar *info_bar;
  GtkLabel *info_label;
  GtkPaned *paned;
  GtkStack *stack;
  GtkWidget *member_page;
  /* ux: built in code, packed around the layout of gt-window.ui */
  GtkBox *banner_box; /* problem banners and the removable-drive bar, under the info bar */
  GtTaskBar *task_bar; /* long tasks, at the bottom */

  GtStorage *storage;
  gulong changed_handler;
};

G_DEFINE_TYPE (GtWindow, gt_window, GTK_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORAGE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_REPORT_ERROR,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static GSettings *
window_settings (GtWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return GT_IS_APPLICATION (app) ? gt_application_get_settings (GT_APPLICATION (app)) : NULL;
}

#define PAGE_STALE "gt-page-stale"
#define PAGE_HOLDS "gt-page-holds" /* the page was given a database */

static void
give_page (GtPage *page, GtStorage *storage)
{
  g_object_set_data (G_OBJECT (page), PAGE_HOLDS, GINT_TO_POINTER (storage != NULL));
  gt_page_set_storage (page, storage);
}

/* Only the page on screen loads its data; the others are marked and load when shown. On a
 * prefecture's database loading every page took seconds before the first frame. When the
 * database itself changes (@switched), hidden pages that hold the old one let go of it at
 * once; those never given one (at start-up, all but one) are left alone. */
static void
refresh_pages (GtWindow *self, gboolean switched)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (self->stack));
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);

  for (GList *l = children; l != NULL; l = l->next)
    {
      if (!GT_IS_PAGE (l->data))
        continue;
      if (l->data == visible)
        {
          g_object_set_data (l->data, PAGE_STALE, NULL);
          give_page (GT_PAGE (l->data), self->storage);
          continue;
        }
      if (switched && g_object_get_data (l->data, PAGE_HOLDS) != NULL)
        give_page (GT_PAGE (l->data), NULL);
      g_object_set_data (l->data, PAGE_STALE, GINT_TO_POINTER (TRUE));
    }
}

static void update_title (GtWindow *self);

static void
storage_changed_cb (GtStorage *storage, const char *table, GtWindow *self)
{
  if (g_strcmp0 (table, "meta") == 0)
    update_title (self);
  refresh_pages (self, FALSE);
}

/* county: the county office sees the roll-up, a township the tasks it received. */
static void
update_role_pages (GtWindow *self)
{
  g_autofree char *role = self->storage != NULL ? gt_storage_get_meta (self->storage, "role")
                                                : NULL;
  g_autofree char *code = self->storage != NULL
                            ? gt_storage_get_meta (self->storage, "office_code") : NULL;
  gboolean county = g_strcmp0 (role, "county") == 0;
  GtkWidget *roll_up = gtk_stack_get_child_by_name (self->stack, "county");

  /* A prefecture's office (市委组织部) rolls up its whole prefecture. */
  gtk_container_child_set (GTK_CONTAINER (self->stack), roll_up, "title",
                           gt_office_is_prefecture (role, code) ? _("Prefecture Roll-up")
                                                                : _("County Roll-up"),
                           NULL);
  gtk_widget_set_visible (roll_up, county);
  gtk_widget_set_visible (gtk_stack_get_child_by_name (self->stack, "tasks"),
                          self->storage != NULL && !county);
  gt_window_role_update (self, gtk_stack_get_visible_child_name (self->stack));
}

static void
update_title (GtWindow *self)
{
  g_autofree char *office = NULL, *base = NULL, *subtitle = NULL;

  update_role_pages (self);

  if (self->storage == NULL)
    {
      gtk_header_bar_set_subtitle (self->header_bar, _("No database open"));
      return;
    }
  office = gt_storage_get_meta (self->storage, "office_name");
  base = g_path_get_basename (gt_storage_get_path (self->storage));
  subtitle = office != NULL ? g_strdup_printf ("%s — %s", office, base) : g_strdup (base);
  gtk_header_bar_set_subtitle (self->header_bar, subtitle);
}

void
gt_window_set_storage (GtWindow *self, GtStorage *storage)
{
  g_return_if_fail (GT_IS_WINDOW (self));

  if (self->storage == storage)
    return;
  if (self->storage != NULL)
    g_clear_signal_handler (&self->changed_handler, self->storage);
  g_set_object (&self->storage, storage);
  if (storage != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *operator_name = g_strdup (g_getenv ("GUATU_OPERATOR"));

      /* Who opened the database, for the audit log: the operator named when the database
       * was set up, else the user's name. */
      if (operator_name == NULL)
        operator_name = gt_storage_get_meta (storage, "operator");
      if (operator_name == NULL)
        operator_name = g_strdup (g_get_real_name ());
      if (!gt_audit_open_session (storage, operator_name, "guatu", &error))
        g_warning ("%s", error->message);
    }
  if (storage != NULL)
    self->changed_handler = g_signal_connect (storage, "changed",
                                              G_CALLBACK (storage_changed_cb), self);
  update_title (self);
  refresh_pages (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORAGE]);
}

GtStorage *
gt_window_get_storage (GtWindow *self)
{
  g_return_val_if_fail (GT_IS_WINDOW (self), NULL);
  return self->storage;
}

void
gt_window_show_error (GtWindow *self, const char *message)
{
  gtk_label_set_label (self->info_label, message);
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_ERROR);
  gtk_widget_show (GTK_WIDGET (self->info_bar));
}

gboolean
gt_window_open_database (GtWindow *self, const char *path, gboolean create)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  GtkApplication *app;

  storage = gt_storage_open (path, create ? GT_STORAGE_OPEN_CREATE : GT_STORAGE_OPEN_DEFAULT,
                             &error);
  if (storage == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the database. %s"),
                                                  error->message);
      gt_window_show_error (self, message);
      return FALSE;
    }
  gtk_widget_hide (GTK_WIDGET (self->info_bar));
  gt_window_set_storage (self, storage);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (GT_IS_APPLICATION (app))
    gt_application_add_recent (GT_APPLICATION (app), path);
  return TRUE;
}

gboolean
gt_window_show_page (GtWindow *self, const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  /* A page hidden for this office's role (the county roll-up in a township) is not shown:
   * GtkStack would ignore the request without a word. */
  if (page == NULL || !gtk_widget_get_visible (page))
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, name);
  return TRUE;
}

gboolean
gt_window_has_page (GtWindow *self, const char *name)
{
  return gtk_stack_get_child_by_name (self->stack, name) != NULL;
}

static GtkFileFilter *
database_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Guatu databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.guatu");
  gtk_file_filter_add_mime_type (filter, "application/x-guatu-database");
  return filter;
}

static void
file_chooser_response_cb (GtkNativeDialog *dialog, int response, GtWindow *self)
{
  gboolean create = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "create"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (dialog));

      if (create && g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *message = g_strdup_printf (
            _("%s already exists. Choose another name for the new database; the existing "
              "file was left unchanged."), path);
          gt_window_show_error (self, message);
        }
      else if (path != NULL)
        gt_window_open_database (self, path, create);
    }
  g_object_unref (dialog);
}

static void
choose_database (GtWindow *self, gboolean create)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"),
                                        GTK_WINDOW (self),
                                        create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), database_filter ());
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("guatu.db"));
  g_object_set_data (G_OBJECT (dialog), "create", GINT_TO_POINTER (create));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_database_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  choose_database (GT_WINDOW (user_data), FALSE);
}

/* A name for a new database that is not taken yet, next to the default one. */
static char *
new_database_path (void)
{
  g_autofree char *default_path = gt_storage_default_path ();
  g_autofree char *folder = g_path_get_dirname (default_path);
  char *path = g_strdup (default_path);

  for (int n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = g_strdup_printf ("guatu-%d.db", n);

      g_free (path);
      path = g_build_filename (folder, name, NULL);
    }
  return path;
}

void
gt_window_show_first_run (GtWindow *self, const char *path, gboolean create)
{
  g_autofree char *new_path = path != NULL ? g_strdup (path) : new_database_path ();

  gtk_window_present (GTK_WINDOW (gt_first_run_dialog_new (self, new_path, create)));
}

static void
new_database_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  gt_window_show_first_run (GT_WINDOW (user_data), NULL, TRUE);
}

static void
preferences_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (gt_preferences_dialog_new (GTK_WINDOW (self),
                                                             self->storage)));
}

char *
gt_window_manual_uri (void)
{
  const char *env = g_getenv ("GUATU_MANUAL_DIR");
  g_autofree char *datadir = g_path_get_dirname (PKGDATADIR);
  g_autofree char *installed = g_build_filename (datadir, "doc", "guatu", "manual",
                                                 "index.html", NULL);
  g_autofree char *from_env = env != NULL ? g_build_filename (env, "index.html", NULL) : NULL;

  if (from_env != NULL && g_file_test (from_env, G_FILE_TEST_IS_REGULAR))
    return g_filename_to_uri (from_env, NULL, NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_filename_to_uri (installed, NULL, NULL);
  return NULL;
}

static void
help_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);
  g_autofree char *uri = gt_window_manual_uri ();
  g_autoptr (GError) error = NULL;

  if (uri == NULL)
    {
      gt_window_show_problem (self, _("The user manual is not installed."),
                              _("Install Guatu from its package, or read docs/manual in the "
                                "source code."), NULL, NULL);
      return;
    }
  if (!gtk_show_uri_on_window (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the user manual. %s"),
                                                  error->message);
      g_autofree char *next = g_strdup_printf (_("Open %s in a web browser."), uri);

      gt_window_show_problem (self, message, next, NULL, NULL);
    }
}

static void
welcome_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  gt_window_show_first_run (GT_WINDOW (user_data), NULL, FALSE);
}

static void
search_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);

  gt_window_show_page (self, "members");
  gtk_widget_grab_focus (self->member_page);
}

static void
show_page_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  gt_window_show_page (GT_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
import_roster_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);

  if (self->storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_roster_import_dialog_new (GTK_WINDOW (self),
                                                                 self->storage)));
}

static void
export_roster_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);

  if (self->storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_roster_export_dialog_new (GTK_WINDOW (self),
                                                                 self->storage)));
}

static void
rules_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);

  if (self->storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_rules_dialog_new (GTK_WINDOW (self), self->storage)));
}

static void
chart_legend_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);

  if (self->storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_legend_dialog_new (GTK_WINDOW (self), self->storage)));
}

static void
audit_log_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);

  if (self->storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_audit_dialog_new (GTK_WINDOW (self), self->storage)));
}

/* win.open-project (int64 id): the project dialog the project library opens, from anywhere
 * (a click on a project in a wall chart); the dialog already open for it comes to the front. */
static void
open_project_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtWindow *self = GT_WINDOW (user_data);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (GList) toplevels = NULL;

  if (self->storage == NULL || id <= 0)
    return;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GT_IS_PROJECT_DIALOG (l->data)
        && gtk_window_get_transient_for (GTK_WINDOW (l->data)) == GTK_WINDOW (self)
        && gt_project_dialog_get_project_id (GT_PROJECT_DIALOG (l->data)) == id)
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }
  gtk_window_present (GTK_WINDOW (gt_project_dialog_new (GTK_WINDOW (self), self->storage, id)));
}

static const GActionEntry win_entries[] = {
  { "open-database", open_database_activated },
  { "new-database", new_database_activated },
  { "search", search_activated },
  { "show-page", show_page_activated, "s" },
  { "import-roster", import_roster_activated },
  { "export-roster", export_roster_activated },
  { "rules", rules_activated },
  { "chart-legend", chart_legend_activated },
  { "audit-log", audit_log_activated },
  { "open-project", open_project_activated, "x" },
  { "backup", gt_window_backup_activated },
  { "restore", gt_window_restore_activated },
  /* ux */
  { "welcome", welcome_activated },
  { "preferences", preferences_activated },
  { "help", help_activated },
};

static void
info_bar_response_cb (GtkInfoBar *info_bar, int response, GtWindow *self)
{
  gtk_widget_hide (GTK_WIDGET (info_bar));
}

static void
stack_page_changed_cb (GtkStack *stack, GParamSpec *pspec, GtWindow *self)
{
  GSettings *settings = window_settings (self);
  const char *name = gtk_stack_get_visible_child_name (stack);
  GtkWidget *page = gtk_stack_get_visible_child (stack);

  if (GT_IS_PAGE (page) && g_object_get_data (G_OBJECT (page), PAGE_STALE) != NULL)
    {
      g_object_set_data (G_OBJECT (page), PAGE_STALE, NULL);
      give_page (GT_PAGE (page), self->storage);
    }
  if (settings != NULL && name != NULL)
    g_settings_set_string (settings, "last-view", name);
  gt_window_role_update (self, name);
}

static void
report_error_cb (GtWindow *self, const char *message)
{
  gt_window_show_error (self, message);
}

void
gt_window_save_state (GtWindow *self)
{
  GSettings *settings = window_settings (self);
  GdkWindow *window = gtk_widget_get_window (GTK_WIDGET (self));
  gboolean maximized;
  int width, height;

  if (settings == NULL || window == NULL)
    return;
  maximized = (gdk_window_get_state (window) & GDK_WINDOW_STATE_MAXIMIZED) != 0;
  g_settings_set_boolean (settings, "window-maximized", maximized);
  g_settings_set_int (settings, "sidebar-width",
                      CLAMP (gtk_paned_get_position (self->paned), 100, 600));
  if (!maximized)
    {
      gtk_window_get_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static gboolean
gt_window_delete_event (GtkWidget *widget, GdkEventAny *event)
{
  gt_window_save_state (GT_WINDOW (widget));
  return GDK_EVENT_PROPAGATE;
}

static void
gt_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STORAGE:
      g_value_set_object (value, GT_WINDOW (object)->storage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gt_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STORAGE:
      gt_window_set_storage (GT_WINDOW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gt_window_dispose (GObject *object)
{
  GtWindow *self = GT_WINDOW (object);

  if (self->storage != NULL)
    g_clear_signal_handler (&self->changed_handler, self->storage);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_window_parent_class)->dispose (object);
}

static void
gt_window_class_init (GtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gt_window_get_property;
  object_class->set_property = gt_window_set_property;
  object_class->dispose = gt_window_dispose;
  widget_class->delete_event = gt_window_delete_event;

  properties[PROP_STORAGE] = g_param_spec_object ("storage", "Storage", "The open database",
                                                  GT_TYPE_STORAGE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GtWindow::report-error:
   * @message: a translated, complete sentence
   *
   * Pages emit this to show a problem in the window's info bar.
   */
  signals[SIGNAL_REPORT_ERROR] = g_signal_new_class_handler (
    "report-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, G_CALLBACK (report_error_cb),
    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GT_TYPE_EMPTY_PAGE);
  g_type_ensure (GT_TYPE_OVERVIEW_PAGE);
  g_type_ensure (GT_TYPE_ORG_PAGE);
  g_type_ensure (GT_TYPE_MEMBER_PAGE);
  g_type_ensure (GT_TYPE_HOUSEHOLD_PAGE);
  g_type_ensure (GT_TYPE_PROJECT_PAGE);
  g_type_ensure (GT_TYPE_EXCHANGE_PAGE);
  g_type_ensure (GT_TYPE_LIFE_PAGE); /* life */
  g_type_ensure (GT_TYPE_DEVELOP_PAGE); /* develop */
  /* charts */
  g_type_ensure (GT_TYPE_CHART_PAGE);
  g_type_ensure (GT_TYPE_SCORE_PAGE); /* scoring */
  g_type_ensure (GT_TYPE_COUNTY_PAGE); /* county */
  g_type_ensure (GT_TYPE_TASKS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GtWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, GtWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GtWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, GtWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, GtWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, GtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GtWindow, member_page);
  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);
}

/* ux: the banner box under the info bar and the task bar at the bottom. */
static void
gt_window_init_shell (GtWindow *self)
{
  GtkWidget *vbox = gtk_bin_get_child (GTK_BIN (self));

  self->banner_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_name (GTK_WIDGET (self->banner_box), "banner_box");
  gtk_widget_show (GTK_WIDGET (self->banner_box));
  gtk_box_pack_start (GTK_BOX (vbox), GTK_WIDGET (self->banner_box), FALSE, TRUE, 0);
  gtk_box_reorder_child (GTK_BOX (vbox), GTK_WIDGET (self->banner_box), 1);
  self->task_bar = gt_task_bar_new ();
  gtk_box_pack_end (GTK_BOX (vbox), GTK_WIDGET (self->task_bar), FALSE, TRUE, 0);
  gt_window_usb_init (self);
  gt_info_bar_name_close_button (self->info_bar);
}

GtTaskBar *
gt_window_get_task_bar (GtWindow *self)
{
  g_return_val_if_fail (GT_IS_WINDOW (self), NULL);
  return self->task_bar;
}

GtkBox *
gt_window_get_banner_box (GtWindow *self)
{
  g_return_val_if_fail (GT_IS_WINDOW (self), NULL);
  return self->banner_box;
}

GtkWidget *
gt_window_show_problem (GtWindow *self, const char *message, const char *next_step,
                        const char *button_label, const char *action_name)
{
  GtkWidget *banner;

  g_return_val_if_fail (GT_IS_WINDOW (self), NULL);
  banner = gt_banner_new (GTK_MESSAGE_ERROR, message, next_step, button_label, action_name,
                          NULL);
  gtk_box_pack_start (self->banner_box, banner, FALSE, TRUE, 0);
  return banner;
}

static void
gt_window_init (GtWindow *self)
{
  g_autoptr (GtkBuilder) menus = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Glade cannot edit GMenu models, so they are in their own file. */
  menus = gtk_builder_new_from_resource (RESOURCE_PATH "/gt-menus.ui");
  gtk_menu_button_set_menu_model (self->primary_menu_button,
                                  G_MENU_MODEL (gtk_builder_get_object (menus, "primary_menu")));
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           gt_shortcuts_window_new ());
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries),
                                   self);
  gt_window_exchange_init (self); /* exchange */
  gtk_widget_hide (GTK_WIDGET (self->info_bar));
  gt_window_init_shell (self);
  update_title (self);
  refresh_pages (self, TRUE);
}

/* The first start on a screen too small for the default size with room around it (a
 * township's 1366 × 768 office PC): the window opens maximized, so that wide tables such as
 * the county roll-up show all their columns. Once the window was closed its state is kept. */
static gboolean
first_start_on_small_screen (GSettings *settings)
{
  g_autoptr (GVariant) saved = g_settings_get_user_value (settings, "window-maximized");
  GdkDisplay *display = gdk_display_get_default ();
  GdkMonitor *monitor;
  GdkRectangle work;

  if (saved != NULL || display == NULL)
    return FALSE;
  monitor = gdk_display_get_primary_monitor (display);
  if (monitor == NULL)
    monitor = gdk_display_get_monitor (display, 0);
  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_workarea (monitor, &work);
  return work.width <= 1440 || work.height <= 800;
}

GtWindow *
gt_window_new (GtApplication *application)
{
  GtWindow *self = g_object_new (GT_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings = gt_application_get_settings (application);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized") ||
          first_start_on_small_screen (settings))
        gtk_window_maximize (GTK_WINDOW (self));
      gtk_paned_set_position (self->paned, g_settings_get_int (settings, "sidebar-width"));
      gt_member_page_bind_mask_setting (GT_MEMBER_PAGE (self->member_page), settings);
      /* The saved page is shown here, not on realize: a --page given on the command line
       * comes after and must win over it. */
      {
        g_autofree char *view = g_settings_get_string (settings, "last-view");
        gt_window_show_page (self, view);
      }
    }
  return self;
}
