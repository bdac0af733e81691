/* export-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "export-test-utils.h"
#include "sitmap-kml-reader.h"
#include "sitmap-mbtiles-source.h"
#include "sitmap-tile-sources.h"

SitmapViewState *
export_test_load_demo (void)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_getenv ("SITMAP_DEMO"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = sitmap_kml_read_file (file, NULL, &error);
  SitmapViewState *view_state = sitmap_view_state_new ();

  g_assert_no_error (error);
  sitmap_view_state_set_document (view_state, document);
  return view_state;
}

void
export_test_options_for (SitmapExportOptions *options, SitmapExportSize size, gboolean landscape,
                         SitmapExportFormat format)
{
  sitmap_export_options_init (options);
  g_assert_true (sitmap_export_size_get (size, landscape, &options->width, &options->height, &options->scale));
  options->format = format;
  options->paper = sitmap_export_size_is_paper (size);
  options->latitude = 34.6;
  options->longitude = 38.6;
  options->zoom = 6.5;
  options->now = g_date_time_new_utc (2024, 12, 12, 9, 30, 0);
}

static void
fetched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (sitmap_export_scene_fetch_tiles_finish (SITMAP_EXPORT_SCENE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

SitmapExportScene *
export_test_scene_with_tiles (SitmapViewState *view_state, const SitmapExportOptions *options)
{
  g_autoptr (GFile) file = sitmap_tile_sources_dup_basemap_file ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) basemap = sitmap_mbtiles_source_new (file, TRUE, NULL, &error);
  SitmapExportScene *scene;
  gboolean           done = FALSE;

  g_assert_no_error (error);
  scene = sitmap_export_scene_new (view_state, options, sitmap_mbtiles_source_get_attribution (basemap), TRUE);
  sitmap_export_scene_set_basemap_names (scene, TRUE);
  sitmap_export_scene_fetch_tiles_async (scene, SHUMATE_DATA_SOURCE (basemap),
                                         sitmap_mbtiles_source_get_min_zoom (basemap),
                                         sitmap_mbtiles_source_get_max_zoom (basemap), NULL, fetched_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return scene;
}
