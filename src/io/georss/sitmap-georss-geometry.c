/* sitmap-georss-geometry.c: where an entry is: GeoRSS Simple, GeoRSS GML and the W3C geo vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-georss-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-georss-private.h"
#include "sitmap-time.h"

/* How the axes of GML coordinates are ordered: the GeoRSS GML profile's EPSG:4326 is latitude first, the
 * OGC's CRS84 longitude first. */
typedef enum
{
  AXES_LAT_LON,
  AXES_LON_LAT,
  AXES_UNKNOWN,
} Axes;

/*
 * Numbers and positions
 */

gboolean
sitmap_georss_parse_decimal (const char *text, double *value)
{
  const char *p = text;
  char *end = NULL;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  *value = g_ascii_strtod (*text == '+' ? text + 1 : text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

/* The numbers in text, separated by white space (or commas, as careless feeds write them), into numbers;
 * FALSE with the entry's problem set when one is not a number. */
static gboolean
parse_numbers (SitmapGeorssEntry *entry, const char *text, GArray *numbers, GPtrArray *written)
{
  g_auto (GStrv) tokens = g_strsplit_set (text, " \t\r\n,", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      double value;

      if (*tokens[i] == '\0')
        continue;
      if (!sitmap_georss_parse_decimal (tokens[i], &value))
        {
          g_autofree char *quoted = sitmap_quote_text (tokens[i]);

          sitmap_georss_entry_fail (entry, _("the coordinate “%s” is not a decimal number"), quoted);
          return FALSE;
        }
      g_array_append_val (numbers, value);
      g_ptr_array_add (written, g_strdup (tokens[i]));
    }
  return TRUE;
}

static gboolean
check_coordinate (SitmapGeorssEntry *entry, const char *what, const char *written, double value, double limit)
{
  g_autofree char *quoted = NULL;

  if (fabs (value) <= limit)
    return TRUE;
  quoted = sitmap_quote_text (written);
  /* TRANSLATORS: "the latitude 123.4 is out of range (-90 to 90)" */
  sitmap_georss_entry_fail (entry, _("%s %s is out of range (−%g to %g)"), what, quoted, limit, limit);
  return FALSE;
}

/* Counts n coordinates against the feed's limit. */
static gboolean
count_points (SitmapGeorssReader *reader, guint n)
{
  reader->n_points += n;
  if (reader->n_points <= SITMAP_GEORSS_MAX_POINTS)
    return TRUE;
  return sitmap_xml_input_fail (reader->in, sitmap_xml_input_get_mark (reader->in), SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                _("the feed's shapes have more than %d coordinates"), SITMAP_GEORSS_MAX_POINTS);
}

/* Positions from text as (longitude, latitude) pairs into points, dimension numbers each, in the order axes
 * says; FALSE with the entry's problem set when they are not numbers or off the globe. */
static gboolean
parse_positions (SitmapGeorssEntry *entry, const char *text, guint dimension, Axes axes, GArray *points)
{
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  const double *v;

  if (!parse_numbers (entry, text, numbers, written))
    return FALSE;
  if (numbers->len % dimension != 0)
    {
      sitmap_georss_entry_fail (entry, _("the coordinates do not come in pairs of latitude and longitude"));
      return FALSE;
    }
  v = (const double *) numbers->data;
  for (guint i = 0; i < numbers->len; i += dimension)
    {
      guint lat = axes == AXES_LON_LAT ? i + 1 : i;
      guint lon = axes == AXES_LON_LAT ? i : i + 1;

      if (!check_coordinate (entry, _("the latitude"), g_ptr_array_index (written, lat), v[lat], 90) ||
          !check_coordinate (entry, _("the longitude"), g_ptr_array_index (written, lon), v[lon], 180))
        return FALSE;
      g_array_append_val (points, v[lon]);
      g_array_append_val (points, v[lat]);
    }
  return TRUE;
}

static guint
n_points (GArray *points)
{
  return points->len / 2;
}

/*
 * Setting the entry's place: the first geometry counts, the others are alternatives (GDACS gives every item
 * its place as georss:point and as geo:Point).
 */

static void
set_point (SitmapGeorssEntry *entry, double latitude, double longitude)
{
  if (entry->located)
    return;
  entry->located = TRUE;
  entry->draft.latitude = latitude;
  entry->draft.longitude = longitude;
}

static void
set_shape (SitmapGeorssEntry *entry, SitmapGeometry *shape)
{
  if (entry->located)
    return;
  entry->located = TRUE;
  sitmap_geometry_get_center (shape, &entry->draft.latitude, &entry->draft.longitude);
  entry->draft.geometry = sitmap_geometry_ref (shape);
}

static SitmapGeometry *
geometry_from_points (SitmapGeometryKind kind, GArray *points)
{
  SitmapGeometry *geometry = sitmap_geometry_new (kind);

  sitmap_geometry_add_points (geometry, (const double *) points->data, n_points (points));
  return geometry;
}

/* A ring needs three points to enclose anything; one not closed is closed. */
static gboolean
check_ring (SitmapGeorssEntry *entry, GArray *points)
{
  const double *p = (const double *) points->data;
  guint n = n_points (points);

  if (n < 3)
    {
      sitmap_georss_entry_fail (entry, _("a polygon needs at least three points"));
      return FALSE;
    }
  if (p[0] != p[2 * (n - 1)] || p[1] != p[2 * (n - 1) + 1])
    {
      double first[2] = { p[0], p[1] };

      g_array_append_vals (points, first, 2);
    }
  return TRUE;
}

static void
add_box (SitmapGeorssEntry *entry, double south, double west, double north, double east)
{
  g_autoptr (SitmapGeometry) box = sitmap_geometry_new_box (south, west, north, east);

  set_shape (entry, box);
}

/* A box from its lower and upper corners, as (longitude, latitude) pairs. */
static void
set_box (SitmapGeorssEntry *entry, GArray *corners)
{
  const double *c = (const double *) corners->data;

  if (n_points (corners) != 2)
    sitmap_georss_entry_fail (entry, _("a box needs two corners, its lower and upper one"));
  else if (c[1] > c[3])
    sitmap_georss_entry_fail (entry, _("the box's lower corner is north of its upper one"));
  else if (c[0] > c[2])
    sitmap_georss_entry_fail (entry, _("the box crosses the 180th meridian, which Sitmap cannot draw"));
  else if (c[0] == c[2] && c[1] == c[3])
    set_point (entry, c[1], c[0]);
  else
    add_box (entry, c[1], c[0], c[3], c[2]);
}

/*
 * GeoRSS Simple: georss:point, line, polygon, box, "latitude longitude" each
 */

gboolean
sitmap_georss_read_simple (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, const char *name)
{
  g_autofree char *text = sitmap_xml_input_read_text (reader->in);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

  if (text == NULL)
    return FALSE;
  if (entry->located || entry->problem != NULL)
    return TRUE;
  if (*text == '\0')
    return TRUE; /* an empty element says nothing of where */
  if (!parse_positions (entry, text, 2, AXES_LAT_LON, points) || !count_points (reader, n_points (points)))
    return !sitmap_xml_input_failed (reader->in);
  if (strcmp (name, "point") == 0)
    {
      const double *p = (const double *) points->data;

      if (n_points (points) != 1)
        sitmap_georss_entry_fail (entry, _("a point needs one latitude and one longitude"));
      else
        set_point (entry, p[1], p[0]);
    }
  else if (strcmp (name, "line") == 0)
    {
      g_autoptr (SitmapGeometry) line = NULL;

      if (n_points (points) < 2)
        sitmap_georss_entry_fail (entry, _("a line needs at least two points"));
      else
        set_shape (entry, line = geometry_from_points (SITMAP_GEOMETRY_LINE, points));
    }
  else if (strcmp (name, "polygon") == 0)
    {
      g_autoptr (SitmapGeometry) polygon = NULL;

      if (check_ring (entry, points))
        set_shape (entry, polygon = geometry_from_points (SITMAP_GEOMETRY_POLYGON, points));
    }
  else
    set_box (entry, points);
  return TRUE;
}

/*
 * GeoRSS GML: georss:where holding one gml:Point, LineString, Polygon or Envelope (GML 3.1.1)
 */

static gboolean
is_gml (SitmapGeorssReader *reader, const char *name)
{
  const char *ns = sitmap_xml_input_get_namespace (reader->in);

  return strcmp (sitmap_xml_input_get_name (reader->in), name) == 0 &&
         (g_strcmp0 (ns, SITMAP_GML_NAMESPACE) == 0 || g_strcmp0 (ns, SITMAP_GML32_NAMESPACE) == 0);
}

/* The axis order an srsName gives; the GeoRSS GML profile's default is EPSG:4326, latitude first. */
static Axes
axes_of (const char *srs_name)
{
  static const char *const lat_lon[] = {
    "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:EPSG:6.6:4326", "urn:x-ogc:def:crs:EPSG:4326",
    "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/gml/srs/epsg.xml#4326",
  };
  static const char *const lon_lat[] = {
    "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "CRS:84",
  };

  if (srs_name == NULL)
    return AXES_LAT_LON;
  for (guint i = 0; i < G_N_ELEMENTS (lat_lon); i++)
    if (g_ascii_strcasecmp (srs_name, lat_lon[i]) == 0)
      return AXES_LAT_LON;
  for (guint i = 0; i < G_N_ELEMENTS (lon_lat); i++)
    if (g_ascii_strcasecmp (srs_name, lon_lat[i]) == 0)
      return AXES_LON_LAT;
  return AXES_UNKNOWN;
}

/* The geometry's srsName, checked: FALSE with the entry's problem set for a reference system Sitmap does not
 * read (projected coordinates would land anywhere). */
static gboolean
read_axes (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, Axes *axes)
{
  g_autofree char *srs_name = sitmap_xml_input_dup_attribute (reader->in, "srsName");
  g_autofree char *quoted = NULL;

  *axes = axes_of (srs_name);
  if (*axes != AXES_UNKNOWN)
    return TRUE;
  quoted = sitmap_quote_text (srs_name);
  sitmap_georss_entry_fail (entry, _("the place is in the reference system “%s”; Sitmap reads latitude and "
                                     "longitude (WGS 84) only"), quoted);
  return FALSE;
}

/* gml:pos or gml:posList, with its srsDimension: the positions into points. */
static gboolean
read_pos (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, Axes axes, GArray *points)
{
  g_autofree char *dimension_text = sitmap_xml_input_dup_attribute (reader->in, "srsDimension");
  g_autofree char *text = NULL;
  guint dimension = 2;

  if (dimension_text != NULL && (strcmp (dimension_text, "3") == 0 || strcmp (dimension_text, "2") == 0))
    dimension = dimension_text[0] - '0';
  else if (dimension_text != NULL)
    sitmap_georss_entry_fail (entry, _("coordinates of more than three dimensions are not read"));
  text = sitmap_xml_input_read_text (reader->in);
  if (text == NULL)
    return FALSE;
  if (entry->problem == NULL && parse_positions (entry, text, dimension, axes, points))
    return count_points (reader, n_points (points));
  return TRUE;
}

/* The positions of the current element's gml:pos and gml:posList children, in order. */
static gboolean
read_positions (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, Axes axes, GArray *points)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok = is_gml (reader, "pos") || is_gml (reader, "posList")
                      ? read_pos (reader, entry, axes, points)
                      : sitmap_xml_input_skip (reader->in);

      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

/* gml:exterior or gml:interior: the gml:LinearRing inside, as a ring of polygon. */
static gboolean
read_boundary (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, Axes axes, GPtrArray *rings)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

      if (!is_gml (reader, "LinearRing"))
        {
          if (!sitmap_xml_input_skip (reader->in))
            return FALSE;
          continue;
        }
      if (!read_positions (reader, entry, axes, points))
        return FALSE;
      if (entry->problem == NULL && check_ring (entry, points))
        g_ptr_array_add (rings, g_steal_pointer (&points));
    }
  return !sitmap_xml_input_failed (reader->in);
}

static gboolean
read_gml_polygon (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, Axes axes)
{
  g_autoptr (GPtrArray) rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (SitmapGeometry) polygon = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
  SitmapXmlChildren children;
  gboolean exterior_first = TRUE;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (is_gml (reader, "exterior") || is_gml (reader, "outerBoundaryIs"))
        {
          exterior_first = exterior_first && rings->len == 0;
          ok = read_boundary (reader, entry, axes, rings);
        }
      else if (is_gml (reader, "interior") || is_gml (reader, "innerBoundaryIs"))
        ok = read_boundary (reader, entry, axes, rings);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  if (sitmap_xml_input_failed (reader->in) || entry->problem != NULL)
    return !sitmap_xml_input_failed (reader->in);
  if (rings->len == 0)
    return TRUE;
  if (!exterior_first)
    {
      sitmap_georss_entry_fail (entry, _("the polygon's exterior does not come before its interiors"));
      return TRUE;
    }
  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);

      sitmap_geometry_begin_ring (polygon);
      sitmap_geometry_add_points (polygon, (const double *) ring->data, n_points (ring));
    }
  set_shape (entry, polygon);
  return TRUE;
}

/* gml:Envelope: gml:lowerCorner and gml:upperCorner */
static gboolean
read_envelope (SitmapGeorssReader *reader, SitmapGeorssEntry *entry, Axes axes)
{
  g_autoptr (GArray) lower = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) upper = g_array_new (FALSE, FALSE, sizeof (double));
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok = is_gml (reader, "lowerCorner")   ? read_pos (reader, entry, axes, lower)
                    : is_gml (reader, "upperCorner") ? read_pos (reader, entry, axes, upper)
                                                     : sitmap_xml_input_skip (reader->in);

      if (!ok)
        return FALSE;
    }
  if (sitmap_xml_input_failed (reader->in) || entry->problem != NULL)
    return !sitmap_xml_input_failed (reader->in);
  if (n_points (lower) != 1 || n_points (upper) != 1)
    {
      sitmap_georss_entry_fail (entry, _("a box needs two corners, its lower and upper one"));
      return TRUE;
    }
  g_array_append_vals (lower, upper->data, 2);
  set_box (entry, lower);
  return TRUE;
}

static gboolean
read_gml_geometry (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (SitmapGeometry) line = NULL;
  Axes axes;

  if (!read_axes (reader, entry, &axes))
    return sitmap_xml_input_skip (reader->in);
  if (is_gml (reader, "Polygon"))
    return read_gml_polygon (reader, entry, axes);
  if (is_gml (reader, "Envelope"))
    return read_envelope (reader, entry, axes);
  if (!read_positions (reader, entry, axes, points))
    return FALSE;
  if (entry->problem != NULL || n_points (points) == 0)
    return TRUE;
  if (is_gml (reader, "Point") && n_points (points) > 1)
    sitmap_georss_entry_fail (entry, _("a point needs one latitude and one longitude"));
  else if (n_points (points) == 1)
    set_point (entry, ((double *) points->data)[1], ((double *) points->data)[0]);
  else
    set_shape (entry, line = geometry_from_points (SITMAP_GEOMETRY_LINE, points));
  return TRUE;
}

gboolean
sitmap_georss_read_where (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  SitmapXmlChildren children;

  g_return_val_if_fail (reader != NULL, FALSE);

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (!entry->located && entry->problem == NULL &&
          (is_gml (reader, "Point") || is_gml (reader, "LineString") || is_gml (reader, "Polygon") ||
           is_gml (reader, "Envelope")))
        {
          /* read_gml_geometry() reads the element it is on: its own name decides what it is */
          ok = read_gml_geometry (reader, entry);
        }
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

/*
 * W3C geo: geo:Point with geo:lat and geo:long, or geo:lat and geo:long on the entry itself
 */

/* The text of a geo:lat or geo:long into the entry; other W3C geo elements (geo:alt) are passed over. */
static gboolean
read_w3c_coordinate (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  const char *name = sitmap_xml_input_get_name (reader->in);
  char **target = strcmp (name, "lat") == 0                                ? &entry->w3c_latitude
                  : strcmp (name, "long") == 0 || strcmp (name, "lon") == 0 ? &entry->w3c_longitude
                                                                             : NULL;
  char *text;

  if (target == NULL)
    return sitmap_xml_input_skip (reader->in);
  text = sitmap_xml_input_read_text (reader->in);
  if (text == NULL)
    return FALSE;
  if (*target == NULL)
    *target = text;
  else
    g_free (text);
  return TRUE;
}

gboolean
sitmap_georss_read_w3c (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  SitmapXmlChildren children;

  g_return_val_if_fail (reader != NULL, FALSE);

  if (strcmp (sitmap_xml_input_get_name (reader->in), "Point") != 0)
    return read_w3c_coordinate (reader, entry);
  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok = g_strcmp0 (sitmap_xml_input_get_namespace (reader->in), SITMAP_W3C_GEO_NAMESPACE) == 0
                      ? read_w3c_coordinate (reader, entry)
                      : sitmap_xml_input_skip (reader->in);

      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

void
sitmap_georss_apply_w3c (SitmapGeorssReader *reader, SitmapGeorssEntry *entry)
{
  const char *latitude = entry->w3c_latitude, *longitude = entry->w3c_longitude;
  double lat, lon;

  g_return_if_fail (reader != NULL);

  if ((latitude == NULL || *latitude == '\0') && (longitude == NULL || *longitude == '\0'))
    return;
  if (entry->located || entry->problem != NULL)
    return;
  if (latitude == NULL || *latitude == '\0' || longitude == NULL || *longitude == '\0')
    {
      sitmap_georss_entry_fail (entry, latitude == NULL || *latitude == '\0'
                                         ? _("the entry has a longitude (geo:long) but no latitude")
                                         : _("the entry has a latitude (geo:lat) but no longitude"));
      return;
    }
  if (!sitmap_georss_parse_decimal (latitude, &lat) || !sitmap_georss_parse_decimal (longitude, &lon))
    {
      g_autofree char *quoted = sitmap_quote_text (sitmap_georss_parse_decimal (latitude, &lat) ? longitude : latitude);

      sitmap_georss_entry_fail (entry, _("the coordinate “%s” is not a decimal number"), quoted);
      return;
    }
  if (check_coordinate (entry, _("the latitude"), latitude, lat, 90) &&
      check_coordinate (entry, _("the longitude"), longitude, lon, 180))
    set_point (entry, lat, lon);
  (void) reader;
}
