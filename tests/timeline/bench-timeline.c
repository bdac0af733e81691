/* bench-timeline.c: the timeline at a million events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-timeline"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

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
          draft.time.start = sitmap_time_add_months (draft.time.start, 0) - (gint64) (g_rand_int_range (rand, 0, 28)) * 86400;
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

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* One snapshot after the window moved: the marks are laid out anew from the time index, then drawn.
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
      start = g_get_monotonic_time ();
      GTK_WIDGET_GET_CLASS (timeline)->snapshot (GTK_WIDGET (timeline), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (times, ROUNDS);
}

/* A new range: the view state recomputes the visible set, and the timeline updates its label. */
static double
range_change_ms (SitmapViewState *view_state)
{
  double times[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 from = timeline_test_time ("2024-01-01") + (gint64) i * 20 * 86400;
      gint64 start = g_get_monotonic_time ();

      sitmap_view_state_set_range (view_state, from, from + 31 * 86400);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (times, ROUNDS);
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = NULL;
  SitmapTimeline *timeline;
  GtkWidget *window;

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
  sitmap_timeline_set_view_state (timeline, view_state);
  window = timeline_test_show (GTK_WIDGET (timeline), 1000, 150);
  g_print ("timeline_events: %u events\n", sitmap_document_get_n_events (document));

  /* A typical window: one year, about 40,000 events */
  sitmap_view_state_set_window (view_state, timeline_test_time ("2024-01-01"), timeline_test_time ("2025-01-01"));
  g_print ("timeline_snapshot_1m_ms: %.2f ms\n", snapshot_ms (timeline));
  /* The whole quarter century: every event in view */
  sitmap_view_state_set_window (view_state, timeline_test_time ("1999-01-01"), timeline_test_time ("2026-01-01"));
  g_print ("timeline_snapshot_1m_all_ms: %.2f ms\n", snapshot_ms (timeline));
  sitmap_view_state_set_window (view_state, timeline_test_time ("2024-01-01"), timeline_test_time ("2025-01-01"));
  g_print ("timeline_range_change_1m_ms: %.2f ms\n", range_change_ms (view_state));
  g_print ("timeline_marks_drawn_1m: %u marks\n", timeline->marks->len);
  g_print ("timeline_events_in_window_1m: %u events\n", timeline->query->len);

  gtk_window_destroy (GTK_WINDOW (window));
  timeline_test_settle ();
  return 0;
}
