/* bench-window-frames.c: frames as the user feels them, in the real window at a million events
 *
 * The real Sitmap window (the application started as a user's start does, 1600 × 1000 on an Xvfb screen of
 * its own of 1920 × 1080, the offline basemap, the events list beside the map) shows a generated document
 * of a million events over Syria (map_test_synthetic_document(), the map and list benchmarks' events),
 * handed to the window as a read document is. Once its indexes are built (the search's text index
 * first: a search would wait for it, and its thread would share the two cores with the frames timed),
 * a script drives it, one input a frame, through real input: xdotool, fed a command a frame through a
 * pipe, hands it to the X server (XTEST), and GTK gives it to the widgets as it does a hand's.
 *
 *   pan       the map pressed, dragged 6 px right and 2 px down a frame for 60 frames, back for 60, held
 *             for 5, released
 *   zoom      the mouse wheel over the map's middle, a notch a frame (a fifth of a zoom level, animated
 *             by libshumate): 35 in, then 35 out, across the cluster levels
 *   range     a time range dragged across the timeline's lanes, 5 px a frame for 90 frames
 *   playback  from a week's range at the start of 2023, a year by weeks: the timeline's step-forward
 *             button clicked once a frame, 52 times (sitmap_playback_move(), as Play's steps)
 *   list      the events list scrolled with the wheel, a notch a frame for 90 frames
 *   search    "region" typed into the search entry, a key every 10 frames (a quick typist, slower than
 *             the entry's 150 ms pause, so each key filters: from every event to the thousand placed in
 *             a region), then taken back with Backspace the same way
 *   marker_layer_10k
 *             libshumate's own ShumateMarkerLayer, 10,000 ShumateMarkers (a small GtkImage each) at
 *             random points over Syria, in a plain ShumateMap of the same size over the same tiles, in a
 *             window of its own: the pan's inputs
 *
 * After its last input a part goes on until what the inputs set off has ended (the value it moves held
 * for five frames) or for ten seconds at most: the zoom's animation, the search's filtering are in it.
 *
 * A frame's time: the main thread's wall-clock time for one cycle of the window's GdkFrameClock, from
 * its start (flush-events, where GDK hands out the input that came for the frame, or before-paint when
 * none came) to the end of after-paint: the input's handlers, whatever the main loop runs in between
 * (the search entry's timeout, idles), update, layout, snapshot and render (Mesa's software GL under
 * Xvfb: the render is the CPU's here, a GPU's on a desktop). A tick callback makes a frame wanted every
 * frame, so the clock only ever waits for the next refresh; a gap between two cycles longer than the
 * refresh interval (16.7 ms; 1 ms of the clock's rounding allowed) is the main loop busy elsewhere, and
 * counts as a frame of the gap's length: a filter that blocks for 60 ms shows as a 60 ms frame.
 *
 * Prints per part window_frame_p95_ms_<part> and window_frame_max_ms_<part> (the 95th percentile, nearest
 * rank, and the longest), window_frame_count_<part> and window_frame_stalls_<part>; for libshumate's layer
 * window_frame_p95_marker_layer_10k_ms and window_frame_max_marker_layer_10k_ms; window_paint_p95_ms_<part> is the
 * 95th percentile of the frames' paint phase alone (from the clock's paint signal: snapshot and render), to
 * tell the window's work from the renderer's. The goal (issue 13):
 * p95 at most 16 ms and no frame over 50 ms. A first argument sets another number of events (the names
 * still say what they say); the next ones pick parts by name ("range playback", "marker_layer"), to look at
 * one under a profiler. tests/ui/test-window-frames checks, on a small document, that every part moves what
 * it should, so that this cannot time nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-window-frames"

#include "config.h"

#include <stdlib.h>

#include "map-test-utils.h"
#include "sitmap-bench.h"
#include "sitmap-ui-test.h"
#include "sitmap-window-private.h"
#include "sitmap-window-script.h"

#define N_EVENTS 1000000
#define WIDTH    1600
#define HEIGHT   1000

/* Whether the arguments after the number of events name part, or name none. */
static gboolean
wanted (int argc, char *argv[], const char *part)
{
  if (argc < 3)
    return TRUE;
  for (int i = 2; i < argc; i++)
    if (g_strcmp0 (argv[i], part) == 0)
      return TRUE;
  return FALSE;
}

static void
print_part (const SitmapScriptResult *result, const char *p95_name, const char *max_name)
{
  g_autofree double *frames = g_memdup2 (result->frames->data, result->frames->len * sizeof (double));
  guint n = result->frames->len;

  /* A part that moved nothing timed nothing: no figure rather than a false one. */
  if (n == 0 || result->n_changed == 0)
    g_error ("%s: the script moved nothing (%u frames, %u changes)", result->name, n, result->n_changed);
  g_print ("%s: %.1f ms\n", p95_name, sitmap_bench_percentile (frames, n, 0.95));
  g_print ("%s: %.1f ms\n", max_name, frames[n - 1]);
  if (result->paints->len > 0)
    {
      g_autofree double *paints = g_memdup2 (result->paints->data, result->paints->len * sizeof (double));

      g_print ("window_paint_p95_ms_%s: %.1f ms\n", result->name,
               sitmap_bench_percentile (paints, result->paints->len, 0.95));
    }
  g_print ("window_frame_count_%s: %u frames\n", result->name, n);
  g_print ("window_frame_stalls_%s: %u stalls\n", result->name, result->n_stalls);
  if (!result->settled)
    g_print ("# %s: still changing ten seconds after the last input\n", result->name);
}

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : N_EVENTS;
  g_autoptr (SitmapApplication) app = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapWindowScript) script = NULL;
  SitmapViewState *state;
  SitmapWindow *window;

  /* The same screen however the benchmarks were started (tools/sitmap-dev's is 1280 × 1024). */
  sitmap_test_use_own_screen (1920, 1080);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);
  sitmap_test_resize (GTK_WINDOW (window), WIDTH, HEIGHT);

  document = map_test_synthetic_document (n, 1);
  _sitmap_window_show_document (window, document);
  state = sitmap_window_get_view_state (window);
  /* The indexes the view state builds in threads, done before any frame is timed (as
   * bench-events-list does): a search waits for the text index. */
  sitmap_view_state_get_facet_index (state);
  sitmap_view_state_set_text (state, "a");
  sitmap_view_state_set_text (state, NULL);
  sitmap_test_wait_for_map (window);

  script = sitmap_window_script_new (window);
  for (SitmapScriptPart part = 0; part < SITMAP_SCRIPT_MARKER_LAYER; part++)
    {
      const SitmapScriptResult *result = sitmap_window_script_get_result (script, part);
      g_autofree char *p95 = NULL;
      g_autofree char *max = NULL;

      if (!wanted (argc, argv, result->name))
        continue;
      sitmap_window_script_run (script, part);
      result = sitmap_window_script_get_result (script, part);
      p95 = g_strdup_printf ("window_frame_p95_ms_%s", result->name);
      max = g_strdup_printf ("window_frame_max_ms_%s", result->name);
      print_part (result, p95, max);
    }
  if (wanted (argc, argv, "marker_layer"))
    {
      sitmap_window_script_run (script, SITMAP_SCRIPT_MARKER_LAYER);
      print_part (sitmap_window_script_get_result (script, SITMAP_SCRIPT_MARKER_LAYER),
                  "window_frame_p95_marker_layer_10k_ms", "window_frame_max_marker_layer_10k_ms");
    }

  g_clear_pointer (&script, sitmap_window_script_free);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  sitmap_test_stop_own_screen ();
  return 0;
}
