/* map-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-map-test"

#include "config.h"

#include <math.h>

#include "map-test-utils.h"
#include "sitmap-symbol.h"

/*
 * A tile source that needs no network
 */

struct _SitmapTestTileSource
{
  ShumateMapSource parent_instance;
  GdkTexture      *tile;
};

G_DEFINE_FINAL_TYPE (SitmapTestTileSource, sitmap_test_tile_source, SHUMATE_TYPE_MAP_SOURCE)

/* Every tile is the same: a pale land colour with a faint line along two edges, so panning shows. */
static GdkTexture *
create_tile (guint size)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  GdkTexture *texture;

  cairo_set_source_rgb (cr, 0xf2 / 255.0, 0xef / 255.0, 0xe9 / 255.0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0xe2 / 255.0, 0xdc / 255.0, 0xd2 / 255.0);
  cairo_rectangle (cr, 0, 0, size, 1);
  cairo_rectangle (cr, 0, 0, 1, size);
  cairo_fill (cr);
  cairo_destroy (cr);
  texture = sitmap_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

static void
sitmap_test_tile_source_fill_tile_async (ShumateMapSource   *source,
                                         ShumateTile        *tile,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  SitmapTestTileSource *self = SITMAP_TEST_TILE_SOURCE (source);
  g_autoptr (GTask) task = g_task_new (source, cancellable, callback, user_data);

  if (self->tile == NULL)
    self->tile = create_tile (shumate_map_source_get_tile_size (source));
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (self->tile));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
sitmap_test_tile_source_fill_tile_finish (ShumateMapSource *source, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sitmap_test_tile_source_finalize (GObject *object)
{
  g_clear_object (&SITMAP_TEST_TILE_SOURCE (object)->tile);
  G_OBJECT_CLASS (sitmap_test_tile_source_parent_class)->finalize (object);
}

static void
sitmap_test_tile_source_class_init (SitmapTestTileSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sitmap_test_tile_source_finalize;
  source_class->fill_tile_async = sitmap_test_tile_source_fill_tile_async;
  source_class->fill_tile_finish = sitmap_test_tile_source_fill_tile_finish;
}

static void
sitmap_test_tile_source_init (SitmapTestTileSource *self)
{
}

ShumateMapSource *
sitmap_test_tile_source_new (void)
{
  return g_object_new (SITMAP_TYPE_TEST_TILE_SOURCE, "id", "sitmap-test", "name", "Plain test tiles", "min-zoom-level",
                       0, "max-zoom-level", 19, "tile-size", 256, NULL);
}

/*
 * A window with the layers
 */

MapTestWindow *
map_test_window_new (int width, int height)
{
  MapTestWindow *self = g_new0 (MapTestWindow, 1);
  ShumateMapLayer *tiles;

  self->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (self->window, width, height);
  gtk_window_set_decorated (self->window, FALSE);
  self->map = shumate_map_new ();
  self->viewport = shumate_map_get_viewport (self->map);
  self->source = sitmap_test_tile_source_new ();
  shumate_viewport_set_reference_map_source (self->viewport, self->source);
  shumate_map_set_animate_zoom (self->map, FALSE);
  tiles = shumate_map_layer_new (self->source, self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (tiles));
  self->view_state = sitmap_view_state_new ();
  self->places = sitmap_place_layer_new (self->viewport, self->view_state);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->places));
  self->events = sitmap_event_layer_new (self->viewport, self->view_state);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->events));
  gtk_window_set_child (self->window, GTK_WIDGET (self->map));
  return self;
}

void
map_test_window_free (MapTestWindow *self)
{
  gtk_window_destroy (self->window);
  g_object_unref (self->source);
  g_object_unref (self->view_state);
  g_free (self);
}

void
map_test_window_show (MapTestWindow *self, double latitude, double longitude, double zoom)
{
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_map_center_on (self->map, latitude, longitude);
  gtk_window_present (self->window);
  map_test_window_wait (self);
}

static gboolean
count_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

void
map_test_window_wait (MapTestWindow *self)
{
  GtkWidget *layer = GTK_WIDGET (self->events);
  guint ticks = 0, id;

  id = gtk_widget_add_tick_callback (layer, count_tick_cb, &ticks, NULL);
  /* A few frames after the first allocation, so that sizes and the first drawing have settled. */
  while (gtk_widget_get_width (layer) <= 0 || ticks < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (layer, id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/*
 * Documents
 */

static void
add_polygon (SitmapEventDraft *draft, const double *lon_lat, guint n)
{
  draft->geometry = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
  for (guint i = 0; i < n; i++)
    sitmap_geometry_add_point (draft->geometry, lon_lat[2 * i], lon_lat[2 * i + 1]);
}

void
map_test_add_event (SitmapDocumentBuilder *builder, const MapTestEvent *event)
{
  SitmapEventDraft draft;
  SitmapCitationDraft citation = { 0 };

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup (event->id);
  draft.title = g_strdup (event->title);
  draft.category = event->category;
  draft.latitude = event->latitude;
  draft.longitude = event->longitude;
  draft.location_precision = event->location;
  draft.radius_m = event->radius_m;
  draft.place_id = g_strdup (event->place_id);
  if (event->end != NULL)
    g_assert_true (sitmap_time_init_span (&draft.time, event->begin, *event->end != '\0' ? event->end : NULL, NULL));
  else if (event->begin != NULL)
    g_assert_true (sitmap_time_init_instant (&draft.time, event->begin, NULL));
  if (event->polygon != NULL)
    add_polygon (&draft, event->polygon, event->n_polygon);
  citation.source_id = g_strdup (event->party_only ? "party" : "monitor");
  sitmap_event_draft_take_citation (&draft, &citation);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
}

static SitmapDocumentBuilder *
new_builder (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();

  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "monitor"), "Independent monitor");
  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "party"), TRUE);
  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "party"), "A party to the conflict");
  return builder;
}

static void
add_place (SitmapDocumentBuilder *builder, const char *id, const char *name, SitmapPlaceKind kind, double latitude,
           double longitude, const double *lon_lat, guint n)
{
  g_autoptr (SitmapGeometry) geometry = NULL;
  g_autoptr (SitmapPlace) place = NULL;

  if (lon_lat != NULL)
    {
      geometry = sitmap_geometry_new (SITMAP_GEOMETRY_POLYGON);
      for (guint i = 0; i < n; i++)
        sitmap_geometry_add_point (geometry, lon_lat[2 * i], lon_lat[2 * i + 1]);
    }
  place = sitmap_place_new (id, name, kind, latitude, longitude, geometry);
  sitmap_document_builder_add_place (builder, place);
}

/* Rough outlines, longitude then latitude, drawn from demo-facts.md's bounds. */
static const double badia[] = {
  36.6, 33.3, 37.4, 32.6, 39.0, 32.3, 40.4, 32.9, 41.0, 33.6, 40.9, 34.4,
  40.1, 35.2, 38.9, 35.5, 37.6, 35.2, 36.9, 34.6,
};
static const double idlib_front[] = {
  36.55, 35.85, 37.25, 35.85, 37.3, 36.05, 37.2, 36.25, 36.6, 36.25,
};

SitmapDocument *
map_test_demo_document (void)
{
  SitmapDocumentBuilder *builder = new_builder ();
  const MapTestEvent events[] = {
    { "ev-sukhna", "IS kills fleeing government soldiers near Sukhna", SITMAP_CATEGORY_BATTLE, 34.8853, 38.8711,
      "2024-12-10", NULL, SITMAP_LOCATION_PRECISION_NEAR_TOWN, 25000, FALSE, NULL, 0, "place-sukhna" },
    { "ev-offensive", "HTS-led factions launch an offensive in the north-west", SITMAP_CATEGORY_BATTLE, 36.05,
      36.9, "2024-11-27", NULL, SITMAP_LOCATION_PRECISION_REGION, 0, FALSE, idlib_front,
      G_N_ELEMENTS (idlib_front) / 2, "place-idlib-front" },
    { "ev-damascus", "The Assad government falls", SITMAP_CATEGORY_STRATEGIC, 33.5102, 36.2913, "2024-12-08", NULL,
      SITMAP_LOCATION_PRECISION_TOWN, 0, FALSE, NULL, 0, "place-damascus" },
    { "ev-strikes", "U.S. strikes on IS targets across the Badia", SITMAP_CATEGORY_REMOTE_VIOLENCE, 34.1, 38.9,
      "2024-12-07", "2024-12-08", SITMAP_LOCATION_PRECISION_REGION, 0, TRUE, badia, G_N_ELEMENTS (badia) / 2,
      "place-badia" },
    /* Two illustrative point strikes, so that the test shows party-only points too. */
    { "ev-strike-a", "Strike on a camp (illustrative)", SITMAP_CATEGORY_REMOTE_VIOLENCE, 34.95, 39.75, "2024-12-08",
      NULL, SITMAP_LOCATION_PRECISION_EXACT, 0, TRUE, NULL, 0 },
    { "ev-strike-b", "Strike on a hideout (illustrative)", SITMAP_CATEGORY_REMOTE_VIOLENCE, 34.35, 37.75,
      "2024-12-07", NULL, SITMAP_LOCATION_PRECISION_EXACT, 0, TRUE, NULL, 0 },
    { "ev-blinken", "Blinken warns IS could exploit the chaos", SITMAP_CATEGORY_STATEMENT, NAN, NAN, "2024-12-09",
      NULL, SITMAP_LOCATION_PRECISION_NONE, 0, FALSE, NULL, 0 },
    { "ev-baghouz", "SDF drive IS out of its last stronghold", SITMAP_CATEGORY_BATTLE, 34.4586, 40.9506, "2019-03",
      NULL, SITMAP_LOCATION_PRECISION_TOWN, 0, FALSE, NULL, 0, "place-baghouz" },
    { "ev-2011", "The conflict begins", SITMAP_CATEGORY_CONTEXT, 35.0, 38.5, "2011", NULL,
      SITMAP_LOCATION_PRECISION_COUNTRY, 0, FALSE, NULL, 0 },
  };

  sitmap_document_builder_set_title (builder, "Syria, late 2024 (test)");
  add_place (builder, "place-damascus", "Damascus", SITMAP_PLACE_KIND_CAPITAL, 33.5102, 36.2913, NULL, 0);
  add_place (builder, "place-homs", "Homs", SITMAP_PLACE_KIND_CITY, 34.7308, 36.7094, NULL, 0);
  add_place (builder, "place-palmyra", "Palmyra", SITMAP_PLACE_KIND_CITY, 34.5624, 38.2840, NULL, 0);
  add_place (builder, "place-sukhna", "As-Sukhnah", SITMAP_PLACE_KIND_TOWN, 34.8853, 38.8711, NULL, 0);
  add_place (builder, "place-baghouz", "Al-Baghuz Fawqani", SITMAP_PLACE_KIND_VILLAGE, 34.4586, 40.9506, NULL, 0);
  add_place (builder, "place-badia", "Badia (Syrian Desert)", SITMAP_PLACE_KIND_REGION, 33.6, 38.6, badia,
             G_N_ELEMENTS (badia) / 2);
  add_place (builder, "place-idlib-front", "Idlib / Aleppo front", SITMAP_PLACE_KIND_REGION, 36.05, 36.9,
             idlib_front, G_N_ELEMENTS (idlib_front) / 2);
  add_place (builder, "place-homs-governorate", "Homs governorate", SITMAP_PLACE_KIND_PROVINCE, 34.5, 37.9, NULL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    map_test_add_event (builder, &events[i]);
  return sitmap_document_builder_finish (builder);
}

static void
synthetic_event (SitmapDocumentBuilder *builder, GRand *rand, guint i)
{
  static const char *const regions[] = { "region-a", "region-b", "region-c" };
  g_autofree char *id = g_strdup_printf ("synthetic-%u", i);
  g_autofree char *date = NULL;
  double roll = g_rand_double (rand);
  MapTestEvent event = {
    .id = id,
    .title = "Synthetic event",
    .category = g_rand_int_range (rand, 0, SITMAP_N_CATEGORIES),
    .latitude = g_rand_double_range (rand, 32.3, 37.3),
    .longitude = g_rand_double_range (rand, 35.7, 42.0),
    .location = SITMAP_LOCATION_PRECISION_EXACT,
    .party_only = g_rand_double (rand) < 0.05,
  };
  SitmapEventDraft draft;

  if (g_rand_double (rand) < 0.9)
    date = g_strdup_printf ("%d-%02d-%02d", g_rand_int_range (rand, 2020, 2025), g_rand_int_range (rand, 1, 13),
                            g_rand_int_range (rand, 1, 29));
  else
    date = g_strdup_printf ("%d-%02d", g_rand_int_range (rand, 2020, 2025), g_rand_int_range (rand, 1, 13));
  event.begin = date;
  if (roll < 0.15)
    {
      event.location = SITMAP_LOCATION_PRECISION_NEAR_TOWN;
      event.radius_m = g_rand_int_range (rand, 5000, 30000);
    }
  else if (roll < 0.151)
    {
      /* Located by a region of the gazetteer: it inherits the region's outline. */
      sitmap_event_draft_init (&draft);
      draft.id = g_strdup (id);
      draft.category = event.category;
      draft.place_id = g_strdup (regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))]);
      sitmap_time_init_instant (&draft.time, date, NULL);
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
      return;
    }
  map_test_add_event (builder, &event);
}

SitmapDocument *
map_test_synthetic_document (guint n, guint32 seed)
{
  static const double region_a[] = { 37.0, 34.0, 38.5, 34.0, 38.5, 35.0, 37.0, 35.0 };
  static const double region_b[] = { 39.0, 34.5, 40.8, 34.5, 40.8, 35.8, 39.0, 35.8 };
  static const double region_c[] = { 36.2, 32.6, 37.4, 32.6, 37.4, 33.4, 36.2, 33.4 };
  SitmapDocumentBuilder *builder = new_builder ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  add_place (builder, "region-a", "Region A", SITMAP_PLACE_KIND_REGION, 34.5, 37.75, region_a, 4);
  add_place (builder, "region-b", "Region B", SITMAP_PLACE_KIND_REGION, 35.1, 39.9, region_b, 4);
  add_place (builder, "region-c", "Region C", SITMAP_PLACE_KIND_REGION, 33.0, 36.8, region_c, 4);
  for (guint i = 0; i < n; i++)
    synthetic_event (builder, rand, i);
  return sitmap_document_builder_finish (builder);
}

void
map_test_add_random_annotations (SitmapDocument *document, guint n, guint32 seed, double south, double west,
                                 double size, double spread, double max_radius)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autoptr (SitmapAnnotation) annotation = sitmap_annotation_new (i % 4, id);
      double latitude = g_rand_double_range (rand, south, south + size);
      double longitude = g_rand_double_range (rand, west, west + size);

      sitmap_annotation_add_point (annotation, latitude, longitude);
      if (i % 4 == SITMAP_ANNOTATION_CIRCLE)
        sitmap_annotation_set_radius (annotation, g_rand_double_range (rand, 2000, max_radius));
      else
        for (guint k = 0; k < (i % 4 == SITMAP_ANNOTATION_AREA ? 4u : 1u); k++)
          sitmap_annotation_add_point (annotation, latitude + g_rand_double_range (rand, -spread, spread),
                                       longitude + g_rand_double_range (rand, -spread, spread));
      if (i % 3 == 0)
        sitmap_annotation_set_text (annotation, "Checkpoint");
      sitmap_document_insert_annotation (document, i, annotation);
    }
}
