/* gt-member.h — one member's full record and life-cycle history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  char *kind;     /* admission, full_membership, transfer_in, transfer_out, suspension, exit, death */
  char *date;     /* YYYY-MM-DD */
  char *org_name; /* the organisation the event happened in, or NULL */
  char *detail;
} GtMemberEvent;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char gender;
  char *ethnicity;
  char *id_number;
  char *phone;
  char *education;
  char *occupation;
  char *birth_date;
  char *join_date;
  char *full_date;
  char *category;
  char *status;
  char *org_name;
  char *org_code;
  gint64 org_id;     /* the branch that keeps the member's record */
  gint64 group_id;   /* the 党小组 of that branch the member is in, 0 for none */
  char *group_name;  /* its name, NULL for none */
  gint64 n_links;
  GPtrArray *events; /* of GtMemberEvent, oldest first */
} GtMemberRecord;

void gt_member_record_free (GtMemberRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtMemberRecord, gt_member_record_free)

/* Looks a member up by database id (digits only, shorter than 15) or by ID number.
 * Returns NULL with GT_STORAGE_ERROR_CONSTRAINT when no member matches. */
GtMemberRecord *gt_member_lookup (GtStorage *storage, const char *key, GError **error);

/* Refuses a change to member @member_id (gt_storage_refuse) with "NAME: MESSAGE": users know
 * members by name, not by record number. */
gboolean gt_member_refuse (GtStorage *storage, GError **error, gint64 member_id,
                           const char *format, ...) G_GNUC_PRINTF (4, 5);

/* The state that follows from the events, oldest first: @status is active, suspended,
 * transferred_out, exited or deceased; @category is probationary or full (NULL before
 * admission). The stored columns are a cache of this. */
void gt_member_state_from_events (GPtrArray *events, const char **status, const char **category);

/* TRUE when @full_date (YYYY-MM-DD) comes a year of probation (预备期一年) or more after
 * @join_date, counted in months so that rosters kept to the month pass. */
gboolean gt_member_probation_served (const char *join_date, const char *full_date);

typedef struct
{
  const char *org;        /* name or code */
  const char *name;
  const char *gender;     /* 男/女/M/F; derived from the ID number when NULL */
  const char *ethnicity;
  const char *id_number;  /* GB 11643; full-width digits and a lower-case x are accepted */
  const char *phone;
  const char *education;
  const char *occupation;
  const char *join_date;  /* YYYY-MM-DD, required */
  const char *full_date;  /* YYYY-MM-DD, NULL for a probationary member */
  gint64 group_id;        /* a 党小组 of the branch @org to place the member in; 0 for none
                           * (gt_member_add only) */
} GtMemberSpec;

/* Adds a member with an admission event (and a full-membership event when @full_date is
 * set), after checking the ID number's check digit, that gender and birth date agree
 * with it, that the member was at least 18 when admitted and that no date lies in the
 * future. */
gboolean gt_member_add (GtStorage *storage, const GtMemberSpec *spec, gint64 *id,
                        GError **error);

/* Corrects who member @id is: name, gender, ethnicity, ID number, phone, education and
 * occupation of @spec, checked as gt_member_add () checks them (the joining date stored is
 * the one the age is checked against). @spec's organisation and dates are not used: the
 * member's history is changed by events only. */
gboolean gt_member_update (GtStorage *storage, gint64 id, const GtMemberSpec *spec,
                           GError **error);

/* Records a life-cycle event and derives the member's state from the whole history.
 * @kind: full_membership, transfer_in, suspension, exit or death. A transfer_out is
 * refused (GT_STORAGE_ERROR_CONSTRAINT): it is recorded by gt_transfer_out (), which issues
 * the member's 组织关系介绍信 with it.
 * @org (name or code) is the receiving organisation for transfer_in (and for a transfer
 * between two organisations of this database, see gt_member_transfer). Events are dated,
 * never earlier than the member's last event and never in the future. */
gboolean gt_member_record_event (GtStorage *storage, gint64 id, const char *kind,
                                 const char *date, const char *org, const char *detail,
                                 GError **error);

/* Moves a member to another organisation of this database: a transfer_out from the old
 * and a transfer_in to the new one, on the same date, in one transaction. */
gboolean gt_member_transfer (GtStorage *storage, gint64 id, const char *to_org,
                             const char *date, const char *detail, GError **error);

/* 整转: moves every active member of @from_org to @to_org in one transaction. Sets
 * @n_moved. */
gboolean gt_member_transfer_all (GtStorage *storage, const char *from_org, const char *to_org,
                                 const char *date, guint *n_moved, GError **error);
/* The same by ids, without the "changed" signal: for a caller's own transaction. */
gboolean gt_member_move_all (GtStorage *storage, gint64 from_id, gint64 to_id, const char *date,
                             guint *n_moved, GError **error);

/* The 党小组 (Party groups) a member may be put into: the groups of branch @branch_id that
 * are not archived, in the tree's order. */
typedef struct
{
  gint64 id;
  char *name;
  char *code;
  gint64 n_members; /* active members in it */
} GtMemberGroup;

void gt_member_group_free (GtMemberGroup *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtMemberGroup, gt_member_group_free)

/* Of GtMemberGroup; an empty array for an organisation without groups. */
GPtrArray *gt_member_groups (GtStorage *storage, gint64 branch_id, GError **error);

/* The group of branch @branch_id named or coded @text (groups of different branches share
 * names: 第一党小组). Refuses, naming the branch and its groups, when there is none. */
gboolean gt_member_find_group (GtStorage *storage, gint64 branch_id, const char *text,
                               gint64 *group_id, GError **error);

/* Refuses (GT_STORAGE_ERROR_CONSTRAINT, saying why) a @group_id that is not a 党小组 of
 * branch @branch_id, or is archived. */
gboolean gt_member_check_group (GtStorage *storage, gint64 branch_id, gint64 group_id,
                                GError **error);

/* Puts member @id into the 党小组 @group_id, or takes them out of any when @group_id is 0.
 * Refuses a member who is not active, and an organisation that is not a group of the
 * member's branch (or is archived), naming the member, the group and the branch. Bumps rev
 * and mtime and emits changed::members only when the group changes. A member's group is
 * cleared when they are transferred to another branch and when the group is archived,
 * moved or deleted (schema step 19). */
gboolean gt_member_set_group (GtStorage *storage, gint64 id, gint64 group_id, GError **error);

/* For adding or transferring a member into @org_id: a 党小组 under a 党支部 places the member
 * in the branch (@branch_id) and the group (@group_id); any other organisation is the
 * branch itself, with @group_id 0. */
gboolean gt_member_resolve_org (GtStorage *storage, gint64 org_id, gint64 *branch_id,
                                gint64 *group_id, GError **error);

const char *gt_label_member_event (const char *kind);
const char *gt_label_member_status (const char *status);

/* The member's situation and duties, kept beside the record: 流动 (mobile out or in, with
 * where and how to reach them), 失联, 年老体弱, employment, the posts of 一员七职 and the A/B
 * linking post (A岗 the primary linker, B岗 the auxiliary one). */
typedef struct
{
  char *mobility;         /* none, out (流出) or in (流入) */
  char *place;            /* where the member went or came from; required when mobile */
  char *contact;          /* how to reach the member while away */
  gboolean lost_contact;  /* 失联 */
  gboolean frail;         /* 年老体弱 */
  char *employment;       /* "" (not recorded), employed (在职), retired (退休), none (无职) */
  GStrv posts;            /* codes of gt_member_post_codes (), in that order; never NULL */
  char *link_post;        /* A or B */
} GtMemberFlags;

void gt_member_flags_free (GtMemberFlags *flags);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtMemberFlags, gt_member_flags_free)

/* The flags of member @id; NULL with GT_STORAGE_ERROR_CONSTRAINT when there is no such
 * member. */
GtMemberFlags *gt_member_get_flags (GtStorage *storage, gint64 id, GError **error);

/* Replaces all flags of member @id in one transaction. Refuses an unknown mobility,
 * employment, post or linking post (A/B, either case), a mobile member without a place,
 * and a place or contact for a member who is not mobile; then nothing is written. Posts
 * are stored once each, in the order of gt_member_post_codes (). Bumps rev and mtime
 * and emits changed::members only when something changed. */
gboolean gt_member_set_flags (GtStorage *storage, gint64 id, const GtMemberFlags *flags,
                              GError **error);

/* The seven posts of 一员七职, NULL-terminated: opinion_surveyor, policy_publicist,
 * dispute_mediator, order_keeper, hygiene_inspector, safety_assistant,
 * democratic_supervisor. */
const char *const *gt_member_post_codes (void);

const char *gt_label_member_post (const char *post);
const char *gt_label_member_mobility (const char *mobility);
const char *gt_label_member_employment (const char *employment);
const char *gt_label_link_post (const char *link_post);

G_END_DECLS
