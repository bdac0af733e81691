/* sitmap-halo-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-halo-text"

#include "config.h"

#include <pango/pangocairo.h>

#include "sitmap-halo-text.h"

void
sitmap_halo_text_draw (cairo_t *cr, PangoLayout *layout, double x, double y, const double rgba[4], double halo)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  cairo_save (cr);
  cairo_move_to (cr, x, y);
  if (halo > 0)
    {
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, halo);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, x, y);
    }
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}
