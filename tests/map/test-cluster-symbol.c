/* test-cluster-symbol.c: the cluster symbol's cairo drawing, which the map's textures and exports share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cluster-symbol"

#include "config.h"

#include <math.h>

#include "sitmap-cluster-index.h"
#include "sitmap-cluster-symbol.h"
#include "sitmap-symbol.h"

/* Pixels drawn at four times the logical size, so that one logical pixel is several samples. */
#define SCALE 4.0
#define SIDE 240

typedef struct
{
  double r, g, b, a; /* unpremultiplied, 0–1 */
} Color;

typedef struct
{
  cairo_surface_t *surface;
  PangoLayout     *count;
} Drawing;

static void
drawing_free (Drawing *drawing)
{
  cairo_surface_destroy (drawing->surface);
  g_clear_object (&drawing->count);
  g_free (drawing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drawing, drawing_free)

/* The symbol centred on a transparent square SIDE device pixels wide, its count in a plain bold font. */
static Drawing *
draw (const SitmapClusterSymbol *symbol, const char *count)
{
  Drawing      *drawing = g_new0 (Drawing, 1);
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
  cairo_t *cr;

  drawing->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIDE, SIDE);
  cairo_surface_set_device_scale (drawing->surface, SCALE, SCALE);
  cr = cairo_create (drawing->surface);
  if (count != NULL)
    {
      drawing->count = sitmap_cluster_symbol_create_layout (context, font);
      pango_layout_set_text (drawing->count, count, -1);
    }
  sitmap_cluster_symbol_draw (cr, symbol, drawing->count, SIDE / SCALE / 2, SIDE / SCALE / 2);
  cairo_destroy (cr);
  cairo_surface_flush (drawing->surface);
  g_object_unref (context);
  return drawing;
}

/* At (dx, dy) logical pixels from the centre. */
static Color
color_at (const Drawing *drawing, double dx, double dy)
{
  int           x = (int)floor (SIDE / 2 + dx * SCALE), y = (int)floor (SIDE / 2 + dy * SCALE);
  const guchar *p;

  g_assert_true (x >= 0 && y >= 0 && x < SIDE && y < SIDE);
  p = cairo_image_surface_get_data (drawing->surface) + y * cairo_image_surface_get_stride (drawing->surface) + 4 * x;
  if (p[3] == 0)
    return (Color){ 0, 0, 0, 0 };
  return (Color){ p[2] / (double)p[3], p[1] / (double)p[3], p[0] / (double)p[3], p[3] / 255.0 };
}

static Color
category_color (SitmapCategory category)
{
  GdkRGBA c;

  sitmap_symbol_get_color (category, &c);
  return (Color){ c.red, c.green, c.blue, 1 };
}

static gboolean
color_near (Color a, Color b, double tolerance)
{
  return fabs (a.r - b.r) <= tolerance && fabs (a.g - b.g) <= tolerance && fabs (a.b - b.b) <= tolerance
         && fabs (a.a - b.a) <= tolerance;
}

static double
lightness (Color c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

/* A point on the ring's middle, at a turn from the top, clockwise. */
static void
ring_point (double radius, double turn, double *dx, double *dy)
{
  double middle = radius - 1.5;

  *dx = middle * sin (2 * G_PI * turn);
  *dy = -middle * cos (2 * G_PI * turn);
}

/* Battles (0.45 of the events: no majority), protests (0.325) and strategic developments (0.225), so
 * that segments meet at slants (0.45 and 0.775 of a turn), where antialiasing would show a seam. */
static void
mixed_symbol (SitmapClusterSymbol *symbol, double radius)
{
  guint32 counts[SITMAP_N_CATEGORIES] = { 0 };

  counts[SITMAP_CATEGORY_BATTLE] = 18;
  counts[SITMAP_CATEGORY_PROTEST] = 13;
  counts[SITMAP_CATEGORY_STRATEGIC] = 9;
  sitmap_cluster_symbol_init (symbol, radius, 40, counts, SITMAP_CATEGORY_BATTLE);
}

/* The ring shows each category's share, the largest first from the top, then the legend's order,
 * clockwise; with no majority the disc is white and the count dark. */
static void
test_mixed (void)
{
  SitmapClusterSymbol symbol;
  g_autoptr (Drawing) drawing = NULL;
  Color  white = { 1, 1, 1, 1 };
  double dx, dy;
  guint  n_ink = 0;

  mixed_symbol (&symbol, 16);
  g_assert_false (symbol.majority);
  g_assert_cmpfloat_with_epsilon (symbol.shares[SITMAP_CATEGORY_BATTLE], 0.45, 1e-9);
  drawing = draw (&symbol, "40");

  ring_point (16, 0.225, &dx, &dy);
  g_assert_true (color_near (color_at (drawing, dx, dy), category_color (SITMAP_CATEGORY_BATTLE), 0.02));
  ring_point (16, 0.6125, &dx, &dy);
  g_assert_true (color_near (color_at (drawing, dx, dy), category_color (SITMAP_CATEGORY_PROTEST), 0.02));
  ring_point (16, 0.8875, &dx, &dy);
  g_assert_true (color_near (color_at (drawing, dx, dy), category_color (SITMAP_CATEGORY_STRATEGIC), 0.02));
  /* The ground inside the ring is white, and the count is dark on it. */
  g_assert_true (color_near (color_at (drawing, 0, -9), white, 0.02));
  for (double y = -3; y <= 3; y += 0.25)
    for (double x = -5; x <= 5; x += 0.25)
      n_ink += lightness (color_at (drawing, x, y)) < 0.4;
  g_assert_cmpuint (n_ink, >, 20);
  /* No badge without a majority: beyond the outline, up and right, nothing. */
  g_assert_cmpfloat (color_at (drawing, 0.74 * 16 + 3, -0.74 * 16 - 3).a, <, 0.01);
}

/* Where two segments meet, the pixels blend their colours: no paler seam of the white beneath, which
 * would read as a gap in the ring, and no colour of another segment fringing the ring's rim. */
static void
test_no_seams (void)
{
  SitmapClusterSymbol symbol;
  g_autoptr (Drawing) drawing = NULL;
  const double         boundaries[3] = { 0, 0.45, 0.775 };
  const SitmapCategory before[3] = { SITMAP_CATEGORY_STRATEGIC, SITMAP_CATEGORY_BATTLE, SITMAP_CATEGORY_PROTEST };
  const SitmapCategory after[3] = { SITMAP_CATEGORY_BATTLE, SITMAP_CATEGORY_PROTEST, SITMAP_CATEGORY_STRATEGIC };
  Color                protest = category_color (SITMAP_CATEGORY_PROTEST);

  mixed_symbol (&symbol, 16);
  drawing = draw (&symbol, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (boundaries); k++)
    {
      Color a = category_color (before[k]), b = category_color (after[k]);

      /* Across the boundary along the ring's middle, in eighths of a logical pixel. */
      for (double along = -1.5; along <= 1.5; along += 0.125)
        {
          double turn = boundaries[k] + along / (2 * G_PI * 14.5), dx, dy;
          Color  c;

          ring_point (16, turn, &dx, &dy);
          c = color_at (drawing, dx, dy);
          g_assert_cmpfloat (c.r, <=, MAX (a.r, b.r) + 0.03);
          g_assert_cmpfloat (c.g, <=, MAX (a.g, b.g) + 0.03);
          g_assert_cmpfloat (c.b, <=, MAX (a.b, b.b) + 0.03);
        }
    }
  /* The rim of the protests' segment (blue) blends with the white outline only: never with the
   * battles' orange, which lies beneath it. Each pixel there is on the line from white to blue. */
  for (double out = 15.5; out <= 16.5; out += 0.125)
    {
      double dx = out * sin (2 * G_PI * 0.6125), dy = -out * cos (2 * G_PI * 0.6125);
      Color  c = color_at (drawing, dx, dy);
      double along = ((1 - c.r) * (1 - protest.r) + (1 - c.g) * (1 - protest.g) + (1 - c.b) * (1 - protest.b))
                     / ((1 - protest.r) * (1 - protest.r) + (1 - protest.g) * (1 - protest.g)
                        + (1 - protest.b) * (1 - protest.b));
      Color blend = { 1 - along * (1 - protest.r), 1 - along * (1 - protest.g), 1 - along * (1 - protest.b), 1 };

      g_assert_true (color_near (c, blend, 0.03));
    }
}

/* A category with most of the events fills the disc with its colour, under a count in whichever ink
 * reads better on it, and its symbol sits on the ring as a badge. */
static void
test_majority (void)
{
  for (SitmapCategory category = 0; category < SITMAP_N_CATEGORIES; category++)
    {
      guint32             counts[SITMAP_N_CATEGORIES] = { 0 };
      SitmapClusterSymbol symbol;
      g_autoptr (Drawing) drawing = NULL;
      Color  fill = category_color (category);
      double darkest = 1, lightest = 0, offset, half, disc;
      guint  n_badge = 0;

      counts[category] = 30;
      counts[(category + 1) % SITMAP_N_CATEGORIES] = 10;
      sitmap_cluster_symbol_init (&symbol, 16, 40, counts, category);
      g_assert_true (symbol.majority);
      drawing = draw (&symbol, "40");
      g_assert_true (color_near (color_at (drawing, 0, -9), fill, 0.02));
      for (double y = -3; y <= 3; y += 0.25)
        for (double x = -5; x <= 5; x += 0.25)
          {
            double l = lightness (color_at (drawing, x, y));

            darkest = MIN (darkest, l);
            lightest = MAX (lightest, l);
          }
      /* The ink differs from the fill by nearly a third of the scale at least, one way or the other. */
      g_assert_cmpfloat (MAX (lightest - lightness (fill), lightness (fill) - darkest), >, 0.3);
      /* The badge: paint beyond the disc's outline, up and right. */
      sitmap_cluster_symbol_get_parts (&symbol, &disc, &offset, &half);
      g_assert_cmpfloat (half, >, 0);
      for (double y = -offset - half; y <= -offset + half; y += 0.25)
        for (double x = offset - half; x <= offset + half; x += 0.25)
          n_badge += hypot (x, y) > disc + 0.5 && color_at (drawing, x, y).a > 0.5;
      g_assert_cmpuint (n_badge, >, 40);
    }
}

/* Everything painted lies within the reach, hovered or not: the map's textures are that large. */
static void
test_reach (void)
{
  for (guint variant = 0; variant < 4; variant++)
    {
      guint32             counts[SITMAP_N_CATEGORIES] = { 0 };
      SitmapClusterSymbol symbol;
      g_autoptr (Drawing) drawing = NULL;
      double        reach, farthest = 0;
      const guchar *data;
      int           stride;

      counts[SITMAP_CATEGORY_BATTLE] = variant % 2 == 0 ? 30 : 10;
      counts[SITMAP_CATEGORY_RIOT] = 10;
      counts[SITMAP_CATEGORY_OTHER] = 10;
      sitmap_cluster_symbol_init (&symbol, SITMAP_CLUSTER_MAX_RADIUS, 50, counts, SITMAP_CATEGORY_BATTLE);
      symbol.hovered = variant >= 2;
      reach = sitmap_cluster_symbol_get_reach (&symbol);
      g_assert_cmpfloat (reach, <, SIDE / SCALE / 2);
      drawing = draw (&symbol, "50");
      data = cairo_image_surface_get_data (drawing->surface);
      stride = cairo_image_surface_get_stride (drawing->surface);
      for (int y = 0; y < SIDE; y++)
        for (int x = 0; x < SIDE; x++)
          if (data[y * stride + 4 * x + 3] > 0)
            farthest = MAX (farthest, MAX (fabs (x + 0.5 - SIDE / 2), fabs (y + 0.5 - SIDE / 2)) / SCALE);
      g_assert_cmpfloat (farthest, <=, reach);
      /* And not much more: a texture is no larger than it needs to be. */
      g_assert_cmpfloat (farthest, >, reach - 3);
    }
}

/* Hovered, the symbol is larger, within a halo of the selection's accent. */
static void
test_hovered (void)
{
  SitmapClusterSymbol symbol;
  g_autoptr (Drawing) plain = NULL;
  g_autoptr (Drawing) hovered = NULL;
  GdkRGBA accent;
  double  disc, offset, half;

  mixed_symbol (&symbol, 16);
  plain = draw (&symbol, NULL);
  sitmap_cluster_symbol_get_parts (&symbol, &disc, &offset, &half);
  symbol.hovered = TRUE;
  hovered = draw (&symbol, NULL);
  sitmap_symbol_get_selection_color (&accent);
  /* Just beyond the plain symbol's outline: nothing plain, the accent hovered. */
  g_assert_cmpfloat (color_at (plain, 0, disc + 2).a, <, 0.01);
  g_assert_true (
      color_near (color_at (hovered, 0, disc + 2), (Color){ accent.red, accent.green, accent.blue, 1 }, 0.03));
}

static void
test_format_count (void)
{
  char text[16];

  sitmap_cluster_symbol_format_count (999, text, sizeof text);
  g_assert_cmpstr (text, ==, "999");
  sitmap_cluster_symbol_format_count (4567, text, sizeof text);
  g_assert_cmpstr (text, ==, "4.5k");
  sitmap_cluster_symbol_format_count (45678, text, sizeof text);
  g_assert_cmpstr (text, ==, "45k");
  sitmap_cluster_symbol_format_count (1234567, text, sizeof text);
  g_assert_cmpstr (text, ==, "1.2M");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/cluster-symbol/mixed", test_mixed);
  g_test_add_func ("/map/cluster-symbol/no-seams", test_no_seams);
  g_test_add_func ("/map/cluster-symbol/majority", test_majority);
  g_test_add_func ("/map/cluster-symbol/reach", test_reach);
  g_test_add_func ("/map/cluster-symbol/hovered", test_hovered);
  g_test_add_func ("/map/cluster-symbol/format-count", test_format_count);
  return g_test_run ();
}
