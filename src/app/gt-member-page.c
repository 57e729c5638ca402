/* gt-member-page.c — the member register with search as you type
 *
 * ID and phone numbers are masked unless the user explicitly reveals them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-idcard.h"
#include "gt-member-dialog.h"
#include "gt-member-page.h"
#include "gt-registers.h"

#define MAX_ROWS 1000

enum
{
  COL_NAME,
  COL_GENDER,
  COL_BRANCH,
  COL_CATEGORY,
  COL_ID_NUMBER,
  COL_PHONE,
  COL_JOINED,
  COL_HOUSEHOLDS,
  COL_ID,
};

struct _GtMemberPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkLabel *count_label;
  GtkCheckButton *reveal_check;
  GtkTreeView *tree_view;
  GtkListStore *store;

  GtStorage *storage;
};

static void gt_member_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtMemberPage, gt_member_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_member_page_page_init))

static void
reload (GtMemberPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = NULL;
  g_autofree char *count = NULL;
  const char *filter = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  gboolean reveal = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->reveal_check));

  gtk_list_store_clear (self->store);
  gtk_label_set_label (self->count_label, "");
  if (self->storage == NULL)
    return;

  members = gt_member_list (self->storage, filter, MAX_ROWS + 1, &error);
  if (members == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }

  for (guint i = 0; i < MIN (members->len, MAX_ROWS); i++)
    {
      GtMember *m = members->pdata[i];
      g_autofree char *id = reveal ? g_strdup (m->id_number) : gt_idcard_mask (m->id_number);
      g_autofree char *phone = reveal ? g_strdup (m->phone) : gt_phone_mask (m->phone);

      gtk_list_store_insert_with_values (self->store, NULL, -1,
                                         COL_NAME, m->name,
                                         COL_GENDER, m->gender == 'F' ? _("Female") : _("Male"),
                                         COL_BRANCH, m->org_name,
                                         COL_CATEGORY, gt_label_member_category (m->category),
                                         COL_ID_NUMBER, id,
                                         COL_PHONE, phone,
                                         COL_JOINED, m->join_date,
                                         COL_HOUSEHOLDS, m->n_links,
                                         COL_ID, m->id, -1);
    }

  if (members->len > MAX_ROWS)
    count = g_strdup_printf (_("Showing the first %d members; type more to narrow the search"),
                             MAX_ROWS);
  else
    count = g_strdup_printf (ngettext ("%u member", "%u members", members->len), members->len);
  gtk_label_set_label (self->count_label, count);
}

static void
search_changed_cb (GtkSearchEntry *entry, GtMemberPage *self)
{
  reload (self);
}

static void
reveal_toggled_cb (GtkToggleButton *button, GtMemberPage *self)
{
  reload (self);
}

static void
row_activated_cb (GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *column,
                  GtMemberPage *self)
{
  GtkTreeIter iter;
  gint64 id = 0;
  GtMemberDialog *dialog;

  if (!gtk_tree_model_get_iter (GTK_TREE_MODEL (self->store), &iter, path))
    return;
  gtk_tree_model_get (GTK_TREE_MODEL (self->store), &iter, COL_ID, &id, -1);
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
  GtMemberPage *self = GT_MEMBER_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, reveal_check);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, GtMemberPage, store);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reveal_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
gt_member_page_init (GtMemberPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
