/* gt-cli-report.c — guatu-cli report KIND --period P --out FILE.pdf
 *
 * A table of report kinds: each builds a GtReport (gt-report.h) for a period, which is then
 * written as an A4 PDF. Other areas add their kinds at the end of the table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gt-cli.h"
#include "gt-life-report.h"
#include "gt-score-report.h"

typedef struct
{
  const char *name;
  const char *summary; /* N_() */
  GtReport *(*build) (GtStorage *storage, const char *period, GError **error);
} ReportKind;

static GtReport *
build_compliance (GtStorage *storage, const char *period, GError **error)
{
  return gt_life_report_compliance (storage, period, NULL, error);
}

/* scoring */
static GtReport *
build_ranking (GtStorage *storage, const char *period, GError **error)
{
  return gt_score_report_table (storage, "member", period, error);
}

static GtReport *
build_redblack (GtStorage *storage, const char *period, GError **error)
{
  return gt_score_report_table (storage, "redblack", period, error);
}

static GtReport *
build_fortress (GtStorage *storage, const char *period, GError **error)
{
  return gt_score_report_table (storage, "fortress", period, error);
}

static const ReportKind report_kinds[] = {
  /* life */
  { "compliance", N_("Organisational life: meetings held, missing, overdue (三会一课)"),
    build_compliance },
  { "arrears", N_("Members behind with their dues as of the period's end"),
    gt_dues_report_arrears },
  { "receipts", N_("Dues received in the period, by organisation"), gt_dues_report_receipts },
  /* scoring */
  { "ranking", N_("Members' points ranked within each branch, with 末位警示 (亮分)"),
    build_ranking },
  { "redblack", N_("The quarter's red/black list notice (红黑榜)"), build_redblack },
  { "fortress", N_("Fortress index, class and grade of each branch (堡垒指数)"), build_fortress },
};

/* "compliance, arrears, …" */
static char *
kind_names (void)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (report_kinds); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", report_kinds[i].name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

int
gt_cli_cmd_report (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtReport) report = NULL;
  g_autofree char *period = NULL, *out = NULL;
  const ReportKind *kind = NULL;
  const char *name;
  int exit_code = GT_EXIT_OK;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period,
      N_("2026-07, 2026-Q3, 2026-H2 or 2026"), N_("PERIOD") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };

  name = gt_cli_take_arg (&argc, &argv);
  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (report_kinds); i++)
    if (strcmp (report_kinds[i].name, name) == 0)
      kind = &report_kinds[i];
  if (kind == NULL)
    {
      g_autofree char *names = kind_names ();

      if (name != NULL)
        g_printerr (_("guatu-cli report: unknown kind of report “%s” (%s)\n"), name, names);
      else
        g_printerr (_("guatu-cli report: expected a kind of report (%s)\n"), names);
      return GT_EXIT_USAGE;
    }
  if (period == NULL || out == NULL || *out == '\0')
    {
      g_printerr (_("guatu-cli report: --period P and --out FILE.pdf are required\n"));
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  report = kind->build (storage, period, &error);
  if (report == NULL)
    {
      /* A period the scoring kinds cannot read is bad data, as for the other kinds; not an
       * I/O error. */
      if (error->domain == G_IO_ERROR && (error->code == G_IO_ERROR_INVALID_ARGUMENT ||
                                          error->code == G_IO_ERROR_INVALID_DATA))
        {
          g_printerr ("guatu-cli: %s\n", error->message);
          return GT_EXIT_DATAERR;
        }
      return gt_cli_fail (error);
    }
  if (!gt_report_write_pdf (report, out, &error))
    {
      g_printerr ("guatu-cli: %s\n", error->message);
      return GT_EXIT_CANTCREAT;
    }
  g_print (ngettext ("%s: %u page\n", "%s: %u pages\n", gt_report_get_n_pages (report)), out,
           gt_report_get_n_pages (report));
  return GT_EXIT_OK;
}
