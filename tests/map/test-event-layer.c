/* test-event-layer.c: the event and place layers on a real libshumate map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-event-layer"

#include "config.h"

#include <math.h>

#include "map-test-utils.h"
#include "sitmap-event-command.h"
#include "sitmap-undo-stack.h"
#include "sitmap-cluster-symbol.h"
#include "sitmap-event-layer-private.h"
#include "sitmap-symbol.h"

#include <string.h>

#define DAY 86400

/*
 * Helpers
 */

typedef struct
{
  int     width;
  int     height;
  guchar *data; /* premultiplied B, G, R, A per pixel, as GDK_MEMORY_DEFAULT is on little-endian */
} Pixels;

typedef struct
{
  int r, g, b, a; /* unpremultiplied */
} Rgba;

static void
pixels_free (Pixels *pixels)
{
  g_free (pixels->data);
  g_free (pixels);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

/* Renders one widget's own snapshot (not its children) with the window's renderer and reads it back. */
static Pixels *
render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  Pixels *pixels = g_new0 (Pixels, 1);

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  pixels->width = gtk_widget_get_width (widget);
  pixels->height = gtk_widget_get_height (widget);
  pixels->data = g_malloc0 ((gsize) pixels->width * pixels->height * 4);
  if (node == NULL)
    return pixels;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, pixels->width, pixels->height));
  gdk_texture_download (texture, pixels->data, pixels->width * 4);
  return pixels;
}

static Rgba
pixel_at (const Pixels *pixels, double x, double y)
{
  int px = (int) floor (x), py = (int) floor (y);
  const guchar *p;
  Rgba rgba;

  g_assert_true (px >= 0 && py >= 0 && px < pixels->width && py < pixels->height);
  p = pixels->data + ((gsize) py * pixels->width + px) * 4;
  rgba.a = p[3];
  if (rgba.a == 0)
    return (Rgba) { 0, 0, 0, 0 };
  rgba.r = MIN (255, p[2] * 255 / rgba.a);
  rgba.g = MIN (255, p[1] * 255 / rgba.a);
  rgba.b = MIN (255, p[0] * 255 / rgba.a);
  return rgba;
}

static Rgba
category_rgba (SitmapCategory category)
{
  GdkRGBA c;

  sitmap_symbol_get_color (category, &c);
  return (Rgba) { (int) round (c.red * 255), (int) round (c.green * 255), (int) round (c.blue * 255), 255 };
}

static gboolean
rgba_near (Rgba a, Rgba b, int tolerance)
{
  return ABS (a.r - b.r) <= tolerance && ABS (a.g - b.g) <= tolerance && ABS (a.b - b.b) <= tolerance &&
         ABS (a.a - b.a) <= tolerance;
}

/* Samples around a circle of radius r that let the map through: gaps in an outline. */
static guint
count_gaps (const Pixels *pixels, double x, double y, double r)
{
  guint n = 0;

  for (guint i = 0; i < 64; i++)
    if (pixel_at (pixels, round (x) + r * cos (i * G_PI / 32), round (y) + r * sin (i * G_PI / 32)).a < 128)
      n++;
  return n;
}

static gint
find (SitmapDocument *document, const char *id)
{
  gint position = sitmap_document_find_event (document, id);

  g_assert_cmpint (position, >=, 0);
  return position;
}

static void
widget_point (MapTestWindow *w, double latitude, double longitude, double *x, double *y)
{
  shumate_viewport_location_to_widget_coords (w->viewport, GTK_WIDGET (w->events), latitude, longitude, x, y);
}

static void
event_point (MapTestWindow *w, guint position, double *x, double *y)
{
  g_assert_true (sitmap_event_layer_get_event_point (w->events, position, x, y));
}

static gboolean
drawn_contains (SitmapEventLayer *layer, guint position)
{
  guint n;
  const guint32 *drawn = sitmap_event_layer_get_drawn (layer, &n);

  for (guint i = 0; i < n; i++)
    if (drawn[i] == position)
      return TRUE;
  return FALSE;
}

/*
 * Projection
 */

static void
check_points_agree (MapTestWindow *w, SitmapDocument *document)
{
  SitmapEventStore *store = sitmap_document_get_store (document);

  for (guint i = 0; i < sitmap_document_get_n_events (document); i++)
    {
      double latitude, longitude, x, y, ex, ey;

      if (!sitmap_event_store_get_location (store, i, &latitude, &longitude))
        {
          g_assert_false (sitmap_event_layer_get_event_point (w->events, i, &x, &y));
          continue;
        }
      event_point (w, i, &x, &y);
      widget_point (w, latitude, longitude, &ex, &ey);
      g_assert_cmpfloat_with_epsilon (x, ex, 0.01);
      g_assert_cmpfloat_with_epsilon (y, ey, 0.01);
    }
}

static void
test_event_point (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = map_test_demo_document ();

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.7, 38.6, 6.5);
  check_points_agree (w, document);

  /* Elsewhere, zoomed in, and with the map turned. */
  shumate_viewport_set_zoom_level (w->viewport, 9.3);
  shumate_map_center_on (w->map, 34.5, 38.3);
  check_points_agree (w, document);
  shumate_viewport_set_rotation (w->viewport, 0.6);
  check_points_agree (w, document);
}

/*
 * Hit testing
 */

static void
test_hit_demo (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = map_test_demo_document ();
  static const char *const points[] = { "ev-sukhna", "ev-damascus", "ev-strike-a", "ev-strike-b", "ev-baghouz",
                                        "ev-2011", "ev-strikes", "ev-offensive" };
  gint strikes = find (document, "ev-strikes"), sukhna = find (document, "ev-sukhna");
  double x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.7, 38.6, 6.5);

  /* Every event is found at its own symbol, and a little off it. */
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      gint position = find (document, points[i]);

      event_point (w, position, &x, &y);
      g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, position);
      g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x + 4, y - 3), ==, position);
    }

  /* Inside the Badia, away from every symbol: the area event. */
  widget_point (w, 33.0, 39.8, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, strikes);
  /* Outside every shape and symbol (south-west of the Badia, in Jordan): nothing. */
  widget_point (w, 31.6, 36.4, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, -1);

  /* Only what is visible can be hit. */
  event_point (w, sukhna, &x, &y);
  sitmap_view_state_set_hidden_categories (w->view_state, 1u << SITMAP_CATEGORY_BATTLE);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), !=, sukhna);
  sitmap_view_state_set_hidden_categories (w->view_state, 0);
  sitmap_view_state_set_range (w->view_state, sitmap_time_from_civil (2024, 12, 1, 0, 0, 0),
                               sitmap_time_from_civil (2024, 12, 9, 0, 0, 0));
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), !=, sukhna);
  sitmap_view_state_clear_range (w->view_state);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, sukhna);
}

static void
add_line (SitmapDocumentBuilder *builder, const char *id, const double *lon_lat, guint n)
{
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.category = SITMAP_CATEGORY_STRATEGIC;
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-01", NULL));
  draft.geometry = sitmap_geometry_new (SITMAP_GEOMETRY_LINE);
  for (guint i = 0; i < n; i++)
    sitmap_geometry_add_point (draft.geometry, lon_lat[2 * i], lon_lat[2 * i + 1]);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

static SitmapDocument *
close_events_document (void)
{
  /* At zoom 8 a degree of longitude is 182 pixels: 0.033° is 6 pixels. */
  static const double big[] = { 36.0, 32.0, 40.0, 32.0, 40.0, 33.5, 36.0, 33.5 };
  static const double small[] = { 37.0, 32.5, 37.6, 32.5, 37.6, 33.0, 37.0, 33.0 };
  static const double track[] = { 39.0, 34.6, 39.6, 34.6 };
  const MapTestEvent events[] = {
    { "a", "A", SITMAP_CATEGORY_BATTLE, 34.0, 38.0, "2024-12-01", NULL, SITMAP_LOCATION_PRECISION_EXACT },
    { "b", "B", SITMAP_CATEGORY_PROTEST, 34.0, 38.033, "2024-12-02", NULL, SITMAP_LOCATION_PRECISION_EXACT },
    { "big", "Big", SITMAP_CATEGORY_CONTEXT, 33.45, 36.05, "2024-12-03", NULL, SITMAP_LOCATION_PRECISION_REGION,
      0, FALSE, big, 4 },
    { "small", "Small", SITMAP_CATEGORY_RIOT, 32.95, 37.05, "2024-12-04", NULL, SITMAP_LOCATION_PRECISION_REGION,
      0, FALSE, small, 4 },
  };
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    map_test_add_event (builder, &events[i]);
  add_line (builder, "track", track, 2);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static void
test_hit_nearest (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (900, 700);
  g_autoptr (SitmapDocument) document = close_events_document ();
  gint a = find (document, "a"), b = find (document, "b"), big = find (document, "big");
  gint small = find (document, "small"), track = find (document, "track");
  SitmapEventLayerPick picked;
  g_autofree char *tooltip = NULL;
  double ax, ay, bx, by, x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 33.6, 37.9, 8);

  /* Six pixels apart, their symbols would overlap: one cluster of two, between them. */
  event_point (w, a, &ax, &ay);
  event_point (w, b, &bx, &by);
  g_assert_cmpfloat (bx - ax, >, 4);
  g_assert_cmpfloat (bx - ax, <, 8);
  g_assert_true (sitmap_event_layer_pick (w->events, ax, ay, &picked));
  g_assert_cmpint (picked.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  g_assert_cmpuint (picked.n_events, ==, 2);
  g_assert_cmpfloat_with_epsilon (picked.x, (ax + bx) / 2, 0.5);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, ax, ay), ==, -1);
  tooltip = sitmap_event_layer_dup_tooltip_text (w->events, ax, ay);
  g_assert_nonnull (strstr (tooltip, "2 events: Battle, Protest"));
  g_assert_nonnull (strstr (tooltip, "Click to zoom in"));

  /* Zoomed in, they are apart: the nearer of the two, from either side and just past the middle. */
  shumate_viewport_set_zoom_level (w->viewport, 11);
  shumate_map_center_on (w->map, 34.0, 38.0);
  event_point (w, a, &ax, &ay);
  event_point (w, b, &bx, &by);
  g_assert_cmpfloat (bx - ax, >, 40);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, ax - 1, ay), ==, a);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, bx + 1, by), ==, b);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, ax + 8, ay), ==, a);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, bx - 8, by), ==, b);
  /* A few pixels off still hits; far away does not. */
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, bx + 9, by), ==, b);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, bx + 14, by), ==, -1);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, ax, ay - 40), ==, -1);

  /* Nested areas: the smaller, more specific one wins where both cover the point. */
  shumate_viewport_set_zoom_level (w->viewport, 8);
  shumate_map_center_on (w->map, 33.6, 37.9);
  widget_point (w, 32.7, 37.4, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, small);
  widget_point (w, 32.3, 39.0, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, big);
  widget_point (w, 31.8, 39.0, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, -1);

  /* A track is hit along its stroke, not only at its anchor. */
  widget_point (w, 34.6, 39.1, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y + 3), ==, track);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y + 30), ==, -1);
}

/* Zoomed out so far that the world repeats across the window: so do the clusters. */
static void
test_hit_wrapped (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (1300, 500);
  g_autoptr (SitmapDocument) document = close_events_document ();
  gint a = find (document, "a");
  SitmapEventLayerPick here, there;
  double x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 20, 0, 1);
  event_point (w, a, &x, &y);
  g_assert_true (sitmap_event_layer_pick (w->events, x, y, &here));
  g_assert_cmpint (here.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  /* At zoom 1 the world is 512 pixels across. */
  g_assert_true (sitmap_event_layer_pick (w->events, x - 512 >= 0 ? x - 512 : x + 512, y, &there));
  g_assert_cmpint (there.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  g_assert_cmpuint (there.n_events, ==, here.n_events);
  g_assert_cmpfloat_with_epsilon (fabs (there.x - here.x), 512, 0.01);
  g_assert_true (drawn_contains (w->events, a));
}

/*
 * What is drawn
 */

static SitmapDocument *
random_document (GRand *rand, guint n)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  for (guint added = 0; added < n; added++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", added);
      g_autofree char *date = g_strdup_printf ("2024-%02d-%02d", g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      MapTestEvent event = { id, "Random", g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES),
                             g_rand_double_range (rand, 28, 41), g_rand_double_range (rand, 30, 47), date, NULL,
                             SITMAP_LOCATION_PRECISION_EXACT };

      if (added % 50 == 0)
        event.latitude = event.longitude = NAN;
      map_test_add_event (builder, &event);
    }
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

/* Brute force over the columns: what the view state lets through and where it lies. An event is drawn as
 * its own symbol or counted in a cluster drawn at the mean of its events, which lie in its cell or a
 * neighbour's: an event that far inside the widget must be drawn, one that far outside must not. */
#define CLUSTER_REACH (3 * SITMAP_EVENT_LAYER_CELL_PIXELS * G_SQRT2)

static gboolean
in_box (double x, double y, double width, double height, double margin)
{
  return x >= -margin && x <= width + margin && y >= -margin && y <= height + margin;
}

/* The drawn events are exactly the single events drawn plus the events of the clusters drawn. */
static void
check_drawn_adds_up (MapTestWindow *w)
{
  SitmapEventLayer *layer = w->events;
  g_autofree guint8 *seen = NULL;
  const SitmapCluster *clusters;
  guint n_clusters, n_drawn, total = 0;

  sitmap_event_layer_get_drawn (layer, &n_drawn);
  clusters = sitmap_cluster_index_get_clusters (layer->index, &n_clusters);
  seen = g_new0 (guint8, n_clusters + 1);
  for (guint i = 0; i < layer->cluster_instances->len; i++)
    {
      guint c = g_array_index (layer->cluster_instances, SitmapClusterInstance, i).cluster;

      if (!seen[c])
        total += clusters[c].n_events;
      seen[c] = TRUE;
    }
  for (guint i = 0; i < layer->symbols->len; i++)
    if ((gint) i != layer->selected_symbol)
      total++;
  g_assert_cmpuint (total, ==, n_drawn);
}

static void
check_drawn (MapTestWindow *w, SitmapDocument *document)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  SitmapEventStore *store = sitmap_document_get_store (document);
  guint hidden = sitmap_view_state_get_hidden_categories (w->view_state);
  double width = gtk_widget_get_width (GTK_WIDGET (w->events));
  double height = gtk_widget_get_height (GTK_WIDGET (w->events));
  /* Drawing it is what updates the drawn set. */
  g_autoptr (Pixels) pixels = render_widget (GTK_WIDGET (w->events));
  gint64 from, to;
  gboolean has_range = sitmap_view_state_get_range (w->view_state, &from, &to);
  SitmapRangeRule rule = sitmap_view_state_get_range_rule (w->view_state);
  const guint32 *drawn;
  guint n_drawn, d = 0, n_inside = 0;

  drawn = sitmap_event_layer_get_drawn (w->events, &n_drawn);
  for (guint32 i = 0; i < columns->n_events; i++)
    {
      double latitude, longitude, x, y;
      gboolean in_range = TRUE, is_drawn = d < n_drawn && drawn[d] == i;

      if (is_drawn)
        d++;
      if (has_range)
        in_range = rule == SITMAP_RANGE_WITHIN ? columns->start[i] >= from && sitmap_event_columns_get_end (columns, i) <= to
                                               : columns->start[i] < to && sitmap_event_columns_get_end (columns, i) > from;
      if (!in_range || (hidden & (1u << columns->category[i])) ||
          !sitmap_event_store_get_location (store, i, &latitude, &longitude))
        {
          g_assert_false (is_drawn);
          continue;
        }
      widget_point (w, latitude, longitude, &x, &y);
      if (in_box (x, y, width, height, -CLUSTER_REACH))
        {
          g_assert_true (is_drawn);
          n_inside++;
        }
      else if (!in_box (x, y, width, height, CLUSTER_REACH))
        g_assert_false (is_drawn);
    }
  /* Every drawn position was met in ascending order: none is left over, none repeated. */
  g_assert_cmpuint (d, ==, n_drawn);
  g_assert_cmpuint (n_inside, >, 0);
  check_drawn_adds_up (w);
}

static void
test_drawn_follows_filters (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20241210);
  g_autoptr (SitmapDocument) document = NULL;
  guint n_drawn;

  map_test_window_show (w, 34.7, 38.6, 7);
  document = random_document (rand, 3000);
  sitmap_view_state_set_document (w->view_state, document);

  check_drawn (w, document);
  sitmap_event_layer_get_drawn (w->events, &n_drawn);
  g_assert_cmpuint (n_drawn, >, 100);
  g_assert_cmpuint (n_drawn, <, 2900);

  sitmap_view_state_set_range (w->view_state, sitmap_time_from_civil (2024, 6, 1, 0, 0, 0),
                               sitmap_time_from_civil (2024, 8, 15, 0, 0, 0));
  check_drawn (w, document);
  sitmap_view_state_set_hidden_categories (w->view_state,
                                           (1u << SITMAP_CATEGORY_BATTLE) | (1u << SITMAP_CATEGORY_PROTEST));
  check_drawn (w, document);
  sitmap_view_state_set_range_rule (w->view_state, SITMAP_RANGE_WITHIN);
  check_drawn (w, document);
  sitmap_view_state_clear_range (w->view_state);
  check_drawn (w, document);

  /* Panned and zoomed: still exactly what is in view. */
  shumate_map_center_on (w->map, 36.0, 41.0);
  shumate_viewport_set_zoom_level (w->viewport, 7.6);
  check_drawn (w, document);
  sitmap_view_state_set_hidden_categories (w->view_state, 0);
  check_drawn (w, document);
  sitmap_event_layer_get_drawn (w->events, &n_drawn);
  g_assert_cmpuint (n_drawn, >, 50);
}

/* Far more symbols and rings in view than GTK's GL renderer could draw one batch each (it takes 32767 in
 * a frame, and aborts beyond): the frame must still render, and every event be drawn and found. */
static void
test_dense (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (8);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) pixels = NULL;
  GskRenderer *renderer;
  double x, y;
  guint n_drawn;

  map_test_window_show (w, 34.7, 38.6, 7);
  renderer = gtk_native_get_renderer (GTK_NATIVE (w->window));
  g_test_message ("renderer: %s", G_OBJECT_TYPE_NAME (renderer));
  for (guint i = 0; i < 60000; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      MapTestEvent event = { id, "Dense", i % SITMAP_N_CATEGORIES, g_rand_double_range (rand, 33.0, 36.3),
                             g_rand_double_range (rand, 35.0, 42.2), i % 7 ? "2024-05-05" : "2024-05",
                             NULL, SITMAP_LOCATION_PRECISION_EXACT };

      if (i % 3 != 0)
        {
          event.location = SITMAP_LOCATION_PRECISION_NEAR_TOWN;
          event.radius_m = 10000 + i % 20000;
        }
      map_test_add_event (builder, &event);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  sitmap_view_state_set_selected (w->view_state, 1234);
  pixels = render_widget (GTK_WIDGET (w->events));
  sitmap_event_layer_get_drawn (w->events, &n_drawn);
  g_assert_cmpuint (n_drawn, ==, 60000);
  /* The selection is on top of them all, with its halo. */
  event_point (w, 1234, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, 1234);
  g_assert_cmpint (pixel_at (pixels, x + SITMAP_SYMBOL_SELECTED_RADIUS + 5.5, y).b, >,
                   pixel_at (pixels, x + SITMAP_SYMBOL_SELECTED_RADIUS + 5.5, y).r + 80);
  /* And the window draws it too. */
  gtk_widget_queue_draw (GTK_WIDGET (w->events));
  map_test_window_wait (w);
}

static void
test_document_change (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) demo = map_test_demo_document ();
  g_autoptr (SitmapDocument) close = close_events_document ();
  g_autoptr (Pixels) p1 = NULL;
  g_autoptr (Pixels) p2 = NULL;
  g_autoptr (Pixels) p3 = NULL;
  SitmapEventLayerPick picked;
  double x, y;
  guint n;

  sitmap_view_state_set_document (w->view_state, demo);
  map_test_window_show (w, 34.7, 38.6, 6.5);
  sitmap_view_state_set_selected (w->view_state, find (demo, "ev-sukhna"));
  p1 = render_widget (GTK_WIDGET (w->events));
  g_assert_true (drawn_contains (w->events, find (demo, "ev-baghouz")));

  sitmap_view_state_set_document (w->view_state, close);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, -1);
  p2 = render_widget (GTK_WIDGET (w->events));
  sitmap_event_layer_get_drawn (w->events, &n);
  g_assert_cmpuint (n, ==, sitmap_document_get_n_events (close));
  /* a and b are one cluster there. */
  event_point (w, find (close, "a"), &x, &y);
  g_assert_true (sitmap_event_layer_pick (w->events, x, y, &picked));
  g_assert_cmpint (picked.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);

  sitmap_view_state_set_document (w->view_state, NULL);
  p3 = render_widget (GTK_WIDGET (w->events));
  sitmap_event_layer_get_drawn (w->events, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, -1);
  g_assert_false (sitmap_event_layer_get_event_point (w->events, 0, &x, &y));
}

/* An edit moves an event on the map at once: its old place is empty, its new one has it; undo puts it back. */
static void
test_edit_moves_marker (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) demo = map_test_demo_document ();
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (demo);
  gint sukhna = find (demo, "ev-sukhna"), moved;
  SitmapEventDraft draft;
  g_autoptr (Pixels) after_edit = NULL;
  g_autoptr (Pixels) after_undo = NULL;
  double x, y, ex, ey;

  sitmap_view_state_set_document (w->view_state, demo);
  map_test_window_show (w, 34.7, 38.6, 6.5);
  event_point (w, sukhna, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, sukhna);

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (demo, sukhna, &draft);
  /* The desert near the Iraqi border: no other event near */
  draft.latitude = 33.0;
  draft.longitude = 39.5;
  {
    g_autoptr (SitmapCommand) command = sitmap_event_command_new_edit (demo, "ev-sukhna", &draft, "Move Event", "move");

    sitmap_undo_stack_push (undo, command);
  }
  sitmap_event_draft_clear (&draft);
  moved = find (demo, "ev-sukhna");
  g_assert_cmpint (moved, !=, sukhna);
  after_edit = render_widget (GTK_WIDGET (w->events));
  g_assert_true (drawn_contains (w->events, moved));
  g_assert_false (drawn_contains (w->events, sukhna));
  event_point (w, moved, &x, &y);
  widget_point (w, 33.0, 39.5, &ex, &ey);
  g_assert_cmpfloat_with_epsilon (x, ex, 0.01);
  g_assert_cmpfloat_with_epsilon (y, ey, 0.01);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, moved);

  g_assert_true (sitmap_undo_stack_undo (undo));
  after_undo = render_widget (GTK_WIDGET (w->events));
  g_assert_true (drawn_contains (w->events, sukhna));
  event_point (w, sukhna, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, sukhna);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, ex, ey), !=, moved);
  g_assert_cmpuint (sitmap_document_get_n_events (demo), ==, (guint) moved);
}

/*
 * Pixels
 */

static SitmapDocument *
appearance_document (void)
{
  static const double area[] = { 36.3, 32.6, 37.0, 32.6, 37.0, 33.0, 36.3, 33.0 };
  const MapTestEvent events[] = {
    { "day", "Day", SITMAP_CATEGORY_BATTLE, 34.0, 37.0, "2024-12-10", NULL, SITMAP_LOCATION_PRECISION_EXACT },
    { "month", "Month", SITMAP_CATEGORY_BATTLE, 34.0, 37.3, "2024-12", NULL, SITMAP_LOCATION_PRECISION_EXACT },
    { "party", "Party", SITMAP_CATEGORY_BATTLE, 34.0, 37.6, "2024-12-10", NULL, SITMAP_LOCATION_PRECISION_EXACT, 0,
      TRUE },
    { "selected", "Selected", SITMAP_CATEGORY_BATTLE, 34.0, 37.9, "2024-12-10", NULL,
      SITMAP_LOCATION_PRECISION_EXACT },
    /* Away from the others, with a radius, so that its large faint ring covers none of them. */
    { "country", "Country", SITMAP_CATEGORY_BATTLE, 34.6, 39.6, "2024-12-10", NULL,
      SITMAP_LOCATION_PRECISION_COUNTRY, 20000 },
    { "near", "Near", SITMAP_CATEGORY_PROTEST, 33.3, 38.5, "2024-12-10", NULL,
      SITMAP_LOCATION_PRECISION_NEAR_TOWN, 25000 },
    { "area", "Area", SITMAP_CATEGORY_STRATEGIC, 32.8, 36.65, "2024-12-10", NULL,
      SITMAP_LOCATION_PRECISION_REGION, 0, FALSE, area, 4 },
  };
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "party"), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    map_test_add_event (builder, &events[i]);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static void
test_pixels (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (900, 700);
  g_autoptr (SitmapDocument) document = appearance_document ();
  g_autoptr (Pixels) pixels = NULL;
  Rgba battle = category_rgba (SITMAP_CATEGORY_BATTLE), protest = category_rgba (SITMAP_CATEGORY_PROTEST);
  Rgba strategic = category_rgba (SITMAP_CATEGORY_STRATEGIC);
  Rgba day, month, party, near_ring, outside, area;
  gboolean ring_found;
  double dx, dy, mx, my, px, py, sx, sy, cx, cy, nx, ny, ax, ay, mpp, r;
  GdkRGBA accent;

  sitmap_view_state_set_document (w->view_state, document);
  sitmap_view_state_set_selected (w->view_state, find (document, "selected"));
  map_test_window_show (w, 33.5, 37.6, 8);
  pixels = render_widget (GTK_WIDGET (w->events));
  event_point (w, find (document, "day"), &dx, &dy);
  event_point (w, find (document, "month"), &mx, &my);
  event_point (w, find (document, "party"), &px, &py);
  event_point (w, find (document, "selected"), &sx, &sy);
  event_point (w, find (document, "country"), &cx, &cy);
  event_point (w, find (document, "near"), &nx, &ny);

  /* A day-precise event is its category's colour at its point. */
  day = pixel_at (pixels, dx, dy);
  g_assert_true (rgba_near (day, battle, 4));

  /* Known only to the month: visibly less solid, a pale inside within a rim of the colour. */
  month = pixel_at (pixels, mx, my);
  g_assert_false (rgba_near (month, battle, 40));
  g_assert_cmpint (month.r + month.g + month.b, >, battle.r + battle.g + battle.b + 200);
  g_assert_true (rgba_near (pixel_at (pixels, mx + SITMAP_SYMBOL_RADIUS * 0.95 - 1.2, my), battle, 30));

  /* Reported only by a party: weaker, a paler fill of the same hue within a perforated outline. The
   * outline of an independent report is whole: the ring just outside the shape lets no map through. */
  party = pixel_at (pixels, px, py);
  g_assert_cmpint (party.a, ==, 255);
  g_assert_cmpint (party.r + party.g + party.b, >, battle.r + battle.g + battle.b + 60);
  g_assert_cmpint (party.r, >, party.b + 60);
  g_assert_cmpuint (count_gaps (pixels, dx, dy, 7.3), ==, 0);
  g_assert_cmpuint (count_gaps (pixels, px, py, 7.3), >, 8);

  /* Selected: larger, with a halo in the accent colour where a plain symbol leaves the map bare. */
  sitmap_symbol_get_selection_color (&accent);
  g_assert_true (rgba_near (pixel_at (pixels, sx + 8.5, sy), battle, 4));
  g_assert_false (rgba_near (pixel_at (pixels, dx + 8.5, dy), battle, 40));
  {
    Rgba halo = pixel_at (pixels, sx + SITMAP_SYMBOL_SELECTED_RADIUS + 5.5, sy);

    g_assert_cmpint (halo.a, >, 200);
    g_assert_cmpint (halo.b, >, halo.r + 80);
    g_assert_cmpint (pixel_at (pixels, dx + SITMAP_SYMBOL_SELECTED_RADIUS + 5.5, dy).a, <, 10);
  }

  /* Only the country is known: faded, never a solid point. */
  g_assert_cmpint (pixel_at (pixels, cx, cy).a, <, 200);
  g_assert_cmpint (pixel_at (pixels, cx, cy).a, >, 60);

  /* Near a town: a ring of the event's radius, 25 km at this zoom and latitude. */
  mpp = shumate_map_source_get_meters_per_pixel (w->source, 8, 33.3, 38.5);
  r = 25000 / mpp;
  g_assert_cmpfloat (r, >, 30);
  /* The ring's line, a pixel or two wide, somewhere just inside the radius. */
  ring_found = FALSE;
  for (double d = r - 3; d <= r + 0.5; d += 1)
    {
      near_ring = pixel_at (pixels, nx + d, ny);
      if (near_ring.a > 120 && rgba_near ((Rgba) { near_ring.r, near_ring.g, near_ring.b, 255 }, protest, 40))
        ring_found = TRUE;
    }
  g_assert_true (ring_found);
  outside = pixel_at (pixels, nx + r + 6, ny);
  g_assert_cmpint (outside.a, <, 10);
  /* Inside the ring, a faint wash of the colour, not the bare map. */
  g_assert_cmpint (pixel_at (pixels, nx + r / 2, ny).a, >, 10);
  g_assert_cmpint (pixel_at (pixels, nx + r / 2, ny).a, <, 80);

  /* A region: its polygon as a translucent fill. */
  widget_point (w, 32.7, 36.4, &ax, &ay);
  area = pixel_at (pixels, ax, ay);
  g_assert_cmpint (area.a, >, 15);
  g_assert_cmpint (area.a, <, 90);
  g_assert_true (rgba_near ((Rgba) { area.r, area.g, area.b, 255 }, strategic, 60));
}

/* The shapes' drawing is kept while only the map pans, and moved with it; a selection drawn on it, or
 * taken off, shows in the next frame, wherever the map is. */
static void
test_shapes_follow_view (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (900, 700);
  g_autoptr (SitmapDocument) document = appearance_document ();
  Rgba strategic = category_rgba (SITMAP_CATEGORY_STRATEGIC), plain, selected, accent_rgba;
  double ex, ey, ax, ay;
  GdkRGBA accent;

  sitmap_symbol_get_selection_color (&accent);
  accent_rgba = (Rgba) { accent.red * 255 + 0.5, accent.green * 255 + 0.5, accent.blue * 255 + 0.5, 255 };
  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 33.5, 37.6, 8);
  for (guint pan = 0; pan < 3; pan++)
    {
      g_autoptr (Pixels) before = NULL;
      g_autoptr (Pixels) after = NULL;
      g_autoptr (Pixels) cleared = NULL;

      /* By a fraction of a degree each time: the same shapes, moved by some pixels and a fraction. */
      shumate_map_center_on (w->map, 33.5, 37.6 + 0.13 * pan);
      map_test_window_wait (w);
      /* The middle of the area's southern edge, and a point inside it. */
      widget_point (w, 32.6, 36.65, &ex, &ey);
      widget_point (w, 32.7, 36.4, &ax, &ay);
      before = render_widget (GTK_WIDGET (w->events));
      g_assert_cmpint (pixel_at (before, ax, ay).a, >, 15);
      g_assert_cmpint (pixel_at (before, ax, ay).a, <, 90);
      g_assert_true (rgba_near ((Rgba) { pixel_at (before, ax, ay).r, pixel_at (before, ax, ay).g,
                                         pixel_at (before, ax, ay).b, 255 }, strategic, 60));
      plain = pixel_at (before, ex, ey);
      g_assert_false (rgba_near (plain, accent_rgba, 40));

      sitmap_view_state_set_selected (w->view_state, find (document, "area"));
      after = render_widget (GTK_WIDGET (w->events));
      selected = pixel_at (after, ex, ey);
      g_assert_true (rgba_near (selected, accent_rgba, 40));

      sitmap_view_state_set_selected (w->view_state, -1);
      cleared = render_widget (GTK_WIDGET (w->events));
      g_assert_true (rgba_near (pixel_at (cleared, ex, ey), plain, 4));
    }
}

/* On a HiDPI display the textures have twice the pixels, and the symbol the same logical size. */
static void
test_pixels_scale (void)
{
  g_autoptr (GdkTexture) one = sitmap_symbol_create_texture (SITMAP_CATEGORY_BATTLE, 0, 1);
  g_autoptr (GdkTexture) two = sitmap_symbol_create_texture (SITMAP_CATEGORY_BATTLE, 0, 2);
  g_autoptr (GdkTexture) selected = sitmap_symbol_create_texture (SITMAP_CATEGORY_BATTLE,
                                                                  SITMAP_SYMBOL_STYLE_SELECTED, 1);

  g_assert_cmpint (gdk_texture_get_width (two), >=, 2 * gdk_texture_get_width (one) - 2);
  g_assert_cmpint (gdk_texture_get_width (two), <=, 2 * gdk_texture_get_width (one) + 2);
  g_assert_cmpint (gdk_texture_get_width (selected), >, gdk_texture_get_width (one));
}

/* The extents that tell what symbols hide of each other hold for every pixel the symbols paint:
 * nothing beyond the reach, and nothing but opaque paint within the core. */
static void
check_extents (SitmapCategory category, SitmapSymbolStyle style, double scale)
{
  g_autoptr (GdkTexture) texture = sitmap_symbol_create_texture (category, style, scale);
  int size = gdk_texture_get_width (texture);
  g_autofree guchar *data = g_malloc ((gsize) size * size * 4);
  double reach = sitmap_symbol_get_reach (category) - 0.5, core = sitmap_symbol_get_core (category, style);
  double c = size / 2.0;

  gdk_texture_download (texture, data, size * 4);
  for (int j = 0; j < size; j++)
    for (int i = 0; i < size; i++)
      {
        guint8 alpha = data[((gsize) j * size + i) * 4 + 3];
        /* The pixel's farthest and nearest extents from the centre, in logical pixels. */
        double far_x = MAX (fabs (i - c), fabs (i + 1 - c)) / scale;
        double far_y = MAX (fabs (j - c), fabs (j + 1 - c)) / scale;
        double near_x = (i <= c && c <= i + 1) ? 0 : MIN (fabs (i - c), fabs (i + 1 - c)) / scale;
        double near_y = (j <= c && c <= j + 1) ? 0 : MIN (fabs (j - c), fabs (j + 1 - c)) / scale;

        if (alpha > 0 && (far_x > reach || far_y > reach))
          g_error ("category %d style %d scale %g paints (%d, %d) beyond its reach", category, style, scale, i, j);
        if (core > 0 && near_x < core + 0.5 && near_y < core + 0.5 && alpha != 255)
          g_error ("category %d style %d scale %g: (%d, %d) in its core is not opaque", category, style, scale, i, j);
      }
}

static void
test_symbol_extents (void)
{
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    for (guint style = 0; style < SITMAP_SYMBOL_STYLE_SELECTED; style++)
      for (double scale = 1; scale <= 3; scale += 0.5)
        check_extents (c, style, scale);
}

/*
 * Pointer
 */

static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
}

static void
click (GtkEventController *gesture, double x, double y, double release_x, double release_y)
{
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, release_x, release_y);
}

/* Picking: the window finds the layer where an event is drawn and the map everywhere else, so that
 * a real pointer reaches the symbols and still drags the bare map. */
static void
test_pick (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = map_test_demo_document ();
  GtkWidget *root;
  graphene_point_t in, out;
  double x, y, ex, ey;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.7, 38.6, 6.5);
  root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (w->events)));

  event_point (w, find (document, "ev-damascus"), &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (w->events), root, &in, &out));
  g_assert_true (gtk_widget_pick (root, out.x, out.y, GTK_PICK_DEFAULT) == GTK_WIDGET (w->events));

  widget_point (w, 31.6, 36.4, &ex, &ey);
  in = GRAPHENE_POINT_INIT (ex, ey);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (w->events), root, &in, &out));
  g_assert_true (gtk_widget_pick (root, out.x, out.y, GTK_PICK_DEFAULT) == GTK_WIDGET (w->map));
}

/* The layer's own handlers, driven through its controllers' signals as GTK would emit them. The
 * click gesture sits on the map, which hears clicks on bare map too. */
static void
test_click_and_hover (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = map_test_demo_document ();
  GtkEventController *gesture, *motion;
  gint damascus = find (document, "ev-damascus"), strikes = find (document, "ev-strikes");
  double x, y, ex, ey;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.7, 38.6, 6.5);
  gesture = GTK_EVENT_CONTROLLER (w->events->click);
  g_assert_true (gtk_event_controller_get_widget (gesture) == GTK_WIDGET (w->map));
  motion = find_controller (GTK_WIDGET (w->events), GTK_TYPE_EVENT_CONTROLLER_MOTION);

  /* A click on a symbol selects its event. */
  event_point (w, damascus, &x, &y);
  click (gesture, x + 2, y + 1, x + 2, y + 1);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, damascus);

  /* The end of a drag that panned the map is not a click: the selection stays. */
  widget_point (w, 31.6, 36.4, &ex, &ey);
  click (gesture, ex, ey, ex + 60, ey + 20);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, damascus);

  /* A click inside an area selects the area's event; on the bare map, nothing. */
  widget_point (w, 33.0, 39.8, &x, &y);
  click (gesture, x, y, x, y);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, strikes);
  click (gesture, ex, ey, ex, ey);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, -1);

  /* The pointer becomes a hand over an event, and the map's own again elsewhere. */
  event_point (w, damascus, &x, &y);
  g_signal_emit_by_name (motion, "motion", x, y);
  g_assert_nonnull (gtk_widget_get_cursor (GTK_WIDGET (w->events)));
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (w->events))), ==, "pointer");
  g_signal_emit_by_name (motion, "motion", ex, ey);
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (w->events)));
}

/*
 * Tooltips and places
 */

static void
test_tooltip_text (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = map_test_demo_document ();
  g_autofree char *sukhna = NULL;
  g_autofree char *strike = NULL;
  g_autofree char *baghouz = NULL;
  g_autofree char *nothing = NULL;
  double x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.7, 38.6, 6.5);

  event_point (w, find (document, "ev-sukhna"), &x, &y);
  sukhna = sitmap_event_layer_dup_tooltip_text (w->events, x, y);
  g_assert_nonnull (strstr (sukhna, "IS kills fleeing government soldiers near Sukhna"));
  g_assert_nonnull (strstr (sukhna, "10 December 2024"));
  g_assert_nonnull (strstr (sukhna, "25 km"));
  g_assert_null (strstr (sukhna, "parties to the conflict"));

  event_point (w, find (document, "ev-strike-a"), &x, &y);
  strike = sitmap_event_layer_dup_tooltip_text (w->events, x, y);
  g_assert_nonnull (strstr (strike, "parties to the conflict"));

  event_point (w, find (document, "ev-baghouz"), &x, &y);
  baghouz = sitmap_event_layer_dup_tooltip_text (w->events, x, y);
  g_assert_nonnull (strstr (baghouz, "March 2019"));

  widget_point (w, 31.6, 36.4, &x, &y);
  nothing = sitmap_event_layer_dup_tooltip_text (w->events, x, y);
  g_assert_null (nothing);
}

static gboolean
labelled (MapTestWindow *w, SitmapDocument *document, const char *id)
{
  guint n;
  const guint32 *indices = sitmap_place_layer_get_labelled (w->places, &n);
  gint place = sitmap_document_find_place (document, id);

  g_assert_cmpint (place, >=, 0);
  for (guint i = 0; i < n; i++)
    if ((gint) indices[i] == place)
      return TRUE;
  return FALSE;
}

static void
test_place_labels (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (1000, 700);
  g_autoptr (SitmapDocument) document = map_test_demo_document ();
  g_autoptr (Pixels) pixels = NULL;
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapPlace) first = sitmap_place_new ("first", "Qaryatayn", SITMAP_PLACE_KIND_CITY, 34.23, 37.24, NULL);
  g_autoptr (SitmapPlace) second = sitmap_place_new ("second", "Qaryatayn again", SITMAP_PLACE_KIND_VILLAGE, 34.23,
                                                     37.24, NULL);
  g_autoptr (SitmapDocument) crowded = NULL;
  double x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.5, 38.6, 6.5);
  pixels = render_widget (GTK_WIDGET (w->places));
  g_assert_true (labelled (w, document, "place-damascus"));
  g_assert_true (labelled (w, document, "place-homs"));
  g_assert_true (labelled (w, document, "place-sukhna"));
  g_assert_true (labelled (w, document, "place-baghouz"));
  g_assert_true (labelled (w, document, "place-badia"));
  /* A settlement's dot is drawn, dark inside a white rim. */
  widget_point (w, 34.5624, 38.2840, &x, &y);
  g_assert_cmpint (pixel_at (pixels, x, y).a, ==, 255);
  g_assert_cmpint (pixel_at (pixels, x, y).r, <, 90);

  /* Two names on one spot: the more important one only. */
  sitmap_document_builder_add_place (builder, second);
  sitmap_document_builder_add_place (builder, first);
  crowded = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, crowded);
  g_clear_pointer (&pixels, pixels_free);
  pixels = render_widget (GTK_WIDGET (w->places));
  g_assert_true (labelled (w, crowded, "first"));
  g_assert_false (labelled (w, crowded, "second"));
}

/*
 * Clusters
 */

typedef struct
{
  const char    *id;
  double         x; /* widget coordinates when the document is made */
  double         y;
  SitmapCategory category;
  gint64         killed; /* 0: no figure */
} PixelEvent;

static void
add_pixel_event (SitmapDocumentBuilder *builder, MapTestWindow *w, const PixelEvent *event)
{
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };
  SitmapFigure figure = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_EXACT, event->killed, SITMAP_FIGURE_UNKNOWN, NULL };

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (event->id);
  draft.title = g_strdup_printf ("Event %s", event->id);
  draft.category = event->category;
  draft.location_precision = SITMAP_LOCATION_PRECISION_EXACT;
  shumate_viewport_widget_coords_to_location (w->viewport, GTK_WIDGET (w->events), event->x, event->y,
                                              &draft.latitude, &draft.longitude);
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
  if (event->killed > 0)
    sitmap_event_draft_add_figure (&draft, &figure);
  citation.source_id = g_strdup ("monitor");
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

static SitmapDocument *
pixel_document (MapTestWindow *w, const PixelEvent *events, guint n)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();

  for (guint i = 0; i < n; i++)
    add_pixel_event (builder, w, &events[i]);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static gboolean
in_widget (MapTestWindow *w, guint position, double margin)
{
  double x, y;

  event_point (w, position, &x, &y);
  return in_box (x, y, gtk_widget_get_width (GTK_WIDGET (w->events)), gtk_widget_get_height (GTK_WIDGET (w->events)),
                 -margin);
}

/* Overlapping events are drawn as one cluster with their count, coloured by the category most of them
 * have; its tooltip says how many and of what. */
static void
test_cluster_drawn (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) pixels = NULL;
  g_autofree char *tooltip = NULL;
  SitmapEventLayerPick picked;
  Rgba battle = category_rgba (SITMAP_CATEGORY_BATTLE);
  guint n_ink = 0;

  map_test_window_show (w, 34.0, 38.0, 8);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      PixelEvent event = { id, 400 + i % 7, 300 + i % 5, i < 100 ? SITMAP_CATEGORY_BATTLE : SITMAP_CATEGORY_PROTEST };

      add_pixel_event (builder, w, &event);
    }
  /* Elsewhere, as many of four kinds: no category has most of them. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      PixelEvent event = { id, 200 + i % 5, 450 + i % 3, i % 4 };

      add_pixel_event (builder, w, &event);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  pixels = render_widget (GTK_WIDGET (w->events));

  g_assert_true (sitmap_event_layer_pick (w->events, 403, 302, &picked));
  g_assert_cmpint (picked.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  g_assert_cmpuint (picked.n_events, ==, 120);
  g_assert_cmpint (picked.position, ==, -1);
  /* Mostly battles: the disc is the colour of battles, with the count in it, within a ring. */
  g_assert_true (rgba_near (pixel_at (pixels, picked.x, picked.y - 9), battle, 8));
  g_assert_true (rgba_near (pixel_at (pixels, picked.x, picked.y + 9), battle, 8));
  for (int dy = -4; dy <= 4; dy++)
    for (int dx = -8; dx <= 8; dx++)
      n_ink += !rgba_near (pixel_at (pixels, picked.x + dx, picked.y + dy), battle, 60);
  g_assert_cmpuint (n_ink, >, 10);
  g_assert_cmpint (pixel_at (pixels, picked.x + sitmap_cluster_radius (120) + 0.5, picked.y).a, >, 200);
  g_assert_cmpint (pixel_at (pixels, picked.x + sitmap_cluster_radius (120) + 6, picked.y).a, <, 10);
  tooltip = sitmap_event_layer_dup_tooltip_text (w->events, picked.x, picked.y);
  g_assert_nonnull (strstr (tooltip, "120 events (mostly Battle)"));
  g_assert_cmpuint (w->events->cluster_instances->len, ==, 2);
  g_assert_cmpuint (w->events->symbols->len, ==, 0);

  /* Mixed: a white disc, and the tooltip says so. */
  g_clear_pointer (&tooltip, g_free);
  g_assert_true (sitmap_event_layer_pick (w->events, 202, 451, &picked));
  g_assert_cmpuint (picked.n_events, ==, 40);
  g_assert_true (rgba_near (pixel_at (pixels, picked.x, picked.y - 9), (Rgba) { 255, 255, 255, 255 }, 4));
  tooltip = sitmap_event_layer_dup_tooltip_text (w->events, picked.x, picked.y);
  g_assert_nonnull (strstr (tooltip, "40 events (mixed, most often Battle)"));
}

/* On screen a cluster is the shared drawing that exports use, pixel for pixel where the layer put it:
 * its texture is sitmap_cluster_symbol_draw()'s, at the display's scale, not a look of its own. The same
 * cluster is drawn here by the shared function at the radius the layer draws (in quarter pixels), at the
 * layer's point snapped to the pixel grid, with the layer's count font. */
static void
assert_cluster_as_exported (MapTestWindow *w, const Pixels *pixels, const SitmapClusterInstance *instance,
                            guint max_off)
{
  const SitmapCluster *clusters, *cluster;
  SitmapClusterSymbol symbol;
  cairo_surface_t *surface;
  cairo_t *cr;
  char count[16];
  guint n_clusters, n_compared = 0, n_off = 0;
  int side, x0, y0;

  clusters = sitmap_cluster_index_get_clusters (w->events->index, &n_clusters);
  cluster = &clusters[instance->cluster];
  sitmap_cluster_symbol_init (&symbol, SITMAP_CLUSTER_MIN_RADIUS + round ((instance->radius - SITMAP_CLUSTER_MIN_RADIUS) * 4) / 4,
                              cluster->n_events, cluster->category_counts, cluster->dominant);
  side = 2 * (int) ceil (sitmap_cluster_symbol_get_reach (&symbol));
  x0 = (int) round (instance->x) - side / 2;
  y0 = (int) round (instance->y) - side / 2;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cr = cairo_create (surface);
  sitmap_cluster_symbol_format_count (cluster->n_events, count, sizeof count);
  g_assert_nonnull (w->events->cluster_count_layout);
  pango_layout_set_text (w->events->cluster_count_layout, count, -1);
  sitmap_cluster_symbol_draw (cr, &symbol, w->events->cluster_count_layout, side / 2.0, side / 2.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        const guchar *p = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x;
        Rgba shared = { 0, 0, 0, p[3] }, drawn = pixel_at (pixels, x0 + x, y0 + y);

        if (p[3] > 0)
          shared = (Rgba) { MIN (255, p[2] * 255 / p[3]), MIN (255, p[1] * 255 / p[3]), MIN (255, p[0] * 255 / p[3]), p[3] };
        /* Colours of nearly clear pixels say little after premultiplication. */
        if (shared.a < 32 && drawn.a < 32)
          continue;
        n_compared++;
        /* The shares are kept in 1/255 of a turn: a pixel at a segment's end may differ a little. */
        n_off += !rgba_near (shared, drawn, 6);
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n_compared, >, 400);
  g_assert_cmpuint (n_off, <=, max_off);
}

static void
test_cluster_as_exported (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) pixels = NULL;
  const SitmapClusterInstance *instance;
  const SitmapCluster *clusters;
  SitmapClusterSymbol symbol;
  guint n_clusters;

  map_test_window_show (w, 34.0, 38.0, 8);
  /* Mostly battles, with protests and riots: fill, badge, three segments and a count. */
  for (guint i = 0; i < 57; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      PixelEvent event = { id, 400 + i % 7, 300 + i % 5,
                           i < 40 ? SITMAP_CATEGORY_BATTLE : i < 50 ? SITMAP_CATEGORY_PROTEST : SITMAP_CATEGORY_RIOT };

      add_pixel_event (builder, w, &event);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  pixels = render_widget (GTK_WIDGET (w->events));
  g_assert_cmpuint (w->events->cluster_instances->len, ==, 1);
  g_assert_cmpfloat (w->events->texture_scale, ==, 1);

  instance = &g_array_index (w->events->cluster_instances, SitmapClusterInstance, 0);
  clusters = sitmap_cluster_index_get_clusters (w->events->index, &n_clusters);
  g_assert_cmpuint (clusters[instance->cluster].n_events, ==, 57);
  sitmap_cluster_symbol_init (&symbol, instance->radius, clusters[instance->cluster].n_events,
                              clusters[instance->cluster].category_counts, clusters[instance->cluster].dominant);
  g_assert_true (symbol.majority);
  assert_cluster_as_exported (w, pixels, instance, 4);
}

/* A frame of many new cluster textures makes them together, their rings drawn beside the main thread:
 * each still the shared drawing, none another's (which would be hundreds of pixels off). Counts, sizes,
 * mixes and dominant categories differ from cluster to cluster; with the shares in 1/255 of a turn, a few
 * pixels may differ at each of up to three segment ends. */
static void
test_clusters_drawn_together (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) pixels = NULL;
  guint n = 0;

  map_test_window_show (w, 34.0, 38.0, 8);
  for (guint c = 0; c < 12; c++)
    for (guint i = 0; i < 3 + c * 9; i++)
      {
        g_autofree char *id = g_strdup_printf ("c%u-%u", c, i);
        PixelEvent event = { id, 100 + (c % 4) * 180 + i % 7, 120 + (c / 4) * 160 + i % 5,
                             /* At most three segments, as above: a majority or even thirds. */
                             (c + (c % 2 ? i % 3 : i % 5 < 3 ? 0 : i % 5 - 2)) % SITMAP_N_CATEGORIES };

        add_pixel_event (builder, w, &event);
      }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  pixels = render_widget (GTK_WIDGET (w->events));
  g_assert_cmpuint (w->events->cluster_instances->len, ==, 12);
  for (guint i = 0; i < w->events->cluster_instances->len; i++, n++)
    assert_cluster_as_exported (w, pixels, &g_array_index (w->events->cluster_instances, SitmapClusterInstance, i), 12);
  g_assert_cmpuint (n, ==, 12);
}

/* Zooming and panning over many events makes new cluster textures at every level; the cache keeps at
 * most twice what a frame draws (at least 512), never what a frame needs, and reuses what it has. */
static void
test_cluster_textures_bounded (void)
{
  g_autoptr (SitmapDocument) document = map_test_synthetic_document (100000, 7);
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  guint n_full = 0, made;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.8, 38.5, 6);
  for (double zoom = 6; zoom <= 11; zoom += 0.25)
    {
      g_autoptr (Pixels) pixels = NULL;
      guint n, keep;

      shumate_viewport_set_zoom_level (w->viewport, zoom);
      shumate_map_center_on (w->map, 34.8 + (zoom - 6) * 0.05, 38.5 - (zoom - 6) * 0.1);
      pixels = render_widget (GTK_WIDGET (w->events));
      n = g_hash_table_size (w->events->cluster_textures);
      keep = MAX (512, 2 * w->events->cluster_instances->len);
      g_assert_cmpuint (n, ==, w->events->cluster_lru.length);
      g_assert_cmpuint (n, <=, keep);
      g_assert_cmpuint (n, >=, w->events->cluster_instances->len);
      n_full += n == keep;
    }
  /* The cache did fill, and drop textures to stay within its bound. */
  g_assert_cmpuint (n_full, >, 0);

  /* Drawn again, nothing changed: no new texture. */
  {
    g_autoptr (Pixels) first = render_widget (GTK_WIDGET (w->events));
    GList *head = g_queue_peek_head_link (&w->events->cluster_lru);
    g_autoptr (Pixels) second = NULL;

    made = g_hash_table_size (w->events->cluster_textures);
    g_assert_cmpuint (w->events->cluster_instances->len, >, 0);
    second = render_widget (GTK_WIDGET (w->events));
    g_assert_cmpuint (g_hash_table_size (w->events->cluster_textures), ==, made);
    g_assert_true (g_list_position (w->events->cluster_lru.head, head) < (gint) w->events->cluster_instances->len);
    g_assert_cmpmem (first->data, (gsize) first->width * first->height * 4, second->data,
                     (gsize) second->width * second->height * 4);
  }
}

/* A click on a cluster zooms to its events' extent: they are all in view, and apart. */
static void
test_cluster_click_zooms (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  GtkEventController *gesture;
  SitmapEventLayerPick picked;
  double x, y;
  guint n;

  map_test_window_show (w, 34.0, 38.0, 7);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("z%u", i);
      PixelEvent event = { id, g_rand_double_range (rand, 500, 512), g_rand_double_range (rand, 200, 210),
                           SITMAP_CATEGORY_BATTLE };

      add_pixel_event (builder, w, &event);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  gesture = GTK_EVENT_CONTROLLER (w->events->click);

  event_point (w, 0, &x, &y);
  g_assert_true (sitmap_event_layer_pick (w->events, x, y, &picked));
  g_assert_cmpint (picked.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  g_assert_cmpuint (picked.n_events, ==, 30);
  click (gesture, picked.x, picked.y, picked.x, picked.y);

  g_assert_cmpfloat (shumate_viewport_get_zoom_level (w->viewport), >=, 9);
  for (guint i = 0; i < 30; i++)
    g_assert_true (in_widget (w, i, 40));
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, -1);
  sitmap_view_state_get_group (w->view_state, &n);
  g_assert_cmpuint (n, ==, 0);
  /* Now they are drawn as several symbols, none holding them all. */
  g_autoptr (Pixels) pixels = render_widget (GTK_WIDGET (w->events));
  g_assert_cmpuint (w->events->cluster_instances->len + w->events->symbols->len, >, 3);
  for (guint i = 0; i < w->events->cluster_instances->len; i++)
    {
      const SitmapClusterInstance *c = &g_array_index (w->events->cluster_instances, SitmapClusterInstance, i);

      g_assert_true (sitmap_event_layer_pick (w->events, c->x, c->y, &picked));
      g_assert_cmpuint (picked.n_events, <, 30);
    }
}

static void
check_group (MapTestWindow *w, guint first, guint n_expected)
{
  const guint32 *group;
  guint n;

  group = sitmap_view_state_get_group (w->view_state, &n);
  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (group[i], ==, first + i);
}

/* Events at one point cannot be set apart by zooming: a click lists them instead, as the view state's
 * group, which the sidebar shows. Picking one of them keeps the group; picking another event drops it. */
static void
test_cluster_click_lists (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autofree char *tooltip = NULL;
  GtkEventController *gesture;
  SitmapEventLayerPick picked;
  double x, y;
  gint other;

  map_test_window_show (w, 34.0, 38.0, 7);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%02u", i);
      PixelEvent event = { id, 400, 300, i % 3 };

      add_pixel_event (builder, w, &event);
    }
  add_pixel_event (builder, w, &(PixelEvent) { "q-other", 600, 400, SITMAP_CATEGORY_PROTEST });
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  other = find (document, "q-other");
  gesture = GTK_EVENT_CONTROLLER (w->events->click);

  g_assert_true (sitmap_event_layer_pick (w->events, 400, 300, &picked));
  g_assert_cmpint (picked.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  tooltip = sitmap_event_layer_dup_tooltip_text (w->events, 400, 300);
  g_assert_nonnull (strstr (tooltip, "12 events"));
  g_assert_nonnull (strstr (tooltip, "Click to list them"));
  sitmap_view_state_set_selected (w->view_state, other);
  click (gesture, 400, 300, 400, 300);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (w->viewport), ==, 7);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, -1);
  check_group (w, find (document, "p00"), 12);

  /* One of them, read from the list: the group stays for the way back. */
  sitmap_view_state_set_selected (w->view_state, find (document, "p05"));
  event_point (w, find (document, "p05"), &x, &y);
  click (gesture, x, y, x, y);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, find (document, "p05"));
  check_group (w, find (document, "p00"), 12);
  /* Another event: the group goes. */
  event_point (w, other, &x, &y);
  click (gesture, x, y, x, y);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, other);
  check_group (w, 0, 0);
  /* Bare map: nothing selected, no group. */
  click (gesture, 400, 300, 400, 300);
  click (gesture, 100, 500, 100, 500);
  g_assert_cmpint (sitmap_view_state_get_selected (w->view_state), ==, -1);
  check_group (w, 0, 0);
}

/* At the highest zoom a cluster is listed, even of events that do not sit at one point; a zoom below,
 * the same click zooms in. */
static void
test_cluster_at_max_zoom (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = NULL;
  g_autofree char *tooltip = NULL;
  GtkEventController *gesture;
  SitmapEventLayerPick picked;
  static const char *const ids[] = { "r0", "r1", "r2", "r3", "r4", "r5" };
  PixelEvent events[G_N_ELEMENTS (ids)];
  double x, y;

  map_test_window_show (w, 34.0, 38.0, 19);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (w->viewport), ==, 19);
  /* A row of events five pixels apart, overlapping: twenty-five pixels end to end, enough to tell them
   * apart if the map could zoom further. */
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    events[i] = (PixelEvent) { ids[i], 388 + 5 * i, 300, SITMAP_CATEGORY_RIOT };
  document = pixel_document (w, events, G_N_ELEMENTS (events));
  sitmap_view_state_set_document (w->view_state, document);
  gesture = GTK_EVENT_CONTROLLER (w->events->click);

  shumate_viewport_set_zoom_level (w->viewport, 18);
  event_point (w, 2, &x, &y);
  g_assert_true (sitmap_event_layer_pick (w->events, x, y, &picked));
  g_assert_cmpint (picked.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  g_assert_cmpuint (picked.n_events, ==, 6);
  tooltip = sitmap_event_layer_dup_tooltip_text (w->events, picked.x, picked.y);
  g_assert_nonnull (strstr (tooltip, "Click to zoom in"));
  click (gesture, picked.x, picked.y, picked.x, picked.y);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (w->viewport), ==, 19);
  check_group (w, 0, 0);

  event_point (w, 2, &x, &y);
  g_assert_true (sitmap_event_layer_pick (w->events, x, y, &picked));
  g_assert_cmpint (picked.kind, ==, SITMAP_EVENT_LAYER_PICK_CLUSTER);
  g_assert_cmpuint (picked.n_events, ==, 6);
  g_clear_pointer (&tooltip, g_free);
  tooltip = sitmap_event_layer_dup_tooltip_text (w->events, picked.x, picked.y);
  g_assert_nonnull (strstr (tooltip, "Click to list them"));
  click (gesture, picked.x, picked.y, picked.x, picked.y);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (w->viewport), ==, 19);
  check_group (w, 0, 6);
}

/*
 * Keyboard
 */

static const PixelEvent compass[] = {
  { "centre", 400, 300, SITMAP_CATEGORY_BATTLE },
  { "right", 520, 310, SITMAP_CATEGORY_PROTEST },
  { "left", 270, 290, SITMAP_CATEGORY_PROTEST },
  { "up", 410, 150, SITMAP_CATEGORY_RIOT },
  { "down", 390, 460, SITMAP_CATEGORY_RIOT },
  /* Up and to the right at 45°: neither the right nor the up neighbour. */
  { "diagonal", 520, 180, SITMAP_CATEGORY_STRATEGIC },
  { "far-right", 700, 300, SITMAP_CATEGORY_STATEMENT },
  /* Three at one point. */
  { "same-a", 250, 480, SITMAP_CATEGORY_OTHER },
  { "same-b", 250, 480, SITMAP_CATEGORY_OTHER },
  { "same-c", 250, 480, SITMAP_CATEGORY_OTHER },
};

static gboolean
press (MapTestWindow *w, guint keyval)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (w->events), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static void
assert_selected (MapTestWindow *w, SitmapDocument *document, const char *id)
{
  gint selected = sitmap_view_state_get_selected (w->view_state);
  g_autoptr (SitmapEvent) event = selected >= 0 ? sitmap_document_get_event (document, selected) : NULL;

  g_assert_cmpstr (event ? sitmap_event_get_id (event) : NULL, ==, id);
}

static void
record_position_cb (SitmapEventLayer *layer, gint position, gint *out)
{
  *out = position;
}

/* Tab reaches the map; the arrows move the selection to the nearest event on screen that way; Enter asks
 * for the event to be read; Escape clears. */
static void
test_keyboard (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = NULL;
  gint activated = -1;

  map_test_window_show (w, 34.0, 38.0, 8);
  document = pixel_document (w, compass, G_N_ELEMENTS (compass));
  sitmap_view_state_set_document (w->view_state, document);
  g_signal_connect (w->events, "activate-event", G_CALLBACK (record_position_cb), &activated);

  for (guint i = 0; i < 8 && !gtk_widget_has_focus (GTK_WIDGET (w->events)); i++)
    gtk_widget_child_focus (GTK_WIDGET (w->window), GTK_DIR_TAB_FORWARD);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (w->events)));
  g_assert_cmpstr (w->events->accessible_label, ==, "Map of 10 events");

  /* From nothing, the event nearest the middle. */
  g_assert_true (press (w, GDK_KEY_Right));
  assert_selected (w, document, "centre");
  g_assert_true (press (w, GDK_KEY_Right));
  assert_selected (w, document, "right");
  g_assert_true (press (w, GDK_KEY_Right));
  assert_selected (w, document, "far-right");
  /* Nothing further: the selection stays, and the key stays on the map. */
  g_assert_true (press (w, GDK_KEY_Right));
  assert_selected (w, document, "far-right");
  g_assert_true (press (w, GDK_KEY_Left));
  assert_selected (w, document, "right");
  g_assert_true (press (w, GDK_KEY_Left));
  assert_selected (w, document, "centre");
  g_assert_true (press (w, GDK_KEY_Up));
  assert_selected (w, document, "up");
  g_assert_true (press (w, GDK_KEY_Down));
  assert_selected (w, document, "centre");
  g_assert_true (press (w, GDK_KEY_KP_Down));
  assert_selected (w, document, "down");
  g_assert_true (press (w, GDK_KEY_Left));
  assert_selected (w, document, "same-a");
  /* Events at one point, one after another, then on. */
  g_assert_true (press (w, GDK_KEY_Right));
  assert_selected (w, document, "same-b");
  g_assert_true (press (w, GDK_KEY_Right));
  assert_selected (w, document, "same-c");
  g_assert_true (press (w, GDK_KEY_Left));
  assert_selected (w, document, "same-b");

  g_assert_true (press (w, GDK_KEY_Return));
  g_assert_cmpint (activated, ==, find (document, "same-b"));
  activated = -1;
  g_assert_true (press (w, GDK_KEY_space));
  g_assert_cmpint (activated, ==, find (document, "same-b"));

  g_assert_true (press (w, GDK_KEY_Escape));
  assert_selected (w, document, NULL);
  /* With nothing selected, Escape goes on to the window (which clears the time range). */
  g_assert_false (press (w, GDK_KEY_Escape));
  /* From an event of a group, back to the group, then to nothing. */
  {
    guint32 group[] = { find (document, "same-a"), find (document, "same-b"), find (document, "same-c") };
    guint n;

    sitmap_view_state_set_group (w->view_state, group, G_N_ELEMENTS (group));
    sitmap_view_state_set_selected (w->view_state, group[1]);
    g_assert_true (press (w, GDK_KEY_Escape));
    assert_selected (w, document, NULL);
    sitmap_view_state_get_group (w->view_state, &n);
    g_assert_cmpuint (n, ==, 3);
    g_assert_true (press (w, GDK_KEY_Escape));
    sitmap_view_state_get_group (w->view_state, &n);
    g_assert_cmpuint (n, ==, 0);
    g_assert_false (press (w, GDK_KEY_Escape));
  }
  activated = -1;
  g_assert_true (press (w, GDK_KEY_Return));
  assert_selected (w, document, "centre");
  g_assert_cmpint (activated, ==, -1);
}

/* With the keyboard on the map, a focus ring around the selection; none without. */
static void
test_focus_ring (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) before = NULL;
  g_autoptr (Pixels) after = NULL;
  /* Where the ring is drawn, 2 pixels wide: half a pixel in from its middle. */
  double ring = SITMAP_SYMBOL_SELECTED_RADIUS + 12 - 0.5;

  map_test_window_show (w, 34.0, 38.0, 8);
  document = pixel_document (w, compass, G_N_ELEMENTS (compass));
  sitmap_view_state_set_document (w->view_state, document);
  sitmap_view_state_set_selected (w->view_state, find (document, "centre"));
  before = render_widget (GTK_WIDGET (w->events));
  g_assert_cmpint (pixel_at (before, 400 + ring, 300).a, <, 10);

  gtk_widget_grab_focus (GTK_WIDGET (w->events));
  gtk_window_set_focus_visible (w->window, TRUE);
  g_assert_true (gtk_widget_has_visible_focus (GTK_WIDGET (w->events)));
  after = render_widget (GTK_WIDGET (w->events));
  g_assert_cmpint (pixel_at (after, 400 + ring, 300).a, >, 150);
  g_assert_cmpint (pixel_at (after, 400 + ring, 300).b, >, pixel_at (after, 400 + ring, 300).r + 80);
  g_assert_cmpint (pixel_at (after, 400, 300 - ring).a, >, 150);
}

/*
 * Symbols: hover, size by fatalities, a vague place's name, rings as the map zooms
 */

/* The hovered symbol grows a little. */
static void
test_hover (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) plain = NULL;
  g_autoptr (Pixels) hovered = NULL;
  GtkEventController *motion;
  Rgba battle = category_rgba (SITMAP_CATEGORY_BATTLE);

  map_test_window_show (w, 34.0, 38.0, 8);
  document = pixel_document (w, compass, G_N_ELEMENTS (compass));
  sitmap_view_state_set_document (w->view_state, document);
  motion = find_controller (GTK_WIDGET (w->events), GTK_TYPE_EVENT_CONTROLLER_MOTION);

  plain = render_widget (GTK_WIDGET (w->events));
  g_assert_false (rgba_near (pixel_at (plain, 400 + 7.4, 300), battle, 30));
  g_signal_emit_by_name (motion, "motion", 402.0, 301.0);
  g_assert_cmpint (w->events->hover_kind, ==, SITMAP_HOVER_EVENT);
  hovered = render_widget (GTK_WIDGET (w->events));
  g_assert_true (rgba_near (pixel_at (hovered, 400 + 7.4, 300), battle, 30));
  g_signal_emit_by_name (motion, "motion", 100.0, 100.0);
  g_assert_cmpint (w->events->hover_kind, ==, SITMAP_HOVER_NONE);
}

/* Sized by fatalities, a deadly event's symbol reaches further, and is found as far. */
static void
test_fatalities (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) plain = NULL;
  g_autoptr (Pixels) sized = NULL;
  const PixelEvent events[] = {
    { "deadly", 300, 300, SITMAP_CATEGORY_BATTLE, 1000 },
    { "none", 500, 300, SITMAP_CATEGORY_BATTLE, 0 },
  };

  map_test_window_show (w, 34.0, 38.0, 8);
  document = pixel_document (w, events, G_N_ELEMENTS (events));
  sitmap_view_state_set_document (w->view_state, document);
  g_assert_false (sitmap_event_layer_get_size_by_fatalities (w->events));
  plain = render_widget (GTK_WIDGET (w->events));
  g_assert_cmpint (pixel_at (plain, 300 + 12, 300).a, <, 10);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, 300 + 16, 300), ==, -1);

  g_object_set (w->events, "size-by-fatalities", TRUE, NULL);
  sized = render_widget (GTK_WIDGET (w->events));
  g_assert_cmpint (pixel_at (sized, 300 + 12, 300).a, >, 200);
  g_assert_cmpint (pixel_at (sized, 500 + 12, 300).a, <, 10);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, 300 + 16, 300), ==, find (document, "deadly"));
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, 500 + 16, 300), ==, -1);
}

/* Somewhere in a region with no outline: a large dashed circle, labelled with the region's name. */
static void
test_vague_label (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (900, 700);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapPlace) place = sitmap_place_new ("qalamoun", "Qalamoun", SITMAP_PLACE_KIND_REGION, 34.0, 37.0,
                                                    NULL);
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) pixels = NULL;
  const MapTestEvent named = { "named", "Named", SITMAP_CATEGORY_BATTLE, 34.0, 37.0, "2024-12-10", NULL,
                               SITMAP_LOCATION_PRECISION_REGION, 0, FALSE, NULL, 0, "qalamoun" };
  const MapTestEvent nameless = { "nameless", "Nameless", SITMAP_CATEGORY_BATTLE, 34.0, 39.0, "2024-12-10", NULL,
                                  SITMAP_LOCATION_PRECISION_REGION };
  double x, y, r, mpp;
  guint n_named = 0, n_nameless = 0;

  sitmap_document_builder_add_place (builder, place);
  map_test_add_event (builder, &named);
  map_test_add_event (builder, &nameless);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.0, 38.0, 7);
  pixels = render_widget (GTK_WIDGET (w->events));
  mpp = shumate_map_source_get_meters_per_pixel (w->source, 7, 34.0, 37.0);
  r = SITMAP_REGION_DEFAULT_RADIUS_M / mpp;
  g_assert_cmpfloat (r, >, 60);

  /* Dark letters in the category's hue along the inside top of each circle. */
  for (guint k = 0; k < 2; k++)
    {
      event_point (w, find (document, k == 0 ? "named" : "nameless"), &x, &y);
      for (int dy = 3; dy < 20; dy++)
        for (int dx = -40; dx <= 40; dx++)
          {
            Rgba p = pixel_at (pixels, x + dx, y - r + dy);

            if (p.a > 150 && p.r > p.b + 40 && p.r < 170 && p.g < 100)
              *(k == 0 ? &n_named : &n_nameless) += 1;
          }
    }
  g_assert_cmpuint (n_named, >, 20);
  g_assert_cmpuint (n_nameless, ==, 0);
}

/* How far a ring of uncertainty reaches from its event along +x, in pixels, at the current zoom. */
static double
ring_radius (MapTestWindow *w, SitmapDocument *document, const char *id)
{
  g_autoptr (Pixels) pixels = render_widget (GTK_WIDGET (w->events));
  Rgba protest = category_rgba (SITMAP_CATEGORY_PROTEST);
  double x, y, found = 0;

  event_point (w, find (document, id), &x, &y);
  for (double d = 12; x + d < pixels->width - 1; d += 0.5)
    {
      Rgba p = pixel_at (pixels, x + d, y);

      if (p.a > 120 && rgba_near ((Rgba) { p.r, p.g, p.b, 255 }, protest, 40))
        found = d;
    }
  return found;
}

/* Rings are so many kilometres wide on the ground: one zoom level in, twice as many pixels. */
static void
test_ring_follows_zoom (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (900, 700);
  g_autoptr (SitmapDocument) document = appearance_document ();
  double r8, r9, r10;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 33.3, 38.5, 8);
  r8 = ring_radius (w, document, "near");
  shumate_viewport_set_zoom_level (w->viewport, 9);
  r9 = ring_radius (w, document, "near");
  shumate_viewport_set_zoom_level (w->viewport, 9.5);
  r10 = ring_radius (w, document, "near");
  g_assert_cmpfloat (r8, >, 30);
  g_assert_cmpfloat (fabs (r9 / r8 - 2), <, 0.1);
  g_assert_cmpfloat (fabs (r10 / r8 - 2 * G_SQRT2), <, 0.15);
}

/* Corroboration badge: events reported by several independent origins carry their count in a dark
 * pill at the symbol's upper right; one origin (however many outlets relayed it) has none; an event
 * only parties report has a pale pill, never the dark one of independent corroboration. */
static void
add_cited_event (SitmapDocumentBuilder *builder, const char *id, double latitude, double longitude,
                 const char *const *sources, const char *const *vias)
{
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (id);
  draft.category = SITMAP_CATEGORY_BATTLE;
  draft.latitude = latitude;
  draft.longitude = longitude;
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-10", NULL));
  for (guint i = 0; sources[i] != NULL; i++)
    {
      SitmapCitationDraft citation = { 0 };

      citation.source_id = g_strdup (sources[i]);
      citation.via_id = g_strdup (vias[i]);
      sitmap_event_draft_take_citation (&draft, &citation);
    }
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

static guint
count_dark (const Pixels *pixels, double x, double y, double r)
{
  guint n = 0;

  for (double dy = -r; dy <= r; dy++)
    for (double dx = -r; dx <= r; dx++)
      {
        Rgba p = pixel_at (pixels, x + dx, y + dy);

        n += p.a > 200 && p.r + p.g + p.b < 200;
      }
  return n;
}

static void
test_origins_badge (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (900, 700);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (Pixels) pixels = NULL;
  double x, y, offset = (SITMAP_SYMBOL_RADIUS + 5) * G_SQRT2 / 2;
  guint three, one, party;

  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "army"), TRUE);
  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "rebels"), TRUE);
  add_cited_event (builder, "three", 34.0, 37.0, (const char *[]) { "sohr", "afp", "reuters", "sohr", NULL },
                   (const char *[]) { "afp", NULL, "afp", NULL });
  add_cited_event (builder, "one", 34.0, 38.0, (const char *[]) { "sohr", "sohr", NULL },
                   (const char *[]) { "afp", "reuters" });
  add_cited_event (builder, "party", 34.0, 39.0, (const char *[]) { "army", "rebels", NULL },
                   (const char *[]) { NULL, NULL });
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  g_assert_cmpuint (sitmap_document_get_columns (document)->origins[find (document, "three")], ==, 3);
  g_assert_cmpuint (sitmap_document_get_columns (document)->origins[find (document, "one")], ==, 1);

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.0, 38.0, 8);
  pixels = render_widget (GTK_WIDGET (w->events));
  event_point (w, find (document, "three"), &x, &y);
  three = count_dark (pixels, x + offset, y - offset, 4);
  event_point (w, find (document, "one"), &x, &y);
  one = count_dark (pixels, x + offset, y - offset, 4);
  event_point (w, find (document, "party"), &x, &y);
  party = count_dark (pixels, x + offset, y - offset, 4);
  g_test_message ("dark pixels: three %u, one %u, party %u", three, one, party);
  g_assert_cmpuint (three, >, 25);
  g_assert_cmpuint (one, ==, 0);
  g_assert_cmpuint (party, <, three / 2);
  g_assert_cmpuint (party, >, 0); /* its figure */

  /* The badge leaves the symbol's fill whole towards it: a bitten shape would read as a doubtful date. */
  event_point (w, find (document, "three"), &x, &y);
  for (double d = 0; d <= 0.6 * SITMAP_SYMBOL_RADIUS; d += 0.5)
    g_assert_true (rgba_near (pixel_at (pixels, x + d * G_SQRT2 / 2, y - d * G_SQRT2 / 2),
                              category_rgba (SITMAP_CATEGORY_BATTLE), 30));
}

/* Share of the samples along the top edge of a square area that are its outline's colour: 1 for a
 * solid outline, about two thirds for a dashed one. */
static double
outline_share (MapTestWindow *w, double latitude, double west, double east, SitmapCategory category)
{
  g_autoptr (Pixels) pixels = render_widget (GTK_WIDGET (w->events));
  Rgba color = category_rgba (category);
  double x0, x1, y;
  guint n = 0, total = 0;

  widget_point (w, latitude, west, &x0, &y);
  widget_point (w, latitude, east, &x1, &y);
  for (double x = x0 + 10; x < x1 - 10; x += 1)
    {
      gboolean found = FALSE;

      for (int dy = -1; dy <= 1 && !found; dy++)
        {
          Rgba p = pixel_at (pixels, x, round (y) + dy);

          found = p.a > 200 && rgba_near ((Rgba) { p.r, p.g, p.b, 255 }, color, 60);
        }
      n += found;
      total++;
    }
  g_assert_cmpuint (total, >, 100);
  return (double) n / total;
}

/* Two events over one area, each with its own copy of the outline: one reported only by a party, one
 * independently. The area is drawn once, and solid, whichever comes first; dashed with the party's
 * event alone in view. */
static void
test_shared_area (void)
{
  static const double square[] = { 36.0, 33.0, 38.0, 33.0, 38.0, 34.5, 36.0, 34.5 };
  g_autoptr (MapTestWindow) w = map_test_window_new (900, 700);
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  const MapTestEvent events[] = {
    { "party", "Party", SITMAP_CATEGORY_BATTLE, 33.7, 37.0, "2024-12-01", NULL, SITMAP_LOCATION_PRECISION_REGION,
      0, TRUE, square, 4 },
    { "independent", "Independent", SITMAP_CATEGORY_BATTLE, 33.7, 37.0, "2024-12-10", NULL,
      SITMAP_LOCATION_PRECISION_REGION, 0, FALSE, square, 4 },
  };
  g_autoptr (GDateTime) from = g_date_time_new_utc (2024, 11, 30, 0, 0, 0);
  g_autoptr (GDateTime) to = g_date_time_new_utc (2024, 12, 5, 0, 0, 0);

  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "party"), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    map_test_add_event (builder, &events[i]);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 33.75, 37.0, 7);
  g_assert_cmpfloat (outline_share (w, 34.5, 36.0, 38.0, SITMAP_CATEGORY_BATTLE), >, 0.9);

  sitmap_view_state_set_range (w->view_state, g_date_time_to_unix (from), g_date_time_to_unix (to));
  map_test_window_wait (w);
  g_assert_cmpfloat (outline_share (w, 34.5, 36.0, 38.0, SITMAP_CATEGORY_BATTLE), <, 0.8);
}

/* An edit moves an event: it comes back at the end of the store, and the layer draws and finds it at its
 * new place at once, and no longer at its old one; undone, it is back where it was. */
static void
test_edit_taken_in (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (SitmapDocument) document = map_test_demo_document ();
  g_autoptr (SitmapCommand) command = NULL;
  SitmapEventDraft draft;
  gint before = find (document, "ev-baghouz"), after;
  double x0, y0, x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 34.7, 38.6, 6.5);
  event_point (w, before, &x0, &y0);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x0, y0), ==, before);

  sitmap_event_draft_init (&draft);
  sitmap_document_read_event_draft (document, before, &draft);
  draft.latitude = 33.2;
  draft.longitude = 36.0;
  command = sitmap_event_command_new_edit (document, "ev-baghouz", &draft, "Move Event", "move");
  sitmap_event_draft_clear (&draft);
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document), command);
  map_test_window_wait (w);
  after = find (document, "ev-baghouz");
  g_assert_cmpint (after, !=, before);
  widget_point (w, 33.2, 36.0, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, after);
  g_assert_true (drawn_contains (w->events, after));
  g_assert_false (drawn_contains (w->events, before));
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x0, y0), !=, before);

  g_assert_true (sitmap_undo_stack_undo (sitmap_document_get_undo_stack (document)));
  {
    guint n;
    const guint32 *visible = sitmap_view_state_get_visible (w->view_state, &n);

    for (guint i = 0; i < n; i++)
      g_assert_cmpuint (visible[i], <, sitmap_document_get_n_events (document));
  }
  map_test_window_wait (w);
  g_assert_cmpint (find (document, "ev-baghouz"), ==, before);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x0, y0), ==, before);
  g_assert_false (drawn_contains (w->events, after));
}

int
main (int argc, char *argv[])
{
  /* No accessibility bus (GTK_A11Y is GTK 4's switch): without one, plain xvfb-run has no session bus
   * and GTK warns, fatally under GTest. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run the map tests under xvfb-run\n");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/map/event-layer/point", test_event_point);
  g_test_add_func ("/map/event-layer/edit-taken-in", test_edit_taken_in);
  g_test_add_func ("/map/event-layer/hit-demo", test_hit_demo);
  g_test_add_func ("/map/event-layer/hit-nearest", test_hit_nearest);
  g_test_add_func ("/map/event-layer/hit-wrapped", test_hit_wrapped);
  g_test_add_func ("/map/event-layer/drawn", test_drawn_follows_filters);
  g_test_add_func ("/map/event-layer/document-change", test_document_change);
  g_test_add_func ("/map/event-layer/edit-moves-marker", test_edit_moves_marker);
  g_test_add_func ("/map/event-layer/dense", test_dense);
  g_test_add_func ("/map/event-layer/pixels", test_pixels);
  g_test_add_func ("/map/event-layer/pixels-scale", test_pixels_scale);
  g_test_add_func ("/map/event-layer/shapes-follow-view", test_shapes_follow_view);
  g_test_add_func ("/map/event-layer/symbol-extents", test_symbol_extents);
  g_test_add_func ("/map/event-layer/pick", test_pick);
  g_test_add_func ("/map/event-layer/click-and-hover", test_click_and_hover);
  g_test_add_func ("/map/event-layer/tooltip", test_tooltip_text);
  g_test_add_func ("/map/event-layer/cluster-drawn", test_cluster_drawn);
  g_test_add_func ("/map/event-layer/cluster-as-exported", test_cluster_as_exported);
  g_test_add_func ("/map/event-layer/clusters-drawn-together", test_clusters_drawn_together);
  g_test_add_func ("/map/event-layer/cluster-textures-bounded", test_cluster_textures_bounded);
  g_test_add_func ("/map/event-layer/cluster-click-zooms", test_cluster_click_zooms);
  g_test_add_func ("/map/event-layer/cluster-click-lists", test_cluster_click_lists);
  g_test_add_func ("/map/event-layer/cluster-at-max-zoom", test_cluster_at_max_zoom);
  g_test_add_func ("/map/event-layer/keyboard", test_keyboard);
  g_test_add_func ("/map/event-layer/focus-ring", test_focus_ring);
  g_test_add_func ("/map/event-layer/hover", test_hover);
  g_test_add_func ("/map/event-layer/fatalities", test_fatalities);
  g_test_add_func ("/map/event-layer/vague-label", test_vague_label);
  g_test_add_func ("/map/event-layer/ring-follows-zoom", test_ring_follows_zoom);
  g_test_add_func ("/map/event-layer/shared-area", test_shared_area);
  g_test_add_func ("/map/place-layer/labels", test_place_labels);
  g_test_add_func ("/map/event-layer/origins-badge", test_origins_badge);
  return g_test_run ();
}
