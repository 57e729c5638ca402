/* gt-roster-private.h — what gt-roster.c and gt-roster-write.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gt-roster.h"

G_BEGIN_DECLS

/* One checked row of a roster, ready to insert. */
struct _GtRosterRow
{
  guint line;
  gboolean valid;
  char *name;
  char gender;
  char *ethnicity;
  char *id_number; /* NULL when not given */
  char *phone;
  char *education;
  char *occupation;
  char *birth_date;
  char *join_date;
  char *full_date;
  const char *category;
  gint64 org_id;
};

/* The organisation (not archived) whose code or name is @text; GT_ROSTER_ERROR_UNKNOWN_ORG
 * when there is none, or when several share the name. */
gboolean gt_roster_find_org (GtStorage *storage, const char *text, gint64 *id, GError **error);

/* The field codes in the order of the Field enum of gt-roster.c, then "ignore". */
const char *gt_roster_field_code (guint index);
int gt_roster_field_index (const char *code);

G_END_DECLS
