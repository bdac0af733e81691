/* sitmap-cluster-index.h: events binned on a grid fixed to the world, grouped into clusters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sitmap-category.h"

G_BEGIN_DECLS

/* Pure arithmetic, no GTK: the event layer feeds it and draws what it finds, the tests check it.
 *
 * The world (normalised Web Mercator, [0, 1]²) is cut into square cells of a few tens of pixels at a
 * zoom level. Cells are fixed to the world, not to the view, so panning moves them with the map and
 * never moves an event from one cell to another. Binning is one pass over the events, with nothing
 * allocated per event: each event adds itself to its cell's count, sums and category counts in a
 * flat array covering a window of cells. Then, cell by cell:
 *  - a cell whose few events would not overlap on screen keeps them as single events;
 *  - any other cell is a cluster, at the mean of its events;
 *  - neighbouring cells whose symbols would overlap are merged, the heavier absorbing the lighter,
 *    in an order that depends only on the cells (count, then place), so that the same events always
 *    give the same clusters. */

/* Normalised Web Mercator in 32-bit fixed point: the world is [0, 2³²)². At zoom 20 a unit is a
 * hundredth of a pixel. */
typedef struct
{
  guint32 x;
  guint32 y;
} SitmapClusterPoint;

/* An event without a place: x is this. */
#define SITMAP_CLUSTER_NO_POINT G_MAXUINT32

/* Most cells a window may have: a few screens' worth. */
#define SITMAP_CLUSTER_MAX_CELLS (1u << 20)
/* Most events a cell keeps as single events; more are always a cluster. */
#define SITMAP_CLUSTER_MAX_SINGLES 4
/* Pixels from its point that an event's symbol covers, at its plain size, and the gap kept between
 * two symbols. */
#define SITMAP_CLUSTER_SINGLE_REACH 9.5
#define SITMAP_CLUSTER_GAP          2.0
/* Pixels across a cluster symbol: it grows with the logarithm of its count, up to a limit below half
 * a cell, so that clusters in neighbouring cells rarely touch. */
#define SITMAP_CLUSTER_MIN_RADIUS 11.0
#define SITMAP_CLUSTER_MAX_RADIUS 20.0

static inline SitmapClusterPoint
sitmap_cluster_point_from_world (double x, double y)
{
  SitmapClusterPoint p = { SITMAP_CLUSTER_NO_POINT, SITMAP_CLUSTER_NO_POINT };

  /* Written so that NAN fails: an unplaced event stays without a point. */
  if (x >= 0 && x <= 1 && y >= 0 && y <= 1)
    {
      p.x = (guint32) MIN (x * 4294967296.0, 4294967294.0);
      p.y = (guint32) MIN (y * 4294967296.0, 4294967294.0);
    }
  return p;
}

static inline double
sitmap_cluster_point_to_world (guint32 v)
{
  return v / 4294967296.0;
}

/* The cells at one zoom level. */
typedef struct
{
  double  world_pixels; /* pixels across the world at the level */
  double  cell_pixels;  /* a cell's side at the level, near the cell_pixels asked for */
  guint32 cells_across; /* cells across the world */
} SitmapClusterGrid;

void sitmap_cluster_grid_init (SitmapClusterGrid *grid, double world_pixels, double cell_pixels);

/* The world cell of a point at this grid. */
static inline void
sitmap_cluster_grid_cell (const SitmapClusterGrid *grid, SitmapClusterPoint p, gint64 *column, gint64 *row)
{
  *column = (gint64) (((guint64) p.x * grid->cells_across) >> 32);
  *row = (gint64) (((guint64) p.y * grid->cells_across) >> 32);
}

/* A rectangle of cells: columns x0 to x0 + width - 1, taken around the world (modulo cells_across), and
 * rows y0 to y0 + height - 1. Its cells are numbered row by row from 0. */
typedef struct
{
  gint64  x0;
  gint64  y0;
  guint32 width;
  guint32 height;
} SitmapClusterWindow;

/* The events to bin: per-position arrays, and the positions to take from them. The index keeps these
 * pointers until the next build; the caller keeps what they point to unchanged meanwhile. */
typedef struct
{
  const SitmapClusterPoint *points;
  const guint8             *category;   /* SitmapCategory */
  const gint32             *fatalities; /* NULL: every symbol has the plain size */
  const guint32            *positions;  /* ascending */
  guint                     n_positions;
} SitmapClusterInput;

typedef struct
{
  double  x;        /* the mean of its events, normalised */
  double  y;
  guint32 n_events;
  guint32 root;     /* the window cell it grew from */
  guint64 key;      /* the root's place in the world: the same cluster has the same key in any window */
  float   radius;   /* pixels */
  guint8  dominant; /* the most frequent category; the first in the legend's order on a tie */
  guint32 category_counts[SITMAP_N_CATEGORIES];
} SitmapCluster;

typedef struct _SitmapClusterIndex SitmapClusterIndex;

SitmapClusterIndex *sitmap_cluster_index_new (void);
void                sitmap_cluster_index_free (SitmapClusterIndex *self);

/* Bins input's events that fall within window and clusters them. Memory is kept from one build to the
 * next. */
void sitmap_cluster_index_build (SitmapClusterIndex        *self,
                                 const SitmapClusterGrid   *grid,
                                 const SitmapClusterWindow *window,
                                 const SitmapClusterInput  *input);
gboolean                   sitmap_cluster_index_is_built (SitmapClusterIndex *self);
const SitmapClusterGrid   *sitmap_cluster_index_get_grid (SitmapClusterIndex *self);
const SitmapClusterWindow *sitmap_cluster_index_get_window (SitmapClusterIndex *self);
/* How many events fell within the window. */
guint                      sitmap_cluster_index_get_n_binned (SitmapClusterIndex *self);

const SitmapCluster *sitmap_cluster_index_get_clusters (SitmapClusterIndex *self, guint *n_clusters);
/* The window cell of a world cell, or -1 outside the window. */
gint64 sitmap_cluster_index_window_cell (SitmapClusterIndex *self, gint64 column, gint64 row);
/* What a window cell holds: the index of the cluster its events belong to; or -1, and then its events
 * (as many as n_singles, perhaps none) are single events, in ascending position. */
gint   sitmap_cluster_index_get_cell (SitmapClusterIndex *self, guint cell, const guint32 **singles,
                                      guint *n_singles);
/* The positions of all the events binned in a window cell, ascending. */
const guint32 *sitmap_cluster_index_get_cell_members (SitmapClusterIndex *self, guint cell, guint *n_members);
/* The positions of a cluster's events, ascending, appended to out (guint32). */
void   sitmap_cluster_index_get_members (SitmapClusterIndex *self, guint cluster, GArray *out);
/* The bounding box of a cluster's events, normalised. */
void   sitmap_cluster_index_get_extent (SitmapClusterIndex *self, guint cluster, double *x0, double *y0, double *x1,
                                        double *y1);
/* Bytes the index holds: per cell, and per event (once members were asked for). */
gsize  sitmap_cluster_index_get_memory_size (SitmapClusterIndex *self);

/* The radius of a cluster of n events, in pixels. */
double sitmap_cluster_radius (guint n_events);
/* How much larger than plain an event's symbol is drawn when its size tells its fatalities: its area
 * grows with log (1 + fatalities), up to four times. 1 for none or unknown. */
double sitmap_cluster_symbol_scale (gint32 fatalities);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapClusterIndex, sitmap_cluster_index_free)

G_END_DECLS
