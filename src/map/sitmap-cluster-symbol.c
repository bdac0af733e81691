/* sitmap-cluster-symbol.c: the one drawing of a cluster, for the map's textures and for exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-symbol"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sitmap-cluster-symbol.h"
#include "sitmap-symbol.h"

/* User units (logical pixels on screen): the same outline and hairline as a single event's symbol. */
#define CLUSTER_OUTLINE 1.6
#define CLUSTER_HAIRLINE 0.9
#define CLUSTER_RING 3.0
#define CLUSTER_GAP 1.2
/* The hover's accent halo, beyond the hairline. */
#define CLUSTER_HALO 0.5
/* The dominant category's symbol, as a badge on the ring: shape as well as colour. */
#define BADGE_SCALE 0.62
#define BADGE_OFFSET 0.74

static const GdkRGBA dark_ink = { 0.12, 0.12, 0.14, 1 };

void
sitmap_cluster_symbol_init (SitmapClusterSymbol *symbol, double radius, guint n_events, const guint32 *category_counts,
                            guint dominant)
{
  g_return_if_fail (dominant < SITMAP_N_CATEGORIES);

  *symbol = (SitmapClusterSymbol){ .radius = radius, .dominant = dominant };
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    symbol->shares[c] = n_events > 0 ? (double)category_counts[c] / n_events : 0;
  /* As the tooltip says "mostly": more than half. */
  symbol->majority = 2 * category_counts[dominant] > n_events;
}

static double
drawn_radius (const SitmapClusterSymbol *symbol)
{
  return symbol->radius + (symbol->hovered ? SITMAP_CLUSTER_SYMBOL_HOVER_GROWTH : 0);
}

void
sitmap_cluster_symbol_get_parts (const SitmapClusterSymbol *symbol, double *disc, double *badge_offset,
                                 double *badge_half)
{
  double r = drawn_radius (symbol);

  *disc = r + CLUSTER_OUTLINE + CLUSTER_HAIRLINE + (symbol->hovered ? CLUSTER_HALO : 0);
  *badge_offset = BADGE_OFFSET * r;
  *badge_half = symbol->majority ? BADGE_SCALE * sitmap_symbol_get_extent (0) / 2 : 0;
}

double
sitmap_cluster_symbol_get_reach (const SitmapClusterSymbol *symbol)
{
  double disc, badge_offset, badge_half;

  sitmap_cluster_symbol_get_parts (symbol, &disc, &badge_offset, &badge_half);
  /* A unit more, for antialiasing. */
  return MAX (disc, badge_half > 0 ? badge_offset + badge_half : 0) + 1;
}

void
sitmap_cluster_symbol_format_count (guint n, char *buffer, gsize size)
{
  if (n < 1000)
    g_snprintf (buffer, size, "%u", n);
  else if (n < 10000)
    /* TRANSLATORS: a count of events in thousands on a map cluster, "4.5k"; keep it short */
    g_snprintf (buffer, size, C_ ("cluster count", "%.1fk"), floor (n / 100.0) / 10);
  else if (n < 1000000)
    /* TRANSLATORS: a count of events in thousands on a map cluster, "45k"; keep it short */
    g_snprintf (buffer, size, C_ ("cluster count", "%uk"), n / 1000);
  else
    /* TRANSLATORS: a count of events in millions on a map cluster, "1.2M"; keep it short */
    g_snprintf (buffer, size, C_ ("cluster count", "%.1fM"), floor (n / 100000.0) / 10);
}

PangoLayout *
sitmap_cluster_symbol_create_layout (PangoContext *context, const PangoFontDescription *font)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, font);
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static double
luminance (const GdkRGBA *c)
{
  double channel[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    channel[i] = channel[i] <= 0.03928 ? channel[i] / 12.92 : pow ((channel[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

/* White ink where it contrasts more than dark ink does (WCAG's contrast ratio). */
static gboolean
wants_light_ink (const GdkRGBA *background)
{
  double l = luminance (background), dark = luminance (&dark_ink);

  return 1.05 / (l + 0.05) > (l + 0.05) / (dark + 0.05);
}

static void
fill_disc (cairo_t *cr, double x, double y, double r, const GdkRGBA *color)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

/* Clockwise from the top, in turns, from from to to. */
static void
fill_wedge (cairo_t *cr, double x, double y, double r, double from, double to, const GdkRGBA *color)
{
  cairo_new_path (cr);
  cairo_move_to (cr, x, y);
  cairo_arc (cr, x, y, r, 2 * G_PI * (from - 0.25), 2 * G_PI * (to - 0.25));
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

/* How far, in turns, a segment reaches under the next one: past the width of antialiasing where the
 * ring is thinnest, so that the next one's edge blends with this colour. */
#define SEGMENT_OVERLAP 0.02

/* The dominant category first, then the others in the legend's order, over a disc of the dominant
 * colour. Each segment reaches a little under the next one, drawn after it, so that where they meet
 * the edge blends with the colour beneath, never with the white ground, which would show as a
 * hairline seam. All of it is painted beyond the ring, in a group cut to the ring once, so that its
 * rim blends with the ground only, never with the colours beneath. */
static void
draw_mix (cairo_t *cr, const SitmapClusterSymbol *symbol, double x, double y, double r)
{
  double  from = symbol->shares[symbol->dominant];
  GdkRGBA color;

  sitmap_symbol_get_color (symbol->dominant, &color);
  if (from >= 1)
    {
      fill_disc (cr, x, y, r, &color);
      return;
    }
  cairo_push_group (cr);
  fill_disc (cr, x, y, r + 1, &color);
  for (guint c = 0; c < SITMAP_N_CATEGORIES; c++)
    {
      double to;

      if (c == symbol->dominant || symbol->shares[c] <= 0)
        continue;
      /* Whatever is left of a share too thin to see, once the others reach the top. */
      if (from >= 1)
        break;
      to = MIN (from + symbol->shares[c], 1);
      sitmap_symbol_get_color (c, &color);
      /* Up to the top at most: the segments after this one cover all of that. */
      fill_wedge (cr, x, y, r + 1, from, MIN (to + SEGMENT_OVERLAP, 1), &color);
      from = to;
    }
  cairo_pop_group_to_source (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_fill (cr);
}

void
sitmap_cluster_symbol_place_count (const SitmapClusterSymbol *symbol, PangoLayout *count, double x, double y,
                                   double *left, double *top, GdkRGBA *ink)
{
  static const GdkRGBA white = { 1, 1, 1, 1 };
  GdkRGBA              fill = white;
  int                  width, height;

  pango_layout_get_size (count, &width, &height);
  *left = x - (double)width / PANGO_SCALE / 2;
  *top = y - (double)height / PANGO_SCALE / 2;
  if (symbol->majority)
    sitmap_symbol_get_color (symbol->dominant, &fill);
  *ink = symbol->majority && wants_light_ink (&fill) ? white : dark_ink;
}

static void
draw_count (cairo_t *cr, const SitmapClusterSymbol *symbol, PangoLayout *count, double x, double y)
{
  double  left, top;
  GdkRGBA ink;

  sitmap_cluster_symbol_place_count (symbol, count, x, y, &left, &top, &ink);
  /* On whole device pixels: glyphs are sharper there. */
  cairo_user_to_device (cr, &left, &top);
  left = round (left);
  top = round (top);
  cairo_device_to_user (cr, &left, &top);
  cairo_move_to (cr, left, top);
  gdk_cairo_set_source_rgba (cr, &ink);
  pango_cairo_show_layout (cr, count);
}

void
sitmap_cluster_symbol_draw_outline (cairo_t *cr, const SitmapClusterSymbol *symbol, double x, double y)
{
  static const GdkRGBA hairline = { 0, 0, 0, 0.45 }, white = { 1, 1, 1, 1 };
  double               r = drawn_radius (symbol);

  cairo_save (cr);
  if (symbol->hovered)
    {
      GdkRGBA accent;

      sitmap_symbol_get_selection_color (&accent);
      fill_disc (cr, x, y, r + CLUSTER_OUTLINE + CLUSTER_HAIRLINE + CLUSTER_HALO, &accent);
    }
  fill_disc (cr, x, y, r + CLUSTER_OUTLINE + CLUSTER_HAIRLINE, &hairline);
  fill_disc (cr, x, y, r + CLUSTER_OUTLINE, &white);
  cairo_restore (cr);
}

void
sitmap_cluster_symbol_draw_ring (cairo_t *cr, const SitmapClusterSymbol *symbol, double x, double y)
{
  g_return_if_fail (symbol->dominant < SITMAP_N_CATEGORIES);

  cairo_save (cr);
  draw_mix (cr, symbol, x, y, drawn_radius (symbol));
  cairo_restore (cr);
}

void
sitmap_cluster_symbol_draw_centre (cairo_t *cr, const SitmapClusterSymbol *symbol, PangoLayout *count, double x,
                                   double y)
{
  static const GdkRGBA white = { 1, 1, 1, 1 };
  double               r = drawn_radius (symbol);
  GdkRGBA              fill = white;

  g_return_if_fail (symbol->dominant < SITMAP_N_CATEGORIES);

  cairo_save (cr);
  fill_disc (cr, x, y, r - CLUSTER_RING, &white);
  if (symbol->majority)
    {
      sitmap_symbol_get_color (symbol->dominant, &fill);
      fill_disc (cr, x, y, r - CLUSTER_RING - CLUSTER_GAP, &fill);
    }
  if (count != NULL)
    draw_count (cr, symbol, count, x, y);
  if (symbol->majority)
    {
      cairo_translate (cr, x + BADGE_OFFSET * r, y - BADGE_OFFSET * r);
      cairo_scale (cr, BADGE_SCALE, BADGE_SCALE);
      sitmap_symbol_draw (cr, symbol->dominant, 0, 0, 0);
    }
  cairo_restore (cr);
}

void
sitmap_cluster_symbol_draw (cairo_t *cr, const SitmapClusterSymbol *symbol, PangoLayout *count, double x, double y)
{
  g_return_if_fail (symbol->dominant < SITMAP_N_CATEGORIES);

  sitmap_cluster_symbol_draw_outline (cr, symbol, x, y);
  sitmap_cluster_symbol_draw_ring (cr, symbol, x, y);
  sitmap_cluster_symbol_draw_centre (cr, symbol, count, x, y);
}
