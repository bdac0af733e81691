/* sitmap-annotation-tiles.h: the annotations drawn into square tiles by a worker thread, so that a frame
 * after a zoom or an edit costs the main thread next to nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "sitmap-annotation-draw.h"

G_BEGIN_DECLS

/* A tile's side, in logical pixels. */
#define SITMAP_ANNOTATION_TILE_SIZE 512

/* Where tiles lie: the map at one zoom and rotation, its "frame" pixels measured from an anchor point
 * (the frame is the widget's space, moved: panning only moves it). */
typedef struct
{
  double map_size;     /* logical pixels across the world */
  double cos_r;        /* the map's rotation */
  double sin_r;
  double anchor_x;     /* the frame's origin, in normalised Web Mercator */
  double anchor_y;
  int    device_scale; /* the tiles' pixels per logical pixel */
} SitmapAnnotationTileView;

/* A SitmapAnnotationProjectFunc, user_data a SitmapAnnotationTileView: normalised Web Mercator to frame
 * pixels, from the copy of the world nearest to the anchor. */
void     sitmap_annotation_tile_view_project (double x, double y, double *out_x, double *out_y, gpointer user_data);
gboolean sitmap_annotation_tile_view_equal (const SitmapAnnotationTileView *a, const SitmapAnnotationTileView *b);
/* The affine map from the frame of from to the frame of to (a zoom scales, a turn rotates, a new anchor
 * moves): to show an old drawing in place while the new one is drawn. */
void     sitmap_annotation_tile_view_transform (const SitmapAnnotationTileView *from,
                                                const SitmapAnnotationTileView *to, cairo_matrix_t *matrix);

typedef struct
{
  int              column; /* its corner is at (column, row) × SITMAP_ANNOTATION_TILE_SIZE in the frame */
  int              row;
  cairo_surface_t *surface; /* what the worker drew (never drawn into again), or NULL until it has */
  gboolean         dirty;   /* the scene changed under surface since it was drawn */
  gpointer         data;    /* the caller's (a texture of surface), destroyed with the surface */
  GDestroyNotify   destroy;
} SitmapAnnotationTile;

/* Called on the thread that made the tiles when a worker has drawn some. */
typedef void (*SitmapAnnotationTilesReadyFunc) (gpointer user_data);

typedef struct _SitmapAnnotationTiles SitmapAnnotationTiles;

SitmapAnnotationTiles *sitmap_annotation_tiles_new (SitmapAnnotationTilesReadyFunc ready, gpointer user_data);
void                   sitmap_annotation_tiles_free (SitmapAnnotationTiles *self);

/* A new view puts the tiles drawn so far aside as the previous drawing (to be shown, transformed, until
 * the new tiles arrive) and starts anew. */
void sitmap_annotation_tiles_set_view (SitmapAnnotationTiles *self, const SitmapAnnotationTileView *view);
const SitmapAnnotationTileView *sitmap_annotation_tiles_get_view (SitmapAnnotationTiles *self);
/* What to draw from now on: only the tiles where it differs from the scene before it are redrawn. */
void sitmap_annotation_tiles_set_scene (SitmapAnnotationTiles *self, SitmapAnnotationScene *scene);
/* The frame area (x0, y0)–(x1, y1) to keep drawn: its tiles missing or dirty are drawn by a worker (one
 * at a time), the index for picking kept over it; tiles far from it are dropped. */
void sitmap_annotation_tiles_request (SitmapAnnotationTiles *self, double x0, double y0, double x1, double y1);
/* Whether a worker is drawing. */
gboolean sitmap_annotation_tiles_is_busy (SitmapAnnotationTiles *self);
/* Whether every tile of the area requested shows the scene: nothing left to draw. */
gboolean sitmap_annotation_tiles_is_complete (SitmapAnnotationTiles *self);

/* The tiles of the area last requested (SitmapAnnotationTile, owned by self, valid until the next call). */
GPtrArray *sitmap_annotation_tiles_get_tiles (SitmapAnnotationTiles *self);
/* The previous drawing's tiles with surfaces, and its view; NULL when there is none. */
GPtrArray *sitmap_annotation_tiles_get_previous (SitmapAnnotationTiles *self, SitmapAnnotationTileView *view);

/* The topmost annotation at frame point (x, y) as the current scene draws it (the scene's copy), or NULL;
 * *known is FALSE while the index lags the scene or does not reach the point: then the caller asks each
 * annotation (sitmap_annotation_hit). */
SitmapAnnotation *sitmap_annotation_tiles_pick (SitmapAnnotationTiles *self, double x, double y, double tolerance,
                                                gboolean *known);

/* How long the last worker took to lay out and draw, in microseconds. */
gint64 sitmap_annotation_tiles_get_last_redraw_us (SitmapAnnotationTiles *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapAnnotationTiles, sitmap_annotation_tiles_free)

G_END_DECLS
