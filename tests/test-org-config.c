/* test-org-config.c — an office's own organisation types and the site-standard checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gt-org.h"
#include "gt-registers.h"
#include "gt-stats.h"
#include "gt-test-demo.h"

typedef GtTestDemo Fixture;

#define count gt_test_count

static gint64
find (Fixture *fx, const char *name)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (gt_org_find (fx->storage, name, &id, &error));
  g_assert_no_error (error);
  return id;
}

static char *
meta (Fixture *fx, const char *key)
{
  return gt_storage_get_meta (fx->storage, key);
}

static void
test_types_builtin (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) types = gt_org_types (fx->storage, &error);
  static const char *const codes[] = { "organ", "rural", "community", "two_new", "school",
                                       "associated", "extended", "joint", "retired", "grid",
                                       "special_town" };
  g_autofree char *code = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (types->len, ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < types->len; i++)
    {
      GtOrgType *t = types->pdata[i];

      g_assert_cmpstr (t->code, ==, codes[i]);
      g_assert_cmpstr (t->label, ==, gt_label_org_type (codes[i]));
      g_assert_false (t->added);
    }
  /* codes and Chinese names resolve, "" is no type, anything else is refused with the list */
  code = gt_org_type_resolve (fx->storage, "特色小镇", &error);
  g_assert_cmpstr (code, ==, "special_town");
  g_clear_pointer (&code, g_free);
  code = gt_org_type_resolve (fx->storage, "rural", &error);
  g_assert_cmpstr (code, ==, "rural");
  g_clear_pointer (&code, g_free);
  code = gt_org_type_resolve (fx->storage, "", &error);
  g_assert_cmpstr (code, ==, "");
  g_clear_pointer (&code, g_free);
  g_assert_null (gt_org_type_resolve (fx->storage, "宗教", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_true (g_str_has_prefix (error->message, fx->path));
  g_assert_nonnull (strstr (error->message, "宗教"));
  g_assert_nonnull (strstr (error->message, "特色小镇"));
}

static void
test_types_added (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) types = NULL;
  g_autofree char *stored = NULL;
  GtOrgSpec spec = { "330822105000", "石雕协会党支部", "党支部", "行业协会", "村", NULL, NULL,
                     "2026-03-01" };
  GtOrgType *last;
  gint64 id = 0;

  /* unknown before it is added */
  g_assert_false (gt_org_add (fx->storage, &spec, &id, &error));
  g_assert_nonnull (strstr (error->message, "行业协会"));
  g_clear_error (&error);

  g_assert_true (gt_org_type_add (fx->storage, "  行业协会 ", &error));
  g_assert_no_error (error);
  g_assert_true (gt_org_type_add (fx->storage, "产业链", &error));
  stored = meta (fx, "org.types");
  g_assert_cmpstr (stored, ==, "行业协会\n产业链");
  types = gt_org_types (fx->storage, &error);
  g_assert_cmpuint (types->len, ==, 13);
  last = types->pdata[11];
  g_assert_cmpstr (last->code, ==, "行业协会");
  g_assert_cmpstr (last->label, ==, "行业协会");
  g_assert_true (last->added);

  /* refused: empty, twice, a built-in name or code, a kind's name, more than one line */
  g_assert_false (gt_org_type_add (fx->storage, "  ", &error));
  g_assert_true (g_str_has_prefix (error->message, fx->path));
  g_clear_error (&error);
  g_assert_false (gt_org_type_add (fx->storage, "行业协会", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_type_add (fx->storage, "两新组织", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_type_add (fx->storage, "rural", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_type_add (fx->storage, "党支部", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_type_add (fx->storage, "甲\n乙", &error));
  g_clear_error (&error);
  g_clear_pointer (&stored, g_free);
  stored = meta (fx, "org.types");
  g_assert_cmpstr (stored, ==, "行业协会\n产业链");

  /* an organisation of the added type: stored and shown as the name itself */
  g_assert_true (gt_org_add (fx->storage, &spec, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations"
                                       " WHERE org_type = '行业协会'"), ==, 1);
  g_assert_cmpstr (gt_label_org_type ("行业协会"), ==, "行业协会");
  /* the overview's branches by type: the key carries the name */
  {
    g_autoptr (GArray) stats = gt_stats_collect (fx->storage, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gt_stats_get (stats, "type_行业协会"), ==, 1);
    g_assert_cmpint (gt_stats_get (stats, "type_rural"), ==, 4);
  }

  /* removing: refused for built-in and unknown types and while in use */
  g_assert_false (gt_org_type_remove (fx->storage, "农村", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_type_remove (fx->storage, "宗教", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_type_remove (fx->storage, "行业协会", &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);
  g_assert_true (gt_org_type_remove (fx->storage, "产业链", &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_free);
  stored = meta (fx, "org.types");
  g_assert_cmpstr (stored, ==, "行业协会");

  /* once no organisation has it, it can go */
  g_assert_true (gt_org_set_type (fx->storage, id, "两新", NULL, &error));
  g_assert_true (gt_org_type_remove (fx->storage, "行业协会", &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_free);
  stored = meta (fx, "org.types");
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&types, g_ptr_array_unref);
  types = gt_org_types (fx->storage, &error);
  g_assert_cmpuint (types->len, ==, 11);
}

static void
test_set_type (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  gint64 id = find (fx, "青石村党支部");
  gint64 before;
  GtOrgEvent *e;

  g_assert_true (gt_org_type_add (fx->storage, "赏石产业", &error));
  g_assert_true (gt_org_set_type (fx->storage, id, "赏石产业", "2026-04-01", &error));
  g_assert_no_error (error);
  g_assert_true (gt_org_set_type (fx->storage, id, "community", "2026-04-02", &error));
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations"
                                       " WHERE name = '青石村党支部' AND org_type = 'community'"), ==, 1);
  events = gt_org_history (fx->storage, id, &error);
  g_assert_cmpuint (events->len, ==, 3);
  e = events->pdata[1];
  g_assert_cmpstr (e->kind, ==, "changed");
  g_assert_cmpstr (e->date, ==, "2026-04-01");
  g_assert_cmpstr (e->old_value, ==, "rural");
  g_assert_cmpstr (e->new_value, ==, "赏石产业");
  g_assert_true (gt_org_event_is_type_change (e));
  e = events->pdata[2];
  g_assert_cmpstr (e->old_value, ==, "赏石产业");
  g_assert_cmpstr (e->new_value, ==, "community");
  g_assert_true (gt_org_event_is_type_change (e));
  g_assert_false (gt_org_event_is_type_change (events->pdata[0]));

  /* a kind change is still told apart (its members move to a new branch under it) */
  g_assert_true (gt_org_set_kind_moving_members (fx->storage, id, "党总支", NULL, NULL,
                                                 "青石村第一党支部", TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = gt_org_history (fx->storage, id, &error);
  g_assert_false (gt_org_event_is_type_change (events->pdata[3]));

  /* refused, nothing written: unknown type, the same type, bad date, no such organisation */
  before = count (fx->storage, "SELECT count(*) FROM org_events");
  g_assert_false (gt_org_set_type (fx->storage, id, "宗教", NULL, &error));
  g_assert_nonnull (strstr (error->message, "赏石产业"));
  g_clear_error (&error);
  g_assert_false (gt_org_set_type (fx->storage, id, "社区", NULL, &error));
  g_clear_error (&error);
  g_assert_false (gt_org_set_type (fx->storage, id, "农村", "2026-02-30", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_set_type (fx->storage, 99999, "农村", NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM org_events"), ==, before);

  /* no type at all */
  g_assert_true (gt_org_set_type (fx->storage, id, "", NULL, &error));
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM organizations"
                                       " WHERE name = '青石村党支部' AND org_type = ''"), ==, 1);
}

static void
test_checklist_items (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) items = gt_org_checklist_items (fx->storage);
  g_autofree char *stored = NULL;
  const char *const mine[] = { "有阵地", " 有队伍 ", "有制度", NULL };
  const char *const twice[] = { "有阵地", "有阵地", NULL };
  const char *const blank[] = { "有阵地", "", NULL };
  const char *const none[] = { NULL };

  /* the defaults while nothing is set */
  g_assert_cmpuint (g_strv_length (items), ==, 5);
  g_assert_cmpstr (items[0], ==, "有组织");
  g_assert_cmpstr (items[4], ==, "有成效");
  g_assert_null (meta (fx, "org.checklist"));

  g_assert_true (gt_org_checklist_set_items (fx->storage, mine, &error));
  g_assert_no_error (error);
  stored = meta (fx, "org.checklist");
  g_assert_cmpstr (stored, ==, "有阵地\n有队伍\n有制度");
  g_clear_pointer (&items, g_strfreev);
  items = gt_org_checklist_items (fx->storage);
  g_assert_cmpuint (g_strv_length (items), ==, 3);
  g_assert_cmpstr (items[1], ==, "有队伍");

  g_assert_false (gt_org_checklist_set_items (fx->storage, twice, &error));
  g_assert_true (g_str_has_prefix (error->message, fx->path));
  g_assert_nonnull (strstr (error->message, "有阵地"));
  g_clear_error (&error);
  g_assert_false (gt_org_checklist_set_items (fx->storage, blank, &error));
  g_clear_error (&error);
  g_assert_false (gt_org_checklist_set_items (fx->storage, none, &error));
  g_clear_error (&error);
  g_clear_pointer (&stored, g_free);
  stored = meta (fx, "org.checklist");
  g_assert_cmpstr (stored, ==, "有阵地\n有队伍\n有制度");
}

static void
test_checklist_ticks (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *today = gt_today ();
  gint64 id = find (fx, "青石村党支部"), other = find (fx, "砚瓦山村党支部");
  gint64 met = -1, total = -1, before;
  GtOrgChecklistEntry *entry;

  list = gt_org_checklist (fx->storage, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  entry = list->pdata[0];
  g_assert_cmpstr (entry->item, ==, "有组织");
  g_assert_null (entry->done_date);

  g_assert_true (gt_org_checklist_tick (fx->storage, id, "有组织", "2026-01-05", &error));
  g_assert_no_error (error);
  g_assert_true (gt_org_checklist_tick (fx->storage, id, "有场所", NULL, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = gt_org_checklist (fx->storage, id, &error);
  g_assert_cmpstr (((GtOrgChecklistEntry *) list->pdata[0])->done_date, ==, "2026-01-05");
  g_assert_cmpstr (((GtOrgChecklistEntry *) list->pdata[1])->done_date, ==, today);
  g_assert_null (((GtOrgChecklistEntry *) list->pdata[2])->done_date);
  /* ticking again moves the date */
  g_assert_true (gt_org_checklist_tick (fx->storage, id, "有组织", "2026-01-06", &error));
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM org_checklist"
                                       " WHERE done_date = '2026-01-06'"), ==, 1);

  /* refused, nothing written: unknown item, future or bad date, no such organisation */
  before = count (fx->storage, "SELECT count(*) FROM org_checklist");
  g_assert_false (gt_org_checklist_tick (fx->storage, id, "有钱", NULL, &error));
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "有成效"));
  g_clear_error (&error);
  g_assert_false (gt_org_checklist_tick (fx->storage, id, "有制度", "2999-01-01", &error));
  g_assert_nonnull (strstr (error->message, "2999-01-01"));
  g_clear_error (&error);
  g_assert_false (gt_org_checklist_tick (fx->storage, id, "有制度", "2026-13-01", &error));
  g_clear_error (&error);
  g_assert_false (gt_org_checklist_tick (fx->storage, 99999, "有制度", NULL, &error));
  g_clear_error (&error);
  g_assert_false (gt_org_checklist_untick (fx->storage, id, "有制度", &error));
  g_assert_nonnull (strstr (error->message, "有制度"));
  g_clear_error (&error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM org_checklist"), ==, before);

  g_assert_true (gt_org_checklist_untick (fx->storage, id, "有场所", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx->storage, "SELECT count(*) FROM org_checklist"), ==, before - 1);

  /* the count: 12 branches, none meets all five, then one does, then two */
  g_assert_true (gt_org_checklist_count (fx->storage, NULL, &met, &total, &error));
  g_assert_cmpint (total, ==, 12);
  g_assert_cmpint (met, ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_auto (GStrv) items = gt_org_checklist_items (fx->storage);
      g_assert_true (gt_org_checklist_tick (fx->storage, id, items[i], NULL, &error));
      g_assert_true (gt_org_checklist_tick (fx->storage, other, items[i], NULL, &error));
    }
  g_assert_true (gt_org_checklist_count (fx->storage, "党支部", &met, &total, &error));
  g_assert_cmpint (met, ==, 2);
  g_assert_cmpint (total, ==, 12);
  g_assert_true (gt_org_checklist_count (fx->storage, "党委", &met, &total, &error));
  g_assert_cmpint (met, ==, 0);
  g_assert_cmpint (total, ==, 1);
  g_assert_false (gt_org_checklist_count (fx->storage, "党组", &met, &total, &error));
  g_clear_error (&error);

  /* a sixth item: nobody meets it yet; taken off again, the earlier ticks count again */
  {
    const char *const six[] = { "有组织", "有场所", "有制度", "有活动", "有成效", "有台账", NULL };
    const char *const five[] = { "有组织", "有场所", "有制度", "有活动", "有成效", NULL };

    g_assert_true (gt_org_checklist_set_items (fx->storage, six, &error));
    g_assert_true (gt_org_checklist_count (fx->storage, NULL, &met, &total, &error));
    g_assert_cmpint (met, ==, 0);
    g_assert_true (gt_org_checklist_set_items (fx->storage, five, &error));
    g_assert_true (gt_org_checklist_count (fx->storage, NULL, &met, &total, &error));
    g_assert_cmpint (met, ==, 2);
  }
  g_assert_no_error (error);
}

/* Every change announces itself as a change of the organisations, once. */
static void
changed_cb (GtStorage *storage, const char *table, int *n)
{
  (*n)++;
}

static void
test_changed_signal (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *const items[] = { "有组织", "有场所", NULL };
  gint64 id = find (fx, "青石村党支部");
  int n = 0;

  g_signal_connect (fx->storage, "changed::organizations", G_CALLBACK (changed_cb), &n);
  g_assert_true (gt_org_type_add (fx->storage, "产业链", &error));
  g_assert_true (gt_org_set_type (fx->storage, id, "产业链", NULL, &error));
  g_assert_true (gt_org_set_type (fx->storage, id, "农村", NULL, &error));
  g_assert_true (gt_org_type_remove (fx->storage, "产业链", &error));
  g_assert_true (gt_org_checklist_set_items (fx->storage, items, &error));
  g_assert_true (gt_org_checklist_tick (fx->storage, id, "有场所", NULL, &error));
  g_assert_true (gt_org_checklist_untick (fx->storage, id, "有场所", &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 7);
  /* refusals announce nothing */
  g_assert_false (gt_org_checklist_untick (fx->storage, id, "有场所", &error));
  g_clear_error (&error);
  g_assert_cmpint (n, ==, 7);
  g_signal_handlers_disconnect_by_func (fx->storage, changed_cb, &n);
}

#define ADD(name, func) \
  g_test_add ("/org-config/" name, Fixture, GUINT_TO_POINTER (3), gt_test_demo_setup, func, \
              gt_test_demo_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("types-builtin", test_types_builtin);
  ADD ("types-added", test_types_added);
  ADD ("set-type", test_set_type);
  ADD ("checklist-items", test_checklist_items);
  ADD ("checklist-ticks", test_checklist_ticks);
  ADD ("changed-signal", test_changed_signal);

  return g_test_run ();
}
