/* gt-ratings.h — computed scores (domain §3): member points per period with grades and the
 * year-end ranking (亮分, 末位警示), the quarterly red/black list, stars, the 100-point
 * household-link score, the fortress index; result sets that record their rule version and
 * explain themselves, published sets that are never rewritten
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gt-score-rules.h"
#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 member_id;  /* 0 for an organisation's result */
  gint64 org_id;
  char *name;        /* the member's or the organisation's */
  char *org_name;
  double score;
  char *klass;       /* red/black, advanced/middle/lagging, or "" */
  char *grade;       /* excellent/good/pass/fail, or "" */
  int rank;          /* 1 = best, within the organisation for members, overall for orgs */
  int stars;
  int household_stars;
  gboolean warning;  /* 末位警示, or below the household-link line */
  JsonNode *explanation; /* an object: the items and weights that produced the score */
} GtScoreResult;

void gt_score_result_free (GtScoreResult *result);

typedef struct
{
  gint64 id;         /* 0 before it is saved */
  char *kind;        /* member, redblack, stars, link or fortress */
  char *period;
  gint64 rule_version;
  char *created;
  gboolean published;
  char *published_at;
  GPtrArray *results; /* of GtScoreResult */
} GtScoreRun;

void gt_score_run_free (GtScoreRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtScoreRun, gt_score_run_free)

/* 党员先锋指数 for @period: per active member, basic + min(bonus, cap × months/12) −
 * deductions; grades by the yearly bands scaled to the period, no 优秀 when the basic points
 * fall short, one grade down per 直接降级 entry; ranked within the branch the member belonged
 * to at the end of the period. For a year, the bottom share of each branch is warned. */
GtScoreRun *gt_score_members (GtStorage *storage, const GtScoreRules *rules,
                              const GtScorePeriod *period, GError **error);

/* 红黑榜 for a quarter: black for an entry of a black-list item or a downgrade, for missed
 * meetings or unpaid dues months (organisational-life tables, when present); red (闪光之星)
 * for the best clean members of each branch above the line. Only listed members are in the
 * run. */
GtScoreRun *gt_score_redblack (GtStorage *storage, const GtScoreRules *rules,
                               const GtScorePeriod *quarter, GError **error);

/* The 100-point household-link score of every active member for @year (a 'Y' period);
 * warning set below the line (link.pass). */
GtScoreRun *gt_score_link (GtStorage *storage, const GtScoreRules *rules,
                           const GtScorePeriod *year, GError **error);

/* Member stars from the year's points and 星级共产党员户 stars from points and link score. */
GtScoreRun *gt_score_stars (GtStorage *storage, const GtScoreRules *rules,
                            const GtScorePeriod *year, GError **error);

/* 堡垒指数 per branch for @period (gt-fortress.c). */
GtScoreRun *gt_score_fortress (GtStorage *storage, const GtScoreRules *rules,
                               const GtScorePeriod *period, GError **error);

/* Computes the run of @kind (member, redblack, stars, link, fortress). */
GtScoreRun *gt_score_compute (GtStorage *storage, const GtScoreRules *rules, const char *kind,
                              const GtScorePeriod *period, GError **error);

/* Stores @run as the unpublished set of its kind and period, replacing an earlier unpublished
 * one; published sets stay. Sets run->id. */
gboolean gt_score_run_save (GtStorage *storage, GtScoreRun *run, GError **error);

/* Publishes the unpublished set of @kind and @period (亮分). */
gboolean gt_score_run_publish (GtStorage *storage, const char *kind, const char *period,
                               GError **error);

/* The newest set of @kind and @period: the published one when @published, else the
 * unpublished one. NULL without an error when there is none. */
GtScoreRun *gt_score_run_load (GtStorage *storage, const char *kind, const char *period,
                               gboolean published, GError **error);

/* The explanation as lines of text (translated). */
char *gt_score_explain_text (const GtScoreResult *result);

/* @value rounded to two decimals. */
double gt_score_round2 (double value);

/* 整转 (§3.5): a member below the household-link line is proposed by the branch, reviewed by
 * the township, and on approval transferred (member events) into the rectification branch. */
typedef struct
{
  gint64 id;
  gint64 member_id;
  char *member_name;
  int year;
  double score;
  gint64 rule_version;
  char *from_org;
  char *state;          /* proposed, rejected, transferred */
  char *proposed_date;
  char *proposal;
  char *reviewed_date;
  char *review_note;
  char *to_org;
} GtRectification;

void gt_rectification_free (GtRectification *rectification);

/* Proposes member @member_id for @year; refuses a member at or above the line and a second
 * open proposal. */
gboolean gt_rectify_propose (GtStorage *storage, const GtScoreRules *rules, gint64 member_id,
                             int year, const char *date, const char *proposal, gint64 *id,
                             GError **error);

/* The township's review: approve transfers the member to @to_org (name or code) on @date
 * with gt_member_transfer; reject closes the proposal. */
gboolean gt_rectify_review (GtStorage *storage, gint64 id, gboolean approve, const char *to_org,
                            const char *date, const char *note, GError **error);

GPtrArray *gt_rectify_list (GtStorage *storage, GError **error);

const char *gt_label_rectify_state (const char *state);

G_END_DECLS
