/* sitmap-symbol.h: how one event looks on the map, drawn with cairo so that the screen, the legend
 * and exports share one drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-event-store.h"

G_BEGIN_DECLS

/* What a symbol says beyond its category. Each cue is its own visual channel so that they combine:
 * a doubtful date empties the shape, a party-only claim pales it and perforates its outline, a vague
 * place fades it. */
typedef enum
{
  SITMAP_SYMBOL_STYLE_UNCERTAIN_TIME = 1 << 0, /* dated to a month or a year, a span, or undated */
  SITMAP_SYMBOL_STYLE_PARTY_ONLY = 1 << 1,     /* reported only by parties to the conflict */
  SITMAP_SYMBOL_STYLE_VAGUE_PLACE = 1 << 2,    /* only a region or a country is known */
  SITMAP_SYMBOL_STYLE_SELECTED = 1 << 3,
} SitmapSymbolStyle;

#define SITMAP_SYMBOL_N_STYLES 16

/* The nominal radius of a symbol's shape, in logical pixels. */
#define SITMAP_SYMBOL_RADIUS          7.0
#define SITMAP_SYMBOL_SELECTED_RADIUS 10.0

/* Side of the square a symbol of this style is drawn in, in logical pixels, halo included. */
double            sitmap_symbol_get_extent (SitmapSymbolStyle style);
/* For telling what symbols hide of each other, in logical pixels from the symbol's point, half a pixel
 * of snapping included: how far a plain (not selected) symbol may paint, and half the side of a square
 * it surely covers with opaque paint (0 when it covers nothing for sure). */
double            sitmap_symbol_get_reach (SitmapCategory category);
double            sitmap_symbol_get_core (SitmapCategory category, SitmapSymbolStyle style);
void              sitmap_symbol_get_color (SitmapCategory category, GdkRGBA *rgba);
/* The category's colour, at alpha, as cr's source. */
void              sitmap_symbol_set_source (cairo_t *cr, SitmapCategory category, double alpha);
/* The accent the selection is drawn in. */
void              sitmap_symbol_get_selection_color (GdkRGBA *rgba);

/* The style the columns ask for at position (never SELECTED). Inline: it runs per event per frame. */
static inline SitmapSymbolStyle
sitmap_symbol_style_for_event (const SitmapEventColumns *columns, guint position)
{
  guint8 precision = columns->time_precision[position];
  guint8 place = columns->location_precision[position];
  guint8 flags = columns->flags[position];
  SitmapSymbolStyle style = 0;

  if (precision != SITMAP_TIME_PRECISION_EXACT && precision != SITMAP_TIME_PRECISION_DAY)
    style |= SITMAP_SYMBOL_STYLE_UNCERTAIN_TIME;
  if (flags & SITMAP_EVENT_FLAG_PARTY_ONLY)
    style |= SITMAP_SYMBOL_STYLE_PARTY_ONLY;
  /* A region or country drawn as its outline shows what is known; one without is only a vague circle. */
  if ((place == SITMAP_LOCATION_PRECISION_COUNTRY || place == SITMAP_LOCATION_PRECISION_REGION) &&
      !(flags & SITMAP_EVENT_FLAG_AREA))
    style |= SITMAP_SYMBOL_STYLE_VAGUE_PLACE;
  return style;
}

/* Draws the symbol centred at (x, y), in the user units of cr (logical pixels on screen). */
void sitmap_symbol_draw (cairo_t *cr, SitmapCategory category, SitmapSymbolStyle style, double x, double y);
/* The symbol pre-rendered for a display of this scale, centred in a square texture of
 * ceil (extent × scale) pixels. */
GdkTexture *sitmap_symbol_create_texture (SitmapCategory category, SitmapSymbolStyle style, double scale);
/* Rings of uncertainty ("near a town, within 25 km") come in every radius. On screen they are drawn
 * from a few pre-rendered sizes, each scaled down by at most √2, so that rings of one category and
 * size class share a texture (and the GPU one batch); only larger rings are drawn exactly. */
#define SITMAP_RING_N_CLASSES  7
#define SITMAP_RING_MIN_RADIUS 9.0
/* The size class a ring of radius r (logical pixels) is drawn from, or -1 if it is too large. */
int         sitmap_ring_get_class (double radius);
double      sitmap_ring_get_class_radius (int ring_class);
/* Pixels a ring's drawing reaches beyond its radius, at the class radius. */
double      sitmap_ring_get_margin (void);
/* A translucent wash within a line of the category's colour, with a pale casing outside it. */
void        sitmap_ring_draw (cairo_t *cr, SitmapCategory category, double x, double y, double radius);
GdkTexture *sitmap_ring_create_texture (SitmapCategory category, int ring_class, double scale);

/* Device pixels per logical pixel where widget is shown: textures are rendered for it, to be crisp. */
double      sitmap_symbol_get_display_scale (GtkWidget *widget);
/* A texture that takes over an ARGB32 image surface's pixels. */
GdkTexture *sitmap_texture_new_for_surface (cairo_surface_t *surface);

G_END_DECLS
