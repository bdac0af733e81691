/* test-geojson.c: GeoJSON in and out: the corpus, every geometry, times as other tools write them, the mapping
 * protocol, hostile files, and round trips through Sitmap and through GDAL
 *
 * Usage: test-geojson OGRINFO OGR2OGR — meson passes the GDAL tools it found (gdal-bin is required).
 * Expected numbers come from the files, counted with Python's json module, independent of Sitmap's reader; the
 * command is given beside each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-category.h"
#include "sitmap-format.h"
#include "sitmap-geojson-parse-ahead.h"
#include "sitmap-geojson-reader.h"
#include "sitmap-geojson-writer.h"
#include "sitmap-json-scan.h"

static const char *ogrinfo;
static const char *ogr2ogr;

/*
 * Helpers
 */

static SitmapDocument *
read_with (const char *text, gssize length, SitmapImport *import, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  sitmap_import_begin (import, "data.geojson", NULL);
  return sitmap_geojson_read (bytes, import, error);
}

/* Reads GeoJSON that must be read; its import (with the report) into *import_out when not NULL. */
static SitmapDocument *
read_json (const char *text, SitmapImport **import_out)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = read_with (text, -1, import, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  if (import_out != NULL)
    *import_out = g_steal_pointer (&import);
  return document;
}

static SitmapEventStore *
store_of (SitmapDocument *document)
{
  return sitmap_document_get_store (document);
}

static const char *
attribute (SitmapDocument *document, guint position, const char *name)
{
  return sitmap_event_store_lookup_attribute (store_of (document), position, name);
}

static void
assert_point (SitmapDocument *document, guint position, double latitude, double longitude)
{
  double lat, lon;

  g_assert_true (sitmap_event_store_get_location (store_of (document), position, &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, latitude, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, longitude, 1e-9);
}

static void
assert_time (SitmapDocument *document, guint position, SitmapTimePrecision precision, const char *start)
{
  SitmapTime time;

  sitmap_event_store_get_time (store_of (document), position, &time);
  g_assert_cmpint (time.precision, ==, precision);
  if (start != NULL)
    g_assert_cmpint (time.start, ==, io_time (start));
}

static void
assert_report_line (SitmapImport *import, guint index, guint line, guint column, const char *words)
{
  guint l, c;
  const char *reason = sitmap_import_report_get_skipped (sitmap_import_get_report (import), index, &l, &c);

  g_assert_nonnull (reason);
  if (strstr (reason, words) == NULL)
    g_error ("skipped %u: “%s” does not say “%s”", index, reason, words);
  g_assert_cmpuint (l, ==, line);
  if (column > 0)
    g_assert_cmpuint (c, ==, column);
}

static char *
corpus_path (const char *name)
{
  const char *dir = g_getenv ("SITMAP_CORPUS_DIR");

  return dir != NULL && *dir != '\0' ? g_build_filename (dir, name, NULL) : NULL;
}

static GBytes *
load_corpus (const char *name)
{
  g_autofree char *path = corpus_path (name);
  char *data;
  gsize length;

  if (path == NULL || !g_file_get_contents (path, &data, &length, NULL))
    {
      g_test_skip ("the corpus folder is not configured (-Dcorpus_dir)");
      return NULL;
    }
  return g_bytes_new_take (data, length);
}

/*
 * The corpus
 */

/* USGS's feed: epoch milliseconds in "time", which must import without asking. */
static void
test_corpus_usgs (void)
{
  g_autoptr (GBytes) bytes = load_corpus ("geojson-4.5_month.geojson");
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  const SitmapFormat *format;
  const SitmapCitationRecord *citations;
  const SitmapEventColumns *columns;
  guint position, n;
  gint64 start, end;

  if (bytes == NULL)
    return;
  format = sitmap_format_detect (bytes, "geojson-4.5_month.geojson", NULL);
  g_assert_cmpstr (format->id, ==, "geojson");
  sitmap_import_begin (import, "4.5_month.geojson", NULL);
  document = format->read (bytes, import, &error);
  g_assert_no_error (error);
  /* python3 -c "import json; d=json.load(open(F)); print(len(d['features']))" → 314, all Points */
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 314);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 0);
  columns = sitmap_document_get_columns (document);
  for (guint i = 0; i < 314; i++)
    {
      g_assert_true (columns->flags[i] & SITMAP_EVENT_FLAG_PLACED);
      g_assert_cmpint (columns->time_precision[i], ==, SITMAP_TIME_PRECISION_EXACT);
    }
  /* min and max of properties.time: 1371763272000 and 1374321680940 ms */
  g_assert_true (sitmap_event_store_get_time_extent (store_of (document), &start, &end));
  g_assert_cmpint (start, ==, 1371763272);
  g_assert_cmpint (end, ==, 1374321680 + 1);
  /* usb000iigv: time 1374321680940 (datetime.utcfromtimestamp → 2013-07-20 12:01:20), [138.5063, -2.2439, 34.89] */
  position = io_find_event (document, "usb000iigv");
  assert_time (document, position, SITMAP_TIME_PRECISION_EXACT, "2013-07-20T12:01:20Z");
  assert_point (document, position, -2.2439, 138.5063);
  /* No title in this feed: the place names the event */
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), position), ==, "234km W of Abepura, Indonesia");
  g_assert_cmpstr (sitmap_event_store_get_place_text (store_of (document), position), ==,
                   "234km W of Abepura, Indonesia");
  g_assert_cmpstr (attribute (document, position, "mag"), ==, "5.2");
  g_assert_cmpstr (attribute (document, position, "updated"), ==, "1374323230746");
  g_assert_null (attribute (document, position, "mmi")); /* null says nothing */
  citations = sitmap_event_store_get_citations (store_of (document), position, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (citations[0].url, ==, "http://earthquake.usgs.gov/earthquakes/eventpage/usb000iigv");
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (document, citations[0].source)), ==,
                   "USGS Magnitude 4.5+ Earthquakes, Past Month");
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "USGS Magnitude 4.5+ Earthquakes, Past Month");
}

/* Nepal's catalogue has no time Sitmap may take without asking: a Bikram Sambat date, a Gregorian local date, and
 * two times of day. The reader asks, guessing the Gregorian date; read again with that choice, every feature comes
 * in, on its day. */
static void
test_corpus_nepal (void)
{
  g_autoptr (GBytes) bytes = load_corpus ("geojson-nepal-earthquakes.geojson");
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapImport) again = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *columns;
  int guess;
  guint position;

  if (bytes == NULL)
    return;
  sitmap_import_begin (import, "earthquakes.geojson", NULL);
  g_assert_null (sitmap_geojson_read (bytes, import, &error));
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING);
  /* python3: list(d['features'][0]['properties']) */
  columns = sitmap_import_get_columns (import);
  g_assert_cmpuint (g_strv_length ((char **) columns), ==, 8);
  g_assert_cmpstr (columns[1], ==, "date_bs");
  guess = sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_DATE);
  g_assert_cmpint (guess, >=, 0);
  g_assert_cmpstr (columns[guess], ==, "date_ad");

  /* What the mapping dialog sends back */
  sitmap_import_begin (again, "earthquakes.geojson", NULL);
  sitmap_import_set_option (again, "date", "date_ad");
  sitmap_import_set_option (again, "title", "epicenter");
  g_clear_error (&error);
  document = sitmap_geojson_read (bytes, again, &error);
  g_assert_no_error (error);
  /* python3: len(d['features']) → 1241, ids 1…1241 all different */
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1241);
  /* id "1": date_ad 2025-03-10 (the local date, kept as written: a date, not a moment), [84.13, 28.28] */
  position = io_find_event (document, "1");
  assert_time (document, position, SITMAP_TIME_PRECISION_DAY, "2025-03-10");
  assert_point (document, position, 28.28, 84.13);
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), position), ==, "Kaski");
  g_assert_cmpstr (attribute (document, position, "date_bs"), ==, "2081-11-26");
  g_assert_cmpstr (attribute (document, position, "utc_time"), ==, "22:26");
  /* min and max of date_ad: 1994-03-08 and 2025-03-10 */
  assert_time (document, 0, SITMAP_TIME_PRECISION_DAY, "1994-03-08");
  assert_time (document, 1240, SITMAP_TIME_PRECISION_DAY, "2025-03-10");
}

/*
 * Geometry
 */

static void
test_geometries (void)
{
  static const char *json =
    "{\"type\":\"FeatureCollection\",\"features\":[\n"
    "{\"type\":\"Feature\",\"id\":\"point\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[38.6,34.8,210]},"
    "\"properties\":null},\n"
    "{\"type\":\"Feature\",\"id\":\"line\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[38,34],[39,35]]},"
    "\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"multiline\",\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":"
    "[[[38,34],[39,35]],[[40,36],[41,36]]]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"polygon\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[30,30],[40,30],[40,40],[30,40],[30,30]],[[32,32],[34,32],[34,34],[32,32]]]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"multipolygon\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":"
    "[[[[0,0],[1,0],[1,1],[0,0]]],[[[10,10],[20,10],[20,20],[10,20],[10,10]]]]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"multipoint\",\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":"
    "[[36,33],[38,33],[37,35],[37,34]]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"multipoint-line\",\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":"
    "[[36,33],[37,34],[38,35]]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"collection\",\"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "{\"type\":\"LineString\",\"coordinates\":[[38,34],[40,34]]},{\"type\":\"Point\",\"coordinates\":[38.5,34.2]}]},"
    "\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"null\",\"geometry\":null,\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"empty\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"id\":\"table\",\"geometry\":null,\"properties\":{\"lat\":\"35.5\",\"lon\":36.25}},\n"
    "{\"type\":\"Point\",\"coordinates\":[1,2]}\n"
    "]}";
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_json (json, &import);
  SitmapEventStore *store = store_of (document);
  SitmapGeometry *shape;
  double south, west, north, east, lat, lon;
  guint n;

  SitmapImportReport *report = sitmap_import_get_report (import);
  guint line = 0;

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 12);
  /* Nothing is left out but the multi-polygon's smaller part, and that is said, with its line. */
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 1);
  g_assert_cmpstr (sitmap_import_report_get_skipped (report, 0, &line, NULL), ==,
                   "1 more part of a MultiPolygon is left out: an event has one area, its largest part");
  g_assert_cmpuint (line, ==, 6);
  assert_point (document, io_find_event (document, "point"), 34.8, 38.6);
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "line"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_LINE);
  assert_point (document, io_find_event (document, "line"), 34.5, 38.5);
  /* A multi-line is a line of several parts */
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "multiline"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_LINE);
  g_assert_cmpuint (sitmap_geometry_get_n_rings (shape), ==, 2);
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "polygon"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_POLYGON);
  g_assert_cmpuint (sitmap_geometry_get_n_rings (shape), ==, 2);
  /* A multi-polygon is its largest part */
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "multipolygon"));
  sitmap_geometry_get_bounds (shape, &south, &west, &north, &east);
  g_assert_cmpfloat (west, ==, 10);
  g_assert_cmpfloat (north, ==, 20);
  /* A multi-point: its first point, and the area the points span (the inner point is not on its edge) */
  assert_point (document, io_find_event (document, "multipoint"), 33, 36);
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "multipoint"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_POLYGON);
  sitmap_geometry_get_ring (shape, 0, &n);
  g_assert_cmpuint (n, ==, 4); /* three corners, closed */
  /* …or the line they lie on */
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "multipoint-line"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_LINE);
  sitmap_geometry_get_ring (shape, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  /* A collection: its point anchors, its line is the shape, whatever their order */
  assert_point (document, io_find_event (document, "collection"), 34.2, 38.5);
  g_assert_cmpint (sitmap_geometry_get_kind (sitmap_event_store_get_geometry (store, io_find_event (document, "collection"))),
                   ==, SITMAP_GEOMETRY_LINE);
  g_assert_false (sitmap_event_store_get_location (store, io_find_event (document, "null"), &lat, &lon));
  g_assert_false (sitmap_event_store_get_location (store, io_find_event (document, "empty"), &lat, &lon));
  /* A table's latitude and longitude place a feature without a geometry, text or number */
  assert_point (document, io_find_event (document, "table"), 35.5, 36.25);
  g_assert_null (attribute (document, io_find_event (document, "table"), "lat"));
}

/* Positions that are not on Earth, or not numbers: the feature is skipped, with where and why, and the number
 * quoted as written. */
static void
test_bad_geometries_skipped (void)
{
  static const char *json =
    "{\"type\":\"FeatureCollection\",\"features\":[\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[38,34]},\"properties\":{}},\n"
    "  {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[38,91.50]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1e999,3]},\"properties\":{}},\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[123456789012345678901234567890,3]}},\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"east\",3]}},\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[3]}},\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Circle\",\"coordinates\":[3,4]}},\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,2]]]}},\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\"}},\n"
    "\"a string\",\n"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2],\"type\":\"Point\"}}\n"
    "]}";
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_json (json, &import);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 10);
  assert_report_line (import, 0, 3, 3, "the latitude 91.50 is out of range");
  assert_report_line (import, 1, 4, 1, "the longitude 1e999 is out of range");
  assert_report_line (import, 2, 5, 1, "the longitude 123456789012345678901234567890 is out of range");
  assert_report_line (import, 3, 6, 1, "something other than numbers");
  assert_report_line (import, 4, 7, 1, "needs a longitude and a latitude");
  assert_report_line (import, 5, 8, 1, "“Circle” is not a GeoJSON geometry type");
  assert_report_line (import, 6, 9, 1, "at least three positions");
  assert_report_line (import, 7, 10, 1, "no “coordinates”");
  assert_report_line (import, 8, 11, 1, "not an object");
  /* The repeated member is where the report points */
  assert_report_line (import, 9, 12, 66, "names the member “type” twice");
}

/*
 * The root
 */

static void
test_roots (void)
{
  g_autoptr (SitmapDocument) feature = read_json (
    "{\"type\":\"Feature\",\"id\":7,\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},"
    "\"properties\":{\"name\":\"Lone\"}}", NULL);
  g_autoptr (SitmapDocument) geometry = read_json ("{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}", NULL);
  g_autoptr (SitmapDocument) array = read_json (
    "[{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"title\":\"a\"}},"
    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"title\":\"b\"}}]", NULL);
  g_autoptr (SitmapDocument) untyped = read_json ("\xEF\xBB\xBF{\"features\":[{\"geometry\":null,\"properties\":{}}]}",
                                                  NULL);

  g_assert_cmpuint (sitmap_document_get_n_events (feature), ==, 1);
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (feature), 0), ==, "Lone");
  g_assert_cmpstr (sitmap_event_store_get_id (store_of (feature), 0), ==, "7");
  g_assert_cmpuint (sitmap_document_get_n_events (geometry), ==, 1);
  g_assert_cmpuint (sitmap_document_get_n_events (array), ==, 2);
  g_assert_cmpuint (sitmap_document_get_n_events (untyped), ==, 1);
}

/* An id is a string or a number, the number as written. */
static void
test_ids (void)
{
  static const char *json =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"id\":\"a-1\",\"geometry\":null,\"properties\":{}},"
    "{\"type\":\"Feature\",\"id\":2147483647,\"geometry\":null,\"properties\":{}},"
    "{\"type\":\"Feature\",\"id\":12345678901234567890123,\"geometry\":null,\"properties\":{}},"
    "{\"type\":\"Feature\",\"id\":1.50,\"geometry\":null,\"properties\":{}},"
    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"id\":\"in-properties\"}},"
    "{\"type\":\"Feature\",\"id\":\"a-1\",\"geometry\":null,\"properties\":{}}"
    "]}";
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_json (json, &import);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 5);
  io_find_event (document, "a-1");
  io_find_event (document, "2147483647");
  io_find_event (document, "12345678901234567890123");
  io_find_event (document, "1.50");
  io_find_event (document, "in-properties");
  g_assert_null (attribute (document, io_find_event (document, "in-properties"), "id"));
  assert_report_line (import, 0, 1, 0, "the same id “a-1” as the one on line 1");
}

/*
 * Time
 */

static void
test_times (void)
{
  static const char *json =
    "{\"type\":\"FeatureCollection\",\"features\":[\n"
    "{\"type\":\"Feature\",\"id\":\"iso\",\"geometry\":null,\"properties\":{\"date\":\"2024-12-10T05:30:00+03:00\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"space\",\"geometry\":null,\"properties\":{\"date\":\"2024-12-10 05:30:00\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"day\",\"geometry\":null,\"properties\":{\"date\":\"2024-12-10\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"gdal\",\"geometry\":null,\"properties\":{\"date\":\"2024/12/10 05:30:00+00\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"year\",\"geometry\":null,\"properties\":{\"date\":2019}},\n"
    "{\"type\":\"Feature\",\"id\":\"seconds\",\"geometry\":null,\"properties\":{\"date\":1733808600}},\n"
    "{\"type\":\"Feature\",\"id\":\"null\",\"geometry\":null,\"properties\":{\"date\":null}},\n"
    "{\"type\":\"Feature\",\"id\":\"bad\",\"geometry\":null,\"properties\":{\"date\":\"2024-13-01\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"true\",\"geometry\":null,\"properties\":{\"date\":true}}\n"
    "]}";
  static const char *spans =
    "{\"type\":\"FeatureCollection\",\"features\":[\n"
    "{\"type\":\"Feature\",\"id\":\"span\",\"geometry\":null,\"properties\":{\"start\":\"2024-12-07\",\"end\":\"2024-12-08\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"open\",\"geometry\":null,\"properties\":{\"start\":\"2019\",\"end\":\"..\"}},\n"
    "{\"type\":\"Feature\",\"id\":\"backwards\",\"geometry\":null,\"properties\":{\"start\":\"2024-12-08\",\"end\":\"2024-12-07\"}}\n"
    "]}";
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapImport) span_import = NULL;
  g_autoptr (SitmapDocument) document = read_json (json, &import);
  g_autoptr (SitmapDocument) span_document = read_json (spans, &span_import);
  SitmapTime time;

  assert_time (document, io_find_event (document, "iso"), SITMAP_TIME_PRECISION_EXACT, "2024-12-10T02:30:00Z");
  assert_time (document, io_find_event (document, "space"), SITMAP_TIME_PRECISION_EXACT, "2024-12-10T05:30:00Z");
  assert_time (document, io_find_event (document, "day"), SITMAP_TIME_PRECISION_DAY, "2024-12-10");
  assert_time (document, io_find_event (document, "gdal"), SITMAP_TIME_PRECISION_EXACT, "2024-12-10T05:30:00Z");
  /* An integer that can only be a year is one; larger numbers are epoch seconds (milliseconds from 10^11) */
  assert_time (document, io_find_event (document, "year"), SITMAP_TIME_PRECISION_YEAR, "2019");
  assert_time (document, io_find_event (document, "seconds"), SITMAP_TIME_PRECISION_EXACT, "2024-12-10T05:30:00Z");
  assert_time (document, io_find_event (document, "null"), SITMAP_TIME_PRECISION_NONE, NULL);
  assert_report_line (import, 0, 9, 1, "“2024-13-01” is not a date");
  assert_report_line (import, 1, 10, 1, "its time is not a text or a number");

  sitmap_event_store_get_time (store_of (span_document), io_find_event (span_document, "span"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpint (time.end, ==, io_time ("2024-12-09"));
  sitmap_event_store_get_time (store_of (span_document), io_find_event (span_document, "open"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpint (time.end, ==, SITMAP_TIME_OPEN_END);
  assert_report_line (span_import, 0, 4, 1, "ends (2024-12-07) before it begins");
}

/* When no property of a usual name reads as a time, but some look like one, the reader asks; when nothing looks
 * like a time, it reads the events undated without asking; the user's choice, "none" included, is taken. */
static void
test_mapping_protocol (void)
{
  static const char *unsure =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"headline\":\"A\",\"reported_on\":\"2024-12-10\","
    "\"acq_date\":\"2024-12-09\",\"count\":3}}]}";
  static const char *timeless =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"name\":\"Homs\",\"population\":775404}}]}";
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapImport) chosen = sitmap_import_new ();
  g_autoptr (SitmapImport) none = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_with (unsure, -1, import, &error);
  g_autoptr (SitmapDocument) undated = read_json (timeless, NULL);
  g_autoptr (SitmapDocument) with_choice = NULL;
  g_autoptr (SitmapDocument) with_none = NULL;
  const char *const *columns = sitmap_import_get_columns (import);

  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING);
  g_assert_cmpstr (columns[0], ==, "headline");
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_TITLE), ==, 0);
  g_assert_cmpint (sitmap_import_get_guess (import, SITMAP_IMPORT_FIELD_DATE), ==, 1);
  g_assert_cmpuint (sitmap_document_get_n_events (undated), ==, 1);

  sitmap_import_set_option (chosen, "date", "acq_date");
  g_clear_error (&error);
  with_choice = read_with (unsure, -1, chosen, &error);
  g_assert_no_error (error);
  assert_time (with_choice, 0, SITMAP_TIME_PRECISION_DAY, "2024-12-09");
  g_assert_cmpstr (attribute (with_choice, 0, "reported_on"), ==, "2024-12-10");
  sitmap_import_set_option (none, "date", "");
  with_none = read_with (unsure, -1, none, &error);
  g_assert_no_error (error);
  assert_time (with_none, 0, SITMAP_TIME_PRECISION_NONE, NULL);
}

/*
 * Properties
 */

static void
test_properties (void)
{
  static const char *json =
    "{\"type\":\"FeatureCollection\",\"name\":\"Layer\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"title\":\"  \",\"name\":\"Named\","
    "\"description\":\"<p>Seen <a href=\\\"https://x.example/\\\">here</a></p>\",\"event_type\":\"Battles\","
    "\"fatalities\":4,\"source\":\"SOHR\",\"url\":\"https://sohr.example/1\",\"tags\":[\"a\",\"b\"],"
    "\"nested\":{\"k\":[1,2]},\"flag\":true,\"ratio\":0.1,\"none\":null,\"text\":\"x\\u0000y\\ud800z\"}},"
    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"title\":\"Other\",\"event_type\":\"Earthquake\"}}"
    "]}";
  g_autoptr (SitmapDocument) document = read_json (json, NULL);
  SitmapEventStore *store = store_of (document);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const SitmapCitationRecord *citations;
  guint n, first = 0, second = 1;
  g_autofree const char **attributes = NULL;
  const char *text;

  if (g_strcmp0 (sitmap_event_store_get_title (store, 0), "Other") == 0)
    first = 1, second = 0;
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "Layer");
  /* "title" is the title property of this file; a blank one is no title, and "name" stays what it is */
  g_assert_null (sitmap_event_store_get_title (store, first));
  g_assert_cmpint (columns->category[first], ==, SITMAP_CATEGORY_BATTLE);
  g_assert_cmpint (columns->fatalities[first], ==, 4);
  citations = sitmap_event_store_get_citations (store, first, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (citations[0].url, ==, "https://sohr.example/1");
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (document, citations[0].source)), ==, "SOHR");
  attributes = io_dup_attributes (store, first, &n);
  g_assert_cmpstr (attribute (document, first, "name"), ==, "Named");
  g_assert_cmpstr (attribute (document, first, "nested"), ==, "{\"k\":[1,2]}");
  g_assert_cmpstr (attribute (document, first, "flag"), ==, "true");
  g_assert_cmpstr (attribute (document, first, "ratio"), ==, "0.1");
  g_assert_null (attribute (document, first, "none"));
  /* \u0000 and a lone surrogate, which json-glib would cut at or make invalid UTF-8 of, are U+FFFD */
  text = attribute (document, first, "text");
  g_assert_cmpstr (text, ==, "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
  /* An array of texts is a repeated attribute */
  for (guint i = 0, tags = 0; i < n; i++)
    if (strcmp (attributes[2 * i], "tags") == 0)
      g_assert_cmpstr (attributes[2 * i + 1], ==, tags++ == 0 ? "a" : "b");
  /* A type that is none of Sitmap's categories is kept as written */
  g_assert_cmpint (columns->category[second], ==, SITMAP_CATEGORY_OTHER);
  g_assert_cmpstr (attribute (document, second, "event_type"), ==, "Earthquake");
}

static void
test_crs (void)
{
  static const char *mercator =
    "{\"type\":\"FeatureCollection\",\n\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},"
    "\"features\":[]}";
  static const char *crs84 =
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
    "\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":[]}";
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) refused = read_with (mercator, -1, import, &error);
  g_autoptr (SitmapDocument) read = read_json (crs84, NULL);

  g_assert_null (refused);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_INVALID_VALUE);
  io_assert_message_has_position (error->message, "data.geojson", 2, 7);
  g_assert_nonnull (strstr (error->message, "“urn:ogc:def:crs:EPSG::3857”"));
  g_assert_nonnull (read);
}

/*
 * Hostile and broken files: refused with line and column, never a crash or a stall
 */

static void
assert_refused (const char *text, gssize length, int code, int line, int column, const char *words)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_with (text, length, import, &error);

  g_assert_null (document);
  if (!g_error_matches (error, SITMAP_DOCUMENT_ERROR, code))
    g_error ("expected error %d, got %s", code, error ? error->message : "none");
  io_assert_message_has_position (error->message, "data.geojson", line, column);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_hostile_syntax (void)
{
  const int M = SITMAP_DOCUMENT_ERROR_MALFORMED;

  assert_refused ("{\"type\":\"FeatureCollection\",\"features\":[{\"a\":NaN}]}", -1, M, 1, 46, "NaN and Infinity");
  assert_refused ("[Infinity]", -1, M, 1, 2, "NaN and Infinity");
  assert_refused ("[-Infinity]", -1, M, 1, 2, "NaN and Infinity");
  assert_refused ("{\"type\":\"Feature\" /* c */}", -1, M, 1, 19, "no comments");
  assert_refused ("{'type':'Feature'}", -1, M, 1, 2, "single quotes");
  assert_refused ("[1,2,]", -1, M, 1, 6, "before the end of an array");
  assert_refused ("{\"a\":1,}", -1, M, 1, 8, "before the end of an object");
  assert_refused ("[01]", -1, M, 1, 2, "begins with a zero");
  assert_refused ("{\"type\":\"Feature\"} {}", -1, M, 1, 20, "more after the end");
  assert_refused ("{\"type\":\"Feature\",\n\"type\":\"Feature\"}", -1, M, 2, 1, "“type” is given twice");
  assert_refused ("[\"a\tb\"]", -1, M, 1, 4, "control character U+0009");
  assert_refused ("[\"caf\xE9\"]", -1, M, 1, 6, "not valid UTF-8");
  assert_refused ("\xFF\xFE[\0]\0", 6, M, 1, 1, "UTF-16");
  assert_refused ("{\"type\":\"FeatureCollection\",\"features\":[", -1, M, 1, 41, "cut short");
  assert_refused ("[\"open", -1, M, 1, 2, "not closed");
  assert_refused ("[\"\\x\"]", -1, M, 1, 3, "begins no escape");
  assert_refused ("   ", -1, M, 1, 4, "no JSON value");
  assert_refused ("\"just text\"", -1, SITMAP_DOCUMENT_ERROR_NOT_KML, 1, 1, "not GeoJSON");
  assert_refused ("{\"type\":\"Topology\"}", -1, SITMAP_DOCUMENT_ERROR_NOT_KML, 1, 1, "“Topology”");
}

/* A million levels of nesting: json-glib would recurse a million frames deep; the scan refuses it at level 101. */
static void
test_hostile_depth (void)
{
  const gsize depth = 1000000;
  g_autofree char *text = g_malloc (2 * depth);

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  assert_refused (text, 2 * depth, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1, SITMAP_JSON_MAX_DEPTH + 1, "nested more than");
}

/* A string far beyond any real one is refused once it passes the limit, without reading it whole; a number of a
 * thousand digits too. */
static void
test_hostile_sizes (void)
{
  gsize length = 64 * 1024 * 1024;
  g_autofree char *text = g_malloc (length);
  g_autoptr (GString) number = g_string_new ("[");

  memset (text, 'a', length);
  memcpy (text, "{\"a\":\"", 6);
  memcpy (text + length - 2, "\"}", 2);
  assert_refused (text, length, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1, 6, "longer than 10 MB");
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (number, '7');
  g_string_append_c (number, ']');
  assert_refused (number->str, number->len, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1, 2, "more than 1024 characters");
}

/* Numbers json-glib would read wrongly are read as written, wherever they are. */
static void
test_scan_numbers (void)
{
  static const char *text = "[1, -9223372036854775808, 9223372036854775808, 1e308, 1.8e308, 0.1e310, \"1e999\"]";
  g_auto (SitmapJsonScan) scan = { 0 };
  g_auto (SitmapJsonProblem) problem = { 0 };
  g_autoptr (GString) mended = NULL;

  g_assert_true (sitmap_json_scan (text, strlen (text), NULL, NULL, NULL, &scan, &problem));
  g_assert_cmpuint (scan.features->len, ==, 7);
  g_assert_cmpuint (g_array_index (scan.features, SitmapJsonSpan, 0).flags, ==, 0);
  g_assert_cmpuint (g_array_index (scan.features, SitmapJsonSpan, 1).flags, ==, 0);
  g_assert_cmpuint (g_array_index (scan.features, SitmapJsonSpan, 2).flags, ==, SITMAP_JSON_SPAN_BIG_NUMBER);
  g_assert_cmpuint (g_array_index (scan.features, SitmapJsonSpan, 3).flags, ==, 0);
  g_assert_cmpuint (g_array_index (scan.features, SitmapJsonSpan, 4).flags, ==, SITMAP_JSON_SPAN_BIG_NUMBER);
  g_assert_cmpuint (g_array_index (scan.features, SitmapJsonSpan, 5).flags, ==, SITMAP_JSON_SPAN_BIG_NUMBER);
  mended = sitmap_json_scan_sanitize (text, &scan.root);
  g_assert_cmpstr (mended->str, ==,
                   "[1, -9223372036854775808, \"9223372036854775808\", 1e308, \"1.8e308\", \"0.1e310\", \"1e999\"]");
}

/* A file of one feature repeated with a member named twice in each: linear, not quadratic, in members. */
static void
test_hostile_many_members (void)
{
  g_autoptr (GString) json = g_string_new ("{\"type\":\"Feature\",\"geometry\":null,\"properties\":{");
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (json, "%s\"p%u\":%u", i ? "," : "", i, i);
  g_string_append (json, "}}");
  document = read_json (json->str, &import);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  /* Attributes beyond the first thousand are left out */
  {
    g_assert_cmpuint (sitmap_event_store_get_n_attributes (store_of (document), 0), ==, 1000);
  }
}

/* A cancelled import gives nothing and says it was cancelled. */
static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  static const char *json = "[{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}]";
  g_autoptr (GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  sitmap_import_begin (import, "data.geojson", cancellable);
  g_assert_null (sitmap_geojson_read (bytes, import, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A collection of n point features, one a line from line 2, feature i named "Event i". */
static GString *
many_features (guint n, guint duplicate, guint out_of_range)
{
  GString *json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "{\"type\": \"Feature\", \"id\": \"ev-%u\", \"geometry\": {\"type\": \"Point\", "
                            "\"coordinates\": [38.5, %s]}, \"properties\": {\"name\": \"Event %u\"%s, "
                            "\"date\": \"2024-12-0%u\", \"count\": %s}}%s\n",
                            i, i == out_of_range ? "123.0" : "34.5", i, i == duplicate ? ", \"name\": \"again\"" : "",
                            1 + i % 9, i == 7 ? "123456789012345678901234567890" : "1", i + 1 < n ? "," : "");
  g_string_append (json, "]}\n");
  return json;
}

/* Many features are parsed in a thread ahead of the reader: the same events, in order, and the same skips
 * at the same lines, as a few read one by one. */
static void
test_many_features (void)
{
  const guint n = 6000, duplicate = 1000, out_of_range = 4321;
  g_autoptr (GString) json = many_features (n, duplicate, out_of_range);
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_json (json->str, &import);
  SitmapImportReport *report = sitmap_import_get_report (import);
  g_autoptr (SitmapEvent) seventh = NULL;

  g_assert_cmpuint (n, >=, SITMAP_GEOJSON_PARSE_AHEAD_MIN_FEATURES);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, n - 2);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 2);
  io_assert_skipped (report, duplicate + 2, 0, "twice");
  io_assert_skipped (report, out_of_range + 2, 0, "123");
  seventh = sitmap_document_get_event (document, io_find_event (document, "ev-7"));
  g_assert_cmpstr (sitmap_event_get_title (seventh), ==, "Event 7");
  io_find_event (document, "ev-5999");
}

/* The thread stops wherever it is when the reader wants no more, and nothing it parsed is left behind. */
static void
test_parse_ahead_stops (void)
{
  g_autoptr (GString) json = many_features (5000, G_MAXUINT, G_MAXUINT);
  g_auto (SitmapJsonScan) scan = { 0 };
  g_auto (SitmapJsonProblem) problem = { 0 };
  SitmapGeojsonParseAhead *ahead;

  g_assert_true (sitmap_json_scan (json->str, json->len, NULL, NULL, NULL, &scan, &problem));
  g_assert_cmpuint (scan.features->len, ==, 5000);
  ahead = sitmap_geojson_parse_ahead_start (json->str, scan.features);
  g_assert_nonnull (ahead);
  for (guint i = 0; i < 10; i++)
    {
      JsonNode *node = sitmap_geojson_parse_ahead_next (ahead);

      g_assert_nonnull (node);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      sitmap_geojson_parse_ahead_done (ahead, node);
    }
  /* Some trees are parsed and unread, the thread waits for room: freeing stops it */
  g_usleep (50 * 1000);
  sitmap_geojson_parse_ahead_free (ahead);
}

static void
test_detection (void)
{
  static const struct
  {
    const char *text;
    const char *name;
    const char *id;
  } cases[] = {
    { "{\"type\":\"FeatureCollection\",\"features\":[]}", "download.dat", "geojson" },
    { "\xEF\xBB\xBF {\"type\": \"Feature\"}", "x", "geojson" },
    { "[{\"geometry\":{\"coordinates\":[1,2]}}]", "x", "geojson" },
    { "{\"anything\":1}", "places.json", "geojson" },
    { "<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>", "a.json", "kml" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      const SitmapFormat *format = sitmap_format_detect (bytes, cases[i].name, NULL);

      g_assert_nonnull (format);
      g_assert_cmpstr (format->id, ==, cases[i].id);
    }
}

/*
 * Writing
 */

/* Whether two shapes are the same, a ring written the other way round included: RFC 7946 fixes the winding. */
static gboolean
same_shape (SitmapGeometry *a, SitmapGeometry *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (sitmap_geometry_get_kind (a) != sitmap_geometry_get_kind (b) ||
      sitmap_geometry_get_n_rings (a) != sitmap_geometry_get_n_rings (b))
    return FALSE;
  for (guint r = 0; r < sitmap_geometry_get_n_rings (a); r++)
    {
      guint na, nb;
      const double *pa = sitmap_geometry_get_ring (a, r, &na), *pb = sitmap_geometry_get_ring (b, r, &nb);
      gboolean forward = TRUE, backward = TRUE;

      if (na != nb)
        return FALSE;
      for (guint i = 0; i < na; i++)
        {
          forward &= pa[2 * i] == pb[2 * i] && pa[2 * i + 1] == pb[2 * i + 1];
          backward &= pa[2 * i] == pb[2 * (na - 1 - i)] && pa[2 * i + 1] == pb[2 * (na - 1 - i) + 1];
        }
      if (!forward && !backward)
        return FALSE;
    }
  return TRUE;
}

static void
assert_time_same (const SitmapTime *a, const SitmapTime *b)
{
  g_assert_cmpint (a->precision, ==, b->precision);
  if (a->precision == SITMAP_TIME_PRECISION_NONE)
    return;
  g_assert_cmpint (a->start, ==, b->start);
  g_assert_cmpint (a->end, ==, b->end);
  g_assert_cmpint (a->start_unit, ==, b->start_unit);
  g_assert_cmpint (a->end_unit, ==, b->end_unit);
}

static char *
dup_group_path (SitmapEventStore *store, guint position)
{
  guint group = sitmap_event_store_get_group (store, position);
  GString *path = g_string_new (NULL);

  while (group != 0)
    {
      guint parent = 0;

      g_string_prepend (path, sitmap_event_store_get_group_name (store, group, &parent));
      g_string_prepend_c (path, '/');
      group = parent;
    }
  return g_string_free (path, FALSE);
}

static void
assert_source_same (SitmapSource *a, SitmapSource *b)
{
  g_assert_cmpstr (sitmap_source_get_id (a), ==, sitmap_source_get_id (b));
  g_assert_cmpstr (sitmap_source_get_name (a), ==, sitmap_source_get_name (b));
  g_assert_cmpstr (sitmap_source_get_abbreviation (a), ==, sitmap_source_get_abbreviation (b));
  g_assert_cmpint (sitmap_source_get_kind (a), ==, sitmap_source_get_kind (b));
  g_assert_cmpint (sitmap_source_get_reliability (a), ==, sitmap_source_get_reliability (b));
  g_assert_cmpint (sitmap_source_get_party (a), ==, sitmap_source_get_party (b));
  g_assert_cmpstr (sitmap_source_get_url (a), ==, sitmap_source_get_url (b));
  g_assert_cmpstr (sitmap_source_get_note (a), ==, sitmap_source_get_note (b));
}

static void
assert_citations_same (SitmapDocument *a, guint pa, SitmapDocument *b, guint pb)
{
  guint na, nb;
  const SitmapCitationRecord *ca = sitmap_event_store_get_citations (store_of (a), pa, &na);
  const SitmapCitationRecord *cb = sitmap_event_store_get_citations (store_of (b), pb, &nb);

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      assert_source_same (sitmap_document_get_source (a, ca[i].source), sitmap_document_get_source (b, cb[i].source));
      g_assert_cmpuint (ca[i].via > 0, ==, cb[i].via > 0);
      if (ca[i].via > 0)
        assert_source_same (sitmap_document_get_source (a, ca[i].via - 1),
                            sitmap_document_get_source (b, cb[i].via - 1));
      g_assert_cmpstr (ca[i].url, ==, cb[i].url);
      g_assert_cmpstr (ca[i].paraphrase, ==, cb[i].paraphrase);
      assert_time_same (&ca[i].published, &cb[i].published);
      assert_time_same (&ca[i].accessed, &cb[i].accessed);
      g_assert_cmpint (ca[i].credibility, ==, cb[i].credibility);
    }
}

/* Everything a user sees of an event: the same in b as in a, events matched by id (or by position when they
 * have none). */
static void
assert_events_alike (SitmapDocument *a, SitmapDocument *b)
{
  SitmapEventStore *sa = store_of (a), *sb = store_of (b);
  const SitmapEventColumns *ca = sitmap_document_get_columns (a), *cb = sitmap_document_get_columns (b);

  g_assert_cmpuint (sitmap_document_get_n_events (a), ==, sitmap_document_get_n_events (b));
  for (guint i = 0; i < ca->n_events; i++)
    {
      const char *id = sitmap_event_store_get_id (sa, i);
      guint j = id ? io_find_event (b, id) : i;
      guint place = sitmap_event_store_get_place (sa, i);
      const char *place_text = sitmap_event_store_get_place_text (sa, i);
      SitmapTime ta, tb;
      double lat_a = NAN, lon_a = NAN, lat_b = NAN, lon_b = NAN;
      guint n_a, n_b;
      const char *const *attributes_a, *const *attributes_b;
      const SitmapFigure *figures_a, *figures_b;
      g_autofree char *group_a = dup_group_path (sa, i), *group_b = dup_group_path (sb, j);

      g_assert_cmpstr (sitmap_event_store_get_title (sa, i), ==, sitmap_event_store_get_title (sb, j));
      g_assert_cmpstr (sitmap_event_store_get_summary (sa, i), ==, sitmap_event_store_get_summary (sb, j));
      if (place_text == NULL && place > 0)
        place_text = sitmap_place_get_name (sitmap_document_get_place (a, place - 1));
      g_assert_cmpstr (place_text, ==, sitmap_event_store_get_place_text (sb, j));
      sitmap_event_store_get_time (sa, i, &ta);
      sitmap_event_store_get_time (sb, j, &tb);
      assert_time_same (&ta, &tb);
      g_assert_cmpint (ca->category[i], ==, cb->category[j]);
      g_assert_cmpint (ca->location_precision[i], ==, cb->location_precision[j]);
      g_assert_cmpint (ca->fatalities[i], ==, cb->fatalities[j]);
      g_assert_cmpint (ca->flags[i] & (SITMAP_EVENT_FLAG_PLACED | SITMAP_EVENT_FLAG_AREA | SITMAP_EVENT_FLAG_LINE |
                                       SITMAP_EVENT_FLAG_PARTY_ONLY),
                       ==,
                       cb->flags[j] & (SITMAP_EVENT_FLAG_PLACED | SITMAP_EVENT_FLAG_AREA | SITMAP_EVENT_FLAG_LINE |
                                       SITMAP_EVENT_FLAG_PARTY_ONLY));
      g_assert_cmpint (sitmap_event_store_get_location (sa, i, &lat_a, &lon_a), ==,
                       sitmap_event_store_get_location (sb, j, &lat_b, &lon_b));
      if (!isnan (lat_a))
        {
          g_assert_cmpfloat (lat_a, ==, lat_b);
          g_assert_cmpfloat (lon_a, ==, lon_b);
        }
      g_assert_true (same_shape (sitmap_event_store_get_geometry (sa, i), sitmap_event_store_get_geometry (sb, j)));
      g_assert_cmpuint (sitmap_event_store_get_radius (sa, i), ==, sitmap_event_store_get_radius (sb, j));
      attributes_a = sitmap_event_store_get_actors (sa, i, &n_a);
      attributes_b = sitmap_event_store_get_actors (sb, j, &n_b);
      g_assert_cmpuint (n_a, ==, n_b);
      for (guint k = 0; k < n_a; k++)
        g_assert_cmpstr (attributes_a[k], ==, attributes_b[k]);
      figures_a = sitmap_event_store_get_figures (sa, i, &n_a);
      figures_b = sitmap_event_store_get_figures (sb, j, &n_b);
      g_assert_cmpuint (n_a, ==, n_b);
      for (guint k = 0; k < n_a; k++)
        {
          g_assert_cmpint (figures_a[k].kind, ==, figures_b[k].kind);
          g_assert_cmpint (figures_a[k].qualifier, ==, figures_b[k].qualifier);
          g_assert_cmpint (figures_a[k].min, ==, figures_b[k].min);
          g_assert_cmpint (figures_a[k].max, ==, figures_b[k].max);
          g_assert_cmpstr (figures_a[k].text, ==, figures_b[k].text);
        }
      assert_citations_same (a, i, b, j);
      {
        g_autofree const char **pairs_a = io_dup_attributes (sa, i, &n_a);
        g_autofree const char **pairs_b = io_dup_attributes (sb, j, &n_b);

        g_assert_cmpuint (n_a, ==, n_b);
        /* In the order of their first names: repeated names are written together */
        for (guint k = 0; k < n_a; k++)
          {
            gboolean found = FALSE;

            for (guint m = 0; m < n_b && !found; m++)
              found = strcmp (pairs_a[2 * k], pairs_b[2 * m]) == 0 && strcmp (pairs_a[2 * k + 1], pairs_b[2 * m + 1]) == 0;
            if (!found)
              g_error ("attribute %s = %s is lost", pairs_a[2 * k], pairs_a[2 * k + 1]);
          }
      }
      g_assert_cmpstr (group_a, ==, group_b);
    }
}

static SitmapDocument *
read_written (GBytes *bytes, const char *name)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  SitmapDocument *document;

  sitmap_import_begin (import, name, NULL);
  document = sitmap_geojson_read (bytes, import, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 0);
  return document;
}

/* Attributes of every awkward kind: names a reader would take for a field, repeated names, numbers written as
 * text, text that must be escaped, and a multi-point's area beside its anchor. */
static SitmapDocument *
make_attribute_document (void)
{
  static const char *json =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"id\":\"attributes\",\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":"
    "[[36,33],[38,33],[37,35]]},\"properties\":{\"title\":\"Attributes\",\"time\":\"2024-12\","
    "\"attribute:date\":\"not a date\",\"name\":\"also a title word\",\"tags\":[\"x\",\"y\"],"
    "\"count\":\"0042\",\"n\":5,\"yes\":true,\"quote\":\"a\\\"b\\\\c\\n\\u2028\"}}]}";
  g_autoptr (GString) many = g_string_new (json);
  SitmapDocument *document;

  /* …and a feature with more attributes than the writer looks through one by one, names repeated among them */
  g_string_truncate (many, many->len - 2);
  g_string_append (many, ",{\"type\":\"Feature\",\"id\":\"many\",\"geometry\":null,\"properties\":{");
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (many, "%s\"p%u\":\"v%u\"", i ? "," : "", i, i);
  g_string_append (many, ",\"list\":[\"a\",\"b\",\"c\"]}}]}");
  document = read_json (many->str, NULL);
  g_assert_cmpstr (attribute (document, io_find_event (document, "attributes"), "date"), ==, "not a date");
  g_assert_cmpstr (attribute (document, io_find_event (document, "attributes"), "name"), ==, "also a title word");
  return document;
}

static void
test_write_round_trip (void)
{
  g_autoptr (SitmapDocument) kml = io_test_read_data ("full-format.kml");
  g_autoptr (SitmapDocument) demo = NULL;
  g_autoptr (SitmapDocument) rich = make_attribute_document ();
  g_autoptr (GError) error = NULL;
  const char *demo_path = g_getenv ("SITMAP_DEMO");
  SitmapDocument *originals[3] = { kml, NULL, rich };

  g_assert_nonnull (demo_path);
  {
    g_autoptr (GFile) file = g_file_new_for_path (demo_path);

    demo = sitmap_kml_read_file (file, NULL, &error);
    g_assert_no_error (error);
    originals[1] = demo;
  }
  for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
    {
      g_autoptr (GBytes) bytes = sitmap_geojson_write_bytes (originals[i], NULL, &error);
      g_autoptr (SitmapDocument) copy = NULL;
      g_autoptr (GBytes) again = NULL;

      g_assert_no_error (error);
      copy = read_written (bytes, "written.geojson");
      assert_events_alike (originals[i], copy);
      g_assert_cmpstr (sitmap_document_get_own_title (originals[i]), ==, sitmap_document_get_own_title (copy));
      /* Written again, the same bytes: nothing drifts from one save to the next */
      again = sitmap_geojson_write_bytes (copy, NULL, &error);
      g_assert_true (g_bytes_equal (bytes, again));
    }
}

/* The text is JSON json-glib reads, RFC 7946's shape: polygons anticlockwise, numbers short and exact. */
static void
test_write_form (void)
{
  g_autoptr (SitmapDocument) document = read_json (
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"p\",\"geometry\":"
    "{\"type\":\"Polygon\",\"coordinates\":[[[30,30],[30,40],[40,40],[40,30],[30,30]]]},\"properties\":"
    "{\"title\":\"Area\",\"score\":\"0.1\",\"title2\":\"x\"}},{\"type\":\"Feature\",\"id\":\"q\",\"geometry\":"
    "{\"type\":\"Point\",\"coordinates\":[38.3728,15.7213]},\"properties\":{\"title\":\"Point\"}}]}", NULL);
  g_autoptr (GBytes) bytes = sitmap_geojson_write_bytes (document, NULL, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GBytes) subset = NULL;
  g_autoptr (SitmapDocument) subset_document = NULL;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  JsonObject *root, *feature;
  JsonArray *ring;
  double area = 0;

  g_assert_true (json_parser_load_from_data (parser, text, length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  feature = json_array_get_object_element (json_object_get_array_member (root, "features"),
                                           io_find_event (document, "p"));
  ring = json_array_get_array_element (
    json_object_get_array_member (json_object_get_object_member (feature, "geometry"), "coordinates"), 0);
  for (guint i = 0; i + 1 < json_array_get_length (ring); i++)
    {
      JsonArray *p = json_array_get_array_element (ring, i), *q = json_array_get_array_element (ring, i + 1);

      area += json_array_get_double_element (p, 0) * json_array_get_double_element (q, 1) -
              json_array_get_double_element (q, 0) * json_array_get_double_element (p, 1);
    }
  g_assert_cmpfloat (area, >, 0);
  /* The shortest text for each number, and an attribute that is a number written as one */
  g_assert_nonnull (strstr (text, "[38.3728,15.7213]"));
  g_assert_nonnull (strstr (text, "\"score\":0.1"));
  /* Some events only */
  g_array_append_val (positions, (guint32) { io_find_event (document, "q") });
  subset = sitmap_geojson_write_bytes (document, positions, NULL);
  subset_document = read_written (subset, "subset.geojson");
  g_assert_cmpuint (sitmap_document_get_n_events (subset_document), ==, 1);
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (subset_document), 0), ==, "Point");
}

/* A write that fails leaves the file as it was. */
static void
test_write_atomic (void)
{
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-geojson-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "events.geojson", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;
  const SitmapFormat *format = sitmap_format_find ("geojson");

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (format->write (document, NULL, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_error (&error);
  g_assert_true (format->write (document, NULL, file, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
}

/*
 * GDAL
 */

static char *
run (const char *const *argv)
{
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s\n%s", argv[0], output, errors);
  return g_steal_pointer (&output);
}

static void
assert_lists (const char *output, const char *expected)
{
  if (strstr (output, expected) == NULL)
    g_error ("ogrinfo does not list “%s”:\n%s", expected, output);
}

/* What Sitmap writes, GDAL reads; what GDAL writes back from it, Sitmap reads as it was. */
static void
test_gdal_round_trip (void)
{
  g_autoptr (SitmapDocument) document = io_test_read_data ("full-format.kml");
  g_autoptr (SitmapDocument) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-geojson-gdal-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "events.geojson", NULL);
  g_autofree char *gdal_path = g_build_filename (dir, "gdal.geojson", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *output = NULL;
  g_autofree char *count = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *data;
  gsize length;

  g_assert_nonnull (ogrinfo);
  g_assert_nonnull (ogr2ogr);
  g_assert_true (sitmap_geojson_write_events_file (document, NULL, file, NULL, &error));
  g_assert_no_error (error);
  output = run ((const char *const[]) { ogrinfo, "-ro", "-al", path, NULL });
  count = g_strdup_printf ("Feature Count: %u", sitmap_document_get_n_events (document));
  assert_lists (output, count);
  assert_lists (output, "title (String) = Soldiers killed near As-Sukhnah");
  assert_lists (output, "time (String) = 2024-12-10");
  assert_lists (output, "time_end (String) = 2024-12-08");
  assert_lists (output, "category (String) = battle");
  assert_lists (output, "POINT (38.7 34.8)");
  assert_lists (output, "LINESTRING (38.1 34.6,38.2 34.65,38.3 34.7)");
  assert_lists (output, "POLYGON ((37 33,40 33,40 35,37 35,37 33),(38 34,");
  assert_lists (output, "GEOMETRYCOLLECTION (POINT (38.5 34.7),LINESTRING (38.284 34.5624,");

  g_free (run ((const char *const[]) { ogr2ogr, "-f", "GeoJSON", gdal_path, path, NULL }));
  g_assert_true (g_file_get_contents (gdal_path, &data, &length, NULL));
  bytes = g_bytes_new_take (data, length);
  back = read_written (bytes, "gdal.geojson");
  assert_events_alike (document, back);
  g_unlink (path);
  g_unlink (gdal_path);
  g_rmdir (dir);
}

/* A property with no name ("", or the attribute prefix alone) is no attribute, and the feature is read.
 * (Found by fuzz-geojson: it reached sitmap_event_draft_add_attribute(), which refuses an empty name with
 * a critical.) */
static void
test_nameless_property (void)
{
  g_autoptr (SitmapDocument) document = read_json (
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [36.7, 34.7]},"
    " \"properties\": {\"\": \"x\", \"attribute:\": 2, \"time\": \"2024-12-10\", \"kept\": \"y\"}}",
    NULL);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpuint (sitmap_event_store_get_n_attributes (store_of (document), 0), ==, 1);
  g_assert_cmpstr (attribute (document, 0, "kept"), ==, "y");
}

/* The mapping question quotes the property it guesses as every message quotes a file's text. (Found by
 * fuzz-geojson: a DEL in the name reached the question raw.) */
static void
test_mapping_question_quoted (void)
{
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_with (
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [36.7, 34.7]},"
    " \"properties\": {\"date\\u007f\\u202ead\": \"2024-12-10\"}}",
    -1, import, &error);

  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_NEEDS_MAPPING);
  g_assert_nonnull (strstr (error->message, "“date\\u{007F}\\u{202E}ad”"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ogrinfo = argc > 1 ? argv[1] : NULL;
  ogr2ogr = argc > 2 ? argv[2] : NULL;

  g_test_add_func ("/geojson/corpus/usgs", test_corpus_usgs);
  g_test_add_func ("/geojson/corpus/nepal", test_corpus_nepal);
  g_test_add_func ("/geojson/geometries", test_geometries);
  g_test_add_func ("/geojson/bad-geometries-skipped", test_bad_geometries_skipped);
  g_test_add_func ("/geojson/roots", test_roots);
  g_test_add_func ("/geojson/ids", test_ids);
  g_test_add_func ("/geojson/nameless-property", test_nameless_property);
  g_test_add_func ("/geojson/mapping-question-quoted", test_mapping_question_quoted);
  g_test_add_func ("/geojson/times", test_times);
  g_test_add_func ("/geojson/mapping-protocol", test_mapping_protocol);
  g_test_add_func ("/geojson/properties", test_properties);
  g_test_add_func ("/geojson/crs", test_crs);
  g_test_add_func ("/geojson/hostile/syntax", test_hostile_syntax);
  g_test_add_func ("/geojson/hostile/depth", test_hostile_depth);
  g_test_add_func ("/geojson/hostile/sizes", test_hostile_sizes);
  g_test_add_func ("/geojson/hostile/many-members", test_hostile_many_members);
  g_test_add_func ("/geojson/scan/numbers", test_scan_numbers);
  g_test_add_func ("/geojson/detection", test_detection);
  g_test_add_func ("/geojson/cancelled", test_cancelled);
  g_test_add_func ("/geojson/many-features", test_many_features);
  g_test_add_func ("/geojson/parse-ahead-stops", test_parse_ahead_stops);
  g_test_add_func ("/geojson/write/round-trip", test_write_round_trip);
  g_test_add_func ("/geojson/write/form", test_write_form);
  g_test_add_func ("/geojson/write/atomic", test_write_atomic);
  g_test_add_func ("/geojson/write/gdal", test_gdal_round_trip);
  return g_test_run ();
}
