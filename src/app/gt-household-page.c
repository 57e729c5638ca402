/* gt-household-page.c — the household register: search, village filter and the two reports
 *
 * The list reads its rows on demand (GtHouseholdModel). Besides all households it shows the
 * two reports of 党员联户 as filters: the households of members who link fewer households
 * than the rule asks, and the households with a link not visited within the rule's interval.
 * The report names carry the rules' current numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-household-dialog.h"
#include "gt-household-model.h"
#include "gt-household-page.h"

struct _GtHouseholdPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkComboBoxText *village_combo;
  GtkComboBoxText *report_combo;
  GtkLabel *count_label;
  GtkTreeView *tree_view;

  GtStorage *storage;
  gboolean filling; /* combos are being refilled: ignore their "changed" */
  int max_listed;
};

static void gt_household_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtHouseholdPage, gt_household_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_household_page_page_init))

/* A prefecture holds over a million households; the list shows the first of them. */
#define MAX_HOUSEHOLDS_LISTED 50000

static void
reload (GtHouseholdPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkTreeModel) model = NULL;
  g_autofree char *count = NULL;
  const char *report = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->report_combo));
  GtHouseholdFilter filter = { 0 };
  gint64 total;

  gtk_tree_view_set_model (self->tree_view, NULL);
  gtk_label_set_label (self->count_label, "");
  if (self->storage == NULL || self->filling)
    return;

  filter.text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  filter.village = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->village_combo));
  filter.report = report != NULL ? (GtHouseholdReport) g_ascii_strtoll (report, NULL, 10)
                                 : GT_HOUSEHOLD_REPORT_ALL;
  model = gt_household_model_new (self->storage, &filter, self->max_listed, &total, &error);
  if (model == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  gtk_tree_view_set_model (self->tree_view, model);
  if (total > self->max_listed)
    count = g_strdup_printf (_("The first %d of %d households; choose a village or search to "
                               "narrow the list"), self->max_listed, (int) total);
  else
    count = g_strdup_printf (ngettext ("%d household", "%d households", (gulong) total),
                             (int) total);
  gtk_label_set_label (self->count_label, count);
  /* the label may be ellipsized beside the filters: the whole text on hover */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), count);
}

/* Refills the villages and the reports (whose names show the rules), keeping the choice. */
static void
fill_filters (GtHouseholdPage *self)
{
  g_autoptr (GPtrArray) villages = NULL;
  g_autofree char *village = g_strdup (gtk_combo_box_get_active_id (
    GTK_COMBO_BOX (self->village_combo)));
  g_autofree char *report = g_strdup (gtk_combo_box_get_active_id (
    GTK_COMBO_BOX (self->report_combo)));
  g_autofree char *shortfall = NULL, *overdue = NULL;
  int minimum = self->storage != NULL ? gt_rules_get_link_minimum (self->storage)
                                      : GT_RULE_LINK_MINIMUM_DEFAULT;
  int interval = self->storage != NULL ? gt_rules_get_visit_interval (self->storage)
                                       : GT_RULE_VISIT_INTERVAL_DEFAULT;
  GtkListStore *store;

  self->filling = TRUE;
  store = gt_combo_box_text_take_model (self->village_combo);
  gt_combo_box_text_store_append (store, "", _("All villages"));
  villages = self->storage != NULL ? gt_village_list (self->storage, NULL) : NULL;
  for (guint i = 0; villages != NULL && i < villages->len; i++)
    gt_combo_box_text_store_append (store, villages->pdata[i], villages->pdata[i]);
  gt_combo_box_text_give_model (self->village_combo, store);
  if (village == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->village_combo),
                                                       village))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->village_combo), 0);

  shortfall = g_strdup_printf (ngettext ("Of members linking fewer than %d household",
                                         "Of members linking fewer than %d households",
                                         (gulong) minimum), minimum);
  overdue = g_strdup_printf (ngettext ("Not visited within %d day",
                                       "Not visited within %d days", (gulong) interval),
                             interval);
  gtk_combo_box_text_remove_all (self->report_combo);
  gtk_combo_box_text_append (self->report_combo, "0", _("All households"));
  gtk_combo_box_text_append (self->report_combo, "1", shortfall);
  gtk_combo_box_text_append (self->report_combo, "2", overdue);
  if (report == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->report_combo),
                                                      report))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->report_combo), 0);
  self->filling = FALSE;
}

static void
search_changed_cb (GtkSearchEntry *entry, GtHouseholdPage *self)
{
  reload (self);
}

static void
filter_changed_cb (GtkComboBox *combo, GtHouseholdPage *self)
{
  reload (self);
}

static void
open_dialog (GtHouseholdPage *self, gint64 id)
{
  GtHouseholdDialog *dialog;

  if (self->storage == NULL)
    return;
  dialog = gt_household_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                    self->storage, id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_household_cb (GtkButton *button, GtHouseholdPage *self)
{
  open_dialog (self, 0);
}

static void
row_activated_cb (GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *column,
                  GtHouseholdPage *self)
{
  GtkTreeModel *model = gtk_tree_view_get_model (view);
  GtkTreeIter iter;
  gint64 id = 0;

  if (model == NULL || !gtk_tree_model_get_iter (model, &iter, path))
    return;
  gtk_tree_model_get (model, &iter, GT_HOUSEHOLD_COLUMN_ID, &id, -1);
  open_dialog (self, id);
}

static void
gt_household_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtHouseholdPage *self = GT_HOUSEHOLD_PAGE (page);

  g_set_object (&self->storage, storage);
  fill_filters (self);
  reload (self);
}

static void
gt_household_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_household_page_set_storage;
}

static void
gt_household_page_dispose (GObject *object)
{
  g_clear_object (&GT_HOUSEHOLD_PAGE (object)->storage);
  G_OBJECT_CLASS (gt_household_page_parent_class)->dispose (object);
}

static void
gt_household_page_grab_focus (GtkWidget *widget)
{
  gtk_widget_grab_focus (GTK_WIDGET (GT_HOUSEHOLD_PAGE (widget)->search_entry));
}

static void
gt_household_page_class_init (GtHouseholdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_household_page_dispose;
  widget_class->grab_focus = gt_household_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-household-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdPage, village_combo);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdPage, report_combo);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GtHouseholdPage, tree_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_household_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
gt_household_page_init (GtHouseholdPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->max_listed = MAX_HOUSEHOLDS_LISTED;
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->village_combo), 8);
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->report_combo), 14);
  gtk_label_set_ellipsize (self->count_label, PANGO_ELLIPSIZE_END);
  fill_filters (self);
}

/* How many households the list shows at most (tests use a small number). */
void
gt_household_page_set_max_listed (GtHouseholdPage *self, int max_listed)
{
  g_return_if_fail (GT_IS_HOUSEHOLD_PAGE (self));
  g_return_if_fail (max_listed > 0);

  self->max_listed = max_listed;
  reload (self);
}
