/* gt-page.h — what every area of the main window implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_TYPE_PAGE (gt_page_get_type ())
G_DECLARE_INTERFACE (GtPage, gt_page, GT, PAGE, GtkWidget)

struct _GtPageInterface
{
  GTypeInterface parent_iface;

  /* Shows the data of @storage (NULL: no database open). Called again after changes. */
  void (*set_storage) (GtPage *page, GtStorage *storage);
};

void gt_page_set_storage (GtPage *page, GtStorage *storage);

/* Puts a load error into the page's place for messages; shared by the pages. */
void gt_page_report_error (GtPage *page, const GError *error);

/* An error's message for a dialog about @storage: without the database file's name in
 * front, which the user knows (the window title shows it). */
const char *gt_error_text (GtStorage *storage, const GError *error);

/* An ISO 8601 time as stored ("2026-12-02T01:27:14Z") in the local zone as a person writes
 * it ("2026-12-02 09:27"); the text itself when it is not such a time. */
char *gt_format_time (const char *iso);

/* Asks where to save a PDF (suggesting @suggested, confirming an overwrite); the chosen
 * path, or NULL when the user cancelled. */
char *gt_choose_pdf_path (GtkWindow *parent, const char *suggested);

/* A chooser to save a new file named @name (asking before overwriting one), opening in the
 * user's Documents folder (their home without one), not wherever Guatu was started. */
GtkFileChooserNative *gt_save_chooser_new (const char *title, GtkWindow *parent,
                                           const char *accept_label, const char *cancel_label,
                                           const char *name);

/* Marks the rows of a task list whose boolean model column @withdrawn_column is TRUE
 * (tasks the county withdrew): @cell of @column is greyed — a line through CJK text alone is
 * easy to miss — and struck through as well unless @strike is FALSE, for the column that
 * says the task is withdrawn. */
void gt_tree_view_column_mark_withdrawn (GtkTreeViewColumn *column, GtkCellRenderer *cell,
                                         int withdrawn_column, gboolean strike);

/* Shows @text (NULL: "") in a dialog's status line, in the theme's error colour when @error. */
void gt_label_set_status (GtkLabel *label, const char *text, gboolean error);

/* Whether an editing dialog holds changes the user has not saved. */
typedef gboolean (*GtDialogChangedFunc) (GtkDialog *dialog);

/* Guards an editing dialog against losing the user's changes: when it is closed (Esc, the
 * window's close button, or a Cancel/Close response) while @changed says it has unsaved
 * changes, the closing response is stopped and @question is asked in a modal message
 * dialog transient for it, with "Keep Editing" (the default) and "Discard"; only "Discard"
 * destroys @dialog. Unchanged, it closes as before. Call once, from the dialog's init; the
 * dialog's own response handler sees only the closings that were not stopped. */
void gt_dialog_confirm_discard (GtkDialog *dialog, GtDialogChangedFunc changed,
                                const char *question);

/* Makes a combo box's text cells shorten long names with an ellipsis. */
void gt_combo_box_ellipsize (GtkComboBox *combo, int width_chars);

/* Refilling a combo box with many rows: take its (emptied) model out, append to it, give it
 * back. Keeps ids and the active row lookups of GtkComboBoxText working. */
GtkListStore *gt_combo_box_text_take_model (GtkComboBoxText *combo);
void gt_combo_box_text_store_append (GtkListStore *store, const char *id, const char *text);
void gt_combo_box_text_give_model (GtkComboBoxText *combo, GtkListStore *store);

/* Fills @combo with @first (id "", made active), then the organisation tree in order,
 * indented by depth, each with its code as id (codes are unique), or its name without one. */
void gt_combo_box_text_fill_orgs (GtkComboBoxText *combo, GtStorage *storage,
                                  const char *first);

/* Work a page does off the main loop, on a connection of its own to the same file: returns
 * the result (NULL without an error: nothing to show) or NULL with @error set. */
typedef gpointer (*GtPageWork) (GtStorage *storage, gpointer data, GCancellable *cancellable,
                                GError **error);

/* Cancels the work under way in *@cancellable (if any) and runs @work in a worker thread on
 * @data (freed with @free_data), with a new *@cancellable. @done receives @source and the
 * GTask: g_task_propagate_pointer gives @work's result (freed with @free_result if nobody
 * takes it), a G_IO_ERROR_CANCELLED once a newer run or gt_page_cancel replaced it. */
void gt_page_run_in_thread (gpointer source, GtStorage *storage, GCancellable **cancellable,
                            GtPageWork work, gpointer data, GDestroyNotify free_data,
                            GDestroyNotify free_result, GAsyncReadyCallback done);
/* The @data a run was given, for its @done. */
gpointer gt_page_run_get_data (GAsyncResult *result);
/* Cancels the work under way in *@cancellable, if any, and clears it. */
void gt_page_cancel (GCancellable **cancellable);

/* From a GTask's worker thread: a connection of the thread's own to @db_path (SQLite
 * connections are not shared across threads), or NULL once the error has been returned
 * through @task. */
GtStorage *gt_task_open_storage (GTask *task, const char *db_path);

G_END_DECLS
