/* fuzz-rules.c — the scoring rules file (a county's JSON) on any bytes: a file is either
 * refused with a message naming it, or read into rules whose every number is in its range
 * and which write back to a file that reads the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "gt-score-rules.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  FUZZ_SETUP ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtScoreRules) rules = NULL, again = NULL;
  g_autofree char *json = NULL, *json_again = NULL;
  const GtScoreSetting *settings;
  guint n_settings;

  rules = gt_score_rules_from_json ((const char *) data, size, "rules.json", &error);
  if (rules == NULL)
    {
      if (error == NULL || strstr (error->message, "rules.json") == NULL)
        FUZZ_FAIL ("a refused file without a message naming it");
      return 0;
    }
  if (error != NULL)
    FUZZ_FAIL ("rules and an error");

  settings = gt_score_settings (&n_settings);
  for (guint i = 0; i < n_settings; i++)
    if (!(rules->values[i] >= settings[i].min && rules->values[i] <= settings[i].max))
      FUZZ_FAIL ("a setting out of its range");
  for (guint i = 0; i < rules->items->len; i++)
    {
      const GtScoreItem *item = rules->items->pdata[i];
      if (item->code == NULL || item->label == NULL || !g_utf8_validate (item->label, -1, NULL))
        FUZZ_FAIL ("an item without a code or with a label that is not UTF-8");
    }

  /* What was accepted writes back and reads the same. */
  json = gt_score_rules_to_json (rules);
  again = gt_score_rules_from_json (json, -1, "again.json", &error);
  if (again == NULL)
    FUZZ_FAIL ("accepted rules that do not read back");
  json_again = gt_score_rules_to_json (again);
  if (strcmp (json, json_again) != 0)
    FUZZ_FAIL ("rules that change on a round trip");
  return 0;
}
