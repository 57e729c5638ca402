/* gt-cli-household.c — guatu-cli household, rules and card: households (一户一档), member
 * links (党员联户), visits, the rules they follow and the 党员连心卡
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-heart-card.h"
#include "gt-household.h"
#include "gt-member.h"
#include "gt-registers.h"

/* A household number: digits only. */
static gboolean
parse_household (const GtCliCommand *command, const char *text, gint64 *id, int *exit_code)
{
  guint64 value = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }
  g_printerr (_("guatu-cli %s: “%s” is not a household number\n"), command->name, text);
  *exit_code = GT_EXIT_USAGE;
  return FALSE;
}

/* A member by number or ID number, as gt_member_lookup takes it. */
static gboolean
resolve_member (GtStorage *storage, const char *key, gint64 *id, int *exit_code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMemberRecord) record = gt_member_lookup (storage, key, &error);

  if (record == NULL)
    {
      *exit_code = gt_cli_fail (error);
      return FALSE;
    }
  *id = record->id;
  return TRUE;
}

/* The options that fill a household's record, for add and update. */
typedef struct
{
  char *head, *village, *grid, *address, *notes;
  char *file[9];
  int size;
} SpecOptions;

static void
spec_options_clear (SpecOptions *o)
{
  g_free (o->head);
  g_free (o->village);
  g_free (o->grid);
  g_free (o->address);
  g_free (o->notes);
  for (guint i = 0; i < G_N_ELEMENTS (o->file); i++)
    g_free (o->file[i]);
}

#define SPEC_ENTRIES(o)                                                                          \
  { "head", 0, 0, G_OPTION_ARG_STRING, &(o).head, N_("Head of household (户主)"), N_("NAME") }, \
  { "village", 0, 0, G_OPTION_ARG_STRING, &(o).village, N_("Village (村)"), N_("NAME") },       \
  { "grid", 0, 0, G_OPTION_ARG_STRING, &(o).grid, N_("Grid (网格)"), N_("GRID") },              \
  { "address", 0, 0, G_OPTION_ARG_STRING, &(o).address, N_("Address"), N_("TEXT") },          \
  { "size", 0, 0, G_OPTION_ARG_INT, &(o).size, N_("Persons in the household"), N_("N") },      \
  { "notes", 0, 0, G_OPTION_ARG_STRING, &(o).notes, N_("Notes"), N_("TEXT") },                 \
  { "look-kitchen", 0, 0, G_OPTION_ARG_STRING, &(o).file[0], N_("进门五看: the kitchen"),      \
    N_("TEXT") },                                                                                \
  { "look-bedroom", 0, 0, G_OPTION_ARG_STRING, &(o).file[1], N_("进门五看: the bedroom"),      \
    N_("TEXT") },                                                                                \
  { "look-toilet", 0, 0, G_OPTION_ARG_STRING, &(o).file[2], N_("进门五看: the toilet"),        \
    N_("TEXT") },                                                                                \
  { "look-yard", 0, 0, G_OPTION_ARG_STRING, &(o).file[3], N_("进门五看: the yard"),            \
    N_("TEXT") },                                                                                \
  { "look-fields", 0, 0, G_OPTION_ARG_STRING, &(o).file[4], N_("进门五看: the fields"),        \
    N_("TEXT") },                                                                                \
  { "ask-family", 0, 0, G_OPTION_ARG_STRING, &(o).file[5], N_("提笔四问: the family"),         \
    N_("TEXT") },                                                                                \
  { "ask-economy", 0, 0, G_OPTION_ARG_STRING, &(o).file[6], N_("提笔四问: income and work"),   \
    N_("TEXT") },                                                                                \
  { "ask-opinions", 0, 0, G_OPTION_ARG_STRING, &(o).file[7], N_("提笔四问: opinions"),         \
    N_("TEXT") },                                                                                \
  { "ask-needs", 0, 0, G_OPTION_ARG_STRING, &(o).file[8], N_("提笔四问: needs"), N_("TEXT") }

/* Fills @spec from the options; FALSE (usage) for a size below 1. */
static gboolean
spec_from_options (const GtCliCommand *command, const SpecOptions *o, GtHouseholdSpec *spec,
                   int *exit_code)
{
  if (o->size != G_MININT && o->size < 1)
    {
      g_printerr (_("guatu-cli %s: --size must be at least 1\n"), command->name);
      *exit_code = GT_EXIT_USAGE;
      return FALSE;
    }
  spec->head_name = o->head;
  spec->village = o->village;
  spec->grid = o->grid;
  spec->address = o->address;
  spec->size = o->size != G_MININT ? o->size : 0;
  spec->notes = o->notes;
  spec->file.look_kitchen = o->file[0];
  spec->file.look_bedroom = o->file[1];
  spec->file.look_toilet = o->file[2];
  spec->file.look_yard = o->file[3];
  spec->file.look_fields = o->file[4];
  spec->file.ask_family = o->file[5];
  spec->file.ask_economy = o->file[6];
  spec->file.ask_opinions = o->file[7];
  spec->file.ask_needs = o->file[8];
  return TRUE;
}

static int
household_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  SpecOptions o = { .size = G_MININT };
  GtHouseholdSpec spec = { 0 };
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = { SPEC_ENTRIES (o), { NULL } };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      !spec_from_options (command, &o, &spec, &exit_code))
    goto out;
  if (o.head == NULL)
    {
      g_printerr (_("guatu-cli %s: --head NAME is required\n"), command->name);
      exit_code = GT_EXIT_USAGE;
      goto out;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    goto out;
  if (!gt_household_add (storage, &spec, &id, &error))
    exit_code = gt_cli_fail (error);
  else
    g_print ("%" G_GINT64_FORMAT "\n", id);
out:
  spec_options_clear (&o);
  return exit_code;
}

static int
household_update (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  SpecOptions o = { .size = G_MININT };
  GtHouseholdSpec spec = { 0 };
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = { SPEC_ENTRIES (o), { NULL } };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_household (command, args[0], &id, &exit_code) ||
      !spec_from_options (command, &o, &spec, &exit_code))
    goto out;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage != NULL && !gt_household_update (storage, id, &spec, &error))
    exit_code = gt_cli_fail (error);
out:
  spec_options_clear (&o);
  return exit_code;
}

static void
add_household_json (JsonBuilder *builder, GtHousehold *h)
{
  gt_cli_json_add_int (builder, "id", h->id);
  gt_cli_json_add_string (builder, "head_name", h->head_name);
  gt_cli_json_add_string (builder, "village", h->village);
  gt_cli_json_add_string (builder, "grid", h->grid);
  gt_cli_json_add_string (builder, "address", h->address);
  gt_cli_json_add_int (builder, "size", h->size);
  gt_cli_json_add_int (builder, "members", h->n_links);
}

static int
household_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) households = NULL;
  g_autofree char *village = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, N_("Only this village"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  households = gt_household_list (storage, village, &error);
  if (households == NULL)
    return gt_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < households->len; i++)
        {
          json_builder_begin_object (builder);
          add_household_json (builder, households->pdata[i]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < households->len; i++)
    {
      GtHousehold *h = households->pdata[i];
      g_autofree char *persons = g_strdup_printf (ngettext ("%d person", "%d persons",
                                                            (gulong) h->size), (int) h->size);
      g_autofree char *linked = g_strdup_printf (ngettext ("%d linked member",
                                                           "%d linked members",
                                                           (gulong) h->n_links),
                                                 (int) h->n_links);

      g_print ("%d\t%s\t%s\t%s\t%s\t%s\t%s\n", (int) h->id, h->head_name,
               h->village != NULL ? h->village : "", h->grid, h->address, persons, linked);
    }
  return GT_EXIT_OK;
}

static const struct
{
  const char *key;
  const char *label;
} file_labels[] = {
  { "look_kitchen", N_("Kitchen") },      { "look_bedroom", N_("Bedroom") },
  { "look_toilet", N_("Toilet") },        { "look_yard", N_("Yard") },
  { "look_fields", N_("Fields") },        { "ask_family", N_("Family") },
  { "ask_economy", N_("Income and work") }, { "ask_opinions", N_("Opinions") },
  { "ask_needs", N_("Needs") },
};

static int
household_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHousehold) h = NULL;
  const char *args[1];
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_household (command, args[0], &id, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  h = gt_household_lookup (storage, id, &error);
  if (h == NULL)
    return gt_cli_fail (error);

  {
    const char *file[] = { h->look_kitchen, h->look_bedroom, h->look_toilet, h->look_yard,
                           h->look_fields, h->ask_family, h->ask_economy, h->ask_opinions,
                           h->ask_needs };

    if (json)
      {
        g_autoptr (JsonBuilder) builder = json_builder_new ();

        json_builder_begin_object (builder);
        add_household_json (builder, h);
        for (guint i = 0; i < G_N_ELEMENTS (file); i++)
          gt_cli_json_add_string (builder, file_labels[i].key, file[i]);
        gt_cli_json_add_string (builder, "notes", h->notes);
        json_builder_set_member_name (builder, "links");
        json_builder_begin_array (builder);
        for (guint i = 0; i < h->links->len; i++)
          {
            GtHouseholdLink *l = h->links->pdata[i];
            g_autofree char *phone = gt_phone_mask (l->phone);

            json_builder_begin_object (builder);
            gt_cli_json_add_int (builder, "member_id", l->member_id);
            gt_cli_json_add_string (builder, "name", l->member_name);
            gt_cli_json_add_string (builder, "organization", l->org_name);
            gt_cli_json_add_string (builder, "phone", phone);
            gt_cli_json_add_string (builder, "link_type", l->link_type);
            gt_cli_json_add_string (builder, "post", l->post);
            gt_cli_json_add_string (builder, "last_visit", l->last_visit);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_set_member_name (builder, "visits");
        json_builder_begin_array (builder);
        for (guint i = 0; i < h->visits->len; i++)
          {
            GtVisit *v = h->visits->pdata[i];

            json_builder_begin_object (builder);
            gt_cli_json_add_int (builder, "id", v->id);
            gt_cli_json_add_int (builder, "member_id", v->member_id);
            gt_cli_json_add_string (builder, "member_name", v->member_name);
            gt_cli_json_add_string (builder, "date", v->date);
            gt_cli_json_add_string (builder, "notes", v->notes);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_end_object (builder);
        gt_cli_print_json (builder);
        return GT_EXIT_OK;
      }

    g_print (ngettext ("Household %d: %s, %s %s %s, %d person\n",
                      "Household %d: %s, %s %s %s, %d persons\n", (gulong) h->size),
             (int) h->id, h->head_name,
             h->village != NULL ? h->village : "", h->grid, h->address, (int) h->size);
    for (guint i = 0; i < G_N_ELEMENTS (file); i++)
      if (*file[i] != '\0')
        g_print ("  %s: %s\n", _(file_labels[i].label), file[i]);
    if (*h->notes != '\0')
      g_print ("  %s: %s\n", _("Notes"), h->notes);
    for (guint i = 0; i < h->links->len; i++)
      {
        GtHouseholdLink *l = h->links->pdata[i];

        /* Translators: linked member: number, name, organisation, link type, post, last visit */
        g_print (_("  member %d %s (%s) · %s · post %s · last visit %s\n"), (int) l->member_id,
                 l->member_name, l->org_name, gt_label_link_type (l->link_type), l->post,
                 l->last_visit != NULL ? l->last_visit : _("never"));
      }
    for (guint i = 0; i < h->visits->len; i++)
      {
        GtVisit *v = h->visits->pdata[i];
        g_print ("  %s  %s  %s\n", v->date, v->member_name, v->notes);
      }
  }
  return GT_EXIT_OK;
}

static int
household_link (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *type = NULL, *post = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 member = 0, household = 0;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("area (区域), kinship (情感) or service (服务); "
                                                   "default area"), N_("TYPE") },
    { "post", 0, 0, G_OPTION_ARG_STRING, &post, N_("A or B (default A)"), N_("POST") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code) ||
      !parse_household (command, args[1], &household, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member, &exit_code))
    return exit_code;
  if (!gt_household_link (storage, member, household, type, post, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
household_unlink (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 member = 0, household = 0;

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, NULL, &exit_code) ||
      !parse_household (command, args[1], &household, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member, &exit_code))
    return exit_code;
  if (!gt_household_unlink (storage, member, household, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
household_visit (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *note = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 member = 0, household = 0, id = 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the visit (default today)"),
      N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was seen, asked and done"),
      N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code) ||
      !parse_household (command, args[1], &household, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member, &exit_code))
    return exit_code;
  if (!gt_household_visit (storage, member, household, date, note, &id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return GT_EXIT_OK;
}

static int
household_report (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) shortfall = NULL, overdue = NULL;
  g_autofree char *date = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK, minimum, interval;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Report as of this date (default today)"),
      N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (date == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      date = g_date_time_format (now, "%Y-%m-%d");
    }
  overdue = gt_household_report_overdue (storage, date, &error);
  if (overdue == NULL)
    return gt_cli_fail (error);
  shortfall = gt_household_report_shortfall (storage, &error);
  if (shortfall == NULL)
    return gt_cli_fail (error);
  minimum = gt_rules_get_link_minimum (storage);
  interval = gt_rules_get_visit_interval (storage);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gt_cli_json_add_string (builder, "date", date);
      gt_cli_json_add_int (builder, "link_minimum", minimum);
      gt_cli_json_add_int (builder, "visit_interval_days", interval);
      gt_cli_json_add_int (builder, "below_minimum_count", shortfall->len);
      json_builder_set_member_name (builder, "below_minimum");
      json_builder_begin_array (builder);
      for (guint i = 0; i < shortfall->len; i++)
        {
          GtLinkShortfall *s = shortfall->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "member_id", s->member_id);
          gt_cli_json_add_string (builder, "name", s->name);
          gt_cli_json_add_string (builder, "organization", s->org_name);
          gt_cli_json_add_int (builder, "households", s->n_links);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_json_add_int (builder, "overdue_count", overdue->len);
      json_builder_set_member_name (builder, "overdue");
      json_builder_begin_array (builder);
      for (guint i = 0; i < overdue->len; i++)
        {
          GtOverdueVisit *o = overdue->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "member_id", o->member_id);
          gt_cli_json_add_string (builder, "member_name", o->member_name);
          gt_cli_json_add_string (builder, "organization", o->org_name);
          gt_cli_json_add_int (builder, "household_id", o->household_id);
          gt_cli_json_add_string (builder, "head_name", o->head_name);
          gt_cli_json_add_string (builder, "village", o->village);
          gt_cli_json_add_string (builder, "last_visit", o->last_visit);
          json_builder_set_member_name (builder, "days");
          if (o->days >= 0)
            json_builder_add_int_value (builder, o->days);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }

  g_print (_("Rules: at least %d linked households per member, a visit at least every %d "
             "days\n"), minimum, interval);
  g_print (ngettext ("%u member below the minimum:\n", "%u members below the minimum:\n",
                     shortfall->len), shortfall->len);
  for (guint i = 0; i < shortfall->len; i++)
    {
      GtLinkShortfall *s = shortfall->pdata[i];
      g_print ("  %d\t%s\t%s\t%d\n", (int) s->member_id, s->name, s->org_name, (int) s->n_links);
    }
  g_print (ngettext ("%u link overdue for a visit on %s:\n",
                     "%u links overdue for a visit on %s:\n", overdue->len), overdue->len, date);
  for (guint i = 0; i < overdue->len; i++)
    {
      GtOverdueVisit *o = overdue->pdata[i];
      g_autofree char *last = o->last_visit != NULL
                                /* Translators: last visit date and days since */
                                ? g_strdup_printf (_("last visit %s, %d days ago"), o->last_visit,
                                                   (int) o->days)
                                : g_strdup (_("never visited"));

      g_print ("  %d\t%s\t%s\t%d\t%s\t%s\t%s\n", (int) o->member_id, o->member_name, o->org_name,
               (int) o->household_id, o->head_name, o->village != NULL ? o->village : "", last);
    }
  return GT_EXIT_OK;
}

static const GtCliCommand household_commands[] = {
  { "household add", "--head NAME [--village NAME] [--grid G] [--address A] [--size N]",
    N_("Add a household (一户一档)"), household_add },
  { "household update", "HOUSEHOLD [--head NAME] [--village NAME] [--look-kitchen TEXT] …",
    N_("Change a household's record"), household_update },
  { "household list", "[--village NAME] [--json]",
    N_("List households with the number of linked members"), household_list },
  { "household show", "HOUSEHOLD [--json]",
    N_("Show a household's record, linked members and visits"), household_show },
  { "household link", "MEMBER HOUSEHOLD [--type area|kinship|service] [--post A|B]",
    N_("Link a member to a household (党员联户)"), household_link },
  { "household unlink", "MEMBER HOUSEHOLD", N_("Remove a member's link to a household"),
    household_unlink },
  { "household visit", "MEMBER HOUSEHOLD [--date DATE] [--note TEXT]",
    N_("Record a member's visit to a linked household"), household_visit },
  { "household report", "[--json] [--date DATE]",
    N_("Members below the link minimum and links overdue for a visit"), household_report },
};

int
gt_cli_cmd_household (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (household_commands); i++)
      if (g_strcmp0 (household_commands[i].name + strlen ("household "), argv[1]) == 0)
        return household_commands[i].run (ctx, &household_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli household: expected a subcommand: add, update, list, show, link, "
                "unlink, visit, report\n"));
  return GT_EXIT_USAGE;
}

static int
rules_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "link_minimum", gt_rules_get_link_minimum (storage));
      gt_cli_json_add_int (builder, "visit_interval_days", gt_rules_get_visit_interval (storage));
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  g_print (_("link-minimum %d\t(households each member links at least)\n"),
           gt_rules_get_link_minimum (storage));
  g_print (_("visit-interval %d\t(days between two visits at most)\n"),
           gt_rules_get_visit_interval (storage));
  return GT_EXIT_OK;
}

static int
rules_set (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 value = 0;
  gboolean ok;

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, NULL, &exit_code))
    return exit_code;
  if (g_strcmp0 (args[0], "link-minimum") != 0 && g_strcmp0 (args[0], "visit-interval") != 0)
    {
      g_printerr (_("guatu-cli %s: unknown rule “%s” (link-minimum, visit-interval)\n"),
                  command->name, args[0]);
      return GT_EXIT_USAGE;
    }
  if (!g_ascii_string_to_signed (args[1], 10, G_MININT, G_MAXINT, &value, NULL))
    {
      g_printerr (_("guatu-cli %s: “%s” is not a whole number\n"), command->name, args[1]);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  ok = g_strcmp0 (args[0], "link-minimum") == 0
         ? gt_rules_set_link_minimum (storage, (int) value, &error)
         : gt_rules_set_visit_interval (storage, (int) value, &error);
  return ok ? GT_EXIT_OK : gt_cli_fail (error);
}

static const GtCliCommand rules_commands[] = {
  { "rules show", "[--json]", N_("Show the rules of linking and visiting households"),
    rules_show },
  { "rules set", "link-minimum|visit-interval N", N_("Change a rule"), rules_set },
};

int
gt_cli_cmd_rules (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (rules_commands); i++)
      if (g_strcmp0 (rules_commands[i].name + strlen ("rules "), argv[1]) == 0)
        return rules_commands[i].run (ctx, &rules_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli rules: expected a subcommand: show, set\n"));
  return GT_EXIT_USAGE;
}

int
gt_cli_cmd_card (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtHeartCard) card = NULL;
  g_autofree char *out = NULL, *commitment = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 member = 0;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE") },
    { "commitment", 0, 0, G_OPTION_ARG_STRING, &commitment,
      N_("The member's service commitment (default: a standard text)"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  if (out == NULL || *out == '\0')
    {
      g_printerr (_("guatu-cli %s: --out FILE is required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !resolve_member (storage, args[0], &member, &exit_code))
    return exit_code;
  card = gt_heart_card_load (storage, member, commitment, &error);
  if (card == NULL)
    return gt_cli_fail (error);
  if (!gt_heart_card_write_pdf (card, out, &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_CANTCREAT;
    }
  g_print (ngettext ("%s: heart-link card of %s with %u household\n",
                     "%s: heart-link card of %s with %u households\n", card->households->len),
           out, card->member_name, card->households->len);
  return GT_EXIT_OK;
}
