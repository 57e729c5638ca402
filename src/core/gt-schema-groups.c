/* gt-schema-groups.c — schema step 19: members in Party groups (党小组)
 *
 * A member's organisation (org_id) stays their 党支部, which keeps their record; group_id
 * places them, optionally, in one of that branch's 党小组. The triggers keep the place
 * valid whoever changes it:
 * - a group set on an existing member must be a 党小组, not archived, whose parent is the
 *   member's branch. Not on INSERT: a BEFORE INSERT trigger, even one whose WHEN is false,
 *   cost the roster import 20 % more instructions (20 000 rows: 2.79 → 3.35 G, callgrind);
 *   the writers that insert members check the group themselves (gt_member_add () through
 *   gt_member_check_group (), the roster against the groups it reads once);
 * - a member whose branch changes (a transfer) leaves the group;
 * - when a group is archived, moved, or is no longer a 党小组, its members fall back to
 *   the branch alone; when it is deleted, the foreign key does the same.
 * Members registered directly with a 党小组 before this step (allowed since step 1) move to
 * its branch and into the group, so a branch's roster holds all of its members.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gt-schema-private.h"

#define VALID_GROUP(ref) \
  "EXISTS (SELECT 1 FROM organizations g WHERE g.id = " ref ".group_id AND g.kind = 'group'" \
  " AND g.archived = 0 AND g.parent_id = " ref ".org_id)"

const char gt_schema_v19_groups[] =
  "ALTER TABLE members ADD COLUMN group_id INTEGER"
  "  REFERENCES organizations (id) ON DELETE SET NULL;"
  "UPDATE members SET group_id = org_id, rev = rev + 1,"
  "  org_id = (SELECT parent_id FROM organizations WHERE id = members.org_id)"
  " WHERE org_id IN (SELECT g.id FROM organizations g JOIN organizations b"
  "  ON b.id = g.parent_id WHERE g.kind = 'group' AND b.kind = 'branch');"
  /* Counting a group's active members reads this index alone; the other members (nearly
   * all of a large roster, which has no groups) are not in it. */
  "CREATE INDEX members_group ON members (group_id, status) WHERE group_id IS NOT NULL;"
  "CREATE TRIGGER members_group_update BEFORE UPDATE OF group_id ON members"
  " WHEN new.group_id IS NOT NULL AND NOT " VALID_GROUP ("new")
  " BEGIN SELECT RAISE (ABORT, 'a member''s party group must be a group of their branch'); END;"
  "CREATE TRIGGER members_group_transfer AFTER UPDATE OF org_id ON members"
  " WHEN new.group_id IS NOT NULL AND new.org_id IS NOT old.org_id"
  " BEGIN UPDATE members SET group_id = NULL WHERE id = new.id; END;"
  "CREATE TRIGGER organizations_group_fallback AFTER UPDATE OF archived, kind, parent_id"
  " ON organizations WHEN old.kind = 'group' AND (new.archived <> 0 OR new.kind <> 'group'"
  "  OR new.parent_id IS NOT old.parent_id)"
  " BEGIN UPDATE members SET group_id = NULL, rev = rev + 1,"
  "  mtime = strftime ('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE group_id = old.id; END;";
