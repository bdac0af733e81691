/* test-basemap.c: the bundled offline basemap (data/basemap/sitmap-basemap.mbtiles)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the committed file with SQLite, as the map does, and checks what a user relies on with
 * the network unplugged: the metadata a reader needs, that every tile the issue promises is there
 * (the world to zoom 5, the Levant and Iraq to 10, Syria to 12), that tiles are 256×256 PNGs, that
 * rows are TMS (counted from the south), that Baghouz's tile shows the Euphrates and a name, that
 * identical tiles are stored once, and that the file stays within its 40 MB.
 */
#define G_LOG_DOMAIN "test-basemap"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#define MERCATOR_LAT 85.0511287798

typedef struct
{
  double west, south, east, north;
} Box;

/* The boxes tools/basemap/render.c covers, and the places. */
static const Box    middle_east = { 26.0, 24.0, 56.0, 42.0 };
static const Box    levant = { 34.0, 29.0, 48.8, 38.5 };
static const Box    syria = { 35.5, 32.2, 42.5, 37.5 };
static const double baghouz_lat = 34.4586, baghouz_lon = 40.9506;

static const char *basemap_path;
static sqlite3    *db;

/*
 * Helpers
 */

static int
tile_x (double lon, int z)
{
  return (int)floor ((lon + 180.0) / 360.0 * (1 << z));
}

/* The row in XYZ numbering (row 0 at the north), as libshumate asks for tiles. */
static int
tile_y (double lat, int z)
{
  double r = lat * G_PI / 180.0;

  return (int)floor ((1.0 - log (tan (r) + 1.0 / cos (r)) / G_PI) / 2.0 * (1 << z));
}

static char *
metadata (const char *name)
{
  sqlite3_stmt *stmt;
  char         *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM metadata WHERE name = ?", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
count (const char *sql)
{
  sqlite3_stmt *stmt;
  gint64        n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The tile at XYZ position (z, x, y), read through the `tiles` view with the TMS row, or NULL. */
static GBytes *
tile_at_tms_row (int z, int x, int tms_row)
{
  sqlite3_stmt *stmt;
  GBytes       *bytes = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT tile_data FROM tiles"
                                       " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, tms_row);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  return bytes;
}

static GBytes *
tile (int z, int x, int y)
{
  return tile_at_tms_row (z, x, (1 << z) - 1 - y);
}

static GdkPixbuf *
decode (GBytes *png)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;
  g_autoptr (GError) error = NULL;
  GdkPixbuf *pixbuf;

  loader = gdk_pixbuf_loader_new_with_type ("png", &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_nonnull (pixbuf);
  return g_object_ref (pixbuf);
}

static void
pixel (GdkPixbuf *pixbuf, int x, int y, int *r, int *g, int *b)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);

  *r = p[0], *g = p[1], *b = p[2];
}

/* How many pixels of the tile are within @tolerance of a colour in each channel. */
static int
count_color (GdkPixbuf *pixbuf, int cr, int cg, int cb, int tolerance)
{
  int n = 0;

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      {
        int r, g, b;

        pixel (pixbuf, x, y, &r, &g, &b);
        if (ABS (r - cr) <= tolerance && ABS (g - cg) <= tolerance && ABS (b - cb) <= tolerance)
          n++;
      }
  return n;
}

/* Every tile of the box at zoom z is in the file, at its TMS row. */
static void
assert_box_covered (const Box *box, int z)
{
  int x0 = tile_x (box->west, z), x1 = tile_x (box->east, z);
  int y0 = tile_y (box->north, z), y1 = tile_y (box->south, z);
  int missing = 0;

  for (int x = x0; x <= x1; x++)
    for (int y = y0; y <= y1; y++)
      {
        g_autoptr (GBytes) png = tile (z, x, y);

        if (png == NULL)
          {
            if (missing++ < 5)
              g_test_message ("missing tile %d/%d/%d", z, x, y);
          }
      }
  g_assert_cmpint (missing, ==, 0);
}

/*
 * Tests
 */

static void
test_metadata (void)
{
  g_autofree char *format = metadata ("format");
  g_autofree char *minzoom = metadata ("minzoom");
  g_autofree char *maxzoom = metadata ("maxzoom");
  g_autofree char *bounds = metadata ("bounds");
  g_autofree char *attribution = metadata ("attribution");
  g_autofree char *type = metadata ("type");
  g_autofree char *name = metadata ("name");
  g_auto (GStrv) parts = NULL;

  g_assert_cmpstr (format, ==, "png");
  g_assert_cmpstr (minzoom, ==, "0");
  g_assert_cmpstr (maxzoom, ==, "12");
  g_assert_cmpstr (type, ==, "baselayer");
  g_assert_nonnull (name);
  g_assert_cmpstr (name, !=, "");

  /* "W,S,E,N": the whole Web Mercator world, since zooms 0-5 are. */
  g_assert_nonnull (bounds);
  parts = g_strsplit (bounds, ",", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (parts[0], NULL), -180.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (parts[1], NULL), -MERCATOR_LAT, 1e-3);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (parts[2], NULL), 180.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (parts[3], NULL), MERCATOR_LAT, 1e-3);

  /* One short line for the map's corner that names every source and GeoNames' licence. */
  g_assert_nonnull (attribution);
  g_assert_nonnull (strstr (attribution, "Natural Earth"));
  g_assert_nonnull (strstr (attribution, "GSHHG"));
  g_assert_nonnull (strstr (attribution, "GeoNames"));
  g_assert_nonnull (strstr (attribution, "CC BY 4.0"));
  g_assert_null (strchr (attribution, '\n'));
  g_assert_cmpuint (strlen (attribution), <=, 80);
}

static void
test_world_zooms (void)
{
  for (int z = 0; z <= 5; z++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM map WHERE zoom_level = %d"
                                              " AND tile_column BETWEEN 0 AND %d AND tile_row BETWEEN 0 AND %d",
                                              z, (1 << z) - 1, (1 << z) - 1);

      g_assert_cmpint (count (sql), ==, (gint64)1 << (2 * z));
    }
  g_assert_cmpint (count ("SELECT min(zoom_level) FROM map"), ==, 0);
  g_assert_cmpint (count ("SELECT max(zoom_level) FROM map"), ==, 12);
}

static void
test_regional_zooms (void)
{
  for (int z = 6; z <= 8; z++)
    assert_box_covered (&middle_east, z);
  for (int z = 6; z <= 10; z++)
    assert_box_covered (&levant, z);
  for (int z = 6; z <= 12; z++)
    assert_box_covered (&syria, z);
  /* And nothing deeper than 10 far from Syria: Baghdad is in the Levant box, not in Syria's. */
  {
    g_autoptr (GBytes) baghdad = tile (11, tile_x (44.40, 11), tile_y (33.34, 11));

    g_assert_null (baghdad);
  }
}

/* TMS rows count from the south: Baghouz's tile is at 2^z − 1 − y, and nothing is at y itself
 * (that row is in the southern hemisphere, where zoom 11 has no tiles). */
static void
test_tms_rows (void)
{
  int x = tile_x (baghouz_lon, 11), y = tile_y (baghouz_lat, 11);
  g_autoptr (GBytes) flipped = tile_at_tms_row (11, x, 2047 - y);
  g_autoptr (GBytes) unflipped = tile_at_tms_row (11, x, y);
  g_autoptr (GBytes) world = tile (0, 0, 0);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  int r, g, b, wr, wg, wb;

  g_assert_nonnull (flipped);
  g_assert_null (unflipped);

  /* The world tile has Antarctica (land) at the bottom and the Pacific (water) at the left. */
  pixbuf = decode (world);
  pixel (pixbuf, 128, 250, &r, &g, &b);
  pixel (pixbuf, 6, 128, &wr, &wg, &wb);
  g_assert_cmpint (r + g + b, >, wr + wg + wb + 30);
  g_assert_cmpint (wb, >, wr);
}

/* The acceptance test: at zoom 11, Baghouz's tile shows the Euphrates and names. */
static void
test_baghouz (void)
{
  g_autoptr (GBytes) png = tile (11, tile_x (baghouz_lon, 11), tile_y (baghouz_lat, 11));
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  int land, river, text;

  g_assert_nonnull (png);
  pixbuf = decode (png);
  /* Pale land (#f6f5f4), the river's blue (#a3bdd4), dark grey names (#3d3846). */
  land = count_color (pixbuf, 0xf6, 0xf5, 0xf4, 4);
  river = count_color (pixbuf, 0xa3, 0xbd, 0xd4, 12);
  text = count_color (pixbuf, 0x3d, 0x38, 0x46, 40);
  g_test_message ("Baghouz at zoom 11: %d land, %d river and %d text pixels", land, river, text);
  g_assert_cmpint (land, >, 256 * 256 / 2);
  g_assert_cmpint (river, >, 150);
  g_assert_cmpint (text, >, 20);
}

static void
test_tiles_decode (void)
{
  sqlite3_stmt *stmt;
  int           n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT tile_data FROM images", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GBytes) png = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      g_autoptr (GdkPixbuf) pixbuf = decode (png);
      const guint8 *data = g_bytes_get_data (png, NULL);

      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 256);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 256);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (n, >, 0);
}

/* The MBUtil layout: tiles point at images, and each image is stored once. */
static void
test_deduplicated (void)
{
  gint64 tiles = count ("SELECT count(*) FROM tiles");
  gint64 placed = count ("SELECT count(*) FROM map");
  gint64 images = count ("SELECT count(*) FROM images");

  g_assert_cmpint (tiles, ==, placed);
  g_assert_cmpint (images, <, placed);
  g_assert_cmpint (count ("SELECT count(*) FROM (SELECT tile_data FROM images GROUP BY tile_data HAVING count(*) > 1)"),
                   ==, 0);
  g_assert_cmpint (count ("SELECT count(*) FROM map WHERE tile_id NOT IN (SELECT tile_id FROM images)"), ==, 0);
}

static void
test_size (void)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (basemap_path, &st), ==, 0);
  g_test_message ("%s: %.1f MB", basemap_path, st.st_size / 1e6);
  g_assert_cmpint (st.st_size, <=, 40 * 1000 * 1000);
}

/* The licences travel with the file: GeoNames' CC BY 4.0 asks for it. */
static void
test_attribution_file (void)
{
  g_autofree char *dir = g_path_get_dirname (basemap_path);
  g_autofree char *path = g_build_filename (dir, "ATTRIBUTION", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  for (const char *const *word
       = (const char *const[]){ "Natural Earth", "public domain", "GSHHG", "LGPL", "GeoNames", "CC BY 4.0", NULL };
       *word != NULL; word++)
    g_assert_nonnull (strstr (text, *word));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    g_error ("usage: %s sitmap-basemap.mbtiles", argv[0]);
  basemap_path = argv[1];
  g_assert_cmpint (sqlite3_open_v2 (basemap_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_test_add_func ("/basemap/metadata", test_metadata);
  g_test_add_func ("/basemap/world-zooms", test_world_zooms);
  g_test_add_func ("/basemap/regional-zooms", test_regional_zooms);
  g_test_add_func ("/basemap/tms-rows", test_tms_rows);
  g_test_add_func ("/basemap/baghouz", test_baghouz);
  g_test_add_func ("/basemap/tiles-decode", test_tiles_decode);
  g_test_add_func ("/basemap/deduplicated", test_deduplicated);
  g_test_add_func ("/basemap/size", test_size);
  g_test_add_func ("/basemap/attribution-file", test_attribution_file);
  status = g_test_run ();
  sqlite3_close (db);
  return status;
}
