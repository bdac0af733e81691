/* sitmap-sidebar.h: the selected event and every source behind it, or the events of a group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-event-form.h"
#include "sitmap-events-panel.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Follows a view state: its selected event, with every source behind it; else, when the view state has
 * a group (events the map could not tell apart), the list of them, a row per event shown; else the
 * document. An event picked from the group has a button back to the list; Escape steps back. Given the
 * keyboard focus, it puts it on the event's title, for a screen reader to read, or in the list. */
#define SITMAP_TYPE_SIDEBAR (sitmap_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (SitmapSidebar, sitmap_sidebar, SITMAP, SIDEBAR, GtkWidget)

GtkWidget       *sitmap_sidebar_new (void);
SitmapViewState *sitmap_sidebar_get_view_state (SitmapSidebar *self);
void             sitmap_sidebar_set_view_state (SitmapSidebar *self, SitmapViewState *view_state);
/* The sidebar has two pages, "Details" (the above) and "Events" (a SitmapEventsPanel: the search, the
 * filters and the list). Clicking a place or a publisher in the details adds it to the filter and shows
 * the events page. Alt+Up and Alt+Down (and the arrow buttons) select the previous and next event in
 * time among those that pass the filters. */
SitmapEventsPanel *sitmap_sidebar_get_events_panel (SitmapSidebar *self);
void             sitmap_sidebar_show_events (SitmapSidebar *self, gboolean focus_search);
void             sitmap_sidebar_show_details (SitmapSidebar *self);
/* The details page shows the event with this id in a SitmapEventForm, every field editable, until "Done"
 * or until another event is selected (the Edit button of the details does this for the selection). */
void             sitmap_sidebar_edit_event (SitmapSidebar *self, const char *id);
gboolean         sitmap_sidebar_is_editing (SitmapSidebar *self);
SitmapEventForm *sitmap_sidebar_get_event_form (SitmapSidebar *self);

G_END_DECLS
