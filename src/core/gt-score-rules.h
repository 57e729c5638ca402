/* gt-score-rules.h — the versioned rules of points and ratings (domain §3): every number a
 * setting, the 学分 + 工分 rubric, periods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

/* One number of the rules. @key is "area.name" (member.bottom_share, …); @source cites
 * domain.md where the source texts give the rule, "" where the number is only a default. */
typedef struct
{
  const char *key;
  double default_value;
  double min, max;
  gboolean integer;
  const char *description; /* N_() */
  const char *source;
} GtScoreSetting;

/* The settings in display order. */
const GtScoreSetting *gt_score_settings (guint *n_settings);
const GtScoreSetting *gt_score_setting_find (const char *key);

/* A rubric item. @category: basic (基本), bonus (正向加分), penalty (反向扣分) or downgrade
 * (直接降级); @kind: study (学分) or work (工分). @points is the size of one entry (a
 * penalty's points are deducted). @black: an entry in a quarter puts the member on the black
 * list; @link: the entry counts in the 100-point household-link score. */
typedef struct
{
  char *code;
  char *category;
  char *kind;
  char *label;
  int points;
  gboolean black;
  gboolean link;
} GtScoreItem;

void gt_score_item_free (GtScoreItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtScoreItem, gt_score_item_free)

typedef struct
{
  gint64 version;  /* 0 before it is saved */
  char *created;   /* ISO 8601, NULL before it is saved */
  char *note;
  double *values;  /* one per setting, in the order of gt_score_settings () */
  GPtrArray *items; /* of GtScoreItem */
} GtScoreRules;

void gt_score_rules_free (GtScoreRules *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtScoreRules, gt_score_rules_free)

/* The default rules: the settings' defaults and the rubric seeded from domain §3.2 (labels
 * translated in the current locale). */
GtScoreRules *gt_score_rules_new_default (void);
GtScoreRules *gt_score_rules_copy (const GtScoreRules *rules);

/* The value of setting @key (which must exist). */
double gt_score_rules_get (const GtScoreRules *rules, const char *key);
int gt_score_rules_get_int (const GtScoreRules *rules, const char *key);

/* Sets @key from @text, refusing unknown keys, non-numbers and values out of range. */
gboolean gt_score_rules_set (GtScoreRules *rules, const char *key, const char *text,
                             GError **error);

const GtScoreItem *gt_score_rules_find_item (const GtScoreRules *rules, const char *code);

/* The current rules; when the database has none yet the defaults are saved as version 1. */
GtScoreRules *gt_score_rules_load_current (GtStorage *storage, GError **error);
/* Rules of one version; GT_STORAGE_ERROR_CONSTRAINT when there is no such version. */
GtScoreRules *gt_score_rules_load (GtStorage *storage, gint64 version, GError **error);
/* Saves @rules as a new version (one more than the highest) and makes it current; sets
 * rules->version. Earlier versions and the results they produced stay as they are. */
gboolean gt_score_rules_save (GtStorage *storage, GtScoreRules *rules, const char *note,
                              GError **error);

/* The small JSON file of the rules: {"format": "guatu-score-rules", "format_version": 1,
 * "version", "note", "settings": {KEY: NUMBER}, "items": [{…}]}. */
char *gt_score_rules_to_json (const GtScoreRules *rules);
/* Reads such a file. Settings not named keep their defaults. Every problem names @filename
 * and the field (G_IO_ERROR_INVALID_DATA); nothing is returned then. */
GtScoreRules *gt_score_rules_from_json (const char *data, gssize length, const char *filename,
                                        GError **error);

typedef struct
{
  gint64 version;
  char *created;
  char *note;
  gboolean current;
} GtScoreRuleVersion;

void gt_score_rule_version_free (GtScoreRuleVersion *version);
/* All versions, newest first. */
GPtrArray *gt_score_rules_list_versions (GtStorage *storage, GError **error);

const char *gt_label_score_category (const char *category);
const char *gt_label_score_kind (const char *kind);
/* The computed sets (member, redblack, stars, link, fortress), NULL-terminated, and the
 * translated name of one ("Red/black list"), or the code itself. */
extern const char *const gt_score_run_kinds[];
const char *gt_label_score_run_kind (const char *kind);
/* excellent 优秀, good 良好, pass 达标, fail 不合格 */
const char *gt_label_score_grade (const char *grade);
/* advanced 先进, middle 中间, lagging 后进; red 红榜, black 黑榜 */
const char *gt_label_score_class (const char *klass);
/* The label of a rubric item (or a reason) as shown: the built-in items are stored as
 * written when the rules were made, in English when that was in the C locale, so their
 * labels are translated here; a label the office typed itself has no translation and is
 * returned as it is. */
const char *gt_label_score_item (const char *label);

/* A period: YYYY (a year), YYYY-H1/H2, YYYY-Q1…Q4 or YYYY-MM. */
typedef struct
{
  char text[12];
  char kind;        /* 'Y', 'H', 'Q' or 'M' */
  int year;
  int first_month;  /* 1–12 */
  int n_months;
  char start[11];   /* first day, YYYY-MM-DD */
  char end[11];     /* last day */
  char first_ym[8]; /* YYYY-MM */
  char last_ym[8];
} GtScorePeriod;

gboolean gt_score_period_parse (const char *text, GtScorePeriod *period, GError **error);
/* The share of a year the period covers: n_months / 12. */
double gt_score_period_fraction (const GtScorePeriod *period);

G_END_DECLS
