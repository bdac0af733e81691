/* sitmap-event-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-order"

#include "config.h"

#include <string.h>

#include "sitmap-event-order.h"
#include "sitmap-sort-keys.h"
#include "sitmap-words.h"

struct _SitmapEventOrderJob
{
  SitmapDocument   *document; /* kept alive: the store's text is read in the thread */
  SitmapEventStore *store;
  SitmapEventSort   key;
  guint             n_events;
  guint64          *numbers;     /* per event, for the number keys */
  char            **place_names; /* per gazetteer place, copied, for SITMAP_EVENT_SORT_PLACE */
  guint             n_places;
};

/* Text is sorted on its folded form; its first sixteen bytes, packed in two numbers, decide most
 * comparisons without touching the strings (and all of them for texts that short, which are not kept). */
#define PREFIX_BYTES 16

typedef struct
{
  guint64     prefix[2];
  const char *rest;     /* the whole folded text when longer than PREFIX_BYTES, else NULL */
  guint32     position;
  gboolean    empty;
} TextKey;

static int
compare_text_key (gconstpointer a, gconstpointer b)
{
  const TextKey *x = a, *y = b;
  int cmp;

  if (x->empty != y->empty)
    return x->empty ? 1 : -1;
  for (guint i = 0; i < 2; i++)
    if (x->prefix[i] != y->prefix[i])
      return x->prefix[i] < y->prefix[i] ? -1 : 1;
  /* Equal first bytes: strcmp() only when both go on beyond them. */
  if (x->rest != NULL && y->rest != NULL && (cmp = strcmp (x->rest, y->rest)) != 0)
    return cmp;
  if ((x->rest == NULL) != (y->rest == NULL))
    return x->rest == NULL ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

/* Big-endian, zero-padded: comparing the numbers compares the bytes as strcmp() does. */
static void
pack_prefix (const char *folded, gsize length, guint64 prefix[2])
{
  for (guint i = 0; i < 2; i++)
    {
      prefix[i] = 0;
      for (guint j = 0; j < 8; j++)
        {
          gsize k = i * 8 + j;

          prefix[i] = (prefix[i] << 8) | (k < length ? (guchar) folded[k] : 0);
        }
    }
}

static const char *
text_of (SitmapEventOrderJob *self, guint position)
{
  const char *text;
  guint place;

  if (self->key == SITMAP_EVENT_SORT_TITLE)
    return sitmap_event_store_get_title (self->store, position);
  text = sitmap_event_store_get_place_text (self->store, position);
  if (text != NULL)
    return text;
  place = sitmap_event_store_get_place (self->store, position);
  return place > 0 && place <= self->n_places ? self->place_names[place - 1] : NULL;
}

/* One part of the events, keyed by one thread, then one part of the keys, sorted by one thread. */
typedef struct
{
  SitmapEventOrderJob *job;
  TextKey             *keys;      /* every event's, at its position */
  const guint32       *positions; /* the n to key, in the order their records lie in memory */
  guint                n;
  GStringChunk        *chunk;
  TextKey             *sorted;    /* the n_sorted keys this part sorts */
  guint                n_sorted;
} TextPart;

static gpointer
key_text_part (gpointer data)
{
  TextPart *part = data;
  g_autoptr (GString) folded = g_string_sized_new (256);

  part->chunk = g_string_chunk_new (1 << 20);
  for (guint i = 0; i < part->n; i++)
    {
      /* Read in memory order, written at the event's position: keys lie in time order. */
      TextKey *key = &part->keys[part->positions[i]];

      g_string_truncate (folded, 0);
      /* One buffer used again for every text: no allocation per event */
      sitmap_words_fold_into (text_of (part->job, part->positions[i]), folded);
      pack_prefix (folded->str, folded->len, key->prefix);
      key->rest = folded->len > PREFIX_BYTES ? g_string_chunk_insert_len (part->chunk, folded->str, folded->len) : NULL;
      key->position = part->positions[i];
      key->empty = folded->len == 0;
    }
  return NULL;
}

/* Whether keys[start, end), which share their first sixteen bytes, need comparing: some go on beyond them. */
static gboolean
run_needs_rest (const TextKey *keys, guint start, guint end)
{
  for (guint i = start; i < end; i++)
    if (keys[i].rest != NULL)
      return TRUE;
  return FALSE;
}

/* Keyed at their positions, the keys lie in time order, which is how ties go: a stable radix sort on
 * their first sixteen bytes keeps it, and only runs of keys that share those bytes and go on beyond them
 * are ordered by comparison. */
static gpointer
sort_text_part (gpointer data)
{
  TextPart *part = data;
  guint n = part->n_sorted;
  g_autofree SitmapSortKey *keys = NULL;
  g_autofree TextKey *unsorted = NULL;
  SitmapSortKey *sorted;

  if (n < 2)
    return NULL;
  keys = g_new (SitmapSortKey, 2 * (gsize) n);
  for (guint i = 0; i < n; i++)
    {
      const TextKey *key = &part->sorted[i];

      /* No folded text starts with 0xff (no byte of UTF-8): the empty come last. */
      keys[i].major = key->empty ? G_MAXUINT64 : key->prefix[0];
      keys[i].minor = key->prefix[1];
      keys[i].index = i;
    }
  sorted = sitmap_sort_keys (keys, keys + n, n);
  unsorted = g_memdup2 (part->sorted, n * sizeof (TextKey));
  for (guint i = 0; i < n; i++)
    part->sorted[i] = unsorted[sorted[i].index];
  for (guint start = 0, end; start < n; start = end)
    {
      for (end = start + 1; end < n && sorted[end].major == sorted[start].major &&
                            sorted[end].minor == sorted[start].minor;
           end++)
        ;
      if (end - start > 1 && run_needs_rest (part->sorted, start, end))
        qsort (part->sorted + start, end - start, sizeof (TextKey), compare_text_key);
    }
  return NULL;
}

/* The two sorted halves of keys, merged into positions. */
static void
merge_parts (const TextPart *a, const TextPart *b, guint32 *order)
{
  guint i = 0, j = 0, k = 0;

  while (i < a->n_sorted && j < b->n_sorted)
    order[k++] = compare_text_key (&a->sorted[i], &b->sorted[j]) <= 0 ? a->sorted[i++].position
                                                                       : b->sorted[j++].position;
  while (i < a->n_sorted)
    order[k++] = a->sorted[i++].position;
  while (j < b->n_sorted)
    order[k++] = b->sorted[j++].position;
}

/* Each part's func, the second in a thread of its own when it has anything to do. */
static void
run_parts (GThreadFunc func, TextPart parts[2])
{
  GThread *other = NULL;

  if (parts[1].n > 0)
    other = g_thread_new ("sitmap-sort", func, &parts[1]);
  func (&parts[0]);
  if (other != NULL)
    g_thread_join (other);
}

/* Folding every text is most of the work: at a million events each half is folded by a thread of its
 * own (this one and another), then each half of the keys sorted, then the halves are merged. */
static guint32 *
sort_text (SitmapEventOrderJob *self)
{
  g_autofree TextKey *keys = g_new (TextKey, MAX (self->n_events, 1));
  g_autofree guint32 *positions = sitmap_event_store_dup_positions_by_record (self->store);
  guint32 *order = g_new (guint32, MAX (self->n_events, 1));
  guint half = self->n_events >= 20000 && g_get_num_processors () > 1 ? self->n_events / 2 : self->n_events;
  TextPart parts[2] = {
    { self, keys, positions, half, NULL, keys, half },
    { self, keys, positions + half, self->n_events - half, NULL, keys + half, self->n_events - half },
  };

  run_parts (key_text_part, parts);
  run_parts (sort_text_part, parts);
  merge_parts (&parts[0], &parts[1], order);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].chunk != NULL)
      g_string_chunk_free (parts[i].chunk);
  return order;
}

static int
compare_number (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Key in the high half, position in the low: one number sort keeps ties in time order. */
static guint32 *
sort_numbers (SitmapEventOrderJob *self)
{
  guint32 *order = g_new (guint32, MAX (self->n_events, 1));

  qsort (self->numbers, self->n_events, sizeof (guint64), compare_number);
  for (guint i = 0; i < self->n_events; i++)
    order[i] = (guint32) self->numbers[i];
  return order;
}

static guint64
number_key (SitmapDocument *document, SitmapEventSort key, const guint8 *origins, guint p)
{
  const SitmapEventColumns *columns = sitmap_document_get_columns (document);
  guint n_citations;

  switch (key)
    {
    case SITMAP_EVENT_SORT_CATEGORY:
      return columns->category[p];
    case SITMAP_EVENT_SORT_FATALITIES:
      /* -1 (not given) comes before 0 */
      return (guint64) ((gint64) columns->fatalities[p] + 1);
    case SITMAP_EVENT_SORT_ORIGINS:
      sitmap_event_store_get_citations (sitmap_document_get_store (document), p, &n_citations);
      return ((guint64) (origins ? origins[p] : 0) << 24) | MIN (n_citations, 0xffffff);
    case SITMAP_EVENT_SORT_TIME:
    case SITMAP_EVENT_SORT_TITLE:
    case SITMAP_EVENT_SORT_PLACE:
    case SITMAP_N_EVENT_SORTS:
    default:
      return 0;
    }
}

static void
prepare_numbers (SitmapEventOrderJob *self, const guint8 *origins)
{
  self->numbers = g_new (guint64, MAX (self->n_events, 1));
  for (guint p = 0; p < self->n_events; p++)
    self->numbers[p] = (number_key (self->document, self->key, origins, p) << 32) | p;
}

static char *
fold_text_of (SitmapDocument *document, SitmapEventSort key, guint position)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  const char *text;
  guint place;

  if (key == SITMAP_EVENT_SORT_TITLE)
    return sitmap_words_fold (sitmap_event_store_get_title (store, position));
  text = sitmap_event_store_get_place_text (store, position);
  place = sitmap_event_store_get_place (store, position);
  if (text == NULL && place > 0)
    text = sitmap_place_get_name (sitmap_document_get_place (document, place - 1));
  return sitmap_words_fold (text);
}

/* As the sort orders them: for events edits add after the order was made, put in their place one by one. */
int
sitmap_event_order_compare (SitmapDocument *document, SitmapEventSort key, const guint8 *origins, guint a, guint b)
{
  if (key == SITMAP_EVENT_SORT_TITLE || key == SITMAP_EVENT_SORT_PLACE)
    {
      g_autofree char *x = fold_text_of (document, key, a);
      g_autofree char *y = fold_text_of (document, key, b);
      int cmp;

      if ((*x == '\0') != (*y == '\0'))
        return *x == '\0' ? 1 : -1;
      cmp = strcmp (x, y);
      if (cmp != 0)
        return cmp;
    }
  else if (key != SITMAP_EVENT_SORT_TIME)
    {
      guint64 x = number_key (document, key, origins, a), y = number_key (document, key, origins, b);

      if (x != y)
        return x < y ? -1 : 1;
    }
  return a < b ? -1 : a > b;
}

SitmapEventOrderJob *
sitmap_event_order_job_new (SitmapDocument *document, SitmapEventSort key, const guint8 *origins)
{
  SitmapEventOrderJob *self;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (key < SITMAP_N_EVENT_SORTS, NULL);
  g_return_val_if_fail (key != SITMAP_EVENT_SORT_ORIGINS || origins != NULL, NULL);

  self = g_new0 (SitmapEventOrderJob, 1);
  self->document = g_object_ref (document);
  self->store = sitmap_document_get_store (document);
  self->key = key;
  self->n_events = sitmap_document_get_n_events (document);
  if (key == SITMAP_EVENT_SORT_PLACE)
    {
      GListModel *places = sitmap_document_get_places (document);

      self->n_places = g_list_model_get_n_items (places);
      self->place_names = g_new0 (char *, self->n_places + 1);
      for (guint i = 0; i < self->n_places; i++)
        self->place_names[i] = g_strdup (sitmap_place_get_name (sitmap_document_get_place (document, i)));
    }
  else if (key != SITMAP_EVENT_SORT_TIME && key != SITMAP_EVENT_SORT_TITLE)
    prepare_numbers (self, origins);
  return self;
}

guint32 *
sitmap_event_order_job_run (SitmapEventOrderJob *self)
{
  guint32 *order;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->key)
    {
    case SITMAP_EVENT_SORT_TITLE:
    case SITMAP_EVENT_SORT_PLACE:
      return sort_text (self);
    case SITMAP_EVENT_SORT_CATEGORY:
    case SITMAP_EVENT_SORT_FATALITIES:
    case SITMAP_EVENT_SORT_ORIGINS:
      return sort_numbers (self);
    case SITMAP_EVENT_SORT_TIME:
    case SITMAP_N_EVENT_SORTS:
    default:
      order = g_new (guint32, MAX (self->n_events, 1));
      for (guint i = 0; i < self->n_events; i++)
        order[i] = i;
      return order;
    }
}

void
sitmap_event_order_job_free (SitmapEventOrderJob *self)
{
  if (self == NULL)
    return;
  g_free (self->numbers);
  g_strfreev (self->place_names);
  g_object_unref (self->document);
  g_free (self);
}

SitmapDocument *
sitmap_event_order_job_get_document (SitmapEventOrderJob *self)
{
  return self->document;
}
