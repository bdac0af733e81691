/* sitmap-events-panel.h: the events that pass the filters, with the search and the filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Follows a view state: a search entry and a filter popover that edit its filter, the active filters
 * (and the time range) as chips that remove them, "N of M events", and a column view of the visible
 * events (time, title, place, category, killed, origins) sortable by column, a row made only for
 * what is shown. Its selection is the view state's, both ways: a row picked selects the event
 * everywhere; an event selected elsewhere is selected here and scrolled into view. A row activated
 * (Enter, double click) emits "activate-event". */
#define SITMAP_TYPE_EVENTS_PANEL (sitmap_events_panel_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventsPanel, sitmap_events_panel, SITMAP, EVENTS_PANEL, GtkWidget)

GtkWidget       *sitmap_events_panel_new (void);
SitmapViewState *sitmap_events_panel_get_view_state (SitmapEventsPanel *self);
void             sitmap_events_panel_set_view_state (SitmapEventsPanel *self, SitmapViewState *view_state);
/* Puts the keyboard in the search entry, its text selected. */
void             sitmap_events_panel_focus_search (SitmapEventsPanel *self);
GtkColumnView   *sitmap_events_panel_get_column_view (SitmapEventsPanel *self);
GListModel      *sitmap_events_panel_get_model (SitmapEventsPanel *self);
/* The events of the rows picked (Ctrl+click, Shift+click pick several), in the list's order; n_positions
 * of them, NULL when none. */
guint32         *sitmap_events_panel_dup_selected_positions (SitmapEventsPanel *self, guint *n_positions);

G_END_DECLS
