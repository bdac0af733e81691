/* test-export-scene.c: what an export shows, and at what resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk/gdk.h>

#include "export-test-utils.h"
#include "map-test-utils.h"
#include "sitmap-cluster-symbol.h"
#include "sitmap-export-scene-private.h"
#include "sitmap-shape-table.h"
#include "sitmap-symbol.h"

/* Share of the pixels in a rectangle (device pixels) darker than max_luminance. */
static double
dark_share (GdkTexture *texture, int x0, int y0, int x1, int y1, double max_luminance)
{
  int                width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize)width * height * 4);
  guint64            n = 0, total = 0;

  gdk_texture_download (texture, data, width * 4);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = data + ((gsize)y * width + x) * 4;

        n += (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255 < max_luminance;
        total++;
      }
  return (double)n / MAX (total, 1);
}

static GdkTexture *
render_texture (SitmapExportScene *scene)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = sitmap_export_scene_render (scene, NULL, &error);
  GdkTexture *texture;

  g_assert_no_error (error);
  texture = gdk_texture_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return texture;
}

/* The attribution is a licence requirement: dark text in the map's bottom right corner, whatever the
 * options leave out. */
static void
test_attribution (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  SitmapExportRect *map;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  options.include = 0;
  scene = export_test_scene_with_tiles (view_state, &options);
  texture = render_texture (scene);
  map = &scene->map;
  /* Nothing but the map: it fills the page within the margins. */
  g_assert_cmpfloat (map->height, >, 1000);
  g_assert_cmpfloat (dark_share (texture, map->x + map->width - 250, map->y + map->height - 16,
                                 map->x + map->width - 10, map->y + map->height - 4, 0.35),
                     >, 0.04);
  /* Left of it, the same band of the map has no such ink: the text is what makes it dark. */
  g_assert_cmpfloat (dark_share (texture, map->x + map->width - 900, map->y + map->height - 16,
                                 map->x + map->width - 660, map->y + map->height - 4, 0.35),
                     <, 0.01);
}

/* The map's tiles come at the zoom the output's pixels need: an A4 page at 300 dpi is not an enlarged
 * screenshot. */
static void
test_tile_zoom (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  struct
  {
    SitmapExportSize size;
    int              extra_zoom;
  } cases[] = {
    /* Zoom 6.5 at scale 1 needs 6.5: tiles of zoom 7, shrunk. */
    { SITMAP_EXPORT_SIZE_HD, 1 },
    /* Scale 2 needs 7.5. */
    { SITMAP_EXPORT_SIZE_4K, 2 },
    /* Scale 1.5625 needs 7.14: zoom 7, enlarged by a tenth. */
    { SITMAP_EXPORT_SIZE_A4_150, 1 },
    /* Scale 3.125 needs 8.14. */
    { SITMAP_EXPORT_SIZE_A4_300, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (SitmapExportOptions) options = { 0 };
      g_autoptr (SitmapExportScene) scene = NULL;

      export_test_options_for (&options, cases[i].size, FALSE, SITMAP_EXPORT_PNG);
      scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
      g_assert_cmpint (sitmap_export_scene_get_tile_zoom (scene), ==, 6 + cases[i].extra_zoom);
    }
}

static void
test_sizes (void)
{
  int    width, height;
  double scale;

  g_assert_true (sitmap_export_size_get (SITMAP_EXPORT_SIZE_A4_300, FALSE, &width, &height, &scale));
  g_assert_cmpint (width, ==, 2480);
  g_assert_cmpint (height, ==, 3508);
  g_assert_cmpfloat_with_epsilon (scale, 300.0 / 96, 1e-9);
  g_assert_true (sitmap_export_size_get (SITMAP_EXPORT_SIZE_LETTER_150, TRUE, &width, &height, &scale));
  g_assert_cmpint (width, ==, 1650);
  g_assert_cmpint (height, ==, 1275);
  g_assert_true (sitmap_export_size_get (SITMAP_EXPORT_SIZE_4K, FALSE, &width, &height, &scale));
  g_assert_cmpint (width, ==, 3840);
  g_assert_cmpfloat (scale, ==, 2);
  g_assert_false (sitmap_export_size_get (SITMAP_EXPORT_SIZE_CUSTOM, FALSE, &width, &height, &scale));
  g_assert_true (sitmap_export_parse_size ("800×600", &width, &height, NULL));
  g_assert_cmpint (width, ==, 800);
  g_assert_false (sitmap_export_parse_size ("800x", &width, &height, NULL));
  g_assert_false (sitmap_export_parse_size ("-800x600", &width, &height, NULL));
  g_assert_false (sitmap_export_parse_size ("99999999999x600", &width, &height, NULL));
}

/* The export shows what the view state shows: its hidden categories, its range. */
static void
test_follows_filters (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) all = NULL;
  g_autoptr (SitmapExportScene) filtered = NULL;
  guint n_visible;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  all = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  n_visible = sitmap_view_state_get_n_visible (view_state);
  g_assert_cmpuint (sitmap_export_scene_get_n_notes (all), ==, n_visible);
  g_assert_cmpuint (sitmap_export_scene_get_n_drawn (all), >, 0);

  sitmap_view_state_set_hidden_categories (view_state, 1u << SITMAP_CATEGORY_BATTLE);
  filtered = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  g_assert_cmpuint (sitmap_export_scene_get_n_notes (filtered), ==, sitmap_view_state_get_n_visible (view_state));
  g_assert_cmpuint (sitmap_export_scene_get_n_notes (filtered), <, n_visible);
  g_assert_false (filtered->categories_shown & (1u << SITMAP_CATEGORY_BATTLE));
  g_assert_true (all->categories_shown & (1u << SITMAP_CATEGORY_BATTLE));
}

/* Each note's number is on the map by its event, and the notes are in time order. */
static void
test_numbers (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  guint n_numbered = 0;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  for (guint i = 0; i < scene->symbols->len; i++)
    n_numbered += g_array_index (scene->symbols, SitmapExportSymbol, i).number > 0;
  g_assert_cmpuint (n_numbered, >=, 4);
  for (guint i = 0; i < scene->notes->len; i++)
    g_assert_cmpint (g_array_index (scene->notes, SitmapExportNote, i).number, ==, i + 1);
  g_assert_nonnull (strstr (g_array_index (scene->notes, SitmapExportNote, 0).title, "War in Syria begins"));

  /* Without notes, no numbers. */
  options.include &= ~SITMAP_EXPORT_NOTES;
  g_clear_object (&scene);
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  g_assert_cmpuint (sitmap_export_scene_get_n_notes (scene), ==, 0);
  for (guint i = 0; i < scene->symbols->len; i++)
    g_assert_cmpint (g_array_index (scene->symbols, SitmapExportSymbol, i).number, ==, 0);
}

/* A source that has no tile to give (offline, or a server that refuses) fails the export with a
 * clear error, rather than making a map without a map. */
#define TEST_TYPE_FAILING_SOURCE (test_failing_source_get_type ())
G_DECLARE_FINAL_TYPE (TestFailingSource, test_failing_source, TEST, FAILING_SOURCE, ShumateDataSource)

struct _TestFailingSource
{
  ShumateDataSource parent_instance;
};

G_DEFINE_FINAL_TYPE (TestFailingSource, test_failing_source, SHUMATE_TYPE_DATA_SOURCE)

static void
failing_get_tile_data_async (ShumateDataSource *self, int x, int y, int zoom, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network is unreachable");
}

static GBytes *
failing_get_tile_data_finish (ShumateDataSource *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_failing_source_class_init (TestFailingSourceClass *klass)
{
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async = failing_get_tile_data_async;
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_finish = failing_get_tile_data_finish;
}

static void
test_failing_source_init (TestFailingSource *self)
{
}

static void
fetch_failed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  g_assert_false (sitmap_export_scene_fetch_tiles_finish (SITMAP_EXPORT_SCENE (object), result, error));
}

static void
test_no_tiles (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autoptr (ShumateDataSource) source = g_object_new (TEST_TYPE_FAILING_SOURCE, NULL);
  GError *error = NULL;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  scene = sitmap_export_scene_new (view_state, &options, "test", FALSE);
  sitmap_export_scene_fetch_tiles_async (scene, source, 0, 19, NULL, fetch_failed_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, SITMAP_EXPORT_ERROR, SITMAP_EXPORT_ERROR_NO_TILES);
  g_assert_nonnull (strstr (error->message, "Network is unreachable"));
  g_error_free (error);
}

/* Pixels near the annotation palette's red (#c01c28) in the map. */
static guint
count_red (GdkTexture *texture, const SitmapExportRect *map)
{
  int                width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize)width * height * 4);
  guint              n = 0;

  gdk_texture_download (texture, data, width * 4);
  for (int y = map->y; y < map->y + map->height; y++)
    for (int x = map->x; x < map->x + map->width; x++)
      {
        const guchar *p = data + ((gsize)y * width + x) * 4; /* B G R A */

        n += abs (p[2] - 0xc0) < 24 && abs (p[1] - 0x1c) < 24 && abs (p[0] - 0x28) < 24;
      }
  return n;
}

/* The analyst's annotations are in the export, drawn by the map's own code, unless left out or hidden. */
static void
test_annotations (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  SitmapDocument *document = sitmap_view_state_get_document (view_state);
  g_autoptr (SitmapAnnotation) circle = sitmap_annotation_new (SITMAP_ANNOTATION_CIRCLE, "annotation-1");
  g_auto (SitmapExportOptions) options = { 0 };
  guint with, without, hidden;

  sitmap_annotation_add_point (circle, 34.9, 38.9);
  sitmap_annotation_set_radius (circle, 60000);
  sitmap_annotation_set_color (circle, SITMAP_ANNOTATION_COLOR_RED);
  sitmap_annotation_set_width (circle, SITMAP_ANNOTATION_WIDTH_THICK);
  sitmap_document_insert_annotation (document, 0, circle);
  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  {
    g_autoptr (SitmapExportScene) scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
    g_autoptr (GdkTexture) texture = render_texture (scene);

    with = count_red (texture, &scene->map);
  }
  options.include &= ~SITMAP_EXPORT_ANNOTATIONS;
  {
    g_autoptr (SitmapExportScene) scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
    g_autoptr (GdkTexture) texture = render_texture (scene);

    without = count_red (texture, &scene->map);
  }
  options.include |= SITMAP_EXPORT_ANNOTATIONS;
  sitmap_document_set_annotations_visible (document, FALSE);
  {
    g_autoptr (SitmapExportScene) scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
    g_autoptr (GdkTexture) texture = render_texture (scene);

    hidden = count_red (texture, &scene->map);
  }
  /* A ring of 60 km at zoom 6.5 is some 80 pixels across: its outline is hundreds of red pixels. */
  g_assert_cmpuint (with, >, without + 300);
  g_assert_cmpuint (hidden, ==, without);
}

/* Zoomed out over the date line, where the tiles repeat: the events are drawn on the copy of the world
 * nearest the centre, and nothing asks the cluster index for cells outside the world. */
static void
test_whole_world (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  for (double zoom = 0; zoom <= 2; zoom += 0.5)
    {
      g_autoptr (SitmapExportScene) scene = NULL;
      g_autoptr (GdkTexture) texture = NULL;

      options.zoom = zoom;
      options.longitude = 179;
      scene = export_test_scene_with_tiles (view_state, &options);
      texture = render_texture (scene);
      g_assert_cmpuint (sitmap_export_scene_get_n_drawn (scene), >, 0);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 1920);
    }
}

/* Many events: the notes list the first ones and say how many there are, the timeline strip is a
 * histogram of them all, and the map has clusters. SITMAP_SCREENSHOT_DIR=folder saves the page. */
static void
test_many_events (void)
{
  g_autoptr (SitmapDocument) document = map_test_synthetic_document (200000, 3);
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  const guint32            *visible;
  guint                     n_visible, n_in_range = 0;
  guint64                   binned = 0;
  const char               *shots = g_getenv ("SITMAP_SCREENSHOT_DIR");

  sitmap_view_state_set_document (view_state, document);
  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  visible = sitmap_view_state_get_visible (view_state, &n_visible);
  g_assert_cmpuint (n_visible, >, 100000);
  g_assert_cmpuint (sitmap_export_scene_get_n_notes (scene), <=, SITMAP_EXPORT_MAX_NOTES);
  g_assert_cmpuint (sitmap_export_scene_get_n_notes (scene), >, 0);
  g_assert_cmpuint (scene->clusters->len, >, 0);
  g_assert_cmpuint (scene->marks->len, ==, 0);
  g_assert_nonnull (scene->histogram);
  for (guint i = 0; i < n_visible; i++)
    n_in_range += visible[i] < columns->n_dated && columns->start[visible[i]] >= scene->range_start
                  && columns->start[visible[i]] < scene->range_end;
  for (guint i = 0; i < scene->n_bins * SITMAP_N_CATEGORIES; i++)
    binned += scene->histogram[i];
  g_assert_cmpuint (binned, ==, n_in_range);
  if (shots != NULL)
    {
      g_autofree char *path = g_build_filename (shots, "export-200k.png", NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = sitmap_export_scene_render (scene, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    }
}

/* A small page keeps room for the map: the notes go first, then the timeline strip. */
static void
test_small_page (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  double width, height;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  options.width = 400;
  options.height = 300;
  options.scale = 1;
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  sitmap_export_scene_get_map_size (scene, &width, &height);
  g_assert_cmpuint (sitmap_export_scene_get_n_notes (scene), ==, 0);
  g_assert_false (sitmap_export_scene_get_options (scene)->include & SITMAP_EXPORT_NOTES);
  g_assert_cmpfloat (height, >=, 150);
  g_assert_cmpfloat (width, ==, 400 - 48);

  /* The HD page has room for everything. */
  g_clear_object (&scene);
  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  g_assert_cmpuint (sitmap_export_scene_get_options (scene)->include, ==, SITMAP_EXPORT_INCLUDE_ALL);
}

static gboolean
rects_overlap (const SitmapExportRect *a, double x, double y, double width, double height)
{
  return a->x < x + width && x < a->x + a->width && a->y < y + height && y < a->y + a->height;
}

static const SitmapExportPlace *
find_place (SitmapExportScene *scene, const char *name)
{
  for (guint i = 0; i < scene->places->len; i++)
    if (g_strcmp0 (g_array_index (scene->places, SitmapExportPlace, i).name, name) == 0)
      return &g_array_index (scene->places, SitmapExportPlace, i);
  return NULL;
}

/* The names of areas read: each inside the map, none under an event's symbol or cluster or under
 * another name; the Badia's name leaves its point to the cluster that sits there. */
static void
test_place_labels (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  const SitmapExportPlace *badia, *homs;
  double                   reach = sitmap_symbol_get_extent (0) / 2;
  guint                    n_labelled = 0;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  badia = find_place (scene, "Badia (Syrian Desert)");
  homs = find_place (scene, "Homs governorate");
  g_assert_nonnull (badia);
  g_assert_nonnull (homs);
  g_assert_true (badia->labelled);
  g_assert_true (homs->labelled);
  for (guint i = 0; i < scene->places->len; i++)
    {
      const SitmapExportPlace *place = &g_array_index (scene->places, SitmapExportPlace, i);
      const SitmapExportRect  *label = &place->label;

      if (!place->labelled)
        continue;
      n_labelled++;
      g_assert_cmpfloat (label->x, >=, scene->map.x);
      g_assert_cmpfloat (label->y, >=, scene->map.y);
      g_assert_cmpfloat (label->x + label->width, <=, scene->map.x + scene->map.width);
      g_assert_cmpfloat (label->y + label->height, <=, scene->map.y + scene->map.height);
      for (guint k = 0; k < scene->symbols->len; k++)
        {
          const SitmapExportSymbol *symbol = &g_array_index (scene->symbols, SitmapExportSymbol, k);

          g_assert_false (rects_overlap (label, symbol->x - reach, symbol->y - reach, 2 * reach, 2 * reach));
        }
      for (guint k = 0; k < scene->clusters->len; k++)
        {
          const SitmapExportCluster *cluster = &g_array_index (scene->clusters, SitmapExportCluster, k);

          g_assert_false (rects_overlap (label, cluster->x - cluster->radius, cluster->y - cluster->radius,
                                         2 * cluster->radius, 2 * cluster->radius));
        }
      for (guint k = 0; k < i; k++)
        {
          const SitmapExportPlace *other = &g_array_index (scene->places, SitmapExportPlace, k);

          if (other->labelled)
            g_assert_false (
                rects_overlap (label, other->label.x, other->label.y, other->label.width, other->label.height));
        }
    }
  g_assert_cmpuint (n_labelled, >=, 3);
  /* Something sits on the Badia's point: its name went above or below. */
  g_assert_false (badia->label.y <= badia->y && badia->y <= badia->label.y + badia->label.height);
}

static const SitmapExportShape *
find_area (SitmapExportScene *scene, guint *n_areas)
{
  const SitmapExportShape *found = NULL;

  *n_areas = 0;
  for (guint i = 0; i < scene->shapes->len; i++)
    if (g_array_index (scene->shapes, SitmapExportShape, i).kind == SITMAP_SHAPE_AREA)
      {
        const SitmapExportShape *shape = &g_array_index (scene->shapes, SitmapExportShape, i);

        /* The Badia: the large one. */
        if (found == NULL || shape->rings->len > 0)
          found = found == NULL
                          || g_array_index (shape->rings, GArray *, 0)->len
                                 > g_array_index (found->rings, GArray *, 0)->len
                      ? shape
                      : found;
        (*n_areas)++;
      }
  return found;
}

/* Two events over the Badia, each with its own copy of the outline, one reported only by a party (U.S.
 * strikes, CENTCOM), one by AFP (a standing fact): the outline is drawn once, solid. With the standing
 * facts hidden, the party's event alone is left, and it is dashed. */
static void
test_shared_area (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) both = NULL;
  g_autoptr (SitmapExportScene) party = NULL;
  const SitmapExportShape *badia;
  guint                    n_areas;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  both = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  badia = find_area (both, &n_areas);
  g_assert_nonnull (badia);
  /* The Badia and the Idlib–Aleppo front: two outlines, however many events. */
  g_assert_cmpuint (n_areas, ==, 2);
  g_assert_false (badia->party_only);

  sitmap_view_state_set_hidden_categories (view_state, 1u << SITMAP_CATEGORY_CONTEXT);
  party = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  badia = find_area (party, &n_areas);
  g_assert_nonnull (badia);
  g_assert_cmpuint (n_areas, ==, 2);
  g_assert_true (badia->party_only);
}

/* Dark pixels in the strip 1 to 3 pixels inside each edge of the map's frame (device pixels at scale 1),
 * but for the attribution's corner. */
static double
frame_ink (GdkTexture *texture, const SitmapExportRect *map)
{
  int x0 = map->x, y0 = map->y, x1 = map->x + map->width, y1 = map->y + map->height;

  return dark_share (texture, x0 + 1, y0 + 1, x0 + 4, y1 - 1, 0.35)
         + dark_share (texture, x1 - 4, y0 + 1, x1 - 1, y1 - 30, 0.35)
         + dark_share (texture, x0 + 1, y0 + 1, x1 - 1, y0 + 4, 0.35)
         + dark_share (texture, x0 + 1, y1 - 4, x0 + map->width * 0.5, y1 - 1, 0.35);
}

/* Where the offline basemap's tiles name many towns, the map's frame cuts some names: those are taken
 * out of the tiles, not left as stray letters at the frame; the names inside the map stay. */
static void
test_cut_names (void)
{
  static const double views[][3] = {
    { 34.7, 37.2, 9 }, { 35.3, 36.6, 10 }, { 33.5, 36.3, 9 }, { 36.2, 37.1, 9 }, { 34.9, 38.9, 8 }, { 34.6, 38.6, 6.5 },
  };
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  guint n_cut = 0;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_auto (SitmapExportOptions) options = { 0 };
      g_autoptr (SitmapExportScene) scene = NULL;
      g_autoptr (GdkTexture) raw = NULL;
      g_autoptr (GdkTexture) clean = NULL;
      const SitmapExportRect *map;
      double                  inside_raw, inside_clean;

      export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
      options.latitude = views[i][0];
      options.longitude = views[i][1];
      options.zoom = views[i][2];
      options.include = 0;
      scene = export_test_scene_with_tiles (view_state, &options);
      map = &scene->map;
      sitmap_export_scene_set_basemap_names (scene, FALSE);
      raw = render_texture (scene);
      sitmap_export_scene_set_basemap_names (scene, TRUE);
      clean = render_texture (scene);
      n_cut += frame_ink (raw, map) > 0;
      g_assert_cmpfloat (frame_ink (clean, map), ==, 0);
      inside_raw
          = dark_share (raw, map->x + 20, map->y + 20, map->x + map->width - 20, map->y + map->height - 20, 0.35);
      inside_clean
          = dark_share (clean, map->x + 20, map->y + 20, map->x + map->width - 20, map->y + map->height - 20, 0.35);
      g_assert_cmpfloat (inside_clean, >, 0.9 * inside_raw);
    }
  /* Some of the views needed it. */
  g_assert_cmpuint (n_cut, >=, 2);
}

/* A cluster on the page is the map's cluster symbol: its outline, ring of shares, fill and badge are
 * sitmap_cluster_symbol_draw()'s, pixel for pixel, as on screen. */
static void
test_cluster_as_on_screen (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  const SitmapExportCluster *cluster;
  SitmapClusterSymbol        symbol;
  cairo_surface_t           *page, *shared;
  cairo_t                   *cr;
  double                     disc, offset, half;
  guint                      n_compared = 0, n_off = 0;
  int                        stride;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  /* Without the notes' numbers, whose tags may overlap a cluster's edge. */
  options.include &= ~SITMAP_EXPORT_NOTES;
  scene = export_test_scene_with_tiles (view_state, &options);
  /* The Badia's two events, a strike and a statement: no majority, two segments. */
  g_assert_cmpuint (scene->clusters->len, ==, 1);
  cluster = &g_array_index (scene->clusters, SitmapExportCluster, 0);
  g_assert_cmpuint (cluster->n_events, ==, 2);

  page = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options.width, options.height);
  cr = cairo_create (page);
  cairo_scale (cr, options.scale, options.scale);
  sitmap_export_scene_draw (scene, cr, NULL);
  cairo_destroy (cr);
  shared = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options.width, options.height);
  cr = cairo_create (shared);
  cairo_scale (cr, options.scale, options.scale);
  sitmap_cluster_symbol_init (&symbol, cluster->radius, cluster->n_events, cluster->category_counts,
                              cluster->dominant);
  sitmap_cluster_symbol_draw (cr, &symbol, NULL, cluster->x, cluster->y);
  cairo_destroy (cr);
  cairo_surface_flush (page);
  cairo_surface_flush (shared);
  g_assert_cmpint (cairo_image_surface_get_stride (page), ==, cairo_image_surface_get_stride (shared));
  stride = cairo_image_surface_get_stride (page);

  /* Where the shared drawing is opaque, the map beneath does not show: the page has the same pixels,
   * but for the count's text in the middle. */
  sitmap_cluster_symbol_get_parts (&symbol, &disc, &offset, &half);
  for (int y = 0; y < options.height; y++)
    for (int x = 0; x < options.width; x++)
      {
        const guchar *a = cairo_image_surface_get_data (shared) + y * stride + 4 * x;
        const guchar *b = cairo_image_surface_get_data (page) + y * stride + 4 * x;
        double d = hypot ((x + 0.5) / options.scale - cluster->x, (y + 0.5) / options.scale - cluster->y);

        if (a[3] < 255 || d < cluster->radius - 3)
          continue;
        n_compared++;
        n_off += ABS (a[0] - b[0]) > 2 || ABS (a[1] - b[1]) > 2 || ABS (a[2] - b[2]) > 2;
      }
  cairo_surface_destroy (page);
  cairo_surface_destroy (shared);
  g_assert_cmpuint (n_compared, >, 100);
  g_assert_cmpuint (n_off, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/scene/attribution", test_attribution);
  g_test_add_func ("/export/scene/tile-zoom", test_tile_zoom);
  g_test_add_func ("/export/scene/sizes", test_sizes);
  g_test_add_func ("/export/scene/follows-filters", test_follows_filters);
  g_test_add_func ("/export/scene/numbers", test_numbers);
  g_test_add_func ("/export/scene/no-tiles", test_no_tiles);
  g_test_add_func ("/export/scene/annotations", test_annotations);
  g_test_add_func ("/export/scene/whole-world", test_whole_world);
  g_test_add_func ("/export/scene/many-events", test_many_events);
  g_test_add_func ("/export/scene/small-page", test_small_page);
  g_test_add_func ("/export/scene/place-labels", test_place_labels);
  g_test_add_func ("/export/scene/shared-area", test_shared_area);
  g_test_add_func ("/export/scene/cut-names", test_cut_names);
  g_test_add_func ("/export/scene/cluster-as-on-screen", test_cluster_as_on_screen);
  return g_test_run ();
}
