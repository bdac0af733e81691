/* test-kml-corpus.c: real KML written by other programs, read as a user expects, and saved without loss
 *
 * Each check runs on the redistributable copies in tests/data/corpus, always, and on the shared corpus folder
 * (SITMAP_CORPUS_DIR, which also holds the files whose licence does not allow copying) when it is set.
 *
 * The numbers expected are counted independently of Sitmap, with libxml2's xmllint on each file:
 *   xmllint --xpath "count(//Placemark)" FILE, with local-name() for each name (Placemark, GroundOverlay, when…)
 * as given beside each check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "io-test-util.h"

typedef struct
{
  const char *name;
  void (*check) (SitmapDocument *document, SitmapImportReport *report);
  gboolean    redistributable;
} CorpusFile;

static SitmapEventStore *
store_of (SitmapDocument *document)
{
  return sitmap_document_get_store (document);
}

/* The first event with this title */
static guint
find_titled (SitmapDocument *document, const char *title)
{
  for (guint i = 0; i < sitmap_document_get_n_events (document); i++)
    if (g_strcmp0 (sitmap_event_store_get_title (store_of (document), i), title) == 0)
      return i;
  g_error ("no event titled “%s”", title);
  return 0;
}

static void
assert_span (SitmapDocument *document, guint position, const char *begin, const char *end_exclusive,
             SitmapTimeUnit unit)
{
  SitmapTime time;

  sitmap_event_store_get_time (store_of (document), position, &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpint (time.start, ==, io_time (begin));
  g_assert_cmpint (time.end, ==, io_time (end_exclusive));
  g_assert_cmpint (time.start_unit, ==, unit);
  g_assert_cmpint (time.end_unit, ==, unit);
}

static guint
n_line_points (SitmapDocument *document, guint position)
{
  SitmapGeometry *line = sitmap_event_store_get_geometry (store_of (document), position);
  guint n;

  g_assert_nonnull (line);
  g_assert_cmpint (sitmap_geometry_get_kind (line), ==, SITMAP_GEOMETRY_LINE);
  sitmap_geometry_get_ring (line, 0, &n);
  return n;
}

/* The name of the folder an event came in, and of the one around it; NULL for none. */
static const char *
group_name (SitmapDocument *document, guint position, guint up)
{
  guint group = sitmap_event_store_get_group (store_of (document), position);

  for (guint i = 0; i < up && group != 0; i++)
    sitmap_event_store_get_group_name (store_of (document), group, &group);
  return group ? sitmap_event_store_get_group_name (store_of (document), group, NULL) : NULL;
}

/* The value of the event's attribute (a Data or SchemaData value of the file) with this name, or NULL. */
static const char *
attribute (SitmapDocument *document, guint position, const char *name)
{
  return sitmap_event_store_lookup_attribute (store_of (document), position, name);
}

/* Every form of date KML allows, and a negative altitude, which is ignored.
 * xmllint: 5 Placemark, 5 when, 5 with coordinates; nothing is left out. */
static void
check_xsddatetime (SitmapDocument *document, SitmapImportReport *report)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  static const struct
  {
    const char         *title;
    SitmapTimePrecision precision;
    const char         *start;
  } expected[] = {
    { "gYear (YYYY)", SITMAP_TIME_PRECISION_YEAR, "1997" },
    { "gYearMonth (YYYY-MM)", SITMAP_TIME_PRECISION_MONTH, "1997-07" },
    { "date (YYYY-MM-DD)", SITMAP_TIME_PRECISION_DAY, "1997-07-16" },
    { "dateTime (YYYY-MM-DDThh:mm:ssZ)", SITMAP_TIME_PRECISION_EXACT, "1997-07-16T07:30:15Z" },
    { "dateTime (YYYY-MM-DDThh:mm:sszzzzzz)", SITMAP_TIME_PRECISION_EXACT, "1997-07-16T07:30:15Z" },
  };

  g_assert_cmpuint (columns->n_events, ==, 5);
  g_assert_cmpuint (columns->n_dated, ==, 5);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint position = find_titled (document, expected[i].title);
      double lat, lon;

      g_assert_cmpint (columns->time_precision[position], ==, expected[i].precision);
      g_assert_cmpint (columns->start[position], ==, io_time (expected[i].start));
      g_assert_true (sitmap_event_store_get_location (store_of (document), position, &lat, &lon));
      g_assert_cmpfloat (lat, ==, 36.460850);
      g_assert_cmpfloat (lon, ==, -116.865460);
    }
}

/* Waypoints with times, a gx:Track, a plain path, and HTML in CDATA descriptions.
 * xmllint: 11 Placemark (10 with a when, 17 when in all: 9 TimeStamps and the track's 8), 11 with
 * coordinates or gx:coord (8 gx:coord, as many as the track's when), 4 Folder, 2 gx:SimpleArrayData. */
static void
check_garmin (SitmapDocument *document, SitmapImportReport *report)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const SitmapDocumentView *view = sitmap_document_get_view (document);
  guint track = find_titled (document, "2008-08-20T07:04:47Z");
  guint path = find_titled (document, "Path");
  guint lap = find_titled (document, "LAP001");
  const char *summary = sitmap_event_store_get_summary (store_of (document), find_titled (document,
                                                                                            "2008-08-20T07:04:47Z-0"));

  g_assert_cmpstr (sitmap_document_get_title (document), ==, "GPS device");
  g_assert_cmpuint (columns->n_events, ==, 11);
  g_assert_cmpuint (columns->n_dated, ==, 10);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 0);
  for (guint i = 0; i < columns->n_events; i++)
    g_assert_true (columns->flags[i] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_cmpuint (n_line_points (document, track), ==, 8);
  /* Its folders, as Google Earth lists them: Waypoints; Tracks › 2008-08-20T07:04:47Z › Points */
  g_assert_cmpuint (sitmap_event_store_get_n_groups (store_of (document)), ==, 4);
  g_assert_cmpstr (group_name (document, lap, 0), ==, "Waypoints");
  g_assert_null (group_name (document, lap, 1));
  g_assert_cmpstr (group_name (document, track, 0), ==, "Tracks");
  g_assert_cmpstr (group_name (document, path, 0), ==, "2008-08-20T07:04:47Z");
  g_assert_cmpstr (group_name (document, path, 1), ==, "Tracks");
  g_assert_cmpstr (group_name (document, find_titled (document, "2008-08-20T07:04:47Z-0"), 0), ==, "Points");
  /* The track's per-point values, in order, an empty one kept in its place */
  g_assert_cmpstr (attribute (document, track, "cadence"), ==, "151, 153, 153, 153, , , 76, 124");
  g_assert_cmpstr (attribute (document, track, "heartrate"), ==, "111, 112, 113, 114, 114, 114, 116, 117");
  assert_span (document, track, "2008-08-20T07:04:48Z", "2008-08-20T07:04:56Z", SITMAP_TIME_UNIT_SECOND);
  g_assert_cmpint (columns->time_precision[path], ==, SITMAP_TIME_PRECISION_NONE);
  g_assert_true (columns->flags[path] & SITMAP_EVENT_FLAG_LINE);
  g_assert_cmpint (columns->time_precision[lap], ==, SITMAP_TIME_PRECISION_EXACT);
  g_assert_cmpint (columns->start[lap], ==, io_time ("2008-08-20T07:04:48Z"));
  /* The HTML stays as written, trimmed, for the sidebar to show as text */
  g_assert_true (g_str_has_prefix (summary, "<table>\n<tr><td>Longitude: -0.035187</td></tr>"));
  g_assert_true (g_str_has_suffix (summary, "</table>"));
  /* The opening view comes from the LookAt, close in */
  g_assert_true (view->has_position);
  g_assert_cmpfloat (view->latitude, ==, 51.506248);
  g_assert_cmpfloat (view->zoom, >, 14);
}

/* The sloppy track: xmllint counts 7 when for 6 gx:coord. Each when is the time of the coord beside it: the
 * seventh has none, so the track runs from the first when (02:02:09) to the sixth (02:02:55, so to 02:02:56
 * exclusive), and the report says the seventh was left out, at the gx:Track (line 8). Its one
 * gx:SimpleArrayData of 3 values is kept. */
static void
check_bad_track (SitmapDocument *document, SitmapImportReport *report)
{
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpuint (n_line_points (document, 0), ==, 6);
  assert_span (document, 0, "2010-05-28T02:02:09Z", "2010-05-28T02:02:56Z", SITMAP_TIME_UNIT_SECOND);
  g_assert_null (sitmap_event_store_get_title (store_of (document), 0));
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 1);
  io_assert_skipped (report, 8, 5, "a gx:Track has 7 <when> but 6 <gx:coord>: the last <when>, which has no place, "
                                   "was left out");
  g_assert_cmpstr (attribute (document, 0, "cadence"), ==, "86, 103, 108");
}

/* KML 2.0, no times at all, a non-KML <magnitude> in every Placemark, ids with spaces.
 * xmllint: 1535 Placemark, all with coordinates, no when, begin or end; 1 Folder ("Magnitude 5"). */
static void
check_earthquakes (SitmapDocument *document, SitmapImportReport *report)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  double lat, lon;

  g_assert_cmpstr (sitmap_document_get_title (document), ==, "2012 Earthquakes, Magnitude 5");
  g_assert_cmpuint (columns->n_events, ==, 1535);
  g_assert_cmpuint (columns->n_dated, ==, 0);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpstr (group_name (document, 0, 0), ==, "Magnitude 5");
  for (guint i = 0; i < columns->n_events; i++)
    {
      g_assert_true (columns->flags[i] & SITMAP_EVENT_FLAG_PLACED);
      g_assert_null (sitmap_event_store_get_summary (store_of (document), i));
    }
  /* Undated events keep the file's order */
  g_assert_cmpstr (sitmap_event_store_get_id (store_of (document), 0), ==, "2012 Jan 15 13:40:16.40 UTC");
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), 0), ==,
                   "M 5.9 - 2012 Jan 15, SOUTH SHETLAND ISLANDS");
  g_assert_true (sitmap_event_store_get_location (store_of (document), 0, &lat, &lon));
  g_assert_cmpfloat (lat, ==, -60.975);
  g_assert_cmpfloat (lon, ==, -56.072);
}

/* Hundreds of exact moments, no names. xmllint: 361 Placemark, 361 when, 361 with coordinates. */
static void
check_time_stamp_point (SitmapDocument *document, SitmapImportReport *report)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (columns->n_events, ==, 361);
  g_assert_cmpuint (columns->n_dated, ==, 361);
  for (guint i = 0; i < columns->n_events; i++)
    {
      g_assert_cmpint (columns->time_precision[i], ==, SITMAP_TIME_PRECISION_EXACT);
      g_assert_true (columns->flags[i] & SITMAP_EVENT_FLAG_PLACED);
    }
  g_assert_cmpint (columns->start[0], ==, io_time ("2007-01-14T21:05:02Z"));
  g_assert_cmpint (columns->start[360], ==, io_time ("2007-01-14T22:36:20Z"));
}

/* A helicopter's gx:Track, whose name is a timestamp that is not its time.
 * xmllint: 1 Placemark, 213 when and 213 gx:coord (the last when is 23:40:29Z). */
static void
check_catalina (SitmapDocument *document, SitmapImportReport *report)
{
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpstr (sitmap_event_store_get_title (store_of (document), 0), ==, "2009-08-13T17:35:24Z");
  g_assert_cmpuint (n_line_points (document, 0), ==, 213);
  assert_span (document, 0, "2009-08-17T23:22:32Z", "2009-08-17T23:40:30Z", SITMAP_TIME_UNIT_SECOND);
}

/* Ground overlays in Google's old 2.2 namespace, timed by months (gYearMonth).
 * xmllint: 12 GroundOverlay, 12 LatLonBox, 12 begin and 12 end, 12 Icon href on the network (the first on
 * line 23): listed, never fetched. */
static void
check_time_spans (SitmapDocument *document, SitmapImportReport *report)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint january = find_titled (document, "Blue Marble - Jan");
  guint line;

  g_assert_cmpstr (sitmap_document_get_title (document), ==, "Overlays with TimeSpans");
  g_assert_cmpuint (columns->n_events, ==, 12);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 0);
  g_assert_cmpuint (sitmap_import_report_get_n_links (report), ==, 12);
  g_assert_cmpstr (sitmap_import_report_get_link (report, 0, &line), ==,
                   "http://mw1.google.com/mw-earth-vectordb/kml-samples/bmng12/files/BMNG-Jan.jpg");
  g_assert_cmpuint (line, ==, 23);
  for (guint i = 0; i < columns->n_events; i++)
    {
      SitmapTime time;

      sitmap_event_store_get_time (store_of (document), i, &time);
      g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
      g_assert_cmpint (time.start_unit, ==, SITMAP_TIME_UNIT_MONTH);
      g_assert_cmpint (time.end_unit, ==, SITMAP_TIME_UNIT_MONTH);
      g_assert_true (columns->flags[i] & SITMAP_EVENT_FLAG_AREA);
    }
  /* <begin>2004-01</begin><end>2004-02</end> covers both months, to the end of February */
  assert_span (document, january, "2004-01", "2004-03", SITMAP_TIME_UNIT_MONTH);
}

static const CorpusFile files[] = {
  { "kml-xsddatetime.kml", check_xsddatetime, TRUE },
  { "kml-gpx_garmin_extensions-kml_track.kml", check_garmin, TRUE },
  { "kml-badTrack.kml", check_bad_track, TRUE },
  { "kml-2012_Earthquakes_Mag5.kml", check_earthquakes, TRUE },
  { "kml-time-stamp-point.kml", check_time_stamp_point, FALSE },
  { "kml-catalina-track.kml", check_catalina, FALSE },
  { "kml-Time.Time_Spans.kml", check_time_spans, FALSE },
};

typedef struct
{
  const CorpusFile *file;
  char             *path;
} CorpusCase;

static void
test_corpus_file (gconstpointer data)
{
  const CorpusCase *test = data;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapImportReport) copy_report = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  g_autoptr (SitmapDocument) copy_of_copy = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;

  g_assert_true (g_file_get_contents (test->path, &contents, &length, NULL));
  document = io_test_import_string (contents, length, &report);
  test->file->check (document, report);
  /* Other programs' KML: saving over it would drop what Sitmap does not read */
  g_assert_false (sitmap_document_is_native (document));
  /* Saved by Sitmap, the same document comes back, and saving it again changes no byte */
  copy = io_test_round_trip (document, &first);
  io_assert_documents_equal (document, copy);
  /* Sitmap's copy reads back whole: nothing left out of it, no link but those the file had */
  g_clear_object (&copy);
  copy = io_test_import_string (g_bytes_get_data (first, NULL), g_bytes_get_size (first), &copy_report);
  io_assert_documents_equal (document, copy);
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (copy_report), ==, 0);
  g_assert_true (sitmap_document_is_native (copy));
  copy_of_copy = io_test_round_trip (copy, &second);
  g_assert_true (g_bytes_equal (first, second));
}

static void
corpus_case_free (gpointer data)
{
  CorpusCase *test = data;

  g_free (test->path);
  g_free (test);
}

static void
add_tests (const char *kind, const char *dir, gboolean only_redistributable)
{
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      CorpusCase *test;
      g_autofree char *name = NULL;

      if (only_redistributable && !files[i].redistributable)
        continue;
      test = g_new0 (CorpusCase, 1);
      test->file = &files[i];
      test->path = g_build_filename (dir, files[i].name, NULL);
      name = g_strdup_printf ("/io/corpus/%s/%s", kind, files[i].name);
      g_test_add_data_func_full (name, test, test_corpus_file, corpus_case_free);
    }
}

int
main (int argc, char *argv[])
{
  const char *corpus = g_getenv ("SITMAP_CORPUS_DIR");
  g_autofree char *copies = NULL;

  g_test_init (&argc, &argv, NULL);
  copies = io_test_data_path ("corpus");
  add_tests ("copies", copies, TRUE);
  if (corpus != NULL && *corpus != '\0')
    add_tests ("shared", corpus, FALSE);
  return g_test_run ();
}
