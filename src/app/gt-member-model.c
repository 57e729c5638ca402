/* gt-member-model.c — a list model over the member register that reads rows on demand
 *
 * The view (in fixed-height mode) only asks for the rows it shows; the model fetches the
 * page holding a row with one query and keeps a bounded number of pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-idcard.h"
#include "gt-member-model.h"

#define PAGE_SIZE 256
#define MAX_PAGES 64

struct _GtMemberModel
{
  GObject parent_instance;

  GtStorage *storage;
  char *text;
  GtMemberFilter filter;
  char *category; /* owned copy of filter.category */
  gboolean reveal;
  gint64 n_rows;  /* rows the model shows */
  gint64 total;   /* matching members, may exceed n_rows for a text search */
  int stamp;
  GHashTable *pages; /* page number → GPtrArray of GtMember */
};

static void gt_member_model_tree_model_init (GtkTreeModelIface *iface);

G_DEFINE_TYPE_WITH_CODE (GtMemberModel, gt_member_model, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_TREE_MODEL,
                                                gt_member_model_tree_model_init))

static GtMember *
row (GtMemberModel *self, gint64 index)
{
  gint64 page = index / PAGE_SIZE;
  GPtrArray *members = g_hash_table_lookup (self->pages, &page);

  if (members == NULL)
    {
      g_autoptr (GError) error = NULL;
      gint64 *key = g_new (gint64, 1);

      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      members = gt_member_search (self->storage, self->text, &self->filter, page * PAGE_SIZE,
                                  PAGE_SIZE, &error);
      if (members == NULL)
        {
          g_warning ("%s", error->message);
          g_free (key);
          return NULL;
        }
      *key = page;
      g_hash_table_insert (self->pages, key, members);
    }
  return index % PAGE_SIZE < members->len ? members->pdata[index % PAGE_SIZE] : NULL;
}

static GtkTreeModelFlags
get_flags (GtkTreeModel *model)
{
  return GTK_TREE_MODEL_LIST_ONLY | GTK_TREE_MODEL_ITERS_PERSIST;
}

static int
get_n_columns (GtkTreeModel *model)
{
  return GT_MEMBER_N_COLUMNS;
}

static GType
get_column_type (GtkTreeModel *model, int column)
{
  return column == GT_MEMBER_COLUMN_HOUSEHOLDS || column == GT_MEMBER_COLUMN_ID ? G_TYPE_INT64
                                                                                  : G_TYPE_STRING;
}

static gboolean
set_iter (GtMemberModel *self, GtkTreeIter *iter, gint64 index)
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
  return set_iter (GT_MEMBER_MODEL (model), iter, gtk_tree_path_get_indices (path)[0]);
}

static GtkTreePath *
get_path (GtkTreeModel *model, GtkTreeIter *iter)
{
  return gtk_tree_path_new_from_indices ((int) GPOINTER_TO_SIZE (iter->user_data), -1);
}

static void
get_value (GtkTreeModel *model, GtkTreeIter *iter, int column, GValue *value)
{
  GtMemberModel *self = GT_MEMBER_MODEL (model);
  GtMember *m = row (self, (gint64) GPOINTER_TO_SIZE (iter->user_data));

  g_value_init (value, get_column_type (model, column));
  if (m == NULL)
    return;
  switch (column)
    {
    case GT_MEMBER_COLUMN_NAME:
      g_value_set_string (value, m->name);
      break;
    case GT_MEMBER_COLUMN_GENDER:
      g_value_set_string (value, m->gender == 'F' ? _("Female") : _("Male"));
      break;
    case GT_MEMBER_COLUMN_BRANCH:
      g_value_set_string (value, m->org_name);
      break;
    case GT_MEMBER_COLUMN_CATEGORY:
      g_value_set_string (value, gt_label_member_category (m->category));
      break;
    case GT_MEMBER_COLUMN_ID_NUMBER:
      g_value_take_string (value, self->reveal ? g_strdup (m->id_number)
                                               : gt_idcard_mask (m->id_number));
      break;
    case GT_MEMBER_COLUMN_PHONE:
      g_value_take_string (value, self->reveal ? g_strdup (m->phone) : gt_phone_mask (m->phone));
      break;
    case GT_MEMBER_COLUMN_JOINED:
      g_value_set_string (value, m->join_date);
      break;
    case GT_MEMBER_COLUMN_HOUSEHOLDS:
      g_value_set_int64 (value, m->n_links);
      break;
    case GT_MEMBER_COLUMN_ID:
      g_value_set_int64 (value, m->id);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
iter_next (GtkTreeModel *model, GtkTreeIter *iter)
{
  return set_iter (GT_MEMBER_MODEL (model), iter,
                   (gint64) GPOINTER_TO_SIZE (iter->user_data) + 1);
}

static gboolean
iter_children (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *parent)
{
  return parent == NULL && set_iter (GT_MEMBER_MODEL (model), iter, 0);
}

static gboolean
iter_has_child (GtkTreeModel *model, GtkTreeIter *iter)
{
  return FALSE;
}

static int
iter_n_children (GtkTreeModel *model, GtkTreeIter *iter)
{
  return iter == NULL ? (int) GT_MEMBER_MODEL (model)->n_rows : 0;
}

static gboolean
iter_nth_child (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *parent, int n)
{
  return parent == NULL && set_iter (GT_MEMBER_MODEL (model), iter, n);
}

static gboolean
iter_parent (GtkTreeModel *model, GtkTreeIter *iter, GtkTreeIter *child)
{
  return FALSE;
}

static void
gt_member_model_tree_model_init (GtkTreeModelIface *iface)
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
gt_member_model_finalize (GObject *object)
{
  GtMemberModel *self = GT_MEMBER_MODEL (object);

  g_hash_table_destroy (self->pages);
  g_clear_object (&self->storage);
  g_free (self->text);
  g_free (self->category);
  G_OBJECT_CLASS (gt_member_model_parent_class)->finalize (object);
}

static void
gt_member_model_class_init (GtMemberModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gt_member_model_finalize;
}

static void
gt_member_model_init (GtMemberModel *self)
{
  self->stamp = g_random_int ();
  self->pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
}

GtMemberModel *
gt_member_model_new (GtStorage *storage, const char *text, const GtMemberFilter *filter,
                     gboolean reveal, guint max_text_rows, GError **error)
{
  g_autoptr (GtMemberModel) self = g_object_new (GT_TYPE_MEMBER_MODEL, NULL);

  self->storage = g_object_ref (storage);
  self->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  if (filter != NULL)
    self->filter = *filter;
  self->category = g_strdup (self->filter.category);
  self->filter.category = self->category;
  self->reveal = reveal;
  if (!gt_member_count (storage, self->text, &self->filter,
                        self->text != NULL ? (gint64) max_text_rows + 1 : 0, &self->total, error))
    return NULL;
  self->n_rows = self->text != NULL ? MIN (self->total, (gint64) max_text_rows) : self->total;
  return g_steal_pointer (&self);
}

gint64
gt_member_model_get_total (GtMemberModel *self)
{
  return self->total;
}
