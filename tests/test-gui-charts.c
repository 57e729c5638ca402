/* test-gui-charts.c — the Wall Charts area: the chart drawn in the window, a click on a
 * project, tooltips text, zoom and fit, filters, the accessible description, export in the
 * background and printing tiled to PDF through GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gt-chart-page.h"
#include "gt-project-dialog.h"
#include "gt-project.h" /* projects: the demo library's counts */
#include "gt-window.h"
#include "gui-test.h"

typedef struct
{
  char *dir;
  gint64 clicked;
  gboolean exported;
  GError *export_error;
} Test;

static void
clicked_cb (GtChartView *view, gint64 id, Test *test)
{
  test->clicked = id;
}

static void
drag (GtkWidget *widget, double x0, double y0, double x1, double y1)
{
  GdkEvent *event = gdk_event_new (GDK_BUTTON_PRESS);
  GdkEvent *motion = gdk_event_new (GDK_MOTION_NOTIFY);
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));

  event->button.window = g_object_ref (gtk_widget_get_window (widget));
  event->button.button = GDK_BUTTON_PRIMARY;
  event->button.x = x0;
  event->button.y = y0;
  gdk_event_set_device (event, gdk_seat_get_pointer (seat));
  gtk_widget_event (widget, event);
  motion->motion.window = g_object_ref (gtk_widget_get_window (widget));
  gdk_event_set_device (motion, gdk_seat_get_pointer (seat));
  for (int i = 1; i <= 4; i++)
    {
      motion->motion.x = x0 + (x1 - x0) * i / 4;
      motion->motion.y = y0 + (y1 - y0) * i / 4;
      gtk_widget_event (widget, motion);
    }
  event->type = GDK_BUTTON_RELEASE;
  event->button.x = x1;
  event->button.y = y1;
  gtk_widget_event (widget, event);
  gdk_event_free (motion);
  gdk_event_free (event);
}

static void
click (GtkWidget *widget, double x, double y)
{
  GdkEvent *event = gdk_event_new (GDK_BUTTON_PRESS);
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));

  event->button.window = g_object_ref (gtk_widget_get_window (widget));
  event->button.button = GDK_BUTTON_PRIMARY;
  event->button.x = x;
  event->button.y = y;
  gdk_event_set_device (event, gdk_seat_get_pointer (seat));
  gtk_widget_event (widget, event);
  event->type = GDK_BUTTON_RELEASE;
  gtk_widget_event (widget, event);
  gdk_event_free (event);
}

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Test *test = user_data;

  gt_chart_page_export_finish (GT_CHART_PAGE (source), result, &test->export_error);
  test->exported = TRUE;
}

static char *
pdfinfo (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, NULL, NULL));
  return out;
}

/* projects: how many of the demo's projects the core lists (48 since the project library) */
static guint
count_projects (GtkWindow *toplevel, const char *kind, int status)
{
  GtProjectFilter filter = { .kind = kind, .status = status };
  g_autoptr (GPtrArray) found = gt_project_query (gt_window_get_storage (GT_WINDOW (toplevel)),
                                                  &filter, NULL, NULL);
  return found->len;
}

/* The route map of 48 projects on one A4 sheet: the summary line says that many labels are
 * under 5 pt; on A1 (the default) it does not. */
static void
check_small_label_note (GtkWindow *toplevel, GtChartPage *page)
{
  GSettings *settings = gt_application_get_settings (
    GT_APPLICATION (gtk_window_get_application (toplevel)));
  GtkLabel *summary = GTK_LABEL (find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "summary_label"));
  g_autofree char *before = g_settings_get_string (settings, "chart-paper");
  /* in C and in zh_CN */
  const char *note = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh")
                       ? "个标签小于 5 磅，请换大纸" : "labels under 5 pt: choose a larger paper";

  g_assert_nonnull (summary);
  g_assert_null (strstr (gtk_label_get_label (summary), note));
  g_assert_true (g_settings_set_string (settings, "chart-paper", "A4"));
  /* drawn in the next frame, the summary in an idle after it */
  for (int i = 0; i < 50 && strstr (gtk_label_get_label (summary), note) == NULL; i++)
    pump ();
  if (strstr (gtk_label_get_label (summary), note) == NULL)
    g_error ("no note on small labels on A4: “%s”", gtk_label_get_label (summary));
  screenshot (GTK_WIDGET (toplevel), "wall-charts-route-a4");
  g_assert_true (g_settings_set_string (settings, "chart-paper", before));
  for (int i = 0; i < 50 && strstr (gtk_label_get_label (summary), note) != NULL; i++)
    pump ();
  g_assert_null (strstr (gtk_label_get_label (summary), note));
}

/* The paper and tiling of Preferences (GSettings: chart-paper, chart-tile-paper,
 * chart-overlap-mm) are what the page prints and exports with. */
static void
check_print_settings (GtkWindow *toplevel, GtChartPage *page, const char *dir)
{
  GSettings *settings = gt_application_get_settings (
    GT_APPLICATION (gtk_window_get_application (toplevel)));
  g_autofree char *printed = g_build_filename (dir, "printed-a3.pdf", NULL);
  g_autofree char *pinfo = NULL, *pages = NULL;
  g_autoptr (GtkPrintOperation) op = NULL;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a3 = gtk_paper_size_new (GTK_PAPER_NAME_A3);
  g_autoptr (GError) error = NULL;
  GtChartTiling tiling, on_a4;
  GObject *custom = NULL;
  GtkWidget *spin, *tile_check;
  gboolean tiled = FALSE, landscape = FALSE;
  GtPaper paper, tile_paper = GT_PAPER_A4;
  double overlap = 0, w, h;

  g_assert_nonnull (settings);
  /* the chart's paper follows the setting */
  g_assert_true (g_settings_set_string (settings, "chart-paper", "A2"));
  pump ();
  gt_chart_view_get_paper (gt_chart_page_get_view (page), &paper, &landscape);
  g_assert_cmpint (paper, ==, GT_PAPER_A2);
  g_assert_true (landscape);

  /* an A2 chart on A3 sheets overlapping by 30 mm */
  g_assert_true (g_settings_set_string (settings, "chart-tile-paper", "A3"));
  g_assert_true (g_settings_set_int (settings, "chart-overlap-mm", 30));
  gt_chart_page_get_tiling (page, &tiled, &tile_paper, &overlap);
  g_assert_true (tiled);
  g_assert_cmpint (tile_paper, ==, GT_PAPER_A3);
  g_assert_cmpfloat (overlap, ==, 30);

  /* the print dialog's own tab starts from them */
  op = gt_chart_page_make_print (page, TRUE, -1);
  g_signal_emit_by_name (op, "create-custom-widget", &custom);
  g_assert_nonnull (custom);
  g_object_ref_sink (custom);
  spin = find_widget (GTK_WIDGET (custom), GTK_TYPE_SPIN_BUTTON, NULL);
  tile_check = find_widget (GTK_WIDGET (custom), GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 30);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (tile_check)));
  gtk_widget_destroy (GTK_WIDGET (custom));
  g_object_unref (custom);

  /* printed: A3 sheets, the overview and the tiles of an A2 landscape chart on them */
  gtk_print_operation_set_export_filename (op, printed);
  g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, toplevel,
                                            &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  pinfo = pdfinfo (printed);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a3);
  gt_paper_size (GT_PAPER_A2, TRUE, &w, &h);
  gt_chart_tiling_choose (&tiling, w, h, gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS),
                          gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS),
                          GT_MM_TO_PT (6), GT_MM_TO_PT (30));
  /* A2 landscape on A3: landscape sheets, 2 × 2 = 4, not 3 × 2 = 6 portrait ones */
  g_assert_true (gt_chart_tiling_is_landscape (&tiling));
  g_assert_cmpint (gt_chart_tiling_n_tiles (&tiling), ==, 4);
  g_assert_nonnull (strstr (pinfo, "1190.55 x 841.89 pts (A3)"));
  gt_chart_tiling_compute (&on_a4, w, h, GT_PAPER_A4, GT_MM_TO_PT (6), GT_MM_TO_PT (30));
  g_assert_cmpint (gt_chart_tiling_n_tiles (&tiling), <, gt_chart_tiling_n_tiles (&on_a4));
  pages = g_strdup_printf ("Pages:           %d\n", 1 + gt_chart_tiling_n_tiles (&tiling));
  g_test_message ("%d tiles on A3", gt_chart_tiling_n_tiles (&tiling));
  g_assert_nonnull (strstr (pinfo, pages));
}

static gboolean
drive_charts (gpointer user_data)
{
  GApplication *app = user_data;
  Test *test = g_object_get_data (G_OBJECT (app), "test-data");
  GtkWindow *toplevel = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = g_build_filename (test->dir, "export.pdf", NULL);
  g_autofree char *printed = g_build_filename (test->dir, "printed.pdf", NULL);
  g_autofree char *info = NULL, *tip = NULL, *pinfo = NULL;
  g_autoptr (GtkPrintOperation) op = NULL;
  GtChartPage *page;
  GtChartView *view;
  const GtChartData *data;
  const GtChartProject *first;
  gint64 first_id;
  GdkRectangle rect;
  AtkObject *atk;
  double scale;

  gtk_window_resize (toplevel, 1366, 740);
  gtk_stack_set_transition_type (GTK_STACK (find_widget (GTK_WIDGET (toplevel), GTK_TYPE_STACK,
                                                         NULL)), GTK_STACK_TRANSITION_TYPE_NONE);
  g_assert_true (gt_window_show_page (GT_WINDOW (toplevel), "wall-charts"));
  pump ();
  page = GT_CHART_PAGE (find_widget (GTK_WIDGET (toplevel), GT_TYPE_CHART_PAGE, NULL));
  view = gt_chart_page_get_view (page);
  g_signal_connect (view, "project-activated", G_CALLBACK (clicked_cb), test);
  data = gt_chart_view_get_data (view);
  g_assert_nonnull (data);
  g_assert_cmpuint (data->projects->len, ==, count_projects (toplevel, NULL, -1));
  g_assert_cmpint (gt_chart_view_get_chart (view), ==, GT_CHART_BATTLE);
  screenshot (GTK_WIDGET (toplevel), "wall-charts-battle");

  /* The first project's marker: drawn, found under the pointer, clicked. */
  first = data->projects->pdata[0];
  first_id = first->id;
  g_assert_true (gt_chart_view_project_rect (view, first->id, &rect));
  g_assert_cmpint (gt_chart_view_project_at (view, rect.x + rect.width / 2.0,
                                             rect.y + rect.height / 2.0), ==, first->id);
  click (GTK_WIDGET (view), rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
  g_assert_cmpint (test->clicked, ==, first->id);
  /* The click opens the project in the project library's dialog (win.open-project); a
   * second click brings the same dialog to the front instead of opening another. */
  pump ();
  click (GTK_WIDGET (view), rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
  pump ();
  {
    g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
    GtkWidget *dialog = NULL;
    guint n = 0;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (GT_IS_PROJECT_DIALOG (l->data))
        {
          n++;
          dialog = l->data;
        }
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (gt_project_dialog_get_project_id (GT_PROJECT_DIALOG (dialog)), ==, first->id);
    g_assert_true (gtk_widget_get_visible (dialog));
    screenshot (dialog, "wall-charts-open-project");
    gtk_widget_destroy (dialog);
    pump ();
  }
  tip = gt_chart_view_describe_project (view, first->id);
  g_assert_nonnull (strstr (tip, "赏石文化党建示范带"));
  g_assert_nonnull (strstr (tip, "徐卫东"));

  /* Accessible: the chart's name and every project with its status. */
  atk = gtk_widget_get_accessible (GTK_WIDGET (view));
  {
    g_autofree char *n = g_strdup_printf ("%u", count_projects (toplevel, NULL, -1));
    g_assert_nonnull (strstr (atk_object_get_name (atk), n));
  }
  g_assert_nonnull (strstr (atk_object_get_description (atk), "水北村美丽庭院示范区"));

  /* Zoom and fit. */
  scale = gt_chart_view_get_scale (view);
  gt_chart_view_zoom (view, 2.0);
  g_assert_cmpfloat_with_epsilon (gt_chart_view_get_scale (view), scale * 2, 1e-9);
  /* Zoomed in six times only the part around the window is drawn, but every project can
   * still be found, and each marker in the window is drawn where its box says: the pixel
   * inside its disc is its status colour (not the map's paper). */
  gt_chart_view_zoom (view, 3.0);
  pump ();
  screenshot (GTK_WIDGET (toplevel), "wall-charts-zoomed");
  {
    int aw = gtk_widget_get_allocated_width (GTK_WIDGET (view));
    int ah = gtk_widget_get_allocated_height (GTK_WIDGET (view));
    g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < data->projects->len; i++)
      g_assert_true (gt_chart_view_project_rect (view, ((GtChartProject *) data->projects->pdata[i])->id, &rect));
    for (int y = 0; y < ah; y += 8)
      for (int x = 0; x < aw; x += 8)
        {
          GdkRectangle r;
          gint64 id = gt_chart_view_project_area_at (view, x, y, &r);
          g_autoptr (GdkPixbuf) pixel = NULL;
          const GtChartProject *p = NULL;
          const GtLegendEntry *e;
          const guchar *rgb;

          if (id == 0 || g_hash_table_contains (seen, &id) || r.x < 0 || r.y < 0
              || r.x + r.width > aw || r.y + r.height > ah || r.width != r.height)
            continue; /* no marker (a table row is wider than high), or not all in view */
          for (guint i = 0; i < data->projects->len; i++)
            if (((GtChartProject *) data->projects->pdata[i])->id == id)
              p = data->projects->pdata[i];
          g_hash_table_add (seen, (gpointer) &p->id);
          /* Left of the number, inside the rim. */
          pixel = gdk_pixbuf_get_from_window (gtk_widget_get_window (GTK_WIDGET (view)),
                                              r.x + r.width / 8, r.y + r.height / 2, 1, 1);
          g_assert_nonnull (pixel);
          rgb = gdk_pixbuf_get_pixels (pixel);
          e = gt_project_legend_lookup (data->legend, p->status);
          g_assert_cmpint (ABS (rgb[0] - (int) round (e->r * 255)), <=, 2);
          g_assert_cmpint (ABS (rgb[1] - (int) round (e->g * 255)), <=, 2);
          g_assert_cmpint (ABS (rgb[2] - (int) round (e->b * 255)), <=, 2);
        }
    g_test_message ("zoomed in: %u markers checked", g_hash_table_size (seen));
    g_assert_cmpuint (g_hash_table_size (seen), >, 0);
  }
  gt_chart_view_fit (view);
  g_assert_cmpfloat_with_epsilon (gt_chart_view_get_scale (view), scale, 1e-9);

  /* Filters reload the chart. */
  gt_chart_page_set_filter (page, "point", NULL);
  pump ();
  g_assert_cmpuint (gt_chart_view_get_data (view)->projects->len, ==,
                    count_projects (toplevel, "point", -1));
  gt_chart_page_set_filter (page, NULL, "done");
  g_assert_cmpuint (gt_chart_view_get_data (view)->projects->len, ==,
                    count_projects (toplevel, NULL, GT_PROJECT_STATUS_DONE));
  gt_chart_page_set_filter (page, NULL, NULL);
  g_assert_cmpuint (gt_chart_view_get_data (view)->projects->len, ==,
                    count_projects (toplevel, NULL, -1));

  gt_chart_page_set_chart (page, GT_CHART_ROUTE);
  pump ();
  g_assert_true (gt_chart_view_project_rect (view, first_id, &rect));
  screenshot (GTK_WIDGET (toplevel), "wall-charts-route");
  check_small_label_note (toplevel, page);
  gt_chart_page_set_chart (page, GT_CHART_GUIDE);
  pump ();
  g_assert_true (gt_chart_view_project_rect (view, first_id, &rect));
  screenshot (GTK_WIDGET (toplevel), "wall-charts-guide");

  /* Drag a village on the battle map: its position is saved. */
  gt_chart_page_set_chart (page, GT_CHART_BATTLE);
  pump ();
  {
    GtStorage *storage = gt_window_get_storage (GT_WINDOW (toplevel));
    int width = gtk_widget_get_allocated_width (GTK_WIDGET (view));
    int height = gtk_widget_get_allocated_height (GTK_WIDGET (view));
    gint64 village = 0;
    double vx = 0, vy = 0, before = 0, after = 0;
    sqlite3_stmt *stmt;

    for (int y = 0; y < height && village == 0; y += 4)
      for (int x = 0; x < width && village == 0; x += 4)
        if (gt_chart_view_village_at (view, x, y) != 0 && gt_chart_view_project_at (view, x, y) == 0)
          village = gt_chart_view_village_at (view, x, y), vx = x, vy = y;
    g_assert_cmpint (village, !=, 0);
    stmt = gt_storage_prepare (storage, "SELECT map_x FROM villages WHERE id = ?", NULL);
    sqlite3_bind_int64 (stmt, 1, village);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    before = sqlite3_column_double (stmt, 0);
    sqlite3_reset (stmt);
    drag (GTK_WIDGET (view), vx, vy, vx + 60, vy);
    pump ();
    stmt = gt_storage_prepare (storage, "SELECT map_x FROM villages WHERE id = ?", NULL);
    sqlite3_bind_int64 (stmt, 1, village);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    after = sqlite3_column_double (stmt, 0);
    sqlite3_reset (stmt);
    g_test_message ("village %" G_GINT64_FORMAT ": map_x %.3f → %.3f", village, before, after);
    g_assert_cmpfloat (after, >, before + 0.01);
    screenshot (GTK_WIDGET (toplevel), "wall-charts-village-moved");
  }

  /* Export in the background: A3 landscape, the page's paper. */
  {
    GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
    options.paper = GT_PAPER_A3;
    options.landscape = TRUE;
    gt_chart_page_export_async (page, pdf, &options, exported_cb, test);
    while (!test->exported)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (test->export_error);
    info = pdfinfo (pdf);
    g_assert_nonnull (strstr (info, "1190.55 x 841.89 pts (A3)"));
  }

  /* Printing tiled, exported to PDF by the print operation itself: an overview page and
   * more than one A4 tile for an A3 landscape chart. */
  op = gt_chart_page_make_print (page, TRUE, 10);
  gtk_print_operation_set_export_filename (op, printed);
  g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, toplevel,
                                            &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  pinfo = pdfinfo (printed);
  g_assert_nonnull (strstr (pinfo, "595.276 x 841.89 pts (A4)"));
  g_assert_null (strstr (pinfo, "Pages:           1\n"));
  g_assert_null (strstr (pinfo, "Pages:           2\n"));
  check_print_settings (GTK_WINDOW (toplevel), page, test->dir);

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_wall_charts (void)
{
  Test test = { 0 };
  g_autofree char *path = gui_test_demo_db ("charts.db", &test.dir);

  gui_test_run_app (path, drive_charts, &test);
  g_clear_error (&test.export_error);
  gui_test_remove_dir (test.dir);
  g_free (test.dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/wall-charts", test_wall_charts);
  return g_test_run ();
}
