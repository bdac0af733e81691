/* sitmap-shape-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-shape-table"

#include "config.h"

#include <math.h>

#include "sitmap-shape-table.h"
#include "sitmap-positions.h"

typedef struct
{
  guint32 first_ring; /* into ring_ends */
  guint32 n_rings;
} Path;

struct _SitmapShapeTable
{
  GArray     *shapes;    /* SitmapShape, ascending position */
  GArray     *paths;     /* Path */
  GArray     *ring_ends; /* guint32: index in points, after each ring's last point */
  GArray     *points;    /* double x, y pairs */
  GHashTable *path_of;   /* SitmapGeometry * → path index + 1: events at one place, or with the same
                          * outline, share a path, so that it is drawn once */
};

/*
 * Building
 */

/* By content: two events that each carry a copy of one outline (a region written out in full in each
 * placemark) are one shape. */
static guint
geometry_hash (gconstpointer key)
{
  const SitmapGeometry *geometry = key;
  guint hash = 5381;

  for (guint r = 0; r < sitmap_geometry_get_n_rings (geometry); r++)
    {
      guint n_points;
      const double *lon_lat = sitmap_geometry_get_ring (geometry, r, &n_points);
      const guchar *bytes = (const guchar *) lon_lat;

      hash = hash * 33 + n_points;
      for (gsize i = 0; i < 2 * n_points * sizeof (double); i++)
        hash = hash * 33 + bytes[i];
    }
  return hash;
}

static gboolean
geometry_equal (gconstpointer a, gconstpointer b)
{
  return sitmap_geometry_equal (a, b);
}

static guint
add_path (SitmapShapeTable *self, SitmapGeometry *geometry)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->path_of, geometry));
  Path path;

  if (index > 0)
    return index - 1;

  path.first_ring = self->ring_ends->len;
  path.n_rings = sitmap_geometry_get_n_rings (geometry);
  for (guint r = 0; r < path.n_rings; r++)
    {
      guint n_points;
      const double *lon_lat = sitmap_geometry_get_ring (geometry, r, &n_points);
      guint32 end;

      for (guint i = 0; i < n_points; i++)
        {
          double xy[2];

          sitmap_mercator_from_lat_lon (lon_lat[2 * i + 1], lon_lat[2 * i], &xy[0], &xy[1]);
          g_array_append_vals (self->points, xy, 2);
        }
      end = self->points->len / 2;
      g_array_append_val (self->ring_ends, end);
    }
  g_array_append_val (self->paths, path);
  g_hash_table_insert (self->path_of, geometry, GUINT_TO_POINTER (self->paths->len));
  return self->paths->len - 1;
}

static void
set_path_bounds (SitmapShapeTable *self, SitmapShape *shape)
{
  shape->min_x = shape->min_y = INFINITY;
  shape->max_x = shape->max_y = -INFINITY;
  for (guint r = 0; r < sitmap_shape_table_get_n_rings (self, shape->path); r++)
    {
      guint n;
      const double *p = sitmap_shape_table_get_ring (self, shape->path, r, &n);

      for (guint i = 0; i < n; i++)
        {
          shape->min_x = MIN (shape->min_x, p[2 * i]);
          shape->max_x = MAX (shape->max_x, p[2 * i]);
          shape->min_y = MIN (shape->min_y, p[2 * i + 1]);
          shape->max_y = MAX (shape->max_y, p[2 * i + 1]);
        }
    }
}

/* An event with a shape but no point of its own is anchored at the middle of its shape. */
static void
set_anchor (SitmapShape *shape, SitmapEventStore *store, const SitmapEventColumns *columns)
{
  double latitude, longitude;

  if (columns->flags[shape->position] & SITMAP_EVENT_FLAG_PLACED)
    {
      shape->x = columns->x[shape->position];
      shape->y = columns->y[shape->position];
      return;
    }
  sitmap_geometry_get_center (sitmap_event_store_get_geometry (store, shape->position), &latitude, &longitude);
  if (sitmap_coordinates_valid (latitude, longitude))
    sitmap_mercator_from_lat_lon (latitude, longitude, &shape->x, &shape->y);
  else
    shape->x = shape->y = NAN;
}

static gboolean
classify_geometry (SitmapShapeTable *self, SitmapShape *shape, SitmapEventStore *store,
                   const SitmapEventColumns *columns)
{
  SitmapGeometry *geometry;
  guint8 flags = columns->flags[shape->position];

  if (!(flags & (SITMAP_EVENT_FLAG_AREA | SITMAP_EVENT_FLAG_LINE)))
    return FALSE;
  geometry = sitmap_event_store_get_geometry (store, shape->position);
  if (geometry == NULL || sitmap_geometry_get_n_rings (geometry) == 0)
    return FALSE;
  shape->kind = (flags & SITMAP_EVENT_FLAG_AREA) ? SITMAP_SHAPE_AREA : SITMAP_SHAPE_LINE;
  shape->path = add_path (self, geometry);
  set_path_bounds (self, shape);
  set_anchor (shape, store, columns);
  return isfinite (shape->min_x);
}

/* Rings need a point: the radius of uncertainty is measured from it. */
static gboolean
classify_ring (SitmapShape *shape, SitmapEventStore *store, const SitmapEventColumns *columns)
{
  guint position = shape->position;
  guint radius;

  if (!(columns->flags[position] & SITMAP_EVENT_FLAG_PLACED))
    return FALSE;
  radius = sitmap_event_store_get_radius (store, position);
  switch (columns->location_precision[position])
    {
    case SITMAP_LOCATION_PRECISION_NEAR_TOWN:
      shape->kind = SITMAP_SHAPE_RING;
      shape->radius_m = radius > 0 ? radius : SITMAP_NEAR_TOWN_DEFAULT_RADIUS_M;
      break;
    case SITMAP_LOCATION_PRECISION_REGION:
      shape->kind = SITMAP_SHAPE_VAGUE;
      shape->radius_m = radius > 0 ? radius : SITMAP_REGION_DEFAULT_RADIUS_M;
      break;
    case SITMAP_LOCATION_PRECISION_COUNTRY:
      shape->kind = SITMAP_SHAPE_VAGUE;
      shape->radius_m = radius > 0 ? radius : SITMAP_COUNTRY_DEFAULT_RADIUS_M;
      break;
    default:
      if (radius == 0)
        return FALSE;
      shape->kind = SITMAP_SHAPE_RING;
      shape->radius_m = radius;
    }
  shape->x = shape->min_x = shape->max_x = columns->x[position];
  shape->y = shape->min_y = shape->max_y = columns->y[position];
  return TRUE;
}

static void add_shapes (SitmapShapeTable *self, SitmapEventStore *store, const SitmapEventColumns *columns,
                        guint from);

SitmapShapeTable *
sitmap_shape_table_new (SitmapDocument *document)
{
  SitmapShapeTable *self = g_new0 (SitmapShapeTable, 1);
  SitmapEventStore *store = sitmap_document_get_store (document);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  self->shapes = g_array_new (FALSE, TRUE, sizeof (SitmapShape));
  self->paths = g_array_new (FALSE, FALSE, sizeof (Path));
  self->ring_ends = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->points = g_array_new (FALSE, FALSE, sizeof (double));

  add_shapes (self, store, columns, 0);
  return self;
}

/* The shapes of positions from on, appended: positions only grow, so the table stays in position order */
static void
add_shapes (SitmapShapeTable *self, SitmapEventStore *store, const SitmapEventColumns *columns, guint from)
{
  self->path_of = g_hash_table_new (geometry_hash, geometry_equal);
  for (guint i = from; i < columns->n_events; i++)
    {
      SitmapShape shape = { .position = i };

      if (classify_geometry (self, &shape, store, columns) || classify_ring (&shape, store, columns))
        g_array_append_val (self->shapes, shape);
    }
  /* Only the identity of geometries was needed, while building. */
  g_clear_pointer (&self->path_of, g_hash_table_unref);
}

/* An edit of events: those added since n_before are classified, those an undo took away forgotten. Paths of the
 * shapes forgotten stay, unused, until the table is made again. */
void
sitmap_shape_table_update (SitmapShapeTable *self, SitmapDocument *document, guint n_before)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  while (self->shapes->len > 0 &&
         g_array_index (self->shapes, SitmapShape, self->shapes->len - 1).position >= columns->n_events)
    g_array_set_size (self->shapes, self->shapes->len - 1);
  if (columns->n_events > n_before)
    add_shapes (self, sitmap_document_get_store (document), columns, n_before);
}

void
sitmap_shape_table_free (SitmapShapeTable *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->shapes);
  g_array_unref (self->paths);
  g_array_unref (self->ring_ends);
  g_array_unref (self->points);
  g_clear_pointer (&self->path_of, g_hash_table_unref);
  g_free (self);
}

/*
 * Reading
 */

const SitmapShape *
sitmap_shape_table_get_shapes (SitmapShapeTable *self, guint *n_shapes)
{
  *n_shapes = self->shapes->len;
  return (const SitmapShape *) self->shapes->data;
}

const SitmapShape *
sitmap_shape_table_lookup (SitmapShapeTable *self, guint position)
{
  const SitmapShape *shapes = (const SitmapShape *) self->shapes->data;
  gint i;

  if (self->shapes->len == 0)
    return NULL;
  i = sitmap_positions_index_of_strided (&shapes[0].position, sizeof (SitmapShape), self->shapes->len, position);
  return i >= 0 ? &shapes[i] : NULL;
}

guint
sitmap_shape_table_get_n_rings (SitmapShapeTable *self, guint path)
{
  g_return_val_if_fail (path < self->paths->len, 0);
  return g_array_index (self->paths, Path, path).n_rings;
}

const double *
sitmap_shape_table_get_ring (SitmapShapeTable *self, guint path, guint ring, guint *n_points)
{
  const Path *p;
  const guint32 *ends = (const guint32 *) self->ring_ends->data;
  guint32 start;

  g_return_val_if_fail (path < self->paths->len, NULL);
  p = &g_array_index (self->paths, Path, path);
  g_return_val_if_fail (ring < p->n_rings, NULL);

  start = p->first_ring + ring == 0 ? 0 : ends[p->first_ring + ring - 1];
  *n_points = ends[p->first_ring + ring] - start;
  return &g_array_index (self->points, double, 2 * start);
}

gboolean
sitmap_shape_table_contains (SitmapShapeTable *self, const SitmapShape *shape, double x, double y)
{
  gboolean inside = FALSE;

  if (shape->kind != SITMAP_SHAPE_AREA || x < shape->min_x || x > shape->max_x || y < shape->min_y ||
      y > shape->max_y)
    return FALSE;
  for (guint r = 0; r < sitmap_shape_table_get_n_rings (self, shape->path); r++)
    {
      guint n;
      const double *p = sitmap_shape_table_get_ring (self, shape->path, r, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];

          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }
  return inside;
}
