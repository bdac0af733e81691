/* sitmap-symbol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-symbol"

#include "config.h"

#include <math.h>

#include "sitmap-symbol.h"

/* Logical pixels. The white outline keeps a symbol legible on dark imagery, the dark hairline
 * beyond it on pale basemaps and on the yellow of statements. */
#define OUTLINE_WIDTH  1.6
#define HAIRLINE_WIDTH 0.9
#define RIM_WIDTH      1.9
/* How much white a party-only claim mixes into its colour: weaker, but still its category's hue. */
#define PARTY_PALENESS 0.2
#define VAGUE_ALPHA    0.5

/* GNOME's blue accent: the selection is the one thing on the map that is not a category colour. */
#define SELECTION_COLOR "#3584e4"

/*
 * Shapes: one per category, so that colour is never the only cue
 */

static void
trace_polygon (cairo_t *cr, double x, double y, const double *radii, guint n_radii, guint n, double start_deg)
{
  for (guint i = 0; i < n; i++)
    {
      double angle = (start_deg + 360.0 * i / n) * G_PI / 180.0;
      double r = radii[i % n_radii];

      cairo_line_to (cr, x + r * cos (angle), y + r * sin (angle));
    }
  cairo_close_path (cr);
}

static void
trace_speech_bubble (cairo_t *cr, double x, double y, double r)
{
  double left = x - 0.95 * r, right = x + 0.95 * r, top = y - 0.8 * r, bottom = y + 0.5 * r;
  double rad = 0.35 * r;

  cairo_move_to (cr, left + rad, top);
  cairo_arc (cr, right - rad, top + rad, rad, -G_PI / 2, 0);
  cairo_arc (cr, right - rad, bottom - rad, rad, 0, G_PI / 2);
  cairo_line_to (cr, x + 0.1 * r, bottom);
  cairo_line_to (cr, x - 0.5 * r, y + 1.1 * r);
  cairo_line_to (cr, x - 0.3 * r, bottom);
  cairo_arc (cr, left + rad, bottom - rad, rad, G_PI / 2, G_PI);
  cairo_arc (cr, left + rad, top + rad, rad, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
trace_plus (cairo_t *cr, double x, double y, double r)
{
  static const double outline[][2] = {
    { -0.42, -1 }, { 0.42, -1 }, { 0.42, -0.42 }, { 1, -0.42 }, { 1, 0.42 }, { 0.42, 0.42 },
    { 0.42, 1 }, { -0.42, 1 }, { -0.42, 0.42 }, { -1, 0.42 }, { -1, -0.42 }, { -0.42, -0.42 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (outline); i++)
    cairo_line_to (cr, x + outline[i][0] * r, y + outline[i][1] * r);
  cairo_close_path (cr);
}

/* Sizes are balanced by eye so that every shape weighs about as much as the circle. */
static void
trace_shape (cairo_t *cr, SitmapCategory category, double x, double y, double r)
{
  static const double star[] = { 1.3, 0.55 };
  double one;

  cairo_new_path (cr);
  switch (category)
    {
    case SITMAP_CATEGORY_BATTLE:
      cairo_arc (cr, x, y, 0.95 * r, 0, 2 * G_PI);
      break;
    case SITMAP_CATEGORY_REMOTE_VIOLENCE:
      {
        double radii[] = { star[0] * r, star[1] * r };

        trace_polygon (cr, x, y + 0.1 * r, radii, 2, 10, -90);
      }
      break;
    case SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS:
      one = 1.25 * r;
      trace_polygon (cr, x, y - 0.15 * r, &one, 1, 3, 90);
      break;
    case SITMAP_CATEGORY_PROTEST:
      cairo_rectangle (cr, x - 0.82 * r, y - 0.82 * r, 1.64 * r, 1.64 * r);
      break;
    case SITMAP_CATEGORY_RIOT:
      one = 1.25 * r;
      trace_polygon (cr, x, y + 0.15 * r, &one, 1, 3, -90);
      break;
    case SITMAP_CATEGORY_STRATEGIC:
      one = 1.12 * r;
      trace_polygon (cr, x, y, &one, 1, 4, -90);
      break;
    case SITMAP_CATEGORY_STATEMENT:
      trace_speech_bubble (cr, x, y - 0.1 * r, r);
      break;
    case SITMAP_CATEGORY_CONTEXT:
      one = 1.0 * r;
      trace_polygon (cr, x, y, &one, 1, 6, -90);
      break;
    case SITMAP_CATEGORY_OTHER:
    case SITMAP_N_CATEGORIES:
    default:
      trace_plus (cr, x, y, 0.95 * r);
      break;
    }
}

/* Per category, in logical pixels: how far from its point a symbol may paint (outline, hairline and
 * antialiasing included), as half the side of a square around it, and half the side of a square that
 * its opaque fill and white outline surely cover. A perforated outline lets the map through: a
 * party-only symbol covers only its fill. Each allows for snapping to the pixel grid (half a pixel)
 * and for the pixels on the edge, with a margin. Measured on the rendered shapes; keep them in step:
 * tests/map checks them against every symbol's pixels at several scales. */
static const struct
{
  double reach;
  double core;
  double core_perforated;
} extents[SITMAP_N_CATEGORIES] = {
  [SITMAP_CATEGORY_BATTLE] = { 10.8, 4.2, 3.2 },                     /* circle */
  [SITMAP_CATEGORY_REMOTE_VIOLENCE] = { 12.8, 2.2, 1.2 },            /* star */
  [SITMAP_CATEGORY_VIOLENCE_AGAINST_CIVILIANS] = { 11.8, 2.8, 1.2 }, /* triangle */
  [SITMAP_CATEGORY_PROTEST] = { 9.8, 5.2, 4.2 },                     /* square */
  [SITMAP_CATEGORY_RIOT] = { 11.8, 2.8, 1.2 },                       /* triangle */
  [SITMAP_CATEGORY_STRATEGIC] = { 11.8, 3.8, 3.2 },                  /* diamond */
  [SITMAP_CATEGORY_STATEMENT] = { 10.8, 3.2, 1.2 },                  /* speech bubble */
  [SITMAP_CATEGORY_CONTEXT] = { 10.8, 4.2, 3.2 },                    /* hexagon */
  [SITMAP_CATEGORY_OTHER] = { 10.8, 3.2, 1.2 },                      /* plus */
};

/*
 * Drawing
 */

static void
draw_halo (cairo_t *cr, double x, double y, double r)
{
  GdkRGBA accent;

  sitmap_symbol_get_selection_color (&accent);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 8.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.3);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r + 5.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 4.5);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

/* White outline inside a dark hairline: legible on pale basemaps and on dark imagery alike. */
static void
draw_outline (cairo_t *cr, SitmapSymbolStyle style)
{
  static const double dashes[] = { 2.2, 1.6 };

  if (style & SITMAP_SYMBOL_STYLE_PARTY_ONLY)
    {
      /* Only a party to the conflict says so: the outline is perforated, the symbol held more loosely. */
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }
  /* Perforated, the hairline is darker so that the gaps between dashes read on any basemap. */
  cairo_set_source_rgba (cr, 0, 0, 0, (style & SITMAP_SYMBOL_STYLE_PARTY_ONLY) ? 0.7 : 0.45);
  cairo_set_line_width (cr, 2 * (OUTLINE_WIDTH + HAIRLINE_WIDTH));
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2 * OUTLINE_WIDTH);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Solid when the date is known to the day; else a pale inside within a rim of the colour. */
static void
draw_fill (cairo_t *cr, const GdkRGBA *color, SitmapSymbolStyle style)
{
  if (!(style & SITMAP_SYMBOL_STYLE_UNCERTAIN_TIME))
    {
      gdk_cairo_set_source_rgba (cr, color);
      cairo_fill (cr);
      return;
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.22);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2 * RIM_WIDTH);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_new_path (cr);
}

void
sitmap_symbol_draw (cairo_t *cr, SitmapCategory category, SitmapSymbolStyle style, double x, double y)
{
  double r = (style & SITMAP_SYMBOL_STYLE_SELECTED) ? SITMAP_SYMBOL_SELECTED_RADIUS : SITMAP_SYMBOL_RADIUS;
  GdkRGBA color;

  sitmap_symbol_get_color (category, &color);
  if (style & SITMAP_SYMBOL_STYLE_PARTY_ONLY)
    {
      color.red += (1 - color.red) * PARTY_PALENESS;
      color.green += (1 - color.green) * PARTY_PALENESS;
      color.blue += (1 - color.blue) * PARTY_PALENESS;
    }
  cairo_save (cr);
  if (style & SITMAP_SYMBOL_STYLE_VAGUE_PLACE)
    cairo_push_group (cr);
  if (style & SITMAP_SYMBOL_STYLE_SELECTED)
    draw_halo (cr, x, y, r);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  trace_shape (cr, category, x, y, r);
  draw_outline (cr, style);
  draw_fill (cr, &color, style);
  if (style & SITMAP_SYMBOL_STYLE_VAGUE_PLACE)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, VAGUE_ALPHA);
    }
  cairo_restore (cr);
}

/*
 * Rings of uncertainty
 */

/* The smallest class radius; each next one is √2 larger. */
#define RING_BASE_RADIUS 12.0
/* Line widths of a ring drawn at its class radius: scaled down by up to √2 on screen. */
#define RING_LINE_WIDTH   1.8
#define RING_CASING_WIDTH 1.2

int
sitmap_ring_get_class (double radius)
{
  double class_radius = RING_BASE_RADIUS;

  for (int c = 0; c < SITMAP_RING_N_CLASSES; c++, class_radius *= G_SQRT2)
    if (radius <= class_radius)
      return c;
  return -1;
}

double
sitmap_ring_get_class_radius (int ring_class)
{
  return RING_BASE_RADIUS * pow (G_SQRT2, ring_class);
}

double
sitmap_ring_get_margin (void)
{
  return RING_CASING_WIDTH + 1;
}

void
sitmap_ring_draw (cairo_t *cr, SitmapCategory category, double x, double y, double radius)
{
  GdkRGBA color;

  sitmap_symbol_get_color (category, &color);
  cairo_save (cr);
  /* The arcs end where they start: a round cap closes the seam the same on every surface. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.12);
  cairo_fill (cr);
  cairo_arc (cr, x, y, radius + RING_CASING_WIDTH / 2, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  cairo_set_line_width (cr, RING_CASING_WIDTH);
  cairo_stroke (cr);
  cairo_arc (cr, x, y, radius - RING_LINE_WIDTH / 2, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.85);
  cairo_set_line_width (cr, RING_LINE_WIDTH);
  cairo_stroke (cr);
  cairo_restore (cr);
}

GdkTexture *
sitmap_ring_create_texture (SitmapCategory category, int ring_class, double scale)
{
  double radius = sitmap_ring_get_class_radius (ring_class), half = radius + sitmap_ring_get_margin ();
  int size = (int) ceil (2 * half * scale);
  cairo_surface_t *surface;
  GdkTexture *texture;
  cairo_t *cr;

  g_return_val_if_fail (ring_class >= 0 && ring_class < SITMAP_RING_N_CLASSES, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  sitmap_ring_draw (cr, category, size / 2.0 / scale, size / 2.0 / scale, radius);
  cairo_destroy (cr);
  texture = sitmap_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

/*
 * Public API
 */

double
sitmap_symbol_get_extent (SitmapSymbolStyle style)
{
  if (style & SITMAP_SYMBOL_STYLE_SELECTED)
    return 2 * (SITMAP_SYMBOL_SELECTED_RADIUS + 10);
  return 2 * (1.35 * SITMAP_SYMBOL_RADIUS + OUTLINE_WIDTH + HAIRLINE_WIDTH + 1.5);
}

void
sitmap_symbol_get_color (SitmapCategory category, GdkRGBA *rgba)
{
  if (!gdk_rgba_parse (rgba, sitmap_category_get_color (category)))
    *rgba = (GdkRGBA) { 0.3, 0.3, 0.3, 1 };
}

void
sitmap_symbol_set_source (cairo_t *cr, SitmapCategory category, double alpha)
{
  GdkRGBA color;

  sitmap_symbol_get_color (category, &color);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

void
sitmap_symbol_get_selection_color (GdkRGBA *rgba)
{
  gdk_rgba_parse (rgba, SELECTION_COLOR);
}

double
sitmap_symbol_get_reach (SitmapCategory category)
{
  g_return_val_if_fail (category < SITMAP_N_CATEGORIES, sitmap_symbol_get_extent (0) / 2);
  return extents[category].reach;
}

double
sitmap_symbol_get_core (SitmapCategory category, SitmapSymbolStyle style)
{
  g_return_val_if_fail (category < SITMAP_N_CATEGORIES, 0);

  /* A pale or faded inside is not opaque enough to hide what is under it. */
  if (style & (SITMAP_SYMBOL_STYLE_UNCERTAIN_TIME | SITMAP_SYMBOL_STYLE_VAGUE_PLACE))
    return 0;
  return (style & SITMAP_SYMBOL_STYLE_PARTY_ONLY) ? extents[category].core_perforated : extents[category].core;
}

double
sitmap_symbol_get_display_scale (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(4, 12, 0)
  /* Fractional scales exist since GTK 4.12; before, only whole ones. */
  GtkNative *native = gtk_widget_get_native (widget);

  if (native != NULL && gtk_native_get_surface (native) != NULL)
    return gdk_surface_get_scale (gtk_native_get_surface (native));
#endif
  return gtk_widget_get_scale_factor (widget);
}

GdkTexture *
sitmap_texture_new_for_surface (cairo_surface_t *surface)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_height (surface) *
                                        (gsize) cairo_image_surface_get_stride (surface),
                                      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
                                 GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
}

GdkTexture *
sitmap_symbol_create_texture (SitmapCategory category, SitmapSymbolStyle style, double scale)
{
  int size = (int) ceil (sitmap_symbol_get_extent (style) * scale);
  cairo_surface_t *surface;
  GdkTexture *texture;
  cairo_t *cr;

  /* An even size puts the centre on a pixel corner, where the layer snaps the event's point. */
  size += size % 2;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  sitmap_symbol_draw (cr, category, style, size / 2 / scale, size / 2 / scale);
  cairo_destroy (cr);
  texture = sitmap_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}
