/* sitmap-timeline-input.c: dragging a range, clicking marks, panning, zooming, keys and tooltips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-timeline-private.h"

/* One notch of a mouse wheel pans a tenth of the width, or zooms by a quarter. */
#define WHEEL_PAN_FRACTION 0.1
#define WHEEL_ZOOM_FACTOR 1.25
/* A touchpad reports pixels: this many make one notch's worth of zoom. */
#define PIXELS_PER_ZOOM_NOTCH 20.0
#define KEY_PAN_FRACTION 0.1

/*
 * Auxiliary methods
 */

static gboolean
has_document (SitmapTimeline *self)
{
  return self->view_state != NULL && sitmap_view_state_get_document (self->view_state) != NULL;
}

/* Times a drag gives are rounded to a calendar unit people name ranges in: days, when a day is a few
 * pixels wide; months at a decade's view. */
static SitmapAxisStep
snap_step (SitmapTimeline *self)
{
  gint64 start, end;

  if (!_sitmap_timeline_get_window (self, &start, &end) || self->width <= 0)
    return (SitmapAxisStep) { SITMAP_AXIS_UNIT_DAY, 1 };
  return sitmap_axis_snap_step (self->width / (double) (end - start));
}

static gint64
clamp_time (gint64 t)
{
  return CLAMP (t, sitmap_time_axis_get_min_time (), sitmap_time_axis_get_max_time ());
}

static gint64
snap (SitmapTimeline *self, SitmapAxisStep step, gint64 t)
{
  return sitmap_axis_step_round (step, self->zone, clamp_time (t));
}

/* Sets [a, b] or [b, a] as the range, never empty: one snap step at least. */
static void
set_range_between (SitmapTimeline *self, gint64 a, gint64 b, SitmapAxisStep step)
{
  gint64 start = clamp_time (MIN (a, b));
  gint64 end = clamp_time (MAX (a, b));

  if (end <= start)
    end = sitmap_axis_step_next (step, self->zone, start);
  sitmap_view_state_set_range (self->view_state, start, end);
}

/* Later in time for positive pixels. */
static void
pan_pixels (SitmapTimeline *self, double pixels)
{
  gint64 start, end, shift;

  if (!_sitmap_timeline_get_window (self, &start, &end) || self->width <= 0)
    return;
  shift = (gint64) llround (pixels / self->width * (double) (end - start));
  _sitmap_timeline_set_window (self, start + shift, end + shift);
}

static void
update_cursor (SitmapTimeline *self, double x, double y)
{
  const char *name = NULL;

  if (self->drag_mode == SITMAP_DRAG_CREATE)
    name = "col-resize";
  else if (self->drag_mode == SITMAP_DRAG_MOVE || self->drag_mode == SITMAP_DRAG_PAN)
    name = "grabbing";
  else if (has_document (self) && y >= sitmap_timeline_layout_get_header_height (self->layout))
    switch (_sitmap_timeline_hit (self, x, y))
      {
      case SITMAP_HIT_HANDLE_START:
      case SITMAP_HIT_HANDLE_END: name = "col-resize"; break;
      case SITMAP_HIT_MARK: name = "pointer"; break;
      case SITMAP_HIT_BRUSH:
      case SITMAP_HIT_AXIS: name = "grab"; break;
      case SITMAP_HIT_NONE:
      default: name = "crosshair"; break;
      }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
set_hover (SitmapTimeline *self, gint position)
{
  if (self->hover_position == position)
    return;
  self->hover_position = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The event whose mark is at logical (lx, y), or -1. */
static gint
mark_position_at (SitmapTimeline *self, double lx, double y)
{
  SitmapTimelineLayout *layout = _sitmap_timeline_ensure_marks (self);
  int i = sitmap_timeline_layout_mark_at (layout, lx, y);
  const SitmapTimelineMark *marks;
  guint n;

  if (i < 0)
    return -1;
  marks = sitmap_timeline_layout_get_marks (layout, &n);
  g_assert ((guint) i < n);
  return (gint) marks[i].position;
}

static void
click (SitmapTimeline *self, double lx, double y)
{
  gint position = mark_position_at (self, lx, y);

  sitmap_view_state_select (self->view_state, position);
}

/* Where the data the timeline shows begins and ends: under a search or filter, its events'. */
static gboolean
get_extent (SitmapTimeline *self, gint64 *start, gint64 *end)
{
  return _sitmap_timeline_get_shown_extent (self, start, end);
}

/*
 * What the gestures do
 */

SitmapHit
_sitmap_timeline_hit (SitmapTimeline *self, double x, double y)
{
  double lx = _sitmap_timeline_flip_x (self, x);
  double x0, x1;
  gboolean brush = _sitmap_timeline_get_brush (self, &x0, &x1);

  if (y < sitmap_timeline_layout_get_header_height (self->layout))
    return SITMAP_HIT_NONE;
  if (brush && MIN (fabs (lx - x0), fabs (lx - x1)) <= SITMAP_TIMELINE_HANDLE_SLOP)
    /* With the handles on top of each other, the pointer's side picks one. */
    return fabs (lx - x0) < fabs (lx - x1) || (fabs (lx - x0) == fabs (lx - x1) && lx < x0) ? SITMAP_HIT_HANDLE_START
                                                                                          : SITMAP_HIT_HANDLE_END;
  if (mark_position_at (self, lx, y) >= 0)
    return SITMAP_HIT_MARK;
  if (y > sitmap_timeline_layout_get_axis_y (self->layout) + 1)
    return SITMAP_HIT_AXIS;
  if (brush && lx > x0 && lx < x1)
    return SITMAP_HIT_BRUSH;
  return SITMAP_HIT_NONE;
}

static void
begin_pan (SitmapTimeline *self, double lx, double y)
{
  self->press_x = lx;
  self->press_y = y;
  self->drag_mode = SITMAP_DRAG_PAN;
  _sitmap_timeline_get_window (self, &self->drag_window_start, &self->drag_window_end);
}

void
_sitmap_timeline_press_button (SitmapTimeline *self, guint button, double x, double y)
{
  double lx = _sitmap_timeline_flip_x (self, x);
  gint64 start = 0, end = 0;
  double x0, x1;
  gboolean brush;

  if (!has_document (self))
    return;
  if (button == GDK_BUTTON_MIDDLE)
    {
      begin_pan (self, lx, y);
      return;
    }
  self->press_x = lx;
  self->press_y = y;
  sitmap_view_state_get_range (self->view_state, &start, &end);
  brush = _sitmap_timeline_get_brush (self, &x0, &x1);
  switch (_sitmap_timeline_hit (self, x, y))
    {
    case SITMAP_HIT_HANDLE_START:
      /* Dragging a handle is making a range from the other edge, which stays where it is. */
      self->drag_mode = SITMAP_DRAG_PENDING_CREATE;
      self->drag_anchor = end;
      break;
    case SITMAP_HIT_HANDLE_END:
      self->drag_mode = SITMAP_DRAG_PENDING_CREATE;
      self->drag_anchor = start;
      break;
    case SITMAP_HIT_AXIS:
      /* The axis is a ruler to grab: the window moves, not the range. */
      begin_pan (self, lx, y);
      break;
    case SITMAP_HIT_MARK:
    case SITMAP_HIT_BRUSH:
    case SITMAP_HIT_NONE:
    default:
      if (brush && lx > x0 && lx < x1)
        {
          self->drag_mode = SITMAP_DRAG_PENDING_MOVE;
          self->drag_range_start = start;
          self->drag_range_end = end;
        }
      else
        {
          self->drag_mode = SITMAP_DRAG_PENDING_CREATE;
          self->drag_anchor = snap (self, snap_step (self), _sitmap_timeline_lx_to_time (self, lx));
        }
      break;
    }
}

void
_sitmap_timeline_press (SitmapTimeline *self, double x, double y)
{
  _sitmap_timeline_press_button (self, GDK_BUTTON_PRIMARY, x, y);
}

/* The window moves with the pointer: the time grabbed stays under it. */
static void
drag_pan (SitmapTimeline *self, double lx)
{
  gint64 span = self->drag_window_end - self->drag_window_start;
  gint64 shift = (gint64) llround ((self->press_x - lx) / MAX (self->width, 1) * (double) span);

  _sitmap_timeline_set_window (self, self->drag_window_start + shift, self->drag_window_end + shift);
}

void
_sitmap_timeline_drag_to (SitmapTimeline *self, double x, double y)
{
  SitmapAxisStep step = snap_step (self);
  double lx = _sitmap_timeline_flip_x (self, x);

  if (self->drag_mode == SITMAP_DRAG_NONE || !has_document (self))
    return;
  if (self->drag_mode == SITMAP_DRAG_PAN)
    {
      drag_pan (self, lx);
      update_cursor (self, x, y);
      return;
    }
  if (self->drag_mode == SITMAP_DRAG_PENDING_CREATE || self->drag_mode == SITMAP_DRAG_PENDING_MOVE)
    {
      /* Only a sideways move makes a drag: the pointer may wander up and down on a click. */
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), (int) self->press_x, 0, (int) lx, 0))
        return;
      self->drag_mode = self->drag_mode == SITMAP_DRAG_PENDING_MOVE ? SITMAP_DRAG_MOVE : SITMAP_DRAG_CREATE;
    }

  if (self->drag_mode == SITMAP_DRAG_MOVE)
    {
      gint64 shift = _sitmap_timeline_lx_to_time (self, lx) - _sitmap_timeline_lx_to_time (self, self->press_x);

      set_range_between (self, snap (self, step, self->drag_range_start + shift),
                         snap (self, step, self->drag_range_end + shift), step);
    }
  else
    set_range_between (self, self->drag_anchor, snap (self, step, _sitmap_timeline_lx_to_time (self, lx)), step);
  update_cursor (self, x, y);
}

void
_sitmap_timeline_release (SitmapTimeline *self, double x, double y)
{
  SitmapDragMode mode = self->drag_mode;

  self->drag_mode = SITMAP_DRAG_NONE;
  if (!has_document (self))
    return;
  if (mode == SITMAP_DRAG_PENDING_CREATE || mode == SITMAP_DRAG_PENDING_MOVE)
    click (self, self->press_x, self->press_y);
  update_cursor (self, x, y);
}

void
_sitmap_timeline_scroll (SitmapTimeline *self, double x, double dx, double dy, GdkModifierType state,
                         GdkScrollUnit unit)
{
  /* Sideways scrolling follows the fingers: in a right-to-left locale, right is earlier. */
  double later = (_sitmap_timeline_is_rtl (self) ? -dx : dx) + dy;

  if (state & GDK_CONTROL_MASK)
    {
      double notches = unit == GDK_SCROLL_UNIT_WHEEL ? dy : dy / PIXELS_PER_ZOOM_NOTCH;

      /* Away from the user zooms in, as in maps. */
      sitmap_timeline_zoom (self, pow (WHEEL_ZOOM_FACTOR, notches), x);
      return;
    }
  /* Either wheel pans: a timeline has no vertical to scroll. */
  if (unit == GDK_SCROLL_UNIT_WHEEL)
    pan_pixels (self, later * self->width * WHEEL_PAN_FRACTION);
  else
    pan_pixels (self, later);
}

void
_sitmap_timeline_pinch_begin (SitmapTimeline *self)
{
  _sitmap_timeline_get_window (self, &self->drag_window_start, &self->drag_window_end);
}

/* Fingers apart (scale above 1) zoom in, around the point between them. */
void
_sitmap_timeline_pinch (SitmapTimeline *self, double scale, double x)
{
  gint64 start, end, anchor;
  double lx = _sitmap_timeline_flip_x (self, x), span;

  if (scale <= 0 || self->width <= 0 || self->drag_window_end <= self->drag_window_start ||
      !_sitmap_timeline_get_window (self, &start, &end))
    return;
  anchor = _sitmap_timeline_lx_to_time (self, lx);
  span = (double) (self->drag_window_end - self->drag_window_start) / scale;
  start = anchor - (gint64) llround (lx / self->width * span);
  _sitmap_timeline_set_window (self, start, start + (gint64) llround (span));
}

/* With a range, the arrows move it (or, with Shift, its end) by the unit a drag snaps to; without one,
 * they pan. Left is earlier in a left-to-right locale and later in a right-to-left one. */
void
_sitmap_timeline_key_move (SitmapTimeline *self, int visual_direction, gboolean resize)
{
  int later = _sitmap_timeline_is_rtl (self) ? -visual_direction : visual_direction;
  SitmapAxisStep step = snap_step (self);
  gint64 start, end;

  if (!has_document (self))
    return;
  if (!sitmap_view_state_get_range (self->view_state, &start, &end))
    {
      pan_pixels (self, later * self->width * KEY_PAN_FRACTION);
      return;
    }
  start = snap (self, step, start);
  end = MAX (snap (self, step, end), sitmap_axis_step_next (step, self->zone, start));
  if (resize)
    end = MAX (sitmap_axis_step_add (step, self->zone, end, later), sitmap_axis_step_next (step, self->zone, start));
  else
    {
      start = sitmap_axis_step_add (step, self->zone, start, later);
      end = sitmap_axis_step_add (step, self->zone, end, later);
    }
  sitmap_view_state_set_range (self->view_state, clamp_time (start), clamp_time (end));
  _sitmap_timeline_show_range (self);
}

/* Home and End: the range (or the window, without one) to the start or the end of the data, its length
 * kept. */
void
_sitmap_timeline_key_jump (SitmapTimeline *self, gboolean to_end)
{
  gint64 data_start, data_end, start, end, span;

  if (!has_document (self) || !get_extent (self, &data_start, &data_end))
    return;
  if (sitmap_view_state_get_range (self->view_state, &start, &end))
    {
      SitmapAxisStep step = snap_step (self);

      span = end - start;
      if (to_end)
        {
          end = sitmap_axis_step_floor (step, self->zone, data_end);
          end = end < data_end ? sitmap_axis_step_next (step, self->zone, end) : end;
          start = end - span;
        }
      else
        {
          start = sitmap_axis_step_floor (step, self->zone, data_start);
          end = start + span;
        }
      sitmap_view_state_set_range (self->view_state, start, end);
      _sitmap_timeline_show_range (self);
      return;
    }
  if (!_sitmap_timeline_get_window (self, &start, &end))
    return;
  span = end - start;
  if (to_end)
    _sitmap_timeline_set_window (self, data_end + span / 20 - span, data_end + span / 20);
  else
    _sitmap_timeline_set_window (self, data_start - span / 20, data_start - span / 20 + span);
}

/*
 * Callbacks
 */

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, SitmapTimeline *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (!has_document (self) || y < sitmap_timeline_layout_get_header_height (self->layout) ||
      (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_MIDDLE))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _sitmap_timeline_press_button (self, button, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture, double offset_x, double offset_y, SitmapTimeline *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _sitmap_timeline_drag_to (self, x + offset_x, y + offset_y);
  if (self->drag_mode == SITMAP_DRAG_CREATE || self->drag_mode == SITMAP_DRAG_MOVE ||
      self->drag_mode == SITMAP_DRAG_PAN)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double offset_x, double offset_y, SitmapTimeline *self)
{
  double x, y;

  if (self->drag_mode == SITMAP_DRAG_NONE)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _sitmap_timeline_release (self, x + offset_x, y + offset_y);
}

static void
drag_cancel_cb (GtkGesture *gesture, GdkEventSequence *sequence, SitmapTimeline *self)
{
  self->drag_mode = SITMAP_DRAG_NONE;
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, SitmapTimeline *self)
{
  /* The first click has selected (or cleared); the second zooms in on the spot. */
  if (n_press == 2 && has_document (self) && y >= sitmap_timeline_layout_get_header_height (self->layout))
    sitmap_timeline_zoom (self, 0.5, x);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, SitmapTimeline *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = self->pointer_inside ? self->pointer_x : self->width / 2.0;

  if (!has_document (self))
    return GDK_EVENT_PROPAGATE;
  _sitmap_timeline_scroll (self, x, dx, dy, state, gtk_event_controller_scroll_get_unit (controller));
  return GDK_EVENT_STOP;
}

static void
zoom_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, SitmapTimeline *self)
{
  _sitmap_timeline_pinch_begin (self);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture, double scale, SitmapTimeline *self)
{
  double x, y;

  if (!has_document (self) || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  _sitmap_timeline_pinch (self, scale, x);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, SitmapTimeline *self)
{
  int i;

  self->pointer_x = x;
  self->pointer_inside = TRUE;
  if (self->drag_mode != SITMAP_DRAG_NONE)
    return;
  i = has_document (self) && y >= sitmap_timeline_layout_get_header_height (self->layout)
        ? mark_position_at (self, _sitmap_timeline_flip_x (self, x), y)
        : -1;
  set_hover (self, i);
  update_cursor (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller, SitmapTimeline *self)
{
  self->pointer_inside = FALSE;
  set_hover (self, -1);
}

static gboolean
arrow_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  int direction;
  gboolean resize;

  if (!has_document (self))
    return FALSE;
  g_variant_get (args, "(ib)", &direction, &resize);
  _sitmap_timeline_key_move (self, direction, resize);
  return TRUE;
}

static gboolean
jump_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (!has_document (self))
    return FALSE;
  _sitmap_timeline_key_jump (self, g_variant_get_boolean (args));
  return TRUE;
}

static gboolean
zoom_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (!has_document (self))
    return FALSE;
  sitmap_timeline_zoom (self, g_variant_get_int32 (args) < 0 ? 0.5 : 2.0, self->width / 2.0);
  return TRUE;
}

/* Only when there is a range to clear: otherwise Escape goes on to the window. */
static gboolean
escape_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (self->view_state == NULL || !sitmap_view_state_get_range (self->view_state, NULL, NULL))
    return FALSE;
  sitmap_view_state_clear_range (self->view_state);
  return TRUE;
}

/*
 * Tooltip
 */

char *
_sitmap_timeline_describe_mark (SitmapTimeline *self, guint position)
{
  SitmapEventStore *store = sitmap_document_get_store (sitmap_view_state_get_document (self->view_state));
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (store);
  const char *title = sitmap_event_store_get_title (store, position);
  const char *category = sitmap_category_get_label (columns->category[position]);
  g_autofree char *when = NULL;
  SitmapTime time;

  sitmap_event_store_get_time (store, position, &time);
  when = sitmap_time_describe (&time);
  if (title == NULL || *title == '\0')
    title = _("Untitled event");
  if (time.precision == SITMAP_TIME_PRECISION_MONTH || time.precision == SITMAP_TIME_PRECISION_YEAR)
    /* TRANSLATORS: a tooltip: the title, then "Battle, in March 2019 (known only to the month)" */
    return g_strdup_printf (C_("timeline tooltip", "%s\n%s, %s (%s)"), title, category, when,
                            sitmap_time_precision_to_string (time.precision));
  /* TRANSLATORS: a tooltip: the title, then "Battle, on 10 December 2024" */
  return g_strdup_printf (C_("timeline tooltip", "%s\n%s, %s"), title, category, when);
}

static int
compare_counts (gconstpointer a, gconstpointer b, gpointer data)
{
  const double *totals = data;
  double x = totals[*(const guint *) a], y = totals[*(const guint *) b];

  return x < y ? 1 : x > y ? -1 : 0;
}

/* "Dec 2024: 3,412 events", then the categories from the most events to the fewest. */
char *
_sitmap_timeline_describe_bin (SitmapTimeline *self, guint bin)
{
  const SitmapHistogramCounts *counts = &g_array_index (self->bins, SitmapHistogramCounts, bin);
  guint hidden = sitmap_view_state_get_hidden_categories (self->view_state);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *when = NULL;
  double totals[SITMAP_N_CATEGORIES] = { 0 }, total = 0, vague = 0;
  guint order[SITMAP_N_CATEGORIES];

  when = sitmap_axis_format_range (self->zone, g_array_index (self->bin_edges, gint64, bin),
                                   g_array_index (self->bin_edges, gint64, bin + 1));
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    {
      order[c] = c;
      if (hidden & (1u << c))
        continue;
      totals[c] = counts->counts[SITMAP_HISTOGRAM_SURE][c] + counts->counts[SITMAP_HISTOGRAM_VAGUE][c];
      vague += counts->counts[SITMAP_HISTOGRAM_VAGUE][c];
      total += totals[c];
    }
  g_qsort_with_data (order, SITMAP_N_CATEGORIES, sizeof (guint), compare_counts, totals);
  /* TRANSLATORS: a tooltip on a bar of the timeline's histogram, "Dec 2024: 3412 events" */
  g_string_append_printf (text, ngettext ("%s: %.0f event", "%s: %.0f events", (gulong) round (total)), when,
                          round (total));
  for (guint i = 0; i < SITMAP_N_CATEGORIES && totals[order[i]] >= 0.5; i++)
    /* TRANSLATORS: a line of the histogram's tooltip, "Battle: 1203" */
    g_string_append_printf (text, C_("timeline tooltip", "\n%s: %.0f"), sitmap_category_get_label (order[i]),
                            round (totals[order[i]]));
  if (vague >= 0.5)
    /* TRANSLATORS: at the end of a histogram bar's tooltip: events with vague dates are spread over their period */
    g_string_append_printf (text, _("\nOf which %.0f known only to the month or year, spread over it"), round (vague));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Plain text only: titles come from documents. */
gboolean
_sitmap_timeline_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard_mode, GtkTooltip *tooltip)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  double lx = _sitmap_timeline_flip_x (self, x);
  g_autofree char *text = NULL;
  guint n_more;
  int i;

  if (keyboard_mode || !has_document (self) || y < sitmap_timeline_layout_get_header_height (self->layout))
    return FALSE;
  i = mark_position_at (self, lx, y);
  if (i >= 0)
    {
      graphene_rect_t bounds;

      sitmap_timeline_get_mark_bounds (self, (guint) i, &bounds);
      text = _sitmap_timeline_describe_mark (self, (guint) i);
      gtk_tooltip_set_text (tooltip, text);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) floorf (bounds.origin.x), (int) bounds.origin.y,
                                                           (int) ceilf (bounds.size.width),
                                                           (int) bounds.size.height });
      return TRUE;
    }
  n_more = sitmap_timeline_layout_overflow_at (_sitmap_timeline_ensure_marks (self), lx, y);
  if (n_more > 0)
    {
      /* TRANSLATORS: a tooltip on the strip above the timeline's lanes where marks found no room */
      text = g_strdup_printf (ngettext ("%u more event here: zoom in to see it",
                                        "%u more events here: zoom in to see them", n_more), n_more);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  /* Among a crowd, the bars speak for the events */
  if (sitmap_timeline_layout_get_dense (self->layout) && (i = _sitmap_timeline_bin_at (self, lx, y)) >= 0)
    {
      text = _sitmap_timeline_describe_bin (self, (guint) i);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  return FALSE;
}

/*
 * Setup
 */

static void
add_arrow_bindings (GtkWidgetClass *widget_class, guint key, guint keypad_key, int direction)
{
  gtk_widget_class_add_binding (widget_class, key, 0, arrow_key_cb, "(ib)", direction, FALSE);
  gtk_widget_class_add_binding (widget_class, keypad_key, 0, arrow_key_cb, "(ib)", direction, FALSE);
  gtk_widget_class_add_binding (widget_class, key, GDK_SHIFT_MASK, arrow_key_cb, "(ib)", direction, TRUE);
  gtk_widget_class_add_binding (widget_class, keypad_key, GDK_SHIFT_MASK, arrow_key_cb, "(ib)", direction, TRUE);
}

void
_sitmap_timeline_class_init_input (GtkWidgetClass *widget_class)
{
  add_arrow_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1);
  add_arrow_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, zoom_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, zoom_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, zoom_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, zoom_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, zoom_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, jump_key_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Home, 0, jump_key_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, jump_key_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_End, 0, jump_key_cb, "b", TRUE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-to-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "timeline.zoom-to-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "timeline.play-pause", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

void
_sitmap_timeline_init_input (SitmapTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  /* The gestures see the header's buttons' presses before them, in the capture phase, and deny them
   * there. In the bubble phase they would see the press but not the release, which a button claims and
   * keeps: the drag would hold on to the pointer's sequence, denied, and take no drag again until a
   * release reached it. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (zoom), GTK_PHASE_CAPTURE);

  /* The primary button makes ranges and clicks; the middle one pans. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);
}
