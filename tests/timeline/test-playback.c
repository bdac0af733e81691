/* test-playback.c: playback steps, exactly, in both modes, at every speed, and stops at the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-playback"

#include "config.h"

#include <locale.h>

#include "sitmap-playback.h"
#include "sitmap-time-histogram.h"
#include "timeline-test-utils.h"

#define SECOND G_USEC_PER_SEC

typedef struct
{
  SitmapDocument  *document;
  SitmapViewState *view_state;
  SitmapPlayback  *playback;
} Fixture;

static void
use_document (Fixture *f, SitmapDocument *document)
{
  g_autoptr (SitmapTimeHistogram) histogram = sitmap_time_histogram_new (sitmap_document_get_columns (document));
  gint64 start, end;

  g_clear_object (&f->document);
  f->document = document;
  sitmap_view_state_set_document (f->view_state, document);
  g_assert_true (sitmap_time_histogram_get_extent (histogram, &start, &end));
  sitmap_playback_set_extent (f->playback, TRUE, start, end);
}

/* The demo's dates: from 2011 (a year) to 10 December 2024. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->view_state = sitmap_view_state_new ();
  f->playback = sitmap_playback_new ();
  sitmap_playback_set_view_state (f->playback, f->view_state);
  use_document (f, timeline_test_demo_document ());
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->playback);
  g_clear_object (&f->view_state);
  g_clear_object (&f->document);
}

static void
set_range (Fixture *f, const char *from, const char *to)
{
  sitmap_view_state_set_range (f->view_state, timeline_test_time (from), timeline_test_time (to));
}

static void
assert_range (Fixture *f, const char *from, const char *to)
{
  gint64 start, end;

  g_assert_true (sitmap_view_state_get_range (f->view_state, &start, &end));
  g_assert_cmpint (start, ==, timeline_test_time (from));
  g_assert_cmpint (end, ==, timeline_test_time (to));
}

/* A three-day window slides a day a second at 1×; four days a second at 4×; half a second at 4× is two
 * steps; and it stops with the last day of the data in it. */
static void
test_window (Fixture *f, gconstpointer data)
{
  gint64 playhead;

  set_range (f, "2024-11-27", "2024-11-30");
  g_assert_true (sitmap_playback_play (f->playback));
  g_assert_true (sitmap_playback_get_playing (f->playback));
  g_assert_true (sitmap_playback_get_active (f->playback));
  assert_range (f, "2024-11-27", "2024-11-30");

  sitmap_playback_advance (f->playback, SECOND / 2);
  assert_range (f, "2024-11-27", "2024-11-30");
  sitmap_playback_advance (f->playback, SECOND / 2);
  assert_range (f, "2024-11-28", "2024-12-01");

  sitmap_playback_set_speed (f->playback, 4);
  sitmap_playback_advance (f->playback, SECOND);
  assert_range (f, "2024-12-02", "2024-12-05");
  sitmap_playback_advance (f->playback, SECOND / 2);
  assert_range (f, "2024-12-04", "2024-12-07");
  g_assert_true (sitmap_playback_get_playhead (f->playback, &playhead));
  g_assert_cmpint (playhead, ==, timeline_test_time ("2024-12-07"));

  /* The data ends with 10 December: the window stops when it takes that day in */
  sitmap_playback_advance (f->playback, SECOND / 2);
  assert_range (f, "2024-12-06", "2024-12-09");
  sitmap_playback_advance (f->playback, SECOND / 2);
  assert_range (f, "2024-12-08", "2024-12-11");
  g_assert_false (sitmap_playback_get_playing (f->playback));
  sitmap_playback_advance (f->playback, 10 * SECOND);
  assert_range (f, "2024-12-08", "2024-12-11");
  /* What the map shows at the end: the strikes, the fall, Blinken, Sukhna (and the open span) */
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 5);
}

/* Every step of a week-long window, one at a time: each range exactly seven days on from the last. */
static void
test_each_step (Fixture *f, gconstpointer data)
{
  gint64 start, end, previous_start, previous_end;
  guint steps = 0;

  sitmap_playback_set_step (f->playback, SITMAP_PLAYBACK_STEP_WEEK);
  set_range (f, "2023-01-02", "2023-01-16");
  sitmap_playback_play (f->playback);
  sitmap_view_state_get_range (f->view_state, &previous_start, &previous_end);
  g_assert_cmpint (previous_end - previous_start, ==, 14 * 86400);
  while (sitmap_playback_get_playing (f->playback))
    {
      sitmap_playback_advance (f->playback, SECOND);
      g_assert_true (sitmap_view_state_get_range (f->view_state, &start, &end));
      g_assert_cmpint (start, ==, previous_start + 7 * 86400);
      g_assert_cmpint (end, ==, previous_end + 7 * 86400);
      previous_start = start;
      previous_end = end;
      steps++;
    }
  /* From the fortnight ending 16 January 2023 to the first one that reaches 11 December 2024 */
  g_assert_cmpuint (steps, ==, 100);
  g_assert_cmpint (end, >=, timeline_test_time ("2024-12-11"));
  g_assert_cmpint (end - 7 * 86400, <, timeline_test_time ("2024-12-11"));
}

/* Cumulative by months from the start of the data: each step takes one month more in. */
static void
test_cumulative (Fixture *f, gconstpointer data)
{
  guint steps = 0;

  sitmap_playback_set_mode (f->playback, SITMAP_PLAYBACK_CUMULATIVE);
  sitmap_playback_set_step (f->playback, SITMAP_PLAYBACK_STEP_MONTH);
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2011-01-01", "2011-02-01");
  sitmap_playback_advance (f->playback, SECOND);
  assert_range (f, "2011-01-01", "2011-03-01");

  sitmap_playback_set_speed (f->playback, 16);
  sitmap_playback_advance (f->playback, SECOND);
  assert_range (f, "2011-01-01", "2012-07-01");
  /* An eighth of a second at 16× is two steps */
  sitmap_playback_advance (f->playback, SECOND / 8);
  assert_range (f, "2011-01-01", "2012-09-01");
  while (sitmap_playback_get_playing (f->playback) && steps++ < 1000)
    sitmap_playback_advance (f->playback, SECOND / 16);
  assert_range (f, "2011-01-01", "2025-01-01");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 8);
}

/* Playing at the end starts again from the beginning, with the same window. */
static void
test_play_at_end_restarts (Fixture *f, gconstpointer data)
{
  set_range (f, "2024-12-08", "2024-12-11");
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2011-01-01", "2011-01-04");
}

static void
play_to_end (Fixture *f)
{
  sitmap_playback_set_speed (f->playback, 16);
  for (guint i = 0; i < 1000 && sitmap_playback_get_playing (f->playback); i++)
    sitmap_playback_advance (f->playback, SECOND / 16);
  g_assert_false (sitmap_playback_get_playing (f->playback));
  g_assert_true (sitmap_playback_is_at_end (f->playback));
  sitmap_playback_set_speed (f->playback, 1);
}

/* Played to the end, Play plays again from where it began, as a media player does: not from where the
 * window, which followed the playhead, now starts. */
static void
test_play_again_from_start (Fixture *f, gconstpointer data)
{
  sitmap_view_state_set_window (f->view_state, timeline_test_time ("2024-11-20"), timeline_test_time ("2024-12-12"));
  set_range (f, "2024-12-01", "2024-12-03");
  g_assert_false (sitmap_playback_is_at_end (f->playback));
  g_assert_true (sitmap_playback_play (f->playback));
  play_to_end (f);
  assert_range (f, "2024-12-09", "2024-12-11");
  sitmap_view_state_set_window (f->view_state, timeline_test_time ("2024-11-30"), timeline_test_time ("2024-12-12"));

  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2024-12-01", "2024-12-03");
  g_assert_true (sitmap_playback_get_playing (f->playback));
  sitmap_playback_advance (f->playback, SECOND);
  assert_range (f, "2024-12-02", "2024-12-04");

  /* Paused on the way and played on: from where it stands; at the end, back to 1 December again. */
  sitmap_playback_pause (f->playback);
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2024-12-02", "2024-12-04");
  play_to_end (f);
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2024-12-01", "2024-12-03");

  /* Cumulative: everything up to the playhead, back to where the playhead began. */
  sitmap_playback_set_mode (f->playback, SITMAP_PLAYBACK_CUMULATIVE);
  assert_range (f, "2011-01-01", "2024-12-03");
  play_to_end (f);
  assert_range (f, "2011-01-01", "2024-12-11");
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2011-01-01", "2024-12-03");
}

/* A range of the user's at the end, and the window showing only the last days: Play starts with the
 * data, since there is nothing after the window's first steps to play. */
static void
test_play_at_end_zoomed_in (Fixture *f, gconstpointer data)
{
  sitmap_view_state_set_window (f->view_state, timeline_test_time ("2024-12-09") + 12 * 3600,
                                timeline_test_time ("2024-12-14"));
  set_range (f, "2024-12-09", "2024-12-11");
  g_assert_true (sitmap_playback_is_at_end (f->playback));
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2011-01-01", "2011-01-03");
  g_assert_true (sitmap_playback_get_playing (f->playback));
  g_assert_false (sitmap_playback_is_at_end (f->playback));
}

/* Without a range, playback starts with the first step of the data. */
static void
test_play_without_range (Fixture *f, gconstpointer data)
{
  g_assert_false (sitmap_view_state_get_range (f->view_state, NULL, NULL));
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2011-01-01", "2011-01-02");
}

/* Zoomed in on the last weeks, playback starts where the window does, not in 2011. */
static void
test_play_from_window (Fixture *f, gconstpointer data)
{
  sitmap_view_state_set_window (f->view_state, timeline_test_time ("2024-11-20"), timeline_test_time ("2024-12-20"));
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2024-11-20", "2024-11-21");
  sitmap_playback_set_mode (f->playback, SITMAP_PLAYBACK_CUMULATIVE);
  sitmap_view_state_clear_range (f->view_state);
  g_assert_true (sitmap_playback_play (f->playback));
  assert_range (f, "2011-01-01", "2024-11-21");
}

/* Someone else setting or clearing the range takes it back: playback pauses and lets go. */
static void
test_taken_back (Fixture *f, gconstpointer data)
{
  set_range (f, "2024-11-27", "2024-11-30");
  sitmap_playback_play (f->playback);
  sitmap_playback_advance (f->playback, SECOND);
  set_range (f, "2024-12-01", "2024-12-02");
  g_assert_false (sitmap_playback_get_playing (f->playback));
  g_assert_false (sitmap_playback_get_active (f->playback));

  sitmap_playback_play (f->playback);
  g_assert_true (sitmap_playback_get_playing (f->playback));
  sitmap_view_state_clear_range (f->view_state);
  g_assert_false (sitmap_playback_get_playing (f->playback));

  sitmap_playback_play (f->playback);
  sitmap_view_state_set_document (f->view_state, NULL);
  g_assert_false (sitmap_playback_get_playing (f->playback));
  g_assert_false (sitmap_playback_can_play (f->playback));
}

/* Stepping by hand stops at the start and at the end of the data. */
static void
test_move (Fixture *f, gconstpointer data)
{
  set_range (f, "2011-01-03", "2011-01-05");
  g_assert_cmpint (sitmap_playback_move (f->playback, -1), ==, 1);
  assert_range (f, "2011-01-02", "2011-01-04");
  g_assert_cmpint (sitmap_playback_move (f->playback, -5), ==, 1);
  assert_range (f, "2011-01-01", "2011-01-03");
  g_assert_cmpint (sitmap_playback_move (f->playback, -1), ==, 0);
  g_assert_false (sitmap_playback_get_playing (f->playback));

  sitmap_playback_set_step (f->playback, SITMAP_PLAYBACK_STEP_MONTH);
  set_range (f, "2024-10-01", "2024-11-01");
  g_assert_cmpint (sitmap_playback_move (f->playback, 5), ==, 2);
  assert_range (f, "2024-12-01", "2025-01-01");
}

/* A range off the steps is brought onto them: its start to midnight, its length to whole days. */
static void
test_align (Fixture *f, gconstpointer data)
{
  sitmap_view_state_set_range (f->view_state, timeline_test_time ("2024-11-27") + 5 * 3600,
                               timeline_test_time ("2024-11-29") + 7 * 3600);
  sitmap_playback_move (f->playback, 1);
  assert_range (f, "2024-11-28", "2024-11-30");
}

/* In a zone three hours east of UTC, days start at 21:00 UTC. */
static void
test_time_zone (Fixture *f, gconstpointer data)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+03:00");
  gint64 start, end;

  sitmap_playback_set_time_zone (f->playback, zone);
  set_range (f, "2024-12-01", "2024-12-02");
  sitmap_playback_move (f->playback, 1);
  g_assert_true (sitmap_view_state_get_range (f->view_state, &start, &end));
  g_assert_cmpint (start, ==, timeline_test_time ("2024-12-01") + 21 * 3600);
  g_assert_cmpint (end, ==, timeline_test_time ("2024-12-02") + 21 * 3600);
}

/* Switching modes while playing carries on from the playhead. */
static void
test_switch_mode (Fixture *f, gconstpointer data)
{
  set_range (f, "2024-11-27", "2024-11-30");
  sitmap_playback_play (f->playback);
  sitmap_playback_set_mode (f->playback, SITMAP_PLAYBACK_CUMULATIVE);
  assert_range (f, "2011-01-01", "2024-11-30");
  g_assert_true (sitmap_playback_get_playing (f->playback));
  sitmap_playback_advance (f->playback, SECOND);
  assert_range (f, "2011-01-01", "2024-12-01");
  sitmap_playback_set_mode (f->playback, SITMAP_PLAYBACK_WINDOW);
  assert_range (f, "2024-11-30", "2024-12-01");
  g_assert_true (sitmap_playback_get_playing (f->playback));
}

/* 1914 to 1918, a month at a time: before 1970 works as after. */
static void
test_before_1970 (Fixture *f, gconstpointer data)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();

  timeline_test_add_event (builder, "sarajevo", "Sarajevo", SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS, "1914-06-28",
                           NULL, NULL);
  timeline_test_add_event (builder, "armistice", "Armistice", SITMAP_CATEGORY_STRATEGIC, "1918-11-11", NULL, NULL);
  use_document (f, sitmap_document_builder_finish (builder));
  sitmap_playback_set_step (f->playback, SITMAP_PLAYBACK_STEP_MONTH);
  sitmap_playback_set_mode (f->playback, SITMAP_PLAYBACK_CUMULATIVE);
  sitmap_playback_play (f->playback);
  assert_range (f, "1914-06-01", "1914-07-01");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 1);
  sitmap_playback_set_speed (f->playback, 16);
  for (int i = 0; i < 10 && sitmap_playback_get_playing (f->playback); i++)
    sitmap_playback_advance (f->playback, SECOND);
  assert_range (f, "1914-06-01", "1918-12-01");
  g_assert_cmpuint (sitmap_view_state_get_n_visible (f->view_state), ==, 2);
}

/* A frame that comes very late (the window was hidden) does not make playback race ahead. */
static void
test_late_frame (Fixture *f, gconstpointer data)
{
  set_range (f, "2020-01-01", "2020-01-02");
  sitmap_playback_play (f->playback);
  sitmap_playback_advance (f->playback, (gint64) 3600 * SECOND);
  assert_range (f, "2020-01-02", "2020-01-03");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/timeline/playback/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("window", test_window);
  ADD ("each-step", test_each_step);
  ADD ("cumulative", test_cumulative);
  ADD ("play-at-end-restarts", test_play_at_end_restarts);
  ADD ("play-again-from-start", test_play_again_from_start);
  ADD ("play-at-end-zoomed-in", test_play_at_end_zoomed_in);
  ADD ("play-without-range", test_play_without_range);
  ADD ("play-from-window", test_play_from_window);
  ADD ("taken-back", test_taken_back);
  ADD ("move", test_move);
  ADD ("align", test_align);
  ADD ("time-zone", test_time_zone);
  ADD ("switch-mode", test_switch_mode);
  ADD ("before-1970", test_before_1970);
  ADD ("late-frame", test_late_frame);
#undef ADD
  return g_test_run ();
}
