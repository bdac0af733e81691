/* sitmap-event-store-private.h: what the event store's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sitmap-event-store.h"
#include "sitmap-string-table.h"

G_BEGIN_DECLS

/* What of an event's record the file said, and what was derived: a file saved must not assert more than
 * it was told. */
typedef enum
{
  RECORD_LOCATED_BY_PLACE = 1 << 0,  /* point and shape are its place's */
  RECORD_PRECISION_STATED = 1 << 1,  /* location_precision came with the event */
  RECORD_SHARED_CITATIONS = 1 << 2,  /* other events point at the same citations: copied before a change */
} RecordOrigin;

typedef struct
{
  gint64      start;
  gint64      end;
  const char *id;
  const char *title;
  const char *summary;
  const char *place_text;
  union
  {
    const char           *place_id;      /* until finish */
    SitmapCitationRecord *own_citations; /* after: a copy of shared citations made for a change, or NULL */
  };
  double      latitude;
  double      longitude;
  guint32     geometry; /* index + 1 into geometries */
  guint32     place;    /* index + 1 into the document's places */
  guint32     radius_m;
  guint32     first_citation;
  guint32     first_actor;
  guint32     first_figure;
  guint32     first_value;  /* into attribute_values: one string id per name of the schema */
  guint32     schema;       /* index + 1 into schemas, 0: no attributes */
  guint32     group;        /* index + 1 into groups, 0: none */
  guint16     n_citations;
  guint16     n_actors;
  guint16     n_figures;
  guint8      time_precision;
  guint8      start_unit;
  guint8      end_unit;
  guint8      category;
  guint8      location_precision;
  guint8      origin; /* RecordOrigin */
  guint32     order;  /* insertion order, to keep the sort stable */
} EventRecord;

/* A folder of the file the events came in: its name and the folder it is in. */
typedef struct
{
  const char *name;
  guint32     parent; /* index + 1, 0: at the top */
} Group;

/* How a citation names its sources until the document resolves them to indices. */
typedef struct
{
  const char *source_id;
  const char *via_id;
} CitationIds;

/* The attribute names an event has, in order: n string ids in schema_names from first. Events from one
 * table share one. */
typedef struct
{
  guint32 first;
  guint32 n;
} Schema;

struct _SitmapEventStore
{
  SitmapEventColumns columns;
  gboolean           finished;

  GArray            *records;      /* EventRecord, in position order once finished */
  GArray            *citations;    /* SitmapCitationRecord */
  GArray            *citation_ids; /* CitationIds, parallel to citations until finish */
  GPtrArray         *citation_copies; /* SitmapCitationRecord blocks: shared ones copied for a change */
  GArray            *figures;      /* SitmapFigure */
  GPtrArray         *actors;       /* const char *, interned in text */
  GArray            *attribute_values; /* guint32 string ids */
  GArray            *schemas;      /* Schema */
  GArray            *schema_names; /* guint32 string ids */
  GHashTable        *schema_index; /* packed name ids → schema, for drafts */
  GArray            *groups;       /* Group */
  GPtrArray         *geometries;
  SitmapStringTable *text;

  gint64   *start;
  guint32  *duration;
  guint8   *time_precision;
  guint8   *category;
  guint8   *location_precision;
  guint8   *flags;
  double   *x;
  double   *y;
  gint32   *fatalities;
  guint8   *origins;

  GArray     *long_events; /* guint32 positions, ascending */
  GArray     *long_ends;   /* gint64, parallel to long_events */
  gint64      max_short_span;
  guint32    *id_slots;    /* position + 1 by hash of the id, open addressing, built by finish */
  guint32     id_mask;
  guint32    *record_of;   /* the record of each position, once sorted; NULL when the records were in order */
  /* Edits (sitmap-event-store-edit.c): positions from columns.n_sorted on came after finish, in any time
   * order; they are in the time index's side list. Columns have room for capacity events. */
  guint       capacity;
  guint       n_id_slots_used;
  GArray     *deleted;     /* guint32 positions with SITMAP_EVENT_FLAG_DELETED, in the order deleted */
  GArray     *touched;     /* guint32 positions whose citations' credibility changed, each once */
};

/* How an event added after finish names its sources and place: as finish resolves them. */
typedef struct
{
  SitmapIdLookup lookup_source;
  SitmapIdLookup lookup_place;
  GListModel    *places;
  gpointer       user_data;
} SitmapEventResolver;

/* The record of the event at position: records stay where they were added, and the sort orders positions. */
static inline EventRecord *
_sitmap_event_store_record (SitmapEventStore *self, guint position)
{
  return &g_array_index (self->records, EventRecord, self->record_of ? self->record_of[position] : position);
}

/* The n-th record in the order they were added: read in this order, records and their text come from
 * memory one after the other, where in position order each is a wait. */
static inline const EventRecord *
_sitmap_event_store_nth_record (SitmapEventStore *self, guint n)
{
  return &g_array_index (self->records, EventRecord, n);
}

/* The record of draft, its text, citations, actors, figures and attributes added to the store; resolve: NULL
 * before finish. */
void _sitmap_event_store_fill_record (SitmapEventStore *self, const SitmapEventDraft *draft, EventRecord *record,
                                      const SitmapEventResolver *resolve);
void _sitmap_event_store_inherit_place (SitmapEventStore *self, EventRecord *record, GListModel *places);
/* Points the public columns at the store's arrays (after finish, and after an edit moved them) */
void _sitmap_event_store_publish_columns (SitmapEventStore *self);
/* The hot columns of positions [from, to) from their records */
void _sitmap_event_store_fill_columns (SitmapEventStore *self, guint from, guint to);
guint32 _sitmap_event_store_find_schema (SitmapEventStore *self, const guint32 *names, guint n);

/* sitmap-event-store-sort.c */
void _sitmap_event_store_sort_records (SitmapEventStore *self);
void _sitmap_event_store_index_ids (SitmapEventStore *self);
gint _sitmap_event_store_find_id (SitmapEventStore *self, const char *id);
/* Makes position the one its id finds (an edit's new position, or the old one back on undo). */
void _sitmap_event_store_set_id_position (SitmapEventStore *self, guint position);

G_END_DECLS
