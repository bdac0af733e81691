/* sitmap-event-list.h: a list model of events whose items are made only when asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-event-order.h"
#include "sitmap-view-state.h"

G_BEGIN_DECLS

#define SITMAP_TYPE_EVENT_LIST (sitmap_event_list_get_type ())
G_DECLARE_FINAL_TYPE (SitmapEventList, sitmap_event_list, SITMAP, EVENT_LIST, GObject)

/* The events that pass the view state's filters, following it as they change. */
SitmapEventList *sitmap_event_list_new_visible (SitmapViewState *view_state);
/* The view state's document's undated events that pass its filter (there is no range for them). */
SitmapEventList *sitmap_event_list_new_undated (SitmapViewState *view_state);
/* The document position of item i. */
guint            sitmap_event_list_get_position (SitmapEventList *self, guint i);

/* Orders the items by a column (time ascending at first). Sorting costs no object per event: every
 * position of the document is ordered once per key (in a thread for big documents: property
 * "sorting" is TRUE meanwhile and the list stays in time order), then each change of the visible set
 * keeps the sorted positions that are visible, in one pass. Ties stay in time order. */
void             sitmap_event_list_set_sort (SitmapEventList *self, SitmapEventSort key, gboolean descending);
SitmapEventSort  sitmap_event_list_get_sort (SitmapEventList *self, gboolean *descending);
/* The index of the item showing the event at a document position, or -1 when it is not listed. */
gint             sitmap_event_list_find (SitmapEventList *self, guint position);

G_END_DECLS
