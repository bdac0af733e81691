/* sitmap-tile-sources.h: the map sources to choose from, the chosen one, and its ShumateMapSource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-online-tiles.h"
#include "sitmap-tile-source.h"

G_BEGIN_DECLS

#define SITMAP_TILE_SOURCES_OFFLINE_ID "offline"
#define SITMAP_TILE_SOURCES_OSM_ID     "osm"

/* A GListModel of SitmapTileSource: the offline basemap and OpenStreetMap, then the sources the user
 * added, in the order added. The user's sources (GSettings key custom-map-sources) and the choice
 * (map-source) are remembered when settings are given.
 *
 * :map-source is what the map should show, never NULL: a blank source until the first choice is
 * open, then the chosen source's renderer. Choosing a source opens it off the main thread; only once
 * it is open do :current and :map-source change, so a source that fails leaves the previous one in
 * place and emits ::failed. The offline basemap is the default and the fallback, and it never falls
 * back to the network: if its file is missing the map stays blank (and ::failed says why). No tile
 * downloader exists unless an online source is shown.
 *
 * The basemap is the file $SITMAP_BASEMAP names, else PKGDATADIR/basemap/sitmap-basemap.mbtiles. */
#define SITMAP_TYPE_TILE_SOURCES (sitmap_tile_sources_get_type ())
G_DECLARE_FINAL_TYPE (SitmapTileSources, sitmap_tile_sources, SITMAP, TILE_SOURCES, GObject)

SitmapTileSources *sitmap_tile_sources_new (GSettings *settings);

/* Opens the remembered choice (the offline basemap when none, or when it is gone). */
void               sitmap_tile_sources_restore (SitmapTileSources *self);
/* Shows the source with this id once it is open, and remembers the choice. */
void               sitmap_tile_sources_choose (SitmapTileSources *self, const char *id);

SitmapTileSource  *sitmap_tile_sources_lookup (SitmapTileSources *self, const char *id);
/* The source shown, or NULL before the first one opened. */
SitmapTileSource  *sitmap_tile_sources_get_current (SitmapTileSources *self);
ShumateMapSource  *sitmap_tile_sources_get_map_source (SitmapTileSources *self);
/* Whether the shown source's tiles can be loaded (property "tiles-problem"): an online source's after a
 * few tiles in a row failed, until one loads; SITMAP_TILES_LOADING for the others. */
SitmapTilesProblem sitmap_tile_sources_get_tiles_problem (SitmapTileSources *self);
/* Whether a source is being opened. */
gboolean           sitmap_tile_sources_get_busy (SitmapTileSources *self);

/* Opens an MBTiles file; if it can be used, adds it (once: a file already listed is chosen again),
 * shows it and remembers it. A file that cannot be used changes nothing; the error names the file. */
void               sitmap_tile_sources_add_mbtiles_async (SitmapTileSources  *self,
                                                          GFile              *file,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
SitmapTileSource  *sitmap_tile_sources_add_mbtiles_finish (SitmapTileSources *self,
                                                           GAsyncResult      *result,
                                                           GError           **error);
/* Adds a tile server by its URL template (see check_url_template), shows it and remembers it. */
SitmapTileSource  *sitmap_tile_sources_add_online (SitmapTileSources *self,
                                                   const char        *name,
                                                   const char        *url_template,
                                                   const char        *attribution,
                                                   GError           **error);
/* Removes one of the user's sources (the offline basemap is shown if it was shown). */
void               sitmap_tile_sources_remove (SitmapTileSources *self, const char *id);
/* Puts the source removed last back where it was; FALSE when there is none. */
gboolean           sitmap_tile_sources_undo_remove (SitmapTileSources *self);

/* Says whether one of the user's sources names places itself (the chooser's "Show Town Names", inverted):
 * remembered with it, and the source replaced by one that says so (:current too, if it is shown). */
void               sitmap_tile_sources_set_place_names (SitmapTileSources *self,
                                                        const char        *id,
                                                        gboolean           has_place_names);

/* Whether url_template is an http(s) address with {z}, {x} and {y} (or {tmsy}, the row counted from
 * the south) and no other placeholder; the error (G_IO_ERROR_INVALID_ARGUMENT) says what to change. */
gboolean           sitmap_tile_sources_check_url_template (const char *url_template, GError **error);
/* The offline basemap's file. */
GFile             *sitmap_tile_sources_dup_basemap_file (void);

G_END_DECLS
