/* gt-cli-render.c — guatu-cli render and legend: the 挂图作战 wall charts as PDF, SVG or
 * PNG, whole or tiled, and the colour legend they print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gt-chart-export.h"
#include "gt-cli.h"

static gboolean
usage_error (const GtCliCommand *command, int *exit_code, const char *format, const char *value)
{
  g_autofree char *message = g_strdup_printf (format, value);

  g_printerr ("guatu-cli %s: %s\n", command->name, message);
  *exit_code = GT_EXIT_USAGE;
  return FALSE;
}

static gboolean
format_from_path (const char *path, GtChartFormat *format)
{
  const char *dot = strrchr (path, '.');
  return dot != NULL && gt_chart_format_from_code (dot + 1, format);
}

static void
print_progress (int done, int total, gpointer user_data)
{
  if (total > 1 && *(gboolean *) user_data)
    g_printerr ("\r%d/%d", done, total);
}

/* Says so when many labels come out too small to read on the wall, and on which paper they
 * would not. */
static void
note_small_text (const GtChartData *data, GtChartOptions *chart,
                 const GtChartExportOptions *options)
{
  g_autoptr (GtChartCache) cache = gt_chart_cache_new ();
  guint n = 0, small, small_there = 0;
  double smallest = 0;
  GtPaper larger = GT_PAPER_A0;

  chart->cache = cache;
  small = gt_chart_small_labels (data, chart, options->paper, options->landscape, &n, &smallest);
  if (small * 100 > n && options->paper != GT_PAPER_A0)
    larger = gt_chart_readable_paper (data, chart, options->paper + 1, options->landscape,
                                      &small_there);
  chart->cache = NULL;
  if (small * 100 <= n)
    return;
  if (options->paper != GT_PAPER_A0 && small_there * 100 <= n)
    /* TRANSLATORS: "131 of the 271 labels on A4 are smaller than 5 pt (down to 3.5 pt), …; on
     * A2 they are readable (--paper A2, …)" */
    g_printerr (_("Note: %u of the %u labels on %s are smaller than %.0f pt (down to %.1f pt),"
                  " too small to read on a wall; on %s they are readable (--paper %s, with"
                  " --tile A4 to print it on A4 sheets).\n"),
                small, n, gt_paper_name (options->paper), GT_CHART_READABLE_PT, smallest,
                gt_paper_name (larger), gt_paper_name (larger));
  else
    g_printerr (_("Note: %u of the %u labels on %s are smaller than %.0f pt (down to %.1f pt),"
                  " too small to read on a wall, even on A0: choose fewer projects (--kind,"
                  " --level, --status).\n"),
                small, n, gt_paper_name (options->paper), GT_CHART_READABLE_PT, smallest);
}

int
gt_cli_cmd_render (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtChartData) data = NULL;
  g_autofree char *chart_code = NULL, *format_code = NULL, *paper = NULL, *tile = NULL;
  g_autofree char *out = NULL, *today = NULL, *title = NULL, *background = NULL;
  g_autofree char *kind = NULL, *level = NULL, *status = NULL;
  gboolean landscape = FALSE, verbose = FALSE;
  double overlap = -1, dpi = 0;
  GtChartOptions chart = { GT_CHART_ROUTE };
  GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
  GtChartFilter filter = GT_CHART_FILTER_INIT;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "chart", 'c', 0, G_OPTION_ARG_STRING, &chart_code, N_("route, battle or guide"),
      N_("CHART") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_code,
      N_("pdf, svg or png (default: from the file name)"), N_("FORMAT") },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper, N_("A4 … A0 (default A4)"), N_("SIZE") },
    { "landscape", 'l', 0, G_OPTION_ARG_NONE, &landscape, N_("Landscape instead of portrait"),
      NULL },
    { "tile", 0, 0, G_OPTION_ARG_STRING, &tile,
      N_("Cut the chart into A4 or A3 sheets (PDF), with an overview page first"), N_("SIZE") },
    { "overlap", 0, 0, G_OPTION_ARG_DOUBLE, &overlap,
      N_("Overlap of the tiled sheets in millimetres (default 10)"), N_("MM") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("Resolution of a PNG (default 150)"), N_("N") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), N_("FILE") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("Show the state as of this date (default: today)"), N_("YYYY-MM-DD") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The chart's title"), N_("TEXT") },
    { "background", 0, 0, G_OPTION_ARG_FILENAME, &background,
      N_("A map image (PNG or SVG) behind the battle map"), N_("FILE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only projects of this kind"), N_("KIND") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Only projects of this level"),
      N_("LEVEL") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only projects with this status (done, on_track, at_risk, overdue)"), N_("STATUS") },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &verbose, N_("Show the pages written"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (chart_code == NULL || !gt_chart_kind_from_code (chart_code, &chart.kind))
    {
      usage_error (command, &exit_code, _("--chart must be route, battle or guide, not “%s”"),
                   chart_code != NULL ? chart_code : "");
      return exit_code;
    }
  if (out == NULL || *out == '\0')
    {
      g_printerr (_("guatu-cli %s: --out FILE is required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  if (format_code != NULL ? !gt_chart_format_from_code (format_code, &options.format)
                          : !format_from_path (out, &options.format))
    {
      usage_error (command, &exit_code, _("--format must be pdf, svg or png, not “%s”"),
                   format_code != NULL ? format_code : out);
      return exit_code;
    }
  if (paper != NULL && !gt_paper_from_name (paper, &options.paper))
    {
      usage_error (command, &exit_code, _("--paper must be A4, A3, A2, A1 or A0, not “%s”"),
                   paper);
      return exit_code;
    }
  if (tile != NULL)
    {
      if (!gt_paper_from_name (tile, &options.tile_paper)
          || (options.tile_paper != GT_PAPER_A4 && options.tile_paper != GT_PAPER_A3))
        {
          usage_error (command, &exit_code, _("--tile must be A4 or A3, not “%s”"), tile);
          return exit_code;
        }
      options.tiled = TRUE;
    }
  if (overlap >= 0 && tile == NULL)
    {
      g_printerr (_("guatu-cli %s: --overlap needs --tile\n"), command->name);
      return GT_EXIT_USAGE;
    }
  if (overlap > 50 || (overlap < 0 && overlap != -1))
    {
      g_printerr (_("guatu-cli %s: --overlap must be between 0 and 50 mm\n"), command->name);
      return GT_EXIT_USAGE;
    }
  if (dpi != 0 && (options.format != GT_CHART_FORMAT_PNG || dpi < 10 || dpi > 1200))
    {
      g_printerr (_("guatu-cli %s: --dpi is for PNG, between 10 and 1200\n"), command->name);
      return GT_EXIT_USAGE;
    }
  if (status != NULL)
    {
      GtProjectStatus s;
      if (!gt_project_status_from_code (status, &s))
        {
          usage_error (command, &exit_code,
                       _("--status must be done, on_track, at_risk or overdue, not “%s”"), status);
          return exit_code;
        }
      filter.status = (int) s;
    }
  if (today != NULL && !gt_date_is_valid (today))
    {
      usage_error (command, &exit_code, _("--today must be a date YYYY-MM-DD, not “%s”"), today);
      return exit_code;
    }
  if (background != NULL && !g_file_test (background, G_FILE_TEST_IS_REGULAR))
    {
      usage_error (command, &exit_code, _("%s: no such file"), background);
      return exit_code;
    }
  /* GtPaper runs A4 … A0: a chart no larger than the sheets is one page, as in the window */
  if (options.tiled && options.paper <= options.tile_paper)
    {
      options.tiled = FALSE;
      /* TRANSLATORS: the chart's paper, the paper of the sheets asked for */
      g_printerr (_("Note: a chart on %s fits one %s sheet: it is written as one page, without "
                    "tiling.\n"), gt_paper_name (options.paper), gt_paper_name (options.tile_paper));
    }
  options.landscape = landscape;
  options.overlap_mm = overlap;
  options.dpi = dpi;
  chart.title = title;
  chart.background = background;
  filter.kind = kind;
  filter.level = level;

  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  data = gt_chart_data_load (storage, today, &error);
  if (data == NULL)
    return gt_cli_fail (error);
  gt_chart_data_filter (data, &filter);
  if (!gt_chart_export (data, &chart, &options, out, print_progress, &verbose, NULL, &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? GT_EXIT_USAGE
                                                                              : GT_EXIT_CANTCREAT;
    }
  if (verbose)
    g_printerr ("\n");
  /* TRANSLATORS: file, chart title, paper, number of projects */
  g_print (ngettext ("%s: %s on %s, %u project\n", "%s: %s on %s, %u projects\n",
                     data->projects->len),
           out, gt_chart_kind_title (chart.kind), gt_paper_name (options.paper),
           data->projects->len);
  note_small_text (data, &chart, &options);
  return GT_EXIT_OK;
}

/* ---- legend ---- */

static int
legend_show (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) legend = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  legend = gt_project_legend_load (storage, &error);
  if (legend == NULL)
    return gt_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      gt_cli_json_add_int (builder, "at_risk_days", gt_project_at_risk_days (storage));
      json_builder_set_member_name (builder, "legend");
      json_builder_begin_array (builder);
      for (guint i = 0; i < legend->len; i++)
        {
          const GtLegendEntry *e = legend->pdata[i];
          g_autofree char *colour = gt_colour_format (e->r, e->g, e->b);
          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "status", gt_project_status_code (e->status));
          gt_cli_json_add_string (builder, "colour", colour);
          gt_cli_json_add_string (builder, "meaning", e->meaning);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gt_cli_print_json (builder);
      return GT_EXIT_OK;
    }
  for (guint i = 0; i < legend->len; i++)
    {
      const GtLegendEntry *e = legend->pdata[i];
      g_autofree char *colour = gt_colour_format (e->r, e->g, e->b);
      g_print ("%-9s %s  %s\n", gt_project_status_code (e->status), colour, e->meaning);
    }
  g_print (_("at-risk days: %d\n"), gt_project_at_risk_days (storage));
  return GT_EXIT_OK;
}

static int
legend_set (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) legend = NULL;
  g_autofree char *colour = NULL, *meaning = NULL;
  const char *what;
  int exit_code = GT_EXIT_OK;
  GtProjectStatus status;
  GOptionEntry entries[] = {
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour, N_("The colour, e.g. #D32F2F"),
      N_("#RRGGBB") },
    { "meaning", 0, 0, G_OPTION_ARG_STRING, &meaning, N_("What the colour means, as printed"),
      N_("TEXT") },
    { NULL }
  };

  what = gt_cli_take_arg (&argc, &argv);
  /* "legend set --help": the help, not a refusal of "--help" as the thing to set */
  if (what == NULL && gt_cli_help_asked (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (g_strcmp0 (what, "leader") == 0 || g_strcmp0 (what, "goal") == 0)
    {
      const char *value = gt_cli_take_arg (&argc, &argv);
      g_autofree char *stripped = NULL;

      if (!gt_cli_parse (command, NULL, &argc, &argv, &exit_code))
        return exit_code;
      stripped = g_strstrip (g_strdup (value != NULL ? value : ""));
      if (*stripped == '\0' && g_strcmp0 (what, "goal") == 0)
        {
          usage_error (command, &exit_code, _("%s needs a text"), what);
          return exit_code;
        }
      storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
      if (storage == NULL)
        return exit_code;
      /* The title block's responsible leader (empty: none), the work guide's root. */
      return gt_storage_set_meta (storage, g_strcmp0 (what, "leader") == 0 ? "chart.leader"
                                                                            : "chart.goal",
                                  stripped, &error)
               ? GT_EXIT_OK
               : gt_cli_fail (error);
    }
  if (g_strcmp0 (what, "at-risk-days") == 0)
    {
      const char *value = gt_cli_take_arg (&argc, &argv);
      gint64 days;

      if (!gt_cli_parse (command, NULL, &argc, &argv, &exit_code))
        return exit_code;
      if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &days, NULL))
        {
          usage_error (command, &exit_code, _("at-risk-days needs a whole number, not “%s”"),
                       value != NULL ? value : "");
          return exit_code;
        }
      storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
      if (storage == NULL)
        return exit_code;
      return gt_project_set_at_risk_days (storage, (int) days, &error) ? GT_EXIT_OK
                                                                      : gt_cli_fail (error);
    }
  if (what == NULL || !gt_project_status_from_code (what, &status))
    {
      usage_error (command, &exit_code,
                   _("expected done, on_track, at_risk, overdue, at-risk-days, leader or goal, "
                     "not “%s”"),
                   what != NULL ? what : "");
      return exit_code;
    }
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (colour == NULL && meaning == NULL)
    {
      g_printerr (_("guatu-cli %s: give --colour and/or --meaning\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  legend = gt_project_legend_load (storage, &error);
  if (legend == NULL)
    return gt_cli_fail (error);
  for (guint i = 0; i < legend->len; i++)
    {
      GtLegendEntry *e = legend->pdata[i];
      if (e->status != status)
        continue;
      if (colour != NULL && !gt_colour_parse (colour, &e->r, &e->g, &e->b))
        {
          usage_error (command, &exit_code, _("“%s” is not a colour like #D32F2F"), colour);
          return exit_code;
        }
      if (meaning != NULL)
        {
          g_free (e->meaning);
          e->meaning = g_strdup (meaning);
        }
    }
  return gt_project_legend_save (storage, legend, &error) ? GT_EXIT_OK : gt_cli_fail (error);
}

static const GtCliCommand legend_commands[] = {
  { "legend show", "[--json]", N_("Show the chart legend and the at-risk days"), legend_show },
  { "legend set", "STATUS [--colour #RRGGBB] [--meaning TEXT] | at-risk-days N | leader NAME | "
    "goal TEXT", N_("Change a legend colour, its printed meaning, the at-risk days, the "
                    "responsible leader or the work guide's goal"), legend_set },
};

int
gt_cli_cmd_legend (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (legend_commands); i++)
      if (g_strcmp0 (legend_commands[i].name + strlen ("legend "), argv[1]) == 0)
        return legend_commands[i].run (ctx, &legend_commands[i], argc - 1, argv + 1);

  g_printerr (_("guatu-cli legend: expected a subcommand: show, set\n"));
  return GT_EXIT_USAGE;
}
