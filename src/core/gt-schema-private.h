/* gt-schema-private.h — schema steps that live in their own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

extern const char gt_schema_v6_life[];
extern const char gt_schema_v7_scoring[];
extern const char gt_schema_v8_projects[];
extern const char gt_schema_v9_exchange[];
extern const char gt_schema_v10_develop[];
extern const char gt_schema_v11_audit[];
extern const char gt_schema_v13_exchange_life[];
extern const char gt_schema_v14_created[];
extern const char gt_schema_v18_task_withdrawal[];
extern const char gt_schema_v19_groups[];
