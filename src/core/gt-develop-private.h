/* gt-develop-private.h — drawing helpers shared by the transfer letter and the statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "gt-storage.h"

G_BEGIN_DECLS

#define GT_DEVELOP_FONT "Noto Sans CJK SC"

/* Lays out @text at (@x, @y) within @width in @size points, at most @lines lines (0: no
 * limit); returns the height used. */
double gt_develop_draw_text (cairo_t *cr, const char *text, double x, double y, double width,
                             double size, gboolean bold, double r, double g, double b,
                             PangoAlignment align, int lines);

/* Draws the pages into a PDF of @width × @height points at @path, atomically: @draw is
 * called for page 0, 1, … until it returns FALSE (after drawing its last page). */
typedef gboolean (*GtDevelopDrawPage) (cairo_t *cr, int page, gpointer data);
gboolean gt_develop_write_pdf (const char *path, const char *title, double width, double height,
                               GtDevelopDrawPage draw, gpointer data, GError **error);

/* A date as written on letters (2026年12月01日 in Chinese). */
char *gt_develop_letter_date (const char *date);

G_END_DECLS
