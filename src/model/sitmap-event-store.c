/* sitmap-event-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-event-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sitmap-event-store-private.h"
#include "sitmap-memory.h"
#include "sitmap-source.h"
#include "sitmap-positions.h"

/* Spans longer than this (or open-ended) are kept in a short side list, so that the time index can
 * bound how far before a range an overlapping event may start by the longest *short* span. */
#define LONG_SPAN_SECONDS ((gint64) 2 * 366 * 86400)

/*
 * Drafts
 */

void
sitmap_event_draft_init (SitmapEventDraft *draft)
{
  g_return_if_fail (draft != NULL);

  memset (draft, 0, sizeof *draft);
  sitmap_time_init_undated (&draft->time);
  draft->category = SITMAP_CATEGORY_OTHER;
  draft->latitude = NAN;
  draft->longitude = NAN;
  draft->actors = g_ptr_array_new_with_free_func (g_free);
  draft->figures = g_array_new (FALSE, TRUE, sizeof (SitmapFigure));
  draft->citations = g_array_new (FALSE, TRUE, sizeof (SitmapCitationDraft));
  draft->attributes = g_ptr_array_new_with_free_func (g_free);
}

void
sitmap_citation_draft_clear (SitmapCitationDraft *citation)
{
  g_clear_pointer (&citation->source_id, g_free);
  g_clear_pointer (&citation->via_id, g_free);
  g_clear_pointer (&citation->url, g_free);
  g_clear_pointer (&citation->paraphrase, g_free);
}

void
sitmap_event_draft_clear (SitmapEventDraft *draft)
{
  g_clear_pointer (&draft->id, g_free);
  g_clear_pointer (&draft->title, g_free);
  g_clear_pointer (&draft->summary, g_free);
  g_clear_pointer (&draft->place_id, g_free);
  g_clear_pointer (&draft->place_text, g_free);
  g_clear_pointer (&draft->geometry, sitmap_geometry_unref);
  g_clear_pointer (&draft->actors, g_ptr_array_unref);
  if (draft->figures)
    for (guint i = 0; i < draft->figures->len; i++)
      g_free ((char *) g_array_index (draft->figures, SitmapFigure, i).text);
  g_clear_pointer (&draft->figures, g_array_unref);
  if (draft->citations)
    for (guint i = 0; i < draft->citations->len; i++)
      sitmap_citation_draft_clear (&g_array_index (draft->citations, SitmapCitationDraft, i));
  g_clear_pointer (&draft->citations, g_array_unref);
  g_clear_pointer (&draft->attributes, g_ptr_array_unref);
}

void
sitmap_event_draft_add_attribute (SitmapEventDraft *draft, const char *name, const char *value)
{
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  g_ptr_array_add (draft->attributes, g_strdup (name));
  g_ptr_array_add (draft->attributes, g_strdup (value));
}

void
sitmap_event_draft_add_actor (SitmapEventDraft *draft, const char *actor)
{
  g_return_if_fail (draft != NULL);

  g_ptr_array_add (draft->actors, g_strdup (actor));
}

void
sitmap_event_draft_add_figure (SitmapEventDraft *draft, const SitmapFigure *figure)
{
  SitmapFigure copy = *figure;

  g_return_if_fail (draft != NULL);

  copy.text = g_strdup (figure->text);
  g_array_append_val (draft->figures, copy);
}

void
sitmap_event_draft_take_citation (SitmapEventDraft *draft, SitmapCitationDraft *citation)
{
  g_return_if_fail (draft != NULL);

  g_array_append_vals (draft->citations, citation, 1);
  memset (citation, 0, sizeof *citation);
}

/*
 * Building
 */

SitmapEventStore *
sitmap_event_store_new (void)
{
  SitmapEventStore *self = g_new0 (SitmapEventStore, 1);

  self->records = g_array_new (FALSE, TRUE, sizeof (EventRecord));
  self->citations = g_array_new (FALSE, TRUE, sizeof (SitmapCitationRecord));
  self->citation_ids = g_array_new (FALSE, TRUE, sizeof (CitationIds));
  self->citation_copies = g_ptr_array_new_with_free_func (g_free);
  self->figures = g_array_new (FALSE, TRUE, sizeof (SitmapFigure));
  self->actors = g_ptr_array_new ();
  self->attribute_values = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->schemas = g_array_new (FALSE, FALSE, sizeof (Schema));
  self->schema_names = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  self->geometries = g_ptr_array_new_with_free_func ((GDestroyNotify) sitmap_geometry_unref);
  self->text = sitmap_string_table_new ();
  self->long_events = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->long_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

void
sitmap_event_store_free (SitmapEventStore *self)
{
  g_array_unref (self->records);
  g_array_unref (self->citations);
  g_clear_pointer (&self->citation_ids, g_array_unref);
  g_ptr_array_unref (self->citation_copies);
  g_array_unref (self->figures);
  g_ptr_array_unref (self->actors);
  g_array_unref (self->attribute_values);
  g_array_unref (self->schemas);
  g_array_unref (self->schema_names);
  g_clear_pointer (&self->schema_index, g_hash_table_unref);
  g_array_unref (self->groups);
  g_ptr_array_unref (self->geometries);
  sitmap_string_table_free (self->text);
  g_array_unref (self->long_events);
  g_array_unref (self->long_ends);
  g_clear_pointer (&self->deleted, g_array_unref);
  g_clear_pointer (&self->touched, g_array_unref);
  g_free (self->id_slots);
  g_free (self->record_of);
  g_free (self->start);
  g_free (self->duration);
  g_free (self->time_precision);
  g_free (self->category);
  g_free (self->location_precision);
  g_free (self->flags);
  g_free (self->x);
  g_free (self->y);
  g_free (self->fatalities);
  g_free (self->origins);
  g_free (self);
}

static const char *
store_text (SitmapEventStore *self, const char *text)
{
  return text && *text ? sitmap_string_table_copy (self->text, text, strlen (text)) : NULL;
}

/* Short strings that repeat across events (actors, place names, source ids) are stored once. */
static const char *
store_shared_text (SitmapEventStore *self, const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return sitmap_string_table_get (self->text, sitmap_string_table_intern (self->text, text, strlen (text)));
}

/* Before finish, citations name their sources by id until the document resolves them; after (an edit), resolve
 * does it at once. */
static void
add_citations (SitmapEventStore *self, EventRecord *record, const SitmapEventDraft *draft,
               const SitmapEventResolver *resolve)
{
  record->first_citation = self->citations->len;
  record->n_citations = MIN (draft->citations->len, G_MAXUINT16);
  for (guint i = 0; i < record->n_citations; i++)
    {
      const SitmapCitationDraft *d = &g_array_index (draft->citations, SitmapCitationDraft, i);
      SitmapCitationRecord citation = { 0 };
      CitationIds ids;

      ids.source_id = store_shared_text (self, d->source_id);
      ids.via_id = store_shared_text (self, d->via_id);
      citation.url = store_text (self, d->url);
      citation.paraphrase = store_text (self, d->paraphrase);
      citation.published = d->published;
      citation.accessed = d->accessed;
      citation.credibility = d->credibility;
      if (resolve != NULL)
        {
          citation.source = resolve->lookup_source (ids.source_id, resolve->user_data) - 1;
          citation.via = ids.via_id ? resolve->lookup_source (ids.via_id, resolve->user_data) : 0;
        }
      else
        g_array_append_val (self->citation_ids, ids);
      g_array_append_val (self->citations, citation);
    }
}

static void
add_figures_and_actors (SitmapEventStore *self, EventRecord *record, const SitmapEventDraft *draft)
{
  record->first_figure = self->figures->len;
  record->n_figures = MIN (draft->figures->len, G_MAXUINT16);
  for (guint i = 0; i < record->n_figures; i++)
    {
      SitmapFigure figure = g_array_index (draft->figures, SitmapFigure, i);

      figure.text = store_shared_text (self, figure.text);
      g_array_append_val (self->figures, figure);
    }

  record->first_actor = self->actors->len;
  record->n_actors = MIN (draft->actors->len, G_MAXUINT16);
  for (guint i = 0; i < record->n_actors; i++)
    g_ptr_array_add (self->actors, (gpointer) store_shared_text (self, g_ptr_array_index (draft->actors, i)));
}

/* Values this long or shorter are interned: codes, names and admin areas repeat; long text rarely does. */
#define SHARED_VALUE_MAX 64

guint32
_sitmap_event_store_find_schema (SitmapEventStore *self, const guint32 *names, guint n)
{
  Schema schema;
  gpointer found;
  GBytes *key;

  if (n == 0)
    return 0;
  /* Events of one file mostly share their names: the last schema first */
  if (self->schemas->len > 0)
    {
      const Schema *last = &g_array_index (self->schemas, Schema, self->schemas->len - 1);

      if (last->n == n && memcmp (&g_array_index (self->schema_names, guint32, last->first), names,
                                  n * sizeof (guint32)) == 0)
        return self->schemas->len;
    }
  if (self->schema_index == NULL)
    self->schema_index = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  key = g_bytes_new (names, n * sizeof (guint32));
  found = g_hash_table_lookup (self->schema_index, key);
  if (found != NULL)
    {
      g_bytes_unref (key);
      return GPOINTER_TO_UINT (found);
    }
  schema.first = self->schema_names->len;
  schema.n = n;
  g_array_append_vals (self->schema_names, names, n);
  g_array_append_val (self->schemas, schema);
  g_hash_table_insert (self->schema_index, key, GUINT_TO_POINTER (self->schemas->len));
  return self->schemas->len;
}

/* Names repeat from event to event (a CSV file's columns), and so do short values. */
static void
add_attributes (SitmapEventStore *self, EventRecord *record, const SitmapEventDraft *draft)
{
  guint n = MIN (draft->attributes->len / 2, G_MAXUINT16);
  g_autofree guint32 *names = g_new (guint32, MAX (n, 1));

  record->first_value = self->attribute_values->len;
  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (draft->attributes, 2 * i);
      const char *value = g_ptr_array_index (draft->attributes, 2 * i + 1);
      gsize length = strlen (value);
      guint32 id;

      names[i] = sitmap_string_table_intern (self->text, name, strlen (name));
      if (length <= SHARED_VALUE_MAX)
        id = sitmap_string_table_intern (self->text, value, length);
      else
        id = sitmap_string_table_add (self->text, value, length);
      g_array_append_val (self->attribute_values, id);
    }
  record->schema = _sitmap_event_store_find_schema (self, names, n);
}

void
_sitmap_event_store_fill_record (SitmapEventStore *self, const SitmapEventDraft *draft, EventRecord *record_out,
                                 const SitmapEventResolver *resolve)
{
  EventRecord record = { 0 };

  record.start = draft->time.start;
  record.end = draft->time.end;
  record.time_precision = draft->time.precision;
  record.start_unit = draft->time.start_unit;
  record.end_unit = draft->time.end_unit;
  record.id = store_text (self, draft->id);
  record.title = store_text (self, draft->title);
  record.summary = store_text (self, draft->summary);
  record.place_text = store_shared_text (self, draft->place_text);
  record.place_id = store_shared_text (self, draft->place_id);
  record.latitude = draft->latitude;
  record.longitude = draft->longitude;
  record.radius_m = draft->radius_m;
  record.category = draft->category;
  record.location_precision = draft->location_precision;
  if (draft->location_precision != SITMAP_LOCATION_PRECISION_NONE)
    record.origin |= RECORD_PRECISION_STATED;
  record.order = self->records->len;
  if (draft->geometry != NULL)
    {
      g_ptr_array_add (self->geometries, sitmap_geometry_ref (draft->geometry));
      record.geometry = self->geometries->len;
    }
  add_citations (self, &record, draft, resolve);
  add_figures_and_actors (self, &record, draft);
  add_attributes (self, &record, draft);
  record.group = draft->group <= self->groups->len ? draft->group : 0;
  *record_out = record;
}

void
sitmap_event_store_add (SitmapEventStore *self, const SitmapEventDraft *draft)
{
  EventRecord record;

  g_return_if_fail (self != NULL);
  g_return_if_fail (draft != NULL);
  g_return_if_fail (!self->finished);
  g_return_if_fail (draft->group <= self->groups->len);

  _sitmap_event_store_fill_record (self, draft, &record, NULL);
  g_array_append_val (self->records, record);
}

static SitmapLocationPrecision
precision_of_place (SitmapPlace *place)
{
  switch (sitmap_place_get_kind (place))
    {
    case SITMAP_PLACE_KIND_CAPITAL:
    case SITMAP_PLACE_KIND_CITY:
    case SITMAP_PLACE_KIND_TOWN:
    case SITMAP_PLACE_KIND_VILLAGE:
      return SITMAP_LOCATION_PRECISION_TOWN;
    case SITMAP_PLACE_KIND_DISTRICT:
    case SITMAP_PLACE_KIND_PROVINCE:
    case SITMAP_PLACE_KIND_REGION:
      return SITMAP_LOCATION_PRECISION_REGION;
    case SITMAP_PLACE_KIND_COUNTRY:
      return SITMAP_LOCATION_PRECISION_COUNTRY;
    case SITMAP_PLACE_KIND_OTHER:
    case SITMAP_N_PLACE_KINDS:
    default:
      return SITMAP_LOCATION_PRECISION_EXACT;
    }
}

/* An event located only by a gazetteer place is drawn where the place is, as precisely as the place. */
void
_sitmap_event_store_inherit_place (SitmapEventStore *self, EventRecord *record, GListModel *places)
{
  g_autoptr (SitmapPlace) place = g_list_model_get_item (places, record->place - 1);
  SitmapGeometry *geometry = sitmap_place_get_geometry (place);

  if (!sitmap_coordinates_valid (record->latitude, record->longitude))
    {
      record->latitude = sitmap_place_get_latitude (place);
      record->longitude = sitmap_place_get_longitude (place);
      if (record->geometry == 0)
        record->origin |= RECORD_LOCATED_BY_PLACE;
      if (record->geometry == 0 && geometry != NULL)
        {
          g_ptr_array_add (self->geometries, sitmap_geometry_ref (geometry));
          record->geometry = self->geometries->len;
        }
    }
  if (record->location_precision == SITMAP_LOCATION_PRECISION_NONE)
    record->location_precision = precision_of_place (place);
}

static void
resolve_references (SitmapEventStore *self, SitmapIdLookup lookup_source, SitmapIdLookup lookup_place,
                    GListModel *places, gpointer user_data)
{
  guint unsourced = 0;

  for (guint i = 0; i < self->citations->len; i++)
    {
      SitmapCitationRecord *record = &g_array_index (self->citations, SitmapCitationRecord, i);
      const CitationIds *ids = &g_array_index (self->citation_ids, CitationIds, i);

      if (ids->source_id != NULL)
        {
          record->source = lookup_source (ids->source_id, user_data);
          g_assert (record->source > 0);
          record->source--;
        }
      else
        unsourced++;
      record->via = ids->via_id ? lookup_source (ids->via_id, user_data) : 0;
    }
  /* The placeholder for citations without a source comes after every source with an id, wherever they were
   * first cited: a saved file, which does not write it, then reads back with the sources in the same order. */
  if (unsourced > 0)
    {
      guint source = lookup_source (NULL, user_data);

      g_assert (source > 0);
      for (guint i = 0; i < self->citations->len; i++)
        if (g_array_index (self->citation_ids, CitationIds, i).source_id == NULL)
          g_array_index (self->citations, SitmapCitationRecord, i).source = source - 1;
    }
  g_clear_pointer (&self->citation_ids, g_array_unref);
  for (guint i = 0; i < self->records->len; i++)
    {
      EventRecord *record = &g_array_index (self->records, EventRecord, i);

      if (record->place_id != NULL)
        record->place = lookup_place (record->place_id, user_data);
      /* From here on the field holds a copy of shared citations made for a change (none yet) */
      record->own_citations = NULL;
      if (record->place != 0)
        _sitmap_event_store_inherit_place (self, record, places);
      if (record->location_precision == SITMAP_LOCATION_PRECISION_NONE &&
          sitmap_coordinates_valid (record->latitude, record->longitude))
        record->location_precision = SITMAP_LOCATION_PRECISION_EXACT;
    }
}

static gint32
killed_lower_bound (SitmapEventStore *self, const EventRecord *record)
{
  for (guint i = 0; i < record->n_figures; i++)
    {
      const SitmapFigure *figure = &g_array_index (self->figures, SitmapFigure, record->first_figure + i);

      if (figure->kind == SITMAP_FIGURE_KILLED && figure->min >= 0)
        return (gint32) MIN (figure->min, G_MAXINT32);
    }
  return -1;
}

/* Citations that share their origin count once, whoever relayed them ("via"). */
static guint8
count_origins (SitmapEventStore *self, const EventRecord *record)
{
  const SitmapCitationRecord *citations;
  guint n_origins = 0;

  /* Before the first citation the array has no storage: no index into it, not even zero. */
  if (record->n_citations == 0)
    return 0;
  citations = &g_array_index (self->citations, SitmapCitationRecord, record->first_citation);
  for (guint i = 0; i < record->n_citations; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = citations[j].source == citations[i].source;
      n_origins += !seen;
    }
  return MIN (n_origins, G_MAXUINT8);
}

/* The latitudes projected last, by a hash of their bits: events at one place share a latitude, and its
 * projection is a logarithm of a tangent. */
#define MERCATOR_MEMO_SIZE 4096

typedef struct
{
  double latitude;
  double x;
  double y;
  double longitude;
} MercatorMemo;

static void
project (MercatorMemo *memo, double latitude, double longitude, double *x, double *y)
{
  guint64 bits;
  MercatorMemo *slot;

  memcpy (&bits, &latitude, sizeof bits);
  bits ^= bits >> 29;
  slot = &memo[(bits * 0x9E3779B97F4A7C15ull) >> 52];
  if (slot->latitude != latitude)
    {
      sitmap_mercator_from_lat_lon (latitude, longitude, &slot->x, &slot->y);
      slot->latitude = latitude;
      slot->longitude = longitude;
    }
  if (slot->longitude != longitude)
    {
      double ignored;

      /* x depends on the longitude alone */
      sitmap_mercator_from_lat_lon (0, longitude, &slot->x, &ignored);
      slot->longitude = longitude;
    }
  *x = slot->x;
  *y = slot->y;
}

static void
fill_columns (SitmapEventStore *self, guint position, MercatorMemo *memo)
{
  const EventRecord *record = _sitmap_event_store_record (self, position);
  guint8 flags = 0;

  self->start[position] = record->start;
  self->time_precision[position] = record->time_precision;
  self->category[position] = record->category;
  self->location_precision[position] = record->location_precision;
  self->fatalities[position] = killed_lower_bound (self, record);
  self->origins[position] = count_origins (self, record);
  if (sitmap_coordinates_valid (record->latitude, record->longitude))
    {
      flags |= SITMAP_EVENT_FLAG_PLACED;
      project (memo, record->latitude, record->longitude, &self->x[position], &self->y[position]);
    }
  else
    self->x[position] = self->y[position] = NAN;
  if (record->geometry)
    {
      SitmapGeometry *geometry = g_ptr_array_index (self->geometries, record->geometry - 1);

      if (sitmap_geometry_get_kind (geometry) == SITMAP_GEOMETRY_POLYGON)
        flags |= SITMAP_EVENT_FLAG_AREA;
      else if (sitmap_geometry_get_kind (geometry) == SITMAP_GEOMETRY_LINE)
        flags |= SITMAP_EVENT_FLAG_LINE;
    }
  self->flags[position] = flags;
}

void
_sitmap_event_store_fill_columns (SitmapEventStore *self, guint from, guint to)
{
  g_autofree MercatorMemo *memo = g_new (MercatorMemo, MERCATOR_MEMO_SIZE);

  for (guint i = 0; i < MERCATOR_MEMO_SIZE; i++)
    memo[i].latitude = memo[i].longitude = NAN;
  for (guint i = from; i < to; i++)
    fill_columns (self, i, memo);
}

/* The longest span the time index keeps in place. A query scans back by the longest of them, so one
 * two-year span among days would make every query scan two years: the few longest spans go to the side
 * list instead, which every query merges whole. Spans are counted by powers of two, and the threshold is
 * the lowest power with at most MAX (MIN_SIDE_LIST, 1 in 1000 dated events) spans above it; but never below
 * 2^22 seconds (48 days), so that events known to the month always stay in place. */
#define MIN_SIDE_LIST   64
#define MIN_LONG_POWER  22

static gint64
choose_long_span (SitmapEventStore *self)
{
  guint counts[64] = { 0 };
  guint allowed = MAX (MIN_SIDE_LIST, self->columns.n_dated / 1000), above = 0, k;

  for (guint i = 0; i < self->columns.n_dated; i++)
    {
      const EventRecord *record = _sitmap_event_store_record (self, i);
      gint64 span;

      if (record->start == SITMAP_TIME_OPEN_START || record->end == SITMAP_TIME_OPEN_END)
        continue;
      span = record->end - record->start;
      if (span <= LONG_SPAN_SECONDS)
        counts[span <= 1 ? 0 : g_bit_storage ((gulong) (span - 1))]++;
    }
  for (k = G_N_ELEMENTS (counts) - 1; k > MIN_LONG_POWER && above + counts[k] <= allowed; k--)
    above += counts[k];
  return MIN ((gint64) 1 << k, LONG_SPAN_SECONDS);
}

/* Short events keep their duration; longer spans (see choose_long_span()) and open-ended ones go to the
 * side list, so the time index can bound how far before a range an overlapping event may start. */
static void
build_time_index (SitmapEventStore *self)
{
  gint64 long_span = choose_long_span (self);

  self->max_short_span = 0;
  g_array_set_size (self->long_events, 0);
  g_array_set_size (self->long_ends, 0);
  for (guint i = 0; i < self->columns.n_events; i++)
    {
      const EventRecord *record = _sitmap_event_store_record (self, i);
      gboolean dated = i < self->columns.n_dated;
      gboolean open = record->start == SITMAP_TIME_OPEN_START || record->end == SITMAP_TIME_OPEN_END;

      if (dated && (open || record->end - record->start > long_span))
        {
          guint32 position = i;

          g_array_append_val (self->long_events, position);
          g_array_append_val (self->long_ends, record->end);
          self->flags[i] |= SITMAP_EVENT_FLAG_LONG;
          self->duration[i] = SITMAP_EVENT_DURATION_LONG;
        }
      else
        {
          self->duration[i] = dated ? (guint32) (record->end - record->start) : 0;
          self->max_short_span = MAX (self->max_short_span, self->duration[i]);
        }
    }
}

static gpointer
new_column (guint n, gsize size)
{
  gpointer column = g_malloc_n (MAX (n, 1), size);

  sitmap_memory_advise_huge (column, n * size);
  return column;
}

/* Stores this large fill their columns in two threads, the second then indexing the ids */
#define PARALLEL_MIN 100000

static gpointer
fill_and_index_cb (gpointer data)
{
  SitmapEventStore *self = data;
  guint n = self->records->len;

  _sitmap_event_store_fill_columns (self, n / 2, n);
  _sitmap_event_store_index_ids (self);
  return NULL;
}

void
sitmap_event_store_finish (SitmapEventStore *self,
                           SitmapIdLookup    lookup_source,
                           SitmapIdLookup    lookup_place,
                           GListModel       *places,
                           gpointer          user_data)
{
  GThread *helper;
  gint64 t0, t1, t2, t3, t4;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->finished);
  g_return_if_fail (lookup_source != NULL && lookup_place != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (places));

  t0 = g_get_monotonic_time ();
  resolve_references (self, lookup_source, lookup_place, places, user_data);
  t1 = g_get_monotonic_time ();
  _sitmap_event_store_sort_records (self);
  t2 = g_get_monotonic_time ();

  n = self->records->len;
  self->start = new_column (n, sizeof (gint64));
  self->duration = new_column (n, sizeof (guint32));
  self->time_precision = new_column (n, sizeof (guint8));
  self->category = new_column (n, sizeof (guint8));
  self->location_precision = new_column (n, sizeof (guint8));
  self->flags = new_column (n, sizeof (guint8));
  self->x = new_column (n, sizeof (double));
  self->y = new_column (n, sizeof (double));
  self->fatalities = new_column (n, sizeof (gint32));
  self->origins = new_column (n, sizeof (guint8));

  /* Every position's columns depend on its record alone: a large store fills them in two threads, the
   * second then indexing the ids (which need only the order) */
  self->columns.n_events = n;
  if (n >= PARALLEL_MIN)
    {
      helper = g_thread_new ("sitmap-finish", fill_and_index_cb, self);
      _sitmap_event_store_fill_columns (self, 0, n / 2);
      g_thread_join (helper);
    }
  else
    {
      _sitmap_event_store_fill_columns (self, 0, n);
      _sitmap_event_store_index_ids (self);
    }
  /* The dated events come first */
  self->columns.n_sorted = self->capacity = n;
  self->deleted = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->columns.n_dated = n;
  while (self->columns.n_dated > 0 && self->time_precision[self->columns.n_dated - 1] == SITMAP_TIME_PRECISION_NONE)
    self->columns.n_dated--;
  t3 = g_get_monotonic_time ();
  build_time_index (self);
  t4 = g_get_monotonic_time ();
  g_debug ("finish of %u events: references %.3f s, sort %.3f s, columns and ids %.3f s, time index %.3f s", n,
           (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);

  _sitmap_event_store_publish_columns (self);
  self->finished = TRUE;
}

/*
 * Reading
 */

const SitmapEventColumns *
sitmap_event_store_get_columns (SitmapEventStore *self)
{
  g_return_val_if_fail (self->finished, NULL);
  return &self->columns;
}

gsize
sitmap_event_store_get_memory_size (SitmapEventStore *self)
{
  gsize per_event = sizeof (gint64) + sizeof (guint32) + 4 * sizeof (guint8) + 2 * sizeof (double) +
                    sizeof (gint32) + sizeof (EventRecord);

  g_return_val_if_fail (self != NULL, 0);

  return per_event * self->records->len + self->citations->len * sizeof (SitmapCitationRecord) +
         self->figures->len * sizeof (SitmapFigure) + self->actors->len * sizeof (gpointer) +
         (self->attribute_values->len + self->schema_names->len) * sizeof (guint32) +
         (self->id_slots ? (gsize) (self->id_mask + 1) * sizeof (guint64) : 0) +
         sitmap_string_table_get_memory_size (self->text);
}

/* The first dated position whose start is >= value. */
static guint
lower_bound (SitmapEventStore *self, gint64 value)
{
  guint lo = 0, hi = self->columns.n_dated;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->start[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
meets_rule (gint64 start, gint64 end, gint64 from, gint64 to, SitmapRangeRule rule)
{
  if (rule == SITMAP_RANGE_WITHIN)
    return start >= from && end <= to;
  return start < to && end > from;
}

/* Appends the long events that meet the rule, merged into out[base..] so that out stays ordered. */
static void
merge_long_events (SitmapEventStore *self, gint64 from, gint64 to, SitmapRangeRule rule, GArray *out, guint base)
{
  g_autoptr (GArray) merged = NULL;
  const guint32 *shorts = &g_array_index (out, guint32, base);
  guint n_shorts = out->len - base, s = 0;

  merged = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_shorts + self->long_events->len);
  for (guint l = 0; l < self->long_events->len; l++)
    {
      guint32 p = g_array_index (self->long_events, guint32, l);

      if ((self->flags[p] & SITMAP_EVENT_FLAG_DELETED) ||
          !meets_rule (self->start[p], g_array_index (self->long_ends, gint64, l), from, to, rule))
        continue;
      while (s < n_shorts && shorts[s] < p)
        g_array_append_val (merged, shorts[s++]);
      g_array_append_val (merged, p);
    }
  if (merged->len == 0)
    return;
  g_array_append_vals (merged, shorts + s, n_shorts - s);
  g_array_set_size (out, base);
  g_array_append_vals (out, merged->data, merged->len);
}

void
sitmap_event_store_query_time (SitmapEventStore *self,
                               gint64            from,
                               gint64            to,
                               SitmapRangeRule   rule,
                               GArray           *out)
{
  guint base = out->len, n;
  gint64 earliest;
  guint lo, hi;
  guint32 *dst;

  g_return_if_fail (self->finished);
  if (from >= to)
    return;

  /* An overlapping short event starts at most max_short_span before the range. */
  if (rule == SITMAP_RANGE_WITHIN)
    earliest = from;
  else
    earliest = from < G_MININT64 + self->max_short_span ? G_MININT64 : from - self->max_short_span;
  lo = lower_bound (self, earliest);
  hi = lower_bound (self, to);

  /* Room for every candidate, written in place: no call per event. */
  g_array_set_size (out, base + (hi - lo));
  dst = (guint32 *) (gpointer) out->data;
  n = base;
  for (guint i = lo; i < hi; i++)
    if (self->duration[i] != SITMAP_EVENT_DURATION_LONG && !(self->flags[i] & SITMAP_EVENT_FLAG_DELETED) &&
        meets_rule (self->start[i], self->start[i] + self->duration[i], from, to, rule))
      dst[n++] = i;
  g_array_set_size (out, n);
  merge_long_events (self, from, to, rule, out, base);
}

gboolean
sitmap_event_store_get_placed_extent (SitmapEventStore *self, const guint32 *positions, guint n, double *x0,
                                      double *y0, double *x1, double *y1)
{
  const SitmapEventColumns *columns = &self->columns;

  g_return_val_if_fail (self != NULL, FALSE);

  *x0 = *y0 = INFINITY;
  *x1 = *y1 = -INFINITY;
  if (positions == NULL)
    n = columns->n_events;
  for (guint i = 0; i < n; i++)
    {
      guint32 p = positions != NULL ? positions[i] : i;

      if ((columns->flags[p] & (SITMAP_EVENT_FLAG_PLACED | SITMAP_EVENT_FLAG_DELETED)) != SITMAP_EVENT_FLAG_PLACED)
        continue;
      *x0 = MIN (*x0, columns->x[p]);
      *x1 = MAX (*x1, columns->x[p]);
      *y0 = MIN (*y0, columns->y[p]);
      *y1 = MAX (*y1, columns->y[p]);
    }
  return *x0 <= *x1;
}

gboolean
sitmap_event_store_get_time_extent (SitmapEventStore *self, gint64 *start, gint64 *end)
{
  gint64 s = G_MAXINT64, e = G_MININT64;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->columns.n_events; i++)
    {
      gint64 event_end;

      /* The dated events in time order, then those edits added */
      if (i == self->columns.n_dated)
        i = self->columns.n_sorted;
      if (i >= self->columns.n_events)
        break;
      if (self->time_precision[i] == SITMAP_TIME_PRECISION_NONE || (self->flags[i] & SITMAP_EVENT_FLAG_DELETED))
        continue;
      event_end = sitmap_event_columns_get_end (&self->columns, i);

      /* Open bounds say nothing of where the data lies; the other bound of the span does. */
      if (self->start[i] != SITMAP_TIME_OPEN_START)
        {
          s = MIN (s, self->start[i]);
          e = MAX (e, self->start[i]);
        }
      if (event_end != SITMAP_TIME_OPEN_END)
        {
          s = MIN (s, event_end - 1);
          e = MAX (e, event_end);
        }
    }
  if (s > e)
    return FALSE;
  /* One moment, or spans that all end or all begin at one: an extent of at least a second */
  e = MAX (e, s + 1);
  *start = s;
  *end = e;
  return TRUE;
}

gint64
sitmap_event_columns_get_long_end (const SitmapEventColumns *columns, guint position)
{
  gint i = sitmap_positions_index_of (columns->long_positions, columns->n_long, position);

  g_return_val_if_fail (i >= 0, SITMAP_TIME_OPEN_END);
  return columns->long_ends[i];
}

gint
sitmap_event_store_find (SitmapEventStore *self, const char *id)
{
  g_return_val_if_fail (self->finished, -1);
  if (id == NULL)
    return -1;
  return _sitmap_event_store_find_id (self, id);
}

static const EventRecord *
record_at (SitmapEventStore *self, guint position)
{
  /* Every caller reads the record: a position out of range is a bug to stop at, not a NULL to crash on. */
  g_assert (position < self->records->len);
  return _sitmap_event_store_record (self, position);
}

const char *
sitmap_event_store_get_id (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, NULL);
  return record_at (self, position)->id;
}

const char *
sitmap_event_store_get_title (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, NULL);
  return record_at (self, position)->title;
}

const char *
sitmap_event_store_get_summary (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, NULL);
  return record_at (self, position)->summary;
}

const char *
sitmap_event_store_get_place_text (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, NULL);
  return record_at (self, position)->place_text;
}

void
sitmap_event_store_get_time (SitmapEventStore *self, guint position, SitmapTime *time)
{
  const EventRecord *record = record_at (self, position);

  time->start = record->start;
  time->end = record->end;
  time->precision = record->time_precision;
  time->start_unit = record->start_unit;
  time->end_unit = record->end_unit;
}

gboolean
sitmap_event_store_get_location (SitmapEventStore *self, guint position, double *latitude, double *longitude)
{
  const EventRecord *record = record_at (self, position);

  *latitude = record->latitude;
  *longitude = record->longitude;
  return sitmap_coordinates_valid (record->latitude, record->longitude);
}

SitmapGeometry *
sitmap_event_store_get_geometry (SitmapEventStore *self, guint position)
{
  const EventRecord *record = record_at (self, position);

  return record->geometry ? g_ptr_array_index (self->geometries, record->geometry - 1) : NULL;
}

guint
sitmap_event_store_get_radius (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, 0);
  return record_at (self, position)->radius_m;
}

guint
sitmap_event_store_get_place (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, 0);
  return record_at (self, position)->place;
}

gboolean
sitmap_event_store_is_located_by_place (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (record_at (self, position)->origin & RECORD_LOCATED_BY_PLACE) != 0;
}

gboolean
sitmap_event_store_has_stated_precision (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return (record_at (self, position)->origin & RECORD_PRECISION_STATED) != 0;
}

const char *const *
sitmap_event_store_get_actors (SitmapEventStore *self, guint position, guint *n_actors)
{
  const EventRecord *record = record_at (self, position);

  /* NULL rather than a pointer computed into an empty array */
  *n_actors = record->n_actors;
  return record->n_actors > 0 ? (const char *const *) &self->actors->pdata[record->first_actor] : NULL;
}

static const Schema *
schema_of (SitmapEventStore *self, const EventRecord *record)
{
  return record->schema ? &g_array_index (self->schemas, Schema, record->schema - 1) : NULL;
}

guint
sitmap_event_store_get_n_attributes (SitmapEventStore *self, guint position)
{
  const Schema *schema = schema_of (self, record_at (self, position));

  return schema ? schema->n : 0;
}

const char *
sitmap_event_store_get_attribute (SitmapEventStore *self, guint position, guint i, const char **value)
{
  const EventRecord *record = record_at (self, position);
  const Schema *schema = schema_of (self, record);

  g_return_val_if_fail (schema != NULL && i < schema->n, NULL);
  if (value != NULL)
    *value = sitmap_string_table_get (self->text, g_array_index (self->attribute_values, guint32, record->first_value + i));
  return sitmap_string_table_get (self->text, g_array_index (self->schema_names, guint32, schema->first + i));
}

const char *
sitmap_event_store_lookup_attribute (SitmapEventStore *self, guint position, const char *name)
{
  const EventRecord *record = record_at (self, position);
  const Schema *schema = schema_of (self, record);

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; schema != NULL && i < schema->n; i++)
    if (strcmp (sitmap_string_table_get (self->text, g_array_index (self->schema_names, guint32, schema->first + i)),
                name) == 0)
      return sitmap_string_table_get (self->text,
                                      g_array_index (self->attribute_values, guint32, record->first_value + i));
  return NULL;
}

guint
sitmap_event_store_add_group (SitmapEventStore *self, guint parent, const char *name)
{
  Group group;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (!self->finished, 0);
  g_return_val_if_fail (parent <= self->groups->len, 0);
  g_return_val_if_fail (self->groups->len < G_MAXUINT32 - 1, 0);

  group.name = sitmap_string_table_get (self->text, sitmap_string_table_intern (self->text, name ? name : "",
                                                                                 name ? strlen (name) : 0));
  group.parent = parent;
  g_array_append_val (self->groups, group);
  return self->groups->len;
}

guint
sitmap_event_store_get_n_groups (SitmapEventStore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->groups->len;
}

const char *
sitmap_event_store_get_group_name (SitmapEventStore *self, guint group, guint *parent)
{
  const Group *g;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (group >= 1 && group <= self->groups->len, NULL);

  g = &g_array_index (self->groups, Group, group - 1);
  if (parent != NULL)
    *parent = g->parent;
  return g->name;
}

guint
sitmap_event_store_get_group (SitmapEventStore *self, guint position)
{
  g_return_val_if_fail (self != NULL, 0);
  return record_at (self, position)->group;
}

const SitmapFigure *
sitmap_event_store_get_figures (SitmapEventStore *self, guint position, guint *n_figures)
{
  const EventRecord *record = record_at (self, position);

  *n_figures = record->n_figures;
  return record->n_figures > 0 ? &g_array_index (self->figures, SitmapFigure, record->first_figure) : NULL;
}

const SitmapCitationRecord *
sitmap_event_store_get_citations (SitmapEventStore *self, guint position, guint *n_citations)
{
  const EventRecord *record = record_at (self, position);

  const SitmapCitationRecord *copy;

  *n_citations = record->n_citations;
  if (record->n_citations == 0)
    return NULL;
  /* Read once: another thread may be making the copy (see sitmap_event_store_set_credibility()). */
  copy = self->finished ? g_atomic_pointer_get (&((EventRecord *) record)->own_citations) : NULL;
  return copy ? copy : &g_array_index (self->citations, SitmapCitationRecord, record->first_citation);
}

/* An event only parties to the conflict report (every citation's source is a party) is drawn weaker. */
void
sitmap_event_store_flag_party_only (SitmapEventStore *self, guint from, guint to, GPtrArray *sources)
{
  g_return_if_fail (self->finished && to <= self->columns.n_events);

  for (guint i = from; i < to; i++)
    {
      guint n_citations;
      const SitmapCitationRecord *citations = sitmap_event_store_get_citations (self, i, &n_citations);
      gboolean party_only = n_citations > 0;

      for (guint c = 0; c < n_citations && party_only; c++)
        party_only = sitmap_source_get_party (g_ptr_array_index (sources, citations[c].source));
      sitmap_event_store_set_party_only (self, i, party_only);
    }
}

void
sitmap_event_store_set_party_only (SitmapEventStore *self, guint position, gboolean party_only)
{
  g_return_if_fail (position < self->columns.n_events);
  if (party_only)
    self->flags[position] |= SITMAP_EVENT_FLAG_PARTY_ONLY;
  else
    self->flags[position] &= ~SITMAP_EVENT_FLAG_PARTY_ONLY;
}

void
sitmap_event_store_set_credibility (SitmapEventStore *self, guint position, guint i, SitmapCredibility credibility)
{
  EventRecord *record = (EventRecord *) record_at (self, position);
  SitmapCitationRecord *citations = record->own_citations;

  g_return_if_fail (self->finished);
  g_return_if_fail (i < record->n_citations);
  g_return_if_fail (credibility <= SITMAP_CREDIBILITY_6);
  if (!(self->flags[position] & SITMAP_EVENT_FLAG_TOUCHED))
    {
      guint32 p = position;

      self->flags[position] |= SITMAP_EVENT_FLAG_TOUCHED;
      g_array_append_val (self->touched, p);
    }
  /* Citations other events share (a table's rows with the same sources) are copied for the change, whole
   * before the record points at them, so that a reader in another thread sees either version. */
  if (citations == NULL && (record->origin & RECORD_SHARED_CITATIONS))
    {
      citations = g_memdup2 (&g_array_index (self->citations, SitmapCitationRecord, record->first_citation),
                             record->n_citations * sizeof (SitmapCitationRecord));
      g_ptr_array_add (self->citation_copies, citations);
      g_atomic_pointer_set (&record->own_citations, citations);
    }
  if (citations != NULL)
    citations[i].credibility = credibility;
  else
    g_array_index (self->citations, SitmapCitationRecord, record->first_citation + i).credibility = credibility;
}

/*
 * Credibility
 */

static const struct
{
  const char *id;
  const char *label;
} credibilities[] = {
  [SITMAP_CREDIBILITY_UNRATED] = { "", N_("Credibility not rated") },
  [SITMAP_CREDIBILITY_1] = { "1", N_("1: confirmed by other sources") },
  [SITMAP_CREDIBILITY_2] = { "2", N_("2: probably true") },
  [SITMAP_CREDIBILITY_3] = { "3", N_("3: possibly true") },
  [SITMAP_CREDIBILITY_4] = { "4", N_("4: doubtful") },
  [SITMAP_CREDIBILITY_5] = { "5", N_("5: improbable") },
  [SITMAP_CREDIBILITY_6] = { "6", N_("6: truth cannot be judged") },
};

const char *
sitmap_credibility_to_id (SitmapCredibility credibility)
{
  g_return_val_if_fail (credibility < G_N_ELEMENTS (credibilities), "");
  return credibilities[credibility].id;
}

gboolean
sitmap_credibility_from_id (const char *id, SitmapCredibility *credibility)
{
  for (guint i = 1; i < G_N_ELEMENTS (credibilities); i++)
    if (g_strcmp0 (id, credibilities[i].id) == 0)
      {
        *credibility = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sitmap_credibility_get_label (SitmapCredibility credibility)
{
  g_return_val_if_fail (credibility < G_N_ELEMENTS (credibilities), _(credibilities[0].label));
  return _(credibilities[credibility].label);
}
