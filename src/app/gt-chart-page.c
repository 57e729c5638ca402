/* gt-chart-page.c — the "Wall Charts" area: choose a chart, filter it, print it whole or
 * tiled with GtkPrintOperation (gt-chart-print.c), export it in the
 * background with progress and cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-application.h"
#include "gt-chart-page.h"
#include "gt-chart-print.h"
#include "gt-page.h"
#include "gt-org.h"
#include "gt-registers.h"

/* Without the settings schema: what its defaults would say (data/org.guatu.Guatu.gschema.xml). */
#define DEFAULT_CHART_PAPER "A1"
#define DEFAULT_TILE_PAPER GT_PAPER_A4
#define DEFAULT_OVERLAP_MM 10.0

struct _GtChartPage
{
  GtkBox parent_instance;

  GtkComboBoxText *chart_combo;
  GtkComboBoxText *paper_combo;
  GtkCheckButton *landscape_check;
  GtkComboBoxText *kind_combo;
  GtkComboBoxText *level_combo;
  GtkComboBoxText *status_combo;
  GtkComboBoxText *org_combo;
  GtkLabel *summary_label;
  GtkWidget *progress_box;
  GtkProgressBar *progress_bar;
  GtChartView *view;

  GtStorage *storage;
  GCancellable *export_cancellable;
  gboolean filling; /* combo boxes being filled: no reloads */
  guint summary_idle; /* the summary again after the chart was laid out */
};

static void gt_chart_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtChartPage, gt_chart_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_chart_page_page_init))

/* The Preferences of this computer (chart-paper, chart-tile-paper, chart-overlap-mm), or
 * NULL when the schema is not installed. */
static GSettings *
chart_settings (void)
{
  GApplication *app = g_application_get_default ();

  return GT_IS_APPLICATION (app) ? gt_application_get_settings (GT_APPLICATION (app)) : NULL;
}

void
gt_chart_page_get_tiling (GtChartPage *self, gboolean *tiled, GtPaper *tile_paper,
                          double *overlap_mm)
{
  GSettings *settings = chart_settings ();
  GtPaper paper, sheet = DEFAULT_TILE_PAPER;
  gboolean landscape;
  double overlap = DEFAULT_OVERLAP_MM;

  g_return_if_fail (GT_IS_CHART_PAGE (self));

  if (settings != NULL)
    {
      g_autofree char *name = g_settings_get_string (settings, "chart-tile-paper");

      if (!gt_paper_from_name (name, &sheet))
        sheet = DEFAULT_TILE_PAPER;
      overlap = g_settings_get_int (settings, "chart-overlap-mm");
    }
  gt_chart_view_get_paper (self->view, &paper, &landscape);
  /* GtPaper runs A4 … A0: a chart larger than the sheets needs tiles */
  if (tiled != NULL)
    *tiled = paper > sheet;
  if (tile_paper != NULL)
    *tile_paper = sheet;
  if (overlap_mm != NULL)
    *overlap_mm = overlap;
}

/* The chart's paper follows Preferences (chart-paper); the combo box can change it for now. */
static void
chart_paper_setting_cb (GSettings *settings, const char *key, GtChartPage *self)
{
  g_autofree char *name = g_settings_get_string (settings, "chart-paper");
  GtPaper paper;

  if (gt_paper_from_name (name, &paper))
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->paper_combo), gt_paper_name (paper));
}

/* ---- data ---- */

static void
read_filter (GtChartPage *self, GtChartFilter *filter)
{
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  const char *level = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo));
  const char *status = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->status_combo));
  const char *org = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo));
  GtProjectStatus s;

  filter->kind = kind != NULL && *kind != '\0' ? kind : NULL;
  filter->level = level != NULL && *level != '\0' ? level : NULL;
  filter->status = status != NULL && gt_project_status_from_code (status, &s) ? (int) s : -1;
  filter->org_id = org != NULL ? g_ascii_strtoll (org, NULL, 10) : 0;
}

/* The chart data as the page shows it, freshly loaded (the caller owns it). */
static GtChartData *
load_data (GtChartPage *self, GError **error)
{
  GtChartFilter filter = GT_CHART_FILTER_INIT;
  GtChartData *data;

  if (self->storage == NULL)
    return NULL;
  data = gt_chart_data_load (self->storage, NULL, error);
  if (data == NULL)
    return NULL;
  read_filter (self, &filter);
  gt_chart_data_filter (data, &filter);
  return data;
}

static void
update_summary (GtChartPage *self)
{
  const GtChartData *data = gt_chart_view_get_data (self->view);
  guint counts[GT_PROJECT_N_STATUS] = { 0 }, small, n = 0;
  g_autoptr (GString) text = g_string_new (NULL);

  if (data == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }
  for (guint i = 0; i < data->projects->len; i++)
    counts[((GtChartProject *) data->projects->pdata[i])->status]++;
  g_string_append_printf (text, ngettext ("%u project", "%u projects", data->projects->len),
                          data->projects->len);
  for (int s = GT_PROJECT_N_STATUS - 1; s >= 0; s--)
    /* TRANSLATORS: e.g. "已逾期 3" in the summary line */
    g_string_append_printf (text, _(" · %s %u"), gt_project_status_label (s), counts[s]);
  /* More than one label in a hundred too small to read on the wall (a label squeezed between
   * two nodes of the same day stays small on any paper). */
  small = gt_chart_view_count_small_labels (self->view, GT_CHART_READABLE_PT, &n, NULL);
  if (small * 100 > n)
    g_string_append_printf (text,
                            /* TRANSLATORS: appended to the summary line; %.0f is 5 (points) */
                            ngettext (" · %u label under %.0f pt: choose a larger paper",
                                      " · %u labels under %.0f pt: choose a larger paper", small),
                            small, GT_CHART_READABLE_PT);
  gtk_label_set_label (self->summary_label, text->str);
  /* the line may be cut at the window's edge */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), text->str);
}

static gboolean
summary_idle_cb (gpointer user_data)
{
  GtChartPage *self = user_data;

  self->summary_idle = 0;
  update_summary (self);
  return G_SOURCE_REMOVE;
}

static void
laid_out_cb (GtChartView *view, GtChartPage *self)
{
  if (self->summary_idle == 0)
    self->summary_idle = g_idle_add (summary_idle_cb, self);
}

static void
reload (GtChartPage *self)
{
  g_autoptr (GError) error = NULL;
  GtChartData *data;

  if (self->storage == NULL)
    {
      gt_chart_view_set_data (self->view, NULL);
      update_summary (self);
      return;
    }
  data = load_data (self, &error);
  if (data == NULL)
    {
      gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  gt_chart_view_set_data (self->view, data);
  update_summary (self);
}

static void
fill_orgs (GtChartPage *self)
{
  g_autoptr (GPtrArray) orgs = NULL;
  g_autofree char *active = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->org_combo)));
  GtkListStore *store = gt_combo_box_text_take_model (self->org_combo);

  gt_combo_box_text_store_append (store, "", _("All organisations"));
  if (self->storage != NULL && (orgs = gt_org_list (self->storage, NULL)) != NULL)
    for (guint i = 0; i < orgs->len; i++)
      {
        const GtOrg *org = orgs->pdata[i];
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, org->id);
        gt_combo_box_text_store_append (store, id, org->name);
      }
  gt_combo_box_text_give_model (self->org_combo, store);
  if (active == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->org_combo), active))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->org_combo), 0);
}

static void
gt_chart_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtChartPage *self = GT_CHART_PAGE (page);

  if (storage != self->storage)
    {
      g_clear_object (&self->storage);
      self->storage = storage != NULL ? g_object_ref (storage) : NULL;
    }
  self->filling = TRUE;
  fill_orgs (self);
  self->filling = FALSE;
  reload (self);
}

static void
gt_chart_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_chart_page_set_storage;
}

/* ---- controls ---- */

static void
chart_changed_cb (GtkComboBox *combo, GtChartPage *self)
{
  GtChartKind kind;

  if (gt_chart_kind_from_code (gtk_combo_box_get_active_id (combo), &kind))
    gt_chart_view_set_chart (self->view, kind);
}

static void
paper_changed_cb (GtkWidget *widget, GtChartPage *self)
{
  GtPaper paper;

  if (gt_paper_from_name (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->paper_combo)), &paper))
    gt_chart_view_set_paper (self->view, paper,
                             gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->landscape_check)));
}

static void
filter_changed_cb (GtkComboBox *combo, GtChartPage *self)
{
  if (!self->filling)
    reload (self);
}

static void
zoom_in_cb (GtkButton *button, GtChartPage *self)
{
  gt_chart_view_zoom (self->view, 1.25);
}

static void
zoom_out_cb (GtkButton *button, GtChartPage *self)
{
  gt_chart_view_zoom (self->view, 0.8);
}

static void
fit_cb (GtkButton *button, GtChartPage *self)
{
  gt_chart_view_fit (self->view);
}

static void
project_activated_cb (GtChartView *view, gint64 id, GtChartPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_APPLICATION_WINDOW);
  g_autofree char *text = NULL;

  /* The window opens the project in the project library's dialog (win.open-project); a
   * page outside a window shows it in the summary line instead. */
  if (window != NULL && g_action_group_has_action (G_ACTION_GROUP (window), "open-project"))
    {
      g_action_group_activate_action (G_ACTION_GROUP (window), "open-project",
                                      g_variant_new_int64 (id));
      return;
    }
  text = gt_chart_view_describe_project (view, id);
  if (text != NULL)
    gtk_label_set_markup (self->summary_label, text);
}

static void
village_moved_cb (GtChartView *view, gint64 id, double x, double y, GtChartPage *self)
{
  g_autoptr (GError) error = NULL;

  /* Saved; the storage's change signal redraws every page. */
  if (self->storage != NULL && !gt_chart_village_move (self->storage, id, x, y, &error))
    gt_page_report_error (GT_PAGE (self), error);
}

GtChartView *
gt_chart_page_get_view (GtChartPage *self)
{
  return self->view;
}

void
gt_chart_page_set_chart (GtChartPage *self, GtChartKind kind)
{
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->chart_combo), gt_chart_kind_code (kind));
}

void
gt_chart_page_set_filter (GtChartPage *self, const char *kind, const char *status)
{
  self->filling = TRUE;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->kind_combo), kind != NULL ? kind : "");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->status_combo), status != NULL ? status : "");
  self->filling = FALSE;
  reload (self);
}

/* ---- printing (gt-chart-print.c) ---- */

GtkPrintOperation *
gt_chart_page_make_print (GtChartPage *self, gboolean tiled, double overlap_mm)
{
  g_autoptr (GError) error = NULL;
  GtChartData *data = load_data (self, &error);
  GtPaper paper, tile_paper;
  gboolean landscape;

  if (data == NULL)
    data = gt_chart_data_load (self->storage, NULL, NULL);
  gt_chart_view_get_paper (self->view, &paper, &landscape);
  gt_chart_page_get_tiling (self, NULL, &tile_paper, overlap_mm < 0 ? &overlap_mm : NULL);
  return gt_chart_print_operation_new (data, gt_chart_view_get_chart (self->view), paper,
                                       landscape, tiled, tile_paper, overlap_mm);
}

static void
print_cb (GtkButton *button, GtChartPage *self)
{
  g_autoptr (GtkPrintOperation) op = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  gboolean tiled;
  double overlap_mm;

  if (self->storage == NULL)
    return;
  gt_chart_page_get_tiling (self, &tiled, NULL, &overlap_mm);
  op = gt_chart_page_make_print (self, tiled, overlap_mm);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL, &error)
        == GTK_PRINT_OPERATION_RESULT_ERROR)
    gt_page_report_error (GT_PAGE (self), error);
}

/* ---- export ---- */

typedef struct
{
  GtChartData *data;
  GtChartOptions chart;
  GtChartExportOptions options;
  char *path;
  GtChartPage *page;
} ExportJob;

typedef struct
{
  GtChartPage *page;
  int done, total;
} Progress;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  gt_chart_data_free (job->data);
  g_free (job->path);
  g_object_unref (job->page);
  g_free (job);
}

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  g_autofree char *text = g_strdup_printf (_("Page %d of %d"), p->done, p->total);

  gtk_progress_bar_set_fraction (p->page->progress_bar, (double) p->done / MAX (p->total, 1));
  gtk_progress_bar_set_text (p->page->progress_bar, text);
  g_object_unref (p->page);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
export_progress (int done, int total, gpointer user_data)
{
  ExportJob *job = user_data;
  Progress *p = g_new0 (Progress, 1);

  p->page = g_object_ref (job->page);
  p->done = done;
  p->total = total;
  g_main_context_invoke (NULL, show_progress, p);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (gt_chart_export (job->data, &job->chart, &job->options, job->path, export_progress, job,
                       cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gt_chart_page_export_async (GtChartPage *self, const char *path,
                            const GtChartExportOptions *options, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->export_cancellable, callback, user_data);
  job->data = load_data (self, &error);
  job->chart.kind = gt_chart_view_get_chart (self->view);
  job->options = *options;
  job->path = g_strdup (path);
  job->page = g_object_ref (self);
  g_task_set_task_data (task, job, export_job_free);
  if (job->data == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                             _("No database is open"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Exporting…"));
  gtk_widget_show (self->progress_box);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gt_chart_page_export_finish (GtChartPage *self, GAsyncResult *result, GError **error)
{
  gtk_widget_hide (self->progress_box);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cancel_cb (GtkButton *button, GtChartPage *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtChartPage *self = GT_CHART_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = user_data;

  if (!gt_chart_page_export_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gt_page_report_error (GT_PAGE (self), error);
      return;
    }
  {
    g_autofree char *display = g_filename_display_basename (path);
    g_autofree char *text = g_strdup_printf (_("Exported to %s"), display);
    gtk_label_set_label (self->summary_label, text);
  }
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, GtChartPage *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  GtChartExportOptions options = GT_CHART_EXPORT_OPTIONS_INIT;
  g_autofree char *path = NULL;
  const char *format, *sheets, *dpi;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (dialog);
      return;
    }
  path = gtk_file_chooser_get_filename (chooser);
  format = gtk_file_chooser_get_choice (chooser, "format");
  sheets = gtk_file_chooser_get_choice (chooser, "sheets");
  dpi = gtk_file_chooser_get_choice (chooser, "dpi");
  gt_chart_format_from_code (format, &options.format);
  gt_chart_view_get_paper (self->view, &options.paper, &options.landscape);
  options.dpi = dpi != NULL ? g_ascii_strtod (dpi, NULL) : 150;
  gt_chart_page_get_tiling (self, NULL, NULL, &options.overlap_mm);
  if (g_strcmp0 (sheets, "one") != 0 && options.format == GT_CHART_FORMAT_PDF)
    {
      options.tiled = TRUE;
      gt_paper_from_name (sheets, &options.tile_paper);
    }
  if (format != NULL && !g_str_has_suffix (path, format))
    {
      char *with = g_strconcat (path, ".", format, NULL);
      g_free (path);
      path = with;
    }
  g_object_unref (dialog);
  gt_chart_page_export_async (self, path, &options, exported_cb, g_strdup (path));
}

static void
export_cb (GtkButton *button, GtChartPage *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  const char *format_ids[] = { "pdf", "svg", "png", NULL };
  const char *format_labels[] = { "PDF", "SVG", "PNG", NULL };
  const char *sheet_ids[] = { "one", "A4", "A3", NULL };
  const char *sheet_labels[] = { _("One sheet"), _("Tiled on A4 (PDF)"), _("Tiled on A3 (PDF)"),
                                 NULL };
  const char *dpi_ids[] = { "96", "150", "300", NULL };
  const char *dpi_labels[] = { "96 dpi", "150 dpi", "300 dpi", NULL };
  g_autofree char *name = NULL;
  gboolean tiled;
  GtPaper tile_paper;

  if (self->storage == NULL)
    return;
  name = g_strdup_printf ("%s.pdf", gt_chart_kind_title (gt_chart_view_get_chart (self->view)));
  chooser = gt_save_chooser_new (_("Export Wall Chart"),
                                 GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                 _("_Export"), _("_Cancel"), name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), format_ids,
                               format_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "pdf");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "sheets", _("Sheets"), sheet_ids,
                               sheet_labels);
  /* a chart larger than the sheets of Preferences is tiled onto them unless chosen otherwise */
  gt_chart_page_get_tiling (self, &tiled, &tile_paper, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "sheets",
                               tiled ? gt_paper_name (tile_paper) : "one");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "dpi", _("PNG resolution"), dpi_ids,
                               dpi_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "dpi", "150");
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- setup ---- */

static void
gt_chart_page_dispose (GObject *object)
{
  GtChartPage *self = GT_CHART_PAGE (object);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->storage);
  g_clear_handle_id (&self->summary_idle, g_source_remove);
  G_OBJECT_CLASS (gt_chart_page_parent_class)->dispose (object);
}

static void
gt_chart_page_class_init (GtChartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_chart_page_dispose;
  g_type_ensure (GT_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-chart-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, chart_combo);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, paper_combo);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, landscape_check);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, level_combo);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, status_combo);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, org_combo);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GtChartPage, view);
  gtk_widget_class_bind_template_callback (widget_class, chart_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, paper_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_cb);
  gtk_widget_class_bind_template_callback (widget_class, fit_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
}

static void
gt_chart_page_init (GtChartPage *self)
{
  static const char *const kinds[] = { "belt", "zone", "circle", "post", "point" };
  static const char *const levels[] = { "county", "township", "village" };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->view, "project-activated", G_CALLBACK (project_activated_cb), self);
  g_signal_connect (self->view, "village-moved", G_CALLBACK (village_moved_cb), self);
  g_signal_connect (self->view, "laid-out", G_CALLBACK (laid_out_cb), self);
  self->filling = TRUE;
  for (int k = 0; k < 3; k++)
    gtk_combo_box_text_append (self->chart_combo, gt_chart_kind_code (k), gt_chart_kind_title (k));
  for (int p = GT_PAPER_A4; p <= GT_PAPER_A0; p++)
    gtk_combo_box_text_append (self->paper_combo, gt_paper_name (p), gt_paper_name (p));
  gtk_combo_box_text_append (self->kind_combo, "", _("All kinds"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_combo_box_text_append (self->kind_combo, kinds[i], gt_label_project_kind (kinds[i]));
  gtk_combo_box_text_append (self->level_combo, "", _("All levels"));
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    gtk_combo_box_text_append (self->level_combo, levels[i], gt_label_org_level (levels[i]));
  gtk_combo_box_text_append (self->status_combo, "", _("Any status"));
  for (int s = GT_PROJECT_N_STATUS - 1; s >= 0; s--)
    gtk_combo_box_text_append (self->status_combo, gt_project_status_code (s),
                               gt_project_status_label (s));
  gtk_combo_box_text_append (self->org_combo, "", _("All organisations"));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->kind_combo), 0);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->level_combo), 0);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->status_combo), 0);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->org_combo), 0);
  gt_combo_box_ellipsize (GTK_COMBO_BOX (self->org_combo), 16);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->landscape_check), TRUE);
  if (chart_settings () != NULL)
    {
      chart_paper_setting_cb (chart_settings (), "chart-paper", self);
      g_signal_connect_object (chart_settings (), "changed::chart-paper",
                               G_CALLBACK (chart_paper_setting_cb), self, 0);
    }
  else
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->paper_combo), DEFAULT_CHART_PAPER);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->chart_combo), "battle");
  self->filling = FALSE;
}
