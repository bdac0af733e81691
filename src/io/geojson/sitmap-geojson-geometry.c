/* sitmap-geojson-geometry.c: a GeoJSON geometry as the place of an event
 *
 * Sitmap's SitmapGeometry is a point, a line (of one or several parts) or a polygon (one outer ring and its
 * holes), beside the event's anchor point. RFC 7946's geometries map to it so:
 *   Point → the anchor; LineString → a line; MultiLineString → a line of several parts; Polygon → a polygon;
 *   MultiPoint → the first point as the anchor, and the area the points span (their convex hull; a line when
 *   they lie on one) as the shape; MultiPolygon → its largest polygon; GeometryCollection → its first point
 *   as the anchor and its first line or polygon as the shape (as a KML MultiGeometry is read).
 * A shape without a point is anchored at its middle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-geojson-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-geojson-private.h"
#include "sitmap-time.h"

/* What a geometry gives while it is read */
typedef struct
{
  gboolean        has_point;
  double          latitude;
  double          longitude;
  SitmapGeometry *shape;
} Place;

static gboolean read_geometry (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node,
                               Place *place);

static const char *const geometry_types[] = {
  "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
};

gboolean
sitmap_geojson_is_geometry_type (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (geometry_types); i++)
    if (strcmp (type, geometry_types[i]) == 0)
      return TRUE;
  return FALSE;
}

/*
 * Positions
 */

/* A number as the file writes it, for a message. */
static char *
dup_number_text (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node)
{
  char *text;

  text = sitmap_json_scan_dup_number_text (reader->data, feature->span, json_node_get_double (node));
  return text != NULL ? text : g_strdup_printf ("%g", json_node_get_double (node));
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A number written as text: "38.5" (as tables turned into GeoJSON have it), or one too large for json-glib,
 * which sitmap_json_scan_sanitize() keeps as its digits. */
static gboolean
parse_text_number (JsonNode *node, double *value)
{
  const char *text;
  char *end = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (node);
  if (!(g_ascii_isdigit (text[0]) || ((text[0] == '-' || text[0] == '+' || text[0] == '.') && text[1] != '\0')))
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static gboolean
check_coordinate (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node, const char *what,
                  double limit, double *value)
{
  g_autofree char *written = NULL;
  g_autofree char *quoted = NULL;
  gboolean text = FALSE;

  if (is_number (node))
    *value = json_node_get_double (node);
  else if (!(text = parse_text_number (node, value)))
    {
      sitmap_geojson_feature_fail (feature, _("a position holds something other than numbers"));
      return FALSE;
    }
  if (fabs (*value) <= limit)
    return TRUE;
  written = text ? g_strdup (json_node_get_string (node)) : dup_number_text (reader, feature, node);
  quoted = sitmap_quote_text (written);
  /* TRANSLATORS: "the latitude 123.4 is out of range (−90 to 90)" */
  sitmap_geojson_feature_fail (feature, _("%s %s is out of range (−%g to %g)"), what, quoted, limit, limit);
  return FALSE;
}

/* A position [longitude, latitude, altitude…] appended to points as longitude, latitude. */
static gboolean
read_position (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node, GArray *points)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  double longitude, latitude;

  if (array == NULL || json_array_get_length (array) < 2)
    {
      sitmap_geojson_feature_fail (feature, _("a position needs a longitude and a latitude"));
      return FALSE;
    }
  if (!check_coordinate (reader, feature, json_array_get_element (array, 0), _("the longitude"), 180, &longitude) ||
      !check_coordinate (reader, feature, json_array_get_element (array, 1), _("the latitude"), 90, &latitude))
    return FALSE;
  if (++reader->n_points > SITMAP_GEOJSON_MAX_POINTS)
    {
      feature->too_many_points = TRUE;
      return FALSE;
    }
  g_array_append_val (points, longitude);
  g_array_append_val (points, latitude);
  return TRUE;
}

/* An array of positions; FALSE (the problem set) when node is not one. */
static gboolean
read_positions (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node, GArray *points)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL)
    {
      sitmap_geojson_feature_fail (feature, _("the coordinates are not an array of positions"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_position (reader, feature, json_array_get_element (array, i), points))
      return FALSE;
  return TRUE;
}

static guint
n_points (GArray *points)
{
  return points->len / 2;
}

static const double *
point_at (GArray *points, guint i)
{
  return &g_array_index (points, double, 2 * i);
}

/* An array of arrays of positions (a polygon's rings, a multi-line's lines), as a GPtrArray of GArray. */
static GPtrArray *
read_position_lists (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node)
{
  g_autoptr (GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL)
    {
      sitmap_geojson_feature_fail (feature, _("the coordinates are not an array of positions"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

      if (!read_positions (reader, feature, json_array_get_element (array, i), points))
        return NULL;
      g_ptr_array_add (lists, g_steal_pointer (&points));
    }
  return g_steal_pointer (&lists);
}

/*
 * Shapes
 */

static void
set_anchor (Place *place, const double *point)
{
  if (place->has_point)
    return;
  place->has_point = TRUE;
  place->longitude = point[0];
  place->latitude = point[1];
}

static void
set_shape (Place *place, SitmapGeometry *shape)
{
  if (place->shape == NULL)
    place->shape = sitmap_geometry_ref (shape);
}

static void
add_ring (SitmapGeometry *geometry, GArray *points)
{
  sitmap_geometry_begin_ring (geometry);
  sitmap_geometry_add_points (geometry, (const double *) points->data, n_points (points));
}

/* RFC 7946 asks for four positions, the last the first; Sitmap takes three, and closes an open ring. */
static gboolean
check_ring (SitmapGeojsonFeature *feature, GArray *ring)
{
  guint n = n_points (ring);

  if (n < 3)
    {
      sitmap_geojson_feature_fail (feature, _("a polygon's ring needs at least three positions"));
      return FALSE;
    }
  if (memcmp (point_at (ring, 0), point_at (ring, n - 1), 2 * sizeof (double)) != 0)
    {
      double first[2] = { point_at (ring, 0)[0], point_at (ring, 0)[1] };

      g_array_append_vals (ring, first, 2);
    }
  return TRUE;
}

/* A polygon from its rings, the first the outer one; NULL (the problem set) when a ring is too short. */
static SitmapGeometry *
polygon_from_rings (SitmapGeojsonFeature *feature, GPtrArray *rings)
{
  g_autoptr (SitmapGeometry) polygon = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);

  for (guint r = 0; r < rings->len; r++)
    {
      if (!check_ring (feature, g_ptr_array_index (rings, r)))
        return NULL;
      add_ring (polygon, g_ptr_array_index (rings, r));
    }
  return g_steal_pointer (&polygon);
}

/* The area of a ring in square degrees (the shoelace formula): to pick a multi-polygon's largest part. */
static double
ring_area (GArray *ring)
{
  double area = 0;

  for (guint i = 0; i + 1 < n_points (ring); i++)
    area += point_at (ring, i)[0] * point_at (ring, i + 1)[1] - point_at (ring, i + 1)[0] * point_at (ring, i)[1];
  return fabs (area) / 2;
}

static double
cross (const double *o, const double *a, const double *b)
{
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

static int
compare_points (gconstpointer a, gconstpointer b)
{
  const double *p = a, *q = b;

  if (p[0] != q[0])
    return p[0] < q[0] ? -1 : 1;
  return p[1] < q[1] ? -1 : p[1] > q[1];
}

/* The convex hull of points (Andrew's monotone chain) as a closed ring: a polygon, or, when the points lie on
 * one line, the line between its ends; NULL when they are all one point. */
static SitmapGeometry *
hull_of (GArray *points)
{
  g_autoptr (GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), points->len);
  g_autoptr (GArray) hull = g_array_new (FALSE, FALSE, sizeof (double));
  SitmapGeometry *shape;
  guint n = n_points (points), k = 0;

  g_array_append_vals (sorted, points->data, points->len);
  qsort (sorted->data, n, 2 * sizeof (double), compare_points);
  g_array_set_size (hull, 4 * n + 2);
  for (guint pass = 0; pass < 2; pass++)
    {
      guint lower = k;

      for (guint j = 0; j < n; j++)
        {
          const double *p = point_at (sorted, pass == 0 ? j : n - 1 - j);

          while (k >= lower + 2 && cross (point_at (hull, k - 2), point_at (hull, k - 1), p) <= 0)
            k--;
          memcpy (&g_array_index (hull, double, 2 * k++), p, 2 * sizeof (double));
        }
      k--; /* the last point is the first of the other chain */
    }
  g_array_set_size (hull, 2 * k);
  if (compare_points (point_at (sorted, 0), point_at (sorted, n - 1)) == 0)
    return NULL;
  if (k < 3)
    {
      shape = sitmap_geometry_new (SITMAP_GEOMETRY_LINE);
      sitmap_geometry_add_point (shape, point_at (sorted, 0)[0], point_at (sorted, 0)[1]);
      sitmap_geometry_add_point (shape, point_at (sorted, n - 1)[0], point_at (sorted, n - 1)[1]);
      return shape;
    }
  shape = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
  for (guint i = 0; i < k; i++)
    sitmap_geometry_add_point (shape, point_at (hull, i)[0], point_at (hull, i)[1]);
  sitmap_geometry_add_point (shape, point_at (hull, 0)[0], point_at (hull, 0)[1]);
  return shape;
}

/*
 * Geometries
 */

static gboolean
read_point (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *coordinates, Place *place)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

  /* An empty point (as GEOS writes "POINT EMPTY") says nothing of where. */
  if (JSON_NODE_HOLDS_ARRAY (coordinates) && json_array_get_length (json_node_get_array (coordinates)) == 0)
    return TRUE;
  if (!read_position (reader, feature, coordinates, points))
    return FALSE;
  set_anchor (place, point_at (points, 0));
  return TRUE;
}

static gboolean
read_multi_point (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *coordinates, Place *place)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (SitmapGeometry) hull = NULL;

  if (!read_positions (reader, feature, coordinates, points))
    return FALSE;
  if (n_points (points) == 0)
    return TRUE;
  set_anchor (place, point_at (points, 0));
  if (n_points (points) > 1 && (hull = hull_of (points)) != NULL)
    set_shape (place, hull);
  return TRUE;
}

static gboolean
read_line (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *coordinates, Place *place)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (SitmapGeometry) line = NULL;

  if (!read_positions (reader, feature, coordinates, points))
    return FALSE;
  if (n_points (points) == 1)
    set_anchor (place, point_at (points, 0)); /* a line of one point says where, not along what */
  else if (n_points (points) > 1)
    {
      line = sitmap_geometry_new (SITMAP_GEOMETRY_LINE);
      add_ring (line, points);
      set_shape (place, line);
    }
  return TRUE;
}

static gboolean
read_multi_line (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *coordinates, Place *place)
{
  g_autoptr (GPtrArray) lines = read_position_lists (reader, feature, coordinates);
  g_autoptr (SitmapGeometry) shape = sitmap_geometry_new (SITMAP_GEOMETRY_LINE);
  guint n = 0;

  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    if (n_points (g_ptr_array_index (lines, i)) >= 2)
      {
        add_ring (shape, g_ptr_array_index (lines, i));
        n++;
      }
  if (n > 0)
    set_shape (place, shape);
  return TRUE;
}

static gboolean
read_polygon (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *coordinates, Place *place)
{
  g_autoptr (GPtrArray) rings = read_position_lists (reader, feature, coordinates);
  g_autoptr (SitmapGeometry) polygon = NULL;

  if (rings == NULL)
    return FALSE;
  if (rings->len == 0)
    return TRUE;
  if ((polygon = polygon_from_rings (feature, rings)) == NULL)
    return FALSE;
  set_shape (place, polygon);
  return TRUE;
}

/* Sitmap draws one polygon an event: a multi-polygon's largest (an island state's main island). */
static gboolean
read_multi_polygon (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *coordinates,
                    Place *place)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (coordinates) ? json_node_get_array (coordinates) : NULL;
  g_autoptr (GPtrArray) largest = NULL;
  g_autoptr (SitmapGeometry) polygon = NULL;
  double largest_area = -1;
  guint n_parts = 0;

  if (array == NULL)
    {
      sitmap_geojson_feature_fail (feature, _("the coordinates are not an array of positions"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (GPtrArray) rings = read_position_lists (reader, feature, json_array_get_element (array, i));
      double area;

      if (rings == NULL)
        return FALSE;
      if (rings->len == 0)
        continue;
      n_parts++;
      if (!check_ring (feature, g_ptr_array_index (rings, 0)))
        return FALSE;
      area = ring_area (g_ptr_array_index (rings, 0));
      if (area > largest_area)
        {
          g_clear_pointer (&largest, g_ptr_array_unref);
          largest = g_steal_pointer (&rings);
          largest_area = area;
        }
    }
  if (largest == NULL)
    return TRUE;
  if ((polygon = polygon_from_rings (feature, largest)) == NULL)
    return FALSE;
  set_shape (place, polygon);
  /* The event comes in, but what of its shape did not is said, as every part of a file left out is. */
  if (n_parts > 1)
    sitmap_import_skip (reader->import, reader->cursor.line, reader->cursor.column,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%u more part of a MultiPolygon is left out: an event has one area, its largest part",
                                     "%u more parts of a MultiPolygon are left out: an event has one area, its largest part",
                                     n_parts - 1),
                        n_parts - 1);
  return TRUE;
}

static gboolean
read_collection (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonObject *object, Place *place)
{
  JsonNode *geometries = json_object_get_member (object, "geometries");
  JsonArray *array = geometries && JSON_NODE_HOLDS_ARRAY (geometries) ? json_node_get_array (geometries) : NULL;

  if (array == NULL)
    {
      sitmap_geojson_feature_fail (feature, _("a GeometryCollection has no array of “geometries”"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!read_geometry (reader, feature, json_array_get_element (array, i), place))
      return FALSE;
  return TRUE;
}

static gboolean
read_geometry (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node, Place *place)
{
  JsonObject *object;
  JsonNode *type_node, *coordinates;
  const char *type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  type_node = object ? json_object_get_member (object, "type") : NULL;
  type = type_node && JSON_NODE_HOLDS_VALUE (type_node) && json_node_get_value_type (type_node) == G_TYPE_STRING
           ? json_node_get_string (type_node)
           : NULL;
  if (type == NULL)
    {
      sitmap_geojson_feature_fail (feature, _("the geometry is not an object with a “type”"));
      return FALSE;
    }
  if (strcmp (type, "GeometryCollection") == 0)
    return read_collection (reader, feature, object, place);
  if (!sitmap_geojson_is_geometry_type (type))
    {
      g_autofree char *quoted = sitmap_quote_text (type);

      sitmap_geojson_feature_fail (feature, _("“%s” is not a GeoJSON geometry type"), quoted);
      return FALSE;
    }
  coordinates = json_object_get_member (object, "coordinates");
  if (coordinates == NULL || JSON_NODE_HOLDS_NULL (coordinates))
    {
      sitmap_geojson_feature_fail (feature, _("the geometry has no “coordinates”"));
      return FALSE;
    }
  if (strcmp (type, "Point") == 0)
    return read_point (reader, feature, coordinates, place);
  if (strcmp (type, "MultiPoint") == 0)
    return read_multi_point (reader, feature, coordinates, place);
  if (strcmp (type, "LineString") == 0)
    return read_line (reader, feature, coordinates, place);
  if (strcmp (type, "MultiLineString") == 0)
    return read_multi_line (reader, feature, coordinates, place);
  if (strcmp (type, "Polygon") == 0)
    return read_polygon (reader, feature, coordinates, place);
  return read_multi_polygon (reader, feature, coordinates, place);
}

gboolean
sitmap_geojson_read_geometry (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *node)
{
  Place place = { FALSE, NAN, NAN, NULL };
  gboolean ok = read_geometry (reader, feature, node, &place);

  if (ok && place.has_point)
    {
      feature->draft.latitude = place.latitude;
      feature->draft.longitude = place.longitude;
    }
  else if (ok && place.shape != NULL)
    sitmap_geometry_get_center (place.shape, &feature->draft.latitude, &feature->draft.longitude);
  if (ok)
    feature->draft.geometry = g_steal_pointer (&place.shape);
  g_clear_pointer (&place.shape, sitmap_geometry_unref);
  return ok;
}

gboolean
sitmap_geojson_set_point (SitmapGeojsonReader *reader, SitmapGeojsonFeature *feature, JsonNode *latitude,
                          JsonNode *longitude)
{
  double lat, lon;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (!check_coordinate (reader, feature, latitude, _("the latitude"), 90, &lat) ||
      !check_coordinate (reader, feature, longitude, _("the longitude"), 180, &lon))
    return FALSE;
  feature->draft.latitude = lat;
  feature->draft.longitude = lon;
  return TRUE;
}
