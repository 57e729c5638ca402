/* gt-cli-statistics.c — guatu-cli statistics: the annual Party statistics tables (党内统计)
 * from the member events, as text, JSON (with the names behind every number), A4 PDF or the
 * XML element tree of the exchange package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-cli.h"
#include "gt-file.h"
#include "gt-statistics.h"

static void
print_json (const GtStatistics *s)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  gt_cli_json_add_int (builder, "year", s->year);
  gt_cli_json_add_string (builder, "office", s->office);
  gt_cli_json_add_int (builder, "start", s->start);
  gt_cli_json_add_int (builder, "end", s->end);
  json_builder_set_member_name (builder, "tables");
  json_builder_begin_array (builder);
  for (guint i = 0; i < s->tables->len; i++)
    {
      GtStatTable *t = s->tables->pdata[i];

      json_builder_begin_object (builder);
      gt_cli_json_add_string (builder, "code", t->code);
      gt_cli_json_add_string (builder, "title", t->title);
      json_builder_set_member_name (builder, "sums_to_end");
      json_builder_add_boolean_value (builder, t->sums_to_end);
      json_builder_set_member_name (builder, "rows");
      json_builder_begin_array (builder);
      for (guint j = 0; j < t->rows->len; j++)
        {
          GtStatRow *r = t->rows->pdata[j];

          json_builder_begin_object (builder);
          gt_cli_json_add_string (builder, "code", r->code);
          gt_cli_json_add_string (builder, "label", r->label);
          gt_cli_json_add_int (builder, "count", r->persons->len);
          json_builder_set_member_name (builder, "persons");
          json_builder_begin_array (builder);
          for (guint k = 0; k < r->persons->len; k++)
            {
              GtStatPerson *p = r->persons->pdata[k];

              json_builder_begin_object (builder);
              gt_cli_json_add_int (builder, "member_id", p->member_id);
              gt_cli_json_add_string (builder, "name", p->name);
              gt_cli_json_add_string (builder, "organization", p->org_name);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  gt_cli_print_json (builder);
}

static gboolean
write_xml (const GtStatistics *s, const char *path, GError **error)
{
  xmlDocPtr doc = xmlNewDoc (BAD_CAST "1.0");
  xmlChar *text = NULL;
  int size = 0;
  gboolean ok;

  xmlDocSetRootElement (doc, gt_statistics_to_xml (s, doc, TRUE));
  xmlDocDumpFormatMemoryEnc (doc, &text, &size, "UTF-8", 1);
  ok = gt_file_write_atomically (path, (const char *) text, (gsize) size, error);
  xmlFree (text);
  xmlFreeDoc (doc);
  return ok;
}

int
gt_cli_cmd_statistics (GtCliContext *ctx, const GtCliCommand *command, int argc, char **argv)
{
  g_autoptr (GtStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtStatistics) s = NULL;
  g_autofree char *out = NULL, *xml = NULL;
  gboolean json = FALSE;
  int exit_code = GT_EXIT_OK, year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year of the tables"), N_("YEAR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object, with the names"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the tables as an A4 PDF"),
      N_("FILE") },
    { "xml", 0, 0, G_OPTION_ARG_FILENAME, &xml,
      N_("Write the tables as XML, as the exchange package carries them"), N_("FILE") },
    { NULL }
  };

  if (!gt_cli_parse (command, entries, &argc, &argv, &exit_code))
    return exit_code;
  if (year == 0)
    {
      g_printerr (_("guatu-cli %s: --year YEAR is required\n"), command->name);
      return GT_EXIT_USAGE;
    }
  storage = gt_cli_open (ctx, GT_STORAGE_OPEN_DEFAULT, &exit_code);
  if (storage == NULL)
    return exit_code;
  s = gt_statistics_compute (storage, year, &error);
  if (s == NULL)
    return gt_cli_fail (error);
  if (out != NULL && !gt_statistics_write_pdf (s, out, &error))
    return gt_cli_fail (error);
  if (xml != NULL && !write_xml (s, xml, &error))
    return gt_cli_fail (error);
  if (json)
    {
      print_json (s);
      return GT_EXIT_OK;
    }
  if (out != NULL || xml != NULL)
    return GT_EXIT_OK;
  for (guint i = 0; i < s->tables->len; i++)
    {
      GtStatTable *t = s->tables->pdata[i];

      g_print ("== %s ==\n", t->title);
      for (guint j = 0; j < t->rows->len; j++)
        {
          GtStatRow *r = t->rows->pdata[j];
          g_print ("%6u  %s\n", r->persons->len, r->label);
        }
    }
  return GT_EXIT_OK;
}
