/* sitmap-event-store-edit.c: events added and deleted after the store was built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A finished store keeps its events in time order, and everything made from it (the facet and text indexes, the
 * views' sets, the sorted lists) names events by position. So an edit never moves an event: an added one takes the
 * next position, after every other, and goes to the time index's side list (which every query scans) instead of
 * its place in time order; a deleted one keeps its position, flagged, and no query finds it. An edit of an event
 * is both (see SitmapEventCommand). Undo takes the last added events away again, and clears a deletion.
 */
#define G_LOG_DOMAIN "sitmap-event-store"

#include "config.h"

#include <string.h>

#include "sitmap-event-store-private.h"

static void
grow_column (gpointer *column, gsize size, guint capacity)
{
  *column = g_realloc_n (*column, capacity, size);
}

/* Columns have room for the events edits add; they grow by an eighth, so that adding is amortised O(1). */
static void
ensure_capacity (SitmapEventStore *self, guint n)
{
  guint capacity;

  if (n <= self->capacity)
    return;
  capacity = MAX (n, self->capacity + MAX (self->capacity / 8, 64));
  grow_column ((gpointer *) &self->start, sizeof (gint64), capacity);
  grow_column ((gpointer *) &self->duration, sizeof (guint32), capacity);
  grow_column ((gpointer *) &self->time_precision, sizeof (guint8), capacity);
  grow_column ((gpointer *) &self->category, sizeof (guint8), capacity);
  grow_column ((gpointer *) &self->location_precision, sizeof (guint8), capacity);
  grow_column ((gpointer *) &self->flags, sizeof (guint8), capacity);
  grow_column ((gpointer *) &self->x, sizeof (double), capacity);
  grow_column ((gpointer *) &self->y, sizeof (double), capacity);
  grow_column ((gpointer *) &self->fatalities, sizeof (gint32), capacity);
  grow_column ((gpointer *) &self->origins, sizeof (guint8), capacity);
  if (self->record_of != NULL)
    grow_column ((gpointer *) &self->record_of, sizeof (guint32), capacity);
  self->capacity = capacity;
  g_assert (self->capacity >= n);
}

/* The columns' pointers, after they moved (also what finish makes public) */
void
_sitmap_event_store_publish_columns (SitmapEventStore *self)
{
  /* Every long event has its end; positions past the sorted ones are all edits' */
  g_assert (self->long_events->len == self->long_ends->len);
  g_assert (self->columns.n_sorted <= self->columns.n_events);
  self->columns.start = self->start;
  self->columns.duration = self->duration;
  self->columns.time_precision = self->time_precision;
  self->columns.category = self->category;
  self->columns.location_precision = self->location_precision;
  self->columns.flags = self->flags;
  self->columns.x = self->x;
  self->columns.y = self->y;
  self->columns.fatalities = self->fatalities;
  self->columns.origins = self->origins;
  self->columns.n_long = self->long_events->len;
  self->columns.long_positions = (const guint32 *) (gpointer) self->long_events->data;
  self->columns.long_ends = (const gint64 *) (gpointer) self->long_ends->data;
}

/* As finish resolves an event's place: the point, shape and precision of its place when it has none of its own */
static void
resolve_place (SitmapEventStore *self, EventRecord *record, const SitmapEventResolver *resolve)
{
  const char *place_id = record->place_id;

  record->own_citations = NULL;
  record->place = place_id != NULL ? resolve->lookup_place (place_id, resolve->user_data) : 0;
  if (record->place != 0)
    _sitmap_event_store_inherit_place (self, record, resolve->places);
  if (record->location_precision == SITMAP_LOCATION_PRECISION_NONE &&
      sitmap_coordinates_valid (record->latitude, record->longitude))
    record->location_precision = SITMAP_LOCATION_PRECISION_EXACT;
}

guint
sitmap_event_store_append_event (SitmapEventStore       *self,
                                 const SitmapEventDraft *draft,
                                 SitmapIdLookup          lookup_source,
                                 SitmapIdLookup          lookup_place,
                                 GListModel             *places,
                                 gpointer                user_data)
{
  SitmapEventResolver resolve = { lookup_source, lookup_place, places, user_data };
  EventRecord record;
  guint position;

  g_return_val_if_fail (self != NULL && self->finished, 0);
  g_return_val_if_fail (draft != NULL, 0);
  g_return_val_if_fail (self->columns.n_events < G_MAXUINT32 - 1, 0);

  _sitmap_event_store_fill_record (self, draft, &record, &resolve);
  resolve_place (self, &record, &resolve);
  position = self->columns.n_events;
  ensure_capacity (self, position + 1);
  g_array_append_val (self->records, record);
  if (self->record_of != NULL)
    self->record_of[position] = self->records->len - 1;
  self->columns.n_events++;
  /* A record per position, in position order or through record_of */
  g_assert (self->record_of != NULL || self->records->len == self->columns.n_events);
  _sitmap_event_store_fill_columns (self, position, position + 1);

  /* Out of time order: in the side list, which every time query scans whole */
  if (record.time_precision != SITMAP_TIME_PRECISION_NONE)
    {
      g_array_append_val (self->long_events, position);
      g_array_append_val (self->long_ends, record.end);
      self->duration[position] = SITMAP_EVENT_DURATION_LONG;
      self->flags[position] |= SITMAP_EVENT_FLAG_LONG;
    }
  else
    self->duration[position] = 0;
  _sitmap_event_store_publish_columns (self);
  _sitmap_event_store_set_id_position (self, position);
  return position;
}

/* Positions from n on go: those an edit and the steps merged into it added (the steps in between deleted) */
void
sitmap_event_store_truncate (SitmapEventStore *self, guint n)
{
  g_return_if_fail (self != NULL && self->finished);
  g_return_if_fail (n >= self->columns.n_sorted && n <= self->columns.n_events);

  while (self->long_events->len > 0 && g_array_index (self->long_events, guint32, self->long_events->len - 1) >= n)
    {
      g_array_set_size (self->long_events, self->long_events->len - 1);
      g_array_set_size (self->long_ends, self->long_ends->len - 1);
    }
  for (guint i = self->deleted->len; i-- > 0;)
    if (g_array_index (self->deleted, guint32, i) >= n)
      g_array_remove_index (self->deleted, i);
  for (guint i = self->touched->len; i-- > 0;)
    if (g_array_index (self->touched, guint32, i) >= n)
      g_array_remove_index (self->touched, i);
  /* Their text, citations and figures stay, unused, until the store goes: an undo is not worth a compaction. */
  g_array_set_size (self->records, n);
  self->columns.n_events = n;
  _sitmap_event_store_publish_columns (self);
}

void
sitmap_event_store_set_deleted (SitmapEventStore *self, guint position, gboolean deleted)
{
  g_return_if_fail (self != NULL && self->finished);
  g_return_if_fail (position < self->columns.n_events);

  if (deleted == !!(self->flags[position] & SITMAP_EVENT_FLAG_DELETED))
    return;
  if (deleted)
    {
      guint32 p = position;

      self->flags[position] |= SITMAP_EVENT_FLAG_DELETED;
      g_array_append_val (self->deleted, p);
      return;
    }
  self->flags[position] &= ~SITMAP_EVENT_FLAG_DELETED;
  /* Undo restores the last deletions first: look from the end. The flag and the list agree, always. */
  for (guint i = self->deleted->len;; i--)
    {
      g_assert (i > 0);
      if (g_array_index (self->deleted, guint32, i - 1) == position)
        {
          g_array_remove_index_fast (self->deleted, i - 1);
          break;
        }
    }
  _sitmap_event_store_set_id_position (self, position);
}

gboolean
sitmap_event_store_is_deleted (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL && self->finished, FALSE);
  g_return_val_if_fail (position < self->columns.n_events, FALSE);
  return (self->flags[position] & SITMAP_EVENT_FLAG_DELETED) != 0;
}

const guint32 *
sitmap_event_store_get_deleted (SitmapEventStore *self, guint *n_deleted)
{
  g_return_val_if_fail (self != NULL && self->finished, NULL);
  *n_deleted = self->deleted->len;
  return (const guint32 *) (gpointer) self->deleted->data;
}

const guint32 *
sitmap_event_store_get_touched (SitmapEventStore *self, guint *n_touched)
{
  g_return_val_if_fail (self != NULL && self->finished, NULL);
  *n_touched = self->touched->len;
  return (const guint32 *) (gpointer) self->touched->data;
}

GArray *
sitmap_event_store_dup_live_positions (SitmapEventStore *self)
{
  GArray *positions;

  g_return_val_if_fail (self != NULL && self->finished, NULL);
  if (self->deleted->len == 0)
    return NULL;
  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), sitmap_event_store_get_n_live (self));
  for (guint32 p = 0; p < self->columns.n_events; p++)
    if (!(self->flags[p] & SITMAP_EVENT_FLAG_DELETED))
      g_array_append_val (positions, p);
  return positions;
}

guint
sitmap_event_store_get_n_live (SitmapEventStore *self)
{
  g_return_val_if_fail (self != NULL && self->finished, 0);
  return self->columns.n_events - self->deleted->len;
}
