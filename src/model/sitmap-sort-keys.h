/* sitmap-sort-keys.h: a million things put in order by one or two 64-bit numbers, without a comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What to sort by (major, then minor, both unsigned), and what it is the key of (index). */
typedef struct
{
  guint64 major;
  guint64 minor;
  guint32 index;
} SitmapSortKey;

/* Sorts n keys, stable, with spare room for n more; returns keys or spare, whichever holds them sorted.
 * A least-significant-digit radix sort, sixteen bits a pass; digits every key shares are skipped, so that
 * a minor every key has the same (0) costs one counting pass. */
SitmapSortKey *sitmap_sort_keys (SitmapSortKey *keys, SitmapSortKey *spare, guint n);

G_END_DECLS
