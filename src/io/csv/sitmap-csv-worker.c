/* sitmap-csv-worker.c: one thread's share of a table: its rows made events, in a store of its own
 *
 * Each row is scanned, its spans (adjacent columns of one kind) looked up by their raw bytes, and what a
 * span's value gives (strings, actors, sources, category, attributes) taken from the value's entry, worked
 * out when it was first met; the rest of the row (its id, dates, coordinates, notes) is read cell by cell.
 * Repeated values cost a lookup, not a malloc: text is copied once into the store, interned when it repeats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "sitmap-csv-worker.h"
#include "sitmap-load-bytes.h"
#include "sitmap-string-table.h"

/* Rows between two looks at the cancellable and reports of progress */
#define CHECK_INTERVAL 4096
/* Bytes given back to the system at a time, behind a thread's cursor */
#define RELEASE_STEP (8 * 1024 * 1024)
/* Ranges this large take their memory at once */
#define RESERVE_MIN (16 * 1024 * 1024)
/* Attribute columns whose set a 64-bit mask names */
#define MASK_COLUMNS 64
/* A radius beyond half the equator says nothing */
#define MAX_RADIUS_M 20037509

/*
 * A map of 64-bit keys to 64-bit values: the caches that make a repeated value cost one lookup
 */

typedef struct
{
  guint64 key;
  guint64 value; /* G_MAXUINT64: empty */
} MapEntry;

typedef struct
{
  MapEntry *entries;
  guint     mask;
  guint     n;
} U64Map;

static void
map_init (U64Map *map)
{
  map->mask = 255;
  map->n = 0;
  map->entries = g_new (MapEntry, map->mask + 1);
  memset (map->entries, 0xFF, (map->mask + 1) * sizeof (MapEntry));
}

static void
map_clear (U64Map *map)
{
  g_clear_pointer (&map->entries, g_free);
}

static inline guint
map_slot (const U64Map *map, guint64 key)
{
  key *= 0x9E3779B97F4A7C15ull;
  return (guint) (key >> 40) & map->mask;
}

static inline gboolean
map_lookup (const U64Map *map, guint64 key, guint64 *value)
{
  for (guint i = map_slot (map, key);; i = (i + 1) & map->mask)
    {
      const MapEntry *entry = &map->entries[i];

      if (entry->value == G_MAXUINT64)
        return FALSE;
      if (entry->key == key)
        {
          *value = entry->value;
          return TRUE;
        }
    }
}

static void
map_insert (U64Map *map, guint64 key, guint64 value)
{
  guint i;

  if ((map->n + 1) * 2 > map->mask + 1)
    {
      MapEntry *old = map->entries;
      guint old_size = map->mask + 1;

      map->mask = map->mask * 2 + 1;
      map->entries = g_new (MapEntry, map->mask + 1);
      memset (map->entries, 0xFF, (map->mask + 1) * sizeof (MapEntry));
      map->n = 0;
      for (guint k = 0; k < old_size; k++)
        if (old[k].value != G_MAXUINT64)
          map_insert (map, old[k].key, old[k].value);
      g_free (old);
    }
  for (i = map_slot (map, key); map->entries[i].value != G_MAXUINT64; i = (i + 1) & map->mask)
    if (map->entries[i].key == key)
      {
        map->entries[i].value = value;
        return;
      }
  map->entries[i].key = key;
  map->entries[i].value = value;
  map->n++;
}

static guint64
pack_run (SitmapEventRun run)
{
  return (guint64) run.first << 32 | run.n;
}

static SitmapEventRun
unpack_run (guint64 packed)
{
  SitmapEventRun run = { (guint32) (packed >> 32), (guint32) packed };

  return run;
}

/* The last value of a column, and its string: rows repeat their neighbours' values. */
typedef struct
{
  const char *bytes;
  guint32     length;
  guint32     id;
} Memo;

/* One distinct value of a span, and what it gives */
typedef struct
{
  guint32        key_offset;   /* its raw bytes in the span's keys */
  guint32        key_length;
  guint32        first_id;     /* its columns' strings in the span's ids */
  guint32        first_value;  /* the attributes it adds, in the span's values: attribute index, string */
  guint32        n_values;
  guint32        first_publisher; /* the publishers its sources name, in the span's publishers */
  guint32        n_publishers;
  guint64        mask;         /* the attribute columns (the first 64) it gives a value */
  SitmapEventRun actors;       /* n == G_MAXUINT32: not this span's to say */
  SitmapEventRun citations;    /* once cited */
  guint8         category;     /* CATEGORY_UNKNOWN: not this span's to say */
  gboolean       cited;        /* its citations are made, its publishers sources */
} SpanEntry;

typedef struct
{
  const SitmapCsvSpan *info;
  guint64             *slots;   /* hash << 32 | entry + 1 */
  guint32              mask;
  GArray              *keys;    /* char */
  GArray              *entries; /* SpanEntry */
  GArray              *ids;     /* guint32 */
  GArray              *values;  /* guint32 attribute index, string id */
  GArray              *publishers; /* guint32 */
  guint64              lookups;
  guint64              hits;
  gboolean             full;    /* too many distinct values to be worth it: its columns are read one by one */
} Span;

struct _SitmapCsvWorker
{
  SitmapCsvPlan    *plan;
  const char       *start;      /* the range's first record */
  const char       *stop;       /* records that begin before this are the range's */
  SitmapCsvScanner  scanner;
  SitmapEventStore *store;
  SitmapCsvField   *fields;
  guint             max_fields;
  GString         **scratch;    /* per column, made when a field must be rewritten */
  Memo             *memos;      /* per column */
  guint32          *row_ids;    /* per column: its string in this row, when row_stamps says so */
  guint32          *row_stamps;
  guint32           stamp;      /* the row's */
  Span             *spans;
  SpanEntry       **entries;    /* per span: this row's value, or NULL when read one by one */
  guint32          *attribute_names; /* per attribute column, in the store */
  guint32          *attribute_values;
  guint32          *row_names;
  U64Map            actor_pairs;  /* (actor, associates) → pair number */
  U64Map            actor_runs;   /* (pair, pair) → run */
  GArray           *pairs;        /* guint32 actor, associates: the pairs by number */
  U64Map            figure_runs;  /* killed → run */
  U64Map            source_runs;  /* source text → run */
  U64Map            publishers_seen;
  GArray           *publishers;   /* guint32 string ids, in the order first seen */
  U64Map            titles;       /* (type, location) → title */
  U64Map            categories;   /* event type → category */
  U64Map            canonical_lists; /* associates → whether written as the writer joins them */
  U64Map            schemas;      /* mask of attribute columns → schema */
  GArray           *parts;        /* split lists */
  char              date_text[32];
  gsize             date_length;
  SitmapTime        date_time;
  SitmapCsvDateStatus date_status;
  GArray           *skips;        /* SitmapCsvSkip */
  guint64           n_skipped;
  guint64           rows;
  SitmapCsvWorkerStatus status;
  guint64           status_line;   /* for UNTERMINATED */
  guint             status_column;
  const char       *end;          /* where its last record ended */
  gsize             released;     /* bytes of the range given back */
  gsize             reported;     /* bytes of progress reported */
};

typedef SitmapCsvWorker Worker;


static GString *
scratch_of (Worker *w, guint column)
{
  if (w->scratch[column] == NULL)
    w->scratch[column] = g_string_new (NULL);
  return w->scratch[column];
}

/* The text of a column's cell in this row (sitmap_csv_field_text()); "" for no column */
static inline const char *
cell (Worker *w, int column, gsize *length)
{
  const SitmapCsvField *field;
  guint8 first, last;

  if (column < 0)
    {
      *length = 0;
      return "";
    }
  field = &w->fields[column];
  /* Most cells are unquoted words with nothing to trim */
  if (!field->quoted && field->length > 0)
    {
      first = (guint8) field->start[0];
      last = (guint8) field->start[field->length - 1];
      if (first != ' ' && first != '\t' && first != 0xEF && first != '\'' && last != ' ' && last != '\t')
        {
          *length = field->length;
          return field->start;
        }
    }
  return sitmap_csv_field_text (field, w->plan->layout->delimiter, scratch_of (w, (guint) column), length);
}

static int
role (Worker *w, SitmapCsvRole r)
{
  return w->plan->layout->role_column[r];
}

static void G_GNUC_PRINTF (4, 5)
skip_row (Worker *w, guint64 line, guint column, const char *format, ...)
{
  SitmapCsvSkip skip = { line, column, NULL };

  w->n_skipped++;
  if (w->skips->len < SITMAP_IMPORT_REPORT_MAX_KEPT)
    {
      va_list args;

      va_start (args, format);
      skip.reason = g_strdup_vprintf (format, args);
      va_end (args);
      g_array_append_val (w->skips, skip);
    }
}

/* Quotes a cell in a reason, in quotation marks: valid UTF-8, at most 40 characters, as written */
static char *
quote_cell (const char *text, gsize length)
{
  g_autofree char *copy = g_strndup (text, MIN (length, 4 * (SITMAP_QUOTE_MAX_CHARS + 1)));
  g_autofree char *quoted = sitmap_quote_text (copy);

  return g_strdup_printf ("“%s”", quoted);
}

/* Text is kept only as valid UTF-8: a NUL skips the row, other bytes make the file read again, converted.
 * FALSE when the row cannot be kept. */
static gboolean
check_text (Worker *w, guint64 line, int column, const char *text, gsize length)
{
  gsize offset;

  switch (sitmap_csv_check_utf8 (text, length, &offset))
    {
    case 0:
      return TRUE;
    case 2:
      skip_row (w, line, (guint) column + 1, _("a NUL character, which text cannot hold (is this a binary file?)"));
      return FALSE;
    default:
      w->status = SITMAP_CSV_WORKER_NOT_UTF8;
      return FALSE;
    }
}

static guint32 intern_cell_text (Worker *w, guint64 line, int column);

/* The interned string of a column's cell, 0 when empty; G_MAXUINT32 when the row cannot be kept */
static inline guint32
intern_cell (Worker *w, guint64 line, int column)
{
  if (column < 0)
    return 0;
  if (w->row_stamps[column] == w->stamp)
    return w->row_ids[column];
  return intern_cell_text (w, line, column);
}

static guint32
intern_cell_text (Worker *w, guint64 line, int column)
{
  Memo *memo;
  gsize length;
  const char *text;

  text = cell (w, column, &length);
  if (length == 0)
    return 0;
  memo = &w->memos[column];
  if (memo->id != 0 && memo->length == length && memcmp (memo->bytes, text, length) == 0)
    {
      w->row_ids[column] = memo->id;
      w->row_stamps[column] = w->stamp;
      return memo->id;
    }
  if (!check_text (w, line, column, text, length))
    return G_MAXUINT32;
  memo->id = sitmap_event_store_intern (w->store, text, length);
  memo->bytes = sitmap_event_store_get_string (w->store, memo->id);
  memo->length = (guint32) length;
  w->row_ids[column] = memo->id;
  w->row_stamps[column] = w->stamp;
  return memo->id;
}

/* A copy of a column's cell kept with the events, NULL when empty; *ok FALSE when the row cannot be kept */
static const char *
copy_cell (Worker *w, guint64 line, int column, gboolean *ok)
{
  gsize length;
  const char *text = cell (w, column, &length);

  if (length == 0)
    return NULL;
  if (!check_text (w, line, column, text, length))
    {
      *ok = FALSE;
      return NULL;
    }
  return sitmap_event_store_add_text (w->store, text, length);
}

static guint32
intern_text (Worker *w, const char *text, gsize length)
{
  return sitmap_event_store_intern (w->store, text, length);
}

/*
 * Cells to values
 */

static gboolean
read_time (Worker *w, guint64 line, SitmapTime *time)
{
  const SitmapCsvLayout *layout = w->plan->layout;
  int column = role (w, SITMAP_CSV_ROLE_DATE);
  gsize length;
  const char *text = cell (w, column, &length);
  SitmapCsvDateStatus status;

  sitmap_time_init_undated (time);
  if (length == 0)
    return TRUE;
  /* Rows of one day follow each other */
  if (length == w->date_length && memcmp (text, w->date_text, length) == 0)
    {
      status = w->date_status;
      *time = w->date_time;
    }
  else
    {
      status = sitmap_csv_parse_date (text, length, layout->date_order, time);
      if (length <= sizeof w->date_text)
        {
          memcpy (w->date_text, text, length);
          w->date_length = length;
          w->date_status = status;
          w->date_time = *time;
        }
    }
  if (status != SITMAP_CSV_DATE_OK)
    {
      g_autofree char *quoted = quote_cell (text, length);

      if (status == SITMAP_CSV_DATE_IMPOSSIBLE)
        skip_row (w, line, column + 1, _("there is no date %s"), quoted);
      else
        skip_row (w, line, column + 1, _("the date %s is not one Sitmap reads (for example: 2024-12-10)"), quoted);
      return FALSE;
    }
  if (layout->acled && time->precision == SITMAP_TIME_PRECISION_DAY)
    {
      int tp_column = role (w, SITMAP_CSV_ROLE_TIME_PRECISION);
      gint64 precision = 1;
      gsize tp_length;
      const char *tp = cell (w, tp_column, &tp_length);

      if (tp_length > 0 && (!sitmap_csv_parse_count (tp, tp_length, &precision) || precision < 1 || precision > 3))
        {
          g_autofree char *quoted = quote_cell (tp, tp_length);

          skip_row (w, line, tp_column + 1, _("the time precision %s is not one of ACLED's (1, 2 or 3)"), quoted);
          return FALSE;
        }
      sitmap_csv_acled_time (time->start, (guint) precision, time);
    }
  column = role (w, SITMAP_CSV_ROLE_END_DATE);
  text = cell (w, column, &length);
  if (length > 0)
    {
      SitmapTime end;

      status = sitmap_csv_parse_date (text, length, layout->date_order, &end);
      if (status != SITMAP_CSV_DATE_OK || end.end <= time->start)
        {
          g_autofree char *quoted = quote_cell (text, length);

          skip_row (w, line, column + 1,
                    status != SITMAP_CSV_DATE_OK ? _("the end date %s is not a date Sitmap reads")
                                                 : _("the end date %s is before the date"),
                    quoted);
          return FALSE;
        }
      time->end = end.end;
      time->end_unit = end.start_unit;
      time->precision = SITMAP_TIME_PRECISION_SPAN;
    }
  return TRUE;
}

/* sitmap_time: "2024-12-10", "2024-12-07/2024-12-13", "../2024" */
static gboolean
read_sitmap_time (Worker *w, guint64 line, SitmapTime *time)
{
  int column = role (w, SITMAP_CSV_ROLE_SITMAP_TIME);
  gsize length;
  const char *text = cell (w, column, &length);
  g_autofree char *copy = NULL;
  g_autoptr (GError) error = NULL;
  char *slash;
  gboolean ok;

  if (length == 0)
    return TRUE;
  copy = g_strndup (text, length);
  slash = strchr (copy, '/');
  if (slash != NULL)
    {
      *slash = '\0';
      ok = sitmap_time_init_span (time, strcmp (copy, "..") ? copy : NULL, strcmp (slash + 1, "..") ? slash + 1 : NULL,
                                  &error);
    }
  else
    ok = sitmap_time_init_instant (time, copy, &error);
  if (!ok)
    {
      g_autofree char *quoted = quote_cell (text, length);

      skip_row (w, line, column + 1, _("the time %s is not one Sitmap reads"), quoted);
    }
  return ok;
}

static gboolean
read_coordinate (Worker *w, guint64 line, SitmapCsvRole r, double limit, double *value)
{
  int column = role (w, r);
  gsize length;
  const char *text = cell (w, column, &length);
  g_autofree char *quoted = NULL;

  if (sitmap_csv_parse_double (text, length, w->plan->layout->delimiter != ',', value) && *value >= -limit &&
      *value <= limit)
    return TRUE;
  quoted = quote_cell (text, length);
  if (r == SITMAP_CSV_ROLE_LATITUDE)
    skip_row (w, line, column + 1,
              sitmap_csv_parse_double (text, length, TRUE, value) ? _("the latitude %s is out of range (−90 to 90)")
                                                                  : _("the latitude %s is not a number"),
              quoted);
  else
    skip_row (w, line, column + 1,
              sitmap_csv_parse_double (text, length, TRUE, value) ? _("the longitude %s is out of range (−180 to 180)")
                                                                  : _("the longitude %s is not a number"),
              quoted);
  return FALSE;
}

static gboolean
read_place (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  int lat_column = role (w, SITMAP_CSV_ROLE_LATITUDE), lon_column = role (w, SITMAP_CSV_ROLE_LONGITUDE);
  gsize lat_length, lon_length;

  event->latitude = event->longitude = NAN;
  cell (w, lat_column, &lat_length);
  cell (w, lon_column, &lon_length);
  if (lat_length == 0 && lon_length == 0)
    return TRUE;
  if (lat_length == 0 || lon_length == 0)
    {
      skip_row (w, line, (guint) (lat_length == 0 ? lat_column : lon_column) + 1,
                lat_length == 0 ? _("the longitude is given without the latitude")
                                : _("the latitude is given without the longitude"));
      return FALSE;
    }
  return read_coordinate (w, line, SITMAP_CSV_ROLE_LATITUDE, 90, &event->latitude) &&
         read_coordinate (w, line, SITMAP_CSV_ROLE_LONGITUDE, 180, &event->longitude);
}

static gboolean
read_precision (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  int column = role (w, SITMAP_CSV_ROLE_GEO_PRECISION);
  gsize length;
  const char *text = cell (w, column, &length);
  gint64 code;

  if (length > 0)
    {
      if (!sitmap_csv_parse_count (text, length, &code) || code < 1 || code > 3)
        {
          g_autofree char *quoted = quote_cell (text, length);

          skip_row (w, line, column + 1, _("the geo precision %s is not one of ACLED's (1, 2 or 3)"), quoted);
          return FALSE;
        }
      /* A precision says nothing without a point */
      if (!isnan (event->latitude))
        event->location_precision = sitmap_csv_acled_location_precision ((guint) code);
    }
  column = role (w, SITMAP_CSV_ROLE_SITMAP_PRECISION);
  text = cell (w, column, &length);
  if (length > 0)
    {
      g_autofree char *copy = g_strndup (text, length);
      SitmapLocationPrecision precision;

      if (!sitmap_location_precision_from_id (copy, &precision))
        {
          g_autofree char *quoted = quote_cell (text, length);

          skip_row (w, line, column + 1, _("the location precision %s is not one Sitmap knows"), quoted);
          return FALSE;
        }
      event->location_precision = precision;
    }
  column = role (w, SITMAP_CSV_ROLE_SITMAP_RADIUS);
  text = cell (w, column, &length);
  if (length > 0)
    {
      gint64 radius;

      if (!sitmap_csv_parse_count (text, length, &radius) || radius > MAX_RADIUS_M)
        {
          g_autofree char *quoted = quote_cell (text, length);

          skip_row (w, line, column + 1, _("the radius %s is not a whole number of metres up to 20,037,509"),
                    quoted);
          return FALSE;
        }
      event->radius_m = (guint) radius;
    }
  return TRUE;
}

/* A category that ACLED's first actor decides (its "Riots/Protests" before 2019) */
#define CATEGORY_BY_ACTOR G_MAXUINT32

static gboolean
read_category (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  int column = role (w, SITMAP_CSV_ROLE_CATEGORY);
  guint32 type = intern_cell (w, line, column);
  guint64 value;

  if (type == G_MAXUINT32)
    return FALSE;
  if (type != 0)
    {
      if (!map_lookup (&w->categories, type, &value))
        {
          const char *name = sitmap_event_store_get_string (w->store, type);

          if (!w->plan->layout->acled)
            value = sitmap_csv_category_from_text (name);
          else if (g_ascii_strcasecmp (name, "Riots/Protests") == 0)
            value = CATEGORY_BY_ACTOR;
          else
            value = sitmap_csv_acled_category (name, NULL, NULL);
          map_insert (&w->categories, type, value);
        }
      if (value == CATEGORY_BY_ACTOR)
        {
          guint32 inter1 = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_INTER1));
          guint32 actor1 = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_ACTOR1));

          if (inter1 == G_MAXUINT32 || actor1 == G_MAXUINT32)
            return FALSE;
          value = sitmap_csv_acled_category (sitmap_event_store_get_string (w->store, type),
                                             sitmap_event_store_get_string (w->store, inter1),
                                             sitmap_event_store_get_string (w->store, actor1));
        }
      event->category = (SitmapCategory) value;
    }
  return TRUE;
}

/* Sitmap's own category column, over the category */
static gboolean
read_sitmap_category (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  int column = role (w, SITMAP_CSV_ROLE_SITMAP_CATEGORY);
  gsize length;
  const char *text = cell (w, column, &length);

  if (length > 0)
    {
      g_autofree char *copy = g_strndup (text, length);
      SitmapCategory category;

      if (!sitmap_category_from_id (copy, &category))
        {
          g_autofree char *quoted = quote_cell (text, length);

          skip_row (w, line, column + 1, _("the category %s is not one Sitmap knows"), quoted);
          return FALSE;
        }
      event->category = category;
    }
  return TRUE;
}

/* An actor and the associates beside it, as one number */
static guint32
actor_pair (Worker *w, guint32 actor, guint32 associates)
{
  guint64 key = (guint64) actor << 32 | associates, value;
  guint32 pair[2] = { actor, associates };

  if (map_lookup (&w->actor_pairs, key, &value))
    return (guint32) value;
  g_array_append_vals (w->pairs, pair, 2);
  map_insert (&w->actor_pairs, key, w->pairs->len / 2);
  return w->pairs->len / 2;
}

static void
append_actors (Worker *w, GArray *ids, guint32 pair)
{
  guint32 actor = g_array_index (w->pairs, guint32, 2 * (pair - 1));
  guint32 associates = g_array_index (w->pairs, guint32, 2 * (pair - 1) + 1);

  if (actor != 0)
    g_array_append_val (ids, actor);
  if (associates != 0)
    {
      const char *text = sitmap_event_store_get_string (w->store, associates);

      g_array_set_size (w->parts, 0);
      sitmap_csv_split_list (text, strlen (text), w->parts);
      for (guint i = 0; i < w->parts->len; i += 2)
        {
          guint32 id = intern_text (w, text + g_array_index (w->parts, guint32, i),
                                    g_array_index (w->parts, guint32, i + 1));

          g_array_append_val (ids, id);
        }
    }
}

/* ACLED's actors in the order it names them: actor1, its associates, actor2, its associates */
static gboolean
read_actors (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  guint32 actor1 = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_ACTOR1));
  guint32 associates1 = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_ASSOC_ACTOR_1));
  guint32 actor2 = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_ACTOR2));
  guint32 associates2 = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_ASSOC_ACTOR_2));
  guint32 first, second;
  guint64 key, value;

  if (actor1 == G_MAXUINT32 || associates1 == G_MAXUINT32 || actor2 == G_MAXUINT32 || associates2 == G_MAXUINT32)
    return FALSE;
  if ((actor1 | associates1 | actor2 | associates2) == 0)
    return TRUE;
  first = actor_pair (w, actor1, associates1);
  second = actor_pair (w, actor2, associates2);
  key = (guint64) first << 32 | second;
  if (!map_lookup (&w->actor_runs, key, &value))
    {
      g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));

      append_actors (w, ids, first);
      append_actors (w, ids, second);
      value = pack_run (sitmap_event_store_add_actors (w->store, (const guint32 *) (gpointer) ids->data, ids->len));
      map_insert (&w->actor_runs, key, value);
    }
  event->actors = unpack_run (value);
  return TRUE;
}

static gboolean
read_fatalities (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  int column = role (w, SITMAP_CSV_ROLE_FATALITIES);
  gsize length;
  const char *text = cell (w, column, &length);
  gint64 killed;
  guint64 value;

  if (length == 0)
    return TRUE;
  if (!sitmap_csv_parse_count (text, length, &killed))
    {
      g_autofree char *quoted = quote_cell (text, length);

      skip_row (w, line, column + 1, _("the number of fatalities %s is not a whole number Sitmap can hold"), quoted);
      return FALSE;
    }
  if (!map_lookup (&w->figure_runs, (guint64) killed, &value))
    {
      SitmapFigure figure = { SITMAP_FIGURE_KILLED, SITMAP_QUALIFIER_EXACT, killed, SITMAP_FIGURE_UNKNOWN, NULL };

      value = pack_run (sitmap_event_store_add_figures (w->store, &figure, 1));
      map_insert (&w->figure_runs, (guint64) killed, value);
    }
  event->figures = unpack_run (value);
  return TRUE;
}

/* "Syrian Observatory for Human Rights; Step News Agency": a citation of each, and each a source */
static gboolean
read_sources (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  guint32 source = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_SOURCE));
  guint64 value;

  if (source == G_MAXUINT32)
    return FALSE;
  if (source == 0)
    return TRUE;
  if (!map_lookup (&w->source_runs, source, &value))
    {
      const char *text = sitmap_event_store_get_string (w->store, source);
      g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));

      g_array_set_size (w->parts, 0);
      sitmap_csv_split_list (text, strlen (text), w->parts);
      for (guint i = 0; i < w->parts->len; i += 2)
        {
          guint32 id = intern_text (w, text + g_array_index (w->parts, guint32, i),
                                    g_array_index (w->parts, guint32, i + 1));
          guint64 seen;

          g_array_append_val (ids, id);
          if (!map_lookup (&w->publishers_seen, id, &seen))
            {
              map_insert (&w->publishers_seen, id, 1);
              g_array_append_val (w->publishers, id);
            }
        }
      value = pack_run (sitmap_event_store_add_citations (w->store, (const guint32 *) (gpointer) ids->data, ids->len));
      map_insert (&w->source_runs, source, value);
    }
  event->citations = unpack_run (value);
  return TRUE;
}

static gboolean
read_texts (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  gboolean ok = TRUE;
  guint32 place = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_PLACE)), title = 0;
  gsize length;
  const char *text;

  if (place == G_MAXUINT32)
    return FALSE;
  event->place_text = sitmap_event_store_get_string (w->store, place);
  event->id = copy_cell (w, line, role (w, SITMAP_CSV_ROLE_ID), &ok);
  event->summary = copy_cell (w, line, role (w, SITMAP_CSV_ROLE_SUMMARY), &ok);
  if (!ok)
    return FALSE;

  text = cell (w, role (w, SITMAP_CSV_ROLE_SITMAP_TITLE), &length);
  if (length == 0)
    text = cell (w, role (w, SITMAP_CSV_ROLE_TITLE), &length);
  if (length > 0)
    {
      if (!check_text (w, line, role (w, SITMAP_CSV_ROLE_TITLE), text, length))
        return FALSE;
      event->title = length <= 64 ? sitmap_event_store_get_string (w->store, intern_text (w, text, length))
                                  : sitmap_event_store_add_text (w->store, text, length);
      return TRUE;
    }
  if (w->plan->layout->acled)
    {
      /* ACLED has no title: its type and its place make one */
      guint32 what = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_SUB_EVENT_TYPE));
      guint64 key, value;

      if (what == 0)
        what = intern_cell (w, line, role (w, SITMAP_CSV_ROLE_CATEGORY));
      if (what == G_MAXUINT32)
        return FALSE;
      key = (guint64) what << 32 | place;
      if (!map_lookup (&w->titles, key, &value))
        {
          g_autofree char *made = sitmap_csv_acled_title (sitmap_event_store_get_string (w->store, what), NULL,
                                                          event->place_text);

          value = made ? intern_text (w, made, strlen (made)) : 0;
          map_insert (&w->titles, key, value);
        }
      title = (guint32) value;
    }
  else
    title = place;
  event->title = sitmap_event_store_get_string (w->store, title);
  return TRUE;
}

/* Whether "A; B" is as the writer joins associates: then the actors list says it all. */
static gboolean
is_joined_list (Worker *w, guint32 id)
{
  guint64 value;

  if (!map_lookup (&w->canonical_lists, id, &value))
    {
      const char *text = sitmap_event_store_get_string (w->store, id);
      g_autoptr (GString) joined = g_string_new (NULL);

      g_array_set_size (w->parts, 0);
      sitmap_csv_split_list (text, strlen (text), w->parts);
      for (guint i = 0; i < w->parts->len; i += 2)
        {
          if (i > 0)
            g_string_append (joined, "; ");
          g_string_append_len (joined, text + g_array_index (w->parts, guint32, i),
                               g_array_index (w->parts, guint32, i + 1));
        }
      value = strcmp (joined->str, text) == 0;
      map_insert (&w->canonical_lists, id, value);
    }
  return value != 0;
}

/* What the event's fields say again is not kept twice: ACLED's event type when it is the category's name,
 * actor2's associates when the actors list gives them back. Other types (before 2019) and lists written
 * otherwise are kept as written. */
static gboolean
is_derived (Worker *w, int column, guint32 id)
{
  const SitmapCsvLayout *layout = w->plan->layout;

  if (!layout->acled)
    return FALSE;
  /* A current type is the category's name; older types ("Riots/Protests") are not */
  if (column == layout->role_column[SITMAP_CSV_ROLE_CATEGORY])
    {
      const char *type = sitmap_event_store_get_string (w->store, id);

      return g_strcmp0 (type, sitmap_csv_acled_event_type (sitmap_csv_acled_category (type, NULL, NULL))) == 0;
    }
  if (column == layout->role_column[SITMAP_CSV_ROLE_ASSOC_ACTOR_2])
    return is_joined_list (w, id);
  return FALSE;
}

/* The attributes of the row, in the order of their columns: a span's, worked out when its value was first
 * met, or the column's own */
static gboolean
read_attributes (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  const SitmapCsvPlan *plan = w->plan;
  guint64 mask = 0, schema;
  guint n = 0;

  for (guint k = 0; k < plan->n_attribute_columns;)
    {
      int column = plan->attribute_columns[k], s = plan->span_of[column];
      guint32 id;

      if (s >= 0 && w->entries[s] != NULL)
        {
          const Span *span = &w->spans[s];
          const SpanEntry *entry = w->entries[s];
          const guint32 *values;

          /* A span of no value may have an array with no storage yet: no index into it. */
          values = entry->n_values > 0 ? &g_array_index (span->values, guint32, 2 * entry->first_value) : NULL;
          for (guint v = 0; v < entry->n_values; v++)
            {
              w->row_names[n] = w->attribute_names[values[2 * v]];
              w->attribute_values[n++] = values[2 * v + 1];
            }
          mask |= entry->mask;
          /* Past the span's other columns */
          while (k < plan->n_attribute_columns && plan->span_of[plan->attribute_columns[k]] == s)
            k++;
          continue;
        }
      id = intern_cell (w, line, column);
      if (id == G_MAXUINT32)
        return FALSE;
      if (id != 0 && !is_derived (w, column, id))
        {
          w->attribute_values[n] = id;
          w->row_names[n] = w->attribute_names[k];
          n++;
          if (k < MASK_COLUMNS)
            mask |= (guint64) 1 << k;
        }
      k++;
    }
  if (plan->n_attribute_columns > MASK_COLUMNS)
    event->schema = sitmap_event_store_add_schema (w->store, w->row_names, n);
  else if (map_lookup (&w->schemas, mask, &schema))
    event->schema = (guint32) schema;
  else
    {
      event->schema = sitmap_event_store_add_schema (w->store, w->row_names, n);
      map_insert (&w->schemas, mask, event->schema);
    }
  event->values = w->attribute_values;
  return TRUE;
}

/*
 * Spans
 */

/* A category a span cannot tell alone (ACLED's "Riots/Protests", decided by the first actor) */
#define CATEGORY_UNKNOWN 255
/* A span's distinct values and their bytes, at most: past these its columns are read one by one */
#define SPAN_MAX_ENTRIES   65536
#define SPAN_MAX_KEY_BYTES (8 * 1024 * 1024)
/* After this many rows, a span whose values mostly do not repeat is read one by one */
#define SPAN_TRIAL 4096

static void
span_index (Span *span, guint32 hash, guint32 entry)
{
  guint32 i;

  if (span->slots == NULL || (span->entries->len + 1) * 2 > span->mask + 1)
    {
      guint32 size = span->slots ? (span->mask + 1) * 2 : 256;
      guint64 *old = span->slots;
      guint32 old_size = span->slots ? span->mask + 1 : 0;

      span->slots = g_new0 (guint64, size);
      span->mask = size - 1;
      for (guint32 k = 0; k < old_size; k++)
        if (old[k] != 0)
          {
            for (i = (guint32) (old[k] >> 32) & span->mask; span->slots[i] != 0; i = (i + 1) & span->mask)
              ;
            span->slots[i] = old[k];
          }
      g_free (old);
    }
  for (i = hash & span->mask; span->slots[i] != 0; i = (i + 1) & span->mask)
    ;
  span->slots[i] = (guint64) hash << 32 | (entry + 1);
}

/* A span key's hash from its length and 32 of its bytes (its first, middle and last): enough to tell
 * keys apart mostly; those it does not are told apart by comparing them. */
static inline guint32
span_hash (const char *key, guint32 length)
{
  guint64 a = 0, b = 0, c = 0, d = 0, h;

  if (length >= 16)
    {
      memcpy (&a, key, 8);
      memcpy (&b, key + length / 2 - 4, 8);
      memcpy (&c, key + length - 16, 8);
      memcpy (&d, key + length - 8, 8);
    }
  else
    {
      memcpy (&a, key, MIN (length, 8));
      if (length > 8)
        memcpy (&b, key + 8, length - 8);
    }
  h = (a ^ (length * 0x9E3779B97F4A7C15ull)) * 0xFF51AFD7ED558CCDull;
  h = ((h ^ (h >> 29)) + b) * 0xC4CEB9FE1A85EC53ull;
  h = ((h ^ (h >> 32)) + c) * 0xFF51AFD7ED558CCDull;
  h = ((h ^ (h >> 29)) + d) * 0xC4CEB9FE1A85EC53ull;
  return (guint32) (h ^ (h >> 32));
}

/* The actors a value of ACLED's actor columns names: actor1, its associates, actor2, its associates */
static SitmapEventRun
span_actors (Worker *w, const Span *span, const guint32 *ids)
{
  const SitmapCsvLayout *layout = w->plan->layout;
  static const SitmapCsvRole roles[] = { SITMAP_CSV_ROLE_ACTOR1, SITMAP_CSV_ROLE_ASSOC_ACTOR_1,
                                         SITMAP_CSV_ROLE_ACTOR2, SITMAP_CSV_ROLE_ASSOC_ACTOR_2 };
  g_autoptr (GArray) actors = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      guint32 id = ids[layout->role_column[roles[r]] - span->info->first];
      const char *text;

      if (id == 0)
        continue;
      if (roles[r] == SITMAP_CSV_ROLE_ACTOR1 || roles[r] == SITMAP_CSV_ROLE_ACTOR2)
        {
          g_array_append_val (actors, id);
          continue;
        }
      text = sitmap_event_store_get_string (w->store, id);
      g_array_set_size (w->parts, 0);
      sitmap_csv_split_list (text, strlen (text), w->parts);
      for (guint i = 0; i < w->parts->len; i += 2)
        {
          guint32 part = intern_text (w, text + g_array_index (w->parts, guint32, i),
                                      g_array_index (w->parts, guint32, i + 1));

          g_array_append_val (actors, part);
        }
    }
  return sitmap_event_store_add_actors (w->store, (const guint32 *) (gpointer) actors->data, actors->len);
}

/* The publishers a source value names, kept with the entry: the citations are made for the first row kept
 * with it (a citation makes its source one of the document's, and a skipped row must not) */
static void
span_publishers (Worker *w, Span *span, SpanEntry *entry, guint32 source)
{
  const char *text = sitmap_event_store_get_string (w->store, source);

  entry->first_publisher = span->publishers->len;
  entry->n_publishers = 0;
  if (source == 0)
    return;
  g_array_set_size (w->parts, 0);
  sitmap_csv_split_list (text, strlen (text), w->parts);
  for (guint i = 0; i < w->parts->len; i += 2)
    {
      guint32 id = intern_text (w, text + g_array_index (w->parts, guint32, i),
                                g_array_index (w->parts, guint32, i + 1));

      g_array_append_val (span->publishers, id);
      entry->n_publishers++;
    }
}

/* What a span's value gives, worked out once: its actors, its sources, its category, its attributes */
static void
span_derive (Worker *w, Span *span, SpanEntry *entry, const guint32 *ids)
{
  const SitmapCsvPlan *plan = w->plan;
  const SitmapCsvLayout *layout = plan->layout;

  entry->actors.n = G_MAXUINT32;
  entry->citations.n = G_MAXUINT32;
  entry->category = CATEGORY_UNKNOWN;
  if (span->info->actors)
    entry->actors = span_actors (w, span, ids);
  if (span->info->sources)
    span_publishers (w, span, entry, ids[layout->role_column[SITMAP_CSV_ROLE_SOURCE] - span->info->first]);
  if (span->info->category)
    {
      guint32 type = ids[layout->role_column[SITMAP_CSV_ROLE_CATEGORY] - span->info->first];
      const char *name = sitmap_event_store_get_string (w->store, type);

      if (type == 0)
        entry->category = SITMAP_CATEGORY_OTHER;
      else if (!layout->acled)
        entry->category = sitmap_csv_category_from_text (name);
      else if (g_ascii_strcasecmp (name, "Riots/Protests") != 0)
        entry->category = sitmap_csv_acled_category (name, NULL, NULL);
    }
  entry->first_value = span->values->len / 2;
  entry->n_values = 0;
  entry->mask = 0;
  for (guint c = 0; c < span->info->n; c++)
    {
      int column = (int) (span->info->first + c), k = plan->attribute_index[column];
      guint32 value[2] = { (guint32) k, ids[c] };

      if (k < 0 || ids[c] == 0 || is_derived (w, column, ids[c]))
        continue;
      g_array_append_vals (span->values, value, 2);
      entry->n_values++;
      if (k < MASK_COLUMNS)
        entry->mask |= (guint64) 1 << k;
    }
}

/* This row's value of the span: its strings into row_ids, and the entry into w->entries (NULL when the span
 * is read column by column); FALSE when the row cannot be kept */
static gboolean
resolve_span (Worker *w, guint64 line, guint s)
{
  Span *span = &w->spans[s];
  guint first_column = span->info->first, n = span->info->n;
  const SitmapCsvField *first = &w->fields[first_column], *last = &w->fields[first_column + n - 1];
  const char *key = first->start;
  guint32 length = (guint32) (last->start + last->length - first->start), hash;
  SpanEntry *entry = NULL, made = { 0 };
  guint32 ids[64];

  w->entries[s] = NULL;
  if (span->full)
    return TRUE;
  hash = span_hash (key, length);
  span->lookups++;
  for (guint32 i = hash & span->mask; span->slots != NULL && span->slots[i] != 0; i = (i + 1) & span->mask)
    {
      SpanEntry *candidate;

      if ((guint32) (span->slots[i] >> 32) != hash)
        continue;
      candidate = &g_array_index (span->entries, SpanEntry, (guint32) span->slots[i] - 1);
      if (candidate->key_length == length && memcmp (&g_array_index (span->keys, char, candidate->key_offset), key,
                                                     length) == 0)
        {
          entry = candidate;
          break;
        }
    }
  if (entry != NULL)
    {
      const guint32 *strings = &g_array_index (span->ids, guint32, entry->first_id);

      span->hits++;
      for (guint c = 0; c < n; c++)
        {
          w->row_ids[first_column + c] = strings[c];
          w->row_stamps[first_column + c] = w->stamp;
        }
      w->entries[s] = entry;
      return TRUE;
    }
  for (guint c = 0; c < n; c++)
    {
      ids[c] = intern_cell (w, line, (int) (first_column + c));
      if (ids[c] == G_MAXUINT32)
        return FALSE;
    }
  /* Values that do not repeat are not worth keeping */
  if (span->entries->len >= SPAN_MAX_ENTRIES || span->keys->len + length > SPAN_MAX_KEY_BYTES ||
      (span->lookups >= SPAN_TRIAL && span->hits * 2 < span->lookups))
    {
      span->full = TRUE;
      return TRUE;
    }
  made.key_offset = span->keys->len;
  made.key_length = length;
  made.first_id = span->ids->len;
  g_array_append_vals (span->keys, key, length);
  g_array_append_vals (span->ids, ids, n);
  span_derive (w, span, &made, ids);
  g_array_append_val (span->entries, made);
  span_index (span, hash, span->entries->len - 1);
  w->entries[s] = &g_array_index (span->entries, SpanEntry, span->entries->len - 1);
  return TRUE;
}

/* The publishers of a kept row's sources become the document's sources */
static void
cite_publishers (Worker *w, const guint32 *publishers, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      guint64 seen;

      if (!map_lookup (&w->publishers_seen, publishers[i], &seen))
        {
          map_insert (&w->publishers_seen, publishers[i], 1);
          g_array_append_val (w->publishers, publishers[i]);
        }
    }
}

/* Sources last: a publisher becomes a source of the document only with a row that cites it */
static void
convert_row (Worker *w, guint64 line)
{
  const SitmapCsvPlan *plan = w->plan;
  SitmapBulkEvent event = { 0 };
  SpanEntry *types, *actors, *sources;

  event.category = SITMAP_CATEGORY_OTHER;
  w->stamp++;
  for (guint s = 0; s < plan->n_spans; s++)
    if (!resolve_span (w, line, s))
      return;
  types = plan->category_span >= 0 ? w->entries[plan->category_span] : NULL;
  actors = plan->actor_span >= 0 ? w->entries[plan->actor_span] : NULL;
  sources = plan->source_span >= 0 ? w->entries[plan->source_span] : NULL;
  if (!read_time (w, line, &event.time) || !read_sitmap_time (w, line, &event.time) ||
      !read_place (w, line, &event) || !read_precision (w, line, &event))
    return;
  if (types != NULL && types->category != CATEGORY_UNKNOWN)
    event.category = types->category;
  else if (!read_category (w, line, &event))
    return;
  if (!read_sitmap_category (w, line, &event))
    return;
  if (actors != NULL)
    event.actors = actors->actors;
  else if (!read_actors (w, line, &event))
    return;
  if (!read_fatalities (w, line, &event) || !read_texts (w, line, &event) || !read_attributes (w, line, &event))
    return;
  if (sources != NULL)
    {
      if (!sources->cited)
        {
          const Span *span = &w->spans[plan->source_span];
          const guint32 *publishers = &g_array_index (span->publishers, guint32, sources->first_publisher);

          sources->citations = sitmap_event_store_add_citations (w->store, publishers, sources->n_publishers);
          cite_publishers (w, publishers, sources->n_publishers);
          sources->cited = TRUE;
        }
      event.citations = sources->citations;
    }
  else if (!read_sources (w, line, &event))
    return;
  sitmap_event_store_add_bulk (w->store, &event);
}

/*
 * A thread's loop
 */

static void
report_progress (Worker *w)
{
  SitmapCsvPlan *plan = w->plan;
  gsize done = (gsize) (w->scanner.p - w->start);
  int kb = (int) ((done - w->reported) / 1024), total_kb;

  total_kb = g_atomic_int_add (&plan->progress, kb) + kb;
  w->reported += (gsize) kb * 1024;
  /* The last part is the document's making */
  sitmap_import_set_progress (plan->import, 0.9 * total_kb * 1024.0 / MAX (plan->total, 1));
  if (plan->release && done - w->released >= RELEASE_STEP)
    {
      const char *data = g_bytes_get_data (plan->bytes, NULL);

      sitmap_bytes_release (plan->bytes, (gsize) (w->start + w->released - data), done - w->released);
      w->released = done;
    }
}

gpointer
sitmap_csv_worker_run (gpointer data)
{
  Worker *w = data;
  SitmapCsvScanner *scanner = &w->scanner;
  const SitmapCsvLayout *layout = w->plan->layout;
  GCancellable *cancellable = sitmap_import_get_cancellable (w->plan->import);
  guint since_check = 0;

  while (scanner->p < w->stop && w->status == SITMAP_CSV_WORKER_OK)
    {
      guint64 line = scanner->line + 1;
      guint n, bad = 0;
      SitmapCsvRowStatus status = sitmap_csv_scan_row (scanner, w->fields, w->max_fields, &n, &bad);

      if (status == SITMAP_CSV_ROW_END)
        break;
      if (status == SITMAP_CSV_ROW_UNTERMINATED)
        {
          w->status = SITMAP_CSV_WORKER_UNTERMINATED;
          w->status_line = line;
          w->status_column = bad + 1;
          break;
        }
      if (status == SITMAP_CSV_ROW_FIELD_TOO_LONG)
        skip_row (w, line, bad + 1, _("a field longer than 1 MB (a quote left open?)"));
      else if (n == 1 && w->fields[0].length == 0)
        ; /* an empty line */
      else if (n != layout->n_columns)
        skip_row (w, line, 0, g_dngettext (GETTEXT_PACKAGE, "%u field where the header has %u",
                                           "%u fields where the header has %u", n),
                  n, layout->n_columns);
      else
        {
          convert_row (w, line);
          if (++w->rows > SITMAP_CSV_MAX_ROWS)
            w->status = SITMAP_CSV_WORKER_TOO_MANY_ROWS;
        }
      if (++since_check == CHECK_INTERVAL)
        {
          since_check = 0;
          if (g_cancellable_is_cancelled (cancellable))
            w->status = SITMAP_CSV_WORKER_CANCELLED;
          report_progress (w);
        }
    }
  w->end = scanner->p;
  return NULL;
}

/*
 * The worker
 */

SitmapCsvWorker *
sitmap_csv_worker_new (SitmapCsvPlan *plan, const char *start, const char *stop)
{
  const SitmapCsvLayout *layout = plan->layout;
  Worker *w = g_new0 (Worker, 1);

  w->plan = plan;
  w->start = start;
  w->stop = stop;
  sitmap_csv_scanner_init (&w->scanner, start, plan->text_end, layout->delimiter);
  w->store = sitmap_event_store_new ();
  /* About what the range will take, from its size: ACLED's rows run to 400 bytes or more */
  if (stop - start >= RESERVE_MIN)
    sitmap_event_store_reserve (w->store, (guint) MIN ((stop - start) / 400, SITMAP_CSV_MAX_ROWS),
                                (gsize) (stop - start) / 400 * plan->n_attribute_columns, (gsize) (stop - start) / 2);
  w->max_fields = layout->n_columns + 1;
  w->fields = g_new0 (SitmapCsvField, w->max_fields);
  w->scratch = g_new0 (GString *, layout->n_columns);
  w->memos = g_new0 (Memo, layout->n_columns);
  w->row_ids = g_new0 (guint32, layout->n_columns);
  w->row_stamps = g_new0 (guint32, layout->n_columns);
  w->spans = g_new0 (Span, MAX (plan->n_spans, 1));
  w->entries = g_new0 (SpanEntry *, MAX (plan->n_spans, 1));
  for (guint i = 0; i < plan->n_spans; i++)
    {
      w->spans[i].info = &plan->spans[i];
      w->spans[i].keys = g_array_new (FALSE, FALSE, 1);
      w->spans[i].entries = g_array_new (FALSE, FALSE, sizeof (SpanEntry));
      w->spans[i].ids = g_array_new (FALSE, FALSE, sizeof (guint32));
      w->spans[i].values = g_array_new (FALSE, FALSE, sizeof (guint32));
      w->spans[i].publishers = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  w->attribute_names = g_new (guint32, MAX (plan->n_attribute_columns, 1));
  w->attribute_values = g_new (guint32, MAX (plan->n_attribute_columns, 1));
  w->row_names = g_new (guint32, MAX (plan->n_attribute_columns, 1));
  for (guint k = 0; k < plan->n_attribute_columns; k++)
    {
      const char *name = layout->columns[plan->attribute_columns[k]].name;

      w->attribute_names[k] = intern_text (w, name, strlen (name));
    }
  map_init (&w->actor_pairs);
  map_init (&w->actor_runs);
  map_init (&w->figure_runs);
  map_init (&w->source_runs);
  map_init (&w->publishers_seen);
  map_init (&w->titles);
  map_init (&w->categories);
  map_init (&w->canonical_lists);
  map_init (&w->schemas);
  w->pairs = g_array_new (FALSE, FALSE, sizeof (guint32));
  w->publishers = g_array_new (FALSE, FALSE, sizeof (guint32));
  w->parts = g_array_new (FALSE, FALSE, sizeof (guint32));
  w->skips = g_array_new (FALSE, FALSE, sizeof (SitmapCsvSkip));
  w->date_length = G_MAXSIZE;
  return w;
}

void
sitmap_csv_worker_free (SitmapCsvWorker *w)
{
  if (w == NULL)
    return;
  g_clear_pointer (&w->store, sitmap_event_store_free);
  g_free (w->fields);
  for (guint i = 0; i < w->plan->layout->n_columns; i++)
    if (w->scratch[i] != NULL)
      g_string_free (w->scratch[i], TRUE);
  g_free (w->scratch);
  g_free (w->memos);
  g_free (w->row_ids);
  g_free (w->row_stamps);
  for (guint i = 0; i < w->plan->n_spans; i++)
    {
      g_debug ("span of columns %u–%u: %u values, %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " rows found, %s",
               w->spans[i].info->first + 1, w->spans[i].info->first + w->spans[i].info->n, w->spans[i].entries->len,
               w->spans[i].hits, w->spans[i].lookups, w->spans[i].full ? "then read by column" : "kept");
      g_free (w->spans[i].slots);
      g_array_unref (w->spans[i].keys);
      g_array_unref (w->spans[i].entries);
      g_array_unref (w->spans[i].ids);
      g_array_unref (w->spans[i].values);
      g_array_unref (w->spans[i].publishers);
    }
  g_free (w->spans);
  g_free (w->entries);
  g_free (w->attribute_names);
  g_free (w->attribute_values);
  g_free (w->row_names);
  map_clear (&w->actor_pairs);
  map_clear (&w->actor_runs);
  map_clear (&w->figure_runs);
  map_clear (&w->source_runs);
  map_clear (&w->publishers_seen);
  map_clear (&w->titles);
  map_clear (&w->categories);
  map_clear (&w->canonical_lists);
  map_clear (&w->schemas);
  g_array_unref (w->pairs);
  g_array_unref (w->publishers);
  g_array_unref (w->parts);
  for (guint i = 0; i < w->skips->len; i++)
    g_free (g_array_index (w->skips, SitmapCsvSkip, i).reason);
  g_array_unref (w->skips);
  g_free (w);
}

SitmapCsvWorkerStatus
sitmap_csv_worker_get_status (SitmapCsvWorker *self, guint64 *line, guint *column)
{
  g_return_val_if_fail (self != NULL, 0);

  if (line != NULL)
    *line = self->status_line;
  if (column != NULL)
    *column = self->status_column;
  return self->status;
}

const char *
sitmap_csv_worker_get_start (SitmapCsvWorker *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->start;
}

const char *
sitmap_csv_worker_get_end (SitmapCsvWorker *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->end;
}

guint64
sitmap_csv_worker_get_lines (SitmapCsvWorker *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->scanner.line;
}

guint64
sitmap_csv_worker_get_rows (SitmapCsvWorker *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows;
}

GArray *
sitmap_csv_worker_get_skips (SitmapCsvWorker *self, guint64 *n_skipped)
{
  g_return_val_if_fail (self != NULL, NULL);

  *n_skipped = self->n_skipped;
  return self->skips;
}

guint
sitmap_csv_worker_get_n_publishers (SitmapCsvWorker *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->publishers->len;
}

const char *
sitmap_csv_worker_get_publisher (SitmapCsvWorker *self, guint i)
{
  g_return_val_if_fail (self != NULL, NULL);
  return sitmap_event_store_get_string (self->store, g_array_index (self->publishers, guint32, i));
}

SitmapEventStore *
sitmap_csv_worker_steal_store (SitmapCsvWorker *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_steal_pointer (&self->store);
}

/*
 * The plan: which columns are attributes, which make spans
 */

/* What a column is about, for spans: columns of one kind side by side repeat together */
typedef enum
{
  KIND_NONE,   /* not interned: read otherwise, or unique */
  KIND_TYPE,
  KIND_ACTOR,
  KIND_PLACE,
  KIND_SOURCE,
  KIND_OTHER,
} Kind;

static Kind
kind_of (const SitmapCsvLayout *layout, guint column)
{
  static const char *const type_names[] = { "disorder_type", "civilian_targeting", NULL };
  static const char *const actor_names[] = { "inter2", "interaction", NULL };
  static const char *const place_names[] = { "iso", "iso3", "region", "country", "admin1", "admin2", "admin3",
                                             "gwno", NULL };
  const SitmapCsvColumn *c = &layout->columns[column];

  switch (c->role)
    {
    case SITMAP_CSV_ROLE_CATEGORY:
      return c->keep ? KIND_TYPE : KIND_NONE;
    case SITMAP_CSV_ROLE_SUB_EVENT_TYPE:
      return KIND_TYPE;
    case SITMAP_CSV_ROLE_ACTOR1:
    case SITMAP_CSV_ROLE_ASSOC_ACTOR_1:
    case SITMAP_CSV_ROLE_ACTOR2:
    case SITMAP_CSV_ROLE_ASSOC_ACTOR_2:
    case SITMAP_CSV_ROLE_INTER1:
      return KIND_ACTOR;
    case SITMAP_CSV_ROLE_PLACE:
      return KIND_PLACE;
    case SITMAP_CSV_ROLE_SOURCE:
      /* Sources combine publishers freely: with their scale beside them, distinct values outgrow a span. Its
       * citations are kept by the source's text alone. */
      return KIND_NONE;
    case SITMAP_CSV_ROLE_ATTRIBUTE:
      if (!layout->acled)
        return KIND_OTHER;
      if (g_strv_contains (type_names, c->name))
        return KIND_TYPE;
      if (g_strv_contains (actor_names, c->name))
        return KIND_ACTOR;
      if (g_strv_contains (place_names, c->name))
        return KIND_PLACE;
      if (strcmp (c->name, "source_scale") == 0)
        return KIND_SOURCE;
      return KIND_OTHER;
    default:
      return KIND_NONE;
    }
}

/* Columns of another kind than those of ACLED's layouts, side by side, make spans of at most this many */
#define OTHER_SPAN_COLUMNS 4
/* A span's columns, at most */
#define SPAN_COLUMNS 64

static gboolean
holds (const SitmapCsvLayout *layout, const SitmapCsvSpan *span, SitmapCsvRole role)
{
  int column = layout->role_column[role];

  return column >= (int) span->first && column < (int) (span->first + span->n);
}

void
sitmap_csv_plan_init (SitmapCsvPlan *plan, const SitmapCsvLayout *layout)
{
  GArray *spans = g_array_new (FALSE, TRUE, sizeof (SitmapCsvSpan));
  GArray *attributes = g_array_new (FALSE, FALSE, sizeof (int));
  guint i = 0;

  g_return_if_fail (plan != NULL);

  plan->layout = layout;
  plan->attribute_index = g_new (int, MAX (layout->n_columns, 1));
  plan->span_of = g_new (int, MAX (layout->n_columns, 1));
  for (guint c = 0; c < layout->n_columns; c++)
    {
      const SitmapCsvColumn *column = &layout->columns[c];

      plan->span_of[c] = -1;
      plan->attribute_index[c] = -1;
      /* An attribute needs a name */
      if ((column->role == SITMAP_CSV_ROLE_ATTRIBUTE || column->keep) && column->role != SITMAP_CSV_ROLE_IGNORE &&
          *column->name != '\0')
        {
          int index = (int) c;

          plan->attribute_index[c] = (int) attributes->len;
          g_array_append_val (attributes, index);
        }
    }
  while (i < layout->n_columns)
    {
      Kind kind = kind_of (layout, i);
      guint n = 1, limit = kind == KIND_OTHER ? OTHER_SPAN_COLUMNS : SPAN_COLUMNS;

      while (kind != KIND_NONE && i + n < layout->n_columns && n < limit && kind_of (layout, i + n) == kind)
        n++;
      if (kind != KIND_NONE && n >= 2)
        {
          SitmapCsvSpan span = { i, n, FALSE, FALSE, FALSE };

          span.actors = holds (layout, &span, SITMAP_CSV_ROLE_ACTOR1) &&
                        holds (layout, &span, SITMAP_CSV_ROLE_ASSOC_ACTOR_1) &&
                        holds (layout, &span, SITMAP_CSV_ROLE_ACTOR2) &&
                        holds (layout, &span, SITMAP_CSV_ROLE_ASSOC_ACTOR_2);
          span.sources = holds (layout, &span, SITMAP_CSV_ROLE_SOURCE);
          span.category = holds (layout, &span, SITMAP_CSV_ROLE_CATEGORY);
          for (guint c = i; c < i + n; c++)
            plan->span_of[c] = (int) spans->len;
          g_array_append_val (spans, span);
        }
      i += n;
    }
  plan->n_spans = spans->len;
  plan->spans = (SitmapCsvSpan *) (gpointer) g_array_free (spans, FALSE);
  plan->actor_span = plan->source_span = plan->category_span = -1;
  for (guint s = 0; s < plan->n_spans; s++)
    {
      if (plan->spans[s].actors)
        plan->actor_span = (int) s;
      if (plan->spans[s].sources)
        plan->source_span = (int) s;
      if (plan->spans[s].category)
        plan->category_span = (int) s;
    }
  plan->n_attribute_columns = attributes->len;
  plan->attribute_columns = (int *) (gpointer) g_array_free (attributes, FALSE);
}

void
sitmap_csv_plan_clear (SitmapCsvPlan *plan)
{
  g_clear_pointer (&plan->attribute_columns, g_free);
  g_clear_pointer (&plan->attribute_index, g_free);
  g_clear_pointer (&plan->span_of, g_free);
  g_clear_pointer (&plan->spans, g_free);
  plan->n_spans = 0;
  plan->n_attribute_columns = 0;
}
