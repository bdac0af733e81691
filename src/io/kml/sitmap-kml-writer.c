/* sitmap-kml-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-kml-writer"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <string.h>

#include "sitmap-atomic-write.h"
#include "sitmap-document-builder.h"
#include "sitmap-error.h"
#include "sitmap-kml-private.h"
#include "sitmap-kml-writer.h"
#include "sitmap-named-view.h"
#include "sitmap-number-text.h"
#include "sitmap-load-bytes.h"
#include "sitmap-source.h"
#include "sitmap-xml-input.h"

#define SECONDS_PER_DAY 86400
/* How often a long write looks at its cancellable, in events */
#define CANCEL_CHECK_INTERVAL 4096
/* Fill opacity of areas in other viewers, as a KML alpha byte: 40 % */
#define AREA_FILL_ALPHA 0x66

typedef struct
{
  xmlTextWriterPtr  xml;
  SitmapDocument   *document;
  SitmapEventStore *store;
  GCancellable     *cancellable;
  GArray           *positions; /* guint32, the events to write; NULL: all of them */
  gboolean          failed;
} Writer;

/*
 * Values
 */

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/* Whether text is UTF-8 made only of characters XML 1.0 can carry. Plain ASCII, by far the most common,
 * is checked byte by byte; the rest character by character. */
static gboolean
is_xml_text (const char *text)
{
  const guchar *p = (const guchar *) text;

  for (; *p != '\0' && *p < 0x80; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      return FALSE;
  if (*p == '\0')
    return TRUE;
  if (!g_utf8_validate ((const char *) p, -1, NULL))
    return FALSE;
  for (const char *q = (const char *) p; *q != '\0'; q = g_utf8_next_char (q))
    if (!is_xml_char (g_utf8_get_char (q)))
      return FALSE;
  return TRUE;
}

/* XML 1.0 cannot carry control characters, U+FFFE, U+FFFF or invalid UTF-8: were they written, the file
 * could never be opened again. Such characters (which no file Sitmap reads can contain, but an edit or
 * another format might) become U+FFFD. NULL when the text needs no change. */
static char *
sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *clean;

  if (is_xml_text (text))
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  clean = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (clean, is_xml_char (c) ? c : 0xFFFD);
    }
  return g_string_free (clean, FALSE);
}

/* "#rrggbb" as KML's aabbggrr */
static char *
kml_color (const char *rgb, guint alpha)
{
  return g_strdup_printf ("%02x%.2s%.2s%.2s", alpha, rgb + 5, rgb + 3, rgb + 1);
}

/*
 * Writing primitives: each records a failure instead of returning it, and does nothing after one.
 */

static void
check (Writer *writer, int result)
{
  if (result < 0)
    writer->failed = TRUE;
}

static void
start (Writer *writer, const char *name)
{
  if (!writer->failed)
    check (writer, xmlTextWriterStartElement (writer->xml, (const xmlChar *) name));
}

/* An element of Sitmap's namespace, declared once on <kml>. */
static void
start_sitmap (Writer *writer, const char *name)
{
  if (!writer->failed)
    check (writer, xmlTextWriterStartElementNS (writer->xml, (const xmlChar *) "sitmap", (const xmlChar *) name,
                                                NULL));
}

static void
end (Writer *writer)
{
  if (!writer->failed)
    check (writer, xmlTextWriterEndElement (writer->xml));
}

static void
write_string (Writer *writer, const char *text)
{
  g_autofree char *clean = sanitize (text);

  if (!writer->failed)
    check (writer, xmlTextWriterWriteString (writer->xml, (const xmlChar *) (clean ? clean : text)));
}

static void
attribute (Writer *writer, const char *name, const char *value)
{
  g_autofree char *clean = NULL;

  if (value == NULL || writer->failed)
    return;
  clean = sanitize (value);
  check (writer, xmlTextWriterWriteAttribute (writer->xml, (const xmlChar *) name,
                                              (const xmlChar *) (clean ? clean : value)));
}

static void
number_attribute (Writer *writer, const char *name, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  attribute (writer, name, sitmap_number_text_format (value, buffer));
}

static void
integer_attribute (Writer *writer, const char *name, gint64 value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  attribute (writer, name, buffer);
}

/* <name>text</name> in KML's namespace, or in Sitmap's when in_sitmap; nothing when text is NULL */
static void
text_element_in (Writer *writer, gboolean in_sitmap, const char *name, const char *text)
{
  if (text == NULL)
    return;
  if (in_sitmap)
    start_sitmap (writer, name);
  else
    start (writer, name);
  write_string (writer, text);
  end (writer);
}

static void
text_element (Writer *writer, const char *name, const char *text)
{
  text_element_in (writer, FALSE, name, text);
}

static void
sitmap_text_element (Writer *writer, const char *name, const char *text)
{
  text_element_in (writer, TRUE, name, text);
}

static void
number_element (Writer *writer, const char *name, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  text_element (writer, name, sitmap_number_text_format (value, buffer));
}

/*
 * Time
 */

static void
write_time (Writer *writer, const SitmapTime *time)
{
  g_autofree char *begin = sitmap_time_format_begin (time);
  g_autofree char *end_text = sitmap_time_format_end (time);

  if (time->precision == SITMAP_TIME_PRECISION_NONE)
    return;
  if (time->precision == SITMAP_TIME_PRECISION_SPAN)
    {
      start (writer, "TimeSpan");
      text_element (writer, "begin", begin);
      text_element (writer, "end", end_text);
      end (writer);
      return;
    }
  start (writer, "TimeStamp");
  text_element (writer, "when", begin);
  end (writer);
}

/* The coarsest unit that starts exactly at t: the view's bounds are written as briefly as they were read. */
static SitmapTimeUnit
aligned_unit (gint64 t)
{
  gint64 days = t >= 0 ? t / SECONDS_PER_DAY : -((-t + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
  gint64 year;
  guint month, day;

  if (t - days * SECONDS_PER_DAY != 0)
    return SITMAP_TIME_UNIT_SECOND;
  sitmap_civil_from_days (days, &year, &month, &day);
  if (day != 1)
    return SITMAP_TIME_UNIT_DAY;
  return month == 1 ? SITMAP_TIME_UNIT_YEAR : SITMAP_TIME_UNIT_MONTH;
}

/* A bound of the time grammar whose start is from, and one whose end is to. */
static char *
format_view_from (gint64 from)
{
  return sitmap_time_format_bound (from, aligned_unit (from));
}

static char *
format_view_to (gint64 to)
{
  return sitmap_time_format_bound (to - 1, aligned_unit (to));
}

/*
 * Geometry
 */

/* Points the reader would refuse (not finite, off the globe), which only an edit could have made, are left
 * out: a file that cannot be opened again would lose everything else in it. */
static guint
count_valid_points (const double *points, guint n_points)
{
  guint n = 0;

  for (guint i = 0; i < n_points; i++)
    n += sitmap_coordinates_valid (points[2 * i + 1], points[2 * i]);
  return n;
}

static void
write_coordinates (Writer *writer, const double *points, guint n_points)
{
  g_autoptr (GString) text = g_string_sized_new (n_points * 24);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < n_points; i++)
    {
      if (!sitmap_coordinates_valid (points[2 * i + 1], points[2 * i]))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, sitmap_number_text_format (points[2 * i], buffer));
      g_string_append_c (text, ',');
      g_string_append (text, sitmap_number_text_format (points[2 * i + 1], buffer));
    }
  text_element (writer, "coordinates", text->str);
}

static void
write_point (Writer *writer, double latitude, double longitude)
{
  double point[2] = { longitude, latitude };

  start (writer, "Point");
  write_coordinates (writer, point, 1);
  end (writer);
}

/* A ring needs three points to enclose anything; the reader refuses fewer. */
static gboolean
is_ring (const SitmapGeometry *geometry, guint ring)
{
  guint n_points;
  const double *points = sitmap_geometry_get_ring (geometry, ring, &n_points);

  return count_valid_points (points, n_points) >= 3;
}

static void
write_ring (Writer *writer, const SitmapGeometry *geometry, guint ring, const char *boundary)
{
  const double *points;
  guint n_points;

  points = sitmap_geometry_get_ring (geometry, ring, &n_points);
  start (writer, boundary);
  start (writer, "LinearRing");
  write_coordinates (writer, points, n_points);
  end (writer);
  end (writer);
}

/* Whether write_shape() writes anything */
static gboolean
is_writable_shape (const SitmapGeometry *geometry)
{
  if (sitmap_geometry_get_n_rings (geometry) == 0)
    return FALSE;
  if (sitmap_geometry_get_kind (geometry) == SITMAP_GEOMETRY_POLYGON)
    return is_ring (geometry, 0);
  return TRUE;
}

static void
write_shape (Writer *writer, const SitmapGeometry *geometry)
{
  guint n_rings = sitmap_geometry_get_n_rings (geometry);

  if (sitmap_geometry_get_kind (geometry) == SITMAP_GEOMETRY_POLYGON)
    {
      start (writer, "Polygon");
      write_ring (writer, geometry, 0, "outerBoundaryIs");
      for (guint r = 1; r < n_rings; r++)
        if (is_ring (geometry, r))
          write_ring (writer, geometry, r, "innerBoundaryIs");
      end (writer);
      return;
    }
  for (guint r = 0; r < n_rings; r++)
    {
      const double *points;
      guint n_points;

      points = sitmap_geometry_get_ring (geometry, r, &n_points);
      start (writer, "LineString");
      write_coordinates (writer, points, n_points);
      end (writer);
    }
}

/* A shape whose middle is its anchor is written alone, the reader finds the anchor again; any other anchor
 * is written as a Point beside it, in a MultiGeometry. */
static void
write_geometry (Writer *writer, gboolean placed, double latitude, double longitude, const SitmapGeometry *shape)
{
  double center_latitude = NAN, center_longitude = NAN;
  gboolean several_lines;

  if (shape == NULL || !is_writable_shape (shape))
    {
      if (placed)
        write_point (writer, latitude, longitude);
      return;
    }
  sitmap_geometry_get_center (shape, &center_latitude, &center_longitude);
  several_lines = sitmap_geometry_get_kind (shape) != SITMAP_GEOMETRY_POLYGON &&
                  sitmap_geometry_get_n_rings (shape) > 1;
  if ((!placed || (center_latitude == latitude && center_longitude == longitude)) && !several_lines)
    {
      write_shape (writer, shape);
      return;
    }
  start (writer, "MultiGeometry");
  if (placed)
    write_point (writer, latitude, longitude);
  write_shape (writer, shape);
  end (writer);
}

/*
 * Styles, so that Google Earth and QGIS show each category in its colour
 */

/* How lines and the inside of areas are drawn: colours as kml_color() writes them */
static void
write_line_and_poly_style (Writer *writer, const char *line_color, double width, const char *fill_color)
{
  start (writer, "LineStyle");
  text_element (writer, "color", line_color);
  number_element (writer, "width", width);
  end (writer);
  start (writer, "PolyStyle");
  text_element (writer, "color", fill_color);
  end (writer);
}

static void
write_style (Writer *writer, const char *id, const char *rgb, double icon_scale, guint fill_alpha)
{
  g_autofree char *color = kml_color (rgb, 0xff);
  g_autofree char *fill = kml_color (rgb, fill_alpha);

  start (writer, "Style");
  attribute (writer, "id", id);
  /* No <Icon>: the viewer's own pushpin, tinted. A file that names an icon URL makes viewers fetch it. */
  start (writer, "IconStyle");
  text_element (writer, "color", color);
  number_element (writer, "scale", icon_scale);
  end (writer);
  write_line_and_poly_style (writer, color, 2, fill);
  end (writer);
}

static void
write_styles (Writer *writer)
{
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    {
      g_autofree char *id = g_strconcat ("sitmap-", sitmap_category_to_id (c), NULL);

      write_style (writer, id, sitmap_category_get_color (c), 1.0, AREA_FILL_ALPHA);
    }
  write_style (writer, "sitmap-place", sitmap_category_get_color (SITMAP_CATEGORY_CONTEXT), 0.7, 0x20);
}

/*
 * The document
 */

static void
write_look_at (Writer *writer, const SitmapDocumentView *view)
{
  if (!view->has_position)
    return;
  start (writer, "LookAt");
  number_element (writer, "longitude", view->longitude);
  number_element (writer, "latitude", view->latitude);
  number_element (writer, "range", round (sitmap_kml_range_from_zoom (view->zoom, view->latitude)));
  end (writer);
}

static void
write_view (Writer *writer, const SitmapDocumentView *view)
{
  if (!view->has_position && !view->has_time)
    return;
  start_sitmap (writer, "view");
  if (view->has_position)
    {
      number_attribute (writer, "latitude", view->latitude);
      number_attribute (writer, "longitude", view->longitude);
      number_attribute (writer, "zoom", view->zoom);
    }
  if (view->has_time)
    {
      g_autofree char *from = format_view_from (view->from);
      g_autofree char *to = format_view_to (view->to);

      attribute (writer, "from", from);
      attribute (writer, "to", to);
    }
  end (writer);
}

static gboolean
is_unnamed (SitmapSource *source)
{
  return g_strcmp0 (sitmap_source_get_id (source), SITMAP_UNNAMED_SOURCE_ID) == 0;
}

static void
write_source (Writer *writer, SitmapSource *source)
{
  SitmapReliability reliability = sitmap_source_get_reliability (source);

  start_sitmap (writer, "source");
  attribute (writer, "id", sitmap_source_get_id (source));
  attribute (writer, "kind", sitmap_source_kind_to_id (sitmap_source_get_kind (source)));
  if (sitmap_source_get_party (source))
    attribute (writer, "party", "true");
  if (reliability != SITMAP_RELIABILITY_UNRATED)
    attribute (writer, "reliability", sitmap_reliability_to_id (reliability));
  /* A source without a name of its own shows its id: the file does not need that twice. */
  if (g_strcmp0 (sitmap_source_get_name (source), sitmap_source_get_id (source)) != 0)
    sitmap_text_element (writer, "name", sitmap_source_get_name (source));
  sitmap_text_element (writer, "abbreviation", sitmap_source_get_abbreviation (source));
  sitmap_text_element (writer, "url", sitmap_source_get_url (source));
  sitmap_text_element (writer, "note", sitmap_source_get_note (source));
  end (writer);
}

static void
write_view_range (Writer *writer, SitmapNamedView *view)
{
  gint64 start_time, end_time;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (!sitmap_named_view_get_range (view, &start_time, &end_time))
    return;
  start_text = sitmap_kml_format_instant (start_time);
  end_text = sitmap_kml_format_instant (end_time);
  /* A range beyond the years the reader takes is left out: never write what cannot be read. */
  if (start_text == NULL || end_text == NULL)
    return;
  attribute (writer, "start", start_text);
  attribute (writer, "end", end_text);
}

static void
write_named_view (Writer *writer, SitmapNamedView *view)
{
  static const char *const set_elements[SITMAP_FILTER_N_SETS] = { "filter-actor", "filter-source", "filter-place" };
  const SitmapFilter *filter = sitmap_named_view_get_filter (view);
  SitmapReliability reliability = sitmap_filter_get_min_reliability (filter);
  SitmapCredibility credibility = sitmap_filter_get_min_credibility (filter);

  start_sitmap (writer, "named-view");
  attribute (writer, "name", sitmap_named_view_get_name (view));
  write_view_range (writer, view);
  if (sitmap_named_view_get_range_rule (view) != SITMAP_RANGE_OVERLAPPING)
    attribute (writer, "rule", sitmap_kml_range_rule_to_id (sitmap_named_view_get_range_rule (view)));
  if (reliability != SITMAP_RELIABILITY_UNRATED)
    attribute (writer, "min-reliability", sitmap_reliability_to_id (reliability));
  if (credibility != SITMAP_CREDIBILITY_UNRATED)
    attribute (writer, "min-credibility", sitmap_credibility_to_id (credibility));
  if (sitmap_filter_get_min_killed (filter) > 0)
    integer_attribute (writer, "min-killed", sitmap_filter_get_min_killed (filter));
  if (sitmap_filter_get_min_origins (filter) > 0)
    integer_attribute (writer, "min-origins", sitmap_filter_get_min_origins (filter));
  sitmap_text_element (writer, "search", sitmap_filter_get_text (filter));
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    if (sitmap_filter_get_hidden_categories (filter) & (1u << c))
      sitmap_text_element (writer, "hidden-category", sitmap_category_to_id (c));
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    {
      guint n_values;
      const char *const *values = sitmap_filter_get_values (filter, s, &n_values);

      for (guint i = 0; i < n_values; i++)
        sitmap_text_element (writer, set_elements[s], values[i]);
    }
  end (writer);
}

static void
write_document_data (Writer *writer)
{
  const SitmapDocumentView *view = sitmap_document_get_view (writer->document);
  GListModel *sources = sitmap_document_get_sources (writer->document);
  GListModel *views = sitmap_document_get_named_views (writer->document);
  guint n_sources = g_list_model_get_n_items (sources), n_views = g_list_model_get_n_items (views);
  guint n_written = 0;

  for (guint i = 0; i < n_sources; i++)
    n_written += !is_unnamed (sitmap_document_get_source (writer->document, i));
  if (!view->has_position && !view->has_time && n_written == 0 && n_views == 0)
    return;
  start (writer, "ExtendedData");
  write_view (writer, view);
  /* The placeholder for citations without a source is not one the file describes. */
  for (guint i = 0; i < n_sources; i++)
    if (!is_unnamed (sitmap_document_get_source (writer->document, i)))
      write_source (writer, sitmap_document_get_source (writer->document, i));
  for (guint i = 0; i < n_views; i++)
    {
      g_autoptr (SitmapNamedView) named_view = g_list_model_get_item (views, i);

      write_named_view (writer, named_view);
    }
  end (writer);
}

static void
write_place (Writer *writer, SitmapPlace *place)
{
  double latitude = sitmap_place_get_latitude (place);
  double longitude = sitmap_place_get_longitude (place);

  start (writer, "Placemark");
  attribute (writer, "id", sitmap_place_get_id (place));
  if (g_strcmp0 (sitmap_place_get_name (place), sitmap_place_get_id (place)) != 0)
    text_element (writer, "name", sitmap_place_get_name (place));
  text_element (writer, "description", sitmap_place_get_description (place));
  text_element (writer, "styleUrl", "#sitmap-place");
  start (writer, "ExtendedData");
  start_sitmap (writer, "place");
  attribute (writer, "kind", sitmap_place_kind_to_id (sitmap_place_get_kind (place)));
  end (writer);
  end (writer);
  write_geometry (writer, sitmap_coordinates_valid (latitude, longitude), latitude, longitude,
                  sitmap_place_get_geometry (place));
  end (writer);
}

/*
 * Events
 */

static void
write_location (Writer *writer, guint position)
{
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (writer->store);
  SitmapLocationPrecision precision = columns->location_precision[position];
  guint place = sitmap_event_store_get_place (writer->store, position);
  guint radius = sitmap_event_store_get_radius (writer->store, position);
  const char *text = sitmap_event_store_get_place_text (writer->store, position);
  gboolean stated = sitmap_event_store_has_stated_precision (writer->store, position);

  /* A precision derived on reading is derived again: written, it would claim what the source never said. */
  if (!stated)
    precision = SITMAP_LOCATION_PRECISION_NONE;
  if (precision == SITMAP_LOCATION_PRECISION_NONE && place == 0 && radius == 0 && text == NULL)
    return;
  start_sitmap (writer, "location");
  if (place > 0)
    attribute (writer, "place", sitmap_place_get_id (sitmap_document_get_place (writer->document, place - 1)));
  if (place > 0 && sitmap_event_store_is_located_by_place (writer->store, position))
    attribute (writer, "from-place", "true");
  if (precision != SITMAP_LOCATION_PRECISION_NONE)
    attribute (writer, "precision", sitmap_location_precision_to_id (precision));
  if (radius > 0)
    integer_attribute (writer, "radius", MIN (radius, SITMAP_KML_MAX_RADIUS_M));
  if (text != NULL)
    write_string (writer, text);
  end (writer);
}

/* A figure as the reader will take it back: numbers only when it is quantified, a max only with a min. */
static void
write_figure (Writer *writer, const SitmapFigure *figure)
{
  gboolean quantified = figure->qualifier != SITMAP_QUALIFIER_UNQUANTIFIED && figure->min >= 0;

  start_sitmap (writer, "figure");
  attribute (writer, "kind", sitmap_figure_kind_to_id (figure->kind));
  if (quantified)
    {
      integer_attribute (writer, "min", figure->min);
      if (figure->max >= figure->min)
        integer_attribute (writer, "max", figure->max);
    }
  attribute (writer, "qualifier", sitmap_qualifier_to_id (quantified ? figure->qualifier
                                                                     : SITMAP_QUALIFIER_UNQUANTIFIED));
  if (figure->text != NULL)
    write_string (writer, figure->text);
  end (writer);
}

static void
write_citation_date (Writer *writer, const char *name, const SitmapTime *time)
{
  g_autofree char *text = sitmap_time_format_begin (time);

  sitmap_text_element (writer, name, text);
}

static void
write_citation (Writer *writer, const SitmapCitationRecord *citation)
{
  SitmapSource *source = sitmap_document_get_source (writer->document, citation->source);

  start_sitmap (writer, "citation");
  /* A citation that named no source names none again */
  if (!is_unnamed (source))
    attribute (writer, "source", sitmap_source_get_id (source));
  if (citation->via > 0)
    attribute (writer, "via", sitmap_source_get_id (sitmap_document_get_source (writer->document, citation->via - 1)));
  if (citation->credibility != SITMAP_CREDIBILITY_UNRATED)
    attribute (writer, "credibility", sitmap_credibility_to_id (citation->credibility));
  sitmap_text_element (writer, "url", citation->url);
  write_citation_date (writer, "published", &citation->published);
  write_citation_date (writer, "accessed", &citation->accessed);
  sitmap_text_element (writer, "paraphrase", citation->paraphrase);
  end (writer);
}

/* What the file the event came from said beyond Sitmap's fields, as KML's own Data: Google Earth and GDAL
 * show them, and Sitmap reads them back. */
static void
write_attributes (Writer *writer, guint position)
{
  guint n = sitmap_event_store_get_n_attributes (writer->store, position);

  for (guint i = 0; i < n; i++)
    {
      const char *value;
      const char *name = sitmap_event_store_get_attribute (writer->store, position, i, &value);

      start (writer, "Data");
      attribute (writer, "name", name);
      text_element (writer, "value", value);
      end (writer);
    }
}

static void
write_event_data (Writer *writer, guint position)
{
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (writer->store);
  const char *const *actors;
  const SitmapFigure *figures;
  const SitmapCitationRecord *citations;
  guint n;

  start (writer, "ExtendedData");
  start_sitmap (writer, "event");
  attribute (writer, "category", sitmap_category_to_id (columns->category[position]));
  write_location (writer, position);
  figures = sitmap_event_store_get_figures (writer->store, position, &n);
  for (guint i = 0; i < n; i++)
    write_figure (writer, &figures[i]);
  actors = sitmap_event_store_get_actors (writer->store, position, &n);
  for (guint i = 0; i < n; i++)
    sitmap_text_element (writer, "actor", actors[i]);
  citations = sitmap_event_store_get_citations (writer->store, position, &n);
  for (guint i = 0; i < n; i++)
    write_citation (writer, &citations[i]);
  end (writer);
  write_attributes (writer, position);
  end (writer);
}

static void
write_event (Writer *writer, guint position)
{
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (writer->store);
  g_autofree char *style = g_strconcat ("#sitmap-", sitmap_category_to_id (columns->category[position]), NULL);
  SitmapTime time;
  double latitude, longitude;
  gboolean placed;

  start (writer, "Placemark");
  attribute (writer, "id", sitmap_event_store_get_id (writer->store, position));
  text_element (writer, "name", sitmap_event_store_get_title (writer->store, position));
  text_element (writer, "description", sitmap_event_store_get_summary (writer->store, position));
  sitmap_event_store_get_time (writer->store, position, &time);
  write_time (writer, &time);
  text_element (writer, "styleUrl", style);
  write_event_data (writer, position);
  /* An event located by its place gets the place's point, so that other viewers show it, but not its
   * shape: a province's outline copied into each of its events would multiply the file. */
  placed = sitmap_event_store_get_location (writer->store, position, &latitude, &longitude);
  write_geometry (writer, placed, latitude, longitude,
                  sitmap_event_store_is_located_by_place (writer->store, position)
                    ? NULL
                    : sitmap_event_store_get_geometry (writer->store, position));
  end (writer);
}

static void
write_folder (Writer *writer, const char *id, const char *name)
{
  start (writer, "Folder");
  attribute (writer, "id", id);
  text_element (writer, "name", name);
}

/* The events to write, in store order */
static guint
n_to_write (Writer *writer)
{
  return writer->positions ? writer->positions->len : sitmap_document_get_n_events (writer->document);
}

static guint
position_to_write (Writer *writer, guint i)
{
  return writer->positions ? g_array_index (writer->positions, guint32, i) : i;
}

static gboolean
write_event_at (Writer *writer, guint i, GError **error)
{
  if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (writer->cancellable, error))
    return FALSE;
  write_event (writer, position_to_write (writer, i));
  return !writer->failed;
}

/* The events grouped as their folders were: per group, its events (in time order) then its subgroups, each a
 * Folder. A group with no event to write, in it or below, is left out. Read back, the groups come in the
 * same order, so that saving again gives the same bytes. */
typedef struct
{
  GArray **events;      /* per group (0: none), indices into what is written */
  guint   *first_child; /* per group, its first subgroup; then each subgroup's next sibling in next */
  guint   *next;
  guint   *counts;      /* events in the group and below */
} Groups;

static gboolean
write_group (Writer *writer, Groups *groups, guint group, GError **error)
{
  GArray *events = groups->events[group];

  if (group > 0)
    {
      const char *name = sitmap_event_store_get_group_name (writer->store, group, NULL);

      start (writer, "Folder");
      if (name != NULL && *name != '\0')
        text_element (writer, "name", name);
    }
  for (guint i = 0; i < events->len; i++)
    if (!write_event_at (writer, g_array_index (events, guint, i), error))
      return FALSE;
  for (guint child = groups->first_child[group]; child != 0; child = groups->next[child])
    if (groups->counts[child] > 0 && !write_group (writer, groups, child, error))
      return FALSE;
  if (group > 0)
    end (writer);
  return !writer->failed;
}

static gboolean
write_grouped_events (Writer *writer, GError **error)
{
  guint n_groups = sitmap_event_store_get_n_groups (writer->store), n = n_to_write (writer);
  g_autofree guint *parents = g_new0 (guint, n_groups + 1);
  g_autofree guint *last_child = g_new0 (guint, n_groups + 1);
  Groups groups;
  gboolean ok;

  groups.events = g_new0 (GArray *, n_groups + 1);
  groups.first_child = g_new0 (guint, n_groups + 1);
  groups.next = g_new0 (guint, n_groups + 1);
  groups.counts = g_new0 (guint, n_groups + 1);
  groups.events[0] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint g = 1; g <= n_groups; g++)
    {
      guint parent;

      groups.events[g] = g_array_new (FALSE, FALSE, sizeof (guint));
      sitmap_event_store_get_group_name (writer->store, g, &parent);
      /* A group is made after the one it is in: anything else is not a tree. */
      parents[g] = parent < g ? parent : 0;
      if (last_child[parents[g]] == 0)
        groups.first_child[parents[g]] = g;
      else
        groups.next[last_child[parents[g]]] = g;
      last_child[parents[g]] = g;
    }
  for (guint i = 0; i < n; i++)
    {
      guint group = sitmap_event_store_get_group (writer->store, position_to_write (writer, i));

      g_array_append_val (groups.events[MIN (group, n_groups)], i);
    }
  for (guint g = 0; g <= n_groups; g++)
    groups.counts[g] = groups.events[g]->len;
  for (guint g = n_groups; g >= 1; g--)
    groups.counts[parents[g]] += groups.counts[g];
  ok = write_group (writer, &groups, 0, error);
  for (guint g = 0; g <= n_groups; g++)
    g_array_unref (groups.events[g]);
  g_free (groups.events);
  g_free (groups.first_child);
  g_free (groups.next);
  g_free (groups.counts);
  return ok;
}

static gboolean
write_events (Writer *writer, GError **error)
{
  guint n = n_to_write (writer);

  write_folder (writer, "sitmap-events", _("Events"));
  if (sitmap_event_store_get_n_groups (writer->store) > 0)
    {
      if (!write_grouped_events (writer, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < n && !writer->failed; i++)
      if (!write_event_at (writer, i, error))
        return FALSE;
  end (writer);
  return TRUE;
}

/*
 * Annotations: ordinary Placemarks for other viewers, with sitmap:annotation for Sitmap
 */

/* A circle as other viewers are given it: this many points on the ground at its radius. */
#define ANNOTATION_CIRCLE_POINTS 72
/* The inside of an area or circle, faintly, as the map draws it: 14 % */
#define ANNOTATION_FILL_ALPHA 0x24

/* n latitude, longitude pairs of annotation (or of out when given) as KML's longitude, latitude pairs. */
static double *
annotation_lon_lat (SitmapAnnotation *annotation, guint *n)
{
  double *points;

  *n = sitmap_annotation_get_n_points (annotation);
  points = g_new (double, 2 * *n + 2);
  for (guint i = 0; i < *n; i++)
    sitmap_annotation_get_point (annotation, i, &points[2 * i + 1], &points[2 * i]);
  return points;
}

static void
write_line_string (Writer *writer, const double *points, guint n)
{
  start (writer, "LineString");
  write_coordinates (writer, points, n);
  end (writer);
}

/* A closed ring: KML repeats the first point at the end. */
static void
write_polygon_ring (Writer *writer, double *points, guint n)
{
  points[2 * n] = points[0];
  points[2 * n + 1] = points[1];
  start (writer, "Polygon");
  start (writer, "outerBoundaryIs");
  start (writer, "LinearRing");
  write_coordinates (writer, points, n + 1);
  end (writer);
  end (writer);
  end (writer);
}

/* A highlight is where its events are: a Point at each that has one. */
static void
write_highlight_geometry (Writer *writer, SitmapAnnotation *annotation)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  const char *const *ids;
  guint n_ids;

  ids = sitmap_annotation_get_event_ids (annotation, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      gint position = sitmap_document_find_event (writer->document, ids[i]);
      double latitude, longitude;

      if (position >= 0 && sitmap_event_store_get_location (writer->store, position, &latitude, &longitude) &&
          sitmap_coordinates_valid (latitude, longitude))
        {
          g_array_append_val (points, latitude);
          g_array_append_val (points, longitude);
        }
    }
  if (points->len == 0)
    return;
  if (points->len > 2)
    start (writer, "MultiGeometry");
  for (guint i = 0; i < points->len / 2; i++)
    write_point (writer, g_array_index (points, double, 2 * i), g_array_index (points, double, 2 * i + 1));
  if (points->len > 2)
    end (writer);
}

static void
write_annotation_geometry (Writer *writer, SitmapAnnotation *annotation)
{
  guint n;
  g_autofree double *points = annotation_lon_lat (annotation, &n);

  switch (sitmap_annotation_get_kind (annotation))
    {
    case SITMAP_ANNOTATION_LABEL:
      if (n < 2)
        {
          write_point (writer, points[1], points[0]);
          break;
        }
      start (writer, "MultiGeometry");
      write_point (writer, points[1], points[0]);
      write_line_string (writer, points, 2);
      end (writer);
      break;
    case SITMAP_ANNOTATION_ARROW:
      write_line_string (writer, points, n);
      break;
    case SITMAP_ANNOTATION_AREA:
      write_polygon_ring (writer, points, n);
      break;
    case SITMAP_ANNOTATION_CIRCLE:
      {
        double ring[2 * ANNOTATION_CIRCLE_POINTS + 2];

        sitmap_annotation_get_circle_ring (annotation, ANNOTATION_CIRCLE_POINTS, ring);
        for (guint i = 0; i < ANNOTATION_CIRCLE_POINTS; i++)
          {
            double latitude = ring[2 * i];

            ring[2 * i] = ring[2 * i + 1];
            ring[2 * i + 1] = latitude;
          }
        write_polygon_ring (writer, ring, ANNOTATION_CIRCLE_POINTS);
        break;
      }
    case SITMAP_ANNOTATION_HIGHLIGHT:
      write_highlight_geometry (writer, annotation);
      break;
    case SITMAP_N_ANNOTATION_KINDS:
    default:
      break;
    }
}

/* The colour and width for other viewers; Sitmap reads them from sitmap:annotation. */
static void
write_annotation_style (Writer *writer, SitmapAnnotation *annotation)
{
  const char *hex = sitmap_annotation_color_get_hex (sitmap_annotation_get_color (annotation));
  g_autofree char *ink = kml_color (hex, 0xff);
  g_autofree char *fill = kml_color (hex, ANNOTATION_FILL_ALPHA);

  start (writer, "Style");
  start (writer, "IconStyle");
  text_element (writer, "color", ink);
  end (writer);
  start (writer, "LabelStyle");
  text_element (writer, "color", ink);
  end (writer);
  write_line_and_poly_style (writer, ink, sitmap_annotation_get_width (annotation), fill);
  end (writer);
}

static void
write_annotation_data (Writer *writer, SitmapAnnotation *annotation)
{
  SitmapAnnotationKind kind = sitmap_annotation_get_kind (annotation);
  const char *const *ids;
  guint n, n_ids;
  g_autofree double *points = annotation_lon_lat (annotation, &n);

  start (writer, "ExtendedData");
  start_sitmap (writer, "annotation");
  attribute (writer, "kind", sitmap_annotation_kind_to_id (kind));
  attribute (writer, "color", sitmap_annotation_color_to_id (sitmap_annotation_get_color (annotation)));
  number_attribute (writer, "width", sitmap_annotation_get_width (annotation));
  if (kind == SITMAP_ANNOTATION_CIRCLE)
    number_attribute (writer, "radius", sitmap_annotation_get_radius (annotation));
  if (n > 0)
    {
      g_autoptr (GString) text = g_string_sized_new (n * 24);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, sitmap_number_text_format (points[2 * i], buffer));
          g_string_append_c (text, ',');
          g_string_append (text, sitmap_number_text_format (points[2 * i + 1], buffer));
        }
      sitmap_text_element (writer, "coordinates", text->str);
    }
  ids = sitmap_annotation_get_event_ids (annotation, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      start_sitmap (writer, "event");
      attribute (writer, "id", ids[i]);
      end (writer);
    }
  end (writer);
  end (writer);
}

static void
write_annotation (Writer *writer, SitmapAnnotation *annotation)
{
  /* What the reader would refuse is never written; the model lets no such annotation be made. */
  if (!sitmap_annotation_validate (annotation, NULL))
    return;
  start (writer, "Placemark");
  attribute (writer, "id", sitmap_annotation_get_id (annotation));
  text_element (writer, "name", sitmap_annotation_get_text (annotation));
  write_annotation_style (writer, annotation);
  write_annotation_data (writer, annotation);
  write_annotation_geometry (writer, annotation);
  end (writer);
}

static void
write_annotations (Writer *writer)
{
  GListModel *annotations = sitmap_document_get_annotations (writer->document);
  guint n = g_list_model_get_n_items (annotations);

  if (n == 0)
    return;
  write_folder (writer, "sitmap-annotations", _("Annotations"));
  if (!sitmap_document_get_annotations_visible (writer->document))
    text_element (writer, "visibility", "0");
  for (guint i = 0; i < n && !writer->failed; i++)
    {
      g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);

      write_annotation (writer, annotation);
    }
  end (writer);
}

static gboolean
write_document (Writer *writer, GError **error)
{
  GListModel *places = sitmap_document_get_places (writer->document);
  guint n_places = g_list_model_get_n_items (places);

  check (writer, xmlTextWriterSetIndent (writer->xml, 1));
  check (writer, xmlTextWriterSetIndentString (writer->xml, (const xmlChar *) "  "));
  check (writer, xmlTextWriterStartDocument (writer->xml, NULL, "UTF-8", NULL));
  /* Both namespaces declared once, here, in this order: the writer then never declares one again. */
  start (writer, "kml");
  attribute (writer, "xmlns", SITMAP_KML_NAMESPACE);
  attribute (writer, "xmlns:sitmap", SITMAP_KML_SITMAP_NAMESPACE);
  start (writer, "Document");
  text_element (writer, "name", sitmap_document_get_own_title (writer->document));
  text_element (writer, "description", sitmap_document_get_description (writer->document));
  write_look_at (writer, sitmap_document_get_view (writer->document));
  write_styles (writer);
  write_document_data (writer);
  write_folder (writer, "sitmap-places", _("Places"));
  for (guint i = 0; i < n_places; i++)
    write_place (writer, sitmap_document_get_place (writer->document, i));
  end (writer);
  if (!write_events (writer, error))
    return FALSE;
  write_annotations (writer);
  end (writer);
  if (!writer->failed)
    check (writer, xmlTextWriterEndDocument (writer->xml));
  if (writer->failed)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The document could not be written as KML"));
  return !writer->failed;
}

/*
 * Output: into memory or, streamed, into the file it replaces
 */

typedef struct
{
  GByteArray       *array; /* writing to memory, or */
  SitmapAtomicFile *file;  /* to a file */
  guint64           size;
  guint64           max_size;
  GError           *error; /* why the output stopped */
} Output;

/* A file the reader would refuse is not written: saving it would lose the document. */
static int
output_cb (void *context, const char *buffer, int len)
{
  Output *out = context;

  if (out->error != NULL)
    return -1;
  out->size += len;
  if (out->size > out->max_size)
    {
      g_set_error (&out->error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_TOO_LARGE,
                   _("the document would be larger than %" G_GUINT64_FORMAT " MB, more than Sitmap can open: "
                     "it was not saved"),
                   out->max_size / (1024 * 1024));
      return -1;
    }
  if (out->array != NULL)
    g_byte_array_append (out->array, (const guint8 *) buffer, len);
  else if (!sitmap_atomic_file_write (out->file, buffer, len, &out->error))
    return -1;
  return len;
}

static gboolean
write_output (SitmapDocument *document, GArray *positions, Output *out, GCancellable *cancellable, GError **error)
{
  xmlOutputBufferPtr buffer;
  Writer writer = { 0 };
  g_autoptr (GError) write_error = NULL;
  g_autoptr (GArray) live = NULL;
  gboolean ok;

  /* Events edits deleted are not written */
  if (positions == NULL)
    positions = live = sitmap_event_store_dup_live_positions (sitmap_document_get_store (document));
  sitmap_xml_init ();
  buffer = xmlOutputBufferCreateIO (output_cb, NULL, out, NULL);
  writer.document = document;
  writer.store = sitmap_document_get_store (document);
  writer.cancellable = cancellable;
  writer.positions = positions;
  writer.xml = buffer ? xmlNewTextWriter (buffer) : NULL;
  if (writer.xml == NULL)
    {
      if (buffer != NULL)
        xmlOutputBufferClose (buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The document could not be written as KML"));
      return FALSE;
    }
  ok = write_document (&writer, &write_error);
  /* Also flushes the last of the output, which may fail as well. */
  xmlFreeTextWriter (writer.xml);
  /* What stopped the output says more than libxml2's failure to write. */
  if (out->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&out->error));
      return FALSE;
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&write_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_file (SitmapDocument *document,
            GArray         *positions,
            GFile          *file,
            guint64         max_size,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr (SitmapAtomicFile) atomic = sitmap_atomic_file_new (file, cancellable, error);
  Output out = { 0 };

  if (atomic == NULL)
    return FALSE;
  out.file = atomic;
  out.max_size = max_size;
  /* Streamed: a large document is never held twice in memory. Freeing an uncommitted file removes it. */
  return write_output (document, positions, &out, cancellable, error) && sitmap_atomic_file_commit (atomic, error);
}

/*
 * Public API
 */

GBytes *
sitmap_kml_write_bytes (SitmapDocument *document, GError **error)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return sitmap_kml_write_events_bytes (document, NULL, NULL, error);
}

GBytes *
sitmap_kml_write_events_bytes (SitmapDocument *document, GArray *positions, GCancellable *cancellable, GError **error)
{
  g_autoptr (GByteArray) array = g_byte_array_new ();
  Output out = { 0 };

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out.array = array;
  out.max_size = SITMAP_DOCUMENT_MAX_SIZE;
  if (!write_output (document, positions, &out, cancellable, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}

gboolean
sitmap_kml_write_file (SitmapDocument *document, GFile *file, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_file (document, NULL, file, SITMAP_DOCUMENT_MAX_SIZE, cancellable, error);
}

gboolean
sitmap_kml_write_atomic (SitmapDocument *document, SitmapAtomicFile *output, GCancellable *cancellable, GError **error)
{
  Output out = { 0 };

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out.file = output;
  out.max_size = SITMAP_DOCUMENT_MAX_SIZE;
  return write_output (document, NULL, &out, cancellable, error);
}

gboolean
sitmap_kml_write_events_file (SitmapDocument *document,
                              GArray         *positions,
                              GFile          *file,
                              GCancellable   *cancellable,
                              GError        **error)
{
  guint n;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = sitmap_document_get_n_events (document);
  for (guint i = 0; positions != NULL && i < positions->len; i++)
    g_return_val_if_fail (g_array_index (positions, guint32, i) < n, FALSE);
  return write_file (document, positions, file, SITMAP_DOCUMENT_MAX_SIZE, cancellable, error);
}

gboolean
sitmap_kml_write_file_with_max_size (SitmapDocument *document,
                                     GFile          *file,
                                     guint64         max_size,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_file (document, NULL, file, max_size, cancellable, error);
}
