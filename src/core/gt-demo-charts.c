/* gt-demo-charts.c — the demo township's wall-chart settings: the responsible leader in the
 * title block and the goal at the root of the work guide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-demo.h"

gboolean
gt_demo_charts_build (GtStorage *storage, GError **error)
{
  return gt_storage_set_meta (storage, "chart.leader", "杨双", error)
         && gt_storage_set_meta (storage, "chart.goal", "“双全”示范创建：项目按节点推进、逐项销号",
                                 error);
}
