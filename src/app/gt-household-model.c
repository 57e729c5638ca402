/* gt-household-model.c — the household register as a list model that reads rows on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-household-model.h"
#include "gt-paged-model.h"

typedef struct
{
  GtStorage *storage;
  GtHouseholdFilter filter;
  char *text; /* owned copies of the filter's strings */
  char *village;
  char *as_of;
} Query;

static void
query_free (gpointer data)
{
  Query *q = data;

  g_object_unref (q->storage);
  g_free (q->text);
  g_free (q->village);
  g_free (q->as_of);
  g_free (q);
}

static GPtrArray *
fetch (gpointer user_data, gint64 offset, guint limit, GError **error)
{
  Query *q = user_data;

  return gt_household_search (q->storage, &q->filter, offset, limit, error);
}

static void
get_value (gpointer user_data, gpointer item, int column, GValue *value)
{
  GtHouseholdRow *h = item;

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

GtkTreeModel *
gt_household_model_new (GtStorage *storage, const GtHouseholdFilter *filter, gint64 max_rows,
                        gint64 *total, GError **error)
{
  static const GType types[GT_HOUSEHOLD_N_COLUMNS] = {
    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_INT64,
    G_TYPE_STRING, G_TYPE_INT64,
  };
  Query *q = g_new0 (Query, 1);

  q->storage = g_object_ref (storage);
  if (filter != NULL)
    q->filter = *filter;
  q->filter.text = q->text = g_strdup (q->filter.text);
  q->filter.village = q->village = g_strdup (q->filter.village);
  q->filter.as_of = q->as_of = g_strdup (q->filter.as_of);
  if (!gt_household_count (storage, &q->filter, total, error))
    {
      query_free (q);
      return NULL;
    }
  return GTK_TREE_MODEL (gt_paged_model_new (GT_HOUSEHOLD_N_COLUMNS, types,
                                             max_rows > 0 ? MIN (*total, max_rows) : *total, fetch,
                                             get_value, q, query_free));
}
