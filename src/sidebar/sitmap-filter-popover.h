/* sitmap-filter-popover.h: the filter controls: categories, actors, sources, places, grading, figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Edits the view state's filter and shows it as it is. Actors, sources and places are picked from
 * searchable drop-downs of the document's values (each pick adds one, shown as a chip by the panel);
 * categories are check boxes; the minimum grading, killed and origins are drop-downs and spin buttons. */
#define SITMAP_TYPE_FILTER_POPOVER (sitmap_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (SitmapFilterPopover, sitmap_filter_popover, SITMAP, FILTER_POPOVER, GtkPopover)

GtkWidget *sitmap_filter_popover_new (void);
void       sitmap_filter_popover_set_view_state (SitmapFilterPopover *self, SitmapViewState *view_state);

G_END_DECLS
