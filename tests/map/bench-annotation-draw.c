/* bench-annotation-draw.c: what annotations cost a frame of the map and a hover over it
 *
 * Prints annotation_frame_1000_ms (drawing 1,000 annotations of every kind into a 1920×1080 image, as
 * the layer does when they change or the map zooms, indexing what each drew; while it only pans, the
 * layer moves what it drew), annotation_hit_1000_us (finding what is under the pointer among them, as
 * the layer does on each motion: through that index) and annotation_page_1000_ms (the same drawing as an
 * export makes it), medians of repeated runs. Each pick is checked against testing every annotation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sitmap-bench.h"
#include "sitmap-annotation-draw.h"
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

      /* As the layer draws them: every one projected, laid out and drawn, and indexed for picking. */
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      sitmap_annotation_index_draw (index, cr, document, project_cb, &page, 1, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      frames[run] = (g_get_monotonic_time () - start) / 1000.0;

      /* As the layer picks on each motion: through the index of what it drew. */
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
  g_print ("annotation_frame_1000_ms: %.1f ms\n", sitmap_bench_median (frames, RUNS));
  g_print ("annotation_hit_1000_us: %.0f us\n", sitmap_bench_median (hits, RUNS));
  g_print ("annotation_page_1000_ms: %.1f ms\n", sitmap_bench_median (pages, RUNS));
  cairo_surface_destroy (surface);
  return 0;
}
