/* gt-household-model.c — a list model over the household register that reads rows on demand
 *
 * The view (in fixed-height mode) only asks for the rows it shows; the model fetches the
 * page holding a row with one query and keeps a bounded number of pages, like
 * GtMemberModel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-household-model.h"

#define PAGE_SIZE 256
#define MAX_PAGES 64

struct _GtHouseholdModel
{
  GObject parent_instance;

  GtStorage *storage;
  GtHouseholdFilter filter;
  char *text;    /* owned copies of the filter's strings */
  char *village;
  char *as_of;
  gint64 n_rows;
  int stamp;
  GHashTable *pages; /* page number → GPtrArray of GtHouseholdRow */
};

static void gt_household_model_tree_model_init (GtkTreeModelIface *iface);

G_DEFINE_TYPE_WITH_CODE (GtHouseholdModel, gt_household_model, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_TREE_MODEL,
                                                gt_household_model_tree_model_init))

static GtHouseholdRow *
row (GtHouseholdModel *self, gint64 index)
{
  gint64 page = index / PAGE_SIZE;
  GPtrArray *rows = g_hash_table_lookup (self->pages, &page);

  if (rows == NULL)
    {
      g_autoptr (GError) error = NULL;
      gint64 *key;

      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      rows = gt_household_search (self->storage, &self->filter, page * PAGE_SIZE, PAGE_SIZE,
                                  &error);
      if (rows == NULL)
        {
          g_warning ("%s", error->message);
          return NULL;
        }
      key = g_new (gint64, 1);
      *key = page;
      g_hash_table_insert (self->pages, key, rows);
    }
  return index % PAGE_SIZE < rows->len ? rows->pdata[index % PAGE_SIZE] : NULL;
}

static GtkTreeModelFlags
get_flags (GtkTreeModel *model)
{
  return GTK_TREE_MODEL_LIST_ONLY | GTK_TREE_MODEL_ITERS_PERSIST;
}

static int
get_n_columns (GtkTreeModel *model)
{
  return GT_HOUSEHOLD_N_COLUMNS;
}

static GType
get_column_type (GtkTreeModel *model, int column)
{
  switch (column)
    {
    case GT_HOUSEHOLD_COLUMN_SIZE:
    case GT_HOUSEHOLD_COLUMN_LINKS:
    case GT_HOUSEHOLD_COLUMN_ID:
      return G_TYPE_INT64;
    default:
      return G_TYPE_STRING;
    }
}

static gboolean
set_iter (GtHouseholdModel *self, GtkTreeIter *iter, gint64 index)
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
  return set_iter (GT_HOUSEHOLD_MODEL (model), iter, gtk_tree_path_get_indices (path)[0]);
}

static GtkTreePath *
get_path (GtkTreeModel *model, GtkTreeIter *iter)
{
  return gtk_tree_path_new_from_indices ((int) GPOINTER_TO_SIZE (iter->user_data), -1);
}

static void
get_value (GtkTreeModel *model, GtkTreeIter *iter, int column, GValue *value)
{
  GtHouseholdModel *self = GT_HOUSEHOLD_MODEL (model);
  GtHouseholdRow *h = row (self, (gint64) GPOINTER_TO_SIZE (iter->user_data));

  g_value_init (value, get_column_type (model, column));
  if (h == NULL)
    return;
  switch (column)
    {
    case GT_HOUSEHOLD_COLUMN_HEAD:
      g_value_set_string (value, h->head_name);
      break;
    case GT_HOUSEHOLD_COLUMN_VILLAGE:
      g_value_set_string (value, h->village != NULL ? h->village : "");
      break;
    case GT_HOUSEHOLD_COLUMN_GRID:
      g_value_set_string (value, h->grid);
      break;
    case GT_HOUSEHOLD_COLUMN_ADDRESS:
      g_value_set_string (value, h->address);
      break;
    case GT_HOUSEHOLD_COLUMN_SIZE:
      g_value_set_int64 (value, h->size);
      break;
    case GT_HOUSEHOLD_COLUMN_LINKS:
      g_value_set_int64 (value, h->n_links);
      break;
    case GT_HOUSEHOLD_COLUMN_LAST_VISIT:
      g_value_set_string (value, h->last_visit != NULL ? h->last_visit : _("never"));
      break;
    case GT_HOUSEHOLD_COLUMN_ID:
      g_value_set_int64 (value, h->id);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
iter_next (GtkTreeModel *model, GtkTreeIter *iter)
{
  return set_iter (GT_HOUSEHOLD_MODEL (model), iter,
                   (gint64) GPOINTER_TO_SIZE (iter->user_data) + 1);
}

static gboolean
iter_children (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *parent)
{
  return parent == NULL && set_iter (GT_HOUSEHOLD_MODEL (model), iter, 0);
}

static gboolean
iter_has_child (GtkTreeModel *model, GtkTreeIter *iter)
{
  return FALSE;
}

static int
iter_n_children (GtkTreeModel *model, GtkTreeIter *iter)
{
  return iter == NULL ? (int) GT_HOUSEHOLD_MODEL (model)->n_rows : 0;
}

static gboolean
iter_nth_child (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *parent, int n)
{
  return parent == NULL && set_iter (GT_HOUSEHOLD_MODEL (model), iter, n);
}

static gboolean
iter_parent (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *child)
{
  return FALSE;
}

static void
gt_household_model_tree_model_init (GtkTreeModelIface *iface)
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
gt_household_model_finalize (GObject *object)
{
  GtHouseholdModel *self = GT_HOUSEHOLD_MODEL (object);

  g_hash_table_destroy (self->pages);
  g_clear_object (&self->storage);
  g_free (self->text);
  g_free (self->village);
  g_free (self->as_of);
  G_OBJECT_CLASS (gt_household_model_parent_class)->finalize (object);
}

static void
gt_household_model_class_init (GtHouseholdModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gt_household_model_finalize;
}

static void
gt_household_model_init (GtHouseholdModel *self)
{
  self->stamp = g_random_int ();
  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
}

GtHouseholdModel *
gt_household_model_new (GtStorage *storage, const GtHouseholdFilter *filter, GError **error)
{
  g_autoptr (GtHouseholdModel) self = g_object_new (GT_TYPE_HOUSEHOLD_MODEL, NULL);

  self->storage = g_object_ref (storage);
  if (filter != NULL)
    self->filter = *filter;
  self->filter.text = self->text = g_strdup (self->filter.text);
  self->filter.village = self->village = g_strdup (self->filter.village);
  self->filter.as_of = self->as_of = g_strdup (self->filter.as_of);
  if (!gt_household_count (storage, &self->filter, &self->n_rows, error))
    return NULL;
  return g_steal_pointer (&self);
}

gint64
gt_household_model_get_total (GtHouseholdModel *self)
{
  return self->n_rows;
}
