/* bench-export.c: export_png_4k_s and export_pdf_a4_300dpi_s, medians of whole exports of the demo
 * with every decoration, tiles from the offline basemap, written to disk; export_png_hd_1m_events_s;
 * export_png_1mb_title_s, the demo with a title of a megabyte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "export-test-utils.h"
#include "map-test-utils.h"
#include "sitmap-bench.h"
#include "sitmap-atomic-write.h"
#include "sitmap-kml-reader.h"

#define RUNS 5

static double
time_export (SitmapViewState *view_state, SitmapExportSize size, SitmapExportFormat format, const char *path)
{
  double times[RUNS];

  for (int i = 0; i < RUNS; i++)
    {
      g_auto (SitmapExportOptions) options = { 0 };
      g_autoptr (SitmapExportScene) scene = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      export_test_options_for (&options, size, FALSE, format);
      scene = export_test_scene_with_tiles (view_state, &options);
      bytes = sitmap_export_scene_render (scene, NULL, &error);
      g_assert_no_error (error);
      sitmap_atomic_write (file, bytes, NULL, &error);
      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  return sitmap_bench_median (times, RUNS);
}

/* A million synthetic events over Syria: the scene (visible set, clusters, notes, histogram) and the
 * page, HD PNG, tiles from the offline basemap. */
static double
time_million (const char *path)
{
  g_autoptr (SitmapDocument) document = map_test_synthetic_document (1000000, 7);
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  double times[RUNS];

  sitmap_view_state_set_document (view_state, document);
  for (int i = 0; i < RUNS; i++)
    {
      g_auto (SitmapExportOptions) options = { 0 };
      g_autoptr (SitmapExportScene) scene = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, FALSE, SITMAP_EXPORT_PNG);
      scene = export_test_scene_with_tiles (view_state, &options);
      bytes = sitmap_export_scene_render (scene, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  return sitmap_bench_median (times, RUNS);
}

/* The demo whose title is a megabyte of text with no space to wrap at, as a hostile file would have
 * it: the whole export, as time_export. The page cuts the title to three lines before laying it out. */
static double
time_long_title (const char *path)
{
  g_autofree char *kml = NULL;
  g_autoptr (GString) text = NULL;
  g_autoptr (GString) title = g_string_sized_new (1024 * 1024);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  double times[RUNS];

  g_assert_true (g_file_get_contents (g_getenv ("SITMAP_DEMO"), &kml, NULL, NULL));
  while (title->len < 1024 * 1024)
    g_string_append (title, "xxxxxxxxxxxxxxxx");
  g_string_prepend (title, "<name>");
  g_string_append (title, "</name>");
  text = g_string_new (kml);
  g_assert_cmpuint (g_string_replace (text, "<name>Syria, late 2024</name>", title->str, 1), ==, 1);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  document = sitmap_kml_read_bytes (bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sitmap_document_get_title (document)), >=, 1024 * 1024);
  sitmap_view_state_set_document (view_state, document);
  for (int i = 0; i < RUNS; i++)
    {
      g_auto (SitmapExportOptions) options = { 0 };
      g_autoptr (SitmapExportScene) scene = NULL;
      g_autoptr (GBytes) png = NULL;
      g_autoptr (GFile) file = g_file_new_for_path (path);
      gint64 start = g_get_monotonic_time ();

      export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, FALSE, SITMAP_EXPORT_PNG);
      scene = export_test_scene_with_tiles (view_state, &options);
      png = sitmap_export_scene_render (scene, NULL, &error);
      g_assert_no_error (error);
      sitmap_atomic_write (file, png, NULL, &error);
      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  return sitmap_bench_median (times, RUNS);
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_autofree char *dir = g_dir_make_tmp ("sitmap-bench-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "demo.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "demo.pdf", NULL);

  g_print ("export_png_4k_s: %.3f s\n", time_export (view_state, SITMAP_EXPORT_SIZE_4K, SITMAP_EXPORT_PNG, png));
  g_print ("export_pdf_a4_300dpi_s: %.3f s\n",
           time_export (view_state, SITMAP_EXPORT_SIZE_A4_300, SITMAP_EXPORT_PDF, pdf));
  g_print ("export_png_hd_1m_events_s: %.3f s\n", time_million (png));
  g_print ("export_png_1mb_title_s: %.3f s\n", time_long_title (png));
  g_remove (png);
  g_remove (pdf);
  g_rmdir (dir);
  return 0;
}
