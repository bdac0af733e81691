/* sitmap-event.h: one reported event, as an object made on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-document.h"

G_BEGIN_DECLS

/* An event is a view of one position of a document's store, made when someone needs an object (the
 * selection, a visible list row) and dropped after: a million events are never a million objects. */
#define SITMAP_TYPE_EVENT (sitmap_event_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEvent, sitmap_event, SITMAP, EVENT, GObject)

SitmapEvent            *sitmap_event_new (SitmapDocument *document, guint position);
SitmapDocument         *sitmap_event_get_document (SitmapEvent *self);
guint                   sitmap_event_get_position (SitmapEvent *self);
const char             *sitmap_event_get_id (SitmapEvent *self);
const char             *sitmap_event_get_title (SitmapEvent *self);
/* The summary as plain text: a description in HTML (as KML files from other tools often have) is
 * reduced to its text (see sitmap-html.h). NULL when there is none. */
const char             *sitmap_event_get_summary (SitmapEvent *self);
/* The summary as the file had it, HTML and all: for writers, never for display. */
const char             *sitmap_event_get_raw_summary (SitmapEvent *self);
/* The targets of the summary's HTML links, in order, without repeats: NULL-terminated, empty when
 * none. Plain text to show; open only http and https, and only on a click. */
const char *const      *sitmap_event_get_links (SitmapEvent *self);
SitmapCategory          sitmap_event_get_category (SitmapEvent *self);
void                    sitmap_event_get_time (SitmapEvent *self, SitmapTime *time);
SitmapLocationPrecision sitmap_event_get_location_precision (SitmapEvent *self);
/* FALSE when the event has no place on the map. */
gboolean                sitmap_event_get_location (SitmapEvent *self, double *latitude, double *longitude);
SitmapGeometry         *sitmap_event_get_geometry (SitmapEvent *self);
guint                   sitmap_event_get_radius (SitmapEvent *self);
/* The gazetteer place the event is at, or NULL. */
SitmapPlace            *sitmap_event_get_place (SitmapEvent *self);
/* How the report words the place, else the gazetteer place's name, else NULL. */
const char             *sitmap_event_get_place_name (SitmapEvent *self);
const char *const      *sitmap_event_get_actors (SitmapEvent *self, guint *n_actors);
/* What else the file says of it: the name of attribute i (< sitmap_event_get_n_attributes()), its value in
 * *value (see sitmap_event_store_get_attribute()). */
guint                   sitmap_event_get_n_attributes (SitmapEvent *self);
const char             *sitmap_event_get_attribute (SitmapEvent *self, guint i, const char **value);
/* The folders of the file it came in, outermost first ("Syria / Homs"), or NULL. */
char                   *sitmap_event_dup_group_path (SitmapEvent *self);
const SitmapFigure     *sitmap_event_get_figures (SitmapEvent *self, guint *n_figures);
/* A new list of SitmapCitation. */
GListModel             *sitmap_event_dup_citations (SitmapEvent *self);
/* How many independent origins report it: a story that reaches us through several outlets is one. */
guint                   sitmap_event_get_n_origins (SitmapEvent *self);
gboolean                sitmap_event_is_party_only (SitmapEvent *self);

G_END_DECLS
