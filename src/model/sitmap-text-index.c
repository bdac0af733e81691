/* sitmap-text-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-text-index"

#include "config.h"

#include <string.h>

#include "sitmap-html.h"
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

/* While building: one growing list per word. */
typedef struct
{
  GHashTable   *ids; /* folded word (in chunk) → id + 1 */
  GStringChunk *chunk;
  GPtrArray    *spellings; /* char * in chunk, by id */
  GPtrArray    *lists;     /* GArray of guint32, by id */
  guint32       position;
} Builder;

static gboolean
add_word_cb (const char *word, gsize length, gpointer user_data)
{
  Builder *b = user_data;
  gpointer found = g_hash_table_lookup (b->ids, word);
  GArray *list;

  if (found == NULL)
    {
      char *key = g_string_chunk_insert_len (b->chunk, word, length);

      g_ptr_array_add (b->spellings, key);
      g_ptr_array_add (b->lists, g_array_new (FALSE, FALSE, sizeof (guint32)));
      found = GUINT_TO_POINTER (b->spellings->len);
      g_hash_table_insert (b->ids, key, found);
    }
  list = g_ptr_array_index (b->lists, GPOINTER_TO_UINT (found) - 1);
  if (list->len == 0 || g_array_index (list, guint32, list->len - 1) != b->position)
    g_array_append_val (list, b->position);
  return TRUE;
}

static int
compare_spelling (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GPtrArray *spellings = user_data;

  return strcmp (g_ptr_array_index (spellings, *(const guint *) a), g_ptr_array_index (spellings, *(const guint *) b));
}

static void
add_summary (Builder *b, const char *summary)
{
  g_autofree char *text = NULL;

  if (summary == NULL)
    return;
  /* Tags and entities are not words the user reads. */
  if (sitmap_html_is_markup (summary))
    summary = text = sitmap_html_to_text (summary, NULL);
  sitmap_words_foreach (summary, add_word_cb, b);
}

static void
flatten (SitmapTextIndex *self, Builder *b)
{
  g_autofree guint *order = g_new (guint, MAX (b->spellings->len, 1));
  gsize words_at = 0, posting_at = 0;

  self->n_words = b->spellings->len;
  for (guint i = 0; i < self->n_words; i++)
    {
      order[i] = i;
      self->words_size += strlen (g_ptr_array_index (b->spellings, i)) + 1;
      self->n_postings += ((GArray *) g_ptr_array_index (b->lists, i))->len;
    }
  g_qsort_with_data (order, self->n_words, sizeof (guint), compare_spelling, b->spellings);
  self->words = g_malloc (MAX (self->words_size, 1));
  self->word_at = g_new (guint32, MAX (self->n_words, 1));
  self->first = g_new (guint32, self->n_words + 1);
  self->postings = g_new (guint32, MAX (self->n_postings, 1));
  for (guint i = 0; i < self->n_words; i++)
    {
      const char *spelling = g_ptr_array_index (b->spellings, order[i]);
      GArray *list = g_ptr_array_index (b->lists, order[i]);
      gsize length = strlen (spelling) + 1;

      memcpy (self->words + words_at, spelling, length);
      self->word_at[i] = words_at;
      words_at += length;
      self->first[i] = posting_at;
      memcpy (self->postings + posting_at, list->data, list->len * sizeof (guint32));
      posting_at += list->len;
    }
  self->first[self->n_words] = posting_at;
}

SitmapTextIndex *
sitmap_text_index_new (SitmapEventStore *store)
{
  SitmapTextIndex *self = g_new0 (SitmapTextIndex, 1);
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (store);
  Builder b = {
    .ids = g_hash_table_new (g_str_hash, g_str_equal),
    .chunk = g_string_chunk_new (64 * 1024),
    .spellings = g_ptr_array_new (),
    .lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref),
  };

  for (guint position = 0; position < columns->n_events; position++)
    {
      b.position = position;
      sitmap_words_foreach (sitmap_event_store_get_title (store, position), add_word_cb, &b);
      add_summary (&b, sitmap_event_store_get_summary (store, position));
      sitmap_words_foreach (sitmap_event_store_get_place_text (store, position), add_word_cb, &b);
    }
  /* Postings are 4 bytes per (word, event): positions up to 2³² events. */
  g_assert (columns->n_events <= G_MAXUINT32);
  self->store = store;
  self->n_indexed = columns->n_events;
  flatten (self, &b);
  g_hash_table_unref (b.ids);
  g_string_chunk_free (b.chunk);
  g_ptr_array_unref (b.spellings);
  g_ptr_array_unref (b.lists);
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
