/* preview.c: stitches tiles of an MBTiles file into one PNG, to look at the basemap
 *
 * Copyright 2024 The Sitmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the tiles back through the file's `tiles` view, as a map would, so a preview also shows
 * that the TMS rows and the stored PNGs are right. A missing tile is drawn as a grey hatch.
 *
 * Usage: preview FILE.mbtiles OUT.png ZOOM LAT LON COLUMNS ROWS
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>
#include <sqlite3.h>

#define TILE 256

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
} Reader;

static cairo_status_t
read_cb (void *closure, unsigned char *out, unsigned int length)
{
  Reader *r = closure;

  if (r->offset + length > r->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_missing (cairo_t *cr, double x, double y)
{
  cairo_rectangle (cr, x, y, TILE, TILE);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
  for (int i = -TILE; i < TILE; i += 16)
    {
      cairo_move_to (cr, x + i, y);
      cairo_line_to (cr, x + i + TILE, y + TILE);
    }
  cairo_save (cr);
  cairo_rectangle (cr, x, y, TILE, TILE);
  cairo_clip (cr);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_tile (cairo_t *cr, sqlite3_stmt *stmt, int z, int x, int y, double dx, double dy)
{
  int n = 1 << z;

  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int (stmt, 2, ((x % n) + n) % n);
  sqlite3_bind_int (stmt, 3, n - 1 - y);
  if (y >= 0 && y < n && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Reader           r = { sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), 0 };
      cairo_surface_t *tile = cairo_image_surface_create_from_png_stream (read_cb, &r);

      if (cairo_surface_status (tile) != CAIRO_STATUS_SUCCESS)
        g_error ("tile %d/%d/%d is not a PNG", z, x, y);
      cairo_set_source_surface (cr, tile, dx, dy);
      cairo_paint (cr);
      cairo_surface_destroy (tile);
    }
  else
    draw_missing (cr, dx, dy);
}

int
main (int argc, char **argv)
{
  sqlite3         *db;
  sqlite3_stmt    *stmt;
  cairo_surface_t *out;
  cairo_t         *cr;
  int              z, cols, rows;
  double           lat, lon, fx, fy;

  if (argc != 8)
    {
      g_printerr ("usage: %s FILE.mbtiles OUT.png ZOOM LAT LON COLUMNS ROWS\n", argv[0]);
      return 2;
    }
  z = atoi (argv[3]);
  lat = g_ascii_strtod (argv[4], NULL);
  lon = g_ascii_strtod (argv[5], NULL);
  cols = atoi (argv[6]);
  rows = atoi (argv[7]);
  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s: %s", argv[1], sqlite3_errmsg (db));
  sqlite3_prepare_v2 (db, "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?", -1,
                      &stmt, NULL);

  /* The tile holding the point, in XYZ, and the grid around it. */
  fx = (lon + 180.0) / 360.0 * (1 << z);
  fy = (1.0 - log (tan (lat * G_PI / 180.0) + 1.0 / cos (lat * G_PI / 180.0)) / G_PI) / 2.0 * (1 << z);
  out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cols * TILE, rows * TILE);
  cr = cairo_create (out);
  for (int j = 0; j < rows; j++)
    for (int i = 0; i < cols; i++)
      draw_tile (cr, stmt, z, (int)floor (fx) - cols / 2 + i, (int)floor (fy) - rows / 2 + j, i * TILE, j * TILE);

  /* Where the point is, as a small red cross, so a preview shows what it was made for. */
  {
    double px = (fx - (floor (fx) - cols / 2)) * TILE, py = (fy - (floor (fy) - rows / 2)) * TILE;

    cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
    cairo_set_line_width (cr, 1.5);
    cairo_move_to (cr, px - 6, py);
    cairo_line_to (cr, px + 6, py);
    cairo_move_to (cr, px, py - 6);
    cairo_line_to (cr, px, py + 6);
    cairo_stroke (cr);
  }
  cairo_destroy (cr);
  if (cairo_surface_write_to_png (out, argv[2]) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot write %s", argv[2]);
  cairo_surface_destroy (out);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return 0;
}
