/* test-kml-gdal.c: a document Sitmap saves opens in GDAL (QGIS and most GIS tools read KML through it), and
 * KML → Sitmap → KML, KMZ, GeoJSON, CSV → GDAL and Sitmap keeps every event, its time with its precision and
 * its place
 *
 * Usage: test-kml-gdal OGRINFO — meson passes the ogrinfo it found (gdal-bin is required for the tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"
#include "sitmap-document-io.h"

static const char *ogrinfo;

static void
assert_lists (const char *output, const char *expected)
{
  if (strstr (output, expected) == NULL)
    g_error ("ogrinfo does not list “%s”:\n%s", expected, output);
}

static void
test_ogrinfo (void)
{
  g_autoptr (SitmapDocument) document = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_nonnull (ogrinfo);
  document = io_test_read_data ("full-format.kml");
  dir = g_dir_make_tmp ("sitmap-gdal-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "saved.kml", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (sitmap_kml_write_file (document, file, NULL, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { ogrinfo, "-ro", "-al", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &status,
                                 &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (output, "Layer name: Events") == NULL)
    g_error ("ogrinfo failed on %s:\n%s\n%s", path, output, errors);

  /* Every folder is a layer, with every placemark: the file's own folders too */
  assert_lists (output, "Layer name: Places");
  assert_lists (output, "Feature Count: 10");
  assert_lists (output, "Layer name: Events\nGeometry: Unknown (any)\nFeature Count: 12");
  assert_lists (output, "Layer name: Deeper\nGeometry: Unknown (any)\nFeature Count: 2");
  /* Names */
  assert_lists (output, "Name (String) = Soldiers killed near As-Sukhnah");
  assert_lists (output, "Name (String) = Strikes on camps");
  assert_lists (output, "Name (String) = Al-Baghuz Fawqani");
  assert_lists (output, "description (String) = <p>HTML in <b>CDATA</b> stays text.</p>");
  /* Times: a day, a two-day span, an exact moment, a month, a track's span */
  assert_lists (output, "timestamp (DateTime) = 2024/12/10 00:00:00");
  assert_lists (output, "begin (DateTime) = 2024/12/07 00:00:00");
  assert_lists (output, "end (DateTime) = 2024/12/08 00:00:00");
  assert_lists (output, "timestamp (DateTime) = 2024/12/10 02:30:00+00");
  assert_lists (output, "timestamp (DateTime) = 2019/03/01 00:00:00");
  assert_lists (output, "begin (DateTime) = 2024/12/10 06:00:00+00");
  /* Geometries, including one that came from the event's place */
  assert_lists (output, "POINT (38.7 34.8)");
  assert_lists (output, "POINT (40.9506 34.4586)");
  assert_lists (output, "POLYGON ((37 33,40 33,40 35,37 35,37 33),(38 34,");
  assert_lists (output, "LINESTRING (38.1 34.6,38.2 34.65,38.3 34.7)");
  assert_lists (output, "GEOMETRYCOLLECTION (POINT (38.5 34.7),LINESTRING (38.284 34.5624,");
  /* Each event in its category's style */
  assert_lists (output, "Style = @sitmap-battle");
  assert_lists (output, "Style = @sitmap-remote-violence");

  g_unlink (path);
  g_rmdir (dir);
}

static char *
run_ogrinfo (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  char *output = NULL;
  const char *argv[] = { ogrinfo, "-ro", "-al", path, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ogrinfo failed on %s:\n%s\n%s", path, output, errors);
  return output;
}

/* The bundled demo, saved by Sitmap, lists every one of its placemarks in GDAL. */
static void
test_demo_in_gdal (void)
{
  g_autoptr (GFile) demo = g_file_new_for_path (g_getenv ("SITMAP_DEMO"));
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autoptr (GFile) file = NULL;
  GListModel *places;

  g_assert_nonnull (ogrinfo);
  document = sitmap_kml_read_file (demo, NULL, &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("sitmap-gdal-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.kml", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (sitmap_kml_write_file (document, file, NULL, &error));
  g_assert_no_error (error);

  output = run_ogrinfo (path);
  for (guint i = 0; i < sitmap_document_get_n_events (document); i++)
    {
      g_autofree char *line = g_strdup_printf ("Name (String) = %s\n",
                                               sitmap_event_store_get_title (sitmap_document_get_store (document), i));

      assert_lists (output, line);
    }
  places = sitmap_document_get_places (document);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr (SitmapPlace) place = g_list_model_get_item (places, i);
      g_autofree char *line = g_strdup_printf ("Name (String) = %s\n", sitmap_place_get_name (place));

      assert_lists (output, line);
    }
  assert_lists (output, "timestamp (DateTime) = 2024/12/10 00:00:00");

  g_unlink (path);
  g_rmdir (dir);
}

/*
 * Round trips: tests/data/every-precision.kml through every format Sitmap writes
 */

/* What GDAL must show of one event of every-precision.kml in each format, as that format carries its time: KML's
 * TimeStamp and TimeSpan as DateTime fields (GDAL shows a month as its first day, and no year alone: the KML's
 * own text is checked for those), GeoJSON's time and time_end as written, with their precision; CSV's ACLED
 * date and time_precision, and sitmap_time where ACLED's columns cannot say the time. Lines and areas are
 * their anchor point in CSV. NULL: the field is absent or empty. */
typedef struct
{
  const char *id;
  const char *title;
  const char *kml_time[2];  /* "timestamp (DateTime) = …", or begin and end */
  const char *kml_when;     /* the time in the KML's text, where GDAL does not show it */
  const char *geometry;     /* WKT, as GDAL shows it from KML and GeoJSON */
  const char *time;         /* GeoJSON's time and time_end */
  const char *time_end;
  const char *event_date;   /* CSV */
  const char *time_precision;
  const char *sitmap_time;
  const char *latitude;
  const char *longitude;
} Expected;

static const Expected every_precision[] = {
  { "day", "Clashes near As Sukhnah", { "timestamp (DateTime) = 2024/12/10 00:00:00" }, NULL,
    "POINT (38.8711 34.8853)", "2024-12-10", NULL, "2024-12-10", "1", NULL, "34.8853", "38.8711" },
  { "month", "Protests in Al Mayadin", { "timestamp (DateTime) = 2024/11/01 00:00:00" }, "<when>2024-11</when>",
    "POINT (40.4523 35.0206)", "2024-11", NULL, "2024-11-15", "3", NULL, "35.0206", "40.4523" },
  { "year", "The conflict begins", { NULL }, "<when>2011</when>", "POINT (38.5 35", "2011", NULL, "2011-07-01",
    "3", "2011", "35", "38.5" },
  { "moment", "Strike at dawn", { "timestamp (DateTime) = 2024/12/10 05:30:00+00" }, NULL, "POINT (36.6339 35.9306)",
    "2024-12-10T05:30:00Z", NULL, "2024-12-10", "1", "2024-12-10T05:30:00Z", "35.9306", "36.6339" },
  { "days", "Two days of shelling",
    { "begin (DateTime) = 2024/12/07 00:00:00", "end (DateTime) = 2024/12/08 00:00:00" }, NULL,
    "POINT (37.1612 36.2021)", "2024-12-07", "2024-12-08", "2024-12-08", "2", "2024-12-07/2024-12-08", "36.2021",
    "37.1612" },
  { "months", "A winter of sieges",
    { "begin (DateTime) = 2024/01/01 00:00:00", "end (DateTime) = 2024/03/01 00:00:00" },
    "<begin>2024-01</begin>", "POINT (36.2913 33.5138)", "2024-01", "2024-03", "2024-02-15", "3", "2024-01/2024-03",
    "33.5138", "36.2913" },
  /* A week is ACLED's time_precision 2, around its middle day. */
  { "week", "A week over the valley",
    { "begin (DateTime) = 2024/12/01 00:00:00", "end (DateTime) = 2024/12/07 00:00:00" }, NULL,
    "POLYGON ((40 34,41 34,41 35,40 35,40 34))", "2024-12-01", "2024-12-07", "2024-12-04", "2", NULL, "34.5",
    "40.5" },
  /* An open span is vaguer than ACLED's week: its known end, coded as ACLED's month */
  { "until", "Until the fall", { "end (DateTime) = 2024/12/08 00:00:00" }, NULL, "POINT (36.3 33.52)", "..",
    "2024-12-08", "2024-12-08", "3", "../2024-12-08", "33.52", "36.3" },
  { "area-day", "Floods over the plain", { "timestamp (DateTime) = 2024/03/15 00:00:00" }, NULL,
    "POLYGON ((38", "2024-03-15", NULL, "2024-03-15", "1", NULL, "36", "38.5" },
  { "road", "Convoy along the road", { "timestamp (DateTime) = 2023/06/01 00:00:00" }, "<when>2023-06</when>",
    "LINESTRING (38.1 34.6,38.2 34.65,38.3 34.7)", "2023-06", NULL, "2023-06-15", "3", NULL, "34.65", "38.2" },
  { "undated", "A checkpoint, undated", { NULL }, NULL, "POINT (37.5 34.2)", NULL, NULL, NULL, NULL, NULL, "34.2",
    "37.5" },
};

/* The block of ogrinfo's output of the one feature whose line key is (the text up to the next feature); the
 * test fails unless exactly one feature has it. */
static char *
dup_feature (const char *output, const char *key)
{
  g_auto (GStrv) features = g_strsplit (output, "\nOGRFeature(", -1);
  char *found = NULL;

  for (guint i = 1; features[i] != NULL; i++)
    if (strstr (features[i], key) != NULL)
      {
        if (found != NULL)
          g_error ("two features of GDAL's have “%s”", key);
        found = g_strdup (features[i]);
      }
  if (found == NULL)
    g_error ("no feature of GDAL's has “%s”:\n%s", key, output);
  return found;
}

/* name (String) = value, or with value NULL: no such line, or an empty value. */
static void
assert_field (const char *feature, const char *name, const char *value)
{
  g_autofree char *line = g_strdup_printf ("  %s (String) = %s\n", name, value ? value : "");
  g_autofree char *prefix = g_strdup_printf ("  %s (String) = ", name);

  if (value == NULL && strstr (feature, prefix) == NULL)
    return;
  if (strstr (feature, line) == NULL)
    g_error ("GDAL does not show “%s” in:\n%s", g_strstrip (g_strdup (line)), feature);
}

static void
check_kml_in_gdal (const char *output, const char *kml)
{
  assert_lists (output, "Layer name: Events\nGeometry: Unknown (any)\nFeature Count: 11\n");
  for (guint i = 0; i < G_N_ELEMENTS (every_precision); i++)
    {
      const Expected *e = &every_precision[i];
      g_autofree char *key = g_strdup_printf ("  Name (String) = %s\n", e->title);
      g_autofree char *feature = dup_feature (output, key);

      for (guint t = 0; t < G_N_ELEMENTS (e->kml_time) && e->kml_time[t] != NULL; t++)
        assert_lists (feature, e->kml_time[t]);
      if (e->kml_time[0] == NULL)
        g_assert_null (strstr (feature, "(DateTime)"));
      if (e->kml_when != NULL && kml != NULL)
        assert_lists (kml, e->kml_when);
      assert_lists (feature, e->geometry);
    }
}

static void
check_geojson_in_gdal (const char *output)
{
  assert_lists (output, "Feature Count: 11\n");
  for (guint i = 0; i < G_N_ELEMENTS (every_precision); i++)
    {
      const Expected *e = &every_precision[i];
      g_autofree char *key = g_strdup_printf ("  id (String) = %s\n", e->id);
      g_autofree char *feature = dup_feature (output, key);

      assert_field (feature, "title", e->title);
      assert_field (feature, "time", e->time);
      assert_field (feature, "time_end", e->time_end);
      assert_lists (feature, e->geometry);
    }
}

/* name (String) = a number within a billionth of a degree of value */
static void
assert_degrees (const char *feature, const char *name, const char *value)
{
  g_autofree char *prefix = g_strdup_printf ("  %s (String) = ", name);
  const char *found = strstr (feature, prefix);

  if (found == NULL)
    g_error ("GDAL does not show %s in:\n%s", name, feature);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (found + strlen (prefix), NULL), g_ascii_strtod (value, NULL), 1e-9);
}

static void
check_csv_in_gdal (const char *output)
{
  assert_lists (output, "Feature Count: 11\n");
  for (guint i = 0; i < G_N_ELEMENTS (every_precision); i++)
    {
      const Expected *e = &every_precision[i];
      g_autofree char *key = g_strdup_printf ("  event_id_cnty (String) = %s\n", e->id);
      g_autofree char *feature = dup_feature (output, key);

      assert_field (feature, "sitmap_title", e->title);
      assert_field (feature, "event_date", e->event_date);
      assert_field (feature, "time_precision", e->time_precision);
      assert_field (feature, "sitmap_time", e->sitmap_time);
      assert_degrees (feature, "latitude", e->latitude);
      assert_degrees (feature, "longitude", e->longitude);
    }
}

/* Read back by Sitmap (in the format its content says): every event with its time and precision, its place
 * (the anchor point), and, where the format keeps shapes, its kind of geometry. */
static void
check_read_back (SitmapDocument *original, const char *path, gboolean shapes)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) back = sitmap_document_read_file (file, NULL, import, NULL, &error);
  SitmapEventStore *a = sitmap_document_get_store (original), *b;

  g_assert_no_error (error);
  b = sitmap_document_get_store (back);
  g_assert_cmpuint (sitmap_document_get_n_events (back), ==, sitmap_document_get_n_events (original));
  g_assert_cmpuint (sitmap_import_report_get_n_skipped (sitmap_import_get_report (import)), ==, 0);
  for (guint i = 0; i < sitmap_document_get_n_events (original); i++)
    {
      guint j = io_find_event (back, sitmap_event_store_get_id (a, i));
      SitmapTime ta, tb;
      double lat_a, lon_a, lat_b, lon_b;

      g_test_message ("%s: %s", path, sitmap_event_store_get_id (a, i));
      g_assert_cmpstr (sitmap_event_store_get_title (b, j), ==, sitmap_event_store_get_title (a, i));
      sitmap_event_store_get_time (a, i, &ta);
      sitmap_event_store_get_time (b, j, &tb);
      g_assert_cmpint (tb.start, ==, ta.start);
      g_assert_cmpint (tb.end, ==, ta.end);
      g_assert_cmpuint (tb.precision, ==, ta.precision);
      g_assert_cmpuint (tb.start_unit, ==, ta.start_unit);
      g_assert_cmpuint (tb.end_unit, ==, ta.end_unit);
      g_assert_true (sitmap_event_store_get_location (a, i, &lat_a, &lon_a));
      g_assert_true (sitmap_event_store_get_location (b, j, &lat_b, &lon_b));
      g_assert_cmpfloat_with_epsilon (lat_b, lat_a, 1e-9);
      g_assert_cmpfloat_with_epsilon (lon_b, lon_a, 1e-9);
      if (shapes && sitmap_event_store_get_geometry (a, i) != NULL)
        {
          g_assert_nonnull (sitmap_event_store_get_geometry (b, j));
          g_assert_cmpint (sitmap_geometry_get_kind (sitmap_event_store_get_geometry (b, j)), ==,
                           sitmap_geometry_get_kind (sitmap_event_store_get_geometry (a, i)));
        }
    }
}

static void
test_every_format (void)
{
  static const char *const ids[] = { "kml", "kmz", "geojson", "csv" };
  g_autofree char *input = io_test_data_path ("every-precision.kml");
  g_autoptr (GFile) input_file = g_file_new_for_path (input);
  g_autoptr (SitmapImport) import = sitmap_import_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-gdal-XXXXXX", &error);
  SitmapTime time;

  g_assert_no_error (error);
  document = sitmap_document_read_file (input_file, NULL, import, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_document_get_n_events (document), ==, G_N_ELEMENTS (every_precision));
  /* Every precision is there to be kept */
  sitmap_event_store_get_time (sitmap_document_get_store (document), io_find_event (document, "year"), &time);
  g_assert_cmpuint (time.precision, ==, SITMAP_TIME_PRECISION_YEAR);
  sitmap_event_store_get_time (sitmap_document_get_store (document), io_find_event (document, "months"), &time);
  g_assert_cmpuint (time.precision, ==, SITMAP_TIME_PRECISION_SPAN);
  g_assert_cmpuint (time.start_unit, ==, SITMAP_TIME_UNIT_MONTH);
  sitmap_event_store_get_time (sitmap_document_get_store (document), io_find_event (document, "undated"), &time);
  g_assert_cmpuint (time.precision, ==, SITMAP_TIME_PRECISION_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const SitmapFormat *format = sitmap_format_find (ids[i]);
      g_autofree char *name = g_strdup_printf ("every-precision.%s", ids[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autofree char *output = NULL;
      g_autofree char *text = NULL;

      g_assert_true (sitmap_document_export (document, NULL, format, file, NULL, &error));
      g_assert_no_error (error);
      output = run_ogrinfo (path);
      if (g_str_equal (ids[i], "kml"))
        {
          g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
          check_kml_in_gdal (output, text);
        }
      else if (g_str_equal (ids[i], "kmz"))
        /* Its doc.kml is the KML writer's, whose text the KML's check reads */
        check_kml_in_gdal (output, NULL);
      else if (g_str_equal (ids[i], "geojson"))
        check_geojson_in_gdal (output);
      else
        check_csv_in_gdal (output);
      check_read_back (document, path, !g_str_equal (ids[i], "csv"));
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ogrinfo = argc > 1 ? argv[1] : NULL;
  g_test_add_func ("/io/gdal/ogrinfo", test_ogrinfo);
  g_test_add_func ("/io/gdal/demo", test_demo_in_gdal);
  g_test_add_func ("/io/gdal/every-format", test_every_format);
  return g_test_run ();
}
