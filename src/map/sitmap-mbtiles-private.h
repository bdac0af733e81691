/* sitmap-mbtiles-private.h: what an MBTiles file holds, read without trusting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Web Mercator ends here, north and south. */
#define SITMAP_MBTILES_MAX_LATITUDE 85.05112878

typedef enum
{
  SITMAP_TILE_DAMAGED, /* not a whole image Sitmap knows: a truncated PNG or JPEG, or anything else */
  SITMAP_TILE_PNG,
  SITMAP_TILE_JPEG,
  SITMAP_TILE_WEBP,
  SITMAP_TILE_VECTOR,  /* a Mapbox vector tile, compressed or not */
} SitmapTileKind;

/* What a tile's bytes are, from their first and last bytes: cheap enough for every tile. */
SitmapTileKind sitmap_mbtiles_sniff_tile (const guint8 *data, gsize size);
/* The part of an ancestor tile's image (levels zoom levels up) that tile x, y covers, enlarged to a
 * whole tile, as PNG; NULL when the ancestor cannot be decoded or the part is less than a pixel. */
GBytes        *sitmap_mbtiles_enlarge_tile (GBytes *ancestor, int x, int y, int levels);
/* Metadata text, often HTML ("<a href=…>&copy; OpenStreetMap</a>"), as plain text: the words, with
 * tags dropped, entities decoded and white space collapsed; NULL when no words are left. */
char          *sitmap_mbtiles_plain_text (const char *html);
/* "west,south,east,north" in degrees, checked (an area across the antimeridian is not bounds) and
 * cut to what Web Mercator shows; FALSE when text is NULL or not such bounds. */
gboolean       sitmap_mbtiles_parse_bounds (const char *text, double bounds[4]);

G_END_DECLS
