/* gt-develop-page.c — the "development" area: pipeline board, transfers, statistics
 *
 * The board has one column per stage (入党申请人 … 正式党员); each person shows their last
 * step and the most urgent time rule, highlighted with the theme's warning (due this month)
 * and error (overdue, broken) styles. The transfers tab lists the letters and prints the
 * three-part letter through GtkPrintOperation (with preview) using the very drawing of the
 * PDF. The statistics tab shows the annual tables; a row's names show below it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-develop-dialogs.h"
#include "gt-develop-page.h"
#include "gt-page.h"
#include "gt-develop-step-dialog.h"
#include "gt-develop.h"
#include "gt-statistics.h"
#include "gt-transfer.h"

struct _GtDevelopPage
{
  GtkBox parent_instance;

  GtkNotebook *notebook;
  GtkComboBoxText *org_combo;
  GtkLabel *board_label, *transfers_label, *stats_label, *names_label;
  GtkBox *board_box;
  GtkTreeView *transfers_view, *stats_view;
  GtkSpinButton *year_spin;

  GtStorage *storage;
  GtStatistics *stats;
  GCancellable *cancellable; /* the statistics being computed */
  GtkSpinner *spinner;
  char *today;
  gint64 selected;
  gboolean filling;
};

enum { T_ID, T_NUMBER, T_DIRECTION, T_NAME, T_ROUTE, T_ISSUED, T_UNTIL, T_STATE, T_N };
enum { S_LABEL, S_COUNT, S_TABLE, S_ROW, S_N };

static void gt_develop_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtDevelopPage, gt_develop_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_develop_page_page_init))

static void
set_class (GtkWidget *widget, const char *name)
{
  if (name != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (widget), name);
}

static const char *
state_class (GtDevelopState state)
{
  return state == GT_DEVELOP_OVERDUE || state == GT_DEVELOP_BROKEN ? "error"
         : state == GT_DEVELOP_DUE                                 ? "warning"
                                                                   : NULL;
}

static void
row_selected_cb (GtkListBox *box, GtkListBoxRow *row, GtDevelopPage *self)
{
  if (row != NULL)
    self->selected = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "applicant"));
}

static void
open_step_dialog (GtDevelopPage *self)
{
  GtkWidget *dialog;

  if (self->storage == NULL || self->selected == 0)
    {
      gtk_label_set_label (self->board_label, _("Choose a person on the board first"));
      return;
    }
  dialog = gt_develop_step_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                       self->storage, self->selected);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (GtkListBox *box, GtkListBoxRow *row, GtDevelopPage *self)
{
  row_selected_cb (box, row, self);
  open_step_dialog (self);
}

static void
step_clicked_cb (GtkButton *button, GtDevelopPage *self)
{
  open_step_dialog (self);
}

static void
add_clicked_cb (GtkButton *button, GtDevelopPage *self)
{
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));

  if (self->storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_develop_applicant_dialog_new (
      GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))), self->storage,
      org != NULL ? g_ascii_strtoll (org, NULL, 10) : 0)));
}

static void
transfer_clicked_cb (GtkButton *button, GtDevelopPage *self)
{
  if (self->storage != NULL)
    gtk_window_present (GTK_WINDOW (gt_develop_transfer_dialog_new (
      GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))), self->storage)));
}

static GtkWidget *
entry_row (GtDevelopBoardEntry *e, gboolean show_org)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", e->applicant->name);
  g_autofree char *step = g_strdup_printf (_("Step %d: %s"), e->last_step,
                                           gt_label_develop_step (e->last_step));
  GtkWidget *label;

  gtk_container_set_border_width (GTK_CONTAINER (box), 6);
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_container_add (GTK_CONTAINER (box), label);
  if (show_org)
    {
      label = gtk_label_new (e->applicant->org_name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      set_class (label, "dim-label");
      gtk_container_add (GTK_CONTAINER (box), label);
    }
  label = gtk_label_new (step);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_container_add (GTK_CONTAINER (box), label);
  for (guint i = 0; i < e->items->len; i++)
    {
      GtDevelopItem *item = e->items->pdata[i];
      g_autofree char *text = NULL;

      if (item->state == GT_DEVELOP_OPEN)
        continue;
      text = g_strdup_printf ("%s · %s", gt_label_develop_state (item->state), item->message);
      label = gtk_label_new (text);
      gtk_buildable_set_name (GTK_BUILDABLE (label), gt_develop_state_code (item->state));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      set_class (label, state_class (item->state));
      /* the theme colours errors; due items are set in bold as well (themes rarely colour
       * a plain label's warning style) */
      if (item->state == GT_DEVELOP_DUE)
        {
          PangoAttrList *attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          gtk_label_set_attributes (GTK_LABEL (label), attrs);
          pango_attr_list_unref (attrs);
        }
      gtk_container_add (GTK_CONTAINER (box), label);
    }
  gtk_container_add (GTK_CONTAINER (row), box);
  g_object_set_data (G_OBJECT (row), "applicant", GSIZE_TO_POINTER ((gsize) e->applicant->id));
  gtk_buildable_set_name (GTK_BUILDABLE (row), e->applicant->name);
  return row;
}

static void
reload_board (GtDevelopPage *self)
{
  g_autoptr (GList) old = gtk_container_get_children (GTK_CONTAINER (self->board_box));
  g_autoptr (GPtrArray) board = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *stages = gt_develop_stages ();
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  gint64 org_id = org != NULL ? g_ascii_strtoll (org, NULL, 10) : 0;
  int due = 0, overdue = 0;
  g_autofree char *summary = NULL;

  for (GList *l = old; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  if (self->storage == NULL || self->filling)
    return;
  board = gt_develop_board (self->storage, org_id, self->today, &error);
  if (board == NULL)
    {
      gtk_label_set_label (self->board_label, error->message);
      return;
    }
  for (guint s = 0; stages[s] != NULL; s++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *header;
      g_autofree char *title = NULL;
      int n = 0;

      gtk_buildable_set_name (GTK_BUILDABLE (column), stages[s]);
      gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), FALSE);
      g_signal_connect (list, "row-selected", G_CALLBACK (row_selected_cb), self);
      g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
      for (guint i = 0; i < board->len; i++)
        {
          GtDevelopBoardEntry *e = board->pdata[i];

          if (g_strcmp0 (e->applicant->stage, stages[s]) != 0)
            continue;
          gtk_container_add (GTK_CONTAINER (list), entry_row (e, org_id == 0));
          n++;
          due += e->worst == GT_DEVELOP_DUE;
          overdue += e->worst == GT_DEVELOP_OVERDUE || e->worst == GT_DEVELOP_BROKEN;
        }
      title = g_markup_printf_escaped ("<b>%s</b> (%d)", gt_label_develop_stage (stages[s]), n);
      header = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (header), title);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_box_pack_start (GTK_BOX (column), header, FALSE, TRUE, 0);
      gtk_box_pack_start (GTK_BOX (column), list, TRUE, TRUE, 0);
      gtk_container_add (GTK_CONTAINER (self->board_box), column);
    }
  gtk_widget_show_all (GTK_WIDGET (self->board_box));
  /* Translators: board summary: people, due this month, overdue or broken */
  summary = g_strdup_printf (_("%u in the pipeline · %d due this month · %d overdue"),
                             board->len, due, overdue);
  gtk_label_set_label (self->board_label, summary);
}

static void
org_changed_cb (GtkComboBox *combo, GtDevelopPage *self)
{
  self->selected = 0;
  reload_board (self);
}

static void
fill_orgs (GtDevelopPage *self)
{
  g_autofree char *active = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo)));
  sqlite3_stmt *stmt;
  GtkListStore *store;

  self->filling = TRUE;
  store = gt_combo_box_text_take_model (self->org_combo);
  gt_combo_box_text_store_append (store, "0", C_("develop", "All branches"));
  stmt = self->storage != NULL
           ? gt_storage_prepare (self->storage,
                                 "SELECT id, name FROM organizations WHERE archived = 0 AND kind"
                                 " IN ('branch', 'general_branch') ORDER BY sort_order, id", NULL)
           : NULL;
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              (gint64) sqlite3_column_int64 (stmt, 0));
      gt_combo_box_text_store_append (store, id, (const char *) sqlite3_column_text (stmt, 1));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  gt_combo_box_text_give_model (self->org_combo, store);
  if (active == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), active))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->org_combo), 0);
  self->filling = FALSE;
}

/* ---- transfers ---- */

static void
reload_transfers (GtDevelopPage *self)
{
  GtkListStore *store = gtk_list_store_new (T_N, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING,
                                            G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                            G_TYPE_STRING, G_TYPE_STRING);
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *today = self->today != NULL ? g_strdup (self->today) : gt_today ();
  g_autofree char *summary = NULL;
  int overdue = 0;

  list = self->storage != NULL ? gt_transfer_list (self->storage, NULL, FALSE, NULL) : NULL;
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      GtTransfer *t = list->pdata[i];
      g_autofree char *route = g_strdup_printf ("%s → %s", t->from_org, t->to_org);
      gboolean out = g_strcmp0 (t->direction, "out") == 0;
      gboolean late = gt_transfer_is_overdue (t, today);
      const char *state = t->receipt_on != NULL ? (out ? C_("develop", "Receipt returned") : C_("develop", "Received"))
                          : late ? _("Overdue") : C_("develop", "Waiting for the receipt");

      overdue += late;
      gtk_list_store_insert_with_values (store, NULL, -1, T_ID, t->id, T_NUMBER, t->number,
                                         T_DIRECTION, out ? C_("develop", "Out") : C_("develop", "In"),
                                         T_NAME, t->member_name, T_ROUTE, route,
                                         T_ISSUED, t->issued_on, T_UNTIL, t->valid_until,
                                         T_STATE, state, -1);
    }
  gtk_tree_view_set_model (self->transfers_view, GTK_TREE_MODEL (store));
  g_object_unref (store);
  summary = g_strdup_printf (ngettext ("%u letter · %d overdue", "%u letters · %d overdue",
                                       list != NULL ? list->len : 0),
                             list != NULL ? list->len : 0, overdue);
  gtk_label_set_label (self->transfers_label, summary);
}

static gint64
selected_transfer (GtDevelopPage *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gint64 id = 0;

  if (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->transfers_view),
                                       &model, &iter))
    gtk_tree_model_get (model, &iter, T_ID, &id, -1);
  return id;
}

static void
show_error (GtDevelopPage *self, const GError *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))), GTK_DIALOG_MODAL,
    GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", gt_error_text (self->storage, error));

  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
receipt_clicked_cb (GtkButton *button, GtDevelopPage *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = selected_transfer (self);

  if (id == 0 || self->storage == NULL)
    return;
  if (!gt_transfer_receipt (self->storage, id, NULL, &error))
    show_error (self, error);
}

GtkPrintOperation *
gt_develop_page_letter_operation (GtDevelopPage *self, gint64 id)
{
  return gt_transfer_letter_operation_new (self->storage, id);
}

static void
print_clicked_cb (GtkButton *button, GtDevelopPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPrintOperation) op = gt_develop_page_letter_operation (self,
                                                                       selected_transfer (self));

  if (op == NULL)
    {
      gtk_label_set_label (self->transfers_label, _("Choose a letter first"));
      return;
    }
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error);
}

/* ---- statistics ---- */

static void
show_statistics (GtDevelopPage *self, const GError *error)
{
  GtkTreeStore *store = gtk_tree_store_new (S_N, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT,
                                            G_TYPE_INT);
  g_autofree char *summary = NULL;

  gtk_label_set_label (self->names_label, "");
  for (guint i = 0; self->stats != NULL && i < self->stats->tables->len; i++)
    {
      GtStatTable *t = self->stats->tables->pdata[i];
      GtkTreeIter parent, child;

      gtk_tree_store_insert_with_values (store, &parent, NULL, -1, S_LABEL, t->title,
                                         S_COUNT, -1, S_TABLE, (int) i, S_ROW, -1, -1);
      for (guint j = 0; j < t->rows->len; j++)
        {
          GtStatRow *r = t->rows->pdata[j];
          gtk_tree_store_insert_with_values (store, &child, &parent, -1, S_LABEL, r->label,
                                             S_COUNT, (int) r->persons->len, S_TABLE, (int) i,
                                             S_ROW, (int) j, -1);
        }
    }
  gtk_tree_view_set_model (self->stats_view, GTK_TREE_MODEL (store));
  gtk_tree_view_expand_all (self->stats_view);
  g_object_unref (store);
  if (self->stats != NULL)
    /* Translators: statistics summary: members at the end of last year and of this year */
    summary = g_strdup_printf (_("%d at the end of last year · %d at the end of this year"),
                               self->stats->start, self->stats->end);
  gtk_label_set_label (self->stats_label, summary != NULL ? summary
                                          : error != NULL ? error->message : "");
}

/* The tables are computed in a worker thread on a connection of its own (a county holds
 * many members); a newer year cancels the older computation. */
static void
statistics_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  int year = GPOINTER_TO_INT (task_data);
  g_autoptr (GtStorage) storage = NULL;
  GtStatistics *stats;
  GError *error = NULL;

  storage = gt_storage_open (path, GT_STORAGE_OPEN_DEFAULT, &error);
  if (storage == NULL || g_task_return_error_if_cancelled (task))
    {
      if (storage == NULL)
        g_task_return_error (task, error);
      return;
    }
  stats = gt_statistics_compute (storage, year, &error);
  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) gt_statistics_free);
}

static void
statistics_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GtStatistics *stats = g_task_propagate_pointer (G_TASK (result), &error);
  GtDevelopPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = GT_DEVELOP_PAGE (source);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stats, gt_statistics_free);
  self->stats = stats;
  gtk_spinner_stop (self->spinner);
  show_statistics (self, error);
}

static void
reload_statistics (GtDevelopPage *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stats, gt_statistics_free);
  show_statistics (self, NULL);
  if (self->storage == NULL)
    return;
  gtk_label_set_label (self->stats_label, _("Computing the tables…"));
  gtk_spinner_start (self->spinner);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, statistics_done, NULL);
  g_task_set_task_data (task, GINT_TO_POINTER (gtk_spin_button_get_value_as_int (self->year_spin)),
                        NULL);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (gt_storage_get_path (self->storage)),
                          g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, statistics_thread);
}

static void
year_changed_cb (GtkSpinButton *spin, GtDevelopPage *self)
{
  reload_statistics (self);
}

static void
stats_selection_cb (GtkTreeSelection *selection, GtDevelopPage *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  int table = -1, row = -1;
  GString *text;

  if (self->stats == NULL || !gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, S_TABLE, &table, S_ROW, &row, -1);
  if (table < 0 || row < 0)
    {
      gtk_label_set_label (self->names_label, "");
      return;
    }
  text = g_string_new (NULL);
  {
    GtStatRow *r = ((GtStatTable *) self->stats->tables->pdata[table])->rows->pdata[row];

    for (guint k = 0; k < r->persons->len; k++)
      {
        GtStatPerson *p = r->persons->pdata[k];
        g_string_append_printf (text, "%s%s（%s）", k > 0 ? "，" : "", p->name,
                                p->org_name != NULL ? p->org_name : "");
      }
  }
  gtk_label_set_label (self->names_label, text->str);
  g_string_free (text, TRUE);
}

gboolean
gt_develop_page_export_statistics (GtDevelopPage *self, const char *path, GError **error)
{
  if (self->stats == NULL && self->storage != NULL)
    self->stats = gt_statistics_compute (self->storage,
                                         gtk_spin_button_get_value_as_int (self->year_spin),
                                         NULL);
  if (self->stats == NULL)
    {
      g_set_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_FAILED, _("No statistics to export"));
      return FALSE;
    }
  return gt_statistics_write_pdf (self->stats, path, error);
}

static void
export_response_cb (GtkNativeDialog *chooser, int response, GtDevelopPage *self)
{
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
      if (!gt_develop_page_export_statistics (self, path, &error))
        show_error (self, error);
    }
  g_object_unref (chooser);
}

static void
export_clicked_cb (GtkButton *button, GtDevelopPage *self)
{
  g_autofree char *name = g_strdup_printf (_("statistics-%d.pdf"),
                                           gtk_spin_button_get_value_as_int (self->year_spin));
  GtkFileChooserNative *chooser = gt_save_chooser_new (
    C_("develop", "Export Statistics"), GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
    C_("develop", "_Export"), C_("develop", "_Cancel"), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the page ---- */

void
gt_develop_page_set_today (GtDevelopPage *self, const char *today)
{
  g_free (self->today);
  self->today = g_strdup (today);
  reload_board (self);
  reload_transfers (self);
}

gboolean
gt_develop_page_select_applicant (GtDevelopPage *self, gint64 id)
{
  g_autoptr (GList) columns = gtk_container_get_children (GTK_CONTAINER (self->board_box));

  for (GList *c = columns; c != NULL; c = c->next)
    {
      g_autoptr (GList) parts = gtk_container_get_children (GTK_CONTAINER (c->data));
      GtkListBox *list = GTK_LIST_BOX (g_list_last (parts)->data);
      g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (list));

      for (GList *r = rows; r != NULL; r = r->next)
        if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (r->data, "applicant")) == id)
          {
            gtk_list_box_select_row (list, r->data);
            self->selected = id;
            return TRUE;
          }
    }
  return FALSE;
}

static void
gt_develop_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtDevelopPage *self = GT_DEVELOP_PAGE (page);

  g_set_object (&self->storage, storage);
  fill_orgs (self);
  reload_board (self);
  if (self->selected != 0)
    gt_develop_page_select_applicant (self, self->selected);
  reload_transfers (self);
  reload_statistics (self);
}

static void
gt_develop_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_develop_page_set_storage;
}

static void
gt_develop_page_dispose (GObject *object)
{
  GtDevelopPage *self = GT_DEVELOP_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->storage);
  g_clear_pointer (&self->stats, gt_statistics_free);
  g_clear_pointer (&self->today, g_free);
  G_OBJECT_CLASS (gt_develop_page_parent_class)->dispose (object);
}

static void
add_column (GtkTreeView *view, const char *title, int column, gboolean expand)
{
  GtkCellRenderer *cell = gtk_cell_renderer_text_new ();
  GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes (title, cell, "text", column,
                                                                    NULL);

  gtk_tree_view_column_set_resizable (c, TRUE);
  gtk_tree_view_column_set_expand (c, expand);
  if (expand)
    g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gtk_tree_view_append_column (view, c);
}

static void
count_cell (GtkTreeViewColumn *column, GtkCellRenderer *cell, GtkTreeModel *model,
            GtkTreeIter *iter, gpointer data)
{
  int count = 0;
  g_autofree char *text = NULL;

  gtk_tree_model_get (model, iter, S_COUNT, &count, -1);
  text = count >= 0 ? g_strdup_printf ("%d", count) : g_strdup ("");
  g_object_set (cell, "text", text, NULL);
}

static void
gt_develop_page_class_init (GtDevelopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_develop_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-develop-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, notebook);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, board_label);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, board_box);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, transfers_label);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, transfers_view);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, stats_label);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, stats_view);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, names_label);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, GtDevelopPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, org_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, transfer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, receipt_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
gt_develop_page_init (GtDevelopPage *self)
{
  GtkTreeViewColumn *column;
  GtkCellRenderer *cell;

  gtk_widget_init_template (GTK_WIDGET (self));
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->org_combo), 14);
  add_column (self->transfers_view, C_("develop", "Number"), T_NUMBER, FALSE);
  add_column (self->transfers_view, C_("develop", "Direction"), T_DIRECTION, FALSE);
  add_column (self->transfers_view, C_("develop", "Name"), T_NAME, FALSE);
  add_column (self->transfers_view, C_("develop", "From → to"), T_ROUTE, TRUE);
  add_column (self->transfers_view, C_("develop", "Issued"), T_ISSUED, FALSE);
  add_column (self->transfers_view, C_("develop", "Valid until"), T_UNTIL, FALSE);
  add_column (self->transfers_view, C_("develop", "State"), T_STATE, FALSE);
  add_column (self->stats_view, C_("develop", "Table"), S_LABEL, TRUE);
  cell = gtk_cell_renderer_text_new ();
  g_object_set (cell, "xalign", 1.0, NULL);
  column = gtk_tree_view_column_new ();
  gtk_tree_view_column_set_title (column, C_("develop", "Count"));
  gtk_tree_view_column_pack_start (column, cell, TRUE);
  gtk_tree_view_column_set_cell_data_func (column, cell, count_cell, NULL, NULL);
  gtk_tree_view_append_column (self->stats_view, column);
  g_signal_connect (gtk_tree_view_get_selection (self->stats_view), "changed",
                    G_CALLBACK (stats_selection_cb), self);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    /* the annual tables are made early in the next year: last year by default */
    gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now) -
                                                (g_date_time_get_month (now) <= 6 ? 1 : 0));
  }
}
