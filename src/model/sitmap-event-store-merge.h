/* sitmap-event-store-merge.h: a document's events with those of another, as a new store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"

G_BEGIN_DECLS

/* What importing one document into another makes: the events of both in a new store (the store is
 * immutable once built), with the sources and places they name. The document's own sources and places
 * keep their objects and their indices, so that grades given and commands on the undo stack still
 * refer to them; the imported ones that the document lacks come after. Events of the imported document
 * whose id the document already has are left out: the document's own is kept. */
typedef struct
{
  SitmapEventStore *store;
  GPtrArray        *sources;      /* SitmapSource */
  GPtrArray        *places;       /* SitmapPlace */
  guint             n_added;      /* events of the imported document taken */
  guint             n_duplicates; /* events of the imported document left out: the document has their id */
  guint             n_new_sources;
  guint             n_new_places;
} SitmapEventStoreMerge;

/* Reads both documents and changes neither: may run in a worker thread while nobody edits them. O(events).
 * When the imported document brings nothing the document lacks (no event, source or place), no store is made:
 * store is NULL, and there is nothing to apply. */
SitmapEventStoreMerge *sitmap_event_store_merge (SitmapDocument *document, SitmapDocument *imported);
void                   sitmap_event_store_merge_free (SitmapEventStoreMerge *merge);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapEventStoreMerge, sitmap_event_store_merge_free)

G_END_DECLS
