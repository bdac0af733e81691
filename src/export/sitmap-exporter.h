/* sitmap-exporter.h: a window's exports: what the map shows, to a file or the clipboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "sitmap-export-options.h"
#include "sitmap-tile-sources.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Runs exports for one window: reads the map's view (centre, zoom, size) and its current source, makes
 * the scene on the main thread, fetches the tiles through the map's own data source and draws and
 * writes in a worker thread, so the window stays responsive. Tells how it went in toasts: "Exported
 * “x.png”" with an Open button that opens the file only when clicked. */
#define SITMAP_TYPE_EXPORTER (sitmap_exporter_get_type ())
G_DECLARE_FINAL_TYPE (SitmapExporter, sitmap_exporter, SITMAP, EXPORTER, GObject)

SitmapExporter *
sitmap_exporter_new (GtkWindow *window, SitmapViewState *view_state, ShumateSimpleMap *map,
                     SitmapTileSources *tile_sources, AdwToastOverlay *toasts);

/* Fills options' view and size for a size preset (landscape for paper; width and height for
 * CUSTOM): the map's centre, at the zoom that shows the page's map what the window's map shows. */
void
sitmap_exporter_fill_options (SitmapExporter *self, SitmapExportSize size, gboolean landscape, int custom_width,
                              int custom_height, SitmapExportOptions *options);
/* Exports to file (the options' format), atomically, then toasts. */
void
sitmap_exporter_export (SitmapExporter *self, const SitmapExportOptions *options, GFile *file);
/* Puts the image on the clipboard as PNG (whatever the options' format), then toasts. */
void
sitmap_exporter_copy (SitmapExporter *self, const SitmapExportOptions *options);
/* Whether an export is under way. */
gboolean
sitmap_exporter_get_busy (SitmapExporter *self);
/* The view state whose map the exporter exports. */
SitmapViewState *
sitmap_exporter_get_view_state (SitmapExporter *self);
/* A file name for the document: its title, made safe, with the format's extension. */
char *
sitmap_exporter_suggest_name (SitmapExporter *self, SitmapExportFormat format);

/* The name of the map source when its tiles come over the network (an export downloads them), else NULL. */
char *
sitmap_exporter_dup_online_source_name (SitmapExporter *self);
/* The folder of the document's file, where an export is first offered; NULL for the bundled demo or a
 * document that is not a local file. */
GFile *
sitmap_exporter_dup_suggested_folder (SitmapExporter *self);

G_END_DECLS
