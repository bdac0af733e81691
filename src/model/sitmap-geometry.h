/* sitmap-geometry.h: where an event happened, and how exactly we know it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How exactly a report pins a place. */
typedef enum
{
  SITMAP_LOCATION_PRECISION_NONE,      /* no place, or a place the document does not locate */
  SITMAP_LOCATION_PRECISION_EXACT,     /* the spot itself */
  SITMAP_LOCATION_PRECISION_TOWN,      /* in a named town or city */
  SITMAP_LOCATION_PRECISION_NEAR_TOWN, /* near a town, within some tens of km */
  SITMAP_LOCATION_PRECISION_REGION,    /* a district, province or region */
  SITMAP_LOCATION_PRECISION_COUNTRY,   /* somewhere in a country */
} SitmapLocationPrecision;

typedef enum
{
  SITMAP_GEOMETRY_POINT,
  SITMAP_GEOMETRY_LINE,
  SITMAP_GEOMETRY_POLYGON,
} SitmapGeometryKind;

/* A shape in WGS 84 longitude/latitude. A polygon has one or more rings, the first the outer one.
 * Immutable once built, reference counted, shared between a place and the events located at it. */
typedef struct _SitmapGeometry SitmapGeometry;

#define SITMAP_TYPE_GEOMETRY (sitmap_geometry_get_type ())
GType sitmap_geometry_get_type (void) G_GNUC_CONST;

SitmapGeometry    *sitmap_geometry_new (SitmapGeometryKind kind);
SitmapGeometry    *sitmap_geometry_ref (SitmapGeometry *self);
void               sitmap_geometry_unref (SitmapGeometry *self);
void               sitmap_geometry_begin_ring (SitmapGeometry *self);
void               sitmap_geometry_add_point (SitmapGeometry *self, double longitude, double latitude);
/* n_points points as longitude, latitude pairs, to the current ring */
void               sitmap_geometry_add_points (SitmapGeometry *self, const double *points, guint n_points);
/* The polygon of a box, its ring closed: south-west, south-east, north-east, north-west, south-west. */
SitmapGeometry    *sitmap_geometry_new_box (double south, double west, double north, double east);
SitmapGeometryKind sitmap_geometry_get_kind (const SitmapGeometry *self);
guint              sitmap_geometry_get_n_rings (const SitmapGeometry *self);
/* Points of ring i as longitude, latitude pairs. */
const double      *sitmap_geometry_get_ring (const SitmapGeometry *self, guint ring, guint *n_points);
void               sitmap_geometry_get_center (const SitmapGeometry *self, double *latitude, double *longitude);
void               sitmap_geometry_get_bounds (const SitmapGeometry *self,
                                               double *south, double *west, double *north, double *east);
gboolean           sitmap_geometry_equal (const SitmapGeometry *a, const SitmapGeometry *b);

gboolean sitmap_coordinates_valid (double latitude, double longitude);

/* Normalised Web Mercator: the world is the square [0, 1]², x east and y south, as at zoom 0 with a
 * one-pixel tile. Precomputed per event so that drawing is a multiply and an add. */
void sitmap_mercator_from_lat_lon (double latitude, double longitude, double *x, double *y);
void sitmap_mercator_to_lat_lon (double x, double y, double *latitude, double *longitude);

const char *sitmap_location_precision_to_id (SitmapLocationPrecision precision);
gboolean    sitmap_location_precision_from_id (const char *id, SitmapLocationPrecision *precision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapGeometry, sitmap_geometry_unref)

G_END_DECLS
