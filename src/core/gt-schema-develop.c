/* gt-schema-develop.c — schema step 10: member development pipeline, transfer letters
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v10_develop[] =
  /* reserved: this area's tables go here */
  "SELECT 1;";
