/* sitmap-timeline.h: the time axis under the map: a mark per event, a histogram where they are too many,
 * a range to filter by, and playback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-playback.h"
#include "sitmap-time-axis.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_TIMELINE (sitmap_timeline_get_type ())
G_DECLARE_FINAL_TYPE (SitmapTimeline, sitmap_timeline, SITMAP, TIMELINE, GtkWidget)

GtkWidget       *sitmap_timeline_new (void);
SitmapViewState *sitmap_timeline_get_view_state (SitmapTimeline *self);
void             sitmap_timeline_set_view_state (SitmapTimeline *self, SitmapViewState *view_state);
/* Between time and the x coordinate of the widget, for the view state's current window. In a
 * right-to-left locale time runs from right to left. */
double           sitmap_timeline_time_to_x (SitmapTimeline *self, gint64 t);
gint64           sitmap_timeline_x_to_time (SitmapTimeline *self, double x);

/* Where the event at position was drawn in the last layout (widget coordinates); FALSE when it has no
 * mark: undated, outside the window, of a hidden category, with no room left in its lanes, or among so
 * many that the histogram stands in for them. */
gboolean         sitmap_timeline_get_mark_bounds (SitmapTimeline  *self,
                                                  guint            position,
                                                  graphene_rect_t *bounds);
/* Whether the last layout drew the histogram in place of the marks. */
gboolean         sitmap_timeline_get_dense (SitmapTimeline *self);
/* The axis ticks of the last layout, in time order; valid until the window or the width changes. x is
 * logical: mirror it with the width in a right-to-left locale. */
const SitmapAxisTick *sitmap_timeline_get_ticks (SitmapTimeline *self, guint *n_ticks);
/* How many undated events the button at the end of the timeline counts. */
guint            sitmap_timeline_get_n_undated (SitmapTimeline *self);

/* Scales the window by factor (below 1 zooms in), keeping the time at x where it is. */
void             sitmap_timeline_zoom (SitmapTimeline *self, double factor, double x);
/* Shows the whole time of the dated events shown: under a search or filter, those that pass it. */
void             sitmap_timeline_zoom_to_fit (SitmapTimeline *self);

/* Axis labels and calendar steps in the user's time zone rather than UTC; the model stays UTC. */
gboolean         sitmap_timeline_get_local_time (SitmapTimeline *self);
void             sitmap_timeline_set_local_time (SitmapTimeline *self, gboolean local_time);
/* The timeline's playback of the range. */
SitmapPlayback  *sitmap_timeline_get_playback (SitmapTimeline *self);

G_END_DECLS
