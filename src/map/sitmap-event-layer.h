/* sitmap-event-layer.h: every event of the view state drawn on the map in one layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Draws the view state's visible events itself, in one snapshot, from the store's projected columns:
 * a symbol per event (its category's shape and colour; hollow when the date is known only to the month
 * or year or is a span; paler with a perforated outline when only parties to the conflict report it;
 * faded when only the region or country is known), a ring of the radius of uncertainty for events near
 * a town, the polygon of events located by an area, the line of tracks, and a large faint dashed ring
 * for a region or country without its outline. The selection is drawn on top, larger, with a halo.
 * A click without a drag selects the event under it (or clears the selection); drags and scrolls go
 * on to the map. The pointer is a hand over an event, whose tooltip tells what it is. */
#define SITMAP_TYPE_EVENT_LAYER (sitmap_event_layer_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventLayer, sitmap_event_layer, SITMAP, EVENT_LAYER, ShumateLayer)

SitmapEventLayer *sitmap_event_layer_new (ShumateViewport *viewport, SitmapViewState *view_state);

/* The nearest visible event within a few pixels of the widget point (x, y); else the event of the
 * line within a few pixels, or of the smallest area around the point; else -1. */
gint           sitmap_event_layer_hit_test (SitmapEventLayer *self, double x, double y);
/* Where the event's symbol is drawn, in widget coordinates; FALSE if it has no place. */
gboolean       sitmap_event_layer_get_event_point (SitmapEventLayer *self, guint position, double *x, double *y);
/* The positions of the events drawn by the last snapshot, ascending: what the user sees, the events
 * whose symbol or shape is in view (also those other symbols happen to cover). */
const guint32 *sitmap_event_layer_get_drawn (SitmapEventLayer *self, guint *n_drawn);
/* The plain text the tooltip shows at (x, y): the event's title, category and date, where it was as
 * precisely as known, and whether only parties to the conflict report it; NULL over no event. */
char          *sitmap_event_layer_dup_tooltip_text (SitmapEventLayer *self, double x, double y);

G_END_DECLS
