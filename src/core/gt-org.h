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
/* Members belong to a 党支部 or a 党小组 (kinds branch and group), not to a 党委, 工委 or
 * 党总支, which hold branches: the second refuses any other with the organisation's name
 * and kind. */
gboolean gt_org_kind_holds_members (const char *kind);
gboolean gt_org_check_holds_members (GtStorage *storage, gint64 id, GError **error);

gboolean gt_org_add (GtStorage *storage, const GtOrgSpec *spec, gint64 *id, GError **error);
gboolean gt_org_rename (GtStorage *storage, gint64 id, const char *name, const char *date,
                        GError **error);
/* Changes the kind (党支部 升格 党总支 …); recorded as "upgraded" when it goes up. Refuses,
 * saying how many, while active members are registered directly with an organisation whose
 * new kind holds none (a 党总支 holds branches). */
gboolean gt_org_set_kind (GtStorage *storage, gint64 id, const char *kind, const char *date,
                          const char *detail, GError **error);
/* The same change, moving those members in the same transaction (整转, each with its
 * transfer events) to @to_branch: with @create, a new 党支部 of that name under @id (of its
 * type and level); else an existing organisation (name or code) that holds members. Sets
 * @n_moved. */
/* The same with the receiving organisation given by id (the dialog's choice). */
gboolean gt_org_set_kind_moving_members_to (GtStorage *storage, gint64 id, const char *kind,
                                            const char *date, const char *detail,
                                            gint64 to_branch_id, guint *n_moved,
                                            GError **error);
gboolean gt_org_set_kind_moving_members (GtStorage *storage, gint64 id, const char *kind,
                                         const char *date, const char *detail,
                                         const char *to_branch, gboolean create,
                                         guint *n_moved, GError **error);
/* The active members registered directly with organisation @id. */
gboolean gt_org_count_members (GtStorage *storage, gint64 id, gint64 *n, GError **error);
/* Moves an organisation with its whole subtree under another parent. */
gboolean gt_org_move (GtStorage *storage, gint64 id, gint64 new_parent_id, const char *date,
                      GError **error);
/* Deletes an organisation that never had members or history; archives one that has
 * history; refuses while active members or sub-organisations remain. Sets @archived. */
gboolean gt_org_remove (GtStorage *storage, gint64 id, const char *date, gboolean *archived,
                        GError **error);

/* The organisation's history, oldest first; free with g_ptr_array_unref. */
GPtrArray *gt_org_history (GtStorage *storage, gint64 id, GError **error);

/* Changes the type (农村 → 社区 …): a built-in code or name, or a type the office added;
 * "" or NULL for none. Recorded as a "changed" event from the old to the new type. */
gboolean gt_org_set_type (GtStorage *storage, gint64 id, const char *org_type, const char *date,
                          GError **error);
/* TRUE for a "changed" event that records a type change (its values are type codes) rather
 * than a kind change (its values are kind codes: no type may be named like a kind). */
gboolean gt_org_event_is_type_change (const GtOrgEvent *event);

/* Stored codes for Chinese names or codes; NULL when unknown. */
const char *gt_org_kind_code (const char *text);
const char *gt_org_type_code (const char *text);
const char *gt_org_level_code (const char *text);

/* Organisation types (gt-org-config.c): the built-in ones and those the office added, kept
 * in the meta key "org.types" one name per line. An added type's stored code is its name. */
typedef struct
{
  char *code;      /* organ, rural … or an added type's name */
  char *label;     /* what to show: the translated label, or the added name itself */
  gboolean added;  /* added by the office, so it can be removed */
} GtOrgType;

/* Every type, the built-in ones first; free with g_ptr_array_unref. */
GPtrArray *gt_org_types (GtStorage *storage, GError **error);
/* The stored code for a built-in code or name or an added type's name; "" for "" or NULL.
 * Refuses an unknown type, naming the known ones. Free with g_free. */
char *gt_org_type_resolve (GtStorage *storage, const char *text, GError **error);
gboolean gt_org_type_add (GtStorage *storage, const char *name, GError **error);
/* Removes an added type; refused for built-in types and while an organisation has it. */
gboolean gt_org_type_remove (GtStorage *storage, const char *name, GError **error);

/* The site-standard checklist (e.g. the 五有 of grid branches; gt-org-config.c): its items
 * are kept in the meta key "org.checklist", one per line; each organisation ticks an item
 * with a date (org_checklist.done_date). */
typedef struct
{
  char *item;
  char *done_date; /* YYYY-MM-DD, NULL when not ticked */
} GtOrgChecklistEntry;

/* The configured items, or the default ones when none are set; free with g_strfreev. */
GStrv gt_org_checklist_items (GtStorage *storage);
/* Replaces the items; refuses an empty list, empty or duplicate items. Ticks of items that
 * are no longer listed are kept, and count again when the item comes back. */
gboolean gt_org_checklist_set_items (GtStorage *storage, const char *const *items,
                                     GError **error);
/* The organisation's checklist, one entry per configured item in order; free with
 * g_ptr_array_unref. */
GPtrArray *gt_org_checklist (GtStorage *storage, gint64 org_id, GError **error);
/* Ticks @item as done on @date (NULL for today; never in the future); ticking again moves
 * the date. */
gboolean gt_org_checklist_tick (GtStorage *storage, gint64 org_id, const char *item,
                                const char *date, GError **error);
gboolean gt_org_checklist_untick (GtStorage *storage, gint64 org_id, const char *item,
                                  GError **error);
/* Of the organisations of @kind (a code or name; NULL for 党支部) that are not archived:
 * @total, and @met that have every configured item ticked. */
gboolean gt_org_checklist_count (GtStorage *storage, const char *kind, gint64 *met,
                                 gint64 *total, GError **error);

G_END_DECLS
