/* sitmap-sorted-events.c: the events that pass the filters, in the order the list is sorted by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-sidebar"

#include "config.h"

#include "sitmap-event.h"
#include "sitmap-sorted-events.h"

/* Above this many events a sort is made off the main thread (a million take about a second by title). */
#define SYNC_SORT_LIMIT 50000

struct _SitmapSortedEvents
{
  GObject          parent_instance;

  SitmapViewState *view_state;
  SitmapDocument  *document; /* the view state's, as the list shows it */
  SitmapListSort  key;
  GtkSortType      order;

  guint            n_items;
  guint32         *sorted;  /* item → position; NULL in time order */
  guint32         *inverse; /* position → item + 1 (0: not listed); NULL in time order */
  guint            generation;
  gboolean         sorting;
};

static void sitmap_sorted_events_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitmapSortedEvents, sitmap_sorted_events, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sitmap_sorted_events_model_init))

/* What a sort needs, owned by the task: a copy of the visible set, so the view state may change. */
typedef struct
{
  SitmapDocument *document;
  guint32        *positions;
  guint           n;
  SitmapListSort key;
  GtkSortType     order;
  guint           generation;
  guint32        *inverse; /* the result, with positions sorted in place */
} SortJob;

typedef struct
{
  union
  {
    gint64      number;
    const char *text;
  };
  guint32 position;
} SortEntry;

static void
sort_job_free (SortJob *job)
{
  g_clear_object (&job->document);
  g_free (job->positions);
  g_free (job->inverse);
  g_free (job);
}

/*
 * Sorting
 */

static guint
count_origins (SitmapEventStore *store, guint position)
{
  const SitmapCitationRecord *records;
  guint n, n_origins = 0;

  records = sitmap_event_store_get_citations (store, position, &n);
  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = records[j].source == records[i].source;
      n_origins += !seen;
    }
  return n_origins;
}

static const char *
place_name (SitmapDocument *document, SitmapEventStore *store, guint position)
{
  const char *text = sitmap_event_store_get_place_text (store, position);
  guint place = sitmap_event_store_get_place (store, position);

  if (text != NULL || place == 0)
    return text;
  return sitmap_place_get_name (sitmap_document_get_place (document, place - 1));
}

/* Ties, and events with no value (sorted last either way), keep time order. */
static int
compare_numbers (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SortEntry *x = a, *y = b;
  int sign = GPOINTER_TO_INT (user_data);

  if (x->number != y->number)
    {
      if (x->number == G_MININT64 || y->number == G_MININT64)
        return x->number == G_MININT64 ? 1 : -1;
      return sign * (x->number < y->number ? -1 : 1);
    }
  return x->position < y->position ? -1 : x->position > y->position;
}

static int
compare_texts (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SortEntry *x = a, *y = b;
  int sign = GPOINTER_TO_INT (user_data);
  int cmp;

  if (x->text == NULL || y->text == NULL)
    {
      if (x->text != y->text)
        return x->text == NULL ? 1 : -1;
    }
  else if ((cmp = g_ascii_strcasecmp (x->text, y->text)) != 0)
    return sign * cmp;
  return x->position < y->position ? -1 : x->position > y->position;
}

static void
fill_entry (SortJob *job, SitmapEventStore *store, const SitmapEventColumns *columns, SortEntry *entry)
{
  guint position = entry->position;

  switch (job->key)
    {
    case SITMAP_LIST_SORT_TITLE: entry->text = sitmap_event_store_get_title (store, position); break;
    case SITMAP_LIST_SORT_PLACE: entry->text = place_name (job->document, store, position); break;
    case SITMAP_LIST_SORT_CATEGORY: entry->number = columns->category[position]; break;
    case SITMAP_LIST_SORT_KILLED:
      entry->number = columns->fatalities[position] >= 0 ? columns->fatalities[position] : G_MININT64;
      break;
    case SITMAP_LIST_SORT_ORIGINS: entry->number = count_origins (store, position); break;
    case SITMAP_LIST_SORT_TIME:
    case SITMAP_N_LIST_SORTS:
    default: entry->number = position; break;
    }
}

/* Sorts job->positions in place and makes the inverse. Reads only what does not change after loading. */
static void
run_sort (SortJob *job)
{
  SitmapEventStore *store = sitmap_document_get_store (job->document);
  const SitmapEventColumns *columns = sitmap_document_get_columns (job->document);
  gboolean textual = job->key == SITMAP_LIST_SORT_TITLE || job->key == SITMAP_LIST_SORT_PLACE;
  g_autofree SortEntry *entries = g_new (SortEntry, MAX (job->n, 1));
  int sign = job->order == GTK_SORT_DESCENDING ? -1 : 1;

  for (guint i = 0; i < job->n; i++)
    {
      entries[i].position = job->positions[i];
      fill_entry (job, store, columns, &entries[i]);
    }
  g_qsort_with_data (entries, job->n, sizeof (SortEntry), textual ? compare_texts : compare_numbers,
                     GINT_TO_POINTER (sign));
  job->inverse = g_new0 (guint32, MAX (columns->n_events, 1));
  for (guint i = 0; i < job->n; i++)
    {
      job->positions[i] = entries[i].position;
      job->inverse[entries[i].position] = i + 1;
    }
}

static void
sort_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  run_sort (task_data);
  g_task_return_boolean (task, TRUE);
}

/*
 * Auxiliary methods
 */

static void
replace (SitmapSortedEvents *self, guint n_items, guint32 *sorted, guint32 *inverse)
{
  guint old_n = self->n_items;

  g_free (self->sorted);
  g_free (self->inverse);
  self->sorted = sorted;
  self->inverse = inverse;
  self->n_items = n_items;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n_items);
}

static void
apply_job (SitmapSortedEvents *self, SortJob *job)
{
  guint32 *positions = g_steal_pointer (&job->positions);
  guint32 *inverse = g_steal_pointer (&job->inverse);

  replace (self, job->n, positions, inverse);
}

static void
sort_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SitmapSortedEvents *self = SITMAP_SORTED_EVENTS (source);
  SortJob *job = g_task_get_task_data (G_TASK (result));

  /* A newer visible set or sort came while this one ran: its own job replaces this one. */
  if (job->generation != self->generation)
    return;
  self->sorting = FALSE;
  apply_job (self, job);
}

static gboolean
is_time_order (SitmapSortedEvents *self)
{
  return self->key == SITMAP_LIST_SORT_TIME;
}

static void
refresh (SitmapSortedEvents *self)
{
  SitmapDocument *document = sitmap_view_state_get_document (self->view_state);
  const guint32 *visible = NULL;
  guint n = 0;
  SortJob *job;

  self->generation++;
  self->sorting = FALSE;
  g_set_object (&self->document, document);
  if (self->document != NULL)
    visible = sitmap_view_state_get_visible (self->view_state, &n);
  if (is_time_order (self) || n == 0)
    {
      replace (self, n, NULL, NULL);
      return;
    }

  job = g_new0 (SortJob, 1);
  job->document = g_object_ref (self->document);
  job->positions = g_memdup2 (visible, n * sizeof (guint32));
  job->n = n;
  job->key = self->key;
  job->order = self->order;
  job->generation = self->generation;
  if (n <= SYNC_SORT_LIMIT)
    {
      run_sort (job);
      apply_job (self, job);
      sort_job_free (job);
      return;
    }
  /* Until the sorted order is ready, the list shows the new set in time order. */
  replace (self, n, NULL, NULL);
  self->sorting = TRUE;
  {
    g_autoptr (GTask) task = g_task_new (self, NULL, sort_done_cb, NULL);

    g_task_set_task_data (task, job, (GDestroyNotify) sort_job_free);
    g_task_run_in_thread (task, sort_thread);
  }
}

/*
 * GListModel
 */

static GType
sitmap_sorted_events_get_item_type (GListModel *model)
{
  return SITMAP_TYPE_EVENT;
}

static guint
sitmap_sorted_events_get_n_items (GListModel *model)
{
  return SITMAP_SORTED_EVENTS (model)->n_items;
}

static gpointer
sitmap_sorted_events_get_item (GListModel *model, guint i)
{
  SitmapSortedEvents *self = SITMAP_SORTED_EVENTS (model);

  if (i >= self->n_items || self->document == NULL)
    return NULL;
  return sitmap_document_get_event (self->document, sitmap_sorted_events_get_position (self, i));
}

static void
sitmap_sorted_events_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sitmap_sorted_events_get_item_type;
  iface->get_n_items = sitmap_sorted_events_get_n_items;
  iface->get_item = sitmap_sorted_events_get_item;
}

/*
 * GObject
 */

static void
sitmap_sorted_events_dispose (GObject *object)
{
  SitmapSortedEvents *self = SITMAP_SORTED_EVENTS (object);

  if (self->view_state != NULL)
    g_signal_handlers_disconnect_by_data (self->view_state, self);
  g_clear_object (&self->view_state);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (sitmap_sorted_events_parent_class)->dispose (object);
}

static void
sitmap_sorted_events_finalize (GObject *object)
{
  SitmapSortedEvents *self = SITMAP_SORTED_EVENTS (object);

  g_free (self->sorted);
  g_free (self->inverse);
  G_OBJECT_CLASS (sitmap_sorted_events_parent_class)->finalize (object);
}

static void
sitmap_sorted_events_class_init (SitmapSortedEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitmap_sorted_events_dispose;
  object_class->finalize = sitmap_sorted_events_finalize;
}

static void
sitmap_sorted_events_init (SitmapSortedEvents *self)
{
  self->order = GTK_SORT_ASCENDING;
}

/*
 * Public API
 */

SitmapSortedEvents *
sitmap_sorted_events_new (SitmapViewState *view_state)
{
  SitmapSortedEvents *self;

  g_return_val_if_fail (SITMAP_IS_VIEW_STATE (view_state), NULL);

  self = g_object_new (SITMAP_TYPE_SORTED_EVENTS, NULL);
  self->view_state = g_object_ref (view_state);
  g_signal_connect_swapped (view_state, "visible-changed", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (view_state, "notify::document", G_CALLBACK (refresh), self);
  refresh (self);
  return self;
}

void
sitmap_sorted_events_set_sort (SitmapSortedEvents *self, SitmapListSort key, GtkSortType order)
{
  g_return_if_fail (SITMAP_IS_SORTED_EVENTS (self));
  g_return_if_fail (key < SITMAP_N_LIST_SORTS);

  if (self->key == key && self->order == order)
    return;
  self->key = key;
  self->order = order;
  refresh (self);
}

SitmapListSort
sitmap_sorted_events_get_sort (SitmapSortedEvents *self, GtkSortType *order)
{
  g_return_val_if_fail (SITMAP_IS_SORTED_EVENTS (self), SITMAP_LIST_SORT_TIME);
  if (order != NULL)
    *order = self->order;
  return self->key;
}

gboolean
sitmap_sorted_events_is_sorting (SitmapSortedEvents *self)
{
  g_return_val_if_fail (SITMAP_IS_SORTED_EVENTS (self), FALSE);
  return self->sorting;
}

guint
sitmap_sorted_events_get_position (SitmapSortedEvents *self, guint i)
{
  const guint32 *visible;
  guint n;

  g_return_val_if_fail (SITMAP_IS_SORTED_EVENTS (self), 0);
  g_return_val_if_fail (i < self->n_items, 0);

  if (self->sorted != NULL)
    return self->sorted[i];
  visible = sitmap_view_state_get_visible (self->view_state, &n);
  g_return_val_if_fail (n == self->n_items, 0);
  /* Time order, newest first when descending. */
  if (self->order == GTK_SORT_DESCENDING && is_time_order (self))
    return visible[n - 1 - i];
  return visible[i];
}

gint
sitmap_sorted_events_find (SitmapSortedEvents *self, guint position)
{
  const guint32 *visible;
  guint n, lo = 0, hi;

  g_return_val_if_fail (SITMAP_IS_SORTED_EVENTS (self), -1);

  if (self->inverse != NULL)
    {
      if (self->document == NULL || position >= sitmap_document_get_n_events (self->document))
        return -1;
      return (gint) self->inverse[position] - 1;
    }
  visible = sitmap_view_state_get_visible (self->view_state, &n);
  if (n != self->n_items)
    return -1;
  /* The visible set is ascending: a binary search. */
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (visible[mid] < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo >= n || visible[lo] != position)
    return -1;
  return self->order == GTK_SORT_DESCENDING && is_time_order (self) ? (gint) (n - 1 - lo) : (gint) lo;
}
