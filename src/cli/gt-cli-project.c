/* gt-cli-project.c — guatu-cli project: the 挂图作战 project library, milestones (销号),
 * supervision (督查), snapshots and the changes since the last one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-cli-project.h"
#include "gt-project.h"

int
gt_cli_project_bad_field (const char *field, const char *message, const char *value)
{
  g_printerr (_("guatu-cli: field “%s”: %s: “%s”\n"), field, message, value);
  return GT_EXIT_DATAERR;
}

/* Opens the database and resolves the project argument. */
static GtStorage *
open_project (GtCliContext *ctx, const char *text, gint64 *id, int *exit_code)
{
  g_autoptr (GtStorage) storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, exit_code);
  g_autoptr (GError) error = NULL;

  if (storage == NULL)
    return NULL;
  if (text != NULL && !gt_project_resolve (storage, text, id, &error))
    {
      *exit_code = gt_cli_fail (error);
      return NULL;
    }
  return g_steal_pointer (&storage);
}

/* ---- add / edit ---- */

typedef struct
{
  char *name, *kind, *level, *org, *village, *leader, *cadre, *start, *due, *budget, *description;
  char **milestones;
} SpecOptions;

static void
spec_options_clear (SpecOptions *o)
{
  g_free (o->name);
  g_free (o->kind);
  g_free (o->level);
  g_free (o->org);
  g_free (o->village);
  g_free (o->leader);
  g_free (o->cadre);
  g_free (o->start);
  g_free (o->due);
  g_free (o->budget);
  g_free (o->description);
  g_strfreev (o->milestones);
}

#define SPEC_ENTRIES(o)                                                                         \
  { "name", 0, 0, G_OPTION_ARG_STRING, &(o).name, N_("Project name"), N_("TEXT") },           \
  { "kind", 0, 0, G_OPTION_ARG_STRING, &(o).kind, N_("Kind: belt, zone, circle, post, point " \
    "or one added to the list"), N_("CODE") },                                                  \
  { "level", 0, 0, G_OPTION_ARG_STRING, &(o).level, N_("Level: county, township, village"),   \
    N_("LEVEL") },                                                                              \
  { "org", 0, 0, G_OPTION_ARG_STRING, &(o).org, N_("Owning organisation"), N_("NAME|CODE") }, \
  { "village", 0, 0, G_OPTION_ARG_STRING, &(o).village, N_("Village (\"\" for none)"),        \
    N_("NAME") },                                                                               \
  { "leader", 0, 0, G_OPTION_ARG_STRING, &(o).leader, N_("Leading official (挂帅)"),           \
    N_("NAME") },                                                                               \
  { "cadre", 0, 0, G_OPTION_ARG_STRING, &(o).cadre, N_("Responsible cadre (责任人)"),          \
    N_("NAME") },                                                                               \
  { "start", 0, 0, G_OPTION_ARG_STRING, &(o).start, N_("Start date, the time node of the "    \
    "number"), N_("YYYY-MM-DD") },                                                              \
  { "due", 0, 0, G_OPTION_ARG_STRING, &(o).due, N_("Due date"), N_("YYYY-MM-DD") },           \
  { "budget", 0, 0, G_OPTION_ARG_STRING, &(o).budget, N_("Budget in yuan (元), e.g. 12000.50"), \
    N_("YUAN") },                                                                               \
  { "description", 0, 0, G_OPTION_ARG_STRING, &(o).description, N_("Description"),            \
    N_("TEXT") }

/* Fills @spec; FALSE with the exit code for bad data. */
static gboolean
spec_from_options (GtStorage *storage, SpecOptions *o, GtProjectSpec *spec, int *exit_code)
{
  spec->name = o->name;
  spec->kind = o->kind;
  spec->level = o->level;
  spec->village = o->village;
  spec->leader = o->leader;
  spec->cadre = o->cadre;
  spec->start_date = o->start;
  spec->due_date = o->due;
  spec->description = o->description;
  spec->budget_fen = -1;
  if (o->budget != NULL && !gt_project_parse_yuan (o->budget, &spec->budget_fen))
    {
      *exit_code = gt_cli_project_bad_field ("budget", _("not an amount in yuan"), o->budget);
      return FALSE;
    }
  if (o->org != NULL && !gt_cli_org_resolve (storage, o->org, &spec->org_id, exit_code))
    return FALSE;
  return TRUE;
}

/* Checks "NAME@YYYY-MM-DD" milestone options before anything is written. */
static gboolean
check_milestones (char **milestones, int *exit_code)
{
  for (char **m = milestones; m != NULL && *m != NULL; m++)
    {
      const char *at = strrchr (*m, '@');

      if (at == NULL || at == *m || !gt_date_is_valid (at + 1))
        {
          *exit_code = gt_cli_project_bad_field ("milestone", _("expected NAME@YYYY-MM-DD"), *m);
          return FALSE;
        }
    }
  return TRUE;
}

static int
project_add (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  SpecOptions o = { 0 };
  GtProjectSpec spec = { 0 };
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    SPEC_ENTRIES (o),
    { "milestone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.milestones,
      N_("A milestone (time node), in order; repeat for more"), N_("NAME@YYYY-MM-DD") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      !check_milestones (o.milestones, &exit_code))
    goto out;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || !spec_from_options (storage, &o, &spec, &exit_code))
    goto out;
  /* The project and its milestones together: a refused milestone leaves no project. */
  if (!gt_storage_begin (storage, &error))
    {
      exit_code = gt_cli_fail (error);
      goto out;
    }
  if (!gt_project_add (storage, &spec, &id, &number, &error))
    goto failed;
  for (char **m = o.milestones; m != NULL && *m != NULL; m++)
    {
      char *at = strrchr (*m, '@');

      *at = '\0';
      if (!gt_milestone_add (storage, id, *m, at + 1, NULL, &error))
        goto failed;
    }
  if (!gt_storage_commit (storage, &error))
    goto failed;
  g_print ("%s\n", number);
  goto out;
failed:
  gt_storage_rollback (storage);
  exit_code = gt_cli_fail (error);
out:
  spec_options_clear (&o);
  return exit_code;
}

static int
project_edit (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  SpecOptions o = { 0 };
  GtProjectSpec spec = { 0 };
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = { SPEC_ENTRIES (o), { NULL } };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    goto out;
  storage = open_project (ctx, args[0], &id, &exit_code);
  if (storage == NULL || !spec_from_options (storage, &o, &spec, &exit_code))
    goto out;
  if (!gt_project_update (storage, id, &spec, &error))
    exit_code = gt_cli_fail (error);
out:
  spec_options_clear (&o);
  return exit_code;
}

static int
project_remove (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, NULL, &exit_code))
    return exit_code;
  storage = open_project (ctx, args[0], &id, &exit_code);
  if (storage != NULL && !gt_project_remove (storage, id, &error))
    exit_code = gt_cli_fail (error);
  return exit_code;
}

/* ---- list / show ---- */

static void
add_project_json (JsonBuilder *builder, GtStorage *storage, const GtProjectInfo *p)
{
  g_autofree char *kind_label = gt_project_kind_label (storage, p->base.kind);

  gt_cli_json_add_int (builder, "id", p->base.id);
  gt_cli_json_add_string (builder, "number", p->base.number);
  gt_cli_json_add_string (builder, "name", p->base.name);
  gt_cli_json_add_string (builder, "kind", p->base.kind);
  gt_cli_json_add_string (builder, "kind_label", kind_label);
  gt_cli_json_add_string (builder, "level", p->level);
  gt_cli_json_add_string (builder, "org", p->org_name);
  gt_cli_json_add_string (builder, "village", p->village);
  gt_cli_json_add_string (builder, "leader", p->base.leader);
  gt_cli_json_add_string (builder, "cadre", p->base.cadre);
  gt_cli_json_add_string (builder, "start_date", p->base.start_date);
  gt_cli_json_add_string (builder, "due_date", p->base.due_date);
  gt_cli_json_add_string (builder, "closed_date", p->base.closed_date);
  gt_cli_json_add_int (builder, "budget_fen", p->budget_fen);
  gt_cli_json_add_int (builder, "milestones", p->base.n_milestones);
  gt_cli_json_add_int (builder, "done", p->base.n_done);
  gt_cli_json_add_string (builder, "next_node", p->base.next_node);
  gt_cli_json_add_string (builder, "next_date", p->base.next_date);
  gt_cli_json_add_string (builder, "status", gt_project_status_code (p->status));
  gt_cli_json_add_int (builder, "checks", p->n_checks);
  gt_cli_json_add_int (builder, "lagging", p->n_lagging);
  json_builder_set_member_name (builder, "accountable");
  json_builder_add_boolean_value (builder, p->accountable);
}

gboolean
gt_cli_project_check_date (const char *field, const char *value, int *exit_code)
{
  if (value == NULL || gt_date_is_valid (value))
    return TRUE;
  *exit_code = gt_cli_project_bad_field (field, _("not a date (YYYY-MM-DD)"), value);
  return FALSE;
}

static int
project_list (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) projects = NULL;
  g_autofree char *kind = NULL, *level = NULL, *status = NULL, *org = NULL, *text = NULL;
  g_autofree char *today = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GtProjectFilter filter = { .status = -1 };
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only this kind"), N_("CODE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Only this level"), N_("LEVEL") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only this status: done, on_track, at_risk, overdue"), N_("STATUS") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Only this organisation's"), N_("NAME|CODE") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("Number, name, leader or cadre contains"),
      N_("TEXT") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("The status as on this date"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      !gt_cli_project_check_date ("today", today, &exit_code))
    return exit_code;
  if (status != NULL)
    {
      GtProjectStatus s;

      if (!gt_project_status_from_code (status, &s))
        return gt_cli_project_bad_field ("status", _("not done, on_track, at_risk or overdue"), status);
      filter.status = (int) s;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL || (org != NULL && !gt_cli_org_resolve (storage, org, &filter.org_id,
                                                              &exit_code)))
    return exit_code;
  filter.kind = kind;
  filter.level = level;
  filter.text = text;
  projects = gt_project_query (storage, &filter, today, &error);
  if (projects == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < projects->len; i++)
        {
          json_builder_begin_object (builder);
          add_project_json (builder, storage, projects->pdata[i]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < projects->len; i++)
    {
      GtProjectInfo *p = projects->pdata[i];
      g_autofree char *kind_label = gt_project_kind_label (storage, p->base.kind);

      g_print ("%s\t%s\t%s\t%s\t%s/%s\t%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\t%s%s\n",
               p->base.number, kind_label, p->base.name, gt_project_status_label (p->status),
               p->base.leader, p->base.cadre, p->base.n_done, p->base.n_milestones,
               p->base.due_date != NULL ? p->base.due_date : "",
               p->accountable ? _("\taccountability (问责)") : "");
    }
  return GT_EXIT_OK;
}

static int
project_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtProjectInfo) p = NULL;
  g_autofree char *today = NULL, *kind_label = NULL, *budget = NULL;
  const char *args[1];
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("The status as on this date"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code) ||
      !gt_cli_project_check_date ("today", today, &exit_code))
    return exit_code;
  storage = open_project (ctx, args[0], &id, &exit_code);
  if (storage == NULL)
    return exit_code;
  p = gt_project_lookup (storage, id, today, &error);
  if (p == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_project_json (builder, storage, p);
      gt_cli_json_add_string (builder, "uuid", p->uuid);
      gt_cli_json_add_string (builder, "description", p->description);
      json_builder_set_member_name (builder, "milestone_list");
      json_builder_begin_array (builder);
      for (guint i = 0; i < p->milestones->len; i++)
        {
          GtMilestone *m = p->milestones->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "seq", m->seq);
          gt_cli_json_add_string (builder, "name", m->name);
          gt_cli_json_add_string (builder, "planned_date", m->planned_date);
          gt_cli_json_add_string (builder, "done_date", m->done_date);
          gt_cli_json_add_string (builder, "done_by", m->done_by);
          gt_cli_json_add_int (builder, "reopened", m->n_reopened);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "supervisions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < p->supervisions->len; i++)
        {
          GtSupervision *s = p->supervisions->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", s->id);
          gt_cli_json_add_string (builder, "date", s->checked_on);
          gt_cli_json_add_string (builder, "finding", s->finding);
          gt_cli_json_add_string (builder, "deadline", s->deadline);
          gt_cli_json_add_string (builder, "circular", s->circular);
          json_builder_set_member_name (builder, "lagging");
          json_builder_add_boolean_value (builder, s->lagging);
          gt_cli_json_add_string (builder, "inspector", s->inspector);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "reopenings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < p->reopenings->len; i++)
        {
          GtReopening *r = p->reopenings->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "milestone", r->milestone_name);
          gt_cli_json_add_string (builder, "done_date", r->done_date);
          gt_cli_json_add_string (builder, "reopened_on", r->reopened_on);
          gt_cli_json_add_string (builder, "reopened_by", r->reopened_by);
          gt_cli_json_add_string (builder, "reason", r->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }

  kind_label = gt_project_kind_label (storage, p->base.kind);
  budget = gt_project_format_yuan (p->budget_fen);
  g_print ("%s  %s\n", p->base.number, p->base.name);
  g_print (_("Kind: %s   Level: %s   Status: %s\n"), kind_label, gt_label_org_level (p->level),
           gt_project_status_label (p->status));
  g_print (_("Organisation: %s   Village: %s\n"), p->org_name != NULL ? p->org_name : "",
           p->village != NULL ? p->village : "—");
  g_print (_("Leader (挂帅): %s   Responsible cadre (责任人): %s\n"), p->base.leader,
           p->base.cadre);
  g_print (_("Dates: %s – %s   Budget: %s yuan\n"),
           p->base.start_date != NULL ? p->base.start_date : "?",
           p->base.due_date != NULL ? p->base.due_date : "?", budget);
  if (p->base.closed_date != NULL)
    g_print (_("Closed on %s\n"), p->base.closed_date);
  g_print (_("Milestones:\n"));
  for (guint i = 0; i < p->milestones->len; i++)
    {
      GtMilestone *m = p->milestones->pdata[i];

      if (m->done_date != NULL)
        g_print (_("  %2lld. [x] %s (planned %s) ticked off %s by %s\n"),
                 (long long) m->seq, m->name, m->planned_date, m->done_date, m->done_by);
      else
        g_print (_("  %2lld. [ ] %s (planned %s)\n"), (long long) m->seq, m->name,
                 m->planned_date);
    }
  if (p->supervisions->len > 0)
    g_print (_("Supervision (督查), newest first:\n"));
  for (guint i = 0; i < p->supervisions->len; i++)
    {
      GtSupervision *s = p->supervisions->pdata[i];

      g_print ("  %s%s %s%s%s\n", s->checked_on, s->lagging ? _(" [lagging]") : "", s->finding,
               s->deadline != NULL ? _(" — deadline ") : "", s->deadline != NULL ? s->deadline : "");
    }
  for (guint i = 0; i < p->reopenings->len; i++)
    {
      GtReopening *r = p->reopenings->pdata[i];

      g_print (_("Tick-off of “%s” (%s) undone on %s by %s: %s\n"), r->milestone_name,
               r->done_date, r->reopened_on, r->reopened_by, r->reason);
    }
  if (p->accountable)
    g_print (_("Accountability (问责): %lld consecutive lagging checks\n"),
             (long long) p->n_lagging);
  return GT_EXIT_OK;
}

/* ---- milestones ---- */

static gboolean
parse_seq (const char *text, gint64 *seq, int *exit_code)
{
  guint64 value = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &value, NULL))
    {
      *seq = (gint64) value;
      return TRUE;
    }
  *exit_code = gt_cli_project_bad_field ("milestone", _("not a milestone number (1, 2, …)"), text);
  return FALSE;
}

static int
project_milestone (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL, *planned = NULL;
  const char *args[2] = { NULL, NULL };
  int exit_code = GT_EXIT_OK;
  gint64 id = 0, seq = 0, mid = 0;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Milestone name"), N_("TEXT") },
    { "planned", 0, 0, G_OPTION_ARG_STRING, &planned, N_("Planned date"), N_("YYYY-MM-DD") },
    { NULL }
  };

  /* project milestone PROJECT [SEQ] --name … --planned …: adds, or changes the SEQ-th. */
  args[0] = gt_cli_take_arg (&argc, &argv);
  args[1] = gt_cli_take_arg (&argc, &argv);
  if (args[0] == NULL)
    {
      if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
        return exit_code;
      g_printerr (_("guatu-cli %s: expected %s\n"), command->name, command->parameters);
      return GT_EXIT_USAGE;
    }
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      (args[1] != NULL && !parse_seq (args[1], &seq, &exit_code)))
    return exit_code;
  storage = open_project (ctx, args[0], &id, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (seq == 0 ? !gt_milestone_add (storage, id, name, planned, &mid, &error)
               : (!gt_milestone_find (storage, id, seq, &mid, &error) ||
                  !gt_milestone_update (storage, mid, name, planned, &error)))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

static int
project_tick (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtProjectInfo) p = NULL;
  g_autofree char *date = NULL, *by = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0, seq = 0, mid = 0;
  gboolean closed = FALSE;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the tick-off (default: today)"),
      N_("YYYY-MM-DD") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who ticks it off (default: the operator)"),
      N_("NAME") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code) ||
      !parse_seq (args[1], &seq, &exit_code))
    return exit_code;
  storage = open_project (ctx, args[0], &id, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_milestone_find (storage, id, seq, &mid, &error) ||
      !gt_milestone_tick (storage, mid, date, by != NULL ? by : ctx->operator_name, &closed,
                          &error))
    return gt_cli_fail (error);
  if (closed)
    {
      p = gt_project_lookup (storage, id, NULL, &error);
      if (p == NULL)
        return gt_cli_fail (error);
      g_print (_("Project %s closed on %s: every milestone is ticked off.\n"), p->base.number,
               p->base.closed_date);
    }
  return GT_EXIT_OK;
}

static int
project_untick (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *args[2];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0, seq = 0, mid = 0;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the tick-off is undone (required)"),
      N_("TEXT") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 2, entries, &exit_code) ||
      !parse_seq (args[1], &seq, &exit_code))
    return exit_code;
  storage = open_project (ctx, args[0], &id, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_milestone_find (storage, id, seq, &mid, &error) ||
      !gt_milestone_untick (storage, mid, reason, ctx->operator_name, &error))
    return gt_cli_fail (error);
  return GT_EXIT_OK;
}

/* ---- supervision ---- */

static int
project_supervise (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *finding = NULL, *deadline = NULL, *circular = NULL;
  g_autofree char *inspector = NULL;
  g_autoptr (GtProjectInfo) p = NULL;
  gboolean lagging = FALSE;
  const char *args[1];
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  GtSupervisionSpec spec = { 0 };
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the check (default: today)"),
      N_("YYYY-MM-DD") },
    { "finding", 0, 0, G_OPTION_ARG_STRING, &finding, N_("What the check found (required)"),
      N_("TEXT") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline, N_("Deadline to put it right (限时督办)"),
      N_("YYYY-MM-DD") },
    { "circular", 0, 0, G_OPTION_ARG_STRING, &circular, N_("Text of the circular (通报)"),
      N_("TEXT") },
    { "lagging", 0, 0, G_OPTION_ARG_NONE, &lagging, N_("The project was found lagging"), NULL },
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &inspector,
      N_("Supervision group or inspector (default: the operator)"), N_("NAME") },
    { NULL }
  };

  if (!gt_cli_take_args (command, &argc, &argv, args, 1, entries, &exit_code))
    return exit_code;
  storage = open_project (ctx, args[0], &id, &exit_code);
  if (storage == NULL)
    return exit_code;
  spec.checked_on = date;
  spec.finding = finding;
  spec.deadline = deadline;
  spec.circular = circular;
  spec.lagging = lagging;
  spec.inspector = inspector != NULL ? inspector : ctx->operator_name;
  if (!gt_supervision_add (storage, id, &spec, NULL, &error))
    return gt_cli_fail (error);
  p = gt_project_lookup (storage, id, NULL, &error);
  if (p == NULL)
    return gt_cli_fail (error);
  if (p->accountable)
    g_print (_("Project %s: %lld consecutive lagging checks — accountability "
               "(问责) is raised.\n"), p->base.number, (long long) p->n_lagging);
  return GT_EXIT_OK;
}

static const GtCliCommand project_commands[] = {
  { "project add", "--name TEXT --kind CODE --org ORG --leader NAME --cadre NAME [--level L] "
    "[--village V] [--start D] [--due D] [--budget YUAN] [--milestone NAME@DATE …]",
    N_("Add a project; prints the number it is given (挂号)"), project_add },
  { "project edit", "PROJECT [--name …] [--kind …] [--org …] [--leader …] [--cadre …] …",
    N_("Change a project's fields"), project_edit },
  { "project remove", "PROJECT", N_("Remove a project with its milestones and supervision"),
    project_remove },
  { "project list", "[--kind K] [--level L] [--status S] [--org ORG] [--text T] [--json]",
    N_("List the project library with each project's status"), project_list },
  { "project show", "PROJECT [--json]",
    N_("Show a project with its milestones and supervision records"), project_show },
  { "project milestone", "PROJECT [SEQ] --name TEXT --planned YYYY-MM-DD",
    N_("Add a milestone (time node), or change the SEQ-th"), project_milestone },
  { "project tick", "PROJECT SEQ [--date D] [--by NAME]",
    N_("Tick a milestone off (销号); the last one closes the project"), project_tick },
  { "project untick", "PROJECT SEQ --reason TEXT", N_("Undo a tick-off, giving the reason"),
    project_untick },
  { "project supervise", "PROJECT --finding TEXT [--date D] [--deadline D] [--circular TEXT] "
    "[--lagging]", N_("Record a supervision check (督查)"), project_supervise },
  { "project snapshot", "[--date D] [--note TEXT] | list [--json]",
    N_("Take a snapshot (baseline) of the library, or list them"), gt_cli_project_snapshot },
  { "project diff", "[--snapshot ID] [--today D] [--json]",
    N_("What changed since the last snapshot"), gt_cli_project_diff },
  { "project settings", "[--number-scheme S] [--accountability N] [--add-kind CODE=LABEL] "
    "[--remove-kind CODE] [--json]",
    N_("Show or change the numbering scheme, the accountability rule and the kinds"),
    gt_cli_project_settings },
};

int
gt_cli_cmd_project (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (project_commands); i++)
      if (g_strcmp0 (project_commands[i].name + strlen ("project "), argv[1]) == 0)
        return project_commands[i].run (ctx, &project_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli project: expected a subcommand: add, edit, remove, list, show, "
                "milestone, tick, untick, supervise, snapshot, diff, settings\n"));
  return GT_EXIT_USAGE;
}
