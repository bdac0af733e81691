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
  top_lane = sitmap_timeline_layout_lane_y (scene.timeline->layout, sitmap_timeline_layout_get_n_lanes (scene.timeline->layout) - 1) + 5;
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
  g_assert_true (gtk_widget_get_mapped (scene.timeline->header->range_box));
  scene_clear (&scene);
}

static double
x_of (Scene *scene, const char *iso)
{
  return sitmap_timeline_time_to_x (scene->timeline, timeline_test_time (iso));
}

/* The strikes of 7–8 December, cut by a range from the 8th: with the overlap rule the half inside is
 * strong and the half outside dimmed; with the within rule, all of it is dimmed. */
static void
check_partial (gconstpointer data)
{
  gboolean within = GPOINTER_TO_INT (data);
  Scene scene;
  g_autoptr (Pixels) pixels = NULL;
  graphene_rect_t strikes;
  GdkRGBA background;
  double y, inside, outside;

  set_dark (FALSE);
  scene_init (&scene);
  sitmap_view_state_set_window (scene.view_state, timeline_test_time ("2024-11-20"),
                                timeline_test_time ("2024-12-20"));
  sitmap_view_state_set_range_rule (scene.view_state, within ? SITMAP_RANGE_WITHIN : SITMAP_RANGE_OVERLAPPING);
  sitmap_view_state_set_range (scene.view_state, timeline_test_time ("2024-12-08"), timeline_test_time ("2024-12-15"));
  pixels = render (&scene, within ? "timeline-partial-within" : "timeline-partial-overlapping", FALSE);
  strikes = bounds_of (&scene, "ev-strikes");
  y = strikes.origin.y + SITMAP_TIMELINE_MARK_HEIGHT / 2;
  background = pixel_at (pixels, x_of (&scene, "2024-11-22"), y);
  inside = strength (pixels, (x_of (&scene, "2024-12-08") + x_of (&scene, "2024-12-09")) / 2, y, &background,
                     SITMAP_CATEGORY_REMOTE_VIOLENCE);
  outside = strength (pixels, (x_of (&scene, "2024-12-07") + x_of (&scene, "2024-12-08")) / 2, y, &background,
                      SITMAP_CATEGORY_REMOTE_VIOLENCE);
  g_assert_cmpfloat (outside, <, 0.4);
  if (within)
    g_assert_cmpfloat (inside, <, 0.5);
  else
    g_assert_cmpfloat (inside, >, 0.75);
  scene_clear (&scene);
}

static SitmapDocument *
crowded_document (void)
{
  SitmapDocumentBuilder *builder = sitmap_document_builder_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);

  for (int i = 0; i < 20000; i++)
    {
      /* Busier towards the end of the year */
      double u = sqrt (g_rand_double (rand));
      gint64 t = timeline_test_time ("2024-01-01") + (gint64) (u * 365) * 86400;
      g_autofree char *day = sitmap_time_format_bound (t, SITMAP_TIME_UNIT_DAY);

      timeline_test_add_event (builder, NULL, i % 4 ? "crowd march" : "crowd clash",
                               i % 4 ? SITMAP_CATEGORY_PROTEST : SITMAP_CATEGORY_BATTLE, day, NULL, NULL);
    }
  return sitmap_document_builder_finish (builder);
}

/* Twenty thousand events in a year: the histogram takes the lanes' place, stacked by category, taller
 * where there are more, dimmed outside the range. */
static void
check_dense (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr (SitmapDocument) crowded = crowded_document ();
  g_autoptr (Pixels) pixels = NULL;
  Scene scene;
  GdkRGBA background;
  double low, bottom, in_range, out_range;
  float top;

  set_dark (dark);
  scene_init (&scene);
  sitmap_view_state_set_document (scene.view_state, crowded);
  sitmap_view_state_set_window (scene.view_state, timeline_test_time ("2023-12-01"),
                                timeline_test_time ("2025-02-01"));
  sitmap_view_state_set_range (scene.view_state, timeline_test_time ("2024-10-01"), timeline_test_time ("2025-01-01"));
  pixels = render (&scene, "timeline-dense", dark);
  g_assert_true (sitmap_timeline_get_dense (scene.timeline));
  top = sitmap_timeline_layout_plot_top (scene.timeline->layout);
  bottom = sitmap_timeline_layout_get_axis_y (scene.timeline->layout) - 2;
  low = top + 4;
  background = pixel_at (pixels, x_of (&scene, "2023-12-10"), bottom);
  /* Protests (three in four) at the foot of every bar in the year, dimmed before October */
  out_range = strength (pixels, x_of (&scene, "2024-06-15"), bottom, &background, SITMAP_CATEGORY_PROTEST);
  in_range = strength (pixels, x_of (&scene, "2024-12-15"), bottom, &background, SITMAP_CATEGORY_PROTEST);
  g_assert_cmpfloat (in_range, >, 0.5);
  g_assert_cmpfloat (out_range, <, in_range * 0.6);
  g_assert_cmpfloat (out_range, >, 0.05);
  /* Nothing outside the data; and the busiest weeks reach higher than the quiet ones */
  g_assert_cmpfloat (strength (pixels, x_of (&scene, "2023-12-10"), low, &background, SITMAP_CATEGORY_PROTEST), <,
                     0.05);
  g_assert_cmpfloat (strength (pixels, x_of (&scene, "2024-02-15"), low, &background, SITMAP_CATEGORY_PROTEST), <,
                     0.05);
  scene_clear (&scene);
}

/* Playing, the playhead is on the range's leading edge, in the accent colour, and over the axis. */
static void
check_playhead (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr (Pixels) pixels = NULL;
  Scene scene;
  GdkRGBA knob, background;
  double x;

  set_dark (dark);
  scene_init (&scene);
  sitmap_view_state_set_window (scene.view_state, timeline_test_time ("2024-11-20"),
                                timeline_test_time ("2024-12-14"));
  sitmap_view_state_set_range (scene.view_state, timeline_test_time ("2024-11-27"), timeline_test_time ("2024-12-04"));
  sitmap_view_state_set_selected (scene.view_state, sitmap_document_find_event (scene.document, "ev-offensive"));
  sitmap_playback_play (sitmap_timeline_get_playback (scene.timeline));
  _sitmap_timeline_playback_tick (scene.timeline, 4 * G_USEC_PER_SEC / 4);
  _sitmap_timeline_playback_tick (scene.timeline, G_USEC_PER_SEC);
  _sitmap_timeline_playback_tick (scene.timeline, G_USEC_PER_SEC);
  _sitmap_timeline_playback_tick (scene.timeline, G_USEC_PER_SEC);
  pixels = render (&scene, "timeline-playback", dark);
  /* A ring on the axis at the playhead (the accent is blue), and none on the range's other edge */
  x = x_of (&scene, "2024-12-08");
  knob = pixel_at (pixels, x + 4, sitmap_timeline_layout_get_axis_y (scene.timeline->layout) + 2);
  g_assert_cmpfloat (knob.blue, >, knob.red + 0.2);
  x = x_of (&scene, "2024-12-01");
  background = pixel_at (pixels, x + 4, sitmap_timeline_layout_get_axis_y (scene.timeline->layout) + 2);
  g_assert_cmpfloat (distance (&knob, &background), >, 0.3);
  scene_clear (&scene);
}

/* In a right-to-left locale the decade reads from right to left: 2011 is near the right edge. */
static void
check_rtl (void)
{
  g_autoptr (Pixels) pixels = NULL;
  graphene_rect_t year;
  GdkRGBA background;
  Scene scene;

  set_dark (FALSE);
  scene_init (&scene);
  gtk_widget_set_direction (GTK_WIDGET (scene.timeline), GTK_TEXT_DIR_RTL);
  sitmap_view_state_set_window (scene.view_state, timeline_test_time ("2010-01-01"),
                                timeline_test_time ("2025-06-01"));
  pixels = render (&scene, "timeline-rtl", FALSE);
  year = bounds_of (&scene, "ev-2011");
  g_assert_cmpfloat (year.origin.x, >, WIDTH * 0.8);
  background = pixel_at (pixels, year.origin.x - 30, year.origin.y + 5);
  g_assert_cmpfloat (strength (pixels, year.origin.x + year.size.width / 2, year.origin.y + 5, &background,
                               SITMAP_CATEGORY_STRATEGIC), >, 0.15);
  scene_clear (&scene);
}

/* Whether a pixel of a bar is of the battle's colour rather than the protest's. */
static gboolean
closer_to_battle (Pixels *pixels, double x, double y)
{
  GdkRGBA battle, protest, pixel = pixel_at (pixels, x, y);

  gdk_rgba_parse (&battle, sitmap_category_get_color (SITMAP_CATEGORY_BATTLE));
  gdk_rgba_parse (&protest, sitmap_category_get_color (SITMAP_CATEGORY_PROTEST));
  return distance (&pixel, &battle) < distance (&pixel, &protest);
}

/* A search for the clashes among the crowd: the bars are the clashes' alone, battle-coloured from foot
 * to top, where without the search protests fill three quarters of them. */
static void
check_dense_filtered (void)
{
  g_autoptr (SitmapDocument) crowded = crowded_document ();
  g_autoptr (Pixels) all = NULL;
  g_autoptr (Pixels) pixels = NULL;
  const char *days[] = { "2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15" };
  guint protest_pixels = 0, bar_pixels = 0;
  Scene scene;
  GdkRGBA background;
  float top, bottom;

  set_dark (FALSE);
  scene_init (&scene);
  sitmap_view_state_set_document (scene.view_state, crowded);
  sitmap_view_state_set_window (scene.view_state, timeline_test_time ("2023-12-01"),
                                timeline_test_time ("2025-02-01"));
  all = render (&scene, "timeline-dense-unfiltered", FALSE);
  sitmap_view_state_set_text (scene.view_state, "clash");
  pixels = render (&scene, "timeline-dense-filtered", FALSE);
  g_assert_true (sitmap_timeline_get_dense (scene.timeline));
  top = sitmap_timeline_layout_plot_top (scene.timeline->layout);
  bottom = sitmap_timeline_layout_get_axis_y (scene.timeline->layout) - 2;
  background = pixel_at (pixels, x_of (&scene, "2023-12-10"), bottom);
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      double x = x_of (&scene, days[d]);

      g_assert_cmpfloat (strength (pixels, x, bottom, &background, SITMAP_CATEGORY_BATTLE), >, 0.5);
      g_assert_false (closer_to_battle (all, x, bottom) && closer_to_battle (all, x, bottom - 8) &&
                      closer_to_battle (all, x, bottom - 16));
      for (float y = bottom; y > top; y -= 1)
        {
          GdkRGBA pixel = pixel_at (pixels, x, y);

          if (distance (&pixel, &background) < 0.15)
            continue;
          bar_pixels++;
          protest_pixels += !closer_to_battle (pixels, x, y);
        }
    }
  g_assert_cmpuint (bar_pixels, >, 40);
  g_assert_cmpuint (protest_pixels, ==, 0);
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
  g_test_add_data_func ("/timeline/render/partial/overlapping", GINT_TO_POINTER (FALSE), check_partial);
  g_test_add_data_func ("/timeline/render/partial/within", GINT_TO_POINTER (TRUE), check_partial);
  g_test_add_data_func ("/timeline/render/dense/light", GINT_TO_POINTER (FALSE), check_dense);
  g_test_add_data_func ("/timeline/render/dense/dark", GINT_TO_POINTER (TRUE), check_dense);
  g_test_add_func ("/timeline/render/dense/filtered", check_dense_filtered);
  g_test_add_data_func ("/timeline/render/playback/light", GINT_TO_POINTER (FALSE), check_playhead);
  g_test_add_data_func ("/timeline/render/playback/dark", GINT_TO_POINTER (TRUE), check_playhead);
  g_test_add_func ("/timeline/render/rtl", check_rtl);
  return g_test_run ();
}
