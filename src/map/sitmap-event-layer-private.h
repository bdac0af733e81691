/* sitmap-event-layer-private.h: what the event layer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-event-layer.h"
#include "sitmap-hit-grid.h"
#include "sitmap-map-projection.h"
#include "sitmap-shape-table.h"
#include "sitmap-symbol.h"

G_BEGIN_DECLS

/* One symbol as drawn. x, y come first: the hit grid reads them. */
typedef struct
{
  float   x;
  float   y;
  guint32 position;
  guint16 key; /* category × SITMAP_SYMBOL_N_STYLES + style */
} SitmapSymbolInstance;

/* One shape in view, in widget coordinates. */
typedef struct
{
  const SitmapShape *shape;
  double             offset; /* map pixels added to x: which copy of the world */
  float              x;      /* the anchor */
  float              y;
  float              radius; /* rings, in pixels */
  graphene_rect_t    bounds;
} SitmapShapeInstance;

#define SITMAP_SYMBOL_N_KEYS (SITMAP_N_CATEGORIES * SITMAP_SYMBOL_N_STYLES)

struct _SitmapEventLayer
{
  ShumateLayer      parent_instance;

  SitmapViewState  *view_state;
  SitmapDocument   *document; /* the one shapes was built for */
  SitmapShapeTable *shapes;

  /* What the last collection found, and for which view: snapshot() and hit tests share it. */
  SitmapMapProjection projection;
  guint             serial; /* bumped when what is drawn may change for the same view */
  guint             collected_serial;
  gboolean          collected;
  GArray           *drawn;   /* guint32 positions, ascending */
  GArray           *symbols; /* SitmapSymbolInstance, in drawing order: what is on top comes last */
  GArray           *scratch; /* SitmapSymbolInstance, for sorting */
  gint              selected_symbol;
  GArray           *shape_instances; /* SitmapShapeInstance, ascending position */
  gint              selected_shape;
  SitmapHitGrid    *hit_grid;
  gboolean          hit_grid_valid;

  /* Drawing, reused from frame to frame */
  GByteArray       *hidden;      /* per symbol: TRUE if what is drawn above it covers it */
  guint8           *covered;     /* per cell: covered by an opaque symbol drawn above */
  guint16          *tile_counts; /* per tile of cells: how many of its cells are covered */
  int               cells_width;
  int               cells_height;
  guint32          *stamps;      /* per logical pixel: the last symbol kept whose point snaps there */
  int               stamps_width;
  int               stamps_height;
  guint32           stamp_generation;
  GArray           *ring_order;  /* guint32 indices into shape_instances */
  guint64          *shape_seen;  /* an open-addressing set of shapes already drawn this frame */
  guint             shape_seen_capacity;

  GdkTexture       *textures[SITMAP_N_CATEGORIES][SITMAP_SYMBOL_N_STYLES];
  GdkTexture       *ring_textures[SITMAP_N_CATEGORIES][SITMAP_RING_N_CLASSES];
  double            texture_scale;

  GtkGesture       *click; /* on the map, owned by it, while the layer is rooted */
  gboolean          pressed;
  double            press_x;
  double            press_y;
  gboolean          hovering;
};

/* sitmap-event-layer.c */
SitmapDocument *_sitmap_event_layer_ensure_shapes (SitmapEventLayer *self);

/* sitmap-event-layer-collect.c */
void     _sitmap_event_layer_init_collection (SitmapEventLayer *self);
void     _sitmap_event_layer_finalize_collection (SitmapEventLayer *self);
/* Collects again only if the view or what is visible changed since the last time; FALSE when the
 * layer shows nothing (no map source yet, no size). */
gboolean _sitmap_event_layer_ensure_collected (SitmapEventLayer *self);

/* sitmap-event-layer-draw.c */
void _sitmap_event_layer_clear_textures (SitmapEventLayer *self);
void _sitmap_event_layer_draw (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale);
void _sitmap_event_layer_finalize_drawing (SitmapEventLayer *self);

G_END_DECLS
