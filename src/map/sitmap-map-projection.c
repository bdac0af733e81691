/* sitmap-map-projection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-map-projection"

#include "config.h"

#include <math.h>

#include "sitmap-map-projection.h"

/* The WGS 84 equatorial radius, as libshumate uses for its scale. */
#define EARTH_RADIUS_M 6378137.0

gboolean
sitmap_map_projection_init (SitmapMapProjection *self, ShumateViewport *viewport, GtkWidget *widget)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double zoom, rotation;

  g_return_val_if_fail (self != NULL, FALSE);

  self->valid = FALSE;
  self->width = gtk_widget_get_width (widget);
  self->height = gtk_widget_get_height (widget);
  if (source == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;

  /* The same arithmetic as shumate_viewport_location_to_widget_coords(), so that both agree. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  self->map_size = shumate_map_source_get_column_count (source, (guint) zoom) *
                   shumate_map_source_get_tile_size_at_zoom (source, zoom);
  if (!(self->map_size > 0))
    return FALSE;
  self->center_x = shumate_map_source_get_x (source, zoom,
                                             shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  self->center_y = shumate_map_source_get_y (source, zoom,
                                             shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));

  rotation = shumate_viewport_get_rotation (viewport);
  self->rotated = rotation != 0;
  self->cos_r = cos (rotation);
  self->sin_r = sin (rotation);
  if (self->rotated)
    {
      /* Whatever the angle, the widget lies within its circumscribed circle. */
      self->reach_x = self->reach_y = hypot (self->width, self->height) / 2;
    }
  else
    {
      self->reach_x = self->width / 2;
      self->reach_y = self->height / 2;
    }
  self->valid = TRUE;
  return TRUE;
}

gboolean
sitmap_map_projection_wraps (const SitmapMapProjection *self, double margin)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->map_size / 2 < self->reach_x + margin;
}

void
sitmap_map_projection_to_widget (const SitmapMapProjection *self, double x, double y, double *wx, double *wy)
{
  double u, v;

  g_return_if_fail (self != NULL);

  sitmap_map_projection_to_map (self, x, y, &u, &v);
  sitmap_map_projection_map_to_widget (self, u, v, wx, wy);
}

void
sitmap_map_projection_from_widget (const SitmapMapProjection *self, double wx, double wy, double *x, double *y)
{
  double dx = wx - self->width / 2, dy = wy - self->height / 2, u = dx, v = dy;

  if (self->rotated)
    {
      u = self->cos_r * dx + self->sin_r * dy;
      v = -self->sin_r * dx + self->cos_r * dy;
    }
  *x = (self->center_x + u) / self->map_size;
  *y = (self->center_y + v) / self->map_size;
}

double
sitmap_map_projection_metres_to_pixels (const SitmapMapProjection *self, double y, double metres)
{
  g_return_val_if_fail (self != NULL, 0.0);

  /* At latitude φ a map pixel spans 2πR·cos φ / map_size metres, and 1 / cos φ = cosh (π (1 − 2y)). */
  return metres * self->map_size * cosh (G_PI * (1 - 2 * y)) / (2 * G_PI * EARTH_RADIUS_M);
}
