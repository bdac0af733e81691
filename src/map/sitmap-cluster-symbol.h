/* sitmap-cluster-symbol.h: how a cluster of events looks, drawn with cairo so that the screen (through
 * textures) and exports (as vectors) share one drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-category.h"

G_BEGIN_DECLS

/* A disc with the count, in the colour of the category that has most of the events (with that
 * category's symbol as a badge), or white when none has; around it, a ring whose segments show the mix
 * of categories, the largest first from the top, clockwise; the whole within the white outline and dark
 * hairline of every symbol. */
typedef struct
{
  double   radius;                      /* of the ring's outer edge, in user units */
  double   shares[SITMAP_N_CATEGORIES]; /* of the events, summing to 1 */
  guint    dominant;                    /* the category with the most events: its segment comes first */
  gboolean majority;                    /* it has more than half of them: it fills the disc */
  gboolean hovered;                     /* under the pointer: larger, with an accent halo */
} SitmapClusterSymbol;

/* How much larger a hovered cluster is drawn, in user units. */
#define SITMAP_CLUSTER_SYMBOL_HOVER_GROWTH 2.0
/* The count's size, as a part of the body text's. */
#define SITMAP_CLUSTER_SYMBOL_FONT_SCALE 0.74

void
sitmap_cluster_symbol_init (SitmapClusterSymbol *symbol, double radius, guint n_events, const guint32 *category_counts,
                            guint dominant);
/* How far from the centre the symbol may paint, in user units: half the side of a square around it. */
double
sitmap_cluster_symbol_get_reach (const SitmapClusterSymbol *symbol);
/* What it covers, from its centre, for keeping other things clear of it: the disc's radius with its
 * outline, and the badge's square, centred (badge_offset, -badge_offset) away, of half side badge_half
 * (0 without a badge). */
void
sitmap_cluster_symbol_get_parts (const SitmapClusterSymbol *symbol, double *disc, double *badge_offset,
                                 double *badge_half);
/* "12", "4.5k", "12k", "1.2M", short enough for the disc, into buffer. */
void
sitmap_cluster_symbol_format_count (guint n_events, char *buffer, gsize size);
/* A layout for the count, in font (its family and size: the count's own) made bold, with tabular
 * figures; set its text to the count. */
PangoLayout *
sitmap_cluster_symbol_create_layout (PangoContext *context, const PangoFontDescription *font);
/* Where the count goes (its layout's top left) and in which ink, for drawing it elsewhere: an SVG's
 * text, which must stay text. sitmap_cluster_symbol_draw() puts it there with a NULL count. */
void
sitmap_cluster_symbol_place_count (const SitmapClusterSymbol *symbol, PangoLayout *count, double x, double y,
                                   double *left, double *top, GdkRGBA *ink);
/* Draws the symbol centred at (x, y) with the count laid out in count (none if NULL). */
void
sitmap_cluster_symbol_draw (cairo_t *cr, const SitmapClusterSymbol *symbol, PangoLayout *count, double x, double y);
/* The same in three steps: the outline (halo, hairline and white disc), which depends only on the radius
 * and the hover; the ring of the categories' segments, plain cairo (no Pango: any thread may draw it on
 * its own surface); and the centre (white, the disc, the count and the badge). Drawn in turn they are
 * sitmap_cluster_symbol_draw()'s operations exactly, so that the map can keep the outline's pixels for a
 * radius, start each new texture from a copy of them, and draw the rings of many textures on two
 * cores. */
void
sitmap_cluster_symbol_draw_outline (cairo_t *cr, const SitmapClusterSymbol *symbol, double x, double y);
void
sitmap_cluster_symbol_draw_ring (cairo_t *cr, const SitmapClusterSymbol *symbol, double x, double y);
void
sitmap_cluster_symbol_draw_centre (cairo_t *cr, const SitmapClusterSymbol *symbol, PangoLayout *count, double x,
                                   double y);

G_END_DECLS
