/* sitmap-sorted-events.h: the events that pass the filters, in the order the list is sorted by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sitmap-view-state.h"

G_BEGIN_DECLS

typedef enum
{
  SITMAP_LIST_SORT_TIME,
  SITMAP_LIST_SORT_TITLE,
  SITMAP_LIST_SORT_PLACE,
  SITMAP_LIST_SORT_CATEGORY,
  SITMAP_LIST_SORT_KILLED,
  SITMAP_LIST_SORT_ORIGINS,
  SITMAP_N_LIST_SORTS
} SitmapListSort;

/* A GListModel of SitmapEvent over the view state's visible set, made only for the rows GTK asks for.
 * In time order it is the visible set itself; sorted by another key it holds one index array (4 bytes
 * an event) and its inverse, built in a worker thread when the set is big: the list shows the time
 * order until the sorted one is ready, then changes all at once. Ties keep time order. */
#define SITMAP_TYPE_SORTED_EVENTS (sitmap_sorted_events_get_type ())
G_DECLARE_FINAL_TYPE (SitmapSortedEvents, sitmap_sorted_events, SITMAP, SORTED_EVENTS, GObject)

SitmapSortedEvents *sitmap_sorted_events_new (SitmapViewState *view_state);
void                sitmap_sorted_events_set_sort (SitmapSortedEvents *self, SitmapListSort key,
                                                   GtkSortType order);
SitmapListSort     sitmap_sorted_events_get_sort (SitmapSortedEvents *self, GtkSortType *order);
/* Whether a sort is being made in the worker thread. */
gboolean            sitmap_sorted_events_is_sorting (SitmapSortedEvents *self);
/* The document position of item i. */
guint               sitmap_sorted_events_get_position (SitmapSortedEvents *self, guint i);
/* The item that shows the event at position, or -1 when it is filtered out. */
gint                sitmap_sorted_events_find (SitmapSortedEvents *self, guint position);

G_END_DECLS
