/* test-georss.c: news and alert feeds with places, as a user expects them read: the corpus, every way GeoRSS
 * says where, times as feeds write them, and files that must be refused
 *
 * Expected numbers come from the files, counted with xmllint (libxml2's, independent of Sitmap's reader); the
 * command is given beside each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-category.h"
#include "sitmap-event.h"
#include "sitmap-format.h"
#include "sitmap-georss-reader.h"
#include "sitmap-xml-input.h"

#define ATOM_OPEN \
  "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:georss=\"http://www.georss.org/georss\" " \
  "xmlns:gml=\"http://www.opengis.net/gml\"><title>Test feed</title><author><name>Desk</name></author>"
#define RSS_OPEN \
  "<rss version=\"2.0\" xmlns:georss=\"http://www.georss.org/georss\"><channel><title>Wire</title>" \
  "<link>https://wire.example/</link>"
#define RSS_CLOSE "</channel></rss>"

/*
 * Helpers
 */

static SitmapDocument *
read_bytes (const char *text, gssize length, SitmapImport **import_out, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  SitmapDocument *document;

  sitmap_import_begin (import, "feed.xml", NULL);
  document = sitmap_georss_read (bytes, import, error);
  if (import_out != NULL)
    *import_out = g_steal_pointer (&import);
  return document;
}

/* Reads a feed that must be read, with its report. */
static SitmapDocument *
read_feed (const char *text, SitmapImport **import)
{
  g_autoptr (GError) error = NULL;
  SitmapDocument *document = read_bytes (text, -1, import, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static SitmapEventStore *
store_of (SitmapDocument *document)
{
  return sitmap_document_get_store (document);
}

/* The attribute's first value, or NULL */
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
assert_unplaced (SitmapDocument *document, guint position)
{
  double lat, lon;

  g_assert_false (sitmap_event_store_get_location (store_of (document), position, &lat, &lon));
}

static void
assert_instant (SitmapDocument *document, guint position, const char *iso)
{
  SitmapTime time;

  sitmap_event_store_get_time (store_of (document), position, &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_EXACT);
  g_assert_cmpint (time.start, ==, io_time (iso));
}

static guint
n_placed (SitmapDocument *document)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint n = 0;

  for (guint i = 0; i < columns->n_events; i++)
    n += (columns->flags[i] & SITMAP_EVENT_FLAG_PLACED) != 0;
  return n;
}

static char *
corpus_path (const char *name)
{
  const char *dir = g_getenv ("SITMAP_CORPUS_DIR");
  g_autofree char *copy = io_test_data_path ("corpus");
  g_autofree char *in_copy = g_build_filename (copy, name, NULL);

  if (g_file_test (in_copy, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&in_copy);
  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, name, NULL);
  return NULL;
}

/* The document read from a corpus file (a copy in tests/data/corpus, else the corpus folder), or NULL with
 * error set. Skips the test when neither has it. */
static SitmapDocument *
read_corpus (const char *name, SitmapImport **import_out, GError **error)
{
  g_autofree char *path = corpus_path (name);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  const SitmapFormat *format;
  char *data;
  gsize length;
  SitmapDocument *document;

  if (path == NULL)
    {
      g_test_skip ("the corpus folder is not configured (-Dcorpus_dir)");
      return NULL;
    }
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  bytes = g_bytes_new_take (data, length);
  /* Found by its content, as File → Import finds it */
  format = sitmap_format_detect (bytes, name, NULL);
  g_assert_nonnull (format);
  g_assert_cmpstr (format->id, ==, "georss");
  sitmap_import_begin (import, name, NULL);
  document = format->read (bytes, import, error);
  if (import_out != NULL)
    *import_out = g_steal_pointer (&import);
  return document;
}

/*
 * The corpus
 */

/* GDACS's RSS 2.0 alerts: a UTF-8 byte order mark, georss:point and geo:Point in every item, RFC 822 dates, and
 * gdacs:fromdate/todate as the event's time. */
static void
test_corpus_gdacs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_corpus ("georss-gdacs-rss.xml", &import, &error);
  SitmapEventStore *store;
  SitmapTime time;
  guint n_spans = 0, position, n_citations;
  const SitmapCitationRecord *citations;

  if (g_test_failed () || document == NULL)
    {
      g_assert_no_error (error);
      return;
    }
  store = store_of (document);
  /* xmllint --xpath "count(/descendant::*[local-name()='item'])" → 16, and 16 have a georss:point */
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 16);
  g_assert_cmpuint (n_placed (document), ==, 16);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 0);
  /* xmllint --xpath "count(/descendant::*[local-name()='item'][*[local-name()='fromdate'] != *[local-name()='todate']])"
   * → 13 ranges; the other 3 begin and end at one moment, which is that moment */
  for (guint i = 0; i < 16; i++)
    {
      sitmap_event_store_get_time (store, i, &time);
      n_spans += time.precision == SITMAP_TIME_PRECISION_SPAN;
      g_assert_cmpint (time.precision, !=, SITMAP_TIME_PRECISION_NONE);
    }
  g_assert_cmpuint (n_spans, ==, 13);
  /* TC1000643: fromdate = todate = "Sun, 29 Dec 2019 12:00:00 GMT", georss:point "-19.4 59.8" */
  position = io_find_event (document, "TC1000643");
  assert_instant (document, position, "2019-12-29T12:00:00Z");
  assert_point (document, position, -19.4, 59.8);
  g_assert_true (g_str_has_prefix (sitmap_event_store_get_title (store, position), "Green alert for tropical cyclone"));
  g_assert_cmpstr (attribute (document, position, "gdacs:alertlevel"), ==, "Green");
  /* DR1012649: from "Fri, 21 Sep 2018 00:00:00 GMT" to "Mon, 30 Dec 2019 01:37:00 GMT", published (pubDate)
   * "Mon, 30 Dec 2019 01:27:00 GMT", at "17.065 -89.624" */
  position = io_find_event (document, "DR1012649");
  sitmap_event_store_get_time (store, position, &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpint (time.start, ==, io_time ("2018-09-21T00:00:00Z"));
  g_assert_cmpint (time.end, ==, io_time ("2019-12-30T01:37:00Z") + 1);
  assert_point (document, position, 17.065, -89.624);
  citations = sitmap_event_store_get_citations (store, position, &n_citations);
  g_assert_cmpuint (n_citations, ==, 1);
  g_assert_cmpstr (citations[0].url, ==, "http://www.gdacs.org/report.aspx?eventtype=DR&eventid=1012649");
  g_assert_cmpint (citations[0].published.start, ==, io_time ("2019-12-30T01:27:00Z"));
  /* The feed is the source of every item, so that grading it grades them all */
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (document, citations[0].source)), ==,
                   "GDACS RSS information");
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "GDACS RSS information");
}

/* INGV's Atom earthquakes: titles and summaries in CDATA with newlines and indentation around them, dc:date
 * (the origin time) padded with white space, namespaces declared on the elements themselves. */
static void
test_corpus_ingv (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_corpus ("georss-ingv_earthquakes_all_week.xml", &import, &error);
  guint position;
  SitmapTime time;

  if (g_test_failed () || document == NULL)
    {
      g_assert_no_error (error);
      return;
    }
  /* xmllint --xpath "count(/descendant::*[local-name()='entry'])" → 363, each with a georss:point */
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 363);
  g_assert_cmpuint (n_placed (document), ==, 363);
  for (guint i = 0; i < 363; i++)
    {
      sitmap_event_store_get_time (store_of (document), i, &time);
      g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_EXACT);
    }
  /* The first entry: dc:date "\n            2018-10-01T13:19:56+00:00\n        ", point "38.3728 15.7213" */
  position = io_find_event (document, "smi:webservices.ingv.it/fdsnws/event/1/query?eventId=20814801");
  assert_instant (document, position, "2018-10-01T13:19:56Z");
  assert_point (document, position, 38.3728, 15.7213);
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), position), ==,
                   "2018-10-01 13:19:56 UTC -  Magnitude(ML) 1.7  -  Stretto di Messina (Reggio di Calabria, Messina)");
  g_assert_true (g_str_has_prefix (sitmap_event_store_get_summary (store_of (document), position), "A magnitude ML 1.7"));
  /* updated is when INGV revised the entry, not when the earth shook: kept as written */
  g_assert_cmpstr (attribute (document, position, "updated"), ==, "2018-10-01T13:24:25+00:00");
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (document, 0)), ==,
                   "Istituto Nazionale di Geofisica e Vulcanologia");
}

/* US-CERT's Atom alerts: encoding="ascii", the GeoRSS namespace bound to the prefix geo:, one entry of ten with a
 * place, XHTML content. */
static void
test_corpus_techalerts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_corpus ("georss-techalerts.xml", NULL, &error);
  g_autoptr (SitmapEvent) event = NULL;
  const char *const *links;
  guint position;

  if (g_test_failed () || document == NULL)
    {
      g_assert_no_error (error);
      return;
    }
  /* xmllint --xpath "count(/descendant::*[local-name()='entry'])" → 10;
   * "count(/descendant::*[local-name()='entry'][*[local-name()='point' and namespace-uri()='http://www.georss.org/georss']])"
   * → 1: the others are unplaced events, not errors */
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 10);
  g_assert_cmpuint (n_placed (document), ==, 1);
  position = io_find_event (document, "http://www.us-cert.gov/cas/techalerts/TA12-045A.html");
  assert_point (document, position, -13.4, 24.7);
  assert_instant (document, position, "2012-02-14T18:37:26Z");
  assert_unplaced (document, io_find_event (document, "http://www.us-cert.gov/cas/techalerts/TA12-024A.html"));
  /* The XHTML content is the summary, shown as its text with its links */
  event = sitmap_document_get_event (document, position);
  g_assert_nonnull (strstr (sitmap_event_get_summary (event), "Systems Affected"));
  g_assert_nonnull (strstr (sitmap_event_get_summary (event), "• Microsoft Windows"));
  g_assert_null (strstr (sitmap_event_get_summary (event), "<div"));
  g_assert_null (strstr (sitmap_event_get_summary (event), "<h2>"));
  /* What the alert writes as text stays: "&lt;https://…&gt;" */
  g_assert_nonnull (strstr (sitmap_event_get_summary (event), "<https://www.update.microsoft.com/>"));
  links = sitmap_event_get_links (event);
  g_assert_true (g_strv_contains (links, "https://technet.microsoft.com/en-us/security/bulletin/ms12-feb"));
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (document, 0)), ==, "US-CERT");
}

/* The two GML samples (from Wikipedia's GeoRSS article) are not well-formed XML: white space comes before the XML
 * declaration. libxml2, GDAL (expat) and web browsers all refuse them; so does Sitmap, saying where and what,
 * rather than guess at a file it cannot parse. */
static void
test_corpus_gml_refused (void)
{
  static const struct
  {
    const char *name;
    int         column;
  } files[] = {
    { "georss-gml.atom", 2 }, /* " <?xml version="2.0"…": one space */
    { "georss-gml.rss", 3 },  /* "  <?xml…": two */
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SitmapDocument) document = read_corpus (files[i].name, NULL, &error);

      if (document == NULL && error == NULL)
        return; /* skipped: no corpus */
      g_assert_null (document);
      g_assert_error (error, SITMAP_DOCUMENT_ERROR, SITMAP_DOCUMENT_ERROR_MALFORMED);
      io_assert_message_has_position (error->message, files[i].name, 1, files[i].column);
      g_assert_nonnull (strstr (error->message, "white space comes before the XML declaration"));
    }
}

/* With the stray white space removed, the RSS sample reads: one item, a GML polygon of eight positions, whose
 * numbers ("+71.106216 42.366661") are read in the order the GeoRSS GML profile fixes, latitude first. The
 * article meant Cambridge, Massachusetts (42.37 N, 71.11 W); a reader cannot know that, and must not guess. */
static void
test_corpus_gml_repaired (void)
{
  g_autofree char *path = corpus_path ("georss-gml.rss");
  g_autofree char *text = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  SitmapGeometry *polygon;
  guint n;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("the corpus folder is not configured (-Dcorpus_dir)");
      return;
    }
  document = read_feed (text + strspn (text, " \t\r\n"), NULL);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  polygon = sitmap_event_store_get_geometry (store_of (document), 0);
  g_assert_nonnull (polygon);
  g_assert_cmpint (sitmap_geometry_get_kind (polygon), ==, SITMAP_GEOMETRY_POLYGON);
  /* xmllint: the posList has 8 positions, the last the first */
  sitmap_geometry_get_ring (polygon, 0, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpfloat_with_epsilon (sitmap_geometry_get_ring (polygon, 0, &n)[1], 71.106216, 1e-9);
  assert_instant (document, 0, "2007-04-05T20:16:31Z");
  g_assert_cmpstr (sitmap_event_store_get_id (store_of (document), 0), ==, "00000111c36421c1321d3");
}

/*
 * Where: every way GeoRSS and the W3C vocabulary say it
 */

static void
test_geometries (void)
{
  static const char *feed =
    "<?xml version=\"1.0\"?>\n" ATOM_OPEN "\n"
    "<entry><id>point</id><georss:point>34.8 38.6</georss:point></entry>\n"
    "<entry><id>line</id><georss:line>34 38 35 39 36 38</georss:line></entry>\n"
    "<entry><id>polygon</id><georss:polygon>34 38 34 40 36 40 36 38 34 38</georss:polygon></entry>\n"
    "<entry><id>box</id><georss:box>34 38 36 40</georss:box></entry>\n"
    "<entry><id>gml-point</id><georss:where><gml:Point><gml:pos>\n 34.5 38.5 \n</gml:pos></gml:Point>"
    "</georss:where></entry>\n"
    "<entry><id>gml-line</id><georss:where><gml:LineString><gml:posList>34 38 35 39</gml:posList>"
    "</gml:LineString></georss:where></entry>\n"
    "<entry><id>gml-polygon</id><georss:where><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>"
    "30 30 30 40 40 40 40 30 30 30</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:LinearRing>"
    "<gml:posList>32 32 32 34 34 34</gml:posList></gml:LinearRing></gml:interior></gml:Polygon>"
    "</georss:where></entry>\n"
    "<entry><id>gml-envelope</id><georss:where><gml:Envelope><gml:lowerCorner>34 38</gml:lowerCorner>"
    "<gml:upperCorner>36 40</gml:upperCorner></gml:Envelope></georss:where></entry>\n"
    "<entry><id>crs84</id><georss:where><gml:Point srsName=\"urn:ogc:def:crs:OGC:1.3:CRS84\"><gml:pos>38.6 34.8"
    "</gml:pos></gml:Point></georss:where></entry>\n"
    "<entry><id>w3c</id><w:Point xmlns:w=\"http://www.w3.org/2003/01/geo/wgs84_pos#\"><w:lat>35.1</w:lat>"
    "<w:long>36.7</w:long></w:Point></entry>\n"
    "<entry><id>w3c-bare</id><geo:lat xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\">35.2</geo:lat>"
    "<geo:long xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\">36.8</geo:long></entry>\n"
    "<entry><id>extras</id><georss:point>34 38</georss:point><georss:radius>1500</georss:radius>"
    "<georss:elev>313</georss:elev><georss:featurename>Palmyra</georss:featurename></entry>\n"
    "<entry><id>nowhere</id><title>Statement from the capital</title></entry>\n"
    "</feed>";
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_feed (feed, &import);
  SitmapEventStore *store = store_of (document);
  SitmapGeometry *shape;
  guint n;
  double south, west, north, east;

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 13);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 0);
  assert_point (document, io_find_event (document, "point"), 34.8, 38.6);
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "line"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_LINE);
  /* GeoRSS is latitude first; a SitmapGeometry longitude first */
  g_assert_cmpfloat (sitmap_geometry_get_ring (shape, 0, &n)[0], ==, 38);
  g_assert_cmpuint (n, ==, 3);
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "polygon"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_POLYGON);
  /* A box is an area, anchored at its middle */
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "box"));
  g_assert_cmpint (sitmap_geometry_get_kind (shape), ==, SITMAP_GEOMETRY_POLYGON);
  sitmap_geometry_get_bounds (shape, &south, &west, &north, &east);
  g_assert_cmpfloat (south, ==, 34);
  g_assert_cmpfloat (west, ==, 38);
  g_assert_cmpfloat (north, ==, 36);
  g_assert_cmpfloat (east, ==, 40);
  assert_point (document, io_find_event (document, "box"), 35, 39);
  assert_point (document, io_find_event (document, "gml-point"), 34.5, 38.5);
  g_assert_cmpint (sitmap_geometry_get_kind (sitmap_event_store_get_geometry (store, io_find_event (document, "gml-line"))),
                   ==, SITMAP_GEOMETRY_LINE);
  shape = sitmap_event_store_get_geometry (store, io_find_event (document, "gml-polygon"));
  g_assert_cmpuint (sitmap_geometry_get_n_rings (shape), ==, 2);
  /* An open ring (three positions) is closed */
  sitmap_geometry_get_ring (shape, 1, &n);
  g_assert_cmpuint (n, ==, 4);
  assert_point (document, io_find_event (document, "gml-envelope"), 35, 39);
  assert_point (document, io_find_event (document, "crs84"), 34.8, 38.6);
  assert_point (document, io_find_event (document, "w3c"), 35.1, 36.7);
  assert_point (document, io_find_event (document, "w3c-bare"), 35.2, 36.8);
  g_assert_cmpuint (sitmap_event_store_get_radius (store, io_find_event (document, "extras")), ==, 1500);
  g_assert_cmpstr (sitmap_event_store_get_place_text (store, io_find_event (document, "extras")), ==, "Palmyra");
  g_assert_cmpstr (attribute (document, io_find_event (document, "extras"), "georss:elev"), ==, "313");
  assert_unplaced (document, io_find_event (document, "nowhere"));
}

/* Namespaces are told apart by their URI: any prefix, or none, means the same; the usual prefix bound to another
 * namespace means that other namespace. */
static void
test_namespaces_by_uri (void)
{
  static const char *feed =
    "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\" xmlns:geo=\"http://www.georss.org/georss\" "
    "xmlns:georss=\"urn:not-georss\">"
    "<a:entry><a:id>1</a:id><geo:point>10 20</geo:point><georss:point>50 60</georss:point></a:entry>"
    "<a:entry><a:id>2</a:id><point xmlns=\"http://www.georss.org/georss\">11 21</point></a:entry>"
    "</a:feed>";
  g_autoptr (SitmapDocument) document = read_feed (feed, NULL);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  assert_point (document, io_find_event (document, "1"), 10, 20);
  assert_point (document, io_find_event (document, "2"), 11, 21);
}

/* What cannot be placed is skipped, with its line and why; the rest is read. */
static void
test_bad_places_skipped (void)
{
  static const char *feed =
    RSS_OPEN "\n"
    "<item><guid>ok</guid><georss:point>34 38</georss:point></item>\n"
    "<item><title>Far north</title><guid>north</guid><georss:point>123 38</georss:point></item>\n"
    "<item><guid>word</guid><georss:point>north 38</georss:point></item>\n"
    "<item><guid>odd</guid><georss:point>34</georss:point></item>\n"
    "<item><guid>srs</guid><georss:where xmlns:gml=\"http://www.opengis.net/gml\"><gml:Point srsName=\"EPSG:3857\">"
    "<gml:pos>4300000 4100000</gml:pos></gml:Point></georss:where></item>\n"
    "<item><guid>half</guid><geo:lat xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\">34</geo:lat></item>\n"
    "<item><guid>ok</guid><georss:point>34 38</georss:point></item>\n"
    "<item><guid>hex</guid><georss:point>0x22 38</georss:point></item>\n" RSS_CLOSE;
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_feed (feed, &import);
  SitmapImportReport *report = sitmap_import_get_report (import);
  static const struct
  {
    guint       line;
    const char *words;
  } expected[] = {
    { 3, "“Far north”: the latitude 123 is out of range" },
    { 4, "the coordinate “north” is not a decimal number" },
    { 5, "do not come in pairs" },
    { 6, "reference system “EPSG:3857”" },
    { 7, "has a latitude (geo:lat) but no longitude" },
    { 8, "the same id “ok” as one before it" },
    { 9, "the coordinate “0x22” is not a decimal number" },
  };

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint line, column;
      const char *reason = sitmap_import_report_get_skipped (report, i, &line, &column);

      g_assert_cmpuint (line, ==, expected[i].line);
      if (strstr (reason, expected[i].words) == NULL)
        g_error ("line %u: “%s” does not say “%s”", line, reason, expected[i].words);
    }
}

/*
 * When
 */

static void
test_times (void)
{
  static const char *feed =
    RSS_OPEN "\n"
    "<item><guid>rfc822</guid><pubDate>Tue, 10 Dec 2024 05:30:00 GMT</pubDate></item>\n"
    "<item><guid>no-weekday</guid><pubDate>10 Dec 2024 05:30 +0300</pubDate></item>\n"
    "<item><guid>two-digit-year</guid><pubDate>Tue, 10 Dec 24 05:30:00 EST</pubDate></item>\n"
    "<item><guid>dc</guid><dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n 2024-12-10T05:30:00+03:00 \n"
    "</dc:date><pubDate>Wed, 11 Dec 2024 00:00:00 GMT</pubDate></item>\n"
    "<item><guid>range</guid><ev:startdate xmlns:ev=\"http://purl.org/rss/1.0/modules/event/\">2024-12-07"
    "</ev:startdate><ev:enddate xmlns:ev=\"http://purl.org/rss/1.0/modules/event/\">2024-12-08</ev:enddate></item>\n"
    "<item><guid>undated</guid></item>\n"
    "<item><guid>bad</guid><pubDate>Tuesday last week</pubDate></item>\n"
    "<item><guid>april-31</guid><pubDate>Thu, 31 Apr 2024 10:00:00 GMT</pubDate></item>\n" RSS_CLOSE;
  static const char *atom =
    ATOM_OPEN
    "<entry><id>published</id><published>2024-12-10T05:30:00.250+01:00</published>"
    "<updated>2024-12-12t00:00:00z</updated></entry>"
    "<entry><id>updated</id><updated>2024-12-12T00:00:00Z</updated></entry>"
    "</feed>";
  g_autoptr (SitmapImport) import = NULL;
  g_autoptr (SitmapDocument) document = read_feed (feed, &import);
  g_autoptr (SitmapDocument) atom_document = read_feed (atom, NULL);
  SitmapImportReport *report = sitmap_import_get_report (import);
  SitmapTime time;
  guint line, column;

  assert_instant (document, io_find_event (document, "rfc822"), "2024-12-10T05:30:00Z");
  assert_instant (document, io_find_event (document, "no-weekday"), "2024-12-10T02:30:00Z");
  assert_instant (document, io_find_event (document, "two-digit-year"), "2024-12-10T10:30:00Z");
  /* dc:date is the event's time; pubDate, when the report came out, goes to the citation */
  assert_instant (document, io_find_event (document, "dc"), "2024-12-10T02:30:00Z");
  sitmap_event_store_get_time (store_of (document), io_find_event (document, "range"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpint (time.start, ==, io_time ("2024-12-07"));
  g_assert_cmpint (time.end, ==, io_time ("2024-12-09"));
  sitmap_event_store_get_time (store_of (document), io_find_event (document, "undated"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_NONE);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 2);
  /* Lines counted in the feed above: the dc:date item takes three */
  g_assert_nonnull (strstr (sitmap_import_report_get_skipped (report, 0, &line, &column), "“Tuesday last week”"));
  g_assert_cmpuint (line, ==, 10);
  g_assert_nonnull (strstr (sitmap_import_report_get_skipped (report, 1, &line, &column), "“Thu, 31 Apr 2024"));
  g_assert_cmpuint (line, ==, 11);
  /* Atom: published before updated, fractions of a second dropped, a lower-case t and z read */
  assert_instant (atom_document, io_find_event (atom_document, "published"), "2024-12-10T04:30:00Z");
  assert_instant (atom_document, io_find_event (atom_document, "updated"), "2024-12-12T00:00:00Z");
  g_assert_cmpstr (attribute (atom_document, io_find_event (atom_document, "published"), "updated"), ==,
                   "2024-12-12t00:00:00z");
}

/*
 * What else an entry says
 */

static void
test_texts_links_and_categories (void)
{
  static const char *feed =
    "<rss version=\"2.0\"><channel><title>Wire</title><link>https://wire.example/</link>"
    "<item><guid isPermaLink=\"true\">https://wire.example/1</guid>"
    "<title>  Shelling\n   near Deir ez-Zor  </title>"
    "<description>&lt;p&gt;Two &lt;b&gt;killed&lt;/b&gt;, says &lt;a href=\"https://sohr.example/a\"&gt;SOHR&lt;/a&gt;"
    "&lt;/p&gt;</description>"
    "<category>Battles</category><category>Deir ez-Zor</category><author>desk@wire.example</author></item>"
    "<item><guid isPermaLink=\"false\">x-2</guid><link>https://wire.example/2</link>"
    "<title>&lt;b&gt;Bold&lt;/b&gt; claim</title><category>Earthquake</category></item>"
    "</channel></rss>";
  static const char *atom =
    ATOM_OPEN
    "<entry><id>1</id><title type=\"html\">Strike &amp;lt;b&amp;gt;reported&amp;lt;/b&amp;gt;</title>"
    "<summary type=\"text\">Use &lt;br&gt; here</summary><link rel=\"alternate\" href=\"https://atom.example/1\"/>"
    "<link rel=\"enclosure\" href=\"https://atom.example/1.jpg\"/><category term=\"protest\"/></entry>"
    "</feed>";
  g_autoptr (SitmapDocument) document = read_feed (feed, NULL);
  g_autoptr (SitmapDocument) atom_document = read_feed (atom, NULL);
  g_autoptr (SitmapEvent) first = sitmap_document_get_event (document, io_find_event (document, "https://wire.example/1"));
  g_autoptr (SitmapEvent) atom_event = NULL;
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const SitmapCitationRecord *citations;
  guint position, n, n_attributes;
  g_autofree const char **attributes = NULL;

  /* A title is one line, trimmed; the summary is shown as text, with its links */
  g_assert_cmpstr (sitmap_event_get_title (first), ==, "Shelling near Deir ez-Zor");
  g_assert_cmpstr (sitmap_event_get_summary (first), ==, "Two killed, says SOHR");
  g_assert_true (g_strv_contains (sitmap_event_get_links (first), "https://sohr.example/a"));
  position = io_find_event (document, "https://wire.example/1");
  g_assert_cmpint (columns->category[position], ==, SITMAP_CATEGORY_BATTLE);
  attributes = io_dup_attributes (store_of (document), position, &n_attributes);
  g_assert_cmpuint (n_attributes, ==, 3);
  g_assert_cmpstr (attributes[1], ==, "Battles");
  g_assert_cmpstr (attributes[3], ==, "Deir ez-Zor");
  g_assert_cmpstr (attribute (document, position, "author"), ==, "desk@wire.example");
  /* A permalink guid is the report's address; otherwise the link is */
  citations = sitmap_event_store_get_citations (store_of (document), position, &n);
  g_assert_cmpstr (citations[0].url, ==, "https://wire.example/1");
  position = io_find_event (document, "x-2");
  citations = sitmap_event_store_get_citations (store_of (document), position, &n);
  g_assert_cmpstr (citations[0].url, ==, "https://wire.example/2");
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), position), ==, "Bold claim");
  /* A category that is none of Sitmap's leaves the event's "other", and is kept */
  g_assert_cmpint (columns->category[position], ==, SITMAP_CATEGORY_OTHER);
  g_assert_cmpstr (attribute (document, position, "category"), ==, "Earthquake");

  atom_event = sitmap_document_get_event (atom_document, 0);
  g_assert_cmpstr (sitmap_event_get_title (atom_event), ==, "Strike <b>reported</b>");
  /* Text that looks like HTML but is said to be text is shown as written */
  g_assert_cmpstr (sitmap_event_get_summary (atom_event), ==, "Use <br> here");
  citations = sitmap_event_store_get_citations (store_of (atom_document), 0, &n);
  g_assert_cmpstr (citations[0].url, ==, "https://atom.example/1");
  g_assert_cmpstr (sitmap_source_get_name (sitmap_document_get_source (atom_document, citations[0].source)), ==, "Desk");
  g_assert_cmpstr (attribute (atom_document, 0, "link:enclosure"), ==, "https://atom.example/1.jpg");
  g_assert_cmpint (sitmap_document_get_columns (atom_document)->category[0], ==, SITMAP_CATEGORY_PROTEST);
}

/* RSS 1.0: items beside the channel, in the RSS 1.0 namespace, under rdf:RDF. */
static void
test_rss1 (void)
{
  static const char *feed =
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:georss=\"http://www.georss.org/georss\">"
    "<channel rdf:about=\"https://old.example/\"><title>Old</title><link>https://old.example/</link></channel>"
    "<item rdf:about=\"https://old.example/1\"><title>One</title><link>https://old.example/1</link>"
    "<dc:date>2004-05-06</dc:date><georss:point>1 2</georss:point></item></rdf:RDF>";
  g_autoptr (SitmapDocument) document = read_feed (feed, NULL);
  SitmapTime time;

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  /* No guid: the address is the id, as feed readers tell items apart */
  g_assert_cmpstr (sitmap_event_store_get_id (store_of (document), 0), ==, "https://old.example/1");
  sitmap_event_store_get_time (store_of (document), 0, &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_DAY);
  assert_point (document, 0, 1, 2);
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "Old");
}

/* A byte order mark, and encodings other than UTF-8 that the file declares. */
static void
test_encodings (void)
{
  static const char latin1[] =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" RSS_OPEN
    "<item><guid>1</guid><title>Caf\xe9 bomb\xe9</title><georss:point>1 2</georss:point></item>" RSS_CLOSE;
  static const char bom[] = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>" RSS_OPEN
                            "<item><guid>1</guid><title>\xC3\xA9t\xC3\xA9</title></item>" RSS_CLOSE;
  g_autoptr (SitmapDocument) from_latin1 = read_feed (latin1, NULL);
  g_autoptr (SitmapDocument) from_bom = read_feed (bom, NULL);

  g_assert_cmpstr (sitmap_event_store_get_title (store_of (from_latin1), 0), ==, "Café bombé");
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (from_bom), 0), ==, "été");
}

/*
 * What is refused, as the KML reader refuses it
 */

static void
assert_refused (const char *text, gssize length, int code, int line, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = read_bytes (text, length, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, SITMAP_DOCUMENT_ERROR, code);
  if (line >= 0)
    io_assert_message_has_position (error->message, "feed.xml", line, 0);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_hostile (void)
{
  static const char *entity_bomb =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
    "<rss><channel><item><title>&b;</title></item></channel></rss>";
  static const char *external =
    "<!DOCTYPE rss SYSTEM \"http://evil.example/rss.dtd\"><rss><channel/></rss>";
  static const char *undefined_entity = RSS_OPEN "<item><title>a&nbsp;b</title></item>" RSS_CLOSE;
  static const char *truncated = RSS_OPEN "<item><title>cut";
  g_autoptr (GString) deep = g_string_new (RSS_OPEN "<item>");
  g_autoptr (GString) big = g_string_new (RSS_OPEN "<item><title>");

  assert_refused (entity_bomb, -1, SITMAP_DOCUMENT_ERROR_UNSAFE, 2, "document type declaration");
  assert_refused (external, -1, SITMAP_DOCUMENT_ERROR_UNSAFE, 1, "GeoRSS never needs");
  assert_refused (undefined_entity, -1, SITMAP_DOCUMENT_ERROR_MALFORMED, 1, "“&nbsp;” is not defined");
  assert_refused (truncated, -1, SITMAP_DOCUMENT_ERROR_MALFORMED, 1, "cut short");
  for (guint i = 0; i < 200; i++)
    g_string_append (deep, "<x:a xmlns:x=\"urn:x\">");
  assert_refused (deep->str, deep->len, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1, "nested more than");
  for (guint i = 0; i < SITMAP_XML_MAX_TEXT_BYTES / 8 + 1; i++)
    g_string_append (big, "abcdefgh");
  g_string_append (big, "</title></item>" RSS_CLOSE);
  /* Sitmap's own limit on one element's text, named with the element */
  assert_refused (big->str, big->len, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1, "the text of <title> is longer than");
  /* A KML file given to the feed reader is named for what it is */
  assert_refused ("<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>", -1, SITMAP_DOCUMENT_ERROR_NOT_KML, 1,
                  "but a GeoRSS document begins with <rss>");
  assert_refused ("<html><body/></html>", -1, SITMAP_DOCUMENT_ERROR_NOT_KML, 1,
                  "this is a web page (HTML), not a GeoRSS document");
}

/* A cancelled import gives nothing and says it was cancelled. */
static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GBytes) bytes = g_bytes_new_static (RSS_OPEN "<item><guid>1</guid></item>" RSS_CLOSE,
                                                 strlen (RSS_OPEN "<item><guid>1</guid></item>" RSS_CLOSE));
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  sitmap_import_begin (import, "feed.xml", cancellable);
  g_assert_null (sitmap_georss_read (bytes, import, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Feeds are found by their content whatever their name; a KML file stays KML. */
static void
test_detection (void)
{
  static const struct
  {
    const char *head;
    const char *id;
  } cases[] = {
    { RSS_OPEN RSS_CLOSE, "georss" },
    { "<rss version=\"2.0\"><channel/></rss>", "georss" },
    { "\xEF\xBB\xBF<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "georss" },
    { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"/>",
      "georss" },
    { "<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>", "kml" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (cases[i].head, strlen (cases[i].head));
      const SitmapFormat *format = sitmap_format_detect (bytes, "download.xml", NULL);

      g_assert_nonnull (format);
      g_assert_cmpstr (format->id, ==, cases[i].id);
    }
  /* An RDF file that is no feed is not claimed */
  g_assert_cmpuint (sitmap_georss_sniff ((const guint8 *) "<rdf:RDF xmlns:rdf=\"x\"/>", 24), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/georss/corpus/gdacs", test_corpus_gdacs);
  g_test_add_func ("/georss/corpus/ingv", test_corpus_ingv);
  g_test_add_func ("/georss/corpus/techalerts", test_corpus_techalerts);
  g_test_add_func ("/georss/corpus/gml-refused", test_corpus_gml_refused);
  g_test_add_func ("/georss/corpus/gml-repaired", test_corpus_gml_repaired);
  g_test_add_func ("/georss/geometries", test_geometries);
  g_test_add_func ("/georss/namespaces-by-uri", test_namespaces_by_uri);
  g_test_add_func ("/georss/bad-places-skipped", test_bad_places_skipped);
  g_test_add_func ("/georss/times", test_times);
  g_test_add_func ("/georss/texts-links-categories", test_texts_links_and_categories);
  g_test_add_func ("/georss/rss1", test_rss1);
  g_test_add_func ("/georss/encodings", test_encodings);
  g_test_add_func ("/georss/hostile", test_hostile);
  g_test_add_func ("/georss/detection", test_detection);
  g_test_add_func ("/georss/cancelled", test_cancelled);
  return g_test_run ();
}
