/* sitmap-event-store-bulk.c: events added without drafts, by readers of large files, and stores joined
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-store"

#include "config.h"

#include <string.h>

#include "sitmap-event-store-private.h"
#include "sitmap-memory.h"

#define MAX_RUN G_MAXUINT16

/* An empty array with room for n elements (not touched: pages come as they are used), hinted as huge pages */
static GArray *
reserve (GArray *array, gsize n, gboolean clear)
{
  gsize size = g_array_get_element_size (array);

  if (array->len > 0 || n == 0 || n > G_MAXUINT / 2)
    return array;
  g_array_unref (array);
  array = g_array_sized_new (FALSE, clear, (guint) size, (guint) n);
  sitmap_memory_advise_huge (array->data, n * size);
  return array;
}

void
sitmap_event_store_reserve (SitmapEventStore *self, guint n_events, gsize n_values, gsize text_bytes)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->finished);

  self->records = reserve (self->records, n_events, TRUE);
  self->attribute_values = reserve (self->attribute_values, n_values, FALSE);
  sitmap_string_table_reserve (self->text, text_bytes);
}

const char *
sitmap_event_store_add_text (SitmapEventStore *self, const char *text, gsize length)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->finished, NULL);

  return sitmap_string_table_copy (self->text, text, length);
}

guint32
sitmap_event_store_intern (SitmapEventStore *self, const char *text, gsize length)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (!self->finished, 0);

  return sitmap_string_table_intern (self->text, text, length);
}

const char *
sitmap_event_store_get_string (SitmapEventStore *self, guint32 id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id <= sitmap_string_table_get_n (self->text), NULL);

  return sitmap_string_table_get (self->text, id);
}

/* The string of id, NULL when empty, as drafts' strings are kept */
static const char *
nonempty_string (SitmapEventStore *self, guint32 id)
{
  const char *text = sitmap_string_table_get (self->text, id);

  return text && *text ? text : NULL;
}

SitmapEventRun
sitmap_event_store_add_actors (SitmapEventStore *self, const guint32 *actors, guint n)
{
  SitmapEventRun run = { self->actors->len, 0 };

  g_return_val_if_fail (!self->finished, run);

  for (guint i = 0; i < n && run.n < MAX_RUN; i++)
    {
      g_return_val_if_fail (actors[i] <= sitmap_string_table_get_n (self->text), run);
      g_ptr_array_add (self->actors, (gpointer) nonempty_string (self, actors[i]));
      run.n++;
    }
  return run;
}

SitmapEventRun
sitmap_event_store_add_figures (SitmapEventStore *self, const SitmapFigure *figures, guint n)
{
  SitmapEventRun run = { self->figures->len, MIN (n, MAX_RUN) };

  g_return_val_if_fail (!self->finished, run);

  g_array_append_vals (self->figures, figures, run.n);
  return run;
}

SitmapEventRun
sitmap_event_store_add_citations (SitmapEventStore *self, const guint32 *source_ids, guint n)
{
  SitmapEventRun run = { self->citations->len, 0 };

  g_return_val_if_fail (!self->finished, run);

  for (guint i = 0; i < n && run.n < MAX_RUN; i++)
    {
      SitmapCitationRecord citation = { 0 };
      CitationIds ids = { 0 };

      g_return_val_if_fail (source_ids[i] <= sitmap_string_table_get_n (self->text), run);
      ids.source_id = nonempty_string (self, source_ids[i]);
      g_array_append_val (self->citations, citation);
      g_array_append_val (self->citation_ids, ids);
      run.n++;
    }
  return run;
}

guint32
sitmap_event_store_add_schema (SitmapEventStore *self, const guint32 *names, guint n)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (!self->finished, 0);

  return _sitmap_event_store_find_schema (self, names, MIN (n, MAX_RUN));
}

static gboolean
run_valid (SitmapEventRun run, guint len)
{
  return run.n == 0 || ((guint64) run.first + run.n <= len && run.n <= MAX_RUN);
}

void
sitmap_event_store_add_bulk (SitmapEventStore *self, const SitmapBulkEvent *row)
{
  EventRecord record = { 0 };

  g_return_if_fail (self != NULL && row != NULL);
  g_return_if_fail (!self->finished);
  g_return_if_fail (run_valid (row->actors, self->actors->len));
  g_return_if_fail (run_valid (row->figures, self->figures->len));
  g_return_if_fail (run_valid (row->citations, self->citations->len));
  g_return_if_fail (row->schema <= self->schemas->len);

  record.start = row->time.start;
  record.end = row->time.end;
  record.time_precision = row->time.precision;
  record.start_unit = row->time.start_unit;
  record.end_unit = row->time.end_unit;
  record.id = row->id && *row->id ? row->id : NULL;
  record.title = row->title && *row->title ? row->title : NULL;
  record.summary = row->summary && *row->summary ? row->summary : NULL;
  record.place_text = row->place_text && *row->place_text ? row->place_text : NULL;
  record.latitude = row->latitude;
  record.longitude = row->longitude;
  record.radius_m = row->radius_m;
  record.category = row->category;
  record.location_precision = row->location_precision;
  if (row->location_precision != SITMAP_LOCATION_PRECISION_NONE)
    record.origin |= RECORD_PRECISION_STATED;
  record.first_actor = row->actors.first;
  record.n_actors = row->actors.n;
  record.first_figure = row->figures.first;
  record.n_figures = row->figures.n;
  record.first_citation = row->citations.first;
  record.n_citations = row->citations.n;
  /* Other rows may share the run: a change to one citation copies it first. */
  if (row->citations.n > 0)
    record.origin |= RECORD_SHARED_CITATIONS;
  record.first_value = self->attribute_values->len;
  record.schema = row->schema;
  if (row->schema != 0)
    g_array_append_vals (self->attribute_values, row->values,
                         g_array_index (self->schemas, Schema, row->schema - 1).n);
  record.order = self->records->len;
  g_array_append_val (self->records, record);
}

guint
sitmap_event_store_get_n_added (SitmapEventStore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->records->len;
}

/*
 * Joining stores
 */

static void
append_ids (GArray *into, GArray *from, guint32 offset)
{
  guint base = into->len;

  g_array_append_vals (into, from->data, from->len);
  for (guint i = base; i < into->len; i++)
    if (g_array_index (into, guint32, i) != 0)
      g_array_index (into, guint32, i) += offset;
}

static void
append_records (SitmapEventStore *self, SitmapEventStore *other)
{
  guint base = self->records->len;
  guint32 citations = self->citations->len, actors = self->actors->len, figures = self->figures->len;
  guint32 values = self->attribute_values->len, schemas = self->schemas->len, geometries = self->geometries->len;

  g_array_append_vals (self->records, other->records->data, other->records->len);
  /* At a million events the arrays are large: other's go as soon as they are copied. */
  g_array_set_size (other->records, 0);
  for (guint i = base; i < self->records->len; i++)
    {
      EventRecord *record = &g_array_index (self->records, EventRecord, i);

      record->first_citation += citations;
      record->first_actor += actors;
      record->first_figure += figures;
      record->first_value += values;
      if (record->schema != 0)
        record->schema += schemas;
      if (record->geometry != 0)
        record->geometry += geometries;
      record->order = i;
    }
}

void
sitmap_event_store_append (SitmapEventStore *self, SitmapEventStore *other)
{
  guint32 offset;
  guint schema_names;

  g_return_if_fail (self != NULL && other != NULL && self != other);
  g_return_if_fail (!self->finished && !other->finished);
  g_return_if_fail (other->groups->len == 0);
  g_return_if_fail ((guint64) self->records->len + other->records->len < G_MAXUINT32);

  offset = sitmap_string_table_append (self->text, g_steal_pointer (&other->text));
  other->text = sitmap_string_table_new ();
  append_records (self, other);
  g_array_append_vals (self->citations, other->citations->data, other->citations->len);
  g_array_append_vals (self->citation_ids, other->citation_ids->data, other->citation_ids->len);
  g_array_append_vals (self->figures, other->figures->data, other->figures->len);
  g_ptr_array_extend (self->actors, other->actors, NULL, NULL);
  append_ids (self->attribute_values, other->attribute_values, offset);
  schema_names = self->schema_names->len;
  append_ids (self->schema_names, other->schema_names, offset);
  for (guint i = 0; i < other->schemas->len; i++)
    {
      Schema schema = g_array_index (other->schemas, Schema, i);

      schema.first += schema_names;
      g_array_append_val (self->schemas, schema);
    }
  for (guint i = 0; i < other->geometries->len; i++)
    g_ptr_array_add (self->geometries, sitmap_geometry_ref (g_ptr_array_index (other->geometries, i)));
  sitmap_event_store_free (other);
}
