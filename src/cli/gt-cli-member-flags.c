/* gt-cli-member-flags.c — guatu-cli member flags: a member's mobility (流动), lost contact
 * (失联), elderly or frail (年老体弱), employment, the posts of 一员七职 and the A/B
 * linking post
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-member.h"

void
gt_cli_json_add_member_flags (JsonBuilder *builder, const GtMemberFlags *flags)
{
  gt_cli_json_add_string (builder, "mobility", flags->mobility);
  gt_cli_json_add_string (builder, "mobility_place", flags->place);
  gt_cli_json_add_string (builder, "mobility_contact", flags->contact);
  json_builder_set_member_name (builder, "lost_contact");
  json_builder_add_boolean_value (builder, flags->lost_contact);
  json_builder_set_member_name (builder, "frail");
  json_builder_add_boolean_value (builder, flags->frail);
  gt_cli_json_add_string (builder, "employment", flags->employment);
  json_builder_set_member_name (builder, "posts");
  json_builder_begin_array (builder);
  for (guint i = 0; flags->posts[i] != NULL; i++)
    json_builder_add_string_value (builder, flags->posts[i]);
  json_builder_end_array (builder);
  gt_cli_json_add_string (builder, "link_post", flags->link_post);
}

void
gt_cli_print_member_flags (const GtMemberFlags *flags)
{
  g_autoptr (GString) posts = g_string_new (NULL);

  if (g_strcmp0 (flags->mobility, "none") == 0)
    g_print (_("Mobility: %s\n"), gt_label_member_mobility (flags->mobility));
  else
    /* Translators: mobility, the place the member went to or came from, and the contact */
    g_print (_("Mobility: %s, %s, contact: %s\n"), gt_label_member_mobility (flags->mobility),
             flags->place, *flags->contact != '\0' ? flags->contact : "—");
  g_print (_("Lost contact: %s\n"), flags->lost_contact ? _("yes") : _("no"));
  g_print (_("Elderly or frail: %s\n"), flags->frail ? _("yes") : _("no"));
  g_print (_("Employment: %s\n"), gt_label_member_employment (flags->employment));
  for (guint i = 0; flags->posts[i] != NULL; i++)
    /* Translators: the separator between posts of 一员七职 */
    g_string_append_printf (posts, "%s%s", i > 0 ? _(", ") : "",
                            gt_label_member_post (flags->posts[i]));
  g_print (_("Posts: %s\n"), posts->len > 0 ? posts->str : _("none"));
  g_print (_("Linking post: %s\n"), gt_label_link_post (flags->link_post));
}

/* yes/no for a flag; FALSE (usage) for anything else. */
static gboolean
parse_yes_no (const GtCliCommand *command, const char *option, const char *text,
              gboolean *value, int *exit_code)
{
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_strcmp0 (text, "是") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "no") == 0 || g_strcmp0 (text, "否") == 0)
    *value = FALSE;
  else
    {
      g_printerr (_("guatu-cli %s: %s takes yes or no, not “%s”\n"), command->name, option,
                  text);
      *exit_code = GT_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

/* "a,b" (also with the Chinese ，and 、) to a list of codes; "" is no posts. */
static GStrv
split_posts (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GString) ascii = g_string_new (NULL);
  g_auto (GStrv) parts = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF0C || c == 0x3001) /* ， 、 */
        g_string_append_c (ascii, ',');
      else
        g_string_append_unichar (ascii, c);
    }
  parts = g_strsplit (ascii->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static void
print_flags (gint64 id, const char *name, const GtMemberFlags *flags, gboolean json)
{
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "id", id);
      gt_cli_json_add_string (builder, "name", name);
      gt_cli_json_add_member_flags (builder, flags);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return;
    }
  g_print ("%s\n", name);
  gt_cli_print_member_flags (flags);
}

typedef struct
{
  char *mobility, *place, *contact, *lost_contact, *frail, *employment, *posts, *link_post;
  gboolean lost_value, frail_value; /* parsed from lost_contact and frail */
} FlagOptions;

static void
flag_options_clear (FlagOptions *o)
{
  g_free (o->mobility);
  g_free (o->place);
  g_free (o->contact);
  g_free (o->lost_contact);
  g_free (o->frail);
  g_free (o->employment);
  g_free (o->posts);
  g_free (o->link_post);
}

/* Reads the yes/no options; FALSE (usage) for anything else. */
static gboolean
parse_options (const GtCliCommand *command, FlagOptions *o, int *exit_code)
{
  return (o->lost_contact == NULL ||
          parse_yes_no (command, "--lost-contact", o->lost_contact, &o->lost_value,
                        exit_code)) &&
         (o->frail == NULL || parse_yes_no (command, "--frail", o->frail, &o->frail_value,
                                            exit_code));
}

/* Changes the flags whose options were given. */
static void
apply_options (const FlagOptions *o, GtMemberFlags *flags)
{
  if (o->lost_contact != NULL)
    flags->lost_contact = o->lost_value;
  if (o->frail != NULL)
    flags->frail = o->frail_value;
  if (o->mobility != NULL)
    {
      g_free (flags->mobility);
      flags->mobility = g_strdup (o->mobility);
      /* back home: the place and contact of the stay away go with it */
      if (g_strcmp0 (o->mobility, "none") == 0)
        {
          g_free (flags->place);
          flags->place = g_strdup ("");
          g_free (flags->contact);
          flags->contact = g_strdup ("");
        }
    }
  if (o->place != NULL)
    {
      g_free (flags->place);
      flags->place = g_strdup (o->place);
    }
  if (o->contact != NULL)
    {
      g_free (flags->contact);
      flags->contact = g_strdup (o->contact);
    }
  if (o->employment != NULL)
    {
      g_free (flags->employment);
      flags->employment = g_strdup (o->employment);
    }
  if (o->posts != NULL)
    {
      g_strfreev (flags->posts);
      flags->posts = split_posts (o->posts);
    }
  if (o->link_post != NULL)
    {
      g_free (flags->link_post);
      flags->link_post = g_strdup (o->link_post);
    }
}

int
gt_cli_cmd_member_flags (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberRecord) record = NULL;
  g_autoptr (GtMemberFlags) flags = NULL;
  FlagOptions o = { NULL };
  gboolean json = FALSE, change;
  int exit_code = GT_EXIT_OK;
  const char *key;
  GOptionEntry entries[] = {
    { "mobility", 0, 0, G_OPTION_ARG_STRING, &o.mobility,
      N_("none, out (流出) or in (流入)"), N_("MOBILITY") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &o.place,
      N_("Where a mobile member went to or came from"), N_("TEXT") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &o.contact,
      N_("How to reach a mobile member"), N_("TEXT") },
    { "lost-contact", 0, 0, G_OPTION_ARG_STRING, &o.lost_contact,
      N_("Lost contact (失联): yes or no"), N_("YES|NO") },
    { "frail", 0, 0, G_OPTION_ARG_STRING, &o.frail,
      N_("Elderly or frail (年老体弱): yes or no"), N_("YES|NO") },
    { "employment", 0, 0, G_OPTION_ARG_STRING, &o.employment,
      N_("employed (在职), retired (退休) or none (无职)"), N_("EMPLOYMENT") },
    { "posts", 0, 0, G_OPTION_ARG_STRING, &o.posts,
      N_("Posts of 一员七职, comma-separated codes (\"\" for none): opinion_surveyor, "
         "policy_publicist, dispute_mediator, order_keeper, hygiene_inspector, "
         "safety_assistant, democratic_supervisor"), N_("CODE,…") },
    { "link-post", 0, 0, G_OPTION_ARG_STRING, &o.link_post,
      N_("A (primary linker) or B (auxiliary linker)"), N_("A|B") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, &key, 1, entries, &exit_code) ||
      !parse_options (command, &o, &exit_code))
    goto out;
  change = o.mobility != NULL || o.place != NULL || o.contact != NULL ||
           o.lost_contact != NULL || o.frail != NULL || o.employment != NULL ||
           o.posts != NULL || o.link_post != NULL;

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    goto out;
  record = gt_member_lookup (storage, key, &error);
  if (record == NULL)
    {
      exit_code = gt_cli_fail (error);
      goto out;
    }
  flags = gt_member_get_flags (storage, record->id, &error);
  if (flags == NULL)
    {
      exit_code = gt_cli_fail (error);
      goto out;
    }
  if (change)
    {
      apply_options (&o, flags);
      if (!gt_member_set_flags (storage, record->id, flags, &error))
        {
          exit_code = gt_cli_fail (error);
          goto out;
        }
      /* a change prints nothing, unless the stored flags are asked for as JSON */
      if (!json)
        goto out;
      g_clear_pointer (&flags, gt_member_flags_free);
      flags = gt_member_get_flags (storage, record->id, &error);
      if (flags == NULL)
        {
          exit_code = gt_cli_fail (error);
          goto out;
        }
    }
  print_flags (record->id, record->name, flags, json);
out:
  flag_options_clear (&o);
  return exit_code;
}
