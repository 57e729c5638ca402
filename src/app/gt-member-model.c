/* gt-member-model.c — the member register as a list model that reads rows on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-idcard.h"
#include "gt-member-model.h"
#include "gt-member.h"
#include "gt-paged-model.h"

typedef struct
{
  GtStorage *storage;
  char *text;
  GtMemberFilter filter;
  char *category; /* owned copy of filter.category */
  gboolean reveal;
} Query;

static void
query_free (gpointer data)
{
  Query *q = data;

  g_object_unref (q->storage);
  g_free (q->text);
  g_free (q->category);
  g_free (q);
}

static GPtrArray *
fetch (gpointer user_data, gint64 offset, guint limit, GError **error)
{
  Query *q = user_data;

  return gt_member_search (q->storage, q->text, &q->filter, offset, limit, error);
}

static void
get_value (gpointer user_data, gpointer item, int column, GValue *value)
{
  Query *q = user_data;
  GtMember *m = item;

  switch (column)
    {
    case GT_MEMBER_COLUMN_NAME:
      g_value_set_string (value, m->name);
      break;
    case GT_MEMBER_COLUMN_GENDER:
      g_value_set_string (value, m->gender == 'F' ? _("Female") : _("Male"));
      break;
    case GT_MEMBER_COLUMN_BRANCH:
      /* the 党小组 after its branch, as lists show a group */
      if (m->group_name != NULL)
        g_value_take_string (value, g_strdup_printf ("%s · %s", m->org_name, m->group_name));
      else
        g_value_set_string (value, m->org_name);
      break;
    case GT_MEMBER_COLUMN_CATEGORY:
      /* A former member's category matters less than where they went. */
      g_value_set_string (value, g_strcmp0 (m->status, "active") == 0
                                   ? gt_label_member_category (m->category)
                                   : gt_label_member_status (m->status));
      break;
    case GT_MEMBER_COLUMN_ID_NUMBER:
      g_value_take_string (value, q->reveal ? g_strdup (m->id_number)
                                            : gt_idcard_mask (m->id_number));
      break;
    case GT_MEMBER_COLUMN_PHONE:
      g_value_take_string (value, q->reveal ? g_strdup (m->phone) : gt_phone_mask (m->phone));
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

GtkTreeModel *
gt_member_model_new (GtStorage *storage, const char *text, const GtMemberFilter *filter,
                     gboolean reveal, guint max_text_rows, gint64 *total, GError **error)
{
  static const GType types[GT_MEMBER_N_COLUMNS] = {
    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_INT64,
  };
  Query *q = g_new0 (Query, 1);
  gint64 count = 0;

  q->storage = g_object_ref (storage);
  q->text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  if (filter != NULL)
    q->filter = *filter;
  q->category = g_strdup (q->filter.category);
  q->filter.category = q->category;
  q->reveal = reveal;
  if (!gt_member_count (storage, q->text, &q->filter,
                        q->text != NULL ? (gint64) max_text_rows + 1 : 0, &count, error))
    {
      query_free (q);
      return NULL;
    }
  *total = count;
  return GTK_TREE_MODEL (gt_paged_model_new (GT_MEMBER_N_COLUMNS, types,
                                             q->text != NULL ? MIN (count, (gint64) max_text_rows)
                                                             : count,
                                             fetch, get_value, q, query_free));
}
