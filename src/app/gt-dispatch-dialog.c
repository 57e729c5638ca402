/* gt-dispatch-dialog.c — issuing a task or notice and writing its dispatch packages
 *
 * The form is checked first (title, due date, folder); then the window's task bar runs a
 * worker with its own GtStorage on the same file that records the task and writes the
 * packages (gt_county_issue_dispatch), reports progress per package and can be cancelled.
 * All or nothing: the task is recorded only if every package was written, so a full drive
 * or Cancel leaves nothing to clean up and the task can simply be issued again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-county-dispatch.h"
#include "gt-dispatch-dialog.h"
#include "gt-page.h"
#include "gt-task-bar.h"
#include "gt-window.h"
#include "gt-window-usb.h"

struct _GtDispatchDialog
{
  GtkDialog parent_instance;

  GtkComboBoxText *kind_combo;
  GtkEntry *title_entry;
  GtkTextView *body_view;
  GtkEntry *due_entry;
  GtkComboBoxText *target_combo;
  GtkFileChooser *folder_button;
  GtkLabel *error_label;

  GtStorage *storage;
  char *warned_due; /* a due date already past that the user was told about */
};

G_DEFINE_TYPE (GtDispatchDialog, gt_dispatch_dialog, GTK_TYPE_DIALOG)

typedef struct
{
  char *db_path;
  char *kind;
  char *title;
  char *body;
  char *due;           /* or NULL */
  char *target;
  char *dir;
  GtkWindow *window;   /* weak */
  GPtrArray *paths;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->kind);
  g_free (job->title);
  g_free (job->body);
  g_free (job->due);
  g_free (job->target);
  g_free (job->dir);
  g_clear_weak_pointer (&job->window);
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_free (job);
}

static void
job_progress (double fraction, gpointer task)
{
  gt_task_progress (task, fraction, NULL);
}

static void
dispatch_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStorage) storage = gt_storage_open (job->db_path, GT_STORAGE_OPEN_DEFAULT, &error);

  if (storage == NULL ||
      !gt_county_issue_dispatch (storage, job->kind, job->title, job->body, job->due,
                                 job->target, job->dir, cancellable, job_progress, task, NULL,
                                 &job->paths, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
dispatch_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL, *dir = NULL;
  GtkWidget *banner;

  if (job->window == NULL || !GT_IS_WINDOW (job->window))
    return;
  dir = g_filename_display_name (job->dir);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      message = g_strdup_printf (_("The task was not issued, and no package was left: %s"),
                                 error->message);
      gt_window_show_problem (GT_WINDOW (job->window), message,
                              _("Choose another folder or drive and issue it again."), NULL,
                              NULL);
      return;
    }
  /* recorded by the worker's own connection: the window's pages learn of it here */
  gt_storage_emit_changed (gt_window_get_storage (GT_WINDOW (job->window)), "ex_tasks");
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u signed package written to %s",
                                          "%u signed packages written to %s", job->paths->len),
                             job->paths->len, dir);
  banner = gt_banner_new (GTK_MESSAGE_INFO, message,
                          _("Carry them to the townships; their acknowledgements come back in "
                            "ack packages."), NULL, NULL, NULL);
  gtk_widget_set_name (banner, "dispatch_banner");
  gtk_box_pack_start (gt_window_get_banner_box (GT_WINDOW (job->window)), banner, FALSE, TRUE,
                      0);
  gtk_widget_show (banner);
}

static void
show_error (GtDispatchDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_show (GTK_WIDGET (self->error_label));
}

/* Checks the form, then starts issuing; FALSE keeps the dialog open. */
static gboolean
issue (GtDispatchDialog *self)
{
  g_autofree char *body = NULL, *title = NULL, *dir = NULL;
  g_autoptr (GError) error = NULL;
  const char *due = gtk_entry_get_text (self->due_entry);
  const char *target = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->target_combo));
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkTextIter start, end;
  Job *job;

  title = g_strstrip (g_strdup (gtk_entry_get_text (self->title_entry)));
  if (*title == '\0')
    {
      show_error (self, _("Give the task or notice a title."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
      return FALSE;
    }
  /* the core's own check (2026-02-30 is written right but is no day), before the work starts */
  if (*due != '\0' && !gt_storage_check_date (self->storage, _("the due date"), due, TRUE,
                                              &error))
    {
      show_error (self, gt_error_text (self->storage, error));
      gtk_widget_grab_focus (GTK_WIDGET (self->due_entry));
      return FALSE;
    }
  if (*due != '\0')
    {
      g_autofree char *today = gt_today ();

      /* a date already past is most likely a slip: said once, issued when asked again */
      if (strcmp (due, today) < 0 && g_strcmp0 (self->warned_due, due) != 0)
        {
          g_autofree char *message = g_strdup_printf (
            _("Due date %s is already past (today is %s). Correct it, or press “Issue and Write"
              " Packages” again to issue it as it is."), due, today);

          g_free (self->warned_due);
          self->warned_due = g_strdup (due);
          show_error (self, message);
          gtk_widget_grab_focus (GTK_WIDGET (self->due_entry));
          return FALSE;
        }
    }
  if (target == NULL)
    {
      show_error (self, _("No township is on the trust list yet: enrol the townships' keys "
                          "under Data Exchange first."));
      return FALSE;
    }
  dir = gtk_file_chooser_get_filename (self->folder_button);
  if (dir == NULL)
    {
      show_error (self, _("Choose the folder or removable drive for the packages."));
      return FALSE;
    }
  if (!GT_IS_WINDOW (window) || gt_task_bar_is_busy (gt_window_get_task_bar (GT_WINDOW (window))))
    {
      show_error (self, _("Another task is under way; wait until it has finished."));
      return FALSE;
    }
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->body_view), &start, &end);
  body = gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->body_view), &start, &end,
                                   FALSE);
  job = g_new0 (Job, 1);
  job->db_path = g_strdup (gt_storage_get_path (self->storage));
  job->kind = g_strdup (kind);
  job->title = g_steal_pointer (&title);
  job->body = g_steal_pointer (&body);
  job->due = *due != '\0' ? g_strdup (due) : NULL;
  job->target = g_strdup (target);
  job->dir = g_steal_pointer (&dir);
  g_set_weak_pointer (&job->window, window);
  gt_task_bar_run (gt_window_get_task_bar (GT_WINDOW (window)),
                   _("Writing the dispatch packages…"), TRUE, window, dispatch_thread, job,
                   (GDestroyNotify) job_free, dispatch_done, NULL);
  return TRUE;
}

static void
gt_dispatch_dialog_response (GtkDialog *dialog, int response)
{
  if (response == GTK_RESPONSE_OK && !issue (GT_DISPATCH_DIALOG (dialog)))
    return;
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
fill_targets (GtDispatchDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) targets = gt_county_dispatch_targets (self->storage, "*", &error);

  if (targets == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (targets->len > 0)
    gtk_combo_box_text_append (self->target_combo, "*", _("All townships"));
  for (guint i = 0; i < targets->len; i++)
    {
      GtTrustedKey *key = targets->pdata[i];
      g_autofree char *text = g_strdup_printf ("%s (%s)", *key->name != '\0' ? key->name
                                                                             : key->org_code,
                                               key->org_code);
      gtk_combo_box_text_append (self->target_combo, key->org_code, text);
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->target_combo), 0);
}

/* The first removable drive mounted, else the documents folder. */
static void
preselect_folder (GtDispatchDialog *self)
{
  g_autoptr (GPtrArray) drives = gt_removable_drives ();
  g_autofree char *folder = drives->len > 0 ? g_strdup (drives->pdata[0]) : NULL;

  if (folder == NULL)
    folder = g_strdup (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
  if (folder == NULL)
    folder = g_strdup (g_get_home_dir ());
  gtk_file_chooser_set_current_folder (self->folder_button, folder);
}

static void
gt_dispatch_dialog_dispose (GObject *object)
{
  g_clear_object (&GT_DISPATCH_DIALOG (object)->storage);
  g_clear_pointer (&GT_DISPATCH_DIALOG (object)->warned_due, g_free);
  G_OBJECT_CLASS (gt_dispatch_dialog_parent_class)->dispose (object);
}

static void
gt_dispatch_dialog_class_init (GtDispatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_dispatch_dialog_dispose;
  GTK_DIALOG_CLASS (klass)->response = gt_dispatch_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-dispatch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GtDispatchDialog, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtDispatchDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, GtDispatchDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, GtDispatchDialog, due_entry);
  gtk_widget_class_bind_template_child (widget_class, GtDispatchDialog, target_combo);
  gtk_widget_class_bind_template_child (widget_class, GtDispatchDialog, folder_button);
  gtk_widget_class_bind_template_child (widget_class, GtDispatchDialog, error_label);
}

static void
gt_dispatch_dialog_init (GtDispatchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_combo_box_text_append (self->kind_combo, "task", _("Task"));
  gtk_combo_box_text_append (self->kind_combo, "notice", _("Notice"));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), "task");
}

GtDispatchDialog *
gt_dispatch_dialog_new (GtkWindow *parent, GtStorage *storage)
{
  GtDispatchDialog *self = g_object_new (GT_TYPE_DISPATCH_DIALOG, "transient-for", parent, NULL);

  self->storage = g_object_ref (storage);
  fill_targets (self);
  preselect_folder (self);
  return self;
}
