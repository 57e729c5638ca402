/* gt-member-flags.c — a member's situation and duties: mobility, lost contact, elderly or
 * frail, employment, the posts of 一员七职 and the A/B linking post
 *
 * The flags are plain columns of the members table (schema version 5). They describe the
 * member today and are not history: a change replaces them, and rev and mtime record that
 * the record changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gt-member.h"

typedef struct
{
  const char *code;
  const char *label;
} Label;

static const Label mobilities[] = {
  { "none", N_("Not mobile") },
  { "out", N_("Mobile, gone out") },
  { "in", N_("Mobile, come in") },
};

static const Label employments[] = {
  { "", N_("Not recorded") },
  { "employed", N_("Employed") },
  { "retired", N_("Retired") },
  { "none", N_("Without work") },
};

/* 一员七职, in the order the posts are shown and stored. */
static const Label posts[] = {
  { "opinion_surveyor", N_("Opinion surveyor") },
  { "policy_publicist", N_("Policy publicist") },
  { "dispute_mediator", N_("Dispute mediator") },
  { "order_keeper", N_("Public order keeper") },
  { "hygiene_inspector", N_("Hygiene inspector") },
  { "safety_assistant", N_("Safety assistant") },
  { "democratic_supervisor", N_("Democratic supervisor") },
};

static const Label link_posts[] = {
  { "A", N_("A post (primary linker)") },
  { "B", N_("B post (auxiliary linker)") },
};

static const char *const post_codes[] = {
  "opinion_surveyor", "policy_publicist", "dispute_mediator", "order_keeper",
  "hygiene_inspector", "safety_assistant", "democratic_supervisor", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (post_codes) == G_N_ELEMENTS (posts) + 1);

static const Label *
find (const Label *labels, gsize n, const char *code)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return &labels[i];
  return NULL;
}

static const char *
lookup (const Label *labels, gsize n, const char *code)
{
  const Label *label = find (labels, n, code);

  if (label != NULL)
    return _(label->label);
  return code != NULL ? code : "";
}

const char *const *
gt_member_post_codes (void)
{
  return post_codes;
}

const char *
gt_label_member_post (const char *post)
{
  return lookup (posts, G_N_ELEMENTS (posts), post);
}

const char *
gt_label_member_mobility (const char *mobility)
{
  return lookup (mobilities, G_N_ELEMENTS (mobilities), mobility);
}

const char *
gt_label_member_employment (const char *employment)
{
  return lookup (employments, G_N_ELEMENTS (employments), employment);
}

const char *
gt_label_link_post (const char *link_post)
{
  return lookup (link_posts, G_N_ELEMENTS (link_posts), link_post);
}

void
gt_member_flags_free (GtMemberFlags *flags)
{
  if (flags == NULL)
    return;
  g_free (flags->mobility);
  g_free (flags->place);
  g_free (flags->contact);
  g_free (flags->employment);
  g_strfreev (flags->posts);
  g_free (flags->link_post);
  g_free (flags);
}

/* The stored form of the posts: each known code once, in the fixed order, joined by commas.
 * Unknown codes make it NULL and name the first one in @unknown. */
static char *
posts_text (const char *const *codes, const char **unknown)
{
  g_autoptr (GString) text = g_string_new (NULL);
  gboolean wanted[G_N_ELEMENTS (posts)] = { FALSE };

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const Label *post = find (posts, G_N_ELEMENTS (posts), codes[i]);

      if (post == NULL)
        {
          *unknown = codes[i];
          return NULL;
        }
      wanted[post - posts] = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    if (wanted[i])
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", posts[i].code);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Splits the stored text back into codes; empty parts are dropped. */
static GStrv
posts_split (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

#define TEXT GT_COLUMN_TEXT

GtMemberFlags *
gt_member_get_flags (GtStorage *storage, gint64 id, GError **error)
{
  g_autoptr (GtMemberFlags) flags = NULL;
  sqlite3_stmt *stmt = gt_storage_prepare (
    storage,
    "SELECT mobility, mobility_place, mobility_contact, lost_contact, frail, employment,"
    " posts, link_post FROM members WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        gt_storage_refuse (storage, error, _("member %d does not exist"), (int) id);
      else
        gt_storage_set_error (storage, error, _("reading"));
      sqlite3_reset (stmt);
      return NULL;
    }
  flags = g_new0 (GtMemberFlags, 1);
  flags->mobility = TEXT (stmt, 0);
  flags->place = TEXT (stmt, 1);
  flags->contact = TEXT (stmt, 2);
  flags->lost_contact = sqlite3_column_int (stmt, 3) != 0;
  flags->frail = sqlite3_column_int (stmt, 4) != 0;
  flags->employment = TEXT (stmt, 5);
  flags->posts = posts_split ((const char *) sqlite3_column_text (stmt, 6));
  flags->link_post = TEXT (stmt, 7);
  sqlite3_reset (stmt);
  return g_steal_pointer (&flags);
}

/* Checks @flags; on success sets the values to store. */
static gboolean
check_flags (GtStorage *storage, const GtMemberFlags *flags, char **place, char **contact,
             char **posts_stored, const char **link_post, GError **error)
{
  const char *mobility = flags->mobility != NULL ? flags->mobility : "none";
  const char *employment = flags->employment != NULL ? flags->employment : "";
  const char *unknown = NULL;
  gboolean mobile;

  if (find (mobilities, G_N_ELEMENTS (mobilities), mobility) == NULL)
    return gt_storage_refuse (storage, error, _("unknown mobility “%s” (none, out, in)"), mobility);
  mobile = g_strcmp0 (mobility, "none") != 0;
  *place = g_strstrip (g_strdup (flags->place != NULL ? flags->place : ""));
  *contact = g_strstrip (g_strdup (flags->contact != NULL ? flags->contact : ""));
  if (mobile && **place == '\0')
    return gt_storage_refuse (storage, error, _("a mobile member needs the place they went to or came "
                                     "from"));
  if (!mobile && (**place != '\0' || **contact != '\0'))
    return gt_storage_refuse (storage, error, _("only a mobile member has a place and a contact"));
  if (find (employments, G_N_ELEMENTS (employments), employment) == NULL)
    return gt_storage_refuse (storage, error, _("unknown employment “%s” (employed, retired, none)"),
                   employment);
  *posts_stored = posts_text ((const char *const *) flags->posts, &unknown);
  if (*posts_stored == NULL)
    return gt_storage_refuse (storage, error, _("unknown post “%s” (opinion_surveyor, policy_publicist, "
                                     "dispute_mediator, order_keeper, hygiene_inspector, "
                                     "safety_assistant, democratic_supervisor)"), unknown);
  if (g_ascii_strcasecmp (flags->link_post != NULL ? flags->link_post : "", "A") == 0)
    *link_post = "A";
  else if (g_ascii_strcasecmp (flags->link_post != NULL ? flags->link_post : "", "B") == 0)
    *link_post = "B";
  else
    return gt_storage_refuse (storage, error, _("unknown linking post “%s” (A or B)"),
                   flags->link_post != NULL ? flags->link_post : "");
  return TRUE;
}

gboolean
gt_member_set_flags (GtStorage *storage, gint64 id, const GtMemberFlags *flags, GError **error)
{
  g_autofree char *place = NULL, *contact = NULL, *posts_stored = NULL;
  g_autofree char *mtime = gt_now_iso8601 ();
  g_autoptr (GtMemberFlags) old = NULL;
  g_autofree char *old_posts = NULL;
  const char *link_post = NULL, *unknown = NULL;
  const char *mobility = flags->mobility != NULL ? flags->mobility : "none";
  const char *employment = flags->employment != NULL ? flags->employment : "";
  sqlite3_stmt *stmt;

  if (!check_flags (storage, flags, &place, &contact, &posts_stored, &link_post, error))
    return FALSE;

  if (!gt_storage_begin (storage, error))
    return FALSE;
  old = gt_member_get_flags (storage, id, error);
  if (old == NULL)
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  old_posts = posts_text ((const char *const *) old->posts, &unknown);
  if (g_strcmp0 (old->mobility, mobility) == 0 && g_strcmp0 (old->place, place) == 0 &&
      g_strcmp0 (old->contact, contact) == 0 && old->lost_contact == !!flags->lost_contact &&
      old->frail == !!flags->frail && g_strcmp0 (old->employment, employment) == 0 &&
      g_strcmp0 (old_posts, posts_stored) == 0 && g_strcmp0 (old->link_post, link_post) == 0)
    {
      /* nothing changed: no new revision */
      gt_storage_rollback (storage);
      return TRUE;
    }

  stmt = gt_storage_prepare (
    storage,
    "UPDATE members SET mobility = ?2, mobility_place = ?3, mobility_contact = ?4,"
    " lost_contact = ?5, frail = ?6, employment = ?7, posts = ?8, link_post = ?9,"
    " rev = rev + 1, mtime = ?10 WHERE id = ?1", error);
  if (stmt == NULL)
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, mobility, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, place, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, contact, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, flags->lost_contact ? 1 : 0);
  sqlite3_bind_int (stmt, 6, flags->frail ? 1 : 0);
  sqlite3_bind_text (stmt, 7, employment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, posts_stored, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, link_post, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, mtime, -1, SQLITE_TRANSIENT);
  if (!gt_storage_step_done (storage, stmt, error) || !gt_storage_commit (storage, error))
    {
      gt_storage_rollback (storage);
      return FALSE;
    }
  gt_storage_emit_changed (storage, "members");
  return TRUE;
}
