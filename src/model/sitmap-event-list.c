/* sitmap-event-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-list"

#include "config.h"

#include <string.h>

#include "sitmap-bitset.h"
#include "sitmap-event-list.h"
#include "sitmap-positions.h"

/* Documents with more events than this are ordered in a thread. */
#define SORT_IN_THREAD 50000

typedef enum
{
  MODE_VISIBLE,
  MODE_UNDATED,
} Mode;

struct _SitmapEventList
{
  GObject          parent_instance;
  SitmapViewState *view_state; /* weak: the view state outlives the widgets that hold lists */
  Mode             mode;
  guint            n_items;

  SitmapEventSort  key;
  gboolean         descending;
  SitmapDocument  *order_document; /* weak: what order was made for, compared only */
  guint            order_serial;   /* and the document's events serial then (an import replaces the store) */
  guint            sorting_serial; /* the serial the thread's sort was started at */
  guint32         *order;          /* every position by key; NULL for time or while sorting */
  guint            n_order;        /* the positions order has: those edits added since are put in one by one */
  SitmapEventStore *order_store;   /* compared only: an import replaces the store, and every order goes */
  GArray          *items;          /* guint32: the listed positions in key order; NULL in time order */
  gint32          *item_of;        /* per document position, its item or -1; made when first asked */
  guint            n_item_of;
  GCancellable    *sorting;        /* the thread's sort, while it runs */

  /* What the list showed, when it showed the base list (in time order): the next refresh tells the
   * changes from it, so that rows that stay stay (a time range moved keeps most of them). */
  guint32         *shown;          /* the base positions, ascending */
  guint            n_shown;
  gboolean         shown_backwards;
  guint            shown_serial;
  SitmapEventStore *shown_store;   /* compared only */
  /* While the changes are told: the list is the new one up to done_new, the old one from done_old. */
  gboolean         telling;
  guint            n_base;         /* the new list's length */
  guint            done_new, done_old;
};

static void sitmap_event_list_model_init (GListModelInterface *iface);

static void
set_order_document (SitmapEventList *self, SitmapDocument *document)
{
  self->order_document = document;
  self->order_serial = document ? sitmap_document_get_events_serial (document) : 0;
  self->order_store = document ? sitmap_document_get_store (document) : NULL;
  self->n_order = document ? sitmap_document_get_n_events (document) : 0;
}

static SitmapDocument *get_document (SitmapEventList *self);

/* An edit of events leaves the order good for the positions it has: those added since are put in by
 * fill_sorted_items(). An import, or an undo that took positions away, asks for a new one. */
static gboolean
order_still_good (SitmapEventList *self)
{
  SitmapDocument *document = get_document (self);

  if (self->order_document != document)
    return FALSE;
  if (document == NULL || self->order_serial == sitmap_document_get_events_serial (document))
    return TRUE;
  if (self->order == NULL || self->order_store != sitmap_document_get_store (document) ||
      self->n_order > sitmap_document_get_n_events (document))
    return FALSE;
  self->order_serial = sitmap_document_get_events_serial (document);
  return TRUE;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SitmapEventList, sitmap_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sitmap_event_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_SORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_items (SitmapEventList *self)
{
  guint n;

  if (self->view_state == NULL)
    return 0;
  if (self->mode == MODE_VISIBLE)
    return sitmap_view_state_get_n_visible (self->view_state);
  if (sitmap_view_state_get_document (self->view_state) == NULL)
    return 0;
  sitmap_view_state_get_passing_undated (self->view_state, &n);
  return n;
}

static SitmapDocument *
get_document (SitmapEventList *self)
{
  return self->view_state ? sitmap_view_state_get_document (self->view_state) : NULL;
}

/* The listed positions in time order, before any sort. */
static guint
base_position (SitmapEventList *self, guint i)
{
  guint n;

  if (self->mode == MODE_VISIBLE)
    return sitmap_view_state_get_visible (self->view_state, &n)[i];
  return sitmap_view_state_get_passing_undated (self->view_state, &n)[i];
}

/* The base list is shown backwards: newest first */
static gboolean
shows_backwards (SitmapEventList *self)
{
  return self->key == SITMAP_EVENT_SORT_TIME && self->descending;
}

/* The i-th item the list showed before the refresh under way */
static guint32
shown_at (SitmapEventList *self, guint i)
{
  return self->shown[self->shown_backwards ? self->n_shown - 1 - i : i];
}

/* Where the event at position goes among items, in the order of the sort */
static guint
sorted_place (SitmapEventList *self, guint32 position)
{
  SitmapDocument *document = get_document (self);
  const guint8 *origins = sitmap_document_get_columns (document)->origins;
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = sitmap_event_order_compare (document, self->key, origins, g_array_index (self->items, guint32, mid),
                                            position);

      if (self->descending ? cmp > 0 : cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* One pass over the document's order, keeping what is listed; then the listed events edits added since the
 * order was made, each put in its place. */
static void
fill_sorted_items (SitmapEventList *self)
{
  SitmapDocument *document = get_document (self);
  guint n_events = sitmap_document_get_n_events (document);
  guint n = self->n_order;
  SitmapBitset listed;

  /* Everything listed (no filter, the undated when all are): the order as it is. */
  if (self->n_items == n_events && n == n_events)
    {
      self->items = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_events);
      g_array_set_size (self->items, n_events);
      for (guint i = 0; i < n_events; i++)
        g_array_index (self->items, guint32, i) = self->order[self->descending ? n_events - 1 - i : i];
      return;
    }
  sitmap_bitset_init (&listed, n_events);
  for (guint i = 0; i < self->n_items; i++)
    sitmap_bitset_set (&listed, base_position (self, i));
  self->items = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->n_items);
  for (guint i = 0; i < n; i++)
    {
      guint32 position = self->order[self->descending ? n - 1 - i : i];

      if (sitmap_bitset_test (&listed, position))
        g_array_append_val (self->items, position);
    }
  for (guint32 position = n; position < n_events; position++)
    if (sitmap_bitset_test (&listed, position))
      g_array_insert_val (self->items, sorted_place (self, position), position);
  sitmap_bitset_clear (&listed);
}

typedef struct
{
  guint32 position;
  gint64  start;
  gint64  end;
  gboolean undated;
} TimeKey;

static int
compare_time_key (gconstpointer a, gconstpointer b)
{
  const TimeKey *x = a, *y = b;

  if (x->undated != y->undated)
    return x->undated ? 1 : -1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

static void
time_key (const SitmapEventColumns *columns, guint32 position, TimeKey *key)
{
  key->position = position;
  key->undated = columns->time_precision[position] == SITMAP_TIME_PRECISION_NONE;
  key->start = key->undated ? 0 : columns->start[position];
  key->end = key->undated ? 0 : sitmap_event_columns_get_end (columns, position);
}

/* The first of base[0, n) (positions in time order) that comes after key */
static guint
time_place (const SitmapEventColumns *columns, const guint32 *base, guint n, const TimeKey *key)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      TimeKey other;

      time_key (columns, base[mid], &other);
      if (compare_time_key (&other, key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Events edits added come after the others in the document, whatever their time: listed in time order, they are
 * put in where their time puts them, each found by a binary search among the others (in time order already), the
 * runs between copied whole. */
static void
fill_time_items (SitmapEventList *self)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (get_document (self));
  g_autoptr (GArray) added = g_array_new (FALSE, FALSE, sizeof (TimeKey));
  g_autofree guint32 *base = g_new (guint32, MAX (self->n_items, 1));
  guint n_sorted, copied = 0;

  for (guint i = 0; i < self->n_items; i++)
    base[i] = base_position (self, i);
  /* Listed positions ascend: those edits added are the last */
  for (n_sorted = self->n_items; n_sorted > 0 && base[n_sorted - 1] >= columns->n_sorted; n_sorted--)
    ;
  if (n_sorted == self->n_items)
    return;
  for (guint i = n_sorted; i < self->n_items; i++)
    {
      TimeKey key;

      time_key (columns, base[i], &key);
      g_array_append_val (added, key);
    }
  g_array_sort (added, compare_time_key);
  self->items = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->n_items);
  for (guint a = 0; a < added->len; a++)
    {
      const TimeKey *key = &g_array_index (added, TimeKey, a);
      guint at = time_place (columns, base, n_sorted, key);

      g_array_append_vals (self->items, base + copied, at - copied);
      g_array_append_val (self->items, key->position);
      copied = at;
    }
  g_array_append_vals (self->items, base + copied, n_sorted - copied);
  if (self->descending)
    for (guint i = 0, j = self->n_items - 1; i < j; i++, j--)
      {
        guint32 t = g_array_index (self->items, guint32, i);

        g_array_index (self->items, guint32, i) = g_array_index (self->items, guint32, j);
        g_array_index (self->items, guint32, j) = t;
      }
}

static void start_sort (SitmapEventList *self);

/* Every item replaced, said in two steps: all removed, then all added. Said in one, GTK's list views
 * (and GtkMultiSelection) look for the rows they keep (the one in view, the selected) among the new
 * items by asking for each of them: a new object per listed event, a million at a million events,
 * on the main thread. Nothing is kept across a refresh anyway (items are made afresh for each call);
 * the panel selects and shows the selected event again after. */
static void
emit_replaced (SitmapEventList *self, guint old_n)
{
  guint n = self->n_items;

  if (old_n == 0 || n == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n);
      return;
    }
  self->n_items = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  self->n_items = n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);
}

static const guint32 *
base_positions (SitmapEventList *self, guint *n)
{
  if (self->mode == MODE_VISIBLE)
    return sitmap_view_state_get_visible (self->view_state, n);
  return sitmap_view_state_get_passing_undated (self->view_state, n);
}

/* A run of items removed and added, where the old list and the new differ */
typedef struct
{
  guint old_at, new_at;
  guint removed, added;
} Change;

/* More than a few runs (a filter that keeps every other event): the list is replaced, and shows its top. */
#define MAX_CHANGES 8

static inline guint32
list_at (const guint32 *ascending, guint n, gboolean backwards, guint i)
{
  return ascending[backwards ? n - 1 - i : i];
}

/* The runs that turn the list shown into the base list now, both in list order (ascending positions, or
 * descending when backwards): one walk over both. FALSE when there are more than MAX_CHANGES. */
static gboolean
find_changes (SitmapEventList *self, Change *changes, guint *n_changes)
{
  guint n_new, n_old = self->n_shown, i = 0, j = 0;
  const guint32 *new = base_positions (self, &n_new), *old = self->shown;
  gboolean backwards = self->shown_backwards;

  *n_changes = 0;
  while (i < n_old || j < n_new)
    {
      Change change = { i, j, 0, 0 };

      if (i < n_old && j < n_new && list_at (old, n_old, backwards, i) == list_at (new, n_new, backwards, j))
        {
          i++, j++;
          continue;
        }
      if (*n_changes == MAX_CHANGES)
        return FALSE;
      while (i < n_old || j < n_new)
        {
          guint32 a = i < n_old ? list_at (old, n_old, backwards, i) : 0;
          guint32 b = j < n_new ? list_at (new, n_new, backwards, j) : 0;

          if (i < n_old && j < n_new && a == b)
            break;
          if (j == n_new || (i < n_old && (backwards ? a > b : a < b)))
            i++, change.removed++;
          else
            j++, change.added++;
        }
      changes[(*n_changes)++] = change;
    }
  return TRUE;
}

/* The list can be told as changes from what it showed: the base list then and now, of the same events. */
static gboolean
can_tell_changes (SitmapEventList *self, guint old_n)
{
  SitmapDocument *document = get_document (self);

  return self->shown != NULL && self->n_shown == old_n && self->items == NULL && document != NULL &&
         self->shown_backwards == shows_backwards (self) &&
         self->shown_store == sitmap_document_get_store (document) &&
         self->shown_serial == sitmap_document_get_events_serial (document);
}

/* Each run told in turn, front to back; while one is told, the list is the new one up to its end and the old
 * one after (sitmap_event_list_get_position()). Rows of the events that stay keep their place, selection
 * and scroll. FALSE (nothing said) when the list changed too much for that. */
static gboolean
tell_changes (SitmapEventList *self, guint old_n)
{
  Change changes[MAX_CHANGES];
  guint n_changes;

  if (!can_tell_changes (self, old_n) || !find_changes (self, changes, &n_changes))
    return FALSE;
  self->telling = TRUE;
  for (guint c = 0; c < n_changes; c++)
    {
      self->done_new = changes[c].new_at + changes[c].added;
      self->done_old = changes[c].old_at + changes[c].removed;
      self->n_items = self->done_new + (old_n - self->done_old);
      g_list_model_items_changed (G_LIST_MODEL (self), changes[c].new_at, changes[c].removed, changes[c].added);
    }
  self->telling = FALSE;
  g_assert (self->n_items == self->n_base);
  return TRUE;
}

/* What the list shows now, kept for the next refresh to tell its changes from */
static void
keep_shown (SitmapEventList *self)
{
  SitmapDocument *document = get_document (self);
  const guint32 *base;

  if (self->items != NULL || document == NULL || self->n_items == 0)
    {
      g_clear_pointer (&self->shown, g_free);
      self->n_shown = 0;
      return;
    }
  base = base_positions (self, &self->n_shown);
  self->shown = g_renew (guint32, self->shown, self->n_shown);
  memcpy (self->shown, base, self->n_shown * sizeof (guint32));
  self->shown_backwards = shows_backwards (self);
  self->shown_store = sitmap_document_get_store (document);
  self->shown_serial = sitmap_document_get_events_serial (document);
}

/* Every change recomputes the whole list: the set is recomputed as a whole, and GTK asks only for the
 * rows it shows, so this costs nothing per event beyond the one pass of a sorted order. In time order,
 * what changed is told as runs removed and added, so that the rows that stay stay. */
static void
refresh (SitmapEventList *self)
{
  guint old_n = self->n_items;

  self->n_items = count_items (self);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->item_of, g_free);
  if (!order_still_good (self))
    {
      g_clear_pointer (&self->order, g_free);
      self->order_document = NULL;
      if (self->key != SITMAP_EVENT_SORT_TIME && get_document (self) != NULL)
        start_sort (self);
    }
  if (self->order != NULL && self->n_items > 0)
    fill_sorted_items (self);
  else if (self->key == SITMAP_EVENT_SORT_TIME && self->n_items > 0 &&
           sitmap_document_get_columns (get_document (self))->n_sorted < sitmap_document_get_n_events (get_document (self)))
    fill_time_items (self);
  self->n_base = self->n_items;
  self->n_items = old_n;
  if (!tell_changes (self, old_n))
    {
      self->n_items = self->n_base;
      emit_replaced (self, old_n);
    }
  keep_shown (self);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/*
 * Sorting
 */

static void
set_sorting (SitmapEventList *self, GCancellable *cancellable)
{
  gboolean was = self->sorting != NULL;

  if (self->sorting != NULL)
    g_cancellable_cancel (self->sorting);
  g_set_object (&self->sorting, cancellable);
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTING]);
}

static void
sort_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  guint32 *order = sitmap_event_order_job_run (task_data);

  sitmap_document_end_reading (sitmap_event_order_job_get_document (task_data));
  g_task_return_pointer (task, order, g_free);
}

static void
sort_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SitmapEventList) self = user_data;
  g_autofree guint32 *order = g_task_propagate_pointer (G_TASK (result), NULL);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* A newer sort, or another document, made this one moot. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->sorting)
    return;
  set_sorting (self, NULL);
  g_free (self->order);
  self->order = NULL;
  self->order_document = NULL;
  /* Sorted from a store an import has since replaced: refresh() sorts again. */
  if (get_document (self) != NULL && sitmap_document_get_events_serial (get_document (self)) == self->sorting_serial)
    {
      self->order = g_steal_pointer (&order);
      set_order_document (self, get_document (self));
    }
  refresh (self);
}

static void
start_sort (SitmapEventList *self)
{
  SitmapDocument *document = get_document (self);
  const guint8 *origins = NULL;
  SitmapEventOrderJob *job;

  if (self->key == SITMAP_EVENT_SORT_ORIGINS)
    origins = sitmap_document_get_columns (document)->origins;
  job = sitmap_event_order_job_new (document, self->key, origins);
  if (sitmap_document_get_n_events (document) <= SORT_IN_THREAD)
    {
      set_sorting (self, NULL);
      self->order = sitmap_event_order_job_run (job);
      set_order_document (self, document);
      sitmap_event_order_job_free (job);
    }
  else
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GTask) task = g_task_new (NULL, cancellable, sort_done_cb, g_object_ref (self));

      set_sorting (self, cancellable);
      self->sorting_serial = sitmap_document_get_events_serial (document);
      /* The thread reads the store: an edit meanwhile waits for it */
      sitmap_document_begin_reading (document);
      g_task_set_task_data (task, job, (GDestroyNotify) sitmap_event_order_job_free);
      g_task_run_in_thread (task, sort_thread);
    }
}

void
sitmap_event_list_set_sort (SitmapEventList *self, SitmapEventSort key, gboolean descending)
{
  gboolean shown_as_base;

  g_return_if_fail (SITMAP_IS_EVENT_LIST (self));
  g_return_if_fail (key < SITMAP_N_EVENT_SORTS);

  descending = !!descending;
  if (self->key == key && self->descending == descending)
    return;
  if (self->key != key)
    {
      g_clear_pointer (&self->order, g_free);
      self->order_document = NULL;
      /* A sort under way for another key is cancelled when the next starts. */
      if (key == SITMAP_EVENT_SORT_TIME)
        set_sorting (self, NULL);
    }
  shown_as_base = self->items == NULL && !(self->key == SITMAP_EVENT_SORT_TIME && self->descending);
  self->key = key;
  self->descending = descending;
  if (key == SITMAP_EVENT_SORT_TIME)
    set_order_document (self, get_document (self));
  /* Sorted in a thread from the time order shown: that stays, untouched (rows, scroll, selection), until
   * the sorted order comes in (sort_done_cb()). */
  if (shown_as_base && key != SITMAP_EVENT_SORT_TIME && self->order == NULL && get_document (self) != NULL &&
      sitmap_document_get_n_events (get_document (self)) > SORT_IN_THREAD)
    {
      start_sort (self);
      return;
    }
  refresh (self);
}

SitmapEventSort
sitmap_event_list_get_sort (SitmapEventList *self, gboolean *descending)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_LIST (self), SITMAP_EVENT_SORT_TIME);
  if (descending != NULL)
    *descending = self->descending;
  return self->key;
}

/* In the base list, ascending: a binary search; while changes are told, in the list as it is between them. */
static gint
find_in_base (SitmapEventList *self, guint position)
{
  guint n;
  const guint32 *base = base_positions (self, &n);
  gint i = sitmap_positions_index_of (base, n, position), old_i;

  if (i >= 0 && shows_backwards (self))
    i = (gint) n - 1 - i;
  if (!self->telling || (i >= 0 && (guint) i < self->done_new))
    return i;
  /* Past the runs told, the list is still the old one */
  old_i = sitmap_positions_index_of (self->shown, self->n_shown, position);
  if (old_i >= 0 && self->shown_backwards)
    old_i = (gint) self->n_shown - 1 - old_i;
  if (old_i < 0 || (guint) old_i < self->done_old)
    return -1;
  return (gint) (self->done_new + old_i - self->done_old);
}

gint
sitmap_event_list_find (SitmapEventList *self, guint position)
{
  SitmapDocument *document;
  guint n_events;

  g_return_val_if_fail (SITMAP_IS_EVENT_LIST (self), -1);

  document = get_document (self);
  if (document == NULL || self->n_items == 0)
    return -1;
  n_events = sitmap_document_get_n_events (document);
  if (position >= n_events)
    return -1;
  if (self->items == NULL)
    return find_in_base (self, position);
  if (self->item_of == NULL)
    {
      self->item_of = g_new (gint32, n_events);
      self->n_item_of = n_events;
      memset (self->item_of, 0xff, n_events * sizeof (gint32));
      for (guint i = 0; i < self->n_items; i++)
        self->item_of[sitmap_event_list_get_position (self, i)] = (gint32) i;
    }
  return self->item_of[position];
}

static void
visible_changed_cb (SitmapEventList *self)
{
  refresh (self);
}

static void
passing_changed_cb (SitmapEventList *self)
{
  refresh (self);
}

guint
sitmap_event_list_get_position (SitmapEventList *self, guint i)
{
  g_return_val_if_fail (SITMAP_IS_EVENT_LIST (self), 0);
  g_return_val_if_fail (i < self->n_items, 0);

  if (self->items != NULL)
    return g_array_index (self->items, guint32, i);
  if (self->telling && i >= self->done_new)
    return shown_at (self, self->done_old + i - self->done_new);
  /* In time order (or while a sort is made): the base list, backwards when descending. */
  return base_position (self, shows_backwards (self) ? (self->telling ? self->n_base : self->n_items) - 1 - i : i);
}

static GType
sitmap_event_list_get_item_type (GListModel *model)
{
  return SITMAP_TYPE_EVENT;
}

static guint
sitmap_event_list_get_n_items (GListModel *model)
{
  return SITMAP_EVENT_LIST (model)->n_items;
}

static gpointer
sitmap_event_list_get_item (GListModel *model, guint i)
{
  SitmapEventList *self = SITMAP_EVENT_LIST (model);

  if (i >= self->n_items)
    return NULL;
  return sitmap_document_get_event (sitmap_view_state_get_document (self->view_state),
                                    sitmap_event_list_get_position (self, i));
}

static void
sitmap_event_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sitmap_event_list_get_item_type;
  iface->get_n_items = sitmap_event_list_get_n_items;
  iface->get_item = sitmap_event_list_get_item;
}

static void
sitmap_event_list_dispose (GObject *object)
{
  SitmapEventList *self = (SitmapEventList *) object;

  if (self->view_state != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view_state, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view_state), (gpointer *) &self->view_state);
      self->view_state = NULL;
    }
  set_sorting (self, NULL);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->item_of, g_free);
  g_clear_pointer (&self->shown, g_free);
  G_OBJECT_CLASS (sitmap_event_list_parent_class)->dispose (object);
}

static void
sitmap_event_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SitmapEventList *self = SITMAP_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS: g_value_set_uint (value, self->n_items); break;
    case PROP_SORTING: g_value_set_boolean (value, self->sorting != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitmap_event_list_class_init (SitmapEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitmap_event_list_dispose;
  object_class->get_property = sitmap_event_list_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* TRUE while a big document is being ordered in a thread. */
  properties[PROP_SORTING] = g_param_spec_boolean ("sorting", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitmap_event_list_init (SitmapEventList *self)
{
}

static SitmapEventList *
sitmap_event_list_new (SitmapViewState *view_state, Mode mode)
{
  SitmapEventList *self;

  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);

  self = g_object_new (SITMAP_TYPE_EVENT_LIST, NULL);
  self->view_state = view_state;
  self->mode = mode;
  g_object_add_weak_pointer (G_OBJECT (view_state), (gpointer *) &self->view_state);
  if (mode == MODE_VISIBLE)
    g_signal_connect_swapped (view_state, "visible-changed", G_CALLBACK (visible_changed_cb), self);
  else
    g_signal_connect_swapped (view_state, "passing-changed", G_CALLBACK (passing_changed_cb), self);
  self->n_items = count_items (self);
  set_order_document (self, get_document (self));
  return self;
}

SitmapEventList *
sitmap_event_list_new_visible (SitmapViewState *view_state)
{
  return sitmap_event_list_new (view_state, MODE_VISIBLE);
}

SitmapEventList *
sitmap_event_list_new_undated (SitmapViewState *view_state)
{
  return sitmap_event_list_new (view_state, MODE_UNDATED);
}
