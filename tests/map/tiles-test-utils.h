/* tiles-test-utils.h: MBTiles files and tile images made by the tests themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

typedef enum
{
  TILES_LAYOUT_TABLE, /* one "tiles" table, as the MBTiles specification shows it */
  TILES_LAYOUT_VIEW,  /* "map" and "images" tables joined by a "tiles" view, as MBUtil and TileMill write */
} TilesLayout;

typedef struct _TilesWriter TilesWriter;

/* A new MBTiles file at path (replaced if it exists). metadata: name, value pairs, NULL-terminated. */
TilesWriter *tiles_writer_new (const char *path, TilesLayout layout, const char *const *metadata);
/* A tile at zoom z, column x and TMS row (counted from the south). */
void         tiles_writer_put (TilesWriter *writer, int z, int x, int tms_row, GBytes *data);
/* Runs any SQL on the file. */
void         tiles_writer_exec (TilesWriter *writer, const char *sql);
void         tiles_writer_close (TilesWriter *writer);

/* A 256-pixel tile of one colour (0xRRGGBB), as PNG or JPEG ("png", "jpeg"). */
GBytes      *tiles_image (guint32 rgb, const char *format);
/* A 256-pixel PNG tile in four quarters of the given colours. */
GBytes      *tiles_quarters_image (guint32 north_west, guint32 north_east, guint32 south_west, guint32 south_east);
/* The colour (0xRRGGBB) at the middle of an image, or of a texture. */
guint32      tiles_image_color (GBytes *image);
guint32      tiles_texture_color (GdkTexture *texture);

/* Runs the main loop until *flag is TRUE; fails the test after a minute. */
void         tiles_wait_for (gboolean *flag);

/* The data of tile x, y (XYZ) at zoom z: NULL and error when there is none. received, if given,
 * counts the source's ::received-data emissions meanwhile. */
GBytes      *tiles_fetch (ShumateDataSource *source, int x, int y, int z, int *received, GError **error);

G_END_DECLS
