/* sitmap-online-tiles.h: an online source's tiles, and whether they can be loaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* Why the tiles cannot be loaded. */
typedef enum
{
  SITMAP_TILES_LOADING,     /* they can, as far as anyone knows */
  SITMAP_TILES_NO_NETWORK,  /* the server cannot be reached: no network, no name, nothing listening */
  SITMAP_TILES_REFUSED,     /* the server answers, with an error instead of tiles */
} SitmapTilesProblem;

/* The tiles of a tile server, as a ShumateDataSource for ShumateRasterRenderer: libshumate's
 * ShumateTileDownloader (its cache, its requests) fetches them; this source only listens to how each
 * request ends. :problem says the tiles cannot be loaded once SITMAP_ONLINE_TILES_FAILURES requests in
 * a row failed (a request cancelled because the map moved on is not a failure), and goes back to
 * SITMAP_TILES_LOADING with the first tile that loads: the map says so once, never once per tile. */
#define SITMAP_TYPE_ONLINE_TILES (sitmap_online_tiles_get_type ())
G_DECLARE_FINAL_TYPE (SitmapOnlineTiles, sitmap_online_tiles, SITMAP, ONLINE_TILES, ShumateDataSource)

#define SITMAP_ONLINE_TILES_FAILURES 3

SitmapOnlineTiles *sitmap_online_tiles_new (const char *url_template);
SitmapTilesProblem sitmap_online_tiles_get_problem (SitmapOnlineTiles *self);

G_END_DECLS
