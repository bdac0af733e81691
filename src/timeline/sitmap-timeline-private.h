/* sitmap-timeline-private.h: what the timeline's own files (and its tests) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-event-list.h"
#include "sitmap-playback.h"
#include "sitmap-time-axis.h"
#include "sitmap-time-histogram.h"
#include "sitmap-timeline-header.h"
#include "sitmap-timeline-layout.h"
#include "sitmap-timeline.h"

G_BEGIN_DECLS

/* The rest of the geometry, in pixels (the lanes' is the layout's). */
#define SITMAP_TIMELINE_TICK_MAJOR    6.0f
#define SITMAP_TIMELINE_TICK_MINOR    3.0f
#define SITMAP_TIMELINE_HEADER_PAD    3
#define SITMAP_TIMELINE_HEADER_PAD_X  6
#define SITMAP_TIMELINE_HANDLE_SLOP   6.0
/* Bars of the histogram are at least this wide. */
#define SITMAP_TIMELINE_BAR_MIN_WIDTH 2.0

typedef enum
{
  SITMAP_DRAG_NONE,
  SITMAP_DRAG_PENDING_CREATE, /* pressed; a click until the pointer moves past the threshold */
  SITMAP_DRAG_PENDING_MOVE,
  SITMAP_DRAG_CREATE,         /* from drag_anchor to the pointer: a new range, or a handle */
  SITMAP_DRAG_MOVE,           /* the whole range, by the pointer's offset */
  SITMAP_DRAG_PAN,            /* the window, on the axis or with the middle button */
} SitmapDragMode;

typedef enum
{
  SITMAP_HIT_NONE,
  SITMAP_HIT_MARK,
  SITMAP_HIT_BRUSH,
  SITMAP_HIT_HANDLE_START,
  SITMAP_HIT_HANDLE_END,
  SITMAP_HIT_AXIS,
} SitmapHit;

/* The header row's widgets, for the timeline's tests to press and read */
struct _SitmapTimelineHeader
{
  GtkWidget        parent_instance;

  SitmapViewState *view_state;
  SitmapPlayback  *playback;
  SitmapEventList *undated;
  GTimeZone       *zone; /* NULL: UTC */
  gboolean         dated;
  gboolean         has_brush;
  double           brush_x0; /* logical pixels */
  double           brush_x1;

  GtkWidget *playback_box;
  GtkWidget *play_button;
  GtkWidget *speed_button;
  GtkWidget *hint_label;
  GtkWidget *range_box;
  GtkWidget *range_button;
  GtkWidget *range_stack;       /* the range in full, or its dates alone where the row is short */
  GtkWidget *range_label;
  GtkWidget *range_short_label;
  GtkWidget *range_popover;
  GtkWidget *clear_button;
  GtkWidget *fit_button;
  GtkWidget *undated_button;
  GtkWidget *undated_view;
};

struct _SitmapTimeline
{
  GtkWidget        parent_instance;

  SitmapViewState *view_state;
  GSignalGroup    *view_state_signals;
  SitmapEventList *undated;
  SitmapPlayback  *playback;
  guint            tick_id;
  gint64           last_frame_time;
  /* Scrolling to an event the view state reveals: the window goes from reveal_from (and its length)
   * to reveal_to (and reveal_span); a change of the window by anything else (reveal_set is the start
   * it set last) stops it. */
  guint            reveal_tick_id;
  gint64           reveal_from;
  gint64           reveal_from_span;
  gint64           reveal_to;
  gint64           reveal_span;
  gint64           reveal_began;
  gint64           reveal_set;
  gboolean         local_time;
  GTimeZone       *zone; /* NULL: UTC */

  /* The header row: playback, the range, the undated events */
  SitmapTimelineHeader *header;

  SitmapTimeAxis *axis;
  PangoLayout    *pango; /* the one layout every label is drawn with */
  PangoAttrList  *tick_attrs;
  PangoAttrList  *context_attrs;
  int             tick_line_height;
  int             context_line_height;

  /* Geometry of the last allocation, and where the marks go: the layout holds the plot's */
  int                   width;
  int                   height;
  SitmapTimelineLayout *layout;

  /* The document's histogram, built on first use */
  SitmapDocument      *histogram_document;
  guint                histogram_serial; /* its events serial when the histogram was made */
  SitmapTimeHistogram *histogram;
  /* While a filter beyond categories is on, the histogram of the events that pass it, made on each
   * change of the passing set (in a thread for many events); until it is ready the last one, or the
   * document's, stands in. */
  gboolean             filtered;
  SitmapTimeHistogram *filtered_histogram;
  GCancellable        *filtered_building;
  GCancellable        *document_building; /* the document's histogram made again after an edit, in a thread */

  /* The histogram's bars for the window */
  gboolean       bins_valid;
  SitmapAxisStep bin_step;
  GArray        *bin_edges; /* gint64, one more than bins */
  GArray        *bins;      /* SitmapHistogramCounts */
  double         bins_max;  /* the tallest bar's events */

  /* Interaction */
  SitmapDragMode drag_mode;
  double         press_x; /* logical */
  double         press_y;
  gint64         drag_anchor;
  gint64         drag_range_start;
  gint64         drag_range_end;
  gint64         drag_window_start;
  gint64         drag_window_end;
  gint           hover_position; /* the mark under the pointer, or -1 */
  double         pointer_x;      /* widget coordinates */
  gboolean       pointer_inside;
};

/* sitmap-timeline.c */
void         _sitmap_timeline_set_window (SitmapTimeline *self, gint64 start, gint64 end);
gboolean     _sitmap_timeline_get_window (SitmapTimeline *self, gint64 *start, gint64 *end);
PangoLayout *_sitmap_timeline_get_layout (SitmapTimeline *self, SitmapAxisLabelKind kind);
/* Between widget and logical x: the same mirror both ways. */
double       _sitmap_timeline_flip_x (SitmapTimeline *self, double x);
gboolean     _sitmap_timeline_is_rtl (SitmapTimeline *self);
double       _sitmap_timeline_time_to_lx (SitmapTimeline *self, gint64 t);
gint64       _sitmap_timeline_lx_to_time (SitmapTimeline *self, double lx);
/* The histogram of the view state's document, or NULL: for the extent of the data. */
SitmapTimeHistogram *_sitmap_timeline_get_histogram (SitmapTimeline *self);
/* The histogram the timeline draws: of the events that pass the filter, when one beyond categories is on
 * (categories are left out when counting), else the document's. */
SitmapTimeHistogram *_sitmap_timeline_get_shown_histogram (SitmapTimeline *self);
/* From the earliest to the latest dated event the timeline shows (those that pass a filter beyond
 * categories, or else all); FALSE when none is dated. */
gboolean     _sitmap_timeline_get_shown_extent (SitmapTimeline *self, gint64 *start, gint64 *end);
/* Whether the histogram of a new filter is still being made. */
gboolean     _sitmap_timeline_is_histogram_pending (SitmapTimeline *self);
/* Any time zone (tests); the local-time property switches between UTC and the user's zone. */
void         _sitmap_timeline_set_time_zone (SitmapTimeline *self, GTimeZone *zone);
/* Keeps the range's leading edge (or all of it) in the window, after the timeline moved it. */
void         _sitmap_timeline_show_range (SitmapTimeline *self);
/* Frame time has passed while playing. */
void         _sitmap_timeline_playback_tick (SitmapTimeline *self, gint64 elapsed_us);

/* sitmap-timeline-draw.c */
void  _sitmap_timeline_invalidate_marks (SitmapTimeline *self);
/* The layout of the marks for the view state's window, laid out again when it is not valid. */
SitmapTimelineLayout *_sitmap_timeline_ensure_marks (SitmapTimeline *self);
void  _sitmap_timeline_ensure_bins (SitmapTimeline *self);
void  _sitmap_timeline_snapshot (GtkWidget *widget, GtkSnapshot *snapshot);
/* The bar of the histogram at logical lx, or -1. */
int   _sitmap_timeline_bin_at (SitmapTimeline *self, double lx, double y);
/* The brush's edges in logical pixels; FALSE without a range. */
gboolean _sitmap_timeline_get_brush (SitmapTimeline *self, double *x0, double *x1);

/* sitmap-timeline-input.c: what the gestures do, callable from tests with the same effect. Coordinates
 * are the widget's, as a pointer gives them. */
void      _sitmap_timeline_class_init_input (GtkWidgetClass *widget_class);
void      _sitmap_timeline_init_input (SitmapTimeline *self);
gboolean  _sitmap_timeline_query_tooltip (GtkWidget  *widget,
                                          int         x,
                                          int         y,
                                          gboolean    keyboard_mode,
                                          GtkTooltip *tooltip);
/* The tooltip of a mark: its title, then its category and when, with how exactly that is known. */
char     *_sitmap_timeline_describe_mark (SitmapTimeline *self, guint position);
/* The tooltip of a bar: its stretch of time, how many events, and of which categories. */
char     *_sitmap_timeline_describe_bin (SitmapTimeline *self, guint bin);
SitmapHit _sitmap_timeline_hit (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_press (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_press_button (SitmapTimeline *self, guint button, double x, double y);
void      _sitmap_timeline_drag_to (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_release (SitmapTimeline *self, double x, double y);
void      _sitmap_timeline_scroll (SitmapTimeline *self,
                                   double          x,
                                   double          dx,
                                   double          dy,
                                   GdkModifierType state,
                                   GdkScrollUnit   unit);
/* A pinch: scale relative to the window at its start, around x. */
void      _sitmap_timeline_pinch_begin (SitmapTimeline *self);
void      _sitmap_timeline_pinch (SitmapTimeline *self, double scale, double x);
/* What the keys do: move the range (or the window) by steps, resize it, jump to the data's ends. */
void      _sitmap_timeline_key_move (SitmapTimeline *self, int visual_direction, gboolean resize);
void      _sitmap_timeline_key_jump (SitmapTimeline *self, gboolean to_end);

G_END_DECLS
