/* gt-chart.h — the three 挂图作战 wall charts (路线图, 作战图, 工作导图), drawn with Cairo
 * and Pango into any cairo_t at any size in points
 *
 * The same drawing serves the screen (GtChartView), printing (GtkPrintOperation, whole
 * sheet or tiled) and export (PDF, SVG, PNG; gt-chart-export.h). Every piece of text is
 * fitted into its box (shrunk, then ellipsized) and every label the chart draws is recorded
 * in the layout, so tests can check that no two labels overlap and the view can find the
 * project under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "gt-project-status.h"
#include "gt-storage.h"

G_BEGIN_DECLS

typedef enum
{
  GT_CHART_ROUTE,  /* 路线图 */
  GT_CHART_BATTLE, /* 作战图 */
  GT_CHART_GUIDE,  /* 工作导图 */
} GtChartKind;

/* "route", "battle", "guide". */
const char *gt_chart_kind_code (GtChartKind kind);
gboolean gt_chart_kind_from_code (const char *code, GtChartKind *kind);
/* Translated: 路线图, 作战图, 工作导图. */
const char *gt_chart_kind_title (GtChartKind kind);

typedef enum
{
  GT_PAPER_A4,
  GT_PAPER_A3,
  GT_PAPER_A2,
  GT_PAPER_A1,
  GT_PAPER_A0,
} GtPaper;

/* "A4" … "A0" (case-insensitive). */
gboolean gt_paper_from_name (const char *name, GtPaper *paper);
const char *gt_paper_name (GtPaper paper);
/* The paper's size in points (1/72 in); A0 portrait is 2383.94 × 3370.39. */
void gt_paper_size (GtPaper paper, gboolean landscape, double *width, double *height);

#define GT_MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

typedef struct
{
  char *name;
  char *planned_date;
  char *done_date; /* NULL while open */
} GtChartMilestone;

typedef struct
{
  gint64 id;
  int seq;           /* 1 … n in number order: the marker number on the battle map */
  char *number;
  char *name;
  char *kind;
  char *level;
  gint64 org_id;
  char *org_name;
  gint64 village_id; /* 0 for none */
  char *village;
  char *leader;
  char *cadre;
  char *start_date;
  char *due_date;
  char *closed_date;
  char *next_node;
  char *next_date;
  gint64 n_milestones;
  gint64 n_done;
  GtProjectStatus status;
  GPtrArray *milestones; /* GtChartMilestone, in sequence */
} GtChartProject;

typedef struct
{
  gint64 id;
  char *name;
  gboolean has_position;
  double x, y; /* 0 … 1 across and down the map, when has_position */
} GtChartVillage;

typedef struct
{
  char *township;     /* meta "township", else "office_name" */
  char *goal;         /* root of the work guide: meta chart.goal, else a default */
  char *leader;       /* responsible leader in the title block: meta chart.leader */
  char *today;        /* YYYY-MM-DD */
  int at_risk_days;
  GPtrArray *legend;   /* GtLegendEntry */
  GPtrArray *projects; /* GtChartProject, in number order */
  GPtrArray *villages; /* GtChartVillage, by name */
} GtChartData;

/* Everything the charts show, with each project's status on @today (NULL: today). */
GtChartData *gt_chart_data_load (GtStorage *storage, const char *today, GError **error);
void gt_chart_data_free (GtChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtChartData, gt_chart_data_free)

typedef struct
{
  const char *kind;  /* NULL for all */
  const char *level; /* NULL for all */
  int status;        /* a GtProjectStatus, or -1 for all */
  gint64 org_id;     /* 0 for all */
} GtChartFilter;

#define GT_CHART_FILTER_INIT { NULL, NULL, -1, 0 }

/* Drops the projects @filter does not match (marker numbers stay as they were). */
void gt_chart_data_filter (GtChartData *data, const GtChartFilter *filter);

/* Shaped text kept between draws (a view redrawing the same chart). Use one cache from one
 * thread at a time. */
typedef struct _GtChartCache GtChartCache;

GtChartCache *gt_chart_cache_new (void);
void gt_chart_cache_free (GtChartCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GtChartCache, gt_chart_cache_free)
/* The number of pieces of shaped text kept. */
guint gt_chart_cache_size (GtChartCache *cache);

typedef struct
{
  GtChartKind kind;
  const char *title;      /* NULL: "挂图作战 · 路线图" */
  const char *background; /* battle map: a PNG (or SVG when built with librsvg), or NULL */
  GtChartCache *cache;    /* NULL: shape text afresh */
} GtChartOptions;

typedef enum
{
  GT_CHART_BOX_TEXT,   /* a piece of text as drawn (after fitting) */
  GT_CHART_BOX_MARKER, /* a project's marker on the battle map */
  GT_CHART_BOX_HIT,    /* the area that stands for a project (tooltips, clicks) */
  GT_CHART_BOX_VILLAGE, /* a village's box on the battle map: project_id holds the village id */
  GT_CHART_BOX_MAP,     /* the battle map's area, for turning points into map positions */
} GtChartBoxKind;

typedef struct
{
  double x, y, w, h;
  GtChartBoxKind kind;
  gint64 project_id; /* 0 when the box is no project's */
} GtChartBox;

/* Draws the chart into @cr over (0, 0, @width, @height) in the current user units (taken as
 * points for font sizes). When @boxes is not NULL, appends a GtChartBox for every label,
 * marker and project area drawn. */
void gt_chart_draw (cairo_t *cr, const GtChartData *data, const GtChartOptions *options,
                    double width, double height, GArray *boxes);

/* A new GArray of GtChartBox. */
GArray *gt_chart_boxes_new (void);

/* The project whose hit box contains (@x, @y), or 0. */
gint64 gt_chart_boxes_find (GArray *boxes, double x, double y);
/* The same, and the box found in @box (may be NULL). */
gint64 gt_chart_boxes_find_box (GArray *boxes, double x, double y, GtChartBox *box);

/* The village whose box contains (@x, @y), or 0; with @map_x/@map_y (may be NULL) the point
 * as a map position (0 … 1). */
gint64 gt_chart_boxes_find_village (GArray *boxes, double x, double y);
/* The map position (0 … 1, clamped) of chart point (@x, @y); FALSE without a map. */
gboolean gt_chart_boxes_map_position (GArray *boxes, double x, double y, double *map_x,
                                      double *map_y);

/* How many GT_CHART_BOX_TEXT boxes (labels) are smaller than @size; the number of labels
 * in @n_labels and the smallest in @smallest (either may be NULL). A label's box is its em
 * box, so its height is the size it was drawn at. */
guint gt_chart_boxes_count_small (GArray *boxes, double size, guint *n_labels,
                                  double *smallest);

/* Saves where a village sits on the battle map (0 … 1 across and down). */
gboolean gt_chart_village_move (GtStorage *storage, gint64 village_id, double x, double y,
                                GError **error);

/* The number of pairs of GT_CHART_BOX_TEXT and GT_CHART_BOX_MARKER boxes that overlap by
 * more than @tolerance in both directions; the first such pair in @a and @b. */
guint gt_chart_boxes_count_overlaps (GArray *boxes, double tolerance, GtChartBox *a,
                                     GtChartBox *b);

G_END_DECLS
