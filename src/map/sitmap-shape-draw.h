/* sitmap-shape-draw.h: how an event's area, line and vague circle look, drawn with cairo so that the
 * map on screen and every export share one drawing, and their outlines projected once for drawing and
 * hit testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "sitmap-category.h"
#include "sitmap-shape-table.h"

G_BEGIN_DECLS

/* Places normalised Web Mercator (x, y) in the cairo context's user space: widget pixels on screen, the
 * page in an export. */
typedef void (*SitmapShapeProjectFunc) (double x, double y, double *out_x, double *out_y, gpointer user_data);

/* The rings of an area's or a line's path in user space. */
typedef struct
{
  GArray *points;    /* double x, y pairs */
  GArray *ring_ends; /* guint: the pair after each ring's last */
} SitmapShapeOutline;

void sitmap_shape_outline_init (SitmapShapeOutline *outline);
void sitmap_shape_outline_clear (SitmapShapeOutline *outline);

/* Replaces what outline holds with the rings of the table's path, each point through project. A
 * ring's points closer than min_step (on both axes) to the last one kept are left out, but for its
 * first and last: on screen, vertices closer than half a pixel add nothing but work; a page (0) keeps
 * them all. */
void sitmap_shape_outline_project (SitmapShapeOutline *outline, SitmapShapeTable *table, guint path,
                                   SitmapShapeProjectFunc project, gpointer user_data, double min_step);

/* Adds the outline's rings to cr's path as sub-paths, closed for an area. */
void     sitmap_shape_outline_trace (cairo_t *cr, const SitmapShapeOutline *outline, gboolean close);
/* Whether (x, y) is within reach of one of the outline's sides (a closed ring's last side too). */
gboolean sitmap_shape_outline_is_near (const SitmapShapeOutline *outline, double x, double y, double reach,
                                       gboolean close);

/* An area: a faint wash of the category's colour under a white casing and its outline, dashed when
 * only parties to the conflict report the events drawn with it. */
void sitmap_shape_draw_area (cairo_t *cr, const SitmapShapeOutline *outline, SitmapCategory category,
                             gboolean party_only);
/* A line (a track): a white casing under a stroke of the category's colour, dashed likewise. */
void sitmap_shape_draw_line (cairo_t *cr, const SitmapShapeOutline *outline, SitmapCategory category,
                             gboolean party_only);
/* Somewhere in a region or a country: a large faint dashed circle, plainly not a spot. */
void sitmap_shape_draw_vague (cairo_t *cr, double x, double y, double radius, SitmapCategory category);

G_END_DECLS
