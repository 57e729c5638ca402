/* gt-cli-life.c — guatu-cli meetings: organisational life (三会一课), its schedule and the
 * compliance with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-life.h"
#include "gt-member.h"

static gboolean
parse_id (const GtCliCommand *command, const char *text, const char *what, gint64 *id,
          int *exit_code)
{
  guint64 value = 0;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }
  g_printerr (_("guatu-cli %s: “%s” is not a %s number\n"), command->name, text ? text : "", what);
  *exit_code = GT_EXIT_USAGE;
  return FALSE;
}

/* Members by number or ID number, into @list as attendance entries. "KEY" for those
 * present; "KEY=REASON" for absentees. */
static gboolean
add_attendance (GtStorage *storage, char **keys, gboolean present, GPtrArray *list,
                int *exit_code)
{
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_auto (GStrv) items = g_strsplit (keys[i], present ? "," : ";", -1);

      for (guint j = 0; items[j] != NULL; j++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (GtMemberRecord) record = NULL;
          g_autofree char *key = NULL;
          const char *eq = present ? NULL : strchr (items[j], '=');
          GtAttendance *a;

          key = g_strstrip (eq != NULL ? g_strndup (items[j], eq - items[j]) : g_strdup (items[j]));
          if (*key == '\0')
            continue;
          record = gt_member_lookup (storage, key, &error);
          if (record == NULL)
            {
              *exit_code = gt_cli_fail (error);
              return FALSE;
            }
          a = g_new0 (GtAttendance, 1);
          a->member_id = record->id;
          a->present = present;
          a->reason = g_strdup (eq != NULL ? eq + 1 : "");
          g_ptr_array_add (list, a);
        }
    }
  return TRUE;
}

typedef struct
{
  char *org, *kind, *date, *topic, *place, *host, *minutes, *attach;
  char **present, **absent;
} MeetingOptions;

static void
meeting_options_clear (MeetingOptions *o)
{
  g_free (o->org);
  g_free (o->kind);
  g_free (o->date);
  g_free (o->topic);
  g_free (o->place);
  g_free (o->host);
  g_free (o->minutes);
  g_free (o->attach);
  g_strfreev (o->present);
  g_strfreev (o->absent);
}

#define ATTEND_ENTRIES(o)                                                                     \
  { "present", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(o).present,                                 \
    N_("Members present, by number or ID number, separated by commas"), N_("M,M,…") },         \
  { "absent", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(o).absent,                                   \
    N_("An absentee with the reason (repeatable)"), N_("M=REASON") }

static int
meetings_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) attendance = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_attendance_free);
  MeetingOptions o = { 0 };
  GtMeetingSpec spec = { 0 };
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &o.org, N_("The organisation that held it"), N_("ORG") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind,
      N_("general, committee, group, lecture, theme_day, life_meeting, appraisal"), N_("KIND") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date, N_("The day it was held"), N_("YYYY-MM-DD") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &o.topic, N_("Topic"), N_("TEXT") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &o.place, N_("Place"), N_("TEXT") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &o.host, N_("Who chaired it"), N_("NAME") },
    { "minutes", 0, 0, G_OPTION_ARG_STRING, &o.minutes, N_("Minutes"), N_("TEXT") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME, &o.attach, N_("A file to attach by its path"),
      N_("PATH") },
    ATTEND_ENTRIES (o),
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    goto out;
  if (o.org == NULL || o.kind == NULL || o.date == NULL)
    {
      g_printerr (_("guatu-cli %s: --org, --kind and --date are required\n"), command->name);
      exit_code = GT_EXIT_USAGE;
      goto out;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !gt_cli_org_resolve (storage, o.org, &spec.org_id, &exit_code) ||
      !add_attendance (storage, o.present, TRUE, attendance, &exit_code) ||
      !add_attendance (storage, o.absent, FALSE, attendance, &exit_code))
    goto out;
  spec.kind = o.kind;
  spec.date = o.date;
  spec.topic = o.topic;
  spec.place = o.place;
  spec.host = o.host;
  spec.minutes = o.minutes;
  /* The meeting, its attendance and its attachment go in together or not at all. */
  if (!gt_storage_begin (storage, &error) || !gt_meeting_add (storage, &spec, &id, &error) ||
      (attendance->len > 0 && !gt_meeting_set_attendance (storage, id, attendance, &error)) ||
      (o.attach != NULL && !gt_meeting_attach (storage, id, o.attach, NULL, NULL, &error)) ||
      !gt_storage_commit (storage, &error))
    {
      gt_storage_rollback (storage);
      exit_code = gt_cli_fail (error);
      goto out;
    }
  g_print ("%" G_GINT64_FORMAT "\n", id);
out:
  meeting_options_clear (&o);
  return exit_code;
}

static int
meetings_attend (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) attendance = g_ptr_array_new_with_free_func ((GDestroyNotify) gt_attendance_free);
  MeetingOptions o = { 0 };
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = { ATTEND_ENTRIES (o), { NULL } };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_id (command, args[0], _("meeting"), &id, &exit_code))
    goto out;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !add_attendance (storage, o.present, TRUE, attendance, &exit_code) ||
      !add_attendance (storage, o.absent, FALSE, attendance, &exit_code))
    goto out;
  if (!gt_meeting_set_attendance (storage, id, attendance, &error))
    exit_code = gt_cli_fail (error);
out:
  meeting_options_clear (&o);
  return exit_code;
}

static int
meetings_attach (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *note = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0, attachment = 0;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What the file is"), N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code) ||
      !parse_id (command, args[0], _("meeting"), &id, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_meeting_attach (storage, id, args[1], note, &attachment, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", attachment);
  return GT_EXIT_OK;
}

static int
meetings_remove (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, NULL, &exit_code) ||
      !parse_id (command, args[0], _("meeting"), &id, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage != NULL && !gt_meeting_remove (storage, id, &error))
    return gt_cli_fail (error);
  return exit_code;
}

static void
add_meeting_json (JsonBuilder *builder, const GtMeeting *m)
{
  gt_cli_json_add_int (builder, "id", m->id);
  gt_cli_json_add_int (builder, "org_id", m->org_id);
  gt_cli_json_add_string (builder, "org", m->org_name);
  gt_cli_json_add_string (builder, "kind", m->kind);
  gt_cli_json_add_string (builder, "date", m->date);
  gt_cli_json_add_string (builder, "topic", m->topic);
  gt_cli_json_add_string (builder, "place", m->place);
  gt_cli_json_add_string (builder, "host", m->host);
  gt_cli_json_add_int (builder, "present", m->n_present);
  gt_cli_json_add_int (builder, "absent", m->n_absent);
}

static int
meetings_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) meetings = NULL;
  g_autofree char *org = NULL, *month = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 org_id = 0;
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Only this organisation"), N_("ORG") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("Only this month"), N_("YYYY-MM") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (month != NULL && !gt_month_is_valid (month))
    {
      g_printerr (_("guatu-cli %s: “%s” is not a month written YYYY-MM\n"), command->name, month);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || (org != NULL && !gt_cli_org_resolve (storage, org, &org_id, &exit_code)))
    return exit_code;
  meetings = gt_meeting_list (storage, org_id, month, &error);
  if (meetings == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < meetings->len; i++)
        {
          json_builder_begin_object (builder);
          add_meeting_json (builder, meetings->pdata[i]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < meetings->len; i++)
    {
      GtMeeting *m = meetings->pdata[i];

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\n",
               m->id, m->date, m->org_name, gt_label_meeting_kind (m->kind), m->topic,
               m->n_present, m->n_present + m->n_absent);
    }
  return GT_EXIT_OK;
}

static int
meetings_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtMeeting) m = NULL;
  gboolean json = FALSE;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !parse_id (command, args[0], _("meeting"), &id, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  m = gt_meeting_lookup (storage, id, &error);
  if (m == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_meeting_json (builder, m);
      gt_cli_json_add_string (builder, "minutes", m->minutes);
      json_builder_set_member_name (builder, "attendance");
      json_builder_begin_array (builder);
      for (guint i = 0; i < m->attendance->len; i++)
        {
          GtAttendance *a = m->attendance->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "member_id", a->member_id);
          gt_cli_json_add_string (builder, "name", a->name);
          json_builder_set_member_name (builder, "present");
          json_builder_add_boolean_value (builder, a->present);
          gt_cli_json_add_string (builder, "reason", a->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint i = 0; i < m->attachments->len; i++)
        {
          GtAttachment *a = m->attachments->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", a->id);
          gt_cli_json_add_string (builder, "path", a->path);
          gt_cli_json_add_string (builder, "note", a->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  g_print (_("Meeting %d: %s, %s\n"), (int) m->id, gt_label_meeting_kind (m->kind),
           m->date);
  g_print (_("Organisation: %s\n"), m->org_name);
  g_print (_("Topic: %s\n"), m->topic);
  g_print (_("Place: %s\n"), m->place);
  g_print (_("Host: %s\n"), m->host);
  g_print (_("Present: %d, absent: %d\n"), (int) m->n_present, (int) m->n_absent);
  for (guint i = 0; i < m->attendance->len; i++)
    {
      GtAttendance *a = m->attendance->pdata[i];

      if (a->present)
        g_print ("  + %s\n", a->name);
      else
        g_print ("  - %s (%s)\n", a->name, *a->reason != '\0' ? a->reason : _("no reason given"));
    }
  for (guint i = 0; i < m->attachments->len; i++)
    {
      GtAttachment *a = m->attachments->pdata[i];
      g_print (_("Attachment %d: %s %s\n"), (int) a->id, a->path, a->note);
    }
  if (*m->minutes != '\0')
    g_print (_("Minutes:\n%s\n"), m->minutes);
  return GT_EXIT_OK;
}

static int
meetings_schedule (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autofree char *type = NULL;
  gboolean json = FALSE, reset = FALSE;
  int exit_code = GT_EXIT_OK, day = 0;
  const char *set_args[2] = { NULL, NULL };
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("With set: the organisation type the rule is for (default: every type)"), N_("TYPE") },
    { "day", 0, 0, G_OPTION_ARG_INT, &day, N_("With set: the day of the month it is due by"),
      N_("N") },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset,
      N_("With set: remove the type's own rule, so the default applies"), NULL },
    { NULL }
  };

  /* "schedule set KIND PERIOD" changes a rule; "schedule" alone shows them. */
  if (argc >= 2 && g_strcmp0 (argv[1], "set") == 0)
    {
      argc--;
      argv++;
      set_args[0] = gt_cli_take_arg (&argc, &argv);
      set_args[1] = gt_cli_take_arg (&argc, &argv);
      if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
        return exit_code;
      if (set_args[0] == NULL || (!reset && set_args[1] == NULL))
        {
          g_printerr (_("guatu-cli %s: expected set KIND month|quarter|half|year|none\n"),
                      command->name);
          return GT_EXIT_USAGE;
        }
      storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
      if (storage == NULL)
        return exit_code;
      if (!gt_life_schedule_set (storage, type, set_args[0], reset ? NULL : set_args[1], day,
                                 &error))
        return gt_cli_fail (error);
      return GT_EXIT_OK;
    }
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  rules = gt_life_schedule (storage, &error);
  if (rules == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rules->len; i++)
        {
          GtLifeRule *r = rules->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "org_type", r->org_type);
          gt_cli_json_add_string (builder, "kind", r->kind);
          gt_cli_json_add_string (builder, "period", r->period);
          gt_cli_json_add_int (builder, "day", r->day);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < rules->len; i++)
    {
      GtLifeRule *r = rules->pdata[i];
      g_autofree char *day_text = r->day > 0 ? g_strdup_printf (_("by day %d"), r->day) : g_strdup ("");

      g_print ("%s\t%s\t%s\t%s\n", *r->org_type != '\0' ? r->org_type : _("(all types)"),
               gt_label_meeting_kind (r->kind), gt_label_life_period (r->period), day_text);
    }
  return GT_EXIT_OK;
}

static int
meetings_compliance (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) cells = NULL;
  g_autofree char *month = NULL, *from = NULL, *to = NULL, *org = NULL, *today = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 org_id = 0;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("One month (default: the current one)"),
      N_("YYYY-MM") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First month of a range"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last month of a range"), N_("YYYY-MM") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Only this organisation, with its rate"), N_("ORG") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Judge as of this day"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (month == NULL)
    month = gt_month_of (today);
  if (from == NULL)
    from = g_strdup (month);
  if (to == NULL)
    to = g_strdup (month);
  if (today != NULL && !gt_date_is_valid (today))
    {
      g_printerr (_("guatu-cli %s: “%s” is not a date written YYYY-MM-DD\n"), command->name, today);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || (org != NULL && !gt_cli_org_resolve (storage, org, &org_id, &exit_code)))
    return exit_code;
  cells = org_id > 0 ? gt_life_compliance_org (storage, org_id, from, to, today, &error)
                     : gt_life_compliance (storage, from, to, today, &error);
  if (cells == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < cells->len; i++)
        {
          GtLifeCell *cell = cells->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "org_id", cell->org_id);
          gt_cli_json_add_string (builder, "org", cell->org_name);
          gt_cli_json_add_string (builder, "month", cell->month);
          gt_cli_json_add_string (builder, "status", gt_life_status_code (cell->status));
          json_builder_set_member_name (builder, "items");
          json_builder_begin_array (builder);
          for (guint j = 0; j < cell->items->len; j++)
            {
              GtLifeItem *item = cell->items->pdata[j];

              json_builder_begin_object (builder);
              gt_cli_json_add_string (builder, "kind", item->kind);
              gt_cli_json_add_string (builder, "period", item->period);
              gt_cli_json_add_string (builder, "deadline", item->deadline);
              gt_cli_json_add_string (builder, "status", gt_life_status_code (item->status));
              gt_cli_json_add_int (builder, "meeting_id", item->meeting_id);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < cells->len; i++)
    {
      GtLifeCell *cell = cells->pdata[i];

      g_print ("%s\t%s\t%s", cell->month, cell->org_name, gt_label_life_status (cell->status));
      for (guint j = 0; j < cell->items->len; j++)
        {
          GtLifeItem *item = cell->items->pdata[j];
          if (item->status != GT_LIFE_DONE)
            g_print ("\t%s: %s", gt_label_meeting_kind (item->kind),
                     gt_label_life_status (item->status));
        }
      g_print ("\n");
    }
  if (org_id > 0 && today == NULL)
    {
      double rate = 0;

      if (!gt_life_compliance_rate (storage, org_id, from, to, &rate, &error))
        return gt_cli_fail (error);
      g_print (_("Held: %.1f%% of the meetings due\n"), rate * 100);
    }
  return GT_EXIT_OK;
}

static int
meetings_legend (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (argc >= 2 && g_strcmp0 (argv[1], "set") == 0)
    {
      const char *status, *colour;
      GtLifeStatus s;

      argc--;
      argv++;
      status = gt_cli_take_arg (&argc, &argv);
      colour = gt_cli_take_arg (&argc, &argv);
      if (!gt_cli_parse (command, NULL, &argc, &argv, &exit_code))
        return exit_code;
      for (s = GT_LIFE_NONE; s <= GT_LIFE_MISSING; s++)
        if (g_strcmp0 (gt_life_status_code (s), status) == 0)
          break;
      if (colour == NULL || s > GT_LIFE_MISSING)
        {
          g_printerr (_("guatu-cli %s: expected set done|pending|overdue|missing|none #rrggbb\n"),
                      command->name);
          return GT_EXIT_USAGE;
        }
      storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
      if (storage == NULL)
        return exit_code;
      if (!gt_life_set_status_colour (storage, s, colour, &error))
        return gt_cli_fail (error);
      return GT_EXIT_OK;
    }
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (GtLifeStatus s = GT_LIFE_NONE; s <= GT_LIFE_MISSING; s++)
        {
          g_autofree char *colour = gt_life_status_colour (storage, s);
          gt_cli_json_add_string (builder, gt_life_status_code (s), colour);
        }
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (GtLifeStatus s = GT_LIFE_NONE; s <= GT_LIFE_MISSING; s++)
    {
      g_autofree char *colour = gt_life_status_colour (storage, s);
      g_print ("%s\t%s\t%s\n", gt_life_status_code (s), colour, gt_label_life_status (s));
    }
  return GT_EXIT_OK;
}

static const GtCliCommand meetings_commands[] = {
  { "meetings add", "--org ORG --kind KIND --date YYYY-MM-DD [--topic T] [--place P] [--host H] "
    "[--minutes T] [--present M,M…] [--absent M=REASON]… [--attach PATH]",
    N_("Record a meeting with its attendance"), meetings_add },
  { "meetings list", "[--org ORG] [--month YYYY-MM] [--json]", N_("List meetings, newest first"),
    meetings_list },
  { "meetings show", "ID [--json]", N_("Show a meeting with its attendance"), meetings_show },
  { "meetings attend", "ID [--present M,M…] [--absent M=REASON]…",
    N_("Replace a meeting's attendance"), meetings_attend },
  { "meetings attach", "ID PATH [--note TEXT]", N_("Attach a file to a meeting by its path"),
    meetings_attach },
  { "meetings remove", "ID", N_("Remove a meeting record"), meetings_remove },
  { "meetings schedule", "[--json] | set KIND PERIOD [--type TYPE] [--day N] | set KIND --reset --type TYPE",
    N_("Show or change how often each kind of meeting is due"), meetings_schedule },
  { "meetings compliance", "[--month YYYY-MM | --from M --to M] [--org ORG] [--today D] [--json]",
    N_("Which meetings were held, are missing or overdue, per organisation and month"),
    meetings_compliance },
  { "meetings legend", "[--json] | set done|pending|overdue|missing|none #rrggbb",
    N_("Show or change the colours of the compliance dashboard"), meetings_legend },
};

int
gt_cli_cmd_meetings (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (meetings_commands); i++)
      if (g_strcmp0 (meetings_commands[i].name + strlen ("meetings "), argv[1]) == 0)
        return meetings_commands[i].run (ctx, &meetings_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli meetings: expected a subcommand: add, list, show, attend, attach, "
                "remove, schedule, compliance, legend\n"));
  return GT_EXIT_USAGE;
}
