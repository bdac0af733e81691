/* test-timeline-render.c: the timeline as pixels, in light and dark style, saved as PNGs to look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-timeline-render"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>

#include "sitmap-timeline-private.h"
#include "timeline-test-utils.h"

#define WIDTH 1000
#define HEIGHT 150

typedef struct
{
  GBytes *bytes;
  gsize   stride;
} Pixels;

static Pixels *
pixels_new (GdkTexture *texture)
{
  Pixels *pixels = g_new0 (Pixels, 1);
  gsize stride = gdk_texture_get_width (texture) * 4;
  guchar *data = g_malloc (stride * gdk_texture_get_height (texture));

  gdk_texture_download (texture, data, stride);
  pixels->bytes = g_bytes_new_take (data, stride * gdk_texture_get_height (texture));
  pixels->stride = stride;
  return pixels;
}

static void
pixels_free (Pixels *pixels)
{
  g_bytes_unref (pixels->bytes);
  g_free (pixels);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

/* gdk_texture_download () gives premultiplied ARGB32 in native order; the background is opaque. */
static GdkRGBA
pixel_at (Pixels *pixels, double x, double y)
{
  const guchar *p = (const guchar *) g_bytes_get_data (pixels->bytes, NULL) + (gsize) y * pixels->stride +
                    (gsize) x * 4;
  guint32 argb = *(const guint32 *) (gconstpointer) p;

  return (GdkRGBA) { ((argb >> 16) & 0xff) / 255.f, ((argb >> 8) & 0xff) / 255.f, (argb & 0xff) / 255.f,
                     (argb >> 24) / 255.f };
}

static double
distance (const GdkRGBA *a, const GdkRGBA *b)
{
  return sqrt ((a->red - b->red) * (a->red - b->red) + (a->green - b->green) * (a->green - b->green) +
               (a->blue - b->blue) * (a->blue - b->blue));
}

/* How far a pixel has gone from the background towards the category's colour: 0 nothing, 1 all. */
static double
strength (Pixels *pixels, double x, double y, const GdkRGBA *background, SitmapCategory category)
{
  GdkRGBA color, pixel = pixel_at (pixels, x, y);

  gdk_rgba_parse (&color, sitmap_category_get_color (category));
  return distance (&pixel, background) / distance (&color, background);
}

typedef struct
{
  SitmapDocument  *document;
  SitmapViewState *view_state;
  SitmapTimeline  *timeline;
  GtkWidget       *window;
} Scene;

static void
scene_init (Scene *scene)
{
  scene->document = timeline_test_demo_document ();
  scene->view_state = sitmap_view_state_new ();
  sitmap_view_state_set_document (scene->view_state, scene->document);
  scene->timeline = SITMAP_TIMELINE (sitmap_timeline_new ());
  sitmap_timeline_set_view_state (scene->timeline, scene->view_state);
  scene->window = timeline_test_show (GTK_WIDGET (scene->timeline), WIDTH, HEIGHT);
}

static void
scene_clear (Scene *scene)
{
  gtk_window_destroy (GTK_WINDOW (scene->window));
  timeline_test_settle ();
  g_clear_object (&scene->view_state);
  g_clear_object (&scene->document);
}

static graphene_rect_t
bounds_of (Scene *scene, const char *id)
{
  graphene_rect_t bounds;

  g_assert_true (sitmap_timeline_get_mark_bounds (scene->timeline, sitmap_document_find_event (scene->document, id),
                                                  &bounds));
  return bounds;
}

static Pixels *
render (Scene *scene, const char *name, gboolean dark)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), "timeline", file, NULL);
  g_autoptr (GdkTexture) texture = timeline_test_render (GTK_WIDGET (scene->timeline), path);

  g_test_message ("Saved %s", path);
  return pixels_new (texture);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  timeline_test_settle ();
}

/* The decade: 2011 and March 2019 are faint washes over their year and month, the December days are
 * crisp, the open span is strong where it begins. */
static void
check_decade (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  Scene scene;
  g_autoptr (Pixels) pixels = NULL;
  graphene_rect_t year, month, day, open;
  GdkRGBA background;
  float top_lane;

  set_dark (dark);
  scene_init (&scene);
  sitmap_view_state_set_window (scene.view_state, timeline_test_time ("2010-01-01"),
                                timeline_test_time ("2025-06-01"));
  pixels = render (&scene, "timeline-decade", dark);
  top_lane = _sitmap_timeline_lane_y (scene.timeline, scene.timeline->n_lanes - 1) + 5;
  background = pixel_at (pixels, sitmap_timeline_time_to_x (scene.timeline, timeline_test_time ("2010-06-15")),
                         top_lane);
  g_assert_cmpint (background.red + background.green + background.blue < 1.5, ==, dark);

  year = bounds_of (&scene, "ev-2011");
  month = bounds_of (&scene, "ev-baghouz");
  day = bounds_of (&scene, "ev-sukhna");
  open = bounds_of (&scene, "ev-badia");
  g_assert_cmpfloat (strength (pixels, year.origin.x + year.size.width / 2, year.origin.y + 5, &background,
                               SITMAP_CATEGORY_STRATEGIC), <, 0.5);
  g_assert_cmpfloat (strength (pixels, year.origin.x + year.size.width / 2, year.origin.y + 5, &background,
                               SITMAP_CATEGORY_STRATEGIC), >, 0.15);
  g_assert_cmpfloat (strength (pixels, month.origin.x + month.size.width / 2, month.origin.y + 5, &background,
                               SITMAP_CATEGORY_BATTLE), <, 0.5);
  g_assert_cmpfloat (strength (pixels, day.origin.x + day.size.width / 2, day.origin.y + 5, &background,
                               SITMAP_CATEGORY_BATTLE), >, 0.9);
  if (!dark)
    {
      g_assert_cmpfloat (strength (pixels, open.origin.x + 2, open.origin.y + 5, &background, SITMAP_CATEGORY_CONTEXT),
                         >, 0.8);
      g_assert_cmpfloat (strength (pixels, WIDTH - 2, open.origin.y + 5, &background, SITMAP_CATEGORY_CONTEXT), <,
                         0.1);
    }
  scene_clear (&scene);
}

/* Nov–Dec 2024 with 1–10 December selected as the range and Sukhna selected: the 27 November offensive,
 * outside the range, is dimmed; the strikes are a solid two-day bar. */
static void
check_month (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  Scene scene;
  g_autoptr (Pixels) pixels = NULL;
  graphene_rect_t offensive, strikes, sukhna;
  GdkRGBA background;

  set_dark (dark);
  scene_init (&scene);
  sitmap_view_state_set_window (scene.view_state, timeline_test_time ("2024-11-01"),
                                timeline_test_time ("2025-01-01"));
  sitmap_view_state_set_range (scene.view_state, timeline_test_time ("2024-12-01"),
                               timeline_test_time ("2024-12-11"));
  sitmap_view_state_set_selected (scene.view_state, sitmap_document_find_event (scene.document, "ev-sukhna"));
  pixels = render (&scene, "timeline-month", dark);
  offensive = bounds_of (&scene, "ev-offensive");
  strikes = bounds_of (&scene, "ev-strikes");
  sukhna = bounds_of (&scene, "ev-sukhna");
  background = pixel_at (pixels, offensive.origin.x - 30, offensive.origin.y + 5);

  g_assert_cmpfloat (strength (pixels, offensive.origin.x + offensive.size.width / 2, offensive.origin.y + 5,
                               &background, SITMAP_CATEGORY_BATTLE), <, 0.4);
  g_assert_cmpfloat (strength (pixels, sukhna.origin.x + sukhna.size.width / 2, sukhna.origin.y + 5, &background,
                               SITMAP_CATEGORY_BATTLE), >, 0.85);
  g_assert_cmpfloat (strength (pixels, strikes.origin.x + 3, strikes.origin.y + 5, &background,
                               SITMAP_CATEGORY_REMOTE_VIOLENCE), >, 0.75);
  g_assert_cmpfloat (strength (pixels, strikes.origin.x + strikes.size.width - 3, strikes.origin.y + 5, &background,
                               SITMAP_CATEGORY_REMOTE_VIOLENCE), >, 0.75);
  g_assert_true (gtk_widget_get_mapped (scene.timeline->range_box));
  scene_clear (&scene);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  /* No accessibility bus (GTK_A11Y is GTK 4's switch): plain xvfb-run has no session bus, and GTK
   * would warn, fatally under GTest. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run the %s tests under xvfb-run\n", "timeline render");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_init ();
  timeline_test_load_app_style ();

  g_test_add_data_func ("/timeline/render/decade/light", GINT_TO_POINTER (FALSE), check_decade);
  g_test_add_data_func ("/timeline/render/decade/dark", GINT_TO_POINTER (TRUE), check_decade);
  g_test_add_data_func ("/timeline/render/month/light", GINT_TO_POINTER (FALSE), check_month);
  g_test_add_data_func ("/timeline/render/month/dark", GINT_TO_POINTER (TRUE), check_month);
  return g_test_run ();
}
