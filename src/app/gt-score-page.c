/* gt-score-page.c — the "points and ratings" area: pick a kind of rating and a period; the
 * page shows the stored result (the published one when asked), or computes one with the
 * current rules; Compute stores a new unpublished set, Publish makes it the published one
 * (亮分). Selecting a row shows the items and weights behind its score; the chart is the
 * same Cairo drawing as in the PDF report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gt-ratings.h"
#include "gt-score-page.h"
#include "gt-score-rules-dialog.h"
#include "gt-score-report.h"

enum
{
  COLUMN_RANK,
  COLUMN_NAME,
  COLUMN_ORG,
  COLUMN_SCORE,
  COLUMN_RESULT,
  COLUMN_NOTE,
  COLUMN_INDEX,
  COLUMN_COLOUR,
  N_COLUMNS
};

struct _GtScorePage
{
  GtkBox parent_instance;

  GtkComboBoxText *kind_combo;
  GtkEntry *period_entry;
  GtkCheckButton *published_check;
  GtkLabel *status_label;
  GtkButton *publish_button;
  GtkTreeView *tree_view;
  GtkTreeSelection *selection;
  GtkDrawingArea *chart_area;
  GtkTextView *explanation_view;

  GtStorage *storage;
  GtScoreRun *run;
  GtkListStore *store;
  GCancellable *cancellable; /* of the load under way, or NULL */
};

static void gt_score_page_page_init (GtPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (GtScorePage, gt_score_page, GTK_TYPE_BOX,
                         G_IMPLEMENT_INTERFACE (GT_TYPE_PAGE, gt_score_page_page_init))

static const char *
current_kind (GtScorePage *self)
{
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));

  return kind != NULL ? kind : "member";
}

/* The period to start with for @kind: this year, or this quarter for the red/black list. */
static char *
default_period (const char *kind)
{
  g_autofree char *today = gt_today ();
  int year = (int) g_ascii_strtoll (today, NULL, 10);
  int month = (int) g_ascii_strtoll (today + 5, NULL, 10);

  if (g_strcmp0 (kind, "redblack") == 0)
    return g_strdup_printf ("%04d-Q%d", year, 1 + (month - 1) / 3);
  return g_strdup_printf ("%04d", year);
}

static void
show_explanation (GtScorePage *self, const GtScoreResult *result)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);
  g_autofree char *text = NULL, *body = NULL;

  if (result == NULL)
    {
      gtk_text_buffer_set_text (buffer, self->run != NULL
                                ? _("Select a row to see the items and weights behind its score.")
                                : "", -1);
      return;
    }
  body = gt_score_explain_text (result);
  text = g_strdup_printf ("%s · %s · %g\n%s", result->name, result->org_name ? result->org_name : "",
                          result->score, body);
  gtk_text_buffer_set_text (buffer, text, -1);
}

static char *
result_text (const GtScoreRun *run, const GtScoreResult *r)
{
  if (g_strcmp0 (run->kind, "stars") == 0)
    return g_strdup_printf (_("%d ★ · household %d ★"), r->stars, r->household_stars);
  if (r->klass != NULL && *r->klass != '\0' && r->grade != NULL && *r->grade != '\0' &&
      g_strcmp0 (run->kind, "redblack") != 0)
    return g_strdup_printf ("%s · %s", gt_label_score_class (r->klass),
                            gt_label_score_grade (r->grade));
  if (r->klass != NULL && *r->klass != '\0')
    return g_strdup (gt_label_score_class (r->klass));
  return g_strdup (gt_label_score_grade (r->grade));
}

static void
fill (GtScorePage *self)
{
  /* 200 000 rows go in faster with the view looking away */
  gtk_tree_view_set_model (self->tree_view, NULL);
  gtk_list_store_clear (self->store);
  for (guint i = 0; self->run != NULL && i < self->run->results->len; i++)
    {
      const GtScoreResult *r = g_ptr_array_index (self->run->results, i);
      g_autofree char *rank = r->rank > 0 ? g_strdup_printf ("%d", r->rank) : g_strdup ("");
      g_autofree char *score = g_strdup_printf ("%g", r->score);
      g_autofree char *result = result_text (self->run, r);
      const char *note = "";
      gboolean marked = r->warning || g_strcmp0 (r->klass, "black") == 0 ||
                        g_strcmp0 (r->klass, "lagging") == 0;

      if (r->warning)
        note = g_strcmp0 (self->run->kind, "link") == 0 ? _("below the line: 整转")
                                                        : _("warning (末位警示)");
      gtk_list_store_insert_with_values (self->store, NULL, -1, COLUMN_RANK, rank,
                                         COLUMN_NAME, r->name,
                                         COLUMN_ORG, r->member_id != 0 ? r->org_name : "",
                                         COLUMN_SCORE, score, COLUMN_RESULT, result,
                                         COLUMN_NOTE, note, COLUMN_INDEX, (int) i,
                                         COLUMN_COLOUR, marked ? "#c0101a" : NULL, -1);
    }
  gtk_tree_view_set_model (self->tree_view, GTK_TREE_MODEL (self->store));
  show_explanation (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
set_status (GtScorePage *self, const char *text)
{
  gtk_label_set_label (self->status_label, text);
}

typedef struct
{
  char *kind;
  GtScorePeriod period;
  gboolean published; /* the published set, not the latest computed one */
  gboolean compute;   /* none stored: compute one */
  gboolean save;      /* store a newly computed set */
} ScoreJob;

static void
score_job_free (ScoreJob *job)
{
  g_free (job->kind);
  g_free (job);
}

/* In a worker thread: reading or computing a prefecture's 200 000 results takes many
 * seconds. NULL without an error: nothing stored. */
static gpointer
score_work (GtStorage *storage, gpointer data, GCancellable *cancellable, GError **error)
{
  ScoreJob *job = data;
  g_autoptr (GError) local_error = NULL;
  GtScoreRun *run = NULL;

  if (!job->save)
    run = gt_score_run_load (storage, job->kind, job->period.text, job->published, &local_error);
  if (run == NULL && local_error == NULL && !job->published && job->compute)
    {
      g_autoptr (GtScoreRules) rules = gt_score_rules_load_current (storage, &local_error);

      run = rules ? gt_score_compute (storage, rules, job->kind, &job->period, &local_error)
                  : NULL;
      /* stored here too: 200 000 results would hold up the window for half a minute */
      if (run != NULL && job->save && !gt_score_run_save (storage, run, &local_error))
        g_clear_pointer (&run, gt_score_run_free);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return run;
}

static void
show_run (GtScorePage *self, const ScoreJob *job, GError *error)
{
  g_autofree char *status = NULL;
  GtScoreRun *run = self->run;

  fill (self);
  if (error != NULL)
    set_status (self, error->message);
  else if (run == NULL)
    {
      status = g_strdup_printf (_("Nothing published for %s"), job->period.text);
      set_status (self, status);
    }
  else
    {
      g_autofree char *published_at = gt_format_time (run->published_at);
      g_autofree char *created = gt_format_time (run->created);

      if (run->published)
        status = g_strdup_printf (ngettext ("%s: published %s (rules version %d), %u row",
                                            "%s: published %s (rules version %d), %u rows",
                                            run->results->len),
                                  run->period,
                                  published_at, (int) run->rule_version, run->results->len);
      else if (run->id != 0)
        status = g_strdup_printf (ngettext ("%s: computed %s, not published (rules version %d), %u row",
                                            "%s: computed %s, not published (rules version %d), %u rows",
                                            run->results->len),
                                  run->period, created, (int) run->rule_version,
                                  run->results->len);
      else
        /* TRANSLATORS: the "Compute and Save" button beside it keeps it; a short
         * translation may leave that out */
        status = g_strdup_printf (_("%s: a preview with rules version %d, not saved yet; "
                                    "Compute and Save keeps it"),
                                  run->period, (int) run->rule_version);
      set_status (self, status);
      gtk_widget_set_sensitive (GTK_WIDGET (self->publish_button), !run->published && run->id != 0);
    }
}

static void
score_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GtScoreRun *run = g_task_propagate_pointer (G_TASK (result), &error);
  const ScoreJob *job = gt_page_run_get_data (result);
  GtScorePage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer load replaced it, or the page is gone */
  self = GT_SCORE_PAGE (source);
  g_clear_object (&self->cancellable);
  if (self->storage == NULL)
    {
      g_clear_pointer (&run, gt_score_run_free);
      return;
    }
  /* A new set was stored on the worker's connection: the window hears of it and reloads
   * this page, and that newer load shows the set. */
  if (run != NULL && job->save)
    gt_storage_emit_changed (self->storage, "score_runs");
  if (self->cancellable != NULL)
    {
      g_clear_pointer (&run, gt_score_run_free);
      return;
    }
  g_clear_pointer (&self->run, gt_score_run_free);
  self->run = run;
  show_run (self, job, error);
}

/* Shows the stored set of the kind and period (published or not, as the check says); when
 * there is none and @compute, computes one with the current rules, storing it when @save.
 * The reading and computing run in a worker thread; "Computing…" meanwhile. */
static void
load (GtScorePage *self, gboolean compute, gboolean save)
{
  g_autoptr (GError) error = NULL;
  ScoreJob *job;

  gt_page_cancel (&self->cancellable);
  g_clear_pointer (&self->run, gt_score_run_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->publish_button), FALSE);
  fill (self);
  if (self->storage == NULL)
    {
      set_status (self, "");
      return;
    }
  job = g_new0 (ScoreJob, 1);
  if (!gt_score_period_parse (gtk_entry_get_text (self->period_entry), &job->period, &error))
    {
      set_status (self, error->message);
      score_job_free (job);
      return;
    }
  job->kind = g_strdup (current_kind (self));
  job->published = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->published_check));
  job->compute = compute;
  job->save = save;
  set_status (self, _("Computing…"));
  gt_page_run_in_thread (self, self->storage, &self->cancellable, score_work, job,
                         (GDestroyNotify) score_job_free, (GDestroyNotify) gt_score_run_free,
                         score_done);
}

gboolean
gt_score_page_is_busy (GtScorePage *self)
{
  return self->cancellable != NULL;
}

static void
kind_changed_cb (GtkComboBox *combo, GtScorePage *self)
{
  g_autofree char *period = default_period (current_kind (self));

  gtk_entry_set_text (self->period_entry, period);
  load (self, TRUE, FALSE);
}

/* Compute (and Enter in the period): a new unpublished set with the current rules. */
static void
compute_cb (GtkWidget *widget, GtScorePage *self)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->published_check), FALSE);
  load (self, TRUE, TRUE);
}

static void
published_toggled_cb (GtkToggleButton *button, GtScorePage *self)
{
  load (self, TRUE, FALSE);
}

static void
publish_cb (GtkButton *button, GtScorePage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->storage == NULL || self->run == NULL || self->run->published)
    return;
  if (!gt_score_run_publish (self->storage, self->run->kind, self->run->period, &error))
    {
      set_status (self, error->message);
      return;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->published_check), TRUE);
}

static void
rules_cb (GtkButton *button, GtScorePage *self)
{
  g_autoptr (GError) error = NULL;
  GtScoreRulesDialog *dialog;

  if (self->storage == NULL)
    return;
  dialog = gt_score_rules_dialog_new (GTK_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (self))),
                                      self->storage, &error);
  if (dialog == NULL)
    {
      set_status (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
selection_changed_cb (GtkTreeSelection *selection, GtScorePage *self)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  int index = -1;

  if (self->run != NULL && gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, COLUMN_INDEX, &index, -1);
  show_explanation (self, index >= 0 && (guint) index < self->run->results->len
                            ? g_ptr_array_index (self->run->results, index) : NULL);
}

static gboolean
chart_draw_cb (GtkWidget *widget, cairo_t *cr, GtScorePage *self)
{
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->run != NULL && self->run->results->len > 0)
    gt_score_chart_draw (self->run, cr, 8, 8, width - 16, height - 16);
  return TRUE;
}

static void
gt_score_page_set_storage (GtPage *page, GtStorage *storage)
{
  GtScorePage *self = GT_SCORE_PAGE (page);

  g_set_object (&self->storage, storage);
  load (self, TRUE, FALSE);
}

static void
gt_score_page_page_init (GtPageInterface *iface)
{
  iface->set_storage = gt_score_page_set_storage;
}

static void
gt_score_page_dispose (GObject *object)
{
  GtScorePage *self = GT_SCORE_PAGE (object);

  gt_page_cancel (&self->cancellable);
  g_clear_object (&self->storage);
  g_clear_object (&self->store);
  g_clear_pointer (&self->run, gt_score_run_free);
  G_OBJECT_CLASS (gt_score_page_parent_class)->dispose (object);
}

static void
gt_score_page_class_init (GtScorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gt_score_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/gt-score-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, period_entry);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, published_check);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, publish_button);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, selection);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, chart_area);
  gtk_widget_class_bind_template_child (widget_class, GtScorePage, explanation_view);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, compute_cb);
  gtk_widget_class_bind_template_callback (widget_class, published_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, publish_cb);
  gtk_widget_class_bind_template_callback (widget_class, rules_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_draw_cb);
}

static void
add_column (GtScorePage *self, const char *title, int column, gboolean expand)
{
  GtkCellRenderer *renderer = gtk_cell_renderer_text_new ();
  GtkTreeViewColumn *col = gtk_tree_view_column_new_with_attributes (title, renderer, "text",
                                                                     column, "foreground",
                                                                     COLUMN_COLOUR, NULL);

  if (expand)
    g_object_set (renderer, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gtk_tree_view_column_set_expand (col, expand);
  gtk_tree_view_column_set_resizable (col, TRUE);
  gtk_tree_view_append_column (self->tree_view, col);
}

static void
gt_score_page_init (GtScorePage *self)
{
  g_autofree char *period = default_period ("member");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = gtk_list_store_new (N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT,
                                    G_TYPE_STRING);
  gtk_tree_view_set_model (self->tree_view, GTK_TREE_MODEL (self->store));
  add_column (self, _("Rank"), COLUMN_RANK, FALSE);
  add_column (self, _("Name"), COLUMN_NAME, FALSE);
  add_column (self, _("Organisation"), COLUMN_ORG, TRUE);
  add_column (self, _("Score"), COLUMN_SCORE, FALSE);
  add_column (self, _("Result"), COLUMN_RESULT, FALSE);
  add_column (self, _("Warning"), COLUMN_NOTE, FALSE);

  g_signal_handlers_block_by_func (self->kind_combo, kind_changed_cb, self);
  for (guint i = 0; gt_score_run_kinds[i] != NULL; i++)
    gtk_combo_box_text_append (self->kind_combo, gt_score_run_kinds[i],
                               gt_label_score_run_kind (gt_score_run_kinds[i]));
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->kind_combo), 0);
  g_signal_handlers_unblock_by_func (self->kind_combo, kind_changed_cb, self);
  gtk_entry_set_text (self->period_entry, period);
  gtk_label_set_ellipsize (self->status_label, PANGO_ELLIPSIZE_END);
}
