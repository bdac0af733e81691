/* test-kml-gdal.c: a document Sitmap saves opens in GDAL (QGIS and most GIS tools read KML through it)
 *
 * Usage: test-kml-gdal OGRINFO — meson passes the ogrinfo it found (gdal-bin is required for the tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io-test-util.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ogrinfo = argc > 1 ? argv[1] : NULL;
  g_test_add_func ("/io/gdal/ogrinfo", test_ogrinfo);
  g_test_add_func ("/io/gdal/demo", test_demo_in_gdal);
  return g_test_run ();
}
