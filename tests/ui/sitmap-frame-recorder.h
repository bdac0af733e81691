/* sitmap-frame-recorder.h: every frame of a window as its main thread spends it, from GTK's frame clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Records, while started, the time of every cycle of a widget's GdkFrameClock: from the cycle's start
 * (the clock's flush-events, where GDK hands out the input that arrived for the frame, or its
 * before-paint when no input came) to the end of its after-paint, wall-clock time on the main thread.
 * Whatever the main loop runs between the two (the search entry's timeout, an idle) is in it.
 *
 * A frame must be wanted all the while (the caller keeps a tick callback on the widget): then the gap
 * between the end of one cycle and the start of the next is the clock's wait for the next refresh,
 * shorter than a refresh interval. A longer gap is the main loop busy with something else, a stall the
 * user sees as a frame that long: it is recorded as a frame of the gap's length, and counted. */
typedef struct _SitmapFrameRecorder SitmapFrameRecorder;

SitmapFrameRecorder *sitmap_frame_recorder_new (GtkWidget *widget);
void                 sitmap_frame_recorder_free (SitmapFrameRecorder *self);
/* Forgets what was recorded and records from the next cycle on. */
void                 sitmap_frame_recorder_start (SitmapFrameRecorder *self);
void                 sitmap_frame_recorder_stop (SitmapFrameRecorder *self);
/* The frames recorded, in milliseconds, in order: stalls among them. */
const double        *sitmap_frame_recorder_get_frames (SitmapFrameRecorder *self, guint *n_frames);
/* Of each cycle (stalls are not cycles), the part from the clock's paint signal to the end of after-paint:
 * the widgets' snapshot and GSK's render, in milliseconds. */
const double        *sitmap_frame_recorder_get_paints (SitmapFrameRecorder *self, guint *n_paints);
/* How many of them were stalls between cycles. */
guint                sitmap_frame_recorder_get_n_stalls (SitmapFrameRecorder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitmapFrameRecorder, sitmap_frame_recorder_free)

G_END_DECLS
