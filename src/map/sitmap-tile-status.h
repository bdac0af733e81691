/* sitmap-tile-status.h: over the map, that its tiles cannot be loaded, and the way back offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-tile-sources.h"

G_BEGIN_DECLS

/* Shown while the sources' shown tiles cannot be loaded (SitmapTileSources:tiles-problem): "Map tiles
 * cannot be loaded — check the network connection", with Use Offline Map, which shows the offline
 * basemap. It hides itself when tiles load again or another source is shown. One status for the map,
 * never one message per tile. */
#define SITMAP_TYPE_TILE_STATUS (sitmap_tile_status_get_type ())
G_DECLARE_FINAL_TYPE (SitmapTileStatus, sitmap_tile_status, SITMAP, TILE_STATUS, GtkWidget)

SitmapTileStatus *sitmap_tile_status_new (void);
void              sitmap_tile_status_set_sources (SitmapTileStatus *self, SitmapTileSources *sources);
/* Whether it says something (its revealer is open). */
gboolean          sitmap_tile_status_get_shown (SitmapTileStatus *self);

G_END_DECLS
