/* sitmap-map-fit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-map-fit"

#include "config.h"

#include <math.h>

#include "sitmap-geometry.h"
#include "sitmap-map-fit.h"

/* A fifth of the map is left as margin around the box. */
#define FILL 0.8
#define TILE 256.0

void
sitmap_map_fit_box (double width, double height, double x0, double y0, double x1, double y1, double max_zoom,
                    SitmapMapFit *fit)
{
  double x = (x0 + x1) / 2, y = CLAMP ((y0 + y1) / 2, 0, 1);
  double zoom;

  g_return_if_fail (fit != NULL);
  g_return_if_fail (x0 <= x1 && y0 <= y1);

  sitmap_mercator_to_lat_lon (x - floor (x), y, &fit->latitude, &fit->longitude);
  if (x1 - x0 < 1e-9 && y1 - y0 < 1e-9)
    zoom = SITMAP_MAP_FIT_POINT_ZOOM;
  else
    zoom = log2 (MIN (width * FILL / MAX ((x1 - x0) * TILE, 1e-12), height * FILL / MAX ((y1 - y0) * TILE, 1e-12)));
  fit->zoom = CLAMP (zoom, SITMAP_MAP_FIT_MIN_ZOOM, MAX (max_zoom, SITMAP_MAP_FIT_MIN_ZOOM));
}

gboolean
sitmap_map_fit_events (SitmapEventStore *store, const guint32 *positions, guint n, double width, double height,
                       double max_zoom, SitmapMapFit *fit)
{
  double x0, y0, x1, y1;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);

  if (!sitmap_event_store_get_placed_extent (store, positions, n, &x0, &y0, &x1, &y1))
    return FALSE;
  sitmap_map_fit_box (width, height, x0, y0, x1, y1, max_zoom, fit);
  return TRUE;
}
