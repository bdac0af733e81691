/* sitmap-timeline-header.h: the timeline's header row: playback, the range and its popover, the undated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-event-list.h"
#include "sitmap-playback.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Its buttons are the timeline's actions (timeline.play-pause, timeline.clear-range, …) and its speed menu
 * the playback's (playback.speed, …): it must sit inside a SitmapTimeline. */
#define SITMAP_TYPE_TIMELINE_HEADER (sitmap_timeline_header_get_type ())
G_DECLARE_FINAL_TYPE (SitmapTimelineHeader, sitmap_timeline_header, SITMAP, TIMELINE_HEADER, GtkWidget)

GtkWidget *sitmap_timeline_header_new (void);
/* What the row shows: the view state's range and counts, the playback's state, the undated events. */
void       sitmap_timeline_header_set_sources   (SitmapTimelineHeader *self,
                                                 SitmapViewState      *view_state,
                                                 SitmapPlayback       *playback,
                                                 SitmapEventList      *undated);
/* Dates are shown in zone (NULL for UTC). */
void       sitmap_timeline_header_set_time_zone (SitmapTimelineHeader *self, GTimeZone *zone);
/* Where the data lies, for the range popover; whether any event is dated. */
void       sitmap_timeline_header_set_extent    (SitmapTimelineHeader *self,
                                                 gboolean              dated,
                                                 gboolean              has_extent,
                                                 gint64                start,
                                                 gint64                end);
/* Where the brush is, in logical pixels: the range sits over its middle. */
void       sitmap_timeline_header_set_brush     (SitmapTimelineHeader *self,
                                                 gboolean              has_brush,
                                                 double                x0,
                                                 double                x1);
/* The range and its counts changed; the playback's state; the undated events. */
void       sitmap_timeline_header_update        (SitmapTimelineHeader *self);
void       sitmap_timeline_header_update_playback (SitmapTimelineHeader *self);
void       sitmap_timeline_header_update_undated (SitmapTimelineHeader *self);
/* "7 – 10 Dec 2024 · 4 of 9 events overlapping", or "All dates · 9 events". */
char      *sitmap_timeline_header_describe_range (SitmapTimelineHeader *self);

G_END_DECLS
