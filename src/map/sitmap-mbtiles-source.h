/* sitmap-mbtiles-source.h: map tiles from an MBTiles file, for ShumateRasterRenderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SITMAP_MBTILES_ERROR (sitmap_mbtiles_error_quark ())

typedef enum
{
  SITMAP_MBTILES_ERROR_FAILED,      /* the file could not be read */
  SITMAP_MBTILES_ERROR_NOT_MBTILES, /* not SQLite, or not the tables MBTiles has */
  SITMAP_MBTILES_ERROR_UNSUPPORTED, /* tiles Sitmap cannot show: vector tiles, WebP */
  SITMAP_MBTILES_ERROR_EMPTY,       /* not a single tile */
  SITMAP_MBTILES_ERROR_NO_TILE,     /* a tile: none at that position (outside the zooms or bounds, or missing) */
  SITMAP_MBTILES_ERROR_DAMAGED,     /* a tile (or the sample read on opening) is not a whole PNG or JPEG image */
} SitmapMbtilesError;

GQuark sitmap_mbtiles_error_quark (void);

/* The tiles of an MBTiles file (the SQLite tile store QGIS, MOBAC, TileMill and OsmAnd write), as a
 * ShumateDataSource: hand it to shumate_raster_renderer_new_full().
 *
 * The file is opened read-only and checked on opening: an SQLite database with a "tiles" table or
 * view and a "metadata" table, whose tiles are PNG or JPEG images (the first one is read to be
 * sure). Every error names the file ("x.mbtiles: …"). Tiles are asked for in XYZ numbering and
 * looked up in the file's TMS rows; a tile outside the file's zoom levels or bounds is a
 * SITMAP_MBTILES_ERROR_NO_TILE without a query. A tile missing within them (a tile set that covers
 * some places deeper than others) is the nearest tile above it, up to six zoom levels, enlarged to a
 * PNG: a blurred map rather than none. Each tile's bytes are checked to be a whole PNG or
 * JPEG image before libshumate sees them: a damaged tile fails alone (SITMAP_MBTILES_ERROR_DAMAGED,
 * and ::tile-damaged), never the map. Queries run in a worker thread, one at a time on the source's
 * one connection; a query that runs for more than a few seconds (a hostile view) is abandoned.
 *
 * immutable: the file never changes while Sitmap runs (the installed basemap). SQLite then takes no
 * locks and needs no journal beside it, so a file on read-only media opens too. */
#define SITMAP_TYPE_MBTILES_SOURCE (sitmap_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (SitmapMbtilesSource, sitmap_mbtiles_source, SITMAP, MBTILES_SOURCE, ShumateDataSource)

SitmapMbtilesSource *sitmap_mbtiles_source_new (GFile        *file,
                                                gboolean      immutable,
                                                GCancellable *cancellable,
                                                GError      **error);
/* The same, with the opening checks in a worker thread. */
void                 sitmap_mbtiles_source_new_async (GFile              *file,
                                                      gboolean            immutable,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
SitmapMbtilesSource *sitmap_mbtiles_source_new_finish (GAsyncResult *result, GError **error);

GFile      *sitmap_mbtiles_source_get_file (SitmapMbtilesSource *self);
/* The file's name as the user knows it ("x.mbtiles"). */
const char *sitmap_mbtiles_source_get_display_name (SitmapMbtilesSource *self);
/* The metadata's name, or NULL. */
const char *sitmap_mbtiles_source_get_name (SitmapMbtilesSource *self);
/* The metadata's attribution as plain text (HTML tags dropped, entities decoded), or NULL. */
const char *sitmap_mbtiles_source_get_attribution (SitmapMbtilesSource *self);
/* Whether its tiles name places themselves, as its metadata (type, name, description, attribution) tells:
 * see sitmap_tile_source_guess_place_names; FALSE when it does not. */
gboolean    sitmap_mbtiles_source_get_names_places (SitmapMbtilesSource *self);
/* "png" or "jpg": what the metadata says, else what the first tile is. */
const char *sitmap_mbtiles_source_get_format (SitmapMbtilesSource *self);
guint       sitmap_mbtiles_source_get_min_zoom (SitmapMbtilesSource *self);
guint       sitmap_mbtiles_source_get_max_zoom (SitmapMbtilesSource *self);
/* The metadata's bounds in degrees; FALSE (and the whole world) when it names none that make sense. */
gboolean    sitmap_mbtiles_source_get_bounds (SitmapMbtilesSource *self,
                                              double              *west,
                                              double              *south,
                                              double              *east,
                                              double              *north);

/* "file: reason" as the errors of this source read, without the "file: ": the reason alone. */
const char *sitmap_mbtiles_error_get_reason (const GError *error, const char *display_name);

G_END_DECLS
