/* gt-task-bar.c — long tasks in the window, with progress and Cancel; problem banners
 *
 * The worker thread reports progress with gt_task_progress(); the values are kept under a
 * lock and one idle callback at a time carries the latest to the widgets, so a thread that
 * reports a thousand times a second costs the main loop one redraw per frame at most.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-task-bar.h"

#define PULSE_MS 120

struct _GtTaskBar
{
  GtkRevealer parent_instance;

  GtkLabel *label;
  GtkProgressBar *progress;
  GtkButton *cancel_button;

  GCancellable *cancellable; /* of the task under way; NULL when idle */
  GAsyncReadyCallback callback;
  gpointer user_data;
  guint pulse_id;

  /* Written by any thread under the lock, read in the main thread. */
  GMutex lock;
  double pending_fraction;
  char *pending_text;
  gboolean update_queued;
};

G_DEFINE_TYPE (GtTaskBar, gt_task_bar, GTK_TYPE_REVEALER)

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GT_TASK_BAR (user_data)->progress);
  return G_SOURCE_CONTINUE;
}

static void
set_fraction (GtTaskBar *self, double fraction)
{
  if (fraction < 0)
    {
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (PULSE_MS, pulse_cb, self);
      return;
    }
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0.0, 1.0));
}

static gboolean
apply_update (gpointer user_data)
{
  GtTaskBar *self = user_data;
  g_autofree char *text = NULL;
  double fraction;

  g_mutex_lock (&self->lock);
  text = g_steal_pointer (&self->pending_text);
  fraction = self->pending_fraction;
  self->update_queued = FALSE;
  g_mutex_unlock (&self->lock);

  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      if (text != NULL)
        gtk_label_set_label (self->label, text);
      set_fraction (self, fraction);
    }
  return G_SOURCE_REMOVE;
}

void
gt_task_progress (GTask *task, double fraction, const char *text)
{
  GtTaskBar *self = g_object_get_data (G_OBJECT (task), "gt-task-bar");
  gboolean queue;

  g_return_if_fail (G_IS_TASK (task));
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->pending_fraction = fraction;
  if (text != NULL)
    {
      g_free (self->pending_text);
      self->pending_text = g_strdup (text);
    }
  queue = !self->update_queued;
  self->update_queued = TRUE;
  g_mutex_unlock (&self->lock);
  /* The bar outlives the task: the task holds a reference until it completes. */
  if (queue)
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_update, g_object_ref (self),
                                g_object_unref);
}

static void
task_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtTaskBar *self = g_object_get_data (G_OBJECT (result), "gt-task-bar");
  GAsyncReadyCallback callback = self->callback;
  gpointer data = self->user_data;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);
  self->callback = NULL;
  self->user_data = NULL;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self), FALSE);
  gtk_widget_hide (GTK_WIDGET (self));
  if (callback != NULL)
    callback (source, result, data);
  g_object_unref (self);
}

gboolean
gt_task_bar_run (GtTaskBar *self, const char *title, gboolean cancellable,
                 gpointer source_object, GTaskThreadFunc thread_func, gpointer task_data,
                 GDestroyNotify task_data_free, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_val_if_fail (GT_IS_TASK_BAR (self), FALSE);
  g_return_val_if_fail (thread_func != NULL, FALSE);

  if (self->cancellable != NULL)
    {
      if (task_data_free != NULL && task_data != NULL)
        task_data_free (task_data);
      return FALSE;
    }
  self->cancellable = g_cancellable_new ();
  self->callback = callback;
  self->user_data = user_data;
  gtk_label_set_label (self->label, title);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_show (GTK_WIDGET (self));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self), TRUE);
  set_fraction (self, -1);

  task = g_task_new (source_object, self->cancellable, task_done, NULL);
  g_task_set_source_tag (task, gt_task_bar_run);
  g_task_set_task_data (task, task_data, task_data_free);
  g_object_set_data (G_OBJECT (task), "gt-task-bar", g_object_ref (self));
  g_task_run_in_thread (task, thread_func);
  return TRUE;
}

gboolean
gt_task_bar_is_busy (GtTaskBar *self)
{
  g_return_val_if_fail (GT_IS_TASK_BAR (self), FALSE);
  return self->cancellable != NULL;
}

void
gt_task_bar_cancel (GtTaskBar *self)
{
  g_return_if_fail (GT_IS_TASK_BAR (self));
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

const char *
gt_task_bar_get_text (GtTaskBar *self)
{
  return gtk_label_get_label (self->label);
}

double
gt_task_bar_get_fraction (GtTaskBar *self)
{
  return gtk_progress_bar_get_fraction (self->progress);
}

static void
gt_task_bar_dispose (GObject *object)
{
  GtTaskBar *self = GT_TASK_BAR (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (gt_task_bar_parent_class)->dispose (object);
}

static void
gt_task_bar_finalize (GObject *object)
{
  GtTaskBar *self = GT_TASK_BAR (object);

  g_clear_object (&self->cancellable);
  g_free (self->pending_text);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gt_task_bar_parent_class)->finalize (object);
}

static void
gt_task_bar_class_init (GtTaskBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gt_task_bar_dispose;
  object_class->finalize = gt_task_bar_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "taskbar");
}

static void
gt_task_bar_init (GtTaskBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *frame = gtk_frame_new (NULL);

  g_mutex_init (&self->lock);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 240, -1);
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button), _("Stop this task"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gt_task_bar_cancel),
                            self);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->progress)),
                       _("Progress"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self)), _("Task under way"));

  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 6, "margin-bottom", 6,
                NULL);
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->label));
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->progress));
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->cancel_button));
  gtk_container_add (GTK_CONTAINER (frame), box);
  gtk_style_context_add_class (gtk_widget_get_style_context (frame), "task-bar");
  gtk_widget_show_all (frame);
  gtk_container_add (GTK_CONTAINER (self), frame);
  gtk_revealer_set_transition_type (GTK_REVEALER (self),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_widget_set_no_show_all (GTK_WIDGET (self), TRUE);
}

GtTaskBar *
gt_task_bar_new (void)
{
  return g_object_new (GT_TYPE_TASK_BAR, NULL);
}

/* The group a detailed "win.NAME" or "app.NAME" action of the banner's window is in. */
static GActionGroup *
action_group_for (GtkWidget *banner, const char *prefix)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (banner);

  if (!GTK_IS_WINDOW (toplevel))
    return NULL;
  if (g_str_equal (prefix, "win") && G_IS_ACTION_GROUP (toplevel))
    return G_ACTION_GROUP (toplevel);
  if (g_str_equal (prefix, "app") && gtk_window_get_application (GTK_WINDOW (toplevel)) != NULL)
    return G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (toplevel)));
  return NULL;
}

static void
banner_response_cb (GtkInfoBar *banner, int response, gpointer user_data)
{
  const char *action = g_object_get_data (G_OBJECT (banner), "action-name");

  if (response == GTK_RESPONSE_ACCEPT && action != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (action, ".", 2);
      GActionGroup *group = parts[1] != NULL ? action_group_for (GTK_WIDGET (banner), parts[0])
                                             : NULL;

      if (group != NULL && g_action_group_get_action_enabled (group, parts[1]))
        g_action_group_activate_action (group, parts[1],
                                        g_object_get_data (G_OBJECT (banner), "action-target"));
    }
  gtk_widget_destroy (GTK_WIDGET (banner));
}

static void
name_close_button (GtkWidget *widget, gpointer data)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (widget)), "close_button") == 0)
    {
      atk_object_set_name (gtk_widget_get_accessible (widget), _("Close"));
      gtk_widget_set_tooltip_text (widget, _("Close"));
    }
  else if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), name_close_button, data);
}

void
gt_info_bar_name_close_button (GtkInfoBar *bar)
{
  gtk_container_forall (GTK_CONTAINER (bar), name_close_button, NULL);
}

GtkWidget *
gt_banner_new (GtkMessageType type, const char *message, const char *next_step,
               const char *button_label, const char *action_name, GVariant *target)
{
  GtkWidget *banner = gtk_info_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (message);

  g_return_val_if_fail (message != NULL, NULL);

  gtk_info_bar_set_message_type (GTK_INFO_BAR (banner), type);
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (banner), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable (to copy a path from it) but not focusable: as the first focusable widget of
   * the window it took the focus and showed all its text selected, white on grey. */
  gtk_widget_set_can_focus (label, FALSE);
  gtk_buildable_set_name (GTK_BUILDABLE (label), "banner_message");
  gtk_container_add (GTK_CONTAINER (box), label);
  if (next_step != NULL)
    {
      GtkWidget *next = gtk_label_new (next_step);

      gtk_label_set_xalign (GTK_LABEL (next), 0);
      gtk_label_set_line_wrap (GTK_LABEL (next), TRUE);
      gtk_buildable_set_name (GTK_BUILDABLE (next), "banner_next_step");
      gtk_style_context_add_class (gtk_widget_get_style_context (next), "dim-label");
      gtk_container_add (GTK_CONTAINER (box), next);
    }
  gtk_widget_set_hexpand (box, TRUE);
  gtk_container_add (GTK_CONTAINER (gtk_info_bar_get_content_area (GTK_INFO_BAR (banner))),
                     box);
  if (action_name != NULL && button_label != NULL)
    {
      GtkWidget *button = gtk_info_bar_add_button (GTK_INFO_BAR (banner), button_label,
                                                   GTK_RESPONSE_ACCEPT);

      gtk_buildable_set_name (GTK_BUILDABLE (button), "banner_button");
      g_object_set_data_full (G_OBJECT (banner), "action-name", g_strdup (action_name), g_free);
      if (target != NULL)
        g_object_set_data_full (G_OBJECT (banner), "action-target", g_variant_ref_sink (target),
                                (GDestroyNotify) g_variant_unref);
    }
  g_signal_connect (banner, "response", G_CALLBACK (banner_response_cb), NULL);
  gt_info_bar_name_close_button (GTK_INFO_BAR (banner));
  gtk_widget_show_all (banner);
  return banner;
}
