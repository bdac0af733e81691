/* bench-event-layer.c: what one frame of the event layer costs with many events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-event-layer"

#include "config.h"

#include "map-test-utils.h"

#define RUNS 9

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

/* A pan by a fraction of a pixel: the next frame has to look at every event again. */
static void
nudge (MapTestWindow *w, guint run)
{
  shumate_map_center_on (w->map, 34.8, 38.8 + 0.001 * (run % 2 ? 1 : -1));
}

/* One snapshot of the layer, as GTK takes it for a frame; n_nodes gets how many render nodes it made. */
static double
snapshot_ms (MapTestWindow *w, guint *n_nodes)
{
  GtkWidget *layer = GTK_WIDGET (w->events);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  gint64 start = g_get_monotonic_time ();
  double ms;

  GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);
  ms = (g_get_monotonic_time () - start) / 1000.0;

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  *n_nodes = 0;
  if (node != NULL && gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE)
    *n_nodes = gsk_container_node_get_n_children (node);
  else if (node != NULL)
    *n_nodes = 1;
  g_clear_pointer (&node, gsk_render_node_unref);
  return ms;
}

static void
bench (guint n, const char *label)
{
  g_autoptr (SitmapDocument) document = map_test_synthetic_document (n, 42);
  g_autoptr (MapTestWindow) w = map_test_window_new (1024, 768);
  double snapshots[RUNS], cold[RUNS], warm[RUNS];
  guint n_drawn, n_nodes = 0;
  int width, height;

  sitmap_view_state_set_document (w->view_state, document);
  /* All of Syria, as the demo opens. */
  map_test_window_show (w, 34.8, 38.8, 6.5);
  width = gtk_widget_get_width (GTK_WIDGET (w->events));
  height = gtk_widget_get_height (GTK_WIDGET (w->events));

  for (guint run = 0; run < RUNS; run++)
    {
      nudge (w, run);
      snapshots[run] = snapshot_ms (w, &n_nodes);
    }
  sitmap_event_layer_get_drawn (w->events, &n_drawn);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start;

      nudge (w, run);
      start = g_get_monotonic_time ();
      sitmap_event_layer_hit_test (w->events, width / 2.0 + run, height / 2.0);
      cold[run] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      sitmap_event_layer_hit_test (w->events, width / 2.0 - run, height / 2.0 + 7);
      warm[run] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("layer_snapshot_%s_ms: %.2f ms\n", label, median (snapshots, RUNS));
  g_print ("layer_drawn_%s: %u events\n", label, n_drawn);
  /* Identical symbols on one pixel are drawn once: fewer nodes than events. */
  g_print ("layer_nodes_%s: %u nodes\n", label, n_nodes);
  /* Cold: the first after the view moved, which collects what is in view again; warm: the next ones. */
  g_print ("hit_test_%s_ms: %.3f ms\n", label, median (cold, RUNS));
  g_print ("hit_test_%s_warm_ms: %.4f ms\n", label, median (warm, RUNS));
}

int
main (int argc, char *argv[])
{
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_init ();
  bench (100000, "100k");
  bench (1000000, "1m");
  return 0;
}
