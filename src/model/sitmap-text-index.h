/* sitmap-text-index.h: which events have a word beginning with what the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-bitset.h"
#include "sitmap-document.h"

G_BEGIN_DECLS

/* An inverted index of the folded words (see sitmap-words.h) of every event's title, summary (as
 * text: HTML reduced) and place as worded: a sorted vocabulary, and for each word the ascending
 * positions of the events that use it. A word prefix is a range of the vocabulary; its events are the
 * union of the range's lists. Immutable once built, so it may be built in a thread; events edits add later
 * (positions past those it was built over) are matched one by one against their words. */
typedef struct _SitmapTextIndex SitmapTextIndex;

SitmapTextIndex *sitmap_text_index_new (SitmapEventStore *store);
void             sitmap_text_index_free (SitmapTextIndex *self);

guint sitmap_text_index_get_n_words (SitmapTextIndex *self);
/* Sets in out the events having a word that begins with prefix (folded, prefix_length bytes).
 * Returns how many bits it set, repeats included. */
gsize sitmap_text_index_match_prefix (SitmapTextIndex *self, const char *prefix, gsize prefix_length,
                                      SitmapBitset *out);
gsize sitmap_text_index_get_memory_size (SitmapTextIndex *self);
/* The positions it was made over: an undo that takes some of them away leaves it stale */
guint sitmap_text_index_get_n_indexed (SitmapTextIndex *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapTextIndex, sitmap_text_index_free)

G_END_DECLS
