/* gt-first-run-dialog.c — the welcome dialog shown when there is no database yet
 *
 * Three ways in: set up the office's own database (role, office name and code, the
 * operator's name: gt_office_create(), the same code as `guatu-cli init`), open the demo
 * township (gt_demo_build_township(), the same code as `guatu-cli demo`, in a worker
 * thread), or open an existing or recently used database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-demo.h"
#include "gt-first-run-dialog.h"
#include "gt-office.h"

struct _GtFirstRunDialog
{
  GtkDialog parent_instance;

  GtkStack *stack;
  GtkWidget *back_button;
  GtkWidget *create_button;
  GtkWidget *demo_button;
  GtkWidget *recent_label;
  GtkListBox *recent_list;
  GtkComboBox *role_combo;
  GtkEntry *name_entry;
  GtkEntry *code_entry;
  GtkEntry *operator_entry;
  GtkLabel *location_label;
  GtkLabel *error_label;

  GtWindow *window; /* not owned: the dialog is destroyed with it */
  char *path;
  GCancellable *cancellable;
};

G_DEFINE_TYPE (GtFirstRunDialog, gt_first_run_dialog, GTK_TYPE_DIALOG)

char *
gt_first_run_demo_path (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return g_build_filename (folder, "demo.db", NULL);
}

static void
show_page (GtFirstRunDialog *self, const char *name)
{
  gboolean create = g_str_equal (name, "create");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (self->back_button, create);
  gtk_widget_set_visible (self->create_button, create);
  if (create)
    {
      gtk_widget_grab_default (self->create_button);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
}

static void
set_path (GtFirstRunDialog *self, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_free (self->path);
  self->path = g_strdup (path);
  gtk_label_set_label (self->location_label, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->location_label), display);
}

static void
show_error (GtFirstRunDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_show (GTK_WIDGET (self->error_label));
}

/* Opens @path in the window and closes the dialog; on failure says why in the dialog. */
static void
open_in_window (GtFirstRunDialog *self, const char *path)
{
  if (gt_window_open_database (self->window, path, FALSE))
    gtk_widget_destroy (GTK_WIDGET (self));
}

static void
new_clicked_cb (GtFirstRunDialog *self)
{
  show_page (self, "create");
}

static void
back_clicked_cb (GtFirstRunDialog *self)
{
  gtk_widget_hide (GTK_WIDGET (self->error_label));
  show_page (self, "start");
}

static void
create_clicked_cb (GtFirstRunDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = NULL;
  g_autofree char *path = g_strdup (self->path);
  GtOfficeInfo info = {
    .role = gtk_combo_box_get_active_id (self->role_combo),
    .office_name = gtk_entry_get_text (self->name_entry),
    .office_code = gtk_entry_get_text (self->code_entry),
    .operator_name = gtk_entry_get_text (self->operator_entry),
  };

  storage = gt_office_create (path, &info, &error);
  if (storage == NULL)
    {
      show_error (self, error->message);
      if (g_error_matches (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_NAME))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      else if (g_error_matches (error, GT_OFFICE_ERROR, GT_OFFICE_ERROR_CODE))
        gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
      return;
    }
  g_clear_object (&storage);
  open_in_window (self, path);
}

static void
demo_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr (GtStorage) storage = NULL;
  GError *error = NULL;

  storage = gt_storage_open (path, GT_STORAGE_OPEN_CREATE, &error);
  if (storage == NULL || !gt_demo_build_township (storage, 20180730, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GtFirstRunDialog) self = user_data;
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return; /* the dialog was closed meanwhile */
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not write the demo database. %s"),
                                                  error->message);
      gtk_stack_set_visible_child_name (self->stack, "start");
      gtk_widget_grab_focus (self->demo_button);
      gt_window_show_error (self->window, message);
      return;
    }
  open_in_window (self, path);
}

static void
demo_clicked_cb (GtFirstRunDialog *self)
{
  g_autofree char *path = gt_first_run_demo_path (self->path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (GTask) task = NULL;

  /* A demo made earlier is opened as it is. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      open_in_window (self, path);
      return;
    }
  g_mkdir_with_parents (folder, 0700);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  task = g_task_new (NULL, self->cancellable, demo_done, g_object_ref (self));
  g_task_set_source_tag (task, demo_clicked_cb);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, demo_thread);
}

static GtkFileFilter *
database_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Guatu databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.guatu");
  return filter;
}

static void
open_response_cb (GtkNativeDialog *chooser, int response, GtFirstRunDialog *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (path != NULL)
    open_in_window (self, path);
}

static void
open_clicked_cb (GtFirstRunDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), database_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
location_response_cb (GtkNativeDialog *chooser, int response, GtFirstRunDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        set_path (self, path);
    }
  g_object_unref (chooser);
}

static void
location_clicked_cb (GtFirstRunDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);

  chooser = gtk_file_chooser_native_new (_("New Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Select"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), database_filter ());
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (location_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
recent_activated_cb (GtFirstRunDialog *self, GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  if (path != NULL)
    open_in_window (self, path);
}

static GtkWidget *
recent_row (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *folder_display = g_filename_display_name (folder);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (base);
  GtkWidget *where = gtk_label_new (folder_display);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_START);
  gtk_style_context_add_class (gtk_widget_get_style_context (where), "dim-label");
  g_object_set (box, "margin", 6, NULL);
  gtk_container_add (GTK_CONTAINER (box), name);
  gtk_container_add (GTK_CONTAINER (box), where);
  gtk_container_add (GTK_CONTAINER (row), box);
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);
  atk_object_set_name (gtk_widget_get_accessible (row), base);
  gtk_widget_show_all (row);
  return row;
}

static void
fill_recent (GtFirstRunDialog *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self->window));
  GSettings *settings = GT_IS_APPLICATION (app) ? gt_application_get_settings (GT_APPLICATION (app))
                                                : NULL;
  g_auto (GStrv) recent = NULL;
  guint n = 0;

  if (settings == NULL)
    return;
  recent = g_settings_get_strv (settings, "recent-databases");
  for (guint i = 0; recent[i] != NULL; i++)
    if (g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
      {
        gtk_container_add (GTK_CONTAINER (self->recent_list), recent_row (recent[i]));
        n++;
      }
  gtk_widget_set_visible (self->recent_label, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), n > 0);
}

static void
gt_first_run_dialog_response (GtkDialog *dialog, int response)
{
  if (response == GTK_RESPONSE_DELETE_EVENT || response == GTK_RESPONSE_CLOSE)
    gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
gt_first_run_dialog_dispose (GObject *object)
{
  GtFirstRunDialog *self = GT_FIRST_RUN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (gt_first_run_dialog_parent_class)->dispose (object);
}

static void
gt_first_run_dialog_finalize (GObject *object)
{
  GtFirstRunDialog *self = GT_FIRST_RUN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  G_OBJECT_CLASS (gt_first_run_dialog_parent_class)->finalize (object);
}

static void
gt_first_run_dialog_class_init (GtFirstRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_first_run_dialog_dispose;
  object_class->finalize = gt_first_run_dialog_finalize;
  GTK_DIALOG_CLASS (klass)->response = gt_first_run_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-first-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, demo_button);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, recent_label);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, recent_list);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, role_combo);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, location_label);
  gtk_widget_class_bind_template_child (widget_class, GtFirstRunDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, demo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
}

static void
gt_first_run_dialog_init (GtFirstRunDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtFirstRunDialog *
gt_first_run_dialog_new (GtWindow *window, const char *path, gboolean create)
{
  GtFirstRunDialog *self = g_object_new (GT_TYPE_FIRST_RUN_DIALOG, "transient-for", window,
                                         "use-header-bar", FALSE,
                                         "destroy-with-parent", TRUE, NULL);

  self->window = window;
  set_path (self, path);
  gtk_entry_set_text (self->operator_entry, g_strcmp0 (g_get_real_name (), "Unknown") != 0
                                              ? g_get_real_name ()
                                              : g_get_user_name ());
  fill_recent (self);
  show_page (self, create ? "create" : "start");
  return self;
}
