/* sitmap-exporter.h: a window's exports: what the map shows, to a file, the clipboard or paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "sitmap-export-options.h"
#include "sitmap-export-scene.h"
#include "sitmap-tile-sources.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Runs exports and prints for one window: reads the map's view (centre, zoom, size) and its current
 * source, makes the scene on the main thread, fetches the tiles through the map's own data source and
 * draws and writes in a worker thread, so the window stays responsive. Tells how it went in toasts:
 * "Exported “x.png”" with an Open button that opens the file only when clicked. */
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
/* Fills options' view (centre and zoom) for its size and scale: the page's map shows what the window's
 * map shows, with more around it on a larger page. */
void
sitmap_exporter_fill_view (SitmapExporter *self, SitmapExportOptions *options);
/* The page of options over the map's current source, with its tiles fetched through the map's own data
 * source: ready to draw. Fails when there is no map yet, or the source gives no tile at all. */
void
sitmap_exporter_prepare_async (SitmapExporter *self, const SitmapExportOptions *options, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
SitmapExportScene *
sitmap_exporter_prepare_finish (SitmapExporter *self, GAsyncResult *result, GError **error);
/* Exports to file (the options' format), atomically, then toasts. */
void
sitmap_exporter_export (SitmapExporter *self, const SitmapExportOptions *options, GFile *file);
/* Puts the image on the clipboard as PNG (whatever the options' format), then toasts. */
void
sitmap_exporter_copy (SitmapExporter *self, const SitmapExportOptions *options);
/* Opens the print dialog, then prints the page a PDF export makes at the paper chosen there, with the
 * title, subtitle and parts of choices; says in a toast why it could not, if it could not. settings,
 * when not NULL, keeps the printer and paper from one print to the next. */
void
sitmap_exporter_print (SitmapExporter *self, const SitmapExportOptions *choices, GSettings *settings);
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
