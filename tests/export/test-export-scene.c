/* test-export-scene.c: what an export shows, and at what resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk/gdk.h>
#include <glib/gstdio.h>
#include <math.h>

#include "export-test-utils.h"
#include "map-test-utils.h"
#include "sitmap-annotation-draw.h"
#include "sitmap-annotation.h"
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
    /* Paper is read at its size: tiles of zoom 7 would print their 10.5-pixel names at 5.6 pt, those of
     * zoom 6 at 11 pt. Whatever the dots per inch. */
    { SITMAP_EXPORT_SIZE_A4_150, 0 },
    { SITMAP_EXPORT_SIZE_A4_300, 0 },
    { SITMAP_EXPORT_SIZE_LETTER_300, 0 },
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
        if (found == NULL || shape->outline.points->len > 0)
          found = found == NULL || shape->outline.points->len > found->outline.points->len ? shape : found;
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


/*
 * Helpers for the exported files
 */

static int
run_tool (const char *const *argv, char **out)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL,
                &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* A document of the builder's events, with the two sources map_test_add_event cites. */
static SitmapViewState *
view_state_for (const MapTestEvent *events, guint n)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  SitmapViewState *view_state = sitmap_view_state_new ();

  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "monitor"), "Independent monitor");
  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "party"), TRUE);
  sitmap_document_builder_set_title (builder, "Test document");
  for (guint i = 0; i < n; i++)
    map_test_add_event (builder, &events[i]);
  /* The builder is gone once finished. */
  document = sitmap_document_builder_finish (builder);
  sitmap_view_state_set_document (view_state, document);
  return view_state;
}

/* The text pdftotext reads in a PDF, lines joined by spaces when flat. */
static char *
pdf_text (GBytes *pdf, gboolean flat)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-text-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "page.pdf", NULL);
  const char      *argv[] = { "pdftotext", path, "-", NULL };
  char            *text = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_cmpint (run_tool (argv, &text), ==, 0);
  g_remove (path);
  g_rmdir (dir);
  return flat ? g_strdelimit (text, "\n", ' ') : text;
}

/* The subtitle of the scene, checked to be in the exported PDF's text. */
static char *
exported_subtitle (SitmapViewState *view_state, SitmapExportScene **out_scene)
{
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PDF);
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  pdf = sitmap_export_scene_render (scene, NULL, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf, TRUE);
  if (strstr (text, scene->subtitle) == NULL)
    g_error ("The subtitle “%s” is not in the PDF: %s", scene->subtitle, text);
  if (out_scene != NULL)
    *out_scene = g_object_ref (scene);
  return g_strdup (scene->subtitle);
}

static gint64
utc (int year, int month, int day)
{
  g_autoptr (GDateTime) dt = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

/* The subtitle says what the page shows: without a range every event, whatever stretch the timeline
 * happens to show, with the span of their dates as precisely as they are known, the open-ended and
 * undated ones counted; with a range, that range; with a filter, that some were left out. */
static void
test_subtitle (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autofree char *all = NULL;
  g_autofree char *filtered = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *ranged = NULL;

  /* The window's timeline shows early December; no range is set. */
  sitmap_view_state_set_window (view_state, utc (2024, 12, 3), utc (2024, 12, 12));
  all = exported_subtitle (view_state, &scene);
  g_assert_cmpstr (all, ==, "All dates, from 2011 to 10 December 2024 · 10 events (1 open-ended, 2 undated)");
  /* The strip spans the events, not the timeline's window. */
  g_assert_false (scene->has_range);
  g_assert_cmpint (scene->range_start, <, utc (2011, 1, 1));
  g_assert_cmpint (scene->range_end, >, utc (2024, 12, 11));
  g_clear_object (&scene);

  sitmap_view_state_set_hidden_categories (view_state, 1u << SITMAP_CATEGORY_BATTLE);
  filtered = exported_subtitle (view_state, NULL);
  /* Without the battles, the last event shown is Blinken's statement of the 9th. */
  expected = g_strdup_printf ("All dates, from 2011 to 9 December 2024 · %u of 10 events, filtered (1 open-ended, "
                              "2 undated)",
                              sitmap_view_state_get_n_visible (view_state));
  g_assert_cmpstr (filtered, ==, expected);
  g_clear_pointer (&expected, g_free);

  sitmap_view_state_set_hidden_categories (view_state, 0);
  sitmap_view_state_set_range (view_state, utc (2024, 12, 7), utc (2024, 12, 11));
  ranged = exported_subtitle (view_state, &scene);
  /* The Badia's "since 2019" overlaps it too, and has no end. */
  expected = g_strdup_printf ("7 December 2024 to 10 December 2024 · %u of 10 events overlapping (1 open-ended)",
                              sitmap_view_state_get_n_visible (view_state));
  g_assert_cmpstr (ranged, ==, expected);
  g_assert_true (scene->has_range);
  g_assert_cmpint (scene->range_start, ==, utc (2024, 12, 7));
}

/* Events known only to the month, a year, or not dated at all: no day is invented. */
static void
test_subtitle_uncertain (void)
{
  const MapTestEvent undated[] = {
    { "a", "First", SITMAP_CATEGORY_BATTLE, 34.7, 36.7, NULL, NULL, SITMAP_LOCATION_PRECISION_TOWN },
    { "b", "Second", SITMAP_CATEGORY_BATTLE, 34.6, 38.3, NULL, NULL, SITMAP_LOCATION_PRECISION_TOWN },
    { "c", "Third", SITMAP_CATEGORY_STATEMENT, NAN, NAN, NULL, NULL, SITMAP_LOCATION_PRECISION_NONE },
  };
  const MapTestEvent months[] = {
    { "a", "In March", SITMAP_CATEGORY_BATTLE, 34.7, 36.7, "2019-03", NULL, SITMAP_LOCATION_PRECISION_TOWN },
    { "b", "Since 2020", SITMAP_CATEGORY_CONTEXT, 34.6, 38.3, "2020", "", SITMAP_LOCATION_PRECISION_TOWN },
  };
  const MapTestEvent one_month[] = {
    { "a", "In March", SITMAP_CATEGORY_BATTLE, 34.7, 36.7, "2019-03", NULL, SITMAP_LOCATION_PRECISION_TOWN },
  };
  g_autoptr (SitmapViewState) none_dated = view_state_for (undated, G_N_ELEMENTS (undated));
  g_autoptr (SitmapViewState) vague = view_state_for (months, G_N_ELEMENTS (months));
  g_autoptr (SitmapViewState) march = view_state_for (one_month, G_N_ELEMENTS (one_month));
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autofree char *a = exported_subtitle (none_dated, &scene);
  g_autofree char *b = exported_subtitle (vague, NULL);
  g_autofree char *c = exported_subtitle (march, NULL);

  g_assert_cmpstr (a, ==, "3 events (all undated)");
  /* No strip of a time that nothing on the page has; not a part the page had no room for. */
  g_assert_false (sitmap_export_scene_get_options (scene)->include & SITMAP_EXPORT_TIMELINE);
  g_assert_cmpuint (sitmap_export_scene_get_dropped (scene), ==, 0);
  g_assert_cmpstr (b, ==, "All dates, from March 2019 to 2020 · 2 events (1 open-ended)");
  g_assert_cmpstr (c, ==, "All dates, in March 2019 · 1 event");
}

/* Every font size pdftohtml finds in a PDF, in points (it rounds them to whole points). */
static GArray *
pdf_font_sizes (GBytes *pdf)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-legible-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "page.pdf", NULL);
  g_autofree char *xml = NULL;
  const char      *argv[] = { "pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", path, NULL };
  GArray          *sizes = g_array_new (FALSE, FALSE, sizeof (int));

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_cmpint (run_tool (argv, &xml), ==, 0);
  for (const char *p = strstr (xml, "<fontspec "); p != NULL; p = strstr (p + 1, "<fontspec "))
    {
      const char *size = strstr (p, " size=\"");
      int         value;

      g_assert_nonnull (size);
      value = atoi (size + strlen (" size=\""));
      g_array_append_val (sizes, value);
    }
  g_remove (path);
  g_rmdir (dir);
  return sizes;
}

/* The PDF's page as an image at dpi, as pdftoppm draws it. */
static GdkTexture *
pdf_to_texture (GBytes *pdf, int dpi)
{
  g_autofree char *dir = g_dir_make_tmp ("sitmap-legible-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "page.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_build_filename (dir, "page-1.png", NULL);
  g_autofree char *resolution = g_strdup_printf ("%d", dpi);
  const char      *argv[] = { "pdftoppm", "-r", resolution, "-png", path, prefix, NULL };
  g_autoptr (GFile) file = g_file_new_for_path (png);
  g_autoptr (GError) error = NULL;
  GdkTexture *texture;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_cmpint (run_tool (argv, NULL), ==, 0);
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_remove (path);
  g_remove (png);
  g_rmdir (dir);
  return texture;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The typical height, in pixels, of the blobs of dark ink (the offline basemap's names: dark grey letters
 * on a white halo; the towns' dots, of the same size, come with them) inside the rectangle: one pass,
 * a flood fill per blob. Blobs too small or too wide for a letter are not counted. */
static double
letter_height (GdkTexture *texture, int x0, int y0, int x1, int y1, guint *n_letters)
{
  int                width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize)width * height * 4);
  g_autofree guint8 *seen = g_malloc0 ((gsize)width * height);
  g_autoptr (GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint64));

  gdk_texture_download (texture, data, width * 4);
  x0 = MAX (x0, 0), y0 = MAX (y0, 0), x1 = MIN (x1, width), y1 = MIN (y1, height);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        gsize i = (gsize)y * width + x;
        const guchar *p = data + i * 4;

        /* B G R A; the basemap's name ink is 0x3d3846, its lightest antialiasing kept out. */
        seen[i] = (54 * p[2] + 183 * p[1] + 19 * p[0]) / 256 < 105 ? 1 : 2;
      }
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        int    bx0 = x, by0 = y, bx1 = x, by1 = y;
        gint64 start = (gint64)y * width + x;

        if (seen[start] != 1)
          continue;
        seen[start] = 3;
        g_array_set_size (stack, 0);
        g_array_append_val (stack, start);
        while (stack->len > 0)
          {
            gint64 at = g_array_index (stack, gint64, stack->len - 1);
            int    ax = at % width, ay = at / width;

            g_array_set_size (stack, stack->len - 1);
            bx0 = MIN (bx0, ax), bx1 = MAX (bx1, ax), by0 = MIN (by0, ay), by1 = MAX (by1, ay);
            for (int dy = -1; dy <= 1; dy++)
              for (int dx = -1; dx <= 1; dx++)
                {
                  int    nx = ax + dx, ny = ay + dy;
                  gint64 next = (gint64)ny * width + nx;

                  if (nx < x0 || ny < y0 || nx >= x1 || ny >= y1 || seen[next] != 1)
                    continue;
                  seen[next] = 3;
                  g_array_append_val (stack, next);
                }
          }
        {
          double h = by1 - by0 + 1, w = bx1 - bx0 + 1;

          if (h >= 3 && w <= 3 * h)
            g_array_append_val (heights, h);
        }
      }
  *n_letters = heights->len;
  if (heights->len == 0)
    return 0;
  /* The middle half's mean: finer than a median of whole pixels, and blind to the odd dot or ligature. */
  g_array_sort (heights, compare_doubles);
  {
    double sum = 0;
    guint  from = heights->len / 4, to = MAX (3 * heights->len / 4, from + 1);

    for (guint i = from; i < to; i++)
      sum += g_array_index (heights, double, i);
    return sum / (to - from);
  }
}

/* An empty document: the page's map is the basemap alone, whose names are what is measured. */
static SitmapViewState *
empty_view_state (void)
{
  return view_state_for (NULL, 0);
}

/* The basemap's names at 1:1: a screen page whose tiles are its pixels, drawn four times as large so
 * that letters are measured finely: the median height of their letters, in the tiles' pixels. */
static double
names_at_one_to_one (SitmapViewState *view_state)
{
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  guint            n;
  double           h;

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  options.zoom = 7;
  options.include = 0;
  scene = export_test_scene_with_tiles (view_state, &options);
  g_assert_cmpint (sitmap_export_scene_get_tile_zoom (scene), ==, 7);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options.width * 4, options.height * 4);
  cr = cairo_create (surface);
  cairo_scale (cr, 4, 4);
  sitmap_export_scene_draw (scene, cr, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize)cairo_image_surface_get_stride (surface) * options.height * 4);
  texture = gdk_memory_texture_new (options.width * 4, options.height * 4, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  h = letter_height (texture, 4 * (scene->map.x + 10), 4 * (scene->map.y + 10),
                            4 * (scene->map.x + scene->map.width - 10), 4 * (scene->map.y + scene->map.height - 40),
                            &n);
  g_assert_cmpuint (n, >, 200);
  return h / 4;
}

/* A page of paper is read at its size: no text on it under 6 pt, its vector text (every font the PDF
 * has) and the basemap's names in its tiles (measured from the page's pixels) alike; at A4 and Letter,
 * 150 and 300 dpi, PDF and PNG, portrait and landscape; at zoom 6.5, and at 6.62, where tiles of zoom 7
 * are only just large enough. SITMAP_SCREENSHOT_DIR=folder saves the pages. */
static void
test_legible_on_paper (void)
{
  static const struct
  {
    SitmapExportSize   size;
    gboolean           landscape;
    SitmapExportFormat format;
    double             zoom;
  } cases[] = {
    { SITMAP_EXPORT_SIZE_A4_300, FALSE, SITMAP_EXPORT_PDF, 6.5 },
    { SITMAP_EXPORT_SIZE_A4_300, FALSE, SITMAP_EXPORT_PNG, 6.62 },
    { SITMAP_EXPORT_SIZE_LETTER_150, TRUE, SITMAP_EXPORT_PNG, 6.5 },
    { SITMAP_EXPORT_SIZE_LETTER_300, TRUE, SITMAP_EXPORT_PDF, 6.62 },
  };
  g_autoptr (SitmapViewState) demo = export_test_load_demo ();
  g_autoptr (SitmapViewState) empty = empty_view_state ();
  /* The basemap's names are 10.5 to 12.5 of its pixels: on paper, a tile pixel of 6 / 10.5 pt or more
   * prints the smallest at 6 pt. (The measure reads a few hundredths high, against the nominal scale.) */
  double      one_to_one = names_at_one_to_one (empty), min_points_per_tile_pixel = 6.0 / 10.5;
  const char *shots = g_getenv ("SITMAP_SCREENSHOT_DIR");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (SitmapExportOptions) options = { 0 };
      g_autoptr (SitmapExportScene) page = NULL;
      g_autoptr (SitmapExportScene) basemap = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GdkTexture) texture = NULL;
      g_autoptr (GError) error = NULL;
      double dpi, points_per_pixel, letter;
      guint  n;

      /* Every text of the page: the title, the legend, numbers, names, notes, timeline, footer. */
      export_test_options_for (&options, cases[i].size, cases[i].landscape, cases[i].format);
      options.zoom = cases[i].zoom;
      g_assert_true (options.paper);
      page = export_test_scene_with_tiles (demo, &options);
      bytes = sitmap_export_scene_render (page, NULL, &error);
      g_assert_no_error (error);
      if (cases[i].format == SITMAP_EXPORT_PDF)
        {
          g_autoptr (GArray) sizes = pdf_font_sizes (bytes);

          g_assert_cmpuint (sizes->len, >=, 5);
          for (guint k = 0; k < sizes->len; k++)
            g_assert_cmpint (g_array_index (sizes, int, k), >=, 6);
        }
      if (shots != NULL)
        {
          g_autofree char *name = g_strdup_printf ("paper-%u.%s", i, sitmap_export_format_get_extension (options.format));
          g_autofree char *path = g_build_filename (shots, name, NULL);

          g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
        }
      g_clear_pointer (&bytes, g_bytes_unref);

      /* The basemap's names, alone on the same page. */
      options.include = 0;
      basemap = export_test_scene_with_tiles (empty, &options);
      bytes = sitmap_export_scene_render (basemap, NULL, &error);
      g_assert_no_error (error);
      if (cases[i].format == SITMAP_EXPORT_PDF)
        {
          dpi = 300;
          texture = pdf_to_texture (bytes, dpi);
        }
      else
        {
          dpi = 96 * options.scale;
          texture = gdk_texture_new_from_bytes (bytes, &error);
          g_assert_no_error (error);
        }
      points_per_pixel = 72 / dpi;
      {
        double s = dpi / 96, x0 = basemap->map.x * s, y0 = basemap->map.y * s;
        double x1 = (basemap->map.x + basemap->map.width) * s, y1 = (basemap->map.y + basemap->map.height - 40) * s;

        letter = letter_height (texture, x0 + 10 * s, y0 + 10 * s, x1 - 10 * s, y1, &n);
      }
      g_assert_cmpuint (n, >, 100);
      g_test_message ("Case %u: %u letters of %.2f pt, %.3f pt a tile pixel (letters of %.2f tile pixels at 1:1)", i,
                      n, letter * points_per_pixel, letter * points_per_pixel / one_to_one, one_to_one);
      if (letter * points_per_pixel / one_to_one < min_points_per_tile_pixel)
        g_error ("Case %u: the basemap's names print at %.2f pt per tile pixel (letters of %.2f pt), under %.2f",
                 i, letter * points_per_pixel / one_to_one, letter * points_per_pixel, min_points_per_tile_pixel);
    }
}

static gboolean
labels_overlap (const SitmapExportRect *a, const SitmapExportRect *b)
{
  return rects_overlap (a, b->x, b->y, b->width, b->height);
}

static const SitmapExportLabel *
find_annotation_label (SitmapExportScene *scene, const char *text)
{
  for (guint i = 0; i < scene->labels->len; i++)
    {
      const SitmapExportLabel *label = &g_array_index (scene->labels, SitmapExportLabel, i);

      if (label->kind == SITMAP_EXPORT_LABEL_ANNOTATION
          && g_strcmp0 (sitmap_annotation_get_text (g_ptr_array_index (scene->annotations, label->annotation)), text)
                 == 0)
        return label;
    }
  return NULL;
}

/* The demo with an analyst's marks where the issue found them: a red highlight ring around the Sukhna
 * ambush (its note's number by it), a label "Checkpoint (unconfirmed)" east of it and an arrow whose
 * caption "Route" starts at the same place. */
static void
add_crowded_annotations (SitmapDocument *document)
{
  g_autoptr (SitmapAnnotation) ring = sitmap_annotation_new (SITMAP_ANNOTATION_HIGHLIGHT, "annotation-ring");
  g_autoptr (SitmapAnnotation) checkpoint = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "annotation-checkpoint");
  g_autoptr (SitmapAnnotation) route = sitmap_annotation_new (SITMAP_ANNOTATION_ARROW, "annotation-route");

  sitmap_annotation_add_event (ring, "ev-2024-12-10-sukhna");
  sitmap_annotation_set_color (ring, SITMAP_ANNOTATION_COLOR_RED);
  sitmap_annotation_set_width (ring, SITMAP_ANNOTATION_WIDTH_THICK);
  sitmap_annotation_set_text (checkpoint, "Checkpoint (unconfirmed)");
  sitmap_annotation_add_point (checkpoint, 34.95, 39.25);
  sitmap_annotation_set_text (route, "Route");
  sitmap_annotation_add_point (route, 34.97, 39.25);
  sitmap_annotation_add_point (route, 34.75, 39.9);
  sitmap_document_insert_annotation (document, 0, ring);
  sitmap_document_insert_annotation (document, 1, checkpoint);
  sitmap_document_insert_annotation (document, 2, route);
}

/* The notes' numbers and the annotations' texts are placed last: none overlaps another or a panel over
 * the map, each is inside the map, the two texts that would overprint are moved apart (one with a leader
 * back), and on the exported page nothing is drawn over them: where the labels alone are opaque, the
 * page has their very pixels. SITMAP_SCREENSHOT_DIR=folder saves the page. */
static void
test_labels_on_top (void)
{
  g_autoptr (SitmapViewState) view_state = export_test_load_demo ();
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autoptr (GdkTexture) page = NULL;
  const SitmapExportLabel *checkpoint, *route;
  cairo_surface_t         *alone;
  cairo_t                 *cr;
  g_autofree guchar       *pixels = NULL;
  guint                    n_numbers = 0, n_compared = 0, n_off = 0, eight = G_MAXUINT;
  int                      stride;
  const char              *shots = g_getenv ("SITMAP_SCREENSHOT_DIR");

  add_crowded_annotations (sitmap_view_state_get_document (view_state));
  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PNG);
  scene = export_test_scene_with_tiles (view_state, &options);

  for (guint i = 0; i < scene->labels->len; i++)
    {
      const SitmapExportLabel *label = &g_array_index (scene->labels, SitmapExportLabel, i);

      n_numbers += label->kind == SITMAP_EXPORT_LABEL_NUMBER;
      if (label->kind == SITMAP_EXPORT_LABEL_NUMBER && g_strcmp0 (label->text, "8") == 0)
        eight = i;
      g_assert_cmpfloat (label->rect.x, >=, scene->map.x);
      g_assert_cmpfloat (label->rect.y, >=, scene->map.y);
      g_assert_cmpfloat (label->rect.x + label->rect.width, <=, scene->map.x + scene->map.width);
      g_assert_cmpfloat (label->rect.y + label->rect.height, <=, scene->map.y + scene->map.height);
      for (guint k = 0; k < i; k++)
        if (labels_overlap (&label->rect, &g_array_index (scene->labels, SitmapExportLabel, k).rect))
          g_error ("Label %u overlaps label %u", i, k);
      for (guint k = 0; k < scene->panels->len; k++)
        g_assert_false (labels_overlap (&label->rect, &g_array_index (scene->panels, SitmapExportRect, k)));
    }
  /* 1, "2, 5" by the Badia's cluster, 3, 4, 6 and 8: the others have no place on the map. */
  g_assert_cmpuint (n_numbers, >=, 6);
  g_assert_cmpuint (eight, !=, G_MAXUINT);
  checkpoint = find_annotation_label (scene, "Checkpoint (unconfirmed)");
  route = find_annotation_label (scene, "Route");
  g_assert_nonnull (checkpoint);
  g_assert_nonnull (route);
  /* Where the map writes them, they would overprint: one of them moved, with a leader. */
  g_assert_true (checkpoint->leader || route->leader);

  /* The page, and the labels alone on a transparent page of the same size. */
  page = render_texture (scene);
  pixels = g_malloc ((gsize)options.width * options.height * 4);
  gdk_texture_download (page, pixels, options.width * 4);
  alone = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options.width, options.height);
  cr = cairo_create (alone);
  cairo_scale (cr, options.scale, options.scale);
  _sitmap_export_scene_draw_labels (scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (alone);
  stride = cairo_image_surface_get_stride (alone);
  for (int y = 0; y < options.height; y++)
    for (int x = 0; x < options.width; x++)
      {
        const guchar *a = cairo_image_surface_get_data (alone) + y * stride + 4 * x;
        const guchar *b = pixels + ((gsize)y * options.width + x) * 4;

        if (a[3] < 255)
          continue;
        n_compared++;
        n_off += ABS (a[0] - b[0]) > 2 || ABS (a[1] - b[1]) > 2 || ABS (a[2] - b[2]) > 2;
      }
  cairo_surface_destroy (alone);
  if (shots != NULL)
    {
      g_autofree char *path = g_build_filename (shots, "export-labels.png", NULL);
      g_autoptr (GBytes) bytes = gdk_texture_save_to_png_bytes (page);

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    }
  g_assert_cmpuint (n_compared, >, 1000);
  g_assert_cmpuint (n_off, ==, 0);
}

/* Pages from a stamp to a strip, with a few hundred events (a histogram in the timeline strip) and with
 * 200,000, as PNG and PDF: none aborts, each file has the page's size, the strip never has more bins than pixels, and
 * what a page had no room for is said. */
static void
test_tiny_pages (void)
{
  static const int sizes[][2] = {
    { 320, 240 }, { 1, 1 }, { 10, 10 }, { 50, 5000 }, { 5000, 50 }, { 200, 200 }, { 64, 48 }, { 100, 3000 },
  };
  g_autoptr (SitmapDocument) few = map_test_synthetic_document (400, 5);
  g_autoptr (SitmapDocument) many = map_test_synthetic_document (200000, 9);
  SitmapDocument *documents[] = { few, many };

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();

      sitmap_view_state_set_document (view_state, documents[d]);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        /* PNG and PDF: an SVG is the PDF's drawing with its text apart, and cairo 1.16 leaks in SVG
         * surfaces (tests/export/lsan.supp), which this test's stacks could not name. */
        for (SitmapExportFormat format = 0; format < SITMAP_N_EXPORT_FORMATS; format++)
          {
            g_auto (SitmapExportOptions) options = { 0 };
            g_autoptr (SitmapExportScene) scene = NULL;
            g_autoptr (GBytes) bytes = NULL;
            g_autoptr (GError) error = NULL;
            g_autofree char *message = NULL;

            /* The 200,000 events on the smallest pages only, and as PNG: the rest is the same code. */
            if (format == SITMAP_EXPORT_SVG || (d == 1 && (i > 2 || format != SITMAP_EXPORT_PNG)))
              continue;
            export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, format);
            options.width = sizes[i][0];
            options.height = sizes[i][1];
            options.scale = sitmap_export_scale_for_size (options.width, options.height);
            scene = export_test_scene_with_tiles (view_state, &options);
            g_assert_cmpfloat (scene->map.width, >, 0);
            g_assert_cmpfloat (scene->map.height, >, 0);
            g_assert_cmpfloat ((double)scene->n_bins * SITMAP_EXPORT_BIN_PIXELS, <=, scene->page_width);
            bytes = sitmap_export_scene_render (scene, NULL, &error);
            g_assert_no_error (error);
            g_assert_nonnull (bytes);
            if (format == SITMAP_EXPORT_PNG)
              {
                g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (bytes, &error);

                g_assert_no_error (error);
                g_assert_cmpint (gdk_texture_get_width (texture), ==, sizes[i][0]);
                g_assert_cmpint (gdk_texture_get_height (texture), ==, sizes[i][1]);
              }
            /* Every part asked for is on the page, or said to be left out. */
            message = sitmap_export_scene_dup_dropped_message (scene);
            g_assert_cmpuint (sitmap_export_scene_get_dropped (scene) & sitmap_export_scene_get_options (scene)->include,
                              ==, 0);
            g_assert_true ((message != NULL) == (sitmap_export_scene_get_dropped (scene) != 0));
            if (sizes[i][0] == 320)
              {
                /* The page: notes and strip go, and the page says so. */
                g_assert_true (sitmap_export_scene_get_dropped (scene) & SITMAP_EXPORT_NOTES);
                g_assert_true (sitmap_export_scene_get_dropped (scene) & SITMAP_EXPORT_TIMELINE);
                g_assert_nonnull (strstr (message, "source notes"));
                g_assert_nonnull (strstr (message, "timeline strip"));
              }
          }
    }
}

#define MEGABYTE (1024 * 1024)

static void
project_cb (double x, double y, double *out_x, double *out_y, gpointer user_data)
{
  _sitmap_export_scene_world_to_page (user_data, x, y, out_x, out_y);
}

/* A megabyte of words, as a hostile file would have them (or of one word, with no room to wrap). */
static char *
long_text (gboolean words)
{
  GString *text = g_string_sized_new (MEGABYTE + 32);

  while (text->len < MEGABYTE)
    g_string_append (text, words ? "Lorem ipsum dolor sit amet " : "xxxxxxxxxxxxxxxxxxxxxxxxxx");
  return g_string_free (text, FALSE);
}

static gboolean
ends_with_ellipsis (const char *text)
{
  return g_str_has_suffix (text, "…");
}

/* The longest line of a text, in characters. */
static glong
longest_line (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  glong longest = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    longest = MAX (longest, g_utf8_strlen (lines[i], -1));
  return longest;
}

/* A document whose every text is a megabyte: its title, an event's title, its source's name, a place's
 * name, an annotation's words; and a subtitle and attribution as long. Each is cut to what the page
 * shows, with an ellipsis, before it is laid out: the title keeps three lines and the map its room,
 * the notes their lines, and the PDF's text is a page's worth. (How fast: the
 * benchmark export_png_1mb_title_s.) */
static void
test_long_texts (void)
{
  g_autofree char *words = long_text (TRUE);
  g_autofree char *word = long_text (FALSE);
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = sitmap_view_state_new ();
  g_autoptr (SitmapPlace) place = NULL;
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "annotation-long");
  MapTestEvent event = { "long", word, SITMAP_CATEGORY_BATTLE, 34.7, 36.7, "2024-12-10", NULL,
                         SITMAP_LOCATION_PRECISION_TOWN };
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const SitmapExportNote *note;
  double x, y, width, height;

  sitmap_source_set_name (sitmap_document_builder_add_source (builder, "monitor"), words);
  sitmap_source_set_party (sitmap_document_builder_add_source (builder, "party"), TRUE);
  sitmap_document_builder_set_title (builder, word);
  place = sitmap_place_new ("place-long", words, SITMAP_PLACE_KIND_REGION, 34.6, 38.6, NULL);
  sitmap_document_builder_add_place (builder, place);
  map_test_add_event (builder, &event);
  document = sitmap_document_builder_finish (builder);
  sitmap_annotation_set_text (label, words);
  sitmap_annotation_add_point (label, 35.2, 38.0);
  sitmap_document_insert_annotation (document, 0, label);
  sitmap_view_state_set_document (view_state, document);

  export_test_options_for (&options, SITMAP_EXPORT_SIZE_HD, TRUE, SITMAP_EXPORT_PDF);
  scene = sitmap_export_scene_new (view_state, &options, words, TRUE);
  /* The title, cut, kept its place above a map of the page's usual size. */
  g_assert_true (sitmap_export_scene_get_options (scene)->include & SITMAP_EXPORT_TITLE);
  g_assert_cmpuint (sitmap_export_scene_get_dropped (scene), ==, 0);
  g_assert_cmpfloat (scene->header.height, <, 3 * 22 * 1.5 + 14 * 1.5 * 2 + 8);
  g_assert_cmpfloat (scene->map.height, >, 600);
  g_assert_true (ends_with_ellipsis (scene->title));
  g_assert_cmpuint (g_utf8_strlen (scene->title, -1), <, 1000);
  g_assert_true (ends_with_ellipsis (scene->attribution));
  note = &g_array_index (scene->notes, SitmapExportNote, 0);
  g_assert_true (ends_with_ellipsis (note->head));
  g_assert_true (ends_with_ellipsis (note->details));
  g_assert_cmpuint (g_utf8_strlen (g_array_index (scene->places, SitmapExportPlace, 0).name, -1), <, 2000);
  g_assert_true (sitmap_annotation_get_text_box (label, NULL, project_cb, scene, 1.0, NULL, &x, &y, &width, &height, NULL));
  g_assert_cmpfloat (height, <, SITMAP_ANNOTATION_TEXT_MAX_LINES * 14 * 1.5 + 10);

  /* The file: no line of text much longer than the page is wide, and nowhere near a megabyte. */
  pdf = sitmap_export_scene_render (scene, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (pdf), <, MEGABYTE / 2);
  text = pdf_text (pdf, FALSE);
  /* (pdftotext joins texts that share a baseline across the page: a line of it is two texts at most.) */
  g_assert_cmpint (longest_line (text), <, 1000);
  g_assert_cmpuint (strlen (text), <, 20000);
  g_clear_object (&scene);

  /* A subtitle typed as long. */
  options.subtitle = g_strdup (words);
  scene = sitmap_export_scene_new (view_state, &options, "test", TRUE);
  g_assert_true (ends_with_ellipsis (scene->subtitle));
  g_assert_cmpfloat (scene->map.height, >, 600);
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
  g_test_add_func ("/export/scene/subtitle", test_subtitle);
  g_test_add_func ("/export/scene/subtitle-uncertain", test_subtitle_uncertain);
  g_test_add_func ("/export/scene/legible-on-paper", test_legible_on_paper);
  g_test_add_func ("/export/scene/labels-on-top", test_labels_on_top);
  g_test_add_func ("/export/scene/tiny-pages", test_tiny_pages);
  g_test_add_func ("/export/scene/long-texts", test_long_texts);
  return g_test_run ();
}
