/* sitmap-shape-table.h: the events that are drawn as more than a symbol, prepared once per document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-cluster-index.h"
#include "sitmap-document.h"

G_BEGIN_DECLS

typedef enum
{
  SITMAP_SHAPE_AREA,  /* located by a polygon: a translucent fill with an outline */
  SITMAP_SHAPE_LINE,  /* located along a line (a track): a stroke */
  SITMAP_SHAPE_RING,  /* near a town, or with a radius of uncertainty: a ring of that radius */
  SITMAP_SHAPE_VAGUE, /* only a region or a country, without its outline: a large, faint, dashed ring */
} SitmapShapeKind;

/* Coordinates are normalised Web Mercator, like the store's columns. */
typedef struct
{
  guint32 position;
  guint8  kind;     /* SitmapShapeKind */
  float   radius_m; /* RING and VAGUE */
  double  x;        /* the anchor: where the symbol goes */
  double  y;
  double  min_x;    /* bounds of the path; of the anchor alone for rings */
  double  min_y;
  double  max_x;
  double  max_y;
  guint32 path;     /* AREA and LINE: index of its path (events at one place share it) */
} SitmapShape;

typedef struct _SitmapShapeTable SitmapShapeTable;

/* Reads every event once: O(events), then nothing per frame but the shapes in view. */
SitmapShapeTable  *sitmap_shape_table_new (SitmapDocument *document);
void               sitmap_shape_table_free (SitmapShapeTable *self);
/* After an edit of events (positions stay; new ones from n_before on, or the last ones taken away) */
void               sitmap_shape_table_update (SitmapShapeTable *self, SitmapDocument *document, guint n_before);

/* In ascending position. */
const SitmapShape *sitmap_shape_table_get_shapes (SitmapShapeTable *self, guint *n_shapes);
const SitmapShape *sitmap_shape_table_lookup (SitmapShapeTable *self, guint position);
guint              sitmap_shape_table_get_n_rings (SitmapShapeTable *self, guint path);
/* x, y pairs of one ring of a path. */
const double      *sitmap_shape_table_get_ring (SitmapShapeTable *self, guint path, guint ring, guint *n_points);
/* Even-odd rule over all rings, so that holes are holes. */
gboolean           sitmap_shape_table_contains (SitmapShapeTable *self, const SitmapShape *shape, double x, double y);

/* Where the map and exports bin and draw each event from position from on, written to points (as many
 * as the columns' events): its own point; else, for an event located by a shape alone, the middle of
 * its shape; else none (SITMAP_CLUSTER_NO_POINT). */
void               sitmap_shape_table_get_points (SitmapShapeTable *self, const SitmapEventColumns *columns, guint from,
                                                  SitmapClusterPoint *points);

/* Metres assumed when a report says "near" a town without saying how near ("some tens of km"). */
#define SITMAP_NEAR_TOWN_DEFAULT_RADIUS_M 20000.0
#define SITMAP_REGION_DEFAULT_RADIUS_M    100000.0
#define SITMAP_COUNTRY_DEFAULT_RADIUS_M   300000.0

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapShapeTable, sitmap_shape_table_free)

G_END_DECLS
