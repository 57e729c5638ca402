/* gt-paged-model.h — a list model that reads its rows from the database on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Reads @limit rows from @offset; returns an array owning its items, or NULL with @error. */
typedef GPtrArray *(*GtPagedModelFetch) (gpointer user_data, gint64 offset, guint limit,
                                         GError **error);
/* Fills @value (already initialised to the column's type) from one @item. */
typedef void (*GtPagedModelGetValue) (gpointer user_data, gpointer item, int column,
                                      GValue *value);

#define GT_TYPE_PAGED_MODEL (gt_paged_model_get_type ())
G_DECLARE_FINAL_TYPE (GtPagedModel, gt_paged_model, GT, PAGED_MODEL, GObject)

/* A list of @n_rows rows with @n_columns columns of @types. Rows are fetched in pages of a
 * few hundred as a view (in fixed-height mode) asks for them, and a bounded number of pages
 * is kept. @user_data is freed with @destroy when the model goes. */
GtPagedModel *gt_paged_model_new (int n_columns, const GType *types, gint64 n_rows,
                                  GtPagedModelFetch fetch, GtPagedModelGetValue get_value,
                                  gpointer user_data, GDestroyNotify destroy);

/* The item of row @index (fetching its page when needed), or NULL. */
gpointer gt_paged_model_get_item (GtPagedModel *self, gint64 index);

G_END_DECLS
