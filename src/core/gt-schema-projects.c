/* gt-schema-projects.c — schema step 8: project library details, supervision, chart positions and baselines
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v8_projects[] =
  /* reserved: this area's tables go here */
  "SELECT 1;";
