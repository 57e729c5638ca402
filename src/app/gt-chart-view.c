/* gt-chart-view.c — a wall chart on screen
 *
 * Draws the same gt_chart_draw () as the PDF, scaled and moved (rendered once per zoom level,
 * whole or around the window, and repainted when panning): Ctrl+scroll or +/− zooms
 * around the pointer, scrolling and dragging pan, 0 fits the sheet to the window. The boxes
 * of the last draw answer tooltips and clicks. The accessible description lists the
 * projects in number order with their status, since a screen reader cannot see colours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gt-chart-view.h"
#include "gt-registers.h"

#define MIN_SCALE 0.02
#define MAX_SCALE 8.0
#define DRAG_THRESHOLD 4.0
#define MAX_CACHED_PIXELS (4096.0 * 4096.0)

struct _GtChartView
{
  GtkDrawingArea parent_instance;

  GtChartData *data;
  GtChartCache *cache;
  GArray *boxes; /* of the last draw, in chart coordinates */
  GtChartKind kind;
  GtPaper paper;
  gboolean landscape;

  double scale, ox, oy; /* widget = chart × scale + offset */
  gboolean fitted;      /* keep fitting when the window is resized */

  /* The chart rendered at the current scale, whole or (zoomed in) the part around the
   * window: panning and tooltips only repaint it. (rx, ry, rw, rh) is the part in pixels
   * of the sheet at rendered_scale. */
  cairo_surface_t *rendered;
  double rendered_scale;
  int rx, ry, rw, rh;

  gboolean pressed, dragged;
  double press_x, press_y, press_ox, press_oy;
  /* Dragging a village on the battle map: its box in chart units, and how far it moved. */
  gint64 drag_village;
  GtChartBox village_box;
  double drag_dx, drag_dy;
};

enum
{
  SIGNAL_PROJECT_ACTIVATED,
  SIGNAL_VILLAGE_MOVED,
  SIGNAL_LAID_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (GtChartView, gt_chart_view, GTK_TYPE_DRAWING_AREA)

static void
invalidate (GtChartView *self)
{
  g_clear_pointer (&self->rendered, cairo_surface_destroy);
}

static void
sheet_size (GtChartView *self, double *w, double *h)
{
  gt_paper_size (self->paper, self->landscape, w, h);
}

static void
update_accessible (GtChartView *self)
{
  AtkObject *atk = gtk_widget_get_accessible (GTK_WIDGET (self));
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  guint n = self->data != NULL ? self->data->projects->len : 0;

  /* TRANSLATORS: accessible name of the chart: chart title, number of projects */
  name = g_strdup_printf (ngettext ("%s, %u project", "%s, %u projects", n),
                          gt_chart_kind_title (self->kind), n);
  for (guint i = 0; i < n && i < 400; i++)
    {
      const GtChartProject *p = self->data->projects->pdata[i];
      g_string_append_printf (text, "%d %s %s: %s; ", p->seq, p->number, p->name,
                              gt_project_status_label (p->status));
    }
  atk_object_set_name (atk, name);
  atk_object_set_description (atk, text->str);
}

static void
gt_chart_view_fit_now (GtChartView *self)
{
  double w, h, aw = gtk_widget_get_allocated_width (GTK_WIDGET (self));
  double ah = gtk_widget_get_allocated_height (GTK_WIDGET (self));

  sheet_size (self, &w, &h);
  if (aw < 2 || ah < 2)
    return;
  self->scale = CLAMP (MIN ((aw - 16) / w, (ah - 16) / h), MIN_SCALE, MAX_SCALE);
  self->ox = (aw - w * self->scale) / 2;
  self->oy = (ah - h * self->scale) / 2;
}

/* Makes sure self->rendered holds what the window shows of the sheet (@w × @h points) at
 * the current scale. A sheet up to a few windows' size is rendered whole, once per zoom
 * level; a larger one (zoomed in) only around the window, a quarter of the window more on
 * each side, and again when panning leaves that: the chart draws only what falls inside
 * (cairo_clip_extents), so the part costs about what a window of the whole sheet costs. */
static void
render_visible (GtChartView *self, double w, double h)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtChartOptions options = { self->kind, NULL, NULL, self->cache };
  int aw = MAX (1, gtk_widget_get_allocated_width (widget));
  int ah = MAX (1, gtk_widget_get_allocated_height (widget));
  int pw = (int) ceil (w * self->scale), ph = (int) ceil (h * self->scale);
  int factor = gtk_widget_get_scale_factor (widget);
  /* The window's part of the sheet, in sheet pixels. */
  int vx0 = CLAMP (-(int) round (self->ox), 0, pw), vy0 = CLAMP (-(int) round (self->oy), 0, ph);
  int vx1 = CLAMP (vx0 + aw, 0, pw), vy1 = CLAMP (vy0 + ah, 0, ph);
  int rx, ry, rw, rh;
  cairo_t *rc;

  if (self->rendered != NULL && self->rendered_scale == self->scale && vx0 >= self->rx
      && vy0 >= self->ry && vx1 <= self->rx + self->rw && vy1 <= self->ry + self->rh)
    return;
  invalidate (self);
  if ((double) pw * ph <= MIN (4.0 * aw * ah, MAX_CACHED_PIXELS))
    rx = 0, ry = 0, rw = pw, rh = ph;
  else
    {
      rx = MAX (0, vx0 - aw / 4);
      ry = MAX (0, vy0 - ah / 4);
      rw = MIN (pw, vx1 + aw / 4) - rx;
      rh = MIN (ph, vy1 + ah / 4) - ry;
    }
  rw = MAX (rw, 1);
  rh = MAX (rh, 1);
  self->rendered = gdk_window_create_similar_image_surface (gtk_widget_get_window (widget),
                                                            CAIRO_FORMAT_RGB24, rw * factor,
                                                            rh * factor, factor);
  rc = cairo_create (self->rendered);
  cairo_translate (rc, -rx, -ry);
  cairo_scale (rc, self->scale, self->scale);
  g_array_set_size (self->boxes, 0);
  gt_chart_draw (rc, self->data, &options, w, h, self->boxes);
  cairo_destroy (rc);
  self->rendered_scale = self->scale;
  self->rx = rx, self->ry = ry, self->rw = rw, self->rh = rh;
  g_signal_emit (self, signals[SIGNAL_LAID_OUT], 0);
}

static gboolean
gt_chart_view_draw (GtkWidget *widget, cairo_t *cr)
{
  GtChartView *self = GT_CHART_VIEW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double w, h;

  gtk_render_background (style, cr, 0, 0, gtk_widget_get_allocated_width (widget),
                         gtk_widget_get_allocated_height (widget));
  if (self->data == NULL)
    return GDK_EVENT_PROPAGATE;
  if (self->fitted)
    gt_chart_view_fit_now (self);
  sheet_size (self, &w, &h);

  /* The sheet's shadow, then the chart. */
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, self->ox + 3, self->oy + 3, w * self->scale, h * self->scale);
  cairo_fill (cr);

  render_visible (self, w, h);
  cairo_set_source_surface (cr, self->rendered, round (self->ox) + self->rx,
                            round (self->oy) + self->ry);
  cairo_paint (cr);
  /* The boxes are in chart units; the offset is applied when hit-testing. */
  if (self->drag_village != 0 && self->dragged)
    {
      /* Where the village will go. */
      double dash[] = { 4, 3 };
      const GtChartBox *v = &self->village_box;
      cairo_set_source_rgb (cr, 0.71, 0.07, 0.09);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_rectangle (cr, self->ox + (v->x + self->drag_dx) * self->scale,
                       self->oy + (v->y + self->drag_dy) * self->scale, v->w * self->scale,
                       v->h * self->scale);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  return GDK_EVENT_PROPAGATE;
}


gint64
gt_chart_view_project_at (GtChartView *self, double x, double y)
{
  return gt_chart_view_project_area_at (self, x, y, NULL);
}

static void
box_to_rect (GtChartView *self, const GtChartBox *b, GdkRectangle *rect)
{
  rect->x = (int) floor (b->x * self->scale + self->ox);
  rect->y = (int) floor (b->y * self->scale + self->oy);
  rect->width = MAX (1, (int) ceil (b->w * self->scale));
  rect->height = MAX (1, (int) ceil (b->h * self->scale));
}

gint64
gt_chart_view_project_area_at (GtChartView *self, double x, double y, GdkRectangle *rect)
{
  GtChartBox box;
  gint64 id;

  if (self->scale <= 0)
    return 0;
  id = gt_chart_boxes_find_box (self->boxes, (x - self->ox) / self->scale,
                                (y - self->oy) / self->scale, &box);
  if (id != 0 && rect != NULL)
    box_to_rect (self, &box, rect);
  return id;
}

gint64
gt_chart_view_village_at (GtChartView *self, double x, double y)
{
  if (self->scale <= 0)
    return 0;
  return gt_chart_boxes_find_village (self->boxes, (x - self->ox) / self->scale,
                                      (y - self->oy) / self->scale);
}

gboolean
gt_chart_view_project_rect (GtChartView *self, gint64 id, GdkRectangle *rect)
{
  for (guint i = 0; i < self->boxes->len; i++)
    {
      const GtChartBox *b = &g_array_index (self->boxes, GtChartBox, i);
      if (b->kind == GT_CHART_BOX_HIT && b->project_id == id)
        {
          box_to_rect (self, b, rect);
          return TRUE;
        }
    }
  return FALSE;
}

char *
gt_chart_view_describe_project (GtChartView *self, gint64 id)
{
  for (guint i = 0; self->data != NULL && i < self->data->projects->len; i++)
    {
      const GtChartProject *p = self->data->projects->pdata[i];
      g_autoptr (GString) s = NULL;

      if (p->id != id)
        continue;
      s = g_string_new (NULL);
      g_string_append_printf (s, "<b>%d · %s</b>\n", p->seq, p->number);
      {
        g_autofree char *name = g_markup_escape_text (p->name, -1);
        g_string_append_printf (s, "%s\n", name);
      }
      /* TRANSLATORS: tooltip line: kind, status */
      g_string_append_printf (s, _("%s · %s"), gt_label_project_kind (p->kind),
                              gt_project_status_label (p->status));
      g_string_append_c (s, '\n');
      {
        g_autofree char *owners = g_markup_printf_escaped (_("Leader %s, cadre %s"),
                                                           p->leader, p->cadre);
        g_string_append (s, owners);
      }
      if (p->next_node != NULL && p->status != GT_PROJECT_STATUS_DONE)
        {
          g_autofree char *next = g_markup_printf_escaped (_("Next node: %s (%s)"), p->next_node,
                                                           p->next_date != NULL ? p->next_date : "");
          g_string_append_c (s, '\n');
          g_string_append (s, next);
        }
      {
        g_autofree char *nodes = g_strdup_printf (_("Nodes ticked off: %d of %d"), (int) p->n_done,
                                                  (int) p->n_milestones);
        g_string_append_c (s, '\n');
        g_string_append (s, nodes);
      }
      return g_string_free (g_steal_pointer (&s), FALSE);
    }
  return NULL;
}

static gboolean
gt_chart_view_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard,
                             GtkTooltip *tooltip)
{
  GtChartView *self = GT_CHART_VIEW (widget);
  GdkRectangle rect;
  gint64 id = gt_chart_view_project_area_at (self, x, y, &rect);
  g_autofree char *text = NULL;

  if (id == 0 || (text = gt_chart_view_describe_project (self, id)) == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, text);
  /* The marker or row under the pointer (a project has one of each on the battle map). */
  gtk_tooltip_set_tip_area (tooltip, &rect);
  return TRUE;
}

void
gt_chart_view_zoom (GtChartView *self, double factor)
{
  double cx = gtk_widget_get_allocated_width (GTK_WIDGET (self)) / 2.0;
  double cy = gtk_widget_get_allocated_height (GTK_WIDGET (self)) / 2.0;
  double s = CLAMP (self->scale * factor, MIN_SCALE, MAX_SCALE);

  /* Keep the centre of the window where it is. */
  self->ox = cx - (cx - self->ox) * s / self->scale;
  self->oy = cy - (cy - self->oy) * s / self->scale;
  self->scale = s;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_at (GtChartView *self, double factor, double x, double y)
{
  double s = CLAMP (self->scale * factor, MIN_SCALE, MAX_SCALE);

  self->ox = x - (x - self->ox) * s / self->scale;
  self->oy = y - (y - self->oy) * s / self->scale;
  self->scale = s;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gt_chart_view_fit (GtChartView *self)
{
  self->fitted = TRUE;
  gt_chart_view_fit_now (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
gt_chart_view_get_scale (GtChartView *self)
{
  return self->scale;
}

static gboolean
gt_chart_view_scroll_event (GtkWidget *widget, GdkEventScroll *event)
{
  GtChartView *self = GT_CHART_VIEW (widget);
  double dx = 0, dy = 0;

  if (event->direction == GDK_SCROLL_UP)
    dy = -1;
  else if (event->direction == GDK_SCROLL_DOWN)
    dy = 1;
  else if (event->direction == GDK_SCROLL_LEFT)
    dx = -1;
  else if (event->direction == GDK_SCROLL_RIGHT)
    dx = 1;
  else
    gdk_event_get_scroll_deltas ((GdkEvent *) event, &dx, &dy);

  if (event->state & GDK_CONTROL_MASK)
    zoom_at (self, dy < 0 ? 1.2 : 1 / 1.2, event->x, event->y);
  else
    {
      if (event->state & GDK_SHIFT_MASK)
        dx = dy, dy = 0;
      self->ox -= dx * 60;
      self->oy -= dy * 60;
      self->fitted = FALSE;
      gtk_widget_queue_draw (widget);
    }
  return GDK_EVENT_STOP;
}

static gboolean
gt_chart_view_button_press (GtkWidget *widget, GdkEventButton *event)
{
  GtChartView *self = GT_CHART_VIEW (widget);

  gtk_widget_grab_focus (widget);
  if (event->button != GDK_BUTTON_PRIMARY || event->type != GDK_BUTTON_PRESS)
    return GDK_EVENT_PROPAGATE;
  self->pressed = TRUE;
  self->dragged = FALSE;
  self->drag_village = 0;
  if (self->kind == GT_CHART_BATTLE && gt_chart_view_project_at (self, event->x, event->y) == 0)
    {
      double cx = (event->x - self->ox) / self->scale, cy = (event->y - self->oy) / self->scale;
      self->drag_village = gt_chart_boxes_find_village (self->boxes, cx, cy);
      for (guint i = 0; self->drag_village != 0 && i < self->boxes->len; i++)
        {
          const GtChartBox *b = &g_array_index (self->boxes, GtChartBox, i);
          if (b->kind == GT_CHART_BOX_VILLAGE && b->project_id == self->drag_village)
            self->village_box = *b;
        }
      self->drag_dx = self->drag_dy = 0;
    }
  self->press_x = event->x;
  self->press_y = event->y;
  self->press_ox = self->ox;
  self->press_oy = self->oy;
  return GDK_EVENT_STOP;
}

static gboolean
gt_chart_view_motion (GtkWidget *widget, GdkEventMotion *event)
{
  GtChartView *self = GT_CHART_VIEW (widget);

  if (!self->pressed)
    return GDK_EVENT_PROPAGATE;
  if (!self->dragged && hypot (event->x - self->press_x, event->y - self->press_y) < DRAG_THRESHOLD)
    return GDK_EVENT_STOP;
  self->dragged = TRUE;
  if (self->drag_village != 0)
    {
      self->drag_dx = (event->x - self->press_x) / self->scale;
      self->drag_dy = (event->y - self->press_y) / self->scale;
      gtk_widget_queue_draw (widget);
      return GDK_EVENT_STOP;
    }
  self->fitted = FALSE;
  self->ox = self->press_ox + event->x - self->press_x;
  self->oy = self->press_oy + event->y - self->press_y;
  gtk_widget_queue_draw (widget);
  return GDK_EVENT_STOP;
}

void
gt_chart_view_activate_project (GtChartView *self, gint64 id)
{
  g_signal_emit (self, signals[SIGNAL_PROJECT_ACTIVATED], 0, id);
}

static gboolean
gt_chart_view_button_release (GtkWidget *widget, GdkEventButton *event)
{
  GtChartView *self = GT_CHART_VIEW (widget);
  gint64 id;

  if (!self->pressed || event->button != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;
  self->pressed = FALSE;
  if (self->drag_village != 0 && self->dragged)
    {
      const GtChartBox *v = &self->village_box;
      gint64 village = self->drag_village;
      double mx, my;

      self->drag_village = 0;
      gtk_widget_queue_draw (widget);
      if (gt_chart_boxes_map_position (self->boxes, v->x + v->w / 2 + self->drag_dx,
                                       v->y + v->h / 2 + self->drag_dy, &mx, &my))
        g_signal_emit (self, signals[SIGNAL_VILLAGE_MOVED], 0, village, mx, my);
      return GDK_EVENT_STOP;
    }
  self->drag_village = 0;
  if (!self->dragged && (id = gt_chart_view_project_at (self, event->x, event->y)) != 0)
    gt_chart_view_activate_project (self, id);
  return GDK_EVENT_STOP;
}

static gboolean
gt_chart_view_key_press (GtkWidget *widget, GdkEventKey *event)
{
  GtChartView *self = GT_CHART_VIEW (widget);

  switch (event->keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      gt_chart_view_zoom (self, 1.25);
      return GDK_EVENT_STOP;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      gt_chart_view_zoom (self, 0.8);
      return GDK_EVENT_STOP;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      gt_chart_view_fit (self);
      return GDK_EVENT_STOP;
    case GDK_KEY_Left:
    case GDK_KEY_Right:
    case GDK_KEY_Up:
    case GDK_KEY_Down:
      self->ox += event->keyval == GDK_KEY_Left ? 60 : event->keyval == GDK_KEY_Right ? -60 : 0;
      self->oy += event->keyval == GDK_KEY_Up ? 60 : event->keyval == GDK_KEY_Down ? -60 : 0;
      self->fitted = FALSE;
      gtk_widget_queue_draw (widget);
      return GDK_EVENT_STOP;
    default:
      return GTK_WIDGET_CLASS (gt_chart_view_parent_class)->key_press_event (widget, event);
    }
}

void
gt_chart_view_set_data (GtChartView *self, GtChartData *data)
{
  g_clear_pointer (&self->data, gt_chart_data_free);
  self->data = data;
  g_array_set_size (self->boxes, 0);
  invalidate (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const GtChartData *
gt_chart_view_get_data (GtChartView *self)
{
  return self->data;
}

void
gt_chart_view_set_chart (GtChartView *self, GtChartKind kind)
{
  self->kind = kind;
  invalidate (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtChartKind
gt_chart_view_get_chart (GtChartView *self)
{
  return self->kind;
}

void
gt_chart_view_set_paper (GtChartView *self, GtPaper paper, gboolean landscape)
{
  self->paper = paper;
  self->landscape = landscape;
  invalidate (self);
  gt_chart_view_fit (self);
}

void
gt_chart_view_get_paper (GtChartView *self, GtPaper *paper, gboolean *landscape)
{
  *paper = self->paper;
  *landscape = self->landscape;
}

static void
gt_chart_view_finalize (GObject *object)
{
  GtChartView *self = GT_CHART_VIEW (object);

  g_clear_pointer (&self->data, gt_chart_data_free);
  invalidate (self);
  g_clear_pointer (&self->cache, gt_chart_cache_free);
  g_clear_pointer (&self->boxes, g_array_unref);
  G_OBJECT_CLASS (gt_chart_view_parent_class)->finalize (object);
}

static void
gt_chart_view_class_init (GtChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gt_chart_view_finalize;
  widget_class->draw = gt_chart_view_draw;
  widget_class->query_tooltip = gt_chart_view_query_tooltip;
  widget_class->scroll_event = gt_chart_view_scroll_event;
  widget_class->button_press_event = gt_chart_view_button_press;
  widget_class->button_release_event = gt_chart_view_button_release;
  widget_class->motion_notify_event = gt_chart_view_motion;
  widget_class->key_press_event = gt_chart_view_key_press;

  /**
   * GtChartView::project-activated:
   * @id: the project clicked
   */
  signals[SIGNAL_PROJECT_ACTIVATED] =
    g_signal_new ("project-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * GtChartView::village-moved:
   * @id: the village dragged on the battle map
   * @x: its new position across the map, 0 … 1
   * @y: its new position down the map, 0 … 1
   */
  signals[SIGNAL_VILLAGE_MOVED] =
    g_signal_new ("village-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * GtChartView::laid-out:
   *
   * The chart was drawn afresh (data, chart, paper or zoom changed): its labels' boxes are
   * new. Emitted while drawing: change other widgets from an idle.
   */
  signals[SIGNAL_LAID_OUT] =
    g_signal_new ("laid-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_accessible_role (widget_class, ATK_ROLE_IMAGE);
  gtk_widget_class_set_css_name (widget_class, "chartview");
}

static void
gt_chart_view_init (GtChartView *self)
{
  self->cache = gt_chart_cache_new ();
  self->boxes = gt_chart_boxes_new ();
  self->paper = GT_PAPER_A3;
  self->landscape = TRUE;
  self->scale = 0.5;
  self->fitted = TRUE;
  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_events (GTK_WIDGET (self), GDK_BUTTON_PRESS_MASK | GDK_BUTTON_RELEASE_MASK
                                              | GDK_POINTER_MOTION_MASK | GDK_SCROLL_MASK
                                              | GDK_SMOOTH_SCROLL_MASK | GDK_KEY_PRESS_MASK);
  update_accessible (self);
}

GtkWidget *
gt_chart_view_new (void)
{
  return g_object_new (GT_TYPE_CHART_VIEW, NULL);
}

guint
gt_chart_view_count_small_labels (GtChartView *self, double size, guint *n_labels,
                                  double *smallest)
{
  g_return_val_if_fail (GT_IS_CHART_VIEW (self), 0);
  return gt_chart_boxes_count_small (self->boxes, size, n_labels, smallest);
}
