/* sitmap-place-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-place-draw"

#include "config.h"

#include <string.h>

#include "sitmap-halo-text.h"
#include "sitmap-place-draw.h"

double
sitmap_place_get_dot_radius (SitmapPlaceKind kind)
{
  switch (kind)
    {
    case SITMAP_PLACE_KIND_CAPITAL: return 4.5;
    case SITMAP_PLACE_KIND_CITY: return 3.5;
    case SITMAP_PLACE_KIND_TOWN: return 3.0;
    default: return 2.5;
    }
}

void
sitmap_place_draw_dot (cairo_t *cr, SitmapPlaceKind kind, double x, double y)
{
  double r = sitmap_place_get_dot_radius (kind);

  g_return_if_fail (cr != NULL);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.4);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  if (kind == SITMAP_PLACE_KIND_CAPITAL)
    {
      cairo_set_line_width (cr, 1.4);
      cairo_stroke (cr);
      cairo_arc (cr, x, y, r - 2.2, 0, 2 * G_PI);
    }
  cairo_fill (cr);
}

static gboolean
is_strong (SitmapPlaceKind kind, gboolean area)
{
  return !area && (kind == SITMAP_PLACE_KIND_CAPITAL || kind == SITMAP_PLACE_KIND_CITY);
}

void
sitmap_place_style_label (PangoLayout *layout, const PangoFontDescription *base, SitmapPlaceKind kind,
                          gboolean area)
{
  g_autoptr (PangoFontDescription) font = pango_font_description_copy (base);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();

  g_return_if_fail (PANGO_IS_LAYOUT (layout));
  g_return_if_fail (base != NULL);

  if (!is_strong (kind, area))
    {
      double size = pango_font_description_get_size (font) * 0.9;

      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size);
      else
        pango_font_description_set_size (font, (gint) size);
    }
  pango_font_description_set_weight (font, is_strong (kind, area) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, area ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  if (area)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_attributes (layout, attrs);
}

void
sitmap_place_get_label_ink (gboolean area, double rgba[4])
{
  static const double area_ink[4] = { 0.40, 0.33, 0.25, 1 };
  static const double town_ink[4] = { 0.13, 0.13, 0.13, 1 };

  memcpy (rgba, area ? area_ink : town_ink, sizeof area_ink);
}

void
sitmap_place_draw_label (cairo_t *cr, PangoLayout *layout, double x, double y, gboolean area)
{
  double ink[4];

  sitmap_place_get_label_ink (area, ink);
  sitmap_halo_text_draw (cr, layout, x, y, ink, SITMAP_PLACE_LABEL_HALO);
}
