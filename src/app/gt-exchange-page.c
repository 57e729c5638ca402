/* gt-exchange-page.c — this office's identity for exchange with the county
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-exchange-page.h"
#include "gt-registers.h"

struct _GtExchangePage
{
  GtkBox parent_instance;

  GtkLabel *office_value;
  GtkLabel *role_value;
  GtkLabel *code_value;
  GtkLabel *path_value;
  GtkLabel *schema_value;
};

static void gt_exchange_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtExchangePage, gt_exchange_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_exchange_page_page_init))

static void
set_meta_label (GtkLabel *label, GtStorage *storage, const char *key)
{
  g_autofree char *value = gt_storage_get_meta (storage, key);

  gtk_label_set_label (label, value != NULL ? value : _("(not set)"));
}

static void
gt_exchange_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtExchangePage *self = GT_EXCHANGE_PAGE (page);
  g_autofree char *role = NULL, *schema = NULL;

  if (storage == NULL)
    {
      gtk_label_set_label (self->office_value, "");
      gtk_label_set_label (self->role_value, "");
      gtk_label_set_label (self->code_value, "");
      gtk_label_set_label (self->path_value, _("No database open"));
      gtk_label_set_label (self->schema_value, "");
      return;
    }

  set_meta_label (self->office_value, storage, "office_name");
  set_meta_label (self->code_value, storage, "office_code");
  role = gt_storage_get_meta (storage, "role");
  gtk_label_set_label (self->role_value, gt_label_role (role != NULL ? role : "township"));
  gtk_label_set_label (self->path_value, gt_storage_get_path (storage));
  schema = g_strdup_printf ("%d", gt_storage_get_schema_version (storage));
  gtk_label_set_label (self->schema_value, schema);
}

static void
gt_exchange_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_exchange_page_set_storage;
}

static void
gt_exchange_page_class_init (GtExchangePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-exchange-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, office_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, role_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, code_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, path_value);
  gtk_widget_class_bind_template_child (widget_class, GtExchangePage, schema_value);
}

static void
gt_exchange_page_init (GtExchangePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
