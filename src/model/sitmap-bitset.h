/* sitmap-bitset.h: a bit per event, for combining the sets that filters make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* A million events take 125 KB: cheaper to fill and test than sorted lists are to merge, whatever
 * their sizes. */
typedef struct
{
  guint64 *words;
  guint    n_bits;
  guint    n_words;
} SitmapBitset;

static inline void
sitmap_bitset_init (SitmapBitset *self, guint n_bits)
{
  self->n_bits = n_bits;
  self->n_words = (n_bits + 63) / 64;
  self->words = g_new0 (guint64, MAX (self->n_words, 1));
}

/* Every bit of n_bits set */
static inline void
sitmap_bitset_init_full (SitmapBitset *self, guint n_bits)
{
  sitmap_bitset_init (self, n_bits);
  memset (self->words, 0xff, self->n_words * sizeof (guint64));
  if (n_bits & 63)
    self->words[self->n_words - 1] = (G_GUINT64_CONSTANT (1) << (n_bits & 63)) - 1;
}

static inline void
sitmap_bitset_clear (SitmapBitset *self)
{
  g_clear_pointer (&self->words, g_free);
  self->n_bits = self->n_words = 0;
}

static inline void
sitmap_bitset_set (SitmapBitset *self, guint i)
{
  self->words[i >> 6] |= G_GUINT64_CONSTANT (1) << (i & 63);
}

static inline gboolean
sitmap_bitset_test (const SitmapBitset *self, guint i)
{
  return (self->words[i >> 6] >> (i & 63)) & 1;
}

static inline void
sitmap_bitset_set_all (SitmapBitset *self, const guint32 *positions, guint n)
{
  for (guint i = 0; i < n; i++)
    sitmap_bitset_set (self, positions[i]);
}

static inline guint
sitmap_bitset_count (const SitmapBitset *self)
{
  guint count = 0;

  for (guint w = 0; w < self->n_words; w++)
    count += (guint) __builtin_popcountll (self->words[w]);
  return count;
}

/* Appends the set positions to out (guint32), ascending. */
static inline void
sitmap_bitset_append_to (const SitmapBitset *self, GArray *out)
{
  for (guint w = 0; w < self->n_words; w++)
    {
      guint64 bits = self->words[w];

      while (bits != 0)
        {
          guint32 position = (w << 6) | (guint) __builtin_ctzll (bits);

          g_array_append_val (out, position);
          bits &= bits - 1;
        }
    }
}

G_END_DECLS
