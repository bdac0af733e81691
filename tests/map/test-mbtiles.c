/* test-mbtiles.c: reading MBTiles files, good and broken, as libshumate asks for their tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-mbtiles"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sitmap-mbtiles-private.h"
#include "sitmap-mbtiles-source.h"
#include "tiles-test-utils.h"

#define RED    0xff0000
#define GREEN  0x00ff00
#define BLUE   0x0000ff
#define YELLOW 0xffff00

static char *tmp_dir;

/*
 * Helpers
 */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static SitmapMbtilesSource *
open_path (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return sitmap_mbtiles_source_new (file, FALSE, NULL, error);
}

/* Zoom 0 (one tile) and zoom 1 (four tiles, each its own colour), in the given layout. */
static char *
write_world (const char *name, TilesLayout layout, const char *const *metadata)
{
  char *path = tmp_path (name);
  TilesWriter *writer = tiles_writer_new (path, layout, metadata);
  g_autoptr (GBytes) world = tiles_image (0x808080, "png");
  /* TMS rows count from the south: row 1 is the northern half of the world. */
  const struct
  {
    int x, tms_row;
    guint32 color;
  } quarters[] = { { 0, 1, RED }, { 1, 1, GREEN }, { 0, 0, BLUE }, { 1, 0, YELLOW } };

  tiles_writer_put (writer, 0, 0, 0, world);
  for (guint i = 0; i < G_N_ELEMENTS (quarters); i++)
    {
      g_autoptr (GBytes) image = tiles_image (quarters[i].color, "png");

      tiles_writer_put (writer, 1, quarters[i].x, quarters[i].tms_row, image);
    }
  tiles_writer_close (writer);
  return path;
}

static void
assert_open_fails (const char *path, GQuark domain, int code, const char *reason_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = open_path (path, &error);
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_null (source);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  /* The error names the file, and says why. */
  g_assert_true (g_str_has_prefix (error->message, basename));
  g_assert_nonnull (strstr (error->message, reason_part));
}

static void
assert_no_tile (SitmapMbtilesSource *source, int x, int y, int z)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  int received = -1;

  bytes = tiles_fetch (SHUMATE_DATA_SOURCE (source), x, y, z, &received, &error);
  g_assert_null (bytes);
  g_assert_error (error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NO_TILE);
  g_assert_cmpint (received, ==, 0);
}

static guint32
fetch_color (SitmapMbtilesSource *source, int x, int y, int z)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  int received = 0;

  bytes = tiles_fetch (SHUMATE_DATA_SOURCE (source), x, y, z, &received, &error);
  g_assert_no_error (error);
  /* ShumateRasterRenderer makes its texture from this signal: it must come, once. */
  g_assert_cmpint (received, ==, 1);
  return tiles_image_color (bytes);
}

static void
write_file (const char *path, const void *data, gsize size)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static void
damaged_cb (SitmapMbtilesSource *source, int x, int y, int z, gpointer user_data)
{
  GArray *damaged = user_data;
  int tile[3] = { x, y, z };

  g_array_append_vals (damaged, tile, 3);
}

/*
 * Tests
 */

static void
test_metadata (void)
{
  static const char *const metadata[] = {
    "name", "Sukhna, December 2024",
    "format", "png",
    "bounds", "38.0, 34.0, 40.0, 35.5",
    "minzoom", "0",
    "maxzoom", "1",
    "attribution", "<a href=\"https://example.org/\">&copy; Example &amp; Co</a>  <b>2024</b>",
    "description", "A test",
    NULL,
  };
  g_autofree char *path = write_world ("metadata.mbtiles", TILES_LAYOUT_TABLE, metadata);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = open_path (path, &error);
  double west, south, east, north;

  g_assert_no_error (error);
  g_assert_cmpstr (sitmap_mbtiles_source_get_display_name (source), ==, "metadata.mbtiles");
  g_assert_cmpstr (sitmap_mbtiles_source_get_name (source), ==, "Sukhna, December 2024");
  g_assert_cmpstr (sitmap_mbtiles_source_get_format (source), ==, "png");
  /* HTML in the attribution is shown as the words it holds, never as markup. */
  g_assert_cmpstr (sitmap_mbtiles_source_get_attribution (source), ==, "© Example & Co 2024");
  g_assert_cmpuint (sitmap_mbtiles_source_get_min_zoom (source), ==, 0);
  g_assert_cmpuint (sitmap_mbtiles_source_get_max_zoom (source), ==, 1);
  g_assert_true (sitmap_mbtiles_source_get_bounds (source, &west, &south, &east, &north));
  g_assert_cmpfloat_with_epsilon (west, 38.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (south, 34.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (east, 40.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (north, 35.5, 1e-9);
}

/* Whether a tile set names places itself, from what its metadata says (so that the map does not write
 * a town's name over the one in its tiles). */
static void
test_place_names_guess (void)
{
  static const struct
  {
    const char *type, *name, *description, *attribution;
    gboolean names_places;
  } files[] = {
    /* A file that says nothing is the user's own imagery. */
    { NULL, "Sukhna, December 2024", NULL, NULL, FALSE },
    { "baselayer", "Syria streets", "Roads and towns, with their labels", NULL, TRUE },
    { "overlay", "Place labels", NULL, NULL, TRUE },
    { "baselayer", "Light (no labels)", NULL, "© CARTO", FALSE },
    { "baselayer", "light_nolabels", NULL, "© OpenStreetMap contributors © CARTO", FALSE },
    { "baselayer", "Esri World Imagery", NULL, "Esri, Maxar, Earthstar Geographics", FALSE },
    { "baselayer", "Satellite hybrid", NULL, NULL, TRUE },
    { "baselayer", "Hillshade", "Shaded relief of the Levant", NULL, FALSE },
    /* A street map exported from OpenStreetMap (MOBAC and the like) names its towns. */
    { "baselayer", "Syria", NULL, "<a href=\"https://www.openstreetmap.org/copyright\">&copy; OpenStreetMap</a>", TRUE },
    /* Sitmap's own basemap, as its build writes it. */
    { "baselayer", "Sitmap basemap",
      "Offline basemap for Sitmap: the world to zoom 5, the Middle East to zoom 8, the Levant and Iraq to zoom 10, "
      "Syria to zoom 12. Land, water, rivers, borders and places from Natural Earth, GSHHG 2.3.7 and GeoNames.",
      "Basemap: Natural Earth, GSHHG, GeoNames (CC BY 4.0)", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const char *metadata[11] = { "format", "png" };
      guint n = 2;
      g_autofree char *name = g_strdup_printf ("guess-%u.mbtiles", i);
      g_autofree char *path = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (SitmapMbtilesSource) source = NULL;

      if (files[i].type != NULL)
        metadata[n++] = "type", metadata[n++] = files[i].type;
      metadata[n++] = "name", metadata[n++] = files[i].name;
      if (files[i].description != NULL)
        metadata[n++] = "description", metadata[n++] = files[i].description;
      if (files[i].attribution != NULL)
        metadata[n++] = "attribution", metadata[n++] = files[i].attribution;
      metadata[n] = NULL;
      path = write_world (name, TILES_LAYOUT_TABLE, metadata);
      source = open_path (path, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", files[i].name, sitmap_mbtiles_source_get_names_places (source) ? "named" : "unnamed");
      g_assert_cmpint (sitmap_mbtiles_source_get_names_places (source), ==, files[i].names_places);
    }
}

/* What files say about themselves is read, never trusted. */
static void
test_metadata_text (void)
{
  static const struct
  {
    const char *html;
    const char *text;
  } attributions[] = {
    { "© OpenStreetMap contributors", "© OpenStreetMap contributors" },
    { "<a href=\"https://www.openstreetmap.org/copyright\" target=\"_blank\">&copy; OpenStreetMap</a>",
      "© OpenStreetMap" },
    { "Tiles &#169; Esri &mdash; Source: Esri &unknown;", "Tiles © Esri — Source: Esri &unknown;" },
    { "line&#10;break\tand\ttabs", "line break and tabs" },
    { "<b><i></i></b>", NULL },
    { "a < b", "a < b" },
    { "&#x0;&#1114112;&", "&#x0;&#1114112;&" },
  };
  static const struct
  {
    const char *text;
    gboolean    valid;
    double      bounds[4];
  } bounds[] = {
    { "36.0,32.0,42.0,37.5", TRUE, { 36, 32, 42, 37.5 } },
    { " -180 , -90 , 180 , 90 ", TRUE, { -180, -SITMAP_MBTILES_MAX_LATITUDE, 180, SITMAP_MBTILES_MAX_LATITUDE } },
    { "170,-10,-170,10", FALSE }, /* across the antimeridian */
    { "-200,0,10,10", FALSE },
    { "0,0,10", FALSE },
    { "0,0,10,10,20", FALSE },
    { "0,0,10,nan", FALSE },
    { "0,0,10,10deg", FALSE },
    { "0,86,10,89", FALSE }, /* north of what Web Mercator shows */
  };

  for (guint i = 0; i < G_N_ELEMENTS (attributions); i++)
    {
      g_autofree char *text = sitmap_mbtiles_plain_text (attributions[i].html);

      g_assert_cmpstr (text, ==, attributions[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      double parsed[4];

      g_assert_cmpint (sitmap_mbtiles_parse_bounds (bounds[i].text, parsed), ==, bounds[i].valid);
      for (guint j = 0; bounds[i].valid && j < 4; j++)
        g_assert_cmpfloat_with_epsilon (parsed[j], bounds[i].bounds[j], 1e-9);
    }
  g_assert_false (sitmap_mbtiles_parse_bounds (NULL, NULL));
}

/* Without minzoom and maxzoom in the metadata, the tiles say; without a format, the first tile. */
static void
test_metadata_from_tiles (void)
{
  static const char *const metadata[] = { "name", "bare", "bounds", "not bounds", NULL };
  g_autofree char *path = write_world ("bare.mbtiles", TILES_LAYOUT_VIEW, metadata);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = open_path (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sitmap_mbtiles_source_get_min_zoom (source), ==, 0);
  g_assert_cmpuint (sitmap_mbtiles_source_get_max_zoom (source), ==, 1);
  g_assert_cmpstr (sitmap_mbtiles_source_get_format (source), ==, "png");
  g_assert_null (sitmap_mbtiles_source_get_attribution (source));
  g_assert_false (sitmap_mbtiles_source_get_bounds (source, NULL, NULL, NULL, NULL));
}

/* XYZ row 0 is the north; MBTiles stores it as TMS row 2^z - 1. */
static void
test_tms_flip (gconstpointer data)
{
  TilesLayout layout = GPOINTER_TO_INT (data);
  g_autofree char *path = write_world ("world.mbtiles", layout, (const char *const[]) { "format", "png", NULL });
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = open_path (path, &error);

  g_assert_no_error (error);
  g_assert_cmphex (fetch_color (source, 0, 0, 0), ==, 0x808080);
  g_assert_cmphex (fetch_color (source, 0, 0, 1), ==, RED);
  g_assert_cmphex (fetch_color (source, 1, 0, 1), ==, GREEN);
  g_assert_cmphex (fetch_color (source, 0, 1, 1), ==, BLUE);
  g_assert_cmphex (fetch_color (source, 1, 1, 1), ==, YELLOW);
}

/* Outside the zoom levels and the bounds there is no tile, and SQLite is not even asked. */
static void
test_out_of_range (void)
{
  static const char *const metadata[] = {
    "format", "png", "minzoom", "1", "maxzoom", "2", "bounds", "36.0,32.0,42.0,37.5", NULL,
  };
  g_autofree char *path = tmp_path ("syria.mbtiles");
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, metadata);
  g_autoptr (GBytes) image = tiles_image (RED, "png");
  g_autoptr (SitmapMbtilesSource) source = NULL;
  g_autoptr (GError) error = NULL;

  /* Syria at zoom 2 is the tile x 2, y 1 (TMS row 2); at zoom 1, x 1, y 0 (TMS row 1). */
  tiles_writer_put (writer, 2, 2, 2, image);
  tiles_writer_put (writer, 1, 1, 1, image);
  tiles_writer_close (writer);
  source = open_path (path, &error);
  g_assert_no_error (error);

  g_assert_cmphex (fetch_color (source, 2, 1, 2), ==, RED);
  g_assert_cmphex (fetch_color (source, 1, 0, 1), ==, RED);
  assert_no_tile (source, 0, 0, 0);  /* below minzoom */
  assert_no_tile (source, 4, 3, 3);  /* above maxzoom */
  assert_no_tile (source, 0, 0, 2);  /* outside the bounds */
  assert_no_tile (source, 3, 1, 2);  /* east of them */
  assert_no_tile (source, -1, 0, 2); /* outside the world */
  assert_no_tile (source, 2, 4, 2);
  g_assert_cmpuint (sitmap_mbtiles_source_get_min_zoom (source), ==, 1);
}

static void
test_missing_tile (void)
{
  g_autofree char *path = tmp_path ("sparse.mbtiles");
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE,
                                          (const char *const[]) { "format", "png", "minzoom", "0", "maxzoom", "1", NULL });
  g_autoptr (GBytes) image = tiles_image (RED, "png");
  g_autoptr (SitmapMbtilesSource) source = NULL;

  tiles_writer_put (writer, 1, 0, 1, image);
  tiles_writer_close (writer);
  source = open_path (path, NULL);
  g_assert_nonnull (source);
  assert_no_tile (source, 1, 1, 1);
  assert_no_tile (source, 0, 0, 0);
}

/* A tile set that goes deeper in some places: elsewhere, the part of the tile above, enlarged. */
static void
test_gaps (void)
{
  g_autofree char *path = tmp_path ("gaps.mbtiles");
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_VIEW,
                                          (const char *const[]) { "format", "png", "minzoom", "0", "maxzoom", "7",
                                                                  NULL });
  g_autoptr (GBytes) world = tiles_quarters_image (RED, GREEN, BLUE, YELLOW);
  g_autoptr (GBytes) deep = tiles_image (0x808080, "png");
  g_autoptr (SitmapMbtilesSource) source = NULL;

  tiles_writer_put (writer, 0, 0, 0, world);
  /* one tile at zoom 2, in the north-west */
  tiles_writer_put (writer, 2, 0, 3, deep);
  tiles_writer_close (writer);
  source = open_path (path, NULL);
  g_assert_nonnull (source);

  g_assert_cmphex (fetch_color (source, 0, 0, 2), ==, 0x808080);
  /* zoom 1: each quarter of the world tile */
  g_assert_cmphex (fetch_color (source, 0, 0, 1), ==, RED);
  g_assert_cmphex (fetch_color (source, 1, 0, 1), ==, GREEN);
  g_assert_cmphex (fetch_color (source, 0, 1, 1), ==, BLUE);
  g_assert_cmphex (fetch_color (source, 1, 1, 1), ==, YELLOW);
  /* zoom 2 and 6: the nearest tile above, wherever it is */
  g_assert_cmphex (fetch_color (source, 3, 1, 2), ==, GREEN);
  g_assert_cmphex (fetch_color (source, 1, 0, 2), ==, RED);
  g_assert_cmphex (fetch_color (source, 40, 50, 6), ==, YELLOW);
  g_assert_cmphex (fetch_color (source, 3, 2, 6), ==, 0x808080);
  /* seven levels above is too far: nothing worth showing */
  assert_no_tile (source, 100, 100, 7);
}

static void
test_jpeg (void)
{
  g_autofree char *path = tmp_path ("photo.mbtiles");
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, (const char *const[]) { "format", "jpg", NULL });
  g_autoptr (GBytes) image = tiles_image (BLUE, "jpeg");
  g_autoptr (SitmapMbtilesSource) source = NULL;
  guint32 color;

  tiles_writer_put (writer, 0, 0, 0, image);
  tiles_writer_close (writer);
  source = open_path (path, NULL);
  g_assert_nonnull (source);
  g_assert_cmpstr (sitmap_mbtiles_source_get_format (source), ==, "jpg");
  color = fetch_color (source, 0, 0, 0);
  /* JPEG is lossy */
  g_assert_cmpint (color & 0xff, >, 0xf0);
  g_assert_cmpint (color >> 16, <, 0x10);
}

static void
filled_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Through libshumate's own renderer, as the map uses it: the right tile, drawn. */
static void
test_renderer (void)
{
  g_autofree char *path = write_world ("rendered.mbtiles", TILES_LAYOUT_VIEW, NULL);
  g_autoptr (SitmapMbtilesSource) source = open_path (path, NULL);
  g_autoptr (ShumateRasterRenderer) renderer = NULL;
  g_autoptr (ShumateTile) tile = shumate_tile_new_full (1, 1, 256, 1);
  gboolean done = FALSE;
  GdkPaintable *paintable;

  g_assert_nonnull (source);
  renderer = shumate_raster_renderer_new_full ("test", "Test", NULL, NULL, 0, 1, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (source));
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (renderer), tile, NULL, filled_cb, &done);
  tiles_wait_for (&done);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmphex (tiles_texture_color (GDK_TEXTURE (paintable)), ==, YELLOW);
}

static void
test_not_sqlite (void)
{
  g_autofree char *path = tmp_path ("notes.mbtiles");
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "This is a text file, not a tile set.\n");
  write_file (path, text->str, text->len);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NOT_MBTILES, "not an SQLite database");
}

static void
test_empty_file (void)
{
  g_autofree char *path = tmp_path ("empty.mbtiles");

  write_file (path, "", 0);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NOT_MBTILES, "“tiles”");
}

static void
test_missing_tables (void)
{
  g_autofree char *path = tmp_path ("tables.mbtiles");
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, NULL);

  tiles_writer_exec (writer, "DROP TABLE metadata");
  tiles_writer_close (writer);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NOT_MBTILES, "“metadata”");

  writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, NULL);
  tiles_writer_exec (writer, "DROP TABLE tiles; CREATE TABLE places (name TEXT)");
  tiles_writer_close (writer);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NOT_MBTILES, "“tiles”");

  writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, NULL);
  tiles_writer_exec (writer, "DROP TABLE tiles; CREATE TABLE tiles (z INTEGER, x INTEGER, y INTEGER, image BLOB)");
  tiles_writer_close (writer);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NOT_MBTILES, "tile_column");
}

static void
test_no_tiles (void)
{
  g_autofree char *path = tmp_path ("none.mbtiles");

  tiles_writer_close (tiles_writer_new (path, TILES_LAYOUT_VIEW, (const char *const[]) { "format", "png", NULL }));
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_EMPTY, "no tiles");
}

static void
test_vector_tiles (void)
{
  static const guint8 gzip[] = { 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03 };
  g_autofree char *path = tmp_path ("vector.mbtiles");
  g_autoptr (GBytes) tile = g_bytes_new_static (gzip, sizeof gzip);
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, (const char *const[]) { "format", "pbf", NULL });

  tiles_writer_put (writer, 0, 0, 0, tile);
  tiles_writer_close (writer);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_UNSUPPORTED, "vector tiles");

  /* The same without a format in the metadata: the tile itself tells. */
  writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, NULL);
  tiles_writer_put (writer, 0, 0, 0, tile);
  tiles_writer_close (writer);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_UNSUPPORTED, "vector tiles");
}

/* A file whose first tile is not an image at all is refused when it is opened. */
static void
test_damaged_first_tile (void)
{
  static const char gif[] = "GIF89a\x01\x00\x01\x00\x00\x00\x00;";
  g_autofree char *path = tmp_path ("gif.mbtiles");
  g_autoptr (GBytes) tile = g_bytes_new_static (gif, sizeof gif - 1);
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, (const char *const[]) { "format", "png", NULL });

  tiles_writer_put (writer, 0, 0, 0, tile);
  tiles_writer_close (writer);
  assert_open_fails (path, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_DAMAGED, "not whole PNG or JPEG images");
}

/* A damaged tile among good ones fails alone: no data for libshumate, ::tile-damaged, and the next
 * tile is fine. */
static void
test_damaged_tiles (void)
{
  g_autofree char *path = tmp_path ("damaged.mbtiles");
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, (const char *const[]) { "format", "png", NULL });
  g_autoptr (GBytes) good = tiles_image (GREEN, "png");
  g_autoptr (GBytes) jpeg = tiles_image (GREEN, "jpeg");
  g_autoptr (GBytes) truncated_png = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) / 2);
  g_autoptr (GBytes) truncated_jpeg = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 40);
  g_autoptr (GBytes) garbage = g_bytes_new_static ("\x89PNG but then nothing", 21);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (SitmapMbtilesSource) source = NULL;
  g_autoptr (GArray) damaged = g_array_new (FALSE, FALSE, sizeof (int));
  GBytes *bad[] = { truncated_png, truncated_jpeg, garbage, empty };

  tiles_writer_put (writer, 0, 0, 0, good);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    tiles_writer_put (writer, 2, i, 0, bad[i]);
  tiles_writer_put (writer, 2, 0, 1, good);
  tiles_writer_close (writer);
  source = open_path (path, NULL);
  g_assert_nonnull (source);
  g_signal_connect (source, "tile-damaged", G_CALLBACK (damaged_cb), damaged);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;
      int received = -1;

      /* TMS row 0 at zoom 2 is XYZ row 3 */
      bytes = tiles_fetch (SHUMATE_DATA_SOURCE (source), i, 3, 2, &received, &error);
      g_assert_null (bytes);
      g_assert_error (error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_DAMAGED);
      g_assert_cmpint (received, ==, 0);
      g_assert_cmpuint (damaged->len, ==, 3 * (i + 1));
      g_assert_cmpint (g_array_index (damaged, int, 3 * i), ==, i);
      g_assert_cmpint (g_array_index (damaged, int, 3 * i + 1), ==, 3);
      g_assert_cmpint (g_array_index (damaged, int, 3 * i + 2), ==, 2);
    }
  g_assert_cmphex (fetch_color (source, 0, 2, 2), ==, GREEN);
}

/* 256 tiles at zoom 4: enough to fill many pages of the file. */
static void
write_many_tiles (const char *path)
{
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE, (const char *const[]) { "format", "png", NULL });

  for (int x = 0; x < 16; x++)
    for (int y = 0; y < 16; y++)
      {
        g_autoptr (GBytes) image = tiles_image (x << 20 | y << 12, "png");

        tiles_writer_put (writer, 4, x, y, image);
      }
  tiles_writer_close (writer);
}

/* Asks for every tile: each comes, or fails with an error of this source. Returns how many failed. */
static guint
fetch_all (SitmapMbtilesSource *source)
{
  guint failed = 0;

  for (int x = 0; x < 16; x++)
    for (int y = 0; y < 16; y++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GBytes) bytes = tiles_fetch (SHUMATE_DATA_SOURCE (source), x, y, 4, NULL, &error);

        g_assert_true ((bytes != NULL) != (error != NULL));
        if (error != NULL)
          {
            g_assert_true (error->domain == SITMAP_MBTILES_ERROR);
            failed++;
          }
      }
  return failed;
}

/* A file that says it is SQLite and then is noise: refused. */
static void
test_garbage_database (void)
{
  g_autofree char *path = tmp_path ("noise.mbtiles");
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  guint8 noise[65536];

  memcpy (noise, "SQLite format 3", 16);
  for (gsize i = 16; i < sizeof noise; i++)
    noise[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  write_file (path, noise, sizeof noise);
  source = open_path (path, &error);
  g_assert_null (source);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_NOT_MBTILES) ||
                 g_error_matches (error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_DAMAGED));
}

/* A good file cut in half (a download that stopped): refused, or read as far as it goes. */
static void
test_cut_database (void)
{
  g_autofree char *path = tmp_path ("cut.mbtiles");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = NULL;
  gsize length;

  write_many_tiles (path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  write_file (path, contents, length / 2);
  source = open_path (path, &error);
  if (source == NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_true (error->domain == SITMAP_MBTILES_ERROR);
      return;
    }
  g_assert_cmpuint (fetch_all (source), >, 0);
}

/* Pages in the middle of a good file overwritten: the tiles there fail, one by one. */
static void
test_scrambled_database (void)
{
  g_autofree char *path = tmp_path ("scrambled.mbtiles");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = NULL;
  GRand *rand = g_rand_new_with_seed (11);
  gsize length;

  write_many_tiles (path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = length / 2; i < length / 2 + 16384 && i < length; i++)
    contents[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  write_file (path, contents, length);
  source = open_path (path, &error);
  if (source == NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_true (error->domain == SITMAP_MBTILES_ERROR);
      return;
    }
  g_assert_cmpuint (fetch_all (source), >, 0);
}

static void
test_missing_file (void)
{
  g_autofree char *path = tmp_path ("nowhere.mbtiles");

  assert_open_fails (path, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "does not exist");
}

/* SQLite opens files by URI: a name with ?, # and % in it must still be the file's. */
static void
test_odd_file_name (void)
{
  g_autofree char *path = write_world ("a b?c#d%20e.mbtiles", TILES_LAYOUT_TABLE, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SitmapMbtilesSource) source = open_path (path, &error);

  g_assert_no_error (error);
  g_assert_cmphex (fetch_color (source, 1, 1, 1), ==, YELLOW);
}

static void
opened_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  SitmapMbtilesSource **source = user_data;

  *source = sitmap_mbtiles_source_new_finish (result, NULL);
  g_assert_nonnull (*source);
}

static void
test_open_async (void)
{
  g_autofree char *path = write_world ("async.mbtiles", TILES_LAYOUT_TABLE, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SitmapMbtilesSource) source = NULL;

  sitmap_mbtiles_source_new_async (file, TRUE, NULL, opened_cb, &source);
  while (source == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmphex (fetch_color (source, 0, 1, 1), ==, BLUE);
}

/* A "tiles" view that never ends: cancelling stops the query; left alone, it is cut off. */
static char *
write_endless (void)
{
  g_autofree char *path = tmp_path ("endless.mbtiles");
  TilesWriter *writer = tiles_writer_new (path, TILES_LAYOUT_TABLE,
                                          (const char *const[]) { "format", "png", "minzoom", "0", "maxzoom", "0", NULL });
  g_autoptr (GBytes) image = tiles_image (RED, "png");

  tiles_writer_put (writer, 0, 0, 0, image);
  tiles_writer_exec (writer, "ALTER TABLE tiles RENAME TO real_tiles;"
                             "CREATE VIEW tiles AS WITH RECURSIVE counter(n) AS "
                             "(SELECT 1 UNION ALL SELECT n + 1 FROM counter) "
                             "SELECT 0 AS zoom_level, 0 AS tile_column, n AS tile_row, "
                             "(SELECT tile_data FROM real_tiles) AS tile_data FROM counter");
  tiles_writer_close (writer);
  return g_steal_pointer (&path);
}

typedef struct
{
  gboolean done;
  GError  *error;
} Result;

static void
endless_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Result *outcome = user_data;
  g_autoptr (GBytes) bytes = NULL;

  bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &outcome->error);

  g_assert_null (bytes);
  outcome->done = TRUE;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_endless_view (void)
{
  g_autofree char *path = write_endless ();
  g_autoptr (SitmapMbtilesSource) source = open_path (path, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Result cancelled = { FALSE, NULL };
  Result cut_off = { FALSE, NULL };

  g_assert_nonnull (source);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), 0, 0, 0, cancellable, endless_cb, &cancelled);
  g_timeout_add (100, cancel_cb, cancellable);
  tiles_wait_for (&cancelled.done);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);

  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), 0, 0, 0, NULL, endless_cb, &cut_off);
  tiles_wait_for (&cut_off.done);
  g_assert_error (cut_off.error, SITMAP_MBTILES_ERROR, SITMAP_MBTILES_ERROR_FAILED);
  g_assert_nonnull (strstr (cut_off.error->message, "too long"));
  g_clear_error (&cut_off.error);
}

static void
remove_tmp_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = tmp_path (name);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("sitmap-mbtiles-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/mbtiles/metadata", test_metadata);
  g_test_add_func ("/mbtiles/metadata-from-tiles", test_metadata_from_tiles);
  g_test_add_func ("/mbtiles/metadata-text", test_metadata_text);
  g_test_add_func ("/mbtiles/place-names-guess", test_place_names_guess);
  g_test_add_data_func ("/mbtiles/tms-flip/table", GINT_TO_POINTER (TILES_LAYOUT_TABLE), test_tms_flip);
  g_test_add_data_func ("/mbtiles/tms-flip/view", GINT_TO_POINTER (TILES_LAYOUT_VIEW), test_tms_flip);
  g_test_add_func ("/mbtiles/out-of-range", test_out_of_range);
  g_test_add_func ("/mbtiles/missing-tile", test_missing_tile);
  g_test_add_func ("/mbtiles/gaps", test_gaps);
  g_test_add_func ("/mbtiles/jpeg", test_jpeg);
  g_test_add_func ("/mbtiles/renderer", test_renderer);
  g_test_add_func ("/mbtiles/broken/not-sqlite", test_not_sqlite);
  g_test_add_func ("/mbtiles/broken/empty-file", test_empty_file);
  g_test_add_func ("/mbtiles/broken/missing-tables", test_missing_tables);
  g_test_add_func ("/mbtiles/broken/no-tiles", test_no_tiles);
  g_test_add_func ("/mbtiles/broken/vector-tiles", test_vector_tiles);
  g_test_add_func ("/mbtiles/broken/damaged-first-tile", test_damaged_first_tile);
  g_test_add_func ("/mbtiles/broken/damaged-tiles", test_damaged_tiles);
  g_test_add_func ("/mbtiles/broken/garbage-database", test_garbage_database);
  g_test_add_func ("/mbtiles/broken/cut-database", test_cut_database);
  g_test_add_func ("/mbtiles/broken/scrambled-database", test_scrambled_database);
  g_test_add_func ("/mbtiles/broken/missing-file", test_missing_file);
  g_test_add_func ("/mbtiles/broken/endless-view", test_endless_view);
  g_test_add_func ("/mbtiles/odd-file-name", test_odd_file_name);
  g_test_add_func ("/mbtiles/open-async", test_open_async);
  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
