/* gt-schema-exchange.c — schema step 9: exchange keys, trust list, import ledger, tombstones, tasks
 *
 * Each area owns its schema step in its own file; gt-schema.c chains them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

const char gt_schema_v9_exchange[] =
  /* reserved: this area's tables go here */
  "SELECT 1;";
