/* gt-registers.h — read access to the registers: organisations, members, projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 parent_id; /* 0 for a root */
  char *name;
  char *kind;       /* committee, general_branch, branch, group … */
  char *org_type;   /* organ, rural, associated, extended … */
  char *level;      /* county, township, village, grid, microgrid */
  char *code;
  char *secretary;
  gint64 n_members; /* active members directly in this organisation; for a 党小组, those
                     * placed in it (registered with its branch, which counts them too) */
  gint64 n_in_group; /* of n_members, those placed in this 党小组 (0 for other kinds) */
  gint64 n_members_total; /* … and in the organisations under it (gt_org_list) */
} GtOrg;

typedef struct
{
  gint64 id;
  char *name;
  char gender;      /* 'M' or 'F' */
  char *org_name;
  char *category;   /* full, probationary */
  char *status;
  char *id_number;
  char *phone;
  char *join_date;
  gint64 n_links;   /* linked households */
  char *group_name; /* the 党小组 of the branch the member is in, or NULL */
} GtMember;

typedef struct
{
  gint64 id;
  char *number;
  char *name;
  char *kind;       /* belt, zone, circle, post, point */
  char *leader;
  char *cadre;
  char *due_date;
  char *closed_date;
  char *next_node;  /* name of the first milestone not ticked off, or NULL */
  char *next_date;
  gint64 n_milestones;
  gint64 n_done;
  char *start_date; /* charts: for the linear-schedule rule of gt-project-status.h */
} GtProject;

/* All organisations that are not archived, parents before children. */
GPtrArray *gt_org_list (GtStorage *storage, GError **error);
/* Sorts @items, pointers to structs with a gint64 organisation id at @org_id_offset, into
 * the order of gt_org_list () (the tree view's, the roster export's); items of one
 * organisation keep their order, those of one archived or removed come last. */
gboolean gt_org_sort_items (GtStorage *storage, GPtrArray *items, gsize org_id_offset,
                            GError **error);

/* Active members whose name, organisation, ID number or phone contains @filter (NULL or ""
 * for all), in register order; at most @limit rows (0 for no limit). Full-width digits and
 * spaces in @filter are normalised first. */
GPtrArray *gt_member_list (GtStorage *storage, const char *filter, guint limit, GError **error);

typedef enum
{
  GT_MEMBER_FLAG_ANY,
  GT_MEMBER_FLAG_MOBILE,       /* 流动: out or in */
  GT_MEMBER_FLAG_LOST_CONTACT, /* 失联 */
  GT_MEMBER_FLAG_FRAIL,        /* 年老体弱 */
  GT_MEMBER_FLAG_FEW_LINKS,    /* fewer linked households than the rule asks */
  GT_MEMBER_FLAG_VISITS_DUE,   /* a linked household not visited within the rule's interval */
} GtMemberFlag;

typedef enum
{
  GT_MEMBER_SORT_REGISTER, /* the order members were entered */
  GT_MEMBER_SORT_NAME,
  GT_MEMBER_SORT_JOINED,
} GtMemberSort;

typedef struct
{
  gint64 org_id;        /* 0 for all; else this organisation and its whole subtree (for a
                         * 党小组, the members placed in it) */
  const char *category; /* NULL, "full" or "probationary" */
  GtMemberFlag flag;
  GtMemberSort sort;    /* ignored when searching text of three or more characters */
  gboolean former;      /* the members no longer here (transferred out, left, died) instead
                         * of the active ones: to find them again, and to record a
                         * transfer back in */
} GtMemberFilter;

/* Active members (former ones with @filter's former) matching @text (may be NULL) and @filter (may be NULL), from @offset,
 * at most @limit (0 for no limit). */
GPtrArray *gt_member_search (GtStorage *storage, const char *text, const GtMemberFilter *filter,
                             gint64 offset, guint limit, GError **error);
/* Counts the same members, stopping at @cap (0: no cap). */
gboolean gt_member_count (GtStorage *storage, const char *text, const GtMemberFilter *filter,
                          gint64 cap, gint64 *count, GError **error);

/* Folds full-width digits and x to ASCII and drops spaces, for search queries. */
char *gt_search_normalize (const char *text);

/* Projects ordered by number. */
GPtrArray *gt_project_list (GtStorage *storage, GError **error);

/* Human labels (translated) for stored codes; unknown codes are returned as they are. */
const char *gt_label_org_kind (const char *kind);
/* "No type" (未分类) for NULL and "", the organisation without a type */
const char *gt_label_org_type (const char *org_type);
const char *gt_label_org_level (const char *level);
const char *gt_label_member_category (const char *category);
const char *gt_label_project_kind (const char *kind);
const char *gt_label_role (const char *role);
gboolean gt_office_is_prefecture (const char *role, const char *office_code);
const char *gt_label_office_role (const char *role, const char *office_code);

/* Masks the middle digits of a phone number: 138****0000. */
char *gt_phone_mask (const char *phone);

G_END_DECLS
