/* gt-develop.h — the member development pipeline (发展党员): five stages, 25 steps, time rules
 *
 * People in the pipeline are applicants, not members. Each of the 25 official steps is a
 * dated record with the people involved; the applicant's stage follows from the steps.
 * Recording step 17 (上级党委审批) creates the member through gt_member_add () with the
 * admitting branch meeting (step 15) as the admission date; recording step 24 (转正审批)
 * records the member's full_membership event. The time rules are settings (meta keys
 * develop.*) with the published defaults, and are checked by a pure function so that every
 * rule can be tested with hand-computed dates.
 *
 * Month arithmetic: D + N months keeps the day of the month and clamps it to the last day
 * of the target month (2024-01-31 + 1 month = 2024-02-29, 2023-01-31 + 1 month =
 * 2023-02-28, 2024-02-29 + 12 months = 2025-02-28). A deadline "within N months of D" is
 * met on D + N months itself and missed the day after.
 * Ages: someone born on D is N years old from the N-th anniversary of D; someone born on
 * 29 February turns N on 1 March of a common year (as the member register checks it), and
 * on 29 February of a leap year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_DEVELOP_N_STEPS 25

typedef struct
{
  int number;         /* 1 … 25 */
  int stage_number;   /* 1 … 5, the official stage the step belongs to */
  const char *code;   /* ASCII, e.g. "application" */
  const char *label;  /* English msgid; translate with g_dgettext or gt_label_develop_step */
  gboolean repeatable; /* 6 and 21 (reviews), 23 (after an extension) */
} GtDevelopStepInfo;

/* NULL outside 1 … 25. */
const GtDevelopStepInfo *gt_develop_step_info (int number);
const char *gt_label_develop_step (int number);
/* The five official stages by number (1 … 5). */
const char *gt_label_develop_stage_number (int stage_number);
/* A person's stage: applicant, activist, candidate, probationary, full, dropped. */
const char *gt_label_develop_stage (const char *stage);
/* The person's stage after @step was recorded (applicant before step 3). */
const char *gt_develop_stage_after_step (int step);
/* The five person stages in pipeline order, NULL-terminated (without dropped). */
const char *const *gt_develop_stages (void);

/* Date helpers (see the header comment). Return NULL for an invalid @date. */
char *gt_develop_add_months (const char *date, int months);
char *gt_develop_add_days (const char *date, int days);
/* The day someone born on @birth turns @years. */
char *gt_develop_birthday (const char *birth, int years);

/* The time rules, all settings. */
typedef struct
{
  int talk_months;                   /* 1: talk with the applicant within */
  int activist_min_months;           /* 12: at least, as activist, before 发展对象 */
  int review_interval_months;        /* 6: a review of the activist at least every */
  int political_review_valid_months; /* 12: the political review stays valid for */
  int publicity_days;                /* 5: 公示 lasts, before the 志愿书 */
  int branch_meeting_months;         /* 1: branch meeting within, after the pre-review */
  int approval_months;               /* 3: committee approval within, after the meeting */
  int approval_max_months;           /* 6: …and at the very most */
  int probation_months;              /* 12: 预备期 from the admitting meeting */
  int full_decision_months;          /* 3: 转正 approved within, after the probation */
  int extension_min_months;          /* 6: an extension of the probation at least */
  int extension_max_months;          /* 12: …and at most */
  int minimum_age;                   /* 18 */
  int letter_valid_days;             /* 30: a transfer letter's default validity */
} GtDevelopRules;

typedef struct
{
  const char *key;    /* develop.talk_months … (meta table key) */
  const char *label;  /* English msgid */
  int default_value;
  int min_value, max_value;
  gsize offset;       /* into GtDevelopRules */
} GtDevelopRuleInfo;

/* The rules' descriptions, @n_rules of them. */
const GtDevelopRuleInfo *gt_develop_rule_infos (guint *n_rules);
void gt_develop_rules_defaults (GtDevelopRules *rules);
/* The stored rules; a missing or unreadable value falls back to its default. */
void gt_develop_rules_load (GtStorage *storage, GtDevelopRules *rules);
/* Sets one rule by key (with or without the "develop." prefix); refuses an unknown key
 * and a value outside the rule's range, and an extension minimum above its maximum (or an
 * approval limit below the approval deadline). */
gboolean gt_develop_rules_set (GtStorage *storage, const char *key, int value, GError **error);

typedef struct
{
  gint64 id;
  int step;
  char *date;
  char *contact1, *contact2; /* 培养联系人 */
  char *talker;              /* 谈话人 */
  char *introducer1, *introducer2; /* 入党介绍人 */
  char *documents;           /* file paths, one a line */
  int months;                /* extension of the probation (step 23) */
  char *notes;
} GtDevelopStep;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char *id_number;
  char gender; /* 'M' or 'F' */
  char *birth_date;
  char *ethnicity, *education, *occupation, *phone;
  gint64 org_id;
  char *org_name;
  char *stage;
  gint64 member_id; /* 0 before approval */
  GPtrArray *steps; /* of GtDevelopStep, by step then date */
} GtApplicant;

void gt_applicant_free (GtApplicant *applicant);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtApplicant, gt_applicant_free)

/* The first (or, with @last, the latest) recorded date of @step, or NULL. */
const char *gt_applicant_step_date (const GtApplicant *applicant, int step, gboolean last);
/* The highest step recorded, 0 for none. */
int gt_applicant_last_step (const GtApplicant *applicant);

typedef struct
{
  const char *org;        /* branch, name or code */
  const char *name;
  const char *id_number;  /* GB 11643, optional; gender and birth date must agree */
  const char *gender;     /* M/F/男/女; from the ID number when NULL */
  const char *birth_date; /* from the ID number when NULL */
  const char *ethnicity, *education, *occupation, *phone;
  const char *applied_on; /* step 1 (入党申请书), required */
} GtApplicantSpec;

/* Adds a person to the pipeline with step 1. Refuses a bad ID number, an unknown branch, a
 * future date, and an applicant younger than the minimum age on @applied_on. */
gboolean gt_develop_add (GtStorage *storage, const GtApplicantSpec *spec, gint64 *id,
                         GError **error);

typedef struct
{
  int step;
  const char *date;
  const char *contact1, *contact2, *talker, *introducer1, *introducer2;
  const char *documents;
  int months; /* step 23 only: extend the probation by this many months */
  const char *notes;
} GtDevelopStepSpec;

/* Records the next step (the highest recorded + 1) or repeats a repeatable one. Refuses a
 * step out of order, a date before the previous step or in the future, step 9 without two
 * introducers, step 5 without a contact, step 2 and 16 without a talker, an extension
 * outside the rules' range or a second extension. Step 17 creates the member, step 24
 * records full membership. Time rules that the new record breaks are not refused: they
 * show up in gt_develop_check (). Only the admission (steps 15 and 17) is refused while
 * the record breaks the year as activist or the publicity period. */
gboolean gt_develop_record_step (GtStorage *storage, gint64 applicant_id,
                                 const GtDevelopStepSpec *spec, GError **error);

/* Withdraws the step recorded last (a wrong date, the wrong person named), in one
 * transaction; *@step (may be NULL) is its number. Refused for the application (step 1) and
 * for steps 17 and 24, which made the membership. */
gboolean gt_develop_withdraw_step (GtStorage *storage, gint64 applicant_id, int *step,
                                   GError **error);

/* Takes the person out of the pipeline (stage dropped); the steps stay. */
gboolean gt_develop_drop (GtStorage *storage, gint64 applicant_id, GError **error);

GtApplicant *gt_develop_lookup (GtStorage *storage, gint64 id, GError **error);
/* Everyone in the pipeline (with @dropped, also those dropped) of @org_id (0: all), by
 * branch, stage and name, with their steps. */
GPtrArray *gt_develop_list (GtStorage *storage, gint64 org_id, gboolean dropped,
                            GError **error);

typedef enum
{
  GT_DEVELOP_OPEN,     /* deadline after this month */
  GT_DEVELOP_DUE,      /* deadline in the month of today, not passed */
  GT_DEVELOP_OVERDUE,  /* deadline passed, step not recorded */
  GT_DEVELOP_WAIT,     /* not before: the earliest day lies ahead */
  GT_DEVELOP_BROKEN,   /* a recorded step broke the rule */
} GtDevelopState;

typedef struct
{
  gint64 applicant_id;
  char *name;
  char *org_name;
  const char *rule; /* talk, activist_min, review, political_review, publicity,
                     * branch_meeting, approval, approval_max, probation, full_decision,
                     * minimum_age */
  int step;         /* the step the rule is about */
  char *date;       /* the deadline, or the earliest day for activist_min and publicity */
  GtDevelopState state;
  char *message;    /* one translated sentence */
} GtDevelopItem;

void gt_develop_item_free (GtDevelopItem *item);
const char *gt_label_develop_state (GtDevelopState state);
const char *gt_develop_state_code (GtDevelopState state);

/* The time rules applied to one applicant as of @today: the open, due, overdue, waiting and
 * broken items, by date (steps the rules are satisfied with are left out). Pure. */
GPtrArray *gt_develop_check (const GtApplicant *applicant, const GtDevelopRules *rules,
                             const char *today);

/* The probation's end: step 15 + probation_months + the extensions, or NULL. */
char *gt_develop_probation_end (const GtApplicant *applicant, const GtDevelopRules *rules);

typedef struct
{
  GtApplicant *applicant;
  int last_step;
  GPtrArray *items;    /* of GtDevelopItem */
  GtDevelopState worst; /* OVERDUE/BROKEN > DUE > WAIT > OPEN */
} GtDevelopBoardEntry;

void gt_develop_board_entry_free (GtDevelopBoardEntry *entry);

/* The pipeline board of @org_id (0: all branches) as of @today (NULL: today). */
GPtrArray *gt_develop_board (GtStorage *storage, gint64 org_id, const char *today,
                             GError **error);

/* Items due or overdue in the month of @today or broken, across @org_id (0: all), by date. */
GPtrArray *gt_develop_due (GtStorage *storage, gint64 org_id, const char *today,
                           GError **error);

/* The demo township's pipeline and letters (gt-demo-develop.c), called by the demo build
 * inside its transaction. */
gboolean gt_demo_develop_build (GtStorage *storage, GError **error);

G_END_DECLS
