/* test-annotation-draw.c: the one cairo drawing of annotations that the map and exports share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "map-test-utils.h"
#include "sitmap-annotation-draw.h"
#include "sitmap-document-builder.h"
#include "sitmap-geometry.h"

#define SIZE 400

/* A page that shows 34°–36° N, 38°–40° E on SIZE × SIZE pixels (Mercator, so not quite square). */
typedef struct
{
  double x0, y0, x1, y1;
} Page;

static void
page_init (Page *page)
{
  sitmap_mercator_from_lat_lon (36, 38, &page->x0, &page->y0);
  sitmap_mercator_from_lat_lon (34, 40, &page->x1, &page->y1);
}

/* A page of SIZE × SIZE pixels centred on 35° N, 39° E at a map zoom (256 × 2^zoom pixels across the world). */
static void
page_init_at_zoom (Page *page, double zoom)
{
  double cx, cy, half = SIZE / 2.0 / (256 * pow (2, zoom));

  sitmap_mercator_from_lat_lon (35, 39, &cx, &cy);
  page->x0 = cx - half, page->x1 = cx + half;
  page->y0 = cy - half, page->y1 = cy + half;
}

static void
project_cb (double x, double y, double *out_x, double *out_y, gpointer user_data)
{
  Page *page = user_data;

  *out_x = (x - page->x0) / (page->x1 - page->x0) * SIZE;
  *out_y = (y - page->y0) / (page->y1 - page->y0) * SIZE;
}

static void
to_page (Page *page, double latitude, double longitude, double *x, double *y)
{
  double mx, my;

  sitmap_mercator_from_lat_lon (latitude, longitude, &mx, &my);
  project_cb (mx, my, x, y, page);
}

static cairo_surface_t *
render_on (Page *page, SitmapAnnotation *annotation, SitmapDocument *document, double scale,
           SitmapAnnotationDrawFlags flags)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t         *cr = cairo_create (surface);

  sitmap_annotation_draw (cr, annotation, document, project_cb, page, scale, flags);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render (SitmapAnnotation *annotation, SitmapDocument *document, double scale, SitmapAnnotationDrawFlags flags)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t         *cr = cairo_create (surface);
  Page             page;

  page_init (&page);
  sitmap_annotation_draw (cr, annotation, document, project_cb, &page, scale, flags);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The colour at (x, y), unpremultiplied, as 0xRRGGBB; alpha apart. */
static guint32
pixel (cairo_surface_t *surface, int x, int y, guint8 *alpha)
{
  guint32 argb
      = *(guint32 *)(cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x);
  guint8 a = argb >> 24;

  *alpha = a;
  if (a == 0)
    return 0;
  return ((((argb >> 16) & 0xff) * 255 / a) << 16) | ((((argb >> 8) & 0xff) * 255 / a) << 8)
         | ((argb & 0xff) * 255 / a);
}

/* Pixels within radius of (x, y) whose colour is near rgb, opaque. */
static guint
count_color (cairo_surface_t *surface, double x, double y, int radius, guint32 rgb)
{
  guint count = 0;

  for (int py = MAX (0, (int)y - radius); py <= MIN (SIZE - 1, (int)y + radius); py++)
    for (int px = MAX (0, (int)x - radius); px <= MIN (SIZE - 1, (int)x + radius); px++)
      {
        guint8  a;
        guint32 c = pixel (surface, px, py, &a);

        if (a > 200 && abs ((int)(c >> 16) - (int)(rgb >> 16)) < 24
            && abs ((int)((c >> 8) & 0xff) - (int)((rgb >> 8) & 0xff)) < 24
            && abs ((int)(c & 0xff) - (int)(rgb & 0xff)) < 24)
          count++;
      }
  return count;
}

static SitmapAnnotation *
make_arrow (void)
{
  SitmapAnnotation *arrow = sitmap_annotation_new (SITMAP_ANNOTATION_ARROW, "a");

  sitmap_annotation_add_point (arrow, 35.5, 38.5);
  sitmap_annotation_add_point (arrow, 34.5, 39.5);
  return arrow;
}

/* Drawn where the projection says, in its colour, over a casing; nothing far from it. */
static void
test_arrow_pixels (void)
{
  g_autoptr (SitmapAnnotation) arrow = make_arrow ();
  cairo_surface_t *surface;
  Page             page;
  double           x0, y0, x1, y1;

  page_init (&page);
  to_page (&page, 35.5, 38.5, &x0, &y0);
  to_page (&page, 34.5, 39.5, &x1, &y1);
  sitmap_annotation_set_color (arrow, SITMAP_ANNOTATION_COLOR_ORANGE);
  surface = render (arrow, NULL, 1, 0);
  g_assert_cmpuint (count_color (surface, (x0 + x1) / 2, (y0 + y1) / 2, 3, 0xe66100), >, 4);
  g_assert_cmpuint (count_color (surface, (x0 + x1) / 2, (y0 + y1) / 2, 5, 0xffffff), >, 2);
  /* The head is filled: solid ink just behind the point. */
  g_assert_cmpuint (count_color (surface, x1 - 6, y1 - 6, 3, 0xe66100), >, 10);
  g_assert_cmpuint (count_color (surface, x0, y1, 20, 0xe66100), ==, 0);
  cairo_surface_destroy (surface);

  /* A thicker line at a larger scale paints more. */
  {
    cairo_surface_t *thin = render (arrow, NULL, 1, 0);
    cairo_surface_t *thick = NULL;
    guint            n_thin = count_color (thin, (x0 + x1) / 2, (y0 + y1) / 2, 10, 0xe66100);

    sitmap_annotation_set_width (arrow, SITMAP_ANNOTATION_WIDTH_THICK);
    thick = render (arrow, NULL, 2, 0);
    g_assert_cmpuint (count_color (thick, (x0 + x1) / 2, (y0 + y1) / 2, 10, 0xe66100), >, 2 * n_thin);
    cairo_surface_destroy (thin);
    cairo_surface_destroy (thick);
  }
}

/* A circle's ring is at its radius on the ground, whatever the projection stretches. */
static void
test_circle_ring (void)
{
  g_autoptr (SitmapAnnotation) circle = sitmap_annotation_new (SITMAP_ANNOTATION_CIRCLE, "c");
  cairo_surface_t *surface;
  double           north_latitude, north_longitude, x, y, cx, cy;
  Page             page;

  page_init (&page);
  sitmap_annotation_add_point (circle, 35, 39);
  sitmap_annotation_set_radius (circle, 50000);
  surface = render (circle, NULL, 1, 0);
  sitmap_geodesic_destination (35, 39, 0, 50000, &north_latitude, &north_longitude);
  to_page (&page, north_latitude, north_longitude, &x, &y);
  g_assert_cmpuint (count_color (surface, x, y, 3, 0x1a5fb4), >, 4);
  /* The inside is only tinted: the map shows through. */
  to_page (&page, 35, 39, &cx, &cy);
  {
    guint8 alpha;

    pixel (surface, (int)cx, (int)cy, &alpha);
    g_assert_cmpuint (alpha, >, 10);
    g_assert_cmpuint (alpha, <, 80);
  }
  cairo_surface_destroy (surface);
}

static void
test_hit (void)
{
  g_autoptr (SitmapAnnotation) arrow = make_arrow ();
  Page   page;
  double x0, y0, x1, y1;
  guint  handle = 99;

  page_init (&page);
  to_page (&page, 35.5, 38.5, &x0, &y0);
  to_page (&page, 34.5, 39.5, &x1, &y1);
  g_assert_cmpint (
      sitmap_annotation_hit (arrow, NULL, project_cb, &page, 1, NULL, FALSE, (x0 + x1) / 2, (y0 + y1) / 2 + 2, 4, NULL),
      ==, SITMAP_ANNOTATION_HIT_BODY);
  g_assert_cmpint (sitmap_annotation_hit (arrow, NULL, project_cb, &page, 1, NULL, FALSE, x0, y1, 4, NULL), ==,
                   SITMAP_ANNOTATION_HIT_NONE);
  /* Handles only on the selection. */
  g_assert_cmpint (sitmap_annotation_hit (arrow, NULL, project_cb, &page, 1, NULL, FALSE, x1, y1, 4, &handle), ==,
                   SITMAP_ANNOTATION_HIT_BODY);
  g_assert_cmpint (sitmap_annotation_hit (arrow, NULL, project_cb, &page, 1, NULL, TRUE, x1 + 3, y1, 4, &handle), ==,
                   SITMAP_ANNOTATION_HIT_HANDLE);
  g_assert_cmpuint (handle, ==, 1);
}

/* A label's plate holds its words: it grows with them, and is hit anywhere on it. */
static void
test_label (void)
{
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "l");
  double           x, y, w_short, w_long, h, px, py;
  cairo_surface_t *surface;
  Page             page;

  page_init (&page);
  sitmap_annotation_add_point (label, 35, 39);
  sitmap_annotation_set_text (label, "Hama");
  g_assert_true (sitmap_annotation_get_bounds (label, NULL, project_cb, &page, 1, NULL, &x, &y, &w_short, &h));
  sitmap_annotation_set_text (label, "Hama <b>offensive</b> & more");
  g_assert_true (sitmap_annotation_get_bounds (label, NULL, project_cb, &page, 1, NULL, &x, &y, &w_long, &h));
  g_assert_cmpfloat (w_long, >, 2 * w_short);
  to_page (&page, 35, 39, &px, &py);
  g_assert_cmpfloat (x, <, px);
  g_assert_cmpfloat (x + w_long, >, px);
  g_assert_cmpint (sitmap_annotation_hit (label, NULL, project_cb, &page, 1, NULL, FALSE, x + 3, y + 3, 0, NULL), ==,
                   SITMAP_ANNOTATION_HIT_TEXT);
  /* Drawn: ink (the text, red by default) on a white plate. */
  surface = render (label, NULL, 1, 0);
  g_assert_cmpuint (count_color (surface, px, py, 30, 0xc01c28), >, 20);
  g_assert_cmpuint (count_color (surface, px, py, 30, 0xffffff), >, 100);
  cairo_surface_destroy (surface);
}

/* A label of a megabyte (a hostile file's): its plate holds at most SITMAP_ANNOTATION_TEXT_MAX_LINES
 * lines, ending in an ellipsis, and the text is cut before it is laid out, so that drawing the map does
 * not stall on it; many short lines are as many paragraphs, and are cut too. Drawn without its text
 * (SITMAP_ANNOTATION_DRAW_NO_TEXT, as an export does before it places the text), a label is its
 * leader alone; sitmap_annotation_draw_text() then draws the plate where it is told. */
static void
test_long_label (void)
{
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "l");
  g_autoptr (GString) words = g_string_new (NULL);
  g_autoptr (GString) lines = g_string_new (NULL);
  double           x, y, w, h, tx, ty, tw, th, px, py, line_height;
  cairo_surface_t *surface;
  cairo_t         *cr;
  Page             page;

  page_init (&page);
  sitmap_annotation_add_point (label, 35, 39);
  sitmap_annotation_set_text (label, "Hama");
  g_assert_true (sitmap_annotation_get_text_box (label, NULL, project_cb, &page, 1, NULL, &x, &y, &w, &line_height, NULL));
  while (words->len < 1024 * 1024)
    g_string_append (words, "Lorem ipsum dolor sit amet ");
  sitmap_annotation_set_text (label, words->str);
  g_assert_true (sitmap_annotation_get_bounds (label, NULL, project_cb, &page, 1, NULL, &x, &y, &w, &h));
  g_assert_cmpfloat (h, <, (SITMAP_ANNOTATION_TEXT_MAX_LINES + 1) * line_height);
  while (lines->len < 1024 * 1024)
    g_string_append (lines, "A line\n");
  sitmap_annotation_set_text (label, lines->str);
  g_assert_true (sitmap_annotation_get_text_box (label, NULL, project_cb, &page, 1, NULL, &tx, &ty, &tw, &th, NULL));
  g_assert_cmpfloat (th, <, (SITMAP_ANNOTATION_TEXT_MAX_LINES + 1) * line_height);

  /* Without its text: nothing where the plate would be. */
  sitmap_annotation_set_text (label, "Hama");
  g_assert_true (sitmap_annotation_get_text_box (label, NULL, project_cb, &page, 1, NULL, &tx, &ty, &tw, &th, NULL));
  to_page (&page, 35, 39, &px, &py);
  surface = render (label, NULL, 1, SITMAP_ANNOTATION_DRAW_NO_TEXT);
  g_assert_cmpuint (count_color (surface, px, py, 30, 0xffffff), ==, 0);
  /* The plate, where it is told: 100 pixels lower. */
  cr = cairo_create (surface);
  sitmap_annotation_draw_text (cr, label, 1, tx, ty + 100, tw, th, (double[2]){ px, py });
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpuint (count_color (surface, px, py + 100, 30, 0xffffff), >, 100);
  g_assert_cmpuint (count_color (surface, px, py + 100, 30, 0xc01c28), >, 20);
  cairo_surface_destroy (surface);
}

/* A highlight rings its events where they are, and leaves out the ones it cannot find. */
static void
test_highlight (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapAnnotation) highlight = sitmap_annotation_new (SITMAP_ANNOTATION_HIGHLIGHT, "h");
  SitmapEventDraft draft;
  cairo_surface_t *surface;
  Page             page;
  double           x, y;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("ev-1");
  draft.latitude = 35.2;
  draft.longitude = 38.8;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));

  sitmap_annotation_add_event (highlight, "ev-1");
  sitmap_annotation_add_event (highlight, "gone");
  page_init (&page);
  to_page (&page, 35.2, 38.8, &x, &y);
  surface = render (highlight, document, 1, 0);
  g_assert_cmpuint (count_color (surface, x + SITMAP_ANNOTATION_HIGHLIGHT_RADIUS, y, 2, 0xc01c28), >, 2);
  /* Ringed, not covered. */
  g_assert_cmpuint (count_color (surface, x, y, 4, 0xc01c28), ==, 0);
  cairo_surface_destroy (surface);
  /* Without a document there is nothing to ring. */
  surface = render (highlight, NULL, 1, 0);
  g_assert_cmpuint (count_color (surface, x + SITMAP_ANNOTATION_HIGHLIGHT_RADIUS, y, 4, 0xc01c28), ==, 0);
  cairo_surface_destroy (surface);
}

/* Pixels drawn at all (any colour, anything not transparent). */
static guint
count_drawn (cairo_surface_t *surface)
{
  guint count = 0;

  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        guint8 a;

        pixel (surface, x, y, &a);
        count += a > 40;
      }
  return count;
}

static SitmapDocument *
one_event_document (double latitude, double longitude)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  SitmapEventDraft draft;

  sitmap_event_draft_init (&draft);
  draft.id = g_strdup ("ev-1");
  draft.latitude = latitude;
  draft.longitude = longitude;
  sitmap_document_builder_add_event (builder, &draft);
  sitmap_event_draft_clear (&draft);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

/* Zoomed out, an analyst's marks shrink, and out to a continent their words and rings go: a label is a
 * dot, with no plate to hit. The map and exports draw the same, whatever their scale. */
static void
test_zoomed_out (void)
{
  g_autoptr (SitmapDocument) document = one_event_document (35, 39);
  g_autoptr (SitmapAnnotation) label = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "l");
  g_autoptr (SitmapAnnotation) ring = sitmap_annotation_new (SITMAP_ANNOTATION_HIGHLIGHT, "h");
  const double scales[] = { 1, 300.0 / 96 };
  guint drawn[3], ring_drawn[3];
  double w[3], x, y, h;

  sitmap_annotation_add_point (label, 35, 39);
  sitmap_annotation_set_text (label, "Checkpoint (unconfirmed)");
  sitmap_annotation_add_event (ring, "ev-1");
  sitmap_annotation_set_text (ring, "IS attack");
  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      const double zooms[] = { 8, 5, 2 };

      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        {
          cairo_surface_t *surface;
          Page             page;

          /* A page at a larger scale has as many more pixels across the world: the same zoom. */
          page_init_at_zoom (&page, zooms[z] + log2 (scales[s]));
          surface = render_on (&page, label, NULL, scales[s], 0);
          drawn[z] = count_drawn (surface);
          cairo_surface_destroy (surface);
          surface = render_on (&page, ring, document, scales[s], 0);
          ring_drawn[z] = count_drawn (surface);
          cairo_surface_destroy (surface);
          g_assert_true (sitmap_annotation_get_bounds (label, NULL, project_cb, &page, scales[s], NULL, &x, &y, &w[z], &h));
          g_test_message ("scale %g, zoom %g: label %u pixels, %g wide; ring %u pixels", scales[s], zooms[z], drawn[z],
                          w[z], ring_drawn[z]);
          if (z == 2)
            {
              double px, py;

              /* Its words gone, where they were is not the label; its dot is. */
              to_page (&page, 35, 39, &px, &py);
              g_assert_cmpint (sitmap_annotation_hit (label, NULL, project_cb, &page, scales[s], NULL, FALSE,
                                                      px + 30 * scales[s], py, 0, NULL),
                               ==, SITMAP_ANNOTATION_HIT_NONE);
              g_assert_cmpint (sitmap_annotation_hit (label, NULL, project_cb, &page, scales[s], NULL, FALSE, px, py, 0,
                                                      NULL),
                               ==, SITMAP_ANNOTATION_HIT_BODY);
            }
        }
      /* Smaller and smaller: at zoom 5 the words are smaller, at 2 only a dot is left. */
      g_assert_cmpfloat (w[1], <, w[0] * 0.9);
      g_assert_cmpfloat (w[2], <, 12 * scales[s]);
      g_assert_cmpuint (drawn[2], <, drawn[0] / 10);
      g_assert_cmpuint (drawn[2], >, 0);
      /* The ring keeps its size around its event until the event is one of a cluster, then goes. */
      g_assert_cmpuint (ring_drawn[1], >, ring_drawn[0] / 4);
      g_assert_cmpuint (ring_drawn[2], ==, 0);
    }
}

/* Hidden annotations are not drawn, by the map nor by an export. */
static void
test_draw_all_hidden (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  g_autoptr (SitmapAnnotation) arrow = make_arrow ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t         *cr = cairo_create (surface);
  Page             page;
  double           x0, y0, x1, y1;

  page_init (&page);
  to_page (&page, 35.5, 38.5, &x0, &y0);
  to_page (&page, 34.5, 39.5, &x1, &y1);
  sitmap_document_insert_annotation (document, 0, arrow);
  sitmap_document_set_annotations_visible (document, FALSE);
  sitmap_annotation_draw_all (cr, document, project_cb, &page, 1);
  cairo_surface_flush (surface);
  g_assert_cmpuint (count_color (surface, (x0 + x1) / 2, (y0 + y1) / 2, 5, 0x1a5fb4), ==, 0);
  sitmap_document_set_annotations_visible (document, TRUE);
  sitmap_annotation_draw_all (cr, document, project_cb, &page, 1);
  cairo_surface_flush (surface);
  g_assert_cmpuint (count_color (surface, (x0 + x1) / 2, (y0 + y1) / 2, 5, 0x1a5fb4), >, 4);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The index a layer picks through finds what testing each annotation in turn finds, topmost first, at
 * every point of a crowded page, and draws what sitmap_annotation_draw_all draws. */
static void
test_index (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapAnnotationIndex) index = sitmap_annotation_index_new ();
  cairo_surface_t *drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_surface_t *all = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  GListModel      *annotations;
  guint            n_found = 0;
  cairo_t         *cr;
  Page             page;

  page_init (&page);
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  map_test_add_random_annotations (document, 60, 3, 34.2, 38.2, 1.6, 0.3, 40000);

  cr = cairo_create (drawn);
  sitmap_annotation_index_draw (index, cr, document, project_cb, &page, 1, NULL);
  cairo_destroy (cr);
  cr = cairo_create (all);
  sitmap_annotation_draw_all (cr, document, project_cb, &page, 1);
  cairo_destroy (cr);
  cairo_surface_flush (drawn);
  cairo_surface_flush (all);
  g_assert_cmpmem (cairo_image_surface_get_data (drawn), SIZE * cairo_image_surface_get_stride (drawn),
                   cairo_image_surface_get_data (all), SIZE * cairo_image_surface_get_stride (all));

  annotations = sitmap_document_get_annotations (document);
  for (double y = -10; y < SIZE + 10; y += 3)
    for (double x = -10; x < SIZE + 10; x += 3)
      {
        SitmapAnnotation *expected = NULL;

        for (guint i = g_list_model_get_n_items (annotations); i-- > 0 && expected == NULL;)
          {
            g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);

            if (sitmap_annotation_hit (annotation, document, project_cb, &page, 1, NULL, FALSE, x, y, 4, NULL)
                != SITMAP_ANNOTATION_HIT_NONE)
              expected = annotation;
          }
        g_assert_true (sitmap_annotation_index_pick (index, x, y, 4) == expected);
        n_found += expected != NULL;
      }
  /* Crowded enough that most of the page is on something, yet not all of it. */
  g_assert_cmpuint (n_found, >, 1000);
  g_assert_null (sitmap_annotation_index_pick (index, -200, -200, 4));
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (all);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/annotation-draw/arrow-pixels", test_arrow_pixels);
  g_test_add_func ("/annotation-draw/circle-ring", test_circle_ring);
  g_test_add_func ("/annotation-draw/hit", test_hit);
  g_test_add_func ("/annotation-draw/label", test_label);
  g_test_add_func ("/annotation-draw/long-label", test_long_label);
  g_test_add_func ("/annotation-draw/highlight", test_highlight);
  g_test_add_func ("/annotation-draw/draw-all-hidden", test_draw_all_hidden);
  g_test_add_func ("/annotation-draw/zoomed-out", test_zoomed_out);
  g_test_add_func ("/annotation-draw/index", test_index);
  return g_test_run ();
}
