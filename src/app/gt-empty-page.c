/* gt-empty-page.c — an area that has nothing to show yet, and says what will be there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-empty-page.h"

struct _GtEmptyPage
{
  GtkBox parent_instance;

  GtkImage *image;
  GtkLabel *title_label;
  GtkLabel *description_label;
};

G_DEFINE_TYPE (GtEmptyPage, gt_empty_page, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
gt_empty_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GtEmptyPage *self = GT_EMPTY_PAGE (object);
  const char *icon_name = NULL;

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      gtk_image_get_icon_name (self->image, &icon_name, NULL);
      g_value_set_string (value, icon_name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, gtk_label_get_label (self->description_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gt_empty_page_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  GtEmptyPage *self = GT_EMPTY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      gtk_image_set_from_icon_name (self->image, g_value_get_string (value), GTK_ICON_SIZE_DIALOG);
      gtk_image_set_pixel_size (self->image, 96);
      break;
    case PROP_TITLE:
      gtk_label_set_label (self->title_label, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      gtk_label_set_label (self->description_label, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gt_empty_page_class_init (GtEmptyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gt_empty_page_get_property;
  object_class->set_property = gt_empty_page_set_property;

  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", "Icon name", "Symbolic icon",
                                                    NULL, G_PARAM_READWRITE |
                                                            G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", "Title", "What is missing", NULL,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", "Description",
                                                      "What the area will hold", NULL,
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-empty-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtEmptyPage, image);
  gtk_widget_class_bind_template_child (widget_class, GtEmptyPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GtEmptyPage, description_label);
}

static void
gt_empty_page_init (GtEmptyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
