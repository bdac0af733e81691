/* sitmap-halo-text.h: text over a map, in a light casing so that it reads on any basemap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Draws layout with its top left at (x, y) in rgba; halo > 0 draws a white casing of that width first.
 * The screen's place names and every text of an export go through here. */
void sitmap_halo_text_draw (cairo_t *cr, PangoLayout *layout, double x, double y, const double rgba[4], double halo);

G_END_DECLS
