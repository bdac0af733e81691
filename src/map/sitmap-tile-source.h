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
 * ones) and the attribution the provider asks for. Immutable. */
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
gboolean             sitmap_tile_source_has_place_names (SitmapTileSource *self);

G_END_DECLS
