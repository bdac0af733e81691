/* sitmap-view-state.h: what the user is looking at, shared by every view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-bitset.h"
#include "sitmap-document.h"
#include "sitmap-event.h"
#include "sitmap-facet-index.h"
#include "sitmap-filter.h"
#include "sitmap-map-fit.h"

G_BEGIN_DECLS

/* How the views bring an event into view (see sitmap_view_state_reveal). */
typedef enum
{
  SITMAP_REVEAL_GENTLY = 0,      /* only a view that does not show it moves, as little and as smoothly as it can */
  SITMAP_REVEAL_ZOOM   = 1 << 0, /* the map also centres it and zooms in to where its place can be read */
} SitmapRevealFlags;

/* The one object that the map, the timeline, the list and the sidebar bind to. Nobody polls and no
 * view reads another: each connects to notify (or visible-changed) and redraws.
 *
 * The rules of viewing live here, and the views carry them out: selecting an event asks every view to
 * bring it into view ("reveal"), and "show-all" asks them to show every visible event. */
#define SITMAP_TYPE_VIEW_STATE (sitmap_view_state_get_type ())
G_DECLARE_FINAL_TYPE (SitmapViewState, sitmap_view_state, SITMAP, VIEW_STATE, GObject)

SitmapViewState *sitmap_view_state_new (void);

SitmapDocument  *sitmap_view_state_get_document (SitmapViewState *self);
/* Resets the selection and the range, and shows the document's whole time. */
void             sitmap_view_state_set_document (SitmapViewState *self, SitmapDocument *document);

/* The stretch of time the timeline shows. */
void             sitmap_view_state_get_window (SitmapViewState *self, gint64 *start, gint64 *end);
void             sitmap_view_state_set_window (SitmapViewState *self, gint64 start, gint64 end);

/* The range that filters the map and the list; without one, every event is in. */
gboolean         sitmap_view_state_get_range (SitmapViewState *self, gint64 *start, gint64 *end);
void             sitmap_view_state_set_range (SitmapViewState *self, gint64 start, gint64 end);
void             sitmap_view_state_clear_range (SitmapViewState *self);
SitmapRangeRule  sitmap_view_state_get_range_rule (SitmapViewState *self);
void             sitmap_view_state_set_range_rule (SitmapViewState *self, SitmapRangeRule rule);

/* A bit per SitmapCategory: the categories not shown (the filter's hidden categories). */
guint            sitmap_view_state_get_hidden_categories (SitmapViewState *self);
void             sitmap_view_state_set_hidden_categories (SitmapViewState *self, guint mask);

/* What the events must pass beyond the range (property "filter", notified on each change). Never NULL;
 * do not keep it across changes. To change it: copy, edit the copy, set it. */
const SitmapFilter *sitmap_view_state_get_filter (SitmapViewState *self);
/* Copies filter; NULL clears every filter (not the range). */
void             sitmap_view_state_set_filter (SitmapViewState *self, const SitmapFilter *filter);
/* The search text alone, as the search entry types it; NULL or "" ends the search. */
void             sitmap_view_state_set_text (SitmapViewState *self, const char *text);
/* The index of the document's actors, sources and places, built on first use: to list the values a
 * filter can take (actors most reported first) and count their events. NULL without a document. */
SitmapFacetIndex *sitmap_view_state_get_facet_index (SitmapViewState *self);

/* The selected event's position in the document, or -1. Selecting an event reveals it, gently: from
 * the list, a step in time, a search, the map or the timeline alike, and only the views that do not
 * show it move (a click on the map, on an event it shows, moves nothing). */
gint             sitmap_view_state_get_selected (SitmapViewState *self);
void             sitmap_view_state_set_selected (SitmapViewState *self, gint position);
/* Emits "reveal" (position, flags): the map pans to the event's place and the timeline scrolls to its
 * time, each if it does not show it, animated and keeping its zoom unless flags say otherwise. */
void             sitmap_view_state_reveal (SitmapViewState *self, gint position, SitmapRevealFlags flags);
/* Emits "show-all": the map fits the visible events' places, the timeline their time. */
void             sitmap_view_state_show_all (SitmapViewState *self);
/* The bounding box of the visible events that are placed, in normalised Web Mercator; FALSE if none. */
gboolean         sitmap_view_state_get_visible_extent (SitmapViewState *self, double *x0, double *y0, double *x1,
                                                       double *y1);
/* The view that shows the visible events that are placed on a map of width × height pixels (the one rule
 * of sitmap_map_fit_box); FALSE when none is placed. */
gboolean         sitmap_view_state_fit_visible (SitmapViewState *self, double width, double height, double max_zoom,
                                                SitmapMapFit *fit);
/* A new object for the selection, or NULL. */
SitmapEvent     *sitmap_view_state_dup_selected_event (SitmapViewState *self);

/* A group of events picked together, such as a cluster the map cannot split further: the sidebar
 * lists them. Positions ascending; an empty group clears it. Independent of the selection, so that
 * choosing one event of the group and coming back to the group both work. */
void             sitmap_view_state_set_group (SitmapViewState *self, const guint32 *positions, guint n_positions);
const guint32   *sitmap_view_state_get_group (SitmapViewState *self, guint *n_positions);

/* What the user looks at is a short history: nothing, a group, an event of the group (or an event
 * alone). Every view moves along it with these, so that picking, "back" and the next event mean the
 * same from the map, the list, the sidebar and the keyboard.
 *
 * Selects the event at position (and reveals it), keeping the group when the event is in it, so that
 * the way back leads to the group; an event from elsewhere leaves the group. -1 selects nothing and
 * leaves the group too. */
void             sitmap_view_state_select (SitmapViewState *self, gint position);
/* One step back: from an event to the group it was picked from (or to nothing), from a group to
 * nothing. FALSE when there was nothing to step back from (the window's Escape then clears the range). */
gboolean         sitmap_view_state_step_back (SitmapViewState *self);
/* The event after (direction > 0) or before (direction < 0) the selection: within the group when the
 * selection is in it (or nothing is selected and there is a group), else among the visible events in
 * their order. Without a selection, the first or the last. -1 when there is none. */
gint             sitmap_view_state_get_neighbour (SitmapViewState *self, int direction);
/* Selects that neighbour (the group stays: it holds it); FALSE when there is none. */
gboolean         sitmap_view_state_select_neighbour (SitmapViewState *self, int direction);

/* The positions of the events that pass every filter, ascending (time order, undated last). */
const guint32   *sitmap_view_state_get_visible (SitmapViewState *self, guint *n_visible);
guint            sitmap_view_state_get_n_visible (SitmapViewState *self);
gboolean         sitmap_view_state_is_visible (SitmapViewState *self, guint position);

/* The events that pass the filter (everything but the range), for views that show all time, as the
 * timeline does. Made once per filter change ("passing-changed"), read cheaply per position. */
/* Whether the event at position passes; TRUE for every event of the document when the filter is empty. */
gboolean            sitmap_view_state_passes_filter (SitmapViewState *self, guint position);
/* A bit per event of the document, set for those that pass; NULL when the filter is empty (all pass). */
const SitmapBitset *sitmap_view_state_get_passing (SitmapViewState *self);
guint               sitmap_view_state_get_n_passing (SitmapViewState *self);
/* The undated events that pass, ascending. */
const guint32      *sitmap_view_state_get_passing_undated (SitmapViewState *self, guint *n_positions);
/* Whether the filter leaves events out by more than their categories (a search, a facet, a minimum). */
gboolean            sitmap_view_state_get_filter_beyond_categories (SitmapViewState *self);

G_END_DECLS
