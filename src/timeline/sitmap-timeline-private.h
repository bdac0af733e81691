/* sitmap-timeline-private.h: what the timeline's own files (and its tests) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-event-list.h"
#include "sitmap-lanes.h"
#include "sitmap-time-axis.h"
#include "sitmap-timeline.h"

G_BEGIN_DECLS

/* Vertical geometry, in pixels. */
#define SITMAP_TIMELINE_MARK_HEIGHT   9.0f
#define SITMAP_TIMELINE_LANE_PITCH    12.0f
#define SITMAP_TIMELINE_OVERFLOW_H    4.0f  /* the strip above the lanes that says "more here" */
#define SITMAP_TIMELINE_LANES_GAP     4.0f  /* between the lowest lane and the axis line */
#define SITMAP_TIMELINE_TICK_MAJOR    6.0f
#define SITMAP_TIMELINE_TICK_MINOR    3.0f
#define SITMAP_TIMELINE_HEADER_PAD    3
#define SITMAP_TIMELINE_HEADER_PAD_X  6
/* A mark narrower than this would be lost: it is widened around its middle. */
#define SITMAP_TIMELINE_POINT_WIDTH   5.0f
#define SITMAP_TIMELINE_HANDLE_SLOP   6.0

/* How a mark tells how exactly its time is known. */
typedef enum
{
  SITMAP_MARK_POINT,      /* known to the day or the second: a crisp mark */
  SITMAP_MARK_VAGUE,      /* known only to the month or the year: a faded span over all of it */
  SITMAP_MARK_SPAN,       /* from a begin to an end: a solid bar */
  SITMAP_MARK_OPEN_END,   /* no end: fades out towards the right */
  SITMAP_MARK_OPEN_START, /* no begin: fades in from the left */
} SitmapMarkStyle;

typedef struct
{
  guint32 position;
  float   x0; /* the drawn extent, widened to SITMAP_TIMELINE_POINT_WIDTH */
  float   x1;
  guint8  lane;
  guint8  style;    /* SitmapMarkStyle */
  guint8  category; /* SitmapCategory */
} SitmapTimelineMark;

typedef enum
{
  SITMAP_DRAG_NONE,
  SITMAP_DRAG_PENDING_CREATE, /* pressed; a click until the pointer moves past the threshold */
  SITMAP_DRAG_PENDING_MOVE,
  SITMAP_DRAG_CREATE,         /* from drag_anchor to the pointer: a new range, or a handle */
  SITMAP_DRAG_MOVE,           /* the whole range, by the pointer's offset */
} SitmapDragMode;

typedef enum
{
  SITMAP_HIT_NONE,
  SITMAP_HIT_MARK,
  SITMAP_HIT_BRUSH,
  SITMAP_HIT_HANDLE_START,
  SITMAP_HIT_HANDLE_END,
} SitmapHit;

struct _SitmapTimeline
{
  GtkWidget        parent_instance;

  SitmapViewState *view_state;
  GSignalGroup    *view_state_signals;
  SitmapEventList *undated;

  /* The header row: a hint, or the range and its clear button; the undated events at the end. */
  GtkWidget *hint_label;
  GtkWidget *range_box;
  GtkWidget *range_label;
  GtkWidget *clear_button;
  GtkWidget *undated_button;
  GtkWidget *undated_view;

  SitmapTimeAxis *axis;
  PangoLayout    *pango; /* the one layout every label is drawn with */
  PangoAttrList  *tick_attrs;
  PangoAttrList  *context_attrs;
  int             tick_line_height;
  int             context_line_height;

  /* Geometry of the last allocation */
  int   width;
  int   height;
  float header_height;
  float axis_y;
  guint n_lanes;

  /* The marks of the last layout: only the events in the window, only those with room */
  gboolean marks_valid;
  GArray  *query;    /* guint32 positions, reused */
  GArray  *marks;    /* SitmapTimelineMark, in drawing order */
  GArray  *overflow; /* guint32 per pixel column: events that found no lane there */

  /* Interaction */
  SitmapDragMode drag_mode;
  double         press_x;
  double         press_y;
  gint64         drag_anchor;
  gint64         drag_range_start;
  gint64         drag_range_end;
  gint           hover_position; /* the mark under the pointer, or -1 */
  double         pointer_x;
  gboolean       pointer_inside;
};

/* sitmap-timeline.c */
void         _sitmap_timeline_set_window (SitmapTimeline *self, gint64 start, gint64 end);
gboolean     _sitmap_timeline_get_window (SitmapTimeline *self, gint64 *start, gint64 *end);
PangoLayout *_sitmap_timeline_get_layout (SitmapTimeline *self, SitmapAxisLabelKind kind);

/* sitmap-timeline-draw.c */
void  _sitmap_timeline_invalidate_marks (SitmapTimeline *self);
void  _sitmap_timeline_ensure_marks (SitmapTimeline *self);
float _sitmap_timeline_lane_y (SitmapTimeline *self, guint lane);
void  _sitmap_timeline_snapshot (GtkWidget *widget, GtkSnapshot *snapshot);
/* The index in marks of the mark at (x, y), or -1. */
int   _sitmap_timeline_mark_at (SitmapTimeline *self, double x, double y);
/* How many events found no room around x, when (x, y) is on the overflow strip. */
guint _sitmap_timeline_overflow_at (SitmapTimeline *self, double x, double y);
/* The brush's edges in pixels; FALSE without a range. */
gboolean _sitmap_timeline_get_brush (SitmapTimeline *self, double *x0, double *x1);

/* sitmap-timeline-input.c: what the gestures do, callable from tests with the same effect */
void      _sitmap_timeline_class_init_input (GtkWidgetClass *widget_class);
void      _sitmap_timeline_init_input (SitmapTimeline *self);
gboolean  _sitmap_timeline_query_tooltip (GtkWidget  *widget,
                                          int         x,
                                          int         y,
                                          gboolean    keyboard_mode,
                                          GtkTooltip *tooltip);
/* The tooltip of a mark: its title, then its category and when, with how exactly that is known. */
char     *_sitmap_timeline_describe_mark (SitmapTimeline *self, guint position);
SitmapHit _sitmap_timeline_hit (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_press (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_drag_to (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_release (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_scroll (SitmapTimeline *self,
                                   double          x,
                                   double          dx,
                                   double          dy,
                                   GdkModifierType state,
                                   GdkScrollUnit   unit);

G_END_DECLS
