/* sitmap-positions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sitmap-positions.h"

/* Below this, moving each into place costs less than counting. */
#define INSERTION_SORT_MAX 48
#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

static void
insertion_sort (guint32 *positions, gsize n)
{
  for (gsize i = 1; i < n; i++)
    {
      guint32 position = positions[i];
      gsize j = i;

      for (; j > 0 && positions[j - 1] > position; j--)
        positions[j] = positions[j - 1];
      positions[j] = position;
    }
}

/* Least significant digit first, as many digits as the largest position has: each pass is stable, so
 * after the last one the whole is in order. */
static void
radix_sort (guint32 *positions, gsize n, guint32 *scratch, guint32 largest)
{
  g_autofree gsize *counts = g_new (gsize, RADIX_SIZE);
  guint32 *from = positions, *to = scratch;

  for (guint shift = 0; shift < 32 && (largest >> shift) != 0; shift += RADIX_BITS)
    {
      gsize at = 0;

      memset (counts, 0, RADIX_SIZE * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        counts[(from[i] >> shift) & (RADIX_SIZE - 1)]++;
      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          gsize count = counts[d];

          counts[d] = at;
          at += count;
        }
      for (gsize i = 0; i < n; i++)
        to[counts[(from[i] >> shift) & (RADIX_SIZE - 1)]++] = from[i];
      to = from;
      from = from == positions ? scratch : positions;
    }
  if (from != positions)
    memcpy (positions, from, n * sizeof (guint32));
}

void
sitmap_positions_sort (guint32 *positions, gsize n, guint32 *scratch)
{
  guint32 largest = 0;
  gboolean ascending = TRUE;

  g_return_if_fail (positions != NULL || n == 0);
  g_return_if_fail (scratch != NULL || n <= INSERTION_SORT_MAX);
  for (gsize i = 0; i < n; i++)
    {
      ascending = ascending && (i == 0 || positions[i - 1] <= positions[i]);
      largest = MAX (largest, positions[i]);
    }
  if (ascending)
    return;
  if (n <= INSERTION_SORT_MAX)
    insertion_sort (positions, n);
  else
    radix_sort (positions, n, scratch, largest);
}
