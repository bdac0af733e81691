/* sitmap-event-layer.h: every event of the view state drawn on the map in one layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Draws the view state's visible events itself, in one snapshot, from the store's projected columns.
 *
 * Events whose symbols would overlap are drawn as one cluster: a disc at their mean position, as
 * large as the logarithm of their count, with the count in it and a ring whose segments show their
 * mix of categories. Clusters come from a grid fixed to the world at each half zoom level (see
 * SitmapClusterIndex), so they hold still while the map pans. Every other event is drawn as its own
 * symbol: its category's shape and colour; hollow when the date is known only to the month or year or
 * is a span; paler with a perforated outline when only parties to the conflict report it; faded when
 * only the region or country is known. Around it, a ring of the radius of uncertainty for events near
 * a town, a large faint dashed circle labelled with the place for a region or country without its
 * outline; beneath everything, the polygons of events located by an area and the lines of tracks. The
 * selection is drawn on top, larger, with a halo, even when it belongs to a cluster.
 *
 * A click without a drag selects the event under it, or clears the selection on bare map. A click on
 * a cluster zooms to the extent of its events; at the map's highest zoom, or when its events sit at
 * one point, it makes them the view state's group, which the sidebar lists. Drags and scrolls go on
 * to the map. The hovered symbol grows a little, and its tooltip tells what it is.
 *
 * The layer takes the keyboard focus, and shows it with a ring around the selection (or the map): the
 * arrow keys move the selection to the nearest event on screen in that direction (from nothing, to the
 * event nearest the middle; through events at one point, one by one), Enter or Space emits
 * activate-event (the window moves the focus to the sidebar), Escape steps back from the selection to
 * its group, then to nothing, plus and minus zoom. Its accessible name says how many events it maps,
 * its description what is selected. */
#define SITMAP_TYPE_EVENT_LAYER (sitmap_event_layer_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventLayer, sitmap_event_layer, SITMAP, EVENT_LAYER, ShumateLayer)

typedef enum
{
  SITMAP_EVENT_LAYER_PICK_NONE,
  SITMAP_EVENT_LAYER_PICK_EVENT,   /* an event's symbol, line or area */
  SITMAP_EVENT_LAYER_PICK_CLUSTER, /* a cluster's symbol */
} SitmapEventLayerPickKind;

/* What is drawn at a point of the widget. */
typedef struct
{
  SitmapEventLayerPickKind kind;
  gint                     position; /* EVENT: the event; else -1 */
  guint                    n_events; /* EVENT: 1; CLUSTER: its count; NONE: 0 */
  double                   x;        /* where the symbol is drawn, in widget coordinates */
  double                   y;
  guint                    cluster;  /* CLUSTER: for the layer's own use */
} SitmapEventLayerPick;

SitmapEventLayer *sitmap_event_layer_new (ShumateViewport *viewport, SitmapViewState *view_state);

/* Whether a single event's symbol area grows with its fatalities (log (1 + killed), up to four times). */
gboolean       sitmap_event_layer_get_size_by_fatalities (SitmapEventLayer *self);
void           sitmap_event_layer_set_size_by_fatalities (SitmapEventLayer *self, gboolean size_by_fatalities);

/* What is under the widget point (x, y): the selection; else the nearest single event's symbol or
 * cluster within a few pixels; else the event of the line within a few pixels, or of the smallest area
 * around the point. FALSE (and kind NONE) over bare map. As the screen shows it: after the visible set
 * changed and before the next frame bins the events again, from the bins the last frame drew (an event
 * no longer visible is never found; a cluster keeps its count). A click acts on the visible set as it
 * is. */
gboolean       sitmap_event_layer_pick (SitmapEventLayer *self, double x, double y, SitmapEventLayerPick *pick);
/* The event sitmap_event_layer_pick() finds at (x, y), or -1 (over a cluster too). */
gint           sitmap_event_layer_hit_test (SitmapEventLayer *self, double x, double y);
/* Where the event's own point is, in widget coordinates; FALSE if it has no place. When the event
 * belongs to a cluster, the cluster is drawn elsewhere, at its events' mean. */
gboolean       sitmap_event_layer_get_event_point (SitmapEventLayer *self, guint position, double *x, double *y);
/* The positions of the events the layer draws for the current view and visible set (those the last
 * snapshot drew, unless either changed since), ascending: the events drawn as their own symbol, every
 * event of each cluster whose symbol is in view, and the events whose line or area is in view. What the
 * user sees, whether as a symbol or counted in a cluster. Made when asked for: O(visible events). */
const guint32 *sitmap_event_layer_get_drawn (SitmapEventLayer *self, guint *n_drawn);
/* The plain text the tooltip shows at (x, y): for an event, "title — date", its category, where it was
 * as precisely as known, and whether only parties to the conflict report it; for a cluster, how many
 * events, mostly of which category, and what a click does. NULL over bare map. */
char          *sitmap_event_layer_dup_tooltip_text (SitmapEventLayer *self, double x, double y);

G_END_DECLS
