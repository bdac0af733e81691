/* test-event-layer.c: the event and place layers on a real libshumate map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-event-layer"

#include "config.h"

#include <math.h>

#include "map-test-utils.h"
#include "sitmap-event-layer-private.h"
#include "sitmap-symbol.h"

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
  double ax, ay, bx, by, x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 33.6, 37.9, 8);

  event_point (w, a, &ax, &ay);
  event_point (w, b, &bx, &by);
  g_assert_cmpfloat (bx - ax, >, 4);
  g_assert_cmpfloat (bx - ax, <, 8);
  /* The nearer of two close events, from either side and just past the middle. */
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, ax - 1, ay), ==, a);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, bx + 1, by), ==, b);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, (ax + bx) / 2 - 0.6, ay), ==, a);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, (ax + bx) / 2 + 0.6, ay), ==, b);
  /* A few pixels off still hits; far away does not. */
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, bx + 9, by), ==, b);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, bx + 40, by), ==, -1);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, ax, ay - 40), ==, -1);

  /* Nested areas: the smaller, more specific one wins where both cover the point. */
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

/* Zoomed out so far that the world repeats across the window: so do the symbols. */
static void
test_hit_wrapped (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (1300, 500);
  g_autoptr (SitmapDocument) document = close_events_document ();
  gint a = find (document, "a");
  double x, y;

  sitmap_view_state_set_document (w->view_state, document);
  map_test_window_show (w, 20, 0, 1);
  event_point (w, a, &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), >=, 0);
  /* At zoom 1 the world is 512 pixels across. */
  if (x - 512 >= 0)
    g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x - 512, y), >=, 0);
  else
    g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x + 512, y), >=, 0);
  g_assert_true (drawn_contains (w->events, a));
}

/*
 * What is drawn
 */

static SitmapDocument *
random_document (MapTestWindow *w, GRand *rand, guint n)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  double width = gtk_widget_get_width (GTK_WIDGET (w->events));
  double height = gtk_widget_get_height (GTK_WIDGET (w->events));
  guint added = 0;

  while (added < n)
    {
      g_autofree char *id = g_strdup_printf ("r%u", added);
      g_autofree char *date = g_strdup_printf ("2024-%02d-%02d", g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      MapTestEvent event = { id, "Random", g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES),
                             g_rand_double_range (rand, 28, 41), g_rand_double_range (rand, 30, 47), date, NULL,
                             SITMAP_LOCATION_PRECISION_EXACT };
      double x, y;

      widget_point (w, event.latitude, event.longitude, &x, &y);
      /* Symbols reach a little beyond their point: leave out the band where that decides. */
      if ((x > -40 && x < 0) || (x > width && x < width + 40) || (y > -40 && y < 0) ||
          (y > height && y < height + 40))
        continue;
      if (added % 50 == 0)
        event.latitude = event.longitude = NAN;
      map_test_add_event (builder, &event);
      added++;
    }
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

/* Brute force over the columns: what the view state lets through and what lies within the widget.
 * A symbol reaches a little beyond its point, so an event whose point lies within BAND pixels outside
 * the widget may be drawn or not; strict says that no event lies there. */
#define BAND 40

static gboolean
in_box (double x, double y, double width, double height, double margin)
{
  return x >= -margin && x <= width + margin && y >= -margin && y <= height + margin;
}

static void
check_drawn (MapTestWindow *w, SitmapDocument *document, gboolean strict)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  SitmapEventStore *store = sitmap_document_get_store (document);
  guint hidden = sitmap_view_state_get_hidden_categories (w->view_state);
  double width = gtk_widget_get_width (GTK_WIDGET (w->events));
  double height = gtk_widget_get_height (GTK_WIDGET (w->events));
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
  /* Drawing it is what updates the drawn set. */
  g_autoptr (Pixels) pixels = render_widget (GTK_WIDGET (w->events));
  gint64 from, to;
  gboolean has_range = sitmap_view_state_get_range (w->view_state, &from, &to);
  SitmapRangeRule rule = sitmap_view_state_get_range_rule (w->view_state);
  const guint32 *drawn;
  guint n_drawn, d = 0, n_band = 0;

  drawn = sitmap_event_layer_get_drawn (w->events, &n_drawn);
  for (guint32 i = 0; i < columns->n_events; i++)
    {
      double latitude, longitude, x, y;
      gboolean in_range = TRUE, is_drawn = d < n_drawn && drawn[d] == i;

      if (is_drawn)
        d++;
      if (has_range)
        in_range = rule == SITMAP_RANGE_WITHIN ? columns->start[i] >= from && columns->end[i] <= to
                                               : columns->start[i] < to && columns->end[i] > from;
      if (!in_range || (hidden & (1u << columns->category[i])) ||
          !sitmap_event_store_get_location (store, i, &latitude, &longitude))
        {
          g_assert_false (is_drawn);
          continue;
        }
      widget_point (w, latitude, longitude, &x, &y);
      if (in_box (x, y, width, height, 0))
        g_assert_true (is_drawn);
      else if (in_box (x, y, width, height, BAND))
        n_band++;
      else
        g_assert_false (is_drawn);
    }
  /* Every drawn position was met in ascending order: none is left over, none repeated. */
  g_assert_cmpuint (d, ==, n_drawn);
  if (strict)
    g_assert_cmpuint (n_band, ==, 0);
}

static void
test_drawn_follows_filters (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (800, 600);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20241210);
  g_autoptr (SitmapDocument) document = NULL;
  guint n_drawn;

  map_test_window_show (w, 34.7, 38.6, 7);
  document = random_document (w, rand, 3000);
  sitmap_view_state_set_document (w->view_state, document);

  check_drawn (w, document, TRUE);
  sitmap_event_layer_get_drawn (w->events, &n_drawn);
  g_assert_cmpuint (n_drawn, >, 100);
  g_assert_cmpuint (n_drawn, <, 2900);

  sitmap_view_state_set_range (w->view_state, sitmap_time_from_civil (2024, 6, 1, 0, 0, 0),
                               sitmap_time_from_civil (2024, 8, 15, 0, 0, 0));
  check_drawn (w, document, TRUE);
  sitmap_view_state_set_hidden_categories (w->view_state,
                                           (1u << SITMAP_CATEGORY_BATTLE) | (1u << SITMAP_CATEGORY_PROTEST));
  check_drawn (w, document, TRUE);
  sitmap_view_state_set_range_rule (w->view_state, SITMAP_RANGE_WITHIN);
  check_drawn (w, document, TRUE);
  sitmap_view_state_clear_range (w->view_state);
  check_drawn (w, document, TRUE);

  /* Panned and zoomed: still exactly what is in view. */
  shumate_map_center_on (w->map, 36.0, 41.0);
  shumate_viewport_set_zoom_level (w->viewport, 7.6);
  check_drawn (w, document, FALSE);
  sitmap_view_state_set_hidden_categories (w->view_state, 0);
  check_drawn (w, document, FALSE);
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
  event_point (w, find (close, "a"), &x, &y);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, find (close, "a"));

  sitmap_view_state_set_document (w->view_state, NULL);
  p3 = render_widget (GTK_WIDGET (w->events));
  sitmap_event_layer_get_drawn (w->events, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (sitmap_event_layer_hit_test (w->events, x, y), ==, -1);
  g_assert_false (sitmap_event_layer_get_event_point (w->events, 0, &x, &y));
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

/* A blue-dominated colour: protest's blue, nowhere in battle's orange or on white. */
static gboolean
is_blue (Rgba p)
{
  return p.a > 100 && p.b > p.r + 100;
}

/* Whether the snapshot holds a texture node whose texture shows blue at its centre. */
static gboolean
has_blue_texture (GskRenderNode *node)
{
  if (gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE)
    {
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (has_blue_texture (gsk_container_node_get_child (node, i)))
          return TRUE;
      return FALSE;
    }
  if (gsk_render_node_get_node_type (node) == GSK_TEXTURE_NODE)
    {
      GdkTexture *texture = gsk_texture_node_get_texture (node);
      int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
      g_autofree guchar *data = g_malloc ((gsize) w * h * 4);
      const guchar *p;

      gdk_texture_download (texture, data, w * 4);
      p = data + ((gsize) (h / 2) * w + w / 2) * 4;
      return p[3] > 100 && p[0] > p[2] + 100;
    }
  return FALSE;
}

/* A protest under a dense lattice of later battles, which stops `edge` pixels right of it. */
static SitmapDocument *
buried_document (MapTestWindow *w, double x, double y, double edge)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  MapTestEvent buried = { "buried", "Buried", SITMAP_CATEGORY_PROTEST, 0, 0, "2024-01-01", NULL,
                          SITMAP_LOCATION_PRECISION_EXACT };

  shumate_viewport_widget_coords_to_location (w->viewport, GTK_WIDGET (w->events), x, y, &buried.latitude,
                                              &buried.longitude);
  map_test_add_event (builder, &buried);
  for (int dy = -30; dy <= 30; dy += 2)
    for (int dx = -30; dx <= edge; dx += 2)
      {
        g_autofree char *id = g_strdup_printf ("l%d,%d", dx, dy);
        MapTestEvent above = { id, "Above", SITMAP_CATEGORY_BATTLE, 0, 0, "2024-06-01", NULL,
                               SITMAP_LOCATION_PRECISION_EXACT };

        shumate_viewport_widget_coords_to_location (w->viewport, GTK_WIDGET (w->events), x + dx, y + dy,
                                                    &above.latitude, &above.longitude);
        map_test_add_event (builder, &above);
      }
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

/* Symbols that others hide whole are not drawn; one that shows by a little is. */
static void
test_hidden_symbols (void)
{
  g_autoptr (MapTestWindow) w = map_test_window_new (500, 400);
  double x = 250, y = 200;

  map_test_window_show (w, 34.0, 38.0, 8);
  for (guint run = 0; run < 2; run++)
    {
      /* The lattice reaches past the protest's centre, or stops short of it and lets its right half show. */
      double edge = run == 0 ? 8 : -4;
      g_autoptr (SitmapDocument) document = buried_document (w, x, y, edge);
      g_autoptr (Pixels) pixels = NULL;
      g_autoptr (GskRenderNode) node = NULL;
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      gboolean blue_shows = FALSE;

      sitmap_view_state_set_document (w->view_state, document);
      pixels = render_widget (GTK_WIDGET (w->events));
      GTK_WIDGET_GET_CLASS (w->events)->snapshot (GTK_WIDGET (w->events), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      for (int dy = -12; dy <= 12; dy++)
        for (int dx = -12; dx <= 12; dx++)
          blue_shows |= is_blue (pixel_at (pixels, x + dx, y + dy));
      /* Hidden or not, it is among the events in view. */
      g_assert_true (drawn_contains (w->events, find (document, "buried")));
      if (run == 0)
        {
          g_assert_false (blue_shows);
          g_assert_false (has_blue_texture (node));
        }
      else
        {
          g_assert_true (blue_shows);
          g_assert_true (has_blue_texture (node));
        }
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
  g_test_add_func ("/map/event-layer/hit-demo", test_hit_demo);
  g_test_add_func ("/map/event-layer/hit-nearest", test_hit_nearest);
  g_test_add_func ("/map/event-layer/hit-wrapped", test_hit_wrapped);
  g_test_add_func ("/map/event-layer/drawn", test_drawn_follows_filters);
  g_test_add_func ("/map/event-layer/document-change", test_document_change);
  g_test_add_func ("/map/event-layer/dense", test_dense);
  g_test_add_func ("/map/event-layer/pixels", test_pixels);
  g_test_add_func ("/map/event-layer/pixels-scale", test_pixels_scale);
  g_test_add_func ("/map/event-layer/hidden-symbols", test_hidden_symbols);
  g_test_add_func ("/map/event-layer/symbol-extents", test_symbol_extents);
  g_test_add_func ("/map/event-layer/pick", test_pick);
  g_test_add_func ("/map/event-layer/click-and-hover", test_click_and_hover);
  g_test_add_func ("/map/event-layer/tooltip", test_tooltip_text);
  g_test_add_func ("/map/place-layer/labels", test_place_labels);
  return g_test_run ();
}
