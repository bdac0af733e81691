/* sitmap-playback.h: time playing forward through the view state's range, a step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

typedef enum
{
  SITMAP_PLAYBACK_WINDOW,     /* a range of fixed length slides forward */
  SITMAP_PLAYBACK_CUMULATIVE, /* from the start of the data up to the playhead */
} SitmapPlaybackMode;

typedef enum
{
  SITMAP_PLAYBACK_STEP_DAY,
  SITMAP_PLAYBACK_STEP_WEEK, /* seven days, from whatever day the range starts on */
  SITMAP_PLAYBACK_STEP_MONTH,
} SitmapPlaybackStep;

#define SITMAP_TYPE_PLAYBACK_MODE (sitmap_playback_mode_get_type ())
GType sitmap_playback_mode_get_type (void) G_GNUC_CONST;
#define SITMAP_TYPE_PLAYBACK_STEP (sitmap_playback_step_get_type ())
GType sitmap_playback_step_get_type (void) G_GNUC_CONST;

/* Playback moves the view state's range, so that the map and every other view follow it. Each step is
 * one calendar day, week or month in the time zone set (UTC by default), and the speed is how many
 * steps a second: 1× at day steps is one day of the data a second. Whoever owns it calls
 * sitmap_playback_advance() as time passes (the timeline, from its frame clock).
 *
 * Playback is "active" from the first play or step until someone else changes the range or the
 * document: the range then belongs to them again, and playback pauses. */
#define SITMAP_TYPE_PLAYBACK (sitmap_playback_get_type ())
G_DECLARE_FINAL_TYPE (SitmapPlayback, sitmap_playback, SITMAP, PLAYBACK, GObject)

SitmapPlayback    *sitmap_playback_new (void);
void               sitmap_playback_set_view_state (SitmapPlayback *self, SitmapViewState *view_state);
/* Where the data lies: playback starts at start and stops once the range reaches end. */
void               sitmap_playback_set_extent (SitmapPlayback *self, gboolean has_extent, gint64 start, gint64 end);
/* NULL for UTC: where days and months begin. */
void               sitmap_playback_set_time_zone (SitmapPlayback *self, GTimeZone *zone);

gboolean           sitmap_playback_get_playing (SitmapPlayback *self);
gboolean           sitmap_playback_get_active (SitmapPlayback *self);
gboolean           sitmap_playback_can_play (SitmapPlayback *self);
guint              sitmap_playback_get_speed (SitmapPlayback *self);
void               sitmap_playback_set_speed (SitmapPlayback *self, guint speed);
SitmapPlaybackStep sitmap_playback_get_step (SitmapPlayback *self);
void               sitmap_playback_set_step (SitmapPlayback *self, SitmapPlaybackStep step);
SitmapPlaybackMode sitmap_playback_get_mode (SitmapPlayback *self);
void               sitmap_playback_set_mode (SitmapPlayback *self, SitmapPlaybackMode mode);

/* Starts from the range as it is (brought onto whole steps); without one, from the start of the data, or
 * of the part of the data the view state's window shows. At the end it goes back, as media players do:
 * after playing to the end, to where that playback began; with a range of the user's at the end, to
 * where playback without a range would begin, or to the start of the data when that is at the end too.
 * FALSE with nothing to play. */
gboolean sitmap_playback_play (SitmapPlayback *self);
/* Whether the range is at the end of the data, so that Play would go back. */
gboolean sitmap_playback_is_at_end (SitmapPlayback *self);
void     sitmap_playback_pause (SitmapPlayback *self);
/* Moves the range n steps (back when n < 0), stopping at the start and the end of the data. Returns
 * how many steps it moved. */
int      sitmap_playback_move (SitmapPlayback *self, int n);
/* While playing: elapsed microseconds have passed; takes the steps that fell due, and stops at the end. */
void     sitmap_playback_advance (SitmapPlayback *self, gint64 elapsed_us);
/* The playhead, the range's leading edge, while playback is active. */
gboolean sitmap_playback_get_playhead (SitmapPlayback *self, gint64 *t);

G_END_DECLS
