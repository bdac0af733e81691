/* sitmap-timeline-input.c: dragging a range, clicking marks, scrolling, zooming, keys and tooltips
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

/* Sets [a, b] or [b, a] as the range, never empty: one snap step at least. */
static void
set_range_between (SitmapTimeline *self, gint64 a, gint64 b, SitmapAxisStep step)
{
  gint64 start = clamp_time (MIN (a, b));
  gint64 end = clamp_time (MAX (a, b));

  if (end <= start)
    end = sitmap_axis_step_next (step, sitmap_axis_step_floor (step, start));
  sitmap_view_state_set_range (self->view_state, start, end);
}

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
  else if (self->drag_mode == SITMAP_DRAG_MOVE)
    name = "grabbing";
  else if (has_document (self) && y >= self->header_height)
    switch (_sitmap_timeline_hit (self, x, y))
      {
      case SITMAP_HIT_HANDLE_START:
      case SITMAP_HIT_HANDLE_END: name = "col-resize"; break;
      case SITMAP_HIT_MARK: name = "pointer"; break;
      case SITMAP_HIT_BRUSH: name = "grab"; break;
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

static void
click (SitmapTimeline *self, double x, double y)
{
  int i = _sitmap_timeline_mark_at (self, x, y);

  if (i >= 0)
    sitmap_view_state_set_selected (self->view_state,
                                    (gint) g_array_index (self->marks, SitmapTimelineMark, i).position);
  else
    sitmap_view_state_set_selected (self->view_state, -1);
}

/*
 * What the gestures do
 */

SitmapHit
_sitmap_timeline_hit (SitmapTimeline *self, double x, double y)
{
  double x0, x1;
  gboolean brush = _sitmap_timeline_get_brush (self, &x0, &x1);

  if (y < self->header_height)
    return SITMAP_HIT_NONE;
  if (brush && MIN (fabs (x - x0), fabs (x - x1)) <= SITMAP_TIMELINE_HANDLE_SLOP)
    /* With the handles on top of each other, the pointer's side picks one. */
    return fabs (x - x0) < fabs (x - x1) || (fabs (x - x0) == fabs (x - x1) && x < x0) ? SITMAP_HIT_HANDLE_START
                                                                                      : SITMAP_HIT_HANDLE_END;
  if (_sitmap_timeline_mark_at (self, x, y) >= 0)
    return SITMAP_HIT_MARK;
  if (brush && x > x0 && x < x1)
    return SITMAP_HIT_BRUSH;
  return SITMAP_HIT_NONE;
}

void
_sitmap_timeline_press (SitmapTimeline *self, double x, double y)
{
  gint64 start = 0, end = 0;
  double x0, x1;
  gboolean brush;

  if (!has_document (self))
    return;
  self->press_x = x;
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
    case SITMAP_HIT_MARK:
    case SITMAP_HIT_BRUSH:
    case SITMAP_HIT_NONE:
    default:
      if (brush && x > x0 && x < x1)
        {
          self->drag_mode = SITMAP_DRAG_PENDING_MOVE;
          self->drag_range_start = start;
          self->drag_range_end = end;
        }
      else
        {
          self->drag_mode = SITMAP_DRAG_PENDING_CREATE;
          self->drag_anchor = sitmap_axis_step_round (snap_step (self), sitmap_timeline_x_to_time (self, x));
        }
      break;
    }
}

void
_sitmap_timeline_drag_to (SitmapTimeline *self, double x, double y)
{
  SitmapAxisStep step = snap_step (self);

  if (self->drag_mode == SITMAP_DRAG_NONE || !has_document (self))
    return;
  if (self->drag_mode == SITMAP_DRAG_PENDING_CREATE || self->drag_mode == SITMAP_DRAG_PENDING_MOVE)
    {
      /* Only a sideways move makes a drag: the pointer may wander up and down on a click. */
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), (int) self->press_x, 0, (int) x, 0))
        return;
      self->drag_mode = self->drag_mode == SITMAP_DRAG_PENDING_MOVE ? SITMAP_DRAG_MOVE : SITMAP_DRAG_CREATE;
    }

  if (self->drag_mode == SITMAP_DRAG_MOVE)
    {
      gint64 shift = sitmap_timeline_x_to_time (self, x) - sitmap_timeline_x_to_time (self, self->press_x);

      set_range_between (self, sitmap_axis_step_round (step, clamp_time (self->drag_range_start + shift)),
                         sitmap_axis_step_round (step, clamp_time (self->drag_range_end + shift)), step);
    }
  else
    set_range_between (self, self->drag_anchor,
                       sitmap_axis_step_round (step, sitmap_timeline_x_to_time (self, x)), step);
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
  if (state & GDK_CONTROL_MASK)
    {
      double notches = unit == GDK_SCROLL_UNIT_WHEEL ? dy : dy / PIXELS_PER_ZOOM_NOTCH;

      /* Away from the user zooms in, as in maps. */
      sitmap_timeline_zoom (self, pow (WHEEL_ZOOM_FACTOR, notches), x);
      return;
    }
  /* Either wheel pans: a timeline has no vertical to scroll. */
  if (unit == GDK_SCROLL_UNIT_WHEEL)
    pan_pixels (self, (dx + dy) * self->width * WHEEL_PAN_FRACTION);
  else
    pan_pixels (self, dx + dy);
}

/*
 * Callbacks
 */

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, SitmapTimeline *self)
{
  if (!has_document (self) || y < self->header_height)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _sitmap_timeline_press (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture, double offset_x, double offset_y, SitmapTimeline *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _sitmap_timeline_drag_to (self, x + offset_x, y + offset_y);
  if (self->drag_mode == SITMAP_DRAG_CREATE || self->drag_mode == SITMAP_DRAG_MOVE)
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
  if (n_press == 2 && has_document (self) && y >= self->header_height)
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
motion_cb (GtkEventControllerMotion *controller, double x, double y, SitmapTimeline *self)
{
  int i;

  self->pointer_x = x;
  self->pointer_inside = TRUE;
  if (self->drag_mode != SITMAP_DRAG_NONE)
    return;
  i = has_document (self) && y >= self->header_height ? _sitmap_timeline_mark_at (self, x, y) : -1;
  set_hover (self, i >= 0 ? (gint) g_array_index (self->marks, SitmapTimelineMark, i).position : -1);
  update_cursor (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller, SitmapTimeline *self)
{
  self->pointer_inside = FALSE;
  set_hover (self, -1);
}

static gboolean
pan_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (!has_document (self))
    return FALSE;
  pan_pixels (self, g_variant_get_int32 (args) * self->width * KEY_PAN_FRACTION);
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

static gboolean
fit_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (!has_document (self))
    return FALSE;
  sitmap_timeline_zoom_to_fit (self);
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

/* Plain text only: titles come from documents. */
gboolean
_sitmap_timeline_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard_mode, GtkTooltip *tooltip)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  g_autofree char *text = NULL;
  guint n_more;
  int i;

  if (keyboard_mode || !has_document (self) || y < self->header_height)
    return FALSE;
  i = _sitmap_timeline_mark_at (self, x, y);
  if (i >= 0)
    {
      const SitmapTimelineMark *mark = &g_array_index (self->marks, SitmapTimelineMark, i);
      GdkRectangle area = { (int) floorf (mark->x0), (int) _sitmap_timeline_lane_y (self, mark->lane),
                            (int) ceilf (mark->x1 - mark->x0), (int) SITMAP_TIMELINE_MARK_HEIGHT };

      text = _sitmap_timeline_describe_mark (self, mark->position);
      gtk_tooltip_set_text (tooltip, text);
      gtk_tooltip_set_tip_area (tooltip, &area);
      return TRUE;
    }
  n_more = _sitmap_timeline_overflow_at (self, x, y);
  if (n_more > 0)
    {
      /* TRANSLATORS: a tooltip on the strip above the timeline's lanes where marks found no room */
      text = g_strdup_printf (ngettext ("%u more event here: zoom in to see it", "%u more events here: zoom in to see them",
                                        n_more), n_more);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  return FALSE;
}

/*
 * Setup
 */

void
_sitmap_timeline_class_init_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, pan_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, pan_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, pan_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, pan_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, zoom_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, zoom_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, zoom_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, zoom_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, zoom_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, fit_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, 0, fit_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

void
_sitmap_timeline_init_input (SitmapTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);
}
