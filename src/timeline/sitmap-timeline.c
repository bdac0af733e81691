/* sitmap-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sitmap-timeline-private.h"

#define DAY_SECONDS 86400
/* The narrowest window: a minute. Ticks go down to seconds, so it is still readable. */
#define MIN_WINDOW_SECONDS 60
/* How long the window takes to scroll to an event revealed, and the room it leaves either side of an
 * event longer than it (a share of the window). */
#define REVEAL_DURATION_US (280 * G_TIME_SPAN_MILLISECOND)
#define REVEAL_EDGE        20
/* A filter's histogram over more events than this is made in a thread: at a million it takes a few
 * frames. */
#define FILTERED_IN_THREAD 50000

G_DEFINE_FINAL_TYPE (SitmapTimeline, sitmap_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW_STATE,
  PROP_LOCAL_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static void
update_accessible_description (SitmapTimeline *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *range = NULL;
  g_autofree char *description = NULL;
  gint64 start, end;

  if (!_sitmap_timeline_get_window (self, &start, &end))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  /* In the units a drag would snap to at this zoom: "Apr 2010 – Aug 2025", not to the minute. */
  if (self->width > 0)
    {
      SitmapAxisStep step = sitmap_axis_snap_step (self->width / (double) (end - start));

      start = sitmap_axis_step_floor (step, self->zone, start);
      end = sitmap_axis_step_next (step, self->zone, sitmap_axis_step_floor (step, self->zone, end - 1));
    }
  shown = sitmap_axis_format_range (self->zone, start, end);
  range = sitmap_timeline_header_describe_range (self->header);
  if (sitmap_playback_get_playing (self->playback))
    /* TRANSLATORS: what the timeline shows, then the time range that filters the map, while it plays */
    description = g_strdup_printf (_("Showing %s. Time range: %s. Playing"), shown, range);
  else
    /* TRANSLATORS: what the timeline shows, then the time range that filters the map (or all dates) */
    description = g_strdup_printf (_("Showing %s. Time range: %s"), shown, range);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* The extent of what the timeline shows is where playback starts and ends: under a search, from the
 * first event found to the last. */
static void
update_playback_extent (SitmapTimeline *self)
{
  gint64 start = 0, end = 0;
  gboolean has_extent = _sitmap_timeline_get_shown_extent (self, &start, &end);

  if (self->playback != NULL)
    sitmap_playback_set_extent (self->playback, has_extent, start, end);
}

static int
header_size (SitmapTimeline *self, GtkOrientation orientation)
{
  int size;

  gtk_widget_measure (GTK_WIDGET (self->header), orientation, -1, &size, NULL, NULL, NULL);
  return size;
}

/* The play and step actions are the timeline's: the header row only shows their state. */
static void
update_playback_header (SitmapTimeline *self)
{
  gboolean can_play = sitmap_playback_can_play (self->playback);

  sitmap_timeline_header_update_playback (self->header);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.play-pause", can_play);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.step-back", can_play);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.step-forward", can_play);
}

/* The header row follows the range, its counts and the data's extent. */
static void
update_header (SitmapTimeline *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  SitmapTimeHistogram *histogram = _sitmap_timeline_get_histogram (self);
  gboolean dated = document != NULL && sitmap_document_get_columns (document)->n_dated > 0;
  gint64 start = 0, end = 0;
  gboolean has_extent = histogram != NULL && sitmap_time_histogram_get_extent (histogram, &start, &end);

  sitmap_timeline_header_set_extent (self->header, dated, has_extent, start, end);
  sitmap_timeline_header_update (self->header);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.clear-range",
                                 self->view_state != NULL && sitmap_view_state_get_range (self->view_state, NULL, NULL));
  update_playback_header (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
invalidate_layout (SitmapTimeline *self)
{
  self->bins_valid = FALSE;
  _sitmap_timeline_invalidate_marks (self);
}

/*
 * The histogram of the events that pass the filter
 */

typedef struct
{
  SitmapDocument *document; /* held, with its store, while the thread reads the columns */
  const SitmapEventColumns *columns; /* read here: an import may replace the document's store meanwhile */
  SitmapBitset    passing;  /* a copy: the view state makes a new one on the next change */
  guint           n_passing;
  guint           hidden;   /* categories the filter hides: not drawn, so never taken away */
  SitmapTimeHistogram *whole; /* the document's histogram, when it is for these columns; or NULL */
} FilteredBuild;

static void
filtered_build_free (gpointer data)
{
  FilteredBuild *build = data;

  g_object_unref (build->document);
  sitmap_bitset_clear (&build->passing);
  g_clear_pointer (&build->whole, sitmap_time_histogram_free);
  g_free (build);
}

/* The positions (in time order, undated last, then those edits added) whose bit is set in words, or clear
 * when failing, and that count: dated, live, of a category drawn; NULL past limit of them. Words wholly
 * among the undated sorted events need no look. */
static GArray *
collect_positions (FilteredBuild *build, gboolean failing, guint limit)
{
  const SitmapEventColumns *columns = build->columns;
  const SitmapBitset *passing = &build->passing;
  g_autoptr (GArray) positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), MIN (limit, 1u << 16));

  for (guint w = 0; w < passing->n_words; w++)
    {
      guint64 bits = failing ? ~passing->words[w] : passing->words[w];

      if ((w << 6) >= columns->n_dated && ((w + 1) << 6) <= columns->n_sorted)
        continue;
      if (((w + 1) << 6) > passing->n_bits)
        bits &= (G_GUINT64_CONSTANT (1) << (passing->n_bits - (w << 6))) - 1;
      for (; bits != 0; bits &= bits - 1)
        {
          guint32 position = (w << 6) | (guint) __builtin_ctzll (bits);

          if (!sitmap_event_columns_is_dated (columns, position) ||
              (failing && ((columns->flags[position] & SITMAP_EVENT_FLAG_DELETED) ||
                           (build->hidden & (1u << columns->category[position])))))
            continue;
          if (positions->len == limit)
            return NULL;
          g_array_append_val (positions, position);
        }
    }
  return g_steal_pointer (&positions);
}

/* When most events pass, the document's histogram less the few that do not; else the histogram of those
 * that do. */
static SitmapTimeHistogram *
filtered_build_run (FilteredBuild *build)
{
  g_autoptr (GArray) positions = NULL;

  if (build->whole != NULL && (positions = collect_positions (build, TRUE, build->n_passing)) != NULL)
    return sitmap_time_histogram_new_without (build->whole, build->columns,
                                              (const guint32 *) (gpointer) positions->data, positions->len,
                                              &build->passing);
  positions = collect_positions (build, FALSE, G_MAXUINT);
  g_assert (positions != NULL);
  return sitmap_time_histogram_new_for (build->columns, (const guint32 *) (gpointer) positions->data,
                                        positions->len);
}

/* The thread holds the document: an edit of events waits for it (sitmap_document_begin_reading()). */
static void
filtered_build_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  FilteredBuild *build = data;
  SitmapTimeHistogram *histogram = filtered_build_run (build);

  sitmap_document_end_reading (build->document);
  g_task_return_pointer (task, histogram, (GDestroyNotify) sitmap_time_histogram_free);
}

static void
set_filtered_histogram (SitmapTimeline *self, SitmapTimeHistogram *histogram)
{
  g_clear_pointer (&self->filtered_histogram, sitmap_time_histogram_free);
  self->filtered_histogram = histogram;
  update_playback_extent (self);
  invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
filtered_build_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = G_TASK (result);
  SitmapTimeHistogram *histogram = g_task_propagate_pointer (task, NULL);
  SitmapTimeline *self;

  /* A newer filter, or the widget gone: the cancellable says so, and the result is not wanted. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      sitmap_time_histogram_free (histogram);
      return;
    }
  self = SITMAP_TIMELINE (source);
  g_clear_object (&self->filtered_building);
  set_filtered_histogram (self, histogram);
}

static void
cancel_filtered_build (SitmapTimeline *self)
{
  if (self->filtered_building == NULL)
    return;
  g_cancellable_cancel (self->filtered_building);
  g_clear_object (&self->filtered_building);
}

/* The document's histogram when it is the current one for document, not one an edit is replacing. */
static SitmapTimeHistogram *
get_current_histogram (SitmapTimeline *self, SitmapDocument *document)
{
  SitmapTimeHistogram *histogram = _sitmap_timeline_get_histogram (self);

  if (histogram == NULL || self->document_building != NULL || self->histogram_document != document ||
      self->histogram_serial != sitmap_document_get_events_serial (document))
    return NULL;
  return histogram;
}

/* Once per change of the passing set, never per frame, and for many events in a thread, the main thread
 * only copying the passing set's bits. Without a filter beyond categories the document's histogram, which
 * counts per category, is all it takes. */
static void
update_filtered_histogram (SitmapTimeline *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
  const SitmapBitset *passing = self->view_state ? sitmap_view_state_get_passing (self->view_state) : NULL;
  FilteredBuild *build;
  SitmapTimeHistogram *whole;
  g_autoptr (GTask) task = NULL;

  cancel_filtered_build (self);
  /* A filter that every event passes (a search for a word all of them have) changes no bar. */
  self->filtered = document != NULL && passing != NULL &&
                   sitmap_view_state_get_n_passing (self->view_state) < sitmap_document_get_n_events (document) &&
                   sitmap_view_state_get_filter_beyond_categories (self->view_state);
  if (!self->filtered)
    {
      if (self->filtered_histogram != NULL)
        set_filtered_histogram (self, NULL);
      return;
    }
  build = g_new0 (FilteredBuild, 1);
  build->document = g_object_ref (document);
  build->columns = sitmap_document_get_columns (document);
  sitmap_bitset_init (&build->passing, passing->n_bits);
  memcpy (build->passing.words, passing->words, passing->n_words * sizeof (guint64));
  build->n_passing = sitmap_view_state_get_n_passing (self->view_state);
  build->hidden = sitmap_view_state_get_hidden_categories (self->view_state);
  if (build->n_passing <= FILTERED_IN_THREAD)
    {
      /* Few events: the histogram of those alone, at once. */
      set_filtered_histogram (self, filtered_build_run (build));
      filtered_build_free (build);
      return;
    }
  whole = get_current_histogram (self, document);
  build->whole = whole != NULL ? sitmap_time_histogram_ref (whole) : NULL;
  self->filtered_building = g_cancellable_new ();
  task = g_task_new (self, self->filtered_building, filtered_build_done_cb, NULL);
  g_task_set_source_tag (task, update_filtered_histogram);
  g_task_set_task_data (task, build, filtered_build_free);
  sitmap_document_begin_reading (build->document);
  g_task_run_in_thread (task, filtered_build_thread);
}

SitmapTimeHistogram *
_sitmap_timeline_get_shown_histogram (SitmapTimeline *self)
{
  SitmapTimeHistogram *histogram = _sitmap_timeline_get_histogram (self);

  return self->filtered && self->filtered_histogram != NULL ? self->filtered_histogram : histogram;
}

gboolean
_sitmap_timeline_get_shown_extent (SitmapTimeline *self, gint64 *start, gint64 *end)
{
  SitmapTimeHistogram *shown = _sitmap_timeline_get_shown_histogram (self);
  SitmapTimeHistogram *histogram = _sitmap_timeline_get_histogram (self);

  /* No dated event passes: the document's time is still somewhere to go. */
  if (shown != NULL && sitmap_time_histogram_get_extent (shown, start, end))
    return TRUE;
  return histogram != NULL && sitmap_time_histogram_get_extent (histogram, start, end);
}

gboolean
_sitmap_timeline_is_histogram_pending (SitmapTimeline *self)
{
  return self->filtered_building != NULL;
}

/*
 * Callbacks
 */

static void
window_changed_cb (SitmapTimeline *self)
{
  invalidate_layout (self);
  update_accessible_description (self);
  /* The range label follows the brush. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
range_changed_cb (SitmapTimeline *self)
{
  update_header (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
layout_changed_cb (SitmapTimeline *self)
{
  invalidate_layout (self);
}

static void
document_changed_cb (SitmapTimeline *self)
{
  invalidate_layout (self);
  update_playback_extent (self);
  update_header (self);
  update_accessible_description (self);
}

static void
passing_changed_cb (SitmapTimeline *self)
{
  update_filtered_histogram (self);
  invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
undated_n_items_cb (SitmapTimeline *self)
{
  sitmap_timeline_header_update_undated (self->header);
}

/*
 * Following the view state: scrolling to an event revealed, showing all
 */

static void
stop_reveal (SitmapTimeline *self)
{
  if (self->reveal_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick_id);
  self->reveal_tick_id = 0;
}

static gboolean
reveal_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  gint64 start, end, span, now = gdk_frame_clock_get_frame_time (clock);
  double t, eased;

  /* The user took the window meanwhile. */
  if (!_sitmap_timeline_get_window (self, &start, &end) || start != self->reveal_set)
    {
      self->reveal_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (self->reveal_began == 0)
    self->reveal_began = now;
  t = MIN ((double) (now - self->reveal_began) / REVEAL_DURATION_US, 1);
  eased = 1 - pow (1 - t, 3);
  start = self->reveal_from + (gint64) llround ((double) (self->reveal_to - self->reveal_from) * eased);
  span = self->reveal_from_span + (gint64) llround ((double) (self->reveal_span - self->reveal_from_span) * eased);
  _sitmap_timeline_set_window (self, start, start + span);
  _sitmap_timeline_get_window (self, &self->reveal_set, &end);
  if (t < 1)
    return G_SOURCE_CONTINUE;
  self->reveal_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Moves the window to start at start and last span: smoothly when the timeline is on screen and
 * animations are on. */
static void
scroll_window_to (SitmapTimeline *self, gint64 start, gint64 span)
{
  gboolean animate = FALSE;
  gint64 end;

  stop_reveal (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animate, NULL);
  if (!animate || !_sitmap_timeline_get_window (self, &self->reveal_from, &end))
    {
      _sitmap_timeline_set_window (self, start, start + span);
      return;
    }
  self->reveal_from_span = end - self->reveal_from;
  self->reveal_to = start;
  self->reveal_span = span;
  self->reveal_began = 0;
  self->reveal_set = self->reveal_from;
  self->reveal_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb, NULL, NULL);
}

/* The view state asks to bring an event into view: unless the window holds its time already, the window
 * scrolls to centre it, keeping its length. Only an event longer than the window (a date known to the
 * month or the year) makes it longer, enough to show the event whole with a little room. */
static void
reveal_cb (SitmapTimeline *self, gint position, guint flags)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  const SitmapEventColumns *columns;
  gint64 start, end, span, event_start, event_end;

  if (document == NULL || !_sitmap_timeline_get_window (self, &start, &end))
    return;
  columns = sitmap_document_get_columns (document);
  /* An undated event has no time to scroll to. */
  if (position < 0 || !sitmap_event_columns_is_dated (columns, position))
    return;
  event_start = columns->start[position];
  event_end = sitmap_event_columns_get_end (columns, position);
  /* An open bound says nothing of where the event lies: its other bound does. */
  if (event_start == SITMAP_TIME_OPEN_START)
    event_start = event_end - 1;
  if (event_end == SITMAP_TIME_OPEN_END)
    event_end = event_start + 1;
  if (event_start >= start && event_end <= end)
    return;
  span = end - start;
  /* Longer than the window: a window that holds it with some room either side. */
  if (event_end - event_start > span)
    span = (event_end - event_start) * REVEAL_EDGE / (REVEAL_EDGE - 2) + 1;
  scroll_window_to (self, event_start + (event_end - event_start) / 2 - span / 2, span);
}

static void
show_all_cb (SitmapTimeline *self)
{
  stop_reveal (self);
  sitmap_timeline_zoom_to_fit (self);
}

static gboolean
playback_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  _sitmap_timeline_playback_tick (self, self->last_frame_time != 0 ? now - self->last_frame_time : 0);
  self->last_frame_time = now;
  if (sitmap_playback_get_playing (self->playback))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Playback is driven by the frame clock, so it runs at the display's pace and stops when hidden. */
static void
playing_changed_cb (SitmapTimeline *self)
{
  gboolean playing = sitmap_playback_get_playing (self->playback);

  if (playing && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), playback_tick_cb, NULL, NULL);
    }
  else if (!playing && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  update_playback_header (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
playback_settings_changed_cb (SitmapTimeline *self)
{
  update_playback_header (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
playback_moved_cb (SitmapTimeline *self)
{
  _sitmap_timeline_show_range (self);
}

/* After typed dates or a preset: the range fills most of the window, unless it is already well in view. */
static void
frame_range (SitmapTimeline *self)
{
  gint64 start, end, range_start, range_end, pad;

  if (!_sitmap_timeline_get_window (self, &start, &end) ||
      !sitmap_view_state_get_range (self->view_state, &range_start, &range_end))
    return;
  if (range_start >= start && range_end <= end && (range_end - range_start) * 10 >= end - start)
    return;
  pad = MAX ((range_end - range_start) / 8, 1);
  _sitmap_timeline_set_window (self, range_start - pad, range_end + pad);
}

static void
show_range_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  frame_range (SITMAP_TIMELINE (widget));
}

/*
 * Actions
 */

static void
clear_range_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (self->view_state != NULL)
    sitmap_view_state_clear_range (self->view_state);
}

static void
zoom_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  sitmap_timeline_zoom (self, g_str_equal (action_name, "timeline.zoom-in") ? 0.5 : 2.0, self->width / 2.0);
}

static void
zoom_to_fit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  sitmap_timeline_zoom_to_fit (SITMAP_TIMELINE (widget));
}

static void
play_pause_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  if (sitmap_playback_get_playing (self->playback))
    sitmap_playback_pause (self->playback);
  else
    sitmap_playback_play (self->playback);
}

static void
step_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);

  sitmap_playback_pause (self->playback);
  sitmap_playback_move (self->playback, g_str_equal (action_name, "timeline.step-forward") ? 1 : -1);
}

/* The last days of the data, in whole days of the axis's time zone; "all" lets every event in. */
static void
range_preset_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  SitmapTimeHistogram *histogram = _sitmap_timeline_get_histogram (self);
  const char *preset = g_variant_get_string (parameter, NULL);
  SitmapAxisStep day = { SITMAP_AXIS_UNIT_DAY, 1 };
  gint64 start, end, last_day;
  int days;

  if (self->view_state == NULL)
    return;
  if (g_str_equal (preset, "all"))
    {
      sitmap_view_state_clear_range (self->view_state);
      return;
    }
  if (histogram == NULL || !sitmap_time_histogram_get_extent (histogram, &start, &end))
    return;
  days = g_str_equal (preset, "last-7-days") ? 7 : 30;
  last_day = sitmap_axis_step_floor (day, self->zone, end - 1);
  sitmap_view_state_set_range (self->view_state, sitmap_axis_step_add (day, self->zone, last_day, 1 - days),
                               sitmap_axis_step_add (day, self->zone, last_day, 1));
  frame_range (self);
}

/*
 * GtkWidget
 */

static int
axis_height (SitmapTimeline *self)
{
  _sitmap_timeline_get_layout (self, SITMAP_AXIS_LABEL_TICK);
  return (int) SITMAP_TIMELINE_TICK_MAJOR + 1 + self->tick_line_height + self->context_line_height + 3;
}

static void
sitmap_timeline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  int fixed;

  /* No narrower than its header row needs: its buttons never overlap. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (240, header_size (self, GTK_ORIENTATION_HORIZONTAL));
      *natural = MAX (720, *minimum);
      return;
    }
  fixed = header_size (self, GTK_ORIENTATION_VERTICAL) + (int) (SITMAP_TIMELINE_OVERFLOW_H + SITMAP_TIMELINE_LANES_GAP) +
          axis_height (self);
  *minimum = fixed + 2 * (int) SITMAP_TIMELINE_LANE_PITCH;
  *natural = fixed + 6 * (int) SITMAP_TIMELINE_LANE_PITCH;
}

static void
sitmap_timeline_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SitmapTimeline *self = SITMAP_TIMELINE (widget);
  int header_height = header_size (self, GTK_ORIENTATION_VERTICAL);
  double x0 = 0, x1 = 0;
  gboolean brush;

  if (sitmap_timeline_layout_set_size (self->layout, width, header_height, height - axis_height (self)) ||
      self->height != height)
    invalidate_layout (self);
  self->width = width;
  self->height = height;
  /* The range sits over the brush's middle */
  brush = _sitmap_timeline_get_brush (self, &x0, &x1);
  sitmap_timeline_header_set_brush (self->header, brush, x0, x1);
  gtk_widget_size_allocate (GTK_WIDGET (self->header), &(GtkAllocation) { 0, 0, width, header_height }, -1);
}

static void
fonts_changed (SitmapTimeline *self)
{
  /* The font may have changed: labels are measured anew. */
  g_clear_object (&self->pango);
  sitmap_time_axis_invalidate (self->axis);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
sitmap_timeline_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sitmap_timeline_parent_class)->css_changed (widget, change);
  fonts_changed (SITMAP_TIMELINE (widget));
}

static void
sitmap_timeline_system_setting_changed (GtkWidget *widget, GtkSystemSetting setting)
{
  GTK_WIDGET_CLASS (sitmap_timeline_parent_class)->system_setting_changed (widget, setting);
  fonts_changed (SITMAP_TIMELINE (widget));
}

/* Time runs the other way: every mark moves. */
static void
sitmap_timeline_direction_changed (GtkWidget *widget, GtkTextDirection previous)
{
  GTK_WIDGET_CLASS (sitmap_timeline_parent_class)->direction_changed (widget, previous);
  /* A child's direction is GTK's default unless set: the header row mirrors with the timeline. */
  gtk_widget_set_direction (GTK_WIDGET (SITMAP_TIMELINE (widget)->header), gtk_widget_get_direction (widget));
  invalidate_layout (SITMAP_TIMELINE (widget));
  gtk_widget_queue_allocate (widget);
}

/*
 * GObject
 */

static void
sitmap_timeline_dispose (GObject *object)
{
  SitmapTimeline *self = (SitmapTimeline *) object;

  sitmap_timeline_set_view_state (self, NULL);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  stop_reveal (self);
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  g_clear_object (&self->playback);
  if (self->document_building != NULL)
    g_cancellable_cancel (self->document_building);
  g_clear_object (&self->document_building);
  if (self->header != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->header));
  self->header = NULL;
  G_OBJECT_CLASS (sitmap_timeline_parent_class)->dispose (object);
}

static void
sitmap_timeline_finalize (GObject *object)
{
  SitmapTimeline *self = (SitmapTimeline *) object;

  g_clear_object (&self->view_state_signals);
  g_clear_object (&self->pango);
  g_clear_object (&self->histogram_document);
  g_clear_pointer (&self->histogram, sitmap_time_histogram_free);
  g_clear_pointer (&self->filtered_histogram, sitmap_time_histogram_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->tick_attrs, pango_attr_list_unref);
  g_clear_pointer (&self->context_attrs, pango_attr_list_unref);
  g_clear_pointer (&self->axis, sitmap_time_axis_free);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->bin_edges, g_array_unref);
  g_clear_pointer (&self->bins, g_array_unref);
  G_OBJECT_CLASS (sitmap_timeline_parent_class)->finalize (object);
}

static void
sitmap_timeline_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapTimeline *self = SITMAP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: g_value_set_object (value, self->view_state); break;
    case PROP_LOCAL_TIME: g_value_set_boolean (value, self->local_time); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_timeline_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SitmapTimeline *self = SITMAP_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VIEW_STATE: sitmap_timeline_set_view_state (self, g_value_get_object (value)); break;
    case PROP_LOCAL_TIME: sitmap_timeline_set_local_time (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_timeline_class_init (SitmapTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sitmap_timeline_dispose;
  object_class->finalize = sitmap_timeline_finalize;
  object_class->get_property = sitmap_timeline_get_property;
  object_class->set_property = sitmap_timeline_set_property;

  widget_class->measure = sitmap_timeline_measure;
  widget_class->size_allocate = sitmap_timeline_size_allocate;
  widget_class->snapshot = _sitmap_timeline_snapshot;
  widget_class->css_changed = sitmap_timeline_css_changed;
  widget_class->system_setting_changed = sitmap_timeline_system_setting_changed;
  widget_class->direction_changed = sitmap_timeline_direction_changed;
  widget_class->query_tooltip = _sitmap_timeline_query_tooltip;

  properties[PROP_VIEW_STATE] = g_param_spec_object ("view-state", NULL, NULL, SITMAP_TYPE_VIEW_STATE, rw);
  properties[PROP_LOCAL_TIME] = g_param_spec_boolean ("local-time", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "timeline.clear-range", NULL, clear_range_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-to-fit", NULL, zoom_to_fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "timeline.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "timeline.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "timeline.range-preset", "s", range_preset_action);
  gtk_widget_class_install_action (widget_class, "timeline.show-range", NULL, show_range_action);
  gtk_widget_class_install_property_action (widget_class, "timeline.local-time", "local-time");
  _sitmap_timeline_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
connect_view_state (SitmapTimeline *self)
{
  static const struct
  {
    const char *signal;
    GCallback   callback;
  } handlers[] = {
    { "notify::window-start", G_CALLBACK (window_changed_cb) },
    { "notify::window-end", G_CALLBACK (window_changed_cb) },
    { "notify::has-range", G_CALLBACK (range_changed_cb) },
    { "notify::range-start", G_CALLBACK (range_changed_cb) },
    { "notify::range-end", G_CALLBACK (range_changed_cb) },
    { "notify::range-rule", G_CALLBACK (range_changed_cb) },
    { "visible-changed", G_CALLBACK (range_changed_cb) },
    { "notify::selected", G_CALLBACK (layout_changed_cb) },
    { "notify::hidden-categories", G_CALLBACK (layout_changed_cb) },
    { "notify::document", G_CALLBACK (document_changed_cb) },
    { "passing-changed", G_CALLBACK (passing_changed_cb) },
    { "reveal", G_CALLBACK (reveal_cb) },
    { "show-all", G_CALLBACK (show_all_cb) },
  };

  self->view_state_signals = g_signal_group_new (SITMAP_TYPE_VIEW_STATE);
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_group_connect_swapped (self->view_state_signals, handlers[i].signal, handlers[i].callback, self);
}

/* The header's speed menu sets the playback's properties through these. */
static void
set_playback_actions (SitmapTimeline *self)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  const char *names[] = { "speed", "step", "mode" };

  g_assert (self->playback != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GPropertyAction) action = g_property_action_new (names[i], self->playback, names[i]);

      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "playback", G_ACTION_GROUP (group));
}

static void
sitmap_timeline_init (SitmapTimeline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->axis = sitmap_time_axis_new ();
  self->layout = sitmap_timeline_layout_new ();
  self->bin_edges = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->bins = g_array_new (FALSE, FALSE, sizeof (SitmapHistogramCounts));
  self->hover_position = -1;
  connect_view_state (self);

  self->playback = sitmap_playback_new ();
  g_signal_connect_swapped (self->playback, "notify::playing", G_CALLBACK (playing_changed_cb), self);
  g_signal_connect_swapped (self->playback, "notify::active", G_CALLBACK (playback_settings_changed_cb), self);
  g_signal_connect_swapped (self->playback, "notify::speed", G_CALLBACK (playback_settings_changed_cb), self);
  g_signal_connect_swapped (self->playback, "notify::step", G_CALLBACK (playback_settings_changed_cb), self);
  g_signal_connect_swapped (self->playback, "notify::mode", G_CALLBACK (playback_settings_changed_cb), self);
  g_signal_connect_swapped (self->playback, "moved", G_CALLBACK (playback_moved_cb), self);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS,
                                  "Left Right Shift+Left Shift+Right Home End plus minus 0 space Escape", -1);

  set_playback_actions (self);
  self->header = SITMAP_TIMELINE_HEADER (sitmap_timeline_header_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->header), widget);
  sitmap_timeline_header_set_sources (self->header, NULL, self->playback, NULL);
  _sitmap_timeline_init_input (self);
  update_header (self);
}

/*
 * Private API
 */

/* The view state's window, kept within what the axis can show; FALSE when there is none. */
gboolean
_sitmap_timeline_get_window (SitmapTimeline *self, gint64 *start, gint64 *end)
{
  gint64 min = sitmap_time_axis_get_min_time ();
  gint64 max = sitmap_time_axis_get_max_time ();

  if (self->view_state == NULL)
    return FALSE;
  sitmap_view_state_get_window (self->view_state, start, end);
  *start = CLAMP (*start, min, max);
  *end = CLAMP (*end, min, max);
  return *start < *end;
}

void
_sitmap_timeline_set_window (SitmapTimeline *self, gint64 start, gint64 end)
{
  gint64 min = sitmap_time_axis_get_min_time ();
  gint64 max = sitmap_time_axis_get_max_time ();
  gint64 span;

  if (self->view_state == NULL)
    return;
  span = CLAMP (end - start, MIN_WINDOW_SECONDS, max - min);
  start = CLAMP (start, min, max - span);
  sitmap_view_state_set_window (self->view_state, start, start + span);
}

PangoLayout *
_sitmap_timeline_get_layout (SitmapTimeline *self, SitmapAxisLabelKind kind)
{
  if (self->pango == NULL)
    {
      int height;

      if (self->tick_attrs == NULL)
        {
          self->tick_attrs = pango_attr_list_new ();
          pango_attr_list_insert (self->tick_attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
          /* Tabular figures, so that dates do not shimmer as the axis pans. */
          pango_attr_list_insert (self->tick_attrs, pango_attr_font_features_new ("tnum=1"));
          self->context_attrs = pango_attr_list_copy (self->tick_attrs);
          pango_attr_list_insert (self->context_attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
        }
      self->pango = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_attributes (self->pango, self->tick_attrs);
      pango_layout_set_text (self->pango, "0", -1);
      pango_layout_get_pixel_size (self->pango, NULL, &height);
      self->tick_line_height = height;
      pango_layout_set_attributes (self->pango, self->context_attrs);
      pango_layout_get_pixel_size (self->pango, NULL, &height);
      self->context_line_height = height;
    }
  pango_layout_set_attributes (self->pango, kind == SITMAP_AXIS_LABEL_TICK ? self->tick_attrs : self->context_attrs);
  return self->pango;
}

gboolean
_sitmap_timeline_is_rtl (SitmapTimeline *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

double
_sitmap_timeline_flip_x (SitmapTimeline *self, double x)
{
  return _sitmap_timeline_is_rtl (self) ? self->width - x : x;
}

double
_sitmap_timeline_time_to_lx (SitmapTimeline *self, gint64 t)
{
  gint64 start, end, span;

  if (!_sitmap_timeline_get_window (self, &start, &end) || self->width <= 0)
    return 0;
  span = end - start;
  /* Open bounds sit at the ends of gint64: bring t near the window before subtracting. */
  t = CLAMP (t, start - 4 * span, end + 4 * span);
  return (double) (t - start) * self->width / (double) span;
}

gint64
_sitmap_timeline_lx_to_time (SitmapTimeline *self, double lx)
{
  gint64 start, end;
  double t;

  if (!_sitmap_timeline_get_window (self, &start, &end))
    return 0;
  if (self->width <= 0)
    return start;
  t = (double) start + lx / self->width * (double) (end - start);
  return (gint64) CLAMP (llround (t), sitmap_time_axis_get_min_time (), sitmap_time_axis_get_max_time ());
}

static void
document_build_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SitmapTimeHistogram *histogram = sitmap_time_histogram_new (sitmap_document_get_columns (data));

  sitmap_document_end_reading (data);
  g_task_return_pointer (task, histogram, (GDestroyNotify) sitmap_time_histogram_free);
}

static void
document_build_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr (SitmapTimeHistogram) histogram = g_task_propagate_pointer (task, NULL);
  SitmapTimeline *self;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  self = SITMAP_TIMELINE (source);
  g_clear_object (&self->document_building);
  /* Made for the serial it was started at: a later edit has started another */
  if (GPOINTER_TO_UINT (user_data) != self->histogram_serial)
    return;
  g_clear_pointer (&self->histogram, sitmap_time_histogram_free);
  self->histogram = g_steal_pointer (&histogram);
  self->bins_valid = FALSE;
  update_playback_extent (self);
  invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* An edit of events in a big document: the histogram is made again in a thread, and the one before is shown
 * until it is ready (a few frames at a million events), so that typing never waits for it. */
static gboolean
rebuild_in_thread (SitmapTimeline *self, SitmapDocument *document)
{
  g_autoptr (GTask) task = NULL;

  if (document != self->histogram_document || self->histogram == NULL ||
      sitmap_document_get_n_events (document) <= FILTERED_IN_THREAD)
    return FALSE;
  if (self->document_building != NULL)
    g_cancellable_cancel (self->document_building);
  g_set_object (&self->document_building, g_cancellable_new ());
  self->histogram_serial = sitmap_document_get_events_serial (document);
  task = g_task_new (self, self->document_building, document_build_done_cb, GUINT_TO_POINTER (self->histogram_serial));
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  sitmap_document_begin_reading (document);
  g_task_run_in_thread (task, document_build_thread);
  return TRUE;
}

SitmapTimeHistogram *
_sitmap_timeline_get_histogram (SitmapTimeline *self)
{
  SitmapDocument *document = self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;

  /* The document is held, so that a new one can never be taken for the old at the same address. */
  if (document != self->histogram_document ||
      (document != NULL && sitmap_document_get_events_serial (document) != self->histogram_serial))
    {
      if (rebuild_in_thread (self, document))
        return self->histogram;
      g_clear_pointer (&self->histogram, sitmap_time_histogram_free);
      g_set_object (&self->histogram_document, document);
      self->histogram_serial = document ? sitmap_document_get_events_serial (document) : 0;
      if (document != NULL)
        self->histogram = sitmap_time_histogram_new (sitmap_document_get_columns (document));
      self->bins_valid = FALSE;
    }
  return self->histogram;
}

void
_sitmap_timeline_set_time_zone (SitmapTimeline *self, GTimeZone *zone)
{
  gboolean local_time = zone != NULL;

  if (zone != NULL)
    g_time_zone_ref (zone);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  sitmap_timeline_header_set_time_zone (self->header, zone);
  sitmap_time_axis_set_time_zone (self->axis, zone);
  sitmap_playback_set_time_zone (self->playback, zone);
  invalidate_layout (self);
  update_header (self);
  update_accessible_description (self);
  if (self->local_time != local_time)
    {
      self->local_time = local_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TIME]);
    }
}

/* After the timeline itself moved the range (playback, keys, typed dates): the window follows, keeping
 * the whole range in view when it fits, or else its leading edge. */
void
_sitmap_timeline_show_range (SitmapTimeline *self)
{
  gint64 start, end, range_start, range_end, span, margin, new_start;

  if (!_sitmap_timeline_get_window (self, &start, &end) ||
      !sitmap_view_state_get_range (self->view_state, &range_start, &range_end))
    return;
  span = end - start;
  margin = span / 10;
  new_start = start;
  if (range_end - range_start <= span - 2 * margin)
    {
      if (range_start < start + margin)
        new_start = range_start - margin;
      else if (range_end > end - margin)
        new_start = range_end - span + margin;
    }
  else if (range_end > end - margin || range_end < start + margin)
    new_start = range_end - span + margin;
  if (new_start != start)
    _sitmap_timeline_set_window (self, new_start, new_start + span);
}

void
_sitmap_timeline_playback_tick (SitmapTimeline *self, gint64 elapsed_us)
{
  sitmap_playback_advance (self->playback, elapsed_us);
}

/*
 * Public API
 */

GtkWidget *
sitmap_timeline_new (void)
{
  return g_object_new (SITMAP_TYPE_TIMELINE, NULL);
}

SitmapViewState *
sitmap_timeline_get_view_state (SitmapTimeline *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), NULL);
  return self->view_state;
}

void
sitmap_timeline_set_view_state (SitmapTimeline *self, SitmapViewState *view_state)
{
  g_return_if_fail (SITMAP_IS_TIMELINE (self));
  g_return_if_fail (view_state == NULL || SITMAP_IS_VIEW_STATE (view_state));

  if (self->view_state == view_state)
    return;

  if (self->undated != NULL)
    g_signal_handlers_disconnect_by_data (self->undated, self);
  g_clear_object (&self->undated);
  g_set_object (&self->view_state, view_state);
  g_signal_group_set_target (self->view_state_signals, view_state);
  if (self->playback != NULL)
    sitmap_playback_set_view_state (self->playback, view_state);
  if (view_state != NULL)
    {
      self->undated = sitmap_event_list_new_undated (view_state);
      g_signal_connect_swapped (self->undated, "notify::n-items", G_CALLBACK (undated_n_items_cb), self);
    }
  sitmap_timeline_header_set_sources (self->header, view_state, self->playback, self->undated);
  self->drag_mode = SITMAP_DRAG_NONE;
  self->hover_position = -1;
  update_filtered_histogram (self);
  invalidate_layout (self);
  if (self->playback != NULL)
    {
      update_playback_extent (self);
      sitmap_timeline_header_update_undated (self->header);
      update_header (self);
      update_accessible_description (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_STATE]);
}

double
sitmap_timeline_time_to_x (SitmapTimeline *self, gint64 t)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), 0);
  return _sitmap_timeline_flip_x (self, _sitmap_timeline_time_to_lx (self, t));
}

gint64
sitmap_timeline_x_to_time (SitmapTimeline *self, double x)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), 0);
  return _sitmap_timeline_lx_to_time (self, _sitmap_timeline_flip_x (self, x));
}

gboolean
sitmap_timeline_get_mark_bounds (SitmapTimeline *self, guint position, graphene_rect_t *bounds)
{
  SitmapTimelineLayout *layout;
  const SitmapTimelineMark *marks;
  guint n;
  float x0;
  int i;

  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  layout = _sitmap_timeline_ensure_marks (self);
  i = sitmap_timeline_layout_find_mark (layout, position);
  if (i < 0)
    return FALSE;
  marks = sitmap_timeline_layout_get_marks (layout, &n);
  g_assert ((guint) i < n);
  x0 = _sitmap_timeline_is_rtl (self) ? self->width - marks[i].x1 : marks[i].x0;
  graphene_rect_init (bounds, x0, sitmap_timeline_layout_lane_y (layout, marks[i].lane), marks[i].x1 - marks[i].x0,
                      SITMAP_TIMELINE_MARK_HEIGHT);
  return TRUE;
}

gboolean
sitmap_timeline_get_dense (SitmapTimeline *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), FALSE);

  return sitmap_timeline_layout_get_dense (_sitmap_timeline_ensure_marks (self));
}

const SitmapAxisTick *
sitmap_timeline_get_ticks (SitmapTimeline *self, guint *n_ticks)
{
  gint64 start, end;

  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (n_ticks != NULL, NULL);

  if (_sitmap_timeline_get_window (self, &start, &end))
    sitmap_time_axis_update (self->axis, start, end, self->width);
  return sitmap_time_axis_get_ticks (self->axis, n_ticks);
}

guint
sitmap_timeline_get_n_undated (SitmapTimeline *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), 0);
  return self->undated ? g_list_model_get_n_items (G_LIST_MODEL (self->undated)) : 0;
}

void
sitmap_timeline_zoom (SitmapTimeline *self, double factor, double x)
{
  gint64 start, end, anchor;
  double span, lx;

  g_return_if_fail (SITMAP_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  if (!_sitmap_timeline_get_window (self, &start, &end) || self->width <= 0)
    return;
  lx = _sitmap_timeline_flip_x (self, x);
  anchor = _sitmap_timeline_lx_to_time (self, lx);
  span = CLAMP ((double) (end - start) * factor, MIN_WINDOW_SECONDS,
                (double) (sitmap_time_axis_get_max_time () - sitmap_time_axis_get_min_time ()));
  start = anchor - (gint64) llround (lx / self->width * span);
  _sitmap_timeline_set_window (self, start, start + (gint64) llround (span));
}

void
sitmap_timeline_zoom_to_fit (SitmapTimeline *self)
{
  gint64 start, end, pad;

  g_return_if_fail (SITMAP_IS_TIMELINE (self));

  if (!_sitmap_timeline_get_shown_extent (self, &start, &end))
    return;
  /* A little room either side, so that the first and last marks are not on the edge. */
  pad = MAX ((end - start) / 20, DAY_SECONDS);
  _sitmap_timeline_set_window (self, start - pad, end + pad);
}

gboolean
sitmap_timeline_get_local_time (SitmapTimeline *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), FALSE);
  return self->local_time;
}

void
sitmap_timeline_set_local_time (SitmapTimeline *self, gboolean local_time)
{
  g_autoptr (GTimeZone) zone = NULL;

  g_return_if_fail (SITMAP_IS_TIMELINE (self));

  if (self->local_time == !!local_time)
    return;
  if (local_time)
    zone = g_time_zone_new_local ();
  _sitmap_timeline_set_time_zone (self, zone);
}

SitmapPlayback *
sitmap_timeline_get_playback (SitmapTimeline *self)
{
  g_return_val_if_fail (SITMAP_IS_TIMELINE (self), NULL);
  return self->playback;
}
