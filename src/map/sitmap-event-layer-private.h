/* sitmap-event-layer-private.h: what the event layer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-cluster-index.h"
#include "sitmap-event-layer.h"
#include "sitmap-map-projection.h"
#include "sitmap-shape-draw.h"
#include "sitmap-shape-table.h"
#include "sitmap-symbol.h"

G_BEGIN_DECLS

/* Cells are about this many pixels at the grid's zoom level. Grids come at every half zoom level, so on
 * screen a cell is 44 to 62 pixels: wider than any cluster symbol. */
#define SITMAP_EVENT_LAYER_CELL_PIXELS 44.0

/* Radii a cluster's symbol is pre-rendered at: quarter pixels from the smallest to the largest
 * (SITMAP_CLUSTER_MIN_RADIUS to SITMAP_CLUSTER_MAX_RADIUS); hovered, it grows by the same. */
#define SITMAP_CLUSTER_RADIUS_CLASSES 37

/* Sizes a single symbol is drawn at: by fatalities, and one step up when hovered. */
#define SITMAP_SYMBOL_N_SIZES 6

/* One single event's symbol as drawn. */
typedef struct
{
  float   x;
  float   y;
  guint32 position;
  guint16 key;  /* category × SITMAP_SYMBOL_N_STYLES + style */
  guint8  size; /* index into the sizes */
} SitmapSymbolInstance;

/* A cluster symbol pre-rendered, in the layer's cache. */
typedef struct _SitmapClusterTexture SitmapClusterTexture;

/* One cluster's symbol as drawn. */
typedef struct
{
  float   x;
  float   y;
  float   radius;
  guint32 cluster; /* index into the cluster index's clusters */
} SitmapClusterInstance;

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

/* The cairo drawing of one group of shapes (areas; rings too large for textures; vague circles and
 * lines), kept while what it draws is unchanged and only moved while the map pans, so that GSK reuses
 * the texture it rasterized it into. */
typedef struct
{
  GskRenderNode *node;
  guint64        signature; /* of everything the drawing depends on but the pan */
  double         center_x;  /* the projection's centre it was drawn for, in map pixels */
  double         center_y;
} SitmapShapeCache;

enum
{
  SITMAP_SHAPE_CACHE_AREAS,
  SITMAP_SHAPE_CACHE_RINGS,
  SITMAP_SHAPE_CACHE_OUTLINES,
  SITMAP_SHAPE_N_CACHES
};

typedef enum
{
  SITMAP_HOVER_NONE,
  SITMAP_HOVER_EVENT,
  SITMAP_HOVER_CLUSTER,
} SitmapHoverKind;

struct _SitmapEventLayer
{
  ShumateLayer         parent_instance;

  SitmapViewState     *view_state;
  SitmapDocument      *document; /* the one the per-document data below was made for */
  guint                events_serial; /* and its store's (an import replaces the store) */
  SitmapEventStore    *store;         /* compared only: edits in place keep it, an import replaces it */
  SitmapShapeTable    *shapes;
  gboolean             size_by_fatalities;

  /* Per document: where each event is binned and drawn (its point, or the middle of its shape), the
   * bounding box of those points, and the shapes drawn as paths (areas and lines). */
  SitmapClusterPoint  *points;
  guint                n_points;
  gboolean             has_extent;
  SitmapClusterPoint   extent_min;
  SitmapClusterPoint   extent_max;
  GArray              *path_shapes;   /* guint32 indices into the shape table */

  /* The bins, for a zoom level and a window of cells around the view: rebuilt when the level, the
   * visible set or the document changes, or when the view leaves the window. */
  SitmapClusterIndex  *index;
  guint                serial;        /* bumped when what is visible may have changed */
  guint                binned_serial;
  double               binned_level;
  guint                n_builds;
  GArray              *visible_paths; /* guint32 indices into the shape table: path shapes of visible events */

  /* What is in view, for one projection: snapshot(), hit tests and the keyboard share it. */
  SitmapMapProjection  projection;
  double               zoom;
  gboolean             collected;
  guint                collected_serial; /* serial + frame_serial when collected */
  guint                frame_serial;     /* bumped when the selection changes */
  gboolean             shown;            /* the collection below is the one the last frame drew */
  guint                shown_frame_serial;
  GArray              *cluster_instances; /* SitmapClusterInstance */
  GArray              *symbols;           /* SitmapSymbolInstance: single events, then the selection */
  gint                 selected_symbol;
  GArray              *shape_instances;   /* SitmapShapeInstance, ascending position */
  gint                 selected_shape;
  GArray              *drawn;             /* guint32, made when asked for */
  SitmapShapeOutline   outline;           /* one path shape's, projected where it is drawn or hit */
  gboolean             drawn_valid;

  /* Drawing, reused from frame to frame */
  GdkTexture          *textures[SITMAP_N_CATEGORIES][SITMAP_SYMBOL_N_STYLES][SITMAP_SYMBOL_N_SIZES];
  GdkTexture          *ring_textures[SITMAP_N_CATEGORIES][SITMAP_RING_N_CLASSES];
  GHashTable          *cluster_textures; /* what changes a cluster's pixels → SitmapClusterTexture */
  GQueue               cluster_lru;      /* the same, the most recently drawn first */
  PangoLayout         *cluster_count_layout;
  GHashTable          *count_layouts;    /* count text → PangoLayout, laid out */
  /* The clusters' outlines (halo, hairline, white disc) by radius class, hover and badge (which sizes the
   * texture): each new cluster texture starts from a copy. */
  cairo_surface_t     *cluster_outlines[SITMAP_CLUSTER_RADIUS_CLASSES][2][2];
  GThreadPool         *ring_pool;        /* draws the rings of new cluster textures beside the main thread */
  double               texture_scale;
  GHashTable          *labels;      /* label text → SitmapLabelNode */
  GArray              *ring_order;  /* guint32 indices into shape_instances */
  guint64             *shape_seen;  /* an open-addressing set of shapes already drawn this frame */
  guint                shape_seen_capacity;
  SitmapShapeCache     shape_caches[SITMAP_SHAPE_N_CACHES];

  /* Pointer and keyboard */
  GtkGesture          *click; /* on the map, owned by it, while the layer is rooted */
  gboolean             pressed;
  gboolean             picking_here; /* a click on the map is selecting the event under it */
  double               press_x;
  double               press_y;
  SitmapHoverKind      hover_kind;
  gint                 hover_position;
  guint64              hover_key;   /* of a cluster: SitmapCluster.key */
  char                *accessible_label;
};

/* sitmap-event-layer.c */
void     _sitmap_event_layer_select (SitmapEventLayer *self, gint position);

/* sitmap-event-layer-collect.c */
/* Follows the view state's document: the per-document data is made lazily, because the view state
 * tells of the new visible set before it tells of the new document. */
SitmapDocument *_sitmap_event_layer_ensure_document (SitmapEventLayer *self);
void     _sitmap_event_layer_init_collection (SitmapEventLayer *self);
void     _sitmap_event_layer_finalize_collection (SitmapEventLayer *self);
void     _sitmap_event_layer_clear_document (SitmapEventLayer *self);
/* Bins and collects again only what the view or what is visible changed; FALSE when the layer shows
 * nothing (no map source yet, no size, no document). */
gboolean _sitmap_event_layer_ensure_collected (SitmapEventLayer *self);
/* What the screen shows, for picking what the pointer is over: after the visible set changed, until the
 * next frame bins the events again, the collection the last frame drew (binning a million events takes
 * milliseconds, a pointer motion must not); collected again when the document, the view or the
 * selection changed. Picks from it are checked to be visible still. */
gboolean _sitmap_event_layer_ensure_shown (SitmapEventLayer *self);
/* The world point (normalised) an event is drawn at; FALSE if it has none. */
gboolean _sitmap_event_layer_get_world_point (SitmapEventLayer *self, guint position, double *x, double *y);
/* The index of a symbol size: plain, or by fatalities when the layer sizes so. */
guint    _sitmap_event_layer_size_for (SitmapEventLayer *self, guint position);
double   _sitmap_event_layer_size_scale (guint size);
const guint32 *_sitmap_event_layer_compute_drawn (SitmapEventLayer *self, guint *n_drawn);
/* The window cells under the widget rectangle, as a range of world cells. */
void     _sitmap_event_layer_cell_range (SitmapEventLayer *self, double margin, gint64 *column0, gint64 *row0,
                                         gint64 *column1, gint64 *row1);
/* The outline of a path shape in view (an area or a line), in widget coordinates, as it is drawn and
 * hit: into the layer's outline, valid until the next call. */
const SitmapShapeOutline *_sitmap_event_layer_project_outline (SitmapEventLayer *self,
                                                               const SitmapShapeInstance *instance);
/* Widget point to normalised world point, through the collected projection. */
void     _sitmap_event_layer_widget_to_world (SitmapEventLayer *self, double x, double y, double *wx, double *wy);

/* sitmap-event-layer-draw.c */
void _sitmap_event_layer_clear_textures (SitmapEventLayer *self);
void _sitmap_event_layer_draw (SitmapEventLayer *self, GtkSnapshot *snapshot, double scale);
void _sitmap_event_layer_finalize_drawing (SitmapEventLayer *self);

/* sitmap-event-layer-keys.c */
/* Moves the selection to the nearest event in view in the direction (dx, dy), or from nothing to the
 * event nearest the middle of the view. FALSE if there is none. */
gboolean _sitmap_event_layer_move_selection (SitmapEventLayer *self, int dx, int dy);

G_END_DECLS
