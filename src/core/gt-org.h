/* gt-org.h — changing the organisation tree, with its history kept as events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  const char *parent;    /* name or code of the parent, NULL for a root */
  const char *name;
  const char *kind;      /* code or Chinese name: branch / 党支部 … */
  const char *org_type;  /* code or Chinese name: rural / 农村 … */
  const char *level;     /* code or Chinese name: village / 村 … */
  const char *code;
  const char *secretary;
  const char *founded;   /* YYYY-MM-DD, NULL for today */
} GtOrgSpec;

typedef struct
{
  char *kind;
  char *date;
  char *old_value;
  char *new_value;
  char *detail;
} GtOrgEvent;

/* Finds a non-archived organisation by code, or by name when the name is unique. */
gboolean gt_org_find (GtStorage *storage, const char *name_or_code, gint64 *id, GError **error);
/* The same, archived organisations included (for their history). */
gboolean gt_org_find_any (GtStorage *storage, const char *name_or_code, gint64 *id,
                          GError **error);

gboolean gt_org_add (GtStorage *storage, const GtOrgSpec *spec, gint64 *id, GError **error);
gboolean gt_org_rename (GtStorage *storage, gint64 id, const char *name, const char *date,
                        GError **error);
/* Changes the kind (党支部 升格 党总支 …); recorded as "upgraded" when it goes up. */
gboolean gt_org_set_kind (GtStorage *storage, gint64 id, const char *kind, const char *date,
                          const char *detail, GError **error);
/* Moves an organisation with its whole subtree under another parent. */
gboolean gt_org_move (GtStorage *storage, gint64 id, gint64 new_parent_id, const char *date,
                      GError **error);
/* Deletes an organisation that never had members or history; archives one that has
 * history; refuses while active members or sub-organisations remain. Sets @archived. */
gboolean gt_org_remove (GtStorage *storage, gint64 id, const char *date, gboolean *archived,
                        GError **error);

/* The organisation's history, oldest first; free with g_ptr_array_unref. */
GPtrArray *gt_org_history (GtStorage *storage, gint64 id, GError **error);

/* Stored codes for Chinese names or codes; NULL when unknown. */
const char *gt_org_kind_code (const char *text);
const char *gt_org_type_code (const char *text);
const char *gt_org_level_code (const char *text);

G_END_DECLS
