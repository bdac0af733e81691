/* sitmap-playback.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-playback"

#include "config.h"

#include <math.h>

#include "sitmap-playback.h"
#include "sitmap-time-axis.h"

#define DAY_SECONDS 86400
#define MAX_SPEED 16
/* A frame later than this (the window was hidden, the machine slept) does not make playback race. */
#define MAX_ELAPSED_US G_USEC_PER_SEC

struct _SitmapPlayback
{
  GObject            parent_instance;

  SitmapViewState   *view_state;
  GSignalGroup      *view_state_signals;
  GTimeZone         *zone;
  gboolean           has_extent;
  gint64             extent_start;
  gint64             extent_end;

  gboolean           playing;
  gboolean           active;
  gboolean           moving;  /* the range is changing because of us */
  guint              speed;
  SitmapPlaybackStep step;
  SitmapPlaybackMode mode;
  gint64             n_steps; /* the window's length, in steps */
  gint64             due_us;  /* time gathered toward the next step */
  gboolean           has_origin;
  gint64             origin;  /* the playhead where this run began: Play at the end goes back there */
};

typedef struct
{
  gint64 start;
  gint64 end;
} Span;

G_DEFINE_FINAL_TYPE (SitmapPlayback, sitmap_playback, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SitmapPlaybackMode, sitmap_playback_mode,
                    G_DEFINE_ENUM_VALUE (SITMAP_PLAYBACK_WINDOW, "window"),
                    G_DEFINE_ENUM_VALUE (SITMAP_PLAYBACK_CUMULATIVE, "cumulative"))

G_DEFINE_ENUM_TYPE (SitmapPlaybackStep, sitmap_playback_step,
                    G_DEFINE_ENUM_VALUE (SITMAP_PLAYBACK_STEP_DAY, "day"),
                    G_DEFINE_ENUM_VALUE (SITMAP_PLAYBACK_STEP_WEEK, "week"),
                    G_DEFINE_ENUM_VALUE (SITMAP_PLAYBACK_STEP_MONTH, "month"))

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_ACTIVE,
  PROP_SPEED,
  PROP_STEP,
  PROP_MODE,
  N_PROPS
};

enum {
  MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/*
 * Steps
 */

/* Days and weeks start at midnight, months on the 1st. */
static SitmapAxisStep
floor_step (SitmapPlayback *self)
{
  if (self->step == SITMAP_PLAYBACK_STEP_MONTH)
    return (SitmapAxisStep) { SITMAP_AXIS_UNIT_MONTH, 1 };
  return (SitmapAxisStep) { SITMAP_AXIS_UNIT_DAY, 1 };
}

static gint64
step_floor (SitmapPlayback *self, gint64 t)
{
  return sitmap_axis_step_floor (floor_step (self), self->zone, t);
}

static gint64
step_add (SitmapPlayback *self, gint64 t, gint64 n)
{
  return sitmap_axis_step_add (floor_step (self), self->zone, t, self->step == SITMAP_PLAYBACK_STEP_WEEK ? 7 * n : n);
}

static double
nominal_seconds (SitmapPlayback *self)
{
  switch (self->step)
    {
    case SITMAP_PLAYBACK_STEP_WEEK: return 7.0 * DAY_SECONDS;
    case SITMAP_PLAYBACK_STEP_MONTH: return 365.2425 / 12 * DAY_SECONDS;
    case SITMAP_PLAYBACK_STEP_DAY:
    default: return DAY_SECONDS;
    }
}

/*
 * Positions
 */

static gboolean
get_range (SitmapPlayback *self, Span *span)
{
  return self->view_state != NULL && sitmap_view_state_get_range (self->view_state, &span->start, &span->end);
}

/* The position that begins at from: a window of n_steps, or the data up to the end of from's step. */
static void
position_from (SitmapPlayback *self, gint64 from, Span *span)
{
  if (self->mode == SITMAP_PLAYBACK_WINDOW)
    {
      span->start = step_floor (self, from);
      span->end = step_add (self, span->start, self->n_steps);
      return;
    }
  span->start = step_floor (self, self->extent_start);
  span->end = step_add (self, step_floor (self, from), 1);
}

/* Where playback begins: the first step of the data, or of what the window shows of it; the user zoomed
 * in on what they want to see. A cumulative range still starts with the data. */
static void
first_position (SitmapPlayback *self, Span *span)
{
  gint64 window_start, window_end, from = self->extent_start;

  sitmap_view_state_get_window (self->view_state, &window_start, &window_end);
  if (window_start > from && window_start < self->extent_end)
    from = window_start;
  position_from (self, from, span);
}

/* The position whose playhead (leading edge) is at the first step boundary at or after playhead. */
static void
position_at (SitmapPlayback *self, gint64 playhead, Span *span)
{
  span->end = step_floor (self, playhead);
  if (span->end < playhead)
    span->end = step_add (self, span->end, 1);
  if (self->mode == SITMAP_PLAYBACK_WINDOW)
    {
      span->start = step_add (self, span->end, -self->n_steps);
      return;
    }
  span->start = step_floor (self, self->extent_start);
  if (span->end <= span->start)
    span->end = step_add (self, span->start, 1);
}

/* The range brought onto whole steps: its start floored, its length kept as n_steps steps; in cumulative
 * mode, from the start of the data to the first boundary at or after the range's end. */
static void
align_to (SitmapPlayback *self, const Span *range, gint64 n_steps, Span *span)
{
  if (self->mode == SITMAP_PLAYBACK_WINDOW)
    {
      span->start = step_floor (self, range->start);
      span->end = step_add (self, span->start, n_steps);
      return;
    }
  span->start = step_floor (self, self->extent_start);
  span->end = step_floor (self, range->end);
  if (span->end < range->end)
    span->end = step_add (self, span->end, 1);
  if (span->end <= span->start)
    span->end = step_add (self, span->start, 1);
}

static void
align (SitmapPlayback *self, const Span *range, Span *span)
{
  align_to (self, range, self->n_steps, span);
}

static gint64
steps_in (SitmapPlayback *self, const Span *range)
{
  return MAX (1, llround ((double) (range->end - range->start) / nominal_seconds (self)));
}

static void
count_steps (SitmapPlayback *self)
{
  Span range;

  self->n_steps = get_range (self, &range) ? steps_in (self, &range) : 1;
}

static void
set_active (SitmapPlayback *self, gboolean active)
{
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
set_playing (SitmapPlayback *self, gboolean playing)
{
  if (self->playing == playing)
    return;
  self->playing = playing;
  self->due_us = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* Where playback stands: the range it set, or on first use the range as it is, or the first step. */
static void
current_position (SitmapPlayback *self, Span *span)
{
  Span range;

  if (!self->active)
    count_steps (self);
  if (get_range (self, &range))
    align (self, &range, span);
  else
    first_position (self, span);
  set_active (self, TRUE);
}

static gboolean
at_end (SitmapPlayback *self, const Span *span)
{
  return span->end >= self->extent_end;
}

static gboolean
at_start (SitmapPlayback *self, const Span *span)
{
  if (self->mode == SITMAP_PLAYBACK_WINDOW)
    return span->start <= step_floor (self, self->extent_start);
  return span->end <= step_add (self, span->start, 1);
}

/* Play at the end goes back, as a media player does: to where this run of playback began; for a range of
 * the user's, to the first position; and when that is at the end too (the window shows only the last
 * steps), to the start of the data. */
static void
go_back (SitmapPlayback *self, gboolean resuming, Span *span)
{
  if (resuming && self->has_origin)
    {
      position_at (self, self->origin, span);
      if (!at_end (self, span))
        return;
    }
  first_position (self, span);
  if (at_end (self, span))
    position_from (self, self->extent_start, span);
  self->has_origin = TRUE;
  self->origin = span->end;
}

static void
step_span (SitmapPlayback *self, Span *span, int direction)
{
  if (self->mode == SITMAP_PLAYBACK_WINDOW)
    {
      span->start = step_add (self, span->start, direction);
      span->end = step_add (self, span->start, self->n_steps);
    }
  else
    span->end = step_add (self, span->end, direction);
}

static void
apply (SitmapPlayback *self, const Span *span)
{
  self->moving = TRUE;
  sitmap_view_state_set_range (self->view_state, span->start, span->end);
  self->moving = FALSE;
  g_signal_emit (self, signals[MOVED], 0);
}

/*
 * Callbacks
 */

/* The range is someone else's again: the user dragged it, typed dates or cleared it. */
static void
range_changed_cb (SitmapPlayback *self)
{
  if (self->moving)
    return;
  self->has_origin = FALSE;
  set_playing (self, FALSE);
  set_active (self, FALSE);
}

/*
 * GObject
 */

static void
sitmap_playback_dispose (GObject *object)
{
  SitmapPlayback *self = (SitmapPlayback *) object;

  sitmap_playback_set_view_state (self, NULL);
  G_OBJECT_CLASS (sitmap_playback_parent_class)->dispose (object);
}

static void
sitmap_playback_finalize (GObject *object)
{
  SitmapPlayback *self = (SitmapPlayback *) object;

  g_clear_object (&self->view_state_signals);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  G_OBJECT_CLASS (sitmap_playback_parent_class)->finalize (object);
}

static void
sitmap_playback_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapPlayback *self = SITMAP_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    case PROP_SPEED: g_value_set_uint (value, self->speed); break;
    case PROP_STEP: g_value_set_enum (value, self->step); break;
    case PROP_MODE: g_value_set_enum (value, self->mode); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_playback_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapPlayback *self = SITMAP_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      if (g_value_get_boolean (value))
        sitmap_playback_play (self);
      else
        sitmap_playback_pause (self);
      break;
    case PROP_SPEED: sitmap_playback_set_speed (self, g_value_get_uint (value)); break;
    case PROP_STEP: sitmap_playback_set_step (self, g_value_get_enum (value)); break;
    case PROP_MODE: sitmap_playback_set_mode (self, g_value_get_enum (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_playback_class_init (SitmapPlaybackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sitmap_playback_dispose;
  object_class->finalize = sitmap_playback_finalize;
  object_class->get_property = sitmap_playback_get_property;
  object_class->set_property = sitmap_playback_set_property;

  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] = g_param_spec_uint ("speed", NULL, NULL, 1, MAX_SPEED, 1, rw);
  properties[PROP_STEP] = g_param_spec_enum ("step", NULL, NULL, SITMAP_TYPE_PLAYBACK_STEP,
                                             SITMAP_PLAYBACK_STEP_DAY, rw);
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, SITMAP_TYPE_PLAYBACK_MODE,
                                             SITMAP_PLAYBACK_WINDOW, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after playback moved the range. */
  signals[MOVED] = g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
}

static void
sitmap_playback_init (SitmapPlayback *self)
{
  self->speed = 1;
  self->n_steps = 1;
  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::has-range", G_CALLBACK (range_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::range-start", G_CALLBACK (range_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::range-end", G_CALLBACK (range_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->view_state_signals, "notify::document", G_CALLBACK (range_changed_cb),
                                  self);
}

/*
 * Public API
 */

SitmapPlayback *
sitmap_playback_new (void)
{
  return g_object_new (SITMAP_TYPE_PLAYBACK, NULL);
}

void
sitmap_playback_set_view_state (SitmapPlayback *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_PLAYBACK (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));

  if (self->view_state == view_state)
    return;
  set_playing (self, FALSE);
  set_active (self, FALSE);
  self->has_origin = FALSE;
  g_set_object (&self->view_state, view_state);
  g_signal_group_set_target (self->view_state_signals, view_state);
}

void
sitmap_playback_set_extent (SitmapPlayback *self, gboolean has_extent, gint64 start, gint64 end)
{
  g_return_if_fail (SITMAP_IS_PLAYBACK (self));
  g_return_if_fail (!has_extent || start < end);

  self->has_extent = has_extent;
  self->extent_start = start;
  self->extent_end = end;
  if (!has_extent)
    {
      self->has_origin = FALSE;
      set_playing (self, FALSE);
      set_active (self, FALSE);
    }
}

void
sitmap_playback_set_time_zone (SitmapPlayback *self, GTimeZone *zone)
{
  g_return_if_fail (SITMAP_IS_PLAYBACK (self));

  if (zone != NULL)
    g_time_zone_ref (zone);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
}

gboolean
sitmap_playback_get_playing (SitmapPlayback *self)
{
  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), FALSE);
  return self->playing;
}

gboolean
sitmap_playback_get_active (SitmapPlayback *self)
{
  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), FALSE);
  return self->active;
}

gboolean
sitmap_playback_can_play (SitmapPlayback *self)
{
  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), FALSE);
  return self->has_extent && self->view_state != NULL && sitmap_view_state_get_document (self->view_state) != NULL;
}

guint
sitmap_playback_get_speed (SitmapPlayback *self)
{
  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), 1);
  return self->speed;
}

void
sitmap_playback_set_speed (SitmapPlayback *self, guint speed)
{
  g_return_if_fail (SITMAP_IS_PLAYBACK (self));

  speed = CLAMP (speed, 1, MAX_SPEED);
  if (self->speed == speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

SitmapPlaybackStep
sitmap_playback_get_step (SitmapPlayback *self)
{
  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), SITMAP_PLAYBACK_STEP_DAY);
  return self->step;
}

/* The window keeps about its length, counted in the new steps. */
void
sitmap_playback_set_step (SitmapPlayback *self, SitmapPlaybackStep step)
{
  g_return_if_fail (SITMAP_IS_PLAYBACK (self));
  g_return_if_fail (step <= SITMAP_PLAYBACK_STEP_MONTH);

  if (self->step == step)
    return;
  self->step = step;
  if (self->active)
    count_steps (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

SitmapPlaybackMode
sitmap_playback_get_mode (SitmapPlayback *self)
{
  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), SITMAP_PLAYBACK_WINDOW);
  return self->mode;
}

/* An active playback carries on from where it stands: a window one step long at the playhead, or everything
 * from the start of the data up to it. */
void
sitmap_playback_set_mode (SitmapPlayback *self, SitmapPlaybackMode mode)
{
  Span range, span;

  g_return_if_fail (SITMAP_IS_PLAYBACK (self));
  g_return_if_fail (mode <= SITMAP_PLAYBACK_CUMULATIVE);

  if (self->mode == mode)
    return;
  self->mode = mode;
  if (self->active && get_range (self, &range))
    {
      if (mode == SITMAP_PLAYBACK_WINDOW)
        {
          self->n_steps = 1;
          span.start = step_floor (self, range.end - 1);
          span.end = step_add (self, span.start, 1);
        }
      else
        align (self, &range, &span);
      apply (self, &span);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

gboolean
sitmap_playback_play (SitmapPlayback *self)
{
  gboolean resuming;
  Span span;

  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), FALSE);

  if (!sitmap_playback_can_play (self))
    return FALSE;
  resuming = self->active;
  current_position (self, &span);
  if (at_end (self, &span))
    go_back (self, resuming, &span);
  else if (!resuming || !self->has_origin)
    {
      self->has_origin = TRUE;
      self->origin = span.end;
    }
  apply (self, &span);
  set_active (self, TRUE);
  set_playing (self, TRUE);
  return TRUE;
}

gboolean
sitmap_playback_is_at_end (SitmapPlayback *self)
{
  Span range, span;

  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), FALSE);

  if (!sitmap_playback_can_play (self) || !get_range (self, &range))
    return FALSE;
  align_to (self, &range, self->active ? self->n_steps : steps_in (self, &range), &span);
  return at_end (self, &span);
}

void
sitmap_playback_pause (SitmapPlayback *self)
{
  g_return_if_fail (SITMAP_IS_PLAYBACK (self));
  set_playing (self, FALSE);
}

int
sitmap_playback_move (SitmapPlayback *self, int n)
{
  int direction = n < 0 ? -1 : 1;
  int moved = 0;
  gboolean has_range;
  Span span, range;

  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), 0);

  if (!sitmap_playback_can_play (self) || n == 0)
    return 0;
  current_position (self, &span);
  for (; moved < ABS (n); moved++)
    {
      if (direction > 0 ? at_end (self, &span) : at_start (self, &span))
        break;
      step_span (self, &span, direction);
    }
  has_range = get_range (self, &range);
  if (!has_range || range.start != span.start || range.end != span.end)
    apply (self, &span);
  return moved;
}

void
sitmap_playback_advance (SitmapPlayback *self, gint64 elapsed_us)
{
  gint64 interval, steps;
  Span span;

  g_return_if_fail (SITMAP_IS_PLAYBACK (self));

  if (!self->playing)
    return;
  interval = G_USEC_PER_SEC / self->speed;
  self->due_us += CLAMP (elapsed_us, 0, MAX_ELAPSED_US);
  steps = self->due_us / interval;
  self->due_us -= steps * interval;
  if (steps > 0)
    sitmap_playback_move (self, (int) MIN (steps, G_MAXINT));
  /* On reaching the end, not a step later */
  if (self->playing && get_range (self, &span) && at_end (self, &span))
    set_playing (self, FALSE);
}

gboolean
sitmap_playback_get_playhead (SitmapPlayback *self, gint64 *t)
{
  Span span;

  g_return_val_if_fail (SITMAP_IS_PLAYBACK (self), FALSE);

  if (!self->active || !get_range (self, &span))
    return FALSE;
  *t = span.end;
  return TRUE;
}
