/* test-member-flags.c — a member's flags and posts: mobility with place and contact, lost
 * contact, elderly or frail, employment, 一员七职 and the A/B linking post; every refusal
 * leaves the database as it was; the member list's filters see the flags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gt-demo.h"
#include "gt-member.h"
#include "gt-registers.h"
#include "gt-test-demo.h"

typedef GtTestDemo Fixture;
#define query gt_test_count

/* A digest of every column of every member, to see that a refusal wrote nothing. */
static char *
members_digest (GtStorage *storage)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (gt_storage_get_db (storage),
                                       "SELECT * FROM members ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, i);

        g_checksum_update (sum, (const guchar *) (text != NULL ? text : "\1NULL"), -1);
        g_checksum_update (sum, (const guchar *) "\t", 1);
      }
  sqlite3_finalize (stmt);
  return g_strdup (g_checksum_get_string (sum));
}

static GtMemberFlags *
get_flags (Fixture *fx, gint64 id)
{
  g_autoptr (GError) error = NULL;
  GtMemberFlags *flags = gt_member_get_flags (fx->storage, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flags);
  return flags;
}

/* Flags of a member who is not mobile, with no posts: the defaults of a new member. */
static GtMemberFlags *
plain_flags (void)
{
  GtMemberFlags *flags = g_new0 (GtMemberFlags, 1);

  flags->mobility = g_strdup ("none");
  flags->place = g_strdup ("");
  flags->contact = g_strdup ("");
  flags->employment = g_strdup ("");
  flags->posts = g_new0 (char *, 1);
  flags->link_post = g_strdup ("A");
  return flags;
}

static void
set_ok (Fixture *fx, gint64 id, const GtMemberFlags *flags)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (gt_member_set_flags (fx->storage, id, flags, &error));
  g_assert_no_error (error);
}

static void
changed_cb (GtStorage *storage, const char *table, gpointer data)
{
  (*(int *) data)++;
}

static void
test_defaults (Fixture *fx, gconstpointer data)
{
  g_autoptr (GtMemberFlags) flags = get_flags (fx, 1);
  const char *const *codes = gt_member_post_codes ();

  g_assert_cmpstr (flags->mobility, ==, "none");
  g_assert_cmpstr (flags->place, ==, "");
  g_assert_cmpstr (flags->contact, ==, "");
  g_assert_false (flags->lost_contact);
  g_assert_false (flags->frail);
  g_assert_cmpstr (flags->employment, ==, "");
  g_assert_nonnull (flags->posts);
  g_assert_cmpuint (g_strv_length (flags->posts), ==, 0);
  g_assert_cmpstr (flags->link_post, ==, "A");

  /* the seven posts of 一员七职, each with its own label */
  g_assert_cmpuint (g_strv_length ((GStrv) codes), ==, 7);
  g_assert_cmpstr (codes[0], ==, "opinion_surveyor");
  g_assert_cmpstr (codes[6], ==, "democratic_supervisor");
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_assert_cmpstr (gt_label_member_post (codes[i]), !=, codes[i]);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (gt_label_member_post (codes[i]), !=, gt_label_member_post (codes[j]));
    }
  g_assert_cmpstr (gt_label_member_post ("tea_taster"), ==, "tea_taster");
  g_assert_cmpstr (gt_label_member_mobility ("out"), !=, "out");
  g_assert_cmpstr (gt_label_member_employment ("retired"), !=, "retired");
  g_assert_cmpstr (gt_label_link_post ("B"), !=, "B");
}

static void
test_set (Fixture *fx, gconstpointer data)
{
  g_autoptr (GtMemberFlags) flags = plain_flags ();
  g_autoptr (GtMemberFlags) got = NULL;
  g_autoptr (GtMemberRecord) before = NULL, after = NULL;
  g_autofree char *other_before = NULL;
  const char *posts[] = { "safety_assistant", "opinion_surveyor", "safety_assistant", NULL };
  gint64 rev_before = query (fx->storage, "SELECT rev FROM members WHERE id = 3");
  int changed = 0;

  before = gt_member_lookup (fx->storage, "3", NULL);
  other_before = members_digest (fx->storage);
  g_signal_connect (fx->storage, "changed::members", G_CALLBACK (changed_cb), &changed);

  g_free (flags->mobility);
  flags->mobility = g_strdup ("out");
  g_free (flags->place);
  flags->place = g_strdup ("  浙江省杭州市余杭区  ");
  g_free (flags->contact);
  flags->contact = g_strdup ("微信 qs-wang");
  flags->lost_contact = TRUE;
  flags->frail = TRUE;
  g_free (flags->employment);
  flags->employment = g_strdup ("retired");
  g_strfreev (flags->posts);
  flags->posts = g_strdupv ((GStrv) posts);
  g_free (flags->link_post);
  flags->link_post = g_strdup ("b");
  set_ok (fx, 3, flags);
  g_assert_cmpint (changed, ==, 1);

  got = get_flags (fx, 3);
  g_assert_cmpstr (got->mobility, ==, "out");
  g_assert_cmpstr (got->place, ==, "浙江省杭州市余杭区"); /* trimmed */
  g_assert_cmpstr (got->contact, ==, "微信 qs-wang");
  g_assert_true (got->lost_contact);
  g_assert_true (got->frail);
  g_assert_cmpstr (got->employment, ==, "retired");
  /* each post once, in the fixed order */
  g_assert_cmpuint (g_strv_length (got->posts), ==, 2);
  g_assert_cmpstr (got->posts[0], ==, "opinion_surveyor");
  g_assert_cmpstr (got->posts[1], ==, "safety_assistant");
  g_assert_cmpint (query (fx->storage, "SELECT posts = 'opinion_surveyor,safety_assistant'"
                                       " FROM members WHERE id = 3"), ==, 1);
  g_assert_cmpstr (got->link_post, ==, "B");

  /* a new revision; the rest of the record and the other members are untouched */
  g_assert_cmpint (query (fx->storage, "SELECT rev FROM members WHERE id = 3"), ==,
                   rev_before + 1);
  g_assert_cmpint (query (fx->storage, "SELECT count(*) FROM members WHERE id <> 3 AND rev > 1"),
                   ==, 0);
  after = gt_member_lookup (fx->storage, "3", NULL);
  g_assert_cmpstr (after->name, ==, before->name);
  g_assert_cmpstr (after->status, ==, before->status);
  g_assert_cmpuint (after->events->len, ==, before->events->len);

  /* the same flags again change nothing: no revision, no signal */
  set_ok (fx, 3, flags);
  g_assert_cmpint (query (fx->storage, "SELECT rev FROM members WHERE id = 3"), ==,
                   rev_before + 1);
  g_assert_cmpint (changed, ==, 1);

  /* 流入: an in-coming member, where from, without a contact */
  g_free (flags->mobility);
  flags->mobility = g_strdup ("in");
  g_free (flags->place);
  flags->place = g_strdup ("江西省上饶市");
  g_free (flags->contact);
  flags->contact = g_strdup ("");
  set_ok (fx, 3, flags);
  g_clear_pointer (&got, gt_member_flags_free);
  got = get_flags (fx, 3);
  g_assert_cmpstr (got->mobility, ==, "in");
  g_assert_cmpstr (got->place, ==, "江西省上饶市");
  g_assert_cmpstr (got->contact, ==, "");
  g_assert_cmpint (changed, ==, 2);

  /* back home: not mobile, place and contact cleared, no posts, employed, A */
  g_clear_pointer (&flags, gt_member_flags_free);
  flags = plain_flags ();
  g_free (flags->employment);
  flags->employment = g_strdup ("employed");
  set_ok (fx, 3, flags);
  g_clear_pointer (&got, gt_member_flags_free);
  got = get_flags (fx, 3);
  g_assert_cmpstr (got->mobility, ==, "none");
  g_assert_cmpstr (got->place, ==, "");
  g_assert_cmpuint (g_strv_length (got->posts), ==, 0);
  g_assert_cmpstr (got->employment, ==, "employed");
  g_assert_cmpstr (got->link_post, ==, "A");
  g_assert_cmpint (query (fx->storage, "SELECT rev FROM members WHERE id = 3"), ==,
                   rev_before + 3);

  /* all seven posts, and no employment recorded */
  g_strfreev (flags->posts);
  flags->posts = g_strdupv ((GStrv) gt_member_post_codes ());
  g_free (flags->employment);
  flags->employment = g_strdup ("");
  set_ok (fx, 3, flags);
  g_clear_pointer (&got, gt_member_flags_free);
  got = get_flags (fx, 3);
  g_assert_true (g_strv_equal ((const char *const *) got->posts, gt_member_post_codes ()));
  g_assert_cmpstr (got->employment, ==, "");

  /* NULL strings mean none, no posts and no employment; the linking post stays required */
  {
    GtMemberFlags bare = { .link_post = "A" };

    set_ok (fx, 3, &bare);
    g_clear_pointer (&got, gt_member_flags_free);
    got = get_flags (fx, 3);
    g_assert_cmpstr (got->mobility, ==, "none");
    g_assert_cmpuint (g_strv_length (got->posts), ==, 0);
  }
  {
    g_autofree char *other_after = members_digest (fx->storage);
    g_assert_cmpstr (other_after, !=, other_before);
  }
}

static void
assert_refused (Fixture *fx, gint64 id, const GtMemberFlags *flags, const char *part)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = members_digest (fx->storage), *after = NULL;
  int changes = sqlite3_total_changes (gt_storage_get_db (fx->storage));
  int changed = 0;
  gulong handler = g_signal_connect (fx->storage, "changed", G_CALLBACK (changed_cb), &changed);

  g_assert_false (gt_member_set_flags (fx->storage, id, flags, &error));
  g_signal_handler_disconnect (fx->storage, handler);
  g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
  g_test_message ("refused: %s", error->message);
  /* the message starts with the database and says why */
  g_assert_true (g_str_has_prefix (error->message, fx->path));
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, part);
  after = members_digest (fx->storage);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sqlite3_total_changes (gt_storage_get_db (fx->storage)), ==, changes);
  g_assert_cmpint (changed, ==, 0);
  g_assert_true (sqlite3_get_autocommit (gt_storage_get_db (fx->storage)));
}

static void
test_refused (Fixture *fx, gconstpointer data)
{
  g_autoptr (GtMemberFlags) flags = plain_flags ();
  g_autoptr (GtMemberFlags) mobile = plain_flags ();
  const char *bad_posts[] = { "opinion_surveyor", "tea_taster", NULL };
  const char *blank_post[] = { "", NULL };

  /* a member with flags already set, so a refusal has something to keep */
  g_free (mobile->mobility);
  mobile->mobility = g_strdup ("out");
  g_free (mobile->place);
  mobile->place = g_strdup ("上海市浦东新区");
  mobile->frail = TRUE;
  set_ok (fx, 5, mobile);

#define TRY(field, value, part)                                                                  \
  G_STMT_START                                                                                   \
  {                                                                                              \
    g_autoptr (GtMemberFlags) f = get_flags (fx, 5);                                             \
    g_free (f->field);                                                                           \
    f->field = g_strdup (value);                                                                 \
    assert_refused (fx, 5, f, part);                                                             \
  }                                                                                              \
  G_STMT_END

  TRY (mobility, "away", "unknown mobility");
  TRY (mobility, "OUT", "unknown mobility");
  TRY (place, "", "needs the place");
  TRY (place, "  \t ", "needs the place");
  TRY (employment, "student", "unknown employment");
  TRY (link_post, "C", "unknown linking post");
  TRY (link_post, "AB", "unknown linking post");
  TRY (link_post, "", "unknown linking post");
  TRY (link_post, NULL, "unknown linking post");
#undef TRY

  /* going home while keeping a place or a contact */
  g_free (flags->place);
  flags->place = g_strdup ("上海市浦东新区");
  assert_refused (fx, 5, flags, "only a mobile member");
  g_free (flags->place);
  flags->place = g_strdup ("");
  g_free (flags->contact);
  flags->contact = g_strdup ("13800001234");
  assert_refused (fx, 5, flags, "only a mobile member");
  g_free (flags->contact);
  flags->contact = g_strdup ("");

  /* posts: one unknown code refuses the whole change */
  g_strfreev (flags->posts);
  flags->posts = g_strdupv ((GStrv) bad_posts);
  assert_refused (fx, 5, flags, "unknown post “tea_taster”");
  g_strfreev (flags->posts);
  flags->posts = g_strdupv ((GStrv) blank_post);
  assert_refused (fx, 5, flags, "unknown post");
  g_strfreev (flags->posts);
  flags->posts = g_new0 (char *, 1);

  /* a member who does not exist */
  assert_refused (fx, 999999, flags, "999999");
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (gt_member_get_flags (fx->storage, 999999, &error));
    g_assert_error (error, GT_STORAGE_ERROR, GT_STORAGE_ERROR_CONSTRAINT);
    g_assert_true (g_str_has_prefix (error->message, fx->path));
  }

  /* what was set before is still there */
  {
    g_autoptr (GtMemberFlags) got = get_flags (fx, 5);
    g_assert_cmpstr (got->mobility, ==, "out");
    g_assert_cmpstr (got->place, ==, "上海市浦东新区");
    g_assert_true (got->frail);
  }
  /* and the same flags, valid, still go in */
  set_ok (fx, 5, flags);
}

static gint64
count_flag (Fixture *fx, GtMemberFlag flag)
{
  g_autoptr (GError) error = NULL;
  GtMemberFilter filter = { .flag = flag };
  g_autoptr (GPtrArray) found = NULL;
  gint64 n = -1;

  g_assert_true (gt_member_count (fx->storage, NULL, &filter, 0, &n, &error));
  g_assert_no_error (error);
  /* the list shows the same members as the count */
  found = gt_member_search (fx->storage, NULL, &filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->len, ==, n);
  return n;
}

static void
test_filters (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberFlags) out = plain_flags (), in = plain_flags (), frail = plain_flags ();
  g_autoptr (GtMemberFlags) lost = plain_flags (), plain = plain_flags ();
  GtMemberFilter mobile = { .flag = GT_MEMBER_FLAG_MOBILE };
  g_autoptr (GPtrArray) found = NULL;
  gint64 n = 0;

  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_ANY), ==, 215);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_MOBILE), ==, 0);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_LOST_CONTACT), ==, 0);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_FRAIL), ==, 0);

  g_free (out->mobility);
  out->mobility = g_strdup ("out");
  g_free (out->place);
  out->place = g_strdup ("广东省深圳市");
  g_free (in->mobility);
  in->mobility = g_strdup ("in");
  g_free (in->place);
  in->place = g_strdup ("安徽省黄山市");
  frail->frail = TRUE;
  lost->lost_contact = TRUE;
  out->lost_contact = TRUE; /* gone out and not heard of since */

  set_ok (fx, 10, out);
  set_ok (fx, 11, in);
  set_ok (fx, 12, frail);
  set_ok (fx, 13, frail);
  set_ok (fx, 14, lost);

  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_MOBILE), ==, 2);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_LOST_CONTACT), ==, 2);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_FRAIL), ==, 2);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_ANY), ==, 215);
  found = gt_member_search (fx->storage, NULL, &mobile, 0, 0, &error);
  g_assert_cmpint (((GtMember *) found->pdata[0])->id, ==, 10);
  g_assert_cmpint (((GtMember *) found->pdata[1])->id, ==, 11);

  /* with a search text: the flag narrows what the text finds */
  {
    g_autoptr (GtMemberRecord) r = gt_member_lookup (fx->storage, "10", &error);
    g_assert_true (gt_member_count (fx->storage, r->name, &mobile, 0, &n, &error));
    g_assert_cmpint (n, >=, 1);
  }

  /* back home, found again: the flags come off the lists */
  set_ok (fx, 10, lost);
  set_ok (fx, 12, in);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_MOBILE), ==, 2);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_LOST_CONTACT), ==, 2);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_FRAIL), ==, 1);
  for (gint64 id = 10; id <= 14; id++)
    set_ok (fx, id, plain);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_MOBILE), ==, 0);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_LOST_CONTACT), ==, 0);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_FRAIL), ==, 0);

  /* a member who has left the register is not listed, flags or not */
  set_ok (fx, 20, frail);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_FRAIL), ==, 1);
  g_assert_true (gt_member_record_event (fx->storage, 20, "death", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_flag (fx, GT_MEMBER_FLAG_FRAIL), ==, 0);
}

#define ADD(name, func) \
  g_test_add ("/member-flags/" name, Fixture, GUINT_TO_POINTER (7), gt_test_demo_setup, func, \
              gt_test_demo_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("defaults", test_defaults);
  ADD ("set", test_set);
  ADD ("refused", test_refused);
  ADD ("filters", test_filters);

  return g_test_run ();
}
