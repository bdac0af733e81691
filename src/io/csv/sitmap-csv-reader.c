/* sitmap-csv-reader.c: a table of events in, by every core
 *
 * The file is never copied (a mapped file is read where it lies, and given back behind the cursor). Its rows
 * are cut into as many ranges as there are cores, at record boundaries found by speculation (a line break
 * whose next two lines read as whole rows) and checked afterwards (the range before must end exactly there;
 * if not, the file is read again by one thread). Each thread fills an event store of its own: text copied
 * once, repeated text interned, runs of actors, figures and sources made once per distinct value and shared.
 * The stores are joined in the file's order, so the events, their order, the line numbers of skipped rows and
 * the sources are what one thread would have made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sitmap-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "sitmap-csv-private.h"
#include "sitmap-csv-reader.h"
#include "sitmap-document-builder.h"
#include "sitmap-error.h"
#include "sitmap-load-bytes.h"
#include "sitmap-string-table.h"

/* Rows between two looks at the cancellable and reports of progress */
#define CHECK_INTERVAL 4096
/* Below this, one thread: starting others costs more than it saves */
#define MIN_BYTES_PER_THREAD (4 * 1024 * 1024)
#define MAX_THREADS 8
/* Bytes given back to the system at a time, behind a thread's cursor */
#define RELEASE_STEP (8 * 1024 * 1024)
/* Rows the guesses look at */
#define N_SAMPLE 200
/* The head the delimiter is sniffed from */
#define SNIFF_SIZE (64 * 1024)
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

/*
 * One thread's share
 */

typedef struct
{
  guint64 line;   /* from the start of the thread's range */
  guint   column;
  char   *reason; /* NULL past the reasons kept */
} Skip;

/* The last value of a column, and its string: rows repeat their neighbours' values. */
typedef struct
{
  const char *bytes;
  guint32     length;
  guint32     id;
} Memo;

typedef enum
{
  WORKER_OK,
  WORKER_UNTERMINATED,  /* a quote opens and the file ends inside it */
  WORKER_NOT_UTF8,      /* text that is not UTF-8: the file must be converted */
  WORKER_TOO_MANY_ROWS,
  WORKER_CANCELLED,
} WorkerStatus;

typedef struct _Reader Reader;

/* Adjacent columns whose values repeat together (ACLED's event types, an actor and its associates, a
 * place and its admin areas): their raw bytes, one key, give every column's string in one lookup. */
typedef struct
{
  guint    first;   /* column */
  guint    n;       /* columns */
  guint64 *slots;   /* hash << 32 | entry + 1 */
  guint32  mask;
  guint32  n_entries;
  GArray  *keys;    /* the raw bytes of every entry */
  GArray  *entries; /* guint32 offset, length of its key; then n string ids */
  gboolean full;    /* too many distinct values to be worth it: the columns are interned one by one */
} Span;

typedef struct
{
  Reader           *reader;
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
  GArray           *skips;        /* Skip */
  guint64           n_skipped;
  guint64           rows;
  WorkerStatus      status;
  guint64           status_line;   /* for UNTERMINATED */
  guint             status_column;
  const char       *end;          /* where its last record ended */
  gsize             released;     /* bytes of the range given back */
  gsize             reported;     /* bytes of progress reported */
} Worker;

struct _Reader
{
  GBytes                *bytes;      /* what the file's text lies in */
  const char            *text;
  const char            *text_end;
  SitmapImport          *import;
  const SitmapCsvLayout *layout;
  const int             *attribute_columns;
  guint                  n_attribute_columns;
  const guint           *span_columns; /* first, n, first, n… */
  guint                  n_spans;
  gboolean               release;    /* the text is a mapped file: give it back behind the cursor */
  guint                  max_threads;
  gsize                  min_bytes;  /* a thread's least share */
  int                    progress;   /* atomic: kilobytes read by every thread */
  gsize                  total;
};

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
  return sitmap_csv_field_text (field, w->reader->layout->delimiter, scratch_of (w, (guint) column), length);
}

static int
role (Worker *w, SitmapCsvRole r)
{
  return w->reader->layout->role_column[r];
}

static void G_GNUC_PRINTF (4, 5)
skip_row (Worker *w, guint64 line, guint column, const char *format, ...)
{
  Skip skip = { line, column, NULL };

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
      w->status = WORKER_NOT_UTF8;
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
  const SitmapCsvLayout *layout = w->reader->layout;
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

  if (sitmap_csv_parse_double (text, length, w->reader->layout->delimiter != ',', value) && *value >= -limit &&
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
  gsize length;
  const char *text;
  guint64 value;

  if (type == G_MAXUINT32)
    return FALSE;
  if (type != 0)
    {
      if (!map_lookup (&w->categories, type, &value))
        {
          const char *name = sitmap_event_store_get_string (w->store, type);

          if (!w->reader->layout->acled)
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
  column = role (w, SITMAP_CSV_ROLE_SITMAP_CATEGORY);
  text = cell (w, column, &length);
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
  if (w->reader->layout->acled)
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
is_derived (Worker *w, int column, guint32 id, const SitmapBulkEvent *event)
{
  const SitmapCsvLayout *layout = w->reader->layout;

  if (!layout->acled)
    return FALSE;
  if (column == layout->role_column[SITMAP_CSV_ROLE_CATEGORY])
    return g_strcmp0 (sitmap_event_store_get_string (w->store, id), sitmap_csv_acled_event_type (event->category)) == 0;
  if (column == layout->role_column[SITMAP_CSV_ROLE_ASSOC_ACTOR_2])
    return is_joined_list (w, id);
  return FALSE;
}

static gboolean
read_attributes (Worker *w, guint64 line, SitmapBulkEvent *event)
{
  const Reader *reader = w->reader;
  guint64 mask = 0, schema;
  guint n = 0;

  for (guint k = 0; k < reader->n_attribute_columns; k++)
    {
      guint32 id = intern_cell (w, line, reader->attribute_columns[k]);

      if (id == G_MAXUINT32)
        return FALSE;
      if (id == 0 || is_derived (w, reader->attribute_columns[k], id, event))
        continue;
      w->attribute_values[n] = id;
      w->row_names[n] = w->attribute_names[k];
      n++;
      if (k < MASK_COLUMNS)
        mask |= (guint64) 1 << k;
    }
  if (reader->n_attribute_columns > MASK_COLUMNS)
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

/* A span's distinct values, at most: past this its columns are interned one by one */
#define SPAN_MAX_ENTRIES 65536

static void
span_insert (Span *span, guint32 hash, const char *key, guint32 length, const guint32 *ids)
{
  guint32 entry[2] = { span->keys->len, length }, i;

  if (span->slots == NULL || (span->n_entries + 1) * 2 > span->mask + 1)
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
  g_array_append_vals (span->keys, key, length);
  g_array_append_vals (span->entries, entry, 2);
  g_array_append_vals (span->entries, ids, span->n);
  span->n_entries++;
  for (i = hash & span->mask; span->slots[i] != 0; i = (i + 1) & span->mask)
    ;
  span->slots[i] = (guint64) hash << 32 | span->n_entries;
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

/* The strings of the span's columns in this row into row_ids; FALSE when the row cannot be kept */
static gboolean
resolve_span (Worker *w, guint64 line, Span *span)
{
  const SitmapCsvField *first = &w->fields[span->first], *last = &w->fields[span->first + span->n - 1];
  const char *key = first->start;
  guint32 length = (guint32) (last->start + last->length - first->start), hash, stride = 2 + span->n;
  guint32 ids[8];

  if (span->full)
    return TRUE;
  hash = span_hash (key, length);
  for (guint32 i = hash & span->mask; span->slots != NULL && span->slots[i] != 0; i = (i + 1) & span->mask)
    {
      const guint32 *entry;

      if ((guint32) (span->slots[i] >> 32) != hash)
        continue;
      entry = &g_array_index (span->entries, guint32, ((guint32) span->slots[i] - 1) * stride);
      if (entry[1] == length && memcmp (&g_array_index (span->keys, char, entry[0]), key, length) == 0)
        {
          for (guint c = 0; c < span->n; c++)
            {
              w->row_ids[span->first + c] = entry[2 + c];
              w->row_stamps[span->first + c] = w->stamp;
            }
          return TRUE;
        }
    }
  for (guint c = 0; c < span->n; c++)
    {
      ids[c] = intern_cell (w, line, (int) (span->first + c));
      if (ids[c] == G_MAXUINT32)
        return FALSE;
    }
  if (span->n_entries >= SPAN_MAX_ENTRIES)
    span->full = TRUE;
  else
    span_insert (span, hash, key, length, ids);
  return TRUE;
}

/* Sources last: a publisher becomes a source of the document only with a row that cites it */
static void
convert_row (Worker *w, guint64 line)
{
  SitmapBulkEvent event = { 0 };

  event.category = SITMAP_CATEGORY_OTHER;
  w->stamp++;
  for (guint i = 0; i < w->reader->n_spans; i++)
    if (!resolve_span (w, line, &w->spans[i]))
      return;
  if (!read_time (w, line, &event.time) || !read_sitmap_time (w, line, &event.time) ||
      !read_place (w, line, &event) || !read_precision (w, line, &event) || !read_category (w, line, &event) ||
      !read_actors (w, line, &event) || !read_fatalities (w, line, &event) || !read_texts (w, line, &event) ||
      !read_attributes (w, line, &event) || !read_sources (w, line, &event))
    return;
  sitmap_event_store_add_bulk (w->store, &event);
}

/*
 * A thread's loop
 */

static void
report_progress (Worker *w)
{
  Reader *reader = w->reader;
  gsize done = (gsize) (w->scanner.p - w->start);
  int kb = (int) ((done - w->reported) / 1024), total_kb;

  total_kb = g_atomic_int_add (&reader->progress, kb) + kb;
  w->reported += (gsize) kb * 1024;
  /* The last part is the document's making */
  sitmap_import_set_progress (reader->import, 0.9 * total_kb * 1024.0 / MAX (reader->total, 1));
  if (reader->release && done - w->released >= RELEASE_STEP)
    {
      const char *data = g_bytes_get_data (reader->bytes, NULL);

      sitmap_bytes_release (reader->bytes, (gsize) (w->start + w->released - data), done - w->released);
      w->released = done;
    }
}

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  SitmapCsvScanner *scanner = &w->scanner;
  const SitmapCsvLayout *layout = w->reader->layout;
  GCancellable *cancellable = sitmap_import_get_cancellable (w->reader->import);
  guint since_check = 0;

  while (scanner->p < w->stop && w->status == WORKER_OK)
    {
      guint64 line = scanner->line + 1;
      guint n, bad = 0;
      SitmapCsvRowStatus status = sitmap_csv_scan_row (scanner, w->fields, w->max_fields, &n, &bad);

      if (status == SITMAP_CSV_ROW_END)
        break;
      if (status == SITMAP_CSV_ROW_UNTERMINATED)
        {
          w->status = WORKER_UNTERMINATED;
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
            w->status = WORKER_TOO_MANY_ROWS;
        }
      if (++since_check == CHECK_INTERVAL)
        {
          since_check = 0;
          if (g_cancellable_is_cancelled (cancellable))
            w->status = WORKER_CANCELLED;
          report_progress (w);
        }
    }
  w->end = scanner->p;
  return NULL;
}

static void
worker_init (Worker *w, Reader *reader, const char *start, const char *stop)
{
  const SitmapCsvLayout *layout = reader->layout;

  memset (w, 0, sizeof *w);
  w->reader = reader;
  w->start = start;
  w->stop = stop;
  sitmap_csv_scanner_init (&w->scanner, start, reader->text_end, layout->delimiter);
  w->store = sitmap_event_store_new ();
  w->max_fields = layout->n_columns + 1;
  w->fields = g_new0 (SitmapCsvField, w->max_fields);
  w->scratch = g_new0 (GString *, layout->n_columns);
  w->memos = g_new0 (Memo, layout->n_columns);
  w->row_ids = g_new0 (guint32, layout->n_columns);
  w->row_stamps = g_new0 (guint32, layout->n_columns);
  w->spans = g_new0 (Span, MAX (reader->n_spans, 1));
  for (guint i = 0; i < reader->n_spans; i++)
    {
      w->spans[i].first = reader->span_columns[2 * i];
      w->spans[i].n = reader->span_columns[2 * i + 1];
      w->spans[i].keys = g_array_new (FALSE, FALSE, 1);
      w->spans[i].entries = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  w->attribute_names = g_new (guint32, MAX (reader->n_attribute_columns, 1));
  w->attribute_values = g_new (guint32, MAX (reader->n_attribute_columns, 1));
  w->row_names = g_new (guint32, MAX (reader->n_attribute_columns, 1));
  for (guint k = 0; k < reader->n_attribute_columns; k++)
    {
      const char *name = layout->columns[reader->attribute_columns[k]].name;

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
  w->skips = g_array_new (FALSE, FALSE, sizeof (Skip));
  w->date_length = G_MAXSIZE;
}

static void
worker_clear (Worker *w)
{
  g_clear_pointer (&w->store, sitmap_event_store_free);
  g_free (w->fields);
  for (guint i = 0; w->scratch != NULL && i < w->reader->layout->n_columns; i++)
    if (w->scratch[i] != NULL)
      g_string_free (w->scratch[i], TRUE);
  g_free (w->scratch);
  g_free (w->memos);
  g_free (w->row_ids);
  g_free (w->row_stamps);
  for (guint i = 0; w->spans != NULL && i < w->reader->n_spans; i++)
    {
      g_free (w->spans[i].slots);
      g_array_unref (w->spans[i].keys);
      g_array_unref (w->spans[i].entries);
    }
  g_free (w->spans);
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
  for (guint i = 0; w->skips != NULL && i < w->skips->len; i++)
    g_free (g_array_index (w->skips, Skip, i).reason);
  g_clear_pointer (&w->skips, g_array_unref);
}

/*
 * Splitting the rows between threads
 */

/* Whether a record begins at p: it and the next read as whole rows of the header's width. */
static gboolean
starts_record (const Reader *reader, const char *p)
{
  SitmapCsvScanner scanner;

  sitmap_csv_scanner_init (&scanner, p, reader->text_end, reader->layout->delimiter);
  for (guint i = 0; i < 2; i++)
    {
      guint n, bad;

      if (sitmap_csv_scan_row (&scanner, NULL, 0, &n, &bad) != SITMAP_CSV_ROW_OK || n != reader->layout->n_columns)
        return FALSE;
      /* A row must end with its line, not with the data */
      if (scanner.p >= scanner.end && i == 0)
        return FALSE;
    }
  return TRUE;
}

/* A record boundary at or after from, or NULL when none is found soon */
static const char *
find_boundary (const Reader *reader, const char *from, const char *limit)
{
  const char *p = from;

  for (guint tries = 0; tries < 1000 && p < limit; tries++)
    {
      const char *newline = memchr (p, '\n', limit - p);

      if (newline == NULL)
        return NULL;
      if (starts_record (reader, newline + 1))
        return newline + 1;
      p = newline + 1;
    }
  return NULL;
}

static guint
choose_ranges (const Reader *reader, const char *data, const char **bounds)
{
  gsize size = reader->text_end - data;
  guint n = reader->max_threads ? reader->max_threads : g_get_num_processors (), k = 1;

  n = CLAMP (n, 1, MAX_THREADS);
  n = (guint) MIN (n, MAX (size / MAX (reader->min_bytes, 1), 1));
  bounds[0] = data;
  for (guint t = 1; t < n; t++)
    {
      const char *boundary = find_boundary (reader, data + size * t / n, data + size * (t + 1) / n);

      if (boundary != NULL && boundary > bounds[k - 1])
        bounds[k++] = boundary;
    }
  bounds[k] = reader->text_end;
  return k;
}

/* Runs the workers on their ranges; FALSE when a range did not end where the next began (the speculation
 * failed: a line break inside a quoted field looked like a record's end). */
static gboolean
run_workers (Worker *workers, guint n)
{
  g_autofree GThread **threads = g_new0 (GThread *, n);
  gboolean ok = TRUE;

  for (guint t = 1; t < n; t++)
    threads[t] = g_thread_new ("sitmap-csv", worker_run, &workers[t]);
  worker_run (&workers[0]);
  for (guint t = 1; t < n; t++)
    g_thread_join (threads[t]);
  for (guint t = 0; t + 1 < n; t++)
    if (workers[t].status == WORKER_OK && workers[t].end != workers[t + 1].start)
      ok = FALSE;
  return ok;
}

/*
 * The header
 */

typedef struct
{
  GPtrArray *headers;  /* char *, NULL-terminated */
  GPtrArray *sample;   /* char *, n_columns a row */
  guint      n_sample;
  const char *data;    /* the first record after the header */
  guint64     lines;   /* lines the header takes */
} Head;

static void
head_clear (Head *head)
{
  g_clear_pointer (&head->headers, g_ptr_array_unref);
  g_clear_pointer (&head->sample, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Head, head_clear)

static gboolean
fail (GError **error, SitmapImport *import, int code, guint line, const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (GError **error, SitmapImport *import, int code, guint line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    /* TRANSLATORS: a file name, a line number, then what is wrong there */
    g_set_error (error, SITMAP_DOCUMENT_ERROR, code, _("%s: line %u: %s"), sitmap_import_get_display_name (import),
                 line, message);
  else
    /* TRANSLATORS: a file name, then what is wrong with it */
    g_set_error (error, SITMAP_DOCUMENT_ERROR, code, _("%s: %s"), sitmap_import_get_display_name (import), message);
  return FALSE;
}

/* The header's names, and a sample of the rows after it, as text. FALSE with error set, or with *not_utf8
 * when the header is not UTF-8. */
static gboolean
read_head (Reader *reader, char delimiter, Head *head, gboolean *not_utf8, GError **error)
{
  SitmapCsvScanner scanner;
  g_autofree SitmapCsvField *fields = g_new0 (SitmapCsvField, SITMAP_CSV_MAX_COLUMNS + 1);
  g_autoptr (GString) scratch = g_string_new (NULL);
  const char *newline;
  guint n, bad;

  /* A table's first line is short: a megabyte without a line break is not one */
  newline = memchr (reader->text, '\n', MIN ((gsize) (reader->text_end - reader->text), SITMAP_CSV_MAX_HEADER));
  if (newline == NULL && reader->text_end - reader->text > SITMAP_CSV_MAX_HEADER)
    return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1,
                 _("the first line is longer than 1 MB: it is not the header of a table"));
  sitmap_csv_scanner_init (&scanner, reader->text, reader->text_end, delimiter);
  switch (sitmap_csv_scan_row (&scanner, fields, SITMAP_CSV_MAX_COLUMNS + 1, &n, &bad))
    {
    case SITMAP_CSV_ROW_END:
      return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_MALFORMED, 0, _("the file is empty"));
    case SITMAP_CSV_ROW_UNTERMINATED:
      /* TRANSLATORS: in a file's table header */
      return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_MALFORMED, 1,
                   _("the quote that opens column %u never closes"), bad + 1);
    case SITMAP_CSV_ROW_FIELD_TOO_LONG:
    case SITMAP_CSV_ROW_OK:
    default:
      break;
    }
  if (scanner.p - reader->text > SITMAP_CSV_MAX_HEADER)
    return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1,
                 _("the header is longer than 1 MB: it is not the header of a table"));
  if (n > SITMAP_CSV_MAX_COLUMNS)
    return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 1,
                 _("the header has more than %d columns, more than Sitmap reads"), SITMAP_CSV_MAX_COLUMNS);
  head->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      gsize length, offset;
      const char *text = sitmap_csv_field_text (&fields[i], delimiter, scratch, &length);

      switch (sitmap_csv_check_utf8 (text, length, &offset))
        {
        case 2:
          return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_MALFORMED, 1,
                       _("the header holds a NUL character: this is not a text file"));
        case 1:
          *not_utf8 = TRUE;
          return FALSE;
        default:
          break;
        }
      g_ptr_array_add (head->headers, g_strndup (text, length));
    }
  g_ptr_array_add (head->headers, NULL);
  head->lines = scanner.line;
  head->data = scanner.p;

  /* The first rows, for the guesses that look at values */
  head->sample = g_ptr_array_new_with_free_func (g_free);
  while (head->n_sample < N_SAMPLE)
    {
      SitmapCsvRowStatus status;
      guint m;

      status = sitmap_csv_scan_row (&scanner, fields, SITMAP_CSV_MAX_COLUMNS + 1, &m, &bad);
      if (status == SITMAP_CSV_ROW_END || status == SITMAP_CSV_ROW_UNTERMINATED)
        break;
      if (status != SITMAP_CSV_ROW_OK || m != n)
        continue;
      for (guint i = 0; i < n; i++)
        {
          gsize length;
          const char *text = sitmap_csv_field_text (&fields[i], delimiter, scratch, &length);

          g_ptr_array_add (head->sample, g_utf8_make_valid (text, (gssize) MIN (length, 256)));
        }
      head->n_sample++;
    }
  return TRUE;
}

/*
 * Encodings
 */

/* Windows-1252 beyond ASCII; bytes it leaves undefined become U+FFFD */
static const guint16 windows_1252[128] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
  0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
  0x0153, 0xFFFD, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9,
  0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5,
  0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3,
  0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1,
  0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
  0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD,
  0x00FE, 0x00FF,
};

static GBytes *
convert_windows_1252 (const char *text, gsize length)
{
  GString *out = g_string_sized_new (length + length / 8 + 16);

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = (guint8) text[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_unichar (out, windows_1252[c - 0x80]);
    }
  return g_string_free_to_bytes (out);
}

/* Whether text holds any valid multi-byte UTF-8 sequence: then bytes that are not are errors in UTF-8 text,
 * not another encoding. */
static gboolean
has_utf8_sequences (const char *text, gsize length)
{
  const char *p = text, *end = text + length;

  while (p < end)
    {
      const char *bad;
      gsize n = end - p;

      if (g_utf8_validate_len (p, n, &bad))
        bad = end;
      for (const char *q = p; q < bad; q++)
        if ((guint8) *q >= 0x80)
          return TRUE;
      p = bad + 1;
    }
  return FALSE;
}

/* Where the first byte that is not UTF-8 is: its line */
static guint64
line_of_offset (const char *text, gsize offset)
{
  guint64 line = 1;
  const char *p = text, *end = text + offset;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      line++;
      p++;
    }
  return line;
}

static gsize
first_invalid (const char *text, gsize length)
{
  const char *bad;

  for (const char *p = text; p < text + length; p = bad + 1)
    {
      if (g_utf8_validate_len (p, text + length - p, &bad))
        return length;
      if (*bad != '\0')
        return bad - text;
    }
  return length;
}

static gboolean
is_name (const char *option, const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (option, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *const windows_names[] = { "windows-1252", "cp1252", "latin1", "latin-1", "iso-8859-1",
                                             "iso8859-1", "iso-8859-15", NULL };

/* The text to read: past a UTF-8 byte order mark, converted from UTF-16 or from an encoding the import's
 * "encoding" option declares. *converted holds what was made. */
static gboolean
prepare_text (Reader *reader, GBytes *bytes, GBytes **converted, GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *encoding = sitmap_import_get_option (reader->import, "encoding");
  const char *utf16 = NULL;

  reader->bytes = bytes;
  reader->release = sitmap_bytes_is_mapped (bytes);
  if (size >= 2 && (guint8) data[0] == 0xFF && (guint8) data[1] == 0xFE)
    utf16 = "UTF-16LE";
  else if (size >= 2 && (guint8) data[0] == 0xFE && (guint8) data[1] == 0xFF)
    utf16 = "UTF-16BE";
  if (utf16 != NULL)
    {
      gsize written = 0;
      g_autoptr (GError) local = NULL;
      char *text = g_convert (data + 2, (size - 2) & ~(gsize) 1, "UTF-8", utf16, NULL, &written, &local);

      if (text == NULL)
        return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_MALFORMED, 0,
                     _("the file says it is UTF-16 but is not: %s"), local->message);
      *converted = g_bytes_new_take (text, written);
      reader->release = FALSE;
      /* TRANSLATORS: an encoding's name */
      sitmap_import_note (reader->import, 0, 0, _("Converted from %s"), utf16);
    }
  else if (encoding != NULL && is_name (encoding, windows_names))
    {
      *converted = convert_windows_1252 (data, size);
      reader->release = FALSE;
      sitmap_import_note (reader->import, 0, 0, _("Converted from Windows-1252, as asked"));
    }
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "utf-8") != 0 && g_ascii_strcasecmp (encoding, "utf8") != 0)
    return fail (error, reader->import, SITMAP_DOCUMENT_ERROR_INVALID_VALUE, 0,
                 _("Sitmap reads tables in UTF-8, UTF-16 and Windows-1252 (Latin-1), not in %s"), encoding);
  if (*converted != NULL)
    data = g_bytes_get_data (*converted, &size);
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  reader->text = data;
  reader->text_end = data + size;
  reader->total = size;
  return TRUE;
}

/* Text that is not UTF-8: Windows-1252 when it has no UTF-8 at all, else UTF-8 with errors, repaired. */
static void
reencode (Reader *reader, GBytes **converted)
{
  gsize length = reader->text_end - reader->text;
  GBytes *made;

  if (!has_utf8_sequences (reader->text, length))
    {
      made = convert_windows_1252 (reader->text, length);
      sitmap_import_note (reader->import, 0, 0,
                          _("The file is not UTF-8: it was read as Windows-1252 (Latin-1), the encoding of "
                            "spreadsheets on Windows"));
    }
  else
    {
      gsize offset = first_invalid (reader->text, length);
      char *repaired = g_utf8_make_valid (reader->text, (gssize) length);

      made = g_bytes_new_take (repaired, strlen (repaired));
      sitmap_import_note (reader->import, (guint) MIN (line_of_offset (reader->text, offset), G_MAXUINT), 0,
                          _("Bytes that are not UTF-8, from here on, were replaced with “\xEF\xBF\xBD”"));
    }
  g_clear_pointer (converted, g_bytes_unref);
  *converted = made;
  reader->release = FALSE;
  reader->text = g_bytes_get_data (made, &length);
  reader->text_end = reader->text + length;
  reader->total = length;
}

/*
 * Reading
 */

typedef enum
{
  READ_DONE,
  READ_FAILED,
  READ_REENCODE,
} ReadResult;

/* The columns Sitmap only interns (and keeps, or reads as names): what spans are made of */
static gboolean
is_interned (const SitmapCsvLayout *layout, guint column)
{
  switch (layout->columns[column].role)
    {
    case SITMAP_CSV_ROLE_ATTRIBUTE:
    case SITMAP_CSV_ROLE_PLACE:
    case SITMAP_CSV_ROLE_SOURCE:
    case SITMAP_CSV_ROLE_ACTOR1:
    case SITMAP_CSV_ROLE_ASSOC_ACTOR_1:
    case SITMAP_CSV_ROLE_ACTOR2:
    case SITMAP_CSV_ROLE_ASSOC_ACTOR_2:
    case SITMAP_CSV_ROLE_SUB_EVENT_TYPE:
    case SITMAP_CSV_ROLE_INTER1:
      return TRUE;
    case SITMAP_CSV_ROLE_CATEGORY:
      return layout->columns[column].keep;
    default:
      return FALSE;
    }
}

/* Runs of at most four adjacent interned columns: the longer the run, the fewer lookups, and the more
 * distinct values (the key is every column's at once). */
#define SPAN_MAX_COLUMNS 4

static void
add_spans (const SitmapCsvLayout *layout, GArray *spans)
{
  guint i = 0;

  while (i < layout->n_columns)
    {
      guint n = 0;

      while (i + n < layout->n_columns && n < SPAN_MAX_COLUMNS && is_interned (layout, i + n))
        n++;
      if (n >= 2)
        {
          guint span[2] = { i, n };

          g_array_append_vals (spans, span, 2);
        }
      i += MAX (n, 1);
    }
}

static void
add_attribute_columns (const SitmapCsvLayout *layout, GArray *columns)
{
  for (guint i = 0; i < layout->n_columns; i++)
    if (layout->columns[i].role == SITMAP_CSV_ROLE_ATTRIBUTE || layout->columns[i].keep)
      {
        int column = (int) i;

        /* An attribute needs a name */
        if (*layout->columns[i].name != '\0' && layout->columns[i].role != SITMAP_CSV_ROLE_IGNORE)
          g_array_append_val (columns, column);
      }
}

/* What the workers found, into the import and the builder, in the file's order */
static SitmapDocument *
join_workers (Reader *reader, Worker *workers, guint n, guint64 header_lines, GError **error)
{
  g_autoptr (SitmapDocumentBuilder) builder = sitmap_document_builder_new ();
  guint64 base = header_lines, rows = 0;
  gint64 start_time = g_get_monotonic_time ();

  for (guint t = 0; t < n; t++)
    {
      Worker *w = &workers[t];

      if (w->status == WORKER_CANCELLED)
        {
          sitmap_import_cancelled (reader->import, error);
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          return NULL;
        }
      if (w->status == WORKER_UNTERMINATED)
        {
          fail (error, reader->import, SITMAP_DOCUMENT_ERROR_MALFORMED, (guint) MIN (base + w->status_line, G_MAXUINT),
                _("column %u: its quote opens here and never closes: the rest of the file would be one field"),
                w->status_column);
          return NULL;
        }
      rows += w->rows;
      if (w->status == WORKER_TOO_MANY_ROWS || rows > SITMAP_CSV_MAX_ROWS)
        {
          fail (error, reader->import, SITMAP_DOCUMENT_ERROR_TOO_LARGE, 0,
                _("the table has more than %d rows, more than Sitmap reads"), SITMAP_CSV_MAX_ROWS);
          return NULL;
        }
    }
  for (guint t = 0; t < n; t++)
    {
      Worker *w = &workers[t];
      guint64 kept_skips = w->skips->len;

      for (guint i = 0; i < w->skips->len; i++)
        {
          Skip *skip = &g_array_index (w->skips, Skip, i);

          sitmap_import_skip (reader->import, (guint) MIN (base + skip->line, G_MAXUINT), skip->column, "%s",
                              skip->reason);
        }
      for (guint64 i = kept_skips; i < w->n_skipped; i++)
        sitmap_import_skip (reader->import, 0, 0, "%s", "");
      base += w->scanner.line;
      /* Every publisher a source, in the order first cited */
      for (guint i = 0; i < w->publishers->len; i++)
        {
          const char *name = sitmap_event_store_get_string (w->store, g_array_index (w->publishers, guint32, i));

          sitmap_source_set_name (sitmap_document_builder_add_source (builder, name), name);
        }
      sitmap_document_builder_add_events (builder, g_steal_pointer (&w->store));
    }
  g_debug ("joined in %.3f s", (g_get_monotonic_time () - start_time) / 1e6);
  return sitmap_document_builder_finish (g_steal_pointer (&builder));
}

static ReadResult
read_table (Reader *reader, SitmapDocument **document, GError **error)
{
  char delimiter = sitmap_csv_sniff_delimiter (reader->text, MIN ((gsize) (reader->text_end - reader->text),
                                                                   SNIFF_SIZE), NULL);
  SitmapCsvLayout layout = { 0 };
  g_auto (Head) head = { 0 };
  g_autoptr (GArray) attribute_columns = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *bounds[MAX_THREADS + 1];
  Worker workers[MAX_THREADS];
  gboolean not_utf8 = FALSE, split_ok;
  gint64 start_time;
  guint n;

  if (delimiter == 0)
    delimiter = ',';
  if (!read_head (reader, delimiter, &head, &not_utf8, error))
    return not_utf8 ? READ_REENCODE : READ_FAILED;
  if (!sitmap_csv_layout_init (&layout, delimiter, (const char *const *) head.headers->pdata, head.headers->len - 1,
                               (const char *const *) head.sample->pdata, head.n_sample, reader->import, error))
    {
      sitmap_csv_layout_clear (&layout);
      return READ_FAILED;
    }
  if (layout.acled)
    sitmap_import_report_set_format_name (sitmap_import_get_report (reader->import), _("ACLED CSV"));
  reader->layout = &layout;
  add_attribute_columns (&layout, attribute_columns);
  reader->attribute_columns = (const int *) (gpointer) attribute_columns->data;
  reader->n_attribute_columns = attribute_columns->len;
  add_spans (&layout, spans);
  reader->span_columns = (const guint *) (gpointer) spans->data;
  reader->n_spans = spans->len / 2;

  start_time = g_get_monotonic_time ();
  n = choose_ranges (reader, head.data, bounds);
  for (guint t = 0; t < n; t++)
    worker_init (&workers[t], reader, bounds[t], bounds[t + 1]);
  split_ok = run_workers (workers, n);
  g_debug ("%u threads read %zu bytes in %.3f s", n, (gsize) (reader->text_end - head.data),
           (g_get_monotonic_time () - start_time) / 1e6);
  if (!split_ok)
    {
      /* The speculation failed: one thread reads it all again */
      g_debug ("a range did not end where the next began: read again by one thread");
      for (guint t = 0; t < n; t++)
        worker_clear (&workers[t]);
      g_atomic_int_set (&reader->progress, 0);
      n = 1;
      worker_init (&workers[0], reader, head.data, reader->text_end);
      run_workers (workers, 1);
    }
  for (guint t = 0; t < n; t++)
    if (workers[t].status == WORKER_NOT_UTF8)
      {
        for (guint k = 0; k < n; k++)
          worker_clear (&workers[k]);
        sitmap_csv_layout_clear (&layout);
        return READ_REENCODE;
      }
  start_time = g_get_monotonic_time ();
  *document = join_workers (reader, workers, n, head.lines, error);
  g_debug ("joined and finished in %.3f s", (g_get_monotonic_time () - start_time) / 1e6);
  for (guint t = 0; t < n; t++)
    worker_clear (&workers[t]);
  sitmap_csv_layout_clear (&layout);
  return *document != NULL ? READ_DONE : READ_FAILED;
}

SitmapDocument *
sitmap_csv_read (GBytes *bytes, SitmapImport *import, GError **error)
{
  return sitmap_csv_read_full (bytes, import, 0, 0, error);
}

SitmapDocument *
sitmap_csv_read_full (GBytes *bytes, SitmapImport *import, guint max_threads, gsize min_bytes, GError **error)
{
  g_autoptr (GBytes) converted = NULL;
  SitmapDocument *document = NULL;
  Reader reader = { 0 };
  ReadResult result;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader.import = import;
  reader.max_threads = max_threads;
  reader.min_bytes = min_bytes ? min_bytes : MIN_BYTES_PER_THREAD;
  if (!prepare_text (&reader, bytes, &converted, error))
    return NULL;
  result = read_table (&reader, &document, error);
  if (result == READ_REENCODE)
    {
      reencode (&reader, &converted);
      result = read_table (&reader, &document, error);
      /* Converted text is valid UTF-8: a second failure of that kind cannot happen */
      g_assert (result != READ_REENCODE);
    }
  return result == READ_DONE ? document : NULL;
}

/*
 * Sniffing
 */

guint
sitmap_csv_sniff (const guint8 *head, gsize length)
{
  const char *text = (const char *) head;
  g_autoptr (GPtrArray) headers = NULL;
  g_autoptr (GString) scratch = NULL;
  SitmapCsvField fields[64];
  SitmapCsvScanner scanner;
  guint n_columns, n, bad;
  char delimiter;
  gsize i = 0;

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (text[i]))
    i++;
  /* XML, JSON and binary files are not tables */
  if (i >= length || text[i] == '<' || text[i] == '{' || text[i] == '[' || memchr (text, '\0', length) != NULL)
    return 0;
  delimiter = sitmap_csv_sniff_delimiter (text, length, &n_columns);
  if (delimiter == 0)
    return 0;
  sitmap_csv_scanner_init (&scanner, text, text + length, delimiter);
  sitmap_csv_scan_row (&scanner, fields, G_N_ELEMENTS (fields), &n, &bad);
  headers = g_ptr_array_new_with_free_func (g_free);
  scratch = g_string_new (NULL);
  for (guint k = 0; k < MIN (n, G_N_ELEMENTS (fields)); k++)
    {
      gsize field_length;
      const char *field = sitmap_csv_field_text (&fields[k], delimiter, scratch, &field_length);

      g_ptr_array_add (headers, g_strndup (field, field_length));
    }
  if (sitmap_csv_is_acled_header ((const char *const *) headers->pdata, headers->len))
    return 90;
  return 15;
}

/*
 * --columns
 */

static char *
dup_field_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
    {
      if (f > 0)
        g_string_append (names, ", ");
      g_string_append (names, sitmap_import_field_get_name (f));
    }
  return g_string_free (names, FALSE);
}

/* A column's name from p: in double quotes (with "" for a quote) or up to the next comma, trimmed */
static char *
read_column_name (const char **p, GError **error)
{
  GString *name = g_string_new (NULL);
  const char *q = *p;

  while (*q == ' ')
    q++;
  if (*q == '"')
    {
      for (q++;; q++)
        {
          if (*q == '\0')
            {
              g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                   _("--columns: a quoted column name does not end"));
              g_string_free (name, TRUE);
              return NULL;
            }
          if (*q == '"' && q[1] == '"')
            q++;
          else if (*q == '"')
            break;
          g_string_append_c (name, *q);
        }
      q++;
      while (*q == ' ')
        q++;
      if (*q != ',' && *q != '\0')
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--columns: after a quoted column name comes a comma or the end"));
          g_string_free (name, TRUE);
          return NULL;
        }
    }
  else
    {
      while (*q != ',' && *q != '\0')
        g_string_append_c (name, *q++);
      while (name->len > 0 && name->str[name->len - 1] == ' ')
        g_string_truncate (name, name->len - 1);
    }
  *p = q;
  return g_string_free (name, FALSE);
}

gboolean
sitmap_csv_parse_columns (const char *spec, SitmapImport *import, GError **error)
{
  g_autoptr (GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p = spec;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  while (*p != '\0')
    {
      const char *equals, *start;
      g_autofree char *field = NULL;
      char *column;
      gboolean known = FALSE;

      while (*p == ' ' || *p == ',')
        p++;
      if (*p == '\0')
        break;
      start = p;
      equals = strchr (p, '=');
      if (equals == NULL || (strchr (p, ',') != NULL && strchr (p, ',') < equals))
        {
          g_autofree char *pair = g_strndup (start, strcspn (start, ","));

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* TRANSLATORS: %s is what the user wrote; FIELD and COLUMN are placeholders */
                       _("--columns: “%s” has no “=”: write FIELD=COLUMN, for example latitude=lat"), pair);
          return FALSE;
        }
      field = g_strstrip (g_strndup (start, equals - start));
      for (guint f = 0; f < SITMAP_IMPORT_N_FIELDS; f++)
        known |= strcmp (field, sitmap_import_field_get_name (f)) == 0;
      if (!known)
        {
          g_autofree char *names = dup_field_names ();

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--columns: “%s” is not a field; the fields are %s"), field, names);
          return FALSE;
        }
      if (g_hash_table_contains (given, field))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--columns: “%s” is given twice"), field);
          return FALSE;
        }
      p = equals + 1;
      column = read_column_name (&p, error);
      if (column == NULL)
        return FALSE;
      g_hash_table_insert (given, g_steal_pointer (&field), column);
    }
  if (g_hash_table_size (given) == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--columns: no column is given: write FIELD=COLUMN, for example latitude=lat,longitude=lon"));
      return FALSE;
    }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, given);
    while (g_hash_table_iter_next (&iter, &key, &value))
      sitmap_import_set_option (import, key, value);
  }
  return TRUE;
}
