/* gt-county-page.c — the county office's roll-up: one row per township for a period (missing
 * reports highlighted and named), sortable by every column, a ranking by any metric with the
 * top and bottom N, the tasks and notices issued with their acknowledgements, and the
 * printed summary (Print…, Export PDF…) drawn by gt-county-report.c
 *
 * The tree view's columns are built from gt_county_columns: a metric added there shows up
 * here, in the ranking chooser and on paper without a change to this file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-county-dispatch.h"
#include "gt-county-page.h"
#include "gt-county-report.h"
#include "gt-dispatch-dialog.h"

#define MISSING_BACKGROUND "#f8d7da"

struct _GtCountyPage
{
  GtkBox parent_instance;

  GtkComboBoxText *period_combo;
  GtkLabel *period_hint;
  GtkLabel *missing_label;
  GtkTreeView *township_view;
  GtkComboBoxText *rank_combo;
  GtkSpinButton *top_spin;
  GtkTreeView *top_view;
  GtkTreeView *bottom_view;
  GtkTreeView *tasks_view;
  GtkWidget *print_button;
  GtkWidget *export_button;
  GtkWidget *dispatch_button;
  GtkWidget *withdraw_button;

  GtkListStore *townships_store;
  GtkListStore *top_store;
  GtkListStore *bottom_store;
  GtkListStore *tasks_store;
  GtStorage *storage;
  GPtrArray *townships; /* GtCountyTownship of the period shown */
  char *period;
  gboolean filling;
};

static void gt_county_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtCountyPage, gt_county_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_county_page_page_init))

static GtkWindow *
parent_window (GtCountyPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  return GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL;
}

static void
show_message (GtCountyPage *self, GtkMessageType type, const char *text)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent_window (self), GTK_DIALOG_MODAL, type,
                                              GTK_BUTTONS_CLOSE, "%s", text);

  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_widget_show (dialog);
}

/* ---- the township table ---- */

static const GtCountyTownship *
township_at (GtCountyPage *self, GtkTreeModel *model, GtkTreeIter *iter)
{
  int index = -1;

  gtk_tree_model_get (model, iter, GT_COUNTY_TOWNSHIP_INDEX, &index, -1);
  if (self->townships == NULL || index < 0 || (guint) index >= self->townships->len)
    return NULL;
  return self->townships->pdata[index];
}

static void
cell_text_func (GtkTreeViewColumn *column, GtkCellRenderer *cell, GtkTreeModel *model,
                GtkTreeIter *iter, gpointer data)
{
  GtCountyPage *self = g_object_get_data (G_OBJECT (column), "gt-page");
  const GtCountyTownship *t = township_at (self, model, iter);
  g_autofree char *text = t != NULL ? gt_county_column_text (data, t) : NULL;

  g_object_set (cell, "text", text, NULL);
}

static int
sort_func (GtkTreeModel *model, GtkTreeIter *a, GtkTreeIter *b, gpointer data)
{
  const GtCountyColumn *column = data;
  GtCountyPage *self = g_object_get_data (G_OBJECT (model), "gt-page");
  const GtCountyTownship *x = township_at (self, model, a), *y = township_at (self, model, b);
  gboolean hx, hy;
  GtkSortType order = GTK_SORT_ASCENDING;
  int id;

  if (x == NULL || y == NULL)
    return (x != NULL) - (y != NULL);
  /* "—" (no value) stays below the figures whichever way the column is sorted: GTK turns
   * the result round for a descending sort, so turn it round first */
  hx = gt_county_column_value (column, x, NULL);
  hy = gt_county_column_value (column, y, NULL);
  if (column->value != NULL && hx != hy)
    {
      gtk_tree_sortable_get_sort_column_id (GTK_TREE_SORTABLE (model), &id, &order);
      return (hx ? -1 : 1) * (order == GTK_SORT_DESCENDING ? -1 : 1);
    }
  return gt_county_column_compare (column, x, y);
}

/* A click on a header sorts by its column, ascending first, a second click descending. */
static void
header_clicked_cb (GtkTreeViewColumn *column, GtCountyPage *self)
{
  GtkTreeSortable *sortable = GTK_TREE_SORTABLE (self->townships_store);
  int id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "gt-sort-id"));
  g_autoptr (GList) columns = gtk_tree_view_get_columns (self->township_view);
  GtkSortType order = GTK_SORT_ASCENDING;
  int current = GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID;

  if (gtk_tree_sortable_get_sort_column_id (sortable, &current, &order) && current == id)
    order = order == GTK_SORT_ASCENDING ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;
  else
    order = GTK_SORT_ASCENDING;
  gtk_tree_sortable_set_sort_column_id (sortable, id, order);
  for (GList *l = columns; l != NULL; l = l->next)
    gtk_tree_view_column_set_sort_indicator (l->data, l->data == (gpointer) column);
  gtk_tree_view_column_set_sort_order (column, order);
}

/* The width of @text in the view's font, in pixels. */
static int
text_width (GtkWidget *widget, const char *text)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Fourteen columns beside the sidebar at 1366 × 768 without scrolling sideways: the
 * headers are short and on two lines (the full title is the tooltip), the figures
 * right-aligned and as narrow as they are, and the township's name (which can be long:
 * 新安江街道办事处) is cut with "…" beyond eight characters; its row's tooltip names it whole. */
static void
build_township_view (GtCountyPage *self)
{
  GtkWidget *view = GTK_WIDGET (self->township_view);

  self->townships_store = gtk_list_store_new (GT_COUNTY_TOWNSHIP_N_COLUMNS, G_TYPE_INT,
                                              G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_STRING);
  g_object_set_data (G_OBJECT (self->townships_store), "gt-page", self);
  for (guint i = 0; i < gt_county_n_columns; i++)
    {
      const GtCountyColumn *c = &gt_county_columns[i];
      GtkCellRenderer *cell = gtk_cell_renderer_text_new ();
      GtkTreeViewColumn *column = gtk_tree_view_column_new ();
      gboolean text = c->format == GT_COUNTY_FORMAT_TEXT;
      GtkWidget *header = gtk_label_new (_(c->header));

      g_object_set (cell, "cell-background", MISSING_BACKGROUND, "xalign", text ? 0.0 : 1.0,
                    "xpad", 4, NULL);
      /* the title stays the full one: the accessible name, and what the tests look for */
      gtk_tree_view_column_set_title (column, _(c->title));
      gtk_label_set_justify (GTK_LABEL (header), text ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
      gtk_widget_set_tooltip_text (header, _(c->title));
      gtk_widget_show (header);
      gtk_tree_view_column_set_widget (column, header);
      gtk_tree_view_column_set_alignment (column, text ? 0.0 : 1.0);
      if (g_strcmp0 (c->id, "name") == 0)
        {
          g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
          gtk_tree_view_column_set_expand (column, TRUE);
          gtk_tree_view_column_set_min_width (column, text_width (view, "新安江街"));
          gtk_tree_view_column_set_max_width (column, text_width (view, "新安江街道办事处…"));
        }
      gtk_tree_view_column_pack_start (column, cell, TRUE);
      gtk_tree_view_column_add_attribute (column, cell, "cell-background-set",
                                          GT_COUNTY_TOWNSHIP_MISSING);
      g_object_set_data (G_OBJECT (column), "gt-page", self);
      gtk_tree_view_column_set_cell_data_func (column, cell, cell_text_func, (gpointer) c, NULL);
      gtk_tree_view_column_set_resizable (column, TRUE);
      /* sorted on a click as GTK would, but without gtk_tree_view_column_set_sort_column_id
       * (): that keeps room for the sort arrow in every header, 14 × 18 px; the arrow shows
       * only in the sorted column's */
      gtk_tree_view_column_set_clickable (column, TRUE);
      g_object_set_data (G_OBJECT (column), "gt-sort-id", GINT_TO_POINTER ((int) i));
      g_signal_connect (column, "clicked", G_CALLBACK (header_clicked_cb), self);
      gtk_tree_sortable_set_sort_func (GTK_TREE_SORTABLE (self->townships_store), (int) i,
                                       sort_func, (gpointer) c, NULL);
      gtk_buildable_set_name (GTK_BUILDABLE (column), c->id);
      gtk_tree_view_append_column (self->township_view, column);
    }
  gtk_tree_view_set_tooltip_column (self->township_view, GT_COUNTY_TOWNSHIP_TOOLTIP);
  gtk_tree_view_set_model (self->township_view, GTK_TREE_MODEL (self->townships_store));
}

/* ---- ranking ---- */

static GtkListStore *
build_rank_view (GtkTreeView *view, const char *title)
{
  GtkListStore *store = gtk_list_store_new (4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                            G_TYPE_STRING);
  const char *titles[] = { "#", title, NULL, _("Value") };

  /* place, township, code (the tooltip), value */
  gtk_tree_view_set_tooltip_column (view, 2);
  for (int i = 0; i < 4; i++)
    {
      if (i == 2)
        continue;
      GtkCellRenderer *cell = gtk_cell_renderer_text_new ();
      GtkTreeViewColumn *column = gtk_tree_view_column_new_with_attributes (titles[i], cell,
                                                                            "text", i, NULL);
      if (i == 0 || i == 3)
        g_object_set (cell, "xalign", 1.0, NULL);
      if (i == 1)
        g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
      gtk_tree_view_column_set_expand (column, i == 1);
      gtk_tree_view_append_column (view, column);
    }
  gtk_tree_view_set_model (view, GTK_TREE_MODEL (store));
  return store;
}

static void
fill_ranking (GtCountyPage *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->rank_combo));
  const GtCountyColumn *column = gt_county_column_find (id != NULL ? id : "members");
  g_autoptr (GPtrArray) ranked = NULL;
  g_autofree guint *places = NULL;
  guint top = (guint) gtk_spin_button_get_value_as_int (self->top_spin);
  guint n_side[2];
  gboolean any_reported = FALSE;
  g_autofree char *top_title = NULL, *bottom_title = NULL;

  gtk_list_store_clear (self->top_store);
  gtk_list_store_clear (self->bottom_store);
  if (self->townships == NULL || column == NULL)
    return;
  ranked = gt_county_ranking (self->townships, column);
  places = gt_county_ranking_places (ranked, column);
  /* each township once: fewer than 2 × top are shared out between the two lists, equals
   * stay together */
  gt_county_ranking_split (places, ranked->len, top, &n_side[0], &n_side[1]);
  /* nobody reported the period, or nobody has a value (no star rating yet): say so rather
   * than "Top 0" over an empty list */
  for (guint i = 0; i < self->townships->len; i++)
    any_reported = any_reported || ((GtCountyTownship *) self->townships->pdata[i])->reported;
  if (n_side[0] > 0)
    top_title = g_strdup_printf (_("Top %u"), n_side[0]);
  else if (any_reported)
    top_title = g_strdup (_("None ranked: no township that reported has a value"));
  else
    top_title = g_strdup (_("None ranked: no township reported this period"));
  bottom_title = g_strdup_printf (_("Bottom %u"), n_side[1]);
  gtk_tree_view_column_set_title (gtk_tree_view_get_column (self->top_view, 1), top_title);
  gtk_tree_view_column_set_title (gtk_tree_view_get_column (self->bottom_view, 1), bottom_title);
  /* one township ranked (or none): no empty "Bottom 0" list beside it */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->bottom_view)), n_side[1] > 0);
  /* the value column keeps its short title ("Value"): the chooser names the metric */
  for (int side = 0; side < 2; side++)
    for (guint i = 0; i < n_side[side]; i++)
      {
        guint at = side == 0 ? i : ranked->len - 1 - i;
        const GtCountyTownship *t = ranked->pdata[at];
        g_autofree char *place = g_strdup_printf ("%u", places[at]);
        g_autofree char *value = gt_county_column_text (column, t);

        gtk_list_store_insert_with_values (side == 0 ? self->top_store : self->bottom_store,
                                           NULL, -1, 0, place, 1,
                                           *t->name != '\0' ? t->name : t->code, 2, t->code, 3,
                                           value, -1);
      }
}

static void
rank_changed_cb (GtkWidget *widget, GtCountyPage *self)
{
  if (!self->filling)
    fill_ranking (self);
}

/* ---- tasks issued ---- */

static void
build_tasks_view (GtCountyPage *self)
{
  static const struct { const char *title; int column; } columns[] = {
    { N_("Kind"), GT_COUNTY_TASK_KIND }, { N_("Title"), GT_COUNTY_TASK_TITLE },
    { N_("Due"), GT_COUNTY_TASK_DUE }, { N_("To"), GT_COUNTY_TASK_TARGET },
    { N_("Acknowledged"), GT_COUNTY_TASK_ACKS },
  };

  self->tasks_store = gtk_list_store_new (GT_COUNTY_TASK_N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING,
                                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                          G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT,
                                          G_TYPE_INT, G_TYPE_BOOLEAN, G_TYPE_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkCellRenderer *cell = gtk_cell_renderer_text_new ();
      GtkTreeViewColumn *column = gtk_tree_view_column_new_with_attributes (
        _(columns[i].title), cell, "text", columns[i].column, NULL);

      if (columns[i].column == GT_COUNTY_TASK_TITLE)
        {
          g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
          gtk_tree_view_column_set_expand (column, TRUE);
        }
      /* a withdrawn task is greyed and struck through (it asks nothing of anyone any
       * more), but for the line through the column that says 已撤回 */
      gt_tree_view_column_mark_withdrawn (column, cell, GT_COUNTY_TASK_WITHDRAWN,
                                          columns[i].column != GT_COUNTY_TASK_ACKS);
      gtk_tree_view_append_column (self->tasks_view, column);
    }
  gtk_tree_view_set_tooltip_column (self->tasks_view, GT_COUNTY_TASK_TOOLTIP);
  gtk_tree_view_set_model (self->tasks_view, GTK_TREE_MODEL (self->tasks_store));
}

static void
fill_tasks (GtCountyPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tasks = gt_county_list_tasks (self->storage, &error);
  g_autoptr (GPtrArray) all = NULL;

  gtk_list_store_clear (self->tasks_store);
  if (tasks == NULL || (all = gt_county_dispatch_targets (self->storage, "*", &error)) == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  for (guint i = 0; i < tasks->len; i++)
    {
      GtCountyTask *t = tasks->pdata[i];
      gboolean everyone = g_strcmp0 (t->target, "*") == 0;
      int targets = everyone ? (int) all->len : 1;
      g_autofree char *acks = NULL, *tooltip = NULL;

      if (t->withdrawn_on != NULL)
        {
          acks = g_strdup_printf (_("withdrawn on %s"), t->withdrawn_on);
          tooltip = *t->withdrawn_reason != '\0'
                      ? g_strdup_printf (_("Withdrawn on %s: %s"), t->withdrawn_on,
                                         t->withdrawn_reason)
                      : g_strdup_printf (_("Withdrawn on %s"), t->withdrawn_on);
        }
      else
        acks = g_strdup_printf (_("received %d, done %d of %d"), (int) t->received, (int) t->done,
                                targets);
      const char *target = everyone ? _("All townships") : t->target;

      for (guint k = 0; !everyone && k < all->len; k++)
        if (g_strcmp0 (((GtTrustedKey *) all->pdata[k])->org_code, t->target) == 0)
          target = ((GtTrustedKey *) all->pdata[k])->name;
      gtk_list_store_insert_with_values (
        self->tasks_store, NULL, -1, GT_COUNTY_TASK_UUID, t->uuid, GT_COUNTY_TASK_KIND,
        g_strcmp0 (t->kind, "notice") == 0 ? _("Notice") : _("Task"), GT_COUNTY_TASK_TITLE,
        t->title, GT_COUNTY_TASK_DUE, t->due_date != NULL ? t->due_date : "—",
        GT_COUNTY_TASK_TARGET, target, GT_COUNTY_TASK_ISSUED, t->issued_on, GT_COUNTY_TASK_ACKS,
        acks, GT_COUNTY_TASK_RECEIVED, (int) t->received, GT_COUNTY_TASK_DONE, (int) t->done,
        GT_COUNTY_TASK_TARGETS, targets, GT_COUNTY_TASK_WITHDRAWN, t->withdrawn_on != NULL,
        GT_COUNTY_TASK_TOOLTIP, tooltip, -1);
    }
}

static void
task_selection_changed_cb (GtkTreeSelection *selection, GtCountyPage *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gboolean withdrawn = TRUE;

  if (gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, GT_COUNTY_TASK_WITHDRAWN, &withdrawn, -1);
  gtk_widget_set_sensitive (self->withdraw_button, !withdrawn);
}

static void
withdraw_response_cb (GtkDialog *dialog, int response, GtCountyPage *self)
{
  GtkEntry *entry = g_object_get_data (G_OBJECT (dialog), "gt-reason");
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "gt-task");
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->storage != NULL)
    {
      reason = g_strstrip (g_strdup (gtk_entry_get_text (entry)));
      /* the storage's "changed" signal reloads the list */
      if (!gt_county_withdraw_task (self->storage, uuid, NULL, reason, &error))
        show_message (self, GTK_MESSAGE_ERROR, gt_error_text (self->storage, error));
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

/* Withdraw… asks first, with the reason (optional) to send to the townships. */
static void
withdraw_clicked_cb (GtkWidget *button, GtCountyPage *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tasks_view);
  g_autofree char *uuid = NULL, *title = NULL, *target = NULL, *kind = NULL;
  GtkWidget *dialog, *entry, *box, *label, *action;
  GtkTreeModel *model;
  GtkTreeIter iter;

  if (self->storage == NULL || !gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, GT_COUNTY_TASK_UUID, &uuid, GT_COUNTY_TASK_TITLE, &title,
                      GT_COUNTY_TASK_TARGET, &target, GT_COUNTY_TASK_KIND, &kind, -1);
  dialog = gtk_message_dialog_new (parent_window (self), GTK_DIALOG_MODAL |
                                   GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_QUESTION,
                                   GTK_BUTTONS_NONE, _("Withdraw “%s”?"), title);
  gtk_message_dialog_format_secondary_text (
    GTK_MESSAGE_DIALOG (dialog),
    /* TRANSLATORS: %s is a kind (Task, Notice), %s the townships it was sent to */
    _("%s for %s. It will be shown as withdrawn and no longer counted. The next dispatch "
      "packages tell the townships, whose copies are then marked withdrawn and ask for no "
      "acknowledgement. This cannot be undone."), kind, target);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  action = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Withdraw"), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (action), "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  box = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog));
  label = gtk_label_new_with_mnemonic (_("_Reason (optional):"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_buildable_set_name (GTK_BUILDABLE (entry), "reason_entry");
  gtk_entry_set_max_length (GTK_ENTRY (entry), GT_TEXT_MAX_CHARS);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_pack_start (GTK_BOX (box), label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), entry, FALSE, FALSE, 0);
  gtk_widget_show (label);
  gtk_widget_show (entry);

  g_object_set_data (G_OBJECT (dialog), "gt-reason", entry);
  g_object_set_data_full (G_OBJECT (dialog), "gt-task", g_steal_pointer (&uuid), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (withdraw_response_cb), self);
  gtk_widget_show (dialog);
}

/* ---- loading ---- */

static void
fill_townships (GtCountyPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = NULL, *hint = NULL;
  guint reported = 0;

  gtk_list_store_clear (self->townships_store);
  g_clear_pointer (&self->townships, g_ptr_array_unref);
  self->townships = gt_county_summary (self->storage, self->period, &error);
  if (self->townships == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  for (guint i = 0; i < self->townships->len; i++)
    {
      const GtCountyTownship *t = self->townships->pdata[i];

      g_autofree char *tooltip = NULL;

      reported += t->reported;
      /* TRANSLATORS: a township's row in the county table: name (code) */
      tooltip = *t->name != '\0' ? g_strdup_printf (_("%s (%s)"), t->name, t->code)
                                 : g_strdup (t->code);
      gtk_list_store_insert_with_values (self->townships_store, NULL, -1,
                                         GT_COUNTY_TOWNSHIP_INDEX, (int) i,
                                         GT_COUNTY_TOWNSHIP_CODE, t->code,
                                         GT_COUNTY_TOWNSHIP_MISSING, !t->reported,
                                         GT_COUNTY_TOWNSHIP_TOOLTIP, tooltip, -1);
    }
  hint = g_strdup_printf (ngettext ("%u of %u township reported", "%u of %u townships reported",
                                    self->townships->len),
                          reported, self->townships->len);
  gtk_label_set_label (self->period_hint, self->townships->len > 0 ? hint
                       : _("No township yet: enrol the townships' keys and import their "
                           "reports under Data Exchange"));
  missing = gt_county_missing_text (self->townships, self->period);
  gtk_label_set_label (self->missing_label, missing != NULL ? missing : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->missing_label), missing);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing != NULL);
  gtk_widget_set_sensitive (self->print_button, self->townships->len > 0);
  gtk_widget_set_sensitive (self->export_button, self->townships->len > 0);
  fill_ranking (self);
}

static void
period_changed_cb (GtkComboBox *combo, GtCountyPage *self)
{
  const char *id = gtk_combo_box_get_active_id (combo);

  if (self->filling || id == NULL || g_strcmp0 (id, self->period) == 0)
    return;
  g_free (self->period);
  self->period = g_strdup (id);
  fill_townships (self);
}

static void
gt_county_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtCountyPage *self = GT_COUNTY_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) periods = NULL;
  g_autofree char *today = gt_today ();
  g_autofree char *current = NULL, *fallback = NULL;
  gboolean known = FALSE;

  g_set_object (&self->storage, storage);
  gtk_list_store_clear (self->townships_store);
  gtk_list_store_clear (self->tasks_store);
  g_clear_pointer (&self->townships, g_ptr_array_unref);
  gtk_widget_set_sensitive (GTK_WIDGET (self), storage != NULL);
  if (storage == NULL)
    return;
  periods = gt_county_periods (storage, &error);
  if (periods != NULL)
    fallback = gt_county_default_period (storage, &error);
  if (periods == NULL || fallback == NULL)
    {
      gt_page_report_error (page, error);
      return;
    }
  current = g_strndup (today, 7);
  self->filling = TRUE;
  gtk_combo_box_text_remove_all (self->period_combo);
  /* the periods reported, and this month (nobody may have reported yet) */
  if (periods[0] == NULL || g_strcmp0 (periods[0], current) < 0)
    gtk_combo_box_text_append (self->period_combo, current, current);
  for (guint i = 0; periods[i] != NULL; i++)
    gtk_combo_box_text_append (self->period_combo, periods[i], periods[i]);
  if (self->period != NULL)
    known = gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->period_combo), self->period);
  if (!known)
    {
      g_free (self->period);
      /* the same default period as guatu-cli county summary and county-report */
      self->period = g_steal_pointer (&fallback);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->period_combo), self->period);
    }
  self->filling = FALSE;
  fill_townships (self);
  fill_tasks (self);
}

static void
gt_county_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_county_page_set_storage;
}

/* ---- printing and PDF ---- */

static GtCountyReport *
make_report (GtCountyPage *self, GError **error)
{
  const char *rank = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->rank_combo));

  if (self->storage == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No database open"));
      return NULL;
    }
  return gt_county_report_new (self->storage, self->period, rank,
                               (guint) gtk_spin_button_get_value_as_int (self->top_spin), error);
}

static void
draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page, GtCountyReport *report)
{
  gt_county_report_draw_page (report, gtk_print_context_get_cairo_context (context), (guint) page,
                              gtk_print_context_get_width (context),
                              gtk_print_context_get_height (context));
}

static void
report_free_notify (gpointer data, GClosure *closure)
{
  gt_county_report_free (data);
}

GtkPrintOperation *
gt_county_page_print_operation (GtCountyPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtCountyReport *report = make_report (self, &error);
  GtkPrintOperation *op;

  if (report == NULL)
    {
      show_message (self, GTK_MESSAGE_ERROR, gt_error_text (self->storage, error));
      return NULL;
    }
  op = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_n_pages (op, (int) gt_county_report_get_n_pages (report));
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_job_name (op, _("County summary"));
  g_signal_connect_data (op, "draw-page", G_CALLBACK (draw_page_cb), report, report_free_notify,
                         0);
  return op;
}

static void
print_clicked_cb (GtkWidget *widget, GtCountyPage *self)
{
  g_autoptr (GtkPrintOperation) op = gt_county_page_print_operation (self);
  g_autoptr (GError) error = NULL;

  if (op != NULL &&
      gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent_window (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, GTK_MESSAGE_ERROR, gt_error_text (self->storage, error));
}

gboolean
gt_county_page_export_pdf (GtCountyPage *self, const char *path, GError **error)
{
  g_autoptr (GtCountyReport) report = make_report (self, error);

  return report != NULL && gt_county_report_write_pdf (report, path, error);
}

static void
export_clicked_cb (GtkWidget *widget, GtCountyPage *self)
{
  g_autofree char *name = g_strdup_printf (_("county-summary-%s.pdf"),
                                           self->period != NULL ? self->period : "");
  g_autofree char *path = gt_choose_pdf_path (parent_window (self), name);
  g_autoptr (GError) error = NULL;

  if (path != NULL && !gt_county_page_export_pdf (self, path, &error))
    show_message (self, GTK_MESSAGE_ERROR, gt_error_text (self->storage, error));
}

static void
dispatch_clicked_cb (GtkWidget *widget, GtCountyPage *self)
{
  if (self->storage != NULL)
    gtk_widget_show (GTK_WIDGET (gt_dispatch_dialog_new (parent_window (self), self->storage)));
}

/* ---- the object ---- */

static void
gt_county_page_dispose (GObject *object)
{
  GtCountyPage *self = GT_COUNTY_PAGE (object);

  g_clear_object (&self->storage);
  g_clear_object (&self->townships_store);
  g_clear_object (&self->top_store);
  g_clear_object (&self->bottom_store);
  g_clear_object (&self->tasks_store);
  g_clear_pointer (&self->townships, g_ptr_array_unref);
  g_clear_pointer (&self->period, g_free);
  G_OBJECT_CLASS (gt_county_page_parent_class)->dispose (object);
}

static void
gt_county_page_class_init (GtCountyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_county_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-county-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, period_combo);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, period_hint);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, township_view);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, rank_combo);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, top_spin);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, top_view);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, bottom_view);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, tasks_view);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, dispatch_button);
  gtk_widget_class_bind_template_child (widget_class, GtCountyPage, withdraw_button);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rank_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dispatch_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, task_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, withdraw_clicked_cb);
}

static void
gt_county_page_init (GtCountyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_township_view (self);
  self->top_store = build_rank_view (self->top_view, _("Top"));
  self->bottom_store = build_rank_view (self->bottom_view, _("Bottom"));
  build_tasks_view (self);
  self->filling = TRUE;
  for (guint i = 0; i < gt_county_n_columns; i++)
    if (gt_county_columns[i].rankable)
      gtk_combo_box_text_append (self->rank_combo, gt_county_columns[i].id,
                                 _(gt_county_columns[i].title));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->rank_combo), "members");
  self->filling = FALSE;
}
