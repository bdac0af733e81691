/* sitmap-facet-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-facet-index"

#include "config.h"

#include <string.h>

#include "sitmap-facet-index.h"
#include "sitmap-words.h"

/* The events of one facet value, and its name's folded words for matching search words. */
typedef struct
{
  GArray *events; /* guint32, ascending, no repeats */
  char   *folded;
} Value;

struct _SitmapFacetIndex
{
  SitmapDocument *document;
  GArray         *values[SITMAP_FILTER_N_SETS]; /* Value */
  GPtrArray      *actor_names;                  /* char *, by actor value */
  GHashTable     *actor_ids;                    /* name → value + 1, borrowed keys */
  guint64        *grades;
  gboolean        grades_valid;
  guint           n_indexed; /* the events indexed: those edits add later are taken in by _update() */
};

static void
value_clear (gpointer data)
{
  Value *value = data;

  g_clear_pointer (&value->events, g_array_unref);
  g_clear_pointer (&value->folded, g_free);
}

static GArray *
values_new (guint n)
{
  GArray *values = g_array_sized_new (FALSE, TRUE, sizeof (Value), n);

  g_array_set_clear_func (values, value_clear);
  g_array_set_size (values, n);
  for (guint i = 0; i < n; i++)
    g_array_index (values, Value, i).events = g_array_new (FALSE, FALSE, sizeof (guint32));
  return values;
}

/* Positions arrive ascending, so a repeat can only be the last one added. */
static void
value_add (Value *value, guint32 position)
{
  GArray *events = value->events;

  if (events->len == 0 || g_array_index (events, guint32, events->len - 1) != position)
    g_array_append_val (events, position);
}

static guint
actor_value (SitmapFacetIndex *self, GPtrArray *names, GHashTable *ids, const char *actor)
{
  gpointer found = g_hash_table_lookup (ids, actor);

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  g_ptr_array_add (names, g_strdup (actor));
  g_hash_table_insert (ids, g_ptr_array_index (names, names->len - 1), GUINT_TO_POINTER (names->len));
  g_array_set_size (self->values[SITMAP_FILTER_ACTORS], names->len);
  g_array_index (self->values[SITMAP_FILTER_ACTORS], Value, names->len - 1).events =
    g_array_new (FALSE, FALSE, sizeof (guint32));
  return names->len - 1;
}

static int
compare_actor_count (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GArray *values = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  guint n_i = g_array_index (values, Value, i).events->len, n_j = g_array_index (values, Value, j).events->len;

  if (n_i != n_j)
    return n_i > n_j ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* Actors are numbered most reported first, so that a list of them starts with those that matter. */
static void
order_actors (SitmapFacetIndex *self, GPtrArray *names)
{
  GArray *values = self->values[SITMAP_FILTER_ACTORS];
  g_autofree guint *order = g_new (guint, MAX (names->len, 1));
  GArray *sorted = g_array_sized_new (FALSE, TRUE, sizeof (Value), names->len);

  for (guint i = 0; i < names->len; i++)
    order[i] = i;
  g_qsort_with_data (order, names->len, sizeof (guint), compare_actor_count, values);
  self->actor_names = g_ptr_array_new_full (names->len, g_free);
  self->actor_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++)
    {
      Value *value = &g_array_index (values, Value, order[i]);
      char *name = g_steal_pointer (&g_ptr_array_index (names, order[i]));

      g_array_append_val (sorted, *value);
      value->events = NULL;
      g_ptr_array_add (self->actor_names, name);
      g_hash_table_insert (self->actor_ids, name, GUINT_TO_POINTER (i + 1));
    }
  g_array_set_clear_func (sorted, value_clear);
  g_array_unref (values);
  self->values[SITMAP_FILTER_ACTORS] = sorted;
}

static void
add_event (SitmapFacetIndex *self, SitmapEventStore *store, guint position, GPtrArray *names, GHashTable *ids)
{
  const SitmapCitationRecord *records;
  const char *const *actors;
  guint n_actors, n_citations, place;

  actors = sitmap_event_store_get_actors (store, position, &n_actors);
  for (guint i = 0; i < n_actors; i++)
    {
      /* Not in one expression: adding an actor moves the array. */
      guint value = actor_value (self, names, ids, actors[i]);

      value_add (&g_array_index (self->values[SITMAP_FILTER_ACTORS], Value, value), position);
    }

  records = sitmap_event_store_get_citations (store, position, &n_citations);
  for (guint i = 0; i < n_citations; i++)
    {
      value_add (&g_array_index (self->values[SITMAP_FILTER_SOURCES], Value, records[i].source), position);
      if (records[i].via > 0)
        value_add (&g_array_index (self->values[SITMAP_FILTER_SOURCES], Value, records[i].via - 1), position);
    }

  place = sitmap_event_store_get_place (store, position);
  if (place > 0)
    value_add (&g_array_index (self->values[SITMAP_FILTER_PLACES], Value, place - 1), position);
}

static char *
fold_source (SitmapSource *source)
{
  g_autofree char *text = g_strjoin (" ", sitmap_source_get_id (source), sitmap_source_get_name (source) ?: "",
                                     sitmap_source_get_abbreviation (source) ?: "", NULL);

  return sitmap_words_fold (text);
}

static void
fold_names (SitmapFacetIndex *self)
{
  GArray *values;

  values = self->values[SITMAP_FILTER_ACTORS];
  for (guint i = 0; i < values->len; i++)
    g_array_index (values, Value, i).folded = sitmap_words_fold (g_ptr_array_index (self->actor_names, i));
  values = self->values[SITMAP_FILTER_SOURCES];
  for (guint i = 0; i < values->len; i++)
    g_array_index (values, Value, i).folded = fold_source (sitmap_document_get_source (self->document, i));
  values = self->values[SITMAP_FILTER_PLACES];
  for (guint i = 0; i < values->len; i++)
    g_array_index (values, Value, i).folded =
      sitmap_words_fold (sitmap_place_get_name (sitmap_document_get_place (self->document, i)));
}

SitmapFacetIndex *
sitmap_facet_index_new (SitmapDocument *document)
{
  SitmapFacetIndex *self;
  SitmapEventStore *store;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);

  self = g_new0 (SitmapFacetIndex, 1);
  self->document = g_object_ref (document);
  store = sitmap_document_get_store (document);
  n = sitmap_document_get_n_events (document);
  self->values[SITMAP_FILTER_ACTORS] = values_new (0);
  self->values[SITMAP_FILTER_SOURCES] = values_new (g_list_model_get_n_items (sitmap_document_get_sources (document)));
  self->values[SITMAP_FILTER_PLACES] = values_new (g_list_model_get_n_items (sitmap_document_get_places (document)));
  self->grades = g_new0 (guint64, MAX (n, 1));
  for (guint position = 0; position < n; position++)
    add_event (self, store, position, names, ids);
  order_actors (self, names);
  fold_names (self);
  self->n_indexed = n;
  return self;
}

/* Sources an edit brought, with no events yet */
static void
add_new_sources (SitmapFacetIndex *self)
{
  GArray *values = self->values[SITMAP_FILTER_SOURCES];
  guint n_sources = g_list_model_get_n_items (sitmap_document_get_sources (self->document));

  /* Undo takes sources away again: their lists are then empty, and stay so until the sources come back */
  while (values->len < n_sources)
    {
      Value value = { g_array_new (FALSE, FALSE, sizeof (guint32)), NULL };

      value.folded = fold_source (sitmap_document_get_source (self->document, values->len));
      g_array_append_val (values, value);
    }
}

/* An edit added events at the end, or undo took the last ones away. New actors are numbered after the others. */
void
sitmap_facet_index_update (SitmapFacetIndex *self)
{
  SitmapEventStore *store;
  guint n;

  g_return_if_fail (self != NULL);

  store = sitmap_document_get_store (self->document);
  n = sitmap_document_get_n_events (self->document);
  add_new_sources (self);
  if (n < self->n_indexed)
    {
      /* Positions taken away come last in every list */
      for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
        for (guint v = 0; v < self->values[s]->len; v++)
          {
            GArray *events = g_array_index (self->values[s], Value, v).events;

            while (events->len > 0 && g_array_index (events, guint32, events->len - 1) >= n)
              g_array_set_size (events, events->len - 1);
          }
      self->n_indexed = n;
      return;
    }
  if (n == self->n_indexed)
    return;
  self->grades = g_renew (guint64, self->grades, n);
  for (guint position = self->n_indexed; position < n; position++)
    {
      /* The actors' hash table names final values: new names get the next ones */
      add_event (self, store, position, self->actor_names, self->actor_ids);
      self->grades[position] = 0;
    }
  for (guint v = 0; v < self->values[SITMAP_FILTER_ACTORS]->len; v++)
    {
      Value *value = &g_array_index (self->values[SITMAP_FILTER_ACTORS], Value, v);

      if (value->folded == NULL)
        value->folded = sitmap_words_fold (g_ptr_array_index (self->actor_names, v));
    }
  self->n_indexed = n;
  self->grades_valid = FALSE;
}

void
sitmap_facet_index_free (SitmapFacetIndex *self)
{
  if (self == NULL)
    return;
  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    g_array_unref (self->values[s]);
  g_ptr_array_unref (self->actor_names);
  g_hash_table_unref (self->actor_ids);
  g_free (self->grades);
  g_object_unref (self->document);
  g_free (self);
}

guint
sitmap_facet_index_get_n_values (SitmapFacetIndex *self, SitmapFilterSet facet)
{
  g_return_val_if_fail (self != NULL && facet < SITMAP_FILTER_N_SETS, 0);
  return self->values[facet]->len;
}

const guint32 *
sitmap_facet_index_get_events (SitmapFacetIndex *self, SitmapFilterSet facet, guint value, guint *n_events)
{
  GArray *events;

  g_return_val_if_fail (self != NULL && facet < SITMAP_FILTER_N_SETS, NULL);
  g_return_val_if_fail (value < self->values[facet]->len, NULL);

  events = g_array_index (self->values[facet], Value, value).events;
  *n_events = events->len;
  return (const guint32 *) events->data;
}

gint
sitmap_facet_index_find (SitmapFacetIndex *self, SitmapFilterSet facet, const char *name)
{
  g_return_val_if_fail (self != NULL && facet < SITMAP_FILTER_N_SETS, -1);

  if (name == NULL)
    return -1;
  switch (facet)
    {
    case SITMAP_FILTER_ACTORS:
      return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (self->actor_ids, name)) - 1;
    case SITMAP_FILTER_SOURCES:
      return sitmap_document_find_source (self->document, name);
    case SITMAP_FILTER_PLACES:
      return sitmap_document_find_place (self->document, name);
    case SITMAP_FILTER_N_SETS:
    default:
      g_assert_not_reached ();
    }
}

const char *
sitmap_facet_index_get_actor (SitmapFacetIndex *self, guint value)
{
  g_return_val_if_fail (self != NULL && value < self->actor_names->len, NULL);
  return g_ptr_array_index (self->actor_names, value);
}

gsize
sitmap_facet_index_match_prefix (SitmapFacetIndex *self, SitmapFilterSet facet, const char *prefix,
                                 gsize prefix_length, SitmapBitset *out)
{
  GArray *values;
  gsize added = 0;

  g_return_val_if_fail (self != NULL && facet < SITMAP_FILTER_N_SETS, 0);

  values = self->values[facet];
  for (guint i = 0; i < values->len; i++)
    {
      Value *value = &g_array_index (values, Value, i);

      if (value->events->len > 0 && sitmap_words_have_prefix (value->folded, prefix, prefix_length))
        {
          sitmap_bitset_set_all (out, (const guint32 *) value->events->data, value->events->len);
          added += value->events->len;
        }
    }
  return added;
}

const guint8 *
sitmap_facet_index_get_origins (SitmapFacetIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return sitmap_document_get_columns (self->document)->origins;
}

/* Gradings change with edits, so they are made again on demand rather than with the rest. */
static void
compute_grades (SitmapFacetIndex *self)
{
  SitmapEventStore *store = sitmap_document_get_store (self->document);
  guint n = sitmap_document_get_n_events (self->document);
  guint n_sources = self->values[SITMAP_FILTER_SOURCES]->len;
  g_autofree guint8 *reliability = g_new0 (guint8, MAX (n_sources, 1));

  for (guint i = 0; i < n_sources; i++)
    reliability[i] = sitmap_source_get_reliability (sitmap_document_get_source (self->document, i));
  for (guint position = 0; position < n; position++)
    {
      const SitmapCitationRecord *records;
      guint n_citations;
      guint64 bits = 0;

      records = sitmap_event_store_get_citations (store, position, &n_citations);
      for (guint i = 0; i < n_citations; i++)
        if (records[i].source < n_sources)
          bits |= G_GUINT64_CONSTANT (1) << (reliability[records[i].source] * 7 + records[i].credibility);
      self->grades[position] = bits;
    }
  self->grades_valid = TRUE;
}

const guint64 *
sitmap_facet_index_get_grades (SitmapFacetIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (!self->grades_valid)
    compute_grades (self);
  return self->grades;
}

guint64
sitmap_facet_index_grade_mask (SitmapReliability min_reliability, SitmapCredibility min_credibility)
{
  /* A is the best reliability and 1 the best credibility: a minimum lets through the grades up to it.
   * Without a minimum, unrated passes too. */
  guint r_from = min_reliability == SITMAP_RELIABILITY_UNRATED ? 0 : 1;
  guint r_to = min_reliability == SITMAP_RELIABILITY_UNRATED ? SITMAP_RELIABILITY_F : min_reliability;
  guint c_from = min_credibility == SITMAP_CREDIBILITY_UNRATED ? 0 : 1;
  guint c_to = min_credibility == SITMAP_CREDIBILITY_UNRATED ? SITMAP_CREDIBILITY_6 : min_credibility;
  guint64 mask = 0;

  for (guint r = r_from; r <= r_to; r++)
    for (guint c = c_from; c <= c_to; c++)
      mask |= G_GUINT64_CONSTANT (1) << (r * 7 + c);
  return mask;
}

void
sitmap_facet_index_invalidate_grades (SitmapFacetIndex *self)
{
  g_return_if_fail (self != NULL);
  self->grades_valid = FALSE;
}

gsize
sitmap_facet_index_get_memory_size (SitmapFacetIndex *self)
{
  guint n = sitmap_document_get_n_events (self->document);
  gsize size = sizeof *self + n * sizeof (guint64);

  for (guint s = 0; s < SITMAP_FILTER_N_SETS; s++)
    for (guint i = 0; i < self->values[s]->len; i++)
      {
        Value *value = &g_array_index (self->values[s], Value, i);

        size += sizeof (Value) + value->events->len * sizeof (guint32) + (value->folded ? strlen (value->folded) + 1 : 0);
      }
  return size;
}
