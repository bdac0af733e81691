/* sitmap-map-fit.h: the view that shows a set of events, one rule for every map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sitmap-event-store.h"

G_BEGIN_DECLS

/* A box that is a point is shown at a zoom where its town can be read; no fit zooms in further than
 * SITMAP_MAP_FIT_MAX_ZOOM, so that a handful of events close together still shows where they are. */
#define SITMAP_MAP_FIT_POINT_ZOOM 9.0
#define SITMAP_MAP_FIT_MIN_ZOOM   1.0
#define SITMAP_MAP_FIT_MAX_ZOOM   12.0

/* Where a map looks: its centre in degrees and its zoom (256-pixel tiles). */
typedef struct
{
  double latitude;
  double longitude;
  double zoom;
} SitmapMapFit;

/* What shows a box of the world (normalised Web Mercator, x0 ≤ x1, y0 ≤ y1) on a map of width × height
 * pixels with a fifth of it to spare: the box's centre, and the zoom between SITMAP_MAP_FIT_MIN_ZOOM and
 * max_zoom (a point gets SITMAP_MAP_FIT_POINT_ZOOM, or max_zoom if that is less). The window's opening
 * view, "Show All Events", an import's reveal and the command line's export share it. */
void     sitmap_map_fit_box (double width, double height, double x0, double y0, double x1, double y1, double max_zoom,
                             SitmapMapFit *fit);
/* The same for the placed events among positions (all of the store's with n == 0 and positions NULL);
 * FALSE, fit untouched, when none is placed. */
gboolean sitmap_map_fit_events (SitmapEventStore *store, const guint32 *positions, guint n, double width,
                                double height, double max_zoom, SitmapMapFit *fit);

G_END_DECLS
