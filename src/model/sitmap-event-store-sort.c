/* sitmap-event-store-sort.c: the store's records put in time order, and its events found by id
 *
 * Both run once per document, over every event: at a million events they must take milliseconds, not the
 * second a sort by callback over 128-byte records and a GHashTable of ids took. The records are not moved:
 * the sort gives each position its record (record_of), a 4-byte index instead of 128 bytes moved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-store"

#include "config.h"

#include <string.h>

#include "sitmap-event-store-private.h"
#include "sitmap-memory.h"
#include "sitmap-sort-keys.h"

/*
 * Sorting: dated events by start, then end, then the order they were added; the undated last, in the order
 * they were added. The records are in the order they were added (record i has order i) until then.
 */

static gboolean
is_dated (const EventRecord *record)
{
  return record->time_precision != SITMAP_TIME_PRECISION_NONE;
}

/* Whether a precedes b or is at the same place (the order ties are broken by is theirs already). */
static gboolean
in_order (const EventRecord *a, const EventRecord *b)
{
  if (is_dated (a) != is_dated (b))
    return is_dated (a);
  if (!is_dated (a))
    return TRUE;
  if (a->start != b->start)
    return a->start < b->start;
  return a->end <= b->end;
}

static gboolean
records_sorted (SitmapEventStore *self)
{
  const EventRecord *records = (const EventRecord *) (gpointer) self->records->data;

  for (guint i = 1; i < self->records->len; i++)
    if (!in_order (&records[i - 1], &records[i]))
      return FALSE;
  return TRUE;
}

void
_sitmap_event_store_sort_records (SitmapEventStore *self)
{
  EventRecord *records = (EventRecord *) (gpointer) self->records->data;
  guint n = self->records->len, n_dated = 0, k = 0;
  g_autofree SitmapSortKey *keys = NULL;
  g_autofree SitmapSortKey *spare = NULL;
  g_autofree guint32 *source = NULL;
  SitmapSortKey *sorted;

  if (records_sorted (self))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_assert (records[i].order == i);
      n_dated += is_dated (&records[i]);
    }
  keys = g_new (SitmapSortKey, MAX (n_dated, 1));
  spare = g_new (SitmapSortKey, MAX (n_dated, 1));
  sitmap_memory_advise_huge (keys, n_dated * sizeof (SitmapSortKey));
  sitmap_memory_advise_huge (spare, n_dated * sizeof (SitmapSortKey));
  for (guint i = 0; i < n; i++)
    if (is_dated (&records[i]))
      {
        /* The times with their sign bit flipped: unsigned order is then signed order */
        keys[k].major = (guint64) records[i].start ^ G_GUINT64_CONSTANT (0x8000000000000000);
        keys[k].minor = (guint64) records[i].end ^ G_GUINT64_CONSTANT (0x8000000000000000);
        keys[k].index = i;
        k++;
      }
  sorted = n_dated > 0 ? sitmap_sort_keys (keys, spare, n_dated) : keys;
  source = g_new (guint32, MAX (n, 1));
  k = 0;
  for (guint i = 0; i < n_dated; i++)
    source[k++] = sorted[i].index;
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&spare, g_free);
  for (guint i = 0; i < n; i++)
    if (!is_dated (&records[i]))
      source[k++] = i;
  g_free (self->record_of);
  self->record_of = g_steal_pointer (&source);
}

/*
 * Ids: open addressing, the hash and position of each event with an id. Where ids repeat, the last event
 * with the id is the one found.
 */

static guint32
id_hash (const char *id)
{
  return sitmap_string_hash (id, strlen (id));
}

/* Ids are hashed in the order their records were added, which is the order their text lies in memory, and
 * each slot is fetched ahead of its insertion: the misses that remain are the table's own. */
#define PREFETCH_DISTANCE 16

static void
insert_id (SitmapEventStore *self, guint64 *slots, guint32 hash, guint32 position, const char *id)
{
  guint32 s;

  for (s = hash & self->id_mask; slots[s] != 0; s = (s + 1) & self->id_mask)
    if ((guint32) (slots[s] >> 32) == hash &&
        strcmp (_sitmap_event_store_record (self, (guint32) slots[s] - 1)->id, id) == 0)
      {
        /* The last position with the id is found */
        if ((guint32) slots[s] - 1 > position)
          return;
        break;
      }
  slots[s] = (guint64) hash << 32 | (position + 1);
}

void
_sitmap_event_store_index_ids (SitmapEventStore *self)
{
  const EventRecord *records = (const EventRecord *) (gpointer) self->records->data;
  guint n = self->records->len, n_ids = 0;
  g_autofree guint32 *position_of = NULL;
  guint32 hashes[PREFETCH_DISTANCE];
  guint64 size = 16;
  guint64 *slots;

  for (guint i = 0; i < n; i++)
    n_ids += records[i].id != NULL;
  while (size < 2 * (guint64) n_ids)
    size *= 2;
  g_free (self->id_slots);
  slots = g_malloc0_n (size, sizeof (guint64));
  sitmap_memory_advise_huge (slots, size * sizeof (guint64));
  self->id_slots = (guint32 *) slots;
  self->id_mask = (guint32) (size - 1);
  if (self->record_of != NULL)
    {
      position_of = g_new (guint32, MAX (n, 1));
      for (guint p = 0; p < n; p++)
        position_of[self->record_of[p]] = p;
    }
  for (guint i = 0; i < n + PREFETCH_DISTANCE; i++)
    {
      guint r = i - PREFETCH_DISTANCE;

      /* The record PREFETCH_DISTANCE back is inserted, its slot fetched when this one was hashed */
      if (i >= PREFETCH_DISTANCE && records[r].id != NULL)
        insert_id (self, slots, hashes[r % PREFETCH_DISTANCE], position_of ? position_of[r] : r, records[r].id);
      if (i < n && records[i].id != NULL)
        {
          guint32 hash = id_hash (records[i].id);

          hashes[i % PREFETCH_DISTANCE] = hash;
          __builtin_prefetch (&slots[hash & self->id_mask], 1);
        }
    }
}

gint
_sitmap_event_store_find_id (SitmapEventStore *self, const char *id)
{
  const guint64 *slots = (const guint64 *) self->id_slots;
  guint32 hash = id_hash (id);

  /* A slot may name a position an undone edit took away: beyond the store, or now another event's. The slot of
   * an id names its latest position; a deleted event is not found. */
  for (guint32 s = hash & self->id_mask; slots[s] != 0; s = (s + 1) & self->id_mask)
    {
      guint32 position = (guint32) slots[s] - 1;

      if ((guint32) (slots[s] >> 32) == hash && position < self->records->len &&
          strcmp (_sitmap_event_store_record (self, position)->id, id) == 0)
        return self->flags != NULL && (self->flags[position] & SITMAP_EVENT_FLAG_DELETED) ? -1 : (gint) position;
    }
  return -1;
}

void
_sitmap_event_store_set_id_position (SitmapEventStore *self, guint position)
{
  const char *id = _sitmap_event_store_record (self, position)->id;
  guint64 *slots = (guint64 *) self->id_slots;
  guint32 hash, s;

  if (id == NULL)
    return;
  /* Stale slots (of events undone) stay until the table is made again: keep it at most half full. */
  if (self->n_id_slots_used == 0)
    self->n_id_slots_used = self->records->len;
  if (2 * ((guint64) self->n_id_slots_used + 1) > (guint64) self->id_mask + 1)
    {
      _sitmap_event_store_index_ids (self);
      self->n_id_slots_used = self->records->len;
      slots = (guint64 *) self->id_slots;
    }
  hash = id_hash (id);
  for (s = hash & self->id_mask; slots[s] != 0; s = (s + 1) & self->id_mask)
    if ((guint32) (slots[s] >> 32) == hash && (guint32) slots[s] - 1 < self->records->len &&
        strcmp (_sitmap_event_store_record (self, (guint32) slots[s] - 1)->id, id) == 0)
      break;
  if (slots[s] == 0)
    self->n_id_slots_used++;
  slots[s] = (guint64) hash << 32 | (position + 1);
}
