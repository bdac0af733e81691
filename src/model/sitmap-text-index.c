/* sitmap-text-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-text-index"

#include "config.h"

#include <string.h>

#include "sitmap-event-store-private.h"
#include "sitmap-html.h"
#include "sitmap-memory.h"
#include "sitmap-positions.h"
#include "sitmap-sort-keys.h"
#include "sitmap-text-index.h"
#include "sitmap-words.h"

struct _SitmapTextIndex
{
  guint    n_words;
  char    *words;    /* the vocabulary, sorted, each NUL-terminated, one after the other */
  guint32 *word_at;  /* n_words: offset of each word in words */
  guint32 *first;    /* n_words + 1: where each word's events start in postings */
  guint32 *postings; /* event positions, ascending within each word */
  gsize    words_size;
  gsize    n_postings;
  /* Events edits add after the index was made are matched one by one: a few, where an index would cost a copy */
  SitmapEventStore *store;
  guint             n_indexed;
};

/* Building: the records are cut into one run per processor, each read in the order the records were
 * added (the order they and their text lie in memory) by a thread of its own into its own vocabulary
 * (sorted at the end) and the list of its word ids, record by record. The runs' vocabularies are merged
 * into one; each run then writes its events' positions into the place the counts give it. When the
 * records are in position order, every word's positions come out ascending; when the store's sort
 * moved them, each word's positions are sorted, the words shared among the threads. */
/* Folded words to their ids: open addressing on a hash made as the word is looked up. A lookup per word of every
 * event is most of the build, and most of a lookup is waiting for memory: a slot holds what a lookup needs (a
 * short word's letters, the word's count and its last event) so that one cache line answers it. */
#define INLINE_WORD 15

typedef struct
{
  guint32 hash;
  guint32 id_plus_1; /* 0: empty */
  guint32 last;      /* the last event using it, + 1: a word twice in one event is one posting */
  guint32 count;     /* events using it */
  guint8  length;    /* of bytes, or G_MAXUINT8 for a longer word, compared in the spellings */
  char    bytes[INLINE_WORD];
} WordSlot;

G_STATIC_ASSERT (sizeof (WordSlot) == 32);

typedef struct
{
  WordSlot *slots;
  guint32   mask;
  guint32   n_used;
} WordTable;

typedef struct
{
  SitmapEventStore *store;
  guint32           from, to;      /* the records read */
  const guint32    *position_of;   /* each record's position; NULL: records are in position order */
  WordTable         table;         /* folded word → local id */
  GStringChunk     *chunk;
  GPtrArray        *spellings;     /* char * in chunk, by local id */
  GArray           *counts;        /* guint32 by local id: events using it, once read */
  GArray           *word_ids;      /* guint32: each event's local ids, one event after the other */
  guint32          *event_ends;    /* to - from: where each record's ids end in word_ids */
  guint32          *sorted;        /* local ids in spelling order */
  guint32          *slots;         /* by local id: where its next posting goes */
  guint32          *postings;      /* the index's, written by every run, each in its own slots */
  guint32           record;        /* being read */
  const guint32    *first;         /* the index's, when sorting: the words from word_from to word_to */
  guint32           word_from, word_to;
} Run;

/* Below this, one thread reads everything: starting others costs more than they save. */
#define EVENTS_PER_THREAD_MIN 20000

static guint32
hash_word (const char *word, gsize length)
{
  guint32 hash = 2166136261u; /* FNV-1a */

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) word[i]) * 16777619u;
  return hash;
}

static void
word_table_init (WordTable *table)
{
  table->mask = 4096 - 1;
  table->slots = g_new0 (WordSlot, table->mask + 1);
  table->n_used = 0;
}

static void
word_table_clear (WordTable *table)
{
  g_clear_pointer (&table->slots, g_free);
}

static WordSlot *
word_table_free_slot (WordTable *table, guint32 hash)
{
  guint32 i = hash & table->mask;

  while (table->slots[i].id_plus_1 != 0)
    i = (i + 1) & table->mask;
  return &table->slots[i];
}

/* Kept at most half full, so that a miss ends soon. */
static void
word_table_grow (WordTable *table)
{
  g_autofree WordSlot *old = g_steal_pointer (&table->slots);
  guint32 old_size = table->mask + 1;

  table->mask = old_size * 2 - 1;
  table->slots = g_new0 (WordSlot, old_size * 2);
  /* Looked up at random: in huge pages, a few entries of the processor's page cache cover it */
  sitmap_memory_advise_huge (table->slots, old_size * 2 * sizeof (WordSlot));
  for (guint32 i = 0; i < old_size; i++)
    if (old[i].id_plus_1 != 0)
      *word_table_free_slot (table, old[i].hash) = old[i];
}

static gboolean
slot_holds (const WordSlot *slot, GPtrArray *spellings, const char *word, gsize length, guint32 hash)
{
  if (slot->hash != hash)
    return FALSE;
  if (length <= INLINE_WORD)
    return slot->length == length && memcmp (slot->bytes, word, length) == 0;
  return slot->length == G_MAXUINT8 && strcmp (g_ptr_array_index (spellings, slot->id_plus_1 - 1), word) == 0;
}

static WordSlot *
add_spelling (Run *run, const char *word, gsize length, guint32 hash)
{
  WordSlot *slot;

  if (++run->table.n_used * 2 > run->table.mask)
    word_table_grow (&run->table);
  slot = word_table_free_slot (&run->table, hash);
  g_ptr_array_add (run->spellings, g_string_chunk_insert_len (run->chunk, word, length));
  *slot = (WordSlot) { .hash = hash, .id_plus_1 = run->spellings->len };
  if (length <= INLINE_WORD)
    {
      slot->length = (guint8) length;
      memcpy (slot->bytes, word, length);
    }
  else
    slot->length = G_MAXUINT8;
  return slot;
}

static gboolean
add_word_cb (const char *word, gsize length, gpointer user_data)
{
  Run *run = user_data;
  guint32 hash = hash_word (word, length);
  WordSlot *slot;

  for (guint32 i = hash & run->table.mask;; i = (i + 1) & run->table.mask)
    {
      slot = &run->table.slots[i];
      if (slot->id_plus_1 == 0)
        {
          slot = add_spelling (run, word, length, hash);
          break;
        }
      if (slot_holds (slot, run->spellings, word, length, hash))
        break;
    }
  if (slot->last != run->record + 1)
    {
      guint32 id = slot->id_plus_1 - 1;

      slot->last = run->record + 1;
      slot->count++;
      g_array_append_val (run->word_ids, id);
    }
  return TRUE;
}

/* The counts, by id, out of the table */
static void
take_counts (Run *run)
{
  g_array_set_size (run->counts, run->spellings->len);
  for (guint32 i = 0; i <= run->table.mask; i++)
    if (run->table.slots[i].id_plus_1 != 0)
      g_array_index (run->counts, guint32, run->table.slots[i].id_plus_1 - 1) = run->table.slots[i].count;
  word_table_clear (&run->table);
}

/* A word's first eight bytes as one number, in the order strcmp puts them: most words are put in order by
 * it alone, without reading the spellings strewn in memory. */
static guint64
word_prefix (const char *spelling)
{
  guint64 prefix = 0;

  for (guint i = 0; i < 8; i++)
    {
      prefix = prefix << 8 | (guchar) spelling[i];
      /* Past the end: zeros, so that a word comes before the longer ones it begins */
      if (spelling[i] == '\0')
        return prefix << (8 * (7 - i));
    }
  return prefix;
}

static int
compare_past_prefix (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GPtrArray *spellings = user_data;

  /* The same eight bytes, none of them the end: both words go on */
  return strcmp ((const char *) g_ptr_array_index (spellings, ((const SitmapSortKey *) a)->index) + 8,
                 (const char *) g_ptr_array_index (spellings, ((const SitmapSortKey *) b)->index) + 8);
}

static void
sort_vocabulary (Run *run)
{
  guint n = run->spellings->len;
  g_autofree SitmapSortKey *keys = g_new0 (SitmapSortKey, MAX (n, 1));
  g_autofree SitmapSortKey *spare = g_new (SitmapSortKey, MAX (n, 1));
  SitmapSortKey *sorted;

  for (guint32 i = 0; i < n; i++)
    keys[i] = (SitmapSortKey) { .major = word_prefix (g_ptr_array_index (run->spellings, i)), .index = i };
  sorted = sitmap_sort_keys (keys, spare, n);
  /* Words that share their first eight bytes, in order of the rest */
  for (guint i = 0, j; i < n; i = j)
    {
      for (j = i + 1; j < n && sorted[j].major == sorted[i].major; j++)
        ;
      if (j - i > 1)
        g_qsort_with_data (sorted + i, j - i, sizeof (SitmapSortKey), compare_past_prefix, run->spellings);
    }
  run->sorted = g_new (guint32, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    run->sorted[i] = sorted[i].index;
}

static void
add_summary (Run *run, const char *summary)
{
  g_autofree char *text = NULL;

  if (summary == NULL)
    return;
  /* Tags and entities are not words the user reads. */
  if (sitmap_html_is_markup (summary))
    summary = text = sitmap_html_to_text (summary, NULL);
  sitmap_words_foreach (summary, add_word_cb, run);
}

static gpointer
read_run_thread (gpointer data)
{
  Run *run = data;

  run->event_ends = g_new (guint32, MAX (run->to - run->from, 1));
  for (run->record = run->from; run->record < run->to; run->record++)
    {
      const EventRecord *record = _sitmap_event_store_nth_record (run->store, run->record);

      sitmap_words_foreach (record->title, add_word_cb, run);
      add_summary (run, record->summary);
      sitmap_words_foreach (record->place_text, add_word_cb, run);
      run->event_ends[run->record - run->from] = run->word_ids->len;
    }
  take_counts (run);
  sort_vocabulary (run);
  return run;
}

static gpointer
write_postings_thread (gpointer data)
{
  Run *run = data;
  const guint32 *ids = (const guint32 *) (gconstpointer) run->word_ids->data;
  guint i = 0;

  for (guint32 e = 0; e < run->to - run->from; e++)
    {
      guint32 position = run->position_of != NULL ? run->position_of[run->from + e] : run->from + e;

      for (; i < run->event_ends[e]; i++)
        run->postings[run->slots[ids[i]]++] = position;
    }
  return NULL;
}

static gpointer
sort_postings_thread (gpointer data)
{
  Run *run = data;
  g_autofree guint32 *scratch = NULL;
  guint32 longest = 0;

  for (guint32 w = run->word_from; w < run->word_to; w++)
    longest = MAX (longest, run->first[w + 1] - run->first[w]);
  scratch = g_new (guint32, MAX (longest, 1));
  for (guint32 w = run->word_from; w < run->word_to; w++)
    sitmap_positions_sort (run->postings + run->first[w], run->first[w + 1] - run->first[w], scratch);
  return NULL;
}

static void
run_clear (Run *run)
{
  word_table_clear (&run->table);
  g_clear_pointer (&run->chunk, g_string_chunk_free);
  g_clear_pointer (&run->spellings, g_ptr_array_unref);
  g_clear_pointer (&run->counts, g_array_unref);
  g_clear_pointer (&run->word_ids, g_array_unref);
  g_clear_pointer (&run->event_ends, g_free);
  g_clear_pointer (&run->sorted, g_free);
  g_clear_pointer (&run->slots, g_free);
}

/* Runs fn over every run, each in a thread but the first, which is this one's. */
static void
for_each_run (Run *runs, guint n_runs, GThreadFunc fn)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_runs);

  for (guint r = 1; r < n_runs; r++)
    threads[r] = g_thread_new ("sitmap-text-index", fn, &runs[r]);
  fn (&runs[0]);
  for (guint r = 1; r < n_runs; r++)
    g_thread_join (threads[r]);
}

static void
append_word (SitmapTextIndex *self, GString *words, GArray *word_at, const char *spelling)
{
  guint32 at = words->len;

  g_string_append_len (words, spelling, strlen (spelling) + 1);
  g_array_append_val (word_at, at);
  self->n_words++;
}

/* The runs' sorted vocabularies merged into one: global[r][local id] is the word's index in it. */
static guint32 **
merge_vocabularies (SitmapTextIndex *self, Run *runs, guint n_runs)
{
  guint32 **global = g_new0 (guint32 *, n_runs);
  g_autofree guint *next = g_new0 (guint, n_runs);
  GString *words = g_string_sized_new (1024 * 1024);
  GArray *word_at = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint r = 0; r < n_runs; r++)
    global[r] = g_new (guint32, MAX (runs[r].spellings->len, 1));
  for (;;)
    {
      const char *least = NULL;

      for (guint r = 0; r < n_runs; r++)
        if (next[r] < runs[r].spellings->len)
          {
            const char *spelling = g_ptr_array_index (runs[r].spellings, runs[r].sorted[next[r]]);

            if (least == NULL || strcmp (spelling, least) < 0)
              least = spelling;
          }
      if (least == NULL)
        break;
      append_word (self, words, word_at, least);
      for (guint r = 0; r < n_runs; r++)
        if (next[r] < runs[r].spellings->len &&
            strcmp (g_ptr_array_index (runs[r].spellings, runs[r].sorted[next[r]]), least) == 0)
          global[r][runs[r].sorted[next[r]++]] = self->n_words - 1;
    }
  self->words_size = words->len;
  self->words = g_string_free (words, FALSE);
  self->word_at = (guint32 *) (gpointer) g_array_free (word_at, FALSE);
  return global;
}

/* Where each word's postings start, and in it where each run's go (runs in order: positions ascend). */
static void
place_postings (SitmapTextIndex *self, Run *runs, guint n_runs, guint32 **global)
{
  g_autofree guint32 *cursor = g_new0 (guint32, self->n_words + 1);

  self->first = g_new0 (guint32, self->n_words + 1);
  for (guint r = 0; r < n_runs; r++)
    for (guint32 l = 0; l < runs[r].spellings->len; l++)
      self->first[global[r][l] + 1] += g_array_index (runs[r].counts, guint32, l);
  for (guint w = 0; w < self->n_words; w++)
    self->first[w + 1] += self->first[w];
  self->n_postings = self->first[self->n_words];
  memcpy (cursor, self->first, (self->n_words + 1) * sizeof (guint32));
  for (guint r = 0; r < n_runs; r++)
    {
      runs[r].slots = g_new (guint32, MAX (runs[r].spellings->len, 1));
      for (guint32 l = 0; l < runs[r].spellings->len; l++)
        {
          runs[r].slots[l] = cursor[global[r][l]];
          cursor[global[r][l]] += g_array_index (runs[r].counts, guint32, l);
        }
    }
}

static void
write_postings (SitmapTextIndex *self, Run *runs, guint n_runs)
{
  self->postings = g_new (guint32, MAX (self->n_postings, 1));
  sitmap_memory_advise_huge (self->postings, self->n_postings * sizeof (guint32));
  for (guint r = 0; r < n_runs; r++)
    runs[r].postings = self->postings;
  for_each_run (runs, n_runs, write_postings_thread);
}

/* The words shared among the runs by their postings, each run's share sorted in a thread. */
static void
sort_postings (SitmapTextIndex *self, Run *runs, guint n_runs)
{
  guint32 w = 0;

  for (guint r = 0; r < n_runs; r++)
    {
      gsize share_end = self->n_postings * (r + 1) / n_runs;

      runs[r].first = self->first;
      runs[r].word_from = w;
      while (w < self->n_words && (r == n_runs - 1 || self->first[w + 1] <= share_end))
        w++;
      runs[r].word_to = w;
    }
  for_each_run (runs, n_runs, sort_postings_thread);
}

static void
run_init (Run *run, SitmapEventStore *store, const guint32 *position_of, guint32 from, guint32 to)
{
  *run = (Run) {
    .store = store,
    .from = from,
    .to = to,
    .position_of = position_of,
    .chunk = g_string_chunk_new (64 * 1024),
    .spellings = g_ptr_array_new (),
    .counts = g_array_new (FALSE, FALSE, sizeof (guint32)),
    /* About twelve words an event, in titles, summaries and places alike */
    .word_ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), (to - from) * 12),
  };
  sitmap_memory_advise_huge (run->word_ids->data, (gsize) (to - from) * 12 * sizeof (guint32));
  word_table_init (&run->table);
}

/* One run a processor; at least two for a big document even on one, so that merging runs is always what
 * builds it (and what the tests check) */
static guint
count_runs (guint n_events)
{
  guint n = CLAMP (g_get_num_processors (), 2, 8);

  return CLAMP (n_events / EVENTS_PER_THREAD_MIN, 1, n);
}

SitmapTextIndex *
sitmap_text_index_new (SitmapEventStore *store)
{
  SitmapTextIndex *self = g_new0 (SitmapTextIndex, 1);
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (store);
  guint n_runs = count_runs (columns->n_events);
  g_autofree Run *runs = g_new0 (Run, n_runs);
  g_autofree guint32 *position_of = NULL;
  guint32 **global;

  /* Postings are 4 bytes per (word, event): positions up to 2³² events. */
  g_assert (columns->n_events <= G_MAXUINT32);
  /* A record for each position, and a position for each record */
  g_assert (store->records->len == columns->n_events);
  if (store->record_of != NULL)
    position_of = sitmap_event_store_dup_positions_by_record (store);
  for (guint r = 0; r < n_runs; r++)
    run_init (&runs[r], store, position_of, (guint32) ((guint64) columns->n_events * r / n_runs),
              (guint32) ((guint64) columns->n_events * (r + 1) / n_runs));
  for_each_run (runs, n_runs, read_run_thread);
  global = merge_vocabularies (self, runs, n_runs);
  place_postings (self, runs, n_runs, global);
  write_postings (self, runs, n_runs);
  if (position_of != NULL)
    sort_postings (self, runs, n_runs);
  for (guint r = 0; r < n_runs; r++)
    {
      run_clear (&runs[r]);
      g_free (global[r]);
    }
  g_free (global);
  self->store = store;
  self->n_indexed = columns->n_events;
  return self;
}

void
sitmap_text_index_free (SitmapTextIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->words);
  g_free (self->word_at);
  g_free (self->first);
  g_free (self->postings);
  g_free (self);
}

guint
sitmap_text_index_get_n_words (SitmapTextIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_words;
}

/* The first word not less than prefix. */
static guint
lower_bound (SitmapTextIndex *self, const char *prefix, gsize prefix_length)
{
  guint lo = 0, hi = self->n_words;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const char *word = self->words + self->word_at[mid];
      int cmp = strncmp (word, prefix, prefix_length);

      /* A word that starts with the prefix is not less than it. */
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

typedef struct
{
  const char *prefix;
  gsize       prefix_length;
  gboolean    found;
} PrefixSearch;

static gboolean
has_prefix_cb (const char *word, gsize length, gpointer user_data)
{
  PrefixSearch *search = user_data;

  search->found = length >= search->prefix_length && memcmp (word, search->prefix, search->prefix_length) == 0;
  return !search->found;
}

static gboolean
event_has_prefix (SitmapEventStore *store, guint position, PrefixSearch *search)
{
  const char *summary = sitmap_event_store_get_summary (store, position);
  g_autofree char *text = NULL;

  search->found = FALSE;
  sitmap_words_foreach (sitmap_event_store_get_title (store, position), has_prefix_cb, search);
  if (!search->found && summary != NULL)
    {
      if (sitmap_html_is_markup (summary))
        summary = text = sitmap_html_to_text (summary, NULL);
      sitmap_words_foreach (summary, has_prefix_cb, search);
    }
  if (!search->found)
    sitmap_words_foreach (sitmap_event_store_get_place_text (store, position), has_prefix_cb, search);
  return search->found;
}

static gsize
match_added_events (SitmapTextIndex *self, const char *prefix, gsize prefix_length, SitmapBitset *out)
{
  PrefixSearch search = { prefix, prefix_length, FALSE };
  guint n = MIN (sitmap_event_store_get_columns (self->store)->n_events, out->n_bits);
  gsize added = 0;

  for (guint position = self->n_indexed; position < n; position++)
    if (event_has_prefix (self->store, position, &search))
      {
        sitmap_bitset_set (out, position);
        added++;
      }
  return added;
}

gsize
sitmap_text_index_match_prefix (SitmapTextIndex *self, const char *prefix, gsize prefix_length, SitmapBitset *out)
{
  gsize added = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);

  if (prefix_length == 0)
    return 0;
  for (guint w = lower_bound (self, prefix, prefix_length);
       w < self->n_words && strncmp (self->words + self->word_at[w], prefix, prefix_length) == 0; w++)
    {
      const guint32 *postings = self->postings + self->first[w];
      guint n = self->first[w + 1] - self->first[w];

      /* Positions an undo took away are the last of a list */
      while (n > 0 && postings[n - 1] >= out->n_bits)
        n--;
      sitmap_bitset_set_all (out, postings, n);
      added += n;
    }
  return added + match_added_events (self, prefix, prefix_length, out);
}

guint
sitmap_text_index_get_n_indexed (SitmapTextIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_indexed;
}

gsize
sitmap_text_index_get_memory_size (SitmapTextIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sizeof *self + self->words_size + self->n_words * 2 * sizeof (guint32) + sizeof (guint32) +
         self->n_postings * sizeof (guint32);
}
