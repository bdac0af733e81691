/* test-events-list.c: the events page's list while a big document is sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-events-list-test"

#include "config.h"

#include <adwaita.h>

#include "model-test-utils.h"
#include "sitmap-event-list.h"
#include "sitmap-events-panel.h"
#include "events-list-probe.h"

/* Over the size sitmap-event-list.c sorts in a thread. */
#define N_EVENTS 200000

static void
set_true_cb (gboolean *flag)
{
  *flag = TRUE;
}

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

static gboolean
is_sorting (GListModel *model)
{
  gboolean sorting = FALSE;

  g_object_get (model, "sorting", &sorting, NULL);
  return sorting;
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view, const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("no column “%s”", title);
  return NULL;
}

/* The Title header clicked on a big document: the list keeps its time order, scrolls and takes a
 * row picked while the sort is made in a thread; then the sorted order comes in, right, with the
 * event picked meanwhile still selected and its row in view. */
static void
test_sort_does_not_block (void)
{
  g_autoptr (SitmapDocument) document = model_test_random_document (N_EVENTS, 11);
  g_autoptr (SitmapViewState) state = sitmap_view_state_new ();
  GtkWidget *window = gtk_window_new ();
  SitmapEventsPanel *panel = SITMAP_EVENTS_PANEL (sitmap_events_panel_new ());
  GtkColumnView *view = sitmap_events_panel_get_column_view (panel);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkSelectionModel *selection;
  GtkAdjustment *adjustment;
  SitmapEventList *list;
  const guint32 *visible;
  guint n_visible, n, picked_item, frames_while_sorting = 0;
  guint32 picked;

  sitmap_view_state_set_document (state, document);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  sitmap_events_panel_set_view_state (panel, state);
  wait_for_frame (window);
  list = SITMAP_EVENT_LIST (sitmap_events_panel_get_model (panel));
  selection = gtk_column_view_get_model (view);
  visible = sitmap_view_state_get_visible (state, &n_visible);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, n_visible);

  gtk_column_view_sort_by_column (view, column_titled (view, "Title"), GTK_SORT_ASCENDING);
  /* The header's click returns at once: the order is made in a thread, the list is as it was. */
  g_assert_true (is_sorting (G_LIST_MODEL (list)));
  g_assert_cmpuint (sitmap_event_list_get_position (list, 0), ==, visible[0]);
  g_assert_cmpuint (sitmap_event_list_get_position (list, n - 1), ==, visible[n - 1]);

  /* Meanwhile the list scrolls, and a row picked selects its event. Nothing here lets the thread's
   * result in (it comes through the main loop), so this is the old order for certain. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 3 * gtk_adjustment_get_page_size (adjustment));
  picked_item = n / 3; /* far from the rows in view: the list scrolls to it */
  picked = sitmap_event_list_get_position (list, picked_item);
  gtk_selection_model_select_item (selection, picked_item, TRUE);
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, (gint) picked);

  /* Frames go on being drawn until the sorted order comes in. */
  while (is_sorting (G_LIST_MODEL (list)))
    {
      wait_for_frame (window);
      frames_while_sorting++;
    }
  g_test_message ("%u frames drawn while sorting", frames_while_sorting);

  /* The sorted order: ascending by title as the sort defines it, ties in time order. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (sitmap_event_order_compare (document, SITMAP_EVENT_SORT_TITLE, NULL,
                                                 sitmap_event_list_get_position (list, i - 1),
                                                 sitmap_event_list_get_position (list, i)),
                     <, 0);

  /* The event picked while sorting is still the one selected, its row marked and shown. */
  g_assert_cmpint (sitmap_view_state_get_selected (state), ==, (gint) picked);
  picked_item = (guint) sitmap_event_list_find (list, picked);
  g_assert_true (gtk_selection_model_is_selected (selection, picked_item));
  wait_for_frame (window);
  wait_for_frame (window);
  g_assert_true (events_list_probe_selected_row_shown (GTK_WIDGET (view), scroller));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/events-list/sort-does-not-block", test_sort_does_not_block);
  return g_test_run ();
}
