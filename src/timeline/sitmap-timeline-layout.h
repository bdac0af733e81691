/* sitmap-timeline-layout.h: where the timeline's marks go, in lanes, without GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-time-histogram.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Vertical geometry, in pixels. */
#define SITMAP_TIMELINE_MARK_HEIGHT   9.0f
#define SITMAP_TIMELINE_LANE_PITCH    12.0f
#define SITMAP_TIMELINE_OVERFLOW_H    4.0f  /* the strip above the lanes that says "more here" */
#define SITMAP_TIMELINE_LANES_GAP     4.0f  /* between the lowest lane and the axis line */
/* A mark narrower than this would be lost: it is widened around its middle. */
#define SITMAP_TIMELINE_POINT_WIDTH   5.0f
/* Most lanes a layout packs marks in. */
#define SITMAP_TIMELINE_LANES_MAX     12

/* How a mark tells how exactly its time is known. */
typedef enum
{
  SITMAP_MARK_POINT,      /* known to the day or the second: a crisp mark */
  SITMAP_MARK_VAGUE,      /* known only to the month or the year: a faded span over all of it */
  SITMAP_MARK_SPAN,       /* from a begin to an end: a solid bar */
  SITMAP_MARK_OPEN_END,   /* no end: fades out towards the later side */
  SITMAP_MARK_OPEN_START, /* no begin: fades in from the earlier side */
} SitmapMarkStyle;

/* Marks are laid out in logical coordinates, where x grows with time; in a right-to-left locale the
 * widget shows them mirrored. */
typedef struct
{
  guint32 position;
  float   x0; /* the drawn extent, widened to SITMAP_TIMELINE_POINT_WIDTH */
  float   x1;
  guint8  lane;
  guint8  style;    /* SitmapMarkStyle */
  guint8  category; /* SitmapCategory */
} SitmapTimelineMark;

#define SITMAP_TYPE_TIMELINE_LAYOUT (sitmap_timeline_layout_get_type ())
G_DECLARE_FINAL_TYPE (SitmapTimelineLayout, sitmap_timeline_layout, SITMAP, TIMELINE_LAYOUT, GObject)

SitmapTimelineLayout *sitmap_timeline_layout_new (void);

/* The plot's size: its width, where the header row ends and where the axis line is. The lanes fill what
 * lies between. TRUE when anything changed (the marks are then laid out again). */
gboolean sitmap_timeline_layout_set_size   (SitmapTimelineLayout *self,
                                            int                   width,
                                            float                 header_height,
                                            float                 axis_y);
int      sitmap_timeline_layout_get_width  (SitmapTimelineLayout *self);
guint    sitmap_timeline_layout_get_n_lanes (SitmapTimelineLayout *self);
float    sitmap_timeline_layout_get_header_height (SitmapTimelineLayout *self);
float    sitmap_timeline_layout_get_axis_y (SitmapTimelineLayout *self);
float    sitmap_timeline_layout_lane_y     (SitmapTimelineLayout *self, guint lane);
/* The strip above the lanes where marks that found no room are counted. */
float    sitmap_timeline_layout_overflow_y (SitmapTimelineLayout *self);
/* The top of the area the histogram may fill: all the height when it stands in for the marks. */
float    sitmap_timeline_layout_plot_top   (SitmapTimelineLayout *self);

/* The time window across the width; TRUE when it changed. */
gboolean sitmap_timeline_layout_set_window (SitmapTimelineLayout *self, gint64 start, gint64 end);
/* Logical x of t in the window (open bounds clamped near it); 0 without a window. */
float    sitmap_timeline_layout_project    (SitmapTimelineLayout *self, gint64 t);

/* The marks are laid out again at the next sitmap_timeline_layout_update(). */
void     sitmap_timeline_layout_invalidate (SitmapTimelineLayout *self);
gboolean sitmap_timeline_layout_is_valid   (SitmapTimelineLayout *self);
/* Lays out the marks of the view state's events in the window, when they are not valid: only those that
 * pass the filter, only those with room; shown is the histogram the bars are drawn from, which tells a
 * window too crowded for marks (dense) without a look at its events. */
void     sitmap_timeline_layout_update     (SitmapTimelineLayout *self,
                                            SitmapViewState      *view_state,
                                            SitmapTimeHistogram  *shown);

const SitmapTimelineMark *sitmap_timeline_layout_get_marks (SitmapTimelineLayout *self, guint *n_marks);
/* More events than the lanes could hold: the histogram stands in, and only the selection is a mark. */
gboolean       sitmap_timeline_layout_get_dense      (SitmapTimelineLayout *self);
/* Events that found no lane, and how many per pixel column. */
guint          sitmap_timeline_layout_get_n_overflow (SitmapTimelineLayout *self);
const guint32 *sitmap_timeline_layout_get_overflow   (SitmapTimelineLayout *self, guint *n_columns);

/* The index of the mark at logical (lx, y), or -1: the last drawn wins. */
int      sitmap_timeline_layout_mark_at     (SitmapTimelineLayout *self, double lx, double y);
/* The index of the mark of the event at position (the selection's, drawn last, first), or -1. */
int      sitmap_timeline_layout_find_mark   (SitmapTimelineLayout *self, guint position);
/* How many events found no room around lx, when (lx, y) is on the overflow strip. */
guint    sitmap_timeline_layout_overflow_at (SitmapTimelineLayout *self, double lx, double y);

/* The lane packer, for any strip of marks (the export's too): marks offered in order of their left edge
 * each go into the lowest of n_lanes lanes whose last mark ends gap before them. */
void     sitmap_timeline_layout_begin_lanes (SitmapTimelineLayout *self, guint n_lanes, double gap);
/* The lane [x0, x1] goes in, or -1 when every lane is taken there. */
int      sitmap_timeline_layout_place_lane  (SitmapTimelineLayout *self, double x0, double x1);

G_END_DECLS
