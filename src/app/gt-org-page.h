/* gt-org-page.h — the "org" area of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_ORG_PAGE (gt_org_page_get_type ())
G_DECLARE_FINAL_TYPE (GtOrgPage, gt_org_page, GT, ORG_PAGE, GtkBox)

G_END_DECLS
