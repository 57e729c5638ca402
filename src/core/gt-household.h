/* gt-household.h — households (一户一档), member–household links (党员联户) and visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* The text fields of a household's file: 进门五看 and 提笔四问. */
typedef struct
{
  const char *look_kitchen;  /* 看厨房 */
  const char *look_bedroom;  /* 看卧室 */
  const char *look_toilet;   /* 看厕所 */
  const char *look_yard;     /* 看院落 */
  const char *look_fields;   /* 看田地 */
  const char *ask_family;    /* 问家庭 */
  const char *ask_economy;   /* 问收入 */
  const char *ask_opinions;  /* 问意见 */
  const char *ask_needs;     /* 问需求 */
} GtHouseholdFile;

typedef struct
{
  const char *head_name;     /* 户主, required when adding */
  const char *village;       /* name of a village of the villages table */
  const char *grid;
  const char *address;
  int size;                  /* persons, ≥ 1; 0 for the default (1) or to keep it */
  GtHouseholdFile file;
  const char *notes;
} GtHouseholdSpec;

typedef struct
{
  gint64 member_id;
  char *member_name;
  char *org_name;
  char *phone;
  char *link_type;           /* area, kinship, service */
  char *post;                /* A, B */
  char *last_visit;          /* YYYY-MM-DD, NULL when never visited */
} GtHouseholdLink;

typedef struct
{
  gint64 id;
  gint64 member_id;
  char *member_name;
  gint64 household_id;
  char *head_name;
  char *date;
  char *notes;
} GtVisit;

typedef struct
{
  gint64 id;
  char *uuid;
  char *head_name;
  char *village;             /* NULL when the household has no village */
  char *grid;
  char *address;
  gint64 size;
  char *look_kitchen;
  char *look_bedroom;
  char *look_toilet;
  char *look_yard;
  char *look_fields;
  char *ask_family;
  char *ask_economy;
  char *ask_opinions;
  char *ask_needs;
  char *notes;
  gint64 n_links;            /* linked members */
  GPtrArray *links;          /* of GtHouseholdLink; only from gt_household_lookup */
  GPtrArray *visits;         /* of GtVisit, newest first; only from gt_household_lookup */
} GtHousehold;

void gt_household_free (GtHousehold *household);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtHousehold, gt_household_free)

/* Adds a household; refuses an empty head name, an unknown village and a size below 1. */
gboolean gt_household_add (GtStorage *storage, const GtHouseholdSpec *spec, gint64 *id,
                           GError **error);
/* Changes the fields of @spec that are not NULL (and the size when it is not 0). */
gboolean gt_household_update (GtStorage *storage, gint64 id, const GtHouseholdSpec *spec,
                              GError **error);

/* Households of the village named @village (NULL for all), by village and number, each with
 * its number of linked members; free with g_ptr_array_unref. */
GPtrArray *gt_household_list (GtStorage *storage, const char *village, GError **error);

/* One household with its links and visits. */
GtHousehold *gt_household_lookup (GtStorage *storage, gint64 id, GError **error);

/* Stored code for a link type (area/区域, kinship/情感, service/服务); NULL when unknown. */
const char *gt_link_type_code (const char *text);
const char *gt_label_link_type (const char *link_type);

/* Links an active member to a household. @link_type: code or Chinese name, NULL for area;
 * @post: A or B, NULL for A. Refuses a link that already exists. */
gboolean gt_household_link (GtStorage *storage, gint64 member_id, gint64 household_id,
                            const char *link_type, const char *post, GError **error);
/* Removes a link; the visits made under it stay in the log. */
gboolean gt_household_unlink (GtStorage *storage, gint64 member_id, gint64 household_id,
                              GError **error);

/* Records a visit of a linked member to the household. @date: YYYY-MM-DD, NULL for today;
 * neither in the future nor before the member joined. */
gboolean gt_household_visit (GtStorage *storage, gint64 member_id, gint64 household_id,
                             const char *date, const char *notes, gint64 *id, GError **error);

/* Rules, kept in the database's meta table. */
#define GT_RULE_LINK_MINIMUM_KEY "rule.link_minimum"
#define GT_RULE_VISIT_INTERVAL_KEY "rule.visit_interval_days"
#define GT_RULE_LINK_MINIMUM_DEFAULT 7
#define GT_RULE_VISIT_INTERVAL_DEFAULT 7
#define GT_RULE_LINK_MINIMUM_MAX 100
#define GT_RULE_VISIT_INTERVAL_MAX 366

/* The rules' values; the default when unset (or unreadable). */
int gt_rules_get_link_minimum (GtStorage *storage);
int gt_rules_get_visit_interval (GtStorage *storage);
/* Refuse values outside 1 … *_MAX. */
gboolean gt_rules_set_link_minimum (GtStorage *storage, int households, GError **error);
gboolean gt_rules_set_visit_interval (GtStorage *storage, int days, GError **error);

typedef struct
{
  gint64 member_id;
  char *name;
  char *org_name;
  gint64 n_links;
} GtLinkShortfall;

typedef struct
{
  gint64 member_id;
  char *member_name;
  char *org_name;
  gint64 household_id;
  char *head_name;
  char *village;
  char *last_visit;          /* NULL when never visited */
  gint64 days;               /* days since the last visit, -1 when never visited */
} GtOverdueVisit;

typedef struct
{
  gint64 household_id;
  char *head_name;
  char *village;             /* NULL when the household has no village */
  char *address;
  char *link_type;           /* area, kinship, service */
  char *post;                /* A, B */
  char *last_visit;          /* YYYY-MM-DD, NULL when never visited */
} GtMemberLink;

/* The households a member links, by household number, each with the member's latest visit;
 * free with g_ptr_array_unref. */
GPtrArray *gt_member_links (GtStorage *storage, gint64 member_id, GError **error);

/* Active members linked to fewer households than the link minimum: fewest links first, then
 * by organisation and member number. */
GPtrArray *gt_household_report_shortfall (GtStorage *storage, GError **error);
/* Links of active members whose latest visit on or before @as_of (YYYY-MM-DD, NULL for
 * today) lies more than the visit interval back, or that were never visited: never visited
 * first, then the longest ago, then by member and household number. */
GPtrArray *gt_household_report_overdue (GtStorage *storage, const char *as_of,
                                        GError **error);

/* The household register as the application lists it: one page at a time. */
typedef enum
{
  GT_HOUSEHOLD_REPORT_ALL,
  GT_HOUSEHOLD_REPORT_SHORTFALL, /* linked by an active member below the link minimum */
  GT_HOUSEHOLD_REPORT_OVERDUE,   /* a link of an active member not visited within the interval */
} GtHouseholdReport;

typedef struct
{
  const char *text;          /* part of the head's name or of the address; NULL or "" for all */
  const char *village;       /* name of a village; NULL or "" for all */
  GtHouseholdReport report;
  const char *as_of;         /* the overdue report's date, YYYY-MM-DD; NULL for today */
} GtHouseholdFilter;

typedef struct
{
  gint64 id;
  char *head_name;
  char *village;             /* NULL when the household has no village */
  char *grid;
  char *address;
  gint64 size;
  gint64 n_links;            /* linked members */
  char *last_visit;          /* latest visit by any member, NULL when never visited */
} GtHouseholdRow;

void gt_household_row_free (GtHouseholdRow *row);

/* Households matching @filter (may be NULL) in register order, from @offset, at most @limit
 * (0 for no limit); of GtHouseholdRow, free with g_ptr_array_unref. An unknown village or
 * report date is refused. */
GPtrArray *gt_household_search (GtStorage *storage, const GtHouseholdFilter *filter,
                                gint64 offset, guint limit, GError **error);
/* Counts the same households. */
gboolean gt_household_count (GtStorage *storage, const GtHouseholdFilter *filter, gint64 *count,
                             GError **error);

/* The names of the villages, in the order they were entered; free with g_ptr_array_unref. */
GPtrArray *gt_village_list (GtStorage *storage, GError **error);

G_END_DECLS
