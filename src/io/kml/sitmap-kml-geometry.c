/* sitmap-kml-geometry.c: KML coordinates, points, lines, polygons, tracks and overlay boxes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-kml-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-error.h"
#include "sitmap-kml-private.h"
#include "sitmap-kml-reader-private.h"

/* Metres of the equator, and the view Google Earth's camera takes in: a 60° field of view. */
#define EARTH_CIRCUMFERENCE_M 40075016.686
#define NOMINAL_WINDOW_PX     1000.0
#define TILE_SIZE_PX          256.0
#define VIEW_WIDTH_PER_RANGE  1.1547005383792515 /* 2 tan 30° */

/*
 * Numbers
 */

/* Exact powers of ten: a double holds them all without rounding. */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A decimal number as KML writes it, in text[0, length): an optional sign, digits with an optional point, an
 * optional exponent. Not hexadecimal, "nan", "inf" or a locale's decimal comma, which strtod() would take.
 * The character after it must not continue a number (white space, a comma or the end). Numbers of at most 15
 * digits and a small exponent, which are most coordinates, are converted directly: the digits and the power
 * of ten are both exact doubles, so one multiplication or division rounds correctly (Clinger's fast path);
 * others go through g_ascii_strtod(). */
static gboolean
parse_decimal_span (const char *text, gsize length, double *value)
{
  const char *p = text, *end = text + length;
  gboolean digits = FALSE, negative = FALSE;
  guint64 mantissa = 0;
  int n_digits = 0, exponent = 0, written_exponent = 0;
  gboolean exponent_negative = FALSE;

  if (p < end && (*p == '+' || *p == '-'))
    negative = *p++ == '-';
  for (; p < end && g_ascii_isdigit (*p); p++, n_digits++, digits = TRUE)
    mantissa = mantissa * 10 + (*p - '0');
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++, n_digits++, exponent--, digits = TRUE)
      mantissa = mantissa * 10 + (*p - '0');
  if (!digits)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        exponent_negative = *p++ == '-';
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      for (; p < end && g_ascii_isdigit (*p); p++)
        written_exponent = MIN (written_exponent * 10 + (*p - '0'), 100000);
    }
  if (p != end)
    return FALSE;
  exponent += exponent_negative ? -written_exponent : written_exponent;
  if (n_digits <= 15 && exponent >= -22 && exponent <= 22)
    {
      double v = (double) mantissa;

      v = exponent < 0 ? v / exact_powers[-exponent] : v * exact_powers[exponent];
      *value = negative ? -v : v;
      return TRUE;
    }
  *value = g_ascii_strtod (text, NULL);
  return TRUE;
}

gboolean
sitmap_kml_parse_decimal (const char *text, double *value)
{
  return parse_decimal_span (text, strlen (text), value);
}

gboolean
sitmap_kml_read_number (SitmapKmlReader *reader, const char *what, double *value)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  const char *text = sitmap_xml_input_read_text_shared (reader->in);
  g_autofree char *quoted = NULL;

  if (text == NULL)
    return FALSE;
  if (sitmap_kml_parse_decimal (text, value) && isfinite (*value))
    return TRUE;
  quoted = sitmap_quote_text (text);
  return sitmap_kml_invalid (reader, mark,
                             /* TRANSLATORS: the first %s names a value ("the zoom"), the second is its text */
                             _("%s “%s” is not a finite decimal number"), what, quoted);
}

/* Checks one coordinate (a latitude, else a longitude), naming it as written, text[0, length), when it is
 * wrong. Words are looked up only then: this runs for every coordinate of the file. */
static gboolean
check_coordinate (SitmapKmlReader *reader, SitmapXmlMark mark, gboolean latitude, const char *text, gsize length,
                  double value)
{
  double limit = latitude ? 90 : 180;
  const char *what;
  g_autofree char *written = NULL;
  g_autofree char *quoted = NULL;

  if (G_LIKELY (value >= -limit && value <= limit))
    return TRUE;
  what = latitude ? _("the latitude") : _("the longitude");
  written = g_strndup (text, length);
  quoted = sitmap_quote_text (written);
  if (!isfinite (value))
    return sitmap_kml_invalid (reader, mark,
                               /* TRANSLATORS: %s is "the latitude" or "the longitude", then the number */
                               _("%s %s is not a finite number"), what, quoted);
  return sitmap_kml_invalid (reader, mark,
                             /* TRANSLATORS: "the latitude 123.4 is outside −90…90" */
                             _("%s %s is outside −%d…%d"), what, quoted, (int) limit, (int) limit);
}

static gboolean
check_position_spans (SitmapKmlReader *reader,
                      SitmapXmlMark    mark,
                      const char      *latitude_text,
                      gsize            latitude_length,
                      double           latitude,
                      const char      *longitude_text,
                      gsize            longitude_length,
                      double           longitude)
{
  return check_coordinate (reader, mark, TRUE, latitude_text, latitude_length, latitude) &&
         check_coordinate (reader, mark, FALSE, longitude_text, longitude_length, longitude);
}

gboolean
sitmap_kml_check_position (SitmapKmlReader *reader,
                           SitmapXmlMark    mark,
                           const char      *latitude_text,
                           double           latitude,
                           const char      *longitude_text,
                           double           longitude)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return check_position_spans (reader, mark, latitude_text, strlen (latitude_text), latitude, longitude_text,
                               strlen (longitude_text), longitude);
}

double
sitmap_kml_zoom_from_range (double range, double latitude)
{
  double metres_per_pixel = range * VIEW_WIDTH_PER_RANGE / NOMINAL_WINDOW_PX;
  double ground = EARTH_CIRCUMFERENCE_M * MAX (cos (latitude * G_PI / 180), 0.01) / TILE_SIZE_PX;

  return CLAMP (log2 (ground / metres_per_pixel), 0, 20);
}

double
sitmap_kml_range_from_zoom (double zoom, double latitude)
{
  double ground = EARTH_CIRCUMFERENCE_M * MAX (cos (latitude * G_PI / 180), 0.01) / TILE_SIZE_PX;

  return ground / exp2 (zoom) * NOMINAL_WINDOW_PX / VIEW_WIDTH_PER_RANGE;
}

/*
 * Coordinates
 */

gboolean
sitmap_kml_count_points (SitmapKmlReader *reader, SitmapXmlMark mark, guint n)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  reader->n_points += n;
  if (reader->n_points <= reader->max_points)
    return TRUE;
  return sitmap_xml_input_fail (reader->in, mark, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                                _("the document has more than %" G_GUINT64_FORMAT " coordinates"), reader->max_points);
}

static gboolean
fail_number (SitmapKmlReader *reader, SitmapXmlMark mark, const char *text, gsize length)
{
  g_autofree char *written = g_strndup (text, length);
  g_autofree char *quoted = sitmap_quote_text (written);

  return sitmap_kml_invalid (reader, mark, _("“%s” in the coordinates is not a decimal number"), quoted);
}

/* One tuple as writers mean it, text[0, length) without white space: two or three numbers between commas.
 * Commas before or after it are passed over, as Google Earth does ("38.1,35.2," is 38.1,35.2: a trailing
 * comma, the altitude left out). FALSE when it is not that form; *n is 0 for a lone comma. */
static gboolean
split_tuple (const char *text, gsize length, const char **texts, gsize *lengths, double *values, guint *n)
{
  const char *p = text, *end = text + length;

  *n = 0;
  while (p < end && *p == ',')
    p++;
  while (end > p && end[-1] == ',')
    end--;
  if (p == end)
    return TRUE;
  for (;;)
    {
      const char *start = p;

      while (p < end && *p != ',')
        p++;
      if (p == start || *n == 3 || !parse_decimal_span (start, p - start, &values[*n]))
        return FALSE;
      texts[*n] = start;
      lengths[(*n)++] = p - start;
      if (p == end)
        return *n >= 2;
      p++;
    }
}

static gboolean
add_tuple (SitmapKmlReader *reader, SitmapXmlMark mark, const char **texts, const gsize *lengths, const double *values,
           GArray *points)
{
  if (!check_position_spans (reader, mark, texts[1], lengths[1], values[1], texts[0], lengths[0], values[0]))
    return FALSE;
  g_array_append_vals (points, values, 2);
  return TRUE;
}

typedef enum
{
  TUPLES_READ,
  TUPLES_OTHER_FORM, /* not tuples separated by white space */
  TUPLES_INVALID,    /* in that form, but a value makes no sense */
} TuplesResult;

/* The coordinates as KML writes them: tuples separated by white space. */
static TuplesResult
read_plain_tuples (SitmapKmlReader *reader, SitmapXmlMark mark, const char *text, GArray *points)
{
  const char *p = text;

  for (;;)
    {
      const char *texts[3], *start;
      gsize lengths[3];
      double values[3];
      guint n;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        return TUPLES_READ;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (!split_tuple (start, p - start, texts, lengths, values, &n))
        return TUPLES_OTHER_FORM;
      if (n > 0 && !add_tuple (reader, mark, texts, lengths, values, points))
        return TUPLES_INVALID;
    }
}

/* One "longitude,latitude[,altitude]" tuple at *p with white space around its commas, as careless writers put
 * it. Appends longitude and latitude to points. */
static gboolean
parse_spaced_tuple (SitmapKmlReader *reader, SitmapXmlMark mark, const char **p, GArray *points)
{
  const char *texts[3];
  gsize lengths[3];
  double values[3];
  guint n = 0;

  for (;;)
    {
      const char *start = *p, *after;

      while (**p != '\0' && !g_ascii_isspace (**p) && **p != ',')
        (*p)++;
      if (*p == start)
        return sitmap_kml_invalid (reader, mark, _("a coordinate is missing a number between its commas"));
      if (n == 3)
        return sitmap_kml_invalid (reader, mark,
                                   _("a coordinate has more than three numbers (longitude, latitude, altitude)"));
      if (!parse_decimal_span (start, *p - start, &values[n]))
        return fail_number (reader, mark, start, *p - start);
      texts[n] = start;
      lengths[n++] = *p - start;
      for (after = *p; g_ascii_isspace (*after); after++)
        ;
      if (*after != ',')
        break;
      for (*p = after + 1; g_ascii_isspace (**p); (*p)++)
        ;
      /* A comma at the very end ends the last tuple */
      if (**p == '\0' && n >= 2)
        break;
    }
  if (n < 2)
    return sitmap_kml_invalid (reader, mark, _("a coordinate needs a longitude and a latitude"));
  return add_tuple (reader, mark, texts, lengths, values, points);
}

static gboolean
read_spaced_tuples (SitmapKmlReader *reader, SitmapXmlMark mark, const char *text, GArray *points)
{
  const char *p = text;

  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        return TRUE;
      if (!parse_spaced_tuple (reader, mark, &p, points))
        return FALSE;
    }
}

/* Reads the current <coordinates> element into longitude, latitude pairs: tuples separated by white space,
 * or else (when the text is not in that form) with white space around their commas too. Read in place: a
 * file may hold millions. */
static gboolean
read_coordinates (SitmapKmlReader *reader, GArray *points)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  const char *text = sitmap_xml_input_read_text_shared (reader->in);
  guint before = points->len;

  if (text == NULL)
    return FALSE;
  switch (read_plain_tuples (reader, mark, text, points))
    {
    case TUPLES_READ:
      break;
    case TUPLES_INVALID:
      return FALSE;
    case TUPLES_OTHER_FORM:
    default:
      g_array_set_size (points, before);
      if (!read_spaced_tuples (reader, mark, text, points))
        return FALSE;
      break;
    }
  return sitmap_kml_count_points (reader, mark, (points->len - before) / 2);
}

gboolean
sitmap_kml_read_coordinates (SitmapKmlReader *reader, GArray *points)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return read_coordinates (reader, points);
}

/* The <coordinates> of the current element (a Point, LineString or LinearRing). */
static gboolean
read_coordinates_child (SitmapKmlReader *reader, GArray *points)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok = sitmap_kml_is_element (reader, "coordinates") ? read_coordinates (reader, points)
                                                                 : sitmap_xml_input_skip (reader->in);

      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

static guint
n_points (GArray *points)
{
  return points->len / 2;
}

/*
 * Shapes
 */

static void
set_point (SitmapKmlFeature *feature, double latitude, double longitude)
{
  if (feature->has_point)
    return;
  feature->has_point = TRUE;
  feature->latitude = latitude;
  feature->longitude = longitude;
}

/* The first line or polygon is the shape; later ones are ignored (docs/kml-format.md). */
static void
set_shape (SitmapKmlFeature *feature, SitmapGeometry *shape)
{
  if (feature->shape == NULL)
    feature->shape = sitmap_geometry_ref (shape);
}

static gboolean
read_point (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  const double *p;

  if (!read_coordinates_child (reader, points))
    return FALSE;
  if (n_points (points) > 1)
    return sitmap_kml_invalid (reader, mark, _("a Point has more than one coordinate"));
  p = (const double *) points->data;
  if (n_points (points) == 1)
    set_point (feature, p[1], p[0]);
  return TRUE;
}

static SitmapGeometry *
line_from_points (GArray *points)
{
  SitmapGeometry *line = sitmap_geometry_new (SITMAP_GEOMETRY_LINE);

  sitmap_geometry_add_points (line, (const double *) points->data, n_points (points));
  return line;
}

/* A line of one point says where, not along what: it is read as that point. */
static void
add_line (SitmapKmlFeature *feature, GArray *points)
{
  const double *p = (const double *) points->data;

  if (n_points (points) == 1)
    set_point (feature, p[1], p[0]);
  else if (n_points (points) > 1)
    {
      g_autoptr (SitmapGeometry) line = line_from_points (points);

      set_shape (feature, line);
    }
}

static gboolean
read_line (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

  if (!read_coordinates_child (reader, points))
    return FALSE;
  add_line (feature, points);
  return TRUE;
}

/* A boundary holds one LinearRing (several, in careless files: each is a ring). */
static gboolean
read_boundary (SitmapKmlReader *reader, GPtrArray *rings)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      if (sitmap_kml_is_element (reader, "LinearRing"))
        {
          SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
          g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

          if (!read_coordinates_child (reader, points))
            return FALSE;
          if (n_points (points) > 0 && n_points (points) < 3)
            return sitmap_kml_invalid (reader, mark, _("a polygon's ring needs at least three points"));
          if (n_points (points) > 0)
            g_ptr_array_add (rings, g_steal_pointer (&points));
        }
      else if (!sitmap_xml_input_skip (reader->in))
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

static SitmapGeometry *
polygon_from_rings (GArray *outer, GPtrArray *inner)
{
  SitmapGeometry *polygon = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);

  for (guint r = 0; r <= inner->len; r++)
    {
      GArray *ring = r == 0 ? outer : g_ptr_array_index (inner, r - 1);

      sitmap_geometry_begin_ring (polygon);
      sitmap_geometry_add_points (polygon, (const double *) ring->data, n_points (ring));
    }
  return polygon;
}

static gboolean
read_polygon (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autoptr (GPtrArray) outer = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) inner = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (SitmapGeometry) polygon = NULL;
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      if (sitmap_kml_is_element (reader, "outerBoundaryIs"))
        ok = read_boundary (reader, outer);
      else if (sitmap_kml_is_element (reader, "innerBoundaryIs"))
        ok = read_boundary (reader, inner);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  if (sitmap_xml_input_failed (reader->in))
    return FALSE;
  if (outer->len > 1)
    return sitmap_kml_invalid (reader, mark, _("a Polygon has more than one outer boundary"));
  if (outer->len == 0 && inner->len > 0)
    return sitmap_kml_invalid (reader, mark, _("a Polygon has inner boundaries but no outer one"));
  if (outer->len == 0)
    return TRUE;
  polygon = polygon_from_rings (g_ptr_array_index (outer, 0), inner);
  set_shape (feature, polygon);
  return TRUE;
}

static gboolean read_multi_geometry (SitmapKmlReader *reader, SitmapKmlFeature *feature);

/*
 * Tracks: a line through the gx:coords, timed from the first to the last <when>. Each <when> is the time of
 * the gx:coord in the same place: when a writer gives more of one than of the other, those without a partner
 * are left out, and a note says so.
 */

static gboolean
read_track_when (SitmapKmlReader *reader, GArray *whens)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  const char *text = sitmap_xml_input_read_text_shared (reader->in);
  g_autoptr (GError) error = NULL;
  SitmapKmlWhen when;

  if (text == NULL)
    return FALSE;
  if (*text == '\0')
    return TRUE;
  if (!sitmap_time_parse_bound (text, &when.start, &when.end, &when.unit, &error))
    return sitmap_kml_invalid (reader, mark, "%s", error->message);
  /* Whens count with the coordinates: a hostile track may have millions. */
  if (!sitmap_kml_count_points (reader, mark, 1))
    return FALSE;
  g_array_append_val (whens, when);
  return TRUE;
}

/* gx:coord is "longitude latitude [altitude]", separated by spaces (commas are read as well: a gx:coord holds
 * one point, so they cannot be mistaken). */
static gboolean
read_track_coord (SitmapKmlReader *reader, GArray *points)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  const char *text = sitmap_xml_input_read_text_shared (reader->in);
  const char *texts[3];
  gsize lengths[3];
  double values[3];
  guint n = 0;

  if (text == NULL)
    return FALSE;
  for (const char *p = text;;)
    {
      const char *start;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p) && *p != ',')
        p++;
      if (n == 3)
        return sitmap_kml_invalid (reader, mark, _("a gx:coord has more than three numbers (longitude, latitude, "
                                                   "altitude)"));
      if (!parse_decimal_span (start, p - start, &values[n]))
        return fail_number (reader, mark, start, p - start);
      texts[n] = start;
      lengths[n++] = p - start;
    }
  if (n < 2)
    return sitmap_kml_invalid (reader, mark, _("a gx:coord needs a longitude and a latitude (the altitude may be "
                                               "left out)"));
  if (!sitmap_kml_count_points (reader, mark, 1))
    return FALSE;
  return add_tuple (reader, mark, texts, lengths, values, points);
}

/* The feature's track time takes in the whens of this track (a MultiTrack has several). */
static void
add_track_time (SitmapKmlFeature *feature, const SitmapKmlWhen *whens, guint n, SitmapXmlMark mark)
{
  for (guint i = 0; i < n; i++)
    {
      if (!feature->has_track_time || whens[i].start < feature->track_first.start)
        feature->track_first = whens[i];
      if (!feature->has_track_time || whens[i].start > feature->track_last.start)
        feature->track_last = whens[i];
      feature->has_track_time = TRUE;
    }
  if (n > 0)
    feature->track_mark = mark;
}

static gboolean
read_track (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) whens = g_array_new (FALSE, FALSE, sizeof (SitmapKmlWhen));
  SitmapXmlChildren children;
  guint n_whens, n_coords;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok;

      /* <when> is in the KML namespace even inside gx:Track; coord is gx: in KML 2.2, plain in 2.3. */
      if (sitmap_kml_is_element (reader, "when"))
        ok = read_track_when (reader, whens);
      else if (sitmap_kml_is_gx_element (reader, "coord") || sitmap_kml_is_element (reader, "coord"))
        ok = read_track_coord (reader, points);
      /* Per-point values (gx:SimpleArrayData) are the feature's, as a Placemark's would be */
      else if (sitmap_kml_is_element (reader, "ExtendedData"))
        ok = sitmap_kml_read_extended_data (reader, feature);
      else
        ok = sitmap_xml_input_skip (reader->in);
      if (!ok)
        return FALSE;
    }
  if (sitmap_xml_input_failed (reader->in))
    return FALSE;
  n_whens = whens->len;
  n_coords = n_points (points);
  if (n_whens > 0 && n_coords > 0 && n_whens != n_coords)
    {
      guint n = MIN (n_whens, n_coords);

      if (n_whens > n_coords)
        sitmap_xml_input_note (reader->in, mark,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "a gx:Track has %u <when> but %u <gx:coord>: the last <when>, which "
                                            "has no place, was left out",
                                            "a gx:Track has %u <when> but %u <gx:coord>: the last %u <when>, which "
                                            "have no place, were left out",
                                            n_whens - n),
                               n_whens, n_coords, n_whens - n);
      else
        sitmap_xml_input_note (reader->in, mark,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "a gx:Track has %u <gx:coord> but %u <when>: the last <gx:coord>, "
                                            "which has no time, was left out",
                                            "a gx:Track has %u <gx:coord> but %u <when>: the last %u <gx:coord>, "
                                            "which have no time, were left out",
                                            n_coords - n),
                               n_coords, n_whens, n_coords - n);
      g_array_set_size (whens, n);
      g_array_set_size (points, 2 * n);
    }
  add_track_time (feature, (const SitmapKmlWhen *) (gpointer) whens->data, whens->len, mark);
  add_line (feature, points);
  return TRUE;
}

static gboolean
is_track (SitmapKmlReader *reader, const char *name)
{
  return sitmap_kml_is_gx_element (reader, name) || sitmap_kml_is_element (reader, name);
}

gboolean
sitmap_kml_is_geometry (SitmapKmlReader *reader)
{
  static const char *const names[] = { "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry" };

  g_return_val_if_fail (reader != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (sitmap_kml_is_element (reader, names[i]))
      return TRUE;
  return is_track (reader, "Track") || is_track (reader, "MultiTrack");
}

gboolean
sitmap_kml_read_geometry (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (sitmap_kml_is_element (reader, "Point"))
    return read_point (reader, feature);
  if (sitmap_kml_is_element (reader, "LineString") || sitmap_kml_is_element (reader, "LinearRing"))
    return read_line (reader, feature);
  if (sitmap_kml_is_element (reader, "Polygon"))
    return read_polygon (reader, feature);
  if (sitmap_kml_is_element (reader, "MultiGeometry") || is_track (reader, "MultiTrack"))
    return read_multi_geometry (reader, feature);
  if (is_track (reader, "Track"))
    return read_track (reader, feature);
  return sitmap_xml_input_skip (reader->in);
}

/* The first Point anchors the label, the first line or polygon is the shape. */
static gboolean
read_multi_geometry (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlChildren children;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    {
      gboolean ok = sitmap_kml_is_geometry (reader) ? sitmap_kml_read_geometry (reader, feature)
                                                    : sitmap_xml_input_skip (reader->in);

      if (!ok)
        return FALSE;
    }
  return !sitmap_xml_input_failed (reader->in);
}

/*
 * Ground overlays: the area their image covers
 */

static void
add_box (SitmapKmlFeature *feature, double north, double south, double east, double west)
{
  g_autoptr (SitmapGeometry) box = sitmap_geometry_new_box (south, west, north, east);

  set_shape (feature, box);
}

/* An edge of a LatLonBox, checked as it is written; an empty one is absent. */
static gboolean
read_box_edge (SitmapKmlReader *reader, const char *const *names, double *edges, guint *found)
{
  for (guint i = 0; i < 4; i++)
    if (sitmap_kml_is_element (reader, names[i]))
      {
        SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
        const char *text = sitmap_xml_input_read_text_shared (reader->in);

        if (text == NULL)
          return FALSE;
        if (*text == '\0')
          return TRUE;
        if (!sitmap_kml_parse_decimal (text, &edges[i]))
          {
            g_autofree char *quoted = sitmap_quote_text (text);

            return sitmap_kml_invalid (reader, mark,
                                       /* TRANSLATORS: %s is the text of a LatLonBox's edge, such as north */
                                       _("the edge <%s> “%s” is not a decimal number"), names[i], quoted);
          }
        if (!check_coordinate (reader, mark, i < 2, text, strlen (text), edges[i]))
          return FALSE;
        *found |= 1 << i;
        return TRUE;
      }
  return sitmap_xml_input_skip (reader->in);
}

/* A box with none of its edges, as some writers leave one, is no place at all; one with only some is an
 * error. */
gboolean
sitmap_kml_read_lat_lon_box (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  static const char *const names[] = { "north", "south", "east", "west" };
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  SitmapXmlChildren children;
  double edges[4];
  guint found = 0;

  sitmap_xml_input_children_begin (reader->in, &children);
  while (sitmap_xml_input_children_next (reader->in, &children))
    if (!read_box_edge (reader, names, edges, &found))
      return FALSE;
  if (sitmap_xml_input_failed (reader->in) || found == 0)
    return !sitmap_xml_input_failed (reader->in);
  if (found != 0xF)
    return sitmap_kml_invalid (reader, mark, _("a LatLonBox needs a north, a south, an east and a west edge"));
  if (edges[0] < edges[1])
    return sitmap_kml_invalid (reader, mark, _("the north edge of a LatLonBox is south of its south edge"));
  if (!sitmap_kml_count_points (reader, mark, 5))
    return FALSE;
  add_box (feature, edges[0], edges[1], edges[2], edges[3]);
  return TRUE;
}

/* gx:LatLonQuad: four corners, counter-clockwise from the lower left; none is no place. */
gboolean
sitmap_kml_read_lat_lon_quad (SitmapKmlReader *reader, SitmapKmlFeature *feature)
{
  SitmapXmlMark mark = sitmap_xml_input_get_mark (reader->in);
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) no_holes = g_ptr_array_new ();
  g_autoptr (SitmapGeometry) quad = NULL;
  double first[2];

  if (!read_coordinates_child (reader, points))
    return FALSE;
  /* Without corners it is no place at all, as an empty LatLonBox */
  if (n_points (points) == 0)
    return TRUE;
  if (n_points (points) != 4)
    return sitmap_kml_invalid (reader, mark, _("a LatLonQuad needs exactly four corners"));
  /* Closed like every ring; copied first, since appending may move the array */
  first[0] = g_array_index (points, double, 0);
  first[1] = g_array_index (points, double, 1);
  g_array_append_vals (points, first, 2);
  quad = polygon_from_rings (points, no_holes);
  set_shape (feature, quad);
  return TRUE;
}
