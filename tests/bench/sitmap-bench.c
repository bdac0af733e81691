/* sitmap-bench.c: what every benchmark measures with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "sitmap-bench.h"

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
sitmap_bench_median (double *values, guint n)
{
  g_return_val_if_fail (values != NULL && n > 0, 0);

  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

double
sitmap_bench_percentile (double *values, guint n, double fraction)
{
  guint rank;

  g_return_val_if_fail (values != NULL && n > 0, 0);
  g_return_val_if_fail (fraction > 0 && fraction <= 1, 0);

  qsort (values, n, sizeof *values, compare_doubles);
  rank = (guint) ceil (fraction * n);
  return values[CLAMP (rank, 1, n) - 1];
}

double
sitmap_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

double
sitmap_bench_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}
