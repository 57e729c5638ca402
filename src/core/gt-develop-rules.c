/* gt-develop-rules.c — the 25 steps as data, month arithmetic, the time rules (settings)
 * and their check, a pure function of one applicant's steps and a day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gt-develop.h"

/* The 25 steps of 《中国共产党发展党员工作细则》 in five stages. The 公示 of the candidate is
 * part of step 12; steps 6 and 21 (reviews) repeat, and so does 23 after an extension. */
static const GtDevelopStepInfo steps[GT_DEVELOP_N_STEPS] = {
  { 1, 1, "application", N_("Application for membership submitted"), FALSE },
  { 2, 1, "talk", N_("Talk with the applicant"), FALSE },
  { 3, 2, "activist", N_("Recommended and confirmed as activist"), FALSE },
  { 4, 2, "activist_filed", N_("Activist filed with the Party committee"), FALSE },
  { 5, 2, "contacts", N_("Contacts for training assigned"), FALSE },
  { 6, 2, "review", N_("Training, education and review"), TRUE },
  { 7, 3, "candidate", N_("Confirmed as candidate for development"), FALSE },
  { 8, 3, "candidate_filed", N_("Candidate filed with the Party committee"), FALSE },
  { 9, 3, "introducers", N_("Introducers confirmed"), FALSE },
  { 10, 3, "political_review", N_("Political review"), FALSE },
  { 11, 3, "training", N_("Concentrated training"), FALSE },
  { 12, 4, "branch_review", N_("Branch committee review and publicity"), FALSE },
  { 13, 4, "pre_review", N_("Pre-review by the Party committee"), FALSE },
  { 14, 4, "form", N_("Application form (志愿书) filled in"), FALSE },
  { 15, 4, "branch_meeting", N_("Branch general meeting admits"), FALSE },
  { 16, 4, "committee_talk", N_("Talk by the Party committee"), FALSE },
  { 17, 4, "approval", N_("Approval by the Party committee"), FALSE },
  { 18, 4, "approval_filed", N_("Filed with the higher organisation department"), FALSE },
  { 19, 5, "assigned", N_("Placed in a branch and Party group"), FALSE },
  { 20, 5, "oath", N_("Admission oath"), FALSE },
  { 21, 5, "probation_review", N_("Education and review during probation"), TRUE },
  { 22, 5, "full_application", N_("Application for full membership"), FALSE },
  { 23, 5, "full_meeting", N_("Branch general meeting discusses full membership"), TRUE },
  { 24, 5, "full_approval", N_("Full membership approved by the Party committee"), FALSE },
  { 25, 5, "archived", N_("Files archived"), FALSE },
};

static const char *const stage_labels[] = {
  N_("Application"), N_("Activist"), N_("Candidate"), N_("Admission"), N_("Probation and full membership"),
};

static const char *const person_stages[] = {
  "applicant", "activist", "candidate", "probationary", "full", NULL
};

const GtDevelopStepInfo *
gt_develop_step_info (int number)
{
  return number >= 1 && number <= GT_DEVELOP_N_STEPS ? &steps[number - 1] : NULL;
}

const char *
gt_label_develop_step (int number)
{
  const GtDevelopStepInfo *info = gt_develop_step_info (number);

  return info != NULL ? _(info->label) : "";
}

const char *
gt_label_develop_stage_number (int stage_number)
{
  return stage_number >= 1 && stage_number <= 5 ? _(stage_labels[stage_number - 1]) : "";
}

const char *
gt_label_develop_stage (const char *stage)
{
  if (g_strcmp0 (stage, "applicant") == 0)
    return _("Applicant");
  if (g_strcmp0 (stage, "activist") == 0)
    return _("Activist");
  if (g_strcmp0 (stage, "candidate") == 0)
    return _("Candidate for development");
  if (g_strcmp0 (stage, "probationary") == 0)
    return _("Probationary member");
  if (g_strcmp0 (stage, "full") == 0)
    return _("Full member");
  if (g_strcmp0 (stage, "dropped") == 0)
    return _("Left the pipeline");
  return stage != NULL ? stage : "";
}

const char *
gt_develop_stage_after_step (int step)
{
  if (step >= 24)
    return "full";
  if (step >= 17)
    return "probationary";
  if (step >= 7)
    return "candidate";
  if (step >= 3)
    return "activist";
  return "applicant";
}

const char *const *
gt_develop_stages (void)
{
  return person_stages;
}

/* ---- dates ---- */

static gboolean
parse_date (const char *date, GDate *out)
{
  int y = 0, m = 0, d = 0;

  if (!gt_date_is_valid (date) || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

char *
gt_develop_add_months (const char *date, int months)
{
  GDate d;

  if (!parse_date (date, &d))
    return NULL;
  /* GDate clamps the day to the end of the target month. */
  if (months >= 0)
    g_date_add_months (&d, (guint) months);
  else
    g_date_subtract_months (&d, (guint) -months);
  return format_date (&d);
}

char *
gt_develop_add_days (const char *date, int days)
{
  GDate d;

  if (!parse_date (date, &d))
    return NULL;
  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  return format_date (&d);
}

char *
gt_develop_birthday (const char *birth, int years)
{
  int y = 0, m = 0, d = 0;

  if (!gt_date_is_valid (birth) || sscanf (birth, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  y += years;
  if (m == 2 && d == 29 && !g_date_is_leap_year ((GDateYear) y))
    return g_strdup_printf ("%04d-03-01", y);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* ---- rules as settings ---- */

#define RULE(field, def, lo, hi, label) \
  { "develop." #field, label, def, lo, hi, G_STRUCT_OFFSET (GtDevelopRules, field) }

static const GtDevelopRuleInfo rule_infos[] = {
  RULE (talk_months, 1, 1, 24, N_("Talk with the applicant within (months)")),
  RULE (activist_min_months, 12, 1, 60, N_("At least as activist before candidate (months)")),
  RULE (review_interval_months, 6, 1, 24, N_("Review the activist at least every (months)")),
  RULE (political_review_valid_months, 12, 1, 60, N_("Political review valid for (months)")),
  RULE (publicity_days, 5, 0, 60, N_("Publicity before the application form (days)")),
  RULE (branch_meeting_months, 1, 1, 24, N_("Branch meeting within, after the pre-review (months)")),
  RULE (approval_months, 3, 1, 24, N_("Committee approval within, after the meeting (months)")),
  RULE (approval_max_months, 6, 1, 36, N_("Committee approval at the very most (months)")),
  RULE (probation_months, 12, 1, 36, N_("Probation from the admitting meeting (months)")),
  RULE (full_decision_months, 3, 1, 24, N_("Full membership approved within, after the probation (months)")),
  RULE (extension_min_months, 6, 1, 36, N_("Extension of the probation at least (months)")),
  RULE (extension_max_months, 12, 1, 36, N_("Extension of the probation at most (months)")),
  RULE (minimum_age, 18, 14, 30, N_("Minimum age to apply (years)")),
  RULE (letter_valid_days, 30, 1, 365, N_("Transfer letters valid for (days)")),
};

#define FIELD(rules, info) (*(int *) G_STRUCT_MEMBER_P ((rules), (info)->offset))

const GtDevelopRuleInfo *
gt_develop_rule_infos (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rule_infos);
  return rule_infos;
}

void
gt_develop_rules_defaults (GtDevelopRules *rules)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_infos); i++)
    FIELD (rules, &rule_infos[i]) = rule_infos[i].default_value;
}

void
gt_develop_rules_load (GtStorage *storage, GtDevelopRules *rules)
{
  gt_develop_rules_defaults (rules);
  for (guint i = 0; i < G_N_ELEMENTS (rule_infos); i++)
    {
      g_autofree char *text = gt_storage_get_meta (storage, rule_infos[i].key);
      gint64 value = 0;

      if (text != NULL &&
          g_ascii_string_to_signed (text, 10, rule_infos[i].min_value, rule_infos[i].max_value,
                                    &value, NULL))
        FIELD (rules, &rule_infos[i]) = (int) value;
    }
}

gboolean
gt_develop_rules_set (GtStorage *storage, const char *key, int value, GError **error)
{
  g_autofree char *full = g_str_has_prefix (key, "develop.") ? g_strdup (key)
                                                              : g_strconcat ("develop.", key, NULL);
  g_autofree char *text = NULL;
  const GtDevelopRuleInfo *info = NULL;
  GtDevelopRules rules;

  for (guint i = 0; i < G_N_ELEMENTS (rule_infos); i++)
    if (strcmp (rule_infos[i].key, full) == 0)
      info = &rule_infos[i];
  if (info == NULL)
    return gt_storage_refuse (storage, error, _("“%s” is not a rule of the development pipeline"),
                              key);
  if (value < info->min_value || value > info->max_value)
    return gt_storage_refuse (storage, error, _("%s: %d is outside %d … %d"), info->key + 8,
                              value, info->min_value, info->max_value);
  gt_develop_rules_load (storage, &rules);
  FIELD (&rules, info) = value;
  if (rules.extension_min_months > rules.extension_max_months)
    return gt_storage_refuse (storage, error,
                              _("the shortest extension (%d months) would be longer than the "
                                "longest (%d months)"),
                              rules.extension_min_months, rules.extension_max_months);
  if (rules.approval_max_months < rules.approval_months)
    return gt_storage_refuse (storage, error,
                              _("the approval limit (%d months) would be shorter than the "
                                "approval deadline (%d months)"),
                              rules.approval_max_months, rules.approval_months);
  text = g_strdup_printf ("%d", value);
  return gt_storage_set_meta (storage, info->key, text, error);
}

/* ---- the check ---- */

void
gt_develop_item_free (GtDevelopItem *item)
{
  if (item == NULL)
    return;
  g_free (item->name);
  g_free (item->org_name);
  g_free (item->date);
  g_free (item->message);
  g_free (item);
}

const char *
gt_develop_state_code (GtDevelopState state)
{
  static const char *const codes[] = { "open", "due", "overdue", "wait", "broken" };

  return state <= GT_DEVELOP_BROKEN ? codes[state] : "";
}

const char *
gt_label_develop_state (GtDevelopState state)
{
  switch (state)
    {
    case GT_DEVELOP_OPEN:
      return _("Open");
    case GT_DEVELOP_DUE:
      return _("Due this month");
    case GT_DEVELOP_OVERDUE:
      return _("Overdue");
    case GT_DEVELOP_WAIT:
      return _("Not before");
    case GT_DEVELOP_BROKEN:
      return _("Rule broken");
    default:
      return "";
    }
}

/* The latest date among the records of @step, or the first with !@last. */
const char *
gt_applicant_step_date (const GtApplicant *applicant, int step, gboolean last)
{
  const char *found = NULL;

  for (guint i = 0; i < applicant->steps->len; i++)
    {
      GtDevelopStep *s = applicant->steps->pdata[i];

      if (s->step != step)
        continue;
      if (found == NULL || (last ? strcmp (s->date, found) > 0 : strcmp (s->date, found) < 0))
        found = s->date;
    }
  return found;
}

int
gt_applicant_last_step (const GtApplicant *applicant)
{
  int last = 0;

  for (guint i = 0; i < applicant->steps->len; i++)
    last = MAX (last, ((GtDevelopStep *) applicant->steps->pdata[i])->step);
  return last;
}

/* The date of the branch meeting's decision for full membership: the latest step 23
 * without an extension. */
static const char *
full_decision_date (const GtApplicant *a)
{
  const char *found = NULL;

  for (guint i = 0; i < a->steps->len; i++)
    {
      GtDevelopStep *s = a->steps->pdata[i];

      if (s->step == 23 && s->months == 0 && (found == NULL || strcmp (s->date, found) > 0))
        found = s->date;
    }
  return found;
}

char *
gt_develop_probation_end (const GtApplicant *a, const GtDevelopRules *rules)
{
  const char *meeting = gt_applicant_step_date (a, 15, FALSE);
  int months;

  if (meeting == NULL)
    return NULL;
  months = rules->probation_months;
  for (guint i = 0; i < a->steps->len; i++)
    {
      GtDevelopStep *s = a->steps->pdata[i];

      if (s->step == 23)
        months += s->months;
    }
  return gt_develop_add_months (meeting, months);
}

static gboolean
same_month (const char *a, const char *b)
{
  return strncmp (a, b, 7) == 0;
}

static void
add_item (GPtrArray *items, const GtApplicant *a, const char *rule, int step, const char *date,
          GtDevelopState state, char *message)
{
  GtDevelopItem *item = g_new0 (GtDevelopItem, 1);

  item->applicant_id = a->id;
  item->name = g_strdup (a->name);
  item->org_name = g_strdup (a->org_name);
  item->rule = rule;
  item->step = step;
  item->date = g_strdup (date);
  item->state = state;
  item->message = message;
  g_ptr_array_add (items, item);
}

/* A deadline rule: @step must be recorded by @deadline. @done is its date or NULL. */
static void
deadline (GPtrArray *items, const GtApplicant *a, const char *rule, int step,
          const char *deadline_date, const char *done, const char *today)
{
  GtDevelopState state;

  if (done != NULL)
    {
      if (strcmp (done, deadline_date) > 0)
        add_item (items, a, rule, step, deadline_date, GT_DEVELOP_BROKEN,
                  g_strdup_printf (_("%s: step %d “%s” on %s, after the deadline %s"), a->name,
                                   step, gt_label_develop_step (step), done, deadline_date));
      return;
    }
  if (strcmp (today, deadline_date) > 0)
    state = GT_DEVELOP_OVERDUE;
  else if (same_month (today, deadline_date))
    state = GT_DEVELOP_DUE;
  else
    state = GT_DEVELOP_OPEN;
  add_item (items, a, rule, step, deadline_date, state,
            g_strdup_printf (state == GT_DEVELOP_OVERDUE ? _("%s: step %d “%s” was due by %s")
                                                         : _("%s: step %d “%s” is due by %s"),
                             a->name, step, gt_label_develop_step (step), deadline_date));
}

/* A waiting rule: @step may not be recorded before @earliest. */
static void
not_before (GPtrArray *items, const GtApplicant *a, const char *rule, int step,
            const char *earliest, const char *done, const char *today)
{
  if (done != NULL)
    {
      if (strcmp (done, earliest) < 0)
        add_item (items, a, rule, step, earliest, GT_DEVELOP_BROKEN,
                  g_strdup_printf (_("%s: step %d “%s” on %s, before the earliest day %s"),
                                   a->name, step, gt_label_develop_step (step), done, earliest));
      return;
    }
  if (strcmp (today, earliest) < 0)
    add_item (items, a, rule, step, earliest, GT_DEVELOP_WAIT,
              g_strdup_printf (_("%s: step %d “%s” not before %s"), a->name, step,
                               gt_label_develop_step (step), earliest));
}

static int
compare_items (gconstpointer pa, gconstpointer pb)
{
  const GtDevelopItem *a = *(GtDevelopItem *const *) pa, *b = *(GtDevelopItem *const *) pb;
  int c = strcmp (a->date, b->date);

  return c != 0 ? c : a->step - b->step;
}

/* The reviews of an activist: from step 3, each review (step 6) and step 7 no more than
 * review_interval_months apart; the next one due while step 7 is not recorded. */
static void
check_reviews (GPtrArray *items, const GtApplicant *a, const GtDevelopRules *rules,
               const char *today, const char *activist, const char *candidate)
{
  g_autoptr (GPtrArray) dates = g_ptr_array_new ();
  const char *prev = activist;

  for (guint i = 0; i < a->steps->len; i++)
    {
      GtDevelopStep *s = a->steps->pdata[i];

      if (s->step == 6)
        g_ptr_array_add (dates, s->date);
    }
  if (candidate != NULL)
    g_ptr_array_add (dates, (gpointer) candidate);
  for (guint i = 0; i < dates->len; i++)
    {
      const char *d = dates->pdata[i];
      g_autofree char *due = gt_develop_add_months (prev, rules->review_interval_months);

      if (strcmp (d, due) > 0)
        add_item (items, a, "review", 6, due, GT_DEVELOP_BROKEN,
                  g_strdup_printf (_("%s: no review between %s and %s (one is due every %d months)"),
                                   a->name, prev, d, rules->review_interval_months));
      prev = d;
    }
  if (candidate == NULL)
    {
      g_autofree char *due = gt_develop_add_months (prev, rules->review_interval_months);

      deadline (items, a, "review", 6, due, NULL, today);
    }
}

GPtrArray *
gt_develop_check (const GtApplicant *a, const GtDevelopRules *rules, const char *today)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_develop_item_free);
  const char *s[GT_DEVELOP_N_STEPS + 1] = { NULL };
  gboolean active = g_strcmp0 (a->stage, "dropped") != 0;

  for (int i = 1; i <= GT_DEVELOP_N_STEPS; i++)
    s[i] = gt_applicant_step_date (a, i, FALSE);

  /* Minimum age on the day of the application. */
  if (s[1] != NULL && a->birth_date != NULL)
    {
      g_autofree char *adult = gt_develop_birthday (a->birth_date, rules->minimum_age);

      if (adult != NULL && strcmp (s[1], adult) < 0)
        add_item (items, a, "minimum_age", 1, adult, GT_DEVELOP_BROKEN,
                  g_strdup_printf (_("%s applied on %s, before turning %d on %s"), a->name, s[1],
                                   rules->minimum_age, adult));
    }
  /* A talk within talk_months of the application. */
  if (s[1] != NULL && (active || s[2] != NULL))
    {
      g_autofree char *due = gt_develop_add_months (s[1], rules->talk_months);
      deadline (items, a, "talk", 2, due, s[2], today);
    }
  /* At least activist_min_months as activist, reviewed every review_interval_months. */
  if (s[3] != NULL)
    {
      g_autofree char *earliest = gt_develop_add_months (s[3], rules->activist_min_months);

      if (active || s[7] != NULL)
        not_before (items, a, "activist_min", 7, earliest, s[7], today);
      if (active || s[7] != NULL)
        check_reviews (items, a, rules, today, s[3], s[7]);
    }
  /* The political review stays valid until the committee's approval. */
  if (s[10] != NULL && (active || s[17] != NULL))
    {
      g_autofree char *until = gt_develop_add_months (s[10], rules->political_review_valid_months);
      deadline (items, a, "political_review", 17, until, s[17], today);
    }
  /* 公示 (step 12) lasts publicity_days before the 志愿书 (step 14). */
  if (s[12] != NULL && (active || s[14] != NULL))
    {
      g_autofree char *earliest = gt_develop_add_days (s[12], rules->publicity_days);
      not_before (items, a, "publicity", 14, earliest, s[14], today);
    }
  /* The branch meeting within branch_meeting_months of the pre-review. */
  if (s[13] != NULL && (active || s[15] != NULL))
    {
      g_autofree char *due = gt_develop_add_months (s[13], rules->branch_meeting_months);
      deadline (items, a, "branch_meeting", 15, due, s[15], today);
    }
  /* The committee's approval within approval_months, at most approval_max_months. */
  if (s[15] != NULL && (active || s[17] != NULL))
    {
      g_autofree char *due = gt_develop_add_months (s[15], rules->approval_months);
      g_autofree char *limit = gt_develop_add_months (s[15], rules->approval_max_months);
      const char *done = s[17];

      if (done != NULL && strcmp (done, limit) > 0)
        deadline (items, a, "approval_max", 17, limit, done, today);
      else
        deadline (items, a, "approval", 17, due, done, today);
      if (done == NULL && strcmp (today, due) > 0)
        deadline (items, a, "approval_max", 17, limit, done, today);
    }
  /* The probation ends probation_months (plus extensions) after the admitting meeting; the
   * branch meeting decides then, and the committee approves within full_decision_months. */
  if (s[17] != NULL)
    {
      g_autofree char *end = gt_develop_probation_end (a, rules);
      g_autofree char *due = gt_develop_add_months (end, rules->full_decision_months);
      const char *decided = full_decision_date (a);

      if (active || decided != NULL)
        not_before (items, a, "probation", 23, end, decided, today);
      if (active || s[24] != NULL)
        deadline (items, a, "full_decision", 24, due, s[24], today);
    }
  g_ptr_array_sort (items, compare_items);
  return items;
}
