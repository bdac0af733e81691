/* sitmap-tile-source.h: one entry of the map source chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SITMAP_TILE_SOURCE_OFFLINE, /* the basemap installed with Sitmap */
  SITMAP_TILE_SOURCE_OSM,     /* OpenStreetMap's tile servers */
  SITMAP_TILE_SOURCE_MBTILES, /* an MBTiles file the user added */
  SITMAP_TILE_SOURCE_XYZ,     /* a tile server the user added, by its URL template */
} SitmapTileSourceKind;

/* What the chooser lists and the settings remember: a kind, a stable id, a name to show, where the
 * tiles are (an MBTiles file's URI, an XYZ URL template with {x} {y} {z}; nothing for the built-in
 * ones), the attribution the provider asks for, and whether its tiles name places themselves (so that
 * the map does not name its towns twice). Immutable: a change is a new object. */
#define SITMAP_TYPE_TILE_SOURCE (sitmap_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (SitmapTileSource, sitmap_tile_source, SITMAP, TILE_SOURCE, GObject)

SitmapTileSource    *sitmap_tile_source_new (SitmapTileSourceKind kind,
                                             const char          *id,
                                             const char          *name,
                                             const char          *location,
                                             const char          *attribution);

SitmapTileSourceKind sitmap_tile_source_get_kind (SitmapTileSource *self);
const char          *sitmap_tile_source_get_id (SitmapTileSource *self);
const char          *sitmap_tile_source_get_name (SitmapTileSource *self);
const char          *sitmap_tile_source_get_location (SitmapTileSource *self);
const char          *sitmap_tile_source_get_attribution (SitmapTileSource *self);
/* Whether its tiles come over the network. */
gboolean             sitmap_tile_source_is_online (SitmapTileSource *self);
/* Whether the user added it (and may remove it). */
gboolean             sitmap_tile_source_is_custom (SitmapTileSource *self);

/* Whether the tiles name towns and cities themselves: what the user said, else the guess. The offline
 * basemap and OpenStreetMap do; a tile server, unless its name or address says otherwise (imagery, "no
 * labels"), is taken to; an MBTiles file is guessed from its metadata once it is open
 * (sitmap_mbtiles_source_get_names_places), and is taken not to before. */
gboolean             sitmap_tile_source_has_place_names (SitmapTileSource *self);
/* Whether that is the user's word rather than a guess. */
gboolean             sitmap_tile_source_get_place_names_chosen (SitmapTileSource *self);
/* A copy that names places or not, as the user chose (chosen) or as a guess. */
SitmapTileSource    *sitmap_tile_source_copy_with_place_names (SitmapTileSource *self,
                                                               gboolean          has_place_names,
                                                               gboolean          chosen);
/* The guess from what describes tiles (an MBTiles file's type, name, description and attribution; a tile
 * server's name, address and attribution; NULL entries are skipped, n of them): labels named, or a
 * street map's provider, say yes; "no labels", imagery, terrain say no; fallback when nothing tells. */
gboolean             sitmap_tile_source_guess_place_names (const char *const *texts,
                                                           guint              n_texts,
                                                           gboolean           fallback);

G_END_DECLS
