/* sitmap-document.h: one situation map: events, their sources, places and the view it opens on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-annotation.h"
#include "sitmap-event-store.h"
#include "sitmap-place.h"
#include "sitmap-source.h"

G_BEGIN_DECLS

/* Where a document asks to be opened: a map position and a stretch of the timeline. */
typedef struct
{
  gboolean has_position;
  double   latitude;
  double   longitude;
  double   zoom;
  gboolean has_time;
  gint64   from;
  gint64   to;
} SitmapDocumentView;

typedef struct _SitmapEvent SitmapEvent;
typedef struct _SitmapUndoStack SitmapUndoStack;

/* What a "changed" signal says changed; events' times and places do not change in place: an import replaces
 * the store whole (SITMAP_DOCUMENT_CHANGE_EVENTS), and every position read before it is stale. */
typedef enum
{
  SITMAP_DOCUMENT_CHANGE_SOURCES = 1 << 0,     /* a source's fields, its reliability */
  SITMAP_DOCUMENT_CHANGE_CITATIONS = 1 << 1,   /* a citation's credibility */
  SITMAP_DOCUMENT_CHANGE_VIEWS = 1 << 2,       /* the named views */
  SITMAP_DOCUMENT_CHANGE_ANNOTATIONS = 1 << 3, /* the annotations */
  SITMAP_DOCUMENT_CHANGE_METADATA = 1 << 4,    /* title, description */
  SITMAP_DOCUMENT_CHANGE_EVENTS = 1 << 5,      /* the whole store replaced (an import): positions all change */
  SITMAP_DOCUMENT_CHANGE_EVENT_EDITS = 1 << 6, /* events added, changed or deleted (SitmapEventCommand): no
                                                * position changes; new ones come at the end, deleted ones
                                                * keep theirs with SITMAP_EVENT_FLAG_DELETED */
} SitmapDocumentChange;

#define SITMAP_TYPE_DOCUMENT (sitmap_document_get_type ())
G_DECLARE_FINAL_TYPE (SitmapDocument, sitmap_document, SITMAP, DOCUMENT, GObject)

const char               *sitmap_document_get_title (SitmapDocument *self);
const char               *sitmap_document_get_own_title (SitmapDocument *self);
const char               *sitmap_document_get_description (SitmapDocument *self);
GFile                    *sitmap_document_get_file (SitmapDocument *self);
void                      sitmap_document_set_file (SitmapDocument *self, GFile *file);
const SitmapDocumentView *sitmap_document_get_view (SitmapDocument *self);
/* Whether the file it came from was written by Sitmap (or it was made here): only then may a save
 * replace the file, since writing another program's KML back would drop what Sitmap does not read. */
gboolean                  sitmap_document_is_native (SitmapDocument *self);
/* After Sitmap wrote the document to its file, the file is Sitmap's own. */
void                      sitmap_document_set_native (SitmapDocument *self, gboolean native);
/* Every edit goes through the document's undo stack (see SitmapCommand). */
SitmapUndoStack          *sitmap_document_get_undo_stack (SitmapDocument *self);
/* For commands: tells every view what changed. */
void                      sitmap_document_emit_changed (SitmapDocument *self, SitmapDocumentChange what);

/* Positions: every event, deleted ones too (SITMAP_EVENT_FLAG_DELETED); what to loop over. */
guint                     sitmap_document_get_n_events (SitmapDocument *self);
/* Whether its events are those it was read with, edited in place only (no import replaced them): what changed
 * since is then the events edits added, those they deleted, and those whose credibility changed
 * (sitmap_event_store_get_touched()). */
gboolean                  sitmap_document_has_events_of_file (SitmapDocument *self);
/* The events not deleted: what to tell the user. */
guint                     sitmap_document_get_n_live_events (SitmapDocument *self);
/* A thread reading the document (saving, indexing) says so on the main thread before it starts, and when it is
 * done (from any thread): an edit of events waits for it rather than change what it reads. */
void                      sitmap_document_begin_reading (SitmapDocument *self);
void                      sitmap_document_end_reading (SitmapDocument *self);
const SitmapEventColumns *sitmap_document_get_columns (SitmapDocument *self);
SitmapEventStore         *sitmap_document_get_store (SitmapDocument *self);
/* Changes each time the store is replaced (an import, its undo), or its events edited in place
 * (SITMAP_DOCUMENT_CHANGE_EVENT_EDITS, when positions stay valid): what was made from the store (a sorted order,
 * a histogram, the map's points) is made again when this differs from the serial it was made at. */
guint                     sitmap_document_get_events_serial (SitmapDocument *self);
/* A new object for the event at position: events are not kept as objects, see SitmapEventStore. */
SitmapEvent              *sitmap_document_get_event (SitmapDocument *self, guint position);
gint                      sitmap_document_find_event (SitmapDocument *self, const char *id);

GListModel   *sitmap_document_get_sources (SitmapDocument *self);
SitmapSource *sitmap_document_get_source (SitmapDocument *self, guint index);
gint          sitmap_document_find_source (SitmapDocument *self, const char *id);
GListModel   *sitmap_document_get_places (SitmapDocument *self);
SitmapPlace  *sitmap_document_get_place (SitmapDocument *self, guint index);
gint          sitmap_document_find_place (SitmapDocument *self, const char *id);

/* The views saved with the document (SitmapNamedView), in the order the user made them. Changed
 * only by SitmapNamedViewCommand; "changed" says SITMAP_DOCUMENT_CHANGE_VIEWS. */
GListModel   *sitmap_document_get_named_views (SitmapDocument *self);
/* The analyst's annotations (SitmapAnnotation), drawn above the events. They change only through
 * SitmapAnnotationCommand, so that every change can be undone. */
GListModel       *sitmap_document_get_annotations (SitmapDocument *self);
/* The annotation with this id, and its position in the list if position is not NULL; or NULL. */
SitmapAnnotation *sitmap_document_find_annotation (SitmapDocument *self, const char *id, guint *position);
/* An id that no annotation of the document has: "annotation-1", "annotation-2"… */
char             *sitmap_document_dup_new_annotation_id (SitmapDocument *self);
/* For readers, before anyone sees the document, and for commands, which then emit "changed". */
void              sitmap_document_insert_annotation (SitmapDocument *self, guint position,
                                                     SitmapAnnotation *annotation);
void              sitmap_document_remove_annotation (SitmapDocument *self, guint position);
/* Whether the annotations are shown: a view setting the document keeps (KML's visibility of their
 * folder), not an edit. */
gboolean          sitmap_document_get_annotations_visible (SitmapDocument *self);
void              sitmap_document_set_annotations_visible (SitmapDocument *self, gboolean visible);

/* Files that came with the document and are kept as they were, to be written back with it: a KMZ's images,
 * by their path in the archive ("files/overlay.png"). Added by readers, before anyone sees the document. */
guint             sitmap_document_get_n_resources (SitmapDocument *self);
GBytes           *sitmap_document_get_resource (SitmapDocument *self, guint index, const char **name);
void              sitmap_document_add_resource (SitmapDocument *self, const char *name, GBytes *bytes);

G_END_DECLS
