/* gt-paged-model.c — a list model that reads its rows from the database on demand
 *
 * The member and household lists of a prefecture hold 200 000 rows. The view asks only for
 * the rows it shows; the model reads the page holding a row with one query and keeps at
 * most MAX_PAGES pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-paged-model.h"

#define PAGE_SIZE 256
#define MAX_PAGES 64

struct _GtPagedModel
{
  GObject parent_instance;

  int n_columns;
  GType *types;
  gint64 n_rows;
  int stamp;
  GHashTable *pages; /* page number → GPtrArray of items */
  GtPagedModelFetch fetch;
  GtPagedModelGetValue get_value;
  gpointer user_data;
  GDestroyNotify destroy;
};

static void gt_paged_model_tree_model_init (GtkTreeModelIface *iface);

G_DEFINE_TYPE_WITH_CODE (GtPagedModel, gt_paged_model, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_TREE_MODEL,
                                                gt_paged_model_tree_model_init))

gpointer
gt_paged_model_get_item (GtPagedModel *self, gint64 index)
{
  gint64 page = index / PAGE_SIZE;
  GPtrArray *items;

  if (index < 0 || index >= self->n_rows)
    return NULL;
  items = g_hash_table_lookup (self->pages, &page);
  if (items == NULL)
    {
      g_autoptr (GError) error = NULL;
      gint64 *key;

      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      items = self->fetch (self->user_data, page * PAGE_SIZE, PAGE_SIZE, &error);
      if (items == NULL)
        {
          g_warning ("%s", error->message);
          return NULL;
        }
      key = g_new (gint64, 1);
      *key = page;
      g_hash_table_insert (self->pages, key, items);
    }
  return index % PAGE_SIZE < items->len ? items->pdata[index % PAGE_SIZE] : NULL;
}

static GtkTreeModelFlags
get_flags (GtkTreeModel *model)
{
  return GTK_TREE_MODEL_LIST_ONLY | GTK_TREE_MODEL_ITERS_PERSIST;
}

static int
get_n_columns (GtkTreeModel *model)
{
  return GT_PAGED_MODEL (model)->n_columns;
}

static GType
get_column_type (GtkTreeModel *model, int column)
{
  GtPagedModel *self = GT_PAGED_MODEL (model);

  g_return_val_if_fail (column >= 0 && column < self->n_columns, G_TYPE_INVALID);
  return self->types[column];
}

static gboolean
set_iter (GtPagedModel *self, GtkTreeIter *iter, gint64 index)
{
  if (index < 0 || index >= self->n_rows)
    {
      iter->stamp = 0;
      return FALSE;
    }
  iter->stamp = self->stamp;
  iter->user_data = GSIZE_TO_POINTER ((gsize) index);
  return TRUE;
}

static gboolean
get_iter (GtkTreeModel *model, GtkTreeIter *iter, GtkTreePath *path)
{
  if (gtk_tree_path_get_depth (path) != 1)
    return FALSE;
  return set_iter (GT_PAGED_MODEL (model), iter, gtk_tree_path_get_indices (path)[0]);
}

static GtkTreePath *
get_path (GtkTreeModel *model, GtkTreeIter *iter)
{
  return gtk_tree_path_new_from_indices ((int) GPOINTER_TO_SIZE (iter->user_data), -1);
}

static void
get_value (GtkTreeModel *model, GtkTreeIter *iter, int column, GValue *value)
{
  GtPagedModel *self = GT_PAGED_MODEL (model);
  gpointer item = gt_paged_model_get_item (self, (gint64) GPOINTER_TO_SIZE (iter->user_data));

  g_value_init (value, get_column_type (model, column));
  if (item != NULL)
    self->get_value (self->user_data, item, column, value);
}

static gboolean
iter_next (GtkTreeModel *model, GtkTreeIter *iter)
{
  return set_iter (GT_PAGED_MODEL (model), iter,
                   (gint64) GPOINTER_TO_SIZE (iter->user_data) + 1);
}

static gboolean
iter_children (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *parent)
{
  return parent == NULL && set_iter (GT_PAGED_MODEL (model), iter, 0);
}

static gboolean
iter_has_child (GtkTreeModel *model, GtkTreeIter *iter)
{
  return FALSE;
}

static int
iter_n_children (GtkTreeModel *model, GtkTreeIter *iter)
{
  return iter == NULL ? (int) GT_PAGED_MODEL (model)->n_rows : 0;
}

static gboolean
iter_nth_child (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *parent, int n)
{
  return parent == NULL && set_iter (GT_PAGED_MODEL (model), iter, n);
}

static gboolean
iter_parent (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *child)
{
  return FALSE;
}

static void
gt_paged_model_tree_model_init (GtkTreeModelIface *iface)
{
  iface->get_flags = get_flags;
  iface->get_n_columns = get_n_columns;
  iface->get_column_type = get_column_type;
  iface->get_iter = get_iter;
  iface->get_path = get_path;
  iface->get_value = get_value;
  iface->iter_next = iter_next;
  iface->iter_children = iter_children;
  iface->iter_has_child = iter_has_child;
  iface->iter_n_children = iter_n_children;
  iface->iter_nth_child = iter_nth_child;
  iface->iter_parent = iter_parent;
}

static void
gt_paged_model_finalize (GObject *object)
{
  GtPagedModel *self = GT_PAGED_MODEL (object);

  g_hash_table_destroy (self->pages);
  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_free (self->types);
  G_OBJECT_CLASS (gt_paged_model_parent_class)->finalize (object);
}

static void
gt_paged_model_class_init (GtPagedModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gt_paged_model_finalize;
}

static void
gt_paged_model_init (GtPagedModel *self)
{
  self->stamp = g_random_int ();
  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
}

GtPagedModel *
gt_paged_model_new (int n_columns, const GType *types, gint64 n_rows, GtPagedModelFetch fetch,
                    GtPagedModelGetValue value_func, gpointer user_data, GDestroyNotify destroy)
{
  GtPagedModel *self = g_object_new (GT_TYPE_PAGED_MODEL, NULL);

  self->n_columns = n_columns;
  self->types = g_memdup2 (types, sizeof (GType) * (gsize) n_columns);
  self->n_rows = MAX (n_rows, 0);
  self->fetch = fetch;
  self->get_value = value_func;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}
