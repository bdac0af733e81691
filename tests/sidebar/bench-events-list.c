/* bench-events-list.c: the events page's list at a million events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar-bench"

#include "config.h"

#include <adwaita.h>

#include "map-test-utils.h"
#include "sitmap-bench.h"
#include "sitmap-event-list.h"
#include "sitmap-events-panel.h"
#include "events-list-probe.h"

#define N_EVENTS 1000000
#define N_FRAMES 40

static void
set_true_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* GDK's frame clock keeps frames a refresh (1/60 s) apart: a frame asked for right after the last one
 * waits for its turn, and every figure would be about 16.7 ms whatever the list does. Each measured
 * change comes after a rest of more than a refresh, so that the figure is the list's own work (input to
 * frame shown), as it is for a scroll or a click that comes when nothing else is drawing. */
static void
rest (void)
{
  gboolean rested = FALSE;

  g_timeout_add_once (25, (GSourceOnceFunc) set_true_cb, &rested);
  while (!rested)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until the window has been drawn once more. */
static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true_cb), &painted);

  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static GtkAdjustment *
list_adjustment (SitmapEventsPanel *panel)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (sitmap_events_panel_get_column_view (panel)),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* A frame after the list moved by step (or to a random place): set, laid out, drawn. */
static double
frame_after_scroll (GtkWidget *window, GtkAdjustment *adjustment, double step, GRand *rand)
{
  double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double value = step > 0 ? gtk_adjustment_get_value (adjustment) + step : g_rand_double (rand) * upper;
  gint64 start;

  rest ();
  start = g_get_monotonic_time ();

  gtk_adjustment_set_value (adjustment, MIN (value, upper));
  wait_for_frame (window);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* An event far away selected (as a click on the map or the timeline does), until the frame that shows
 * its row selected in the list. */
static double
frame_after_select (GtkWidget *window, SitmapEventsPanel *panel, SitmapViewState *state, GRand *rand)
{
  GtkWidget *view = GTK_WIDGET (sitmap_events_panel_get_column_view (panel));
  GtkWidget *scroller = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  guint n = sitmap_view_state_get_n_visible (state);
  guint n_visible;
  gint64 start;

  rest ();
  start = g_get_monotonic_time ();

  sitmap_view_state_select (state, sitmap_view_state_get_visible (state, &n_visible)[g_rand_int_range (rand, 0, n)]);
  /* A row rebound to the event is there at once, but where the list was: the user sees it in a frame. */
  for (guint frames = 0; frames == 0 || !events_list_probe_selected_row_shown (view, scroller); frames++)
    {
      if (frames == 20)
        g_error ("the selected event's row is not shown after 20 frames");
      wait_for_frame (window);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
is_sorting (GListModel *model)
{
  gboolean sorting = FALSE;

  g_object_get (model, "sorting", &sorting, NULL);
  return sorting;
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) state = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  double frames[N_FRAMES];
  GtkAdjustment *adjustment;
  SitmapEventsPanel *panel;
  GtkWidget *window;
  gint64 start;

  g_setenv ("GTK_A11Y", "none", FALSE);
  if (!gtk_init_check ())
    {
      g_print ("no display: run under xvfb-run\n");
      return 77;
    }
  adw_init ();
  /* An argument sets another size, to compare (the names still say 1m). */
  document = map_test_synthetic_document (argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : N_EVENTS, 1);
  state = sitmap_view_state_new ();
  sitmap_view_state_set_document (state, document);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  panel = SITMAP_EVENTS_PANEL (sitmap_events_panel_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  rest ();
  start = g_get_monotonic_time ();
  sitmap_events_panel_set_view_state (panel, state);
  wait_for_frame (window);
  g_print ("events_list_open_1m_ms: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  /* The view state builds its facet and text indexes in threads: done first (a search waits for
   * them), so that the frames measured here do not share the two cores with them. */
  sitmap_view_state_get_facet_index (state);
  sitmap_view_state_set_text (state, "a");
  sitmap_view_state_set_text (state, NULL);
  wait_for_frame (window);

  adjustment = list_adjustment (panel);
  for (guint i = 0; i < N_FRAMES; i++)
    frames[i] = frame_after_scroll (window, adjustment, gtk_adjustment_get_page_size (adjustment) / 4, rand);
  g_print ("events_list_scroll_frame_1m_ms: %.2f ms\n", sitmap_bench_median (frames, N_FRAMES));
  /* The scroll bar dragged far away. */
  for (guint i = 0; i < N_FRAMES; i++)
    frames[i] = frame_after_scroll (window, adjustment, -1, rand);
  g_print ("events_list_drag_jump_frame_1m_ms: %.2f ms\n", sitmap_bench_median (frames, N_FRAMES));
  /* An event far away selected: the frame that shows its row. */
  for (guint i = 0; i < N_FRAMES; i++)
    frames[i] = frame_after_select (window, panel, state, rand);
  g_print ("events_list_jump_frame_1m_ms: %.2f ms\n", sitmap_bench_median (frames, N_FRAMES));

  /* Sorted by title: made in a thread, the list in time order meanwhile. */
  rest ();
  start = g_get_monotonic_time ();
  sitmap_event_list_set_sort (SITMAP_EVENT_LIST (sitmap_events_panel_get_model (panel)), SITMAP_EVENT_SORT_TITLE,
                              FALSE);
  while (is_sorting (sitmap_events_panel_get_model (panel)))
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (window);
  g_print ("events_list_sort_title_1m_ms: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  for (guint i = 0; i < N_FRAMES; i++)
    frames[i] = frame_after_select (window, panel, state, rand);
  g_print ("events_list_sorted_jump_frame_1m_ms: %.2f ms\n", sitmap_bench_median (frames, N_FRAMES));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
