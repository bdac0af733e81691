/* test-offline-map.c: with no network, the demo opens over the offline basemap, and at Baghouz on
 * zoom 11 the Euphrates and the town names are there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sitmap-application.h"
#include "sitmap-ui-test.h"
#include "sitmap-window.h"

#define BAGHOUZ_LATITUDE  34.4586
#define BAGHOUZ_LONGITUDE 40.9506

static SitmapWindow *window;

static gboolean
offline_shown (gpointer data)
{
  SitmapTileSources *sources = sitmap_source_chooser_get_sources (sitmap_window_get_source_chooser (window));
  SitmapTileSource *current = sitmap_tile_sources_get_current (sources);

  return sitmap_view_state_get_document (sitmap_window_get_view_state (window)) != NULL && current != NULL &&
         sitmap_tile_source_get_kind (current) == SITMAP_TILE_SOURCE_OFFLINE;
}

/* The basemap's rivers are blue-grey: blue well above red. */
static gboolean
is_river (guint8 r, guint8 g, guint8 b)
{
  return b > r + 40 && b > g + 10;
}

/* Labels are dark grey on a white halo; the land is pale. */
static gboolean
is_label (guint8 r, guint8 g, guint8 b)
{
  return r < 110 && g < 110 && b < 110;
}

static guint river_pixels, label_pixels;

/* Tiles arrive from the worker thread one by one: look until the area around Baghouz is drawn. */
static gboolean
baghouz_drawn (gpointer data)
{
  GtkWidget *map = data;
  int width = gtk_widget_get_width (map), height = gtk_widget_get_height (map);
  cairo_rectangle_int_t around = { width / 2 - 150, height / 2 - 150, 300, 300 };
  g_autoptr (GdkTexture) texture = NULL;

  sitmap_test_wait_for_paint (map);
  texture = sitmap_test_render (map, NULL);
  river_pixels = sitmap_test_count_pixels (texture, &around, is_river);
  label_pixels = sitmap_test_count_pixels (texture, &around, is_label);
  return river_pixels > 300 && label_pixels > 100;
}

static void
test_baghouz_offline (void)
{
  ShumateSimpleMap *map = sitmap_window_get_map (window);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (map);
  ShumateMapSource *source = shumate_simple_map_get_map_source (map);
  const char *shots = g_getenv ("SITMAP_SCREENSHOT_DIR");

  /* Offline means offline: the tiles come from the bundled MBTiles, and nothing downloads them. */
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (source));
  g_assert_nonnull (strstr (shumate_map_source_get_license (source), "Natural Earth"));

  /* After the window has shown the document where it asks to be shown. */
  sitmap_test_wait_for_paint (GTK_WIDGET (map));
  sitmap_test_wait_for_paint (GTK_WIDGET (map));
  shumate_viewport_set_zoom_level (viewport, 11);
  shumate_map_center_on (shumate_simple_map_get_map (map), BAGHOUZ_LATITUDE, BAGHOUZ_LONGITUDE);
  sitmap_test_wait_until (baghouz_drawn, map, 20000, "the basemap around Baghouz");
  g_test_message ("around Baghouz: %u river pixels, %u label pixels", river_pixels, label_pixels);

  if (shots != NULL)
    {
      g_autofree char *path = g_build_filename (shots, "offline-baghouz-z11.png", NULL);
      g_autoptr (GdkTexture) whole = sitmap_test_render (GTK_WIDGET (window), path);

      g_test_message ("saved %s", path);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_until (offline_shown, NULL, 10000, "the demo over the offline basemap");

  g_test_add_func ("/offline-map/baghouz-zoom-11", test_baghouz_offline);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
