/* test-kml-reader.c: what a user sees of every feature of the format, read from KML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "io-test-util.h"
#include "sitmap-event.h"
#include "sitmap-undo-stack.h"

#define DAY 86400

static SitmapDocument *fixture;

static SitmapEventStore *
store (void)
{
  return sitmap_document_get_store (fixture);
}

static void
assert_time (guint position, SitmapTimePrecision precision, const char *start, SitmapTimeUnit start_unit,
             gint64 end, SitmapTimeUnit end_unit)
{
  SitmapTime time;

  sitmap_event_store_get_time (store (), position, &time);
  g_assert_cmpint (time.precision, ==, precision);
  g_assert_cmpint (time.start, ==, start ? io_time (start) : SITMAP_TIME_OPEN_START);
  g_assert_cmpint (time.end, ==, end);
  g_assert_cmpint (time.start_unit, ==, start_unit);
  g_assert_cmpint (time.end_unit, ==, end_unit);
}

static void
assert_location (guint position, double latitude, double longitude)
{
  double lat, lon;

  g_assert_true (sitmap_event_store_get_location (store (), position, &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, latitude, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon, longitude, 1e-12);
}

static const char *
place_of (guint position)
{
  guint place = sitmap_event_store_get_place (store (), position);

  return place ? sitmap_place_get_id (sitmap_document_get_place (fixture, place - 1)) : NULL;
}

/*
 * The rich fixture
 */

static void
test_document (void)
{
  const SitmapDocumentView *view = sitmap_document_get_view (fixture);

  g_assert_cmpstr (sitmap_document_get_title (fixture), ==, "Format test: central Syria");
  g_assert_cmpstr (sitmap_document_get_description (fixture), ==,
                   "A document that uses every part of the format.\n"
                   "Second line & an ampersand, <angle brackets> kept as text.");
  /* sitmap:view wins over the LookAt */
  g_assert_true (view->has_position);
  g_assert_cmpfloat (view->latitude, ==, 34.7);
  g_assert_cmpfloat (view->longitude, ==, 38.6);
  g_assert_cmpfloat (view->zoom, ==, 6.5);
  g_assert_true (view->has_time);
  g_assert_cmpint (view->from, ==, io_time ("2011-01-01"));
  g_assert_cmpint (view->to, ==, io_time ("2025-01-01"));
  g_assert_cmpuint (sitmap_document_get_n_events (fixture), ==, 14);
  g_assert_cmpuint (sitmap_document_get_columns (fixture)->n_dated, ==, 12);
}

/* "HTS offensive, 27 Nov – 8 Dec": every part of a named view, and one with nothing but a name. */
static void
test_named_views (void)
{
  GListModel *views = sitmap_document_get_named_views (fixture);
  g_autoptr (SitmapNamedView) full = NULL;
  g_autoptr (SitmapNamedView) bare = NULL;
  const SitmapFilter *filter;
  const char *const *values;
  gint64 start, end;
  guint n;

  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 2);
  full = g_list_model_get_item (views, 0);
  g_assert_cmpstr (sitmap_named_view_get_name (full), ==, "HTS offensive, 27 Nov – 8 Dec");
  g_assert_true (sitmap_named_view_get_range (full, &start, &end));
  g_assert_cmpint (start, ==, io_time ("2024-11-27T00:00:00Z"));
  g_assert_cmpint (end, ==, io_time ("2024-12-09T00:00:00Z"));
  g_assert_cmpint (sitmap_named_view_get_range_rule (full), ==, SITMAP_RANGE_WITHIN);
  filter = sitmap_named_view_get_filter (full);
  g_assert_cmpstr (sitmap_filter_get_text (filter), ==, "aleppo convoy");
  g_assert_cmpuint (sitmap_filter_get_hidden_categories (filter), ==,
                    (1u << SITMAP_CATEGORY_STATEMENT) | (1u << SITMAP_CATEGORY_CONTEXT));
  values = sitmap_filter_get_values (filter, SITMAP_FILTER_ACTORS, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (values[0], ==, "Hayat Tahrir al-Sham");
  values = sitmap_filter_get_values (filter, SITMAP_FILTER_SOURCES, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (values[0], ==, "sohr");
  g_assert_true (sitmap_filter_has_value (filter, SITMAP_FILTER_PLACES, "place-sukhna"));
  g_assert_true (sitmap_filter_has_value (filter, SITMAP_FILTER_PLACES, "a place this file does not have"));
  g_assert_cmpint (sitmap_filter_get_min_reliability (filter), ==, SITMAP_RELIABILITY_C);
  g_assert_cmpint (sitmap_filter_get_min_credibility (filter), ==, SITMAP_CREDIBILITY_3);
  g_assert_cmpuint (sitmap_filter_get_min_killed (filter), ==, 10);
  g_assert_cmpuint (sitmap_filter_get_min_origins (filter), ==, 2);

  /* Markup in a name is text */
  bare = g_list_model_get_item (views, 1);
  g_assert_cmpstr (sitmap_named_view_get_name (bare), ==, "Everything <b>reported</b>");
  g_assert_false (sitmap_named_view_get_range (bare, NULL, NULL));
  g_assert_true (sitmap_filter_is_empty (sitmap_named_view_get_filter (bare)));
  g_assert_false (sitmap_undo_stack_get_modified (sitmap_document_get_undo_stack (fixture)));
}

static void
test_sources (void)
{
  SitmapSource *source;

  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_sources (fixture)), ==, 11);
  source = sitmap_document_get_source (fixture, sitmap_document_find_source (fixture, "sohr"));
  g_assert_cmpstr (sitmap_source_get_name (source), ==, "Syrian Observatory for Human Rights");
  g_assert_cmpstr (sitmap_source_get_abbreviation (source), ==, "SOHR");
  g_assert_cmpstr (sitmap_source_get_url (source), ==, "https://example.org/sohr");
  g_assert_cmpstr (sitmap_source_get_note (source), ==, "Britain-based monitor with contacts inside the country.");
  g_assert_cmpint (sitmap_source_get_kind (source), ==, SITMAP_SOURCE_KIND_MONITOR);
  g_assert_false (sitmap_source_get_party (source));
  g_assert_cmpint (sitmap_source_get_reliability (source), ==, SITMAP_RELIABILITY_C);

  source = sitmap_document_get_source (fixture, sitmap_document_find_source (fixture, "centcom"));
  g_assert_cmpint (sitmap_source_get_kind (source), ==, SITMAP_SOURCE_KIND_OFFICIAL);
  g_assert_true (sitmap_source_get_party (source));
  g_assert_cmpint (sitmap_source_get_reliability (source), ==, SITMAP_RELIABILITY_B);

  source = sitmap_document_get_source (fixture, sitmap_document_find_source (fixture, "person"));
  g_assert_cmpint (sitmap_source_get_kind (source), ==, SITMAP_SOURCE_KIND_INDIVIDUAL);
  g_assert_true (sitmap_source_get_party (source));
  g_assert_cmpint (sitmap_source_get_reliability (source), ==, SITMAP_RELIABILITY_E);

  source = sitmap_document_get_source (fixture, sitmap_document_find_source (fixture, "blogger"));
  g_assert_cmpint (sitmap_source_get_kind (source), ==, SITMAP_SOURCE_KIND_SOCIAL_MEDIA);
  g_assert_cmpint (sitmap_source_get_reliability (source), ==, SITMAP_RELIABILITY_F);
  /* A citation may name a source the file does not describe: it is kept under its id. */
  g_assert_cmpint (sitmap_document_find_source (fixture, "not-described"), >=, 0);
}

static SitmapPlace *
place (const char *id)
{
  gint index = sitmap_document_find_place (fixture, id);

  g_assert_cmpint (index, >=, 0);
  return sitmap_document_get_place (fixture, index);
}

static void
test_places (void)
{
  SitmapGeometry *geometry;
  guint n_points;

  g_assert_cmpuint (g_list_model_get_n_items (sitmap_document_get_places (fixture)), ==, 10);
  g_assert_cmpstr (sitmap_place_get_name (place ("place-homs")), ==, "Homs");
  g_assert_cmpstr (sitmap_place_get_description (place ("place-homs")), ==, "Capital of Homs governorate.");
  g_assert_cmpint (sitmap_place_get_kind (place ("place-homs")), ==, SITMAP_PLACE_KIND_CITY);
  g_assert_cmpfloat (sitmap_place_get_latitude (place ("place-homs")), ==, 34.7308);
  g_assert_cmpfloat (sitmap_place_get_longitude (place ("place-homs")), ==, 36.7094);
  g_assert_null (sitmap_place_get_geometry (place ("place-homs")));

  /* An area: its label point and its polygon with a hole */
  geometry = sitmap_place_get_geometry (place ("place-badia"));
  g_assert_true (sitmap_place_is_area (place ("place-badia")));
  g_assert_cmpint (sitmap_place_get_kind (place ("place-badia")), ==, SITMAP_PLACE_KIND_REGION);
  g_assert_cmpfloat (sitmap_place_get_latitude (place ("place-badia")), ==, 34.5);
  g_assert_cmpuint (sitmap_geometry_get_n_rings (geometry), ==, 2);
  sitmap_geometry_get_ring (geometry, 0, &n_points);
  g_assert_cmpuint (n_points, ==, 5);
  sitmap_geometry_get_ring (geometry, 1, &n_points);
  g_assert_cmpuint (n_points, ==, 4);

  /* A polygon alone: its label goes to the middle of its bounding box */
  g_assert_cmpfloat_with_epsilon (sitmap_place_get_latitude (place ("place-homs-gov")), (33.5 + 35.4) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (sitmap_place_get_longitude (place ("place-homs-gov")), (36.4 + 39.5) / 2, 1e-12);
  g_assert_cmpint (sitmap_geometry_get_kind (sitmap_place_get_geometry (place ("place-road"))), ==,
                   SITMAP_GEOMETRY_LINE);
  g_assert_cmpint (sitmap_place_get_kind (place ("place-damascus")), ==, SITMAP_PLACE_KIND_CAPITAL);
  g_assert_cmpint (sitmap_place_get_kind (place ("place-baghouz")), ==, SITMAP_PLACE_KIND_VILLAGE);
  g_assert_cmpint (sitmap_place_get_kind (place ("place-syria")), ==, SITMAP_PLACE_KIND_COUNTRY);
  g_assert_cmpint (sitmap_place_get_kind (place ("place-district")), ==, SITMAP_PLACE_KIND_DISTRICT);
  g_assert_true (isnan (sitmap_place_get_latitude (place ("place-district"))));
  /* A place written without an id gets one of its own */
  g_assert_cmpstr (sitmap_place_get_name (place ("place-1")), ==, "Place without an id");
  g_assert_cmpint (sitmap_place_get_kind (place ("place-1")), ==, SITMAP_PLACE_KIND_OTHER);
}

static void
test_order (void)
{
  static const char *const order[] = {
    "ev-until", "ev-ring", "ev-2011", "ev-baghouz", "ev-since", "ev-strikes", "ev-road",
    "ev-sukhna", "ev-unicode", "ev-exact", "ev-track", "ev-overlay", "ev-statement", NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (sitmap_event_store_get_id (store (), i), ==, order[i]);
  g_assert_cmpstr (sitmap_event_store_get_title (store (), 13), ==, "An event without an id, time or place");
}

static void
test_figures_actors_citations (void)
{
  guint position = io_find_event (fixture, "ev-sukhna");
  const SitmapEventColumns *columns = sitmap_document_get_columns (fixture);
  const SitmapFigure *figures;
  const SitmapCitationRecord *citations;
  const char *const *actors;
  guint n;

  g_assert_cmpstr (sitmap_event_store_get_title (store (), position), ==, "Soldiers killed near As-Sukhnah");
  g_assert_cmpint (columns->category[position], ==, SITMAP_CATEGORY_BATTLE);
  g_assert_cmpint (columns->fatalities[position], ==, 54);
  g_assert_false (columns->flags[position] & SITMAP_EVENT_FLAG_PARTY_ONLY);

  figures = sitmap_event_store_get_figures (store (), position, &n);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpint (figures[0].kind, ==, SITMAP_FIGURE_KILLED);
  g_assert_cmpint (figures[0].qualifier, ==, SITMAP_QUALIFIER_AT_LEAST);
  g_assert_cmpint (figures[0].min, ==, 54);
  g_assert_cmpint (figures[0].max, ==, SITMAP_FIGURE_UNKNOWN);
  g_assert_cmpint (figures[1].kind, ==, SITMAP_FIGURE_WOUNDED);
  g_assert_cmpint (figures[1].qualifier, ==, SITMAP_QUALIFIER_EXACT);
  g_assert_cmpint (figures[1].min, ==, 10);
  g_assert_cmpint (figures[1].max, ==, 20);
  g_assert_cmpint (figures[2].qualifier, ==, SITMAP_QUALIFIER_UNQUANTIFIED);
  g_assert_cmpint (figures[2].min, ==, SITMAP_FIGURE_UNKNOWN);
  g_assert_cmpstr (figures[2].text, ==, "hundreds");
  g_assert_cmpint (figures[3].kind, ==, SITMAP_FIGURE_DETAINED);
  g_assert_cmpint (figures[3].qualifier, ==, SITMAP_QUALIFIER_ABOUT);
  g_assert_cmpint (figures[4].kind, ==, SITMAP_FIGURE_OTHER);
  g_assert_cmpint (figures[4].qualifier, ==, SITMAP_QUALIFIER_MORE_THAN);
  g_assert_cmpstr (figures[4].text, ==, "targets struck");
  g_assert_cmpint (figures[5].qualifier, ==, SITMAP_QUALIFIER_AT_MOST);
  g_assert_cmpint (figures[6].max, ==, 54);

  actors = sitmap_event_store_get_actors (store (), position, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (actors[0], ==, "Islamic State");
  g_assert_cmpstr (actors[1], ==, "Syrian government forces");

  citations = sitmap_event_store_get_citations (store (), position, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (sitmap_source_get_id (sitmap_document_get_source (fixture, citations[0].source)), ==, "sohr");
  g_assert_cmpuint (citations[0].via, >, 0);
  g_assert_cmpstr (sitmap_source_get_id (sitmap_document_get_source (fixture, citations[0].via - 1)), ==, "afp");
  g_assert_cmpint (citations[0].credibility, ==, SITMAP_CREDIBILITY_3);
  g_assert_cmpstr (citations[0].url, ==, "https://example.org/article?id=1&lang=en");
  g_assert_cmpstr (citations[0].paraphrase, ==, "The monitor counted 54 dead.");
  g_assert_cmpint (citations[0].published.precision, ==, SITMAP_TIME_PRECISION_DAY);
  g_assert_cmpint (citations[0].published.start, ==, io_time ("2024-12-11"));
  g_assert_cmpint (citations[0].accessed.precision, ==, SITMAP_TIME_PRECISION_EXACT);
  g_assert_cmpint (citations[0].accessed.start, ==, io_time ("2024-12-12T08:15:00Z"));
  g_assert_cmpint (citations[1].credibility, ==, SITMAP_CREDIBILITY_UNRATED);
  g_assert_cmpint (citations[1].published.precision, ==, SITMAP_TIME_PRECISION_NONE);
  /* A citation with no source still shows, under one "unnamed source" */
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (fixture, citations[2].source)), !=, NULL);
  g_assert_cmpint (citations[2].credibility, ==, SITMAP_CREDIBILITY_6);
  g_assert_cmpint (citations[3].published.precision, ==, SITMAP_TIME_PRECISION_YEAR);
}

static void
test_times (void)
{
  assert_time (io_find_event (fixture, "ev-sukhna"), SITMAP_TIME_PRECISION_DAY, "2024-12-10", SITMAP_TIME_UNIT_DAY,
               io_time ("2024-12-11"), SITMAP_TIME_UNIT_NONE);
  assert_time (io_find_event (fixture, "ev-baghouz"), SITMAP_TIME_PRECISION_MONTH, "2019-03", SITMAP_TIME_UNIT_MONTH,
               io_time ("2019-04"), SITMAP_TIME_UNIT_NONE);
  assert_time (io_find_event (fixture, "ev-2011"), SITMAP_TIME_PRECISION_YEAR, "2011", SITMAP_TIME_UNIT_YEAR,
               io_time ("2012"), SITMAP_TIME_UNIT_NONE);
  /* The whole weekend: from the first instant of the begin to the last of the end */
  assert_time (io_find_event (fixture, "ev-strikes"), SITMAP_TIME_PRECISION_SPAN, "2024-12-07", SITMAP_TIME_UNIT_DAY,
               io_time ("2024-12-09"), SITMAP_TIME_UNIT_DAY);
  /* An offset is converted to UTC; fractions of a second are dropped */
  assert_time (io_find_event (fixture, "ev-exact"), SITMAP_TIME_PRECISION_EXACT, "2024-12-10T02:30:00Z",
               SITMAP_TIME_UNIT_SECOND, io_time ("2024-12-10T02:30:01Z"), SITMAP_TIME_UNIT_NONE);
  assert_time (io_find_event (fixture, "ev-since"), SITMAP_TIME_PRECISION_SPAN, "2019-03", SITMAP_TIME_UNIT_MONTH,
               SITMAP_TIME_OPEN_END, SITMAP_TIME_UNIT_NONE);
  assert_time (io_find_event (fixture, "ev-until"), SITMAP_TIME_PRECISION_SPAN, NULL, SITMAP_TIME_UNIT_NONE,
               io_time ("2024-12-08T12:00:01Z"), SITMAP_TIME_UNIT_SECOND);
  assert_time (io_find_event (fixture, "ev-ring"), SITMAP_TIME_PRECISION_DAY, "-0044-03-15", SITMAP_TIME_UNIT_DAY,
               io_time ("-0044-03-15") + DAY, SITMAP_TIME_UNIT_NONE);
  /* A gx:Track is timed by its first and last <when> */
  assert_time (io_find_event (fixture, "ev-track"), SITMAP_TIME_PRECISION_SPAN, "2024-12-10T06:00:00Z",
               SITMAP_TIME_UNIT_SECOND, io_time ("2024-12-10T06:20:01Z"), SITMAP_TIME_UNIT_SECOND);
  assert_time (io_find_event (fixture, "ev-overlay"), SITMAP_TIME_PRECISION_DAY, "2024-12-11", SITMAP_TIME_UNIT_DAY,
               io_time ("2024-12-12"), SITMAP_TIME_UNIT_NONE);
  g_assert_cmpint (sitmap_document_get_columns (fixture)->time_precision[io_find_event (fixture, "ev-statement")], ==,
                   SITMAP_TIME_PRECISION_NONE);
}

static void
test_locations (void)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (fixture);
  guint sukhna = io_find_event (fixture, "ev-sukhna");
  guint baghouz = io_find_event (fixture, "ev-baghouz");
  guint since = io_find_event (fixture, "ev-since");
  guint statement = io_find_event (fixture, "ev-statement");
  guint unicode = io_find_event (fixture, "ev-unicode");

  /* An event's own point wins over its place's */
  assert_location (sukhna, 34.8, 38.7);
  g_assert_cmpstr (place_of (sukhna), ==, "place-sukhna");
  g_assert_cmpint (columns->location_precision[sukhna], ==, SITMAP_LOCATION_PRECISION_NEAR_TOWN);
  g_assert_cmpuint (sitmap_event_store_get_radius (store (), sukhna), ==, 25000);
  g_assert_cmpstr (sitmap_event_store_get_place_text (store (), sukhna), ==, "desert near As-Sukhnah");

  /* An event with no geometry is drawn at its place, as precisely as the place is */
  assert_location (baghouz, 34.4586, 40.9506);
  g_assert_cmpint (columns->location_precision[baghouz], ==, SITMAP_LOCATION_PRECISION_TOWN);
  assert_location (since, 34.5, 38.5);
  g_assert_true (columns->flags[since] & SITMAP_EVENT_FLAG_AREA);
  g_assert_cmpint (columns->location_precision[since], ==, SITMAP_LOCATION_PRECISION_REGION);
  g_assert_cmpint (columns->location_precision[io_find_event (fixture, "ev-2011")], ==,
                   SITMAP_LOCATION_PRECISION_COUNTRY);

  g_assert_false (columns->flags[statement] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_cmpint (columns->location_precision[statement], ==, SITMAP_LOCATION_PRECISION_NONE);

  assert_location (unicode, -89.5, -179.999999999);
  g_assert_cmpint (columns->location_precision[unicode], ==, SITMAP_LOCATION_PRECISION_EXACT);
  g_assert_cmpuint (sitmap_event_store_get_radius (store (), unicode), ==, 1);
}

static void
test_geometries (void)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (fixture);
  guint strikes = io_find_event (fixture, "ev-strikes");
  guint road = io_find_event (fixture, "ev-road");
  guint track = io_find_event (fixture, "ev-track");
  guint overlay = io_find_event (fixture, "ev-overlay");
  guint ring = io_find_event (fixture, "ev-ring");
  SitmapGeometry *geometry;
  const double *points;
  guint n;

  /* A polygon with two holes, anchored at the middle of its bounding box; only a party says so */
  geometry = sitmap_event_store_get_geometry (store (), strikes);
  g_assert_cmpint (sitmap_geometry_get_kind (geometry), ==, SITMAP_GEOMETRY_POLYGON);
  g_assert_cmpuint (sitmap_geometry_get_n_rings (geometry), ==, 3);
  assert_location (strikes, 34, 38.5);
  g_assert_cmpint (columns->flags[strikes], ==,
                   SITMAP_EVENT_FLAG_PLACED | SITMAP_EVENT_FLAG_AREA | SITMAP_EVENT_FLAG_PARTY_ONLY);
  g_assert_cmpstr (sitmap_event_store_get_summary (store (), strikes), ==, "<p>HTML in <b>CDATA</b> stays text.</p>");

  /* MultiGeometry: the Point anchors, the LineString is the shape */
  assert_location (road, 34.7, 38.5);
  g_assert_true (columns->flags[road] & SITMAP_EVENT_FLAG_LINE);
  sitmap_geometry_get_ring (sitmap_event_store_get_geometry (store (), road), 0, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (columns->location_precision[road], ==, SITMAP_LOCATION_PRECISION_EXACT);

  points = sitmap_geometry_get_ring (sitmap_event_store_get_geometry (store (), track), 0, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (points[0], ==, 38.1);
  g_assert_cmpfloat (points[1], ==, 34.6);
  assert_location (track, (34.6 + 34.7) / 2, (38.1 + 38.3) / 2);

  geometry = sitmap_event_store_get_geometry (store (), overlay);
  g_assert_cmpint (sitmap_geometry_get_kind (geometry), ==, SITMAP_GEOMETRY_POLYGON);
  points = sitmap_geometry_get_ring (geometry, 0, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (points[0], ==, 38.5);
  g_assert_cmpfloat (points[1], ==, 34.5);
  g_assert_cmpfloat (points[4], ==, 39);
  g_assert_cmpfloat (points[5], ==, 35);
  g_assert_true (columns->flags[overlay] & SITMAP_EVENT_FLAG_AREA);

  g_assert_cmpint (sitmap_geometry_get_kind (sitmap_event_store_get_geometry (store (), ring)), ==,
                   SITMAP_GEOMETRY_LINE);
  assert_location (ring, 10.5, 10.5);
}

static void
test_text (void)
{
  guint unicode = io_find_event (fixture, "ev-unicode");

  g_assert_cmpstr (sitmap_event_store_get_title (store (), unicode), ==, "Ḥimṣ — حمص — 霍姆斯 🌍");
  g_assert_cmpstr (sitmap_event_store_get_summary (store (), unicode), ==,
                   "Surrounding white space is trimmed; inner\n        lines stay.");
}

/*
 * Smaller documents
 */

static SitmapDocument *
read_ok (const char *kml)
{
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = io_test_read_string (kml, "test.kml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Namespaces are told by their URI: the prefix is the writer's choice. */
static void
test_namespace_by_uri (void)
{
  g_autoptr (SitmapDocument) document = read_ok (
    "<k:kml xmlns:k='http://www.opengis.net/kml/2.2' xmlns:s='https://sitmap.github.io/kml/1.0'>"
    "<k:Placemark id='a'><k:ExtendedData><s:event category='protest'/></k:ExtendedData></k:Placemark>"
    "<k:Placemark id='b'><k:ExtendedData>"
    "  <sitmap:event xmlns:sitmap='http://example.org/not-sitmap' category='protest'/>"
    "</k:ExtendedData></k:Placemark>"
    "<k:Placemark id='c'><other:name xmlns:other='http://example.org/x'>not a name</other:name></k:Placemark>"
    "</k:kml>");
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  g_assert_cmpint (columns->category[io_find_event (document, "a")], ==, SITMAP_CATEGORY_PROTEST);
  g_assert_cmpint (columns->category[io_find_event (document, "b")], ==, SITMAP_CATEGORY_OTHER);
  g_assert_null (sitmap_event_store_get_title (sitmap_document_get_store (document), io_find_event (document, "c")));
}

static void
test_old_namespaces (void)
{
  static const char *const namespaces[] = {
    "xmlns='http://earth.google.com/kml/2.0'",
    "xmlns='http://earth.google.com/kml/2.1'",
    "xmlns='http://earth.google.com/kml/2.2'",
    "xmlns='http://www.opengis.net/kml/2.3'",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++)
    {
      g_autofree char *kml = g_strdup_printf ("<kml %s><Document><name>Old</name><Placemark><name>p</name>"
                                              "<TimeStamp><when>2012-01-15</when></TimeStamp>"
                                              "<Point><coordinates>-56.072,-60.975,0</coordinates></Point>"
                                              "</Placemark></Document></kml>",
                                              namespaces[i]);
      g_autoptr (SitmapDocument) document = read_ok (kml);
      double lat, lon;

      g_assert_cmpstr (sitmap_document_get_title (document), ==, "Old");
      g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
      g_assert_cmpint (sitmap_document_get_columns (document)->time_precision[0], ==, SITMAP_TIME_PRECISION_DAY);
      g_assert_true (sitmap_event_store_get_location (sitmap_document_get_store (document), 0, &lat, &lon));
      g_assert_cmpfloat (lat, ==, -60.975);
    }
}

/* Without sitmap:view, the opening view comes from the LookAt: a region, zoomed as Google Earth shows it. */
static void
test_look_at (void)
{
  g_autoptr (SitmapDocument) far = read_ok ("<kml xmlns='http://www.opengis.net/kml/2.2'><Document><LookAt>"
                                            "<longitude>38.6</longitude><latitude>34.7</latitude>"
                                            "<range>900000</range></LookAt></Document></kml>");
  g_autoptr (SitmapDocument) near = read_ok ("<kml xmlns='http://www.opengis.net/kml/2.2'><Document><LookAt>"
                                             "<longitude>38.6</longitude><latitude>34.7</latitude>"
                                             "<range>9000</range></LookAt></Document></kml>");
  /* A view after the LookAt still wins */
  g_autoptr (SitmapDocument) both = read_ok (
    "<kml xmlns='http://www.opengis.net/kml/2.2' xmlns:sitmap='https://sitmap.github.io/kml/1.0'><Document>"
    "<LookAt><longitude>1</longitude><latitude>2</latitude><range>5000</range></LookAt>"
    "<ExtendedData><sitmap:view latitude='34' longitude='38'/></ExtendedData></Document></kml>");
  const SitmapDocumentView *view = sitmap_document_get_view (far);

  g_assert_true (view->has_position);
  g_assert_cmpfloat (view->latitude, ==, 34.7);
  g_assert_cmpfloat (view->longitude, ==, 38.6);
  g_assert_cmpfloat (view->zoom, >, 6);
  g_assert_cmpfloat (view->zoom, <, 8);
  g_assert_false (view->has_time);
  /* A hundred times closer is log2(100) levels further in */
  g_assert_cmpfloat_with_epsilon (sitmap_document_get_view (near)->zoom - view->zoom, log2 (100), 1e-9);
  g_assert_cmpfloat (sitmap_document_get_view (both)->latitude, ==, 34);
  g_assert_cmpfloat (sitmap_document_get_view (both)->zoom, ==, 6);
}

static void
test_time_variants (void)
{
  g_autoptr (SitmapDocument) document = read_ok (
    "<kml xmlns='http://earth.google.com/kml/2.0' xmlns:gx='http://www.google.com/kml/ext/2.2'>"
    "<Placemark id='instant'><TimeInstant><timePosition>2004-05</timePosition></TimeInstant></Placemark>"
    "<Placemark id='empty'><TimeStamp><when/></TimeStamp></Placemark>"
    "<Placemark id='empty-span'><TimeSpan><begin> </begin><end></end></TimeSpan></Placemark>"
    "<Placemark id='gx'><gx:TimeStamp><when>1997-07-16T10:30:15+03:00</when></gx:TimeStamp></Placemark>"
    "<Placemark id='one-when'><gx:Track><when>2010-05-28T02:02:09Z</when>"
    "<gx:coord>-122.2 37.3 0</gx:coord><gx:coord>-122.3 37.4 0</gx:coord></gx:Track></Placemark>"
    "<Placemark id='own-time'><TimeStamp><when>2001</when></TimeStamp><gx:Track><when>2010-05-28T02:02:09Z</when>"
    "<when>2010-05-28T02:03:09Z</when></gx:Track></Placemark>"
    "</kml>");
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  g_assert_cmpint (columns->time_precision[io_find_event (document, "instant")], ==, SITMAP_TIME_PRECISION_MONTH);
  g_assert_cmpint (columns->time_precision[io_find_event (document, "empty")], ==, SITMAP_TIME_PRECISION_NONE);
  g_assert_cmpint (columns->time_precision[io_find_event (document, "empty-span")], ==, SITMAP_TIME_PRECISION_NONE);
  g_assert_cmpint (columns->start[io_find_event (document, "gx")], ==, io_time ("1997-07-16T07:30:15Z"));
  /* One <when> is a moment, not a span */
  g_assert_cmpint (columns->time_precision[io_find_event (document, "one-when")], ==, SITMAP_TIME_PRECISION_EXACT);
  g_assert_cmpint (columns->time_precision[io_find_event (document, "own-time")], ==, SITMAP_TIME_PRECISION_YEAR);
}

static void
test_sloppy_geometry (void)
{
  g_autoptr (SitmapDocument) document = read_ok (
    "<kml xmlns='http://www.opengis.net/kml/2.2' xmlns:gx='http://www.google.com/kml/ext/2.2'>"
    "<Placemark id='spaces'><LineString><coordinates>\n  1.5, 2.5 ,100\n\t3,4\n</coordinates></LineString>"
    "</Placemark>"
    "<Placemark id='one-point-line'><LineString><coordinates>5,6</coordinates></LineString></Placemark>"
    "<Placemark id='empty-point'><Point><coordinates> </coordinates></Point></Placemark>"
    "<Placemark id='multitrack'><gx:MultiTrack><gx:Track><when>2010-01-01T00:00:00Z</when>"
    "<gx:coord>1 1 0</gx:coord><gx:coord>2 2 0</gx:coord></gx:Track><gx:Track><when>2010-01-02T00:00:00Z</when>"
    "<gx:coord>3 3 0</gx:coord></gx:Track></gx:MultiTrack></Placemark>"
    "<GroundOverlay id='quad'><gx:LatLonQuad><coordinates>1,1 2,1 2,2 1,2</coordinates></gx:LatLonQuad>"
    "</GroundOverlay>"
    "<Placemark id='two-polygons'><MultiGeometry>"
    "<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing>"
    "</outerBoundaryIs></Polygon>"
    "<Polygon><outerBoundaryIs><LinearRing><coordinates>5,5 6,5 6,6 5,5</coordinates></LinearRing>"
    "</outerBoundaryIs></Polygon></MultiGeometry></Placemark>"
    "</kml>");
  SitmapEventStore *events = sitmap_document_get_store (document);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const double *points;
  guint n;
  double lat, lon;

  points = sitmap_geometry_get_ring (sitmap_event_store_get_geometry (events, io_find_event (document, "spaces")), 0,
                                     &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (points[0], ==, 1.5);
  g_assert_cmpfloat (points[1], ==, 2.5);
  g_assert_cmpfloat (points[2], ==, 3);
  g_assert_cmpfloat (points[3], ==, 4);

  g_assert_null (sitmap_event_store_get_geometry (events, io_find_event (document, "one-point-line")));
  g_assert_true (sitmap_event_store_get_location (events, io_find_event (document, "one-point-line"), &lat, &lon));
  g_assert_cmpfloat (lat, ==, 6);
  g_assert_false (columns->flags[io_find_event (document, "empty-point")] & SITMAP_EVENT_FLAG_PLACED);

  g_assert_cmpint (columns->start[io_find_event (document, "multitrack")], ==, io_time ("2010-01-01T00:00:00Z"));
  g_assert_cmpint (sitmap_event_columns_get_end (columns, io_find_event (document, "multitrack")), ==, io_time ("2010-01-02T00:00:01Z"));
  g_assert_true (columns->flags[io_find_event (document, "quad")] & SITMAP_EVENT_FLAG_AREA);
  sitmap_geometry_get_ring (sitmap_event_store_get_geometry (events, io_find_event (document, "quad")), 0, &n);
  g_assert_cmpuint (n, ==, 5);
  /* The first polygon is the shape */
  g_assert_true (sitmap_event_store_get_location (events, io_find_event (document, "two-polygons"), &lat, &lon));
  g_assert_cmpfloat (lat, ==, 0.5);
}

/* HTML written as elements rather than escaped or in CDATA: its text is kept, as a user would read it. */
static void
test_markup_in_text (void)
{
  g_autoptr (SitmapDocument) document = read_ok (
    "<kml xmlns='http://www.opengis.net/kml/2.2' xmlns:xi='http://www.w3.org/2001/XInclude'>"
    "<Placemark><name> <b>Bold</b> words </name>"
    "<description>Before <xi:include href='file:///etc/passwd' parse='text'/>after &#60;tag&#62;</description>"
    "</Placemark></kml>");
  SitmapEventStore *events = sitmap_document_get_store (document);

  g_assert_cmpstr (sitmap_event_store_get_title (events, 0), ==, "Bold words");
  /* XInclude is never processed */
  g_assert_cmpstr (sitmap_event_store_get_summary (events, 0), ==, "Before after <tag>");
}

/* Other encodings the file declares, and UTF-16 with a byte order mark */
static void
test_encodings (void)
{
  static const char latin1[] = "<?xml version='1.0' encoding='ISO-8859-1'?>\n"
                               "<kml xmlns='http://www.opengis.net/kml/2.2'><Document><name>Caf\xe9 \xe0 Homs</name>"
                               "</Document></kml>";
  const char *utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                     "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>حمص é</name></Document></kml>";
  g_autoptr (GBytes) latin1_bytes = g_bytes_new_static (latin1, sizeof latin1 - 1);
  g_autoptr (SitmapDocument) from_latin1 = sitmap_kml_read_bytes (latin1_bytes, "latin1.kml", NULL, NULL);

  g_assert_nonnull (from_latin1);
  g_assert_cmpstr (sitmap_document_get_title (from_latin1), ==, "Café à Homs");

  for (guint big_endian = 0; big_endian < 2; big_endian++)
    {
      g_autoptr (GError) error = NULL;
      gsize written;
      g_autofree char *utf16 = g_convert (utf8, -1, big_endian ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &written,
                                          &error);
      g_autoptr (GByteArray) bom = g_byte_array_new ();
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (SitmapDocument) document = NULL;

      g_assert_no_error (error);
      g_byte_array_append (bom, (const guint8 *) (big_endian ? "\xfe\xff" : "\xff\xfe"), 2);
      g_byte_array_append (bom, (const guint8 *) utf16, written);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bom));
      document = sitmap_kml_read_bytes (bytes, "utf16.kml", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sitmap_document_get_title (document), ==, "حمص é");
    }
}

int
main (int argc, char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);
  fixture = io_test_read_data ("full-format.kml");

  g_test_add_func ("/io/kml-reader/fixture/document", test_document);
  g_test_add_func ("/io/kml-reader/fixture/sources", test_sources);
  g_test_add_func ("/io/kml-reader/fixture/named-views", test_named_views);
  g_test_add_func ("/io/kml-reader/fixture/places", test_places);
  g_test_add_func ("/io/kml-reader/fixture/order", test_order);
  g_test_add_func ("/io/kml-reader/fixture/figures-actors-citations", test_figures_actors_citations);
  g_test_add_func ("/io/kml-reader/fixture/times", test_times);
  g_test_add_func ("/io/kml-reader/fixture/locations", test_locations);
  g_test_add_func ("/io/kml-reader/fixture/geometries", test_geometries);
  g_test_add_func ("/io/kml-reader/fixture/text", test_text);
  g_test_add_func ("/io/kml-reader/namespace-by-uri", test_namespace_by_uri);
  g_test_add_func ("/io/kml-reader/old-namespaces", test_old_namespaces);
  g_test_add_func ("/io/kml-reader/look-at", test_look_at);
  g_test_add_func ("/io/kml-reader/time-variants", test_time_variants);
  g_test_add_func ("/io/kml-reader/sloppy-geometry", test_sloppy_geometry);
  g_test_add_func ("/io/kml-reader/markup-in-text", test_markup_in_text);
  g_test_add_func ("/io/kml-reader/encodings", test_encodings);

  result = g_test_run ();
  g_clear_object (&fixture);
  return result;
}
