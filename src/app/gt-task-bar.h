/* gt-task-bar.h — long tasks in the window: a bar with what is being done, a progress bar
 * and Cancel, over a GTask worker thread; and banners that say what went wrong and what to
 * do next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GT_TYPE_TASK_BAR (gt_task_bar_get_type ())
G_DECLARE_FINAL_TYPE (GtTaskBar, gt_task_bar, GT, TASK_BAR, GtkRevealer)

GtTaskBar *gt_task_bar_new (void);

/* Runs @thread_func (@task_data, freed with @task_data_free) in a worker thread while the
 * bar shows @title, the progress the thread reports and a Cancel button (insensitive when
 * not @cancellable). @callback runs in the main thread when the thread has returned, as
 * with g_task_run_in_thread(); the GTask's source object is @source_object. Returns FALSE
 * and runs nothing while another task is under way (the bar runs one at a time). */
gboolean gt_task_bar_run (GtTaskBar *self, const char *title, gboolean cancellable,
                          gpointer source_object, GTaskThreadFunc thread_func,
                          gpointer task_data, GDestroyNotify task_data_free,
                          GAsyncReadyCallback callback, gpointer user_data);

/* From the worker thread (or the main thread): @fraction done (0…1; negative: unknown,
 * the bar pulses) and what is being done now (NULL keeps the text). Updates reach the bar
 * through the main loop, at most one pending at a time; any thread may call it. */
void gt_task_progress (GTask *task, double fraction, const char *text);

gboolean gt_task_bar_is_busy (GtTaskBar *self);
/* Cancels the task under way (as the Cancel button does). */
void gt_task_bar_cancel (GtTaskBar *self);

/* Shown state, for tests: the text, the fraction last drawn. */
const char *gt_task_bar_get_text (GtTaskBar *self);
double gt_task_bar_get_fraction (GtTaskBar *self);

/* A banner for a problem: @message (what happened) and @next_step (what to do now, may be
 * NULL) in a GtkInfoBar of @type with a close button, and, when @action_name is set, a
 * button @button_label that activates that action (with @target, may be NULL) and closes
 * the banner. The banner destroys itself when closed. */
GtkWidget *gt_banner_new (GtkMessageType type, const char *message, const char *next_step,
                          const char *button_label, const char *action_name,
                          GVariant *target);

/* Gives the close button GTK draws in an info bar (an icon only) a name for screen
 * readers and a tooltip. */
void gt_info_bar_name_close_button (GtkInfoBar *bar);

G_END_DECLS
