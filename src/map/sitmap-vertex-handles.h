/* sitmap-vertex-handles.h: the handles that reshape an area, one drawing for events' and annotations'
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* An area keeps at least this many corners: removing one more is refused. */
#define SITMAP_VERTEX_MIN_CORNERS 3
/* How far from a handle's centre a press still takes it, in logical pixels. */
#define SITMAP_VERTEX_HANDLE_REACH 9.0

/* The handles of a closed ring of n corners (x, y pairs in user space, the first not repeated at the
 * end): handle i < n is corner i (a square: a drag moves it), handle n + i the middle of the side from
 * corner i to corner i + 1 (a small disc: a drag, or a click, adds a corner there). */

/* Where handle is, in user space. */
void sitmap_vertex_handles_get (const double *corners, guint n, guint handle, double *x, double *y);
/* The handle nearest (x, y) within reach (corners before sides when they overlap), or -1. */
gint sitmap_vertex_handles_hit (const double *corners, guint n, double x, double y, double reach);
/* Draws one handle: a corner's square (as an annotation's other handles are drawn too) or a side's disc,
 * scaled by scale; focused fills it with the selection's blue. */
void sitmap_vertex_handle_draw (cairo_t *cr, double x, double y, gboolean corner, gboolean focused, double scale);
/* Draws every handle of the ring; focused (or -1) is the one the keyboard acts on (Delete removes it),
 * filled with the selection's blue. */
void sitmap_vertex_handles_draw (cairo_t *cr, const double *corners, guint n, gint focused, double scale);

G_END_DECLS
