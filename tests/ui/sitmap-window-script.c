/* sitmap-window-script.c
 *
 * Each part is a list of inputs, one a frame: a tick callback on the driven window takes the next
 * input in the frame's update phase and writes it to one xdotool process reading commands from a pipe
 * (no process started per input), which gives it to the X server through XTEST; GTK reads it and hands
 * it to the widgets at the start of the next frame, as it does a hand's. Once the inputs are given,
 * frames go on until what they set off has ended (the value the part moves has not changed for a few
 * frames) or for at most TAIL_MAX frames. The tick callback makes every frame wanted, so that the frame
 * recorder can tell a stall from the clock's wait for the next refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sitmap-frame-recorder.h"
#include "sitmap-time.h"
#include "sitmap-ui-test.h"
#include "sitmap-window-script.h"

#define TAIL_MIN     10  /* frames after the last input: its events reach the window, and what follows */
#define TAIL_MAX     600 /* ten seconds: a part whose effects go on longer is cut there, unsettled */
#define QUIET_FRAMES 5   /* frames without change that mean what the inputs set off has ended */
#define DAY_SECONDS  86400.0

/* The pan: a drag right and down, then back, then held still before the release (no glide). */
#define PAN_FRAMES   60
#define PAN_DX       6
#define PAN_DY       2
#define PAN_HOLD     5
/* The zoom: a wheel notch (a fifth of a zoom level, animated for 200 ms by libshumate) every third frame,
 * in then out: a wheel turned fast, 20 notches a second. A notch a frame would never let libshumate's
 * animation, started again from where it is by each notch, move the map. */
#define ZOOM_NOTCHES 35
#define ZOOM_EVERY   3
/* The range: a drag across the timeline's lanes. */
#define RANGE_FRAMES 90
#define RANGE_DX     5
/* Playback: a year, a week a frame. */
#define PLAY_WEEKS   52
/* The list: a wheel notch a frame. */
#define LIST_NOTCHES 90
/* The search: a key every SEARCH_EVERY frames (a quick typist, slower than the search entry's 150 ms
 * pause, so that each key filters), the word typed, then taken back. */
#define SEARCH_WORD  "region"
#define SEARCH_EVERY 10

typedef struct _Part Part;

struct _SitmapWindowScript
{
  SitmapWindow       *window;
  char               *window_id;  /* the X window, for xdotool's --window */
  GPid                xdotool;
  int                 xdotool_in;
  guint               n_markers;
  double              home[3];    /* the map's latitude, longitude and zoom when the script began */
  SitmapScriptResult  results[SITMAP_SCRIPT_N_PARTS];

  /* The part running */
  const Part         *part;
  GtkWidget          *target;     /* the widget its pointer inputs aim at */
  SitmapScriptResult *result;
  guint               frame;
  gboolean            stepping;
  guint               tail;
  guint               quiet;
  double              last_value;
  gboolean            done;

  /* The marker layer's own window */
  GtkWidget          *peer;
  ShumateMap         *peer_map;
};

struct _Part
{
  const char *name;
  /* Sets the window up for the part, before any frame is timed. Returns the widget its inputs aim at. */
  GtkWidget *(*begin) (SitmapWindowScript *self);
  /* Gives the input of frame i; FALSE once there is none left. */
  gboolean   (*step) (SitmapWindowScript *self, guint i);
  /* What the part moves. */
  double     (*value) (SitmapWindowScript *self);
  /* Besides the value holding still, what must hold for the part to have ended (or NULL). */
  gboolean   (*ended) (SitmapWindowScript *self);
};

/*
 * xdotool, fed a command a frame
 */

static void
start_xdotool (SitmapWindowScript *self)
{
  const char *argv[] = { "xdotool", "-", NULL };
  g_autoptr (GError) error = NULL;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                            &self->xdotool, &self->xdotool_in, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
stop_xdotool (SitmapWindowScript *self)
{
  int status;

  close (self->xdotool_in);
  waitpid (self->xdotool, &status, 0);
  g_spawn_close_pid (self->xdotool);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void G_GNUC_PRINTF (2, 3)
xdo (SitmapWindowScript *self, const char *format, ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize done = 0, length;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  length = strlen (line);
  line[length - 1] = '\n'; /* every format ends in a space, for this */
  while (done < length)
    {
      gssize n = write (self->xdotool_in, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      done += n;
    }
}

/* A press and a release where the pointer is. (xdotool's click waits 100 ms after it.) */
static void
click (SitmapWindowScript *self, int button)
{
  xdo (self, "mousedown %d mouseup %d ", button, button);
}

/* The pointer to x, y of the part's target widget. */
static void
move_to (SitmapWindowScript *self, double x, double y)
{
  g_autofree char *window = NULL;
  int wx, wy;

  sitmap_test_window_point (self->target, x, y, &window, &wx, &wy);
  xdo (self, "mousemove --window %s %d %d ", window, wx, wy);
}

/*
 * Helpers
 */

static SitmapViewState *
state (SitmapWindowScript *self)
{
  return sitmap_window_get_view_state (self->window);
}

static ShumateViewport *
viewport (SitmapWindowScript *self)
{
  return shumate_simple_map_get_viewport (sitmap_window_get_map (self->window));
}

static SitmapEventsPanel *
panel (SitmapWindowScript *self)
{
  return sitmap_sidebar_get_events_panel (sitmap_window_get_sidebar (self->window));
}

static GtkAdjustment *
list_adjustment (SitmapWindowScript *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (sitmap_events_panel_get_column_view (panel (self))),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for ms milliseconds: what a part left behind (the pointer's last events, a
 * transition) ends before the next is timed. */
static void
idle_for (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, timeout_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

/* Each part starts from the map's first view: the zoom's notches out may not undo its notches in. */
static void
go_home (SitmapWindowScript *self)
{
  shumate_viewport_set_zoom_level (viewport (self), self->home[2]);
  shumate_map_center_on (shumate_simple_map_get_map (sitmap_window_get_map (self->window)), self->home[0],
                         self->home[1]);
}

static void
settle (GtkWidget *widget)
{
  idle_for (300);
  sitmap_test_wait_for_paint (widget);
}

/* The pan's inputs on map: pressed left of the middle, dragged right and down, back, held, released. */
static gboolean
pan_step (SitmapWindowScript *self, guint i)
{
  double x0 = gtk_widget_get_width (self->target) * 0.3, y0 = gtk_widget_get_height (self->target) * 0.4;
  guint out = MIN (i, PAN_FRAMES), back = i > PAN_FRAMES ? MIN (i - PAN_FRAMES, PAN_FRAMES) : 0;

  if (i == 0)
    {
      move_to (self, x0, y0);
      xdo (self, "mousedown 1 ");
      return TRUE;
    }
  if (i < 2 * PAN_FRAMES + PAN_HOLD)
    {
      if (i <= 2 * PAN_FRAMES)
        move_to (self, x0 + PAN_DX * ((double) out - back), y0 + PAN_DY * ((double) out - back));
      return TRUE;
    }
  xdo (self, "mouseup 1 ");
  return FALSE;
}

/*
 * The parts
 */

static GtkWidget *
pan_begin (SitmapWindowScript *self)
{
  return GTK_WIDGET (sitmap_window_get_map (self->window));
}

static double
pan_value (SitmapWindowScript *self)
{
  return shumate_location_get_longitude (SHUMATE_LOCATION (viewport (self)));
}

static GtkWidget *
zoom_begin (SitmapWindowScript *self)
{
  return GTK_WIDGET (sitmap_window_get_map (self->window));
}

static gboolean
zoom_step (SitmapWindowScript *self, guint i)
{
  if (i == 0)
    move_to (self, gtk_widget_get_width (self->target) / 2.0, gtk_widget_get_height (self->target) / 2.0);
  if (i >= 2 * ZOOM_NOTCHES * ZOOM_EVERY)
    return FALSE;
  /* Button 4 is the wheel turned up: in. */
  if (i % ZOOM_EVERY == 0)
    click (self, i < ZOOM_NOTCHES * ZOOM_EVERY ? 4 : 5);
  return TRUE;
}

static double
zoom_value (SitmapWindowScript *self)
{
  return shumate_viewport_get_zoom_level (viewport (self));
}

static GtkWidget *
range_begin (SitmapWindowScript *self)
{
  sitmap_view_state_clear_range (state (self));
  return GTK_WIDGET (sitmap_window_get_timeline (self->window));
}

/* Pressed a quarter of the way along the lanes, dragged right a step a frame, released. */
static gboolean
range_step (SitmapWindowScript *self, guint i)
{
  double x0 = gtk_widget_get_width (self->target) * 0.25, y = gtk_widget_get_height (self->target) * 0.6;

  if (i == 0)
    {
      move_to (self, x0, y);
      xdo (self, "mousedown 1 ");
      return TRUE;
    }
  if (i <= RANGE_FRAMES)
    {
      move_to (self, x0 + RANGE_DX * (double) i, y);
      return TRUE;
    }
  xdo (self, "mouseup 1 ");
  return FALSE;
}

static double
range_value (SitmapWindowScript *self)
{
  gint64 start, end;

  if (!sitmap_view_state_get_range (state (self), &start, &end))
    return 0;
  return (end - start) / DAY_SECONDS;
}

static GtkWidget *
find_action_button (GtkWidget *root, const char *action)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  g_error ("no shown button does %s", action);
  return NULL;
}

/* A week's range at the start of 2023 (the synthetic events run from 2020 to 2024), played by weeks. */
static GtkWidget *
playback_begin (SitmapWindowScript *self)
{
  SitmapTimeline *timeline = sitmap_window_get_timeline (self->window);
  SitmapPlayback *playback = sitmap_timeline_get_playback (timeline);
  gint64 start = sitmap_time_from_civil (2023, 1, 2, 0, 0, 0);

  sitmap_playback_pause (playback);
  sitmap_playback_set_mode (playback, SITMAP_PLAYBACK_WINDOW);
  sitmap_playback_set_step (playback, SITMAP_PLAYBACK_STEP_WEEK);
  sitmap_view_state_set_range (state (self), start, start + 7 * 86400);
  return find_action_button (GTK_WIDGET (timeline), "timeline.step-forward");
}

static gboolean
playback_step (SitmapWindowScript *self, guint i)
{
  if (i >= PLAY_WEEKS)
    return FALSE;
  if (i == 0)
    move_to (self, gtk_widget_get_width (self->target) / 2.0, gtk_widget_get_height (self->target) / 2.0);
  click (self, 1);
  return TRUE;
}

static double
playback_value (SitmapWindowScript *self)
{
  gint64 start;

  if (!sitmap_view_state_get_range (state (self), &start, NULL))
    return 0;
  return start / DAY_SECONDS;
}

/* The list from its top, with every event passing. */
static GtkWidget *
list_begin (SitmapWindowScript *self)
{
  sitmap_view_state_clear_range (state (self));
  settle (GTK_WIDGET (self->window));
  gtk_adjustment_set_value (list_adjustment (self), 0);
  return GTK_WIDGET (sitmap_events_panel_get_column_view (panel (self)));
}

static gboolean
list_step (SitmapWindowScript *self, guint i)
{
  if (i >= LIST_NOTCHES)
    return FALSE;
  if (i == 0)
    move_to (self, gtk_widget_get_width (self->target) / 2.0, gtk_widget_get_height (self->target) / 2.0);
  /* Button 5 is the wheel turned down. */
  click (self, 5);
  return TRUE;
}

static double
list_value (SitmapWindowScript *self)
{
  return gtk_adjustment_get_value (list_adjustment (self));
}

/* The keyboard in the search entry (as Ctrl+F leaves it), and the X server's focus on the window. */
static GtkWidget *
search_begin (SitmapWindowScript *self)
{
  const char *argv[] = { "xdotool", "windowfocus", "--sync", self->window_id, NULL };
  g_autoptr (GError) error = NULL;
  int status;

  sitmap_sidebar_show_events (sitmap_window_get_sidebar (self->window), TRUE);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return GTK_WIDGET (sitmap_events_panel_get_column_view (panel (self)));
}

static gboolean
search_step (SitmapWindowScript *self, guint i)
{
  guint key = i / SEARCH_EVERY, n = strlen (SEARCH_WORD);

  if (key >= 2 * n)
    return FALSE;
  if (i % SEARCH_EVERY == 0)
    {
      if (key < n)
        xdo (self, "key %c ", SEARCH_WORD[key]);
      else
        xdo (self, "key BackSpace ");
    }
  return TRUE;
}

static double
search_value (SitmapWindowScript *self)
{
  return sitmap_view_state_get_n_visible (state (self));
}

/* The search entry's pause has passed: the filter has what was typed. */
static gboolean
search_ended (SitmapWindowScript *self)
{
  const char *text = sitmap_filter_get_text (sitmap_view_state_get_filter (state (self)));

  return text == NULL || *text == '\0';
}

/* The marker layer's window: a plain ShumateMap the size of the window's, over the same tiles, centred
 * where the window's map is, with n_markers markers at random points over Syria. */
static void
open_peer (SitmapWindowScript *self)
{
  ShumateSimpleMap *simple = sitmap_window_get_map (self->window);
  ShumateMapSource *source = shumate_simple_map_get_map_source (simple);
  ShumateViewport *peer_viewport;
  ShumateMarkerLayer *markers;
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  self->peer = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (self->peer), "ShumateMarkerLayer");
  gtk_window_set_default_size (GTK_WINDOW (self->peer), gtk_widget_get_width (GTK_WIDGET (simple)),
                               gtk_widget_get_height (GTK_WIDGET (simple)));
  self->peer_map = shumate_map_new ();
  peer_viewport = shumate_map_get_viewport (self->peer_map);
  shumate_viewport_set_reference_map_source (peer_viewport, source);
  shumate_map_add_layer (self->peer_map, SHUMATE_LAYER (shumate_map_layer_new (source, peer_viewport)));
  markers = shumate_marker_layer_new (peer_viewport);
  for (guint i = 0; i < self->n_markers; i++)
    {
      ShumateMarker *marker = shumate_marker_new ();

      shumate_marker_set_child (marker, gtk_image_new_from_icon_name ("mark-location-symbolic"));
      shumate_location_set_location (SHUMATE_LOCATION (marker), g_rand_double_range (rand, 32.3, 37.3),
                                     g_rand_double_range (rand, 35.7, 42.0));
      shumate_marker_layer_add_marker (markers, marker);
    }
  shumate_map_add_layer (self->peer_map, SHUMATE_LAYER (markers));
  gtk_window_set_child (GTK_WINDOW (self->peer), GTK_WIDGET (self->peer_map));
  gtk_window_present (GTK_WINDOW (self->peer));
  while (gtk_widget_get_width (GTK_WIDGET (self->peer_map)) <= 0)
    g_main_context_iteration (NULL, TRUE);
  shumate_viewport_set_zoom_level (peer_viewport, self->home[2]);
  shumate_map_center_on (self->peer_map, self->home[0], self->home[1]);
}

static GtkWidget *
marker_begin (SitmapWindowScript *self)
{
  open_peer (self);
  return GTK_WIDGET (self->peer_map);
}

static double
marker_value (SitmapWindowScript *self)
{
  return shumate_location_get_longitude (SHUMATE_LOCATION (shumate_map_get_viewport (self->peer_map)));
}

static const Part parts[SITMAP_SCRIPT_N_PARTS] = {
  [SITMAP_SCRIPT_PAN] = { "pan", pan_begin, pan_step, pan_value, NULL },
  [SITMAP_SCRIPT_ZOOM] = { "zoom", zoom_begin, zoom_step, zoom_value, NULL },
  [SITMAP_SCRIPT_RANGE] = { "range", range_begin, range_step, range_value, NULL },
  [SITMAP_SCRIPT_PLAYBACK] = { "playback", playback_begin, playback_step, playback_value, NULL },
  [SITMAP_SCRIPT_LIST] = { "list", list_begin, list_step, list_value, NULL },
  [SITMAP_SCRIPT_SEARCH] = { "search", search_begin, search_step, search_value, search_ended },
  [SITMAP_SCRIPT_MARKER_LAYER] = { "marker_layer", marker_begin, pan_step, marker_value, NULL },
};

/*
 * Running a part
 */

static void
watch_value (SitmapWindowScript *self)
{
  double value = self->part->value (self);

  /* SITMAP_SCRIPT_TRACE=1: each frame's input number and value, to see what a part does. */
  if (g_getenv ("SITMAP_SCRIPT_TRACE") != NULL)
    g_printerr ("%s %u: %g\n", self->part->name, self->frame, value);
  if (value != self->last_value)
    {
      self->result->n_changed++;
      self->quiet = 0;
    }
  else
    self->quiet++;
  self->last_value = value;
  self->result->furthest = MAX (self->result->furthest, fabs (value - self->result->before));
}

/* In each frame's update phase: the next input, or the wait for its effects to end. */
static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  SitmapWindowScript *self = data;

  watch_value (self);
  if (self->stepping)
    {
      self->stepping = self->part->step (self, self->frame++);
      self->result->n_steps++;
      return G_SOURCE_CONTINUE;
    }
  self->tail++;
  if (self->tail >= TAIL_MIN && self->quiet >= QUIET_FRAMES &&
      (self->part->ended == NULL || self->part->ended (self)))
    {
      self->result->settled = TRUE;
      self->done = TRUE;
    }
  else if (self->tail >= TAIL_MAX)
    self->done = TRUE;
  return self->done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

void
sitmap_window_script_run (SitmapWindowScript *self, SitmapScriptPart which)
{
  SitmapScriptResult *result = &self->results[which];
  g_autoptr (SitmapFrameRecorder) recorder = NULL;
  GtkWidget *toplevel;
  const double *frames;
  guint n_frames;

  g_return_if_fail (which < SITMAP_SCRIPT_N_PARTS);

  go_home (self);
  self->part = &parts[which];
  self->result = result;
  g_array_set_size (result->frames, 0);
  g_array_set_size (result->paints, 0);
  result->n_stalls = result->n_steps = result->n_changed = 0;
  result->settled = FALSE;
  result->furthest = 0;
  self->target = self->part->begin (self);
  toplevel = GTK_WIDGET (gtk_widget_get_root (self->target));
  settle (toplevel);

  result->before = self->last_value = self->part->value (self);
  self->frame = self->tail = self->quiet = 0;
  self->stepping = TRUE;
  self->done = FALSE;
  recorder = sitmap_frame_recorder_new (toplevel);
  sitmap_frame_recorder_start (recorder);
  gtk_widget_add_tick_callback (toplevel, tick_cb, self, NULL);
  while (!self->done)
    g_main_context_iteration (NULL, TRUE);
  sitmap_frame_recorder_stop (recorder);
  result->after = self->part->value (self);

  frames = sitmap_frame_recorder_get_frames (recorder, &n_frames);
  g_array_append_vals (result->frames, frames, n_frames);
  frames = sitmap_frame_recorder_get_paints (recorder, &n_frames);
  g_array_append_vals (result->paints, frames, n_frames);
  result->n_stalls = sitmap_frame_recorder_get_n_stalls (recorder);
  g_clear_pointer (&recorder, sitmap_frame_recorder_free);
  if (self->peer != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self->peer));
      self->peer = NULL;
      self->peer_map = NULL;
    }
  settle (GTK_WIDGET (self->window));
  self->part = NULL;
  self->target = NULL;
}

/*
 * Public API
 */

SitmapWindowScript *
sitmap_window_script_new (SitmapWindow *window)
{
  SitmapWindowScript *self = g_new0 (SitmapWindowScript, 1);
  int x, y;

  self->window = g_object_ref (window);
  self->n_markers = 10000;
  for (guint i = 0; i < SITMAP_SCRIPT_N_PARTS; i++)
    {
      self->results[i].name = parts[i].name;
      self->results[i].frames = g_array_new (FALSE, FALSE, sizeof (double));
      self->results[i].paints = g_array_new (FALSE, FALSE, sizeof (double));
    }
  sitmap_test_window_point (GTK_WIDGET (window), 0, 0, &self->window_id, &x, &y);
  self->home[0] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport (self)));
  self->home[1] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport (self)));
  self->home[2] = shumate_viewport_get_zoom_level (viewport (self));
  start_xdotool (self);
  /* The list beside the map throughout: it follows the range and the search as a user sees it. */
  sitmap_sidebar_show_events (sitmap_window_get_sidebar (window), FALSE);
  sitmap_test_wait_for_transitions (GTK_WIDGET (window));
  settle (GTK_WIDGET (window));
  return self;
}

void
sitmap_window_script_free (SitmapWindowScript *self)
{
  stop_xdotool (self);
  for (guint i = 0; i < SITMAP_SCRIPT_N_PARTS; i++)
    {
      g_array_unref (self->results[i].frames);
      g_array_unref (self->results[i].paints);
    }
  g_free (self->window_id);
  g_object_unref (self->window);
  g_free (self);
}

void
sitmap_window_script_set_n_markers (SitmapWindowScript *self, guint n_markers)
{
  self->n_markers = n_markers;
}

const SitmapScriptResult *
sitmap_window_script_get_result (SitmapWindowScript *self, SitmapScriptPart part)
{
  g_return_val_if_fail (part < SITMAP_SCRIPT_N_PARTS, NULL);
  return &self->results[part];
}
