/* sitmap-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-geometry"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitmap-geometry.h"

/* Web Mercator's latitude limit: the square world of every tiled map. */
#define MERCATOR_MAX_LATITUDE 85.05112878

struct _SitmapGeometry
{
  gatomicrefcount    ref_count;
  SitmapGeometryKind kind;
  GArray            *coords;     /* double pairs: longitude, latitude */
  GArray            *ring_start; /* guint: index of each ring's first point */
};

G_DEFINE_BOXED_TYPE (SitmapGeometry, sitmap_geometry, sitmap_geometry_ref, sitmap_geometry_unref)

SitmapGeometry *
sitmap_geometry_new (SitmapGeometryKind kind)
{
  SitmapGeometry *self = g_new0 (SitmapGeometry, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->coords = g_array_new (FALSE, FALSE, sizeof (double));
  self->ring_start = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

SitmapGeometry *
sitmap_geometry_ref (SitmapGeometry *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sitmap_geometry_unref (SitmapGeometry *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->coords);
  g_array_unref (self->ring_start);
  g_free (self);
}

void
sitmap_geometry_begin_ring (SitmapGeometry *self)
{
  guint start = self->coords->len / 2;

  g_array_append_val (self->ring_start, start);
}

void
sitmap_geometry_add_point (SitmapGeometry *self, double longitude, double latitude)
{
  g_return_if_fail (self != NULL);

  if (self->ring_start->len == 0)
    sitmap_geometry_begin_ring (self);
  g_array_append_val (self->coords, longitude);
  g_array_append_val (self->coords, latitude);
}

SitmapGeometryKind
sitmap_geometry_get_kind (const SitmapGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->kind;
}

guint
sitmap_geometry_get_n_rings (const SitmapGeometry *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ring_start->len;
}

const double *
sitmap_geometry_get_ring (const SitmapGeometry *self, guint ring, guint *n_points)
{
  guint start, end;

  g_return_val_if_fail (ring < self->ring_start->len, NULL);

  start = g_array_index (self->ring_start, guint, ring);
  end = ring + 1 < self->ring_start->len ? g_array_index (self->ring_start, guint, ring + 1) : self->coords->len / 2;
  *n_points = end - start;
  return &g_array_index (self->coords, double, start * 2);
}

void
sitmap_geometry_get_bounds (const SitmapGeometry *self, double *south, double *west, double *north, double *east)
{
  const double *c = (const double *) self->coords->data;

  *south = *west = INFINITY;
  *north = *east = -INFINITY;
  for (guint i = 0; i < self->coords->len; i += 2)
    {
      *west = MIN (*west, c[i]);
      *east = MAX (*east, c[i]);
      *south = MIN (*south, c[i + 1]);
      *north = MAX (*north, c[i + 1]);
    }
}

/* The middle of the bounding box: good enough to anchor a symbol, and always defined. */
void
sitmap_geometry_get_center (const SitmapGeometry *self, double *latitude, double *longitude)
{
  double south, west, north, east;

  g_return_if_fail (self != NULL);

  if (self->coords->len == 0)
    {
      *latitude = *longitude = NAN;
      return;
    }
  sitmap_geometry_get_bounds (self, &south, &west, &north, &east);
  *latitude = (south + north) / 2;
  *longitude = (west + east) / 2;
}

gboolean
sitmap_geometry_equal (const SitmapGeometry *a, const SitmapGeometry *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return a->kind == b->kind && a->coords->len == b->coords->len && a->ring_start->len == b->ring_start->len &&
         memcmp (a->coords->data, b->coords->data, a->coords->len * sizeof (double)) == 0 &&
         memcmp (a->ring_start->data, b->ring_start->data, a->ring_start->len * sizeof (guint)) == 0;
}

gboolean
sitmap_coordinates_valid (double latitude, double longitude)
{
  return isfinite (latitude) && isfinite (longitude) && latitude >= -90 && latitude <= 90 && longitude >= -180 &&
         longitude <= 180;
}

void
sitmap_mercator_from_lat_lon (double latitude, double longitude, double *x, double *y)
{
  double lat = CLAMP (latitude, -MERCATOR_MAX_LATITUDE, MERCATOR_MAX_LATITUDE) * G_PI / 180.0;

  *x = (longitude + 180.0) / 360.0;
  *y = (1.0 - log (tan (lat) + 1.0 / cos (lat)) / G_PI) / 2.0;
}

void
sitmap_mercator_to_lat_lon (double x, double y, double *latitude, double *longitude)
{
  *longitude = x * 360.0 - 180.0;
  *latitude = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

static const char *const location_precision_ids[] = {
  [SITMAP_LOCATION_PRECISION_NONE] = "none",
  [SITMAP_LOCATION_PRECISION_EXACT] = "exact",
  [SITMAP_LOCATION_PRECISION_TOWN] = "town",
  [SITMAP_LOCATION_PRECISION_NEAR_TOWN] = "near-town",
  [SITMAP_LOCATION_PRECISION_REGION] = "region",
  [SITMAP_LOCATION_PRECISION_COUNTRY] = "country",
};

const char *
sitmap_location_precision_to_id (SitmapLocationPrecision precision)
{
  g_return_val_if_fail (precision < G_N_ELEMENTS (location_precision_ids), "none");
  return location_precision_ids[precision];
}

gboolean
sitmap_location_precision_from_id (const char *id, SitmapLocationPrecision *precision)
{
  for (guint i = 0; i < G_N_ELEMENTS (location_precision_ids); i++)
    if (g_strcmp0 (id, location_precision_ids[i]) == 0)
      {
        *precision = i;
        return TRUE;
      }
  return FALSE;
}
