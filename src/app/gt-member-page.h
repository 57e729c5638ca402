/* gt-member-page.h — the "member" area of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-page.h"

G_BEGIN_DECLS

#define GT_TYPE_MEMBER_PAGE (gt_member_page_get_type ())
G_DECLARE_FINAL_TYPE (GtMemberPage, gt_member_page, GT, MEMBER_PAGE, GtkBox)

/* ux: whether numbers start revealed follows Preferences (mask-personal-data, inverted); the
 * check box still reveals them for the moment without changing the preference. */
void gt_member_page_bind_mask_setting (GtMemberPage *self, GSettings *settings);

G_END_DECLS
