/* sitmap-sort-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sitmap-sort-keys.h"

#define DIGIT_BITS 16
#define N_DIGITS   (64 / DIGIT_BITS)
#define RADIX      (1u << DIGIT_BITS)

static inline guint
digit_of (const SitmapSortKey *key, guint field, guint d)
{
  return (guint) (((field ? key->major : key->minor) >> (d * DIGIT_BITS)) & (RADIX - 1));
}

SitmapSortKey *
sitmap_sort_keys (SitmapSortKey *keys, SitmapSortKey *spare, guint n)
{
  g_autofree guint32 *counts = NULL;

  g_return_val_if_fail (n == 0 || (keys != NULL && spare != NULL), keys);
  if (n == 0)
    return keys;
  counts = g_new0 (guint32, 2 * N_DIGITS * RADIX);
  for (guint i = 0; i < n; i++)
    for (guint field = 0; field < 2; field++)
      for (guint d = 0; d < N_DIGITS; d++)
        counts[(field * N_DIGITS + d) * RADIX + digit_of (&keys[i], field, d)]++;

  /* By minor first, then by major: each pass stable, the last decides */
  for (guint field = 0; field < 2; field++)
    for (guint d = 0; d < N_DIGITS; d++)
      {
        guint32 *count = &counts[(field * N_DIGITS + d) * RADIX];
        guint32 sum = 0;
        SitmapSortKey *swap;

        if (count[digit_of (&keys[0], field, d)] == n)
          continue;
        for (guint b = 0; b < RADIX; b++)
          {
            guint32 c = count[b];

            count[b] = sum;
            sum += c;
          }
        for (guint i = 0; i < n; i++)
          spare[count[digit_of (&keys[i], field, d)]++] = keys[i];
        swap = keys;
        keys = spare;
        spare = swap;
      }
  return keys;
}
