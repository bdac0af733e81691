/* sitmap-positions.h: finding an event's position among ascending positions, and putting them in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets of events (visible, a group, the notes of a page, long spans, shapes) are ascending
 * positions, often with a record beside each: one binary search serves them all. The stride is
 * the distance in bytes from one position to the next, so a position may sit in a struct
 * (G_STRUCT_OFFSET into the first element, sizeof the element). */

/* The index of the first position not less than position, in [0, n]. */
static inline guint
sitmap_positions_lower_bound_strided (const guint32 *first, gsize stride, guint n, guint32 position)
{
  const guint8 *base = (const guint8 *) first;
  guint lo = 0, hi = n;

  g_assert (stride >= sizeof (guint32) || n == 0);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (*(const guint32 *) (gconstpointer) (base + (gsize) mid * stride) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The index of position, or -1 when it is not there. */
static inline gint
sitmap_positions_index_of_strided (const guint32 *first, gsize stride, guint n, guint32 position)
{
  guint i = sitmap_positions_lower_bound_strided (first, stride, n, position);

  if (i < n && *(const guint32 *) (gconstpointer) ((const guint8 *) first + (gsize) i * stride) == position)
    return (gint) i;
  return -1;
}

static inline guint
sitmap_positions_lower_bound (const guint32 *positions, guint n, guint32 position)
{
  return sitmap_positions_lower_bound_strided (positions, sizeof (guint32), n, position);
}

static inline gint
sitmap_positions_index_of (const guint32 *positions, guint n, guint32 position)
{
  return sitmap_positions_index_of_strided (positions, sizeof (guint32), n, position);
}

static inline gboolean
sitmap_positions_contain (const guint32 *positions, guint n, guint32 position)
{
  return sitmap_positions_index_of (positions, n, position) >= 0;
}

/* Sorts n positions ascending, with scratch room for n more: what a few words' postings need once they
 * are gathered in another order than positions'. */
void sitmap_positions_sort (guint32 *positions, gsize n, guint32 *scratch);

G_END_DECLS
