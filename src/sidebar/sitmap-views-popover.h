/* sitmap-views-popover.h: the document's saved views: save the current one, recall, rename, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Lists the named views of the view state's document (a filter and a time range with a name, such as
 * "HTS offensive, 27 Nov – 8 Dec"). A row recalls its view; its buttons rename it in place or delete
 * it; the entry at the bottom saves the current filters and range under a name. Every change is a
 * command on the document's undo stack, so it is an edit that can be undone and is saved with it. */
#define SITMAP_TYPE_VIEWS_POPOVER (sitmap_views_popover_get_type ())
G_DECLARE_FINAL_TYPE (SitmapViewsPopover, sitmap_views_popover, SITMAP, VIEWS_POPOVER, GtkPopover)

GtkWidget *sitmap_views_popover_new (void);
void       sitmap_views_popover_set_view_state (SitmapViewsPopover *self, SitmapViewState *view_state);
/* What the name entry proposes for the current filters and range: "“Baghouz”, 27 Nov – 8 Dec 2024". */
char      *sitmap_views_popover_suggest_name (SitmapViewsPopover *self);

G_END_DECLS
