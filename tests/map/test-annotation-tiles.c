/* test-annotation-tiles.c: the annotations drawn into tiles by a worker: what an edit draws again, what a
 * zoom comes back with (the synchronous drawing, pixel for pixel), and what a pick finds meanwhile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "map-test-utils.h"
#include "sitmap-annotation-tiles.h"
#include "sitmap-document-builder.h"
#include "sitmap-geometry.h"

/* The area kept drawn: 4 × 4 tiles around the anchor. */
#define AREA_X0 -1000.0
#define AREA_Y0 -700.0
#define AREA_X1 1000.0
#define AREA_Y1 700.0

static SitmapDocument *
make_document (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  SitmapDocument *document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  map_test_add_random_annotations (document, 80, 5, 34, 38, 2, 0.1, 20000);
  return document;
}

/* The map at a zoom (256 × 2^zoom pixels across the world), anchored at 35° N, 39° E. */
static void
view_init (SitmapAnnotationTileView *view, double zoom)
{
  *view = (SitmapAnnotationTileView){ .map_size = 256 * pow (2, zoom), .cos_r = 1, .sin_r = 0, .device_scale = 1 };
  sitmap_mercator_from_lat_lon (35, 39, &view->anchor_x, &view->anchor_y);
}

static void
wait_for (SitmapAnnotationTiles *tiles)
{
  while (sitmap_annotation_tiles_is_busy (tiles))
    g_main_context_iteration (NULL, TRUE);
}

static void
ready_cb (gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

static cairo_surface_t *
draw_synchronously (SitmapDocument *document, const SitmapAnnotationTileView *view, double x0, double y0, int width,
                    int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t         *cr = cairo_create (surface);

  cairo_translate (cr, -x0, -y0);
  sitmap_annotation_draw_all (cr, document, sitmap_annotation_tile_view_project, (gpointer)view, 1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The greatest difference of a channel between a and b, and how many pixels differ. */
static guint
compare_surfaces (cairo_surface_t *a, cairo_surface_t *b, guint *n_differ)
{
  int   width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  guint most = 0;

  *n_differ = 0;
  for (int y = 0; y < height; y++)
    {
      const guint8 *pa = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *pb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < 4 * width; x += 4)
        {
          guint d = 0;

          for (int c = 0; c < 4; c++)
            d = MAX (d, (guint)ABS (pa[x + c] - pb[x + c]));
          most = MAX (most, d);
          *n_differ += d > 0;
        }
    }
  return most;
}

/* Each tile is, byte for byte, what drawing its square synchronously (as an export draws) gives; put
 * together they are the synchronous drawing of the whole area but for antialiasing where cairo cut an
 * edge at a tile's side (it clips the polygons it fills to the surface, which moves where the scan of a
 * slanted edge starts by a sub-sample): a few levels of a channel at a few pixels. */
static void
assert_same_as_synchronous (SitmapAnnotationTiles *tiles, SitmapDocument *document)
{
  const SitmapAnnotationTileView *view = sitmap_annotation_tiles_get_view (tiles);
  GPtrArray                      *list = sitmap_annotation_tiles_get_tiles (tiles);
  int              width = (int)(AREA_X1 - AREA_X0), height = (int)(AREA_Y1 - AREA_Y0);
  cairo_surface_t *joined = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *whole = draw_synchronously (document, view, AREA_X0, AREA_Y0, width, height);
  cairo_t         *cr = cairo_create (joined);
  guint            n_differ, most;

  for (guint i = 0; i < list->len; i++)
    {
      SitmapAnnotationTile *tile = g_ptr_array_index (list, i);
      double           x0 = tile->column * SITMAP_ANNOTATION_TILE_SIZE, y0 = tile->row * SITMAP_ANNOTATION_TILE_SIZE;
      cairo_surface_t *square;

      g_assert_nonnull (tile->surface);
      g_assert_false (tile->dirty);
      square = draw_synchronously (document, view, x0, y0, SITMAP_ANNOTATION_TILE_SIZE, SITMAP_ANNOTATION_TILE_SIZE);
      g_assert_cmpuint (compare_surfaces (tile->surface, square, &n_differ), ==, 0);
      cairo_surface_destroy (square);
      cairo_set_source_surface (cr, tile->surface, x0 - AREA_X0, y0 - AREA_Y0);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (joined);
  most = compare_surfaces (joined, whole, &n_differ);
  g_test_message ("tiles against one drawing: %u pixels differ, by %u at most", n_differ, most);
  g_assert_cmpuint (most, <=, 12);
  g_assert_cmpuint (n_differ, <, (guint)(width * height) / 10000);
  cairo_surface_destroy (joined);
  cairo_surface_destroy (whole);
}

static SitmapAnnotationTile *
tile_at (SitmapAnnotationTiles *tiles, double x, double y)
{
  GPtrArray *list = sitmap_annotation_tiles_get_tiles (tiles);
  int        column = (int)floor (x / SITMAP_ANNOTATION_TILE_SIZE), row = (int)floor (y / SITMAP_ANNOTATION_TILE_SIZE);

  for (guint i = 0; i < list->len; i++)
    {
      SitmapAnnotationTile *tile = g_ptr_array_index (list, i);

      if (tile->column == column && tile->row == row)
        return tile;
    }
  return NULL;
}

static guint
count_dirty (SitmapAnnotationTiles *tiles)
{
  GPtrArray *list = sitmap_annotation_tiles_get_tiles (tiles);
  guint      n = 0;

  for (guint i = 0; i < list->len; i++)
    n += ((SitmapAnnotationTile *)g_ptr_array_index (list, i))->dirty;
  return n;
}

/* Moving one small annotation marks the tiles under where it was and where it is, and no others; the
 * worker draws them again, and the whole is then the synchronous drawing. */
static void
test_edit (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  g_autoptr (SitmapAnnotationTiles) tiles = NULL;
  g_autoptr (SitmapAnnotationScene) scene = NULL;
  g_autoptr (SitmapAnnotationScene) same = NULL;
  g_autoptr (SitmapAnnotationScene) edited = NULL;
  g_autoptr (SitmapAnnotationScene) left_out = NULL;
  g_autoptr (SitmapAnnotationScene) dragged = NULL;
  g_autoptr (SitmapAnnotation) arrow = sitmap_annotation_new (SITMAP_ANNOTATION_ARROW, "moved");
  SitmapAnnotationTileView view;
  double                   x, y, mx, my;
  guint                    n_ready = 0;

  view_init (&view, 9);
  /* A short arrow in a corner of the area, moved a little: one tile, then another beside it. */
  sitmap_annotation_add_point (arrow, 35.9, 37.5);
  sitmap_annotation_add_point (arrow, 35.91, 37.52);
  sitmap_annotation_get_mercator (arrow, 0, &mx, &my);
  sitmap_document_insert_annotation (document, 80, arrow);
  sitmap_annotation_tile_view_project (mx, my, &x, &y, &view);
  g_assert_cmpfloat (x, <, AREA_X0 + 500);
  g_assert_cmpfloat (y, <, -300);

  tiles = sitmap_annotation_tiles_new (ready_cb, &n_ready);
  sitmap_annotation_tiles_set_view (tiles, &view);
  scene = sitmap_annotation_scene_new (document, NULL, NULL);
  sitmap_annotation_tiles_set_scene (tiles, scene);
  sitmap_annotation_tiles_request (tiles, AREA_X0, AREA_Y0, AREA_X1, AREA_Y1);
  g_assert_cmpuint (sitmap_annotation_tiles_get_tiles (tiles)->len, ==, 16);
  wait_for (tiles);
  g_assert_cmpuint (n_ready, >=, 1);
  assert_same_as_synchronous (tiles, document);

  /* Nothing changed: nothing to draw. */
  same = sitmap_annotation_scene_new (document, NULL, scene);
  sitmap_annotation_tiles_set_scene (tiles, same);
  g_assert_cmpuint (count_dirty (tiles), ==, 0);
  g_assert_false (sitmap_annotation_tiles_is_busy (tiles));

  sitmap_annotation_translate (arrow, 600.0 / view.map_size, 0);
  edited = sitmap_annotation_scene_new (document, NULL, same);
  sitmap_annotation_tiles_set_scene (tiles, edited);
  g_assert_true (tile_at (tiles, x, y)->dirty);
  g_assert_true (tile_at (tiles, x + 600, y)->dirty);
  g_assert_false (tile_at (tiles, AREA_X1 - 1, AREA_Y1 - 1)->dirty);
  g_assert_false (tile_at (tiles, x, AREA_Y1 - 1)->dirty);
  g_assert_cmpuint (count_dirty (tiles), <=, 4);
  /* Meanwhile the index lags the scene: a pick says so, and the caller asks each annotation. */
  {
    gboolean known = TRUE;

    sitmap_annotation_tiles_pick (tiles, x, y, 4, &known);
    g_assert_false (known);
  }
  wait_for (tiles);
  g_assert_cmpuint (count_dirty (tiles), ==, 0);
  assert_same_as_synchronous (tiles, document);

  /* Selected, the arrow is left out of the tiles (the layer draws it above them): its tiles are drawn
   * again without it, and then dragging it changes the scene in nothing. */
  left_out = sitmap_annotation_scene_new (document, arrow, edited);
  sitmap_annotation_tiles_set_scene (tiles, left_out);
  g_assert_true (tile_at (tiles, x + 600, y)->dirty);
  g_assert_false (tile_at (tiles, AREA_X1 - 1, AREA_Y1 - 1)->dirty);
  g_assert_cmpuint (count_dirty (tiles), <=, 4);
  wait_for (tiles);
  sitmap_annotation_translate (arrow, 40.0 / view.map_size, 0);
  dragged = sitmap_annotation_scene_new (document, arrow, left_out);
  sitmap_annotation_tiles_set_scene (tiles, dragged);
  g_assert_cmpuint (count_dirty (tiles), ==, 0);
  g_assert_false (sitmap_annotation_tiles_is_busy (tiles));
}

/* After a zoom the old drawing is kept (to be scaled into place), the new one equals the synchronous
 * drawing pixel for pixel, and picks through it find what testing each annotation finds. */
static void
test_zoom (void)
{
  g_autoptr (SitmapDocument) document = make_document ();
  g_autoptr (SitmapAnnotationTiles) tiles = sitmap_annotation_tiles_new (NULL, NULL);
  g_autoptr (SitmapAnnotationScene) scene = sitmap_annotation_scene_new (document, NULL, NULL);
  SitmapAnnotationTileView view, zoomed, previous_view;
  GListModel              *annotations = sitmap_document_get_annotations (document);
  GPtrArray               *previous;
  cairo_matrix_t           matrix;
  double                   mx, my, ax, ay, bx, by;
  guint                    n_found = 0;

  view_init (&view, 8);
  sitmap_annotation_tiles_set_view (tiles, &view);
  sitmap_annotation_tiles_set_scene (tiles, scene);
  sitmap_annotation_tiles_request (tiles, AREA_X0, AREA_Y0, AREA_X1, AREA_Y1);
  wait_for (tiles);
  g_assert_null (sitmap_annotation_tiles_get_previous (tiles, NULL));

  view_init (&zoomed, 9.5);
  sitmap_mercator_from_lat_lon (35.2, 39.1, &zoomed.anchor_x, &zoomed.anchor_y);
  sitmap_annotation_tiles_set_view (tiles, &zoomed);
  sitmap_annotation_tiles_request (tiles, AREA_X0, AREA_Y0, AREA_X1, AREA_Y1);
  previous = sitmap_annotation_tiles_get_previous (tiles, &previous_view);
  g_assert_nonnull (previous);
  g_assert_cmpuint (previous->len, ==, 16);
  g_assert_true (sitmap_annotation_tile_view_equal (&previous_view, &view));
  /* The old drawing's point of a place lands on the new drawing's. */
  sitmap_mercator_from_lat_lon (34.7, 39.6, &mx, &my);
  sitmap_annotation_tile_view_project (mx, my, &ax, &ay, &view);
  sitmap_annotation_tile_view_project (mx, my, &bx, &by, &zoomed);
  sitmap_annotation_tile_view_transform (&view, &zoomed, &matrix);
  cairo_matrix_transform_point (&matrix, &ax, &ay);
  g_assert_cmpfloat_with_epsilon (ax, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ay, by, 1e-6);

  wait_for (tiles);
  assert_same_as_synchronous (tiles, document);
  for (double y = AREA_Y0; y < AREA_Y1; y += 13)
    for (double x = AREA_X0; x < AREA_X1; x += 13)
      {
        SitmapAnnotation *expected = NULL, *found;
        gboolean          known;

        for (guint i = g_list_model_get_n_items (annotations); i-- > 0 && expected == NULL;)
          {
            g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);

            if (sitmap_annotation_hit (annotation, document, sitmap_annotation_tile_view_project, &zoomed, 1, NULL,
                                       FALSE, x, y, 4, NULL)
                != SITMAP_ANNOTATION_HIT_NONE)
              expected = annotation;
          }
        found = sitmap_annotation_tiles_pick (tiles, x, y, 4, &known);
        g_assert_true (known);
        g_assert_cmpstr (found != NULL ? sitmap_annotation_get_id (found) : NULL, ==,
                         expected != NULL ? sitmap_annotation_get_id (expected) : NULL);
        n_found += expected != NULL;
      }
  g_assert_cmpuint (n_found, >, 50);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/annotation-tiles/edit", test_edit);
  g_test_add_func ("/annotation-tiles/zoom", test_zoom);
  return g_test_run ();
}
