/* gt-member-private.h — member writes that only other parts of the core may make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-member.h"

G_BEGIN_DECLS

/* Records member @id's transfer_out event (checked as gt_member_record_event () checks
 * events), in a savepoint of the caller's transaction. Only gt_transfer_out () calls it,
 * with the 组织关系介绍信 it issues: the public gt_member_record_event () refuses a bare
 * transfer out. @date NULL: today. */
gboolean gt_member_record_transfer_out (GtStorage *storage, gint64 id, const char *date,
                                        const char *detail, GError **error);

G_END_DECLS
