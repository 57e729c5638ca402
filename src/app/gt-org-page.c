/* gt-org-page.c — the organisation tree (党委 → 党总支 → 党支部 → 党小组)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-org-checklist-dialog.h"
#include "gt-org-dialog.h"
#include "gt-org-page.h"
#include "gt-org.h"
#include "gt-registers.h"

enum
{
  COL_NAME,
  COL_KIND,
  COL_TYPE,
  COL_LEVEL,
  COL_SECRETARY,
  COL_MEMBERS,
  COL_ID,
  COL_TOOLTIP,
};

struct _GtOrgPage
{
  GtkBox parent_instance;

  GtkLabel *summary_label;
  GtkTreeView *tree_view;
  GtkTreeStore *store;
  GtkTreeSelection *selection;
  GtkListStore *history_store;
  GtkWidget *rename_button;
  GtkWidget *kind_button;
  GtkWidget *type_button;
  GtkWidget *move_button;
  GtkWidget *remove_button;
  GtkWidget *checklist_button;

  GtStorage *storage;
  gint64 selected_id; /* kept across reloads */
};

static void gt_org_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtOrgPage, gt_org_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_org_page_page_init))

static void
gt_org_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtOrgPage *self = GT_ORG_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orgs = NULL;
  g_autoptr (GHashTable) iters = NULL; /* id → GtkTreeIter* */
  g_autoptr (GString) types = g_string_new (NULL);
  g_autofree char *summary = NULL;
  gint64 members = 0, keep = self->selected_id;

  g_set_object (&self->storage, storage);
  gtk_tree_store_clear (self->store);
  gtk_label_set_label (self->summary_label, "");
  if (storage == NULL)
    return;

  orgs = gt_org_list (storage, &error);
  if (orgs == NULL)
    {
      gt_page_report_error (page, error);
      return;
    }

  iters = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  for (guint i = 0; i < orgs->len; i++)
    {
      GtOrg *org = orgs->pdata[i];
      GtkTreeIter *parent = g_hash_table_lookup (iters, &org->parent_id);
      GtkTreeIter *iter = g_new (GtkTreeIter, 1);
      /* Members are registered with their branch; a 党小组 counts those placed in it (the
       * branch counts them too), and says so. */
      gboolean group = g_strcmp0 (org->kind, "group") == 0;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                (gint64) org->n_members_total);

      gtk_tree_store_insert_with_values (self->store, iter, parent, -1,
                                         COL_NAME, org->name,
                                         COL_KIND, gt_label_org_kind (org->kind),
                                         COL_TYPE, gt_label_org_type (org->org_type),
                                         COL_LEVEL, gt_label_org_level (org->level),
                                         COL_SECRETARY, org->secretary,
                                         COL_MEMBERS, count,
                                         COL_ID, org->id,
                                         COL_TOOLTIP, group
                                           ? _("Members placed in this party group; they "
                                               "are registered with the branch above it, "
                                               "whose count includes them")
                                           : NULL, -1);
      g_hash_table_insert (iters, &org->id, iter);
      members += org->n_members - org->n_in_group;
    }
  gtk_tree_view_expand_all (self->tree_view);
  if (keep > 0 && g_hash_table_lookup (iters, &keep) != NULL)
    gtk_tree_selection_select_iter (self->selection, g_hash_table_lookup (iters, &keep));

  /* "一核四型": branches by type, in the order the tree first shows them */
  {
    g_autoptr (GPtrArray) seen = g_ptr_array_new ();
    for (guint i = 0; i < orgs->len; i++)
      {
        GtOrg *org = orgs->pdata[i];
        if ((g_strcmp0 (org->kind, "branch") == 0 || g_strcmp0 (org->kind, "general_branch") == 0)
            && !g_ptr_array_find_with_equal_func (seen, org->org_type, g_str_equal, NULL))
          g_ptr_array_add (seen, org->org_type);
      }
    for (guint t = 0; t < seen->len; t++)
      {
        int n = 0;
        for (guint i = 0; i < orgs->len; i++)
          {
            GtOrg *org = orgs->pdata[i];
            n += (g_strcmp0 (org->kind, "branch") == 0 ||
                  g_strcmp0 (org->kind, "general_branch") == 0) &&
                 g_strcmp0 (org->org_type, seen->pdata[t]) == 0;
          }
        g_string_append_printf (types, "%s%s %d", types->len ? " · " : "",
                                gt_label_org_type (seen->pdata[t]), n);
      }
  }

  summary = g_strdup_printf (ngettext ("%u organisation with %d members",
                                       "%u organisations with %d members", orgs->len),
                             orgs->len, (int) members);
  if (types->len > 0)
    {
      g_autofree char *with_types = g_strdup_printf (_("%s. Branches by type: %s"), summary,
                                                     types->str);
      gtk_label_set_label (self->summary_label, with_types);
    }
  else
    gtk_label_set_label (self->summary_label, summary);
}

static const char *
org_event_text (GtOrgEvent *e, char **owned)
{
  const char *old_label = gt_label_org_kind (e->old_value);
  const char *new_label = gt_label_org_kind (e->new_value);

  if (gt_org_event_is_type_change (e))
    *owned = g_strdup_printf (_("Type changed from %s to %s"), gt_label_org_type (e->old_value),
                              gt_label_org_type (e->new_value));
  else if (g_strcmp0 (e->kind, "founded") == 0)
    *owned = g_strdup_printf (_("Founded as %s"), new_label);
  else if (g_strcmp0 (e->kind, "renamed") == 0)
    *owned = g_strdup_printf (_("Renamed from %s to %s"), e->old_value, e->new_value);
  else if (g_strcmp0 (e->kind, "upgraded") == 0)
    *owned = g_strdup_printf (_("Upgraded from %s to %s"), old_label, new_label);
  else if (g_strcmp0 (e->kind, "changed") == 0)
    *owned = g_strdup_printf (_("Kind changed from %s to %s"), old_label, new_label);
  else if (g_strcmp0 (e->kind, "moved") == 0)
    *owned = g_strdup_printf (_("Moved from %s to %s"), e->old_value, e->new_value);
  else if (g_strcmp0 (e->kind, "archived") == 0)
    *owned = g_strdup (_("Archived"));
  else
    *owned = g_strdup (e->kind);

  if (*e->detail != '\0')
    {
      char *with_detail = g_strdup_printf ("%s (%s)", *owned, e->detail);
      g_free (*owned);
      *owned = with_detail;
    }
  return *owned;
}

static void
selection_changed_cb (GtkTreeSelection *selection, GtOrgPage *self)
{
  g_autoptr (GPtrArray) events = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;
  gboolean selected = gtk_tree_selection_get_selected (selection, &model, &iter);

  gtk_list_store_clear (self->history_store);
  self->selected_id = 0;
  if (selected)
    gtk_tree_model_get (model, &iter, COL_ID, &self->selected_id, -1);
  gtk_widget_set_sensitive (self->rename_button, selected);
  gtk_widget_set_sensitive (self->kind_button, selected);
  gtk_widget_set_sensitive (self->type_button, selected);
  gtk_widget_set_sensitive (self->move_button, selected);
  gtk_widget_set_sensitive (self->remove_button, selected);
  gtk_widget_set_sensitive (self->checklist_button, selected);
  if (!selected || self->storage == NULL)
    return;

  events = gt_org_history (self->storage, self->selected_id, NULL);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      GtOrgEvent *e = events->pdata[i];
      g_autofree char *text = NULL;

      org_event_text (e, &text);
      gtk_list_store_insert_with_values (self->history_store, NULL, -1, 0, e->date, 1, text, -1);
    }
}

static void
open_dialog (GtOrgPage *self, GtOrgDialogMode mode)
{
  GtOrgDialog *dialog;

  if (self->storage == NULL)
    return;
  dialog = gt_org_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                              self->storage, mode, self->selected_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
org_add_cb (GtkButton *button, GtOrgPage *self)
{
  open_dialog (self, GT_ORG_DIALOG_ADD);
}

static void
org_rename_cb (GtkButton *button, GtOrgPage *self)
{
  open_dialog (self, GT_ORG_DIALOG_RENAME);
}

static void
org_kind_cb (GtkButton *button, GtOrgPage *self)
{
  open_dialog (self, GT_ORG_DIALOG_SET_KIND);
}

static void
org_type_cb (GtkButton *button, GtOrgPage *self)
{
  open_dialog (self, GT_ORG_DIALOG_SET_TYPE);
}

static void
org_move_cb (GtkButton *button, GtOrgPage *self)
{
  open_dialog (self, GT_ORG_DIALOG_MOVE);
}

static void
org_checklist_cb (GtkButton *button, GtOrgPage *self)
{
  GtOrgChecklistDialog *dialog;

  if (self->storage == NULL || self->selected_id == 0)
    return;
  dialog = gt_org_checklist_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                        self->storage, self->selected_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (GtkDialog *dialog, int response, GtOrgPage *self)
{
  g_autoptr (GError) error = NULL;
  gboolean archived = FALSE;

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->storage == NULL || self->selected_id == 0)
    return;
  if (!gt_org_remove (self->storage, self->selected_id, NULL, &archived, &error))
    gt_page_report_error (GT_PAGE (self), error);
}

static void
org_remove_cb (GtkButton *button, GtOrgPage *self)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self)));
  GtkWidget *dialog;

  if (self->storage == NULL || self->selected_id == 0)
    return;
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Remove the selected organisation?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("An organisation that has had members or has a "
                                              "history is archived, not deleted: its history "
                                              "stays available."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Remove"), GTK_RESPONSE_ACCEPT, NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gt_org_page_dispose (GObject *object)
{
  g_clear_object (&GT_ORG_PAGE (object)->storage);
  G_OBJECT_CLASS (gt_org_page_parent_class)->dispose (object);
}

static void
gt_org_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_org_page_set_storage;
}

static void
gt_org_page_class_init (GtOrgPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_org_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-org-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, store);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, selection);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, history_store);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, kind_button);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, type_button);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, move_button);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, checklist_button);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_rename_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_kind_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_type_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_move_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_checklist_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_remove_cb);
}

static void
gt_org_page_init (GtOrgPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* nothing is selected yet: the buttons that act on a selection start insensitive */
  selection_changed_cb (self->selection, self);
}
