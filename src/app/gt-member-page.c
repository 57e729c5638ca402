/* gt-member-page.c — the member register: search as you type, filters, sorting
 *
 * The list reads its rows on demand (GtMemberModel), so a prefecture's 200 000 members
 * scroll smoothly. ID and phone numbers are masked unless the user explicitly reveals them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-member-add-dialog.h"
#include "gt-member-dialog.h"
#include "gt-member-model.h"
#include "gt-member-page.h"
#include "gt-registers.h"

#define MAX_TEXT_ROWS 1000

struct _GtMemberPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkComboBoxText *org_combo;
  GtkComboBoxText *category_combo;
  GtkComboBoxText *flag_combo;
  GtkLabel *count_label;
  GtkCheckButton *reveal_check;
  GtkTreeView *tree_view;

  GtStorage *storage;
  GtMemberSort sort;
  gboolean filling; /* combos are being refilled: ignore their "changed" */
};

static void gt_member_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtMemberPage, gt_member_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_member_page_page_init))

static void
read_filter (GtMemberPage *self, GtMemberFilter *filter)
{
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  const char *category = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->category_combo));
  const char *flag = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->flag_combo));

  filter->org_id = org != NULL ? g_ascii_strtoll (org, NULL, 10) : 0;
  filter->former = g_strcmp0 (category, "former") == 0;
  filter->category = category != NULL && *category != '\0' && !filter->former ? category : NULL;
  filter->flag = flag != NULL ? (GtMemberFlag) g_ascii_strtoll (flag, NULL, 10)
                              : GT_MEMBER_FLAG_ANY;
  filter->sort = self->sort;
}

static void
reload (GtMemberPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkTreeModel) model = NULL;
  g_autofree char *count = NULL;
  const char *text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  gboolean reveal = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->reveal_check));
  GtMemberFilter filter = { 0 };
  gint64 total;

  gtk_tree_view_set_model (self->tree_view, NULL);
  gtk_label_set_label (self->count_label, "");
  if (self->storage == NULL || self->filling)
    return;

  read_filter (self, &filter);
  model = gt_member_model_new (self->storage, text, &filter, reveal, MAX_TEXT_ROWS, &total,
                               &error);
  if (model == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  gtk_tree_view_set_model (self->tree_view, model);

  if (*text != '\0' && total > MAX_TEXT_ROWS)
    count = g_strdup_printf (_("More than %d members match; type more to narrow the search."),
                             MAX_TEXT_ROWS);
  else
    count = g_strdup_printf (ngettext ("%d member", "%d members", (gulong) total), (int) total);
  gtk_label_set_label (self->count_label, count);
}

static void
fill_filters (GtMemberPage *self)
{
  g_autoptr (GPtrArray) orgs = NULL;
  g_autofree char *org = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo)));
  GtkListStore *store;

  self->filling = TRUE;
  store = gt_combo_box_text_take_model (self->org_combo);
  gt_combo_box_text_store_append (store, "0", _("All organisations"));
  orgs = self->storage != NULL ? gt_org_list (self->storage, NULL) : NULL;
  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      GtOrg *o = orgs->pdata[i];
      char id[32];

      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, o->id);
      if (g_strcmp0 (o->kind, "group") != 0)
        gt_combo_box_text_store_append (store, id, o->name);
    }
  gt_combo_box_text_give_model (self->org_combo, store);
  if (org == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), org))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->org_combo), 0);
  self->filling = FALSE;
}

static void
search_changed_cb (GtkSearchEntry *entry, GtMemberPage *self)
{
  reload (self);
}

static void
filter_changed_cb (GtkComboBox *combo, GtMemberPage *self)
{
  reload (self);
}

static void
reveal_toggled_cb (GtkToggleButton *button, GtMemberPage *self)
{
  reload (self);
}

void
gt_member_page_bind_mask_setting (GtMemberPage *self, GSettings *settings)
{
  g_return_if_fail (GT_IS_MEMBER_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_settings_bind (settings, "mask-personal-data", self->reveal_check, "active",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
}

static void
sort_by (GtMemberPage *self, GtMemberSort sort)
{
  self->sort = self->sort == sort ? GT_MEMBER_SORT_REGISTER : sort;
  reload (self);
}

static void
sort_by_name_cb (GtkTreeViewColumn *column, GtMemberPage *self)
{
  sort_by (self, GT_MEMBER_SORT_NAME);
}

static void
sort_by_joined_cb (GtkTreeViewColumn *column, GtMemberPage *self)
{
  sort_by (self, GT_MEMBER_SORT_JOINED);
}

static void
add_member_cb (GtkButton *button, GtMemberPage *self)
{
  GtMemberAddDialog *dialog;

  if (self->storage == NULL)
    return;
  dialog = gt_member_add_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                     self->storage);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *column,
                  GtMemberPage *self)
{
  GtkTreeModel *model = gtk_tree_view_get_model (view);
  GtkTreeIter iter;
  gint64 id = 0;
  GtMemberDialog *dialog;

  if (model == NULL || !gtk_tree_model_get_iter (model, &iter, path))
    return;
  gtk_tree_model_get (model, &iter, GT_MEMBER_COLUMN_ID, &id, -1);
  dialog = gt_member_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                 self->storage, id);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gt_member_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtMemberPage *self = GT_MEMBER_PAGE (page);

  g_set_object (&self->storage, storage);
  fill_filters (self);
  reload (self);
}

static void
gt_member_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_member_page_set_storage;
}

static void
gt_member_page_dispose (GObject *object)
{
  GtMemberPage *self = GT_MEMBER_PAGE (object);

  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_member_page_parent_class)->dispose (object);
}

static void
gt_member_page_grab_focus (GtkWidget *widget)
{
  gtk_widget_grab_focus (GTK_WIDGET (GT_MEMBER_PAGE (widget)->search_entry));
}

static void
gt_member_page_class_init (GtMemberPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_member_page_dispose;
  widget_class->grab_focus = gt_member_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-member-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, category_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, flag_combo);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, reveal_check);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, tree_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reveal_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_by_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_by_joined_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_member_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
gt_member_page_init (GtMemberPage *self)
{
  static const struct
  {
    GtMemberFlag flag;
    const char *label;
  } flags[] = {
    { GT_MEMBER_FLAG_ANY, N_("All members") },
    { GT_MEMBER_FLAG_MOBILE, N_("Mobile members") },
    { GT_MEMBER_FLAG_LOST_CONTACT, N_("Lost contact") },
    { GT_MEMBER_FLAG_FRAIL, N_("Elderly or frail") },
    { GT_MEMBER_FLAG_FEW_LINKS, N_("Too few linked households") },
    { GT_MEMBER_FLAG_VISITS_DUE, N_("Visits overdue") },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->org_combo), 12);
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->flag_combo), 8);
  gtk_label_set_ellipsize (self->count_label, PANGO_ELLIPSIZE_END);
  self->filling = TRUE;
  gtk_combo_box_text_append (self->category_combo, "", _("All categories"));
  gtk_combo_box_text_append (self->category_combo, "full", gt_label_member_category ("full"));
  gtk_combo_box_text_append (self->category_combo, "probationary",
                             gt_label_member_category ("probationary"));
  /* Members transferred out, left or died are not in the register, but a transfer back in
   * is recorded on their record: this finds them again. */
  gtk_combo_box_text_append (self->category_combo, "former",
                             _("No longer in the register"));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->category_combo), 0);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autofree char *id = g_strdup_printf ("%d", flags[i].flag);
      gtk_combo_box_text_append (self->flag_combo, id, _(flags[i].label));
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->flag_combo), 0);
  self->filling = FALSE;
}
