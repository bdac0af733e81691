/* sitmap-filter.h: what the user narrows the events down to, beyond the time range
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-event-store.h"
#include "sitmap-source.h"

G_BEGIN_DECLS

/* A value: the search words and the facets an event must pass. Facets combine with "and"; the values
 * of one facet with "or" (an event by any of the chosen actors). Sources and places are named by their
 * ids, so that a filter means the same after the document is saved and opened again.
 *
 * - text: every word must begin a word of the event's title, summary, place, one of its actors or one
 *   of its sources' names (case and accents do not matter);
 * - hidden categories: a bit per SitmapCategory;
 * - actors: one of the event's actors is one of these;
 * - sources: one of its citations comes from (or through, "via") one of these;
 * - places: its gazetteer place is one of these;
 * - minimum grading: some citation comes from a source at least this reliable and is itself at least
 *   this credible (SITMAP_RELIABILITY_UNRATED, SITMAP_CREDIBILITY_UNRATED: no minimum);
 * - minimum killed: the lower bound of its killed figure is at least this (0: no minimum);
 * - minimum origins: at least this many independent origins report it (0: no minimum; 1 leaves out
 *   the events no source reports). */
typedef struct _SitmapFilter SitmapFilter;

#define SITMAP_TYPE_FILTER (sitmap_filter_get_type ())
GType sitmap_filter_get_type (void) G_GNUC_CONST;

SitmapFilter *sitmap_filter_new (void);
SitmapFilter *sitmap_filter_copy (const SitmapFilter *self);
void          sitmap_filter_free (SitmapFilter *self);
gboolean      sitmap_filter_equal (const SitmapFilter *a, const SitmapFilter *b);
/* Whether nothing is filtered out. */
gboolean      sitmap_filter_is_empty (const SitmapFilter *self);

/* Longer search texts are cut to this many bytes (on a character boundary). */
#define SITMAP_FILTER_MAX_TEXT 1024

/* NULL when there is no search. Set to valid UTF-8 (invalid bytes replaced). */
const char   *sitmap_filter_get_text (const SitmapFilter *self);
void          sitmap_filter_set_text (SitmapFilter *self, const char *text);
/* Whether the text has a word to search for (punctuation alone has none). */
gboolean      sitmap_filter_has_text (const SitmapFilter *self);

guint         sitmap_filter_get_hidden_categories (const SitmapFilter *self);
void          sitmap_filter_set_hidden_categories (SitmapFilter *self, guint mask);

typedef enum
{
  SITMAP_FILTER_ACTORS,  /* actor names */
  SITMAP_FILTER_SOURCES, /* source ids */
  SITMAP_FILTER_PLACES,  /* place ids */
  SITMAP_FILTER_N_SETS
} SitmapFilterSet;

/* The values of one facet, sorted, NULL-terminated; NULL when the facet is not used. */
const char *const *sitmap_filter_get_values (const SitmapFilter *self, SitmapFilterSet set, guint *n_values);
gboolean           sitmap_filter_has_value (const SitmapFilter *self, SitmapFilterSet set, const char *value);
void               sitmap_filter_add_value (SitmapFilter *self, SitmapFilterSet set, const char *value);
void               sitmap_filter_remove_value (SitmapFilter *self, SitmapFilterSet set, const char *value);
void               sitmap_filter_clear_values (SitmapFilter *self, SitmapFilterSet set);

SitmapReliability sitmap_filter_get_min_reliability (const SitmapFilter *self);
void              sitmap_filter_set_min_reliability (SitmapFilter *self, SitmapReliability reliability);
SitmapCredibility sitmap_filter_get_min_credibility (const SitmapFilter *self);
void              sitmap_filter_set_min_credibility (SitmapFilter *self, SitmapCredibility credibility);
guint             sitmap_filter_get_min_killed (const SitmapFilter *self);
void              sitmap_filter_set_min_killed (SitmapFilter *self, guint killed);
guint             sitmap_filter_get_min_origins (const SitmapFilter *self);
void              sitmap_filter_set_min_origins (SitmapFilter *self, guint origins);

/* Whether the filter needs a look at citations (grading, origins) or at the facet sets. */
gboolean sitmap_filter_uses_citations (const SitmapFilter *self);
gboolean sitmap_filter_uses_sets (const SitmapFilter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapFilter, sitmap_filter_free)

G_END_DECLS
