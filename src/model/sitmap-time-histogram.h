/* sitmap-time-histogram.h: how many events fall in any stretch of time, per category, without a scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sitmap-category.h"
#include "sitmap-bitset.h"
#include "sitmap-event-store.h"

G_BEGIN_DECLS

/* How exactly the counted events are placed in time. */
typedef enum
{
  SITMAP_HISTOGRAM_SURE,  /* known to the day or the second, or a span with both ends */
  SITMAP_HISTOGRAM_VAGUE, /* known only to the month or the year */
  SITMAP_HISTOGRAM_N_LAYERS
} SitmapHistogramLayer;

typedef struct
{
  double counts[SITMAP_HISTOGRAM_N_LAYERS][SITMAP_N_CATEGORIES];
} SitmapHistogramCounts;

/* Built once per document in O(events + bins), then any stretch of time is counted in O(1): the
 * histogram keeps, for each category and layer, how many events fall before each bin boundary (prefix
 * sums over fixed bins: minutes, hours, days, months, years or more, the finest that stays small for
 * where nearly all the events are, and coarser ones for the few far out).
 *
 * Each dated event weighs one, spread evenly over what its date allows: a day over its day, a month over
 * its month, a span over its span; a moment, or an open span at its one known bound, is a point. Undated
 * events are not counted. Counts between bin boundaries are interpolated within the bin. */
typedef struct _SitmapTimeHistogram SitmapTimeHistogram;

SitmapTimeHistogram *sitmap_time_histogram_new (const SitmapEventColumns *columns);
/* Counting only the events at positions (ascending; undated ones are left out), such as those that pass
 * a filter: O(positions + bins). */
SitmapTimeHistogram *sitmap_time_histogram_new_for (const SitmapEventColumns *columns,
                                                    const guint32            *positions,
                                                    guint                     n_positions);
/* What remains of whole, the histogram of every event of columns, without the events at removed (ascending,
 * each counted in whole): O(removed + bins), for a filter most events pass. The extent is that of the events
 * in kept, found without a look at each; counts of events neither in kept nor removed are left as whole has
 * them (the categories a filter hides, which are not drawn). */
SitmapTimeHistogram *sitmap_time_histogram_new_without (SitmapTimeHistogram      *whole,
                                                        const SitmapEventColumns *columns,
                                                        const guint32            *removed,
                                                        guint                     n_removed,
                                                        const SitmapBitset       *kept);
/* Histograms are shared between threads by reference: free drops one. */
SitmapTimeHistogram *sitmap_time_histogram_ref (SitmapTimeHistogram *self);
void                 sitmap_time_histogram_free (SitmapTimeHistogram *self);

/* From the earliest known bound of a dated event to the latest; FALSE when nothing is dated. */
gboolean sitmap_time_histogram_get_extent (SitmapTimeHistogram *self, gint64 *start, gint64 *end);
/* The shortest of the bins that [from, to) touches, in seconds: the histogram is exact for stretches on
 * bin boundaries. Far out events are kept in coarser bins than the rest. */
gint64   sitmap_time_histogram_get_resolution (SitmapTimeHistogram *self, gint64 from, gint64 to);
/* Whether t is a boundary of the bins, where counts are exact. */
gboolean sitmap_time_histogram_is_boundary (SitmapTimeHistogram *self, gint64 t);

/* The events in [from, to), per layer and category. */
void   sitmap_time_histogram_count (SitmapTimeHistogram   *self,
                                    gint64                 from,
                                    gint64                 to,
                                    SitmapHistogramCounts *counts);
/* All layers, leaving out the categories whose bit is set in hidden. */
double sitmap_time_histogram_count_total (SitmapTimeHistogram *self, gint64 from, gint64 to, guint hidden);
/* The consecutive bins between n_edges ascending edges: counts[i] is [edges[i], edges[i + 1]). Each edge
 * is looked up once. */
void   sitmap_time_histogram_count_bins (SitmapTimeHistogram   *self,
                                         const gint64          *edges,
                                         guint                  n_edges,
                                         SitmapHistogramCounts *counts);

gsize sitmap_time_histogram_get_memory_size (SitmapTimeHistogram *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapTimeHistogram, sitmap_time_histogram_free)

G_END_DECLS
