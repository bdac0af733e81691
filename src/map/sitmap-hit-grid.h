/* sitmap-hit-grid.h: which drawn point is nearest to the pointer, without a scan of them all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A bucket grid over widget coordinates, rebuilt (into the same memory) when the drawing changes:
 * building is one counting pass over the points, a query looks at the few cells around the pointer. */
typedef struct _SitmapHitGrid SitmapHitGrid;

SitmapHitGrid *sitmap_hit_grid_new (void);
void           sitmap_hit_grid_free (SitmapHitGrid *self);

/* points: n records of stride bytes, each beginning with two floats x, y (widget coordinates; a NAN x
 * is no point). The grid keeps the pointer: the caller keeps the points as they are until the next build. */
void sitmap_hit_grid_build (SitmapHitGrid *self, gconstpointer points, gsize stride, guint n, double width,
                            double height);
/* The index of the nearest point within radius of (x, y), the later one on a tie (it is drawn on top),
 * or -1. distance_sq gets its squared distance. */
gint sitmap_hit_grid_nearest (SitmapHitGrid *self, double x, double y, double radius, double *distance_sq);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapHitGrid, sitmap_hit_grid_free)

G_END_DECLS
