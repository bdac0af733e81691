/* sitmap-shape-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-shape-draw"

#include "config.h"

#include <math.h>

#include "sitmap-shape-draw.h"
#include "sitmap-symbol.h"

/*
 * Outlines
 */

void
sitmap_shape_outline_init (SitmapShapeOutline *outline)
{
  outline->points = g_array_new (FALSE, FALSE, sizeof (double));
  outline->ring_ends = g_array_new (FALSE, FALSE, sizeof (guint));
}

void
sitmap_shape_outline_clear (SitmapShapeOutline *outline)
{
  g_clear_pointer (&outline->points, g_array_unref);
  g_clear_pointer (&outline->ring_ends, g_array_unref);
}

void
sitmap_shape_outline_project (SitmapShapeOutline *outline, SitmapShapeTable *table, guint path,
                              SitmapShapeProjectFunc project, gpointer user_data, double min_step)
{
  g_return_if_fail (outline->points != NULL);
  g_return_if_fail (project != NULL);

  g_array_set_size (outline->points, 0);
  g_array_set_size (outline->ring_ends, 0);
  for (guint r = 0; r < sitmap_shape_table_get_n_rings (table, path); r++)
    {
      guint         n, end;
      const double *xy = sitmap_shape_table_get_ring (table, path, r, &n);
      double        last_x = NAN, last_y = NAN;

      for (guint i = 0; i < n; i++)
        {
          double pair[2];

          project (xy[2 * i], xy[2 * i + 1], &pair[0], &pair[1], user_data);
          if (i > 0 && i + 1 < n && fabs (pair[0] - last_x) < min_step && fabs (pair[1] - last_y) < min_step)
            continue;
          g_array_append_vals (outline->points, pair, 2);
          last_x = pair[0];
          last_y = pair[1];
        }
      end = outline->points->len / 2;
      g_array_append_val (outline->ring_ends, end);
    }
}

void
sitmap_shape_outline_trace (cairo_t *cr, const SitmapShapeOutline *outline, gboolean close)
{
  const double *xy = (const double *) (gconstpointer) outline->points->data;
  guint         start = 0;

  for (guint r = 0; r < outline->ring_ends->len; r++)
    {
      guint end = g_array_index (outline->ring_ends, guint, r);

      cairo_new_sub_path (cr);
      for (guint i = start; i < end; i++)
        cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
      if (close)
        cairo_close_path (cr);
      start = end;
    }
}

static double
segment_distance (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy, t = 0;

  if (length2 > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / length2, 0, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

gboolean
sitmap_shape_outline_is_near (const SitmapShapeOutline *outline, double x, double y, double reach, gboolean close)
{
  const double *xy = (const double *) (gconstpointer) outline->points->data;
  guint         start = 0;

  for (guint r = 0; r < outline->ring_ends->len; r++)
    {
      guint end = g_array_index (outline->ring_ends, guint, r);

      for (guint i = start; i + 1 < end + (close ? 1 : 0); i++)
        {
          guint j = i + 1 < end ? i + 1 : start;

          if (segment_distance (x, y, xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1]) <= reach)
            return TRUE;
        }
      start = end;
    }
  return FALSE;
}

/*
 * Drawing
 */

/* The outline's dashes when only parties to the conflict report every event drawn with the shape: a
 * party-only event's dashes under another's solid line would say nothing. */
static void
set_party_dash (cairo_t *cr, gboolean party_only)
{
  static const double party_dash[] = { 7, 4 };

  cairo_set_dash (cr, party_dash, party_only ? G_N_ELEMENTS (party_dash) : 0, 0);
}

/* A white casing, then the category's stroke over it (dashed for a party's claim). */
static void
stroke_cased (cairo_t *cr, double casing_alpha, double casing_width, SitmapCategory category, double alpha,
              double width, gboolean party_only)
{
  cairo_set_source_rgba (cr, 1, 1, 1, casing_alpha);
  cairo_set_line_width (cr, casing_width);
  cairo_stroke_preserve (cr);
  set_party_dash (cr, party_only);
  sitmap_symbol_set_source (cr, category, alpha);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
begin_shape (cairo_t *cr)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
sitmap_shape_draw_area (cairo_t *cr, const SitmapShapeOutline *outline, SitmapCategory category, gboolean party_only)
{
  begin_shape (cr);
  sitmap_shape_outline_trace (cr, outline, TRUE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  sitmap_symbol_set_source (cr, category, 0.12);
  cairo_fill_preserve (cr);
  stroke_cased (cr, 0.6, 3.5, category, 0.9, 1.8, party_only);
  cairo_restore (cr);
}

void
sitmap_shape_draw_line (cairo_t *cr, const SitmapShapeOutline *outline, SitmapCategory category, gboolean party_only)
{
  begin_shape (cr);
  sitmap_shape_outline_trace (cr, outline, FALSE);
  stroke_cased (cr, 0.85, 5.5, category, 1, 3, party_only);
  cairo_restore (cr);
}

void
sitmap_shape_draw_vague (cairo_t *cr, double x, double y, double radius, SitmapCategory category)
{
  static const double dash[] = { 5, 4 };

  begin_shape (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.5);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  sitmap_symbol_set_source (cr, category, 0.7);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}
