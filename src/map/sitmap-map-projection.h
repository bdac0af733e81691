/* sitmap-map-projection.h: normalised Web Mercator to widget pixels, once per frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* What a layer needs to place the store's normalised Web Mercator x, y (the world is [0, 1]²) on its
 * widget, read from the viewport once per frame: then each point costs a multiply and an add.
 * "Map pixels" are pixels of the unrotated map at the current zoom, measured from the view's centre. */
typedef struct
{
  gboolean valid;
  double   width;
  double   height;
  double   map_size; /* map pixels across the whole world */
  double   center_x; /* the view's centre in map pixels from the world's west edge */
  double   center_y;
  double   cos_r;
  double   sin_r;
  gboolean rotated;
  double   reach_x;  /* half the extent of what the widget shows, in map pixels */
  double   reach_y;
} SitmapMapProjection;

/* FALSE (and valid unset) when the viewport has no reference map source or the widget no size. */
gboolean sitmap_map_projection_init (SitmapMapProjection *self, ShumateViewport *viewport, GtkWidget *widget);

/* Map pixels from the view centre of the copy of the world nearest to it. */
static inline void
sitmap_map_projection_to_map (const SitmapMapProjection *self, double x, double y, double *u, double *v)
{
  double half = self->map_size / 2;

  *u = x * self->map_size - self->center_x;
  if (*u > half)
    *u -= self->map_size;
  else if (*u < -half)
    *u += self->map_size;
  *v = y * self->map_size - self->center_y;
}

static inline void
sitmap_map_projection_map_to_widget (const SitmapMapProjection *self, double u, double v, double *wx, double *wy)
{
  if (self->rotated)
    {
      *wx = self->width / 2 + self->cos_r * u - self->sin_r * v;
      *wy = self->height / 2 + self->sin_r * u + self->cos_r * v;
    }
  else
    {
      *wx = self->width / 2 + u;
      *wy = self->height / 2 + v;
    }
}

/* Whether map pixels (u, v) fall within margin pixels of what the widget shows. */
static inline gboolean
sitmap_map_projection_map_in_view (const SitmapMapProjection *self, double u, double v, double margin)
{
  return u >= -self->reach_x - margin && u <= self->reach_x + margin && v >= -self->reach_y - margin &&
         v <= self->reach_y + margin;
}

/* Whether another copy of the world may show within margin of the view: zoomed out that far, the tiles
 * repeat and so must the points. */
gboolean sitmap_map_projection_wraps (const SitmapMapProjection *self, double margin);
void     sitmap_map_projection_to_widget (const SitmapMapProjection *self, double x, double y, double *wx, double *wy);
/* The inverse: the widget point in normalised Web Mercator (x may fall outside [0, 1] across the date line). */
void     sitmap_map_projection_from_widget (const SitmapMapProjection *self, double wx, double wy, double *x, double *y);
/* Pixels that metres on the ground span at normalised latitude y (Web Mercator stretches them poleward). */
double   sitmap_map_projection_metres_to_pixels (const SitmapMapProjection *self, double y, double metres);

G_END_DECLS
