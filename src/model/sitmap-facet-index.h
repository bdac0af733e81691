/* sitmap-facet-index.h: which events each actor, source and place has, and each event's grading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-bitset.h"
#include "sitmap-document.h"
#include "sitmap-filter.h"

G_BEGIN_DECLS

/* For a document: per actor, per source and per place, the positions of its events (ascending); per
 * event, how many independent origins report it and which gradings its citations carry. Built in one
 * pass over the events and their citations (a million in about a tenth of a second); the gradings are
 * made again after an edit of a reliability or a credibility (sitmap_facet_index_invalidate_grades).
 * Not thread-safe: it reads the document's sources. */
typedef struct _SitmapFacetIndex SitmapFacetIndex;

SitmapFacetIndex *sitmap_facet_index_new (SitmapDocument *document);
void              sitmap_facet_index_free (SitmapFacetIndex *self);

/* Values of a facet: actors are numbered by the index (most reported first), sources and places as
 * the document numbers them. */
guint          sitmap_facet_index_get_n_values (SitmapFacetIndex *self, SitmapFilterSet facet);
const guint32 *sitmap_facet_index_get_events (SitmapFacetIndex *self, SitmapFilterSet facet, guint value,
                                              guint *n_events);
/* The value named name (an actor's name, a source's or place's id), or -1. */
gint           sitmap_facet_index_find (SitmapFacetIndex *self, SitmapFilterSet facet, const char *name);
const char    *sitmap_facet_index_get_actor (SitmapFacetIndex *self, guint value);
/* Adds to out the events of every value of facet that has a word (of its name; a source's
 * abbreviation and id too) beginning with the folded word prefix. Returns how many were added, with
 * repeats: a bound on the size of the set. */
gsize          sitmap_facet_index_match_prefix (SitmapFacetIndex *self, SitmapFilterSet facet, const char *prefix,
                                                gsize prefix_length, SitmapBitset *out);

/* How many independent origins report each event (at most 255): the store's column. */
const guint8  *sitmap_facet_index_get_origins (SitmapFacetIndex *self);
/* Per event, a bit for each (source reliability, citation credibility) pair among its citations:
 * bit reliability × 7 + credibility. */
const guint64 *sitmap_facet_index_get_grades (SitmapFacetIndex *self);
/* The pairs that meet a minimum grading (unrated: no minimum on that half). */
guint64        sitmap_facet_index_grade_mask (SitmapReliability min_reliability, SitmapCredibility min_credibility);
void           sitmap_facet_index_invalidate_grades (SitmapFacetIndex *self);
/* After an edit of events (SITMAP_DOCUMENT_CHANGE_EVENT_EDITS): takes in the events and sources added since. */
void           sitmap_facet_index_update (SitmapFacetIndex *self);

gsize          sitmap_facet_index_get_memory_size (SitmapFacetIndex *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapFacetIndex, sitmap_facet_index_free)

G_END_DECLS
