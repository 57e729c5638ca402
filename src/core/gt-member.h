/* gt-member.h — one member's full record and life-cycle history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-storage.h"

G_BEGIN_DECLS

typedef struct
{
  char *kind;     /* admission, full_membership, transfer_in, transfer_out, suspension, exit, death */
  char *date;     /* YYYY-MM-DD */
  char *org_name; /* the organisation the event happened in, or NULL */
  char *detail;
} GtMemberEvent;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char gender;
  char *ethnicity;
  char *id_number;
  char *phone;
  char *education;
  char *occupation;
  char *birth_date;
  char *join_date;
  char *full_date;
  char *category;
  char *status;
  char *org_name;
  char *org_code;
  gint64 n_links;
  GPtrArray *events; /* of GtMemberEvent, oldest first */
} GtMemberRecord;

void gt_member_record_free (GtMemberRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtMemberRecord, gt_member_record_free)

/* Looks a member up by database id (digits only, shorter than 15) or by ID number.
 * Returns NULL with GT_STORAGE_ERROR_CONSTRAINT when no member matches. */
GtMemberRecord *gt_member_lookup (GtStorage *storage, const char *key, GError **error);

/* The state that follows from the events, oldest first: @status is active, suspended,
 * transferred_out, exited or deceased; @category is probationary or full (NULL before
 * admission). The stored columns are a cache of this. */
void gt_member_state_from_events (GPtrArray *events, const char **status, const char **category);

const char *gt_label_member_event (const char *kind);
const char *gt_label_member_status (const char *status);

G_END_DECLS
