/* sitmap-event-list.h: a list model of events whose items are made only when asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_EVENT_LIST (sitmap_event_list_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventList, sitmap_event_list, SITMAP, EVENT_LIST, GObject)

/* The events that pass the view state's filters, following it as they change. */
SitmapEventList *sitmap_event_list_new_visible (SitmapViewState *view_state);
/* The view state's document's undated events, whatever the filters. */
SitmapEventList *sitmap_event_list_new_undated (SitmapViewState *view_state);
/* The document position of item i. */
guint            sitmap_event_list_get_position (SitmapEventList *self, guint i);

G_END_DECLS
