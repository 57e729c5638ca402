/* gt-cli-project-snapshot.c — guatu-cli project snapshot, diff and settings: the monthly
 * baselines of the project library, what changed since, the numbering scheme, the
 * accountability rule and the kinds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-cli-project.h"
#include "gt-project.h"

/* ---- snapshots and the changes since ---- */

int
gt_cli_project_snapshot (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL, *note = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  gint64 id = 0;
  gboolean list = argc >= 2 && g_strcmp0 (argv[1], "list") == 0;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date the snapshot keeps (default: today)"),
      N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note, e.g. the month"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("snapshot list: print one JSON array"), NULL },
    { NULL }
  };

  if (list)
    {
      argc--;
      argv++;
    }
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      !gt_cli_project_check_date ("date", date, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (list)
    {
      g_autoptr (GPtrArray) snapshots = gt_project_snapshot_list (storage, &error);
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      if (snapshots == NULL)
        return gt_cli_fail (error);
      json_builder_begin_array (builder);
      for (guint i = 0; i < snapshots->len; i++)
        {
          GtProjectSnapshot *s = snapshots->pdata[i];

          if (!json)
            {
              g_print ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t%s\n", s->id, s->taken_on,
                       s->n_projects, s->note);
              continue;
            }
          json_builder_begin_object (builder);
          gt_cli_json_add_int (builder, "id", s->id);
          gt_cli_json_add_string (builder, "taken_on", s->taken_on);
          gt_cli_json_add_string (builder, "note", s->note);
          gt_cli_json_add_int (builder, "projects", s->n_projects);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (json)
        gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  if (!gt_project_snapshot_take (storage, date, note, &id, &error))
    return gt_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return GT_EXIT_OK;
}

static void
add_changes_json (JsonBuilder *builder, const char *key, GPtrArray *changes)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      GtProjectChange *c = changes->pdata[i];

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "project_id", c->project_id);
      gt_cli_json_add_string (builder, "number", c->number);
      gt_cli_json_add_string (builder, "name", c->name);
      gt_cli_json_add_string (builder, "kind", c->kind);
      gt_cli_json_add_string (builder, "detail", c->detail);
      gt_cli_json_add_string (builder, "date", c->date);
      gt_cli_json_add_string (builder, "who", c->who);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_changes (const char *title, GPtrArray *changes)
{
  g_print ("%s (%u)\n", title, changes->len);
  for (guint i = 0; i < changes->len; i++)
    {
      GtProjectChange *c = changes->pdata[i];

      g_print ("  %s\t%s\t%s\t%s\t%s\n", c->number, c->name, c->detail != NULL ? c->detail : "",
               c->date != NULL ? c->date : "", c->who != NULL ? c->who : "");
    }
}

int
gt_cli_project_diff (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtProjectDiff) diff = NULL;
  g_autofree char *today = NULL;
  gint64 snapshot = 0;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "snapshot", 0, 0, G_OPTION_ARG_INT64, &snapshot,
      N_("Compare with this snapshot (default: the latest)"), N_("ID") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Compare with the library on this date"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code) ||
      !gt_cli_project_check_date ("today", today, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  diff = gt_project_diff (storage, snapshot, today, &error);
  if (diff == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "snapshot", diff->snapshot_id);
      gt_cli_json_add_string (builder, "taken_on", diff->taken_on);
      gt_cli_json_add_string (builder, "today", diff->today);
      add_changes_json (builder, "ticked", diff->ticked);
      add_changes_json (builder, "newly_overdue", diff->newly_overdue);
      add_changes_json (builder, "new_projects", diff->new_projects);
      add_changes_json (builder, "closed", diff->closed);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  g_print (_("Changes since the snapshot of %s, as on %s:\n"), diff->taken_on, diff->today);
  print_changes (_("Milestones ticked off"), diff->ticked);
  print_changes (_("Projects newly overdue"), diff->newly_overdue);
  print_changes (_("New projects"), diff->new_projects);
  print_changes (_("Projects closed"), diff->closed);
  return GT_EXIT_OK;
}

/* ---- settings: numbering scheme, accountability rule, kinds ---- */

int
gt_cli_project_settings (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) kinds = NULL;
  g_autofree char *scheme = NULL, *add_kind = NULL, *remove_kind = NULL, *current = NULL;
  int accountability = 0;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "number-scheme", 0, 0, G_OPTION_ARG_STRING, &scheme,
      N_("Numbering scheme: YYYY, YY, MM of the start date, NNN the running number"),
      N_("SCHEME") },
    { "accountability", 0, 0, G_OPTION_ARG_INT, &accountability,
      N_("Consecutive lagging checks that raise accountability (问责)"), N_("N") },
    { "add-kind", 0, 0, G_OPTION_ARG_STRING, &add_kind, N_("Add a project kind"),
      N_("CODE=LABEL") },
    { "remove-kind", 0, 0, G_OPTION_ARG_STRING, &remove_kind,
      N_("Remove a project kind no project uses"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (scheme != NULL && !gt_project_set_number_scheme (storage, scheme, &error))
    return gt_cli_fail (error);
  if (accountability != 0 &&
      !gt_project_set_accountability_checks (storage, accountability, &error))
    return gt_cli_fail (error);
  if (add_kind != NULL)
    {
      char *eq = strchr (add_kind, '=');

      if (eq == NULL)
        return gt_cli_project_bad_field ("kind", _("expected CODE=LABEL"), add_kind);
      *eq = '\0';
      if (!gt_project_kind_add (storage, add_kind, eq + 1, &error))
        return gt_cli_fail (error);
    }
  if (remove_kind != NULL && !gt_project_kind_remove (storage, remove_kind, &error))
    return gt_cli_fail (error);

  current = gt_project_number_scheme (storage);
  kinds = gt_project_kind_list (storage, &error);
  if (kinds == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      gt_cli_json_add_string (builder, "number_scheme", current);
      gt_cli_json_add_int (builder, "accountability_checks",
                           gt_project_accountability_checks (storage));
      gt_cli_json_add_int (builder, "at_risk_days", gt_project_at_risk_days (storage));
      json_builder_set_member_name (builder, "kinds");
      json_builder_begin_array (builder);
      for (guint i = 0; i < kinds->len; i++)
        {
          GtProjectKind *k = kinds->pdata[i];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "code", k->code);
          gt_cli_json_add_string (builder, "label", k->label);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  g_print (_("number-scheme %s\n"), current);
  g_print (_("accountability %d\t(consecutive lagging checks)\n"),
           gt_project_accountability_checks (storage));
  for (guint i = 0; i < kinds->len; i++)
    {
      GtProjectKind *k = kinds->pdata[i];
      g_print (_("kind %s\t%s\n"), k->code, k->label);
    }
  return GT_EXIT_OK;
}
