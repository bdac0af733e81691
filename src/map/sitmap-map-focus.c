/* sitmap-map-focus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-map-focus"

#include "config.h"

#include "sitmap-map-focus.h"

static void
append_rounded_border (GtkSnapshot *snapshot, float inset, float radius, float width, float height, float line,
                       const GdkRGBA *color)
{
  GskRoundedRect frame;
  float widths[4] = { line, line, line, line };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (inset, inset, width - 2 * inset, height - 2 * inset),
                                   radius);
  gtk_snapshot_append_border (snapshot, &frame, widths, colors);
}

void
sitmap_map_append_focus_frame (GtkWidget *widget, GtkSnapshot *snapshot)
{
  GtkStyleContext *context;
  float width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA accent, casing;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (width < 8 || height < 8)
    return;
  context = gtk_widget_get_style_context (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* @accent_color is the accent meant to stand on the view's background: darker in the light style. */
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#1c71d8");
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &casing))
    gdk_rgba_parse (&casing, "#ffffff");
  G_GNUC_END_IGNORE_DEPRECATIONS
  accent.alpha = 1;
  casing.alpha = 0.9f;
  append_rounded_border (snapshot, 0, 9, width, height, 4, &casing);
  append_rounded_border (snapshot, 1, 8, width, height, 2, &accent);
}
