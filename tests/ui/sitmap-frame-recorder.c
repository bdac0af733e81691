/* sitmap-frame-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sitmap-frame-recorder.h"

/* The frame clock waits for the next refresh with a timeout of whole milliseconds, rounded: a gap may
 * pass the refresh interval by that much without anything having stalled. */
#define GAP_SLACK_US 1000

struct _SitmapFrameRecorder
{
  GdkFrameClock *clock;
  gulong         after_paint_id;
  guint          flush_signal;
  gulong         flush_hook;
  guint          before_paint_signal;
  gulong         before_paint_hook;
  guint          paint_signal;
  gulong         paint_hook;

  gboolean       recording;
  gboolean       in_cycle;
  gint64         cycle_start;
  gint64         paint_start; /* 0: the cycle painted nothing */
  gint64         last_end;   /* 0: no cycle ended since recording started */
  GArray        *frames;     /* double, ms */
  GArray        *paints;     /* double, ms: each cycle's paint phase */
  guint          n_stalls;
};

/*
 * Callbacks
 */

/* Emission hooks run before any handler: the cycle's start is taken before GDK hands out its events. */
static gboolean
cycle_start_hook (GSignalInvocationHint *hint, guint n_values, const GValue *values, gpointer data)
{
  SitmapFrameRecorder *self = data;
  gint64 now, gap, interval;

  if (g_value_get_object (&values[0]) != self->clock || self->in_cycle)
    return TRUE;
  now = g_get_monotonic_time ();
  self->in_cycle = TRUE;
  self->cycle_start = now;
  self->paint_start = 0;
  if (!self->recording || self->last_end == 0)
    return TRUE;
  gdk_frame_clock_get_refresh_info (self->clock, now, &interval, NULL);
  gap = now - self->last_end;
  if (gap > interval + GAP_SLACK_US)
    {
      double ms = gap / 1000.0;

      g_array_append_val (self->frames, ms);
      self->n_stalls++;
    }
  return TRUE;
}

static gboolean
paint_hook (GSignalInvocationHint *hint, guint n_values, const GValue *values, gpointer data)
{
  SitmapFrameRecorder *self = data;

  if (g_value_get_object (&values[0]) == self->clock && self->in_cycle)
    self->paint_start = g_get_monotonic_time ();
  return TRUE;
}

/* Connected last: after every handler of the window's. */
static void
after_paint_cb (GdkFrameClock *clock, SitmapFrameRecorder *self)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->in_cycle)
    return;
  self->in_cycle = FALSE;
  if (!self->recording)
    return;
  {
    double ms = (now - self->cycle_start) / 1000.0;
    double paint = self->paint_start != 0 ? (now - self->paint_start) / 1000.0 : 0;

    g_array_append_val (self->frames, ms);
    g_array_append_val (self->paints, paint);
  }
  self->last_end = now;
}

/*
 * Public API
 */

SitmapFrameRecorder *
sitmap_frame_recorder_new (GtkWidget *widget)
{
  SitmapFrameRecorder *self = g_new0 (SitmapFrameRecorder, 1);

  self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  g_assert_nonnull (self->clock);
  self->frames = g_array_new (FALSE, FALSE, sizeof (double));
  self->paints = g_array_new (FALSE, FALSE, sizeof (double));
  self->after_paint_id = g_signal_connect_after (self->clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  self->flush_signal = g_signal_lookup ("flush-events", GDK_TYPE_FRAME_CLOCK);
  self->before_paint_signal = g_signal_lookup ("before-paint", GDK_TYPE_FRAME_CLOCK);
  self->flush_hook = g_signal_add_emission_hook (self->flush_signal, 0, cycle_start_hook, self, NULL);
  self->before_paint_hook = g_signal_add_emission_hook (self->before_paint_signal, 0, cycle_start_hook, self, NULL);
  self->paint_signal = g_signal_lookup ("paint", GDK_TYPE_FRAME_CLOCK);
  self->paint_hook = g_signal_add_emission_hook (self->paint_signal, 0, paint_hook, self, NULL);
  return self;
}

void
sitmap_frame_recorder_free (SitmapFrameRecorder *self)
{
  g_signal_remove_emission_hook (self->flush_signal, self->flush_hook);
  g_signal_remove_emission_hook (self->before_paint_signal, self->before_paint_hook);
  g_signal_remove_emission_hook (self->paint_signal, self->paint_hook);
  g_signal_handler_disconnect (self->clock, self->after_paint_id);
  g_object_unref (self->clock);
  g_array_unref (self->frames);
  g_array_unref (self->paints);
  g_free (self);
}

void
sitmap_frame_recorder_start (SitmapFrameRecorder *self)
{
  g_array_set_size (self->frames, 0);
  g_array_set_size (self->paints, 0);
  self->n_stalls = 0;
  self->last_end = 0;
  /* A flush-events with nothing to paint after it (no frame was wanted) began no cycle. */
  self->in_cycle = FALSE;
  self->recording = TRUE;
}

void
sitmap_frame_recorder_stop (SitmapFrameRecorder *self)
{
  self->recording = FALSE;
}

const double *
sitmap_frame_recorder_get_frames (SitmapFrameRecorder *self, guint *n_frames)
{
  *n_frames = self->frames->len;
  return (const double *) (gpointer) self->frames->data;
}

const double *
sitmap_frame_recorder_get_paints (SitmapFrameRecorder *self, guint *n_paints)
{
  *n_paints = self->paints->len;
  return (const double *) (gpointer) self->paints->data;
}

guint
sitmap_frame_recorder_get_n_stalls (SitmapFrameRecorder *self)
{
  return self->n_stalls;
}
