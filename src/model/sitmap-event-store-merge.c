/* sitmap-event-store-merge.c: a document's events with those of another, as a new store
 *
 * The store is sorted and indexed once, so a merge copies both documents' events into a new store and
 * finishes it: O(n) copies and one sort, never a search per event beyond the id lookup (a hash).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-store-merge"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sitmap-document-builder.h"
#include "sitmap-event-store-merge.h"
#include "sitmap-event-store-private.h"

typedef struct
{
  SitmapEventStoreMerge *merge;
  GHashTable            *source_index; /* id → index + 1 into merge->sources */
  GHashTable            *place_index;  /* id → index + 1 into merge->places */
  SitmapEventDraft       draft;        /* reused for every event: its strings are borrowed, never freed */
} Merger;

/*
 * Sources and places
 */

static void
add_source (Merger *self, SitmapSource *source)
{
  g_ptr_array_add (self->merge->sources, g_object_ref (source));
  g_hash_table_insert (self->source_index, (gpointer) sitmap_source_get_id (source),
                       GUINT_TO_POINTER (self->merge->sources->len));
}

/* An imported source is the document's when it has the same id or, for readers that make ids from names
 * (ACLED's publishers), the same name: then the grades given to it apply to the imported citations too. */
static void
merge_sources (Merger *self, SitmapDocument *document, SitmapDocument *imported)
{
  GListModel *sources = sitmap_document_get_sources (document);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (sources);

  for (guint i = 0; i < n; i++)
    {
      SitmapSource *source = sitmap_document_get_source (document, i);

      add_source (self, source);
      if (sitmap_source_get_name (source) != NULL)
        g_hash_table_insert (names, (gpointer) sitmap_source_get_name (source), GUINT_TO_POINTER (i + 1));
    }
  n = g_list_model_get_n_items (sitmap_document_get_sources (imported));
  for (guint i = 0; i < n; i++)
    {
      SitmapSource *source = sitmap_document_get_source (imported, i);
      const char *name = sitmap_source_get_name (source);
      gpointer same_name = name ? g_hash_table_lookup (names, name) : NULL;

      if (g_hash_table_contains (self->source_index, sitmap_source_get_id (source)))
        continue;
      if (same_name != NULL)
        {
          g_hash_table_insert (self->source_index, (gpointer) sitmap_source_get_id (source), same_name);
          continue;
        }
      add_source (self, source);
      self->merge->n_new_sources++;
    }
}

static void
merge_places (Merger *self, SitmapDocument *document, gboolean imported)
{
  guint n = g_list_model_get_n_items (sitmap_document_get_places (document));

  for (guint i = 0; i < n; i++)
    {
      SitmapPlace *place = sitmap_document_get_place (document, i);
      const char *id = sitmap_place_get_id (place);

      if (g_hash_table_contains (self->place_index, id))
        continue;
      g_ptr_array_add (self->merge->places, g_object_ref (place));
      g_hash_table_insert (self->place_index, (gpointer) id, GUINT_TO_POINTER (self->merge->places->len));
      if (imported)
        self->merge->n_new_places++;
    }
}

/* Folders keep their numbers in the document; the imported document's come after theirs. */
static guint
copy_groups (SitmapEventStore *into, SitmapEventStore *from)
{
  guint offset = sitmap_event_store_get_n_groups (into);
  guint n = sitmap_event_store_get_n_groups (from);

  for (guint g = 1; g <= n; g++)
    {
      guint parent;
      const char *name = sitmap_event_store_get_group_name (from, g, &parent);

      sitmap_event_store_add_group (into, parent ? parent + offset : 0, name);
    }
  return offset;
}

/*
 * Events
 */

static void
draft_reset (SitmapEventDraft *draft)
{
  g_ptr_array_set_size (draft->actors, 0);
  g_array_set_size (draft->figures, 0);
  g_array_set_size (draft->citations, 0);
  g_ptr_array_set_size (draft->attributes, 0);
}

static void
fill_citations (SitmapEventDraft *draft, SitmapDocument *document, guint position)
{
  guint n;
  const SitmapCitationRecord *citations =
    sitmap_event_store_get_citations (sitmap_document_get_store (document), position, &n);

  for (guint i = 0; i < n; i++)
    {
      SitmapCitationDraft citation = { 0 };

      citation.source_id = (char *) sitmap_source_get_id (sitmap_document_get_source (document, citations[i].source));
      if (citations[i].via != 0)
        citation.via_id = (char *) sitmap_source_get_id (sitmap_document_get_source (document, citations[i].via - 1));
      citation.url = (char *) citations[i].url;
      citation.paraphrase = (char *) citations[i].paraphrase;
      citation.published = citations[i].published;
      citation.accessed = citations[i].accessed;
      citation.credibility = citations[i].credibility;
      g_array_append_val (draft->citations, citation);
    }
}

static void
fill_lists (SitmapEventDraft *draft, SitmapEventStore *store, guint position)
{
  guint n;
  const char *const *actors = sitmap_event_store_get_actors (store, position, &n);
  const SitmapFigure *figures;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (draft->actors, (gpointer) actors[i]);
  figures = sitmap_event_store_get_figures (store, position, &n);
  if (n > 0)
    g_array_append_vals (draft->figures, figures, n);
  n = sitmap_event_store_get_n_attributes (store, position);
  for (guint i = 0; i < n; i++)
    {
      const char *value;
      const char *name = sitmap_event_store_get_attribute (store, position, i, &value);

      g_ptr_array_add (draft->attributes, (gpointer) name);
      g_ptr_array_add (draft->attributes, (gpointer) value);
    }
}

/* The event as a draft that reads back as it is: what was derived when it was built (its place's point
 * and shape, a precision from its place) is left for the new store to derive again. */
static void
copy_event (Merger *self, SitmapEventStore *into, SitmapDocument *document, guint position, guint group_offset)
{
  SitmapEventStore *store = sitmap_document_get_store (document);
  const SitmapEventColumns *columns = sitmap_event_store_get_columns (store);
  SitmapEventDraft *draft = &self->draft;
  guint place = sitmap_event_store_get_place (store, position);
  guint group = sitmap_event_store_get_group (store, position);

  draft_reset (draft);
  draft->id = (char *) sitmap_event_store_get_id (store, position);
  draft->title = (char *) sitmap_event_store_get_title (store, position);
  draft->summary = (char *) sitmap_event_store_get_summary (store, position);
  draft->place_text = (char *) sitmap_event_store_get_place_text (store, position);
  draft->place_id = place ? (char *) sitmap_place_get_id (sitmap_document_get_place (document, place - 1)) : NULL;
  sitmap_event_store_get_time (store, position, &draft->time);
  draft->category = columns->category[position];
  draft->location_precision = sitmap_event_store_get_stated_precision (store, position);
  if (sitmap_event_store_is_located_by_place (store, position))
    {
      draft->latitude = draft->longitude = NAN;
      draft->geometry = NULL;
    }
  else
    {
      sitmap_event_store_get_location (store, position, &draft->latitude, &draft->longitude);
      draft->geometry = sitmap_event_store_get_geometry (store, position);
    }
  draft->radius_m = sitmap_event_store_get_radius (store, position);
  draft->group = group ? group + group_offset : 0;
  fill_citations (draft, document, position);
  fill_lists (draft, store, position);
  sitmap_event_store_add (into, draft);
}

static void
reserve_array (GArray **array, guint n)
{
  if (n > (*array)->len)
    g_array_set_size (g_array_set_size (*array, n), 0);
}

/* The new store takes its memory at once: grown by doubling, its arrays would be copied over and over. */
static void
reserve (SitmapEventStore *into, SitmapEventStore *a, SitmapEventStore *b)
{
  sitmap_event_store_reserve (into, a->records->len + b->records->len,
                              a->attribute_values->len + b->attribute_values->len,
                              sitmap_string_table_get_memory_size (a->text) + sitmap_string_table_get_memory_size (b->text));
  reserve_array (&into->citations, a->citations->len + b->citations->len);
  reserve_array (&into->citation_ids, a->citations->len + b->citations->len);
  reserve_array (&into->figures, a->figures->len + b->figures->len);
  g_ptr_array_set_size (into->actors, a->actors->len + b->actors->len);
  g_ptr_array_set_size (into->actors, 0);
}

static guint
lookup_source (const char *id, gpointer user_data)
{
  Merger *self = user_data;
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->source_index, id ? id : SITMAP_UNNAMED_SOURCE_ID));

  /* Every id a citation names is one of the two documents' sources, but the placeholder for citations without
   * one may be in neither when the copy names none (a defensive fallback, as the builder does). */
  if (index == 0)
    {
      g_autoptr (SitmapSource) source = sitmap_source_new (id ? id : SITMAP_UNNAMED_SOURCE_ID);

      if (id == NULL)
        sitmap_source_set_name (source, _("Unnamed source"));
      add_source (self, source);
      index = self->merge->sources->len;
    }
  return index;
}

static guint
lookup_place (const char *id, gpointer user_data)
{
  Merger *self = user_data;

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->place_index, id));
}

static void
copy_events (Merger *self, SitmapDocument *document, SitmapDocument *imported)
{
  SitmapEventStore *into = self->merge->store;
  SitmapEventStore *own = sitmap_document_get_store (document);
  SitmapEventStore *other = sitmap_document_get_store (imported);
  guint n = sitmap_document_get_n_events (document);
  guint n_imported = sitmap_document_get_n_events (imported);
  guint offset;
  g_autofree guint32 *own_order = sitmap_event_store_dup_positions_by_record (own);
  g_autofree guint32 *imported_order = sitmap_event_store_dup_positions_by_record (other);

  copy_groups (into, own);
  offset = copy_groups (into, other);
  for (guint i = 0; i < n; i++)
    copy_event (self, into, document, own_order[i], 0);
  for (guint k = 0; k < n_imported; k++)
    {
      guint i = imported_order[k];
      const char *id = sitmap_event_store_get_id (other, i);

      if (id != NULL && sitmap_event_store_find (own, id) >= 0)
        {
          self->merge->n_duplicates++;
          continue;
        }
      copy_event (self, into, imported, i, offset);
      self->merge->n_added++;
    }
}

/* How many of the imported document's events the document lacks (by id; an event without one is new). */
static guint
count_new_events (SitmapDocument *document, SitmapDocument *imported)
{
  SitmapEventStore *own = sitmap_document_get_store (document);
  SitmapEventStore *other = sitmap_document_get_store (imported);
  guint n_imported = sitmap_document_get_n_events (imported), n_new = 0;

  for (guint i = 0; i < n_imported; i++)
    {
      const char *id = sitmap_event_store_get_id (other, i);

      n_new += id == NULL || sitmap_event_store_find (own, id) < 0;
    }
  return n_new;
}

static void merge_events (Merger *self, SitmapDocument *document, SitmapDocument *imported, GListStore *places);

SitmapEventStoreMerge *
sitmap_event_store_merge (SitmapDocument *document, SitmapDocument *imported)
{
  g_autoptr (GListStore) places = g_list_store_new (SITMAP_TYPE_PLACE);
  Merger self = { 0 };

  g_return_val_if_fail (SITMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SITMAP_IS_DOCUMENT (imported), NULL);

  self.merge = g_new0 (SitmapEventStoreMerge, 1);
  self.merge->store = sitmap_event_store_new ();
  self.merge->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self.merge->places = g_ptr_array_new_with_free_func (g_object_unref);
  self.source_index = g_hash_table_new (g_str_hash, g_str_equal);
  self.place_index = g_hash_table_new (g_str_hash, g_str_equal);
  sitmap_event_draft_init (&self.draft);
  /* Borrowed strings: the reused draft's lists must not free them. */
  g_ptr_array_set_free_func (self.draft.actors, NULL);
  g_ptr_array_set_free_func (self.draft.attributes, NULL);

  merge_sources (&self, document, imported);
  merge_places (&self, document, FALSE);
  merge_places (&self, imported, TRUE);
  /* A file the document holds already: no new store is built for nothing (at a million events it takes
   * seconds) */
  if (count_new_events (document, imported) == 0 && self.merge->n_new_sources == 0 && self.merge->n_new_places == 0)
    {
      self.merge->n_duplicates = sitmap_document_get_n_events (imported);
      g_clear_pointer (&self.merge->store, sitmap_event_store_free);
    }
  else
    merge_events (&self, document, imported, places);
  sitmap_event_draft_clear (&self.draft);
  g_hash_table_unref (self.source_index);
  g_hash_table_unref (self.place_index);
  return self.merge;
}

static void
merge_events (Merger *self, SitmapDocument *document, SitmapDocument *imported, GListStore *places)
{
  gint64 start, copied;

  reserve (self->merge->store, sitmap_document_get_store (document), sitmap_document_get_store (imported));
  start = g_get_monotonic_time ();
  copy_events (self, document, imported);
  copied = g_get_monotonic_time ();
  g_list_store_splice (places, 0, 0, self->merge->places->pdata, self->merge->places->len);
  sitmap_event_store_finish (self->merge->store, lookup_source, lookup_place, G_LIST_MODEL (places), self);
  sitmap_event_store_flag_party_only (self->merge->store, 0, sitmap_event_store_get_columns (self->merge->store)->n_events,
                                      self->merge->sources);
  g_debug ("merged %u + %u events: copied in %.3f s, finished in %.3f s", sitmap_document_get_n_events (document),
           self->merge->n_added, (copied - start) / 1e6, (g_get_monotonic_time () - copied) / 1e6);

  /* The draft's strings and shape were borrowed: only its emptied lists are freed. */
  draft_reset (&self->draft);
  self->draft.id = self->draft.title = self->draft.summary = self->draft.place_id = self->draft.place_text = NULL;
  self->draft.geometry = NULL;
}

void
sitmap_event_store_merge_free (SitmapEventStoreMerge *merge)
{
  if (merge == NULL)
    return;
  g_clear_pointer (&merge->store, sitmap_event_store_free);
  g_clear_pointer (&merge->sources, g_ptr_array_unref);
  g_clear_pointer (&merge->places, g_ptr_array_unref);
  g_free (merge);
}
