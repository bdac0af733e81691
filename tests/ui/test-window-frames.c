/* test-window-frames.c: the window benchmark's script does what it says, so that its figures time
 * something
 *
 * The script of bench-window-frames (sitmap-window-script.c: real input through xdotool, a frame at a
 * time) on 5,000 of the same generated events: the demo's ten cannot fill the list nor a year of
 * playback. Each part must have moved what it moves, in many frames, and every frame must have been
 * timed. No time is checked: targets live in the benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "map-test-utils.h"
#include "sitmap-frame-recorder.h"
#include "sitmap-ui-test.h"
#include "sitmap-window-private.h"
#include "sitmap-window-script.h"

#define N_EVENTS 5000

static SitmapApplication *app;
static SitmapWindow *window;
static SitmapWindowScript *script;

static double
longest (const SitmapScriptResult *result)
{
  double ms = 0;

  for (guint i = 0; i < result->frames->len; i++)
    ms = MAX (ms, g_array_index (result->frames, double, i));
  return ms;
}

static void
busy_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    ;
}

static gboolean
busy_60_ms_cb (gpointer data)
{
  busy_for (60);
  return G_SOURCE_REMOVE;
}

/* Once: the block comes after this frame ends, before anything of the next (a high priority runs first). */
static void
block_after_paint_cb (GdkFrameClock *clock, gpointer data)
{
  g_signal_handlers_disconnect_by_func (clock, block_after_paint_cb, data);
  g_idle_add_full (G_PRIORITY_HIGH, busy_60_ms_cb, NULL, NULL);
}

typedef struct
{
  guint    frames;
  gboolean done;
} Ticks;

/* Frame 10 takes 30 ms in itself; after frame 20 the main loop is busy 60 ms before the next. */
static gboolean
busy_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Ticks *ticks = data;

  ticks->frames++;
  if (ticks->frames == 10)
    busy_for (30);
  if (ticks->frames == 20)
    g_signal_connect (clock, "after-paint", G_CALLBACK (block_after_paint_cb), NULL);
  ticks->done = ticks->frames >= 40;
  return ticks->done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean
ticks_done (gpointer data)
{
  return ((Ticks *) data)->done;
}

/* The recorder sees work inside a frame as that frame's, and the main loop held between two frames as a
 * frame of its own: a 60 ms block shows as at least 60 ms. */
static void
test_recorder (void)
{
  g_autoptr (SitmapFrameRecorder) recorder = sitmap_frame_recorder_new (GTK_WIDGET (window));
  Ticks ticks = { 0, FALSE };
  const double *frames;
  guint n_frames, over_60 = 0, over_30 = 0;

  sitmap_frame_recorder_start (recorder);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), busy_tick_cb, &ticks, NULL);
  sitmap_test_wait_until (ticks_done, &ticks, 20000, "40 frames");
  sitmap_frame_recorder_stop (recorder);
  frames = sitmap_frame_recorder_get_frames (recorder, &n_frames);
  for (guint i = 0; i < n_frames; i++)
    {
      over_60 += frames[i] >= 60;
      over_30 += frames[i] >= 30;
    }
  g_assert_cmpuint (n_frames, >=, 39);
  g_assert_cmpuint (over_60, >=, 1);
  g_assert_cmpuint (over_30, >=, 2);
  g_assert_cmpuint (sitmap_frame_recorder_get_n_stalls (recorder), >=, 1);
}

static const SitmapScriptResult *
run (SitmapScriptPart part)
{
  const SitmapScriptResult *result;

  sitmap_window_script_run (script, part);
  result = sitmap_window_script_get_result (script, part);
  g_test_message ("%s: %u inputs, %u frames (%u stalls, the longest %.1f ms), moved from %g to %g (at most %g "
                  "away) in %u frames", result->name, result->n_steps, result->frames->len, result->n_stalls,
                  longest (result), result->before, result->after, result->furthest, result->n_changed);
  /* A frame timed for every input at least, and the inputs' effects over before the time allowed. */
  g_assert_cmpuint (result->frames->len, >=, result->n_steps);
  g_assert_true (result->settled);
  for (guint i = 0; i < result->frames->len; i++)
    g_assert_cmpfloat (g_array_index (result->frames, double, i), >, 0);
  return result;
}

/* Dragged away and back to the same pixels: the map moved, in most frames, and came back most of the way. (A
 * map may glide on a little after the release when a busy machine drops the frames of the hold before it.) */
static void
check_pan (const SitmapScriptResult *result)
{
  g_assert_cmpuint (result->n_steps, ==, 126);
  g_assert_cmpfloat (result->furthest, >, 0.5);
  g_assert_cmpuint (result->n_changed, >=, 60);
  g_assert_cmpfloat (fabs (result->after - result->before), <, result->furthest / 2);
}

static void
test_pan (void)
{
  check_pan (run (SITMAP_SCRIPT_PAN));
}

/* Zoom levels in (libshumate's animation, started again by each notch, takes fewer than the notches
 * say when frames are slow), and as many back out. */
static void
test_zoom (void)
{
  const SitmapScriptResult *result = run (SITMAP_SCRIPT_ZOOM);

  g_assert_cmpfloat (result->furthest, >=, 3);
  g_assert_cmpfloat (result->after, <=, result->before + result->furthest - 3);
  g_assert_cmpuint (result->n_changed, >=, 35);
}

/* A range grows as the pointer drags: months long at the end, changed in many frames. */
static void
test_range (void)
{
  const SitmapScriptResult *result = run (SITMAP_SCRIPT_RANGE);

  g_assert_cmpfloat (result->before, ==, 0);
  g_assert_cmpfloat (result->after, >, 60);
  g_assert_cmpuint (result->n_changed, >=, 30);
}

/* 52 clicks, 52 weeks, each in a frame of its own. */
static void
test_playback (void)
{
  const SitmapScriptResult *result = run (SITMAP_SCRIPT_PLAYBACK);

  g_assert_cmpfloat (result->after - result->before, ==, 52 * 7);
  g_assert_cmpuint (result->n_changed, ==, 52);
}

static void
test_list (void)
{
  const SitmapScriptResult *result = run (SITMAP_SCRIPT_LIST);

  g_assert_cmpfloat (result->before, ==, 0);
  g_assert_cmpfloat (result->after, >, 1000);
  g_assert_cmpuint (result->n_changed, >=, 30);
}

/* Typed, the word leaves the events placed in a region (0.1 % of them); taken back, every event. */
static void
test_search (void)
{
  const SitmapScriptResult *result = run (SITMAP_SCRIPT_SEARCH);

  g_assert_cmpfloat (result->before, ==, N_EVENTS);
  g_assert_cmpfloat (result->furthest, >, N_EVENTS * 0.99);
  g_assert_cmpfloat (result->after, ==, N_EVENTS);
  g_assert_cmpuint (result->n_changed, >=, 2);
}

/* The same drag pans libshumate's plain map with its marker layer. */
static void
test_marker_layer (void)
{
  check_pan (run (SITMAP_SCRIPT_MARKER_LAYER));
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapDocument) document = NULL;
  SitmapViewState *state;
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);
  sitmap_test_resize (GTK_WINDOW (window), 1200, 800);
  document = map_test_synthetic_document (N_EVENTS, 1);
  _sitmap_window_show_document (window, document);
  state = sitmap_window_get_view_state (window);
  sitmap_view_state_set_text (state, "a");
  sitmap_view_state_set_text (state, NULL);
  sitmap_test_wait_for_map (window);
  script = sitmap_window_script_new (window);
  sitmap_window_script_set_n_markers (script, 500);

  g_test_add_func ("/window-frames/recorder", test_recorder);
  g_test_add_func ("/window-frames/pan", test_pan);
  g_test_add_func ("/window-frames/zoom", test_zoom);
  g_test_add_func ("/window-frames/range", test_range);
  g_test_add_func ("/window-frames/playback", test_playback);
  g_test_add_func ("/window-frames/list", test_list);
  g_test_add_func ("/window-frames/search", test_search);
  g_test_add_func ("/window-frames/marker-layer", test_marker_layer);
  status = g_test_run ();

  g_clear_pointer (&script, sitmap_window_script_free);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
