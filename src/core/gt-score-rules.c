/* gt-score-rules.c — the versioned rules of points and ratings
 *
 * The source texts state the cycle (月度积分、半年评定、年终亮分、末位警示), the four parts of the
 * rubric, the quarterly red/black list, the 100-point household-link score with its 60-point
 * line and the four grades with "basic not met → no 优秀" (domain.md §3). They give no item
 * values, star thresholds or index formulas: every such number is a setting here, with a
 * default, kept in the database as part of a versioned rule set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "gt-score-rules.h"

#define RULES_FORMAT "guatu-score-rules"

static const GtScoreSetting settings[] = {
  /* 党员先锋指数, 学分 + 工分 (§3.2) */
  { "member.bonus_cap", 40, 0, 1000, TRUE, N_("Yearly cap of bonus (正向加分) points"), "" },
  { "member.band_excellent", 90, 0, 1000, FALSE,
    N_("Yearly points for 优秀 (scaled to shorter periods)"), "" },
  { "member.band_good", 75, 0, 1000, FALSE, N_("Yearly points for 良好"), "" },
  { "member.band_pass", 60, 0, 1000, FALSE, N_("Yearly points for 达标 (below: 不合格)"), "" },
  { "member.basic_required_share", 0.8, 0, 1, FALSE,
    N_("Share of the basic points a member must earn; below it no 优秀"), "§3.8 [002 L94-102]" },
  { "member.downgrade_steps", 1, 0, 3, TRUE,
    N_("Grades lost for each 直接降级 entry"), "§3.2 [001 L3913-3923]" },
  { "member.bottom_share", 0.05, 0, 1, FALSE,
    N_("末位警示: share of each branch's year ranking warned (at least one member)"),
    "§3.2 [000 L57-60]" },
  /* 红黑榜 (§3.3) */
  { "redblack.red_per_org", 1, 0, 100, TRUE,
    N_("闪光之星 per branch and quarter"), "§3.3 [000 L63-72]" },
  { "redblack.red_min_score", 80, 0, 1000, FALSE,
    N_("Yearly points a 闪光之星 needs at least (scaled to the quarter)"), "" },
  { "redblack.missed_meetings", 3, 1, 100, TRUE,
    N_("Missed meetings in a quarter that put a member on the black list"),
    "§3.3 [000 L63-72] 不过组织生活" },
  { "redblack.dues_months", 3, 1, 3, TRUE,
    N_("Unpaid dues months in a quarter that put a member on the black list"),
    "§3.3 [000 L63-72] 不缴纳党费" },
  /* 星级化 (§3.4) */
  { "stars.member_1", 60, 0, 1000, FALSE, N_("Yearly points for one star"), "" },
  { "stars.member_2", 70, 0, 1000, FALSE, N_("Yearly points for two stars"), "" },
  { "stars.member_3", 80, 0, 1000, FALSE, N_("Yearly points for three stars"), "" },
  { "stars.member_4", 90, 0, 1000, FALSE, N_("Yearly points for four stars"), "" },
  { "stars.member_5", 95, 0, 1000, FALSE, N_("Yearly points for five stars"), "" },
  { "stars.household_points_weight", 0.5, 0, 1, FALSE,
    N_("星级共产党员户: weight of the member's points (the rest: household-link score)"),
    "§3.4 [004 L119-125]" },
  { "stars.household_1", 60, 0, 100, FALSE, N_("Household score for one star"), "" },
  { "stars.household_2", 70, 0, 100, FALSE, N_("Household score for two stars"), "" },
  { "stars.household_3", 80, 0, 100, FALSE, N_("Household score for three stars"), "" },
  { "stars.household_4", 90, 0, 100, FALSE, N_("Household score for four stars"), "" },
  { "stars.household_5", 95, 0, 100, FALSE, N_("Household score for five stars"), "" },
  /* 百分制联户包事 (§3.5) */
  { "link.pass", 60, 0, 100, FALSE,
    N_("Household-link score below which 整转 is proposed"), "§3.5 [003 L295-303]" },
  { "link.missing_link", 5, 0, 100, FALSE, N_("Deduction per household missing"), "" },
  { "link.visits_per_household", 4, 0, 52, TRUE, N_("Visits per linked household and year"), "" },
  { "link.missing_visit", 1, 0, 100, FALSE, N_("Deduction per visit missing"), "" },
  { "link.missing_visit_cap", 30, 0, 100, FALSE, N_("Largest deduction for missing visits"), "" },
  /* 堡垒指数 (§3.1, §3.6, §3.8, §3.9) */
  { "fortress.weight_meetings", 30, 0, 100, FALSE, N_("Fortress weight: meeting compliance"),
    "" },
  { "fortress.weight_dues", 20, 0, 100, FALSE, N_("Fortress weight: dues paid"), "" },
  { "fortress.weight_points", 30, 0, 100, FALSE, N_("Fortress weight: members' average points"),
    "" },
  { "fortress.weight_projects", 20, 0, 100, FALSE,
    N_("Fortress weight: project milestones on time"), "" },
  { "fortress.advanced", 85, 0, 100, FALSE, N_("Fortress index for 先进"), "" },
  { "fortress.lagging", 70, 0, 100, FALSE, N_("Fortress index below which 后进"), "" },
  { "fortress.weak_share", 0.05, 0, 1, FALSE,
    N_("Share of organisations ranked 后进 from the bottom at least"), "§3.9 [001 L5292-5296]" },
  { "fortress.grade_excellent", 90, 0, 100, FALSE, N_("Fortress index for 优秀"), "§3.8" },
  { "fortress.grade_good", 80, 0, 100, FALSE, N_("Fortress index for 良好"), "§3.8" },
  { "fortress.grade_pass", 60, 0, 100, FALSE, N_("Fortress index for 达标 (below: 不合格)"),
    "§3.8" },
  { "fortress.basic_meetings", 0.8, 0, 1, FALSE,
    N_("Basic requirement: meeting compliance; below it no 优秀"), "§3.8 [002 L94-102]" },
  { "fortress.basic_dues", 0.9, 0, 1, FALSE,
    N_("Basic requirement: dues paid; below it no 优秀"), "§3.8 [002 L94-102]" },
};

typedef struct
{
  const char *code, *category, *kind, *label;
  int points;
  gboolean black, link;
} DefaultItem;

/* Seeded from §3.2 (four parts: 基本, 正向加分, 反向扣分, 直接降级), §3.3 (black-list criteria)
 * and §3.5 (household linking). The source names 40 items without listing them; these are
 * editable defaults. Basic items are meant once a month: 5 points a month, 60 a year. */
static const DefaultItem default_items[] = {
  { "basic_meeting", "basic", "study", N_("Attended 三会一课 and the theme party day"), 2 },
  { "basic_study", "basic", "study", N_("Completed the month's study"), 1 },
  { "basic_dues", "basic", "work", N_("Paid dues on time and in full"), 1 },
  { "basic_duty", "basic", "work", N_("Served the linked households (联户包事)"), 1, FALSE, TRUE },
  { "bonus_volunteer", "bonus", "work", N_("Volunteer service"), 2 },
  { "bonus_practical", "bonus", "work", N_("Did a practical thing for the people (为民办实事)"), 3,
    FALSE, TRUE },
  { "bonus_central", "bonus", "work", N_("Took part in central work"), 3 },
  { "bonus_mediation", "bonus", "work", N_("Mediated a dispute"), 2, FALSE, TRUE },
  { "bonus_lecture", "bonus", "study", N_("Gave a party lecture or shared study notes"), 2 },
  { "bonus_honour", "bonus", "work", N_("Commended at township level or above"), 5 },
  { "bonus_advice", "bonus", "work", N_("Proposal adopted"), 2 },
  { "penalty_absent", "penalty", "study", N_("Missed organisational life without reason"), 3 },
  { "penalty_dues_late", "penalty", "work", N_("Paid dues late"), 2 },
  { "penalty_central", "penalty", "work", N_("Did not cooperate with central work"), 5, TRUE },
  { "penalty_no_role", "penalty", "work", N_("Played no role"), 5, TRUE, TRUE },
  { "penalty_complaint", "penalty", "work", N_("Verified complaint by a linked household"), 5,
    FALSE, TRUE },
  { "downgrade_discipline", "downgrade", "work", N_("Party disciplinary sanction"), 0, TRUE },
  { "downgrade_law", "downgrade", "work", N_("Broke the law"), 0, TRUE },
  { "downgrade_dues_6", "downgrade", "work", N_("No dues for six months in a row"), 0, TRUE },
  { "downgrade_life_6", "downgrade", "study", N_("No organisational life for six months in a row"),
    0, TRUE },
};

const GtScoreSetting *
gt_score_settings (guint *n_settings)
{
  *n_settings = G_N_ELEMENTS (settings);
  return settings;
}

static int
setting_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_strcmp0 (settings[i].key, key) == 0)
      return (int) i;
  return -1;
}

const GtScoreSetting *
gt_score_setting_find (const char *key)
{
  int i = setting_index (key);

  return i < 0 ? NULL : &settings[i];
}

void
gt_score_item_free (GtScoreItem *item)
{
  if (item == NULL)
    return;
  g_free (item->code);
  g_free (item->category);
  g_free (item->kind);
  g_free (item->label);
  g_free (item);
}

static GtScoreItem *
item_copy (const GtScoreItem *item)
{
  GtScoreItem *copy = g_new0 (GtScoreItem, 1);

  *copy = *item;
  copy->code = g_strdup (item->code);
  copy->category = g_strdup (item->category);
  copy->kind = g_strdup (item->kind);
  copy->label = g_strdup (item->label);
  return copy;
}

void
gt_score_rules_free (GtScoreRules *rules)
{
  if (rules == NULL)
    return;
  g_free (rules->created);
  g_free (rules->note);
  g_free (rules->values);
  g_clear_pointer (&rules->items, g_ptr_array_unref);
  g_free (rules);
}

static GtScoreRules *
rules_new_empty (void)
{
  GtScoreRules *rules = g_new0 (GtScoreRules, 1);

  rules->values = g_new0 (double, G_N_ELEMENTS (settings));
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    rules->values[i] = settings[i].default_value;
  rules->items = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_score_item_free);
  rules->note = g_strdup ("");
  return rules;
}

GtScoreRules *
gt_score_rules_new_default (void)
{
  GtScoreRules *rules = rules_new_empty ();

  for (guint i = 0; i < G_N_ELEMENTS (default_items); i++)
    {
      GtScoreItem *item = g_new0 (GtScoreItem, 1);

      item->code = g_strdup (default_items[i].code);
      item->category = g_strdup (default_items[i].category);
      item->kind = g_strdup (default_items[i].kind);
      item->label = g_strdup (_(default_items[i].label));
      item->points = default_items[i].points;
      item->black = default_items[i].black;
      item->link = default_items[i].link;
      g_ptr_array_add (rules->items, item);
    }
  return rules;
}

GtScoreRules *
gt_score_rules_copy (const GtScoreRules *rules)
{
  GtScoreRules *copy = rules_new_empty ();

  copy->version = rules->version;
  copy->created = g_strdup (rules->created);
  g_free (copy->note);
  copy->note = g_strdup (rules->note);
  memcpy (copy->values, rules->values, sizeof (double) * G_N_ELEMENTS (settings));
  for (guint i = 0; i < rules->items->len; i++)
    g_ptr_array_add (copy->items, item_copy (g_ptr_array_index (rules->items, i)));
  return copy;
}

double
gt_score_rules_get (const GtScoreRules *rules, const char *key)
{
  int i = setting_index (key);

  g_return_val_if_fail (i >= 0, 0);
  return rules->values[i];
}

int
gt_score_rules_get_int (const GtScoreRules *rules, const char *key)
{
  return (int) lround (gt_score_rules_get (rules, key));
}

static gboolean
check_value (const GtScoreSetting *setting, double value, const char *where, GError **error)
{
  if (!isfinite (value) || value < setting->min || value > setting->max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: %s must lie between %g and %g, not %g"), where, setting->key,
                   setting->min, setting->max, value);
      return FALSE;
    }
  if (setting->integer && value != floor (value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: %s must be a whole number, not %g"), where, setting->key, value);
      return FALSE;
    }
  return TRUE;
}

gboolean
gt_score_rules_set (GtScoreRules *rules, const char *key, const char *text, GError **error)
{
  int i = setting_index (key);
  char *end = NULL;
  double value;

  if (i < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a scoring setting (see score-rules show)"), key);
      return FALSE;
    }
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: “%s” is not a number"), key, text);
      return FALSE;
    }
  if (!check_value (&settings[i], value, _("setting"), error))
    return FALSE;
  rules->values[i] = value;
  return TRUE;
}

const GtScoreItem *
gt_score_rules_find_item (const GtScoreRules *rules, const char *code)
{
  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = g_ptr_array_index (rules->items, i);

      if (g_strcmp0 (item->code, code) == 0)
        return item;
    }
  return NULL;
}

/* JSON */

static void
build_body (JsonBuilder *builder, const GtScoreRules *rules)
{
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      json_builder_set_member_name (builder, settings[i].key);
      if (settings[i].integer || rules->values[i] == floor (rules->values[i]))
        json_builder_add_int_value (builder, (gint64) llround (rules->values[i]));
      else
        json_builder_add_double_value (builder, rules->values[i]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = g_ptr_array_index (rules->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, item->code);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, item->category);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, item->kind);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, item->label);
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, item->points);
      json_builder_set_member_name (builder, "black");
      json_builder_add_boolean_value (builder, item->black);
      json_builder_set_member_name (builder, "link");
      json_builder_add_boolean_value (builder, item->link);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
builder_to_string (JsonBuilder *builder, gboolean pretty)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
gt_score_rules_to_json (const GtScoreRules *rules)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GString *out;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, RULES_FORMAT);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, rules->version);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, rules->note ? rules->note : "");
  build_body (builder, rules);
  json_builder_end_object (builder);
  text = builder_to_string (builder, TRUE);
  out = g_string_new (text);
  g_free (text);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static gboolean
invalid (GError **error, const char *filename, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError **error, const char *filename, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", filename, message);
  return FALSE;
}

static const char *
object_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A true/false member; anything else (missing, null, not a boolean) is false. */
static gboolean
object_boolean (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
read_item (JsonNode *node, guint index, const char *filename, GtScoreRules *rules,
           GError **error)
{
  static const char *const categories[] = { "basic", "bonus", "penalty", "downgrade", NULL };
  static const char *const kinds[] = { "study", "work", NULL };
  g_autoptr (GtScoreItem) item = NULL;
  JsonObject *object;
  JsonNode *points;
  const char *code, *category, *kind, *label;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, filename, _("items[%u] is not an object"), index);
  object = json_node_get_object (node);
  code = object_string (object, "code");
  category = object_string (object, "category");
  kind = object_string (object, "kind");
  label = object_string (object, "label");
  points = json_object_get_member (object, "points");
  if (code == NULL || *code == '\0')
    return invalid (error, filename, _("items[%u].code is missing"), index);
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return invalid (error, filename, _("items[%u].code “%s” must be ASCII letters, digits, _ or -"),
                      index, code);
  if (gt_score_rules_find_item (rules, code) != NULL)
    return invalid (error, filename, _("items[%u].code “%s” appears twice"), index, code);
  if (category == NULL || !g_strv_contains (categories, category))
    return invalid (error, filename,
                    _("items[%u].category must be basic, bonus, penalty or downgrade"), index);
  if (kind == NULL || !g_strv_contains (kinds, kind))
    return invalid (error, filename, _("items[%u].kind must be study or work"), index);
  if (label == NULL || *label == '\0')
    return invalid (error, filename, _("items[%u].label is missing"), index);
  if (points == NULL || !JSON_NODE_HOLDS_VALUE (points) ||
      json_node_get_value_type (points) != G_TYPE_INT64 || json_node_get_int (points) < 0 ||
      json_node_get_int (points) > 1000)
    return invalid (error, filename, _("items[%u].points must be a whole number from 0 to 1000"),
                    index);

  item = g_new0 (GtScoreItem, 1);
  item->code = g_strdup (code);
  item->category = g_strdup (category);
  item->kind = g_strdup (kind);
  item->label = g_strdup (label);
  item->points = (int) json_node_get_int (points);
  item->black = object_boolean (object, "black");
  item->link = object_boolean (object, "link");
  g_ptr_array_add (rules->items, g_steal_pointer (&item));
  return TRUE;
}

static gboolean
read_body (JsonObject *root, const char *filename, GtScoreRules *rules, GError **error)
{
  JsonNode *node = json_object_get_member (root, "settings");
  JsonArray *items;

  if (node != NULL)
    {
      JsonObject *object;
      g_autoptr (GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, filename, _("“settings” is not an object"));
      object = json_node_get_object (node);
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;
          JsonNode *value = json_object_get_member (object, key);
          int i = setting_index (key);
          g_autofree char *where = g_strdup_printf ("%s: settings", filename);
          GType type;

          if (i < 0)
            return invalid (error, filename, _("settings.%s is not a scoring setting"), key);
          type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_NONE;
          if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
            return invalid (error, filename, _("settings.%s is not a number"), key);
          if (!check_value (&settings[i], json_node_get_double (value), where, error))
            return FALSE;
          rules->values[i] = json_node_get_double (value);
        }
    }

  node = json_object_get_member (root, "items");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, filename, _("“items” (the rubric) is missing"));
  items = json_node_get_array (node);
  if (json_array_get_length (items) == 0)
    return invalid (error, filename, _("“items” (the rubric) is empty"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (!read_item (json_array_get_element (items, i), i, filename, rules, error))
      return FALSE;
  return TRUE;
}

GtScoreRules *
gt_score_rules_from_json (const char *data, gssize length, const char *filename,
                          GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_autoptr (GtScoreRules) rules = rules_new_empty ();
  JsonObject *root;
  const char *format, *note;

  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      invalid (error, filename, "%s", local->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, filename, _("not a rules file (the top is not an object)"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  format = object_string (root, "format");
  if (g_strcmp0 (format, RULES_FORMAT) != 0)
    {
      invalid (error, filename, _("not a rules file (“format” is not “%s”)"), RULES_FORMAT);
      return NULL;
    }
  {
    JsonNode *node = json_object_get_member (root, "format_version");
    gint64 version = 1;

    if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
      {
        if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
          {
            invalid (error, filename, _("format_version is not a whole number"));
            return NULL;
          }
        version = json_node_get_int (node);
      }
    if (version != 1)
      {
        invalid (error, filename, _("format_version %d is newer than this Guatu reads"),
                 (int) CLAMP (version, G_MININT, G_MAXINT));
        return NULL;
      }
  }
  if (!read_body (root, filename, rules, error))
    return NULL;
  note = object_string (root, "note");
  g_free (rules->note);
  rules->note = g_strdup (note ? note : "");
  return g_steal_pointer (&rules);
}

/* Storage */

static const char insert_set_sql[] =
  "INSERT INTO score_rule_sets (version, created, note, body, current) VALUES (?, ?, ?, ?, 1)";

gboolean
gt_score_rules_save (GtStorage *storage, GtScoreRules *rules, const char *note, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *body = NULL, *created = gt_now_iso8601 ();
  sqlite3_stmt *stmt;
  gint64 version = 0;

  json_builder_begin_object (builder);
  build_body (builder, rules);
  json_builder_end_object (builder);
  body = builder_to_string (builder, FALSE);

  if (!gt_storage_begin (storage, error))
    return FALSE;
  if (!gt_storage_query_int64 (storage, "SELECT coalesce (max (version), 0) + 1 FROM score_rule_sets",
                               &version, error) ||
      !gt_storage_exec (storage, "UPDATE score_rule_sets SET current = 0 WHERE current = 1", error))
    goto fail;
  stmt = gt_storage_prepare (storage, insert_set_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, version);
  sqlite3_bind_text (stmt, 2, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, note ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error))
    goto fail;
  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = g_ptr_array_index (rules->items, i);

      stmt = gt_storage_prepare (storage,
                                 "INSERT INTO score_items (rule_version, code, category, kind, label,"
                                 " points, black, link, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, version);
      sqlite3_bind_text (stmt, 2, item->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, item->category, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, item->kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, item->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, item->points);
      sqlite3_bind_int (stmt, 7, item->black ? 1 : 0);
      sqlite3_bind_int (stmt, 8, item->link ? 1 : 0);
      sqlite3_bind_int (stmt, 9, (int) i);
      if (!gt_storage_step_done (storage, stmt, error))
        goto fail;
    }
  if (!gt_storage_commit (storage, error))
    goto fail;
  rules->version = version;
  g_free (rules->created);
  rules->created = g_steal_pointer (&created);
  g_free (rules->note);
  rules->note = g_strdup (note ? note : "");
  gt_storage_emit_changed (storage, "score_rule_sets");
  return TRUE;

fail:
  gt_storage_rollback (storage);
  return FALSE;
}

GtScoreRules *
gt_score_rules_load (GtStorage *storage, gint64 version, GError **error)
{
  g_autoptr (GtScoreRules) rules = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = gt_storage_prepare (storage,
                             "SELECT version, created, note, body FROM score_rule_sets WHERE version = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, version);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        gt_storage_refuse (storage, error, _("there is no version %d of the scoring rules"),
                           (int) version);
      else
        gt_storage_set_error (storage, error, "score rules");
      sqlite3_reset (stmt);
      return NULL;
    }
  rules = rules_new_empty ();
  rules->version = sqlite3_column_int64 (stmt, 0);
  rules->created = GT_COLUMN_TEXT (stmt, 1);
  g_free (rules->note);
  rules->note = GT_COLUMN_TEXT (stmt, 2);
  body = GT_COLUMN_TEXT (stmt, 3);
  sqlite3_reset (stmt);

  if (json_parser_load_from_data (parser, body, -1, &local) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      JsonObject *values = json_object_get_object_member (root, "settings");

      /* Keys added after this version was saved keep their defaults. */
      for (guint i = 0; values != NULL && i < G_N_ELEMENTS (settings); i++)
        if (json_object_has_member (values, settings[i].key))
          rules->values[i] = json_object_get_double_member (values, settings[i].key);
    }

  stmt = gt_storage_prepare (storage,
                             "SELECT code, category, kind, label, points, black, link FROM score_items"
                             " WHERE rule_version = ? ORDER BY sort_order, id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, version);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GtScoreItem *item = g_new0 (GtScoreItem, 1);

      item->code = GT_COLUMN_TEXT (stmt, 0);
      item->category = GT_COLUMN_TEXT (stmt, 1);
      item->kind = GT_COLUMN_TEXT (stmt, 2);
      item->label = GT_COLUMN_TEXT (stmt, 3);
      item->points = sqlite3_column_int (stmt, 4);
      item->black = sqlite3_column_int (stmt, 5) != 0;
      item->link = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (rules->items, item);
    }
  if (rc != SQLITE_DONE)
    {
      gt_storage_set_error (storage, error, "score items");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rules);
}

GtScoreRules *
gt_score_rules_load_current (GtStorage *storage, GError **error)
{
  gint64 version = 0;

  if (!gt_storage_query_int64 (storage,
                               "SELECT coalesce (max (version), 0) FROM score_rule_sets WHERE current = 1",
                               &version, error))
    return NULL;
  if (version == 0)
    {
      g_autoptr (GtScoreRules) rules = gt_score_rules_new_default ();

      if (!gt_score_rules_save (storage, rules, _("default rules"), error))
        return NULL;
      return g_steal_pointer (&rules);
    }
  return gt_score_rules_load (storage, version, error);
}

void
gt_score_rule_version_free (GtScoreRuleVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->created);
  g_free (version->note);
  g_free (version);
}

static gpointer
read_version (sqlite3_stmt *stmt)
{
  GtScoreRuleVersion *version = g_new0 (GtScoreRuleVersion, 1);

  version->version = sqlite3_column_int64 (stmt, 0);
  version->created = GT_COLUMN_TEXT (stmt, 1);
  version->note = GT_COLUMN_TEXT (stmt, 2);
  version->current = sqlite3_column_int (stmt, 3) != 0;
  return version;
}

GPtrArray *
gt_score_rules_list_versions (GtStorage *storage, GError **error)
{
  sqlite3_stmt *stmt = gt_storage_prepare (storage,
                                           "SELECT version, created, note, current FROM score_rule_sets"
                                           " ORDER BY version DESC",
                                           error);

  if (stmt == NULL)
    return NULL;
  return gt_storage_collect (storage, stmt, read_version,
                             (GDestroyNotify) gt_score_rule_version_free, error);
}
