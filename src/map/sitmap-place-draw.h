/* sitmap-place-draw.h: how a place looks on a map, drawn with cairo so that the screen and exports
 * share one drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sitmap-place.h"

G_BEGIN_DECLS

/* An area whose outline is narrower than this (logical pixels) is not worth its name. */
#define SITMAP_PLACE_MIN_AREA_LABEL_WIDTH 48.0
/* Kept between a name and whatever else is on the map. */
#define SITMAP_PLACE_LABEL_GAP 4.0
/* The width of the light casing around a name, so that it reads on any basemap. */
#define SITMAP_PLACE_LABEL_HALO 3.0

/* Radius of a settlement's dot, by its size, in logical pixels (its white casing reaches 1.2 further). */
double sitmap_place_get_dot_radius (SitmapPlaceKind kind);
/* A settlement's dot centred on (x, y): a capital is a ring around a dot, as cartographers draw it. */
void   sitmap_place_draw_dot (cairo_t *cr, SitmapPlaceKind kind, double x, double y);

/* The font a place's name is written in, from the map's base font: areas in a smaller italic, spaced out
 * like a region on a printed map; capitals and cities bold; other settlements smaller. Replaces the
 * layout's font and attributes. */
void   sitmap_place_style_label (PangoLayout *layout, const PangoFontDescription *base, SitmapPlaceKind kind,
                                 gboolean area);
/* The colour of a name: brown for areas, near black for settlements. */
void   sitmap_place_get_label_ink (gboolean area, double rgba[4]);
/* A name with its top left at (x, y), its halo first. */
void   sitmap_place_draw_label (cairo_t *cr, PangoLayout *layout, double x, double y, gboolean area);

G_END_DECLS
