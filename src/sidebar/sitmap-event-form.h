/* sitmap-event-form.h: every field of one event, edited in place, each change an edit that can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

/* Edits the event with an id in the view state's document: title, category, summary, when (a day, a month,
 * a year, a moment in UTC or local time, or a span), where (no place, a point, an area, or a place of the
 * document's gazetteer, with its precision), actors, figures and citations. The form reads the event into a
 * SitmapEventDraft, and each change of a field pushes a SitmapEventCommand that replaces the event with the
 * draft changed in that field: typing a title is one undo step (one merge key per field). A field that says
 * something impossible (an empty title, a latitude of 91, an end before the start) says why under it and
 * pushes nothing.
 *
 * The map is not the form's: "Pick on Map" and "Draw Area" emit "pick-point-requested" and
 * "draw-area-requested", and whoever owns the map answers with sitmap_event_form_set_point() or
 * sitmap_event_form_set_area(). "Done" emits "done". */
#define SITMAP_TYPE_EVENT_FORM (sitmap_event_form_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventForm, sitmap_event_form, SITMAP, EVENT_FORM, GtkWidget)

GtkWidget  *sitmap_event_form_new (void);
void        sitmap_event_form_set_view_state (SitmapEventForm *self, SitmapViewState *view_state);
/* Starts editing the event with this id (NULL: none); the form shows it as it is in the document. */
void        sitmap_event_form_edit (SitmapEventForm *self, const char *id);
/* The id of the event being edited, or NULL. */
const char *sitmap_event_form_get_event_id (SitmapEventForm *self);
/* The event's place becomes this point (a map click after "pick-point-requested"): an edit. */
void        sitmap_event_form_set_point (SitmapEventForm *self, double latitude, double longitude);
/* The event's place becomes this area (a polygon drawn after "draw-area-requested"): an edit. */
void        sitmap_event_form_set_area (SitmapEventForm *self, SitmapGeometry *area);
/* The heading says "New Event" rather than "Edit Event", until another event is edited. */
void        sitmap_event_form_set_new (SitmapEventForm *self, gboolean is_new);
/* Puts the keyboard in the title, its text selected: for a new event. */
void        sitmap_event_form_focus_title (SitmapEventForm *self);

G_END_DECLS
