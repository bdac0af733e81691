/* test-kml-lenient.c: KML as Google Earth reads it, each case a small file in tests/data/kml-lenient
 *
 * Files other programs write that Sitmap used to refuse whole. Each is read; what cannot be read is left
 * out, and the import's report says what and where (line and column).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "io-test-util.h"

static SitmapDocument *
import_file (const char *name, SitmapImportReport **report)
{
  g_autofree char *path = io_test_data_path (name);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return io_test_import_string (contents, length, report);
}

static SitmapEventStore *
store_of (SitmapDocument *document)
{
  return sitmap_document_get_store (document);
}

static guint
find_titled (SitmapDocument *document, const char *title)
{
  for (guint i = 0; i < sitmap_document_get_n_events (document); i++)
    if (g_strcmp0 (sitmap_event_store_get_title (store_of (document), i), title) == 0)
      return i;
  g_error ("no event titled “%s”", title);
  return 0;
}

static const char *
attribute (SitmapDocument *document, guint position, const char *name)
{
  return sitmap_event_store_lookup_attribute (store_of (document), position, name);
}

static guint
n_line_points (SitmapDocument *document, guint position)
{
  SitmapGeometry *line = sitmap_event_store_get_geometry (store_of (document), position);
  guint n;

  g_assert_nonnull (line);
  sitmap_geometry_get_ring (line, 0, &n);
  return n;
}

static void
assert_nothing_left_out (SitmapImportReport *report)
{
  g_autofree char *text = sitmap_import_report_dup_text (report);

  if (sitmap_import_report_get_n_skipped (report) != 0)
    g_error ("something was left out:\n%s", text);
}

/* A saved copy reads back the same, whole */
static void
assert_round_trip (SitmapDocument *document)
{
  g_autoptr (SitmapDocument) copy = io_test_round_trip (document, NULL);

  io_assert_documents_equal (document, copy);
}

/* "38.1,35.2," and tuples with and without an altitude */
static void
test_trailing_comma (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/trailing-comma.kml", &report);
  double latitude, longitude;

  assert_nothing_left_out (report);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 3);
  g_assert_true (sitmap_event_store_get_location (store_of (document), find_titled (document, "Point with a trailing comma"),
                                                  &latitude, &longitude));
  g_assert_cmpfloat (latitude, ==, 35.2);
  g_assert_cmpfloat (longitude, ==, 38.1);
  g_assert_cmpuint (n_line_points (document, find_titled (document, "Road with a comma after each tuple")), ==, 3);
  g_assert_cmpuint (n_line_points (document, find_titled (document, "Altitude on some tuples only")), ==, 3);
  assert_round_trip (document);
}

/* An overlay whose box or quad is empty is an overlay without a place */
static void
test_empty_boxes (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/empty-boxes.kml", &report);
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);

  assert_nothing_left_out (report);
  g_assert_cmpuint (columns->n_events, ==, 3);
  g_assert_false (columns->flags[find_titled (document, "Empty box")] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_cmpint (columns->time_precision[find_titled (document, "Empty box")], ==, SITMAP_TIME_PRECISION_MONTH);
  g_assert_false (columns->flags[find_titled (document, "Empty quad")] & SITMAP_EVENT_FLAG_PLACED);
  g_assert_true (columns->flags[find_titled (document, "A real box")] & SITMAP_EVENT_FLAG_AREA);
  assert_round_trip (document);
}

/* gx: used undeclared is read as Google's gx; an unknown prefix (atom: here) is left out; each is said once,
 * where it is first met */
static void
test_undeclared_prefix (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/undeclared-prefix.kml", &report);
  SitmapTime time;

  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 2);
  io_assert_skipped (report, 6, 3, "the prefix “atom” of <atom:author> is not declared: it and every other element "
                                   "with that prefix were left out");
  io_assert_skipped (report, 9, 5, "the prefix “gx” of <gx:Track> is not declared: it and every other element with "
                                   "that prefix were read as the usual gx, http://www.google.com/kml/ext/2.2");
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpuint (n_line_points (document, 0), ==, 2);
  sitmap_event_store_get_time (store_of (document), 0, &time);
  g_assert_cmpint (time.start, ==, io_time ("2024-12-01T10:00:00Z"));
  g_assert_cmpint (time.end, ==, io_time ("2024-12-01T11:00:01Z"));
  /* Read with something said, it is not saved over as if whole */
  g_assert_false (sitmap_document_is_native (document));
}

/* A Document or a Folder alone, as Google Earth opens them, in the KML namespace or in none */
static void
test_roots (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapImportReport) folder_report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/root-document.kml", &report);
  g_autoptr (SitmapDocument) folder = import_file ("kml-lenient/root-folder.kml", &folder_report);

  assert_nothing_left_out (report);
  g_assert_cmpstr (sitmap_document_get_title (document), ==, "A Document without kml around it");
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpint (sitmap_document_get_columns (document)->time_precision[0], ==, SITMAP_TIME_PRECISION_DAY);
  assert_nothing_left_out (folder_report);
  g_assert_cmpstr (sitmap_document_get_title (folder), ==, "A Folder alone, in no namespace");
  g_assert_cmpuint (sitmap_document_get_n_events (folder), ==, 2);
  /* The document's own container is not a group */
  g_assert_cmpuint (sitmap_event_store_get_n_groups (store_of (folder)), ==, 0);
  assert_round_trip (folder);
}

/* Google Earth 5's custom features are read as events, their fields as attributes */
static void
test_schema_parent (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/schema-parent.kml", &report);
  guint bingol, offshore;

  assert_nothing_left_out (report);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  bingol = find_titled (document, "M 5.1 near Bingöl");
  offshore = find_titled (document, "M 4.7 offshore");
  g_assert_cmpstr (attribute (document, bingol, "Region"), ==, "Eastern Turkey");
  g_assert_cmpstr (attribute (document, bingol, "Magnitude"), ==, "5.1");
  g_assert_cmpstr (attribute (document, offshore, "Magnitude"), ==, "4.7");
  g_assert_null (attribute (document, offshore, "Region"));
  g_assert_cmpint (sitmap_document_get_columns (document)->start[bingol], ==, io_time ("2024-10-16T15:46:00Z"));
  g_assert_true (sitmap_document_get_columns (document)->flags[offshore] & SITMAP_EVENT_FLAG_PLACED);
  assert_round_trip (document);

  /* One that comes before its Schema is not dropped silently */
  {
    g_autoptr (SitmapImportReport) after_report = NULL;
    g_autoptr (SitmapDocument) after = import_file ("kml-lenient/schema-after.kml", &after_report);

    g_assert_cmpuint (sitmap_document_get_n_events (after), ==, 1);
    find_titled (after, "After it");
    g_assert_cmpuint (sitmap_import_report_get_n_skipped (after_report), ==, 1);
    io_assert_skipped (after_report, 5, 3, "<S_Quake_SDD> elements come before the Schema that makes them Placemarks");
  }
}

/* Data and SchemaData are the events' attributes, kept as written and written back as Data */
static void
test_extended_data (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/extended-data.kml", &report);
  g_autoptr (GBytes) written = NULL;
  g_autoptr (SitmapDocument) copy = NULL;
  guint data, schema_data;

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 3);
  data = find_titled (document, "Data");
  schema_data = find_titled (document, "SchemaData");
  g_assert_cmpstr (attribute (document, data, "admin1"), ==, "Deir ez-Zor");
  g_assert_cmpstr (attribute (document, data, "notes"), ==, "Two & a half lines\nof notes");
  g_assert_cmpstr (attribute (document, data, "empty"), ==, "");
  g_assert_cmpstr (attribute (document, schema_data, "fatalities"), ==, "12");
  g_assert_cmpstr (attribute (document, schema_data, "source"), ==, "SOHR; AFP");
  /* A value without a name cannot be kept: said, and its Placemark read all the same */
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 1);
  io_assert_skipped (report, 31, 7, "a <Data> value without a name was left out");
  find_titled (document, "A value without a name");

  copy = io_test_round_trip (document, &written);
  io_assert_documents_equal (document, copy);
  g_assert_nonnull (strstr (g_bytes_get_data (written, NULL),
                            "<Data name=\"admin1\">\n            <value>Deir ez-Zor</value>"));
}

/* Folders are the events' groups, and are written back as folders; one without events is not kept */
static void
test_folders (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/folders.kml", &report);
  SitmapEventStore *store = store_of (document);
  guint parent;

  assert_nothing_left_out (report);
  g_assert_cmpuint (sitmap_event_store_get_n_groups (store), ==, 2);
  g_assert_cmpstr (sitmap_event_store_get_group_name (store, 1, &parent), ==, "Deir ez-Zor");
  g_assert_cmpuint (parent, ==, 0);
  g_assert_cmpstr (sitmap_event_store_get_group_name (store, 2, &parent), ==, "Al-Bukamal district");
  g_assert_cmpuint (parent, ==, 1);
  g_assert_cmpuint (sitmap_event_store_get_group (store, find_titled (document, "Al-Mayadin")), ==, 1);
  g_assert_cmpuint (sitmap_event_store_get_group (store, find_titled (document, "Al-Bukamal")), ==, 2);
  g_assert_cmpuint (sitmap_event_store_get_group (store, find_titled (document, "In no folder")), ==, 0);
  assert_round_trip (document);

  /* Written back, a group's events come before its subgroups, and events in no group first: undated events
   * of a file in another order come back in that one (dated ones are in time order anyway). */
  {
    g_autoptr (SitmapDocument) mixed = io_test_import_string (
      "<kml><Document><Folder><name>Top</name><Folder><name>Inner</name><Placemark><name>inner</name></Placemark>"
      "</Folder><Placemark><name>after the inner folder</name></Placemark></Folder>"
      "<Placemark><name>last</name></Placemark></Document></kml>",
      -1, NULL);
    g_autoptr (SitmapDocument) copy = io_test_round_trip (mixed, NULL);
    g_autoptr (SitmapDocument) copy_of_copy = io_test_round_trip (copy, NULL);
    static const char *const order[] = { "last", "after the inner folder", "inner" };

    g_assert_cmpuint (sitmap_document_get_n_events (copy), ==, 3);
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      g_assert_cmpstr (sitmap_event_store_get_title (store_of (copy), i), ==, order[i]);
    g_assert_cmpuint (sitmap_event_store_get_n_groups (store_of (copy)), ==, 2);
    g_assert_cmpstr (sitmap_event_store_get_group_name (store_of (copy),
                                                        sitmap_event_store_get_group (store_of (copy), 2), NULL),
                     ==, "Inner");
    io_assert_documents_equal (copy, copy_of_copy);
  }
}

/* Google's namespaces before OGC's */
static void
test_old_namespaces (void)
{
  static const char *const versions[] = { "2.0", "2.1", "2.2" };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *name = g_strdup_printf ("kml-lenient/earth-google-%s.kml", versions[i]);
      g_autofree char *title = g_strdup_printf ("Google's KML %s", versions[i]);
      g_autoptr (SitmapImportReport) report = NULL;
      g_autoptr (SitmapDocument) document = import_file (name, &report);

      assert_nothing_left_out (report);
      g_assert_cmpstr (sitmap_document_get_title (document), ==, title);
      g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
      g_assert_cmpint (sitmap_document_get_columns (document)->start[0], ==, io_time ("2015-05-21"));
      g_assert_true (sitmap_document_get_columns (document)->flags[0] & SITMAP_EVENT_FLAG_PLACED);
    }
}

/* NetworkLinks are listed with their lines for the user to choose, never loaded */
static void
test_network_links (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/network-link.kml", &report);
  guint line;

  assert_nothing_left_out (report);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 1);
  g_assert_cmpuint (sitmap_import_report_get_n_links (report), ==, 2);
  g_assert_cmpstr (sitmap_import_report_get_link (report, 0, &line), ==, "https://example.org/live.kml");
  g_assert_cmpuint (line, ==, 8);
  g_assert_cmpstr (sitmap_import_report_get_link (report, 1, &line), ==, "layers/older.kmz");
  g_assert_cmpuint (line, ==, 12);
}

/* GDAL's KML driver writes a Placemark's time as fields (timestamp, begin, end): they time it, as the date or
 * moment GDAL read. gdal-written.kml is `ogr2ogr -f KML` (GDAL 3.6) of four Placemarks timed by a day, a
 * moment, a span of days and nothing. */
static void
test_gdal_times (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/gdal-written.kml", &report);
  SitmapTime time;

  assert_nothing_left_out (report);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 4);
  sitmap_event_store_get_time (store_of (document), find_titled (document, "A day"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_DAY);
  g_assert_cmpint (time.start, ==, io_time ("2024-12-08"));
  sitmap_event_store_get_time (store_of (document), find_titled (document, "A moment"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_EXACT);
  g_assert_cmpint (time.start, ==, io_time ("2024-12-08T05:30:00Z"));
  sitmap_event_store_get_time (store_of (document), find_titled (document, "A span"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpint (time.start, ==, io_time ("2024-11-27"));
  g_assert_cmpint (time.end, ==, io_time ("2024-12-09"));
  sitmap_event_store_get_time (store_of (document), find_titled (document, "No time"), &time);
  g_assert_cmpint (time.precision, ==, SITMAP_TIME_PRECISION_NONE);
  /* The fields stay, as written */
  g_assert_cmpstr (attribute (document, find_titled (document, "A moment"), "timestamp"), ==, "2024/12/08 05:30:00+00");
  assert_round_trip (document);
}

/* One bad Placemark among good ones: the good ones are read, the bad ones said with line and column */
static void
test_bad_placemark (void)
{
  g_autoptr (SitmapImportReport) report = NULL;
  g_autoptr (SitmapDocument) document = import_file ("kml-lenient/bad-placemark.kml", &report);

  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, 2);
  find_titled (document, "Good");
  find_titled (document, "Also good");
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (report), ==, 2);
  io_assert_skipped (report, 10, 12, "the latitude 138.28 is outside −90…90: the Placemark “Latitude and longitude "
                                     "swapped” was left out");
  io_assert_skipped (report, 14, 16, "“2024-02-30” is not a date Sitmap understands (there is no such day in that "
                                     "month): the Placemark “No such day” was left out");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/kml-lenient/trailing-comma", test_trailing_comma);
  g_test_add_func ("/io/kml-lenient/empty-boxes", test_empty_boxes);
  g_test_add_func ("/io/kml-lenient/undeclared-prefix", test_undeclared_prefix);
  g_test_add_func ("/io/kml-lenient/roots", test_roots);
  g_test_add_func ("/io/kml-lenient/schema-parent", test_schema_parent);
  g_test_add_func ("/io/kml-lenient/extended-data", test_extended_data);
  g_test_add_func ("/io/kml-lenient/folders", test_folders);
  g_test_add_func ("/io/kml-lenient/old-namespaces", test_old_namespaces);
  g_test_add_func ("/io/kml-lenient/network-links", test_network_links);
  g_test_add_func ("/io/kml-lenient/bad-placemark", test_bad_placemark);
  g_test_add_func ("/io/kml-lenient/gdal-times", test_gdal_times);

  return g_test_run ();
}
