/* gt-project-page.h — the "project" area of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_PROJECT_PAGE (gt_project_page_get_type ())
G_DECLARE_FINAL_TYPE (GtProjectPage, gt_project_page, GT, PROJECT_PAGE, GtkBox)

G_END_DECLS
