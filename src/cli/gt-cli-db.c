/* gt-cli-db.c — guatu-cli commands on the database as a whole: init, demo, stats, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "gt-cli.h"
#include "gt-demo.h"
#include "gt-office.h"
#include "gt-stats.h"

int
gt_cli_cmd_init (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *role = NULL, *office_name = NULL, *office_code = NULL;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Office role: township (default) or county"),
      N_("ROLE") },
    { "office-name", 0, 0, G_OPTION_ARG_STRING, &office_name, N_("Name of the office"),
      N_("NAME") },
    { "office-code", 0, 0, G_OPTION_ARG_STRING, &office_code, N_("Administrative code of the "
                                                                  "office"), N_("CODE") },
    /* exchange: the short forms used by the exchange docs */
    { "code", 0, 0, G_OPTION_ARG_STRING, &office_code, N_("Administrative code of the "
                                                           "office"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &office_name, N_("Name of the office"), N_("NAME") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (role != NULL && g_strcmp0 (role, "township") != 0 && g_strcmp0 (role, "county") != 0)
    {
      g_printerr (_("guatu-cli init: --role must be “township” or “county”, not “%s”\n"), role);
      return GT_EXIT_USAGE;
    }
  if (!gt_office_check_name (office_name, &error) ||
      !gt_office_check_code (role, office_code, &error))
    {
      g_printerr ("guatu-cli init: %s\n", error->message);
      return GT_EXIT_USAGE;
    }
  if (g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("guatu-cli init: %s already exists; it was left unchanged\n"), ctx->db_path);
      return GT_EXIT_CANTCREAT;
    }

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_CREATE, &exit_code);
  if (storage == NULL)
    return exit_code == GT_EXIT_NOINPUT ? GT_EXIT_CANTCREAT : exit_code;

  {
    GtOfficeInfo info = { role, office_name, office_code, NULL };

    if (!gt_office_write (storage, &info, &error))
      return gt_cli_fail (error);
  }

  g_print (_("Created %s (schema version %d)\n"), ctx->db_path,
           gt_storage_get_schema_version (storage));
  return GT_EXIT_OK;
}

/* A prefecture takes minutes: its share done, on a terminal only (scripts get no noise). */
static void
print_demo_progress (double fraction, gpointer user_data)
{
  int *last = user_data;
  int percent = (int) (fraction * 100);

  if (percent == *last)
    return;
  *last = percent;
  g_printerr ("\r%3d %%", percent);
  if (percent == 100)
    g_printerr ("\n");
}

int
gt_cli_cmd_demo (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL, *name = NULL;
  int exit_code = GT_EXIT_OK, seed = -1;
  gint64 members = 0;
  int last_percent = -1;
  g_autofree char *preset = NULL;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same data"),
      N_("N") },
    { "members", 0, 0, G_OPTION_ARG_INT64, &members,
      N_("Generate a prefecture-scale tree with N members instead of the township"), N_("N") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset,
      N_("A named size: quzhou (200 000 members, about 12 000 organisations)"), N_("NAME") },
    /* exchange: many different townships for one county */
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("Office code of the demo township (the "
                                                   "default seed then follows from it)"),
      N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Office name of the demo township"),
      N_("NAME") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (preset != NULL)
    {
      if (g_strcmp0 (preset, "quzhou") != 0)
        {
          g_printerr (_("guatu-cli demo: unknown preset “%s”; known: quzhou\n"), preset);
          return GT_EXIT_USAGE;
        }
      members = 200000;
    }
  if (members < 0 || members > 5000000)
    {
      g_printerr (_("guatu-cli demo: --members must be between 1 and 5 000 000\n"));
      return GT_EXIT_USAGE;
    }
  /* checked as init checks a township's code: it names the packages and their files */
  if (!gt_office_check_code ("township", code, &error))
    {
      g_printerr ("guatu-cli demo: %s\n", error->message);
      return GT_EXIT_USAGE;
    }
  if (seed < 0)
    seed = code != NULL ? (int) (g_str_hash (code) & 0x7fffffff) : 20180730;

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_CREATE, &exit_code);
  if (storage == NULL)
    return exit_code;
  if ((members > 0 ? !gt_demo_build_scale (storage, members, (guint32) seed,
                                           isatty (STDERR_FILENO) ? print_demo_progress : NULL,
                                           &last_percent, &error)
                   : !gt_demo_build_township (storage, (guint32) seed, &error)) ||
      (members == 0 && (code != NULL || name != NULL) &&
       !gt_demo_set_office (storage, code, name, &error)) ||
      (members > 0 && code != NULL && !gt_storage_set_meta (storage, "office_code", code, &error)) ||
      (members > 0 && name != NULL && !gt_storage_set_meta (storage, "office_name", name, &error)))
    return gt_cli_fail (error);

  g_print (_("Demo data written to %s\n"), ctx->db_path);
  return GT_EXIT_OK;
}

int
gt_cli_cmd_stats (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) stats = NULL;
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
  stats = gt_stats_collect (storage, &error);
  if (stats == NULL)
    return gt_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < stats->len; i++)
        {
          GtStatsEntry *entry = &g_array_index (stats, GtStatsEntry, i);
          json_builder_set_member_name (builder, entry->key);
          json_builder_add_int_value (builder, entry->value);
        }
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
    }
  else
    for (guint i = 0; i < stats->len; i++)
      {
        GtStatsEntry *entry = &g_array_index (stats, GtStatsEntry, i);
        g_print ("%-22s %" G_GINT64_FORMAT "\n", entry->key, entry->value);
      }
  return GT_EXIT_OK;
}

int
gt_cli_cmd_check (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  int exit_code = GT_EXIT_OK;

  if (!gt_cli_parse (command, NULL, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  if (!gt_stats_check (storage, &problems, &error))
    return gt_cli_fail (error);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s: %s\n", ctx->db_path, (char *) problems->pdata[i]);
  if (problems->len > 0)
    {
      g_printerr (ngettext ("%s: %u problem found\n", "%s: %u problems found\n", problems->len),
                  ctx->db_path, problems->len);
      return GT_EXIT_DATAERR;
    }
  g_print (_("%s: no problems found\n"), ctx->db_path);
  return GT_EXIT_OK;
}
