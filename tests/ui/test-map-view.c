/* test-map-view.c: the map in the real window, driven with real keys and clicks: its focus ring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "sitmap-annotation-command.h"
#include "sitmap-application.h"
#include "sitmap-exporter.h"
#include "sitmap-geometry.h"
#include "sitmap-tile-status.h"
#include "sitmap-ui-test.h"
#include "sitmap-undo-stack.h"
#include "sitmap-window.h"
#include "tiles-test-utils.h"

#define SUKHNA_ID       "ev-2024-12-10-sukhna"
#define BAGHOUZ_ID      "ev-2019-03-baghouz"
#define SYRIA_LATITUDE  34.8
#define SYRIA_LONGITUDE 38.9

static SitmapWindow *window;

static const char *
screenshot_dir (void)
{
  return g_getenv ("SITMAP_SCREENSHOT_DIR");
}

static void
save_screenshot (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (screenshot_dir () == NULL)
    return;
  path = g_build_filename (screenshot_dir (), name, NULL);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  texture = sitmap_test_render (GTK_WIDGET (window), path);
  g_test_message ("saved %s", path);
}

/* The whole screen, popovers and all, as the X server shows it (ImageMagick's import). */
static void
save_screen (const char *name)
{
  g_autofree char *path = NULL;

  if (screenshot_dir () == NULL)
    return;
  path = g_build_filename (screenshot_dir (), name, NULL);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  if (g_spawn_sync (NULL, (char *[]) { "import", "-window", "root", path, NULL }, NULL, G_SPAWN_SEARCH_PATH, NULL,
                    NULL, NULL, NULL, NULL, NULL))
    g_test_message ("saved %s", path);
}

/*
 * Pixels
 */

typedef struct
{
  int     width, height;
  gsize   stride;
  guint8 *data; /* B, G, R, A (premultiplied; the map is opaque) */
} Pixels;

static void
pixels_init (Pixels *pixels, GdkTexture *texture)
{
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = (gsize) pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

static void
pixels_clear (Pixels *pixels)
{
  g_clear_pointer (&pixels->data, g_free);
}

static const guint8 *
pixel_at (const Pixels *pixels, int x, int y)
{
  g_assert_true (x >= 0 && y >= 0 && x < pixels->width && y < pixels->height);
  return pixels->data + y * pixels->stride + x * 4;
}

/* WCAG's relative luminance of an sRGB colour. */
static double
luminance (const guint8 *bgra)
{
  double channel[3];

  for (int i = 0; i < 3; i++)
    {
      double c = bgra[2 - i] / 255.0;

      channel[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

static double
contrast (const guint8 *a, const guint8 *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The basemap's sea and rivers are blue-grey. */
static gboolean
is_water (guint8 r, guint8 g, guint8 b)
{
  return b > r + 25 && b > g;
}

/* Tiles arrive from a worker thread: look until the sea off the demo's coast is drawn. */
static gboolean
basemap_drawn (gpointer data)
{
  GtkWidget *map = GTK_WIDGET (sitmap_window_get_map (window));
  cairo_rectangle_int_t all = { 0, 0, gtk_widget_get_width (map), gtk_widget_get_height (map) };
  g_autoptr (GdkTexture) texture = NULL;

  sitmap_test_wait_for_paint (map);
  texture = sitmap_test_render (map, NULL);
  return sitmap_test_count_pixels (texture, &all, is_water) > 2000;
}

static void
wait_for_basemap (void)
{
  sitmap_test_wait_until (basemap_drawn, NULL, 20000, "the basemap's tiles");
}

/*
 * The focus ring (WCAG 2.2's focus appearance: the ring contrasts 3:1 with what it covers)
 */

static GtkWidget *
event_layer (void)
{
  return GTK_WIDGET (sitmap_window_get_event_layer (window));
}

static gboolean
has_visible_focus (gpointer data)
{
  return gtk_widget_has_visible_focus (data);
}

static gboolean
map_has_no_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (sitmap_window_get_map (window)));
}

/* The best contrast, across the ring's width, between the focused map's pixel and the same pixel
 * unfocused, at (x, y) on an edge; inwards is (dx, dy). */
static double
ring_contrast_at (const Pixels *focused, const Pixels *plain, int x, int y, int dx, int dy)
{
  double best = 1;

  /* The ring is within the outer 6 pixels, as libadwaita's focus outlines are. */
  for (int depth = 0; depth < 6; depth++)
    best = MAX (best, contrast (pixel_at (focused, x + dx * depth, y + dy * depth),
                                pixel_at (plain, x + dx * depth, y + dy * depth)));
  return best;
}

/* The least share, over the four edges, of points along the middle half of an edge where the ring
 * stands out 3:1 from what it covers (WCAG 2.2's contrast for a focus indicator). A town's name
 * under the ring may lower a point or two; a ring that is too faint lowers them all. */
static double
weakest_edge_share (const Pixels *focused, const Pixels *plain)
{
  int w = plain->width, h = plain->height;
  double weakest = 1;

  for (guint edge = 0; edge < 4; edge++)
    {
      guint n = 0, good = 0;
      double sum = 0;

      for (int t = 25; t <= 75; t += 2)
        {
          double c;

          switch (edge)
            {
            case 0: c = ring_contrast_at (focused, plain, 0, h * t / 100, 1, 0); break;
            case 1: c = ring_contrast_at (focused, plain, w * t / 100, 0, 0, 1); break;
            case 2: c = ring_contrast_at (focused, plain, w - 1, h * t / 100, -1, 0); break;
            default: c = ring_contrast_at (focused, plain, w * t / 100, h - 1, 0, -1); break;
            }
          n++;
          good += c >= 3.0;
          sum += c;
        }
      g_test_message ("focus ring, edge %u: %u of %u points at 3:1 or more, mean contrast %.2f", edge, good, n,
                      sum / n);
      weakest = MIN (weakest, (double) good / n);
    }
  return weakest;
}

/* tab: the keyboard goes on from the events' layer to the annotations' with Tab, which must show the
 * ring as well. */
static void
check_focus_ring (const char *shot, gboolean tab)
{
  GtkWidget *layer = event_layer ();
  GtkWidget *map = GTK_WIDGET (sitmap_window_get_map (window));
  g_autoptr (GdkTexture) focused = NULL;
  g_autoptr (GdkTexture) plain = NULL;
  Pixels a, b;
  double weakest;

  wait_for_basemap ();
  /* Keyboard focus on the map, with nothing selected: the ring goes around the whole map. */
  sitmap_view_state_set_selected (sitmap_window_get_view_state (window), -1);
  gtk_widget_grab_focus (layer);
  sitmap_test_key (GTK_WIDGET (window), "shift+Escape");
  sitmap_test_wait_until (has_visible_focus, layer, 5000, "the map's visible keyboard focus");
  if (tab)
    {
      layer = GTK_WIDGET (sitmap_window_get_annotation_layer (window));
      sitmap_test_key (GTK_WIDGET (window), "Tab");
      sitmap_test_wait_until (has_visible_focus, layer, 5000, "the keyboard focus on the annotations");
    }
  sitmap_test_wait_for_paint (layer);
  /* The whole map, tiles and all: the ring must stand out from what it is drawn over. */
  g_assert_cmpint (gtk_widget_get_width (map), ==, gtk_widget_get_width (layer));
  focused = sitmap_test_render (map, NULL);
  if (shot != NULL)
    save_screenshot (shot);

  gtk_widget_grab_focus (GTK_WIDGET (sitmap_window_get_timeline (window)));
  sitmap_test_wait_until (map_has_no_focus, NULL, 5000, "the focus to leave the map");
  sitmap_test_wait_for_paint (layer);
  plain = sitmap_test_render (map, NULL);

  pixels_init (&a, focused);
  pixels_init (&b, plain);
  weakest = weakest_edge_share (&a, &b);
  pixels_clear (&a);
  pixels_clear (&b);
  g_assert_cmpfloat (weakest, >=, 0.9);
}

static void
test_focus_ring_light (void)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  check_focus_ring ("map-focus-ring-light.png", FALSE);
}

static void
test_focus_ring_annotations (void)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  check_focus_ring (NULL, TRUE);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_focus_ring_dark (void)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  check_focus_ring ("map-focus-ring-dark.png", FALSE);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/*
 * Annotations zoomed out
 */

typedef struct
{
  double latitude, longitude, zoom;
} Place;

static gboolean
map_shows (gpointer data)
{
  const Place *place = data;
  ShumateViewport *viewport = shumate_simple_map_get_viewport (sitmap_window_get_map (window));

  return fabs (shumate_viewport_get_zoom_level (viewport) - place->zoom) < 1e-6 &&
         fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - place->latitude) < 1e-6 &&
         fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - place->longitude) < 1e-6;
}

/* Shows the map there, once the window has shown the document where it asks to be shown. */
static void
show_map_at (double latitude, double longitude, double zoom)
{
  ShumateSimpleMap *map = sitmap_window_get_map (window);
  Place place = { latitude, longitude, zoom };

  sitmap_test_wait_for_paint (GTK_WIDGET (map));
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (map), zoom);
  shumate_map_center_on (shumate_simple_map_get_map (map), latitude, longitude);
  sitmap_test_wait_until (map_shows, &place, 5000, "the map to show the place asked for");
  sitmap_test_wait_for_paint (GTK_WIDGET (map));
  sitmap_test_wait_for_paint (GTK_WIDGET (map));
}

static SitmapDocument *
document (void)
{
  return sitmap_view_state_get_document (sitmap_window_get_view_state (window));
}

static void
add_annotation (SitmapAnnotation *annotation)
{
  g_autoptr (SitmapCommand) command = sitmap_annotation_command_new_add (annotation);

  g_assert_true (sitmap_annotation_validate (annotation, NULL));
  sitmap_undo_stack_push (sitmap_document_get_undo_stack (document ()), command);
}

/* What an analyst marks on the demo: a checkpoint and a route, a circle and a ring around events. */
static void
add_analysts_marks (void)
{
  g_autoptr (SitmapAnnotation) checkpoint = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "test-checkpoint");
  g_autoptr (SitmapAnnotation) town = sitmap_annotation_new (SITMAP_ANNOTATION_LABEL, "test-town");
  g_autoptr (SitmapAnnotation) route = sitmap_annotation_new (SITMAP_ANNOTATION_ARROW, "test-route");
  g_autoptr (SitmapAnnotation) circle = sitmap_annotation_new (SITMAP_ANNOTATION_CIRCLE, "test-circle");
  g_autoptr (SitmapAnnotation) ring = sitmap_annotation_new (SITMAP_ANNOTATION_HIGHLIGHT, "test-ring");

  sitmap_annotation_add_point (checkpoint, 34.75, 38.6);
  sitmap_annotation_set_text (checkpoint, "Checkpoint (unconfirmed)");
  sitmap_annotation_add_point (town, 34.4586, 40.9506);
  sitmap_annotation_set_text (town, "Last IS pocket, March 2019");
  sitmap_annotation_add_point (route, 34.73, 36.71);
  sitmap_annotation_add_point (route, 34.56, 38.28);
  sitmap_annotation_set_text (route, "Route");
  sitmap_annotation_add_point (circle, 34.8853, 38.8711);
  sitmap_annotation_set_radius (circle, 25000);
  sitmap_annotation_set_text (circle, "Area of the ambush");
  sitmap_annotation_add_event (ring, SUKHNA_ID);
  sitmap_annotation_add_event (ring, BAGHOUZ_ID);
  sitmap_annotation_set_text (ring, "IS attacks");
  add_annotation (checkpoint);
  add_annotation (town);
  add_annotation (route);
  add_annotation (circle);
  add_annotation (ring);
}

static void
remove_annotations (void)
{
  SitmapUndoStack *undo = sitmap_document_get_undo_stack (document ());

  while (g_list_model_get_n_items (sitmap_document_get_annotations (document ())) > 0)
    g_assert_true (sitmap_undo_stack_undo (undo));
}

/* How many pixels the annotation layer draws on, and how many of them are where the event layer
 * draws: each layer rendered alone, so that tiles arriving meanwhile do not count. */
static void
count_covered (GdkTexture *events, GdkTexture *annotations, guint *n_event_pixels, guint *n_covered, guint *n_drawn)
{
  Pixels e, a;

  pixels_init (&e, events);
  pixels_init (&a, annotations);
  *n_event_pixels = *n_covered = *n_drawn = 0;
  for (int y = 0; y < e.height; y++)
    for (int x = 0; x < e.width; x++)
      {
        gboolean drawn = pixel_at (&a, x, y)[3] > 60;

        *n_drawn += drawn;
        /* The event layer's ink: opaque pixels of its own render. */
        if (pixel_at (&e, x, y)[3] > 200)
          {
            (*n_event_pixels)++;
            *n_covered += drawn;
          }
      }
  pixels_clear (&e);
  pixels_clear (&a);
}

/* Zoomed out to the world, the analyst's marks shrink and their words go: they no longer cover the
 * events they are about (the demo's Syria is then a few dozen pixels across). */
static void
test_annotations_world_zoom (void)
{
  GtkWidget *layer = event_layer ();
  GtkWidget *marks = GTK_WIDGET (sitmap_window_get_annotation_layer (window));
  g_autoptr (GdkTexture) events = NULL;
  g_autoptr (GdkTexture) annotations = NULL;
  guint n_event_pixels, n_covered, n_drawn;

  add_analysts_marks ();
  show_map_at (SYRIA_LATITUDE, SYRIA_LONGITUDE, 2);
  save_screenshot ("annotations-world-zoom.png");
  events = sitmap_test_render (layer, NULL);
  annotations = sitmap_test_render (marks, NULL);
  count_covered (events, annotations, &n_event_pixels, &n_covered, &n_drawn);
  g_test_message ("zoom 2: the annotations draw on %u pixels, %u of the events' %u", n_drawn, n_covered,
                  n_event_pixels);
  g_assert_cmpuint (n_event_pixels, >, 200);
  /* The dots sit beside the events, the rings are left out: little of the events is hidden. */
  g_assert_cmpuint (n_covered, <=, n_event_pixels / 5);
  /* And the marks are small: together less than a label's plate at full size. */
  g_assert_cmpuint (n_drawn, <, 2000);

  /* Zoomed in on the region again, they are full size, with their words. */
  show_map_at (SYRIA_LATITUDE, SYRIA_LONGITUDE, 7);
  save_screenshot ("annotations-zoom-7.png");
  remove_annotations ();
}

/*
 * A tile set that names its towns
 */

static cairo_status_t
png_append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static const struct
{
  const char *name;
  double latitude, longitude;
} written_towns[] = {
  { "Homs", 34.7308, 36.7094 },
  { "Palmyra", 34.5624, 38.2840 },
  { "As-Sukhnah", 34.8853, 38.8711 },
  { "Damascus", 33.5102, 36.2913 },
  { "Deir ez-Zor", 35.3359, 40.1408 },
};

/* One tile of a street map of the Levant: pale land, and each town a dot with its name beside it, drawn
 * across the tiles' edges as one picture. */
static GBytes *
labelled_tile (int z, int x, int y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 10");
  g_autoptr (GByteArray) png = g_byte_array_new ();
  double world = 256 * pow (2, z);

  cairo_set_source_rgb (cr, 0xf4 / 255.0, 0xf0 / 255.0, 0xe6 / 255.0);
  cairo_paint (cr);
  pango_layout_set_font_description (layout, font);
  for (guint i = 0; i < G_N_ELEMENTS (written_towns); i++)
    {
      double mx, my, px, py;

      sitmap_mercator_from_lat_lon (written_towns[i].latitude, written_towns[i].longitude, &mx, &my);
      px = mx * world - x * 256.0, py = my * world - y * 256.0;
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.25);
      cairo_arc (cr, px, py, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      pango_layout_set_text (layout, written_towns[i].name, -1);
      cairo_move_to (cr, px + 6, py - 8);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, png_append_cb, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static char *
write_labelled_mbtiles (const char *dir)
{
  char *path = g_build_filename (dir, "levant-streets.mbtiles", NULL);
  TilesWriter *writer = tiles_writer_new (
    path, TILES_LAYOUT_TABLE,
    (const char *const[]) { "name", "Levant streets", "type", "baselayer", "format", "png", "minzoom", "5",
                            "maxzoom", "8", "bounds", "35,32.5,41.5,37", "description",
                            "Roads and towns of the Levant, with their labels", "attribution", "© Test streets",
                            NULL });

  for (int z = 5; z <= 8; z++)
    {
      double x0, y0, x1, y1;
      int n = 1 << z;

      sitmap_mercator_from_lat_lon (37, 35, &x0, &y0);
      sitmap_mercator_from_lat_lon (32.5, 41.5, &x1, &y1);
      for (int x = (int) floor (x0 * n); x <= (int) floor (x1 * n); x++)
        for (int y = (int) floor (y0 * n); y <= (int) floor (y1 * n); y++)
          {
            g_autoptr (GBytes) tile = labelled_tile (z, x, y);

            tiles_writer_put (writer, z, x, n - 1 - y, tile);
          }
    }
  tiles_writer_close (writer);
  return path;
}

static SitmapTileSources *
tile_sources (void)
{
  return sitmap_source_chooser_get_sources (sitmap_window_get_source_chooser (window));
}

static gboolean
current_is_named (gpointer data)
{
  SitmapTileSource *current = sitmap_tile_sources_get_current (tile_sources ());

  return current != NULL && g_strcmp0 (sitmap_tile_source_get_name (current), data) == 0 &&
         !sitmap_tile_sources_get_busy (tile_sources ());
}

static gboolean
settlements_shown_is (gpointer data)
{
  return sitmap_place_layer_get_show_settlements (sitmap_window_get_place_layer (window)) == GPOINTER_TO_INT (data);
}

/* Whether the place layer's last frame wrote the gazetteer's name of a town. */
static gboolean
place_layer_names (const char *town)
{
  SitmapDocument *doc = document ();
  const guint32 *labelled;
  guint n;

  sitmap_test_wait_for_paint (GTK_WIDGET (sitmap_window_get_place_layer (window)));
  labelled = sitmap_place_layer_get_labelled (sitmap_window_get_place_layer (window), &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (sitmap_place_get_name (sitmap_document_get_place (doc, labelled[i])), town))
      return TRUE;
  return FALSE;
}

/* The label of a menu item shown in a popover of the window: its widget. */
static GtkWidget *
find_shown_label (const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      g_autoptr (GPtrArray) labels = sitmap_test_find_shown (toplevel, GTK_TYPE_LABEL);

      for (guint j = 0; j < labels->len; j++)
        if (g_strcmp0 (gtk_label_get_text (labels->pdata[j]), text) == 0)
          return labels->pdata[j];
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  return find_shown_label (data) != NULL;
}

/* Clicks "Show Town Names" in the map source menu, as a user does. */
static void
click_town_names (const char *shot)
{
  GtkWidget *chooser = GTK_WIDGET (sitmap_window_get_source_chooser (window));

  sitmap_test_click_centre (chooser);
  sitmap_test_wait_until (label_shown, (gpointer) "Show Town Names", 5000, "the map source menu");
  sitmap_test_wait_for_paint (find_shown_label ("Show Town Names"));
  if (shot != NULL)
    save_screen (shot);
  sitmap_test_click_centre (find_shown_label ("Show Town Names"));
}

typedef struct
{
  SitmapExporter *exporter;
  GFile *file;
} Exporting;

static gboolean
export_done (gpointer data)
{
  Exporting *exporting = data;

  return !sitmap_exporter_get_busy (exporting->exporter) && g_file_query_exists (exporting->file, NULL);
}

/* Whether text has a line that is exactly line (a name the map wrote, not a word of a note). */
static gboolean
has_line (const char *text, const char *line)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), line))
      return TRUE;
  return FALSE;
}

/* The text of a PDF export of the window's map, as pdftotext reads it. */
static char *
export_text (SitmapExporter *exporter, const char *dir, const char *name)
{
  g_autofree char *pdf = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  Exporting exporting = { exporter, file };
  SitmapExportOptions options;
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  int status;

  sitmap_export_options_init (&options);
  sitmap_exporter_fill_options (exporter, SITMAP_EXPORT_SIZE_A4_150, TRUE, 0, 0, &options);
  options.format = SITMAP_EXPORT_PDF;
  g_unlink (pdf);
  sitmap_exporter_export (exporter, &options, file);
  sitmap_test_wait_until (export_done, &exporting, 60000, "the export");
  sitmap_export_options_clear (&options);
  g_spawn_sync (NULL, (char *[]) { "pdftotext", pdf, "-", NULL }, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* Over a tile set that writes its towns' names, the map does not write them again ("Homs" over "Homs"),
 * nor does an export; "Show Town Names" in the source menu says otherwise, and is remembered. */
static void
test_labelled_mbtiles (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitmap-map-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (AdwToastOverlay) toasts = NULL;
  g_autoptr (SitmapExporter) exporter = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  SitmapTileSource *current;

  g_assert_no_error (error);
  path = write_labelled_mbtiles (dir);
  file = g_file_new_for_path (path);
  sitmap_source_chooser_add_file (sitmap_window_get_source_chooser (window), file);
  sitmap_test_wait_until (current_is_named, (gpointer) "Levant streets", 10000, "the tile set to be shown");
  current = sitmap_tile_sources_get_current (tile_sources ());
  id = g_strdup (sitmap_tile_source_get_id (current));
  g_assert_true (sitmap_tile_source_has_place_names (current));

  show_map_at (34.6, 37.6, 7);
  g_assert_false (sitmap_place_layer_get_show_settlements (sitmap_window_get_place_layer (window)));
  g_assert_false (place_layer_names ("Homs"));
  g_assert_false (place_layer_names ("Palmyra (Tadmur)"));
  save_screenshot ("labelled-mbtiles.png");
  toasts = g_object_ref_sink (ADW_TOAST_OVERLAY (adw_toast_overlay_new ()));
  exporter = sitmap_exporter_new (GTK_WINDOW (window), sitmap_window_get_view_state (window),
                                  sitmap_window_get_map (window), tile_sources (), toasts);
  text = export_text (exporter, dir, "named-by-tiles.pdf");
  g_assert_false (has_line (text, "Homs"));
  g_assert_false (has_line (text, "Palmyra (Tadmur)"));
  /* The areas' names are the document's alone: still there. */
  g_assert_true (has_line (text, "Homs governorate"));
  g_clear_pointer (&text, g_free);

  /* The user says the map should name its towns after all. */
  click_town_names ("labelled-mbtiles-menu.png");
  sitmap_test_wait_until (settlements_shown_is, GINT_TO_POINTER (TRUE), 5000, "the town names to be shown");
  g_assert_true (place_layer_names ("Homs"));
  save_screenshot ("labelled-mbtiles-town-names-on.png");
  g_assert_true (sitmap_tile_source_get_place_names_chosen (sitmap_tile_sources_get_current (tile_sources ())));
  text = export_text (exporter, dir, "named-by-sitmap.pdf");
  g_assert_true (has_line (text, "Homs"));
  g_clear_pointer (&text, g_free);

  /* And back. */
  sitmap_test_key (GTK_WIDGET (window), "Escape");
  click_town_names (NULL);
  sitmap_test_wait_until (settlements_shown_is, GINT_TO_POINTER (FALSE), 5000, "the town names to be left out");

  sitmap_tile_sources_choose (tile_sources (), SITMAP_TILE_SOURCES_OFFLINE_ID);
  sitmap_test_wait_until (current_is_named, (gpointer) "Offline Basemap", 10000, "the basemap again");
  sitmap_tile_sources_remove (tile_sources (), id);
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "levant-streets.mbtiles", "named-by-tiles.pdf", "named-by-sitmap.pdf" };
      g_autofree char *made = g_build_filename (dir, names[i], NULL);

      g_unlink (made);
    }
  g_remove (dir);
}

/*
 * Tiles that cannot be loaded
 */

/* A port on the loopback interface where nothing listens: requests fail there as they do without a
 * network, and reach no network. */
static guint16
closed_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

static SitmapTileStatus *
tile_status (void)
{
  g_autoptr (GPtrArray) all = sitmap_test_find_shown (window, SITMAP_TYPE_TILE_STATUS);

  g_assert_cmpuint (all->len, ==, 1);
  return all->pdata[0];
}

static gboolean
status_shown_is (gpointer data)
{
  SitmapTileStatus *status = tile_status ();
  GtkWidget *box = gtk_revealer_get_child (GTK_REVEALER (gtk_widget_get_first_child (GTK_WIDGET (status))));

  /* Said, and seen: the revealer open all the way. */
  return sitmap_tile_status_get_shown (status) == GPOINTER_TO_INT (data) &&
         gtk_widget_get_child_visible (box) == GPOINTER_TO_INT (data) &&
         (!GPOINTER_TO_INT (data) || gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (box))));
}

/* An online source without a network: the map says its tiles cannot be loaded, once, over the map (no
 * dialog, nothing per tile), and Use Offline Map brings the offline basemap back, and the message goes. */
static void
test_tiles_cannot_load (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", closed_port ());
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GList) others = NULL;
  GtkWidget *button;

  show_map_at (SYRIA_LATITUDE, SYRIA_LONGITUDE, 7);
  g_assert_false (sitmap_tile_status_get_shown (tile_status ()));
  id = g_strdup (sitmap_tile_source_get_id (
    sitmap_tile_sources_add_online (tile_sources (), "Nobody listens", url, NULL, &error)));
  g_assert_no_error (error);
  sitmap_test_wait_until (status_shown_is, GINT_TO_POINTER (TRUE), 20000, "the map to say its tiles cannot be loaded");
  text = sitmap_test_collect_text (GTK_WIDGET (tile_status ()));
  g_assert_nonnull (strstr (text, "Map tiles cannot be loaded — check the network connection"));
  g_assert_nonnull (strstr (text, "Use Offline Map"));
  others = sitmap_test_list_other_windows (GTK_WINDOW (window));
  g_assert_null (others);
  /* Without its tiles the map names no town: the document's names stand in. */
  g_assert_true (sitmap_place_layer_get_show_settlements (sitmap_window_get_place_layer (window)));
  save_screen ("tiles-cannot-load.png");

  button = sitmap_test_find_first_shown (tile_status (), GTK_TYPE_BUTTON);
  sitmap_test_click_centre (button);
  sitmap_test_wait_until (current_is_named, (gpointer) "Offline Basemap", 10000, "the offline basemap");
  sitmap_test_wait_until (status_shown_is, GINT_TO_POINTER (FALSE), 5000, "the message to go");
  sitmap_tile_sources_remove (tile_sources (), id);
}

/*
 * Bringing the selection into view
 */

static SitmapViewState *
state (void)
{
  return sitmap_window_get_view_state (window);
}

static gint
find_event (const char *id)
{
  gint position = sitmap_document_find_event (document (), id);

  g_assert_cmpint (position, >=, 0);
  return position;
}

static void
event_point (gint position, double *x, double *y)
{
  g_assert_true (sitmap_event_layer_get_event_point (sitmap_window_get_event_layer (window), position, x, y));
}

static gboolean
in_map (double x, double y)
{
  GtkWidget *layer = event_layer ();

  return x >= 0 && y >= 0 && x <= gtk_widget_get_width (layer) && y <= gtk_widget_get_height (layer);
}

static ShumateViewport *
viewport (void)
{
  return shumate_simple_map_get_viewport (sitmap_window_get_map (window));
}

/* The map has come to rest with the event in its middle (to the pixel). */
static gboolean
map_centred_on (gpointer data)
{
  GtkWidget *layer = event_layer ();
  double x, y;

  sitmap_test_wait_for_paint (layer);
  event_point (GPOINTER_TO_INT (data), &x, &y);
  return fabs (x - gtk_widget_get_width (layer) / 2.0) < 1.5 && fabs (y - gtk_widget_get_height (layer) / 2.0) < 1.5;
}

/* The timeline's window holds the event's time (its known bound, for a span open at the other). */
static gboolean
timeline_shows (gint position)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document ());
  gint64 start, end, event_start = columns->start[position];
  gint64 event_end = sitmap_event_columns_get_end (columns, position);

  sitmap_view_state_get_window (state (), &start, &end);
  if (event_start == SITMAP_TIME_OPEN_START)
    event_start = event_end - 1;
  if (event_end == SITMAP_TIME_OPEN_END)
    event_end = event_start + 1;
  return event_start >= start && event_end <= end;
}

static gboolean
timeline_shows_cb (gpointer data)
{
  return timeline_shows (GPOINTER_TO_INT (data));
}

static gboolean
selected_is (gpointer data)
{
  return sitmap_view_state_get_selected (state ()) == GPOINTER_TO_INT (data);
}

/* A week of December 2024, which the older events are not in. */
static void
show_december_week (void)
{
  GDateTime *from = g_date_time_new_utc (2024, 12, 3, 0, 0, 0);

  sitmap_view_state_set_window (state (), g_date_time_to_unix (from), g_date_time_to_unix (from) + 7 * 86400);
  g_date_time_unref (from);
}

static GtkWidget *
find_switcher_button (const char *label)
{
  g_autoptr (GPtrArray) buttons = sitmap_test_find_shown (sitmap_window_get_sidebar (window), GTK_TYPE_TOGGLE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      g_autofree char *text = sitmap_test_collect_text (buttons->pdata[i]);

      if (g_strcmp0 (g_strstrip (text), label) == 0)
        return buttons->pdata[i];
    }
  g_error ("no switcher button reads “%s”", label);
  return NULL;
}

static GtkWidget *
find_label_in (gpointer root, const char *text)
{
  g_autoptr (GPtrArray) labels = sitmap_test_find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  g_error ("no shown label reads “%s”", text);
  return NULL;
}

/* An event picked in the events list, far off the map and outside the timeline's window: the map flies
 * to it, keeping its zoom, and the timeline scrolls to it; known only to the month, it is longer than
 * the week shown, and the window grows to hold it, no more. */
static void
test_reveal_from_list (void)
{
  SitmapEventsPanel *panel = sitmap_sidebar_get_events_panel (sitmap_window_get_sidebar (window));
  gint baghouz = find_event (BAGHOUZ_ID);
  g_autoptr (SitmapEvent) event = sitmap_document_get_event (document (), baghouz);
  gint64 start, end;
  double x, y;

  sitmap_view_state_set_selected (state (), -1);
  show_map_at (33.51, 36.29, 9);
  show_december_week ();
  event_point (baghouz, &x, &y);
  g_assert_false (in_map (x, y));
  g_assert_false (timeline_shows (baghouz));

  sitmap_test_click_centre (find_switcher_button ("Events"));
  sitmap_test_wait_for_transitions (GTK_WIDGET (sitmap_window_get_sidebar (window)));
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  sitmap_test_click_centre (find_label_in (sitmap_events_panel_get_column_view (panel), sitmap_event_get_title (event)));
  sitmap_test_wait_until (selected_is, GINT_TO_POINTER (baghouz), 5000, "the row to select its event");
  sitmap_test_wait_until (map_centred_on, GINT_TO_POINTER (baghouz), 5000, "the map to fly to Baghouz");
  sitmap_test_wait_until (timeline_shows_cb, GINT_TO_POINTER (baghouz), 5000, "the timeline to scroll to March 2019");
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport ()), ==, 9);
  sitmap_view_state_get_window (state (), &start, &end);
  g_assert_cmpint (end - start, <=, 31 * 86400 * 6 / 5);
  save_screen ("reveal-from-list.png");
  sitmap_sidebar_show_details (sitmap_window_get_sidebar (window));
}

/* Alt+Down, with the keyboard on the map: the next event in time, off screen, is brought into view. */
static void
test_reveal_alt_down (void)
{
  gint offensive = find_event ("ev-2024-11-27-offensive");
  gint strikes = find_event ("ev-2024-12-07-us-strikes");
  gint64 start, end;
  double x, y;

  sitmap_view_state_set_selected (state (), -1);
  show_map_at (36.05, 36.9, 10);
  sitmap_test_click (event_layer (), 10, gtk_widget_get_height (event_layer ()) - 10);
  sitmap_view_state_set_selected (state (), offensive);
  sitmap_view_state_set_window (state (), 1732060800 /* 20 Nov 2024 */, 1732060800 + 10 * 86400);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  event_point (strikes, &x, &y);
  g_assert_false (in_map (x, y));
  g_assert_false (timeline_shows (strikes));

  sitmap_test_key (GTK_WIDGET (window), "alt+Down");
  sitmap_test_wait_until (selected_is, GINT_TO_POINTER (strikes), 5000, "Alt+Down to select the next event");
  sitmap_test_wait_until (map_centred_on, GINT_TO_POINTER (strikes), 5000, "the map to fly to the strikes");
  sitmap_test_wait_until (timeline_shows_cb, GINT_TO_POINTER (strikes), 5000, "the timeline to scroll to 7 December");
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport ()), ==, 10);
  /* A day's event in a ten days' window: the window keeps its length. */
  sitmap_view_state_get_window (state (), &start, &end);
  g_assert_cmpint (end - start, ==, 10 * 86400);
}

/* A click on an event the map shows selects it, and the map does not move; nor does the timeline,
 * which shows it too. */
static void
test_click_in_view_stays (void)
{
  gint sukhna = find_event (SUKHNA_ID);
  double x, y, latitude, longitude;
  gint64 start, end, start_after, end_after;

  sitmap_view_state_set_selected (state (), -1);
  show_map_at (34.6, 38.3, 8);
  sitmap_view_state_set_window (state (), 1733443200 /* 6 Dec 2024 */, 1733443200 + 7 * 86400);
  event_point (sukhna, &x, &y);
  g_assert_true (in_map (x, y));
  g_assert_true (timeline_shows (sukhna));
  latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport ()));
  longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport ()));
  sitmap_view_state_get_window (state (), &start, &end);

  sitmap_test_click (event_layer (), x, y);
  sitmap_test_wait_until (selected_is, GINT_TO_POINTER (sukhna), 5000, "the click to select As-Sukhnah");
  /* Long enough for a flight to have begun. */
  for (guint i = 0; i < 5; i++)
    sitmap_test_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport ())), ==, latitude);
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport ())), ==, longitude);
  sitmap_view_state_get_window (state (), &start_after, &end_after);
  g_assert_cmpint (start_after, ==, start);
  g_assert_cmpint (end_after, ==, end);
}

/* Every visible event with a place is on the map, well inside it, and every dated one's time on the
 * timeline. */
static gboolean
all_events_shown (gpointer data)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document ());
  GtkWidget *layer = event_layer ();
  const guint32 *visible;
  guint n;

  sitmap_test_wait_for_paint (layer);
  visible = sitmap_view_state_get_visible (state (), &n);
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      if ((columns->flags[visible[i]] & SITMAP_EVENT_FLAG_PLACED) &&
          (event_point (visible[i], &x, &y),
           x < 20 || y < 20 || x > gtk_widget_get_width (layer) - 20 || y > gtk_widget_get_height (layer) - 20))
        return FALSE;
      if (visible[i] < columns->n_dated && !timeline_shows (visible[i]))
        return FALSE;
    }
  return TRUE;
}

/* Ctrl+Return zooms in on the selected event; Ctrl+0 shows every event, on the map and the timeline. */
static void
test_zoom_to_event_and_show_all (void)
{
  gint sukhna = find_event (SUKHNA_ID);
  double zoom_before;

  show_map_at (34.6, 38.3, 6);
  sitmap_view_state_set_selected (state (), sukhna);
  sitmap_test_wait_for_paint (GTK_WIDGET (window));
  zoom_before = shumate_viewport_get_zoom_level (viewport ());
  sitmap_test_key (GTK_WIDGET (window), "ctrl+Return");
  sitmap_test_wait_until (map_centred_on, GINT_TO_POINTER (sukhna), 5000, "the map to centre As-Sukhnah");
  /* As-Sukhnah is known to the town: zoomed in to where a town can be told. */
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport ()), >=, zoom_before + 3);
  save_screen ("zoom-to-event.png");

  show_december_week ();
  g_assert_false (all_events_shown (NULL));
  sitmap_test_key (GTK_WIDGET (window), "ctrl+0");
  sitmap_test_wait_until (all_events_shown, NULL, 5000, "every event on the map and the timeline");
  save_screen ("show-all-events.png");
}

int
main (int argc, char *argv[])
{
  g_autoptr (SitmapApplication) app = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app = sitmap_application_new ();
  window = sitmap_test_start (app);
  sitmap_test_wait_for_document (window);

  g_test_add_func ("/map-view/focus-ring/light", test_focus_ring_light);
  g_test_add_func ("/map-view/focus-ring/dark", test_focus_ring_dark);
  g_test_add_func ("/map-view/focus-ring/annotations", test_focus_ring_annotations);
  g_test_add_func ("/map-view/annotations/world-zoom", test_annotations_world_zoom);
  g_test_add_func ("/map-view/labelled-mbtiles", test_labelled_mbtiles);
  g_test_add_func ("/map-view/tiles-cannot-load", test_tiles_cannot_load);
  g_test_add_func ("/map-view/reveal/from-list", test_reveal_from_list);
  g_test_add_func ("/map-view/reveal/alt-down", test_reveal_alt_down);
  g_test_add_func ("/map-view/reveal/click-in-view-stays", test_click_in_view_stays);
  g_test_add_func ("/map-view/zoom-to-event-and-show-all", test_zoom_to_event_and_show_all);
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
