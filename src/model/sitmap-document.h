/* sitmap-document.h: one situation map: events, their sources, places and the view it opens on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

#define SITMAP_TYPE_DOCUMENT (sitmap_document_get_type ())
G_DECLARE_FINAL_TYPE (SitmapDocument, sitmap_document, SITMAP, DOCUMENT, GObject)

const char               *sitmap_document_get_title (SitmapDocument *self);
const char               *sitmap_document_get_own_title (SitmapDocument *self);
const char               *sitmap_document_get_description (SitmapDocument *self);
GFile                    *sitmap_document_get_file (SitmapDocument *self);
void                      sitmap_document_set_file (SitmapDocument *self, GFile *file);
const SitmapDocumentView *sitmap_document_get_view (SitmapDocument *self);

guint                     sitmap_document_get_n_events (SitmapDocument *self);
const SitmapEventColumns *sitmap_document_get_columns (SitmapDocument *self);
SitmapEventStore         *sitmap_document_get_store (SitmapDocument *self);
/* A new object for the event at position: events are not kept as objects, see SitmapEventStore. */
SitmapEvent              *sitmap_document_get_event (SitmapDocument *self, guint position);
gint                      sitmap_document_find_event (SitmapDocument *self, const char *id);

GListModel   *sitmap_document_get_sources (SitmapDocument *self);
SitmapSource *sitmap_document_get_source (SitmapDocument *self, guint index);
gint          sitmap_document_find_source (SitmapDocument *self, const char *id);
GListModel   *sitmap_document_get_places (SitmapDocument *self);
SitmapPlace  *sitmap_document_get_place (SitmapDocument *self, guint index);
gint          sitmap_document_find_place (SitmapDocument *self, const char *id);

G_END_DECLS
