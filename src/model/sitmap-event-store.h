/* sitmap-event-store.h: every event of a document, in compact columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sitmap-category.h"
#include "sitmap-figure.h"
#include "sitmap-geometry.h"
#include "sitmap-place.h"
#include "sitmap-time.h"

G_BEGIN_DECLS

/* Credibility of one piece of information on the NATO/Admiralty scale, a property of a citation. */
typedef enum
{
  SITMAP_CREDIBILITY_UNRATED,
  SITMAP_CREDIBILITY_1, /* confirmed by other sources */
  SITMAP_CREDIBILITY_2, /* probably true */
  SITMAP_CREDIBILITY_3, /* possibly true */
  SITMAP_CREDIBILITY_4, /* doubtful */
  SITMAP_CREDIBILITY_5, /* improbable */
  SITMAP_CREDIBILITY_6, /* truth cannot be judged */
} SitmapCredibility;

typedef enum
{
  SITMAP_EVENT_FLAG_PLACED = 1 << 0,     /* has an anchor point on the map */
  SITMAP_EVENT_FLAG_AREA = 1 << 1,       /* located by a polygon */
  SITMAP_EVENT_FLAG_LINE = 1 << 2,       /* located along a line */
  SITMAP_EVENT_FLAG_PARTY_ONLY = 1 << 3, /* every citation comes from a party to the conflict */
  SITMAP_EVENT_FLAG_LONG = 1 << 4,       /* among the longest spans, or open-ended: in the time index's side list */
  SITMAP_EVENT_FLAG_DELETED = 1 << 5,    /* deleted or replaced by an edit: no view shows it, no query finds it */
  SITMAP_EVENT_FLAG_TOUCHED = 1 << 6,    /* a citation's credibility was changed in place since it was read */
} SitmapEventFlags;

/* What a reader knows of one citation while it reads; its strings are owned, and taken by
 * sitmap_event_draft_take_citation(). */
typedef struct
{
  char             *source_id;
  char             *via_id;
  char             *url;
  char             *paraphrase;
  SitmapTime        published;
  SitmapTime        accessed;
  SitmapCredibility credibility;
} SitmapCitationDraft;

/* What a reader knows of one event while it reads. Fields it owns are freed by _clear(). */
typedef struct
{
  char                   *id;
  char                   *title;
  char                   *summary;
  char                   *place_id;   /* a place of the gazetteer, resolved when the document is built */
  char                   *place_text; /* the place as the report words it: "desert near As-Sukhnah" */
  SitmapTime              time;
  SitmapCategory          category;
  SitmapLocationPrecision location_precision;
  double                  latitude;  /* NAN when the event has no point of its own */
  double                  longitude;
  SitmapGeometry         *geometry;  /* a line or polygon, or NULL */
  guint                   radius_m;  /* how far from the point it may have been; 0 when not said */
  GPtrArray              *actors;    /* char * */
  GArray                 *figures;   /* SitmapFigure, text owned */
  GArray                 *citations; /* SitmapCitationDraft, owned */
  /* What else the file says of the event that Sitmap has no field for (a KML Data element, an ACLED
   * admin area, a GeoJSON property): name, value, name, value…, kept as written and written back. */
  GPtrArray              *attributes;
  guint                   group;     /* the folder it came in (sitmap_event_store_add_group), 0: none */
} SitmapEventDraft;

void sitmap_event_draft_init (SitmapEventDraft *draft);
void sitmap_event_draft_clear (SitmapEventDraft *draft);
void sitmap_event_draft_add_actor (SitmapEventDraft *draft, const char *actor);
void sitmap_event_draft_add_figure (SitmapEventDraft *draft, const SitmapFigure *figure);
void sitmap_event_draft_add_attribute (SitmapEventDraft *draft, const char *name, const char *value);
/* Takes the strings of citation. */
void sitmap_event_draft_take_citation (SitmapEventDraft *draft, SitmapCitationDraft *citation);
void sitmap_citation_draft_clear (SitmapCitationDraft *citation);

/* A duration that does not fit, or an open end: the end is in the store's side list of long spans. */
#define SITMAP_EVENT_DURATION_LONG G_MAXUINT32

/* The hot columns, indexed by position: events in time order (by start, then end), the undated last.
 * Read-only for everyone but the store. x, y are normalised Web Mercator, NAN when unplaced.
 *
 * Time is kept in 12 bytes an event: the start, and the duration in seconds. The few longest spans
 * (all over two years, and the longest others, about one event in a thousand), and the open-ended ones, have
 * SITMAP_EVENT_DURATION_LONG and their end in long_ends (at the
 * same index as their position in long_positions, ascending). Read ends with
 * sitmap_event_columns_get_end(). */
typedef struct
{
  guint         n_events;
  guint         n_dated;  /* [0, n_dated): dated, in time order; [n_dated, n_sorted): undated */
  guint         n_sorted; /* [n_sorted, n_events): added by edits, dated or not, in any order (dated ones are in
                           * the side list of long events); positions never move, see sitmap-event-command.h */
  const gint64 *start;
  const guint32 *duration;
  const guint8 *time_precision;     /* SitmapTimePrecision */
  const guint8 *category;           /* SitmapCategory */
  const guint8 *location_precision; /* SitmapLocationPrecision */
  const guint8 *flags;              /* SitmapEventFlags */
  const double *x;
  const double *y;
  const gint32 *fatalities;         /* lower bound of the killed figure, -1 when not given */
  const guint8 *origins;            /* independent origins that report it (at most 255) */
  guint          n_long;
  const guint32 *long_positions;
  const gint64  *long_ends;
} SitmapEventColumns;

gint64 sitmap_event_columns_get_long_end (const SitmapEventColumns *columns, guint position);

/* The exclusive end of the event at position: SITMAP_TIME_OPEN_END for an open span or an undated event. */
static inline gint64
sitmap_event_columns_get_end (const SitmapEventColumns *columns, guint position)
{
  guint32 duration = columns->duration[position];

  if (G_LIKELY (duration != SITMAP_EVENT_DURATION_LONG))
    return columns->start[position] + duration;
  return sitmap_event_columns_get_long_end (columns, position);
}

/* Whether the event at position has a date: the first n_dated do, then those edits added may. */
static inline gboolean
sitmap_event_columns_is_dated (const SitmapEventColumns *columns, guint position)
{
  return position < columns->n_dated ||
         (position >= columns->n_sorted && position < columns->n_events &&
          columns->time_precision[position] != 0 /* SITMAP_TIME_PRECISION_NONE */);
}

typedef enum
{
  SITMAP_RANGE_OVERLAPPING, /* any part of the event's time falls in the range */
  SITMAP_RANGE_WITHIN,      /* all of the event's time falls in the range */
} SitmapRangeRule;

typedef struct _SitmapEventStore SitmapEventStore;

SitmapEventStore         *sitmap_event_store_new (void);
void                      sitmap_event_store_free (SitmapEventStore *self);
/* Keeps at most 65,535 actors, figures and citations of an event (readers refuse more than 1,000). */
void                      sitmap_event_store_add (SitmapEventStore *self, const SitmapEventDraft *draft);
/*
 * Filling a store in bulk, for readers of large files: a draft per event costs an allocation per string,
 * which a million rows cannot afford. A reader gives each of its threads a store of its own, copies text
 * into it once (sitmap_event_store_add_text(); repeated text interned, as a numbered string), makes the runs
 * of actors, figures and citations that events share once, adds rows made of them, and finally appends
 * the threads' stores in the order of the file (sitmap_event_store_append(), or the document builder's
 * sitmap_document_builder_add_events()). Events added so read back exactly as if added from drafts.
 */

/* A run of actors, figures or citations, which any number of events may share. */
typedef struct
{
  guint32 first;
  guint32 n;
} SitmapEventRun;

typedef struct
{
  const char             *id;         /* every string is the store's own: from _add_text() or _get_string() */
  const char             *title;      /* NULL: none (as is "") */
  const char             *summary;
  const char             *place_text;
  SitmapTime              time;
  SitmapCategory          category;
  SitmapLocationPrecision location_precision;
  double                  latitude;   /* NAN when the event has no point */
  double                  longitude;
  guint                   radius_m;
  SitmapEventRun          actors;
  SitmapEventRun          figures;
  SitmapEventRun          citations;
  guint32                 schema;     /* from _add_schema(), 0: no attributes */
  const guint32          *values;     /* string ids, one per name of the schema */
} SitmapBulkEvent;

/* About this many events, attribute values and bytes of text will be added: the store takes its memory at
 * once, in blocks the system may back with huge pages. A hint; more may be added. */
void           sitmap_event_store_reserve (SitmapEventStore *self, guint n_events, gsize n_values, gsize text_bytes);
/* A copy of length bytes of valid UTF-8 (with no NUL), kept with the store */
const char    *sitmap_event_store_add_text (SitmapEventStore *self, const char *text, gsize length);
/* The number (from 1) of the store's string equal to text, added if new */
guint32        sitmap_event_store_intern (SitmapEventStore *self, const char *text, gsize length);
const char    *sitmap_event_store_get_string (SitmapEventStore *self, guint32 id);
/* Runs: actors and citations are given as interned strings (actor names, source ids); a citation of a run names
 * only its source. Figures' text must be the store's. At most 65,535 in a run. */
SitmapEventRun sitmap_event_store_add_actors (SitmapEventStore *self, const guint32 *actors, guint n);
SitmapEventRun sitmap_event_store_add_figures (SitmapEventStore *self, const SitmapFigure *figures, guint n);
SitmapEventRun sitmap_event_store_add_citations (SitmapEventStore *self, const guint32 *source_ids, guint n);
/* The attribute names (interned strings) of events, in order; 0 for none */
guint32        sitmap_event_store_add_schema (SitmapEventStore *self, const guint32 *names, guint n);
void           sitmap_event_store_add_bulk (SitmapEventStore *self, const SitmapBulkEvent *row);
/* Moves every event and string of other after self's, and frees other. Neither may have groups or be finished. */
void           sitmap_event_store_append (SitmapEventStore *self, SitmapEventStore *other);
guint          sitmap_event_store_get_n_added (SitmapEventStore *self);

/* Sorts and indexes. Citations name sources by id, events name places by id: the lookups map an id
 * to index + 1 (0: unknown). lookup_source must always find one (the document adds a source it has
 * not seen). An event with no point of its own takes its place's point and shape from places. */
typedef guint (*SitmapIdLookup) (const char *id, gpointer user_data);
void sitmap_event_store_finish (SitmapEventStore *self,
                                SitmapIdLookup    lookup_source,
                                SitmapIdLookup    lookup_place,
                                GListModel       *places,
                                gpointer          user_data);

const SitmapEventColumns *sitmap_event_store_get_columns (SitmapEventStore *self);
gsize                     sitmap_event_store_get_memory_size (SitmapEventStore *self);

/* Positions of the events that meet rule against [from, to), in position order, appended to out
 * (guint32). Cost: a binary search plus the events returned plus the long events. */
void sitmap_event_store_query_time (SitmapEventStore *self,
                                    gint64            from,
                                    gint64            to,
                                    SitmapRangeRule   rule,
                                    GArray           *out);
gboolean sitmap_event_store_get_time_extent (SitmapEventStore *self, gint64 *start, gint64 *end);
/* The bounding box, in normalised Web Mercator, of the placed events among positions (n of them; all
 * the events when positions is NULL); FALSE when none is placed. */
gboolean sitmap_event_store_get_placed_extent (SitmapEventStore *self, const guint32 *positions, guint n,
                                               double *x0, double *y0, double *x1, double *y1);
/* The position of the event with this id, or -1. */
gint sitmap_event_store_find (SitmapEventStore *self, const char *id);

/* Cold data of one event */
const char     *sitmap_event_store_get_id (SitmapEventStore *self, guint position);
const char     *sitmap_event_store_get_title (SitmapEventStore *self, guint position);
/* Every position, in the order their records lie in memory (the order they were added): what reads every
 * event's text reads it one record after the other rather than at random, several times faster at a
 * million. A new array of n_events. */
guint32        *sitmap_event_store_dup_positions_by_record (SitmapEventStore *self);
const char     *sitmap_event_store_get_summary (SitmapEventStore *self, guint position);
const char     *sitmap_event_store_get_place_text (SitmapEventStore *self, guint position);
void            sitmap_event_store_get_time (SitmapEventStore *self, guint position, SitmapTime *time);
gboolean        sitmap_event_store_get_location (SitmapEventStore *self, guint position,
                                                 double *latitude, double *longitude);
SitmapGeometry *sitmap_event_store_get_geometry (SitmapEventStore *self, guint position);
guint           sitmap_event_store_get_radius (SitmapEventStore *self, guint position);
/* index + 1 into the document's places, 0 when none */
guint           sitmap_event_store_get_place (SitmapEventStore *self, guint position);
/* Whether the event's point and shape are those of its place, as it had none of its own: a file saved then
 * says so, and the event follows its place. */
gboolean        sitmap_event_store_is_located_by_place (SitmapEventStore *self, guint position);
/* Whether the location precision was given with the event; otherwise it was derived (from the place's kind,
 * or exact for a point), and is derived again when the file is read back. */
gboolean        sitmap_event_store_has_stated_precision (SitmapEventStore *self, guint position);
/* The location precision given with the event, or SITMAP_LOCATION_PRECISION_NONE where it was derived: what
 * a draft of the event says, so that it is derived again when the draft is read back. */
SitmapLocationPrecision sitmap_event_store_get_stated_precision (SitmapEventStore *self, guint position);
const char    *const *sitmap_event_store_get_actors (SitmapEventStore *self, guint position, guint *n_actors);
/* What else the file says of the event (sitmap_event_draft_add_attribute()), in the order it said it: the name
 * of attribute i (< sitmap_event_store_get_n_attributes()) and its value in *value. Kept in a compact form (a
 * million rows of a 30-column table would otherwise take more memory than the file), hence one at a time. */
guint                 sitmap_event_store_get_n_attributes (SitmapEventStore *self, guint position);
const char           *sitmap_event_store_get_attribute (SitmapEventStore *self, guint position, guint i,
                                                        const char **value);
/* The value of the event's attribute of this name, or NULL */
const char           *sitmap_event_store_lookup_attribute (SitmapEventStore *self, guint position, const char *name);
/* The folder of the file the event came in, 0 when none. */
guint                 sitmap_event_store_get_group (SitmapEventStore *self, guint position);

/* Folders of the file, which events name by their number (from 1); parent 0 is the top. Added before
 * finish, by the builder. */
guint       sitmap_event_store_add_group (SitmapEventStore *self, guint parent, const char *name);
guint       sitmap_event_store_get_n_groups (SitmapEventStore *self);
const char *sitmap_event_store_get_group_name (SitmapEventStore *self, guint group, guint *parent);
const SitmapFigure    *sitmap_event_store_get_figures (SitmapEventStore *self, guint position, guint *n_figures);

typedef struct
{
  guint             source; /* index into the document's sources */
  guint             via;    /* index + 1 of the source it was read through, 0 when direct */
  const char       *url;
  const char       *paraphrase;
  SitmapTime        published;
  SitmapTime        accessed;
  SitmapCredibility credibility;
} SitmapCitationRecord;

const SitmapCitationRecord *sitmap_event_store_get_citations (SitmapEventStore *self, guint position,
                                                              guint *n_citations);
void sitmap_event_store_set_party_only (SitmapEventStore *self, guint position, gboolean party_only);
/* Sets the party-only flag of events [from, to) from their citations: sources are the document's SitmapSource,
 * by index. */
void sitmap_event_store_flag_party_only (SitmapEventStore *self, guint from, guint to, GPtrArray *sources);
/* For SitmapCredibilityCommand: the credibility of citation i of the event at position. */
void sitmap_event_store_set_credibility (SitmapEventStore *self, guint position, guint i,
                                         SitmapCredibility credibility);

/*
 * Edits, after finish (sitmap-event-store-edit.c; SitmapEventCommand is the only caller). No position ever moves.
 */
/* Adds the event of draft at the next position, which it returns; its sources and place are looked up at once,
 * as finish does. The document then flags it party-only if it is. */
guint          sitmap_event_store_append_event (SitmapEventStore *self, const SitmapEventDraft *draft,
                                                SitmapIdLookup lookup_source, SitmapIdLookup lookup_place,
                                                GListModel *places, gpointer user_data);
/* Takes every event from position n on away, deleted ones too (undo of an edit whose steps were merged). */
void           sitmap_event_store_truncate (SitmapEventStore *self, guint n);
/* A deleted event keeps its position with SITMAP_EVENT_FLAG_DELETED: no query or lookup by id finds it. */
void           sitmap_event_store_set_deleted (SitmapEventStore *self, guint position, gboolean deleted);
gboolean       sitmap_event_store_is_deleted (SitmapEventStore *self, guint position);
const guint32 *sitmap_event_store_get_deleted (SitmapEventStore *self, guint *n_deleted);
/* The positions of the events not deleted, for writers given none; NULL when none is deleted (all are). */
GArray        *sitmap_event_store_dup_live_positions (SitmapEventStore *self);
/* The positions whose citations' credibility was changed in place (each once, even if changed back) */
const guint32 *sitmap_event_store_get_touched (SitmapEventStore *self, guint *n_touched);
/* The events not deleted: what the user counts */
guint          sitmap_event_store_get_n_live (SitmapEventStore *self);

const char *sitmap_credibility_to_id (SitmapCredibility credibility);
gboolean    sitmap_credibility_from_id (const char *id, SitmapCredibility *credibility);
const char *sitmap_credibility_get_label (SitmapCredibility credibility);

G_END_DECLS
