/* tiles-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tiles-test-utils"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tiles-test-utils.h"

struct _TilesWriter
{
  sqlite3     *db;
  TilesLayout  layout;
  guint        next_id;
};

static void
exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

TilesWriter *
tiles_writer_new (const char *path, TilesLayout layout, const char *const *metadata)
{
  TilesWriter *writer = g_new0 (TilesWriter, 1);
  sqlite3_stmt *statement = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &writer->db), ==, SQLITE_OK);
  writer->layout = layout;
  /* one transaction, no waiting for the disk: these files are thrown away */
  exec (writer->db, "PRAGMA synchronous = OFF; BEGIN");
  exec (writer->db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  if (layout == TILES_LAYOUT_TABLE)
    exec (writer->db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                      "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
  else
    exec (writer->db, "CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);"
                      "CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);"
                      "CREATE TABLE images (tile_data BLOB, tile_id TEXT);"
                      "CREATE UNIQUE INDEX images_id ON images (tile_id);"
                      "CREATE VIEW tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column, "
                      "map.tile_row AS tile_row, images.tile_data AS tile_data "
                      "FROM map JOIN images ON images.tile_id = map.tile_id");
  g_assert_cmpint (sqlite3_prepare_v2 (writer->db, "INSERT INTO metadata VALUES (?1, ?2)", -1, &statement, NULL), ==,
                   SQLITE_OK);
  for (guint i = 0; metadata != NULL && metadata[i] != NULL; i += 2)
    {
      sqlite3_bind_text (statement, 1, metadata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 2, metadata[i + 1], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
      sqlite3_reset (statement);
    }
  sqlite3_finalize (statement);
  return writer;
}

static void
insert (sqlite3 *db, const char *sql, int z, int x, int row, const char *id, GBytes *data)
{
  sqlite3_stmt *statement = NULL;
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (id != NULL)
    {
      sqlite3_bind_text (statement, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_blob (statement, 2, bytes, size, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_int (statement, 1, z);
      sqlite3_bind_int (statement, 2, x);
      sqlite3_bind_int (statement, 3, row);
      sqlite3_bind_blob (statement, 4, bytes, size, SQLITE_STATIC);
    }
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
}

void
tiles_writer_put (TilesWriter *writer, int z, int x, int tms_row, GBytes *data)
{
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;

  if (writer->layout == TILES_LAYOUT_TABLE)
    {
      insert (writer->db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", z, x, tms_row, NULL, data);
      return;
    }
  id = g_strdup_printf ("tile-%u", writer->next_id++);
  insert (writer->db, "INSERT INTO images (tile_id, tile_data) VALUES (?1, ?2)", 0, 0, 0, id, data);
  sql = g_strdup_printf ("INSERT INTO map VALUES (%d, %d, %d, '%s')", z, x, tms_row, id);
  exec (writer->db, sql);
}

void
tiles_writer_exec (TilesWriter *writer, const char *sql)
{
  exec (writer->db, sql);
}

void
tiles_writer_close (TilesWriter *writer)
{
  exec (writer->db, "COMMIT");
  g_assert_cmpint (sqlite3_close (writer->db), ==, SQLITE_OK);
  g_free (writer);
}

GBytes *
tiles_image (guint32 rgb, const char *format)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  g_autoptr (GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgb << 8 | 0xff);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

GBytes *
tiles_quarters_image (guint32 north_west, guint32 north_east, guint32 south_west, guint32 south_east)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  guint32 colors[4] = { north_west, north_east, south_west, south_east };
  g_autoptr (GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (GdkPixbuf) quarter = gdk_pixbuf_new_subpixbuf (pixbuf, i % 2 * 128, i / 2 * 128, 128, 128);

      gdk_pixbuf_fill (quarter, colors[i] << 8 | 0xff);
    }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static guint32
pixbuf_color (GdkPixbuf *pixbuf)
{
  gsize row = gdk_pixbuf_get_height (pixbuf) / 2 * gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixel = gdk_pixbuf_read_pixels (pixbuf) + row +
                        gdk_pixbuf_get_width (pixbuf) / 2 * gdk_pixbuf_get_n_channels (pixbuf);

  return pixel[0] << 16 | pixel[1] << 8 | pixel[2];
}

guint32
tiles_image_color (GBytes *image)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (image);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);

  g_assert_no_error (error);
  return pixbuf_color (pixbuf);
}

guint32
tiles_texture_color (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  const guint8 *pixel;

  /* GDK_MEMORY_DEFAULT: premultiplied B, G, R, A; the tiles are opaque */
  gdk_texture_download (texture, data, width * 4);
  pixel = data + ((gsize) height / 2 * width + width / 2) * 4;
  return pixel[2] << 16 | pixel[1] << 8 | pixel[0];
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting");
  return G_SOURCE_REMOVE;
}

void
tiles_wait_for (gboolean *flag)
{
  guint timeout = g_timeout_add_seconds (60, timeout_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

typedef struct
{
  gboolean done;
  GBytes  *bytes;
  GError  *error;
} Fetch;

static void
fetched_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &fetch->error);
  fetch->done = TRUE;
}

static void
received_cb (ShumateDataSource *source, int x, int y, int z, GBytes *bytes, gpointer user_data)
{
  (*(int *) user_data)++;
}

GBytes *
tiles_fetch (ShumateDataSource *source, int x, int y, int z, int *received, GError **error)
{
  Fetch fetch = { FALSE, NULL, NULL };
  int count = 0;
  gulong handler = g_signal_connect (source, "received-data", G_CALLBACK (received_cb), &count);

  shumate_data_source_get_tile_data_async (source, x, y, z, NULL, fetched_cb, &fetch);
  tiles_wait_for (&fetch.done);
  g_signal_handler_disconnect (source, handler);
  if (received != NULL)
    *received = count;
  if (fetch.error != NULL)
    g_propagate_error (error, fetch.error);
  return fetch.bytes;
}
