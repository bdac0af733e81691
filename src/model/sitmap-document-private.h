/* sitmap-document-private.h: what only the builder may do to a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"
#include "sitmap-named-view.h"

G_BEGIN_DECLS

/* Takes every argument but view. sources and places are arrays of SitmapSource and SitmapPlace. */
SitmapDocument *_sitmap_document_new (char                     *title,
                                      char                     *description,
                                      const SitmapDocumentView *view,
                                      GPtrArray                *sources,
                                      GPtrArray                *places,
                                      SitmapEventStore         *store);

/* For the builder and the named view commands (they emit "changed" themselves). */
void _sitmap_document_insert_named_view (SitmapDocument *self, guint index, SitmapNamedView *view);
void _sitmap_document_remove_named_view (SitmapDocument *self, guint index);

/* For SitmapImportCommand: exchanges the document's events, sources and places with those given (the store
 * and arrays are taken, and the document's returned in their place). Emits nothing: the command does. */
void _sitmap_document_swap_events (SitmapDocument    *self,
                                   SitmapEventStore **store,
                                   GPtrArray        **sources,
                                   GPtrArray        **places);

/* For SitmapEventCommand: see sitmap-document.c */
void  _sitmap_document_wait_for_readers (SitmapDocument *self);
void  _sitmap_document_append_source (SitmapDocument *self, SitmapSource *source);
void  _sitmap_document_remove_last_source (SitmapDocument *self);
guint _sitmap_document_append_event (SitmapDocument *self, const SitmapEventDraft *draft);
G_END_DECLS
