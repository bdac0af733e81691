/* test-shape-draw.c: the one drawing of events' areas, lines and vague circles, shared by the map and
 * exports: their outlines projected as each side projects them, and the pixels they draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-document-builder.h"
#include "sitmap-shape-draw.h"
#include "sitmap-symbol.h"

#define SIZE 200

/* 34°–36° N, 38°–40° E on the image. */
typedef struct
{
  double x0, y0, x1, y1;
} Page;

static void
project_cb (double x, double y, double *out_x, double *out_y, gpointer user_data)
{
  const Page *page = user_data;

  *out_x = (x - page->x0) / (page->x1 - page->x0) * SIZE;
  *out_y = (y - page->y0) / (page->y1 - page->y0) * SIZE;
}

static void
page_init (Page *page)
{
  sitmap_mercator_from_lat_lon (36, 38, &page->x0, &page->y0);
  sitmap_mercator_from_lat_lon (34, 40, &page->x1, &page->y1);
}

/* One event located by a polygon (or a line) of the given longitudes and latitudes. */
static SitmapDocument *
shape_document (SitmapGeometryKind kind, const double *lon_lat, guint n)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("shape");
  draft.category = SITMAP_CATEGORY_BATTLE;
  g_assert_true (sitmap_time_init_instant (&draft.time, "2024-12-01", NULL));
  draft.geometry = sitmap_geometry_new (kind);
  for (guint i = 0; i < n; i++)
    sitmap_geometry_add_point (draft.geometry, lon_lat[2 * i], lon_lat[2 * i + 1]);
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static const SitmapShape *
only_shape (SitmapShapeTable *table)
{
  guint n_shapes;
  const SitmapShape *shapes = sitmap_shape_table_get_shapes (table, &n_shapes);

  g_assert_cmpuint (n_shapes, ==, 1);
  return &shapes[0];
}

/* On screen, vertices closer than half a pixel to the last one kept are left out, never a ring's first or
 * last; a page keeps every one. */
static void
test_outline_thinning (void)
{
  /* A square with two corners a hair apart (a thousandth of a degree: a tenth of a pixel here). */
  static const double square[] = { 38.5, 35.5, 38.501, 35.5, 39.5, 35.5, 39.5, 34.5, 38.5, 34.5, 38.5, 35.5 };
  g_autoptr (SitmapDocument) document = shape_document (SITMAP_GEOMETRY_POLYGON, square, 6);
  g_autoptr (SitmapShapeTable) table = sitmap_shape_table_new (document);
  const SitmapShape *shape = only_shape (table);
  SitmapShapeOutline screen, page_outline;
  guint n_ring;
  Page page;

  page_init (&page);
  g_assert_cmpint (shape->kind, ==, SITMAP_SHAPE_AREA);
  sitmap_shape_table_get_ring (table, shape->path, 0, &n_ring);
  sitmap_shape_outline_init (&screen);
  sitmap_shape_outline_init (&page_outline);
  sitmap_shape_outline_project (&screen, table, shape->path, project_cb, &page, 0.5);
  sitmap_shape_outline_project (&page_outline, table, shape->path, project_cb, &page, 0);
  g_assert_cmpuint (page_outline.ring_ends->len, ==, 1);
  g_assert_cmpuint (g_array_index (page_outline.ring_ends, guint, 0), ==, n_ring);
  g_assert_cmpuint (g_array_index (screen.ring_ends, guint, 0), ==, n_ring - 1);
  /* The same first and last points either way, where the page puts them. */
  g_assert_cmpfloat_with_epsilon (g_array_index (screen.points, double, 0), SIZE / 4.0, 1e-6);
  g_assert_cmpfloat (g_array_index (screen.points, double, screen.points->len - 2), ==,
                     g_array_index (page_outline.points, double, page_outline.points->len - 2));
  /* Near its sides, not far inside; a closed ring's last side counts. */
  g_assert_true (sitmap_shape_outline_is_near (&screen, SIZE / 2.0, SIZE / 4.0 + 3, 4, TRUE));
  g_assert_false (sitmap_shape_outline_is_near (&screen, SIZE / 2.0, SIZE / 2.0, 4, TRUE));
  sitmap_shape_outline_clear (&screen);
  sitmap_shape_outline_clear (&page_outline);
}

static guint32
pixel (cairo_surface_t *surface, int x, int y)
{
  return *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x);
}

static cairo_surface_t *
draw_area (SitmapShapeTable *table, const SitmapShape *shape, gboolean party_only)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t *cr = cairo_create (surface);
  SitmapShapeOutline outline;
  Page page;

  page_init (&page);
  sitmap_shape_outline_init (&outline);
  sitmap_shape_outline_project (&outline, table, shape->path, project_cb, &page, 0);
  sitmap_shape_draw_area (cr, &outline, SITMAP_CATEGORY_BATTLE, party_only);
  /* It leaves cr as it found it. */
  g_assert_cmpint (cairo_get_dash_count (cr), ==, 0);
  g_assert_cmpfloat (cairo_get_line_width (cr), ==, 2);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  sitmap_shape_outline_clear (&outline);
  return surface;
}

/* A faint wash of the category inside, an opaque outline on its edge, nothing outside; dashed, the
 * outline has gaps where the solid one has none. */
static void
test_area_pixels (void)
{
  static const double square[] = { 38.5, 35.5, 39.5, 35.5, 39.5, 34.5, 38.5, 34.5, 38.5, 35.5 };
  g_autoptr (SitmapDocument) document = shape_document (SITMAP_GEOMETRY_POLYGON, square, 5);
  g_autoptr (SitmapShapeTable) table = sitmap_shape_table_new (document);
  cairo_surface_t *solid = draw_area (table, only_shape (table), FALSE);
  cairo_surface_t *dashed = draw_area (table, only_shape (table), TRUE);
  guint gaps_solid = 0, gaps_dashed = 0;
  int edge;

  edge = (int) round (SIZE / 4.0);
  g_assert_cmpuint (pixel (solid, 5, 5) >> 24, ==, 0);
  g_assert_cmpuint (pixel (solid, SIZE / 2, SIZE / 2) >> 24, >, 10);
  g_assert_cmpuint (pixel (solid, SIZE / 2, SIZE / 2) >> 24, <, 60);
  for (int x = edge + 4; x < SIZE - edge - 4; x++)
    {
      gaps_solid += pixel (solid, x, edge) >> 24 < 200;
      gaps_dashed += pixel (dashed, x, edge) >> 24 < 200;
    }
  g_assert_cmpuint (gaps_solid, ==, 0);
  g_assert_cmpuint (gaps_dashed, >, 10);
  cairo_surface_destroy (solid);
  cairo_surface_destroy (dashed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shape-draw/outline-thinning", test_outline_thinning);
  g_test_add_func ("/shape-draw/area-pixels", test_area_pixels);
  return g_test_run ();
}
