/* gt-overview-page.c — the office at a glance: identity and the main counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-overview-page.h"
#include "gt-registers.h"
#include "gt-stats.h"

struct _GtOverviewPage
{
  GtkScrolledWindow parent_instance;

  GtkLabel *office_label;
  GtkLabel *role_label;
  GtkFlowBox *tiles;
  GtkLabel *types_label;

  GtStorage *storage;  /* whose counts the tiles are to show */
  gboolean county;     /* shows what the townships sent */
  guint tick_id;       /* waiting for the page's next frame */
  guint fill_id;       /* the counts, after that frame */
};

static void gt_overview_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtOverviewPage, gt_overview_page, GTK_TYPE_SCROLLED_WINDOW,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_overview_page_page_init))

typedef struct
{
  const char *key;
  const char *title;
} Tile;

static const Tile tiles[] = {
  { "organizations", N_("Organisations") },
  { "branches", N_("Party branches") },
  { "members", N_("Members") },
  { "households", N_("Linked households") },
  { "projects", N_("Wall-chart projects") },
};

/* @text is the count, or "…" while it is being counted. */
static GtkWidget *
make_tile (const char *title, const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *number = gtk_label_new (text);
  GtkWidget *caption = gtk_label_new (title);

  gtk_style_context_add_class (gtk_widget_get_style_context (box), "gt-tile");
  gtk_style_context_add_class (gtk_widget_get_style_context (number), "gt-tile-value");
  gtk_style_context_add_class (gtk_widget_get_style_context (caption), "dim-label");
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_container_add (GTK_CONTAINER (box), number);
  gtk_container_add (GTK_CONTAINER (box), caption);
  gtk_widget_show_all (box);
  return box;
}

static void
clear_tiles (GtOverviewPage *self)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (self->tiles));

  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

static void
fill_tiles (GtOverviewPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) stats = NULL;
  g_autoptr (GString) types = NULL;

  clear_tiles (self);
  stats = self->county ? gt_stats_collect_received (self->storage, &error)
                       : gt_stats_collect (self->storage, &error);
  if (stats == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  if (self->county)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               gt_stats_get (stats, "townships"));
      gtk_container_add (GTK_CONTAINER (self->tiles),
                         make_tile (_("Townships that sent data"), text));
      gtk_label_set_label (self->types_label,
                           _("Totals of the latest data each township sent (data exchange)."));
    }
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               gt_stats_get (stats, tiles[i].key));
      gtk_container_add (GTK_CONTAINER (self->tiles), make_tile (_(tiles[i].title), text));
    }

  /* "Branches by type: 机关 5 · 农村 4 …" */
  types = g_string_new (NULL);
  for (guint i = 0; i < stats->len; i++)
    {
      GtStatsEntry *entry = &g_array_index (stats, GtStatsEntry, i);
      const char *code;

      if (!g_str_has_prefix (entry->key, "type_"))
        continue;
      /* the branches without a type are counted as "type_none" */
      code = g_str_equal (entry->key, "type_none") ? "" : entry->key + 5;
      g_string_append_printf (types, "%s%s %" G_GINT64_FORMAT, types->len ? " · " : "",
                              gt_label_org_type (code), entry->value);
    }
  if (types->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Branches by type: %s"), types->str);
      gtk_label_set_label (self->types_label, text);
    }
}

static gboolean
fill_idle (gpointer data)
{
  GtOverviewPage *self = data;

  self->fill_id = 0;
  if (self->storage != NULL)
    fill_tiles (self);
  return G_SOURCE_REMOVE;
}

/* The page's first frame after a new database: the counts (200 ms over a prefecture's 1.2
 * million households and links) come right after it is painted, so the window does not
 * wait for them, and not at all while another page is shown. */
static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  GtOverviewPage *self = GT_OVERVIEW_PAGE (widget);

  self->tick_id = 0;
  if (self->fill_id == 0)
    self->fill_id = g_idle_add (fill_idle, self);
  return G_SOURCE_REMOVE;
}

static void
cancel_fill (GtOverviewPage *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  self->tick_id = 0;
}

static void
gt_overview_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtOverviewPage *self = GT_OVERVIEW_PAGE (page);
  g_autofree char *office = NULL, *role = NULL, *code = NULL, *role_text = NULL;

  cancel_fill (self);
  g_set_object (&self->storage, storage);
  clear_tiles (self);
  gtk_label_set_label (self->types_label, "");
  if (storage == NULL)
    {
      gtk_label_set_label (self->office_label, _("No database open"));
      gtk_label_set_label (self->role_label, _("Open a database or create a new one from the "
                                               "main menu."));
      return;
    }

  office = gt_storage_get_meta (storage, "office_name");
  role = gt_storage_get_meta (storage, "role");
  code = gt_storage_get_meta (storage, "office_code");
  self->county = g_strcmp0 (role, "county") == 0;
  gtk_label_set_label (self->office_label, office != NULL ? office : _("Unnamed office"));
  role_text = g_strdup_printf ("%s%s%s", gt_label_office_role (role, code),
                               code != NULL ? " · " : "", code != NULL ? code : "");
  gtk_label_set_label (self->role_label, role_text);
  /* Until the counts arrive (a second on a prefecture's database) the tiles say so. */
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      GtkWidget *tile = make_tile (_(tiles[i].title), "…");

      gtk_widget_set_tooltip_text (tile, _("Counting…"));
      gtk_container_add (GTK_CONTAINER (self->tiles), tile);
    }
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

static void
gt_overview_page_dispose (GObject *object)
{
  GtOverviewPage *self = GT_OVERVIEW_PAGE (object);

  cancel_fill (self);
  g_clear_object (&self->storage);
  G_OBJECT_CLASS (gt_overview_page_parent_class)->dispose (object);
}

static void
gt_overview_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_overview_page_set_storage;
}

static void
gt_overview_page_class_init (GtOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_overview_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/gt-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtOverviewPage, office_label);
  gtk_widget_class_bind_template_child (widget_class, GtOverviewPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, GtOverviewPage, tiles);
  gtk_widget_class_bind_template_child (widget_class, GtOverviewPage, types_label);
}

static void
gt_overview_page_init (GtOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
