/* fuzz-export-layout.c: the export's page layout, of any document at any page size. The input's first
 * 16 bytes are the page (its size in device pixels, from 1 to 4000 a side, its scale, the map's zoom and
 * centre, what it includes, its format, paper or screen) and a filter (hidden categories); the rest is
 * the document, read as fuzz-detect reads it. Small pages are also drawn (without tiles), since drawing
 * walks what the layout placed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <math.h>

#include "fuzz-common.h"
#include "sitmap-export-scene.h"
#include "sitmap-view-state.h"

#define HEADER 16

static const char *const names[] = { "fuzz", "fuzz.kml", "fuzz.geojson", "fuzz.csv" };

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

static guint
read_u16 (const uint8_t *p)
{
  return p[0] | (guint)p[1] << 8;
}

static void
options_from_header (const uint8_t *h, SitmapExportOptions *options)
{
  sitmap_export_options_init (options);
  options->width = 1 + read_u16 (h) % 4000;
  options->height = 1 + read_u16 (h + 2) % 4000;
  options->scale = 0.25 + h[4] / 32.0;
  options->zoom = h[5] / 12.0;
  options->include = h[6];
  options->format = (h[7] & 3) % SITMAP_N_EXPORT_FORMATS;
  options->paper = (h[7] & 4) != 0;
  options->latitude = ((gint16)read_u16 (h + 8)) / 32767.0 * 85;
  options->longitude = ((gint16)read_u16 (h + 10)) / 32767.0 * 180;
  if (h[12] & 1)
    options->title = g_strdup ("");
  options->now = g_date_time_new_utc (2024, 12, 12, 9, 30, 0);
}

static void
draw_small_page (SitmapExportScene *scene, const SitmapExportOptions *options)
{
  cairo_surface_t *surface;
  cairo_t         *cr;

  if ((gint64)options->width * options->height > 256 * 256)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  cairo_scale (cr, options->scale, options->scale);
  sitmap_export_scene_draw (scene, cr, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_auto (SitmapExportOptions) options = { 0 };
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SitmapDocument) document = NULL;
  g_autoptr (SitmapViewState) view_state = NULL;
  g_autoptr (SitmapExportScene) scene = NULL;
  g_autofree char *dropped = NULL;
  const SitmapFormat *format;
  const char         *name;
  double              width, height;

  if (size < HEADER)
    return 0;
  name = names[data[13] % G_N_ELEMENTS (names)];
  bytes = g_bytes_new (data + HEADER, size - HEADER);
  format = sitmap_format_detect (bytes, name, NULL);
  if (format == NULL || (document = fuzz_read (format, name, bytes)) == NULL)
    return 0;
  options_from_header (data, &options);
  view_state = sitmap_view_state_new ();
  sitmap_view_state_set_document (view_state, document);
  sitmap_view_state_set_hidden_categories (view_state, data[14] & data[15]);

  scene = sitmap_export_scene_new (view_state, &options, (data[12] & 2) ? "" : "© fuzz", (data[12] & 4) != 0);
  g_assert_nonnull (scene);
  /* The page is the one asked for, and the map is on it. */
  sitmap_export_scene_get_page_size (scene, &width, &height);
  g_assert_cmpfloat (G_APPROX_VALUE (width * options.scale, options.width, 1e-6), ==, TRUE);
  g_assert_cmpfloat (G_APPROX_VALUE (height * options.scale, options.height, 1e-6), ==, TRUE);
  sitmap_export_scene_get_map_size (scene, &width, &height);
  g_assert_true (width >= 0 && height >= 0 && isfinite (width) && isfinite (height));
  dropped = sitmap_export_scene_dup_dropped_message (scene);
  g_assert_true (dropped == NULL || g_utf8_validate (dropped, -1, NULL));
  g_assert_cmpuint (sitmap_export_scene_get_n_drawn (scene), <=, sitmap_document_get_n_events (document));
  draw_small_page (scene, &options);
  return 0;
}
