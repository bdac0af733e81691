/* sitmap-document-builder.h: how readers make a document, in one step that cannot half-succeed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-document.h"
#include "sitmap-named-view.h"

G_BEGIN_DECLS

/* A reader streams what it finds into a builder; only when the whole file has been read does it
 * call _finish(). A reader that fails frees the builder, and nothing the user sees has changed. */
typedef struct _SitmapDocumentBuilder SitmapDocumentBuilder;

SitmapDocumentBuilder *sitmap_document_builder_new (void);
void                   sitmap_document_builder_free (SitmapDocumentBuilder *self);

void sitmap_document_builder_set_title (SitmapDocumentBuilder *self, const char *title);
void sitmap_document_builder_set_description (SitmapDocumentBuilder *self, const char *description);
void sitmap_document_builder_set_position (SitmapDocumentBuilder *self, double latitude, double longitude,
                                           double zoom);
void sitmap_document_builder_set_time_window (SitmapDocumentBuilder *self, gint64 from, gint64 to);
/* Readers call this when the file carries Sitmap's own data: only such a file is saved over in
 * place, since writing any other KML back would drop what Sitmap does not read. */
void     sitmap_document_builder_set_native (SitmapDocumentBuilder *self);

/* Citations that name no source are shown under one source with this id, named "Unnamed source". No file
 * can declare it (an empty id is refused), so no real source can claim them; writers write neither it nor
 * a source attribute on those citations. */
#define SITMAP_UNNAMED_SOURCE_ID ""

/* The source with this id, added if new. Borrowed; set its fields as they are read. */
SitmapSource *sitmap_document_builder_add_source (SitmapDocumentBuilder *self, const char *id);
/* FALSE if a place with the same id was already added. */
gboolean      sitmap_document_builder_add_place (SitmapDocumentBuilder *self, SitmapPlace *place);
void          sitmap_document_builder_add_event (SitmapDocumentBuilder *self, const SitmapEventDraft *draft);
/* Events a reader filled in bulk (sitmap_event_store_add_bulk()), in a store of their own: they come after
 * the events already added, in their order. Consumes events. */
void          sitmap_document_builder_add_events (SitmapDocumentBuilder *self, SitmapEventStore *events);
guint         sitmap_document_builder_get_n_events (SitmapDocumentBuilder *self);
/* A folder of the file, inside parent (0: at the top); events name it in their draft's group. */
guint         sitmap_document_builder_add_group (SitmapDocumentBuilder *self, guint parent, const char *name);
/* Appends a named view; FALSE (and nothing added) once SITMAP_NAMED_VIEW_MAX_VIEWS are there. */
gboolean      sitmap_document_builder_add_named_view (SitmapDocumentBuilder *self, SitmapNamedView *view);

/* Sorts and indexes the events; consumes the builder. */
SitmapDocument *sitmap_document_builder_finish (SitmapDocumentBuilder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapDocumentBuilder, sitmap_document_builder_free)

G_END_DECLS
