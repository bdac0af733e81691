/* sitmap-map-focus.h: the keyboard focus ring around the map, which its layers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* libadwaita's focus outline (2 pixels of @accent_color, rounded, just inside the edge) around the
 * widget, but opaque and cased a pixel either side in @view_bg_color: the half-transparent outline of a
 * button all but vanishes on a pale basemap, and the casing keeps the ring apart from dark imagery and,
 * in the dark style, where the accent is pale, from a pale map. Drawn by whichever map layer has the
 * keyboard focus, so that Tab never lands on the map unseen. */
void sitmap_map_append_focus_frame (GtkWidget *widget, GtkSnapshot *snapshot);

G_END_DECLS
