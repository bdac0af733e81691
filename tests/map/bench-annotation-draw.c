/* bench-annotation-draw.c: what annotations cost a frame of the map and a hover over it
 *
 * The map draws its 1,000 annotations into 512 px tiles in a worker thread (SitmapAnnotationTiles); a
 * frame only freezes what changed into a scene and places the tiles there are. Prints, as medians of
 * repeated runs, 1,000 annotations of every kind in a 1920×1080 view (with the layer's 256 px margin):
 *
 *  annotation_frame_1000_ms            the main thread's part of the frame after a zoom or an edit, the
 *                                      worst of the three below (the GTK side, a texture node per tile,
 *                                      is not in it)
 *  annotation_frame_1000_after_zoom_ms a new view: the tiles set aside, new ones asked for
 *  annotation_frame_1000_after_edit_ms one annotation moved, not the selection (an undo): a new scene (one
 *                                      copy, 998 compared), the tiles it touches marked
 *  annotation_frame_1000_after_drag_ms the selection moved (a drag, typing in its popover): a new scene
 *                                      in which nothing changed, and the selection drawn, which the
 *                                      layer leaves out of the tiles and draws itself above them
 *  annotation_redraw_1000_ms           what the worker then takes, off the main thread, to lay out and
 *                                      draw every tile of the view after a zoom: the drawing is not
 *                                      cheaper, it only left the main thread
 *  annotation_redraw_1000_edit_ms      the same after the edit (all laid out, the touched tiles drawn)
 *  annotation_hit_1000_us              finding what is under the pointer, as the layer does on each
 *                                      motion: through the index of what was drawn
 *  annotation_page_1000_ms             the same drawing as an export makes it, synchronous, on a
 *                                      1920×1080 page
 *
 * Each pick is checked against testing every annotation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-bench.h"
#include "sitmap-annotation-tiles.h"
#include "sitmap-document-builder.h"
#include "sitmap-geometry.h"

#define N_ANNOTATIONS 1000
#define WIDTH 1920
#define HEIGHT 1080
#define RUNS 15

/* 32°–38° N, 35°–43° E on the image. */
typedef struct
{
  double x0, y0, x1, y1;
} Page;

static void
project_cb (double x, double y, double *out_x, double *out_y, gpointer user_data)
{
  Page *page = user_data;

  *out_x = (x - page->x0) / (page->x1 - page->x0) * WIDTH;
  *out_y = (y - page->y0) / (page->y1 - page->y0) * HEIGHT;
}

static SitmapDocument *
make_document (void)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  SitmapDocument *document;
  GRand          *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 100; i++)
    {
      SitmapEventDraft draft;

      sitmap_event_draft_init (&draft);
      draft.id = g_strdup_printf ("ev-%u", i);
      draft.latitude = g_rand_double_range (rand, 32, 38);
      draft.longitude = g_rand_double_range (rand, 35, 43);
      sitmap_document_builder_add_event (builder, &draft);
      sitmap_event_draft_clear (&draft);
    }
  document = sitmap_document_builder_finish (g_steal_pointer (&builder));
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      g_autofree char *id = g_strdup_printf ("annotation-%u", i);
      g_autoptr (SitmapAnnotation) annotation = sitmap_annotation_new (i % SITMAP_N_ANNOTATION_KINDS, id);
      double latitude = g_rand_double_range (rand, 32.5, 37.5), longitude = g_rand_double_range (rand, 35.5, 42.5);

      switch (sitmap_annotation_get_kind (annotation))
        {
          case SITMAP_ANNOTATION_LABEL:
            sitmap_annotation_set_text (annotation, "Front line, 8 December");
            sitmap_annotation_add_point (annotation, latitude, longitude);
            sitmap_annotation_add_point (annotation, latitude - 0.2, longitude + 0.2);
            break;
          case SITMAP_ANNOTATION_ARROW:
            sitmap_annotation_add_point (annotation, latitude, longitude);
            sitmap_annotation_add_point (annotation, latitude + 0.3, longitude + 0.4);
            break;
          case SITMAP_ANNOTATION_CIRCLE:
            sitmap_annotation_add_point (annotation, latitude, longitude);
            sitmap_annotation_set_radius (annotation, 20000);
            break;
          case SITMAP_ANNOTATION_AREA:
            for (guint k = 0; k < 8; k++)
              sitmap_annotation_add_point (annotation, latitude + 0.2 * sin (k * G_PI / 4),
                                           longitude + 0.3 * cos (k * G_PI / 4));
            break;
          case SITMAP_ANNOTATION_HIGHLIGHT:
          case SITMAP_N_ANNOTATION_KINDS:
          default:
            for (guint k = 0; k < 3; k++)
              {
                g_autofree char *event_id = g_strdup_printf ("ev-%u", g_rand_int_range (rand, 0, 100));

                sitmap_annotation_add_event (annotation, event_id);
              }
            break;
        }
      sitmap_annotation_set_text (annotation, sitmap_annotation_get_text (annotation)
                                                  ? sitmap_annotation_get_text (annotation)
                                                  : (i % 2 ? "caption" : NULL));
      sitmap_document_insert_annotation (document, i, annotation);
    }
  g_rand_free (rand);
  return document;
}

static void
wait_for (SitmapAnnotationTiles *tiles)
{
  while (sitmap_annotation_tiles_is_busy (tiles))
    g_main_context_iteration (NULL, TRUE);
}

/* The view of the annotations' region, whole, in 1920×1080, at a zoom a little larger each run. */
static void
view_init (SitmapAnnotationTileView *view, guint run)
{
  double x0, y0, x1, y1;

  sitmap_mercator_from_lat_lon (38, 35, &x0, &y0);
  sitmap_mercator_from_lat_lon (32, 43, &x1, &y1);
  *view = (SitmapAnnotationTileView){ .cos_r = 1, .sin_r = 0, .device_scale = 1 };
  view->map_size = MIN (WIDTH / (x1 - x0), HEIGHT / (y1 - y0)) * (1 + 0.01 * (run % 2));
  view->anchor_x = (x0 + x1) / 2, view->anchor_y = (y0 + y1) / 2;
}

/* What a frame of the layer asks of the tiles: the view and its margin, the tiles there are to place. */
static void
frame (SitmapAnnotationTiles *tiles)
{
  volatile guint n = 0;
  GPtrArray     *previous;

  sitmap_annotation_tiles_request (tiles, -WIDTH / 2.0 - 256, -HEIGHT / 2.0 - 256, WIDTH / 2.0 + 256, HEIGHT / 2.0 + 256);
  n += sitmap_annotation_tiles_get_tiles (tiles)->len;
  previous = sitmap_annotation_tiles_get_previous (tiles, NULL);
  n += previous != NULL ? previous->len : 0;
}

/* A pick through the tiles' index finds what testing each annotation finds. */
static void
check_pick (SitmapAnnotationTiles *tiles, SitmapDocument *document, SitmapAnnotation *selected, double x, double y)
{
  const SitmapAnnotationTileView *view = sitmap_annotation_tiles_get_view (tiles);
  GListModel                     *annotations = sitmap_document_get_annotations (document);
  SitmapAnnotation               *expected = NULL, *found;
  gboolean                        known;

  for (guint i = g_list_model_get_n_items (annotations); i-- > 0 && expected == NULL;)
    {
      g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);

      /* The selection is not in the tiles: the layer tests it first, itself. */
      if (annotation != selected
          && sitmap_annotation_hit (annotation, document, sitmap_annotation_tile_view_project, (gpointer)view, 1, NULL,
                                    FALSE, x, y, 4, NULL)
          != SITMAP_ANNOTATION_HIT_NONE)
        expected = annotation;
    }
  found = sitmap_annotation_tiles_pick (tiles, x, y, 4, &known);
  if (!known || g_strcmp0 (found ? sitmap_annotation_get_id (found) : NULL,
                           expected ? sitmap_annotation_get_id (expected) : NULL) != 0)
    g_error ("the tiles' index picked another annotation than testing each one finds");
}

/* The selection as the layer draws it each frame, above the tiles: into a surface of its size. */
static void
draw_selected (SitmapAnnotation *selected, SitmapDocument *document, const SitmapAnnotationTileView *view)
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           x, y, width, height;

  if (!sitmap_annotation_get_bounds (selected, document, sitmap_annotation_tile_view_project, (gpointer)view, 1, NULL,
                                     &x, &y, &width, &height))
    g_error ("the selection has no bounds");
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)ceil (width) + 48, (int)ceil (height) + 48);
  cr = cairo_create (surface);
  cairo_translate (cr, 24 - x, 24 - y);
  sitmap_annotation_draw (cr, selected, document, sitmap_annotation_tile_view_project, (gpointer)view, 1,
                          SITMAP_ANNOTATION_DRAW_SELECTED);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The tiles after a zoom and after an edit: the main thread's part, and the worker's. */
static void
bench_tiles (SitmapDocument *document)
{
  g_autoptr (SitmapAnnotationTiles) tiles = sitmap_annotation_tiles_new (NULL, NULL);
  GListModel            *annotations = sitmap_document_get_annotations (document);
  /* A label, selected: the layer leaves it out of the tiles and draws it itself. */
  g_autoptr (SitmapAnnotation) selected = g_list_model_get_item (annotations, N_ANNOTATIONS / 2);
  SitmapAnnotationScene *scene = sitmap_annotation_scene_new (document, selected, NULL);
  double                 zooms[RUNS], edits[RUNS], drags[RUNS], redraws[RUNS], edit_redraws[RUNS];

  sitmap_annotation_tiles_set_scene (tiles, scene);
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr (SitmapAnnotation) moved = g_list_model_get_item (annotations, (run * 37) % (N_ANNOTATIONS / 2));
      SitmapAnnotationTileView     view;
      SitmapAnnotationScene       *edited;
      gint64                       start;

      view_init (&view, run);
      start = g_get_monotonic_time ();
      sitmap_annotation_tiles_set_view (tiles, &view);
      frame (tiles);
      zooms[run] = (g_get_monotonic_time () - start) / 1000.0;
      wait_for (tiles);
      redraws[run] = sitmap_annotation_tiles_get_last_redraw_us (tiles) / 1000.0;

      /* An edit of another than the selection (an undo, say): its copy, the others compared and shared. */
      sitmap_annotation_translate (moved, 4 / view.map_size, 2 / view.map_size);
      start = g_get_monotonic_time ();
      edited = sitmap_annotation_scene_new (document, selected, scene);
      sitmap_annotation_tiles_set_scene (tiles, edited);
      frame (tiles);
      edits[run] = (g_get_monotonic_time () - start) / 1000.0;
      sitmap_annotation_scene_unref (scene);
      scene = edited;
      wait_for (tiles);
      edit_redraws[run] = sitmap_annotation_tiles_get_last_redraw_us (tiles) / 1000.0;

      /* A drag of the selection: a scene that did not change, no tile to draw, the selection drawn. */
      sitmap_annotation_translate (selected, 4 / view.map_size, 2 / view.map_size);
      start = g_get_monotonic_time ();
      edited = sitmap_annotation_scene_new (document, selected, scene);
      sitmap_annotation_tiles_set_scene (tiles, edited);
      frame (tiles);
      draw_selected (selected, document, &view);
      drags[run] = (g_get_monotonic_time () - start) / 1000.0;
      sitmap_annotation_scene_unref (scene);
      scene = edited;
      if (sitmap_annotation_tiles_is_busy (tiles))
        g_error ("dragging the selection made the tiles draw again");
      check_pick (tiles, document, selected, run * 7.0, run * 3.0);
    }
  sitmap_annotation_scene_unref (scene);
  g_print ("annotation_frame_1000_ms: %.2f ms\n",
           MAX (sitmap_bench_median (zooms, RUNS), MAX (sitmap_bench_median (edits, RUNS), sitmap_bench_median (drags, RUNS))));
  g_print ("annotation_frame_1000_after_zoom_ms: %.2f ms\n", sitmap_bench_median (zooms, RUNS));
  g_print ("annotation_frame_1000_after_edit_ms: %.2f ms\n", sitmap_bench_median (edits, RUNS));
  g_print ("annotation_frame_1000_after_drag_ms: %.2f ms\n", sitmap_bench_median (drags, RUNS));
  g_print ("annotation_redraw_1000_ms: %.1f ms\n", sitmap_bench_median (redraws, RUNS));
  g_print ("annotation_redraw_1000_edit_ms: %.1f ms\n", sitmap_bench_median (edit_redraws, RUNS));
}

int
main (int argc, char **argv)
{
  g_autoptr (SitmapDocument) document = make_document ();
  g_autoptr (SitmapAnnotationIndex) index = sitmap_annotation_index_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  GListModel      *annotations = sitmap_document_get_annotations (document);
  double           frames[RUNS], hits[RUNS], pages[RUNS];
  Page             page;

  sitmap_mercator_from_lat_lon (38, 35, &page.x0, &page.y0);
  sitmap_mercator_from_lat_lon (32, 43, &page.x1, &page.y1);
  for (guint run = 0; run < RUNS; run++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64   start = g_get_monotonic_time ();
      double   x = WIDTH / 2.0 + run, y = HEIGHT / 2.0;
      SitmapAnnotation *expected = NULL, *found;

      /* Every one projected, laid out and drawn, and indexed for picking, at once (as the layer drew them
       * on the main thread before the tiles). */
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      sitmap_annotation_index_draw (index, cr, document, project_cb, &page, 1, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      frames[run] = (g_get_monotonic_time () - start) / 1000.0;

      /* As the layer picks on each motion: through the index of what was drawn. */
      start = g_get_monotonic_time ();
      found = sitmap_annotation_index_pick (index, x, y, 4);
      hits[run] = (double)(g_get_monotonic_time () - start);

      /* As an export draws them, and as a pick went before the index: each annotation in turn. */
      cr = cairo_create (surface);
      start = g_get_monotonic_time ();
      sitmap_annotation_draw_all (cr, document, project_cb, &page, 1);
      cairo_destroy (cr);
      pages[run] = (g_get_monotonic_time () - start) / 1000.0;
      for (guint i = g_list_model_get_n_items (annotations); i-- > 0 && expected == NULL;)
        {
          g_autoptr (SitmapAnnotation) annotation = g_list_model_get_item (annotations, i);

          if (sitmap_annotation_hit (annotation, document, project_cb, &page, 1, NULL, FALSE, x, y, 4, NULL)
              != SITMAP_ANNOTATION_HIT_NONE)
            expected = annotation;
        }
      if (found != expected)
        g_error ("the index picked another annotation than testing each one finds");
    }
  bench_tiles (document);
  g_print ("annotation_index_draw_1000_ms: %.1f ms\n", sitmap_bench_median (frames, RUNS));
  g_print ("annotation_hit_1000_us: %.0f us\n", sitmap_bench_median (hits, RUNS));
  g_print ("annotation_page_1000_ms: %.1f ms\n", sitmap_bench_median (pages, RUNS));
  cairo_surface_destroy (surface);
  return 0;
}
