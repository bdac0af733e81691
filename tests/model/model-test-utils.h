/* model-test-utils.h: documents of many varied events, for the filter tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/* n events dated 2020–2024 with titles and summaries drawn from a small vocabulary with accents,
 * punctuation and some HTML; 0–3 actors, 0–4 citations of 8 sources (two parties, one read "via"
 * another), one of 6 places or none, a killed figure or none, all categories. The same seed gives
 * the same document. */
SitmapDocument *model_test_random_document (guint n, guint32 seed);
/* The same, its events' ids prefix followed by their number ("event-" above) */
SitmapDocument *model_test_random_document_with_ids (guint n, guint32 seed, const char *prefix);

/* The words the titles and summaries use, for drawing queries. */
extern const char *const model_test_words[];
extern const guint       model_test_n_words;
extern const char *const model_test_actors[];
extern const guint       model_test_n_actors;

G_END_DECLS
