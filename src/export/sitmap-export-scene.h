/* sitmap-export-scene.h: everything an export draws, gathered on the main thread, drawn anywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <shumate/shumate.h>

#include "sitmap-document.h"
#include "sitmap-export-options.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

#define SITMAP_EXPORT_ERROR (sitmap_export_error_quark ())

typedef enum
{
  SITMAP_EXPORT_ERROR_FAILED,
  SITMAP_EXPORT_ERROR_NO_TILES, /* the map source gave no tile at all (offline, or the server refused) */
} SitmapExportError;

GQuark
sitmap_export_error_quark (void);

/* One export, in three steps:
 *  1. sitmap_export_scene_new(), on the main thread: reads the document and the view state once
 *     (the visible set, clusters at the output's scale, the numbered notes, places, annotations) and
 *     lays out the page; nothing it keeps refers back to them, so the rest may run in any thread
 *     while the user goes on editing;
 *  2. sitmap_export_scene_fetch_tiles_async(): the map tiles the page needs, at the zoom its
 *     resolution needs, from the map's data source (the MBTiles basemap, or the same downloader the
 *     map uses);
 *  3. sitmap_export_scene_draw() onto any cairo context, or sitmap_export_scene_write_async() /
 *     sitmap_export_scene_render() for a file's bytes, in a worker thread.
 * The map, the decorations and the notes are drawn by one function for every format. */
#define SITMAP_TYPE_EXPORT_SCENE (sitmap_export_scene_get_type ())
G_DECLARE_FINAL_TYPE (SitmapExportScene, sitmap_export_scene, SITMAP, EXPORT_SCENE, GObject)

/* attribution: the map source's licence text (always drawn); tiles_name_places: whether its tiles
 * write town names themselves (then only the document's areas and unnamed places are labelled). */
SitmapExportScene *
sitmap_export_scene_new (SitmapViewState *view_state, const SitmapExportOptions *options, const char *attribution,
                         gboolean tiles_name_places);

/* The tiles are Sitmap's offline basemap, which writes towns' names into them: those the map's frame
 * or a panel over the map (legend, scale bar, north arrow, attribution) would cut are taken out of
 * the tiles rather than left as stray letters. Call before drawing. */
void
sitmap_export_scene_set_basemap_names (SitmapExportScene *self, gboolean basemap_names);

const SitmapExportOptions *
sitmap_export_scene_get_options (SitmapExportScene *self);
/* The page in logical pixels. */
void
sitmap_export_scene_get_page_size (SitmapExportScene *self, double *width, double *height);
/* The map's frame on the page, in logical pixels. */
void
sitmap_export_scene_get_map_size (SitmapExportScene *self, double *width, double *height);
/* The zoom level the tiles are fetched at, before it is clamped to the source's levels. */
int
sitmap_export_scene_get_tile_zoom (SitmapExportScene *self);
/* What the options asked for but the page had no room for (notes first, then the timeline strip, the
 * "exported on" line, the title; the legend, scale bar and north arrow on a map too small for them),
 * and a sentence that says so, for stderr or a toast: NULL when nothing was left out. */
SitmapExportInclude
sitmap_export_scene_get_dropped (SitmapExportScene *self);
char *
sitmap_export_scene_dup_dropped_message (SitmapExportScene *self);
/* Events drawn on the map (singly or in clusters), and events listed in the notes. */
guint
sitmap_export_scene_get_n_drawn (SitmapExportScene *self);
guint
sitmap_export_scene_get_n_notes (SitmapExportScene *self);

/* Fetches the tiles the map shows from source, which gives tiles from min_zoom to max_zoom. Tiles a
 * source does not have are left blank; if it gives none at all, the export fails with
 * SITMAP_EXPORT_ERROR_NO_TILES, saying why (offline, refused), rather than make a map without a map. */
void
sitmap_export_scene_fetch_tiles_async (SitmapExportScene *self, ShumateDataSource *source, int min_zoom, int max_zoom,
                                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean
sitmap_export_scene_fetch_tiles_finish (SitmapExportScene *self, GAsyncResult *result, GError **error);

/* Draws the page onto cr, whose user units are logical pixels; text_sink, when not NULL, gets the
 * page's text instead of cr (see sitmap-export-writer: SVG keeps its text as text). Thread-safe once
 * the tiles are fetched. */
typedef struct _SitmapExportTextSink SitmapExportTextSink;
void
sitmap_export_scene_draw (SitmapExportScene *self, cairo_t *cr, SitmapExportTextSink *text_sink);

/* The file's bytes in the options' format. Thread-safe once the tiles are fetched. */
GBytes *
sitmap_export_scene_render (SitmapExportScene *self, GCancellable *cancellable, GError **error);
/* Renders in a worker thread and replaces file atomically. */
void
sitmap_export_scene_write_async (SitmapExportScene *self, GFile *file, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data);
gboolean
sitmap_export_scene_write_finish (SitmapExportScene *self, GAsyncResult *result, GError **error);
/* Renders the page as a PNG in a worker thread, for the clipboard: the bytes. */
void
sitmap_export_scene_render_async (SitmapExportScene *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);
GBytes *
sitmap_export_scene_render_finish (SitmapExportScene *self, GAsyncResult *result, GError **error);

G_END_DECLS
