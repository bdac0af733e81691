/* sitmap-sidebar.h: the selected event and every source behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_SIDEBAR (sitmap_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (SitmapSidebar, sitmap_sidebar, SITMAP, SIDEBAR, GtkWidget)

GtkWidget       *sitmap_sidebar_new (void);
SitmapViewState *sitmap_sidebar_get_view_state (SitmapSidebar *self);
void             sitmap_sidebar_set_view_state (SitmapSidebar *self, SitmapViewState *view_state);

G_END_DECLS
