/* gt-chart-print.c — printing a wall chart with GtkPrintOperation: whole on one sheet, or
 * tiled (pages = the assembly overview, then the tiles of gt-chart-export.h) on sheets
 * turned to the orientation that needs the fewest of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-chart-print.h"

#define PRINT_MARGIN_MM 6.0

typedef struct
{
  GtChartData *data;
  GtChartKind kind;
  GtPaper paper;
  gboolean landscape;
  gboolean tiled;
  double overlap_mm;
  GtChartTiling tiling;
  GtChartCache *cache;
  GtkWidget *tile_check;
  GtkWidget *overlap_spin;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  gt_chart_data_free (job->data);
  gt_chart_cache_free (job->cache);
  g_free (job);
}

static void
draw_chart (cairo_t *cr, double width, double height, gpointer user_data)
{
  PrintJob *job = user_data;
  GtChartOptions options = { job->kind, NULL, NULL, job->cache };

  gt_chart_draw (cr, job->data, &options, width, height, NULL);
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *op, PrintJob *job)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_container_set_border_width (GTK_CONTAINER (box), 12);
  job->tile_check = gtk_check_button_new_with_mnemonic (
    _("_Tile onto several sheets of the chosen paper, with an assembly overview first"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (job->tile_check), job->tiled);
  job->overlap_spin = gtk_spin_button_new_with_range (0, 50, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (job->overlap_spin), job->overlap_mm);
  gtk_box_pack_start (GTK_BOX (row), gtk_label_new_with_mnemonic (_("_Overlap (mm):")), FALSE,
                      FALSE, 0);
  gtk_box_pack_start (GTK_BOX (row), job->overlap_spin, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), job->tile_check, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), row, FALSE, FALSE, 0);
  gtk_widget_show_all (box);
  return G_OBJECT (box);
}

static void
custom_widget_apply_cb (GtkPrintOperation *op, GtkWidget *widget, PrintJob *job)
{
  job->tiled = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (job->tile_check));
  job->overlap_mm = gtk_spin_button_get_value (GTK_SPIN_BUTTON (job->overlap_spin));
}

static void
begin_print_cb (GtkPrintOperation *op, GtkPrintContext *context, PrintJob *job)
{
  double w, h;

  gt_paper_size (job->paper, job->landscape, &w, &h);
  if (!job->tiled)
    {
      gtk_print_operation_set_n_pages (op, 1);
      return;
    }
  /* The context is in points (GTK_UNIT_POINTS): the printable area of one sheet, in the
   * orientation that needs the fewest sheets (request_page_setup_cb turns every page). */
  gt_chart_tiling_choose (&job->tiling, w, h, gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context), GT_MM_TO_PT (PRINT_MARGIN_MM),
                          GT_MM_TO_PT (job->overlap_mm));
  gtk_print_operation_set_n_pages (op, 1 + gt_chart_tiling_n_tiles (&job->tiling));
}

static void
request_page_setup_cb (GtkPrintOperation *op, GtkPrintContext *context, int page_nr,
                       GtkPageSetup *setup, PrintJob *job)
{
  if (job->tiled)
    gtk_page_setup_set_orientation (setup, gt_chart_tiling_is_landscape (&job->tiling)
                                             ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                             : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page_cb (GtkPrintOperation *op, GtkPrintContext *context, int page_nr, PrintJob *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double pw = gtk_print_context_get_width (context), ph = gtk_print_context_get_height (context);
  double w, h, s;

  if (job->tiled)
    {
      if (page_nr == 0)
        gt_chart_tiling_draw_overview (&job->tiling, cr, draw_chart, job);
      else
        gt_chart_tiling_draw_tile (&job->tiling, page_nr - 1, cr, draw_chart, job);
      return;
    }
  /* The whole sheet, scaled to the paper chosen in the dialog. */
  gt_paper_size (job->paper, job->landscape, &w, &h);
  s = MIN (pw / w, ph / h);
  cairo_translate (cr, (pw - w * s) / 2, (ph - h * s) / 2);
  cairo_scale (cr, s, s);
  draw_chart (cr, w, h, job);
}

GtkPrintOperation *
gt_chart_print_operation_new (GtChartData *data, GtChartKind kind, GtPaper paper,
                              gboolean landscape, gboolean tiled, GtPaper tile_paper,
                              double overlap_mm)
{
  GtkPrintOperation *op;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper_size = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);
  const char *names[] = { GTK_PAPER_NAME_A4, GTK_PAPER_NAME_A3, "iso_a2", "iso_a1", "iso_a0" };

  job->data = data;
  job->kind = kind;
  job->paper = paper;
  job->landscape = landscape;
  job->tiled = tiled;
  job->overlap_mm = overlap_mm;
  job->cache = gt_chart_cache_new ();

  op = gtk_print_operation_new ();
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (op, gt_chart_kind_title (job->kind));
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  /* Whole sheet: the chart's own paper; tiled: the sheets of Preferences unless the dialog
   * says otherwise. */
  paper_size = gtk_paper_size_new (names[tiled ? tile_paper : job->paper]);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper_size);
  if (tiled)
    {
      /* the sheets' orientation that needs the fewest of them (begin-print decides again
       * for the paper chosen in the dialog) */
      double w, h;

      gt_paper_size (job->paper, job->landscape, &w, &h);
      gt_chart_tiling_compute (&job->tiling, w, h, tile_paper, GT_MM_TO_PT (PRINT_MARGIN_MM),
                               GT_MM_TO_PT (overlap_mm));
    }
  gtk_page_setup_set_orientation (setup, (tiled ? gt_chart_tiling_is_landscape (&job->tiling)
                                                : job->landscape)
                                           ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                           : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_custom_tab_label (op, _("Wall Chart"));
  g_object_set_data_full (G_OBJECT (op), "gt-print-job", job, print_job_free);
  g_signal_connect (op, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), job);
  g_signal_connect (op, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), job);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (op, "request-page-setup", G_CALLBACK (request_page_setup_cb), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), job);
  return op;
}

