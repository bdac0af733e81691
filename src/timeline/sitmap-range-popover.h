/* sitmap-range-popover.h: the time range typed exactly, its presets and its rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Opened from the timeline's range label. Its presets and its local-time switch are the timeline's
 * actions (timeline.range-preset, timeline.local-time), so it must sit inside a SitmapTimeline. */
#define SITMAP_TYPE_RANGE_POPOVER (sitmap_range_popover_get_type ())
G_DECLARE_FINAL_TYPE (SitmapRangePopover, sitmap_range_popover, SITMAP, RANGE_POPOVER, GtkPopover)

GtkWidget *sitmap_range_popover_new (void);
void       sitmap_range_popover_set_view_state (SitmapRangePopover *self, SitmapViewState *view_state);
/* Dates are typed and shown in zone (NULL for UTC). */
void       sitmap_range_popover_set_time_zone (SitmapRangePopover *self, GTimeZone *zone);
/* Where the data lies: the dates offered when there is no range. */
void       sitmap_range_popover_set_extent (SitmapRangePopover *self, gboolean has_extent, gint64 start, gint64 end);
/* Sets the range from the two entries, as the Set button does; FALSE (and the wrong entry marked) when
 * they do not name a range. */
gboolean   sitmap_range_popover_apply (SitmapRangePopover *self);

G_END_DECLS
