/* gt-schema-scoring.c — schema step 7: points, ratings, red/black lists, fortress index and versioned rules
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v7_scoring[] =
  /* reserved: this area's tables go here */
  "SELECT 1;";
