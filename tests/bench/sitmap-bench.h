/* sitmap-bench.h: what every benchmark measures with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of n values (sorted in place, ascending): the middle one, or the upper of the two. */
double sitmap_bench_median (double *values, guint n);
/* The nearest-rank percentile (fraction 0.95 for the 95th) of n values (sorted in place, ascending): the
 * least value that fraction of them are at or under. */
double sitmap_bench_percentile (double *values, guint n, double fraction);
/* The monotonic clock, in milliseconds. */
double sitmap_bench_now_ms (void);
/* The processor time of the whole process, every thread's, in milliseconds: the work done, which a busy
 * machine does not change the way it changes the clock. */
double sitmap_bench_cpu_ms (void);

G_END_DECLS
