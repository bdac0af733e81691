/* bench-event-layer.c: what one frame of the event layer costs with many events, beside libshumate's
 * own marker layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-event-layer"

#include "config.h"

#include "map-test-utils.h"
#include "sitmap-bench.h"
#include "sitmap-event-layer-private.h"

#define RUNS        15
#define FRAME_RUNS  5
#define N_MARKERS   10000
/* Where the demo opens: all of Syria in a window of 1024 × 768. */
#define LATITUDE  34.8
#define LONGITUDE 38.8
#define ZOOM      6.5

/* A pan by a fraction of a pixel: the bins stay, what is in view is gathered again. */
static void
nudge (ShumateMap *map, guint run)
{
  shumate_map_center_on (map, LATITUDE, LONGITUDE + 0.001 * (run % 2 ? 1 : -1));
}

/* A range that lets every synthetic event through (they are dated 2020 to 2024), a second later or
 * earlier each run: the view state filters again, and the layer bins again. */
static void
refilter (SitmapViewState *view_state, guint run)
{
  sitmap_view_state_set_range (view_state, sitmap_time_from_civil (2019, 1, 1, 0, 0, run % 2),
                               sitmap_time_from_civil (2026, 1, 1, 0, 0, 0));
}

static guint
count_nodes (GskRenderNode *node)
{
  guint n = 1;

  if (node == NULL)
    return 0;
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      n = 0;
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i));
      return n;
    case GSK_TRANSFORM_NODE:
      return count_nodes (gsk_transform_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return 1 + count_nodes (gsk_rounded_clip_node_get_child (node));
    default:
      return n;
    }
}

/* One snapshot of the layer, as GTK takes it for a frame, with its render nodes made and freed. */
static double
snapshot_ms (GtkWidget *layer, guint *n_nodes)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  double start = sitmap_bench_now_ms (), ms;

  GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  ms = sitmap_bench_now_ms () - start;
  if (n_nodes != NULL)
    *n_nodes = count_nodes (node);
  g_clear_pointer (&node, gsk_render_node_unref);
  return ms;
}

/*
 * Frames: from the frame clock's before-paint to its after-paint, which is layout, snapshot and render
 * without the wait for the next tick
 */

typedef struct
{
  double start;
  double end;
} FrameTimes;

static void
before_paint_cb (GdkFrameClock *clock, FrameTimes *times)
{
  if (times->start == 0)
    times->start = sitmap_bench_now_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock, FrameTimes *times)
{
  if (times->start > 0 && times->end == 0)
    times->end = sitmap_bench_now_ms ();
}

/* The frame is to time the layer, not the tiles and the place names under it. */
static void
hide_other_layers (MapTestWindow *w, GtkWidget *keep)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (w->map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_LAYER (child) && child != keep && child != GTK_WIDGET (w->events))
      gtk_widget_set_visible (child, FALSE);
}

static double
frame_ms (GtkWidget *window, ShumateMap *map, guint run)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  FrameTimes times = { 0 };
  gulong before = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &times);
  gulong after = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &times);

  nudge (map, run);
  gtk_widget_queue_draw (window);
  while (times.end == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);
  return times.end - times.start;
}

/*
 * The event layer
 */

static double
index_bytes_per_event (SitmapEventLayer *layer, guint n)
{
  guint n_members;

  /* The members are made on the first click or key press: count them in, as the layer then holds them. */
  if (sitmap_cluster_index_get_n_binned (layer->index) > 0)
    sitmap_cluster_index_get_cell_members (layer->index, 0, &n_members);
  return (layer->n_points * sizeof (SitmapClusterPoint) + sitmap_cluster_index_get_memory_size (layer->index)) /
         (double) n;
}

static double
shapes_bytes_per_event (SitmapEventLayer *layer, guint n)
{
  guint n_shapes;

  sitmap_shape_table_get_shapes (layer->shapes, &n_shapes);
  return n_shapes * sizeof (SitmapShape) / (double) n;
}

static void
bench_layer (guint n, const char *label)
{
  g_autoptr (SitmapDocument) document = map_test_synthetic_document (n, 42);
  g_autoptr (MapTestWindow) w = map_test_window_new (1024, 768);
  GtkWidget *layer = GTK_WIDGET (w->events);
  double full[RUNS], filter[RUNS], rebin[RUNS], steady[RUNS], cold[RUNS], warm[RUNS], refiltered[RUNS];
  double new_clusters[RUNS];
  double frames[FRAME_RUNS];
  guint n_drawn, n_nodes = 0, n_clusters;
  int width, height;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, LATITUDE, LONGITUDE, ZOOM);
  width = gtk_widget_get_width (layer);
  height = gtk_widget_get_height (layer);

  /* Everything again: the time filter, the bins, what is in view, the render nodes. */
  for (guint run = 0; run < RUNS; run++)
    {
      double start = sitmap_bench_now_ms ();

      refilter (w->view_state, run);
      filter[run] = sitmap_bench_now_ms () - start;
      rebin[run] = snapshot_ms (layer, NULL);
      full[run] = filter[run] + rebin[run];
    }
  /* A frame while the map pans: the bins are kept. */
  for (guint run = 0; run < RUNS; run++)
    {
      nudge (w->map, run);
      steady[run] = snapshot_ms (layer, &n_nodes);
    }
  /* A frame whose every cluster symbol is drawn anew, as after a zoom changes their counts. */
  for (guint run = 0; run < RUNS; run++)
    {
      _sitmap_event_layer_clear_textures (w->events);
      new_clusters[run] = snapshot_ms (layer, NULL);
    }
  sitmap_event_layer_get_drawn (w->events, &n_drawn);
  sitmap_cluster_index_get_clusters (w->events->index, &n_clusters);

  for (guint run = 0; run < RUNS; run++)
    {
      double start;

      nudge (w->map, run);
      start = sitmap_bench_now_ms ();
      sitmap_event_layer_hit_test (w->events, width / 2.0 + run, height / 2.0);
      cold[run] = sitmap_bench_now_ms () - start;
      start = sitmap_bench_now_ms ();
      sitmap_event_layer_hit_test (w->events, width / 2.0 - run, height / 2.0 + 7);
      warm[run] = sitmap_bench_now_ms () - start;
      refilter (w->view_state, run);
      start = sitmap_bench_now_ms ();
      sitmap_event_layer_hit_test (w->events, width / 2.0, height / 2.0 - run);
      refiltered[run] = sitmap_bench_now_ms () - start;
    }
  hide_other_layers (w, NULL);
  for (guint run = 0; run < FRAME_RUNS; run++)
    frames[run] = frame_ms (GTK_WIDGET (w->window), w->map, run);

  g_print ("layer_snapshot_%s_ms: %.2f ms\n", label, sitmap_bench_median (full, RUNS));
  /* Of which the view state's time filter, the model's work before the layer's; then the layer's own. */
  g_print ("view_state_filter_%s_ms: %.2f ms\n", label, sitmap_bench_median (filter, RUNS));
  g_print ("layer_recompute_%s_ms: %.2f ms\n", label, sitmap_bench_median (rebin, RUNS));
  g_print ("layer_snapshot_%s_steady_ms: %.3f ms\n", label, sitmap_bench_median (steady, RUNS));
  /* Of which the cluster symbols drawn with cairo into new textures, with every other texture too. */
  g_print ("layer_snapshot_%s_new_textures_ms: %.2f ms\n", label, sitmap_bench_median (new_clusters, RUNS));
  g_print ("layer_frame_%s_ms: %.2f ms\n", label, sitmap_bench_median (frames, FRAME_RUNS));
  g_print ("layer_drawn_%s: %u events\n", label, n_drawn);
  g_print ("layer_clusters_%s: %u clusters\n", label, n_clusters);
  g_print ("layer_nodes_%s: %u nodes\n", label, n_nodes);
  /* Cold: the first after the view moved, which gathers what is in view again; warm: the next ones;
   * after a new filter: until a frame bins the events again, a pick answers from the bins the screen
   * shows, checking that what it finds is still visible. */
  g_print ("hit_test_%s_ms: %.3f ms\n", label, sitmap_bench_median (cold, RUNS));
  g_print ("hit_test_%s_warm_ms: %.4f ms\n", label, sitmap_bench_median (warm, RUNS));
  g_print ("hit_test_%s_after_filter_ms: %.3f ms\n", label, sitmap_bench_median (refiltered, RUNS));
  g_print ("layer_index_bytes_per_event_%s: %.1f bytes\n", label, index_bytes_per_event (w->events, n));
  g_print ("layer_shapes_bytes_per_event_%s: %.1f bytes\n", label, shapes_bytes_per_event (w->events, n));
  if (n == 1000000)
    g_print ("layer_index_bytes_per_event: %.1f bytes\n", index_bytes_per_event (w->events, n));
}

/*
 * libshumate's marker layer, a widget per event
 */

static void
bench_marker_layer (void)
{
  g_autoptr (SitmapDocument) document = map_test_synthetic_document (N_MARKERS, 42);
  g_autoptr (MapTestWindow) w = map_test_window_new (1024, 768);
  SitmapEventStore *store = sitmap_document_get_store (document);
  ShumateMarkerLayer *markers = shumate_marker_layer_new (w->viewport);
  double frames[FRAME_RUNS], start;

  /* Only the markers: the view state has no document, the event layer draws nothing. */
  shumate_map_add_layer (w->map, SHUMATE_LAYER (markers));
  map_test_window_show (w, LATITUDE, LONGITUDE, ZOOM);

  start = sitmap_bench_now_ms ();
  for (guint i = 0; i < N_MARKERS; i++)
    {
      ShumateMarker *marker;
      double latitude, longitude;

      if (!sitmap_event_store_get_location (store, i, &latitude, &longitude))
        continue;
      marker = shumate_marker_new ();
      shumate_marker_set_child (marker, gtk_image_new_from_icon_name ("mark-location-symbolic"));
      shumate_location_set_location (SHUMATE_LOCATION (marker), latitude, longitude);
      shumate_marker_layer_add_marker (markers, marker);
    }
  g_print ("marker_layer_10k_add_ms: %.0f ms\n", sitmap_bench_now_ms () - start);
  hide_other_layers (w, GTK_WIDGET (markers));
  for (guint run = 0; run < FRAME_RUNS; run++)
    frames[run] = frame_ms (GTK_WIDGET (w->window), w->map, run);
  g_print ("marker_layer_10k_ms: %.2f ms\n", sitmap_bench_median (frames, FRAME_RUNS));
}

/* The place layer's snapshot over an area whose name is a megabyte of words (a hostile file's): the
 * layer lays out every name in view on every frame. */
static void
bench_long_place_name (void)
{
  static const double outline[] = { 37.0, 33.0, 40.0, 33.0, 40.0, 35.5, 37.0, 35.5 };
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (MapTestWindow) w = map_test_window_new (1024, 768);
  g_autoptr (SitmapGeometry) geometry = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
  g_autoptr (SitmapPlace) place = NULL;
  g_autoptr (GString) name = g_string_new (NULL);
  double snapshots[RUNS];

  while (name->len < 1024 * 1024)
    g_string_append (name, "Lorem ipsum dolor sit amet ");
  for (guint i = 0; i < G_N_ELEMENTS (outline); i += 2)
    sitmap_geometry_add_point (geometry, outline[i], outline[i + 1]);
  place = sitmap_place_new ("place-long", name->str, SITMAP_PLACE_KIND_REGION, 34.2, 38.5, geometry);
  sitmap_document_builder_add_place (builder, place);
  document = sitmap_document_builder_finish (builder);
  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.2, 38.5, 7);
  map_test_window_wait (w);
  for (guint run = 0; run < RUNS; run++)
    snapshots[run] = snapshot_ms (GTK_WIDGET (w->places), NULL);
  g_print ("place_layer_snapshot_1mb_name_ms: %.2f ms\n", sitmap_bench_median (snapshots, RUNS));
}

/* Runs what the arguments name (10k, markers, 100k, 1m, places), or all of it. */
static gboolean
wanted (int argc, char *argv[], const char *name)
{
  if (argc < 2)
    return TRUE;
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], name) == 0)
      return TRUE;
  return FALSE;
}

int
main (int argc, char *argv[])
{
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_init ();
  if (wanted (argc, argv, "10k"))
    bench_layer (10000, "10k");
  if (wanted (argc, argv, "markers"))
    bench_marker_layer ();
  if (wanted (argc, argv, "100k"))
    bench_layer (100000, "100k");
  if (wanted (argc, argv, "1m"))
    bench_layer (1000000, "1m");
  if (wanted (argc, argv, "places"))
    bench_long_place_name ();
  return 0;
}
