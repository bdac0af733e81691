/* bench-timeline.c: the timeline at a million events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-timeline"

#include "config.h"

#include <locale.h>

#include "sitmap-bench.h"
#include "sitmap-time-histogram.h"
#include "sitmap-timeline-private.h"
#include "timeline-test-utils.h"

#define N_EVENTS 1000000
#define ROUNDS 15

/* Dates over 2000–2024, mostly to the day, some exact, to the month or the year, some spans. */
static SitmapDocument *
build_document (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  gint64 from = timeline_test_time ("2000-01-01"), to = timeline_test_time ("2025-01-01");
  GRand *rand = g_rand_new_with_seed (42);
  SitmapEventDraft draft;

  for (guint i = 0; i < N_EVENTS; i++)
    {
      gint64 t = from + (gint64) (g_rand_double (rand) * (double) (to - from));
      double kind = g_rand_double (rand);
      char id[32];

      sitmap_event_draft_init (&draft);
      g_snprintf (id, sizeof id, "e%u", i);
      draft.id = g_strdup (id);
      draft.title = g_strdup (id);
      draft.category = g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES);
      draft.time.start = t - t % 86400;
      draft.time.end = draft.time.start + 86400;
      draft.time.precision = SITMAP_TIME_PRECISION_DAY;
      draft.time.start_unit = SITMAP_TIME_UNIT_DAY;
      if (kind < 0.08)
        {
          draft.time.start = t;
          draft.time.end = t + 1;
          draft.time.precision = SITMAP_TIME_PRECISION_EXACT;
        }
      else if (kind < 0.12)
        {
          draft.time.start = sitmap_time_add_months (draft.time.start, 0) -
                             (gint64) (g_rand_int_range (rand, 0, 28)) * 86400;
          draft.time.end = sitmap_time_add_months (draft.time.start, 1);
          draft.time.precision = SITMAP_TIME_PRECISION_MONTH;
        }
      else if (kind < 0.13)
        {
          draft.time.end = draft.time.start + 365 * 86400;
          draft.time.precision = SITMAP_TIME_PRECISION_YEAR;
        }
      else if (kind < 0.14)
        {
          draft.time.end = draft.time.start + g_rand_int_range (rand, 2, 20) * 86400;
          draft.time.precision = SITMAP_TIME_PRECISION_SPAN;
        }
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  g_rand_free (rand);
  return sitmap_document_builder_finish (builder);
}

/* One snapshot after the window moved: the marks (or the histogram's bars) are laid out anew, then drawn.
 * The widget's own snapshot, called directly: a GtkWidgetPaintable would replay the last frame. */
static double
snapshot_ms (SitmapTimeline *timeline)
{
  double times[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      gint64 start;

      _sitmap_timeline_invalidate_marks (timeline);
      timeline->bins_valid = FALSE;
      start = g_get_monotonic_time ();
      GTK_WIDGET_GET_CLASS (timeline)->snapshot (GTK_WIDGET (timeline), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return sitmap_bench_median (times, ROUNDS);
}

/* A new range, and everything that follows from it before the next frame: the view state recomputes the
 * visible set; the timeline updates its label and queues a redraw; a map-like view connected to
 * visible-changed queues its own. The histogram needs nothing for a range (it is drawn dimmed outside
 * it), so as an upper bound the timeline's bars for the window are counted anew, and so are the range's
 * events per category, as a legend would show them. */
static double
range_change_ms (SitmapViewState *view_state, SitmapTimeline *timeline, gint64 first_from, gint64 length,
                 gint64 stride)
{
  SitmapTimeHistogram *histogram = _sitmap_timeline_get_histogram (timeline);
  double times[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 from = first_from + (gint64) i * stride;
      SitmapHistogramCounts counts;
      gint64 start = g_get_monotonic_time ();

      sitmap_view_state_set_range (view_state, from, from + length);
      sitmap_time_histogram_count (histogram, from, from + length, &counts);
      timeline->bins_valid = FALSE;
      _sitmap_timeline_ensure_bins (timeline);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return sitmap_bench_median (times, ROUNDS);
}

/* A new search, and everything until the timeline is ready for it: the view state's passing and visible
 * sets, the timeline's histogram of the passing events (made in a thread past 50,000 of them, waited for
 * here), its bars for the window and its marks. Titles are "e" and the event's number: "e3" passes a
 * ninth of the events, "e" all of them (but those of a hidden category). main_thread_ms: how long the
 * change itself holds the main loop, the histogram's thread aside. */
static double
filter_change_ms (SitmapViewState *view_state,
                  SitmapTimeline  *timeline,
                  const char *const *queries,
                  double          *main_thread_ms)
{
  double times[ROUNDS], blocked[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 start;

      sitmap_view_state_set_text (view_state, NULL);
      start = g_get_monotonic_time ();
      sitmap_view_state_set_text (view_state, queries[i % g_strv_length ((char **) queries)]);
      blocked[i] = (g_get_monotonic_time () - start) / 1000.0;
      while (_sitmap_timeline_is_histogram_pending (timeline))
        g_main_context_iteration (NULL, TRUE);
      _sitmap_timeline_ensure_bins (timeline);
      _sitmap_timeline_ensure_marks (timeline);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  *main_thread_ms = sitmap_bench_median (blocked, ROUNDS);
  return sitmap_bench_median (times, ROUNDS);
}

/* What answers time queries, per event: the time-sorted start and duration columns the binary search
 * and the overlap tests read, the store's side list of long spans (position and end), and the
 * histogram. */
static void
print_index_size (SitmapDocument *document, SitmapTimeHistogram *histogram)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  double n = columns->n_events;
  guint n_long = 0;
  double columns_bytes, long_bytes, histogram_bytes;

  for (guint i = 0; i < columns->n_dated; i++)
    n_long += (columns->flags[i] & SITMAP_EVENT_FLAG_LONG) != 0;
  g_assert_cmpuint (n_long, ==, columns->n_long);
  columns_bytes = sizeof (columns->start[0]) + sizeof (columns->duration[0]);
  long_bytes = n_long * (sizeof (columns->long_positions[0]) + sizeof (columns->long_ends[0])) / n;
  histogram_bytes = sitmap_time_histogram_get_memory_size (histogram) / n;
  g_print ("time_index_columns_bytes_per_event: %.3f bytes\n", columns_bytes);
  g_print ("time_index_long_spans_bytes_per_event: %.3f bytes\n", long_bytes);
  g_print ("time_histogram_bytes_per_event: %.3f bytes\n", histogram_bytes);
  g_print ("time_index_bytes_per_event: %.2f bytes\n", columns_bytes + long_bytes + histogram_bytes);
}

static void
queue_draw_cb (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = NULL;
  SitmapTimeline *timeline;
  GtkWidget *window, *box, *map;
  gint64 build_start;

  setlocale (LC_ALL, "");
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run the timeline benchmark under xvfb-run\n");
      return 77;
    }
  timeline_test_load_app_style ();
  document = build_document ();
  view_state = sitmap_view_state_new ();
  sitmap_view_state_set_document (view_state, document);
  timeline = SITMAP_TIMELINE (sitmap_timeline_new ());
  /* A stand-in for the map's event layer: it only queues a redraw when the visible set changes. */
  map = gtk_drawing_area_new ();
  gtk_widget_set_size_request (map, 1000, 50);
  g_signal_connect_object (view_state, "visible-changed", G_CALLBACK (queue_draw_cb), map, G_CONNECT_SWAPPED);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (timeline));
  build_start = g_get_monotonic_time ();
  sitmap_time_histogram_free (sitmap_time_histogram_new (sitmap_document_get_columns (document)));
  g_print ("timeline_histogram_build_1m_ms: %.1f ms\n", (g_get_monotonic_time () - build_start) / 1000.0);
  sitmap_timeline_set_view_state (timeline, view_state);
  window = timeline_test_show (box, 1000, 200);
  g_print ("timeline_events: %u events\n", sitmap_document_get_n_events (document));

  /* A typical window: one year, about 40,000 events, far more than lanes hold: the histogram */
  sitmap_view_state_set_window (view_state, timeline_test_time ("2024-01-01"), timeline_test_time ("2025-01-01"));
  g_print ("timeline_snapshot_1m_ms: %.2f ms\n", snapshot_ms (timeline));
  g_print ("timeline_dense_1m: %s\n", sitmap_timeline_get_dense (timeline) ? "yes" : "no");
  /* The whole quarter century: every event in view */
  sitmap_view_state_set_window (view_state, timeline_test_time ("1999-01-01"), timeline_test_time ("2026-01-01"));
  g_print ("timeline_snapshot_1m_all_ms: %.2f ms\n", snapshot_ms (timeline));
  /* Four days, about 440 events, a hundred day-long bars a day: laid out as marks, then found too many */
  sitmap_view_state_set_window (view_state, timeline_test_time ("2024-03-01"), timeline_test_time ("2024-03-05"));
  g_print ("timeline_snapshot_1m_four_days_ms: %.2f ms\n", snapshot_ms (timeline));
  g_print ("timeline_dense_1m_four_days: %s\n", sitmap_timeline_get_dense (timeline) ? "yes" : "no");

  sitmap_view_state_set_window (view_state, timeline_test_time ("2024-01-01"), timeline_test_time ("2025-01-01"));
  g_print ("timeline_range_change_1m_ms: %.3f ms\n",
           range_change_ms (view_state, timeline, timeline_test_time ("2024-01-01"), 31 * 86400, 20 * 86400));
  /* Cumulative playback's worst case: a range from the start of the data, up to a million events in it */
  g_print ("timeline_range_change_1m_cumulative_ms: %.3f ms\n",
           range_change_ms (view_state, timeline, timeline_test_time ("2000-01-01"), 24 * 365 * 86400, 86400));
  g_print ("timeline_visible_cumulative_1m: %u events\n", sitmap_view_state_get_n_visible (view_state));
  print_index_size (document, _sitmap_timeline_get_histogram (timeline));

  {
    static const char *const ninths[] = { "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", NULL };
    static const char *const all[] = { "e", NULL };

    sitmap_view_state_clear_range (view_state);
    /* The first search waits for the text index the view state began making when the document came. */
    sitmap_view_state_set_text (view_state, "e1");
    double blocked;

    g_print ("timeline_filter_change_1m_ms: %.2f ms\n", filter_change_ms (view_state, timeline, ninths, &blocked));
    g_print ("timeline_filter_change_1m_main_thread_ms: %.2f ms\n", blocked);
    g_print ("timeline_filter_passing_1m: %u events\n", sitmap_view_state_get_n_passing (view_state));
    /* The most work: a search that nearly every event passes, with one category hidden */
    sitmap_view_state_set_hidden_categories (view_state, 1u << SITMAP_CATEGORY_PROTEST);
    g_print ("timeline_filter_change_1m_most_pass_ms: %.2f ms\n",
             filter_change_ms (view_state, timeline, all, &blocked));
    g_print ("timeline_filter_change_1m_most_pass_main_thread_ms: %.2f ms\n", blocked);
    g_print ("timeline_filter_most_pass_1m: %u events\n", sitmap_view_state_get_n_passing (view_state));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  timeline_test_settle ();
  return 0;
}
