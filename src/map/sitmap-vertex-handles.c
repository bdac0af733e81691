/* sitmap-vertex-handles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-vertex-handles"

#include "config.h"

#include <math.h>

#include "sitmap-vertex-handles.h"

#define CORNER_HALF 4.5
#define SIDE_RADIUS 3.5

/* GNOME's accent blue, as the map draws every selection. */
#define ACCENT_R (0x35 / 255.0)
#define ACCENT_G (0x84 / 255.0)
#define ACCENT_B (0xe4 / 255.0)

void
sitmap_vertex_handles_get (const double *corners, guint n, guint handle, double *x, double *y)
{
  guint i, j;

  g_return_if_fail (n > 0 && handle < 2 * n);

  if (handle < n)
    {
      *x = corners[2 * handle];
      *y = corners[2 * handle + 1];
      return;
    }
  i = handle - n;
  j = (i + 1) % n;
  *x = (corners[2 * i] + corners[2 * j]) / 2;
  *y = (corners[2 * i + 1] + corners[2 * j + 1]) / 2;
}

gint
sitmap_vertex_handles_hit (const double *corners, guint n, double x, double y, double reach)
{
  gint best = -1;
  double best_d = reach;

  /* Corners first: a short side's middle lies close to its corners, and a corner is what one aims at. */
  for (guint h = 0; h < 2 * n; h++)
    {
      double hx, hy, d;

      if (h == n && best >= 0)
        break;
      sitmap_vertex_handles_get (corners, n, h, &hx, &hy);
      d = hypot (x - hx, y - hy);
      if (d <= best_d)
        {
          best_d = d;
          best = (gint) h;
        }
    }
  return best;
}

static void
paint_handle (cairo_t *cr, gboolean focused, double scale)
{
  if (focused)
    cairo_set_source_rgb (cr, ACCENT_R, ACCENT_G, ACCENT_B);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, ACCENT_R, ACCENT_G, ACCENT_B);
  cairo_set_line_width (cr, 1.5 * scale);
  cairo_stroke (cr);
}

void
sitmap_vertex_handle_draw (cairo_t *cr, double x, double y, gboolean corner, gboolean focused, double scale)
{
  double half = CORNER_HALF * scale;

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  if (corner)
    cairo_rectangle (cr, x - half, y - half, 2 * half, 2 * half);
  else
    cairo_arc (cr, x, y, SIDE_RADIUS * scale, 0, 2 * G_PI);
  paint_handle (cr, focused, scale);
  cairo_restore (cr);
}

void
sitmap_vertex_handles_draw (cairo_t *cr, const double *corners, guint n, gint focused, double scale)
{
  /* The sides' handles beneath the corners': where they crowd, the corner stays on top. */
  for (guint h = 2 * n; h-- > 0;)
    {
      double x, y;

      sitmap_vertex_handles_get (corners, n, h, &x, &y);
      sitmap_vertex_handle_draw (cr, x, y, h < n, (gint) h == focused, scale);
    }
}
