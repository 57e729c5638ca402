/* gt-schema-life.c — schema step 6: organisational life (三会一课) and dues
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v6_life[] =
  /* reserved: this area's tables go here */
  "SELECT 1;";
