/* gt-org-page.c — the organisation tree (党委 → 党总支 → 党支部 → 党小组)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-org-page.h"
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
};

struct _GtOrgPage
{
  GtkBox parent_instance;

  GtkLabel *summary_label;
  GtkTreeView *tree_view;
  GtkTreeStore *store;
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
  g_autofree char *summary = NULL;
  gint64 members = 0;

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

      gtk_tree_store_insert_with_values (self->store, iter, parent, -1,
                                         COL_NAME, org->name,
                                         COL_KIND, gt_label_org_kind (org->kind),
                                         COL_TYPE, gt_label_org_type (org->org_type),
                                         COL_LEVEL, gt_label_org_level (org->level),
                                         COL_SECRETARY, org->secretary,
                                         COL_MEMBERS, org->n_members,
                                         COL_ID, org->id, -1);
      g_hash_table_insert (iters, &org->id, iter);
      members += org->n_members;
    }
  gtk_tree_view_expand_all (self->tree_view);

  summary = g_strdup_printf (ngettext ("%u organisation with %d members",
                                       "%u organisations with %d members", orgs->len),
                             orgs->len, (int) members);
  gtk_label_set_label (self->summary_label, summary);
}

static void
gt_org_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_org_page_set_storage;
}

static void
gt_org_page_class_init (GtOrgPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-org-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, GtOrgPage, store);
}

static void
gt_org_page_init (GtOrgPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
